//! Saved bookmarks and reading positions (placeholder, being written).

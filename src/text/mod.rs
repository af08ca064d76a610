//! Display width, line wrapping and folding of text (placeholder, being written).

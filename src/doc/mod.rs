//! The document model and its parser (placeholder, being written).

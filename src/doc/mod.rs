//! The document model and its parser. Owns what a resolution is; knows
//! nothing of screens or terminals.

mod blocks;
pub mod check;
pub mod id;
mod inline;
pub mod load;
mod meta;
pub mod model;
mod parse;

pub use blocks::is_cjk;
pub use id::{ClauseId, Target};
pub use load::{LoadError, load_file};
pub use model::{Clause, ClauseKind, Document, Footnote, Lang, Metadata, RichText, Span, SpanKind};
pub use parse::parse;

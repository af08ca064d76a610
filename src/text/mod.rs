//! Text layout: display width, sanitizing, and CJK-correct line wrapping.
//!
//! Pure functions over `&str`, with no knowledge of documents, clauses or
//! the terminal. Everything measures width exactly as diglot draws it: one
//! grapheme cluster at a time, into cells, with [`grapheme_width`] deciding
//! how many cells. The wrapper returns byte ranges into the text it was
//! given, so styles attached to byte ranges (lead phrase, footnote marker,
//! search hit) survive wrapping.
//!
//! Must not: allocate per grapheme, rescan text (everything here is linear
//! in its input), or depend on ratatui.

mod breaks;
mod clusters;
mod sanitize;
mod width;
mod wrap;

pub use breaks::break_opportunities;
pub(crate) use clusters::clusters;
pub use sanitize::sanitize;
pub use width::{grapheme_width, str_width};
pub use wrap::{Line, WrapOptions, wrap};

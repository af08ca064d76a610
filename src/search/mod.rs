//! Search over both languages of a pair at once: clause text and footnote
//! text, Latin case-insensitive, full-width and half-width forms alike,
//! Chinese as plain substrings. Pure: a pair in, hits out; nothing here
//! knows about screens or terminals.
//!
//! [`SearchIndex::new`] folds the whole pair once into one string (see
//! [`fold`] for the rules); a query is then one forward scan of it, and each
//! match is mapped back to its exact byte range in the original clause or
//! footnote text, however folding changed byte lengths.
//!
//! Cost, on a pair 1000 times A/RES/67/189 (52 MB of text): the index takes
//! about 1.2 times the text and builds in about 0.1 s; counting, moving to
//! the next hit and finding the hits on screen each take at most a scan of
//! a few milliseconds. [`SearchIndex::find`] builds every hit, which for a
//! query such as `a` (two million hits) takes far longer: a reader asks for
//! [`SearchIndex::count`], [`SearchIndex::find_in_rows`],
//! [`SearchIndex::hit_from_row`], [`SearchIndex::hit_after`] and
//! [`SearchIndex::hits_before`] instead. `benches/search.rs` measures all of
//! them.

mod fold;
mod hits;
mod index;
mod report;
mod scan;

pub use fold::fold;
pub use hits::{hits_in, hits_in_footnote, next_hit, row_range, rows_with_hits, step_hit};
pub use index::SearchIndex;
pub use report::{
    CONTEXT_COLUMNS, HIT_CLOSE, HIT_OPEN, hit_label, hit_text, report_json, report_plain,
};

use crate::doc::Lang;

/// Where a hit is: a clause (by row) or a footnote (by its index in the
/// `footnotes` of the hit's language).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Clause { row: usize },
    Footnote { marker_index: usize },
}

/// One occurrence of the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub lang: Lang,
    pub place: Place,
    /// The row the hit is shown at: for a clause hit its row; for a
    /// footnote hit the first row whose clause (either language) refers to
    /// that footnote, if any.
    pub row: Option<usize>,
    /// Byte range in the original text (`Clause.text.text` or
    /// `Footnote.text.text`), on character boundaries.
    pub start: usize,
    pub end: usize,
}

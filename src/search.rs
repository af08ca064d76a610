//! Search (interim stub; the real index is on its own branch).
#![allow(clippy::unused_self, missing_docs)]

use crate::align::Pair;
use crate::doc::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Clause { row: usize },
    Footnote { marker_index: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub lang: Lang,
    pub place: Place,
    pub row: Option<usize>,
    pub start: usize,
    pub end: usize,
}

pub struct SearchIndex;

impl SearchIndex {
    pub fn new(_pair: &Pair) -> SearchIndex {
        SearchIndex
    }
    pub fn find(&self, _query: &str) -> Vec<Hit> {
        Vec::new()
    }
}

pub fn next_hit(hits: &[Hit], from_row: usize, forward: bool) -> Option<(usize, bool)> {
    let _ = (hits, from_row, forward);
    None
}

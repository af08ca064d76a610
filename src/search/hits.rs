//! Working with a sorted list of hits: what the reader highlights, where
//! `n` and `N` go, what the status line counts. Hits are in reading order
//! (see [`super::SearchIndex::find`]), so every lookup is a binary search.

use std::ops::Range;

use super::{Hit, Place};
use crate::doc::Lang;

/// The row a hit sorts at; footnotes nothing refers to sort after every row.
fn sort_row(hit: &Hit) -> usize {
    hit.row.unwrap_or(usize::MAX)
}

/// The index range of the hits shown at `row`: its clause hits, both
/// languages, then the hits in footnotes first referred to there.
pub fn row_range(hits: &[Hit], row: usize) -> Range<usize> {
    let start = hits.partition_point(|h| sort_row(h) < row);
    let end = start + hits[start..].partition_point(|h| sort_row(h) <= row);
    start..end
}

/// The hits in the clause of `row` in `lang`, in text order: what the
/// reader highlights in that cell.
pub fn hits_in(hits: &[Hit], row: usize, lang: Lang) -> impl Iterator<Item = &Hit> {
    hits[row_range(hits, row)]
        .iter()
        .filter(move |h| h.lang == lang && h.place == Place::Clause { row })
}

/// The hits in footnote `marker_index` of `lang`, shown at `row` (see
/// [`super::SearchIndex::footnote_row`]): what the footnote popup
/// highlights.
pub fn hits_in_footnote(
    hits: &[Hit],
    row: Option<usize>,
    lang: Lang,
    marker_index: usize,
) -> impl Iterator<Item = &Hit> {
    let range = match row {
        Some(row) => row_range(hits, row),
        None => hits.partition_point(|h| h.row.is_some())..hits.len(),
    };
    hits[range]
        .iter()
        .filter(move |h| h.lang == lang && h.place == Place::Footnote { marker_index })
}

/// The first hit at or after `from_row` (forward) or the last at or before
/// it (backward), wrapping around the document; `true` when it wrapped.
pub fn next_hit(hits: &[Hit], from_row: usize, forward: bool) -> Option<(usize, bool)> {
    if hits.is_empty() {
        return None;
    }
    if forward {
        let i = hits.partition_point(|h| sort_row(h) < from_row);
        Some(if i < hits.len() {
            (i, false)
        } else {
            (0, true)
        })
    } else {
        let i = hits.partition_point(|h| sort_row(h) <= from_row);
        Some(match i.checked_sub(1) {
            Some(i) => (i, false),
            None => (hits.len() - 1, true),
        })
    }
}

/// The hit after (or before) hit `current`, wrapping around; `true` when it
/// wrapped. What `n` and `N` do once a hit is current.
pub fn step_hit(len: usize, current: usize, forward: bool) -> Option<(usize, bool)> {
    if len == 0 {
        return None;
    }
    let current = current.min(len - 1);
    Some(match (forward, current) {
        (true, c) if c + 1 == len => (0, true),
        (true, c) => (c + 1, false),
        (false, 0) => (len - 1, true),
        (false, c) => (c - 1, false),
    })
}

/// How many distinct rows have a hit (footnote hits count at their row).
pub fn rows_with_hits(hits: &[Hit]) -> usize {
    let mut count = 0;
    let mut last = None;
    for hit in hits {
        if hit.row.is_some() && hit.row != last {
            count += 1;
            last = hit.row;
        }
    }
    count
}

//! The search index of a pair: every clause and footnote of both languages,
//! folded once into one string in reading order, so that a query is one
//! forward scan and its matches come out already sorted.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::fold::{FoldedText, OffsetMapper, fold};
use super::scan::Finder;
use super::{Hit, Place};
use crate::align::Pair;
use crate::doc::{Lang, RichText, SpanKind};

/// One searchable text: a clause or a footnote in one language.
#[derive(Clone, Copy, Debug)]
struct Unit {
    /// Where its folded text starts in [`FoldedText::text`].
    base: usize,
    /// The row it is shown at (for a footnote, the first row that refers to
    /// it), or [`NONE`] for a footnote nothing refers to.
    row: usize,
    /// Its index among the footnotes of its language, or [`NONE`] for a
    /// clause.
    footnote: usize,
    lang: Lang,
}

const NONE: usize = usize::MAX;

impl Unit {
    fn place(&self) -> Place {
        if self.footnote == NONE {
            Place::Clause { row: self.row }
        } else {
            Place::Footnote {
                marker_index: self.footnote,
            }
        }
    }

    fn row(&self) -> Option<usize> {
        (self.row != NONE).then_some(self.row)
    }
}

/// Folded text of a whole pair, built once, searched on every keystroke.
///
/// Units are laid out in reading order: row by row, the Chinese clause, the
/// English clause, then the footnotes that row is the first to refer to
/// (each marker Chinese then English); footnotes nothing refers to come
/// last. Footnote labels (`[2]`) are left out of the folded text: a search
/// for `2` does not stop at every reference to footnote 2, and `公约及`
/// finds `公约[2]及`.
///
/// Every query folds the query like the text and scans forward; overlapping
/// occurrences are taken left to right without overlap (`aa` in `aaaa` is
/// two hits). An empty query, or one containing `'\0'`, has no hits.
///
/// [`SearchIndex::find`] returns every hit, which is what a command wants.
/// A reader on a huge document asks for less on each keystroke:
/// [`SearchIndex::count`], [`SearchIndex::find_in_rows`] for the rows on
/// screen, [`SearchIndex::hit_from_row`] and [`SearchIndex::hit_after`] to
/// move, [`SearchIndex::hits_before`] for "hit 3 of 17". Each costs one scan
/// at most, never building a hit it does not return.
#[derive(Debug)]
pub struct SearchIndex {
    folded: FoldedText,
    units: Vec<Unit>,
    /// For each row, the index of its first unit; one extra entry at the end.
    row_units: Vec<usize>,
    /// For each footnote of each language (by index), its unit.
    footnote_units: [Vec<usize>; 2],
}

fn lang_slot(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 0,
        Lang::En => 1,
    }
}

const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];

/// The byte ranges of footnote labels, which the index leaves out.
fn labels(text: &RichText) -> impl Iterator<Item = Range<usize>> + '_ {
    text.spans
        .iter()
        .filter(|s| s.kind == SpanKind::FootnoteRef)
        .map(|s| s.start..s.end)
}

impl SearchIndex {
    /// Folds every clause and footnote of `pair`. Linear in its size.
    pub fn new(pair: &Pair) -> SearchIndex {
        let mut builder = Builder::new(pair);
        let mut row_units = Vec::with_capacity(pair.rows.len() + 1);
        for row in 0..pair.rows.len() {
            row_units.push(builder.units.len());
            let mut first_refs: Vec<&str> = Vec::new();
            for lang in LANGS {
                if let Some(clause) = pair.clause(row, lang) {
                    builder.push(lang, row, NONE, &clause.text);
                    first_refs.extend(
                        clause
                            .text
                            .footnote_markers()
                            .filter(|m| builder.referenced.insert(m)),
                    );
                }
            }
            for marker in first_refs {
                builder.push_footnotes(marker, row);
            }
        }
        row_units.push(builder.units.len());
        for lang in LANGS {
            for note in &pair.doc(lang).footnotes {
                if builder.referenced.insert(&note.marker) {
                    builder.push_footnotes(&note.marker, NONE);
                }
            }
        }
        let mut folded = builder.folded;
        folded.checkpoints.shrink_to_fit();
        folded.gaps.shrink_to_fit();
        SearchIndex {
            folded,
            units: builder.units,
            row_units,
            footnote_units: builder.footnote_units,
        }
    }

    /// Every hit of `query`, in reading order: by row, Chinese before
    /// English, a row's footnotes after its clauses, footnotes nothing
    /// refers to at the end.
    pub fn find(&self, query: &str) -> Vec<Hit> {
        let Some(finder) = Finder::new(&fold(query)) else {
            return Vec::new();
        };
        self.hits_in(&finder, 0..self.units.len()).collect()
    }

    /// The first `limit` hits of `query` in reading order: for a command that
    /// prints a bounded list from a huge document.
    pub fn find_limited(&self, query: &str, limit: usize) -> Vec<Hit> {
        let Some(finder) = Finder::new(&fold(query)) else {
            return Vec::new();
        };
        self.hits_in(&finder, 0..self.units.len())
            .take(limit)
            .collect()
    }

    /// The hits of `query` in rows `rows` only (what is on screen), in
    /// reading order, footnotes shown at those rows included. Costs what
    /// those rows are long, not what the document is.
    pub fn find_in_rows(&self, query: &str, rows: Range<usize>) -> Vec<Hit> {
        let Some(finder) = Finder::new(&fold(query)) else {
            return Vec::new();
        };
        let last = self.row_units.len() - 1;
        let at = |row: usize| self.row_units[row.min(last)];
        self.hits_in(&finder, at(rows.start)..at(rows.end.max(rows.start)))
            .collect()
    }

    /// The number of hits of `query`, without building them.
    pub fn count(&self, query: &str) -> usize {
        Finder::new(&fold(query)).map_or(0, |f| f.count(self.folded.text.as_bytes()))
    }

    /// How many hits of `query` come before `hit` in reading order: its
    /// index in [`SearchIndex::find`], for "hit 3 of 17".
    pub fn hits_before(&self, query: &str, hit: &Hit) -> usize {
        let (Some(finder), Some(unit)) = (Finder::new(&fold(query)), self.unit_of(hit)) else {
            return 0;
        };
        let base = self.units[unit].base;
        finder.count(&self.folded.text.as_bytes()[..base])
            + self
                .hits_in(&finder, unit..unit + 1)
                .take_while(|h| h.start < hit.start)
                .count()
    }

    /// The first hit at or after `row` (forward), or the last at or before
    /// it (backward), wrapping around the document; `true` when it wrapped.
    /// Like [`super::next_hit`] on the result of [`SearchIndex::find`].
    pub fn hit_from_row(&self, query: &str, row: usize, forward: bool) -> Option<(Hit, bool)> {
        let finder = Finder::new(&fold(query))?;
        let all = self.units.len();
        let last_row = self.row_units.len() - 1;
        if forward {
            let split = self.row_units[row.min(last_row)];
            self.first_in(&finder, split..all)
                .map(|h| (h, false))
                .or_else(|| self.first_in(&finder, 0..split).map(|h| (h, true)))
        } else {
            let split = if row == NONE {
                all
            } else {
                self.row_units[row.saturating_add(1).min(last_row)]
            };
            self.last_in(&finder, 0..split)
                .map(|h| (h, false))
                .or_else(|| self.last_in(&finder, split..all).map(|h| (h, true)))
        }
    }

    /// The hit after (or before) `hit`, wrapping around the document;
    /// `true` when it wrapped. What `n` and `N` do.
    pub fn hit_after(&self, query: &str, hit: &Hit, forward: bool) -> Option<(Hit, bool)> {
        let finder = Finder::new(&fold(query))?;
        let unit = self.unit_of(hit)?;
        let all = self.units.len();
        let same = |h: &Hit| (h.lang, h.place) == (hit.lang, hit.place);
        if forward {
            self.hits_in(&finder, unit..all)
                .find(|h| !same(h) || h.start > hit.start)
                .map(|h| (h, false))
                .or_else(|| self.first_in(&finder, 0..all).map(|h| (h, true)))
        } else {
            self.hits_in(&finder, unit..unit + 1)
                .take_while(|h| h.start < hit.start)
                .last()
                .or_else(|| self.last_in(&finder, 0..unit))
                .map(|h| (h, false))
                .or_else(|| self.last_in(&finder, unit..all).map(|h| (h, true)))
        }
    }

    /// The row a footnote is shown at: the first row whose clause, in either
    /// language, refers to it.
    pub fn footnote_row(&self, lang: Lang, marker_index: usize) -> Option<usize> {
        let unit = *self.footnote_units[lang_slot(lang)].get(marker_index)?;
        self.units.get(unit)?.row()
    }

    /// Approximately how many bytes the index holds.
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.folded.memory_bytes()
            + self.units.capacity() * std::mem::size_of::<Unit>()
            + self.row_units.capacity() * std::mem::size_of::<usize>()
            + self
                .footnote_units
                .iter()
                .map(|v| v.capacity() * std::mem::size_of::<usize>())
                .sum::<usize>()
    }

    /// The unit a hit is in.
    fn unit_of(&self, hit: &Hit) -> Option<usize> {
        match hit.place {
            Place::Clause { row } => {
                let units = *self.row_units.get(row)?..*self.row_units.get(row + 1)?;
                units.into_iter().find(|&u| {
                    let unit = &self.units[u];
                    unit.lang == hit.lang && unit.footnote == NONE
                })
            }
            Place::Footnote { marker_index } => self.footnote_units[lang_slot(hit.lang)]
                .get(marker_index)
                .copied(),
        }
    }

    fn first_in(&self, finder: &Finder, units: Range<usize>) -> Option<Hit> {
        self.hits_in(finder, units).next()
    }

    /// The last hit in `units`, scanning windows that double backwards from
    /// the end: costs what the distance to that hit is, not the document.
    fn last_in(&self, finder: &Finder, units: Range<usize>) -> Option<Hit> {
        let mut end = units.end;
        let mut width = 64usize;
        while end > units.start {
            let start = end.saturating_sub(width).max(units.start);
            if let Some(hit) = self.hits_in(finder, start..end).last() {
                return Some(hit);
            }
            end = start;
            width = width.saturating_mul(2);
        }
        None
    }

    /// The hits in `units`, lazily, each mapped back to its original text.
    fn hits_in<'a>(
        &'a self,
        finder: &'a Finder,
        units: Range<usize>,
    ) -> impl Iterator<Item = Hit> + 'a {
        let text = self.folded.text.as_bytes();
        let base = |u: usize| self.units.get(u).map_or(text.len(), |unit| unit.base);
        let (from, to) = (base(units.start), base(units.end.max(units.start)));
        let mut mapper = OffsetMapper::new(&self.folded, from);
        let mut unit_index = units.start;
        finder.find_iter(&text[from..to]).map(move |offset| {
            let start = from + offset;
            let end = start + finder.len();
            while unit_index + 1 < units.end && self.units[unit_index + 1].base <= start {
                unit_index += 1;
            }
            let unit = self.units[unit_index];
            Hit {
                lang: unit.lang,
                place: unit.place(),
                row: unit.row(),
                start: mapper.start(unit.base, start),
                end: mapper.end(unit.base, end),
            }
        })
    }
}

/// Lays out the units of a pair in reading order.
struct Builder<'p> {
    pair: &'p Pair,
    /// Footnote indices by marker, per language; a marker defined twice
    /// keeps both definitions together.
    by_marker: [HashMap<&'p str, Vec<usize>>; 2],
    /// Markers whose footnotes are placed already.
    referenced: HashSet<&'p str>,
    folded: FoldedText,
    units: Vec<Unit>,
    footnote_units: [Vec<usize>; 2],
}

impl<'p> Builder<'p> {
    fn new(pair: &'p Pair) -> Self {
        let mut by_marker: [HashMap<&str, Vec<usize>>; 2] = [HashMap::new(), HashMap::new()];
        let mut bytes = 0;
        let mut units = 0;
        for lang in LANGS {
            let doc = pair.doc(lang);
            for (i, note) in doc.footnotes.iter().enumerate() {
                by_marker[lang_slot(lang)]
                    .entry(note.marker.as_str())
                    .or_default()
                    .push(i);
            }
            let texts = doc
                .clauses
                .iter()
                .map(|c| &c.text.text)
                .chain(doc.footnotes.iter().map(|f| &f.text.text));
            for text in texts {
                bytes += text.len() + 1;
                units += 1;
            }
        }
        Builder {
            pair,
            by_marker,
            referenced: HashSet::new(),
            folded: FoldedText {
                text: String::with_capacity(bytes),
                ..FoldedText::default()
            },
            units: Vec::with_capacity(units),
            footnote_units: [
                vec![NONE; pair.zh.footnotes.len()],
                vec![NONE; pair.en.footnotes.len()],
            ],
        }
    }

    fn push(&mut self, lang: Lang, row: usize, footnote: usize, text: &RichText) {
        let base = self.folded.push_unit(&text.text, labels(text));
        self.units.push(Unit {
            base,
            row,
            footnote,
            lang,
        });
    }

    /// The footnotes with `marker`, Chinese then English, shown at `row`.
    fn push_footnotes(&mut self, marker: &str, row: usize) {
        let pair = self.pair;
        for lang in LANGS {
            let slot = lang_slot(lang);
            let Some(indices) = self.by_marker[slot].get(marker) else {
                continue;
            };
            for i in indices.clone() {
                self.footnote_units[slot][i] = self.units.len();
                let text = &pair.doc(lang).footnotes[i].text;
                self.push(lang, row, i, text);
            }
        }
    }
}

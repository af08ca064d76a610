//! The search index of a pair: every clause and footnote of both languages,
//! folded once into one string in reading order, so that a query is one
//! forward scan and its matches come out already sorted.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::fold::{FoldedText, OffsetMapper, SEPARATOR, fold};
use super::{Hit, Place};
use crate::align::Pair;
use crate::doc::{Lang, RichText, SpanKind};

/// One searchable text: a clause or a footnote in one language.
#[derive(Clone, Copy, Debug)]
struct Unit {
    /// Where its folded text starts in [`FoldedText::text`].
    base: usize,
    lang: Lang,
    place: Place,
    /// The row it is shown at (for a footnote, the first row that refers to
    /// it), or `None` for a footnote nothing refers to.
    row: Option<usize>,
}

/// Folded text of a whole pair, built once, searched on every keystroke.
///
/// Units are laid out in reading order: row by row, the Chinese clause, the
/// English clause, then the footnotes that row is the first to refer to
/// (each marker Chinese then English); footnotes nothing refers to come
/// last. Footnote labels (`[2]`) are left out of the folded text: a search
/// for `2` does not stop at every reference to footnote 2, and `公约及`
/// finds `公约[2]及`.
#[derive(Debug)]
pub struct SearchIndex {
    folded: FoldedText,
    units: Vec<Unit>,
    /// For each row, the index of its first unit; one extra entry at the end.
    row_units: Vec<usize>,
    /// For each footnote of each language (by index), the row it is shown at.
    footnote_rows: [Vec<Option<usize>>; 2],
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
                    builder.push(lang, Place::Clause { row }, Some(row), &clause.text);
                    first_refs.extend(
                        clause
                            .text
                            .footnote_markers()
                            .filter(|m| builder.referenced.insert(m)),
                    );
                }
            }
            for marker in first_refs {
                builder.push_footnotes(marker, Some(row));
            }
        }
        row_units.push(builder.units.len());
        for lang in LANGS {
            for note in &pair.doc(lang).footnotes {
                if builder.referenced.insert(&note.marker) {
                    builder.push_footnotes(&note.marker, None);
                }
            }
        }
        SearchIndex {
            folded: builder.folded,
            units: builder.units,
            row_units,
            footnote_rows: builder.footnote_rows,
        }
    }

    /// Every hit of `query`, in reading order (see [`SearchIndex`]): by
    /// row, Chinese before English, a row's footnotes after its clauses,
    /// footnotes nothing refers to at the end.
    ///
    /// The query is folded like the text. Occurrences that overlap are
    /// counted left to right without overlap: `aa` in `aaaa` is two hits.
    /// An empty query, or one containing `'\0'`, has no hits.
    pub fn find(&self, query: &str) -> Vec<Hit> {
        self.find_in(query, 0..self.units.len())
    }

    /// The hits of `query` in rows `rows` only (what is on screen), in
    /// reading order; footnotes shown at those rows included. Costs what
    /// those rows are long, not what the document is.
    pub fn find_in_rows(&self, query: &str, rows: Range<usize>) -> Vec<Hit> {
        let units = self.unit_range(rows);
        self.find_in(query, units)
    }

    /// The number of hits of `query`, without building them.
    pub fn count(&self, query: &str) -> usize {
        let needle = fold(query);
        if needle.is_empty() || needle.contains(SEPARATOR) {
            return 0;
        }
        self.folded.text.matches(needle.as_str()).count()
    }

    /// The row a footnote is shown at: the first row whose clause, in either
    /// language, refers to it.
    pub fn footnote_row(&self, lang: Lang, marker_index: usize) -> Option<usize> {
        self.footnote_rows[lang_slot(lang)]
            .get(marker_index)
            .copied()
            .flatten()
    }

    /// Approximately how many bytes the index holds.
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.folded.memory_bytes()
            + self.units.capacity() * std::mem::size_of::<Unit>()
            + self.row_units.capacity() * std::mem::size_of::<usize>()
            + self
                .footnote_rows
                .iter()
                .map(|v| v.capacity() * std::mem::size_of::<Option<usize>>())
                .sum::<usize>()
    }

    fn unit_range(&self, rows: Range<usize>) -> Range<usize> {
        let last = self.row_units.len() - 1;
        let at = |row: usize| self.row_units[row.min(last)];
        at(rows.start)..at(rows.end.max(rows.start))
    }

    fn find_in(&self, query: &str, units: Range<usize>) -> Vec<Hit> {
        let needle = fold(query);
        if needle.is_empty() || needle.contains(SEPARATOR) || units.is_empty() {
            return Vec::new();
        }
        let text = &self.folded.text;
        let from = self.units[units.start].base;
        let to = self
            .units
            .get(units.end)
            .map_or(text.len(), |unit| unit.base);
        let mut mapper = OffsetMapper::new(&self.folded, from);
        let mut unit_index = units.start;
        let mut hits = Vec::new();
        for (offset, matched) in text[from..to].match_indices(needle.as_str()) {
            let start = from + offset;
            let end = start + matched.len();
            while unit_index + 1 < units.end && self.units[unit_index + 1].base <= start {
                unit_index += 1;
            }
            let unit = self.units[unit_index];
            hits.push(Hit {
                lang: unit.lang,
                place: unit.place,
                row: unit.row,
                start: mapper.start(unit.base, start),
                end: mapper.end(unit.base, end),
            });
        }
        hits
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
    footnote_rows: [Vec<Option<usize>>; 2],
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
            footnote_rows: [
                vec![None; pair.zh.footnotes.len()],
                vec![None; pair.en.footnotes.len()],
            ],
        }
    }

    fn push(&mut self, lang: Lang, place: Place, row: Option<usize>, text: &RichText) {
        let base = self.folded.push_unit(&text.text, labels(text));
        self.units.push(Unit {
            base,
            lang,
            place,
            row,
        });
    }

    /// The footnotes with `marker`, Chinese then English, shown at `row`.
    fn push_footnotes(&mut self, marker: &str, row: Option<usize>) {
        let pair = self.pair;
        for lang in LANGS {
            let slot = lang_slot(lang);
            let Some(indices) = self.by_marker[slot].get(marker) else {
                continue;
            };
            for i in indices.clone() {
                self.footnote_rows[slot][i] = row;
                let text = &pair.doc(lang).footnotes[i].text;
                self.push(lang, Place::Footnote { marker_index: i }, row, text);
            }
        }
    }
}

//! What `diglot search QUERY` prints: one line per clause or footnote with
//! its hits marked in context, or the hits as JSON.
//!
//! Hits are marked `«` `»`: neither is East Asian Ambiguous, so they are one
//! column wide in every terminal (checked in the tests). Cut context is shown
//! as `...`, not `…`, which is ambiguous.

use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{Hit, Place, rows_with_hits};
use crate::align::Pair;
use crate::doc::{Lang, RichText};

/// Columns of context shown on each side of a hit.
pub const CONTEXT_COLUMNS: usize = 60;
pub const HIT_OPEN: &str = "«";
pub const HIT_CLOSE: &str = "»";
const CUT: &str = "...";

/// The text a hit is in.
pub fn hit_text<'p>(pair: &'p Pair, hit: &Hit) -> Option<&'p RichText> {
    match hit.place {
        Place::Clause { row } => pair.clause(row, hit.lang).map(|c| &c.text),
        Place::Footnote { marker_index } => pair
            .doc(hit.lang)
            .footnotes
            .get(marker_index)
            .map(|f| &f.text),
    }
}

/// The label of the place a hit is in: `op14`, `fn2 (op4)`, `fn*`.
pub fn hit_label(pair: &Pair, hit: &Hit) -> String {
    let row_id = hit.row.and_then(|r| pair.rows.get(r)).map(|r| &r.id);
    match (hit.place, row_id) {
        (Place::Clause { .. }, Some(id)) => id.to_string(),
        (Place::Footnote { marker_index }, clause) => {
            let marker = pair
                .doc(hit.lang)
                .footnotes
                .get(marker_index)
                .map_or("?", |f| f.marker.as_str());
            match clause {
                Some(id) => format!("fn{marker} ({id})"),
                None => format!("fn{marker}"),
            }
        }
        (Place::Clause { row }, None) => format!("row{row}"),
    }
}

fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Where the context before `at` starts: at most [`CONTEXT_COLUMNS`]
/// columns, never inside a grapheme cluster.
fn context_start(text: &str, at: usize) -> usize {
    let mut columns = 0;
    let mut start = at;
    for (i, g) in text[..at].grapheme_indices(true).rev() {
        columns += width(g).max(1);
        if columns > CONTEXT_COLUMNS {
            break;
        }
        start = i;
    }
    start
}

/// Where the context after `at` ends.
fn context_end(text: &str, at: usize) -> usize {
    let mut columns = 0;
    let mut end = at;
    for g in text[at..].graphemes(true) {
        columns += width(g).max(1);
        if columns > CONTEXT_COLUMNS {
            break;
        }
        end += g.len();
    }
    end
}

/// A hit range that is valid in `text` (hits from another pair could be
/// anything).
fn checked(text: &str, hit: &Hit) -> Option<Range<usize>> {
    (hit.start <= hit.end
        && hit.end <= text.len()
        && text.is_char_boundary(hit.start)
        && text.is_char_boundary(hit.end))
    .then_some(hit.start..hit.end)
}

fn push_flat(out: &mut String, s: &str) {
    out.extend(s.chars().map(|c| if c == '\n' { ' ' } else { c }));
}

/// One line for the hits of one clause or footnote: each hit with its
/// context, windows that touch merged, the others joined by ` ... `.
fn excerpt(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < ranges.len() {
        let window_start = context_start(text, ranges[i].start);
        let mut window_end = context_end(text, ranges[i].end);
        let mut j = i + 1;
        while j < ranges.len() && context_start(text, ranges[j].start) <= window_end {
            window_end = context_end(text, ranges[j].end);
            j += 1;
        }
        if i > 0 {
            // Windows that do not touch: the gap between them is cut.
            out.push(' ');
            out.push_str(CUT);
            out.push(' ');
        } else if window_start > 0 {
            out.push_str(CUT);
        }
        let mut at = window_start;
        for r in &ranges[i..j] {
            push_flat(&mut out, &text[at..r.start]);
            out.push_str(HIT_OPEN);
            push_flat(&mut out, &text[r.clone()]);
            out.push_str(HIT_CLOSE);
            at = r.end;
        }
        push_flat(&mut out, &text[at..window_end]);
        if window_end < text.len() && j == ranges.len() {
            out.push_str(CUT);
        }
        i = j;
    }
    out
}

/// The hits of one clause or footnote: consecutive in reading order.
fn groups(hits: &[Hit]) -> impl Iterator<Item = &[Hit]> {
    hits.chunk_by(|a, b| (a.lang, a.place) == (b.lang, b.place))
}

/// `diglot search QUERY`: per clause or footnote with hits, a line with its
/// id, language and the text around the hits (hits marked `«…»`), then a
/// summary `N hits in M clauses` (a footnote's hits count at the clause
/// that first refers to it). Ends with a newline.
pub fn report_plain(pair: &Pair, hits: &[Hit]) -> String {
    let lines: Vec<(String, Lang, String)> = groups(hits)
        .filter_map(|group| {
            let first = group.first()?;
            let text = &hit_text(pair, first)?.text;
            let ranges: Vec<Range<usize>> = group.iter().filter_map(|h| checked(text, h)).collect();
            Some((hit_label(pair, first), first.lang, excerpt(text, &ranges)))
        })
        .collect();
    let label_width = lines.iter().map(|(l, ..)| width(l)).max().unwrap_or(0);
    let mut out = String::new();
    for (label, lang, text) in &lines {
        let pad = label_width - width(label);
        let _ = writeln!(out, "{label}{:pad$}  {}  {text}", "", lang.code());
    }
    let rows = rows_with_hits(hits);
    let _ = writeln!(
        out,
        "{} {} in {rows} {}",
        hits.len(),
        if hits.len() == 1 { "hit" } else { "hits" },
        if rows == 1 { "clause" } else { "clauses" },
    );
    out
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Clause,
    Footnote,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    /// The clause id (`op14`), or for a footnote `fn2`.
    id: String,
    lang: Lang,
    kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<&'a str>,
    /// For a footnote, the clause that first refers to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    clause: Option<String>,
    start: usize,
    end: usize,
    text_before: &'a str,
    hit: &'a str,
    text_after: &'a str,
}

/// `diglot search QUERY --json`: an array with one object per hit:
/// `id`, `lang`, `kind` (`clause` or `footnote`), `marker` and `clause`
/// (footnotes only), `start` and `end` (byte offsets in the clause or
/// footnote text), `text_before`, `hit`, `text_after` (context as in the
/// plain report, uncut). Ends with a newline.
pub fn report_json(pair: &Pair, hits: &[Hit]) -> String {
    let entries: Vec<JsonHit> = hits
        .iter()
        .filter_map(|hit| {
            let text = &hit_text(pair, hit)?.text;
            let range = checked(text, hit)?;
            let row_id = || {
                hit.row
                    .and_then(|r| pair.rows.get(r))
                    .map(|r| r.id.to_string())
            };
            let (id, kind, marker, clause) = match hit.place {
                Place::Clause { row } => (
                    row_id().unwrap_or_else(|| format!("row{row}")),
                    Kind::Clause,
                    None,
                    None,
                ),
                Place::Footnote { marker_index } => {
                    let marker = pair
                        .doc(hit.lang)
                        .footnotes
                        .get(marker_index)?
                        .marker
                        .as_str();
                    (
                        format!("fn{marker}"),
                        Kind::Footnote,
                        Some(marker),
                        row_id(),
                    )
                }
            };
            Some(JsonHit {
                id,
                lang: hit.lang,
                kind,
                marker,
                clause,
                start: range.start,
                end: range.end,
                text_before: &text[context_start(text, range.start)..range.start],
                hit: &text[range.clone()],
                text_after: &text[range.end..context_end(text, range.end)],
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&entries).unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}

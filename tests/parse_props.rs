//! Properties of the parser, the aligner and the checks over arbitrary
//! text and over text built from the format's own fragments: no panic, and
//! the output keeps its invariants.

use std::collections::HashSet;

use diglot::align::{Pair, align, pair_problems};
use diglot::doc::{Document, RichText, SpanKind, check, parse};
use proptest::prelude::*;

/// Pieces of the input format, and of text around it, that the fragment
/// strategy strings together.
const FRAGMENTS: &[&str] = &[
    "**",
    "*",
    "_",
    "<sup>",
    "</sup>",
    "<sup>1</sup>",
    "<sup>2</sup> ",
    "<sup>*</sup>",
    "<sup>12345678</sup>",
    "<sup>123456789</sup>",
    "---",
    "## ",
    "# ",
    "12. ",
    "1. ",
    "3.",
    "(a) ",
    "(b) ",
    "(h) ",
    "(i) ",
    "(ii) ",
    "(v) ",
    "\\* ",
    "\\",
    "\\_",
    "67/189. ",
    "重申",
    "大会，",
    "附件",
    "第 60 次全体会议",
    "2012 年 12 月 20 日",
    "Annex",
    "II",
    "A.",
    "20 December 2012",
    "60th plenary meeting",
    "Recalling",
    "word",
    " ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "  \n",
    "\r",
    "\u{feff}",
    "\u{1b}",
    "é",
    "👍🏽",
    "e\u{301}",
];

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
            1 => "\\PC{0,6}",
        ],
        0..96,
    )
    .prop_map(|parts| parts.concat())
}

/// Spans sorted, non-empty, non-overlapping, on char boundaries within the
/// text; every footnote reference reads `[marker]`.
fn assert_rich(rich: &RichText, what: &str) {
    let mut end = 0;
    for s in &rich.spans {
        assert!(s.start < s.end, "{what}: empty span {s:?}");
        assert!(s.start >= end, "{what}: overlap at {s:?}");
        assert!(s.end <= rich.text.len(), "{what}: {s:?} past the end");
        assert!(rich.text.is_char_boundary(s.start), "{what}: {s:?}");
        assert!(rich.text.is_char_boundary(s.end), "{what}: {s:?}");
        end = s.end;
    }
    let refs: Vec<&str> = rich
        .spans
        .iter()
        .filter(|s| s.kind == SpanKind::FootnoteRef)
        .map(|s| &rich.text[s.start..s.end])
        .collect();
    let markers: Vec<&str> = rich.footnote_markers().collect();
    assert_eq!(refs.len(), markers.len(), "{what}");
    for (label, marker) in refs.iter().zip(&markers) {
        assert_eq!(*label, format!("[{marker}]"), "{what}");
    }
    if let Some(lead) = rich.lead() {
        assert!(rich.text.starts_with(lead), "{what}: lead {lead:?}");
    }
}

fn assert_document(doc: &Document, source: &str) {
    let mut ids = HashSet::new();
    let lines = source.split('\n').count();
    let mut previous_line = 0;
    for c in &doc.clauses {
        assert!(ids.insert(&c.id), "duplicate clause id {}", c.id);
        assert!(c.line > previous_line, "{} at line {}", c.id, c.line);
        assert!(c.line <= lines, "{} at line {} of {lines}", c.id, c.line);
        previous_line = c.line;
        assert_rich(&c.text, &c.id.to_string());
    }
    let mut markers = HashSet::new();
    for f in &doc.footnotes {
        assert!(markers.insert(&f.marker), "footnote {} twice", f.marker);
        assert!(
            !f.marker.is_empty() && f.marker.len() <= 8,
            "{:?}",
            f.marker
        );
        assert!(f.line >= 1 && f.line <= lines);
        assert_rich(&f.text, &format!("footnote {}", f.marker));
    }
    let problems = check::problems(doc);
    assert!(problems.windows(2).all(|w| w[0].line <= w[1].line));
}

/// Every clause of each side appears in exactly one row, in order.
fn assert_alignment(zh: &Document, en: &Document) {
    let rows = align(zh, en);
    for (side, len, pick) in [
        (
            "zh",
            zh.clauses.len(),
            (|r: &diglot::align::Row| r.zh) as fn(&_) -> _,
        ),
        ("en", en.clauses.len(), |r: &diglot::align::Row| r.en),
    ] {
        let seen: Vec<usize> = rows.iter().filter_map(pick).collect();
        assert_eq!(seen, (0..len).collect::<Vec<_>>(), "{side} side");
    }
    for row in &rows {
        assert!(row.zh.is_some() || row.en.is_some());
        if let Some(i) = row.zh {
            assert_eq!(zh.clauses[i].id, row.id);
        }
        if let Some(j) = row.en {
            assert_eq!(en.clauses[j].id, row.id);
        }
    }
    let _ = pair_problems(zh, en, &rows);
}

fn exercise(source: &str, other_source: &str) {
    let doc = parse(source);
    assert_document(&doc, source);
    let other = parse(other_source);
    assert_document(&other, other_source);
    assert_alignment(&doc, &other);
    assert_alignment(&other, &doc);
    // A document against itself: every row has both sides, and the only
    // problems are each side's own.
    let pair = Pair::new(doc.clone(), doc.clone());
    assert_eq!(pair.rows.len(), doc.clauses.len());
    for (i, row) in pair.rows.iter().enumerate() {
        assert_eq!((row.zh, row.en), (Some(i), Some(i)));
    }
    let own = check::problems(&doc).len();
    assert_eq!(pair_problems(&pair.zh, &pair.en, &pair.rows).len(), 2 * own);
}

proptest! {
    // Failures are not persisted to a file: a case worth keeping goes into
    // tests/parse_regressions.rs as a plain test.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text(source in any::<String>(), other in any::<String>()) {
        exercise(&source, &other);
    }

    #[test]
    fn format_fragments(source in fragments(), other in fragments()) {
        exercise(&source, &other);
    }

    /// Plain words, spaces and line breaks, with no markup at all: every
    /// word comes out in some clause, nothing is dropped.
    #[test]
    fn plain_text_is_never_dropped(
        words in prop::collection::vec(
            prop_oneof![
                "[a-z]{1,8}",
                "[\u{4e00}-\u{4e2f}]{1,4}",
                Just("\n".to_owned()),
                Just("\n\n".to_owned()),
                Just("  \n".to_owned()),
            ],
            1..64,
        )
    ) {
        let source = words.join(" ");
        let doc = parse(&source);
        assert_document(&doc, &source);
        let all: String = doc
            .clauses
            .iter()
            .map(|c| c.text.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        for word in source.split_whitespace() {
            prop_assert!(all.contains(word), "{word:?} lost from {source:?}: {all:?}");
        }
    }
}

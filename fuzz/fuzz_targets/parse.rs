//! Feeds arbitrary bytes to the parser, the aligner and the checks: the raw
//! text when the bytes are valid UTF-8 (also through `load::parse_checked`,
//! the path files take), else their lossy UTF-8 decoding. None of them may
//! panic, and the parser's output keeps its invariants.

#![no_main]

use std::path::Path;

use diglot::align::{Pair, pair_problems};
use diglot::doc::{Document, SpanKind, check, load, parse};
use libfuzzer_sys::fuzz_target;

fn exercise(text: &str) {
    let doc = parse(text);
    assert_invariants(&doc);
    let _ = check::problems(&doc);
    let _ = check::counts(&doc);
    // The document against itself and against an empty one: both sides of
    // every alignment path.
    let pair = Pair::new(doc.clone(), doc.clone());
    let _ = pair_problems(&pair.zh, &pair.en, &pair.rows);
    let empty = parse("");
    let pair = Pair::new(doc, empty);
    let _ = pair_problems(&pair.zh, &pair.en, &pair.rows);
}

fn assert_invariants(doc: &Document) {
    let mut ids = std::collections::HashSet::new();
    for clause in &doc.clauses {
        assert!(ids.insert(&clause.id), "duplicate id {}", clause.id);
    }
    let texts = doc
        .clauses
        .iter()
        .map(|c| &c.text)
        .chain(doc.footnotes.iter().map(|f| &f.text));
    for rich in texts {
        let mut end = 0;
        for span in &rich.spans {
            assert!(span.start >= end && span.start < span.end, "{span:?}");
            assert!(span.end <= rich.text.len());
            assert!(rich.text.is_char_boundary(span.start));
            assert!(rich.text.is_char_boundary(span.end));
            end = span.end;
            if span.kind == SpanKind::FootnoteRef {
                let label = &rich.text[span.start..span.end];
                assert!(label.starts_with('[') && label.ends_with(']'), "{label}");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(text) => {
            exercise(text);
            let _ = load::parse_checked(text, Path::new("fuzz-input"));
        }
        Err(_) => exercise(&String::from_utf8_lossy(data)),
    }
});

//! Bugs found while hardening the parser, each pinned by the input that
//! showed it. Inputs found by the fuzzer go here too (see docs/FUZZING.md).

use std::time::{Duration, Instant};

use diglot::doc::{SpanKind, parse};

/// Generous for a debug build on a slow machine; the quadratic versions
/// took seconds to minutes on these inputs.
const FAST: Duration = Duration::from_secs(2);

/// A paired `**` whose content is many `* ` toggles over whitespace used to
/// rescan the whole output at every toggle (16 s for 80 KB in debug).
#[test]
fn lead_detection_over_whitespace_is_linear() {
    let src = format!("** {}**", "* ".repeat(100_000));
    let started = Instant::now();
    let doc = parse(&src);
    assert!(started.elapsed() < FAST, "took {:?}", started.elapsed());
    assert_eq!(doc.clauses.len(), 1);
    // Nothing but whitespace inside the delimiters: the clause is empty.
    assert_eq!(doc.clauses[0].text.text, "");
    let doc = parse("**重申**其决议");
    let c = &doc.clauses[0].text;
    assert_eq!(c.lead(), Some("重申"));
    assert_eq!(c.spans.len(), 1);
    assert_eq!(c.spans[0].kind, SpanKind::Lead);
}

//! Inputs built to be slow or deep: each must give the right answer in
//! linear time. Limits are generous for a debug build on a slow machine;
//! the quadratic spots these guard against took seconds to minutes.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use diglot::align::{Pair, pair_problems};
use diglot::doc::{ClauseId, LoadError, SpanKind, check, load, load_file, parse};

/// CPU time, not wall time: the test machine may be busy with other work,
/// and only this work should count against the limit.
const LIMIT: Duration = Duration::from_secs(3);

/// CPU time used by this thread, from `/proc` (Linux reports it in ticks of
/// 1/100 s); `None` where that is not available.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name, which is in parentheses: state is the
    // first, user and system time the twelfth and thirteenth.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

/// Runs `f`, failing if it takes longer than `LIMIT` of CPU time (of wall
/// time where CPU time cannot be read).
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let cpu = thread_cpu();
    let wall = Instant::now();
    let out = f();
    let took = match (cpu, thread_cpu()) {
        (Some(before), Some(after)) => after.saturating_sub(before),
        _ => wall.elapsed(),
    };
    println!("{what}: {took:?} CPU, {:?} wall", wall.elapsed());
    assert!(took < LIMIT, "{what} took {took:?}");
    out
}

#[test]
fn hundred_thousand_nested_strong() {
    // Adjacent `**` pair up as empty runs; what is left is plain text.
    let even = format!("{0}x{0}", "**".repeat(100_000));
    let doc = timed("even", || parse(&even));
    assert_eq!(doc.clauses.len(), 1);
    assert_eq!(doc.clauses[0].id, ClauseId::Pp(1));
    assert_eq!(doc.clauses[0].text.text, "x");
    assert!(doc.clauses[0].text.spans.is_empty());
    // With an odd count the last opener before `x` meets the first closer
    // after it: `x` is the lead phrase.
    let odd = format!("{0}x{0}", "**".repeat(100_001));
    let doc = timed("odd", || parse(&odd));
    assert_eq!(doc.clauses[0].text.text, "x");
    assert_eq!(doc.clauses[0].text.lead(), Some("x"));
    // Unpaired openers only: all literal.
    let open = format!("{}x", "** ".repeat(100_000));
    let doc = timed("open", || parse(&open));
    assert_eq!(doc.clauses[0].text.text, open);
}

#[test]
fn hundred_thousand_footnote_references() {
    let src = format!("1. x{}", "<sup>1</sup>".repeat(100_000));
    let doc = timed("parse", || parse(&src));
    let op1 = &doc.clauses[0];
    assert_eq!(op1.id, ClauseId::Op(1));
    assert_eq!(op1.text.text, format!("x{}", "[1]".repeat(100_000)));
    assert_eq!(op1.text.spans.len(), 100_000);
    assert!(
        op1.text
            .spans
            .iter()
            .all(|s| s.kind == SpanKind::FootnoteRef && s.end - s.start == 3)
    );
    assert_eq!(op1.text.footnote_markers().count(), 100_000);
    // One undefined footnote, however often it is referenced, is one problem.
    let problems = timed("check", || check::problems(&doc));
    assert_eq!(
        problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["line 1: op1 refers to footnote 1, which is not defined"]
    );
    let pair = timed("pair", || Pair::new(doc.clone(), doc.clone()));
    let found = timed("pair problems", || {
        pair_problems(&pair.zh, &pair.en, &pair.rows)
    });
    assert_eq!(found.len(), 2);
}

#[test]
fn three_megabyte_single_line() {
    let mut src = String::from("1. *Decides* ");
    while src.len() < 3_000_000 {
        src.push_str("灯塔 lighthouse ");
    }
    let doc = timed("parse", || parse(&src));
    assert_eq!(doc.clauses.len(), 1);
    let op1 = &doc.clauses[0].text;
    assert_eq!(
        op1.text,
        format!("Decides {}", src["1. *Decides* ".len()..].trim_end())
    );
    assert_eq!(op1.lead(), Some("Decides"));
    // The same without any markup as a pair and through the checks.
    let plain = "灯".repeat(1_000_000);
    let doc = timed("plain", || parse(&plain));
    assert_eq!(doc.clauses[0].text.text.len(), 3_000_000);
    let pair = timed("pair", || Pair::new(doc.clone(), doc));
    assert_eq!(pair.rows.len(), 1);
}

#[test]
fn two_hundred_thousand_footnote_definitions_and_no_text() {
    let mut src = String::new();
    for n in 1..=200_000 {
        writeln!(src, "<sup>{n}</sup> Note {n}.").unwrap();
    }
    let doc = timed("parse", || parse(&src));
    assert!(doc.clauses.is_empty());
    assert_eq!(doc.footnotes.len(), 200_000);
    assert_eq!(doc.footnotes[199_999].marker, "200000");
    assert_eq!(doc.footnotes[199_999].text.text, "Note 200000.");
    assert_eq!(doc.footnotes[199_999].line, 200_000);
    let err = timed("parse_checked", || {
        load::parse_checked(&src, Path::new("notes.md"))
    })
    .expect_err("not a document");
    assert!(matches!(err, LoadError::NotADocument { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "notes.md: not a document (no title, preambular or operative paragraph found)"
    );
    let problems = timed("check", || check::problems(&doc));
    assert_eq!(problems.len(), 200_000);
}

#[test]
fn only_blank_lines() {
    let src = "\n  \n\t\n\r\n".repeat(50_000);
    let doc = timed("parse", || parse(&src));
    assert!(doc.clauses.is_empty());
    assert!(doc.footnotes.is_empty());
    let err = load::parse_checked(&src, Path::new("blank.md")).expect_err("empty");
    assert!(matches!(err, LoadError::Empty { .. }), "{err:?}");
}

/// A deterministic stream of bytes (xorshift), so failures reproduce.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed.to_le_bytes()[0]
        })
        .collect()
}

fn load_bytes(bytes: &[u8]) -> Result<diglot::doc::Document, LoadError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("input.md");
    std::fs::write(&path, bytes).expect("write");
    load_file(&path)
}

#[test]
fn random_bytes_are_not_utf8_at_the_right_offset() {
    // A known valid prefix, then a byte that can never start UTF-8.
    let mut bytes = "## 67/189. 加强\n".as_bytes().to_vec();
    let prefix = bytes.len();
    bytes.push(0xFF);
    bytes.extend(noise(100_000, 7));
    match load_bytes(&bytes) {
        Err(LoadError::NotUtf8 { offset, .. }) => assert_eq!(offset, prefix),
        other => panic!("{other:?}"),
    }
    for seed in 1..20 {
        let bytes = noise(1_000_000, seed);
        let want = std::str::from_utf8(&bytes)
            .expect_err("noise")
            .valid_up_to();
        match timed("load", || load_bytes(&bytes)) {
            Err(LoadError::NotUtf8 { offset, .. }) => assert_eq!(offset, want),
            other => panic!("seed {seed}: {other:?}"),
        }
    }
}

#[test]
fn invalid_utf8_at_the_end() {
    let text = "## 67/189. 加强\n\n大会，\n\n1. **请**秘书长";
    let bytes = text.as_bytes();
    // Cut the last character in half: the offset is where it starts.
    let cut = &bytes[..bytes.len() - 1];
    match load_bytes(cut) {
        Err(LoadError::NotUtf8 { offset, .. }) => assert_eq!(offset, text.len() - "长".len()),
        other => panic!("{other:?}"),
    }
    // A lone continuation byte after the whole text.
    let mut bytes = text.as_bytes().to_vec();
    bytes.push(0x80);
    match load_bytes(&bytes) {
        Err(LoadError::NotUtf8 { offset, .. }) => assert_eq!(offset, text.len()),
        other => panic!("{other:?}"),
    }
    // The text itself loads.
    let doc = load_bytes(text.as_bytes()).expect("valid");
    assert_eq!(
        doc.clauses.last().map(|c| c.text.text.as_str()),
        Some("请秘书长")
    );
}

#[test]
fn many_small_clauses() {
    let mut src = String::from("## 1/2. Title\n\nThe General Assembly,\n\n");
    for n in 1..=20_000 {
        writeln!(src, "*Recalling* resolution {n},\n").unwrap();
    }
    for n in 1..=20_000 {
        writeln!(src, "{n}. *Decides* {n};\n(a) first;\n(b) second;\n").unwrap();
    }
    let doc = timed("parse", || parse(&src));
    assert_eq!(doc.count(diglot::doc::ClauseKind::Preambular), 20_000);
    assert_eq!(doc.count(diglot::doc::ClauseKind::Operative), 20_000);
    assert_eq!(doc.count(diglot::doc::ClauseKind::Subparagraph), 40_000);
    let pair = timed("align", || Pair::new(doc.clone(), doc));
    let problems = timed("pair problems", || {
        pair_problems(&pair.zh, &pair.en, &pair.rows)
    });
    assert!(problems.is_empty());
}

#[test]
fn hundred_thousand_wrapped_lines_starting_with_italics() {
    let src = format!(
        "*Recalling* the{}",
        "\n*Official Records* of the".repeat(100_000)
    );
    let doc = timed("parse", || parse(&src));
    assert_eq!(doc.clauses.len(), 1);
    assert_eq!(doc.clauses[0].text.spans.len(), 100_001);
    // Every line ending a clause instead: 100 000 clauses.
    let src = "*Recalling* the Official Records,\n".repeat(100_000);
    let doc = timed("parse", || parse(&src));
    assert_eq!(doc.count(diglot::doc::ClauseKind::Preambular), 100_000);
}

//! `diglot check` through the real binary: the embedded pair, one file, the
//! fixture pairs with problems, and the exit status of each.

use std::fmt::Write as _;
use std::path::PathBuf;

mod common;

use common::cli::diglot;

fn path(relative: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(relative)
        .display()
        .to_string()
}

/// The counts line of `kind`, split into its numbers.
fn counts(stdout: &str, kind: &str) -> Vec<usize> {
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with(kind))
        .unwrap_or_else(|| panic!("no `{kind}` line in\n{stdout}"));
    line[line.find(kind).expect("kind") + kind.len()..]
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect()
}

#[test]
fn embedded_pair_is_clean() {
    let run = diglot(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.starts_with("A/RES/67/189\n"), "{}", run.stdout);
    assert_eq!(counts(&run.stdout, "preambular paragraphs"), [31, 31]);
    assert_eq!(counts(&run.stdout, "operative paragraphs"), [41, 41]);
    assert_eq!(counts(&run.stdout, "footnotes"), [13, 13]);
    assert_eq!(counts(&run.stdout, "starred notes"), [1, 1]);
    assert_eq!(counts(&run.stdout, "unplaced blocks"), [0, 0]);
    assert_eq!(counts(&run.stdout, "aligned rows"), [81]);
    assert!(!run.stdout.contains('≠'), "{}", run.stdout);
    assert!(run.stdout.ends_with("no problems\n"), "{}", run.stdout);
}

#[test]
fn embedded_files_given_in_either_order() {
    let zh = path("assets/A-RES-67-189/zh.md");
    let en = path("assets/A-RES-67-189/en.md");
    for args in [["check", &zh, &en], ["check", &en, &zh]] {
        let run = diglot(&args);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        assert_eq!(counts(&run.stdout, "operative paragraphs"), [41, 41]);
        assert!(run.stdout.ends_with("no problems\n"));
    }
}

#[test]
fn one_file() {
    let zh = path("assets/A-RES-67-189/zh.md");
    let run = diglot(&["check", &zh]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.starts_with(&format!("{zh} (Chinese)\n")),
        "{}",
        run.stdout
    );
    assert_eq!(counts(&run.stdout, "preambular paragraphs"), [31]);
    assert_eq!(counts(&run.stdout, "operative paragraphs"), [41]);
    assert_eq!(counts(&run.stdout, "footnotes"), [13]);
    assert!(run.stdout.ends_with("no problems\n"));

    let en = path("assets/A-RES-67-189/en.md");
    let run = diglot(&["check", &en]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with(&format!("{en} (English)\n")));
}

#[test]
fn one_file_with_unplaced_blocks_fails() {
    let file = path("tests/fixtures/unplaced/en.md");
    let run = diglot(&["check", &file]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(counts(&run.stdout, "unplaced blocks"), [4]);
    assert!(
        run.stdout.contains(&format!(
            "  {file}: line 13: unplaced block: A plain paragraph in the operative part \n"
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("5 problems\n"), "{}", run.stdout);
}

#[test]
fn fixture_pair_is_clean() {
    let run = diglot(&[
        "check",
        &path("tests/fixtures/lighthouses/zh.md"),
        &path("tests/fixtures/lighthouses/en.md"),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("A/RES/85/312\n"));
    assert_eq!(counts(&run.stdout, "sections"), [5, 5]);
    assert_eq!(counts(&run.stdout, "subparagraphs"), [15, 15]);
    assert_eq!(counts(&run.stdout, "aligned rows"), [39]);
}

/// Each problem pair exits 1 and prints exactly its problems, in order.
#[test]
fn problem_pairs_fail_with_their_problems() {
    let cases: [(&str, &[(&str, &str)]); 4] = [
        (
            "missing_op",
            &[
                ("zh", "line 13: op2 has no English counterpart"),
                (
                    "en",
                    "line 13: operative paragraph 2 is missing (skipped before 3)",
                ),
            ],
        ),
        (
            "extra_pp",
            &[("en", "line 11: pp3 has no Chinese counterpart")],
        ),
        (
            "marker",
            &[
                (
                    "en",
                    "line 13: op2 refers to footnotes [1] but the Chinese (line 13) to [2]",
                ),
                ("en", "line 18: footnote 2 is defined but never referenced"),
            ],
        ),
        (
            "one_side",
            &[
                (
                    "zh",
                    "line 19: footnote 3 is not defined in the English text",
                ),
                (
                    "en",
                    "line 15: op3 refers to footnote 3, which is not defined",
                ),
            ],
        ),
    ];
    for (name, expected) in cases {
        let zh = path(&format!("tests/fixtures/pairs/{name}/zh.md"));
        let en = path(&format!("tests/fixtures/pairs/{name}/en.md"));
        let run = diglot(&["check", &zh, &en]);
        assert_eq!(run.code, 1, "{name}: {}{}", run.stdout, run.stderr);
        assert_eq!(run.stderr, "", "{name}");
        let mut report = String::from("problems:\n");
        for (lang, problem) in expected {
            let file = if *lang == "zh" { &zh } else { &en };
            writeln!(report, "  {file}: {problem}").unwrap();
        }
        let n = expected.len();
        writeln!(report, "{n} problem{}", if n == 1 { "" } else { "s" }).unwrap();
        assert!(
            run.stdout.ends_with(&report),
            "{name}: expected\n{report}\ngot\n{}",
            run.stdout
        );
    }
}

#[test]
fn count_mismatch_is_marked() {
    let run = diglot(&[
        "check",
        &path("tests/fixtures/pairs/extra_pp/zh.md"),
        &path("tests/fixtures/pairs/extra_pp/en.md"),
    ]);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("preambular paragraphs"))
        .expect("pp line");
    assert!(line.ends_with("2     3  ≠"), "{line}");
}

#[test]
fn a_pair_in_one_language_is_warned_about() {
    let zh = "assets/A-RES-67-189/zh.md";
    let run = diglot(&["check", zh, zh]);
    assert!(
        run.stdout.contains("warning: assets/A-RES-67-189/zh.md: expected the English text, but this file reads as Chinese"),
        "{}",
        run.stdout
    );
}

//! `pair_problems` on the fixture pairs under `tests/fixtures/pairs/`: each
//! kind of disagreement between the two languages is reported on the right
//! side, at the right line, with the right words.

use std::path::PathBuf;

use diglot::align::{Pair, pair_problems};
use diglot::doc::{Lang, load_file};

fn pair(name: &str) -> Pair {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pairs")
        .join(name);
    let zh = load_file(&dir.join("zh.md")).expect("zh.md");
    let en = load_file(&dir.join("en.md")).expect("en.md");
    assert_eq!((zh.lang, en.lang), (Lang::Zh, Lang::En));
    Pair::new(zh, en)
}

/// Each problem as (language, line, message).
fn problems(name: &str) -> Vec<(&'static str, usize, String)> {
    let p = pair(name);
    pair_problems(&p.zh, &p.en, &p.rows)
        .into_iter()
        .map(|p| (p.lang.code(), p.problem.line, p.problem.message))
        .collect()
}

fn row_ids(p: &Pair) -> Vec<String> {
    p.rows.iter().map(|r| r.id.to_string()).collect()
}

#[test]
fn clean_pair_has_no_problem() {
    assert_eq!(problems("clean"), []);
    let p = pair("clean");
    assert_eq!(p.id, "A/RES/86/2");
    assert_eq!(
        row_ids(&p),
        [
            "header1", "title", "opening", "pp1", "pp2", "op1", "op2", "op3", "closing1"
        ]
    );
}

#[test]
fn operative_paragraph_missing_in_english() {
    assert_eq!(
        problems("missing_op"),
        [
            ("zh", 13, "op2 has no English counterpart".to_owned()),
            (
                "en",
                13,
                "operative paragraph 2 is missing (skipped before 3)".to_owned()
            ),
        ]
    );
    let p = pair("missing_op");
    let row = p.row_of(&diglot::doc::ClauseId::Op(2)).expect("row of op2");
    assert!(p.rows[row].zh.is_some());
    assert_eq!(p.rows[row].en, None);
    // op3 still meets op3: operative paragraphs align by number.
    let row = p.row_of(&diglot::doc::ClauseId::Op(3)).expect("row of op3");
    assert_eq!(p.clause(row, Lang::En).map(|c| c.line), Some(13));
    assert_eq!(p.clause(row, Lang::Zh).map(|c| c.line), Some(15));
}

/// Preambular paragraphs align by order, so an extra one in the middle
/// shows as the last one having no counterpart.
#[test]
fn extra_preambular_paragraph_in_english() {
    assert_eq!(
        problems("extra_pp"),
        [("en", 11, "pp3 has no Chinese counterpart".to_owned())]
    );
    let p = pair("extra_pp");
    assert_eq!(
        row_ids(&p),
        [
            "header1", "title", "opening", "pp1", "pp2", "pp3", "op1", "op2", "op3", "closing1"
        ]
    );
    let pp3 = p.row_of(&diglot::doc::ClauseId::Pp(3)).expect("pp3 row");
    assert_eq!(p.rows[pp3].zh, None);
}

#[test]
fn mismatched_footnote_marker() {
    assert_eq!(
        problems("marker"),
        [
            (
                "en",
                13,
                "op2 refers to footnotes [1] but the Chinese (line 13) to [2]".to_owned()
            ),
            (
                "en",
                18,
                "footnote 2 is defined but never referenced".to_owned()
            ),
        ]
    );
}

#[test]
fn footnote_defined_on_one_side_only() {
    assert_eq!(
        problems("one_side"),
        [
            (
                "zh",
                19,
                "footnote 3 is not defined in the English text".to_owned()
            ),
            (
                "en",
                15,
                "op3 refers to footnote 3, which is not defined".to_owned()
            ),
        ]
    );
}

#[test]
fn problems_of_a_pair_are_sorted_by_language_then_line() {
    for name in ["clean", "missing_op", "extra_pp", "marker", "one_side"] {
        let found = problems(name);
        let mut sorted = found.clone();
        sorted.sort_by_key(|(lang, line, _)| (*lang == "en", *line));
        assert_eq!(found, sorted, "{name}");
    }
}

//! `diglot show` through the real binary: a clause in both languages, one
//! language, JSON, a footnote, and unknown ids.
//!
//! Plain output is printed with a width wide enough that no line wraps:
//! wrapping belongs to the layout engine and is tested there.

mod common;

use common::cli::diglot;

const OP12_ZH: &str = "又请联合国毒品和犯罪问题办公室继续在其任务授权范围内应会员国请求，向它们提供预防犯罪和刑事司法方面的技术协助，以便加强国家刑事司法系统调查和起诉所有形式犯罪的能力，保护被告的人权和基本自由以及受害人和证人的合法利益，并且确保在刑事司法系统中提供有效法律援助渠道；";

#[test]
fn paragraph_12_in_both_languages() {
    let run = diglot(&["show", "12", "--width", "2000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "A/RES/67/189, para. 12");
    assert_eq!(lines[1], "");
    assert!(lines[2].starts_with("12. 又请"), "{}", lines[2]);
    assert_eq!(lines[2], format!("12. {OP12_ZH}"));
    assert_eq!(lines[3], "");
    assert!(
        lines[4].starts_with("12. Also requests the United Nations Office on Drugs and Crime"),
        "{}",
        lines[4]
    );
    assert_eq!(lines[5], "(English reference translation)");
    assert_eq!(lines.len(), 6);
}

#[test]
fn every_accepted_spelling_of_12() {
    let reference = diglot(&["show", "12", "--width", "2000"]).stdout;
    for id in ["op12", "OP12", "12.", "op 12"] {
        let run = diglot(&["show", id, "--width", "2000"]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        assert_eq!(run.stdout, reference, "{id}");
    }
}

#[test]
fn one_language() {
    let run = diglot(&["show", "12", "--lang", "zh", "--width", "2000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!("A/RES/67/189, para. 12\n\n12. {OP12_ZH}\n")
    );
    let run = diglot(&["show", "12", "--lang", "en", "--width", "2000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\n12. Also requests "),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("又请"));
    assert!(run.stdout.ends_with("(English reference translation)\n"));
}

#[test]
fn json_fields() {
    let run = diglot(&["show", "12", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["document"], "A/RES/67/189");
    assert_eq!(v["id"], "op12");
    assert_eq!(v["citation"], "A/RES/67/189, para. 12");
    assert_eq!(v["zh"]["lang"], "zh");
    assert_eq!(v["zh"]["label"], "12.");
    assert_eq!(v["zh"]["line"], 130);
    assert_eq!(v["zh"]["text"], OP12_ZH);
    assert_eq!(v["zh"]["spans"][0]["start"], 0);
    assert_eq!(v["zh"]["spans"][0]["end"], "又请".len());
    assert_eq!(v["zh"]["spans"][0]["kind"], "lead");
    assert_eq!(v["zh"]["footnotes"], serde_json::json!([]));
    assert_eq!(v["en"]["lang"], "en");
    assert_eq!(v["en"]["line"], 130);
    let en = v["en"]["text"].as_str().expect("en text");
    assert!(en.starts_with("Also requests the United Nations Office"));
    assert_eq!(v["en"]["spans"][0]["end"], "Also requests".len());

    // A clause with footnotes lists their markers; --lang drops the other side.
    let run = diglot(&["show", "pp2", "--json", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["id"], "pp2");
    assert_eq!(v["citation"], "A/RES/67/189, preambular para. 2");
    assert_eq!(v["en"]["footnotes"], serde_json::json!(["1", "2"]));
    assert!(v.get("zh").is_none(), "{v}");
}

#[test]
fn footnote_1_in_both_languages() {
    let run = diglot(&["show", "fn1", "--width", "2000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "A/RES/67/189, note 1\n\n\
         [1] 联合国，《条约汇编》，第 2225、2237、2241 和 2326 卷，第 39574 号。\n\n\
         [1] United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574.\n\
         (English reference translation)\n"
    );
    let run = diglot(&["show", "fn*", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["zh"]["text"], "因技术原因于 2013 年 7 月 11 日重新印发。");
    assert_eq!(v["en"]["line"], 30);
}

#[test]
fn clause_of_a_fixture_pair() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lighthouses");
    let run = diglot(&[
        "show",
        "2b.ii",
        &format!("{dir}/zh.md"),
        &format!("{dir}/en.md"),
        "--width",
        "200",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "A/RES/85/312, para. 2 (b) (ii)\n\n2(b)(ii) 交流最佳做法；\n\n\
         2(b)(ii) Exchanging best practices;\n(English reference translation)\n"
    );
}

/// Unknown ids: a non-zero exit, nothing on stdout and one line on stderr
/// that names what exists and the nearest ids.
#[test]
fn unknown_ids() {
    for (id, message) in [
        (
            "99",
            "diglot: no clause op99 in this document: operative paragraphs run 1–41; nearest: op41, op40, op39",
        ),
        (
            "pp40",
            "diglot: no clause pp40 in this document: preambular paragraphs run 1–31; nearest: pp31, pp30, pp29",
        ),
        (
            "fn20",
            "diglot: no clause fn20 in this document: footnotes run 1–13; nearest: fn13, fn12, fn11",
        ),
        (
            "12z",
            "diglot: no clause op12.z in this document: paragraph 12 has no subparagraphs; nearest: op12",
        ),
        (
            "abc",
            "diglot: `abc` is not a clause id (try 12, op12, 12a, op12.a, pp5 or fn7)",
        ),
    ] {
        let run = diglot(&["show", id]);
        assert_ne!(run.code, 0, "{id}");
        assert_eq!(run.stdout, "", "{id}");
        assert_eq!(run.stderr, format!("{message}\n"), "{id}");
    }
}

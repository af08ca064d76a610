//! Invented resolutions under `tests/fixtures/` that exercise every row of
//! the input-format table, each with the exact structure it must produce.
//!
//! `lighthouses/` has headings and header lines, the title with a starred
//! note, the opening, bold and italic (`*…*`, `_…_`) lead phrases, soft and
//! hard line breaks, an escaped `\*`, footnote definitions on consecutive
//! lines and at former page ends, a page rule, a clause continued after a
//! page rule and a block of footnote definitions, operative paragraphs with
//! `(a)`, `(i)` under a letter and `(i)` after `(h)`, section headings
//! (`## I`, `## A.`, a bare `II`, `附件`/`Annex`) and the closing lines.
//! `crlf_bom/` is written with CRLF line ends and a UTF-8 byte-order mark;
//! `unplaced/` holds blocks the parser cannot place.

use std::path::PathBuf;

use diglot::align::{Pair, pair_problems};
use diglot::doc::{Document, Lang, SpanKind, check, load_file};

fn fixture(path: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    load_file(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// (id, line, text) of every clause, in order.
fn structure(doc: &Document) -> Vec<(String, usize, String)> {
    doc.clauses
        .iter()
        .map(|c| (c.id.to_string(), c.line, c.text.text.clone()))
        .collect()
}

fn expect(rows: &[(&str, usize, &str)]) -> Vec<(String, usize, String)> {
    rows.iter()
        .map(|(id, line, text)| ((*id).to_owned(), *line, (*text).to_owned()))
        .collect()
}

/// The styled runs of one clause as (text, kind).
fn spans(doc: &Document, id: &str) -> Vec<(String, SpanKind)> {
    let c = doc
        .clauses
        .iter()
        .find(|c| c.id.to_string() == id)
        .unwrap_or_else(|| panic!("no {id}"));
    c.text
        .spans
        .iter()
        .map(|s| (c.text.text[s.start..s.end].to_owned(), s.kind))
        .collect()
}

fn footnotes(doc: &Document) -> Vec<(String, usize, String)> {
    doc.footnotes
        .iter()
        .map(|f| (f.marker.clone(), f.line, f.text.text.clone()))
        .collect()
}

fn lead(s: &str) -> (String, SpanKind) {
    (s.to_owned(), SpanKind::Lead)
}

fn mark(s: &str) -> (String, SpanKind) {
    (s.to_owned(), SpanKind::FootnoteRef)
}

fn emph(s: &str) -> (String, SpanKind) {
    (s.to_owned(), SpanKind::Emphasis)
}

#[test]
fn lighthouses_chinese_structure() {
    let doc = fixture("lighthouses/zh.md");
    assert_eq!(doc.lang, Lang::Zh);
    assert_eq!(
        structure(&doc),
        expect(&[
            ("header1", 2, "大会"),
            ("header2", 4, "Distr.: General\n3 February 2031"),
            ("header3", 7, "第八十五届会议"),
            ("header4", 9, "议程项目 42"),
            ("header5", 11, "大会决议"),
            ("header6", 13, "[根据第二委员会的报告(A/85/417)通过]"),
            ("title", 15, "85/312. 灯塔保护和海上安全国际合作[*]"),
            ("opening", 17, "大会，"),
            ("pp1", 19, "回顾其 2029 年 12 月 3 日第 84/77 号决议，"),
            (
                "pp2",
                21,
                "又回顾《沿海灯塔公约》[1]和《航标示范守则》，[2]"
            ),
            // A soft line break between two CJK characters joins without a space.
            (
                "pp3",
                23,
                "深为关切许多沿海灯塔年久失修，守塔人员日益减少，"
            ),
            // Two trailing spaces: a hard line break. `\*` is a literal asterisk.
            (
                "pp4",
                26,
                "注意到海事组织关于灯塔的报告，\n其中载有标有星号(*)的各项建议，",
            ),
            // Continued after the footnote block and the page rule, no space.
            ("pp5", 29, "确认各国在修复灯塔方面作出的努力，"),
            ("op1", 39, "欢迎秘书长的报告；[3]"),
            ("op2", 41, "鼓励会员国："),
            ("op2.a", 43, "修复具有历史价值的灯塔；"),
            ("op2.b", 45, "培训守塔人员，包括："),
            ("op2.b.i", 47, "开设航海课程；"),
            ("op2.b.ii", 49, "交流最佳做法；"),
            ("op2.c", 51, "分享灯塔数据；[1]"),
            ("section1", 53, "I"),
            ("op3", 55, "请秘书长编写灯塔名录；"),
            ("section2", 57, "A."),
            ("op4", 59, "决定设立灯塔保护基金；"),
            ("section3", 63, "II"),
            ("op5", 65, "又决定基金用于："),
            ("op5.a", 66, "调查；"),
            ("op5.b", 67, "设计；"),
            ("op5.c", 68, "采购；"),
            ("op5.d", 69, "施工；"),
            ("op5.e", 70, "培训；"),
            ("op5.f", 71, "监测；"),
            ("op5.g", 72, "评估；"),
            ("op5.h", 73, "报告；"),
            // `(i)` right after `(h)` is the letter i, not a roman numeral.
            ("op5.i", 74, "宣传；"),
            ("op5.j", 75, "其他用途。"),
            ("closing1", 77, "2030 年 12 月 9 日\n第 51 次全体会议"),
            ("section4", 80, "附件"),
            ("section5", 82, "灯塔保护示范守则"),
        ])
    );
    assert_eq!(
        footnotes(&doc),
        expect(&[
            ("*", 31, "因技术原因于 2031 年 2 月 10 日重新印发。"),
            ("1", 32, "联合国，《条约汇编》，第 9999 卷，第 88888 号。"),
            ("2", 33, "A/84/500，附件。"),
            ("3", 61, "A/85/100。"),
        ])
    );
    assert_eq!(spans(&doc, "title"), [mark("[*]")]);
    assert_eq!(
        spans(&doc, "pp2"),
        [lead("又回顾"), mark("[1]"), mark("[2]")]
    );
    assert_eq!(spans(&doc, "pp4"), [lead("注意到")]);
    assert_eq!(spans(&doc, "op1"), [lead("欢迎"), mark("[3]")]);
    assert_eq!(spans(&doc, "op2.c"), [mark("[1]")]);
    assert_eq!(spans(&doc, "op5.i"), []);
    assert!(doc.notes.is_empty());
    assert_eq!(check::problems(&doc), []);
}

#[test]
fn lighthouses_chinese_metadata() {
    let m = fixture("lighthouses/zh.md").meta;
    assert_eq!(m.symbol.as_deref(), Some("A/RES/85/312"));
    assert_eq!(m.number.as_deref(), Some("85/312"));
    assert_eq!(m.title.as_deref(), Some("灯塔保护和海上安全国际合作"));
    assert_eq!(m.organ.as_deref(), Some("大会"));
    assert_eq!(m.session.as_deref(), Some("第八十五届会议"));
    assert_eq!(m.agenda_item.as_deref(), Some("议程项目 42"));
    assert_eq!(m.report.as_deref(), Some("A/85/417"));
    assert_eq!(m.distribution.as_deref(), Some("Distr.: General"));
    assert_eq!(m.distribution_date.as_deref(), Some("3 February 2031"));
    assert_eq!(
        m.reissue_note.as_deref(),
        Some("因技术原因于 2031 年 2 月 10 日重新印发。")
    );
    assert_eq!(m.adoption_date.as_deref(), Some("2030 年 12 月 9 日"));
    assert_eq!(m.plenary_meeting.as_deref(), Some("第 51 次全体会议"));
}

#[test]
fn lighthouses_english_structure() {
    let doc = fixture("lighthouses/en.md");
    assert_eq!(doc.lang, Lang::En);
    assert_eq!(
        structure(&doc),
        expect(&[
            ("header1", 2, "General Assembly"),
            ("header2", 4, "Distr.: General\n3 February 2031"),
            ("header3", 7, "Eighty-fifth session"),
            ("header4", 9, "Agenda item 42"),
            ("header5", 11, "Resolution adopted by the General Assembly"),
            (
                "header6",
                13,
                "[on the report of the Second Committee (A/85/417)]"
            ),
            (
                "title",
                15,
                "85/312. International cooperation on the protection of lighthouses and maritime safety[*]",
            ),
            ("opening", 17, "The General Assembly,"),
            (
                "pp1",
                19,
                "Recalling its resolution 84/77 of 3 December 2029,"
            ),
            (
                "pp2",
                21,
                "Recalling also the Convention on Coastal Lighthouses[1] and the Model Code on Aids to Navigation,[2]",
            ),
            // A soft line break between Latin words becomes a space.
            (
                "pp3",
                23,
                "Deeply concerned that many coastal lighthouses have fallen into disrepair and that the number of keepers is declining,",
            ),
            (
                "pp4",
                26,
                "Noting the report of the Maritime Organization on lighthouses,\nwhich contains recommendations marked with an asterisk (*),",
            ),
            // Continued after the footnote block and the page rule, with a space.
            (
                "pp5",
                29,
                "Acknowledging the efforts made by States to restore lighthouses,"
            ),
            (
                "op1",
                39,
                "Welcomes the report of the Secretary-General;[3]"
            ),
            ("op2", 41, "Encourages Member States:"),
            ("op2.a", 43, "To restore lighthouses of historical value;"),
            ("op2.b", 45, "To train lighthouse keepers, including by:"),
            ("op2.b.i", 47, "Offering courses in navigation;"),
            ("op2.b.ii", 49, "Exchanging best practices;"),
            ("op2.c", 51, "To share data on lighthouses;[1]"),
            ("section1", 53, "I"),
            (
                "op3",
                55,
                "Requests the Secretary-General to prepare a register of lighthouses;",
            ),
            ("section2", 57, "A."),
            (
                "op4",
                59,
                "Decides to establish a fund for the protection of lighthouses;",
            ),
            ("section3", 63, "II"),
            ("op5", 65, "Also decides that the fund shall be used for:"),
            ("op5.a", 66, "Surveys;"),
            ("op5.b", 67, "Design;"),
            ("op5.c", 68, "Procurement;"),
            ("op5.d", 69, "Construction;"),
            ("op5.e", 70, "Training;"),
            ("op5.f", 71, "Monitoring;"),
            ("op5.g", 72, "Evaluation;"),
            ("op5.h", 73, "Reporting;"),
            ("op5.i", 74, "Outreach;"),
            ("op5.j", 75, "Other purposes."),
            ("closing1", 77, "9 December 2030\n51st plenary meeting"),
            ("section4", 80, "Annex"),
            (
                "section5",
                82,
                "Model code for the protection of lighthouses"
            ),
        ])
    );
}

#[test]
fn lighthouses_english_footnotes() {
    let doc = fixture("lighthouses/en.md");
    assert_eq!(
        footnotes(&doc),
        expect(&[
            (
                "*",
                31,
                "Reissued for technical reasons on 10 February 2031."
            ),
            (
                "1",
                32,
                "United Nations, Treaty Series, vol. 9999, No. 88888."
            ),
            ("2", 33, "A/84/500, annex."),
            ("3", 61, "A/85/100."),
        ])
    );
}

#[test]
fn lighthouses_english_spans_and_metadata() {
    let doc = fixture("lighthouses/en.md");
    // `*…*` and `_…_` both mark lead phrases.
    assert_eq!(spans(&doc, "pp1"), [lead("Recalling")]);
    assert_eq!(
        spans(&doc, "pp2"),
        [lead("Recalling also"), mark("[1]"), mark("[2]")]
    );
    assert_eq!(spans(&doc, "pp4"), [lead("Noting")]);
    assert_eq!(spans(&doc, "op4"), [lead("Decides")]);
    assert_eq!(spans(&doc, "op5"), [lead("Also decides")]);
    let f1 = &doc.footnote("1").expect("footnote 1").text;
    assert_eq!(
        f1.spans
            .iter()
            .map(|s| (f1.text[s.start..s.end].to_owned(), s.kind))
            .collect::<Vec<_>>(),
        [emph("Treaty Series")]
    );
    assert_eq!(check::problems(&doc), []);
    let m = &doc.meta;
    assert_eq!(m.symbol.as_deref(), Some("A/RES/85/312"));
    assert_eq!(
        m.title.as_deref(),
        Some("International cooperation on the protection of lighthouses and maritime safety")
    );
    assert_eq!(m.organ.as_deref(), Some("General Assembly"));
    assert_eq!(m.session.as_deref(), Some("Eighty-fifth session"));
    assert_eq!(m.agenda_item.as_deref(), Some("Agenda item 42"));
    assert_eq!(m.report.as_deref(), Some("A/85/417"));
    assert_eq!(m.distribution_date.as_deref(), Some("3 February 2031"));
    assert_eq!(
        m.reissue_note.as_deref(),
        Some("Reissued for technical reasons on 10 February 2031.")
    );
    assert_eq!(m.adoption_date.as_deref(), Some("9 December 2030"));
    assert_eq!(m.plenary_meeting.as_deref(), Some("51st plenary meeting"));
}

#[test]
fn lighthouses_pair_aligns_row_for_row() {
    let pair = Pair::new(fixture("lighthouses/zh.md"), fixture("lighthouses/en.md"));
    assert_eq!(pair_problems(&pair.zh, &pair.en, &pair.rows), []);
    assert_eq!(pair.rows.len(), 39);
    for (i, row) in pair.rows.iter().enumerate() {
        assert_eq!((row.zh, row.en), (Some(i), Some(i)), "{}", row.id);
    }
    assert_eq!(pair.id, "A/RES/85/312");
}

#[test]
fn crlf_and_byte_order_mark() {
    let bytes = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crlf_bom/zh.md"),
    )
    .expect("read");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the fixture has a BOM");
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "the fixture has CRLF"
    );

    let zh = fixture("crlf_bom/zh.md");
    assert_eq!(zh.lang, Lang::Zh);
    assert_eq!(
        structure(&zh),
        expect(&[
            ("header1", 1, "大会"),
            ("title", 3, "86/1. 世界灯塔日"),
            ("opening", 5, "大会，"),
            // Hard break before CRLF still counts; no stray '\r' anywhere.
            (
                "pp1",
                7,
                "回顾其关于灯塔的各项决议，\n并注意到秘书长的说明，[1]"
            ),
            ("pp2", 10, "认识到灯塔对航海安全的重要性，"),
            ("op1", 15, "决定宣布 8 月 7 日为世界灯塔日；"),
            ("closing1", 17, "2031 年 1 月 20 日\n第 9 次全体会议"),
        ])
    );
    assert_eq!(footnotes(&zh), expect(&[("1", 13, "A/86/7。")]));
    assert_eq!(zh.meta.symbol.as_deref(), Some("A/RES/86/1"));
    assert_eq!(zh.meta.organ.as_deref(), Some("大会"));

    let en = fixture("crlf_bom/en.md");
    assert_eq!(
        structure(&en),
        expect(&[
            ("header1", 1, "General Assembly"),
            ("title", 3, "86/1. World Lighthouse Day"),
            ("opening", 5, "The General Assembly,"),
            (
                "pp1",
                7,
                "Recalling its resolutions on lighthouses,\nand taking note of the note by the Secretary-General,[1]",
            ),
            (
                "pp2",
                10,
                "Recognizing the importance of lighthouses for the safety of navigation,",
            ),
            (
                "op1",
                15,
                "Decides to proclaim 7 August World Lighthouse Day;"
            ),
            ("closing1", 17, "20 January 2031\n9th plenary meeting"),
        ])
    );
    assert_eq!(en.meta.symbol.as_deref(), Some("A/RES/86/1"));
    for doc in [&zh, &en] {
        for c in &doc.clauses {
            assert!(!c.text.text.contains(['\r', '\u{feff}']), "{}", c.id);
        }
    }
    let pair = Pair::new(zh, en);
    assert_eq!(pair_problems(&pair.zh, &pair.en, &pair.rows), []);
}

#[test]
fn blocks_that_cannot_be_placed_are_kept_and_reported() {
    let doc = fixture("unplaced/en.md");
    assert_eq!(
        structure(&doc),
        expect(&[
            ("header1", 1, "General Assembly"),
            ("title", 3, "86/3. Lighthouse keepers"),
            // A subparagraph with no operative paragraph above it.
            (
                "unplaced1",
                5,
                "(a) A subparagraph before any operative paragraph;"
            ),
            ("opening", 7, "The General Assembly,"),
            ("pp1", 9, "Noting the work of lighthouse keepers,"),
            ("op1", 11, "Commends lighthouse keepers for their service;"),
            // Plain text in the operative part that no page break explains.
            (
                "unplaced2",
                13,
                "A plain paragraph in the operative part that continues nothing.",
            ),
            // A lead phrase after operative paragraphs began.
            (
                "unplaced3",
                15,
                "Further noting a lead phrase among the operative paragraphs,",
            ),
            ("op2", 17, "Decides to remain seized of the matter."),
            // A repeated operative number.
            ("unplaced4", 19, "Decides again;"),
        ])
    );
    let problems: Vec<String> = check::problems(&doc)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            "line 5: unplaced block: (a) A subparagraph before any operative ",
            "line 13: unplaced block: A plain paragraph in the operative part ",
            "line 15: unplaced block: Further noting a lead phrase among the o",
            "line 19: unplaced block: Decides again;",
            "line 19: operative paragraph 2 appears twice; the second is kept as unplaced",
        ]
    );
    let counts = check::counts(&doc);
    assert!(counts.contains(&("unplaced blocks", 4)), "{counts:?}");
}

//! The embedded A/RES/67/189, both languages and the pair: counts, every
//! footnote, which clauses reference which footnote, metadata and source
//! lines, all derived by reading `assets/A-RES-67-189/*.md`.

use std::collections::BTreeMap;
use std::path::Path;

use diglot::align::{Pair, pair_problems};
use diglot::doc::{ClauseId, ClauseKind, Document, Lang, SpanKind, is_cjk, load, load_file, parse};

fn zh() -> Document {
    parse(load::EMBEDDED_ZH)
}

fn en() -> Document {
    parse(load::EMBEDDED_EN)
}

fn clause<'a>(doc: &'a Document, id: &ClauseId) -> &'a diglot::doc::Clause {
    doc.clause(id)
        .unwrap_or_else(|| panic!("{id} missing in the {:?} document", doc.lang))
}

fn text(doc: &Document, id: &ClauseId) -> String {
    clause(doc, id).text.text.clone()
}

/// Which clauses reference each footnote marker, read off the source by
/// hand: marker → clause ids in document order.
const FOOTNOTE_REFERENCES: [(&str, &[&str]); 13] = [
    ("1", &["pp2", "op2"]),
    ("2", &["pp2", "op4"]),
    ("3", &["pp3"]),
    ("4", &["pp3"]),
    ("5", &["pp8"]),
    ("6", &["pp11"]),
    ("7", &["pp14", "op33"]),
    ("8", &["pp17"]),
    ("9", &["op1", "op20"]),
    ("10", &["op13"]),
    ("11", &["op32"]),
    ("12", &["op36"]),
    ("13", &["op36"]),
];

const ZH_FOOTNOTES: [(&str, &str, usize); 13] = [
    (
        "1",
        "联合国，《条约汇编》，第 2225、2237、2241 和 2326 卷，第 39574 号。",
        32,
    ),
    ("2", "同上，第 2349 卷，第 42146 号。", 34),
    ("3", "第 60/288 号决议。", 36),
    ("4", "见第 62/272、64/297 和 66/282 号决议。", 38),
    ("5", "联合国，《条约汇编》，第 1582 卷，第 27627 号。", 56),
    ("6", "同上，第 2225 卷，第 39574 号。", 58),
    ("7", "见 CTOC/COP/2012/15，第一节 A。", 78),
    (
        "8",
        "联合国，《条约汇编》，第 1577、2171 和 2173 卷，第 27531 号；第 66/138 号决议，附件。",
        80,
    ),
    ("9", "A/67/156。", 108),
    ("10", "CTOC/COP/WG.7/2012/6。", 144),
    ("11", "见 CAC/COSP/2011/14，第一节 A。", 182),
    ("12", "E/CN.15/2012/17。", 184),
    ("13", "第 67/187 号决议。", 186),
];

const EN_FOOTNOTES: [(&str, &str, usize); 13] = [
    (
        "1",
        "United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574.",
        32,
    ),
    ("2", "Ibid., vol. 2349, No. 42146.", 34),
    ("3", "Resolution 60/288.", 36),
    ("4", "See resolutions 62/272, 64/297 and 66/282.", 38),
    (
        "5",
        "United Nations, Treaty Series, vol. 1582, No. 27627.",
        56,
    ),
    ("6", "Ibid., vol. 2225, No. 39574.", 58),
    ("7", "See CTOC/COP/2012/15, sect. I.A.", 78),
    (
        "8",
        "United Nations, Treaty Series, vols. 1577, 2171 and 2173, No. 27531; resolution 66/138, annex.",
        80,
    ),
    ("9", "A/67/156.", 108),
    ("10", "CTOC/COP/WG.7/2012/6.", 144),
    ("11", "See CAC/COSP/2011/14, sect. I.A.", 182),
    ("12", "E/CN.15/2012/17.", 184),
    ("13", "Resolution 67/187.", 186),
];

/// Marker → referencing clause ids, as the parser sees them.
fn references(doc: &Document) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in &doc.clauses {
        for marker in c.text.footnote_markers() {
            let ids = out.entry(marker.to_owned()).or_default();
            let id = c.id.to_string();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    out
}

fn expected_references() -> BTreeMap<String, Vec<String>> {
    FOOTNOTE_REFERENCES
        .iter()
        .map(|(m, ids)| {
            (
                (*m).to_owned(),
                ids.iter().map(|s| (*s).to_owned()).collect(),
            )
        })
        .collect()
}

fn ids_of(doc: &Document, kind: ClauseKind) -> Vec<ClauseId> {
    doc.clauses
        .iter()
        .filter(|c| c.kind() == kind)
        .map(|c| c.id.clone())
        .collect()
}

fn assert_counts(doc: &Document) {
    assert_eq!(
        ids_of(doc, ClauseKind::Preambular),
        (1..=31).map(ClauseId::Pp).collect::<Vec<_>>()
    );
    assert_eq!(
        ids_of(doc, ClauseKind::Operative),
        (1..=41).map(ClauseId::Op).collect::<Vec<_>>()
    );
    assert_eq!(doc.count(ClauseKind::Subparagraph), 0);
    assert_eq!(doc.count(ClauseKind::Section), 0);
    assert_eq!(doc.count(ClauseKind::Unplaced), 0);
    assert_eq!(doc.count(ClauseKind::Header), 6);
    assert_eq!(doc.count(ClauseKind::Title), 1);
    assert_eq!(doc.count(ClauseKind::Opening), 1);
    assert_eq!(doc.count(ClauseKind::Closing), 1);
    let markers: Vec<&str> = doc.footnotes.iter().map(|f| f.marker.as_str()).collect();
    assert_eq!(
        markers,
        [
            "*", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"
        ]
    );
    assert_eq!(doc.numbered_footnotes().count(), 13);
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
}

fn assert_footnotes(doc: &Document, expected: &[(&str, &str, usize)]) {
    for (marker, want, line) in expected {
        let f = doc
            .footnote(marker)
            .unwrap_or_else(|| panic!("footnote {marker} missing"));
        assert_eq!(f.text.text, *want, "footnote {marker}");
        assert_eq!(f.line, *line, "line of footnote {marker}");
    }
}

/// No clause carries footnote-definition text or raw markup.
fn assert_no_definition_in_clauses(doc: &Document) {
    for c in &doc.clauses {
        assert!(!c.text.text.contains("<sup>"), "{} has raw <sup>", c.id);
        assert!(!c.text.text.contains("</sup>"), "{} has raw </sup>", c.id);
        assert!(!c.text.text.contains("**"), "{} has raw **", c.id);
        for f in &doc.footnotes {
            assert!(
                !c.text.text.contains(&f.text.text),
                "{} contains the text of footnote {}",
                c.id,
                f.marker
            );
        }
    }
}

/// Every footnote reference is a `[N]` span and its text is exactly `[N]`.
fn assert_marker_spans(doc: &Document) {
    for c in &doc.clauses {
        let t = &c.text;
        let mut previous_end = 0;
        for s in &t.spans {
            assert!(s.start < s.end && s.start >= previous_end, "{}", c.id);
            previous_end = s.end;
            if s.kind == SpanKind::FootnoteRef {
                let label = &t.text[s.start..s.end];
                assert!(label.starts_with('[') && label.ends_with(']'), "{label}");
            }
        }
        let count = t.footnote_markers().count();
        assert_eq!(count, t.glue().len());
    }
}

#[test]
fn chinese_counts() {
    assert_counts(&zh());
}

#[test]
fn chinese_footnote_texts_and_lines() {
    let doc = zh();
    assert_footnotes(&doc, &ZH_FOOTNOTES);
    let star = doc.footnote("*").expect("starred note");
    assert_eq!(star.text.text, "因技术原因于 2013 年 7 月 11 日重新印发。");
    assert_eq!(star.line, 30);
}

#[test]
fn chinese_footnote_references() {
    assert_eq!(references(&zh()), expected_references());
}

#[test]
fn chinese_clauses_hold_no_footnote_definitions() {
    let doc = zh();
    assert_no_definition_in_clauses(&doc);
    assert_marker_spans(&doc);
}

#[test]
fn chinese_clause_texts_with_markers() {
    let doc = zh();
    assert_eq!(
        text(&doc, &ClauseId::Op(2)),
        "重申《联合国打击跨国有组织犯罪公约》及其各项议定书[1]是国际社会打击跨国有组织犯罪的最重要工具；"
    );
    assert_eq!(
        text(&doc, &ClauseId::Op(1)),
        "表示赞赏地注意到秘书长依照大会第 66/181 号决议编写的报告；[9]"
    );
    assert_eq!(
        text(&doc, &ClauseId::Pp(3)),
        "还重申会员国在 2006 年 9 月 8 日通过的《联合国全球反恐战略》[3]中以及在其后各次半年度审查时所作的承诺，[4]"
    );
    assert_eq!(
        text(&doc, &ClauseId::Pp(31)),
        "重申关切联合国毒品和犯罪问题办公室的总体财务状况，"
    );
    assert_eq!(
        text(&doc, &ClauseId::Op(41)),
        "又请秘书长在上文第 40 段所述报告中载列资料，说明《联合国打击跨国有组织犯罪公约》及其各项议定书的批准或加入情况。"
    );
    assert_eq!(text(&doc, &ClauseId::Opening), "大会，");
    assert_eq!(
        text(&doc, &ClauseId::Closing(1)),
        "2012 年 12 月 20 日\n第 60 次全体会议"
    );
    // The footnote span of op2 covers exactly `[1]`.
    let op2 = &clause(&doc, &ClauseId::Op(2)).text;
    let span = op2
        .spans
        .iter()
        .find(|s| s.kind == SpanKind::FootnoteRef)
        .expect("a footnote span");
    assert_eq!(&op2.text[span.start..span.end], "[1]");
}

#[test]
fn chinese_lead_phrases() {
    let doc = zh();
    for (id, lead) in [
        (ClauseId::Pp(1), "重申"),
        (ClauseId::Pp(2), "又重申"),
        (ClauseId::Pp(15), "赞赏地注意到"),
        (ClauseId::Pp(16), "表示严重关切"),
        (ClauseId::Pp(31), "重申关切"),
        (ClauseId::Op(1), "表示赞赏地注意到"),
        (ClauseId::Op(12), "又请"),
        (ClauseId::Op(34), "再次请"),
        (ClauseId::Op(41), "又请"),
    ] {
        let c = clause(&doc, &id);
        assert_eq!(c.text.lead(), Some(lead), "{id}");
        assert!(c.text.text.starts_with(lead), "{id}");
    }
    // Every preambular and operative clause opens with a lead phrase.
    for c in &doc.clauses {
        if matches!(c.kind(), ClauseKind::Preambular | ClauseKind::Operative) {
            assert!(c.text.lead().is_some(), "{} has no lead", c.id);
        }
    }
}

#[test]
fn chinese_metadata() {
    let m = zh().meta;
    assert_eq!(m.symbol.as_deref(), Some("A/RES/67/189"));
    assert_eq!(m.number.as_deref(), Some("67/189"));
    assert_eq!(
        m.title.as_deref(),
        Some("加强联合国预防犯罪和刑事司法方案，特别是其技术合作能力")
    );
    assert_eq!(m.organ.as_deref(), Some("大会"));
    assert_eq!(m.session.as_deref(), Some("第六十七届会议"));
    assert_eq!(m.agenda_item.as_deref(), Some("议程项目 103"));
    assert_eq!(m.report.as_deref(), Some("A/67/458"));
    assert_eq!(m.distribution.as_deref(), Some("Distr.: General"));
    assert_eq!(m.distribution_date.as_deref(), Some("27 March 2013"));
    assert_eq!(
        m.reissue_note.as_deref(),
        Some("因技术原因于 2013 年 7 月 11 日重新印发。")
    );
    assert_eq!(m.adoption_date.as_deref(), Some("2012 年 12 月 20 日"));
    assert_eq!(m.plenary_meeting.as_deref(), Some("第 60 次全体会议"));
}

#[test]
fn chinese_source_lines() {
    let doc = zh();
    for (id, line) in [
        (ClauseId::Header(1), 5),
        (ClauseId::Header(2), 7),
        (ClauseId::Header(6), 16),
        (ClauseId::Title, 18),
        (ClauseId::Opening, 20),
        (ClauseId::Pp(1), 22),
        (ClauseId::Pp(4), 28),
        (ClauseId::Pp(5), 42),
        (ClauseId::Pp(12), 60),
        (ClauseId::Pp(31), 102),
        (ClauseId::Op(1), 104),
        (ClauseId::Op(2), 110),
        (ClauseId::Op(19), 146),
        (ClauseId::Op(37), 190),
        (ClauseId::Op(41), 198),
        (ClauseId::Closing(1), 200),
    ] {
        assert_eq!(clause(&doc, &id).line, line, "{id}");
    }
}

#[test]
fn chinese_file_on_disk_is_the_embedded_text() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/A-RES-67-189/zh.md");
    let on_disk = std::fs::read_to_string(&path).expect("read zh.md");
    assert_eq!(on_disk, load::EMBEDDED_ZH);
    let loaded = load_file(&path).expect("load zh.md");
    assert_eq!(loaded, zh());
    assert_eq!(loaded.lang, Lang::Zh);
}

#[test]
fn english_counts() {
    let doc = en();
    assert_eq!(doc.lang, Lang::En);
    assert_counts(&doc);
}

#[test]
fn english_footnote_texts_and_lines() {
    let doc = en();
    assert_footnotes(&doc, &EN_FOOTNOTES);
    let star = doc.footnote("*").expect("starred note");
    assert_eq!(
        star.text.text,
        "Reissued for technical reasons on 11 July 2013."
    );
    // The instrument series is italic inside the footnote.
    let f1 = &doc.footnote("1").expect("footnote 1").text;
    let s = f1.spans[0];
    assert_eq!(
        (&f1.text[s.start..s.end], s.kind),
        ("Treaty Series", SpanKind::Emphasis)
    );
}

#[test]
fn english_footnote_references() {
    assert_eq!(references(&en()), expected_references());
}

#[test]
fn english_clauses_hold_no_footnote_definitions() {
    let doc = en();
    assert_no_definition_in_clauses(&doc);
    assert_marker_spans(&doc);
}

#[test]
fn english_has_no_cjk_and_no_empty_clause() {
    let bad: Vec<(usize, char)> = load::EMBEDDED_EN
        .lines()
        .enumerate()
        .flat_map(|(i, l)| l.chars().filter(|c| is_cjk(*c)).map(move |c| (i + 1, c)))
        .collect();
    assert!(bad.is_empty(), "CJK characters in en.md: {bad:?}");
    for c in &en().clauses {
        assert!(!c.text.text.trim().is_empty(), "{} is empty", c.id);
    }
    for c in &zh().clauses {
        assert!(!c.text.text.trim().is_empty(), "{} is empty", c.id);
    }
}

#[test]
fn english_lead_phrases_and_texts() {
    let doc = en();
    for (id, lead) in [
        (ClauseId::Pp(1), "Reaffirming"),
        (ClauseId::Pp(2), "Reaffirming also"),
        (ClauseId::Pp(28), "Bearing in mind"),
        (ClauseId::Pp(31), "Reiterating its concern"),
        (ClauseId::Op(1), "Takes note with appreciation"),
        (ClauseId::Op(12), "Also requests"),
        (ClauseId::Op(41), "Also requests"),
    ] {
        assert_eq!(clause(&doc, &id).text.lead(), Some(lead), "{id}");
    }
    assert_eq!(
        text(&doc, &ClauseId::Op(1)),
        "Takes note with appreciation of the report of the Secretary-General prepared pursuant to General Assembly resolution 66/181;[9]"
    );
    assert_eq!(text(&doc, &ClauseId::Opening), "The General Assembly,");
    assert_eq!(
        text(&doc, &ClauseId::Closing(1)),
        "20 December 2012\n60th plenary meeting"
    );
}

#[test]
fn english_metadata_and_lines() {
    let doc = en();
    let m = &doc.meta;
    assert_eq!(m.symbol.as_deref(), Some("A/RES/67/189"));
    assert_eq!(m.number.as_deref(), Some("67/189"));
    assert_eq!(
        m.title.as_deref(),
        Some(
            "Strengthening the United Nations crime prevention and criminal justice programme, in particular its technical cooperation capacity"
        )
    );
    assert_eq!(m.organ.as_deref(), Some("General Assembly"));
    assert_eq!(m.session.as_deref(), Some("Sixty-seventh session"));
    assert_eq!(m.agenda_item.as_deref(), Some("Agenda item 103"));
    assert_eq!(m.report.as_deref(), Some("A/67/458"));
    assert_eq!(m.distribution_date.as_deref(), Some("27 March 2013"));
    assert_eq!(m.adoption_date.as_deref(), Some("20 December 2012"));
    assert_eq!(m.plenary_meeting.as_deref(), Some("60th plenary meeting"));
    // The translation keeps the Chinese line layout, clause for clause.
    let z = zh();
    for c in &doc.clauses {
        assert_eq!(Some(c.line), z.clause(&c.id).map(|c| c.line), "{}", c.id);
    }
}

#[test]
fn pair_aligns_without_problems() {
    let pair = Pair::embedded();
    let problems = pair_problems(&pair.zh, &pair.en, &pair.rows);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(pair.rows.len(), 81);
    assert_eq!(pair.id, "A/RES/67/189");
    let mut expected: Vec<ClauseId> = (1..=6).map(ClauseId::Header).collect();
    expected.extend([ClauseId::Title, ClauseId::Opening]);
    expected.extend((1..=31).map(ClauseId::Pp));
    expected.extend((1..=41).map(ClauseId::Op));
    expected.push(ClauseId::Closing(1));
    let ids: Vec<ClauseId> = pair.rows.iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids, expected);
    for (i, row) in pair.rows.iter().enumerate() {
        assert_eq!(row.zh, Some(i), "{}", row.id);
        assert_eq!(row.en, Some(i), "{}", row.id);
        let zh_markers: Vec<&str> = pair.zh.clauses[i].text.footnote_markers().collect();
        let en_markers: Vec<&str> = pair.en.clauses[i].text.footnote_markers().collect();
        assert_eq!(zh_markers, en_markers, "{}", row.id);
    }
    let op12 = pair.row_of(&ClauseId::Op(12)).expect("op12 row");
    assert_eq!(pair.rows[op12].id, ClauseId::Op(12));
    assert_eq!(pair.row_footnotes(op12), Vec::<String>::new());
    let op36 = pair.row_of(&ClauseId::Op(36)).expect("op36 row");
    assert_eq!(pair.row_footnotes(op36), ["12", "13"]);
}

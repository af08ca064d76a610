//! Hit positions: folding never moves a hit off its original text.

use diglot::align::Pair;
use diglot::doc::{Clause, ClauseId, Document, Footnote, Lang, Metadata, RichText, Span, SpanKind};
use diglot::search::{Hit, Place, SearchIndex, fold};

fn doc(lang: Lang, clauses: &[&str], footnotes: &[(&str, &str)]) -> Document {
    Document {
        lang,
        meta: Metadata::default(),
        clauses: clauses
            .iter()
            .enumerate()
            .map(|(i, text)| Clause {
                id: ClauseId::Pp(u32::try_from(i).expect("few clauses") + 1),
                text: rich(text),
                line: i + 1,
            })
            .collect(),
        footnotes: footnotes
            .iter()
            .map(|(marker, text)| Footnote {
                marker: (*marker).to_owned(),
                text: rich(text),
                line: 1,
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// Text where `[N]` is a footnote reference, as the parser draws it.
fn rich(text: &str) -> RichText {
    let mut spans = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('[') {
        let start = at + open;
        let Some(close) = text[start..].find(']') else {
            break;
        };
        let end = start + close + 1;
        spans.push(Span {
            start,
            end,
            kind: SpanKind::FootnoteRef,
        });
        at = end;
    }
    RichText {
        text: text.to_owned(),
        spans,
    }
}

fn pair(zh: &[&str], en: &[&str]) -> Pair {
    Pair::new(doc(Lang::Zh, zh, &[]), doc(Lang::En, en, &[]))
}

/// The original text of every hit.
fn texts<'p>(pair: &'p Pair, hits: &[Hit]) -> Vec<&'p str> {
    hits.iter()
        .map(|h| &diglot::search::hit_text(pair, h).expect("hit in pair").text[h.start..h.end])
        .collect()
}

#[test]
fn full_width_query_finds_half_width_text() {
    let p = pair(&["第 67/189 号决议"], &["resolution 67/189"]);
    let hits = SearchIndex::new(&p).find("６７／１８９");
    assert_eq!(texts(&p, &hits), ["67/189", "67/189"]);
    assert_eq!(
        (hits[0].lang, hits[0].start, hits[0].end),
        (Lang::Zh, 4, 10)
    );
    assert_eq!(
        (hits[1].lang, hits[1].start, hits[1].end),
        (Lang::En, 11, 17)
    );
}

#[test]
fn half_width_query_finds_full_width_text() {
    let p = pair(&["见ＵＮＯＤＣ的报告，第６７／１８９号"], &["UNODC"]);
    let index = SearchIndex::new(&p);
    for query in ["unodc", "UNODC", "ＵＮＯＤＣ", "ｕｎｏｄｃ"] {
        let hits = index.find(query);
        assert_eq!(texts(&p, &hits), ["ＵＮＯＤＣ", "UNODC"], "{query}");
        assert_eq!((hits[0].start, hits[0].end), (3, 18));
    }
    // Folding before the hit shifts the original range, not the folded one.
    let hits = index.find("67/189");
    assert_eq!(texts(&p, &hits), ["６７／１８９"]);
    let hits = index.find("报告,第");
    assert_eq!(texts(&p, &hits), ["报告，第"]);
}

#[test]
fn latin_is_case_insensitive_beyond_ascii() {
    let p = pair(&[], &["CÔTE D'IVOIRE and Côte d'Ivoire", "ΣΟΦΙΑ σοφια"]);
    let index = SearchIndex::new(&p);
    assert_eq!(
        texts(&p, &index.find("côte d'ivoire")),
        ["CÔTE D'IVOIRE", "Côte d'Ivoire"]
    );
    assert_eq!(texts(&p, &index.find("Σοφια")), ["ΣΟΦΙΑ", "σοφια"]);
}

#[test]
fn whitespace_folds_but_is_matched_literally() {
    let p = pair(&["大会\u{3000}决议"], &["Distr.: General\n27 March"]);
    let index = SearchIndex::new(&p);
    assert_eq!(texts(&p, &index.find("大会 决议")), ["大会\u{3000}决议"]);
    assert_eq!(texts(&p, &index.find("general 27")), ["General\n27"]);
    assert!(index.find("general  27").is_empty());
    assert!(index.find("大会决议").is_empty());
}

#[test]
fn overlapping_occurrences_count_left_to_right() {
    let p = pair(&[], &["aaaa", "aaa", "abab"]);
    let index = SearchIndex::new(&p);
    let spans: Vec<(usize, usize)> = index.find("aa").iter().map(|h| (h.start, h.end)).collect();
    assert_eq!(spans, [(0, 2), (2, 4), (0, 2)]);
    assert_eq!(index.count("aa"), 3);
    assert_eq!(index.find("aba").len(), 1);
}

#[test]
fn empty_separator_and_overlong_queries_find_nothing() {
    let p = pair(&["重申"], &["a", "b"]);
    let index = SearchIndex::new(&p);
    assert!(index.find("").is_empty());
    assert!(index.find("\0").is_empty());
    assert!(index.find("a\0b").is_empty());
    assert!(index.find("重申重申重申").is_empty());
    assert_eq!(index.count(""), 0);
    assert_eq!(index.count("\0"), 0);
}

#[test]
fn footnote_labels_are_left_out_but_stay_in_place() {
    let p = Pair::new(
        doc(
            Lang::Zh,
            &["《公约》[2]及议定书[2]"],
            &[("2", "同上，第 2349 卷。")],
        ),
        doc(
            Lang::En,
            &["the Convention[2] and"],
            &[("2", "Ibid., vol. 2349.")],
        ),
    );
    let index = SearchIndex::new(&p);
    // A label does not match…
    let hits = index.find("2");
    assert!(
        hits.iter()
            .all(|h| matches!(h.place, Place::Footnote { .. }))
    );
    assert_eq!(hits.len(), 2);
    // …a query reads across it, and a hit next to it leaves it out.
    assert_eq!(texts(&p, &index.find("公约》及")), ["公约》[2]及"]);
    assert_eq!(
        texts(&p, &index.find("convention and")),
        ["Convention[2] and"]
    );
    assert_eq!(texts(&p, &index.find("议定书")), ["议定书"]);
    assert_eq!(texts(&p, &index.find("convention")), ["Convention"]);
}

#[test]
fn footnote_hits_sit_at_the_row_that_first_refers_to_them() {
    let p = Pair::new(
        doc(
            Lang::Zh,
            &["甲", "乙[2]丙[1]", "丁[1]"],
            &[("*", "重新印发"), ("1", "条约汇编"), ("2", "条约")],
        ),
        doc(
            Lang::En,
            &["A", "B[2] C[1]", "D[1]"],
            &[("*", "Reissued"), ("1", "Treaty Series"), ("2", "Treaty")],
        ),
    );
    let index = SearchIndex::new(&p);
    let hits = index.find("条约");
    let at: Vec<(Place, Option<usize>)> = hits.iter().map(|h| (h.place, h.row)).collect();
    // Row 1 refers to 2 before 1, so footnote 2 comes first.
    assert_eq!(
        at,
        [
            (Place::Footnote { marker_index: 2 }, Some(1)),
            (Place::Footnote { marker_index: 1 }, Some(1)),
        ]
    );
    let hits = index.find("treaty");
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.lang == Lang::En && h.row == Some(1)));
    assert_eq!(index.footnote_row(Lang::Zh, 1), Some(1));
    assert_eq!(index.footnote_row(Lang::En, 0), None);
    // Unreferenced footnotes come last, Chinese then English.
    let hits = index.find("重新印发");
    assert_eq!(
        (hits[0].row, hits[0].place),
        (None, Place::Footnote { marker_index: 0 })
    );
    let all = index.find("r");
    assert_eq!(all.last().unwrap().row, None);
    assert_eq!(all.last().unwrap().lang, Lang::En);
}

#[test]
fn reading_order_is_row_then_chinese_then_english() {
    let p = pair(&["x一", "x二"], &["x one", "x two"]);
    let hits = SearchIndex::new(&p).find("X");
    let order: Vec<(Option<usize>, Lang)> = hits.iter().map(|h| (h.row, h.lang)).collect();
    assert_eq!(
        order,
        [
            (Some(0), Lang::Zh),
            (Some(0), Lang::En),
            (Some(1), Lang::Zh),
            (Some(1), Lang::En)
        ]
    );
}

#[test]
fn visible_rows_search_agrees_with_the_whole() {
    let p = pair(&["x一[1]", "x二", "x三"], &["x one", "x two", "x three"]);
    let index = SearchIndex::new(&p);
    let all = index.find("x");
    for start in 0..4 {
        for end in start..5 {
            let part = index.find_in_rows("x", start..end);
            let expected: Vec<Hit> = all
                .iter()
                .filter(|h| h.row.is_some_and(|r| r >= start && r < end))
                .cloned()
                .collect();
            assert_eq!(part, expected, "{start}..{end}");
        }
    }
    assert_eq!(index.count("x"), all.len());
}

#[test]
fn query_folding_is_exposed() {
    assert_eq!(fold("ＵＮＯＤＣ／Ｘ"), "unodc/x");
}

//! Search on the embedded A/RES/67/189: exact counts (checked by reading
//! assets/A-RES-67-189/*.md), reading order, navigation and the reports.

use diglot::align::Pair;
use diglot::doc::{ClauseId, Lang};
use diglot::search::{
    HIT_CLOSE, HIT_OPEN, Hit, Place, SearchIndex, hit_text, hits_in, hits_in_footnote, next_hit,
    report_json, report_plain, row_range, rows_with_hits, step_hit,
};
use unicode_width::UnicodeWidthStr;

fn embedded() -> (Pair, SearchIndex) {
    let pair = Pair::embedded();
    let index = SearchIndex::new(&pair);
    (pair, index)
}

fn ids(pair: &Pair, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            format!(
                "{}:{}",
                pair.rows[h.row.expect("hit with a row")].id,
                h.lang.code()
            )
        })
        .collect()
}

#[test]
fn counts_on_the_embedded_pair() {
    let (pair, index) = embedded();
    // pp8, pp30 and three times in op14 (反洗钱, 洗钱, 洗钱); no footnote
    // mentions it.
    let hits = index.find("洗钱");
    assert_eq!(
        ids(&pair, &hits),
        ["pp8:zh", "pp30:zh", "op14:zh", "op14:zh", "op14:zh"]
    );
    // Money-Laundering, money-laundering and anti-money-laundering in op14.
    let hits = index.find("money-laundering");
    assert_eq!(
        ids(&pair, &hits),
        ["pp8:en", "pp30:en", "op14:en", "op14:en", "op14:en"]
    );
    assert_eq!(index.find("MONEY").len(), 5);
    // The title, in both languages.
    let hits = index.find("６７／１８９");
    assert_eq!(ids(&pair, &hits), ["title:zh", "title:en"]);
    assert!(hits.iter().all(|h| (h.start, h.end) == (0, 6)));
    assert_eq!(index.find("UNODC").len(), 0);
    assert_eq!(
        index.find("United Nations Office on Drugs and Crime").len(),
        26
    );
    assert_eq!(
        index.find("united nations office on drugs and crime").len(),
        26
    );
    let all = index.find("crime");
    assert_eq!(index.find_limited("crime", 3), all[..3]);
    assert_eq!(index.find_limited("crime", usize::MAX), all);
    assert_eq!(
        index.count("联合国毒品和犯罪问题办公室"),
        index.find("联合国毒品和犯罪问题办公室").len()
    );
}

#[test]
fn a_query_crosses_a_lead_phrase() {
    let (pair, index) = embedded();
    let hits = index.find("重申其");
    assert_eq!(ids(&pair, &hits), ["pp1:zh"]);
    let clause = pair.clause(hits[0].row.unwrap(), Lang::Zh).unwrap();
    let lead = clause.text.lead().unwrap();
    assert_eq!(lead, "重申");
    assert_eq!((hits[0].start, hits[0].end), (0, "重申其".len()));
    assert!(hits[0].end > clause.text.spans[0].end);
    // Italic lead and what follows it.
    assert_eq!(ids(&pair, &index.find("reaffirming also its")), ["pp2:en"]);
}

#[test]
fn footnote_hits_on_the_embedded_pair() {
    let (pair, index) = embedded();
    // Footnotes 1 and 6 both cite No. 39574; 1 is first referred to by pp2,
    // 6 by pp11.
    let hits = index.find("39574");
    assert_eq!(hits.len(), 4);
    let pp2 = pair.row_of(&ClauseId::Pp(2)).unwrap();
    let pp11 = pair.row_of(&ClauseId::Pp(11)).unwrap();
    let fn_index = |lang: Lang, m: &str| {
        pair.doc(lang)
            .footnotes
            .iter()
            .position(|f| f.marker == m)
            .unwrap()
    };
    let expect = [
        (Lang::Zh, fn_index(Lang::Zh, "1"), pp2),
        (Lang::En, fn_index(Lang::En, "1"), pp2),
        (Lang::Zh, fn_index(Lang::Zh, "6"), pp11),
        (Lang::En, fn_index(Lang::En, "6"), pp11),
    ];
    for (hit, (lang, marker_index, row)) in hits.iter().zip(expect) {
        assert_eq!(hit.lang, lang);
        assert_eq!(hit.place, Place::Footnote { marker_index });
        assert_eq!(hit.row, Some(row));
        assert_eq!(
            &hit_text(&pair, hit).unwrap().text[hit.start..hit.end],
            "39574"
        );
    }
    assert_eq!(
        index.footnote_row(Lang::En, fn_index(Lang::En, "1")),
        Some(pp2)
    );
    // The starred note is referred to by no clause: last, without a row.
    let hits = index.find("reissued");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].row, None);
    let last = index.find("2013");
    assert_eq!(last.last().unwrap().row, None);
    assert_eq!(last.last().unwrap().lang, Lang::En);
    assert_eq!(
        hits_in_footnote(&last, None, Lang::Zh, fn_index(Lang::Zh, "*")).count(),
        1
    );
}

#[test]
fn a_hit_reads_across_a_footnote_label() {
    let (pair, index) = embedded();
    // op4: 《联合国反腐败公约》[2]及有关恐怖主义…
    let hits = index.find("反腐败公约》及有关");
    assert_eq!(ids(&pair, &hits), ["op4:zh"]);
    let text = &hit_text(&pair, &hits[0]).unwrap().text;
    assert_eq!(&text[hits[0].start..hits[0].end], "反腐败公约》[2]及有关");
}

#[test]
fn navigation_over_hits() {
    let (pair, index) = embedded();
    let hits = index.find("洗钱");
    let op14 = pair.row_of(&ClauseId::Op(14)).unwrap();
    let pp30 = pair.row_of(&ClauseId::Pp(30)).unwrap();
    assert_eq!(hits_in(&hits, op14, Lang::Zh).count(), 3);
    assert_eq!(hits_in(&hits, op14, Lang::En).count(), 0);
    assert_eq!(row_range(&hits, op14), 2..5);
    assert_eq!(row_range(&hits, op14 + 1), 5..5);
    assert_eq!(next_hit(&hits, 0, true), Some((0, false)));
    assert_eq!(next_hit(&hits, pp30 + 1, true), Some((2, false)));
    assert_eq!(next_hit(&hits, op14 + 1, true), Some((0, true)));
    assert_eq!(next_hit(&hits, op14 + 1, false), Some((4, false)));
    assert_eq!(next_hit(&hits, pp30, false), Some((1, false)));
    assert_eq!(next_hit(&hits, 0, false), Some((4, true)));
    assert_eq!(next_hit(&[], 0, true), None);
    assert_eq!(step_hit(5, 4, true), Some((0, true)));
    assert_eq!(step_hit(5, 0, false), Some((4, true)));
    assert_eq!(step_hit(5, 2, true), Some((3, false)));
    assert_eq!(step_hit(0, 0, true), None);
    assert_eq!(rows_with_hits(&hits), 3);
    assert_eq!(rows_with_hits(&index.find("39574")), 2);
    assert_eq!(rows_with_hits(&[]), 0);
}

#[test]
fn hit_markers_are_never_ambiguous_width() {
    for marker in [HIT_OPEN, HIT_CLOSE, "..."] {
        assert_eq!(marker.width(), marker.width_cjk(), "{marker}");
    }
}

#[test]
fn plain_report() {
    let (pair, index) = embedded();
    let report = report_plain(&pair, &index.find("洗钱"));
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 4, "{report}");
    assert!(lines[0].starts_with("pp8   zh  ..."), "{report}");
    assert!(lines[2].starts_with("op14  zh  ..."), "{report}");
    assert_eq!(lines[2].matches("«洗钱»").count(), 3, "{report}");
    assert!(lines[2].contains("通过《打击«洗钱»、犯罪所得"), "{report}");

    let report = report_plain(&pair, &index.find("money-laundering"));
    let op14 = report.lines().nth(2).unwrap();
    assert!(
        op14.starts_with("op14  en  ...and Crime to continue"),
        "{report}"
    );
    assert_eq!(op14.matches(" ... ").count(), 1, "{report}");
    assert!(op14.ends_with("multilateral org..."), "{report}");
    assert_eq!(lines[3], "5 hits in 3 clauses");
    // About 60 columns each side of a lone hit.
    let (before, after) = lines[1].split_once("«洗钱»").unwrap();
    let before = before.strip_prefix("pp30  zh  ...").unwrap();
    let after = after.strip_suffix("...").unwrap();
    assert!((58..=60).contains(&before.width()), "{}", before.width());
    assert!((58..=60).contains(&after.width()), "{}", after.width());

    let report = report_plain(&pair, &index.find("39574"));
    let lines: Vec<&str> = report.lines().collect();
    assert!(lines[0].starts_with("fn1 (pp2)   zh  "), "{report}");
    assert!(lines[2].starts_with("fn6 (pp11)  zh  "), "{report}");
    assert_eq!(lines[4], "4 hits in 2 clauses");

    let report = report_plain(&pair, &index.find("reissued"));
    assert!(
        report.starts_with("fn*  en  «Reissued» for technical"),
        "{report}"
    );
    assert!(report.ends_with("1 hit in 0 clauses\n"), "{report}");
    assert_eq!(report_plain(&pair, &[]), "0 hits in 0 clauses\n");
}

#[test]
fn json_report() {
    let (pair, index) = embedded();
    let json = report_json(&pair, &index.find("39574"));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let hits = value.as_array().unwrap();
    assert_eq!(hits.len(), 4);
    let first = &hits[0];
    assert_eq!(first["id"], "fn1");
    assert_eq!(first["lang"], "zh");
    assert_eq!(first["kind"], "footnote");
    assert_eq!(first["marker"], "1");
    assert_eq!(first["clause"], "pp2");
    assert_eq!(first["hit"], "39574");
    assert_eq!(first["text_after"], " 号。");

    let json = report_json(&pair, &index.find("６７／１８９"));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let title = &value[0];
    assert_eq!(title["id"], "title");
    assert_eq!(title["kind"], "clause");
    assert!(title.get("marker").is_none());
    assert_eq!(
        (title["start"].as_u64(), title["end"].as_u64()),
        (Some(0), Some(6))
    );
    assert_eq!(title["text_before"], "");
    assert_eq!(title["hit"], "67/189");
    assert_eq!(report_json(&pair, &[]), "[]\n");
}

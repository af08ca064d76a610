//! Properties of search on random texts: hits are exactly the
//! non-overlapping occurrences of the folded query, at their original
//! places, and nothing panics.

use diglot::align::Pair;
use diglot::doc::{Clause, ClauseId, Document, Footnote, Lang, Metadata, RichText, Span, SpanKind};
use diglot::search::{
    Hit, Place, SearchIndex, fold, hit_text, next_hit, report_json, report_plain, step_hit,
};
use proptest::prelude::*;

/// Characters that fold in every way that matters: case, full width,
/// spaces, length changes (`Ａ` 3 → 1 byte, `Ⱥ` 2 → 3), a combining mark.
const ALPHABET: &[char] = &[
    'a', 'A', 'ａ', 'Ａ', 'b', '洗', '钱', '，', ',', ' ', '\u{3000}', '\n', 'İ', 'i', 'Ⱥ', 'ⱥ',
    '\u{212a}', 'k', '\u{301}', 'ß', 'ẞ', '1', '１',
];

/// A stretch of text, or a footnote reference drawn `[N]`.
#[derive(Clone, Debug)]
enum Piece {
    Text(String),
    Label(u8),
}

fn small_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..max)
        .prop_map(|chars| chars.into_iter().collect())
}

fn rich_text() -> impl Strategy<Value = RichText> {
    let piece = prop_oneof![
        4 => small_text(12).prop_map(Piece::Text),
        1 => (1u8..4).prop_map(Piece::Label),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|pieces| {
        let mut rich = RichText::default();
        for piece in pieces {
            match piece {
                Piece::Text(t) => rich.text.push_str(&t),
                Piece::Label(n) => {
                    let start = rich.text.len();
                    rich.text.push('[');
                    rich.text.push(char::from(b'0' + n));
                    rich.text.push(']');
                    rich.spans.push(Span {
                        start,
                        end: rich.text.len(),
                        kind: SpanKind::FootnoteRef,
                    });
                }
            }
        }
        rich
    })
}

fn plain(text: String) -> RichText {
    RichText {
        text,
        spans: Vec::new(),
    }
}

fn doc(lang: Lang, clauses: Vec<RichText>, footnotes: Vec<RichText>) -> Document {
    Document {
        lang,
        meta: Metadata::default(),
        clauses: clauses
            .into_iter()
            .zip(1..)
            .map(|(text, n)| Clause {
                id: ClauseId::Pp(n),
                text,
                line: 1,
            })
            .collect(),
        footnotes: footnotes
            .into_iter()
            .zip(1..)
            .map(|(text, n): (RichText, u32)| Footnote {
                marker: n.to_string(),
                text,
                line: 1,
            })
            .collect(),
        notes: Vec::new(),
    }
}

fn random_pair(text: BoxedStrategy<RichText>) -> impl Strategy<Value = Pair> {
    let texts = move |max| prop::collection::vec(text.clone(), 0..max);
    (texts(4), texts(4), texts(3), texts(3)).prop_map(|(zh, en, zh_notes, en_notes)| {
        Pair::new(doc(Lang::Zh, zh, zh_notes), doc(Lang::En, en, en_notes))
    })
}

/// `text` without its footnote labels, as (original range, folded char).
fn kept_chars(text: &RichText) -> Vec<(usize, usize, char)> {
    let labels: Vec<&Span> = text
        .spans
        .iter()
        .filter(|s| s.kind == SpanKind::FootnoteRef)
        .collect();
    text.text
        .char_indices()
        .filter(|(i, _)| !labels.iter().any(|s| (s.start..s.end).contains(i)))
        .map(|(i, c)| {
            let folded: Vec<char> = fold(&c.to_string()).chars().collect();
            assert_eq!(folded.len(), 1, "{c:?} folds to one char");
            (i, i + c.len_utf8(), folded[0])
        })
        .collect()
}

/// Non-overlapping occurrences, left to right, the slow obvious way.
fn expected_ranges(text: &RichText, query: &str) -> Vec<(usize, usize)> {
    let needle: Vec<char> = fold(query).chars().collect();
    let hay = kept_chars(text);
    let mut out = Vec::new();
    if needle.is_empty() || needle.contains(&'\0') {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()]
            .iter()
            .map(|k| k.2)
            .eq(needle.iter().copied())
        {
            out.push((hay[i].0, hay[i + needle.len() - 1].1));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

fn units(pair: &Pair) -> Vec<(Lang, Place)> {
    let mut out = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        for row in 0..pair.rows.len() {
            if pair.clause(row, lang).is_some() {
                out.push((lang, Place::Clause { row }));
            }
        }
        for marker_index in 0..pair.doc(lang).footnotes.len() {
            out.push((lang, Place::Footnote { marker_index }));
        }
    }
    out
}

fn check_hits(pair: &Pair, index: &SearchIndex, query: &str) -> Result<(), TestCaseError> {
    let hits = index.find(query);
    prop_assert_eq!(index.count(query), hits.len());
    for (lang, place) in units(pair) {
        let Some(text) = hit_text(
            pair,
            &Hit {
                lang,
                place,
                row: None,
                start: 0,
                end: 0,
            },
        ) else {
            continue;
        };
        let actual: Vec<(usize, usize)> = hits
            .iter()
            .filter(|h| h.lang == lang && h.place == place)
            .map(|h| (h.start, h.end))
            .collect();
        prop_assert_eq!(
            &actual,
            &expected_ranges(text, query),
            "{:?} {:?}",
            lang,
            place
        );
        let kept = kept_chars(text);
        for (start, end) in actual {
            let folded: String = kept
                .iter()
                .filter(|k| k.0 >= start && k.1 <= end)
                .map(|k| k.2)
                .collect();
            prop_assert_eq!(folded, fold(query));
        }
    }
    // Reading order: rows never go back; unreferenced footnotes last.
    let keys: Vec<usize> = hits.iter().map(|h| h.row.unwrap_or(usize::MAX)).collect();
    prop_assert!(keys.windows(2).all(|w| w[0] <= w[1]));
    check_lazy(pair, index, query, &hits)
}

/// The lazy queries agree with the list of all hits.
fn check_lazy(
    pair: &Pair,
    index: &SearchIndex,
    query: &str,
    hits: &[Hit],
) -> Result<(), TestCaseError> {
    let rows = pair.rows.len();
    let pick = |found: Option<(usize, bool)>| found.map(|(i, wrapped)| (hits[i].clone(), wrapped));
    for row in 0..rows + 2 {
        for forward in [true, false] {
            prop_assert_eq!(
                index.hit_from_row(query, row, forward),
                pick(next_hit(hits, row, forward)),
                "row {} forward {}",
                row,
                forward
            );
        }
        for end in row..rows + 2 {
            let expected: Vec<Hit> = hits
                .iter()
                .filter(|h| h.row.is_some_and(|r| (row..end).contains(&r)))
                .cloned()
                .collect();
            prop_assert_eq!(index.find_in_rows(query, row..end), expected);
        }
    }
    for (i, hit) in hits.iter().enumerate() {
        prop_assert_eq!(index.hits_before(query, hit), i);
        for forward in [true, false] {
            prop_assert_eq!(
                index.hit_after(query, hit, forward),
                pick(step_hit(hits.len(), i, forward))
            );
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn hits_are_the_folded_occurrences(
        pair in random_pair(rich_text().boxed()),
        queries in prop::collection::vec(small_text(4), 1..6),
    ) {
        let index = SearchIndex::new(&pair);
        for query in &queries {
            check_hits(&pair, &index, query)?;
        }
    }

    #[test]
    fn label_free_hits_fold_to_the_query(
        pair in random_pair(small_text(20).prop_map(plain).boxed()),
        query in small_text(3),
    ) {
        let index = SearchIndex::new(&pair);
        let needle = fold(&query);
        let mut previous: Option<&Hit> = None;
        let hits = index.find(&query);
        for hit in &hits {
            let text = &hit_text(&pair, hit).expect("hit in pair").text;
            prop_assert_eq!(fold(&text[hit.start..hit.end]), needle.clone());
            if let Some(p) = previous.filter(|p| (p.lang, p.place) == (hit.lang, hit.place)) {
                prop_assert!(p.end <= hit.start, "overlap {:?} {:?}", p, hit);
            }
            previous = Some(hit);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(
        pair in random_pair(any::<String>().prop_map(plain).boxed()),
        query in any::<String>(),
    ) {
        let index = SearchIndex::new(&pair);
        check_hits(&pair, &index, &query)?;
        let hits = index.find(&query);
        let _ = report_plain(&pair, &hits);
        let _ = report_json(&pair, &hits);
        prop_assert!(index.memory_bytes() > 0);
    }

    #[test]
    fn folding_is_idempotent_and_keeps_char_count(s in any::<String>()) {
        let once = fold(&s);
        prop_assert_eq!(once.chars().count(), s.chars().count());
        prop_assert_eq!(fold(&once), once);
    }
}

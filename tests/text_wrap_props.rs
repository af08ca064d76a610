//! Properties of `wrap` over generated text mixing Chinese, Latin words,
//! spaces, numbers with `/` and `.`, Chinese and Latin punctuation, emoji
//! ZWJ sequences, combining marks and hard line breaks.
//!
//! "Forced" below has one precise meaning: a line boundary at byte `b`
//! after a line starting at `s` is forced when `break_opportunities` lists
//! no offset in `(s, b]`, i.e. no soft break of any kind (ordinary, weak,
//! glued) was available on that line, so it had to be cut by width.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use diglot::text::{Line, WrapOptions, break_opportunities, grapheme_width, str_width, wrap};

const CLOSING: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '”', '’',
];
const OPENING: &[char] = &['（', '《', '「', '『', '“', '‘'];

#[rustfmt::skip]
const PIECES: &[&str] = &[
    // Chinese
    "大会", "重申", "联合国", "预防犯罪", "和", "刑事司法", "方案", "的", "技术合作", "能力",
    "洗钱", "第", "号决议",
    // Latin words
    "the", "General", "Assembly", "money-laundering", "resolution", "Convention", "a", "UNODC",
    // numbers and symbols
    "65/169", "A/67/458", "A/RES/67/189", "12.5%", "2012", "1.2", "http://x.org/a/b",
    // spaces
    " ", " ", " ", "  ", "\u{3000}", "\u{a0}",
    // Chinese punctuation
    "，", "。", "、", "；", "：", "？", "！", "（", "）", "《", "》", "「", "」", "『", "』",
    "“", "”", "‘", "’",
    // Latin punctuation
    ",", ".", ";", ":", "!", "?", "(", ")", "\"", "'", "-", "/",
    // clusters and oddities
    "👩\u{200d}👩\u{200d}👧", "👍🏽", "❤\u{fe0f}", "e\u{301}", "\u{301}", "\u{200b}", "\u{200d}",
    "·", "※", "—", "🇨🇳", "🇺", "가", "\u{1100}\u{1161}", "\u{600}", "\u{3099}", "\r", "\u{2028}",
    // hard breaks
    "\n", "\n",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_owned),
        2 => prop::char::range('\u{4e00}', '\u{9fa5}').prop_map(String::from),
        1 => prop::char::range('a', 'z').prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn options() -> impl Strategy<Value = WrapOptions> {
    (1usize..200, any::<bool>()).prop_map(|(width, ambiguous_wide)| WrapOptions {
        width,
        ambiguous_wide,
    })
}

/// Sorted, deduplicated byte offsets, some of them not char boundaries.
fn glue_for(len: usize) -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..=len.max(1), 0..6).prop_map(|mut v| {
        v.sort_unstable();
        v.dedup();
        v
    })
}

fn any_between(sorted: &[usize], lo_exclusive: usize, hi_inclusive: usize) -> bool {
    let i = sorted.partition_point(|&p| p <= lo_exclusive);
    sorted.get(i).is_some_and(|&p| p <= hi_inclusive)
}

fn check_all(text: &str, glue: &[usize], opts: WrapOptions) -> Result<(), TestCaseError> {
    let lines = wrap(text, glue, opts);
    let opportunities = break_opportunities(text);
    let boundaries: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    prop_assert!(!lines.is_empty());
    prop_assert_eq!(lines[0].start, 0);

    for (i, line) in lines.iter().enumerate() {
        let Line { start, end, width } = *line;
        prop_assert!(start <= end && end <= text.len());
        let content = &text[start..end];

        // (1) no line wider than the pane, unless it is one wide cluster.
        prop_assert_eq!(width, str_width(content, opts.ambiguous_wide));
        if width > opts.width {
            let mut clusters = content.graphemes(true);
            let only = clusters.next();
            prop_assert!(
                clusters.next().is_none()
                    && only.is_some_and(|g| grapheme_width(g, opts.ambiguous_wide) > opts.width),
                "line {} {:?} is {} wide at width {}",
                i,
                content,
                width,
                opts.width
            );
        }

        // (4) every boundary is a grapheme-cluster boundary.
        prop_assert!(boundaries.binary_search(&start).is_ok(), "start {}", start);
        prop_assert!(boundaries.binary_search(&end).is_ok(), "end {}", end);
        prop_assert!(!content.contains('\n'));

        // (2) in order, non-overlapping; only white space between lines.
        let next_start = lines.get(i + 1).map_or(text.len(), |n| n.start);
        prop_assert!(end <= next_start);
        let gap = &text[end..next_start];
        prop_assert!(gap.chars().all(char::is_whitespace), "gap {:?}", gap);
        let Some(next) = lines.get(i + 1) else {
            continue;
        };
        // A soft break is taken only inside a hard line: one line per '\n'.
        let soft = !gap.contains('\n');
        prop_assert!(gap.matches('\n').count() <= 1);

        // (3) a line starts with closing punctuation only after a forced cut.
        let next_content = &text[next.start..next.end];
        if soft && next_content.starts_with(CLOSING) {
            prop_assert!(
                !any_between(&opportunities, start, next.start),
                "line {:?} starts with closing punctuation, but an opportunity fitted",
                next_content
            );
        }
        // (5) a line ends with opening punctuation only before a forced cut.
        if soft && content.ends_with(OPENING) {
            prop_assert!(
                !any_between(&opportunities, start, next.start),
                "line {:?} ends with opening punctuation, but an opportunity fitted",
                content
            );
        }
    }
    // Hard lines: exactly one more than the '\n's, however they wrap.
    let hard = lines
        .windows(2)
        .filter(|w| text[w[0].end..w[1].start].contains('\n'))
        .count();
    prop_assert_eq!(hard, text.matches('\n').count());
    Ok(())
}

/// Cases these properties once found, kept as plain tests.
#[test]
fn regressions() {
    let narrow = |width, ambiguous_wide| WrapOptions {
        width,
        ambiguous_wide,
    };
    let cases: &[(&str, &[usize], WrapOptions)] = &[
        // UAX #14 allows SP ÷ NS and ZW ÷ CL.
        (" ；", &[], narrow(1, false)),
        ("money-laundering\u{200b}，", &[], narrow(5, false)),
        (
            "Assembly《A/RES/67/189”蜎\u{200b}）鎀联合国寝\nj",
            &[35],
            narrow(28, true),
        ),
        // Blanks after a soft break are consumed, not drawn as a line.
        ("大会 \u{a0}\u{a0}大会", &[], narrow(1, false)),
        // A break before blanks followed by "！" is a break before "！".
        ("培 b \u{3000}！鶫※k大会", &[12, 15], narrow(12, false)),
        ("， \u{3000}，", &[], narrow(1, false)),
        // The CR of CRLF belongs to no line.
        ("\r\n", &[], narrow(1, false)),
        // A prepended mark joins "《" into one cluster.
        ("\u{600}《\u{3000}大会", &[], narrow(1, false)),
    ];
    for &(text, glue, opts) in cases {
        check_all(text, glue, opts).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        check_all(text, glue, narrow(2, true)).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}

proptest! {
    // Failures are turned into named cases above, not saved beside the test.
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn wrap_properties(text in text(), opts in options()) {
        check_all(&text, &[], opts)?;
    }

    #[test]
    fn wrap_properties_with_glue((text, glue) in text().prop_flat_map(|t| {
        let len = t.len();
        (Just(t), glue_for(len))
    }), opts in options()) {
        check_all(&text, &glue, opts)?;
    }

    #[test]
    fn opportunities_respect_kinsoku(text in text()) {
        for &p in &break_opportunities(&text) {
            prop_assert!(text.is_char_boundary(p));
            // Blanks at a break are dropped: what follows them starts the line.
            let after = text[p..].trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
            prop_assert!(!after.starts_with(CLOSING), "break before closing at {}", p);
            let before = text[..p].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
            prop_assert!(!before.ends_with(OPENING), "break after opening at {}", p);
        }
    }

    #[test]
    fn narrow_widths_never_panic_and_zero_is_one(text in text(), ambiguous_wide in any::<bool>()) {
        let zero = wrap(&text, &[], WrapOptions { width: 0, ambiguous_wide });
        let one = wrap(&text, &[], WrapOptions { width: 1, ambiguous_wide });
        prop_assert_eq!(&zero, &one);
        check_all(&text, &[], WrapOptions { width: 1, ambiguous_wide })?;
        check_all(&text, &[], WrapOptions { width: 2, ambiguous_wide })?;
    }
}

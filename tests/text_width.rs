//! Display width of clusters and strings, as diglot draws them.

use diglot::text::{grapheme_width, str_width};

#[test]
fn ascii_and_cjk() {
    assert_eq!(grapheme_width("a", false), 1);
    assert_eq!(grapheme_width(" ", false), 1);
    assert_eq!(grapheme_width("大", false), 2);
    assert_eq!(grapheme_width("，", false), 2);
    assert_eq!(grapheme_width("\u{3000}", false), 2);
    assert_eq!(str_width("大会 A/67/458", false), 13);
}

#[test]
fn zwj_emoji_sequence_is_one_wide_cluster() {
    assert_eq!(grapheme_width("👩\u{200d}👩\u{200d}👧", false), 2);
    assert_eq!(str_width("👩\u{200d}👩\u{200d}👧", false), 2);
    assert_eq!(grapheme_width("👍🏽", false), 2);
    assert_eq!(grapheme_width("❤\u{fe0f}", false), 2);
    assert_eq!(grapheme_width("🇨🇳", false), 2);
}

#[test]
fn combining_marks_add_nothing() {
    assert_eq!(grapheme_width("e\u{301}", false), 1);
    assert_eq!(str_width("cafe\u{301}", false), 4);
    assert_eq!(grapheme_width("\u{301}", false), 0);
}

#[test]
fn zero_width_clusters() {
    assert_eq!(grapheme_width("\u{200d}", false), 0);
    assert_eq!(grapheme_width("\u{200b}", false), 0);
    assert_eq!(grapheme_width("\u{ad}", false), 0);
    assert_eq!(grapheme_width("", false), 0);
}

#[test]
fn ambiguous_characters_narrow_or_wide() {
    for g in ["“", "”", "·", "※", "—", "°", "‘", "’"] {
        assert_eq!(grapheme_width(g, false), 1, "{g}");
        assert_eq!(grapheme_width(g, true), 2, "{g}");
    }
    assert_eq!(str_width("“大会”", false), 6);
    assert_eq!(str_width("“大会”", true), 8);
    // U+FFFD is ambiguous too, which is why sanitize never uses it.
    assert_eq!(grapheme_width("\u{fffd}", true), 2);
}

#[test]
fn controls_count_zero() {
    for g in ["\u{1b}", "\n", "\t", "\r\n", "\u{7f}", "\u{9b}", "\u{0}"] {
        assert_eq!(grapheme_width(g, false), 0, "{g:?}");
        assert_eq!(grapheme_width(g, true), 0, "{g:?}");
    }
    assert_eq!(str_width("a\u{1b}b\r\n", false), 2);
    assert_eq!(str_width("大\u{9b}", false), 2);
}

#[test]
fn a_cluster_is_at_most_two_columns() {
    // KHMER SIGN BEYYAL: unicode-width says 3.
    assert_eq!(grapheme_width("\u{17d8}", false), 2);
    // A run of Hangul leading jamo forms one cluster.
    assert_eq!(grapheme_width("\u{1100}\u{1100}\u{1100}", false), 2);
}

#[test]
fn str_width_is_the_sum_over_clusters() {
    let s = "他说：“你好。”e\u{301}👩\u{200d}👧 ok";
    let sum: usize = unicode_segmentation::UnicodeSegmentation::graphemes(s, true)
        .map(|g| grapheme_width(g, false))
        .sum();
    assert_eq!(str_width(s, false), sum);
}

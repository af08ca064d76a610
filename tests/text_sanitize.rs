//! `sanitize`: nothing a terminal would interpret reaches it raw.

use std::borrow::Cow;

use diglot::text::{sanitize, str_width};

#[test]
fn clean_text_is_borrowed() {
    for s in [
        "",
        "大会，重申",
        "plain text\nwith lines",
        "“quotes” · ※ — é",
    ] {
        assert!(matches!(sanitize(s), Cow::Borrowed(_)), "{s:?}");
    }
}

#[test]
fn escape_sequence_is_shown_not_run() {
    assert_eq!(sanitize("a\u{1b}[2Jb"), "a␛[2Jb");
}

#[test]
fn c1_csi_becomes_a_narrow_unambiguous_placeholder() {
    let out = sanitize("a\u{9b}2Jb");
    assert_eq!(out, "a<9B>2Jb");
    assert_eq!(str_width(&out, false), str_width(&out, true));
    assert_eq!(sanitize("\u{80}\u{85}\u{9f}"), "<80><85><9F>");
}

#[test]
fn del_becomes_its_control_picture() {
    assert_eq!(sanitize("a\u{7f}b"), "a␡b");
}

#[test]
fn every_c0_control_but_newline_becomes_a_control_picture() {
    for c in (0u32..0x20).filter_map(char::from_u32) {
        if c == '\n' || c == '\t' {
            continue;
        }
        let out = sanitize(&c.to_string()).into_owned();
        let expected = char::from_u32(0x2400 + u32::from(c)).unwrap().to_string();
        assert_eq!(out, expected, "{c:?}");
        assert_eq!(str_width(&out, false), 1);
        assert_eq!(str_width(&out, true), 1);
    }
    assert_eq!(sanitize("a\r\nb"), "a␍\nb");
}

#[test]
fn bidi_overrides_and_isolates_become_visible() {
    assert_eq!(sanitize("abc\u{202e}def"), "abc<RLO>def");
    assert_eq!(sanitize("\u{2066}x\u{2069}"), "<LRI>x<PDI>");
    let all = "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}";
    assert_eq!(
        sanitize(all),
        "<LRE><RLE><PDF><LRO><RLO><LRI><RLI><FSI><PDI>"
    );
    // Neighbours of the bidi controls are left alone.
    assert!(matches!(
        sanitize("\u{2029}\u{2065}\u{206a}"),
        Cow::Borrowed(_)
    ));
}

#[test]
fn tabs_expand_to_the_next_multiple_of_four() {
    assert_eq!(sanitize("\tx"), "    x");
    assert_eq!(sanitize("a\tb"), "a   b");
    assert_eq!(sanitize("abc\td"), "abc d");
    assert_eq!(sanitize("abcd\te"), "abcd    e");
    assert_eq!(sanitize("a\t\tb"), "a       b");
}

#[test]
fn tab_columns_count_display_width_from_the_last_newline() {
    // "大" is two columns.
    assert_eq!(sanitize("大\tb"), "大  b");
    assert_eq!(sanitize("abcdef\nab\tc"), "abcdef\nab  c");
    // A replaced control is one column before the tab.
    assert_eq!(sanitize("\u{1b}\tx"), "␛   x");
    // "<9B>" is four.
    assert_eq!(sanitize("\u{9b}\tx"), "<9B>    x");
    assert_eq!(sanitize("x\u{1b}\ny\tz"), "x␛\ny   z");
}

#[test]
fn newlines_are_kept() {
    assert_eq!(sanitize("a\n\u{1b}\nb"), "a\n␛\nb");
}

#[test]
fn output_has_nothing_left_to_replace() {
    let nasty: String = (0u32..0x300)
        .chain(0x2020..0x2070)
        .filter_map(char::from_u32)
        .collect();
    let once = sanitize(&nasty).into_owned();
    assert!(matches!(sanitize(&once), Cow::Borrowed(_)));
    assert!(!once.chars().any(|c| c != '\n'
        && (c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c))));
}

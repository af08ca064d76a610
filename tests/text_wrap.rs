//! Named cases for `diglot::text::wrap`: kinsoku, numbers and symbols,
//! wide characters at the edge, clusters, ambiguous width, `LB19a`, glue,
//! hard breaks and degenerate widths.

use diglot::text::{Line, WrapOptions, break_opportunities, str_width, wrap};

fn opts(width: usize) -> WrapOptions {
    WrapOptions {
        width,
        ambiguous_wide: false,
    }
}

/// The wrapped lines of `text` as strings.
fn lines(text: &str, width: usize) -> Vec<&str> {
    lines_with(text, &[], opts(width))
}

fn lines_with<'t>(text: &'t str, glue: &[usize], opts: WrapOptions) -> Vec<&'t str> {
    wrap(text, glue, opts)
        .iter()
        .map(|l| &text[l.start..l.end])
        .collect()
}

fn widths(text: &str, width: usize) -> Vec<usize> {
    wrap(text, &[], opts(width))
        .iter()
        .map(|l| l.width)
        .collect()
}

// --- kinsoku: closing punctuation never starts a line ---------------------

#[test]
fn comma_never_starts_a_line() {
    // "我们认为" fills 8 columns exactly; greedy would put "，" first on the
    // next line, so "为" goes down with it.
    let text = "我们认为，这是对的。";
    assert_eq!(lines(text, 8), ["我们认", "为，这是", "对的。"]);
}

#[test]
fn full_stop_never_starts_a_line() {
    let text = "大会通过决议。秘书长报告";
    assert_eq!(lines(text, 12), ["大会通过决", "议。秘书长报", "告"]);
    assert_eq!(lines(text, 14), ["大会通过决议。", "秘书长报告"]);
}

#[test]
fn closing_marks_never_start_a_line_at_any_width() {
    let text = "大会，重申其决议；又注意到：会员国？是的！（注）《公约》「引」『引』“引”";
    // From 8 columns on, every unbreakable chunk ("《公约》") fits a line;
    // below that a cut by width may be forced.
    for width in 8..40 {
        for line in lines(text, width) {
            let first = line.chars().next();
            assert!(
                !matches!(
                    first,
                    Some(
                        '，' | '。'
                            | '、'
                            | '；'
                            | '：'
                            | '？'
                            | '！'
                            | '）'
                            | '》'
                            | '」'
                            | '』'
                            | '”'
                            | '’'
                    )
                ),
                "width {width}: {line:?}"
            );
        }
    }
}

// --- kinsoku: opening punctuation never ends a line ------------------------

#[test]
fn open_paren_never_ends_a_line() {
    // "大会（" is 6 columns and would fit, but "（" must not end the line.
    let text = "大会（第三委员会）";
    assert_eq!(lines(text, 6), ["大会", "（第三", "委员", "会）"]);
}

#[test]
fn open_book_title_mark_never_ends_a_line() {
    let text = "参阅《联合国打击跨国有组织犯罪公约》的规定";
    assert_eq!(lines(text, 6)[..2], ["参阅", "《联合"]);
    // "《联" needs 4 columns: below that it cannot stay together.
    for width in 4..30 {
        for line in lines(text, width) {
            assert!(!line.ends_with('《'), "width {width}: {line:?}");
        }
    }
}

// --- wide characters at the edge ------------------------------------------

#[test]
fn wide_char_on_the_last_column_moves_down() {
    // "abc" leaves one column: "你" does not straddle the edge.
    assert_eq!(lines("abc你好", 4), ["abc", "你好"]);
    assert_eq!(widths("abc你好", 4), [3, 4]);
}

#[test]
fn double_width_chars_at_odd_width() {
    let text = "大会重申联合国预防犯罪和刑事司法方案";
    assert_eq!(
        lines(text, 9),
        ["大会重申", "联合国预", "防犯罪和", "刑事司法", "方案"]
    );
    assert_eq!(widths(text, 9), [8, 8, 8, 8, 4]);
}

#[test]
fn double_width_chars_mixed_with_spaces() {
    let text = "大会 重申 联合国 预防犯罪";
    assert_eq!(lines(text, 7), ["大会 重", "申 联合", "国 预防", "犯罪"]);
    assert_eq!(lines(text, 10), ["大会 重申", "联合国 预", "防犯罪"]);
}

#[test]
fn double_width_char_at_width_one_gets_a_line_of_its_own() {
    let text = "你好a";
    let got = wrap(text, &[], opts(1));
    assert_eq!(
        got,
        [
            Line {
                start: 0,
                end: 3,
                width: 2
            },
            Line {
                start: 3,
                end: 6,
                width: 2
            },
            Line {
                start: 6,
                end: 7,
                width: 1
            },
        ]
    );
}

// --- numbers and document symbols -----------------------------------------

#[test]
fn resolution_number_65_169_is_not_split() {
    let text = "第 65/169 号决议";
    for width in 6..=12 {
        let got = lines(text, width);
        assert!(
            got.contains(&"65/169") || got.iter().any(|l| l.contains("65/169")),
            "width {width}: {got:?}"
        );
    }
    // "第 65/169" is 9 columns: at 8 the number moves to the next line whole.
    assert_eq!(lines(text, 8), ["第", "65/169", "号决议"]);
}

#[test]
fn document_symbol_a_67_458_is_not_split() {
    let text = "[根据第三委员会的报告(A/67/458)通过]";
    for width in 12..40 {
        let got = lines(text, width);
        assert!(
            got.iter().any(|l| l.contains("A/67/458")),
            "width {width}: {got:?}"
        );
    }
    let english = "on the report of the Third Committee (A/67/458)";
    for width in 10..50 {
        let got = lines(english, width);
        assert!(
            got.iter().any(|l| l.contains("(A/67/458)")),
            "width {width}: {got:?}"
        );
    }
}

#[test]
fn numbers_and_percentages_are_not_split() {
    let text = "in 2012 some 12.5% of 1,234,567 cases";
    for width in 9..40 {
        let got = lines(text, width);
        for needle in ["2012", "12.5%", "1,234,567"] {
            assert!(
                got.iter().any(|l| l.contains(needle)),
                "width {width}: {got:?}"
            );
        }
    }
}

#[test]
fn symbol_with_letters_moves_whole_and_splits_at_slash_only_when_too_long() {
    let text = "see A/RES/67/189 now";
    assert_eq!(lines(text, 14), ["see", "A/RES/67/189", "now"]);
    // Wider than the line: split after a '/', filling the line before.
    assert_eq!(
        lines("and A/RES/67/189 are", 10),
        ["and A/", "RES/67/189", "are"]
    );
}

#[test]
fn long_url_is_cut_by_width_as_a_last_resort() {
    let text = "https://www.unodc.org/documents/treaties";
    let got = lines(text, 10);
    assert_eq!(got.concat(), text);
    assert!(wrap(text, &[], opts(10)).iter().all(|l| l.width <= 10));
    // Splits prefer the places after '/'.
    assert_eq!(got[0], "https://");
}

#[test]
fn unbreakable_run_is_cut_by_width() {
    let text = "abcdefghijklmnopqrstuvwxyz";
    assert_eq!(lines(text, 10), ["abcdefghij", "klmnopqrst", "uvwxyz"]);
}

#[test]
fn cut_by_width_avoids_putting_a_comma_first() {
    assert_eq!(lines("abcdefghij, klm", 10), ["abcdefghi", "j, klm"]);
    assert_eq!(
        lines("大会重申联合国大会重申，", 4)[..],
        ["大会", "重申", "联合", "国大", "会重", "申，"]
    );
}

// --- grapheme clusters ------------------------------------------------------

#[test]
fn zwj_emoji_is_never_split() {
    let family = "👩\u{200d}👩\u{200d}👧";
    let text = format!("ab{family}cd{family}");
    for width in 1..8 {
        let text = text.as_str();
        for line in lines(text, width) {
            assert_eq!(
                line.matches('\u{200d}').count() % 2,
                0,
                "width {width}: {line:?}"
            );
        }
    }
    assert_eq!(
        lines(&text, 4),
        [format!("ab{family}"), format!("cd{family}")]
    );
    assert_eq!(widths(&text, 4), [4, 4]);
}

#[test]
fn combining_mark_stays_with_its_base() {
    let text = "cafe\u{301} cafe\u{301}";
    assert_eq!(lines(text, 4), ["cafe\u{301}", "cafe\u{301}"]);
    assert_eq!(widths(text, 4), [4, 4]);
    assert_eq!(lines("e\u{301}e\u{301}e\u{301}", 1), ["e\u{301}"; 3]);
}

#[test]
fn zero_width_clusters_stay_in_the_line() {
    let text = "ab\u{200b}cd";
    assert_eq!(lines(text, 4), ["ab\u{200b}cd"]);
    // U+200B is a break opportunity; the line keeps it, width 0.
    assert_eq!(lines(text, 3), ["ab\u{200b}", "cd"]);
    assert_eq!(widths(text, 3), [2, 2]);
}

// --- East Asian Ambiguous ----------------------------------------------------

#[test]
fn ambiguous_characters_narrow_by_default_wide_on_request() {
    let text = "“A” · ※ —";
    let narrow = wrap(text, &[], opts(80));
    let wide = wrap(
        text,
        &[],
        WrapOptions {
            width: 80,
            ambiguous_wide: true,
        },
    );
    assert_eq!(narrow[0].width, 9);
    assert_eq!(wide[0].width, 14);
}

#[test]
fn ambiguous_width_changes_where_lines_break() {
    let text = "“大会”·※—";
    let narrow = lines_with(text, &[], opts(6));
    let wide = lines_with(
        text,
        &[],
        WrapOptions {
            width: 6,
            ambiguous_wide: true,
        },
    );
    assert_ne!(narrow, wide);
    for (opts, got) in [(false, &narrow), (true, &wide)] {
        for line in got {
            assert!(str_width(line, opts) <= 6, "{opts}: {got:?}");
        }
    }
}

// --- LB19a: quotation marks between East Asian characters --------------------

#[test]
fn lb19a_allows_breaks_around_chinese_quotes() {
    let text = "他说：“你好。”我们走吧。";
    let opportunities = break_opportunities(text);
    let before_open = text.find('“').unwrap();
    let after_close = text.find('”').unwrap() + '”'.len_utf8();
    assert!(opportunities.contains(&before_open), "{opportunities:?}");
    assert!(opportunities.contains(&after_close), "{opportunities:?}");
    // Never after the opening quote or before the closing one.
    assert!(!opportunities.contains(&(before_open + '“'.len_utf8())));
    assert!(!opportunities.contains(&text.find('”').unwrap()));

    assert_eq!(lines(text, 8), ["他说：", "“你好。”", "我们走", "吧。"]);
    assert_eq!(lines(text, 7), ["他说：", "“你", "好。”我", "们走", "吧。"]);
}

#[test]
fn lb19a_does_not_apply_in_latin_context() {
    let text = "He said “hello” and left";
    let opportunities = break_opportunities(text);
    let open = text.find('“').unwrap();
    // The break before “ comes from the space (LB18), not LB19a; there is
    // none after the opening quote nor before the closing one.
    assert!(!opportunities.contains(&(open + '“'.len_utf8())));
    assert!(!opportunities.contains(&text.find('”').unwrap()));
    assert_eq!(lines(text, 14), ["He said", "“hello” and", "left"]);
}

#[test]
fn quote_never_at_the_wrong_edge() {
    let text = "他说：“你好。”她说：“再见。”";
    // "好。”" needs 5 columns: below that a cut by width is forced.
    for width in 5..30 {
        let got = lines(text, width);
        for line in &got {
            assert!(!line.ends_with('“'), "width {width}: {got:?}");
            assert!(!line.starts_with('”'), "width {width}: {got:?}");
        }
    }
}

// --- glue ----------------------------------------------------------------------

#[test]
fn glue_keeps_a_footnote_marker_with_the_word_before() {
    let text = "联合国公约[7]和议定书";
    let marker = text.find('[').unwrap();
    assert_eq!(lines(text, 10), ["联合国公约", "[7]和议定", "书"]);
    assert_eq!(
        lines_with(text, &[marker], opts(10)),
        ["联合国公", "约[7]和议", "定书"]
    );
}

#[test]
fn glue_gives_way_when_nothing_else_fits() {
    let text = "公约[7]";
    let marker = text.find('[').unwrap();
    assert_eq!(lines_with(text, &[marker], opts(4)), ["公约", "[7]"]);
}

#[test]
fn glue_offsets_that_are_not_opportunities_are_ignored() {
    let text = "大会重申其决议";
    let glue = [0, 1, 2, 3, 100, 4];
    let got = lines_with(text, &glue, opts(4));
    assert_eq!(got.concat(), text);
}

// --- white space ------------------------------------------------------------------

#[test]
fn spaces_at_a_break_are_consumed() {
    let text = "The  quick   brown fox";
    assert_eq!(lines(text, 10), ["The  quick", "brown fox"]);
    let got = wrap(text, &[], opts(10));
    assert_eq!(got[1].start, text.find("brown").unwrap());
}

#[test]
fn leading_indentation_is_kept() {
    assert_eq!(lines("    indented text", 20), ["    indented text"]);
    assert_eq!(lines("ab\n  cd", 20), ["ab", "  cd"]);
    // Indentation wider than the line is cut like anything else.
    assert_eq!(lines("            x", 5), ["     ", "     ", "  x"]);
}

#[test]
fn trailing_spaces_are_not_drawn() {
    assert_eq!(lines("abc   ", 10), ["abc"]);
    assert_eq!(lines("abc   \ndef", 4), ["abc", "def"]);
    assert_eq!(lines("a                              b", 5), ["a", "b"]);
}

#[test]
fn non_breaking_space_keeps_words_together() {
    let text = "AAAAA BB\u{a0}CC";
    assert_eq!(lines(text, 8), ["AAAAA", "BB\u{a0}CC"]);
}

#[test]
fn ideographic_space_indent_is_kept() {
    let text = "\u{3000}\u{3000}大会重申";
    assert_eq!(lines(text, 8), ["\u{3000}\u{3000}大会", "重申"]);
}

// --- hard breaks, empty text, degenerate widths ---------------------------------

#[test]
fn empty_text_is_one_empty_line() {
    assert_eq!(
        wrap("", &[], opts(10)),
        [Line {
            start: 0,
            end: 0,
            width: 0
        }]
    );
    assert_eq!(
        wrap("", &[], opts(0)),
        [Line {
            start: 0,
            end: 0,
            width: 0
        }]
    );
}

#[test]
fn hard_breaks() {
    assert_eq!(lines("a\nb", 10), ["a", "b"]);
    assert_eq!(lines("a\n", 10), ["a", ""]);
    assert_eq!(lines("a\n\n\nb", 10), ["a", "", "", "b"]);
    assert_eq!(lines("\n", 10), ["", ""]);
    let got = wrap("ab\ncd", &[], opts(10));
    assert_eq!(
        got,
        [
            Line {
                start: 0,
                end: 2,
                width: 2
            },
            Line {
                start: 3,
                end: 5,
                width: 2
            },
        ]
    );
}

#[test]
fn crlf_line_endings_draw_no_carriage_return() {
    assert_eq!(lines("ab\r\ncd\r\n", 10), ["ab", "cd", ""]);
}

#[test]
fn width_one() {
    assert_eq!(lines("ab cd", 1), ["a", "b", "c", "d"]);
    assert_eq!(widths("你好，世界", 1), [2, 2, 2, 2, 2]);
}

#[test]
fn width_zero_wraps_like_width_one() {
    for text in [
        "",
        "ab cd",
        "你好，世界。",
        "a\n\nb",
        "e\u{301}👩\u{200d}👧",
    ] {
        assert_eq!(
            wrap(text, &[], opts(0)),
            wrap(text, &[], opts(1)),
            "{text:?}"
        );
    }
}

#[test]
fn single_long_line_is_linear() {
    // 600 000 bytes with no opportunity at all, and one with an opportunity
    // every cluster: both finish, with every line full.
    let run = "a".repeat(600_000);
    let got = wrap(&run, &[], opts(7));
    assert_eq!(got.len(), 600_000usize.div_ceil(7));
    let han = "大".repeat(200_000);
    let got = wrap(&han, &[], opts(7));
    assert_eq!(got.len(), 200_000usize.div_ceil(3));
    assert!(got.iter().all(|l| l.width <= 7));
}

#[test]
fn pathological_inputs_stay_linear() {
    // Each would take minutes if any run were rescanned per cluster.
    let n = 50_000;
    let long_spaces = format!("a{}b", " ".repeat(3 * n));
    let han = "大".repeat(n);
    let glue_at_end = [han.len() - 3];
    let cases: Vec<(String, &[usize])> = vec![
        (long_spaces, &[]),
        (han.clone(), &glue_at_end),
        ("a ".repeat(n), &[]),
        ("\u{3000} ".repeat(n), &[]),
        ("（".repeat(n), &[]),
        ("1/".repeat(n), &[]),
        ("“你”".repeat(n), &[]),
        (format!("{}{}", "word ".repeat(n), "x".repeat(n)), &[]),
    ];
    for (text, glue) in &cases {
        for width in [1, 7, 80] {
            let got = wrap(text, glue, opts(width));
            assert!(!got.is_empty());
            assert!(got.last().unwrap().end <= text.len());
        }
    }
}

#[test]
fn huge_width_keeps_each_hard_line_whole() {
    let text = "大会，重申 the resolution 65/169\n第二行";
    let got = lines(text, usize::MAX);
    assert_eq!(got, ["大会，重申 the resolution 65/169", "第二行"]);
}

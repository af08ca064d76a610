//! The text layer on arbitrary text: `sanitize`, then `wrap` at a width
//! from the input (0–300) in either ambiguous-width mode, with footnote-like
//! glue offsets.
//!
//! Checks what the drawing code relies on: lines in order and within the
//! text, on character boundaries, measured exactly as they are drawn, no
//! wider than the width unless they hold a single grapheme cluster, and
//! nothing but white space left out between them. The sanitized text
//! contains nothing a terminal would obey.

#![no_main]

use diglot::text::{WrapOptions, sanitize, str_width, wrap};
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn check_sanitized(raw: &str) -> String {
    let clean = sanitize(raw);
    for c in clean.chars() {
        assert!(
            c == '\n' || !(c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) || is_bidi_control(c)),
            "{c:?} survived sanitize in {clean:?}"
        );
    }
    // Sanitizing twice changes nothing.
    assert_eq!(sanitize(&clean), clean);
    clean.into_owned()
}

fn check_wrap(text: &str, glue: &[usize], opts: WrapOptions) {
    let lines = wrap(text, glue, opts);
    assert!(!lines.is_empty());
    let hard_breaks = text.matches('\n').count();
    assert!(
        lines.len() > hard_breaks,
        "{} lines, {hard_breaks} breaks",
        lines.len()
    );
    let limit = opts.width.max(1);
    let mut prev_end = 0;
    for line in &lines {
        assert!(line.start <= line.end, "{line:?}");
        assert!(line.end <= text.len(), "{line:?} past {}", text.len());
        assert!(line.start >= prev_end, "{line:?} before {prev_end}");
        assert!(text.is_char_boundary(line.start) && text.is_char_boundary(line.end));
        // Between two lines: only white space and line breaks.
        let gap = &text[prev_end..line.start];
        assert!(gap.chars().all(char::is_whitespace), "dropped {gap:?}");
        let shown = &text[line.start..line.end];
        assert!(!shown.contains('\n'), "{line:?} holds a line break");
        assert_eq!(
            str_width(shown, opts.ambiguous_wide),
            line.width,
            "{shown:?}"
        );
        if line.width > limit {
            assert_eq!(
                shown.graphemes(true).count(),
                1,
                "{shown:?} is {} wide",
                line.width
            );
        }
        prev_end = line.end;
    }
    let tail = &text[prev_end..];
    assert!(
        tail.chars().all(char::is_whitespace),
        "dropped tail {tail:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let [w0, w1, flags, rest @ ..] = data else {
        return;
    };
    let width = usize::from(u16::from_le_bytes([*w0, *w1]) % 301);
    let ambiguous_wide = flags & 1 != 0;
    let raw = String::from_utf8_lossy(rest);
    let text = if flags & 2 == 0 {
        check_sanitized(&raw)
    } else {
        // The wrapper also meets text nobody sanitized (prompts, notes).
        raw.into_owned()
    };
    // Glue before every '[' (where footnote markers start), as the reader
    // passes it.
    let glue: Vec<usize> = text.match_indices('[').map(|(i, _)| i).collect();
    check_wrap(
        &text,
        &glue,
        WrapOptions {
            width,
            ambiguous_wide,
        },
    );
});

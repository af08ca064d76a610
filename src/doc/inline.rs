//! Inline markup of one block: `**bold**`, `*italic*`, `_italic_`,
//! `<sup>N</sup>` footnote references, backslash escapes.
//!
//! One pass finds the delimiters, a second pairs them in order (an opener
//! without a closer stays literal text) and a third writes the flat text and
//! its spans. Nothing recurses and nothing rescans, so 100 000 nested `**`
//! cost the same per byte as plain prose.

use super::model::{RichText, Span, SpanKind, footnote_label};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Delim {
    Strong,
    Star,
    Under,
}

#[derive(Clone, Copy)]
enum Token {
    /// Literal source text `start..end`.
    Text(usize, usize),
    /// A delimiter at a byte offset; `literal` once found unpaired.
    Delim {
        delim: Delim,
        at: usize,
        literal: bool,
    },
    /// `<sup>…</sup>` with the marker at `start..end`.
    Sup(usize, usize),
    /// A backslash escape: the escaped character at `at`.
    Escaped(usize),
}

/// The longest footnote marker accepted inside `<sup>…</sup>`.
const MAX_MARKER: usize = 8;

/// Finds `<sup>M</sup>` at the start of `s`; returns the marker's range
/// within `s` and the length of the whole tag.
pub(crate) fn sup_at(s: &str) -> Option<(usize, usize, usize)> {
    let rest = s.strip_prefix("<sup>")?;
    // Search a bounded window (bytes: the window may end inside a character).
    let window = &rest.as_bytes()[..rest.len().min(MAX_MARKER + 8)];
    let close = window.windows(6).position(|w| w == b"</sup>")?;
    let marker = rest[..close].trim();
    if marker.is_empty() || marker.len() > MAX_MARKER || marker.contains('<') {
        return None;
    }
    let lead = rest[..close].find(marker).unwrap_or(0);
    Some((5 + lead, 5 + lead + marker.len(), 5 + close + 6))
}

/// Parses the inline markup of `src` into flat text with spans. A styled
/// run that opens the block is its lead phrase.
pub fn parse_inline(src: &str) -> RichText {
    let mut tokens = tokenize(src);
    pair_delimiters(src, &mut tokens);
    render(src, &tokens)
}

fn tokenize(src: &str) -> Vec<Token> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let flush = |tokens: &mut Vec<Token>, from: usize, to: usize| {
        if from < to {
            tokens.push(Token::Text(from, to));
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                flush(&mut tokens, text_start, i);
                tokens.push(Token::Escaped(i + 1));
                i += 2;
                text_start = i;
            }
            b'*' => {
                flush(&mut tokens, text_start, i);
                let delim = if bytes.get(i + 1) == Some(&b'*') {
                    Delim::Strong
                } else {
                    Delim::Star
                };
                tokens.push(Token::Delim {
                    delim,
                    at: i,
                    literal: false,
                });
                i += if delim == Delim::Strong { 2 } else { 1 };
                text_start = i;
            }
            b'_' => {
                flush(&mut tokens, text_start, i);
                tokens.push(Token::Delim {
                    delim: Delim::Under,
                    at: i,
                    literal: false,
                });
                i += 1;
                text_start = i;
            }
            b'<' => {
                if let Some((m_start, m_end, len)) = sup_at(&src[i..]) {
                    flush(&mut tokens, text_start, i);
                    tokens.push(Token::Sup(i + m_start, i + m_end));
                    i += len;
                    text_start = i;
                } else {
                    i = next_markup(bytes, i + 1);
                }
            }
            _ => i = next_markup(bytes, i + 1),
        }
    }
    flush(&mut tokens, text_start, bytes.len());
    tokens
}

/// The first byte at or after `i` that may start markup (`\`, `*`, `_`,
/// `<`), or the end. Text between markup is skipped eight bytes at a time:
/// every block of a document goes through here once.
fn next_markup(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Exact: true when a byte of `word` equals `b`, never otherwise.
    let has = |word: u64, b: u8| {
        let x = word ^ (ONES * u64::from(b));
        (x.wrapping_sub(ONES) & !x & HIGHS) != 0
    };
    while let Some(word) = bytes.get(i..i + 8) {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        let word = u64::from_le_bytes(eight);
        if has(word, b'\\') || has(word, b'*') || has(word, b'_') || has(word, b'<') {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && !matches!(bytes[i], b'\\' | b'*' | b'_' | b'<') {
        i += 1;
    }
    i
}

fn is_word_byte(b: Option<&u8>) -> bool {
    // Any non-ASCII byte counts as part of a word: `_` inside 中文_文字 or an
    // identifier is literal, as in CommonMark.
    b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
}

/// Pairs openers with closers in order, per delimiter kind, keeping one
/// pending opener per kind so nothing rescans. A delimiter opens only before
/// non-whitespace and closes only after non-whitespace, so `2 * 3 * 4` keeps
/// its asterisks; `_` also needs a non-word byte on its outer side, so
/// `snake_case` stays literal. An opener that is never closed, or that a
/// later opener of the same kind replaces, is literal.
#[allow(clippy::needless_range_loop)]
fn pair_delimiters(src: &str, tokens: &mut [Token]) {
    let bytes = src.as_bytes();
    let mut open: [Option<usize>; 3] = [None; 3];
    for index in 0..tokens.len() {
        // Indexing, not iterating: tokens are rewritten in place below.
        let Token::Delim { delim, at, .. } = tokens[index] else {
            continue;
        };
        let slot = delim as usize;
        let width = if delim == Delim::Strong { 2 } else { 1 };
        let before = at.checked_sub(1).and_then(|i| bytes.get(i));
        let after = bytes.get(at + width);
        let mut can_open = after.is_some_and(|b| !b.is_ascii_whitespace());
        let mut can_close = before.is_some_and(|b| !b.is_ascii_whitespace());
        if delim == Delim::Under {
            can_open &= !is_word_byte(before);
            can_close &= !is_word_byte(after);
        }
        if can_close && open[slot].is_some() {
            open[slot] = None;
        } else if can_open {
            if let Some(stale) = open[slot].replace(index) {
                set_literal(&mut tokens[stale]);
            }
        } else {
            set_literal(&mut tokens[index]);
        }
    }
    for index in open.into_iter().flatten() {
        set_literal(&mut tokens[index]);
    }
}

fn set_literal(token: &mut Token) {
    if let Token::Delim { literal, .. } = token {
        *literal = true;
    }
}

fn render(src: &str, tokens: &[Token]) -> RichText {
    // The flat text is never longer than its source (markup only shrinks:
    // `<sup>2</sup>` is `[2]`), so one allocation holds it, instead of a
    // string grown by doubling, reallocated several times per clause.
    let mut out = RichText {
        text: String::with_capacity(src.len()),
        spans: Vec::new(),
    };
    let mut styled = [false; 3];
    // The lead phrase is the styled run that opens the block.
    let mut lead_open = false;
    let mut lead_done = false;
    // Whether only whitespace has been written so far, checked over the text
    // added since the last look: a long run of delimiters around spaces must
    // not rescan the whole output each time (that was quadratic).
    let mut blank = true;
    let mut blank_checked = 0;
    let push = |out: &mut RichText, text: &str, kind: Option<SpanKind>| {
        if text.is_empty() {
            return;
        }
        let start = out.text.len();
        out.text.push_str(text);
        let end = out.text.len();
        let Some(kind) = kind else { return };
        // Adjacent runs of one style merge, except footnote references:
        // `<sup>1</sup><sup>2</sup>` is two markers, not one `[1][2]`.
        match out.spans.last_mut() {
            Some(last)
                if last.kind == kind && last.end == start && kind != SpanKind::FootnoteRef =>
            {
                last.end = end;
            }
            _ => {
                // Most clauses have one span (the lead phrase): room for one
                // first, not the four a Vec starts with (10 MB of a 50 MB
                // pair's spans went unused).
                if out.spans.capacity() == 0 {
                    out.spans.reserve_exact(1);
                }
                out.spans.push(Span { start, end, kind });
            }
        }
    };
    for token in tokens {
        let style = |lead_open: bool, styled: &[bool; 3]| {
            if lead_open {
                Some(SpanKind::Lead)
            } else if styled.iter().any(|s| *s) {
                Some(SpanKind::Emphasis)
            } else {
                None
            }
        };
        match *token {
            Token::Text(start, end) => {
                let kind = style(lead_open, &styled);
                push(&mut out, &src[start..end], kind);
            }
            Token::Escaped(at) => {
                let len = src[at..].chars().next().map_or(1, char::len_utf8);
                let kind = style(lead_open, &styled);
                push(&mut out, &src[at..at + len], kind);
            }
            Token::Delim { delim, at, literal } => {
                if literal {
                    let len = if delim == Delim::Strong { 2 } else { 1 };
                    let kind = style(lead_open, &styled);
                    push(&mut out, &src[at..at + len], kind);
                    continue;
                }
                let slot = delim as usize;
                styled[slot] = !styled[slot];
                let any = styled.iter().any(|s| *s);
                if blank {
                    blank = out.text[blank_checked..].chars().all(char::is_whitespace);
                    blank_checked = out.text.len();
                }
                if any && !lead_done && blank {
                    lead_open = true;
                } else if !any {
                    lead_open = false;
                    // An empty styled run (`****`) is no lead phrase and does
                    // not use up the chance of one.
                    lead_done = !blank;
                }
            }
            Token::Sup(start, end) => {
                let label = footnote_label(&src[start..end]);
                push(&mut out, &label, Some(SpanKind::FootnoteRef));
            }
        }
    }
    trim(out)
}

/// Trims outer whitespace, keeping spans in step.
fn trim(mut rich: RichText) -> RichText {
    let end = rich.text.trim_end().len();
    let start = rich.text.len() - rich.text.trim_start().len();
    if start == 0 && end == rich.text.len() {
        return rich;
    }
    let end = end.max(start);
    rich.text = rich.text[start..end].to_owned();
    rich.spans = rich
        .spans
        .into_iter()
        .filter_map(|s| {
            let s_start = s.start.clamp(start, end) - start;
            let s_end = s.end.clamp(start, end) - start;
            (s_start < s_end).then_some(Span {
                start: s_start,
                end: s_end,
                kind: s.kind,
            })
        })
        .collect();
    rich
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(r: &RichText) -> Vec<(&str, SpanKind)> {
        r.spans
            .iter()
            .map(|s| (&r.text[s.start..s.end], s.kind))
            .collect()
    }

    #[test]
    fn bold_lead_in_chinese() {
        let r = parse_inline("**重申**其 1991 年决议，");
        assert_eq!(r.text, "重申其 1991 年决议，");
        assert_eq!(spans(&r), vec![("重申", SpanKind::Lead)]);
        assert_eq!(r.lead(), Some("重申"));
    }

    #[test]
    fn italic_lead_and_later_emphasis() {
        let r = parse_inline("*Recalling* the *Treaty Series*,");
        assert_eq!(r.text, "Recalling the Treaty Series,");
        assert_eq!(
            spans(&r),
            vec![
                ("Recalling", SpanKind::Lead),
                ("Treaty Series", SpanKind::Emphasis)
            ]
        );
        let r = parse_inline("_Urges_ States");
        assert_eq!(r.lead(), Some("Urges"));
    }

    #[test]
    fn footnote_references() {
        let r = parse_inline("公约》<sup>2</sup>以及<sup>*</sup>");
        assert_eq!(r.text, "公约》[2]以及[*]");
        assert_eq!(r.footnote_markers().collect::<Vec<_>>(), vec!["2", "*"]);
        assert_eq!(r.glue(), vec!["公约》".len(), "公约》[2]以及".len()]);
    }

    #[test]
    fn unpaired_delimiters_stay_literal() {
        assert_eq!(parse_inline("a ** b").text, "a ** b");
        assert_eq!(parse_inline("2 * 3 = 6").text, "2 * 3 = 6");
        assert_eq!(parse_inline("snake_case_name").text, "snake_case_name");
        assert_eq!(
            parse_inline("<sup>toolongmarker</sup>").text,
            "<sup>toolongmarker</sup>"
        );
        assert!(parse_inline("a ** b").spans.is_empty());
    }

    #[test]
    fn escapes() {
        let r = parse_inline(r"\* note \_x\_");
        assert_eq!(r.text, "* note _x_");
        assert!(r.spans.is_empty());
    }

    #[test]
    fn deep_nesting_is_linear_and_literal_when_unpaired() {
        let src = "**".repeat(100_001);
        let r = parse_inline(&src);
        // 100 000 pair up into empty runs; the odd one is literal.
        assert_eq!(r.text, "**");
    }
}

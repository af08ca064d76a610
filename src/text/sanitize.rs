//! Turning document text into text that is safe to hand to a terminal.
//!
//! Runs once, when a document is loaded. Everything that a terminal would
//! interpret rather than draw becomes a visible placeholder of unambiguous
//! width, so a hostile document can neither move the cursor nor reorder what
//! is shown, and the widths the layout computes stay true.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::width::str_width;

/// Tab stops are every this many display columns.
const TAB_STOP: usize = 4;

/// Names of the bidirectional embedding, override and isolate controls,
/// shown as `<RLO>` and so on.
fn bidi_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "<LRE>",
        '\u{202B}' => "<RLE>",
        '\u{202C}' => "<PDF>",
        '\u{202D}' => "<LRO>",
        '\u{202E}' => "<RLO>",
        '\u{2066}' => "<LRI>",
        '\u{2067}' => "<RLI>",
        '\u{2068}' => "<FSI>",
        '\u{2069}' => "<PDI>",
        _ => return None,
    })
}

/// Replaces what must never reach a terminal raw.
///
/// - C0 controls except `'\n'` become their control pictures (U+2400 + c:
///   ESC → `␛`, CR → `␍`), DEL becomes `␡`. All of these are one column in
///   both width modes.
/// - C1 controls U+0080–U+009F become their code in angle brackets
///   (`U+009B` → `<9B>`): four ASCII columns. A single replacement character
///   would not do: U+FFFD is East Asian Ambiguous.
/// - Bidi embeddings, overrides and isolates (U+202A–U+202E,
///   U+2066–U+2069) become their abbreviation: `<RLO>`, `<LRI>` ….
/// - `'\t'` becomes spaces up to the next multiple of 4 display columns,
///   counted (narrow ambiguous width) from the last `'\n'`, after the
///   replacements before it on that line.
///
/// Borrowed when nothing changes. Linear time.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let Some(first) = find_unsafe(bytes, 0) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + s.len() / 64 + 16);
    out.push_str(&s[..first]);
    // Column bookkeeping for tabs: `col` is the width of
    // `out[line_start..measured]`; anything after `measured` is measured only
    // when a tab needs it, so each byte is measured at most once.
    let mut measured = s[..first].rfind('\n').map_or(0, |i| i + 1);
    let mut col = 0;
    let mut pos = first;
    while let Some(c) = s[pos..].chars().next() {
        pos += c.len_utf8();
        match c {
            '\t' => {
                col += str_width(&out[measured..], false);
                let pad = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', pad));
                col += pad;
                measured = out.len();
            }
            '\u{0}'..='\u{1f}' => {
                let picture = char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{2426}');
                out.push(picture);
            }
            '\u{7f}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}' => {
                // Writing into a String cannot fail.
                let _ = write!(out, "<{:02X}>", u32::from(c));
            }
            _ => match bidi_name(c) {
                Some(name) => out.push_str(name),
                None => out.push(c),
            },
        }
        let next = find_unsafe(bytes, pos).unwrap_or(s.len());
        let clean = &s[pos..next];
        if let Some(nl) = clean.rfind('\n') {
            col = 0;
            measured = out.len() + nl + 1;
        }
        out.push_str(clean);
        pos = next;
    }
    Cow::Owned(out)
}

/// Byte offset of the first character at or after `from` that `sanitize`
/// replaces. Works on bytes: every such character starts with a byte that
/// is rare in text (C0, DEL, 0xC2 for C1, 0xE2 for the bidi controls).
fn find_unsafe(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        // Skip, eight at a time, bytes that start nothing replaced: a
        // document is read through here once, and byte by byte this loop
        // was a tenth of opening one.
        while let Some(word) = bytes.get(i..i + 8) {
            let mut eight = [0; 8];
            eight.copy_from_slice(word);
            if may_start_unsafe(u64::from_le_bytes(eight)) {
                break;
            }
            i += 8;
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let hit = match b {
            b'\n' => false,
            0x00..=0x1f | 0x7f => true,
            // C1 controls are U+0080–U+009F: 0xC2 0x80–0x9F.
            0xc2 => bytes.get(i + 1).is_some_and(|&b1| b1 < 0xa0),
            // U+202A–U+202E: E2 80 AA–AE; U+2066–U+2069: E2 81 A6–A9.
            0xe2 => matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ),
            _ => false,
        };
        if hit {
            return Some(i);
        }
        i += 1;
    }
    None
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether a byte of `word` is zero (exact: no false negatives).
const fn has_zero_byte(word: u64) -> bool {
    word.wrapping_sub(ONES) & !word & HIGHS != 0
}

/// Whether one of the eight bytes in `word` is a C0 control (the line feed
/// included, which costs a closer look once a line), DEL, or 0xC2 / 0xE2,
/// the lead bytes of the C1 and bidi controls. Never false when one is.
const fn may_start_unsafe(word: u64) -> bool {
    // A byte below 0x20 (exact for any threshold up to 0x80).
    word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0
        || has_zero_byte(word ^ (ONES * 0x7f))
        || has_zero_byte(word ^ (ONES * 0xc2))
        || has_zero_byte(word ^ (ONES * 0xe2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_unsafe` one byte at a time, as it was before the word skip.
    fn find_unsafe_bytewise(bytes: &[u8], from: usize) -> Option<usize> {
        (from..bytes.len()).find(|&i| match bytes[i] {
            b'\n' => false,
            0x00..=0x1f | 0x7f => true,
            0xc2 => bytes.get(i + 1).is_some_and(|&b1| b1 < 0xa0),
            0xe2 => matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ),
            _ => false,
        })
    }

    #[test]
    fn word_skip_finds_what_the_byte_loop_finds() {
        let pieces = [
            "a", "中文", "\n", "\t", "\u{1b}", "\u{7f}", "\u{85}", "\u{9b}", "\u{a0}", "é",
            "\u{202e}", "\u{2069}", "\u{2014}", "“", "\u{2028}", " ", "12345678",
        ];
        // Every piece after every other, at every offset of an 8-byte word.
        for pad in 0..9 {
            for a in pieces {
                for b in pieces {
                    let s = format!("{}{a}{}{b}xyz", "p".repeat(pad), "q".repeat(pad % 5));
                    let bytes = s.as_bytes();
                    for from in 0..=bytes.len() {
                        assert_eq!(
                            find_unsafe(bytes, from),
                            find_unsafe_bytewise(bytes, from),
                            "{s:?} from {from}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn word_test_is_exact_for_every_byte_value() {
        for b in 0..=255u8 {
            let special = b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xe2);
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = b;
                assert_eq!(
                    may_start_unsafe(u64::from_le_bytes(word)),
                    special,
                    "{b:#x}"
                );
            }
        }
    }
}

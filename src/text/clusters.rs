//! Grapheme clusters with their width, fast for the common case.
//!
//! Running the full UAX #29 state machine for every character dominates the
//! cost of wrapping. Most characters in diglot's documents (ASCII, Latin,
//! CJK ideographs and punctuation, kana, Hangul syllables) are "simple":
//! between two simple characters there is always a cluster boundary
//! (UAX #29 GB999: no rule joins them), so a simple character followed by
//! a simple character (or the end of the text) is a cluster on its own.
//! Everything else is handed to `unicode-segmentation`, starting at a
//! position that is a cluster boundary, so its result is the same as over
//! the whole text.

use unicode_segmentation::UnicodeSegmentation;

use super::width::{char_width, grapheme_width, is_blank};

/// One grapheme cluster of a string.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cluster {
    /// Byte offset in the string.
    pub pos: usize,
    /// Length in bytes.
    pub len: usize,
    /// First and last characters (the same for a one-character cluster).
    pub first: char,
    pub last: char,
    /// Display width, as [`grapheme_width`] computes it.
    pub width: usize,
    /// Made of white space only.
    pub blank: bool,
}

impl Cluster {
    pub fn is_single_char(&self) -> bool {
        self.len == self.first.len_utf8()
    }
}

/// Characters never joined to a neighbouring simple character: no
/// `Prepend`, `Extend`, `ZWJ`, `SpacingMark`, Regional Indicator or Hangul
/// jamo among them (controls other than CR are fine: they always stand
/// alone; CR joins a following LF).
#[inline]
pub(crate) fn is_simple(c: char) -> bool {
    if u32::from(c) < 0x300 {
        return c != '\r';
    }
    matches!(
        c,
        '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{3000}'..='\u{3029}'
            | '\u{3030}'..='\u{303F}'
            | '\u{3041}'..='\u{3096}'
            | '\u{309B}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{FF01}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}'
    )
}

/// The grapheme clusters of `s`, with widths for `ambiguous_wide`.
pub(crate) struct Clusters<'a> {
    s: &'a str,
    /// Start of the next cluster: always a cluster boundary.
    pos: usize,
    ambiguous_wide: bool,
}

pub(crate) fn clusters(s: &str, ambiguous_wide: bool) -> Clusters<'_> {
    Clusters {
        s,
        pos: 0,
        ambiguous_wide,
    }
}

impl Clusters<'_> {
    /// Continues at `pos`, which the caller knows to be a cluster boundary
    /// after the current position (the end of a run of simple characters
    /// it has dealt with itself).
    pub(crate) fn skip_to(&mut self, pos: usize) {
        debug_assert!(pos >= self.pos && self.s.is_char_boundary(pos));
        self.pos = pos;
    }
}

impl Iterator for Clusters<'_> {
    type Item = Cluster;

    #[inline]
    fn next(&mut self) -> Option<Cluster> {
        let pos = self.pos;
        let rest = self.s.get(pos..)?;
        let mut chars = rest.chars();
        let c = chars.next()?;
        if is_simple(c) && chars.next().is_none_or(is_simple) {
            let len = c.len_utf8();
            self.pos = pos + len;
            return Some(Cluster {
                pos,
                len,
                first: c,
                last: c,
                width: char_width(c, self.ambiguous_wide),
                blank: c.is_whitespace(),
            });
        }
        // `pos` is a cluster boundary (the previous cluster ended here), so
        // segmenting from it gives the same first cluster as the whole text.
        let g = rest.graphemes(true).next().unwrap_or(rest);
        self.pos = pos + g.len();
        Some(Cluster {
            pos,
            len: g.len(),
            first: c,
            last: g.chars().next_back().unwrap_or(c),
            width: grapheme_width(g, self.ambiguous_wide),
            blank: is_blank(g),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_same_as_segmentation(s: &str) {
        let fast: Vec<(usize, usize)> = clusters(s, false).map(|c| (c.pos, c.len)).collect();
        let slow: Vec<(usize, usize)> = s
            .grapheme_indices(true)
            .map(|(i, g)| (i, g.len()))
            .collect();
        assert_eq!(fast, slow, "{s:?}");
        for c in clusters(s, true) {
            let g = &s[c.pos..c.pos + c.len];
            assert_eq!(c.width, grapheme_width(g, true), "{g:?}");
            assert_eq!(c.blank, is_blank(g), "{g:?}");
            assert_eq!(c.first, g.chars().next().unwrap());
            assert_eq!(c.last, g.chars().next_back().unwrap());
        }
    }

    #[test]
    fn same_clusters_as_unicode_segmentation() {
        for s in [
            "",
            "a",
            "abc def",
            "大会，重申《公约》“引号”",
            "cafe\u{301} e\u{301}\u{302}x",
            "👩\u{200d}👩\u{200d}👧a👍🏽b❤\u{fe0f}",
            "🇨🇳🇺🇸🇫",
            "a\r\nb\rc",
            "\u{600}1 \u{600}a",
            "\u{1100}\u{1161}\u{11a8}가각\u{11a8}",
            "क्षि",
            "\u{301}start with a mark",
            "ｱﾞ半角",
            "a\u{200b}b\u{200d}c\u{ad}d",
            "か\u{3099}き\u{309a}",
            "x\u{302a}y",
            "葛\u{e0100}飾",
        ] {
            check_same_as_segmentation(s);
        }
    }

    #[test]
    fn every_character_pair_segments_like_unicode_segmentation() {
        // Each simple-range edge and a sample of other characters, in pairs.
        let probe: Vec<char> = [
            0x0, 0x0d, 0x20, 0x7e, 0x7f, 0x9f, 0xa0, 0xad, 0x2ff, 0x300, 0x36f, 0x600, 0x903,
            0x1100, 0x1161, 0x11a8, 0x200b, 0x200c, 0x200d, 0x2010, 0x2027, 0x2028, 0x202e, 0x2030,
            0x203c, 0x205e, 0x205f, 0x2066, 0x3000, 0x3029, 0x302a, 0x302f, 0x3030, 0x303f, 0x3041,
            0x3096, 0x3099, 0x309b, 0x30ff, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xac00, 0xac01, 0xd7a3,
            0xfe0f, 0xff01, 0xff60, 0xff9e, 0xffe0, 0xffe6, 0x1f1e8, 0x1f3fd, 0x1f469, 0xe0100,
        ]
        .into_iter()
        .filter_map(char::from_u32)
        .collect();
        for &a in &probe {
            for &b in &probe {
                for &c in &probe[..8] {
                    check_same_as_segmentation(&format!("{a}{b}{c}"));
                }
            }
        }
    }
}

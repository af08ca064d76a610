//! Display width of grapheme clusters, exactly as diglot draws them.
//!
//! diglot writes each grapheme cluster into terminal cells itself, so the
//! width computed here is the number of cells the cluster occupies on
//! screen. Whatever `unicode-width` says for a whole cluster (emoji ZWJ
//! sequences, variation selectors) is taken as the truth, clamped to two
//! cells, because a terminal never gives one cluster more than two.

use super::clusters::clusters;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widest a single grapheme cluster is ever drawn.
const MAX_CLUSTER_WIDTH: usize = 2;

/// Display width of one grapheme cluster, exactly as diglot draws it.
///
/// East Asian Ambiguous characters (“ ” · ※ — ° …) count 1, or 2 when
/// `ambiguous_wide` is set. Control characters count 0 (they are replaced by
/// [`sanitize`](super::sanitize) before anything is drawn). A cluster never
/// counts more than 2, even where `unicode-width` says more (U+17D8 is 3).
pub fn grapheme_width(g: &str, ambiguous_wide: bool) -> usize {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return 0;
    };
    if chars.as_str().is_empty() {
        return char_width(first, ambiguous_wide);
    }
    if is_control(first) {
        // Controls are clusters of their own (UAX #29 GB4/GB5); "\r\n" is the
        // only multi-character one.
        return 0;
    }
    let w = if ambiguous_wide {
        g.width_cjk()
    } else {
        g.width()
    };
    w.min(MAX_CLUSTER_WIDTH)
}

/// Width of a cluster made of the single character `c`. For a lone
/// character `unicode-width` gives the same for `str` and `char`, except for
/// controls, which count 0 here.
#[inline]
pub(crate) fn char_width(c: char, ambiguous_wide: bool) -> usize {
    if c.is_ascii() {
        return usize::from(is_printable_ascii(c as u8));
    }
    let w = if ambiguous_wide {
        c.width_cjk()
    } else {
        c.width()
    };
    // `None` for controls.
    w.unwrap_or(0).min(MAX_CLUSTER_WIDTH)
}

/// Display width of a string: the sum of [`grapheme_width`] over its
/// grapheme clusters.
pub fn str_width(s: &str, ambiguous_wide: bool) -> usize {
    if s.is_ascii() {
        // Every ASCII character is its own cluster except "\r\n", which is a
        // control cluster of width 0 like its parts.
        return s.bytes().filter(|&b| is_printable_ascii(b)).count();
    }
    clusters(s, ambiguous_wide).map(|c| c.width).sum()
}

/// C0 controls, DEL and C1 controls.
pub(crate) fn is_control(c: char) -> bool {
    c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c)
}

pub(crate) fn is_printable_ascii(b: u8) -> bool {
    (0x20..0x7f).contains(&b)
}

/// Whether `c` is East Asian in the sense of UAX #14 `LB19a`:
/// `East_Asian_Width` is Fullwidth, Wide or Halfwidth.
///
/// `unicode-width` gives no direct access to the property, so this uses its
/// non-CJK width (2 exactly for F and W; Ambiguous counts 1 there) plus the
/// Halfwidth code points, which are drawn narrow.
pub(crate) fn is_east_asian(c: char) -> bool {
    matches!(c, '\u{20A9}' | '\u{FF61}'..='\u{FFDC}' | '\u{FFE8}'..='\u{FFEE}')
        || c.width() == Some(2)
}

/// A cluster made only of white space (a space, U+3000 IDEOGRAPHIC SPACE,
/// a carriage return …): never drawn at the end of a wrapped line.
pub(crate) fn is_blank(g: &str) -> bool {
    !g.is_empty() && g.chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn east_asian_includes_full_wide_and_half_width() {
        assert!(is_east_asian('你'));
        assert!(is_east_asian('，'));
        assert!(is_east_asian('：'));
        assert!(is_east_asian('ｱ'));
        assert!(!is_east_asian('“'));
        assert!(!is_east_asian('a'));
    }

    #[test]
    fn blank_clusters() {
        assert!(is_blank(" "));
        assert!(is_blank("\u{3000}"));
        assert!(is_blank("\r"));
        assert!(!is_blank(" \u{301}"));
        assert!(!is_blank("\u{200b}"));
        assert!(!is_blank(""));
    }
}

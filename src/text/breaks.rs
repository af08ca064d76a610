//! Where a line may be broken: UAX #14 with two corrections.
//!
//! `unicode-linebreak` implements UAX #14 at Unicode 15.0. On top of it:
//!
//! 1. **`LB19a`** (Unicode 15.1): a quotation mark no longer sticks to its
//!    neighbours when both sides are East Asian. 15.0 says "× QU" and
//!    "QU ×", so `他说：“你好。”` could not break anywhere near the quotes;
//!    15.1 allows a break before an opening quote and after a closing one
//!    when the characters around the pair are East Asian
//!    (`East_Asian_Width` F, W or H). Breaks *after* an opening quote or
//!    *before* a closing one stay forbidden.
//! 2. **Kinsoku**: no opportunity right before a closing/non-starter
//!    punctuation mark (，。、；：？！）》」』”’ …, and `,.;:!?)]}`) or
//!    right after an opening one (（《「『“‘ …, and `([{`), whatever UAX #14
//!    says; a cut by width, when nothing else fits, avoids these places too. UAX #14 already
//!    forbids nearly all of these; the exceptions it makes (after U+200B
//!    ZERO WIDTH SPACE, `LB8`; after spaces, `LB18`, which in 15.0 outranks the
//!    quotation rule) would put such a mark at a line edge.
//!
//! 3. **Solidus**: an opportunity right after `/` (UAX #14 allows
//!    `A/ | RES/67/189` and `https:// | www`) is *weak*: taken only when no
//!    other opportunity on the line fits, so a document symbol moves to the
//!    next line whole when it can, and is split at a `/` only when it is
//!    wider than the line.
//!
//! Opportunities are found in one forward pass, one grapheme cluster at a
//! time, so that the wrapper can consume them as it goes; they are only
//! ever reported at grapheme-cluster boundaries.

use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::width::{is_blank, is_east_asian};

/// Marks that must not begin a line: Chinese and full-width closing
/// brackets and sentence punctuation, closing quotes, and their ASCII
/// counterparts.
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
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
            | '〕'
            | '】'
            | '〉'
            | '〗'
            | '〙'
            | '〛'
            | '］'
            | '｝'
            | '｠'
            | '〞'
            | '．'
            | '｡'
            | '､'
            | '”'
            | '’'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
    )
}

/// Marks that must not end a line: Chinese and full-width opening brackets,
/// opening quotes, and their ASCII counterparts.
pub(crate) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '《'
            | '「'
            | '『'
            | '〔'
            | '【'
            | '〈'
            | '〖'
            | '〘'
            | '〚'
            | '［'
            | '｛'
            | '｟'
            | '〝'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

/// Initial quotation marks (`General_Category` Pi) of line-break class QU.
fn is_initial_quote(c: char) -> bool {
    matches!(
        c,
        '\u{AB}'
            | '\u{2018}'
            | '\u{201B}'
            | '\u{201C}'
            | '\u{201F}'
            | '\u{2039}'
            | '\u{2E02}'
            | '\u{2E04}'
            | '\u{2E09}'
            | '\u{2E0C}'
            | '\u{2E1C}'
            | '\u{2E20}'
    )
}

/// Final quotation marks (`General_Category` Pf) of line-break class QU.
fn is_final_quote(c: char) -> bool {
    matches!(
        c,
        '\u{BB}'
            | '\u{2019}'
            | '\u{201D}'
            | '\u{203A}'
            | '\u{2E03}'
            | '\u{2E05}'
            | '\u{2E0A}'
            | '\u{2E0D}'
            | '\u{2E1D}'
            | '\u{2E21}'
    )
}

/// Whether, by the rules that outrank or follow `LB19a`, a break may fall
/// between a character of class `before` and an opening quote.
/// `LB8a` (ZWJ ×), `LB9` (× CM), `LB12` (GL ×), `LB14` (OP SP* ×), `LB21` (BB ×) and
/// the quote rules themselves forbid it.
fn may_break_before_quote(before: BreakClass) -> bool {
    use BreakClass as C;
    !matches!(
        before,
        C::OpenPunctuation
            | C::NonBreakingGlue
            | C::WordJoiner
            | C::ZeroWidthJoiner
            | C::Before
            | C::CombiningMark
            | C::Space
            | C::ZeroWidthSpace
            | C::Quotation
            | C::Mandatory
            | C::CarriageReturn
            | C::LineFeed
            | C::NextLine
            | C::Surrogate
    )
}

/// Whether a break may fall between a closing quote and a character of
/// class `after`: only before characters that start something (ideographs,
/// opening brackets, letters, numbers, Hangul, emoji). `LB13`, `LB21`, `LB22` and
/// their kind forbid the rest.
fn may_break_after_quote(after: BreakClass) -> bool {
    use BreakClass as C;
    matches!(
        after,
        C::Ideographic
            | C::OpenPunctuation
            | C::Alphabetic
            | C::Ambiguous
            | C::Numeric
            | C::Prefix
            | C::Postfix
            | C::HangulLvSyllable
            | C::HangulLvtSyllable
            | C::HangulLJamo
            | C::EmojiBase
            | C::EmojiModifier
            | C::Contingent
    )
}

/// The kind of boundary between two grapheme clusters of a hard line, from
/// worst to best place for a line break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Boundary {
    /// A line would start with closing punctuation or end with opening
    /// punctuation (or this is the start of the line).
    Kinsoku,
    /// No opportunity, but acceptable for a cut by width.
    Cut,
    /// An opportunity to take only when no `Soft` one fits (after `/`).
    Weak,
    /// An ordinary break opportunity.
    Soft,
}

/// Finds break opportunities in one hard line (text without `'\n'`), fed
/// one grapheme cluster at a time, in order.
pub(crate) struct BreakFinder<'a, I> {
    line: &'a str,
    uax: I,
    /// The next opportunity `unicode-linebreak` reported, not yet reached.
    next_uax: Option<usize>,
    /// Last character of the previous cluster.
    prev_last: Option<char>,
    /// When the previous cluster was a lone closing quote: the character
    /// before it, if any (`LB19a` looks on both sides of the quote).
    before_final_quote: Option<char>,
    /// First character of the last cluster that was not blank: a line
    /// ending here ends with it, whatever blanks follow.
    last_ink: Option<char>,
}

pub(crate) fn break_finder(
    line: &str,
) -> BreakFinder<'_, impl Iterator<Item = (usize, BreakOpportunity)> + '_> {
    BreakFinder {
        line,
        uax: linebreaks(line),
        next_uax: Some(0),
        prev_last: None,
        before_final_quote: None,
        last_ink: None,
    }
}

impl<I: Iterator<Item = (usize, BreakOpportunity)>> BreakFinder<'_, I> {
    /// What kind of boundary lies before cluster `g`, which starts at byte
    /// `pos` of the hard line. Must be called for every cluster, in order.
    pub(crate) fn boundary_before(&mut self, pos: usize, g: &str) -> Boundary {
        let mut chars = g.chars();
        let Some(first) = chars.next() else {
            return Boundary::Kinsoku;
        };
        let single = chars.as_str().is_empty();
        let mut boundary = Boundary::Kinsoku;
        if pos > 0 && !is_closing(first) && !self.last_ink.is_some_and(is_opening) {
            while self.next_uax.is_some_and(|p| p < pos) {
                // Other mandatory breaks (U+2028, NEL …) count as ordinary
                // opportunities: only '\n' ends a hard line in diglot.
                self.next_uax = self.uax.next().map(|(p, _)| p);
            }
            boundary = if self.next_uax == Some(pos) {
                if self.prev_last == Some('/') {
                    Boundary::Weak
                } else {
                    Boundary::Soft
                }
            } else if self.lb19a(pos, g, first, single) {
                Boundary::Soft
            } else {
                Boundary::Cut
            };
        }
        let last = if single {
            first
        } else {
            g.chars().next_back().unwrap_or(first)
        };
        self.before_final_quote = if single && is_final_quote(first) {
            self.prev_last
        } else {
            None
        };
        self.prev_last = Some(last);
        if !is_blank(g) {
            self.last_ink = Some(first);
        }
        boundary
    }

    /// UAX #14 (Unicode 15.1) `LB19a`: a break around a quotation mark is
    /// allowed when it stands between East Asian characters.
    fn lb19a(&self, pos: usize, g: &str, first: char, single: bool) -> bool {
        // After a closing quote: 。”他 → 。” | 他
        if let Some(before_quote) = self.before_final_quote
            && is_east_asian(before_quote)
            && is_east_asian(first)
            && may_break_after_quote(break_property(u32::from(first)))
        {
            return true;
        }
        // Before an opening quote: ：“你 → ： | “你
        if single
            && is_initial_quote(first)
            && let Some(before) = self.prev_last
            && is_east_asian(before)
            && may_break_before_quote(break_property(u32::from(before)))
            && let Some(after) = self.line[pos + g.len()..].chars().next()
        {
            return is_east_asian(after);
        }
        false
    }
}

/// Byte offsets in `text` where a soft line break is allowed, in order:
/// the opportunities [`wrap`](super::wrap) chooses from. Hard breaks are not
/// listed (a break after each `'\n'` is mandatory), nor is the start of a
/// hard line.
pub fn break_opportunities(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        let mut finder = break_finder(line);
        for (pos, g) in line.grapheme_indices(true) {
            if finder.boundary_before(pos, g) >= Boundary::Weak {
                out.push(base + pos);
            }
        }
        base += line.len() + 1;
    }
    out
}

//! Where a line may be broken: UAX #14 with three corrections.
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
//!    says. UAX #14 already forbids nearly all of these; the exceptions it
//!    makes (after U+200B ZERO WIDTH SPACE, `LB8`; after spaces, `LB18`,
//!    which in 15.0 outranks the quotation and non-starter rules) would put
//!    such a mark at a line edge. Blanks at a break are dropped, so a break
//!    before blanks counts as a break before what follows them. A cluster
//!    counts as the punctuation it contains. A cut by width, when nothing
//!    else fits, avoids these places too.
//! 3. **Solidus**: an opportunity right after `/` (UAX #14 allows
//!    `A/ | RES/67/189` and `https:// | www`) is *weak*: taken only when no
//!    other opportunity on the line fits, so a document symbol moves to the
//!    next line whole when it can, and is split at a `/` only when it is
//!    wider than the line.
//!
//! Only `'\n'` is a hard break in diglot; the other mandatory breaks of
//! UAX #14 (U+2028, NEL, CR alone) count as ordinary opportunities.
//!
//! Opportunities are found in one forward pass, one grapheme cluster at a
//! time, so that the wrapper can consume them as it goes; they are only
//! ever reported at grapheme-cluster boundaries.

use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};

use super::clusters::{Cluster, clusters};
use super::width::is_east_asian;

/// Marks that must not begin a line: Chinese and full-width closing
/// brackets and sentence punctuation, closing quotes, and their ASCII
/// counterparts.
pub(crate) fn is_closing(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}');
    }
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
    )
}

/// Marks that must not end a line: Chinese and full-width opening brackets,
/// opening quotes, and their ASCII counterparts.
pub(crate) fn is_opening(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '(' | '[' | '{');
    }
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
    /// `linebreaks`, to start over at a known state (see `restart_at`).
    restart: fn(&'a str) -> I,
    /// Where in the line `uax` started: it reports offsets from there.
    uax_base: usize,
    /// The next opportunity `unicode-linebreak` reported, not yet reached.
    next_uax: usize,
    /// Last character of the previous cluster (NUL at the start).
    prev_last: char,
    /// When the previous cluster was a lone closing quote: the character
    /// before it, if any (`LB19a` looks on both sides of the quote).
    before_final_quote: Option<char>,
    /// Whether the last cluster that was not blank is opening punctuation:
    /// a line ending here would end with it, whatever blanks follow.
    after_opening: bool,
    /// End of the last run of white space looked through, and whether
    /// closing punctuation follows it: a break before blanks is a break
    /// before what follows them, since the blanks are dropped at a break.
    blanks_end: usize,
    closing_after_blanks: bool,
}

pub(crate) fn break_finder(
    line: &str,
) -> BreakFinder<'_, impl Iterator<Item = (usize, BreakOpportunity)> + '_> {
    BreakFinder {
        line,
        uax: linebreaks(line),
        restart: linebreaks,
        uax_base: 0,
        next_uax: 0,
        prev_last: '\0',
        before_final_quote: None,
        after_opening: false,
        blanks_end: 0,
        closing_after_blanks: false,
    }
}

impl<I: Iterator<Item = (usize, BreakOpportunity)>> BreakFinder<'_, I> {
    /// What kind of boundary lies before cluster `cl` of the hard line.
    /// Must be called for every cluster, in order.
    #[inline]
    pub(crate) fn boundary_before(&mut self, cl: &Cluster) -> Boundary {
        let first = cl.first;
        let single = cl.is_single_char();
        // A cluster counts as the punctuation it contains: "\u{600}《" (a
        // prepended mark) ends a line with "《" just the same.
        let cluster = || &self.line[cl.pos..cl.pos + cl.len];
        let closing = if single {
            is_closing(first)
        } else {
            cluster().chars().any(is_closing)
        };
        let opening = !cl.blank
            && if single {
                is_opening(first)
            } else {
                cluster().chars().any(is_opening)
            };
        let mut boundary = Boundary::Kinsoku;
        if cl.pos > 0 && !self.after_opening && !closing {
            if self.next_uax < cl.pos {
                // Other mandatory breaks (U+2028, NEL …) count as ordinary
                // opportunities: only '\n' ends a hard line in diglot. After
                // the last one (at the end of the line) nothing is reported.
                let pos = cl.pos - self.uax_base;
                self.next_uax = self
                    .uax
                    .find(|&(p, _)| p >= pos)
                    .map_or(usize::MAX, |(p, _)| p + self.uax_base);
            }
            boundary = if self.next_uax == cl.pos {
                if self.prev_last == '/' {
                    Boundary::Weak
                } else {
                    Boundary::Soft
                }
            } else if self.lb19a(cl) {
                Boundary::Soft
            } else {
                Boundary::Cut
            };
            if boundary >= Boundary::Weak && cl.blank && self.closing_after_blanks(cl.pos) {
                boundary = Boundary::Kinsoku;
            }
        }
        self.before_final_quote = if single && is_final_quote(first) {
            Some(self.prev_last).filter(|&c| c != '\0')
        } else {
            None
        };
        self.prev_last = cl.last;
        if !cl.blank {
            self.after_opening = opening;
        }
        boundary
    }

    /// Moves past a run of clusters that the caller classified itself:
    /// ASCII letters and digits (no opportunity inside, UAX #14 `LB23`,
    /// `LB25`, `LB28`) or CJK ideographs (an opportunity before each, `LB31`),
    /// none of them punctuation or a quotation mark. `last` is the run's
    /// last character.
    pub(crate) fn skip_run(&mut self, last: char) {
        self.prev_last = last;
        self.before_final_quote = None;
        self.after_opening = false;
    }

    /// Starts UAX #14 over at `pos`, the start of an ASCII word that
    /// follows a space, instead of scanning the text before it: there the
    /// state of the algorithm is the same as at the start of a text (after
    /// the first character, a letter or digit, it is that character's
    /// class either way). The boundary at `pos` itself, which a fresh start
    /// never reports, is the caller's: it is an opportunity (`LB18`).
    pub(crate) fn restart_at(&mut self, pos: usize) {
        self.uax = (self.restart)(&self.line[pos..]);
        self.uax_base = pos;
        self.next_uax = pos;
    }

    /// Whether the first non-blank character at or after `pos` is closing
    /// punctuation (UAX #14 allows `SP ÷` before U+3000 or U+00A0 that may
    /// be followed by "，"). Each run of white space is scanned once.
    fn closing_after_blanks(&mut self, pos: usize) -> bool {
        if pos >= self.blanks_end {
            let rest = &self.line[pos..];
            let ink = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            self.blanks_end = pos + ink;
            self.closing_after_blanks = rest[ink..].chars().next().is_some_and(is_closing);
        }
        self.closing_after_blanks
    }

    /// UAX #14 (Unicode 15.1) `LB19a`: a break around a quotation mark is
    /// allowed when it stands between East Asian characters.
    #[inline]
    fn lb19a(&self, cl: &Cluster) -> bool {
        let first = cl.first;
        // After a closing quote: 。”他 → 。” | 他
        if let Some(before_quote) = self.before_final_quote
            && is_east_asian(before_quote)
            && is_east_asian(first)
            && may_break_after_quote(break_property(u32::from(first)))
        {
            return true;
        }
        // Before an opening quote: ：“你 → ： | “你
        if is_initial_quote(first)
            && cl.is_single_char()
            && is_east_asian(self.prev_last)
            && may_break_before_quote(break_property(u32::from(self.prev_last)))
            && let Some(after) = self.line[cl.pos + cl.len..].chars().next()
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
    for hard_line in text.split('\n') {
        let line = hard_line.strip_suffix('\r').unwrap_or(hard_line);
        let mut finder = break_finder(line);
        for cl in clusters(line, false) {
            if finder.boundary_before(&cl) >= Boundary::Weak {
                out.push(base + cl.pos);
            }
        }
        base += hard_line.len() + 1;
    }
    out
}

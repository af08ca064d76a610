//! Bulk layout of runs whose break opportunities are known without asking
//! UAX #14 at every character: ASCII letters and digits (no opportunity
//! between them: `LB23`, `LB25`, `LB28`), plain ASCII words after spaces (an
//! opportunity before each, `LB18`), and CJK ideographs (an opportunity
//! before each, `LB31`). Each gives exactly what [`HardLine::push`] would
//! give cluster by cluster; the test below checks it. Every run is scanned
//! only as far as it is laid out, so nothing is looked at twice.

use unicode_linebreak::BreakOpportunity;

use super::{Candidate, Glue, HardLine};
use crate::text::breaks::BreakFinder;
use crate::text::clusters::{Cluster, Clusters, is_simple};

/// After cluster `cl` of `line` was pushed: lays out the run that follows
/// it, if it starts one, and moves `breaks` and `clusters` past it.
pub(super) fn lay_out_run<I: Iterator<Item = (usize, BreakOpportunity)>>(
    state: &mut HardLine<'_>,
    breaks: &mut BreakFinder<'_, I>,
    clusters: &mut Clusters<'_>,
    glue: &mut Glue<'_>,
    line: &str,
    cl: &Cluster,
) {
    let bytes = line.as_bytes();
    let base = state.base;
    let after = cl.pos + cl.len;
    if cl.len == 1 && cl.first.is_ascii_alphanumeric() {
        // Only as much as fits: what follows goes through `push`, which
        // breaks the line (and the run is never scanned twice).
        let mut end = ascii_alnum_run_end(bytes, after, state.room());
        if end > after {
            state.ascii_run(after, end);
            breaks.skip_run(char::from(bytes[end - 1]));
            clusters.skip_to(end);
        } else {
            end = after;
        }
        if let Some(words) = ascii_words(state, bytes, end, glue, base) {
            breaks.skip_run(words.last);
            breaks.restart_at(words.last_start);
            clusters.skip_to(words.end);
        }
    } else if cl.len == 3 && is_ideograph(cl.first) {
        // A glued offset needs `push`: the run stops before it.
        let limit = glue
            .next_from(base + after)
            .map_or(line.len(), |g| g - base);
        let (end, last) = ideograph_run_end(line, after, limit);
        if end > after {
            state.ideograph_run(after, end);
            breaks.skip_run(last);
            clusters.skip_to(end);
        }
    }
}

impl HardLine<'_> {
    /// How many more columns of content fit on the current line.
    fn room(&self) -> usize {
        self.width.saturating_sub(self.col - self.start_col)
    }

    fn fits(&self, n: usize) -> bool {
        n <= self.room()
    }

    /// Adds ASCII letters and digits `from..end`, which follow a letter or
    /// digit and fit on the line: no opportunity between them, so only the
    /// last place to cut by width changes.
    fn ascii_run(&mut self, from: usize, end: usize) {
        debug_assert!(end > from && self.inked && self.fits(end - from));
        self.col += end - from;
        self.cut = Some(Candidate {
            end: end - 1,
            end_col: self.col - 1,
            next: end - 1,
            next_col: self.col - 1,
        });
        self.content_end = end;
        self.content_col = self.col;
    }

    /// Adds spaces `from..start` and the ASCII letters and digits
    /// `start..end` after them, which follow a letter or digit and fit on
    /// the line: an ordinary opportunity before the word, none inside it.
    fn ascii_word(&mut self, from: usize, start: usize, end: usize) {
        debug_assert!(self.inked && self.content_end == from && start > from && end > start);
        self.col += start - from;
        self.soft = Some(Candidate {
            end: self.content_end,
            end_col: self.content_col,
            next: start,
            next_col: self.col,
        });
        self.redo = None;
        self.col += end - start;
        if end - start >= 2 {
            self.cut = Some(Candidate {
                end: end - 1,
                end_col: self.col - 1,
                next: end - 1,
                next_col: self.col - 1,
            });
        }
        self.content_end = end;
        self.content_col = self.col;
    }

    /// Adds ideographs `from..end` (three bytes, two columns each), which
    /// follow an ideograph: an ordinary opportunity before each one, always
    /// the latest, so an overfull line breaks right before the ideograph
    /// that does not fit.
    fn ideograph_run(&mut self, from: usize, end: usize) {
        debug_assert!(self.inked && self.content_end == from);
        self.redo = None;
        let mut pos = from;
        while pos < end {
            if self.col + 2 - self.start_col > self.width {
                self.emit(pos, self.col);
                self.start = pos;
                self.start_col = self.col;
                self.soft = None;
                self.weak = None;
                self.cut = None;
            }
            self.col += 2;
            pos += 3;
        }
        self.content_end = end;
        self.content_col = self.col;
        let last = end - 3;
        if last > self.start {
            self.soft = Some(Candidate {
                end: last,
                end_col: self.col - 2,
                next: last,
                next_col: self.col - 2,
            });
        }
    }
}

/// CJK Unified Ideographs and Extension A: line-break class ID, East Asian
/// Wide, three bytes in UTF-8, never punctuation.
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Words laid out by [`ascii_words`]: where they end, where the last one
/// starts, and its last character.
struct Words {
    end: usize,
    last_start: usize,
    last: char,
}

/// Lays out plain ASCII words — spaces, then letters and digits — that
/// follow a letter or digit at `from`, as long as each whole word fits on
/// the line. Before each such word UAX #14 has an opportunity (`LB18`,
/// `SP ÷`; nothing in `LB8`–`LB17` applies between a letter or digit and a
/// letter or digit) and inside it none, so the result is exactly what
/// `push` gives, without running UAX #14 over these words.
fn ascii_words(
    state: &mut HardLine<'_>,
    bytes: &[u8],
    from: usize,
    glue: &mut Glue<'_>,
    base: usize,
) -> Option<Words> {
    let mut at = from;
    let mut words = None;
    loop {
        // Never look further than what fits: a long run is left to `push`
        // after one short look, so no byte is looked at twice.
        let room = state.room();
        let spaces = bytes[at..]
            .iter()
            .take(room)
            .take_while(|&&b| b == b' ')
            .count();
        let start = at + spaces;
        let room = room - spaces;
        let letters = bytes[start..]
            .iter()
            .take(room.saturating_add(1))
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let end = start + letters;
        if spaces == 0
            || letters == 0
            || letters > room
            // A combining mark may join the last letter.
            || bytes.get(end).is_some_and(|b| !b.is_ascii())
            // A glued opportunity is weak: `push` decides.
            || glue.next_from(base + start) == Some(base + start)
        {
            return words;
        }
        state.ascii_word(at, start, end);
        words = Some(Words {
            end,
            last_start: start,
            last: char::from(bytes[end - 1]),
        });
        at = end;
    }
}

/// End of the run of ASCII letters and digits starting at `from`, at most
/// `max` long, short of a last one that a following non-ASCII character (a
/// combining mark) may join.
fn ascii_alnum_run_end(bytes: &[u8], from: usize, max: usize) -> usize {
    let window = &bytes[from..bytes.len().min(from.saturating_add(max))];
    let len = window
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(window.len());
    let end = from + len;
    if len > 0 && bytes.get(end).is_some_and(|&b| !b.is_ascii()) {
        end - 1
    } else {
        end
    }
}

/// End of the run of ideographs starting at `from` and ending at or before
/// `limit`, short of a last one that a following character (a variation
/// selector) may join, and the run's last ideograph.
fn ideograph_run_end(line: &str, from: usize, limit: usize) -> (usize, char) {
    let mut end = from;
    let mut last = '\0';
    let mut prev = '\0';
    for c in line[from..].chars() {
        if !is_ideograph(c) || end + 3 > limit {
            if !is_simple(c) && end > from {
                end -= 3;
                last = prev;
            }
            return (end, last);
        }
        end += 3;
        prev = last;
        last = c;
    }
    (end, last)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::text::wrap::{WrapOptions, wrap_with};

    proptest! {
        // No failure files beside the sources: a failure becomes a named case.
        #![proptest_config(ProptestConfig {
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// The bulk paths for runs give exactly what the cluster-by-cluster
        /// path gives.
        #[test]
        fn runs_change_nothing(
            pieces in prop::collection::vec(prop::sample::select(&[
                "大会", "重申联合国", "a", "Convention", "65", "x1", " ", "\u{3000}", "，", "。",
                "（", "“", "”", "/", "e\u{301}", "葛\u{e0100}", "\u{4dc0}", "\u{301}", "\n",
                "A/RES/67/189", "\u{200b}", "㐀", "鿿", " the", " General", " Assembly", "  of",
                " 2012", "12.5", "%", ",", ".", "(", ")", "-", "\"", "'", "[7]", " (", " \"", "\u{a0}",
                ":", ";", "?", "!", "$", "#", "\u{2014}", "\u{ad}", "\t", "\r", "“a”", "\u{2028}",
            ][..]), 0..80),
            width in 0usize..40,
            ambiguous_wide in any::<bool>(),
            glue_every in 1usize..40,
        ) {
            let text = pieces.concat();
            let glue: Vec<usize> = (0..text.len()).step_by(glue_every).collect();
            let opts = WrapOptions { width, ambiguous_wide };
            prop_assert_eq!(wrap_with(&text, &[], opts, true), wrap_with(&text, &[], opts, false));
            prop_assert_eq!(wrap_with(&text, &glue, opts, true), wrap_with(&text, &glue, opts, false));
        }
    }
}

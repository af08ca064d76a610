//! Greedy line wrapping by display columns.
//!
//! One forward pass over the grapheme clusters of each hard line. The pass
//! carries, for the current line, the last ordinary break opportunity, the
//! last weak one (after `/`, or glued) and the last place where a cut by
//! width would not break kinsoku; when a cluster does not fit, the best of
//! them ends the line. Nothing is scanned twice: linear in the length of the
//! text, however long a single line is (a 3 MB clause is one hard line).
//! Runs whose opportunities are known in advance are laid out in bulk by
//! [`runs`].

use super::breaks::{Boundary, break_finder};
use super::clusters::{Cluster, clusters};

mod runs;

/// How to wrap: the pane width in display columns and the width of East
/// Asian Ambiguous characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrapOptions {
    pub width: usize,
    pub ambiguous_wide: bool,
}

/// One wrapped line: a byte range of the input to draw, and its display
/// width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub width: usize,
}

/// Wraps `text` into lines of at most `opts.width` display columns.
///
/// - Each `'\n'` ends a line (hard break) and belongs to no line, nor does
///   a `'\r'` right before it. Empty text gives one empty line; text ending
///   in `'\n'` gives a final empty line.
/// - Soft breaks come from UAX #14, with `LB19a` and kinsoku corrections (see
///   [`break_opportunities`](super::break_opportunities)). Among them the
///   last one that fits is taken (greedy).
/// - White space at a break is dropped: a line's range excludes the blanks
///   it ends with (also before a `'\n'` and at the end of the text), and the
///   next line starts after them. Blanks that begin a hard line
///   (indentation) are kept and count as content.
/// - `glue` is a sorted list of byte offsets before which a soft break is
///   taken only when no other opportunity on the line fits (a footnote
///   marker stays with the word before it). Offsets that are not
///   opportunities are ignored, and so is an unsorted tail. Opportunities
///   right after a `/` are weak in the same way, so `A/RES/67/189` moves to
///   the next line whole when it fits there, and is split after a `/`
///   (filling the line before) only when it is wider than a line.
/// - When no opportunity fits, the line is cut by width at a grapheme
///   cluster boundary (a long URL, a run of text with no break).
/// - A cluster is never split, and a wide character never straddles the
///   edge: the line ends a column short instead.
/// - A cluster wider than the whole width (a CJK character at width 1) gets
///   a line of its own, whose `width` then exceeds `opts.width`; the drawing
///   code clips it.
/// - `width == 0` wraps exactly like `width == 1`, so every visible cluster
///   gets its own line and the lines still cover the text; a pane that is
///   zero columns wide draws none of them.
pub fn wrap(text: &str, glue: &[usize], opts: WrapOptions) -> Vec<Line> {
    wrap_with(text, glue, opts, true)
}

fn wrap_with(text: &str, glue: &[usize], opts: WrapOptions, bulk: bool) -> Vec<Line> {
    let width = opts.width.max(1);
    let opts = WrapOptions { width, ..opts };
    let mut out = Vec::with_capacity(text.len() / width.saturating_mul(2).max(16) + 1);
    let mut glue = Glue {
        offsets: glue,
        next: 0,
    };
    let mut base = 0;
    for hard_line in text.split('\n') {
        // In "\r\n" the CR is part of the line break, as the LF is.
        let line = hard_line.strip_suffix('\r').unwrap_or(hard_line);
        wrap_hard_line(line, base, &mut glue, opts, bulk, &mut out);
        base += hard_line.len() + 1;
    }
    out
}

/// A cursor over the sorted glue offsets, asked in increasing order.
struct Glue<'a> {
    offsets: &'a [usize],
    next: usize,
}

impl Glue<'_> {
    fn contains(&mut self, offset: usize) -> bool {
        while self.offsets.get(self.next).is_some_and(|&g| g < offset) {
            self.next += 1;
        }
        self.offsets.get(self.next) == Some(&offset)
    }

    /// The first offset at or after `lo`; later questions must not ask
    /// about offsets below `lo`.
    fn next_from(&mut self, lo: usize) -> Option<usize> {
        while self.offsets.get(self.next).is_some_and(|&g| g < lo) {
            self.next += 1;
        }
        self.offsets.get(self.next).copied()
    }
}

/// A place to end the current line: where it would end (before the blanks
/// at the break) and where the next one would start. Columns are running
/// totals from the start of the hard line.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    end: usize,
    end_col: usize,
    next: usize,
    next_col: usize,
}

impl Candidate {
    /// The same candidate after the line was broken at `start`, if it is
    /// still on the new line.
    fn rebase(mut self, start: usize) -> Option<Self> {
        if self.next <= start {
            return None;
        }
        if self.end < start {
            // Only blanks between `start` and this candidate: they now begin
            // the line, as its content.
            self.end = self.next;
            self.end_col = self.next_col;
        }
        Some(self)
    }
}

/// A line already emitted that ended at an ordinary opportunity although a
/// later weak one fitted too. If the text after it turns out not to fit on
/// one line (it would be cut at a weak opportunity or by width anyway),
/// the line is redone to end at the weak opportunity: `and A/` +
/// `RES/67/189` rather than `and` + `A/` + `RES/67/189`.
#[derive(Clone, Copy, Debug)]
struct Redo {
    index: usize,
    start: usize,
    start_col: usize,
    weak: Candidate,
}

/// Wrapping state for one hard line (text without `'\n'`) that starts at
/// byte `base` of the text. All positions are bytes of the hard line, all
/// `*_col` are running totals of display columns from its start.
struct HardLine<'o> {
    out: &'o mut Vec<Line>,
    base: usize,
    width: usize,
    start: usize,
    start_col: usize,
    /// End of what is drawn so far on the current line: trailing blanks are
    /// pending and become content only if something visible follows them.
    content_end: usize,
    content_col: usize,
    col: usize,
    /// Whether the current line has had a visible cluster; until then
    /// blanks (indentation) are content.
    inked: bool,
    /// The last ordinary opportunity on the current line.
    soft: Option<Candidate>,
    /// The last weak opportunity (after '/', or glued) on the current line.
    weak: Option<Candidate>,
    /// The last kinsoku-safe place on the current line to cut by width.
    cut: Option<Candidate>,
    redo: Option<Redo>,
}

impl<'o> HardLine<'o> {
    fn new(out: &'o mut Vec<Line>, base: usize, width: usize) -> Self {
        HardLine {
            out,
            base,
            width,
            start: 0,
            start_col: 0,
            content_end: 0,
            content_col: 0,
            col: 0,
            inked: false,
            soft: None,
            weak: None,
            cut: None,
            redo: None,
        }
    }

    /// Breaking here: ends the line at the current content.
    fn here(&self, pos: usize) -> Candidate {
        Candidate {
            end: self.content_end,
            end_col: self.content_col,
            next: pos,
            next_col: self.col,
        }
    }

    fn emit(&mut self, end: usize, end_col: usize) {
        self.out.push(Line {
            start: self.base + self.start,
            end: self.base + end,
            width: end_col - self.start_col,
        });
    }

    /// Adds cluster `cl`, preceded by a boundary of kind `boundary`
    /// (`glued`: its offset is in the glue list).
    #[inline]
    fn push(&mut self, cl: &Cluster, boundary: Boundary, glued: bool) {
        let Cluster {
            pos,
            len,
            width: w,
            blank,
            ..
        } = *cl;
        if pos > self.start && boundary >= Boundary::Weak {
            let here = self.here(pos);
            if boundary == Boundary::Weak || glued {
                self.weak = Some(here);
            } else {
                self.soft = Some(here);
                // The text after the previous soft break fitted on its line.
                self.redo = None;
            }
        }
        if blank && self.inked {
            // Pending: drawn only if something visible follows on this line.
            // Right after a break opportunity, the break consumes it: the
            // next line would start after it.
            for candidate in [&mut self.soft, &mut self.weak].into_iter().flatten() {
                if candidate.next == pos {
                    candidate.next = pos + len;
                    candidate.next_col = self.col + w;
                }
            }
            self.col += w;
            return;
        }
        if pos > self.start && boundary == Boundary::Cut {
            self.cut = Some(self.here(pos));
        }
        while pos > self.start && self.col + w - self.start_col > self.width {
            self.break_line(pos, self.col + w);
        }
        self.col += w;
        self.content_end = pos + len;
        self.content_col = self.col;
        self.inked |= !blank;
    }

    /// Ends the current, overfull line somewhere before `pos`; the cluster
    /// at `pos` would end at column `needed`.
    fn break_line(&mut self, pos: usize, needed: usize) {
        if let Some(redo) = self.redo.take() {
            self.out.truncate(redo.index);
            self.start = redo.start;
            self.start_col = redo.start_col;
            self.emit(redo.weak.end, redo.weak.end_col);
            self.start_at(redo.weak, pos);
            return;
        }
        let brk = match (self.soft, self.weak) {
            (Some(soft), Some(weak)) if weak.next > soft.next => {
                if needed - soft.next_col <= self.width {
                    // The text after the soft break fits: take it, but be
                    // ready to redo the line if that text goes on too long.
                    self.redo = Some(Redo {
                        index: self.out.len(),
                        start: self.start,
                        start_col: self.start_col,
                        weak,
                    });
                    soft
                } else {
                    weak
                }
            }
            (Some(soft), _) => soft,
            (None, Some(weak)) => weak,
            (None, None) => self.cut.unwrap_or_else(|| self.here(pos)),
        };
        self.emit(brk.end, brk.end_col);
        self.start_at(brk, pos);
    }

    /// Starts a new line at `brk.next`, before the cluster at `pos`.
    fn start_at(&mut self, brk: Candidate, pos: usize) {
        self.start = brk.next;
        self.start_col = brk.next_col;
        let start = self.start;
        self.soft = self.soft.and_then(|c| c.rebase(start));
        self.weak = self.weak.and_then(|c| c.rebase(start));
        self.cut = self.cut.and_then(|c| c.rebase(start));
        if self.content_end <= start {
            // Nothing visible after the break yet: any blanks between it and
            // `pos` begin the new line.
            self.content_end = pos;
            self.content_col = self.col;
            self.inked = false;
        }
    }

    fn finish(mut self) {
        self.emit(self.content_end, self.content_col);
    }
}

/// Wraps one hard line (no `'\n'` inside) that starts at byte `base` of the
/// text, appending to `out`. With `bulk`, runs of ASCII letters and digits,
/// plain ASCII words and runs of CJK ideographs are laid out in bulk (see
/// [`runs`]), with exactly the result the cluster-by-cluster path gives.
fn wrap_hard_line(
    line: &str,
    base: usize,
    glue: &mut Glue<'_>,
    opts: WrapOptions,
    bulk: bool,
    out: &mut Vec<Line>,
) {
    let mut breaks = break_finder(line);
    let mut state = HardLine::new(out, base, opts.width);
    let mut clusters = clusters(line, opts.ambiguous_wide);
    while let Some(cl) = clusters.next() {
        let boundary = breaks.boundary_before(&cl);
        let glued = boundary >= Boundary::Weak && glue.contains(base + cl.pos);
        state.push(&cl, boundary, glued);
        if !bulk {
            continue;
        }
        runs::lay_out_run(&mut state, &mut breaks, &mut clusters, glue, line, &cl);
    }
    state.finish();
}

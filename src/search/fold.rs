//! Folding: the one character mapping applied both to the indexed text and
//! to the query, and the sparse map from folded offsets back to the
//! original text.
//!
//! Every character folds to exactly one character, so a match in folded
//! text always covers whole original characters; only byte lengths change
//! (`Ｕ` is three bytes, `u` one). The map records just the points where
//! they do, so text that folds byte for byte costs nothing.

use std::ops::Range;

/// Folds one character; see [`fold`] for the rules.
pub(crate) fn fold_char(c: char) -> char {
    if let Ok(b) = u8::try_from(c)
        && b.is_ascii()
    {
        return char::from(fold_ascii(b));
    }
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(u32::from(c) - 0xFEE0).map_or(c, |half| half.to_ascii_lowercase())
        }
        '\u{3000}' | '\u{A0}' => ' ',
        // Scripts without case: skip the case table for most of a Chinese
        // text.
        '\u{2E80}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF5F}'..='\u{FFEF}'
        | '\u{20000}'.. => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Whether all eight bytes are printable ASCII (0x20–0x7F): no high bit,
/// and no byte below 0x20 (the usual "has a byte less than n" test).
fn is_printable_ascii(word: u64) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    word & HIGH == 0 && word.wrapping_sub(SPACES) & !word & HIGH == 0
}

/// [`fold_char`] for ASCII.
fn fold_ascii(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b.to_ascii_lowercase(),
        b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => b' ',
        _ => b,
    }
}

/// Folds a query (or any text) the way the index folds documents, one
/// character into exactly one character:
///
/// - full-width forms U+FF01–U+FF5E become their ASCII counterparts
///   (`６` → `6`, `／` → `/`, `，` → `,`, `Ｕ` → `u`);
/// - the ideographic space U+3000, the no-break space U+00A0 and ASCII
///   whitespace controls (the `\n` of a hard line break) become a space;
///   other spaces are kept, and runs of spaces are not collapsed;
/// - letters become their simple lowercase (`É` → `é`, `Σ` → `σ`, and
///   `İ` → `i`, where full lowercasing would add a combining dot);
/// - everything else, Chinese included, is kept as it is: no Unicode
///   normalization, so a precomposed `é` does not match `e` + U+0301.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A point where folded and original offsets stop running in step: for a
/// folded offset `q` at or after `folded` (up to the next checkpoint, within
/// the same unit), the original offset is `orig + (q - folded)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Checkpoint {
    pub folded: usize,
    pub orig: usize,
}

/// Bytes left out of the folded text (a footnote label such as `[2]`) at a
/// folded offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Gap {
    pub folded: usize,
    pub len: usize,
}

/// Folded text of many units laid end to end, each followed by `'\0'`, with
/// the sparse map back to each unit's original offsets.
#[derive(Debug, Default)]
pub(crate) struct FoldedText {
    pub text: String,
    pub checkpoints: Vec<Checkpoint>,
    pub gaps: Vec<Gap>,
}

/// Separates units in the folded text. Sanitized text never contains it and
/// a query containing it matches nothing, so no match spans two units.
pub(crate) const SEPARATOR: char = '\0';

impl FoldedText {
    /// Appends one unit, leaving out the byte ranges in `skip` (sorted,
    /// disjoint; ranges that are not, or not on character boundaries, are
    /// ignored), and returns the folded offset where it starts.
    pub fn push_unit(&mut self, text: &str, skip: impl IntoIterator<Item = Range<usize>>) -> usize {
        let base = self.text.len();
        let mut pos = 0;
        for r in skip {
            let valid = r.start >= pos
                && r.start < r.end
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end);
            if !valid {
                continue;
            }
            self.push_segment(text, pos..r.start);
            let folded = self.text.len();
            match self.gaps.last_mut() {
                Some(gap) if gap.folded == folded => gap.len += r.end - r.start,
                _ => self.gaps.push(Gap {
                    folded,
                    len: r.end - r.start,
                }),
            }
            self.checkpoint(folded, r.end);
            pos = r.end;
        }
        self.push_segment(text, pos..text.len());
        self.text.push(SEPARATOR);
        base
    }

    /// Folds `text[range]`. Runs of printable ASCII and of CJK ideographs
    /// are copied in one go (and ASCII-lowercased in place); only the other
    /// characters are looked at one by one.
    fn push_segment(&mut self, text: &str, range: Range<usize>) {
        let segment = &text[range.clone()];
        let bytes = segment.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            if let Some(word) = bytes.get(i..i + 8)
                && let Ok(word) = <[u8; 8]>::try_from(word)
                && is_printable_ascii(u64::from_le_bytes(word))
            {
                i += 8;
                continue;
            }
            let b = bytes[i];
            if (0x20..0x80).contains(&b) {
                i += 1;
                continue;
            }
            // U+4000–U+9FFF, most of a Chinese text, folds to itself.
            if (0xE4..=0xE9).contains(&b) {
                i += 3;
                continue;
            }
            let Some(c) = segment[i..].chars().next() else {
                break;
            };
            let f = fold_char(c);
            if f != c {
                self.push_lowercased(&segment[run..i]);
                self.text.push(f);
                run = i + c.len_utf8();
                if f.len_utf8() != c.len_utf8() {
                    self.checkpoint(self.text.len(), range.start + run);
                }
            }
            i += c.len_utf8();
        }
        self.push_lowercased(&segment[run..]);
    }

    /// Appends text whose only folding is ASCII case.
    fn push_lowercased(&mut self, s: &str) {
        let at = self.text.len();
        self.text.push_str(s);
        self.text[at..].make_ascii_lowercase();
    }

    fn checkpoint(&mut self, folded: usize, orig: usize) {
        match self.checkpoints.last_mut() {
            Some(last) if last.folded == folded => last.orig = orig,
            _ => self.checkpoints.push(Checkpoint { folded, orig }),
        }
    }

    pub fn memory_bytes(&self) -> usize {
        self.text.capacity()
            + self.checkpoints.capacity() * std::mem::size_of::<Checkpoint>()
            + self.gaps.capacity() * std::mem::size_of::<Gap>()
    }
}

/// Maps increasing folded offsets back to original ones in a single pass:
/// each lookup only moves forward, so mapping every match of a scan costs
/// no more than the scan.
pub(crate) struct OffsetMapper<'a> {
    folded: &'a FoldedText,
    checkpoint: usize,
    gap: usize,
}

impl<'a> OffsetMapper<'a> {
    /// A mapper whose first lookup is at or after `from`.
    pub fn new(folded: &'a FoldedText, from: usize) -> Self {
        OffsetMapper {
            folded,
            checkpoint: folded.checkpoints.partition_point(|c| c.folded <= from),
            gap: folded.gaps.partition_point(|g| g.folded < from),
        }
    }

    /// The original offset, within its unit, of the character starting at
    /// folded offset `q` of the unit starting at `base`. Calls must not go
    /// backwards.
    pub fn start(&mut self, base: usize, q: usize) -> usize {
        let points = &self.folded.checkpoints;
        while self.checkpoint < points.len() && points[self.checkpoint].folded <= q {
            self.checkpoint += 1;
        }
        match self.checkpoint.checked_sub(1).map(|i| points[i]) {
            Some(c) if c.folded >= base => c.orig + (q - c.folded),
            _ => q - base,
        }
    }

    /// The original offset, within its unit, of the end of the character
    /// ending at folded offset `q`: like [`Self::start`], but a footnote
    /// label left out at `q` stays outside.
    pub fn end(&mut self, base: usize, q: usize) -> usize {
        let after = self.start(base, q);
        let gaps = &self.folded.gaps;
        while self.gap < gaps.len() && gaps[self.gap].folded < q {
            self.gap += 1;
        }
        match gaps.get(self.gap) {
            Some(g) if g.folded == q => after - g.len,
            _ => after,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_case_and_spaces() {
        assert_eq!(fold("６７／１８９"), "67/189");
        assert_eq!(fold("ＵＮＯＤＣ"), "unodc");
        assert_eq!(fold("UNODC"), "unodc");
        assert_eq!(fold("ÀÉÎÕÜ Ÿ"), "àéîõü ÿ");
        assert_eq!(fold("a\u{3000}b\nc\u{a0}d"), "a b c d");
        assert_eq!(fold("洗钱，（）"), "洗钱,()");
        assert_eq!(fold("İ"), "i");
        assert_eq!(fold("\u{212a}"), "k");
    }

    #[test]
    fn printable_ascii_words() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = b;
                let expected = (0x20..0x80).contains(&b);
                assert_eq!(
                    is_printable_ascii(u64::from_le_bytes(word)),
                    expected,
                    "{b} at {at}"
                );
            }
        }
    }

    #[test]
    fn folding_is_idempotent_for_every_char() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let f = fold_char(c);
            assert_eq!(fold_char(f), f, "U+{:04X}", u32::from(c));
        }
    }

    fn map_all(text: &str, skip: Vec<Range<usize>>) -> (String, Vec<(usize, usize)>) {
        let mut ft = FoldedText::default();
        ft.push_unit("x", []);
        let base = ft.push_unit(text, skip);
        let folded = ft.text[base..ft.text.len() - 1].to_owned();
        let mut mapper = OffsetMapper::new(&ft, base);
        let mut out = Vec::new();
        for (i, c) in folded.char_indices() {
            let s = mapper.start(base, base + i);
            let e = mapper.end(base, base + i + c.len_utf8());
            out.push((s, e));
        }
        (folded, out)
    }

    #[test]
    fn maps_each_folded_char_to_its_original() {
        let text = "Ａb，c洗Ⱥ";
        let (folded, map) = map_all(text, vec![]);
        assert_eq!(folded, "ab,c洗ⱥ");
        let originals: Vec<&str> = map.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(originals, ["Ａ", "b", "，", "c", "洗", "Ⱥ"]);
    }

    #[test]
    fn left_out_labels_stay_outside_hits() {
        let text = "公约[2]及Ｘ[3][4]";
        let (folded, map) = map_all(text, vec![6..9, 15..18, 18..21]);
        assert_eq!(folded, "公约及x");
        let originals: Vec<&str> = map.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(originals, ["公", "约", "及", "Ｘ"]);
    }
}

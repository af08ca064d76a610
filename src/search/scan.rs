//! Substring search over the folded text, fast enough to scan a 50 MB pair
//! on every keystroke without SIMD crates or `unsafe`.
//!
//! The "packed pair" idea of the `memchr` crate: pick the two bytes of the
//! needle least likely to occur in UN text, test 64 candidate positions at
//! once for both (fixed-size loops the compiler turns into vector compares),
//! and compare the whole needle only where both agree.

/// Candidate positions tested at once.
const LANES: usize = 64;

/// A folded, non-empty needle ready to be searched for.
#[derive(Clone, Debug)]
pub(crate) struct Finder {
    needle: Box<[u8]>,
    /// Positions in the needle of its two rarest bytes.
    rare: [usize; 2],
}

/// How common a byte is in folded Chinese and English UN text, roughly
/// (higher is more common). Only the order matters.
fn commonness(b: u8) -> u8 {
    match b {
        b' ' | b'e' | b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' => 250,
        b'h' | b'l' | b'd' | b'c' | b'u' | b'm' | b'f' | b'p' | b'g' => 220,
        b'a'..=b'z' => 190,
        b'0'..=b'9' | b',' | b'.' => 170,
        // Lead bytes of CJK ideographs and punctuation.
        0xE3..=0xE9 => 240,
        // Continuation bytes: frequent, but spread over 64 values.
        0x80..=0xBF => 150,
        0x00..=0x7F => 100,
        _ => 50,
    }
}

impl Finder {
    /// `None` for a needle that can match nothing: empty, or holding the
    /// unit separator.
    pub fn new(needle: &str) -> Option<Finder> {
        if needle.is_empty() || needle.contains(super::fold::SEPARATOR) {
            return None;
        }
        let bytes = needle.as_bytes();
        let mut order: Vec<usize> = (0..bytes.len()).collect();
        order.sort_by_key(|&i| commonness(bytes[i]));
        let first = order[0];
        // The second at another position, preferring another value, so the
        // pair says more than one byte would.
        let second = order[1..]
            .iter()
            .copied()
            .find(|&i| bytes[i] != bytes[first])
            .or_else(|| order.get(1).copied())
            .unwrap_or(first);
        Some(Finder {
            needle: bytes.into(),
            rare: [first, second],
        })
    }

    pub fn len(&self) -> usize {
        self.needle.len()
    }

    /// Non-overlapping occurrences in `hay`, left to right.
    pub fn find_iter<'h>(&'h self, hay: &'h [u8]) -> FindIter<'h> {
        FindIter {
            finder: self,
            hay,
            next_block: 0,
            block: 0,
            mask: 0,
            allowed: 0,
        }
    }

    /// How many non-overlapping occurrences `hay` holds.
    pub fn count(&self, hay: &[u8]) -> usize {
        match *self.needle {
            [b] => count_byte(hay, b),
            _ => self.find_iter(hay).count(),
        }
    }

    /// Bit `k` set when position `start + k` has both rare bytes, for the
    /// `lanes` positions from `start`.
    fn candidates(&self, hay: &[u8], start: usize, lanes: usize) -> u64 {
        let [i1, i2] = self.rare;
        let (b1, b2) = (self.needle[i1], self.needle[i2]);
        if lanes == LANES
            && let (Some(a), Some(b)) = (
                hay.get(start + i1..start + i1 + LANES),
                hay.get(start + i2..start + i2 + LANES),
            )
            && let (Ok(a), Ok(b)) = (<&[u8; LANES]>::try_from(a), <&[u8; LANES]>::try_from(b))
        {
            return block_mask(a, b, b1, b2);
        }
        (0..lanes).fold(0, |mask, k| {
            let hit = hay.get(start + k + i1) == Some(&b1) && hay.get(start + k + i2) == Some(&b2);
            mask | (u64::from(hit) << k)
        })
    }
}

/// The candidate mask of one full block. Written so the compiler turns it
/// into vector compares: first whether anything matches at all (most
/// blocks), then the two halves as 32-bit masks.
#[expect(
    clippy::needless_bitwise_bool,
    reason = "branch-free, so the loops become vector compares"
)]
fn block_mask(a: &[u8; LANES], b: &[u8; LANES], b1: u8, b2: u8) -> u64 {
    let mut any = 0u8;
    for k in 0..LANES {
        any |= u8::from((a[k] == b1) & (b[k] == b2));
    }
    if any == 0 {
        return 0;
    }
    let mut halves = [0u32; 2];
    for (h, half) in halves.iter_mut().enumerate() {
        for k in 0..32 {
            *half |= u32::from((a[h * 32 + k] == b1) & (b[h * 32 + k] == b2)) << k;
        }
    }
    u64::from(halves[0]) | (u64::from(halves[1]) << 32)
}

/// Occurrences of one byte: sums of 64 compares fit a `u8`, and summing
/// bytes vectorizes far better than counting into a `usize`.
#[expect(
    clippy::naive_bytecount,
    reason = "the tail is under 64 bytes; no dependency for one loop"
)]
fn count_byte(hay: &[u8], byte: u8) -> usize {
    let mut blocks = hay.chunks_exact(LANES);
    let mut total = 0;
    for block in &mut blocks {
        let in_block: u8 = block.iter().map(|&b| u8::from(b == byte)).sum();
        total += usize::from(in_block);
    }
    total + blocks.remainder().iter().filter(|&&b| b == byte).count()
}

/// See [`Finder::find_iter`]. Keeps the candidate mask of the current block
/// between matches, so dense matches (`a`) cost one bit each.
pub(crate) struct FindIter<'h> {
    finder: &'h Finder,
    hay: &'h [u8],
    /// Start of the next block of candidate positions to test.
    next_block: usize,
    /// Start of the block `mask` belongs to.
    block: usize,
    mask: u64,
    /// The first position a match may start at (no overlap).
    allowed: usize,
}

impl Iterator for FindIter<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let n = self.finder.needle.len();
        let last = self.hay.len().checked_sub(n)?;
        loop {
            while self.mask != 0 {
                let p = self.block + self.mask.trailing_zeros() as usize;
                self.mask &= self.mask - 1;
                if p >= self.allowed && self.hay[p..p + n] == *self.finder.needle {
                    self.allowed = p + n;
                    return Some(p);
                }
            }
            let start = self.next_block.max(self.allowed);
            if start > last {
                return None;
            }
            let lanes = (last + 1 - start).min(LANES);
            self.block = start;
            self.mask = self.finder.candidates(self.hay, start, lanes);
            self.next_block = start + lanes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(needle: &str, hay: &str) -> Vec<usize> {
        Finder::new(needle)
            .map(|f| f.find_iter(hay.as_bytes()).collect())
            .unwrap_or_default()
    }

    fn expected(needle: &str, hay: &str) -> Vec<usize> {
        hay.match_indices(needle).map(|(i, _)| i).collect()
    }

    #[test]
    fn agrees_with_std_across_lane_edges() {
        let hay = "xaab洗钱 money-laundering ab".repeat(7) + "aab";
        for needle in [
            "a",
            "aa",
            "ab",
            "aab",
            "洗钱",
            "钱 m",
            "money-laundering",
            "b",
            "z",
        ] {
            assert_eq!(all(needle, &hay), expected(needle, &hay), "{needle}");
            let f = Finder::new(needle).unwrap();
            assert_eq!(f.count(hay.as_bytes()), expected(needle, &hay).len());
            for from in 0..hay.len().min(80) {
                let tail = &hay.as_bytes()[from..];
                let std: Vec<usize> = tail
                    .windows(f.len())
                    .enumerate()
                    .filter(|(_, w)| *w == needle.as_bytes())
                    .map(|(i, _)| i)
                    .fold(Vec::new(), |mut acc, i| {
                        if acc.last().is_none_or(|&l| i >= l + f.len()) {
                            acc.push(i);
                        }
                        acc
                    });
                assert_eq!(
                    f.find_iter(tail).collect::<Vec<_>>(),
                    std,
                    "{needle} {from}"
                );
            }
        }
        for len in 0..200 {
            let hay = "a".repeat(len);
            assert_eq!(all("aa", &hay), expected("aa", &hay), "{len}");
            assert_eq!(all("aaa", &hay), expected("aaa", &hay), "{len}");
        }
    }

    #[test]
    fn refuses_needles_that_match_nothing() {
        assert!(Finder::new("").is_none());
        assert!(Finder::new("a\0").is_none());
        assert_eq!(all("long needle", "short"), Vec::<usize>::new());
    }

    /// Non-overlapping occurrences, the slow obvious way.
    fn naive(needle: &[u8], hay: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if &hay[i..i + needle.len()] == needle {
                out.push(i);
                i += needle.len();
            } else {
                i += 1;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_obvious_search(
            hay in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', '洗', '钱']), 0..300),
            needle in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', '洗', '钱']), 1..5),
        ) {
            let hay: String = hay.into_iter().collect();
            let needle: String = needle.into_iter().collect();
            let f = Finder::new(&needle).unwrap();
            let expected = naive(needle.as_bytes(), hay.as_bytes());
            proptest::prop_assert_eq!(f.find_iter(hay.as_bytes()).collect::<Vec<_>>(), expected.clone());
            proptest::prop_assert_eq!(f.count(hay.as_bytes()), expected.len());
        }
    }
}

//! Development aids kept out of the user's way: the scaled document
//! generator that benchmarks and the pathological tests use.

use crate::doc::load::{EMBEDDED_EN, EMBEDDED_ZH};

/// The embedded pair made `n` times larger: the preamble repeated `n`
/// times, then the operative part `n` times with paragraphs renumbered
/// 1…41·n. Footnote definitions are kept once (in the first copy), so
/// every reference in later copies still resolves and nothing is defined
/// twice. `n = 1000` gives about 50 MB for the pair.
pub fn scaled_pair(n: usize) -> (String, String) {
    (scale(EMBEDDED_ZH, n), scale(EMBEDDED_EN, n))
}

fn is_preambular(line: &str) -> bool {
    line.starts_with("**") || line.starts_with('*') && !line.starts_with("* ")
}

fn operative_number(line: &str) -> Option<(usize, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = line.get(digits..)?;
    if digits == 0 || !rest.starts_with(". ") {
        return None;
    }
    Some((line[..digits].parse().ok()?, rest))
}

fn scale(source: &str, n: usize) -> String {
    let lines: Vec<&str> = source.split('\n').collect();
    let preamble_start = lines.iter().position(|l| is_preambular(l)).unwrap_or(0);
    let operative_start = lines
        .iter()
        .position(|l| operative_number(l).is_some())
        .unwrap_or(lines.len());
    let operative_end = lines
        .iter()
        .rposition(|l| operative_number(l).is_some())
        .unwrap_or(operative_start);
    let ops_in_one = lines
        .iter()
        .filter(|l| operative_number(l).is_some())
        .count();
    let mut out = String::with_capacity(source.len() * n);
    let push = |out: &mut String, line: &str| {
        out.push_str(line);
        out.push('\n');
    };
    for line in &lines[..preamble_start] {
        push(&mut out, line);
    }
    for copy in 0..n {
        for line in &lines[preamble_start..operative_start] {
            if copy == 0 || !line.starts_with("<sup>") && !line.starts_with("\\*") {
                push(&mut out, line);
            }
        }
    }
    for copy in 0..n {
        for line in &lines[operative_start..=operative_end] {
            if let Some((number, rest)) = operative_number(line) {
                out.push_str(&(number + copy * ops_in_one).to_string());
                push(&mut out, rest);
            } else if copy == 0 || !line.starts_with("<sup>") {
                push(&mut out, line);
            }
        }
    }
    for line in &lines[operative_end + 1..] {
        push(&mut out, line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Pair, pair_problems};
    use crate::doc::{ClauseKind, parse};

    #[test]
    fn three_copies_align_without_problems() {
        let (zh, en) = scaled_pair(3);
        let pair = Pair::new(parse(&zh), parse(&en));
        assert_eq!(pair.zh.count(ClauseKind::Preambular), 93);
        assert_eq!(pair.zh.count(ClauseKind::Operative), 123);
        assert_eq!(pair.en.count(ClauseKind::Operative), 123);
        assert_eq!(pair.zh.numbered_footnotes().count(), 13);
        assert!(pair_problems(&pair.zh, &pair.en, &pair.rows).is_empty());
    }

    #[test]
    fn one_copy_is_the_embedded_document() {
        let (zh, _) = scaled_pair(1);
        assert_eq!(parse(&zh).clauses, parse(EMBEDDED_ZH).clauses);
    }
}

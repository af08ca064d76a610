//! Source lines → blocks: the first stage of the parser.
//!
//! A resolution is a sequence of blocks separated by blank lines, but a line
//! that opens a clause (`12. `, `(a) `, a lead phrase, a footnote definition,
//! a heading, a page rule) starts a new block even without a blank line
//! before it, unless it is only a wrapped line of the text before. Lines of
//! one block are joined here, with the hard-break and CJK spacing rules.
//! What each block becomes is decided in `parse.rs`.

use std::borrow::Cow;

use super::inline::sup_at;

/// What the first line of a block says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Heading,
    Rule,
    FootnoteDef,
    StarNote,
    Operative(u32),
    Sub,
    Lead,
    Plain,
}

pub(super) struct Block<'a> {
    pub(super) shape: Shape,
    /// 1-based line of the block's first line.
    pub(super) line: usize,
    /// Borrowed from the source for a block of one line (nearly every
    /// block of a resolution), joined into a new string otherwise.
    pub(super) text: Cow<'a, str>,
}

/// Ideographs and CJK punctuation: text that joins without a space.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}' | '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3134F}')
}

fn shape_of(line: &str) -> Shape {
    let t = line.trim_start();
    if t.starts_with('#') {
        let hashes = t.bytes().take_while(|b| *b == b'#').count();
        if hashes <= 6 && t[hashes..].starts_with([' ', '\t']) {
            return Shape::Heading;
        }
    }
    let dashes = t.trim_end();
    if dashes.len() >= 3 && dashes.bytes().all(|b| b == b'-') {
        return Shape::Rule;
    }
    if let Some((_, _, len)) = sup_at(t)
        && t[len..].starts_with(char::is_whitespace)
    {
        return Shape::FootnoteDef;
    }
    if t.starts_with("\\* ") || t.starts_with("\\*\t") {
        return Shape::StarNote;
    }
    if let Some(n) = operative_number(t) {
        return Shape::Operative(n);
    }
    if sub_label(t).is_some() {
        return Shape::Sub;
    }
    if (t.starts_with("**") || t.starts_with('*') || t.starts_with('_')) && !t.starts_with("* ") {
        return Shape::Lead;
    }
    Shape::Plain
}

/// `12. text` → 12. The number must be followed by `.` and a space.
fn operative_number(t: &str) -> Option<u32> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let rest = &t[digits..];
    if !rest.starts_with(". ") && !rest.starts_with(".\t") && rest != "." {
        return None;
    }
    t[..digits].parse().ok().filter(|n| *n > 0)
}

/// `(a) text` / `(ii) text` → `a` / `ii`.
pub(super) fn sub_label(t: &str) -> Option<&str> {
    let rest = t.strip_prefix('(')?;
    let close = rest.find(')')?;
    let label = &rest[..close];
    let ok = !label.is_empty()
        && label.len() <= 6
        && label.bytes().all(|b| b.is_ascii_lowercase())
        && rest[close + 1..].starts_with([' ', '\t']);
    ok.then_some(label)
}

pub(super) fn split_blocks(source: &str) -> Vec<Block<'_>> {
    let mut blocks: Vec<Block<'_>> = Vec::new();
    let mut current: Option<Block<'_>> = None;
    let mut hard_break = false;
    for (index, raw) in source.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let line_no = index + 1;
        if raw.trim().is_empty() {
            blocks.extend(current.take());
            continue;
        }
        let mut shape = shape_of(raw);
        if let Some(block) = &current
            && is_wrapped_line(shape, block)
        {
            shape = Shape::Plain;
        }
        let single = matches!(shape, Shape::Heading | Shape::Rule);
        let starts_new = shape != Shape::Plain;
        // A hard break: two trailing spaces, or a backslash that is not
        // itself escaped (an odd number of trailing backslashes).
        let trailing_backslashes = raw.bytes().rev().take_while(|b| *b == b'\\').count();
        let backslash_break = trailing_backslashes % 2 == 1;
        let breaks_here = raw.ends_with("  ") || backslash_break;
        let content = raw.trim();
        let content = if backslash_break && content.ends_with('\\') {
            &content[..content.len() - 1]
        } else {
            content
        };
        match current.as_mut() {
            Some(block) if !starts_new => {
                join_line(block.text.to_mut(), content, hard_break);
            }
            _ => {
                blocks.extend(current.take());
                current = Some(Block {
                    shape,
                    line: line_no,
                    text: Cow::Borrowed(content),
                });
            }
        }
        hard_break = breaks_here;
        if single {
            blocks.extend(current.take());
        }
    }
    blocks.extend(current);
    blocks
}

/// Whether a line that looks like the start of a clause is only a wrapped
/// line of `block`, because the text before it has not finished: an italic
/// title at the start of a line (`in the` / `*Official Records*`) inside
/// any block, and also a year or a reference (`adopted in` / `2012. See`,
/// `paragraph 3` / `(a) above`) inside a footnote. Operative paragraphs and
/// subparagraphs after a clause always start anew: a subparagraph list may
/// end its lines with `; and`.
fn is_wrapped_line(shape: Shape, block: &Block<'_>) -> bool {
    let in_note = matches!(block.shape, Shape::FootnoteDef | Shape::StarNote);
    match shape {
        Shape::Lead => !ends_clause(&block.text, in_note),
        Shape::Operative(_) | Shape::Sub => in_note && !ends_clause(&block.text, true),
        _ => false,
    }
}

/// Whether a block's text ends where a new clause may begin on the next
/// line without a blank line between: after `,` `;` `:` `.` (and their
/// full-width forms), once trailing footnote references, emphasis marks and
/// closing quotes or brackets are set aside. A footnote ends only at a full
/// stop or semicolon: `United Nations,` is followed by `*Treaty Series*`.
fn ends_clause(text: &str, footnote: bool) -> bool {
    let mut t = text.trim_end();
    loop {
        let before = t.len();
        t = t.trim_end_matches(['*', '_']).trim_end();
        if t.ends_with("</sup>") {
            // The opening tag lies within a marker's length before.
            let window_start = t.len().saturating_sub(MAX_SUP_TAG);
            let window = &t.as_bytes()[window_start..];
            if let Some(open) = window.windows(5).rposition(|w| w == b"<sup>") {
                t = t[..window_start + open].trim_end();
            }
        }
        if t.len() == before {
            break;
        }
    }
    let t = t.trim_end_matches(['"', '\'', ')', ']', '”', '’', '）', '」', '』', '】']);
    let Some(last) = t.chars().next_back() else {
        return true;
    };
    if footnote {
        matches!(last, '.' | ';' | '。' | '；')
    } else {
        matches!(
            last,
            ',' | ';' | ':' | '.' | '，' | '；' | '：' | '。' | '、'
        )
    }
}

/// The longest `<sup>…</sup>` tag `sup_at` accepts.
const MAX_SUP_TAG: usize = 5 + 16 + 6;

/// Whether two lines of running text join without a space: between two CJK
/// characters, where Chinese never puts one, and between a CJK character
/// and the punctuation Chinese shares with Western text (curly quotes, the
/// dash, the ellipsis, the middle dot of transcribed names): `关于` / `“加强`
/// is `关于“加强`. These marks are not CJK on their own, so English lines
/// still join with a space.
pub(super) fn joins_without_space(left: Option<char>, right: Option<char>) -> bool {
    let shared = |c: char| matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·');
    match (left, right) {
        (Some(l), Some(r)) => (is_cjk(l) && (is_cjk(r) || shared(r))) || (shared(l) && is_cjk(r)),
        _ => false,
    }
}

/// Joins a source line to the block: a hard break keeps a line break; a soft
/// one becomes a space, except where Chinese never puts one
/// ([`joins_without_space`]).
fn join_line(text: &mut String, line: &str, hard: bool) {
    if hard {
        text.push('\n');
    } else if !joins_without_space(text.chars().next_back(), line.chars().next()) {
        text.push(' ');
    }
    text.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape_of("## 大会"), Shape::Heading);
        assert_eq!(shape_of("---"), Shape::Rule);
        assert_eq!(shape_of("<sup>9</sup> A/67/156。"), Shape::FootnoteDef);
        assert_eq!(shape_of("<sup>9</sup>A/67/156"), Shape::Plain);
        assert_eq!(shape_of("\\* 因技术原因"), Shape::StarNote);
        assert_eq!(shape_of("12. **又请**"), Shape::Operative(12));
        assert_eq!(shape_of("2012 年 12 月 20 日"), Shape::Plain);
        assert_eq!(shape_of("(a) text"), Shape::Sub);
        assert_eq!(shape_of("**重申**其"), Shape::Lead);
        assert_eq!(shape_of("*Recalling* its"), Shape::Lead);
        assert_eq!(shape_of("* list item"), Shape::Plain);
    }

    #[test]
    fn hard_and_soft_breaks() {
        let blocks = split_blocks("a  \nb\nc\n中文\n继续");
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, "a\nb c 中文继续");
    }
}

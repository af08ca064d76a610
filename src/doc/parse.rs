//! The block parser: blocks (`blocks.rs`) → clauses, footnotes, metadata.
//!
//! Each block is placed by its shape and where it comes: header, title,
//! opening, preamble, operative part, closing. Footnote definitions
//! interleaved at former page ends go to the footnote table; a plain block
//! right after them (or after a page rule) continues the clause that the
//! page break interrupted.
//!
//! Everything is one forward pass over the lines; nothing recurses.

use std::borrow::Cow;
use std::collections::HashSet;

use super::blocks::{Block, Shape, is_cjk, joins_without_space, split_blocks, sub_label};
use super::id::ClauseId;
use super::inline::{parse_inline, sup_at};
use super::model::{Clause, Document, Footnote, Lang, Metadata, ParseNote, RichText};
use crate::text::sanitize;

/// Parses a whole document. Never fails: what cannot be placed becomes an
/// unplaced clause.
pub fn parse(source: &str) -> Document {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let blocks = split_blocks(source);
    let lang = detect_lang(source);
    Builder::new(lang).build(blocks)
}

fn detect_lang(source: &str) -> Lang {
    // Look at a bounded prefix: enough to decide, and O(1) on huge inputs.
    let sample = source.char_indices().take(20_000).map(|(_, c)| c);
    let (mut cjk, mut latin) = (0usize, 0usize);
    for c in sample {
        if is_cjk(c) {
            cjk += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if cjk * 2 >= latin && cjk > 0 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// The value of a lowercase roman numeral written with i, v and x as used
/// for sub-subparagraphs (`ii` → 2, `xiv` → 14); `None` unless `label` is
/// exactly how that number is written.
fn roman_value(label: &str) -> Option<u32> {
    const UNITS: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let digit = |b: u8| match b {
        b'i' => Some(1i64),
        b'v' => Some(5),
        b'x' => Some(10),
        _ => None,
    };
    let bytes = label.as_bytes();
    let mut total = 0i64;
    for (k, &b) in bytes.iter().enumerate() {
        let value = digit(b)?;
        let next = bytes.get(k + 1).and_then(|&n| digit(n)).unwrap_or(0);
        total += if value < next { -value } else { value };
    }
    let n = u32::try_from(total).ok().filter(|n| *n > 0)?;
    let canonical = "x".repeat(n as usize / 10) + UNITS[n as usize % 10];
    (canonical == label).then_some(n)
}

/// The label after `letter` in a lettered list: `h` → `i`, `u` → `v`,
/// `hh` → `ii` (lists that run past `z` double the letter).
fn next_letter(letter: &str) -> Option<String> {
    let first = *letter.as_bytes().first()?;
    let same = letter.bytes().all(|b| b == first);
    (same && (b'a'..=b'y').contains(&first))
        .then(|| char::from(first + 1).to_string().repeat(letter.len()))
}

#[derive(PartialEq, Eq)]
enum Phase {
    Header,
    /// Right after the title: the next plain block is the opening line.
    Title,
    Body,
}

struct Builder {
    doc: Document,
    phase: Phase,
    /// The last block was a page rule or footnote definition: a plain block
    /// now continues the interrupted clause.
    after_break: bool,
    counters: Counters,
    current_op: Option<u32>,
    /// The operative paragraph that `(a)` subparagraphs belong to: the
    /// current one unless its number was a repeat.
    sub_parent: Option<u32>,
    /// The letter of the current `(a)` subparagraph, for `(i)` below it.
    current_letter: Option<String>,
    /// The last roman sub-subparagraph under the current letter.
    current_roman: Option<u32>,
    seen_ops: HashSet<u32>,
    seen_subs: HashSet<ClauseId>,
    seen_markers: HashSet<String>,
    /// The title heading is still to come.
    title_ahead: bool,
}

#[derive(Default)]
struct Counters {
    header: u32,
    pp: u32,
    section: u32,
    closing: u32,
    unplaced: u32,
}

fn next(counter: &mut u32) -> u32 {
    *counter = counter.saturating_add(1);
    *counter
}

impl Builder {
    fn new(lang: Lang) -> Self {
        Builder {
            doc: Document {
                lang,
                meta: Metadata::default(),
                clauses: Vec::new(),
                footnotes: Vec::new(),
                notes: Vec::new(),
            },
            phase: Phase::Header,
            after_break: false,
            counters: Counters::default(),
            current_op: None,
            sub_parent: None,
            current_letter: None,
            current_roman: None,
            seen_ops: HashSet::new(),
            seen_subs: HashSet::new(),
            seen_markers: HashSet::new(),
            title_ahead: false,
        }
    }

    fn build(mut self, blocks: Vec<Block<'_>>) -> Document {
        // Where the title heading is, so that an italic or bold header line
        // before it (`*Original: English*`) is not taken for a preambular
        // clause, which would end the header and demote the title.
        let title_at = blocks.iter().position(|b| {
            b.shape == Shape::Heading && is_title(b.text.trim_start_matches('#').trim())
        });
        for (index, block) in blocks.into_iter().enumerate() {
            self.title_ahead = title_at.is_some_and(|t| index < t);
            self.block(block);
        }
        super::meta::derive(&mut self.doc);
        self.doc
    }

    fn push(&mut self, id: ClauseId, text: RichText, line: usize) {
        self.doc.clauses.push(Clause { id, text, line });
    }

    fn block(&mut self, block: Block<'_>) {
        let Block { shape, line, text } = block;
        // Almost every block is clean: keep its text rather than copy it.
        let text = match sanitize(&text) {
            Cow::Owned(clean) => Cow::Owned(clean),
            Cow::Borrowed(_) => text,
        };
        match shape {
            Shape::Rule => {
                self.after_break = true;
                return;
            }
            Shape::FootnoteDef => {
                self.footnote_def(&text, line);
                self.after_break = true;
                return;
            }
            Shape::StarNote => {
                let body = text.trim_start().trim_start_matches("\\*").trim_start();
                self.add_footnote("*".to_owned(), parse_inline(body), line);
                self.after_break = true;
                return;
            }
            _ => {}
        }
        let after_break = std::mem::take(&mut self.after_break);
        match shape {
            Shape::Heading => self.heading(&text, line),
            Shape::Operative(n) => self.operative(n, &text, line),
            Shape::Sub => self.subparagraph(&text, line),
            Shape::Lead => {
                if self.phase == Phase::Header && self.title_ahead {
                    let id = ClauseId::Header(next(&mut self.counters.header));
                    self.push(id, parse_inline(&text), line);
                } else if self.phase != Phase::Body || self.current_op.is_none() {
                    self.phase = Phase::Body;
                    let id = ClauseId::Pp(next(&mut self.counters.pp));
                    self.push(id, parse_inline(&text), line);
                } else {
                    self.unplaced(&text, line);
                }
            }
            Shape::Plain => self.plain(&text, line, after_break),
            Shape::Rule | Shape::FootnoteDef | Shape::StarNote => {}
        }
    }

    fn footnote_def(&mut self, text: &str, line: usize) {
        let t = text.trim_start();
        if let Some((m_start, m_end, len)) = sup_at(t) {
            let marker = t[m_start..m_end].to_owned();
            self.add_footnote(marker, parse_inline(&t[len..]), line);
        }
    }

    fn add_footnote(&mut self, marker: String, text: RichText, line: usize) {
        if self.seen_markers.insert(marker.clone()) {
            self.doc.footnotes.push(Footnote { marker, text, line });
        } else {
            self.doc
                .notes
                .push(ParseNote::DuplicateFootnote { marker, line });
        }
    }

    fn heading(&mut self, text: &str, line: usize) {
        let content = text.trim_start_matches('#').trim();
        if self.phase == Phase::Header {
            if is_title(content) {
                self.phase = Phase::Title;
                self.push(ClauseId::Title, parse_inline(content), line);
            } else {
                let id = ClauseId::Header(next(&mut self.counters.header));
                self.push(id, parse_inline(content), line);
            }
        } else {
            self.section(content, line);
        }
    }

    fn section(&mut self, content: &str, line: usize) {
        self.phase = Phase::Body;
        self.current_op = None;
        self.sub_parent = None;
        self.current_letter = None;
        self.current_roman = None;
        let id = ClauseId::Section(next(&mut self.counters.section));
        self.push(id, parse_inline(content), line);
    }

    fn operative(&mut self, n: u32, text: &str, line: usize) {
        self.phase = Phase::Body;
        let body = text.trim_start();
        let body = body[body.find('.').map_or(0, |dot| dot + 1)..].trim_start();
        let fresh = self.seen_ops.insert(n);
        // The subparagraphs of a repeated number are unplaced like it: filed
        // under the first paragraph n they would be aligned and cited as its.
        self.sub_parent = fresh.then_some(n);
        let id = if fresh {
            ClauseId::Op(n)
        } else {
            self.doc
                .notes
                .push(ParseNote::DuplicateOperative { number: n, line });
            ClauseId::Unplaced(next(&mut self.counters.unplaced))
        };
        self.current_op = Some(n);
        self.current_letter = None;
        self.current_roman = None;
        self.push(id, parse_inline(body), line);
    }

    fn subparagraph(&mut self, text: &str, line: usize) {
        let t = text.trim_start();
        let (Some(op), Some(label)) = (self.sub_parent, sub_label(t)) else {
            self.unplaced(text, line);
            return;
        };
        let body = t[label.len() + 2..].trim_start();
        let sub_sub = self.sub_sub_value(label);
        let full = if let (Some(letter), Some(value)) = (&self.current_letter, sub_sub) {
            self.current_roman = Some(value);
            format!("{letter}.{label}")
        } else {
            self.current_letter = Some(label.to_owned());
            self.current_roman = None;
            label.to_owned()
        };
        let id = ClauseId::Sub(op, full);
        if !self.seen_subs.insert(id.clone()) {
            self.unplaced(text, line);
            return;
        }
        self.push(id, parse_inline(body), line);
    }

    /// The roman value of `(label)` if it is a sub-subparagraph under the
    /// current letter rather than the next letter. i, v and x are both: the
    /// label continues an open roman list (`(v)` after `(iv)`), else it is
    /// the next letter when it follows the current one in the alphabet
    /// (`(i)` after `(h)`, `(v)` after `(u)`, `(x)` after `(w)`), else any
    /// roman numeral under a letter is a sub-subparagraph.
    fn sub_sub_value(&self, label: &str) -> Option<u32> {
        let letter = self.current_letter.as_deref()?;
        let value = roman_value(label)?;
        let continues = self.current_roman.is_some_and(|r| r + 1 == value);
        let next = next_letter(letter).is_some_and(|next| next == label);
        (continues || !next).then_some(value)
    }

    fn plain(&mut self, text: &str, line: usize, after_break: bool) {
        match self.phase {
            Phase::Header => {
                if is_section_line(text) && !self.doc.clauses.is_empty() {
                    // No title: a bare section line still belongs to the body.
                    self.section(text, line);
                } else {
                    let id = ClauseId::Header(next(&mut self.counters.header));
                    self.push(id, parse_inline(text), line);
                }
            }
            Phase::Title => {
                self.phase = Phase::Body;
                self.push(ClauseId::Opening, parse_inline(text), line);
            }
            Phase::Body => {
                if is_section_line(text) {
                    self.section(text, line);
                } else if is_closing_line(text) && self.counters.pp + self.seen_ops.len() as u32 > 0
                {
                    let id = ClauseId::Closing(next(&mut self.counters.closing));
                    self.push(id, parse_inline(text), line);
                } else if after_break && self.continue_last(text) {
                } else {
                    self.unplaced(text, line);
                }
            }
        }
    }

    /// Appends a block to the clause a page break interrupted. Headings
    /// (title, sections) are one line each, so no page break interrupts them.
    fn continue_last(&mut self, text: &str) -> bool {
        let Some(last) = self.doc.clauses.last_mut() else {
            return false;
        };
        if matches!(
            last.id,
            ClauseId::Closing(_) | ClauseId::Title | ClauseId::Header(_) | ClauseId::Section(_)
        ) {
            return false;
        }
        let more = parse_inline(text);
        if !joins_without_space(last.text.text.chars().next_back(), more.text.chars().next()) {
            last.text.text.push(' ');
        }
        let shift = last.text.text.len();
        last.text.text.push_str(&more.text);
        last.text.spans.extend(more.spans.into_iter().map(|mut s| {
            s.start += shift;
            s.end += shift;
            s
        }));
        true
    }

    fn unplaced(&mut self, text: &str, line: usize) {
        let id = ClauseId::Unplaced(next(&mut self.counters.unplaced));
        self.push(id, parse_inline(text), line);
    }
}

/// `67/189. Title…` (also `67/189 Title`): a resolution number opens the title.
fn is_title(content: &str) -> bool {
    let t = content.trim_start_matches(['*', '_']);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let rest = &t[digits..];
    let Some(rest) = rest.strip_prefix('/') else {
        return false;
    };
    let digits2 = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits2 > 0 && (rest[digits2..].starts_with('.') || rest[digits2..].starts_with(' '))
}

/// A bare section line inside the operative part: `I`, `II.`, `A.`, `Annex`, `附件`.
fn is_section_line(text: &str) -> bool {
    let t = text.trim();
    if t.contains('\n') {
        return false;
    }
    let head = t.trim_end_matches('.');
    let roman = !head.is_empty()
        && head.len() <= 6
        && head.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'));
    let letter = t.len() == 2 && t.as_bytes()[0].is_ascii_uppercase() && t.ends_with('.');
    let annex = t.starts_with("附件") || t.starts_with("Annex") || t.starts_with("ANNEX");
    roman || letter || (annex && t.chars().count() <= 40)
}

/// The date and meeting lines that close a resolution: a short first line
/// that is a date or names the plenary meeting (`第 60 次全体会议`,
/// `60th plenary meeting`). A sentence that merely mentions a plenary
/// meeting is text, not a closing line.
fn is_closing_line(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("").trim();
    let meeting = first.trim_end_matches(['.', '。']).trim_end();
    let names_meeting = meeting.chars().count() <= 40
        && (meeting.ends_with("全体会议") || meeting.ends_with("plenary meeting"));
    names_meeting || super::meta::looks_like_date(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert!(is_title("67/189. 加强"));
        assert!(is_title("67/189 Strengthening"));
        assert!(!is_title("第六十七届会议"));
        assert!(!is_title("2012/17"));
    }
}

//! A one-line editor for prompts (go to, command line, search, bookmark
//! notes). Edits by grapheme cluster, so a Chinese character or an emoji is
//! one step of the cursor and one Backspace.

use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
}

impl LineEditor {
    pub fn new(text: &str) -> LineEditor {
        let text = one_line(text);
        let cursor = text.len();
        LineEditor { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts typed or pasted text. A prompt holds one line: line breaks
    /// become spaces, and control or bidi characters are sanitized like
    /// document text, since the prompt echoes them to the terminal.
    pub fn insert(&mut self, s: &str) {
        let clean = one_line(s);
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    pub fn backspace(&mut self) {
        let start = self.prev_boundary();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn delete(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.cursor..end, "");
    }

    pub fn left(&mut self) {
        self.cursor = self.prev_boundary();
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary();
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Ctrl-u: delete from the start of the line to the cursor.
    pub fn kill_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Ctrl-k: delete from the cursor to the end.
    pub fn kill_to_end(&mut self) {
        self.text.truncate(self.cursor);
    }

    /// Ctrl-w: delete the word before the cursor (and the spaces after it).
    /// A run of Chinese has no spaces, so it goes as one word, as in a shell.
    pub fn kill_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

fn one_line(s: &str) -> String {
    crate::text::sanitize(&s.replace(['\n', '\r'], " ")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_grapheme() {
        let mut e = LineEditor::new("洗钱e\u{301}");
        e.backspace();
        assert_eq!(e.text(), "洗钱");
        e.left();
        e.insert("黑");
        assert_eq!(e.text(), "洗黑钱");
        e.home();
        e.delete();
        assert_eq!(e.text(), "黑钱");
        e.end();
        e.insert("\n活动");
        assert_eq!(e.text(), "黑钱 活动");
    }

    #[test]
    fn kills() {
        let mut e = LineEditor::new("money laundering  ");
        e.kill_word();
        assert_eq!(e.text(), "money ");
        e.kill_to_start();
        assert_eq!(e.text(), "");
        let mut e = LineEditor::new("abc");
        e.left();
        e.kill_to_end();
        assert_eq!(e.text(), "ab");
    }
}

//! A captured screen: what `capture-pane` printed, row by row, with the
//! lookups the end-to-end tests make on it (rows, display columns).

use std::fmt;

use unicode_width::UnicodeWidthStr;

/// What the pane shows, one string per screen row (trailing blanks
/// trimmed by tmux; a wide character is one `char` but two columns).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Screen {
    pub lines: Vec<String>,
}

impl Screen {
    pub(super) fn parse(text: &str) -> Screen {
        Screen {
            lines: text.lines().map(str::to_owned).collect(),
        }
    }

    /// Row `i`, or "" past the end.
    pub fn line(&self, i: usize) -> &str {
        self.lines.get(i).map_or("", String::as_str)
    }

    /// The last row: the reader's status line.
    pub fn status(&self) -> &str {
        self.lines.last().map_or("", String::as_str)
    }

    pub fn contains(&self, text: &str) -> bool {
        self.lines.iter().any(|l| l.contains(text))
    }

    /// The first row containing `text`.
    pub fn row_of(&self, text: &str) -> Option<usize> {
        self.lines.iter().position(|l| l.contains(text))
    }

    /// The display column where `text` starts in row `row`.
    pub fn column_of(&self, row: usize, text: &str) -> Option<usize> {
        let line = self.line(row);
        line.find(text).map(|i| line[..i].width())
    }

    /// The text in display columns `from..to` of row `row` (a wide
    /// character counts where it starts).
    pub fn columns(&self, row: usize, from: usize, to: usize) -> String {
        let mut col = 0;
        let mut out = String::new();
        for c in self.line(row).chars() {
            if col >= from && col < to {
                out.push(c);
            }
            col += c.to_string().width();
        }
        out
    }

    /// Rows between the title bar and the status line.
    pub fn body(&self) -> &[String] {
        let end = self.lines.len().saturating_sub(1);
        self.lines.get(1..end).unwrap_or(&[])
    }
}

impl fmt::Display for Screen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.lines.iter().enumerate() {
            writeln!(f, "{i:>3}|{line}")?;
        }
        Ok(())
    }
}

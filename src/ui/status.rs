//! The status line, and the prompts that take its place.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Position;

use super::draw::{fill, put_str, truncate};
use super::strings;
use super::theme::Theme;
use crate::align::Resolved;
use crate::app::{App, Mode};
use crate::doc::{Lang, Target};
use crate::text::str_width;

pub fn draw_status(app: &App, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let y = app.height - 1;
    let width = app.width;
    let wide = app.options.ambiguous_wide;
    fill(buf, 0, y, width, 1, theme.status);
    let prompt = match &app.mode {
        Mode::Goto(editor) => Some((
            strings::GOTO_PROMPT,
            editor,
            goto_preview(app, editor.text()),
        )),
        Mode::Command(editor) => Some((":", editor, String::new())),
        Mode::Search { editor, .. } => {
            let n = app.search.count;
            let count = if editor.is_empty() {
                String::new()
            } else if n == 0 {
                "  no hits".to_owned()
            } else {
                let current = app.search.current.as_ref().map_or(0, |(_, i)| i + 1);
                format!("  hit {current}/{n}")
            };
            Some(("/", editor, count))
        }
        _ => None,
    };
    if let Some((label, editor, after)) = prompt {
        let label_w = put_str(buf, 0, y, width, label, theme.status, wide);
        let text_w = put_str(
            buf,
            label_w,
            y,
            width.saturating_sub(label_w),
            editor.text(),
            theme.status,
            wide,
        );
        let cursor_x = label_w + str_width(&editor.text()[..editor.cursor()], wide) as u16;
        let after_x = label_w + text_w + 1;
        if after_x < width {
            put_str(buf, after_x, y, width - after_x, &after, theme.status, wide);
        }
        return Some(Position::new(cursor_x.min(width.saturating_sub(1)), y));
    }
    let mut left = format!(
        " {}  {}  {}%  {}",
        app.pair.symbol(),
        app.focus_label(),
        app.percent(),
        app.geometry().layout.name()
    );
    if !app.search.query.is_empty() {
        let n = app.search.count;
        let current = app.search.current.as_ref().map_or(0, |(_, i)| i + 1);
        let _ = write!(left, "  /{} hit {current}/{n}", app.search.query);
    }
    let left_w = str_width(&left, wide) as u16;
    let used = put_str(buf, 0, y, width, &left, theme.status, wide);
    if let Some(message) = &app.message {
        let x = left_w.min(used) + 3;
        if x < width {
            let room = usize::from(width - x);
            put_str(
                buf,
                x,
                y,
                width - x,
                &truncate(message, room, wide),
                theme.status,
                wide,
            );
        }
    } else if width > left_w + 12 {
        let hint = "? help";
        put_str(buf, width - 7, y, 7, hint, theme.status, wide);
    }
    None
}

/// What the go-to prompt would jump to, or why it cannot.
fn goto_preview(app: &App, input: &str) -> String {
    let Ok(target) = input.parse::<Target>() else {
        return String::new();
    };
    match app.pair.resolve(&target) {
        Ok(Resolved::Row(row)) => format!(
            "-> {} {}",
            app.pair.rows[row].id.label(),
            app.preview(row, Lang::Zh, 40)
        ),
        Ok(Resolved::Footnote(m)) => format!("-> footnote {m}"),
        Err(e) => e.range,
    }
}

//! Popups over the reader: footnotes, outline, help, bookmarks.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::draw::{Overlay, clear_popup, put_str, put_text, truncate};
use super::strings;
use super::theme::Theme;
use crate::app::App;
use crate::app::bookmarks::bookmark_rows;
use crate::app::editor::LineEditor;
use crate::app::keymap::{Context, KEYMAP};
use crate::doc::{Footnote, Lang, SpanKind};
use crate::text::{WrapOptions, str_width, wrap};

/// Box-drawing characters are East Asian Ambiguous: on a terminal that
/// draws them wide the frame would tear, so `--ambiguous-wide` gets ASCII.
struct Frame {
    h: &'static str,
    v: &'static str,
    corners: [&'static str; 4],
}

const BOX: Frame = Frame {
    h: "─",
    v: "│",
    corners: ["┌", "┐", "└", "┘"],
};
const ASCII: Frame = Frame {
    h: "-",
    v: "|",
    corners: ["+", "+", "+", "+"],
};

/// Draws a framed, cleared popup of at most `want_w`×`want_h` (frame
/// included) centred on screen; returns the inner area.
fn popup(
    app: &App,
    buf: &mut Buffer,
    theme: &Theme,
    title: &str,
    want_w: u16,
    want_h: u16,
) -> Rect {
    let wide = app.options.ambiguous_wide;
    let screen = buf.area;
    let w = want_w
        .min(screen.width.saturating_sub(2))
        .max(4)
        .min(screen.width);
    let h = want_h
        .min(screen.height.saturating_sub(2))
        .max(3)
        .min(screen.height);
    let x = (screen.width - w) / 2;
    let y = (screen.height - h) / 2;
    clear_popup(buf, x, y, w, h, theme.popup, wide);
    let frame = if wide { ASCII } else { BOX };
    for col in x + 1..x + w - 1 {
        put_str(buf, col, y, 1, frame.h, theme.border, wide);
        put_str(buf, col, y + h - 1, 1, frame.h, theme.border, wide);
    }
    for row in y + 1..y + h - 1 {
        put_str(buf, x, row, 1, frame.v, theme.border, wide);
        put_str(buf, x + w - 1, row, 1, frame.v, theme.border, wide);
    }
    put_str(buf, x, y, 1, frame.corners[0], theme.border, wide);
    put_str(buf, x + w - 1, y, 1, frame.corners[1], theme.border, wide);
    put_str(buf, x, y + h - 1, 1, frame.corners[2], theme.border, wide);
    put_str(
        buf,
        x + w - 1,
        y + h - 1,
        1,
        frame.corners[3],
        theme.border,
        wide,
    );
    let title = truncate(title, usize::from(w.saturating_sub(4)), wide);
    put_str(
        buf,
        x + 2,
        y,
        w.saturating_sub(4),
        &title,
        theme.border,
        wide,
    );
    Rect::new(x + 1, y + 1, w.saturating_sub(2), h.saturating_sub(2))
}

/// One line of popup content: text with overlays.
struct Line {
    text: String,
    overlays: Vec<Overlay>,
    style: Style,
    /// Column offset inside the popup.
    indent: u16,
    /// Which entry it belongs to, for selection and scrolling.
    entry: usize,
}

fn plain_line(text: String, style: Style, indent: u16, entry: usize) -> Line {
    Line {
        text,
        overlays: Vec::new(),
        style,
        indent,
        entry,
    }
}

/// Draws lines into `inner`, scrolled so that `selected` entry is visible.
fn draw_lines(
    app: &App,
    buf: &mut Buffer,
    inner: Rect,
    lines: &[Line],
    selected: Option<usize>,
    theme: &Theme,
) {
    let wide = app.options.ambiguous_wide;
    let height = usize::from(inner.height);
    let first = selected
        .and_then(|s| lines.iter().position(|l| l.entry == s))
        .unwrap_or(0);
    let last = selected
        .and_then(|s| lines.iter().rposition(|l| l.entry == s))
        .unwrap_or(0);
    let mut offset = 0;
    if last >= height {
        offset = (last + 1 - height).min(first);
    }
    for (i, line) in lines.iter().skip(offset).take(height).enumerate() {
        let y = inner.y + i as u16;
        let style = if Some(line.entry) == selected {
            line.style.patch(theme.selected)
        } else {
            line.style
        };
        if Some(line.entry) == selected {
            super::draw::fill(buf, inner.x, y, inner.width, 1, theme.selected);
        }
        put_line(buf, inner, y, line, style, wide);
    }
}

/// Draws one popup line at its indent inside `inner`.
fn put_line(buf: &mut Buffer, inner: Rect, y: u16, line: &Line, style: Style, wide: bool) {
    let x = inner.x + line.indent.min(inner.width);
    let w = inner.width.saturating_sub(line.indent);
    let range = (0, line.text.len());
    put_text(
        buf,
        x,
        y,
        w,
        &line.text,
        range,
        style,
        &[&line.overlays],
        wide,
    );
}

/// Wraps a footnote's text into popup lines with its styles.
fn wrapped(
    note: &Footnote,
    width: u16,
    wide: bool,
    theme: &Theme,
    indent: u16,
    entry: usize,
) -> Vec<Line> {
    let text = &note.text.text;
    let opts = WrapOptions {
        width: usize::from(width.max(1)),
        ambiguous_wide: wide,
    };
    wrap(text, &note.text.glue(), opts)
        .into_iter()
        .map(|l| {
            let overlays = note
                .text
                .spans
                .iter()
                .filter(|s| s.end > l.start && s.start < l.end)
                .map(|s| Overlay {
                    start: s.start.max(l.start) - l.start,
                    end: s.end.min(l.end) - l.start,
                    style: if s.kind == SpanKind::FootnoteRef {
                        theme.footnote
                    } else {
                        theme.emphasis
                    },
                })
                .collect();
            Line {
                text: text[l.start..l.end].to_owned(),
                overlays,
                style: theme.popup,
                indent,
                entry,
            }
        })
        .collect()
}

/// For "同上" / "Ibid." notes: the note they repeat (the nearest earlier
/// numbered note that is not itself an "ibid").
fn ibid_source<'a>(notes: &'a [Footnote], marker: &str) -> Option<&'a Footnote> {
    let index = notes.iter().position(|f| f.marker == marker)?;
    let is_ibid = |f: &Footnote| {
        let t = f.text.text.trim_start();
        t.starts_with(strings::IBID_ZH) || t.starts_with(strings::IBID_EN)
    };
    if !is_ibid(&notes[index]) {
        return None;
    }
    notes[..index]
        .iter()
        .rev()
        .find(|f| f.marker != "*" && !is_ibid(f))
}

pub fn footnotes(app: &App, buf: &mut Buffer, theme: &Theme, markers: &[String], selected: usize) {
    let wide = app.options.ambiguous_wide;
    let want_w = app.width.saturating_sub(4).min(110);
    let inner_w = want_w.saturating_sub(2);
    let side_by_side = inner_w >= 60;
    let col_w = if side_by_side {
        (inner_w - 6) / 2
    } else {
        inner_w.saturating_sub(5)
    };
    let mut lines: Vec<Line> = Vec::new();
    for (entry, marker) in markers.iter().enumerate() {
        let mut columns: Vec<Vec<Line>> = Vec::new();
        for lang in [Lang::Zh, Lang::En] {
            let notes = &app.pair.doc(lang).footnotes;
            let indent = if side_by_side && lang == Lang::En {
                5 + col_w + 1
            } else {
                5
            };
            let mut col = match notes.iter().find(|f| &f.marker == marker) {
                Some(note) => wrapped(note, col_w, wide, theme, indent, entry),
                None => vec![plain_line(
                    crate::app::viewport::missing_text(lang).to_owned(),
                    theme.missing,
                    indent,
                    entry,
                )],
            };
            if let Some(source) = ibid_source(notes, marker) {
                col.push(plain_line(
                    format!("= [{}]", source.marker),
                    theme.dim,
                    indent,
                    entry,
                ));
                col.extend(
                    wrapped(source, col_w, wide, theme, indent, entry)
                        .into_iter()
                        .map(|mut l| {
                            l.style = theme.dim;
                            l
                        }),
                );
            }
            columns.push(col);
        }
        let first_line = lines.len();
        if side_by_side {
            let height = columns.iter().map(Vec::len).max().unwrap_or(0);
            let mut merged: Vec<Line> = Vec::new();
            for i in 0..height {
                for col in &mut columns {
                    if i < col.len() {
                        merged.push(std::mem::replace(
                            &mut col[i],
                            plain_line(String::new(), theme.popup, 0, entry),
                        ));
                    }
                }
            }
            lines.extend(merged);
        } else {
            for col in columns {
                lines.extend(col);
            }
        }
        lines.insert(
            first_line,
            plain_line(format!("[{marker}]"), theme.footnote, 0, entry),
        );
        lines.push(plain_line(String::new(), theme.popup, 0, entry));
    }
    let rows = footnote_rows(lines);
    let want_h = (rows.len() as u16).saturating_add(2);
    let inner = popup(app, buf, theme, strings::FOOTNOTES_TITLE, want_w, want_h);
    draw_footnote_rows(app, buf, inner, &rows, selected, theme);
}

/// Rows of the side-by-side footnote popup: a row holds up to two lines
/// (Chinese, English) at different indents.
struct Row(Vec<Line>);

/// Side by side, the Chinese and English lines of a note are interleaved;
/// an English line shares the screen row of the Chinese line before it.
fn footnote_rows(lines: Vec<Line>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for line in lines {
        let joins = line.indent > 5
            && rows.last().is_some_and(|r| {
                r.0.len() == 1 && r.0[0].indent == 5 && r.0[0].entry == line.entry
            });
        match rows.last_mut() {
            Some(row) if joins => row.0.push(line),
            _ => rows.push(Row(vec![line])),
        }
    }
    rows
}

fn draw_footnote_rows(
    app: &App,
    buf: &mut Buffer,
    inner: Rect,
    rows: &[Row],
    selected: usize,
    theme: &Theme,
) {
    let wide = app.options.ambiguous_wide;
    let height = usize::from(inner.height);
    let first = rows
        .iter()
        .position(|r| r.0[0].entry == selected)
        .unwrap_or(0);
    let last = rows
        .iter()
        .rposition(|r| r.0[0].entry == selected)
        .unwrap_or(0);
    let offset = if last >= height {
        (last + 1 - height).min(first)
    } else {
        0
    };
    for (i, row) in rows.iter().skip(offset).take(height).enumerate() {
        let y = inner.y + i as u16;
        for line in &row.0 {
            let mut style = line.style;
            if line.indent == 0 && line.entry == selected {
                style = style.patch(theme.selected);
            }
            put_line(buf, inner, y, line, style, wide);
        }
    }
}

pub fn outline(app: &App, buf: &mut Buffer, theme: &Theme, entries: &[usize], selected: usize) {
    let wide = app.options.ambiguous_wide;
    let want_w = app.width.saturating_sub(4).min(100);
    let inner = popup(app, buf, theme, strings::OUTLINE_TITLE, want_w, app.height);
    // One line per entry: only the screenful that shows `selected` is
    // formatted (a document 1000 times the embedded one has 72 000 entries,
    // and formatting them all took 90 ms a frame). The window is the one
    // `draw_lines` would scroll to.
    let height = usize::from(inner.height);
    let offset = if selected < entries.len() && selected >= height {
        selected + 1 - height
    } else {
        0
    };
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(entry, &row)| {
            let id = &app.pair.rows[row].id;
            let head = |lang| {
                app.pair
                    .clause(row, lang)
                    .map(|c| {
                        c.text
                            .lead()
                            .map_or_else(|| app.preview(row, lang, 16), str::to_owned)
                    })
                    .unwrap_or_default()
            };
            let label = id.label();
            let text = format!("{label:<6} {}  /  {}", head(Lang::Zh), head(Lang::En));
            plain_line(
                truncate(&text, usize::from(want_w.saturating_sub(3)), wide),
                theme.popup,
                1,
                entry,
            )
        })
        .collect();
    draw_lines(app, buf, inner, &lines, Some(selected), theme);
}

pub fn help(app: &App, buf: &mut Buffer, theme: &Theme, scroll: usize) {
    let mut lines: Vec<Line> = Vec::new();
    let mut context: Option<Context> = None;
    for binding in KEYMAP {
        if context != Some(binding.context) {
            if context.is_some() {
                lines.push(plain_line(String::new(), theme.popup, 0, 0));
            }
            context = Some(binding.context);
            lines.push(plain_line(
                binding.context.title().to_owned(),
                theme.lead,
                1,
                0,
            ));
        }
        lines.push(plain_line(
            format!("{:<14}{}", binding.label, binding.help),
            theme.popup,
            3,
            0,
        ));
    }
    lines.push(plain_line(String::new(), theme.popup, 0, 0));
    lines.push(plain_line(
        "Prompts: Left/Right, Home/End, Backspace, Ctrl-u, Ctrl-w, Enter, Esc".to_owned(),
        theme.dim,
        1,
        0,
    ));
    let want_w = app.width.saturating_sub(4).min(80);
    let inner = popup(app, buf, theme, strings::HELP_TITLE, want_w, app.height);
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = scroll.min(max_scroll);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
    draw_lines(app, buf, inner, &visible, None, theme);
}

/// `2026-11-30` from Unix seconds (proleptic Gregorian, UTC).
pub fn date(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    // Days to civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

pub fn bookmarks(
    app: &App,
    buf: &mut Buffer,
    theme: &Theme,
    selected: usize,
    editing: Option<&LineEditor>,
) -> Option<Position> {
    let wide = app.options.ambiguous_wide;
    let want_w = app.width.saturating_sub(4).min(110);
    let inner_w = usize::from(want_w.saturating_sub(3));
    let rows = bookmark_rows(app);
    let mut lines: Vec<Line> = Vec::new();
    if rows.is_empty() {
        lines.push(plain_line(
            strings::NO_BOOKMARKS.to_owned(),
            theme.dim,
            1,
            usize::MAX,
        ));
    }
    for (entry, (row, mark)) in rows.iter().enumerate() {
        let label = app.pair.rows[*row].id.label();
        // Notes come from a file on disk: sanitized like document text.
        let note = crate::text::sanitize(&mark.note);
        let head = format!("{label:<6} {}  {note}", date(mark.created));
        lines.push(plain_line(
            truncate(&head, inner_w, wide),
            theme.lead,
            1,
            entry,
        ));
        for lang in [Lang::Zh, Lang::En] {
            let text = app.preview(*row, lang, 60);
            lines.push(plain_line(
                truncate(&text, inner_w.saturating_sub(7), wide),
                theme.popup,
                8,
                entry,
            ));
        }
    }
    let extra = u16::from(editing.is_some()) * 2;
    let want_h = (lines.len() as u16).saturating_add(2 + extra);
    let inner = popup(app, buf, theme, strings::BOOKMARKS_TITLE, want_w, want_h);
    let list_area = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(extra),
    );
    draw_lines(app, buf, list_area, &lines, Some(selected), theme);
    let editor = editing?;
    let y = inner.y + inner.height.saturating_sub(1);
    let label = "Note: ";
    let lw = put_str(
        buf,
        inner.x + 1,
        y,
        inner.width.saturating_sub(1),
        label,
        theme.lead,
        wide,
    );
    let x = inner.x + 1 + lw;
    put_str(
        buf,
        x,
        y,
        inner.width.saturating_sub(1 + lw),
        editor.text(),
        theme.popup,
        wide,
    );
    let cursor = x + str_width(&editor.text()[..editor.cursor()], wide) as u16;
    Some(Position::new(
        cursor.min(inner.right().saturating_sub(1)),
        y,
    ))
}

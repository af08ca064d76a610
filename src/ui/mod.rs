//! Drawing the reader: a function of the app's state into a ratatui
//! `Buffer`. The terminal, `diglot render` and the snapshot tests all draw
//! through [`draw`].

pub mod draw;
mod popups;
mod reader;
mod status;
pub mod strings;
pub mod theme;

pub use popups::date;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::app::{App, Mode};
use draw::put_str;
use theme::Theme;

/// Draws the whole screen into `buf` (whose area is the screen). Returns
/// where the terminal cursor belongs when a prompt is open.
pub fn draw(app: &App, buf: &mut Buffer) -> Option<Position> {
    let area = buf.area;
    let theme = Theme::new(app.options.color);
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let geo = app.geometry();
    if !geo.usable() || area.width != app.width || area.height != app.height {
        too_small(buf, area, &theme, app.options.ambiguous_wide);
        return None;
    }
    reader::draw_title_bar(app, buf, &theme);
    reader::draw_body(app, buf, &theme);
    let cursor = status::draw_status(app, buf, &theme);
    match &app.mode {
        Mode::Footnotes { markers, selected } => {
            popups::footnotes(app, buf, &theme, markers, *selected);
        }
        Mode::Outline { entries, selected } => {
            popups::outline(app, buf, &theme, entries, *selected);
        }
        Mode::Help { scroll } => popups::help(app, buf, &theme, *scroll),
        Mode::Bookmarks {
            selected, editing, ..
        } => {
            return popups::bookmarks(app, buf, &theme, *selected, editing.as_ref());
        }
        Mode::Normal | Mode::Goto(_) | Mode::Command(_) | Mode::Search { .. } => {}
    }
    cursor
}

fn too_small(buf: &mut Buffer, area: Rect, theme: &Theme, ambiguous_wide: bool) {
    let lines = [strings::TOO_SMALL, strings::TOO_SMALL_HINT];
    for (i, line) in lines.iter().enumerate() {
        let y = area.y + i as u16;
        if y < area.bottom() {
            put_str(buf, area.x, y, area.width, line, theme.base, ambiguous_wide);
        }
    }
}

/// Draws the app into a fresh buffer of its size and returns it as text.
pub fn render_text(app: &App) -> String {
    let mut buf = Buffer::empty(Rect::new(0, 0, app.width, app.height));
    draw(app, &mut buf);
    draw::buffer_text(&buf)
}

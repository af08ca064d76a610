//! `update(&mut App, Event) -> Vec<Effect>`: every key, mouse event, paste
//! and resize goes through here. Tests drive it directly.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::{Action, Effect};
use super::bookmarks::{bookmarks_key, copy, open_bookmarks, toggle_bookmark};
use super::editor::LineEditor;
use super::keymap::{Context, lookup};
use super::search_prompt::{run_search, search_key, step_hit};
use super::state::{App, Mode};
use super::viewport::ScrollAnchor;
use crate::align::Resolved;
use crate::doc::Target;

/// Something that happened to the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// Bracketed paste (also how some IMEs deliver composed text).
    Paste(String),
    Resize(u16, u16),
}

/// Lines a mouse wheel notch scrolls.
const WHEEL_LINES: isize = 3;

pub fn update(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Resize(width, height) => {
            app.width = width;
            app.height = height;
            app.anchor = app.viewport().reveal(clamp_row(app, app.anchor), app.focus);
            Vec::new()
        }
        Event::Paste(text) => {
            paste(app, &text);
            Vec::new()
        }
        Event::Mouse(mouse) => {
            mouse_event(app, mouse);
            Vec::new()
        }
        Event::Key(key) => {
            if key.kind == KeyEventKind::Release {
                return Vec::new();
            }
            app.message = None;
            key_event(app, key)
        }
    }
}

fn clamp_row(app: &App, anchor: ScrollAnchor) -> ScrollAnchor {
    ScrollAnchor {
        row: anchor.row.min(app.row_count().saturating_sub(1)),
        line: anchor.line,
    }
}

fn key_event(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return vec![Effect::Save, Effect::Quit];
    }
    match std::mem::replace(&mut app.mode, Mode::Normal) {
        Mode::Normal => normal_key(app, key),
        Mode::Goto(editor) => {
            goto_key(app, editor, key);
            Vec::new()
        }
        Mode::Command(editor) => command_key(app, editor, key),
        Mode::Search { editor, before } => {
            search_key(app, editor, before, key);
            Vec::new()
        }
        Mode::Footnotes { markers, selected } => {
            let n = markers.len().max(1);
            match lookup(Context::Footnotes, &key) {
                Some(Action::SelectNext) => {
                    app.mode = Mode::Footnotes {
                        markers,
                        selected: (selected + 1) % n,
                    };
                }
                Some(Action::SelectPrev) => {
                    app.mode = Mode::Footnotes {
                        markers,
                        selected: (selected + n - 1) % n,
                    };
                }
                Some(Action::Close) => {}
                _ => app.mode = Mode::Footnotes { markers, selected },
            }
            Vec::new()
        }
        Mode::Outline { entries, selected } => {
            outline_key(app, entries, selected, key);
            Vec::new()
        }
        Mode::Bookmarks {
            selected,
            undo,
            editing,
        } => bookmarks_key(app, selected, undo, editing, key),
        Mode::Help { scroll } => {
            match lookup(Context::Help, &key) {
                Some(Action::ScrollLines(d)) => {
                    app.mode = Mode::Help {
                        scroll: scroll.saturating_add_signed(d),
                    };
                }
                Some(Action::Close) => {}
                _ => app.mode = Mode::Help { scroll },
            }
            Vec::new()
        }
    }
}

fn normal_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if let KeyCode::Char(c @ '0'..='9') = key.code
        && !key.modifiers.contains(KeyModifiers::CONTROL)
    {
        app.mode = Mode::Goto(LineEditor::new(&c.to_string()));
        return Vec::new();
    }
    match lookup(Context::Reader, &key) {
        Some(action) => perform(app, action),
        None => Vec::new(),
    }
}

/// Carries out a reader action.
pub fn perform(app: &mut App, action: Action) -> Vec<Effect> {
    let body = app.geometry().body_height.max(1) as isize;
    match action {
        Action::ScrollLines(n) => scroll(app, n),
        Action::HalfPage(dir) => scroll(app, dir * (body / 2).max(1)),
        Action::Page(dir) => scroll(app, dir * (body - 1).max(1)),
        Action::Top => {
            app.anchor = ScrollAnchor::default();
            app.focus = 0;
        }
        Action::Bottom => {
            app.anchor = app.viewport().max_anchor();
            app.focus = app.row_count().saturating_sub(1);
        }
        Action::NextClause => {
            if app.focus + 1 < app.row_count() {
                focus_row(app, app.focus + 1);
            }
        }
        Action::PrevClause => {
            if app.focus > 0 {
                focus_row(app, app.focus - 1);
            }
        }
        Action::StartGoto => app.mode = Mode::Goto(LineEditor::default()),
        Action::CommandLine => app.mode = Mode::Command(LineEditor::default()),
        Action::Footnotes => {
            let markers = app.pair.row_footnotes(app.focus);
            if markers.is_empty() {
                app.message = Some("This clause has no footnotes".to_owned());
            } else {
                app.mode = Mode::Footnotes {
                    markers,
                    selected: 0,
                };
            }
        }
        Action::Search => {
            app.prepare_search_index();
            app.mode = Mode::Search {
                editor: LineEditor::default(),
                before: (app.anchor, app.focus),
            };
        }
        Action::SearchNext => step_hit(app, true),
        Action::SearchPrev => step_hit(app, false),
        Action::ToggleBookmark => return toggle_bookmark(app),
        Action::BookmarkList => open_bookmarks(app),
        Action::CycleLayout => {
            app.layout = app.layout.next();
            let drawn = app.geometry().layout;
            app.message = Some(if drawn == app.layout {
                format!("Layout: {}", app.layout.name())
            } else {
                format!(
                    "Layout: {} (drawn {}: terminal too narrow)",
                    app.layout.name(),
                    drawn.name()
                )
            });
            app.anchor = app.viewport().reveal(app.anchor, app.focus);
        }
        Action::Swap => {
            app.swapped = !app.swapped;
            // The columns trade widths, so bands may change height.
            app.anchor = app.viewport().reveal(app.anchor, app.focus);
            app.message = Some(if app.swapped {
                "English first".to_owned()
            } else {
                "Chinese first".to_owned()
            });
        }
        Action::Outline => {
            let entries = app.outline_rows();
            let selected = entries.iter().rposition(|&r| r <= app.focus).unwrap_or(0);
            app.mode = Mode::Outline { entries, selected };
        }
        Action::Copy => return copy(app),
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::Quit => return vec![Effect::Save, Effect::Quit],
        Action::Suspend => return vec![Effect::Suspend],
        Action::SelectNext
        | Action::SelectPrev
        | Action::Activate
        | Action::Delete
        | Action::Undo
        | Action::EditNote
        | Action::Close => {}
    }
    Vec::new()
}

fn scroll(app: &mut App, lines: isize) {
    let vp = app.viewport();
    app.anchor = vp.scroll(app.anchor, lines);
    keep_focus_on_screen(app, lines >= 0);
}

/// After a scroll, a focus that left the screen moves to the nearest band
/// that starts on screen.
fn keep_focus_on_screen(app: &mut App, moved_down: bool) {
    let visible = app.visible();
    let body = app.geometry().body_height as isize;
    let on_screen = |v: &super::viewport::VisibleBand| v.y >= 0 && v.y < body;
    if visible.iter().any(|v| {
        v.row == app.focus && (on_screen(v) || v.y < 0 && v.y + v.band.height as isize > 0)
    }) {
        return;
    }
    let pick = if moved_down {
        visible.iter().find(|v| on_screen(v))
    } else {
        visible.iter().rev().find(|v| on_screen(v))
    };
    if let Some(v) = pick.or_else(|| visible.first()) {
        app.focus = v.row;
    }
}

fn focus_row(app: &mut App, row: usize) {
    app.focus = row;
    app.anchor = app.viewport().reveal(app.anchor, row);
}

/// Puts a row at the top of the screen and focuses it.
pub fn jump(app: &mut App, row: usize) {
    app.focus = row.min(app.row_count().saturating_sub(1));
    let vp = app.viewport();
    app.anchor = vp.scroll(
        ScrollAnchor {
            row: app.focus,
            line: 0,
        },
        0,
    );
}

/// Goes to what the user typed, or says why not (never moving).
fn go_to(app: &mut App, input: &str) {
    let target: Target = match input.parse() {
        Ok(t) => t,
        Err(e) => {
            app.message = Some(e.to_string());
            return;
        }
    };
    match app.pair.resolve(&target) {
        Ok(Resolved::Row(row)) => jump(app, row),
        Ok(Resolved::Footnote(marker)) => {
            app.mode = Mode::Footnotes {
                markers: vec![marker],
                selected: 0,
            };
        }
        Err(e) => app.message = Some(e.to_string()),
    }
}

/// Editing keys common to every prompt. Returns false for keys it does
/// not handle.
pub(super) fn edit(editor: &mut LineEditor, key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => editor.kill_to_start(),
        KeyCode::Char('w') if ctrl => editor.kill_word(),
        KeyCode::Char('k') if ctrl => editor.kill_to_end(),
        KeyCode::Char('a') if ctrl => editor.home(),
        KeyCode::Char('e') if ctrl => editor.end(),
        KeyCode::Char(c) if !ctrl => editor.insert(c.encode_utf8(&mut [0; 4])),
        KeyCode::Backspace => editor.backspace(),
        KeyCode::Delete => editor.delete(),
        KeyCode::Left => editor.left(),
        KeyCode::Right => editor.right(),
        KeyCode::Home => editor.home(),
        KeyCode::End => editor.end(),
        _ => return false,
    }
    true
}

fn goto_key(app: &mut App, mut editor: LineEditor, key: KeyEvent) {
    match key.code {
        KeyCode::Esc => {}
        KeyCode::Enter => go_to(app, editor.text()),
        KeyCode::Backspace if editor.text().chars().count() <= 1 => {}
        _ => {
            edit(&mut editor, key);
            app.mode = Mode::Goto(editor);
        }
    }
}

fn command_key(app: &mut App, mut editor: LineEditor, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => {}
        KeyCode::Backspace if editor.is_empty() => {}
        KeyCode::Enter => {
            let input = editor.text().trim().to_owned();
            match input.as_str() {
                "" => {}
                "q" | "quit" | "q!" | "wq" | "x" => return vec![Effect::Save, Effect::Quit],
                "help" | "h" => app.mode = Mode::Help { scroll: 0 },
                // A hidden trigger, in debug builds only, for the end-to-end
                // test that a panic leaves the terminal restored.
                "__panic" if cfg!(debug_assertions) => panic!("panic requested with :__panic"),
                _ => go_to(app, &input),
            }
        }
        _ => {
            edit(&mut editor, key);
            app.mode = Mode::Command(editor);
        }
    }
    Vec::new()
}

fn paste(app: &mut App, text: &str) {
    match &mut app.mode {
        Mode::Goto(editor)
        | Mode::Command(editor)
        | Mode::Bookmarks {
            editing: Some(editor),
            ..
        } => editor.insert(text),
        Mode::Search { editor, .. } => {
            editor.insert(text);
            let query = editor.text().to_owned();
            run_search(app, &query);
        }
        _ => {}
    }
}

fn mouse_event(app: &mut App, mouse: MouseEvent) {
    if app.mode != Mode::Normal {
        return;
    }
    match mouse.kind {
        MouseEventKind::ScrollDown => scroll(app, WHEEL_LINES),
        MouseEventKind::ScrollUp => scroll(app, -WHEEL_LINES),
        MouseEventKind::Down(MouseButton::Left) => {
            let geo = app.geometry();
            let Some(y) = mouse.row.checked_sub(geo.body_top) else {
                return;
            };
            if y >= geo.body_height {
                return;
            }
            let y = y as isize;
            let hit = app
                .visible()
                .into_iter()
                .find(|v| y >= v.y && y < v.y + v.band.height as isize);
            if let Some(v) = hit {
                app.focus = v.row;
            }
        }
        _ => {}
    }
}

fn outline_key(app: &mut App, entries: Vec<usize>, selected: usize, key: KeyEvent) {
    let n = entries.len();
    let page = usize::from(app.height.saturating_sub(6)).max(1);
    let selected = match lookup(Context::Outline, &key) {
        Some(Action::SelectNext) => (selected + 1).min(n.saturating_sub(1)),
        Some(Action::SelectPrev) => selected.saturating_sub(1),
        Some(Action::Page(d)) if d > 0 => (selected + page).min(n.saturating_sub(1)),
        Some(Action::Page(_)) => selected.saturating_sub(page),
        Some(Action::Activate) => {
            if let Some(&row) = entries.get(selected) {
                jump(app, row);
            }
            return;
        }
        Some(Action::Close) => return,
        _ => selected,
    };
    app.mode = Mode::Outline { entries, selected };
}

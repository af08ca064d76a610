//! Bookmarks (`m`, the `'` list with its note editor) and copying (`y`).

use std::fmt::Write as _;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::{Action, Effect};
use super::editor::LineEditor;
use super::keymap::{Context, lookup};
use super::state::{App, Mode};
use super::update::{edit, jump};
use crate::align::Resolved;
use crate::doc::{Lang, Target};

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

pub(super) fn toggle_bookmark(app: &mut App) -> Vec<Effect> {
    let Some(row) = app.pair.rows.get(app.focus) else {
        return Vec::new();
    };
    let clause = row.id.to_string();
    let label = row.id.citation();
    let Some(store) = app.store.as_mut() else {
        app.message = Some("Bookmarks are unavailable: no data directory".to_owned());
        return Vec::new();
    };
    let on = store.toggle(&app.pair.id, &clause, now());
    app.message = Some(if on {
        format!("Bookmarked {label}")
    } else {
        format!("Bookmark removed from {label}")
    });
    vec![Effect::Save]
}

/// The bookmarks of this document, in list order: (row, bookmark).
pub fn bookmark_rows(app: &App) -> Vec<(usize, crate::store::Bookmark)> {
    let Some(store) = &app.store else {
        return Vec::new();
    };
    let mut out: Vec<(usize, crate::store::Bookmark)> = store
        .bookmarks()
        .iter()
        .filter(|b| b.doc == app.pair.id)
        .filter_map(|b| {
            let target: Target = b.clause.parse().ok()?;
            match app.pair.resolve(&target).ok()? {
                Resolved::Row(row) => Some((row, b.clone())),
                Resolved::Footnote(_) => None,
            }
        })
        .collect();
    out.sort_by_key(|(row, _)| *row);
    out
}

pub(super) fn open_bookmarks(app: &mut App) {
    if app.store.is_none() {
        app.message = Some("Bookmarks are unavailable: no data directory".to_owned());
        return;
    }
    let rows = bookmark_rows(app);
    let selected = rows.iter().position(|(r, _)| *r >= app.focus).unwrap_or(0);
    app.mode = Mode::Bookmarks {
        selected,
        undo: None,
        editing: None,
    };
}

pub(super) fn bookmarks_key(
    app: &mut App,
    selected: usize,
    undo: Option<crate::store::Bookmark>,
    editing: Option<LineEditor>,
    key: KeyEvent,
) -> Vec<Effect> {
    let rows = bookmark_rows(app);
    if let Some(mut editor) = editing {
        match key.code {
            KeyCode::Esc => {
                app.mode = Mode::Bookmarks {
                    selected,
                    undo,
                    editing: None,
                }
            }
            KeyCode::Enter => {
                if let (Some((_, b)), Some(store)) = (rows.get(selected), app.store.as_mut()) {
                    store.set_note(&b.doc, &b.clause, editor.text().trim());
                    app.message = Some("Note saved".to_owned());
                }
                app.mode = Mode::Bookmarks {
                    selected,
                    undo,
                    editing: None,
                };
                return vec![Effect::Save];
            }
            _ => {
                edit(&mut editor, key);
                app.mode = Mode::Bookmarks {
                    selected,
                    undo,
                    editing: Some(editor),
                };
            }
        }
        return Vec::new();
    }
    let n = rows.len();
    let mut effects = Vec::new();
    let mut next = Mode::Bookmarks {
        selected,
        undo: undo.clone(),
        editing: None,
    };
    match lookup(Context::Bookmarks, &key) {
        Some(Action::SelectNext) => {
            next = Mode::Bookmarks {
                selected: (selected + 1).min(n.saturating_sub(1)),
                undo,
                editing: None,
            };
        }
        Some(Action::SelectPrev) => {
            next = Mode::Bookmarks {
                selected: selected.saturating_sub(1),
                undo,
                editing: None,
            };
        }
        Some(Action::Activate) => {
            if let Some((row, _)) = rows.get(selected) {
                jump(app, *row);
            }
            return Vec::new();
        }
        Some(Action::Delete) => {
            if let (Some((_, b)), Some(store)) = (rows.get(selected), app.store.as_mut()) {
                let removed = store.remove(&b.doc, &b.clause);
                app.message = Some("Bookmark deleted (u undoes)".to_owned());
                next = Mode::Bookmarks {
                    selected: selected.min(n.saturating_sub(2)),
                    undo: removed,
                    editing: None,
                };
                effects.push(Effect::Save);
            }
        }
        Some(Action::Undo) => {
            if let (Some(b), Some(store)) = (undo, app.store.as_mut()) {
                store.add(b);
                app.message = Some("Bookmark restored".to_owned());
                effects.push(Effect::Save);
            }
            next = Mode::Bookmarks {
                selected,
                undo: None,
                editing: None,
            };
        }
        Some(Action::EditNote) => {
            if let Some((_, b)) = rows.get(selected) {
                next = Mode::Bookmarks {
                    selected,
                    undo,
                    editing: Some(LineEditor::new(&b.note)),
                };
            }
        }
        Some(Action::Close) => return Vec::new(),
        _ => {}
    }
    app.mode = next;
    effects
}

/// The text `y` copies: both languages and the citation.
pub fn clause_for_copy(app: &App, row: usize) -> Option<String> {
    let r = app.pair.rows.get(row)?;
    let mut out = String::new();
    for lang in [Lang::Zh, Lang::En] {
        if let Some(clause) = app.pair.clause(row, lang) {
            let label = r.id.label();
            if !label.is_empty() {
                out.push_str(&label);
                out.push(' ');
            }
            out.push_str(&clause.text.text);
            out.push_str("\n\n");
        }
    }
    let _ = write!(
        out,
        "({}, {}; English: reference translation)",
        app.pair.symbol(),
        r.id.citation()
    );
    Some(out)
}

pub(super) fn copy(app: &mut App) -> Vec<Effect> {
    if !app.options.clipboard {
        app.message = Some("Copying is off (--no-clipboard)".to_owned());
        return Vec::new();
    }
    let Some(text) = clause_for_copy(app, app.focus) else {
        return Vec::new();
    };
    let citation = app
        .pair
        .rows
        .get(app.focus)
        .map(|r| r.id.citation())
        .unwrap_or_default();
    app.message = Some(format!(
        "Copied {}, {citation} (both languages)",
        app.pair.symbol()
    ));
    vec![Effect::Copy(text)]
}

//! The `/` prompt and `n`/`N`: incremental search over both languages.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::editor::LineEditor;
use super::state::{App, Mode, SearchState};
use super::update::edit;
use super::viewport::ScrollAnchor;

pub(super) fn search_key(
    app: &mut App,
    mut editor: LineEditor,
    before: (ScrollAnchor, usize),
    key: KeyEvent,
) {
    match key.code {
        KeyCode::Esc => {
            app.anchor = app.viewport().clamp(before.0);
            app.focus = before.1;
            app.search = SearchState::default();
        }
        KeyCode::Enter => {
            if editor.is_empty() {
                app.search = SearchState::default();
            } else if app.search.count == 0 {
                app.message = Some(format!("Not found: {}", editor.text()));
            }
        }
        _ => {
            if edit(&mut editor, key) {
                let query = editor.text().to_owned();
                app.mode = Mode::Search { editor, before };
                // Incremental: each version of the query searches from
                // where the reader was before `/`.
                app.anchor = app.viewport().clamp(before.0);
                app.focus = before.1;
                run_search(app, &query);
            } else {
                app.mode = Mode::Search { editor, before };
            }
        }
    }
}

/// Runs a query: counts its hits and moves to the first at or after the
/// focused clause. Costs a few scans of the folded index, never a list of
/// every hit.
pub fn run_search(app: &mut App, query: &str) {
    let focus = app.focus;
    let index = app.search_index();
    let count = index.count(query);
    let current = index.hit_from_row(query, focus, true).map(|(hit, _)| {
        let ordinal = index.hits_before(query, &hit);
        (hit, ordinal)
    });
    app.search = SearchState {
        query: query.to_owned(),
        count,
        current: None,
    };
    if let Some(current) = current {
        go_to_hit(app, current);
    }
}

fn go_to_hit(app: &mut App, (hit, ordinal): (crate::search::Hit, usize)) {
    if let Some(row) = hit.row {
        app.focus = row;
        app.anchor = app.viewport().reveal(app.anchor, row);
    }
    if let crate::search::Place::Footnote { marker_index } = hit.place {
        let marker = app
            .pair
            .doc(hit.lang)
            .footnotes
            .get(marker_index)
            .map(|f| f.marker.clone())
            .unwrap_or_default();
        app.message = Some(match hit.row {
            Some(_) => format!("Hit in footnote {marker} of this clause (f shows it)"),
            None => format!("Hit in footnote {marker}, which no clause refers to"),
        });
    }
    app.search.current = Some((hit, ordinal));
}

pub(super) fn step_hit(app: &mut App, forward: bool) {
    if app.search.count == 0 {
        app.message = Some(if app.search.query.is_empty() {
            "No search: press / to search".to_owned()
        } else {
            format!("Not found: {}", app.search.query)
        });
        return;
    }
    let Some(index) = app.search_index.as_ref() else {
        return;
    };
    let query = app.search.query.clone();
    let next = match &app.search.current {
        Some((hit, _)) => index.hit_after(&query, hit, forward),
        None => index.hit_from_row(&query, app.focus, forward),
    };
    let Some((hit, wrapped)) = next else { return };
    let ordinal = index.hits_before(&query, &hit);
    go_to_hit(app, (hit, ordinal));
    if wrapped {
        app.message = Some(if forward {
            "Search wrapped to the top".to_owned()
        } else {
            "Search wrapped to the bottom".to_owned()
        });
    }
}

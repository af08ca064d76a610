//! Two documents from one input, split at the first 0xFF byte (a byte that
//! never occurs in UTF-8, so both halves can be valid text): the Chinese
//! before it, the English after it. The first four bytes choose the screen:
//! width and height (down to 0×0, mostly small), the layout, swapped
//! columns, ambiguous width, and what happens between the 1–3 screens
//! drawn (page down, next clause, footnote popup, outline, end, help, a
//! search), and whether the terminal is resized (width and height swapped)
//! after each step.
//!
//! Aligning, the pair checks and drawing must never panic; every screen
//! drawn is exactly the size asked for.

#![no_main]

use diglot::align::{Pair, pair_problems};
use diglot::app::viewport::Layout;
use diglot::app::{App, Event, Options, update};
use diglot::doc::parse;
use libfuzzer_sys::fuzz_target;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Screen sizes: a byte picks one of these small edge cases, or any size
/// up to 250×80.
fn size(w: u8, h: u8) -> (u16, u16) {
    const SMALL: [u16; 8] = [0, 1, 2, 3, 5, 12, 19, 20];
    let pick = |b: u8, max: u16| {
        if b & 0x80 == 0 {
            SMALL[usize::from(b & 7)]
        } else {
            u16::from(b & 0x7f) * max / 127
        }
    };
    (pick(w, 250), pick(h, 80))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn key(app: &mut App, code: KeyCode) {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// `/`, a query pasted (the first two characters of the focused clause,
/// so it usually has hits), `Enter`, then `n`.
fn search(app: &mut App) {
    let query: String = app
        .pair
        .clause(app.focus, diglot::doc::Lang::Zh)
        .or_else(|| app.pair.clause(app.focus, diglot::doc::Lang::En))
        .map(|c| c.text.text.chars().take(2).collect())
        .unwrap_or_default();
    key(app, KeyCode::Char('/'));
    update(app, Event::Paste(query));
    key(app, KeyCode::Enter);
    key(app, KeyCode::Char('n'));
}

fn check_screen(app: &App) {
    let screen = diglot::ui::render_text(app);
    if app.width > 0 && app.height > 0 {
        let lines: Vec<&str> = screen.lines().collect();
        assert_eq!(lines.len(), usize::from(app.height), "{screen}");
    }
    // Nothing the terminal would obey can come from the documents.
    assert!(
        !screen
            .chars()
            .any(|c| c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))),
        "{screen:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let [w, h, flags, steps, rest @ ..] = data else {
        return;
    };
    let (zh, en) = match rest.iter().position(|&b| b == 0xff) {
        Some(at) => (text(&rest[..at]), text(&rest[at + 1..])),
        None => (text(rest), String::new()),
    };
    let pair = Pair::new(parse(&zh), parse(&en));
    let problems = pair_problems(&pair.zh, &pair.en, &pair.rows);
    // Every row has at least one side, and its index is in range.
    for row in &pair.rows {
        assert!(row.zh.is_some() || row.en.is_some(), "{row:?}");
        assert!(row.zh.is_none_or(|i| i < pair.zh.clauses.len()));
        assert!(row.en.is_none_or(|i| i < pair.en.clauses.len()));
    }
    let _ = problems;
    let layout = [Layout::Side, Layout::Stacked, Layout::Zh, Layout::En][usize::from(flags & 3)];
    let options = Options {
        ambiguous_wide: flags & 4 != 0,
        color: flags & 8 != 0,
        clipboard: false,
    };
    let (width, height) = size(*w, *h);
    let mut app = App::new(pair, options, layout, width, height);
    if flags & 16 != 0 {
        key(&mut app, KeyCode::Char('s'));
    }
    check_screen(&app);
    let screens = 1 + usize::from(steps & 3).min(2);
    for i in 1..screens {
        let code = match (steps >> (2 + 3 * (i - 1))) & 7 {
            0 | 1 => KeyCode::PageDown,
            2 => KeyCode::Char('}'),
            3 => KeyCode::Char('f'),
            4 => KeyCode::Char('t'),
            5 => KeyCode::End,
            6 => KeyCode::Char('?'),
            _ => {
                search(&mut app);
                check_screen(&app);
                continue;
            }
        };
        key(&mut app, code);
        if flags & 32 != 0 {
            // The terminal turned round: re-laid out at once.
            update(&mut app, Event::Resize(height, width));
        }
        check_screen(&app);
    }
});

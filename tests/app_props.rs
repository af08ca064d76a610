//! Random sequences of keys, mouse events, pastes and resizes (down to 0×0)
//! never panic and keep the reader's invariants.

use diglot::align::Pair;
use diglot::app::viewport::Layout;
use diglot::app::{App, Event, Options, update};
use proptest::prelude::*;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn event() -> impl Strategy<Value = Event> {
    let keys = prop::sample::select(vec![
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Char(' '),
        KeyCode::Char('b'),
        KeyCode::Char('g'),
        KeyCode::Char('G'),
        KeyCode::Char('}'),
        KeyCode::Char('{'),
        KeyCode::Char('1'),
        KeyCode::Char('2'),
        KeyCode::Char('a'),
        KeyCode::Char(':'),
        KeyCode::Char('p'),
        KeyCode::Char('f'),
        KeyCode::Char('n'),
        KeyCode::Char('/'),
        KeyCode::Char('m'),
        KeyCode::Char('\''),
        KeyCode::Char('l'),
        KeyCode::Char('s'),
        KeyCode::Char('t'),
        KeyCode::Char('y'),
        KeyCode::Char('?'),
        KeyCode::Char('e'),
        KeyCode::Char('d'),
        KeyCode::Char('u'),
        KeyCode::Char('洗'),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Backspace,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::F(1),
    ]);
    prop_oneof![
        8 => (keys, any::<bool>()).prop_map(|(code, ctrl)| {
            let mods = if ctrl && matches!(code, KeyCode::Char('d' | 'u' | 'w')) {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::NONE
            };
            Event::Key(KeyEvent::new(code, mods))
        }),
        1 => (0u16..250, 0u16..80).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => prop::sample::select(vec![0u16, 1, 2, 5, 12, 20]).prop_flat_map(|w| {
            prop::sample::select(vec![0u16, 1, 3, 5, 12]).prop_map(move |h| Event::Resize(w, h))
        }),
        1 => (0u16..200, 0u16..60, 0..3u8).prop_map(|(column, row, kind)| {
            let kind = match kind {
                0 => MouseEventKind::ScrollDown,
                1 => MouseEventKind::ScrollUp,
                _ => MouseEventKind::Down(MouseButton::Left),
            };
            Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
        }),
        1 => "[a-z0-9洗钱 \n]{0,8}".prop_map(Event::Paste),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_event_sequence_keeps_invariants(events in prop::collection::vec(event(), 1..60)) {
        let mut app = App::new(Pair::embedded(), Options::default(), Layout::Side, 100, 30);
        let rows = app.pair.rows.len();
        for event in events {
            let _ = update(&mut app, event);
            prop_assert!(app.focus < rows, "focus {} outside {rows}", app.focus);
            prop_assert!(app.anchor.row < rows, "anchor row {} outside", app.anchor.row);
            let max = app.viewport().max_anchor();
            prop_assert!((app.anchor.row, app.anchor.line) <= (max.row, max.line) || app.anchor.row == 0);
            let _ = diglot::ui::render_text(&app);
        }
    }
}

//! The reader's state machine, driven key by key without a terminal.
#![allow(clippy::unwrap_used)]

use diglot::align::Pair;
use diglot::app::viewport::Layout;
use diglot::app::{App, Effect, Event, Mode, Options, update};
use diglot::doc::ClauseId;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn app(width: u16, height: u16) -> App {
    App::new(
        Pair::embedded(),
        Options::default(),
        Layout::Side,
        width,
        height,
    )
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    update(
        app,
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn focused(app: &App) -> &ClauseId {
    &app.pair.rows[app.focus].id
}

fn row(app: &App, id: &ClauseId) -> usize {
    app.pair.row_of(id).unwrap()
}

#[test]
fn digits_then_enter_jump_to_operative_paragraph_at_top() {
    let mut a = app(120, 40);
    typed(&mut a, "12");
    assert!(matches!(&a.mode, Mode::Goto(e) if e.text() == "12"));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(focused(&a), &ClauseId::Op(12));
    assert_eq!(a.anchor.row, a.focus);
    assert_eq!(a.anchor.line, 0);
    assert_eq!(a.focus_label(), "OP 12/41");
}

#[test]
fn escape_cancels_the_goto_prompt_without_moving() {
    let mut a = app(120, 40);
    typed(&mut a, "30");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.focus, 0);
    assert_eq!(a.anchor.row, 0);
}

#[test]
fn command_line_takes_every_id_form() {
    let mut a = app(120, 40);
    for (input, want) in [
        ("pp5", ClauseId::Pp(5)),
        ("op12", ClauseId::Op(12)),
        ("41", ClauseId::Op(41)),
        ("title", ClauseId::Title),
    ] {
        key(&mut a, KeyCode::Char(':'));
        typed(&mut a, input);
        key(&mut a, KeyCode::Enter);
        assert_eq!(focused(&a), &want, "{input}");
    }
    key(&mut a, KeyCode::Char(':'));
    typed(&mut a, "fn7");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        a.mode,
        Mode::Footnotes {
            markers: vec!["7".into()],
            selected: 0
        }
    );
}

#[test]
fn unknown_ids_say_the_valid_range_and_do_not_move() {
    let mut a = app(120, 40);
    typed(&mut a, "7");
    key(&mut a, KeyCode::Enter);
    let (focus, anchor) = (a.focus, a.anchor);
    for input in ["99", "pp40", "fn20", "12z", "zz"] {
        key(&mut a, KeyCode::Char(':'));
        typed(&mut a, input);
        key(&mut a, KeyCode::Enter);
        let message = a.message.clone().unwrap_or_default();
        assert!(!message.is_empty(), "{input}: no message");
        assert_eq!(
            (a.focus, a.anchor),
            (focus, anchor),
            "{input} moved the view"
        );
        assert_eq!(a.mode, Mode::Normal);
    }
    key(&mut a, KeyCode::Char(':'));
    typed(&mut a, "99");
    key(&mut a, KeyCode::Enter);
    assert!(
        a.message.as_deref().unwrap().contains("1–41"),
        "{:?}",
        a.message
    );
}

#[test]
fn colon_q_quits_after_saving() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char(':'));
    typed(&mut a, "q");
    assert_eq!(
        key(&mut a, KeyCode::Enter),
        vec![Effect::Save, Effect::Quit]
    );
    let mut a = app(120, 40);
    assert_eq!(
        key(&mut a, KeyCode::Char('q')),
        vec![Effect::Save, Effect::Quit]
    );
    let mut a = app(120, 40);
    assert_eq!(ctrl(&mut a, 'c'), vec![Effect::Save, Effect::Quit]);
}

#[test]
fn next_and_previous_clause_move_focus_and_keep_it_visible() {
    let mut a = app(80, 24);
    for _ in 0..30 {
        key(&mut a, KeyCode::Char('}'));
        let visible = a.visible();
        let band = visible
            .iter()
            .find(|v| v.row == a.focus)
            .expect("focus on screen");
        assert!(band.y >= 0 || band.band.height as isize > a.geometry().body_height as isize);
    }
    assert_eq!(a.focus, 30);
    key(&mut a, KeyCode::Char('{'));
    assert_eq!(a.focus, 29);
}

#[test]
fn scrolling_keeps_focus_on_screen() {
    let mut a = app(80, 24);
    for code in [
        KeyCode::Char('j'),
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::Char(' '),
    ] {
        key(&mut a, code);
        assert!(a.visible().iter().any(|v| v.row == a.focus), "{code:?}");
    }
    ctrl(&mut a, 'd');
    assert!(a.visible().iter().any(|v| v.row == a.focus));
    ctrl(&mut a, 'u');
    key(&mut a, KeyCode::Char('b'));
    key(&mut a, KeyCode::Up);
    assert!(a.visible().iter().any(|v| v.row == a.focus));
}

#[test]
fn top_and_bottom() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('G'));
    assert_eq!(a.focus, a.pair.rows.len() - 1);
    assert_eq!(a.percent(), 100);
    // Scrolling further down does not move past the end.
    let end = a.anchor;
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::PageDown);
    assert_eq!(a.anchor, end);
    key(&mut a, KeyCode::Char('g'));
    assert_eq!((a.focus, a.anchor.row, a.anchor.line), (0, 0, 0));
    key(&mut a, KeyCode::End);
    assert_eq!(a.anchor, end);
    key(&mut a, KeyCode::Home);
    assert_eq!(a.anchor.row, 0);
}

#[test]
fn footnote_popup_on_paragraph_two_shows_footnote_one() {
    let mut a = app(120, 40);
    typed(&mut a, "2");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('f'));
    assert_eq!(
        a.mode,
        Mode::Footnotes {
            markers: vec!["1".into()],
            selected: 0
        }
    );
    for close in [KeyCode::Esc, KeyCode::Char('f'), KeyCode::Char('q')] {
        key(&mut a, KeyCode::Char('f'));
        key(&mut a, close);
        assert_eq!(a.mode, Mode::Normal, "{close:?}");
    }
    // pp2 references footnotes 1 and 2: Tab, j and k move between them.
    let pp2 = row(&a, &ClauseId::Pp(2));
    diglot::app::update::jump(&mut a, pp2);
    key(&mut a, KeyCode::Char('f'));
    key(&mut a, KeyCode::Tab);
    assert!(matches!(&a.mode, Mode::Footnotes { selected: 1, markers } if markers.len() == 2));
    key(&mut a, KeyCode::Char('j'));
    assert!(matches!(&a.mode, Mode::Footnotes { selected: 0, .. }));
    key(&mut a, KeyCode::Char('k'));
    assert!(matches!(&a.mode, Mode::Footnotes { selected: 1, .. }));
}

#[test]
fn a_clause_without_footnotes_says_so() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('f'));
    assert_eq!(a.mode, Mode::Normal);
    assert!(a.message.is_some());
}

#[test]
fn outline_jumps_to_the_chosen_entry() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('t'));
    let Mode::Outline { entries, selected } = a.mode.clone() else {
        panic!("no outline")
    };
    assert_eq!(selected, 0);
    for _ in 0..5 {
        key(&mut a, KeyCode::Char('j'));
    }
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.focus, entries[5]);
}

#[test]
fn layout_cycles_and_narrow_screens_stack() {
    let mut a = app(120, 40);
    assert_eq!(a.geometry().layout, Layout::Side);
    for want in [Layout::Stacked, Layout::Zh, Layout::En, Layout::Side] {
        key(&mut a, KeyCode::Char('l'));
        assert_eq!(a.geometry().layout, want);
    }
    update(&mut a, Event::Resize(40, 12));
    assert_eq!(a.geometry().layout, Layout::Stacked);
    update(&mut a, Event::Resize(120, 40));
    assert_eq!(a.geometry().layout, Layout::Side);
    key(&mut a, KeyCode::Char('s'));
    assert!(a.swapped);
}

#[test]
fn resizing_keeps_the_focused_clause_in_view() {
    let mut a = app(120, 40);
    typed(&mut a, "30");
    key(&mut a, KeyCode::Enter);
    for (w, h) in [(40, 12), (1, 1), (0, 0), (200, 60), (80, 24)] {
        update(&mut a, Event::Resize(w, h));
        let _ = diglot::ui::render_text(&a);
        if w >= 20 && h >= 5 {
            assert!(a.visible().iter().any(|v| v.row == a.focus), "{w}x{h}");
        }
    }
}

#[test]
fn help_opens_and_closes() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('?'));
    assert!(matches!(a.mode, Mode::Help { .. }));
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
    key(&mut a, KeyCode::F(1));
    assert!(matches!(a.mode, Mode::Help { .. }));
}

#[test]
fn copy_carries_both_languages_and_the_citation() {
    let mut a = app(120, 40);
    typed(&mut a, "12");
    key(&mut a, KeyCode::Enter);
    let effects = key(&mut a, KeyCode::Char('y'));
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(text.contains("12. 又请联合国"), "{text}");
    assert!(text.contains("12. Also requests"), "{text}");
    assert!(text.contains("A/RES/67/189, para. 12"), "{text}");
    let mut off = App::new(
        Pair::embedded(),
        Options {
            clipboard: false,
            ..Options::default()
        },
        Layout::Side,
        120,
        40,
    );
    assert!(key(&mut off, KeyCode::Char('y')).is_empty());
}

#[test]
fn mouse_wheel_scrolls_and_click_focuses() {
    let mut a = app(120, 40);
    let mouse = |kind, row| {
        Event::Mouse(MouseEvent {
            kind,
            column: 30,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let three_down = a.viewport().scroll(a.anchor, 3);
    update(&mut a, mouse(MouseEventKind::ScrollDown, 10));
    assert_eq!(a.anchor, three_down);
    assert_ne!((a.anchor.row, a.anchor.line), (0, 0));
    update(&mut a, mouse(MouseEventKind::ScrollUp, 10));
    assert_eq!((a.anchor.row, a.anchor.line), (0, 0));
    // Click on the band drawn at a screen row: it gets the focus.
    let target = a.visible()[3].clone();
    let y = (target.y + 1) as u16 + a.geometry().body_top;
    update(&mut a, mouse(MouseEventKind::Down(MouseButton::Left), y));
    assert_eq!(a.focus, target.row);
}

#[test]
fn paste_goes_into_the_prompt() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char(':'));
    update(&mut a, Event::Paste("pp7\n".into()));
    key(&mut a, KeyCode::Enter);
    assert_eq!(focused(&a), &ClauseId::Pp(7));
}

fn search(app: &mut App, query: &str) {
    key(app, KeyCode::Char('/'));
    typed(app, query);
}

#[test]
fn search_counts_moves_and_enter_keeps_it() {
    let mut a = app(120, 40);
    search(&mut a, "洗钱");
    assert!(matches!(a.mode, Mode::Search { .. }));
    // The count equals what `diglot search` reports: 5 hits (pp8, pp30, op14 ×3).
    assert_eq!(a.search.count, 5);
    assert_eq!(focused(&a), &ClauseId::Pp(8));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.search.query, "洗钱");
    let ordinal = |a: &App| a.search.current.as_ref().map(|(_, i)| *i);
    assert_eq!(ordinal(&a), Some(0));
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(focused(&a), &ClauseId::Pp(30));
    for _ in 0..3 {
        key(&mut a, KeyCode::Char('n'));
    }
    assert_eq!(focused(&a), &ClauseId::Op(14));
    assert_eq!(ordinal(&a), Some(4));
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(ordinal(&a), Some(0), "wraps to the first hit");
    assert!(a.message.as_deref().unwrap_or("").contains("wrapped"));
    key(&mut a, KeyCode::Char('N'));
    assert_eq!(ordinal(&a), Some(4), "N wraps back to the last");
    assert!(a.message.as_deref().unwrap_or("").contains("wrapped"));
}

#[test]
fn search_escape_restores_the_view_exactly() {
    let mut a = app(120, 40);
    typed(&mut a, "20");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('j'));
    let before = (a.anchor, a.focus);
    search(&mut a, "money");
    assert_ne!(
        (a.anchor, a.focus),
        before,
        "incremental search moved the view"
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!((a.anchor, a.focus), before);
    assert_eq!(a.mode, Mode::Normal);
    assert!(a.search.query.is_empty());
}

#[test]
fn search_folds_width_and_case_and_edits_like_a_line_editor() {
    let mut a = app(120, 40);
    search(&mut a, "６７／１８９");
    assert_eq!(focused(&a), &ClauseId::Title);
    assert_eq!(a.search.count, 2);
    // Ctrl-u clears, then a case-insensitive English query.
    ctrl(&mut a, 'u');
    typed(&mut a, "UNITED NATIONS OFFICE ON DRUGS");
    assert!(a.search.count > 10, "{}", a.search.count);
    ctrl(&mut a, 'w');
    let Mode::Search { editor, .. } = &a.mode else {
        panic!("prompt closed")
    };
    assert_eq!(editor.text(), "UNITED NATIONS OFFICE ON ");
    // Backspace and cursor keys edit by character, Chinese included.
    ctrl(&mut a, 'u');
    update(&mut a, Event::Paste("洗黑钱".into()));
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    let Mode::Search { editor, .. } = &a.mode else {
        panic!("prompt closed")
    };
    assert_eq!(editor.text(), "钱");
}

#[test]
fn search_in_footnote_text_focuses_the_referring_clause() {
    let mut a = app(120, 40);
    // "Treaty Series" is only in footnotes; footnote 1 is first referenced by pp2.
    search(&mut a, "Treaty Series");
    assert_eq!(focused(&a), &ClauseId::Pp(2));
    assert!(
        a.message.as_deref().unwrap_or("").contains("footnote 1"),
        "{:?}",
        a.message
    );
}

#[test]
fn n_without_a_search_says_so() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('n'));
    assert!(a.message.is_some());
    search(&mut a, "zzzzqqq");
    key(&mut a, KeyCode::Enter);
    assert!(a.message.as_deref().unwrap_or("").starts_with("Not found"));
}

fn app_with_store(dir: &std::path::Path) -> App {
    let mut a = app(120, 40);
    let (store, notice) = diglot::store::Store::open(dir);
    assert!(notice.is_none());
    a.store = Some(store);
    a
}

#[test]
fn m_toggles_a_bookmark_and_asks_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_store(dir.path());
    typed(&mut a, "12");
    key(&mut a, KeyCode::Enter);
    assert_eq!(key(&mut a, KeyCode::Char('m')), vec![Effect::Save]);
    assert!(a.is_bookmarked(a.focus));
    assert!(a.message.as_deref().unwrap().contains("para. 12"));
    key(&mut a, KeyCode::Char('m'));
    assert!(!a.is_bookmarked(a.focus));
    // Without a data directory the reader says so instead.
    let mut none = app(120, 40);
    assert!(key(&mut none, KeyCode::Char('m')).is_empty());
    assert!(none.message.is_some());
}

#[test]
fn bookmark_list_jumps_edits_deletes_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_store(dir.path());
    for target in ["5", "12", "30"] {
        typed(&mut a, target);
        key(&mut a, KeyCode::Enter);
        key(&mut a, KeyCode::Char('m'));
    }
    key(&mut a, KeyCode::Char('g'));
    key(&mut a, KeyCode::Char('\''));
    assert!(matches!(a.mode, Mode::Bookmarks { selected: 0, .. }));
    key(&mut a, KeyCode::Char('j'));
    // e: edit the note of paragraph 12, in Chinese and English.
    key(&mut a, KeyCode::Char('e'));
    update(&mut a, Event::Paste("法律援助".into()));
    typed(&mut a, " legal aid");
    key(&mut a, KeyCode::Backspace);
    assert_eq!(key(&mut a, KeyCode::Enter), vec![Effect::Save]);
    let store = a.store.as_ref().unwrap();
    assert_eq!(
        store.bookmark("A/RES/67/189", "op12").unwrap().note,
        "法律援助 legal ai"
    );
    // d deletes, u brings it back (note included).
    assert_eq!(key(&mut a, KeyCode::Char('d')), vec![Effect::Save]);
    assert!(
        a.store
            .as_ref()
            .unwrap()
            .bookmark("A/RES/67/189", "op12")
            .is_none()
    );
    assert_eq!(key(&mut a, KeyCode::Char('u')), vec![Effect::Save]);
    let restored = a
        .store
        .as_ref()
        .unwrap()
        .bookmark("A/RES/67/189", "op12")
        .unwrap();
    assert_eq!(restored.note, "法律援助 legal ai");
    // Enter jumps to the selected bookmark.
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(focused(&a), &ClauseId::Op(30));
}

#[test]
fn escape_in_the_note_editor_keeps_the_old_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_store(dir.path());
    key(&mut a, KeyCode::Char('m'));
    key(&mut a, KeyCode::Char('\''));
    key(&mut a, KeyCode::Char('e'));
    typed(&mut a, "draft");
    key(&mut a, KeyCode::Esc);
    assert!(matches!(a.mode, Mode::Bookmarks { editing: None, .. }));
    let b = &a.store.as_ref().unwrap().bookmarks()[0];
    assert_eq!(b.note, "");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn saving_to_an_unwritable_place_warns_once_and_keeps_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_store(dir.path());
    a.store
        .as_mut()
        .unwrap()
        .set_fail_writes_for_tests(Some(|| {
            std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device")
        }));
    key(&mut a, KeyCode::Char('m'));
    diglot::term::save(&mut a);
    let warning = a.message.clone().unwrap();
    assert!(warning.contains("kept in memory"), "{warning}");
    assert!(a.is_bookmarked(a.focus));
    a.message = None;
    key(&mut a, KeyCode::Char('}'));
    key(&mut a, KeyCode::Char('m'));
    a.message = None;
    diglot::term::save(&mut a);
    assert_eq!(a.message, None, "told only once");
    assert_eq!(a.store.as_ref().unwrap().bookmarks().len(), 2);
}

#[test]
fn swapping_columns_at_the_end_keeps_the_anchor_inside_the_document() {
    // Found by the event-sequence property test: the swapped columns trade
    // widths, bands change height, and the old anchor lay past the end.
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('s'));
    key(&mut a, KeyCode::Char('G'));
    update(&mut a, Event::Resize(72, 5));
    key(&mut a, KeyCode::Char('s'));
    let max = a.viewport().max_anchor();
    assert!(
        (a.anchor.row, a.anchor.line) <= (max.row, max.line),
        "{:?} > {max:?}",
        a.anchor
    );
}

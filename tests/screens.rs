//! Whole screens drawn by the reader's own code, compared as insta
//! snapshots (text), with styles asserted on the buffer itself.
#![allow(clippy::unwrap_used)]

use diglot::align::Pair;
use diglot::app::viewport::Layout;
use diglot::app::{App, Event, Options, update};
use diglot::doc::ClauseId;
use diglot::ui::{draw, render_text};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

fn app(width: u16, height: u16, layout: Layout) -> App {
    App::new(Pair::embedded(), Options::default(), layout, width, height)
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

fn buffer(app: &App) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, app.width, app.height));
    draw(app, &mut buf);
    buf
}

const LAYOUTS: [(Layout, &str); 4] = [
    (Layout::Side, "side"),
    (Layout::Stacked, "stacked"),
    (Layout::Zh, "zh"),
    (Layout::En, "en"),
];

#[test]
fn every_layout_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        for (layout, name) in LAYOUTS {
            let mut a = app(w, h, layout);
            keys(&mut a, "12\n");
            insta::assert_snapshot!(format!("{name}_{w}x{h}_op12"), render_text(&a));
        }
        let a = app(w, h, Layout::Side);
        insta::assert_snapshot!(format!("side_{w}x{h}_top"), render_text(&a));
    }
}

#[test]
fn popups_prompts_and_narrow_screens() {
    let mut a = app(120, 40, Layout::Side);
    keys(&mut a, "2\nf");
    insta::assert_snapshot!("footnote_popup_op2", render_text(&a));
    let mut a = app(120, 40, Layout::Side);
    keys(&mut a, ":pp2\nf\t");
    insta::assert_snapshot!("footnote_popup_pp2_second", render_text(&a));
    let mut a = app(120, 40, Layout::Side);
    keys(&mut a, ":fn6\n");
    insta::assert_snapshot!("footnote_popup_ibid", render_text(&a));
    let mut a = app(120, 40, Layout::Side);
    keys(&mut a, "t");
    insta::assert_snapshot!("outline", render_text(&a));
    let mut a = app(120, 40, Layout::Side);
    keys(&mut a, "?");
    insta::assert_snapshot!("help", render_text(&a));
    let mut a = app(120, 40, Layout::Side);
    keys(&mut a, "12");
    insta::assert_snapshot!("goto_prompt", render_text(&a));
    let mut a = app(120, 40, Layout::Side);
    keys(&mut a, ":99\n");
    insta::assert_snapshot!("unknown_paragraph_message", render_text(&a));
    let mut a = app(40, 12, Layout::Side);
    keys(&mut a, "12\n");
    insta::assert_snapshot!("narrow_40x12", render_text(&a));
    for (w, h) in [(19, 12), (40, 4), (1, 1)] {
        let a = app(w, h, Layout::Side);
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), render_text(&a));
    }
}

/// In side by side, every clause starts on the same screen row in both
/// columns: for each band on screen, both cells have text on its first row.
#[test]
fn clauses_start_on_the_same_row_in_both_columns() {
    for (w, h) in [(80, 24), (120, 40), (200, 60), (70, 30)] {
        let mut a = app(w, h, Layout::Side);
        for _ in 0..12 {
            let buf = buffer(&a);
            let geo = a.geometry();
            let [Some(left), Some(right)] = geo.columns else {
                panic!("not side by side")
            };
            for v in a.visible() {
                if v.y < 0 {
                    continue;
                }
                let y = geo.body_top + v.y as u16;
                let has_text =
                    |x0: u16, width: u16| (x0..x0 + width).any(|x| buf[(x, y)].symbol() != " ");
                assert!(
                    has_text(left.x, left.width),
                    "{w}x{h} row {} left empty at its top",
                    v.row
                );
                assert!(
                    has_text(right.x, right.width),
                    "{w}x{h} row {} right empty at its top",
                    v.row
                );
            }
            keys(&mut a, " ");
        }
    }
}

#[test]
fn styles_survive_on_screen() {
    let mut a = app(120, 40, Layout::Side);
    keys(&mut a, ":pp2\n");
    let buf = buffer(&a);
    let geo = a.geometry();
    let left = geo.columns[0].unwrap();
    let y = geo.body_top;
    // The lead phrase 又重申 is bold, in the focused band's colours.
    let lead = &buf[(left.x, y)];
    assert_eq!(lead.symbol(), "又");
    assert!(lead.modifier.contains(Modifier::BOLD));
    assert_eq!(lead.bg, Color::Indexed(236));
    // Footnote markers are drawn in their own style wherever they wrap.
    let mut markers = 0;
    for yy in y..y + 6 {
        for x in left.x..left.x + left.width {
            if buf[(x, yy)].symbol() == "[" {
                assert_eq!(buf[(x, yy)].fg, Color::Cyan, "marker at {x},{yy}");
                markers += 1;
            }
        }
    }
    assert_eq!(markers, 2, "pp2 shows footnotes [1] and [2]");
    // The gutter shows the focus.
    assert_eq!(buf[(0, y)].symbol(), ">");
    assert_eq!(a.pair.rows[a.focus].id, ClauseId::Pp(2));
}

#[test]
fn no_color_keeps_every_distinction_without_colours() {
    let mut a = App::new(
        Pair::embedded(),
        Options {
            color: false,
            ..Options::default()
        },
        Layout::Side,
        120,
        40,
    );
    keys(&mut a, ":pp2\n");
    let buf = buffer(&a);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    let lead = &buf[(a.geometry().columns[0].unwrap().x, 1)];
    assert!(lead.modifier.contains(Modifier::BOLD));
}

#[test]
fn search_hits_are_highlighted_in_both_columns() {
    let mut a = app(120, 40, Layout::Side);
    keys(&mut a, "/money-laundering\n");
    let buf = buffer(&a);
    insta::assert_snapshot!("search_money_laundering", render_text(&a));
    let hit_cells = buf
        .content()
        .iter()
        .filter(|c| c.bg == Color::Yellow || c.bg == Color::LightRed)
        .count();
    assert!(
        hit_cells >= "money-laundering".len(),
        "no highlighted hit on screen"
    );
    // Chinese hits in the left column.
    let mut a = app(120, 40, Layout::Side);
    keys(&mut a, "/洗钱\n");
    let buf = buffer(&a);
    insta::assert_snapshot!("search_xiqian", render_text(&a));
    let geo = a.geometry();
    let left = geo.columns[0].unwrap();
    let highlighted: String = (geo.body_top..geo.body_top + geo.body_height)
        .flat_map(|y| (left.x..left.x + left.width).map(move |x| (x, y)))
        .filter(|&(x, y)| matches!(buf[(x, y)].bg, Color::Yellow | Color::LightRed))
        .map(|(x, y)| buf[(x, y)].symbol().to_owned())
        .filter(|s| s != " ") // the second cells of wide characters
        .collect();
    assert!(highlighted.contains("洗钱"), "highlighted: {highlighted:?}");
    assert!(render_text(&a).contains("hit 1/5"));
}

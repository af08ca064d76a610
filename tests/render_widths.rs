//! `diglot render` at every width from 20 to 200: no line is wider than
//! the screen (measured with the same width tables the drawing uses), and
//! no wrapped Chinese line starts with closing punctuation.

use diglot::align::Pair;
use diglot::app::viewport::{Geometry, Layout, layout_band};
use diglot::app::{App, Options, update};
use diglot::doc::Lang;
use diglot::text::str_width;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const CLOSING: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '”', '’', '】', '〕',
];

fn goto(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        update(
            app,
            diglot::app::Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
    }
}

#[test]
fn no_rendered_line_is_wider_than_the_screen() {
    let pair = Pair::embedded();
    for width in 20..=200u16 {
        let mut cases = vec![
            (Layout::Side, false),
            (Layout::Stacked, false),
            (Layout::En, false),
        ];
        // Ambiguous-wide drawing at every fifth width.
        if width % 5 == 0 {
            cases.push((Layout::Side, true));
        }
        for (layout, ambiguous_wide) in cases {
            let options = Options {
                ambiguous_wide,
                ..Options::default()
            };
            let mut app = App::new(pair.clone(), options, layout, width, 30);
            for keys in ["", "12\n", "G"] {
                goto(&mut app, keys);
                let screen = diglot::ui::render_text(&app);
                for (i, line) in screen.lines().enumerate() {
                    let w = str_width(line, ambiguous_wide);
                    assert!(
                        w <= usize::from(width),
                        "width {width} {layout:?} after {keys:?}: line {i} is {w} columns:\n{line}"
                    );
                }
            }
        }
    }
}

#[test]
fn no_wrapped_chinese_line_starts_with_closing_punctuation() {
    let pair = Pair::embedded();
    for width in 20..=200u16 {
        for layout in [Layout::Side, Layout::Stacked] {
            let geo = Geometry::new(width, 30, layout, false, 7, false);
            for row in 0..pair.rows.len() {
                let band = layout_band(&pair, row, &geo);
                for cell in band
                    .cells
                    .iter()
                    .filter(|c| c.lang == Lang::Zh && c.present)
                {
                    let text = &pair
                        .clause(row, Lang::Zh)
                        .map(|c| c.text.text.clone())
                        .unwrap_or_default();
                    for line in cell.lines.iter().skip(1) {
                        let first = text[line.start..line.end].chars().next();
                        assert!(
                            !first.is_some_and(|c| CLOSING.contains(&c)),
                            "width {width} {layout:?} row {row}: line starts with {first:?}: {}",
                            &text[line.start..line.end]
                        );
                    }
                }
            }
        }
    }
}

//! The title bar and the document body: row bands with the gutter.

use ratatui::buffer::Buffer;

use super::draw::{Overlay, fill, put_str, put_text, truncate};
use super::strings;
use super::theme::Theme;
use crate::app::App;
use crate::app::viewport::{Layout, missing_text};
use crate::doc::{Lang, SpanKind};
use crate::search::Place;
use crate::text::str_width;

pub fn draw_title_bar(app: &App, buf: &mut Buffer, theme: &Theme) {
    let width = app.width;
    let wide = app.options.ambiguous_wide;
    fill(buf, 0, 0, width, 1, theme.title_bar);
    let geo = app.geometry();
    let right = if width >= 100 {
        strings::REFERENCE
    } else {
        strings::REFERENCE_SHORT
    };
    let right_w = if geo.layout == Layout::Zh {
        0
    } else {
        str_width(right, wide) as u16 + 1
    };
    let title_lang = if geo.layout == Layout::En {
        Lang::En
    } else {
        Lang::Zh
    };
    let title = app
        .pair
        .doc(title_lang)
        .meta
        .title
        .clone()
        .unwrap_or_default();
    let left = format!(" {}  {}", app.pair.symbol(), title);
    let room = width.saturating_sub(right_w + 1);
    let left = truncate(&left, usize::from(room), wide);
    put_str(buf, 0, 0, room, &left, theme.title_bar, wide);
    if right_w > 0 && width > right_w + 10 {
        put_str(
            buf,
            width - right_w,
            0,
            right_w,
            right,
            theme.title_bar,
            wide,
        );
    }
}

pub fn draw_body(app: &App, buf: &mut Buffer, theme: &Theme) {
    let geo = app.geometry();
    let wide = geo.ambiguous_wide;
    let top = geo.body_top as isize;
    let body = geo.body_height as isize;
    let rows_with_hits = |row: usize| app.search.hits.iter().any(|h| h.row == Some(row));
    for visible in app.visible() {
        let row = visible.row;
        let focused = row == app.focus;
        let band = &visible.band;
        let content_height = band.height.saturating_sub(1) as isize;
        if focused {
            for i in 0..content_height {
                let y = visible.y + i;
                if y >= 0 && y < body {
                    fill(buf, 0, (top + y) as u16, geo.width, 1, theme.focus_band);
                }
            }
        }
        // Gutter: focus mark, bookmark mark, label, on the band's first
        // visible line.
        let label_y = visible.y.max(0);
        if label_y < content_height + visible.y && label_y < body {
            let y = (top + label_y) as u16;
            let base = if focused {
                theme.focus_band
            } else {
                theme.base
            };
            if focused {
                put_str(buf, 0, y, 1, ">", theme.focus_label, wide);
            }
            if app.is_bookmarked(row) {
                put_str(buf, 1, y, 1, "*", theme.bookmark, wide);
            }
            let label = app.pair.rows[row].id.label();
            let label_style = if focused {
                theme.focus_label
            } else if rows_with_hits(row) {
                theme.hit
            } else {
                base.patch(theme.label)
            };
            let room = geo.gutter.saturating_sub(3);
            put_str(buf, 2, y, room, &label, label_style, wide);
        }
        for cell in &band.cells {
            let Some(column) = geo.columns[cell.column] else {
                continue;
            };
            let base = if focused {
                theme.focus_band
            } else {
                theme.base
            };
            if geo.layout == Layout::Stacked && cell.top > 0 {
                let y = visible.y + cell.top as isize;
                if y >= 0 && y < body {
                    put_str(
                        buf,
                        2,
                        (top + y) as u16,
                        geo.gutter.saturating_sub(3),
                        "EN",
                        base.patch(theme.dim),
                        wide,
                    );
                }
            }
            let clause = app.pair.clause(row, cell.lang);
            let (text, spans, hits) = match clause {
                Some(c) => (
                    c.text.text.as_str(),
                    span_overlays(&c.text.spans, theme),
                    hit_overlays(app, row, cell.lang, theme),
                ),
                None => (missing_text(cell.lang), Vec::new(), Vec::new()),
            };
            let style = if cell.present {
                base
            } else {
                base.patch(theme.missing)
            };
            for (i, line) in cell.lines.iter().enumerate() {
                let y = visible.y + (cell.top + i) as isize;
                if y < 0 || y >= body {
                    continue;
                }
                put_text(
                    buf,
                    column.x,
                    (top + y) as u16,
                    column.width,
                    text,
                    (line.start, line.end),
                    style,
                    &[&spans, &hits],
                    wide,
                );
            }
        }
    }
}

fn span_overlays(spans: &[crate::doc::Span], theme: &Theme) -> Vec<Overlay> {
    spans
        .iter()
        .map(|s| Overlay {
            start: s.start,
            end: s.end,
            style: match s.kind {
                SpanKind::Lead => theme.lead,
                SpanKind::Emphasis => theme.emphasis,
                SpanKind::FootnoteRef => theme.footnote,
            },
        })
        .collect()
}

fn hit_overlays(app: &App, row: usize, lang: Lang, theme: &Theme) -> Vec<Overlay> {
    app.search
        .hits
        .iter()
        .enumerate()
        .filter(|(_, h)| h.lang == lang && h.place == Place::Clause { row })
        .map(|(i, h)| Overlay {
            start: h.start,
            end: h.end,
            style: if Some(i) == app.search.current {
                theme.current_hit
            } else {
                theme.hit
            },
        })
        .collect()
}

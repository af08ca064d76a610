//! The title bar and the document body: row bands with the gutter.

use ratatui::buffer::Buffer;

use super::draw::{Overlay, fill, put_str, put_text, truncate};
use super::strings;
use super::theme::Theme;
use crate::app::App;
use crate::app::viewport::{Cell, Layout, VisibleBand, missing_text};
use crate::doc::{Lang, SpanKind};
use crate::search::{Hit, Place};
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
    let top = geo.body_top as isize;
    let body = geo.body_height as isize;
    let visible = app.visible();
    let rows = visible.first().map_or(0, |v| v.row)..visible.last().map_or(0, |v| v.row + 1);
    let hits = app.visible_hits(rows);
    for band in &visible {
        let focused = band.row == app.focus;
        let content_height = band.band.height.saturating_sub(1) as isize;
        if focused {
            for y in (band.y..band.y + content_height).filter(|y| (0..body).contains(y)) {
                fill(buf, 0, (top + y) as u16, geo.width, 1, theme.focus_band);
            }
        }
        let marked = !crate::search::row_range(&hits, band.row).is_empty();
        draw_gutter(app, buf, theme, band, marked);
        for cell in &band.band.cells {
            draw_cell(app, buf, theme, band, cell, &hits);
        }
    }
}

/// The gutter on a band's first visible line: focus mark, bookmark mark,
/// and the clause label (highlighted when the row has search hits in
/// either language).
fn draw_gutter(app: &App, buf: &mut Buffer, theme: &Theme, band: &VisibleBand, marked: bool) {
    let geo = app.geometry();
    let wide = geo.ambiguous_wide;
    let focused = band.row == app.focus;
    let content_height = band.band.height.saturating_sub(1) as isize;
    let label_y = band.y.max(0);
    if label_y >= band.y + content_height || label_y >= geo.body_height as isize {
        return;
    }
    let y = geo.body_top + label_y as u16;
    if focused {
        put_str(buf, 0, y, 1, ">", theme.focus_label, wide);
    }
    if app.is_bookmarked(band.row) {
        put_str(buf, 1, y, 1, "*", theme.bookmark, wide);
    }
    let label_style = if focused {
        theme.focus_label
    } else if marked {
        theme.hit
    } else {
        theme.base.patch(theme.label)
    };
    let label = app.pair.rows[band.row].id.label();
    put_str(
        buf,
        2,
        y,
        geo.gutter.saturating_sub(3),
        &label,
        label_style,
        wide,
    );
}

/// One language's text of a band, line by line, with its styles and hits.
fn draw_cell(
    app: &App,
    buf: &mut Buffer,
    theme: &Theme,
    band: &VisibleBand,
    cell: &Cell,
    hits: &[Hit],
) {
    let geo = app.geometry();
    let wide = geo.ambiguous_wide;
    let (top, body) = (geo.body_top as isize, geo.body_height as isize);
    let Some(column) = geo.columns[cell.column] else {
        return;
    };
    let row = band.row;
    let base = if row == app.focus {
        theme.focus_band
    } else {
        theme.base
    };
    if geo.layout == Layout::Stacked && cell.top > 0 {
        // The second language of a stacked band is tagged in the gutter.
        let y = band.y + cell.top as isize;
        if (0..body).contains(&y) {
            let tag = if cell.lang == Lang::En { "EN" } else { "ZH" };
            put_str(
                buf,
                2,
                (top + y) as u16,
                geo.gutter.saturating_sub(3),
                tag,
                base.patch(theme.dim),
                wide,
            );
        }
    }
    let (text, spans, hits) = match app.pair.clause(row, cell.lang) {
        Some(c) => (
            c.text.text.as_str(),
            span_overlays(&c.text.spans, theme),
            hit_overlays(app, hits, row, cell.lang, theme),
        ),
        None => (missing_text(cell.lang), Vec::new(), Vec::new()),
    };
    let style = if cell.present {
        base
    } else {
        base.patch(theme.missing)
    };
    for (i, line) in cell.lines.iter().enumerate() {
        let y = band.y + (cell.top + i) as isize;
        if (0..body).contains(&y) {
            let range = (line.start, line.end);
            put_text(
                buf,
                column.x,
                (top + y) as u16,
                column.width,
                text,
                range,
                style,
                &[&spans, &hits],
                wide,
            );
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

fn hit_overlays(app: &App, hits: &[Hit], row: usize, lang: Lang, theme: &Theme) -> Vec<Overlay> {
    let current = app.search.current.as_ref().map(|(hit, _)| hit);
    crate::search::hits_in(hits, row, lang)
        .filter(|h| h.place == Place::Clause { row })
        .map(|h| Overlay {
            start: h.start,
            end: h.end,
            style: if Some(h) == current {
                theme.current_hit
            } else {
                theme.hit
            },
        })
        .collect()
}

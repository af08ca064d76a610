//! Putting text into buffer cells ourselves, one grapheme cluster at a time,
//! with the same width function the layout engine wrapped with.
//!
//! ratatui's `Paragraph` breaks only at spaces, can write past its area and
//! measures ambiguous characters narrow whatever the terminal does; drawing
//! cell by cell avoids all three. A wide cluster's second cell is marked
//! `skip`, so ratatui never writes over its right half, even when the
//! cluster is ambiguous and ratatui itself thinks it narrow.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{clusters, grapheme_width};

/// A styled byte range over the text being drawn.
#[derive(Clone, Copy, Debug)]
pub struct Overlay {
    pub start: usize,
    pub end: usize,
    pub style: Style,
}

/// Draws `text[start..end]` at (x, y), at most `width` columns, patching
/// `base` with every overlay layer that covers a cluster (later layers win).
/// Returns the columns used.
#[allow(clippy::too_many_arguments)]
pub fn put_text(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    text: &str,
    range: (usize, usize),
    base: Style,
    layers: &[&[Overlay]],
    ambiguous_wide: bool,
) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.bottom() {
        return 0;
    }
    let limit = x.saturating_add(width).min(area.right());
    let (start, end) = range;
    let Some(slice) = text.get(start..end) else {
        return 0;
    };
    let mut cursors = vec![0usize; layers.len()];
    let mut col = x;
    let mut style = base;
    let mut next_change = 0;
    // The layout engine's cluster iterator: the same clusters and widths as
    // `grapheme_indices` and `grapheme_width`, without running the full
    // segmentation state machine for every CJK or ASCII character (that was
    // 40% of a redraw).
    for cluster in clusters(slice, ambiguous_wide) {
        let w = cluster.width as u16;
        if w == 0 {
            continue;
        }
        let (offset, g) = (cluster.pos, &slice[cluster.pos..cluster.pos + cluster.len]);
        if col + w > limit {
            break;
        }
        let at = start + offset;
        if at >= next_change {
            // No overlay starts or ends before `next_change`, so the style
            // (and every cursor) stays as it is until then.
            style = base;
            next_change = usize::MAX;
            for (layer, cursor) in layers.iter().zip(cursors.iter_mut()) {
                while *cursor < layer.len() && layer[*cursor].end <= at {
                    *cursor += 1;
                }
                // Overlays may overlap within a layer (hits never do, spans
                // never do), so the first covering one is the one.
                if let Some(o) = layer.get(*cursor) {
                    if o.start <= at {
                        style = style.patch(o.style);
                        next_change = next_change.min(o.end);
                    } else {
                        next_change = next_change.min(o.start);
                    }
                }
            }
        }
        put_cluster(buf, col, y, g, w, style);
        col += w;
    }
    col - x
}

/// Writes one cluster of width `w` (1 or 2) at (x, y).
pub fn put_cluster(buf: &mut Buffer, x: u16, y: u16, g: &str, w: u16, style: Style) {
    let Some(cell) = buf.cell_mut((x, y)) else {
        return;
    };
    cell.set_symbol(g).set_style(style);
    // Tell ratatui's diff the width we measured (it may think an ambiguous
    // cluster narrow) and never to write over the cluster's right half.
    cell.set_diff_option(match NonZeroU16::new(w) {
        Some(width) if w > 1 => CellDiffOption::ForcedWidth(width),
        _ => CellDiffOption::None,
    });
    if w == 2
        && let Some(next) = buf.cell_mut((x + 1, y))
    {
        next.reset();
        next.set_style(style);
        next.set_diff_option(CellDiffOption::Skip);
    }
}

/// Writes plain text, clipped to `width` columns; returns columns used.
pub fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    s: &str,
    style: Style,
    ambiguous_wide: bool,
) -> u16 {
    put_text(
        buf,
        x,
        y,
        width,
        s,
        (0, s.len()),
        style,
        &[],
        ambiguous_wide,
    )
}

/// Fills a rectangle with blanks in a style.
pub fn fill(buf: &mut Buffer, x: u16, y: u16, width: u16, height: u16, style: Style) {
    let area = buf.area;
    for row in y..y.saturating_add(height).min(area.bottom()) {
        for col in x..x.saturating_add(width).min(area.right()) {
            if let Some(cell) = buf.cell_mut((col, row)) {
                cell.reset();
                cell.set_style(style);
            }
        }
    }
}

/// Clears a popup's area so nothing of what is under it shows: also the
/// wide clusters cut by its left or right edge (ratatui#2526), which would
/// otherwise leave half a character on screen.
pub fn clear_popup(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    height: u16,
    style: Style,
    ambiguous_wide: bool,
) {
    let right = x.saturating_add(width);
    for row in y..y.saturating_add(height).min(buf.area.bottom()) {
        if x > buf.area.x
            && let Some(left) = buf.cell_mut((x - 1, row))
            && grapheme_width(left.symbol(), ambiguous_wide) > 1
        {
            left.reset();
        }
        if let Some(after) = buf.cell_mut((right, row))
            && after.diff_option == CellDiffOption::Skip
        {
            after.reset();
        }
    }
    fill(buf, x, y, width, height, style);
}

/// The buffer as plain text, one line per row, trailing spaces trimmed:
/// what `diglot render` prints and what snapshots hold.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        for x in area.left()..area.right() {
            let cell = &buf[(x, y)];
            if cell.diff_option == CellDiffOption::Skip {
                continue;
            }
            line.push_str(cell.symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Graphemes of `s` that fit in `width` columns, with "..." when cut.
pub fn truncate(s: &str, width: usize, ambiguous_wide: bool) -> String {
    let total = crate::text::str_width(s, ambiguous_wide);
    if total <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    let budget = width.saturating_sub(3);
    for g in s.graphemes(true) {
        let w = grapheme_width(g, ambiguous_wide);
        if used + w > budget {
            break;
        }
        used += w;
        out.push_str(g);
    }
    if width >= 3 {
        out.push_str("...");
    }
    out
}

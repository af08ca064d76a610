//! Where things go on the screen, in document coordinates.
//!
//! The scroll position is a [`ScrollAnchor`]: a row and a line inside its
//! band, never a line number of the whole document. Rows are wrapped lazily,
//! once per geometry, and cached; scrolling, jumping and drawing only touch
//! the rows on or next to the screen, so a keystroke costs the same on a
//! 50 MB document as on the embedded one.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::align::Pair;
use crate::doc::{Lang, RichText};
use crate::text::{self, Line, WrapOptions};

/// How the two languages are arranged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    Side,
    Stacked,
    Zh,
    En,
}

impl Layout {
    #[must_use]
    pub fn next(self) -> Layout {
        match self {
            Layout::Side => Layout::Stacked,
            Layout::Stacked => Layout::Zh,
            Layout::Zh => Layout::En,
            Layout::En => Layout::Side,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Layout::Side => "side by side",
            Layout::Stacked => "stacked",
            Layout::Zh => "Chinese only",
            Layout::En => "English only",
        }
    }
}

/// Below this width two columns are too narrow to read: side by side
/// becomes stacked.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 70;
/// Below this size the reader says so instead of drawing the document.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;

/// One text column on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Column {
    pub lang: Lang,
    pub x: u16,
    pub width: u16,
}

/// The screen's division for one size and layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Geometry {
    pub width: u16,
    pub height: u16,
    /// The layout actually drawn (side by side falls back to stacked when narrow).
    pub layout: Layout,
    pub gutter: u16,
    /// First screen row of the document body (under the title bar).
    pub body_top: u16,
    pub body_height: u16,
    /// One column, or two side by side (left first).
    pub columns: [Option<Column>; 2],
    pub ambiguous_wide: bool,
}

impl Geometry {
    pub fn new(
        width: u16,
        height: u16,
        layout: Layout,
        swapped: bool,
        gutter: u16,
        ambiguous_wide: bool,
    ) -> Geometry {
        let layout = if layout == Layout::Side && width < SIDE_BY_SIDE_MIN_WIDTH {
            Layout::Stacked
        } else {
            layout
        };
        let gutter = gutter.min(width / 4);
        let text_width = width.saturating_sub(gutter);
        let (first, second) = if swapped {
            (Lang::En, Lang::Zh)
        } else {
            (Lang::Zh, Lang::En)
        };
        let columns = match layout {
            Layout::Side => {
                // Two blank columns between the texts: a full Chinese line ends
                // flush with its column and would otherwise touch the English.
                let left = text_width.saturating_sub(2) / 2;
                let right = text_width.saturating_sub(2).saturating_sub(left);
                [
                    Some(Column {
                        lang: first,
                        x: gutter,
                        width: left,
                    }),
                    Some(Column {
                        lang: second,
                        x: gutter + left + 2,
                        width: right,
                    }),
                ]
            }
            Layout::Stacked => [
                Some(Column {
                    lang: first,
                    x: gutter,
                    width: text_width,
                }),
                None,
            ],
            Layout::Zh => [
                Some(Column {
                    lang: Lang::Zh,
                    x: gutter,
                    width: text_width,
                }),
                None,
            ],
            Layout::En => [
                Some(Column {
                    lang: Lang::En,
                    x: gutter,
                    width: text_width,
                }),
                None,
            ],
        };
        Geometry {
            width,
            height,
            layout,
            gutter,
            body_top: 1,
            body_height: height.saturating_sub(2),
            columns,
            ambiguous_wide,
        }
    }

    pub fn usable(&self) -> bool {
        self.width >= MIN_WIDTH && self.height >= MIN_HEIGHT
    }

    /// The languages drawn, in screen order (stacked: top first).
    pub fn langs(&self) -> Vec<Lang> {
        match self.layout {
            Layout::Side => self.columns.iter().flatten().map(|c| c.lang).collect(),
            Layout::Stacked => {
                let first = self.columns[0].map_or(Lang::Zh, |c| c.lang);
                vec![first, other(first)]
            }
            Layout::Zh => vec![Lang::Zh],
            Layout::En => vec![Lang::En],
        }
    }
}

pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

/// What one cell of a band shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub lang: Lang,
    /// Screen column to draw in (side by side) or the only column.
    pub column: usize,
    /// Line offset of the cell inside the band (stacked puts the second
    /// language under the first).
    pub top: usize,
    /// False when this side has no counterpart: `lines` then wrap the
    /// "missing" marker instead of clause text.
    pub present: bool,
    pub lines: Vec<Line>,
}

/// A row laid out for one geometry: its cells and its height in lines,
/// including the blank line that separates it from the next band.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    pub cells: Vec<Cell>,
    pub height: usize,
}

/// The text drawn where a clause has no counterpart.
pub fn missing_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（无中文对应条款）",
        Lang::En => "(no English counterpart)",
    }
}

/// Lays out one row. Pure; the cache below keeps the results.
pub fn layout_band(pair: &Pair, row: usize, geo: &Geometry) -> Band {
    let mut cells = Vec::new();
    let mut top = 0;
    let mut height = 0;
    for (index, lang) in geo.langs().into_iter().enumerate() {
        let column = if geo.layout == Layout::Side { index } else { 0 };
        let width = geo.columns[column].map_or(0, |c| usize::from(c.width));
        let opts = WrapOptions {
            width: width.max(1),
            ambiguous_wide: geo.ambiguous_wide,
        };
        let (present, lines) = match pair.clause(row, lang) {
            Some(clause) => (true, wrap_rich(&clause.text, opts)),
            None => (false, text::wrap(missing_text(lang), &[], opts)),
        };
        let n = lines.len().max(1);
        cells.push(Cell {
            lang,
            column,
            top,
            present,
            lines,
        });
        if geo.layout == Layout::Side {
            height = height.max(n);
        } else {
            top += n;
            height = top;
        }
    }
    Band {
        cells,
        height: height + 1,
    }
}

pub fn wrap_rich(rich: &RichText, opts: WrapOptions) -> Vec<Line> {
    text::wrap(&rich.text, &rich.glue(), opts)
}

/// Bands already laid out for the current geometry.
///
/// A map of the rows laid out, not a slot per row: starting over after a
/// resize then costs what was laid out, not what the document holds (a
/// slot per row made every resize of a 72 000-row pair allocate and drop
/// 72 000 of them).
#[derive(Debug, Default)]
pub struct BandCache {
    geometry: Option<Geometry>,
    rows: usize,
    bands: HashMap<usize, Rc<Band>>,
}

impl BandCache {
    pub fn band(&mut self, pair: &Pair, row: usize, geo: &Geometry) -> Rc<Band> {
        if self.geometry.as_ref() != Some(geo) || self.rows != pair.rows.len() {
            // Keyed on the whole geometry: a resize or layout change simply
            // starts a new cache; rows are re-wrapped as they come on screen.
            self.geometry = Some(*geo);
            self.rows = pair.rows.len();
            self.bands = HashMap::new();
        }
        if let Some(band) = self.bands.get(&row) {
            return Rc::clone(band);
        }
        let band = Rc::new(layout_band(pair, row, geo));
        if row < self.rows {
            self.bands.insert(row, Rc::clone(&band));
        }
        band
    }
}

/// The scroll position: this line of this row's band is the top body line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScrollAnchor {
    pub row: usize,
    pub line: usize,
}

/// A band that is (partly) on screen.
#[derive(Clone, Debug)]
pub struct VisibleBand {
    pub row: usize,
    /// Body line where the band's first line would be (negative when its
    /// top has scrolled off).
    pub y: isize,
    pub band: Rc<Band>,
}

/// The document geometry operations the app needs, over a cache.
pub struct Viewport<'a> {
    pub pair: &'a Pair,
    pub geo: Geometry,
    pub cache: &'a RefCell<BandCache>,
}

impl Viewport<'_> {
    pub fn height_of(&self, row: usize) -> usize {
        self.cache
            .borrow_mut()
            .band(self.pair, row, &self.geo)
            .height
    }

    fn rows(&self) -> usize {
        self.pair.rows.len()
    }

    fn body(&self) -> usize {
        usize::from(self.geo.body_height).max(1)
    }

    /// The furthest anchor: the last band's bottom at the screen bottom.
    pub fn max_anchor(&self) -> ScrollAnchor {
        let Some(mut row) = self.rows().checked_sub(1) else {
            return ScrollAnchor::default();
        };
        let body = self.body();
        // The last band's trailing blank line does not need to be shown.
        let mut total = self.height_of(row).saturating_sub(1);
        while total < body && row > 0 {
            row -= 1;
            total += self.height_of(row);
        }
        ScrollAnchor {
            row,
            line: total.saturating_sub(body),
        }
    }

    /// The anchor itself, or the furthest one when it lies past the end.
    pub fn clamp(&self, anchor: ScrollAnchor) -> ScrollAnchor {
        if self.rows() == 0 {
            return ScrollAnchor::default();
        }
        // Only bands from the anchor to a screen below are looked at.
        let body = self.body();
        let mut remaining = self.height_of(anchor.row).saturating_sub(anchor.line);
        let mut row = anchor.row;
        while remaining <= body && row + 1 < self.rows() {
            row += 1;
            remaining += self.height_of(row);
        }
        if row + 1 >= self.rows() && remaining.saturating_sub(1) < body {
            let max = self.max_anchor();
            if (anchor.row, anchor.line) > (max.row, max.line) {
                return max;
            }
        }
        let line = anchor
            .line
            .min(self.height_of(anchor.row).saturating_sub(1));
        ScrollAnchor {
            row: anchor.row,
            line,
        }
    }

    /// Moves the anchor by `delta` lines.
    pub fn scroll(&self, anchor: ScrollAnchor, delta: isize) -> ScrollAnchor {
        let mut a = anchor;
        if self.rows() == 0 {
            return a;
        }
        a.row = a.row.min(self.rows() - 1);
        if delta >= 0 {
            let mut left = delta.unsigned_abs();
            let max = self.max_anchor_cheap(a, left);
            while left > 0 {
                let h = self.height_of(a.row);
                let room = h - 1 - a.line.min(h - 1);
                if left <= room {
                    a.line += left;
                    left = 0;
                } else if a.row + 1 < self.rows() {
                    left -= room + 1;
                    a.row += 1;
                    a.line = 0;
                } else {
                    a.line = h - 1;
                    left = 0;
                }
                if let Some(max) = max
                    && (a.row, a.line) >= (max.row, max.line)
                {
                    return max;
                }
            }
            self.clamp(a)
        } else {
            let mut left = delta.unsigned_abs();
            while left > 0 {
                if left <= a.line {
                    a.line -= left;
                    left = 0;
                } else if a.row > 0 {
                    left -= a.line + 1;
                    a.row -= 1;
                    a.line = self.height_of(a.row) - 1;
                } else {
                    a.line = 0;
                    left = 0;
                }
            }
            a
        }
    }

    /// The max anchor, computed only when a scroll of `delta` from `a` can
    /// reach within a screen of the end (so a long scroll in the middle of
    /// a huge document never walks to its end).
    fn max_anchor_cheap(&self, a: ScrollAnchor, delta: usize) -> Option<ScrollAnchor> {
        let reach = delta + self.body() * 2;
        let mut total = self.height_of(a.row).saturating_sub(a.line);
        let mut row = a.row;
        while total <= reach {
            if row + 1 >= self.rows() {
                return Some(self.max_anchor());
            }
            row += 1;
            total += self.height_of(row);
        }
        None
    }

    /// The bands on screen for an anchor.
    pub fn visible(&self, anchor: ScrollAnchor) -> Vec<VisibleBand> {
        let mut out = Vec::new();
        let body = self.body() as isize;
        let mut y = -(anchor.line as isize);
        let mut row = anchor.row;
        while y < body && row < self.rows() {
            let band = self.cache.borrow_mut().band(self.pair, row, &self.geo);
            let h = band.height as isize;
            out.push(VisibleBand { row, y, band });
            y += h;
            row += 1;
        }
        out
    }

    /// An anchor that shows `row`: unchanged if the band is already fully
    /// on screen; otherwise the band's top at the top (moving up, or when
    /// it is taller than the screen) or its bottom at the bottom.
    pub fn reveal(&self, anchor: ScrollAnchor, row: usize) -> ScrollAnchor {
        let body = self.body();
        let h = self.height_of(row).saturating_sub(1).max(1);
        if (row, 0) < (anchor.row, anchor.line) || h >= body {
            return self.clamp(ScrollAnchor { row, line: 0 });
        }
        // Distance from the anchor to the band's bottom, bounded by a screen.
        let mut y = self.height_of(anchor.row) as isize - anchor.line as isize;
        let mut r = anchor.row + 1;
        if row == anchor.row {
            y = -(anchor.line as isize);
        } else {
            while r < row && y < body as isize * 2 {
                y += self.height_of(r) as isize;
                r += 1;
            }
            if r < row {
                // Far below: put it at the top.
                return self.clamp(ScrollAnchor { row, line: 0 });
            }
        }
        let bottom = y + h as isize;
        if y >= 0 && bottom <= body as isize {
            // Still clamped: after a resize or layout change the old anchor
            // may lie past the new end.
            self.clamp(anchor)
        } else {
            self.scroll(anchor, bottom - body as isize)
        }
    }
}

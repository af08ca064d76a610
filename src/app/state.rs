//! The reader's state. Knows nothing of the terminal: the shell feeds it
//! events through [`crate::app::update`] and draws it with [`crate::ui`].

use std::cell::RefCell;
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::align::Pair;
use crate::doc::{ClauseId, ClauseKind, Lang};
use crate::search::SearchIndex;

use super::editor::LineEditor;
use super::viewport::{BandCache, Geometry, Layout, ScrollAnchor, Viewport, VisibleBand};

/// Below this much text the search index is built in well under a
/// millisecond (about 1 ms per MB), less than handing it to a thread is
/// worth: the first search builds it.
const THREADED_INDEX_BYTES: usize = 1 << 20;

/// Choices fixed at start-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub ambiguous_wide: bool,
    pub color: bool,
    pub clipboard: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            ambiguous_wide: false,
            color: true,
            clipboard: true,
        }
    }
}

/// What has the keyboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Digits typed: "go to paragraph" with a preview.
    Goto(LineEditor),
    /// `:` command line.
    Command(LineEditor),
    /// `/` incremental search; remembers where the reader was for `Esc`.
    Search {
        editor: LineEditor,
        before: (ScrollAnchor, usize),
    },
    Footnotes {
        markers: Vec<String>,
        selected: usize,
    },
    Outline {
        entries: Vec<usize>,
        selected: usize,
    },
    Bookmarks {
        selected: usize,
        /// The last deleted bookmark, for `u`.
        undo: Option<crate::store::Bookmark>,
        /// `e`: the note being edited.
        editing: Option<LineEditor>,
    },
    Help {
        scroll: usize,
    },
}

/// The current search. Only the count and the current hit are kept: the
/// hits on screen are found when drawing (`App::visible_hits`), so a query
/// with millions of hits in a huge document costs no memory.
#[derive(Clone, Debug, Default)]
pub struct SearchState {
    pub query: String,
    /// How many hits the query has in the whole pair.
    pub count: usize,
    /// The current hit and its 0-based position in reading order.
    pub current: Option<(crate::search::Hit, usize)>,
}

pub struct App {
    /// Shared with the thread that builds the search index.
    pub pair: Arc<Pair>,
    pub options: Options,
    /// The layout chosen (side by side may be drawn stacked when narrow).
    pub layout: Layout,
    pub swapped: bool,
    pub width: u16,
    pub height: u16,
    pub anchor: ScrollAnchor,
    /// The focused row.
    pub focus: usize,
    pub mode: Mode,
    /// A transient message for the status line, cleared by the next key.
    pub message: Option<String>,
    pub search: SearchState,
    pub(crate) search_index: Option<SearchIndex>,
    /// The search index being built on a thread of its own (see
    /// [`App::prepare_search_index`]).
    index_build: Option<JoinHandle<SearchIndex>>,
    /// Bookmarks and positions, when a data directory is available.
    pub store: Option<crate::store::Store>,
    /// Saving has failed since it last worked, and the user was told; do
    /// not repeat it until a save has worked again.
    pub save_warned: bool,
    pub(crate) cache: RefCell<BandCache>,
    gutter: u16,
    op_count: u32,
    pp_count: u32,
    /// Bytes of clause text in both languages.
    text_bytes: usize,
}

impl App {
    pub fn new(pair: Pair, options: Options, layout: Layout, width: u16, height: u16) -> App {
        let label_width = pair
            .rows
            .iter()
            .map(|r| r.id.label().chars().count())
            .max()
            .unwrap_or(0)
            .min(8) as u16;
        let op_count = pair
            .rows
            .iter()
            .filter_map(|r| match r.id {
                ClauseId::Op(n) => Some(n),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let pp_count = pair
            .rows
            .iter()
            .filter(|r| matches!(r.id, ClauseId::Pp(_)))
            .count() as u32;
        let text_bytes = [&pair.zh, &pair.en]
            .iter()
            .flat_map(|doc| doc.clauses.iter().map(|c| c.text.text.len()))
            .sum();
        App {
            pair: Arc::new(pair),
            options,
            layout,
            swapped: false,
            width,
            height,
            anchor: ScrollAnchor::default(),
            focus: 0,
            mode: Mode::Normal,
            message: None,
            search: SearchState::default(),
            search_index: None,
            index_build: None,
            store: None,
            save_warned: false,
            cache: RefCell::new(BandCache::default()),
            // Focus mark, bookmark mark, label, one space.
            gutter: label_width + 3,
            op_count,
            pp_count,
            text_bytes,
        }
    }

    pub fn geometry(&self) -> Geometry {
        Geometry::new(
            self.width,
            self.height,
            self.layout,
            self.swapped,
            self.gutter,
            self.options.ambiguous_wide,
        )
    }

    pub fn viewport(&self) -> Viewport<'_> {
        Viewport {
            pair: &self.pair,
            geo: self.geometry(),
            cache: &self.cache,
        }
    }

    pub fn visible(&self) -> Vec<VisibleBand> {
        self.viewport().visible(self.anchor)
    }

    pub fn row_count(&self) -> usize {
        self.pair.rows.len()
    }

    /// `OP 12/41`, `PP 5/31`, `12(a)`, `TITLE` for the status line.
    pub fn focus_label(&self) -> String {
        let Some(row) = self.pair.rows.get(self.focus) else {
            return String::new();
        };
        match &row.id {
            ClauseId::Op(n) => format!("OP {n}/{}", self.op_count),
            ClauseId::Sub(..) => format!("OP {}/{}", row.id.label(), self.op_count),
            ClauseId::Pp(n) => format!("PP {n}/{}", self.pp_count),
            ClauseId::Title => "TITLE".to_owned(),
            ClauseId::Opening => "OPENING".to_owned(),
            ClauseId::Header(n) => format!("HEADER {n}"),
            ClauseId::Section(n) => format!("SECTION {n}"),
            ClauseId::Closing(_) => "CLOSING".to_owned(),
            ClauseId::Unplaced(n) => format!("UNPLACED {n}"),
        }
    }

    /// How far through the document the screen is, in percent.
    pub fn percent(&self) -> usize {
        let rows = self.row_count();
        if rows <= 1 {
            return 100;
        }
        let max = self.viewport().max_anchor();
        if (self.anchor.row, self.anchor.line) >= (max.row, max.line) {
            return 100;
        }
        self.anchor.row * 100 / (rows - 1)
    }

    pub fn is_bookmarked(&self, row: usize) -> bool {
        match (&self.store, self.pair.rows.get(row)) {
            (Some(store), Some(r)) => store.is_bookmarked(&self.pair.id, &r.id.to_string()),
            _ => false,
        }
    }

    /// Starts folding the pair into the search index on a thread of its
    /// own, unless it is built or being built. `/` calls it: on a pair 1000
    /// times the embedded one the index takes about 50 ms, which the first
    /// character typed would otherwise wait for in full. A pair under
    /// [`THREADED_INDEX_BYTES`] of text, or one where no thread can be
    /// started, has its index built by the first search.
    pub fn prepare_search_index(&mut self) {
        if self.search_index.is_some()
            || self.index_build.is_some()
            || self.text_bytes < THREADED_INDEX_BYTES
        {
            return;
        }
        let pair = Arc::clone(&self.pair);
        self.index_build = std::thread::Builder::new()
            .name("search index".to_owned())
            .spawn(move || SearchIndex::new(&pair))
            .ok();
    }

    /// The search index: the one built already, or the thread's once it is
    /// done, or one built here and now.
    pub(crate) fn search_index(&mut self) -> &SearchIndex {
        let build = self.index_build.take();
        let pair = &self.pair;
        self.search_index.get_or_insert_with(|| match build {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => SearchIndex::new(pair),
        })
    }

    /// The search hits in rows `rows` (what is on screen), in reading order.
    pub fn visible_hits(&self, rows: std::ops::Range<usize>) -> Vec<crate::search::Hit> {
        match &self.search_index {
            Some(index) if !self.search.query.is_empty() => {
                index.find_in_rows(&self.search.query, rows)
            }
            _ => Vec::new(),
        }
    }

    /// The lead phrase or first words of a clause, for lists and previews.
    pub fn preview(&self, row: usize, lang: Lang, max_chars: usize) -> String {
        let Some(clause) = self.pair.clause(row, lang) else {
            return String::new();
        };
        let text = &clause.text.text;
        let mut out: String = text
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c })
            .take(max_chars)
            .collect();
        if text.chars().nth(max_chars).is_some() {
            out.push_str("...");
        }
        out
    }

    /// Rows listed in the outline: everything but the opening line and
    /// unplaced blocks.
    pub fn outline_rows(&self) -> Vec<usize> {
        self.pair
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !matches!(r.id.kind(), ClauseKind::Opening | ClauseKind::Unplaced))
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update::{Event, update};
    use crate::doc::parse;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn typed(app: &mut App, keys: &str) {
        for c in keys.chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            update(app, Event::Key(key));
        }
    }

    #[test]
    fn a_search_on_the_index_built_by_a_thread_finds_what_a_search_here_finds() {
        let (zh, en) = crate::dev::scaled_pair(30);
        let pair = Pair::new(parse(&zh), parse(&en));
        let mut threaded = App::new(pair.clone(), Options::default(), Layout::Side, 120, 40);
        assert!(threaded.text_bytes >= THREADED_INDEX_BYTES);
        threaded.focus = pair.rows.len() / 2;
        typed(&mut threaded, "/");
        assert!(threaded.index_build.is_some());
        typed(&mut threaded, "money");
        let mut here = App::new(pair.clone(), Options::default(), Layout::Side, 120, 40);
        here.focus = pair.rows.len() / 2;
        crate::app::search_prompt::run_search(&mut here, "money");
        assert_eq!(threaded.search.count, 30 * 5);
        assert_eq!(threaded.search.count, here.search.count);
        assert_eq!(threaded.search.current, here.search.current);
        assert_eq!(threaded.focus, here.focus);
    }
}

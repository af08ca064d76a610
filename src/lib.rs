//! diglot: a terminal reader for bilingual documents, clause against clause.
//!
//! The library holds the whole core so that tests and benchmarks reach it
//! directly; `main.rs` only parses the command line and dispatches. Modules
//! depend on one another in one direction only:
//!
//! `doc` → `align` → `text` → `search` → `app` → `ui` → `term`, with `store`
//! (saved bookmarks and positions) and `cli`/`commands` beside them. Nothing
//! above `ui` knows about ratatui's drawing, and only `term` touches the real
//! terminal. See `docs/ARCHITECTURE.md`.

pub mod align;
pub mod app;
pub mod cli;
pub mod commands;
pub mod doc;
pub mod search;
pub mod store;
pub mod term;
pub mod text;
pub mod ui;

#[doc(hidden)]
pub mod dev;

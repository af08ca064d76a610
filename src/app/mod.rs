//! The reader as a pure state machine: events in, state and effects out.

pub mod action;
pub mod bookmarks;
pub mod editor;
pub mod keymap;
pub mod search_prompt;
pub mod state;
pub mod update;
pub mod viewport;

pub use action::{Action, Effect};
pub use state::{App, Mode, Options};
pub use update::{Event, update};
pub use viewport::Layout;

//! Words the reader shows, in one place.

pub const TOO_SMALL: &str = "Terminal too small";
pub const TOO_SMALL_HINT: &str = "diglot needs at least 20x5";
pub const REFERENCE: &str = "English: reference translation, not an official text";
pub const REFERENCE_SHORT: &str = "EN: reference translation";
pub const GOTO_PROMPT: &str = "Go to paragraph: ";
pub const NO_FOOTNOTES: &str = "This clause has no footnotes";
pub const HELP_TITLE: &str = " Keys (Esc closes) ";
pub const OUTLINE_TITLE: &str = " Outline (Enter goes, Esc closes) ";
pub const FOOTNOTES_TITLE: &str = " Footnotes (Tab next, Esc closes) ";
pub const BOOKMARKS_TITLE: &str = " Bookmarks (Enter go, d delete, u undo, e note, Esc) ";
pub const NO_BOOKMARKS: &str = "No bookmarks in this document yet: m bookmarks the focused clause.";
pub const IBID_ZH: &str = "同上";
pub const IBID_EN: &str = "Ibid";

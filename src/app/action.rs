//! What a key asks for, and what the shell must do afterwards.

/// A user intention, independent of the key that expressed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    ScrollLines(isize),
    HalfPage(isize),
    Page(isize),
    Top,
    Bottom,
    NextClause,
    PrevClause,
    /// A digit opens the go-to prompt (dispatched by the digit itself).
    StartGoto,
    CommandLine,
    Footnotes,
    Search,
    SearchNext,
    SearchPrev,
    ToggleBookmark,
    BookmarkList,
    CycleLayout,
    Swap,
    Outline,
    Copy,
    Help,
    Quit,
    Suspend,
    // Inside popups and lists.
    SelectNext,
    SelectPrev,
    Activate,
    Delete,
    Undo,
    EditNote,
    Close,
}

/// What the terminal shell must do after an update. The app itself never
/// touches the terminal, the clipboard or the disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Save bookmarks and the reading position.
    Save,
    /// Stop the process (Ctrl-z) and redraw fully when continued.
    Suspend,
}

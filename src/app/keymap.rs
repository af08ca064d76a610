//! The key table: (context, key) → action, with the words the help overlay
//! shows. Dispatch and help both read this one table.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Reader,
    Footnotes,
    Outline,
    Bookmarks,
    Help,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Reader => "Reading",
            Context::Footnotes => "Footnote popup",
            Context::Outline => "Outline",
            Context::Bookmarks => "Bookmark list",
            Context::Help => "Help",
        }
    }
}

/// A key with its modifiers (Shift is ignored for characters: `G` arrives
/// as Shift+g on some terminals and as plain `G` on others).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}
const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    /// How the keys are written in the help overlay.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        label,
        action,
        help,
    }
}

use Context::{Bookmarks, Footnotes, Help, Outline, Reader};

pub static KEYMAP: &[Binding] = &[
    bind(
        Reader,
        &[ch('j'), code(KeyCode::Down)],
        "j  Down",
        Action::ScrollLines(1),
        "scroll down one line",
    ),
    bind(
        Reader,
        &[ch('k'), code(KeyCode::Up)],
        "k  Up",
        Action::ScrollLines(-1),
        "scroll up one line",
    ),
    bind(
        Reader,
        &[ctrl('d')],
        "Ctrl-d",
        Action::HalfPage(1),
        "half a page down",
    ),
    bind(
        Reader,
        &[ctrl('u')],
        "Ctrl-u",
        Action::HalfPage(-1),
        "half a page up",
    ),
    bind(
        Reader,
        &[ch(' '), code(KeyCode::PageDown), ctrl('f')],
        "Space  PgDn",
        Action::Page(1),
        "page down",
    ),
    bind(
        Reader,
        &[ch('b'), code(KeyCode::PageUp), ctrl('b')],
        "b  PgUp",
        Action::Page(-1),
        "page up",
    ),
    bind(
        Reader,
        &[ch('g'), code(KeyCode::Home)],
        "g  Home",
        Action::Top,
        "top of the document",
    ),
    bind(
        Reader,
        &[ch('G'), code(KeyCode::End)],
        "G  End",
        Action::Bottom,
        "bottom of the document",
    ),
    bind(
        Reader,
        &[ch('}')],
        "}",
        Action::NextClause,
        "focus the next clause",
    ),
    bind(
        Reader,
        &[ch('{')],
        "{",
        Action::PrevClause,
        "focus the previous clause",
    ),
    bind(
        Reader,
        &[],
        "0-9 Enter",
        Action::StartGoto,
        "go to operative paragraph N (12a: subparagraph)",
    ),
    bind(
        Reader,
        &[ch(':')],
        ":",
        Action::CommandLine,
        "command: 12, op12, 12a, pp5, fn7, q",
    ),
    bind(
        Reader,
        &[ch('f')],
        "f",
        Action::Footnotes,
        "footnotes of the focused clause",
    ),
    bind(
        Reader,
        &[ch('/')],
        "/",
        Action::Search,
        "search both languages",
    ),
    bind(
        Reader,
        &[ch('n')],
        "n",
        Action::SearchNext,
        "next search hit",
    ),
    bind(
        Reader,
        &[ch('N')],
        "N",
        Action::SearchPrev,
        "previous search hit",
    ),
    bind(
        Reader,
        &[ch('m')],
        "m",
        Action::ToggleBookmark,
        "bookmark the focused clause (toggle)",
    ),
    bind(
        Reader,
        &[ch('\'')],
        "'",
        Action::BookmarkList,
        "list bookmarks",
    ),
    bind(
        Reader,
        &[ch('l')],
        "l",
        Action::CycleLayout,
        "layout: side by side, stacked, Chinese, English",
    ),
    bind(
        Reader,
        &[ch('s')],
        "s",
        Action::Swap,
        "swap the two languages",
    ),
    bind(
        Reader,
        &[ch('t')],
        "t",
        Action::Outline,
        "outline of the document",
    ),
    bind(
        Reader,
        &[ch('y')],
        "y",
        Action::Copy,
        "copy the focused clause with its citation",
    ),
    bind(
        Reader,
        &[ch('?'), code(KeyCode::F(1))],
        "?  F1",
        Action::Help,
        "this help",
    ),
    bind(
        Reader,
        &[ch('q'), ctrl('c')],
        "q  Ctrl-c",
        Action::Quit,
        "quit",
    ),
    bind(
        Reader,
        &[ctrl('z')],
        "Ctrl-z",
        Action::Suspend,
        "suspend (fg resumes)",
    ),
    bind(
        Footnotes,
        &[code(KeyCode::Tab), ch('j'), code(KeyCode::Down)],
        "Tab  j  Down",
        Action::SelectNext,
        "next footnote",
    ),
    bind(
        Footnotes,
        &[code(KeyCode::BackTab), ch('k'), code(KeyCode::Up)],
        "S-Tab  k  Up",
        Action::SelectPrev,
        "previous footnote",
    ),
    bind(
        Footnotes,
        &[code(KeyCode::Esc), ch('f'), ch('q')],
        "Esc  f  q",
        Action::Close,
        "close",
    ),
    bind(
        Outline,
        &[ch('j'), code(KeyCode::Down)],
        "j  Down",
        Action::SelectNext,
        "next entry",
    ),
    bind(
        Outline,
        &[ch('k'), code(KeyCode::Up)],
        "k  Up",
        Action::SelectPrev,
        "previous entry",
    ),
    bind(
        Outline,
        &[code(KeyCode::PageDown), ch(' ')],
        "PgDn",
        Action::Page(1),
        "page down",
    ),
    bind(
        Outline,
        &[code(KeyCode::PageUp), ch('b')],
        "PgUp",
        Action::Page(-1),
        "page up",
    ),
    bind(
        Outline,
        &[code(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "go to the entry",
    ),
    bind(
        Outline,
        &[code(KeyCode::Esc), ch('t'), ch('q')],
        "Esc  t  q",
        Action::Close,
        "close",
    ),
    bind(
        Bookmarks,
        &[ch('j'), code(KeyCode::Down)],
        "j  Down",
        Action::SelectNext,
        "next bookmark",
    ),
    bind(
        Bookmarks,
        &[ch('k'), code(KeyCode::Up)],
        "k  Up",
        Action::SelectPrev,
        "previous bookmark",
    ),
    bind(
        Bookmarks,
        &[code(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "go to the bookmark",
    ),
    bind(
        Bookmarks,
        &[ch('d'), code(KeyCode::Delete)],
        "d",
        Action::Delete,
        "delete the bookmark",
    ),
    bind(
        Bookmarks,
        &[ch('u')],
        "u",
        Action::Undo,
        "undo the last delete",
    ),
    bind(
        Bookmarks,
        &[ch('e')],
        "e",
        Action::EditNote,
        "edit the note",
    ),
    bind(
        Bookmarks,
        &[code(KeyCode::Esc), ch('\''), ch('q')],
        "Esc  '  q",
        Action::Close,
        "close",
    ),
    bind(
        Help,
        &[ch('j'), code(KeyCode::Down)],
        "j  Down",
        Action::ScrollLines(1),
        "scroll",
    ),
    bind(
        Help,
        &[ch('k'), code(KeyCode::Up)],
        "k  Up",
        Action::ScrollLines(-1),
        "scroll",
    ),
    bind(
        Help,
        &[code(KeyCode::Esc), ch('q'), ch('?'), code(KeyCode::F(1))],
        "Esc  q  ?",
        Action::Close,
        "close",
    ),
];

/// The action bound to a key in a context.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    let key = Key {
        code: event.code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    };
    KEYMAP
        .iter()
        .filter(|b| b.context == context)
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                if a.context == b.context {
                    for key in a.keys {
                        assert!(
                            !b.keys.contains(key),
                            "{key:?} bound twice in {:?}",
                            a.context
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_binding_has_help() {
        assert!(
            KEYMAP
                .iter()
                .all(|b| !b.help.is_empty() && !b.label.is_empty())
        );
    }
}

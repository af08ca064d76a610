//! A hostile document cannot reach the terminal: every byte the reader
//! writes (captured through the backend's writer) and every plain-text
//! command's output is free of the document's escape sequences, C1
//! controls and bidi overrides.
#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::io::Write;
use std::process::Command;
use std::rc::Rc;

use diglot::align::Pair;
use diglot::app::viewport::Layout;
use diglot::app::{App, Event, Options, update};
use diglot::doc::parse;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Payloads a terminal would obey: clear screen, OSC 52 clipboard write,
/// OSC 8 link, leave the alternate screen, set the title, C1 CSI, BEL,
/// DEL, and bidi overrides and isolates.
const PAYLOADS: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]52;c;cm0gLXJmIH4K\u{7}",
    "\u{1b}]8;;https://example.invalid/\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    "\u{1b}[?1049l",
    "\u{1b}]0;pwned\u{7}",
    "\u{9b}31m",
    "\u{7f}",
    "\u{202e}txt.exe",
    "\u{2066}\u{2067}\u{2068}\u{2069}\u{202a}\u{202b}\u{202c}\u{202d}",
    "\u{8}\u{0}\u{c}",
];

fn hostile(lang: &str) -> String {
    let p: String = PAYLOADS.concat();
    let (lead, body) = if lang == "zh" {
        ("**重申**", "洗钱")
    } else {
        ("*Reaffirming*", "money")
    };
    format!(
        "## {p}\n\n## 67/189. {p} title\n\n{p}\n\n{lead}{p} {body}<sup>1</sup>\t{p},\n\n<sup>1</sup> {p} note\n\n1. {lead} {p} {body};\n\n(a) {p} sub\n\n\\* {p} star\n"
    )
}

/// What the document could smuggle through, found in bytes meant for a
/// terminal. Crossterm's own output is CSI sequences `ESC [ params final`
/// with plain parameters; anything else with ESC, any C1 control, BEL,
/// DEL, or a bidi control is the document's.
fn smuggled(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\u{1b}' {
            // Our own output: CSI with digits, ';', '?', then a final letter.
            let mut j = i + 1;
            if chars.get(j) == Some(&'[') {
                j += 1;
                while chars
                    .get(j)
                    .is_some_and(|c| c.is_ascii_digit() || *c == ';' || *c == '?' || *c == ':')
                {
                    j += 1;
                }
                if chars.get(j).is_some_and(char::is_ascii_alphabetic) {
                    // Never a sequence that leaves the alternate screen.
                    let seq: String = chars[i..=j].iter().collect();
                    if seq == "\u{1b}[?1049l" || seq == "\u{1b}[2J" {
                        found.push(format!("{seq:?} at {i}"));
                    }
                    i = j + 1;
                    continue;
                }
            }
            found.push(format!("ESC not opening a plain CSI at {i}"));
        } else if matches!(
            c,
            '\u{80}'..='\u{9f}' | '\u{7}' | '\u{7f}' | '\u{0}' | '\u{8}' | '\u{c}'
        ) || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            found.push(format!("{c:?} at {i}"));
        }
        i += 1;
    }
    found
}

/// The terminal's side of the wire: every byte the backend writes.
#[derive(Clone, Default)]
struct Wire(Rc<RefCell<Vec<u8>>>);

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn key(app: &mut App, code: KeyCode) {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn the_reader_writes_no_document_control_bytes() {
    let pair = Pair::new(parse(&hostile("zh")), parse(&hostile("en")));
    let mut app = App::new(pair, Options::default(), Layout::Side, 100, 30);
    let wire = Wire::default();
    // A fixed viewport: the test has no real terminal to ask for its size.
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, 100, 30)),
    };
    let mut terminal =
        Terminal::with_options(CrosstermBackend::new(wire.clone()), options).unwrap();
    let frame = |app: &App, terminal: &mut Terminal<CrosstermBackend<Wire>>| {
        terminal
            .draw(|f| {
                diglot::ui::draw(app, f.buffer_mut());
            })
            .unwrap();
    };
    frame(&app, &mut terminal);
    // Every screen that shows document text: each layout, the footnote
    // popup, the outline, a search whose pasted query carries payloads.
    for code in [KeyCode::Char('}'), KeyCode::Char('}'), KeyCode::Char('f')] {
        key(&mut app, code);
        frame(&app, &mut terminal);
    }
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('t'));
    frame(&app, &mut terminal);
    key(&mut app, KeyCode::Esc);
    for _ in 0..4 {
        key(&mut app, KeyCode::Char('l'));
        frame(&app, &mut terminal);
    }
    key(&mut app, KeyCode::Char('/'));
    update(&mut app, Event::Paste(PAYLOADS.concat()));
    frame(&app, &mut terminal);
    let written = wire.0.borrow().clone();
    assert!(!written.is_empty());
    let found = smuggled(&written);
    assert!(
        found.is_empty(),
        "document bytes reached the terminal: {found:?}"
    );
    // The payloads are shown, visibly, as placeholders.
    let text = String::from_utf8_lossy(&written);
    assert!(text.contains('␛'), "ESC is not shown as a placeholder");
    assert!(
        text.contains("<RLO>"),
        "U+202E is not shown as a placeholder"
    );
}

fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_diglot"));
    let dir = tempfile::tempdir().unwrap();
    cmd.env("DIGLOT_DATA_DIR", dir.keep());
    cmd
}

#[test]
fn plain_text_commands_print_no_document_control_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("zh.md");
    let en = dir.path().join("en.md");
    std::fs::write(&zh, hostile("zh")).unwrap();
    std::fs::write(&en, hostile("en")).unwrap();
    let (zh, en) = (zh.to_str().unwrap(), en.to_str().unwrap());
    let runs: Vec<Vec<&str>> = vec![
        vec!["render", zh, en, "--width", "100", "--height", "30"],
        vec![
            "render", zh, en, "--width", "60", "--height", "30", "--layout", "stacked",
        ],
        vec!["show", "1", zh, en],
        vec!["show", "1", zh, en, "--json"],
        vec!["show", "fn1", zh, en],
        vec!["show", "pp1", zh, en],
        vec!["check", zh, en],
        vec!["check", zh],
        vec!["search", "洗钱", zh, en],
        vec!["search", "money", zh, en, "--json"],
    ];
    for args in runs {
        let out = binary().args(&args).output().unwrap();
        let found = smuggled(&out.stdout);
        assert!(found.is_empty(), "{args:?} stdout: {found:?}");
        assert!(!out.stdout.contains(&0x1b), "{args:?} printed an ESC byte");
        let found = smuggled(&out.stderr);
        assert!(found.is_empty(), "{args:?} stderr: {found:?}");
    }
}

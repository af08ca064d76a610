//! End-to-end: the reader in a real terminal (tmux), driven by keys, mouse
//! reports and resizes the way a person's terminal delivers them, checked
//! on the screen tmux shows.

mod common;

use common::screen::Screen;
use common::tmux::Term;

/// Box-drawing characters popups are framed with; none is in the document.
const FRAME: &[char] = &['┌', '┐', '└', '┘', '│', '─'];

/// Chinese characters and CJK punctuation (full-width forms included).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF00}'..='\u{FFEF}')
}

/// Types a go-to command (digits or `:`-command) and presses Enter once
/// the prompt shows it, then waits for `status`.
fn go(term: &Term, typed: &str, status: &str) -> Screen {
    term.type_text(typed);
    let echo = typed.strip_prefix(':').map_or_else(
        || format!("Go to paragraph: {typed}"),
        |cmd| format!(":{cmd}"),
    );
    term.wait_for(&format!("the prompt to show {echo:?}"), |s| {
        s.status().starts_with(&echo)
    });
    term.send_keys(&["Enter"]);
    term.wait_for_status(status)
}

/// The row whose gutter holds a clause label (`PP5`, `12.`), if any.
fn gutter_label(screen: &Screen, row: usize, gutter: usize) -> Option<String> {
    let label = screen.columns(row, 2, gutter);
    let label = label.trim();
    let is_label = label
        .strip_prefix("PP")
        .map_or_else(|| label.strip_suffix('.'), Some)
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    is_label.then(|| label.to_owned())
}

#[test]
fn start_up_shows_both_languages_clause_against_clause() {
    let term = Term::diglot(120, 40, &[]);
    let screen = term.wait_for_status("side by side");
    assert_eq!(screen.lines.len(), 40, "one line per row:\n{screen}");
    let title = screen.line(0);
    assert!(title.contains("A/RES/67/189"), "title bar:\n{screen}");
    assert!(
        title.contains("English: reference translation"),
        "the English side is labelled a reference translation:\n{screen}"
    );
    let status = screen.status();
    for part in ["A/RES/67/189", "HEADER 1", "side by side"] {
        assert!(status.contains(part), "status lacks {part:?}:\n{screen}");
    }

    // PP1: label, Chinese lead and English lead on one row, left to right.
    let pp1 = screen
        .lines
        .iter()
        .position(|l| l.contains("PP1 "))
        .unwrap_or_else(|| panic!("PP1 not on the first screen:\n{screen}"));
    let label = screen.column_of(pp1, "PP1").unwrap();
    let zh = screen
        .column_of(pp1, "重申")
        .unwrap_or_else(|| panic!("重申 not on the PP1 row {pp1}:\n{screen}"));
    let en = screen
        .column_of(pp1, "Reaffirming")
        .unwrap_or_else(|| panic!("Reaffirming not on the PP1 row {pp1}:\n{screen}"));
    assert!(
        label < zh && zh < 60 && en >= 60,
        "label {label}, Chinese {zh}, English {en}:\n{screen}"
    );

    // Every clause on screen starts on the same row in both columns: its
    // label row has text on both sides, and the row above it (the gap
    // between bands) is empty on both sides.
    let gutter = zh;
    let mut checked = 0;
    for row in 2..screen.lines.len() - 1 {
        let Some(label) = gutter_label(&screen, row, gutter) else {
            continue;
        };
        checked += 1;
        let left = screen.columns(row, gutter, en);
        let right = screen.columns(row, en, 120);
        assert!(
            !left.trim().is_empty() && !right.trim().is_empty(),
            "{label} (row {row}) does not start in both columns:\n{screen}"
        );
        assert!(
            screen.line(row - 1).trim().is_empty(),
            "row above {label} (row {row}) is not the gap between bands:\n{screen}"
        );
    }
    assert!(checked >= 3, "expected several labelled clauses:\n{screen}");
}

#[test]
fn digits_then_enter_go_to_operative_paragraph() {
    let term = Term::diglot(120, 40, &[]);
    term.type_text("1");
    term.wait_for("the go-to prompt with a preview of 1.", |s| {
        s.status().starts_with("Go to paragraph: 1") && s.status().contains("-> 1.")
    });
    term.type_text("2");
    // The preview names paragraph 12 while typing (before Enter).
    term.wait_for("the go-to prompt with a preview of 12. 又请…", |s| {
        let status = s.status();
        status.starts_with("Go to paragraph: 12")
            && status.contains("-> 12.")
            && status.contains("又请")
    });
    term.send_keys(&["Enter"]);
    let screen = term.wait_for_status("OP 12/41");
    let first = screen.line(1);
    let (label, zh, en) = (
        first.find("12."),
        first.find("又请"),
        first.find("Also requests"),
    );
    assert!(
        matches!((label, zh, en), (Some(l), Some(z), Some(e)) if l < z && z < e),
        "first body row is not 12. | 又请 | Also requests:\n{screen}"
    );
}

#[test]
fn command_line_goes_to_preambular_and_rejects_an_unknown_paragraph() {
    let term = Term::diglot(120, 40, &[]);
    let at_pp5 = go(&term, ":pp5", "PP 5/31");
    assert!(
        at_pp5.line(1).contains("PP5"),
        "PP5 is not at the top:\n{at_pp5}"
    );

    // The message names the valid range; focus and view stay where they were.
    let rejected = go(&term, ":99", "1–41");
    assert!(
        rejected.status().contains("PP 5/31"),
        "focus moved on a bad paragraph number:\n{rejected}"
    );
    let above_status = |s: &Screen| s.lines[..s.lines.len() - 1].to_vec();
    assert_eq!(
        above_status(&rejected),
        above_status(&at_pp5),
        "the view moved on a bad paragraph number:\n{rejected}"
    );
}

#[test]
fn footnote_popup_shows_both_languages_and_closes_without_leftovers() {
    let term = Term::diglot(120, 40, &[]);
    go(&term, "2", "OP 2/41");
    // The `? help` hint is drawn last: the whole frame is there to compare.
    let before = term.wait_for("paragraph 2 fully drawn", |s| {
        s.status().contains("OP 2/41") && s.status().ends_with("? help")
    });
    term.send_keys(&["f"]);
    let popup = term.wait_for("the footnote popup with note [1]", |s| {
        s.contains("[1]")
            && s.contains("联合国，《条约汇编》")
            && s.contains("United Nations, Treaty Series")
    });
    let zh = popup.row_of("联合国，《条约汇编》").unwrap();
    let en = popup.row_of("United Nations, Treaty Series").unwrap();
    assert_eq!(zh, en, "the two languages start on one row:\n{popup}");

    term.send_keys(&["Escape"]);
    // A frame can be caught half-written, so wait for the whole screen.
    let after = term.wait_for("the screen as it was before the popup", |s| *s == before);
    assert!(
        !after.lines.iter().any(|l| l.contains(FRAME)),
        "popup frame left on screen:\n{after}"
    );
}

#[test]
fn outline_lists_clauses_in_both_languages() {
    let term = Term::diglot(120, 40, &[]);
    let before = term.capture();
    term.send_keys(&["t"]);
    let pp1_entry = |s: &Screen| {
        s.lines.iter().find_map(|l| {
            let entry = &l[l.find("│ PP1 ")?..];
            (entry.find("重申")? < entry.find("Reaffirming")?).then(|| entry.to_owned())
        })
    };
    let outline = term.wait_for("the outline entry PP1 重申 … Reaffirming", |s| {
        s.contains("Outline") && pp1_entry(s).is_some()
    });
    assert!(
        outline.row_of("Outline").unwrap() < outline.row_of("│ PP1 ").unwrap(),
        "PP1 is not listed under the outline's title:\n{outline}"
    );
    term.send_keys(&["Escape"]);
    let after = term.wait_for("the screen as it was before the outline", |s| *s == before);
    assert!(
        !after.lines.iter().any(|l| l.contains(FRAME)),
        "outline frame left on screen:\n{after}"
    );
}

#[test]
fn l_cycles_through_the_four_layouts() {
    let term = Term::diglot(120, 40, &[]);
    term.wait_for_status("side by side");

    term.send_keys(&["l"]);
    let stacked = term.wait_for_status("stacked");
    let body = stacked.body();
    let zh = body.iter().position(|l| l.contains("大会"));
    let en = body.iter().position(|l| l.contains("General Assembly"));
    assert!(
        matches!((zh, en), (Some(z), Some(e)) if z < e),
        "stacked: Chinese above English, not beside it:\n{stacked}"
    );

    term.send_keys(&["l"]);
    let zh_only = term.wait_for_status("Chinese only");
    assert!(
        zh_only.body().iter().any(|l| l.chars().any(is_cjk)),
        "Chinese only shows no Chinese:\n{zh_only}"
    );
    assert!(
        !zh_only
            .body()
            .iter()
            .any(|l| l.contains("General Assembly") || l.contains("Reaffirming")),
        "Chinese only shows English:\n{zh_only}"
    );

    term.send_keys(&["l"]);
    let en_only = term.wait_for_status("English only");
    assert!(
        en_only
            .body()
            .iter()
            .any(|l| l.contains("General Assembly")),
        "English only shows no English:\n{en_only}"
    );
    assert!(
        !en_only.body().iter().any(|l| l.chars().any(is_cjk)),
        "English only shows Chinese in the body:\n{en_only}"
    );

    term.send_keys(&["l"]);
    let side = term.wait_for_status("side by side");
    let row = side
        .row_of("General Assembly")
        .unwrap_or_else(|| panic!("no English on the side-by-side screen:\n{side}"));
    assert!(
        side.line(row).contains("大会"),
        "side by side again: 大会 beside General Assembly:\n{side}"
    );
}

#[test]
fn resizing_re_lays_out_and_survives_one_by_one() {
    let term = Term::diglot(120, 40, &[]);
    go(&term, "12", "OP 12/41");

    term.resize(40, 12);
    let narrow = term.wait_for("a 40x12 stacked screen", |s| {
        s.lines.len() == 12 && s.status().contains("stacked")
    });
    assert!(
        narrow.body().iter().any(|l| l.starts_with("> 12.")),
        "the focused paragraph left the narrow screen:\n{narrow}"
    );

    term.resize(1, 1);
    // "Terminal too small", cut to the one column there is.
    term.wait_for("a 1x1 screen", |s| s.lines == ["T"]);
    assert!(!term.state().dead, "diglot died at 1x1");

    term.resize(120, 40);
    let wide = term.wait_for("the full 120x40 screen again", |s| {
        s.lines.len() == 40
            && s.line(0).contains("A/RES/67/189")
            && s.status().contains("side by side")
    });
    assert!(!term.state().dead, "diglot died after resizing");
    assert!(
        wide.status().contains("OP 12/41") && wide.status().ends_with("? help"),
        "status line not fully redrawn:\n{wide}"
    );
    assert!(
        !wide.contains("Terminal too small"),
        "leftovers of the 1x1 screen:\n{wide}"
    );
    let focus = wide
        .body()
        .iter()
        .find(|l| l.starts_with("> 12."))
        .unwrap_or_else(|| panic!("focused paragraph 12 not in view:\n{wide}"));
    assert!(
        focus.contains("又请") && focus.contains("Also requests"),
        "paragraph 12 not drawn in both columns:\n{wide}"
    );
}

/// SGR mouse report (`CSI < button ; column ; row M|m`, 1-based), the bytes
/// an xterm-compatible terminal sends once the application has turned on
/// mouse tracking with SGR coordinates.
fn sgr_mouse(button: u8, column: usize, row: usize, press: bool) -> Vec<u8> {
    let end = if press { 'M' } else { 'm' };
    format!("\x1b[<{button};{};{}{end}", column + 1, row + 1).into_bytes()
}

#[test]
fn mouse_wheel_scrolls_and_click_focuses() {
    let term = Term::diglot(120, 40, &[]);
    let top = term.wait_for_status("HEADER 1");
    let state = term.state();
    assert!(
        state.mouse_tracking && state.mouse_sgr,
        "the reader did not ask the terminal for SGR mouse reports: {state:?}"
    );

    // Click on the PP1 row: focus moves there.
    let row = top
        .lines
        .iter()
        .position(|l| l.contains("PP1 "))
        .unwrap_or_else(|| panic!("PP1 not on screen:\n{top}"));
    term.send_bytes(&sgr_mouse(0, 30, row, true));
    term.send_bytes(&sgr_mouse(0, 30, row, false));
    let clicked = term.wait_for_status("PP 1/31");
    assert!(
        clicked.line(row).starts_with("> PP1"),
        "focus mark not on the clicked clause:\n{clicked}"
    );

    // One wheel notch down scrolls three lines; one up scrolls back. The
    // waits compare whole bodies: a frame can be caught half-written.
    term.send_bytes(&sgr_mouse(65, 30, 10, true));
    let n = clicked.body().len();
    term.wait_for("the body scrolled by exactly three lines", |s| {
        s.body()[..n - 3] == clicked.body()[3..]
    });
    term.send_bytes(&sgr_mouse(64, 30, 10, true));
    term.wait_for("the body scrolled back", |s| s.body() == clicked.body());
}

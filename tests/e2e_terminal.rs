//! End-to-end: the reader leaves the terminal as it found it, however it
//! ends (quit, Ctrl-c, SIGTERM, SIGHUP, panic), and suspends and resumes
//! like a shell job. Each test runs the real binary in its own tmux server.

mod common;

use common::tmux::{DIGLOT, PROMPT, Term};

#[test]
fn q_quits_with_status_0_and_restores_the_terminal() {
    let term = Term::diglot(80, 24, &[]);
    term.send_keys(&["q"]);
    let exit = term.wait_exit();
    assert_eq!(exit.status, 0, "exit status:\n{}", exit.screen);
    exit.assert_terminal_restored();
}

#[test]
fn ctrl_c_quits_with_status_0_and_restores_the_terminal() {
    let term = Term::diglot(80, 24, &[]);
    term.send_keys(&["C-c"]);
    let exit = term.wait_exit();
    assert_eq!(exit.status, 0, "exit status:\n{}", exit.screen);
    exit.assert_terminal_restored();
}

#[test]
fn sigterm_ends_the_reader_with_status_143_and_restores_the_terminal() {
    let term = Term::diglot(80, 24, &[]);
    term.kill("TERM");
    let exit = term.wait_exit();
    assert_eq!(exit.status, 128 + 15, "exit status:\n{}", exit.screen);
    exit.assert_terminal_restored();
}

#[test]
fn sighup_ends_the_reader_with_status_129_and_restores_the_terminal() {
    // The signal goes to the reader's pid only; tmux's pane (with
    // remain-on-exit) stays, so what the reader left on it can be read.
    let term = Term::diglot(80, 24, &[]);
    term.kill("HUP");
    let exit = term.wait_exit();
    assert_eq!(exit.status, 128 + 1, "exit status:\n{}", exit.screen);
    exit.assert_terminal_restored();
}

#[test]
fn a_panic_restores_the_terminal_and_its_message_shows_on_the_normal_screen() {
    let term = Term::diglot(100, 24, &[]);
    // `:__panic` is a hidden trigger in debug builds (which these tests run).
    term.type_text(":__panic");
    term.wait_for("the command line to show :__panic", |s| {
        s.status().starts_with(":__panic")
    });
    term.send_keys(&["Enter"]);
    let exit = term.wait_exit();
    assert_ne!(exit.status, 0, "a panic exited 0:\n{}", exit.screen);
    exit.assert_terminal_restored();
    // Printed after the terminal was restored: on the normal screen, and at
    // the start of a line (in raw mode a newline would not return the
    // carriage, and the message would run diagonally).
    assert!(
        exit.screen
            .lines
            .iter()
            .any(|l| l.starts_with("thread '") && l.contains("panicked")),
        "no panic report at the start of a line:\n{}",
        exit.screen
    );
    assert!(
        exit.screen.contains("panic requested with :__panic"),
        "panic message not visible:\n{}",
        exit.screen
    );
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes_with_a_full_redraw() {
    let term = Term::shell(120, 40);
    term.type_text(&format!("'{DIGLOT}'"));
    term.send_keys(&["Enter"]);
    term.wait_for("the reader's first screen", |s| {
        s.line(0).contains("A/RES/67/189") && s.status().contains("side by side")
    });

    term.send_keys(&["C-z"]);
    let stopped = term.wait_for("the shell prompt after Stopped", |s| {
        s.contains("Stopped") && last_line(s) == PROMPT.trim_end()
    });
    // The modes tmux tracks are what the reader left. Raw mode is not
    // checked here: bash saves a stopped job's line settings and puts its
    // own back, so `stty` at the prompt would pass whatever the reader did
    // (the exit tests check raw mode directly).
    let state = term.state();
    assert!(
        !state.alternate_screen && state.cursor_visible && !state.mouse_tracking,
        "terminal not restored while suspended: {state:?}\n{stopped}"
    );

    term.type_text("fg");
    term.send_keys(&["Enter"]);
    let resumed = term.wait_for("the reader redrawn after fg", |s| {
        s.line(0).contains("A/RES/67/189")
            && s.line(0).contains("reference translation")
            && s.status().contains("HEADER 1")
            && s.status().contains("side by side")
    });
    assert!(
        !resumed.contains(PROMPT.trim_end()),
        "shell text left on the reader's screen:\n{resumed}"
    );
    let state = term.state();
    assert!(
        state.alternate_screen && !state.cursor_visible && state.mouse_tracking,
        "reader modes not re-entered after fg: {state:?}"
    );

    // Still reading keys: go to paragraph 12.
    term.type_text("12");
    term.wait_for("the go-to prompt", |s| {
        s.status().starts_with("Go to paragraph: 12")
    });
    term.send_keys(&["Enter"]);
    let at_12 = term.wait_for_status("OP 12/41");
    assert!(
        at_12.line(1).contains("12.") && at_12.line(1).contains("Also requests"),
        "paragraph 12 not at the top after resuming:\n{at_12}"
    );

    term.send_keys(&["q"]);
    term.wait_for("the shell prompt after quitting", |s| {
        last_line(s) == PROMPT.trim_end()
    });
    term.type_text("echo \"status=$?\"");
    term.send_keys(&["Enter"]);
    term.wait_for("the reader's exit status", |s| {
        s.lines.iter().any(|l| l == "status=0")
    });
    let state = term.state();
    assert!(
        !state.alternate_screen && state.cursor_visible && !state.mouse_tracking,
        "terminal not restored after quitting: {state:?}"
    );
}

/// The last non-blank row, trimmed.
fn last_line(screen: &common::screen::Screen) -> &str {
    screen
        .lines
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map_or("", |l| l.trim())
}

#[test]
fn closing_the_terminal_ends_the_reader_with_status_129() {
    // Closing the terminal window (or losing the SSH link) hangs up the
    // terminal: the kernel sends SIGHUP and the terminal reads end of file.
    // Nothing can be restored on a terminal that is gone, but the reader
    // must notice and end, not keep running.
    let term = Term::diglot(80, 24, &[]);
    term.hang_up();
    let status = term.wait_status_file();
    assert_eq!(
        status,
        128 + 1,
        "the reader did not end on SIGHUP by itself (137: it was killed)"
    );
}

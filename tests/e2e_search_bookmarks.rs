//! End-to-end: searching and bookmarking in the real binary under tmux,
//! checked against the plain-text commands.

mod common;

use std::process::Command;

use common::tmux::Term;

fn diglot(args: &[&str], data_dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(args)
        .env("DIGLOT_DATA_DIR", data_dir)
        .output()
        .expect("run diglot")
}

/// `N hits in M clauses` from `diglot search`'s last line.
fn reported_hits(query: &str) -> usize {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = diglot(&["search", query], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or_default();
    last.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {last:?}"))
}

#[test]
fn search_xiqian_counts_as_diglot_search_and_n_steps() {
    let total = reported_hits("洗钱");
    assert_eq!(total, 5);
    let term = Term::diglot(120, 40, &[]);
    term.send_keys(&["/"]);
    term.type_text("洗钱");
    let screen = term.wait_for_status(&format!("hit 1/{total}"));
    assert!(screen.status().starts_with("/洗钱"), "{}", screen.status());
    term.send_keys(&["Enter"]);
    let screen = term.wait_for_status(&format!("/洗钱 hit 1/{total}"));
    assert!(screen.status().contains("PP 8/31"), "{}", screen.status());
    term.send_keys(&["n"]);
    let screen = term.wait_for_status(&format!("hit 2/{total}"));
    assert!(screen.status().contains("PP 30/31"), "{}", screen.status());
    for i in 3..=total {
        term.send_keys(&["n"]);
        term.wait_for_status(&format!("hit {i}/{total}"));
    }
    term.send_keys(&["n"]);
    let screen = term.wait_for_status("hit 1/");
    assert!(screen.status().contains("wrapped"), "{}", screen.status());
}

#[test]
fn search_escape_returns_exactly_where_the_reader_was() {
    let term = Term::diglot(120, 40, &[]);
    term.type_text("20");
    term.send_keys(&["Enter"]);
    let before = term.wait_for_status("OP 20/41");
    term.send_keys(&["/"]);
    term.type_text("money");
    term.wait_for_status("hit 1/");
    term.send_keys(&["Escape"]);
    let after = term.wait_for_status("OP 20/41");
    assert_eq!(before.lines, after.lines);
}

#[test]
fn full_width_query_finds_the_title() {
    let term = Term::diglot(120, 40, &[]);
    term.send_keys(&["/"]);
    term.type_text("６７／１８９");
    let screen = term.wait_for_status("hit 1/2");
    assert!(
        screen.status().contains("TITLE") || screen.contains("67/189."),
        "{}",
        screen.status()
    );
}

#[test]
fn a_bookmark_with_a_note_survives_a_restart_and_the_position_is_restored() {
    let data = tempfile::tempdir().expect("temp dir");
    let data_arg = data.path().to_str().expect("UTF-8 path");
    let term = Term::diglot(120, 40, &["--data-dir", data_arg]);
    term.type_text("12");
    term.send_keys(&["Enter"]);
    term.wait_for_status("OP 12/41");
    term.send_keys(&["m"]);
    term.wait_for_status("Bookmarked para. 12");
    term.send_keys(&["'"]);
    term.wait_for("the bookmark list", |s| s.contains("Bookmarks (Enter go"));
    term.send_keys(&["e"]);
    term.wait_for("the note editor", |s| s.contains("Note:"));
    term.type_text("法律援助 legal aid");
    term.send_keys(&["Enter"]);
    term.wait_for("the saved note", |s| {
        s.contains("法律援助 legal aid") && !s.contains("Note:")
    });
    // Escape and q sent in one write would read as Alt-q: wait in between.
    term.send_keys(&["Escape"]);
    term.wait_for("the list to close", |s| !s.contains("Bookmarks (Enter go"));
    term.send_keys(&["q"]);
    let exit = term.wait_exit();
    assert_eq!(exit.status, 0);

    // Reopen: back at paragraph 12, with the mark in the gutter.
    let term = Term::diglot(120, 40, &["--data-dir", data_arg]);
    let screen = term.wait_for_status("OP 12/41");
    let row = screen.row_of("12.").expect("paragraph 12 on screen");
    assert!(screen.line(row).starts_with(">*"), "{:?}", screen.line(row));
    term.send_keys(&["'"]);
    let screen = term.wait_for("the bookmark list", |s| s.contains("法律援助 legal aid"));
    assert!(
        screen.contains("又请联合国"),
        "list shows the Chinese start"
    );
    assert!(
        screen.contains("Also requests"),
        "list shows the English start"
    );
    term.send_keys(&["Escape"]);
    term.wait_for("the list to close", |s| !s.contains("Bookmarks (Enter go"));
    term.send_keys(&["q"]);
    term.wait_exit();

    let out = diglot(&["bookmarks", "--json"], data.path());
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let list = json.as_array().expect("a list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["document"], "A/RES/67/189");
    assert_eq!(list[0]["clause"], "op12");
    assert_eq!(list[0]["note"], "法律援助 legal aid");
    assert_eq!(list[0]["citation"], "A/RES/67/189, para. 12");
}

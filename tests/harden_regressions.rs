//! Bugs found while hardening, each kept as the input that showed it and
//! the answer diglot must give now.
#![allow(clippy::unwrap_used)]

use std::process::Command;

use diglot::store::Store;

/// Whether `s` holds anything a terminal would obey (C0 controls, the line
/// feed included, DEL, C1 controls, bidi embeddings, overrides, isolates).
fn has_terminal_controls(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

/// Found by review: serde quotes an unknown field's name raw in its error,
/// and the reason became part of the notice and of `diglot bookmarks`'s
/// one stderr line, so a planted `bookmarks.json` could send escape
/// sequences (here: set the window title, RLO, a line break, C1 CSI) to
/// the terminal of whoever ran it.
#[test]
fn a_hostile_bookmarks_file_cannot_put_controls_in_the_message() {
    let hostile = "{\"version\":1,\"\\u001b]0;pwned\\u0007\\u202e\\n\\u009b2J\":1}";
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bookmarks.json"), hostile).unwrap();
    let (_, notice) = Store::open(tmp.path());
    let notice = notice.unwrap();
    assert!(
        !has_terminal_controls(&notice.message),
        "{:?}",
        notice.message
    );
    assert!(
        notice
            .message
            .contains(r"unknown field `\u{1b}]0;pwned\u{7}\u{202e}\u{a}\u{9b}2J`"),
        "{}",
        notice.message
    );
    // Moved aside byte for byte all the same.
    assert_eq!(
        std::fs::read(notice.moved_to.unwrap()).unwrap(),
        hostile.as_bytes()
    );

    // Through the binary: one line on stderr, nothing a terminal obeys.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bookmarks.json"), hostile).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(["bookmarks", "--data-dir"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let line = stderr.strip_suffix('\n').unwrap();
    assert!(!has_terminal_controls(line), "{stderr:?}");
    assert!(line.starts_with("diglot: bookmarks file "), "{line}");
    assert!(line.contains("it was moved aside to "), "{line}");

    // A document id quoted in a reason is escaped too.
    let twice = "{\"version\":1,\"positions\":{\"\\u001b[2J\":\"op1\",\"\\u001b[2J\":\"op2\"}}";
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bookmarks.json"), twice).unwrap();
    let message = Store::open(tmp.path()).1.unwrap().message;
    assert!(!has_terminal_controls(&message), "{message:?}");
    assert!(
        message.contains(r"two reading positions for \u{1b}[2J"),
        "{message}"
    );
}

/// Runs `f` on a thread; fails the test if it has not finished in 20 s
/// (a hang must fail, not stall the suite).
fn within_20s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("hung")
}

/// Found by review: a FIFO named `bookmarks.lock` (planted in a shared
/// data directory, or left by a mistake) was opened for reading, which
/// blocks until a writer appears: the reader hung at start-up when the
/// bookmarks file needed moving aside, and at every save.
#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_the_lock_file_is_refused_not_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_owned();
    let status = Command::new("mkfifo")
        .arg(dir.join("bookmarks.lock"))
        .status()
        .unwrap();
    assert!(status.success());

    // A good file: opens without the lock; the save refuses the FIFO.
    std::fs::write(dir.join("bookmarks.json"), "{\"version\":1}").unwrap();
    let d = dir.clone();
    let (err, bookmarked) = within_20s(move || {
        let (mut store, notice) = Store::open(&d);
        assert_eq!(notice, None);
        store.toggle("A/RES/67/189", "op1", 1);
        let err = store.save().unwrap_err().to_string();
        (err, store.is_bookmarked("A/RES/67/189", "op1"))
    });
    assert_eq!(
        err,
        format!(
            "cannot save bookmarks: cannot lock {}: it is not a plain file",
            dir.join("bookmarks.lock").display()
        )
    );
    assert!(bookmarked, "kept in memory");

    // A bad file: it cannot be moved aside without the lock, so it is left
    // alone and the store is read-only; start-up goes on.
    std::fs::write(dir.join("bookmarks.json"), "garbage").unwrap();
    let d = dir.clone();
    let (message, read_only) = within_20s(move || {
        let (store, notice) = Store::open(&d);
        (notice.unwrap().message, store.is_read_only())
    });
    assert!(message.contains("it is not a plain file"), "{message}");
    assert!(read_only);
    assert_eq!(
        std::fs::read(dir.join("bookmarks.json")).unwrap(),
        b"garbage"
    );
}

fn disk_full() -> std::io::Error {
    std::io::Error::from_raw_os_error(28)
}

/// Found by review: the reader warned about a failed save once per
/// session. After saving had worked again (space freed), a new failure
/// went untold, and the reader believed the bookmarks saved.
#[test]
fn a_save_failing_again_after_it_worked_is_told_again() {
    use diglot::align::Pair;
    use diglot::app::viewport::Layout;
    use diglot::app::{App, Options};
    let tmp = tempfile::tempdir().unwrap();
    let mut app = App::new(Pair::embedded(), Options::default(), Layout::Side, 100, 30);
    app.store = Some(Store::open(tmp.path()).0);
    let doc = app.pair.id.clone();
    let save_with = |app: &mut App, clause: &str, fail: bool| {
        let store = app.store.as_mut().unwrap();
        store.toggle(&doc, clause, 1);
        store.set_fail_writes_for_tests(fail.then_some(disk_full as fn() -> std::io::Error));
        app.message = None;
        diglot::term::save(app);
        app.message.take()
    };
    let told = save_with(&mut app, "op1", true).unwrap();
    assert!(told.ends_with("(kept in memory)"), "{told}");
    assert_eq!(
        save_with(&mut app, "op2", true),
        None,
        "told twice in a row"
    );
    assert_eq!(save_with(&mut app, "op3", false), None);
    let told = save_with(&mut app, "op4", true);
    assert!(
        told.as_deref()
            .is_some_and(|m| m.ends_with("(kept in memory)")),
        "{told:?}"
    );
    let saved = Store::load_strict(tmp.path()).unwrap();
    assert!(saved.is_bookmarked(&doc, "op1") && saved.is_bookmarked(&doc, "op3"));
}

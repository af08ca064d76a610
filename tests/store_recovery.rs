//! Files the store cannot use and writes that fail: nothing on disk is ever
//! lost or overwritten, and the reader is told. (Links: `store_links.rs`;
//! real permission failures: `store_permissions.rs`.)

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use diglot::store::{Faults, Notice, Store, StoreError};
use proptest::prelude::*;

const DOC: &str = "A/RES/67/189";

fn file(dir: &Path) -> PathBuf {
    dir.join("bookmarks.json")
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn moved_aside_files(dir: &Path) -> Vec<PathBuf> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with("bookmarks.json.corrupt-"))
        .map(|n| dir.join(n))
        .collect()
}

fn valid_file_bytes() -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(tmp.path());
    for i in 0..20 {
        store.toggle(DOC, &format!("op{i}"), 1_700_000_000 + i);
        store.set_note(DOC, &format!("op{i}"), "a note long enough to cut in half");
    }
    store.set_position(DOC, "op3");
    store.save().unwrap();
    fs::read(file(tmp.path())).unwrap()
}

/// Opens a store over `bytes` and checks the whole move-aside contract.
/// Returns the notice.
fn assert_moved_aside(bytes: &[u8], what: &str) -> Notice {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(file(dir), bytes).unwrap();

    let (mut store, notice) = Store::open(dir);
    let notice = notice.unwrap_or_else(|| panic!("{what}: no notice"));
    let moved_to = notice.moved_to.clone().expect("moved_to");
    assert!(
        notice.message.contains(&moved_to.display().to_string()),
        "{what}: notice does not name {}: {}",
        moved_to.display(),
        notice.message
    );
    assert!(!notice.message.contains('\n'), "{what}: one line");
    assert_eq!(moved_to.parent(), Some(dir));
    let name = moved_to.file_name().unwrap().to_str().unwrap();
    let stamp = name.strip_prefix("bookmarks.json.corrupt-").unwrap();
    assert_eq!(stamp.len(), 16, "{what}: YYYYMMDDTHHMMSSZ in {name}");
    assert!(
        stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T',
        "{name}"
    );
    assert_eq!(fs::read(&moved_to).unwrap(), bytes, "{what}: bytes kept");
    assert!(!file(dir).exists(), "{what}: moved, not copied");
    assert!(store.bookmarks().is_empty());
    assert!(!store.is_read_only());

    // The next save writes a fresh, valid file and leaves the old one alone.
    store.toggle(DOC, "op1", 1);
    store.save().unwrap();
    assert_eq!(fs::read(&moved_to).unwrap(), bytes);
    let (again, notice) = Store::open(dir);
    assert_eq!(notice, None, "{what}: fresh file reads back");
    assert_eq!(again.bookmarks().len(), 1);
    assert_eq!(moved_aside_files(dir), [moved_to]);
    notice_of(bytes)
}

fn notice_of(bytes: &[u8]) -> Notice {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(file(tmp.path()), bytes).unwrap();
    Store::open(tmp.path()).1.unwrap()
}

#[test]
fn a_file_from_a_newer_version_is_moved_aside_not_overwritten() {
    let future = br#"{"version": 2, "bookmarks": [{"doc": "x", "clause": "op1", "tags": ["new"]}], "shelves": {}}"#;
    let notice = assert_moved_aside(future, "version 2");
    assert!(
        notice.message.contains("newer diglot"),
        "{}",
        notice.message
    );
    assert!(
        notice.message.contains("schema version 2"),
        "{}",
        notice.message
    );
}

#[test]
fn garbage_truncated_wrong_shape_and_empty_files_are_moved_aside() {
    let valid = valid_file_bytes();
    let half = &valid[..valid.len() / 2];
    let cases: &[(&[u8], &str, &str)] = &[
        (b"this is not JSON", "not JSON", "not valid JSON"),
        (half, "truncated", "cut short"),
        (b"", "empty", "empty"),
        (b"\n  \n", "blank", "empty"),
        (b"[1, 2, 3]", "array", "not an object"),
        (br#"{"bookmarks": []}"#, "no version", "no schema version"),
        (
            br#"{"version": 1, "bookmarks": [{"doc": 7}]}"#,
            "bad field",
            "unexpected content",
        ),
        (
            br#"{"version": 1, "notes": "x"}"#,
            "unknown field",
            "unknown field",
        ),
        (b"\xff\xfe{\x00", "binary", "not valid JSON"),
    ];
    for (bytes, what, reason) in cases {
        let notice = assert_moved_aside(bytes, what);
        assert!(
            notice.message.contains(reason),
            "{what}: expected {reason:?} in {}",
            notice.message
        );
    }
}

#[test]
fn strict_load_moves_aside_too_and_returns_the_same_message() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(file(tmp.path()), b"{oops").unwrap();
    let notice = Store::open(tmp.path()).1.unwrap();

    fs::write(file(tmp.path()), b"{oops").unwrap();
    let err = Store::load_strict(tmp.path()).unwrap_err();
    let StoreError::MovedAside { moved_to, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(fs::read(moved_to).unwrap(), b"{oops");
    assert!(!file(tmp.path()).exists());
    // Same wording as the notice `open` gave, but for the new name.
    let first = notice.moved_to.unwrap();
    assert_ne!(&first, moved_to, "the first moved file is not replaced");
    assert_eq!(fs::read(&first).unwrap(), b"{oops");
    assert_eq!(
        err.to_string()
            .replace(&moved_to.display().to_string(), "<moved>"),
        notice
            .message
            .replace(&first.display().to_string(), "<moved>")
    );
    // Once moved, the strict load finds no file and succeeds.
    assert!(
        Store::load_strict(tmp.path())
            .unwrap()
            .bookmarks()
            .is_empty()
    );
}

#[test]
fn a_directory_in_place_of_the_file_is_moved_aside_with_its_contents() {
    // A real read failure, even for root: the name is taken by a directory.
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(file(tmp.path())).unwrap();
    fs::write(file(tmp.path()).join("keep.txt"), b"precious").unwrap();
    let (mut store, notice) = Store::open(tmp.path());
    let moved_to = notice.unwrap().moved_to.unwrap();
    assert_eq!(fs::read(moved_to.join("keep.txt")).unwrap(), b"precious");
    store.toggle(DOC, "op1", 1);
    store.save().unwrap();
    assert!(file(tmp.path()).is_file());
}

#[test]
fn a_file_spoiled_while_open_is_moved_aside_at_save() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(tmp.path());
    store.toggle(DOC, "op1", 1);
    store.save().unwrap();
    fs::write(file(tmp.path()), b"{\"version\": 1, \"bookm").unwrap();

    store.toggle(DOC, "op2", 2);
    store.save().unwrap();
    let notice = store.take_notice().expect("save says it moved a file");
    assert_eq!(store.take_notice(), None, "told once");
    let moved_to = notice.moved_to.unwrap();
    assert_eq!(fs::read(&moved_to).unwrap(), b"{\"version\": 1, \"bookm");
    let again = Store::load_strict(tmp.path()).unwrap();
    assert_eq!(again.bookmarks(), store.bookmarks());
    assert_eq!(again.bookmarks().len(), 2);
}

#[test]
fn a_failed_write_after_moving_aside_loses_nothing_at_the_next_save() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(tmp.path());
    store.toggle(DOC, "op1", 1);
    store.save().unwrap();
    fs::write(file(tmp.path()), b"spoiled").unwrap();

    store.toggle(DOC, "op2", 2);
    store.set_fail_writes_for_tests(Some(disk_full));
    assert!(store.save().is_err());
    assert!(
        store.take_notice().is_some(),
        "the file was moved all the same"
    );
    assert!(!file(tmp.path()).exists());

    store.set_fail_writes_for_tests(None);
    store.save().unwrap();
    let again = Store::load_strict(tmp.path()).unwrap();
    assert!(again.is_bookmarked(DOC, "op1") && again.is_bookmarked(DOC, "op2"));
    assert_eq!(store.bookmarks(), again.bookmarks());
}

fn fail_move() -> io::Error {
    io::Error::other("the disk is read-only")
}

#[test]
fn when_moving_aside_fails_the_store_is_read_only_and_never_writes() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(file(tmp.path()), b"garbage").unwrap();
    let faults = Faults {
        fail_move_aside: Some(fail_move),
        ..Faults::default()
    };
    let (mut store, notice) = Store::open_with_faults(tmp.path(), faults);
    let notice = notice.unwrap();
    assert_eq!(notice.moved_to, None);
    assert!(
        notice
            .message
            .contains("could not be moved aside (the disk is read-only)")
    );
    assert!(notice.message.contains("not saved"), "{}", notice.message);
    assert!(store.is_read_only());
    assert!(store.bookmarks().is_empty());

    assert!(store.toggle(DOC, "op1", 1));
    let err = store.save().unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert!(store.is_bookmarked(DOC, "op1"), "memory kept");
    assert_eq!(fs::read(file(tmp.path())).unwrap(), b"garbage");
    assert!(moved_aside_files(tmp.path()).is_empty());
}

fn disk_full() -> io::Error {
    // ENOSPC on Linux and macOS alike.
    io::Error::from_raw_os_error(28)
}

#[test]
fn an_injected_full_disk_keeps_memory_and_the_old_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(tmp.path());
    store.toggle(DOC, "op1", 1);
    store.save().unwrap();
    let before = fs::read(file(tmp.path())).unwrap();

    store.toggle(DOC, "op2", 2);
    store.set_note(DOC, "op1", "edited");
    store.set_fail_writes_for_tests(Some(disk_full));
    let err = store.save().unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Write { .. }), "{err:?}");
    assert_eq!(
        message,
        format!(
            "cannot save bookmarks to {}: {}",
            file(tmp.path()).display(),
            disk_full().to_string().split(" (os error").next().unwrap()
        )
    );
    assert!(!message.contains("os error"));
    // Memory unchanged and still to be saved; disk unchanged; no debris.
    assert!(store.is_dirty());
    assert!(store.is_bookmarked(DOC, "op2"));
    assert_eq!(store.bookmark(DOC, "op1").unwrap().note, "edited");
    assert_eq!(fs::read(file(tmp.path())).unwrap(), before);
    assert_eq!(names(tmp.path()), ["bookmarks.json", "bookmarks.lock"]);

    // Once there is room again, the same changes are saved.
    store.set_fail_writes_for_tests(None);
    store.save().unwrap();
    let again = Store::load_strict(tmp.path()).unwrap();
    assert!(again.is_bookmarked(DOC, "op2"));
    assert_eq!(again.bookmark(DOC, "op1").unwrap().note, "edited");
}

#[test]
fn a_data_directory_that_cannot_be_created_is_a_clear_error() {
    // Real, not injected: the data directory's parent is a file.
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("a-file");
    fs::write(&blocker, b"x").unwrap();
    let dir = blocker.join("diglot");
    let (mut store, notice) = Store::open(&dir);
    // Looking under a file is an error of its own: the store says it cannot
    // look there and will not save.
    let notice = notice.expect("notice");
    assert!(
        notice.message.contains(&dir.display().to_string()),
        "{}",
        notice.message
    );
    store.toggle(DOC, "op1", 1);
    assert!(store.save().is_err());
    assert!(store.is_bookmarked(DOC, "op1"));
    assert_eq!(fs::read(&blocker).unwrap(), b"x");
}

#[test]
fn a_data_directory_replaced_by_a_file_after_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("diglot");
    let (mut store, notice) = Store::open(&dir);
    assert_eq!(notice, None);
    fs::write(&dir, b"x").unwrap();
    store.toggle(DOC, "op1", 1);
    let err = store.save().unwrap_err();
    assert!(matches!(err, StoreError::CreateDir { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with(&format!(
            "cannot create the data directory {}: ",
            dir.display()
        )),
        "{err}"
    );
    assert!(store.is_bookmarked(DOC, "op1"));
}

#[test]
fn debris_of_a_killed_save_is_cleared_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let debris = tmp.path().join(".bookmarks.json.tmp-999999-0");
    fs::write(&debris, b"{\"version\": 1, \"bookmarks\": [").unwrap();
    let mine = tmp.path().join("notes.txt");
    fs::write(&mine, b"mine").unwrap();
    let (mut store, _) = Store::open(tmp.path());
    store.toggle(DOC, "op1", 1);
    store.save().unwrap();
    assert!(!debris.exists());
    assert_eq!(fs::read(&mine).unwrap(), b"mine");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the file holds: open never panics, and the bytes either load
    /// (and stay as they are) or are moved aside intact.
    #[test]
    fn any_bytes_load_or_are_moved_aside_intact(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..200),
            "[ -~]{0,120}".prop_map(String::into_bytes),
            Just(br#"{"version":1,"bookmarks":[],"positions":{}}"#.to_vec()),
        ]
    ) {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(file(tmp.path()), &bytes).unwrap();
        let (store, notice) = Store::open(tmp.path());
        match notice {
            None => prop_assert_eq!(fs::read(file(tmp.path())).unwrap(), bytes),
            Some(notice) => {
                let moved_to = notice.moved_to.unwrap();
                prop_assert_eq!(fs::read(moved_to).unwrap(), bytes);
                prop_assert!(store.bookmarks().is_empty());
            }
        }
    }
}

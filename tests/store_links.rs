//! Symbolic links where diglot's own files should be: never read or
//! written through, never followed to create or change their target.

#![cfg(unix)]
#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use diglot::store::{Store, StoreError};

const DOC: &str = "A/RES/67/189";

fn file(dir: &Path) -> PathBuf {
    dir.join("bookmarks.json")
}

fn valid_file_bytes() -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(tmp.path());
    store.toggle(DOC, "op1", 1);
    store.set_note(DOC, "op1", "a note");
    store.save().unwrap();
    fs::read(file(tmp.path())).unwrap()
}

#[test]
fn a_linked_bookmarks_file_is_neither_read_nor_written_through() {
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tmp.path().join("elsewhere.json");
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    let original = valid_file_bytes();
    fs::write(&elsewhere, &original).unwrap();
    symlink(&elsewhere, file(&data)).unwrap();

    let (mut store, notice) = Store::open(&data);
    let notice = notice.unwrap();
    assert!(
        notice.message.contains("symbolic link"),
        "{}",
        notice.message
    );
    assert!(notice.message.contains(&file(&data).display().to_string()));
    assert!(store.is_read_only());
    store.toggle(DOC, "op1", 1);
    assert!(store.save().is_err());
    assert!(Store::load_strict(&data).is_err());

    assert_eq!(fs::read(&elsewhere).unwrap(), original, "target untouched");
    assert!(fs::symlink_metadata(file(&data)).unwrap().is_symlink());
}

#[test]
fn a_link_appearing_after_open_is_refused_at_save() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("target.json");
    fs::write(&target, b"not mine").unwrap();
    let data = tmp.path().join("data");
    let (mut store, _) = Store::open(&data);
    store.toggle(DOC, "op1", 1);
    store.save().unwrap();

    fs::remove_file(file(&data)).unwrap();
    symlink(&target, file(&data)).unwrap();
    store.toggle(DOC, "op2", 2);
    let err = store.save().unwrap_err();
    assert!(matches!(err, StoreError::Symlink { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains(&file(&data).display().to_string()));
    assert!(message.contains("symbolic link"));
    assert_eq!(fs::read(&target).unwrap(), b"not mine");
    assert!(fs::symlink_metadata(file(&data)).unwrap().is_symlink());
    assert!(store.is_bookmarked(DOC, "op2") && store.is_dirty());
}

#[test]
fn a_dangling_link_is_not_followed_to_create_its_target() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("would-be-created.json");
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    symlink(&target, file(&data)).unwrap();
    let (mut store, notice) = Store::open(&data);
    assert!(notice.unwrap().message.contains("symbolic link"));
    store.toggle(DOC, "op1", 1);
    assert!(store.save().is_err());
    assert!(!target.exists());
}

#[test]
fn a_linked_lock_file_is_refused_and_its_target_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    let existing = tmp.path().join("some-file");
    fs::write(&existing, b"keep").unwrap();
    let dangling = tmp.path().join("no-such-file");
    for target in [&existing, &dangling] {
        let _ = fs::remove_file(data.join("bookmarks.lock"));
        symlink(target, data.join("bookmarks.lock")).unwrap();
        let (mut store, notice) = Store::open(&data);
        assert_eq!(notice, None, "reading takes no lock");
        store.toggle(DOC, "op1", 1);
        let err = store.save().unwrap_err();
        assert!(matches!(err, StoreError::Symlink { .. }), "{err:?}");
        assert!(err.to_string().contains("bookmarks.lock"));
        assert!(!file(&data).exists());
    }
    assert_eq!(fs::read(&existing).unwrap(), b"keep");
    assert!(!dangling.exists());
}

#[test]
fn unreadable_file_with_a_linked_lock_file_is_left_alone() {
    // Moving aside needs the lock; without it the store stays read-only.
    let tmp = tempfile::tempdir().unwrap();
    fs::write(file(tmp.path()), b"garbage").unwrap();
    symlink(
        tmp.path().join("nowhere"),
        tmp.path().join("bookmarks.lock"),
    )
    .unwrap();
    let (store, notice) = Store::open(tmp.path());
    let message = notice.unwrap().message;
    assert!(message.contains("could not be moved aside"), "{message}");
    assert!(message.contains("bookmarks.lock"), "{message}");
    assert!(store.is_read_only());
    assert_eq!(fs::read(file(tmp.path())).unwrap(), b"garbage");
}

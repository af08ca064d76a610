//! Real permission failures: a read-only data directory, a file the user
//! may not read.
//!
//! Root (and `CAP_DAC_OVERRIDE`) reads and writes through permission bits,
//! so as root each of these tests re-runs itself as user 65534 (`nobody`)
//! through util-linux's `setpriv`, where that works; where it does not, the
//! test says so on stderr and passes without having exercised anything (the
//! injected failures in `store_recovery.rs` still cover the save path).

#![cfg(unix)]
#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use diglot::store::{Store, StoreError};

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

const UNPRIVILEGED: &str = "DIGLOT_TEST_UNPRIVILEGED";

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Whether permission bits stop this process: a read-only directory
/// refuses a new file.
fn enforced() -> bool {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("probe-dir");
    fs::create_dir(&dir).unwrap();
    chmod(&dir, 0o555);
    let enforced = fs::write(dir.join("probe"), b"").is_err();
    chmod(&dir, 0o755);
    enforced
}

/// True when the caller should run the test body here; otherwise the
/// test was run unprivileged in a child (and passed), or cannot be run.
fn here_or_unprivileged(test: &str) -> bool {
    if enforced() {
        return true;
    }
    assert!(
        std::env::var_os(UNPRIVILEGED).is_none(),
        "running as user 65534, yet permission bits are not enforced"
    );
    let exe = std::env::current_exe().unwrap();
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&exe)
        .args([test, "--exact", "--test-threads=1"])
        .env(UNPRIVILEGED, "1")
        .env("TMPDIR", std::env::temp_dir())
        .output();
    let stdout = output
        .as_ref()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if stdout.contains("test result: ok. 1 passed") {
        eprintln!("note: {test} passed as user 65534");
        return false;
    }
    if stdout.contains("FAILED") {
        let stderr = String::from_utf8_lossy(&output.unwrap().stderr).into_owned();
        panic!("{test} failed as user 65534:\n{stdout}\n{stderr}");
    }
    eprintln!(
        "note: {test} not exercised: permission bits do not apply to this user and setpriv could not run it as another"
    );
    false
}

#[test]
fn a_read_only_data_directory() {
    if !here_or_unprivileged("a_read_only_data_directory") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ro");
    fs::create_dir(&dir).unwrap();
    chmod(&dir, 0o555);
    let (mut store, notice) = Store::open(&dir);
    assert_eq!(notice, None);
    store.toggle(DOC, "op1", 1);
    // No lock file can be made: the lock step fails first.
    let err = store.save().unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with("cannot save bookmarks"), "{message}");
    assert!(message.contains(&dir.display().to_string()), "{message}");
    assert!(store.is_bookmarked(DOC, "op1"));
    chmod(&dir, 0o755);
    store.save().unwrap();

    // With a lock file already there, the write itself fails.
    chmod(&dir, 0o555);
    store.toggle(DOC, "op2", 2);
    let err = store.save().unwrap_err();
    assert!(matches!(err, StoreError::Write { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "cannot save bookmarks to {}: Permission denied",
            file(&dir).display()
        )
    );
    assert!(store.is_dirty() && store.is_bookmarked(DOC, "op2"));
    chmod(&dir, 0o755);
    store.save().unwrap();
    assert!(Store::load_strict(&dir).unwrap().is_bookmarked(DOC, "op2"));
}

#[test]
fn a_file_without_read_permission_is_moved_aside() {
    if !here_or_unprivileged("a_file_without_read_permission_is_moved_aside") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    fs::write(file(tmp.path()), b"{\"version\": 1}").unwrap();
    chmod(&file(tmp.path()), 0o000);
    let (store, notice) = Store::open(tmp.path());
    let notice = notice.unwrap();
    assert!(
        notice.message.contains("Permission denied"),
        "{}",
        notice.message
    );
    let moved_to = notice.moved_to.unwrap();
    chmod(&moved_to, 0o600);
    assert_eq!(fs::read(&moved_to).unwrap(), b"{\"version\": 1}");
    assert!(!store.is_read_only());
}

#[test]
fn an_unreadable_file_in_a_read_only_directory_is_left_and_nothing_written() {
    if !here_or_unprivileged(
        "an_unreadable_file_in_a_read_only_directory_is_left_and_nothing_written",
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ro");
    fs::create_dir(&dir).unwrap();
    fs::write(file(&dir), b"garbage").unwrap();
    fs::write(dir.join("bookmarks.lock"), b"").unwrap();
    chmod(&dir, 0o555);
    let (mut store, notice) = Store::open(&dir);
    let message = notice.unwrap().message;
    assert!(
        message.contains("could not be moved aside (Permission denied)"),
        "{message}"
    );
    assert!(store.is_read_only());
    store.toggle(DOC, "op1", 1);
    assert!(matches!(store.save(), Err(StoreError::ReadOnly { .. })));
    chmod(&dir, 0o755);
    assert_eq!(fs::read(file(&dir)).unwrap(), b"garbage");
    assert_eq!(names(&dir), ["bookmarks.json", "bookmarks.lock"]);
}

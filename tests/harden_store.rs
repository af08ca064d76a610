//! Saved data on file systems that really fail, through the reader's own
//! save path (`diglot::term::save` on an `App` whose store lives there):
//! a full disk (a 64 kB tmpfs filled to the last byte) and a read-only
//! file system (a tmpfs remounted read-only, which stops root too, unlike
//! permission bits).
//!
//! Mounting needs root (or `CAP_SYS_ADMIN`). Where `mount` is refused, each
//! test says so on stderr and passes without having exercised anything;
//! the injected failures in `store_recovery.rs` still cover the save path.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use diglot::align::Pair;
use diglot::app::viewport::Layout;
use diglot::app::{App, Effect, Event, Options, update};
use diglot::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A tmpfs mounted on a fresh temporary directory, unmounted when dropped.
struct Tmpfs {
    point: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` bytes, or says why it cannot and returns
    /// `None`.
    fn mount(size: u64, test: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let point = dir.path().join("mnt");
        fs::create_dir(&point).unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(&point)
            .output();
        match out {
            Ok(out) if out.status.success() => Some(Tmpfs { point, _dir: dir }),
            Ok(out) => {
                eprintln!(
                    "note: {test} not exercised: mount -t tmpfs refused: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("note: {test} not exercised: cannot run mount: {e}");
                None
            }
        }
    }

    /// Remounts with `options`. A remount to read-only fails with EBUSY
    /// while any file there is open for writing, and under a loaded test
    /// run a descriptor can still be closing (seen once in the full suite):
    /// try for up to two seconds.
    fn remount(&self, options: &str) {
        for _ in 0..40 {
            let status = Command::new("mount")
                .args(["-o", &format!("remount,{options}")])
                .arg(&self.point)
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap();
            if status.success() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("remount {options} of {} kept failing", self.point.display());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.point).status();
    }
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Moves to the next clause and bookmarks it, as a reader would (`}`,
/// `m`), then saves as the terminal loop does on `Effect::Save`. Returns
/// the clause id.
fn bookmark_next(app: &mut App) -> String {
    key(app, KeyCode::Char('}'));
    let effects = key(app, KeyCode::Char('m'));
    assert!(effects.contains(&Effect::Save), "{effects:?}");
    diglot::term::save(app);
    app.pair.rows[app.focus].id.to_string()
}

fn store(app: &App) -> &Store {
    app.store.as_ref().unwrap()
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

/// Fills the file system holding `dir` to the last byte; returns the filler.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut file = OpenOptions::new()
        .create_new(true)
        .write(true)
        .open(&path)
        .unwrap();
    let chunk = vec![0u8; 4096];
    let err = loop {
        if let Err(e) = file.write_all(&chunk) {
            break e;
        }
    };
    assert_eq!(err.raw_os_error(), Some(28), "{err}");
    // Not a byte more: even one fails.
    assert!(file.write_all(b"x").is_err());
    path
}

fn reader(dir: &Path) -> App {
    let mut app = App::new(Pair::embedded(), Options::default(), Layout::Side, 100, 30);
    let (store, notice) = Store::open(dir);
    assert_eq!(notice, None);
    app.store = Some(store);
    app
}

#[test]
fn a_full_disk_keeps_bookmarks_in_memory_tells_once_and_leaves_the_old_file() {
    let Some(fs) = Tmpfs::mount(64 * 1024, "a_full_disk_keeps_bookmarks_in_memory") else {
        return;
    };
    let dir = &fs.point;
    let file = dir.join("bookmarks.json");
    let mut app = reader(dir);
    let first = bookmark_next(&mut app);
    assert!(!store(&app).is_dirty(), "{:?}", app.message);
    let before = fs::read(&file).unwrap();
    let filler = fill(dir);

    // The save fails: the reader hears it once, in one line, with the path
    // and the system's words; the bookmark stays in memory.
    let second = bookmark_next(&mut app);
    assert_eq!(
        app.message.as_deref(),
        Some(
            format!(
                "cannot save bookmarks to {}: No space left on device (kept in memory)",
                file.display()
            )
            .as_str()
        )
    );
    assert!(store(&app).is_bookmarked(&app.pair.id, &second));
    assert!(store(&app).is_dirty());
    // The old file is intact and nothing half-written is left behind.
    assert_eq!(fs::read(&file).unwrap(), before);
    assert_eq!(names(dir), ["bookmarks.json", "bookmarks.lock", "filler"]);

    // Later failures are not repeated: the message is the key's own.
    let third = bookmark_next(&mut app);
    assert_eq!(
        app.message.as_deref(),
        Some(format!("Bookmarked {}", app.pair.rows[app.focus].id.citation()).as_str())
    );
    assert_eq!(fs::read(&file).unwrap(), before);
    assert_eq!(names(dir), ["bookmarks.json", "bookmarks.lock", "filler"]);

    // Room again: the next save (the autosave, say) writes everything.
    fs::remove_file(filler).unwrap();
    diglot::term::save(&mut app);
    assert!(!store(&app).is_dirty());
    let saved = Store::load_strict(dir).unwrap();
    for clause in [&first, &second, &third] {
        assert!(saved.is_bookmarked(&app.pair.id, clause), "{clause}");
    }
    assert_eq!(saved.position(&app.pair.id), Some(third.as_str()));
    assert_eq!(names(dir), ["bookmarks.json", "bookmarks.lock"]);
}

#[test]
fn a_full_disk_does_not_stop_an_unreadable_file_being_moved_aside() {
    let Some(fs) = Tmpfs::mount(64 * 1024, "a_full_disk_does_not_stop_moving_aside") else {
        return;
    };
    let dir = &fs.point;
    let garbage = b"{\"version\": 1, \"bookmarks\": [".repeat(100);
    fs::write(dir.join("bookmarks.json"), &garbage).unwrap();
    let filler = fill(dir);
    // Moving aside is a link and an unlink: it needs no room.
    let (mut store, notice) = Store::open(dir);
    let moved_to = notice.unwrap().moved_to.unwrap();
    assert_eq!(fs::read(&moved_to).unwrap(), garbage);
    assert!(!store.is_read_only());
    store.toggle("A/RES/67/189", "op1", 1);
    let err = store.save().unwrap_err();
    assert!(err.to_string().contains("No space left on device"), "{err}");
    assert!(store.is_bookmarked("A/RES/67/189", "op1"));
    fs::remove_file(filler).unwrap();
    store.save().unwrap();
    assert_eq!(fs::read(&moved_to).unwrap(), garbage);
    assert!(
        Store::load_strict(dir)
            .unwrap()
            .is_bookmarked("A/RES/67/189", "op1")
    );
}

#[test]
fn a_read_only_file_system_keeps_bookmarks_in_memory_and_the_old_file() {
    let Some(fs) = Tmpfs::mount(1024 * 1024, "a_read_only_file_system") else {
        return;
    };
    let dir = &fs.point;
    let file = dir.join("bookmarks.json");
    let mut app = reader(dir);
    let first = bookmark_next(&mut app);
    let before = fs::read(&file).unwrap();
    fs.remount("ro");

    let second = bookmark_next(&mut app);
    assert_eq!(
        app.message.as_deref(),
        Some(
            format!(
                "cannot save bookmarks to {}: Read-only file system (kept in memory)",
                file.display()
            )
            .as_str()
        )
    );
    assert!(store(&app).is_bookmarked(&app.pair.id, &second));
    assert_eq!(fs::read(&file).unwrap(), before);

    fs.remount("rw");
    diglot::term::save(&mut app);
    let saved = Store::load_strict(dir).unwrap();
    assert!(saved.is_bookmarked(&app.pair.id, &first));
    assert!(saved.is_bookmarked(&app.pair.id, &second));
}

#[test]
fn a_fresh_read_only_file_system_cannot_even_be_locked() {
    let Some(fs) = Tmpfs::mount(64 * 1024, "a_fresh_read_only_file_system") else {
        return;
    };
    fs.remount("ro");
    let dir = &fs.point;
    let mut app = reader(dir);
    bookmark_next(&mut app);
    assert_eq!(
        app.message.as_deref(),
        Some(
            format!(
                "cannot save bookmarks: cannot lock {}: Read-only file system (kept in memory)",
                dir.join("bookmarks.lock").display()
            )
            .as_str()
        )
    );
    assert!(names(dir).is_empty());
}

#[test]
fn an_unreadable_file_on_a_read_only_file_system_is_left_alone() {
    let Some(fs) = Tmpfs::mount(64 * 1024, "an_unreadable_file_on_a_read_only_fs") else {
        return;
    };
    let dir = &fs.point;
    fs::write(dir.join("bookmarks.json"), b"garbage").unwrap();
    fs::write(dir.join("bookmarks.lock"), b"").unwrap();
    fs.remount("ro");
    let (mut store, notice) = Store::open(dir);
    let message = notice.unwrap().message;
    assert!(
        message.contains("could not be moved aside (Read-only file system)"),
        "{message}"
    );
    assert!(store.is_read_only());
    store.toggle("A/RES/67/189", "op1", 1);
    assert!(store.save().is_err());
    assert_eq!(fs::read(dir.join("bookmarks.json")).unwrap(), b"garbage");
    assert_eq!(names(dir), ["bookmarks.json", "bookmarks.lock"]);
}

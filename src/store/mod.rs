//! Saved bookmarks and reading positions.
//!
//! This module owns the reader's only file: `bookmarks.json` in the data
//! directory ([`resolve_data_dir`]). It knows nothing of documents, the
//! terminal or the app; it stores strings it is given (document ids, clause
//! ids, notes) and must not lose them.
//!
//! # Files
//!
//! ```text
//! <data dir>/bookmarks.json                         the store (below)
//! <data dir>/bookmarks.lock                         empty; locked during a save; never deleted
//! <data dir>/.bookmarks.json.tmp-<pid>-<n>          the next version, only while a save runs
//! <data dir>/bookmarks.json.corrupt-<YYYYMMDDTHHMMSSZ>[-N]
//!                                                   an unreadable file, moved aside intact (UTC)
//! ```
//!
//! `bookmarks.json` is pretty-printed JSON, schema version
//! [`SCHEMA_VERSION`]:
//!
//! ```json
//! {
//!   "version": 1,
//!   "bookmarks": [
//!     { "doc": "A/RES/67/189", "clause": "op12", "note": "", "created": 1700000000 }
//!   ],
//!   "positions": { "A/RES/67/189": "op12" }
//! }
//! ```
//!
//! `version` is required; a missing `bookmarks` or `positions` means none.
//! Bookmarks are written in listing order (see [`Store`]). Reading is strict,
//! because whatever this version does not understand would be lost when the
//! file is next written: an unknown field, two bookmarks on one clause, two
//! positions for one document, or a newer schema version makes the file
//! unreadable, and so moved aside intact.
//!
//! # Guarantees
//!
//! - **Atomic.** A save writes a new file beside the old one, flushes it
//!   (`sync_all`), renames it over `bookmarks.json` and flushes the directory.
//!   A crash or `SIGKILL` at any moment leaves either the previous file or the
//!   new one, complete. Temporary files of a killed save are removed by the
//!   next save.
//! - **Never overwrites what it cannot read.** A file that is empty, cut
//!   short, not JSON, not shaped like ours or from a newer schema version is
//!   moved aside, byte for byte, to a name that does not exist yet (never
//!   replacing anything), and the reader is told where in one line
//!   ([`Notice`]). If it cannot be moved aside, the store turns read-only for
//!   the session and never writes.
//! - **Never through a link.** If `bookmarks.json` or `bookmarks.lock` is a
//!   symbolic link, nothing is read or written through it, nor is its target
//!   touched; the store says so and does not save. (The data directory itself
//!   may be reached through links: only these two names are ours.)
//! - **Two instances lose neither one's work.** [`Store::save`] takes an
//!   exclusive lock on `bookmarks.lock`, re-reads the file and applies only
//!   this instance's own changes since it last loaded or saved (adds,
//!   deletes, note edits, changed positions) to what is there now (see
//!   below). Reading needs no lock: the rename makes every version whole.
//! - **Failures are reported, not fatal.** A full disk, a read-only
//!   directory, a lock held too long: `save` returns a [`StoreError`] naming
//!   the path, and the in-memory state is kept as it was, so a later save can
//!   still succeed.
//!
//! # Merging
//!
//! Each store keeps a *base*, what it last read or wrote, beside what it
//! holds now. A save reads the file as it is now and applies to it only the
//! difference between base and now, bookmark by bookmark (keyed by
//! document and clause):
//!
//! | base | now | means | applied to the file |
//! |---|---|---|---|
//! | – | b | we added it | inserted; if another instance bookmarked the same clause meanwhile, the older `created` is kept, and our note unless ours is empty |
//! | b | – | we deleted it | removed if the file still holds `b` exactly; if another instance changed it since, their newer version is kept |
//! | b | b′ ≠ b | we edited it (note, or removed and added again) | the fields we changed are set; if another instance deleted it meanwhile, ours is put back (our edit is newer than the delete it never saw) |
//! | b | b | untouched | whatever the file holds, including another instance's delete or edit |
//!
//! A document whose reading position we changed gets ours; every other keeps
//! the file's. Two instances editing the same note: the later save wins. The
//! merged result is written, and becomes both the new base and what the
//! store holds, so other instances' work shows up here after each save (or
//! [`Store::refresh`]). If the file cannot be read at save time it is moved
//! aside as at open, and everything this store holds is written.
//!
//! # Limits
//!
//! - Durability needs a file system that honours `fsync`.
//! - Where the file system has no working `flock`, a save fails with a lock
//!   error rather than run unlocked.
//! - A save waits at most 10 s for the lock (another instance stopped in the
//!   middle of its save), then fails with [`StoreError::LockTimeout`].
//! - Programs other than diglot that write `bookmarks.json` without taking
//!   the lock can still race a save.
//! - A `bookmarks.json` deleted while a store is open counts as emptied by
//!   someone else: the next save writes only this store's own changes.
//! - A file from a newer diglot is moved aside by an older one (and named in
//!   the notice): running an older diglot after a newer one sets the newer
//!   one's bookmarks aside, not lost but no longer in use.
//! - Links are checked with `lstat` just before reading, so a link slipped in
//!   at that instant could be read through (never written through: the save
//!   renames over the name, which replaces a link rather than follow it).
//! - Anything but a plain file at `bookmarks.lock` (a FIFO would block the
//!   open forever) is refused, so nothing is saved and an unreadable file
//!   is not moved aside; the type is checked with `lstat` just before
//!   opening, so one swapped in at that instant is not caught.

mod disk;
mod error;
mod format;
mod merge;
mod model;

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

#[doc(hidden)]
pub use disk::Faults;
pub use error::StoreError;
pub use format::SCHEMA_VERSION;
pub use model::Bookmark;

use disk::OnDisk;
use model::Contents;

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "DIGLOT_DATA_DIR";

/// The data directory: the `--data-dir` flag, else `DIGLOT_DATA_DIR`, else
/// the platform's data directory for diglot (`~/.local/share/diglot` on
/// Linux). `None` when there is no home directory to put it in. An empty
/// flag or variable counts as not given.
pub fn resolve_data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    resolve_data_dir_from(
        flag,
        std::env::var_os(DATA_DIR_ENV).as_deref(),
        default_data_dir,
    )
}

/// [`resolve_data_dir`] with the environment value and the platform default
/// passed in, so the precedence can be tested without touching the
/// process's environment. `default` is called only when needed.
pub fn resolve_data_dir_from(
    flag: Option<&Path>,
    env: Option<&OsStr>,
    default: impl FnOnce() -> Option<PathBuf>,
) -> Option<PathBuf> {
    if let Some(flag) = flag.filter(|p| !p.as_os_str().is_empty()) {
        return Some(flag.to_owned());
    }
    if let Some(env) = env.filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(env));
    }
    default()
}

/// The platform's data directory for diglot, from the `directories` crate.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "diglot").map(|dirs| dirs.data_dir().to_owned())
}

/// Something the reader should be told once, in one line: the bookmarks file
/// was moved aside, or bookmarks will not be saved this session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The line to show.
    pub message: String,
    /// Where an unreadable file was moved to, if it was.
    pub moved_to: Option<PathBuf>,
}

impl From<&StoreError> for Notice {
    fn from(error: &StoreError) -> Self {
        Self {
            message: error.to_string(),
            moved_to: match error {
                StoreError::MovedAside { moved_to, .. } => Some(moved_to.clone()),
                _ => None,
            },
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Bookmarks and reading positions of one data directory.
///
/// Changes are made in memory and written by [`Store::save`]. Bookmarks are
/// listed by document id, then oldest first (then by clause id, for those
/// made in the same second): an order that depends only on what is stored,
/// so every instance shows the same list. Putting a document's bookmarks in
/// reading order needs the document, and is the caller's business.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// What this instance last read from or wrote to disk.
    base: Contents,
    /// What it holds now.
    current: Contents,
    /// Why this store never writes, if it does not.
    read_only: Option<String>,
    /// Something a save had to do that the reader should hear of.
    notice: Option<Notice>,
    faults: Faults,
}

impl Store {
    fn new(dir: &Path, contents: Contents, faults: Faults) -> Self {
        Self {
            dir: dir.to_owned(),
            base: contents.clone(),
            current: contents,
            read_only: None,
            notice: None,
            faults,
        }
    }

    /// Opens `<dir>/bookmarks.json` (nothing is created before the first
    /// save). Never fails: a file that cannot be used is moved aside and the
    /// store starts empty, or, when even that is impossible, the store starts
    /// empty and read-only. Either way the notice says what happened.
    pub fn open(dir: &Path) -> (Store, Option<Notice>) {
        Self::open_with_faults(dir, Faults::default())
    }

    /// Like [`Store::open`], but a file that cannot be used is an error (with
    /// the same message as the notice). It is moved aside all the same.
    pub fn load_strict(dir: &Path) -> Result<Store, StoreError> {
        match Self::load(dir, Faults::default()) {
            (store, None) => Ok(store),
            (_, Some(problem)) => Err(problem),
        }
    }

    #[doc(hidden)]
    pub fn open_with_faults(dir: &Path, faults: Faults) -> (Store, Option<Notice>) {
        let (store, problem) = Self::load(dir, faults);
        (store, problem.as_ref().map(Notice::from))
    }

    fn load(dir: &Path, faults: Faults) -> (Store, Option<StoreError>) {
        let path = dir.join(disk::FILE_NAME);
        let read_only = |problem: StoreError, reason: String| {
            let mut store = Self::new(dir, Contents::default(), faults);
            store.read_only = Some(reason);
            (store, Some(problem))
        };
        let unreachable = |source| {
            let e = StoreError::Inaccessible {
                path: path.clone(),
                source,
            };
            let reason = e.to_string();
            read_only(e, reason)
        };
        let symlink = || {
            let reason = format!("{} is a symbolic link", path.display());
            read_only(StoreError::Symlink { path: path.clone() }, reason)
        };
        let first_reason = match disk::read(&path) {
            Err(source) => return unreachable(source),
            Ok(OnDisk::Missing) => return (Self::new(dir, Contents::default(), faults), None),
            Ok(OnDisk::Valid(contents)) => return (Self::new(dir, contents, faults), None),
            Ok(OnDisk::Symlink) => return symlink(),
            Ok(OnDisk::Unreadable(reason)) => reason,
        };
        // Move it aside under the lock, after reading it again: another
        // instance may have replaced it meanwhile, and its good file must not
        // be the one moved.
        let cannot_move = |reason: String, source| {
            let e = StoreError::CannotMoveAside {
                path: path.clone(),
                reason,
                source,
            };
            let why = format!("{} could not be read nor moved aside", path.display());
            read_only(e, why)
        };
        let lock = match disk::lock(dir, &faults) {
            Ok(lock) => lock,
            Err(e) => {
                let why = match e {
                    StoreError::Lock { path, source } => {
                        format!("cannot lock {}: {}", path.display(), error::human(&source))
                    }
                    StoreError::Symlink { path } => {
                        format!("{} is a symbolic link", path.display())
                    }
                    StoreError::LockTimeout { path, seconds } => format!(
                        "{} has been locked by another diglot for more than {seconds} s",
                        path.display()
                    ),
                    other => other.to_string(),
                };
                return cannot_move(first_reason, std::io::Error::other(why));
            }
        };
        let outcome = match disk::read(&path) {
            Err(source) => unreachable(source),
            Ok(OnDisk::Missing) => (Self::new(dir, Contents::default(), faults), None),
            Ok(OnDisk::Valid(contents)) => (Self::new(dir, contents, faults), None),
            Ok(OnDisk::Symlink) => symlink(),
            Ok(OnDisk::Unreadable(reason)) => match disk::move_aside(&path, &faults) {
                Ok(moved_to) => (
                    Self::new(dir, Contents::default(), faults),
                    Some(StoreError::MovedAside {
                        path: path.clone(),
                        reason,
                        moved_to,
                    }),
                ),
                Err(source) => cannot_move(reason, source),
            },
        };
        drop(lock);
        outcome
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `<dir>/bookmarks.json`.
    pub fn file_path(&self) -> PathBuf {
        self.dir.join(disk::FILE_NAME)
    }

    /// Whether this store refuses to write (see the notice `open` gave).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// A notice from the last save, if it had to move an unreadable file
    /// aside; taken once.
    pub fn take_notice(&mut self) -> Option<Notice> {
        self.notice.take()
    }

    /// All bookmarks, by document id, then oldest first.
    pub fn bookmarks(&self) -> &[Bookmark] {
        self.current.bookmarks()
    }

    /// The bookmarks of one document, oldest first.
    pub fn bookmarks_for<'a>(&'a self, doc: &'a str) -> impl Iterator<Item = &'a Bookmark> {
        self.current.of_doc(doc).iter()
    }

    /// The bookmark on a clause, if there is one.
    pub fn bookmark(&self, doc: &str, clause: &str) -> Option<&Bookmark> {
        self.current.get(doc, clause)
    }

    pub fn is_bookmarked(&self, doc: &str, clause: &str) -> bool {
        self.current.get(doc, clause).is_some()
    }

    /// Bookmarks the clause (empty note, made `now`) or removes its bookmark.
    /// Returns whether it is bookmarked now.
    pub fn toggle(&mut self, doc: &str, clause: &str, now: u64) -> bool {
        if self.current.remove(doc, clause).is_some() {
            false
        } else {
            self.current.upsert(Bookmark::new(doc, clause, now));
            true
        }
    }

    /// Adds a bookmark, replacing any bookmark on the same clause.
    pub fn add(&mut self, bookmark: Bookmark) {
        self.current.upsert(bookmark);
    }

    pub fn remove(&mut self, doc: &str, clause: &str) -> Option<Bookmark> {
        self.current.remove(doc, clause)
    }

    /// Sets the note of an existing bookmark; false if there is none.
    pub fn set_note(&mut self, doc: &str, clause: &str, note: &str) -> bool {
        self.current.set_note(doc, clause, note)
    }

    /// The last focused clause of a document.
    pub fn position(&self, doc: &str) -> Option<&str> {
        self.current.position(doc)
    }

    pub fn set_position(&mut self, doc: &str, clause: &str) {
        self.current.set_position(doc, clause);
    }

    /// Every remembered position, as (document id, clause id).
    pub fn positions(&self) -> impl Iterator<Item = (&str, &str)> {
        self.current
            .positions()
            .iter()
            .map(|(doc, clause)| (doc.as_str(), clause.as_str()))
    }

    /// Whether there are changes not saved yet.
    pub fn is_dirty(&self) -> bool {
        self.current != self.base
    }

    /// Writes this instance's changes, merged with what other instances saved
    /// meanwhile, and adopts the merged result (so their bookmarks appear
    /// here too). Does nothing when nothing changed. On failure the
    /// bookmarks and positions in memory stay as they are, so a later save
    /// tries again with the same changes.
    pub fn save(&mut self) -> Result<(), StoreError> {
        if !self.is_dirty() {
            return Ok(());
        }
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly {
                reason: reason.clone(),
            });
        }
        let path = self.file_path();
        std::fs::create_dir_all(&self.dir).map_err(|source| StoreError::CreateDir {
            path: self.dir.clone(),
            source,
        })?;
        let lock = disk::lock(&self.dir, &self.faults)?;
        disk::remove_stale_temps(&self.dir);
        let write_error = |source| StoreError::Write {
            path: path.clone(),
            source,
        };
        // What to write: our changes merged onto the file as it is now; or,
        // when the file cannot be read (and so is moved aside), all we hold.
        let (merged, unchanged) = match disk::read(&path).map_err(write_error)? {
            OnDisk::Missing => (
                merge::merge(&self.base, &self.current, Contents::default()),
                false,
            ),
            OnDisk::Valid(on_disk) => {
                let merged = merge::merge(&self.base, &self.current, on_disk.clone());
                let unchanged = merged == on_disk;
                (merged, unchanged)
            }
            OnDisk::Symlink => return Err(StoreError::Symlink { path: path.clone() }),
            OnDisk::Unreadable(reason) => match disk::move_aside(&path, &self.faults) {
                Ok(moved_to) => {
                    self.notice = Some(Notice::from(&StoreError::MovedAside {
                        path: path.clone(),
                        reason,
                        moved_to,
                    }));
                    // Nothing of the old file is known to be on disk any
                    // more: all we hold is to be written, now or, if this
                    // write fails, at the next save.
                    self.base = Contents::default();
                    (self.current.clone(), false)
                }
                Err(source) => {
                    return Err(StoreError::CannotMoveAside {
                        path: path.clone(),
                        reason,
                        source,
                    });
                }
            },
        };
        if !unchanged {
            let bytes = format::encode(&merged).map_err(write_error)?;
            disk::write_atomic(&self.dir, &bytes, &self.faults).map_err(write_error)?;
        }
        drop(lock);
        self.base = merged.clone();
        self.current = merged;
        Ok(())
    }

    /// Takes in what other instances saved since this one last loaded or
    /// saved, keeping this instance's unsaved changes (still unsaved: they
    /// are applied on top, as a save would, but nothing is written). Takes no
    /// lock and moves nothing: a file that cannot be read now is left for
    /// the next save to deal with, and this returns false.
    pub fn refresh(&mut self) -> bool {
        let Ok(on_disk) = (match disk::read(&self.file_path()) {
            Ok(OnDisk::Valid(contents)) => Ok(contents),
            Ok(OnDisk::Missing) => Ok(Contents::default()),
            _ => Err(()),
        }) else {
            return false;
        };
        self.current = merge::merge(&self.base, &self.current, on_disk.clone());
        self.base = on_disk;
        true
    }

    /// Makes every later write fail half way with `error()` (`None` to stop),
    /// as a full disk would, for tests that cannot fill a disk.
    #[doc(hidden)]
    pub fn set_fail_writes_for_tests(&mut self, error: Option<fn() -> std::io::Error>) {
        self.faults.fail_writes = error;
    }
}

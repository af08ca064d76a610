//! The data directory on disk: reading without following links, the lock,
//! the atomic write, moving an unreadable file aside.
//!
//! Only this file touches the file system.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::error::{StoreError, human};
use super::format;
use super::model::Contents;

pub(crate) const FILE_NAME: &str = "bookmarks.json";
pub(crate) const LOCK_NAME: &str = "bookmarks.lock";
pub(crate) const TEMP_PREFIX: &str = ".bookmarks.json.tmp-";
pub(crate) const MOVED_ASIDE_PREFIX: &str = "bookmarks.json.corrupt-";

/// Larger than any bookmarks file diglot writes (hundreds of thousands of
/// bookmarks); anything bigger is not ours and is not read into memory.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How long `save` waits for another instance's save to finish. A save holds
/// the lock for milliseconds; waiting longer means that process is stopped
/// (Ctrl-z in the middle of a save), and the reader must not hang on it.
const LOCK_PATIENCE: Duration = Duration::from_secs(10);

/// Failures that tests can inject where the real ones need root's absence or
/// a full disk.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Faults {
    /// Writing the temporary file fails half way with this error.
    pub fail_writes: Option<fn() -> io::Error>,
    /// Moving an unreadable file aside fails with this error.
    pub fail_move_aside: Option<fn() -> io::Error>,
    /// The temporary file is written in 16 pieces with this pause between
    /// them: crash tests widen the moment a kill finds a half-written file.
    pub pause_while_writing: Option<Duration>,
    /// Gives up waiting for the lock after this long instead of
    /// [`LOCK_PATIENCE`].
    pub lock_patience: Option<Duration>,
}

/// What is at `bookmarks.json`.
pub(crate) enum OnDisk {
    Missing,
    Symlink,
    Unreadable(String),
    Valid(Contents),
}

/// Reads the bookmarks file without following a symbolic link. The error is
/// for the directory itself being unreachable (not a directory, no access).
pub(crate) fn read(path: &Path) -> io::Result<OnDisk> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(OnDisk::Missing),
        Err(e) => return Err(e),
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Ok(OnDisk::Symlink);
    }
    if !kind.is_file() {
        // Never open it: reading a FIFO would block forever.
        let what = if kind.is_dir() {
            "a directory"
        } else {
            "a special file"
        };
        return Ok(OnDisk::Unreadable(format!("it is {what}, not a file")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Ok(OnDisk::Unreadable(format!(
            "it is {} bytes long, far more than a bookmarks file",
            meta.len()
        )));
    }
    Ok(match fs::read(path) {
        Ok(bytes) => match format::decode(&bytes) {
            Ok(contents) => OnDisk::Valid(contents),
            Err(reason) => OnDisk::Unreadable(reason),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => OnDisk::Missing,
        Err(e) => OnDisk::Unreadable(human(&e).to_string()),
    })
}

/// The exclusive lock on `bookmarks.lock`, released when dropped.
///
/// The lock file is never deleted (deleting it would let two processes hold
/// "the" lock on two different files) and never written to.
pub(crate) struct Lock {
    file: File,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the file releases the lock anyway.
        let _ = self.file.unlock();
    }
}

pub(crate) fn lock(dir: &Path, faults: &Faults) -> Result<Lock, StoreError> {
    let path = dir.join(LOCK_NAME);
    let file = open_lock_file(&path)?;
    match file.try_lock() {
        Ok(()) => return Ok(Lock { file }),
        Err(TryLockError::WouldBlock) => {}
        Err(TryLockError::Error(source)) => return Err(StoreError::Lock { path, source }),
    }
    // Someone is saving. Wait in the kernel's queue (polling with try_lock
    // would starve behind an instance that saves in a loop), on a thread, so
    // that the wait can be given up. A thread whose wait was given up
    // releases the lock as soon as it gets it and ends.
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let locked = file.lock().map(|()| file);
        let _ = sender.send(locked);
    });
    let patience = faults.lock_patience.unwrap_or(LOCK_PATIENCE);
    match receiver.recv_timeout(patience) {
        Ok(Ok(file)) => Ok(Lock { file }),
        Ok(Err(source)) => Err(StoreError::Lock { path, source }),
        Err(_) => Err(StoreError::LockTimeout {
            path,
            seconds: patience.as_secs_f64(),
        }),
    }
}

/// Opens (or creates) the lock file, refusing a symbolic link: an existing
/// link is seen before opening and checked again after (the file opened must
/// be the one at the path, so a link slipped in between is caught before
/// anything is locked); a new file is made with `create_new`, which does not
/// follow links, so a dangling link's target is never created. Anything
/// but a plain file there (a FIFO, whose opening would block forever, a
/// device) is refused without being opened.
fn open_lock_file(path: &Path) -> Result<File, StoreError> {
    let refuse = || StoreError::Symlink {
        path: path.to_owned(),
    };
    let failed = |source| StoreError::Lock {
        path: path.to_owned(),
        source,
    };
    for _ in 0..8 {
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(refuse()),
            Ok(meta) if !meta.is_file() => {
                return Err(failed(io::Error::other("it is not a plain file")));
            }
            _ => {}
        }
        // Reading is enough to lock, and works on a lock file made by
        // another user.
        match OpenOptions::new().read(true).open(path) {
            Ok(file) => {
                return if same_file(&file, path) {
                    Ok(file)
                } else {
                    Err(refuse())
                };
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                match OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create_new(true)
                    .open(path)
                {
                    Ok(file) => return Ok(file),
                    // A link appeared, or another instance created it: look again.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(failed(e)),
                }
            }
            Err(e) => {
                return Err(if is_symlink(path) {
                    refuse()
                } else {
                    failed(e)
                });
            }
        }
    }
    Err(failed(io::Error::other("it keeps changing under us")))
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Whether the open `file` is what `path` names now, not through a link.
fn same_file(file: &File, path: &Path) -> bool {
    let Ok(at_path) = fs::symlink_metadata(path) else {
        return false;
    };
    if at_path.file_type().is_symlink() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(opened) = file.metadata() else {
            return false;
        };
        opened.dev() == at_path.dev() && opened.ino() == at_path.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        true
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces `dir/bookmarks.json` with `bytes`, all or nothing: a new file in
/// the same directory, flushed to the disk, renamed over the old one, then
/// the directory flushed so the rename itself survives a power cut. A crash
/// at any point leaves the old file or the new one, never a mix. The rename
/// replaces a symbolic link rather than writing through it; callers refuse
/// links before getting here anyway.
pub(crate) fn write_atomic(dir: &Path, bytes: &[u8], faults: &Faults) -> io::Result<()> {
    let target = dir.join(FILE_NAME);
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!("{TEMP_PREFIX}{}-{n}", process::id()));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let written = (|| {
        if let Some(fail) = faults.fail_writes {
            file.write_all(&bytes[..bytes.len() / 2])?;
            return Err(fail());
        }
        match faults.pause_while_writing {
            None => file.write_all(bytes)?,
            Some(pause) => {
                for piece in bytes.chunks(bytes.len().div_ceil(16).max(1)) {
                    file.write_all(piece)?;
                    thread::sleep(pause);
                }
            }
        }
        // Keep the reader's choice of permissions (say, 0600 for private
        // notes), where the file system has permissions to keep.
        if let Ok(old) = fs::symlink_metadata(&target)
            && old.file_type().is_file()
        {
            let _ = file.set_permissions(old.permissions());
        }
        file.sync_all()
    })();
    drop(file);
    if let Err(e) = written.and_then(|()| fs::rename(&temp, &target)) {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    sync_dir(dir);
    Ok(())
}

/// Flushes a directory's entries. Not every platform can open a directory
/// for this (Windows cannot); there the rename is as durable as it gets.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes temporary files left by a process killed in the middle of a save.
/// Called with the lock held: every save writes its temporary file under the
/// lock, so any temporary file seen now belongs to a save that died.
pub(crate) fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(TEMP_PREFIX))
            && entry.file_type().is_ok_and(|t| t.is_file());
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Moves an unreadable `path` to `bookmarks.json.corrupt-<UTC time>` beside
/// it, never replacing an existing file: a hard link to a free name (which
/// fails rather than replace) and then removal of the old name; where hard
/// links are not possible (a directory, some file systems), a rename to a
/// name checked to be free. Called with the lock held.
pub(crate) fn move_aside(path: &Path, faults: &Faults) -> io::Result<PathBuf> {
    if let Some(fail) = faults.fail_move_aside {
        return Err(fail());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let stamp = utc_stamp(now);
    for attempt in 1..=1000 {
        let name = if attempt == 1 {
            format!("{MOVED_ASIDE_PREFIX}{stamp}")
        } else {
            format!("{MOVED_ASIDE_PREFIX}{stamp}-{attempt}")
        };
        let dest = dir.join(name);
        match fs::hard_link(path, &dest) {
            Ok(()) => {
                if let Err(e) = fs::remove_file(path) {
                    let _ = fs::remove_file(&dest);
                    return Err(e);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => {
                if fs::symlink_metadata(&dest).is_ok() {
                    continue;
                }
                fs::rename(path, &dest)?;
            }
        }
        sync_dir(dir);
        return Ok(dest);
    }
    Err(io::Error::other(
        "a thousand moved-aside files already carry this time",
    ))
}

/// `YYYYMMDDTHHMMSSZ` for a time in seconds since the Unix epoch, in UTC.
pub(crate) fn utc_stamp(secs: u64) -> String {
    let (year, month, day) = civil_from_days(secs / 86_400);
    let in_day = secs % 86_400;
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    )
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`, for days on or after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_aside_never_replaces_an_earlier_moved_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("clock")
            .as_secs();
        // Take this second's name (and the next few, in case the clock
        // ticks): the move must pick a "-2" name instead.
        let taken: Vec<PathBuf> = (now..now + 5)
            .map(|t| {
                tmp.path()
                    .join(format!("{MOVED_ASIDE_PREFIX}{}", utc_stamp(t)))
            })
            .collect();
        for path in &taken {
            fs::write(path, b"earlier").expect("write");
        }
        let path = tmp.path().join(FILE_NAME);
        fs::write(&path, b"now").expect("write");
        let dest = move_aside(&path, &Faults::default()).expect("moved");
        assert!(dest.to_string_lossy().ends_with("-2"), "{}", dest.display());
        assert_eq!(fs::read(&dest).expect("read"), b"now");
        assert!(!path.exists());
        for path in &taken {
            assert_eq!(fs::read(path).expect("read"), b"earlier");
        }
    }

    #[test]
    fn utc_stamps() {
        assert_eq!(utc_stamp(0), "19700101T000000Z");
        assert_eq!(utc_stamp(951_782_400), "20000229T000000Z");
        assert_eq!(utc_stamp(1_700_000_000), "20231114T221320Z");
        assert_eq!(utc_stamp(4_107_542_399), "21000228T235959Z");
        assert_eq!(utc_stamp(4_107_542_400), "21000301T000000Z");
    }
}

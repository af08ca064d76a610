//! What can go wrong with the bookmarks file, worded for the person reading it.
//!
//! Every message is one line and names the file or directory involved, so the
//! reader can show it as it is (status line, `diglot bookmarks` on stderr).

use std::fmt;
use std::io;
use std::path::PathBuf;

use thiserror::Error;

/// A failure to load or save bookmarks.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file could not be read or understood; it was moved aside intact.
    #[error(
        "bookmarks file {} could not be read ({reason}); it was moved aside to {}, so no bookmarks are loaded from it",
        path.display(),
        moved_to.display()
    )]
    MovedAside {
        path: PathBuf,
        reason: String,
        moved_to: PathBuf,
    },

    /// The file could not be read, and moving it aside failed too: nothing is
    /// written this session, so it cannot be overwritten.
    #[error(
        "bookmarks file {} could not be read ({reason}) and could not be moved aside ({}); it is left untouched and bookmarks are not saved",
        path.display(),
        human(source)
    )]
    CannotMoveAside {
        path: PathBuf,
        reason: String,
        source: io::Error,
    },

    /// The bookmarks file or the lock file is a symbolic link.
    #[error(
        "{} is a symbolic link; diglot never reads or writes its data through a link, so bookmarks are not loaded from it nor saved to it",
        path.display()
    )]
    Symlink { path: PathBuf },

    /// The data directory could not even be looked into.
    #[error("cannot look at {}: {}; bookmarks will not be saved this session", path.display(), human(source))]
    Inaccessible { path: PathBuf, source: io::Error },

    /// The data directory does not exist and could not be created.
    #[error("cannot create the data directory {}: {}", path.display(), human(source))]
    CreateDir { path: PathBuf, source: io::Error },

    /// The lock file could not be opened or locked.
    #[error("cannot save bookmarks: cannot lock {}: {}", path.display(), human(source))]
    Lock { path: PathBuf, source: io::Error },

    /// Another process kept the lock for too long.
    #[error(
        "cannot save bookmarks: {} has been locked by another diglot for more than {seconds} s",
        path.display()
    )]
    LockTimeout { path: PathBuf, seconds: f64 },

    /// Writing the new file failed (full disk, read-only directory, …).
    #[error("cannot save bookmarks to {}: {}", path.display(), human(source))]
    Write { path: PathBuf, source: io::Error },

    /// The store was opened read-only (see the reason) and never writes.
    #[error("bookmarks are not saved this session: {reason}")]
    ReadOnly { reason: String },
}

/// An `io::Error` as a person reads it: the operating system's text without
/// the trailing `(os error N)`.
pub(crate) fn human(error: &io::Error) -> HumanIo<'_> {
    HumanIo(error)
}

pub(crate) struct HumanIo<'a>(&'a io::Error);

impl fmt::Display for HumanIo<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.to_string();
        let trimmed = match text.rfind(" (os error ") {
            Some(at) if text.ends_with(')') => &text[..at],
            _ => &text,
        };
        f.write_str(trimmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_error_number_is_dropped() {
        let e = io::Error::from_raw_os_error(2);
        let shown = human(&e).to_string();
        assert!(!shown.contains("os error"), "{shown}");
        assert!(!shown.is_empty());
    }

    #[test]
    fn custom_error_text_is_kept() {
        let e = io::Error::other("disk on fire");
        assert_eq!(human(&e).to_string(), "disk on fire");
    }

    #[test]
    fn write_error_names_the_path() {
        let e = StoreError::Write {
            path: PathBuf::from("/x/bookmarks.json"),
            source: io::Error::other("No space left on device"),
        };
        assert_eq!(
            e.to_string(),
            "cannot save bookmarks to /x/bookmarks.json: No space left on device"
        );
    }
}

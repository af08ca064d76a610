//! Arbitrary bytes as `bookmarks.json` in a fresh data directory: opening
//! and saving never panics, and never loses the original bytes. The notice
//! is one line with nothing in it a terminal would obey. A file the
//! store can read stays as it was until a save merges into it (and then
//! still holds every bookmark it held); a file it cannot read is moved
//! aside byte for byte and the save writes a new, readable file.
//!
//! Set `TMPDIR=/dev/shm` (or any tmpfs) when running this target: every
//! execution creates a directory and saves with `fsync`.

#![no_main]

use std::fs;

use diglot::store::Store;
use libfuzzer_sys::fuzz_target;

const DOC: &str = "fuzz-doc";

fuzz_target!(|data: &[u8]| {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let file = dir.join("bookmarks.json");
    fs::write(&file, data).expect("write input");
    let (mut store, notice) = Store::open(dir);
    if let Some(notice) = &notice {
        // One line, safe to print: the file's bytes may be quoted in it.
        assert!(
            !notice.message.chars().any(|c| c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{:?}",
            notice.message
        );
    }
    let moved_to = notice.as_ref().and_then(|n| n.moved_to.clone());
    match &moved_to {
        Some(moved) => {
            assert_eq!(
                fs::read(moved).expect("moved file"),
                data,
                "moved aside changed"
            );
            assert!(!file.exists(), "moved aside but still in place");
            assert!(store.bookmarks().is_empty());
        }
        None => {
            assert!(notice.is_none(), "{notice:?}");
            assert!(!store.is_read_only());
            assert_eq!(
                fs::read(&file).expect("file"),
                data,
                "open changed the file"
            );
        }
    }
    let before: Vec<_> = store.bookmarks().to_vec();
    // A change of our own, so that the save writes.
    let clause = if store.is_bookmarked(DOC, "op1") {
        "op2"
    } else {
        "op1"
    };
    store.toggle(DOC, clause, 1_700_000_000);
    store.set_position(DOC, clause);
    store.save().expect("save into a writable directory");
    // Whatever was there is still on disk: merged into the new file, or
    // moved aside intact.
    if let Some(moved) = &moved_to {
        assert_eq!(fs::read(moved).expect("moved file"), data);
    }
    let (reread, notice) = Store::open(dir);
    assert!(
        notice.is_none(),
        "the saved file does not read back: {notice:?}"
    );
    for b in &before {
        assert_eq!(reread.bookmark(&b.doc, &b.clause), Some(b), "lost {b:?}");
    }
    assert!(reread.is_bookmarked(DOC, clause));
    assert_eq!(reread.position(DOC), Some(clause));
});

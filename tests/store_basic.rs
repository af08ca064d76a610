//! The store's everyday behaviour: the API, the file it writes, where the
//! data directory is.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use diglot::store::{Bookmark, SCHEMA_VERSION, Store, resolve_data_dir, resolve_data_dir_from};

const DOC: &str = "A/RES/67/189";

fn open(dir: &Path) -> Store {
    let (store, notice) = Store::open(dir);
    assert_eq!(notice, None);
    store
}

#[test]
fn missing_file_is_an_empty_store_and_nothing_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("not/yet");
    let mut store = open(&dir);
    assert!(store.bookmarks().is_empty());
    assert!(!store.is_dirty());
    // Saving with nothing to save creates nothing either.
    store.save().unwrap();
    assert!(!dir.exists());
}

#[test]
fn round_trip_through_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data"); // created by the first save
    let mut store = open(&dir);
    assert!(store.toggle(DOC, "op12", 100));
    store.add(Bookmark {
        doc: DOC.into(),
        clause: "pp5".into(),
        note: "“洗钱” and money-laundering".into(),
        created: 50,
    });
    store.add(Bookmark::new("A/RES/65/230", "op1", 200));
    assert!(store.set_note(DOC, "op12", "cited by the delegate"));
    store.set_position(DOC, "op12.a");
    assert!(store.is_dirty());
    store.save().unwrap();
    assert!(!store.is_dirty());

    let again = open(&dir);
    assert_eq!(again.bookmarks(), store.bookmarks());
    assert_eq!(again.position(DOC), Some("op12.a"));
    assert_eq!(again.position("A/RES/65/230"), None);
    assert_eq!(
        again.bookmark(DOC, "op12").unwrap().note,
        "cited by the delegate"
    );
    let strict = Store::load_strict(&dir).unwrap();
    assert_eq!(strict.bookmarks(), store.bookmarks());
}

#[test]
fn the_file_carries_the_schema_version_and_the_documented_shape() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store.toggle(DOC, "op12", 1_700_000_000);
    store.set_position(DOC, "op12");
    store.save().unwrap();
    let text = fs::read_to_string(tmp.path().join("bookmarks.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(SCHEMA_VERSION, 1);
    assert_eq!(
        value,
        serde_json::json!({
            "version": 1,
            "bookmarks": [
                {"doc": DOC, "clause": "op12", "note": "", "created": 1_700_000_000u64}
            ],
            "positions": {DOC: "op12"}
        })
    );
    assert!(text.ends_with('\n'));
    // Only the file and the lock file are left behind: no temporary files.
    let mut names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["bookmarks.json", "bookmarks.lock"]);
}

#[test]
fn toggle_add_remove_and_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    assert!(!store.is_bookmarked(DOC, "op3"));
    assert!(store.toggle(DOC, "op3", 10));
    assert!(store.is_bookmarked(DOC, "op3"));
    assert!(!store.toggle(DOC, "op3", 11));
    assert!(!store.is_bookmarked(DOC, "op3"));
    // Toggling twice is no change at all.
    assert!(!store.is_dirty());

    assert!(!store.set_note(DOC, "op3", "nothing to annotate"));
    store.add(Bookmark::new(DOC, "op3", 12));
    store.add(Bookmark {
        note: "replaced".into(),
        ..Bookmark::new(DOC, "op3", 13)
    });
    assert_eq!(store.bookmarks().len(), 1, "one bookmark per clause");
    let removed = store.remove(DOC, "op3").unwrap();
    assert_eq!((removed.note.as_str(), removed.created), ("replaced", 13));
    assert_eq!(store.remove(DOC, "op3"), None);
}

#[test]
fn listed_by_document_then_oldest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store.toggle("B", "op1", 1);
    store.toggle(DOC, "pp5", 30);
    store.toggle(DOC, "op12", 20);
    store.toggle(DOC, "op2", 20);
    store.toggle("A/RES/67/18", "op1", 5);
    let listed: Vec<_> = store
        .bookmarks()
        .iter()
        .map(|b| (b.doc.as_str(), b.clause.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("A/RES/67/18", "op1"),
            (DOC, "op12"),
            (DOC, "op2"),
            (DOC, "pp5"),
            ("B", "op1")
        ]
    );
    let of_doc: Vec<_> = store
        .bookmarks_for(DOC)
        .map(|b| b.clause.as_str())
        .collect();
    assert_eq!(of_doc, ["op12", "op2", "pp5"]);
    assert_eq!(store.bookmarks_for("A/RES/67").count(), 0);
}

#[test]
fn positions_are_remembered_per_document() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store.set_position(DOC, "pp5");
    store.set_position(DOC, "op7");
    store.set_position("other", "op1");
    store.save().unwrap();
    store.set_position(DOC, "op7");
    assert!(!store.is_dirty(), "setting the same position is no change");
    let again = open(tmp.path());
    assert_eq!(again.position(DOC), Some("op7"));
    let all: Vec<_> = again.positions().collect();
    assert_eq!(all, [(DOC, "op7"), ("other", "op1")]);
}

#[test]
fn saved_file_keeps_its_permissions() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let mut store = open(tmp.path());
        store.toggle(DOC, "op1", 1);
        store.save().unwrap();
        let file = tmp.path().join("bookmarks.json");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
        store.toggle(DOC, "op2", 2);
        store.save().unwrap();
        let mode = fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

// resolve_data_dir: the precedence is tested through resolve_data_dir_from,
// which takes the environment value as a parameter; the process environment
// is shared by every test thread and is never changed here.

#[allow(clippy::unnecessary_wraps)] // stands in for the real default, which may be None
fn default_dir() -> Option<PathBuf> {
    Some(PathBuf::from("/default/diglot"))
}

#[test]
fn data_dir_flag_beats_environment_beats_default() {
    let flag = Path::new("/from/flag");
    let env = OsStr::new("/from/env");
    assert_eq!(
        resolve_data_dir_from(Some(flag), Some(env), || panic!("default not needed")),
        Some(PathBuf::from("/from/flag"))
    );
    assert_eq!(
        resolve_data_dir_from(None, Some(env), || panic!("default not needed")),
        Some(PathBuf::from("/from/env"))
    );
    assert_eq!(
        resolve_data_dir_from(None, None, default_dir),
        default_dir()
    );
}

#[test]
fn empty_flag_or_environment_counts_as_absent() {
    let empty = OsStr::new("");
    assert_eq!(
        resolve_data_dir_from(None, Some(empty), default_dir),
        default_dir()
    );
    assert_eq!(
        resolve_data_dir_from(Some(Path::new("")), Some(OsStr::new("/e")), default_dir),
        Some(PathBuf::from("/e"))
    );
    assert_eq!(resolve_data_dir_from(None, None, || None), None);
}

#[test]
fn the_real_resolver_honours_the_flag_first() {
    // Whatever DIGLOT_DATA_DIR holds in this environment, the flag wins.
    assert_eq!(
        resolve_data_dir(Some(Path::new("/x/y"))),
        Some(PathBuf::from("/x/y"))
    );
}

#[test]
fn the_platform_default_is_diglots_own_directory() {
    // Only checks the shape: the default names a `diglot` directory.
    if let Some(dir) = diglot::store::default_data_dir() {
        let name = dir.file_name().unwrap().to_string_lossy().to_lowercase();
        assert!(name.contains("diglot"), "{}", dir.display());
    }
}

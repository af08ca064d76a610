//! Two instances on one data directory, through the public API: each save
//! applies only that instance's own changes on top of what is on disk.
//! (Separate `Store` values in one process: the lock is per open file, so
//! they exclude each other as two processes would; `store_concurrency.rs`
//! runs real processes.)

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use diglot::store::{Bookmark, Store};
use proptest::prelude::*;

const DOC: &str = "A/RES/67/189";

fn open(dir: &Path) -> Store {
    let (store, notice) = Store::open(dir);
    assert_eq!(notice, None);
    store
}

fn clauses(store: &Store) -> Vec<&str> {
    store
        .bookmarks()
        .iter()
        .map(|b| b.clause.as_str())
        .collect()
}

fn on_disk(dir: &Path) -> Store {
    Store::load_strict(dir).unwrap()
}

/// A directory holding bookmarks `op1`…`opN` (created 1…N).
fn seeded(n: u64) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    for i in 1..=n {
        store.toggle(DOC, &format!("op{i}"), i);
    }
    store.save().unwrap();
    tmp
}

#[test]
fn the_other_instances_add_is_kept() {
    let tmp = seeded(0);
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    a.toggle(DOC, "op1", 1);
    a.save().unwrap();
    b.toggle(DOC, "op2", 2);
    b.save().unwrap();
    assert_eq!(clauses(&on_disk(tmp.path())), ["op1", "op2"]);
    // The later saver adopts the merged result; the earlier one sees it at
    // its next save.
    assert_eq!(clauses(&b), ["op1", "op2"]);
    assert_eq!(clauses(&a), ["op1"]);
    a.toggle(DOC, "op3", 3);
    a.save().unwrap();
    assert_eq!(clauses(&a), ["op1", "op2", "op3"]);
}

#[test]
fn our_delete_is_applied_over_their_changes() {
    let tmp = seeded(3);
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    b.toggle(DOC, "op4", 4);
    b.save().unwrap();
    assert!(a.remove(DOC, "op1").is_some());
    a.save().unwrap();
    assert_eq!(clauses(&on_disk(tmp.path())), ["op2", "op3", "op4"]);
}

#[test]
fn their_delete_of_something_we_did_not_touch_stays_deleted() {
    let tmp = seeded(3);
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    b.remove(DOC, "op2");
    b.save().unwrap();
    // `a` still holds op2, unchanged: saving its own add must not bring it back.
    a.toggle(DOC, "pp1", 9);
    a.save().unwrap();
    assert_eq!(clauses(&on_disk(tmp.path())), ["op1", "op3", "pp1"]);
    assert!(!a.is_bookmarked(DOC, "op2"));
}

#[test]
fn note_edits_on_different_bookmarks_both_survive() {
    let tmp = seeded(2);
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    a.set_note(DOC, "op1", "from a");
    b.set_note(DOC, "op2", "from b");
    a.save().unwrap();
    b.save().unwrap();
    let disk = on_disk(tmp.path());
    assert_eq!(disk.bookmark(DOC, "op1").unwrap().note, "from a");
    assert_eq!(disk.bookmark(DOC, "op2").unwrap().note, "from b");
}

#[test]
fn note_edits_on_the_same_bookmark_last_save_wins() {
    let tmp = seeded(1);
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    a.set_note(DOC, "op1", "from a");
    b.set_note(DOC, "op1", "from b");
    a.save().unwrap();
    b.save().unwrap();
    assert_eq!(
        on_disk(tmp.path()).bookmark(DOC, "op1").unwrap().note,
        "from b"
    );
}

#[test]
fn a_delete_does_not_remove_a_version_it_never_saw() {
    let tmp = seeded(1);
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    b.set_note(DOC, "op1", "edited after a loaded it");
    b.save().unwrap();
    a.remove(DOC, "op1");
    a.save().unwrap();
    let disk = on_disk(tmp.path());
    assert_eq!(
        disk.bookmark(DOC, "op1").unwrap().note,
        "edited after a loaded it"
    );
    assert!(a.is_bookmarked(DOC, "op1"), "a adopts what was kept");
}

#[test]
fn an_edit_brings_back_a_bookmark_deleted_meanwhile() {
    let tmp = seeded(1);
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    b.remove(DOC, "op1");
    b.save().unwrap();
    a.set_note(DOC, "op1", "still wanted");
    a.save().unwrap();
    assert_eq!(
        on_disk(tmp.path()).bookmark(DOC, "op1").unwrap().note,
        "still wanted"
    );
}

#[test]
fn both_bookmark_the_same_clause() {
    let tmp = seeded(0);
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    a.add(Bookmark {
        note: "a's note".into(),
        ..Bookmark::new(DOC, "op5", 10)
    });
    b.toggle(DOC, "op5", 20);
    a.save().unwrap();
    b.save().unwrap();
    let disk = on_disk(tmp.path());
    assert_eq!(disk.bookmarks().len(), 1);
    let kept = disk.bookmark(DOC, "op5").unwrap();
    assert_eq!((kept.note.as_str(), kept.created), ("a's note", 10));
}

#[test]
fn positions_merge_per_document() {
    let tmp = tempfile::tempdir().unwrap();
    let mut seed = open(tmp.path());
    seed.set_position("X", "op1");
    seed.set_position("Y", "op1");
    seed.save().unwrap();
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    a.set_position("X", "op2");
    b.set_position("Y", "pp3");
    b.set_position("Z", "op9");
    b.save().unwrap();
    a.save().unwrap();
    let disk = on_disk(tmp.path());
    let all: Vec<_> = disk.positions().collect();
    assert_eq!(all, [("X", "op2"), ("Y", "pp3"), ("Z", "op9")]);
    // Same document in both: the later save wins.
    a.set_position("Z", "op1");
    a.save().unwrap();
    assert_eq!(on_disk(tmp.path()).position("Z"), Some("op1"));
}

#[test]
fn an_unchanged_instance_does_not_write() {
    let tmp = seeded(2);
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    b.remove(DOC, "op1");
    b.save().unwrap();
    let before = fs::read(tmp.path().join("bookmarks.json")).unwrap();
    a.save().unwrap();
    assert_eq!(fs::read(tmp.path().join("bookmarks.json")).unwrap(), before);
    // Changing and changing back is no change either.
    a.toggle(DOC, "op7", 7);
    a.toggle(DOC, "op7", 7);
    assert!(!a.is_dirty());
}

#[test]
fn refresh_takes_in_other_saves_and_keeps_unsaved_changes() {
    let tmp = seeded(2);
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    b.remove(DOC, "op1");
    b.toggle(DOC, "op3", 3);
    b.save().unwrap();
    a.toggle(DOC, "pp1", 9);
    a.set_note(DOC, "op2", "unsaved");
    let before = fs::read(tmp.path().join("bookmarks.json")).unwrap();
    assert!(a.refresh());
    assert_eq!(clauses(&a), ["op2", "op3", "pp1"]);
    assert!(a.is_dirty(), "a's own changes are still to be saved");
    assert_eq!(
        fs::read(tmp.path().join("bookmarks.json")).unwrap(),
        before,
        "refresh writes nothing"
    );
    a.save().unwrap();
    let disk = on_disk(tmp.path());
    assert_eq!(clauses(&disk), ["op2", "op3", "pp1"]);
    assert_eq!(disk.bookmark(DOC, "op2").unwrap().note, "unsaved");
}

// Model check: two instances, each working on its own clauses (plus seed
// bookmarks neither touches), saving at random moments. Whatever the
// interleaving, the file ends with each instance's own clauses exactly as
// that instance last had them, and the seed intact.

#[derive(Clone, Debug)]
enum Op {
    Toggle(u8),
    Note(u8, u8),
    Remove(u8),
    Position(u8),
    Save,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..6u8).prop_map(Op::Toggle),
        2 => (0..6u8, 0..3u8).prop_map(|(k, n)| Op::Note(k, n)),
        1 => (0..6u8).prop_map(Op::Remove),
        1 => (0..6u8).prop_map(Op::Position),
        2 => Just(Op::Save),
    ]
}

/// What an instance means its own clauses to be: clause → note.
type Model = BTreeMap<String, String>;

fn apply(store: &mut Store, model: &mut Model, tag: char, op: &Op, now: u64) {
    let clause = |k: &u8| format!("{tag}{k}");
    match op {
        Op::Toggle(k) => {
            if store.toggle(DOC, &clause(k), now) {
                model.insert(clause(k), String::new());
            } else {
                model.remove(&clause(k));
            }
        }
        Op::Note(k, n) => {
            let note = format!("{tag} note {n}");
            if store.set_note(DOC, &clause(k), &note) {
                model.insert(clause(k), note);
            }
        }
        Op::Remove(k) => {
            store.remove(DOC, &clause(k));
            model.remove(&clause(k));
        }
        Op::Position(k) => store.set_position(&format!("doc-{tag}"), &clause(k)),
        Op::Save => store.save().unwrap(),
    }
}

fn own(store: &Store, tag: char) -> Model {
    store
        .bookmarks()
        .iter()
        .filter(|b| b.clause.starts_with(tag))
        .map(|b| (b.clause.clone(), b.note.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn interleaved_instances_lose_nothing(
        ops in proptest::collection::vec((any::<bool>(), op()), 0..24)
    ) {
        let tmp = seeded(2);
        let mut a = open(tmp.path());
        let mut b = open(tmp.path());
        let (mut model_a, mut model_b) = (Model::new(), Model::new());
        for (i, (on_a, op)) in ops.iter().enumerate() {
            let now = i as u64 + 100;
            if *on_a {
                apply(&mut a, &mut model_a, 'a', op, now);
            } else {
                apply(&mut b, &mut model_b, 'b', op, now);
            }
            prop_assert_eq!(&own(&a, 'a'), &model_a);
            prop_assert_eq!(&own(&b, 'b'), &model_b);
        }
        let pos_a = a.position("doc-a").map(str::to_owned);
        let pos_b = b.position("doc-b").map(str::to_owned);
        a.save().unwrap();
        b.save().unwrap();
        let disk = on_disk(tmp.path());
        prop_assert_eq!(own(&disk, 'a'), model_a);
        prop_assert_eq!(own(&disk, 'b'), model_b);
        prop_assert_eq!(own(&disk, 'o').len(), 2, "seed op1, op2 kept");
        prop_assert_eq!(disk.position("doc-a").map(str::to_owned), pos_a);
        prop_assert_eq!(disk.position("doc-b").map(str::to_owned), pos_b);
        prop_assert!(a.refresh());
        prop_assert_eq!(disk.bookmarks(), a.bookmarks(), "a sees everything after a refresh");
        prop_assert!(!a.is_dirty());
    }
}

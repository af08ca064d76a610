//! Three-way merge of this instance's changes onto what is on disk now.
//!
//! `base` is what this instance last read or wrote, `ours` what it holds now,
//! `disk` what the file holds at save time (other instances may have saved
//! since). Only the difference between `base` and `ours` is applied to
//! `disk`; whatever else `disk` holds is someone else's work and is kept.
//!
//! The rules, per bookmark and per position, are the table in the `store`
//! module's documentation ("Merging"); the tests below hold them.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Bookmark, Contents};

type Key<'a> = (&'a str, &'a str);

fn by_key(contents: &Contents) -> BTreeMap<Key<'_>, &Bookmark> {
    contents.bookmarks().iter().map(|b| (b.key(), b)).collect()
}

pub(crate) fn merge(base: &Contents, ours: &Contents, disk: Contents) -> Contents {
    let base_map = by_key(base);
    let ours_map = by_key(ours);
    let (disk_bookmarks, mut positions) = disk.into_parts();
    let mut out: BTreeMap<(String, String), Bookmark> = disk_bookmarks
        .into_iter()
        .map(|b| ((b.doc.clone(), b.clause.clone()), b))
        .collect();

    let keys: BTreeSet<Key<'_>> = base_map.keys().chain(ours_map.keys()).copied().collect();
    for key in keys {
        let owned = (key.0.to_owned(), key.1.to_owned());
        match (base_map.get(&key), ours_map.get(&key)) {
            (Some(&was), None) if out.get(&owned) == Some(was) => {
                out.remove(&owned);
            }
            (None, Some(&added)) => {
                let merged = match out.get(&owned) {
                    None => added.clone(),
                    Some(theirs) => Bookmark {
                        created: theirs.created.min(added.created),
                        note: if added.note.is_empty() {
                            theirs.note.clone()
                        } else {
                            added.note.clone()
                        },
                        ..added.clone()
                    },
                };
                out.insert(owned, merged);
            }
            (Some(&was), Some(&now)) if was != now => match out.get_mut(&owned) {
                None => {
                    out.insert(owned, now.clone());
                }
                Some(theirs) => {
                    if now.note != was.note {
                        theirs.note.clone_from(&now.note);
                    }
                    if now.created != was.created {
                        theirs.created = now.created;
                    }
                }
            },
            _ => {}
        }
    }

    let docs: BTreeSet<&String> = base
        .positions()
        .keys()
        .chain(ours.positions().keys())
        .collect();
    for doc in docs {
        let now = ours.positions().get(doc);
        if base.positions().get(doc) != now {
            match now {
                Some(clause) => positions.insert(doc.clone(), clause.clone()),
                None => positions.remove(doc),
            };
        }
    }

    Contents::from_parts(out.into_values().collect(), positions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bm(doc: &str, clause: &str, note: &str, created: u64) -> Bookmark {
        Bookmark {
            doc: doc.into(),
            clause: clause.into(),
            note: note.into(),
            created,
        }
    }

    fn contents(bookmarks: &[Bookmark], positions: &[(&str, &str)]) -> Contents {
        Contents::from_parts(
            bookmarks.to_vec(),
            positions
                .iter()
                .map(|(d, c)| ((*d).to_owned(), (*c).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn unchanged_instance_keeps_disk_as_it_is() {
        let base = contents(&[bm("A", "op1", "", 1)], &[("A", "op1")]);
        let disk = contents(&[bm("A", "op2", "x", 2)], &[("A", "pp3")]);
        assert_eq!(merge(&base, &base, disk.clone()), disk);
    }

    #[test]
    fn add_on_top_of_someone_elses_add() {
        let base = Contents::default();
        let ours = contents(&[bm("A", "op1", "", 1)], &[]);
        let disk = contents(&[bm("A", "op2", "", 2)], &[]);
        let merged = merge(&base, &ours, disk);
        assert_eq!(
            merged,
            contents(&[bm("A", "op1", "", 1), bm("A", "op2", "", 2)], &[])
        );
    }

    #[test]
    fn both_added_the_same_clause() {
        let ours = contents(&[bm("A", "op1", "mine", 5)], &[]);
        let disk = contents(&[bm("A", "op1", "theirs", 3)], &[]);
        let merged = merge(&Contents::default(), &ours, disk.clone());
        assert_eq!(merged, contents(&[bm("A", "op1", "mine", 3)], &[]));
        let ours_empty = contents(&[bm("A", "op1", "", 5)], &[]);
        let merged = merge(&Contents::default(), &ours_empty, disk);
        assert_eq!(merged, contents(&[bm("A", "op1", "theirs", 3)], &[]));
    }

    #[test]
    fn delete_applies_only_to_the_version_we_saw() {
        let base = contents(&[bm("A", "op1", "", 1), bm("A", "op2", "", 2)], &[]);
        let ours = Contents::default();
        // op1 untouched elsewhere: deleted. op2's note was edited elsewhere: kept.
        let disk = contents(&[bm("A", "op1", "", 1), bm("A", "op2", "new", 2)], &[]);
        let merged = merge(&base, &ours, disk);
        assert_eq!(merged, contents(&[bm("A", "op2", "new", 2)], &[]));
    }

    #[test]
    fn delete_of_something_already_gone() {
        let base = contents(&[bm("A", "op1", "", 1)], &[]);
        let merged = merge(&base, &Contents::default(), Contents::default());
        assert_eq!(merged, Contents::default());
    }

    #[test]
    fn their_delete_of_something_we_did_not_touch_is_kept() {
        let base = contents(&[bm("A", "op1", "", 1), bm("A", "op2", "", 2)], &[]);
        let ours = contents(
            &[
                bm("A", "op1", "", 1),
                bm("A", "op2", "", 2),
                bm("B", "op1", "", 3),
            ],
            &[],
        );
        let disk = contents(&[bm("A", "op2", "", 2)], &[]);
        let merged = merge(&base, &ours, disk);
        assert_eq!(
            merged,
            contents(&[bm("A", "op2", "", 2), bm("B", "op1", "", 3)], &[])
        );
    }

    #[test]
    fn note_edit_merges_field_by_field() {
        let base = contents(&[bm("A", "op1", "old", 1), bm("A", "op2", "", 2)], &[]);
        let ours = contents(&[bm("A", "op1", "ours", 1), bm("A", "op2", "", 2)], &[]);
        let disk = contents(
            &[bm("A", "op1", "old", 1), bm("A", "op2", "theirs", 2)],
            &[],
        );
        let merged = merge(&base, &ours, disk);
        assert_eq!(
            merged,
            contents(
                &[bm("A", "op1", "ours", 1), bm("A", "op2", "theirs", 2)],
                &[]
            )
        );
    }

    #[test]
    fn edit_brings_back_what_another_instance_deleted() {
        let base = contents(&[bm("A", "op1", "old", 1)], &[]);
        let ours = contents(&[bm("A", "op1", "kept", 1)], &[]);
        let merged = merge(&base, &ours, Contents::default());
        assert_eq!(merged, ours);
    }

    #[test]
    fn positions_we_changed_win_others_are_kept() {
        let base = contents(&[], &[("A", "op1"), ("B", "op1")]);
        let ours = contents(&[], &[("A", "op9"), ("B", "op1"), ("C", "pp1")]);
        let disk = contents(&[], &[("A", "op2"), ("B", "op7"), ("D", "op4")]);
        let merged = merge(&base, &ours, disk);
        assert_eq!(
            merged,
            contents(
                &[],
                &[("A", "op9"), ("B", "op7"), ("C", "pp1"), ("D", "op4")]
            )
        );
    }
}

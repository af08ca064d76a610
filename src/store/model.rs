//! Bookmarks and positions in memory, kept in one order so that two stores
//! holding the same bookmarks are equal, whatever order they were made in.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A saved place in a document, with the reader's note.
///
/// A bookmark is identified by `(doc, clause)`: a store holds at most one per
/// pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bookmark {
    /// Document id: the symbol (`A/RES/67/189`) where there is one, else a
    /// content hash.
    pub doc: String,
    /// Clause id: `op12`, `pp5`, `op12.a`, `fn7`, …
    pub clause: String,
    /// The reader's note; empty when there is none.
    pub note: String,
    /// When it was made, in seconds since the Unix epoch.
    pub created: u64,
}

impl Bookmark {
    /// A bookmark with an empty note.
    pub fn new(doc: &str, clause: &str, created: u64) -> Self {
        Self {
            doc: doc.to_owned(),
            clause: clause.to_owned(),
            note: String::new(),
            created,
        }
    }

    pub(crate) fn key(&self) -> (&str, &str) {
        (&self.doc, &self.clause)
    }
}

/// The order bookmarks are kept, listed and written in: by document, then
/// oldest first, then by clause id (for bookmarks made in the same second).
pub(crate) fn listing_order(a: &Bookmark, b: &Bookmark) -> Ordering {
    a.doc
        .cmp(&b.doc)
        .then(a.created.cmp(&b.created))
        .then_with(|| a.clause.cmp(&b.clause))
}

/// Everything the bookmarks file holds.
///
/// Invariant: `bookmarks` is sorted by [`listing_order`] and holds at most one
/// bookmark per `(doc, clause)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Contents {
    bookmarks: Vec<Bookmark>,
    positions: BTreeMap<String, String>,
}

impl Contents {
    /// Builds contents from bookmarks with distinct keys (checked by the
    /// caller) in any order.
    pub(crate) fn from_parts(
        mut bookmarks: Vec<Bookmark>,
        positions: BTreeMap<String, String>,
    ) -> Self {
        bookmarks.sort_by(listing_order);
        Self {
            bookmarks,
            positions,
        }
    }

    pub(crate) fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    pub(crate) fn positions(&self) -> &BTreeMap<String, String> {
        &self.positions
    }

    pub(crate) fn into_parts(self) -> (Vec<Bookmark>, BTreeMap<String, String>) {
        (self.bookmarks, self.positions)
    }

    /// The bookmarks of one document, oldest first.
    pub(crate) fn of_doc(&self, doc: &str) -> &[Bookmark] {
        let start = self.bookmarks.partition_point(|b| b.doc.as_str() < doc);
        let len = self.bookmarks[start..].partition_point(|b| b.doc == doc);
        &self.bookmarks[start..start + len]
    }

    fn index_of(&self, doc: &str, clause: &str) -> Option<usize> {
        let start = self.bookmarks.partition_point(|b| b.doc.as_str() < doc);
        self.of_doc(doc)
            .iter()
            .position(|b| b.clause == clause)
            .map(|i| start + i)
    }

    pub(crate) fn get(&self, doc: &str, clause: &str) -> Option<&Bookmark> {
        self.index_of(doc, clause).map(|i| &self.bookmarks[i])
    }

    /// Inserts `bookmark`, replacing any bookmark on the same clause.
    pub(crate) fn upsert(&mut self, bookmark: Bookmark) {
        self.remove(&bookmark.doc, &bookmark.clause);
        let at = self
            .bookmarks
            .partition_point(|b| listing_order(b, &bookmark) == Ordering::Less);
        self.bookmarks.insert(at, bookmark);
    }

    pub(crate) fn remove(&mut self, doc: &str, clause: &str) -> Option<Bookmark> {
        self.index_of(doc, clause).map(|i| self.bookmarks.remove(i))
    }

    /// Changes a note in place (the note takes no part in the order).
    pub(crate) fn set_note(&mut self, doc: &str, clause: &str, note: &str) -> bool {
        match self.index_of(doc, clause) {
            Some(i) => {
                note.clone_into(&mut self.bookmarks[i].note);
                true
            }
            None => false,
        }
    }

    pub(crate) fn position(&self, doc: &str) -> Option<&str> {
        self.positions.get(doc).map(String::as_str)
    }

    pub(crate) fn set_position(&mut self, doc: &str, clause: &str) {
        if self.position(doc) != Some(clause) {
            self.positions.insert(doc.to_owned(), clause.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bm(doc: &str, clause: &str, created: u64) -> Bookmark {
        Bookmark::new(doc, clause, created)
    }

    #[test]
    fn kept_in_listing_order_whatever_the_insertion_order() {
        let mut c = Contents::default();
        c.upsert(bm("B", "op1", 5));
        c.upsert(bm("A", "pp2", 9));
        c.upsert(bm("A", "op3", 9));
        c.upsert(bm("A", "op12", 1));
        let keys: Vec<_> = c.bookmarks().iter().map(Bookmark::key).collect();
        assert_eq!(
            keys,
            [("A", "op12"), ("A", "op3"), ("A", "pp2"), ("B", "op1")]
        );
        let same = Contents::from_parts(
            c.bookmarks().iter().rev().cloned().collect(),
            BTreeMap::new(),
        );
        assert_eq!(same, c);
    }

    #[test]
    fn one_bookmark_per_clause() {
        let mut c = Contents::default();
        c.upsert(bm("A", "op1", 1));
        c.upsert(bm("A", "op1", 7));
        assert_eq!(c.bookmarks().len(), 1);
        assert_eq!(c.bookmarks()[0].created, 7);
    }

    #[test]
    fn of_doc_is_exact() {
        let mut c = Contents::default();
        for (d, k) in [("A", "op1"), ("AB", "op1"), ("A", "op2"), ("", "x")] {
            c.upsert(bm(d, k, 0));
        }
        assert_eq!(c.of_doc("A").len(), 2);
        assert_eq!(c.of_doc("AB").len(), 1);
        assert_eq!(c.of_doc("").len(), 1);
        assert!(c.of_doc("Z").is_empty());
        assert!(c.get("AB", "op2").is_none());
        assert!(c.remove("AB", "op1").is_some());
        assert!(c.remove("AB", "op1").is_none());
    }
}

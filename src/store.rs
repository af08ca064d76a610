//! Saved bookmarks and reading positions (interim stub; the real store is on its own branch).
#![allow(clippy::unused_self, missing_docs, clippy::needless_pass_by_value)]

use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Bookmark {
    pub doc: String,
    pub clause: String,
    pub note: String,
    pub created: u64,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StoreError(pub String);

#[derive(Debug, Clone)]
pub struct Notice(pub String);

#[derive(Debug, Default)]
pub struct Store {
    marks: Vec<Bookmark>,
    positions: Vec<(String, String)>,
}

pub fn resolve_data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
}

impl Store {
    pub fn open(_dir: &Path) -> (Store, Option<Notice>) {
        (Store::default(), None)
    }
    pub fn load_strict(_dir: &Path) -> Result<Store, StoreError> {
        Ok(Store::default())
    }
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.marks
    }
    pub fn is_bookmarked(&self, doc: &str, clause: &str) -> bool {
        self.marks
            .iter()
            .any(|b| b.doc == doc && b.clause == clause)
    }
    pub fn toggle(&mut self, doc: &str, clause: &str, now: u64) -> bool {
        if self.remove(doc, clause).is_some() {
            return false;
        }
        self.add(Bookmark {
            doc: doc.into(),
            clause: clause.into(),
            note: String::new(),
            created: now,
        });
        true
    }
    pub fn add(&mut self, b: Bookmark) {
        self.marks.push(b);
    }
    pub fn remove(&mut self, doc: &str, clause: &str) -> Option<Bookmark> {
        let i = self
            .marks
            .iter()
            .position(|b| b.doc == doc && b.clause == clause)?;
        Some(self.marks.remove(i))
    }
    pub fn set_note(&mut self, doc: &str, clause: &str, note: &str) -> bool {
        self.marks
            .iter_mut()
            .find(|b| b.doc == doc && b.clause == clause)
            .map(|b| note.clone_into(&mut b.note))
            .is_some()
    }
    pub fn position(&self, doc: &str) -> Option<&str> {
        self.positions
            .iter()
            .find(|p| p.0 == doc)
            .map(|p| p.1.as_str())
    }
    pub fn set_position(&mut self, doc: &str, clause: &str) {
        self.positions.retain(|p| p.0 != doc);
        self.positions.push((doc.into(), clause.into()));
    }
    pub fn save(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
}

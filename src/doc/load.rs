//! Reading a document from disk (or from the binary), with errors a person
//! can act on.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::model::{ClauseKind, Document};
use super::parse::parse;

/// The embedded Chinese original of A/RES/67/189.
pub const EMBEDDED_ZH: &str = include_str!("../../assets/A-RES-67-189/zh.md");
/// The project's English reference translation of A/RES/67/189.
pub const EMBEDDED_EN: &str = include_str!("../../assets/A-RES-67-189/en.md");

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file")]
    NotFound { path: PathBuf },
    #[error("{path}: is a directory, not a document")]
    IsDirectory { path: PathBuf },
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: not a document (no title, preambular or operative paragraph found)")]
    NotADocument { path: PathBuf },
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Reads and parses one document file.
pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    load_file_with(path, &mut Vec::new())
}

/// Reads and parses two files, the second into the memory the first was
/// read into. A file's bytes are needed only while it is parsed; reading
/// the second into fresh memory made the kernel hand over and zero 20 MB
/// more pages on the pair 1000 times the embedded one.
pub fn load_files(first: &Path, second: &Path) -> Result<(Document, Document), LoadError> {
    let mut buffer = Vec::new();
    let first = load_file_with(first, &mut buffer)?;
    let second = load_file_with(second, &mut buffer)?;
    Ok((first, second))
}

/// [`load_file`], reading into `buffer` (whatever it held is dropped; it
/// comes back holding the file's bytes, or what was read of them).
fn load_file_with(path: &Path, buffer: &mut Vec<u8>) -> Result<Document, LoadError> {
    let owned = || path.to_path_buf();
    if path.is_dir() {
        return Err(LoadError::IsDirectory { path: owned() });
    }
    buffer.clear();
    File::open(path)
        .and_then(|mut file| {
            // Exactly the file's size: left to grow, a buffer holding the
            // first file would double rather than fit the second.
            let size = file.metadata().map_or(0, |m| m.len());
            buffer.reserve_exact(usize::try_from(size).unwrap_or(0));
            file.read_to_end(buffer)
        })
        .map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => LoadError::NotFound { path: owned() },
            _ => LoadError::Io {
                path: owned(),
                source,
            },
        })?;
    let text = match String::from_utf8(std::mem::take(buffer)) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            *buffer = e.into_bytes();
            return Err(LoadError::NotUtf8 {
                path: owned(),
                offset,
            });
        }
    };
    let doc = parse_checked(&text, path);
    *buffer = text.into_bytes();
    doc
}

/// Parses text and refuses what is not a document at all.
pub fn parse_checked(text: &str, path: &Path) -> Result<Document, LoadError> {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    let doc = parse(text);
    let recognised = doc.clauses.iter().any(|c| {
        matches!(
            c.kind(),
            ClauseKind::Title | ClauseKind::Preambular | ClauseKind::Operative
        )
    });
    if recognised {
        Ok(doc)
    } else {
        Err(LoadError::NotADocument {
            path: path.to_path_buf(),
        })
    }
}

/// The embedded pair, parsed.
pub fn embedded() -> (Document, Document) {
    (parse(EMBEDDED_ZH), parse(EMBEDDED_EN))
}

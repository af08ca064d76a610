//! Bad input through the real binary: one clear line on stderr naming the
//! file, a non-zero exit, nothing on stdout, never a panic.

use std::path::{Path, PathBuf};

mod common;

use common::cli::diglot;

fn embedded_en() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/assets/A-RES-67-189/en.md").to_owned()
}

/// Runs `check FILE`, `check FILE EN` and `show 12 FILE EN`; each must fail
/// with exactly `diglot: {file}: {what}` on stderr.
fn assert_rejected(file: &Path, what: &str) {
    let file = file.display().to_string();
    let en = embedded_en();
    for args in [
        vec!["check", file.as_str()],
        vec!["check", file.as_str(), en.as_str()],
        vec!["show", "12", file.as_str(), en.as_str()],
    ] {
        let run = diglot(&args);
        assert_ne!(run.code, 0, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert_eq!(run.stderr, format!("diglot: {file}: {what}\n"), "{args:?}");
    }
}

fn temp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_rejected(&dir.path().join("nowhere.md"), "no such file");
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_rejected(dir.path(), "is a directory, not a document");
}

#[test]
fn not_utf8_names_the_byte_offset() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Latin-1 "é" after 7 valid bytes of UTF-8 ("## 大" is 6 bytes, then 'a').
    let file = temp_file(&dir, "latin1.md", b"## \xe5\xa4\xa7a\xe9t\xe9\n");
    assert_rejected(&file, "not UTF-8 text (invalid byte at offset 7)");
    // A truncated multi-byte character at the very end.
    let file = temp_file(
        &dir,
        "cut.md",
        "## 67/189. 加强".as_bytes().split_last().expect("bytes").1,
    );
    let offset = "## 67/189. 加".len();
    assert_rejected(
        &file,
        &format!("not UTF-8 text (invalid byte at offset {offset})"),
    );
}

#[test]
fn empty_and_blank_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_rejected(&temp_file(&dir, "empty.md", b""), "the file is empty");
    assert_rejected(
        &temp_file(&dir, "blank.md", b"\n\n   \r\n\t\n"),
        "the file is empty",
    );
    assert_rejected(
        &temp_file(&dir, "bom.md", "\u{feff}\r\n".as_bytes()),
        "the file is empty",
    );
}

#[test]
fn nothing_recognisable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = temp_file(
        &dir,
        "notes.md",
        b"Shopping list\n\n- bread\n- milk\n\n<sup>1</sup> a footnote and nothing else\n",
    );
    assert_rejected(
        &file,
        "not a document (no title, preambular or operative paragraph found)",
    );
}

#[test]
fn a_pair_needs_two_files() {
    let en = embedded_en();
    let run = diglot(&["show", "12", &en]);
    assert_ne!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!("diglot: {en}: a pair needs two files, the Chinese then the English\n")
    );
}

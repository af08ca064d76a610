//! The bookmarks file's bytes: versioned JSON, read strictly. The shape, and
//! why reading is strict, are in the `store` module's documentation.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::error::Category;

use super::model::{Bookmark, Contents};

/// The schema version this build writes, and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    bookmarks: &'a [Bookmark],
    positions: &'a BTreeMap<String, String>,
}

/// Looks at the version only, so that a newer file is recognised as such
/// whatever else changed in it.
#[derive(Deserialize)]
struct VersionProbe {
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    version: u32,
    #[serde(default)]
    bookmarks: Vec<Bookmark>,
    #[serde(default)]
    positions: Positions,
}

/// Reading positions, refusing a document named twice (a plain map would keep
/// the last one silently).
#[derive(Default)]
struct Positions(BTreeMap<String, String>);

impl<'de> Deserialize<'de> for Positions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PositionsVisitor;
        impl<'de> Visitor<'de> for PositionsVisitor {
            type Value = Positions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object mapping document ids to clause ids")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Positions, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((doc, clause)) = map.next_entry::<String, String>()? {
                    if out.contains_key(&doc) {
                        return Err(de::Error::custom(format!(
                            "two reading positions for {doc}"
                        )));
                    }
                    out.insert(doc, clause);
                }
                Ok(Positions(out))
            }
        }
        deserializer.deserialize_map(PositionsVisitor)
    }
}

/// The file's bytes for `contents`: pretty JSON (people do read it), ending
/// in a newline.
pub(crate) fn encode(contents: &Contents) -> io::Result<Vec<u8>> {
    let file = FileOut {
        version: SCHEMA_VERSION,
        bookmarks: contents.bookmarks(),
        positions: contents.positions(),
    };
    let mut bytes = serde_json::to_vec_pretty(&file).map_err(io::Error::from)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Parses the file, or says in a few words (to fit in a sentence) why it
/// cannot be used. The words may quote the file (serde names an unknown
/// field, `two bookmarks for …` names a document): whatever a terminal would
/// obey in them is escaped, so the one-line message is safe to print.
pub(crate) fn decode(bytes: &[u8]) -> Result<Contents, String> {
    decode_unescaped(bytes).map_err(|reason| escape_controls(&reason))
}

/// Control characters (the line feed too: a message is one line) and bidi
/// embeddings, overrides and isolates, written as `\u{1b}`: the way serde
/// already quotes a string value, so a quoted key and a quoted value read
/// alike.
fn escape_controls(reason: &str) -> String {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !reason.chars().any(unsafe_char) {
        return reason.to_owned();
    }
    reason
        .chars()
        .map(|c| {
            if unsafe_char(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn decode_unescaped(bytes: &[u8]) -> Result<Contents, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the file is empty".to_owned());
    }
    // One pass for a good file; the slower passes below only find the words
    // for what is wrong with a bad one.
    let file = match serde_json::from_slice::<FileIn>(bytes) {
        Ok(file) if file.version == SCHEMA_VERSION && first_byte_is_brace(bytes) => file,
        _ => return Err(diagnose(bytes)),
    };
    let mut seen = BTreeSet::new();
    for b in &file.bookmarks {
        if !seen.insert(b.key()) {
            return Err(format!("it holds two bookmarks for {} {}", b.doc, b.clause));
        }
    }
    Ok(Contents::from_parts(file.bookmarks, file.positions.0))
}

/// Serde would also read a struct from an array; ours is always an object.
fn first_byte_is_brace(bytes: &[u8]) -> bool {
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Why `bytes` is not a version 1 bookmarks file, checked in the order a
/// person would want to hear it: not JSON at all, then not ours, then from a
/// newer version, then whatever detail is wrong.
fn diagnose(bytes: &[u8]) -> String {
    if let Err(e) = serde_json::from_slice::<de::IgnoredAny>(bytes) {
        return match e.classify() {
            Category::Eof => format!("it ends too early, as if cut short: {e}"),
            _ => format!("it is not valid JSON: {e}"),
        };
    }
    let not_ours = || "it is JSON, but not an object with a schema version".to_owned();
    if !first_byte_is_brace(bytes) {
        return not_ours();
    }
    let Ok(probe) = serde_json::from_slice::<VersionProbe>(bytes) else {
        return not_ours();
    };
    let Some(version) = probe.version else {
        return "it has no schema version".to_owned();
    };
    match version.as_u64() {
        Some(1) => match serde_json::from_slice::<FileIn>(bytes) {
            Err(e) => format!("unexpected content: {e}"),
            Ok(_) => "unexpected content".to_owned(),
        },
        Some(v) if v > u64::from(SCHEMA_VERSION) => format!(
            "it was written by a newer diglot: schema version {v}, this one reads up to {SCHEMA_VERSION}"
        ),
        _ => format!("unknown schema version {version}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> String {
        decode(text.as_bytes()).expect_err(text)
    }

    #[test]
    fn round_trip() {
        let mut c = Contents::default();
        c.upsert(Bookmark {
            doc: "A/RES/67/189".into(),
            clause: "op12.a".into(),
            note: "洗钱 \"quoted\"\n".into(),
            created: 1_700_000_000,
        });
        c.set_position("A/RES/67/189", "pp5");
        let bytes = encode(&c).expect("encode");
        assert_eq!(decode(&bytes), Ok(c));
        assert!(bytes.ends_with(b"}\n"));
    }

    #[test]
    fn minimal_file_is_empty_store() {
        assert_eq!(decode(br#"{"version":1}"#), Ok(Contents::default()));
    }

    #[test]
    fn every_unreadable_kind_has_a_reason() {
        assert_eq!(reason(""), "the file is empty");
        assert_eq!(reason(" \n\t"), "the file is empty");
        assert!(reason("hello").starts_with("it is not valid JSON"));
        assert!(reason(r#"{"version":1,"bookmarks":["#).starts_with("it ends too early"));
        assert!(reason("[1,2]").contains("not an object"));
        assert!(reason("{}").contains("no schema version"));
        assert!(reason(r#"{"version":2,"future":true}"#).contains("schema version 2"));
        assert!(reason(r#"{"version":0}"#).contains("unknown schema version 0"));
        assert!(reason(r#"{"version":"1"}"#).contains("unknown schema version"));
        assert!(reason(r#"{"version":1,"extra":1}"#).contains("unknown field"));
        assert!(reason(r#"{"version":1,"bookmarks":{}}"#).starts_with("unexpected content"));
        assert!(reason(r#"{"version":1} trailing"#).starts_with("it is not valid JSON"));
        let twice = r#"{"version":1,"bookmarks":[
            {"doc":"A","clause":"op1","note":"","created":1},
            {"doc":"A","clause":"op1","note":"x","created":2}]}"#;
        assert!(reason(twice).contains("two bookmarks for A op1"));
        let positions = r#"{"version":1,"positions":{"A":"op1","A":"op2"}}"#;
        assert!(reason(positions).contains("two reading positions for A"));
        let field = r#"{"version":1,"bookmarks":[{"doc":"A","clause":"op1","note":"","created":1,"colour":"red"}]}"#;
        assert!(reason(field).contains("unknown field"));
    }

    #[test]
    fn reasons_quoting_the_file_escape_what_a_terminal_would_obey() {
        let key = r#"{"version":1,"\u001b]0;x\u0007\u202e\n\u009b":1}"#;
        assert!(
            reason(key).contains(r"unknown field `\u{1b}]0;x\u{7}\u{202e}\u{a}\u{9b}`"),
            "{}",
            reason(key)
        );
        let doc = r#"{"version":1,"positions":{"\u001b[2J":"op1","\u001b[2J":"op2"}}"#;
        assert!(reason(doc).contains(r"two reading positions for \u{1b}[2J"));
        assert_eq!(
            escape_controls("plain 洗钱 “quoted”"),
            "plain 洗钱 “quoted”"
        );
    }
}

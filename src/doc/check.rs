//! Problems in one document that `diglot check` reports.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use super::id::ClauseId;
use super::model::{ClauseKind, Document, ParseNote};

/// One problem, with the source line it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Counts per kind, in a fixed order for reports.
pub fn counts(doc: &Document) -> Vec<(&'static str, usize)> {
    vec![
        ("header blocks", doc.count(ClauseKind::Header)),
        ("title", doc.count(ClauseKind::Title)),
        ("opening", doc.count(ClauseKind::Opening)),
        ("preambular paragraphs", doc.count(ClauseKind::Preambular)),
        ("sections", doc.count(ClauseKind::Section)),
        ("operative paragraphs", doc.count(ClauseKind::Operative)),
        ("subparagraphs", doc.count(ClauseKind::Subparagraph)),
        ("footnotes", doc.numbered_footnotes().count()),
        ("starred notes", usize::from(doc.footnote("*").is_some())),
        ("closing lines", doc.count(ClauseKind::Closing)),
        ("unplaced blocks", doc.count(ClauseKind::Unplaced)),
    ]
}

/// Every problem in one document, sorted by line.
pub fn problems(doc: &Document) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut referenced: HashSet<&str> = HashSet::new();
    let defined: HashSet<&str> = doc.footnotes.iter().map(|f| f.marker.as_str()).collect();
    let mut reported: HashSet<&str> = HashSet::new();
    for clause in &doc.clauses {
        // Once per clause and marker, however often the clause cites it.
        reported.clear();
        for marker in clause.text.footnote_markers() {
            referenced.insert(marker);
            if !defined.contains(marker) && reported.insert(marker) {
                out.push(Problem {
                    line: clause.line,
                    message: format!(
                        "{} refers to footnote {marker}, which is not defined",
                        clause.id
                    ),
                });
            }
        }
        if let ClauseId::Unplaced(_) = clause.id {
            let preview: String = clause.text.text.chars().take(40).collect();
            out.push(Problem {
                line: clause.line,
                message: format!("unplaced block: {preview}"),
            });
        }
    }
    for note in &doc.footnotes {
        for marker in note.text.footnote_markers() {
            referenced.insert(marker);
        }
    }
    for note in doc.numbered_footnotes() {
        if !referenced.contains(note.marker.as_str()) {
            out.push(Problem {
                line: note.line,
                message: format!("footnote {} is defined but never referenced", note.marker),
            });
        }
    }
    for note in &doc.notes {
        out.push(match note {
            ParseNote::DuplicateFootnote { marker, line } => Problem {
                line: *line,
                message: format!(
                    "footnote {marker} is defined twice; the first definition is used"
                ),
            },
            ParseNote::DuplicateOperative { number, line } => Problem {
                line: *line,
                message: format!(
                    "operative paragraph {number} appears twice; the second is kept as unplaced"
                ),
            },
        });
    }
    out.extend(numbering_gaps(doc));
    out.sort_by_key(|p| p.line);
    out
}

/// Operative paragraphs must run 1, 2, 3… without gaps.
fn numbering_gaps(doc: &Document) -> Vec<Problem> {
    let ops: BTreeMap<u32, usize> = doc
        .clauses
        .iter()
        .filter_map(|c| match c.id {
            ClauseId::Op(n) => Some((n, c.line)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    let mut expected = 1;
    for (&n, &line) in &ops {
        if n > expected {
            let missing = if n - expected == 1 {
                format!("operative paragraph {expected} is missing")
            } else {
                format!("operative paragraphs {expected}–{} are missing", n - 1)
            };
            out.push(Problem {
                line,
                message: format!("{missing} (skipped before {n})"),
            });
        }
        expected = n.saturating_add(1);
    }
    let mut previous = 0;
    for clause in &doc.clauses {
        if let ClauseId::Op(n) = clause.id {
            if n < previous {
                out.push(Problem {
                    line: clause.line,
                    message: format!("operative paragraph {n} comes after {previous}"),
                });
            }
            previous = n;
        }
    }
    out
}

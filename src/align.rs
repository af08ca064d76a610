//! Alignment of a Chinese and an English document into rows keyed by clause
//! id. Pure: two documents in, rows and problems out.
//!
//! Both documents number their clauses the same way (header blocks, `ppN`
//! and sections by order, `opN` by printed number), so alignment is a merge
//! of two ordered lists on equal ids. A clause present on one side only
//! becomes a row with an empty cell there.

use std::collections::{HashMap, HashSet};

use crate::doc::check::{self, Problem};
use crate::doc::{ClauseId, Document, Lang};

/// One aligned row: the clause index on each side, if present.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: ClauseId,
    pub zh: Option<usize>,
    pub en: Option<usize>,
}

impl Row {
    pub fn side(&self, lang: Lang) -> Option<usize> {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// Aligns two documents. Rows follow the Chinese order; an English-only
/// clause is placed after the row of the English clause before it.
pub fn align(zh: &Document, en: &Document) -> Vec<Row> {
    let en_index: HashMap<&ClauseId, usize> = en
        .clauses
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, i))
        .collect();
    let mut rows = Vec::with_capacity(zh.clauses.len().max(en.clauses.len()));
    let mut j = 0;
    for (i, clause) in zh.clauses.iter().enumerate() {
        match en_index.get(&clause.id) {
            Some(&k) if k >= j => {
                while j < k {
                    rows.push(Row {
                        id: en.clauses[j].id.clone(),
                        zh: None,
                        en: Some(j),
                    });
                    j += 1;
                }
                rows.push(Row {
                    id: clause.id.clone(),
                    zh: Some(i),
                    en: Some(k),
                });
                j = k + 1;
            }
            _ => rows.push(Row {
                id: clause.id.clone(),
                zh: Some(i),
                en: None,
            }),
        }
    }
    while j < en.clauses.len() {
        rows.push(Row {
            id: en.clauses[j].id.clone(),
            zh: None,
            en: Some(j),
        });
        j += 1;
    }
    rows
}

/// A problem in a pair: which side, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairProblem {
    pub lang: Lang,
    pub problem: Problem,
}

/// Every problem of each document on its own, and of the two together:
/// missing counterparts, different footnote markers on the two sides of a
/// clause, footnotes defined on one side only. Sorted as a reader goes
/// through the files: the Chinese first, then the English, each by line.
pub fn pair_problems(zh: &Document, en: &Document, rows: &[Row]) -> Vec<PairProblem> {
    let mut out: Vec<PairProblem> = Vec::new();
    for (lang, doc) in [(Lang::Zh, zh), (Lang::En, en)] {
        out.extend(
            check::problems(doc)
                .into_iter()
                .map(|problem| PairProblem { lang, problem }),
        );
    }
    for row in rows {
        match (row.zh, row.en) {
            (Some(i), None) => out.push(PairProblem {
                lang: Lang::Zh,
                problem: Problem {
                    line: zh.clauses[i].line,
                    message: format!("{} has no English counterpart", row.id),
                },
            }),
            (None, Some(j)) => out.push(PairProblem {
                lang: Lang::En,
                problem: Problem {
                    line: en.clauses[j].line,
                    message: format!("{} has no Chinese counterpart", row.id),
                },
            }),
            (Some(i), Some(j)) => {
                let mut a: Vec<&str> = zh.clauses[i].text.footnote_markers().collect();
                let mut b: Vec<&str> = en.clauses[j].text.footnote_markers().collect();
                a.sort_unstable();
                b.sort_unstable();
                if a != b {
                    out.push(PairProblem {
                        lang: Lang::En,
                        problem: Problem {
                            line: en.clauses[j].line,
                            message: format!(
                                "{} refers to footnotes [{}] but the Chinese (line {}) to [{}]",
                                row.id,
                                b.join(", "),
                                zh.clauses[i].line,
                                a.join(", ")
                            ),
                        },
                    });
                }
            }
            (None, None) => {}
        }
    }
    for (lang, this, other, other_name) in
        [(Lang::Zh, zh, en, "English"), (Lang::En, en, zh, "Chinese")]
    {
        let defined: HashSet<&str> = other.footnotes.iter().map(|f| f.marker.as_str()).collect();
        for note in &this.footnotes {
            if !defined.contains(note.marker.as_str()) {
                out.push(PairProblem {
                    lang,
                    problem: Problem {
                        line: note.line,
                        message: format!(
                            "footnote {} is not defined in the {other_name} text",
                            note.marker
                        ),
                    },
                });
            }
        }
    }
    // Stable: problems on the same line keep the order they were found in.
    out.sort_by_key(|p| (p.lang == Lang::En, p.problem.line));
    out
}

/// An aligned pair of documents with the lookups the reader and the
/// commands need.
#[derive(Clone, Debug)]
pub struct Pair {
    pub zh: Document,
    pub en: Document,
    pub rows: Vec<Row>,
    /// Clause id → row index.
    index: HashMap<ClauseId, usize>,
    /// The document id bookmarks belong to: the symbol, else a content hash.
    pub id: String,
}

/// A clause or footnote a user asked for that does not exist.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no clause {asked} in this document: {range}{}", nearest_text(.nearest))]
pub struct UnknownClause {
    pub asked: String,
    /// What exists of that kind, e.g. "operative paragraphs run 1–41".
    pub range: String,
    /// The nearest valid ids, closest first.
    pub nearest: Vec<String>,
}

fn nearest_text(nearest: &[String]) -> String {
    if nearest.is_empty() {
        String::new()
    } else {
        format!("; nearest: {}", nearest.join(", "))
    }
}

/// Where a target resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    Row(usize),
    Footnote(String),
}

impl Pair {
    pub fn new(zh: Document, en: Document) -> Pair {
        let rows = align(&zh, &en);
        let index = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let id = zh
            .meta
            .symbol
            .clone()
            .or_else(|| en.meta.symbol.clone())
            .unwrap_or_else(|| format!("doc-{:016x}", content_hash(&zh, &en)));
        Pair {
            zh,
            en,
            rows,
            index,
            id,
        }
    }

    /// The embedded A/RES/67/189 with its reference translation.
    pub fn embedded() -> Pair {
        let (zh, en) = crate::doc::load::embedded();
        Pair::new(zh, en)
    }

    pub fn doc(&self, lang: Lang) -> &Document {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The document symbol to show and cite, or the id.
    pub fn symbol(&self) -> &str {
        &self.id
    }

    pub fn row_of(&self, id: &ClauseId) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The clause of `row` in `lang`, if that side has one.
    pub fn clause(&self, row: usize, lang: Lang) -> Option<&crate::doc::Clause> {
        let index = self.rows.get(row)?.side(lang)?;
        self.doc(lang).clauses.get(index)
    }

    /// Footnote markers referenced from a row, either side, in order, once each.
    pub fn row_footnotes(&self, row: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for lang in [Lang::Zh, Lang::En] {
            if let Some(clause) = self.clause(row, lang) {
                for marker in clause.text.footnote_markers() {
                    if !out.iter().any(|m| m == marker) {
                        out.push(marker.to_owned());
                    }
                }
            }
        }
        out
    }

    /// Resolves what a user typed, or says what exists instead.
    pub fn resolve(&self, target: &crate::doc::Target) -> Result<Resolved, UnknownClause> {
        use crate::doc::Target;
        match target {
            Target::Footnote(marker) => {
                if self.zh.footnote(marker).is_some() || self.en.footnote(marker).is_some() {
                    Ok(Resolved::Footnote(marker.clone()))
                } else {
                    Err(self.unknown_footnote(marker))
                }
            }
            Target::Clause(id) => self
                .row_of(id)
                .map(Resolved::Row)
                .ok_or_else(|| self.unknown_clause(id)),
        }
    }

    fn unknown_footnote(&self, marker: &str) -> UnknownClause {
        let markers: Vec<&str> = self
            .zh
            .footnotes
            .iter()
            .map(|f| f.marker.as_str())
            .collect();
        let numbers: Vec<u32> = markers.iter().filter_map(|m| m.parse().ok()).collect();
        let range = match (numbers.iter().min(), numbers.iter().max()) {
            (Some(lo), Some(hi)) => format!("footnotes run {lo}–{hi}"),
            _ => "this document has no numbered footnotes".to_owned(),
        };
        let wanted: u32 = marker.parse().unwrap_or(0);
        UnknownClause {
            asked: format!("fn{marker}"),
            range,
            nearest: closest(&numbers, wanted)
                .into_iter()
                .map(|n| format!("fn{n}"))
                .collect(),
        }
    }

    fn unknown_clause(&self, id: &ClauseId) -> UnknownClause {
        let numbers = |pick: fn(&ClauseId) -> Option<u32>| -> Vec<u32> {
            self.rows.iter().filter_map(|r| pick(&r.id)).collect()
        };
        let (what, prefix, have, wanted) = match id {
            ClauseId::Pp(n) => (
                "preambular paragraphs",
                "pp",
                numbers(|id| {
                    if let ClauseId::Pp(n) = id {
                        Some(*n)
                    } else {
                        None
                    }
                }),
                *n,
            ),
            ClauseId::Sub(n, _) => {
                let subs: Vec<String> = self
                    .rows
                    .iter()
                    .filter(|r| matches!(&r.id, ClauseId::Sub(m, _) if m == n))
                    .map(|r| r.id.to_string())
                    .collect();
                let range = if subs.is_empty() {
                    format!("paragraph {n} has no subparagraphs")
                } else {
                    format!("paragraph {n} has subparagraphs {}", subs.join(", "))
                };
                let mut nearest = subs.into_iter().take(3).collect::<Vec<_>>();
                if nearest.is_empty() && self.row_of(&ClauseId::Op(*n)).is_some() {
                    nearest.push(format!("op{n}"));
                }
                return UnknownClause {
                    asked: id.to_string(),
                    range,
                    nearest,
                };
            }
            ClauseId::Op(n) => (
                "operative paragraphs",
                "op",
                numbers(|id| {
                    if let ClauseId::Op(n) = id {
                        Some(*n)
                    } else {
                        None
                    }
                }),
                *n,
            ),
            _ => {
                return UnknownClause {
                    asked: id.to_string(),
                    range: "try a paragraph number, ppN or fnN".to_owned(),
                    nearest: Vec::new(),
                };
            }
        };
        let range = match (have.iter().min(), have.iter().max()) {
            (Some(lo), Some(hi)) => format!("{what} run {lo}–{hi}"),
            _ => format!("this document has no {what}"),
        };
        UnknownClause {
            asked: id.to_string(),
            range,
            nearest: closest(&have, wanted)
                .into_iter()
                .map(|n| format!("{prefix}{n}"))
                .collect(),
        }
    }
}

/// Up to three numbers closest to `wanted`, closest first.
fn closest(have: &[u32], wanted: u32) -> Vec<u32> {
    let mut sorted: Vec<u32> = have.to_vec();
    sorted.sort_by_key(|n| (n.abs_diff(wanted), *n));
    sorted.dedup();
    sorted.truncate(3);
    sorted
}

/// FNV-1a over both texts: stable across runs and Rust versions, which the
/// standard hasher does not promise, so saved bookmarks keep their document.
fn content_hash(zh: &Document, en: &Document) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for doc in [zh, en] {
        for clause in &doc.clauses {
            for byte in clause.text.text.bytes().chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    hash
}

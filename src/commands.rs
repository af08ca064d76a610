//! The plain-text commands: `check`, `show`, `render`, `search`,
//! `bookmarks`. Each returns its output and exit status so tests can call it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use serde::Serialize;

use crate::align::{Pair, Resolved, pair_problems};
use crate::cli::LangArg;
use crate::doc::check::{counts, problems};
use crate::doc::{Clause, Document, Lang, RichText, Target, load_file};

/// What a command prints and how it exits.
#[derive(Debug, Default)]
pub struct Output {
    pub stdout: String,
    pub code: i32,
}

/// Loads a pair: none → the embedded one; two files → Chinese then English
/// (swapped when given the other way round).
pub fn load_pair(files: &[PathBuf]) -> Result<Pair> {
    Ok(load_pair_named(files)?.0)
}

/// Like [`load_pair`], with the names to report each side by: the file
/// each language came from, or "embedded zh/en".
fn load_pair_named(files: &[PathBuf]) -> Result<(Pair, [String; 2])> {
    match files {
        [] => Ok((
            Pair::embedded(),
            ["embedded zh".to_owned(), "embedded en".to_owned()],
        )),
        [zh, en] => {
            let (a, b) = crate::doc::load::load_files(zh, en)?;
            let (zh_name, en_name) = (zh.display().to_string(), en.display().to_string());
            Ok(if a.lang == Lang::En && b.lang == Lang::Zh {
                (Pair::new(b, a), [en_name, zh_name])
            } else {
                (Pair::new(a, b), [zh_name, en_name])
            })
        }
        [one] => bail!(
            "{}: a pair needs two files, the Chinese then the English",
            one.display()
        ),
        _ => bail!("give two files, the Chinese then the English"),
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "Chinese",
        Lang::En => "English",
    }
}

/// `diglot check [FILE | ZH EN]`.
pub fn check(files: &[PathBuf]) -> Result<Output> {
    let mut out = String::new();
    let bad = if let [one] = files {
        let doc = load_file(one)?;
        check_one(&mut out, &doc, one)
    } else {
        let (pair, names) = load_pair_named(files)?;
        check_pair(&mut out, &pair, &names)
    };
    Ok(Output {
        stdout: out,
        code: i32::from(bad),
    })
}

fn check_one(out: &mut String, doc: &Document, path: &Path) -> bool {
    let _ = writeln!(out, "{} ({})", path.display(), lang_name(doc.lang));
    for (kind, n) in counts(doc) {
        let _ = writeln!(out, "  {kind:<24}{n:>6}");
    }
    let found = problems(doc);
    report(
        out,
        found
            .iter()
            .map(|p| (path.display().to_string(), p.to_string())),
    )
}

fn check_pair(out: &mut String, pair: &Pair, names: &[String; 2]) -> bool {
    let name = |lang: Lang| match lang {
        Lang::Zh => names[0].clone(),
        Lang::En => names[1].clone(),
    };
    let _ = writeln!(out, "{}", pair.symbol());
    let _ = writeln!(out, "  {:<24}{:>6}{:>6}", "", "zh", "en");
    for ((kind, a), (_, b)) in counts(&pair.zh).into_iter().zip(counts(&pair.en)) {
        let mark = if a == b { "" } else { "  ≠" };
        let _ = writeln!(out, "  {kind:<24}{a:>6}{b:>6}{mark}");
    }
    let _ = writeln!(out, "  {:<24}{:>6}", "aligned rows", pair.rows.len());
    // Two texts in the same language is most likely a pair given by
    // mistake; but a document with no Chinese (or no Latin) text at all
    // reads as the other language, so this is a warning, not a problem.
    for (lang, doc) in [(Lang::Zh, &pair.zh), (Lang::En, &pair.en)] {
        if doc.lang != lang {
            let _ = writeln!(
                out,
                "warning: {}: expected the {} text, but this file reads as {}",
                name(lang),
                lang_name(lang),
                lang_name(doc.lang)
            );
        }
    }
    let mut found: Vec<(String, String)> = Vec::new();
    let problems = pair_problems(&pair.zh, &pair.en, &pair.rows);
    found.extend(
        problems
            .iter()
            .map(|p| (name(p.lang), p.problem.to_string())),
    );
    report(out, found.into_iter())
}

fn report(out: &mut String, problems: impl Iterator<Item = (String, String)>) -> bool {
    let mut n = 0;
    for (file, problem) in problems {
        if n == 0 {
            out.push_str("problems:\n");
        }
        n += 1;
        let _ = writeln!(out, "  {file}: {problem}");
    }
    if n == 0 {
        out.push_str("no problems\n");
    } else {
        let _ = writeln!(out, "{n} problem{}", if n == 1 { "" } else { "s" });
    }
    n > 0
}

/// The structured form of one side of a clause, for `show --json`.
#[derive(Serialize)]
struct ClauseJson<'a> {
    lang: Lang,
    label: String,
    line: usize,
    text: &'a str,
    spans: &'a [crate::doc::Span],
    footnotes: Vec<&'a str>,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    document: &'a str,
    id: String,
    citation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    zh: Option<ClauseJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    en: Option<ClauseJson<'a>>,
}

fn langs(lang: LangArg) -> &'static [Lang] {
    match lang {
        LangArg::Zh => &[Lang::Zh],
        LangArg::En => &[Lang::En],
        LangArg::Both => &[Lang::Zh, Lang::En],
    }
}

/// One language's side of a clause or footnote: its label, line and text.
type Side<'a> = (Lang, String, usize, &'a RichText);

/// `diglot show CLAUSE [ZH EN]`.
pub fn show(
    pair: &Pair,
    clause: &str,
    lang: LangArg,
    json: bool,
    width: usize,
    ambiguous_wide: bool,
) -> Result<Output> {
    let target: Target = clause.parse()?;
    let resolved = pair.resolve(&target)?;
    let (id, citation, sides): (String, String, Vec<Side>) = match &resolved {
        Resolved::Row(row) => {
            let id = &pair.rows[*row].id;
            let sides = langs(lang)
                .iter()
                .filter_map(|&l| {
                    pair.clause(*row, l)
                        .map(|c: &Clause| (l, id.label(), c.line, &c.text))
                })
                .collect();
            (id.to_string(), id.citation(), sides)
        }
        Resolved::Footnote(marker) => {
            let sides = langs(lang)
                .iter()
                .filter_map(|&l| {
                    pair.doc(l)
                        .footnote(marker)
                        .map(|f| (l, format!("[{marker}]"), f.line, &f.text))
                })
                .collect();
            (format!("fn{marker}"), format!("note {marker}"), sides)
        }
    };
    let mut out = String::new();
    if json {
        let side = |want: Lang| {
            sides
                .iter()
                .find(|s| s.0 == want)
                .map(|(l, label, line, text)| ClauseJson {
                    lang: *l,
                    label: label.clone(),
                    line: *line,
                    text: &text.text,
                    spans: &text.spans,
                    footnotes: text.footnote_markers().collect(),
                })
        };
        let doc = ShowJson {
            document: pair.symbol(),
            id,
            citation: format!("{}, {citation}", pair.symbol()),
            zh: side(Lang::Zh),
            en: side(Lang::En),
        };
        out = serde_json::to_string_pretty(&doc)?;
        out.push('\n');
        return Ok(Output {
            stdout: out,
            code: 0,
        });
    }
    let _ = writeln!(out, "{}, {citation}", pair.symbol());
    for (lang, label, _, text) in &sides {
        out.push('\n');
        let head = if label.is_empty() {
            String::new()
        } else {
            format!("{label} ")
        };
        let body = format!("{head}{}", text.text);
        let glue: Vec<usize> = text.glue().into_iter().map(|g| g + head.len()).collect();
        let opts = crate::text::WrapOptions {
            width: width.max(1),
            ambiguous_wide,
        };
        for line in crate::text::wrap(&body, &glue, opts) {
            let _ = writeln!(out, "{}", &body[line.start..line.end]);
        }
        if *lang == Lang::En {
            let _ = writeln!(out, "(English reference translation)");
        }
    }
    Ok(Output {
        stdout: out,
        code: 0,
    })
}

/// The terminal's width when stdout is one, else 80.
pub fn terminal_width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w.max(20)))
    } else {
        80
    }
}

/// Builds the reader's state for a pair, as the terminal and `render` both do.
pub fn new_app(
    pair: Pair,
    options: crate::app::Options,
    layout: Option<crate::cli::LayoutArg>,
    width: u16,
    height: u16,
) -> crate::app::App {
    use crate::app::Layout;
    use crate::cli::LayoutArg;
    let layout = match layout {
        None | Some(LayoutArg::Side) => Layout::Side,
        Some(LayoutArg::Stacked) => Layout::Stacked,
        Some(LayoutArg::Zh) => Layout::Zh,
        Some(LayoutArg::En) => Layout::En,
    };
    crate::app::App::new(pair, options, layout, width, height)
}

/// Resolves `--at` to a row, or fails with the nearest valid ids.
pub fn resolve_at(pair: &Pair, at: &str) -> Result<usize> {
    let target: Target = at.parse()?;
    match pair.resolve(&target)? {
        Resolved::Row(row) => Ok(row),
        Resolved::Footnote(marker) => {
            let rows = pair.rows.len();
            (0..rows)
                .find(|&r| pair.row_footnotes(r).contains(&marker))
                .ok_or_else(|| anyhow::anyhow!("footnote {marker} is not referenced by any clause"))
        }
    }
}

/// `diglot render`: one screen as plain text, drawn by the reader's code.
pub fn render(
    pair: Pair,
    width: u16,
    height: u16,
    at: Option<&str>,
    layout: Option<crate::cli::LayoutArg>,
    options: crate::app::Options,
) -> Result<Output> {
    let row = at.map(|a| resolve_at(&pair, a)).transpose()?;
    let mut app = new_app(pair, options, layout, width, height);
    if let Some(row) = row {
        crate::app::update::jump(&mut app, row);
    }
    Ok(Output {
        stdout: crate::ui::render_text(&app),
        code: 0,
    })
}

/// `diglot bookmarks [--json] [--export md]`.
pub fn bookmarks(
    data_dir: Option<&Path>,
    json: bool,
    export: Option<crate::cli::ExportFormat>,
) -> Result<Output> {
    use crate::store::{Store, resolve_data_dir};
    let Some(dir) = resolve_data_dir(data_dir) else {
        bail!("no data directory: give --data-dir DIR or set DIGLOT_DATA_DIR");
    };
    let store = Store::load_strict(&dir)?;
    // Text is known for the embedded document; other documents' bookmarks
    // are listed by id.
    let embedded = Pair::embedded();
    let entries: Vec<BookmarkEntry> = store
        .bookmarks()
        .iter()
        .map(|b| BookmarkEntry::new(b, &embedded))
        .collect();
    let mut out = String::new();
    if json {
        out = serde_json::to_string_pretty(&entries)?;
        out.push('\n');
    } else if export.is_some() {
        out.push_str("# Bookmarks\n");
        for e in &entries {
            let _ = write!(out, "\n- **{}** ({})", e.citation, e.date);
            if !e.note.is_empty() {
                let _ = write!(out, ": {}", e.note);
            }
            out.push('\n');
            if let Some(zh) = &e.zh {
                let _ = writeln!(out, "  - 中文: {}", zh.replace('\n', " "));
            }
            if let Some(en) = &e.en {
                let _ = writeln!(
                    out,
                    "  - English (reference translation): {}",
                    en.replace('\n', " ")
                );
            }
        }
    } else if entries.is_empty() {
        let _ = writeln!(out, "no bookmarks in {}", dir.display());
    } else {
        for e in &entries {
            let _ = writeln!(out, "{}  {}  {}  {}", e.document, e.clause, e.date, e.note);
            for text in [&e.zh, &e.en].into_iter().flatten() {
                let flat = text.replace('\n', " ");
                let preview = crate::ui::draw::truncate(&flat, 72, false);
                let _ = writeln!(out, "    {preview}");
            }
        }
    }
    Ok(Output {
        stdout: out,
        code: 0,
    })
}

#[derive(Serialize)]
struct BookmarkEntry {
    document: String,
    clause: String,
    citation: String,
    note: String,
    created: u64,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    en: Option<String>,
}

impl BookmarkEntry {
    fn new(b: &crate::store::Bookmark, embedded: &Pair) -> BookmarkEntry {
        use crate::text::sanitize;
        let document = sanitize(&b.doc).into_owned();
        let clause = sanitize(&b.clause).into_owned();
        let row = (b.doc == embedded.id)
            .then(|| b.clause.parse::<Target>().ok())
            .flatten()
            .and_then(|t| match embedded.resolve(&t).ok()? {
                Resolved::Row(row) => Some(row),
                Resolved::Footnote(_) => None,
            });
        let text = |lang| {
            row.and_then(|r| embedded.clause(r, lang)).map(|c| {
                let label = embedded.rows[row.unwrap_or(0)].id.label();
                if label.is_empty() {
                    c.text.text.clone()
                } else {
                    format!("{label} {}", c.text.text)
                }
            })
        };
        let citation = match row {
            Some(r) => format!("{}, {}", embedded.symbol(), embedded.rows[r].id.citation()),
            None => format!("{document}, {clause}"),
        };
        BookmarkEntry {
            citation,
            note: sanitize(&b.note).into_owned(),
            created: b.created,
            date: crate::ui::date(b.created),
            zh: text(Lang::Zh),
            en: text(Lang::En),
            document,
            clause,
        }
    }
}

/// `diglot search QUERY [ZH EN] [--json]`: exit 1 when nothing is found.
pub fn search(pair: &Pair, query: &str, json: bool) -> Output {
    let index = crate::search::SearchIndex::new(pair);
    let hits = index.find(query);
    let stdout = if json {
        crate::search::report_json(pair, &hits)
    } else {
        crate::search::report_plain(pair, &hits)
    };
    Output {
        stdout,
        code: i32::from(hits.is_empty()),
    }
}

//! The document model: what a UN resolution is made of, independent of how it
//! was written down and of how it will be drawn.
//!
//! Clause text is stored flat (one `String` per clause, already sanitized)
//! with style spans as byte ranges over it. Wrapping, search and drawing all
//! work on byte ranges of that one string, so none of them has to rebuild
//! text per keystroke.

use serde::Serialize;

use super::id::ClauseId;

/// Which language a document is written in. Detected from its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// How a stretch of clause text is marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    /// The lead phrase of a clause (`**重申**`, `*Reaffirming*`, `*Urges*`).
    Lead,
    /// Bold or italic text elsewhere (`*Treaty Series*`).
    Emphasis,
    /// A footnote reference, drawn as `[N]`; the marker is inside the brackets.
    FootnoteRef,
}

/// A styled byte range of a [`RichText`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: SpanKind,
}

/// Text with style spans. Hard line breaks are `'\n'` in `text`. Spans are
/// sorted by `start` and never overlap.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RichText {
    pub text: String,
    pub spans: Vec<Span>,
}

impl RichText {
    /// The markers of the footnotes referenced, in order of appearance.
    pub fn footnote_markers(&self) -> impl Iterator<Item = &str> {
        self.spans
            .iter()
            .filter(|s| s.kind == SpanKind::FootnoteRef)
            .map(|s| footnote_marker(&self.text[s.start..s.end]))
    }

    /// The lead phrase, if the text opens with one.
    pub fn lead(&self) -> Option<&str> {
        self.spans
            .first()
            .filter(|s| s.kind == SpanKind::Lead)
            .map(|s| &self.text[s.start..s.end])
    }

    /// Byte offsets before which a line must not break: the start of every
    /// footnote marker, so `公约[2]` never leaves `[2]` alone on a line.
    pub fn glue(&self) -> Vec<usize> {
        self.spans
            .iter()
            .filter(|s| s.kind == SpanKind::FootnoteRef)
            .map(|s| s.start)
            .collect()
    }
}

/// How a footnote marker is drawn in running text. Plain ASCII brackets:
/// superscript digits are East Asian Ambiguous and would be drawn one or two
/// columns wide depending on the terminal.
pub fn footnote_label(marker: &str) -> String {
    format!("[{marker}]")
}

fn footnote_marker(label: &str) -> &str {
    label
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(label)
}

/// What part of a resolution a clause is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseKind {
    Header,
    Title,
    Opening,
    Preambular,
    Section,
    Operative,
    Subparagraph,
    Closing,
    Unplaced,
}

/// One clause: the unit that is aligned, focused, bookmarked and cited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Clause {
    pub id: ClauseId,
    pub text: RichText,
    /// 1-based line in the source file where the clause starts.
    pub line: usize,
}

impl Clause {
    pub fn kind(&self) -> ClauseKind {
        self.id.kind()
    }
}

/// A footnote definition. The starred note (`\* …`) is the footnote `*`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Footnote {
    pub marker: String,
    pub text: RichText,
    pub line: usize,
}

/// Facts about the resolution gathered from its header, title and closing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// Document symbol, e.g. `A/RES/67/189`, derived from the title's
    /// resolution number and the organ.
    pub symbol: Option<String>,
    /// The resolution number as printed in the title, e.g. `67/189`.
    pub number: Option<String>,
    /// The title without its number.
    pub title: Option<String>,
    pub organ: Option<String>,
    pub session: Option<String>,
    pub agenda_item: Option<String>,
    /// The committee report the resolution was adopted on, e.g. `A/67/458`.
    pub report: Option<String>,
    pub distribution: Option<String>,
    pub distribution_date: Option<String>,
    pub reissue_note: Option<String>,
    pub adoption_date: Option<String>,
    pub plenary_meeting: Option<String>,
}

/// A parsed document in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document {
    pub lang: Lang,
    pub meta: Metadata,
    /// Every clause in reading order, including unplaced blocks.
    pub clauses: Vec<Clause>,
    /// Footnote definitions in order of appearance (the starred note too).
    pub footnotes: Vec<Footnote>,
    /// Problems found while parsing that `check` reports.
    #[serde(skip)]
    pub notes: Vec<ParseNote>,
}

/// Something the parser noticed but could still place or keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseNote {
    /// The same footnote marker was defined twice; the first is kept.
    DuplicateFootnote { marker: String, line: usize },
    /// An operative paragraph number that appeared before; the later one
    /// keeps its text but is renamed so nothing is lost.
    DuplicateOperative { number: u32, line: usize },
}

impl Document {
    pub fn footnote(&self, marker: &str) -> Option<&Footnote> {
        self.footnotes.iter().find(|f| f.marker == marker)
    }

    pub fn clause(&self, id: &ClauseId) -> Option<&Clause> {
        self.clauses.iter().find(|c| &c.id == id)
    }

    pub fn count(&self, kind: ClauseKind) -> usize {
        self.clauses.iter().filter(|c| c.kind() == kind).count()
    }

    /// Footnotes with a number or symbol marker, not counting the starred note.
    pub fn numbered_footnotes(&self) -> impl Iterator<Item = &Footnote> {
        self.footnotes.iter().filter(|f| f.marker != "*")
    }
}

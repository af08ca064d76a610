//! Clause ids (`pp5`, `op12`, `op12.a`) and the targets a user can type
//! (`12`, `12a`, `op12.a`, `pp5`, `fn7`).

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use super::model::ClauseKind;

/// The alignment key of a clause. Header blocks, sections, closing lines and
/// unplaced blocks are numbered by order; preambular clauses by order;
/// operative paragraphs by their printed number.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClauseId {
    Header(u32),
    Title,
    Opening,
    Pp(u32),
    Section(u32),
    Op(u32),
    /// A subparagraph of an operative paragraph: `(a)` is `"a"`, `(ii)`
    /// under `(a)` is `"a.ii"`.
    Sub(u32, String),
    Closing(u32),
    Unplaced(u32),
}

impl ClauseId {
    pub fn kind(&self) -> ClauseKind {
        match self {
            ClauseId::Header(_) => ClauseKind::Header,
            ClauseId::Title => ClauseKind::Title,
            ClauseId::Opening => ClauseKind::Opening,
            ClauseId::Pp(_) => ClauseKind::Preambular,
            ClauseId::Section(_) => ClauseKind::Section,
            ClauseId::Op(_) => ClauseKind::Operative,
            ClauseId::Sub(..) => ClauseKind::Subparagraph,
            ClauseId::Closing(_) => ClauseKind::Closing,
            ClauseId::Unplaced(_) => ClauseKind::Unplaced,
        }
    }

    /// The short label drawn in the gutter: `PP5`, `12.`, `12(a)`.
    pub fn label(&self) -> String {
        match self {
            ClauseId::Pp(n) => format!("PP{n}"),
            ClauseId::Op(n) => format!("{n}."),
            ClauseId::Sub(n, sub) => {
                let parts: String = sub
                    .split('.')
                    .fold(String::new(), |acc, p| acc + "(" + p + ")");
                format!("{n}{parts}")
            }
            ClauseId::Section(n) => format!("§{n}"),
            ClauseId::Unplaced(_) => "?".to_owned(),
            ClauseId::Header(_) | ClauseId::Title | ClauseId::Opening | ClauseId::Closing(_) => {
                String::new()
            }
        }
    }

    /// How the clause is cited after the document symbol:
    /// `para. 12`, `para. 12 (a)`, `preambular para. 5`.
    pub fn citation(&self) -> String {
        match self {
            ClauseId::Op(n) => format!("para. {n}"),
            ClauseId::Sub(n, sub) => {
                let parts: String = sub
                    .split('.')
                    .fold(String::new(), |acc, p| acc + " (" + p + ")");
                format!("para. {n}{parts}")
            }
            ClauseId::Pp(n) => format!("preambular para. {n}"),
            ClauseId::Title => "title".to_owned(),
            other => other.to_string(),
        }
    }

    /// The operative paragraph this clause belongs to, if any.
    pub fn operative_number(&self) -> Option<u32> {
        match self {
            ClauseId::Op(n) | ClauseId::Sub(n, _) => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for ClauseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClauseId::Header(n) => write!(f, "header{n}"),
            ClauseId::Title => f.write_str("title"),
            ClauseId::Opening => f.write_str("opening"),
            ClauseId::Pp(n) => write!(f, "pp{n}"),
            ClauseId::Section(n) => write!(f, "section{n}"),
            ClauseId::Op(n) => write!(f, "op{n}"),
            ClauseId::Sub(n, sub) => write!(f, "op{n}.{sub}"),
            ClauseId::Closing(n) => write!(f, "closing{n}"),
            ClauseId::Unplaced(n) => write!(f, "unplaced{n}"),
        }
    }
}

impl Serialize for ClauseId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What a user can ask to go to: a clause, or a footnote by its marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Clause(ClauseId),
    Footnote(String),
}

/// A clause id the user typed that has no valid shape at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a clause id (try 12, op12, 12a, op12.a, pp5 or fn7)")]
pub struct BadTarget(pub String);

impl FromStr for Target {
    type Err = BadTarget;

    /// Accepts `12`, `op12`, `OP 12`, `12a`, `12(a)`, `op12.a`, `12.a.ii`,
    /// `pp5`, `fn7`, `fn*`, and the long forms `title`, `opening`,
    /// `header2`, `section1`, `closing1`.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let bad = || BadTarget(input.to_owned());
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if let Some(marker) = s.strip_prefix("fn") {
            if marker.is_empty() || marker.len() > 8 {
                return Err(bad());
            }
            return Ok(Target::Footnote(marker.to_owned()));
        }
        let simple = |prefix: &str| -> Option<u32> {
            s.strip_prefix(prefix)
                .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|rest| rest.parse().ok())
        };
        let id = match s.as_str() {
            "title" => ClauseId::Title,
            "opening" => ClauseId::Opening,
            _ => {
                if let Some(n) = simple("pp") {
                    ClauseId::Pp(n)
                } else if let Some(n) = simple("header") {
                    ClauseId::Header(n)
                } else if let Some(n) = simple("section") {
                    ClauseId::Section(n)
                } else if let Some(n) = simple("closing") {
                    ClauseId::Closing(n)
                } else if let Some(n) = simple("unplaced") {
                    ClauseId::Unplaced(n)
                } else {
                    parse_operative(s.strip_prefix("op").unwrap_or(&s)).ok_or_else(bad)?
                }
            }
        };
        Ok(Target::Clause(id))
    }
}

/// `12`, `12.`, `12a`, `12.a`, `12(a)`, `12(a)(ii)`, `12.a.ii`.
fn parse_operative(s: &str) -> Option<ClauseId> {
    let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if digits_end == 0 || digits_end > 9 {
        return None;
    }
    let n: u32 = s[..digits_end].parse().ok()?;
    let rest = &s[digits_end..];
    let parts: Vec<&str> = rest
        .split(['.', '(', ')'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Some(ClauseId::Op(n));
    }
    if parts.len() > 3
        || parts
            .iter()
            .any(|p| p.len() > 6 || !p.bytes().all(|b| b.is_ascii_lowercase()))
    {
        return None;
    }
    Some(ClauseId::Sub(n, parts.join(".")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(s: &str) -> Target {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_documented_form() {
        assert_eq!(target("12"), Target::Clause(ClauseId::Op(12)));
        assert_eq!(target("op12"), Target::Clause(ClauseId::Op(12)));
        assert_eq!(target("OP 12"), Target::Clause(ClauseId::Op(12)));
        assert_eq!(target("12."), Target::Clause(ClauseId::Op(12)));
        let sub = Target::Clause(ClauseId::Sub(12, "a".into()));
        assert_eq!(target("12a"), sub);
        assert_eq!(target("op12.a"), sub);
        assert_eq!(target("12(a)"), sub);
        assert_eq!(
            target("12(a)(ii)"),
            Target::Clause(ClauseId::Sub(12, "a.ii".into()))
        );
        assert_eq!(target("pp5"), Target::Clause(ClauseId::Pp(5)));
        assert_eq!(target("fn7"), Target::Footnote("7".into()));
        assert_eq!(target("fn*"), Target::Footnote("*".into()));
        assert_eq!(target("title"), Target::Clause(ClauseId::Title));
    }

    #[test]
    fn rejects_shapeless_ids() {
        for bad in [
            "",
            "op",
            "pp",
            "x",
            "12-3",
            "fn",
            "pp5a",
            "1234567890",
            "12(3)",
        ] {
            assert!(bad.parse::<Target>().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn display_round_trips_through_parse() {
        for id in [
            ClauseId::Op(3),
            ClauseId::Sub(3, "b".into()),
            ClauseId::Sub(3, "b.iv".into()),
            ClauseId::Pp(31),
            ClauseId::Header(2),
            ClauseId::Title,
            ClauseId::Closing(1),
        ] {
            assert_eq!(target(&id.to_string()), Target::Clause(id));
        }
    }

    #[test]
    fn labels_and_citations() {
        assert_eq!(ClauseId::Pp(5).label(), "PP5");
        assert_eq!(ClauseId::Op(12).label(), "12.");
        assert_eq!(ClauseId::Sub(12, "a".into()).label(), "12(a)");
        assert_eq!(ClauseId::Op(12).citation(), "para. 12");
        assert_eq!(ClauseId::Sub(12, "a".into()).citation(), "para. 12 (a)");
    }
}

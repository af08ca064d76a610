//! Metadata read off the header blocks, the title, the starred note and the
//! closing lines, in either language.

use super::id::ClauseId;
use super::model::Document;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2012 年 12 月 20 日`, `20 December 2012`, `December 20, 2012`.
pub(crate) fn looks_like_date(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 40 {
        return false;
    }
    let chinese = t.contains('年') && t.contains('月') && t.ends_with('日');
    let english = MONTHS.iter().any(|m| t.contains(m))
        && t.bytes().filter(u8::is_ascii_digit).count() >= 4
        && t.split_whitespace().count() <= 4;
    chinese || english
}

/// The symbol prefix for an organ's resolutions.
fn symbol_prefix(organ: &str) -> Option<&'static str> {
    let o = organ.trim();
    if o == "大会" || o.eq_ignore_ascii_case("General Assembly") {
        Some("A/RES/")
    } else if o == "安全理事会" || o.eq_ignore_ascii_case("Security Council") {
        Some("S/RES/")
    } else if o == "经济及社会理事会" || o.eq_ignore_ascii_case("Economic and Social Council")
    {
        Some("E/RES/")
    } else {
        None
    }
}

/// Fills `doc.meta` from the clauses and footnotes already parsed.
pub(crate) fn derive(doc: &mut Document) {
    let mut meta = std::mem::take(&mut doc.meta);
    for clause in &doc.clauses {
        let text = clause.text.text.as_str();
        match &clause.id {
            ClauseId::Header(_) => header(&mut meta, text),
            ClauseId::Title => {
                // The title as a name: without its footnote markers (`[*]`).
                let plain = without_footnote_refs(&clause.text);
                let t = plain.trim();
                let end = t.find(['.', ' ']).unwrap_or(t.len());
                meta.number = Some(t[..end].to_owned());
                let rest = t[end..].trim_start_matches('.').trim();
                meta.title = Some(rest.to_owned());
            }
            ClauseId::Closing(_) => {
                for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    if meta.adoption_date.is_none() && looks_like_date(line) {
                        meta.adoption_date = Some(line.to_owned());
                    } else if meta.plenary_meeting.is_none()
                        && (line.contains("全体会议") || line.contains("plenary meeting"))
                    {
                        meta.plenary_meeting = Some(line.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    meta.reissue_note = doc.footnote("*").map(|f| f.text.text.clone());
    if let (Some(number), Some(prefix)) = (
        meta.number.as_deref(),
        meta.organ.as_deref().and_then(symbol_prefix),
    ) {
        meta.symbol = Some(format!("{prefix}{number}"));
    }
    doc.meta = meta;
}

/// The text with every footnote reference label removed.
fn without_footnote_refs(rich: &super::model::RichText) -> String {
    let mut out = String::with_capacity(rich.text.len());
    let mut from = 0;
    for span in &rich.spans {
        if span.kind == super::model::SpanKind::FootnoteRef {
            out.push_str(&rich.text[from..span.start]);
            from = span.end;
        }
    }
    out.push_str(&rich.text[from..]);
    out
}

fn header(meta: &mut super::model::Metadata, text: &str) {
    let t = text.trim();
    let mut lines = t.lines().map(str::trim);
    let first = lines.next().unwrap_or("");
    if first.starts_with("Distr.") {
        meta.distribution = Some(first.to_owned());
        meta.distribution_date = lines.find(|l| looks_like_date(l)).map(str::to_owned);
    } else if first.starts_with("议程项目") || first.starts_with("Agenda item") {
        meta.agenda_item = Some(first.to_owned());
    } else if first.ends_with("届会议") || first.ends_with("session") {
        meta.session = Some(first.to_owned());
    } else if first.starts_with('[') {
        meta.report = report_symbol(first);
    } else if meta.organ.is_none() && symbol_prefix(first).is_some() {
        meta.organ = Some(first.to_owned());
    }
}

/// `[根据第三委员会的报告(A/67/458)通过]` → `A/67/458`.
fn report_symbol(line: &str) -> Option<String> {
    let open = line.find(['(', '（'])?;
    let after = &line[open..];
    let inner_start = after.char_indices().nth(1)?.0;
    let inner = &after[inner_start..];
    let close = inner.find([')', '）'])?;
    let symbol = inner[..close].trim();
    symbol.contains('/').then(|| symbol.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(looks_like_date("2012 年 12 月 20 日"));
        assert!(looks_like_date("20 December 2012"));
        assert!(!looks_like_date("第 60 次全体会议"));
        assert!(!looks_like_date(
            "Requests the Secretary-General to report in December 2013 on it"
        ));
    }

    #[test]
    fn report() {
        assert_eq!(
            report_symbol("[根据第三委员会的报告(A/67/458)通过]").as_deref(),
            Some("A/67/458")
        );
        assert_eq!(
            report_symbol("[on the report of the Third Committee (A/67/458)]").as_deref(),
            Some("A/67/458")
        );
    }
}

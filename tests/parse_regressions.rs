//! Bugs found while hardening the parser, each pinned by the input that
//! showed it. Inputs found by the fuzzer go here too (see docs/FUZZING.md).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use diglot::doc::{SpanKind, parse};

/// Generous for a debug build; the quadratic versions took seconds to
/// minutes on these inputs. Measured in CPU time of the test's thread, so a
/// busy machine does not fail the test.
const FAST: Duration = Duration::from_secs(2);

/// CPU time used by this thread, from `/proc` (in ticks of 1/100 s), or
/// `None` where that is not available.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

fn elapsed_since(cpu: Option<Duration>, wall: Instant) -> Duration {
    match (cpu, thread_cpu()) {
        (Some(before), Some(after)) => after.saturating_sub(before),
        _ => wall.elapsed(),
    }
}

/// A paired `**` whose content is many `* ` toggles over whitespace used to
/// rescan the whole output at every toggle (16 s for 80 KB in debug).
#[test]
fn lead_detection_over_whitespace_is_linear() {
    let src = format!("** {}**", "* ".repeat(100_000));
    let (cpu, wall) = (thread_cpu(), Instant::now());
    let doc = parse(&src);
    let took = elapsed_since(cpu, wall);
    assert!(took < FAST, "took {took:?}");
    assert_eq!(doc.clauses.len(), 1);
    // Every delimiter here has whitespace on its inner side: all literal.
    assert_eq!(doc.clauses[0].text.text, src.trim());
    assert!(doc.clauses[0].text.spans.is_empty());
    let doc = parse("**重申**其决议");
    let c = &doc.clauses[0].text;
    assert_eq!(c.lead(), Some("重申"));
    assert_eq!(c.spans.len(), 1);
    assert_eq!(c.spans[0].kind, SpanKind::Lead);
}

fn only_clause(src: &str) -> diglot::doc::RichText {
    let doc = parse(src);
    assert_eq!(doc.clauses.len(), 1, "{:?}", doc.clauses);
    doc.clauses[0].text.clone()
}

fn styled(t: &diglot::doc::RichText) -> Vec<(&str, SpanKind)> {
    t.spans
        .iter()
        .map(|s| (&t.text[s.start..s.end], s.kind))
        .collect()
}

/// `*` paired regardless of the spaces around it, so arithmetic lost its
/// asterisks and turned into emphasis.
#[test]
fn asterisks_between_spaces_stay_literal() {
    let t = only_clause("1. *Notes* that 2 * 3 * 4 = 24 and a ** b ** c;");
    assert_eq!(t.text, "Notes that 2 * 3 * 4 = 24 and a ** b ** c;");
    assert_eq!(styled(&t), [("Notes", SpanKind::Lead)]);
    let t = only_clause("1. *Notes* the *Treaty Series* and a*b*c;");
    assert_eq!(t.text, "Notes the Treaty Series and abc;");
    assert_eq!(
        styled(&t),
        [
            ("Notes", SpanKind::Lead),
            ("Treaty Series", SpanKind::Emphasis),
            ("b", SpanKind::Emphasis)
        ]
    );
}

/// A second `_` opener replaced the first without making it literal: the
/// first `_` vanished and the emphasis was inverted.
#[test]
fn replaced_underscore_opener_is_literal() {
    let t = only_clause("1. _Notes_ _a _b_ c;");
    assert_eq!(t.text, "Notes _a b c;");
    assert_eq!(
        styled(&t),
        [("Notes", SpanKind::Lead), ("b", SpanKind::Emphasis)]
    );
    let t = only_clause("1. *Notes* *a *b* c;");
    assert_eq!(t.text, "Notes *a b c;");
    assert_eq!(
        styled(&t),
        [("Notes", SpanKind::Lead), ("b", SpanKind::Emphasis)]
    );
}

fn ids(doc: &diglot::doc::Document) -> Vec<String> {
    doc.clauses.iter().map(|c| c.id.to_string()).collect()
}

/// `(v)` after `(u)` and `(x)` after `(w)` were taken for roman numerals
/// under the previous letter (`op1.u.v`), as only `(i)` after `(h)` was
/// special-cased.
#[test]
fn letters_that_are_roman_numerals() {
    let mut src = String::from("1. *Decides*:\n");
    for c in 'a'..='z' {
        writeln!(src, "({c}) item {c};").unwrap();
        if c == 'b' {
            src.push_str("(i) b one;\n(ii) b two;\n");
        }
        if c == 'u' {
            src.push_str("(i) u one;\n(ii) u two;\n(iii) u three;\n(iv) u four;\n(v) u five;\n");
        }
    }
    let doc = parse(&src);
    let mut want = vec!["op1".to_owned()];
    for c in 'a'..='z' {
        want.push(format!("op1.{c}"));
        if c == 'b' {
            want.extend(["op1.b.i".to_owned(), "op1.b.ii".to_owned()]);
        }
        if c == 'u' {
            want.extend(["i", "ii", "iii", "iv", "v"].map(|r| format!("op1.u.{r}")));
        }
    }
    assert_eq!(ids(&doc), want);
    let v = doc
        .clauses
        .iter()
        .find(|c| c.id.to_string() == "op1.v")
        .expect("op1.v");
    assert_eq!(v.text.text, "item v;");
    assert_eq!(v.line, 30);
}

#[test]
fn roman_lists_under_the_letter_i() {
    let doc = parse("1. x\n(g) g\n(h) h\n(i) letter i\n(i) first\n(ii) second\n(j) j\n(ii) odd\n");
    assert_eq!(
        ids(&doc),
        [
            "op1", "op1.g", "op1.h", "op1.i", "op1.i.i", "op1.i.ii", "op1.j", "op1.j.ii"
        ]
    );
    // Lists that run past (z) double the letter; (ii) after (hh) is a letter.
    let doc = parse("1. x\n(hh) hh\n(ii) ii\n(i) roman\n");
    assert_eq!(ids(&doc), ["op1", "op1.hh", "op1.ii", "op1.ii.i"]);
}

/// A repeated subparagraph label was only looked for among the last 64
/// clauses, so a repeat further back gave two clauses the same id.
#[test]
fn subparagraph_ids_stay_unique_far_apart() {
    let mut src = String::from("1. *Decides*:\n(a) first a;\n");
    for i in 0..70u8 {
        let label = format!(
            "b{}{}",
            char::from(b'a' + i / 26),
            char::from(b'a' + i % 26)
        );
        writeln!(src, "({label}) filler;").unwrap();
    }
    src.push_str("(a) second a;\n");
    let doc = parse(&src);
    let all = ids(&doc);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "duplicate ids in {all:?}");
    assert_eq!(all.len(), 1 + 1 + 70 + 1);
    let last = doc.clauses.last().expect("clauses");
    assert_eq!(last.id.to_string(), "unplaced1");
    assert_eq!(last.text.text, "(a) second a;");
    assert_eq!(last.line, 73);
}

/// The subparagraphs of a repeated operative number were filed under the
/// first paragraph with that number (`op1.b` after `unplaced1`).
#[test]
fn subparagraphs_of_a_repeated_number_are_unplaced() {
    let doc = parse("1. x\n(a) y\n2. z\n1. again\n(b) w\n3. v\n(a) u\n");
    assert_eq!(
        ids(&doc),
        [
            "op1",
            "op1.a",
            "op2",
            "unplaced1",
            "unplaced2",
            "op3",
            "op3.a"
        ]
    );
    assert_eq!(doc.clauses[4].text.text, "(b) w");
    let problems: Vec<String> = diglot::doc::check::problems(&doc)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            "line 4: unplaced block: again",
            "line 4: operative paragraph 1 appears twice; the second is kept as unplaced",
            "line 5: unplaced block: (b) w",
        ]
    );
}

/// The page-rule test measured the line before trimming it, so `-` or `--`
/// followed by spaces counted as `---` and the dash was dropped.
#[test]
fn short_dash_lines_are_text_not_page_rules() {
    let doc = parse("1. a\n-  \nb\n--   \nc\n");
    assert_eq!(ids(&doc), ["op1"]);
    assert_eq!(doc.clauses[0].text.text, "a -\nb --\nc");
    let doc = parse("1. a\n---   \nb\n");
    assert_eq!(ids(&doc), ["op1"]);
    assert_eq!(doc.clauses[0].text.text, "a b");
}

/// Any block whose first line contained "plenary meeting" or "全体会议" was a
/// closing line, so a clause continued after a page break with such a
/// sentence was cut off and its rest filed as closing.
#[test]
fn a_sentence_about_a_plenary_meeting_is_not_a_closing_line() {
    let src = "1. *Decides* that the report adopted\n\n---\n\n\
               at its 60th plenary meeting shall be issued as a document;\n\n\
               2. **决定**本报告\n\n---\n\n在第 60 次全体会议上通过后印发；\n\n\
               20 December 2012  \n60th plenary meeting.\n";
    let doc = parse(src);
    assert_eq!(ids(&doc), ["op1", "op2", "closing1"]);
    assert_eq!(
        doc.clauses[0].text.text,
        "Decides that the report adopted at its 60th plenary meeting shall be issued as a document;"
    );
    assert_eq!(
        doc.clauses[1].text.text,
        "决定本报告在第 60 次全体会议上通过后印发；"
    );
    assert_eq!(
        doc.clauses[2].text.text,
        "20 December 2012\n60th plenary meeting."
    );
    assert_eq!(
        doc.meta.plenary_meeting.as_deref(),
        Some("60th plenary meeting.")
    );
}

/// An italic header line before the title (`*Original: English*`) became
/// preambular paragraph 1, which ended the header: the title heading turned
/// into a section and the opening into an unplaced block.
#[test]
fn italic_header_line_before_the_title_stays_in_the_header() {
    let src = "## General Assembly\n\n*Original: English*\n\n## 1/2. Title\n\n\
               The General Assembly,\n\n*Recalling* x,\n\n1. *Decides* y;\n";
    let doc = parse(src);
    assert_eq!(
        ids(&doc),
        ["header1", "header2", "title", "opening", "pp1", "op1"]
    );
    assert_eq!(doc.clauses[1].text.text, "Original: English");
    assert_eq!(doc.meta.symbol.as_deref(), Some("A/RES/1/2"));
    // Without a title anywhere, a lead phrase still opens the preamble.
    let doc = parse("## General Assembly\n\n*Recalling* x,\n\n1. *Decides* y;\n");
    assert_eq!(ids(&doc), ["header1", "pp1", "op1"]);
}

/// The title metadata kept the footnote marker of a title that carries the
/// starred note (`… safety[*]`).
#[test]
fn title_metadata_has_no_footnote_marker() {
    let doc = parse("## 大会\n\n## 85/312. 灯塔<sup>*</sup>保护<sup>1</sup>\n\n大会，\n");
    assert_eq!(doc.meta.number.as_deref(), Some("85/312"));
    assert_eq!(doc.meta.title.as_deref(), Some("灯塔保护"));
    // The title clause itself keeps its markers for the reader.
    assert_eq!(doc.clauses[1].text.text, "85/312. 灯塔[*]保护[1]");
}

/// `diglot check` printed a pair's problems as found: each document's own
/// first, then the pair's, so line 18 came before line 13 of the same file.
#[test]
fn pair_problems_come_sorted_by_language_then_line() {
    use diglot::doc::Lang::{En, Zh};
    let zh = parse(
        "## 1/2. 标题\n\n**回顾**其决议，\n\n1. **决定**甲；<sup>2</sup>\n\n<sup>2</sup> 注。\n\n<sup>3</sup> 注三。\n",
    );
    let en = parse(
        "## 1/2. Title\n\n*Recalling* x,\n\n1. *Decides* a;<sup>1</sup>\n\n<sup>1</sup> Note.\n\n<sup>2</sup> Note.\n",
    );
    let rows = diglot::align::align(&zh, &en);
    let found: Vec<(diglot::doc::Lang, usize)> = diglot::align::pair_problems(&zh, &en, &rows)
        .iter()
        .map(|p| (p.lang, p.problem.line))
        .collect();
    assert_eq!(found, [(Zh, 9), (Zh, 9), (En, 5), (En, 7), (En, 9)]);
}

/// Adjacent footnote references merged into one span, read back as the
/// single marker `1][2`: undefined, and the two real footnotes unused.
#[test]
fn adjacent_footnote_references_stay_separate() {
    let doc = parse(
        "1. **注意到**公约<sup>1</sup><sup>2</sup>，\n\n<sup>1</sup> 甲。\n<sup>2</sup> 乙。\n",
    );
    let op1 = &doc.clauses[0].text;
    assert_eq!(op1.text, "注意到公约[1][2]，");
    assert_eq!(op1.footnote_markers().collect::<Vec<_>>(), ["1", "2"]);
    assert_eq!(
        styled(op1),
        [
            ("注意到", SpanKind::Lead),
            ("[1]", SpanKind::FootnoteRef),
            ("[2]", SpanKind::FootnoteRef)
        ]
    );
    assert_eq!(op1.glue(), ["注意到公约".len(), "注意到公约[1]".len()]);
    assert_eq!(diglot::doc::check::problems(&doc), []);
}

/// An empty bold run before the lead phrase (`****`, left behind by
/// converters) ended lead detection: the lead came out as emphasis.
#[test]
fn empty_styled_run_does_not_use_up_the_lead() {
    let t = only_clause("1. **** **Decides** to act;");
    assert_eq!(t.text, "Decides to act;");
    assert_eq!(t.lead(), Some("Decides"));
    let t = only_clause("1. __ _Decides_ to act;");
    assert_eq!(t.text, "Decides to act;");
    assert_eq!(t.lead(), Some("Decides"));
    // Once text was written, a later styled run is emphasis.
    let t = only_clause("1. x **y**");
    assert_eq!(styled(&t), [("y", SpanKind::Emphasis)]);
}

/// A clause citing an undefined footnote several times got one problem per
/// citation: 100 000 identical lines for 100 000 references.
#[test]
fn undefined_footnote_is_reported_once_per_clause() {
    let doc =
        parse("1. a<sup>4</sup> b<sup>4</sup> c<sup>5</sup><sup>4</sup>\n\n2. d<sup>4</sup>\n");
    let problems: Vec<String> = diglot::doc::check::problems(&doc)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            "line 1: op1 refers to footnote 4, which is not defined",
            "line 1: op1 refers to footnote 5, which is not defined",
            "line 3: op2 refers to footnote 4, which is not defined",
        ]
    );
}

/// A line ending in an escaped backslash (`\\`) was taken for a backslash
/// hard break: the next line was joined with a line break, not a space.
#[test]
fn escaped_backslash_at_line_end_is_not_a_hard_break() {
    let t = only_clause("1. path C:\\\\\nnext");
    assert_eq!(t.text, "path C:\\ next");
    let t = only_clause("1. one\\\nnext");
    assert_eq!(t.text, "one\nnext");
    let t = only_clause("1. three\\\\\\\nnext");
    assert_eq!(t.text, "three\\\nnext");
}

/// Text after a section heading and a page rule was appended to the
/// heading (`II Some text`), though a one-line heading cannot be
/// interrupted by a page break.
#[test]
fn page_break_does_not_continue_a_section_heading() {
    let doc = parse("1. x;\n\n## II\n\n---\n\nStray text.\n\n2. y;\n");
    assert_eq!(ids(&doc), ["op1", "section1", "unplaced1", "op2"]);
    assert_eq!(doc.clauses[1].text.text, "II");
    assert_eq!(doc.clauses[2].text.text, "Stray text.");
    // A paragraph interrupted by the page break still continues.
    let doc = parse("1. x\n\n---\n\n<sup>1</sup> n\n\ncontinued;\n\nII\n");
    assert_eq!(ids(&doc), ["op1", "section1"]);
    assert_eq!(doc.clauses[0].text.text, "x continued;");
}

/// A wrapped line that began with an italic title (`*Official Records*`,
/// `*Treaty Series*`) started a new block: a spurious preambular clause
/// that shifted every later `ppN`, or a footnote cut in two.
#[test]
fn wrapped_line_starting_with_italics_continues_its_clause() {
    let src = "*Recalling* the report published in the\n\
               *Official Records of the General Assembly*,\n\
               *Noting* the note,<sup>1</sup>\n\
               \n\
               <sup>1</sup> United Nations,\n\
               *Treaty Series*, vol. 1, adopted in\n\
               2012. See paragraph 3\n\
               (a) above.\n\
               *Welcoming* the work,\n\
               1. *Decides* to act:\n\
               (a) Now; and\n\
               (b) Later.\n";
    let doc = parse(src);
    assert_eq!(ids(&doc), ["pp1", "pp2", "pp3", "op1", "op1.a", "op1.b"]);
    let pp1 = &doc.clauses[0].text;
    assert_eq!(
        pp1.text,
        "Recalling the report published in the Official Records of the General Assembly,"
    );
    assert_eq!(
        styled(pp1),
        [
            ("Recalling", SpanKind::Lead),
            (
                "Official Records of the General Assembly",
                SpanKind::Emphasis
            )
        ]
    );
    assert_eq!(doc.clauses[1].text.text, "Noting the note,[1]");
    assert_eq!(doc.clauses[2].line, 9);
    let note = &doc.footnotes[0];
    assert_eq!(
        note.text.text,
        "United Nations, Treaty Series, vol. 1, adopted in 2012. See paragraph 3 (a) above."
    );
    assert_eq!(doc.clauses[4].text.text, "Now; and");
}

/// A Chinese line wrapped before a curly quote or a dash was joined with a
/// space (`关于 “加强`), as those marks are not CJK characters themselves.
#[test]
fn chinese_lines_join_tight_around_shared_punctuation() {
    let doc = parse(
        "**回顾**其关于\n“加强合作”\n的决议\n——特别是\n第 5 段，\n\n---\n\n“以及”其他决议，\n",
    );
    assert_eq!(ids(&doc), ["pp1"]);
    assert_eq!(
        doc.clauses[0].text.text,
        "回顾其关于“加强合作”的决议——特别是第 5 段，“以及”其他决议，"
    );
    // English keeps its spaces around the same marks.
    let t = only_clause("1. *Notes* the so-called\n“curly” quotes\n— and dashes;");
    assert_eq!(t.text, "Notes the so-called “curly” quotes — and dashes;");
}

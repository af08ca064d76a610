//! Pathological documents through the real binary, end to end: `check`,
//! `render` and `show` either succeed with the right answer or fail with
//! one clear line on stderr naming the file and a non-zero exit; never a
//! panic or a backtrace. Each run's CPU time and peak memory are measured
//! and bounded generously (CPU time, not wall time, so a busy machine does
//! not fail them; the figures are printed, and recorded in
//! `docs/SECURITY.md`).
//!
//! The largest case is a valid pair of about 100 MB
//! (`diglot::dev::scaled_pair(2000)`), generated into a temp dir; set
//! `DIGLOT_TEST_HUGE_COPIES` to another number of copies of the embedded
//! document (each about 53 kB for the pair) to make it smaller or larger.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use diglot::text::str_width;

/// What one run of the binary did, and what it cost.
struct Run {
    args: Vec<String>,
    code: i32,
    stdout: String,
    stderr: String,
    /// User plus system CPU time of the process.
    cpu: Duration,
    /// Peak resident memory, sampled every few milliseconds while it ran
    /// (so a lower bound of the true peak, close to it).
    peak_kb: u64,
}

impl Run {
    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// Clock ticks per second in `/proc/<pid>/stat` (`USER_HZ`, 100 on Linux).
const TICKS: u64 = 100;

/// Fields of `/proc/<pid>/stat` after the command name: state is the first,
/// user and system time the twelfth and thirteenth.
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    Some(
        stat[stat.rfind(')')? + 1..]
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    )
}

fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn diglot(args: &[&str]) -> Run {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(args)
        .env("DIGLOT_DATA_DIR", data.path())
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    // Until it is reaped the process stays a zombie whose stat still holds
    // its CPU times: watch its memory until then.
    let started = Instant::now();
    let mut peak = 0;
    let cpu = loop {
        let fields = stat_fields(pid).unwrap();
        if fields[0] == "Z" {
            let user: u64 = fields[11].parse().unwrap();
            let system: u64 = fields[12].parse().unwrap();
            break Duration::from_millis((user + system) * 1000 / TICKS);
        }
        peak = peak.max(peak_kb(pid).unwrap_or(0));
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "{args:?} still running after ten minutes"
        );
        std::thread::sleep(Duration::from_millis(3));
    };
    let status = child.wait().unwrap();
    let run = Run {
        args: args.iter().map(|&a| a.to_owned()).collect(),
        code: status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(out.join().unwrap()).expect("UTF-8 stdout"),
        stderr: String::from_utf8(err.join().unwrap()).expect("UTF-8 stderr"),
        cpu,
        peak_kb: peak,
    };
    println!(
        "{:?}: exit {}, {:?} CPU, {} kB peak, {} bytes out",
        run.args,
        run.code,
        run.cpu,
        run.peak_kb,
        run.stdout.len()
    );
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("panicked"), "{:?}: {text}", run.args);
        assert!(!text.contains("RUST_BACKTRACE"), "{:?}: {text}", run.args);
        assert!(!text.contains("stack backtrace"), "{:?}: {text}", run.args);
    }
    run
}

/// Generous bounds: a debug build, on a machine shared with other work.
/// What was measured is in `docs/SECURITY.md`; linear work on these inputs
/// takes a fraction of these.
fn assert_cost(run: &Run, input_bytes: usize, cpu: Duration) {
    assert!(run.cpu < cpu, "{:?} took {:?} CPU", run.args, run.cpu);
    // Memory proportional to the input: a small multiple of it, plus the
    // fixed cost of the process.
    let limit_kb = (input_bytes as u64 * 8) / 1024 + 64 * 1024;
    assert!(
        run.peak_kb < limit_kb,
        "{:?} used {} kB for {input_bytes} bytes of input",
        run.args,
        run.peak_kb
    );
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn embedded_en() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/assets/A-RES-67-189/en.md").to_owned()
}

/// Every command refuses `file` with exactly `diglot: {file}: {what}`, as
/// a single document, as either side of a pair, and whatever the command.
fn assert_rejected(file: &Path, what: &str) {
    let f = s(file);
    let en = embedded_en();
    let runs = [
        vec!["check", f],
        vec!["check", f, &en],
        vec!["check", &en, f],
        vec!["show", "1", f, &en],
        vec!["render", f, &en, "--width", "80", "--height", "24"],
    ];
    let size = std::fs::metadata(file).unwrap().len() as usize;
    for args in runs {
        let run = diglot(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
        assert_eq!(run.stderr, format!("diglot: {f}: {what}\n"), "{args:?}");
        assert_cost(&run, size, Duration::from_secs(20));
    }
}

/// A screen of `render`: exactly `height` lines, none wider than `width`.
fn assert_screen(run: &Run, width: usize, height: usize) {
    assert_eq!(run.code, 0, "{:?}: {}", run.args, run.stderr);
    assert_eq!(run.stderr, "");
    let lines = run.lines();
    assert_eq!(lines.len(), height, "{:?}:\n{}", run.args, run.stdout);
    for line in lines {
        assert!(str_width(line, false) <= width, "{line:?}");
    }
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// A check report's line for one kind: the counts on each side.
fn counts<'a>(run: &'a Run, kind: &str) -> Vec<&'a str> {
    let line = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with(kind))
        .unwrap_or_else(|| panic!("no {kind:?} in\n{}", run.stdout));
    line[line.find(kind).unwrap() + kind.len()..]
        .split_whitespace()
        .collect()
}

#[test]
fn an_empty_file_is_refused_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    assert_rejected(&write(dir.path(), "empty.md", ""), "the file is empty");
}

#[test]
fn only_blank_lines_is_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let blank = "\n  \n\t\n\r\n\u{3000}\n".repeat(50_000);
    assert_rejected(&write(dir.path(), "blank.md", &blank), "the file is empty");
    let bom = format!("\u{feff}{blank}");
    assert_rejected(&write(dir.path(), "bom.md", bom), "the file is empty");
}

#[test]
fn one_three_megabyte_line_is_one_paragraph_shown_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut zh = String::from("## 67/189. 标题\n\n大会，\n\n1. **决定**");
    while zh.len() < 3_000_000 {
        zh.push_str("灯塔看守人");
    }
    zh.push('\n');
    let mut en = String::from("## 67/189. Title\n\nThe General Assembly,\n\n1. *Decides* ");
    while en.len() < 3_000_000 {
        en.push_str("lighthouse keepers ");
    }
    en.push('\n');
    let (zh_path, en_path) = (
        write(dir.path(), "zh.md", &zh),
        write(dir.path(), "en.md", &en),
    );
    let (z, e) = (s(&zh_path), s(&en_path));
    let size = zh.len() + en.len();

    let run = diglot(&["check", z, e]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(counts(&run, "operative paragraphs"), ["1", "1"]);
    assert!(run.stdout.ends_with("no problems\n"), "{}", run.stdout);
    assert_cost(&run, size, Duration::from_secs(20));

    let run = diglot(&["render", z, e, "--width", "80", "--height", "24"]);
    assert_screen(&run, 80, 24);
    assert!(run.stdout.contains("1. 决定灯塔看守人"), "{}", run.stdout);
    assert!(run.stdout.contains("Decides lighthouse keepers"));
    assert_cost(&run, size, Duration::from_secs(30));

    // `show` prints the whole paragraph, wrapped: nothing is lost.
    let run = diglot(&["show", "1", z, e, "--width", "80"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.lines().iter().all(|l| str_width(l, false) <= 80));
    // Chinese lines break between any two characters: count on the text
    // with the line breaks taken out. English ones break at spaces.
    let joined = run.stdout.replace('\n', "");
    assert_eq!(count(&joined, "灯塔看守人"), count(&zh, "灯塔看守人"));
    assert_eq!(count(&run.stdout, "lighthouse"), count(&en, "lighthouse"));
    assert_eq!(count(&run.stdout, "keepers"), count(&en, "keepers"));
    assert!(run.lines().len() > 2 * 3_000_000 / 80 / 2);
    assert_cost(&run, size, Duration::from_secs(30));

    // With no break opportunity at all, lines are cut by width.
    let solid = format!("1. *Decides* {}\n", "x".repeat(3_000_000));
    let solid_path = write(dir.path(), "solid.md", &solid);
    let run = diglot(&["show", "1", s(&solid_path), s(&solid_path), "--width", "80"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.lines().iter().all(|l| str_width(l, false) <= 80));
    assert_eq!(count(&run.stdout, "x"), 2 * 3_000_000);
    assert_cost(&run, 2 * solid.len(), Duration::from_secs(30));
}

#[test]
fn two_hundred_thousand_footnote_definitions_and_no_text_is_not_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = String::new();
    for n in 1..=200_000 {
        writeln!(notes, "<sup>{n}</sup> Note {n}.").unwrap();
    }
    assert_rejected(
        &write(dir.path(), "notes.md", notes),
        "not a document (no title, preambular or operative paragraph found)",
    );
}

#[test]
fn a_hundred_thousand_nested_emphasis_markers() {
    let dir = tempfile::tempdir().unwrap();
    // The innermost opener meets the first closer: `x` is the lead phrase;
    // everything else pairs up into empty runs.
    let zh = format!("{0}x{0}\n", "**".repeat(100_001));
    let en = format!("{0}x{0}\n", "*".repeat(100_001));
    let (zh_path, en_path) = (
        write(dir.path(), "zh.md", &zh),
        write(dir.path(), "en.md", &en),
    );
    let (z, e) = (s(&zh_path), s(&en_path));
    let size = zh.len() + en.len();
    let run = diglot(&["check", z, e]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(counts(&run, "preambular paragraphs"), ["1", "1"]);
    assert_eq!(counts(&run, "aligned rows"), ["1"]);
    assert_cost(&run, size, Duration::from_secs(10));
    let run = diglot(&["show", "pp1", z, e]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(count(&run.stdout, "PP1 x\n"), 2, "{}", run.stdout);
    assert!(!run.stdout.contains('*'), "{}", run.stdout);
    let run = diglot(&["render", z, e, "--width", "60", "--height", "10"]);
    assert_screen(&run, 60, 10);
    assert!(run.stdout.contains("PP1 x"), "{}", run.stdout);
}

#[test]
fn deeply_repeated_and_nested_sup() {
    let dir = tempfile::tempdir().unwrap();
    // 100 000 references to one defined footnote.
    let refs = format!(
        "1. x{}\n\n<sup>1</sup> The note.\n",
        "<sup>1</sup>".repeat(100_000)
    );
    let path = write(dir.path(), "refs.md", &refs);
    let p = s(&path);
    let run = diglot(&["check", p, p]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(counts(&run, "footnotes"), ["1", "1"]);
    assert_cost(&run, 2 * refs.len(), Duration::from_secs(20));
    let run = diglot(&["show", "1", p, p, "--width", "80"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Every marker shown, none split across lines.
    assert_eq!(count(&run.stdout, "[1]"), 2 * 100_000);
    assert_cost(&run, 2 * refs.len(), Duration::from_secs(20));
    let run = diglot(&["show", "fn1", p, p]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(count(&run.stdout, "The note."), 2, "{}", run.stdout);
    let run = diglot(&[
        "render", p, p, "--at", "1", "--width", "80", "--height", "24",
    ]);
    assert_screen(&run, 80, 24);

    // 100 000 openers never closed, and 50 000 nested around a marker: not
    // markup, kept as text, shown whole.
    let open = format!("1. x{}\n", "<sup>".repeat(100_000));
    let nested = format!(
        "1. x{}1{}\n",
        "<sup>".repeat(50_000),
        "</sup>".repeat(50_000)
    );
    for (name, text) in [("open.md", &open), ("nested.md", &nested)] {
        let path = write(dir.path(), name, text);
        let p = s(&path);
        let run = diglot(&["check", p]);
        assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
        assert_eq!(counts(&run, "operative paragraphs"), ["1"]);
        assert_eq!(run.stderr, "");
        assert_cost(&run, text.len(), Duration::from_secs(20));
        let run = diglot(&["show", "1", p, p, "--width", "80"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        // Cut by width wherever the line is full, also inside a `<sup>`.
        assert_eq!(
            count(&run.stdout.replace('\n', ""), "<sup>"),
            2 * count(text, "<sup>") - 2 * usize::from(name == "nested.md"),
            "{name}"
        );
        assert_cost(&run, 2 * text.len(), Duration::from_secs(20));
        let run = diglot(&["render", p, p, "--width", "80", "--height", "24"]);
        assert_screen(&run, 80, 24);
    }
}

/// A deterministic stream of bytes (xorshift), so failures reproduce.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn random_binary_is_not_utf8_at_its_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    for seed in [1, 2, 3] {
        let bytes = noise(1_000_000, seed);
        let offset = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
        let path = write(dir.path(), &format!("noise-{seed}.bin"), &bytes);
        assert_rejected(
            &path,
            &format!("not UTF-8 text (invalid byte at offset {offset})"),
        );
    }
}

#[test]
fn invalid_utf8_at_the_end_names_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(embedded_en().replace("en.md", "zh.md")).unwrap();
    let mut bytes = text.trim_end().as_bytes().to_vec();
    // Cut the last character in half.
    let last = text.trim_end().chars().last().unwrap();
    bytes.truncate(bytes.len() - last.len_utf8() + 1);
    let offset = text.trim_end().len() - last.len_utf8();
    let path = write(dir.path(), "cut.md", &bytes);
    assert_rejected(
        &path,
        &format!("not UTF-8 text (invalid byte at offset {offset})"),
    );
}

/// Writes `scaled_pair(copies)` into `dir`; returns the paths and the size.
fn scaled(dir: &Path, copies: usize) -> (PathBuf, PathBuf, usize) {
    let (zh, en) = diglot::dev::scaled_pair(copies);
    let size = zh.len() + en.len();
    (write(dir, "zh.md", zh), write(dir, "en.md", en), size)
}

/// `check`, `render` at the last paragraph and `show` of it, on a pair of
/// `copies` copies. Returns the three runs' CPU times.
fn huge_pair(copies: usize) -> (Vec<Duration>, Vec<u64>, usize) {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en, size) = scaled(dir.path(), copies);
    let (z, e) = (s(&zh), s(&en));
    let last = 41 * copies;
    let op_last = format!("op{last}");
    let ops = last.to_string();
    let pps = (31 * copies).to_string();

    let check = diglot(&["check", z, e]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_eq!(counts(&check, "operative paragraphs"), [&ops, &ops]);
    assert_eq!(counts(&check, "preambular paragraphs"), [&pps, &pps]);
    assert!(check.stdout.ends_with("no problems\n"), "{}", check.stdout);

    let render = diglot(&[
        "render", z, e, "--at", &op_last, "--width", "120", "--height", "40",
    ]);
    assert_screen(&render, 120, 40);
    assert!(
        render.stdout.contains(&format!("{last}. ")),
        "{}",
        render.stdout
    );

    let show = diglot(&["show", &op_last, z, e, "--width", "80"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(
        show.stdout
            .starts_with(&format!("A/RES/67/189, para. {last}\n"))
    );

    let runs = [check, render, show];
    for run in &runs {
        assert_cost(run, size, Duration::from_secs(120));
    }
    (
        runs.iter().map(|r| r.cpu).collect(),
        runs.iter().map(|r| r.peak_kb).collect(),
        size,
    )
}

#[test]
fn a_hundred_megabyte_pair_opens_in_time_and_memory_proportional_to_it() {
    let copies: usize = std::env::var("DIGLOT_TEST_HUGE_COPIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let small_copies = (copies / 20).max(1);
    let (small_cpu, small_kb, small_size) = huge_pair(small_copies);
    let (big_cpu, big_kb, big_size) = huge_pair(copies);
    let ratio = big_size as f64 / small_size as f64;
    println!(
        "{small_size} bytes: {small_cpu:?} CPU, {small_kb:?} kB; {big_size} bytes: {big_cpu:?} CPU, {big_kb:?} kB"
    );
    // Linear work grows like the input (times `ratio`); quadratic would grow
    // `ratio` times faster still. Allow three times linear: CPU time of a
    // busy machine wobbles, a quadratic step does not hide in that.
    for (small, big) in small_cpu.iter().zip(&big_cpu) {
        let floor = (*small).max(Duration::from_millis(50));
        assert!(
            big.as_secs_f64() < 3.0 * ratio * floor.as_secs_f64(),
            "{small:?} for {small_size} bytes but {big:?} for {big_size}"
        );
    }
    for (small, big) in small_kb.iter().zip(&big_kb) {
        let floor = (*small).max(16 * 1024) as f64;
        assert!(
            (*big as f64) < 3.0 * ratio * floor,
            "{small} kB for {small_size} bytes but {big} kB for {big_size}"
        );
    }
}

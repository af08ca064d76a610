//! Search benchmarks: index build and queries on the embedded pair and on a
//! pair 1000 times its size (about 50 MB), as PRODUCT.md's performance
//! section asks.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use diglot::align::Pair;
use diglot::doc::load::{EMBEDDED_EN, EMBEDDED_ZH};
use diglot::doc::parse;
use diglot::search::SearchIndex;

/// `12. ` → 12.
fn operative_number(line: &str) -> Option<u32> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !line[digits..].starts_with(". ") {
        return None;
    }
    line[..digits].parse().ok()
}

/// Adds `delta` to every numbered `<sup>N</sup>`.
fn shift_footnotes(line: &str, delta: u32, out: &mut String) {
    let mut rest = line;
    while let Some(at) = rest.find("<sup>") {
        let (before, tail) = rest.split_at(at + "<sup>".len());
        out.push_str(before);
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        match tail[..digits].parse::<u32>() {
            Ok(n) if tail[digits..].starts_with("</sup>") => {
                out.push_str(&(n + delta).to_string());
                rest = &tail[digits..];
            }
            _ => rest = tail,
        }
    }
    out.push_str(rest);
}

/// The source repeated `copies` times: header and title once, then the
/// preamble and operative part again and again with operative paragraphs
/// and footnotes renumbered, then the closing lines.
fn repeated(source: &str, copies: u32) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let title = lines
        .iter()
        .position(|l| l.starts_with("## 67/189."))
        .expect("title");
    let opening = title
        + 1
        + lines[title + 1..]
            .iter()
            .position(|l| !l.trim().is_empty())
            .expect("opening");
    let last_operative = lines
        .iter()
        .rposition(|l| operative_number(l).is_some())
        .expect("operative paragraphs");
    let body = &lines[opening + 1..=last_operative];
    let operatives = body
        .iter()
        .filter_map(|l| operative_number(l))
        .max()
        .unwrap_or(0);
    let footnotes = 13;
    let mut out = String::with_capacity(source.len() * copies as usize);
    for line in &lines[..=opening] {
        out.push_str(line);
        out.push('\n');
    }
    for copy in 0..copies {
        for line in body {
            if copy > 0 && line.starts_with("\\* ") {
                continue;
            }
            let mut line: &str = line;
            if let Some(n) = operative_number(line) {
                out.push_str(&(n + copy * operatives).to_string());
                line = &line[n.to_string().len()..];
            }
            shift_footnotes(line, copy * footnotes, &mut out);
            out.push('\n');
        }
    }
    for line in &lines[last_operative + 1..] {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn pair(copies: u32) -> Pair {
    Pair::new(
        parse(&repeated(EMBEDDED_ZH, copies)),
        parse(&repeated(EMBEDDED_EN, copies)),
    )
}

const QUERIES: [&str; 4] = ["洗钱", "money", "a", "６７／１８９"];

fn bench_size(c: &mut Criterion, copies: u32) {
    let pair = pair(copies);
    let bytes: usize = [&pair.zh, &pair.en]
        .iter()
        .flat_map(|d| {
            d.clauses
                .iter()
                .map(|c| c.text.text.len())
                .chain(d.footnotes.iter().map(|f| f.text.text.len()))
        })
        .sum();
    let index = SearchIndex::new(&pair);
    println!(
        "search x{copies}: {} rows, {bytes} bytes of text, index {} bytes ({}% of the text)",
        pair.rows.len(),
        index.memory_bytes(),
        index.memory_bytes() * 100 / bytes.max(1),
    );
    for query in QUERIES {
        println!("search x{copies}: {query}: {} hits", index.count(query));
    }
    let mut group = c.benchmark_group(format!("search_x{copies}"));
    // Short runs: 42 benchmarks here, and the whole `cargo bench` suite
    // should finish in about ten minutes.
    group.warm_up_time(Duration::from_secs(1));
    if copies > 1 {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(3));
    } else {
        group.measurement_time(Duration::from_secs(2));
    }
    group.bench_function("build", |b| b.iter(|| SearchIndex::new(black_box(&pair))));
    for query in QUERIES {
        group.bench_function(format!("find {query}"), |b| {
            b.iter(|| index.find(black_box(query)).len());
        });
        group.bench_function(format!("count {query}"), |b| {
            b.iter(|| index.count(black_box(query)));
        });
        let middle = pair.rows.len() / 2;
        group.bench_function(format!("visible rows {query}"), |b| {
            b.iter(|| {
                index
                    .find_in_rows(black_box(query), middle..middle + 20)
                    .len()
            });
        });
        group.bench_function(format!("next and previous from a row {query}"), |b| {
            b.iter(|| {
                let next = index.hit_from_row(black_box(query), middle, true);
                let previous = index.hit_from_row(black_box(query), middle, false);
                (next, previous)
            });
        });
        if let Some((hit, _)) = index.hit_from_row(query, middle, true) {
            group.bench_function(format!("ordinal of a hit {query}"), |b| {
                b.iter(|| index.hits_before(black_box(query), &hit));
            });
        }
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_size(c, 1);
    bench_size(c, 1000);
}

criterion_group!(search, benches);
criterion_main!(search);

//! Opening a document: parsing each language, aligning the pair, and the
//! whole way from two strings to the first screen (parse, align,
//! `App::new`, first draw into a 160×50 buffer), on the embedded pair
//! (N = 1) and on the pair 1000 times its size (N = 1000, about 50 MB,
//! built once from `diglot::dev::scaled_pair`; never written to disk).
//!
//! Targets and the latest figures are in docs/PERFORMANCE.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BatchSize, BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main,
};
use diglot::align::{Pair, align};
use diglot::app::viewport::Layout;
use diglot::app::{App, Options};
use diglot::doc::load::{EMBEDDED_EN, EMBEDDED_ZH};
use diglot::doc::parse;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 50;

/// Parse, align, build the app and draw its first screen: what the reader
/// does before anything is on screen (reading the files aside).
fn first_screen(zh: &str, en: &str) -> (App, Buffer) {
    let pair = Pair::new(parse(zh), parse(en));
    let app = App::new(pair, Options::default(), Layout::Side, WIDTH, HEIGHT);
    let mut buf = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
    diglot::ui::draw(&app, &mut buf);
    (app, buf)
}

fn tune(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, n: usize) {
    if n > 1 {
        // Each iteration takes tenths of a second: ten samples are enough.
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(6));
    } else {
        group
            .sample_size(50)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(2));
    }
}

fn bench_size(c: &mut Criterion, n: usize, zh: &str, en: &str) {
    let mut group = c.benchmark_group(format!("open_x{n}"));
    tune(&mut group, n);
    for (lang, text) in [("zh", zh), ("en", en)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("parse {lang}"), |b| {
            b.iter_batched(|| (), |()| parse(black_box(text)), BatchSize::PerIteration);
        });
    }
    let (zh_doc, en_doc) = (parse(zh), parse(en));
    group.throughput(Throughput::Bytes((zh.len() + en.len()) as u64));
    group.bench_function("align::align", |b| {
        b.iter(|| align(black_box(&zh_doc), black_box(&en_doc)));
    });
    group.bench_function("Pair::new", |b| {
        b.iter_batched(
            || (zh_doc.clone(), en_doc.clone()),
            |(zh, en)| Pair::new(zh, en),
            BatchSize::PerIteration,
        );
    });
    let pair = Pair::new(zh_doc.clone(), en_doc.clone());
    group.bench_function("App::new + first draw", |b| {
        b.iter_batched(
            || pair.clone(),
            |pair| {
                let app = App::new(pair, Options::default(), Layout::Side, WIDTH, HEIGHT);
                let mut buf = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
                diglot::ui::draw(&app, &mut buf);
                (app, buf)
            },
            BatchSize::PerIteration,
        );
    });
    group.bench_function("first screen 160x50", |b| {
        // The output (app and buffer) is dropped outside the timing, as the
        // reader keeps it.
        b.iter_batched(
            || (),
            |()| first_screen(black_box(zh), black_box(en)),
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_size(c, 1, EMBEDDED_ZH, EMBEDDED_EN);
    let (zh, en) = diglot::dev::scaled_pair(1000);
    println!(
        "open x1000: {} + {} = {} bytes",
        zh.len(),
        en.len(),
        zh.len() + en.len()
    );
    bench_size(c, 1000, &zh, &en);
}

criterion_group!(open, benches);
criterion_main!(open);

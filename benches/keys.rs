//! One keystroke, redraw included, on a warm reader at 160×50: what the
//! user waits for between pressing a key and seeing the new screen (less
//! the terminal's own output). Each measured step is `update(&mut app,
//! event)`, then the buffer reset and `ui::draw` into it, as ratatui's
//! `Terminal::draw` does each frame; for the bookmark, `term::save` too.
//!
//! Every step is timed on its own (`iter_custom`); what puts the reader in
//! the state a step starts from (back to the top after reaching the end,
//! the prompt typed up to the last character, the footnote popup closed)
//! runs between the timed steps and is not counted.
//!
//! Sizes: the embedded pair (N = 1) and the pair 1000 times its size
//! (N = 1000, about 50 MB, from `diglot::dev::scaled_pair`, built once).
//! Targets and figures: docs/PERFORMANCE.md.

use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main};
use diglot::align::Pair;
use diglot::app::update::jump;
use diglot::app::viewport::Layout;
use diglot::app::{App, Event, Mode, Options, update};
use diglot::doc::{ClauseId, ClauseKind, parse};
use diglot::store::Store;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 50;

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

/// A reader and the buffer it draws into, as the terminal keeps them.
struct Screen {
    app: App,
    buf: Buffer,
    /// Keeps the bookmark store's directory alive.
    _data: tempfile::TempDir,
}

impl Screen {
    fn new(pair: Pair) -> Screen {
        let data = tempfile::tempdir().expect("temporary directory");
        let mut app = App::new(pair, Options::default(), Layout::Side, WIDTH, HEIGHT);
        app.store = Some(Store::open(data.path()).0);
        let mut screen = Screen {
            app,
            buf: Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT)),
            _data: data,
        };
        screen.draw();
        screen
    }

    /// What the terminal does for a frame: a buffer of the screen's size,
    /// reset, drawn into.
    fn draw(&mut self) {
        let area = Rect::new(0, 0, self.app.width, self.app.height);
        if self.buf.area != area {
            self.buf.resize(area);
        }
        self.buf.reset();
        diglot::ui::draw(&self.app, &mut self.buf);
    }

    fn press(&mut self, event: Event) {
        update(&mut self.app, event);
        self.draw();
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(ch(c));
        }
    }

    /// Back to reading, nothing open.
    fn close(&mut self) {
        if self.app.mode != Mode::Normal {
            self.press(key(KeyCode::Esc));
        }
    }

    fn go(&mut self, row: usize) {
        self.close();
        jump(&mut self.app, row);
        self.draw();
    }

    /// Forgets every band laid out so far (a resize there and back), so the
    /// next step lays out what it shows from scratch.
    fn cold(&mut self) {
        self.press(Event::Resize(WIDTH - 1, HEIGHT));
        self.press(Event::Resize(WIDTH, HEIGHT));
    }

    fn row(&self, id: &ClauseId) -> usize {
        self.app.pair.row_of(id).expect("clause exists")
    }

    fn last_operative(&self) -> u32 {
        self.app
            .pair
            .rows
            .iter()
            .rev()
            .find_map(|r| match r.id {
                ClauseId::Op(n) => Some(n),
                _ => None,
            })
            .unwrap_or(1)
    }
}

/// Times `step` alone, `prepare` running before each step untimed.
fn bench_step(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    screen: &mut Screen,
    mut prepare: impl FnMut(&mut Screen),
    mut step: impl FnMut(&mut Screen),
) {
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                prepare(screen);
                let start = Instant::now();
                step(screen);
                total += start.elapsed();
            }
            total
        });
    });
}

fn at_end(s: &Screen) -> bool {
    s.app.percent() == 100
}

#[allow(clippy::too_many_lines)]
fn bench_size(c: &mut Criterion, n: usize, pair: Pair) {
    let mut screen = Screen::new(pair);
    let rows = screen.app.row_count();
    let middle = rows / 2;
    let last_op = screen.last_operative();
    let op2 = screen.row(&ClauseId::Op(2));
    let mut group = c.benchmark_group(format!("keys_x{n}"));
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));

    bench_step(&mut group, "redraw only", &mut screen, |_| {}, Screen::draw);

    screen.go(0);
    bench_step(
        &mut group,
        "j (line)",
        &mut screen,
        |s| {
            if at_end(s) {
                s.go(0);
            }
        },
        |s| s.press(ch('j')),
    );

    screen.go(0);
    bench_step(
        &mut group,
        "Space (page)",
        &mut screen,
        |s| {
            if at_end(s) {
                s.go(0);
            }
        },
        |s| s.press(ch(' ')),
    );

    screen.go(0);
    bench_step(
        &mut group,
        "} (next clause)",
        &mut screen,
        |s| {
            if s.app.focus + 1 >= rows {
                s.go(0);
            }
        },
        |s| s.press(ch('}')),
    );

    // Jumps land where nothing is laid out yet, as the first jump there
    // does: the prepare step forgets the bands and goes back to the top.
    // Far fewer iterations than the steps above: preparing costs more than
    // the step.
    group.measurement_time(Duration::from_millis(if n > 1 { 150 } else { 500 }));
    let goto = format!(":{last_op}");
    bench_step(
        &mut group,
        &format!("jump {goto} Enter (cold)"),
        &mut screen,
        |s| {
            s.go(0);
            s.cold();
            s.type_text(&goto);
        },
        |s| s.press(key(KeyCode::Enter)),
    );
    bench_step(
        &mut group,
        "G (end, cold)",
        &mut screen,
        |s| {
            s.go(0);
            s.cold();
        },
        |s| s.press(ch('G')),
    );
    screen.go(middle);
    bench_step(
        &mut group,
        "resize 160x50 -> 100x30",
        &mut screen,
        |s| {
            if s.app.width != WIDTH {
                s.press(Event::Resize(WIDTH, HEIGHT));
            }
        },
        |s| s.press(Event::Resize(100, 30)),
    );
    screen.press(Event::Resize(WIDTH, HEIGHT));
    group.measurement_time(Duration::from_secs(2));

    screen.go(op2);
    bench_step(
        &mut group,
        "f (footnotes of OP 2)",
        &mut screen,
        Screen::close,
        |s| s.press(ch('f')),
    );

    screen.go(middle);
    bench_step(
        &mut group,
        "m (bookmark)",
        &mut screen,
        |_| {},
        |s| {
            s.press(ch('m'));
        },
    );
    // All the reader does for `m`: the update asks for a save; the frame
    // is drawn, then the save runs (atomic write, fsync, rename, fsync of
    // the directory). The screen has changed after "m (bookmark)" alone.
    bench_step(
        &mut group,
        "m (bookmark), then save",
        &mut screen,
        |_| {},
        |s| {
            s.press(ch('m'));
            diglot::term::save(&mut s.app);
        },
    );

    screen.go(middle);
    bench_step(&mut group, "t (outline)", &mut screen, Screen::close, |s| {
        s.press(ch('t'));
    });
    screen.close();
    screen.press(ch('t'));
    bench_step(
        &mut group,
        "j in the outline",
        &mut screen,
        |s| {
            if let Mode::Outline { entries, selected } = &s.app.mode
                && selected + 1 >= entries.len()
            {
                s.close();
                s.go(0);
                s.press(ch('t'));
            }
        },
        |s| s.press(ch('j')),
    );
    screen.close();

    // Typing the last character of a query in the `/` prompt, from the
    // middle of the document; the index is built by the first search, before.
    screen.go(middle);
    screen.press(ch('/'));
    screen.type_text("x");
    screen.close();
    if n > 1 {
        group.sample_size(20);
    }
    for query in ["洗钱", "money", "a"] {
        let (typed, last) = query.split_at(query.char_indices().last().map_or(0, |(i, _)| i));
        let last = last.chars().next().expect("a last character");
        bench_step(
            &mut group,
            &format!("/ search keystroke {query}"),
            &mut screen,
            |s| {
                s.go(middle);
                s.press(ch('/'));
                s.type_text(typed);
            },
            |s| s.press(ch(last)),
        );
    }
    screen.close();

    // The first search of a session also needs the search index, which `/`
    // starts folding on a thread: a fresh reader each time (prepared
    // untimed), `/`, a pause (none, or 100 ms, a fast typist's gap between
    // two keys), then the timed first character.
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    if n > 1 {
        group.measurement_time(Duration::from_secs(1));
    }
    let pair: Pair = (*screen.app.pair).clone();
    for pause_ms in [0, 100] {
        bench_step(
            &mut group,
            &format!("/ first search keystroke a, {pause_ms} ms after /"),
            &mut screen,
            |s| {
                *s = Screen::new(pair.clone());
                s.go(middle);
                s.press(ch('/'));
                std::thread::sleep(Duration::from_millis(pause_ms));
            },
            |s| s.press(ch('a')),
        );
    }
    screen.close();
    group.finish();
    let kinds = [ClauseKind::Preambular, ClauseKind::Operative];
    println!(
        "keys x{n}: {rows} rows, {} preambular, {} operative",
        screen.app.pair.zh.count(kinds[0]),
        screen.app.pair.zh.count(kinds[1])
    );
}

fn benches(c: &mut Criterion) {
    bench_size(c, 1, Pair::embedded());
    let (zh, en) = diglot::dev::scaled_pair(1000);
    let pair = Pair::new(parse(&zh), parse(&en));
    drop((zh, en));
    bench_size(c, 1000, pair);
}

criterion_group!(keys, benches);
criterion_main!(keys);

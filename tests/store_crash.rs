//! Crash safety: a process killed with SIGKILL in the middle of saving
//! leaves a file that reads back whole, holding either the last save that
//! finished or the one that was under way, never a mix or a fragment.
//!
//! The saving process is this test binary itself, re-executed to run only
//! `child_saving_in_a_loop` (ignored in normal runs): it saves generation
//! after generation of a store of about 170 kB, each generation's bookmarks
//! all marked with its number, and prints `SAVED <n>` after each save
//! returns. The parent kills it after a random delay and checks the file.
//!
//! The temporary file exists only while a save writes and flushes it; the
//! rest of a save (parsing, merging, encoding) leaves no trace, so only some
//! random kills land mid-write (about a third at full speed, as measured
//! here). Every other child therefore writes its temporary file in pieces
//! with pauses between them (a test hook that changes timing only), and the
//! test counts kills that left a half-written temporary file and asserts
//! there was at least one. The rename and the directory flush are too short
//! to aim at: that they are atomic is the kernel's promise, not this test's
//! finding.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use diglot::store::{Bookmark, Faults, Store};

const CHILD_DIR: &str = "DIGLOT_TEST_CRASH_DIR";
const CHILD_SLOW: &str = "DIGLOT_TEST_CRASH_SLOW_WRITES";
const DOC: &str = "A/RES/67/189";
/// Bookmarks per generation (plus 0–6 more, so the size changes too).
const BASE_COUNT: u64 = 40;
const ITERATIONS: usize = 30;

fn count_of(generation: u64) -> u64 {
    BASE_COUNT + generation % 7
}

fn note_of(generation: u64) -> String {
    format!("generation {generation}: {}", "x".repeat(4000))
}

#[test]
#[ignore = "child process of a_save_killed_at_any_moment_leaves_the_old_file_or_the_new"]
fn child_saving_in_a_loop() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let faults = Faults {
        pause_while_writing: std::env::var_os(CHILD_SLOW).map(|_| Duration::from_millis(1)),
        ..Faults::default()
    };
    let (mut store, notice) = Store::open_with_faults(Path::new(&dir), faults);
    assert_eq!(notice, None);
    let mut generation: u64 = store
        .position("generation")
        .map_or(0, |g| g.parse().unwrap());
    let mut out = std::io::stdout().lock();
    loop {
        generation += 1;
        for i in 0..BASE_COUNT + 7 {
            let clause = format!("op{i}");
            if i < count_of(generation) {
                store.add(Bookmark {
                    doc: DOC.into(),
                    clause,
                    note: note_of(generation),
                    created: generation,
                });
            } else {
                store.remove(DOC, &clause);
            }
        }
        store.set_position("generation", &generation.to_string());
        store.save().unwrap();
        writeln!(out, "SAVED {generation}").unwrap();
        out.flush().unwrap();
    }
}

/// xorshift64: enough randomness for delays, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Checks the file is one whole generation; returns its number.
fn generation_on_disk(dir: &Path) -> u64 {
    let store = Store::load_strict(dir).unwrap_or_else(|e| panic!("unreadable after kill: {e}"));
    let generation: u64 = store.position("generation").unwrap().parse().unwrap();
    let bookmarks = store.bookmarks();
    assert_eq!(bookmarks.len() as u64, count_of(generation));
    let note = note_of(generation);
    assert!(
        bookmarks
            .iter()
            .all(|b| b.note == note && b.created == generation),
        "generation {generation} mixed with another"
    );
    generation
}

/// The number in a `SAVED <n>` line (the test harness may print its own
/// words on the same line first).
fn saved_number(line: &str) -> Option<u64> {
    line.split_once("SAVED ")?.1.trim().parse().ok()
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_file_or_the_new() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let exe = std::env::current_exe().unwrap();
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    eprintln!("delay seed {seed}");
    let mut rng = Rng(u64::from(seed) | 1);
    let mut killed_while_writing = [0, 0];

    for iteration in 0..ITERATIONS {
        let slow = iteration % 2 == 1;
        let mut command = Command::new(&exe);
        if slow {
            command.env(CHILD_SLOW, "1");
        }
        let mut child = command
            .args([
                "child_saving_in_a_loop",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Once the child has saved once it is in its loop: kill it at a
        // random moment of the next saves.
        let mut reported = loop {
            let line = lines.next().expect("child ended before saving").unwrap();
            if let Some(n) = saved_number(&line) {
                break n;
            }
        };
        thread::sleep(Duration::from_micros(rng.below(30_000)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        for line in lines {
            if let Some(n) = saved_number(&line.unwrap()) {
                reported = n;
            }
        }

        let debris = fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with(".bookmarks.json.tmp-")
            })
            .count();
        if debris > 0 {
            killed_while_writing[usize::from(slow)] += 1;
        }
        let generation = generation_on_disk(dir);
        assert!(
            generation == reported || generation == reported + 1,
            "file holds generation {generation}, last finished save was {reported}"
        );
        let moved: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("corrupt"))
            .collect();
        assert!(moved.is_empty(), "{moved:?}");
    }
    let [fast, slow] = killed_while_writing;
    eprintln!(
        "kills that found a half-written temporary file: {fast} of {} at full speed, {slow} of {} with slowed writes",
        ITERATIONS - ITERATIONS / 2,
        ITERATIONS / 2
    );
    assert!(
        fast + slow > 0,
        "no kill landed mid-write: the test proved nothing"
    );
}

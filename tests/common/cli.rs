//! Running the real binary for the plain-text commands.

use std::process::Command;

/// What one run of `diglot` printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `diglot ARGS` with a fresh data directory, and checks that nothing
/// it printed is a panic or a backtrace hint.
pub fn diglot(args: &[&str]) -> Run {
    let data = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(args)
        .env("DIGLOT_DATA_DIR", data.path())
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run diglot");
    let run = Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    };
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("panicked"), "{text}");
        assert!(!text.contains("RUST_BACKTRACE"), "{text}");
    }
    run
}

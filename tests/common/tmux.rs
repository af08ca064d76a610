//! A real terminal for end-to-end tests: tmux, driven like a person would.
//!
//! Every [`Term`] owns a private tmux server on a socket inside its own
//! temporary directory, so tests run in parallel without seeing each other
//! and never touch a user's tmux; the server is killed when the `Term` is
//! dropped. Keys go in with `send-keys`, the screen comes out with
//! `capture-pane`, and every wait polls the screen (or the pane's state)
//! until what the test expects is there, with a timeout that adapts to CI.
//! Nothing here sleeps a fixed time to let a screen settle.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::screen::Screen;

/// The debug binary Cargo built for the integration tests.
pub const DIGLOT: &str = env!("CARGO_BIN_EXE_diglot");

/// The tmux session every test runs in (one per server).
const SESSION: &str = "e2e";

/// How often waits look at the screen again.
const POLL: Duration = Duration::from_millis(50);

/// How long a wait may take before the test fails: 5 s here, four times
/// that when `CI` is set (shared, slower runners), or exactly
/// `DIGLOT_E2E_TIMEOUT_MS` milliseconds when that is set.
pub fn timeout() -> Duration {
    if let Some(ms) = std::env::var("DIGLOT_E2E_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        return Duration::from_millis(ms);
    }
    let base = Duration::from_secs(5);
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        base * 4
    } else {
        base
    }
}

/// Server options, read from a file of our own instead of the user's
/// `~/.tmux.conf` (as hermetic as `-f /dev/null`, and in force before the
/// first pane starts).
const TMUX_CONF: &str = "\
# A pane whose command ends unexpectedly stays, so a failing test can still
# show its screen and exit status.
set -g remain-on-exit on
";

/// Runs the reader in the pane and reports on the normal screen what it
/// left behind: its exit status and the line-discipline flags of the
/// terminal before and after. Raw mode is exactly these flags turned off
/// (no canonical input, no echo, no signal keys, no CR/NL translation, no
/// output processing), and `stty` reads them from the very terminal the
/// reader ran in, right after it ended: a direct check, unlike guessing
/// from how typed text looks. The inner shell writes its pid, then becomes
/// the reader, so tests can send it signals. The exit status also goes to
/// a file, for when the terminal itself is gone: the script survives the
/// hang-up by trapping SIGHUP (a trapped signal, unlike an ignored one, is
/// back to its default in the reader). At the end the script waits (for
/// input that never comes) instead of exiting: tmux marks a dead pane by
/// writing on it and changing its modes, which would hide what the reader
/// left.
const RUN_SH: &str = r#"
set -f
trap ':' HUP
flags() {
  for f in $(stty -a); do
    case "$f" in
      icanon|-icanon|echo|-echo|isig|-isig|icrnl|-icrnl|opost|-opost) printf ' %s' "$f" ;;
    esac
  done
}
before=$(flags)
sh -c 'echo $$ > "$0"; exec "$@"' "$DIGLOT_E2E_PIDFILE" "$@"
status=$?
echo "$status" > "$DIGLOT_E2E_STATUSFILE"
printf 'EXIT=%s\nTTY-BEFORE:%s\nTTY-AFTER:%s\nREPORTED\n' "$status" "$before" "$(flags)"
read -r _
"#;

/// The prompt of the interactive shell in [`Term::shell`].
pub const PROMPT: &str = "e2e$ ";

/// One terminal: a private tmux server with one window.
pub struct Term {
    dir: TempDir,
    socket: PathBuf,
}

/// Terminal modes tmux tracks for the pane, and whether its command ended.
// One field per tmux flag: these are independent on/off modes, not states.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaneState {
    pub alternate_screen: bool,
    pub cursor_visible: bool,
    /// Any mouse tracking mode (standard, button, any-motion) is on.
    pub mouse_tracking: bool,
    /// SGR extended mouse coordinates are on.
    pub mouse_sgr: bool,
    pub dead: bool,
    /// The exit status of the pane's command, once it is dead.
    pub dead_status: Option<i32>,
}

/// How a reader started by [`Term::diglot`] ended.
#[derive(Debug)]
pub struct Exit {
    pub status: i32,
    pub tty_before: String,
    pub tty_after: String,
    pub state: PaneState,
    /// Bracketed paste still on (`None`: not probed, the terminal does
    /// not echo).
    pub bracketed_paste: Option<bool>,
    pub screen: Screen,
}

impl Term {
    /// Starts the reader with `args` through the reporting wrapper
    /// (`run.sh`, see [`Term::wait_exit`]) and waits for its first screen.
    pub fn diglot(width: u16, height: u16, args: &[&str]) -> Term {
        let term = Term::prepare();
        let run = term.dir.path().join("run.sh");
        let run = run.to_str().expect("UTF-8 temporary path");
        let mut command = vec!["sh", run, DIGLOT];
        command.extend_from_slice(args);
        term.start(width, height, &command);
        // The status line is drawn last, and its `? help` hint last in it:
        // with it on screen the whole first frame is.
        term.wait_for("the reader's first screen", |s| {
            s.line(0).contains("A/RES/67/189") && s.status().ends_with("? help")
        });
        term
    }

    /// An interactive bash (no rc files, no history file: an empty
    /// `HISTFILE` turns saving off) with the prompt [`PROMPT`], waiting for
    /// its first prompt.
    pub fn shell(width: u16, height: u16) -> Term {
        let term = Term::prepare();
        let ps1 = format!("PS1={PROMPT}");
        term.start(
            width,
            height,
            &[
                "env",
                &ps1,
                "HISTFILE=",
                "bash",
                "--norc",
                "--noprofile",
                "-i",
            ],
        );
        term.wait_for("the shell prompt", |s| {
            s.lines.iter().any(|l| l.starts_with(PROMPT.trim_end()))
        });
        term
    }

    /// A fresh directory with the server's configuration and scripts; no
    /// server yet.
    fn prepare() -> Term {
        let dir = tempfile::Builder::new()
            .prefix("diglot-e2e-")
            .tempdir()
            .expect("create a temporary directory");
        let socket = dir.path().join("tmux.sock");
        std::fs::create_dir(dir.path().join("data")).expect("create the data directory");
        std::fs::write(dir.path().join("tmux.conf"), TMUX_CONF).expect("write tmux.conf");
        std::fs::write(dir.path().join("run.sh"), RUN_SH).expect("write run.sh");
        Term { dir, socket }
    }

    /// Starts `argv` (run directly, no shell in between) in a new tmux
    /// server, in a window of `width`×`height`, with `TERM=xterm-256color`,
    /// `LANG=C.UTF-8` and `DIGLOT_DATA_DIR` set to a fresh directory.
    fn start(&self, width: u16, height: u16, argv: &[&str]) {
        let (w, h) = (width.to_string(), height.to_string());
        let data_env = format!("DIGLOT_DATA_DIR={}", self.data_dir().display());
        let pid_env = format!("DIGLOT_E2E_PIDFILE={}", self.pid_file().display());
        let status_env = format!(
            "DIGLOT_E2E_STATUSFILE={}",
            self.dir.path().join("status").display()
        );
        let mut new_session = vec![
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            &w,
            "-y",
            &h,
            "--",
            "env",
            "TERM=xterm-256color",
            "LANG=C.UTF-8",
            "LC_ALL=C.UTF-8",
            &data_env,
            &pid_env,
            &status_env,
        ];
        new_session.extend_from_slice(argv);
        self.tmux(&new_session);
    }

    /// The data directory the reader was given.
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn pid_file(&self) -> PathBuf {
        self.dir.path().join("diglot.pid")
    }

    /// Runs one tmux command against this server; fails the test when tmux
    /// is missing or the command fails. Returns its standard output.
    pub fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .arg("-u") // UTF-8 out of capture-pane, whatever the locale
            .arg("-S")
            .arg(&self.socket)
            .arg("-f")
            .arg(self.dir.path().join("tmux.conf"))
            .args(args)
            .env_remove("TMUX")
            .output();
        let output = match output {
            Ok(o) => o,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
                "tmux is not installed: the end-to-end tests drive diglot in a real terminal \
                 through tmux (install it, e.g. `apt-get install tmux`; .ci/run does)"
            ),
            Err(e) => panic!("cannot run tmux {args:?}: {e}"),
        };
        assert!(
            output.status.success(),
            "tmux {args:?} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("tmux prints UTF-8")
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `C-z`, `Down`, `q`…) in
    /// one write. A lone `Escape` must be sent on its own and its effect
    /// awaited: followed at once by another key it reads as Alt+key, in
    /// tmux as in any terminal.
    pub fn send_keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types `text` literally (no key-name lookup).
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", SESSION, "-l", text]);
    }

    /// Writes raw bytes to the pane as if the terminal had sent them (how
    /// a terminal reports mouse events).
    pub fn send_bytes(&self, bytes: &[u8]) {
        let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut args = vec!["send-keys", "-t", SESSION, "-H"];
        args.extend(hex.iter().map(String::as_str));
        self.tmux(&args);
    }

    /// Resizes the window (and so the pane's terminal, which gets SIGWINCH).
    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.tmux(&["resize-window", "-t", SESSION, "-x", &w, "-y", &h]);
    }

    /// What the pane shows now.
    pub fn capture(&self) -> Screen {
        Screen::parse(&self.tmux(&["capture-pane", "-p", "-t", SESSION]))
    }

    /// Polls the screen until `ready` holds; fails with the last screen
    /// after [`timeout`].
    pub fn wait_for(&self, what: &str, ready: impl Fn(&Screen) -> bool) -> Screen {
        let deadline = Instant::now() + timeout();
        loop {
            let screen = self.capture();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {:?} waiting for {what}; last screen:\n{screen}\npane: {:?}",
                timeout(),
                self.state()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Polls the screen until its last row contains `text`. The status line
    /// is the last row the reader draws, so every row above it belongs to
    /// the same frame (a frame reaches the terminal in several writes, and
    /// a capture can fall between two of them).
    pub fn wait_for_status(&self, text: &str) -> Screen {
        self.wait_for(&format!("status line with {text:?}"), |s| {
            s.status().contains(text)
        })
    }

    /// The pane's terminal modes and whether its command has ended.
    pub fn state(&self) -> PaneState {
        let out = self.tmux(&[
            "display-message",
            "-p",
            "-t",
            SESSION,
            "#{alternate_on} #{cursor_flag} #{mouse_standard_flag} #{mouse_button_flag} \
             #{mouse_any_flag} #{mouse_sgr_flag} #{pane_dead} #{pane_dead_status}",
        ]);
        let fields: Vec<&str> = out.split_whitespace().collect();
        let flag = |i: usize| fields.get(i) == Some(&"1");
        PaneState {
            alternate_screen: flag(0),
            cursor_visible: flag(1),
            mouse_tracking: flag(2) || flag(3) || flag(4),
            mouse_sgr: flag(5),
            dead: flag(6),
            dead_status: fields.get(7).and_then(|s| s.parse().ok()),
        }
    }

    /// The pid the reader started by [`Term::diglot`] runs as.
    pub fn diglot_pid(&self) -> u32 {
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(pid) = std::fs::read_to_string(self.pid_file())
                .ok()
                .and_then(|s| s.trim().parse().ok())
            {
                return pid;
            }
            assert!(Instant::now() < deadline, "no pid file from run.sh");
            std::thread::sleep(POLL);
        }
    }

    /// Sends a signal (`TERM`, `HUP`…) to the reader process only.
    pub fn kill(&self, signal: &str) {
        let pid = self.diglot_pid();
        assert!(signal_process(pid, signal), "kill -{signal} {pid} failed");
    }

    /// Closes the terminal under the reader, as closing a terminal window
    /// or losing an SSH connection does: the tmux server goes, the pane's
    /// terminal hangs up and the kernel sends SIGHUP to its processes.
    pub fn hang_up(&self) {
        self.tmux(&["kill-server"]);
    }

    /// Waits for the exit status `run.sh` writes to its file when the
    /// reader ends (also after a hang-up, when nothing can be read off the
    /// screen).
    pub fn wait_status_file(&self) -> i32 {
        let file = self.dir.path().join("status");
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(status) = std::fs::read_to_string(&file)
                .ok()
                .and_then(|s| s.trim().parse().ok())
            {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the reader had not ended {:?} after its terminal went away (pid {} alive: {})",
                timeout(),
                self.diglot_pid(),
                signal_process(self.diglot_pid(), "0")
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the reader started by [`Term::diglot`] has ended and
    /// `run.sh` has reported; returns what it left behind.
    pub fn wait_exit(&self) -> Exit {
        // -J joins lines the terminal wrapped, for narrow panes; `-S -`
        // includes the history, for reports longer than the screen.
        let full =
            || Screen::parse(&self.tmux(&["capture-pane", "-p", "-J", "-S", "-", "-t", SESSION]));
        let deadline = Instant::now() + timeout();
        let screen = loop {
            let screen = full();
            if screen.lines.iter().any(|l| l.trim() == "REPORTED") {
                break screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {:?} waiting for diglot to exit; last screen:\n{screen}\npane: {:?}",
                timeout(),
                self.state()
            );
            std::thread::sleep(POLL);
        };
        // The report is printed after the reader ended, so every mode
        // change it wrote is on the pane by now.
        let state = self.state();
        let field = |key: &str| {
            screen
                .lines
                .iter()
                .find_map(|l| l.trim().strip_prefix(key).map(str::to_owned))
                .unwrap_or_else(|| panic!("run.sh did not report {key}; screen:\n{screen}"))
        };
        let status = field("EXIT=").trim().parse().expect("numeric exit status");
        let tty_before = field("TTY-BEFORE:").trim().to_owned();
        let tty_after = field("TTY-AFTER:").trim().to_owned();
        let echo = tty_after.split_whitespace().any(|f| f == "echo");
        let bracketed_paste = echo.then(|| self.probe_bracketed_paste());
        Exit {
            status,
            tty_before,
            tty_after,
            state,
            bracketed_paste,
            screen,
        }
    }
}

impl Term {
    /// Whether the pane still asks for bracketed paste. tmux shows no
    /// format for that mode, but `paste-buffer -p` wraps the text in
    /// `ESC[200~ … ESC[201~` only when it is on, and the terminal (back in
    /// canonical mode with echo) echoes the escape as `^[`: seen on screen.
    fn probe_bracketed_paste(&self) -> bool {
        const PROBE: &str = "PASTE-PROBE";
        self.tmux(&["set-buffer", "-b", "e2e-probe", PROBE]);
        self.tmux(&["paste-buffer", "-p", "-d", "-b", "e2e-probe", "-t", SESSION]);
        let screen = self.wait_for("the pasted probe to echo", |s| s.contains(PROBE));
        screen
            .lines
            .iter()
            .any(|l| l.contains(PROBE) && l.contains("[200~"))
    }
}

/// `kill -SIGNAL pid`; true when the signal was delivered (`0` only asks
/// whether the process exists).
fn signal_process(pid: u32, signal: &str) -> bool {
    Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether `pid` is a running reader (Linux `/proc`; false elsewhere).
fn is_reader(pid: u32) -> bool {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .is_ok_and(|cmdline| cmdline.split(|&b| b == 0).next() == Some(DIGLOT.as_bytes()))
}

impl Drop for Term {
    fn drop(&mut self) {
        // A reader still running is asked to quit with SIGTERM before its
        // terminal goes: one whose terminal hangs up under it does not end
        // but spins (see the hang-up test), and tests must not leave that
        // behind. Only a pid that still runs the reader is signalled.
        if let Some(pid) = std::fs::read_to_string(self.pid_file())
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok())
            && is_reader(pid)
            && signal_process(pid, "TERM")
        {
            let deadline = Instant::now() + timeout();
            while is_reader(pid) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            // Spinning on a terminal that is gone, it ignores even that.
            if is_reader(pid) {
                signal_process(pid, "KILL");
            }
            // run.sh writes the status file last; let it finish before the
            // directory is removed.
            let status = self.dir.path().join("status");
            while !status.exists() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        // Ends the server and with it every process in its panes (they get
        // SIGHUP). Fails harmlessly when the server is already gone.
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .env_remove("TMUX")
            .output();
    }
}

impl Exit {
    /// Asserts that every terminal mode the reader turns on is off again:
    /// alternate screen, hidden cursor, mouse tracking, bracketed paste,
    /// raw mode.
    pub fn assert_terminal_restored(&self) {
        let ctx = || format!("\nexit: {self:?}\nscreen:\n{}", self.screen);
        assert!(
            !self.state.alternate_screen,
            "alternate screen still on{}",
            ctx()
        );
        assert!(self.state.cursor_visible, "cursor still hidden{}", ctx());
        assert!(
            !self.state.mouse_tracking,
            "mouse tracking still on{}",
            ctx()
        );
        assert!(!self.state.mouse_sgr, "SGR mouse mode still on{}", ctx());
        assert_eq!(
            self.tty_after,
            self.tty_before,
            "terminal line settings not restored (raw mode left on?){}",
            ctx()
        );
        for flag in ["icanon", "echo", "isig"] {
            assert!(
                self.tty_after.split_whitespace().any(|f| f == flag),
                "{flag} is off after exit (raw mode left on){}",
                ctx()
            );
        }
        // Probed only once echo is known to be back (asserted just above).
        assert_eq!(
            self.bracketed_paste,
            Some(false),
            "bracketed paste still on{}",
            ctx()
        );
    }
}

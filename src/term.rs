//! The only module that touches the real terminal: set-up and restore on
//! every exit path, the event loop, signals, suspend, and OSC 52.
//!
//! Restoring means undoing every mode the reader turned on: raw mode, the
//! alternate screen, mouse capture, bracketed paste and the hidden cursor.
//! It runs from a `Drop` guard (normal exit and errors), from the panic hook
//! (before the previous hook prints), and on SIGTERM and SIGHUP, which
//! bypass both unless turned into events as done here.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use base64::Engine as _;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use crate::app::{App, Effect, Event, update};

/// How often the reader saves its position while running.
const AUTOSAVE: Duration = Duration::from_secs(30);
/// How long the loop waits for input before checking signals.
const TICK: Duration = Duration::from_millis(100);

static ACTIVE: AtomicBool = AtomicBool::new(false);

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Undoes everything `enter` did. Safe to call twice and from a panic hook.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(
            out,
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = disable_raw_mode();
        let _ = out.flush();
    }
}

/// Restores the terminal when dropped, whatever way the loop ends.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Signals the loop acts on, as a flag set by a watcher thread.
struct Signals {
    terminate: Arc<AtomicUsize>,
}

/// How long the loop gets to save and exit on its own after SIGTERM or
/// SIGHUP before the watcher restores the terminal and exits for it.
const SIGNAL_GRACE: Duration = Duration::from_millis(700);
/// How often the watcher looks for signals and a vanished terminal.
const WATCH: Duration = Duration::from_millis(200);

/// Watches SIGTERM and SIGHUP on a thread of its own. The loop sees the
/// flag within a tick, saves and exits. But when the terminal hangs up,
/// reads from it return end-of-file forever and the input loop may never
/// come back to look at the flag; then the watcher restores and exits the
/// process itself after a short grace period, so a reader in a closed
/// terminal never lingers.
fn install_signals() -> Result<Signals> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    use signal_hook::iterator::Signals as SignalIter;
    let terminate = Arc::new(AtomicUsize::new(0));
    let mut signals = SignalIter::new([SIGTERM, SIGHUP])?;
    let flag = Arc::clone(&terminate);
    std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            loop {
                // A terminal that is gone stops being a terminal: that is a
                // hang-up even when no SIGHUP reaches us (a parent that
                // traps it, a pty closed under a daemon).
                let hung_up = !io::stdin().is_terminal();
                let signal = signals.pending().next().or(hung_up.then_some(SIGHUP));
                if let Some(signal) = signal {
                    flag.store(signal as usize, Ordering::SeqCst);
                    std::thread::sleep(SIGNAL_GRACE);
                    restore();
                    std::process::exit(128 + signal);
                }
                std::thread::sleep(WATCH);
            }
        })?;
    Ok(Signals { terminate })
}

/// Sends `text` to the clipboard with OSC 52, which terminals (and tmux
/// with `set-clipboard on`) honour over SSH.
fn osc52(text: &str) -> io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Saves bookmarks and the position. When it cannot, tells the user once
/// for as long as saving keeps failing (the changes stay in memory and
/// every later save tries again), and again if it fails after working.
pub fn save(app: &mut App) {
    let clause = app.pair.rows.get(app.focus).map(|r| r.id.to_string());
    let Some(store) = app.store.as_mut() else {
        return;
    };
    if let Some(clause) = clause {
        store.set_position(&app.pair.id, &clause);
    }
    match store.save() {
        Ok(()) => {
            // Saving works again: a later failure is news, and is told.
            app.save_warned = false;
            if let Some(notice) = store.take_notice() {
                app.message = Some(notice.message);
            }
        }
        Err(err) => {
            if !app.save_warned {
                app.save_warned = true;
                app.message = Some(format!("{err} (kept in memory)"));
            }
        }
    }
}

/// Runs the reader until the user quits. Returns the exit status.
pub fn run(mut app: App) -> Result<i32> {
    let signals = install_signals()?;
    install_panic_hook();
    enter()?;
    let _guard = Guard;
    // One buffered write per frame: a frame written in pieces tears over a
    // slow link.
    let backend = CrosstermBackend::new(io::BufWriter::with_capacity(1 << 16, io::stdout()));
    let mut terminal = Terminal::new(backend)?;
    let size = terminal.size()?;
    update(&mut app, Event::Resize(size.width, size.height));
    let mut last_save = Instant::now();
    // Draw only after something changed: an idle reader writes nothing.
    let mut dirty = true;
    loop {
        let signal = signals.terminate.load(Ordering::SeqCst);
        if signal != 0 {
            save(&mut app);
            restore();
            return Ok(128 + i32::try_from(signal).unwrap_or(0));
        }
        if dirty {
            draw(&mut terminal, &app)?;
            dirty = false;
        }
        if !event::poll(TICK)? {
            if last_save.elapsed() >= AUTOSAVE {
                let before = app.message.clone();
                save(&mut app);
                dirty = app.message != before;
                last_save = Instant::now();
            }
            continue;
        }
        let event = match event::read()? {
            event::Event::Key(key) => Event::Key(key),
            event::Event::Mouse(mouse) => Event::Mouse(mouse),
            event::Event::Paste(text) => Event::Paste(text),
            event::Event::Resize(w, h) => Event::Resize(w, h),
            _ => continue,
        };
        dirty = true;
        // A save (atomic write, two fsyncs: most of a millisecond here, far
        // more on a slow disk) waits until the frame showing the change is
        // out, unless the reader is about to quit or stop.
        let mut save_pending = false;
        for effect in update(&mut app, event) {
            match effect {
                Effect::Quit => {
                    if save_pending {
                        save(&mut app);
                    }
                    return Ok(0);
                }
                Effect::Save => save_pending = true,
                Effect::Copy(text) => {
                    if let Err(err) = osc52(&text) {
                        app.message = Some(format!("Copy failed: {err}"));
                    }
                }
                Effect::Suspend => {
                    if std::mem::take(&mut save_pending) {
                        save(&mut app);
                    }
                    restore();
                    // Stop like a shell job; execution resumes here on `fg`.
                    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
                    enter()?;
                    terminal.clear()?;
                    let size = terminal.size()?;
                    update(&mut app, Event::Resize(size.width, size.height));
                }
            }
        }
        if save_pending {
            draw(&mut terminal, &app)?;
            let before = app.message.clone();
            save(&mut app);
            // Redraw only if the save had something to say.
            dirty = app.message != before;
        }
    }
}

/// Draws one frame of the reader.
fn draw<W: Write>(terminal: &mut Terminal<CrosstermBackend<W>>, app: &App) -> io::Result<()> {
    terminal.draw(|frame| {
        let area = frame.area();
        let cursor = crate::ui::draw(app, frame.buffer_mut());
        if let Some(position) = cursor
            && area.contains(position)
        {
            frame.set_cursor_position(position);
        }
    })?;
    Ok(())
}

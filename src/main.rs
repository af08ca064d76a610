//! The `diglot` binary: parse the command line, dispatch, print one clear
//! line on error.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::bail;
use clap::Parser;
use diglot::app::Options;
use diglot::cli::{Cli, Command, GlobalArgs, ReaderArgs};
use diglot::commands::{self, Output};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`diglot show 12 | head -1`) is not an error worth a message.
            let _ = stdout.write_all(out.stdout.as_bytes());
            let _ = stdout.flush();
            ExitCode::from(u8::try_from(out.code).unwrap_or(1))
        }
        Err(err) => {
            eprintln!("diglot: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn options(global: &GlobalArgs, reader: &ReaderArgs) -> Options {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Options {
        ambiguous_wide: global.ambiguous_wide,
        color: !(global.no_color || no_color_env),
        clipboard: !reader.no_clipboard,
    }
}

fn run(cli: Cli) -> anyhow::Result<Output> {
    let global = cli.global;
    let reader = cli.reader;
    match cli.command {
        Some(Command::Check { files }) => commands::check(&files),
        Some(Command::Show {
            clause,
            files,
            lang,
            json,
            width,
        }) => {
            let pair = commands::load_pair(&files)?;
            let width = width.map_or_else(commands::terminal_width, usize::from);
            commands::show(&pair, &clause, lang, json, width, global.ambiguous_wide)
        }
        Some(Command::Render {
            files,
            width,
            height,
            at,
            layout,
        }) => {
            let pair = commands::load_pair(&files)?;
            commands::render(
                pair,
                width,
                height,
                at.as_deref(),
                layout,
                options(&global, &reader),
            )
        }
        Some(Command::Bookmarks { json, export }) => {
            commands::bookmarks(global.data_dir.as_deref(), json, export)
        }
        Some(Command::Search { query, files, json }) => {
            let pair = commands::load_pair(&files)?;
            Ok(commands::search(&pair, &query, json))
        }
        None => {
            let pair = commands::load_pair(&cli.files)?;
            if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
                bail!(
                    "the reader needs a terminal (for plain text, try `diglot render` or `diglot show`)"
                );
            }
            let at = reader
                .at
                .as_deref()
                .map(|a| commands::resolve_at(&pair, a))
                .transpose()?;
            let mut app = commands::new_app(pair, options(&global, &reader), reader.layout, 80, 24);
            let mut notice = None;
            if let Some(dir) = diglot::store::resolve_data_dir(global.data_dir.as_deref()) {
                let (store, note) = diglot::store::Store::open(&dir);
                notice = note.map(|n| n.message);
                app.store = Some(store);
            }
            let saved = app
                .store
                .as_ref()
                .and_then(|s| s.position(&app.pair.id))
                .and_then(|clause| commands::resolve_at(&app.pair, clause).ok());
            if let Some(row) = at.or(saved) {
                diglot::app::update::jump(&mut app, row);
            }
            app.message = notice;
            let code = diglot::term::run(app)?;
            Ok(Output {
                stdout: String::new(),
                code,
            })
        }
    }
}

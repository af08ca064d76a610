//! The `diglot` binary: parse the command line, dispatch, print one clear
//! line on error.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use diglot::cli::{Cli, Command};
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

fn run(cli: Cli) -> anyhow::Result<Output> {
    let global = cli.global;
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
        Some(_) | None => anyhow::bail!("not available yet"),
    }
}

//! The command line, declared with clap's derive API.
//!
//! Doc comments here are the `--help` text users read, so they are plain
//! prose, not rustdoc markdown.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "diglot",
    version,
    about = "Read a Chinese UN resolution beside its English reference translation, clause against clause.",
    long_about = "Read a Chinese UN resolution beside its English reference translation, clause against clause.\n\nWith no files, opens the embedded A/RES/67/189. With ZH EN, opens that pair.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Chinese and English files (default: the embedded A/RES/67/189)
    #[arg(value_name = "ZH EN", num_args = 0..=2)]
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub reader: ReaderArgs,

    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options every command understands.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Draw East Asian Ambiguous characters two columns wide
    #[arg(long, global = true)]
    pub ambiguous_wide: bool,

    /// Where bookmarks and reading positions are kept (also DIGLOT_DATA_DIR)
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// No colours (also NO_COLOR)
    #[arg(long, global = true)]
    pub no_color: bool,
}

/// Options of the interactive reader.
#[derive(Debug, Args, Clone, Default)]
pub struct ReaderArgs {
    /// Layout to start in
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,

    /// Open at this clause (12, op12, 12a, pp5, fn7) instead of where you left off
    #[arg(long, value_name = "CLAUSE")]
    pub at: Option<String>,

    /// Do not copy to the clipboard with `y`
    #[arg(long)]
    pub no_clipboard: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    Side,
    Stacked,
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one clause (12, op12, 12a, pp5, fn7) in both languages
    Show {
        /// The clause: 12, op12, 12a, op12.a, pp5, fn7
        clause: String,
        /// Chinese and English files (default: the embedded document)
        #[arg(value_name = "ZH EN", num_args = 0..=2)]
        files: Vec<PathBuf>,
        /// Which language to print
        #[arg(long, value_enum, default_value = "both")]
        lang: LangArg,
        /// Print the structured clause as JSON
        #[arg(long)]
        json: bool,
        /// Wrap to this many columns (default: the terminal width, else 80)
        #[arg(long)]
        width: Option<u16>,
    },
    /// Report counts per kind and every parse or alignment problem; exit 1 on any
    Check {
        /// One document, or a Chinese and English pair (default: the embedded pair)
        #[arg(value_name = "ZH EN", num_args = 0..=2)]
        files: Vec<PathBuf>,
    },
    /// Print one screen exactly as the reader draws it, as plain text
    Render {
        #[arg(value_name = "ZH EN", num_args = 0..=2)]
        files: Vec<PathBuf>,
        /// Screen width in columns
        #[arg(long, default_value_t = 80)]
        width: u16,
        /// Screen height in rows
        #[arg(long, default_value_t = 24)]
        height: u16,
        /// Clause to put at the top
        #[arg(long, value_name = "CLAUSE")]
        at: Option<String>,
        /// Layout
        #[arg(long, value_enum)]
        layout: Option<LayoutArg>,
    },
    /// Print the clauses that contain QUERY, in both languages; exit 1 when none
    Search {
        /// What to look for (case-insensitive; full-width and half-width forms match)
        query: String,
        #[arg(value_name = "ZH EN", num_args = 0..=2)]
        files: Vec<PathBuf>,
        /// Print the hits as JSON
        #[arg(long)]
        json: bool,
    },
    /// List saved bookmarks
    Bookmarks {
        /// Print as JSON
        #[arg(long)]
        json: bool,
        /// Write them as a Markdown list with citations and both languages' text
        #[arg(long, value_enum)]
        export: Option<ExportFormat>,
    },
}

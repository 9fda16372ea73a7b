//! The command line: arguments (clap), and which command runs with what.
//!
//! Raw arguments are turned into typed values here (a [`LibrarySource`], a width), then handed
//! to the reader ([`crate::shell::tui`]) or to the scriptable commands ([`crate::shell::commands`]).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::app::Typesetting;
use crate::article::date;
use crate::article::sanitize::display_path;
use crate::config::paths as config;
use crate::config::settings::{self, Settings};
use crate::config::theme::{self, ColorDepth, Theme};
use crate::library::{Library, LibrarySource};
use crate::query::Query;
use crate::query::rank::Sort;
use crate::reading::reflow::Setting;
use crate::shell::commands::{self, Only, ShowError};
use crate::shell::tui;
use crate::state::State;

/// byline: a terminal reader for your local library of news articles.
#[derive(Debug, Parser)]
#[command(
    name = "byline",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "\
Where the library is: PATH or --library, else $BYLINE_LIBRARY, else <data dir>/byline/library.
When none is named and the data folder holds no article, byline opens its built-in sample library.

Examples:
  byline                          open the reader
  byline ~/news                   read the articles under ~/news
  byline list --query 'dec 2014'  print the articles that match a query
  byline show 3f9a2c1d            print one article, set to 80 columns
  byline check                    list the files that are not usable articles"
)]
pub struct Cli {
    /// Library folders (or article files) to read.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub library: LibraryArgs,

    #[command(flatten)]
    pub typeset: TypesetArgs,

    /// The theme to use (`byline themes` lists them); the config's, else `default`.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    /// The config file to read instead of <config dir>/byline/config.toml.
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// Colour: auto (none when NO_COLOR is set), always, or never (the mono theme).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How articles are set.
#[derive(Debug, Args)]
pub struct TypesetArgs {
    /// The widest the text column gets, in columns (narrower panes wrap to the pane); the
    /// config's, else 80.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(10..))]
    pub measure: Option<u16>,
    /// Justify paragraphs (the last line of each stays ragged); `J` toggles it while reading.
    #[arg(long)]
    pub justify: bool,
    /// Break long words at their syllables (English patterns); `H` toggles it while reading.
    #[arg(long)]
    pub hyphenate: bool,
}

impl TypesetArgs {
    /// The config's typesetting with these flags on top.
    fn typesetting(&self, config: Typesetting) -> Typesetting {
        Typesetting {
            measure: self.measure.map_or(config.measure, usize::from),
            justify: self.justify || config.justify,
            hyphenate: self.hyphenate || config.hyphenate,
        }
    }
}

/// Where to read articles from.
#[derive(Debug, Args)]
pub struct LibraryArgs {
    /// A library folder (or article file) to read; repeat for more.
    #[arg(long = "library", short = 'L', value_name = "PATH")]
    pub library: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the articles, newest first, or those matching a query, best first.
    #[command(after_help = "\
Each line is: id, date, author, title, separated by tabs.

Examples:
  byline list --library ~/news
  byline list --query 'mcgrath korea'
  byline list --json | jq '.[0].title'")]
    List(ListArgs),
    /// Print one article as reflowed plain text.
    #[command(after_help = "\
ID is an article's id from `byline list`, or a unique start of one.

Examples:
  byline show 3f9a2c1d
  byline show 3f9a --width 60 --library ~/news | less")]
    Show(ShowArgs),
    /// Read the whole library and name every file that is not a usable article.
    #[command(after_help = "\
Prints `path: reason` for each problem; exits 1 when there are any, 0 when the library is clean.

Examples:
  byline check
  byline check --library ~/news --library ~/archive")]
    Check(CheckArgs),
    /// What byline remembers: read marks, stars, places in articles, queries.
    #[command(subcommand)]
    State(StateCommand),
    /// The config file: `byline config --default` prints the defaults, commented.
    #[command(after_help = "\
Examples:
  byline config --default > ~/.config/byline/config.toml
  byline config            (says where the config is read from)")]
    Config(ConfigArgs),
    /// List the themes: built in, and yours in <config dir>/byline/themes/.
    #[command(after_help = "\
Examples:
  byline themes
  byline --theme gruvbox-dark")]
    Themes,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the default config, with every setting explained.
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Subcommand)]
pub enum StateCommand {
    /// Print all of it as JSON, for backups and scripts.
    #[command(after_help = "\
Prints {\"read\": [ids], \"starred\": [ids], \"positions\": {id: [block, offset]},
\"history\": [queries]} from <data dir>/byline/state.db.

Examples:
  byline state export > byline-state.json
  byline state export | jq '.starred | length'")]
    Export,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub library: LibraryArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Only articles matching this query (the filter line's syntax: docs/query.md).
    #[arg(
        long,
        short,
        value_name = "QUERY",
        default_value = "",
        allow_hyphen_values = true
    )]
    pub query: String,
    /// The order with no query, and between equal matches with one (the config's, else newest).
    #[arg(long, short, value_enum)]
    pub sort: Option<SortArg>,
    /// Only articles not read yet.
    #[arg(long, conflicts_with = "starred")]
    pub unread: bool,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
    /// Print a JSON array (id, title, author, date, path, words, read, starred) instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// The list orders, as `--sort` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Newest,
    Oldest,
    Title,
    Author,
}

impl From<SortArg> for Sort {
    fn from(sort: SortArg) -> Sort {
        match sort {
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
            SortArg::Title => Sort::Title,
            SortArg::Author => Sort::Author,
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id (or a unique start of it).
    pub id: String,
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Set the text to this many columns (default: the terminal's, at most the measure).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(10..))]
    pub width: Option<u16>,
    #[command(flatten)]
    pub typeset: TypesetArgs,
}

/// Runs byline as the command line asks; returns the process exit code.
pub fn run(cli: Cli) -> Result<ExitCode, Box<dyn std::error::Error>> {
    // byline does not start on a half-read config: a mistake stops it, saying where.
    let config_path = cli.config.clone().or_else(settings::default_path);
    let settings = match &config_path {
        Some(path) if cli.config.is_some() && !path.is_file() => {
            eprintln!("byline: {}: no such config file", path.display());
            return Ok(ExitCode::from(2));
        }
        Some(path) => match settings::load(path) {
            Ok(settings) => settings,
            // The commands that help mend a config still run, saying what is wrong.
            Err(err) if matches!(cli.command, Some(Command::Config(_) | Command::Themes)) => {
                eprintln!("byline: {err}");
                Settings::default()
            }
            Err(err) => {
                eprintln!("byline: {err}");
                return Ok(ExitCode::from(2));
            }
        },
        None => Settings::default(),
    };
    match cli.command {
        None => {
            if !io::stdout().is_terminal() {
                eprintln!(
                    "byline: stdout is not a terminal, so the reader cannot start.\n\
                     To print the library instead, try: byline list"
                );
                return Ok(ExitCode::from(2));
            }
            let mut named = cli.paths;
            named.extend(cli.library.library);
            let library =
                Library::open(&source(named, &settings)).with_footers(settings.footers.clone());
            let theme_name = cli.theme.as_deref().unwrap_or(&settings.theme);
            let theme = match choose_theme(theme_name, cli.color) {
                Ok(theme) => theme,
                Err(err) => {
                    eprintln!("byline: {err}");
                    return Ok(ExitCode::from(2));
                }
            };
            let state = config::state_path();
            let typesetting = cli.typeset.typesetting(settings.typesetting);
            tui::run(library, theme, typesetting, &settings, &state)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::List(args)) => {
            let query = match Query::parse(&args.query, date::today()) {
                Ok(query) => query,
                Err(error) => {
                    eprintln!(
                        "byline: invalid query at column {}: {error}\n{}",
                        error.column(&args.query),
                        indent(&error.caret(&args.query))
                    );
                    return Ok(ExitCode::from(2));
                }
            };
            let library = open_reporting_problems(args.library, &settings);
            let sort = args.sort.map_or(settings.sort, Sort::from);
            let (state, warning) = State::open(&config::state_path());
            if let Some(warning) = warning {
                eprintln!("byline: {warning}");
            }
            let snapshot = state.load()?;
            let only = if args.unread {
                Only::Unread
            } else if args.starred {
                Only::Starred
            } else {
                Only::All
            };
            let found = write_or_pipe_closed(|out| {
                commands::list(&library, &query, sort, &snapshot, only, args.json, out)
            })?;
            // As grep does: no match is exit status 1.
            Ok(if found == Some(0) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Check(args)) => Ok(check(args, &settings)?),
        Some(Command::Config(args)) => {
            if args.default {
                print!("{}", settings::DEFAULT_CONFIG);
            } else {
                match &config_path {
                    Some(path) if path.is_file() => println!("{}", path.display()),
                    Some(path) => println!(
                        "{} (not there: defaults in use; byline config --default writes one)",
                        path.display()
                    ),
                    None => println!("no config folder on this system: defaults in use"),
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Themes) => {
            let user = config::themes_dir();
            write_or_pipe_closed(|out| {
                for (name, whose) in theme::names(user.as_deref()) {
                    writeln!(out, "{name}\t{whose}")?;
                }
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::State(StateCommand::Export)) => {
            let (state, warning) = State::open(&config::state_path());
            if let Some(warning) = warning {
                eprintln!("byline: {warning}");
            }
            let snapshot = state.load()?;
            write_or_pipe_closed(|out| {
                serde_json::to_writer_pretty(&mut *out, &snapshot)?;
                writeln!(out)
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Show(args)) => {
            // Problems with other files are not this command's business; `list` reports them.
            let library = Library::open(&source(args.library.library, &settings))
                .with_footers(settings.footers.clone());
            let styled = io::stdout().is_terminal();
            let typesetting = args.typeset.typesetting(settings.typesetting);
            let measure = typesetting.measure;
            let width = match args.width {
                Some(w) => w as usize,
                None if styled => crossterm::terminal::size()
                    .map_or(measure, |(w, _)| w as usize)
                    .min(measure),
                None => measure,
            };
            let setting = Setting {
                width,
                justify: typesetting.justify,
                hyphenate: typesetting.hyphenate,
            };
            let result = write_or_pipe_closed(|out| {
                match commands::show(&library, &args.id, setting, styled, out) {
                    Err(ShowError::Io(e)) => Err(e),
                    other => Ok(other),
                }
            })?;
            match result {
                Some(Err(err)) => {
                    eprintln!("byline: {err}");
                    Ok(ExitCode::from(1))
                }
                _ => Ok(ExitCode::SUCCESS),
            }
        }
    }
}

fn check(args: CheckArgs, settings: &Settings) -> io::Result<ExitCode> {
    let library = Library::open(&source(args.library.library, settings));
    let problems = write_or_pipe_closed(|out| commands::check(&library, out))?;
    eprintln!(
        "byline: {} article{}, {} problem{}",
        library.articles.len(),
        if library.articles.len() == 1 { "" } else { "s" },
        library.problems.len(),
        if library.problems.len() == 1 { "" } else { "s" },
    );
    Ok(match problems {
        Some(0) => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    })
}

/// Where the library is: named paths, else `BYLINE_LIBRARY`, else the config's paths, else the
/// data folder.
fn source(named: Vec<PathBuf>, settings: &Settings) -> LibrarySource {
    let env = std::env::var_os(config::LIBRARY_ENV);
    let env_set = env.as_deref().is_some_and(|v| !v.is_empty());
    let named = if named.is_empty() && !env_set {
        settings.library.iter().map(|p| tilde_expand(p)).collect()
    } else {
        named
    };
    config::library_source(named, env.as_deref(), config::platform_data_dir())
}

/// `~/news` as the home folder's `news`, as a shell would (config files are not shells).
fn tilde_expand(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => path.to_path_buf(),
    }
}

/// Opens the library for a command, telling stderr about each file it could not use.
fn open_reporting_problems(args: LibraryArgs, settings: &Settings) -> Library {
    let library = Library::open(&source(args.library, settings));
    for problem in &library.problems {
        eprintln!(
            "byline: warning: {}: {}",
            display_path(&problem.path),
            problem.reason
        );
    }
    library
}

/// Runs `write` on a locked, buffered stdout; a closed pipe (`byline list | head`) is a normal
/// end, reported as `None`.
fn write_or_pipe_closed<T>(
    write: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> io::Result<Option<T>> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = write(&mut out).and_then(|value| out.flush().map(|()| value));
    match result {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(None),
        Err(e) => Err(e),
    }
}

/// Indents each line of `text` by two spaces.
fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The theme to draw with: `name`, or mono when colour is off, with colours brought down to
/// what the terminal shows.
fn choose_theme(name: &str, color: ColorChoice) -> Result<Theme, theme::LoadError> {
    // NO_COLOR set and not empty turns colour off (no-color.org), unless asked for.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mono = match color {
        ColorChoice::Never => true,
        ColorChoice::Always => false,
        ColorChoice::Auto => no_color,
    };
    let name = if mono { "mono" } else { name };
    let depth = ColorDepth::detect(
        std::env::var("COLORTERM").ok().as_deref(),
        std::env::var("TERM").ok().as_deref(),
    );
    Ok(theme::load(name, config::themes_dir().as_deref())?.for_depth(depth))
}

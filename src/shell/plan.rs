//! What a run of byline is to do, decided once: arguments ([`Cli`]) + environment ([`Env`]) +
//! config ([`Settings`]) → a typed [`Plan`].
//!
//! This is ripgrep's two stages (`lowargs` → `hiargs`): [`resolve`] is pure (it reads no
//! variable, file or clock; [`Env::from_process`] has read them already), so every precedence
//! rule (named paths over `BYLINE_LIBRARY` over the config over the data folder, `--color` over
//! `NO_COLOR`, flags over the config) is a unit test here. What comes out holds no raw string
//! option: [`crate::shell::run`] only carries a plan out.

use std::ffi::OsString;
use std::io::{self, IsTerminal};
use std::path::PathBuf;

use jiff::civil::Date;

use crate::app::Typesetting;
use crate::article::date;
use crate::config::paths;
use crate::config::settings::Settings;
use crate::config::theme::ColorDepth;
use crate::library::LibrarySource;
use crate::query::Query;
use crate::query::rank::Sort;
use crate::reading::reflow::Setting;
use crate::shell::cli::{
    Cli, ColorChoice, Command, ConfigArgs, ImportArgs, ListArgs, StateCommand, TypesetArgs,
};
use crate::shell::commands::{Only, Select};
use crate::shell::error::CliError;
use crate::shell::import::{ImportPlan, Input};
use crate::shell::listing::{Format, Output};

/// What byline reads from the process, read once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Env {
    /// `BYLINE_LIBRARY`: library folders, separated like `PATH`.
    pub library: Option<OsString>,
    /// `NO_COLOR`: colour off when set and not empty (no-color.org).
    pub no_color: Option<OsString>,
    /// `COLORTERM` and `TERM`, for the colour depth.
    pub colorterm: Option<String>,
    pub term: Option<String>,
    /// The home folder, for `~` in config paths and in the sample library's hint.
    pub home: Option<PathBuf>,
    /// The platform's data folder (`~/.local/share`), where the library and state are by default.
    pub data_dir: Option<PathBuf>,
    /// byline's config folder (`~/.config/byline`): the config file and the user's themes.
    pub config_dir: Option<PathBuf>,
    /// byline's cache folder (`~/.cache/byline`): the libraries' indexes.
    pub cache_dir: Option<PathBuf>,
    pub stdout_is_terminal: bool,
    /// The terminal's width in columns, when stdout is one and says.
    pub terminal_width: Option<u16>,
    /// The terminal's height in rows, when stdout is one and says.
    pub terminal_height: Option<u16>,
    /// `PAGER`: the program (and its arguments) `show` pages a long article through.
    pub pager: Option<String>,
    /// `COLUMNS`, the width to fit when stdout is not a terminal.
    pub columns: Option<u16>,
    /// Today, for relative dates in queries (`d:<30d`).
    pub today: Date,
}

impl Env {
    /// Reads the environment, the platform's folders, stdout and the clock: the one place the
    /// command line does.
    pub fn from_process() -> Self {
        let stdout_is_terminal = io::stdout().is_terminal();
        // Only asked of a terminal: off one, crossterm falls back to running `tput`.
        let size = stdout_is_terminal
            .then(|| crossterm::terminal::size().ok())
            .flatten();
        Self {
            library: std::env::var_os(paths::LIBRARY_ENV),
            no_color: std::env::var_os("NO_COLOR"),
            colorterm: std::env::var("COLORTERM").ok(),
            term: std::env::var("TERM").ok(),
            home: paths::home_dir(),
            data_dir: paths::platform_data_dir(),
            config_dir: paths::config_dir(),
            cache_dir: paths::cache_dir(),
            stdout_is_terminal,
            terminal_width: size.map(|(w, _)| w),
            terminal_height: size.map(|(_, h)| h),
            pager: std::env::var("PAGER").ok(),
            columns: std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse().ok()),
            today: date::today(),
        }
    }
}

/// What to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Open the reader.
    Reader(ReaderPlan),
    /// `byline list`: print the matching articles.
    List(ListPlan),
    /// `byline show`: print one article, set.
    Show(ShowPlan),
    /// `byline check`: name every file that is not a usable article.
    Check {
        source: LibrarySource,
        index_dir: Option<PathBuf>,
    },
    /// `byline index`: bring the library's index up to date (from scratch with `rebuild`) and
    /// say where it is.
    Index {
        source: LibrarySource,
        index_dir: Option<PathBuf>,
        rebuild: bool,
        /// `--status`: only say how big and fresh the indexes are.
        status: bool,
    },
    /// `byline import`: write a feed's entries into a library folder.
    Import(ImportPlan),
    /// `byline import --opml`: list the feeds an OPML file names.
    Opml(PathBuf),
    /// `byline config`: print the default config, or say where the config is read from.
    Config(ConfigPlan),
    /// `byline themes`: list the builtin themes and the user's, in `user_dir`.
    Themes { user_dir: Option<PathBuf> },
    /// `byline state export`: print the state database at `state` as JSON.
    StateExport { state: PathBuf },
    /// `byline completions SHELL`: print the shell's completion script.
    Completions(clap_complete::Shell),
    /// `byline man [COMMAND]`: print byline's manual page, or a command's.
    Man(Option<String>),
}

/// The reader, ready to start.
#[derive(Debug, Clone, PartialEq)]
pub struct ReaderPlan {
    pub source: LibrarySource,
    /// Where libraries' indexes are kept (byline's cache folder).
    pub index_dir: Option<PathBuf>,
    /// Publisher footers to hide besides the known ones (the config's).
    pub footers: Vec<String>,
    pub theme: ThemePlan,
    pub typesetting: Typesetting,
    /// The state database.
    pub state: PathBuf,
    /// Where real articles go, written with `~` for the home folder: the status bar's hint
    /// while the sample library stands in. `None` when the library was named.
    pub put_articles_in: Option<String>,
    /// Bring back the last session's filter, view, sort and article (not with `--fresh`, nor
    /// with `restore_session = false`).
    pub restore_session: bool,
}

/// Which theme to load, and how many colours to bring it down to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemePlan {
    /// The theme's name: `mono` when colour is off.
    pub name: String,
    /// Colour is off (`--color never`, or `NO_COLOR`).
    pub mono: bool,
    pub depth: ColorDepth,
    /// Where the user's themes are, which override builtins of the same name.
    pub user_dir: Option<PathBuf>,
}

/// `byline list`, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPlan {
    pub source: LibrarySource,
    pub index_dir: Option<PathBuf>,
    /// Which articles, in which order, how many.
    pub select: Select,
    pub output: Output,
    /// The state database, for read and starred marks.
    pub state: PathBuf,
}

/// `byline show`, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ShowPlan {
    pub source: LibrarySource,
    pub index_dir: Option<PathBuf>,
    pub footers: Vec<String>,
    /// The id, or a unique start of one.
    pub id: String,
    /// The width and typesetting to set the article in.
    pub setting: Setting,
    /// Styled with escape sequences (stdout is a terminal), else plain text.
    pub styled: bool,
    /// The file's text as read, not set.
    pub raw: bool,
    /// On a terminal, the pager for text longer than the screen.
    pub pager: Option<Pager>,
}

/// A pager and the screen it saves from scrolling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    pub program: String,
    pub args: Vec<String>,
    /// The screen's height: text of more lines than this is paged.
    pub rows: usize,
}

/// `byline config`, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigPlan {
    /// Print the default config, commented.
    PrintDefault,
    /// Say where the config is read from (`None`: this system has no config folder).
    SayWhere(Option<PathBuf>),
    /// Write the default config there, unless a file is (`None`: no config folder).
    Write(Option<PathBuf>),
}

/// The config file to read: `--config`, else `<config dir>/byline/config.toml`.
pub fn config_path(cli: &Cli, env: &Env) -> Option<PathBuf> {
    cli.config
        .clone()
        .or_else(|| env.config_dir.as_deref().map(paths::config_file))
}

/// Whether this command still runs on a config that cannot be read (with the defaults, saying
/// what is wrong): the commands that help mend one, and those that never read it.
pub fn runs_on_a_bad_config(cli: &Cli) -> bool {
    matches!(
        cli.command,
        Some(
            Command::Config(_)
                | Command::Themes
                | Command::Completions { .. }
                | Command::Man { .. }
        )
    )
}

/// Decides what to do from the arguments, the environment and the config.
pub fn resolve(cli: Cli, env: &Env, settings: &Settings) -> Result<Plan, CliError> {
    let user_themes = env.config_dir.as_deref().map(paths::user_themes);
    let state = paths::state_path(env.data_dir.as_deref());
    let config = config_path(&cli, env);
    let Some(command) = cli.command else {
        let mut named = cli.paths;
        named.extend(cli.library.library);
        // Off a terminal, `byline` is `byline list`, as `ls` prints one name a line to a pipe:
        // `byline | grep`, `byline ~/news | wc -l`.
        if !env.stdout_is_terminal {
            return list(ListArgs::of(named), cli.color, env, settings, state);
        }
        let source = source(named, env, settings);
        return Ok(Plan::Reader(ReaderPlan {
            put_articles_in: match &source {
                LibrarySource::DataDir(dir) => Some(paths::tilde_in(dir, env.home.as_deref())),
                LibrarySource::Named(_) => None,
            },
            source,
            index_dir: env.cache_dir.clone(),
            footers: settings.footers.clone(),
            theme: theme(
                cli.theme.as_deref().unwrap_or(&settings.theme),
                cli.color,
                env,
                user_themes,
            ),
            restore_session: settings.restore_session && !cli.fresh,
            typesetting: typesetting(&cli.typeset, settings.typesetting),
            state,
        }));
    };
    Ok(match command {
        Command::List(args) => list(args, cli.color, env, settings, state)?,
        Command::Show(args) => {
            let typesetting = typesetting(&args.typeset, settings.typesetting);
            let measure = typesetting.measure;
            // Set to the terminal, at most the measure; a pipe gets the measure.
            let width = match args.width {
                Some(w) => usize::from(w),
                None if env.stdout_is_terminal => {
                    env.terminal_width.map_or(measure, usize::from).min(measure)
                }
                None => measure,
            };
            Plan::Show(ShowPlan {
                source: source(args.library.library, env, settings),
                index_dir: env.cache_dir.clone(),
                footers: settings.footers.clone(),
                id: args.id,
                setting: Setting {
                    width,
                    justify: typesetting.justify,
                    hyphenate: typesetting.hyphenate,
                },
                styled: env.stdout_is_terminal,
                raw: args.raw,
                pager: pager(env),
            })
        }
        Command::Check(args) => Plan::Check {
            source: source(args.library.library, env, settings),
            index_dir: env.cache_dir.clone(),
        },
        Command::Index(args) => Plan::Index {
            source: source(args.library.library, env, settings),
            index_dir: env.cache_dir.clone(),
            rebuild: args.rebuild,
            status: args.status,
        },
        Command::Import(args) => import(args, env, settings)?,
        Command::Config(ConfigArgs { default: true, .. }) => Plan::Config(ConfigPlan::PrintDefault),
        Command::Config(ConfigArgs { write: true, .. }) => Plan::Config(ConfigPlan::Write(config)),
        Command::Config(_) => Plan::Config(ConfigPlan::SayWhere(config)),
        Command::Themes => Plan::Themes {
            user_dir: user_themes,
        },
        Command::State(StateCommand::Export) => Plan::StateExport { state },
        Command::Completions { shell } => Plan::Completions(shell),
        Command::Man { command } => Plan::Man(command),
    })
}

/// `byline list`, resolved.
fn list(
    args: ListArgs,
    color: ColorChoice,
    env: &Env,
    settings: &Settings,
    state: PathBuf,
) -> Result<Plan, CliError> {
    let query = Query::parse(&args.query, env.today).map_err(|error| CliError::BadQuery {
        query: args.query.clone(),
        error,
    })?;
    // A terminal gets a table, a pipe one article a line.
    let format = match (args.format, args.json) {
        (Some(format), _) => format,
        (None, true) => Format::Json,
        (None, false) if env.stdout_is_terminal => Format::Table,
        (None, false) => Format::Tsv,
    };
    let fields = if args.fields.is_empty() {
        format.default_fields().to_vec()
    } else {
        args.fields
    };
    Ok(Plan::List(ListPlan {
        source: source(args.library.library, env, settings),
        index_dir: env.cache_dir.clone(),
        select: Select {
            query,
            sort: args.sort.map_or(settings.sort, Sort::from),
            only: if args.unread {
                Only::Unread
            } else if args.starred {
                Only::Starred
            } else {
                Only::All
            },
            limit: args.limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        },
        output: Output {
            format,
            fields,
            width: usize::from(
                env.terminal_width
                    .filter(|_| env.stdout_is_terminal)
                    .or(env.columns)
                    .unwrap_or(80),
            ),
            color: match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => env.stdout_is_terminal && !no_color(env),
            },
        },
        state,
    }))
}

/// `byline import`, resolved: `--into`, else the first library folder named by
/// `BYLINE_LIBRARY` or the config. The data folder is not a default: an import writes only
/// where the user has said the library is.
fn import(args: ImportArgs, env: &Env, settings: &Settings) -> Result<Plan, CliError> {
    if let Some(opml) = args.opml {
        return Ok(Plan::Opml(opml));
    }
    let into = match args.into {
        Some(into) => into,
        None => match source(Vec::new(), env, settings) {
            LibrarySource::Named(roots) if !roots.is_empty() => roots[0].clone(),
            _ => {
                return Err(CliError::Usage(
                    "no library folder is configured to import into: pass --into DIR (or set \
                     [library] paths in the config, or BYLINE_LIBRARY)"
                        .to_string(),
                ));
            }
        },
    };
    let input = match args.file {
        Some(file) if file.as_os_str() == "-" => Input::Stdin,
        Some(file) => Input::File(file),
        None => {
            return Err(CliError::Usage(
                "name the feed's FILE, or - for stdin".to_string(),
            ));
        }
    };
    Ok(Plan::Import(ImportPlan {
        input,
        into,
        dry_run: args.dry_run,
        update: args.update,
    }))
}

/// Where the library is: named paths, else `BYLINE_LIBRARY`, else the config's paths, else the
/// data folder.
fn source(named: Vec<PathBuf>, env: &Env, settings: &Settings) -> LibrarySource {
    let env_set = env.library.as_deref().is_some_and(|v| !v.is_empty());
    let named = if named.is_empty() && !env_set {
        settings
            .library
            .iter()
            .map(|p| paths::expand_tilde(p, env.home.as_deref()))
            .collect()
    } else {
        named
    };
    paths::library_source(named, env.library.as_deref(), env.data_dir.clone())
}

/// The config's typesetting with the command line's flags on top.
fn typesetting(args: &TypesetArgs, config: Typesetting) -> Typesetting {
    Typesetting {
        measure: args.measure.map_or(config.measure, usize::from),
        justify: args.justify || config.justify,
        hyphenate: args.hyphenate || config.hyphenate,
    }
}

/// The pager `show` uses on a terminal: `PAGER` (with its arguments), else `less -R`; none off
/// a terminal, nor for a terminal that does not say its height.
fn pager(env: &Env) -> Option<Pager> {
    let rows = env.terminal_height.filter(|_| env.stdout_is_terminal)?;
    let command = (env.pager.as_deref())
        .filter(|p| !p.trim().is_empty())
        .unwrap_or("less -R");
    let mut words = command.split_whitespace().map(str::to_string);
    Some(Pager {
        program: words.next()?,
        args: words.collect(),
        rows: usize::from(rows),
    })
}

/// Whether `NO_COLOR` turns colour off: set and not empty (no-color.org).
fn no_color(env: &Env) -> bool {
    env.no_color.as_deref().is_some_and(|v| !v.is_empty())
}

/// The theme to draw with: `name`, or mono when colour is off, with colours brought down to
/// what the terminal shows.
fn theme(name: &str, color: ColorChoice, env: &Env, user_dir: Option<PathBuf>) -> ThemePlan {
    let mono = match color {
        ColorChoice::Never => true,
        ColorChoice::Always => false,
        ColorChoice::Auto => no_color(env),
    };
    ThemePlan {
        name: if mono { "mono" } else { name }.to_string(),
        mono,
        depth: ColorDepth::detect(env.colorterm.as_deref(), env.term.as_deref()),
        user_dir,
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::query::QueryError;
    use crate::shell::listing::Field;

    /// `~` and the platform folders of a test user, on a terminal 120 columns wide.
    fn test_env() -> Env {
        Env {
            library: None,
            no_color: None,
            colorterm: None,
            term: Some("xterm-256color".to_string()),
            home: Some(PathBuf::from("/home/u")),
            data_dir: Some(PathBuf::from("/home/u/.local/share")),
            config_dir: Some(PathBuf::from("/home/u/.config/byline")),
            cache_dir: Some(PathBuf::from("/home/u/.cache/byline")),
            stdout_is_terminal: true,
            terminal_width: Some(120),
            terminal_height: Some(40),
            pager: None,
            columns: None,
            today: jiff::civil::date(2015, 1, 31),
        }
    }

    fn cli(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("byline").chain(args.iter().copied()))
            .expect("arguments parse")
    }

    fn reader(args: &[&str], env: &Env, settings: &Settings) -> ReaderPlan {
        match resolve(cli(args), env, settings) {
            Ok(Plan::Reader(plan)) => plan,
            other => panic!("not the reader: {other:?}"),
        }
    }

    fn named(paths: &[&str]) -> LibrarySource {
        LibrarySource::Named(paths.iter().map(PathBuf::from).collect())
    }

    #[test]
    fn named_paths_win_then_byline_library_then_config_then_data_folder() {
        let settings = Settings {
            library: vec![PathBuf::from("/config/news")],
            ..Settings::default()
        };
        let with_var = Env {
            library: Some(OsString::from("/env/a:/env/b")),
            ..test_env()
        };
        let plan = reader(&["/cli", "-L", "/flag"], &with_var, &settings);
        assert_eq!(plan.source, named(&["/cli", "/flag"]));
        assert_eq!(plan.put_articles_in, None);
        let plan = reader(&[], &with_var, &settings);
        assert_eq!(plan.source, named(&["/env/a", "/env/b"]));
        let plan = reader(&[], &test_env(), &settings);
        assert_eq!(plan.source, named(&["/config/news"]));
        let plan = reader(&[], &test_env(), &Settings::default());
        assert_eq!(
            plan.source,
            LibrarySource::DataDir("/home/u/.local/share/byline/library".into())
        );
        // An empty BYLINE_LIBRARY is not set: the config's paths still count.
        let empty_var = Env {
            library: Some(OsString::new()),
            ..test_env()
        };
        let plan = reader(&[], &empty_var, &settings);
        assert_eq!(plan.source, named(&["/config/news"]));
        // The subcommands decide the same way.
        match resolve(cli(&["check"]), &with_var, &settings) {
            Ok(Plan::Check { source, index_dir }) => {
                assert_eq!(source, named(&["/env/a", "/env/b"]));
                assert_eq!(index_dir, Some(PathBuf::from("/home/u/.cache/byline")));
            }
            other => panic!("not check: {other:?}"),
        }
    }

    #[test]
    fn tilde_in_config_paths_is_the_given_home() {
        let settings = Settings {
            library: vec![PathBuf::from("~/news"), PathBuf::from("/srv/archive")],
            ..Settings::default()
        };
        let plan = reader(&[], &test_env(), &settings);
        assert_eq!(plan.source, named(&["/home/u/news", "/srv/archive"]));
        let homeless = Env {
            home: None,
            ..test_env()
        };
        let plan = reader(&[], &homeless, &settings);
        assert_eq!(plan.source, named(&["~/news", "/srv/archive"]));
    }

    #[test]
    fn the_sample_hint_writes_the_home_folder_as_tilde() {
        let plan = reader(&[], &test_env(), &Settings::default());
        assert_eq!(
            plan.put_articles_in.as_deref(),
            Some("~/.local/share/byline/library")
        );
    }

    #[test]
    fn no_color_means_mono_unless_color_always() {
        let no_color = Env {
            no_color: Some(OsString::from("1")),
            ..test_env()
        };
        let settings = Settings::default();
        let plan = reader(&["--theme", "gruvbox-dark"], &no_color, &settings);
        assert_eq!((plan.theme.name.as_str(), plan.theme.mono), ("mono", true));
        let plan = reader(
            &["--theme", "gruvbox-dark", "--color", "always"],
            &no_color,
            &settings,
        );
        assert_eq!(
            (plan.theme.name.as_str(), plan.theme.mono),
            ("gruvbox-dark", false)
        );
    }

    #[test]
    fn an_empty_no_color_is_ignored() {
        let empty = Env {
            no_color: Some(OsString::new()),
            ..test_env()
        };
        let plan = reader(&[], &empty, &Settings::default());
        assert_eq!(
            (plan.theme.name.as_str(), plan.theme.mono),
            ("default", false)
        );
    }

    #[test]
    fn color_never_means_mono() {
        let plan = reader(&["--color", "never"], &test_env(), &Settings::default());
        assert_eq!((plan.theme.name.as_str(), plan.theme.mono), ("mono", true));
    }

    #[test]
    fn theme_named_by_flag_then_config_with_the_terminal_depth_and_user_folder() {
        let settings = Settings {
            theme: "nord".to_string(),
            ..Settings::default()
        };
        let plan = reader(&[], &test_env(), &settings);
        assert_eq!(
            plan.theme,
            ThemePlan {
                name: "nord".to_string(),
                mono: false,
                depth: ColorDepth::Ansi256,
                user_dir: Some(PathBuf::from("/home/u/.config/byline/themes")),
            }
        );
        let truecolor = Env {
            colorterm: Some("truecolor".to_string()),
            ..test_env()
        };
        let plan = reader(&["--theme", "dusk"], &truecolor, &settings);
        assert_eq!(plan.theme.name, "dusk");
        assert_eq!(plan.theme.depth, ColorDepth::TrueColor);
    }

    #[test]
    fn typesetting_flags_go_on_top_of_the_config() {
        let settings = Settings {
            typesetting: Typesetting {
                measure: 66,
                justify: true,
                hyphenate: false,
            },
            ..Settings::default()
        };
        let plan = reader(&[], &test_env(), &settings);
        assert_eq!(plan.typesetting, settings.typesetting);
        let plan = reader(&["--measure", "50", "--hyphenate"], &test_env(), &settings);
        assert_eq!(
            plan.typesetting,
            Typesetting {
                measure: 50,
                justify: true,
                hyphenate: true,
            }
        );
    }

    #[test]
    fn list_sort_wins_over_the_config() {
        let settings = Settings {
            sort: Sort::Title,
            ..Settings::default()
        };
        let list = |args: &[&str]| match resolve(cli(args), &test_env(), &settings) {
            Ok(Plan::List(plan)) => plan,
            other => panic!("not list: {other:?}"),
        };
        assert_eq!(list(&["list"]).select.sort, Sort::Title);
        assert_eq!(
            list(&["list", "--sort", "oldest"]).select.sort,
            Sort::Oldest
        );
        assert_eq!(list(&["list", "--unread"]).select.only, Only::Unread);
        assert_eq!(list(&["list", "--starred"]).select.only, Only::Starred);
        assert_eq!(list(&["list", "--limit", "3"]).select.limit, Some(3));
        assert_eq!(list(&["list"]).select.limit, None);
        assert_eq!(
            list(&["list"]).state,
            PathBuf::from("/home/u/.local/share/byline/state.db")
        );
    }

    #[test]
    fn off_a_terminal_byline_alone_is_byline_list_on_the_paths_named() {
        let piped = Env {
            stdout_is_terminal: false,
            terminal_width: None,
            ..test_env()
        };
        let settings = Settings::default();
        let listed = resolve(cli(&["/news", "-L", "/more"]), &piped, &settings);
        let expected = resolve(
            cli(&["list", "-L", "/news", "-L", "/more"]),
            &piped,
            &settings,
        );
        assert!(matches!(listed, Ok(Plan::List(_))), "{listed:?}");
        assert_eq!(listed.ok(), expected.ok());
        // On a terminal it is the reader.
        assert!(matches!(
            resolve(cli(&["/news"]), &test_env(), &settings),
            Ok(Plan::Reader(_))
        ));
    }

    fn list_output(args: &[&str], env: &Env) -> Output {
        match resolve(cli(args), env, &Settings::default()) {
            Ok(Plan::List(plan)) => plan.output,
            other => panic!("not list: {other:?}"),
        }
    }

    #[test]
    fn list_is_a_table_on_a_terminal_and_tsv_in_a_pipe_unless_told() {
        let piped = Env {
            stdout_is_terminal: false,
            terminal_width: None,
            ..test_env()
        };
        let table = list_output(&["list"], &test_env());
        assert_eq!((table.format, table.width), (Format::Table, 120));
        assert_eq!(table.fields, Format::Table.default_fields());
        assert_eq!(list_output(&["list"], &piped).format, Format::Tsv);
        assert_eq!(
            list_output(&["list", "--json"], &test_env()).format,
            Format::Json
        );
        let jsonl = list_output(&["list", "--format", "jsonl"], &piped);
        assert_eq!(jsonl.fields, Format::Jsonl.default_fields());
        let named = list_output(&["list", "--fields", "title,id", "-f", "tsv"], &test_env());
        assert_eq!(named.fields, [Field::Title, Field::Id]);
        assert!(
            Cli::try_parse_from(["byline", "list", "--json", "--format", "tsv"]).is_err(),
            "--json is --format json"
        );
    }

    #[test]
    fn a_table_fits_the_terminal_else_columns_else_80() {
        let piped = Env {
            stdout_is_terminal: false,
            terminal_width: None,
            ..test_env()
        };
        let with_columns = Env {
            columns: Some(100),
            ..piped.clone()
        };
        assert_eq!(list_output(&["list"], &test_env()).width, 120);
        assert_eq!(list_output(&["list", "-f", "table"], &piped).width, 80);
        assert_eq!(
            list_output(&["list", "-f", "table"], &with_columns).width,
            100
        );
        let terminal_with_columns = Env {
            columns: Some(100),
            ..test_env()
        };
        assert_eq!(list_output(&["list"], &terminal_with_columns).width, 120);
    }

    #[test]
    fn a_table_has_colour_on_a_terminal_without_no_color_or_when_asked() {
        let piped = Env {
            stdout_is_terminal: false,
            terminal_width: None,
            ..test_env()
        };
        let no_color = Env {
            no_color: Some(OsString::from("1")),
            ..test_env()
        };
        assert!(list_output(&["list"], &test_env()).color);
        assert!(!list_output(&["list", "-f", "table"], &piped).color);
        assert!(!list_output(&["list"], &no_color).color);
        assert!(!list_output(&["list", "--color", "never"], &test_env()).color);
        assert!(list_output(&["list", "--color", "always"], &no_color).color);
        assert!(list_output(&["list", "-f", "table", "--color", "always"], &piped).color);
    }

    #[test]
    fn a_bad_query_is_a_typed_error() {
        let err = resolve(
            cli(&["list", "--query", "harbour d:2014-13"]),
            &test_env(),
            &Settings::default(),
        )
        .unwrap_err();
        match &err {
            CliError::BadQuery { query, error } => {
                assert_eq!(query, "harbour d:2014-13");
                let expected: QueryError =
                    Query::parse("harbour d:2014-13", test_env().today).unwrap_err();
                assert_eq!(error, &expected);
            }
            other => panic!("not a bad query: {other:?}"),
        }
        assert!(
            err.to_string()
                .starts_with("invalid query at column 16: there is no month 13"),
            "{err}"
        );
        assert!(err.to_string().contains("\n  harbour d:2014-13\n"), "{err}");
    }

    #[test]
    fn show_sets_to_the_terminal_at_most_the_measure_and_a_pipe_to_the_measure() {
        let settings = Settings::default();
        let show = |args: &[&str], env: &Env| match resolve(cli(args), env, &settings) {
            Ok(Plan::Show(plan)) => plan,
            other => panic!("not show: {other:?}"),
        };
        let narrow = Env {
            terminal_width: Some(60),
            ..test_env()
        };
        let piped = Env {
            stdout_is_terminal: false,
            terminal_width: None,
            ..test_env()
        };
        assert_eq!(show(&["show", "3f"], &test_env()).setting.width, 80);
        assert_eq!(show(&["show", "3f"], &narrow).setting.width, 60);
        assert!(show(&["show", "3f"], &narrow).styled);
        assert_eq!(
            show(&["show", "3f", "-w", "100"], &narrow).setting.width,
            100
        );
        let plain = show(&["show", "3f", "--justify"], &piped);
        assert_eq!(plain.setting.width, 80);
        assert!(plain.setting.justify && !plain.styled);
        assert_eq!(plain.pager, None);
        assert!(show(&["show", "3f", "--raw"], &piped).raw);
        assert!(Cli::try_parse_from(["byline", "show", "3f", "--raw", "-w", "50"]).is_err());
    }

    #[test]
    fn show_pages_on_a_terminal_through_pager_else_less() {
        let settings = Settings::default();
        let pager_of = |env: &Env| match resolve(cli(&["show", "3f"]), env, &settings) {
            Ok(Plan::Show(plan)) => plan.pager,
            other => panic!("not show: {other:?}"),
        };
        let less = Pager {
            program: "less".to_string(),
            args: vec!["-R".to_string()],
            rows: 40,
        };
        assert_eq!(pager_of(&test_env()), Some(less.clone()));
        let blank = Env {
            pager: Some(" ".to_string()),
            ..test_env()
        };
        assert_eq!(pager_of(&blank), Some(less));
        let most = Env {
            pager: Some("most -s".to_string()),
            ..test_env()
        };
        assert_eq!(
            pager_of(&most).map(|p| (p.program, p.args)),
            Some(("most".to_string(), vec!["-s".to_string()]))
        );
        let piped = Env {
            stdout_is_terminal: false,
            terminal_width: None,
            terminal_height: None,
            ..most
        };
        assert_eq!(pager_of(&piped), None);
    }

    #[test]
    fn config_named_by_flag_else_in_the_config_folder() {
        assert_eq!(
            config_path(&cli(&[]), &test_env()),
            Some(PathBuf::from("/home/u/.config/byline/config.toml"))
        );
        assert_eq!(
            config_path(&cli(&["--config", "/tmp/b.toml"]), &test_env()),
            Some(PathBuf::from("/tmp/b.toml"))
        );
        let nowhere = Env {
            config_dir: None,
            ..test_env()
        };
        assert_eq!(
            resolve(cli(&["config"]), &nowhere, &Settings::default()).ok(),
            Some(Plan::Config(ConfigPlan::SayWhere(None)))
        );
        assert_eq!(
            resolve(cli(&["config", "--write"]), &nowhere, &Settings::default()).ok(),
            Some(Plan::Config(ConfigPlan::Write(None)))
        );
        assert_eq!(
            resolve(
                cli(&["config", "--write"]),
                &test_env(),
                &Settings::default()
            )
            .ok(),
            Some(Plan::Config(ConfigPlan::Write(Some(
                "/home/u/.config/byline/config.toml".into()
            ))))
        );
        assert!(runs_on_a_bad_config(&cli(&["themes"])));
        assert!(!runs_on_a_bad_config(&cli(&["list"])));
    }

    fn import_plan(args: &[&str], env: &Env, settings: &Settings) -> Result<Plan, CliError> {
        resolve(cli(args), env, settings)
    }

    #[test]
    fn import_goes_into_the_flag_else_the_first_library_folder_never_the_data_folder() {
        let settings = Settings {
            library: vec![PathBuf::from("~/news"), PathBuf::from("/srv/archive")],
            ..Settings::default()
        };
        let into = |plan| match plan {
            Ok(Plan::Import(plan)) => plan.into,
            other => panic!("not import: {other:?}"),
        };
        let plan = import_plan(&["import", "f.xml", "--into", "/x"], &test_env(), &settings);
        assert_eq!(into(plan), PathBuf::from("/x"));
        let plan = import_plan(&["import", "f.xml"], &test_env(), &settings);
        assert_eq!(into(plan), PathBuf::from("/home/u/news"));
        let with_var = Env {
            library: Some(OsString::from("/env/a:/env/b")),
            ..test_env()
        };
        let plan = import_plan(&["import", "-"], &with_var, &settings);
        assert_eq!(into(plan), PathBuf::from("/env/a"));
        match import_plan(&["import", "-"], &test_env(), &Settings::default()) {
            Err(CliError::Usage(message)) => assert!(message.contains("--into"), "{message}"),
            other => panic!("not a usage error: {other:?}"),
        }
    }

    #[test]
    fn import_reads_a_file_or_stdin_and_opml_lists() {
        let env = test_env();
        let settings = Settings::default();
        match import_plan(
            &["import", "-", "--into", "/x", "--dry-run"],
            &env,
            &settings,
        ) {
            Ok(Plan::Import(plan)) => {
                assert_eq!(plan.input, Input::Stdin);
                assert!(plan.dry_run && !plan.update);
            }
            other => panic!("not import: {other:?}"),
        }
        match import_plan(&["import", "--opml", "subs.opml"], &env, &settings) {
            Ok(Plan::Opml(path)) => assert_eq!(path, PathBuf::from("subs.opml")),
            other => panic!("not opml: {other:?}"),
        }
        let both = Cli::try_parse_from(["byline", "import", "f.xml", "--opml", "s.opml"]);
        assert!(both.is_err());
        assert!(Cli::try_parse_from(["byline", "import"]).is_err());
    }
}

//! Carrying out a `Plan`: the part of the command line that reads files, writes stdout and
//! starts the reader.
//!
//! [`run`] reads the environment once (`Env::from_process`) and the config, has
//! `plan::resolve` decide, then does what the plan says. Every failure is returned as a
//! [`CliError`] for `main` to print; only warnings that let a command go on (a config byline
//! mends without, a file that is not an article, state kept in memory) are printed here.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::CommandFactory;

use crate::article::sanitize::{display_path, printable};
use crate::config::paths;
use crate::config::settings::{self, Settings};
use crate::config::theme::{self, Theme};
use crate::library::{ArticleError, Library, LibrarySource, Look, cache, fulltext};
use crate::shell::cli::{Cli, Command};
use crate::shell::commands::{self, ShowError};
use crate::shell::error::CliError;
use crate::shell::import::{self, ImportError};
use crate::shell::plan::{self, ConfigPlan, Env, ListPlan, Plan, ReaderPlan, ShowPlan, ThemePlan};
use crate::shell::{effects, indexing, tui};
use crate::state::{Snapshot, State};

/// Runs byline as the command line asks; returns the exit code of a run that did its work.
pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let env = Env::from_process();
    let config_path = plan::config_path(&cli, &env);
    let themes = env.config_dir.as_deref().map(paths::user_themes);
    let settings = load_settings(&cli, config_path.as_deref(), themes.as_deref())?;
    let verbose = cli.verbose;
    let plan = plan::resolve(cli, &env, &settings)?;
    if verbose {
        for line in details(&plan, config_path.as_deref()) {
            eprintln!("byline: {line}");
        }
    }
    match plan {
        Plan::Reader(reader) => run_reader(reader, &settings),
        Plan::List(list) => run_list(list),
        Plan::Show(show) => run_show(show),
        Plan::Check { source, index_dir } => run_check(&source, index_dir.as_deref()),
        Plan::Index {
            source,
            index_dir,
            rebuild,
            status,
        } => {
            let index = index_dir.as_deref();
            if status {
                indexing::status(&source, index)
            } else {
                indexing::refresh(&source, index, rebuild)
            }
        }
        Plan::Import(plan) => {
            let bytes = import::read_input(&plan.input)?;
            let mut found = None;
            write_or_pipe_closed(|out| {
                found = Some(import::import(&plan, &bytes, out, &mut io::stderr()));
                Ok(())
            })?;
            Ok(found.unwrap_or(Ok(ExitCode::SUCCESS))?)
        }
        Plan::Opml(path) => {
            let name = display_path(&path);
            let bytes = import::read_input(&import::Input::File(path))?;
            let feeds = crate::library::import::opml::subscriptions(&bytes)
                .map_err(|error| ImportError::Feed { name, error })?;
            write_or_pipe_closed(|out| {
                for feed in &feeds {
                    writeln!(out, "{}\t{}", feed.title, feed.address)?;
                }
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Plan::Config(ConfigPlan::PrintDefault) => {
            write_or_pipe_closed(|out| out.write_all(settings::DEFAULT_CONFIG.as_bytes()))?;
            Ok(ExitCode::SUCCESS)
        }
        Plan::Config(ConfigPlan::SayWhere(path)) => {
            say(&match path {
                Some(path) if path.is_file() => display_path(&path),
                Some(path) => format!(
                    "{} (not there: defaults in use; byline config --write writes one)",
                    display_path(&path)
                ),
                None => "no config folder on this system: defaults in use".to_string(),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Plan::Config(ConfigPlan::Write(path)) => {
            let path = path.ok_or(CliError::NoConfigFolder)?;
            write_default_config(&path)?;
            say(&format!(
                "{}: written with the defaults, every setting explained; edit it to change byline",
                display_path(&path)
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Plan::Themes { user_dir } => {
            write_or_pipe_closed(|out| {
                // A theme's name is its file's name, and themes come from other people.
                for (name, whose) in theme::names(user_dir.as_deref()) {
                    writeln!(out, "{}\t{whose}", printable(&name))?;
                }
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Plan::Completions(shell) => {
            let mut command = Cli::command();
            // clap_complete panics when its writer fails (a closed pipe): it writes to memory,
            // and the script is printed as everything else is.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "byline", &mut script);
            write_or_pipe_closed(|out| out.write_all(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Plan::Man(name) => {
            let page = man_page(name.as_deref())?;
            write_or_pipe_closed(|out| clap_mangen::Man::new(page).render(out))?;
            Ok(ExitCode::SUCCESS)
        }
        Plan::StateExport { state } => {
            let snapshot = load_state(&state)?;
            write_or_pipe_closed(|out| {
                serde_json::to_writer_pretty(&mut *out, &snapshot)?;
                writeln!(out)
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The command whose manual page `byline man [name]` prints: byline itself, or one of its
/// commands, built so that its page is titled as byline(1) names it (`byline-list`).
fn man_page(name: Option<&str>) -> Result<clap::Command, CliError> {
    let mut byline = Cli::command();
    byline.build();
    let Some(name) = name else {
        return Ok(byline);
    };
    let page = byline.find_subcommand(name).cloned().ok_or_else(|| {
        let names: Vec<&str> = byline.get_subcommands().map(|c| c.get_name()).collect();
        CliError::Usage(format!(
            "no command '{}' (byline has: {})",
            printable(name),
            names.join(", ")
        ))
    })?;
    Ok(page)
}

/// Writes the commented default config to `path`, making its folder; never over a file that
/// is there (the check and the write are one step: the file is created new or not at all).
fn write_default_config(path: &Path) -> Result<(), CliError> {
    let failed = |error| CliError::WriteConfig {
        path: path.to_path_buf(),
        error,
    };
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(failed)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => CliError::ConfigExists(path.to_path_buf()),
            _ => failed(e),
        })?;
    file.write_all(settings::DEFAULT_CONFIG.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(failed)
}

/// What `-v` says before a command runs: the files it reads, so that a surprise (the wrong
/// library, a config not read) can be seen.
fn details(plan: &Plan, config: Option<&Path>) -> Vec<String> {
    let mut lines = vec![match config {
        Some(path) if path.is_file() => format!("config: {}", display_path(path)),
        Some(path) => format!("config: {} (not there: defaults)", display_path(path)),
        None => "config: none (no config folder: defaults)".to_string(),
    }];
    let (source, index_dir, state) = match plan {
        Plan::Reader(p) => (Some(&p.source), p.index_dir.as_deref(), Some(&p.state)),
        Plan::List(p) => (Some(&p.source), p.index_dir.as_deref(), Some(&p.state)),
        Plan::Show(p) => (Some(&p.source), p.index_dir.as_deref(), None),
        Plan::Check { source, index_dir }
        | Plan::Index {
            source, index_dir, ..
        } => (Some(source), index_dir.as_deref(), None),
        Plan::StateExport { state } => (None, None, Some(state)),
        _ => (None, None, None),
    };
    if let Some(source) = source {
        lines.push(match source {
            LibrarySource::Named(roots) => {
                let roots: Vec<String> = roots.iter().map(|r| display_path(r)).collect();
                format!("library: {}", roots.join(", "))
            }
            LibrarySource::DataDir(dir) => format!(
                "library: {} (the built-in sample when it holds no article)",
                display_path(dir)
            ),
        });
        lines.push(match index_path(source, index_dir) {
            Some(index) => format!("index: {}", display_path(&index)),
            None => "index: none".to_string(),
        });
    }
    if let Some(state) = state {
        lines.push(format!("state: {}", display_path(state)));
    }
    lines
}

/// Reads the config at `path` (none: the defaults). byline does not start on a half-read
/// config: a mistake stops it, saying where, except for the commands that help mend one.
fn load_settings(
    cli: &Cli,
    path: Option<&Path>,
    themes: Option<&Path>,
) -> Result<Settings, CliError> {
    let Some(path) = path else {
        return Ok(Settings::default());
    };
    // A folder or a pipe there is for `settings::load` to name. `byline config` says itself
    // that the file is not there (and `--write` writes it).
    let config_command = matches!(cli.command, Some(Command::Config(_)));
    if cli.config.is_some() && !path.exists() && !config_command {
        return Err(CliError::NoSuchConfig(path.to_path_buf()));
    }
    match settings::load(path, themes) {
        Ok(settings) => Ok(settings),
        Err(err) if plan::runs_on_a_bad_config(cli) => {
            eprintln!("byline: {err}");
            Ok(Settings::default())
        }
        Err(err) => Err(err.into()),
    }
}

/// Starts the reader and runs it until the user quits.
///
/// The one place the reader starts.
fn run_reader(plan: ReaderPlan, settings: &Settings) -> Result<ExitCode, CliError> {
    let theme = load_theme(&plan.theme)?;
    let start = tui::Start {
        index: index_path(&plan.source, plan.index_dir.as_deref()),
        source: plan.source,
        footers: plan.footers,
        theme,
        typesetting: plan.typesetting,
        state: plan.state,
        put_articles_in: plan.put_articles_in,
        restore_session: plan.restore_session,
    };
    tui::run(start, settings)?;
    Ok(ExitCode::SUCCESS)
}

/// The theme a plan names, from the user's folder or built in, at the terminal's depth.
fn load_theme(plan: &ThemePlan) -> Result<Theme, CliError> {
    let theme = theme::load(&plan.name, plan.user_dir.as_deref()).map_err(CliError::Theme)?;
    Ok(theme.for_depth(plan.depth))
}

/// `byline list`: exit status 1 when nothing matched, as grep's.
fn run_list(plan: ListPlan) -> Result<ExitCode, CliError> {
    let library = Arc::new(open_reporting_problems(
        &plan.source,
        plan.index_dir.as_deref(),
    ));
    let text_index =
        index_path(&plan.source, plan.index_dir.as_deref()).map(|p| fulltext::path_beside(&p));
    let snapshot = load_state(&plan.state)?;
    let found = write_or_pipe_closed(|out| {
        commands::list(
            &library,
            text_index.as_deref(),
            &plan.select,
            &snapshot,
            &plan.output,
            out,
        )
    })?;
    // The process ends after this: freeing 100,000 articles one by one would only add time.
    std::mem::forget(library);
    Ok(if found == Some(0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `byline show`. Problems with other files are not this command's business; `list` and
/// `check` report them.
fn run_show(plan: ShowPlan) -> Result<ExitCode, CliError> {
    // `byline show PATH`: a library of that one file, not indexed.
    let file = Path::new(&plan.id);
    let by_path = file.is_file();
    let (source, index_dir) = if by_path {
        (LibrarySource::Named(vec![file.to_path_buf()]), None)
    } else {
        (plan.source, plan.index_dir)
    };
    let render = |library: &Library| -> Result<Vec<u8>, ShowError> {
        let index = if by_path {
            commands::only_article(library, file)?
        } else {
            commands::find(library, &plan.id)?
        };
        let mut text = Vec::new();
        if plan.raw {
            commands::raw(library, index, &mut text)?;
        } else {
            commands::show(library, index, plan.setting, plan.styled, &mut text)?;
        }
        Ok(text)
    };
    // The folders tell a file added or removed; the article shown is read from its file. A
    // file rewritten in place since the index was written is caught when it is read: then
    // every file is looked at, and the id looked for in the library as it is now.
    let open_as =
        |look| open(&source, index_dir.as_deref(), look).with_footers(plan.footers.clone());
    let text = match render(&open_as(Look::Folders)) {
        Err(ShowError::Read {
            source: ArticleError::Changed,
            ..
        }) => render(&open_as(Look::Files)),
        rendered => rendered,
    }
    .map_err(CliError::Show)?;
    // On a terminal, a text longer than the screen goes through the pager.
    let lines = text.iter().filter(|&&b| b == b'\n').count();
    if let Some(pager) = plan.pager.filter(|p| lines > p.rows) {
        match effects::page(&pager.program, &pager.args, &text) {
            Ok(()) => return Ok(ExitCode::SUCCESS),
            Err(e) => eprintln!("byline: could not run {}: {e}", printable(&pager.program)),
        }
    }
    write_or_pipe_closed(|out| out.write_all(&text))?;
    Ok(ExitCode::SUCCESS)
}

/// `byline check`: exit status 1 when any file is not a usable article.
fn run_check(source: &LibrarySource, index_dir: Option<&Path>) -> Result<ExitCode, CliError> {
    // Checking is this command's whole job: every file.
    let library = open(source, index_dir, Look::Files);
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

/// Where the index of the library `source` names is kept in `index_dir`.
pub(crate) fn index_path(source: &LibrarySource, index_dir: Option<&Path>) -> Option<PathBuf> {
    Some(cache::path_for(index_dir?, &source.roots()?))
}

/// Opens the library `source` names from its index, reading only what changed as `look`
/// tells it.
fn open(source: &LibrarySource, index_dir: Option<&Path>, look: Look) -> Library {
    Library::open_indexed(source, index_path(source, index_dir).as_deref(), look)
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Opens the library for a command, telling stderr about each file it could not use.
fn open_reporting_problems(source: &LibrarySource, index_dir: Option<&Path>) -> Library {
    let library = open(source, index_dir, Look::Folders);
    for problem in &library.problems {
        eprintln!(
            "byline: warning: {}: {}",
            display_path(&problem.path),
            problem.reason
        );
    }
    library
}

/// What the state database at `path` holds; when it cannot be opened, says so and reads an
/// empty one.
fn load_state(path: &Path) -> Result<Snapshot, CliError> {
    let (state, warning) = State::open(path);
    if let Some(warning) = warning {
        eprintln!("byline: {warning}");
    }
    Ok(state.load()?)
}

/// Prints one line of a message on stdout; a closed pipe is a normal end.
pub(crate) fn say(line: &str) -> io::Result<()> {
    write_or_pipe_closed(|out| writeln!(out, "{line}")).map(drop)
}

/// Runs `write` on a locked, buffered stdout; a closed pipe (`byline list | head`) is a normal
/// end, reported as `None`.
///
/// Rust's runtime ignores SIGPIPE, so writing to a closed pipe is this `BrokenPipe` error, not
/// a signal that kills byline; `main` never sees it, and the exit status is the command's.
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

//! Every way a run of byline fails: one typed error, its message and its exit code.
//!
//! Nothing in the shell prints an error; `main` prints it once (with its chain of causes) and
//! exits with [`CliError::exit_code`]. A variant's text is what the user reads after `byline: `,
//! so the variants that wrap another error show it without chaining its cause a second time.
//! Warnings that do not stop a command (a file that is not an article, state kept in memory)
//! are not errors and are printed where they happen.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::article::sanitize::display_path;
use crate::config::settings::ConfigError;
use crate::config::theme::LoadError;
use crate::query::QueryError;
use crate::shell::commands::ShowError;
use crate::shell::import::ImportError;

/// Why byline stopped.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line asks for something that is not there (clap checks the rest).
    #[error("{0}")]
    Usage(String),
    /// `--config` named a file that is not there.
    #[error("{}: no such config file", display_path(.0))]
    NoSuchConfig(PathBuf),
    /// `byline config --write` found a file where it would write.
    #[error(
        "{}: a config file is there already; byline config --write never writes over one \
         (byline config --default prints the defaults)",
        display_path(.0)
    )]
    ConfigExists(PathBuf),
    /// `byline config --write` could not make the folder or write the file.
    #[error("{}: {error}", display_path(.path))]
    WriteConfig { path: PathBuf, error: io::Error },
    /// This system has no config folder and no `--config` named a file.
    #[error("this system has no config folder: name the file with --config PATH")]
    NoConfigFolder,
    /// The config file could not be used; byline does not start on a half-read config.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// `byline list --query` was given a query that cannot mean anything.
    #[error("{}", query_message(.query, .error))]
    BadQuery { query: String, error: QueryError },
    /// The theme could not be found or read.
    #[error("{0}")]
    Theme(LoadError),
    /// `byline show` could not show the article.
    #[error("{0}")]
    Show(ShowError),
    /// `byline import` could not read the feed or write an article.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// Reading or writing failed (stdout, the terminal).
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The state database could not be read.
    #[error(transparent)]
    State(#[from] rusqlite::Error),
}

impl CliError {
    /// The exit status: 1 when `show` could not show the article, 2 for every usage, config
    /// and system error.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Show(_) => ExitCode::from(1),
            _ => ExitCode::from(2),
        }
    }
}

/// `invalid query at column 4: ...`, then the query with a caret under the problem, indented.
fn query_message(query: &str, error: &QueryError) -> String {
    let caret = error
        .caret(query)
        .lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "invalid query at column {}: {error}\n{caret}",
        error.column(query)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_errors_are_not_chained_twice() {
        use std::error::Error;
        let theme = CliError::Theme(LoadError::Unreadable {
            path: "dusk.toml".to_string(),
            source: io::Error::other("denied"),
        });
        assert_eq!(theme.to_string(), "dusk.toml: denied");
        assert!(theme.source().is_none());
    }

    #[test]
    fn show_errors_exit_1_and_the_rest_2() {
        let missing = CliError::Show(ShowError::NotFound("ff".to_string()));
        assert_eq!(missing.exit_code(), ExitCode::from(1));
        let missing_config = CliError::NoSuchConfig(PathBuf::from("b.toml"));
        assert_eq!(missing_config.exit_code(), ExitCode::from(2));
    }
}

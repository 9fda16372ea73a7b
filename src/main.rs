//! The `byline` binary: parses the command line and reports errors; all else is in the library.

use std::error::Error;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = byline::shell::cli::Cli::parse();
    match byline::shell::run::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let mut message = format!("byline: {err}");
            let mut source = err.source();
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            eprintln!("{message}");
            err.exit_code()
        }
    }
}

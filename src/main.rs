//! The `byline` binary: parses the command line and reports errors; all else is in the library.

use std::error::Error;
use std::process::ExitCode;

use clap::Parser;

/// Loading a library is tens of thousands of small strings; mimalloc allocates and frees them
/// in about two thirds of the time glibc's allocator takes (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

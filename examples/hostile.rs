//! The hostile corpus as a benchmark: time and peak memory of `check`, `list --json` and
//! `show` on each file of `tests/fixtures/hostile/` and each generated one.
//!
//! ```text
//! cargo build --release && cargo run --release --example hostile [-- --byline target/release/byline]
//! ```
//!
//! The budget (issue 13): no file takes more than 1 s or 200 MB in any command.

#[path = "../tests/integration/hostile_corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::Parser;

#[derive(Debug, Parser)]
#[command(about = "Time and peak memory of byline on each hostile file")]
struct Args {
    /// The byline binary to measure.
    #[arg(long, default_value = "target/release/byline")]
    byline: PathBuf,
    /// Only files whose name contains this.
    #[arg(long)]
    only: Option<String>,
    /// The size of the generated files, as a share of their full size (16 MB the largest).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
}

const SECOND_BUDGET: f64 = 1.0;
const MB_BUDGET: f64 = 200.0;

fn main() -> ExitCode {
    let args = Args::parse();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = corpus::fixtures().expect("tests/fixtures/hostile");
    files.extend(corpus::generated(args.scale));
    files.retain(|f| {
        args.only
            .as_ref()
            .is_none_or(|o| f.name.contains(o.as_str()))
    });
    let files = corpus::write(&dir.path().join("corpus"), files).expect("write corpus");
    println!(
        "{:<24} {:>9} {:>18} {:>18} {:>18}",
        "file", "size", "check s / MB", "list s / MB", "show s / MB"
    );
    let mut over = 0;
    // What a killed run said last, by file.
    let mut notes: Vec<(&str, String)> = Vec::new();
    for (name, size, path) in &files {
        let check = run(&args.byline, &["check", "-L"], path, &[]);
        let list = run(&args.byline, &["list", "--json", "-L"], path, &[]);
        let id = serde_json::from_slice::<serde_json::Value>(&list.stdout)
            .ok()
            .and_then(|v| v[0]["id"].as_str().map(str::to_string));
        let show = id.map(|id| {
            let extra = ["--width", "80", "--justify", "--hyphenate", id.as_str()];
            run(&args.byline, &["show", "-L"], path, &extra)
        });
        let mut cell = |cost: Option<&corpus::Cost>| match cost {
            None => "-".to_string(),
            Some(c) => {
                let flag = if c.status.code().is_none() {
                    let said = String::from_utf8_lossy(&c.stderr);
                    let last = said.lines().last().unwrap_or("(nothing on stderr)");
                    notes.push((name, format!("{}; {last}", c.status)));
                    over += 1;
                    " killed"
                } else if c.seconds > SECOND_BUDGET || c.peak_mb > MB_BUDGET {
                    over += 1;
                    "!"
                } else {
                    ""
                };
                format!("{:.2} / {:.0}{flag}", c.seconds, c.peak_mb)
            }
        };
        println!(
            "{:<24} {:>8.1}M {:>18} {:>18} {:>18}",
            name,
            *size as f64 / 1e6,
            cell(Some(&check)),
            cell(Some(&list)),
            cell(show.as_ref()),
        );
    }
    for (name, why) in &notes {
        println!("{name}: {why}");
    }
    println!("\n{over} runs over the budget ({SECOND_BUDGET} s, {MB_BUDGET} MB), marked !");
    if over == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Runs byline with a new home of its own (so no index is shared between runs), 4 GB of
/// address space and 60 s of CPU at most.
fn run(byline: &Path, args: &[&str], path: &Path, extra: &[&str]) -> corpus::Cost {
    let home = tempfile::tempdir().expect("home");
    let mut command = Command::new(byline);
    command
        .args(args)
        .arg(path)
        .args(extra)
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    corpus::run_bounded(&mut command, 4 << 30, 60).expect("run byline")
}

//! `byline index`: the metadata index brought up to date, then the full-text index beside it
//! (progress on a terminal), and `--status`, how big and how fresh both are.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Instant, SystemTime};

use crate::library::fulltext::{self, TextIndex};
use crate::library::{Library, LibrarySource, Look, cache};
use crate::reading::reflow::thousands;
use crate::shell::error::CliError;
use crate::shell::run::{plural, say};

/// `byline index`: both indexes brought up to date (from nothing with `rebuild`), and where
/// they are.
pub fn refresh(
    source: &LibrarySource,
    index_dir: Option<&Path>,
    rebuild: bool,
) -> Result<ExitCode, CliError> {
    let (Some(roots), Some(index_dir)) = (source.roots(), index_dir) else {
        say("no index: the library has no folder to index, or this system no cache folder")?;
        return Ok(ExitCode::SUCCESS);
    };
    let path = cache::path_for(index_dir, &roots);
    let known = if rebuild {
        Vec::new()
    } else {
        cache::load(&path).unwrap_or_default()
    };
    let mut read = 0;
    let (scanned, changed) = Library::check(&roots, known, Look::Files, |progress, _| {
        read = progress.read
    });
    if changed || rebuild {
        cache::save(&path, &scanned).map_err(CliError::Io)?;
    }
    let files: usize = scanned.iter().map(|s| s.files()).sum();
    let library = Library::from_scanned(source, scanned);
    say(&format!(
        "{}: {} article{}, {} problem{}; read {read} of {files} file{}",
        path.display(),
        library.articles.len(),
        plural(library.articles.len()),
        library.problems.len(),
        plural(library.problems.len()),
        plural(files),
    ))?;

    let text_path = fulltext::path_beside(&path);
    if rebuild {
        let _ = std::fs::remove_file(&text_path);
    }
    let started = Instant::now();
    let mut index = TextIndex::open(&text_path);
    let terminal = io::stderr().is_terminal();
    let done = index
        .refresh(&library, |p| {
            if terminal && p.total > 0 {
                eprint!(
                    "\rindexing {}/{} files",
                    thousands(p.done),
                    thousands(p.total)
                );
                let _ = io::stderr().flush();
            }
        })
        .map_err(|e| CliError::Io(io::Error::other(format!("{}: {e}", text_path.display()))))?;
    if terminal && done.indexed > 0 {
        eprintln!();
    }
    say(&format!(
        "{}: {} file{} indexed, {} deleted, {} unchanged in {:.1} s",
        text_path.display(),
        thousands(done.indexed),
        plural(done.indexed),
        thousands(done.deleted),
        thousands(done.kept),
        started.elapsed().as_secs_f64()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `byline index --status`: what the indexes hold and how fresh they are, changing nothing.
pub fn status(source: &LibrarySource, index_dir: Option<&Path>) -> Result<ExitCode, CliError> {
    let (Some(roots), Some(index_dir)) = (source.roots(), index_dir) else {
        say("no index: the library has no folder to index, or this system no cache folder")?;
        return Ok(ExitCode::SUCCESS);
    };
    let path = cache::path_for(index_dir, &roots);
    let library = Library::open_indexed(source, Some(&path), Look::Folders);
    let metadata = std::fs::metadata(&path).map(|m| m.len()).ok();
    say(&match metadata {
        Some(bytes) => format!("metadata index: {} ({})", path.display(), size(bytes)),
        None => format!("metadata index: {} (not built yet)", path.display()),
    })?;
    let text_path = fulltext::path_beside(&path);
    let Some(index) = TextIndex::open_existing(&text_path) else {
        say(&format!(
            "full-text index: {} (not built, or unusable: byline index builds it)",
            text_path.display()
        ))?;
        return Ok(ExitCode::SUCCESS);
    };
    let status = index
        .status(&library)
        .map_err(|e| CliError::Io(io::Error::other(format!("{}: {e}", text_path.display()))))?;
    let share = if status.text_bytes > 0 {
        format!(
            ", {:.0}% of the {} of text it indexes",
            status.bytes as f64 * 100.0 / status.text_bytes as f64,
            size(status.text_bytes)
        )
    } else {
        String::new()
    };
    say(&format!(
        "full-text index: {} ({}{share})",
        text_path.display(),
        size(status.bytes)
    ))?;
    let stale = library.articles.len().saturating_sub(status.fresh);
    say(&format!(
        "  {} article{} indexed; {} of the library's {} up to date{}",
        thousands(status.articles),
        plural(status.articles),
        thousands(status.fresh),
        thousands(library.articles.len()),
        if stale > 0 {
            format!(
                " ({} new or changed: byline index adds them)",
                thousands(stale)
            )
        } else {
            String::new()
        }
    ))?;
    if let Some(updated) = status.updated {
        let ago = SystemTime::now()
            .duration_since(updated)
            .map_or(0, |d| d.as_secs());
        say(&format!("  updated {} ago", age(ago)))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Bytes for people: `812 KB`, `184.2 MB`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1_000_000 => format!("{} KB", b.div_ceil(1000)),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}

/// Seconds for people: `40 s`, `12 min`, `3 h`, `2 days`.
fn age(seconds: u64) -> String {
    match seconds {
        s if s < 120 => format!("{s} s"),
        s if s < 7200 => format!("{} min", s / 60),
        s if s < 172_800 => format!("{} h", s / 3600),
        s => format!("{} days", s / 86_400),
    }
}

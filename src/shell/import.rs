//! `byline import`: the one command that writes into a library, and so the one place byline
//! creates files in one.
//!
//! What to write is decided by the pure `crate::library::import` from the feed's bytes and what
//! the feed's folder holds; this only reads the input and the folder and writes the files. Every
//! file is created new (`create_new`: never over a file, nor through a link left where one
//! would go), and the feed's folder is checked, once its real path is known, to be inside the
//! folder imported into, so no feed title and no link in the library can lead a write outside
//! it. byline never fetches a feed: the input is a file or standard input.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::article::sanitize::{display_path, printable};
use crate::library::import::{self, FeedError, Known, MAX_FEED};

/// How much of an existing file is read for its front matter (its `id`, `date` and `updated`).
const FRONT_MATTER_BYTES: u64 = 64 * 1024;

/// Where the feed comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::Stdin => "standard input".to_string(),
            Input::File(path) => display_path(path),
        }
    }
}

/// `byline import`, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub input: Input,
    /// The folder the feed's folder is made in: `--into`, else the first library folder.
    pub into: PathBuf,
    /// Say what would be written, and write nothing.
    pub dry_run: bool,
    /// Write newer versions of entries imported before, beside them.
    pub update: bool,
}

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The feed, or the feed's folder, could not be read.
    #[error("{name}: {error}")]
    Read { name: String, error: io::Error },
    /// The feed is over [`MAX_FEED`] bytes.
    #[error("{name}: larger than {MAX_FEED} bytes, not read")]
    TooLarge { name: String },
    /// The feed is not one byline can read: where, when the parser says.
    #[error("{name}: {error}")]
    Feed { name: String, error: FeedError },
    /// A folder could not be made or a file written.
    #[error("{}: {error}", display_path(.path))]
    Write { path: PathBuf, error: io::Error },
    /// The feed's folder leads outside the folder imported into (a link), or is not a folder.
    #[error("{}: not a folder inside {}; nothing written", display_path(.path), display_path(.into))]
    Outside { path: PathBuf, into: PathBuf },
}

/// Reads the input, at most [`MAX_FEED`] bytes.
pub fn read_input(input: &Input) -> Result<Vec<u8>, ImportError> {
    let failed = |error| ImportError::Read {
        name: input.name(),
        error,
    };
    let mut bytes = Vec::new();
    match input {
        Input::Stdin => io::stdin()
            .lock()
            .take(MAX_FEED + 1)
            .read_to_end(&mut bytes),
        Input::File(path) => {
            fs::File::open(path).and_then(|file| file.take(MAX_FEED + 1).read_to_end(&mut bytes))
        }
    }
    .map_err(failed)?;
    if bytes.len() as u64 > MAX_FEED {
        return Err(ImportError::TooLarge { name: input.name() });
    }
    Ok(bytes)
}

/// Imports the feed in `bytes` as `plan` says: a line per file written (or, with `--dry-run`,
/// that would be), then a summary, on `out`; notes on single entries on `notes`. Exits 1 when
/// the feed holds no entry.
pub fn import(
    plan: &ImportPlan,
    bytes: &[u8],
    out: &mut dyn Write,
    notes: &mut dyn Write,
) -> Result<ExitCode, ImportError> {
    let feed = import::read_feed(bytes).map_err(|error| ImportError::Feed {
        name: plan.input.name(),
        error,
    })?;
    if feed.entries.is_empty() {
        let _ = writeln!(
            notes,
            "byline: {}: the feed holds no entries",
            plan.input.name()
        );
        return Ok(ExitCode::from(1));
    }
    let into = real_into(&plan.into, plan.dry_run)?;
    let folder = import::names::folder(feed.title.as_deref(), feed.address.as_deref());
    let shown = plan.into.join(&folder);
    let known = match &into {
        Some(into) => read_folder(&into.join(&folder), into)?,
        None => Known::default(),
    };
    let import = import::plan(&feed, known, plan.update);
    const NOTES: usize = 20;
    for note in import.notes.iter().take(NOTES) {
        let _ = writeln!(notes, "byline: {}", printable(note));
    }
    if import.notes.len() > NOTES {
        let _ = writeln!(notes, "byline: and {} more", import.notes.len() - NOTES);
    }
    let lines = |writes: &[import::Write]| -> Vec<String> {
        (writes.iter())
            .map(|w| format!("{}\t{}", display_path(&shown.join(&w.name)), w.title))
            .collect()
    };
    if plan.dry_run {
        let _ = write_lines(out, &lines(&import.writes));
        let _ = writeln!(out, "dry run, nothing written: {}", import.summary());
        return Ok(ExitCode::SUCCESS);
    }
    let written = match (&into, import.writes.is_empty()) {
        (Some(into), false) => write_files(into, &folder, &import.writes),
        _ => (0, None),
    };
    let (count, failed) = written;
    let _ = write_lines(out, &lines(&import.writes[..count]));
    if let Some(error) = failed {
        return Err(error);
    }
    let _ = writeln!(out, "{}", import.summary());
    Ok(ExitCode::SUCCESS)
}

fn write_lines(out: &mut dyn Write, lines: &[String]) -> io::Result<()> {
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The real path of the folder imported into, made if it is not there; `None` on a dry run
/// into a folder not there yet (nothing is made on a dry run).
fn real_into(into: &Path, dry_run: bool) -> Result<Option<PathBuf>, ImportError> {
    let failed = |error| ImportError::Write {
        path: into.to_path_buf(),
        error,
    };
    if dry_run && fs::symlink_metadata(into).is_err() {
        return Ok(None);
    }
    if !dry_run {
        fs::create_dir_all(into).map_err(failed)?;
    }
    let real = fs::canonicalize(into).map_err(failed)?;
    if !real.is_dir() {
        return Err(failed(io::Error::other("not a folder")));
    }
    Ok(Some(real))
}

/// What the feed's folder holds: every name, and the entries the Markdown files say were
/// imported. A folder not there yet holds nothing; one that leads outside `into` (a link) is
/// an error.
fn read_folder(folder: &Path, into: &Path) -> Result<Known, ImportError> {
    let mut known = Known::default();
    if fs::symlink_metadata(folder).is_err() {
        return Ok(known);
    }
    inside(folder, into)?;
    let failed = |error| ImportError::Read {
        name: display_path(folder),
        error,
    };
    for item in fs::read_dir(folder).map_err(failed)? {
        let item = item.map_err(failed)?;
        let name = item.file_name().to_string_lossy().into_owned();
        let is_file = item.file_type().is_ok_and(|t| t.is_file());
        if is_file && name.to_ascii_lowercase().ends_with(".md") {
            let mut start = Vec::new();
            let read = fs::File::open(item.path())
                .and_then(|f| f.take(FRONT_MATTER_BYTES).read_to_end(&mut start));
            if read.is_ok() {
                known.file(&name, &String::from_utf8_lossy(&start));
                continue;
            }
        }
        known.name(&name);
    }
    Ok(known)
}

/// The real path of `folder`, which must be a folder directly inside `into`.
fn inside(folder: &Path, into: &Path) -> Result<PathBuf, ImportError> {
    let outside = || ImportError::Outside {
        path: folder.to_path_buf(),
        into: into.to_path_buf(),
    };
    let real = fs::canonicalize(folder).map_err(|_| outside())?;
    if real.parent() != Some(into) || !real.is_dir() {
        return Err(outside());
    }
    Ok(real)
}

/// Writes the files into `into/folder`, each created new; how many were written, and the
/// error that stopped the rest.
fn write_files(
    into: &Path,
    folder: &str,
    writes: &[import::Write],
) -> (usize, Option<ImportError>) {
    let path = into.join(folder);
    match fs::create_dir(&path) {
        Err(error) if error.kind() != io::ErrorKind::AlreadyExists => {
            return (0, Some(ImportError::Write { path, error }));
        }
        _ => {}
    }
    let real = match inside(&path, into) {
        Ok(real) => real,
        Err(error) => return (0, Some(error)),
    };
    for (done, write) in writes.iter().enumerate() {
        let file = real.join(&write.name);
        let result = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&file)
            .and_then(|mut f| f.write_all(write.text.as_bytes()));
        if let Err(error) = result {
            return (done, Some(ImportError::Write { path: file, error }));
        }
    }
    (writes.len(), None)
}

//! byline's integration tests: one binary, a module per area, sharing a temp-dir library builder.

mod cli;
mod formats;
mod library;
mod pty;
mod screen;
mod state;

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// A library folder in a temp dir, removed when dropped.
pub struct TempLibrary {
    dir: TempDir,
}

impl Default for TempLibrary {
    fn default() -> Self {
        Self::new()
    }
}

impl TempLibrary {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn file(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, contents).expect("write");
        path
    }

    /// Writes an article in the plain-text layout.
    pub fn article(
        &self,
        relative: &str,
        title: &str,
        author: &str,
        date: &str,
        body: &str,
    ) -> PathBuf {
        self.file(
            relative,
            format!("{title}\n\n{author}\n\n{date}\n\n{body}\n"),
        )
    }
}

/// The reference article, which lives beside the repository. Outside CI a missing seed skips
/// the test that needs it; in CI it must be there.
pub fn seed_path() -> Option<PathBuf> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_7c20e05c1545bc48.txt");
    if path.exists() {
        Some(path)
    } else if std::env::var_os("CI").is_some() {
        panic!("the seed article {} is missing in CI", path.display());
    } else {
        eprintln!("skipped: {} not found", path.display());
        None
    }
}

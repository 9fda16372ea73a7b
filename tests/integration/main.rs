//! byline's integration tests: one binary, a module per area, sharing a temp-dir library builder.

mod cli;
mod docs;
mod formats;
mod fulltext;
mod hostile;
mod hostile_corpus;
mod import;
mod index;
mod library;
mod pty;
mod screen;
mod screenshot;
mod ssh;
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

    /// A library in a temp dir made under `parent`.
    pub fn new_in(parent: &Path) -> Self {
        Self {
            dir: tempfile::tempdir_in(parent).expect("temp dir"),
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

/// Runs the byline binary with a private, empty home (and so its own data, config and cache
/// folders), so no user library, index or env leaks in.
pub fn byline(home: &Path, args: &[&str]) -> std::process::Output {
    byline_command(home, args).output().expect("run byline")
}

/// The command [`byline`] runs, to spawn it with pipes of one's own.
pub fn byline_command(home: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_byline"));
    command
        .args(args)
        .env_remove("BYLINE_LIBRARY")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"));
    command
}

/// An app on `library` for a `width` x `height` screen, its first search and article done.
pub fn open_app(library: byline::library::Library, width: u16, height: u16) -> byline::app::App {
    open_with(byline::app::Init::new(
        std::sync::Arc::new(library),
        ratatui::layout::Rect::new(0, 0, width, height),
        jiff::civil::date(2026, 11, 28),
    ))
}

/// An app set up by `init`, its first search and article done.
pub fn open_with(init: byline::app::Init) -> byline::app::App {
    let mut app = byline::app::App::new(init);
    settle(&mut app);
    app
}

/// Applies events as the event loop does: update, then perform what the app asks.
pub fn act<E: Into<byline::app::Event>>(
    app: &mut byline::app::App,
    events: impl IntoIterator<Item = E>,
) {
    for event in events {
        app.update(event);
        settle(app);
    }
}

/// Performs the app's searches and reads as the shell does, inline; drops its other effects.
pub fn settle(app: &mut byline::app::App) {
    let mut searcher = byline::shell::search::Searcher::inline();
    byline::shell::effects::settle(app, &mut searcher, |_| None);
}

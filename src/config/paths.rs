//! Where things are: the library (turned into a typed [`LibrarySource`], once, so the rest of the
//! program never looks at raw arguments or environment variables), the state database, the config
//! file and the user's themes.
//!
//! The functions that are given the folders (`state_path`, `expand_tilde`, ...) are pure; the few
//! that ask the platform (`config_dir`, `home_dir`, ...) are for the shell's `Env` and for code
//! that has not been handed the folders yet.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::library::LibrarySource;

/// The environment variable that names library folders (separated like `PATH`).
pub const LIBRARY_ENV: &str = "BYLINE_LIBRARY";

/// Decides where the library is: paths from the command line, else `BYLINE_LIBRARY`, else the
/// data folder (`<data dir>/byline/library`).
pub fn library_source(
    named: Vec<PathBuf>,
    env: Option<&OsStr>,
    data_dir: Option<PathBuf>,
) -> LibrarySource {
    if !named.is_empty() {
        return LibrarySource::Named(named);
    }
    if let Some(value) = env.filter(|v| !v.is_empty()) {
        let paths: Vec<PathBuf> = std::env::split_paths(value)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        if !paths.is_empty() {
            return LibrarySource::Named(paths);
        }
    }
    LibrarySource::DataDir(default_library_dir(data_dir))
}

/// `<data dir>/byline/library`, given the platform's data folder if it has one.
pub fn default_library_dir(data_dir: Option<PathBuf>) -> PathBuf {
    data_dir
        .unwrap_or_else(|| PathBuf::from("."))
        .join("byline")
        .join("library")
}

/// Where reading state is kept: `<data dir>/byline/state.db` (in the current folder when the
/// platform has no data folder).
pub fn state_path(data_dir: Option<&Path>) -> PathBuf {
    data_dir
        .unwrap_or(Path::new(""))
        .join("byline")
        .join("state.db")
}

/// The config file in byline's config folder: `<config dir>/byline/config.toml`.
pub fn config_file(config_dir: &Path) -> PathBuf {
    config_dir.join("config.toml")
}

/// The user's themes in byline's config folder: `<config dir>/byline/themes`.
pub fn user_themes(config_dir: &Path) -> PathBuf {
    config_dir.join("themes")
}

/// byline's folder in the platform's config folder: `~/.config/byline` on Linux.
pub fn config_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.config_dir().join("byline"))
}

/// The platform's data folder (`~/.local/share` on Linux), from `directories`.
pub fn platform_data_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.data_dir().to_path_buf())
}

/// byline's folder in the platform's cache folder: `~/.cache/byline` on Linux.
pub fn cache_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.cache_dir().join("byline"))
}

/// The user's home folder, from `directories`.
pub fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
}

/// `path` for display, with `home` written `~`.
pub fn tilde_in(path: &Path, home: Option<&Path>) -> String {
    match home.and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => crate::article::sanitize::display_path(&Path::new("~").join(rest)),
        None => crate::article::sanitize::display_path(path),
    }
}

/// `~/news` as `home`'s `news`, as a shell would (config files are not shells).
pub fn expand_tilde(path: &Path, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::*;

    #[test]
    fn command_line_wins_then_environment_then_data_folder() {
        let data = Some(PathBuf::from("/home/u/.local/share"));
        let env = OsString::from("/env/a:/env/b");
        assert_eq!(
            library_source(vec!["/cli".into()], Some(&env), data.clone()),
            LibrarySource::Named(vec!["/cli".into()])
        );
        assert_eq!(
            library_source(vec![], Some(&env), data.clone()),
            LibrarySource::Named(vec!["/env/a".into(), "/env/b".into()])
        );
        assert_eq!(
            library_source(vec![], Some(OsStr::new("")), data.clone()),
            LibrarySource::DataDir("/home/u/.local/share/byline/library".into())
        );
        assert_eq!(
            library_source(vec![], None, data),
            LibrarySource::DataDir("/home/u/.local/share/byline/library".into())
        );
    }

    #[test]
    fn home_folder_written_and_read_as_tilde() {
        let home = Path::new("/home/u");
        assert_eq!(
            expand_tilde(Path::new("~/news"), Some(home)),
            PathBuf::from("/home/u/news")
        );
        assert_eq!(
            expand_tilde(Path::new("~/news"), None),
            PathBuf::from("~/news")
        );
        assert_eq!(
            expand_tilde(Path::new("/srv/news"), Some(home)),
            PathBuf::from("/srv/news")
        );
        assert_eq!(
            tilde_in(Path::new("/home/u/.local/share/byline/library"), Some(home)),
            "~/.local/share/byline/library"
        );
        assert_eq!(tilde_in(Path::new("/srv/news"), Some(home)), "/srv/news");
    }

    #[test]
    fn state_kept_under_the_data_folder_else_here() {
        assert_eq!(
            state_path(Some(Path::new("/home/u/.local/share"))),
            PathBuf::from("/home/u/.local/share/byline/state.db")
        );
        assert_eq!(state_path(None), PathBuf::from("byline/state.db"));
    }
}

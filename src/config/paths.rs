//! Turning where the user pointed byline into a typed [`LibrarySource`], once, so the rest of the
//! program never looks at raw arguments or environment variables.

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
pub fn state_path() -> PathBuf {
    platform_data_dir()
        .unwrap_or_default()
        .join("byline")
        .join("state.db")
}

/// Where the user's themes are: `<config dir>/byline/themes`.
pub fn themes_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("themes"))
}

/// byline's folder in the platform's config folder: `~/.config/byline` on Linux.
pub fn config_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.config_dir().join("byline"))
}

/// The platform's data folder (`~/.local/share` on Linux), from `directories`.
pub fn platform_data_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.data_dir().to_path_buf())
}

/// `path` for display, with the home folder written `~`.
pub fn tilde(path: &Path) -> String {
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => crate::article::sanitize::display_path(&Path::new("~").join(rest)),
        None => crate::article::sanitize::display_path(path),
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
}

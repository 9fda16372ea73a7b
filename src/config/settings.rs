//! The config file, `<config dir>/byline/config.toml` (or `--config PATH`), read once into typed
//! [`Settings`]: the rest of byline never sees a raw value.
//!
//! Everything in it is optional; the defaults are `config/default.toml`, which `byline config
//! --default` prints and a test parses. An unknown key, a wrong type or a bad value is an error
//! that names the file, the line and the value (`config.toml:12: unknown theme 'grene'`), and
//! byline does not start on a half-read config.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::action::Action;
use crate::article::sanitize::{is_invisible_or_control, printable};
use crate::config::keys::{self, Keymap, Mode};
use crate::config::theme;
use crate::layout::{Arrangement, Grouping, ListColumn, Split};
use crate::query::rank::Sort;
use crate::reading::Typesetting;

/// The default config, commented: what `byline config --default` prints and `--write` writes.
pub const DEFAULT_CONFIG: &str = include_str!("../../config/default.toml");

/// A config that could not be used: where, and why.
///
/// Shown as `file:line: message` (`file: message` when no line is to blame), the file name and
/// the message written [`printable`]: a message quotes values from the file, and a config can
/// come from anyone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub file: String,
    /// The line to blame, from 1; 0 for the file as a whole.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        located(f, &self.file, self.line, &self.message)
    }
}

/// Writes `file:line: message`, or `file: message` for line 0, every part [`printable`]. The
/// one way a config or theme error is shown.
pub(crate) fn located(
    f: &mut std::fmt::Formatter<'_>,
    file: &str,
    line: usize,
    message: &str,
) -> std::fmt::Result {
    let (file, message) = (printable(file), printable(message));
    match line {
        0 => write!(f, "{file}: {message}"),
        line => write!(f, "{file}:{line}: {message}"),
    }
}

/// What the config decides.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub library: Vec<PathBuf>,
    /// Publisher footers to hide besides the known ones.
    pub footers: Vec<String>,
    pub theme: String,
    pub typesetting: Typesetting,
    pub sort: Sort,
    pub split: Split,
    pub mouse: bool,
    pub keymap: Keymap,
    /// How the list writes dates (strftime); `None` for `2014-12-31`.
    pub date_format: Option<String>,
    /// Dates of the last week in the list as `today`, `yesterday`, `3 days ago`.
    pub relative_dates: bool,
    pub mark_read: MarkRead,
    /// `]` and `[` pass over articles already read.
    pub skip_read: bool,
    /// The list's columns after the title, in order.
    pub list_columns: Vec<ListColumn>,
    /// How the list gathers its rows under headers.
    pub grouping: Grouping,
    /// Start where the last session left off (its filter, view, sort and article).
    pub restore_session: bool,
}

/// When an article becomes read by itself (`m` marks it either way by hand).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MarkRead {
    /// Opened in the reading pane with the focus, and kept open a moment or scrolled.
    #[default]
    Open,
    /// Shown in the reading pane a moment, focused or not: the preview beside the list counts.
    Preview,
    /// Only by hand.
    Never,
}

impl MarkRead {
    /// The setting as the config writes it (`open`, `preview`, `never`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "open" => Some(Self::Open),
            "preview" => Some(Self::Preview),
            "never" => Some(Self::Never),
            _ => None,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            library: Vec::new(),
            footers: Vec::new(),
            theme: "default".to_string(),
            typesetting: Typesetting::default(),
            sort: Sort::Newest,
            split: Split::default(),
            mouse: true,
            keymap: Keymap::default(),
            date_format: None,
            relative_dates: false,
            mark_read: MarkRead::default(),
            skip_read: false,
            list_columns: ListColumn::DEFAULT.to_vec(),
            grouping: Grouping::None,
            restore_session: true,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    library: LibrarySection,
    theme: Option<Spanned<String>>,
    restore_session: Option<bool>,
    #[serde(default)]
    reading: ReadingSection,
    #[serde(default)]
    list: ListSection,
    #[serde(default)]
    layout: LayoutSection,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LibrarySection {
    #[serde(default)]
    paths: Vec<PathBuf>,
    #[serde(default)]
    footers: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadingSection {
    measure: Option<Spanned<i64>>,
    justify: Option<bool>,
    hyphenate: Option<bool>,
    mark_read: Option<Spanned<String>>,
    skip_read: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListSection {
    sort: Option<Spanned<String>>,
    date_style: Option<Spanned<String>>,
    date_format: Option<Spanned<String>>,
    columns: Option<Vec<Spanned<String>>>,
    group: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutSection {
    arrangement: Option<Spanned<String>>,
    list_percent: Option<Spanned<i64>>,
    mouse: Option<bool>,
}

/// The key of the `key = value` line at byte `at` of `source`, if that line is one.
fn key_at(source: &str, at: usize) -> Option<&str> {
    let at = at.min(source.len());
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = source[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[') && !key.starts_with('#')).then_some(key)
}

/// Reads the config at `path`; a missing file is the defaults. A theme it names must be built
/// in or in `themes` (the user's themes folder).
pub fn load(path: &Path, themes: Option<&Path>) -> Result<Settings, ConfigError> {
    let whole = |message: &str| ConfigError {
        file: path.display().to_string(),
        line: 0,
        message: message.to_string(),
    };
    // Said plainly: the OS would say "Is a directory (os error 21)", and a pipe could block.
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(whole("is a folder, not a file")),
        Ok(meta) if !meta.is_file() => return Err(whole("is not a regular file")),
        _ => {}
    }
    match std::fs::read_to_string(path) {
        Ok(source) => {
            let themes: Vec<String> = theme::names(themes).into_iter().map(|(n, _)| n).collect();
            parse(&path.display().to_string(), &source, &themes)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(err) => Err(whole(&err.to_string())),
    }
}

/// Parses a config's `source`; `file` names it in errors, `themes` are the themes there are
/// (built in and the user's).
pub fn parse(file: &str, source: &str, themes: &[String]) -> Result<Settings, ConfigError> {
    let error = |span: Option<Range<usize>>, message: String| ConfigError {
        file: file.to_string(),
        line: span.map_or(0, |s| line_of(source, s.start)),
        message,
    };
    let raw: File = toml::from_str(source).map_err(|e| {
        // toml names the value's type, not its key: the key is on the line the value is on.
        let key = e.span().and_then(|span| key_at(source, span.start));
        let message = match key {
            Some(key) if !e.message().contains(&format!("`{key}`")) => {
                format!("{key}: {}", e.message())
            }
            _ => e.message().to_string(),
        };
        error(e.span(), message)
    })?;
    let mut settings = Settings {
        library: raw.library.paths,
        footers: raw.library.footers,
        ..Settings::default()
    };
    if let Some(name) = raw.theme {
        let exists = themes.iter().any(|n| n == name.get_ref());
        if !exists {
            return Err(error(
                Some(name.span()),
                format!(
                    "unknown theme '{}' (byline themes lists them)",
                    name.get_ref()
                ),
            ));
        }
        settings.theme = name.into_inner();
    }
    if let Some(measure) = raw.reading.measure {
        let value = *measure.get_ref();
        if !(10..=1000).contains(&value) {
            return Err(error(
                Some(measure.span()),
                format!("measure {value} is out of range (10 to 1000 columns)"),
            ));
        }
        settings.typesetting.measure = value as usize;
    }
    settings.restore_session = raw.restore_session.unwrap_or(true);
    settings.typesetting.justify = raw.reading.justify.unwrap_or(false);
    settings.typesetting.hyphenate = raw.reading.hyphenate.unwrap_or(false);
    settings.skip_read = raw.reading.skip_read.unwrap_or(false);
    if let Some(mark_read) = raw.reading.mark_read {
        settings.mark_read = MarkRead::from_name(mark_read.get_ref()).ok_or_else(|| {
            error(
                Some(mark_read.span()),
                format!(
                    "unknown mark_read '{}' (open, preview or never)",
                    mark_read.get_ref()
                ),
            )
        })?;
    }
    if let Some(sort) = raw.list.sort {
        settings.sort = Sort::from_name(sort.get_ref()).ok_or_else(|| {
            error(
                Some(sort.span()),
                format!(
                    "unknown sort '{}' (newest, oldest, title or author)",
                    sort.get_ref()
                ),
            )
        })?;
    }
    if let Some(columns) = raw.list.columns {
        let mut list_columns = Vec::new();
        for name in columns {
            let column = ListColumn::from_name(name.get_ref()).ok_or_else(|| {
                error(
                    Some(name.span()),
                    format!(
                        "unknown list column '{}' ({}; the title is always shown)",
                        name.get_ref(),
                        ListColumn::names()
                    ),
                )
            })?;
            if !list_columns.contains(&column) {
                list_columns.push(column);
            }
        }
        settings.list_columns = list_columns;
    }
    if let Some(group) = raw.list.group {
        settings.grouping = Grouping::from_name(group.get_ref()).ok_or_else(|| {
            error(
                Some(group.span()),
                format!("unknown group '{}' (none, day or source)", group.get_ref()),
            )
        })?;
    }
    if let Some(style) = raw.list.date_style {
        settings.relative_dates = match style.get_ref().as_str() {
            "absolute" => false,
            "relative" => true,
            other => {
                return Err(error(
                    Some(style.span()),
                    format!("unknown date_style '{other}' (absolute or relative)"),
                ));
            }
        };
    }
    if let Some(format) = raw.list.date_format {
        let sample = jiff::civil::date(2014, 12, 31);
        match crate::article::date::format(sample, format.get_ref()) {
            // The list draws what it writes: nothing in it may steer the terminal.
            Ok(written)
                if written
                    .chars()
                    .any(|c| c.is_control() || is_invisible_or_control(c)) =>
            {
                return Err(error(
                    Some(format.span()),
                    format!(
                        "date_format '{}' writes control characters",
                        format.get_ref()
                    ),
                ));
            }
            Ok(written) if !written.trim().is_empty() && written.chars().count() <= 40 => {
                settings.date_format = Some(format.into_inner());
            }
            Ok(_) => {
                return Err(error(
                    Some(format.span()),
                    format!("date_format '{}' writes no usable date", format.get_ref()),
                ));
            }
            Err(why) => {
                return Err(error(
                    Some(format.span()),
                    format!("date_format '{}' cannot be used: {why}", format.get_ref()),
                ));
            }
        }
    }
    if let Some(arrangement) = raw.layout.arrangement {
        settings.split.arrangement =
            Arrangement::from_name(arrangement.get_ref()).ok_or_else(|| {
                error(
                    Some(arrangement.span()),
                    format!(
                        "unknown arrangement '{}' (auto, side-by-side or stacked)",
                        arrangement.get_ref()
                    ),
                )
            })?;
    }
    if let Some(percent) = raw.layout.list_percent {
        let value = *percent.get_ref();
        if !(Split::MIN_PERCENT as i64..=Split::MAX_PERCENT as i64).contains(&value) {
            return Err(error(
                Some(percent.span()),
                format!(
                    "list_percent {value} is out of range ({} to {})",
                    Split::MIN_PERCENT,
                    Split::MAX_PERCENT
                ),
            ));
        }
        settings.split.list_percent = Some(value as u16);
    }
    settings.mouse = raw.layout.mouse.unwrap_or(true);
    // Keys: each bound on top of the defaults; two spellings of one key are ambiguous.
    let mut seen: Vec<(
        (crossterm::event::KeyCode, crossterm::event::KeyModifiers),
        String,
    )> = Vec::new();
    // The last key the config took from quitting, to blame if none is left.
    let mut took_quit: Option<Spanned<String>> = None;
    let mut keys: Vec<_> = raw.keys.into_iter().collect();
    keys.sort_by_key(|(key, _)| key.span().start);
    for (key, action) in keys {
        let parsed = keys::parse_key(key.get_ref()).map_err(|m| error(Some(key.span()), m))?;
        if let Some((_, earlier)) = seen.iter().find(|(k, _)| *k == parsed) {
            return Err(error(
                Some(key.span()),
                format!(
                    "key '{}' is the same key as '{earlier}', bound twice",
                    key.get_ref()
                ),
            ));
        }
        seen.push((parsed, key.get_ref().clone()));
        let named = action_named(action.get_ref()).ok_or_else(|| {
            error(
                Some(action.span()),
                format!("unknown action '{}'", action.get_ref()),
            )
        })?;
        if keys::always_quits(parsed.0, parsed.1) && named != Action::Quit {
            return Err(error(
                Some(key.span()),
                format!(
                    "Ctrl-c always quits: bind another key to '{}'",
                    action.get_ref()
                ),
            ));
        }
        let press = crossterm::event::KeyEvent::new(parsed.0, parsed.1);
        let quit_here = [Mode::List, Mode::Reader]
            .into_iter()
            .any(|mode| settings.keymap.action_for(mode, press) == Some(Action::Quit));
        if quit_here && named != Action::Quit {
            took_quit = Some(key.clone());
        }
        settings.keymap.bind(parsed.0, parsed.1, named);
    }
    // Ctrl-c always quits, but a screen whose hints name only Ctrl-c is one a config locked
    // by mistake: the panes keep a key of their own.
    let locked = [Mode::List, Mode::Reader]
        .into_iter()
        .any(|mode| !settings.keymap.quits_without_ctrl_c(mode));
    if locked {
        let (span, last) = took_quit.map_or((None, String::new()), |k| {
            (Some(k.span()), format!(": '{}' was the last", k.get_ref()))
        });
        return Err(error(
            span,
            format!(
                "no key but Ctrl-c would quit{last}; bind another one to quit (\"x\" = \"quit\")"
            ),
        ));
    }
    Ok(settings)
}

/// The action a config names (`select_next`, `toggle_star`…); not the ones keys cannot take.
fn action_named(name: &str) -> Option<Action> {
    let action: Action =
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()?;
    (!matches!(action, Action::FilterInput(_))).then_some(action)
}

/// The line (from 1) of byte `at` in `source`.
pub(crate) fn line_of(source: &str, at: usize) -> usize {
    source[..at.min(source.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;

    /// The built-in themes' names.
    fn builtin() -> Vec<String> {
        theme::names(None).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn the_default_config_parses_to_the_defaults() {
        let settings = parse("default.toml", DEFAULT_CONFIG, &builtin()).unwrap();
        assert_eq!(settings, Settings::default());
    }

    #[test]
    fn every_setting_takes_effect() {
        let settings = parse(
            "config.toml",
            r#"
theme = "gruvbox-dark"
restore_session = false

[library]
paths = ["/news", "/archive"]
footers = ["Read more at Example Gazette."]

[reading]
measure = 66
justify = true
hyphenate = true
mark_read = "never"
skip_read = true

[list]
sort = "title"
date_format = "%d %b %Y"
date_style = "relative"
columns = ["source", "date", "tags"]
group = "source"

[layout]
arrangement = "stacked"
list_percent = 30
mouse = false

[keys]
"ctrl-j" = "select_next"
"shift-tab" = "toggle_focus"
"x" = "toggle_star"
"#,
            &builtin(),
        )
        .unwrap();
        assert_eq!(settings.theme, "gruvbox-dark");
        assert_eq!(settings.library.len(), 2);
        assert_eq!(settings.footers, ["Read more at Example Gazette."]);
        assert_eq!(
            settings.typesetting,
            Typesetting {
                measure: 66,
                justify: true,
                hyphenate: true
            }
        );
        assert_eq!(settings.mark_read, MarkRead::Never);
        assert!(settings.skip_read);
        assert!(!settings.restore_session);
        assert_eq!(settings.sort, Sort::Title);
        assert_eq!(settings.date_format.as_deref(), Some("%d %b %Y"));
        assert!(settings.relative_dates);
        assert_eq!(settings.grouping, Grouping::Source);
        assert_eq!(
            settings.list_columns,
            [ListColumn::Source, ListColumn::Date, ListColumn::Tags]
        );
        assert_eq!(settings.split.arrangement, Arrangement::Stacked);
        assert_eq!(settings.split.list_percent, Some(30));
        assert!(!settings.mouse);
        let keys = &settings.keymap;
        let press = |code, modifiers| KeyEvent::new(code, modifiers);
        assert_eq!(
            keys.action_for(Mode::List, press(KeyCode::Char('j'), KeyModifiers::CONTROL)),
            Some(Action::SelectNext)
        );
        assert_eq!(
            keys.action_for(Mode::List, press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::ToggleFocus)
        );
        assert_eq!(
            keys.action_for(Mode::Reader, press(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::ToggleStar)
        );
        // The defaults still stand beside the new keys, and the help lists both.
        assert_eq!(
            keys.action_for(Mode::List, press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::SelectNext)
        );
        assert!(
            keys.help_rows(Mode::List)
                .iter()
                .any(|(k, _)| k.contains("Ctrl-j"))
        );
    }

    #[test]
    fn plain_letters_stay_typeable_and_keys_read_as_terminals_send_them() {
        let settings = parse(
            "c.toml",
            "[keys]\n\"q\" = \"quit\"\n\"j\" = \"select_next\"\n\"shift-a\" = \"toggle_star\"\n\"ctrl-m\" = \"focus_reader\"\n",
            &builtin(),
        )
        .unwrap();
        let keys = &settings.keymap;
        let press = |c, m| KeyEvent::new(KeyCode::Char(c), m);
        // In the filter line q and j are still letters.
        assert_eq!(
            keys.action_for(Mode::Filter, press('q', KeyModifiers::NONE)),
            Some(Action::FilterInput('q'))
        );
        assert_eq!(
            keys.action_for(Mode::Filter, press('j', KeyModifiers::NONE)),
            Some(Action::FilterInput('j'))
        );
        assert_eq!(
            keys.action_for(Mode::List, press('q', KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        // shift-a is the A a terminal sends; a stays what it was.
        assert_eq!(
            keys.action_for(Mode::List, press('A', KeyModifiers::SHIFT)),
            Some(Action::ToggleStar)
        );
        assert_eq!(
            keys.action_for(Mode::List, press('a', KeyModifiers::NONE)),
            Some(Action::FilterByAuthor)
        );
        assert_eq!(
            keys.action_for(
                Mode::List,
                KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
            ),
            Some(Action::FocusReader)
        );
    }

    #[test]
    fn mistakes_name_the_file_line_and_value() {
        let cases = [
            ("theme = \"grene\"", 1, "unknown theme 'grene'"),
            ("\n[reading]\nmeasure = 5", 3, "measure 5 is out of range"),
            (
                "\n\n[reading]\nmeasure = \"wide\"",
                4,
                "measure: invalid type",
            ),
            (
                "[reading]\nskip_read = \"yes\"",
                2,
                "skip_read: invalid type",
            ),
            ("[list]\nsort = \"random\"", 2, "unknown sort 'random'"),
            (
                "[reading]\nmark_read = \"glance\"",
                2,
                "unknown mark_read 'glance' (open, preview or never)",
            ),
            (
                "[list]\ncolumns = [\"author\", \"words\"]",
                2,
                "unknown list column 'words' (author, date, source, tags; the title is always shown)",
            ),
            (
                "[list]\ngroup = \"week\"",
                2,
                "unknown group 'week' (none, day or source)",
            ),
            (
                "[list]\ndate_style = \"fuzzy\"",
                2,
                "unknown date_style 'fuzzy' (absolute or relative)",
            ),
            (
                "[list]\ndate_format = \"%Q\"",
                2,
                "date_format '%Q' cannot be used",
            ),
            (
                "[layout]\nlist_percent = 95",
                2,
                "list_percent 95 is out of range",
            ),
            (
                "[layout]\narrangement = \"diagonal\"",
                2,
                "unknown arrangement 'diagonal'",
            ),
            ("colour = \"red\"", 1, "unknown field `colour`"),
            ("[keys]\n\"ctrl-j\" = \"fly\"", 2, "unknown action 'fly'"),
            ("[keys]\n\"hyper-j\" = \"quit\"", 2, "unknown key 'hyper-j'"),
            (
                "[keys]\n\"ctrl-j\" = \"quit\"\n\"CTRL-j\" = \"quit\"",
                3,
                "bound twice",
            ),
            ("[reading\nmeasure = 60", 1, ""),
        ];
        for (source, line, message) in cases {
            let err = parse("config.toml", source, &builtin()).expect_err(source);
            assert_eq!(err.line, line, "{source}: {err}");
            assert!(err.message.contains(message), "{source}: {err}");
            assert!(
                err.to_string()
                    .starts_with(&format!("config.toml:{line}: ")),
                "{err}"
            );
        }
    }

    // A theme file or config passed around could print a clipboard write (OSC 52) or a bidi
    // override inside "unknown theme '…'": every value an error quotes is shown escaped.
    #[test]
    fn errors_show_hostile_values_escaped() {
        let osc = r"x\u001b]52;c;ZXZpbA==\u0007";
        let cases = [
            format!("theme = \"{osc}\""),
            format!("[list]\nsort = \"{osc}\""),
            format!("[reading]\nmark_read = \"{osc}\""),
            format!("[list]\ndate_format = \"%Q{osc}\""),
            "[list]\ndate_format = \"%Y\\u001b]0;title\\u0007\"".to_string(),
            format!("[layout]\narrangement = \"{osc}\""),
            format!("[list]\ncolumns = [\"{osc}\"]"),
            format!("[list]\ngroup = \"{osc}\""),
            format!("[keys]\n\"{osc}\" = \"quit\""),
            format!("[keys]\n\"x\" = \"{osc}\""),
            "[keys]\n\"\\u009b\" = \"quit\"".to_string(),
            "[keys]\n\"ctrl-\\u202e\" = \"quit\"\n\"CTRL-\\u202e\" = \"quit\"".to_string(),
            format!("\"col{osc}our\" = 1"),
            format!("[reading]\nmeasure = \"{osc}\""),
            "[list]\nsort = \"new\\u202eest\\u2066\\u0085\\u007f\\n\"".to_string(),
        ];
        for source in cases {
            let err =
                parse("con\u{1b}[31mfig\u{202e}.toml", &source, &builtin()).expect_err(&source);
            crate::config::assert_printable(&err.to_string());
        }
        let err = parse("c.toml", &format!("theme = \"{osc}\""), &builtin()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r"c.toml:1: unknown theme 'x\u{1b}]52;c;ZXZpbA==\u{7}' (byline themes lists them)"
        );
    }

    // `"q" = "select_next"` and `"ctrl-c" = "select_next"` left no way to quit.
    #[test]
    fn ctrl_c_always_quits_and_a_config_keeps_a_key_of_its_own_to_quit() {
        let err = |source: &str| parse("c.toml", source, &builtin()).unwrap_err().to_string();
        assert_eq!(
            err("[keys]\n\"q\" = \"select_next\"\n\"ctrl-c\" = \"select_next\""),
            "c.toml:3: Ctrl-c always quits: bind another key to 'select_next'"
        );
        assert_eq!(
            err("[keys]\n\"CTRL-C\" = \"toggle_star\""),
            "c.toml:2: Ctrl-c always quits: bind another key to 'toggle_star'"
        );
        assert!(
            err("[keys]\n\"x\" = \"toggle_star\"\n\"q\" = \"select_next\"")
                .starts_with("c.toml:3: no key but Ctrl-c would quit: 'q' was the last"),
        );
        let press = |code, modifiers| KeyEvent::new(code, modifiers);
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for source in [
            "[keys]\n\"q\" = \"select_next\"\n\"x\" = \"quit\"",
            "[keys]\n\"f10\" = \"quit\"\n\"q\" = \"select_next\"",
            "[keys]\n\"ctrl-c\" = \"quit\"",
        ] {
            let keys = parse("c.toml", source, &builtin()).expect(source).keymap;
            for mode in [Mode::List, Mode::Reader, Mode::Filter, Mode::Overlay] {
                assert_eq!(
                    keys.action_for(mode, ctrl_c),
                    Some(Action::Quit),
                    "{source}"
                );
            }
            for mode in [Mode::List, Mode::Reader] {
                assert!(keys.quits_without_ctrl_c(mode), "{source}");
            }
        }
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load(&dir.path().join("none.toml"), None).unwrap(),
            Settings::default()
        );
    }
}

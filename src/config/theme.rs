//! Themes: the styles the screen uses, named by meaning and read from TOML.
//!
//! The default theme is `themes/default.toml`, compiled into the binary, so byline looks the
//! same on a fresh machine as in development. A bad theme is an error that names the file, the
//! line and the value.

use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use serde::de::{self, Deserializer};

use crate::article::sanitize::printable;
use crate::config::settings::{line_of, located};

/// The built-in default theme's source.
pub const DEFAULT_THEME: &str = include_str!("../../themes/default.toml");

/// The themes compiled into byline: name and source. A user theme of the same name (in
/// `<config dir>/byline/themes/NAME.toml`) takes its place.
pub const BUILTIN: &[(&str, &str)] = &[
    ("default", DEFAULT_THEME),
    ("light", include_str!("../../themes/light.toml")),
    ("dark", include_str!("../../themes/dark.toml")),
    (
        "gruvbox-dark",
        include_str!("../../themes/gruvbox-dark.toml"),
    ),
    (
        "solarized-light",
        include_str!("../../themes/solarized-light.toml"),
    ),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// A theme that could not be found or read. Names and paths are shown [`printable`]: a theme's
/// name comes from a config or a file name, and themes are passed around.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("no theme named '{}' (there are: {})", printable(.name), printable(.known))]
    Unknown { name: String, known: String },
    #[error("{}: is a folder, not a file", printable(.path))]
    Folder { path: String },
    #[error("{}: {source}", printable(.path))]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Bad(#[from] ThemeError),
}

/// Every theme there is: the builtins, and the user's `.toml` files in `user_dir`, by name.
pub fn names(user_dir: Option<&Path>) -> Vec<(String, &'static str)> {
    let mut all: Vec<(String, &'static str)> = BUILTIN
        .iter()
        .map(|(name, _)| (name.to_string(), "built in"))
        .collect();
    let user = user_dir
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            (path.extension()? == "toml").then(|| path.file_stem()?.to_str().map(str::to_string))?
        });
    for name in user {
        match all.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = "yours, over the built-in one",
            None => all.push((name, "yours")),
        }
    }
    all
}

/// The theme called `name`: the user's file of that name if there is one, else the builtin.
pub fn load(name: &str, user_dir: Option<&Path>) -> Result<Theme, LoadError> {
    let user = user_dir.map(|d| d.join(format!("{name}.toml")));
    if let Some(path) = user.as_ref().filter(|p| p.is_dir()) {
        // Listed by `byline themes` (its name ends in .toml), so it must not quietly fall back.
        return Err(LoadError::Folder {
            path: path.display().to_string(),
        });
    }
    if let Some(path) = user
        && path.is_file()
    {
        let source = std::fs::read_to_string(&path).map_err(|source| LoadError::Unreadable {
            path: path.display().to_string(),
            source,
        })?;
        return Ok(Theme::parse(&path.display().to_string(), &source)?);
    }
    match BUILTIN.iter().find(|(n, _)| *n == name) {
        Some((n, source)) => Ok(Theme::parse(&format!("themes/{n}.toml"), source)?),
        None => Err(LoadError::Unknown {
            name: name.to_string(),
            known: names(user_dir)
                .into_iter()
                .map(|(n, _)| n)
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    /// 24-bit colour: `#rrggbb` as written.
    TrueColor,
    /// The xterm 256-colour palette.
    Ansi256,
    /// The 16 ANSI colours only.
    Ansi16,
}

impl ColorDepth {
    /// From `COLORTERM` and `TERM`, as terminals announce themselves.
    pub fn detect(colorterm: Option<&str>, term: Option<&str>) -> Self {
        let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
        let term = term.unwrap_or_default().to_ascii_lowercase();
        if colorterm.contains("truecolor") || colorterm.contains("24bit") || term.contains("direct")
        {
            ColorDepth::TrueColor
        } else if term.contains("256") {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        }
    }
}

/// A theme file that could not be used: `file:line: message`, as a config error is shown
/// (values it quotes written [`printable`]; themes are shared between people).
#[derive(Debug, thiserror::Error)]
pub struct ThemeError {
    pub file: String,
    /// The line to blame, from 1; 0 for the file as a whole.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        located(f, &self.file, self.line, &self.message)
    }
}

/// Every style byline draws with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub list_row: StyleSpec,
    pub list_author: StyleSpec,
    pub list_date: StyleSpec,
    pub list_selected: StyleSpec,
    pub list_selected_unfocused: StyleSpec,
    pub match_highlight: StyleSpec,
    /// The marks beside unread and starred articles in the list.
    pub unread_mark: StyleSpec,
    pub star_mark: StyleSpec,
    /// A place a search inside the article found, and the one `n` and `N` are at.
    pub search_hit: StyleSpec,
    pub search_current: StyleSpec,
    pub reader_title: StyleSpec,
    pub reader_meta: StyleSpec,
    pub reader_heading: StyleSpec,
    pub body: StyleSpec,
    pub emphasis: StyleSpec,
    pub strong: StyleSpec,
    pub code: StyleSpec,
    pub link: StyleSpec,
    pub quote: StyleSpec,
    pub marker: StyleSpec,
    pub border: StyleSpec,
    pub border_focused: StyleSpec,
    pub pane_title: StyleSpec,
    pub filter_prompt: StyleSpec,
    pub filter_text: StyleSpec,
    pub filter_placeholder: StyleSpec,
    /// The part of the filter line that does not parse.
    pub filter_error: StyleSpec,
    pub status_bar: StyleSpec,
    pub status_key: StyleSpec,
    pub status_warning: StyleSpec,
    pub notice: StyleSpec,
    pub help_key: StyleSpec,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    styles: Theme,
}

impl Theme {
    /// Parses a theme; `file` names it in errors.
    pub fn parse(file: &str, source: &str) -> Result<Self, ThemeError> {
        toml::from_str::<ThemeFile>(source)
            .map(|f| f.styles)
            .map_err(|err| ThemeError {
                file: file.to_string(),
                line: err.span().map_or(0, |s| line_of(source, s.start)),
                message: err.message().to_string(),
            })
    }

    /// The built-in default theme.
    pub fn builtin_default() -> Self {
        // The shipped file is checked by a test, so this cannot fail at run time.
        Self::parse("themes/default.toml", DEFAULT_THEME).unwrap_or_default()
    }

    /// Every style, to change them all alike.
    fn styles_mut(&mut self) -> [&mut StyleSpec; 32] {
        [
            &mut self.list_row,
            &mut self.list_author,
            &mut self.list_date,
            &mut self.list_selected,
            &mut self.list_selected_unfocused,
            &mut self.match_highlight,
            &mut self.unread_mark,
            &mut self.star_mark,
            &mut self.search_hit,
            &mut self.search_current,
            &mut self.reader_title,
            &mut self.reader_meta,
            &mut self.reader_heading,
            &mut self.body,
            &mut self.emphasis,
            &mut self.strong,
            &mut self.code,
            &mut self.link,
            &mut self.quote,
            &mut self.marker,
            &mut self.border,
            &mut self.border_focused,
            &mut self.pane_title,
            &mut self.filter_prompt,
            &mut self.filter_text,
            &mut self.filter_placeholder,
            &mut self.filter_error,
            &mut self.status_bar,
            &mut self.status_key,
            &mut self.status_warning,
            &mut self.notice,
            &mut self.help_key,
        ]
    }

    /// The theme with each colour the nearest the terminal can show.
    pub fn for_depth(mut self, depth: ColorDepth) -> Self {
        if depth == ColorDepth::TrueColor {
            return self;
        }
        for spec in self.styles_mut() {
            let style = &mut spec.0;
            style.fg = style.fg.map(|c| nearest(c, depth));
            style.bg = style.bg.map(|c| nearest(c, depth));
        }
        self
    }

    /// The border style of a pane, brighter when it has the focus.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused.0
        } else {
            self.border.0
        }
    }
}

/// A style as a theme file writes it: `{ fg = "cyan", modifiers = ["bold"] }`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StyleSpec(pub Style);

impl StyleSpec {
    pub fn style(self) -> Style {
        self.0
    }
}

impl<'de> Deserialize<'de> for StyleSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            fg: Option<ColorSpec>,
            bg: Option<ColorSpec>,
            #[serde(default)]
            modifiers: Vec<ModifierSpec>,
        }
        let raw = Raw::deserialize(deserializer)?;
        let mut style = Style::default();
        if let Some(ColorSpec(c)) = raw.fg {
            style = style.fg(c);
        }
        if let Some(ColorSpec(c)) = raw.bg {
            style = style.bg(c);
        }
        for ModifierSpec(m) in raw.modifiers {
            style = style.add_modifier(m);
        }
        Ok(StyleSpec(style))
    }
}

/// The 16 ANSI colours and the RGB xterm gives them by default.
const ANSI: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// The levels of the 6x6x6 cube of the 256-colour palette.
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The RGB of a palette index.
fn indexed_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI[usize::from(i)].1,
        16..=231 => {
            let i = i - 16;
            (
                CUBE[usize::from(i / 36)],
                CUBE[usize::from(i / 6 % 6)],
                CUBE[usize::from(i % 6)],
            )
        }
        _ => {
            let level = 8 + 10 * (i - 232);
            (level, level, level)
        }
    }
}

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2) as u32;
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

/// The colour nearest `color` that a terminal of `depth` shows.
fn nearest(color: Color, depth: ColorDepth) -> Color {
    let rgb = match color {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) if depth == ColorDepth::Ansi16 && i > 15 => indexed_rgb(i),
        Color::Indexed(i) if i <= 15 => return ANSI[usize::from(i)].0,
        other => return other,
    };
    match depth {
        ColorDepth::TrueColor => color,
        ColorDepth::Ansi256 => {
            let best = (16..=255u8)
                .min_by_key(|&i| distance(indexed_rgb(i), rgb))
                .unwrap_or(16);
            Color::Indexed(best)
        }
        ColorDepth::Ansi16 => ANSI
            .iter()
            .min_by_key(|(_, c)| distance(*c, rgb))
            .map_or(color, |(c, _)| *c),
    }
}

struct ColorSpec(Color);

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Color::from_str(&text)
            .map(ColorSpec)
            .map_err(|_| de::Error::custom(format!("unknown colour '{text}'")))
    }
}

struct ModifierSpec(Modifier);

impl<'de> Deserialize<'de> for ModifierSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let modifier = match text.as_str() {
            "bold" => Modifier::BOLD,
            "dim" => Modifier::DIM,
            "italic" => Modifier::ITALIC,
            "underlined" => Modifier::UNDERLINED,
            "reversed" => Modifier::REVERSED,
            "crossed_out" => Modifier::CROSSED_OUT,
            _ => return Err(de::Error::custom(format!("unknown modifier '{text}'"))),
        };
        Ok(ModifierSpec(modifier))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_parses_and_differs() {
        let mut seen = Vec::new();
        for (name, source) in BUILTIN {
            let theme = Theme::parse(name, source).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!seen.contains(&theme), "{name} is a copy");
            seen.push(theme);
        }
        let mono = load("mono", None).unwrap();
        let mut mono = mono;
        for spec in mono.styles_mut() {
            assert!(
                spec.0.fg.is_none() && spec.0.bg.is_none(),
                "mono has no colour"
            );
        }
    }

    #[test]
    fn a_user_theme_overrides_a_builtin_of_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let mine = DEFAULT_THEME.replace(
            r#"list_author = { fg = "cyan" }"#,
            r#"list_author = { fg = "red" }"#,
        );
        std::fs::write(dir.path().join("dark.toml"), mine).unwrap();
        std::fs::write(dir.path().join("mine.toml"), DEFAULT_THEME).unwrap();
        let dark = load("dark", Some(dir.path())).unwrap();
        assert_eq!(dark.list_author.style().fg, Some(Color::Red));
        assert!(load("mine", Some(dir.path())).is_ok());
        let err = load("nope", Some(dir.path())).unwrap_err().to_string();
        assert!(
            err.contains("no theme named 'nope'") && err.contains("mine"),
            "{err}"
        );
        let listed = names(Some(dir.path()));
        assert!(listed.contains(&("dark".to_string(), "yours, over the built-in one")));
        assert!(listed.contains(&("mine".to_string(), "yours")));
    }

    #[test]
    fn a_theme_that_is_a_folder_says_so() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("dusk.toml")).unwrap();
        std::fs::create_dir(dir.path().join("dark.toml")).unwrap();
        for name in ["dusk", "dark"] {
            let err = load(name, Some(dir.path())).unwrap_err().to_string();
            assert!(
                err.ends_with(&format!("{name}.toml: is a folder, not a file")),
                "{err}"
            );
        }
    }

    #[test]
    fn colours_come_down_to_what_the_terminal_shows() {
        assert_eq!(
            ColorDepth::detect(Some("truecolor"), Some("xterm")),
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorDepth::detect(None, Some("xterm-256color")),
            ColorDepth::Ansi256
        );
        assert_eq!(ColorDepth::detect(None, Some("screen")), ColorDepth::Ansi16);
        assert_eq!(ColorDepth::detect(None, None), ColorDepth::Ansi16);
        assert_eq!(
            nearest(Color::Rgb(0xfb, 0x49, 0x34), ColorDepth::Ansi16),
            Color::LightRed
        );
        assert_eq!(
            nearest(Color::Rgb(0, 95, 135), ColorDepth::Ansi256),
            Color::Indexed(24)
        );
        assert_eq!(
            nearest(Color::Rgb(8, 8, 8), ColorDepth::Ansi256),
            Color::Indexed(232)
        );
        assert_eq!(
            nearest(Color::Indexed(208), ColorDepth::Ansi16),
            Color::Yellow
        );
        assert_eq!(nearest(Color::Cyan, ColorDepth::Ansi16), Color::Cyan);
        let gruvbox = load("gruvbox-dark", None)
            .unwrap()
            .for_depth(ColorDepth::Ansi16);
        let mut gruvbox = gruvbox;
        for spec in gruvbox.styles_mut() {
            for c in [spec.0.fg, spec.0.bg].into_iter().flatten() {
                assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(..)), "{c:?}");
            }
        }
    }

    #[test]
    fn the_shipped_default_theme_parses() {
        let theme = Theme::parse("themes/default.toml", DEFAULT_THEME).unwrap();
        assert_eq!(
            theme.list_selected.style(),
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        );
        assert_ne!(theme, Theme::default());
    }

    #[test]
    fn a_bad_colour_names_the_file_line_and_value() {
        let source = DEFAULT_THEME.replace(
            r#"list_author = { fg = "cyan" }"#,
            r#"list_author = { fg = "grene" }"#,
        );
        let line = source.lines().position(|l| l.contains("grene")).unwrap() + 1;
        let message = Theme::parse("mine.toml", &source).unwrap_err().to_string();
        assert_eq!(message, format!("mine.toml:{line}: unknown colour 'grene'"));
    }

    // Themes are shared between people: nothing a theme file holds may steer the terminal
    // from an error message, nor a theme's name or file name.
    #[test]
    fn errors_show_hostile_values_escaped() {
        let line = r#"list_author = { fg = "cyan" }"#;
        let osc = r"x\u001b]52;c;ZXZpbA==\u0007";
        let cases = [
            format!(r#"list_author = {{ fg = "{osc}" }}"#),
            format!(r#"list_author = {{ bg = "{osc}" }}"#),
            format!(r#"list_author = {{ modifiers = ["bold\u009b2J{osc}"] }}"#),
            format!(r#"list_author = {{ fg = "cyan" }}\n"spark{osc}le" = {{}}"#),
            format!(r#"list_author = {{ fg = "cyan", "und{osc}" = "x" }}"#),
            // Raw (unescaped) bidi and C1 characters are legal in TOML strings.
            "list_author = { fg = \"gre\u{202e}ne\u{9b}\u{2066}\" }".to_string(),
        ];
        for case in cases {
            let source = DEFAULT_THEME.replace(line, &case);
            assert_ne!(source, DEFAULT_THEME);
            let err = Theme::parse("th\u{1b}]0;x\u{7}eme.toml", &source).expect_err(&case);
            crate::config::assert_printable(&err.to_string());
        }
        let err = load("x\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}", None).unwrap_err();
        crate::config::assert_printable(&err.to_string());
        assert!(err.to_string().contains(r"x\u{1b}]52"), "{err}");
        let err = LoadError::Unreadable {
            path: "dusk\u{1b}[2J.toml".to_string(),
            source: std::io::Error::other("denied"),
        };
        crate::config::assert_printable(&err.to_string());
    }

    #[test]
    fn colours_as_names_indexes_and_hex() {
        let source = DEFAULT_THEME.replace(
            r#"list_author = { fg = "cyan" }"#,
            r##"list_author = { fg = "#ff8800", bg = "208" }"##,
        );
        let theme = Theme::parse("t.toml", &source).unwrap();
        assert_eq!(
            theme.list_author.style(),
            Style::new()
                .fg(Color::Rgb(255, 136, 0))
                .bg(Color::Indexed(208))
        );
    }

    #[test]
    fn unknown_and_missing_styles_are_errors() {
        let extra = format!("{DEFAULT_THEME}\nsparkle = {{}}\n");
        assert!(
            Theme::parse("t.toml", &extra)
                .unwrap_err()
                .to_string()
                .contains("sparkle")
        );
        let missing = DEFAULT_THEME.replace("help_key = ", "# help_key = ");
        assert!(
            Theme::parse("t.toml", &missing)
                .unwrap_err()
                .to_string()
                .contains("help_key")
        );
    }
}

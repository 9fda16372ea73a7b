//! Themes: the styles the screen uses, named by meaning and read from TOML.
//!
//! The default theme is `themes/default.toml`, compiled into the binary, so byline looks the
//! same on a fresh machine as in development. A bad theme is an error that names the file, the
//! line and the value.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use serde::de::{self, Deserializer};

/// The built-in default theme's source.
pub const DEFAULT_THEME: &str = include_str!("../themes/default.toml");

/// A theme file that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {source}")]
pub struct ThemeError {
    pub file: String,
    #[source]
    pub source: toml::de::Error,
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
            .map_err(|source| ThemeError {
                file: file.to_string(),
                source,
            })
    }

    /// The built-in default theme.
    pub fn builtin_default() -> Self {
        // The shipped file is checked by a test, so this cannot fail at run time.
        Self::parse("themes/default.toml", DEFAULT_THEME).unwrap_or_default()
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
        assert!(message.starts_with("mine.toml: "), "{message}");
        assert!(message.contains(&format!("line {line}")), "{message}");
        assert!(message.contains("unknown colour 'grene'"), "{message}");
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

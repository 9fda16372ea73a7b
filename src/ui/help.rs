//! The help overlay: every key binding, generated from the key map so it is never out of date.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{centered, overlay_frame};
use crate::action::Mode;
use crate::app::App;
use crate::config::keys::Keymap;
use crate::config::theme::Theme;
use crate::layout;
use crate::{query, reading};

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let keys = app.keymap();
    let syntax = syntax(theme, area.width);
    let columns: Vec<Vec<Line>> = layout::help_columns(area.width)
        .iter()
        .map(|modes| column(keys, theme, modes))
        .collect();
    let lines = layout::help_lines(area.width, |mode| keys.help_rows(mode).len());
    let width = layout::help_width(area.width);
    let popup = centered(
        area,
        width,
        u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2),
    );
    let (block, scroll) =
        overlay_frame(app, "Keys", popup, lines, app.overlay_scroll(), theme, buf);
    let inner = block.inner(popup);
    block.render(popup, buf);
    // The syntax summary and the key columns scroll together, as one page.
    let above = u16::try_from(syntax.len()).unwrap_or(u16::MAX);
    let shown = above.saturating_sub(scroll).min(inner.height);
    let [top, rest] =
        Layout::vertical([Constraint::Length(shown), Constraint::Fill(1)]).areas(inner);
    Paragraph::new(syntax).scroll((scroll, 0)).render(top, buf);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns.len()])
        .spacing(2)
        .split(rest);
    for (lines, area) in columns.into_iter().zip(areas.iter()) {
        Paragraph::new(lines)
            .scroll((scroll.saturating_sub(above), 0))
            .render(*area, buf);
    }
}

/// The columns of the query syntax summary, in characters: an example, what it does.
const EXAMPLE_WIDTH: usize = 13;
const WHAT_WIDTH: usize = 15;

/// The query syntax summary (examples and what they do, several to a line on wide screens),
/// then how the reading pane shows tables, notes and images.
fn syntax(theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let per_line = layout::syntax_per_line(width);
    let mut lines = vec![Line::styled(
        "Filter syntax (more in docs/query.md)",
        theme.pane_title.style(),
    )];
    for row in query::SYNTAX.chunks(per_line) {
        let mut spans = Vec::new();
        for (example, what) in row {
            spans.push(Span::styled(
                format!("{example:<EXAMPLE_WIDTH$}"),
                theme.help_key.style(),
            ));
            spans.push(Span::raw(format!("{what:<WHAT_WIDTH$}")));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "In the reading pane",
        theme.pane_title.style(),
    ));
    if layout::showing_lines(width) == 1 {
        lines.push(Line::raw(reading::HOW_IT_SHOWS.join(" · ")));
    } else {
        lines.extend(reading::HOW_IT_SHOWS.iter().map(|l| Line::raw(*l)));
    }
    lines.push(Line::default());
    debug_assert_eq!(lines.len(), layout::syntax_lines(width));
    lines
}

/// One help column: a title per mode, a line per action with all its keys.
fn column(keys: &Keymap, theme: &Theme, modes: &[Mode]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for &mode in modes {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(mode.title(), theme.pane_title.style()));
        let rows = keys.help_rows(mode);
        // A mode's keys line up in a column as wide as its longest, within reason.
        let keys_width = rows
            .iter()
            .map(|(keys, _)| keys.chars().count() + 2)
            .max()
            .unwrap_or(0)
            .clamp(8, 18);
        for (keys, what) in rows {
            // Keys longer than the column still leave a space before what they do.
            let width = keys_width.max(keys.chars().count() + 1);
            lines.push(Line::from(vec![
                Span::styled(format!("{keys:<width$}"), theme.help_key.style()),
                Span::raw(what),
            ]));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_syntax_example_leaves_a_space_before_the_next() {
        // "after June 2014" filled its column and ran into the next example on wide screens.
        for (example, what) in query::SYNTAX {
            assert!(example.chars().count() < EXAMPLE_WIDTH, "{example}");
            assert!(what.chars().count() < WHAT_WIDTH, "{what}");
        }
        // The overlay's narrowest inside is 42 columns; joined, they fit the widest's 130.
        for line in reading::HOW_IT_SHOWS {
            assert!(line.chars().count() <= 42, "{line}");
        }
        assert!(reading::HOW_IT_SHOWS.join(" · ").chars().count() <= 130);
    }
}

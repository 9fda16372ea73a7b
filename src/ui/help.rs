//! The help overlay: every key binding, generated from the key map so it is never out of date.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{centered, overlay_frame};
use crate::keymap::{self, Mode};
use crate::theme::Theme;

pub fn render(theme: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let columns: Vec<Vec<Line>> = keymap::help_columns(area.width)
        .iter()
        .map(|modes| column(theme, modes))
        .collect();
    let lines = columns.iter().map(Vec::len).max().unwrap_or(0);
    let width = keymap::help_width(area.width);
    let popup = centered(
        area,
        width,
        u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2),
    );
    let (block, scroll) = overlay_frame("Keys", popup, lines, scroll, theme, buf);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns.len()])
        .spacing(2)
        .split(inner);
    for (lines, area) in columns.into_iter().zip(areas.iter()) {
        Paragraph::new(lines).scroll((scroll, 0)).render(*area, buf);
    }
}

/// One help column: a title per mode, a line per action with all its keys.
fn column(theme: &Theme, modes: &[Mode]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for &mode in modes {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(mode.title(), theme.pane_title.style()));
        for (keys, what) in keymap::help_rows(mode) {
            lines.push(Line::from(vec![
                Span::styled(format!("{keys:<14}"), theme.help_key.style()),
                Span::raw(what),
            ]));
        }
    }
    lines
}

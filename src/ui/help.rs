//! The help overlay: every key binding, generated from the key map so it is never out of date.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::{centered, clear_popup};
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
    let visible = popup.height.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.saturating_sub(visible));
    let title = if lines > visible {
        " Keys · j/k scroll · other keys close "
    } else {
        " Keys · any key closes "
    };
    clear_popup(popup, buf);
    let block = Block::bordered()
        .border_style(theme.border_focused.style())
        .title(Span::styled(title, theme.pane_title.style()));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns.len()])
        .spacing(2)
        .split(inner);
    for (lines, area) in columns.into_iter().zip(areas.iter()) {
        Paragraph::new(lines)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .render(*area, buf);
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

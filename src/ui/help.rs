//! The help overlay: every key binding, generated from the key map so it is never out of date.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::centered;
use crate::app::Action;
use crate::keymap::{self, BINDINGS, Mode};
use crate::theme::Theme;

pub fn render(theme: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    const TWO_COLUMNS: u16 = 88;
    let columns = if area.width >= TWO_COLUMNS {
        vec![
            column(theme, &[Mode::List, Mode::Anywhere]),
            column(theme, &[Mode::Reader, Mode::Filter]),
        ]
    } else {
        vec![column(
            theme,
            &[Mode::List, Mode::Reader, Mode::Filter, Mode::Anywhere],
        )]
    };
    let lines = columns.iter().map(Vec::len).max().unwrap_or(0);
    let width = if columns.len() == 2 { TWO_COLUMNS } else { 44 };
    let popup = centered(area, width, lines as u16 + 2);
    let visible = popup.height.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.saturating_sub(visible));
    let title = if lines > visible {
        " Keys · j/k scroll · other keys close "
    } else {
        " Keys · any key closes "
    };
    Clear.render(popup, buf);
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
            .scroll((scroll as u16, 0))
            .render(*area, buf);
    }
}

/// The bindings of `modes`, one line per action with all its keys.
fn column(theme: &Theme, modes: &[Mode]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for &mode in modes {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(mode.title(), theme.pane_title.style()));
        let mut actions: Vec<Action> = Vec::new();
        for b in BINDINGS.iter().filter(|b| b.mode == mode) {
            if !actions.contains(&b.action) {
                actions.push(b.action);
            }
        }
        for action in actions {
            let keys: Vec<String> = BINDINGS
                .iter()
                .filter(|b| b.mode == mode && b.action == action)
                .map(|b| keymap::label(b.code, b.modifiers))
                .collect();
            lines.push(Line::from(vec![
                Span::styled(format!("{:<14}", keys.join(" ")), theme.help_key.style()),
                Span::raw(action.describe()),
            ]));
        }
    }
    if modes.contains(&Mode::Filter) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<14}", "text"), theme.help_key.style()),
            Span::raw("type to filter"),
        ]));
    }
    lines
}

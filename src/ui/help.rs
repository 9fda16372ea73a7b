//! The help overlay: every key binding, generated from the key map so it is never out of date.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::app::Action;
use crate::keymap::{self, BINDINGS, Mode};
use crate::theme::Theme;

pub fn render(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let left = column(theme, &[Mode::List, Mode::Anywhere]);
    let right = column(theme, &[Mode::Reader, Mode::Filter]);
    let height = (left.len().max(right.len()) + 2) as u16;
    let width = 88.min(area.width);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height: height.min(area.height),
    };
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_style(theme.border_focused.style())
        .title(Span::styled(
            " Keys · any key closes ",
            theme.pane_title.style(),
        ));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let [l, r] = Layout::horizontal([Constraint::Percentage(50); 2])
        .spacing(2)
        .areas(inner);
    Paragraph::new(left).render(l, buf);
    Paragraph::new(right).render(r, buf);
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

//! The problems overlay: every file byline could not use, with its one-line reason.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::centered;
use crate::app::App;
use crate::theme::Theme;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let problems = &app.library().problems;
    let lines: Vec<Line> = if problems.is_empty() {
        vec![Line::styled(
            "No problems: every article file was read.",
            theme.notice.style(),
        )]
    } else {
        problems
            .iter()
            .map(|p| {
                Line::from(vec![
                    Span::styled(p.path.display().to_string(), theme.help_key.style()),
                    Span::raw(format!(": {}", p.reason)),
                ])
            })
            .collect()
    };
    let popup = centered(
        area,
        area.width.saturating_sub(4).max(1),
        lines.len() as u16 + 2,
    );
    let visible = popup.height.saturating_sub(2) as usize;
    let scroll = app
        .overlay_scroll()
        .min(lines.len().saturating_sub(visible));
    let count = problems.len();
    let title = format!(
        " {count} problem{} · {} ",
        if count == 1 { "" } else { "s" },
        if lines.len() > visible {
            "j/k scroll · other keys close"
        } else {
            "any key closes"
        }
    );
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_style(theme.border_focused.style())
        .title(Span::styled(title, theme.pane_title.style()));
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll as u16, 0))
        .render(popup, buf);
}

//! The problems overlay: every file byline could not use, with its one-line reason.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{centered, overlay_frame};
use crate::app::{App, NO_PROBLEMS};
use crate::article::sanitize::display_path;
use crate::config::theme::Theme;
use crate::layout;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let problems = &app.library().problems;
    let lines: Vec<Line> = if problems.is_empty() {
        vec![Line::styled(NO_PROBLEMS, theme.notice.style())]
    } else {
        problems
            .iter()
            .map(|p| {
                let path = app.library().shown_path(&p.path);
                Line::from(vec![
                    Span::styled(display_path(path), theme.help_key.style()),
                    Span::raw(format!(": {}", p.reason)),
                ])
            })
            .collect()
    };
    let width = layout::problems_width(area.width);
    let rows = layout::problems_rows(area.width, lines.iter().map(Line::width));
    let popup = centered(
        area,
        width,
        u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2),
    );
    let count = problems.len();
    let name = format!("{count} problem{}", if count == 1 { "" } else { "s" });
    let (block, scroll) = overlay_frame(app, &name, popup, rows, app.overlay_scroll(), theme, buf);
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(popup, buf);
}

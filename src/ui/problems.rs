//! The problems overlay: every file byline could not use, with its one-line reason.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{centered, overlay_frame};
use crate::app::App;
use crate::article::sanitize::display_path;
use crate::config::theme::Theme;
use crate::library::Origin;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let problems = &app.library().problems;
    let lines: Vec<Line> = if problems.is_empty() {
        vec![Line::styled(
            "No problems: every article file was read.",
            theme.notice.style(),
        )]
    } else {
        // Paths inside a library folder are shown from that folder down, to leave room.
        let roots: &[std::path::PathBuf] = match &app.library().origin {
            Origin::Folders(roots) => roots,
            Origin::Sample { .. } => &[],
        };
        problems
            .iter()
            .map(|p| {
                let path = roots
                    .iter()
                    .find_map(|r| {
                        p.path
                            .strip_prefix(r)
                            .ok()
                            .filter(|s| !s.as_os_str().is_empty())
                    })
                    .unwrap_or(&p.path);
                Line::from(vec![
                    Span::styled(display_path(path), theme.help_key.style()),
                    Span::raw(format!(": {}", p.reason)),
                ])
            })
            .collect()
    };
    let width = area.width.saturating_sub(4).max(1);
    // Rows the lines take once wrapped inside the border.
    let inner = width.saturating_sub(2).max(1) as usize;
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let popup = centered(
        area,
        width,
        u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2),
    );
    let count = problems.len();
    let name = format!("{count} problem{}", if count == 1 { "" } else { "s" });
    let (block, scroll) = overlay_frame(&name, popup, rows, app.overlay_scroll(), theme, buf);
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(popup, buf);
}

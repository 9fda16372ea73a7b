//! Drawing: a pure function of the app state and the theme onto a frame.
//!
//! Nothing here changes state or reads files. Each pane has its own module; this one lays them
//! out and draws the overlay on top.

mod help;
mod list;
mod reader;
mod status;
mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::App;
use crate::layout::Panes;
use crate::theme::Theme;

/// Draws the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let Some(panes) = Panes::new(area) else {
        render_too_small(theme, area, frame);
        return;
    };
    list::render(app, theme, panes.list, frame.buffer_mut());
    reader::render(app, theme, panes.reader, frame.buffer_mut());
    status::render_filter_line(app, theme, panes.filter, frame);
    status::render_status_bar(app, theme, panes.status, frame.buffer_mut());
    if app.help_visible() {
        help::render(theme, area, frame.buffer_mut());
    }
}

fn render_too_small(theme: &Theme, area: Rect, frame: &mut Frame) {
    let note = Paragraph::new("Terminal too small for byline. Enlarge it, or press q to quit.")
        .style(theme.notice.style())
        .wrap(Wrap { trim: true });
    frame.render_widget(note, area);
}

//! Drawing: a pure function of the app state and the theme onto a frame.
//!
//! Nothing here changes state or reads files. Each pane has its own module; this one lays them
//! out and draws the overlay on top.

mod help;
mod list;
mod problems;
mod reader;
mod status;
mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Focus, Overlay};
use crate::layout::Panes;
use crate::theme::Theme;

/// Draws the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let Some(panes) = Panes::new(area, app.focus() == Focus::Reader) else {
        render_too_small(theme, area, frame);
        return;
    };
    if panes.list.height > 0 {
        list::render(app, theme, panes.list, frame.buffer_mut());
    }
    if panes.reader.height > 0 {
        reader::render(app, theme, panes.reader, frame.buffer_mut());
    }
    status::render_filter_line(app, theme, panes.filter, frame);
    status::render_status_bar(app, theme, panes.status, frame.buffer_mut());
    match app.overlay() {
        Some(Overlay::Help) => help::render(theme, app.overlay_scroll(), area, frame.buffer_mut()),
        Some(Overlay::Problems) => problems::render(app, theme, area, frame.buffer_mut()),
        None => {}
    }
}

fn render_too_small(theme: &Theme, area: Rect, frame: &mut Frame) {
    let note = Paragraph::new("Terminal too small for byline. Enlarge it, or press q to quit.")
        .style(theme.notice.style())
        .wrap(Wrap { trim: true });
    frame.render_widget(note, area);
}

/// A rectangle of at most `width` by `height`, centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

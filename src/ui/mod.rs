//! Drawing: a pure function of the app state and the theme onto a frame.
//!
//! Nothing here changes state or reads files. Each pane has its own module; this one lays them
//! out and draws the overlay on top.

mod help;
mod list;
mod problems;
mod reader;
mod status;
pub(crate) mod text;

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::action::{Action, Mode};
use crate::app::{App, Overlay};
use crate::config::theme::Theme;
use crate::layout::Panes;

/// Draws the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    // The app laid the panes out for its screen; a frame of another size (a resize not taken
    // yet) gets them cut to fit, never drawn past its edge.
    let Some(panes) = app.panes().map(|p| Panes {
        list: p.list.intersection(area),
        reader: p.reader.intersection(area),
        filter: p.filter.intersection(area),
        status: p.status.intersection(area),
    }) else {
        render_too_small(app, theme, area, frame);
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
        Some(Overlay::Help) => help::render(app, theme, area, frame.buffer_mut()),
        Some(Overlay::Problems) => problems::render(app, theme, area, frame.buffer_mut()),
        None => {}
    }
}

/// The screen rows the article's text is drawn in, and the line of the text shown first: when
/// only the scroll changed between two frames, those rows show the same text moved by whole
/// rows, which the shell tells the terminal backend so it can scroll them instead of writing
/// them again. `None` when no text is drawn (no reading pane, an overlay over it).
pub fn reading_rows(app: &App) -> Option<(Range<u16>, usize)> {
    let panes = app.panes()?;
    if app.overlay().is_some() || panes.reader.height == 0 {
        return None;
    }
    // Inside the pane's border, as `reader::render` draws the text.
    let inner = panes.reader.inner(Margin::new(1, 1));
    Some((inner.top()..inner.bottom(), app.scroll()))
}

fn render_too_small(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let quit = key(app, app.mode(), Action::Quit);
    let note = Paragraph::new(format!(
        "Terminal too small for byline. Enlarge it, or press {quit} to quit."
    ))
    .style(theme.notice.style())
    .wrap(Wrap { trim: true });
    frame.render_widget(note, area);
}

/// An overlay's frame: clears `popup` and returns its bordered block, titled with `name` and
/// how to leave (or scroll) it, and `scroll` clamped so that the last of `rows` stays in view.
fn overlay_frame(
    app: &App,
    name: &str,
    popup: Rect,
    rows: usize,
    scroll: usize,
    theme: &Theme,
    buf: &mut ratatui::buffer::Buffer,
) -> (ratatui::widgets::Block<'static>, u16) {
    let visible = popup.height.saturating_sub(2) as usize;
    let scroll = scroll.min(rows.saturating_sub(visible));
    let how = if rows > visible {
        let down = key(app, Mode::Overlay, Action::ScrollDown);
        let up = key(app, Mode::Overlay, Action::ScrollUp);
        let page = key(app, Mode::Overlay, Action::ScrollPageDown);
        let long = format!("{down}/{up} {page} scroll · other keys close");
        // The title's frame: ` Keys · ` before, a space and two corners after.
        let room = usize::from(popup.width).saturating_sub(name.chars().count() + 6);
        if long.chars().count() <= room {
            long
        } else {
            format!("{down}/{up} {page} scroll")
        }
    } else {
        "any key closes".to_string()
    };
    clear_popup(popup, buf);
    let block = ratatui::widgets::Block::bordered()
        .border_style(theme.border_focused.style())
        .title(ratatui::text::Span::styled(
            format!(" {name} · {how} "),
            theme.pane_title.style(),
        ));
    (block, u16::try_from(scroll).unwrap_or(u16::MAX))
}

/// The key to name for `action` in `mode` (the key map in force decides), or the action's
/// name in the config when no key is bound to it.
fn key(app: &App, mode: Mode, action: Action) -> String {
    app.key_for(mode, action)
        .unwrap_or_else(|| format!("({})", action.name()))
}

/// Clears `popup` for an overlay, and the cell just left of it where a wide character (CJK,
/// emoji) drawn beneath would otherwise spill over the overlay's border.
fn clear_popup(popup: Rect, buf: &mut ratatui::buffer::Buffer) {
    use ratatui::widgets::{Clear, Widget};
    Clear.render(popup, buf);
    if popup.x == 0 {
        return;
    }
    for y in popup.top()..popup.bottom() {
        if let Some(cell) = buf.cell_mut((popup.x - 1, y)) {
            if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;

    use super::*;

    #[test]
    fn a_wide_character_beside_an_overlay_does_not_cover_its_border() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 2));
        buf.set_string(3, 0, "日本", ratatui::style::Style::new());
        clear_popup(Rect::new(4, 0, 6, 2), &mut buf);
        assert_eq!(buf[(3, 0)].symbol(), " ");
        assert_eq!(buf[(4, 0)].symbol(), " ");
    }
}

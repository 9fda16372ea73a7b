//! Where each pane goes for a given terminal size: list and reading pane side by side on wide
//! terminals, stacked on narrow ones, with the filter line and status bar below.
//!
//! The overlays' shapes are here too: how many columns the help takes at a width and how many
//! lines, how many rows the problems take once wrapped.
//!
//! The app computes the layout once per change of size, focus or split (it needs page sizes, the
//! reading width, how far an overlay scrolls) and the renderer draws into what it computed, so
//! the two never disagree.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::action::Mode;
use crate::{query, reading};

/// From this width on, the panes stand side by side.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 100;

/// From this width on, the list gives the reading pane room for a full measure.
const WIDE_WIDTH: u16 = 140;

/// Stacked panes need this many rows between them; fewer show only the focused pane.
pub const STACKED_MIN_HEIGHT: u16 = 14;

/// Below this size byline shows only a "terminal too small" note.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

/// How the two panes share the screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Arrangement {
    /// Side by side on wide terminals, stacked on narrow ones.
    #[default]
    Auto,
    SideBySide,
    Stacked,
}

impl Arrangement {
    /// Every arrangement, with the name the config and the state use for it.
    const NAMES: [(Arrangement, &'static str); 3] = [
        (Arrangement::Auto, "auto"),
        (Arrangement::SideBySide, "side-by-side"),
        (Arrangement::Stacked, "stacked"),
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("auto", |(_, n)| n)
    }

    pub fn from_name(name: &str) -> Option<Arrangement> {
        Self::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(a, _)| *a)
    }
}

/// The arrangement and the list's share of the room.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Split {
    pub arrangement: Arrangement,
    /// The list's share, in percent; `None` for the default for the screen.
    pub list_percent: Option<u16>,
}

impl Split {
    pub const MIN_PERCENT: u16 = 20;
    pub const MAX_PERCENT: u16 = 80;
}

/// The areas of one screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    pub list: Rect,
    pub reader: Rect,
    pub filter: Rect,
    pub status: Rect,
}

impl Panes {
    /// Lays out a screen of `area`; `None` when it is too small to be usable.
    ///
    /// Stacked panes need [`STACKED_MIN_HEIGHT`] rows; below that only the focused pane shows,
    /// `reader_focused` saying which. `zoomed`, the reading pane takes the place of both.
    pub fn new(area: Rect, reader_focused: bool, zoomed: bool, split: Split) -> Option<Self> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let [main, filter, status] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let side_by_side = match split.arrangement {
            Arrangement::Auto => area.width >= SIDE_BY_SIDE_MIN_WIDTH,
            // Asked for, side by side needs room for two panes of text.
            Arrangement::SideBySide => area.width >= 2 * MIN_WIDTH + 20,
            Arrangement::Stacked => false,
        };
        let share = |default: u16| {
            split
                .list_percent
                .unwrap_or(default)
                .clamp(Split::MIN_PERCENT, Split::MAX_PERCENT)
        };
        let parts = |percent: u16| {
            [
                Constraint::Percentage(percent),
                Constraint::Percentage(100 - percent),
            ]
        };
        let [list, reader] = if zoomed {
            [Rect { height: 0, ..main }, main]
        } else if side_by_side {
            let default = if area.width >= WIDE_WIDTH { 40 } else { 50 };
            Layout::horizontal(parts(share(default))).areas(main)
        } else if main.height >= STACKED_MIN_HEIGHT {
            Layout::vertical(parts(share(40))).areas(main)
        } else {
            let hidden = Rect { height: 0, ..main };
            if reader_focused {
                [hidden, main]
            } else {
                [main, hidden]
            }
        };
        Some(Self {
            list,
            reader,
            filter,
            status,
        })
    }

    /// Rows of articles the list shows at once (inside its border).
    pub fn list_rows(&self) -> usize {
        self.list.height.saturating_sub(2) as usize
    }

    /// Rows of text the reading pane shows at once (inside its border).
    pub fn reader_rows(&self) -> usize {
        self.reader.height.saturating_sub(2) as usize
    }

    /// Columns inside the reading pane's border and its one-column margins.
    pub fn reader_columns(&self) -> usize {
        self.reader.width.saturating_sub(4) as usize
    }
}

/// From these widths on, the help overlay lists its keys in two and three columns.
const HELP_TWO_COLUMNS: u16 = 88;
const HELP_THREE_COLUMNS: u16 = 132;

/// The help overlay's columns on a screen `width` wide, each listing the keys of these modes.
pub fn help_columns(width: u16) -> &'static [&'static [Mode]] {
    if width >= HELP_THREE_COLUMNS {
        &[
            &[Mode::List, Mode::Anywhere],
            &[Mode::Reader],
            &[Mode::Filter],
        ]
    } else if width >= HELP_TWO_COLUMNS {
        &[&[Mode::List, Mode::Anywhere], &[Mode::Reader, Mode::Filter]]
    } else {
        &[&[Mode::List, Mode::Reader, Mode::Filter, Mode::Anywhere]]
    }
}

/// The help overlay's width on a screen `width` wide (before it is fitted to the screen).
pub fn help_width(width: u16) -> u16 {
    if width >= HELP_THREE_COLUMNS {
        HELP_THREE_COLUMNS
    } else if width >= HELP_TWO_COLUMNS {
        HELP_TWO_COLUMNS
    } else {
        44
    }
}

/// How many query syntax examples the help overlay puts on a line.
pub fn syntax_per_line(width: u16) -> usize {
    if width >= HELP_THREE_COLUMNS {
        4
    } else if width >= HELP_TWO_COLUMNS {
        3
    } else {
        1
    }
}

/// Lines the summaries at the top of the help overlay take: the query syntax and how the
/// reading pane shows tables, notes and images, each with its title and a blank line after.
pub fn syntax_lines(width: u16) -> usize {
    query::SYNTAX.len().div_ceil(syntax_per_line(width)) + 2 + showing_lines(width) + 2
}

/// Lines the help overlay gives to how the reading pane shows tables, notes and images: one
/// (joined by ` · `) when three columns of keys fit, else one each.
pub fn showing_lines(width: u16) -> usize {
    if width >= HELP_THREE_COLUMNS {
        1
    } else {
        reading::HOW_IT_SHOWS.len()
    }
}

/// Lines the help overlay takes on a screen `width` wide: the syntax summary, then the longest
/// column of keys; `rows` says how many rows a mode's keys take.
pub fn help_lines(width: u16, rows: impl Fn(Mode) -> usize) -> usize {
    let keys = help_columns(width)
        .iter()
        .map(|modes| {
            let lines: usize = modes.iter().map(|&m| rows(m) + 1).sum();
            lines + modes.len().saturating_sub(1)
        })
        .max()
        .unwrap_or(0);
    syntax_lines(width) + keys
}

/// The problems overlay's width on a screen `width` wide.
pub fn problems_width(width: u16) -> u16 {
    width.saturating_sub(4).max(1)
}

/// Rows the problems overlay's lines take, `widths` wide each, once wrapped inside its border
/// on a screen `width` wide.
pub fn problems_rows(width: u16, widths: impl IntoIterator<Item = usize>) -> usize {
    let inner = problems_width(width).saturating_sub(2).max(1) as usize;
    widths.into_iter().map(|w| w.div_ceil(inner).max(1)).sum()
}

/// How far an overlay of `lines` scrolls on a screen `height` high: until its last line shows.
pub fn overlay_max_scroll(lines: usize, height: u16) -> usize {
    lines.saturating_sub(height.saturating_sub(2) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_is_side_by_side_narrow_is_stacked() {
        let wide = Panes::new(Rect::new(0, 0, 120, 30), false, false, Split::default()).unwrap();
        assert_eq!(wide.list.y, wide.reader.y);
        assert!(wide.list.x < wide.reader.x);
        let narrow = Panes::new(Rect::new(0, 0, 60, 20), false, false, Split::default()).unwrap();
        assert_eq!(narrow.list.x, narrow.reader.x);
        assert!(narrow.list.y < narrow.reader.y);
        assert_eq!(narrow.status.y, 19);
        assert_eq!(narrow.filter.y, 18);
    }

    #[test]
    fn tiny_terminals_have_no_panes() {
        assert_eq!(
            Panes::new(Rect::new(0, 0, 19, 30), false, false, Split::default()),
            None
        );
        assert_eq!(
            Panes::new(Rect::new(0, 0, 80, 5), false, false, Split::default()),
            None
        );
        assert_eq!(
            Panes::new(Rect::new(0, 0, 0, 0), false, false, Split::default()),
            None
        );
    }
}

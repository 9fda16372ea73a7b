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

/// The name a table of names gives `value` (every value has one).
fn name_in<T: Copy + PartialEq>(names: &[(T, &'static str)], value: T) -> &'static str {
    names
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, n)| n)
}

/// The value a table of names calls `name`, if any.
fn named_in<T: Copy>(names: &[(T, &'static str)], name: &str) -> Option<T> {
    names.iter().find(|(_, n)| *n == name).map(|(v, _)| *v)
}

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
        name_in(&Self::NAMES, self)
    }

    pub fn from_name(name: &str) -> Option<Arrangement> {
        named_in(&Self::NAMES, name)
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

    /// The split as one word the state keeps: `stacked`, `side-by-side:35`.
    pub fn name(self) -> String {
        match self.list_percent {
            None => self.arrangement.name().to_string(),
            Some(percent) => format!("{}:{percent}", self.arrangement.name()),
        }
    }

    /// The split [`Split::name`] wrote; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Split> {
        let (arrangement, percent) = match name.split_once(':') {
            Some((arrangement, percent)) => (arrangement, Some(percent.parse().ok()?)),
            None => (name, None),
        };
        Some(Split {
            arrangement: Arrangement::from_name(arrangement)?,
            list_percent: percent.map(|p: u16| p.clamp(Self::MIN_PERCENT, Self::MAX_PERCENT)),
        })
    }
}

/// Terminals are of two kinds for the layout: those where `auto` stacks the panes and those
/// where it sets them side by side. A layout chosen by hand is kept for one kind, so choosing
/// side by side on a wide screen does not squeeze the list on a narrow one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeClass {
    Narrow,
    Wide,
}

impl SizeClass {
    pub const ALL: [SizeClass; 2] = [SizeClass::Narrow, SizeClass::Wide];

    pub fn of(area: Rect) -> Self {
        if area.width >= SIDE_BY_SIDE_MIN_WIDTH {
            SizeClass::Wide
        } else {
            SizeClass::Narrow
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SizeClass::Narrow => "narrow",
            SizeClass::Wide => "wide",
        }
    }
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
            &[Mode::List],
            &[Mode::Reader],
            &[Mode::Filter, Mode::Anywhere],
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

/// How the list gathers its rows under headers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Grouping {
    /// One run of rows, no headers.
    #[default]
    None,
    /// By the day the article is dated.
    Day,
    /// By where it was published.
    Source,
}

impl Grouping {
    const NAMES: [(Grouping, &'static str); 3] = [
        (Grouping::None, "none"),
        (Grouping::Day, "day"),
        (Grouping::Source, "source"),
    ];

    pub fn name(self) -> &'static str {
        name_in(&Self::NAMES, self)
    }

    pub fn from_name(name: &str) -> Option<Grouping> {
        named_in(&Self::NAMES, name)
    }

    /// The next grouping in turn: none, day, source, none…
    pub fn next(self) -> Grouping {
        match self {
            Grouping::None => Grouping::Day,
            Grouping::Day => Grouping::Source,
            Grouping::Source => Grouping::None,
        }
    }
}

/// A column of the list after the title, which is always there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListColumn {
    Author,
    Date,
    /// Where the article was published.
    Source,
    Tags,
}

impl ListColumn {
    const NAMES: [(ListColumn, &'static str); 4] = [
        (ListColumn::Author, "author"),
        (ListColumn::Date, "date"),
        (ListColumn::Source, "source"),
        (ListColumn::Tags, "tags"),
    ];

    /// The columns the list shows unless the config says otherwise.
    pub const DEFAULT: [ListColumn; 2] = [ListColumn::Author, ListColumn::Date];

    pub fn name(self) -> &'static str {
        name_in(&Self::NAMES, self)
    }

    pub fn from_name(name: &str) -> Option<ListColumn> {
        named_in(&Self::NAMES, name)
    }

    /// Every name, for the config's errors.
    pub fn names() -> String {
        let names: Vec<&str> = Self::NAMES.iter().map(|(_, n)| *n).collect();
        names.join(", ")
    }

    /// The widest the column is made, however long what it holds.
    fn most(self) -> usize {
        match self {
            ListColumn::Author | ListColumn::Tags => 30,
            ListColumn::Source => 24,
            // A date is as wide as its form; never cut.
            ListColumn::Date => usize::MAX,
        }
    }

    /// The narrowest the column is shown; narrower, it goes.
    fn least(self, wants: usize) -> usize {
        match self {
            ListColumn::Date => wants,
            _ => 8.min(wants),
        }
    }
}

/// How wide what the list shows is, column by column: the widest title, author, date,
/// source and tags among the rows (0 for a column no row has anything in).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListWidths {
    pub title: usize,
    pub author: usize,
    pub date: usize,
    pub source: usize,
    pub tags: usize,
}

impl ListWidths {
    fn of(&self, column: ListColumn) -> usize {
        match column {
            ListColumn::Author => self.author,
            ListColumn::Date => self.date,
            ListColumn::Source => self.source,
            ListColumn::Tags => self.tags,
        }
    }
}

/// The width of the title and of each column shown after it, in the order asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListColumns {
    pub title: usize,
    pub shown: Vec<(ListColumn, usize)>,
}

/// The least share of a row the title keeps, in fifths, when its titles are that long; it never
/// keeps less than [`TITLE_LEAST`] columns for them either.
const TITLE_SHARE_FIFTHS: usize = 3;
const TITLE_LEAST: usize = 20;

/// Lays a row `width` wide out into the title and the `asked` columns, sized from what they
/// hold (`widths`). The title gets the room: it keeps three fifths of the row (or what its
/// longest needs, if less); the date comes next, whole or not at all; then the other columns
/// in the order asked, each as wide as its widest (capped) or narrower down to 8, else left
/// out. What is left goes to the title. A column nothing is in is not shown.
pub fn list_columns(width: usize, asked: &[ListColumn], widths: &ListWidths) -> ListColumns {
    let title_keeps = widths
        .title
        .min((width * TITLE_SHARE_FIFTHS / 5).max(TITLE_LEAST))
        .min(width);
    let mut room = width - title_keeps;
    let mut given = vec![0; asked.len()];
    // The date first: short, and what a news list is read by.
    let order = (asked.iter().enumerate())
        .filter(|(_, c)| **c == ListColumn::Date)
        .chain(
            asked
                .iter()
                .enumerate()
                .filter(|(_, c)| **c != ListColumn::Date),
        );
    for (i, &column) in order {
        let wants = widths.of(column).min(column.most());
        if wants == 0 || given[i] > 0 || room < 2 {
            continue;
        }
        // One column of space before it.
        let take = wants.min(room - 1);
        if take >= column.least(wants) {
            given[i] = take;
            room -= take + 1;
        }
    }
    ListColumns {
        title: title_keeps + room,
        shown: (asked.iter().zip(given))
            .filter(|(_, w)| *w > 0)
            .map(|(c, w)| (*c, w))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(title: usize, author: usize, source: usize, tags: usize) -> ListWidths {
        ListWidths {
            title,
            author,
            date: 10,
            source,
            tags,
        }
    }

    fn shown(columns: &ListColumns) -> Vec<(ListColumn, usize)> {
        columns.shown.clone()
    }

    #[test]
    fn the_title_gets_the_room_and_the_others_take_what_they_hold() {
        use ListColumn::*;
        // A wide list: author as wide as its widest name, the rest to the title.
        let wide = list_columns(100, &ListColumn::DEFAULT, &widths(90, 16, 0, 0));
        assert_eq!(shown(&wide), [(Author, 16), (Date, 10)]);
        assert_eq!(wide.title, 100 - 16 - 10 - 2);
        // Half of 100 columns: the title keeps three fifths, the date fits, the author would
        // be cut below 8, so it goes.
        let half = list_columns(45, &ListColumn::DEFAULT, &widths(90, 16, 0, 0));
        assert_eq!(shown(&half), [(Date, 10)]);
        assert_eq!(half.title, 34);
        // Somewhat wider: the author is cut to what is left.
        let some = list_columns(60, &ListColumn::DEFAULT, &widths(90, 16, 0, 0));
        assert_eq!(shown(&some), [(Author, 12), (Date, 10)]);
        assert_eq!(some.title, 36);
        // Short titles leave their room to the others.
        let short = list_columns(45, &ListColumn::DEFAULT, &widths(20, 16, 0, 0));
        assert_eq!(shown(&short), [(Author, 13), (Date, 10)]);
        assert_eq!(short.title, 20);
        // Too narrow for anything but the title.
        let narrow = list_columns(25, &ListColumn::DEFAULT, &widths(90, 16, 0, 0));
        assert!(shown(&narrow).is_empty());
        assert_eq!(narrow.title, 25);
    }

    #[test]
    fn empty_columns_go_and_the_order_asked_is_kept() {
        use ListColumn::*;
        let asked = [Source, Author, Date, Tags];
        let no_authors = list_columns(120, &asked, &widths(60, 0, 12, 40));
        assert_eq!(shown(&no_authors), [(Source, 12), (Date, 10), (Tags, 30)]);
        assert_eq!(no_authors.title, 120 - 12 - 10 - 30 - 3);
        // Every width adds up to the row, whatever it is.
        for width in 0..200 {
            let columns = list_columns(width, &asked, &widths(70, 25, 12, 40));
            let used: usize = columns.shown.iter().map(|(_, w)| w + 1).sum();
            assert_eq!(columns.title + used, width, "{width}");
        }
    }

    #[test]
    fn column_names_read_both_ways() {
        for (column, name) in ListColumn::NAMES {
            assert_eq!(ListColumn::from_name(name), Some(column));
            assert_eq!(column.name(), name);
        }
        assert_eq!(ListColumn::from_name("title"), None);
    }

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

//! The screen: its size, how the panes share it (computed here once per change, drawn as is by
//! the ui), zoom, and the overlay drawn on top with how far it is scrolled.

use ratatui::layout::{Position, Rect};

use crate::layout::{self, Arrangement, Panes, SizeClass, Split};
use crate::state::{Change, Snapshot};

/// What the problems overlay says when there are none.
pub const NO_PROBLEMS: &str = "No problems: every article file was read.";

/// A view drawn over the panes; it scrolls, and any other key closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Every key binding.
    Help,
    /// The files that could not be read, and why.
    Problems,
}

/// Which pane a screen cell is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
}

/// The state key of the config's split a choice was made over.
const CHOSEN_OVER: &str = "layout.config";

/// The state key of a size class's chosen split.
fn chosen_key(class: SizeClass) -> String {
    format!("layout.{}", class.name())
}

/// The splits chosen by hand in earlier sessions, per size class, while the config still asks
/// for what it asked for then: once the config's layout changes, the config wins again.
pub fn remembered_layout(remembered: &Snapshot, configured: Split) -> [Option<Split>; 2] {
    let mut chosen = [None; 2];
    if remembered.settings.get(CHOSEN_OVER) != Some(&configured.name()) {
        return chosen;
    }
    for class in SizeClass::ALL {
        chosen[class_slot(class)] =
            (remembered.settings.get(&chosen_key(class))).and_then(|name| Split::from_name(name));
    }
    chosen
}

impl Screen {
    /// What to save for the split chosen for this screen's size class (and the config's it
    /// was chosen over).
    pub fn layout_changes(&self) -> Vec<Change> {
        let class = SizeClass::of(self.area);
        let Some(split) = self.chosen(class) else {
            return Vec::new();
        };
        vec![
            Change::Setting {
                key: CHOSEN_OVER.into(),
                value: self.configured.name(),
            },
            Change::Setting {
                key: chosen_key(class),
                value: split.name(),
            },
        ]
    }
}

/// Where a size class's choice is kept in [`Screen::chosen`].
fn class_slot(class: SizeClass) -> usize {
    match class {
        SizeClass::Narrow => 0,
        SizeClass::Wide => 1,
    }
}

/// The screen's state.
#[derive(Debug)]
pub struct Screen {
    area: Rect,
    panes: Option<Panes>,
    /// The split the config asks for.
    configured: Split,
    /// The split chosen by hand for each [`SizeClass`] (narrow, wide), over the config's.
    chosen: [Option<Split>; 2],
    /// The reading pane has the whole screen while it has the focus.
    pub(super) zoomed: bool,
    pub(super) overlay: Option<Overlay>,
    /// Lines of the overlay scrolled past, for screens too short to show it all.
    pub(super) overlay_scroll: usize,
    /// Lines each row of the list takes: 2 when a snippet line is under it.
    row_height: usize,
}

impl Screen {
    /// A screen of `area` laid out as the config says (`configured`), or as chosen by hand
    /// for a size class.
    pub fn new(area: Rect, configured: Split, chosen: [Option<Split>; 2]) -> Self {
        Self {
            area,
            panes: None,
            configured,
            chosen,
            zoomed: false,
            overlay: None,
            overlay_scroll: 0,
            row_height: 1,
        }
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    /// The split in force: the one chosen for this size of screen, else the config's.
    pub fn split(&self) -> Split {
        self.chosen[class_slot(SizeClass::of(self.area))].unwrap_or(self.configured)
    }

    /// The split chosen by hand for a size class, if any.
    pub fn chosen(&self, class: SizeClass) -> Option<Split> {
        self.chosen[class_slot(class)]
    }

    /// The split the config asks for.
    pub fn configured(&self) -> Split {
        self.configured
    }

    /// Chooses `split` for screens of this one's size class.
    fn choose(&mut self, split: Split) {
        self.chosen[class_slot(SizeClass::of(self.area))] = Some(split);
    }

    pub fn panes(&self) -> Option<Panes> {
        self.panes
    }

    /// Lays the panes out again for `area`, the focus and zoom as they are.
    pub fn lay_out(&mut self, area: Rect, reader_focused: bool) {
        self.area = area;
        self.panes = Panes::new(
            area,
            reader_focused,
            self.zoomed && reader_focused,
            self.split(),
        );
    }

    /// Rows of the list; `None` while it is hidden.
    pub fn list_page(&self) -> Option<usize> {
        match self.panes {
            Some(p) if p.list.height == 0 => None,
            Some(p) => Some((p.list_rows() / self.row_height).max(1)),
            None => Some(1),
        }
    }

    pub fn reader_rows(&self) -> usize {
        self.panes.map_or(1, |p| p.reader_rows()).max(1)
    }

    /// Whether the reading pane shows at all.
    pub fn reader_shown(&self) -> bool {
        self.panes.is_some_and(|p| p.reader.height > 0)
    }

    /// The pane at screen cell (x, y).
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        let panes = self.panes?;
        let at = Position::new(x, y);
        if panes.list.contains(at) {
            Some(Pane::List)
        } else if panes.reader.contains(at) {
            Some(Pane::Reader)
        } else {
            None
        }
    }

    /// The list row under screen row `y`, counted from the first row shown.
    pub fn list_row_at(&self, y: u16) -> Option<usize> {
        let list = self.panes?.list;
        // The first row is under the border, the last border under the last row.
        (y > list.y && y < list.bottom().saturating_sub(1))
            .then(|| usize::from(y - list.y - 1) / self.row_height)
    }

    /// Columns inside the list's border.
    pub fn list_width(&self) -> usize {
        self.panes
            .map_or(0, |p| usize::from(p.list.width.saturating_sub(2)))
    }

    /// Lines each row of the list takes (1, or 2 with a snippet line).
    pub fn row_height(&self) -> usize {
        self.row_height
    }

    pub(super) fn set_row_height(&mut self, lines: usize) {
        self.row_height = lines.max(1);
    }

    /// Opens an overlay at its top.
    pub fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
        self.overlay_scroll = 0;
    }

    /// Scrolls the overlay by `by` lines, no further than until its last of `lines` shows.
    pub fn scroll_overlay(&mut self, by: isize, lines: usize) {
        let most = layout::overlay_max_scroll(lines, self.area.height);
        self.overlay_scroll = self.overlay_scroll.saturating_add_signed(by).min(most);
    }

    /// Rows of the overlay's text a page moves.
    pub fn overlay_page(&self) -> isize {
        self.area.height.saturating_sub(4).max(1) as isize
    }

    /// Switches between side by side and stacked, judged on the layout without zoom (which
    /// hides the list).
    pub fn switch_arrangement(&mut self) {
        let mut split = self.split();
        let side_by_side = Panes::new(self.area, false, false, split)
            .is_some_and(|p| p.list.height > 0 && p.list.y == p.reader.y && p.list.x != p.reader.x);
        split.arrangement = if side_by_side {
            Arrangement::Stacked
        } else {
            Arrangement::SideBySide
        };
        self.choose(split);
    }

    /// Gives the list 5% more room, or less.
    pub fn grow_list(&mut self, more: bool) {
        let step: i32 = if more { 5 } else { -5 };
        let next = (i32::from(self.list_percent()) + step)
            .clamp(i32::from(Split::MIN_PERCENT), i32::from(Split::MAX_PERCENT));
        let mut split = self.split();
        split.list_percent = Some(next as u16);
        self.choose(split);
    }

    /// The list's share of the room as laid out now, in percent.
    fn list_percent(&self) -> u16 {
        let Some(p) = self.panes else {
            return 50;
        };
        // With one pane hidden (zoom, a short screen) the share is the one set, not the screen's.
        if p.list.height == 0 || p.reader.height == 0 {
            return self.split().list_percent.unwrap_or(50);
        }
        let side_by_side = p.list.y == p.reader.y;
        let (list, total) = if side_by_side {
            (p.list.width, p.list.width.saturating_add(p.reader.width))
        } else {
            (p.list.height, p.list.height.saturating_add(p.reader.height))
        };
        if total == 0 {
            return 50;
        }
        // Rounded to the 5% steps `<` and `>` take.
        ((u32::from(list) * 100 / u32::from(total)) as u16 + 2) / 5 * 5
    }
}

//! How the panes share the screen, and the mouse: arrangement, the list's share, clicks.

use super::*;

impl App {
    pub fn split(&self) -> Split {
        self.split
    }

    /// Arranges the panes so from now on.
    pub fn set_split(&mut self, split: Split) {
        self.split = split;
        self.resize(self.area);
    }

    /// A click at screen cell (x, y): selects the list row there, or focuses the reading pane.
    pub(super) fn click(&mut self, x: u16, y: u16) {
        match self.pane_at(x, y) {
            Some(Focus::List) => {
                self.focus = Focus::List;
                let list = self.panes.map(|p| p.list).unwrap_or_default();
                // The first row is under the border, the last border under the last row.
                if y > list.y && y < list.bottom().saturating_sub(1) {
                    let row = usize::from(y - list.y - 1);
                    if self.list_offset + row < self.hits.len() {
                        self.select(self.list_offset + row);
                    }
                }
            }
            Some(_) if !self.hits.is_empty() => self.focus = Focus::Reader,
            _ => {}
        }
    }

    /// The pane at screen cell (x, y): the list's or the reading pane's.
    pub(super) fn pane_at(&self, x: u16, y: u16) -> Option<Focus> {
        let panes = self.panes?;
        let at = ratatui::layout::Position::new(x, y);
        if panes.list.contains(at) {
            Some(Focus::List)
        } else if panes.reader.contains(at) {
            Some(Focus::Reader)
        } else {
            None
        }
    }

    /// The list's share of the room as laid out now, in percent.
    pub(super) fn current_list_percent(&self) -> u16 {
        let Some(p) = self.panes else {
            return 50;
        };
        // With one pane hidden (zoom, a short screen) the share is the one set, not the screen's.
        if p.list.height == 0 || p.reader.height == 0 {
            return self.split.list_percent.unwrap_or(50);
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

    /// Lays the screen out again and remembers the split for next time.
    pub(super) fn split_changed(&mut self) {
        self.resize(self.area);
        self.effects.push(Effect::Save(Change::Setting {
            key: "arrangement".into(),
            value: self.split.arrangement.name().into(),
        }));
        if let Some(percent) = self.split.list_percent {
            self.effects.push(Effect::Save(Change::Setting {
                key: "list_percent".into(),
                value: percent.to_string(),
            }));
        }
    }
}

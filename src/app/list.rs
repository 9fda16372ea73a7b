//! The article list: the hits of the newest search, which of them the view lets through, the
//! selection and the first row on screen, and the sort.

use std::sync::Arc;

pub use crate::layout::Grouping;
use crate::layout::ListWidths;
use crate::query::Query;
use crate::query::index::Index;
use crate::query::rank::{Hit, Sort};
use crate::query::run::{Done, Request};

/// Which articles the list shows, besides those the query leaves out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    All,
    Unread,
    Starred,
}

/// A run of rows under one header: the rows from `start`, `len` of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub start: usize,
    pub len: usize,
    pub label: String,
}

/// A row of the list as drawn: a group's header, or the hit at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row<'a> {
    Header(&'a Group),
    Hit(usize),
}

/// The list's state.
#[derive(Debug, Default)]
pub struct List {
    /// Every hit of the query, before the view leaves some out.
    all_hits: Vec<Hit>,
    /// The rows shown, in order.
    hits: Vec<Hit>,
    selected: usize,
    offset: usize,
    pub(super) view: View,
    pub(super) sort: Sort,
    /// The newest search asked for; results of older ones are dropped.
    generation: u64,
    /// The newest search's hits have not arrived.
    searching: bool,
    /// The selected article when the newest search was asked for.
    selected_at_submit: Option<usize>,
    /// How wide the rows' columns are, from the first [`MEASURED`] rows.
    widths: ListWidths,
    pub(super) grouping: Grouping,
    /// The groups of the rows, in order; empty when they are not grouped. The first row on
    /// screen (`offset`) counts headers as rows.
    groups: Vec<Group>,
}

/// The rows measured for the columns' widths: a list is read from the top, and measuring a
/// hundred thousand rows on every key would cost milliseconds for rows nobody scrolls to.
pub const MEASURED: usize = 10_000;

impl List {
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn widths(&self) -> ListWidths {
        self.widths
    }

    /// Measures the rows shown again (they changed), `widths` giving one article's.
    pub fn measure(&mut self, widths: impl Fn(usize) -> ListWidths) {
        let mut all = ListWidths::default();
        for hit in self.hits.iter().take(MEASURED) {
            let w = widths(hit.index);
            all.title = all.title.max(w.title);
            all.author = all.author.max(w.author);
            all.date = all.date.max(w.date);
            all.source = all.source.max(w.source);
            all.tags = all.tags.max(w.tags);
        }
        self.widths = all;
    }

    pub fn searching(&self) -> bool {
        self.searching
    }

    /// Library index of the selected article.
    pub fn selected_article(&self) -> Option<usize> {
        self.hits.get(self.selected).map(|h| h.index)
    }

    /// Selects row `position` (clamped), scrolling so it shows among `page` rows (with its
    /// group's header, when it is the group's first); `None` when the list is hidden (a short
    /// screen showing the reader), which keeps its scroll as it is.
    pub fn select(&mut self, position: usize, page: Option<usize>) {
        self.selected = position.min(self.hits.len().saturating_sub(1));
        let Some(page) = page else {
            return;
        };
        let row = self.row_of(self.selected);
        let first_of_group = self.groups.iter().any(|g| g.start == self.selected);
        let top = row - usize::from(first_of_group && row > 0);
        if top < self.offset {
            self.offset = top;
        } else if row >= self.offset + page {
            self.offset = row + 1 - page;
        }
        // Keep the list full when the window grows or the selection nears the end.
        self.offset = self.offset.min(self.row_count().saturating_sub(page));
    }

    /// Rows drawn: the hits and the groups' headers.
    pub fn row_count(&self) -> usize {
        self.hits.len() + self.groups.len()
    }

    /// The drawn row of the hit at `position`: headers above it count.
    fn row_of(&self, position: usize) -> usize {
        position + self.groups.partition_point(|g| g.start <= position)
    }

    /// What drawn row `row` is.
    pub fn row(&self, row: usize) -> Option<Row<'_>> {
        if row >= self.row_count() {
            return None;
        }
        // The groups whose header is at or above the row; the row is in the last of them.
        let k = self.groups_above(row);
        if k == 0 {
            return Some(Row::Hit(row));
        }
        let group = &self.groups[k - 1];
        let header = group.start + k - 1;
        Some(if row == header {
            Row::Header(group)
        } else {
            Row::Hit(row - k)
        })
    }

    /// How many groups have their header at or above drawn row `row`.
    fn groups_above(&self, row: usize) -> usize {
        // The headers' rows rise with the groups: group `i`'s is at `start + i`.
        let (mut low, mut high) = (0, self.groups.len());
        while low < high {
            let mid = (low + high) / 2;
            if self.groups[mid].start + mid <= row {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Gathers the rows into groups by `group_of` (a key and the header's label for an
    /// article), the groups in the order their first row came, the rows in the order they
    /// were in; the selected article stays selected.
    pub fn regroup(&mut self, group_of: impl Fn(usize) -> (String, String), page: Option<usize>) {
        if self.grouping == Grouping::None && self.groups.is_empty() {
            // One run before and after: nothing to move (and no look for the selection among a
            // hundred thousand rows after every search).
            return;
        }
        let selected = self.selected_article();
        if !self.groups.is_empty() {
            // Grouped before: back to the order the search gave.
            let shown: std::collections::HashSet<usize> =
                self.hits.iter().map(|h| h.index).collect();
            self.hits = (self.all_hits.iter())
                .filter(|h| shown.contains(&h.index))
                .copied()
                .collect();
        }
        self.groups.clear();
        if self.grouping == Grouping::None {
            self.reselect(selected, page);
            return;
        }
        let mut order: Vec<(String, String)> = Vec::new();
        let mut slot: std::collections::HashMap<String, usize> = Default::default();
        let mut members: Vec<Vec<Hit>> = Vec::new();
        for hit in &self.hits {
            let (key, label) = group_of(hit.index);
            let at = *slot.entry(key.clone()).or_insert_with(|| {
                order.push((key, label));
                members.push(Vec::new());
                members.len() - 1
            });
            members[at].push(*hit);
        }
        let mut start = 0;
        self.hits.clear();
        for ((_, label), rows) in order.into_iter().zip(members) {
            self.groups.push(Group {
                start,
                len: rows.len(),
                label,
            });
            start += rows.len();
            self.hits.extend(rows);
        }
        self.reselect(selected, page);
    }

    /// Selects `article` again where it is now (the first row if it is gone).
    fn reselect(&mut self, article: Option<usize>, page: Option<usize>) {
        let position = article.and_then(|a| self.position_of(a)).unwrap_or(0);
        self.offset = self.offset.min(self.row_count().saturating_sub(1));
        self.select(position, page);
    }

    pub fn select_by(&mut self, delta: isize, page: Option<usize>) {
        self.select(self.selected.saturating_add_signed(delta), page);
    }

    /// A search for `query` in the list's sort, keeping `keep` selected if it is among the hits.
    pub fn request(&mut self, index: &Arc<Index>, query: &Query, keep: Option<usize>) -> Request {
        self.generation += 1;
        self.searching = true;
        self.selected_at_submit = self.selected_article();
        Request {
            generation: self.generation,
            index: Arc::clone(index),
            query: query.clone(),
            sort: self.sort,
            keep,
            texts: Default::default(),
        }
    }

    /// Shows the hits of a finished search, if it is the newest asked for; `shows` says which
    /// articles the view lets through. Returns whether the hits were taken.
    pub fn receive(
        &mut self,
        done: Done,
        shows: impl Fn(usize) -> bool,
        page: Option<usize>,
    ) -> bool {
        if done.generation != self.generation {
            return false;
        }
        self.searching = false;
        // Moving while a search ran (a large library) chose an article: keep it if it is there.
        let moved = self.selected_article() != self.selected_at_submit;
        let keep = if moved {
            self.selected_article()
        } else {
            done.keep
        };
        let row = self.selected.saturating_sub(self.offset);
        self.all_hits = done.hits;
        self.hits = self.viewed(shows);
        match keep.and_then(|keep| self.position_of(keep)) {
            // The kept article stays on the row it was on, where the list allows.
            Some(position) => {
                self.offset = position.saturating_sub(row);
                self.select(position, page);
            }
            None => {
                self.offset = 0;
                self.select(0, page);
            }
        }
        true
    }

    /// Shows the hits the view lets through again (`shows` changed), keeping `keep` selected
    /// if it is among them.
    pub fn apply_view(
        &mut self,
        shows: impl Fn(usize) -> bool,
        keep: Option<usize>,
        page: Option<usize>,
    ) {
        self.hits = self.viewed(shows);
        let position = keep.and_then(|k| self.position_of(k));
        self.offset = 0;
        self.select(position.unwrap_or(0), page);
    }

    /// The library changed: each hit's article is at `moved(index)` now, or gone (`None`). The
    /// selection stays on its article if it is still there, else on the row it was on.
    pub fn relocate(&mut self, moved: impl Fn(usize) -> Option<usize>, page: Option<usize>) {
        let selected = self.selected_article().and_then(&moved);
        let remap = |hits: &mut Vec<Hit>| {
            hits.retain_mut(|hit| match moved(hit.index) {
                Some(index) => {
                    hit.index = index;
                    true
                }
                None => false,
            })
        };
        remap(&mut self.all_hits);
        remap(&mut self.hits);
        self.selected_at_submit = self.selected_at_submit.and_then(&moved);
        let position = selected
            .and_then(|s| self.position_of(s))
            .unwrap_or(self.selected);
        self.select(position, page);
    }

    fn viewed(&self, shows: impl Fn(usize) -> bool) -> Vec<Hit> {
        self.all_hits
            .iter()
            .filter(|h| shows(h.index))
            .copied()
            .collect()
    }

    fn position_of(&self, index: usize) -> Option<usize> {
        self.hits.iter().position(|h| h.index == index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list_of(indices: &[usize]) -> List {
        let mut list = List::default();
        list.hits = (indices.iter())
            .map(|&index| Hit { index, score: 0 })
            .collect();
        list.all_hits = list.hits.clone();
        list
    }

    #[test]
    fn groups_gather_rows_in_the_order_their_first_came_and_headers_count_as_rows() {
        // Articles 0..6; even ones in group "a", odd in "b", 5 in "c".
        let mut list = list_of(&[0, 1, 2, 3, 4, 5]);
        list.grouping = Grouping::Source;
        list.select(3, Some(10));
        let key = |i: usize| {
            let k = if i == 5 {
                "c"
            } else if i % 2 == 0 {
                "a"
            } else {
                "b"
            };
            (k.to_string(), k.to_uppercase())
        };
        list.regroup(key, Some(10));
        let order: Vec<usize> = list.hits().iter().map(|h| h.index).collect();
        assert_eq!(order, [0, 2, 4, 1, 3, 5]);
        let groups: Vec<(usize, usize, &str)> = (list.groups().iter())
            .map(|g| (g.start, g.len, g.label.as_str()))
            .collect();
        assert_eq!(groups, [(0, 3, "A"), (3, 2, "B"), (5, 1, "C")]);
        assert_eq!(
            list.selected_article(),
            Some(3),
            "the selected article stays"
        );
        // Drawn: A 0 2 4 B 1 3 C 5.
        assert_eq!(list.row_count(), 9);
        let drawn: Vec<String> = (0..10)
            .map(|r| match list.row(r) {
                Some(Row::Header(g)) => g.label.clone(),
                Some(Row::Hit(p)) => list.hits()[p].index.to_string(),
                None => "-".to_string(),
            })
            .collect();
        assert_eq!(drawn, ["A", "0", "2", "4", "B", "1", "3", "C", "5", "-"]);
        for position in 0..6 {
            assert_eq!(list.row(list.row_of(position)), Some(Row::Hit(position)));
        }
        // A page of 3: selecting a group's first row shows its header too.
        list.select(0, Some(3));
        list.select(5, Some(3));
        assert_eq!(
            list.offset(),
            6,
            "C's header and its row, the list kept full"
        );
        list.select(3, Some(3));
        assert_eq!(list.offset(), 4, "B's header above its first row");
        // Back to one run: no headers.
        list.grouping = Grouping::None;
        list.regroup(key, Some(3));
        assert!(list.groups().is_empty());
        assert_eq!(list.row_count(), 6);
        assert_eq!(list.selected_article(), Some(1));
        let order: Vec<usize> = list.hits().iter().map(|h| h.index).collect();
        assert_eq!(order, [0, 1, 2, 3, 4, 5], "in the search's order again");
    }
}

//! The article list: the hits of the newest search, which of them the view lets through, the
//! selection and the first row on screen, and the sort.

use std::sync::Arc;

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

    /// Selects row `position` (clamped), scrolling so it shows among `page` rows; `None` when
    /// the list is hidden (a short screen showing the reader), which keeps its scroll as it is.
    pub fn select(&mut self, position: usize, page: Option<usize>) {
        self.selected = position.min(self.hits.len().saturating_sub(1));
        let Some(page) = page else {
            return;
        };
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        // Keep the list full when the window grows or the selection nears the end.
        self.offset = self.offset.min(self.hits.len().saturating_sub(page));
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

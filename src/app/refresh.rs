//! The library changing under the App: a background check of the library folders reporting
//! progress, and a new version of the library (articles added, changed or gone) replacing the
//! old without moving the reader: the selected and the open article stay selected and open
//! wherever they now sit, the query, view, scroll and place are kept.

use std::collections::HashMap;
use std::sync::Arc;

use super::App;
use crate::library::{Library, Origin};
use crate::query::index::Index;

impl App {
    /// A check of the library folders has looked at `done` of `total` files (all of them: the
    /// check is over).
    pub(super) fn checking(&mut self, done: usize, total: usize) {
        self.checking = (done < total).then_some((done, total));
    }

    /// Shows `library` from now on; `complete` when the check that read it has finished.
    pub(super) fn replace_library(&mut self, library: Library, complete: bool) {
        let old = std::mem::replace(&mut self.library, Arc::new(library));
        if complete {
            self.checking = None;
        }
        let new_positions: HashMap<&str, usize> = self
            .library
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let moved = |index: usize| {
            let id = old.articles.get(index)?.id.as_str();
            new_positions.get(id).copied()
        };
        let open = self.reading.holding();
        match open.map(|i| (i, moved(i))) {
            Some((_, Some(now))) => self.reading.reindex(now),
            Some((_, None)) => {
                self.reading.clear();
                // The samples giving way to the user's own articles is not news to report.
                if matches!(old.origin, Origin::Folders(_)) {
                    self.notice =
                        Some("The article you were reading is no longer in the library.".into());
                }
            }
            None => {}
        }
        let opened = self.marks.opened().and_then(moved);
        self.marks.open(opened);
        self.loading = None;
        self.list.relocate(moved, self.screen.list_page());
        // The old library and its index go before the new index is built: at 100,000 articles
        // holding both would cost tens of megabytes more at the peak.
        drop(new_positions);
        drop(old);
        self.index = Arc::default();
        self.index = Arc::new(Index::build(&self.library.articles));
        // The hits shown now are the old search's, moved; search again in the new library.
        self.search(self.selected_article());
    }
}

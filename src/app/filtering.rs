//! The filter line at work: parsing what is typed, searching, quick filters, history.

use super::*;

impl App {
    /// Takes the hits of the newest search if they are ready; returns whether they were.
    pub fn collect_search(&mut self) -> bool {
        let Some(done) = self.search.poll() else {
            return false;
        };
        self.searching = false;
        // Moving while a search ran (a large library) chose an article: keep it if it is there.
        let moved = self.selected_article() != self.selected_at_submit;
        let keep = if moved {
            self.selected_article()
        } else {
            done.keep
        };
        let row = self.selected.saturating_sub(self.list_offset);
        self.all_hits = done.hits;
        self.hits = self.viewed(&self.all_hits);
        match keep.and_then(|keep| self.hits.iter().position(|h| h.index == keep)) {
            // The kept article stays on the row it was on, where the list allows.
            Some(position) => {
                self.list_offset = position.saturating_sub(row);
                self.select(position);
            }
            None => {
                self.list_offset = 0;
                self.select(0);
            }
        }
        true
    }

    /// Sorts the list this way from now on.
    pub fn set_sort(&mut self, sort: Sort) {
        self.sort = sort;
        self.submit(self.selected_article());
    }

    /// Applies an edit to the filter line and searches again if the text changed.
    pub(super) fn edit_line(&mut self, edit: impl FnOnce(&mut LineEdit)) {
        let before = self.line.text().to_string();
        edit(&mut self.line);
        if self.line.text() != before {
            self.history.stop_browsing();
            self.refilter(None);
        }
    }

    /// Puts `text` in the filter line and searches for it, keeping `keep` selected if it matches.
    pub(super) fn set_query(&mut self, text: &str, keep: Option<usize>) {
        self.line.set(text);
        self.refilter(keep);
    }

    /// Parses the filter line and, if it parses, searches for it; if not, the error shows and
    /// the list keeps the last valid results.
    pub(super) fn refilter(&mut self, keep: Option<usize>) {
        // A date still being typed at the cursor (`d:2014-1` on its way to `d:2014-12`) waits:
        // the list keeps its results until the date is finished or Enter is pressed.
        let at_end = self.line.cursor() == self.line.text().len();
        self.query_pending = at_end && query::unfinished_date(self.line.text());
        if self.query_pending {
            self.query_error = None;
            return;
        }
        self.refilter_now(keep);
    }

    /// [`App::refilter`], taking a date being typed as it stands.
    pub(super) fn refilter_now(&mut self, keep: Option<usize>) {
        self.query_pending = false;
        match Query::parse(self.line.text(), date::today()) {
            Ok(query) => {
                self.query_error = None;
                // A space, a lone `!` or `t:` changes the line but not the query: the list (and
                // where you are in it) stays.
                let same = query.same_as(&self.query);
                self.query = query;
                if !same {
                    self.submit(keep);
                }
            }
            Err(error) => self.query_error = Some(error),
        }
    }

    /// Searches for the active query in the current sort.
    pub(super) fn submit(&mut self, keep: Option<usize>) {
        self.searching = true;
        self.selected_at_submit = self.selected_article();
        self.search.submit(self.query.clone(), self.sort, keep);
        self.collect_search();
    }

    /// Writes a query for the selected article's author into the filter line.
    pub(super) fn filter_by_author(&mut self) {
        let Some(index) = self.selected_article() else {
            return;
        };
        match self.library.articles[index].author.clone() {
            Some(author) => self.quick_filter(&format!("a:^{}$", query::escape(&author)), index),
            None => self.notice = Some("This article has no author to filter by.".to_string()),
        }
    }

    /// Writes a query for the selected article's day into the filter line.
    pub(super) fn filter_by_day(&mut self) {
        let Some(index) = self.selected_article() else {
            return;
        };
        match self.library.articles[index].date {
            Some(day) => self.quick_filter(&format!("d:{}", date::iso(day)), index),
            None => self.notice = Some("This article has no date to filter by.".to_string()),
        }
    }

    /// Shows the list filtered by `query`, the article at `index` still selected.
    /// Keeps a query in the history, here and in the state database.
    pub(super) fn remember_query(&mut self, query: &str) {
        self.history.push(query);
        let query = query.trim();
        if !query.is_empty() {
            self.effects
                .push(Effect::Save(Change::Query(query.to_string())));
        }
    }

    pub(super) fn quick_filter(&mut self, query: &str, index: usize) {
        self.remember_query(query);
        self.set_query(query, Some(index));
        self.focus = Focus::List;
    }
}

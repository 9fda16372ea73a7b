//! The filter line: what is typed, the query it parses to, why it does not parse, a date still
//! being typed, and the queries kept from before.

use jiff::civil::Date;

use crate::line::{History, LineEdit};
use crate::query::{self, Query, QueryError};

/// The filter line's state.
#[derive(Debug)]
pub struct FilterLine {
    pub(super) line: LineEdit,
    pub(super) history: History,
    /// The last query that parsed: the one the list shows.
    query: Query,
    /// Why the line as typed does not parse; the list keeps the last valid results.
    error: Option<QueryError>,
    /// The line ends in a date still being typed, left out until it is finished.
    pending: bool,
    /// The day relative dates (`d:<30d`) count from, from the shell's clock.
    pub(super) today: Date,
    /// The line is the last session's: the first letter typed starts a new query instead of
    /// adding to it (as a selected text is replaced); any other edit keeps it.
    pub(super) came_back: bool,
}

impl FilterLine {
    pub fn new(today: Date, history: Vec<String>) -> Self {
        Self {
            line: LineEdit::default(),
            history: History::new(history),
            query: Query::default(),
            error: None,
            pending: false,
            today,
            came_back: false,
        }
    }

    pub fn text(&self) -> &str {
        self.line.text()
    }

    pub fn cursor(&self) -> usize {
        self.line.cursor()
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    pub fn error(&self) -> Option<&QueryError> {
        self.error.as_ref()
    }

    pub fn pending(&self) -> bool {
        self.pending
    }

    pub fn history(&self) -> &[String] {
        self.history.entries()
    }

    /// Applies an edit; returns whether the text changed (and then the query may have).
    pub fn edit(&mut self, edit: impl FnOnce(&mut LineEdit)) -> bool {
        let before = self.line.text().to_string();
        edit(&mut self.line);
        let changed = self.line.text() != before;
        if changed {
            self.history.stop_browsing();
        }
        changed
    }

    /// Parses the line; returns whether the query to show changed, so the list must search
    /// again. A date still being typed at the cursor (`d:2014-1` on its way to `d:2014-12`)
    /// waits, unless `finish_dates`: the list keeps its results until the date is finished or
    /// Enter is pressed. A line that does not parse keeps the last query, and says why.
    pub fn parse(&mut self, finish_dates: bool) -> bool {
        let at_end = self.line.cursor() == self.line.text().len();
        self.pending = !finish_dates && at_end && query::unfinished_date(self.line.text());
        if self.pending {
            self.error = None;
            return false;
        }
        match Query::parse(self.line.text(), self.today) {
            Ok(query) => {
                self.error = None;
                // A space, a lone `!` or `t:` changes the line but not the query: the list (and
                // where you are in it) stays.
                let same = query.same_as(&self.query);
                self.query = query;
                !same
            }
            Err(error) => {
                self.error = Some(error);
                false
            }
        }
    }

    /// Keeps `query` in the history; returns it trimmed if it is worth saving.
    pub fn remember(&mut self, query: &str) -> Option<String> {
        self.history.push(query);
        let query = query.trim();
        (!query.is_empty()).then(|| query.to_string())
    }
}

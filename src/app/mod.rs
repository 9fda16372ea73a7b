//! The application state and every change to it: one door in, one door out.
//!
//! Everything that changes the [`App`] comes in as an [`Event`] passed to [`App::update`]: a key
//! (mapped through the key map in force), the mouse, a resize, the clock ([`Event::Tick`]), and
//! every result of work done outside (a search's hits, an article's text once read, how an
//! effect went). Everything the App wants done goes out as an [`Effect`] (run this search, read
//! this article, save this change, open or copy a link), which the shell performs and answers
//! with events. The App owns no thread, file, clock or environment variable, so a whole session
//! is a test of `update` alone (`src/app/tests/`).
//!
//! The state is a few owned parts with their own methods: the [`List`], the [`FilterLine`],
//! the [`Marks`] remembered, the [`Screen`] and the [`Reading`] pane. `update` handles what is
//! the same everywhere (quit, resize, the clock, results) once; the prompts of the reading pane
//! take keys while they are open; every other action goes to the part it is about
//! (`actions.rs`).

mod actions;
mod event;
mod filter_line;
mod list;
mod marks;
mod prompts;
mod refresh;
mod screen;
mod snippets;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;
use ratatui::layout::Rect;

pub use self::event::{Effect, Event};
pub use self::filter_line::FilterLine;
pub use self::list::{Group, Grouping, List, Row, View};
pub use self::marks::{Marks, PLACE_AFTER, READ_AFTER};
pub use self::prompts::LinkPrompt;
pub use self::screen::{NO_PROBLEMS, Overlay, Screen};
pub use self::snippets::{Ask, Snippet};
pub use crate::action::Action;
use crate::action::Mode;
use crate::article::Parsed;
use crate::config::keys::Keymap;
pub use crate::config::settings::MarkRead;
pub use crate::layout::ListColumn;
use crate::layout::{ListWidths, Panes, Split};
use crate::library::{Library, Origin};
use crate::query::index::Index;
use crate::query::rank::{Matcher, Sort};
use crate::query::run::Done;
use crate::query::{Query, QueryError};
use crate::reading::Reading;
use crate::reading::reflow::Setting;
pub use crate::reading::{MEASURE, ReaderContent, Typesetting};
use crate::state::{Change, Snapshot};

/// Which part of the screen takes keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Filter,
    /// Typing a search inside the article.
    Find,
    /// Typing the number of a link to open or copy.
    Link,
}

/// Everything a session starts from, already resolved by the shell: the library, the screen,
/// the day, the settings and what was remembered.
#[derive(Debug)]
pub struct Init {
    pub library: Arc<Library>,
    pub area: Rect,
    /// Today, for dates in queries; [`Event::Tick`] brings it up to date.
    pub today: Date,
    pub typesetting: Typesetting,
    pub keymap: Keymap,
    pub split: Split,
    pub sort: Sort,
    /// How the list writes dates (strftime), if not as `2014-12-31`.
    pub date_format: Option<String>,
    /// Dates of the last week as `today`, `yesterday`, `3 days ago`.
    pub relative_dates: bool,
    /// When an article becomes read by itself.
    pub mark_read: MarkRead,
    /// `]` and `[` pass over articles already read.
    pub skip_read: bool,
    /// The list's columns after the title.
    pub list_columns: Vec<ListColumn>,
    /// How the list gathers its rows under headers.
    pub grouping: Grouping,
    /// Start where the last session left off: its filter, view, sort and article (kept in
    /// `remembered`).
    pub restore_session: bool,
    /// Where real articles go, as shown (`~/.local/share/byline/library`), while the sample
    /// library stands in.
    pub sample_hint: Option<String>,
    /// What earlier sessions left: marks, places, queries, layout.
    pub remembered: Snapshot,
    /// A message for the status bar from setting up (a state file moved aside…).
    pub notice: Option<String>,
    /// The shell is checking the library folders in the background: the library may change
    /// ([`Event::Library`]) and the status bar says so until the check is complete.
    pub checking: bool,
}

impl Init {
    /// A session on `library` with the default settings and nothing remembered.
    pub fn new(library: Arc<Library>, area: Rect, today: Date) -> Self {
        let sample_hint = match &library.origin {
            Origin::Sample { put_articles_in } => Some(put_articles_in.display().to_string()),
            Origin::Folders(_) => None,
        };
        Self {
            library,
            area,
            today,
            typesetting: Typesetting::default(),
            keymap: Keymap::default(),
            split: Split::default(),
            sort: Sort::default(),
            date_format: None,
            relative_dates: false,
            mark_read: MarkRead::default(),
            skip_read: false,
            list_columns: ListColumn::DEFAULT.to_vec(),
            grouping: Grouping::None,
            restore_session: false,
            sample_hint,
            remembered: Snapshot::default(),
            notice: None,
            checking: false,
        }
    }
}

/// Columns before a snippet line, under the row's title (past the unread and star marks).
pub const SNIPPET_INDENT: usize = 5;

/// The whole state of a byline session.
#[derive(Debug)]
pub struct App {
    library: Arc<Library>,
    /// The library's matchable text, sent with each search.
    index: Arc<Index>,
    /// For highlighting the rows on screen.
    matcher: Matcher,
    list: List,
    filter: FilterLine,
    marks: Marks,
    screen: Screen,
    /// The reading pane: the open article, where you are in it, a search in it.
    reading: Reading,
    typesetting: Typesetting,
    focus: Focus,
    link_prompt: Option<LinkPrompt>,
    /// The articles the last action marked read by marking all, for the next to undo.
    marked_all: Option<Vec<String>>,
    /// A count typed before a motion (`5j`), while it is being typed.
    count: Option<u32>,
    /// A one-off message for the status bar, gone at the next key.
    notice: Option<String>,
    /// The key bindings in force: what keys do, and what the screen says they do.
    keymap: Keymap,
    date_format: Option<String>,
    relative_dates: bool,
    mark_read: MarkRead,
    skip_read: bool,
    list_columns: Vec<ListColumn>,
    sample_hint: Option<String>,
    /// What the shell is to do next.
    effects: Vec<Effect>,
    /// The line under each row of a `text:` query's results.
    snippets: snippets::Snippets,
    /// The article asked of the shell and not read yet.
    loading: Option<usize>,
    /// A check of the library folders is under way: files looked at, of how many.
    checking: Option<(usize, usize)>,
    /// The full-text index is being brought up to date: files indexed, of how many.
    indexing: Option<(usize, usize)>,
    /// The file (as listed) read again because it changed, until an article is read: should
    /// it change again meanwhile, it is being written, and is not read again in a loop.
    changing: Option<PathBuf>,
    /// Marking all read asked for a yes (more than a screenful): the next `A` is it.
    mark_all_asked: bool,
    quit: bool,
    /// Ctrl-Z was pressed: the shell is to suspend byline.
    suspend: bool,
}

impl App {
    /// A session as `init` sets it up. Its first effects ask for the list and the article.
    pub fn new(init: Init) -> Self {
        let index = Arc::new(Index::build(&init.library.articles));
        let remembered = &init.remembered;
        let chosen = screen::remembered_layout(remembered, init.split);
        let mut list = List::default();
        list.sort = init.sort;
        // A session comes back on the library it was left on, not on another one.
        let here = LeftOff::library_of(&init.library);
        let session = (init.restore_session)
            .then(|| LeftOff::of(remembered))
            .filter(|session| session.library == here);
        list.grouping = init.grouping;
        if let Some(session) = &session {
            list.sort = session.sort.unwrap_or(list.sort);
            list.view = session.view;
            list.grouping = session.grouping.unwrap_or(list.grouping);
        }
        let mut app = Self {
            library: init.library,
            index,
            matcher: Matcher::default(),
            list,
            filter: FilterLine::new(init.today, remembered.history.clone()),
            marks: Marks::restored(remembered),
            screen: Screen::new(init.area, init.split, chosen),
            reading: Reading::default(),
            typesetting: init.typesetting,
            focus: Focus::List,
            link_prompt: None,
            marked_all: None,
            count: None,
            notice: init.notice,
            keymap: init.keymap,
            date_format: init.date_format,
            relative_dates: init.relative_dates,
            mark_read: init.mark_read,
            skip_read: init.skip_read,
            list_columns: init.list_columns,
            sample_hint: init.sample_hint,
            effects: Vec::new(),
            snippets: snippets::Snippets::default(),
            loading: None,
            checking: init.checking.then_some((0, 0)),
            indexing: None,
            changing: None,
            mark_all_asked: false,
            quit: false,
            suspend: false,
        };
        app.lay_out(init.area);
        let mut keep = None;
        if let Some(session) = session {
            app.filter.edit(|line| line.set(&session.query));
            app.filter.parse(true);
            if !session.query.is_empty() {
                app.filter.came_back = true;
                if app.notice.is_none() {
                    let clear = app.key_for(Mode::List, Action::ClearFilter);
                    let clear = clear
                        .map(|k| format!(" ({k} clears it)"))
                        .unwrap_or_default();
                    app.notice = Some(format!("The last filter is back{clear}."));
                }
            }
            let id = session.article.as_ref();
            keep = (app.library.articles.iter()).position(|a| Some(&a.id) == id);
        }
        app.search(keep);
        app
    }

    /// Keeps what the session shows (the filter, view, sort and selected article) for the
    /// next start.
    fn save_session(&mut self) {
        let article = self
            .selected_article()
            .map(|i| self.library.articles[i].id.clone());
        let session = LeftOff {
            library: LeftOff::library_of(&self.library),
            query: self.filter.text().to_string(),
            view: self.list.view,
            sort: Some(self.list.sort),
            grouping: Some(self.list.grouping),
            article,
        };
        for (key, value) in session.settings() {
            self.save(Change::Setting {
                key: key.to_string(),
                value,
            });
        }
    }

    /// Applies one event: the only way the state changes.
    pub fn update(&mut self, event: impl Into<Event>) {
        let (focus, zoomed) = (self.focus, self.zoomed());
        match event.into() {
            Event::Key(key) => match self.keymap.action_for(self.mode(), key) {
                Some(action) => self.act(action),
                None => self.type_count(key),
            },
            Event::Action(action) => self.act(action),
            // The mouse gives up on a link number being typed, and does nothing else.
            Event::Wheel { .. } | Event::Click { .. } if self.focus == Focus::Link => {
                self.notice = None;
                self.end_link_prompt();
            }
            Event::Wheel { x, y, down } if self.screen.overlay.is_none() => {
                self.notice = None;
                self.marked_all = None;
                self.count = None;
                self.wheel(x, y, down);
            }
            Event::Click { x, y } if self.screen.overlay.is_none() => {
                self.notice = None;
                self.marked_all = None;
                self.count = None;
                self.click(x, y);
            }
            Event::Wheel { .. } | Event::Click { .. } => {}
            Event::Resize { width, height } => self.lay_out(Rect::new(0, 0, width, height)),
            Event::Tick { now, today } => {
                self.filter.today = today;
                self.tick(now);
            }
            Event::Searched(done) => self.searched(done),
            Event::Loaded { index, article } => self.loaded(index, article),
            Event::Typeset(done) => {
                let rows = self.screen.reader_rows();
                let next = self.reading.receive(done, rows);
                self.effects.extend(next.map(Effect::Typeset));
            }
            Event::FileChanged { index, file } => self.file_changed(index, file),
            Event::Reported(message) => self.notice = Some(message),
            Event::Checking { done, total } => self.checking(done, total),
            Event::Indexing { done, total } => {
                self.indexing = (done < total).then_some((done, total))
            }
            Event::Library {
                library,
                index,
                complete,
            } => self.replace_library(library, Some(index), complete),
            Event::Snippets { key, found } => self.snippets.receive(&key, found),
            // Where you were in the open article is kept for next time, however byline ends.
            Event::Closing => {
                self.save_place();
                self.save_session();
            }
        }
        if self.focus != focus || self.zoomed() != zoomed {
            // Small screens show only the focused pane, so the layout follows the focus.
            self.lay_out(self.screen.area());
        }
        self.want_selected();
        self.want_snippets();
    }

    /// With a `text:` term, each row takes two lines, the second the words around its first
    /// hit: asks the shell for those of the rows on screen it does not have.
    fn want_snippets(&mut self) {
        let shown = self.snippets.follow(self.filter.query()) && !self.hits().is_empty();
        let height = if shown { 2 } else { 1 };
        if self.screen.row_height() != height {
            self.screen.set_row_height(height);
            self.list
                .select(self.list.selected(), self.screen.list_page());
        }
        let (Some(page), Some(key)) = (self.screen.list_page(), self.snippets.key()) else {
            return;
        };
        if !shown || self.screen.list_width() == 0 {
            return;
        }
        let key = key.to_string();
        let offset = self.list.offset();
        let on_screen: Vec<usize> = (offset..offset + page)
            .filter_map(|row| match self.list.row(row) {
                Some(Row::Hit(position)) => self.hits().get(position).map(|h| h.index),
                _ => None,
            })
            .collect();
        let articles = self.snippets.missing(on_screen);
        if !articles.is_empty() {
            self.effects.push(Effect::Snippets(snippets::Ask {
                key,
                query: self.filter.query().clone(),
                articles,
                // Room for the `…` at each end.
                width: self.screen.list_width().saturating_sub(SNIPPET_INDENT + 2),
            }));
        }
    }

    /// Lines each row of the list takes (2 with a snippet under it).
    pub fn row_height(&self) -> usize {
        self.screen.row_height()
    }

    /// The snippet of the article at `index`: `None` while it is being read, `Some(None)`
    /// when there is none to show.
    pub fn snippet(&self, index: usize) -> Option<Option<&snippets::Snippet>> {
        self.snippets.get(index)
    }

    /// Takes what the shell is to do, in the order asked.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// What keys do now: where the focus is, or the overlay's keys while one is open.
    pub fn mode(&self) -> Mode {
        match (self.screen.overlay, self.focus) {
            (Some(_), _) => Mode::Overlay,
            (None, Focus::List) => Mode::List,
            (None, Focus::Reader) => Mode::Reader,
            (None, Focus::Filter | Focus::Find | Focus::Link) => Mode::Filter,
        }
    }

    // What the ui reads.

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The library, to share with a thread that reads its articles.
    pub fn shared_library(&self) -> &Arc<Library> {
        &self.library
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// How the list writes dates (strftime), if not as `2014-12-31`.
    pub fn date_format(&self) -> Option<&str> {
        self.date_format.as_deref()
    }

    /// Whether the list writes the last week's dates as `today`, `3 days ago`.
    /// The list's columns after the title, as asked for.
    pub fn list_columns(&self) -> &[ListColumn] {
        &self.list_columns
    }

    /// What drawn row `row` of the list is (a group's header or an article), counting from
    /// the top of the list, not of the screen.
    pub fn list_row(&self, row: usize) -> Option<Row<'_>> {
        self.list.row(row)
    }

    pub fn grouping(&self) -> Grouping {
        self.list.grouping
    }

    /// How wide the list's rows are, column by column.
    pub fn list_widths(&self) -> ListWidths {
        self.list.widths()
    }

    pub fn relative_dates(&self) -> bool {
        self.relative_dates
    }

    /// Today, as the clock last said.
    pub fn today(&self) -> Date {
        self.filter.today
    }

    /// The articles shown in the list, in order.
    pub fn hits(&self) -> &[crate::query::rank::Hit] {
        self.list.hits()
    }

    /// Position of the selection in [`App::hits`].
    pub fn selected(&self) -> usize {
        self.list.selected()
    }

    /// The first list row on screen.
    pub fn list_offset(&self) -> usize {
        self.list.offset()
    }

    /// Library index of the selected article.
    pub fn selected_article(&self) -> Option<usize> {
        self.list.selected_article()
    }

    pub fn sort(&self) -> Sort {
        self.list.sort
    }

    pub fn view(&self) -> View {
        self.list.view
    }

    /// Whether hits for the newest query are still being searched for.
    pub fn searching(&self) -> bool {
        self.list.searching()
    }

    /// The filter line as typed.
    pub fn query(&self) -> &str {
        self.filter.text()
    }

    /// Byte offset of the cursor in [`App::query`].
    pub fn cursor(&self) -> usize {
        self.filter.cursor()
    }

    /// The query the list shows: the filter line's, or the last one that parsed.
    pub fn active_query(&self) -> &Query {
        self.filter.query()
    }

    /// Why the filter line does not parse, if it does not.
    pub fn query_error(&self) -> Option<&QueryError> {
        self.filter.error()
    }

    /// Whether the line ends in a date still being typed, which the list does not show yet.
    pub fn query_pending(&self) -> bool {
        self.filter.pending()
    }

    /// Earlier queries, oldest first.
    pub fn history(&self) -> &[String] {
        self.filter.history()
    }

    /// The count typed before a motion (`5` of `5j`), while it is being typed.
    pub fn count(&self) -> Option<u32> {
        self.count
    }

    /// A one-off message for the status bar.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.screen.overlay
    }

    /// Lines of the overlay scrolled past.
    pub fn overlay_scroll(&self) -> usize {
        self.screen.overlay_scroll
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether the user asked to suspend byline (Ctrl-Z); asking answers it, as the shell
    /// suspends at once.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
    }

    /// The screen's size.
    pub fn area(&self) -> Rect {
        self.screen.area()
    }

    /// Where each pane is; `None` when the screen is too small for byline.
    pub fn panes(&self) -> Option<Panes> {
        self.screen.panes()
    }

    pub fn split(&self) -> Split {
        self.screen.split()
    }

    /// Where real articles go, while the sample library shows.
    pub fn sample_hint(&self) -> Option<&str> {
        match self.library.origin {
            Origin::Sample { .. } => self.sample_hint.as_deref(),
            Origin::Folders(_) => None,
        }
    }

    /// While the library folders are being checked: files looked at, of how many.
    pub fn check_progress(&self) -> Option<(usize, usize)> {
        self.checking
    }

    /// While the full-text index is being brought up to date: files indexed, of how many.
    pub fn index_progress(&self) -> Option<(usize, usize)> {
        self.indexing
    }

    pub fn reader(&self) -> &ReaderContent {
        self.reading.content()
    }

    /// The reading pane's state: the article, the scroll, a search.
    pub fn reading(&self) -> &Reading {
        &self.reading
    }

    /// The first line of the article on screen.
    pub fn scroll(&self) -> usize {
        self.reading.scroll()
    }

    /// How much of the article has been on screen, in percent.
    pub fn percent_read(&self) -> Option<usize> {
        self.reading.percent(self.screen.reader_rows())
    }

    pub fn typesetting(&self) -> Typesetting {
        self.typesetting
    }

    /// The number of a link being typed, while one is.
    pub fn link_prompt(&self) -> Option<&LinkPrompt> {
        self.link_prompt.as_ref()
    }

    /// Whether the reading pane has the whole screen (it does while it has the focus).
    pub fn zoomed(&self) -> bool {
        self.screen.zoomed && self.reading_focused()
    }

    /// Whether the keys go to the reading pane: reading, or typing a search or link number in it.
    pub fn reading_focused(&self) -> bool {
        matches!(self.focus, Focus::Reader | Focus::Find | Focus::Link)
    }

    pub fn is_read(&self, index: usize) -> bool {
        self.marks.is_read(&self.library.articles[index].id)
    }

    /// How many of the articles the list shows are unread.
    pub fn unread_shown(&self) -> usize {
        let articles = &self.library.articles;
        let hits = self.list.hits().iter();
        hits.filter(|h| !self.marks.is_read(&articles[h.index].id))
            .count()
    }

    pub fn is_starred(&self, index: usize) -> bool {
        self.marks.is_starred(&self.library.articles[index].id)
    }

    /// The width the article is set to: the pane's, capped at the measure.
    pub fn reading_width(&self) -> usize {
        let measure = self.typesetting.measure.max(1);
        self.screen
            .panes()
            .map_or(measure, |p| p.reader_columns())
            .clamp(1, measure)
    }

    /// The label of the first key bound to `action` where the focus is now (or in `mode`), as
    /// hints write it: `/`, `Enter`, `^n`.
    pub fn key_for(&self, mode: Mode, action: Action) -> Option<String> {
        self.keymap.hint(mode, action)
    }

    // Results coming back.

    /// Takes a search's hits, if they answer the newest search.
    fn searched(&mut self, done: Done) {
        let page = self.screen.list_page();
        let (marks, library, view) = (&self.marks, &self.library, self.list.view);
        if self.list.receive(done, shows(marks, library, view), page) {
            self.arrange_list();
        }
    }

    /// Gathers the rows shown into groups, if asked, and measures them for the list's
    /// columns (they changed).
    pub(super) fn arrange_list(&mut self) {
        let (articles, today) = (&self.library.articles, self.filter.today);
        let grouping = self.list.grouping;
        let page = self.screen.list_page();
        self.list
            .regroup(|index| group_of(&articles[index], grouping, today), page);
        self.list.measure(|index| row_widths(&articles[index]));
    }

    /// Asks the shell for the selected article if the reading pane does not hold it yet.
    fn want_selected(&mut self) {
        let wanted = self.list.selected_article();
        // A failed read is not retried on every key, only when the selection comes back to it.
        if wanted == self.reading.holding() {
            self.loading = None;
            return;
        }
        match wanted {
            None => {
                self.save_place();
                self.marks.open(None);
                self.reading.clear();
                self.loading = None;
            }
            Some(index) if self.loading != Some(index) => {
                self.loading = Some(index);
                self.effects.push(Effect::Load(index));
            }
            Some(_) => {}
        }
    }

    /// Opens an article the shell read, if it is still the one wanted.
    fn loaded(&mut self, index: usize, article: Result<Parsed, String>) {
        self.changing = None;
        if self.list.selected_article() != Some(index) {
            return;
        }
        self.loading = None;
        self.save_place();
        self.marks.open(None);
        match article {
            Ok(parsed) => {
                let (setting, rows) = (self.setting(), self.screen.reader_rows());
                let typeset = self.reading.open(index, parsed, setting, rows);
                self.effects.extend(typeset.map(Effect::Typeset));
                if let Some(at) = self.marks.place(&self.library.articles[index].id) {
                    self.reading.go_to(at, rows);
                }
                // Found by words of its text: at the first of them, all lit (`n`/`N` move on).
                if let Some(term) = self.filter.query().text_term().cloned() {
                    self.reading.find_from_start(&term, rows);
                }
                self.marks.open(Some(index));
            }
            Err(reason) => self.reading.fail(index, reason),
        }
    }

    /// Time passes: an article being read for [`READ_AFTER`] becomes read, a place kept still
    /// for [`PLACE_AFTER`] is saved.
    fn tick(&mut self, now: std::time::Instant) {
        if self.marks.place_clock(now, self.reading.place()) {
            self.save_place();
        }
        if let Some(index) = self.marks.read_clock(now, self.being_read()) {
            self.mark_read(index);
        }
    }

    /// Whether the open article counts as being read now, as [`MarkRead`] says: on screen, and
    /// (unless previews count) with the focus.
    fn being_read(&self) -> bool {
        let shown = self.screen.reader_shown();
        match self.mark_read {
            MarkRead::Open => shown && self.reading_focused(),
            MarkRead::Preview => shown,
            MarkRead::Never => false,
        }
    }

    /// The user scrolled the open article: it is being read, unless marked unread by hand
    /// since it opened or the config says only `m` marks.
    fn scrolled(&mut self) {
        if self.mark_read == MarkRead::Never {
            return;
        }
        if let Some(index) = self.marks.opened()
            && self.reading.holding() == Some(index)
        {
            self.marks.open(None);
            self.mark_read(index);
        }
    }

    /// Marks the article at `index` read, if it is not, and saves that.
    fn mark_read(&mut self, index: usize) {
        let id = &self.library.articles[index].id;
        if !self.marks.is_read(id) {
            let change = self.marks.set_read(id, true);
            self.save(change);
        }
    }

    // Helpers the parts share.

    fn save(&mut self, change: Change) {
        self.effects.push(Effect::Save(change));
    }

    /// Asks the shell to remember where you are in the open article.
    fn save_place(&mut self) {
        let (Some(index), Some(at)) = (self.reading.holding(), self.reading.place()) else {
            return;
        };
        if let Some(change) = self.marks.keep_place(&self.library.articles[index].id, at) {
            self.save(change);
        }
    }

    /// Searches for the active query in the current sort, keeping `keep` selected.
    fn search(&mut self, keep: Option<usize>) {
        let request = self.list.request(&self.index, self.filter.query(), keep);
        self.effects.push(Effect::Search(request));
    }

    /// Lays the screen out for `area` and fits the reading pane and list to it.
    fn lay_out(&mut self, area: Rect) {
        self.screen.lay_out(area, self.reading_focused());
        self.reflow();
        // A taller pane has less to scroll.
        self.reading.clamp(self.screen.reader_rows());
        self.list
            .select(self.list.selected(), self.screen.list_page());
    }

    /// Sets the open article for the reading pane's current width and typesetting; the
    /// paragraph at the top of the pane stays there.
    fn reflow(&mut self) {
        let (setting, rows) = (self.setting(), self.screen.reader_rows());
        let typeset = self.reading.set(setting, rows);
        self.effects.extend(typeset.map(Effect::Typeset));
    }

    /// How the article is set now.
    fn setting(&self) -> Setting {
        Setting {
            width: self.reading_width(),
            justify: self.typesetting.justify,
            hyphenate: self.typesetting.hyphenate,
        }
    }
}

/// Whether the view lets the article at a library index through.
/// The group an article is in (a key and the header's words) when the list is grouped so.
fn group_of(
    article: &crate::article::Article,
    grouping: Grouping,
    today: Date,
) -> (String, String) {
    use crate::article::date;
    match grouping {
        Grouping::None => (String::new(), String::new()),
        Grouping::Day => match article.date {
            Some(d) => {
                let day = date::format(d, "%A %-d %B %Y").unwrap_or_else(|_| date::long(d));
                let label = match date::relative(d, today) {
                    Some(near) if d >= today.yesterday().unwrap_or(today) => {
                        format!("{near}, {day}")
                    }
                    _ => day,
                };
                (date::iso(d), label)
            }
            None => (String::new(), "No date".to_string()),
        },
        Grouping::Source => match &article.publication {
            Some(source) => (source.to_lowercase(), source.clone()),
            None => (String::new(), "No source".to_string()),
        },
    }
}

/// How wide one article's row would be, column by column, shown whole (a date is 1 when
/// there is one: the list knows how wide its form is).
fn row_widths(article: &crate::article::Article) -> ListWidths {
    use unicode_width::UnicodeWidthStr;
    let width = |text: &str| {
        if text.is_ascii() {
            text.len()
        } else {
            text.width()
        }
    };
    let tags: usize = article
        .tags
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| width(t))
        .sum();
    ListWidths {
        title: width(&article.title),
        author: article.author.as_deref().map_or(0, width),
        date: usize::from(article.date.is_some()),
        source: article.publication.as_deref().map_or(0, width),
        // Written `energy, climate` (`query::index::Entry::tags_shown`).
        tags: tags
            + 2 * article
                .tags
                .iter()
                .filter(|t| !t.is_empty())
                .count()
                .saturating_sub(1),
    }
}

fn shows<'a>(marks: &'a Marks, library: &'a Library, view: View) -> impl Fn(usize) -> bool + 'a {
    move |index| marks.shows(view, &library.articles[index].id)
}

/// Where a session left off, as kept in the state's settings (`session.query`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
struct LeftOff {
    /// Which library it was: its folders, one a line, or `sample`.
    library: String,
    query: String,
    view: View,
    sort: Option<Sort>,
    grouping: Option<Grouping>,
    article: Option<String>,
}

impl LeftOff {
    fn of(remembered: &Snapshot) -> Self {
        let get = |key: &str| remembered.settings.get(key).filter(|v| !v.is_empty());
        Self {
            library: get("session.library").cloned().unwrap_or_default(),
            query: get("session.query").cloned().unwrap_or_default(),
            view: match get("session.view").map(String::as_str) {
                Some("unread") => View::Unread,
                Some("starred") => View::Starred,
                _ => View::All,
            },
            sort: get("session.sort").and_then(|name| Sort::from_name(name)),
            grouping: get("session.grouping").and_then(|name| Grouping::from_name(name)),
            article: get("session.article").cloned(),
        }
    }

    /// How a library is told apart from another: its folders, or the samples.
    fn library_of(library: &Library) -> String {
        match &library.origin {
            Origin::Folders(roots) => (roots.iter())
                .map(|root| root.to_string_lossy())
                .collect::<Vec<_>>()
                .join("\n"),
            Origin::Sample { .. } => "sample".to_string(),
        }
    }

    fn settings(&self) -> [(&'static str, String); 6] {
        let view = match self.view {
            View::All => "all",
            View::Unread => "unread",
            View::Starred => "starred",
        };
        let sort = match self.sort {
            Some(Sort::Oldest) => "oldest",
            Some(Sort::Title) => "title",
            Some(Sort::Author) => "author",
            Some(Sort::Newest) | None => "newest",
        };
        [
            ("session.library", self.library.clone()),
            ("session.query", self.query.clone()),
            ("session.view", view.to_string()),
            ("session.sort", sort.to_string()),
            (
                "session.grouping",
                self.grouping.unwrap_or_default().name().to_string(),
            ),
            ("session.article", self.article.clone().unwrap_or_default()),
        ]
    }
}

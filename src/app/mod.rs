//! The application state and every change to it.
//!
//! [`App::update`] takes an [`Action`] and changes state; it does no I/O and knows nothing of the
//! terminal, so every behaviour can be tested by feeding actions. The one exception is
//! [`App::load_selected`], which reads the selected article's text from the library; the event
//! loop calls it after each update.

mod filtering;
pub mod layout;
mod memory;
mod panes;
mod prompts;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

pub use crate::action::Action;
use crate::app::layout::{Arrangement, Panes, Split};
use crate::article::date;
use crate::config::keys::Keymap;
use crate::config::paths as config;
use crate::library::{Library, Origin};
use crate::line::{History, LineEdit};
use crate::query::index::Index;
use crate::query::rank::{Hit, Matcher, Sort};
use crate::query::run::{self, Search};
use crate::query::{self, Query, QueryError};
use crate::reading::Reading;
use crate::reading::reflow::{Position, Setting};
pub use crate::reading::{MEASURE, ReaderContent, Typesetting};
use crate::state::{Change, Snapshot};

/// A view drawn over the panes; it scrolls, and any other key closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Every key binding.
    Help,
    /// The files that could not be read, and why.
    Problems,
}

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

/// Something the app asks the terminal shell to do, since the app itself does no I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this address in the browser.
    Open(String),
    /// Put this address on the clipboard.
    Copy(String),
    /// Remember this in the state database.
    Save(Change),
}

/// Which articles the list shows, besides those the query leaves out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    All,
    Unread,
    Starred,
}

/// How long an article stays open before it counts as read.
pub const READ_AFTER: Duration = Duration::from_millis(1500);

/// How long the place in an article stays put before it is saved.
pub const PLACE_AFTER: Duration = Duration::from_secs(2);

/// The number of a link being typed, and what to do with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkPrompt {
    pub copy: bool,
    pub digits: String,
}

/// The whole state of a byline session.
#[derive(Debug)]
pub struct App {
    library: Library,
    index: Arc<Index>,
    /// Runs queries, inline or on a worker thread; see [`App::search_in_background`].
    search: Search,
    /// For highlighting the rows on screen.
    matcher: Matcher,
    hits: Vec<Hit>,
    selected: usize,
    list_offset: usize,
    /// The filter line as typed.
    line: LineEdit,
    history: History,
    /// The last query that parsed: the one the list shows.
    query: Query,
    /// Why the filter line as typed does not parse; the list keeps the last valid results.
    query_error: Option<QueryError>,
    /// The line ends in a date still being typed, left out until it is finished.
    query_pending: bool,
    sort: Sort,
    /// A search was submitted and its hits have not arrived.
    searching: bool,
    /// The selected article when the last search was submitted.
    selected_at_submit: Option<usize>,
    /// A one-off message for the status bar, gone at the next key.
    notice: Option<String>,
    focus: Focus,
    overlay: Option<Overlay>,
    /// Lines of the overlay scrolled past, for screens too short to show it all.
    overlay_scroll: usize,
    quit: bool,
    area: Rect,
    panes: Option<Panes>,
    /// Where to put real articles, shown while the sample library stands in.
    sample_hint: Option<String>,
    /// The reading pane: the open article, where you are in it, a search in it.
    reading: Reading,
    typesetting: Typesetting,
    /// The reading pane has the whole screen while it has the focus.
    zoomed: bool,
    link_prompt: Option<LinkPrompt>,
    /// What the shell is to do next (open a link, copy one, save a change).
    effects: Vec<Effect>,
    /// Read and starred articles, by id, and where you were in each.
    read: HashSet<String>,
    starred: HashSet<String>,
    places: HashMap<String, Position>,
    view: View,
    /// Every hit of the query, before the view leaves some out.
    all_hits: Vec<Hit>,
    /// The article open in the reading pane, and since when (from the first tick after).
    opened: Option<(usize, Option<Instant>)>,
    /// The key bindings in force (the help overlay lists them).
    keymap: Keymap,
    /// The place in the open article last seen by `tick`, and since when.
    place_seen: Option<(Position, Instant)>,
    /// How the panes share the screen.
    split: Split,
    /// How the list writes dates (strftime), if not as `2014-12-31`.
    date_format: Option<String>,
}

impl App {
    /// A session on `library`, laid out for a terminal of `area`.
    pub fn new(library: Library, area: Rect) -> Self {
        let index = Arc::new(Index::build(&library.articles));
        let sample_hint = match &library.origin {
            Origin::Sample { put_articles_in } => Some(config::tilde(put_articles_in)),
            Origin::Folders(_) => None,
        };
        let mut app = Self {
            sample_hint,
            library,
            search: Search::inline(Arc::clone(&index)),
            index,
            matcher: Matcher::default(),
            hits: Vec::new(),
            selected: 0,
            list_offset: 0,
            line: LineEdit::default(),
            history: History::default(),
            query: Query::default(),
            query_error: None,
            query_pending: false,
            sort: Sort::default(),
            searching: false,
            selected_at_submit: None,
            notice: None,
            focus: Focus::List,
            overlay: None,
            overlay_scroll: 0,
            quit: false,
            area,
            panes: Panes::new(area, false, false, Split::default()),
            reading: Reading::default(),
            typesetting: Typesetting::default(),
            zoomed: false,
            link_prompt: None,
            effects: Vec::new(),
            read: HashSet::new(),
            starred: HashSet::new(),
            places: HashMap::new(),
            view: View::All,
            all_hits: Vec::new(),
            opened: None,
            keymap: Keymap::default(),
            place_seen: None,
            split: Split::default(),
            date_format: None,
        };
        app.submit(None);
        app
    }

    /// Runs searches on a worker thread from now on if the library is large enough for matching
    /// to be felt; `notify` is called from the worker when hits are ready for
    /// [`App::collect_search`].
    pub fn search_in_background(&mut self, notify: impl Fn() + Send + 'static) {
        if self.index.entries.len() >= run::BACKGROUND_FROM {
            self.search = Search::background(Arc::clone(&self.index), notify);
        }
    }

    /// How the list writes dates (strftime), if not as `2014-12-31`.
    pub fn date_format(&self) -> Option<&str> {
        self.date_format.as_deref()
    }

    pub fn set_date_format(&mut self, format: Option<String>) {
        self.date_format = format;
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Uses these key bindings from now on.
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The articles shown in the list, in order.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// Position of the selection in [`App::hits`].
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first list row on screen.
    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    /// Library index of the selected article.
    pub fn selected_article(&self) -> Option<usize> {
        self.hits.get(self.selected).map(|h| h.index)
    }

    /// The filter line as typed.
    pub fn query(&self) -> &str {
        self.line.text()
    }

    /// Byte offset of the cursor in [`App::query`].
    pub fn cursor(&self) -> usize {
        self.line.cursor()
    }

    /// The query the list shows: the filter line's, or the last one that parsed.
    pub fn active_query(&self) -> &Query {
        &self.query
    }

    /// Why the filter line does not parse, if it does not.
    pub fn query_error(&self) -> Option<&QueryError> {
        self.query_error.as_ref()
    }

    /// Whether the line ends in a date still being typed, which the list does not show yet.
    pub fn query_pending(&self) -> bool {
        self.query_pending
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Whether hits for the newest query are still being searched for.
    pub fn searching(&self) -> bool {
        self.searching
    }

    /// A one-off message for the status bar.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Earlier queries, oldest first.
    pub fn history(&self) -> &[String] {
        self.history.entries()
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// Lines of the overlay scrolled past.
    pub fn overlay_scroll(&self) -> usize {
        self.overlay_scroll
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn panes(&self) -> Option<Panes> {
        self.panes
    }

    /// Where real articles go (with `~` for the home folder), while the sample library shows.
    pub fn sample_hint(&self) -> Option<&str> {
        self.sample_hint.as_deref()
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
        self.reading.percent(self.reader_rows())
    }

    pub fn typesetting(&self) -> Typesetting {
        self.typesetting
    }

    /// Sets text with these measure, justification and hyphenation from now on.
    pub fn set_typesetting(&mut self, typesetting: Typesetting) {
        self.typesetting = typesetting;
        self.reflow();
    }

    /// The number of a link being typed, while one is.
    pub fn link_prompt(&self) -> Option<&LinkPrompt> {
        self.link_prompt.as_ref()
    }

    /// Takes what the shell is to do: open or copy links.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Shows a one-off message in the status bar (the shell reports how an effect went).
    pub fn notify(&mut self, message: impl Into<String>) {
        self.notice = Some(message.into());
    }

    /// Whether the reading pane has the whole screen (it does while it has the focus).
    pub fn zoomed(&self) -> bool {
        self.zoomed && self.reading_focused()
    }

    /// Whether the keys go to the reading pane: reading, or typing a search or link number in it.
    pub fn reading_focused(&self) -> bool {
        matches!(self.focus, Focus::Reader | Focus::Find | Focus::Link)
    }

    /// Applies one action to the state.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. }) {
            self.notice = None;
        }
        if let Some(overlay) = self.overlay {
            let most = match overlay {
                // Scrolled at most until its last line shows.
                Overlay::Help => {
                    let lines = self.keymap.help_lines(self.area.width);
                    lines.saturating_sub(self.area.height.saturating_sub(2) as usize)
                }
                // Long problems wrap to several rows; the overlay clamps what it shows.
                Overlay::Problems => self.library.problems.len() * 4,
            };
            match action {
                Action::Quit => self.quit = true,
                Action::Resize { width, height } => self.resize(Rect::new(0, 0, width, height)),
                Action::ScrollDown => self.overlay_scroll = (self.overlay_scroll + 1).min(most),
                Action::ScrollUp => self.overlay_scroll = self.overlay_scroll.saturating_sub(1),
                // Any other key closes the overlay.
                _ => self.overlay = None,
            }
            return;
        }
        let (focus, zoomed) = (self.focus, self.zoomed);
        self.apply(action);
        if self.focus != focus || self.zoomed != zoomed {
            // Small screens show only the focused pane, so the layout follows the focus.
            self.resize(self.area);
        }
    }

    fn apply(&mut self, action: Action) {
        if self.focus == Focus::Find && self.apply_find(action) {
            return;
        }
        if self.focus == Focus::Link {
            self.apply_link(action);
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::SelectNext => self.select_by(1),
            Action::SelectPrevious => self.select_by(-1),
            Action::SelectFirst => self.select(0),
            Action::SelectLast => self.select(self.hits.len().saturating_sub(1)),
            Action::SelectPageDown => self.select_by(self.list_page() as isize),
            Action::SelectPageUp => self.select_by(-(self.list_page() as isize)),
            Action::SelectHalfPageDown => self.select_by(self.list_page().div_ceil(2) as isize),
            Action::SelectHalfPageUp => self.select_by(-(self.list_page().div_ceil(2) as isize)),
            Action::ScrollDown => self.scroll_by(1),
            Action::ScrollUp => self.scroll_by(-1),
            Action::ScrollPageDown => self.scroll_by(self.reader_page() as isize),
            Action::ScrollPageUp => self.scroll_by(-(self.reader_page() as isize)),
            Action::ScrollHalfPageDown => self.scroll_by(self.reader_rows().div_ceil(2) as isize),
            Action::ScrollHalfPageUp => self.scroll_by(-(self.reader_rows().div_ceil(2) as isize)),
            Action::ScrollTop => self.reading.scroll_to(0, self.reader_rows()),
            Action::ScrollBottom => self.reading.scroll_to(usize::MAX, self.reader_rows()),
            Action::NextArticle => self.select_by(1),
            Action::PreviousArticle => self.select_by(-1),
            Action::ToggleZoom => self.zoomed = !self.zoomed,
            Action::ToggleJustify => {
                self.typesetting.justify = !self.typesetting.justify;
                self.notice = Some(
                    if self.typesetting.justify {
                        "Justified."
                    } else {
                        "Ragged right."
                    }
                    .to_string(),
                );
                self.reflow();
            }
            Action::ToggleHyphenate => {
                self.typesetting.hyphenate = !self.typesetting.hyphenate;
                self.notice = Some(
                    if self.typesetting.hyphenate {
                        "Long words break at their syllables."
                    } else {
                        "Words are not hyphenated."
                    }
                    .to_string(),
                );
                self.reflow();
            }
            Action::StartFind => {
                if self.reading.lines().is_empty() {
                    return;
                }
                self.reading.start_find();
                self.focus = Focus::Find;
            }
            Action::FindNext => self.reading.next_hit(true, self.reader_rows()),
            Action::ToggleRead => {
                if let Some(index) = self.selected_article() {
                    let id = self.library.articles[index].id.clone();
                    let read = !self.read.contains(&id);
                    self.set_read(&id, read);
                    // Marked unread by hand, it stays unread while it is open.
                    if self.opened.is_some_and(|(i, _)| i == index) {
                        self.opened = None;
                    }
                }
            }
            Action::ToggleStar => {
                if let Some(index) = self.selected_article() {
                    let id = self.library.articles[index].id.clone();
                    let starred = !self.starred.contains(&id);
                    if starred {
                        self.starred.insert(id.clone());
                    } else {
                        self.starred.remove(&id);
                    }
                    self.effects
                        .push(Effect::Save(Change::Star { id, starred }));
                }
            }
            Action::ShowUnread => self.toggle_view(View::Unread),
            Action::Wheel { x, y, down } => {
                let step = if down { 3 } else { -3 };
                match self.pane_at(x, y) {
                    Some(Focus::List) => self.select_by(step),
                    Some(_) => self.scroll_by(step),
                    None => {}
                }
            }
            Action::Click { x, y } => {
                // A click ends typing as Enter would: the query or search is kept.
                match self.focus {
                    Focus::Filter => self.apply(Action::AcceptFilter),
                    Focus::Find => {
                        self.apply_find(Action::AcceptFilter);
                    }
                    Focus::Link => self.end_link_prompt(),
                    Focus::List | Focus::Reader => {}
                }
                self.click(x, y);
            }
            Action::SwitchLayout => {
                // Judged on the layout without zoom, which hides the list.
                let side_by_side =
                    Panes::new(self.area, false, false, self.split).is_some_and(|p| {
                        p.list.height > 0 && p.list.y == p.reader.y && p.list.x != p.reader.x
                    });
                self.split.arrangement = if side_by_side {
                    Arrangement::Stacked
                } else {
                    Arrangement::SideBySide
                };
                self.split_changed();
            }
            Action::GrowList | Action::ShrinkList => {
                let now = self.current_list_percent();
                let step: i32 = if action == Action::GrowList { 5 } else { -5 };
                let next = (i32::from(now) + step)
                    .clamp(i32::from(Split::MIN_PERCENT), i32::from(Split::MAX_PERCENT));
                self.split.list_percent = Some(next as u16);
                self.split_changed();
            }
            Action::ShowStarred => self.toggle_view(View::Starred),
            Action::OpenLink | Action::CopyLink => match self.reading.links().len() {
                0 => self.notice = Some("This article has no links.".to_string()),
                // With one link there is nothing to choose.
                1 => self.use_link(1, action == Action::CopyLink),
                _ => {
                    self.link_prompt = Some(LinkPrompt {
                        copy: action == Action::CopyLink,
                        digits: String::new(),
                    });
                    self.focus = Focus::Link;
                }
            },
            Action::FindPrevious => self.reading.next_hit(false, self.reader_rows()),
            Action::FocusReader => {
                if !self.hits.is_empty() {
                    self.focus = Focus::Reader;
                }
            }
            Action::FocusList => self.focus = Focus::List,
            // Esc in the reading pane ends a search first, then goes back to the list.
            Action::Back if self.reading.find().is_some() => self.reading.clear_find(),
            Action::Back => self.focus = Focus::List,
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::List if !self.hits.is_empty() => Focus::Reader,
                    _ => Focus::List,
                }
            }
            Action::StartFilter => self.focus = Focus::Filter,
            Action::FilterInput(c) => {
                if !c.is_control() {
                    self.edit_line(|l| l.insert(c));
                }
            }
            Action::FilterBackspace => self.edit_line(LineEdit::delete_before),
            Action::FilterDelete => self.edit_line(LineEdit::delete_after),
            Action::FilterDeleteWord => self.edit_line(LineEdit::delete_word_before),
            Action::FilterDeleteToStart => self.edit_line(LineEdit::delete_to_start),
            Action::FilterDeleteToEnd => self.edit_line(LineEdit::delete_to_end),
            Action::CursorLeft => self.line.left(),
            Action::CursorRight => self.line.right(),
            Action::CursorWordLeft => self.line.word_left(),
            Action::CursorWordRight => self.line.word_right(),
            Action::CursorStart => self.line.home(),
            Action::CursorEnd => self.line.end(),
            Action::HistoryOlder => {
                if let Some(q) = self.history.older(self.line.text()) {
                    let q = q.to_string();
                    self.set_query(&q, None);
                }
            }
            Action::HistoryNewer => {
                if let Some(q) = self.history.newer() {
                    let q = q.to_string();
                    self.set_query(&q, None);
                }
            }
            Action::AcceptFilter => {
                if self.query_pending {
                    self.refilter_now(None);
                }
                if self.query_error.is_none() {
                    let text = self.line.text().to_owned();
                    self.remember_query(&text);
                }
                self.focus = Focus::List;
            }
            Action::ClearFilter => {
                self.focus = Focus::List;
                self.history.stop_browsing();
                if !self.line.text().is_empty() || self.query_error.is_some() {
                    // Keep the article you were on, now among all the others.
                    self.set_query("", self.selected_article());
                }
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.submit(self.selected_article());
            }
            Action::FilterByAuthor => self.filter_by_author(),
            Action::FilterBySameDay => self.filter_by_day(),
            Action::ToggleHelp => self.open_overlay(Overlay::Help),
            Action::ToggleProblems => self.open_overlay(Overlay::Problems),
            Action::Resize { width, height } => self.resize(Rect::new(0, 0, width, height)),
        }
    }

    fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
        self.overlay_scroll = 0;
    }

    /// Reads the selected article from the library if the reading pane does not hold it yet.
    ///
    /// This is the one place the app touches the disk; the event loop calls it after each update.
    pub fn load_selected(&mut self) {
        let wanted = self.selected_article();
        // A failed read is not retried on every key, only when the selection comes back to it.
        if wanted == self.reading.holding() {
            return;
        }
        self.save_place();
        self.opened = None;
        match wanted {
            None => self.reading.clear(),
            Some(index) => match self.library.read(index) {
                Ok(parsed) => {
                    let (setting, rows) = (self.setting(), self.reader_rows());
                    self.reading.open(index, parsed, setting, rows);
                    if let Some(&at) = self.places.get(&self.library.articles[index].id) {
                        self.reading.go_to(at, rows);
                    }
                    self.opened = Some((index, None));
                }
                Err(err) => self.reading.fail(index, err.to_string()),
            },
        }
    }

    fn resize(&mut self, area: Rect) {
        self.area = area;
        self.panes = Panes::new(area, self.reading_focused(), self.zoomed(), self.split);
        self.reflow();
        // A taller pane has less to scroll.
        self.reading.clamp(self.reader_rows());
        self.select(self.selected);
    }

    /// Sets the open article for the reading pane's current width and typesetting; the
    /// paragraph at the top of the pane stays there.
    fn reflow(&mut self) {
        let (setting, rows) = (self.setting(), self.reader_rows());
        self.reading.set(setting, rows);
    }

    /// How the article is set now.
    fn setting(&self) -> Setting {
        Setting {
            width: self.reading_width(),
            justify: self.typesetting.justify,
            hyphenate: self.typesetting.hyphenate,
        }
    }

    /// The width the article is set to: the pane's, capped at the measure.
    pub fn reading_width(&self) -> usize {
        let measure = self.typesetting.measure.max(1);
        self.panes
            .map_or(measure, |p| p.reader_columns())
            .clamp(1, measure)
    }

    fn list_page(&self) -> usize {
        self.panes.map_or(1, |p| p.list_rows()).max(1)
    }

    fn reader_rows(&self) -> usize {
        self.panes.map_or(1, |p| p.reader_rows()).max(1)
    }

    /// A page of the reading pane keeps its last two lines in view, to read on from.
    fn reader_page(&self) -> usize {
        let rows = self.reader_rows();
        if rows > 4 { rows - 2 } else { rows }
    }

    fn select_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    fn select(&mut self, position: usize) {
        let last = self.hits.len().saturating_sub(1);
        self.selected = position.min(last);
        if self.panes.is_some_and(|p| p.list.height == 0) {
            // The list is hidden (a short screen showing the reader): keep its scroll as it was.
            return;
        }
        let page = self.list_page();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + page {
            self.list_offset = self.selected + 1 - page;
        }
        // Keep the list full when the window grows or the selection nears the end.
        self.list_offset = self.list_offset.min(self.hits.len().saturating_sub(page));
    }

    #[cfg(test)]
    fn max_scroll(&self) -> usize {
        self.reading.max_scroll(self.reader_rows())
    }

    fn scroll_by(&mut self, delta: isize) {
        self.reading.scroll_by(delta, self.reader_rows());
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn app() -> App {
        let library = Library::sample(PathBuf::from("/nowhere"), Vec::new());
        let mut app = App::new(library, Rect::new(0, 0, 100, 30));
        app.load_selected();
        app
    }

    #[test]
    fn starts_on_the_newest_article_in_the_list() {
        let app = app();
        assert_eq!(app.focus(), Focus::List);
        assert_eq!(app.selected(), 0);
        let first = &app.library().articles[app.selected_article().unwrap()];
        let newest = app.library().articles.iter().filter_map(|a| a.date).max();
        assert_eq!(first.date, newest);
        assert!(matches!(app.reader(), ReaderContent::Article { .. }));
    }

    #[test]
    fn selection_moves_and_stays_in_bounds() {
        let mut app = app();
        let n = app.hits().len();
        app.update(Action::SelectPrevious);
        assert_eq!(app.selected(), 0);
        app.update(Action::SelectNext);
        assert_eq!(app.selected(), 1);
        app.update(Action::SelectLast);
        assert_eq!(app.selected(), n - 1);
        app.update(Action::SelectNext);
        assert_eq!(app.selected(), n - 1);
        app.update(Action::SelectFirst);
        app.update(Action::SelectPageDown);
        assert_eq!(app.selected(), (app.list_page()).min(n - 1));
    }

    #[test]
    fn list_scrolls_to_keep_the_selection_visible() {
        let mut app = app();
        app.update(Action::Resize {
            width: 60,
            height: 12,
        });
        let rows = app.panes().unwrap().list_rows();
        for _ in 0..rows + 2 {
            app.update(Action::SelectNext);
        }
        assert!(app.selected() >= app.list_offset());
        assert!(app.selected() < app.list_offset() + rows);
    }

    #[test]
    fn typing_a_query_refilters_and_escape_clears_it() {
        let mut app = app();
        let total = app.hits().len();
        app.update(Action::StartFilter);
        assert_eq!(app.focus(), Focus::Filter);
        for c in "zzqx".chars() {
            app.update(Action::FilterInput(c));
        }
        assert!(app.hits().is_empty());
        app.load_selected();
        assert_eq!(app.reader(), &ReaderContent::Empty);
        app.update(Action::FilterDeleteWord);
        assert_eq!(app.query(), "");
        app.update(Action::FilterInput('x'));
        app.update(Action::ClearFilter);
        assert_eq!(app.query(), "");
        assert_eq!(app.hits().len(), total);
        assert_eq!(app.focus(), Focus::List);
    }

    #[test]
    fn accept_keeps_the_filter() {
        let mut app = app();
        app.update(Action::StartFilter);
        app.update(Action::FilterInput('a'));
        app.update(Action::AcceptFilter);
        assert_eq!(app.query(), "a");
        assert_eq!(app.focus(), Focus::List);
    }

    #[test]
    fn reader_scrolls_within_the_article() {
        let mut app = app();
        app.update(Action::FocusReader);
        assert_eq!(app.focus(), Focus::Reader);
        app.update(Action::ScrollUp);
        assert_eq!(app.scroll(), 0);
        app.update(Action::ScrollBottom);
        let bottom = app.scroll();
        assert!(bottom > 0, "sample articles are longer than one screen");
        app.update(Action::ScrollDown);
        assert_eq!(app.scroll(), bottom);
        app.update(Action::ScrollTop);
        assert_eq!(app.scroll(), 0);
        app.update(Action::ScrollPageDown);
        assert_eq!(app.scroll(), app.reader_page().min(bottom));
    }

    #[test]
    fn a_new_selection_starts_at_the_top_of_its_article() {
        let mut app = app();
        app.update(Action::ScrollPageDown);
        app.update(Action::SelectNext);
        app.load_selected();
        assert_eq!(app.scroll(), 0);
    }

    #[test]
    fn resize_reflows_to_the_new_width() {
        let mut app = app();
        app.update(Action::Resize {
            width: 40,
            height: 20,
        });
        let ReaderContent::Article { lines, .. } = app.reader() else {
            panic!("an article is loaded");
        };
        let width = app.reading_width();
        assert_eq!(width, 36);
        assert!(
            lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.text().as_str()) <= width)
        );
    }

    #[test]
    fn overlays_scroll_and_close_on_any_other_key() {
        let mut app = app();
        app.update(Action::Resize {
            width: 60,
            height: 12,
        });
        app.update(Action::ToggleHelp);
        assert_eq!(app.overlay(), Some(Overlay::Help));
        app.update(Action::ScrollDown);
        app.update(Action::ScrollDown);
        app.update(Action::ScrollUp);
        assert_eq!(app.overlay_scroll(), 1);
        app.update(Action::SelectNext);
        assert_eq!(app.overlay(), None);
        assert_eq!(
            app.selected(),
            0,
            "the key that closes an overlay does nothing else"
        );
        app.update(Action::ToggleProblems);
        assert_eq!(app.overlay(), Some(Overlay::Problems));
        assert_eq!(app.overlay_scroll(), 0);
        app.update(Action::ScrollDown);
        assert_eq!(
            app.overlay_scroll(),
            0,
            "the sample library has no problems to scroll"
        );
    }

    #[test]
    fn help_scrolls_no_further_than_its_last_line() {
        let mut app = app();
        app.update(Action::Resize {
            width: 140,
            height: 40,
        });
        app.update(Action::ToggleHelp);
        app.update(Action::ScrollDown);
        assert_eq!(app.overlay_scroll(), 0, "at 140x40 the help fits");
        app.update(Action::Resize {
            width: 60,
            height: 12,
        });
        for _ in 0..200 {
            app.update(Action::ScrollDown);
        }
        let most = app.keymap().help_lines(60) - 10;
        assert_eq!(app.overlay_scroll(), most);
        app.update(Action::ScrollUp);
        assert_eq!(app.overlay_scroll(), most - 1);
    }

    #[test]
    fn clearing_the_filter_keeps_the_selected_article() {
        let mut app = app();
        app.update(Action::StartFilter);
        for c in "harbour".chars() {
            app.update(Action::FilterInput(c));
        }
        app.update(Action::SelectNext);
        let chosen = app.selected_article();
        app.update(Action::ClearFilter);
        assert_eq!(app.query(), "");
        assert_eq!(app.selected_article(), chosen);
        assert!(app.selected() > 0);
    }

    #[test]
    fn a_taller_window_never_leaves_the_text_scrolled_past_its_end() {
        let mut app = app();
        app.update(Action::ScrollBottom);
        app.update(Action::Resize {
            width: 100,
            height: 300,
        });
        assert_eq!(app.scroll(), app.max_scroll());
    }

    #[test]
    fn the_hidden_list_keeps_its_scroll() {
        let mut app = app();
        app.update(Action::Resize {
            width: 60,
            height: 10,
        });
        for _ in 0..3 {
            app.update(Action::SelectNext);
        }
        assert_eq!(app.list_offset(), 0);
        app.update(Action::FocusReader);
        app.update(Action::FocusList);
        assert_eq!(
            app.list_offset(),
            0,
            "switching panes does not scroll the list"
        );
    }

    #[test]
    fn a_short_screen_shows_only_the_focused_pane() {
        let mut app = app();
        app.update(Action::Resize {
            width: 60,
            height: 10,
        });
        let panes = app.panes().unwrap();
        assert!(panes.list_rows() >= 4);
        assert_eq!(panes.reader.height, 0);
        app.update(Action::FocusReader);
        let panes = app.panes().unwrap();
        assert_eq!(panes.list.height, 0);
        assert!(panes.reader_rows() >= 4);
    }

    fn type_in(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Action::FilterInput(c));
        }
    }

    fn selected_title(app: &App) -> String {
        app.library().articles[app.selected_article().unwrap()]
            .title
            .clone()
    }

    #[test]
    fn an_invalid_query_keeps_the_last_results_and_says_where() {
        let mut app = app();
        app.update(Action::StartFilter);
        type_in(&mut app, "d:2023");
        let valid = app.hits().to_vec();
        assert!(!valid.is_empty());
        // Every step of typing `-00` is an error: `d:2023-`, `d:2023-0`, `d:2023-00`.
        type_in(&mut app, "-00");
        let error = app.query_error().expect("month 00 is an error");
        assert_eq!(&app.query()[error.span.clone()], "00");
        assert_eq!(app.hits(), valid, "the list keeps the last valid results");
        app.update(Action::FilterBackspace);
        type_in(&mut app, "5");
        assert!(app.query_error().is_none());
        assert!(app.hits().is_empty(), "nothing from May 2023");
        // Esc clears an invalid line too.
        type_in(&mut app, "-99");
        app.update(Action::ClearFilter);
        assert!(app.query_error().is_none());
        assert_eq!(app.hits().len(), app.library().articles.len());
    }

    #[test]
    fn typing_that_leaves_the_query_the_same_keeps_the_selection() {
        let mut app = app();
        app.update(Action::StartFilter);
        type_in(&mut app, "harbour");
        app.update(Action::SelectNext);
        for action in [
            Action::FilterInput(' '),
            Action::FilterInput('!'),
            Action::FilterBackspace,
            Action::FilterInput('|'),
        ] {
            app.update(action);
            assert_eq!(app.selected(), 1, "after {action:?}");
        }
        assert_eq!(app.query(), "harbour |");
    }

    #[test]
    fn sorting_cycles_and_keeps_the_selected_article() {
        let mut app = app();
        app.update(Action::SelectNext);
        app.update(Action::SelectNext);
        let chosen = app.selected_article();
        let dates = |app: &App| -> Vec<_> {
            app.hits()
                .iter()
                .map(|h| app.library().articles[h.index].date)
                .collect()
        };
        let newest = dates(&app);
        app.update(Action::CycleSort);
        assert_eq!(app.sort(), Sort::Oldest);
        let mut reversed = newest.clone();
        reversed.reverse();
        assert_eq!(dates(&app), reversed);
        assert_eq!(app.selected_article(), chosen);
        app.update(Action::CycleSort);
        assert_eq!(app.sort(), Sort::Title);
        let titles: Vec<String> = app
            .hits()
            .iter()
            .map(|h| app.library().articles[h.index].title.to_lowercase())
            .collect();
        assert!(titles.is_sorted());
        app.update(Action::CycleSort);
        assert_eq!(app.sort(), Sort::Author);
        app.update(Action::CycleSort);
        assert_eq!(app.sort(), Sort::Newest);
        assert_eq!(app.selected_article(), chosen);
    }

    #[test]
    fn quick_filters_write_an_editable_query() {
        let mut app = app();
        app.update(Action::StartFilter);
        type_in(&mut app, "reef");
        app.update(Action::AcceptFilter);
        let reef = selected_title(&app);
        app.update(Action::FilterByAuthor);
        assert_eq!(app.query(), r"a:^Lucía\ Brennan$");
        assert_eq!(app.hits().len(), 2);
        assert_eq!(selected_title(&app), reef, "the article stays selected");
        assert_eq!(app.focus(), Focus::List);
        // The written query is an ordinary one: it can be edited.
        app.update(Action::StartFilter);
        app.update(Action::FilterDeleteToStart);
        type_in(&mut app, "a:lucia");
        assert_eq!(app.hits().len(), 2, "accents fold");
        app.update(Action::ClearFilter);
        // Two sample articles share 5 April 2023.
        let same_day = app
            .hits()
            .iter()
            .position(|h| {
                app.library().articles[h.index].date == Some(jiff::civil::date(2023, 4, 5))
            })
            .unwrap();
        app.update(Action::SelectFirst);
        for _ in 0..same_day {
            app.update(Action::SelectNext);
        }
        app.update(Action::FilterBySameDay);
        assert_eq!(app.query(), "d:2023-04-05");
        assert_eq!(app.hits().len(), 2);
        assert_eq!(
            app.history().last().map(String::as_str),
            Some("d:2023-04-05")
        );
    }

    #[test]
    fn quick_filters_say_why_when_there_is_nothing_to_filter_by() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "Only a title\n\nAnd a paragraph.\n",
        )
        .unwrap();
        let mut app = App::new(
            Library::scan(&[dir.path().to_path_buf()]),
            Rect::new(0, 0, 100, 30),
        );
        app.update(Action::FilterByAuthor);
        assert_eq!(
            app.notice(),
            Some("This article has no author to filter by.")
        );
        assert_eq!(app.query(), "");
        app.update(Action::FilterBySameDay);
        assert_eq!(app.notice(), Some("This article has no date to filter by."));
        app.update(Action::SelectNext);
        assert_eq!(app.notice(), None, "a notice lasts until the next key");
    }

    #[test]
    fn the_filter_line_edits_like_a_shell_and_remembers_queries() {
        let mut app = app();
        app.update(Action::StartFilter);
        type_in(&mut app, "harbour tram");
        app.update(Action::CursorWordLeft);
        app.update(Action::CursorLeft);
        type_in(&mut app, " !reef");
        assert_eq!(app.query(), "harbour !reef tram");
        app.update(Action::CursorEnd);
        app.update(Action::FilterDeleteWord);
        assert_eq!(app.query(), "harbour !reef ");
        app.update(Action::CursorStart);
        app.update(Action::FilterDelete);
        assert_eq!(app.query(), "arbour !reef ");
        app.update(Action::FilterDeleteToEnd);
        assert_eq!(app.query(), "");
        type_in(&mut app, "harbour");
        app.update(Action::AcceptFilter);
        app.update(Action::StartFilter);
        app.update(Action::FilterDeleteToStart);
        type_in(&mut app, "ree");
        app.update(Action::HistoryOlder);
        assert_eq!(app.query(), "harbour");
        assert_eq!(app.hits().len(), 2, "a recalled query filters");
        app.update(Action::HistoryNewer);
        assert_eq!(app.query(), "ree", "back to what was typed");
    }

    #[test]
    fn a_large_library_searches_in_the_background_and_the_newest_query_wins() {
        use std::fmt::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let mut feed = String::new();
        for i in 0..run::BACKGROUND_FROM + 100 {
            let year = 2000 + i % 25;
            writeln!(
                feed,
                r#"{{"title": "Dispatch {i} on harbour works", "author": "Writer {}", "date": "{year}-06-01"}}"#,
                i % 13
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("feed.jsonl"), feed).unwrap();
        let library = Library::scan(&[dir.path().to_path_buf()]);
        let mut app = App::new(library, Rect::new(0, 0, 100, 30));
        let (wake, woken) = std::sync::mpsc::channel();
        app.search_in_background(move || {
            let _ = wake.send(());
        });
        app.update(Action::StartFilter);
        type_in(&mut app, "writer 7 d:2010");
        while app.searching() {
            woken
                .recv_timeout(std::time::Duration::from_secs(60))
                .expect("the worker answers");
            app.collect_search();
        }
        let background: Vec<usize> = app.hits().iter().map(|h| h.index).collect();
        let library = Library::scan(&[dir.path().to_path_buf()]);
        let mut inline = App::new(library, Rect::new(0, 0, 100, 30));
        inline.update(Action::StartFilter);
        type_in(&mut inline, "writer 7 d:2010");
        let expected: Vec<usize> = inline.hits().iter().map(|h| h.index).collect();
        assert!(!expected.is_empty());
        assert_eq!(background, expected);
    }

    fn top_line(app: &App) -> String {
        let ReaderContent::Article { lines, .. } = app.reader() else {
            panic!("an article is open");
        };
        lines[app.scroll()].text()
    }

    #[test]
    fn reading_keys_move_between_articles_zoom_and_set_the_text() {
        let mut app = app();
        app.update(Action::FocusReader);
        let first = app.selected_article();
        app.update(Action::NextArticle);
        app.load_selected();
        assert_eq!(app.focus(), Focus::Reader, "still reading");
        assert_ne!(app.selected_article(), first);
        app.update(Action::PreviousArticle);
        assert_eq!(app.selected_article(), first);
        // Zoom: the reading pane takes the list's room, and gives it back.
        let width = app.panes().unwrap().reader.width;
        app.update(Action::ToggleZoom);
        assert!(app.zoomed());
        assert_eq!(app.panes().unwrap().list.height, 0);
        assert!(app.panes().unwrap().reader.width > width);
        app.update(Action::FocusList);
        assert!(!app.zoomed(), "zoom is for reading");
        assert!(app.panes().unwrap().list.height > 0);
        app.update(Action::FocusReader);
        assert!(app.zoomed());
        app.update(Action::ToggleZoom);
        // Justified, every line of a paragraph but its last fills the width.
        app.update(Action::ToggleJustify);
        assert!(app.typesetting().justify);
        let ReaderContent::Article { lines, .. } = app.reader() else {
            panic!("an article is open");
        };
        let width = app.reading_width();
        let full = lines.iter().filter(|l| l.width() == width).count();
        assert!(full > 5, "{full} full lines at {width}");
        app.update(Action::ToggleHyphenate);
        assert!(app.typesetting().hyphenate);
    }

    #[test]
    fn a_resize_keeps_the_paragraph_being_read_on_top() {
        let mut app = app();
        app.update(Action::FocusReader);
        for _ in 0..12 {
            app.update(Action::ScrollDown);
        }
        let before = top_line(&app);
        let word = before.split_whitespace().next().unwrap().to_string();
        app.update(Action::Resize {
            width: 60,
            height: 30,
        });
        let after = top_line(&app);
        assert!(after.contains(&word), "{before:?} then {after:?}");
        app.update(Action::Resize {
            width: 100,
            height: 30,
        });
        assert_eq!(top_line(&app), before, "and back again");
    }

    #[test]
    fn searching_the_article_finds_moves_and_clears() {
        let mut app = app();
        app.update(Action::FocusReader);
        app.update(Action::StartFind);
        assert_eq!(app.focus(), Focus::Find);
        type_in(&mut app, "the");
        let hits = app.reading().find().unwrap().hits.len();
        assert!(hits > 3);
        app.update(Action::AcceptFilter);
        assert_eq!(app.focus(), Focus::Reader);
        app.update(Action::FindNext);
        app.update(Action::FindNext);
        assert_eq!(app.reading().find().unwrap().current, 2);
        app.update(Action::FindPrevious);
        assert_eq!(app.reading().find().unwrap().current, 1);
        // Smart case: a capital narrows the hits.
        app.update(Action::StartFind);
        app.update(Action::FilterDeleteToStart);
        type_in(&mut app, "The");
        assert!(app.reading().find().unwrap().hits.len() < hits);
        app.update(Action::ClearFilter);
        assert!(app.reading().find().is_none());
        assert_eq!(app.focus(), Focus::Reader);
        // Esc in the reading pane ends a search before it leaves for the list.
        app.update(Action::StartFind);
        type_in(&mut app, "harbour");
        app.update(Action::AcceptFilter);
        app.update(Action::Back);
        assert_eq!(app.focus(), Focus::Reader);
        assert!(app.reading().find().is_none());
        app.update(Action::Back);
        assert_eq!(app.focus(), Focus::List);
    }

    fn app_with(files: &[(&str, &str)]) -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let mut app = App::new(
            Library::scan(&[dir.path().to_path_buf()]),
            Rect::new(0, 0, 100, 30),
        );
        app.load_selected();
        (dir, app)
    }

    #[test]
    fn links_open_and_copy_by_number() {
        let many: String = (1..=12)
            .map(|n| format!("[link {n}](https://example.org/{n}) "))
            .collect();
        let (_dir, mut app) = app_with(&[(
            "a.md",
            &format!("---\ntitle: Links\n---\n\nSee {many}and https://example.org/bare.\n"),
        )]);
        app.update(Action::FocusReader);
        assert_eq!(app.reading().links().len(), 13);
        // With 13 links, `3` can only be link 3: it opens at once.
        app.update(Action::OpenLink);
        assert_eq!(app.focus(), Focus::Link);
        app.update(Action::FilterInput('3'));
        assert_eq!(
            app.take_effects(),
            [Effect::Open("https://example.org/3".into())]
        );
        assert_eq!(app.focus(), Focus::Reader);
        // `1` could be 1, 10, 11, 12 or 13: it waits for another digit or Enter.
        app.update(Action::CopyLink);
        app.update(Action::FilterInput('1'));
        assert!(app.take_effects().is_empty());
        app.update(Action::FilterInput('3'));
        assert_eq!(
            app.take_effects(),
            [Effect::Copy("https://example.org/bare".into())]
        );
        app.update(Action::OpenLink);
        app.update(Action::FilterInput('1'));
        app.update(Action::AcceptFilter);
        assert_eq!(
            app.take_effects(),
            [Effect::Open("https://example.org/1".into())]
        );
        // Letters are not numbers: any other key gives up, as Esc does.
        app.update(Action::OpenLink);
        app.update(Action::FilterInput('x'));
        assert_eq!(app.focus(), Focus::Reader);
        assert!(app.take_effects().is_empty());
        app.update(Action::OpenLink);
        app.update(Action::ClearFilter);
        assert_eq!(app.focus(), Focus::Reader);
        // A number past the last link is refused at once.
        app.update(Action::OpenLink);
        app.update(Action::FilterInput('1'));
        app.update(Action::FilterInput('9'));
        assert_eq!(app.focus(), Focus::Reader);
        assert_eq!(
            app.notice(),
            Some("There is no link [19]; links go from 1 to 13.")
        );
        assert!(app.take_effects().is_empty());
        app.update(Action::OpenLink);
        app.update(Action::FilterInput('0'));
        app.update(Action::AcceptFilter);
        assert!(app.take_effects().is_empty());
        assert_eq!(
            app.notice(),
            Some("There is no link [0]; links go from 1 to 13.")
        );
    }

    #[test]
    fn one_link_needs_no_number_and_none_says_so() {
        let (_dir, mut app) = app_with(&[(
            "a.txt",
            "One link\n\nAnn\n\n1 May 2020\n\nAt https://example.org/one.\n",
        )]);
        app.update(Action::FocusReader);
        app.update(Action::CopyLink);
        assert_eq!(
            app.take_effects(),
            [Effect::Copy("https://example.org/one".into())]
        );
        let (_dir, mut app) = app_with(&[("b.txt", "No links\n\nAnn\n\n1 May 2020\n\nNone.\n")]);
        app.update(Action::FocusReader);
        app.update(Action::OpenLink);
        assert_eq!(app.notice(), Some("This article has no links."));
    }

    #[test]
    fn reading_marks_stars_and_views() {
        let mut app = app();
        let first = app.selected_article().unwrap();
        assert!(!app.is_read(first));
        // Open for a moment: not yet read; open long enough: read, and saved.
        let start = Instant::now();
        app.tick(start);
        app.tick(start + Duration::from_millis(200));
        assert!(!app.is_read(first));
        app.tick(start + READ_AFTER);
        assert!(app.is_read(first));
        let id = app.library().articles[first].id.clone();
        assert!(app.take_effects().contains(&Effect::Save(Change::Read {
            id: id.clone(),
            read: true
        })));
        // Unread only leaves it out; m on another marks it read by hand.
        let total = app.hits().len();
        app.update(Action::ShowUnread);
        assert_eq!(app.view(), View::Unread);
        assert_eq!(app.hits().len(), total - 1);
        app.update(Action::ToggleRead);
        app.update(Action::ShowUnread);
        assert_eq!(app.view(), View::All);
        app.update(Action::ShowUnread);
        assert_eq!(app.hits().len(), total - 2);
        app.update(Action::ShowUnread);
        // Stars.
        app.update(Action::SelectFirst);
        app.update(Action::ToggleStar);
        assert!(app.is_starred(first));
        app.update(Action::ShowStarred);
        assert_eq!(app.hits().len(), 1);
        assert_eq!(app.selected_article(), Some(first));
        let effects = app.take_effects();
        assert!(effects.contains(&Effect::Save(Change::Star {
            id: id.clone(),
            starred: true
        })));
    }

    #[test]
    fn remembered_state_comes_back() {
        let mut app = app();
        let first = app.selected_article().unwrap();
        let id = app.library().articles[first].id.clone();
        let mut snapshot = Snapshot::default();
        snapshot.read.insert(id.clone());
        snapshot.starred.insert(id.clone());
        snapshot.positions.insert(id.clone(), (3, 0));
        snapshot.history = vec!["reef".to_string()];
        app.restore(snapshot);
        assert!(app.is_read(first) && app.is_starred(first));
        assert_eq!(app.history(), ["reef"]);
        let ReaderContent::Article { lines, .. } = app.reader() else {
            panic!("an article is open");
        };
        assert_eq!(lines[app.scroll()].at.block, Some(3), "back in paragraph 4");
        // Leaving the article remembers where you were.
        app.update(Action::FocusReader);
        app.update(Action::ScrollDown);
        app.finish();
        assert!(
            app.take_effects()
                .iter()
                .any(|e| matches!(e, Effect::Save(Change::Place { id: i, .. }) if *i == id))
        );
        // A kept query is saved.
        app.update(Action::StartFilter);
        type_in(&mut app, "tram");
        app.update(Action::AcceptFilter);
        assert_eq!(
            app.take_effects(),
            [Effect::Save(Change::Query("tram".into()))]
        );
    }

    #[test]
    fn the_mouse_scrolls_the_pane_under_it_and_clicks_select() {
        let mut app = app();
        // 100x30: the list on the left half, the reading pane on the right.
        app.update(Action::Wheel {
            x: 70,
            y: 10,
            down: true,
        });
        assert_eq!(app.scroll(), 3);
        assert_eq!(app.selected(), 0, "the list stays");
        app.update(Action::Wheel {
            x: 10,
            y: 10,
            down: true,
        });
        assert_eq!(app.selected(), 3);
        app.update(Action::Click { x: 10, y: 2 });
        assert_eq!(
            app.selected(),
            1,
            "row 2 of the screen is the list's second row"
        );
        app.update(Action::Click { x: 70, y: 5 });
        assert_eq!(app.focus(), Focus::Reader);
        app.update(Action::Click { x: 10, y: 5 });
        assert_eq!(app.focus(), Focus::List);
        assert_eq!(app.selected(), 4);
        // Below the panes, nothing happens.
        app.update(Action::Click { x: 10, y: 29 });
        assert_eq!(app.selected(), 4);
    }

    #[test]
    fn layout_switches_and_the_split_moves() {
        let mut app = app();
        let panes = app.panes().unwrap();
        assert_eq!(panes.list.y, panes.reader.y, "side by side at 100 columns");
        app.update(Action::SwitchLayout);
        let panes = app.panes().unwrap();
        assert!(panes.reader.y > panes.list.y, "stacked");
        app.update(Action::GrowList);
        assert_eq!(app.split().list_percent, Some(45));
        for _ in 0..20 {
            app.update(Action::GrowList);
        }
        assert_eq!(app.split().list_percent, Some(Split::MAX_PERCENT));
        let saved = app.take_effects();
        assert!(saved.contains(&Effect::Save(Change::Setting {
            key: "arrangement".into(),
            value: "stacked".into()
        })));
        app.update(Action::SwitchLayout);
        assert_eq!(app.split().arrangement, Arrangement::SideBySide);
    }

    #[test]
    fn the_place_is_saved_once_it_stays_put_and_hidden_panes_are_not_read() {
        let mut app = app();
        app.update(Action::FocusReader);
        for _ in 0..9 {
            app.update(Action::ScrollDown);
        }
        app.take_effects();
        let start = Instant::now();
        app.tick(start);
        app.tick(start + Duration::from_millis(500));
        assert!(
            !app.take_effects()
                .iter()
                .any(|e| matches!(e, Effect::Save(Change::Place { .. })))
        );
        app.tick(start + PLACE_AFTER);
        assert!(
            app.take_effects()
                .iter()
                .any(|e| matches!(e, Effect::Save(Change::Place { .. })))
        );
        // A short screen showing only the list: the article behind it is not being read.
        let mut short = self::app();
        short.update(Action::Resize {
            width: 60,
            height: 10,
        });
        let first = short.selected_article().unwrap();
        short.tick(start);
        short.tick(start + READ_AFTER * 3);
        assert!(!short.is_read(first));
    }

    #[test]
    fn a_click_ends_typing_as_enter_would() {
        let mut app = app();
        app.update(Action::StartFilter);
        for c in "d:2023-0".chars() {
            app.update(Action::FilterInput(c));
        }
        assert!(app.query_pending());
        app.update(Action::Click { x: 10, y: 1 });
        assert_eq!(app.focus(), Focus::List);
        assert!(!app.query_pending(), "the date was taken as it stood");
    }

    #[test]
    fn cannot_focus_the_reader_with_nothing_to_read() {
        let mut app = App::new(
            Library::scan(&[PathBuf::from("/nonexistent/byline")]),
            Rect::new(0, 0, 100, 30),
        );
        app.update(Action::FocusReader);
        assert_eq!(app.focus(), Focus::List);
    }
}

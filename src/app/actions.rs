//! Actions, routed to the part of the state they are about: the selection, the place in the
//! article, the focus, the filter line, marks and views, the screen, the typesetting.
//!
//! Quit is handled once, before anything else; an open overlay and the prompts of the reading
//! pane (`prompts.rs`) take keys first while they are open.

use unicode_width::UnicodeWidthStr;

use super::{App, Effect, Focus, Grouping, Overlay, Row, View};
use crate::action::{Action, Mode};
use crate::article::Source;
use crate::article::date;
use crate::article::sanitize::display_path;
use crate::layout;
use crate::library::Origin;
use crate::line::LineEdit;
use crate::query;
use crate::state::Change;

/// How many rows the mouse wheel moves.
const WHEEL_STEP: isize = 3;

/// The largest count a motion takes (`9999j`): more digits are not taken.
const MAX_COUNT: u32 = 9999;

impl App {
    /// Applies an action the user asked for.
    pub(super) fn act(&mut self, action: Action) {
        self.notice = None;
        // Marking all read can be undone only by the very next action.
        let marked_all = self.marked_all.take();
        // Marking more than a screenful read asks first; only the very next `A` says yes.
        let asked = std::mem::take(&mut self.mark_all_asked);
        // A count applies to the action that follows it, whatever that is.
        let count = self.count.take();
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        if action == Action::Suspend {
            self.suspend = true;
            return;
        }
        if self.screen.overlay.is_some() {
            match action {
                Action::ScrollDown
                | Action::ScrollUp
                | Action::ScrollPageDown
                | Action::ScrollPageUp
                | Action::ScrollTop
                | Action::ScrollBottom => {
                    let page = self.screen.overlay_page();
                    let by = match action {
                        Action::ScrollDown => 1,
                        Action::ScrollUp => -1,
                        Action::ScrollPageDown => page,
                        Action::ScrollPageUp => -page,
                        Action::ScrollTop => isize::MIN / 2,
                        _ => isize::MAX / 2,
                    };
                    self.screen.scroll_overlay(by, self.overlay_lines());
                }
                // Any other key closes the overlay.
                _ => self.screen.overlay = None,
            }
            return;
        }
        if action == Action::UndoMarkAllRead {
            self.undo_mark_all_read(marked_all);
            return;
        }
        if action == Action::MarkAllRead {
            self.mark_all_read(asked);
            return;
        }
        if let Some(count) = count
            && self.repeat(action, count)
        {
            return;
        }
        match self.focus {
            Focus::Link => self.link_key(action),
            Focus::Find => {
                if !self.find_key(action) {
                    self.apply(action);
                }
            }
            _ => self.apply(action),
        }
    }

    /// A key no binding takes: a digit in the list or the reading pane adds to the count for
    /// the next motion. (The filter and link lines take digits as text: they are bound there.)
    pub(super) fn type_count(&mut self, key: crossterm::event::KeyEvent) {
        use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
        if key.kind == KeyEventKind::Release {
            return;
        }
        let plain = key.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
        let digit = match key.code {
            KeyCode::Char(c) if plain => c.to_digit(10),
            _ => None,
        };
        let (Some(digit), Mode::List | Mode::Reader) = (digit, self.mode()) else {
            // A key that does nothing drops a count, as Esc does.
            self.count = None;
            return;
        };
        self.notice = None;
        // A count starts at 1: a lone 0 means nothing.
        self.count = match self.count {
            None if digit == 0 => None,
            None => Some(digit),
            Some(n) if n * 10 + digit <= MAX_COUNT => Some(n * 10 + digit),
            Some(n) => Some(n),
        };
    }

    /// Applies `action` with a count before it: a motion `count` times (`5j`, `10 Space`,
    /// `3]`), `g` and `G` to row (or line) `count`. Esc drops the count and does nothing else.
    /// Returns whether the action was taken here; any other is applied once, as if no count.
    fn repeat(&mut self, action: Action, count: u32) -> bool {
        use Action as A;
        let row = count.saturating_sub(1) as usize;
        match action {
            A::Back | A::ClearFilter => {}
            A::SelectFirst | A::SelectLast => self.list.select(row, self.screen.list_page()),
            A::ScrollTop | A::ScrollBottom => {
                let (before, rows) = (self.reading.scroll(), self.screen.reader_rows());
                self.reading.scroll_to(row, rows);
                if self.reading.scroll() != before {
                    self.scrolled();
                }
            }
            A::SelectNext
            | A::SelectPrevious
            | A::SelectPageDown
            | A::SelectPageUp
            | A::SelectHalfPageDown
            | A::SelectHalfPageUp
            | A::NextArticle
            | A::PreviousArticle
            | A::NextUnread
            | A::PreviousUnread
            | A::ScrollDown
            | A::ScrollUp
            | A::ScrollPageDown
            | A::ScrollPageUp
            | A::ScrollHalfPageDown
            | A::ScrollHalfPageUp
            | A::FindNext
            | A::FindPrevious => {
                for _ in 0..count {
                    let before = self.motion_state();
                    self.apply(action);
                    // At an end, the rest of the count would change nothing.
                    if self.motion_state() == before {
                        break;
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// What a motion moves: the selected row, the scroll, the current search hit.
    fn motion_state(&self) -> (usize, usize, Option<usize>) {
        let hit = self.reading.find().map(|f| f.current);
        (self.list.selected(), self.reading.scroll(), hit)
    }

    fn apply(&mut self, action: Action) {
        use Action as A;
        match action {
            // Handled first, in `act`.
            A::Quit | A::Suspend => {}
            A::SelectNext
            | A::SelectPrevious
            | A::SelectFirst
            | A::SelectLast
            | A::SelectPageDown
            | A::SelectPageUp
            | A::SelectHalfPageDown
            | A::SelectHalfPageUp
            | A::NextArticle
            | A::PreviousArticle => self.move_selection(action),
            A::ScrollDown
            | A::ScrollUp
            | A::ScrollPageDown
            | A::ScrollPageUp
            | A::ScrollHalfPageDown
            | A::ScrollHalfPageUp
            | A::ScrollTop
            | A::ScrollBottom
            | A::FindNext
            | A::FindPrevious => self.move_in_article(action),
            A::FocusReader
            | A::FocusList
            | A::Back
            | A::ToggleFocus
            | A::StartFilter
            | A::StartFind => self.move_focus(action),
            A::FilterInput(_)
            | A::FilterBackspace
            | A::FilterDelete
            | A::FilterDeleteWord
            | A::FilterDeleteToStart
            | A::FilterDeleteToEnd
            | A::CursorLeft
            | A::CursorRight
            | A::CursorWordLeft
            | A::CursorWordRight
            | A::CursorStart
            | A::CursorEnd
            | A::HistoryOlder
            | A::HistoryNewer
            | A::AcceptFilter
            | A::ClearFilter => self.edit_filter(action),
            A::CycleSort => {
                self.list.sort = self.list.sort.next();
                self.search(self.selected_article());
            }
            A::Reload => match self.library.origin {
                Origin::Folders(_) => {
                    self.effects.push(Effect::Reload);
                    self.notice = Some("Looking at the library again…".to_string());
                }
                Origin::Sample { .. } => {
                    self.notice =
                        Some("The sample library is built in; it does not change.".to_string())
                }
            },
            A::CycleGrouping => {
                self.list.grouping = self.list.grouping.next();
                self.arrange_list();
                self.notice = Some(match self.list.grouping {
                    Grouping::None => "Not grouped.".to_string(),
                    Grouping::Day => "Grouped by day.".to_string(),
                    Grouping::Source => "Grouped by source.".to_string(),
                });
            }
            A::FilterByAuthor => self.filter_by_author(),
            A::FilterBySameDay => self.filter_by_day(),
            A::ToggleRead => self.toggle_read(),
            A::NextUnread => self.select_unread(true),
            A::PreviousUnread => self.select_unread(false),
            A::MarkAllRead => self.mark_all_read(false),
            // Handled in `act`, which holds what the last action marked.
            A::UndoMarkAllRead => {}
            A::ToggleStar => {
                if let Some(index) = self.selected_article() {
                    let change = self.marks.toggle_star(&self.library.articles[index].id);
                    self.save(change);
                }
            }
            A::ShowUnread => self.toggle_view(View::Unread, A::ShowUnread),
            A::ShowStarred => self.toggle_view(View::Starred, A::ShowStarred),
            A::ToggleZoom
            | A::SwitchLayout
            | A::GrowList
            | A::ShrinkList
            | A::ToggleHelp
            | A::ToggleProblems => self.arrange(action),
            A::ToggleJustify | A::ToggleHyphenate => self.typeset(action),
            A::OpenLink | A::CopyLink => self.start_link(action == A::CopyLink),
            A::OpenArticle => self.open_article(),
            A::Page => self.page(),
            A::Edit => self.edit(),
        }
    }

    /// Opens the selected article's own address, when it has one.
    fn open_article(&mut self) {
        let Some(index) = self.selected_article() else {
            return;
        };
        let url = self.library.articles[index].url.as_deref();
        match url.and_then(crate::reading::links::own_address) {
            Some(address) => self.effects.push(Effect::Open(address)),
            None => self.notice = Some("This article has no address of its own".to_string()),
        }
    }

    /// Hands the open article, set as on screen, to the pager.
    fn page(&mut self) {
        if self.reading.holding().is_none() || self.reading.lines().is_empty() {
            self.notice = Some("No article to page yet".to_string());
            return;
        }
        let mut text = String::new();
        for line in self.reading.lines() {
            text.push_str(line.text().trim_end());
            text.push('\n');
        }
        self.effects.push(Effect::Page(text));
    }

    /// Hands the selected article's file to the editor.
    fn edit(&mut self) {
        let Some(index) = self.selected_article() else {
            return;
        };
        match &self.library.articles[index].source {
            Source::File(path) | Source::Record(path, _) => {
                self.effects.push(Effect::Edit(path.clone()));
            }
            Source::Sample(_) => {
                self.notice = Some("A built-in sample has no file to open".to_string());
            }
        }
    }

    /// Rows of the list a page moves.
    fn list_step(&self) -> isize {
        self.screen.list_page().unwrap_or(1) as isize
    }

    pub(super) fn select_by(&mut self, delta: isize) {
        self.list.select_by(delta, self.screen.list_page());
    }

    fn move_selection(&mut self, action: Action) {
        let page = self.list_step();
        match action {
            Action::SelectFirst => self.list.select(0, self.screen.list_page()),
            Action::SelectLast => self
                .list
                .select(self.hits().len().saturating_sub(1), self.screen.list_page()),
            Action::NextArticle if self.skip_read => self.select_unread(true),
            Action::PreviousArticle if self.skip_read => self.select_unread(false),
            Action::SelectNext | Action::NextArticle => self.select_by(1),
            Action::SelectPrevious | Action::PreviousArticle => self.select_by(-1),
            Action::SelectPageDown => self.select_by(page),
            Action::SelectPageUp => self.select_by(-page),
            Action::SelectHalfPageDown => self.select_by((page + 1) / 2),
            Action::SelectHalfPageUp => self.select_by(-((page + 1) / 2)),
            _ => {}
        }
    }

    /// A page of the reading pane keeps its last two lines in view, to read on from.
    fn reader_page(&self) -> isize {
        let rows = self.screen.reader_rows();
        (if rows > 4 { rows - 2 } else { rows }) as isize
    }

    pub(super) fn scroll_by(&mut self, delta: isize) {
        self.reading.scroll_by(delta, self.screen.reader_rows());
    }

    fn move_in_article(&mut self, action: Action) {
        let before = self.reading.scroll();
        self.scroll_article(action);
        if self.reading.scroll() != before {
            self.scrolled();
        }
    }

    fn scroll_article(&mut self, action: Action) {
        let rows = self.screen.reader_rows();
        let half = rows.div_ceil(2) as isize;
        match action {
            Action::ScrollDown => self.scroll_by(1),
            Action::ScrollUp => self.scroll_by(-1),
            Action::ScrollPageDown => self.scroll_by(self.reader_page()),
            Action::ScrollPageUp => self.scroll_by(-self.reader_page()),
            Action::ScrollHalfPageDown => self.scroll_by(half),
            Action::ScrollHalfPageUp => self.scroll_by(-half),
            Action::ScrollTop => self.reading.scroll_to(0, rows),
            Action::ScrollBottom => self.reading.scroll_to(usize::MAX, rows),
            Action::FindNext => self.reading.next_hit(true, rows),
            Action::FindPrevious => self.reading.next_hit(false, rows),
            _ => {}
        }
    }

    fn move_focus(&mut self, action: Action) {
        let has_hits = !self.hits().is_empty();
        match action {
            Action::FocusReader if has_hits => self.focus = Focus::Reader,
            Action::FocusList => self.focus = Focus::List,
            // Esc in the reading pane ends a search first, then goes back to the list.
            Action::Back if self.reading.find().is_some() => self.reading.clear_find(),
            Action::Back => self.focus = Focus::List,
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::List if has_hits => Focus::Reader,
                    _ => Focus::List,
                }
            }
            Action::StartFilter => self.focus = Focus::Filter,
            Action::StartFind if !self.reading.lines().is_empty() => {
                self.reading.start_find();
                self.focus = Focus::Find;
            }
            _ => {}
        }
    }

    fn edit_filter(&mut self, action: Action) {
        let came_back = std::mem::take(&mut self.filter.came_back);
        if let Some(edit) = line_edit(action) {
            self.edit_line(edit);
            return;
        }
        match action {
            // The last session's query is replaced by what is typed first, not added to.
            Action::FilterInput(c) if !c.is_control() && came_back => self.edit_line(|l| {
                l.set("");
                l.insert(c);
            }),
            Action::FilterInput(c) if !c.is_control() => self.edit_line(|l| l.insert(c)),
            Action::HistoryOlder | Action::HistoryNewer => {
                let recalled = if action == Action::HistoryOlder {
                    let text = self.filter.line.text().to_string();
                    self.filter.history.older(&text)
                } else {
                    self.filter.history.newer()
                };
                if let Some(query) = recalled.map(str::to_string) {
                    self.set_query(&query, None);
                }
            }
            Action::AcceptFilter => {
                if self.filter.pending() && self.filter.parse(true) {
                    self.search(None);
                }
                if self.filter.error().is_none() {
                    let text = self.filter.text().to_string();
                    self.remember_query(&text);
                }
                self.focus = Focus::List;
            }
            Action::ClearFilter => {
                self.focus = Focus::List;
                self.filter.history.stop_browsing();
                if !self.filter.text().is_empty() || self.filter.error().is_some() {
                    // Keep the article you were on, now among all the others.
                    self.set_query("", self.selected_article());
                }
            }
            _ => {}
        }
    }

    /// Applies an edit to the filter line and searches again if the query changed.
    fn edit_line(&mut self, edit: impl FnOnce(&mut LineEdit)) {
        if self.filter.edit(edit) && self.filter.parse(false) {
            self.search(None);
        }
    }

    /// Puts `text` in the filter line and searches for it, keeping `keep` selected if it matches.
    fn set_query(&mut self, text: &str, keep: Option<usize>) {
        self.filter.line.set(text);
        if self.filter.parse(false) {
            self.search(keep);
        }
    }

    /// Keeps a query in the history, here and in the state database.
    fn remember_query(&mut self, query: &str) {
        if let Some(query) = self.filter.remember(query) {
            self.save(Change::Query(query));
        }
    }

    /// Shows the list filtered by `query`, the article at `index` still selected.
    fn quick_filter(&mut self, query: &str, index: usize) {
        self.remember_query(query);
        self.set_query(query, Some(index));
        self.focus = Focus::List;
    }

    /// Writes a query for the selected article's author into the filter line.
    fn filter_by_author(&mut self) {
        let Some(index) = self.selected_article() else {
            return;
        };
        match self.library.articles[index].author.clone() {
            Some(author) => self.quick_filter(&format!("a:^{}$", query::escape(&author)), index),
            None => self.notice = Some("This article has no author to filter by.".to_string()),
        }
    }

    /// Writes a query for the selected article's day into the filter line.
    fn filter_by_day(&mut self) {
        let Some(index) = self.selected_article() else {
            return;
        };
        match self.library.articles[index].date {
            Some(day) => self.quick_filter(&format!("d:{}", date::iso(day)), index),
            None => self.notice = Some("This article has no date to filter by.".to_string()),
        }
    }

    fn toggle_read(&mut self) {
        let Some(index) = self.selected_article() else {
            return;
        };
        let id = &self.library.articles[index].id;
        let change = self.marks.set_read(id, !self.marks.is_read(id));
        self.save(change);
        // Marked unread by hand, it stays unread while it is open.
        if self.marks.opened() == Some(index) {
            self.marks.open(None);
        }
    }

    /// Selects the nearest unread article below the selection (`down`) or above it.
    fn select_unread(&mut self, down: bool) {
        let selected = self.list.selected();
        let unread = |&(_, hit): &(usize, &crate::query::rank::Hit)| {
            !self.marks.is_read(&self.library.articles[hit.index].id)
        };
        let hits = self.list.hits().iter().enumerate();
        let found = if down {
            hits.skip(selected + 1).find(unread)
        } else {
            hits.take(selected).rev().find(unread)
        };
        match found {
            Some((position, _)) => self.list.select(position, self.screen.list_page()),
            None => {
                let way = if down { "below" } else { "above" };
                self.notice = Some(format!("No unread article {way} this one."));
            }
        }
    }

    /// Marks every article the list shows as read; the next action can undo it.
    fn mark_all_read(&mut self, asked: bool) {
        let mut marked = Vec::new();
        for hit in self.list.hits() {
            let id = &self.library.articles[hit.index].id;
            if !self.marks.is_read(id) {
                marked.push(id.clone());
            }
        }
        if marked.is_empty() {
            self.notice = Some("Every article shown is read already.".to_string());
            return;
        }
        // More than the list shows at once: some of them were never in sight.
        let screenful = self.screen.list_page().unwrap_or(0);
        if marked.len() > screenful && !asked {
            let again = self
                .key_for(Mode::List, Action::MarkAllRead)
                .map_or_else(|| "again".to_string(), |key| format!("{key} again"));
            let n = crate::reading::reflow::thousands(marked.len());
            self.notice = Some(format!(
                "Mark all {n} read? {again}: yes, any other key: no"
            ));
            self.mark_all_asked = true;
            return;
        }
        for id in &marked {
            self.marks.set_read(id, true);
        }
        self.save(Change::ReadMany {
            ids: marked.clone(),
            read: true,
        });
        let undo = self
            .key_for(Mode::List, Action::UndoMarkAllRead)
            .map(|key| format!(" ({key} undoes)"))
            .unwrap_or_default();
        let n = marked.len();
        let s = if n == 1 { "" } else { "s" };
        self.notice = Some(format!("Marked {n} article{s} read{undo}."));
        self.marked_all = Some(marked);
    }

    /// Makes the articles the last action marked read unread again, if it marked all read.
    fn undo_mark_all_read(&mut self, marked: Option<Vec<String>>) {
        let Some(marked) = marked else {
            let all = self
                .key_for(Mode::List, Action::MarkAllRead)
                .map(|key| format!(" ({key})"))
                .unwrap_or_default();
            self.notice = Some(format!(
                "Nothing to undo: only marking all read{all} undoes, just after."
            ));
            return;
        };
        for id in &marked {
            self.marks.set_read(id, false);
        }
        self.save(Change::ReadMany {
            ids: marked.clone(),
            read: false,
        });
        // Unread again by hand, the open article stays unread while it is open.
        if let Some(index) = self.marks.opened()
            && marked.contains(&self.library.articles[index].id)
        {
            self.marks.open(None);
        }
        let n = marked.len();
        let s = if n == 1 { "" } else { "s" };
        self.notice = Some(format!("{n} article{s} unread again."));
    }

    fn toggle_view(&mut self, view: View, action: Action) {
        self.list.view = if self.list.view == view {
            View::All
        } else {
            view
        };
        let (keep, page) = (self.list.selected_article(), self.screen.list_page());
        let (marks, library, view) = (&self.marks, &self.library, self.list.view);
        self.list
            .apply_view(super::shows(marks, library, view), keep, page);
        self.arrange_list();
        let again = self
            .key_for(Mode::List, action)
            .map(|key| format!(" ({key} again for all)"))
            .unwrap_or_default();
        self.notice = Some(match view {
            View::All => "Showing all articles.".to_string(),
            View::Unread => format!("Showing unread articles only{again}."),
            View::Starred => format!("Showing starred articles only{again}."),
        });
    }

    fn arrange(&mut self, action: Action) {
        match action {
            Action::ToggleZoom => self.screen.zoomed = !self.screen.zoomed,
            Action::SwitchLayout => {
                self.screen.switch_arrangement();
                self.split_changed();
            }
            Action::GrowList | Action::ShrinkList => {
                self.screen.grow_list(action == Action::GrowList);
                self.split_changed();
            }
            Action::ToggleHelp => self.screen.open_overlay(Overlay::Help),
            Action::ToggleProblems => self.screen.open_overlay(Overlay::Problems),
            _ => {}
        }
    }

    /// Lays the screen out again and remembers the split for next time.
    fn split_changed(&mut self) {
        self.lay_out(self.screen.area());
        for change in self.screen.layout_changes() {
            self.save(change);
        }
    }

    fn typeset(&mut self, action: Action) {
        let t = &mut self.typesetting;
        let notice = if action == Action::ToggleJustify {
            t.justify = !t.justify;
            if t.justify {
                "Justified."
            } else {
                "Ragged right."
            }
        } else {
            t.hyphenate = !t.hyphenate;
            if t.hyphenate {
                "Long words break at their syllables."
            } else {
                "Words are not hyphenated."
            }
        };
        self.notice = Some(notice.to_string());
        self.reflow();
    }

    /// Lines the open overlay takes on this screen.
    fn overlay_lines(&self) -> usize {
        let width = self.screen.area().width;
        match self.screen.overlay {
            Some(Overlay::Help) => {
                layout::help_lines(width, |mode| self.keymap.help_rows(mode).len())
            }
            Some(Overlay::Problems) => {
                let problems = &self.library.problems;
                if problems.is_empty() {
                    return layout::problems_rows(width, [super::NO_PROBLEMS.width()]);
                }
                let widths = problems.iter().map(|p| {
                    display_path(self.library.shown_path(&p.path)).width() + 2 + p.reason.width()
                });
                layout::problems_rows(width, widths)
            }
            None => 0,
        }
    }

    /// The mouse wheel over (x, y) scrolls the pane under it (the list moves its selection).
    pub(super) fn wheel(&mut self, x: u16, y: u16, down: bool) {
        let step = if down { WHEEL_STEP } else { -WHEEL_STEP };
        match self.screen.pane_at(x, y) {
            Some(super::screen::Pane::List) => self.select_by(step),
            Some(super::screen::Pane::Reader) => {
                let before = self.reading.scroll();
                self.scroll_by(step);
                if self.reading.scroll() != before {
                    self.scrolled();
                }
            }
            None => {}
        }
    }

    /// A click at (x, y): selects the list row there, or focuses the reading pane. It ends
    /// typing as Enter would: the query or search is kept.
    pub(super) fn click(&mut self, x: u16, y: u16) {
        match self.focus {
            Focus::Filter => self.edit_filter(Action::AcceptFilter),
            Focus::Find => {
                self.find_key(Action::AcceptFilter);
            }
            // The mouse only closes a link prompt (see `update`).
            Focus::Link | Focus::List | Focus::Reader => {}
        }
        match self.screen.pane_at(x, y) {
            Some(super::screen::Pane::List) => {
                self.focus = Focus::List;
                if let Some(row) = self.screen.list_row_at(y) {
                    // A group's header selects the group's first article.
                    let position = match self.list.row(self.list.offset() + row) {
                        Some(Row::Hit(position)) => Some(position),
                        Some(Row::Header(group)) => Some(group.start),
                        None => None,
                    };
                    if let Some(position) = position {
                        self.list.select(position, self.screen.list_page());
                    }
                }
            }
            Some(super::screen::Pane::Reader) if !self.hits().is_empty() => {
                self.focus = Focus::Reader
            }
            _ => {}
        }
    }

    /// Asks the shell to open or copy link `n` (from 1).
    pub(super) fn use_link(&mut self, n: usize, copy: bool) {
        let Some(address) = self.reading.links().get(n - 1).cloned() else {
            return;
        };
        self.effects.push(if copy {
            Effect::Copy(address)
        } else {
            Effect::Open(address)
        });
    }
}

/// The edit an action makes to a line being typed (the filter line, the search line), for the
/// actions that only edit.
pub(super) fn line_edit(action: Action) -> Option<fn(&mut LineEdit)> {
    Some(match action {
        Action::FilterBackspace => LineEdit::delete_before,
        Action::FilterDelete => LineEdit::delete_after,
        Action::FilterDeleteWord => LineEdit::delete_word_before,
        Action::FilterDeleteToStart => LineEdit::delete_to_start,
        Action::FilterDeleteToEnd => LineEdit::delete_to_end,
        Action::CursorLeft => LineEdit::left,
        Action::CursorRight => LineEdit::right,
        Action::CursorWordLeft => LineEdit::word_left,
        Action::CursorWordRight => LineEdit::word_right,
        Action::CursorStart => LineEdit::home,
        Action::CursorEnd => LineEdit::end,
        _ => return None,
    })
}

//! The app's tests: every behaviour driven through [`App::update`], as the shell drives it.
//!
//! [`Session`] plays the shell with pure code: it answers searches with a [`Runner`] and reads
//! articles from the library (the built-in samples are compiled in, so no file is read but by
//! the tests of files changing), and keeps every other effect for the test to look at.
//! `session.rs` plays the shell by hand.

mod session;

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::{Date, date};
use ratatui::layout::Rect;

use super::*;
use crate::layout::{self, Arrangement};
use crate::query::run::Runner;

/// The day the tests run on, for dates in queries.
const TODAY: Date = date(2026, 11, 28);

/// An app with the shell's part played by pure code.
struct Session {
    app: App,
    runner: Runner,
    /// Effects that are not answered with an event: saves, links to open or copy.
    kept: Vec<Effect>,
}

impl Session {
    fn new(init: Init) -> Self {
        let mut session = Self {
            app: App::new(init),
            runner: Runner::default(),
            kept: Vec::new(),
        };
        session.settle();
        session
    }

    fn update(&mut self, event: impl Into<Event>) {
        self.app.update(event);
        self.settle();
    }

    /// Answers searches and reads until the app asks for nothing more.
    fn settle(&mut self) {
        loop {
            let effects = self.app.take_effects();
            if effects.is_empty() {
                return;
            }
            for effect in effects {
                match effect {
                    Effect::Search(request) => {
                        let done = self.runner.run(request);
                        self.app.update(Event::Searched(done));
                    }
                    Effect::Load(index) => {
                        let event = read(self.app.library(), index);
                        self.app.update(event);
                    }
                    Effect::Typeset(job) => self.app.update(Event::Typeset(job.run())),
                    other => self.kept.push(other),
                }
            }
        }
    }

    /// What the app asked of the shell besides searches and reads, since last asked.
    fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.kept)
    }

    fn tick(&mut self, now: Instant) {
        self.update(Event::Tick { now, today: TODAY });
    }

    fn max_scroll(&self) -> usize {
        self.app.reading().max_scroll(self.app.screen.reader_rows())
    }

    fn list_page(&self) -> usize {
        self.app.screen.list_page().unwrap_or(1)
    }

    fn reader_page(&self) -> usize {
        let rows = self.app.screen.reader_rows();
        if rows > 4 { rows - 2 } else { rows }
    }
}

/// The article at `index` as the shell answers a read: the file read again instead, when it
/// changed since it was listed.
fn read(library: &Library, index: usize) -> Event {
    let article = library.read(index);
    if let Err(crate::library::ArticleError::Changed) = article
        && let Some(file) = library.read_file_again(index)
    {
        return Event::FileChanged { index, file };
    }
    Event::Loaded {
        index,
        article: article.map_err(|e| e.to_string()),
    }
}

impl Deref for Session {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

fn on(library: Library, width: u16, height: u16) -> Session {
    Session::new(Init::new(
        Arc::new(library),
        Rect::new(0, 0, width, height),
        TODAY,
    ))
}

/// A key as the terminal sends it, mapped by the key map in force.
fn key(c: char) -> Event {
    press(KeyCode::Char(c))
}

fn press(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn sample() -> Library {
    Library::sample(PathBuf::from("/nowhere"), Vec::new())
}

fn app() -> Session {
    on(sample(), 100, 30)
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
    app.update(Event::Resize {
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
    assert_eq!(app.scroll(), 0);
}

#[test]
fn resize_reflows_to_the_new_width() {
    let mut app = app();
    app.update(Event::Resize {
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
    app.update(Event::Resize {
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
    app.update(Event::Resize {
        width: 140,
        height: 50,
    });
    app.update(Action::ToggleHelp);
    app.update(Action::ScrollDown);
    assert_eq!(app.overlay_scroll(), 0, "at 140x50 the help fits");
    app.update(Event::Resize {
        width: 60,
        height: 12,
    });
    for _ in 0..200 {
        app.update(Action::ScrollDown);
    }
    let most = layout::help_lines(60, |m| app.keymap().help_rows(m).len()) - 10;
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
    app.update(Event::Resize {
        width: 100,
        height: 300,
    });
    assert_eq!(app.scroll(), app.max_scroll());
}

#[test]
fn the_hidden_list_keeps_its_scroll() {
    let mut app = app();
    app.update(Event::Resize {
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
    app.update(Event::Resize {
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

fn type_in(app: &mut Session, text: &str) {
    for c in text.chars() {
        app.update(Action::FilterInput(c));
    }
}

fn selected_title(app: &Session) -> String {
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
    let dates = |app: &Session| -> Vec<_> {
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
        .position(|h| app.library().articles[h.index].date == Some(jiff::civil::date(2023, 4, 5)))
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
    let mut app = on(Library::scan(&[dir.path().to_path_buf()]), 100, 30);
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

fn top_line(app: &Session) -> String {
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
    app.update(Event::Resize {
        width: 60,
        height: 30,
    });
    let after = top_line(&app);
    assert!(after.contains(&word), "{before:?} then {after:?}");
    app.update(Event::Resize {
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

fn app_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let app = on(Library::scan(&[dir.path().to_path_buf()]), 100, 30);
    (dir, app)
}

#[test]
fn the_article_goes_to_the_pager_as_set_and_its_file_to_the_editor() {
    let (dir, mut app) = app_with(&[(
        "a.md",
        "---\ntitle: Paged\nauthor: Ann\n---\n\nA first paragraph.\n\nA second one.\n",
    )]);
    app.update(Action::Page);
    let [Effect::Page(text)] = &app.take_effects()[..] else {
        panic!("one page effect");
    };
    assert!(text.starts_with("Paged\nAnn\n"), "{text:?}");
    assert!(
        text.contains("A first paragraph.\n\nA second one.\n"),
        "{text:?}"
    );
    app.update(Action::Edit);
    assert_eq!(app.take_effects(), [Effect::Edit(dir.path().join("a.md"))]);
}

#[test]
fn o_capital_opens_the_articles_own_address_and_only_a_web_one() {
    let (_dir, mut app) = app_with(&[
        (
            "a.md",
            "---\ntitle: Own\nurl: https://example.org/news/own page\n---\n\nText.\n",
        ),
        (
            "b.md",
            "---\ntitle: Script\nurl: \"javascript:alert(1)\"\n---\n\nText.\n",
        ),
    ]);
    let by_title = |app: &Session, title: &str| {
        (0..app.hits().len())
            .find(|&i| app.library().articles[app.hits()[i].index].title == title)
            .unwrap()
    };
    let own = by_title(&app, "Own");
    app.app.list.select(own, None);
    app.update(Action::OpenArticle);
    assert_eq!(
        app.take_effects(),
        [Effect::Open("https://example.org/news/own%20page".into())]
    );
    let script = by_title(&app, "Script");
    app.app.list.select(script, None);
    app.update(Action::OpenArticle);
    assert!(app.take_effects().is_empty());
    assert_eq!(app.notice(), Some("This article has no address of its own"));
}

#[test]
fn a_sample_has_no_file_to_edit() {
    let mut app = app();
    app.update(Action::Edit);
    assert!(app.take_effects().is_empty());
    assert_eq!(app.notice(), Some("A built-in sample has no file to open"));
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
    app.update(Action::FocusReader);
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
    app.update(Action::FocusList);
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
fn the_unread_count_is_of_the_articles_shown() {
    let mut app = app();
    let total = app.hits().len();
    assert_eq!(app.unread_shown(), total);
    app.update(Action::ToggleRead);
    assert_eq!(app.unread_shown(), total - 1);
    let read = app.selected_article().unwrap();
    // A query counts its matches only.
    app.update(Action::StartFilter);
    type_in(&mut app, "harbour");
    let matches = app.hits().len();
    let unread = app.hits().iter().filter(|h| h.index != read).count();
    assert!(matches < total);
    assert_eq!(app.unread_shown(), unread);
    app.update(Action::ClearFilter);
    app.update(Action::ShowUnread);
    assert_eq!(app.unread_shown(), app.hits().len());
}

#[test]
fn n_and_capital_n_move_to_the_next_and_previous_unread() {
    let mut app = app();
    // Rows 1 and 2 read: from row 0, n skips them.
    app.update(Action::SelectNext);
    app.update(Action::ToggleRead);
    app.update(Action::SelectNext);
    app.update(Action::ToggleRead);
    app.update(Action::SelectFirst);
    app.update(Action::ToggleRead);
    app.update(key('n'));
    assert_eq!(app.selected(), 3);
    app.update(key('N'));
    assert_eq!(app.selected(), 3, "nothing unread above");
    assert_eq!(app.notice(), Some("No unread article above this one."));
    app.update(Action::SelectLast);
    let last = app.selected();
    app.update(Action::NextUnread);
    assert_eq!(app.selected(), last);
    assert_eq!(app.notice(), Some("No unread article below this one."));
    app.update(Action::PreviousUnread);
    assert_eq!(app.selected(), last - 1);
    // In the reading pane n and N stay the search's.
    app.update(Action::FocusReader);
    let before = app.selected();
    app.update(key('/'));
    type_in(&mut app, "the");
    app.update(press(KeyCode::Enter));
    let hit = app.reading().find().unwrap().current;
    app.update(key('n'));
    assert_eq!(app.reading().find().unwrap().current, hit + 1);
    assert_eq!(app.selected(), before);
}

#[test]
fn with_skip_read_the_next_and_previous_article_keys_pass_over_read_ones() {
    let with = |skip_read: bool| {
        let mut app = Session::new(Init {
            skip_read,
            ..Init::new(Arc::new(sample()), Rect::new(0, 0, 100, 30), TODAY)
        });
        // Rows 1 and 2 read; reading row 0.
        app.update(Action::SelectNext);
        app.update(Action::ToggleRead);
        app.update(Action::SelectNext);
        app.update(Action::ToggleRead);
        app.update(Action::SelectFirst);
        app.update(Action::FocusReader);
        app
    };
    let mut app = with(false);
    app.update(key(']'));
    assert_eq!(app.selected(), 1, "the next article, read or not");

    let mut app = with(true);
    app.update(key(']'));
    assert_eq!(app.selected(), 3, "the next unread article");
    assert_eq!(app.focus(), Focus::Reader, "still reading");
    app.update(key('['));
    assert_eq!(app.selected(), 0);
    app.update(key('['));
    assert_eq!(app.selected(), 0);
    assert_eq!(app.notice(), Some("No unread article above this one."));
}

#[test]
fn capital_a_marks_all_shown_read_and_capital_u_undoes_it_just_after() {
    let mut app = app();
    let total = app.hits().len();
    app.update(Action::ToggleRead);
    app.take_effects();
    // A query: only its matches are marked.
    app.update(Action::StartFilter);
    type_in(&mut app, "harbour");
    app.update(Action::AcceptFilter);
    let shown: Vec<usize> = app.hits().iter().map(|h| h.index).collect();
    app.take_effects();
    app.update(key('A'));
    assert!(shown.iter().all(|&i| app.is_read(i)));
    assert_eq!(
        app.notice(),
        Some(&*format!(
            "Marked {} articles read (U undoes).",
            shown.len()
        ))
    );
    // One save for them all (one transaction, however many).
    let ids: Vec<String> = (shown.iter())
        .map(|&i| app.library().articles[i].id.clone())
        .collect();
    let saved = app.take_effects();
    let [
        Effect::Save(Change::ReadMany {
            ids: marked,
            read: true,
        }),
    ] = &saved[..]
    else {
        panic!("one save: {saved:?}");
    };
    assert_eq!(marked.len(), ids.len());
    assert!(ids.iter().all(|id| marked.contains(id)));
    app.update(key('U'));
    assert!(shown.iter().all(|&i| !app.is_read(i)));
    assert!(matches!(
        &app.take_effects()[..],
        [Effect::Save(Change::ReadMany { read: false, .. })]
    ));
    // Undo is one level, and only right after: another key in between ends it.
    app.update(key('A'));
    app.update(key('j'));
    app.update(key('U'));
    assert!(shown.iter().all(|&i| app.is_read(i)));
    assert!(app.notice().unwrap().starts_with("Nothing to undo"));
    // With everything read, A says so; the first article, read by m, was never in the undo.
    app.update(Action::ClearFilter);
    app.update(key('A'));
    app.update(key('A'));
    assert_eq!(app.notice(), Some("Every article shown is read already."));
    app.update(key('U'));
    assert_eq!(
        app.unread_shown(),
        0,
        "the second A marked nothing, so U undoes nothing"
    );
    assert_eq!(app.hits().len(), total);
}

#[test]
fn marking_more_than_a_screenful_read_asks_first() {
    // 14 unread articles, a list showing fewer of them at once.
    let mut app = on(sample(), 100, 12);
    let screenful = app.list_page();
    assert!(app.hits().len() > screenful, "{screenful} rows");
    app.update(key('A'));
    assert_eq!(app.unread_shown(), app.hits().len(), "nothing marked yet");
    assert!(app.take_effects().is_empty());
    let asked = app.notice().unwrap().to_string();
    assert!(
        asked == "Mark all 14 read? A again: yes, any other key: no",
        "{asked}"
    );
    // Any other key says no; the question is asked again next time.
    app.update(key('j'));
    app.update(key('A'));
    assert_eq!(app.unread_shown(), 14);
    app.update(key('A'));
    assert_eq!(app.unread_shown(), 0);
    assert_eq!(app.notice(), Some("Marked 14 articles read (U undoes)."));
}

fn keys(app: &mut Session, keys: &str) {
    for c in keys.chars() {
        app.update(key(c));
    }
}

#[test]
fn a_count_before_a_motion_repeats_it() {
    let mut app = app();
    keys(&mut app, "5");
    assert_eq!(app.count(), Some(5), "shown while typed");
    keys(&mut app, "j");
    assert_eq!((app.selected(), app.count()), (5, None));
    keys(&mut app, "2k");
    assert_eq!(app.selected(), 3);
    // A count past the end stops there.
    keys(&mut app, "99j");
    assert_eq!(app.selected(), app.hits().len() - 1);
    // G and g with a count go to that row (from 1).
    keys(&mut app, "4G");
    assert_eq!(app.selected(), 3);
    keys(&mut app, "12g");
    assert_eq!(app.selected(), 11);
    keys(&mut app, "G");
    assert_eq!(app.selected(), app.hits().len() - 1, "G alone is the last");
    // A lone 0 is no count, nor is one followed by a key that does nothing; Esc drops a
    // count and does nothing else.
    keys(&mut app, "0");
    assert_eq!(app.count(), None);
    keys(&mut app, "4x");
    assert_eq!(app.count(), None);
    keys(&mut app, "k");
    assert_eq!(app.selected(), app.hits().len() - 2);
    app.update(Action::StartFilter);
    type_in(&mut app, "harbour");
    app.update(Action::AcceptFilter);
    keys(&mut app, "3");
    app.update(press(KeyCode::Esc));
    assert_eq!(app.count(), None);
    assert_eq!(
        app.query(),
        "harbour",
        "the first Esc only dropped the count"
    );
    // A count before an action that is no motion is dropped, the action done once.
    keys(&mut app, "2");
    app.update(press(KeyCode::Esc));
    app.update(press(KeyCode::Esc));
    keys(&mut app, "3*");
    assert_eq!(app.count(), None);
    assert!(app.is_starred(app.selected_article().unwrap()));

    // In the reading pane: lines, pages, articles.
    app.update(Action::SelectFirst);
    app.update(Action::FocusReader);
    keys(&mut app, "3j");
    assert_eq!(app.scroll(), 3);
    keys(&mut app, "2 ");
    assert_eq!(
        app.scroll(),
        (3 + 2 * app.reader_page()).min(app.max_scroll())
    );
    keys(&mut app, "3]");
    assert_eq!((app.selected(), app.focus()), (3, Focus::Reader));
    keys(&mut app, "7G");
    assert_eq!(
        app.scroll(),
        6.min(app.max_scroll()),
        "G with a count goes to that line"
    );
}

#[test]
fn digits_stay_text_in_the_filter_line_and_numbers_in_the_link_prompt() {
    let mut app = app();
    app.update(key('/'));
    keys(&mut app, "2019");
    assert_eq!((app.query(), app.count()), ("2019", None));
    app.update(press(KeyCode::Esc));

    let many: String = (1..=12)
        .map(|n| format!("[link {n}](https://example.org/{n}) "))
        .collect();
    let (_dir, mut app) =
        app_with(&[("a.md", &format!("---\ntitle: Links\n---\n\nSee {many}.\n"))]);
    app.update(Action::FocusReader);
    keys(&mut app, "o12");
    assert_eq!(app.count(), None);
    assert_eq!(
        app.take_effects(),
        [Effect::Open("https://example.org/12".into())]
    );
    // A count typed before o is dropped, not added to the link number.
    keys(&mut app, "5o1");
    app.update(press(KeyCode::Enter));
    assert_eq!(
        app.take_effects(),
        [Effect::Open("https://example.org/1".into())]
    );
}

/// A session at 100x30 (side by side) that marks read as `mark_read` says.
fn marking(mark_read: MarkRead) -> Session {
    Session::new(Init {
        mark_read,
        ..Init::new(Arc::new(sample()), Rect::new(0, 0, 100, 30), TODAY)
    })
}

// The preview beside the list marked the top hit read while a filter was still being typed.
#[test]
fn the_preview_beside_the_list_marks_nothing_read() {
    let mut app = marking(MarkRead::Open);
    let first = app.selected_article().unwrap();
    let start = Instant::now();
    app.tick(start);
    app.tick(start + READ_AFTER * 4);
    assert!(app.panes().unwrap().reader.width > 0, "the preview shows");
    assert!(!app.is_read(first), "selected in the list is not read");
    // Typing a filter, its top hit in the preview for a long while: still unread.
    app.update(Action::StartFilter);
    type_in(&mut app, "reef");
    let top = app.selected_article().unwrap();
    app.tick(start + READ_AFTER * 5);
    app.tick(start + READ_AFTER * 9);
    app.update(Action::ClearFilter);
    assert!(!app.is_read(top));
    assert!(
        !app.take_effects()
            .iter()
            .any(|e| matches!(e, Effect::Save(Change::Read { .. })))
    );
    // Opened with the focus, the clock starts then, not when it was selected.
    app.update(Action::SelectFirst);
    app.update(Action::FocusReader);
    app.tick(start + READ_AFTER * 10);
    assert!(!app.is_read(first), "open for no time yet");
    // Back to the list before the time is up: the clock stops, and starts again.
    app.update(Action::FocusList);
    app.tick(start + READ_AFTER * 11);
    assert!(!app.is_read(first));
    app.update(Action::FocusReader);
    app.tick(start + READ_AFTER * 11 + READ_AFTER / 2);
    app.tick(start + READ_AFTER * 12);
    assert!(
        !app.is_read(first),
        "half the time since it was opened again"
    );
    app.tick(start + READ_AFTER * 12 + READ_AFTER / 2);
    assert!(app.is_read(first));
}

#[test]
fn scrolling_the_open_article_reads_it_at_once() {
    let mut app = marking(MarkRead::Open);
    let first = app.selected_article().unwrap();
    app.update(Action::FocusReader);
    app.update(Action::ScrollTop);
    assert!(
        !app.is_read(first),
        "a scroll that moves nothing is no reading"
    );
    app.update(Action::ScrollDown);
    assert!(app.is_read(first));
    // Marked unread by hand, it stays unread while it is open, scrolled or not.
    app.update(Action::ToggleRead);
    app.update(Action::ScrollDown);
    let start = Instant::now();
    app.tick(start);
    app.tick(start + READ_AFTER * 2);
    assert!(!app.is_read(first));
    // The next article, opened from the pane, reads when the wheel scrolls it.
    app.update(Action::NextArticle);
    let second = app.selected_article().unwrap();
    assert!(!app.is_read(second));
    app.update(Event::Wheel {
        x: 70,
        y: 10,
        down: true,
    });
    assert!(app.is_read(second));
}

#[test]
fn mark_read_preview_is_the_old_way_and_never_leaves_it_to_m() {
    let start = Instant::now();
    let mut preview = marking(MarkRead::Preview);
    let first = preview.selected_article().unwrap();
    preview.tick(start);
    preview.tick(start + READ_AFTER);
    assert!(preview.is_read(first), "shown beside the list long enough");

    let mut never = marking(MarkRead::Never);
    never.update(Action::FocusReader);
    never.update(Action::ScrollDown);
    never.tick(start);
    never.tick(start + READ_AFTER * 3);
    assert!(!never.is_read(first));
    never.update(Action::ToggleRead);
    assert!(never.is_read(first), "m marks it");
}

#[test]
fn the_last_session_comes_back_unless_asked_not_to() {
    // A session: a filter, a sort, the starred view, an article selected; then closing.
    let mut first = app();
    type_in(&mut first, "harbour");
    first.update(Action::AcceptFilter);
    first.update(Action::CycleSort);
    first.update(Action::ToggleStar);
    first.update(Action::ShowStarred);
    first.update(Action::CycleGrouping);
    assert_eq!(first.notice(), Some("Grouped by day."));
    let chosen = first.selected_article().unwrap();
    first.take_effects();
    first.update(Event::Closing);
    let mut remembered = Snapshot::default();
    remembered
        .starred
        .insert(sample().articles[chosen].id.clone());
    for effect in first.take_effects() {
        if let Effect::Save(Change::Setting { key, value }) = effect {
            remembered.settings.insert(key, value);
        }
    }
    let area = Rect::new(0, 0, 100, 30);
    let again = |restore_session: bool| {
        Session::new(Init {
            remembered: remembered.clone(),
            restore_session,
            ..Init::new(Arc::new(sample()), area, TODAY)
        })
    };
    let mut back = again(true);
    assert_eq!(back.query(), "harbour");
    assert_eq!(
        back.notice(),
        Some("The last filter is back (Esc clears it).")
    );
    assert_eq!(back.sort(), Sort::Oldest);
    assert_eq!(back.view(), View::Starred);
    assert_eq!(back.grouping(), Grouping::Day);
    assert_eq!(
        back.list_row(0).map(|row| matches!(row, Row::Header(_))),
        Some(true)
    );
    assert_eq!(back.selected_article(), Some(chosen));
    // Typing a new query replaces the one that came back; an edit first keeps it.
    back.update(Action::StartFilter);
    type_in(&mut back, "tram");
    assert_eq!(back.query(), "tram");
    let mut edited = again(true);
    edited.update(Action::StartFilter);
    edited.update(Action::CursorEnd);
    type_in(&mut edited, " line");
    assert_eq!(edited.query(), "harbour line");
    // `--fresh` (or `restore_session = false`): a clean start, the marks kept.
    let fresh = again(false);
    assert_eq!(fresh.query(), "");
    assert_eq!(fresh.view(), View::All);
    assert_eq!(fresh.grouping(), Grouping::None);
    assert!(fresh.is_starred(chosen));
    // On another library the session left on the samples does not come back.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# Harbour news\n\nText.\n").unwrap();
    let other = Session::new(Init {
        remembered: remembered.clone(),
        restore_session: true,
        ..Init::new(
            Arc::new(Library::scan(&[dir.path().to_path_buf()])),
            area,
            TODAY,
        )
    });
    assert_eq!(other.query(), "");
    assert_eq!(other.view(), View::All);
    assert_eq!(other.hits().len(), 1);
}

#[test]
fn remembered_state_comes_back() {
    let first = app().selected_article().unwrap();
    let id = sample().articles[first].id.clone();
    let mut remembered = Snapshot::default();
    remembered.read.insert(id.clone());
    remembered.starred.insert(id.clone());
    remembered.positions.insert(id.clone(), (3, 0));
    remembered.history = vec!["reef".to_string()];
    remembered
        .settings
        .insert("layout.wide".into(), "stacked".into());
    remembered
        .settings
        .insert("layout.config".into(), "auto".into());
    let mut app = Session::new(Init {
        remembered,
        ..Init::new(Arc::new(sample()), Rect::new(0, 0, 100, 30), TODAY)
    });
    assert_eq!(app.selected_article(), Some(first));
    assert!(app.is_read(first) && app.is_starred(first));
    assert_eq!(app.split().arrangement, Arrangement::Stacked);
    assert_eq!(app.history(), ["reef"]);
    let ReaderContent::Article { lines, .. } = app.reader() else {
        panic!("an article is open");
    };
    assert_eq!(lines[app.scroll()].at.block, Some(3), "back in paragraph 4");
    // Leaving the article remembers where you were.
    app.update(Action::FocusReader);
    app.update(Action::ScrollDown);
    app.update(Event::Closing);
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
    app.update(Event::Wheel {
        x: 70,
        y: 10,
        down: true,
    });
    assert_eq!(app.scroll(), 3);
    assert_eq!(app.selected(), 0, "the list stays");
    app.update(Event::Wheel {
        x: 10,
        y: 10,
        down: true,
    });
    assert_eq!(app.selected(), 3);
    app.update(Event::Click { x: 10, y: 2 });
    assert_eq!(
        app.selected(),
        1,
        "row 2 of the screen is the list's second row"
    );
    app.update(Event::Click { x: 70, y: 5 });
    assert_eq!(app.focus(), Focus::Reader);
    app.update(Event::Click { x: 10, y: 5 });
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(app.selected(), 4);
    // Below the panes, nothing happens.
    app.update(Event::Click { x: 10, y: 29 });
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
        key: "layout.wide".into(),
        value: "stacked:80".into()
    })));
    assert!(saved.contains(&Effect::Save(Change::Setting {
        key: "layout.config".into(),
        value: "auto".into()
    })));
    app.update(Action::SwitchLayout);
    assert_eq!(app.split().arrangement, Arrangement::SideBySide);
}

#[test]
fn a_layout_chosen_by_hand_is_kept_per_size_of_screen_and_until_the_config_changes() {
    let side_by_side = |app: &Session| {
        let panes = app.panes().unwrap();
        panes.list.y == panes.reader.y
    };
    // Narrow: `auto` stacks; side by side chosen here is for narrow screens only.
    let mut app = Session::new(Init::new(
        Arc::new(sample()),
        Rect::new(0, 0, 80, 30),
        TODAY,
    ));
    assert!(!side_by_side(&app));
    app.update(Action::SwitchLayout);
    assert!(side_by_side(&app));
    // Wide: the config's `auto` still decides (side by side), and stacked is chosen.
    app.update(Event::Resize {
        width: 160,
        height: 40,
    });
    assert!(side_by_side(&app));
    assert_eq!(app.split().arrangement, Arrangement::Auto);
    app.update(Action::SwitchLayout);
    assert!(!side_by_side(&app));
    // Back to narrow: the choice made there.
    app.update(Event::Resize {
        width: 80,
        height: 30,
    });
    assert!(side_by_side(&app));
    let saved: Snapshot = {
        let mut snapshot = Snapshot::default();
        for effect in app.take_effects() {
            if let Effect::Save(Change::Setting { key, value }) = effect {
                snapshot.settings.insert(key, value);
            }
        }
        snapshot
    };
    assert_eq!(saved.settings["layout.narrow"], "side-by-side");
    assert_eq!(saved.settings["layout.wide"], "stacked");

    // The next session brings both back while the config says what it said...
    let again = |split: Split, area: Rect| {
        Session::new(Init {
            remembered: saved.clone(),
            split,
            ..Init::new(Arc::new(sample()), area, TODAY)
        })
    };
    assert!(side_by_side(&again(
        Split::default(),
        Rect::new(0, 0, 80, 30)
    )));
    assert!(!side_by_side(&again(
        Split::default(),
        Rect::new(0, 0, 160, 40)
    )));
    // ...and forgets them once the config asks for another layout.
    let configured = Split {
        arrangement: Arrangement::Auto,
        list_percent: Some(30),
    };
    assert!(!side_by_side(&again(configured, Rect::new(0, 0, 80, 30))));
    assert!(side_by_side(&again(configured, Rect::new(0, 0, 160, 40))));
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
    short.update(Event::Resize {
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
    app.update(Event::Click { x: 10, y: 1 });
    assert_eq!(app.focus(), Focus::List);
    assert!(!app.query_pending(), "the date was taken as it stood");
}

#[test]
fn cannot_focus_the_reader_with_nothing_to_read() {
    let mut app = on(
        Library::scan(&[PathBuf::from("/nonexistent/byline")]),
        100,
        30,
    );
    app.update(Action::FocusReader);
    assert_eq!(app.focus(), Focus::List);
}

/// The sample articles as if they were the user's own, in a folder.
fn own() -> Library {
    let mut library = sample();
    library.origin = crate::library::Origin::Folders(vec![PathBuf::from("/news")]);
    library
}

/// The user's articles in another order, one left out and one added.
fn reshuffled(leave_out: &str) -> Library {
    let mut library = own();
    library.articles.retain(|a| a.id != leave_out);
    library.articles.reverse();
    let mut added = library.articles[0].clone();
    added.id = "00000000000000aa".into();
    added.title = "A new arrival".into();
    added.date = Some(date(2026, 11, 27));
    library.articles.push(added);
    library
}

#[test]
fn a_changed_library_keeps_the_article_you_are_on_and_the_query() {
    let mut app = on(own(), 100, 30);
    app.update(Event::Checking { done: 0, total: 0 });
    assert_eq!(
        app.check_progress(),
        None,
        "nothing to check is a finished check"
    );
    app.update(Event::Checking {
        done: 10,
        total: 14,
    });
    assert_eq!(app.check_progress(), Some((10, 14)));
    app.update(Action::StartFilter);
    type_in(&mut app, "harbour");
    app.update(Action::AcceptFilter);
    app.update(Action::SelectNext);
    let chosen = app.library().articles[app.selected_article().unwrap()]
        .id
        .clone();
    app.update(Action::FocusReader);
    app.update(Action::ScrollDown);
    app.update(Action::ScrollDown);
    let scroll = app.scroll();
    let other = app.library().articles[app.hits()[0].index].id.clone();
    app.take_effects();

    app.update(Event::library(reshuffled(&other), true));
    assert_eq!(
        app.check_progress(),
        None,
        "a complete library ends the check"
    );
    let now = app.library().articles[app.selected_article().unwrap()]
        .id
        .clone();
    assert_eq!(now, chosen, "the same article stays selected");
    assert_eq!(app.query(), "harbour");
    assert_eq!(app.hits().len(), 1, "the other harbour article is gone");
    assert!(
        matches!(app.reader(), ReaderContent::Article { index, .. } if *index == app.selected_article().unwrap())
    );
    assert_eq!(app.scroll(), scroll, "the place in the article is kept");
    assert!(
        !app.take_effects()
            .iter()
            .any(|e| matches!(e, Effect::Load(_))),
        "the open article is not read again"
    );
    // The article being read going away says so, and empties the pane.
    app.update(Action::FocusList);
    app.update(Action::ClearFilter);
    let open = app.library().articles[app.selected_article().unwrap()]
        .id
        .clone();
    app.update(Event::library(reshuffled(&open), false));
    assert_eq!(
        app.notice(),
        Some("The selected article is no longer in the library.")
    );
    assert!(
        matches!(app.reader(), ReaderContent::Article { .. }),
        "the next one opens"
    );
    assert_eq!(app.hits().len(), 14);
}

#[test]
fn the_samples_give_way_to_the_users_articles_without_a_word() {
    let mut app = app();
    let mut own = own();
    own.articles.truncate(3);
    for article in &mut own.articles {
        article.id.push_str("-own");
    }
    app.update(Event::library(own, true));
    assert_eq!(app.notice(), None);
    assert_eq!(app.hits().len(), 3);
    assert_eq!(
        app.sample_hint(),
        None,
        "no more hint about where to put articles"
    );
    assert!(matches!(app.reader(), ReaderContent::Article { .. }));
}

/// What the reading pane shows, its lines joined.
fn shown_text(app: &App) -> String {
    let lines = app.reading().lines().iter();
    lines
        .map(|line| {
            line.pieces
                .iter()
                .map(|p| p.text.as_str())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The title of the selected entry, and of the article the reading pane holds.
fn titles_shown(app: &App) -> (String, String) {
    let selected = app.selected_article().unwrap();
    let listed = app.library().articles[selected].title.clone();
    let ReaderContent::Article { index, .. } = app.reader() else {
        panic!("no article open: {:?}", app.reader());
    };
    assert_eq!(*index, selected, "the pane holds the selected article");
    let first = app.reading().lines().first().unwrap();
    let title = first.pieces.iter().map(|p| p.text.as_str()).collect();
    (listed, title)
}

/// Replaces `path` by writing beside it and renaming, as editors save.
fn replace(path: &std::path::Path, text: &str) {
    let beside = path.with_extension("tmp-new");
    std::fs::write(&beside, text).unwrap();
    std::fs::rename(&beside, path).unwrap();
}

#[test]
fn a_text_file_replaced_while_listed_is_read_again_under_its_new_entry() {
    // byline showed the new text under the old entry, and marked the old id read.
    let dir = tempfile::tempdir().unwrap();
    let alpha = dir.path().join("alpha.txt");
    std::fs::write(
        &alpha,
        "Alpha\n\nAnn Author\n\n1 May 2020\n\nThe first text.\n",
    )
    .unwrap();
    let bravo = "Bravo\n\nBo Author\n\n2 May 2020\n\nAnother article.\n";
    std::fs::write(dir.path().join("bravo.txt"), bravo).unwrap();
    let mut app = on(Library::scan(&[dir.path().to_path_buf()]), 100, 30);
    assert_eq!(titles_shown(&app).0, "Bravo", "the newest first");
    let old_id = app
        .library()
        .articles
        .iter()
        .find(|a| a.title == "Alpha")
        .unwrap()
        .id
        .clone();

    replace(
        &alpha,
        "Alpha, revised\n\nAnn Author\n\n1 May 2020\n\nThe second text.\n",
    );
    app.update(Action::SelectNext);
    let (listed, shown) = titles_shown(&app);
    assert_eq!(listed, "Alpha, revised", "the entry is updated in place");
    assert_eq!(shown, listed);
    assert!(shown_text(&app).contains("The second text."));
    assert_eq!(app.selected(), 1, "the selection stays on the entry");
    assert_eq!(app.hits().len(), 2, "no entry left for the old version");
    assert_eq!(
        app.notice(),
        Some("alpha.txt changed since it was listed; the list shows it as it is now.")
    );
    // Marks go to the article now listed.
    app.update(Action::ToggleStar);
    let new_id = app.library().articles[app.selected_article().unwrap()]
        .id
        .clone();
    assert_ne!(new_id, old_id);
    assert!(app.take_effects().contains(&Effect::Save(Change::Star {
        id: new_id,
        starred: true,
    })));

    // A body edited under the same title keeps the entry and shows the new text.
    app.update(Action::SelectPrevious);
    replace(
        &alpha,
        "Alpha, revised\n\nAnn Author\n\n1 May 2020\n\nThe third text, longer.\n",
    );
    app.update(Action::SelectNext);
    assert_eq!(titles_shown(&app).0, "Alpha, revised");
    assert!(shown_text(&app).contains("The third text, longer."));
    assert!(
        app.is_starred(app.selected_article().unwrap()),
        "the same article"
    );
}

#[test]
fn a_feed_whose_first_line_went_never_shows_one_record_under_another() {
    // byline showed record 2's text under record 1's title.
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let one = r#"{"title": "One", "date": "2020-05-03", "body": "Text of one."}"#;
    let two = r#"{"title": "Two", "date": "2020-05-02", "body": "Text of two."}"#;
    std::fs::write(&feed, format!("{one}\n{two}\n")).unwrap();
    std::fs::write(
        dir.path().join("z.txt"),
        "Zulu\n\n\n\n1 May 2020\n\nLast.\n",
    )
    .unwrap();
    let mut app = on(Library::scan(&[dir.path().to_path_buf()]), 100, 30);
    app.update(Action::SelectNext);
    app.update(Action::SelectNext);
    assert_eq!(titles_shown(&app).0, "Zulu");

    replace(&feed, &format!("{two}\n"));
    app.update(Action::SelectFirst);
    let (listed, shown) = titles_shown(&app);
    assert_eq!(listed, shown);
    assert!(
        !app.hits()
            .iter()
            .any(|h| app.library().articles[h.index].title == "One"),
        "the deleted record is no longer listed"
    );
    assert_eq!(app.hits().len(), 2);
    assert!(app.notice().unwrap().starts_with("feed.jsonl changed"));
    for _ in 0..2 {
        let (listed, shown) = titles_shown(&app);
        assert_eq!(listed, shown);
        app.update(Action::SelectNext);
    }
}

#[test]
fn a_file_that_keeps_changing_is_not_read_again_in_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    let alpha = dir.path().join("alpha.txt");
    std::fs::write(&alpha, "Alpha\n\n\n\n2 May 2020\n\nText.\n").unwrap();
    let bravo = "Bravo\n\n\n\n1 May 2020\n\nOther.\n";
    std::fs::write(dir.path().join("bravo.txt"), bravo).unwrap();
    let library = Library::scan(&[dir.path().to_path_buf()]);
    let mut app = App::new(Init::new(
        Arc::new(library),
        Rect::new(0, 0, 100, 30),
        TODAY,
    ));
    let mut runner = Runner::default();
    // The shell, with alpha.txt written to before every read of it while `writing`.
    let mut reads = 0;
    let mut settle = |app: &mut App, writing: bool| {
        loop {
            let effects = app.take_effects();
            if effects.is_empty() {
                return reads;
            }
            for effect in effects {
                let event = match effect {
                    Effect::Search(request) => Event::Searched(runner.run(request)),
                    Effect::Load(index) => {
                        // Bounded, so that reading in a loop fails the test, not hangs it.
                        let alpha_read = app.library().articles[index].title == "Alpha";
                        if writing && alpha_read && reads < 10 {
                            reads += 1;
                            let text =
                                format!("Alpha\n\n\n\n2 May 2020\n\nText{}.\n", "!".repeat(reads));
                            std::fs::write(&alpha, text).unwrap();
                        }
                        read(app.library(), index)
                    }
                    _ => continue,
                };
                app.update(event);
            }
        }
    };
    assert_eq!(settle(&mut app, true), 2, "read, read again, and no more");
    assert!(
        matches!(app.reader(), ReaderContent::Failed { reason, .. }
            if reason == "alpha.txt keeps changing; select it again to read it"),
        "{:?}",
        app.reader()
    );
    // Selected again once it is quiet, it reads.
    app.update(Action::SelectNext);
    settle(&mut app, false);
    app.update(Action::SelectPrevious);
    settle(&mut app, false);
    assert_eq!(titles_shown(&app), ("Alpha".into(), "Alpha".into()));
    assert!(shown_text(&app).contains("Text!!."));
}

/// Sizes a terminal may report: ordinary ones, tiny ones, and absurd ones (which the shell caps).
fn any_size() -> impl proptest::strategy::Strategy<Value = (u16, u16)> {
    use proptest::prelude::*;
    prop_oneof![
        8 => (0u16..260, 0u16..90),
        1 => (0u16..4, 0u16..4),
        1 => (any::<u16>(), any::<u16>()),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(40))]

    /// However the terminal is resized, in whatever state, nothing panics, every pane lies
    /// inside the screen, and the frame is drawn without a cell out of place.
    #[test]
    fn any_resizes_draw_inside_the_screen(
        sizes in proptest::collection::vec(any_size(), 1..8),
        actions in proptest::collection::vec(0usize..6, 0..8),
    ) {
        let theme = crate::config::theme::Theme::builtin_default();
        let mut app = app();
        let moves = [
            Action::FocusReader,
            Action::ToggleHelp,
            Action::ToggleZoom,
            Action::SwitchLayout,
            Action::ScrollPageDown,
            Action::FocusList,
        ];
        for (i, (width, height)) in sizes.into_iter().enumerate() {
            let (width, height) = crate::shell::terminal::capped(width, height);
            proptest::prop_assert!(width <= crate::shell::terminal::MAX_COLUMNS);
            proptest::prop_assert!(height <= crate::shell::terminal::MAX_ROWS);
            app.update(Event::Resize { width, height });
            if let Some(&n) = actions.get(i) {
                app.update(moves[n]);
            }
            let screen = Rect::new(0, 0, width, height);
            if let Some(panes) = app.panes() {
                for pane in [panes.list, panes.reader, panes.filter, panes.status] {
                    proptest::prop_assert_eq!(pane.intersection(screen), pane, "{:?} in {:?}", pane, screen);
                }
            }
            let backend = ratatui::backend::TestBackend::new(width, height);
            let mut terminal = ratatui::Terminal::new(backend).unwrap();
            terminal.draw(|frame| crate::ui::render(&app, &theme, frame)).unwrap();
        }
    }
}

#[test]
fn the_last_weeks_dates_can_be_written_as_people_say_them() {
    let library = sample();
    let newest = library
        .articles
        .iter()
        .filter_map(|a| a.date)
        .max()
        .unwrap();
    let today = newest + jiff::Span::new().days(3);
    let draw = |relative_dates: bool| {
        let app = Session::new(Init {
            relative_dates,
            ..Init::new(Arc::new(sample()), Rect::new(0, 0, 120, 30), today)
        });
        let theme = crate::config::theme::Theme::builtin_default();
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
        terminal
            .draw(|frame| crate::ui::render(&app, &theme, frame))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..30)
            .map(|y| {
                (0..120)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let relative = draw(true);
    assert!(relative.contains("3 days ago"), "{relative}");
    assert!(
        !relative.contains(&newest.to_string()),
        "the newest date is written relative"
    );
    let absolute = draw(false);
    assert!(absolute.contains(&newest.to_string()) && !absolute.contains("days ago"));
}

#[test]
fn grouped_rows_are_clicked_as_drawn_and_moves_skip_the_headers() {
    let mut app = app();
    app.update(key('b'));
    assert_eq!(app.grouping(), Grouping::Day);
    // Screen row 1: the first day's header; 2: its article; 3: the next header; 4: its article.
    app.update(Event::Click { x: 10, y: 4 });
    assert_eq!(app.selected(), 1);
    app.update(Event::Click { x: 10, y: 1 });
    assert_eq!(
        app.selected(),
        0,
        "a header selects its group's first article"
    );
    app.update(Action::SelectNext);
    assert_eq!(
        app.selected(),
        1,
        "j goes to the next article, over the header"
    );
    app.update(key('b'));
    assert_eq!(app.grouping(), Grouping::Source);
    assert_eq!(app.selected(), 1, "the article stays selected");
    app.update(key('b'));
    assert_eq!(app.grouping(), Grouping::None);
    assert_eq!(app.notice(), Some("Not grouped."));
}

#[test]
fn r_asks_for_the_library_again_and_changes_are_told() {
    let mut app = on(own(), 100, 30);
    app.take_effects();
    app.update(key('r'));
    assert_eq!(app.take_effects(), [Effect::Reload]);
    assert_eq!(app.notice(), Some("Looking at the library again…"));
    // A check finding one article added and one gone says so; the selection stays.
    let selected = app.selected_article().unwrap();
    let id = app.library().articles[selected].id.clone();
    let leave_out = app.library().articles[app.hits()[5].index].id.clone();
    app.update(Event::library(reshuffled(&leave_out), true));
    assert_eq!(app.notice(), Some("1 new article, 1 article gone."));
    assert_eq!(
        app.library().articles[app.selected_article().unwrap()].id,
        id
    );
    // The article being read going away is told too (the one left out before is back).
    app.update(Event::library(reshuffled(&id), true));
    assert_eq!(
        app.notice(),
        Some("1 new article, 1 article gone. The selected article is no longer in the library.")
    );
    // Gone while being read: back to the list, and the article now selected is not opened
    // in its place, so it does not become read unseen.
    app.update(Action::FocusReader);
    let reading = app.library().articles[app.selected_article().unwrap()]
        .id
        .clone();
    app.update(Event::library(reshuffled(&reading), true));
    assert!(
        app.notice()
            .unwrap()
            .ends_with("The article you were reading is no longer in the library.")
    );
    assert_eq!(app.focus(), Focus::List);
    let start = Instant::now();
    app.tick(start);
    app.tick(start + READ_AFTER * 3);
    let now = app.selected_article().unwrap();
    assert!(!app.is_read(now), "shown beside the list, never opened");
    // The samples do not change.
    let mut sample_app = super::tests::app();
    sample_app.take_effects();
    sample_app.update(key('r'));
    assert!(sample_app.take_effects().is_empty());
    assert_eq!(
        sample_app.notice(),
        Some("The sample library is built in; it does not change.")
    );
}

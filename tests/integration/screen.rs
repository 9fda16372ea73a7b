//! Whole screens, drawn on a `TestBackend` and compared with reviewed snapshots.

use std::path::PathBuf;
use std::sync::Arc;

use byline::app::{Action, App, Init};
use byline::config::theme::Theme;
use byline::library::Library;
use byline::ui;
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use crate::{TempLibrary, act, open_app, open_with};

pub(crate) fn sample_app(width: u16, height: u16) -> App {
    let library = Library::sample(
        PathBuf::from("/home/you/.local/share/byline/library"),
        Vec::new(),
    );
    open_app(library, width, height)
}

pub(crate) fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::builtin_default();
    terminal
        .draw(|frame| ui::render(app, &theme, frame))
        .unwrap();
    terminal
}

pub(crate) fn type_query(app: &mut App, query: &str) {
    act(app, [Action::StartFilter]);
    act(app, query.chars().map(Action::FilterInput));
}

#[test]
fn sample_library_100x30() {
    let mut app = sample_app(100, 30);
    insta::assert_snapshot!(draw(&mut app, 100, 30).backend());
}

#[test]
fn sample_library_60x20() {
    let mut app = sample_app(60, 20);
    insta::assert_snapshot!(draw(&mut app, 60, 20).backend());
}

#[test]
fn query_100x30() {
    let mut app = sample_app(100, 30);
    type_query(&mut app, "harbour");
    insta::assert_snapshot!(draw(&mut app, 100, 30).backend());
}

#[test]
fn query_60x20() {
    let mut app = sample_app(60, 20);
    type_query(&mut app, "harbour");
    act(
        &mut app,
        [
            Action::AcceptFilter,
            Action::FocusReader,
            Action::ScrollPageDown,
        ],
    );
    insta::assert_snapshot!(draw(&mut app, 60, 20).backend());
}

// With a text term, each row says why it matched: the words around its first hit, lit, on a
// line of its own; clicks and pages count two lines a row.
#[test]
fn a_text_query_shows_the_words_each_row_matched_by() {
    let mut app = sample_app(100, 20);
    type_query(&mut app, "x:harbour");
    let terminal = draw(&mut app, 100, 20);
    insta::assert_snapshot!(terminal.backend());
    let theme = Theme::builtin_default();
    // The hit in the first row's snippet line (y 2) is lit.
    let line: String = (0..48)
        .map(|x| terminal.backend().buffer()[(x, 2)].symbol())
        .collect();
    let at = line.find("harbour").expect("the snippet holds the word") as u16;
    let at = line[..usize::from(at)].chars().count() as u16;
    assert!(styled(&terminal, at, 2, theme.match_highlight.style()));
    // A click on the second row's snippet line selects the second row.
    act(&mut app, [byline::app::Event::Click { x: 10, y: 4 }]);
    assert_eq!(app.selected(), 1);
    // Back to a bare word: one line a row.
    act(&mut app, [Action::ClearFilter]);
    type_query(&mut app, "harbour");
    assert_eq!(app.row_height(), 1);
}

// A starred article hid whether it was read: `★` took the place of `•`.
#[test]
fn unread_and_star_marks_show_together_and_the_bar_counts_unread() {
    let mut app = sample_app(100, 30);
    act(
        &mut app,
        [
            // Read and starred; unread and starred; read; the rest unread.
            Action::ToggleRead,
            Action::ToggleStar,
            Action::SelectNext,
            Action::ToggleStar,
            Action::SelectNext,
            Action::ToggleRead,
        ],
    );
    insta::assert_snapshot!(draw(&mut app, 100, 30).backend());
}

#[test]
fn a_count_shows_in_the_status_bar_while_it_is_typed() {
    use byline::app::Event;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = sample_app(60, 20);
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    act(&mut app, [key('1'), key('2')]);
    insta::assert_snapshot!(draw(&mut app, 60, 20).backend());
    act(&mut app, [key('j')]);
    let terminal = draw(&mut app, 60, 20);
    let status: String = (0..60)
        .map(|x| terminal.backend().buffer()[(x, 19)].symbol().to_string())
        .collect();
    assert!(
        status.starts_with(" 13/14 · 14 articles · 14 unread"),
        "{status}"
    );
}

#[test]
fn query_with_no_match() {
    let mut app = sample_app(60, 20);
    type_query(&mut app, "zzqxj");
    insta::assert_snapshot!(draw(&mut app, 60, 20).backend());
    // A text term found nothing either: no hint to search the text.
    act(&mut app, [Action::ClearFilter]);
    type_query(&mut app, "x:zzqxj");
    let screen = format!("{:?}", draw(&mut app, 60, 20).backend());
    assert!(screen.contains("No article matches"), "{screen}");
    assert!(!screen.contains("looks for it"), "{screen}");
}

#[test]
fn help_overlay() {
    let mut app = sample_app(100, 30);
    act(&mut app, [Action::ToggleHelp]);
    insta::assert_snapshot!(draw(&mut app, 100, 30).backend());
}

#[test]
fn empty_named_library() {
    let lib = TempLibrary::new();
    let library = Library::scan(&[lib.path().to_path_buf()]);
    let mut app = open_app(library, 60, 12);
    let terminal = draw(&mut app, 60, 12);
    let text =
        format!("{}", terminal.backend()).replace(&lib.path().display().to_string(), "[LIB]");
    insta::assert_snapshot!(text);
}

#[test]
fn tiny_and_huge_terminals_never_panic() {
    for (w, h) in [(1, 1), (5, 3), (19, 6), (20, 6), (21, 7), (300, 100)] {
        let mut app = sample_app(w, h);
        for action in [
            Action::SelectLast,
            Action::FocusReader,
            Action::ScrollBottom,
            Action::ToggleHelp,
        ] {
            app.update(action);
            draw(&mut app, w, h);
        }
    }
}

#[test]
fn matches_are_highlighted_and_the_selection_stands_out() {
    let mut app = sample_app(100, 30);
    // "harbour" alone is a whole word in two titles, which tie; "line" settles it.
    type_query(&mut app, "harbour line");
    app.update(Action::AcceptFilter);
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let theme = Theme::builtin_default();
    let highlight = theme.match_highlight.style();
    let selected = theme.list_selected.style();
    // Row 1 is the best match, "Harbour Line Tram…", selected; "Harbour" is its match (after
    // the border and the three-column gutter of read and star marks), and the space after it
    // is not.
    for x in 4..11 {
        let cell = &buffer[(x, 1)];
        assert!(
            cell.modifier.contains(highlight.add_modifier),
            "column {x} of {:?} is highlighted",
            cell.symbol()
        );
        assert_eq!(cell.bg, selected.bg.unwrap());
    }
    // The rest of the title is not highlighted, but still selected.
    let plain = &buffer[(11, 1)];
    assert!(
        !plain
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
    assert_eq!(plain.bg, selected.bg.unwrap());
    // The second row is not selected.
    assert_ne!(buffer[(30, 2)].bg, selected.bg.unwrap());
}

#[test]
fn problems_overlay() {
    let lib = TempLibrary::new();
    lib.article("good.txt", "Good", "Ann Author", "1 May 2020", "Fine.");
    lib.file("empty.txt", "");
    lib.file("bad.json", "[1, 2]");
    let library = Library::scan(&[lib.path().to_path_buf()]);
    let mut app = open_app(library, 80, 16);
    act(&mut app, [Action::ToggleProblems]);
    let terminal = draw(&mut app, 80, 16);
    let text =
        format!("{}", terminal.backend()).replace(&lib.path().display().to_string(), "[LIB]");
    insta::assert_snapshot!(text);
}

/// Whether the cell at (x, y) is drawn in `style` (its colour and modifiers).
fn styled(terminal: &Terminal<TestBackend>, x: u16, y: u16, style: ratatui::style::Style) -> bool {
    let cell = &terminal.backend().buffer()[(x, y)];
    style.fg.is_none_or(|fg| cell.fg == fg) && cell.modifier.contains(style.add_modifier)
}

#[test]
fn an_invalid_query_is_marked_where_it_goes_wrong() {
    let mut app = sample_app(100, 30);
    // `d:>2019` is valid; `d:>2019-`, `d:>2019-0` and `d:>2019-00` are not.
    type_query(&mut app, "harbour d:>2019-00");
    let terminal = draw(&mut app, 100, 30);
    let error = Theme::builtin_default().filter_error.style();
    // The prompt is 2 wide: "00" is at columns 18 and 19 of the filter line (row 28).
    assert!(styled(&terminal, 18, 28, error));
    assert!(styled(&terminal, 19, 28, error));
    assert!(!styled(&terminal, 17, 28, error));
    // The list still shows the "harbour" match after 2019, of the last valid query.
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn scoped_terms_show_in_the_status_bar_and_light_their_field() {
    let mut app = sample_app(200, 24);
    type_query(&mut app, "a:lucia d:2022..2025 | reef");
    let terminal = draw(&mut app, 200, 24);
    insta::assert_snapshot!(terminal.backend());
    // "Lucía" (the author column of the first row) lights up although typed without the accent.
    let row = 1;
    let buffer = terminal.backend().buffer();
    let start = (0..190)
        .find(|&x| buffer[(x, row)].symbol() == "L" && buffer[(x + 3, row)].symbol() == "í")
        .expect("the author is on the first row");
    let highlight = Theme::builtin_default().match_highlight.style();
    for x in start..start + 5 {
        assert!(styled(&terminal, x, row, highlight), "column {x}");
    }
}

#[test]
fn a_written_date_lights_the_shown_date() {
    let mut app = sample_app(100, 30);
    type_query(&mut app, "jan 2022");
    app.update(Action::AcceptFilter);
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let row = 1;
    let date_at = (0..90)
        .find(|&x| {
            (0..10)
                .map(|i| buffer[(x + i, row)].symbol())
                .collect::<String>()
                == "2022-01-23"
        })
        .expect("the date is on the first row");
    let highlight = Theme::builtin_default().match_highlight.style();
    for x in (date_at..date_at + 4).chain(date_at + 5..date_at + 7) {
        assert!(styled(&terminal, x, row, highlight), "2022 and 01 lit");
    }
    for x in [4, 8, 9] {
        assert!(
            !styled(&terminal, date_at + x, row, highlight),
            "the dash and day are not"
        );
    }
}

#[test]
fn sorted_by_title_and_quick_filtered_by_author() {
    let mut app = sample_app(100, 30);
    act(&mut app, [Action::CycleSort, Action::CycleSort]);
    insta::assert_snapshot!("sorted_by_title", draw(&mut app, 100, 30).backend());
    act(&mut app, [Action::FilterByAuthor]);
    insta::assert_snapshot!("more_by_this_author", draw(&mut app, 100, 30).backend());
}

#[test]
fn a_long_query_scrolls_to_keep_the_cursor_in_view() {
    let mut app = sample_app(40, 12);
    type_query(&mut app, "harbour tram reef survey recovery bleaching");
    let mut terminal = draw(&mut app, 40, 12);
    let line = |t: &Terminal<TestBackend>| {
        (0..40)
            .map(|x| t.backend().buffer()[(x, 10)].symbol().to_string())
            .collect::<String>()
    };
    assert!(
        line(&terminal).ends_with("recovery bleaching "),
        "{:?}",
        line(&terminal)
    );
    assert_eq!(terminal.get_cursor_position().unwrap().x, 39);
    act(&mut app, [Action::CursorStart]);
    terminal = draw(&mut app, 40, 12);
    assert!(
        line(&terminal).starts_with("/ harbour tram"),
        "{:?}",
        line(&terminal)
    );
    assert_eq!(terminal.get_cursor_position().unwrap().x, 2);
}

/// An article with what typesetting must handle: emphasis, a quote, a list, CJK and a long URL.
const TYPESET: &str = "---
title: Ferry timetable changes for the winter season
author: Zoë Müller
date: 2024-11-02
---

The *Marram* ferry company announced on Thursday that its **winter timetable** will run from
the first week of December, with fewer crossings on weekdays and an extraordinarily early last
sailing on Sundays. Passengers can read the details at
https://example.org/timetables/winter-2024/marram-ferries/full-schedule-with-notes.html today.

> We would rather run fewer boats reliably than promise crossings we cannot keep, said the
> operations director, who added that the changes would be reviewed in March.

- Weekday crossings fall from twelve to eight.
- The Sunday service ends at six in the evening, two hours earlier than in summer.

Visitors from Japan will find the notice in Japanese too: 冬季ダイヤは十二月第一週から始まります。
";

fn typeset_app(width: u16, height: u16, justify: bool) -> (TempLibrary, App) {
    let lib = TempLibrary::new();
    lib.file("ferry.md", TYPESET);
    let library = Library::scan(&[lib.path().to_path_buf()]);
    let mut app = open_app(library, width, height);
    act(&mut app, [Action::FocusReader, Action::ToggleZoom]);
    if justify {
        act(&mut app, [Action::ToggleJustify, Action::ToggleHyphenate]);
    }
    (lib, app)
}

#[test]
fn typeset_article_at_40_80_and_160_columns() {
    for (width, height) in [(40, 44), (80, 30), (160, 30)] {
        for justify in [false, true] {
            let (_lib, mut app) = typeset_app(width, height, justify);
            let terminal = draw(&mut app, width, height);
            let name = format!(
                "typeset_{width}_{}",
                if justify { "justified" } else { "ragged" }
            );
            insta::assert_snapshot!(name, terminal.backend());
        }
    }
}

#[test]
fn search_hits_are_highlighted_across_a_line_break() {
    let (_lib, mut app) = typeset_app(40, 44, false);
    act(&mut app, [Action::StartFind]);
    act(
        &mut app,
        "winter timetable".chars().map(Action::FilterInput),
    );
    let terminal = draw(&mut app, 40, 44);
    let theme = Theme::builtin_default();
    let current = theme.search_current.style().bg.unwrap();
    let buffer = terminal.backend().buffer();
    let lit: String = (0..44)
        .flat_map(|y| (0..40).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].bg == current)
        .map(|(x, y)| buffer[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(lit, "wintertimetable", "both lines of the hit are lit");
    let status = (0..40)
        .map(|x| buffer[(x, 43)].symbol().to_string())
        .collect::<String>();
    assert!(status.contains("hit 1/1"), "{status}");
}

#[test]
fn every_shipped_theme_renders() {
    for (name, _) in byline::config::theme::BUILTIN {
        let theme = byline::config::theme::load(name, None).unwrap();
        let mut app = sample_app(80, 20);
        act(&mut app, [Action::StartFilter]);
        act(&mut app, "harbour".chars().map(Action::FilterInput));
        let mut terminal = Terminal::new(TestBackend::new(80, 20)).unwrap();
        terminal
            .draw(|frame| ui::render(&app, &theme, frame))
            .unwrap();
        // The buffer's debug form lists each run of cells with its style.
        insta::assert_debug_snapshot!(format!("theme_{name}"), terminal.backend().buffer());
    }
}

#[test]
fn the_list_writes_dates_as_the_config_asks() {
    let library = Library::sample(PathBuf::from("/x"), Vec::new());
    let mut app = open_with(Init {
        date_format: Some("%d %b %Y".to_string()),
        ..Init::new(
            Arc::new(library),
            Rect::new(0, 0, 100, 30),
            date(2026, 11, 28),
        )
    });
    let terminal = draw(&mut app, 100, 30);
    let first: String = (0..50)
        .map(|x| terminal.backend().buffer()[(x, 1)].symbol().to_string())
        .collect();
    assert!(first.ends_with("09 Feb 2026│"), "{first:?}");
}

/// A config that binds `q` to starring and `x` to quitting: every hint names `x` for quit, and
/// the keys moved in the help.
#[test]
fn hints_follow_the_keys_in_force() {
    let mut keymap = byline::config::keys::Keymap::default();
    let (q, none) = (
        crossterm::event::KeyCode::Char('q'),
        crossterm::event::KeyModifiers::NONE,
    );
    keymap.bind(q, none, Action::ToggleStar);
    keymap.bind(crossterm::event::KeyCode::Char('x'), none, Action::Quit);
    keymap.bind(crossterm::event::KeyCode::F(2), none, Action::StartFilter);
    keymap.bind(crossterm::event::KeyCode::F(1), none, Action::ToggleHelp);
    let library = Library::sample(
        PathBuf::from("/home/you/.local/share/byline/library"),
        Vec::new(),
    );
    let mut app = open_with(Init {
        keymap,
        sample_hint: None,
        ..Init::new(
            Arc::new(library),
            Rect::new(0, 0, 120, 30),
            date(2026, 11, 28),
        )
    });
    let list = format!("{}", draw(&mut app, 120, 30).backend());
    assert!(list.contains("x quit"), "{list}");
    assert!(list.contains("press F2 to filter"), "{list}");
    assert!(!list.contains("q quit"));
    insta::assert_snapshot!("rebound_list", list);
    act(&mut app, [Action::FocusReader]);
    insta::assert_snapshot!("rebound_reader", draw(&mut app, 120, 30).backend());
    act(&mut app, [Action::ToggleHelp]);
    let help = format!("{}", draw(&mut app, 120, 30).backend());
    insta::assert_snapshot!("rebound_help", help);
}

/// A large library's first search runs on a worker: until its hits come, the list says it is
/// searching, never that there are no articles.
#[test]
fn the_list_says_searching_until_the_first_hits_arrive() {
    let library = Library::sample(PathBuf::from("/x"), Vec::new());
    let mut app = App::new(Init::new(
        Arc::new(library),
        Rect::new(0, 0, 100, 30),
        date(2026, 11, 28),
    ));
    let screen = format!("{}", draw(&mut app, 100, 30).backend());
    assert!(screen.contains("Searching…"), "{screen}");
    assert!(screen.contains("(searching…)"), "{screen}");
    assert!(!screen.contains("No articles"), "{screen}");
    crate::settle(&mut app);
    let screen = format!("{}", draw(&mut app, 100, 30).backend());
    assert!(!screen.contains("Searching…"), "{screen}");
}

/// A first scan: the list says it is reading the library, the status bar how far it has got.
#[test]
fn the_status_bar_says_how_far_a_check_has_got() {
    let mut app = open_with(Init {
        checking: true,
        ..Init::new(
            Arc::new(Library::empty(vec![PathBuf::from("/news")])),
            Rect::new(0, 0, 100, 12),
            date(2026, 11, 28),
        )
    });
    let screen = format!("{}", draw(&mut app, 100, 12).backend());
    assert!(screen.contains("Reading the library…"), "{screen}");
    assert!(screen.contains("checking the library…"), "{screen}");
    act(
        &mut app,
        [byline::app::Event::Checking {
            done: 41_200,
            total: 100_000,
        }],
    );
    let screen = format!("{}", draw(&mut app, 100, 12).backend());
    assert!(screen.contains("checking 41,200/100,000"), "{screen}");
    act(
        &mut app,
        [byline::app::Event::Checking {
            done: 100_000,
            total: 100_000,
        }],
    );
    let screen = format!("{}", draw(&mut app, 100, 12).backend());
    assert!(!screen.contains("checking"), "{screen}");
    assert!(screen.contains("No articles in /news"), "{screen}");
}

/// A library of Markdown articles with sources and tags, for the list's optional columns.
fn tagged_library(lib: &TempLibrary) -> Library {
    let articles = [
        (
            "tram.md",
            "Harbour Line Tram Carries First Passengers",
            "Mireille Osterhout",
            "2019-03-14",
            "The Ledger",
            "transport, city",
        ),
        (
            "reef.md",
            "Reef Survey Finds Patchy Recovery",
            "Lucía Brennan",
            "2022-01-23",
            "Selwyn Marine Weekly",
            "climate, science",
        ),
        (
            "budget.md",
            "Council Budget Passes",
            "Henrik Vassallo",
            "2024-02-29",
            "The Ledger",
            "politics",
        ),
        (
            "note.md",
            "A Note Without a Source",
            "Orla Tennant",
            "2023-04-05",
            "",
            "",
        ),
    ];
    for (file, title, author, date, source, tags) in articles {
        let mut front = format!("---\ntitle: {title}\nauthor: {author}\ndate: {date}\n");
        if !source.is_empty() {
            front.push_str(&format!("source: {source}\ntags: [{tags}]\n"));
        }
        lib.file(file, format!("{front}---\n\nText of the article.\n"));
    }
    Library::scan(&[lib.path().to_path_buf()])
}

#[test]
fn source_and_tags_columns_fit_the_width() {
    use byline::app::ListColumn;
    let lib = TempLibrary::new();
    for width in [60, 100, 160] {
        let mut app = open_with(Init {
            list_columns: vec![
                ListColumn::Source,
                ListColumn::Author,
                ListColumn::Date,
                ListColumn::Tags,
            ],
            ..Init::new(
                Arc::new(tagged_library(&lib)),
                Rect::new(0, 0, width, 16),
                date(2026, 11, 28),
            )
        });
        if width >= 100 {
            // Stacked, for the list's whole width.
            act(&mut app, [Action::SwitchLayout]);
        }
        let terminal = draw(&mut app, width, 16);
        insta::assert_snapshot!(format!("list_columns_at_{width}"), terminal.backend());
    }
}

#[test]
fn grouped_by_day_and_by_source_with_headers_and_counts() {
    let lib = TempLibrary::new();
    let mut app = open_with(Init::new(
        Arc::new(tagged_library(&lib)),
        Rect::new(0, 0, 80, 20),
        date(2026, 11, 28),
    ));
    act(&mut app, [Action::CycleGrouping]);
    insta::assert_snapshot!("grouped_by_day", draw(&mut app, 80, 20).backend());
    act(&mut app, [Action::CycleGrouping, Action::SelectLast]);
    insta::assert_snapshot!("grouped_by_source", draw(&mut app, 80, 20).backend());
    act(&mut app, [Action::CycleGrouping]);
    let screen = format!("{}", draw(&mut app, 80, 20).backend());
    assert!(!screen.contains(" · 2 ─"), "no headers once ungrouped");
}

#[test]
fn tag_and_source_terms_light_their_columns() {
    use byline::app::ListColumn;
    let lib = TempLibrary::new();
    let mut app = open_with(Init {
        list_columns: vec![ListColumn::Source, ListColumn::Tags],
        ..Init::new(
            Arc::new(tagged_library(&lib)),
            Rect::new(0, 0, 80, 16),
            date(2026, 11, 28),
        )
    });
    type_query(&mut app, "#sci s:selwyn");
    let terminal = draw(&mut app, 80, 16);
    let buffer = terminal.backend().buffer();
    let row = 1;
    let text: String = (0..80).map(|x| buffer[(x, row)].symbol()).collect();
    assert!(text.contains("Reef Survey"), "{text}");
    let highlight = Theme::builtin_default().match_highlight.style();
    let lit: String = (0..80)
        .filter(|&x| styled(&terminal, x, row, highlight))
        .map(|x| buffer[(x, row)].symbol())
        .collect();
    assert_eq!(
        lit, "Selwynsci",
        "the source's and the tag's letters, nothing else"
    );
}

// At 60 columns the overlay's title ran past its frame ("other keys clos┐").
#[test]
fn a_narrow_help_overlay_keeps_its_title_whole() {
    let mut app = sample_app(60, 16);
    act(&mut app, [Action::ToggleHelp]);
    let screen = format!("{}", draw(&mut app, 60, 16).backend());
    let top = screen.lines().next().unwrap();
    assert!(top.contains("Keys · j/k Space scroll ─"), "{top}");
}

//! A whole session through [`App::update`] alone, the test playing the shell by hand: no
//! terminal, no thread, no file, no clock. Results come back when the test decides, so a search
//! that arrives late, after newer typing, is as easy to write as one that arrives at once.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::query::run::Request;

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn press(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The searches and reads the app asks for, and the rest of its effects.
fn split(effects: Vec<Effect>) -> (Vec<Request>, Vec<usize>, Vec<Effect>) {
    let (mut searches, mut loads, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for effect in effects {
        match effect {
            Effect::Search(request) => searches.push(request),
            Effect::Load(index) => loads.push(index),
            other => rest.push(other),
        }
    }
    (searches, loads, rest)
}

#[test]
fn a_session_open_filter_read_star_a_late_search_and_the_clock() {
    let library = Arc::new(sample());
    let mut runner = Runner::default();
    let start = Instant::now();

    // Opening: the app asks for the list first, and nothing else.
    let mut app = App::new(Init::new(
        Arc::clone(&library),
        Rect::new(0, 0, 100, 30),
        TODAY,
    ));
    let (searches, loads, _) = split(app.take_effects());
    assert_eq!((searches.len(), loads.len()), (1, 0));
    assert!(app.hits().is_empty() && app.searching());
    app.update(Event::Searched(runner.run(searches[0].clone())));
    assert_eq!(app.hits().len(), library.articles.len());
    // With a selection, it asks for the article's text.
    let newest = app.selected_article().unwrap();
    let (_, loads, _) = split(app.take_effects());
    assert_eq!(loads, [newest]);
    assert_eq!(
        app.reader(),
        &ReaderContent::Empty,
        "nothing to read until it is read"
    );
    app.update(Event::Loaded {
        index: newest,
        article: library.read(newest).map_err(|e| e.to_string()),
    });
    assert!(matches!(app.reader(), ReaderContent::Article { index, .. } if *index == newest));

    // Filtering: each key asks for a search; the answer to `h` arrives only after `ha` was
    // typed, and is dropped: the newest query wins.
    app.update(key('/'));
    assert_eq!(app.focus(), Focus::Filter);
    app.update(key('h'));
    let (late, _, _) = split(app.take_effects());
    app.update(key('a'));
    app.update(key('r'));
    app.update(key('b'));
    let (searches, _, _) = split(app.take_effects());
    assert_eq!(searches.len(), 3);
    let newest_search = searches.last().unwrap().clone();
    app.update(Event::Searched(runner.run(newest_search)));
    let harb: Vec<usize> = app.hits().iter().map(|h| h.index).collect();
    assert!(!harb.is_empty() && harb.len() < library.articles.len());
    assert!(!app.searching());
    app.update(Event::Searched(runner.run(late[0].clone())));
    assert_eq!(
        app.hits().iter().map(|h| h.index).collect::<Vec<_>>(),
        harb,
        "the late answer to an older query changes nothing"
    );
    app.update(press(KeyCode::Enter));
    assert_eq!(app.focus(), Focus::List);
    let (_, loads, saved) = split(app.take_effects());
    assert_eq!(saved, [Effect::Save(Change::Query("harb".into()))]);

    // Reading: the selected article of the filtered list is read, then the pane takes keys.
    let chosen = app.selected_article().unwrap();
    if chosen != newest {
        assert_eq!(loads, [chosen]);
        app.update(Event::Loaded {
            index: chosen,
            article: library.read(chosen).map_err(|e| e.to_string()),
        });
    }
    app.update(press(KeyCode::Enter));
    assert_eq!(app.focus(), Focus::Reader);
    // The clock: open with the focus for a moment is not read yet.
    app.update(Event::Tick {
        now: start,
        today: TODAY,
    });
    app.update(Event::Tick {
        now: start + READ_AFTER / 2,
        today: TODAY,
    });
    assert!(!app.is_read(chosen));
    // Paging down in it is reading it: read at once, and saved.
    app.update(key(' '));
    assert!(app.scroll() > 0, "Space pages down");
    assert!(app.is_read(chosen));
    app.update(Event::Tick {
        now: start + READ_AFTER,
        today: TODAY,
    });
    let id = library.articles[chosen].id.clone();

    // Starring, and how a link would open, come out as effects for the shell.
    app.update(key('*'));
    assert!(app.is_starred(chosen));
    let (_, _, effects) = split(app.take_effects());
    assert!(effects.contains(&Effect::Save(Change::Read {
        id: id.clone(),
        read: true
    })));
    assert!(effects.contains(&Effect::Save(Change::Star {
        id: id.clone(),
        starred: true
    })));
    // What the shell reports back shows until the next key.
    app.update(Event::Reported("Could not save reading state".into()));
    assert_eq!(app.notice(), Some("Could not save reading state"));
    app.update(Event::Tick {
        now: start + READ_AFTER + PLACE_AFTER,
        today: TODAY,
    });
    assert!(app.notice().is_some(), "the clock does not clear a notice");

    // The place stayed put past the clock's wait: saved, so a crash loses little reading.
    let (_, _, effects) = split(app.take_effects());
    let placed = |effects: &[Effect]| {
        effects
            .iter()
            .any(|e| matches!(e, Effect::Save(Change::Place { id: i, .. }) if *i == id))
    };
    assert!(placed(&effects), "{effects:?}");
    // Reading on, then byline closing: the new place is kept.
    app.update(key(' '));
    app.update(Event::Closing);
    let (_, _, effects) = split(app.take_effects());
    assert!(placed(&effects), "{effects:?}");

    // The day changes under a relative date: the next parse counts from the new day.
    app.update(Event::Tick {
        now: start + READ_AFTER * 2 + PLACE_AFTER,
        today: date(2030, 1, 1),
    });
    app.update(key('h'));
    app.update(key('/'));
    for c in " d:<1y".chars() {
        app.update(key(c));
    }
    let (searches, _, _) = split(app.take_effects());
    app.update(Event::Searched(
        runner.run(searches.last().unwrap().clone()),
    ));
    assert!(app.hits().is_empty(), "nothing in the samples is from 2029");
    assert_eq!(app.reader(), &ReaderContent::Empty);

    // Quitting: Esc clears the filter and leaves the line, q quits.
    app.update(press(KeyCode::Esc));
    app.update(key('q'));
    assert!(app.should_quit());
}

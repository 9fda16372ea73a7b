//! What goes into the app ([`Event`]) and what comes out ([`Effect`]).

use std::time::Instant;

use crossterm::event::KeyEvent;
use jiff::civil::Date;

use crate::action::Action;
use crate::article::Parsed;
use crate::library::{FileRead, Library};
use crate::query::index::Index;
use crate::query::run::{Done, Request};
use crate::reading::Typeset;
use crate::state::Change;

/// Everything that changes the app, from the user, the clock or work done outside it.
#[derive(Debug, Clone)]
pub enum Event {
    /// A key was pressed; the key map in force says what it asks for.
    Key(KeyEvent),
    /// An action asked for by name (what a key is bound to).
    Action(Action),
    /// The mouse wheel turned over the screen cell (x, y).
    Wheel { x: u16, y: u16, down: bool },
    /// The left button was pressed on the screen cell (x, y).
    Click { x: u16, y: u16 },
    /// The terminal changed size.
    Resize { width: u16, height: u16 },
    /// Time passed: `now` for the reading clocks, `today` for dates in queries.
    Tick { now: Instant, today: Date },
    /// A search asked for with [`Effect::Search`] finished.
    Searched(Done),
    /// An article asked for with [`Effect::Load`] was read, or could not be (and why).
    Loaded {
        index: usize,
        article: Result<Parsed, String>,
    },
    /// A large article was set, as asked with [`Effect::Typeset`].
    Typeset(Typeset),
    /// The article asked for with [`Effect::Load`] was not read: its file changed since it
    /// was listed, and was read again.
    FileChanged { index: usize, file: FileRead },
    /// How an effect went, for the status bar ("Opened … with firefox").
    Reported(String),
    /// A check of the library folders has looked at `done` of `total` files; `done == total`
    /// ends it.
    Checking { done: usize, total: usize },
    /// The full-text index is being brought up to date: `done` of `total` files indexed;
    /// `done == total` ends it.
    Indexing { done: usize, total: usize },
    /// The library as a check found it: what it has read so far, or all of it (`complete`),
    /// with its index, built where the check ran (a second of work at 100,000 articles that
    /// the keys do not wait for): [`Event::library`] makes one.
    Library {
        library: Library,
        index: Index,
        complete: bool,
    },
    /// The snippets asked for with [`Effect::Snippets`] (for the text terms `key` names):
    /// each article's, `None` where its text has none to show.
    Snippets {
        key: String,
        found: Vec<(usize, Option<super::snippets::Snippet>)>,
    },
    /// byline is about to end (quit, a signal, a lost terminal): remember what is open.
    Closing,
}

impl From<Action> for Event {
    fn from(action: Action) -> Self {
        Event::Action(action)
    }
}

impl Event {
    /// The news of a library found by a check, its index built here.
    pub fn library(library: Library, complete: bool) -> Self {
        let index = Index::build(&library.articles);
        Event::Library {
            library,
            index,
            complete,
        }
    }
}

/// Something the app asks the shell to do, since the app itself does no I/O.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Run this search; answer with [`Event::Searched`].
    Search(Request),
    /// Read the article at this library index; answer with [`Event::Loaded`], or with
    /// [`Event::FileChanged`] when its file is not as it was listed.
    Load(usize),
    /// Set a large article (off the UI thread: [`Typeset::run`]); answer with
    /// [`Event::Typeset`] and what it returns.
    Typeset(Typeset),
    /// Show this text (the article as set) in the pager, which has the terminal meanwhile.
    Page(String),
    /// Open this file in the editor, which has the terminal meanwhile.
    Edit(std::path::PathBuf),
    /// Remember this in the state database.
    Save(Change),
    /// Open this address in the browser.
    Open(String),
    /// Put this address on the clipboard.
    Copy(String),
    /// Read articles for the line around the first place a query's text terms match; answer
    /// with [`Event::Snippets`] and the ask's key.
    Snippets(super::snippets::Ask),
    /// Check the library folders again now; the news comes back as [`Event::Checking`],
    /// [`Event::Library`] or [`Event::Reported`].
    Reload,
}

impl PartialEq for Effect {
    /// Searches compare by what they ask (a parsed query compares by its terms, not its text);
    /// the rest by what they carry.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Effect::Search(a), Effect::Search(b)) => {
                a.generation == b.generation
                    && a.sort == b.sort
                    && a.keep == b.keep
                    && a.query.same_as(&b.query)
            }
            (Effect::Load(a), Effect::Load(b)) => a == b,
            (Effect::Snippets(a), Effect::Snippets(b)) => a == b,
            (Effect::Typeset(a), Effect::Typeset(b)) => {
                a.index == b.index && a.setting == b.setting
            }
            (Effect::Save(a), Effect::Save(b)) => a == b,
            (Effect::Page(a), Effect::Page(b)) => a == b,
            (Effect::Edit(a), Effect::Edit(b)) => a == b,
            (Effect::Open(a), Effect::Open(b)) | (Effect::Copy(a), Effect::Copy(b)) => a == b,
            (Effect::Reload, Effect::Reload) => true,
            _ => false,
        }
    }
}

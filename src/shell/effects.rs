//! Performing what the app asks ([`Effect`]) and answering with events: searches (inline or on
//! the worker), articles read from the library, changes saved to the state database, links
//! opened in the browser or copied through the terminal.

use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::thread;

use crate::app::{App, Effect, Event};
use crate::library::Library;
use crate::shell::search::Searcher;
use crate::state::State;

/// How many rounds of effects answering effects one settling runs: a search, then the read of
/// the article it selects, is the longest chain.
const ROUNDS: usize = 8;

/// Performs the app's effects until it asks for nothing more: searches through `searcher`,
/// articles read from the app's library; every other effect goes to `other`, which may answer
/// with an event.
pub fn settle(
    app: &mut App,
    searcher: &mut Searcher,
    mut other: impl FnMut(Effect) -> Option<Event>,
) {
    for _ in 0..ROUNDS {
        let effects = app.take_effects();
        if effects.is_empty() {
            return;
        }
        for effect in effects {
            let answer = match effect {
                Effect::Search(request) => searcher.run(request).map(Event::Searched),
                Effect::Load(index) => Some(read(app.library(), index)),
                effect => other(effect),
            };
            if let Some(event) = answer {
                app.update(event);
            }
        }
    }
}

/// Reads the article at `index` for the reading pane.
pub fn read(library: &Library, index: usize) -> Event {
    Event::Loaded {
        index,
        article: library.read(index).map_err(|err| err.to_string()),
    }
}

/// What the terminal shell does with the effects that touch the world.
pub struct Performer {
    pub searcher: Searcher,
    state: State,
    /// Saving has failed already, so the warning shows once, not on every change.
    save_failed: bool,
}

impl Performer {
    pub fn new(searcher: Searcher, state: State) -> Self {
        Self {
            searcher,
            state,
            save_failed: false,
        }
    }

    /// Performs everything the app asks until it asks for nothing more.
    pub fn settle(&mut self, app: &mut App) {
        let Self {
            searcher,
            state,
            save_failed,
        } = self;
        settle(app, searcher, |effect| {
            perform(effect, state, save_failed).map(Event::Reported)
        });
    }
}

/// Performs an effect that touches the world; returns what to tell the user about it.
fn perform(effect: Effect, state: &State, save_failed: &mut bool) -> Option<String> {
    match &effect {
        Effect::Save(change) => match state.save(change) {
            Ok(()) => None,
            Err(err) if !*save_failed => {
                *save_failed = true;
                Some(format!(
                    "Could not save reading state ({err}); marks stay for this session"
                ))
            }
            Err(_) => None,
        },
        Effect::Open(address) => Some(match open_in_browser(address) {
            Ok(by) => format!("Opened {address} with {by}"),
            Err(err) => format!("Could not open {address}: {err}"),
        }),
        Effect::Copy(address) => Some(match copy_through_terminal(address) {
            Ok(()) => format!("Copied {address} (through the terminal, OSC 52)"),
            Err(err) => format!("Could not copy: {err}"),
        }),
        // Answered by `settle`.
        Effect::Search(_) | Effect::Load(_) => None,
    }
}

/// Puts `address` on the clipboard with OSC 52, which terminals (and SSH) pass to the clipboard
/// of the machine in front of you. Addresses are printable ASCII already (see
/// `reading::links::printable`), and go base64-encoded besides.
fn copy_through_terminal(address: &str) -> io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(address);
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Starts `$BROWSER`, or the system's opener, on `address` (an argument, never through a
/// shell); returns the program's name.
fn open_in_browser(address: &str) -> io::Result<String> {
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let (program, mut args): (String, Vec<String>) = match browser {
        // `$BROWSER` may carry arguments of its own: `firefox --new-tab`.
        Some(command) => {
            let mut words = command.split_whitespace().map(str::to_string);
            let program = words.next().unwrap_or_default();
            (program, words.collect())
        }
        None if cfg!(target_os = "macos") => ("open".into(), Vec::new()),
        None if cfg!(windows) => ("explorer".into(), Vec::new()),
        None => ("xdg-open".into(), Vec::new()),
    };
    // Addresses are http(s) or mailto URLs (see `links`); never let one pass for an option.
    if address.starts_with('-') {
        return Err(io::Error::other("not a web address"));
    }
    args.push(address.to_string());
    let mut command = Command::new(&program);
    command
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // In a process group of its own, a browser byline started outlives the terminal closing.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn()?;
    // Reaped when it exits, so no zombie waits for byline to quit.
    thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(program)
}

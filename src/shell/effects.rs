//! Performing what the app asks ([`Effect`]) and answering with events: searches (inline or on
//! the worker), articles read from the library, changes saved to the state database, links
//! opened in the browser or copied through the terminal.

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, mpsc};
use std::thread;

use crate::app::{App, Ask, Effect, Event};
use crate::library::{ArticleError, Library};
use crate::reading::{self, Typeset};
use crate::shell::search::Searcher;
use crate::shell::text;
use crate::state::State;

/// How many rounds of effects answering effects one settling runs: a search, then the read of
/// the article it selects, is the longest chain; what is left waits for the next settling.
const ROUNDS: usize = 8;

/// Performs the app's effects until it asks for nothing more: searches through `searcher`
/// (inline, whatever the library's size), articles read from the app's library; every other
/// effect goes to `other`, which may answer with an event. The tests settle an app with it.
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
                Effect::Search(request) => {
                    searcher.library(app.shared_library());
                    searcher.run(request, true).map(Event::Searched)
                }
                Effect::Load(index) => Some(read(app.library(), index)),
                Effect::Typeset(job) => Some(Event::Typeset(job.run())),
                Effect::Snippets(ask) => Some(snippets(app.library(), ask)),
                effect => other(effect),
            };
            if let Some(event) = answer {
                app.update(event);
            }
        }
    }
}

/// The snippets `ask` asks for.
fn snippets(library: &Library, ask: Ask) -> Event {
    let found = (ask.articles.iter())
        .map(|&i| (i, text::snippet(library, i, &ask.query, ask.width)))
        .collect();
    Event::Snippets {
        key: ask.key,
        found,
    }
}

/// Reads the article at `index` for the reading pane; a file changed since it was listed is
/// read again instead, for the App to list as it is now.
pub fn read(library: &Library, index: usize) -> Event {
    let article = library.read(index);
    if let Err(ArticleError::Changed) = article
        && let Some(file) = library.read_file_again(index)
    {
        return Event::FileChanged { index, file };
    }
    Event::Loaded {
        index,
        article: article.map_err(|err| err.to_string()),
    }
}

/// What the terminal shell does with the app's effects.
///
/// Searches are answered after every event, so the next key sees the hits of the text typed
/// so far (a large library's go to the worker). Everything else waits for the end of a batch
/// of events: holding `j` over twenty articles then reads only the one it stops on, since an
/// article asked for later replaces one not read yet.
pub struct Performer {
    searcher: Searcher,
    /// The thread that reads and sets articles, if there is one; else they are done inline.
    reader: Option<mpsc::Sender<Job>>,
    state: State,
    /// Effects waiting for the end of the batch, in the order asked.
    pending: Vec<Effect>,
    /// Programs to hand the terminal to (the pager, the editor), for the loop that owns it.
    handovers: Vec<Effect>,
    /// Saving has failed already, so the warning shows once, not on every change.
    save_failed: bool,
    /// Asks for the library folders to be checked again (`r`), when they can be.
    reload: Option<Box<dyn Fn()>>,
}

impl Performer {
    pub fn new(searcher: Searcher, state: State) -> Self {
        Self {
            searcher,
            reader: None,
            state,
            pending: Vec::new(),
            handovers: Vec::new(),
            save_failed: false,
            reload: None,
        }
    }

    /// Calls `reload` when the app asks for the library to be checked again.
    pub fn reload_with(&mut self, reload: impl Fn() + 'static) {
        self.reload = Some(Box::new(reload));
    }

    /// Reads and sets articles on a thread of their own, answering through `answer`: a large
    /// article (up to 16 MiB) takes most of a second, and the keys must not wait for it.
    pub fn with_reader(mut self, answer: impl Fn(Event) + Send + 'static) -> Self {
        self.reader = spawn_reader(answer);
        self
    }

    /// Answers the app's searches; keeps its other effects for [`Performer::settle`]. `now`
    /// runs even a large library's search inline (the first screen shows its hits).
    pub fn answer_searches(&mut self, app: &mut App, now: bool) {
        for _ in 0..ROUNDS {
            let effects = app.take_effects();
            if effects.is_empty() {
                return;
            }
            for effect in effects {
                match effect {
                    Effect::Search(request) => {
                        self.searcher.library(app.shared_library());
                        if let Some(done) = self.searcher.run(request, now) {
                            app.update(Event::Searched(done));
                        }
                    }
                    Effect::Load(index) => {
                        self.pending.retain(|e| !matches!(e, Effect::Load(_)));
                        self.pending.push(Effect::Load(index));
                    }
                    Effect::Typeset(job) => {
                        self.pending.retain(|e| !matches!(e, Effect::Typeset(_)));
                        self.pending.push(Effect::Typeset(job));
                    }
                    effect => self.pending.push(effect),
                }
            }
        }
    }

    /// Performs everything the app asks until it asks for nothing more.
    pub fn settle(&mut self, app: &mut App, now: bool) {
        for _ in 0..ROUNDS {
            self.answer_searches(app, now);
            if self.pending.is_empty() {
                return;
            }
            for effect in std::mem::take(&mut self.pending) {
                let answer = match effect {
                    // The first screen reads its article inline, unless it is a large one.
                    Effect::Load(index) if self.reader.is_none() || (now && !large(app, index)) => {
                        Some(read(app.library(), index))
                    }
                    Effect::Load(index) => {
                        self.give_reader(Job::Load(Arc::clone(app.shared_library()), index));
                        None
                    }
                    Effect::Typeset(job) if self.reader.is_none() => {
                        Some(Event::Typeset(job.run()))
                    }
                    Effect::Typeset(job) => {
                        self.give_reader(Job::Typeset(job));
                        None
                    }
                    Effect::Snippets(ask) if self.reader.is_none() => {
                        Some(snippets(app.library(), ask))
                    }
                    Effect::Snippets(ask) => {
                        let library = Arc::clone(app.shared_library());
                        self.give_reader(Job::Snippets(library, ask));
                        None
                    }
                    effect @ (Effect::Page(_) | Effect::Edit(_)) => {
                        self.handovers.push(effect);
                        None
                    }
                    Effect::Open(address) if text_browser().is_some() => {
                        self.handovers.push(Effect::Open(address));
                        None
                    }
                    Effect::Reload => {
                        if let Some(reload) = &self.reload {
                            reload();
                        }
                        None
                    }
                    effect => {
                        perform(effect, &self.state, &mut self.save_failed).map(Event::Reported)
                    }
                };
                if let Some(event) = answer {
                    app.update(event);
                }
            }
        }
    }
}

impl Performer {
    /// The programs the app asked to hand the terminal to, since last asked.
    pub fn take_handovers(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.handovers)
    }

    fn give_reader(&mut self, job: Job) {
        if let Some(reader) = &self.reader {
            if reader.send(job).is_err() {
                // The thread is gone (it panicked): work inline from now on.
                self.reader = None;
            }
        }
    }
}

/// Whether the article at `index` is large enough to be read off the UI thread (its words are
/// counted in the index; six bytes a word, as English runs).
fn large(app: &App, index: usize) -> bool {
    app.library()
        .articles
        .get(index)
        .is_some_and(|a| a.words.saturating_mul(6) > reading::LARGE)
}

/// Work for the reader thread.
enum Job {
    Load(Arc<Library>, usize),
    Typeset(Typeset),
    Snippets(Arc<Library>, Ask),
}

impl Job {
    fn run(self) -> Event {
        match self {
            Job::Load(library, index) => read(&library, index),
            Job::Typeset(job) => Event::Typeset(job.run()),
            Job::Snippets(library, ask) => snippets(&library, ask),
        }
    }

    /// The text terms a snippet job is for.
    fn snippets_key(&self) -> Option<&str> {
        match self {
            Job::Snippets(_, ask) => Some(&ask.key),
            _ => None,
        }
    }
}

/// Starts the reader thread. Of the jobs waiting when it looks, only the last read and the
/// last typesetting are done: the app has moved on from the others.
fn spawn_reader(answer: impl Fn(Event) + Send + 'static) -> Option<mpsc::Sender<Job>> {
    let (sender, jobs) = mpsc::channel::<Job>();
    let spawned = thread::Builder::new().name("reader".into()).spawn(move || {
        while let Ok(first) = jobs.recv() {
            let waiting: Vec<Job> = std::iter::once(first).chain(jobs.try_iter()).collect();
            // Only the newest read and setting are done; snippets for the newest text terms
            // (all of theirs: each asks for other rows).
            let load = waiting.iter().rposition(|j| matches!(j, Job::Load(..)));
            let typeset = waiting.iter().rposition(|j| matches!(j, Job::Typeset(..)));
            let key = waiting
                .iter()
                .rev()
                .find_map(Job::snippets_key)
                .map(str::to_string);
            for (i, job) in waiting.into_iter().enumerate() {
                let newest = Some(i) == load || Some(i) == typeset;
                if newest || (job.snippets_key().is_some() && job.snippets_key() == key.as_deref())
                {
                    answer(job.run());
                }
            }
        }
    });
    spawned.ok().map(|_| sender)
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
        Effect::Search(_)
        | Effect::Load(_)
        | Effect::Typeset(_)
        | Effect::Snippets(_)
        | Effect::Reload => None,
        // Handed to the loop that owns the terminal.
        Effect::Page(_) | Effect::Edit(_) => None,
    }
}

/// The program a handover runs, from an environment variable that may carry arguments
/// (`less -R`, `code --wait`), else `fallback`.
fn program_of(variables: &[&str], fallback: &str) -> (String, Vec<String>) {
    let command = (variables.iter())
        .filter_map(|v| std::env::var(v).ok())
        .find(|c| !c.trim().is_empty())
        .unwrap_or_else(|| fallback.to_string());
    let mut words = command.split_whitespace().map(str::to_string);
    (words.next().unwrap_or_default(), words.collect())
}

/// Runs the pager or the editor of a handover in the foreground, with the terminal (the caller
/// has given it up), and waits for it; says what went wrong, if anything.
pub fn hand_over(effect: Effect) -> Option<String> {
    let result = match effect {
        Effect::Page(text) => {
            let (program, args) = program_of(&["PAGER"], "less -R");
            page(&program, &args, text.as_bytes())
                .map_err(|e| format!("Could not run {program}: {e}"))
        }
        Effect::Edit(path) => {
            let (program, mut args) = program_of(&["VISUAL", "EDITOR"], "vi");
            // Read-only where the editor has a switch for it: byline never writes a library.
            let name = Path::new(&program)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match name.as_str() {
                "vi" | "vim" | "nvim" | "view" | "gvim" | "kak" => args.push("-R".into()),
                "nano" | "pico" => args.push("-v".into()),
                _ => {}
            }
            // Absolute, so a file named `-x` cannot pass for an option.
            let path = std::path::absolute(&path).unwrap_or(path);
            let status = Command::new(&program).args(&args).arg(&path).status();
            match status {
                Ok(s) if s.success() => Ok(()),
                Ok(s) => Err(format!("{program} ended with {s}")),
                Err(e) => Err(format!("Could not run {program}: {e}")),
            }
        }
        Effect::Open(address) => match text_browser() {
            // Addresses are http(s) or mailto URLs (see `links`); never let one pass for an option.
            Some(_) if address.starts_with('-') => Err(format!("Not a web address: {address}")),
            Some((program, args)) => {
                match Command::new(&program).args(&args).arg(&address).status() {
                    Ok(_) => Ok(()),
                    Err(e) => Err(format!("Could not run {program}: {e}")),
                }
            }
            None => Ok(()),
        },
        _ => Ok(()),
    };
    result.err()
}

/// Browsers that draw in the terminal, and so need it handed to them (the usual choice over
/// SSH); any other browser runs beside byline, detached.
const TEXT_BROWSERS: &[&str] = &[
    "w3m",
    "lynx",
    "links",
    "links2",
    "elinks",
    "browsh",
    "carbonyl",
    "www-browser",
];

/// `$BROWSER`, with its arguments, when it names a browser that draws in the terminal.
fn text_browser() -> Option<(String, Vec<String>)> {
    std::env::var("BROWSER").ok()?;
    let (program, args) = program_of(&["BROWSER"], "");
    let name = Path::new(&program)
        .file_name()?
        .to_string_lossy()
        .into_owned();
    TEXT_BROWSERS
        .contains(&name.as_str())
        .then_some((program, args))
}

/// Writes `text` into the pager's standard input, on a thread (the pager reads as the reader
/// scrolls), and waits for the pager.
pub(crate) fn page(program: &str, args: &[String], text: &[u8]) -> io::Result<()> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .spawn()?;
    let mut input = child.stdin.take().expect("piped");
    let text = text.to_vec();
    // A pager quit before the end closes the pipe: the write fails, which is fine.
    let writer = thread::spawn(move || {
        let _ = input.write_all(&text);
    });
    child.wait()?;
    let _ = writer.join();
    Ok(())
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

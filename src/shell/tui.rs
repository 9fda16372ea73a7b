//! The terminal shell: sets the terminal up, runs the event loop, and restores the terminal on
//! every way out (quit, error, panic, SIGTERM/SIGHUP/SIGINT).
//!
//! This is the only module that touches the terminal. It builds the [`App`] once, from inputs
//! already resolved, then only feeds it events ([`App::update`]: keys, mouse, resizes, the
//! clock, the results of effects), draws it ([`ui::render`]) and performs what it asks
//! ([`crate::shell::effects`]).
//!
//! Terminal input is read on its own thread and sent here as messages. crossterm 0.29 never
//! returns from a read once the terminal has hung up (crossterm #793: it spins on end of file),
//! so the event loop must not wait inside crossterm: it waits on a channel with a timeout and
//! checks for SIGHUP/SIGTERM between messages, so a closed SSH session or terminal window ends
//! byline instead of leaving it spinning. The search worker of a large library sends its hits
//! on the same channel.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as TermEvent, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::app::{App, Event, Init, Typesetting};
use crate::article::date;
use crate::config::settings::Settings;
use crate::config::theme::Theme;
use crate::library::{Library, LibrarySource};
use crate::library::{cache, fulltext};
use crate::query::run::Done;
use crate::shell::effects::{self, Performer};
use crate::shell::search::Searcher;
use crate::shell::terminal;
use crate::shell::watch::{self, Found};
use crate::state::{Snapshot, State};
use crate::ui;

/// How long the loop waits for input before checking for signals.
const TICK: Duration = Duration::from_millis(250);

/// The most events applied before the screen is drawn again.
const EVENTS_PER_FRAME: usize = 256;

/// Restores the terminal when dropped, so an early return or `?` cannot leave it raw.
struct Restore {
    mouse: bool,
}

impl Drop for Restore {
    fn drop(&mut self) {
        if self.mouse {
            let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableMouseCapture);
        }
        ratatui::restore();
    }
}

/// What the reader starts from, resolved by the command line.
pub struct Start {
    pub source: LibrarySource,
    /// Publisher footers to hide besides the known ones (the config's).
    pub footers: Vec<String>,
    /// The library's index file, if it can have one.
    pub index: Option<PathBuf>,
    pub theme: Theme,
    pub typesetting: Typesetting,
    /// The state database.
    pub state: PathBuf,
    /// Where real articles go (with `~`), for the status bar while the sample library shows.
    pub put_articles_in: Option<String>,
    /// Bring back where the last session left off.
    pub restore_session: bool,
}

/// Runs the reader until the user quits or a signal asks it to stop.
pub fn run(start: Start, settings: &Settings) -> io::Result<()> {
    let Start {
        source,
        footers,
        index,
        theme,
        typesetting,
        state,
        put_articles_in,
        restore_session,
    } = start;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    // `kill -TSTP` suspends as Ctrl-Z does (the terminal given back first); SIGCONT after a
    // SIGSTOP, which cannot be caught, takes the terminal again.
    let (tstp, cont) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicBool::new(false)),
    );
    signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&tstp))?;
    signal_hook::flag::register(signal_hook::consts::SIGCONT, Arc::clone(&cont))?;

    // Installs a panic hook that restores the terminal before the panic message prints.
    let mut terminal = terminal::init()?;
    let _restore = Restore {
        mouse: settings.mouse,
    };
    if settings.mouse {
        // ratatui's panic hook restores raw mode and the screen, not the mouse: chain one that
        // does (a panic on any thread).
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableMouseCapture);
            previous(info);
        }));
        crossterm::execute!(io::stdout(), crossterm::event::EnableMouseCapture)?;
    }

    let (state, warning) = State::open(&state);
    let (remembered, notice) = match state.load() {
        Ok(snapshot) => (snapshot, warning),
        // Why the state is what it is (moved aside, in memory) says more than the failure.
        Err(err) => (
            Snapshot::default(),
            warning.or_else(|| Some(format!("Could not read the reading state: {err}"))),
        ),
    };
    // The list is drawn from the index at once; the folders are checked in the background.
    let (library, check) = first_library(&source, index.as_deref());
    let library = Arc::new(library.with_footers(footers.clone()));
    let (sender, messages) = mpsc::channel();
    let found = sender.clone();
    let searcher = Searcher::with_worker(move |done| {
        let _ = found.send(Message::Searched(done));
    })
    .with_text_index(index.as_deref().map(fulltext::path_beside));
    let read = sender.clone();
    let mut performer = Performer::new(searcher, state).with_reader(move |event| {
        let _ = read.send(Message::Event(Box::new(event)));
    });
    let size = terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let mut app = App::new(Init {
        typesetting,
        keymap: settings.keymap.clone(),
        split: settings.split,
        sort: settings.sort,
        date_format: settings.date_format.clone(),
        relative_dates: settings.relative_dates,
        mark_read: settings.mark_read,
        skip_read: settings.skip_read,
        list_columns: settings.list_columns.clone(),
        grouping: settings.grouping,
        restore_session,
        // Shown only while the sample library stands in.
        sample_hint: put_articles_in,
        remembered,
        notice,
        checking: check.is_some(),
        ..Init::new(library, area, date::today())
    });
    // The first screen shows the list and the article, however large the library.
    performer.settle(&mut app, true);

    // The first screen is drawn before the check starts taking the cores.
    let mut drawn = None;
    draw(&mut terminal, &app, &theme, &mut drawn)?;
    // The folders are checked now, and again whenever they change or `r` asks.
    let _watch = check.map(|roots| {
        let told = sender.clone();
        let folders = watch::Folders {
            source,
            roots: roots.clone(),
            index,
            footers,
        };
        let asks = watch::spawn_checker(folders, move |found| {
            let _ = told.send(match found {
                Found::Checking { done, total } => Message::Checking { done, total },
                Found::Event(event) => Message::Event(Box::new(event)),
            });
        });
        let (watching, trouble) = watch::watch(&roots, asks.clone());
        if let Some(message) = trouble {
            app.update(Event::Reported(message));
        }
        performer.reload_with(move || {
            let _ = asks.send(watch::Ask::ByHand);
        });
        watching
    });
    let gate = Arc::new(Gate::default());
    spawn_event_reader(sender.clone(), Arc::clone(&gate));
    spawn_signal_waker(sender)?;
    let stopped = || stop.load(Ordering::Relaxed);
    let tick = |app: &mut App, performer: &mut Performer| {
        app.update(Event::Tick {
            now: Instant::now(),
            today: date::today(),
        });
        performer.settle(app, false);
    };
    // The loop may end on an error (a terminal gone away): what was done is saved all the same.
    let result = (|| -> io::Result<()> {
        while !app.should_quit() && !stopped() {
            let resumed = if app.take_suspend() || tstp.swap(false, Ordering::Relaxed) {
                suspend(&mut terminal, settings.mouse)?;
                true
            } else if cont.load(Ordering::Relaxed) {
                // Stopped by SIGSTOP, which cannot be caught: the shell took the terminal back
                // into its own modes meanwhile. crossterm believes raw mode is still on (and
                // would not set it again) until it is told it is off.
                crossterm::terminal::disable_raw_mode()?;
                enter(&mut terminal, settings.mouse)?;
                true
            } else {
                false
            };
            // The pager or the editor the app asked for has the terminal until it ends.
            let handovers = performer.take_handovers();
            let resumed = resumed || !handovers.is_empty();
            for handover in handovers {
                gate.stand_aside();
                leave(&mut terminal, settings.mouse)?;
                let trouble = effects::hand_over(handover);
                enter(&mut terminal, settings.mouse)?;
                gate.resume();
                if let Some(message) = trouble {
                    app.update(Event::Reported(message));
                }
            }
            if resumed {
                cont.store(false, Ordering::Relaxed);
                // The terminal may have changed size while byline was stopped.
                let size = terminal.size()?;
                app.update(Event::Resize {
                    width: size.width,
                    height: size.height,
                });
                performer.settle(&mut app, false);
            }
            draw(&mut terminal, &app, &theme, &mut drawn)?;
            let first = match messages.recv_timeout(TICK) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    tick(&mut app, &mut performer);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            // Apply every pending event before drawing again, so fast typing never lags.
            let pending = messages.try_iter().take(EVENTS_PER_FRAME);
            for message in std::iter::once(first).chain(pending) {
                let event = match message {
                    Message::Input(input) => event_of(input?),
                    Message::Searched(done) => Some(Event::Searched(done)),
                    Message::Event(event) => Some(*event),
                    Message::Signal => None,
                    Message::Checking { done, total } => Some(Event::Checking { done, total }),
                };
                if let Some(event) = event {
                    #[cfg(debug_assertions)]
                    injected_panic(&event);
                    app.update(event);
                    performer.answer_searches(&mut app, false);
                }
                if app.should_quit() || stopped() {
                    break;
                }
            }
            tick(&mut app, &mut performer);
        }
        Ok(())
    })();
    app.update(Event::Closing);
    performer.settle(&mut app, false);
    // Freeing a large article's lines one by one takes longer than quitting should (60 ms for
    // 16 MB); the process ends now, and the system takes the memory back at once.
    std::mem::forget(app);
    result
}

/// Draws the app. When the article's text is in the same rows as in the last frame (`drawn`)
/// and only scrolled, the backend is told how far, so it can scroll those rows with the
/// terminal instead of writing them again where that writes less.
fn draw(
    terminal: &mut ratatui::Terminal<terminal::Capped>,
    app: &App,
    theme: &Theme,
    drawn: &mut Option<(std::ops::Range<u16>, usize)>,
) -> io::Result<()> {
    let now = ui::reading_rows(app);
    if let (Some((rows, scroll)), Some((was_rows, was))) = (&now, &drawn) {
        if rows == was_rows && scroll != was {
            terminal.backend_mut().expect_shift(terminal::Shift {
                rows: rows.clone(),
                lines: *scroll as isize - *was as isize,
            });
        }
    }
    terminal.draw(|frame| ui::render(app, theme, frame))?;
    *drawn = now;
    Ok(())
}

/// Gives the terminal back as byline found it: the mouse off, the cursor shown, raw mode off,
/// the main screen.
fn leave(terminal: &mut ratatui::Terminal<terminal::Capped>, mouse: bool) -> io::Result<()> {
    if mouse {
        crossterm::execute!(io::stdout(), crossterm::event::DisableMouseCapture)?;
    }
    terminal.show_cursor()?;
    ratatui::restore();
    Ok(())
}

/// Takes the terminal again after [`leave`]; the next frame is drawn whole.
fn enter(terminal: &mut ratatui::Terminal<terminal::Capped>, mouse: bool) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    if mouse {
        crossterm::execute!(io::stdout(), crossterm::event::EnableMouseCapture)?;
    }
    terminal.clear()
}

/// Suspends byline as Ctrl-Z does in a shell: the terminal given back, the process stopped
/// until `fg` (SIGCONT), the terminal taken again.
fn suspend(terminal: &mut ratatui::Terminal<terminal::Capped>, mouse: bool) -> io::Result<()> {
    leave(terminal, mouse)?;
    // Stops here (SIGSTOP: SIGTSTP itself is caught) until the shell continues byline.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    enter(terminal, mouse)
}

/// What wakes the event loop.
enum Message {
    /// The terminal sent an event, or reading it failed.
    Input(io::Result<TermEvent>),
    /// The search worker has hits ready.
    Searched(Done),
    /// The reader thread read or set an article, or the checker has news.
    Event(Box<Event>),
    /// A signal came: the loop looks at its flags.
    Signal,
    /// The library check has looked at `done` of `total` files.
    Checking { done: usize, total: usize },
}

/// The library to draw first: from the index, or empty while a first scan reads it (the sample
/// library for a data folder that does not exist); and the folders to check, if any.
fn first_library(source: &LibrarySource, index: Option<&Path>) -> (Library, Option<Vec<PathBuf>>) {
    let Some(roots) = source.roots() else {
        return (Library::from_scanned(source, Vec::new()), None);
    };
    let known = index
        .and_then(|path| cache::load(path).ok())
        .unwrap_or_default();
    let library = if known.is_empty() {
        Library::empty(roots.clone())
    } else {
        Library::from_scanned(source, known)
    };
    (library, Some(roots))
}

/// Reads terminal events on a thread of its own and sends them to `sender`.
///
/// The thread waits for the terminal itself (poll(2) on standard input) and asks crossterm for
/// events only when there is input: crossterm spins on a hung-up terminal (crossterm #793),
/// which would keep a core busy until byline ends. A hang-up ends the thread with an error,
/// which ends the event loop. It also ends when the channel is dropped or reading fails.
fn spawn_event_reader(sender: mpsc::Sender<Message>, gate: Arc<Gate>) {
    // SAFETY: isatty only looks at the descriptor.
    let watch = unsafe { libc::isatty(libc::STDIN_FILENO) } == 1;
    thread::spawn(move || {
        loop {
            if gate.paused.load(Ordering::SeqCst) {
                gate.parked.store(true, Ordering::SeqCst);
                thread::sleep(Duration::from_millis(10));
                continue;
            }
            gate.parked.store(false, Ordering::SeqCst);
            // What crossterm has read already (it reads several keys at a time), resizes, and
            // with no terminal of our own to watch, a short wait.
            let wait = if watch { Duration::ZERO } else { READ_WAIT };
            match event::poll(wait) {
                Ok(true) if !gate.paused.load(Ordering::SeqCst) => {
                    let event = event::read();
                    let failed = event.is_err();
                    if sender.send(Message::Input(event)).is_err() || failed {
                        break;
                    }
                    continue;
                }
                Ok(_) => {}
                Err(err) => {
                    let _ = sender.send(Message::Input(Err(err)));
                    break;
                }
            }
            if watch && terminal_hung_up(READ_WAIT) {
                let gone = io::Error::new(io::ErrorKind::BrokenPipe, "the terminal hung up");
                let _ = sender.send(Message::Input(Err(gone)));
                break;
            }
        }
    });
}

/// Wakes the event loop when a signal comes (its flags are only looked at between messages, so
/// without this a SIGHUP would wait for the next tick).
fn spawn_signal_waker(sender: mpsc::Sender<Message>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
    thread::spawn(move || {
        for _ in signals.forever() {
            if sender.send(Message::Signal).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// How long the key reader waits for the terminal at a time (so it can stand aside between).
const READ_WAIT: Duration = Duration::from_millis(50);

/// Waits up to `timeout` for input on the terminal (standard input); says whether it hung up.
fn terminal_hung_up(timeout: Duration) -> bool {
    let mut terminal = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    // SAFETY: one valid pollfd and its count; poll writes only its `revents`.
    let ready = unsafe { libc::poll(&mut terminal, 1, millis) };
    // A signal (EINTR) or a timeout: nothing to say.
    ready > 0 && terminal.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Lets the thread that reads the keys stand aside while another program (the pager, the
/// editor) has the terminal, so it does not take that program's keys.
#[derive(Default)]
struct Gate {
    /// Asked to stand aside.
    paused: AtomicBool,
    /// Standing aside: not reading the terminal.
    parked: AtomicBool,
}

impl Gate {
    /// Asks the reader to stand aside and waits (a little) until it does.
    fn stand_aside(&self) {
        self.paused.store(true, Ordering::SeqCst);
        let start = Instant::now();
        while !self.parked.load(Ordering::SeqCst) && start.elapsed() < Duration::from_millis(500) {
            thread::sleep(Duration::from_millis(5));
        }
    }

    fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

/// Panics on the key `BYLINE_PANIC_KEY` names, so the tests can check that a panic leaves the
/// terminal as byline found it. Compiled only into debug (and test) builds.
#[cfg(debug_assertions)]
fn injected_panic(event: &Event) {
    let Event::Key(key) = event else {
        return;
    };
    let wanted = std::env::var("BYLINE_PANIC_KEY").ok();
    let wanted = wanted.and_then(|k| k.chars().next());
    if wanted.is_some_and(|c| key.code == crossterm::event::KeyCode::Char(c)) {
        panic!("a panic injected for the tests (BYLINE_PANIC_KEY)");
    }
}

/// The app's event for a terminal event, if it is one the app takes.
fn event_of(input: TermEvent) -> Option<Event> {
    match input {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => Some(Event::Key(key)),
        TermEvent::Resize(width, height) => {
            let (width, height) = terminal::capped(width, height);
            Some(Event::Resize { width, height })
        }
        TermEvent::Mouse(mouse) => {
            let (x, y) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Event::Wheel { x, y, down: true }),
                MouseEventKind::ScrollUp => Some(Event::Wheel { x, y, down: false }),
                MouseEventKind::Down(MouseButton::Left) => Some(Event::Click { x, y }),
                _ => None,
            }
        }
        _ => None,
    }
}

//! The terminal shell: sets the terminal up, runs the event loop, and restores the terminal on
//! every way out (quit, error, panic, SIGTERM/SIGHUP/SIGINT).
//!
//! This is the only module that touches the terminal; everything it does to the app goes
//! through [`App::update`].
//!
//! Terminal input is read on its own thread and sent here as messages. crossterm 0.29 never
//! returns from a read once the terminal has hung up (crossterm #793: it spins on end of file),
//! so the event loop must not wait inside crossterm: it waits on a channel with a timeout and
//! checks for SIGHUP/SIGTERM between messages, so a closed SSH session or terminal window ends
//! byline instead of leaving it spinning. The search worker of a large library wakes the loop on
//! the same channel when its hits are ready.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::app::{Action, App, Effect, Typesetting};
use crate::config::keys::Mode;
use crate::config::settings::Settings;
use crate::config::theme::Theme;
use crate::library::Library;
use crate::state::State;
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

/// Runs the reader until the user quits or a signal asks it to stop.
pub fn run(
    library: Library,
    theme: Theme,
    typesetting: Typesetting,
    settings: &Settings,
    state: &Path,
) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }

    // Installs a panic hook that restores the terminal before the panic message prints.
    let mut terminal = ratatui::try_init()?;
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
    let size = terminal.size()?;
    let mut app = App::new(library, Rect::new(0, 0, size.width, size.height));
    app.set_typesetting(typesetting);
    app.set_keymap(settings.keymap.clone());
    app.set_split(settings.split);
    app.set_date_format(settings.date_format.clone());
    if settings.sort != app.sort() {
        app.set_sort(settings.sort);
    }
    app.load_selected();
    let (state, warning) = State::open(state);
    match state.load() {
        Ok(snapshot) => app.restore(snapshot),
        Err(err) => app.notify(format!("Could not read the reading state: {err}")),
    }
    if let Some(warning) = warning {
        app.notify(warning);
    }
    let mut saver = Saver::default();

    let (sender, messages) = mpsc::channel();
    let searched = sender.clone();
    app.search_in_background(move || {
        let _ = searched.send(Message::Searched);
    });
    spawn_event_reader(sender);
    let stopped = || stop.load(Ordering::Relaxed);
    // The loop may end on an error (a terminal gone away): what was done is saved all the same.
    let result = (|| -> io::Result<()> {
        while !app.should_quit() && !stopped() {
            terminal.draw(|frame| ui::render(&app, &theme, frame))?;
            let first = match messages.recv_timeout(TICK) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    app.tick(Instant::now());
                    perform_all(&mut app, &state, &mut saver);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            // Apply every pending event before drawing again, so fast typing never lags.
            let pending = messages.try_iter().take(EVENTS_PER_FRAME);
            for message in std::iter::once(first).chain(pending) {
                match message {
                    Message::Input(event) => {
                        if let Some(action) = action_for(&app, event?) {
                            app.update(action);
                        }
                    }
                    Message::Searched => {
                        app.collect_search();
                    }
                }
                if app.should_quit() || stopped() {
                    break;
                }
            }
            app.load_selected();
            app.tick(Instant::now());
            perform_all(&mut app, &state, &mut saver);
        }
        Ok(())
    })();
    // Where you were in the open article is kept for next time, however byline ends.
    app.finish();
    perform_all(&mut app, &state, &mut saver);
    result
}

/// Whether saving has failed already, so that the warning shows once, not on every change.
#[derive(Default)]
struct Saver {
    failed: bool,
}

/// Performs the app's effects and shows what came of them.
fn perform_all(app: &mut App, state: &State, saver: &mut Saver) {
    for effect in app.take_effects() {
        let message = match &effect {
            Effect::Save(change) => match state.save(change) {
                Ok(()) => None,
                Err(err) if !saver.failed => {
                    saver.failed = true;
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
        };
        if let Some(message) = message {
            app.notify(message);
        }
    }
}

/// Puts `address` on the clipboard with OSC 52, which terminals (and SSH) pass to the clipboard
/// of the machine in front of you. Addresses are printable ASCII already (see
/// `links::printable`), and go base64-encoded besides.
fn copy_through_terminal(address: &str) -> io::Result<()> {
    use base64::Engine;
    use std::io::Write;
    let encoded = base64::engine::general_purpose::STANDARD.encode(address);
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Starts `$BROWSER`, or the system's opener, on `address` (an argument, never through a
/// shell); returns the program's name.
fn open_in_browser(address: &str) -> io::Result<String> {
    use std::process::{Command, Stdio};
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

/// What wakes the event loop.
enum Message {
    /// The terminal sent an event, or reading it failed.
    Input(io::Result<Event>),
    /// The search worker has hits ready.
    Searched,
}

/// Reads terminal events on a thread of its own and sends them to `sender`.
///
/// The thread ends when the channel is dropped or reading fails; if crossterm never returns
/// (a hung-up terminal), the thread ends with the process.
fn spawn_event_reader(sender: mpsc::Sender<Message>) {
    thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if sender.send(Message::Input(event)).is_err() || failed {
                break;
            }
        }
    });
}

fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => app
            .keymap()
            .action_for(Mode::of(app.focus(), app.overlay().is_some()), key),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(mouse) if app.overlay().is_none() => {
            let (x, y) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Action::Wheel { x, y, down: true }),
                MouseEventKind::ScrollUp => Some(Action::Wheel { x, y, down: false }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { x, y }),
                _ => None,
            }
        }
        _ => None,
    }
}

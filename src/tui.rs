//! The terminal shell: sets the terminal up, runs the event loop, and restores the terminal on
//! every way out (quit, error, panic, SIGTERM/SIGHUP/SIGINT).
//!
//! This is the only module that touches the terminal; everything it does to the app goes
//! through [`App::update`].

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::Rect;

use crate::app::{Action, App};
use crate::keymap::{self, Mode};
use crate::library::Library;
use crate::theme::Theme;
use crate::ui;

/// How long the loop waits for input before checking for signals.
const TICK: Duration = Duration::from_millis(250);

/// Restores the terminal when dropped, so an early return or `?` cannot leave it raw.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Runs the reader until the user quits or a signal asks it to stop.
pub fn run(library: Library, theme: Theme) -> io::Result<()> {
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
    let _restore = Restore;
    let size = terminal.size()?;
    let mut app = App::new(library, Rect::new(0, 0, size.width, size.height));
    app.load_selected();

    while !app.should_quit() && !stop.load(Ordering::Relaxed) {
        terminal.draw(|frame| ui::render(&app, &theme, frame))?;
        if !event::poll(TICK)? {
            continue;
        }
        // Apply every pending event before drawing again, so fast typing never lags.
        loop {
            if let Some(action) = action_for(&app, event::read()?) {
                app.update(action);
            }
            if app.should_quit() || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        app.load_selected();
    }
    Ok(())
}

fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let action = keymap::action_for(Mode::of(app.focus()), key);
            if app.help_visible() {
                // Any key closes the help overlay.
                Some(action.unwrap_or(Action::ToggleHelp))
            } else {
                action
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

//! The terminal byline draws on: crossterm's, with the size it reports capped and nothing
//! written for a frame that changed nothing.
//!
//! ratatui draws a frame after every event and tick; with nothing changed, crossterm's backend
//! still writes its colour resets and hides the cursor again, 26 bytes four times a second,
//! which keeps an SSH link busy and tmux's activity flag lit. This backend writes nothing when
//! there is nothing to draw, and moves or shows the cursor only when that changes.
//!
//! A terminal can say it is 65,535 columns by 65,535 rows (a broken emulator, a crafted
//! `TIOCSWINSZ`); ratatui would allocate two buffers of that many cells (206 GB) and abort with
//! raw mode still on. Past [`MAX_COLUMNS`] × [`MAX_ROWS`], byline draws in the top left corner
//! of that size and leaves the rest of the screen alone.

use std::io::{self, Stdout};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// The most columns byline draws: wider than any screen at any font size.
pub const MAX_COLUMNS: u16 = 1_000;
/// The most rows byline draws.
pub const MAX_ROWS: u16 = 500;

/// The size byline draws at for a terminal of `width` × `height`.
pub fn capped(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_COLUMNS), height.min(MAX_ROWS))
}

/// Sets the terminal up for the reader (raw mode, the alternate screen, a panic hook that
/// restores it first), as `ratatui::try_init` does, on a [`Capped`] backend.
pub fn init() -> io::Result<ratatui::Terminal<Capped>> {
    crossterm::terminal::enable_raw_mode()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        previous(info);
    }));
    crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    ratatui::Terminal::new(Capped::new(CrosstermBackend::new(io::stdout())))
}

/// A backend reporting at most [`MAX_COLUMNS`] × [`MAX_ROWS`], and writing only what changed.
pub struct Capped<B: Backend = CrosstermBackend<Stdout>> {
    inner: B,
    /// Whether the cursor is hidden, as far as this backend last told the terminal.
    hidden: bool,
    /// Where the cursor was put last, unless a draw has moved it since.
    cursor: Option<Position>,
}

impl<B: Backend> Capped<B> {
    pub fn new(inner: B) -> Self {
        Self {
            inner,
            hidden: false,
            cursor: None,
        }
    }
}

impl<B: Backend> Backend for Capped<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), B::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        if content.peek().is_none() {
            return Ok(());
        }
        // Drawing moves the terminal's cursor.
        self.cursor = None;
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), B::Error> {
        self.cursor = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), B::Error> {
        if self.hidden {
            return Ok(());
        }
        self.hidden = true;
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), B::Error> {
        if !self.hidden && self.cursor.is_some() {
            return Ok(());
        }
        self.hidden = false;
        self.inner.show_cursor()
    }

    /// Where byline put the cursor (the top left corner if it has not), never asked of the
    /// terminal: a full-screen reader has no use for the answer, and asking (`ESC [6n`) costs a
    /// round trip over SSH and races the thread that reads the keys for the reply.
    fn get_cursor_position(&mut self) -> Result<Position, B::Error> {
        Ok(self.cursor.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), B::Error> {
        let position = position.into();
        if self.cursor == Some(position) {
            return Ok(());
        }
        self.cursor = Some(position);
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), B::Error> {
        self.cursor = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), B::Error> {
        self.cursor = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, B::Error> {
        let size = self.inner.size()?;
        let (width, height) = capped(size.width, size.height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> Result<WindowSize, B::Error> {
        let mut size = self.inner.window_size()?;
        (size.columns_rows.width, size.columns_rows.height) =
            capped(size.columns_rows.width, size.columns_rows.height);
        Ok(size)
    }

    fn flush(&mut self) -> Result<(), B::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_capped_and_small_ones_kept() {
        assert_eq!(capped(65_535, 65_535), (MAX_COLUMNS, MAX_ROWS));
        assert_eq!(capped(5_000, 20), (MAX_COLUMNS, 20));
        assert_eq!(capped(80, 24), (80, 24));
        assert_eq!(capped(0, 0), (0, 0));
    }

    /// Counts the bytes written to it.
    #[derive(Clone, Default)]
    struct Counter(std::rc::Rc<std::cell::Cell<usize>>);

    impl io::Write for Counter {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.set(self.0.get() + bytes.len());
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// The bytes sent to the terminal for each frame of `frames`, the cursor at `cursor`.
    fn bytes_per_frame(frames: &[&str], cursor: Option<(u16, u16)>) -> Vec<usize> {
        let counter = Counter::default();
        let backend = Capped::new(CrosstermBackend::new(counter.clone()));
        let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
        let mut sizes = Vec::new();
        let mut before = 0;
        for text in frames {
            terminal
                .draw(|frame| {
                    frame.render_widget(ratatui::widgets::Paragraph::new(*text), frame.area());
                    if let Some(at) = cursor {
                        frame.set_cursor_position(at);
                    }
                })
                .expect("draw");
            let written = counter.0.get();
            sizes.push(written - before);
            before = written;
        }
        sizes
    }

    #[test]
    fn a_frame_that_changed_nothing_writes_nothing() {
        let sizes = bytes_per_frame(&["one", "one", "two", "two"], None);
        assert!(sizes[0] > 0 && sizes[2] > 0, "{sizes:?}");
        assert_eq!((sizes[1], sizes[3]), (0, 0), "{sizes:?}");
        // A cursor left where it is is not moved or shown again.
        let sizes = bytes_per_frame(&["one", "one", "two"], Some((3, 0)));
        assert_eq!(sizes[1], 0, "{sizes:?}");
        assert!(sizes[2] > 0, "{sizes:?}");
    }
}

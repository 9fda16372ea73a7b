//! The terminal byline draws on: crossterm's, with the size it reports capped.
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
    ratatui::Terminal::new(Capped(CrosstermBackend::new(io::stdout())))
}

/// crossterm's backend, reporting at most [`MAX_COLUMNS`] × [`MAX_ROWS`].
pub struct Capped(CrosstermBackend<Stdout>);

impl Backend for Capped {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        let size = self.0.size()?;
        let (width, height) = capped(size.width, size.height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let mut size = self.0.window_size()?;
        (size.columns_rows.width, size.columns_rows.height) =
            capped(size.columns_rows.width, size.columns_rows.height);
        Ok(size)
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.0)
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
}

//! The terminal byline draws on: crossterm's, with the size it reports capped and nothing
//! written for a frame that changed nothing.
//!
//! ratatui draws a frame after every event and tick; with nothing changed, crossterm's backend
//! still writes its colour resets and hides the cursor again, 26 bytes four times a second,
//! which keeps an SSH link busy and tmux's activity flag lit. This backend writes nothing when
//! there is nothing to draw, and moves or shows the cursor only when that changes.
//!
//! Scrolling the reading pane one line would otherwise rewrite every row of it (1,300 bytes at
//! 80x24, less writes 84). The shell says, before a frame, which rows show the article's text
//! and how far it moved ([`Shift`]); the backend then works out both ways of drawing the frame,
//! cell by cell against what the screen shows: as ratatui's diff says, or by scrolling those
//! rows with the terminal's scroll region (`CSI top;bottom r`, `CSI n S`/`T`, `CSI r`, which
//! every VT100-like terminal and tmux support) and writing only what then differs. It takes
//! the scroll only when that writes fewer bytes, so a wrong hint costs nothing. The region
//! moves whole rows, so it is used only when the frame spans the terminal's full width (not
//! capped), and where no wide character is in those rows (the one place this backend's copy
//! of the screen could differ from ratatui's). Beside the list, whose rows would have to be
//! written again, it does not pay and is not taken.
//!
//! A terminal can say it is 65,535 columns by 65,535 rows (a broken emulator, a crafted
//! `TIOCSWINSZ`); ratatui would allocate two buffers of that many cells (206 GB) and abort with
//! raw mode still on. Past [`MAX_COLUMNS`] × [`MAX_ROWS`], byline draws in the top left corner
//! of that size and leaves the rest of the screen alone.

use std::io::{self, Stdout, Write};
use std::ops::Range;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

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
    ratatui::Terminal::new(Capped::new(CrosstermBackend::new(Batched::new(
        io::stdout(),
    ))))
}

/// A writer that keeps what is written until it is flushed, then writes it at once: a frame
/// goes out in one write (one packet over SSH, never half a frame), and crossterm's four resets
/// after each draw (colours, underline colour, attributes) as the one that resets them all.
pub struct Batched<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

/// What crossterm writes after each draw, and what does the same.
const RESETS: &[u8] = b"\x1b[39m\x1b[49m\x1b[59m\x1b[0m";
const RESET: &[u8] = b"\x1b[0m";

impl<W: Write> Batched<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for Batched<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Article text never holds an escape (sanitized at load): only crossterm writes these.
        let mut out = Vec::with_capacity(self.pending.len());
        let mut rest = &self.pending[..];
        while let Some(at) = rest.windows(RESETS.len()).position(|w| w == RESETS) {
            out.extend_from_slice(&rest[..at]);
            out.extend_from_slice(RESET);
            rest = &rest[at + RESETS.len()..];
        }
        out.extend_from_slice(rest);
        self.pending.clear();
        self.inner.write_all(&out)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Batched<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Rows of the next frame that may show what the screen shows now, moved up or down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shift {
    /// The screen rows that move (the reading pane's text).
    pub rows: Range<u16>,
    /// How far their content moved: up when positive (the text scrolled on), down when
    /// negative.
    pub lines: isize,
}

/// A backend reporting at most [`MAX_COLUMNS`] × [`MAX_ROWS`], and writing only what changed.
pub struct Capped<B: Backend = CrosstermBackend<Batched<Stdout>>> {
    inner: B,
    /// Whether the cursor is hidden, as far as this backend last told the terminal.
    hidden: bool,
    /// Where the cursor was put last, unless a draw has moved it since.
    cursor: Option<Position>,
    /// The screen is blank (new, or cleared), as ratatui takes it to be then.
    blank: bool,
    /// What the screen shows, cell for cell, as drawn through this backend (ratatui's previous
    /// frame); `None` when that is not known.
    shown: Option<Buffer>,
    /// The shift the next frame may be drawn with, told by [`Capped::expect_shift`].
    shift: Option<Shift>,
}

impl<B: Backend> Capped<B> {
    pub fn new(inner: B) -> Self {
        Self {
            inner,
            hidden: false,
            cursor: None,
            blank: true,
            shown: None,
            shift: None,
        }
    }

    /// Says that in the next frame `shift.rows` may show what they show now, moved by
    /// `shift.lines`; the frame is then drawn by scrolling them if that writes fewer bytes.
    pub fn expect_shift(&mut self, shift: Shift) {
        self.shift = Some(shift);
    }

    /// How to draw `updates` (ratatui's diff against what is shown) by scrolling `shift`'s
    /// rows, if that is possible and writes fewer bytes.
    fn plan(&self, shift: &Shift, updates: &[(u16, u16, &Cell)]) -> Option<Plan> {
        let shown = self.shown.as_ref()?;
        let area = shown.area;
        // The region scrolls whole rows of the terminal: the frame must be all of them.
        let size = self.inner.size().ok()?;
        if (size.width, size.height) != (area.width, area.height) {
            return None;
        }
        let rows = shift.rows.clone();
        let height = rows.end.checked_sub(rows.start)?;
        let lines = u16::try_from(shift.lines.unsigned_abs()).ok()?;
        // Never the top row (scrolled off, it could go to the scrollback).
        if rows.start == 0 || rows.end > area.height || lines == 0 || lines >= height {
            return None;
        }
        let mut next = shown.clone();
        if !apply(&mut next, updates.iter().copied()) {
            return None;
        }
        let width = usize::from(area.width);
        let region = |buffer: &Buffer| {
            buffer.content[usize::from(rows.start) * width..usize::from(rows.end) * width].to_vec()
        };
        let (before, after) = (region(shown), region(&next));
        let single = |cells: &[Cell]| {
            cells
                .iter()
                .all(|c| c.diff_option == CellDiffOption::None && c.symbol().width() == 1)
        };
        if !single(&before) || !single(&after) {
            return None;
        }
        let up = shift.lines > 0;
        let mut scrolled = Buffer {
            area: Rect::new(area.x, rows.start, area.width, height),
            content: before,
        };
        scroll_cells(&mut scrolled.content, width, lines, up);
        let after = Buffer {
            area: scrolled.area,
            content: after,
        };
        let inside = |y: u16| rows.contains(&y);
        let drawn: Vec<(u16, u16, Cell)> = scrolled
            .diff(&after)
            .into_iter()
            .map(|(x, y, c)| (x, y, c.clone()))
            .collect();
        let plain = cost(updates.iter().filter(|(_, y, _)| inside(*y)).copied());
        let scrolling = cost(drawn.iter().map(|(x, y, c)| (*x, *y, c))) + SCROLL_COST;
        if scrolling >= plain {
            return None;
        }
        // Rows outside the region as ratatui would draw them, in screen order.
        let mut cells: Vec<(u16, u16, Cell)> = updates
            .iter()
            .filter(|(_, y, _)| *y < rows.start)
            .map(|(x, y, c)| (*x, *y, (*c).clone()))
            .collect();
        cells.extend(drawn);
        cells.extend(
            updates
                .iter()
                .filter(|(_, y, _)| *y >= rows.end)
                .map(|(x, y, c)| (*x, *y, (*c).clone())),
        );
        Some(Plan {
            rows,
            lines,
            up,
            cells,
            next,
        })
    }
}

/// A frame drawn by scrolling rows first.
struct Plan {
    rows: Range<u16>,
    lines: u16,
    up: bool,
    /// What to write once the rows have scrolled.
    cells: Vec<(u16, u16, Cell)>,
    /// What the screen then shows.
    next: Buffer,
}

/// About the bytes of `CSI t;b r`, `CSI n S` and `CSI r`.
const SCROLL_COST: usize = 16;

/// About the bytes crossterm writes for `cells`: each symbol, a cursor move where a run of
/// cells breaks, a colour or attribute change where the style does.
fn cost<'a>(cells: impl Iterator<Item = (u16, u16, &'a Cell)>) -> usize {
    let mut bytes = 0;
    let mut last: Option<(u16, u16, &Cell)> = None;
    for (x, y, cell) in cells {
        bytes += cell.symbol().len();
        let next_to = last.is_some_and(|(lx, ly, _)| ly == y && lx + 1 == x);
        if !next_to {
            // `CSI row;column H`
            bytes += 4 + digits(y + 1) + digits(x + 1);
        }
        let same_style = last.is_some_and(|(_, _, l)| l.style() == cell.style());
        if !same_style {
            bytes += 10;
        }
        last = Some((x, y, cell));
    }
    bytes
}

fn digits(n: u16) -> usize {
    n.to_string().len()
}

/// Moves the rows of `cells` (`width` cells each) by `lines`, up or down, blank rows coming in,
/// as a terminal scrolls its scroll region.
fn scroll_cells(cells: &mut [Cell], width: usize, lines: u16, up: bool) {
    let by = (usize::from(lines) * width).min(cells.len());
    let len = cells.len();
    if up {
        cells.rotate_left(by);
        cells[len - by..].fill_with(Cell::default);
    } else {
        cells.rotate_right(by);
        cells[..by].fill_with(Cell::default);
    }
}

/// `cells` (in screen order), with the cells between two of them on a row written again where
/// that takes fewer bytes than moving the cursor over them: a word at a time otherwise, where
/// the spaces between words were already there. Only cells of the style the terminal is
/// writing in then, so no colour change is added; `next` is the screen once drawn.
fn fill_gaps<'a>(
    cells: impl Iterator<Item = (u16, u16, &'a Cell)>,
    next: &'a Buffer,
) -> Vec<(u16, u16, &'a Cell)> {
    let mut filled: Vec<(u16, u16, &Cell)> = Vec::new();
    for (x, y, cell) in cells {
        if let Some(&(lx, ly, last)) = filled.last() {
            let start = lx.saturating_add(u16::try_from(last.symbol().width().max(1)).unwrap_or(1));
            if ly == y && start < x && next.area.contains(Position { x, y }) {
                let gap = || (start..x).map(|gx| &next[(gx, y)]);
                let fits = gap().all(|c| {
                    c.diff_option == CellDiffOption::None
                        && c.symbol().width() == 1
                        && c.style() == last.style()
                });
                let bytes: usize = gap().map(|c| c.symbol().len()).sum();
                if fits && bytes < 4 + digits(y + 1) + digits(x + 1) {
                    filled.extend((start..x).zip(gap()).map(|(gx, c)| (gx, y, c)));
                }
            }
        }
        filled.push((x, y, cell));
    }
    filled
}

/// Writes `updates` into `buffer` as the terminal shows them: a wide character covers the cells
/// after it. False when one falls outside it (the copy is then not what the screen shows).
fn apply<'a>(buffer: &mut Buffer, updates: impl Iterator<Item = (u16, u16, &'a Cell)>) -> bool {
    let area = buffer.area;
    for (x, y, cell) in updates {
        if !area.contains(Position { x, y }) {
            return false;
        }
        buffer[(x, y)] = cell.clone();
        let wide = u16::try_from(cell.symbol().width()).unwrap_or(u16::MAX);
        for covered in x.saturating_add(1)..x.saturating_add(wide).min(area.right()) {
            buffer[(covered, y)].reset();
        }
    }
    true
}

impl<B: Backend> Backend for Capped<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), B::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let shift = self.shift.take();
        let updates: Vec<(u16, u16, &Cell)> = content.collect();
        if updates.is_empty() {
            return Ok(());
        }
        // Drawing moves the terminal's cursor.
        self.cursor = None;
        if std::mem::take(&mut self.blank) {
            self.shown = self
                .size()
                .ok()
                .map(|s| Buffer::empty(Rect::new(0, 0, s.width, s.height)));
        }
        if let Some(plan) = shift.and_then(|s| self.plan(&s, &updates)) {
            if plan.up {
                self.inner.scroll_region_up(plan.rows, plan.lines)?;
            } else {
                self.inner.scroll_region_down(plan.rows, plan.lines)?;
            }
            let cells = fill_gaps(plan.cells.iter().map(|(x, y, c)| (*x, *y, c)), &plan.next);
            self.inner.draw(cells.into_iter())?;
            self.shown = Some(plan.next);
            return Ok(());
        }
        let Some(shown) = &mut self.shown else {
            return self.inner.draw(updates.into_iter());
        };
        if !apply(shown, updates.iter().copied()) {
            self.shown = None;
            return self.inner.draw(updates.into_iter());
        }
        let cells = fill_gaps(updates.into_iter(), shown);
        self.inner.draw(cells.into_iter())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), B::Error> {
        self.cursor = None;
        self.shown = None;
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
        self.blank = true;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), B::Error> {
        self.cursor = None;
        // Only a whole screen cleared is known; ratatui clears no other way full screen.
        self.blank = clear_type == ClearType::All;
        self.shown = None;
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

    fn scroll_region_up(&mut self, region: Range<u16>, line_count: u16) -> Result<(), B::Error> {
        self.cursor = None;
        self.shown = None;
        self.inner.scroll_region_up(region, line_count)
    }

    fn scroll_region_down(&mut self, region: Range<u16>, line_count: u16) -> Result<(), B::Error> {
        self.cursor = None;
        self.shown = None;
        self.inner.scroll_region_down(region, line_count)
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

    /// Keeps every byte written to it (the scroll tests read them back as a screen).
    #[derive(Clone, Default)]
    pub(super) struct Shared(pub(super) std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl io::Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// The bytes sent to the terminal for each frame of `frames`, the cursor at `cursor`.
    fn bytes_per_frame(frames: &[&str], cursor: Option<(u16, u16)>) -> Vec<usize> {
        let written = Shared::default();
        let backend = Capped::new(CrosstermBackend::new(written.clone()));
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
            let now = written.0.borrow().len();
            sizes.push(now - before);
            before = now;
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

#[cfg(test)]
mod scroll_tests {
    use std::num::NonZeroU16;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Style};
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Paragraph};

    use super::tests::Shared;
    use super::*;

    const WIDTH: u16 = 40;
    const HEIGHT: u16 = 12;

    /// crossterm's backend on a terminal of a fixed size (crossterm asks the real one).
    struct Fixed(CrosstermBackend<Batched<Shared>>);

    impl Backend for Fixed {
        type Error = io::Error;

        fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            self.0.draw(content)
        }
        fn hide_cursor(&mut self) -> io::Result<()> {
            self.0.hide_cursor()
        }
        fn show_cursor(&mut self) -> io::Result<()> {
            self.0.show_cursor()
        }
        fn get_cursor_position(&mut self) -> io::Result<Position> {
            Ok(Position::default())
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
            Ok(Size::new(WIDTH, HEIGHT))
        }
        fn window_size(&mut self) -> io::Result<WindowSize> {
            Ok(WindowSize {
                columns_rows: Size::new(WIDTH, HEIGHT),
                pixels: Size::default(),
            })
        }
        fn flush(&mut self) -> io::Result<()> {
            Backend::flush(&mut self.0)
        }
        fn scroll_region_up(&mut self, region: Range<u16>, lines: u16) -> io::Result<()> {
            self.0.scroll_region_up(region, lines)
        }
        fn scroll_region_down(&mut self, region: Range<u16>, lines: u16) -> io::Result<()> {
            self.0.scroll_region_down(region, lines)
        }
    }

    /// A reading pane over the whole width: a border, `text` from line `scroll`, and a status
    /// row saying where it is.
    fn pane(frame: &mut ratatui::Frame, text: &[String], scroll: usize) {
        let area = frame.area();
        let main = Rect {
            height: area.height - 1,
            ..area
        };
        let block = Block::bordered().border_style(Style::new().fg(Color::Indexed(6)));
        let lines: Vec<Line> = text
            .iter()
            .skip(scroll)
            .map(|l| Line::from(l.as_str()))
            .collect();
        frame.render_widget(Paragraph::new(lines).block(block), main);
        let status = Rect {
            y: area.height - 1,
            height: 1,
            ..area
        };
        frame.render_widget(Paragraph::new(format!("line {scroll}")), status);
    }

    /// The screen rows `pane` draws its text in.
    const TEXT_ROWS: Range<u16> = 1..HEIGHT - 2;

    /// Draws `pane` at each scroll of `scrolls` on a [`Capped`] backend, told of the shift
    /// when `hint`; returns the bytes of each frame and the screen they make.
    fn play(text: &[String], scrolls: &[usize], hint: bool) -> (Vec<usize>, Vec<vt100::Screen>) {
        let out = Shared::default();
        let backend = Capped::new(Fixed(CrosstermBackend::new(Batched::new(out.clone()))));
        let mut terminal = Terminal::new(backend).expect("terminal");
        let mut parser = vt100::Parser::new(
            NonZeroU16::new(HEIGHT).expect("rows"),
            NonZeroU16::new(WIDTH).expect("columns"),
            0,
        );
        let (mut sizes, mut screens) = (Vec::new(), Vec::new());
        let mut last: Option<usize> = None;
        for &scroll in scrolls {
            if let (true, Some(was)) = (hint, last) {
                terminal.backend_mut().expect_shift(Shift {
                    rows: TEXT_ROWS,
                    lines: scroll as isize - was as isize,
                });
            }
            terminal
                .draw(|frame| pane(frame, text, scroll))
                .expect("draw");
            last = Some(scroll);
            let bytes = std::mem::take(&mut *out.0.borrow_mut());
            parser.process(&bytes);
            sizes.push(bytes.len());
            screens.push(parser.screen().clone());
        }
        (sizes, screens)
    }

    /// Fails unless `screen` shows what ratatui's test backend shows for the frame.
    fn assert_shows(screen: &vt100::Screen, text: &[String], scroll: usize) {
        let mut expected = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        expected
            .draw(|frame| pane(frame, text, scroll))
            .expect("draw");
        let buffer = expected.backend().buffer();
        for y in 0..HEIGHT {
            for x in 0..WIDTH {
                let cell = screen.cell(y, x).expect("cell");
                if cell.is_wide_continuation() {
                    continue;
                }
                let want = &buffer[(x, y)];
                let shown = match cell.contents() {
                    "" => " ",
                    s => s,
                };
                let fg = match want.fg {
                    Color::Indexed(n) => vt100::Color::Idx(n),
                    _ => vt100::Color::Default,
                };
                assert_eq!(
                    (shown, cell.fgcolor()),
                    (want.symbol(), fg),
                    "at ({x}, {y}), scroll {scroll}; the screen:\n{}",
                    screen.contents()
                );
            }
        }
    }

    /// Lines of words that differ from one line to the next, as prose does.
    fn article(lines: usize) -> Vec<String> {
        const WORDS: [&str; 7] = [
            "ferry", "sailed", "at", "midnight", "the", "harbour", "crew",
        ];
        (0..lines)
            .map(|n| {
                let words: Vec<&str> = (0..6)
                    .map(|i| WORDS[(n * 3 + i * (n % 5 + 1)) % 7])
                    .collect();
                format!("{n:>3} {}", words.join(" "))
            })
            .collect()
    }

    #[test]
    fn a_scroll_by_lines_is_drawn_with_the_scroll_region_and_shows_the_same_screen() {
        let text = article(60);
        // Down a line, twice, up one, down three, a page (too far to scroll), back to the top.
        let scrolls = [0, 1, 2, 1, 4, 13, 0];
        let (plain, plain_screens) = play(&text, &scrolls, false);
        let (shifted, screens) = play(&text, &scrolls, true);
        for ((scroll, plain), shifted) in scrolls.iter().zip(&plain_screens).zip(&screens) {
            assert_shows(plain, &text, *scroll);
            assert_shows(shifted, &text, *scroll);
        }
        // One line: the new line, the status and the scroll, not the whole pane again.
        assert!(shifted[1] * 3 < plain[1], "{shifted:?} against {plain:?}");
        assert!(shifted[3] * 3 < plain[3], "{shifted:?} against {plain:?}");
        // A page moves every line out of the pane: drawn as ratatui would.
        assert_eq!(shifted[5], plain[5]);
    }

    #[test]
    fn rows_with_a_wide_character_are_written_not_scrolled() {
        let mut text = article(40);
        text[5] = "  5 渡し船が真夜中に出航した".to_string();
        let scrolls = [0, 1, 2, 3];
        let (plain, _) = play(&text, &scrolls, false);
        let (shifted, screens) = play(&text, &scrolls, true);
        for (scroll, screen) in scrolls.iter().zip(&screens) {
            assert_shows(screen, &text, *scroll);
        }
        assert_eq!(shifted, plain);
    }

    #[test]
    fn crossterms_resets_after_a_draw_go_out_as_one() {
        let out = Shared::default();
        let mut batched = Batched::new(out.clone());
        batched.write_all(b"a\x1b[39m\x1b[49m").expect("write");
        assert!(out.0.borrow().is_empty(), "nothing written before a flush");
        batched
            .write_all(b"\x1b[59m\x1b[0m\x1b[?25l")
            .expect("write");
        batched.flush().expect("flush");
        assert_eq!(&out.0.borrow()[..], b"a\x1b[0m\x1b[?25l");
    }
}

//! The filter line and the status bar at the foot of the screen.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Focus};
use crate::theme::Theme;

const PROMPT: &str = "/ ";

/// The filter line: the query, with the cursor while it is being typed.
pub fn render_filter_line(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let typing = app.focus() == Focus::Filter;
    let mut spans = vec![Span::styled(PROMPT, theme.filter_prompt.style())];
    if app.query().is_empty() && !typing {
        spans.push(Span::styled(
            "press / to filter by title, author or date",
            theme.filter_placeholder.style(),
        ));
    } else {
        // Keep the end of a long query, where the cursor is, in view.
        let room = (area.width as usize).saturating_sub(PROMPT.len() + 1);
        let query = app.query();
        let mut start = 0;
        while query[start..].width() > room {
            start += query[start..].chars().next().map_or(1, char::len_utf8);
        }
        spans.push(Span::styled(&query[start..], theme.filter_text.style()));
        if typing {
            let x = area.x + (PROMPT.len() + query[start..].width()) as u16;
            frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        }
    }
    Line::from(spans).render(area, frame.buffer_mut());
}

/// The status bar: position and counts on the left, key hints on the right.
///
/// When the bar is too narrow for everything, the key hints shorten first, then the sample
/// library note (where to put articles matters more than hints), so the counts always show.
pub fn render_status_bar(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.status_bar.style());
    let counts = counts(app, theme);
    let (sample_long, sample_short) = match app.sample_hint() {
        Some(dir) => (
            vec![Span::raw(format!(" · sample · put articles in {dir}"))],
            vec![Span::raw(" · sample library")],
        ),
        None => (vec![], vec![]),
    };
    let full_hints = hints(app, theme);
    let short_hints = vec![
        Span::styled("?", theme.status_key.style()),
        Span::raw(" help "),
    ];
    let no_hints = vec![];
    let layouts = [
        (&sample_long, &full_hints),
        (&sample_long, &short_hints),
        (&sample_long, &no_hints),
        (&sample_short, &full_hints),
        (&sample_short, &short_hints),
        (&sample_short, &no_hints),
    ];
    let width = area.width as usize;
    let chosen = layouts.iter().find(|(sample, hints)| {
        spans_width(&counts) + spans_width(sample) + spans_width(hints) < width
    });
    let (sample, hints) = chosen.copied().unwrap_or((&no_hints, &no_hints));
    let hints_width = spans_width(hints) as u16;
    let left = Line::from([counts, sample.clone()].concat());
    left.render(area, buf);
    if hints_width > 0 && hints_width < area.width {
        let x = area.right() - hints_width;
        let right = Rect {
            x,
            width: hints_width,
            ..area
        };
        Line::from(hints.clone()).render(right, buf);
    }
}

/// Position, matches and problems: ` 3/12 · 12 of 14 match “dec” · 2 problems`.
fn counts(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let total = app.library().articles.len();
    let shown = app.hits().len();
    let position = if shown == 0 { 0 } else { app.selected() + 1 };
    let mut spans = vec![Span::raw(format!(" {position}/{shown}"))];
    spans.push(Span::raw(if app.query().is_empty() {
        format!(" · {total} article{}", plural(total))
    } else {
        format!(" · {shown} of {total} match “{}”", app.query())
    }));
    let problems = app.library().problems.len();
    if problems > 0 {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            format!("{problems} problem{}", plural(problems)),
            theme.status_warning.style(),
        ));
        spans.push(Span::raw(" ("));
        spans.push(Span::styled("!", theme.status_key.style()));
        spans.push(Span::raw(" lists)"));
    }
    spans
}

/// The keys that matter most where the focus is.
fn hints(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let hints: &[(&str, &str)] = match app.focus() {
        Focus::List => &[
            ("/", "filter"),
            ("Enter", "read"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Focus::Reader => &[
            ("Space", "page"),
            ("h", "list"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Focus::Filter => &[("Enter", "keep"), ("Esc", "clear"), ("↑↓", "move")],
    };
    hints
        .iter()
        .flat_map(|(key, what)| {
            [
                Span::styled(*key, theme.status_key.style()),
                Span::raw(format!(" {what}  ")),
            ]
        })
        .collect()
}

fn spans_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(Span::width).sum()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

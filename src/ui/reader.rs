//! The reading pane: the selected article, set to the measure and centred in the pane.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

use crate::app::{App, ReaderContent};
use crate::article::Inline;
use crate::article::sanitize::display_path;
use crate::config::theme::Theme;
use crate::reading::reflow::{self, Tone};

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered()
        .border_style(theme.border(app.reading_focused()))
        .title(Span::styled(" Reading ", theme.pane_title.style()));
    let inner = block.inner(area);
    block.render(area, buf);
    let padded = inner.inner(Margin::new(1, 0));

    let lines = match app.reader() {
        ReaderContent::Article { lines, .. } if lines.is_empty() && app.reading().typesetting() => {
            notice(theme, "Setting the text…", padded, buf);
            return;
        }
        ReaderContent::Article { lines, .. } => lines,
        ReaderContent::Failed { index, reason } => {
            let path = display_path(&app.library().articles[*index].path);
            let note = format!("Could not read {path}: {reason}");
            notice(theme, &note, padded, buf);
            return;
        }
        ReaderContent::Empty => {
            let note = if app.query().is_empty() {
                "Nothing to read."
            } else {
                "No article matches the filter."
            };
            notice(theme, note, padded, buf);
            return;
        }
    };

    // Centre the text column when the pane is wider than the measure.
    let width = app.reading_width().min(padded.width as usize) as u16;
    let text_area = Rect {
        x: padded.x + (padded.width - width) / 2,
        width,
        ..padded
    };
    // Search hits on screen: (line, characters, whether it is the current hit).
    let rows = app.scroll()..app.scroll() + text_area.height as usize;
    let marks: Vec<(usize, Range<usize>, bool)> = app
        .reading()
        .find()
        .map(|find| {
            find.hits
                .iter()
                .enumerate()
                .flat_map(|(i, hit)| {
                    hit.segments
                        .iter()
                        .map(move |(line, chars)| (*line, chars.clone(), i == find.current))
                })
                .filter(|(line, _, _)| rows.contains(line))
                .collect()
        })
        .unwrap_or_default();
    let visible: Vec<Line> = lines
        .iter()
        .enumerate()
        .skip(app.scroll())
        .take(text_area.height as usize)
        .map(|(n, line)| {
            let marked: Vec<(Range<usize>, bool)> = marks
                .iter()
                .filter(|(l, _, _)| *l == n)
                .map(|(_, r, current)| (r.clone(), *current))
                .collect();
            to_line(line, theme, &marked)
        })
        .collect();
    Paragraph::new(visible).render(text_area, buf);

    let rows = inner.height as usize;
    if lines.len() > rows {
        let positions = lines.len() - rows + 1;
        let mut state = ScrollbarState::new(positions)
            .viewport_content_length(rows)
            .position(app.scroll());
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme.border(app.reading_focused()))
            .render(area.inner(Margin::new(0, 1)), buf, &mut state);
    }
}

fn notice(theme: &Theme, text: &str, area: Rect, buf: &mut Buffer) {
    Paragraph::new(text.to_string())
        .style(theme.notice.style())
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// A set line as styled spans; the characters in `marked` ranges show as search hits.
fn to_line(line: &reflow::Line, theme: &Theme, marked: &[(Range<usize>, bool)]) -> Line<'static> {
    if marked.is_empty() {
        return line
            .pieces
            .iter()
            .map(|p| Span::styled(p.text.clone(), tone_style(p.tone, theme)))
            .collect();
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut at = 0;
    for piece in &line.pieces {
        let base = tone_style(piece.tone, theme);
        for c in piece.text.chars() {
            let style = match marked.iter().find(|(r, _)| r.contains(&at)) {
                Some((_, true)) => base.patch(theme.search_current.style()),
                Some((_, false)) => base.patch(theme.search_hit.style()),
                None => base,
            };
            match spans.last_mut() {
                Some(last) if last.style == style => last.content.to_mut().push(c),
                _ => spans.push(Span::styled(c.to_string(), style)),
            }
            at += 1;
        }
    }
    Line::from(spans)
}

fn tone_style(tone: Tone, theme: &Theme) -> Style {
    match tone {
        Tone::Title => theme.reader_title.style(),
        Tone::Meta => theme.reader_meta.style(),
        Tone::Heading => theme.reader_heading.style(),
        Tone::Quote => theme.body.style().patch(theme.quote.style()),
        Tone::Marker | Tone::Text(Inline::Reference) => theme.marker.style(),
        Tone::Text(Inline::Code) => theme.body.style().patch(theme.code.style()),
        Tone::Text(Inline::Link) => theme.body.style().patch(theme.link.style()),
        Tone::Text(Inline::Plain) => theme.body.style(),
        Tone::Text(Inline::Emphasis) => theme.body.style().patch(theme.emphasis.style()),
        Tone::Text(Inline::Strong) => theme.body.style().patch(theme.strong.style()),
    }
}

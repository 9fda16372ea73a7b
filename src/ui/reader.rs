//! The reading pane: the selected article, set to the measure and centred in the pane.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

use crate::app::{App, Focus, ReaderContent};
use crate::article::Inline;
use crate::reflow::{self, Tone};
use crate::sanitize::display_path;
use crate::theme::Theme;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered()
        .border_style(theme.border(app.focus() == Focus::Reader))
        .title(Span::styled(" Reading ", theme.pane_title.style()));
    let inner = block.inner(area);
    block.render(area, buf);
    let padded = inner.inner(Margin::new(1, 0));

    let lines = match app.reader() {
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
    let visible: Vec<Line> = lines
        .iter()
        .skip(app.scroll())
        .take(text_area.height as usize)
        .map(|line| to_line(line, theme))
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
            .style(theme.border(app.focus() == Focus::Reader))
            .render(area.inner(Margin::new(0, 1)), buf, &mut state);
    }
}

fn notice(theme: &Theme, text: &str, area: Rect, buf: &mut Buffer) {
    Paragraph::new(text.to_string())
        .style(theme.notice.style())
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn to_line(line: &reflow::Line, theme: &Theme) -> Line<'static> {
    line.pieces
        .iter()
        .map(|p| Span::styled(p.text.clone(), tone_style(p.tone, theme)))
        .collect()
}

fn tone_style(tone: Tone, theme: &Theme) -> Style {
    match tone {
        Tone::Title => theme.reader_title.style(),
        Tone::Meta => theme.reader_meta.style(),
        Tone::Heading => theme.reader_heading.style(),
        Tone::Quote => theme.body.style().patch(theme.quote.style()),
        Tone::Marker => theme.marker.style(),
        Tone::Text(Inline::Code) => theme.body.style().patch(theme.code.style()),
        Tone::Text(Inline::Link) => theme.body.style().patch(theme.link.style()),
        Tone::Text(Inline::Plain) => theme.body.style(),
        Tone::Text(Inline::Emphasis) => theme.body.style().patch(theme.emphasis.style()),
        Tone::Text(Inline::Strong) => theme.body.style().patch(theme.strong.style()),
    }
}

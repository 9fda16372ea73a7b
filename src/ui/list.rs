//! The article list: one row per article, title, author and date in aligned columns, matched
//! characters highlighted. Only the rows on screen are built, so a huge library costs nothing here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::text::cell;
use crate::action::{Action, Mode};
use crate::app::App;
use crate::article::date;
use crate::article::sanitize::display_path;
use crate::config::theme::Theme;
use crate::library::Origin;
use crate::query::rank::{Column, highlights};

/// Width of the marks before each title: unread, starred, a space.
const GUTTER: usize = 3;
/// Width of the date column (`2014-12-31`).
const DATE_WIDTH: usize = 10;
/// The author column takes a quarter of the row, within these bounds.
const AUTHOR_MIN: usize = 8;
const AUTHOR_MAX: usize = 22;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = !app.reading_focused();
    let block = Block::bordered()
        .border_style(theme.border(focused))
        .title(Span::styled(" Articles ", theme.pane_title.style()));
    let inner = block.inner(area);
    block.render(area, buf);

    if app.hits().is_empty() {
        Paragraph::new(empty_note(app))
            .style(theme.notice.style())
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    }

    // A gutter of three columns marks unread (•) and starred (★) articles, both at once.
    let gutter = if inner.width >= 24 { GUTTER } else { 0 };
    let mut date_width = app.date_format().map_or(DATE_WIDTH, date::format_width);
    if app.relative_dates() {
        // Room for `6 days ago`.
        date_width = date_width.max(DATE_WIDTH);
    }
    let columns = Columns::for_width(inner.width as usize - gutter, date_width);
    let rows = app
        .hits()
        .iter()
        .enumerate()
        .skip(app.list_offset())
        .take(inner.height as usize);
    for (y, (position, hit)) in (inner.y..).zip(rows) {
        let selected = position == app.selected();
        let row_style = match (selected, app.focus()) {
            (false, _) => theme.list_row.style(),
            (true, _) if app.reading_focused() => theme.list_selected_unfocused.style(),
            (true, _) => theme.list_selected.style(),
        };
        let mut line = row(app, theme, hit.index, &columns, row_style, selected);
        if gutter > 0 {
            // On the selected row a mark takes the row's colours, which the theme keeps apart.
            let mark = |on: bool, mark: &'static str, style: Style| match (on, selected) {
                (false, _) => Span::styled(" ", row_style),
                (true, true) => Span::styled(mark, row_style),
                (true, false) => Span::styled(mark, row_style.patch(style)),
            };
            let unread = mark(!app.is_read(hit.index), "•", theme.unread_mark.style());
            let star = mark(app.is_starred(hit.index), "★", theme.star_mark.style());
            line.spans
                .splice(0..0, [unread, star, Span::styled(" ", row_style)]);
        }
        buf.set_line(inner.x, y, &line, inner.width);
    }
}

/// Column widths for a row `width` wide; a column too narrow to be useful is dropped.
struct Columns {
    title: usize,
    author: usize,
    date: usize,
}

impl Columns {
    fn for_width(width: usize, date_width: usize) -> Self {
        let date = if width >= 14 + date_width {
            date_width
        } else {
            0
        };
        let author = if width >= 36 {
            (width / 4).clamp(AUTHOR_MIN, AUTHOR_MAX)
        } else {
            0
        };
        let gaps = usize::from(date > 0) + usize::from(author > 0);
        Self {
            title: width.saturating_sub(date + author + gaps),
            author,
            date,
        }
    }
}

fn row(
    app: &App,
    theme: &Theme,
    index: usize,
    columns: &Columns,
    row_style: Style,
    selected: bool,
) -> Line<'static> {
    let entry = &app.index().entries[index];
    let query = app.active_query();
    let lit = |column| highlights(app.matcher(), entry, query, column);
    let style = |column: Style| {
        if selected {
            column.patch(row_style)
        } else {
            row_style.patch(column)
        }
    };
    let highlight = theme.match_highlight.style();
    let mut spans = cell(
        &entry.title,
        columns.title,
        &lit(Column::Title),
        style(Style::new()),
        highlight,
    );
    if columns.author > 0 {
        let author = if entry.author.is_empty() {
            "—"
        } else {
            &entry.author
        };
        spans.push(Span::styled(" ", row_style));
        spans.extend(cell(
            author,
            columns.author,
            &lit(Column::Author),
            style(theme.list_author.style()),
            highlight,
        ));
    }
    if columns.date > 0 {
        let mut lit_date = lit(Column::Date);
        let near = (entry.date.filter(|_| app.relative_dates()))
            .and_then(|d| date::relative(d, app.today()));
        let date = match (entry.date, app.date_format()) {
            (None, _) => "—".to_string(),
            // `today`, `3 days ago`: a match in the date lights all of it.
            (Some(_), _) if near.is_some() => {
                let written = near.unwrap_or_default();
                if !lit_date.is_empty() {
                    lit_date = (0..written.chars().count()).collect();
                }
                written
            }
            (Some(_), None) => entry.date_iso.clone(),
            (Some(d), Some(format)) => {
                let written = date::format(d, format).unwrap_or_else(|_| entry.date_iso.clone());
                // Matches are found in the ISO form; in another form the whole date lights.
                if !lit_date.is_empty() {
                    lit_date = (0..written.chars().count()).collect();
                }
                written
            }
        };
        spans.push(Span::styled(" ", row_style));
        spans.extend(cell(
            &date,
            columns.date,
            &lit_date,
            style(theme.list_date.style()),
            highlight,
        ));
    }
    Line::from(spans)
}

/// What the list says when it has no rows.
fn empty_note(app: &App) -> String {
    // A large library's first search runs on the worker: say so rather than "no articles".
    if app.searching() {
        return "Searching…".to_string();
    }
    if app.check_progress().is_some() && app.query().is_empty() {
        return "Reading the library…".to_string();
    }
    let clear = super::key(app, Mode::List, Action::ClearFilter);
    if app.query_error().is_some() {
        return format!(
            "No article matched the query before the marked mistake. Mend it, or press {clear} \
             to clear the filter."
        );
    }
    if !app.query().is_empty() {
        return format!(
            "No article matches “{}”. Press {clear} to clear the filter.",
            app.query()
        );
    }
    match &app.library().origin {
        Origin::Folders(roots) => {
            let problems = &app.library().problems;
            let missing: Vec<String> = problems
                .iter()
                .filter(|p| roots.contains(&p.path))
                .map(|p| format!("{}: {}", display_path(&p.path), p.reason))
                .collect();
            if !missing.is_empty() {
                return format!("No articles. {}.", missing.join("; "));
            }
            let roots: Vec<String> = roots.iter().map(|r| display_path(r)).collect();
            format!(
                "No articles in {}. byline reads .txt, .md, .html, .json and .jsonl files in that folder and below.",
                roots.join(", ")
            )
        }
        Origin::Sample { .. } => "The sample library is empty.".to_string(),
    }
}

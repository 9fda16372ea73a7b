//! The article list: one row per article, title, author and date in aligned columns, matched
//! characters highlighted. Only the rows on screen are built, so a huge library costs nothing here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::text::cell;
use crate::action::{Action, Mode};
use crate::app::{App, Group, Grouping, Row, SNIPPET_INDENT, View};
use crate::article::date;
use crate::article::sanitize::display_path;
use crate::config::theme::Theme;
use crate::layout::{self, ListColumn, ListColumns};
use crate::library::Origin;
use crate::query::index::Entry;
use crate::query::rank::{Column, highlights};

/// Width of the marks before each title: unread, starred, a space.
const GUTTER: usize = 3;
/// Width of the date column (`2014-12-31`).
const DATE_WIDTH: usize = 10;

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
    let mut widths = app.list_widths();
    // Measured as 1 when any row has a date: the form says how wide.
    widths.date = if widths.date > 0 { date_width } else { 0 };
    // Grouped by day or source, the header says what the column would on every row.
    let asked: Vec<ListColumn> = (app.list_columns().iter().copied())
        .filter(|c| match app.grouping() {
            Grouping::Day => *c != ListColumn::Date,
            Grouping::Source => *c != ListColumn::Source,
            Grouping::None => true,
        })
        .collect();
    let columns = layout::list_columns(inner.width as usize - gutter, &asked, &widths);
    // With a text term each row has a second line, the words around its first hit.
    let height = app.row_height() as u16;
    let rows = (app.list_offset()..).map_while(|row| app.list_row(row));
    let tops = (inner.y..inner.bottom()).step_by(usize::from(height));
    for (y, row_at) in tops.zip(rows) {
        let position = match row_at {
            Row::Hit(position) => position,
            Row::Header(group) => {
                let line = header(theme, group, inner.width as usize);
                buf.set_line(inner.x, y, &line, inner.width);
                continue;
            }
        };
        let hit = &app.hits()[position];
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
        if height > 1 && y + 1 < inner.bottom() {
            let style = if selected {
                theme.list_date.style().patch(row_style)
            } else {
                row_style.patch(theme.list_date.style())
            };
            let line = snippet_line(app, theme, hit.index, inner.width as usize, style);
            buf.set_line(inner.x, y + 1, &line, inner.width);
        }
    }
}

/// The line under a row that says why a text term matched it: the words around its first
/// hit, the hit lit; `…` while it is being read.
fn snippet_line(
    app: &App,
    theme: &Theme,
    index: usize,
    width: usize,
    style: Style,
) -> Line<'static> {
    let indent = SNIPPET_INDENT.min(width);
    let mut spans = vec![Span::styled(" ".repeat(indent), style)];
    let room = width - indent;
    match app.snippet(index) {
        None => spans.push(Span::styled("…", style)),
        Some(None) => {}
        Some(Some((text, places))) => {
            let lit: Vec<usize> = (text.char_indices().enumerate())
                .filter(|(_, (at, _))| places.iter().any(|p| p.contains(at)))
                .map(|(n, _)| n)
                .collect();
            spans.extend(cell(text, room, &lit, style, theme.match_highlight.style()));
        }
    }
    let used: usize = spans.iter().map(Span::width).sum();
    spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    Line::from(spans)
}

/// A group's header: its label and how many rows it has, then a rule to the edge.
fn header(theme: &Theme, group: &Group, width: usize) -> Line<'static> {
    let count = format!(" · {}", crate::reading::reflow::thousands(group.len));
    let label_room = width.saturating_sub(count.chars().count() + 2);
    let mut spans = cell(
        &group.label,
        label_room.min(unicode_width::UnicodeWidthStr::width(group.label.as_str())),
        &[],
        theme.reader_heading.style(),
        Style::new(),
    );
    spans.push(Span::styled(count, theme.list_date.style()));
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let rule = width.saturating_sub(used + 1);
    if rule > 0 {
        spans.push(Span::raw(" "));
        spans.push(Span::styled("─".repeat(rule), theme.border(false)));
    }
    Line::from(spans)
}

fn row(
    app: &App,
    theme: &Theme,
    index: usize,
    columns: &ListColumns,
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
    for &(column, width) in &columns.shown {
        spans.push(Span::styled(" ", row_style));
        let (text, lit_text, column_style) = match column {
            ListColumn::Author => {
                let (text, lit) = fit_name(&entry.author, width, &lit(Column::Author));
                (text, lit, theme.list_author.style())
            }
            ListColumn::Date => {
                let (text, lit) = date_cell(app, entry, lit(Column::Date));
                (text, lit, theme.list_date.style())
            }
            ListColumn::Source => (
                entry.source.shown.clone(),
                lit(Column::Source),
                theme.list_author.style(),
            ),
            ListColumn::Tags => (
                entry.tags_shown(),
                lit(Column::Tags),
                theme.list_date.style(),
            ),
        };
        let text = if text.is_empty() {
            "—".to_string()
        } else {
            text
        };
        spans.extend(cell(
            &text,
            width,
            &lit_text,
            style(column_style),
            highlight,
        ));
    }
    Line::from(spans)
}

/// The date as the list writes it (ISO, the config's form, or `3 days ago`) and the characters
/// of it to light, given those lit in the ISO form.
fn date_cell(app: &App, entry: &Entry, mut lit: Vec<usize>) -> (String, Vec<usize>) {
    let near =
        (entry.date.filter(|_| app.relative_dates())).and_then(|d| date::relative(d, app.today()));
    let written = match (entry.date, app.date_format()) {
        (None, _) => return (String::new(), Vec::new()),
        (Some(_), _) if near.is_some() => near.unwrap_or_default(),
        (Some(_), None) => return (entry.date_iso.clone(), lit),
        (Some(d), Some(format)) => {
            date::format(d, format).unwrap_or_else(|_| entry.date_iso.clone())
        }
    };
    // Matches are found in the ISO form; in another form the whole date lights.
    if !lit.is_empty() {
        lit = (0..written.chars().count()).collect();
    }
    (written, lit)
}

/// A name fitted to `width` columns the way people shorten names: `Martha J. Fenwick` becomes
/// `M. J. Fenwick`, then `Fenwick`; a name that still does not fit, or is not written in an
/// alphabet with initials, is left for the cell to cut.
/// The characters lit (`lit`, in the name) come along to where they are in what is shown.
fn fit_name(name: &str, width: usize, lit: &[usize]) -> (String, Vec<usize>) {
    use unicode_width::UnicodeWidthStr;
    // Initials are a habit of alphabets (Latin, Greek, Cyrillic): other names are cut.
    if name.width() <= width || name.chars().any(|c| c.is_alphabetic() && c > '\u{52F}') {
        return (name.to_string(), lit.to_vec());
    }
    // Each word with the index of its first character in the name.
    let mut words = Vec::new();
    let mut at = 0;
    for word in name.split(' ') {
        if !word.is_empty() {
            words.push((at, word));
        }
        at += word.chars().count() + 1;
    }
    let Some((&(last_at, last), firsts)) = words.split_last() else {
        return (name.to_string(), lit.to_vec());
    };
    // Each character shown, and the character of the name it stands for (`None` for a dot).
    let mut initials: Vec<(char, Option<usize>)> = Vec::new();
    for &(at, word) in firsts {
        let first = word.chars().next().unwrap_or(' ');
        initials.extend([(first, Some(at)), ('.', None), (' ', None)]);
    }
    let surname = || (last_at..).zip(last.chars()).map(|(i, c)| (c, Some(i)));
    let shortened: Vec<(char, Option<usize>)> = initials.into_iter().chain(surname()).collect();
    let fits = |chars: &[(char, Option<usize>)]| {
        chars
            .iter()
            .map(|(c, _)| c.to_string())
            .collect::<String>()
            .width()
            <= width
    };
    let chosen = if firsts.is_empty() {
        return (name.to_string(), lit.to_vec());
    } else if fits(&shortened) {
        shortened
    } else {
        let surname: Vec<_> = surname().collect();
        if !fits(&surname) {
            return (name.to_string(), lit.to_vec());
        }
        surname
    };
    let text = chosen.iter().map(|(c, _)| *c).collect();
    let lit = (chosen.iter().enumerate())
        .filter(|(_, (_, from))| from.is_some_and(|i| lit.binary_search(&i).is_ok()))
        .map(|(i, _)| i)
        .collect();
    (text, lit)
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
    // A view that leaves articles out is why the list is empty, not the library.
    let view = match app.view() {
        View::All => None,
        View::Unread => Some(("unread", Action::ShowUnread)),
        View::Starred => Some(("starred", Action::ShowStarred)),
    };
    if let Some((which, action)) = view {
        let all = super::key(app, Mode::List, action);
        let matching = if app.query().is_empty() {
            String::new()
        } else {
            format!(" match “{}”", app.query())
        };
        return format!("No {which} articles{matching}. Press {all} to show all articles.");
    }
    if app.query_error().is_some() {
        return format!(
            "No article matched the query before the marked mistake. Mend it, or press {clear} \
             to clear the filter."
        );
    }
    if !app.query().is_empty() {
        // Bare words look at titles, authors and dates: say how to look in the text.
        let word = (app.query().split_whitespace())
            .find(|w| w.chars().all(char::is_alphanumeric))
            .filter(|_| app.active_query().text_term().is_none());
        let text = word.map_or(String::new(), |w| {
            format!(" x:{w} looks for it in the articles' text.")
        });
        return format!(
            "No article matches “{}”.{text} Press {clear} to clear the filter.",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_shorten_to_initials_then_the_surname() {
        let name = "Martha Jane Fenwick";
        assert_eq!(fit_name(name, 30, &[]).0, name);
        assert_eq!(fit_name(name, 13, &[]).0, "M. J. Fenwick");
        assert_eq!(fit_name(name, 10, &[]).0, "Fenwick");
        // Too narrow even for the surname: left whole, for the cell to cut.
        assert_eq!(fit_name(name, 5, &[]).0, name);
        assert_eq!(fit_name("Cher", 2, &[]).0, "Cher");
        // What was lit stays lit where it now is: `fen` and the `j` of Jane.
        let (shown, lit) = fit_name(name, 13, &[7, 12, 13, 14]);
        assert_eq!(shown, "M. J. Fenwick");
        let lit: String = lit.iter().map(|&i| shown.chars().nth(i).unwrap()).collect();
        assert_eq!(lit, "JFen");
        assert_eq!(fit_name("Ольга Петрова", 10, &[]).0, "О. Петрова");
        // Names in scripts without initials are left for the cell to cut.
        assert_eq!(fit_name("山田 太郎", 8, &[]).0, "山田 太郎");
    }
}

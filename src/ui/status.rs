//! The filter line and the status bar at the foot of the screen.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::action::{Action, Mode};
use crate::app::{App, Focus, View};
use crate::config::theme::Theme;
use crate::query::rank::Sort;
use crate::reading::reflow::thousands;

const PROMPT: &str = "/ ";
const FIND_PROMPT: &str = "search: ";

/// The line under the panes: the filter's query, or the search inside the article while there is
/// one and the reading pane has the focus.
pub fn render_filter_line(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    if let Some(prompt) = app.link_prompt() {
        let what = if prompt.copy {
            "copy link"
        } else {
            "open link"
        };
        let count = app.reading().links().len();
        let line = Line::from(vec![
            Span::styled(format!("{what} [1-{count}]: "), theme.filter_prompt.style()),
            Span::styled(prompt.digits.clone(), theme.filter_text.style()),
        ]);
        let x = area.x + line.width() as u16;
        line.render(area, frame.buffer_mut());
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    if let Some(find) = app.reading().find()
        && matches!(app.focus(), Focus::Find | Focus::Reader)
    {
        let typing = app.focus() == Focus::Find;
        let mut spans = vec![Span::styled(FIND_PROMPT, theme.filter_prompt.style())];
        let room = (area.width as usize).saturating_sub(FIND_PROMPT.width() + 1);
        let text = find.line.text();
        let (shown, cursor_x) = visible_part(text, find.line.cursor(), room);
        spans.push(Span::styled(&text[shown], theme.filter_text.style()));
        Line::from(spans).render(area, frame.buffer_mut());
        if typing {
            let x = area.x + (FIND_PROMPT.width() + cursor_x) as u16;
            frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        }
        return;
    }
    let typing = app.focus() == Focus::Filter;
    let mut spans = vec![Span::styled(PROMPT, theme.filter_prompt.style())];
    if app.query().is_empty() && !typing {
        // In the reading pane `/` searches the article; the filter is the list's.
        let key = |mode, action| super::key(app, mode, action);
        let (long, short) = if app.reading_focused() {
            let find = key(Mode::Reader, Action::StartFind);
            (
                format!(
                    "press {find} to search the article · {}, then {}, to filter the list",
                    key(Mode::Reader, Action::FocusList),
                    key(Mode::List, Action::StartFilter)
                ),
                format!("press {find} to search"),
            )
        } else {
            let filter = key(Mode::List, Action::StartFilter);
            (
                format!(
                    "press {filter} to filter by title, author or date · {} shows how",
                    key(Mode::List, Action::ToggleHelp)
                ),
                format!("press {filter} to filter"),
            )
        };
        let fits = PROMPT.len() + long.width() <= area.width as usize;
        spans.push(Span::styled(
            if fits { long } else { short },
            theme.filter_placeholder.style(),
        ));
        Line::from(spans).render(area, frame.buffer_mut());
        return;
    }
    let room = (area.width as usize).saturating_sub(PROMPT.len() + 1);
    let query = app.query();
    let (shown, cursor_x) = visible_part(query, app.cursor(), room);
    let (start, end) = (shown.start, shown.end);
    let bad = app.query_error().map_or(0..0, |e| {
        e.span.start.clamp(start, end)..e.span.end.clamp(start, end)
    });
    let text = theme.filter_text.style();
    for (range, style) in [
        (start..bad.start.max(start), text),
        (bad.clone(), theme.filter_error.style()),
        (bad.end.max(start)..end, text),
    ] {
        if let Some(part) = query.get(range).filter(|p| !p.is_empty()) {
            spans.push(Span::styled(part, style));
        }
    }
    if typing {
        let x = area.x + (PROMPT.len() + cursor_x) as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
    Line::from(spans).render(area, frame.buffer_mut());
}

/// The part of an edited line that fits in `room` columns with the cursor in view, scrolled
/// sideways no more than needed, and the cursor's column in it.
fn visible_part(text: &str, cursor: usize, room: usize) -> (std::ops::Range<usize>, usize) {
    let cursor = cursor.min(text.len());
    let mut start = 0;
    while text[start..cursor].width() > room {
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    let mut end = start;
    for c in text[start..].chars() {
        if text[start..end + c.len_utf8()].width() > room {
            break;
        }
        end += c.len_utf8();
    }
    (start..end, text[start..cursor].width())
}

/// The status bar: position and counts on the left, key hints on the right.
///
/// When the bar is too narrow for everything, the key hints shorten first, then the sample
/// library note (where to put articles matters more than hints), so the counts always show.
pub fn render_status_bar(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.status_bar.style());
    let counts = counts(app, theme);
    let terms = terms(app, theme);
    let (sample_long, sample_short) = match app.sample_hint() {
        Some(dir) => (
            vec![Span::raw(format!(" · sample · put articles in {dir}"))],
            vec![Span::raw(" · sample library")],
        ),
        None => (vec![], vec![]),
    };
    let full_hints = hints(app, theme);
    let short_hints = match app.key_for(Mode::List, Action::ToggleHelp) {
        Some(key) => vec![
            Span::styled(key, theme.status_key.style()),
            Span::raw(" help "),
        ],
        None => vec![],
    };
    let none = vec![];
    // The default order is worth naming only when there is room; another order always shows.
    // With a query the best matches come first; the order settles ties.
    let sort_label = if app.active_query().is_empty() {
        app.sort().label().to_string()
    } else {
        format!("best first, ties {}", app.sort().label())
    };
    let sort = vec![Span::raw(format!(" · {sort_label}"))];
    let (sort, optional_sort) = if app.sort() == Sort::default() {
        (&none, &sort)
    } else {
        (&sort, &none)
    };
    // In order of preference: the default order goes first, then hints shorten, then the
    // sample note; the query's terms stay, and when even they do not fit they are cut at the
    // edge.
    let layouts = [
        (optional_sort, &sample_long, &full_hints),
        (&none, &sample_long, &full_hints),
        (optional_sort, &sample_long, &short_hints),
        (&none, &sample_long, &short_hints),
        (&none, &sample_long, &none),
        (&none, &sample_short, &short_hints),
        (&none, &sample_short, &none),
    ];
    let width = area.width as usize;
    let used = spans_width(&counts) + spans_width(sort) + spans_width(&terms);
    let chosen = layouts.iter().find(|(extra, sample, hints)| {
        used + spans_width(extra) + spans_width(sample) + spans_width(hints) < width
    });
    let (extra, sample, hints) = chosen.copied().unwrap_or((&none, &none, &none));
    let hints_width = spans_width(hints) as u16;
    let left = [counts, sort.clone(), extra.clone(), terms, sample.clone()].concat();
    // Cut at the edge with an ellipsis, so a cut message reads as one.
    let room = width.saturating_sub(usize::from(hints_width));
    Line::from(cut(left, room)).render(area, buf);
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

/// `spans` cut to `room` columns, the last character an ellipsis when anything was cut.
fn cut(spans: Vec<Span<'static>>, room: usize) -> Vec<Span<'static>> {
    use unicode_segmentation::UnicodeSegmentation;
    if spans_width(&spans) <= room || room == 0 {
        return spans;
    }
    let mut left = room - 1;
    let mut kept = Vec::new();
    for span in spans {
        let mut text = String::new();
        for grapheme in span.content.graphemes(true) {
            let width = grapheme.width();
            if width > left {
                break;
            }
            left -= width;
            text.push_str(grapheme);
        }
        let whole = text.len() == span.content.len();
        kept.push(Span::styled(text, span.style));
        if !whole {
            kept.push(Span::styled("…", span.style));
            break;
        }
    }
    kept
}

/// Position, matches, unread and problems: ` 3/12 · 12 of 14 match · 2 unread · 2 problems (!
/// lists)`.
fn counts(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let total = app.library().articles.len();
    let shown = app.hits().len();
    let position = if shown == 0 { 0 } else { app.selected() + 1 };
    let mut spans = vec![Span::raw(format!(" {position}/{shown}"))];
    spans.push(Span::raw(if app.active_query().is_empty() {
        format!(" · {total} article{}", plural(total))
    } else {
        format!(" · {shown} of {total} match")
    }));
    if app.searching() {
        spans.push(Span::raw(" (searching…)"));
    }
    // A count being typed (`5` of `5j`) shows until its motion.
    if let Some(count) = app.count() {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(format!("{count}×"), theme.status_key.style()));
    }
    if app.reading().typesetting() {
        spans.push(Span::raw(" · setting the text…"));
    }
    if let Some((done, total)) = app.check_progress() {
        spans.push(Span::raw(if total == 0 {
            " · checking the library…".to_string()
        } else {
            format!(" · checking {}/{}", thousands(done), thousands(total))
        }));
    }
    if let Some((done, total)) = app.index_progress() {
        spans.push(Span::raw(format!(
            " · indexing {}/{}",
            thousands(done),
            thousands(total)
        )));
    }
    if matches!(app.focus(), Focus::Reader | Focus::Find | Focus::Link)
        && let Some(percent) = app.percent_read()
    {
        spans.push(Span::raw(format!(" · {percent}%")));
        if let Some(find) = app.reading().find()
            && !find.line.text().trim().is_empty()
        {
            spans.push(Span::raw(" · "));
            spans.push(match find.hits.len() {
                0 => Span::styled("no match", theme.status_warning.style()),
                n => Span::raw(format!("hit {}/{n}", find.current + 1)),
            });
        }
    }
    // After where you are in the article, which a narrow bar keeps first.
    spans.push(Span::raw(format!(" · {} unread", app.unread_shown())));
    // A view that leaves articles out says so, or a list could look emptier than the library.
    let view = match app.view() {
        View::All => None,
        View::Unread => Some("unread only"),
        View::Starred => Some("starred only"),
    };
    if let Some(view) = view {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(view, theme.status_key.style()));
    }
    let problems = app.library().problems.len();
    if problems > 0 {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            format!("{problems} problem{}", plural(problems)),
            theme.status_warning.style(),
        ));
        if let Some(key) = app.key_for(Mode::List, Action::ToggleProblems) {
            spans.push(Span::raw(" ("));
            spans.push(Span::styled(key, theme.status_key.style()));
            spans.push(Span::raw(" lists)"));
        }
    }
    spans
}

/// What the query's terms look in (`author:mcgrath  date:≥ 2026-10-30`), why the filter line
/// does not parse, or a one-off notice.
fn terms(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    if let Some(notice) = app.notice() {
        return vec![
            Span::raw(" · "),
            Span::styled(notice.to_string(), theme.status_warning.style()),
        ];
    }
    if let Some(error) = app.query_error() {
        // The filter line marks where; the list keeps the last query that made sense.
        return vec![
            Span::raw(" · "),
            Span::styled(
                format!("✗ {error} (column {})", error.column(app.query())),
                theme.status_warning.style(),
            ),
        ];
    }
    let query = app.active_query();
    let mut spans = Vec::new();
    if !query.is_empty() {
        spans.push(Span::raw(format!(" · {}", query.describe())));
    }
    if app.query_pending() {
        let enter = super::key(app, Mode::Filter, Action::AcceptFilter);
        spans.push(Span::raw(format!(
            " · finishing a date… ({enter} takes it as it is)"
        )));
    }
    spans
}

/// The keys that matter most where the focus is, named as the key map in force binds them.
fn hints(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    use Action as A;
    let hints: &[(Mode, &[Action], &str)] = match app.focus() {
        Focus::List => &[
            (Mode::List, &[A::StartFilter], "filter"),
            (Mode::List, &[A::FocusReader], "read"),
            (Mode::List, &[A::CycleSort], "sort"),
            (Mode::List, &[A::ToggleHelp], "help"),
            (Mode::List, &[A::Quit], "quit"),
        ],
        Focus::Reader => &[
            (Mode::Reader, &[A::ScrollPageDown], "page"),
            (Mode::Reader, &[A::StartFind], "search"),
            (Mode::Reader, &[A::FocusList], "list"),
            (Mode::Reader, &[A::ToggleHelp], "help"),
            (Mode::Reader, &[A::Quit], "quit"),
        ],
        Focus::Filter => &[
            (Mode::Filter, &[A::AcceptFilter], "keep"),
            (Mode::Filter, &[A::ClearFilter], "clear"),
            (Mode::Filter, &[A::SelectNext, A::SelectPrevious], "move"),
            (Mode::Filter, &[A::HistoryOlder, A::HistoryNewer], "history"),
        ],
        Focus::Link => &[
            (Mode::Filter, &[A::AcceptFilter], "go"),
            (Mode::Filter, &[A::ClearFilter], "cancel"),
        ],
        Focus::Find => &[
            (Mode::Filter, &[A::AcceptFilter], "keep"),
            (Mode::Filter, &[A::ClearFilter], "clear"),
            (
                Mode::Filter,
                &[A::SelectNext, A::SelectPrevious],
                "next, previous",
            ),
        ],
    };
    let mut spans = Vec::new();
    if app.focus() == Focus::Link {
        // Digits are typed, not bound: they have no key to look up.
        spans.extend(hint("0-9".to_string(), "link number", theme));
    }
    for (mode, actions, what) in hints {
        let keys: Option<Vec<String>> = actions.iter().map(|&a| app.key_for(*mode, a)).collect();
        // An action the config left without a key has no hint.
        if let Some(keys) = keys {
            // Arrows read as a pair (`↑↓`), other keys apart (`^n ^p`).
            let arrows = keys.iter().all(|k| k.chars().count() == 1 && !k.is_ascii());
            spans.extend(hint(keys.join(if arrows { "" } else { " " }), what, theme));
        }
    }
    spans
}

fn hint(keys: String, what: &str, theme: &Theme) -> [Span<'static>; 2] {
    [
        Span::styled(keys, theme.status_key.style()),
        Span::raw(format!(" {what}  ")),
    ]
}

fn spans_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(Span::width).sum()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

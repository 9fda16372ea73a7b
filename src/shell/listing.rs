//! How `byline list` writes the articles it found: the fields an article has, and the four
//! formats (`table`, `tsv`, `json`, `jsonl`).
//!
//! `tsv`, `json` and `jsonl` write each article as it comes, so nothing is gathered into one
//! big string and a closed pipe stops the work at the next write; only `table` holds its rows
//! first, to size its columns. Article text was cleaned at load; paths are shown with
//! [`display_path`] everywhere but JSON, which escapes what it must itself.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use clap::ValueEnum;
use crossterm::style::Stylize;
use ratatui::style::Style;

use crate::article::sanitize::display_path;
use crate::article::{Article, date};
use crate::state::Snapshot;
use crate::ui::text;

/// How `byline list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Columns fitted to the terminal's width, with a header; colour on a terminal.
    Table,
    /// Tab-separated values, one article a line, no header.
    Tsv,
    /// One JSON array of objects, an object a line.
    Json,
    /// JSON Lines: one object a line.
    Jsonl,
}

/// What `byline list` can say about an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Field {
    Id,
    Title,
    Author,
    Date,
    Path,
    Source,
    Tags,
    Url,
    Words,
    Read,
    Starred,
}

impl Field {
    /// The field's name, as `--fields` and a JSON key write it.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Author => "author",
            Field::Date => "date",
            Field::Path => "path",
            Field::Source => "source",
            Field::Tags => "tags",
            Field::Url => "url",
            Field::Words => "words",
            Field::Read => "read",
            Field::Starred => "starred",
        }
    }
}

impl Format {
    /// The fields a format prints when `--fields` names none: a line's worth for people and
    /// `cut`, everything for programs.
    pub fn default_fields(self) -> &'static [Field] {
        match self {
            Format::Table | Format::Tsv => &[Field::Id, Field::Date, Field::Author, Field::Title],
            Format::Json | Format::Jsonl => &[
                Field::Id,
                Field::Title,
                Field::Author,
                Field::Date,
                Field::Path,
                Field::Words,
                Field::Url,
                Field::Source,
                Field::Tags,
                Field::Read,
                Field::Starred,
            ],
        }
    }
}

/// How to write the list, decided once by the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    /// The fields, in order (never empty).
    pub fields: Vec<Field>,
    /// The width a table fits in.
    pub width: usize,
    /// Colour and bold in a table (a terminal, `--color`, `NO_COLOR`).
    pub color: bool,
}

/// One field of one article.
enum Value<'a> {
    Text(Cow<'a, str>),
    Missing,
    Number(usize),
    Flag(bool),
    List(&'a [String]),
}

fn value<'a>(article: &'a Article, field: Field, state: &Snapshot) -> Value<'a> {
    let text = |t: Option<&'a String>| t.map_or(Value::Missing, |t| Value::Text(t.into()));
    match field {
        Field::Id => Value::Text(article.id.as_str().into()),
        Field::Title => Value::Text(article.title.as_str().into()),
        Field::Author => text(article.author.as_ref()),
        Field::Date => article
            .date
            .map_or(Value::Missing, |d| Value::Text(date::iso(d).into())),
        Field::Path => Value::Text(article.path.to_string_lossy()),
        Field::Source => text(article.publication.as_ref()),
        Field::Tags => Value::List(&article.tags),
        Field::Url => text(article.url.as_ref()),
        Field::Words => Value::Number(article.words),
        Field::Read => Value::Flag(state.read.contains(&article.id)),
        Field::Starred => Value::Flag(state.starred.contains(&article.id)),
    }
}

/// Writes `articles` as `output` says; returns how many there were. An article's snippet (one
/// line of its body around a `text:` term's hit, for the rows written only) goes into JSON as
/// `"snippet"`.
pub fn write<'a>(
    articles: impl Iterator<Item = (&'a Article, Option<String>)>,
    state: &Snapshot,
    output: &Output,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let fields = &output.fields;
    let mut count = 0;
    match output.format {
        Format::Tsv => {
            for (article, _) in articles {
                for (i, &field) in fields.iter().enumerate() {
                    if i > 0 {
                        out.write_all(b"\t")?;
                    }
                    let text = text_of(article, field, state, ",", "true", "false");
                    out.write_all(tsv_escape(&text).as_bytes())?;
                }
                writeln!(out)?;
                count += 1;
            }
        }
        Format::Jsonl => {
            for (article, snippet) in articles {
                json_object(article, fields, state, snippet.as_deref(), out)?;
                writeln!(out)?;
                count += 1;
            }
        }
        Format::Json => {
            for (article, snippet) in articles {
                out.write_all(if count == 0 { b"[\n  " } else { b",\n  " })?;
                json_object(article, fields, state, snippet.as_deref(), out)?;
                count += 1;
            }
            out.write_all(if count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = articles
                .map(|(a, _)| {
                    let cells = fields.iter();
                    cells
                        .map(|&f| text_of(a, f, state, ", ", "✓", ""))
                        .collect()
                })
                .collect();
            count = rows.len();
            if count > 0 {
                table(fields, &rows, output.width, output.color, out)?;
            }
        }
    }
    Ok(count)
}

/// A field as text for a line: a missing value is `-`, tags joined by `join`, a flag written
/// as `yes` when set and `no` when not, a path as [`display_path`] shows it.
fn text_of(
    article: &Article,
    field: Field,
    state: &Snapshot,
    join: &str,
    yes: &str,
    no: &str,
) -> String {
    match value(article, field, state) {
        Value::Text(_) if field == Field::Path => display_path(&article.path),
        Value::Text(text) => text.into_owned(),
        Value::Missing => "-".to_string(),
        Value::Number(n) => n.to_string(),
        Value::Flag(flag) => if flag { yes } else { no }.to_string(),
        Value::List(items) => items.join(join),
    }
}

/// A value as one TSV field: backslash, tab, line feed and carriage return written as `\\`,
/// `\t`, `\n` and `\r`, so every article is one line and every field one column.
fn tsv_escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['\\', '\t', '\n', '\r']) {
        return text.into();
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c => escaped.push(c),
        }
    }
    escaped.into()
}

/// One article as a JSON object of `fields`, in their order: a missing value is `null`, tags
/// an array; then its snippet, when there is one.
fn json_object(
    article: &Article,
    fields: &[Field],
    state: &Snapshot,
    snippet: Option<&str>,
    out: &mut dyn Write,
) -> io::Result<()> {
    out.write_all(b"{")?;
    for (i, &field) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write!(out, "\"{}\":", field.name())?;
        let written = match value(article, field, state) {
            Value::Text(_) if field == Field::Path => {
                serde_json::to_writer(&mut *out, &json_path(&article.path))
            }
            Value::Text(text) => serde_json::to_writer(&mut *out, &text),
            Value::Missing => serde_json::to_writer(&mut *out, &()),
            Value::Number(n) => serde_json::to_writer(&mut *out, &n),
            Value::Flag(flag) => serde_json::to_writer(&mut *out, &flag),
            Value::List(items) => serde_json::to_writer(&mut *out, items),
        };
        written.map_err(io::Error::from)?;
    }
    if let Some(snippet) = snippet {
        out.write_all(b",\"snippet\":")?;
        serde_json::to_writer(&mut *out, snippet).map_err(io::Error::from)?;
    }
    out.write_all(b"}")
}

/// A path as JSON writes it: the real one (lossy where it is not UTF-8), with `/` between
/// folders on every platform. JSON escapes what needs escaping; `display_path` is for a
/// terminal, and its `\u{1b}` would read as a different file name here.
fn json_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    match std::path::MAIN_SEPARATOR {
        '/' => text.into_owned(),
        separator => text.replace(separator, "/"),
    }
}

/// Columns two spaces apart, sized to their widest cell and cut (with `…`) to fit `width`,
/// under a header of the fields' names.
fn table(
    fields: &[Field],
    rows: &[Vec<String>],
    width: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let header: Vec<String> = fields.iter().map(|f| f.name().to_uppercase()).collect();
    let widths = column_widths(fields, &header, rows, width);
    let line = |cells: &[String]| -> Vec<String> {
        let last = cells.len().saturating_sub(1);
        cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                let fitted: String = text::cell(cell, w, &[], Style::default(), Style::default())
                    .iter()
                    .map(|span| span.content.as_ref())
                    .collect();
                // No padding after the last column.
                if i == last {
                    fitted.trim_end().to_string()
                } else {
                    fitted
                }
            })
            .collect()
    };
    let header = line(&header).join("  ");
    if color {
        writeln!(out, "{}", header.bold())?;
    } else {
        writeln!(out, "{header}")?;
    }
    for row in rows {
        let cells = line(row);
        for (i, (cell, field)) in cells.iter().zip(fields).enumerate() {
            if i > 0 {
                out.write_all(b"  ")?;
            }
            match field {
                Field::Id | Field::Date if color => write!(out, "{}", cell.as_str().dim())?,
                _ => out.write_all(cell.as_bytes())?,
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// How a table is cut to fit, stage by stage until it does: each stage cuts its columns down to
/// no less than its width. Long text goes first, then the title down to 30 columns before the
/// author is cut at all; ids, dates, counts and marks are never cut, so on a very narrow
/// screen they may still wrap.
const CUTS: &[(&[Field], usize)] = &[
    (&[Field::Url, Field::Path], 10),
    (&[Field::Tags, Field::Source], 10),
    (&[Field::Title], 30),
    (&[Field::Author], 10),
    (&[Field::Title], 10),
    (
        &[
            Field::Url,
            Field::Path,
            Field::Tags,
            Field::Source,
            Field::Author,
            Field::Title,
        ],
        2,
    ),
];

/// Each column's width: its widest cell, then cut as [`CUTS`] says until the line fits
/// `width`.
fn column_widths(
    fields: &[Field],
    header: &[String],
    rows: &[Vec<String>],
    width: usize,
) -> Vec<usize> {
    use unicode_width::UnicodeWidthStr;
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let gaps = 2 * fields.len().saturating_sub(1);
    let mut excess = (widths.iter().sum::<usize>() + gaps).saturating_sub(width);
    for (cut_these, narrowest) in CUTS {
        for (w, field) in widths.iter_mut().zip(fields) {
            if excess == 0 {
                return widths;
            }
            if cut_these.contains(field) && *w > *narrowest {
                let cut = excess.min(*w - narrowest);
                *w -= cut;
                excess -= cut;
            }
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, author: Option<&str>) -> Article {
        let mut article =
            crate::article::test_article(title, author, Some(jiff::civil::date(2020, 5, 1)));
        article.id = "0123456789abcdef".to_string();
        article.path = "news/a.txt".into();
        article.tags = vec!["port".to_string(), "trams".to_string()];
        article
    }

    fn written(articles: &[Article], output: &Output) -> String {
        let mut out = Vec::new();
        let count = write(
            articles.iter().map(|a| (a, None)),
            &Snapshot::default(),
            output,
            &mut out,
        )
        .unwrap();
        assert_eq!(count, articles.len());
        String::from_utf8(out).unwrap()
    }

    fn output(format: Format, fields: &[Field], width: usize) -> Output {
        Output {
            format,
            fields: fields.to_vec(),
            width,
            color: false,
        }
    }

    #[test]
    fn tsv_escapes_what_would_break_a_line_or_a_column() {
        assert_eq!(tsv_escape("plain"), "plain");
        assert_eq!(tsv_escape("a\tb\nc\rd\\e"), "a\\tb\\nc\\rd\\\\e");
        let tsv = written(
            &[article("Tab\there", None)],
            &output(Format::Tsv, &[Field::Title, Field::Author, Field::Tags], 80),
        );
        assert_eq!(tsv, "Tab\\there\t-\tport,trams\n");
    }

    #[test]
    fn json_names_the_fields_in_order_with_null_for_what_is_missing() {
        let fields = [Field::Title, Field::Author, Field::Tags, Field::Starred];
        let jsonl = written(
            &[article("One", None), article("Two", Some("Ann"))],
            &output(Format::Jsonl, &fields, 80),
        );
        assert_eq!(
            jsonl,
            "{\"title\":\"One\",\"author\":null,\"tags\":[\"port\",\"trams\"],\"starred\":false}\n\
             {\"title\":\"Two\",\"author\":\"Ann\",\"tags\":[\"port\",\"trams\"],\"starred\":false}\n"
        );
        let json = written(
            &[article("One", None), article("Two", None)],
            &output(Format::Json, &[Field::Title], 80),
        );
        assert_eq!(
            json,
            "[\n  {\"title\":\"One\"},\n  {\"title\":\"Two\"}\n]\n"
        );
        assert_eq!(
            written(&[], &output(Format::Json, &[Field::Title], 80)),
            "[]\n"
        );
    }

    #[test]
    fn a_table_fits_its_width_cutting_long_text_then_the_title_then_the_author() {
        let long = "A very long title about the harbour line and its new trams";
        let fields = [Field::Id, Field::Date, Field::Path, Field::Title];
        let table = written(&[article(long, None)], &output(Format::Table, &fields, 60));
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("ID                DATE        PATH        TITLE"));
        assert!(
            lines[1].starts_with("0123456789abcdef  2020-05-01  news/a.txt  A very long"),
            "{table}"
        );
        assert!(lines[1].ends_with('…'), "{table}");
        assert_eq!(unicode_width::UnicodeWidthStr::width(lines[1]), 60);
        // Wide enough: nothing cut, no trailing spaces.
        let wide = written(&[article(long, None)], &output(Format::Table, &fields, 200));
        assert!(
            wide.lines().nth(1).unwrap().ends_with("new trams"),
            "{wide}"
        );
        assert!(!wide.contains('…'));
        assert_eq!(written(&[], &output(Format::Table, &fields, 80)), "");
        // The author is whole while the title can give up columns down to 30.
        let by = [Field::Author, Field::Title];
        let named = article(long, Some("Mireille Osterhout"));
        let table = written(
            std::slice::from_ref(&named),
            &output(Format::Table, &by, 60),
        );
        let row = table.lines().nth(1).unwrap();
        assert!(
            row.starts_with("Mireille Osterhout  A very long"),
            "{table}"
        );
        assert_eq!(unicode_width::UnicodeWidthStr::width(row), 60);
        let narrow = written(&[named], &output(Format::Table, &by, 36));
        let row = narrow.lines().nth(1).unwrap();
        assert_eq!(
            row.chars().nth(9),
            Some('…'),
            "the author cut to 10: {narrow}"
        );
        assert_eq!(unicode_width::UnicodeWidthStr::width(row), 36);
    }

    #[test]
    fn a_table_in_colour_makes_the_header_bold_and_without_writes_no_escape() {
        let colour = Output {
            color: true,
            ..output(Format::Table, &[Field::Id, Field::Title], 80)
        };
        let table = written(&[article("One", None)], &colour);
        assert!(table.starts_with("\u{1b}["), "{table:?}");
        let plain = written(
            &[article("One", None)],
            &output(Format::Table, &[Field::Id, Field::Title], 80),
        );
        assert!(!plain.contains('\u{1b}'), "{plain:?}");
    }
}

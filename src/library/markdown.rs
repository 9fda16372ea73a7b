//! Markdown articles (`.md`, `.markdown`): YAML (`---`) or TOML (`+++`) front matter for the
//! metadata, CommonMark for the body.
//!
//! Emphasis, links, code, block quotes, lists and headings become the same [`Block`]s and
//! [`Inline`] styles the plain-text parser produces, so the reading pane sets every format alike.
//! Raw HTML inside Markdown is dropped, never passed through.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::FormatError;
use super::notes::{notes_list, superscript};
use super::yaml::{self, Value};
use crate::article::date;
use crate::article::{Align, Block, Body, Inline, Parsed, Span, image_placeholder};

/// Parses a Markdown article.
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let (meta, body_text) = split_front_matter(text)?;
    let (mut body, notes) = blocks(body_text);
    let mut parsed = Parsed {
        title: meta.title.unwrap_or_default(),
        author: meta.author,
        date: meta.date,
        url: meta.url,
        source: meta.source,
        tags: meta.tags,
        body: Body::default(),
    };
    if parsed.title.is_empty() {
        // Without a title in front matter, the first heading is the title (and leaves the body).
        let first = body
            .iter()
            .position(|b| matches!(b, (Block::Heading(_), _)));
        let Some(first) = first else {
            return Err(FormatError::new(
                "Markdown without a title (no front matter title and no # heading)",
            ));
        };
        parsed.title = body.remove(first).0.text().trim().to_string();
    } else if let Some((Block::Heading(_), _)) = body.first()
        && same_words(&body[0].0.text(), &parsed.title)
    {
        // A body that opens with the front matter's title as a heading would show it twice.
        body.remove(0);
    }
    let mut blocks: Vec<Block> = body.into_iter().map(|(b, _)| b).collect();
    blocks.extend(notes);
    parsed.body = Body { blocks };
    Ok(parsed)
}

/// Whether two lines say the same words, whatever the case, punctuation and spacing.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    words(a) == words(b)
}

/// Article metadata from front matter.
#[derive(Debug, Default, PartialEq, Eq)]
struct Meta {
    title: Option<String>,
    author: Option<String>,
    date: Option<jiff::civil::Date>,
    url: Option<String>,
    source: Option<String>,
    tags: Vec<String>,
}

/// Splits front matter from the body and reads it; text without front matter has no metadata.
fn split_front_matter(text: &str) -> Result<(Meta, &str), FormatError> {
    for (fence, kind) in [("---", Kind::Yaml), ("+++", Kind::Toml)] {
        let Some(rest) = text.strip_prefix(fence).and_then(|r| r.strip_prefix('\n')) else {
            continue;
        };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            let bare = line.trim_end();
            if bare == fence || (kind == Kind::Yaml && bare == "...") {
                let meta = read_meta(kind, &rest[..offset])?;
                return Ok((meta, &rest[offset + line.len()..]));
            }
            offset += line.len();
        }
        return Err(FormatError::new(format!(
            "{} front matter is not closed by a '{fence}' line",
            kind.name()
        )));
    }
    Ok((Meta::default(), text))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Yaml,
    Toml,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Yaml => "YAML",
            Kind::Toml => "TOML",
        }
    }
}

fn read_meta(kind: Kind, source: &str) -> Result<Meta, FormatError> {
    // Lines are counted from the file's first line, which is the opening fence.
    let fields: Vec<(String, Value)> = match kind {
        Kind::Yaml => yaml::fields(source)?,
        Kind::Toml => {
            let table: toml::Table = toml::from_str(source).map_err(|e| {
                let at = e.span().map_or(0, |s| s.start);
                let line = source[..at.min(source.len())].matches('\n').count() + 2;
                FormatError::new(format!("TOML front matter: line {line}: {}", e.message()))
            })?;
            table.into_iter().map(|(k, v)| (k, toml_value(v))).collect()
        }
    };
    let mut meta = Meta::default();
    for (key, value) in fields {
        match (key.as_str(), value) {
            ("title", Value::Text(t)) => meta.title = Some(t.trim().to_string()),
            ("author" | "authors", Value::Text(a)) => meta.author = Some(a.trim().to_string()),
            ("author" | "authors", Value::List(a)) => meta.author = Some(a.join(", ")),
            ("date", Value::Text(d)) => meta.date = date::parse(&d),
            ("url", Value::Text(u)) => meta.url = Some(u),
            ("source", Value::Text(s)) => meta.source = Some(s),
            ("tags", Value::List(t)) => meta.tags = t,
            ("tags", Value::Text(t)) => {
                meta.tags = t.split(',').map(|s| s.trim().to_string()).collect()
            }
            (field @ ("title" | "author" | "authors" | "date"), Value::Alias) => {
                return Err(FormatError::new(format!(
                    "{} front matter: '{field}' is an alias (*name), which byline does not \
                     expand: write the value out",
                    kind.name()
                )));
            }
            (field @ ("title" | "author" | "authors" | "date"), _) => {
                return Err(FormatError::new(format!(
                    "{} front matter: '{field}' is not text",
                    kind.name()
                )));
            }
            _ => {}
        }
    }
    meta.author = meta.author.filter(|a| !a.is_empty());
    meta.title = meta.title.filter(|t| !t.is_empty());
    Ok(meta)
}

fn toml_value(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::Text(s),
        toml::Value::Datetime(d) => Value::Text(d.to_string()),
        toml::Value::Integer(n) => Value::Text(n.to_string()),
        toml::Value::Array(items) => Value::List(
            items
                .into_iter()
                .filter_map(|v| match toml_value(v) {
                    Value::Text(t) => Some(t),
                    _ => None,
                })
                .collect(),
        ),
        _ => Value::Other,
    }
}

/// What kind of block text is being gathered into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// A heading, with its level (1 for `#`).
    Heading(u8),
    Other,
}

/// Turns CommonMark into blocks, each with its heading level where it is a heading, and the
/// footnotes into a "Notes" list to close the body.
fn blocks(text: &str) -> (Vec<(Block, Level)>, Vec<Block>) {
    let mut out: Vec<(Block, Level)> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut styles: Vec<Inline> = Vec::new();
    // The addresses of the links being read, innermost last.
    let mut links: Vec<String> = Vec::new();
    let mut quote_depth = 0usize;
    // One entry per open list: the next number for ordered lists, None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut item_marker: Option<(String, u8)> = None;
    let mut heading: Option<u8> = None;
    let mut code_block = false;
    // The image being read: its address and its description so far.
    let mut image: Option<(String, String)> = None;
    // The table being read: its header, its rows, and the row being read.
    let mut header: Vec<Vec<Span>> = Vec::new();
    let mut rows: Vec<Vec<Vec<Span>>> = Vec::new();
    let mut row: Vec<Vec<Span>> = Vec::new();
    // How its columns sit, from the delimiter row (`:--`, `:-:`, `--:`).
    let mut aligns: Vec<Align> = Vec::new();

    let flush = |spans: &mut Vec<Span>,
                 out: &mut Vec<(Block, Level)>,
                 heading: Option<u8>,
                 quote_depth: usize,
                 item: &mut Option<(String, u8)>| {
        if spans.iter().all(|s| s.text.trim().is_empty()) {
            // An empty block still ends its list item: the marker must not pass to what follows.
            spans.clear();
            item.take();
            return;
        }
        let taken = std::mem::take(spans);
        let block = match (heading, item.take()) {
            (Some(level), _) => (Block::Heading(taken), Level::Heading(level)),
            (None, Some((marker, depth))) => (
                Block::Item {
                    marker,
                    depth,
                    spans: taken,
                },
                Level::Other,
            ),
            (None, None) if quote_depth > 0 => (Block::Quote(taken), Level::Other),
            (None, None) => (Block::Paragraph(taken), Level::Other),
        };
        out.push(block);
    };

    let options =
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let numbers = footnote_numbers(text, options);
    // The note being read (where its blocks start, its number) and the notes read.
    let mut note: Option<(usize, usize)> = None;
    let mut notes: Vec<(usize, Vec<Block>)> = Vec::new();
    for event in Parser::new_ext(text, options) {
        match event {
            Event::FootnoteReference(label) => match numbers.get(label.as_ref()) {
                Some(&n) => spans.push(Span::new(superscript(n), Inline::Reference)),
                None => push(&mut spans, &format!("[^{label}]"), Inline::Plain),
            },
            Event::Start(Tag::FootnoteDefinition(label)) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                if note.is_none() {
                    let n = numbers.get(label.as_ref()).copied().unwrap_or(0);
                    note = Some((out.len(), n));
                }
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                if let Some((from, n)) = note.take() {
                    let read = out.split_off(from.min(out.len()));
                    notes.push((n, read.into_iter().map(|(b, _)| b).collect()));
                }
            }
            Event::Start(Tag::Table(columns)) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                aligns = columns.iter().map(|&a| align(a)).collect();
            }
            Event::Start(Tag::TableHead | Tag::TableRow | Tag::TableCell) => {}
            Event::End(TagEnd::TableCell) => {
                let mut cell = std::mem::take(&mut spans);
                trim(&mut cell);
                row.push(cell);
            }
            Event::End(TagEnd::TableHead) => header = std::mem::take(&mut row),
            Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Table) => {
                let table = Block::table(std::mem::take(&mut header), std::mem::take(&mut rows))
                    .aligned(std::mem::take(&mut aligns));
                if !table.text().trim().is_empty() {
                    out.push((table, Level::Other));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                heading = Some(heading_level(level));
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut spans, &mut out, heading, quote_depth, &mut item_marker);
                heading = None;
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker)
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                let depth = u8::try_from(lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}.");
                        *n += 1;
                        marker
                    }
                    _ => "•".to_string(),
                };
                item_marker = Some((marker, depth));
            }
            Event::End(TagEnd::Item) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker)
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                code_block = false;
            }
            Event::Start(Tag::Emphasis) => styles.push(Inline::Emphasis),
            Event::Start(Tag::Strong) => styles.push(Inline::Strong),
            // An image is a placeholder for it, linked to it, or the text of the link around it.
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((dest_url.to_string(), String::new()));
            }
            Event::Text(text) | Event::Code(text) if image.is_some() => {
                if let Some((_, alt)) = &mut image {
                    alt.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak if image.is_some() => {
                if let Some((_, alt)) = &mut image {
                    alt.push(' ');
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((address, alt)) = image.take() {
                    let text = image_placeholder(&alt);
                    match links.last() {
                        Some(outer) => push_link(&mut spans, &text, outer),
                        None if address.trim().is_empty() => push(&mut spans, &text, Inline::Plain),
                        None => push_link(&mut spans, &text, &address),
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                styles.push(Inline::Link);
                links.push(dest_url.to_string());
            }
            Event::End(TagEnd::Link) => {
                styles.pop();
                links.pop();
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                styles.pop();
            }
            // A code block keeps its lines: each is a paragraph of its own, since set text
            // reflows within a paragraph.
            Event::Text(text) if code_block => {
                let mut lines = text.split('\n').peekable();
                while let Some(line) = lines.next() {
                    push(&mut spans, line, Inline::Code);
                    if lines.peek().is_some() {
                        flush(&mut spans, &mut out, None, quote_depth, &mut item_marker);
                    }
                }
            }
            Event::Text(text) => match links.last() {
                Some(address) => push_link(&mut spans, &text, address),
                None => {
                    let style = styles.last().copied().unwrap_or(Inline::Plain);
                    push(&mut spans, &text, style);
                }
            },
            // Inside a link, code and line breaks are part of its text.
            Event::Code(text) if links.last().is_some() => {
                push_link(&mut spans, &text, links.last().map_or("", String::as_str));
            }
            Event::SoftBreak | Event::HardBreak if links.last().is_some() => {
                push_link(&mut spans, " ", links.last().map_or("", String::as_str));
            }
            Event::Code(text) => push(&mut spans, &text, Inline::Code),
            Event::SoftBreak | Event::HardBreak => push(&mut spans, " ", Inline::Plain),
            // Raw HTML, rules, footnotes, math and task markers carry nothing to read.
            _ => {}
        }
    }
    flush(&mut spans, &mut out, heading, quote_depth, &mut item_marker);
    (out, notes_list(notes))
}

/// A table column's alignment as pulldown-cmark reads the delimiter row.
fn align(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::Auto,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

/// The number of each footnote: in the order they are first referred to, then those never
/// referred to in the order they are written. Only footnotes that are written have one.
fn footnote_numbers(text: &str, options: Options) -> HashMap<String, usize> {
    let mut numbers = HashMap::new();
    if !text.contains("[^") {
        return numbers;
    }
    let mut written = Vec::new();
    let mut referred = Vec::new();
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => written.push(label.to_string()),
            Event::FootnoteReference(label) => referred.push(label.to_string()),
            _ => {}
        }
    }
    let defined: HashSet<&String> = written.iter().collect();
    for label in referred
        .iter()
        .filter(|l| defined.contains(l))
        .chain(&written)
    {
        let next = numbers.len() + 1;
        numbers.entry(label.clone()).or_insert(next);
    }
    numbers
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Trims spaces from both ends of a table cell, dropping spans it empties.
fn trim(spans: &mut Vec<Span>) {
    spans.retain(|s| !s.text.is_empty());
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = spans.last_mut() {
        last.text.truncate(last.text.trim_end().len());
    }
    spans.retain(|s| !s.text.is_empty());
}

/// Appends text to the last span when it has the same style.
fn push(spans: &mut Vec<Span>, text: &str, style: Inline) {
    match spans.last_mut() {
        Some(last) if last.style == style && last.link.is_none() => last.text.push_str(text),
        _ => spans.push(Span::new(text, style)),
    }
}

/// Adds link text, merging it with the text just before when that points at the same address.
fn push_link(spans: &mut Vec<Span>, text: &str, address: &str) {
    match spans.last_mut() {
        Some(last) if last.link.as_deref() == Some(address) => last.text.push_str(text),
        _ => spans.push(Span::link(text, address)),
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use proptest::prelude::*;

    use super::*;

    fn texts(parsed: &Parsed) -> Vec<String> {
        parsed.body.blocks.iter().map(Block::text).collect()
    }

    #[test]
    fn yaml_front_matter() {
        let parsed = parse(
            "---\ntitle: \"Tram line opens\"\nauthors: [Ada Quinn, Bo Okafor]\ndate: 2021-03-04\n\
             tags: [transport, city]\nurl: https://example.org/tram\nsource: The Ledger\n---\n\nFirst *line*.\n",
        )
        .unwrap();
        assert_eq!(parsed.title, "Tram line opens");
        assert_eq!(parsed.author.as_deref(), Some("Ada Quinn, Bo Okafor"));
        assert_eq!(parsed.date, Some(date(2021, 3, 4)));
        assert_eq!(parsed.tags, ["transport", "city"]);
        assert_eq!(parsed.url.as_deref(), Some("https://example.org/tram"));
        assert_eq!(parsed.source.as_deref(), Some("The Ledger"));
        assert_eq!(
            parsed.body.blocks,
            [Block::Paragraph(vec![
                Span::new("First ", Inline::Plain),
                Span::new("line", Inline::Emphasis),
                Span::new(".", Inline::Plain),
            ])]
        );
    }

    #[test]
    fn toml_front_matter_with_a_native_date() {
        let parsed = parse(
            "+++\ntitle = \"Flood barrier\"\nauthor = \"Priya H\"\ndate = 2024-10-27\ntags = \"a, b\"\n+++\nBody.\n",
        )
        .unwrap();
        assert_eq!(parsed.title, "Flood barrier");
        assert_eq!(parsed.author.as_deref(), Some("Priya H"));
        assert_eq!(parsed.date, Some(date(2024, 10, 27)));
        assert_eq!(parsed.tags, ["a", "b"]);
    }

    #[test]
    fn without_front_matter_the_first_heading_is_the_title() {
        let parsed = parse("# The title\n\nIntro.\n\n## A section\n\nMore.").unwrap();
        assert_eq!(parsed.title, "The title");
        assert_eq!(parsed.author, None);
        assert_eq!(texts(&parsed), ["Intro.", "A section", "More."]);
        assert!(matches!(parsed.body.blocks[1], Block::Heading(_)));
    }

    #[test]
    fn code_blocks_keep_their_lines_and_empty_items_end() {
        let parsed =
            parse("# T\n\n```\nline one\nline two\n```\n\n-\n\nAfter the list.\n").unwrap();
        assert_eq!(texts(&parsed), ["line one", "line two", "After the list."]);
        assert!(matches!(parsed.body.blocks[2], Block::Paragraph(_)));
        assert_eq!(parsed.body.blocks[0].spans()[0].style, Inline::Code);
    }

    #[test]
    fn no_title_anywhere_is_an_error() {
        let err = parse("Just a paragraph.").unwrap_err();
        assert!(err.to_string().contains("without a title"), "{err}");
    }

    #[test]
    fn bad_front_matter_names_the_line() {
        let err = parse("---\ntitle: ok\nauthor: [unclosed\n---\nBody").unwrap_err();
        assert!(
            err.to_string().starts_with("YAML front matter: line "),
            "{err}"
        );
        let err = parse("+++\ntitle = \"ok\"\nauthor = \n+++\nBody").unwrap_err();
        assert!(
            err.to_string().starts_with("TOML front matter: line 3"),
            "{err}"
        );
        let err = parse("---\ntitle: never closed\n").unwrap_err();
        assert!(err.to_string().contains("not closed"), "{err}");
        let err = parse("---\ntitle: [1, 2]\n---\n").unwrap_err();
        assert!(err.to_string().contains("'title' is not text"), "{err}");
    }

    #[test]
    fn quotes_lists_code_links_and_html() {
        let parsed = parse(
            "# T\n\n> quoted **strong**\n\n- one\n- two\n  1. inner\n  2. inner too\n\n\
             See [the site](https://example.org) and `code`.\n\n<script>alert(1)</script>\n",
        )
        .unwrap();
        let blocks = &parsed.body.blocks;
        assert_eq!(
            blocks[0],
            Block::Quote(vec![
                Span::new("quoted ", Inline::Plain),
                Span::new("strong", Inline::Strong)
            ])
        );
        let items: Vec<(String, u8, String)> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Item { marker, depth, .. } => Some((marker.clone(), *depth, b.text())),
                _ => None,
            })
            .collect();
        assert_eq!(
            items,
            [
                ("•".into(), 0, "one".into()),
                ("•".into(), 0, "two".into()),
                ("1.".into(), 1, "inner".into()),
                ("2.".into(), 1, "inner too".into()),
            ]
        );
        assert_eq!(blocks[5].spans()[1].text, "the site");
        assert_eq!(blocks[5].spans()[1].style, Inline::Link);
        assert!(blocks[5].spans()[1].link.is_some());
        assert_eq!(blocks[5].spans()[3], Span::new("code", Inline::Code));
        assert!(!texts(&parsed).iter().any(|t| t.contains("alert")));
        assert_eq!(blocks.len(), 6);
    }

    #[test]
    fn pipe_tables_become_table_blocks() {
        let parsed = parse(
            "# T\n\nBefore.\n\n| City | Rain |\n|---|--:|\n| *Lisbon* | 712 |\n| Porto |\n\nAfter.\n",
        )
        .unwrap();
        let blocks = &parsed.body.blocks;
        assert_eq!(blocks.len(), 3);
        let Block::Table { header, rows, .. } = &blocks[1] else {
            panic!("{:?}", blocks[1]);
        };
        assert_eq!(
            header,
            &[
                vec![Span::new("City", Inline::Plain)],
                vec![Span::new("Rain", Inline::Plain)]
            ]
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][0], [Span::new("Lisbon", Inline::Emphasis)]);
        assert_eq!(rows[0][1], [Span::new("712", Inline::Plain)]);
        // A short row's missing cells are empty.
        assert!(rows[1].get(1).is_none_or(Vec::is_empty));
        assert_eq!(blocks[1].text(), "City Rain Lisbon 712 Porto ");
        assert_eq!(texts(&parsed)[2], "After.");
        // A table of empty cells is nothing to read.
        let parsed = parse("# T\n\n| |\n|-|\n| |\n").unwrap();
        assert!(parsed.body.blocks.is_empty(), "{:?}", parsed.body.blocks);
    }

    #[test]
    fn the_delimiter_row_aligns_the_columns() {
        let aligns = |table: &str| {
            let parsed = parse(&format!("# T\n\n{table}")).unwrap();
            match &parsed.body.blocks[0] {
                Block::Table { aligns, .. } => aligns.clone(),
                other => panic!("{other:?}"),
            }
        };
        use Align::*;
        assert_eq!(
            aligns("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n"),
            [Left, Center, Right]
        );
        // Said of no column: nothing kept, the setter guesses.
        assert!(aligns("| a | b |\n|---|---|\n| 1 | 2 |\n").is_empty());
        // Two tables do not share their alignments.
        let parsed = parse("# T\n\n| a |\n|--:|\n| 1 |\n\ntext\n\n| b |\n|---|\n| 2 |\n").unwrap();
        let Block::Table { aligns, .. } = &parsed.body.blocks[2] else {
            panic!("{:?}", parsed.body.blocks);
        };
        assert!(aligns.is_empty());
    }

    #[test]
    fn images_are_placeholders_linked_to_the_image() {
        let parsed = parse(
            "# T\n\nThe quay ![Flooded *quay*,\nat dawn](https://x.org/q.jpg) and ![](pic.png).\n\n\
             [![logo](https://x.org/l.png)](https://x.org/home)\n",
        )
        .unwrap();
        let spans = parsed.body.blocks[0].spans();
        assert_eq!(
            spans[1],
            Span::link("[image: Flooded quay, at dawn]", "https://x.org/q.jpg")
        );
        assert_eq!(spans[3], Span::link("[image]", "pic.png"));
        // An image inside a link is that link's text.
        assert_eq!(
            parsed.body.blocks[1].spans(),
            [Span::link("[image: logo]", "https://x.org/home")]
        );
    }

    #[test]
    fn a_heading_repeating_the_front_matter_title_is_not_shown_twice() {
        let text = "---\ntitle: \"Ferry Strike: Talks Resume\"\n---\n\n# Ferry strike — talks resume\n\nText.\n\n## Later\n\nMore.\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.title, "Ferry Strike: Talks Resume");
        let texts: Vec<String> = parsed.body.blocks.iter().map(Block::text).collect();
        assert_eq!(texts, ["Text.", "Later", "More."]);
        // Another heading first stays.
        let other = parse("---\ntitle: Ferry\n---\n\n# Background\n\nText.\n").unwrap();
        assert_eq!(other.body.blocks[0].text(), "Background");
    }

    #[test]
    fn footnotes_are_raised_numbers_and_notes_at_the_end() {
        let parsed = parse(
            "# T\n\nRain fell[^rain] on the quay[^q] and again[^rain].\n\n\
             [^q]: The old quay, see [the map](https://x.org/map).\n\n\
             [^rain]: 712 mm.\n\n    A second paragraph.\n\n\
             [^unused]: Never referred to.\n\nAfter[^missing].\n",
        )
        .unwrap();
        let blocks = &parsed.body.blocks;
        assert_eq!(
            texts(&parsed),
            [
                "Rain fell¹ on the quay² and again¹.",
                "After[^missing].",
                "Notes",
                "712 mm. A second paragraph.",
                "The old quay, see the map.",
                "Never referred to.",
            ]
        );
        assert_eq!(blocks[0].spans()[1], Span::new("¹", Inline::Reference));
        let markers: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Item { marker, .. } => Some(marker.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(markers, ["¹", "²", "³"]);
        // A link in a note is still a link.
        assert!(blocks[4].spans().iter().any(|s| s.link.is_some()));
        assert_eq!(superscript(10), "¹⁰");
    }

    #[test]
    fn notes_are_never_the_title() {
        let parsed = parse("Text[^1].\n\n[^1]: A note.\n").unwrap_err();
        assert!(parsed.to_string().contains("without a title"), "{parsed}");
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn front_matter_like_text_never_panics(body in "[-+a-z:\\[\\]\" =\\n]{0,120}") {
            let _ = parse(&format!("---\n{body}"));
            let _ = parse(&format!("+++\n{body}"));
        }
    }
}

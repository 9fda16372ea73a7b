//! An imported entry written out as a Markdown article: YAML front matter that byline's own
//! reader reads back (`super::super::markdown`), and a CommonMark body made from byline's
//! [`Block`]s.
//!
//! Every value in the front matter is a double-quoted YAML scalar with `\` and `"` escaped, so a
//! title such as `- "Yes": no` stays text. Body text has every ASCII punctuation character that
//! could start Markdown syntax escaped with a backslash (CommonMark allows it before any ASCII
//! punctuation), so text reads back as the text it was, and links are `[text](<address>)`.

use std::fmt::Write as _;

use crate::article::{Block, Inline, Span};

/// A front matter field's value.
pub enum Field<'a> {
    Text(&'a str),
    List(&'a [String]),
}

/// YAML front matter between `---` fences: the fields in order, those with no value left out.
pub fn front_matter(fields: &[(&str, Option<Field>)]) -> String {
    let mut out = String::from("---\n");
    for (key, value) in fields {
        match value {
            Some(Field::Text(text)) => {
                let _ = writeln!(out, "{key}: {}", quoted(text));
            }
            Some(Field::List(items)) if !items.is_empty() => {
                let items: Vec<String> = items.iter().map(|t| quoted(t)).collect();
                let _ = writeln!(out, "{key}: [{}]", items.join(", "));
            }
            _ => {}
        }
    }
    out.push_str("---\n");
    out
}

/// `text` as a double-quoted YAML scalar.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The body as CommonMark: a block per paragraph, list items of one list on consecutive lines.
pub fn body(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut last_was_item = false;
    for block in blocks {
        let is_item = matches!(block, Block::Item { .. });
        // Items of one list follow each other; every other block is set apart by a blank line.
        let same_list = is_item && last_was_item;
        if !out.is_empty() && !same_list {
            out.push('\n');
        }
        last_was_item = is_item;
        match block {
            Block::Paragraph(spans) => prefixed(&mut out, &inline(spans), "", ""),
            Block::Heading(spans) => {
                let text = inline(spans).replace('\n', " ");
                let _ = writeln!(out, "## {}", text.trim());
            }
            Block::Quote(spans) => prefixed(&mut out, &inline(spans), "> ", "> "),
            Block::Item {
                marker,
                depth,
                spans,
            } => {
                // Four spaces a level is inside the content of a parent's `- ` or `1. `.
                let indent = "    ".repeat(usize::from((*depth).min(8)));
                let ordered = marker.trim_end_matches(['.', ')']);
                let marker = if !ordered.is_empty()
                    && ordered.len() <= 9
                    && ordered.bytes().all(|b| b.is_ascii_digit())
                {
                    format!("{ordered}. ")
                } else {
                    "- ".to_string()
                };
                let first = format!("{indent}{marker}");
                let rest = " ".repeat(first.len());
                prefixed(&mut out, &inline(spans), &first, &rest);
            }
            Block::Table { header, rows, .. } => table(&mut out, header, rows),
        }
    }
    out
}

/// Writes `text` line by line, the first line after `first` and the rest after `rest`; a line
/// break inside a block is a hard break (`\` at the end of the line).
fn prefixed(out: &mut String, text: &str, first: &str, rest: &str) {
    let lines: Vec<&str> = text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        // An empty paragraph or item still holds its place.
        let _ = writeln!(out, "{}", first.trim_end());
        return;
    }
    for (i, line) in lines.iter().enumerate() {
        let prefix = if i == 0 { first } else { rest };
        let end = if i + 1 < lines.len() { "\\" } else { "" };
        let _ = writeln!(out, "{prefix}{}{end}", line_start(line));
    }
}

/// A table as a GitHub table; one without a header row takes its first row as the header.
fn table(out: &mut String, header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) {
    let (head, body) = if header.is_empty() {
        match rows.split_first() {
            Some((first, rest)) => (first.as_slice(), rest),
            None => return,
        }
    } else {
        (header, rows)
    };
    let columns = body
        .iter()
        .map(Vec::len)
        .chain([head.len()])
        .max()
        .unwrap_or(0)
        .max(1);
    let row = |out: &mut String, cells: &[Vec<Span>]| {
        out.push('|');
        for i in 0..columns {
            let cell = cells.get(i).map(|c| inline(c)).unwrap_or_default();
            let _ = write!(out, " {} |", cell.replace('\n', " ").trim());
        }
        out.push('\n');
    };
    row(out, head);
    out.push('|');
    out.push_str(&" --- |".repeat(columns));
    out.push('\n');
    for cells in body {
        row(out, cells);
    }
}

/// A run of spans as inline Markdown: emphasis, strong, code and links.
fn inline(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        if span.text.is_empty() {
            continue;
        }
        match (span.style, &span.link) {
            (_, Some(address)) => {
                let text = escape(span.text.trim());
                let text = if text.is_empty() {
                    escape(address)
                } else {
                    text
                };
                let _ = write!(
                    out,
                    "{}[{text}](<{}>)",
                    lead(&span.text),
                    destination(address)
                );
                out.push_str(trail(&span.text));
            }
            (Inline::Emphasis, None) => delimited(&mut out, &span.text, "*"),
            (Inline::Strong, None) => delimited(&mut out, &span.text, "**"),
            (Inline::Code, None) => {
                let code = span.text.replace('\n', " ");
                let longest = longest_run(&code, '`');
                let fence = "`".repeat(longest + 1);
                let _ = write!(out, "{fence} {code} {fence}");
            }
            _ => out.push_str(&escape(&span.text)),
        }
    }
    out
}

/// `text` between `delimiter`s, its leading and trailing spaces outside them (CommonMark does
/// not take `* a*` for emphasis).
fn delimited(out: &mut String, text: &str, delimiter: &str) {
    let inner = text.trim();
    if inner.is_empty() {
        out.push_str(text);
        return;
    }
    let _ = write!(
        out,
        "{}{delimiter}{}{delimiter}{}",
        lead(text),
        escape(inner),
        trail(text)
    );
}

fn lead(text: &str) -> &str {
    &text[..text.len() - text.trim_start().len()]
}

fn trail(text: &str) -> &str {
    &text[text.trim_end().len()..]
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// A link's address inside `<…>`: the characters that would end it or break the line are
/// percent-encoded.
fn destination(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for c in address.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text with every ASCII punctuation character that Markdown could read as syntax escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '#' | '$'
            | '^' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A line of escaped text as it may start a line: what would make it a list item, a heading
/// underline or a thematic break (`- `, `+ `, `1. `, `===`) has its first mark escaped.
fn line_start(line: &str) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line.as_bytes().first() {
        Some(b'-' | b'+' | b'=') => format!("\\{line}"),
        Some(b'0'..=b'9') if matches!(line.as_bytes().get(digits), Some(b'.' | b')')) => {
            format!("{}\\{}", &line[..digits], &line[digits..])
        }
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::library::markdown;
    use crate::library::yaml::{self, Value};

    #[test]
    fn awkward_values_are_quoted_yaml_that_reads_back() {
        let tags = vec!["a: b".to_string(), "- c".to_string(), "\"d\"".to_string()];
        let front = front_matter(&[
            (
                "title",
                Some(Field::Text("- Yes: \"no\" # \\ 'q' {x} [y] &a *b")),
            ),
            ("author", None),
            ("tags", Some(Field::List(&tags))),
        ]);
        let inner = front
            .strip_prefix("---\n")
            .unwrap()
            .strip_suffix("---\n")
            .unwrap();
        let fields = yaml::fields(inner).expect("valid YAML");
        assert_eq!(
            fields,
            [
                (
                    "title".to_string(),
                    Value::Text("- Yes: \"no\" # \\ 'q' {x} [y] &a *b".to_string())
                ),
                ("tags".to_string(), Value::List(tags.clone())),
            ]
        );
    }

    fn round_trip(blocks: &[Block]) -> Vec<Block> {
        let text = format!("---\ntitle: \"T\"\n---\n{}", body(blocks));
        markdown::parse(&text).expect("parses").body.blocks
    }

    #[test]
    fn blocks_read_back_as_the_same_blocks() {
        let plain = |t: &str| Span::new(t, Inline::Plain);
        let blocks = vec![
            Block::Paragraph(vec![
                plain("Text with *stars*, _under_ [brackets] <b> `tick` 2 > 1 & # | ~ \\ $ "),
                Span::new("emphasis", Inline::Emphasis),
                plain(" and "),
                Span::new("strong", Inline::Strong),
                plain(" and "),
                Span::link("a link", "https://ex.org/a b?c=(d)"),
                plain("."),
            ]),
            Block::Heading(vec![plain("A # heading")]),
            Block::Paragraph(vec![plain("- not a list, 1. not a number")]),
            Block::Paragraph(vec![plain("1. not a number either")]),
            Block::Quote(vec![plain("Quoted.")]),
            Block::Item {
                marker: "•".to_string(),
                depth: 0,
                spans: vec![plain("one")],
            },
            Block::Item {
                marker: "•".to_string(),
                depth: 1,
                spans: vec![plain("nested")],
            },
            Block::Item {
                marker: "•".to_string(),
                depth: 0,
                spans: vec![plain("two")],
            },
            Block::Paragraph(vec![Span::new("x`y", Inline::Code)]),
        ];
        let back = round_trip(&blocks);
        let texts: Vec<String> = back.iter().map(Block::text).collect();
        assert_eq!(
            texts,
            [
                "Text with *stars*, _under_ [brackets] <b> `tick` 2 > 1 & # | ~ \\ $ emphasis and \
                 strong and a link.",
                "A # heading",
                "- not a list, 1. not a number",
                "1. not a number either",
                "Quoted.",
                "one",
                "nested",
                "two",
                "x`y",
            ]
        );
        assert!(matches!(back[1], Block::Heading(_)));
        assert!(matches!(back[4], Block::Quote(_)));
        assert!(matches!(back[6], Block::Item { depth: 1, .. }));
        let link = back[0].spans().iter().find(|s| s.link.is_some()).unwrap();
        assert_eq!(link.text, "a link");
        assert_eq!(link.link.as_deref(), Some("https://ex.org/a%20b?c=(d)"));
        let styles: Vec<Inline> = back[0].spans().iter().map(|s| s.style).collect();
        assert!(styles.contains(&Inline::Emphasis) && styles.contains(&Inline::Strong));
    }

    proptest! {
        // Any one-line text, as a title and as a paragraph, reads back as itself.
        #[test]
        fn any_text_reads_back_as_itself(text in "[ -~éü“”]{1,40}") {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assume!(!text.is_empty());
            let front = front_matter(&[("title", Some(Field::Text(&text)))]);
            let page = format!("{front}\n{}", body(&[Block::Paragraph(vec![Span::new(
                text.clone(),
                Inline::Plain,
            )])]));
            let parsed = markdown::parse(&page).expect("parses");
            prop_assert_eq!(&parsed.title, &text);
            prop_assert_eq!(parsed.body.blocks.len(), 1);
            prop_assert_eq!(parsed.body.blocks[0].text(), text);
        }
    }
}

//! The plain-text article layout: a title line, an author line, a date line, then paragraphs
//! separated by blank lines, any of them preceded by blank lines.
//!
//! Real files carry the marks of how they were made, and this module mends them before anything
//! is shown: a paragraph split by a page break is joined again, lines hard-wrapped inside a
//! paragraph are joined, a publisher's footer is hidden (never deleted from the file), and
//! `*italic*` markup becomes styled spans.

use thiserror::Error;

use super::inline;
use crate::article::date;
use crate::article::{Block, Body, Parsed};

/// Footers that publishers append to every article, compared with whitespace collapsed.
const FOOTERS: &[&str] = &[
    "To contact the WSWS and the Socialist Equality Party visit: wsws.org/contact",
    "To contact the Harbour Ledger newsroom write to: harbourledger.example/contact",
];

/// A paragraph this short that ends without punctuation may be a subheading.
const HEADING_MAX_WORDS: usize = 8;

/// Why a text could not be read as an article.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("empty file")]
    Empty,
}

/// Parses an article from cleaned text (see [`crate::article::sanitize::clean`]).
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().ok_or(ParseError::Empty)?.to_string();

    // Header: after the title, an optional author line and an optional date line. A line
    // followed by a date is the author whatever its case or script; without a date after it,
    // it must look like a name (short, no sentence end, not starting in lower case).
    let second = lines.next();
    let third = lines.next();
    let mut rest_start = offset_after_nonblank_lines(text, 1);
    let mut author = None;
    let mut date = None;
    if let Some(line) = second {
        if let Some(d) = date::parse(line) {
            date = Some(d);
            rest_start = offset_after_nonblank_lines(text, 2);
        } else if let Some(d) = third.filter(|_| is_name_like(line)).and_then(date::parse) {
            author = Some(strip_by(line).to_string());
            date = Some(d);
            rest_start = offset_after_nonblank_lines(text, 3);
        } else if looks_like_author(line) {
            author = Some(strip_by(line).to_string());
            rest_start = offset_after_nonblank_lines(text, 2);
        }
    }

    Ok(Parsed {
        title,
        author,
        date,
        body: parse_body(&text[rest_start..]),
        ..Parsed::default()
    })
}

/// Parses the paragraphs after the header, repairing page breaks, hard wraps and footers.
pub fn parse_body(text: &str) -> Body {
    let mut paragraphs = raw_paragraphs(text);
    remove_footer(&mut paragraphs);
    let paragraphs = join_page_breaks(paragraphs);
    let count = paragraphs.len();
    let blocks = paragraphs
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let spans = inline::parse(&p.text);
            match p.marker {
                Some(marker) => Block::Item {
                    marker,
                    depth: 0,
                    spans,
                },
                None if i + 1 < count && is_heading(&p.text) => Block::Heading(spans),
                None => Block::Paragraph(spans),
            }
        })
        .collect();
    Body { blocks }
}

/// A paragraph as found in the file, before repair.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Raw {
    text: String,
    /// The list marker, for a list item (`•` for bullets, `3.` for numbers).
    marker: Option<String>,
}

/// The byte offset just past the `n`th non-blank line.
fn offset_after_nonblank_lines(text: &str, n: usize) -> usize {
    let mut seen = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if !line.trim().is_empty() {
            seen += 1;
            if seen == n {
                return offset;
            }
        }
    }
    text.len()
}

/// A short line that does not end like a sentence: could be a name.
fn is_name_like(line: &str) -> bool {
    let name = strip_by(line);
    let words = name.split_whitespace().count();
    (1..=6).contains(&words) && name.chars().count() <= 60 && !ends_sentence(name)
}

/// An author line with no date after it: name-like, and not starting in lower case (which
/// would be a sentence carrying on).
fn looks_like_author(line: &str) -> bool {
    is_name_like(line)
        && strip_by(line)
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase())
}

fn strip_by(line: &str) -> &str {
    line.strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
        .unwrap_or(line)
        .trim()
}

/// Groups lines into paragraphs at blank lines, joining hard-wrapped lines. A line that starts
/// with a list marker (`* `, `- `, `• `, `1. `) starts a list item of its own.
fn raw_paragraphs(text: &str) -> Vec<Raw> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Raw> = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            paragraphs.extend(current.take());
            continue;
        }
        if let Some((marker, rest)) = list_marker(line) {
            paragraphs.extend(current.take());
            current = Some(Raw {
                text: rest.to_string(),
                marker: Some(marker),
            });
            continue;
        }
        match current.as_mut() {
            Some(raw) => join_line(&mut raw.text, line),
            None => {
                current = Some(Raw {
                    text: line.to_string(),
                    marker: None,
                })
            }
        }
    }
    paragraphs.extend(current);
    paragraphs
}

/// The list marker a line starts with, as shown, and the text after it.
fn list_marker(line: &str) -> Option<(String, &str)> {
    for bullet in ["* ", "- ", "• ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(("•".to_string(), rest.trim_start()));
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    (1..=3)
        .contains(&digits)
        .then(|| (format!("{}.", &line[..digits]), rest.trim_start()))
}

/// Appends `next` to `text` with a space, or without one when `text` ends in a hyphen that
/// broke a word (`long-` + `term` is `long-term`).
fn join_line(text: &mut String, next: &str) {
    let mut tail = text.chars().rev();
    let hyphenated = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
    if !text.is_empty() && !hyphenated {
        text.push(' ');
    }
    text.push_str(next);
}

/// Drops trailing paragraphs that together are a known publisher footer.
fn remove_footer(paragraphs: &mut Vec<Raw>) {
    let mut tail = String::new();
    for start in (0..paragraphs.len()).rev().take(4) {
        tail = format!("{} {}", paragraphs[start].text, tail);
        let normalised = tail.split_whitespace().collect::<Vec<_>>().join(" ");
        if FOOTERS.iter().any(|f| normalised.eq_ignore_ascii_case(f)) {
            paragraphs.truncate(start);
            return;
        }
    }
}

/// Joins paragraphs that a page break split mid-sentence. List items are never joined.
fn join_page_breaks(paragraphs: Vec<Raw>) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        match out.last_mut() {
            Some(prev) if p.marker.is_none() && was_split(&prev.text, &p.text) => {
                join_line(&mut prev.text, &p.text)
            }
            _ => out.push(p),
        }
    }
    out
}

/// True when `prev` stops mid-sentence and `next` carries on with it.
///
/// A paragraph that ends without punctuation continues into a next one that starts in lower
/// case. When the next starts with a capital, only a long `prev` was cut short: a short one is
/// a subheading the writer set apart.
fn was_split(prev: &str, next: &str) -> bool {
    if ends_sentence(prev) {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    first.is_lowercase() || (!is_short(prev) && first.is_alphanumeric())
}

fn is_heading(paragraph: &str) -> bool {
    is_short(paragraph) && !ends_sentence(paragraph)
}

fn is_short(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() <= HEADING_MAX_WORDS
}

/// True when text ends like a sentence: terminal punctuation, perhaps inside closing quotes.
fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    trimmed.ends_with(['.', '!', '?', ':', ';', '…'])
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn paragraphs(body: &Body) -> Vec<String> {
        body.blocks.iter().map(Block::text).collect()
    }

    #[test]
    fn reads_the_header() {
        let a = parse("\n\nA title\n\nJo Bloggs\n\n31 December 2014\n\nBody text.\n").unwrap();
        assert_eq!(a.title, "A title");
        assert_eq!(a.author.as_deref(), Some("Jo Bloggs"));
        assert_eq!(a.date, Some(date(2014, 12, 31)));
        assert_eq!(paragraphs(&a.body), ["Body text."]);
    }

    #[test]
    fn header_lines_may_be_adjacent_or_missing() {
        let a = parse("Title\nBy Jo Bloggs\n2020-01-02\nBody.").unwrap();
        assert_eq!(a.author.as_deref(), Some("Jo Bloggs"));
        assert_eq!(a.date, Some(date(2020, 1, 2)));

        let undated = parse("Title\n\nJo Bloggs\n\nThe body starts here.").unwrap();
        assert_eq!(undated.author.as_deref(), Some("Jo Bloggs"));
        assert_eq!(undated.date, None);
        assert_eq!(paragraphs(&undated.body), ["The body starts here."]);

        let anonymous = parse("Title\n\n1 May 2020\n\nBody.").unwrap();
        assert_eq!(anonymous.author, None);
        assert_eq!(anonymous.date, Some(date(2020, 5, 1)));

        let bare = parse("Title\n\nA first paragraph that is a sentence.").unwrap();
        assert_eq!(bare.author, None);
        assert_eq!(
            paragraphs(&bare.body),
            ["A first paragraph that is a sentence."]
        );
    }

    #[test]
    fn any_author_before_a_date_is_the_author() {
        for author in ["山田太郎", "jane doe", "Reuters", "J. R. R. Tolkien"] {
            let a = parse(&format!("Title\n\n{author}\n\n2022-04-01\n\nBody.")).unwrap();
            assert_eq!(a.author.as_deref(), Some(author));
            assert_eq!(a.date, Some(date(2022, 4, 1)));
        }
        // Without a date to follow, a lower-case line is the body, not an author.
        let a = parse("Title\n\nand so it begins\n\nMore.").unwrap();
        assert_eq!(a.author, None);
    }

    #[test]
    fn list_lines_are_items_not_one_paragraph() {
        let body = parse_body("Steps:\n* first bullet\n* second bullet\n2. numbered\nText after.");
        let items: Vec<(String, String)> = body
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Item { marker, .. } => Some((marker.clone(), b.text())),
                _ => None,
            })
            .collect();
        assert_eq!(
            items,
            [
                ("•".to_string(), "first bullet".to_string()),
                ("•".to_string(), "second bullet".to_string()),
                ("2.".to_string(), "numbered Text after.".to_string()),
            ]
        );
    }

    #[test]
    fn empty_text_is_an_error() {
        assert_eq!(parse(""), Err(ParseError::Empty));
        assert_eq!(parse(" \n\n  \n"), Err(ParseError::Empty));
    }

    #[test]
    fn joins_page_breaks() {
        let body = parse_body(
            "The council has been pressing both\n\nresidents and traders.\n\n\
             A long paragraph that goes on for quite a while and then stops at The\n\n\
             Harbour authority said so.",
        );
        assert_eq!(
            paragraphs(&body),
            [
                "The council has been pressing both residents and traders.",
                "A long paragraph that goes on for quite a while and then stops at The \
                 Harbour authority said so."
            ]
        );
    }

    #[test]
    fn keeps_subheadings_apart() {
        let body = parse_body("First paragraph.\n\nFunding questions\n\nThe money ran out.");
        assert_eq!(
            body.blocks[1],
            Block::Heading(vec![crate::article::Span::new(
                "Funding questions",
                crate::article::Inline::Plain
            )])
        );
        assert_eq!(body.blocks.len(), 3);
    }

    #[test]
    fn joins_hard_wrapped_lines_and_hyphen_breaks() {
        let body = parse_body("A plan for the long-\nterm future, wrapped\nat the margin.");
        assert_eq!(
            paragraphs(&body),
            ["A plan for the long-term future, wrapped at the margin."]
        );
    }

    #[test]
    fn hides_known_footers() {
        let body = parse_body(
            "Last paragraph.\n\n\n\nTo contact the WSWS and the\nSocialist Equality Party visit:\n\nwsws.org/contact",
        );
        assert_eq!(paragraphs(&body), ["Last paragraph."]);
    }

    #[test]
    fn a_quote_ending_in_punctuation_ends_a_sentence() {
        assert!(ends_sentence("he said “no.”"));
        assert!(ends_sentence("(see above.)"));
        assert!(!ends_sentence("pressing both"));
    }
}

//! A feed document read into byline's own [`Feed`]: feed-rs parses RSS, Atom and JSON Feed;
//! here each entry is cleaned and capped, its identity chosen, and its HTML read into blocks by
//! the saved-page reader. Atom 0.3, which feed-rs does not know, is read as the Atom 1.0 it
//! nearly is; a feed that does not parse says where, when anything can.

use std::fmt;

use feed_rs::model;
use jiff::Timestamp;
use xxhash_rust::xxh3::xxh3_64;

use crate::article::sanitize::{self, one_line, shorten};
use crate::article::{Block, Inline, Span};
use crate::library::records::MAX_RECORDS;
use crate::library::{Format, MAX_AUTHOR, MAX_FIELD, MAX_TAGS, MAX_TITLE};

/// The most entries one feed gives; the rest are counted and reported, not imported. As many
/// as one file of the library may hold.
pub const MAX_ENTRIES: usize = MAX_RECORDS;

/// The most bytes of one entry's content that are read (cut at a character boundary).
pub const MAX_CONTENT: usize = 1024 * 1024;

/// The most bytes of a feed document that are read.
pub const MAX_FEED: u64 = 4 * crate::library::MAX_FILE_SIZE;

/// A feed as byline imports it.
#[derive(Debug, Clone, Default)]
pub struct Feed {
    pub title: Option<String>,
    /// Where the feed is (its `self` link), else its site.
    pub address: Option<String>,
    pub entries: Vec<Entry>,
    /// Entries past [`MAX_ENTRIES`], not read.
    pub dropped: usize,
}

/// One entry, cleaned and capped, its content read into blocks.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// What makes it the same entry when the feed is imported again: its id, else its link,
    /// else its title and date.
    pub identity: String,
    pub title: Option<String>,
    pub author: Option<String>,
    /// When it was published, else when it was last updated.
    pub date: Option<Timestamp>,
    /// When it was last updated, when the feed says.
    pub updated: Option<Timestamp>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub blocks: Vec<Block>,
}

impl Entry {
    /// The newest time the feed gives the entry: what `--update` compares.
    pub(super) fn stamp(&self) -> Option<Timestamp> {
        self.updated.or(self.date)
    }
}

/// A feed that could not be read, with where in it when the parser says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "line {line}, column {column}: ")?,
            (Some(line), None) => write!(f, "line {line}: ")?,
            _ => {}
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for FeedError {}

/// Reads an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed document. XML is decoded as its
/// prolog declares (ISO-8859-1, Windows-1252, UTF-16…).
pub fn read_feed(bytes: &[u8]) -> Result<Feed, FeedError> {
    // feed-rs makes up an id for an entry without one, a random one at worst; an empty id
    // lets byline fall back to the link, then the title and date, which stay the same.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    let atom_03 = atom_03_as_1_0(bytes);
    let bytes = atom_03.as_deref().unwrap_or(bytes);
    let feed = parser.parse(bytes).map_err(|e| feed_error(bytes, e))?;
    let title = feed.title.as_ref().map(|t| line(&t.content, MAX_FIELD));
    let address = (feed.links.iter())
        .find(|l| l.rel.as_deref() == Some("self"))
        .or_else(|| feed.links.iter().find(|l| l.rel.as_deref() != Some("self")))
        .map(|l| line(&l.href, MAX_FIELD));
    let dropped = feed.entries.len().saturating_sub(MAX_ENTRIES);
    let entries = (feed.entries.into_iter().take(MAX_ENTRIES))
        .map(entry)
        .collect();
    Ok(Feed {
        title: title.filter(|t| !t.is_empty()),
        address: address.filter(|a| !a.is_empty()),
        entries,
        dropped,
    })
}

/// The namespace of Atom 0.3, which feed-rs does not know.
const ATOM_03: &[u8] = b"http://purl.org/atom/ns#";

/// An Atom 0.3 document as the Atom 1.0 it nearly is, for feed-rs: the 1.0 namespace, and the
/// elements 1.0 renamed (`issued` is `published`, `modified` is `updated`, `tagline` is
/// `subtitle`, `copyright` is `rights`). `None` for any other document.
fn atom_03_as_1_0(bytes: &[u8]) -> Option<Vec<u8>> {
    let head = &bytes[..bytes.len().min(4096)];
    if !contains(head, ATOM_03) {
        return None;
    }
    let mut out = replace(bytes, ATOM_03, b"http://www.w3.org/2005/Atom");
    for (old, new) in [
        ("issued", "published"),
        ("modified", "updated"),
        ("tagline", "subtitle"),
        ("copyright", "rights"),
    ] {
        for (open, close) in [("<", ">"), ("</", ">"), ("<", " ")] {
            let from = format!("{open}{old}{close}");
            let to = format!("{open}{new}{close}");
            out = replace(&out, from.as_bytes(), to.as_bytes());
        }
    }
    Some(out)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `bytes` with every `from` replaced by `to`, in one pass.
fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// A one-line field, cleaned and cut to `cap` characters.
pub(super) fn line(text: &str, cap: usize) -> String {
    shorten(&one_line(text), cap)
}

fn timestamp(time: chrono::DateTime<chrono::Utc>) -> Option<Timestamp> {
    Timestamp::from_second(time.timestamp()).ok()
}

fn entry(entry: model::Entry) -> Entry {
    let title = (entry.title.as_ref())
        .map(|t| line(&t.content, MAX_TITLE))
        .filter(|t| !t.is_empty());
    let names: Vec<String> = (entry.authors.iter())
        .filter_map(|p| p.name.as_deref())
        .map(one_line)
        .filter(|n| !n.is_empty())
        .collect();
    let author = Some(shorten(&names.join(", "), MAX_AUTHOR)).filter(|a| !a.is_empty());
    let updated = entry.updated.and_then(timestamp);
    let date = entry.published.and_then(timestamp).or(updated);
    let url = (entry.links.iter())
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .or(entry.links.first())
        .map(|l| line(&l.href, MAX_FIELD))
        .filter(|u| !u.is_empty());
    let mut tags: Vec<String> = Vec::new();
    for category in &entry.categories {
        let tag = line(
            category.label.as_deref().unwrap_or(&category.term),
            MAX_FIELD,
        );
        if !tag.is_empty() && !tags.contains(&tag) && tags.len() < MAX_TAGS {
            tags.push(tag);
        }
    }
    let mut blocks = content_blocks(&entry, title.as_deref().unwrap_or(""));
    blocks.extend(enclosures(&entry));
    let identity = if !entry.id.trim().is_empty() {
        line(&entry.id, MAX_FIELD)
    } else if let Some(url) = &url {
        url.clone()
    } else if title.is_some() || date.is_some() {
        let when = date.map(|d| d.to_string()).unwrap_or_default();
        format!("{}|{when}", title.as_deref().unwrap_or(""))
    } else {
        let text: Vec<String> = blocks.iter().map(Block::text).collect();
        format!("text:{:016x}", xxh3_64(text.join("\n").as_bytes()))
    };
    Entry {
        identity,
        title,
        author,
        date,
        updated: updated.filter(|u| Some(*u) != date),
        url,
        tags,
        blocks,
    }
}

/// The entry's content (else its summary) as blocks: HTML read as a saved page's article is,
/// plain text a paragraph per blank-line-separated run.
fn content_blocks(entry: &model::Entry, title: &str) -> Vec<Block> {
    let from_content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref().filter(|b| !b.trim().is_empty())?;
        Some((body, c.content_type.essence().to_string()))
    });
    let from_summary = || {
        let s = entry
            .summary
            .as_ref()
            .filter(|s| !s.content.trim().is_empty())?;
        Some((s.content.as_str(), s.content_type.essence().to_string()))
    };
    let Some((text, kind)) = from_content.or_else(from_summary) else {
        // Content kept elsewhere (Atom's `src`): point at it.
        return (entry.content.as_ref())
            .and_then(|c| c.src.as_ref())
            .map(|src| vec![Block::Paragraph(vec![Span::link("content", &src.href)])])
            .unwrap_or_default();
    };
    let text = cut(text, MAX_CONTENT);
    if kind == "text/plain" && !text.contains("</") && !text.contains("<br") {
        plain_blocks(text)
    } else {
        html_blocks(text, title)
    }
}

/// `text` cut to at most `max` bytes, at a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn plain_blocks(text: &str) -> Vec<Block> {
    let text = sanitize::clean(text);
    text.split("\n\n")
        .map(one_line)
        .filter(|p| !p.is_empty())
        .map(|p| Block::Paragraph(vec![Span::new(p, Inline::Plain)]))
        .collect()
}

/// An HTML fragment's blocks, read by the saved-page reader as the article of a page titled
/// `title` (a heading repeating the title is left out, as on a saved page).
fn html_blocks(html: &str, title: &str) -> Vec<Block> {
    let title = if title.is_empty() { "-" } else { title };
    let page = format!(
        "<!DOCTYPE html><html><head><title>{}</title></head><body><article>{}</article></body></html>",
        html_escape(title),
        html.replace('\0', "")
    );
    match crate::library::parse_bytes(page.as_bytes(), Format::Html) {
        Ok(mut records) => records.take(0).map(|p| p.body.blocks).unwrap_or_default(),
        Err(_) => plain_blocks(html),
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A link for each enclosure (a podcast's audio, an attached file), after the text.
fn enclosures(entry: &model::Entry) -> Vec<Block> {
    let mut blocks = Vec::new();
    for content in entry.media.iter().flat_map(|m| &m.content) {
        let Some(url) = &content.url else { continue };
        let address = line(url.as_str(), MAX_FIELD);
        let kind = (content.content_type.as_ref())
            .map(|t| format!("enclosure ({})", line(t.as_ref(), 100)))
            .unwrap_or_else(|| "enclosure".to_string());
        blocks.push(Block::Paragraph(vec![
            Span::new(format!("{kind}: "), Inline::Plain),
            Span::link(address.clone(), address),
        ]));
        if blocks.len() >= 100 {
            break;
        }
    }
    blocks
}

/// feed-rs's error, with a line and column where it gives a place: JSON's own, a byte offset
/// for a parse error, and for broken XML the place quick-xml stops at.
fn feed_error(bytes: &[u8], error: feed_rs::parser::ParseFeedError) -> FeedError {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    let at = |offset: Option<u64>, message: String| {
        let (line, column) = offset.map(|o| line_column(bytes, o)).unzip();
        FeedError {
            line,
            column,
            message,
        }
    };
    match error {
        ParseFeedError::JsonSerde(e) => FeedError {
            line: Some(e.line()).filter(|&l| l > 0),
            column: Some(e.column()).filter(|&c| c > 0),
            message: format!("not a JSON Feed: {e}")
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        },
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => at(
            None,
            "not a feed: no RSS, Atom or JSON Feed document found".to_string(),
        ),
        ParseFeedError::ParseError(kind) => {
            let position = match &kind {
                ParseErrorKind::UnknownMimeType { position, .. }
                | ParseErrorKind::MissingContent { position, .. }
                | ParseErrorKind::UnknownEnumVariant { position, .. }
                | ParseErrorKind::IllegalState { position, .. } => Some(*position),
                ParseErrorKind::NoFeedRoot => None,
            };
            at(position, format!("not a usable feed: {kind}"))
        }
        ParseFeedError::XmlReader(e) => at(xml_error_position(bytes), format!("broken XML: {e}")),
        other => at(None, other.to_string()),
    }
}

/// Where quick-xml, reading `bytes` on its own, finds the XML broken.
fn xml_error_position(bytes: &[u8]) -> Option<u64> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Err(_) => return Some(reader.error_position()),
            Ok(quick_xml::events::Event::Eof) => return None,
            Ok(_) => buf.clear(),
        }
    }
}

/// The line and column (both from 1, the column in characters) of a byte offset.
pub(super) fn line_column(bytes: &[u8], offset: u64) -> (usize, usize) {
    let offset = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

//! Feeds into the library: an RSS, Atom or JSON Feed document read into entries, and what
//! importing them into a folder would write.
//!
//! This is the pure half of `byline import`, the one command that writes into a library: it
//! takes the feed's bytes and what the feed's folder already holds ([`Known`]), and returns the
//! files to write ([`Plan`]); `crate::shell::import` reads the folder and writes them, never over
//! a file and never outside the folder it was given. Names come from [`names`], the Markdown
//! from [`compose`], and a feed's HTML goes through the same reading as saved pages, so an
//! imported article is made of the same blocks as any other.
//!
//! Work is bounded as everywhere in the library: at most [`MAX_ENTRIES`] entries, each one's
//! content cut to [`MAX_CONTENT`] bytes, and every field cut to the library's caps.

mod compose;
pub mod names;
pub mod opml;

use std::collections::{HashMap, HashSet};
use std::fmt;

use feed_rs::model;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use xxhash_rust::xxh3::xxh3_64;

use self::compose::Field;
use super::records::MAX_RECORDS;
use super::{Format, MAX_AUTHOR, MAX_FIELD, MAX_TAGS, MAX_TITLE, yaml};
use crate::article::sanitize::{self, one_line, shorten};
use crate::article::{Block, Inline, Span};

/// The most entries one feed gives; the rest are counted and reported, not imported. As many
/// as one file of the library may hold.
pub const MAX_ENTRIES: usize = MAX_RECORDS;

/// The most bytes of one entry's content that are read (cut at a character boundary).
pub const MAX_CONTENT: usize = 1024 * 1024;

/// The most bytes of a feed document that are read.
pub const MAX_FEED: u64 = 4 * super::MAX_FILE_SIZE;

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
    fn stamp(&self) -> Option<Timestamp> {
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
fn line(text: &str, cap: usize) -> String {
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
    match super::parse_bytes(page.as_bytes(), Format::Html) {
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
fn line_column(bytes: &[u8], offset: u64) -> (usize, usize) {
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

/// What a feed's folder holds already: the identities imported, each with the newest time
/// seen for it, and every file name taken.
#[derive(Debug, Clone, Default)]
pub struct Known {
    stamps: HashMap<String, Option<Timestamp>>,
    names: HashSet<String>,
}

impl Known {
    /// A name in the folder, not to be written over nor reused whatever the file is.
    pub fn name(&mut self, name: &str) {
        self.names.insert(name.to_lowercase());
    }

    /// A Markdown file in the folder (its start: the front matter is enough): its `id` counts
    /// as imported. A file without one (written by hand) is only a name taken.
    pub fn file(&mut self, name: &str, text: &str) {
        self.name(name);
        let Some((id, stamp)) = imported(text) else {
            return;
        };
        let known = self.stamps.entry(id).or_insert(stamp);
        *known = (*known).max(stamp);
    }

    fn has(&self, identity: &str) -> Option<Option<Timestamp>> {
        self.stamps.get(identity).copied()
    }
}

/// The `id` and newest time (`updated`, else `date`) in a file's YAML front matter.
fn imported(text: &str) -> Option<(String, Option<Timestamp>)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest
        .find("\n---\n")
        .map(|i| i + 1)
        .or_else(|| rest.strip_suffix("\n---").map(str::len).map(|l| l + 1))?;
    let fields = yaml::fields(&rest[..end]).ok()?;
    let text = |key: &str| {
        fields.iter().find_map(|(k, v)| match v {
            yaml::Value::Text(t) if k == key => Some(t.clone()),
            _ => None,
        })
    };
    let id = text("id").filter(|id| !id.is_empty())?;
    let stamp = [text("updated"), text("date")]
        .into_iter()
        .flatten()
        .filter_map(|t| parse_stamp(&t))
        .max();
    Some((id, stamp))
}

fn parse_stamp(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    text.parse::<Timestamp>().ok().or_else(|| {
        let day: jiff::civil::Date = text.parse().ok()?;
        day.to_zoned_datetime(TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    })
}

/// One file to write: its name in the feed's folder, its title (for what is printed) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    pub name: String,
    pub title: String,
    pub text: String,
    /// A newer version of an entry imported before, written beside it.
    pub updated: bool,
}

/// What importing a feed into a folder does.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The feed's folder, one safe name under the folder imported into.
    pub folder: String,
    pub writes: Vec<Write>,
    /// Entries imported before, unchanged.
    pub already: usize,
    /// Entries imported before that the feed has a newer version of, not written (no
    /// `--update`).
    pub updated_left: usize,
    /// Entries the feed holds more than once (after the first).
    pub duplicates: usize,
    /// Written without a date, or without a title (one made from the text).
    pub undated: usize,
    pub untitled: usize,
    /// Entries not read (past [`MAX_ENTRIES`]).
    pub dropped: usize,
    /// What to tell about single entries: no title, no date.
    pub notes: Vec<String>,
}

impl Plan {
    /// `3 new, 5 already there, 1 without a date`: what was (or would be) done.
    pub fn summary(&self) -> String {
        let new = self.writes.iter().filter(|w| !w.updated).count();
        let updated = self.writes.len() - new;
        let mut parts = vec![format!("{new} new")];
        let mut add = |n: usize, what: &str| {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        };
        add(updated, "updated");
        add(self.already, "already there");
        add(
            self.updated_left,
            "updated in the feed, not written (--update writes them)",
        );
        add(self.duplicates, "repeated in the feed");
        add(self.undated, "without a date");
        add(self.untitled, "without a title");
        add(
            self.dropped,
            &format!("past the first {MAX_ENTRIES}, not read"),
        );
        parts.join(", ")
    }
}

/// What importing `feed` into a folder that holds `known` writes; `update` writes newer
/// versions of entries imported before beside them.
pub fn plan(feed: &Feed, mut known: Known, update: bool) -> Plan {
    let mut plan = Plan {
        folder: names::folder(feed.title.as_deref(), feed.address.as_deref()),
        dropped: feed.dropped,
        ..Plan::default()
    };
    let mut seen: HashSet<&str> = HashSet::new();
    for (number, entry) in feed.entries.iter().enumerate() {
        if !seen.insert(&entry.identity) {
            plan.duplicates += 1;
            continue;
        }
        let updated = match known.has(&entry.identity) {
            None => false,
            Some(before) if entry.stamp() > before && before.is_some() => {
                if !update {
                    plan.updated_left += 1;
                    continue;
                }
                true
            }
            Some(_) => {
                plan.already += 1;
                continue;
            }
        };
        let title = entry.title.clone().unwrap_or_else(|| {
            plan.untitled += 1;
            made_title(entry)
        });
        let what = || format!("entry {} ({})", number + 1, shorten(&title, 60));
        if entry.title.is_none() {
            plan.notes
                .push(format!("{}: no title; one made from its text", what()));
        }
        if entry.date.is_none() {
            plan.undated += 1;
            plan.notes.push(format!("{}: no date", what()));
        }
        let day = entry
            .date
            .map(|d| d.to_zoned_datetime(TimeZone::UTC).date());
        let stem = names::stem(day, entry.title.as_deref().unwrap_or(""), &entry.identity);
        let name = names::free_name(&stem, &mut known.names);
        known.stamps.insert(entry.identity.clone(), entry.stamp());
        plan.writes.push(Write {
            name,
            text: article(feed, entry, &title),
            title,
            updated,
        });
    }
    plan
}

/// A title for an entry without one: the start of its text, else its address.
fn made_title(entry: &Entry) -> String {
    let text = entry.blocks.first().map(Block::text).unwrap_or_default();
    let words: Vec<&str> = text.split_whitespace().take(10).collect();
    let title = shorten(&words.join(" "), 80);
    if !title.is_empty() {
        title
    } else {
        entry.url.clone().unwrap_or_else(|| "Untitled".to_string())
    }
}

/// The Markdown file for `entry`.
fn article(feed: &Feed, entry: &Entry, title: &str) -> String {
    let date = entry.date.map(|d| d.to_string());
    let updated = entry.updated.map(|d| d.to_string());
    fn text(value: &Option<String>) -> Option<Field<'_>> {
        value.as_deref().map(Field::Text)
    }
    let mut out = compose::front_matter(&[
        ("title", Some(Field::Text(title))),
        ("author", text(&entry.author)),
        ("date", text(&date)),
        ("updated", text(&updated)),
        ("url", text(&entry.url)),
        ("source", text(&feed.title)),
        ("feed", text(&feed.address)),
        ("tags", Some(Field::List(&entry.tags))),
        ("id", Some(Field::Text(&entry.identity))),
    ]);
    let body = compose::body(&entry.blocks);
    if !body.is_empty() {
        out.push('\n');
        out.push_str(&body);
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    use crate::library::markdown;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).expect(&path)
    }

    /// What a folder holds after `plan`'s files are written into it.
    fn written(plan: &Plan, mut known: Known) -> Known {
        for write in &plan.writes {
            known.file(&write.name, &write.text);
        }
        known
    }

    #[test]
    fn importing_again_writes_nothing() {
        for name in [
            "rss2.xml",
            "atom.xml",
            "feed.json",
            "missing.xml",
            "hostile.xml",
        ] {
            let feed = read_feed(&fixture(name)).unwrap();
            let first = plan(&feed, Known::default(), false);
            assert!(!first.writes.is_empty(), "{name}");
            let again = plan(&feed, written(&first, Known::default()), true);
            assert!(again.writes.is_empty(), "{name}: {:?}", again.writes);
            assert_eq!(again.already, first.writes.len(), "{name}");
            assert_eq!(
                again.summary(),
                format!("0 new, {} already there", first.writes.len())
            );
        }
    }

    #[test]
    fn a_newer_version_is_written_beside_the_old_only_with_update() {
        let first = plan(
            &read_feed(&fixture("atom.xml")).unwrap(),
            Known::default(),
            false,
        );
        let known = written(&first, Known::default());
        let newer = read_feed(&fixture("atom-updated.xml")).unwrap();
        let without = plan(&newer, known.clone(), false);
        assert!(without.writes.is_empty());
        assert_eq!((without.updated_left, without.already), (1, 1));
        assert!(
            without.summary().contains("--update"),
            "{}",
            without.summary()
        );
        let with = plan(&newer, known.clone(), true);
        assert_eq!(with.writes.len(), 1);
        assert!(with.writes[0].updated);
        assert!(!first.writes.iter().any(|w| w.name == with.writes[0].name));
        assert!(
            with.writes[0]
                .text
                .contains("updated: \"2026-05-03T12:00:00Z\"")
        );
        assert_eq!(with.summary(), "0 new, 1 updated, 1 already there");
        // Once written, the newer version is what the folder knows.
        let after = plan(&newer, written(&with, known), true);
        assert!(after.writes.is_empty());
    }

    #[test]
    fn identity_is_the_id_else_the_link_else_title_and_date() {
        let feed = read_feed(&fixture("duplicates.xml")).unwrap();
        let ids: Vec<&str> = feed.entries.iter().map(|e| e.identity.as_str()).collect();
        assert_eq!(
            ids,
            [
                "echo-1",
                "echo-1",
                "https://echo.example/a",
                "https://echo.example/b"
            ]
        );
        let plan = plan(&feed, Known::default(), false);
        assert_eq!((plan.writes.len(), plan.duplicates), (3, 1));
        let bare = br#"<rss version="2.0"><channel><title>T</title>
            <item><title>No id</title><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>
        </channel></rss>"#;
        let feed = read_feed(bare).unwrap();
        assert_eq!(feed.entries[0].identity, "No id|2026-03-02T10:00:00Z");
    }

    #[test]
    fn entries_without_title_or_date_are_written_and_reported() {
        let plan = plan(
            &read_feed(&fixture("missing.xml")).unwrap(),
            Known::default(),
            false,
        );
        assert_eq!(plan.writes.len(), 3);
        assert_eq!((plan.untitled, plan.undated), (2, 2));
        assert_eq!(plan.notes.len(), 4, "{:?}", plan.notes);
        assert!(plan.writes[0].name.starts_with("undated-entry-"));
        assert!(plan.writes[0].title.starts_with("An entry with no title"));
        for write in &plan.writes {
            let parsed = markdown::parse(&write.text).expect("reads back");
            assert_eq!(parsed.title, write.title);
        }
    }

    #[test]
    fn the_encoding_the_prolog_declares_is_used() {
        let feed = read_feed(&fixture("latin1.xml")).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Café Journal"));
        assert_eq!(
            feed.entries[0].title.as_deref(),
            Some("Résumé of the naïve garçon")
        );
        assert_eq!(feed.entries[0].blocks[0].text(), "Crème brûlée for £5.");
    }

    #[test]
    fn every_kind_of_feed_is_read() {
        for (name, title) in [
            ("rss091.xml", "Telegraph restored"),
            ("rdf.xml", "Patchy recovery"),
            ("atom03.xml", "Harrowmoor named a reserve"),
            ("feed.json", "Teenager takes the open title"),
        ] {
            let feed = read_feed(&fixture(name)).unwrap();
            assert_eq!(feed.entries[0].title.as_deref(), Some(title), "{name}");
        }
        let atom03 = read_feed(&fixture("atom03.xml")).unwrap();
        assert_eq!(
            atom03.entries[0].date.unwrap().to_string(),
            "2026-01-04T00:00:00Z"
        );
        assert_eq!(atom03.entries[0].blocks[0].text(), "Stars, at last.");
    }

    #[test]
    fn html_content_is_read_as_a_saved_page_is() {
        let feed = read_feed(&fixture("rss2.xml")).unwrap();
        let blocks = &feed.entries[0].blocks;
        let texts: Vec<String> = blocks.iter().map(Block::text).collect();
        // The heading that repeats the title, the navigation and the script are left out.
        assert_eq!(
            texts[0],
            "The first tram ran at dawn, and the route map is online."
        );
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("Home") || t.contains("alert"))
        );
        assert!(matches!(blocks[1], Block::Heading(_)));
        assert!(matches!(blocks[2], Block::Quote(_)));
        assert!(matches!(blocks[3], Block::Item { .. }));
        let last = blocks.last().unwrap();
        assert_eq!(
            last.spans()[1].link.as_deref(),
            Some("https://gazette.example/audio/tram.mp3"),
            "the enclosure is a link"
        );
        let atom = read_feed(&fixture("atom.xml")).unwrap();
        let link = atom.entries[0].blocks[1]
            .spans()
            .iter()
            .find(|s| s.link.is_some());
        assert_eq!(
            link.and_then(|s| s.link.as_deref()),
            Some("https://notes.example/history")
        );
    }

    #[test]
    fn a_broken_feed_says_where() {
        let error = read_feed(&fixture("broken.xml")).unwrap_err();
        assert_eq!((error.line, error.column), (Some(7), Some(5)), "{error}");
        assert!(
            error
                .to_string()
                .starts_with("line 7, column 5: broken XML")
        );
        let error =
            read_feed(b"{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"items\": [}")
                .unwrap_err();
        assert_eq!(error.line, Some(2), "{error}");
        let error = read_feed(b"plain words").unwrap_err();
        assert_eq!(error.line, None);
        assert!(error.message.contains("not a feed"));
    }

    #[test]
    fn hostile_titles_stay_text_and_names_stay_safe() {
        let feed = read_feed(&fixture("hostile.xml")).unwrap();
        let plan = plan(&feed, Known::default(), false);
        assert_eq!(plan.folder, "etc");
        for write in &plan.writes {
            assert!(
                write.name.len() < 100
                    && write.name.ends_with(".md")
                    && (write.name.trim_end_matches(".md").bytes())
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                write.name
            );
            assert!(!write.text.chars().any(|c| c.is_control() && c != '\n'));
            assert!(write.title.chars().count() <= MAX_TITLE);
        }
        assert_eq!(plan.writes[0].title, "../../x");
        assert_eq!(plan.writes[3].name, "undated-con.md");
    }

    proptest! {
        #[test]
        fn never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(feed) = read_feed(&bytes) {
                let _ = plan(&feed, Known::default(), true);
            }
        }

        #[test]
        fn never_panics_on_feed_soup(
            text in r#"<rss version="2.0"><channel>(<(/)?(item|title|link|guid|pubDate|description|category|author)>|[a-z &;<>#0-9:/.\n]{0,8}){0,40}"#
        ) {
            if let Ok(feed) = read_feed(text.as_bytes()) {
                let plan = plan(&feed, Known::default(), false);
                for write in &plan.writes {
                    prop_assert!(markdown::parse(&write.text).is_ok(), "{}", write.text);
                }
            }
        }
    }
}

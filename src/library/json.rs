//! JSON and JSON Lines articles: a `.json` file holds one article object or an array of them, a
//! `.jsonl` / `.ndjson` file one article object per line.
//!
//! Scrapers, content systems and read-later exports name the same fields differently, so each
//! field is looked for under the names such tools use (`title` or `headline`, `date` or
//! `published_at`, ...), and the first one present wins. A file of several articles yields its
//! articles with their places among its records, so the caller can read record `i` again when
//! it is opened, and its bad records summarised ([`Records`]): the file is one listed problem
//! however many there are.
//!
//! Strings are cleaned here with [`sanitize::clean`] even when the whole file was cleaned before:
//! `"\u001b[2J"` is harmless text in the file but an escape sequence once JSON decodes it.

use std::fmt;

use jiff::civil::Date;
use serde::de::{Deserialize, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::FormatError;
use super::records::Records;
use crate::article::date;
use crate::article::sanitize::{self, one_line};
use crate::article::{Body, Parsed};

// The names each field goes by, in order of preference.
const TITLE: &[&str] = &["title", "headline"];
const AUTHOR: &[&str] = &["author", "authors"];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "pubDate",
    "datePublished",
];
const BODY: &[&str] = &["body", "content", "text"];
const URL: &[&str] = &["url", "link"];
const SOURCE: &[&str] = &["source", "site"];
const TAGS: &[&str] = &["tags"];

/// A `.json` file: one article object, or an array of them.
///
/// The error means the file as a whole holds no articles (not JSON, not objects, an empty
/// array, or a lone object that is not an article). Otherwise the records say which array
/// elements are articles; a bad element's reason names it as `record N` (counting from 1).
///
/// An array is read an element at a time, so its records never all stand in memory as
/// JSON values: a 6 MB array of three million `1`s costs a counter.
pub fn parse_json(text: &str) -> Result<Records, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FormatError::new("empty file"));
    }
    let invalid = |e: serde_json::Error| {
        FormatError::new(format!(
            "not valid JSON: line {} column {}: {}",
            e.line(),
            e.column(),
            message(&e)
        ))
    };
    // serde_json's recursion limit (128) keeps deeply nested input from overflowing the stack.
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let whitespace: &[char] = &[' ', '\t', '\n', '\r'];
    if !text.trim_start_matches(whitespace).starts_with('[') {
        let value = Value::deserialize(&mut deserializer).map_err(invalid)?;
        deserializer.end().map_err(invalid)?;
        return match value {
            // A lone object is the whole file, so its problem is the file's problem: a settings
            // file that happens to end in `.json` gives one clear reason.
            Value::Object(object) => match article(&object) {
                Ok(parsed) => Ok(Records::one(parsed)),
                Err(e) if e.is_about_title() => Err(FormatError::new(format!(
                    "JSON object is not an article: {e}"
                ))),
                Err(e) => Err(FormatError::new(e.to_string())),
            },
            _ => Err(without_articles()),
        };
    }
    let mut elements = Elements {
        records: Records::new("record"),
        len: 0,
        objects: false,
    };
    (&mut deserializer)
        .deserialize_seq(&mut elements)
        .map_err(invalid)?;
    deserializer.end().map_err(invalid)?;
    match elements {
        Elements { len: 0, .. } => Err(FormatError::new("JSON array with no articles")),
        Elements { objects: false, .. } => Err(without_articles()),
        Elements { records, .. } => Ok(records),
    }
}

fn without_articles() -> FormatError {
    FormatError::new("JSON without articles (expected an object or an array of objects)")
}

/// The elements of a `.json` array, read one at a time into records.
struct Elements {
    records: Records,
    /// Elements seen.
    len: usize,
    /// Whether any element was an object: an array of none is not a list of articles.
    objects: bool,
}

impl<'de> Visitor<'de> for &mut Elements {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of articles")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let position = self.len;
            if self.records.full() {
                // Past the cap, elements are checked as JSON and counted, never built.
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    return Ok(());
                }
                self.records.skip();
            } else {
                let Some(value) = seq.next_element::<Value>()? else {
                    return Ok(());
                };
                self.objects |= value.is_object();
                match record(&value) {
                    Ok(parsed) => self.records.push(position, parsed),
                    Err(e) => self
                        .records
                        .reject(|| format!("record {}: {e}", position + 1)),
                }
            }
            self.len += 1;
        }
    }
}

/// A `.jsonl` / `.ndjson` file: one article object per line; blank lines skipped.
///
/// Each non-blank line is a record (counting from 0 among them); a bad line's reason names it
/// as `line N`, its line number in the file. The error is only for a file with no non-blank
/// line.
pub fn parse_jsonl(text: &str) -> Result<Records, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Records::new("line");
    let mut lines = 0;
    for (position, (i, line)) in text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .enumerate()
    {
        lines = position + 1;
        if records.full() {
            records.skip();
            continue;
        }
        let n = i + 1;
        match serde_json::from_str::<Value>(line) {
            Ok(value) => match record(&value) {
                Ok(parsed) => records.push(position, parsed),
                Err(e) => records.reject(|| format!("line {n}: {e}")),
            },
            Err(e) => records.reject(|| {
                format!(
                    "line {n}: not valid JSON: {} at column {}",
                    message(&e),
                    e.column()
                )
            }),
        }
    }
    if lines == 0 {
        return Err(FormatError::new("empty file"));
    }
    Ok(records)
}

/// Why one record is not an article.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RecordError {
    NotObject,
    NoTitle,
    /// A field is there but holds the wrong kind of value: its name as the file spells it, and
    /// what it should have held.
    WrongType {
        field: &'static str,
        expected: &'static str,
    },
}

impl RecordError {
    fn is_about_title(&self) -> bool {
        match self {
            RecordError::NoTitle => true,
            RecordError::WrongType { field, .. } => TITLE.contains(field),
            RecordError::NotObject => false,
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::NotObject => f.write_str("not a JSON object"),
            RecordError::NoTitle => f.write_str("no \"title\""),
            RecordError::WrongType { field, expected } => {
                write!(f, "\"{field}\" is not {expected}")
            }
        }
    }
}

fn wrong(field: &'static str, expected: &'static str) -> RecordError {
    RecordError::WrongType { field, expected }
}

/// `serde_json`'s message without the ` at line L column C` it appends.
fn message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let location = format!(" at line {} column {}", error.line(), error.column());
    full.strip_suffix(&location).unwrap_or(&full).to_string()
}

fn record(value: &Value) -> Result<Parsed, RecordError> {
    match value {
        Value::Object(object) => article(object),
        _ => Err(RecordError::NotObject),
    }
}

/// Reads one article object; the title is checked first, so a record without one says so.
fn article(object: &Map<String, Value>) -> Result<Parsed, RecordError> {
    Ok(Parsed {
        title: title(object)?,
        author: author(object)?,
        date: article_date(object)?,
        url: text(object, URL)?,
        source: text(object, SOURCE)?,
        tags: tags(object)?,
        body: body(object)?,
    })
}

/// The first of `names` the object has with a value; `null` and blank strings count as absent,
/// since exporters write them for fields they have no value for.
fn field<'a>(
    object: &'a Map<String, Value>,
    names: &[&'static str],
) -> Option<(&'static str, &'a Value)> {
    names.iter().find_map(|&name| match object.get(name)? {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        value => Some((name, value)),
    })
}

fn title(object: &Map<String, Value>) -> Result<String, RecordError> {
    match field(object, TITLE) {
        None => Err(RecordError::NoTitle),
        Some((_, Value::String(s))) => {
            let title = one_line(s);
            if title.is_empty() {
                Err(RecordError::NoTitle)
            } else {
                Ok(title)
            }
        }
        Some((name, _)) => Err(wrong(name, "a string")),
    }
}

/// A name, a list of names, an object with a `name` (schema.org style) or a list of those,
/// joined with commas.
fn author(object: &Map<String, Value>) -> Result<Option<String>, RecordError> {
    let Some((name, value)) = field(object, AUTHOR) else {
        return Ok(None);
    };
    let names = match value {
        Value::Array(items) => items.iter().map(person).collect::<Option<Vec<_>>>(),
        value => person(value).map(|n| vec![n]),
    }
    .ok_or_else(|| wrong(name, "a name, a list of names or an object with a \"name\""))?;
    let names: Vec<String> = names
        .into_iter()
        .map(one_line)
        .filter(|n| !n.is_empty())
        .collect();
    Ok((!names.is_empty()).then(|| names.join(", ")))
}

fn person(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) => Some(s),
        Value::Object(object) => object.get("name")?.as_str(),
        _ => None,
    }
}

/// A date as text in any form [`date::parse`] reads, or a Unix timestamp in seconds (read as
/// UTC). A date that cannot be read is left out rather than failing the article.
fn article_date(object: &Map<String, Value>) -> Result<Option<Date>, RecordError> {
    match field(object, DATE) {
        None => Ok(None),
        Some((_, Value::String(s))) => Ok(date::parse(s)),
        Some((_, Value::Number(n))) => Ok(from_timestamp(n)),
        Some((name, _)) => Err(wrong(name, "a date string or a Unix timestamp")),
    }
}

fn from_timestamp(seconds: &Number) -> Option<Date> {
    let seconds = seconds.as_i64().or_else(|| {
        // `as` saturates, and jiff rejects whatever lies outside its range.
        seconds
            .as_f64()
            .filter(|s| s.is_finite())
            .map(|s| s.floor() as i64)
    })?;
    let timestamp = jiff::Timestamp::from_second(seconds).ok()?;
    Some(timestamp.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}

/// Text, or a list of paragraphs, repaired like a plain-text article's body.
fn body(object: &Map<String, Value>) -> Result<Body, RecordError> {
    let text = match field(object, BODY) {
        None => return Ok(Body::default()),
        Some((_, Value::String(s))) => sanitize::clean(s),
        Some((name, Value::Array(items))) => {
            let paragraphs = strings(items).ok_or_else(|| wrong(name, STRINGS))?;
            sanitize::clean(&paragraphs.join("\n\n"))
        }
        Some((name, _)) => return Err(wrong(name, STRINGS)),
    };
    Ok(super::plain::parse_body(&text))
}

/// A list of strings, or one string of comma-separated tags.
fn tags(object: &Map<String, Value>) -> Result<Vec<String>, RecordError> {
    let tags = match field(object, TAGS) {
        None => return Ok(Vec::new()),
        Some((_, Value::String(s))) => s.split(',').collect(),
        Some((name, Value::Array(items))) => strings(items).ok_or_else(|| wrong(name, STRINGS))?,
        Some((name, _)) => return Err(wrong(name, STRINGS)),
    };
    Ok(tags
        .into_iter()
        .map(one_line)
        .filter(|t| !t.is_empty())
        .collect())
}

/// What a field that takes text or a list of texts should hold.
const STRINGS: &str = "a string or a list of strings";

fn strings(items: &[Value]) -> Option<Vec<&str>> {
    items.iter().map(Value::as_str).collect()
}

/// A one-line field such as the URL or source.
fn text(
    object: &Map<String, Value>,
    names: &[&'static str],
) -> Result<Option<String>, RecordError> {
    match field(object, names) {
        None => Ok(None),
        Some((_, Value::String(s))) => Ok(Some(one_line(s)).filter(|t| !t.is_empty())),
        Some((name, _)) => Err(wrong(name, "a string")),
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use proptest::prelude::*;

    use super::*;
    use crate::article::Block;

    fn paragraphs(parsed: &Parsed) -> Vec<String> {
        parsed.body.blocks.iter().map(Block::text).collect()
    }

    /// The one article in a `.json` file that must hold exactly one.
    fn one(text: &str) -> Parsed {
        let mut records = parse_json(text).unwrap();
        assert_eq!(records.articles.len(), 1);
        assert_eq!(records.problem(), None);
        records.articles.remove(0).1
    }

    fn outer_error(result: Result<Records, FormatError>) -> String {
        result.unwrap_err().to_string()
    }

    /// The articles' places among the records, and their titles.
    fn titles(records: &Records) -> Vec<(usize, &str)> {
        (records.articles.iter())
            .map(|(position, parsed)| (*position, parsed.title.as_str()))
            .collect()
    }

    #[test]
    fn a_single_object() {
        let parsed = one(
            r#"{"title": "  Tide mill reopens ", "author": "Ada Quinn", "date": "2021-03-04",
                "body": "First paragraph.\n\nSecond paragraph.", "url": "https://example.org/mill",
                "source": "The Ledger", "tags": ["history", "river"], "views": 12}"#,
        );
        assert_eq!(parsed.title, "Tide mill reopens");
        assert_eq!(parsed.author.as_deref(), Some("Ada Quinn"));
        assert_eq!(parsed.date, Some(date(2021, 3, 4)));
        assert_eq!(
            paragraphs(&parsed),
            ["First paragraph.", "Second paragraph."]
        );
        assert_eq!(parsed.url.as_deref(), Some("https://example.org/mill"));
        assert_eq!(parsed.source.as_deref(), Some("The Ledger"));
        assert_eq!(parsed.tags, ["history", "river"]);
    }

    #[test]
    fn an_array_with_a_bad_record_in_the_middle() {
        let records = parse_json(
            r#"[{"title": "First"}, {"headline": 5}, {"body": "no title"}, 7, {"title": "Last"}]"#,
        )
        .unwrap();
        assert_eq!(titles(&records), [(0, "First"), (4, "Last")]);
        assert_eq!(
            records.problem().as_deref(),
            Some(
                r#"3 records are not articles (record 2: "headline" is not a string; record 3: no "title"; record 4: not a JSON object)"#
            )
        );
    }

    #[test]
    fn json_lines_with_a_blank_line_and_a_bad_line() {
        let text = "{\"title\": \"One\"}\n\n   \n{\"title\": \"Two\"\r\n{\"author\": \"X\"}\n\
                    [1]\n{\"title\": \"Five\", \"author\": false}\n{\"title\": \"Six\"}";
        let records = parse_jsonl(text).unwrap();
        // Records are the non-blank lines, counted from 0.
        assert_eq!(titles(&records), [(0, "One"), (5, "Six")]);
        assert_eq!(records.rejected, 4);
        assert_eq!(
            records.reasons,
            [
                "line 4: not valid JSON: EOF while parsing an object at column 15",
                r#"line 5: no "title""#,
                "line 6: not a JSON object",
            ]
        );
        assert!(
            records
                .problem()
                .unwrap()
                .starts_with("4 lines are not articles (line 4: not valid JSON"),
            "{:?}",
            records.problem()
        );
        let author = parse_jsonl(r#"{"title": "Five", "author": false}"#).unwrap();
        assert_eq!(
            author.problem().as_deref(),
            Some(r#"line 1: "author" is not a name, a list of names or an object with a "name""#)
        );
    }

    #[test]
    fn alternative_field_names() {
        let parsed = one(
            r#"{"headline": "Headline", "authors": "Bo Okafor", "published": "1 May 2020",
                "content": "Content.", "link": "https://example.org/a", "site": "Site"}"#,
        );
        assert_eq!(parsed.title, "Headline");
        assert_eq!(parsed.author.as_deref(), Some("Bo Okafor"));
        assert_eq!(parsed.date, Some(date(2020, 5, 1)));
        assert_eq!(paragraphs(&parsed), ["Content."]);
        assert_eq!(parsed.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(parsed.source.as_deref(), Some("Site"));

        let dated = |field: &str, value: &str| {
            one(&format!(r#"{{"title": "T", "{field}": "{value}"}}"#)).date
        };
        assert_eq!(
            dated("published_at", "2020-05-01T23:30:00-04:00"),
            Some(date(2020, 5, 1))
        );
        assert_eq!(
            dated("pubDate", "Fri, 01 May 2020 10:00:00 +0000"),
            Some(date(2020, 5, 1))
        );
        assert_eq!(
            dated("datePublished", "May 1, 2020"),
            Some(date(2020, 5, 1))
        );
        assert_eq!(dated("date", "not a date"), None);

        let text = one(r#"{"title": "T", "text": "From text."}"#);
        assert_eq!(paragraphs(&text), ["From text."]);
    }

    #[test]
    fn the_first_name_present_wins_and_blanks_count_as_absent() {
        let parsed = one(
            r#"{"title": " ", "headline": "Headline", "body": null, "content": "Content.",
                "text": "Text.", "date": "", "published": "2020-05-01"}"#,
        );
        assert_eq!(parsed.title, "Headline");
        assert_eq!(paragraphs(&parsed), ["Content."]);
        assert_eq!(parsed.date, Some(date(2020, 5, 1)));
        let parsed = one(r#"{"title": "Title", "headline": "Headline", "body": "Body."}"#);
        assert_eq!(parsed.title, "Title");
    }

    #[test]
    fn authors_as_a_list_or_an_object() {
        let author = |value: &str| one(&format!(r#"{{"title": "T", {value}}}"#)).author;
        assert_eq!(
            author(r#""authors": ["Ada Quinn", "Bo Okafor"]"#).as_deref(),
            Some("Ada Quinn, Bo Okafor")
        );
        assert_eq!(
            author(r#""author": ["Ada Quinn", " "]"#).as_deref(),
            Some("Ada Quinn")
        );
        assert_eq!(
            author(r#""author": {"name": "Cy Dale", "url": "x"}"#).as_deref(),
            Some("Cy Dale")
        );
        assert_eq!(
            author(r#""author": [{"name": "Cy Dale"}, "Di Eng"]"#).as_deref(),
            Some("Cy Dale, Di Eng")
        );
        assert_eq!(author(r#""authors": []"#), None);
        assert_eq!(author(r#""author": null"#), None);
    }

    #[test]
    fn a_numeric_date_is_a_unix_timestamp() {
        let dated = |value: &str| one(&format!(r#"{{"title": "T", "date": {value}}}"#)).date;
        assert_eq!(dated("0"), Some(date(1970, 1, 1)));
        // 2023-05-15 23:59:59 UTC: the day in UTC, whatever the local zone.
        assert_eq!(dated("1684195199"), Some(date(2023, 5, 15)));
        assert_eq!(dated("1684195199.9"), Some(date(2023, 5, 15)));
        assert_eq!(dated("-86400"), Some(date(1969, 12, 31)));
        assert_eq!(dated("1e300"), None);
        assert_eq!(dated("18446744073709551615"), None);
    }

    #[test]
    fn tags_as_a_list_or_a_comma_separated_string() {
        let tags = |value: &str| one(&format!(r#"{{"title": "T", "tags": {value}}}"#)).tags;
        assert_eq!(tags(r#"["a", "b c", " "]"#), ["a", "b c"]);
        assert_eq!(tags(r#""a, b c,,""#), ["a", "b c"]);
        assert!(tags("[]").is_empty());
    }

    #[test]
    fn a_body_may_be_a_list_of_paragraphs() {
        let parsed = one(r#"{"title": "T", "body": ["One.", "Two.\n\nThree."]}"#);
        assert_eq!(paragraphs(&parsed), ["One.", "Two.", "Three."]);
        let parsed = one(r#"{"title": "T"}"#);
        assert!(parsed.body.blocks.is_empty());
    }

    #[test]
    fn wrong_types_name_the_field() {
        let error = |fields: &str| {
            let records = parse_json(&format!(r#"[{{"title": "T", {fields}}}]"#)).unwrap();
            records.problem().unwrap()
        };
        assert_eq!(
            error(r#""date": true"#),
            r#"record 1: "date" is not a date string or a Unix timestamp"#
        );
        assert_eq!(
            error(r#""pubDate": [2020]"#),
            r#"record 1: "pubDate" is not a date string or a Unix timestamp"#
        );
        assert_eq!(
            error(r#""content": {"html": "x"}"#),
            r#"record 1: "content" is not a string or a list of strings"#
        );
        assert_eq!(
            error(r#""body": ["a", 1]"#),
            r#"record 1: "body" is not a string or a list of strings"#
        );
        assert_eq!(
            error(r#""tags": [1]"#),
            r#"record 1: "tags" is not a string or a list of strings"#
        );
        assert_eq!(error(r#""link": 3"#), r#"record 1: "link" is not a string"#);
        assert_eq!(
            error(r#""site": {}"#),
            r#"record 1: "site" is not a string"#
        );
        assert_eq!(
            error(r#""author": {"name": 5}"#),
            r#"record 1: "author" is not a name, a list of names or an object with a "name""#
        );
        let records = parse_json(r#"[{"body": "x"}, {"title": 5}]"#).unwrap();
        assert_eq!(records.reasons[1], r#"record 2: "title" is not a string"#);
    }

    #[test]
    fn outer_errors() {
        assert_eq!(
            outer_error(parse_json("{\"title\": \"x\",}")),
            "not valid JSON: line 1 column 15: trailing comma"
        );
        assert_eq!(
            outer_error(parse_json("{\n  \"title\": \"x\"\n")),
            "not valid JSON: line 3 column 0: EOF while parsing an object"
        );
        for text in ["42", "\"x\"", "[1,2]", "null", "[[{\"title\": \"x\"}]]"] {
            assert_eq!(
                outer_error(parse_json(text)),
                "JSON without articles (expected an object or an array of objects)",
                "{text}"
            );
        }
        assert_eq!(
            outer_error(parse_json(" [ ] ")),
            "JSON array with no articles"
        );
        assert_eq!(
            outer_error(parse_json(r#"{"theme": "dark"}"#)),
            r#"JSON object is not an article: no "title""#
        );
        assert_eq!(
            outer_error(parse_json(r#"{"title": ["a"]}"#)),
            r#"JSON object is not an article: "title" is not a string"#
        );
        assert_eq!(
            outer_error(parse_json(r#"{"title": "T", "tags": 5}"#)),
            r#""tags" is not a string or a list of strings"#
        );
        assert_eq!(outer_error(parse_json(" \n")), "empty file");
        assert_eq!(outer_error(parse_jsonl("")), "empty file");
        assert_eq!(outer_error(parse_jsonl("\n  \r\n\t\n")), "empty file");
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(one("\u{feff}{\"title\": \"T\"}").title, "T");
        let records = parse_jsonl("\u{feff}{\"title\": \"T\"}\n").unwrap();
        assert_eq!(titles(&records), [(0, "T")]);
    }

    #[test]
    fn escaped_control_characters_never_reach_the_terminal() {
        let parsed = one(
            r#"{"title": "A\u001b[2Jb\nc", "author": "\u202eX", "body": "Safe\u001b]0;owned\u0007 text.",
                "tags": ["\u0000t"]}"#,
        );
        assert_eq!(parsed.title, "Ab c");
        assert_eq!(parsed.author.as_deref(), Some("X"));
        assert_eq!(paragraphs(&parsed), ["Safe text."]);
        assert_eq!(parsed.tags, ["t"]);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        // Regression guard: recursive parsing of 100,000 nested arrays would overflow the stack.
        let deep = "[".repeat(100_000);
        let error = outer_error(parse_json(&deep));
        assert!(error.contains("recursion limit exceeded"), "{error}");
        let deep_field = format!(r#"{{"title": "T", "body": {}}}"#, "[".repeat(100_000));
        assert!(parse_json(&deep_field).is_err());
        let records = parse_jsonl(&format!("{deep}\n{{\"title\": \"T\"}}")).unwrap();
        assert_eq!(titles(&records), [(1, "T")]);
        assert!(
            records
                .problem()
                .unwrap()
                .contains("recursion limit exceeded")
        );
    }

    #[test]
    fn records_past_the_cap_are_counted_not_read() {
        use crate::library::MAX_RECORDS;
        let record = r#"{"title":"x"}"#;
        let array = format!("[{}]", vec![record; MAX_RECORDS + 2].join(","));
        let records = parse_json(&array).unwrap();
        assert_eq!(records.articles.len(), MAX_RECORDS);
        assert_eq!(records.unread, 2);
        let lines = vec![record; MAX_RECORDS + 1].join("\n");
        let records = parse_jsonl(&lines).unwrap();
        assert_eq!(records.articles.len(), MAX_RECORDS);
        assert_eq!(
            records.problem().as_deref(),
            Some("only the first 100,000 articles are read; 1 more line is not")
        );
        // Past the cap a record is still checked as JSON: a broken file is still broken.
        let broken = format!("{}, {{]", &array[..array.len() - 1]);
        assert!(outer_error(parse_json(&broken)).starts_with("not valid JSON"));
    }

    #[test]
    fn fixture_one_article() {
        let parsed = one(include_str!("../../tests/fixtures/library/json/one.json"));
        assert_eq!(parsed.title, "Orchard cooperative doubles cider output");
        assert_eq!(parsed.author.as_deref(), Some("Tomasz Reyes"));
        assert_eq!(parsed.date, Some(date(2022, 10, 3)));
        assert_eq!(parsed.body.blocks.len(), 2);
        assert!(paragraphs(&parsed)[1].starts_with("\"We stopped losing fruit"));
        assert_eq!(
            parsed.url.as_deref(),
            Some("https://valleyrecord.example/2022/10/orchard-cider")
        );
        assert_eq!(parsed.tags, ["farming", "food", "cooperatives"]);
    }

    #[test]
    fn fixture_many_articles() {
        let records =
            parse_json(include_str!("../../tests/fixtures/library/json/many.json")).unwrap();
        assert_eq!(
            records.problem().as_deref(),
            Some(r#"record 2: no "title""#)
        );
        let first = &records.articles[0].1;
        assert_eq!(first.title, "Ferry timetable returns to hourly crossings");
        assert_eq!(first.author.as_deref(), Some("Odile Fenwick, Rafe Okonjo"));
        assert_eq!(first.date, Some(date(2023, 4, 18)));
        assert_eq!(first.source.as_deref(), Some("The Coast Post"));
        assert_eq!(first.tags, ["transport", "islands"]);
        assert_eq!(first.body.blocks.len(), 2);
        assert_eq!(records.articles[1].0, 2);
        let third = &records.articles[1].1;
        assert_eq!(third.title, "Library extends Sunday opening through summer");
        assert_eq!(third.date, Some(date(2023, 5, 15)));
        assert_eq!(third.body.blocks.len(), 2);
    }

    #[test]
    fn fixture_feed_lines() {
        let records =
            parse_jsonl(include_str!("../../tests/fixtures/library/json/feed.jsonl")).unwrap();
        assert_eq!(records.problem(), None);
        let parsed: Vec<&Parsed> = records.articles.iter().map(|(_, p)| p).collect();
        assert_eq!(parsed.len(), 3);
        assert_eq!(
            parsed[0].author.as_deref(),
            Some("Amara Bello, Conor Dwyer")
        );
        // The date as written, in its own offset.
        assert_eq!(parsed[0].date, Some(date(2024, 2, 11)));
        assert_eq!(parsed[1].title, "Allotment waiting list falls below a year");
        assert_eq!(parsed[1].date, Some(date(2024, 2, 12)));
        assert_eq!(parsed[2].source.as_deref(), Some("Eastbank Weekly"));
    }

    #[test]
    fn fixture_settings_is_not_an_article() {
        assert_eq!(
            outer_error(parse_json(include_str!(
                "../../tests/fixtures/library/json/settings.json"
            ))),
            r#"JSON object is not an article: no "title""#
        );
    }

    /// JSON values whose keys are mostly the field names this module reads.
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "\\PC{0,20}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            let key = prop_oneof![
                proptest::sample::select(
                    [TITLE, AUTHOR, DATE, BODY, URL, SOURCE, TAGS, &["name"]].concat()
                )
                .prop_map(String::from),
                "[a-z]{1,6}",
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(key, inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_text_never_panics(text in "\\PC{0,200}") {
            let _ = parse_json(&text);
            let _ = parse_jsonl(&text);
        }

        #[test]
        fn json_like_text_never_panics(text in "[\\[\\]{}\":,0-9a-z .eE+\\-\\\\\\n]{0,200}") {
            let _ = parse_json(&text);
            let _ = parse_jsonl(&text);
        }

        #[test]
        fn any_json_value_never_panics(value in json_value()) {
            let _ = parse_json(&value.to_string());
            let _ = parse_jsonl(&format!("{value}\n{value:#}"));
        }
    }
}

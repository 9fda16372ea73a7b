//! What a page's metadata says, read from every place sites put it, and cleaned: JSON-LD
//! (`NewsArticle`, `Article`, `BlogPosting`, in a `@graph` or not), author names without their
//! labels (`By `, `von `, `Author`) and never a non-person (`null`, `admin`, `@handle`, an
//! address), dates in the forms pages write them, and a title without its site's name.
//!
//! Everything here is bounded: JSON-LD is read up to [`MAX_JSON_LD`] bytes a page and
//! [`MAX_NODES`] values, serde_json caps nesting at 128.

use jiff::civil::Date;
use serde_json::Value;

use std::borrow::Cow;

use crate::article::date;
use crate::article::sanitize::one_line;

/// The most JSON-LD text read from one page.
pub(super) const MAX_JSON_LD: usize = 1 << 20;

/// The most JSON values looked at in a page's JSON-LD.
const MAX_NODES: usize = 10_000;

/// The most authors kept from one JSON-LD `author`.
const MAX_AUTHORS: usize = 10;

/// Longer than this, a byline holds more than a name (a whole paragraph, a bio).
const AUTHOR_MAX_CHARS: usize = 100;

/// What a page's JSON-LD says about its article.
#[derive(Debug, Default, PartialEq)]
pub(super) struct JsonLd {
    pub title: Option<String>,
    /// The people named as authors, joined with `, `.
    pub author: Option<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
}

/// Reads the article's object from a page's JSON-LD blocks: the first whose `@type` is an
/// article (`NewsArticle`, `BlogPosting`, any `…Article`), else the first with a
/// `datePublished`. Blocks that are not JSON are skipped.
pub(super) fn json_ld(blocks: &[String]) -> JsonLd {
    let values: Vec<Value> = blocks
        .iter()
        .filter_map(|b| {
            // Some pages wrap the JSON in a CDATA section, as XHTML asked.
            let b = b.trim();
            let b = b.strip_prefix("<![CDATA[").unwrap_or(b);
            let b = b.trim_end().strip_suffix("]]>").unwrap_or(b);
            serde_json::from_str(b).ok()
        })
        .collect();
    // Every object, in document order, through arrays and `@graph`s.
    let mut objects = Vec::new();
    let mut stack: Vec<&Value> = values.iter().rev().collect();
    let mut seen = 0;
    while let Some(value) = stack.pop() {
        seen += 1;
        if seen > MAX_NODES {
            break;
        }
        match value {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                objects.push(map);
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
    let by_id = |id: &str| {
        objects
            .iter()
            .find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o.len() > 1)
    };
    let article = objects
        .iter()
        .find(|o| types(o).any(is_article_type))
        .or_else(|| objects.iter().find(|o| o.contains_key("datePublished")));
    let Some(article) = article else {
        return JsonLd::default();
    };
    let text = |key: &str| {
        article
            .get(key)
            .and_then(Value::as_str)
            .map(one_line)
            .filter(|s| !s.is_empty())
    };
    let mut names = Vec::new();
    let mut authors: Vec<&Value> = match article.get("author") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    authors.truncate(MAX_AUTHORS);
    for author in authors {
        let author = match author {
            Value::Object(map) if map.len() == 1 => map
                .get("@id")
                .and_then(Value::as_str)
                .and_then(by_id)
                .unwrap_or(&map),
            Value::Object(map) => map,
            Value::String(name) => {
                names.extend(clean_author(name));
                continue;
            }
            _ => continue,
        };
        // An organisation is not a person.
        if types(author).any(|t| t == "Organization" || t.ends_with("Organization")) {
            continue;
        }
        if let Some(name) = author.get("name").and_then(Value::as_str) {
            names.extend(clean_author(name));
        }
    }
    names.dedup();
    let publisher = article.get("publisher").and_then(|p| match p {
        Value::Object(map) => map.get("name").and_then(Value::as_str),
        Value::String(name) => Some(name.as_str()),
        _ => None,
    });
    JsonLd {
        title: text("headline").or_else(|| text("name")),
        author: (!names.is_empty()).then(|| names.join(", ")),
        date: text("datePublished").or_else(|| text("dateCreated")),
        publisher: publisher.map(one_line).filter(|s| !s.is_empty()),
    }
}

/// An object's `@type`s (a string or an array of them).
fn types(object: &serde_json::Map<String, Value>) -> impl Iterator<Item = &str> {
    let one = object.get("@type").and_then(Value::as_str);
    let many = object.get("@type").and_then(Value::as_array);
    one.into_iter()
        .chain(many.into_iter().flatten().filter_map(Value::as_str))
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t == "BlogPosting" || t == "LiveBlogPosting" || t == "Report"
}

/// Labels that stand before a name in a byline, in any case.
const AUTHOR_LABELS: &[&str] = &[
    "written by",
    "posted by",
    "by",
    "author",
    "authors",
    "autor",
    "autorin",
];

/// Labels in other languages that are also names or parts of names (`Di`, `Von Trier`): a label
/// only when written in lower case.
const LOWER_LABELS: &[&str] = &["von", "par", "door", "por", "di", "de"];

/// Names that are not a person's.
const NOT_NAMES: &[&str] = &[
    "null",
    "undefined",
    "none",
    "nan",
    "unknown",
    "anonymous",
    "admin",
    "administrator",
    "editor",
    "redaktion",
    "staff",
];

/// A byline cleaned to the name it gives: labels (`By `, `von `, `Author:`, `AuthorAndreas`)
/// and trailing punctuation dropped; `None` when what is left is not a person's name (empty,
/// `null`, `wordpressadmin`, `@handle`, an address, digits, a paragraph).
pub(super) fn clean_author(raw: &str) -> Option<String> {
    let name = one_line(raw);
    let lower = name.to_lowercase();
    let label = |label: &&str, written: &str| {
        let rest = written.strip_prefix(*label)?;
        let next = rest.chars().next();
        // `Author:`, `By ` and `AuthorAndreas` are labels; `Bystrova` and `Dinah` are not.
        let glued = *label == "author"
            && (name.get(label.len()..)).is_some_and(|r| r.starts_with(char::is_uppercase));
        (matches!(next, Some(' ' | ':' | '\u{a0}')) || glued).then_some(label.len())
    };
    let at = (AUTHOR_LABELS.iter().find_map(|l| label(l, &lower)))
        .or_else(|| LOWER_LABELS.iter().find_map(|l| label(l, &name)))
        .unwrap_or(0);
    // Lowercasing can change a text's length: a cut that is not at a character keeps it whole.
    let name = (name.get(at..).unwrap_or(&name)).trim_start_matches([':', ' ', '\u{a0}']);
    let name = name
        .trim_end_matches([',', ';', ':', '|', '·', '-', ' '])
        .trim();
    let name = without_role(name);
    let lower = name.to_lowercase();
    let is_person = !name.is_empty()
        && name.chars().count() <= AUTHOR_MAX_CHARS
        && name.chars().any(char::is_alphabetic)
        && !name.chars().any(|c| c.is_ascii_digit())
        && !name.starts_with('@')
        && !lower.contains("://")
        && !lower.contains("www.")
        && !lower.contains("admin")
        // A label with no name after it (`By`, `Story By`, `Written by`).
        && !AUTHOR_LABELS.contains(&lower.as_str())
        && !lower.ends_with(" by")
        && !NOT_NAMES.contains(&lower.as_str());
    is_person.then(|| name.to_string())
}

/// True for two to five words that each start with a capital (`Craig Lloyd`, `Ann de Vries`
/// aside, whose `de` is let be): what a name written alone looks like.
pub(super) fn looks_like_a_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let particle = |w: &&str| ["de", "da", "van", "von", "der", "la", "di", "del"].contains(w);
    (2..=5).contains(&words.len()) && words.iter().all(|w| capital(w) || particle(w))
}

/// The name after `by` in a line of facts (`A standfirst. by Di Writer / 19 January 2017`):
/// up to four words that start with a capital, up to the next separator.
pub(super) fn signed_by(text: &str) -> Option<String> {
    let at = (text.char_indices().map(|(i, _)| i))
        .filter(|&i| {
            text.get(i..i + 3)
                .is_some_and(|w| w.eq_ignore_ascii_case("by "))
        })
        .find(|&i| i == 0 || text[..i].ends_with([' ', '.', '\u{a0}', '|', '/']))?;
    let rest = text.get(at + 3..)?;
    let end = rest
        .find(['/', '|', '·', '•', ',', '\n', '—', '–'])
        .unwrap_or(rest.len());
    let words: Vec<&str> = rest[..end].split_whitespace().collect();
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    (2..=4)
        .contains(&words.len())
        .then(|| words.iter().all(capital).then(|| words.join(" ")))
        .flatten()
}

/// Words for a writer's role that pages put after the name, sometimes glued to it
/// (`Di WriterContributor`).
const ROLES: &[&str] = &[
    "Contributor",
    "Contributing Writer",
    "Staff Writer",
    "Senior Writer",
    "Writer",
    "Reporter",
    "Correspondent",
    "Columnist",
];

/// `name` without a role after it (`Di Writer Contributor`, `Di WriterContributor`), when a
/// name of two words or more is left.
fn without_role(name: &str) -> &str {
    let two_words = |s: &str| s.split_whitespace().count() >= 2;
    // `Ann Lee, Senior Staff Writer`: a role after a comma, and what comes with it.
    if let Some((before, after)) = name.split_once(',') {
        let after = after.to_lowercase();
        let role = ROLES.iter().any(|r| after.contains(&r.to_lowercase()));
        if role && two_words(before) {
            return before.trim();
        }
    }
    ROLES
        .iter()
        .find_map(|role| {
            let at = name.len().checked_sub(role.len())?;
            let (rest, end) = (name.get(..at)?, name.get(at..)?);
            let glued = end.starts_with(char::is_uppercase) && rest.ends_with(char::is_lowercase);
            let spaced = rest.ends_with(' ') && end.eq_ignore_ascii_case(role);
            let rest = rest.trim_end_matches([' ', ',']);
            ((glued && end == *role || spaced) && two_words(rest)).then_some(rest)
        })
        .unwrap_or(name)
}

/// How a page writes an ambiguous `a/b/yyyy` date, from its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// `en-US`: month first.
    MonthFirst,
    /// Any other language given: day first.
    DayFirst,
    /// No language, or `en` alone: an ambiguous date is not read.
    Unknown,
}

impl Order {
    pub(super) fn of_lang(lang: Option<&str>) -> Self {
        match lang.map(|l| l.trim().to_ascii_lowercase()) {
            Some(l) if l == "en-us" || l.starts_with("en-us-") => Order::MonthFirst,
            Some(l) if l.is_empty() || l == "en" => Order::Unknown,
            Some(_) => Order::DayFirst,
            None => Order::Unknown,
        }
    }
}

/// Labels before a date (`Published: `, `Posted on `), lowercased.
const DATE_LABELS: &[&str] = &[
    "published on",
    "published",
    "posted on",
    "posted",
    "date",
    "veröffentlicht am",
    "veröffentlicht",
    "publié le",
    "on",
    "am",
];

/// Reads a date as pages write it: what [`date::parse`] reads (ISO, RFC 2822, `31 December
/// 2014`, `Dec. 31, 2014`), those followed by a time, and numeric dates with a time or not
/// (`2022-5-5 22:17:36`, `10.12.2022, 07:00:03`, `10/05/2022 05:22 pm`).
///
/// Numeric dates: a four-digit first number is the year (year, month, day); with the year last,
/// dots and dashes are day first (`10.12.2022` is 10 December), and slashes are read by
/// `order` unless one number is above 12 (`13/05/2022` is 13 May, `05/13/2022` is 13 May).
pub(super) fn parse_date(text: &str, order: Order) -> Option<Date> {
    let mut text = one_line(text);
    loop {
        let lower = text.to_lowercase();
        let label = DATE_LABELS.iter().find_map(|label| {
            let rest = lower.strip_prefix(label)?;
            rest.starts_with([' ', ':']).then_some(label.len())
        });
        let Some(at) = label else { break };
        let Some(rest) = text.get(at..) else { break };
        text = rest.trim_start_matches([':', ' ']).to_string();
    }
    if text.is_empty() || text.len() > 100 {
        return None;
    }
    let text = in_english(&text);
    date::parse(&text)
        .or_else(|| numeric(&text, order))
        .or_else(|| up_to_year(&text).and_then(date::parse))
        // A year of two digits read as one of four (`20 May 20`) is no page's date.
        .filter(|date| date.year() >= 1000)
}

/// A date stated somewhere in a short text (`by Di Writer / January 19, 2017 / Politics`,
/// `Di Writer Thursday 9 March 2017`): the first part between separators (` / `, `|`, `·`, `•`,
/// dashes) that reads as a date from one of its words on.
pub(super) fn date_in_text(text: &str, order: Order) -> Option<Date> {
    const SEPARATORS: &[&str] = &[" / ", "|", "·", "•", " — ", " – ", " - "];
    let mut pieces = vec![text];
    for sep in SEPARATORS {
        pieces = pieces.iter().flat_map(|p| p.split(sep)).collect();
    }
    pieces.into_iter().find_map(|piece| {
        let piece = piece.trim();
        let starts = std::iter::once(0).chain(
            piece
                .char_indices()
                .filter(|&(_, c)| c == ' ')
                .map(|(i, _)| i + 1),
        );
        starts
            .take(MAX_DATE_WORDS)
            .filter_map(|i| piece.get(i..))
            .find_map(|rest| parse_date(rest, order))
    })
}

/// The most words a date stated in a text is looked for from.
const MAX_DATE_WORDS: usize = 40;

/// Month names in German, French, Spanish, Italian, Dutch and Portuguese (and a few of their
/// abbreviations that no English word shares), lowercased, each with its month's number.
const MONTH_NAMES: &[(&str, usize)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("janeiro", 1),
    ("februar", 2),
    ("février", 2),
    ("févr", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("fevereiro", 2),
    ("märz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("maart", 3),
    ("março", 3),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("aprile", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mei", 5),
    ("maio", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("août", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
];

/// `text` with month names of other languages in English, and the `de` that Spanish and
/// Portuguese put around them left out: `14. Juni 2019` → `14. June 2019`, `3 de março de
/// 2021` → `3 March 2021`.
fn in_english(text: &str) -> Cow<'_, str> {
    let words: Vec<&str> = text.split(' ').collect();
    let month = |w: &str| {
        let w = w.trim_end_matches(['.', ',']).to_lowercase();
        MONTH_NAMES
            .iter()
            .find(|(name, _)| *name == w)
            .map(|&(_, n)| n)
    };
    if !words.iter().any(|w| month(w).is_some()) {
        return Cow::Borrowed(text);
    }
    let english: Vec<String> = words
        .iter()
        .filter(|w| !matches!(w.to_lowercase().as_str(), "de" | "del"))
        .map(|w| match month(w) {
            Some(n) => date::MONTHS[n - 1].to_string() + if w.ends_with(',') { "," } else { "" },
            None => (*w).to_string(),
        })
        .collect();
    Cow::Owned(english.join(" "))
}

/// `text` up to the end of its first four-digit year, when something follows it (a time).
fn up_to_year(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let four = bytes[i..i + 4].iter().all(u8::is_ascii_digit);
        let alone = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        (four && alone && i + 4 < bytes.len()).then(|| &text[..i + 4])
    })
}

/// A numeric date at the start of `text`: three numbers with one separator (`.`, `-` or `/`),
/// then the end or something that is not a digit (a time).
fn numeric(text: &str, order: Order) -> Option<Date> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '/')))
        .unwrap_or(text.len());
    let head = text[..end].trim_end_matches('.');
    let sep = head.chars().find(|c| !c.is_ascii_digit())?;
    let parts: Vec<&str> = head.split(sep).collect();
    let [a, b, c] = parts[..] else { return None };
    let digits = |p: &str| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if ![a, b, c].into_iter().all(digits) {
        return None;
    }
    let n = |s: &str| s.parse::<i16>().ok();
    let (a, b, c, year_first) = (n(a)?, n(b)?, n(c)?, a.len() == 4);
    let (year, month, day) = if year_first {
        (a, b, c)
    } else if parts[2].len() == 4 {
        let month_first = match (sep, order) {
            ('/', _) if a > 12 => false,
            ('/', _) if b > 12 => true,
            ('/', Order::MonthFirst) => true,
            ('/', Order::DayFirst) => false,
            ('/', Order::Unknown) => return None,
            _ => false,
        };
        if month_first { (c, a, b) } else { (c, b, a) }
    } else {
        return None;
    };
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// A date in an address's path (`/2022/05/05/`, `/2022-05-05-`), as news sites write them.
pub(super) fn date_in_url(url: &str) -> Option<Date> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &path[path.find('/')?..];
    let bytes = path.as_bytes();
    (0..bytes.len()).find_map(|i| {
        let rest = path.get(i..)?;
        let after = rest.strip_prefix('/')?;
        let year = after.get(..4)?;
        let sep = after[4..].chars().next()?;
        if !year.bytes().all(|b| b.is_ascii_digit()) || !matches!(sep, '/' | '-') {
            return None;
        }
        let mut fields = after[5..].splitn(3, sep);
        let month = fields.next()?;
        let day = fields.next()?;
        let day = &day[..day.find(|c: char| !c.is_ascii_digit()).unwrap_or(day.len())];
        if month.len() != 2 || day.len() != 2 || !month.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let date = Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()?;
        (1990..=2100).contains(&date.year()).then_some(date)
    })
}

/// A text's words, lowercased: its runs of letters and digits, case and punctuation aside.
pub(super) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// True when a page's one `<h1>` is the headline its `title` gives, written in full: the
/// title with something added after it (`Headline — Section`), or cut short
/// (`Headline Of Ten Wor…`), or quoted differently; word for word, case and punctuation aside.
pub(super) fn same_headline(h1: &str, title: &str) -> bool {
    let (h, t): (Vec<_>, Vec<_>) = (words(h1).collect(), words(title).collect());
    h.len() >= 2 && h.len() <= MAX_HEADLINE_WORDS && (t.starts_with(&h) || h.starts_with(&t))
}

/// The most words a headline has.
const MAX_HEADLINE_WORDS: usize = 60;

/// Separators between a title and its site's name.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " – ", " — ", " -- ", " - ", " :: ", " · ", " » ", " / ",
];

/// `title` without its site's name (`Title – Site`, `Title | Site`, `Site | Title`): taken off
/// only when that part is one of `sites` (`og:site_name`, the publisher, the address's host) or
/// appears in one, so a title with a bar of its own keeps it.
pub(super) fn strip_site(title: &str, sites: &[String]) -> String {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let sites: Vec<String> = sites
        .iter()
        .map(|s| key(s))
        .filter(|s| s.len() >= 3)
        .collect();
    let is_site = |part: &str| {
        let part = key(part);
        part.len() >= 3
            && sites.iter().any(|site| {
                // The site itself, a part of its name, or the site and a section of it
                // (`CNN Politics`).
                *site == part || site.contains(&part) || part.starts_with(site.as_str())
            })
    };
    for sep in TITLE_SEPARATORS {
        if let Some((rest, suffix)) = title.rsplit_once(sep)
            && !rest.trim().is_empty()
            && is_site(suffix)
        {
            return rest.trim().to_string();
        }
        if let Some((prefix, rest)) = title.split_once(sep)
            && !rest.trim().is_empty()
            && is_site(prefix)
        {
            return rest.trim().to_string();
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date as ymd;

    use super::*;
    use crate::article::Parsed;

    /// A page with `head` in its `<head>` and `body` in its `<body>`, in language `lang`.
    fn page(lang: &str, head: &str, body: &str) -> Parsed {
        let html = format!(
            "<!DOCTYPE html><html lang='{lang}'><head><title>T</title>{head}</head><body>{body}</body></html>"
        );
        super::super::parse(&html).unwrap()
    }

    fn ld(json: &str) -> String {
        format!("<script type='application/ld+json'>{json}</script>")
    }

    #[test]
    fn json_ld_article_with_authors_as_text_object_array_and_reference() {
        let a = page(
            "en",
            &ld(
                r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"H",
                "datePublished":"2022-05-05T22:17:36+02:00","author":{"@type":"Person","name":"By Ada Lovelace"},
                "publisher":{"@type":"Organization","name":"The Courier"}}"#,
            ),
            "",
        );
        assert_eq!(a.author.as_deref(), Some("Ada Lovelace"));
        assert_eq!(a.date, Some(ymd(2022, 5, 5)));
        assert_eq!(a.source.as_deref(), Some("The Courier"));

        let graph = ld(r##"{"@graph":[{"@type":"WebPage","name":"W"},
            {"@type":["BlogPosting"],"datePublished":"2021-11-01",
             "author":[{"@id":"#p1"},"Grace Hopper",{"@type":"Organization","name":"Courier Ltd"}]},
            {"@type":"Person","@id":"#p1","name":"Alan Turing"}]}"##);
        let a = page("en", &graph, "");
        assert_eq!(a.author.as_deref(), Some("Alan Turing, Grace Hopper"));
        assert_eq!(a.date, Some(ymd(2021, 11, 1)));

        // Wrapped in CDATA, in an array, before a block that is not JSON.
        let cdata = ld(
            "<![CDATA[ [{\"@type\":\"Article\",\"author\":\"null\",\"dateCreated\":\"2020-01-02\"}] ]]>",
        );
        let a = page("en", &format!("{}{cdata}", ld("{not json")), "");
        assert_eq!((a.author, a.date), (None, Some(ymd(2020, 1, 2))));
    }

    #[test]
    fn json_ld_is_read_within_its_caps() {
        let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(json_ld(&[deep]), JsonLd::default());
        let wide = format!(
            "[{}{{\"@type\":\"Article\",\"headline\":\"late\"}}]",
            "{},".repeat(20_000)
        );
        assert_eq!(json_ld(&[wide]).title, None);
    }

    #[test]
    fn dates_from_open_graph_itemprop_dublin_core_time_and_address() {
        let meta = |name: &str, value: &str| format!("<meta property='{name}' content='{value}'>");
        let dated = |head: &str, body: &str| page("de", head, body).date;
        assert_eq!(
            dated(
                &meta("og:article:published_time", "2020-03-04T01:00:00Z"),
                ""
            ),
            Some(ymd(2020, 3, 4))
        );
        assert_eq!(
            dated(
                "",
                "<span itemprop='datePublished' content='2019-07-08'>8 July</span>"
            ),
            Some(ymd(2019, 7, 8))
        );
        assert_eq!(
            dated("", "<p itemprop='datePublished'>10.12.2022, 07:00:03</p>"),
            Some(ymd(2022, 12, 10))
        );
        assert_eq!(
            dated(&meta("dc.date", "2018-01-31"), ""),
            Some(ymd(2018, 1, 31))
        );
        assert_eq!(
            dated(&meta("dcterms:issued", "2017-02-01"), ""),
            Some(ymd(2017, 2, 1))
        );
        // A <time> in the comments or the footer is not the article's.
        let time = "<div id='comments'><time datetime='2001-01-01'>x</time></div>\
            <footer><time datetime='2002-02-02'>y</time></footer>\
            <article><time datetime='2016-05-06T10:00'>z</time></article>";
        assert_eq!(dated("", time), Some(ymd(2016, 5, 6)));
        let url = "<link rel='canonical' href='https://x.example/news/2015/09/30/ferries'>";
        assert_eq!(dated(url, ""), Some(ymd(2015, 9, 30)));
        assert_eq!(
            dated(
                "<link rel='canonical' href='https://x.example/2015/9/'>",
                ""
            ),
            None
        );
    }

    #[test]
    fn a_name_signed_in_a_line_of_facts() {
        assert_eq!(
            signed_by("A standfirst. by Di Writer / January 19, 2017 /").as_deref(),
            Some("Di Writer")
        );
        assert_eq!(
            signed_by("By Ann Lee Smith, Politics").as_deref(),
            Some("Ann Lee Smith")
        );
        assert_eq!(signed_by("Stand by me / 2017"), None);
        assert_eq!(signed_by("made by hand in small batches"), None);
        assert_eq!(signed_by("Nearby Town / 2017"), None);
    }

    #[test]
    fn a_role_after_a_name_is_not_the_name() {
        assert_eq!(
            clean_author("Steve GillmanContributor").as_deref(),
            Some("Steve Gillman")
        );
        assert_eq!(
            clean_author("Di Writer Staff Writer").as_deref(),
            Some("Di Writer")
        );
        assert_eq!(
            clean_author("Ann Reporter").as_deref(),
            Some("Ann Reporter")
        );
        assert_eq!(clean_author("Story By"), None);
        assert_eq!(
            clean_author("Ann Lee, Senior Staff Writer").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            clean_author("Di Writer staff writer").as_deref(),
            Some("Di Writer")
        );
    }

    #[test]
    fn the_headline_is_the_title_written_in_full() {
        assert!(same_headline(
            "A Light Filled Loft",
            "A Light Filled Loft — House Call"
        ));
        assert!(same_headline("Edited Picture Of Her", "Edited Picture Of"));
        assert!(same_headline(
            "Beasts: A Nice Place",
            "‘Beasts’: A Nice Place"
        ));
        assert!(!same_headline(
            "Silicon Exposed",
            "Open Verilog flow for GreenPak4"
        ));
        assert!(!same_headline("Title", "Title | Site"));
        assert!(!same_headline(
            "A colon: but different",
            "A colon: hello there"
        ));
    }

    #[test]
    fn a_date_stated_in_a_byline_is_found_between_its_separators() {
        let read = |text: &str| date_in_text(text, Order::Unknown);
        assert_eq!(
            read("A standfirst. by Di Writer / January 19, 2017 /"),
            Some(ymd(2017, 1, 19))
        );
        assert_eq!(
            read("Di Writer Thursday 9 March 2017 10:00"),
            Some(ymd(2017, 3, 9))
        );
        assert_eq!(
            read("Posted by Di | 3 May 2021 | Politics"),
            Some(ymd(2021, 5, 3))
        );
        assert_eq!(read("by Di Writer"), None);
        assert_eq!(read("Posted in 2015 Election"), None);
    }

    #[test]
    fn month_names_in_other_languages() {
        let read = |text: &str| parse_date(text, Order::Unknown);
        assert_eq!(read("14. Juni 2019"), Some(ymd(2019, 6, 14)));
        assert_eq!(read("Freitag, 14. Juni 2019, 15:49"), None);
        assert_eq!(
            date_in_text("Freitag | 14. Juni 2019 | 15:49 VON Sina", Order::Unknown),
            Some(ymd(2019, 6, 14))
        );
        assert_eq!(read("3 mars 2020"), Some(ymd(2020, 3, 3)));
        assert_eq!(read("12 de enero de 2021"), Some(ymd(2021, 1, 12)));
        assert_eq!(read("1° dicembre 2022"), None);
        assert_eq!(read("1 dicembre 2022"), Some(ymd(2022, 12, 1)));
        assert_eq!(read("5 maart 2018"), Some(ymd(2018, 3, 5)));
        assert_eq!(read("Publié le 7 août 2023"), Some(ymd(2023, 8, 7)));
        // Not a date: a word that is a month elsewhere, with no day or year.
        assert_eq!(read("Mai Thai"), None);
        assert_eq!(read("20 janvier 20"), None);
    }

    #[test]
    fn dates_in_the_forms_pages_write_them() {
        let read = |text: &str| parse_date(text, Order::Unknown);
        assert_eq!(read("2022-5-5 22:17:36"), Some(ymd(2022, 5, 5)));
        assert_eq!(read("10.12.2022, 07:00:03"), Some(ymd(2022, 12, 10)));
        assert_eq!(read("Published: 10-12-2022"), Some(ymd(2022, 12, 10)));
        assert_eq!(
            read("Posted on March 3, 2024 at 10:00 am"),
            Some(ymd(2024, 3, 3))
        );
        assert_eq!(
            read("Wednesday, 31 December 2014 - 10:00"),
            Some(ymd(2014, 12, 31))
        );
        assert_eq!(read("2014/12/31"), Some(ymd(2014, 12, 31)));
        // Slashes: a number above 12 is the day; otherwise the page's language decides.
        assert_eq!(read("13/05/2022 05:22 pm"), Some(ymd(2022, 5, 13)));
        assert_eq!(read("05/13/2022"), Some(ymd(2022, 5, 13)));
        assert_eq!(read("10/05/2022 05:22 pm"), None);
        let us = Order::of_lang(Some("en-US"));
        assert_eq!(
            parse_date("10/05/2022 05:22 pm", us),
            Some(ymd(2022, 10, 5))
        );
        let fr = Order::of_lang(Some("fr"));
        assert_eq!(parse_date("10/05/2022", fr), Some(ymd(2022, 5, 10)));
        assert_eq!(Order::of_lang(Some("en")), Order::Unknown);
        for bad in [
            "",
            "soon",
            "32.01.2022",
            "2022-13-01",
            "1.2.3",
            "12/2022",
            "123456789",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
        // A page in American English reads its ambiguous date month first.
        let a = page(
            "en-US",
            "<meta name='date' content='10/05/2022 05:22 pm'>",
            "",
        );
        assert_eq!(a.date, Some(ymd(2022, 10, 5)));
    }

    #[test]
    fn authors_lose_their_labels_and_non_people_are_dropped() {
        for (raw, name) in [
            ("By Ada Lovelace", "Ada Lovelace"),
            ("by: Ada Lovelace", "Ada Lovelace"),
            ("AuthorAndreas Kalt", "Andreas Kalt"),
            ("Author: Andreas Kalt", "Andreas Kalt"),
            ("von Redaktion Nord,", "Redaktion Nord"),
            ("Written by\n  Rob Ewaschuk", "Rob Ewaschuk"),
            ("Di Writer", "Di Writer"),
            ("Von Trier", "Von Trier"),
            ("Bystrova", "Bystrova"),
        ] {
            assert_eq!(clean_author(raw).as_deref(), Some(name), "{raw}");
        }
        for raw in [
            "null",
            "wordpressadmin",
            "@NatGeoUK",
            "https://x.example/bo",
            "www.example.com",
            "Deutsche Welle (www.dw.com)",
            "By",
            "Author:",
            "Staff",
            "By 3 May 2020",
            "",
            &"long ".repeat(30),
        ] {
            assert_eq!(clean_author(raw), None, "{raw}");
        }
        // The site's own name is not an author.
        let site = "<meta property='og:site_name' content='The Courier'>\
            <meta name='author' content='The Courier'>";
        let a = page("en", site, "<p class='byline'>By Nadia Ferreira</p>");
        assert_eq!(a.author.as_deref(), Some("Nadia Ferreira"));
        // itemprop and Dublin Core.
        let a = page(
            "en",
            "",
            "<span itemprop='author'><span itemprop='name'>Ada L</span> (editor)</span>",
        );
        assert_eq!(a.author.as_deref(), Some("Ada L"));
        let a = page("en", "<meta name='DC.creator' content='Grace H'>", "");
        assert_eq!(a.author.as_deref(), Some("Grace H"));
        // Elements named as bylines in the ways sites name them; an empty avatar gives way.
        let a = page(
            "en",
            "",
            "<div class='author-avatar'><img src=a.png></div>\
             <span class='pb-byline'>By <a href='/e'>Erin Writer</a></span>",
        );
        assert_eq!(a.author.as_deref(), Some("Erin Writer"));
        let a = page("en", "", "<p id='authorship'>By Nobody Here</p>");
        assert_eq!(a.author, None);
    }

    #[test]
    fn the_site_name_comes_off_the_title_only_when_it_is_the_site() {
        let sites = ["Stack Overflow Blog".to_string(), "chefkoch.de".to_string()];
        assert_eq!(strip_site("Title – Stack Overflow Blog", &sites), "Title");
        assert_eq!(
            strip_site("Kartoffelsalat | Chefkoch", &sites),
            "Kartoffelsalat"
        );
        assert_eq!(strip_site("Stack Overflow Blog | Title", &sites), "Title");
        assert_eq!(strip_site("Cats | Dogs", &sites), "Cats | Dogs");
        let news = ["CNN".to_string(), "sott.net".to_string()];
        assert_eq!(strip_site("Takeaways | CNN Politics", &news), "Takeaways");
        assert_eq!(strip_site("Court files -- Sott.net", &news), "Court files");
        assert_eq!(
            strip_site("Talks | Cnidarians", &news),
            "Talks | Cnidarians"
        );
        assert_eq!(strip_site("Title | Blog", &[]), "Title | Blog");
        assert_eq!(strip_site(" | Chefkoch", &sites), " | Chefkoch");
        let a = page(
            "en",
            "<meta property='og:title' content='Ferry times | The Courier'>\
             <meta property='og:site_name' content='The Courier'>",
            "<h1>Ferry times</h1><p>Text.</p>",
        );
        assert_eq!(a.title, "Ferry times");
        assert!(a.body.blocks.iter().all(|b| b.text() != "Ferry times"));
    }
}

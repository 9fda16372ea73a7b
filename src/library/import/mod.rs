//! Feeds into the library: an RSS, Atom or JSON Feed document read into entries, and what
//! importing them into a folder would write.
//!
//! This is the pure half of `byline import`, the one command that writes into a library: it
//! takes the feed's bytes and what the feed's folder already holds ([`Known`]), and returns the
//! files to write ([`Plan`]); `crate::shell::import` reads the folder and writes them, never over
//! a file and never outside the folder it was given. The feed is read in `feed` (its HTML through
//! the same reading as saved pages, so an imported article is made of the same blocks as any
//! other), names come from [`names`] and the Markdown from `compose`.
//!
//! Work is bounded as everywhere in the library: at most [`MAX_ENTRIES`] entries, each one's
//! content cut to [`MAX_CONTENT`] bytes, and every field cut to the library's caps.

mod compose;
mod feed;
pub mod names;
pub mod opml;

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use self::compose::Field;
pub use self::feed::{Entry, Feed, FeedError, MAX_CONTENT, MAX_ENTRIES, MAX_FEED, read_feed};
use self::feed::{line, line_column};
use super::yaml;
use crate::article::Block;
use crate::article::sanitize::shorten;

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

    use crate::library::{MAX_TITLE, markdown};

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

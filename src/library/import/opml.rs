//! OPML subscription lists, as feed readers export them: the feeds they name, listed for
//! `byline import --opml`. byline fetches nothing from the network; the list says what to fetch
//! with one's own tools.

use quick_xml::events::{BytesStart, Event};

use super::{FeedError, line, line_column};
use crate::library::MAX_FIELD;

/// The most feeds listed from one file.
pub const MAX_FEEDS: usize = 100_000;

/// One feed of the list: its title (`title`, else `text`) and address (`xmlUrl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub title: String,
    pub address: String,
}

/// The feeds an OPML document names, in its order: every `<outline>` with an `xmlUrl`, at any
/// depth (folders are outlines holding outlines).
pub fn subscriptions(bytes: &[u8]) -> Result<Vec<Subscription>, FeedError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut found = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            let (line, column) = line_column(bytes, reader.error_position());
            FeedError {
                line: Some(line),
                column: Some(column),
                message: format!("broken XML: {e}"),
            }
        })?;
        match event {
            Event::Eof => break,
            Event::Start(element) | Event::Empty(element) => {
                let name = element.local_name();
                if name.as_ref().eq_ignore_ascii_case("opml") {
                    saw_opml = true;
                } else if name.as_ref().eq_ignore_ascii_case("outline") {
                    if let Some(feed) = subscription(&element) {
                        found.push(feed);
                        if found.len() >= MAX_FEEDS {
                            break;
                        }
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    if !saw_opml {
        return Err(FeedError {
            line: None,
            column: None,
            message: "not an OPML file: no <opml> element".to_string(),
        });
    }
    Ok(found)
}

fn subscription(element: &BytesStart) -> Option<Subscription> {
    let (mut title, mut text, mut address) = (None, None, None);
    for attribute in element.attributes().flatten() {
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| line(&v, MAX_FIELD))
            .unwrap_or_else(|_| line(&attribute.value, MAX_FIELD));
        match attribute.key.local_name().as_ref() {
            "title" => title = Some(value),
            "text" => text = Some(value),
            k if k.eq_ignore_ascii_case("xmlurl") => address = Some(value),
            _ => {}
        }
    }
    let address = address.filter(|a| !a.is_empty())?;
    let title = [title, text]
        .into_iter()
        .flatten()
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| address.clone());
    Some(Subscription { title, address })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_with_an_address_are_the_feeds_at_any_depth() {
        let opml = br#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Mine</title></head><body>
  <outline text="News">
    <outline type="rss" text="Harbour &amp; Tide" xmlUrl="https://ex.org/feed?a=1&amp;b=2"/>
    <outline title="Titled" text="text" xmlUrl="https://ex.org/t.xml"></outline>
  </outline>
  <outline text="no address"/>
  <outline xmlUrl="https://ex.org/bare"/>
</body></opml>"#;
        let feeds = subscriptions(opml).unwrap();
        let pairs: Vec<(&str, &str)> = (feeds.iter())
            .map(|f| (f.title.as_str(), f.address.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Harbour & Tide", "https://ex.org/feed?a=1&b=2"),
                ("Titled", "https://ex.org/t.xml"),
                ("https://ex.org/bare", "https://ex.org/bare"),
            ]
        );
    }

    #[test]
    fn broken_or_foreign_files_are_errors_with_a_place() {
        let error = subscriptions(b"<opml>\n<body>\n<outline></body></opml>").unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
        let error = subscriptions(b"<rss></rss>").unwrap_err();
        assert!(error.message.contains("not an OPML file"));
    }
}

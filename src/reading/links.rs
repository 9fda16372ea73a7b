//! Links in an article: numbered where they appear (`the report[3]`) and listed at the end, so
//! they can be opened or copied by number from the keyboard.
//!
//! Links come from the parsers (Markdown and HTML link text, with its address) and from the text
//! itself (a bare `https://…`). Addresses are made printable ASCII once, here: they are shown,
//! passed to a browser and written into an OSC 52 escape sequence, and nothing an article holds
//! may reach the terminal as a control character.

use std::collections::HashMap;

use crate::article::{Block, Body, Inline, Span};

/// The most links an article numbers; past it, link text stays as plain text. A page of
/// 100,000 links would otherwise end in a list of 100,000 lines nobody opens by number.
pub const MAX_LINKS: usize = 10_000;

/// The addresses numbered so far, in order, with each one's number found in constant time.
#[derive(Default)]
struct Numbering {
    addresses: Vec<String>,
    numbers: HashMap<String, usize>,
}

impl Numbering {
    /// `[n]` for `address`, numbering it if it is new; `None` past [`MAX_LINKS`].
    fn reference(&mut self, address: &str) -> Option<Span> {
        let n = match self.numbers.get(address) {
            Some(&n) => n,
            None if self.addresses.len() >= MAX_LINKS => return None,
            None => {
                self.addresses.push(address.to_string());
                self.numbers
                    .insert(address.to_string(), self.addresses.len());
                self.addresses.len()
            }
        };
        Some(Span::new(format!("[{n}]"), Inline::Reference))
    }
}

/// Numbers the links of `body`: each gets `[n]` after it (the same address, the same number),
/// and a "Links" list closes the body. Returns the new body and the addresses, `n - 1` indexed.
///
/// Only web and mail addresses are numbered (`http`, `https`, `mailto`): they are what `o`
/// hands to a browser, and an article must not hand it a file, a program's scheme or an option.
/// Relative addresses are resolved against `base`, the article's own address, when it has one.
///
/// The body is taken, not copied: a 16 MB article's text is moved into the numbered body.
pub fn number(body: Body, base: Option<&str>) -> (Body, Vec<String>) {
    let base = base.and_then(|b| url::Url::parse(b).ok());
    let mut numbering = Numbering::default();
    let mut blocks = body.blocks;
    for block in &mut blocks {
        for spans in block.runs_mut() {
            *spans = number_spans(std::mem::take(spans), base.as_ref(), &mut numbering);
        }
    }
    let links = numbering.addresses;
    if !links.is_empty() {
        blocks.push(Block::Heading(vec![Span::new("Links", Inline::Plain)]));
        for (n, address) in links.iter().enumerate() {
            blocks.push(Block::Item {
                marker: format!("[{}]", n + 1),
                depth: 0,
                spans: vec![Span::link(address.clone(), address.clone())],
            });
        }
    }
    (Body { blocks }, links)
}

fn number_spans(spans: Vec<Span>, base: Option<&url::Url>, links: &mut Numbering) -> Vec<Span> {
    // One number for a link's whole text, though a line break or code split it: whether each
    // link's text goes on in the next span that is not blank.
    let continues: Vec<bool> = (0..spans.len())
        .map(|i| {
            spans[i].link.is_some() && {
                let next = spans[i + 1..]
                    .iter()
                    .find(|s| s.link.is_some() || !s.text.trim().is_empty());
                next.is_some_and(|n| n.link == spans[i].link)
            }
        })
        .collect();
    let mut out = Vec::with_capacity(spans.len());
    for (span, continues) in spans.into_iter().zip(continues) {
        match span.link.as_deref().and_then(|a| web_address(a, base)) {
            Some(address) => {
                let reference = if continues {
                    None
                } else {
                    links.reference(&address)
                };
                // Past the cap a link is text: no colour, no number, nothing to open.
                let numbered = continues || reference.is_some();
                out.push(Span {
                    link: numbered.then_some(address),
                    ..span
                });
                out.extend(reference);
            }
            None if span.link.is_some() => out.push(Span { link: None, ..span }),
            None if span.style == Inline::Code => out.push(span),
            None => bare_links(span, links, &mut out),
        }
    }
    out
}

/// An article's own address as `O` opens it: printable, and only a web address.
pub fn own_address(url: &str) -> Option<String> {
    web_address(url, None).filter(|a| a.starts_with("http"))
}

/// The printable address a link opens, if it is a web or mail address (resolved against
/// `base` when relative); `None` for anchors, scripts, files and anything else.
fn web_address(address: &str, base: Option<&url::Url>) -> Option<String> {
    let address = address.trim();
    let parsed = match url::Url::parse(address) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) if !address.starts_with('#') => {
            base?.join(address).ok()?
        }
        Err(_) => return None,
    };
    matches!(parsed.scheme(), "http" | "https" | "mailto").then(|| printable(parsed.as_str()))
}

/// Splits the bare addresses (`https://…`, `http://…`) out of a span of text.
fn bare_links(span: Span, links: &mut Numbering, out: &mut Vec<Span>) {
    if find_scheme(&span.text).is_none() {
        out.push(span);
        return;
    }
    let text = &span.text;
    let mut rest = 0;
    let mut search = 0;
    while let Some(found) = find_scheme(&text[search..]) {
        let start = search + found;
        let len = text[start..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - start);
        // Sentence punctuation after an address is not part of it; a closing bracket is, when
        // the address opened one (`…/Rust_(programming_language)`).
        let mut address = &text[start..start + len];
        // Brackets are counted once: trimming punctuation never removes one, and each
        // unbalanced closer removed is counted off, so this is linear in the address.
        let count = |c: char| address.matches(c).count();
        let mut parens = (count('('), count(')'));
        let mut squares = (count('['), count(']'));
        loop {
            let trimmed =
                address.trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '\'', '’', '”']);
            address = if trimmed.ends_with(')') && parens.1 > parens.0 {
                parens.1 -= 1;
                &trimmed[..trimmed.len() - 1]
            } else if trimmed.ends_with(']') && squares.1 > squares.0 {
                squares.1 -= 1;
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if address == trimmed {
                break;
            }
        }
        let end = start + address.len();
        search = end.max(start + 1);
        if address.len() <= "http://".len() || address == "https://" {
            continue;
        }
        let address = printable(address);
        let Some(reference) = links.reference(&address) else {
            break;
        };
        if start > rest {
            out.push(Span::new(&text[rest..start], span.style));
        }
        out.push(Span::link(&text[start..end], address));
        out.push(reference);
        rest = end;
    }
    if rest < text.len() {
        out.push(Span::new(&text[rest..], span.style));
    }
}

/// Where the first `http://` or `https://` in `text` starts: one pass, so finding every
/// address in a text is linear in it.
fn find_scheme(text: &str) -> Option<usize> {
    text.match_indices("http").map(|(i, _)| i).find(|&i| {
        let rest = &text[i + 4..];
        rest.starts_with("://") || rest.starts_with("s://")
    })
}

/// The address with every byte that is not printable ASCII percent-encoded (spaces and
/// non-ASCII letters included), as browsers accept it.
pub fn printable(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for byte in address.trim().bytes() {
        if (0x21..=0x7e).contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn paragraph(spans: Vec<Span>) -> Body {
        Body {
            blocks: vec![Block::Paragraph(spans)],
        }
    }

    #[test]
    fn links_are_numbered_in_place_and_listed_at_the_end() {
        let body = paragraph(vec![
            Span::new("Read ", Inline::Plain),
            Span::link("the report", "https://example.org/report"),
            Span::new(" or https://example.org/data.csv, and ", Inline::Plain),
            Span::link("the report again", "https://example.org/report"),
            Span::new(".", Inline::Plain),
        ]);
        let (numbered, links) = number(body.clone(), None);
        assert_eq!(
            links,
            ["https://example.org/report", "https://example.org/data.csv"]
        );
        assert_eq!(
            numbered.blocks[0].text(),
            "Read the report[1] or https://example.org/data.csv[2], and the report again[1]."
        );
        let texts: Vec<String> = numbered.blocks.iter().map(Block::text).collect();
        assert_eq!(
            texts[1..],
            [
                "Links",
                "https://example.org/report",
                "https://example.org/data.csv"
            ]
        );
        assert!(matches!(&numbered.blocks[3], Block::Item { marker, .. } if marker == "[2]"));
    }

    #[test]
    fn links_in_table_cells_and_images_are_numbered() {
        let cell = |spans: Vec<Span>| spans;
        let body = Body {
            blocks: vec![
                Block::table(
                    vec![cell(vec![Span::new("Source", Inline::Plain)])],
                    vec![vec![cell(vec![Span::link("the data", "https://x.org/d")])]],
                ),
                Block::Paragraph(vec![Span::link("[image: quay]", "q.jpg")]),
                Block::Paragraph(vec![Span::link("[image]", "data:image/png;base64,AAAA")]),
            ],
        };
        let (numbered, links) = number(body, Some("https://x.org/news/"));
        assert_eq!(links, ["https://x.org/d", "https://x.org/news/q.jpg"]);
        assert_eq!(numbered.blocks[0].text(), "Source the data[1]");
        assert_eq!(numbered.blocks[1].text(), "[image: quay][2]");
        // An image written into the page has no address to open.
        assert_eq!(numbered.blocks[2].text(), "[image]");
    }

    #[test]
    fn anchors_scripts_and_code_are_not_links() {
        let body = paragraph(vec![
            Span::link("top", "#top"),
            Span::link("click", "javascript:alert(1)"),
            Span::new("curl https://example.org", Inline::Code),
            Span::new(" and http:// alone", Inline::Plain),
        ]);
        let (numbered, links) = number(body.clone(), None);
        assert!(links.is_empty());
        assert_eq!(numbered.blocks.len(), 1, "no list without links");
    }

    #[test]
    fn only_web_and_mail_addresses_are_links() {
        let body = paragraph(vec![
            Span::link("an option", "--renderer-cmd-prefix=/tmp/x.sh"),
            Span::link("a file", "file:///etc/passwd"),
            Span::link("a share", "smb://host/share"),
            Span::link("relative", "/news/part-2.html"),
            Span::link("mail", "mailto:desk@example.org"),
        ]);
        let (_, links) = number(body.clone(), None);
        assert_eq!(links, ["mailto:desk@example.org"], "relative needs a base");
        let (_, links) = number(body.clone(), Some("https://example.org/news/part-1.html"));
        // Against a web base even the option becomes a harmless page address.
        assert_eq!(
            links,
            [
                "https://example.org/news/--renderer-cmd-prefix=/tmp/x.sh",
                "https://example.org/news/part-2.html",
                "mailto:desk@example.org"
            ]
        );
    }

    #[test]
    fn a_link_split_by_a_line_break_or_code_gets_one_number() {
        let body = paragraph(vec![
            Span::link("the", "https://example.org/r"),
            Span::new(" ", Inline::Plain),
            Span::link("report", "https://example.org/r"),
            Span::new(" and ", Inline::Plain),
            Span::new(
                "https://en.wikipedia.org/wiki/Rust_(programming_language).",
                Inline::Plain,
            ),
        ]);
        let (numbered, links) = number(body.clone(), None);
        assert_eq!(
            numbered.blocks[0].text(),
            "the report[1] and https://en.wikipedia.org/wiki/Rust_(programming_language)[2]."
        );
        assert_eq!(
            links[1],
            "https://en.wikipedia.org/wiki/Rust_(programming_language)"
        );
    }

    #[test]
    fn addresses_become_printable_ascii() {
        assert_eq!(
            printable("https://example.org/café page\u{1b}]52;"),
            "https://example.org/caf%C3%A9%20page%1B]52;"
        );
    }

    #[test]
    fn links_past_the_cap_stay_text() {
        let text: String = (0..MAX_LINKS + 5)
            .map(|i| format!("https://e.org/{i} "))
            .collect();
        let body = paragraph(vec![
            Span::new(text.clone(), Inline::Plain),
            Span::link("one more", "https://e.org/other"),
            Span::link("an old one", "https://e.org/7"),
        ]);
        let (numbered, links) = number(body.clone(), None);
        assert_eq!(links.len(), MAX_LINKS);
        let spans = numbered.blocks[0].spans();
        let plain: String = spans
            .iter()
            .filter(|s| s.style != Inline::Reference)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(plain, format!("{text}one morean old one"), "nothing lost");
        let last = |text: &str| spans.iter().position(|s| s.text == text).unwrap();
        assert_eq!(spans[last("one more")].link, None, "past the cap: text");
        assert_eq!(
            spans[last("an old one") + 1].text,
            "[8]",
            "a numbered address keeps its number"
        );
    }

    #[test]
    fn many_closing_brackets_are_trimmed_to_the_balanced_ones() {
        let text = format!("see https://e.org/a_(b){}", ")".repeat(50_000));
        let (_, links) = number(paragraph(vec![Span::new(text, Inline::Plain)]), None);
        assert_eq!(links, ["https://e.org/a_(b)"]);
        let text = format!("https://e.org/{}", "https://".repeat(20_000));
        let (_, links) = number(paragraph(vec![Span::new(text, Inline::Plain)]), None);
        assert_eq!(links.len(), 1, "one address without spaces is one link");
    }

    proptest! {
        #[test]
        fn numbering_keeps_the_text_and_every_address_is_printable(text in "\\PC{0,200}") {
            let body = paragraph(vec![Span::new(format!("see https://a.example/{text} then"), Inline::Plain)]);
            let (numbered, links) = number(body.clone(), None);
            let without_refs: String = numbered.blocks[0]
                .spans()
                .iter()
                .filter(|s| s.style != Inline::Reference)
                .map(|s| s.text.as_str())
                .collect();
            prop_assert_eq!(without_refs, body.blocks[0].text());
            for link in links {
                prop_assert!(link.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{link:?}");
            }
        }
    }
}

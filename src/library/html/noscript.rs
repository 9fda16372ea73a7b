//! What a page shows only to a browser without scripts (`<noscript>`): lazy-loading sites put
//! their images there, and a few sites their whole article.
//!
//! scraper parses `<noscript>` as a browser with scripts does, as raw text, so what is inside
//! is never an element. Before parsing, the body's `<noscript>` tags are renamed ([`NOSCRIPT`])
//! so their content is parsed as any other markup; the walker reads it only when it is not
//! said elsewhere on the page: an image with no lazy twin just before or after it, or a
//! passage of text that the page does not repeat outside and that does not ask for JavaScript.
//! The tags in the `<head>` are left alone: they hold tracking pixels and styles, and an
//! element there would end the head early.
//!
//! Scoring's parser reads `<noscript>` as markup already, and `dom_smoothie` drops every one:
//! those the walker would read are made ordinary elements first ([`show_for_scoring`]), so
//! they stay in the part it chooses.

use std::borrow::Cow;

use scraper::ElementRef;

use super::{Kind, Visit, kind, walk};
use crate::article::sanitize::one_line;

/// The name a `<noscript>` of the body is parsed under.
pub(super) const NOSCRIPT: &str = "byline-noscript";

/// Fewer characters of text than this in a `<noscript>`, and it holds a notice, not an article.
const MIN_TEXT: usize = 200;

/// `text` with the `<noscript>` and `</noscript>` tags after its `<body>` (or everywhere, when
/// it has none) renamed to [`NOSCRIPT`]; borrowed when there are none.
pub(super) fn unveil(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let body = find_tag(bytes, 0, b"body").unwrap_or(0);
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = body;
    while let Some(at) = find_tag(bytes, from, b"noscript") {
        // `at` is the `<` or `</` before the name.
        let name = at + if bytes[at + 1] == b'/' { 2 } else { 1 };
        let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 64));
        out.push_str(&text[copied..name]);
        out.push_str(NOSCRIPT);
        copied = name + "noscript".len();
        from = copied;
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    }
}

/// Where the next tag named `name` (start or end, in any case) starts at or after `from`.
fn find_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(offset) = bytes.get(i..)?.iter().position(|&b| b == b'<') {
        let at = i + offset;
        let start = at + 1 + usize::from(bytes.get(at + 1) == Some(&b'/'));
        let end = start + name.len();
        let named = bytes
            .get(start..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        let ends = bytes
            .get(end)
            .is_none_or(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
        if named && ends {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// How many characters of a `<noscript>`'s text are looked at.
const LOOKED_AT: usize = 400;

/// How many elements inside a `<noscript>` are looked at for an image.
const LOOKED_INTO: usize = 64;

/// The most `<noscript>`s whose text is looked for in the rest of the page; later ones are not
/// read unless they hold an image.
const CHECKS: usize = 16;

/// The text of a walk's content outside its `<noscript>`s, read the first time a `<noscript>`
/// asks, so a page without them costs nothing.
pub(super) struct Outside<'a> {
    content: ElementRef<'a>,
    text: Option<String>,
    checks_left: usize,
}

impl<'a> Outside<'a> {
    pub(super) fn new(content: ElementRef<'a>) -> Self {
        Self {
            content,
            text: None,
            checks_left: CHECKS,
        }
    }

    /// True when the text outside `<noscript>`s holds `key`, or [`CHECKS`] were made already.
    fn says(&mut self, key: &str) -> bool {
        if self.checks_left == 0 {
            return true;
        }
        self.checks_left -= 1;
        let content = self.content;
        let text = self.text.get_or_insert_with(|| {
            let mut text = String::new();
            walk(content, |visit| match visit {
                Visit::Open(e) => !matches!(e.value().name(), "script" | "style" | NOSCRIPT),
                Visit::Text(t) => {
                    text.push_str(t);
                    true
                }
                Visit::Close(_) => true,
            });
            one_line(&text)
        });
        text.contains(key)
    }
}

/// Whether to read a renamed `<noscript>`: it holds an image with no twin beside it (the lazy
/// `<img>` a script fills in), or at least [`MIN_TEXT`] characters of text that do not ask for
/// JavaScript and that the page does not say `outside` it.
pub(super) fn worth_reading(element: ElementRef<'_>, outside: &mut Outside<'_>) -> bool {
    let has_image = |e: ElementRef<'_>| {
        e.descendants()
            .filter_map(ElementRef::wrap)
            .take(LOOKED_INTO)
            .map(|d| d.value())
            .any(|d| d.name() == "img" && !is_pixel(d.attr("width"), d.attr("height")))
    };
    if has_image(element) {
        let before = element.prev_siblings().find_map(ElementRef::wrap);
        let after = element.next_siblings().find_map(ElementRef::wrap);
        return !before.into_iter().chain(after).any(has_image);
    }
    let mut text = String::new();
    walk(element, |visit| match visit {
        Visit::Open(e) => text.len() < LOOKED_AT && (e == element || kind(e.value()) != Kind::Skip),
        Visit::Text(t) if text.len() < LOOKED_AT => {
            text.push_str(t);
            true
        }
        _ => true,
    });
    let text = one_line(&text);
    is_passage(&text) && !outside.says(&key(&text))
}

/// True for the size of a tracking pixel: 1 by 1, or 0, wide or high.
pub(super) fn is_pixel(width: Option<&str>, height: Option<&str>) -> bool {
    let tiny = |v: Option<&str>| v.is_some_and(|v| matches!(v.trim(), "0" | "1" | "0px" | "1px"));
    tiny(width) || tiny(height)
}

/// True for the text of a `<noscript>` (cleaned to one line) that may be the article's: long
/// enough, and not a notice asking for JavaScript.
fn is_passage(text: &str) -> bool {
    text.chars().filter(|c| !c.is_whitespace()).count() >= MIN_TEXT
        && !text.to_lowercase().contains("javascript")
}

/// What of a passage is looked for elsewhere: its opening.
fn key(text: &str) -> String {
    text.chars().take(80).collect()
}

/// Makes the `<noscript>`s of `document` that the walker would read ordinary elements, so
/// scoring, which drops every `<noscript>` (its parser reads them as markup), sees them too.
/// The same rules hold: an image with no twin beside it, or a passage said nowhere else.
pub(super) fn show_for_scoring(document: &dom_query::Document) {
    let is_image = |node: &dom_query::NodeRef<'_>| {
        node.has_name("img")
            && !is_pixel(
                node.attr("width").as_deref(),
                node.attr("height").as_deref(),
            )
    };
    let has_image = |node: &dom_query::NodeRef<'_>| {
        is_image(node)
            || node
                .descendants_it()
                .take(LOOKED_INTO)
                .any(|d| is_image(&d))
    };
    let mut page_text: Option<String> = None;
    let mut checks_left = CHECKS;
    // Only the outermost: each one's text is then read once, however they nest.
    let noscripts = document.select("noscript");
    let outermost = (noscripts.nodes().iter())
        .filter(|n| !n.ancestors_it(None).any(|a| a.has_name("noscript")))
        .collect::<Vec<_>>();
    for node in outermost {
        if has_image(node) {
            let beside = [node.prev_element_sibling(), node.next_element_sibling()];
            if !beside.iter().flatten().any(has_image) {
                node.rename("span");
            }
            continue;
        }
        let text: String = node.text().chars().take(LOOKED_AT).collect();
        let text = one_line(&text);
        if !is_passage(&text) || checks_left == 0 {
            continue;
        }
        checks_left -= 1;
        // The page's text holds the passage once, in this `<noscript>`, unless said elsewhere.
        let page_text = page_text.get_or_insert_with(|| one_line(&document.select("body").text()));
        if page_text.matches(&key(&text)).count() < 2 {
            node.rename("div");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::super::tests::body;
    use super::*;
    use crate::article::Block;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(Block::text).collect()
    }

    /// A paragraph of `words` words.
    fn words(words: usize) -> String {
        let text = "the ferry will run every hour from the harbour in summer "
            .split(' ')
            .cycle()
            .take(words)
            .collect::<Vec<_>>()
            .join(" ");
        format!("<p>{text}.</p>")
    }

    #[test]
    fn only_the_bodys_noscript_tags_are_renamed() {
        let page = "<head><NOSCRIPT><img src=pixel></noscript></head>\
                    <body><noscript class=a>x</NoScript ><noscripts><noscript/></body>";
        assert_eq!(
            unveil(page),
            "<head><NOSCRIPT><img src=pixel></noscript></head>\
             <body><byline-noscript class=a>x</byline-noscript ><noscripts><byline-noscript/></body>"
        );
        assert!(matches!(unveil("<p>No scripts here</p>"), Cow::Borrowed(_)));
        assert_eq!(unveil("<noscript>x<"), "<byline-noscript>x<");
    }

    #[test]
    fn an_article_only_inside_noscript_is_read() {
        let blocks = body(&format!(
            "<div id=app></div><noscript><h2>The plan</h2>{}{}</noscript>",
            words(40),
            words(30)
        ));
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert_eq!(blocks[0].text(), "The plan");
        assert!(matches!(blocks[0], Block::Heading(_)));
    }

    #[test]
    fn what_noscript_repeats_or_asks_is_not_read() {
        // The page says it outside too (a server-rendered page with a fallback copy).
        let paragraph = words(50);
        let blocks = body(&format!("{paragraph}<noscript>{paragraph}</noscript>"));
        assert_eq!(blocks.len(), 1);
        // A notice, short or long.
        let blocks = body(&format!(
            "{}<noscript><p>Please enable JavaScript to view the comments.</p></noscript>\
             <noscript>For full functionality, enable JavaScript. {}</noscript>",
            words(10),
            words(60)
        ));
        assert_eq!(blocks.len(), 1, "{:?}", texts(&blocks));
    }

    #[test]
    fn a_lazy_image_and_its_noscript_fallback_are_one_image() {
        let blocks = body(
            "<p>Before <img class=lazy data-src='q.jpg' alt='Quay'>\
             <noscript><img src='q.jpg' alt='Quay'></noscript> after.</p>",
        );
        assert_eq!(texts(&blocks), ["Before [image: Quay] after."]);
        let blocks = body(
            "<noscript><img src='q.jpg' alt='Quay'></noscript><div><img data-src='q.jpg'></div>",
        );
        assert_eq!(texts(&blocks), ["[image]"]);
        // An image that is only in a noscript is read, in its figure.
        let blocks = body(
            "<figure><div class=placeholder></div><noscript><img src='q.jpg' alt='Quay'>\
             </noscript><figcaption>The quay</figcaption></figure>",
        );
        assert_eq!(texts(&blocks), ["[image: The quay]"]);
        assert_eq!(blocks[0].spans()[0].link.as_deref(), Some("q.jpg"));
    }

    #[test]
    fn an_image_only_in_noscript_is_read_in_the_chosen_article_too() {
        // Long enough to be scored and chosen, so it is read from scoring's choice.
        let blocks = body(&format!(
            "<nav><a href='/'>Home</a></nav><article>{}<figure><div class=lazy></div>\
             <noscript><img src='q.jpg' alt='Quay'></noscript><figcaption>The quay</figcaption>\
             </figure>{}</article>",
            words(60).repeat(3),
            words(60).repeat(3)
        ));
        let images: Vec<&Block> = blocks
            .iter()
            .filter(|b| b.text().starts_with("[image"))
            .collect();
        assert_eq!(images.len(), 1, "{:?}", texts(&blocks));
        assert_eq!(images[0].text(), "[image: The quay]");
    }

    #[test]
    fn tracking_pixels_and_frames_in_noscript_stay_out() {
        let blocks = body(&format!(
            "{}<noscript><img src='https://x.org/p.gif' width=1 height=1>\
             <iframe src='https://x.org/tag'></iframe></noscript>",
            words(10)
        ));
        assert_eq!(blocks.len(), 1, "{:?}", texts(&blocks));
    }
}

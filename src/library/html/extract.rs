//! Which part of a page is its article: chosen by scoring, as Readability does, with byline's
//! own checks around the choice.
//!
//! `dom_smoothie` (a Rust port of Mozilla's Readability) scores the page's blocks by their text,
//! commas, link density and class and id hints, and gives the best subtree with its siblings,
//! cleaned of share, comment and related widgets. byline reads that subtree with its own walker
//! (`body.rs`), so sanitising, links, tables, notes and every cap stay as they are. Around it:
//!
//! - a choice that is short, or mostly links, gives way to the element that plainly holds the
//!   article (`<article>`, else `<main>`, else `<body>`) when that reads better;
//! - elements whose class or id names boilerplate (share bars, newsletter and related boxes,
//!   author cards) are left out of the choice, and a tail of such blocks at its end is cut;
//! - a page too large to score (over [`MAX_ELEMENTS`] elements) keeps the plain choice.
//!
//! Scoring never sees more than the depth-limited text (`depth.rs`), so its walks are as bounded
//! as the walker's.

use scraper::Html;
use scraper::node::Element;

use crate::article::{Block, Body, Inline};

/// Pages with more elements than this are not scored: scoring walks the tree several times, and
/// real pages have a few thousand.
const MAX_ELEMENTS: usize = 60_000;

/// Fewer characters of text than this (a short paragraph), and the chosen article may be a
/// teaser or a notice. Characters, not words: Chinese and Japanese are not written in words.
const SHORT_CHARS: usize = 250;

/// A choice with more of its text in links than this is a list of links, not an article.
const LINK_HEAVY: f64 = 0.5;

/// The article's part of `text` (a whole page, depth-limited) as Readability's scoring chooses
/// it, parsed; `None` when it finds none or the page is too large to score.
pub(super) fn choose(text: &str) -> Option<Html> {
    let config = dom_smoothie::Config {
        // byline reads metadata itself, from more places; classes tell boilerplate apart.
        disable_json_ld: true,
        keep_classes: true,
        max_elements_to_parse: MAX_ELEMENTS,
        ..dom_smoothie::Config::default()
    };
    let document = dom_query::Document::from(text);
    keep_alignment(&document);
    let mut readability =
        dom_smoothie::Readability::with_document(document, None, Some(config)).ok()?;
    let article = readability.parse();
    let article = article.ok()?;
    Some(Html::parse_fragment(&article.content))
}

/// Where a cell's `style` and `align` are kept through Readability's cleaning, which drops both.
pub(super) const KEPT_STYLE: &str = "data-byline-style";
pub(super) const KEPT_ALIGN: &str = "data-byline-align";

/// Copies the `style` and `align` of table cells and columns to attributes that Readability's
/// cleaning leaves alone, so the chosen part's tables keep their alignment.
fn keep_alignment(document: &dom_query::Document) {
    for cell in document.select("td, th, col").iter() {
        for (said, kept) in [("style", KEPT_STYLE), ("align", KEPT_ALIGN)] {
            if let Some(value) = cell.attr(said) {
                cell.set_attr(kept, &value);
            }
        }
    }
}

/// The better of the scored choice and the plain one: the scored one unless it is short (a
/// page too small to score, a teaser) or mostly links and the plain one is not.
pub(super) fn better(chosen: Body, plain: Body) -> Body {
    let (chars, links) = measure(&chosen);
    let (plain_chars, plain_links) = measure(&plain);
    let density = |links: usize, chars: usize| links as f64 / chars.max(1) as f64;
    let short = chars < SHORT_CHARS && plain_chars > 0;
    let link_heavy =
        density(links, chars) > LINK_HEAVY && density(plain_links, plain_chars) <= LINK_HEAVY;
    if short || link_heavy { plain } else { chosen }
}

/// Characters of text in a body (spaces left out), and how many of them are in links.
fn measure(body: &Body) -> (usize, usize) {
    let (mut chars, mut links) = (0, 0);
    for block in &body.blocks {
        for span in block.runs().into_iter().flatten() {
            let n = span.text.chars().filter(|c| !c.is_whitespace()).count();
            chars += n;
            if span.style == Inline::Link || span.link.is_some() {
                links += n;
            }
        }
    }
    (chars, links)
}

/// Parts of class and id names that mark what is never the article, inside the chosen part.
const BOILERPLATE: &[&str] = &[
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "related",
    "recommended",
    "promo",
    "author-bio",
    "author-box",
    "authorbox",
    "author-card",
    "bio-box",
    "comments",
    "paywall",
    "cookie",
    "advert",
    "more-stories",
    "read-more",
    "readmore",
];

/// True when `element`'s class or id names boilerplate (`share-bar`, `related_links`,
/// `newsletter`): a part of a name between `-`, `_`, digits or its ends matches, so
/// `shareholders` and `unrelated` do not.
pub(super) fn is_boilerplate(element: &Element) -> bool {
    let names = element.attr("class").into_iter().chain(element.attr("id"));
    names.flat_map(str::split_ascii_whitespace).any(|name| {
        let name = name.to_ascii_lowercase();
        BOILERPLATE.iter().any(|b| {
            name.match_indices(b).any(|(at, _)| {
                let before = name[..at].chars().next_back();
                let after = name[at + b.len()..].chars().next();
                let edge = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphabetic());
                edge(before) && edge(after)
            })
        })
    })
}

/// Lines that open a tail of boilerplate at the end of an article.
const TAIL_OPENERS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related posts",
    "read more",
    "read next",
    "more from",
    "more stories",
    "more on this",
    "recommended",
    "you may also like",
    "you might also like",
    "share this",
    "share this article",
    "share this story",
    "share on",
    "follow us",
    "sign up",
    "subscribe",
    "about the author",
    "comments",
    "leave a comment",
];

/// Cuts a tail of boilerplate from the end of `body`: a short block that opens one (`Related
/// stories`, `Share this article`, `Sign up for our newsletter`) in the last fifth of the text,
/// and everything after it.
pub(super) fn cut_tail(body: &mut Body) {
    let words: Vec<usize> = body
        .blocks
        .iter()
        .map(|b| b.text().split_whitespace().count())
        .collect();
    let total: usize = words.iter().sum();
    let mut after = 0;
    let mut cut = None;
    for (i, block) in body.blocks.iter().enumerate().rev() {
        if after * 5 > total {
            break;
        }
        if words[i] <= 8 && opens_tail(block) {
            cut = Some(i);
        }
        after += words[i];
    }
    if let Some(at) = cut {
        body.blocks.truncate(at);
    }
}

fn opens_tail(block: &Block) -> bool {
    if matches!(block, Block::Table { .. }) {
        return false;
    }
    let text = block.text().to_lowercase();
    let text = text.trim_end_matches([':', '.', '!', ' ']);
    TAIL_OPENERS.iter().any(|opener| {
        text.strip_prefix(opener)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

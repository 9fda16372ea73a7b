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
//! - the article's lead or standfirst, when scoring left it out (it sits in the article's
//!   `<header>`, beside the block that scored best), is put back before the text;
//! - a page too large to score (over [`MAX_ELEMENTS`] elements) keeps the plain choice.
//!
//! Scoring never sees more than the depth-limited text (`depth.rs`), so its walks are as bounded
//! as the walker's.

use scraper::node::Element;
use scraper::{ElementRef, Html};

use super::{Kind, Visit, kind_of, noscript, walk};
use crate::article::sanitize::one_line;
use crate::article::{Block, Body, Inline, Span};

/// Pages with more elements than this are not scored: scoring walks the tree several times, and
/// real pages have a few thousand (the largest of the development pages, a long Wikipedia
/// article, 10,000).
const MAX_ELEMENTS: usize = 20_000;

/// Fewer characters of text than this (a short paragraph), and the chosen article may be a
/// teaser or a notice. Characters, not words: Chinese and Japanese are not written in words.
const SHORT_CHARS: usize = 250;

/// A whole page with more characters of text than this is not a short page: its few lines
/// of article, when scoring finds only those, are not worth its menus.
const SHORT_PAGE_CHARS: usize = 4 * SHORT_CHARS;

/// A choice with more of its text in links than this is a list of links, not an article.
const LINK_HEAVY: f64 = 0.5;

/// The article's part of `text` (a whole page, depth-limited, of `elements` elements) as
/// Readability's scoring chooses it, parsed; `None` when it finds none or the page is too large
/// to score (then it is not parsed a second time either).
pub(super) fn choose(text: &str, elements: usize, title: &str) -> Option<Html> {
    if elements > MAX_ELEMENTS {
        return None;
    }
    let config = dom_smoothie::Config {
        // byline reads metadata itself, from more places; classes tell boilerplate apart.
        disable_json_ld: true,
        keep_classes: true,
        max_elements_to_parse: MAX_ELEMENTS,
        ..dom_smoothie::Config::default()
    };
    let document = dom_query::Document::from(text);
    drop_teasers(&document, title);
    keep_alignment(&document);
    noscript::show_for_scoring(&document);
    let mut readability =
        dom_smoothie::Readability::with_document(document, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    Some(Html::parse_fragment(&article.content))
}

/// Leaves out of scoring the `<article>`s that are teasers of other articles (related posts,
/// a list of the latest): those whose first heading links elsewhere and is not the page's
/// title, when there are two or more of them and the page's `<article>`s hold less than half
/// of its text (else the page is a list of articles, and they are what it says). Their text together can
/// outscore an article laid out in a page builder's many nested blocks.
fn drop_teasers(document: &dom_query::Document, title: &str) {
    // Only the outermost: their texts do not overlap, so reading them is linear in the page.
    let all = document.select("article");
    let articles: Vec<dom_query::Selection> = (all.nodes().iter())
        .filter(|a| {
            !a.ancestors_it(None)
                .any(|up| up.node_name().is_some_and(|n| &*n == "article"))
        })
        .map(|a| dom_query::Selection::from(*a))
        .collect();
    let teasers: Vec<_> = (articles.iter().take(super::MAX_ARTICLES))
        .filter(|article| {
            // An article headed by an `<h1>` is the page's own, linked to itself or not.
            let heading = article.select("h1, h2, h3, h4").first();
            !heading.is("h1")
                && heading.select("a[href]").exists()
                && !super::meta::same_headline(&heading.text(), title)
        })
        .collect();
    let chars = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count();
    let in_articles: usize = articles.iter().map(|a| chars(&a.text())).sum();
    // The page's text, not what its JSON-LD and styles hold.
    let hidden = chars(&document.select("body script, body style").text());
    let in_page = chars(&document.select("body").text()).saturating_sub(hidden);
    if teasers.len() >= 2 && 2 * in_articles < in_page {
        for teaser in teasers {
            teaser.remove();
        }
    }
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
/// page too small to score, a teaser) or mostly links and the plain one is not. The plain one
/// is read only when the scored one is in doubt.
///
/// When the plain choice is the whole page (no `<article>` or `<main>`), a short scored choice
/// gives way to it only on a page that is short itself: a paywalled page's one-paragraph
/// teaser is the article, and the rest of the page its menus.
pub(super) fn better(chosen: Body, plain: impl FnOnce() -> Body, whole_page: bool) -> Body {
    let (chars, links) = measure(&chosen);
    let density = |links: usize, chars: usize| links as f64 / chars.max(1) as f64;
    let (short, link_heavy) = (chars < SHORT_CHARS, density(links, chars) > LINK_HEAVY);
    if !short && !link_heavy {
        return chosen;
    }
    let plain = plain();
    let (plain_chars, plain_links) = measure(&plain);
    let plain_short = !whole_page || plain_chars <= SHORT_PAGE_CHARS;
    let plain_better = (short && plain_chars > 0 && plain_short)
        || (link_heavy && density(plain_links, plain_chars) <= LINK_HEAVY);
    if plain_better { plain } else { chosen }
}

/// True for a body longer than a short page: an article, not a teaser of one.
pub(super) fn is_long(body: &Body) -> bool {
    measure(body).0 > SHORT_PAGE_CHARS
}

/// True when `body` is about `part`: holds most of its words, and no more than as much again
/// besides.
pub(super) fn is_about(body: &Body, part: &Body) -> bool {
    covers(body, part) && measure(body).0 <= 2 * measure(part).0
}

/// True when `body` holds most of `part`'s words: at least half of the distinct words of five
/// letters or more of its text (short words are in every text), as when an article chosen
/// from a page of several is checked against the one its title heads.
pub(super) fn covers(body: &Body, part: &Body) -> bool {
    let words = |body: &Body| -> std::collections::HashSet<String> {
        let mut words = std::collections::HashSet::new();
        for block in &body.blocks {
            for span in block.runs().into_iter().flatten() {
                words.extend(super::meta::words(&span.text).filter(|w| w.chars().count() >= 5));
            }
        }
        words
    };
    let (held, wanted) = (words(body), words(part));
    wanted.is_empty() || 2 * wanted.iter().filter(|w| held.contains(*w)).count() >= wanted.len()
}

/// Characters of text in a body (spaces left out), and how many of them are in links. An
/// image's placeholder, a figure's caption with it, links to the image but is not a link to
/// another page.
fn measure(body: &Body) -> (usize, usize) {
    let (mut chars, mut links) = (0, 0);
    for block in &body.blocks {
        for span in block.runs().into_iter().flatten() {
            let n = span.text.chars().filter(|c| !c.is_whitespace()).count();
            chars += n;
            let image = span.text.starts_with("[image");
            if !image && (span.style == Inline::Link || span.link.is_some()) {
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
/// `shareholders` and `unrelated` do not. An id made from the element's heading (a section
/// `id="sharing-with-a-single-developer"` titled "Sharing with a single developer", as Sphinx,
/// pandoc and static site generators write them) names the section, not a widget.
pub(super) fn is_boilerplate(element: ElementRef<'_>) -> bool {
    let el = element.value();
    if el.name() == "p" && holds_at_least(element, PARAGRAPH_CHARS) {
        // A paragraph of text is not a widget, whatever its class: sites with a meter mark
        // every paragraph after the first `paywall`.
        return false;
    }
    let id = el.attr("id").filter(|id| !names_its_heading(element, id));
    let names = el.attr("class").into_iter().chain(id);
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

/// A `<p>` with this many bytes of text or more is a paragraph, not a share prompt.
const PARAGRAPH_CHARS: usize = 80;

/// Whether `element` holds `bytes` bytes of text or more (reading no more than that).
fn holds_at_least(element: ElementRef<'_>, bytes: usize) -> bool {
    let mut read = 0;
    element.text().any(|t| {
        read += t.len();
        read >= bytes
    })
}

/// True when `id` is the slug of the heading among `element`'s first few children: the same
/// words, perhaps with a number after them (`evolve-2`).
fn names_its_heading(element: ElementRef<'_>, id: &str) -> bool {
    let heading = element
        .child_elements()
        .take(3)
        .find(|c| matches!(c.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
    let Some(heading) = heading else {
        return false;
    };
    let words = |text: &str| -> Vec<String> { super::meta::words(text).collect() };
    let mut text = String::new();
    for t in heading.text() {
        if text.len() > 300 {
            return false;
        }
        text.push_str(t);
    }
    let (mut slug, title) = (words(id), words(&text));
    if slug.len() == title.len() + 1
        && slug
            .last()
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
    {
        slug.pop();
    }
    !title.is_empty() && slug == title
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
    "comments are closed",
    "leave a comment",
    "load more",
    // German
    "ähnliche beiträge",
    "ähnliche artikel",
    "das könnte sie auch interessieren",
    "mehr zum thema",
    "weitere artikel",
    "artikel teilen",
    "kommentare",
    "kommentar schreiben",
    "kommentare schreiben",
    "kommentare geschlossen",
    "hinterlasse einen kommentar",
    "schreibe einen kommentar",
    "lade weitere inhalte",
    // French
    "à lire aussi",
    "lire aussi",
    "articles similaires",
    "commentaires",
    "laisser un commentaire",
    // Spanish
    "artículos relacionados",
    "noticias relacionadas",
    "comentarios",
    "deja un comentario",
];

/// Lines that only say an advertisement is there, or that the story goes on after one,
/// wherever they stand.
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertisement - scroll to continue",
    "story continues below advertisement",
    "continue reading the main story",
    "story continues below",
    "skip advertisement",
    "sponsored",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
];

/// Cuts a tail of boilerplate from the end of `body`: a short block that opens one (`Related
/// stories`, `Share this article`, `Sign up for our newsletter`, `Ähnliche Beiträge`) in the
/// last fifth of the text, and everything after it; and drops the lines that only label an
/// advertisement (`Advertisement`, `Anzeige:`) wherever they are.
pub(super) fn cut_tail(body: &mut Body) {
    body.blocks.retain(|block| {
        let text = block.text().to_lowercase();
        !AD_LABELS.contains(&text.trim().trim_end_matches([':', '.', ' ']))
    });
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

/// Parts of class and id names that mark an article's lead or standfirst.
const LEAD_HINTS: &[&str] = &[
    "standfirst",
    "lede",
    "lead",
    "dek",
    "intro",
    "summary",
    "subtitle",
    "subheadline",
    "sub-headline",
    "excerpt",
    "description",
];

/// The most characters of a lead: longer, the element holds more than a standfirst.
const MAX_LEAD_CHARS: usize = 1_000;

/// The most leads put back.
const MAX_LEADS: usize = 3;

/// The lead or standfirst of the article that `body` was chosen from, when scoring left it out:
/// elements named as one (`class="standfirst"`, `article__dek`) in the same `<article>` or
/// `<main>` as the body's first paragraph, before it, and not already in the body.
pub(super) fn lead(root: ElementRef<'_>, body: &Body) -> Vec<Block> {
    let Some(first) = body
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Paragraph(_)) && b.text().split_whitespace().count() >= 8)
    else {
        return Vec::new();
    };
    let key: String = first.text().chars().take(60).collect();
    let mut hinted = Vec::new();
    let mut found = None;
    walk(root, |visit| {
        let Visit::Open(element) = visit else {
            return false;
        };
        let el = element.value();
        // Nothing inside a navigation bar, an aside or a script; nothing after the paragraph.
        if found.is_some() || (kind_of(element) == Kind::Skip && el.name() != "header") {
            return false;
        }
        if el.name() == "p" && one_line(&element.text().collect::<String>()).starts_with(&key) {
            found = Some(element);
            return false;
        }
        if hinted.len() < 16 && el.name() != "h1" && is_hinted(el) {
            hinted.push(element);
        }
        true
    });
    let Some(found) = found else {
        return Vec::new();
    };
    let Some(article) = found
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| matches!(a.value().name(), "article" | "main"))
    else {
        return Vec::new();
    };
    let known: Vec<String> = body.blocks.iter().map(Block::text).collect();
    let mut leads: Vec<Block> = Vec::new();
    for element in hinted {
        if leads.len() == MAX_LEADS || !element.ancestors().any(|a| a.id() == article.id()) {
            continue;
        }
        let mut chars = 0;
        let short = element.text().all(|t| {
            chars += t.len();
            chars <= MAX_LEAD_CHARS
        });
        if !short {
            continue;
        }
        let text = one_line(&element.text().collect::<String>());
        // Already in the body, or in a lead taken (an element inside another that was).
        let repeated = text.contains(&key)
            || known.iter().any(|k| k.contains(&text))
            || leads.iter().any(|l| l.text().contains(&text));
        if text.split_whitespace().count() >= 5 && !repeated {
            leads.push(Block::Paragraph(vec![Span::new(text, Inline::Plain)]));
        }
    }
    leads
}

/// True when `element`'s class or id names a lead (`standfirst`, `article__dek`, `lede-text`).
fn is_hinted(element: &Element) -> bool {
    let names = element.attr("class").into_iter().chain(element.attr("id"));
    names.flat_map(str::split_ascii_whitespace).any(|name| {
        let name = name.to_ascii_lowercase();
        name.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|part| LEAD_HINTS.contains(&part))
            || LEAD_HINTS
                .iter()
                .any(|h| h.contains('-') && name.contains(h))
    })
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use crate::article::{Align, Block};

    /// Paragraphs of ordinary prose, `n` of them, each naming its number.
    fn prose(n: usize) -> String {
        (1..=n)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} of the report, in which the harbour committee, after a long \
                     evening of questions, agreed that the ferry timetable would change in spring, \
                     that the fares would stay as they are, and that the council would pay for it.</p>"
                )
            })
            .collect()
    }

    fn read(body: &str) -> Vec<String> {
        let page = format!(
            "<!DOCTYPE html><html><head><title>Ferry plan</title></head><body>{body}</body></html>"
        );
        let parsed = super::super::parse(&page).unwrap();
        parsed.body.blocks.iter().map(Block::text).collect()
    }

    #[test]
    fn teasers_of_other_articles_do_not_outscore_the_article() {
        // The article in a page builder's nested blocks, a paragraph to each; related posts
        // below, each a teaser whose heading links to it.
        let nested = |p: &str| format!("<div><div><div><div><p>{p}</p></div></div></div></div>");
        let story: String = (1..=10)
            .map(|i| {
                nested(&format!(
                    "Paragraph {i}: the harbour committee met on the quay, and the ferry will \
                     run twice a day from the spring on."
                ))
            })
            .collect();
        let teaser = |n: usize| {
            format!(
                "<article><h2><a href='/p{n}'>Other post {n}</a></h2><p>{}</p></article>",
                "A summer sale, with deals, offers, colours, shoes and bags, all week long. "
                    .repeat(4)
            )
        };
        let teasers: String = (1..=3).map(teaser).collect();
        let texts = read(&format!(
            "<div class='entry'>{story}</div><div>{teasers}</div>"
        ));
        assert!(
            texts.iter().any(|t| t.starts_with("Paragraph 1")),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.contains("summer sale")),
            "{texts:?}"
        );
        // The article itself, its headline linked to itself, is no teaser.
        let own = format!(
            "<article><h1><a href='/ferry'>The harbour reopens</a></h1>{}</article>",
            "<p>The harbour reopened at dawn, with the ferry running twice a day.</p>".repeat(6)
        );
        let texts = read(&format!("{own}<div>{teasers}</div>"));
        assert!(
            texts.iter().any(|t| t.contains("reopened at dawn")),
            "{texts:?}"
        );
        // A page that is a list of articles is its teasers.
        let list: String = (1..=8).map(teaser).collect();
        let texts = read(&format!("<p>Latest posts</p>{list}"));
        assert!(texts.iter().any(|t| t.contains("summer sale")), "{texts:?}");
    }

    #[test]
    fn the_article_is_chosen_by_its_text_not_by_its_tag() {
        // The first <article> is a teaser card; the story is in a <div>.
        let page = format!(
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
             <article class='card'><h3><a href='/other'>Another story</a></h3></article>\
             <div class='story'>{}</div>\
             <div class='share-bar'>Share this on <a href='/fb'>Facebook</a> or by mail, now</div>\
             <div id='comments'><p>First! <a href='/u'>user</a></p></div>",
            prose(6)
        );
        let texts = read(&page);
        assert!(
            texts[0].starts_with("Paragraph 1 of the report"),
            "{texts:?}"
        );
        assert!(texts.iter().any(|t| t.starts_with("Paragraph 6")));
        for absent in ["Another story", "Home", "Share this", "First!"] {
            assert!(
                !texts.iter().any(|t| t.contains(absent)),
                "{absent}: {texts:?}"
            );
        }
    }

    #[test]
    fn the_lead_in_the_articles_header_is_kept() {
        let page = format!(
            "<article><header><h1>Ferry plan</h1>\
             <p class='article__standfirst'>The harbour gets a new timetable, and the fares stay.</p>\
             <span class='byline'>By Ada Writer</span></header>\
             <div class='article-body'>{}</div></article>",
            prose(6)
        );
        let texts = read(&page);
        assert_eq!(
            texts[0],
            "The harbour gets a new timetable, and the fares stay."
        );
        assert!(texts[1].starts_with("Paragraph 1"), "{texts:?}");
        assert_eq!(
            texts
                .iter()
                .filter(|t| t.contains("timetable, and"))
                .count(),
            1
        );
    }

    #[test]
    fn a_tail_of_related_stories_and_sign_ups_is_cut() {
        let page = format!(
            "<div class='story'>{}<h2>Related stories</h2>\
             <p><a href='/a'>Bridge closes for repairs</a></p>\
             <p><a href='/b'>Council votes on budget</a></p></div>",
            prose(8)
        );
        let texts = read(&page);
        assert!(
            texts.last().unwrap().starts_with("Paragraph 8"),
            "{texts:?}"
        );
    }

    #[test]
    fn a_tail_in_another_language_and_advertisement_labels_are_cut() {
        let page = format!(
            "<div class='story'><p>Anzeige:</p>{}<p>Advertisement</p><p>Last words.</p>\
             <p>Continue reading the main story</p><p>A postscript of some length.</p>\
             <h3>Ähnliche Beiträge</h3><p><a href='/a'>Die Brücke ist zu</a></p></div>",
            prose(8)
        );
        let texts = read(&page);
        assert!(
            texts.first().unwrap().starts_with("Paragraph 1"),
            "{texts:?}"
        );
        assert_eq!(
            texts.last().unwrap(),
            "A postscript of some length.",
            "{texts:?}"
        );
        let labels = ["Advertisement", "Continue reading the main story"];
        assert!(
            !texts.iter().any(|t| labels.contains(&t.as_str())),
            "{texts:?}"
        );
    }

    #[test]
    fn a_paragraph_is_not_boilerplate_by_its_class() {
        let long = "Azza lives in the most tightly controlled neighbourhood of the city, and \
                    has done so for twenty years, since the checkpoints went up, the cameras \
                    after them, and the rules about who may walk which street, and when, with \
                    a permit or without one, have changed every year since.";
        let page = format!(
            "<article><h1>Ferry plan</h1><p>{long} {long}</p>{}\
             <div class='paywall-notice'>Subscribe</div><p class='share'>Share this</p>\
             </article>",
            format!("<p class='paywall'>{long}</p>").repeat(6)
        );
        let texts = read(&page);
        assert_eq!(texts.len(), 7, "{texts:?}");
        assert!(texts.iter().all(|t| t.starts_with("Azza")), "{texts:?}");
    }

    #[test]
    fn a_short_teaser_is_kept_over_a_page_of_menus() {
        let menus: String = (0..60)
            .map(|i| format!("<li><a href='/s{i}'>Section number {i}</a> and its notes</li>"))
            .collect();
        let page = format!(
            "<div class='nav'><ul>{menus}</ul></div>\
             <div class='story'><p>The one paragraph a paywalled page shows, before it asks \
             you to subscribe, with a comma, and another.</p><p>More…</p></div>\
             <div class='footer'><ul>{menus}</ul></div>"
        );
        let texts = read(&page);
        assert!(texts[0].starts_with("The one paragraph"), "{texts:?}");
        assert!(texts.len() <= 2, "{texts:?}");
    }

    #[test]
    fn a_short_page_keeps_the_plain_choice() {
        let texts =
            read("<p>Outside.</p><main><p>Main.</p><article><p>Article.</p></article></main>");
        assert_eq!(texts, ["Article."]);
    }

    #[test]
    fn tables_in_the_chosen_part_keep_their_alignment() {
        let page = format!(
            "<div class='story'>{}<table><tr><th>City</th><th align=right>Rain</th></tr>\
             <tr><td>Lisbon</td><td style='text-align: right'>712</td></tr>\
             <tr><td>Faro</td><td style='text-align: right'>450</td></tr></table>{}</div>",
            prose(4),
            prose(2)
        );
        let page = format!(
            "<!DOCTYPE html><html><head><title>Ferry plan</title></head><body>{page}</body></html>"
        );
        let blocks = super::super::parse(&page).unwrap().body.blocks;
        let aligns = blocks.iter().find_map(|b| match b {
            Block::Table { aligns, .. } => Some(aligns.clone()),
            _ => None,
        });
        assert_eq!(aligns, Some(vec![Align::Auto, Align::Right]), "{blocks:?}");
    }

    #[test]
    fn images_and_their_captions_are_not_link_text() {
        use crate::article::{Body, Inline, Span};
        // byline read only the article's header of a page of 30 captioned photographs: their
        // captions, links to the images, made the chosen part look like a list of links.
        let body = Body {
            blocks: vec![
                Block::Paragraph(vec![Span::link(
                    "[image: A long caption of a photograph]",
                    "a.jpg",
                )]),
                Block::Paragraph(vec![
                    Span::new("Text.", Inline::Plain),
                    Span::link("link", "/b"),
                ]),
            ],
        };
        assert_eq!(super::measure(&body), (42, 4));
    }

    #[test]
    fn boilerplate_names_match_whole_parts() {
        let named = |class: &str| {
            let html = Html::parse_fragment(&format!("<div class='{class}'></div>"));
            let div = html
                .root_element()
                .first_child()
                .and_then(scraper::ElementRef::wrap);
            div.is_some_and(super::is_boilerplate)
        };
        assert!(named("share-bar"));
        assert!(named("related_links"));
        assert!(named("Newsletter"));
        assert!(!named("shareholders"));
        assert!(!named("unrelated"));
        assert!(!named("story"));
    }

    #[test]
    fn a_section_named_after_its_heading_is_not_boilerplate() {
        // A Sphinx page lost most of its sections: their ids, made from their headings, said
        // "sharing".
        let section = |id: &str, heading: &str| {
            let html = Html::parse_fragment(&format!(
                "<div class=section id='{id}'><h2>{heading}<a href='#{id}'>¶</a></h2><p>Text.</p></div>"
            ));
            let div = html
                .root_element()
                .first_child()
                .and_then(scraper::ElementRef::wrap);
            div.is_some_and(super::is_boilerplate)
        };
        assert!(!section(
            "sharing-with-a-single-developer",
            "Sharing with a single developer"
        ));
        assert!(!section("related-work-2", "Related work"));
        assert!(section("share-bar", "Share this story"));
        assert!(section("related", "More from the Courier"));
    }
}

//! Saved web pages (`.html`, `.htm`): a page's metadata and the readable text of its article.
//!
//! A saved page holds far more than its article: menus, banners, related links, forms and
//! scripts. Metadata comes first from what the page declares (JSON-LD, Open Graph and `article:`
//! tags, `<meta name>`, Dublin Core, `itemprop`), then from what it shows (`<title>`, `<h1>`, a
//! byline), cleaned in `meta.rs`. The body is the part of the page that scoring chooses
//! (`extract.rs`), or the element that most plainly holds the article (`<article>`, else
//! `<main>`, else `<body>`) when that reads better, leaving out the parts of a page that are
//! never the article (navigation, the site's header, footers, asides, small forms, scripts).
//! Text is set as a browser sets it: whitespace collapsed, block elements as blocks, `<br>` as
//! a break, never guessed at beyond that; a figure is its image and caption as one block
//! (`figure.rs`), and what a page shows only without scripts is read where it says what the page
//! does not say elsewhere (`noscript.rs`).
//!
//! Trees are walked with an explicit stack, never by recursion, so a page nested 100,000 deep is
//! read like any other. Characters that could steer the terminal are dropped here too, since an
//! entity such as `&#27;` decodes to one after the file itself was cleaned.

use std::borrow::Cow;
use std::collections::HashSet;

use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

mod body;
mod depth;
mod extract;
mod figure;
mod meta;
mod noscript;
mod notes;

use self::body::{Start, read_body};
use self::depth::{drop_scripts, limit_depth, limit_formatting};
use self::meta::{JsonLd, Order};
use self::noscript::NOSCRIPT;
use super::FormatError;
use crate::article::sanitize::one_line;
use crate::article::{Inline, Parsed};

/// Parses a saved web page into one article.
///
/// Fails only when the page names no title anywhere (`og:title`, `<title>`, a JSON-LD
/// `headline` or an `<h1>`).
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let text: &str = &drop_scripts(text);
    // Scoring reads the page as it stands; the walker reads what `<noscript>` holds too.
    let shallow = limit_depth(text);
    let limited = limit_formatting(&shallow);
    let unveiled = noscript::unveil(text);
    let (shallow_unveiled, limited_unveiled);
    let walked: &str = if matches!(unveiled, Cow::Borrowed(_)) {
        &limited
    } else {
        shallow_unveiled = limit_depth(&unveiled);
        limited_unveiled = limit_formatting(&shallow_unveiled);
        &limited_unveiled
    };
    let html = Html::parse_document(walked);
    let no_title = || FormatError::new("HTML page without a title");
    let root = html
        .tree
        .root()
        .children()
        .find_map(ElementRef::wrap)
        .ok_or_else(no_title)?;
    let page = Page::scan(root);
    let ld = meta::json_ld(&page.json_ld);

    let title = page.title(&ld).ok_or_else(no_title)?;
    let whole_page = page.article.is_none() && page.main.is_none();
    // A page of several articles (a list, an endless scroll) is about the one headed by its title.
    let titled = page.titled_article(&title);
    let plain = (titled.or(page.article).or(page.main).or(page.body)).unwrap_or(root);
    let plain = || read_body(plain, &title, Start::Page);
    let elements = html.tree.nodes().filter(|n| n.value().is_element()).count();
    let body = match extract::choose(&limited, elements, &title) {
        Some(chosen) => {
            let mut chosen = read_body(chosen.root_element(), &title, Start::Chosen);
            let lead = extract::lead(root, &chosen);
            chosen.blocks.splice(0..0, lead);
            let chosen = extract::better(chosen, plain, whole_page);
            match titled.map(|t| (t, read_body(t, &title, Start::Page))) {
                Some((element, plainly))
                    if extract::is_long(&plainly) && !extract::is_about(&chosen, &plainly) =>
                {
                    // Scored again on its own, for the cleaning scoring does.
                    let scored = extract::choose(&element.html(), elements, &title)
                        .map(|c| {
                            let mut scored = read_body(c.root_element(), &title, Start::Chosen);
                            let lead = extract::lead(root, &scored);
                            scored.blocks.splice(0..0, lead);
                            scored
                        })
                        .filter(|scored| extract::covers(scored, &plainly));
                    scored.unwrap_or(plainly)
                }
                _ => chosen,
            }
        }
        None => plain(),
    };
    Ok(Parsed {
        body,
        author: page.author(&ld),
        date: page.date(&ld),
        url: page.url(),
        source: page.first_meta("og:site_name").or(ld.publisher),
        tags: page.tags(),
        title,
    })
}

/// What one pass over the whole page finds: its metadata and where its article may be.
#[derive(Default)]
struct Page<'a> {
    /// `<meta>` contents by `name` or `property`, lowercased, in document order.
    metas: Vec<(String, &'a str)>,
    title: Option<ElementRef<'a>>,
    h1: Option<ElementRef<'a>>,
    /// The first `<h1>` outside comments and the parts of a page that are never the article,
    /// and how many there are.
    headline: Option<ElementRef<'a>>,
    headlines: usize,
    canonical: Option<&'a str>,
    /// The address of the page's AMP version (`<link rel="amphtml">`).
    amphtml: Option<&'a str>,
    /// The `datetime` (or `data-published`) of the first `<time>` that has one, outside
    /// comments, quotes and the parts of a page that are never the article, and not named as
    /// the day it was published (those are in `published`) or changed (those are left out).
    time: Option<&'a str>,
    /// The first date an element other than `<time>` gives in an attribute (`datetime`,
    /// `data-published`), outside comments and the parts of a page that are never the article.
    time_attr: Option<&'a str>,
    /// The first few elements outside comments and the parts of a page that are never the
    /// article that may state the date in words: a `<time>` without a `datetime`, an element
    /// whose class or id names a date ([`DateName`]).
    dated: Vec<ElementRef<'a>>,
    /// The first few `<time>`s and elements whose class or id says they hold the day the
    /// article was published (`pubdate`, `class="published-date"`), as `dated`.
    published: Vec<ElementRef<'a>>,
    /// As `time` and `dated`, inside an `<aside>` or a `<header>` that is not the article's
    /// (a byline in a side column), for pages that say it nowhere else.
    time_aside: Option<&'a str>,
    dated_aside: Vec<ElementRef<'a>>,
    /// `<time>`s named as the day the page changed (`class="updated"`), which many themes put
    /// on the day it was published too: for pages that say nothing else.
    changed: Vec<ElementRef<'a>>,
    /// The text of each JSON-LD block, up to [`meta::MAX_JSON_LD`] bytes in all.
    json_ld: Vec<String>,
    /// The `<html>`'s `lang`.
    lang: Option<&'a str>,
    /// The first elements marked `itemprop="datePublished"` and `itemprop="author"`.
    itemprop_date: Option<ElementRef<'a>>,
    itemprop_author: Option<ElementRef<'a>>,
    rel_author: Option<ElementRef<'a>>,
    /// The first link to a page of the site's about one of its writers (`/author/di-writer/`).
    author_link: Option<ElementRef<'a>>,
    class_author: Option<ElementRef<'a>>,
    class_byline: Option<ElementRef<'a>>,
    /// The first few elements whose class or id has `byline` or `author` as a part
    /// (`pb-byline`, `author_name`, `c-byline__author`).
    bylines: Vec<ElementRef<'a>>,
    /// The first `<article>` and `<main>` outside the parts of a page that are never the article.
    article: Option<ElementRef<'a>>,
    /// The first [`MAX_ARTICLES`] `<article>`s there, for pages that hold several.
    articles: Vec<ElementRef<'a>>,
    main: Option<ElementRef<'a>>,
    body: Option<ElementRef<'a>>,
}

impl<'a> Page<'a> {
    fn scan(root: ElementRef<'a>) -> Self {
        let mut page = Page::default();
        // How many elements that are never the article, or are comments, enclose the current one.
        let mut aside = 0usize;
        // How many of those are not an `<aside>` or `<header>`.
        let mut chrome = 0usize;
        let mut comments = 0usize;
        // How many quotes enclose it: a quoted post's date is not the article's.
        let mut quotes = 0usize;
        walk(root, |visit| match visit {
            Visit::Open(element) => {
                let el = element.value();
                if el.name() == "script" {
                    page.note_script(element);
                }
                if matches!(
                    el.name(),
                    "script"
                        | "style"
                        | "noscript"
                        | NOSCRIPT
                        | "template"
                        | "svg"
                        | "math"
                        | "iframe"
                ) {
                    return false;
                }
                if kind_of(element) == Kind::Skip && !is_article_header(element) {
                    aside += 1;
                    if !is_side(el) {
                        chrome += 1;
                    }
                }
                if is_comments(el) {
                    comments += 1;
                }
                if el.name() == "blockquote" {
                    quotes += 1;
                }
                let place = Place {
                    in_content: aside == 0,
                    in_aside: chrome == 0,
                    outside_comments: comments == 0,
                    in_quote: quotes > 0,
                };
                page.note(element, place);
                true
            }
            Visit::Close(element) => {
                if kind_of(element) == Kind::Skip && !is_article_header(element) {
                    aside = aside.saturating_sub(1);
                    if !is_side(element.value()) {
                        chrome = chrome.saturating_sub(1);
                    }
                }
                if is_comments(element.value()) {
                    comments = comments.saturating_sub(1);
                }
                if element.value().name() == "blockquote" {
                    quotes = quotes.saturating_sub(1);
                }
                true
            }
            Visit::Text(_) => true,
        });
        page
    }

    /// Keeps the text of a JSON-LD block, within the page's allowance.
    fn note_script(&mut self, element: ElementRef<'a>) {
        let is_ld = element
            .value()
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        let used: usize = self.json_ld.iter().map(String::len).sum();
        if is_ld && used < meta::MAX_JSON_LD {
            let mut text = String::new();
            for t in element.text() {
                if used + text.len() + t.len() > meta::MAX_JSON_LD {
                    return;
                }
                text.push_str(t);
            }
            self.json_ld.push(text);
        }
    }

    /// Records what `element`, at `place`, tells about the page.
    fn note(&mut self, element: ElementRef<'a>, place: Place) {
        let Place {
            in_content,
            in_aside,
            outside_comments,
            in_quote,
        } = place;
        let el = element.value();
        if let Some(prop) = el.attr("itemprop") {
            if has_token(Some(prop), "datePublished") {
                first(&mut self.itemprop_date, element);
            }
            if has_token(Some(prop), "author") && outside_comments {
                first(&mut self.itemprop_author, element);
            }
        }
        match el.name() {
            "html" => self.lang = self.lang.or(el.attr("lang")),
            "meta" => {
                if let Some(content) = el.attr("content") {
                    // `property="dc:creator og:author"` names the content twice.
                    let keys = [el.attr("property"), el.attr("name")].into_iter().flatten();
                    for key in keys.flat_map(str::split_ascii_whitespace) {
                        self.metas.push((key.to_ascii_lowercase(), content));
                    }
                }
            }
            "title" => first(&mut self.title, element),
            "h1" => {
                first(&mut self.h1, element);
                if in_content && outside_comments {
                    self.headlines += 1;
                    first(&mut self.headline, element);
                }
            }
            "link" if has_token(el.attr("rel"), "canonical") => {
                self.canonical = self.canonical.or(el.attr("href"));
            }
            "link" if has_token(el.attr("rel"), "amphtml") => {
                self.amphtml = self.amphtml.or(el.attr("href"));
            }
            "time" if in_content && outside_comments && !in_quote && DateName::names_change(el) => {
                push(&mut self.changed, element);
            }
            "time" if DateName::names_change(el) => {}
            "time" if outside_comments && !in_quote => {
                let datetime = date_attr(el);
                if in_content && published(el) {
                    push(&mut self.published, element);
                } else if in_content {
                    self.time = self.time.or(datetime);
                    if datetime.is_none() {
                        push(&mut self.dated, element);
                    }
                } else if in_aside {
                    self.time_aside = self.time_aside.or(datetime);
                    if datetime.is_none() {
                        push(&mut self.dated_aside, element);
                    }
                }
            }
            "article" if in_content => {
                first(&mut self.article, element);
                if self.articles.len() < MAX_ARTICLES {
                    self.articles.push(element);
                }
            }
            "main" if in_content => first(&mut self.main, element),
            "body" => first(&mut self.body, element),
            _ => {}
        }
        if !outside_comments {
            return;
        }
        if !in_quote {
            self.note_date(element, in_content, in_aside);
        }
        if in_content && el.name() == "a" && el.attr("href").is_some_and(is_author_page) {
            first(&mut self.author_link, element);
        }
        if has_token(el.attr("rel"), "author") {
            first(&mut self.rel_author, element);
        }
        if has_token(el.attr("class"), "author") {
            first(&mut self.class_author, element);
        }
        if has_token(el.attr("class"), "byline") {
            first(&mut self.class_byline, element);
        }
        if self.bylines.len() < MAX_BYLINES && names_byline(el) {
            self.bylines.push(element);
        }
    }

    /// Records a date an element other than `<time>` gives in an attribute, or may state in
    /// words.
    fn note_date(&mut self, element: ElementRef<'a>, in_content: bool, in_aside: bool) {
        let el = element.value();
        if el.name() == "time" {
            return;
        }
        // `<ins>` and `<del>` say when an edit was made.
        if in_content && !matches!(el.name(), "ins" | "del") {
            self.time_attr = self.time_attr.or(date_attr(el));
        }
        match DateName::of(el) {
            Some(DateName::Published) if in_content => push(&mut self.published, element),
            Some(_) if in_content => push(&mut self.dated, element),
            Some(_) if in_aside => push(&mut self.dated_aside, element),
            _ => {}
        }
    }

    /// The contents of every `<meta>` named `key`, cleaned, skipping empty ones.
    fn metas(&self, key: &'static str) -> impl Iterator<Item = String> + '_ {
        self.metas
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, content)| one_line(content))
            .filter(|content| !content.is_empty())
    }

    /// Metas of other names that say when the article was published (`publish-date`,
    /// `cXenseParse:recs:publishtime`, `article_date_original`, `pub_date`), never those of
    /// its changes (`…modified…`, `…updated…`).
    fn metas_named_published(&self) -> impl Iterator<Item = String> + '_ {
        self.metas
            .iter()
            .filter(|(k, _)| {
                let says = |w: &str| k.contains(w);
                (says("publish") || says("pub_date") || says("pubdate") || says("date_original"))
                    && !(says("modified") || says("updated") || says("expir"))
            })
            .map(|(_, content)| one_line(content))
            .filter(|content| !content.is_empty())
    }

    fn first_meta(&self, key: &'static str) -> Option<String> {
        self.metas(key).next()
    }

    /// The names a page's site goes by: `og:site_name`, its JSON-LD publisher, its
    /// `application-name`, its address's host.
    fn site_names(&self, ld: &JsonLd) -> Vec<String> {
        let host = self.url().and_then(|u| {
            let host = url::Url::parse(&u).ok()?.host_str()?.to_string();
            Some(host.trim_start_matches("www.").to_string())
        });
        (self
            .metas("og:site_name")
            .chain(self.metas("application-name")))
        .chain(ld.publisher.clone())
        .chain(host)
        .collect()
    }

    /// `og:title`, `<title>`, the JSON-LD headline (some sites put a summary there), the first
    /// `<h1>`: the first there is, without its site's name.
    fn title(&self, ld: &JsonLd) -> Option<String> {
        let title = self
            .first_meta("og:title")
            .or_else(|| text_of(self.title))
            .or_else(|| ld.title.clone())
            .or_else(|| text_of(self.h1))?;
        let headline = (self.headlines == 1)
            .then_some(self.headline)
            .flatten()
            .filter(|h| !is_logo(*h))
            .and_then(|h| text_of(Some(h)));
        let title = headline
            .filter(|h| meta::same_headline(h, &title))
            .unwrap_or(title);
        Some(meta::strip_site(&title, &self.site_names(ld)))
    }

    /// The first person named by the JSON-LD, Dublin Core, `<meta name="author">`,
    /// `article:author` (and the names other sites give it), `itemprop="author"`, or a byline
    /// element (`rel="author"`, `class="author"`, `class="byline"`, then classes and ids with
    /// `byline` or `author` as a part); what names the site itself is not a person.
    fn author(&self, ld: &JsonLd) -> Option<String> {
        let declared = (ld.author.clone().into_iter())
            .chain(self.metas("dc:creator"))
            .chain(self.metas("dc.creator"))
            .chain(self.metas("dcterms:creator"))
            .chain(self.metas("dcterm:creator"))
            .chain(self.metas("author"))
            .chain(self.metas("article:author"))
            .chain(self.metas("byl"))
            .chain(self.metas("parsely-author"))
            .chain(self.metas("sailthru.author"))
            .chain(self.itemprop_author.and_then(itemprop_author));
        let shown = [self.rel_author, self.class_author, self.class_byline]
            .into_iter()
            .chain(self.bylines.iter().copied().map(Some))
            .filter_map(text_of);
        // A link to a writer's page says only what its words say: a name, or `more`, or a
        // login (`MoritzMeyer`).
        let linked = text_of(self.author_link).filter(|name| meta::looks_like_a_name(name));
        // `by Di Writer / 19 January 2017` in the line under the headline.
        let signed = (self.published.iter().chain(&self.dated))
            .filter_map(|e| short_text(*e, MAX_DATE_TEXT))
            .filter_map(|text| meta::signed_by(&text));
        let sites = self.site_names(ld);
        let key = |s: &str| s.to_lowercase();
        declared
            .chain(shown)
            .chain(linked)
            .chain(signed)
            .filter_map(|name| meta::clean_author(&name))
            .find(|name| !sites.iter().any(|site| key(site) == key(name)))
    }

    /// The first date that reads from the JSON-LD `datePublished`, `article:published_time` (and
    /// the names other sites give it), `itemprop="datePublished"`, Dublin Core, the first
    /// `<time datetime>` in the page's content, `<meta name="date">`, or the address.
    fn date(&self, ld: &JsonLd) -> Option<jiff::civil::Date> {
        let order = Order::of_lang(self.lang);
        let itemprop = self.itemprop_date.and_then(|e| {
            let el = e.value();
            (el.attr("content").or(el.attr("datetime")).map(one_line)).or_else(|| text_of(Some(e)))
        });
        (ld.date.clone().into_iter())
            .chain(self.metas("article:published_time"))
            .chain(self.metas("og:article:published_time"))
            .chain(self.metas("og:published_time"))
            .chain(self.metas("datepublished"))
            .chain(self.metas("pubdate"))
            .chain(self.metas("publishdate"))
            .chain(self.metas("parsely-pub-date"))
            .chain(self.metas("sailthru.date"))
            .chain(itemprop)
            .chain(self.metas("dc.date"))
            .chain(self.metas("dc:date"))
            .chain(self.metas("dcterms.issued"))
            .chain(self.metas("dcterms:issued"))
            .chain(self.metas("dcterms.created"))
            .chain(self.metas("dcterms:created"))
            .chain(self.metas("dc.date.issued"))
            .chain(self.metas_named_published())
            .find_map(|d| meta::parse_date(&d, order))
            .or_else(|| stated_date(&self.published, order))
            .or_else(|| {
                (self.time.into_iter().chain(self.time_attr))
                    .map(one_line)
                    .chain(self.metas("date"))
                    .find_map(|d| meta::parse_date(&d, order))
            })
            .or_else(|| self.urls().find_map(|url| meta::date_in_url(&url)))
            .or_else(|| {
                let bylines = [self.class_byline, self.class_author]
                    .into_iter()
                    .flatten()
                    .chain(self.bylines.iter().copied());
                stated_date(
                    &self
                        .dated
                        .iter()
                        .copied()
                        .chain(bylines)
                        .collect::<Vec<_>>(),
                    order,
                )
            })
            .or_else(|| self.time_aside.and_then(|d| meta::parse_date(d, order)))
            .or_else(|| stated_date(&self.dated_aside, order))
            .or_else(|| stated_date(&self.changed, order))
    }

    /// The page's own addresses: its canonical link, `og:url`, its AMP version's.
    fn urls(&self) -> impl Iterator<Item = String> + '_ {
        self.url()
            .into_iter()
            .chain(self.metas("og:url"))
            .chain(self.amphtml.map(one_line))
    }

    /// On a page of several `<article>`s, the one whose first heading is the page's title,
    /// when exactly one is.
    fn titled_article(&self, title: &str) -> Option<ElementRef<'a>> {
        if self.articles.len() < 2 {
            return None;
        }
        let heading = |article: &ElementRef<'a>| {
            let h = article
                .descendants()
                .take(HEADING_LOOK)
                .filter_map(ElementRef::wrap)
                .find(|e| matches!(e.value().name(), "h1" | "h2"));
            text_of(h).is_some_and(|h| meta::same_headline(&h, title))
        };
        let mut titled = self.articles.iter().filter(|a| heading(a));
        match (titled.next(), titled.next()) {
            (Some(one), None) => Some(*one),
            _ => None,
        }
    }

    fn url(&self) -> Option<String> {
        self.canonical
            .map(one_line)
            .filter(|url| !url.is_empty())
            .or_else(|| self.first_meta("og:url"))
    }

    /// `article:tag` values, else the comma-separated `keywords`, each once.
    fn tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = self.metas("article:tag").collect();
        if tags.is_empty() {
            tags = self
                .metas("keywords")
                .flat_map(|k| k.split(',').map(one_line).collect::<Vec<_>>())
                .filter(|tag| !tag.is_empty())
                .collect();
        }
        let mut seen = HashSet::new();
        tags.retain(|tag| seen.insert(tag.clone()));
        tags
    }
}

fn first<'a>(slot: &mut Option<ElementRef<'a>>, element: ElementRef<'a>) {
    if slot.is_none() {
        *slot = Some(element);
    }
}

/// True when a space-separated attribute (`rel`, `class`) holds `token`, in any case.
fn has_token(attr: Option<&str>, token: &str) -> bool {
    attr.is_some_and(|value| {
        value
            .split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case(token))
    })
}

/// An element's text, cleaned, if it has any.
fn text_of(element: Option<ElementRef<'_>>) -> Option<String> {
    let text = one_line(&element?.text().collect::<String>());
    (!text.is_empty()).then_some(text)
}

/// The name an `itemprop="author"` element gives: its `content`, else the text of the
/// `itemprop="name"` inside it, else its text.
fn itemprop_author(element: ElementRef<'_>) -> Option<String> {
    if let Some(content) = element.value().attr("content") {
        return Some(one_line(content));
    }
    let name = element
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| has_token(e.value().attr("itemprop"), "name"));
    text_of(name).or_else(|| text_of(Some(element)))
}

/// The most elements that may state a date in words that are looked at.
const MAX_DATED: usize = 8;

/// The longest text of an element that is read for a date stated in words, in bytes.
const MAX_DATE_TEXT: usize = 300;

/// Attributes that hold the date a page was published, on elements other than `<time>` too.
const DATE_ATTRIBUTES: &[&str] = &[
    "datetime",
    "data-published",
    "data-published-date",
    "data-publish-date",
    "data-pubdate",
];

/// Where an element is on its page.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// Outside navigation bars, footers, asides and the like.
    in_content: bool,
    /// Outside all of those but asides and headers, which may be a side column's byline.
    in_aside: bool,
    /// Outside the page's comments.
    outside_comments: bool,
    /// Inside a `<blockquote>`.
    in_quote: bool,
}

/// True for an `<aside>` or `<header>`: a page's side column or masthead, which may hold
/// the article's byline and date.
fn is_side(element: &Element) -> bool {
    matches!(element.name(), "aside" | "header") && !is_hidden(element)
}

/// What an element's class or id names say of the date it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateName {
    /// The day it was published: a part `published`, `publish`, `pubdate` or `posted`.
    Published,
    /// A date, a time stamp, a dateline, or the line of facts under a headline (`post-info`,
    /// `entry-meta`), which often holds one.
    Date,
}

impl DateName {
    /// Splits the class and id names at `-`, `_` and where camel case starts a word; never
    /// for names of the day it changed (`updated`, `modified`).
    fn of(element: &Element) -> Option<DateName> {
        let parts = Self::parts(element);
        let says = |words: &[&str]| parts.iter().any(|p| words.contains(&p.as_str()));
        if says(CHANGED) {
            None
        } else if says(&["published", "publish", "pubdate", "posted"]) {
            Some(DateName::Published)
        } else if says(&["date", "timestamp", "dateline", "meta", "info"]) {
            Some(DateName::Date)
        } else {
            None
        }
    }
}

/// Parts of class and id names that say an element holds the day the page changed.
const CHANGED: &[&str] = &["updated", "modified", "update"];

impl DateName {
    /// True when the class or id names say the element holds the day the page changed.
    fn names_change(element: &Element) -> bool {
        Self::parts(element)
            .iter()
            .any(|p| CHANGED.contains(&p.as_str()))
    }

    /// The parts of an element's class and id names, split at `-`, `_` and camel case.
    fn parts(element: &Element) -> Vec<String> {
        let names = element.attr("class").into_iter().chain(element.attr("id"));
        names
            .flat_map(str::split_ascii_whitespace)
            .flat_map(|name| name.split(['-', '_']))
            .flat_map(camel_parts)
            .collect()
    }
}

/// True for a `<time>` that says it is when the article was published (`pubdate`,
/// `class="published"`).
fn published(element: &Element) -> bool {
    element.attr("pubdate").is_some() || DateName::of(element) == Some(DateName::Published)
}

/// Keeps `element` in `list` while it holds fewer than [`MAX_DATED`].
fn push<'a>(list: &mut Vec<ElementRef<'a>>, element: ElementRef<'a>) {
    if list.len() < MAX_DATED {
        list.push(element);
    }
}

/// The first date `elements` give: a `<time>`'s `datetime`, a date attribute, or a date
/// stated in their short text (`by Di Writer / 19 January 2017 / Politics`).
fn stated_date(elements: &[ElementRef<'_>], order: Order) -> Option<jiff::civil::Date> {
    elements.iter().find_map(|e| {
        date_attr(e.value())
            .and_then(|d| meta::parse_date(d, order))
            .or_else(|| meta::date_in_text(&short_text(*e, MAX_DATE_TEXT)?, order))
    })
}

/// `PostByline` → `post`, `byline`: a name's parts where its case changes to upper, lowercased.
fn camel_parts(name: &str) -> Vec<String> {
    let mut starts: Vec<usize> = name
        .char_indices()
        .zip(name.chars().skip(1))
        .filter(|((_, a), b)| a.is_lowercase() && b.is_uppercase())
        .map(|((i, a), _)| i + a.len_utf8())
        .collect();
    starts.insert(0, 0);
    starts.push(name.len());
    starts
        .windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| name[w[0]..w[1]].to_ascii_lowercase())
        .collect()
}

/// An element's text, cleaned, when it has some and no more than `max` bytes of it; its pieces
/// are kept apart by a space (`<time>20 May 2020</time><time>…` is two dates, not one).
fn short_text(element: ElementRef<'_>, max: usize) -> Option<String> {
    let mut text = String::new();
    for t in element.text() {
        if text.len() + t.len() > max * 4 {
            return None;
        }
        text.push_str(t);
        text.push(' ');
    }
    let text = one_line(&text);
    (!text.is_empty() && text.len() <= max).then_some(text)
}

/// True for an address whose path has a folder `author`, `authors`, `autor` or `journalist`
/// followed by a name: a page about one of the site's writers.
fn is_author_page(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let mut parts = path.split('/').skip_while(|p| {
        !["author", "authors", "autor", "journalist", "journalists"]
            .contains(&p.to_ascii_lowercase().as_str())
    });
    parts.next().is_some() && parts.next().is_some_and(|name| !name.is_empty())
}

/// The most `<article>`s of a page that are looked at for the one its title heads.
pub(super) const MAX_ARTICLES: usize = 64;

/// The most elements named as bylines that are looked at for an author.
const MAX_BYLINES: usize = 8;

/// The first of an element's [`DATE_ATTRIBUTES`] it has.
fn date_attr(element: &Element) -> Option<&str> {
    DATE_ATTRIBUTES.iter().find_map(|name| element.attr(name))
}

/// True when a part of `element`'s class or id names (split at `-` and `_`) is `byline`,
/// `author` or `authors`.
fn names_byline(element: &Element) -> bool {
    let names = element.attr("class").into_iter().chain(element.attr("id"));
    names.flat_map(str::split_ascii_whitespace).any(|name| {
        name.split(['-', '_']).any(|part| {
            ["byline", "author", "authors"]
                .iter()
                .any(|b| part.eq_ignore_ascii_case(b))
        })
    })
}

/// True for a `<header>` that may be the article's own: not hidden.
fn is_own_header(element: &Element) -> bool {
    element.name() == "header" && !is_hidden(element)
}

/// True for a `<header>` inside an `<article>`, or near whose top is an `<h1>` that reads as
/// a headline ([`is_headline`]): the article's title, standfirst and byline, not the site's
/// masthead (whose `<h1>` is its logo).
fn is_article_header(element: ElementRef<'_>) -> bool {
    is_own_header(element.value())
        && (element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "article")
            || element
                .descendants()
                .take(HEADING_LOOK)
                .filter_map(ElementRef::wrap)
                .any(|d| d.value().name() == "h1" && is_headline(d)))
}

/// True for a heading that reads as a headline: three words or more and no picture (a site's
/// logo is a picture, or its name in a word or two).
fn is_headline(heading: ElementRef<'_>) -> bool {
    !is_pictured(heading)
        && short_text(heading, MAX_DATE_TEXT).is_some_and(|t| t.split_whitespace().count() >= 3)
}

/// True for a heading that is the site's logo: a picture, or a link to the site's home page
/// (`<h1><a href="/">Site Name</a></h1>`).
fn is_logo(heading: ElementRef<'_>) -> bool {
    let home = |href: &str| {
        let path = href.split_once("://").map_or(href, |(_, rest)| {
            rest.find('/').map_or("/", |at| &rest[at..])
        });
        matches!(
            path.split(['?', '#']).next(),
            Some("" | "/" | "./" | "/index.html")
        )
    };
    is_pictured(heading)
        || (heading
            .descendants()
            .take(HEADING_LOOK)
            .filter_map(ElementRef::wrap))
        .any(|e| e.value().name() == "a" && e.value().attr("href").is_some_and(home))
}

/// True for an element near whose top is a picture: a logo, in a heading.
fn is_pictured(element: ElementRef<'_>) -> bool {
    (element.descendants().take(HEADING_LOOK))
        .filter_map(ElementRef::wrap)
        .any(|e| matches!(e.value().name(), "img" | "svg" | "picture"))
}

/// How many nodes from its start an element's heading is looked for in: a header's or an
/// article's heading is at its top, and nested ones must not make the look quadratic.
const HEADING_LOOK: usize = 200;

/// True for an element that holds a page's comments (`id="comments"`, `class="comment-list"`),
/// not for one that only says the article has some or takes them (`class="post commented"`).
fn is_comments(element: &Element) -> bool {
    let names = element.attr("id").into_iter().chain(element.attr("class"));
    names.flat_map(str::split_ascii_whitespace).any(|name| {
        let name = name.to_ascii_lowercase();
        name.starts_with("comment")
            && !["commented", "commentable"].contains(&name.as_str())
            && !(name.ends_with("-open") || name.ends_with("-closed") || name.ends_with("-enabled"))
    })
}

/// One step of a walk through an element tree.
enum Visit<'a> {
    Open(ElementRef<'a>),
    Close(ElementRef<'a>),
    Text(&'a str),
}

/// Walks the tree under `root` (inclusive) in document order without recursion.
///
/// `visit` returns whether to enter an opened element; an element that was entered is closed
/// after its children, one that was not is neither entered nor closed. What `visit` returns for a
/// close or for text is ignored.
fn walk<'a>(root: ElementRef<'a>, mut visit: impl FnMut(Visit<'a>) -> bool) {
    let top = *root;
    let mut node = top;
    'tree: loop {
        let entered = match (ElementRef::wrap(node), node.value()) {
            (Some(element), _) => visit(Visit::Open(element)),
            (None, Node::Text(text)) => {
                visit(Visit::Text(text));
                false
            }
            (None, _) => false,
        };
        if entered {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            if let Some(element) = ElementRef::wrap(node) {
                visit(Visit::Close(element));
            }
        }
        // Climb until there is a next sibling, closing each parent left behind.
        loop {
            if node == top {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'tree;
            }
            let Some(parent) = node.parent() else {
                return;
            };
            node = parent;
            if let Some(element) = ElementRef::wrap(node) {
                visit(Visit::Close(element));
            }
        }
    }
}

/// What an element does to the text inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Never part of the article: navigation, scripts, hidden elements.
    Skip,
    /// Starts and ends a block (`<p>`, `<div>`, table cells).
    Block,
    /// `<br>`: ends the line.
    Break,
    Heading {
        top: bool,
    },
    Quote,
    List {
        ordered: bool,
    },
    Item,
    /// Preformatted text: whitespace kept, lines kept apart, set as code.
    Pre,
    /// `<img>`: a placeholder with its description, linked to the image.
    Image,
    /// `<table>`, `<tr>`, and `<td>` or `<th>` (`head`).
    Table,
    Row,
    Cell {
        head: bool,
    },
    Style(Inline),
    /// Text-level elements with no style of their own (`<span>`, unknown elements).
    Inline,
}

/// The most characters of text (outside what is never the article) in a `<form>` that is left
/// out as one: a search box, a sign-up, a comment form with its notice. A form with more holds
/// the page (ASP.NET wraps every page in `<form id="aspnetForm">`).
const FORM_TEXT: usize = 500;

/// What an element does to the text inside it, its content weighed where its tag does not
/// say: a `<form>` is left out when small, and read as a block when it holds the page.
fn kind_of(element: ElementRef<'_>) -> Kind {
    let el = element.value();
    match kind(el) {
        Kind::Skip if el.name() == "form" && !is_hidden(el) && !is_small_form(element) => {
            Kind::Block
        }
        kind => kind,
    }
}

/// True for a `<form>` with less than [`FORM_TEXT`] characters of text outside what is never
/// the article; only that much of it is read.
fn is_small_form(form: ElementRef<'_>) -> bool {
    let mut chars = 0;
    walk(form, |visit| match visit {
        Visit::Open(e) => chars < FORM_TEXT && (e == form || kind(e.value()) != Kind::Skip),
        Visit::Text(text) => {
            chars += text.chars().filter(|c| !c.is_whitespace()).count();
            true
        }
        Visit::Close(_) => true,
    });
    chars < FORM_TEXT
}

fn is_hidden(element: &Element) -> bool {
    element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

fn kind(element: &Element) -> Kind {
    if is_hidden(element) {
        return Kind::Skip;
    }
    match element.name() {
        "script" | "style" | "noscript" | NOSCRIPT | "template" | "nav" | "header" | "footer"
        | "aside" | "form" | "button" | "svg" | "math" | "iframe" | "head" | "title" | "object"
        | "embed" | "canvas" | "select" | "textarea" | "audio" | "video" | "dialog" => Kind::Skip,
        "h1" => Kind::Heading { top: true },
        "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading { top: false },
        "blockquote" => Kind::Quote,
        "ul" | "menu" => Kind::List { ordered: false },
        "ol" => Kind::List { ordered: true },
        "li" => Kind::Item,
        "pre" | "listing" | "xmp" | "plaintext" => Kind::Pre,
        "br" => Kind::Break,
        "img" => Kind::Image,
        "table" => Kind::Table,
        "tr" => Kind::Row,
        "td" => Kind::Cell { head: false },
        "th" => Kind::Cell { head: true },
        "em" | "i" | "cite" => Kind::Style(Inline::Emphasis),
        "strong" | "b" => Kind::Style(Inline::Strong),
        "code" | "kbd" | "samp" | "tt" => Kind::Style(Inline::Code),
        // An `<a>` without an address is an anchor, not a link.
        "a" if element.attr("href").is_some() => Kind::Style(Inline::Link),
        "address" | "article" | "body" | "caption" | "center" | "dd" | "details" | "dir"
        | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "hgroup" | "hr" | "html"
        | "legend" | "main" | "option" | "p" | "search" | "section" | "summary" | "tbody"
        | "tfoot" | "thead" => Kind::Block,
        _ => Kind::Inline,
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use jiff::civil::date;
    use proptest::prelude::*;

    use super::depth::MAX_DEPTH;
    use super::*;
    use crate::article::sanitize::is_invisible_or_control;
    use crate::article::{Block, Span};

    /// A page with `head` in its `<head>` and `body` in its `<body>`.
    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
    }

    /// The blocks of a titled page whose body is `body` (the walker's and the notes' tests
    /// read pages this way too).
    pub(super) fn body(body: &str) -> Vec<Block> {
        parse(&page("<title>T</title>", body)).unwrap().body.blocks
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(Block::text).collect()
    }

    fn plain(text: &str) -> Span {
        Span::new(text, Inline::Plain)
    }

    fn item(marker: &str, depth: u8, text: &str) -> Block {
        Block::Item {
            marker: marker.into(),
            depth,
            spans: vec![plain(text)],
        }
    }

    #[test]
    fn title_prefers_og_title_then_title_then_h1() {
        let og = r#"<meta property="og:title" content=" Ferry  times "><title>Ferry times | Courier</title>"#;
        assert_eq!(parse(&page(og, "")).unwrap().title, "Ferry times");

        // A site suffix is kept: there is no telling it from a title with a bar in it.
        let titled = page(
            "<title>\n  Ferry times | Courier\n</title>",
            "<h1>Other</h1>",
        );
        assert_eq!(parse(&titled).unwrap().title, "Ferry times | Courier");

        let h1 = parse(&page(
            "<title>  </title>",
            "<h1>Ferry <em>times</em></h1><p>Text.</p>",
        ));
        let h1 = h1.unwrap();
        assert_eq!(h1.title, "Ferry times");
        // The h1 that gave the title is not repeated in the body.
        assert_eq!(texts(&h1.body.blocks), ["Text."]);
    }

    #[test]
    fn a_page_without_a_title_is_an_error() {
        let err = Err(FormatError::new("HTML page without a title"));
        assert_eq!(parse(""), err);
        assert_eq!(parse("just some text"), err);
        assert_eq!(
            parse(&page(
                r#"<meta property="og:title" content=" ">"#,
                "<p>x</p>"
            )),
            err
        );
    }

    #[test]
    fn author_comes_from_meta_then_byline_elements() {
        let author = |head: &str, body: &str| {
            parse(&page(&format!("<title>T</title>{head}"), body))
                .unwrap()
                .author
        };
        let byline = r#"<p class="byline">By Someone Else</p>"#;
        assert_eq!(
            author(r#"<meta property="article:author" content="B"><meta name="author" content="A  Writer">"#, byline).as_deref(),
            Some("A Writer")
        );
        assert_eq!(
            author(
                r#"<meta property="article:author" content="Bo Writer">"#,
                byline
            )
            .as_deref(),
            Some("Bo Writer")
        );
        // A profile address is not a name.
        assert_eq!(
            author(
                r#"<meta property="article:author" content="https://x.example/bo">"#,
                byline
            )
            .as_deref(),
            Some("Someone Else")
        );
        assert_eq!(
            author(
                "",
                r#"<span class="byline">By <a rel="author" href="/c">Cy Writer</a> · 1 May</span>"#
            )
            .as_deref(),
            Some("Cy Writer")
        );
        assert_eq!(
            author("", r#"<div class="meta Author">by  Di Writer</div>"#).as_deref(),
            Some("Di Writer")
        );
        assert_eq!(author("", "<p>Nobody signed this.</p>"), None);
    }

    /// The date of a page titled `T` with `head` and `body`.
    fn dated(head: &str, body: &str) -> Option<jiff::civil::Date> {
        parse(&page(&format!("<title>T</title>{head}"), body))
            .unwrap()
            .date
    }

    #[test]
    fn date_comes_from_published_time_then_time_then_meta_date() {
        let time =
            r#"<time datetime="2021-02-03">3 Feb</time><time datetime="2022-01-01">x</time>"#;
        let meta = r#"<meta name="date" content="4 March 2020">"#;
        assert_eq!(
            dated(
                &format!(
                    r#"<meta property="article:published_time" content="2023-06-14T08:30:00+01:00">{meta}"#
                ),
                time
            ),
            Some(date(2023, 6, 14))
        );
        assert_eq!(dated(meta, time), Some(date(2021, 2, 3)));
        assert_eq!(dated(meta, "<time>today</time>"), Some(date(2020, 3, 4)));
        assert_eq!(dated(r#"<meta name="date" content="soon">"#, ""), None);
        assert_eq!(dated("", ""), None);
        // Other names for the day it was published, never for the day it changed.
        let named =
            |name: &str, content: &str| format!(r#"<meta name="{name}" content="{content}">"#);
        assert_eq!(
            dated(
                &named(
                    "article_date_original",
                    "Saturday, December 27, 2014, 12:06 PM"
                ),
                ""
            ),
            Some(date(2014, 12, 27))
        );
        assert_eq!(
            dated(
                &(named("cXenseParse:recs:modifiedtime", "2018-06-19")
                    + &named("cXenseParse:recs:publishtime", "2018-06-18T10:01:00.000Z")),
                ""
            ),
            Some(date(2018, 6, 18))
        );
        assert_eq!(dated(&named("last_updated_date", "2018-06-19"), ""), None);
    }

    #[test]
    fn dates_from_where_pages_show_them() {
        let time = "<time datetime='2016-10-13T12:34:00-04:00'>Thursday</time>";
        // An article whose class says it has comments is not the comments.
        let article = format!("<article class='post commented'><header>{time}</header></article>");
        assert_eq!(dated("", &article), Some(date(2016, 10, 13)));
        // The header that holds the headline is the article's, wherever it is.
        let header = format!("<div><header><h1>T</h1>{time}</header><p>Text.</p></div>");
        assert_eq!(dated("", &header), Some(date(2016, 10, 13)));
        // A date named as the day it was published comes before a quoted post's `<time>`.
        let embed = "<blockquote><time datetime='2016-12-05'>Dec 5</time></blockquote>";
        let stated = "<time class='article-published-date'>December 7, 2016 @ 3:53 PM</time>";
        assert_eq!(
            dated("", &format!("{embed}{stated}")),
            Some(date(2016, 12, 7))
        );
        assert_eq!(dated("", embed), None);
        // Said in words in the line under the headline, in an attribute, in another address.
        let info =
            "<div class='post-info'><h3>A standfirst.</h3> by Di Writer / January 19, 2017 /</div>";
        assert_eq!(dated("", info), Some(date(2017, 1, 19)));
        let attr = "<time data-published='2016-12-09 09:13:00Z'>4 hours ago</time>";
        assert_eq!(dated("", attr), Some(date(2016, 12, 9)));
        let amp = "<link rel='canonical' href='https://b.example/4603308/alexa/'>\
            <link rel='amphtml' href='https://amp.example/b/2016/12/15/alexa/'>";
        assert_eq!(dated(amp, ""), Some(date(2016, 12, 15)));
        // A byline in a side column, when the page says it nowhere else; never a comment's.
        let side =
            "<aside class='left-rail'><time class='content-date'>December 9, 2016</time></aside>";
        assert_eq!(dated("", side), Some(date(2016, 12, 9)));
        let comment = "<ol class='comment-list'><li><div class='comment_date'>January 19, 2017</div></li></ol>";
        assert_eq!(dated("", comment), None);
        // An edit's time is not the article's.
        let edit = "<p>Text <ins datetime='2021-03-04'>added</ins>.</p>";
        assert_eq!(dated("", edit), None);
        // The day it changed only when nothing else says when it was published.
        assert_eq!(dated("", "<p class='updated-date'>May 2, 2019</p>"), None);
        let updated = "<time class='updated' datetime='2019-05-02'>May 2</time>";
        assert_eq!(dated("", updated), Some(date(2019, 5, 2)));
        let stated = format!("{updated}<p class='post-date'>May 1, 2019</p>");
        assert_eq!(dated("", &stated), Some(date(2019, 5, 1)));
    }

    #[test]
    fn the_pages_one_headline_gives_the_title_in_full() {
        let titled = |head: &str, body: &str| parse(&page(head, body)).unwrap().title;
        let head = "<title>The Loft Tour — House Call</title>";
        assert_eq!(titled(head, "<h1>The Loft Tour</h1>"), "The Loft Tour");
        // A logo's name is not the headline the title starts with.
        let head = "<title>Site Name: A Long Post Title</title>";
        assert_eq!(
            titled(
                head,
                "<h1><a href='https://site.example/'>Site Name</a></h1>"
            ),
            "Site Name: A Long Post Title"
        );
        assert_eq!(
            titled(
                head,
                "<h1><img src=logo.png alt='Site Name'> Site Name</h1>"
            ),
            "Site Name: A Long Post Title"
        );
        let cut = "<meta property='og:title' content='Edited Picture Of'><title>x</title>";
        assert_eq!(
            titled(cut, "<article><h1>Edited Picture Of Her</h1></article>"),
            "Edited Picture Of Her"
        );
        // Not a heading that names the site, nor one of several, nor one in the navigation.
        let head = "<title>Open Verilog flow</title>";
        assert_eq!(
            titled(head, "<h1>Silicon Exposed</h1>"),
            "Open Verilog flow"
        );
        let head = "<title>Loft Tour — House Call</title>";
        assert_eq!(
            titled(head, "<h1>Loft Tour</h1><h1>Loft Tour Again</h1>"),
            "Loft Tour — House Call"
        );
        assert_eq!(
            titled(head, "<nav><h1>Loft Tour</h1></nav>"),
            "Loft Tour — House Call"
        );
    }

    #[test]
    fn a_link_to_a_writers_page_names_the_author() {
        assert!(is_author_page("https://site.example/author/craiglloyd/"));
        assert!(is_author_page("/authors/di-writer?ref=byline"));
        assert!(!is_author_page("https://site.example/author/"));
        assert!(!is_author_page("https://author.example/posts/1"));
        let signed = "<p>Text.</p><div class='box'><b><a href='/author/craiglloyd/'>Craig Lloyd</a></b></div>";
        let more = "<p>Text.</p><a href='/author/craiglloyd/'>mehr</a>";
        assert_eq!(parse(&page("<title>T</title>", more)).unwrap().author, None);
        // A list of the site's writers in a side column names none of them as the author.
        let side = "<p>Text.</p><aside><a href='/author/ann-lee/'>Ann Lee</a></aside>";
        assert_eq!(parse(&page("<title>T</title>", side)).unwrap().author, None);
        let article = parse(&page("<title>T</title>", signed)).unwrap();
        assert_eq!(article.author.as_deref(), Some("Craig Lloyd"));
        let info =
            "<div class='post-info'><h3>A standfirst.</h3> by Di Writer / January 19, 2017 /</div>";
        let article = parse(&page("<title>T</title>", info)).unwrap();
        assert_eq!(article.author.as_deref(), Some("Di Writer"));
    }

    #[test]
    fn a_page_of_several_articles_is_about_the_one_its_title_heads() {
        let story = |head: &str, words: &str, n: usize| {
            let p = format!(
                "<p>{}</p>",
                format!("{words}, and so it went on, ").repeat(8)
            );
            format!("<article><h2>{head}</h2>{}</article>", p.repeat(n))
        };
        let other = story("Another story", "The ferry ran late again", 12);
        let own = story("The harbour reopens", "The harbour reopened at dawn", 6);
        let page_of = |body: &str| page("<title>The harbour reopens</title>", body);
        let text = |html: &str| {
            let blocks = parse(html).unwrap().body.blocks;
            texts(&blocks).join(" ")
        };
        let read = text(&page_of(&format!("{other}{own}")));
        assert!(read.contains("harbour reopened"), "{read}");
        assert!(!read.contains("ferry ran late"), "{read}");
        // A teaser headed by the title, in a list beside the article, is not the article.
        let teaser = "<article><h2>The harbour reopens</h2><p>Read more.</p></article>";
        let read = text(&page_of(&format!("{other}{teaser}")));
        assert!(read.contains("ferry ran late"), "{read}");
    }

    #[test]
    fn two_dates_side_by_side_are_not_read_as_one() {
        let both = "<span class='posted-on'><time class='published'>20 janvier 2020</time>\
                    <time class='updated'>21 janvier 2020</time></span>";
        assert_eq!(dated("", both), Some(date(2020, 1, 20)));
    }

    #[test]
    fn class_names_split_where_camel_case_starts_a_word() {
        assert_eq!(camel_parts("PostByline"), ["post", "byline"]);
        assert_eq!(camel_parts("publishedAt"), ["published", "at"]);
        assert_eq!(camel_parts("date"), ["date"]);
        assert_eq!(camel_parts(""), Vec::<String>::new());
    }

    #[test]
    fn reads_url_source_and_tags() {
        let head = r#"<title>T</title>
            <meta property="og:url" content="https://og.example/a">
            <link rel="Canonical" href=" https://canon.example/a ">
            <meta property="og:site_name" content="The  Courier">
            <meta property="article:tag" content="Ferries"><meta property="article:tag" content="Islands">
            <meta property="article:tag" content="Ferries">
            <meta name="keywords" content="ignored, here">"#;
        let a = parse(&page(head, "")).unwrap();
        assert_eq!(a.url.as_deref(), Some("https://canon.example/a"));
        assert_eq!(a.source.as_deref(), Some("The Courier"));
        assert_eq!(a.tags, ["Ferries", "Islands"]);

        let head = r#"<title>T</title><meta property="og:url" content="https://og.example/a">
            <meta name="keywords" content=" ferries,islands, ,summer timetable ">"#;
        let b = parse(&page(head, "")).unwrap();
        assert_eq!(b.url.as_deref(), Some("https://og.example/a"));
        assert_eq!(b.source, None);
        assert_eq!(b.tags, ["ferries", "islands", "summer timetable"]);

        let c = parse(&page("<title>T</title>", "")).unwrap();
        assert_eq!((c.url, c.tags), (None, Vec::new()));
    }

    #[test]
    fn body_is_the_article_else_main_else_body() {
        let all = "<p>Outside.</p><main><p>Main.</p><article><p>Article.</p></article></main>";
        assert_eq!(texts(&body(all)), ["Article."]);
        assert_eq!(
            texts(&body("<p>Outside.</p><main><p>Main.</p></main>")),
            ["Main."]
        );
        assert_eq!(texts(&body("<p>One.</p><div>Two.</div>")), ["One.", "Two."]);
        // A teaser in an aside is not the article.
        let teaser = "<aside><article><p>Teaser.</p></article></aside><main><p>Main.</p></main>";
        assert_eq!(texts(&body(teaser)), ["Main."]);
    }

    #[test]
    fn skips_what_is_never_the_article() {
        let blocks = body(
            "<nav><a href='/'>Home</a></nav><header>Masthead</header>\
             <script>var x = 1;</script><style>p { color: red }</style>\
             <p>Kept<script>alert(1)</script> text.<noscript>Enable JS</noscript></p>\
             <aside>Related</aside><form>Subscribe<button>Go</button></form>\
             <svg><title>Icon</title><text>svg</text></svg><iframe>frame</iframe>\
             <template><p>Template</p></template><div hidden>Hidden</div>\
             <span aria-hidden='true'>Icon</span><footer>© Courier</footer>",
        );
        assert_eq!(texts(&blocks), ["Kept text."]);
    }

    #[test]
    fn a_page_wrapped_in_a_form_keeps_its_text() {
        // ASP.NET wraps the whole page in one form; byline read nothing of such pages.
        let story = "<p>The harbour committee agreed on Monday that the ferry timetable will \
                     change in spring, with a first crossing at six and a last at eleven.</p>"
            .repeat(6);
        let html = Html::parse_document(&page(
            "<title>T</title>",
            &format!(
                "<form id=aspnetForm action=page.aspx><input type=hidden name=__VIEWSTATE>\
                 <nav><a href='/'>Home</a></nav><h2>Timetable</h2>{story}\
                 <footer>© Courier</footer></form>\
                 <form class=signup>Sign up for our newsletter, every morning.<input name=mail>\
                 <button>Go</button></form>"
            ),
        ));
        let page_body = html.root_element().child_elements().last().unwrap();
        // Read as the plain choice reads a page: from its `<body>`.
        let blocks = read_body(page_body, "T", Start::Page).blocks;
        assert_eq!(blocks.len(), 7, "{:?}", texts(&blocks));
        assert_eq!(blocks[0].text(), "Timetable");
        // The date and the article are found inside it too.
        let a = parse(&page(
            "<title>T</title>",
            &format!(
                "<form><p>Menu</p><article><time datetime=2024-03-05>5 March</time>{story}\
                 </article></form>"
            ),
        ))
        .unwrap();
        assert_eq!(a.date, Some(date(2024, 3, 5)));
        assert!(!texts(&a.body.blocks).contains(&"Menu".to_string()));
    }

    #[test]
    fn lists_have_markers_and_depth() {
        let blocks = body(
            "<ul><li>One<ul><li>One a</li><li>One b<ol><li>Deep</li></ol></li></ul>after</li>\
             <li><p>Two</p><p>Two more</p></li></ul>\
             <ol start='9'><li>Nine</li><li value='20'>Twenty</li><li>Twenty-one</li></ol>\
             <ol reversed><li>Three</li><li>Two</li><li>One</li></ol>",
        );
        assert_eq!(
            blocks,
            [
                item("•", 0, "One"),
                item("•", 1, "One a"),
                item("•", 1, "One b"),
                item("1.", 2, "Deep"),
                item(" ", 0, "after"),
                item("•", 0, "Two"),
                item(" ", 0, "Two more"),
                item("9.", 0, "Nine"),
                item("20.", 0, "Twenty"),
                item("21.", 0, "Twenty-one"),
                item("3.", 0, "Three"),
                item("2.", 0, "Two"),
                item("1.", 0, "One"),
            ]
        );
    }

    #[test]
    fn deep_lists_cap_their_depth() {
        let html = format!("{}<li>Deep</li>", "<ul>".repeat(300));
        assert_eq!(body(&html), [item("•", u8::MAX, "Deep")]);
    }

    #[test]
    fn block_quotes_become_quote_paragraphs() {
        let blocks = body(
            "<p>Before.</p><blockquote><p>First.</p><p>Second <cite>she said</cite>.</p>Loose.\
             </blockquote><p>After.</p>",
        );
        assert_eq!(
            blocks,
            [
                Block::Paragraph(vec![plain("Before.")]),
                Block::Quote(vec![plain("First.")]),
                Block::Quote(vec![
                    plain("Second "),
                    Span::new("she said", Inline::Emphasis),
                    plain("."),
                ]),
                Block::Quote(vec![plain("Loose.")]),
                Block::Paragraph(vec![plain("After.")]),
            ]
        );
    }

    #[test]
    fn headings_are_kept_except_an_h1_repeating_the_title() {
        let blocks = body("<h1> T </h1><h1>Another</h1><h2>Section <b>two</b></h2><p>x</p>");
        assert_eq!(
            blocks[..2],
            [
                Block::Heading(vec![plain("Another")]),
                Block::Heading(vec![plain("Section "), Span::new("two", Inline::Strong)]),
            ]
        );
        assert_eq!(blocks.len(), 3);
    }

    fn cells(row: &[Vec<Span>]) -> Vec<String> {
        row.iter().map(|c| crate::article::run_text(c)).collect()
    }

    #[test]
    fn tables_become_table_blocks() {
        let blocks = body(
            "<p>Before.</p><table><caption>Rainfall</caption>\
             <thead><tr><th>City</th><th>Rain</th></tr></thead>\
             <tbody><tr><td><a href='https://x.org/l'>Lisbon</a></td><td><p>712</p><p>mm</p></td></tr>\
             <tr><td colspan=2>All \u{1b}[31mcities</td></tr><tr><td><ul><li>one<li>two</ul></td><td></td></tr>\
             <tr><td>Faro</td></tr></tbody></table><p>After.</p>",
        );
        assert_eq!(texts(&blocks[..2]), ["Before.", "Rainfall"]);
        let Block::Table { header, rows, .. } = &blocks[2] else {
            panic!("{blocks:?}");
        };
        assert_eq!(cells(header), ["City", "Rain"]);
        assert_eq!(cells(&rows[0]), ["Lisbon", "712 mm"]);
        assert_eq!(rows[0][0][0].link.as_deref(), Some("https://x.org/l"));
        assert_eq!(cells(&rows[1]), ["All [31mcities", ""], "colspan lines up");
        assert_eq!(cells(&rows[2]), ["• one • two", ""]);
        assert_eq!(cells(&rows[3]), ["Faro"], "a short row is not padded");
        assert_eq!(texts(&blocks[3..]), ["After."]);
    }

    #[test]
    fn a_first_row_of_th_is_the_header_and_without_one_there_is_none() {
        let blocks =
            body("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>");
        let Block::Table { header, rows, .. } = &blocks[0] else {
            panic!("{blocks:?}");
        };
        assert_eq!(
            (cells(header), rows.len()),
            (vec!["A".into(), "B".into()], 1)
        );
        let blocks =
            body("<table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>");
        let Block::Table { header, rows, .. } = &blocks[0] else {
            panic!("{blocks:?}");
        };
        assert!(header.is_empty());
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn layout_tables_and_nested_tables_degrade_to_text() {
        // A grid of empty cells is nothing to read.
        assert!(body("<table><tr><td> </td><td><img width=1 src=p></td></tr></table>").is_empty());
        // A one-column table lays out a page: its cells are read as blocks.
        let blocks = body(
            "<table><tr><td><h2>Section</h2><p>First.</p></td></tr><tr><td>Second.</td></tr></table>",
        );
        assert_eq!(texts(&blocks), ["Section", "First.", "Second."]);
        assert!(matches!(blocks[0], Block::Heading(_)));
        // A table inside a cell of another is run into that cell's text.
        let blocks = body(
            "<table><tr><td>Outer</td><td><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>",
        );
        let Block::Table { rows, .. } = &blocks[0] else {
            panic!("{blocks:?}");
        };
        assert_eq!(blocks.len(), 1);
        assert_eq!(cells(&rows[0]), ["Outer", "a b"]);
        // A data table inside a layout table stays a table.
        let blocks = body(
            "<table><tr><td><p>Intro.</p><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>",
        );
        assert_eq!(texts(&blocks[..1]), ["Intro."]);
        assert!(matches!(blocks[1], Block::Table { .. }));
    }

    #[test]
    fn images_are_placeholders_linked_to_the_image() {
        let blocks = body(
            "<p>The quay <img src=' https://x.org/q.jpg ' alt='Flooded&#10; quay&#27;[2J'>at dawn \
             <img src=p.png> <a href='/home'><img alt=logo src=l.png></a>\
             <img src=pixel.gif width=1 height=1><img src=x.png hidden></p>",
        );
        let spans = blocks[0].spans();
        assert_eq!(spans[0], plain("The quay "));
        assert_eq!(
            spans[1],
            Span::link("[image: Flooded quay]", "https://x.org/q.jpg")
        );
        assert_eq!(spans[2], plain("at dawn "));
        assert_eq!(spans[3], Span::link("[image]", "p.png"));
        assert_eq!(spans[4], plain(" "));
        assert_eq!(spans[5], Span::link("[image: logo]", "/home"));
        assert_eq!(
            spans.len(),
            6,
            "no tracking pixel, nothing hidden: {spans:?}"
        );
    }

    #[test]
    fn deep_and_sparse_tables_cost_what_their_source_does() {
        // Tables past the fourth inside one another are read as their cells' text.
        let deep = "<table><tr><td>a</td><td>".repeat(50) + "core";
        let blocks = body(&deep);
        let Block::Table { rows, .. } = &blocks[0] else {
            panic!("{blocks:?}");
        };
        assert_eq!(crate::article::run_text(&rows[0][0]), "a");
        assert!(
            blocks[0].text().ends_with("a a core"),
            "{}",
            blocks[0].text()
        );
        // One wide row and many short ones: the short rows are not padded.
        let sparse = format!(
            "<table><tr>{}</tr>{}</table>",
            "<td>h</td>".repeat(5_000),
            "<tr><td>x</td></tr>".repeat(5_000)
        );
        let blocks = body(&sparse);
        let Block::Table { rows, .. } = &blocks[0] else {
            panic!("{blocks:?}");
        };
        assert_eq!(rows.iter().map(Vec::len).sum::<usize>(), 10_000);
    }

    #[test]
    fn inline_styles_become_spans_and_merge() {
        let blocks = body(
            "<p>A <em>b</em><i> c</i> <strong>d</strong><b>e</b> <code>f()</code> <kbd>g</kbd> \
             <a href='/h'>h <em>i</em></a> <a name='j'>j</a> <strong><em>k</em></strong></p>",
        );
        assert_eq!(
            blocks,
            [Block::Paragraph(vec![
                plain("A "),
                Span::new("b c", Inline::Emphasis),
                plain(" "),
                Span::new("de", Inline::Strong),
                plain(" "),
                Span::new("f() g", Inline::Code),
                plain(" "),
                Span::link("h i", "/h"),
                plain(" j "),
                Span::new("k", Inline::Strong),
            ])]
        );
    }

    #[test]
    fn whitespace_collapses_as_in_a_browser() {
        let blocks = body(
            "<p>\n  Several\t\tspaces \r\n and <em> lines </em> here\n</p>\
             <p> &nbsp; </p><p>   </p><div>Loose <span>text</span><p>Para</p>tail<br>after br</div>",
        );
        assert_eq!(
            blocks,
            [
                Block::Paragraph(vec![
                    plain("Several spaces and "),
                    Span::new("lines", Inline::Emphasis),
                    plain(" here"),
                ]),
                Block::Paragraph(vec![plain("Loose text")]),
                Block::Paragraph(vec![plain("Para")]),
                Block::Paragraph(vec![plain("tail")]),
                Block::Paragraph(vec![plain("after br")]),
            ]
        );
    }

    #[test]
    fn preformatted_lines_are_code_paragraphs() {
        let blocks = body("<pre>\nfn main() {\n\tprint(<b>1</b>);\n\n}\n</pre>");
        let code = |text: &str| Block::Paragraph(vec![Span::new(text, Inline::Code)]);
        assert_eq!(blocks, [code("fn main() {"), code("print(1);"), code("}")]);
    }

    #[test]
    fn decoded_entities_cannot_steer_the_terminal() {
        let a = parse(&page(
            "<title>Bad&#27;[31m title</title>",
            "<p>red&#x1b;]0;owned&#7;&#x202e; text</p>",
        ))
        .unwrap();
        // The whole sequence goes, not just its ESC.
        assert_eq!(a.title, "Bad title");
        assert!(
            a.body.blocks[0]
                .text()
                .chars()
                .all(|c| !is_invisible_or_control(c))
        );
    }

    #[test]
    fn survives_deep_and_broken_markup() {
        // Recursion over this tree would overflow the stack.
        let deep = format!(
            "<title>Deep</title>{}<p>Bottom.</p>",
            "<div>".repeat(100_000)
        );
        assert_eq!(texts(&parse(&deep).unwrap().body.blocks), ["Bottom."]);
        let nested = format!(
            "<title>T</title>{}x",
            "<blockquote><ul><li><em>".repeat(2_000)
        );
        assert!(parse(&nested).is_ok());
        let broken = "<title>T</title><p>one <b>two <i>three</p><li>four</ul></table><p>five";
        assert_eq!(
            texts(&parse(broken).unwrap().body.blocks),
            ["one two three", "four", "five"]
        );
    }

    #[test]
    fn nesting_beyond_the_limit_loses_tags_but_not_text() {
        let deep = format!(
            "{}x{}",
            "<div><em>".repeat(1_000),
            "</em>y</div>".repeat(1_000)
        );
        let limited = limit_depth(&deep);
        assert_eq!(limited.matches("<div>").count(), MAX_DEPTH / 2);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH / 2);
        assert_eq!(limited.matches('y').count(), 1_000);
        // The text of the elements past the limit runs on in the deepest one kept.
        let blocks = body(&deep);
        assert_eq!(blocks.len(), MAX_DEPTH / 2);
        assert_eq!(blocks[0].spans()[0].style, Inline::Emphasis);
        assert_eq!(blocks.iter().map(|b| b.text().len()).sum::<usize>(), 1_001);
    }

    #[test]
    fn list_items_past_the_limit_lose_their_tags_too() {
        let deep = format!("{}x", "<ul><li>".repeat(100_000));
        let limited = limit_depth(&deep);
        assert_eq!(limited.matches("<ul>").count(), MAX_DEPTH);
        assert!(limited.matches("<li>").count() <= MAX_DEPTH + 1);
        // Short lists keep every item, however many.
        let long = format!("<ul>{}</ul>", "<li>item".repeat(10_000));
        assert!(matches!(limit_depth(&long), Cow::Borrowed(_)));
        assert_eq!(
            body(&deep).iter().map(|b| b.text()).collect::<String>(),
            "x"
        );
    }

    #[test]
    fn depth_limit_leaves_ordinary_pages_alone() {
        let saved = include_str!("../../../tests/fixtures/library/html/saved-page.html");
        assert!(matches!(limit_depth(saved), Cow::Borrowed(_)));
        // Raw text, comments, quoted `>` and self-closing elements do not count as nesting.
        let tricky = format!(
            "<script>{0}</script><!-- {0} --><p title='>'><img/>{1}<li>{1}<svg>{2}</svg>",
            "<div>".repeat(600),
            "<br><p>".repeat(600),
            "<path/>".repeat(600),
        );
        assert!(matches!(limit_depth(&tricky), Cow::Borrowed(_)));
        assert!(matches!(
            limit_depth(&"<b></b>".repeat(10_000)),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn depth_limit_reads_tags_as_the_tokenizer_does() {
        let divs = "<div>".repeat(MAX_DEPTH + 10);
        // Each of these is over before the divs, so the divs are counted and limited.
        for before in [
            "<!-->",
            "<!--->",
            "<!-- x --!>",
            "<p =\">",
            "<p a=\"x>y\" b='>' c=d>",
            "<p a=/>",
            "<script>x</SCRIPT >",
            "<svg><title>x</title></svg>",
        ] {
            let text = format!("{before}{divs}");
            let limited = limit_depth(&text);
            assert_eq!(limited.matches("<div>").count(), MAX_DEPTH, "{before}");
        }
        // Raw text and comments are not markup.
        for (open, close) in [
            ("<script>", "</script>"),
            ("<title>", "</title>"),
            ("<!--", "-->"),
        ] {
            let quiet = format!("{open}{divs}{close}{divs}");
            assert_eq!(
                limit_depth(&quiet).matches("<div>").count(),
                MAX_DEPTH + 10 + MAX_DEPTH
            );
        }
    }

    #[test]
    fn reads_a_saved_news_page() {
        let a = parse(include_str!(
            "../../../tests/fixtures/library/html/saved-page.html"
        ))
        .unwrap();
        assert_eq!(a.title, "Ferry timetable changes for summer");
        assert_eq!(a.author.as_deref(), Some("Nadia Ferreira"));
        assert_eq!(a.date, Some(date(2023, 6, 14)));
        assert_eq!(a.source.as_deref(), Some("The Kettleby Courier"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://kettlebycourier.example/news/2023/06/ferry-timetable-summer")
        );
        assert_eq!(a.tags, ["Transport", "Marram Island"]);
        let blocks = &a.body.blocks;
        assert!(
            blocks[0]
                .text()
                .starts_with("The first crossing from Kettleby harbour")
        );
        assert!(
            blocks[0]
                .spans()
                .contains(&Span::new("6.15am", Inline::Strong))
        );
        assert!(
            blocks[0]
                .spans()
                .iter()
                .any(|s| s.text == "Marram Ferries" && s.style == Inline::Link && s.link.is_some())
        );
        assert!(blocks.contains(&Block::Heading(vec![plain("What changes")])));
        assert!(
            blocks
                .iter()
                .filter(|b| matches!(b, Block::Item { .. }))
                .count()
                == 3
        );
        assert!(blocks.iter().any(|b| matches!(b, Block::Quote(_))));
        let all = texts(blocks).join("\n");
        for absent in [
            "Skip to content",
            "Sport",
            "Related",
            "Sign up",
            "dataLayer",
            "©",
            "Transport",
        ] {
            assert!(!all.contains(absent), "{absent} in {all}");
        }
    }

    #[test]
    fn reads_a_minimal_page() {
        let a = parse(include_str!(
            "../../../tests/fixtures/library/html/plain-page.htm"
        ))
        .unwrap();
        assert_eq!(a.title, "Minimal page");
        assert_eq!((a.author, a.date), (None, None));
        assert_eq!(
            texts(&a.body.blocks),
            [
                "A page saved with nothing but a title and two paragraphs.",
                "It names no author and gives no date."
            ]
        );
    }

    #[test]
    fn an_unclosed_anchor_in_a_heading_loses_no_text() {
        // scraper#147: html5ever's tree builder moves the open <a> along ("adoption agency"),
        // and the paragraphs after it were lost.
        let page = "<title>T</title><h2><a name=\"x\">Head</h2>\n<blockquote>\n<p>One.\n<p>Two <a href=\"/y\">y</a>. three\n";
        let blocks = parse(page).unwrap().body.blocks;
        let all = texts(&blocks).join(" / ");
        assert!(all.contains("Two y. three"), "{all}");
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in any::<String>()) {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_tag_soup(
            text in r"(<(/)?(p|div|ul|ol|li|pre|b|em|a href=x|h1|h2|blockquote|br|script|title|article|nav|ol reversed|table|thead|tr|td|th|td colspan=3|img alt=x src=y|img|figure|figcaption|form|header|noscript)>|[a-z &;#0-9\n\t]{0,6}){0,40}"
        ) {
            if let Ok(a) = parse(&text) {
                prop_assert!(!a.title.is_empty());
                for block in &a.body.blocks {
                    prop_assert!(!block.text().trim().is_empty());
                    prop_assert!(!block.text().contains('\n'));
                }
            }
        }
    }
}

//! How well byline reads saved web pages: its HTML extraction scored on a set of pages whose
//! article body and metadata are known (Mozilla Readability's test pages, kept in
//! `../shared/extraction/readability-test-pages/`, each folder a `source.html`, the
//! `expected.html` body and `expected-metadata.json`).
//!
//! ```text
//! cargo run --release --example extraction [-- PATH] [--pages] [--only NAME] [--dom-smoothie]
//! ```
//!
//! Per page, the words of byline's body (lowercased runs of letters and digits, counted with
//! their repeats) are set against the expected body's: recall is the share of the expected words
//! byline kept, precision the share of byline's words that are in the expected body, F1 their
//! harmonic mean; the table gives the mean over pages. Title, author and date agree when they are
//! equal once lowercased and cut to words (a leading "by" dropped from authors; a title may lack
//! the ` | Site` that Readability keeps after it, or `_Site`, ` [Site]`, `（Site）` as some
//! sites write it); each is counted
//! over the pages whose expected metadata states it. Time is the whole read of one file (decode,
//! clean, parse), in release builds on the machine at hand. `--dom-smoothie` scores
//! `dom_smoothie` alone (its text and metadata) for comparison.
//!
//! Image placeholders are not text, except a figure's caption: Readability keeps an image as an
//! image (its `alt` is not text) and a `<figcaption>` as text, so in byline's `[image: …]` a
//! description that is a caption of the source page counts as words, one that is only an
//! image's `alt` does not.
//!
//! Blocks say what words cannot: whether a page's boilerplate was left out as a whole. The
//! source page's visible text (outside scripts, styles, `<noscript>`, `<head>` and `hidden`
//! elements) is split into blocks as a browser sets it: the text whose nearest block element
//! (`<p>`, `<div>`, `<li>`, a heading, a cell…) is the same. Blocks of fewer than
//! [`BLOCK_WORDS`] words are left out. A block is *main* when most of its word pairs (two
//! words in a row) are in the expected body, *boilerplate* otherwise, and *kept* when most of
//! its word pairs are in byline's body. The table gives the share of main blocks kept and of
//! boilerplate blocks left out, over all pages' blocks, and the pages where every block was
//! right (each main block kept, each boilerplate block left out).

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use byline::library::{Format, parse_bytes};
use clap::Parser;

#[derive(Debug, Parser)]
#[command(about = "Scores byline's HTML extraction on pages with a known body and metadata")]
struct Args {
    /// The folder of test pages.
    #[arg(default_value = "../shared/extraction/readability-test-pages")]
    path: PathBuf,
    /// Print a line per page (recall, precision, time, metadata found and expected).
    #[arg(long)]
    pages: bool,
    /// Only pages whose folder name contains this; with it, each page's body is printed too,
    /// then the source's blocks that byline got wrong (main ones left out, boilerplate kept).
    #[arg(long)]
    only: Option<String>,
    /// Score dom_smoothie alone instead of byline.
    #[arg(long)]
    dom_smoothie: bool,
}

/// What one extraction gave for a page.
#[derive(Default)]
struct Extracted {
    body: String,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

/// Blocks of the source page with fewer words than this are not counted: a word or two (a
/// menu's item, a date) is in almost any body.
const BLOCK_WORDS: usize = 5;

/// How a page's blocks fared: main blocks and those kept, boilerplate blocks and those left out.
#[derive(Default, Clone, Copy)]
struct Blocks {
    main: usize,
    kept: usize,
    boilerplate: usize,
    left_out: usize,
}

impl Blocks {
    fn add(&mut self, other: Blocks) {
        self.main += other.main;
        self.kept += other.kept;
        self.boilerplate += other.boilerplate;
        self.left_out += other.left_out;
    }

    fn all_right(&self) -> bool {
        self.kept == self.main && self.left_out == self.boilerplate
    }
}

/// What the test page says the extraction should give.
struct Expected {
    body: String,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

#[derive(Default)]
struct Tally {
    /// Pages with an expected value, and those byline agreed on.
    stated: usize,
    agreed: usize,
    /// Pages that state none where one was found.
    extra: usize,
}

impl Tally {
    fn add(&mut self, expected: Option<&str>, found: Option<&str>, norm: fn(&str) -> String) {
        let Some(expected) = expected.map(norm).filter(|e| !e.is_empty()) else {
            self.extra += usize::from(found.is_some());
            return;
        };
        self.stated += 1;
        if found.map(norm).is_some_and(|f| f == expected) {
            self.agreed += 1;
        }
    }

    fn share(&self) -> String {
        format!(
            "{:.1}% ({}/{}; {} more where none is stated)",
            percent(self.agreed, self.stated),
            self.agreed,
            self.stated,
            self.extra
        )
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut dirs: Vec<PathBuf> = match std::fs::read_dir(&args.path) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("source.html").is_file())
            .collect(),
        Err(err) => {
            eprintln!("{}: {err}", args.path.display());
            return ExitCode::FAILURE;
        }
    };
    dirs.sort();
    if let Some(only) = &args.only {
        dirs.retain(|d| {
            d.file_name()
                .is_some_and(|n| n.to_string_lossy().contains(only))
        });
    }

    let (mut recall, mut precision, mut f1) = (0.0, 0.0, 0.0);
    let (mut titles, mut authors, mut dates) =
        (Tally::default(), Tally::default(), Tally::default());
    let mut times = Vec::new();
    let mut panics = 0;
    let mut scored = 0;
    let (mut blocks, mut pages_right) = (Blocks::default(), 0);
    std::panic::set_hook(Box::new(|_| {}));
    for dir in &dirs {
        let Some(expected) = expected(dir) else {
            eprintln!("{}: cannot read the expected files", dir.display());
            continue;
        };
        let Ok(source) = std::fs::read(dir.join("source.html")) else {
            continue;
        };
        let images = Images::of(&String::from_utf8_lossy(&source));
        let start = Instant::now();
        let got = catch_unwind(AssertUnwindSafe(|| {
            if args.dom_smoothie {
                dom_smoothie_alone(&source)
            } else {
                byline_reads(&source)
            }
        }));
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        let mut got = got.unwrap_or_else(|_| {
            panics += 1;
            Extracted::default()
        });
        got.body = images.strip(&got.body);
        let source_blocks = source_blocks(&source);
        let (page_blocks, wrong) = judge_blocks(&source_blocks, &expected.body, &got.body);
        blocks.add(page_blocks);
        pages_right += usize::from(page_blocks.all_right());
        let (r, p) = overlap(&words(&expected.body), &words(&got.body));
        let f = if r + p > 0.0 {
            2.0 * r * p / (r + p)
        } else {
            0.0
        };
        recall += r;
        precision += p;
        f1 += f;
        scored += 1;
        // Readability keeps a site's name after the title (`Title | Site`); byline takes it
        // off when it knows the site's name. Either agrees.
        let title = match (&expected.title, &got.title) {
            (Some(e), Some(g)) if site_suffix_of(e, g) => Some(e.clone()),
            _ => got.title.clone(),
        };
        titles.add(expected.title.as_deref(), title.as_deref(), words_only);
        authors.add(
            expected.author.as_deref(),
            got.author.as_deref(),
            author_words,
        );
        dates.add(expected.date.as_deref(), got.date.as_deref(), day);
        if args.only.is_some() {
            println!("{}\n", got.body);
            for (main, block) in &wrong {
                let said = if *main {
                    "main, left out"
                } else {
                    "boilerplate, kept"
                };
                println!(
                    "{said}: {}",
                    block.split_whitespace().collect::<Vec<_>>().join(" ")
                );
            }
        }
        if args.pages || args.only.is_some() {
            let name = dir.file_name().unwrap_or_default().to_string_lossy();
            println!(
                "{name:40} R {:5.1} P {:5.1} | {:5.1} ms | blocks {}/{} main kept, {}/{} boilerplate out | title {:?} / {:?} | author {:?} / {:?} | date {:?} / {:?}",
                r * 100.0,
                p * 100.0,
                times.last().copied().unwrap_or_default(),
                page_blocks.kept,
                page_blocks.main,
                page_blocks.left_out,
                page_blocks.boilerplate,
                got.title,
                expected.title,
                got.author,
                expected.author,
                got.date.as_deref().map(day),
                expected.date.as_deref().map(day),
            );
        }
    }
    if scored == 0 {
        eprintln!("no pages in {}", args.path.display());
        return ExitCode::FAILURE;
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let n = scored as f64;
    println!("pages       {scored}");
    println!("recall      {:.1}%", recall / n * 100.0);
    println!("precision   {:.1}%", precision / n * 100.0);
    println!("F1          {:.3}", f1 / n);
    println!("title       {}", titles.share());
    println!("author      {}", authors.share());
    println!("date        {}", dates.share());
    println!(
        "main blocks kept          {:.1}% ({}/{})",
        percent(blocks.kept, blocks.main),
        blocks.kept,
        blocks.main
    );
    println!(
        "boilerplate blocks out    {:.1}% ({}/{})",
        percent(blocks.left_out, blocks.boilerplate),
        blocks.left_out,
        blocks.boilerplate
    );
    println!("pages with every block right {pages_right}/{scored}");
    println!(
        "ms per page median {:.2}, p95 {:.2}, max {:.2}",
        at(0.5),
        at(0.95),
        at(1.0)
    );
    println!("panics      {panics}");
    ExitCode::SUCCESS
}

fn byline_reads(source: &[u8]) -> Extracted {
    let Ok(mut records) = parse_bytes(source, Format::Html) else {
        return Extracted::default();
    };
    let Some((_, parsed)) = records.articles.pop() else {
        return Extracted::default();
    };
    // Image placeholders are taken out by `Images::strip`, which knows the page's captions.
    let body: Vec<String> = (parsed.body.blocks.iter())
        .map(|b| {
            let spans = b.runs().into_iter().flatten();
            spans.map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
        })
        .collect();
    Extracted {
        body: body.join("\n"),
        title: Some(parsed.title),
        author: parsed.author,
        date: parsed.date.map(|d| d.to_string()),
    }
}

fn dom_smoothie_alone(source: &[u8]) -> Extracted {
    let text = String::from_utf8_lossy(source);
    let Ok(mut readability) = dom_smoothie::Readability::new(text.as_ref(), None, None) else {
        return Extracted::default();
    };
    match readability.parse() {
        Ok(article) => Extracted {
            body: article.text_content.to_string(),
            title: Some(article.title),
            author: article.byline,
            date: article.published_time,
        },
        Err(_) => Extracted::default(),
    }
}

fn expected(dir: &Path) -> Option<Expected> {
    let html = std::fs::read_to_string(dir.join("expected.html")).ok()?;
    let meta = std::fs::read_to_string(dir.join("expected-metadata.json")).ok()?;
    let meta: serde_json::Value = serde_json::from_str(&meta).ok()?;
    let field = |key: &str| meta.get(key)?.as_str().map(str::to_string);
    Some(Expected {
        body: html_text(&html),
        title: field("title"),
        author: field("byline"),
        date: field("publishedTime"),
    })
}

/// The descriptions a source page gives its images (`alt`) and its figures (`<figcaption>`),
/// as words.
struct Images {
    alts: HashSet<String>,
    captions: HashSet<String>,
}

impl Images {
    fn of(source: &str) -> Self {
        let page = scraper::Html::parse_document(source);
        let mut images = Images {
            alts: HashSet::new(),
            captions: HashSet::new(),
        };
        for element in page
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            match element.value().name() {
                "img" => {
                    let alt = element.value().attr("alt").unwrap_or_default();
                    images.alts.insert(words_only(alt));
                }
                "figcaption" => {
                    let text: String = element.text().collect::<Vec<_>>().join(" ");
                    images.captions.insert(words_only(&text));
                }
                _ => {}
            }
        }
        images
    }

    /// `text` without its image placeholders (`[image]`, `[image: description]`), but with the
    /// descriptions that are not only an image's `alt` (a figure's caption) left as text.
    fn strip(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find("[image") {
            out.push_str(&rest[..at]);
            let after = &rest[at + "[image".len()..];
            if let Some(next) = after.strip_prefix(']') {
                rest = next;
                continue;
            }
            let Some(inner) = after.strip_prefix(": ") else {
                out.push_str("[image");
                rest = after;
                continue;
            };
            // The description runs to the bracket that closes the placeholder's.
            let mut depth = 1;
            let end = inner.char_indices().find_map(|(i, c)| {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(i)
            });
            let end = end.unwrap_or(inner.len());
            let description = &inner[..end];
            // A caption is read whole, so it is one of the page's captions as it stands.
            let words = words_only(description);
            let caption = self.captions.contains(&words);
            if caption || !self.alts.contains(&words) {
                out.push(' ');
                out.push_str(description);
                out.push(' ');
            }
            rest = inner.get(end + 1..).unwrap_or_default();
        }
        out.push_str(rest);
        out
    }
}

/// The source page's blocks of visible text, in order: the text of each element that is the
/// nearest block element of some text, outside what a reader never sees.
fn source_blocks(source: &[u8]) -> Vec<String> {
    const BLOCKS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ];
    const UNSEEN: &[&str] = &[
        "script", "style", "noscript", "template", "head", "title", "svg", "math", "select",
        "textarea", "iframe",
    ];
    let page = scraper::Html::parse_document(&String::from_utf8_lossy(source));
    let mut order: Vec<String> = Vec::new();
    let mut at = HashMap::new();
    for node in page.tree.root().descendants() {
        let scraper::Node::Text(text) = node.value() else {
            continue;
        };
        let mut block = None;
        let mut unseen = false;
        for ancestor in node.ancestors() {
            let Some(element) = ancestor.value().as_element() else {
                continue;
            };
            if UNSEEN.contains(&element.name()) || element.attr("hidden").is_some() {
                unseen = true;
                break;
            }
            if block.is_none() && BLOCKS.contains(&element.name()) {
                block = Some(ancestor.id());
            }
        }
        let Some(block) = block.filter(|_| !unseen) else {
            continue;
        };
        let i = *at.entry(block).or_insert_with(|| {
            order.push(String::new());
            order.len() - 1
        });
        order[i].push_str(text);
    }
    order
}

/// How the source page's `blocks` fared, against the `expected` body and the one byline `got`,
/// and the blocks that fared wrong (whether each is main, its text).
fn judge_blocks<'b>(
    blocks: &'b [String],
    expected: &str,
    got: &str,
) -> (Blocks, Vec<(bool, &'b str)>) {
    let (expected, got) = (pairs(expected), pairs(got));
    let mut judged = Blocks::default();
    let mut wrong = Vec::new();
    for block in blocks {
        let words = word_list(block);
        if words.len() < BLOCK_WORDS {
            continue;
        }
        let own: Vec<(&str, &str)> = words.windows(2).map(|w| (&*w[0], &*w[1])).collect();
        let mostly_in = |set: &HashSet<(String, String)>| {
            let found = own
                .iter()
                .filter(|(a, b)| set.contains(&((*a).to_string(), (*b).to_string())))
                .count();
            found * 2 > own.len()
        };
        let (main, kept) = (mostly_in(&expected), mostly_in(&got));
        if main {
            judged.main += 1;
            judged.kept += usize::from(kept);
        } else {
            judged.boilerplate += 1;
            judged.left_out += usize::from(!kept);
        }
        if main != kept {
            wrong.push((main, block.as_str()));
        }
    }
    (judged, wrong)
}

/// Lowercased runs of letters and digits, in order.
fn word_list(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Each two words in a row in `text`.
fn pairs(text: &str) -> HashSet<(String, String)> {
    let words = word_list(text);
    words
        .windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect()
}

/// The text of an HTML fragment, outside scripts and styles.
fn html_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    let mut text = String::new();
    for node in fragment.tree.nodes() {
        if let scraper::Node::Text(t) = node.value() {
            let in_code = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
            });
            if !in_code {
                text.push_str(t);
                text.push(' ');
            }
        }
    }
    text
}

/// Lowercased runs of letters and digits, with how often each occurs.
fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Recall (share of `expected` in `got`) and precision (share of `got` in `expected`).
fn overlap(expected: &HashMap<String, usize>, got: &HashMap<String, usize>) -> (f64, f64) {
    let common: usize = expected
        .iter()
        .map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0)))
        .sum();
    let total = |m: &HashMap<String, usize>| m.values().sum::<usize>();
    let share = |total: usize| {
        if total == 0 {
            0.0
        } else {
            common as f64 / total as f64
        }
    };
    let (e, g) = (total(expected), total(got));
    if e == 0 && g == 0 {
        // Nothing expected and nothing given agree.
        return (1.0, 1.0);
    }
    (share(e), share(g))
}

fn words_only(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `expected` is `got` followed by a separator and more (a site's name).
fn site_suffix_of(expected: &str, got: &str) -> bool {
    let (e, g) = (expected.trim(), got.trim());
    e.strip_prefix(g).is_some_and(|rest| {
        [
            " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " [", " _", "_", "（",
        ]
        .iter()
        .any(|sep| rest.starts_with(sep))
    })
}

fn author_words(text: &str) -> String {
    let words = words_only(text);
    words.strip_prefix("by ").unwrap_or(&words).to_string()
}

/// The day of a timestamp as written (`2021-11-01T10:52:50+0100` → `2021-11-01`).
fn day(text: &str) -> String {
    text.trim().chars().take(10).collect()
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

//! How fast byline filters, sets text and scans, against peers measured in the same run.
//!
//! `cargo bench` prints medians and ratios; nothing here asserts a time. Peers: nucleo-matcher
//! (the matcher helix and television use) scoring the same fields in-process, and `fzf --filter`
//! on the same lines when fzf is installed. Sizes: BYLINE_BENCH_ARTICLES (default 100,000).

use std::hint::black_box;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use byline::article::{Article, Block, Body, Inline, Source, Span};
use byline::library::Library;
use byline::query::Query;
use byline::query::index::{Field, Index};
use byline::query::rank::{Hit, Matcher, Sort, filter};
use byline::reading::reflow;
use jiff::civil::Date;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Utf32Str};

const WORDS: &[&str] = &[
    "harbour",
    "council",
    "tram",
    "strike",
    "flood",
    "barrier",
    "election",
    "recount",
    "museum",
    "reef",
    "survey",
    "tunnel",
    "library",
    "bakery",
    "prize",
    "ferry",
    "drought",
    "startup",
    "breach",
    "budget",
    "minister",
    "talks",
    "river",
    "school",
    "hospital",
    "market",
    "storm",
    "record",
    "workers",
    "rail",
    "port",
    "deal",
    "korea",
    "japan",
    "intelligence",
    "summit",
];
const NAMES: &[&str] = &[
    "Ben McGrath",
    "Ada Quinn",
    "Bo Okafor",
    "Lucía Brennan",
    "Henrik Vassallo",
    "Orla Tennant",
    "Samir Oduya",
    "Priya Halvorsen",
    "Caspar Amadi",
    "Mireille Osterhout",
];

/// A small deterministic generator, so every run filters the same library.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

fn articles(n: usize) -> Vec<Article> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| {
            let words = 4 + rng.next() % 8;
            let title: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
            let mut title = title.join(" ");
            title[..1].make_ascii_uppercase();
            let date = Date::new(
                2000 + (rng.next() % 26) as i16,
                1 + (rng.next() % 12) as i8,
                1 + (rng.next() % 28) as i8,
            )
            .ok();
            Article {
                id: format!("{i:016x}"),
                title,
                author: Some(rng.pick(NAMES).to_string()),
                date,
                path: PathBuf::from(format!("{i}.txt")),
                url: None,
                publication: None,
                tags: Vec::new(),
                words: 500,
                source: Source::Sample(0),
            }
        })
        .collect()
}

/// Median wall time of `runs` calls.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// The peer: nucleo-matcher, every term against every field, best field per term, all must match.
fn nucleo_filter(index: &Index, query: &str) -> usize {
    let mut matcher = nucleo_matcher::Matcher::new(Config::DEFAULT);
    let patterns: Vec<Pattern> = query
        .split_whitespace()
        .map(|t| {
            Pattern::new(
                t,
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Fuzzy,
            )
        })
        .collect();
    let mut buf = Vec::new();
    let mut hits: Vec<(u32, usize)> = Vec::new();
    'entries: for (i, entry) in index.entries.iter().enumerate() {
        let mut total = 0;
        for pattern in &patterns {
            let best = Field::ALL
                .iter()
                .filter_map(|&f| {
                    pattern.score(Utf32Str::new(entry.field(f), &mut buf), &mut matcher)
                })
                .max();
            match best {
                Some(score) => total += score,
                None => continue 'entries,
            }
        }
        hits.push((total, i));
    }
    hits.sort_unstable_by(|a, b| b.cmp(a));
    hits.len()
}

fn fzf_filter(lines: &[u8], query: &str) -> Option<Duration> {
    let start = Instant::now();
    let mut child = Command::new("fzf")
        .args(["--filter", query])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(lines).ok()?;
    child.wait().ok()?;
    Some(start.elapsed())
}

fn main() {
    let n: usize = std::env::var("BYLINE_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let articles = articles(n);
    let build = median(5, || {
        black_box(Index::build(&articles));
    });
    let index = Index::build(&articles);
    println!("{n} articles; index build {build:.1?}");

    let lines: Vec<u8> = index
        .entries
        .iter()
        .flat_map(|e| {
            format!(
                "{}\t{}\t{} {} {}\n",
                e.title, e.author, e.date_iso, e.date_long, e.date_month
            )
            .into_bytes()
        })
        .collect();
    let matcher = Matcher::default();
    let today = byline::article::date::today();
    println!(
        "{:<16} {:>8} {:>12} {:>12} {:>8} {:>12} {:>8}",
        "query", "hits", "byline", "nucleo", "ratio", "fzf", "ratio"
    );
    for query in [
        "h",
        "harb",
        "tram strike",
        "dec 2014",
        "mcgrath korea",
        "zzzz",
    ] {
        let mut hits = 0;
        let ours = median(5, || {
            let parsed = Query::parse(query, today).expect("valid query");
            hits = black_box(filter(&matcher, &index, &parsed, Sort::Newest, None)).len();
        });
        let peer = median(5, || {
            black_box(nucleo_filter(&index, query));
        });
        let fzf = {
            let mut times: Vec<Duration> =
                (0..3).filter_map(|_| fzf_filter(&lines, query)).collect();
            times.sort();
            times.get(times.len() / 2).copied()
        };
        let ratio = |d: Duration| ours.as_secs_f64() / d.as_secs_f64();
        println!(
            "{:<16} {:>8} {:>12.1?} {:>12.1?} {:>7.2}x {:>12} {:>8}",
            format!("{query:?}"),
            hits,
            ours,
            peer,
            ratio(peer),
            fzf.map_or("-".into(), |d| format!("{d:.1?}")),
            fzf.map_or("-".into(), |d| format!("{:.2}x", ratio(d))),
        );
    }

    // The query language's other atoms; fzf takes the same `'`, `^`, `$` and `!` syntax (not the
    // field scopes or dates, so those have no peer).
    println!(
        "{:<22} {:>8} {:>12} {:>12} {:>8}",
        "query", "hits", "byline", "fzf", "ratio"
    );
    for query in [
        "'harb",
        "^harb",
        "strike$",
        "!harb",
        "harb | tram",
        "a:mcgrath",
        "t:korea a:mcgrath",
        "d:2014..2015",
        "d:<6m",
    ] {
        let parsed = Query::parse(query, today).expect("valid query");
        let mut hits = 0;
        let ours = median(5, || {
            hits = black_box(filter(&matcher, &index, &parsed, Sort::Newest, None)).len();
        });
        let fzf = (!query.contains(':'))
            .then(|| {
                let mut times: Vec<Duration> =
                    (0..3).filter_map(|_| fzf_filter(&lines, query)).collect();
                times.sort();
                times.get(times.len() / 2).copied()
            })
            .flatten();
        println!(
            "{:<22} {:>8} {:>12.1?} {:>12} {:>8}",
            format!("{query:?}"),
            hits,
            ours,
            fzf.map_or("-".into(), |d| format!("{d:.1?}")),
            fzf.map_or("-".into(), |d| format!(
                "{:.2}x",
                ours.as_secs_f64() / d.as_secs_f64()
            )),
        );
    }

    // Typing a query key by key: every key searching the whole library, against each key
    // searching only the previous key's hits when the query narrows (what the reader does).
    for typed in ["harbour", "mcgrath korea"] {
        let prefixes: Vec<Query> = (1..=typed.len())
            .map(|i| Query::parse(&typed[..i], today).expect("valid query"))
            .collect();
        let full = median(5, || {
            for q in &prefixes {
                black_box(filter(&matcher, &index, q, Sort::Newest, None));
            }
        });
        let narrowed = median(5, || {
            let mut previous: Option<(&Query, Vec<Hit>)> = None;
            for q in &prefixes {
                let within = previous
                    .as_ref()
                    .filter(|(p, _)| q.narrows(p))
                    .map(|(_, h)| h.as_slice());
                let hits = filter(&matcher, &index, q, Sort::Newest, within);
                previous = Some((q, black_box(hits)));
            }
        });
        println!(
            "typing {typed:?} key by key: {full:.1?} searching everything, {narrowed:.1?} narrowing ({:.2}x)",
            narrowed.as_secs_f64() / full.as_secs_f64()
        );
    }

    // Reflow: a 2,000-word article set to 80 columns.
    let paragraph = "The council has been pressing both residents and traders for a decision \
                     on the harbour tram, and *the vote* is due next week. "
        .repeat(10);
    let body = Body {
        blocks: (0..10)
            .map(|_| Block::Paragraph(vec![Span::new(paragraph.clone(), Inline::Plain)]))
            .collect(),
    };
    let header = reflow::Header {
        title: "A long article",
        byline: "Ada Quinn · 1 May 2020".into(),
        about: String::new(),
        stats: String::new(),
    };
    let words = body.word_count();
    let reflow_time = median(21, || {
        black_box(reflow::article(&header, &body, reflow::Setting::plain(80)));
    });
    let textwrap_time = median(21, || {
        for block in &body.blocks {
            black_box(textwrap::wrap(&block.text(), 80));
        }
    });
    println!(
        "reflow {words} words to 80 columns: {reflow_time:.1?} (textwrap::wrap on the same text: {textwrap_time:.1?}, ratio {:.2}x)",
        reflow_time.as_secs_f64() / textwrap_time.as_secs_f64()
    );

    // Scan: write 10,000 article files, then scan them; the peer reads the same files raw.
    let dir = tempfile::tempdir().expect("temp dir");
    let files = 10_000.min(n);
    for (i, a) in articles.iter().take(files).enumerate() {
        let text = format!(
            "{}\n\n{}\n\n31 December 2014\n\n{}\n",
            a.title,
            a.author.as_deref().unwrap_or(""),
            paragraph
        );
        std::fs::write(dir.path().join(format!("{i:05}.txt")), text).expect("write");
    }
    let roots = [dir.path().to_path_buf()];
    let scan = median(3, || {
        black_box(Library::scan(&roots));
    });
    let raw = median(3, || {
        for entry in std::fs::read_dir(dir.path()).expect("read dir") {
            black_box(std::fs::read(entry.expect("entry").path()).expect("read"));
        }
    });
    println!(
        "scan {files} files: {scan:.1?} (reading them raw: {raw:.1?}, ratio {:.2}x)",
        scan.as_secs_f64() / raw.as_secs_f64()
    );
}

//! Known-item search: does the article a person has in mind come first?
//!
//! ```text
//! cargo run --release --example known_item [-- --articles 20000 --targets 120 --seeds 1,2,3,4,5]
//! ```
//!
//! For each seed, a library of the generator's headers (`support/generator.rs`, as `gen_library`
//! writes them), and targets picked with a fixed seed. For each target, four queries typed the
//! way a person remembers an article:
//!
//! - **words**: the first 3-4 letters of two of its title words (`pens wage`);
//! - **author**: its author's surname and year (`mcgrath 2014`);
//! - **typo**: one title word cut short or misspelt by one edit (`refrom`, `pensio`);
//! - **month**: its month and year and the start of a title word (`dec 2014 harb`).
//!
//! byline ranks with `query::rank::filter` (what `byline list --query` and the reader use), no
//! field scopes; `fzf --filter` ranks the same `title | author | date` lines. The rank of the
//! target gives MRR (the mean of 1/rank, 0 when not found), % first, % in the top 10 and % not
//! found. Each figure is the mean over the seeds, with the lowest and highest seed after it.
//!
//! Then what ties cost byline: the MRR it would have if each target came first among the
//! articles it scores the same, and on average over their orders (which is the best any
//! tie-break can do that does not know the target). A last line takes the typo queries whose
//! word is misspelt rather than cut short (no word of the title starts with them): how many of
//! those each tool finds at all, and in its top 10.

#[path = "support/generator.rs"]
#[allow(dead_code)] // gen_library uses parts this example does not
mod generator;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

use byline::article::{Article, Source};
use byline::query::Query;
use byline::query::index::Index;
use byline::query::rank::{Matcher, Sort, filter};
use clap::Parser;
use jiff::civil::date;

use generator::{Generator, Header, Rng};

#[derive(Debug, Parser)]
#[command(about = "Known-item search: byline against fzf --filter")]
struct Args {
    /// Articles per library.
    #[arg(long, default_value_t = 20_000)]
    articles: usize,
    /// Target articles per library.
    #[arg(long, default_value_t = 120)]
    targets: usize,
    /// The libraries, by seed.
    #[arg(long, value_delimiter = ',', default_values_t = [1, 2, 3, 4, 5])]
    seeds: Vec<u64>,
    /// Print each query whose target byline ranks below this (to study the misses).
    #[arg(long)]
    show_worse_than: Option<usize>,
    /// Leave fzf out (quicker, while tuning).
    #[arg(long)]
    byline_only: bool,
}

/// The four kinds of query, in the order the table shows them.
const KINDS: [&str; 4] = ["words", "author", "typo", "month"];

/// Words nobody types to find an article.
const STOP: &[&str] = &[
    "the", "and", "for", "after", "why", "over", "deal", "with", "as", "in", "on", "at", "of",
];

fn main() -> ExitCode {
    let args = Args::parse();
    let fzf = if args.byline_only {
        None
    } else {
        fzf_version()
    };
    match &fzf {
        Some(v) => println!("fzf {v}"),
        None if args.byline_only => println!("fzf left out (--byline-only)"),
        None => println!("fzf is NOT installed: only byline's figures are shown (apt install fzf)"),
    }
    println!(
        "{} articles, {} targets, seeds {:?}\n",
        args.articles, args.targets, args.seeds
    );
    // [kind][seed] → figures.
    let mut ours = vec![Vec::new(); KINDS.len()];
    let mut theirs = vec![Vec::new(); KINDS.len()];
    // [kind] → (MRR with the target first among the articles byline scores the same, MRR of a
    // fair draw among them), one pair per query.
    let mut ties: Vec<Vec<(f64, f64)>> = vec![Vec::new(); KINDS.len()];
    // The typo queries whose word is misspelt (not cut short), byline's and fzf's ranks.
    let mut misspelt: (Vec<Option<usize>>, Vec<Option<usize>>) = (Vec::new(), Vec::new());
    for &seed in &args.seeds {
        let g = Generator::new(seed);
        let headers: Vec<Header> = (0..args.articles).map(|i| g.header(i)).collect();
        let articles: Vec<Article> = headers.iter().enumerate().map(article).collect();
        let index = Index::build(&articles);
        let lines: String = headers
            .iter()
            .enumerate()
            .map(|(i, h)| format!("{i}\t{}\n", h.line()))
            .collect();
        let mut rng = Rng::new(seed ^ 0x007A_26E7_5EED);
        let mut ranks = vec![(Vec::new(), Vec::new()); KINDS.len()];
        let mut picked = 0;
        while picked < args.targets {
            let target = rng.below(headers.len());
            let Some(queries) = queries(&mut rng, &headers[target]) else {
                continue;
            };
            picked += 1;
            for (k, query) in queries.into_iter().enumerate() {
                let (r, top, tied) = byline_rank(&index, &query, target);
                if let Some((above, same)) = tied {
                    ties[k].push(tie_bounds(above, same));
                }
                let theirs = fzf.is_some().then(|| fzf_rank(&lines, &query, target));
                if let Some(worse) = args.show_worse_than
                    && r.is_none_or(|r| r > worse)
                {
                    let fzf = theirs.map_or(String::new(), |f| format!(" (fzf {f:?})"));
                    println!(
                        "  {:<7} {query:<24} rank {r:?}{fzf}: {}",
                        KINDS[k],
                        headers[target].line()
                    );
                    if let Some(top) = top {
                        println!("  {:<7} {:<24} first: {}", "", "", headers[top].line());
                    }
                }
                ranks[k].0.push(r);
                if let Some(f) = theirs {
                    ranks[k].1.push(f);
                }
                if KINDS[k] == "typo" && is_misspelt(&query, &headers[target].title) {
                    misspelt.0.push(r);
                    if let Some(f) = theirs {
                        misspelt.1.push(f);
                    }
                }
            }
        }
        for (k, (b, f)) in ranks.into_iter().enumerate() {
            ours[k].push(Figures::of(&b));
            if fzf.is_some() {
                theirs[k].push(Figures::of(&f));
            }
        }
    }

    println!(
        "| query kind | byline MRR | fzf MRR | byline % first | fzf % first | byline % top 10 | fzf % top 10 | byline % not found | fzf % not found |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let all = |per: &[Vec<Figures>]| -> Vec<Figures> {
        let seeds = per.first().map_or(0, Vec::len);
        (0..seeds)
            .map(|s| Figures::mean(per.iter().map(|k| &k[s])))
            .collect()
    };
    let rows = KINDS
        .iter()
        .enumerate()
        .map(|(k, name)| (name.to_string(), ours[k].clone(), theirs[k].clone()))
        .chain([("all four".to_string(), all(&ours), all(&theirs))]);
    for (name, b, f) in rows {
        let cell = |runs: &[Figures], get: fn(&Figures) -> f64, percent: bool| {
            if runs.is_empty() {
                return "-".to_string();
            }
            let values: Vec<f64> = runs.iter().map(get).collect();
            spread(&values, percent)
        };
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&b, |f| f.mrr, false),
            cell(&f, |f| f.mrr, false),
            cell(&b, |f| f.first, true),
            cell(&f, |f| f.first, true),
            cell(&b, |f| f.top10, true),
            cell(&f, |f| f.top10, true),
            cell(&b, |f| f.missing, true),
            cell(&f, |f| f.missing, true),
        );
    }
    // What ties cost: no order that does not know the target does better than a fair draw
    // among the articles that score the same.
    println!(
        "\n| query kind | byline MRR, the target first among its ties | a fair draw among them |"
    );
    println!("|---|---|---|");
    let mean = |of: &[(f64, f64)]| {
        let n = of.len().max(1) as f64;
        let (first, draw) = of.iter().fold((0.0, 0.0), |s, t| (s.0 + t.0, s.1 + t.1));
        (first / n, draw / n)
    };
    let each: Vec<(f64, f64)> = ties.iter().map(|t| mean(t)).collect();
    let names = KINDS.iter().copied().chain(["all four"]);
    for (name, (first, draw)) in names.zip(each.iter().copied().chain([mean(&each)])) {
        println!("| {name} | {first:.2} | {draw:.2} |");
    }

    let (b, f) = (Figures::of(&misspelt.0), Figures::of(&misspelt.1));
    let found = |f: &Figures| format!("{:.0}%", (1.0 - f.missing) * 100.0);
    let top10 = |f: &Figures| format!("{:.0}%", f.top10 * 100.0);
    let (fzf_found, fzf_top10) = if fzf.is_some() {
        (found(&f), top10(&f))
    } else {
        ("-".to_string(), "-".to_string())
    };
    println!(
        "\nMisspelt words ({} of the typo queries, all seeds): found by byline {}, by fzf {}; \
         in the top 10 {} and {}",
        misspelt.0.len(),
        found(&b),
        fzf_found,
        top10(&b),
        fzf_top10,
    );
    ExitCode::SUCCESS
}

/// Whether a typo query is a misspelt word rather than the start of one of the title's words.
fn is_misspelt(query: &str, title: &str) -> bool {
    !title
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.to_lowercase().starts_with(query))
}

/// An article with just the header, as the index needs it.
fn article((i, h): (usize, &Header)) -> Article {
    Article {
        id: format!("{i:016x}"),
        title: h.title.clone(),
        author: Some(h.author.clone()),
        date: Some(h.date),
        path: PathBuf::from(format!("{i}.txt")),
        url: None,
        publication: None,
        tags: Vec::new(),
        words: 0,
        source: Source::Sample(0),
    }
}

/// The four queries for one target, in [`KINDS`] order; none for a title without a word worth
/// typing.
fn queries(rng: &mut Rng, h: &Header) -> Option<Vec<String>> {
    let words: Vec<String> = h
        .title
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !STOP.contains(&w.as_str()))
        .collect();
    if words.is_empty() {
        return None;
    }
    let prefix = |w: &str, n: usize| w.chars().take(n).collect::<String>();
    let pick = |rng: &mut Rng| words[rng.below(words.len())].clone();

    let first = pick(rng);
    let mut second = pick(rng);
    for _ in 0..8 {
        if second != first {
            break;
        }
        second = pick(rng);
    }
    let typed_words = if second == first {
        prefix(&first, rng.between(3, 4))
    } else {
        format!(
            "{} {}",
            prefix(&first, rng.between(3, 4)),
            prefix(&second, rng.between(3, 4))
        )
    };

    let surname: String = h
        .author
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let author = format!("{surname} {}", h.date.year());

    // A word long enough to get wrong: one of five letters or more, if the title has one.
    let mut long: Vec<&String> = words.iter().filter(|w| w.chars().count() >= 5).collect();
    if long.is_empty() {
        long = words.iter().collect();
    }
    let word: Vec<char> = long[rng.below(long.len())].chars().collect();
    let typo = if word.len() < 5 {
        word.iter().collect()
    } else if rng.one_in(2) {
        // Cut short: the first 4 letters to all but the last.
        word[..rng.between(4, word.len() - 1)].iter().collect()
    } else {
        misspell(rng, &word)
    };

    let month = format!(
        "{} {} {}",
        &h.long_date()
            .split(' ')
            .nth(1)
            .unwrap_or_default()
            .to_lowercase()[..3],
        h.date.year(),
        prefix(&pick(rng), rng.between(3, 5))
    );
    Some(vec![typed_words, author, typo, month])
}

/// One edit away from `word`, never at its first letter (people get that right): a letter
/// dropped, doubled, replaced by a neighbour on the keyboard, or two letters swapped.
fn misspell(rng: &mut Rng, word: &[char]) -> String {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let neighbour = |c: char, rng: &mut Rng| -> char {
        for row in ROWS {
            if let Some(at) = row.find(c) {
                let row: Vec<char> = row.chars().collect();
                return if at + 1 < row.len() && (at == 0 || rng.one_in(2)) {
                    row[at + 1]
                } else {
                    row[at - 1]
                };
            }
        }
        c
    };
    let mut out = word.to_vec();
    let at = rng.between(1, word.len() - 1);
    match rng.below(4) {
        0 => {
            out.remove(at);
        }
        1 => out.insert(at, neighbour(word[at], rng)),
        2 => out[at] = neighbour(word[at], rng),
        _ => {
            let at = at.min(word.len() - 2);
            out.swap(at, at + 1);
        }
    }
    if out == word {
        out.remove(at);
    }
    out.into_iter().collect()
}

/// The reciprocal rank of a target with `above` articles scored higher and `same` scored the
/// same (itself included): when it comes first among those, and on average over their orders.
fn tie_bounds(above: usize, same: usize) -> (f64, f64) {
    let same = same.max(1);
    let draw = (1..=same).map(|i| 1.0 / (above + i) as f64).sum::<f64>() / same as f64;
    (1.0 / (above + 1) as f64, draw)
}

/// Where byline ranks `target` for `query` (from 1), if it finds it; what it ranks first; and
/// how many articles it scores above the target and the same as it (the target included).
fn byline_rank(
    index: &Index,
    query: &str,
    target: usize,
) -> (Option<usize>, Option<usize>, Option<(usize, usize)>) {
    let today = date(2026, 12, 1);
    let query = Query::parse(query, today).expect("the benchmark's queries are valid");
    let hits = filter(&Matcher::default(), index, &query, Sort::Newest, None);
    let tied = hits.iter().find(|h| h.index == target).map(|t| {
        let above = hits.iter().filter(|h| h.score > t.score).count();
        let same = hits.iter().filter(|h| h.score == t.score).count();
        (above, same)
    });
    (
        hits.iter().position(|h| h.index == target).map(|p| p + 1),
        hits.first().map(|h| h.index),
        tied,
    )
}

/// Where `fzf --filter` ranks `target`'s line (from 1), if it finds it.
fn fzf_rank(lines: &str, query: &str, target: usize) -> Option<usize> {
    let mut child = Command::new("fzf")
        .args(["--filter", query, "--delimiter", "\t", "--nth", "2.."])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = lines.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().ok()?;
    let _ = writer.join();
    let id = target.to_string();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .position(|l| l.split('\t').next() == Some(id.as_str()))
        .map(|p| p + 1)
}

fn fzf_version() -> Option<String> {
    let out = Command::new("fzf").arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The figures of one kind of query on one library.
#[derive(Debug, Clone, Copy, Default)]
struct Figures {
    mrr: f64,
    first: f64,
    top10: f64,
    missing: f64,
}

impl Figures {
    fn of(ranks: &[Option<usize>]) -> Self {
        let n = ranks.len().max(1) as f64;
        let share =
            |f: &dyn Fn(&Option<usize>) -> bool| ranks.iter().filter(|r| f(r)).count() as f64 / n;
        Self {
            mrr: ranks.iter().flatten().map(|&r| 1.0 / r as f64).sum::<f64>() / n,
            first: share(&|r| *r == Some(1)),
            top10: share(&|r| r.is_some_and(|r| r <= 10)),
            missing: share(&|r| r.is_none()),
        }
    }

    fn mean<'a>(all: impl Iterator<Item = &'a Figures>) -> Self {
        let all: Vec<&Figures> = all.collect();
        let n = all.len().max(1) as f64;
        Self {
            mrr: all.iter().map(|f| f.mrr).sum::<f64>() / n,
            first: all.iter().map(|f| f.first).sum::<f64>() / n,
            top10: all.iter().map(|f| f.top10).sum::<f64>() / n,
            missing: all.iter().map(|f| f.missing).sum::<f64>() / n,
        }
    }
}

/// `0.62 (0.55–0.70)` or `41% (35–48)`: the mean over seeds, then the lowest and highest.
fn spread(values: &[f64], percent: bool) -> String {
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if percent {
        format!(
            "{:.0}% ({:.0}–{:.0})",
            mean * 100.0,
            low * 100.0,
            high * 100.0
        )
    } else {
        format!("{mean:.2} ({low:.2}–{high:.2})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `a` is one edit from `b`: a letter changed, dropped or added, or two neighbours
    /// swapped.
    fn one_edit(a: &[char], b: &[char]) -> bool {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let same = short.iter().zip(long).take_while(|(x, y)| x == y).count();
        match long.len() - short.len() {
            1 => short[same..] == long[same + 1..],
            0 if same < a.len() => {
                let changed = a[same + 1..] == b[same + 1..];
                let swapped = same + 1 < a.len()
                    && a[same] == b[same + 1]
                    && a[same + 1] == b[same]
                    && a[same + 2..] == b[same + 2..];
                changed || swapped
            }
            _ => false,
        }
    }

    #[test]
    fn one_edit_is_one_edit() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        for (a, b) in [
            ("harbour", "harbor"),
            ("harbour", "harboura"),
            ("hrabour", "harbour"),
            ("harbuor", "harbour"),
            ("harbous", "harbour"),
        ] {
            assert!(one_edit(&c(a), &c(b)) && one_edit(&c(b), &c(a)), "{a} {b}");
        }
        for (a, b) in [
            ("harbour", "harbour"),
            ("harbor", "harb"),
            ("hraboru", "harbour"),
            ("xarbous", "harbour"),
        ] {
            assert!(!one_edit(&c(a), &c(b)), "{a} {b}");
        }
    }

    #[test]
    fn a_misspelling_is_one_edit_away_with_the_first_letter_kept() {
        let mut rng = Rng::new(7);
        for w in ["harbour", "pension", "budget", "strike", "all"] {
            let word: Vec<char> = w.chars().collect();
            for _ in 0..200 {
                let typed: Vec<char> = misspell(&mut rng, &word).chars().collect();
                assert!(one_edit(&typed, &word), "{w} -> {typed:?}");
                assert_eq!(typed[0], word[0]);
            }
        }
    }

    #[test]
    fn every_target_gets_four_queries_byline_reads() {
        let g = Generator::new(3);
        let mut rng = Rng::new(3);
        for i in 0..300 {
            let h = g.header(i);
            let q = queries(&mut rng, &h).expect("generated titles have words to type");
            assert_eq!(q.len(), KINDS.len());
            assert!(q[1].ends_with(&h.date.year().to_string()), "{q:?}");
            assert!(q[3].contains(&h.date.year().to_string()), "{q:?}");
            for line in &q {
                let parsed = Query::parse(line, date(2026, 12, 1)).unwrap();
                assert!(!parsed.is_empty(), "{line:?}");
            }
        }
    }

    #[test]
    fn a_misspelt_word_is_no_start_of_a_title_word() {
        let title = "Pensioners march on Lima";
        assert!(!is_misspelt("pensio", title), "cut short");
        assert!(!is_misspelt("lima", title), "whole");
        assert!(is_misspelt("pesnio", title));
        assert!(is_misspelt("marhc", title));
    }

    #[test]
    fn ties_bound_the_reciprocal_rank() {
        assert_eq!(tie_bounds(0, 1), (1.0, 1.0));
        // Third of three behind one: 1/2 at best, (1/2 + 1/3 + 1/4) / 3 on average.
        let (first, draw) = tie_bounds(1, 3);
        assert_eq!(first, 0.5);
        assert!((draw - (0.5 + 1.0 / 3.0 + 0.25) / 3.0).abs() < 1e-9);
    }

    #[test]
    fn figures_from_ranks() {
        let f = Figures::of(&[Some(1), Some(2), None, Some(20)]);
        assert!((f.mrr - (1.0 + 0.5 + 0.05) / 4.0).abs() < 1e-9);
        assert_eq!((f.first, f.top10, f.missing), (0.25, 0.5, 0.25));
        assert_eq!(spread(&[0.5, 0.25], false), "0.38 (0.25–0.50)");
        assert_eq!(spread(&[0.5, 0.25], true), "38% (25–50)");
    }
}

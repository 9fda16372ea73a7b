//! Times `text:` queries against a library's full-text index, as the reader runs them: the
//! index's rows for each term, mapped to articles, then ranked with the other terms.
//!
//! ```text
//! cargo run --release --example gen_library -- --count 100000 --out /tmp/lib100k
//! XDG_CACHE_HOME=/tmp/cache byline index --library /tmp/lib100k
//! XDG_CACHE_HOME=/tmp/cache cargo run --release --example text_query -- /tmp/lib100k 'x:havana' ...
//! ```
//!
//! Prints, per query, the hits and the best of five runs (the first text query of a library
//! also learns which index rows are which articles: timed on its own as "coverage").

#[path = "support/cached.rs"]
mod cached;

use std::path::PathBuf;
use std::time::Instant;

use byline::library::fulltext::{self, TextIndex};
use byline::query::Query;
use byline::query::index::Index;
use byline::query::rank::{self, Matcher, Sort, TextHits};
use byline::query::{Test, Words};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("a library folder"));
    let (library, index_path) = cached::open(root);
    let entries = Index::build(&library.articles);
    let text = TextIndex::open_existing(&fulltext::path_beside(&index_path)).expect("an index");
    let started = Instant::now();
    let coverage = text.coverage(&library).expect("coverage");
    println!(
        "coverage of {} articles: {:.1} ms",
        coverage.covered(),
        started.elapsed().as_secs_f64() * 1e3
    );
    let today = jiff::civil::date(2026, 12, 1);
    let matcher = Matcher::default();
    for line in args {
        let query = Query::parse(&line, today).expect("a query");
        let mut best = f64::MAX;
        let mut found = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let mut hits = TextHits::default();
            for atom in query.atoms() {
                if let Test::Words(term) = &atom.test {
                    resolve(&text, &coverage, term, &mut hits);
                }
            }
            let ranked = rank::filter_with(&matcher, &entries, &query, Sort::Newest, None, &hits);
            found = ranked.len();
            best = best.min(started.elapsed().as_secs_f64());
        }
        let started = Instant::now();
        for atom in query.atoms() {
            if let Test::Words(term) = &atom.test {
                std::hint::black_box(text.search(term).expect("a search"));
            }
        }
        let index_only = started.elapsed().as_secs_f64();
        println!(
            "{line:40} {found:7} hits {:8.1} ms (the index's part {:.1} ms)",
            best * 1e3,
            index_only * 1e3
        );
    }
}

fn resolve(text: &TextIndex, coverage: &fulltext::Coverage, term: &Words, hits: &mut TextHits) {
    let found = text
        .search(term)
        .expect("a search")
        .into_iter()
        .filter_map(|(row, bm25)| Some((coverage.article(row)?, rank::relevance(bm25))))
        .collect();
    hits.set(term, found);
}

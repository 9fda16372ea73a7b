//! A search as the app asks for it ([`Request`]) and its result ([`Done`]), and the [`Runner`]
//! that turns one into the other, narrowing on the last hits when it can.
//!
//! Everything here is pure: where a search runs (inline for small libraries, on a worker thread
//! for large ones) is the shell's business (`shell::search`). Each request carries a generation
//! number and the app keeps only the result of its newest, so the newest query always wins
//! whatever order results come back in. A query that narrows the last one searched (typing on,
//! adding a term; see [`Query::narrows`]) searches only the last hits instead of the whole
//! library.

use std::sync::Arc;

use crate::query::Query;
use crate::query::index::Index;
use crate::query::rank::{self, Hit, Matcher, Sort, TextHits};

/// From this many articles on, the reader matches on a worker thread: below it a search takes
/// under a few milliseconds (see `cargo bench`), quicker than a frame.
pub const BACKGROUND_FROM: usize = 5_000;

/// A search to run.
#[derive(Debug, Clone)]
pub struct Request {
    pub generation: u64,
    /// What to search: the library's matchable text as the app knows it.
    pub index: Arc<Index>,
    pub query: Query,
    pub sort: Sort,
    /// The library index of an article to keep selected, if it is still among the hits.
    pub keep: Option<usize>,
    /// The articles the query's `text:` terms matched: the app leaves it empty, the shell
    /// fills it in (from the full-text index) before the search runs.
    pub texts: TextHits,
}

/// A finished search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub generation: u64,
    pub hits: Vec<Hit>,
    pub keep: Option<usize>,
    /// Whether only the previous hits were searched.
    pub narrowed: bool,
}

/// Runs requests one after another, remembering the last so the next can narrow it.
#[derive(Debug, Default)]
pub struct Runner {
    matcher: Matcher,
    last: Option<(Arc<Index>, Query, Vec<Hit>)>,
}

impl Runner {
    pub fn run(&mut self, request: Request) -> Done {
        // The last hits can be narrowed only if they came from the same index.
        let within = self
            .last
            .as_ref()
            .filter(|(index, query, _)| {
                Arc::ptr_eq(index, &request.index) && request.query.narrows(query)
            })
            .map(|(_, _, hits)| hits.as_slice());
        let narrowed = within.is_some();
        let hits = rank::filter_with(
            &self.matcher,
            &request.index,
            &request.query,
            request.sort,
            within,
            &request.texts,
        );
        self.last = Some((request.index, request.query, hits.clone()));
        Done {
            generation: request.generation,
            hits,
            keep: request.keep,
            narrowed,
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::article::{Article, test_article};

    pub(crate) fn index(n: usize) -> Arc<Index> {
        let articles: Vec<Article> = (0..n)
            .map(|i| {
                let date = date(2020, 1, 1)
                    .checked_add(jiff::Span::new().days(i as i64))
                    .ok();
                let author = format!("Author {}", i % 7);
                test_article(
                    &format!("Article number {i} about harbours and trams"),
                    Some(&author),
                    date,
                )
            })
            .collect();
        Arc::new(Index::build(&articles))
    }

    fn request(index: &Arc<Index>, line: &str, keep: Option<usize>) -> Request {
        Request {
            generation: 1,
            index: Arc::clone(index),
            query: Query::parse(line, date(2026, 11, 28)).unwrap(),
            sort: Sort::Newest,
            keep,
            texts: TextHits::default(),
        }
    }

    #[test]
    fn runs_narrow_on_the_last_hits_of_the_same_index() {
        let index = index(50);
        let mut runner = Runner::default();
        let first = runner.run(request(&index, "t:1", None));
        assert!(!first.narrowed);
        assert_eq!(first.hits.len(), 14, "1, 10 to 19, 21, 31 and 41");
        let second = runner.run(request(&index, "t:1 author\\ 3", Some(3)));
        assert!(second.narrowed);
        assert_eq!(second.keep, Some(3));
        let found: Vec<usize> = second.hits.iter().map(|h| h.index).collect();
        // By Author 3; a `1` that starts a number scores above one inside it, then newest first.
        assert_eq!(found, [17, 10, 31]);
        // Backspace widens again: a full search.
        assert!(!runner.run(request(&index, "t:1", None)).narrowed);
        // Another index (the library changed): never narrowed on hits of the old one.
        let other = self::index(50);
        assert!(!runner.run(request(&other, "t:1 author", None)).narrowed);
    }
}

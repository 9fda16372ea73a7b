//! Where the app's searches run: inline for small libraries, on a worker thread for large ones,
//! so typing never waits for matching.
//!
//! The worker skips to the newest request waiting, so a burst of keys costs one search; the app
//! drops results older than its newest request (see [`crate::query::run`]).

use std::sync::mpsc::{self, Sender};
use std::thread;

use crate::query::run::{BACKGROUND_FROM, Done, Request, Runner};

/// Runs search requests, inline or on a worker thread.
#[derive(Debug)]
pub enum Searcher {
    /// On the caller's thread: the result comes back at once.
    Inline(Box<Runner>),
    /// On a worker thread: the result is handed to the `deliver` callback given at the start.
    Background(Sender<Request>),
}

impl Searcher {
    /// Searches inline.
    pub fn inline() -> Self {
        Searcher::Inline(Box::default())
    }

    /// Searches inline for a library of `articles`, or on a worker thread from
    /// [`BACKGROUND_FROM`] articles on, which hands each result to `deliver`.
    pub fn for_library(articles: usize, deliver: impl Fn(Done) + Send + 'static) -> Self {
        if articles < BACKGROUND_FROM {
            return Self::inline();
        }
        let (requests, inbox) = mpsc::channel::<Request>();
        thread::spawn(move || {
            let mut runner = Runner::default();
            while let Ok(mut request) = inbox.recv() {
                // Only the newest query matters; skip the ones typed over meanwhile.
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                deliver(runner.run(request));
            }
        });
        Searcher::Background(requests)
    }

    /// Starts a search: the result now if it runs inline, else later through `deliver`.
    pub fn run(&mut self, request: Request) -> Option<Done> {
        match self {
            Searcher::Inline(runner) => Some(runner.run(request)),
            Searcher::Background(requests) => {
                // A send fails only if the worker died; the last results then stay on screen.
                let _ = requests.send(request);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use jiff::civil::date;

    use super::*;
    use crate::article::{Article, test_article};
    use crate::query::Query;
    use crate::query::index::Index;
    use crate::query::rank::Sort;

    fn index(n: usize) -> Arc<Index> {
        let articles: Vec<Article> = (0..n)
            .map(|i| {
                test_article(
                    &format!("Article number {i} about harbours and trams"),
                    Some(&format!("Author {}", i % 7)),
                    None,
                )
            })
            .collect();
        Arc::new(Index::build(&articles))
    }

    fn request(index: &Arc<Index>, generation: u64, line: &str) -> Request {
        Request {
            generation,
            index: Arc::clone(index),
            query: Query::parse(line, date(2026, 11, 28)).unwrap(),
            sort: Sort::Newest,
            keep: None,
        }
    }

    #[test]
    fn a_worker_answers_every_burst_with_the_newest_search() {
        let index = index(BACKGROUND_FROM);
        let (sender, results) = mpsc::channel();
        let mut searcher = Searcher::for_library(BACKGROUND_FROM, move |done| {
            let _ = sender.send(done);
        });
        assert!(matches!(searcher, Searcher::Background(_)));
        for (generation, line) in ["n", "nu", "num", "numb", "number 19"].iter().enumerate() {
            assert!(
                searcher
                    .run(request(&index, generation as u64 + 1, line))
                    .is_none()
            );
        }
        let newest = loop {
            let done = results
                .recv_timeout(Duration::from_secs(30))
                .expect("the worker answers");
            if done.generation == 5 {
                break done;
            }
        };
        let inline = Searcher::inline()
            .run(request(&index, 5, "number 19"))
            .unwrap();
        assert_eq!(newest.hits, inline.hits);
    }
}

//! Running queries: inline for small libraries, on a worker thread for large ones, so that typing
//! never waits for matching.
//!
//! Each request carries a generation number; the worker skips to the newest request waiting and
//! the app ignores results older than its newest request, so the newest query always wins. A query
//! that narrows the last one searched (typing on, adding a term; see [`Query::narrows`]) searches
//! only the last hits instead of the whole library.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::query::Query;
use crate::query::index::Index;
use crate::query::rank::{self, Hit, Matcher, Sort};

/// From this many articles on, the reader matches on a worker thread: below it a search takes
/// under a few milliseconds (see `cargo bench`), quicker than a frame.
pub const BACKGROUND_FROM: usize = 5_000;

/// A search to run.
#[derive(Debug, Clone)]
pub struct Request {
    pub generation: u64,
    pub query: Query,
    pub sort: Sort,
    /// The library index of an article to keep selected, if it is still among the hits.
    pub keep: Option<usize>,
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
struct Runner {
    matcher: Matcher,
    last: Option<(Query, Vec<Hit>)>,
}

impl Runner {
    fn run(&mut self, index: &Index, request: Request) -> Done {
        let within = self
            .last
            .as_ref()
            .filter(|(query, _)| request.query.narrows(query))
            .map(|(_, hits)| hits.as_slice());
        let narrowed = within.is_some();
        let hits = rank::filter(&self.matcher, index, &request.query, request.sort, within);
        self.last = Some((request.query, hits.clone()));
        Done {
            generation: request.generation,
            hits,
            keep: request.keep,
            narrowed,
        }
    }
}

/// Where searches run.
#[derive(Debug)]
enum Mode {
    /// On the caller's thread; the result waits to be collected.
    Inline {
        runner: Box<Runner>,
        ready: Option<Done>,
    },
    /// On a worker thread.
    Background {
        requests: Sender<Request>,
        results: Receiver<Done>,
    },
}

/// The search engine of one library.
#[derive(Debug)]
pub struct Search {
    index: Arc<Index>,
    mode: Mode,
    generation: u64,
}

impl Search {
    /// Searches that run inline, when submitted.
    pub fn inline(index: Arc<Index>) -> Self {
        Self {
            index,
            mode: Mode::Inline {
                runner: Box::default(),
                ready: None,
            },
            generation: 0,
        }
    }

    /// Searches that run on a worker thread; `notify` is called from it after each result, to
    /// wake the event loop.
    pub fn background(index: Arc<Index>, notify: impl Fn() + Send + 'static) -> Self {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, results) = mpsc::channel();
        let worker_index = Arc::clone(&index);
        thread::spawn(move || {
            let mut runner = Runner::default();
            while let Ok(mut request) = inbox.recv() {
                // Only the newest query matters; skip the ones typed over meanwhile.
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let done = runner.run(&worker_index, request);
                if outbox.send(done).is_err() {
                    break;
                }
                notify();
            }
        });
        Self {
            index,
            mode: Mode::Background { requests, results },
            generation: 0,
        }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Starts a search; its result comes from [`Search::poll`].
    pub fn submit(&mut self, query: Query, sort: Sort, keep: Option<usize>) {
        self.generation += 1;
        let request = Request {
            generation: self.generation,
            query,
            sort,
            keep,
        };
        match &mut self.mode {
            Mode::Inline { runner, ready } => *ready = Some(runner.run(&self.index, request)),
            Mode::Background { requests, .. } => {
                // A send fails only if the worker died; the last results then stay on screen.
                let _ = requests.send(request);
            }
        }
    }

    /// The result of the newest search, once it is done; results of older ones are dropped.
    pub fn poll(&mut self) -> Option<Done> {
        let newest = self.generation;
        match &mut self.mode {
            Mode::Inline { ready, .. } => ready.take(),
            Mode::Background { results, .. } => {
                results.try_iter().filter(|d| d.generation == newest).last()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use jiff::civil::date;

    use super::*;
    use crate::article::{Article, test_article};

    fn index(n: usize) -> Arc<Index> {
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

    fn query(line: &str) -> Query {
        Query::parse(line, date(2026, 11, 28)).unwrap()
    }

    #[test]
    fn inline_results_are_ready_at_once_and_narrow() {
        let mut search = Search::inline(index(50));
        search.submit(query("t:1"), Sort::Newest, None);
        let first = search.poll().unwrap();
        assert!(!first.narrowed);
        assert_eq!(first.hits.len(), 14, "1, 10 to 19, 21, 31 and 41");
        assert!(search.poll().is_none());
        search.submit(query("t:1 author\\ 3"), Sort::Newest, Some(3));
        let second = search.poll().unwrap();
        assert!(second.narrowed);
        assert_eq!(second.keep, Some(3));
        let found: Vec<usize> = second.hits.iter().map(|h| h.index).collect();
        // By Author 3; a `1` that starts a number scores above one inside it, then newest first.
        assert_eq!(found, [17, 10, 31]);
        // Backspace widens again: a full search.
        search.submit(query("t:1"), Sort::Newest, None);
        assert!(!search.poll().unwrap().narrowed);
    }

    #[test]
    fn the_newest_background_search_wins() {
        let (wake, woken) = mpsc::channel();
        let mut search = Search::background(index(2_000), move || {
            let _ = wake.send(());
        });
        for line in ["n", "nu", "num", "numb", "number 19"] {
            search.submit(query(line), Sort::Newest, None);
        }
        let done = loop {
            woken
                .recv_timeout(Duration::from_secs(30))
                .expect("the worker answers");
            if let Some(done) = search.poll() {
                break done;
            }
        };
        assert_eq!(done.generation, 5);
        let inline = {
            let mut s = Search::inline(index(2_000));
            s.submit(query("number 19"), Sort::Newest, None);
            s.poll().unwrap().hits
        };
        assert_eq!(done.hits, inline);
    }
}

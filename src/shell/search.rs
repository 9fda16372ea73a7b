//! Where the app's searches run: inline for small libraries, on a worker thread for large ones,
//! so typing never waits for matching.
//!
//! The worker skips to the newest request waiting, so a burst of keys costs one search; the app
//! drops results older than its newest request (see [`crate::query::run`]).

use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::library::Library;
use crate::query::Test;
use crate::query::rank::{self, Matcher, TextHits};
use crate::query::run::{BACKGROUND_FROM, Done, Request, Runner};
use crate::shell::text::TextFinder;

/// A finder shared by the loop and the worker: whoever runs the search answers its text terms.
type Finder = Arc<Mutex<TextFinder>>;

/// Runs search requests: inline for an index below [`BACKGROUND_FROM`] articles, else on a
/// worker thread (started the first time one is that large) which hands results to `deliver`.
pub struct Searcher {
    runner: Runner,
    worker: Worker,
    /// Where the library's full-text index is, and the finder for the library now shown (kept
    /// beside it, so asking which library it is never waits for the worker using it).
    text_index: Option<PathBuf>,
    finder: Option<(Arc<Library>, Finder)>,
}

enum Worker {
    /// Every search runs inline.
    None,
    /// Not started yet: the callback for its results.
    Ready(Box<dyn Fn(Done) + Send>),
    Started(Sender<(Request, Option<Finder>)>),
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let worker = match self.worker {
            Worker::None => "none",
            Worker::Ready(_) => "ready",
            Worker::Started(_) => "started",
        };
        f.debug_struct("Searcher").field("worker", &worker).finish()
    }
}

impl Searcher {
    /// Searches inline, always.
    pub fn inline() -> Self {
        Self {
            runner: Runner::default(),
            worker: Worker::None,
            text_index: None,
            finder: None,
        }
    }

    /// Answers `text:` terms from the full-text index at `path` (and the files it lacks).
    pub fn with_text_index(mut self, path: Option<PathBuf>) -> Self {
        self.text_index = path;
        self
    }

    /// The library that searches' `text:` terms are answered in (the app's, as it is now).
    pub fn library(&mut self, library: &Arc<Library>) {
        let same = self
            .finder
            .as_ref()
            .is_some_and(|(shown, _)| Arc::ptr_eq(shown, library));
        if !same {
            let finder = TextFinder::new(Arc::clone(library), self.text_index.as_deref());
            let finder = Arc::new(Mutex::new(finder));
            if self.text_index.is_some() && library.articles.len() >= BACKGROUND_FROM {
                // Ready before the first text term is typed; a search that needs it sooner
                // waits for the lock, as it would have done the work itself.
                let ahead = Arc::clone(&finder);
                thread::spawn(move || {
                    if let Ok(mut finder) = ahead.lock() {
                        finder.prepare();
                    }
                });
            }
            self.finder = Some((Arc::clone(library), finder));
        }
    }

    /// Searches inline while the library is small; large ones on a worker thread that hands
    /// each result to `deliver`.
    pub fn with_worker(deliver: impl Fn(Done) + Send + 'static) -> Self {
        Self {
            runner: Runner::default(),
            worker: Worker::Ready(Box::new(deliver)),
            text_index: None,
            finder: None,
        }
    }

    /// Starts a search: the result now if it runs inline (small, or `now` asked for), else
    /// later through the worker's callback.
    pub fn run(&mut self, mut request: Request, now: bool) -> Option<Done> {
        let texts = request
            .query
            .atoms()
            .any(|a| matches!(a.test, Test::Words(_)));
        let finder = self
            .finder
            .as_ref()
            .filter(|_| texts)
            .map(|(_, finder)| Arc::clone(finder));
        if now || request.index.entries.len() < BACKGROUND_FROM {
            resolve(&mut request, finder.as_ref());
            return Some(self.runner.run(request));
        }
        if let Worker::Ready(_) = self.worker {
            let Worker::Ready(deliver) = std::mem::replace(&mut self.worker, Worker::None) else {
                unreachable!("matched just above")
            };
            self.worker = Worker::Started(spawn(deliver));
        }
        match &self.worker {
            Worker::Started(requests) => {
                // A send fails only if the worker died; the last results then stay on screen.
                let _ = requests.send((request, finder));
                None
            }
            Worker::None | Worker::Ready(_) => {
                resolve(&mut request, finder.as_ref());
                Some(self.runner.run(request))
            }
        }
    }
}

/// A worker that answers the newest request waiting, skipping those typed over meanwhile.
fn spawn(deliver: Box<dyn Fn(Done) + Send>) -> Sender<(Request, Option<Finder>)> {
    let (requests, inbox) = mpsc::channel::<(Request, Option<Finder>)>();
    thread::spawn(move || {
        let mut runner = Runner::default();
        let matcher = Matcher::default();
        // A request that came while files were being read for an older one.
        let mut waiting = None;
        loop {
            let Some(mut next) = waiting.take().or_else(|| inbox.recv().ok()) else {
                return;
            };
            while let Ok(newer) = inbox.try_recv() {
                next = newer;
            }
            let (mut request, finder) = next;
            if let Some(Ok(mut finder)) = finder.as_ref().map(|f| f.lock()) {
                // Hits found so far are shown while files are read (no index, or new files),
                // until a newer request takes over.
                let resolved = finder.resolve_streaming(&request.query, |so_far| {
                    if let Ok(newer) = inbox.try_recv() {
                        waiting = Some(newer);
                        return false;
                    }
                    deliver(partial(&matcher, &request, so_far));
                    true
                });
                match resolved {
                    Some(texts) => request.texts = texts,
                    None => continue,
                }
            }
            deliver(runner.run(request));
        }
    });
    requests
}

/// What `request` finds with the text hits found so far: shown, never narrowed on.
fn partial(matcher: &Matcher, request: &Request, texts: &TextHits) -> Done {
    let hits = rank::filter_with(
        matcher,
        &request.index,
        &request.query,
        request.sort,
        None,
        texts,
    );
    Done {
        generation: request.generation,
        hits,
        keep: request.keep,
        narrowed: false,
    }
}

/// Answers the request's `text:` terms, when it has any and there is a library to look in.
fn resolve(request: &mut Request, finder: Option<&Finder>) {
    if let Some(Ok(mut finder)) = finder.map(|f| f.lock()) {
        request.texts = finder.resolve(&request.query);
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
            texts: Default::default(),
        }
    }

    #[test]
    fn text_hits_read_from_the_files_stream_in_before_the_last() {
        // No full-text index: the worker reads the files a part at a time, showing each.
        let dir = tempfile::tempdir().unwrap();
        for i in 0..BACKGROUND_FROM {
            let body = if i % 10 == 0 {
                "the harbour wall"
            } else {
                "the ferry"
            };
            let text = format!("Article {i}\nBy Ann Lee\n3 March 2014\n\n{body}.\n");
            std::fs::write(dir.path().join(format!("{i:05}.txt")), text).unwrap();
        }
        let library = Arc::new(Library::scan(&[dir.path().to_path_buf()]));
        let index = Arc::new(Index::build(&library.articles));
        let (sender, results) = mpsc::channel();
        let mut searcher = Searcher::with_worker(move |done| {
            let _ = sender.send(done);
        });
        searcher.library(&library);
        assert!(
            searcher
                .run(request(&index, 1, "x:harbour"), false)
                .is_none()
        );
        let mut seen = Vec::new();
        while let Ok(done) = results.recv_timeout(Duration::from_secs(60)) {
            seen.push(done.hits.len());
            if done.hits.len() == BACKGROUND_FROM / 10 {
                break;
            }
        }
        assert!(seen.len() >= 2, "hits came in parts: {seen:?}");
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        assert_eq!(seen.last(), Some(&(BACKGROUND_FROM / 10)));
    }

    #[test]
    fn a_worker_answers_every_burst_with_the_newest_search() {
        let index = index(BACKGROUND_FROM);
        let (sender, results) = mpsc::channel();
        let mut searcher = Searcher::with_worker(move |done| {
            let _ = sender.send(done);
        });
        // Asked for now, even a large search runs inline.
        assert!(searcher.run(request(&index, 1, "n"), true).is_some());
        for (generation, line) in ["n", "nu", "num", "numb", "number 19"].iter().enumerate() {
            let request = request(&index, generation as u64 + 1, line);
            assert!(searcher.run(request, false).is_none());
        }
        // A small library searches inline whatever the searcher.
        assert!(
            searcher
                .run(request(&self::index(10), 6, "n"), false)
                .is_some()
        );
        let newest = loop {
            let done = results
                .recv_timeout(Duration::from_secs(30))
                .expect("the worker answers");
            if done.generation == 5 {
                break done;
            }
        };
        let inline = Searcher::inline()
            .run(request(&index, 5, "number 19"), false)
            .unwrap();
        assert_eq!(newest.hits, inline.hits);
    }
}

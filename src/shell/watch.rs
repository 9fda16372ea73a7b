//! A living library: the checker thread that looks at the library folders, at start and
//! whenever they change or `r` asks, and the watcher that tells it they changed.
//!
//! A check walks the folders and stats every file against the index, reading only new and
//! changed ones (`Library::check`): the same work at start, after a file saved by an editor,
//! and after ten thousand files dropped at once. Checks never overlap: what is asked while
//! one runs becomes one more check after it, so a burst of events costs a check or two, never
//! one per file. The watcher (notify, through its debouncer, so an editor's save by rename is
//! one change) only says "look again"; when the system's watch limit is reached, the checker
//! looks every [`POLL`] instead and says so.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::app::Event;
use crate::library::fulltext::{self, TextIndex};
use crate::library::scan::Scanned;
use crate::library::{Library, LibrarySource, Look, cache};

/// How long the watcher waits for a burst of changes to settle before asking for a check.
const SETTLE: Duration = Duration::from_millis(200);

/// How often the folders are checked when they cannot be watched.
pub const POLL: Duration = Duration::from_secs(30);

/// How soon a first scan (no index yet) first shows the articles it has read so far; each
/// later showing waits twice as long as the one before, since each costs the app a new index
/// of everything read so far (a handful in all, however large the library).
const FIRST_PARTIAL: Duration = Duration::from_millis(300);

/// Why the checker looks at the folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The watcher saw a change: look quietly (no progress in the status bar).
    Changed,
    /// `r`: look, with progress, and say what was found.
    ByHand,
    /// The folders cannot be watched (or a library folder was replaced, and the watch went
    /// with the old one): look every [`POLL`] from now on.
    Poll { replaced: bool },
}

/// What the checker tells the event loop.
pub enum Found {
    /// Looked at `done` of `total` files (all: the check is over).
    Checking { done: usize, total: usize },
    /// The library as found (`Event::Library`, with its index), or something to tell the user.
    Event(Event),
}

/// Where the checker looks, and where it keeps what it found.
pub struct Folders {
    pub source: LibrarySource,
    pub roots: Vec<PathBuf>,
    /// The index file; `None` keeps no index (what was found is kept in memory).
    pub index: Option<PathBuf>,
    pub footers: Vec<String>,
}

/// Starts the checker thread, which checks the folders at once and then whenever asked;
/// returns where to ask.
pub fn spawn_checker(folders: Folders, tell: impl Fn(Found) + Send + 'static) -> mpsc::Sender<Ask> {
    let (asks, asked) = mpsc::channel();
    thread::Builder::new()
        .name("checker".into())
        .spawn(move || checker(folders, asked, tell))
        .expect("a thread for the checker");
    asks
}

fn checker(folders: Folders, asked: mpsc::Receiver<Ask>, tell: impl Fn(Found)) {
    // What the last check found, when there is no index file to read it back from.
    let mut kept: Option<Vec<Scanned>> = None;
    let (mut first, mut by_hand, mut polling) = (true, false, false);
    loop {
        let known = kept.take().unwrap_or_else(|| {
            (folders.index.as_deref())
                .and_then(|path| cache::load(path).ok())
                .unwrap_or_default()
        });
        let (changed, next) = check(&folders, known, first, first || by_hand, &tell);
        kept = next;
        if by_hand && !changed {
            tell(Found::Event(Event::Reported(
                "The library has not changed.".into(),
            )));
        }
        first = false;
        // Wait for a reason to look again; every ask that came meanwhile is one check.
        loop {
            let ask = if polling {
                match asked.recv_timeout(POLL) {
                    Ok(ask) => ask,
                    Err(RecvTimeoutError::Timeout) => Ask::Changed,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match asked.recv() {
                    Ok(ask) => ask,
                    Err(_) => return,
                }
            };
            let asks: Vec<Ask> = std::iter::once(ask).chain(asked.try_iter()).collect();
            let poll = |ask: &Ask| matches!(ask, Ask::Poll { .. });
            if !polling && asks.contains(&Ask::Poll { replaced: true }) {
                let every = POLL.as_secs();
                tell(Found::Event(Event::Reported(format!(
                    "A library folder was moved or replaced: it is checked every {every} s now \
                     (r checks at once)."
                ))));
            }
            polling |= asks.iter().any(poll);
            by_hand = asks.contains(&Ask::ByHand);
            if !asks.iter().all(poll) {
                break;
            }
        }
    }
}

/// One check of the folders against `known`: tells the library when it differs (and saves
/// the index), with progress when `loud`. Returns whether it differed, and what it found when
/// the next check cannot read it back from the index.
fn check(
    folders: &Folders,
    known: Vec<Scanned>,
    first: bool,
    loud: bool,
    tell: &impl Fn(Found),
) -> (bool, Option<Vec<Scanned>>) {
    let fresh = first && known.is_empty();
    let (mut shown, mut wait) = (Instant::now(), FIRST_PARTIAL);
    let mut total = 0;
    let roots = &folders.roots;
    let (scanned, changed) = Library::check(roots, known, Look::Files, |progress, partial| {
        total = progress.total;
        if loud {
            tell(Found::Checking {
                done: progress.done.min(progress.total.saturating_sub(1)),
                total: progress.total,
            });
        }
        if fresh && shown.elapsed() >= wait {
            shown = Instant::now();
            wait *= 2;
            let named = LibrarySource::Named(roots.clone());
            let library = Library::from_scanned(&named, partial.to_vec())
                .with_footers(folders.footers.clone());
            tell(Found::Event(Event::library(library, false)));
        }
    });
    // The full-text index follows the library, at start and after every change.
    let for_text = (folders.index.is_some() && (changed || first)).then(|| {
        Library::from_scanned(&folders.source, scanned.clone())
            .with_footers(folders.footers.clone())
    });
    let saved = changed
        && (folders.index.as_deref())
            // A cache: failing to write it costs a start (and a check) time, nothing else.
            .is_some_and(|index| cache::save(index, &scanned).is_ok());
    let next = if changed {
        let next = (!saved).then(|| scanned.clone());
        let library =
            Library::from_scanned(&folders.source, scanned).with_footers(folders.footers.clone());
        // The index too is built here, not on the thread the keys wait on.
        tell(Found::Event(Event::library(library, true)));
        next
    } else {
        // Unchanged: the index says what it found, when there is one.
        folders.index.is_none().then_some(scanned)
    };
    if loud {
        tell(Found::Checking { done: total, total });
    }
    if let (Some(library), Some(index)) = (for_text, folders.index.as_deref()) {
        refresh_text(&fulltext::path_beside(index), &library, tell);
    }
    (changed, next)
}

/// Brings the full-text index up to date with `library`, its progress told to the status bar.
/// A cache: failing costs `text:` terms time (the files are read instead), nothing else.
fn refresh_text(path: &Path, library: &Library, tell: &impl Fn(Found)) {
    let mut index = TextIndex::open(path);
    let mut last = 0;
    let done = index.refresh(library, |p| {
        if p.total > 0 {
            last = p.total;
            tell(Found::Event(Event::Indexing {
                done: p.done.min(p.total - 1),
                total: p.total,
            }));
        }
    });
    if last > 0 || done.is_err() {
        tell(Found::Event(Event::Indexing {
            done: last,
            total: last,
        }));
    }
}

/// Something that keeps the watch on the folders while it lives.
pub struct Watch {
    _debouncer: Option<Box<dyn std::any::Any>>,
}

/// Watches `roots` (and every folder below) and asks `asks` for a check when anything in them
/// is added, changed, renamed or removed. When they cannot be watched (the system's limit on
/// watches, a file system without notifications), asks the checker to poll, and returns why.
pub fn watch(roots: &[PathBuf], asks: mpsc::Sender<Ask>) -> (Watch, Option<String>) {
    let handler = {
        let asks = asks.clone();
        let roots = roots.to_vec();
        move |result: DebounceEventResult| {
            let changed = match &result {
                // Reading a file (byline's own reads among them) changes nothing, nor does
                // anything in a hidden folder or file, which the scan passes over (an
                // editor's swap file; the state and index, should the library be a home).
                Ok(events) => events.iter().any(|e| {
                    !matches!(e.kind, EventKind::Access(_))
                        && e.paths.iter().any(|path| seen(&roots, path))
                }),
                // Events were lost (the queue overflowed): look again to be sure.
                Err(_) => true,
            };
            if changed {
                let _ = asks.send(Ask::Changed);
            }
            // A library folder itself moved or removed (replaced wholesale): the watch went
            // with the old folder, so the new one is looked at by polling.
            let root_moved = result.as_ref().is_ok_and(|events| {
                events.iter().any(|e| {
                    matches!(
                        e.kind,
                        EventKind::Remove(_)
                            | EventKind::Modify(notify::event::ModifyKind::Name(_))
                    ) && e.paths.iter().any(|path| roots.contains(path))
                })
            });
            if root_moved || roots.iter().any(|root| !root.is_dir()) {
                let _ = asks.send(Ask::Poll { replaced: true });
            }
        }
    };
    let failed = |why: String| {
        let _ = asks.send(Ask::Poll { replaced: false });
        let every = POLL.as_secs();
        let message = format!(
            "Cannot watch the library ({why}): it is checked every {every} s; r checks now."
        );
        (Watch { _debouncer: None }, Some(message))
    };
    let mut debouncer = match new_debouncer(SETTLE, None, handler) {
        Ok(debouncer) => debouncer,
        Err(err) => return failed(reason(&err)),
    };
    for root in roots.iter().filter(|root| root.is_dir()) {
        if let Err(err) = debouncer.watch(Path::new(root), RecursiveMode::Recursive) {
            return failed(reason(&err));
        }
    }
    (
        Watch {
            _debouncer: Some(Box::new(debouncer)),
        },
        None,
    )
}

/// Whether the scan looks at `path`: nothing in it below its root is hidden.
fn seen(roots: &[PathBuf], path: &Path) -> bool {
    // A path outside every root (a root reached through a link) is looked at.
    let Some(below) = roots.iter().find_map(|root| path.strip_prefix(root).ok()) else {
        return true;
    };
    !below
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// Why watching failed, said plainly.
fn reason(err: &notify::Error) -> String {
    match err.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "the system's limit on watched folders is reached; raise fs.inotify.max_user_watches"
                .to_string()
        }
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// What the checker tells, in order, until it has told a library or an event (or a
    /// second passes with nothing).
    fn next_news(found: &mpsc::Receiver<Found>) -> Option<String> {
        while let Ok(news) = found.recv_timeout(Duration::from_secs(5)) {
            match news {
                Found::Checking { .. } | Found::Event(Event::Indexing { .. }) => continue,
                Found::Event(Event::Library {
                    library, complete, ..
                }) => {
                    let mut titles: Vec<&str> =
                        library.articles.iter().map(|a| a.title.as_str()).collect();
                    titles.sort();
                    return Some(format!("{complete}: {}", titles.join(", ")));
                }
                Found::Event(Event::Reported(message)) => return Some(message),
                Found::Event(_) => return Some("another event".into()),
            }
        }
        None
    }

    fn article(title: &str) -> String {
        format!("{title}\nBy Ann Author\n1 May 2020\n\nText of it.\n")
    }

    #[test]
    fn the_checker_brings_the_full_text_index_up_to_date_and_says_how_far_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c"] {
            fs::write(dir.path().join(format!("{name}.txt")), article(name)).unwrap();
        }
        let index = cache.path().join("library.index");
        let folders = Folders {
            source: LibrarySource::Named(vec![dir.path().to_path_buf()]),
            roots: vec![dir.path().to_path_buf()],
            index: Some(index.clone()),
            footers: Vec::new(),
        };
        let (sender, found) = mpsc::channel();
        let _asks = spawn_checker(folders, move |news| {
            let _ = sender.send(news);
        });
        let mut told = Vec::new();
        while let Ok(news) = found.recv_timeout(Duration::from_secs(10)) {
            if let Found::Event(Event::Indexing { done, total }) = news {
                told.push((done, total));
                if done == total {
                    break;
                }
            }
        }
        assert_eq!(told.first(), Some(&(0, 3)));
        assert_eq!(told.last(), Some(&(3, 3)));
        let text = TextIndex::open_existing(&fulltext::path_beside(&index)).expect("built");
        let library = Library::scan(&[dir.path().to_path_buf()]);
        assert_eq!(text.status(&library).unwrap().fresh, 3);
    }

    #[test]
    fn the_checker_looks_again_when_asked_and_says_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let index = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), article("Alpha")).unwrap();
        for index in [None, Some(index.path().join("index"))] {
            let folders = Folders {
                source: LibrarySource::Named(vec![dir.path().to_path_buf()]),
                roots: vec![dir.path().to_path_buf()],
                index,
                footers: Vec::new(),
            };
            let (sender, found) = mpsc::channel();
            let asks = spawn_checker(folders, move |news| {
                let _ = sender.send(news);
            });
            assert_eq!(
                next_news(&found).as_deref(),
                Some("true: Alpha"),
                "the first check"
            );
            fs::write(dir.path().join("b.txt"), article("Beta")).unwrap();
            asks.send(Ask::Changed).unwrap();
            assert_eq!(next_news(&found).as_deref(), Some("true: Alpha, Beta"));
            // By hand, with nothing changed: said so.
            asks.send(Ask::ByHand).unwrap();
            let said = next_news(&found).unwrap();
            assert!(said.starts_with("The library has not changed"), "{said}");
            // Quietly, with nothing changed: nothing said.
            asks.send(Ask::Changed).unwrap();
            // Polling from now on is no change in itself.
            asks.send(Ask::Poll { replaced: false }).unwrap();
            fs::remove_file(dir.path().join("b.txt")).unwrap();
            asks.send(Ask::ByHand).unwrap();
            assert_eq!(next_news(&found).as_deref(), Some("true: Alpha"));
        }
    }

    #[test]
    fn the_watcher_asks_for_a_check_when_a_file_comes_and_not_when_one_is_read() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), article("Alpha")).unwrap();
        let (asks, asked) = mpsc::channel();
        let (_watch, trouble) = watch(&[dir.path().to_path_buf()], asks);
        assert_eq!(trouble, None);
        let _ = fs::read(dir.path().join("a.txt")).unwrap();
        assert!(
            asked.recv_timeout(SETTLE * 5).is_err(),
            "reading a file is no change"
        );
        // An editor's save: a new file renamed over the old one.
        fs::write(dir.path().join(".a.txt.swp"), article("Alpha, edited")).unwrap();
        fs::rename(dir.path().join(".a.txt.swp"), dir.path().join("a.txt")).unwrap();
        assert_eq!(asked.recv_timeout(Duration::from_secs(5)), Ok(Ask::Changed));
        // A busy machine may deliver the rename in two batches: let them all come first.
        thread::sleep(SETTLE * 3);
        let _ = asked.try_iter().count();
        // Hidden files are passed over, as the scan passes over them.
        fs::create_dir(dir.path().join(".state")).unwrap();
        fs::write(dir.path().join(".state/db"), "x").unwrap();
        assert!(asked.recv_timeout(SETTLE * 5).is_err(), "a hidden file");
        // A burst of files is a change or two, not one each.
        for i in 0..200 {
            fs::write(dir.path().join(format!("n{i}.txt")), article("New")).unwrap();
        }
        let first = asked.recv_timeout(Duration::from_secs(5));
        assert_eq!(first, Ok(Ask::Changed));
        thread::sleep(SETTLE * 4);
        // Each settled batch is one ask (on a busy machine the writes span a few batches).
        let more = asked.try_iter().count();
        assert!(more < 20, "{} asks for 200 files", more + 1);
        // The folder itself replaced: polling from now on.
        let old = dir.path().with_extension("old");
        fs::rename(dir.path(), &old).unwrap();
        fs::create_dir(dir.path()).unwrap();
        thread::sleep(SETTLE * 4);
        let asks: Vec<Ask> = asked.try_iter().collect();
        assert!(asks.contains(&Ask::Poll { replaced: true }), "{asks:?}");
        fs::remove_dir_all(old).unwrap();
    }
}

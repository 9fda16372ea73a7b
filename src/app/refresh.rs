//! The library changing under the App: a background check of the library folders reporting
//! progress, and a new version of the library (articles added, changed or gone) replacing the
//! old without moving the reader: the selected and the open article stay selected and open
//! wherever they now sit, the query, view, scroll and place are kept. A file found changed
//! when an article was read from it is listed again as it is now, its entry updated in place.

use std::collections::HashMap;
use std::sync::Arc;

use super::{App, Focus};
use crate::article::Source;
use crate::article::sanitize::display_path;
use crate::library::{FileRead, Library, Origin};
use crate::query::index::Index;

impl App {
    /// A check of the library folders has looked at `done` of `total` files (all of them: the
    /// check is over).
    pub(super) fn checking(&mut self, done: usize, total: usize) {
        self.checking = (done < total).then_some((done, total));
    }

    /// The article at `index` was not read because its file changed since it was listed, and
    /// `file` is that file read again. The list shows the file as it is now: an article still
    /// there stays put, one whose title, author or date changed takes its old entry's place,
    /// and the selected one is read again, from the file as now listed.
    pub(super) fn file_changed(&mut self, index: usize, file: FileRead) {
        let file_path = file.path().to_path_buf();
        let library = self.library.with_file(file);
        // A library that changed meanwhile (a check's) has the file put in all the same, but
        // `index` may name another article there.
        let Some(old) = (self.library.articles.get(index)).filter(
            |a| matches!(&a.source, Source::File(p) | Source::Record(p, _) if *p == file_path),
        ) else {
            self.replace_library(library, None, false);
            return;
        };
        let path = old.path.clone();
        let successor = successor(&self.library, index, &library);
        let again = self.changing.as_ref() == Some(&path);
        self.changing = Some(path.clone());
        self.swap_library(library, None, false, successor);
        let shown = display_path(&path);
        // Changed again while being read again: a file being written. It is read when it is
        // selected again, not in a loop now.
        let selected = self.list.selected_article();
        if let Some(now) = selected.filter(|&i| again && self.library.articles[i].path == path) {
            let reason = format!("{shown} keeps changing; select it again to read it");
            self.reading.fail(now, reason);
        }
        self.notice = Some(format!(
            "{shown} changed since it was listed; the list shows it as it is now."
        ));
    }

    /// Shows `library` from now on; `complete` when the check that read it has finished.
    /// `index` is the library's, built where it was found (`None`: built here).
    pub(super) fn replace_library(
        &mut self,
        library: Library,
        index: Option<Index>,
        complete: bool,
    ) {
        self.swap_library(library, index, complete, None);
    }

    /// Shows `library`, the article at `successor.0` in the old taking the place of
    /// `successor.1` in the new, should its id be gone.
    fn swap_library(
        &mut self,
        library: Library,
        index: Option<Index>,
        complete: bool,
        successor: Option<(usize, usize)>,
    ) {
        // Article numbers stand for other articles in the new library.
        self.snippets.clear();
        let old = std::mem::replace(&mut self.library, Arc::new(library));
        if complete {
            self.checking = None;
        }
        let new_positions: HashMap<&str, usize> = self
            .library
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let moved = |index: usize| {
            let id = old.articles.get(index)?.id.as_str();
            match (new_positions.get(id), successor) {
                (Some(&now), _) => Some(now),
                (None, Some((was, now))) if was == index => Some(now),
                (None, _) => None,
            }
        };
        // What changed, said when a check of the user's folders finds it (not while a first
        // scan fills an empty list).
        let kept = (old.articles.iter())
            .filter(|a| new_positions.contains_key(a.id.as_str()))
            .count();
        let (added, gone) = (
            self.library.articles.len() - kept,
            old.articles.len() - kept,
        );
        let mut news = (complete && !old.articles.is_empty())
            .then(|| changes(added, gone))
            .flatten()
            .filter(|_| matches!(old.origin, Origin::Folders(_)));
        let open = self.reading.holding();
        match open.map(|i| (i, moved(i))) {
            Some((_, Some(now))) => self.reading.reindex(now),
            Some((_, None)) => {
                self.reading.clear();
                // The samples giving way to the user's own articles is not news to report.
                let reading = self.reading_focused();
                if reading {
                    // The article that takes its place in the list is not opened in its
                    // place: it would become read without being seen.
                    self.focus = Focus::List;
                }
                if matches!(old.origin, Origin::Folders(_)) {
                    let gone = if reading {
                        "The article you were reading is no longer in the library."
                    } else {
                        "The selected article is no longer in the library."
                    };
                    news = Some(match news {
                        Some(news) => format!("{news} {gone}"),
                        None => gone.to_string(),
                    });
                }
            }
            None => {}
        }
        if news.is_some() {
            self.notice = news;
        }
        let opened = self.marks.opened().and_then(moved);
        self.marks.open(opened);
        self.loading = None;
        self.list.relocate(moved, self.screen.list_page());
        // The old library and its index go before the new index is built: at 100,000 articles
        // holding both would cost tens of megabytes more at the peak.
        drop(new_positions);
        drop(old);
        self.arrange_list();
        self.index = Arc::default();
        self.index = Arc::new(index.unwrap_or_else(|| Index::build(&self.library.articles)));
        // The hits shown now are the old search's, moved; search again in the new library.
        self.search(self.selected_article());
    }
}

/// The news of a library that changed: `2 new articles, 1 gone.`; `None` when only articles
/// already listed changed.
fn changes(added: usize, gone: usize) -> Option<String> {
    let count = |n: usize, one: &str, many: &str| {
        let n_text = crate::reading::reflow::thousands(n);
        if n == 1 {
            format!("{n_text} {one}")
        } else {
            format!("{n_text} {many}")
        }
    };
    match (added, gone) {
        (0, 0) => None,
        (added, 0) => Some(format!("{}.", count(added, "new article", "new articles"))),
        (0, gone) => Some(format!(
            "{} gone from the library.",
            count(gone, "article", "articles")
        )),
        (added, gone) => Some(format!(
            "{}, {} gone.",
            count(added, "new article", "new articles"),
            count(gone, "article", "articles")
        )),
    }
}

/// Where the article at `index` of `old` is in `new`, its file read again, when its id is
/// gone: the article now at its place in the file (the same record), if that one is new to the
/// list, so a title edited in a `.txt` keeps its entry; `(index, where)`.
fn successor(old: &Library, index: usize, new: &Library) -> Option<(usize, usize)> {
    let (path, record) = match &old.articles.get(index)?.source {
        Source::File(path) => (path, 0),
        Source::Record(path, record) => (path, *record),
        Source::Sample(_) => return None,
    };
    let now = new.articles.iter().position(|a| match &a.source {
        Source::File(p) => p == path,
        Source::Record(p, r) => p == path && *r == record,
        Source::Sample(_) => false,
    })?;
    let id = &new.articles[now].id;
    let listed = old.articles.iter().any(|a| a.id == *id);
    (!listed).then_some((index, now))
}

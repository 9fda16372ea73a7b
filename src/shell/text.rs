//! `text:` terms answered before ranking: the full-text index for the articles it holds as they
//! are, the files themselves for the rest (no index yet, files new or changed since), and the
//! files again for a term that respects case (the index ignores case). Ranking
//! ([`crate::query::rank::filter_with`]) then only looks the answers up, and stays pure.
//!
//! A finder belongs to one library: it opens the index and learns which rows stand for which
//! articles on the first text term, and keeps each term's answer while the library is the same,
//! so typing more terms after `x:word` does not ask again.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::library::Library;
use crate::library::fulltext::{self, Coverage, TextIndex};
use crate::query::rank::{self, TextHits};
use crate::query::words;
use crate::query::{Query, Test, Words};

/// Articles read per part when a term is answered from the files: what is found is shown after
/// each part, and a newer search can take over between two.
pub const STREAM_EVERY: usize = 1_000;

/// Articles in the first part: small, so the first hits show soon (in about a tenth of a
/// second from a cold disk); each part after is twice the one before, up to [`STREAM_EVERY`].
const FIRST_PART: usize = 125;

/// `articles` cut into the parts they are read in: [`FIRST_PART`], then doubling.
fn parts(articles: &[usize]) -> impl Iterator<Item = &[usize]> {
    let mut rest = articles;
    let mut size = FIRST_PART;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (part, after) = rest.split_at(size.min(rest.len()));
        rest = after;
        size = (size * 2).min(STREAM_EVERY);
        Some(part)
    })
}

/// Finds the articles of one library that `text:` terms match.
pub struct TextFinder {
    library: Arc<Library>,
    /// Where the library's full-text index is, if it has one.
    path: Option<PathBuf>,
    /// The index opened, and which articles it holds; `None` until the first text term, and
    /// when there is no index (every article is then read).
    opened: Option<Option<(TextIndex, Coverage)>>,
    /// When the index file (and its write-ahead log) last changed, as last seen: a new time
    /// (the checker indexing in the background) means opening it again.
    /// Opening it changes them too (the log is made then), so they are taken again after.
    seen: Option<(Option<SystemTime>, Option<SystemTime>)>,
    answers: HashMap<Words, Vec<(usize, i64)>>,
}

impl std::fmt::Debug for TextFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextFinder")
            .field("path", &self.path)
            .finish()
    }
}

impl TextFinder {
    /// A finder for `library`, using the full-text index at `path` when there is a sound one.
    pub fn new(library: Arc<Library>, path: Option<&Path>) -> Self {
        Self {
            library,
            path: path.map(Path::to_path_buf),
            opened: None,
            seen: None,
            answers: HashMap::new(),
        }
    }

    /// When the index file and its write-ahead log last changed (`None` for either not there).
    fn stamps(&self) -> Option<(Option<SystemTime>, Option<SystemTime>)> {
        let path = self.path.as_deref()?;
        let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
        Some((modified(path), modified(&path.with_extension("text-wal"))))
    }

    /// Forgets the opened index and every answer when the index file changed since.
    fn forget_if_changed(&mut self) {
        let now = self.stamps();
        if self.seen.is_some() && self.seen != now {
            self.opened = None;
            self.answers.clear();
        }
        self.seen = now;
    }

    /// The answers to every `text:` term of `query`.
    pub fn resolve(&mut self, query: &Query) -> TextHits {
        self.resolve_streaming(query, |_| true)
            .expect("a search that is never stopped finishes")
    }

    /// [`TextFinder::resolve`], telling `partial` what is found so far while files are read
    /// (after each [`STREAM_EVERY`] articles); `partial` returning false stops the search
    /// (a newer one is waiting), which then answers `None` and keeps nothing.
    pub fn resolve_streaming(
        &mut self,
        query: &Query,
        mut partial: impl FnMut(&TextHits) -> bool,
    ) -> Option<TextHits> {
        let mut hits = TextHits::default();
        if query.atoms().any(|a| matches!(a.test, Test::Words(_))) {
            self.forget_if_changed();
        }
        for atom in query.atoms() {
            let Test::Words(term) = &atom.test else {
                continue;
            };
            if hits.knows(term) {
                continue;
            }
            if !self.answers.contains_key(term) {
                let found = self.find(term, |so_far| {
                    let mut shown = hits.clone();
                    shown.set(term, so_far.to_vec());
                    partial(&shown)
                })?;
                self.answers.insert(term.clone(), found);
            }
            hits.set(term, self.answers[term].clone());
        }
        Some(hits)
    }

    /// Opens the index and learns which rows are which articles, as the first text term
    /// would (0.2 s at 100,000 articles): done ahead, on a thread of its own, so that term
    /// answers at once.
    pub fn prepare(&mut self) {
        self.forget_if_changed();
        self.opened();
    }

    /// The index opened, and which articles it holds (`None`: no sound index).
    fn opened(&mut self) -> &mut Option<(TextIndex, Coverage)> {
        if self.opened.is_none() {
            let path = self.path.as_deref();
            self.opened = Some(path.and_then(TextIndex::open_existing).and_then(|index| {
                let coverage = index.coverage(&self.library).ok()?;
                Some((index, coverage))
            }));
            self.seen = self.stamps();
        }
        self.opened.get_or_insert(None)
    }

    fn find(
        &mut self,
        term: &Words,
        mut partial: impl FnMut(&[(usize, i64)]) -> bool,
    ) -> Option<Vec<(usize, i64)>> {
        let library = Arc::clone(&self.library);
        let (mut found, missing): (Vec<(usize, i64)>, Vec<usize>) = match self.opened() {
            Some((index, coverage)) => match index.search(term) {
                Ok(rows) => (
                    rows.into_iter()
                        .filter_map(|(row, bm25)| {
                            Some((coverage.article(row)?, rank::relevance(bm25)))
                        })
                        .collect(),
                    coverage.missing.clone(),
                ),
                Err(_) => (Vec::new(), (0..library.articles.len()).collect()),
            },
            None => (Vec::new(), (0..library.articles.len()).collect()),
        };
        let streamed = found.len() + missing.len() > STREAM_EVERY;
        if term.case_sensitive && !found.is_empty() {
            // The index found the word in any case: keep the articles that have it as typed,
            // shown a part at a time as their files are read.
            let candidates = std::mem::take(&mut found);
            let articles: Vec<usize> = candidates.iter().map(|&(i, _)| i).collect();
            let mut done = 0;
            for part in parts(&articles) {
                let exact: std::collections::HashSet<usize> = fulltext::scan(&library, part, term)
                    .into_iter()
                    .map(|(i, _)| i)
                    .collect();
                found.extend(
                    candidates[done..done + part.len()]
                        .iter()
                        .filter(|(i, _)| exact.contains(i)),
                );
                done += part.len();
                if streamed && !partial(&found) {
                    return None;
                }
            }
        }
        // Read to answer: a word's count stands in for BM25, as for a short article. Many
        // files are read a part at a time, what is found so far shown after each.
        for part in parts(&missing) {
            found.extend(
                fulltext::scan(&library, part, term)
                    .into_iter()
                    .map(|(i, count)| (i, rank::relevance(-(count as f64).ln_1p() * 2.0))),
            );
            if streamed && !partial(&found) {
                return None;
            }
        }
        Some(found)
    }
}

/// One line of the article's body around the first place `query`'s text terms match, and the
/// places in it (bytes of the line); `None` when the query has no text term or it is not there.
pub fn snippet(
    library: &Library,
    index: usize,
    query: &Query,
    width: usize,
) -> Option<(String, Vec<std::ops::Range<usize>>)> {
    let terms: Vec<&Words> = query
        .atoms()
        .filter(|a| !a.negated)
        .filter_map(|a| match &a.test {
            Test::Words(w) => Some(w),
            _ => None,
        })
        .collect();
    if terms.is_empty() {
        return None;
    }
    let parsed = library.read(index).ok()?;
    let text: Vec<String> = parsed.body.blocks.iter().map(|b| b.text()).collect();
    let text = text.join("\n");
    let mut found: Vec<std::ops::Range<usize>> = terms
        .iter()
        .flat_map(|t| words::find(&text, t, 100))
        .collect();
    found.sort_by_key(|r| r.start);
    words::snippet(&text, &found, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A library of `count` articles, every one holding "Tribunal" (a tenth of them "tribunal"
    /// only), indexed; the folder holding both.
    fn indexed(count: usize) -> (tempfile::TempDir, Arc<Library>, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("lib");
        fs::create_dir(&root).unwrap();
        for i in 0..count {
            let word = if i % 10 == 0 { "tribunal" } else { "Tribunal" };
            let text = format!("Article {i}\nBy Ann Lee\n3 March 2014\n\nThe {word} met.\n");
            fs::write(root.join(format!("{i:05}.txt")), text).unwrap();
        }
        let library = Arc::new(Library::scan(&[root]));
        let path = dir.path().join("lib.text");
        TextIndex::open(&path).refresh(&library, |_| {}).unwrap();
        (dir, library, path)
    }

    fn query(line: &str) -> Query {
        Query::parse(line, jiff::civil::date(2026, 12, 2)).unwrap()
    }

    #[test]
    fn opening_the_index_is_not_taken_for_a_change_to_it() {
        let (_dir, library, path) = indexed(3);
        let mut finder = TextFinder::new(library, Some(&path));
        finder.prepare();
        assert!(finder.opened.as_ref().is_some_and(Option::is_some));
        // The next term neither opens the index again nor forgets what it has learnt.
        finder.forget_if_changed();
        assert!(finder.opened.as_ref().is_some_and(Option::is_some));
        finder.resolve(&query("x:tribunal"));
        finder.forget_if_changed();
        assert_eq!(finder.answers.len(), 1);
    }

    #[test]
    fn a_term_that_respects_case_shows_its_articles_a_part_at_a_time() {
        let (_dir, library, path) = indexed(STREAM_EVERY + 200);
        let mut finder = TextFinder::new(Arc::clone(&library), Some(&path));
        let term = query("x:Tribunal");
        let mut shown = Vec::new();
        let hits = finder
            .resolve_streaming(&term, |so_far| {
                shown.push(
                    (0..library.articles.len())
                        .filter(|&i| so_far.score(words_of(&term), i).is_some())
                        .count(),
                );
                true
            })
            .unwrap();
        let exact = (0..library.articles.len())
            .filter(|&i| hits.score(words_of(&term), i).is_some())
            .count();
        assert_eq!(exact, (STREAM_EVERY + 200) * 9 / 10);
        assert!(shown.len() > 1, "{shown:?}");
        assert!(shown.is_sorted() && shown[0] < exact, "{shown:?}");
        assert_eq!(shown.last(), Some(&exact));
    }

    fn words_of(query: &Query) -> &Words {
        match &query.atoms().next().unwrap().test {
            Test::Words(w) => w,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn parts_start_small_and_double_up_to_the_most() {
        let articles: Vec<usize> = (0..5_000).collect();
        let sizes: Vec<usize> = parts(&articles).map(<[usize]>::len).collect();
        assert_eq!(sizes, [125, 250, 500, 1_000, 1_000, 1_000, 1_000, 125]);
        let joined: Vec<usize> = parts(&articles).flatten().copied().collect();
        assert_eq!(joined, articles);
        assert_eq!(parts(&articles[..10]).count(), 1);
        assert_eq!(parts(&[]).count(), 0);
    }
}

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

    /// Forgets the opened index and every answer when the index file changed since.
    fn forget_if_changed(&mut self) {
        let Some(path) = &self.path else {
            return;
        };
        let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
        let now = (modified(path), modified(&path.with_extension("text-wal")));
        if self.seen.is_some_and(|seen| seen != now) {
            self.opened = None;
            self.answers.clear();
        }
        self.seen = Some(now);
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

    fn find(
        &mut self,
        term: &Words,
        mut partial: impl FnMut(&[(usize, i64)]) -> bool,
    ) -> Option<Vec<(usize, i64)>> {
        let library = Arc::clone(&self.library);
        let opened = self.opened.get_or_insert_with(|| {
            let index = TextIndex::open_existing(self.path.as_deref()?)?;
            let coverage = index.coverage(&library).ok()?;
            Some((index, coverage))
        });
        let (mut found, missing): (Vec<(usize, i64)>, Vec<usize>) = match opened {
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
        if term.case_sensitive && !found.is_empty() {
            // The index found the word in any case: keep the articles that have it as typed.
            let candidates: Vec<usize> = found.iter().map(|&(i, _)| i).collect();
            let exact: std::collections::HashSet<usize> =
                fulltext::scan(&library, &candidates, term)
                    .into_iter()
                    .map(|(i, _)| i)
                    .collect();
            found.retain(|(i, _)| exact.contains(i));
        }
        // Read to answer: a word's count stands in for BM25, as for a short article. Many
        // files are read a part at a time, what is found so far shown after each.
        let parts = missing.chunks(STREAM_EVERY);
        let streamed = missing.len() > STREAM_EVERY;
        for part in parts {
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

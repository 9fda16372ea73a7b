//! The article library: finding article files in folder trees, reading each into an [`Article`],
//! and reading an article's full text again when it is opened.
//!
//! Scanning keeps only metadata (title, author, date, word count, where the text lives) so that a
//! library of 100,000 articles costs a few megabytes; a body is parsed again on demand. A file
//! that cannot be used never stops the scan: it becomes a [`Problem`] with a one-line reason.

mod decode;
mod inline;
mod plain;
mod sample;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;
use walkdir::WalkDir;

pub use self::decode::DecodeError;
pub use self::plain::ParseError;
use crate::article::{Article, Parsed, Source};
use crate::sanitize;

/// Files larger than this are not articles (and would cost too much to hold).
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// File extensions read as articles, compared without case.
const EXTENSIONS: &[&str] = &["txt"];

/// Why one file could not be used as an article.
#[derive(Debug, Error)]
pub enum ArticleError {
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
    #[error("larger than 16 MiB ({0} bytes)")]
    TooLarge(u64),
    #[error("not a regular file")]
    NotRegular,
    #[error("symbolic link to outside the library, not followed")]
    LinkOutside,
    #[error("broken symbolic link")]
    BrokenLink,
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// A file or folder that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub reason: String,
}

/// Where the library was asked to come from (see [`crate::config`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibrarySource {
    /// Folders (or files) named on the command line or in `BYLINE_LIBRARY`.
    Named(Vec<PathBuf>),
    /// The user's data folder; the sample library stands in when it holds no article.
    DataDir(PathBuf),
}

/// Where the articles on screen came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The library folders that were scanned.
    Folders(Vec<PathBuf>),
    /// The built-in samples, shown because `put_articles_in` holds no article yet.
    Sample { put_articles_in: PathBuf },
}

/// Every article found, every problem met, and where they came from.
#[derive(Debug, Clone)]
pub struct Library {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    pub origin: Origin,
}

impl Library {
    /// Opens the library a [`LibrarySource`] names.
    pub fn open(source: &LibrarySource) -> Self {
        match source {
            LibrarySource::Named(roots) => Self::scan(roots),
            // A data folder that does not exist yet is the usual first run, not a problem.
            LibrarySource::DataDir(dir) if !dir.exists() => Self::sample(dir.clone(), Vec::new()),
            LibrarySource::DataDir(dir) => {
                let library = Self::scan(std::slice::from_ref(dir));
                if library.articles.is_empty() {
                    Self::sample(dir.clone(), library.problems)
                } else {
                    library
                }
            }
        }
    }

    /// Scans folder trees (or single files) for articles.
    pub fn scan(roots: &[PathBuf]) -> Self {
        let mut articles = Vec::new();
        let mut problems = Vec::new();
        for root in roots {
            scan_root(root, &mut articles, &mut problems);
        }
        dedup_ids(&mut articles);
        Self {
            articles,
            problems,
            origin: Origin::Folders(roots.to_vec()),
        }
    }

    /// The built-in sample library, with a hint of where real articles go.
    pub fn sample(put_articles_in: PathBuf, problems: Vec<Problem>) -> Self {
        let mut articles: Vec<Article> = sample::SAMPLES
            .iter()
            .enumerate()
            .filter_map(|(i, (name, text))| {
                let parsed = parse_text(text).ok()?;
                Some(article_from(parsed, PathBuf::from(name), Source::Sample(i)))
            })
            .collect();
        dedup_ids(&mut articles);
        Self {
            articles,
            problems,
            origin: Origin::Sample { put_articles_in },
        }
    }

    /// Reads an article's full text again, for the reading pane or `byline show`.
    pub fn read(&self, index: usize) -> Result<Parsed, ArticleError> {
        match &self.articles[index].source {
            Source::File(path) => read_file(path),
            Source::Sample(i) => Ok(parse_text(sample::SAMPLES[*i].1)?),
        }
    }

    /// The article whose id is `id`, or the only one whose id starts with it.
    pub fn find(&self, id: &str) -> Option<usize> {
        if let Some(i) = self.articles.iter().position(|a| a.id == id) {
            return Some(i);
        }
        let mut matches = self
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| !id.is_empty() && a.id.starts_with(id));
        match (matches.next(), matches.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }
}

fn scan_root(root: &Path, articles: &mut Vec<Article>, problems: &mut Vec<Problem>) {
    let base = if root.is_file() {
        root.parent().unwrap_or(root)
    } else {
        root
    };
    let canonical_root = fs::canonicalize(base).ok();
    for entry in WalkDir::new(root).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let reason = match err.io_error() {
                    Some(io) if io.kind() == io::ErrorKind::NotFound && path == root => {
                        "no such file or folder".to_string()
                    }
                    Some(io) => format!("cannot read: {io}"),
                    None => err.to_string(),
                };
                problems.push(Problem { path, reason });
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_dir() || !has_article_extension(path) {
            continue;
        }
        let result = if entry.path_is_symlink() {
            read_link(path, canonical_root.as_deref())
        } else if entry.file_type().is_file() {
            read_file(path)
        } else {
            Err(ArticleError::NotRegular)
        };
        match result {
            Ok(parsed) => {
                let relative = path.strip_prefix(base).unwrap_or(path).to_path_buf();
                articles.push(article_from(
                    parsed,
                    relative,
                    Source::File(path.to_path_buf()),
                ));
            }
            Err(err) => problems.push(Problem {
                path: path.to_path_buf(),
                reason: err.to_string(),
            }),
        }
    }
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Follows a symbolic link only to a file inside the library.
fn read_link(path: &Path, root: Option<&Path>) -> Result<Parsed, ArticleError> {
    let target = fs::canonicalize(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => ArticleError::BrokenLink,
        _ => ArticleError::Io(e),
    })?;
    if !root.is_some_and(|root| target.starts_with(root)) {
        return Err(ArticleError::LinkOutside);
    }
    if !fs::metadata(&target)?.is_file() {
        return Err(ArticleError::NotRegular);
    }
    read_file(&target)
}

fn read_file(path: &Path) -> Result<Parsed, ArticleError> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ArticleError::NotRegular);
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(ArticleError::TooLarge(meta.len()));
    }
    let bytes = fs::read(path)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ArticleError::TooLarge(bytes.len() as u64));
    }
    parse_text(&decode::decode(&bytes)?)
}

fn parse_text(text: &str) -> Result<Parsed, ArticleError> {
    Ok(plain::parse(&sanitize::clean(text))?)
}

fn article_from(parsed: Parsed, path: PathBuf, source: Source) -> Article {
    Article {
        id: article_id(&parsed),
        words: parsed.body.word_count(),
        title: parsed.title,
        author: parsed.author,
        date: parsed.date,
        path,
        source,
    }
}

/// A hash of what identifies an article to a reader, so the id survives moving or renaming
/// the file and stays the same across runs and builds.
fn article_id(parsed: &Parsed) -> String {
    let key = format!(
        "{}\u{0}{}\u{0}{}",
        parsed.title,
        parsed.author.as_deref().unwrap_or(""),
        parsed.date.map(crate::date::iso).unwrap_or_default()
    );
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// Gives repeated ids a `-2`, `-3`... suffix, in scan order (which is sorted by path).
fn dedup_ids(articles: &mut [Article]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for article in articles {
        let count = seen.entry(article.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            article.id = format!("{}-{}", article.id, count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_independent_of_the_path() {
        let text = "Title\n\nJo Bloggs\n\n1 May 2020\n\nBody.";
        let a = article_from(parse_text(text).unwrap(), "a.txt".into(), Source::Sample(0));
        let b = article_from(
            parse_text(text).unwrap(),
            "moved/b.txt".into(),
            Source::Sample(1),
        );
        assert_eq!(a.id, b.id);
        assert_eq!(a.id.len(), 16);
        // Pinned: changing the id scheme would orphan users' saved state.
        assert_eq!(a.id, "6f983ee22975d97e");
    }

    #[test]
    fn duplicate_ids_get_suffixes() {
        let parsed = parse_text("Same\n\nBody.").unwrap();
        let mut articles = vec![
            article_from(parsed.clone(), "a.txt".into(), Source::Sample(0)),
            article_from(parsed, "b.txt".into(), Source::Sample(1)),
        ];
        dedup_ids(&mut articles);
        assert_eq!(articles[1].id, format!("{}-2", articles[0].id));
    }

    #[test]
    fn sample_library_parses_every_article() {
        let library = Library::sample(PathBuf::from("/nowhere"), Vec::new());
        assert_eq!(library.articles.len(), sample::SAMPLES.len());
        assert!(library.articles.len() >= 12);
        for article in &library.articles {
            assert!(article.author.is_some(), "{}", article.title);
            assert!(article.date.is_some(), "{}", article.title);
            assert!(article.words > 100, "{}", article.title);
        }
    }

    #[test]
    fn find_accepts_a_unique_prefix() {
        let library = Library::sample(PathBuf::from("/nowhere"), Vec::new());
        let id = &library.articles[3].id;
        assert_eq!(library.find(id), Some(3));
        assert_eq!(library.find(&id[..10]), Some(3));
        assert_eq!(library.find(""), None);
        assert_eq!(library.find("zz"), None);
    }
}

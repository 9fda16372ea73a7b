//! The article library: finding article files in folder trees, reading each into an [`Article`],
//! and reading an article's full text again when it is opened.
//!
//! Scanning keeps only metadata (title, author, date, word count, where the text lives) so that a
//! library of 100,000 articles costs a few megabytes; a body is parsed again on demand. A file
//! that cannot be used never stops the scan: it becomes a [`Problem`] with a one-line reason.

pub mod cache;
mod decode;
pub mod fulltext;
mod html;
pub mod import;
mod inline;
mod json;
mod markdown;
mod notes;
mod plain;
mod records;
pub(crate) mod sample;
pub mod scan;
mod yaml;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use self::decode::{DecodeError, decode};
pub use self::plain::ParseError;
pub use self::records::{MAX_RECORDS, Records};
pub use self::scan::Look;
use self::scan::{Scanned, Stamp};
use crate::article::sanitize;
use crate::article::{Article, Parsed, Source};

/// Files larger than this are not articles (and would cost too much to hold).
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// The formats byline reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// `.txt`, or a file with no extension that turns out to be text.
    Plain,
    /// `.md`, `.markdown`.
    Markdown,
    /// `.html`, `.htm`: a saved web page.
    Html,
    /// `.json`: one article object or an array of them.
    Json,
    /// `.jsonl`, `.ndjson`: one article object per line.
    JsonLines,
}

impl Format {
    /// The format of a file, or `None` for files that are not articles (images, hidden files).
    pub fn of(path: &Path) -> Option<Self> {
        // Names that are not UTF-8 are still articles: compare what can be read of them.
        let name = path.file_name()?.to_string_lossy();
        if name.starts_with('.') {
            return None;
        }
        let Some(extension) = path.extension().map(|e| e.to_string_lossy()) else {
            return Some(Format::Plain);
        };
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Plain),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }

    /// Every format, for tests and fuzzing that must try them all.
    pub const ALL: [Format; 5] = [
        Format::Plain,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::JsonLines,
    ];

    /// Whether one file can hold several articles.
    fn has_records(self) -> bool {
        matches!(self, Format::Json | Format::JsonLines)
    }
}

/// Why one file could not be used as an article.
#[derive(Debug, Error)]
pub enum ArticleError {
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
    /// Its size, when the file system reported it (a file that grows while it is read, or a
    /// file in procfs that reports 0, is found too large by reading, without a size).
    #[error("larger than 16 MiB{}", .0.map(|n| format!(" ({n} bytes)")).unwrap_or_default())]
    TooLarge(Option<u64>),
    #[error("not a regular file")]
    NotRegular,
    #[error("symbolic link to outside the library, not followed")]
    LinkOutside,
    #[error("broken symbolic link")]
    BrokenLink,
    #[error("the file changed since byline read it")]
    Changed,
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Format(#[from] FormatError),
}

/// Why a file's contents are not an article in its format: a one-line reason for the user.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{0}")]
pub struct FormatError(pub String);

impl FormatError {
    pub fn new(reason: impl Into<String>) -> Self {
        Self(reason.into())
    }
}

/// A file or folder that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub reason: String,
}

/// A file of the library read again ([`Library::read_file_again`]): the articles it now
/// gives and its problem, to put in a library in place of what it gave ([`Library::with_file`]).
#[derive(Debug, Clone)]
pub struct FileRead {
    path: PathBuf,
    articles: Vec<Article>,
    /// What the file was when read, for each article.
    stamps: Vec<Option<Stamp>>,
    problem: Option<Problem>,
}

impl FileRead {
    /// The file's path, as its articles' sources name it.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Why [`Library::find`] found no single article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    NotFound,
    /// The id is the start of this many articles' ids.
    Ambiguous(usize),
}

/// Where the library was asked to come from (see [`crate::config::paths`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibrarySource {
    /// Folders (or files) named on the command line or in `BYLINE_LIBRARY`.
    Named(Vec<PathBuf>),
    /// The user's data folder; the sample library stands in when it holds no article.
    DataDir(PathBuf),
}

impl LibrarySource {
    /// The folders to scan; none for a data folder that does not exist yet (the usual first
    /// run, not a problem: the sample library stands in).
    pub fn roots(&self) -> Option<Vec<PathBuf>> {
        match self {
            LibrarySource::Named(roots) => Some(roots.clone()),
            LibrarySource::DataDir(dir) if !dir.exists() => None,
            LibrarySource::DataDir(dir) => Some(vec![dir.clone()]),
        }
    }
}

/// Where the articles on screen came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The library folders that were scanned.
    Folders(Vec<PathBuf>),
    /// The built-in samples, shown because `put_articles_in` holds no article yet.
    Sample { put_articles_in: PathBuf },
}

/// Drops the last blocks of `body` when together they are one of `footers` (compared without
/// regard to case or spacing), as the plain-text parser does for the publishers it knows.
fn drop_footer(body: &mut crate::article::Body, footers: &[String]) {
    if footers.is_empty() {
        return;
    }
    let normal = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let footers: Vec<String> = footers.iter().map(|f| normal(f)).collect();
    let mut tail = String::new();
    for start in (0..body.blocks.len()).rev().take(4) {
        tail = format!("{} {tail}", body.blocks[start].text());
        if footers.contains(&normal(&tail)) {
            body.blocks.truncate(start);
            return;
        }
    }
}

/// Every article found, every problem met, and where they came from.
#[derive(Debug, Clone)]
pub struct Library {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    pub origin: Origin,
    /// Publisher footers to hide besides the known ones (from the config), as written.
    pub footers: Vec<String>,
    /// What each article's file was when it was listed, indexed like `articles`: a body is
    /// read only from the file as it was (an article without one is not checked).
    stamps: Vec<Option<Stamp>>,
}

impl Library {
    /// Opens the library a [`LibrarySource`] names, reading every file.
    pub fn open(source: &LibrarySource) -> Self {
        Self::open_indexed(source, None, Look::Files)
    }

    /// Opens the library a [`LibrarySource`] names, starting from the index at `index` (see
    /// [`cache`]) and reading only the files that are new or changed, as `look` tells them; the
    /// index is brought up to date.
    pub fn open_indexed(source: &LibrarySource, index: Option<&Path>, look: Look) -> Self {
        let Some(roots) = source.roots() else {
            return Self::from_scanned(source, Vec::new());
        };
        let known = index
            .and_then(|path| cache::load(path).ok())
            .unwrap_or_default();
        let (scanned, changed) = Self::check(&roots, known, look, |_, _| {});
        if let Some(path) = index.filter(|_| changed) {
            // The index is a cache: failing to write it costs the next run time, nothing else.
            let _ = cache::save(path, &scanned);
        }
        Self::from_scanned(source, scanned)
    }

    /// Scans `roots` against what an index held, `report`ing progress after each batch;
    /// returns the roots scanned and whether anything differs from the index.
    pub fn check(
        roots: &[PathBuf],
        known: Vec<Scanned>,
        look: Look,
        mut report: impl FnMut(scan::Progress, &[Scanned]),
    ) -> (Vec<Scanned>, bool) {
        let before: Vec<(PathBuf, usize, scan::Folders)> = known
            .iter()
            .map(|s| (s.root.clone(), s.files(), s.folders.clone()))
            .collect();
        let mut read = 0;
        let scanned = scan::scan(roots, known, look, |progress, partial| {
            read = progress.read;
            report(progress, partial);
        });
        let after: Vec<(PathBuf, usize, scan::Folders)> = scanned
            .iter()
            .map(|s| (s.root.clone(), s.files(), s.folders.clone()))
            .collect();
        (scanned, read > 0 || before != after)
    }

    /// The library of scanned roots, as `source` asked for it: a data folder with no article
    /// gives the sample library (with the folder's problems).
    pub fn from_scanned(source: &LibrarySource, scanned: Vec<Scanned>) -> Self {
        let (articles, stamps, problems) = scan::assemble(scanned);
        match source {
            LibrarySource::Named(roots) => Self {
                articles,
                problems,
                origin: Origin::Folders(roots.clone()),
                footers: Vec::new(),
                stamps,
            },
            LibrarySource::DataDir(dir) if articles.is_empty() => {
                Self::sample(dir.clone(), problems)
            }
            LibrarySource::DataDir(dir) => Self {
                articles,
                problems,
                origin: Origin::Folders(vec![dir.clone()]),
                footers: Vec::new(),
                stamps,
            },
        }
    }

    /// A library of `roots` with nothing found in them yet (a first scan under way).
    pub fn empty(roots: Vec<PathBuf>) -> Self {
        Self {
            articles: Vec::new(),
            problems: Vec::new(),
            origin: Origin::Folders(roots),
            footers: Vec::new(),
            stamps: Vec::new(),
        }
    }

    /// Scans folder trees (or single files) for articles.
    pub fn scan(roots: &[PathBuf]) -> Self {
        Self::open(&LibrarySource::Named(roots.to_vec()))
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
            footers: Vec::new(),
            stamps: Vec::new(),
        }
    }

    /// Hides these publisher footers too, wherever they close an article.
    pub fn with_footers(mut self, footers: Vec<String>) -> Self {
        self.footers = footers;
        self
    }

    /// What the article's file was when it was listed (none for a sample).
    pub fn stamp(&self, index: usize) -> Option<Stamp> {
        self.stamps.get(index).copied().flatten()
    }

    /// Reads an article's full text again, for the reading pane or `byline show`, without a
    /// configured footer at its end.
    pub fn read(&self, index: usize) -> Result<Parsed, ArticleError> {
        let mut parsed = self.read_as_written(index)?;
        drop_footer(&mut parsed.body, &self.footers);
        Ok(parsed)
    }

    /// The article's text as its file holds it, if the file is as it was when the article
    /// was listed: else [`ArticleError::Changed`], never another text under this article's
    /// title (a `.txt` replaced, a JSON Lines feed whose first line was deleted).
    fn read_as_written(&self, index: usize) -> Result<Parsed, ArticleError> {
        let article = &self.articles[index];
        let (path, record) = match &article.source {
            Source::Sample(i) => return parse_text(sample::SAMPLES[*i].1),
            Source::File(path) => (path, 0),
            Source::Record(path, record) => (path, *record),
        };
        let format = Format::of(path).unwrap_or(Format::Plain);
        // A link is checked again: it may point elsewhere since the scan.
        let target = if fs::symlink_metadata(path)?.file_type().is_symlink() {
            let root = self.root_of(path).and_then(|r| fs::canonicalize(r).ok());
            link_target(path, root.as_deref())?
        } else {
            path.clone()
        };
        let listed = self.stamps.get(index).copied().flatten();
        let bytes = read_bytes_as_listed(&target, listed)?;
        let parsed = if format == Format::JsonLines {
            jsonl_record(&bytes, record)?
        } else {
            parse_bytes(&bytes, format)?
                .take(record)
                .ok_or(ArticleError::Changed)?
        };
        // A file rewritten with its size and time kept (or a clock that did not move) is
        // still caught when what it now says is another article.
        if !is_listed_as(&article.id, &parsed) {
            return Err(ArticleError::Changed);
        }
        Ok(parsed)
    }

    /// The file of the article at `index` read again as it is now, as a scan reads it (a file
    /// gone gives nothing); `None` for a sample. For a file that changed since it was listed.
    pub fn read_file_again(&self, index: usize) -> Option<FileRead> {
        let path = match &self.articles[index].source {
            Source::Sample(_) => return None,
            Source::File(path) | Source::Record(path, _) => path.clone(),
        };
        let base = self.root_of(&path).map(Path::to_path_buf);
        let canonical_base = base.as_deref().and_then(|b| fs::canonicalize(b).ok());
        let (articles, stamps, problem) = match scan::read_again(&path, canonical_base.as_deref()) {
            Some(entry) => scan::assemble_file(entry, base.as_deref().unwrap_or(Path::new(""))),
            None => (Vec::new(), Vec::new(), None),
        };
        Some(FileRead {
            path,
            articles,
            stamps,
            problem,
        })
    }

    /// This library with `file` as it was read again: its articles take the place of those
    /// it gave (ids kept unique), its problem the place of the one it had. It applies to
    /// whatever version of the library is current when it arrives.
    pub fn with_file(&self, file: FileRead) -> Library {
        let FileRead {
            path,
            articles: mut fresh,
            stamps: fresh_stamps,
            problem,
        } = file;
        let from_file =
            |a: &Article| matches!(&a.source, Source::File(p) | Source::Record(p, _) if *p == path);
        // The file's articles sit together, in walk order: the new ones go where they began
        // (at the end, for a file this library did not have).
        let at = (self.articles.iter().position(from_file)).unwrap_or(self.articles.len());
        let added = at..at + fresh.len();
        let mut articles = Vec::with_capacity(self.articles.len() + fresh.len());
        let mut stamps = Vec::with_capacity(articles.capacity());
        for (i, article) in self.articles.iter().enumerate() {
            if i == at {
                articles.append(&mut fresh);
                stamps.extend(fresh_stamps.iter().copied());
            }
            if !from_file(article) {
                articles.push(article.clone());
                stamps.push(self.stamps.get(i).copied().flatten());
            }
        }
        if at == self.articles.len() {
            articles.append(&mut fresh);
            stamps.extend(fresh_stamps);
        }
        unique_ids(&mut articles, added);
        let mut problems: Vec<Problem> = (self.problems.iter())
            .filter(|p| p.path != path)
            .cloned()
            .collect();
        problems.extend(problem);
        Library {
            articles,
            problems,
            origin: self.origin.clone(),
            footers: self.footers.clone(),
            stamps,
        }
    }

    /// A path as the problem list shows it: from its library folder down, to leave room.
    pub fn shown_path<'a>(&self, path: &'a Path) -> &'a Path {
        let Origin::Folders(roots) = &self.origin else {
            return path;
        };
        roots
            .iter()
            .find_map(|r| {
                path.strip_prefix(r)
                    .ok()
                    .filter(|s| !s.as_os_str().is_empty())
            })
            .unwrap_or(path)
    }

    /// The library folder `path` was found in.
    fn root_of(&self, path: &Path) -> Option<&Path> {
        let Origin::Folders(roots) = &self.origin else {
            return None;
        };
        roots.iter().find(|r| path.starts_with(r)).map(|r| {
            if r.is_file() {
                r.parent().unwrap_or(r)
            } else {
                r.as_path()
            }
        })
    }

    /// The article whose id is `id`, or the only one whose id starts with it.
    pub fn find(&self, id: &str) -> Result<usize, Lookup> {
        if let Some(i) = self.articles.iter().position(|a| a.id == id) {
            return Ok(i);
        }
        let matches: Vec<usize> = self
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| !id.is_empty() && a.id.starts_with(id))
            .map(|(i, _)| i)
            .collect();
        match matches[..] {
            [i] => Ok(i),
            [] => Err(Lookup::NotFound),
            _ => Err(Lookup::Ambiguous(matches.len())),
        }
    }
}

/// Where a symbolic link leads, if that is a file inside the library.
fn link_target(path: &Path, root: Option<&Path>) -> Result<PathBuf, ArticleError> {
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
    Ok(target)
}

/// Reads, decodes, cleans and parses one file.
fn read_file(path: &Path, format: Format) -> Result<Records, ArticleError> {
    parse_bytes(&read_bytes(path)?, format)
}

/// A regular file's bytes, if it is no larger than [`MAX_FILE_SIZE`]. The size the file
/// system reports is checked first (and a pipe or device is never opened), but not trusted:
/// at most one byte past the limit is ever read.
fn read_bytes(path: &Path) -> Result<Vec<u8>, ArticleError> {
    read_bytes_as_listed(path, None)
}

/// A regular file's bytes as [`read_bytes`] reads them, if the file opened is the one
/// `listed` describes (size, modification time, inode): else [`ArticleError::Changed`]. The
/// open file is the one compared, so a file renamed over this one in between is caught.
fn read_bytes_as_listed(path: &Path, listed: Option<Stamp>) -> Result<Vec<u8>, ArticleError> {
    if !fs::metadata(path)?.is_file() {
        return Err(ArticleError::NotRegular);
    }
    let file = fs::File::open(path)?;
    let meta = file.metadata()?;
    if listed.is_some_and(|listed| listed != Stamp::of(&meta)) {
        return Err(ArticleError::Changed);
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(ArticleError::TooLarge(Some(meta.len())));
    }
    read_at_most(file, MAX_FILE_SIZE)
}

/// Everything `reader` holds, if that is at most `limit` bytes; reads `limit + 1` at most.
fn read_at_most(reader: impl io::Read, limit: u64) -> Result<Vec<u8>, ArticleError> {
    use io::Read as _;
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ArticleError::TooLarge(None));
    }
    Ok(bytes)
}

/// Record `record` (its non-blank lines counted from 0) of a JSON Lines file's bytes: only
/// its line is parsed, so opening one article of a 20,000-line feed costs one line, not the
/// feed. A line that is no article now is a file that changed.
fn jsonl_record(bytes: &[u8], record: usize) -> Result<Parsed, ArticleError> {
    let text = decode::decode(bytes)?;
    let line = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .nth(record)
        .ok_or(ArticleError::Changed)?;
    let parsed = json::parse_jsonl(line)?
        .take(0)
        .ok_or(ArticleError::Changed)?;
    Ok(sanitize_fields(parsed))
}

/// Decodes, cleans and parses a file's bytes as `format`: one result per record (one for
/// single-article formats). Every string in what it returns is safe to show in a terminal.
pub fn parse_bytes(bytes: &[u8], format: Format) -> Result<Records, ArticleError> {
    let text = decode::decode(bytes)?;
    if text.trim().is_empty() {
        return Err(ArticleError::Parse(ParseError::Empty));
    }
    // JSON is parsed before cleaning: cleaning turns U+2028 inside a string into a line break,
    // which would break the JSON. Its strings are cleaned after parsing, like every format's.
    // A single-article file that is not an article is a problem with the file, not a record.
    let mut records = match format {
        Format::Plain => Records::one(plain::parse(&sanitize::clean(&text))?),
        Format::Markdown => Records::one(markdown::parse(&sanitize::clean(&text))?),
        Format::Html => Records::one(html::parse(&sanitize::clean(&text))?),
        Format::Json => json::parse_json(&text)?,
        Format::JsonLines => json::parse_jsonl(&text)?,
    };
    for (_, parsed) in &mut records.articles {
        *parsed = sanitize_fields(std::mem::take(parsed));
    }
    Ok(records)
}

fn parse_text(text: &str) -> Result<Parsed, ArticleError> {
    Ok(sanitize_fields(plain::parse(&sanitize::clean(text))?))
}

/// The longest a title is kept, in characters; longer ones end in `…`. The longest real
/// headlines run to 200-odd characters; a 6 MB "title" costs every keystroke of a filter.
pub const MAX_TITLE: usize = 500;
/// The longest an author line (one name or several) is kept, in characters.
pub const MAX_AUTHOR: usize = 300;
/// The longest an address, a publication or a tag is kept, in characters.
pub const MAX_FIELD: usize = 2_000;
/// The most tags an article keeps.
pub const MAX_TAGS: usize = 100;

/// Cleans every field again after parsing: JSON escapes (`\u001b`) and HTML entities
/// (`&#27;`) decode to characters the raw text did not show. One-line fields lose line breaks,
/// and are cut to their caps.
fn sanitize_fields(mut parsed: Parsed) -> Parsed {
    let line = |text: &str, cap: usize| sanitize::shorten(&sanitize::one_line(text), cap);
    parsed.title = line(&parsed.title, MAX_TITLE);
    parsed.author = (parsed.author.as_deref())
        .map(|a| line(a, MAX_AUTHOR))
        .filter(|a| !a.is_empty());
    parsed.url = parsed.url.as_deref().map(|u| line(u, MAX_FIELD));
    parsed.source = parsed.source.as_deref().map(|s| line(s, MAX_FIELD));
    parsed.tags.truncate(MAX_TAGS);
    parsed.tags = parsed.tags.iter().map(|t| line(t, MAX_FIELD)).collect();
    for block in &mut parsed.body.blocks {
        for span in block.runs_mut().into_iter().flatten() {
            if sanitize::needs_cleaning(&span.text) {
                span.text = sanitize::clean(&span.text).replace('\n', " ");
            }
        }
    }
    parsed
}

fn article_from(parsed: Parsed, path: PathBuf, source: Source) -> Article {
    Article {
        id: article_id(&parsed),
        words: parsed.body.word_count(),
        title: parsed.title,
        author: parsed.author,
        date: parsed.date,
        path,
        url: parsed.url,
        publication: parsed.source,
        tags: parsed.tags,
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
        parsed
            .date
            .map(crate::article::date::iso)
            .unwrap_or_default()
    );
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// Whether `parsed` is the article listed with `id`: its id, or its id with the suffix that
/// made it unique (`-2`).
fn is_listed_as(id: &str, parsed: &Parsed) -> bool {
    let own = article_id(parsed);
    id.strip_prefix(own.as_str())
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
}

/// Gives the articles at `fresh` ids no other article has, with a `-2`, `-3`... suffix where
/// one is taken.
fn unique_ids(articles: &mut [Article], fresh: std::ops::Range<usize>) {
    let mut taken: std::collections::HashSet<String> = (articles.iter().enumerate())
        .filter(|(i, _)| !fresh.contains(i))
        .map(|(_, a)| a.id.clone())
        .collect();
    for article in &mut articles[fresh] {
        let own = article.id.clone();
        let mut n = 1;
        while taken.contains(&article.id) {
            n += 1;
            article.id = format!("{own}-{n}");
        }
        taken.insert(article.id.clone());
    }
}

/// Gives repeated ids a `-2`, `-3`... suffix, in scan order (which is sorted by path).
fn dedup_ids(articles: &mut [Article]) {
    // Repeats are rare: find them without copying every id, then rename only those.
    let mut counts: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
    for article in articles.iter() {
        *counts.entry(article.id.as_str()).or_insert(0) += 1;
    }
    let repeated: std::collections::HashSet<String> = counts
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(id, _)| id.to_string())
        .collect();
    if repeated.is_empty() {
        return;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for article in articles.iter_mut().filter(|a| repeated.contains(&a.id)) {
        let count = seen.entry(article.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            article.id = format!("{}-{}", article.id, count);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::article::Block;

    #[test]
    fn fields_are_capped_and_decoded_characters_cleaned() {
        let title = "Title ".repeat(1_000_000);
        let text = format!("{title}\n\nBy A. Writer\n\n12 March 2024\n\nbody\n");
        let parsed = parse_text(&text).unwrap();
        assert_eq!(parsed.title.chars().count(), MAX_TITLE);
        assert!(parsed.title.ends_with('…'));
        let markdown = format!(
            "---\ntitle: t\nauthor: {}\n---\nbody\n",
            "Writer ".repeat(1000)
        );
        let mut records = parse_bytes(markdown.as_bytes(), Format::Markdown).unwrap();
        let author = records.articles.remove(0).1.author.unwrap();
        assert_eq!(author.chars().count(), MAX_AUTHOR);
        // HTML entities decode after the file's text was cleaned: a flag, a tag character.
        let html = "<html><head><title>T</title></head><body><article><p>Paris &#x1F1EB;&#x1F1F7; \
                    x&#xE0041;y</p></article></body></html>";
        let mut records = parse_bytes(html.as_bytes(), Format::Html).unwrap();
        let parsed = records.articles.remove(0).1;
        assert_eq!(parsed.body.blocks[0].text(), "Paris FR xy");
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit_whatever_the_size_said() {
        // An endless reader, like a procfs file that reports a size of 0.
        let err = read_at_most(io::repeat(b'a'), 1000).unwrap_err();
        assert!(matches!(err, ArticleError::TooLarge(None)), "{err:?}");
        assert_eq!(err.to_string(), "larger than 16 MiB");
        assert_eq!(read_at_most(&[b'a'; 1000][..], 1000).unwrap().len(), 1000);
        // A file in procfs says it is empty and is not.
        if let Ok(bytes) = read_bytes(Path::new("/proc/self/status")) {
            assert!(!bytes.is_empty());
        }
    }

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

    proptest! {
        #[test]
        fn any_bytes_in_any_format_parse_or_fail_cleanly(
            bytes in proptest::collection::vec(any::<u8>(), 0..600),
            format in 0usize..5,
        ) {
            if let Ok(records) = parse_bytes(&bytes, Format::ALL[format]) {
                for parsed in records.parsed() {
                    for text in parsed.texts() {
                        prop_assert!(
                            !text.chars().any(|c| c == '\n' || sanitize::is_invisible_or_control(c)),
                            "{text:?}"
                        );
                    }
                }
            }
        }

        #[test]
        fn hostile_text_never_survives(
            words in proptest::collection::vec("[a-z]{1,6}|\\x1b\\[[0-9;]{0,6}[a-zA-Z]|\\x1b\\][0-9];[a-z]{0,5}\\x07|[\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{200b}\\u{feff}\\u{0}-\\u{1f}\\u{7f}-\\u{9f}]", 1..40),
            format in 0usize..5,
        ) {
            let text = words.join(" ");
            let wrapped = match Format::ALL[format] {
                Format::Json => serde_json::json!({"title": text, "author": text, "body": text}).to_string(),
                Format::JsonLines => serde_json::json!({"title": text, "body": text}).to_string(),
                Format::Html => format!("<title>{text}</title><p>{text}</p>"),
                Format::Markdown => format!("# {text}\n\n{text}"),
                Format::Plain => format!("{text}\n\n{text}"),
            };
            if let Ok(records) = parse_bytes(wrapped.as_bytes(), Format::ALL[format]) {
                for parsed in records.parsed() {
                    for text in parsed.texts() {
                        prop_assert!(!text.chars().any(|c| c == '\n' || sanitize::is_invisible_or_control(c)), "{text:?}");
                    }
                }
            }
        }

        #[test]
        fn repair_never_loses_or_reorders_a_word(
            paragraphs in proptest::collection::vec(
                proptest::collection::vec("[a-zA-Z][a-zA-Z,.;'’-]{0,10}", 1..25), 1..8),
            breaks in proptest::collection::vec(0usize..3, 8),
        ) {
            // Paragraphs joined by blank lines; some split mid-way by a "page break" blank line,
            // some hard-wrapped with single newlines.
            let mut source = String::from("Title\n\nAnn Author\n\n1 May 2020\n\n");
            for (p, words) in paragraphs.iter().enumerate() {
                let cut = words.len() / 2;
                let sep = ["\n\n", "\n", " "][breaks[p]];
                source.push_str(&words[..cut].join(" "));
                if cut > 0 {
                    source.push_str(sep);
                }
                source.push_str(&words[cut..].join(" "));
                source.push_str("\n\n");
            }
            let parsed = parse_text(&source).unwrap();
            let body: String = parsed.body.blocks.iter().map(Block::text).collect::<Vec<_>>().join(" ");
            let kept: String = body.split_whitespace().collect();
            let given: String = paragraphs.iter().flatten().map(String::as_str).collect();
            prop_assert_eq!(kept, given);
        }
    }

    /// Rewrites `path` in place with `text`, its modification time kept: only what it now
    /// says can tell it changed.
    fn rewrite_keeping_time(path: &Path, text: &str) {
        let modified = fs::metadata(path).unwrap().modified().unwrap();
        fs::write(path, text).unwrap();
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(modified).unwrap();
    }

    #[test]
    fn a_body_is_read_only_from_the_file_as_it_was_listed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "Alpha\n\nThe first text.\n").unwrap();
        let library = Library::scan(&[dir.path().to_path_buf()]);
        assert!(library.read(0).is_ok());
        // Another body under the same title: the size tells.
        fs::write(&path, "Alpha\n\nThe second, longer text.\n").unwrap();
        assert!(matches!(library.read(0), Err(ArticleError::Changed)));
        // The same size and time, another title: what the file says tells.
        let library = Library::scan(&[dir.path().to_path_buf()]);
        rewrite_keeping_time(&path, "Bravo\n\nThe second, longer text.\n");
        assert!(matches!(library.read(0), Err(ArticleError::Changed)));
        // Replaced by another file (an editor saving by rename): the inode tells.
        let library = Library::scan(&[dir.path().to_path_buf()]);
        let beside = dir.path().join("a.new");
        fs::write(&beside, "Bravo\n\nThe second, longer text.\n").unwrap();
        fs::rename(&beside, &path).unwrap();
        assert!(matches!(library.read(0), Err(ArticleError::Changed)));
        // Read again, it reads.
        let library = library.with_file(library.read_file_again(0).unwrap());
        assert_eq!(library.read(0).unwrap().title, "Bravo");
    }

    #[test]
    fn a_feed_line_moved_up_is_not_read_as_the_record_listed_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl");
        let one = r#"{"title": "One", "body": "Text of one."}"#;
        let two = r#"{"title": "Two", "body": "Text of two."}"#;
        let six = r#"{"title": "Six", "body": "Text of six."}"#;
        fs::write(&path, format!("{one}\n{two}\n")).unwrap();
        let library = Library::scan(&[dir.path().to_path_buf()]);
        let titles = |l: &Library| {
            l.articles
                .iter()
                .map(|a| a.title.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(titles(&library), ["One", "Two"]);
        assert_eq!(library.read(0).unwrap().title, "One");
        // The first line deleted: record 1 is now what was record 2.
        fs::write(&path, format!("{two}\n")).unwrap();
        assert!(matches!(library.read(0), Err(ArticleError::Changed)));
        assert!(matches!(library.read(1), Err(ArticleError::Changed)));
        // Swapped for a line as long, the time kept: the record's id tells.
        fs::write(&path, format!("{one}\n{two}\n")).unwrap();
        let library = Library::scan(&[dir.path().to_path_buf()]);
        rewrite_keeping_time(&path, &format!("{six}\n{two}\n"));
        assert!(matches!(library.read(0), Err(ArticleError::Changed)));
        assert_eq!(library.read(1).unwrap().title, "Two");
        // The file read again lists what it holds, each record where it is.
        fs::write(&path, format!("{two}\n[1]\n")).unwrap();
        let again = library.with_file(library.read_file_again(1).unwrap());
        assert_eq!(titles(&again), ["Two"]);
        assert_eq!(again.read(0).unwrap().title, "Two");
        assert_eq!(again.problems.len(), 1);
        assert_eq!(again.problems[0].reason, "line 2: not a JSON object");
    }

    #[test]
    fn a_file_read_again_keeps_ids_unique_and_the_others_in_place() {
        let dir = tempfile::tempdir().unwrap();
        for (name, title) in [("a.txt", "Same"), ("b.txt", "Bravo"), ("c.txt", "Charlie")] {
            fs::write(dir.path().join(name), format!("{title}\n\nBody.\n")).unwrap();
        }
        let library = Library::scan(&[dir.path().to_path_buf()]);
        fs::write(dir.path().join("b.txt"), "Same\n\nAnother body.\n").unwrap();
        let again = library.with_file(library.read_file_again(1).unwrap());
        let listed: Vec<(&str, &str)> = (again.articles.iter())
            .map(|a| (a.title.as_str(), a.id.as_str()))
            .collect();
        let same = library.articles[0].id.as_str();
        assert_eq!(
            listed,
            [
                ("Same", same),
                ("Same", format!("{same}-2").as_str()),
                ("Charlie", library.articles[2].id.as_str()),
            ]
        );
        assert_eq!(
            again.read(1).unwrap().body.blocks[0].text(),
            "Another body."
        );
        assert!(again.read(0).is_ok() && again.read(2).is_ok());
        // A file gone leaves nothing behind.
        fs::remove_file(dir.path().join("c.txt")).unwrap();
        assert_eq!(
            again
                .with_file(again.read_file_again(2).unwrap())
                .articles
                .len(),
            2
        );
    }

    #[test]
    fn a_folder_named_twice_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "Title\n\nBody.").unwrap();
        let same = dir.path().join(".");
        let library = Library::scan(&[dir.path().to_path_buf(), same]);
        assert_eq!(library.articles.len(), 1);
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
        assert_eq!(library.find(id), Ok(3));
        assert_eq!(library.find(&id[..10]), Ok(3));
        assert_eq!(library.find(""), Err(Lookup::NotFound));
        assert_eq!(library.find("zz"), Err(Lookup::NotFound));
        // Sixteen hex digits over fourteen articles: some first digit is shared, or all differ.
        let shared = (0..16).map(|d| format!("{d:x}")).find(|p| {
            library
                .articles
                .iter()
                .filter(|a| a.id.starts_with(p.as_str()))
                .count()
                > 1
        });
        if let Some(prefix) = shared {
            assert!(matches!(library.find(&prefix), Err(Lookup::Ambiguous(n)) if n > 1));
        }
    }
}

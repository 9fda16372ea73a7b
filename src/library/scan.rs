//! Scanning library folders: walking them for article files, and reading each file that is new
//! or changed since the last scan into metadata ([`FileEntry`]); files whose size, modification
//! time and inode are unchanged keep what the last scan found (see [`super::cache`]).
//!
//! A scan keeps only metadata: each file's body is parsed, counted and dropped on the worker
//! that read it, so a scan of 100,000 articles never holds their texts. Work is in batches, in
//! walk order, so a caller can show progress and the articles found so far.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use super::{ArticleError, Format, Problem, Records, article_id, link_target, read_file};
use crate::article::{Article, Parsed, Source};
use crate::parallel;

/// How many files a batch of a scan reads before it reports progress.
pub const BATCH: usize = 4096;

/// What identifies a file's version without reading it: if all three are the same as when it
/// was read, its metadata is taken as unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Modification time, in nanoseconds since 1970.
    pub modified: i128,
    pub inode: u64,
}

/// A file's or folder's modification time, in nanoseconds since 1970.
fn modified_of(meta: &fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .map(|t| match t.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        })
        .unwrap_or(0)
}

impl Stamp {
    pub(super) fn of(meta: &fs::Metadata) -> Self {
        let modified = modified_of(meta);
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Self {
            size: meta.len(),
            modified,
            inode,
        }
    }
}

/// One article's metadata as a file gave it, before ids are made unique across the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
    pub publication: Option<String>,
    pub tags: Vec<String>,
    pub words: usize,
}

impl Meta {
    pub fn of(parsed: Parsed) -> Self {
        Self {
            id: article_id(&parsed),
            words: parsed.body.word_count(),
            title: parsed.title,
            author: parsed.author,
            date: parsed.date,
            url: parsed.url,
            publication: parsed.source,
            tags: parsed.tags,
        }
    }
}

/// What reading a file came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// The articles a file gave, each with its place among its records (0 for single-article
    /// formats); and the file's one problem with records that are not articles, if any.
    Records {
        articles: Vec<(usize, Meta)>,
        problem: Option<String>,
    },
    /// The file cannot be used, and why.
    Problem(String),
    /// Not an article and not worth a word (a file without an extension that is not text).
    Skipped,
}

/// A file of the library and what it held when it was last read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: PathBuf,
    pub format: Format,
    pub stamp: Option<Stamp>,
    pub outcome: Outcome,
}

/// Folders walked and their modification times (nanoseconds since 1970) then.
pub type Folders = Vec<(PathBuf, i128)>;

/// A library folder (or file) and what is in it, in walk order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scanned {
    pub root: PathBuf,
    /// Every folder walked (the root's included), and its modification time then.
    pub folders: Folders,
    pub items: Vec<Item>,
}

impl Scanned {
    /// How many files it holds.
    pub fn files(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, Item::File(_)))
            .count()
    }
}

/// The file entries of a scanned root, by path, to check a new scan against.
fn by_path(scanned: Scanned) -> HashMap<PathBuf, FileEntry> {
    scanned
        .items
        .into_iter()
        .filter_map(|item| match item {
            Item::File(entry) => Some((entry.path.clone(), entry)),
            Item::Unreadable(_) => None,
        })
        .collect()
}

/// One thing a walk met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    File(FileEntry),
    /// A folder entry the walk could not read.
    Unreadable(Problem),
}

/// How far a scan has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Files checked so far, and in all.
    pub done: usize,
    pub total: usize,
    /// Files read again (new or changed) so far.
    pub read: usize,
}

/// A file found by the walk, to be checked.
struct Walked {
    path: PathBuf,
    format: Format,
    symlink: bool,
    regular: bool,
}

/// How much of the library a scan looks at to tell what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Every file's size, modification time and inode: sees every change.
    Files,
    /// Only the folders' modification times, trusting the index for a root whose folders are
    /// all as they were: sees files added, removed and renamed (and editors that save by
    /// rename), not a file rewritten in place. Files are checked only under a changed root.
    Folders,
}

/// Scans `roots`, reading only the files that `known` (what the last scan found) does not
/// have as they are now. After each batch `report` gets the progress and the roots scanned so
/// far (the current one in part).
pub fn scan(
    roots: &[PathBuf],
    known: Vec<Scanned>,
    look: Look,
    mut report: impl FnMut(Progress, &[Scanned]),
) -> Vec<Scanned> {
    let mut known_roots: HashMap<PathBuf, Scanned> =
        known.into_iter().map(|s| (s.root.clone(), s)).collect();
    let mut scanned: Vec<Scanned> = Vec::new();
    // The same folder named twice (or by two spellings) is read once.
    let mut seen = std::collections::HashSet::new();
    let mut walks = Vec::new();
    for root in roots {
        if !seen.insert(fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())) {
            continue;
        }
        let previous = known_roots.remove(root);
        match previous {
            Some(previous) if look == Look::Folders && folders_unchanged(&previous) => {
                walks.push(Walk::Kept(previous));
            }
            previous => {
                let (walked, folders) = walk(root);
                walks.push(Walk::Walked {
                    root: root.clone(),
                    walked,
                    folders,
                    known: previous.map(by_path).unwrap_or_default(),
                });
            }
        }
    }
    let total = walks.iter().map(Walk::len).sum();
    let mut progress = Progress {
        done: 0,
        total,
        read: 0,
    };
    // The walk is done: how much there is to check is known before the first batch.
    report(progress, &scanned);
    for walk in walks {
        let (root, walked, folders, mut known) = match walk {
            Walk::Kept(kept) => {
                progress.done += kept.items.len();
                scanned.push(kept);
                report(progress, &scanned);
                continue;
            }
            Walk::Walked {
                root,
                walked,
                folders,
                known,
            } => (root, walked, folders, known),
        };
        let canonical_root = fs::canonicalize(base_of(&root)).ok();
        scanned.push(Scanned {
            root,
            folders,
            items: Vec::with_capacity(walked.len()),
        });
        let mut walked = walked.into_iter().peekable();
        while walked.peek().is_some() {
            let batch: Vec<Result<Walked, Problem>> = walked.by_ref().take(BATCH).collect();
            // A stat per file, spread over the cores...
            let stamps: Vec<Option<Stamp>> = parallel::chunks(&batch, 256, |part| {
                part.iter()
                    .map(|w| {
                        let w = w.as_ref().ok()?;
                        // A link is judged by the file it leads to.
                        fs::metadata(&w.path).ok().map(|m| Stamp::of(&m))
                    })
                    .collect()
            });
            // ...what the index knows of an unchanged file is taken as it is...
            let mut items: Vec<Option<Item>> = Vec::with_capacity(batch.len());
            let mut to_read = Vec::new();
            for (i, (walked, stamp)) in batch.iter().zip(stamps).enumerate() {
                let walked = match walked {
                    Ok(walked) => walked,
                    Err(problem) => {
                        items.push(Some(Item::Unreadable(problem.clone())));
                        continue;
                    }
                };
                match known.remove(&walked.path) {
                    Some(entry)
                        if stamp.is_some()
                            && entry.stamp == stamp
                            && entry.format == walked.format =>
                    {
                        items.push(Some(Item::File(entry)));
                    }
                    _ => {
                        items.push(None);
                        to_read.push((i, stamp));
                    }
                }
            }
            // ...and the rest is read, on every core.
            let read: Vec<FileEntry> = parallel::chunks(&to_read, 16, |part| {
                part.iter()
                    .filter_map(|&(i, stamp)| {
                        let walked = batch[i].as_ref().ok()?;
                        Some(read_entry(walked, stamp, canonical_root.as_deref()))
                    })
                    .collect()
            });
            progress.read += read.len();
            for ((i, _), entry) in to_read.into_iter().zip(read) {
                items[i] = Some(Item::File(entry));
            }
            progress.done += items.len();
            if let Some(current) = scanned.last_mut() {
                current.items.extend(items.into_iter().flatten());
            }
            report(progress, &scanned);
        }
    }
    scanned
}

/// A root to scan: kept from the index as it is, or walked.
enum Walk {
    Kept(Scanned),
    Walked {
        root: PathBuf,
        walked: Vec<Result<Walked, Problem>>,
        folders: Folders,
        known: HashMap<PathBuf, FileEntry>,
    },
}

impl Walk {
    fn len(&self) -> usize {
        match self {
            Walk::Kept(kept) => kept.items.len(),
            Walk::Walked { walked, .. } => walked.len(),
        }
    }
}

/// Whether every folder of a scanned root still has the modification time it had: no file was
/// added, removed or renamed in it since. A root that is a file is never taken on trust.
fn folders_unchanged(scanned: &Scanned) -> bool {
    !scanned.folders.is_empty()
        && scanned
            .folders
            .iter()
            .all(|(path, modified)| fs::metadata(path).is_ok_and(|m| modified_of(&m) == *modified))
}

/// The folder paths inside `root` are relative to.
pub fn base_of(root: &Path) -> &Path {
    if root.is_file() {
        root.parent().unwrap_or(root)
    } else {
        root
    }
}

/// Reads a walked file that is new or changed into an entry.
fn read_entry(walked: &Walked, stamp: Option<Stamp>, root: Option<&Path>) -> FileEntry {
    let records = if walked.symlink {
        link_target(&walked.path, root).and_then(|target| read_file(&target, walked.format))
    } else if walked.regular {
        read_file(&walked.path, walked.format)
    } else {
        Err(ArticleError::NotRegular)
    };
    FileEntry {
        path: walked.path.clone(),
        format: walked.format,
        stamp,
        outcome: outcome_of(records, &walked.path),
    }
}

/// A file's records as metadata, their bodies counted and dropped.
fn outcome_of(records: Result<Records, ArticleError>, path: &Path) -> Outcome {
    match records {
        Ok(records) => Outcome::Records {
            problem: records.problem(),
            articles: (records.articles.into_iter())
                .map(|(position, parsed)| (position, Meta::of(parsed)))
                .collect(),
        },
        // A file without an extension is an article only if it is text.
        Err(ArticleError::Decode(_)) if path.extension().is_none() => Outcome::Skipped,
        Err(err) => Outcome::Problem(err.to_string()),
    }
}

/// A file of the library read again as it is now, as a scan would read it; `None` when it is
/// gone. `root` is the library folder, canonical, that a link must lead inside.
pub(super) fn read_again(path: &Path, root: Option<&Path>) -> Option<FileEntry> {
    let format = Format::of(path)?;
    let file_type = fs::symlink_metadata(path).ok()?.file_type();
    let walked = Walked {
        path: path.to_path_buf(),
        format,
        symlink: file_type.is_symlink(),
        regular: file_type.is_file(),
    };
    let stamp = fs::metadata(path).ok().map(|m| Stamp::of(&m));
    Some(read_entry(&walked, stamp, root))
}

/// Puts scanned roots together: articles in walk order, what their files were when read (the
/// same order), problems, ids made unique.
pub fn assemble(scanned: Vec<Scanned>) -> (Vec<Article>, Vec<Option<Stamp>>, Vec<Problem>) {
    let mut articles = Vec::with_capacity(scanned.iter().map(|s| s.items.len()).sum());
    let mut stamps = Vec::with_capacity(articles.capacity());
    let mut problems = Vec::new();
    for root in scanned {
        let base = base_of(&root.root).to_path_buf();
        for item in root.items {
            match item {
                Item::Unreadable(problem) => problems.push(problem),
                Item::File(entry) => {
                    let (mut found, found_stamps, problem) = assemble_file(entry, &base);
                    articles.append(&mut found);
                    stamps.extend(found_stamps);
                    problems.extend(problem);
                }
            }
        }
    }
    super::dedup_ids(&mut articles);
    (articles, stamps, problems)
}

/// One file's articles as the library lists them (paths from `base`, ids not yet made unique
/// across the library), their stamps, and the file's problem.
pub(super) fn assemble_file(
    entry: FileEntry,
    base: &Path,
) -> (Vec<Article>, Vec<Option<Stamp>>, Option<Problem>) {
    let (found, problem) = match entry.outcome {
        Outcome::Records { articles, problem } => (articles, problem),
        Outcome::Problem(reason) => (Vec::new(), Some(reason)),
        Outcome::Skipped => (Vec::new(), None),
    };
    let relative = entry.path.strip_prefix(base).unwrap_or(&entry.path);
    let articles = (found.into_iter())
        .map(|(position, meta)| {
            let source = if entry.format.has_records() {
                Source::Record(entry.path.clone(), position)
            } else {
                Source::File(entry.path.clone())
            };
            article(meta, relative.to_path_buf(), source)
        })
        .collect::<Vec<_>>();
    let stamps = vec![entry.stamp; articles.len()];
    let problem = problem.map(|reason| Problem {
        path: entry.path,
        reason,
    });
    (articles, stamps, problem)
}

fn article(meta: Meta, path: PathBuf, source: Source) -> Article {
    Article {
        id: meta.id,
        title: meta.title,
        author: meta.author,
        date: meta.date,
        path,
        url: meta.url,
        publication: meta.publication,
        tags: meta.tags,
        words: meta.words,
        source,
    }
}

/// The article files under `root`, sorted by name, and the entries the walk could not read;
/// and every folder walked with its modification time.
fn walk(root: &Path) -> (Vec<Result<Walked, Problem>>, Folders) {
    let mut walked = Vec::new();
    let mut folders = Vec::new();
    // Hidden files and folders (`.git`, `.DS_Store`) are not articles; the root itself may be
    // hidden.
    let visible =
        |e: &walkdir::DirEntry| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.');
    for entry in WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(visible)
    {
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
                walked.push(Err(Problem { path, reason }));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            if let Ok(meta) = entry.metadata() {
                folders.push((entry.into_path(), modified_of(&meta)));
            }
            continue;
        }
        if let Some(format) = Format::of(entry.path()) {
            walked.push(Ok(Walked {
                format,
                symlink: entry.path_is_symlink(),
                regular: entry.file_type().is_file(),
                path: entry.into_path(),
            }));
        }
    }
    (walked, folders)
}

//! The full-text index: every article's body, word by word, in a SQLite FTS5 table beside the
//! metadata index in the cache folder, so `text:` terms answer without reading the library.
//!
//! One row per article (its file's path, the record number for a JSON record) and one per file
//! with the size and modification time it had when it was indexed: [`TextIndex::refresh`]
//! indexes only files that are new or changed and deletes those gone. The FTS5 table is
//! contentless (`contentless_delete=1`): it keeps the words and their places, not the text,
//! which stays in the library's files. It is given the body folded ([`words::for_index`]), so
//! its `unicode61` tokenizer sees the words `text:` terms are made of; it ignores case, which
//! the shell checks in the files when a term respects it.
//!
//! It is a cache like the metadata index: a file that SQLite cannot read, of another schema or
//! another byline version is deleted and built again, never trusted and never a crash. A file
//! is recorded in the same transaction as its articles, so an index cut short holds whole
//! files only, and the next refresh goes on where it stopped. Why FTS5 rather than tantivy is
//! in docs/performance.md.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

pub use self::files::scan;
use super::scan::Stamp;
use super::{Format, Library, parse_bytes, read_bytes_as_listed};
use crate::article::{Parsed, Source};
use crate::parallel;
use crate::query::Words;
use crate::query::words;

mod files;

/// Changes whenever the tables change shape or what is indexed changes meaning.
const SCHEMA: i64 = 1;

/// Up to this many articles, a term's hits are ranked by BM25. A word in more articles than
/// this says little about any of them (its BM25 weight is near nothing), and ranking costs a
/// look at every article's length: such a term only decides which articles match.
pub const RANKED_UP_TO: usize = 20_000;

/// Files parsed per transaction: progress is reported, and kept on disk, after each batch.
const BATCH: usize = 512;

/// Where the full-text index of a library lives: beside its metadata index (`cache::path_for`).
pub fn path_beside(metadata_index: &Path) -> PathBuf {
    metadata_index.with_extension("text")
}

/// The full-text index of one library.
pub struct TextIndex {
    conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for TextIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextIndex")
            .field("path", &self.path)
            .finish()
    }
}

/// How far a refresh has got: files indexed of those to index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// What a refresh did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Files read and indexed (new or changed).
    pub indexed: usize,
    /// Files gone from the library, and their articles, deleted.
    pub deleted: usize,
    /// Files left as they were.
    pub kept: usize,
}

/// What `byline index --status` says.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// Bytes on disk (the database and its write-ahead log).
    pub bytes: u64,
    /// Articles indexed, and those of the library that are (and as they are now).
    pub articles: usize,
    pub fresh: usize,
    /// Bytes of body text indexed.
    pub text_bytes: u64,
    /// When it was last brought up to date.
    pub updated: Option<SystemTime>,
}

/// Which of a library's articles the index holds as they are now, by row.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Row in the index → article index in the library.
    rows: HashMap<i64, usize>,
    /// Articles the index does not hold, or holds from an older file: read them to answer.
    pub missing: Vec<usize>,
}

impl Coverage {
    /// The article a row of the index stands for, if it is current.
    pub fn article(&self, row: i64) -> Option<usize> {
        self.rows.get(&row).copied()
    }

    /// How many articles the index answers for.
    pub fn covered(&self) -> usize {
        self.rows.len()
    }
}

/// Why the index could not be used.
pub type Error = rusqlite::Error;

impl TextIndex {
    /// Opens the index at `path`, building an empty one when it is missing, unreadable, of
    /// another schema or from another byline version (the old file is deleted). When the
    /// folder cannot be written, an index in memory stands in, so nothing fails.
    pub fn open(path: &Path) -> TextIndex {
        match Self::open_checked(path) {
            Ok(index) => index,
            Err(_) => {
                remove(path);
                Self::create(path).unwrap_or_else(|_| Self::in_memory())
            }
        }
    }

    /// Opens the index at `path` only if it is there and sound.
    pub fn open_existing(path: &Path) -> Option<TextIndex> {
        if !path.is_file() {
            return None;
        }
        Self::open_checked(path).ok()
    }

    /// An index in memory, for tests and for a system without a cache folder.
    pub fn in_memory() -> TextIndex {
        let conn = Connection::open_in_memory().expect("SQLite opens a database in memory");
        let index = TextIndex { conn, path: None };
        index
            .init()
            .expect("an empty database in memory takes the tables");
        index
    }

    fn open_checked(path: &Path) -> Result<TextIndex, Error> {
        if !path.exists() {
            return Self::create(path);
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // A cache: what a power cut could lose is rebuilt, and not waiting on the disk after
        // every batch makes building it several times quicker.
        conn.execute_batch("PRAGMA synchronous = OFF")?;
        let schema: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let version: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'version'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if schema != SCHEMA || version.as_deref() != Some(env!("CARGO_PKG_VERSION")) {
            // Another schema or byline: not this index, whatever SQLite thinks of the file.
            return Err(Error::InvalidQuery);
        }
        // The tables are all there and the FTS table answers.
        conn.query_row(
            "SELECT count(*) FROM (SELECT rowid FROM body WHERE body MATCH 'a' LIMIT 1)",
            [],
            |r| r.get::<_, i64>(0),
        )?;
        conn.query_row(
            "SELECT count(*) FROM (SELECT 1 FROM docs JOIN files ON files.id = docs.file LIMIT 1)",
            [],
            |r| r.get::<_, i64>(0),
        )?;
        Ok(TextIndex {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    fn create(path: &Path) -> Result<TextIndex, Error> {
        if let Some(parent) = path.parent() {
            let _ = fs::create_dir_all(parent);
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let index = TextIndex {
            conn,
            path: Some(path.to_path_buf()),
        };
        index.init()?;
        Ok(index)
    }

    fn init(&self) -> Result<(), Error> {
        self.conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = OFF;
             BEGIN;
             CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS files (
                 id INTEGER PRIMARY KEY, path BLOB NOT NULL UNIQUE,
                 size INTEGER NOT NULL, modified TEXT NOT NULL, inode INTEGER NOT NULL);
             CREATE TABLE IF NOT EXISTS docs (
                 id INTEGER PRIMARY KEY, file INTEGER NOT NULL, record INTEGER NOT NULL,
                 bytes INTEGER NOT NULL);
             CREATE INDEX IF NOT EXISTS docs_file ON docs(file);
             CREATE VIRTUAL TABLE IF NOT EXISTS body USING fts5(
                 text, content = '', contentless_delete = 1,
                 tokenize = 'unicode61 remove_diacritics 2');
             INSERT OR REPLACE INTO meta VALUES ('version', '{}');
             PRAGMA user_version = {SCHEMA};
             COMMIT;",
            env!("CARGO_PKG_VERSION")
        ))
    }

    /// Where the index is (none in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Brings the index up to what `library` lists: files new or changed since they were
    /// indexed are read and indexed (their articles' bodies), files gone are deleted.
    /// `progress` hears after each batch of files.
    pub fn refresh(
        &mut self,
        library: &Library,
        mut progress: impl FnMut(Progress),
    ) -> Result<Refreshed, Error> {
        let known = self.files()?;
        let mut listed: Vec<(PathBuf, Option<Stamp>)> = Vec::new();
        let mut seen: HashSet<&[u8]> = HashSet::new();
        for (i, article) in library.articles.iter().enumerate() {
            if let Source::File(path) | Source::Record(path, _) = &article.source
                && seen.insert(path.as_os_str().as_encoded_bytes())
            {
                listed.push((path.clone(), library.stamp(i)));
            }
        }
        let mut done = Refreshed::default();
        let to_index: Vec<&(PathBuf, Option<Stamp>)> = listed
            .iter()
            .filter(
                |(path, stamp)| match (known.get(path.as_os_str().as_encoded_bytes()), stamp) {
                    (Some((_, was)), Some(now)) if was == now => {
                        done.kept += 1;
                        false
                    }
                    _ => true,
                },
            )
            .collect();
        let gone: Vec<i64> = known
            .iter()
            .filter(|(path, _)| !seen.contains(path.as_slice()))
            .map(|(_, (id, _))| *id)
            .collect();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for id in &gone {
            delete_file(&tx, *id)?;
        }
        tx.commit()?;
        done.deleted = gone.len();
        let total = to_index.len();
        progress(Progress { done: 0, total });
        // Files are read and parsed (on every core) a batch ahead of the batch being written.
        let conn = &mut self.conn;
        std::thread::scope(|scope| -> Result<(), Error> {
            let (batches, inbox) = std::sync::mpsc::sync_channel::<Vec<FileText>>(1);
            scope.spawn(move || {
                for batch in to_index.chunks(BATCH) {
                    let read = parallel::chunks(batch, 2, |part| {
                        part.iter().map(|(path, _)| FileText::read(path)).collect()
                    });
                    if batches.send(read).is_err() {
                        return;
                    }
                }
            });
            for read in inbox {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                for file in &read {
                    // By path, not by the row read before: another byline may have indexed
                    // the file meanwhile.
                    let row: Option<i64> = tx
                        .query_row(
                            "SELECT id FROM files WHERE path = ?1",
                            [file.path.as_os_str().as_encoded_bytes()],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if let Some(id) = row {
                        delete_file(&tx, id)?;
                    }
                    file.insert(&tx)?;
                }
                tx.commit()?;
                done.indexed += read.len();
                progress(Progress {
                    done: done.indexed,
                    total,
                });
            }
            Ok(())
        })?;
        self.conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('updated', ?1)",
            params![now_seconds().to_string()],
        )?;
        Ok(done)
    }

    /// Every file indexed, by its path's bytes (as stored: hashing bytes is several times
    /// quicker than hashing a path a component at a time): its row and the stamp it had.
    fn files(&self) -> Result<HashMap<Vec<u8>, (i64, Stamp)>, Error> {
        let mut statement = self
            .conn
            .prepare("SELECT id, path, size, modified, inode FROM files")?;
        let rows = statement.query_map([], |r| {
            let path: Vec<u8> = r.get(1)?;
            let modified: String = r.get(3)?;
            Ok((
                path,
                (
                    r.get::<_, i64>(0)?,
                    Stamp {
                        size: r.get::<_, i64>(2)? as u64,
                        modified: modified.parse().unwrap_or_default(),
                        inode: r.get::<_, i64>(4)? as u64,
                    },
                ),
            ))
        })?;
        rows.collect()
    }

    /// Which of `library`'s articles the index holds as their files are now.
    pub fn coverage(&self, library: &Library) -> Result<Coverage, Error> {
        let files = self.files()?;
        // (file row, record) → article, for the files indexed as they are now.
        let mut by_key: HashMap<(i64, usize), usize> = HashMap::new();
        let mut missing = Vec::new();
        for (i, article) in library.articles.iter().enumerate() {
            let (path, record) = match &article.source {
                Source::File(path) => (path, 0),
                Source::Record(path, record) => (path, *record),
                Source::Sample(_) => {
                    missing.push(i);
                    continue;
                }
            };
            match (
                files.get(path.as_os_str().as_encoded_bytes()),
                library.stamp(i),
            ) {
                (Some((id, was)), Some(now)) if *was == now => {
                    by_key.insert((*id, record), i);
                }
                _ => missing.push(i),
            }
        }
        let mut rows = HashMap::with_capacity(by_key.len());
        let mut statement = self.conn.prepare("SELECT id, file, record FROM docs")?;
        let mut query = statement.query([])?;
        while let Some(row) = query.next()? {
            let key = (row.get::<_, i64>(1)?, row.get::<_, i64>(2)? as usize);
            if let Some(&article) = by_key.get(&key) {
                rows.insert(row.get::<_, i64>(0)?, article);
            }
        }
        // An article of a fresh file that the index has no row for (it could not be read
        // then) is read to answer too.
        let covered: HashSet<usize> = rows.values().copied().collect();
        missing.extend(by_key.values().filter(|i| !covered.contains(i)));
        missing.sort_unstable();
        Ok(Coverage { rows, missing })
    }

    /// The rows whose body holds `term`, with their BM25 rank (more negative is better; 0 for
    /// a term in more than [`RANKED_UP_TO`] articles). Case is not checked here: the index
    /// ignores it.
    pub fn search(&self, term: &Words) -> Result<Vec<(i64, f64)>, Error> {
        let expression = match_expression(term);
        let mut rows = self
            .conn
            .prepare_cached("SELECT rowid FROM body WHERE body MATCH ?1")?;
        let found: Vec<i64> = rows
            .query_map([&expression], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if found.len() > RANKED_UP_TO {
            return Ok(found.into_iter().map(|row| (row, 0.0)).collect());
        }
        let mut ranked = self
            .conn
            .prepare_cached("SELECT rowid, bm25(body) FROM body WHERE body MATCH ?1")?;
        let rows = ranked.query_map([&expression], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    }

    /// How big and how fresh the index is, against `library`.
    pub fn status(&self, library: &Library) -> Result<Status, Error> {
        let articles: i64 = self
            .conn
            .query_row("SELECT count(*) FROM docs", [], |r| r.get(0))?;
        let text_bytes: i64 =
            self.conn
                .query_row("SELECT coalesce(sum(bytes), 0) FROM docs", [], |r| r.get(0))?;
        let updated: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'updated'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let coverage = self.coverage(library)?;
        let bytes = self.path.as_ref().map_or(0, |p| {
            let wal = p.with_extension("text-wal");
            [p.as_path(), wal.as_path()]
                .iter()
                .filter_map(|f| fs::metadata(f).ok())
                .map(|m| m.len())
                .sum()
        });
        Ok(Status {
            bytes,
            articles: articles as usize,
            fresh: coverage.covered(),
            text_bytes: text_bytes as u64,
            updated: updated
                .and_then(|s| s.parse::<u64>().ok())
                .map(|s| UNIX_EPOCH + Duration::from_secs(s)),
        })
    }
}

/// An FTS5 query for a term: each word quoted (so nothing in it is FTS5 syntax), the words a
/// phrase, `*` after it for a prefix.
pub fn match_expression(term: &Words) -> String {
    let quoted: Vec<String> = term.words.iter().map(|w| w.replace('"', "\"\"")).collect();
    let star = if term.prefix { " *" } else { "" };
    format!("\"{}\"{star}", quoted.join(" "))
}

/// A file read for the index: its stamp when read and each article's body text, folded.
struct FileText {
    path: PathBuf,
    stamp: Option<Stamp>,
    bodies: Vec<(usize, String)>,
}

impl FileText {
    /// Reads and parses the file as the scan does; a file that cannot be read is indexed with
    /// no article (so it is not read again until it changes).
    fn read(path: &Path) -> FileText {
        let stamp = fs::metadata(path).ok().map(|m| Stamp::of(&m));
        let format = Format::of(path).unwrap_or(Format::Plain);
        let bodies = read_bytes_as_listed(path, stamp)
            .ok()
            .and_then(|bytes| parse_bytes(&bytes, format).ok())
            .map(|records| {
                records
                    .articles
                    .iter()
                    .map(|(record, parsed)| (*record, body_text(parsed)))
                    .collect()
            })
            .unwrap_or_default();
        FileText {
            path: path.to_path_buf(),
            stamp,
            bodies,
        }
    }

    fn insert(&self, tx: &rusqlite::Transaction) -> Result<(), Error> {
        let Some(stamp) = self.stamp else {
            return Ok(());
        };
        tx.execute(
            "INSERT INTO files (path, size, modified, inode) VALUES (?1, ?2, ?3, ?4)",
            params![
                self.path.as_os_str().as_encoded_bytes(),
                stamp.size as i64,
                stamp.modified.to_string(),
                stamp.inode as i64
            ],
        )?;
        let file = tx.last_insert_rowid();
        let mut doc =
            tx.prepare_cached("INSERT INTO docs (file, record, bytes) VALUES (?1, ?2, ?3)")?;
        let mut body = tx.prepare_cached("INSERT INTO body (rowid, text) VALUES (?1, ?2)")?;
        for (record, text) in &self.bodies {
            doc.execute(params![file, *record as i64, text.len() as i64])?;
            body.execute(params![tx.last_insert_rowid(), text])?;
        }
        Ok(())
    }
}

/// The body as the index is given it: the blocks' text, a line each, folded.
pub fn body_text(parsed: &Parsed) -> String {
    let text: Vec<String> = parsed.body.blocks.iter().map(|b| b.text()).collect();
    words::for_index(&text.join("\n"))
}

/// Deletes a file's row and its articles.
fn delete_file(tx: &rusqlite::Transaction, file: i64) -> Result<(), Error> {
    tx.execute(
        "DELETE FROM body WHERE rowid IN (SELECT id FROM docs WHERE file = ?1)",
        [file],
    )?;
    tx.execute("DELETE FROM docs WHERE file = ?1", [file])?;
    tx.execute("DELETE FROM files WHERE id = ?1", [file])?;
    Ok(())
}

fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Deletes an index file and what SQLite keeps beside it.
fn remove(path: &Path) {
    let _ = fs::remove_file(path);
    for side in ["text-wal", "text-shm"] {
        let _ = fs::remove_file(path.with_extension(side));
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use jiff::civil::date;

    use super::*;
    use crate::query::{Query, Test};

    fn write(dir: &Path, name: &str, title: &str, body: &str) {
        let text = format!("{title}\nBy Ann Lee\n3 March 2014\n\n{body}\n");
        fs::write(dir.join(name), text).unwrap();
    }

    /// A library of three articles, and the temporary folder holding it.
    fn library() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("lib");
        fs::create_dir(&root).unwrap();
        write(
            &root,
            "a.txt",
            "Talks resume",
            "Officials in Pyŏngyang spoke of intelligence sharing with Seoul. THAAD was not \
             mentioned.",
        );
        write(
            &root,
            "b.txt",
            "Harbour news",
            "The harbour board met. Sharing intelligence was never on the agenda; thaad neither.",
        );
        write(
            &root,
            "c.txt",
            "Sponsored post",
            "A word from our sponsor about pyongyanger dumplings.",
        );
        (dir, root)
    }

    fn term(line: &str) -> Words {
        let q = Query::parse(line, date(2026, 11, 28)).unwrap();
        match &q.groups[0].atoms[0].test {
            Test::Words(w) => w.clone(),
            other => panic!("{line:?} gave {other:?}"),
        }
    }

    /// The titles of the articles the index finds for `line` (case not checked).
    fn found(index: &TextIndex, library: &Library, line: &str) -> BTreeSet<String> {
        let coverage = index.coverage(library).unwrap();
        index
            .search(&term(line))
            .unwrap()
            .into_iter()
            .filter_map(|(row, _)| coverage.article(row))
            .map(|i| library.articles[i].title.clone())
            .collect()
    }

    fn set(titles: &[&str]) -> BTreeSet<String> {
        titles.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn fts5_is_compiled_into_the_bundled_sqlite() {
        let conn = Connection::open_in_memory().unwrap();
        let yes: i64 = conn
            .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(yes, 1);
    }

    #[test]
    fn words_phrases_prefixes_and_folding() {
        let (dir, root) = library();
        let library = Library::scan(&[root]);
        let mut index = TextIndex::open(&dir.path().join("lib.text"));
        let done = index.refresh(&library, |_| {}).unwrap();
        assert_eq!(done.indexed, 3);
        assert_eq!(
            found(&index, &library, "x:pyongyang"),
            set(&["Talks resume"])
        );
        assert_eq!(
            found(&index, &library, "x:pyŏngyang"),
            set(&["Talks resume"])
        );
        assert_eq!(
            found(&index, &library, "x:pyong*"),
            set(&["Talks resume", "Sponsored post"])
        );
        assert_eq!(
            found(&index, &library, "x:\"intelligence sharing\""),
            set(&["Talks resume"])
        );
        assert_eq!(
            found(&index, &library, "x:\"sharing intelligence\""),
            set(&["Harbour news"])
        );
        // The index ignores case: smart case is checked in the files (`scan`).
        assert_eq!(
            found(&index, &library, "x:THAAD"),
            set(&["Talks resume", "Harbour news"])
        );
        let all: Vec<usize> = (0..library.articles.len()).collect();
        let exact = scan(&library, &all, &term("x:THAAD"));
        assert_eq!(exact.len(), 1);
        assert_eq!(library.articles[exact[0].0].title, "Talks resume");
        // Only the body: titles are not in it.
        assert!(found(&index, &library, "x:resume").is_empty());
        // Nothing in a term is FTS5 syntax.
        assert!(found(&index, &library, "x:\"near(a b)\"").is_empty());
    }

    #[test]
    fn only_new_and_changed_files_are_read_again_and_gone_ones_deleted() {
        let (dir, root) = library();
        let path = dir.path().join("lib.text");
        let library = Library::scan(std::slice::from_ref(&root));
        TextIndex::open(&path).refresh(&library, |_| {}).unwrap();

        // An edit (another size), a new file, a file removed.
        std::thread::sleep(Duration::from_millis(20));
        write(&root, "b.txt", "Harbour news", "The ferry strike goes on.");
        write(&root, "d.txt", "Ferry", "A second ferry strike.");
        fs::remove_file(root.join("c.txt")).unwrap();
        let library = Library::scan(std::slice::from_ref(&root));
        let mut index = TextIndex::open(&path);
        // Stale until refreshed: the edited article is not answered from the index.
        let coverage = index.coverage(&library).unwrap();
        assert_eq!(coverage.covered(), 1, "only a.txt is as it was");
        assert_eq!(coverage.missing.len(), 2);
        let done = index.refresh(&library, |_| {}).unwrap();
        assert_eq!(
            done,
            Refreshed {
                indexed: 2,
                deleted: 1,
                kept: 1
            }
        );
        assert_eq!(
            found(&index, &library, "x:strike"),
            set(&["Harbour news", "Ferry"])
        );
        assert!(
            found(&index, &library, "x:harbour").is_empty(),
            "the old text is gone"
        );
        assert!(found(&index, &library, "x:sponsor").is_empty());
        let status = index.status(&library).unwrap();
        assert_eq!((status.articles, status.fresh), (3, 3));
        assert!(status.updated.is_some() && status.bytes > 0);
    }

    #[test]
    fn a_corrupt_or_foreign_index_is_rebuilt() {
        let (dir, root) = library();
        let library = Library::scan(&[root]);
        let path = dir.path().join("lib.text");
        fs::write(&path, b"not a database at all, just bytes".repeat(100)).unwrap();
        assert!(TextIndex::open_existing(&path).is_none());
        let mut index = TextIndex::open(&path);
        index.refresh(&library, |_| {}).unwrap();
        assert_eq!(found(&index, &library, "x:seoul"), set(&["Talks resume"]));
        drop(index);

        // Another schema: rebuilt empty.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
        drop(conn);
        let index = TextIndex::open(&path);
        assert_eq!(index.status(&library).unwrap().articles, 0);
    }

    #[test]
    fn an_index_cut_short_holds_whole_files_and_goes_on() {
        let (dir, root) = library();
        let library = Library::scan(&[root]);
        let path = dir.path().join("lib.text");
        let mut index = TextIndex::open(&path);
        // As if stopped after one file: only a.txt's rows were committed.
        let Source::File(first) = &library.articles[0].source else {
            panic!("a file");
        };
        let first = FileText::read(first);
        let tx = index.conn.transaction().unwrap();
        first.insert(&tx).unwrap();
        tx.commit().unwrap();
        let coverage = index.coverage(&library).unwrap();
        assert_eq!((coverage.covered(), coverage.missing.len()), (1, 2));
        let done = index.refresh(&library, |_| {}).unwrap();
        assert_eq!((done.indexed, done.kept), (2, 1));
    }
}

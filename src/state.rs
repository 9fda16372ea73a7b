//! What byline remembers between runs: which articles are read and starred, where you were in
//! each, and the queries you kept. Stored in SQLite at `<data dir>/byline/state.db`, keyed by
//! article id (which survives moving or renaming a file).
//!
//! Each change is one statement, so one transaction, written when it happens. The database runs
//! in WAL mode with a busy timeout, so two byline processes on one library both keep their
//! changes, and with `synchronous = FULL`, so a change that returned is on disk. The schema
//! carries a version (`PRAGMA user_version`) and migrates forward.
//!
//! Nothing here may stop byline: a file that is not a database (or fails its check) is moved
//! aside and a fresh one started; a folder that cannot be written to leaves the state in memory.
//! A file byline may read but not write (read-only, or from a newer byline, whose schema this
//! one must not touch) is copied into memory as far as it can be read: its marks are shown, and
//! the session's changes last until byline quits. Each way [`State::open`] says so in a warning.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::Serialize;

use crate::article::Position;
use crate::article::sanitize::display_path;

/// The schema this byline writes.
const VERSION: i64 = 2;

/// The most queries kept.
const HISTORY_LIMIT: i64 = 200;

/// How long a write waits for another byline holding the database.
const BUSY: Duration = Duration::from_secs(5);

/// Everything remembered, as read at start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub read: BTreeSet<String>,
    pub starred: BTreeSet<String>,
    /// Where you were in each article: block and character offset.
    pub positions: BTreeMap<String, (usize, usize)>,
    /// Queries kept, oldest first.
    pub history: Vec<String>,
    /// Choices made while reading that are kept too (the layout).
    pub settings: BTreeMap<String, String>,
}

impl Snapshot {
    pub fn position(&self, id: &str) -> Option<Position> {
        self.positions.get(id).map(|&(block, offset)| Position {
            block: Some(block),
            offset,
        })
    }
}

/// One change to remember.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Read {
        id: String,
        read: bool,
    },
    Star {
        id: String,
        starred: bool,
    },
    Place {
        id: String,
        at: Position,
    },
    /// Many articles read (or unread) at once (`A`, and its undo): one transaction, not one
    /// each, which at 100,000 articles and `synchronous = FULL` would take minutes.
    ReadMany {
        ids: Vec<String>,
        read: bool,
    },
    Query(String),
    /// A choice to keep, such as the layout.
    Setting {
        key: String,
        value: String,
    },
}

/// The state database.
#[derive(Debug)]
pub struct State {
    conn: Connection,
    /// Where it is; `None` when it lives in memory only.
    path: Option<PathBuf>,
}

impl State {
    /// Opens (or creates) the state at `path`; a warning says when it could not be used as is.
    pub fn open(path: &Path) -> (State, Option<String>) {
        // Another byline opening the same new file at the same moment can hold the lock that
        // switching to WAL or creating the tables needs, past the busy handler: try again.
        let mut opened = Self::open_file(path);
        for _ in 0..50 {
            if !matches!(opened, Err(Failure::Busy(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
            opened = Self::open_file(path);
        }
        match opened {
            Ok(state) => (state, None),
            Err(Failure::Newer(version)) => {
                let newer = format!(
                    "{} is from a newer byline (schema {version}, this one knows {VERSION})",
                    display_path(path)
                );
                match Self::read_only(path) {
                    Ok(state) => (
                        state,
                        Some(format!("{newer}: read-only, marks will not be saved")),
                    ),
                    Err(err) => Self::in_memory(format!(
                        "{newer} and cannot be read ({err}); this session is not saved"
                    )),
                }
            }
            // A file that is there but cannot be written still holds the marks to show.
            Err(Failure::Unusable(reason)) if path.is_file() => match Self::read_only(path) {
                Ok(state) => (
                    state,
                    Some(format!(
                        "state is read-only ({}: {reason}): marks will not be saved",
                        display_path(path)
                    )),
                ),
                Err(_) => Self::in_memory(format!(
                    "cannot save reading state in {} ({reason}); this session is not saved",
                    display_path(path)
                )),
            },
            Err(Failure::Corrupt(reason)) => {
                let aside = aside_name(path);
                // The write-ahead log goes with it: it holds the last changes of that file.
                let mut wal = path.as_os_str().to_os_string();
                wal.push("-wal");
                let mut aside_wal = aside.as_os_str().to_os_string();
                aside_wal.push("-wal");
                let _ = std::fs::rename(&wal, &aside_wal);
                let mut shm = path.as_os_str().to_os_string();
                shm.push("-shm");
                let _ = std::fs::remove_file(&shm);
                match std::fs::rename(path, &aside) {
                    Ok(()) => {
                        let warning = format!(
                            "{} was damaged ({reason}); it was moved to {} and byline starts a new one",
                            display_path(path),
                            display_path(&aside)
                        );
                        match Self::open_file(path) {
                            Ok(state) => (state, Some(warning)),
                            Err(_) => Self::in_memory(warning),
                        }
                    }
                    Err(err) => Self::in_memory(format!(
                        "{} is damaged ({reason}) and could not be moved aside ({err}); \
                         this session is not saved",
                        display_path(path)
                    )),
                }
            }
            Err(Failure::Unusable(reason) | Failure::Busy(reason)) => Self::in_memory(format!(
                "cannot save reading state in {} ({reason}); this session is not saved",
                display_path(path)
            )),
        }
    }

    /// A state in memory, for when the file cannot be used (and for tests).
    pub fn memory() -> State {
        let conn = Connection::open_in_memory().expect("SQLite opens in memory");
        let state = State { conn, path: None };
        state.migrate().expect("a fresh database migrates");
        state
    }

    fn in_memory(warning: String) -> (State, Option<String>) {
        (Self::memory(), Some(warning))
    }

    /// A state in memory holding what the file at `path` holds, as far as this byline can read
    /// it, for a file it must not or cannot write. The file is opened read-only, and never
    /// written: not even to switch its journal or to migrate it.
    fn read_only(path: &Path) -> rusqlite::Result<State> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let readable = |conn: Connection| {
            conn.busy_timeout(BUSY)?;
            conn.query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0))?;
            Ok(conn)
        };
        // A database in WAL mode needs its -shm file even to be read; in a folder that cannot
        // be written, where none is left, only an immutable open reads it.
        let source = Connection::open_with_flags(path, flags)
            .and_then(readable)
            .or_else(|_| {
                Connection::open_with_flags(immutable_uri(path), flags).and_then(readable)
            })?;
        let snapshot = read_what_can_be_read(&source);
        let state = Self::memory();
        state.seed(&snapshot)?;
        Ok(state)
    }

    /// Writes everything in `snapshot` at once (into a fresh database).
    fn seed(&self, snapshot: &Snapshot) -> rusqlite::Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut mark = tx.prepare(
                "INSERT INTO articles (id, read, starred) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET read = read OR excluded.read,
                     starred = starred OR excluded.starred",
            )?;
            for id in &snapshot.read {
                mark.execute(params![id, true, false])?;
            }
            for id in &snapshot.starred {
                mark.execute(params![id, false, true])?;
            }
            let mut place = tx.prepare(
                "INSERT INTO articles (id, block, offset) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET block = excluded.block, offset = excluded.offset",
            )?;
            for (id, &(block, offset)) in &snapshot.positions {
                let block = i64::try_from(block).unwrap_or(i64::MAX);
                let offset = i64::try_from(offset).unwrap_or(i64::MAX);
                place.execute(params![id, block, offset])?;
            }
            let mut query = tx.prepare("INSERT OR IGNORE INTO history (query) VALUES (?1)")?;
            for q in &snapshot.history {
                query.execute(params![q])?;
            }
            let mut setting =
                tx.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)")?;
            for (key, value) in &snapshot.settings {
                setting.execute(params![key, value])?;
            }
        }
        tx.commit()
    }

    /// Where the state is kept, if on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn open_file(path: &Path) -> Result<State, Failure> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Failure::Unusable(e.to_string()))?;
        }
        let conn = Connection::open(path).map_err(|e| Failure::Unusable(e.to_string()))?;
        conn.busy_timeout(BUSY)
            .map_err(|e| Failure::Unusable(e.to_string()))?;
        // A file that is not a database fails here, at its first read.
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |row| row.get(0))
            .map_err(|e| corrupt_or_unusable(&e))?;
        if check != "ok" {
            return Err(Failure::Corrupt(check));
        }
        // Before anything is written (switching to WAL writes the header): a newer byline's
        // database is not this one's to change.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| corrupt_or_unusable(&e))?;
        if version > VERSION {
            return Err(Failure::Newer(version));
        }
        // SQLite opens a file it may not write read-only without a word; saves would then fail
        // one by one.
        if conn
            .is_readonly(rusqlite::MAIN_DB)
            .map_err(|e| corrupt_or_unusable(&e))?
        {
            return Err(Failure::Unusable("the file cannot be written".to_string()));
        }
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(|e| corrupt_or_unusable(&e))?;
        if mode != "wal" {
            // A folder that cannot hold the WAL files (some network mounts) still works.
            conn.execute_batch("PRAGMA journal_mode = DELETE")
                .map_err(|e| corrupt_or_unusable(&e))?;
        }
        conn.execute_batch("PRAGMA synchronous = FULL")
            .map_err(|e| corrupt_or_unusable(&e))?;
        let state = State {
            conn,
            path: Some(path.to_path_buf()),
        };
        state.migrate().map_err(|e| corrupt_or_unusable(&e))?;
        Ok(state)
    }

    /// Brings the schema up to [`VERSION`].
    fn migrate(&self) -> rusqlite::Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if version < 1 {
            self.conn.execute_batch(
                "BEGIN IMMEDIATE;
                 CREATE TABLE IF NOT EXISTS articles (
                     id TEXT PRIMARY KEY,
                     read INTEGER NOT NULL DEFAULT 0,
                     starred INTEGER NOT NULL DEFAULT 0,
                     block INTEGER,
                     offset INTEGER
                 );
                 CREATE TABLE IF NOT EXISTS history (
                     n INTEGER PRIMARY KEY AUTOINCREMENT,
                     query TEXT NOT NULL UNIQUE
                 );
                 PRAGMA user_version = 1;
                 COMMIT;",
            )?;
        }
        if version < 2 {
            self.conn.execute_batch(
                "BEGIN IMMEDIATE;
                 CREATE TABLE IF NOT EXISTS settings (
                     key TEXT PRIMARY KEY,
                     value TEXT NOT NULL
                 );
                 PRAGMA user_version = 2;
                 COMMIT;",
            )?;
        }
        const { assert!(VERSION == 2, "add the migration to the new version above") };
        Ok(())
    }

    /// Everything remembered.
    pub fn load(&self) -> rusqlite::Result<Snapshot> {
        let mut snapshot = Snapshot::default();
        read_articles(&self.conn, &mut snapshot)?;
        read_history(&self.conn, &mut snapshot)?;
        read_settings(&self.conn, &mut snapshot)?;
        Ok(snapshot)
    }

    /// Writes one change, in a transaction of its own.
    pub fn save(&self, change: &Change) -> rusqlite::Result<()> {
        match change {
            Change::Read { id, read } => self.conn.execute(
                "INSERT INTO articles (id, read) VALUES (?1, ?2)
                 ON CONFLICT(id) DO UPDATE SET read = excluded.read",
                params![id, read],
            )?,
            Change::ReadMany { ids, read } => {
                let tx = self.conn.unchecked_transaction()?;
                {
                    let mut insert = tx.prepare(
                        "INSERT INTO articles (id, read) VALUES (?1, ?2)
                         ON CONFLICT(id) DO UPDATE SET read = excluded.read",
                    )?;
                    for id in ids {
                        insert.execute(params![id, read])?;
                    }
                }
                tx.commit()?;
                0
            }
            Change::Star { id, starred } => self.conn.execute(
                "INSERT INTO articles (id, starred) VALUES (?1, ?2)
                 ON CONFLICT(id) DO UPDATE SET starred = excluded.starred",
                params![id, starred],
            )?,
            Change::Place { id, at } => {
                let block = at.block.map(|b| i64::try_from(b).unwrap_or(i64::MAX));
                let offset = i64::try_from(at.offset).unwrap_or(i64::MAX);
                self.conn.execute(
                    "INSERT INTO articles (id, block, offset) VALUES (?1, ?2, ?3)
                     ON CONFLICT(id) DO UPDATE SET block = excluded.block, offset = excluded.offset",
                    params![id, block, offset],
                )?
            }
            Change::Setting { key, value } => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?,
            Change::Query(query) => {
                let tx = self.conn.unchecked_transaction()?;
                tx.execute("DELETE FROM history WHERE query = ?1", params![query])?;
                tx.execute("INSERT INTO history (query) VALUES (?1)", params![query])?;
                tx.execute(
                    "DELETE FROM history WHERE n NOT IN
                         (SELECT n FROM history ORDER BY n DESC LIMIT ?1)",
                    params![HISTORY_LIMIT],
                )?;
                tx.commit()?;
                0
            }
        };
        Ok(())
    }

    /// Whether article `id` is read (for commands that look up one article).
    pub fn is_read(&self, id: &str) -> rusqlite::Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT read FROM articles WHERE id = ?1", [id], |r| {
                r.get::<_, bool>(0)
            })
            .optional()?
            .unwrap_or(false))
    }
}

/// The articles' marks and places, into `snapshot`.
fn read_articles(conn: &Connection, snapshot: &mut Snapshot) -> rusqlite::Result<()> {
    let mut rows = conn.prepare("SELECT id, read, starred, block, offset FROM articles")?;
    let articles = rows.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, bool>(1)?,
            row.get::<_, bool>(2)?,
            row.get::<_, Option<i64>>(3)?,
            row.get::<_, Option<i64>>(4)?,
        ))
    })?;
    for article in articles {
        let (id, read, starred, block, offset) = article?;
        if read {
            snapshot.read.insert(id.clone());
        }
        if starred {
            snapshot.starred.insert(id.clone());
        }
        if let (Some(block), Some(offset)) = (block, offset) {
            let place = (
                usize::try_from(block).unwrap_or(0),
                usize::try_from(offset).unwrap_or(0),
            );
            snapshot.positions.insert(id, place);
        }
    }
    Ok(())
}

/// The queries kept, oldest first, into `snapshot`.
fn read_history(conn: &Connection, snapshot: &mut Snapshot) -> rusqlite::Result<()> {
    let mut rows = conn.prepare("SELECT query FROM history ORDER BY n")?;
    snapshot.history = rows
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

/// The choices kept, into `snapshot`.
fn read_settings(conn: &Connection, snapshot: &mut Snapshot) -> rusqlite::Result<()> {
    let mut rows = conn.prepare("SELECT key, value FROM settings")?;
    snapshot.settings = rows
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

/// What a database this byline did not write (or cannot) holds, each part that reads as this
/// byline expects: a newer schema may have changed one table and not the others.
fn read_what_can_be_read(conn: &Connection) -> Snapshot {
    let mut snapshot = Snapshot::default();
    let parts: [fn(&Connection, &mut Snapshot) -> rusqlite::Result<()>; 3] =
        [read_articles, read_history, read_settings];
    for read in parts {
        let mut part = Snapshot::default();
        if read(conn, &mut part).is_ok() {
            snapshot.read.append(&mut part.read);
            snapshot.starred.append(&mut part.starred);
            snapshot.positions.append(&mut part.positions);
            snapshot.history.append(&mut part.history);
            snapshot.settings.append(&mut part.settings);
        }
    }
    snapshot
}

/// Why a state file could not be used.
enum Failure {
    /// It is not a database, or a damaged one.
    Corrupt(String),
    /// It cannot be opened or written (permissions, a full disk).
    Unusable(String),
    /// Another process holds it for now.
    Busy(String),
    /// A newer byline wrote it: its schema version, above [`VERSION`].
    Newer(i64),
}

/// `file:` URI for `path` opened `immutable`: read without locks or a -shm file, for a folder
/// where neither can be made.
fn immutable_uri(path: &Path) -> String {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut uri = String::from("file:");
    for b in bytes {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(char::from(b))
            }
            b => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

fn corrupt_or_unusable(err: &rusqlite::Error) -> Failure {
    use rusqlite::ErrorCode;
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            Failure::Corrupt(err.to_string())
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Failure::Busy(err.to_string()),
        _ => Failure::Unusable(err.to_string()),
    }
}

/// `state.db.corrupt-<seconds since 1970>`, next to the file.
fn aside_name(path: &Path) -> PathBuf {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".corrupt-{seconds}"));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(block: usize, offset: usize) -> Position {
        Position {
            block: Some(block),
            offset,
        }
    }

    #[test]
    fn many_articles_are_marked_in_one_change() {
        let state = State::memory();
        let ids: Vec<String> = (0..1_000).map(|n| format!("id{n}")).collect();
        state
            .save(&Change::Read {
                id: "id7".into(),
                read: false,
            })
            .unwrap();
        state
            .save(&Change::ReadMany {
                ids: ids.clone(),
                read: true,
            })
            .unwrap();
        assert!(ids.iter().all(|id| state.is_read(id).unwrap()));
        state
            .save(&Change::ReadMany {
                ids: ids[..10].to_vec(),
                read: false,
            })
            .unwrap();
        assert!(!state.is_read("id3").unwrap() && state.is_read("id10").unwrap());
        assert_eq!(state.load().unwrap().read.len(), 990);
    }

    #[test]
    fn changes_come_back_after_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("byline").join("state.db");
        {
            let (state, warning) = State::open(&path);
            assert_eq!(warning, None);
            for change in [
                Change::Read {
                    id: "a".into(),
                    read: true,
                },
                Change::Read {
                    id: "b".into(),
                    read: true,
                },
                Change::Read {
                    id: "b".into(),
                    read: false,
                },
                Change::Star {
                    id: "c".into(),
                    starred: true,
                },
                Change::Place {
                    id: "a".into(),
                    at: place(7, 120),
                },
                Change::Query("harbour".into()),
                Change::Query("d:2024".into()),
                Change::Query("harbour".into()),
            ] {
                state.save(&change).unwrap();
            }
        }
        let (state, warning) = State::open(&path);
        assert_eq!(warning, None);
        let snapshot = state.load().unwrap();
        assert_eq!(snapshot.read, BTreeSet::from(["a".to_string()]));
        assert_eq!(snapshot.starred, BTreeSet::from(["c".to_string()]));
        assert_eq!(snapshot.position("a"), Some(place(7, 120)));
        assert_eq!(snapshot.position("c"), None);
        assert_eq!(
            snapshot.history,
            ["d:2024", "harbour"],
            "a reused query moves up"
        );
        assert!(state.is_read("a").unwrap());
        assert!(!state.is_read("zzz").unwrap());
    }

    #[test]
    fn a_version_1_database_migrates_forward_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE articles (id TEXT PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0,
                     starred INTEGER NOT NULL DEFAULT 0, block INTEGER, offset INTEGER);
                 CREATE TABLE history (n INTEGER PRIMARY KEY AUTOINCREMENT, query TEXT NOT NULL UNIQUE);
                 INSERT INTO articles (id, read) VALUES ('old', 1);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let (state, warning) = State::open(&path);
        assert_eq!(warning, None);
        let version: i64 = state
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, VERSION);
        assert!(state.is_read("old").unwrap());
        state
            .save(&Change::Setting {
                key: "arrangement".into(),
                value: "stacked".into(),
            })
            .unwrap();
        assert_eq!(state.load().unwrap().settings["arrangement"], "stacked");
    }

    // A database from a newer byline was migrated "forward" by doing nothing and written to
    // without a word: now it is read, never written, and the warning says which schema.
    #[test]
    fn a_newer_database_is_read_not_written_and_says_which_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE articles (id TEXT PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0,
                     starred INTEGER NOT NULL DEFAULT 0, block INTEGER, offset INTEGER,
                     rating INTEGER);
                 CREATE TABLE history (n INTEGER PRIMARY KEY AUTOINCREMENT, query TEXT NOT NULL UNIQUE);
                 CREATE TABLE tags (id TEXT, tag TEXT);
                 INSERT INTO articles (id, read, starred, block, offset) VALUES ('a', 1, 0, 3, 40);
                 INSERT INTO articles (id, read, starred) VALUES ('b', 0, 1);
                 INSERT INTO history (query) VALUES ('harbour');
                 PRAGMA user_version = 5;",
            )
            .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let (state, warning) = State::open(&path);
        let warning = warning.expect("a warning");
        assert!(
            warning.contains("newer byline (schema 5, this one knows 2): read-only"),
            "{warning}"
        );
        // What it holds that this byline understands is still shown ("settings" is missing).
        let snapshot = state.load().unwrap();
        assert_eq!(snapshot.read, BTreeSet::from(["a".to_string()]));
        assert_eq!(snapshot.starred, BTreeSet::from(["b".to_string()]));
        assert_eq!(snapshot.position("a"), Some(place(3, 40)));
        assert_eq!(snapshot.history, ["harbour"]);
        // Changes last the session, and never reach the file.
        state
            .save(&Change::Star {
                id: "c".into(),
                starred: true,
            })
            .unwrap();
        assert!(state.load().unwrap().starred.contains("c"));
        assert_eq!(state.path(), None);
        drop(state);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the file is untouched"
        );
        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 5);
    }

    #[test]
    fn history_keeps_the_newest_queries_however_often_one_is_repeated() {
        let state = State::memory();
        for q in ["a", "b", "c"] {
            state.save(&Change::Query(q.into())).unwrap();
        }
        for _ in 0..(HISTORY_LIMIT + 10) {
            state.save(&Change::Query("c".into())).unwrap();
        }
        assert_eq!(state.load().unwrap().history, ["a", "b", "c"]);
        for i in 0..(HISTORY_LIMIT + 5) {
            state.save(&Change::Query(format!("q{i}"))).unwrap();
        }
        let history = state.load().unwrap().history;
        assert_eq!(history.len() as i64, HISTORY_LIMIT);
        assert_eq!(history.last().unwrap(), &format!("q{}", HISTORY_LIMIT + 4));
    }

    #[test]
    fn a_damaged_file_is_moved_aside_and_a_new_one_started() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        std::fs::write(
            &path,
            b"this is not a database, it is a shopping list".repeat(100),
        )
        .unwrap();
        let (state, warning) = State::open(&path);
        let warning = warning.expect("a warning");
        assert!(warning.contains("damaged"), "{warning}");
        assert_eq!(state.path(), Some(path.as_path()));
        state
            .save(&Change::Star {
                id: "x".into(),
                starred: true,
            })
            .unwrap();
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with("state.db.corrupt-"))
            .collect();
        assert_eq!(kept.len(), 1, "the damaged file is kept, not deleted");
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_cannot_be_written_leaves_the_state_in_memory() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
        let path = locked.join("byline").join("state.db");
        let (state, warning) = State::open(&path);
        // Root may write anywhere: then the file simply works.
        if std::fs::write(locked.join("probe"), b"").is_err() {
            assert!(warning.unwrap().contains("not saved"));
            assert_eq!(state.path(), None);
        }
        state.save(&Change::Query("still works".into())).unwrap();
        assert_eq!(state.load().unwrap().history, ["still works"]);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
    }

    #[test]
    fn two_writers_at_once_both_keep_their_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let (state, warning) = State::open(&path);
                    assert_eq!(warning, None);
                    for i in 0..50 {
                        state
                            .save(&Change::Read {
                                id: format!("{w}-{i}"),
                                read: true,
                            })
                            .unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        let (state, _) = State::open(&path);
        assert_eq!(state.load().unwrap().read.len(), 100);
    }
}

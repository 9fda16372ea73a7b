//! Measures the two ways to keep the library's index that issue 11 asked to compare: one
//! postcard file (what byline uses, `library::cache`) and a SQLite table with a row per file.
//!
//!     cargo run --release --example index_formats -- INDEX_FILE [COPIES]
//!
//! INDEX_FILE is an index byline wrote (`byline index` prints where); COPIES (default 1, 10 for
//! a million articles from a 100,000 index) repeats its entries under other paths. Prints the
//! time to write and to load each form, and its size.

use std::path::PathBuf;
use std::time::Instant;

use byline::library::cache;
use byline::library::scan::{FileEntry, Item, Scanned};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let index = PathBuf::from(
        args.next()
            .ok_or("usage: index_formats INDEX_FILE [COPIES]")?,
    );
    let copies: usize = args.next().map_or(Ok(1), |c| c.parse())?;
    let loaded = cache::load(&index).map_err(|e| format!("{e:?}"))?;
    let mut entries: Vec<FileEntry> = Vec::new();
    for copy in 0..copies {
        for root in &loaded {
            for item in &root.items {
                if let Item::File(entry) = item {
                    let mut entry = entry.clone();
                    entry.path = PathBuf::from(format!("/copy{copy}{}", entry.path.display()));
                    entries.push(entry);
                }
            }
        }
    }
    let n = entries.len();
    let dir = tempfile::tempdir()?;

    let file = dir.path().join("library.index");
    let scanned = vec![Scanned {
        root: "/".into(),
        folders: Vec::new(),
        items: entries.iter().cloned().map(Item::File).collect(),
    }];
    let t = Instant::now();
    cache::save(&file, &scanned)?;
    let write_file = t.elapsed();
    let t = Instant::now();
    let back = cache::load(&file).map_err(|e| format!("{e:?}"))?;
    let load_file = t.elapsed();
    assert_eq!(back[0].items.len(), n);
    let file_size = std::fs::metadata(&file)?.len();

    let db = dir.path().join("library.sqlite");
    let t = Instant::now();
    let mut conn = rusqlite::Connection::open(&db)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; CREATE TABLE files (path BLOB PRIMARY KEY, entry BLOB NOT NULL);",
    )?;
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare("INSERT INTO files (path, entry) VALUES (?1, ?2)")?;
        for entry in &entries {
            let path = entry.path.as_os_str().as_encoded_bytes();
            insert.execute(rusqlite::params![path, postcard::to_stdvec(entry)?])?;
        }
    }
    tx.commit()?;
    let write_db = t.elapsed();
    drop(conn);
    let t = Instant::now();
    let conn = rusqlite::Connection::open(&db)?;
    let mut select = conn.prepare("SELECT entry FROM files")?;
    let rows: Vec<FileEntry> = select
        .query_map([], |row| row.get::<_, Vec<u8>>(0))?
        .map(|blob| Ok(postcard::from_bytes(&blob?)?))
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let load_db = t.elapsed();
    assert_eq!(rows.len(), n);
    let db_size = std::fs::metadata(&db)?.len();

    println!("{n} files");
    println!("| | write | load | size |");
    println!("|---|---|---|---|");
    println!(
        "| postcard file | {:.0} ms | {:.0} ms | {:.1} MB |",
        write_file.as_secs_f64() * 1000.0,
        load_file.as_secs_f64() * 1000.0,
        file_size as f64 / 1e6
    );
    println!(
        "| SQLite, a row per file | {:.0} ms | {:.0} ms | {:.1} MB |",
        write_db.as_secs_f64() * 1000.0,
        load_db.as_secs_f64() * 1000.0,
        db_size as f64 / 1e6
    );
    Ok(())
}

//! The library's metadata index on disk: for each file the last scan saw, its path, size,
//! modification time and inode, format, and the metadata it held (or why it is a problem), so
//! that byline starts from it at once and reads again only the files that changed.
//!
//! It is a cache, never trusted blindly: one file per set of library folders, written whole to
//! a temporary file and renamed into place (two byline processes updating it at once leave one
//! complete index, never a mix), and checked when read (a magic number, the format version and
//! byline's version, the payload's length and checksum). An index that fails any check is
//! ignored and rebuilt by the next scan; reading one never fails the caller.
//!
//! The payload is the entries in [postcard](https://docs.rs/postcard)'s compact binary form:
//! see docs/performance.md for why a file and not a SQLite table.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::scan::{FileEntry, Folders, Item, Scanned};

/// The first bytes of an index file.
const MAGIC: &[u8; 8] = b"BYLINEIX";

/// Changes whenever what is stored changes shape or meaning; byline's version is checked too,
/// since a newer parser may read the same file differently.
const FORMAT: u32 = 2;

/// An index file's header: magic, format, version length and version, payload length and
/// checksum.
fn header(payload: &[u8]) -> Vec<u8> {
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let mut out = Vec::with_capacity(32 + version.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(version.len() as u32).to_le_bytes());
    out.extend_from_slice(version);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(payload).to_le_bytes());
    out
}

/// Where the index of the library folders `roots` lives in `cache_dir` (byline's cache folder):
/// a name from the folders' canonical paths, so each library has its own.
pub fn path_for(cache_dir: &Path, roots: &[PathBuf]) -> PathBuf {
    let key: Vec<u8> = roots
        .iter()
        .flat_map(|r| {
            let canonical = fs::canonicalize(r).unwrap_or_else(|_| r.clone());
            let mut bytes = canonical.as_os_str().as_encoded_bytes().to_vec();
            bytes.push(0);
            bytes
        })
        .collect();
    cache_dir.join(format!(
        "library-{:016x}.index",
        xxhash_rust::xxh3::xxh3_64(&key)
    ))
}

/// Why an index file was not used.
#[derive(Debug, PartialEq, Eq)]
pub enum Unusable {
    /// There is none yet.
    Missing,
    /// Written by another format or version of byline.
    OtherVersion,
    /// Cut short, damaged, or not an index at all.
    Damaged,
}

/// Reads the index at `path`: the roots it covers and their files, in walk order.
pub fn load(path: &Path) -> Result<Vec<Scanned>, Unusable> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Err(Unusable::Missing),
        Err(_) => return Err(Unusable::Damaged),
    };
    let roots: Vec<Stored> = decode(&bytes)?;
    Ok(roots
        .into_iter()
        .map(|(root, folders, entries)| Scanned {
            root,
            folders,
            items: entries.into_iter().map(Item::File).collect(),
        })
        .collect())
}

/// A root as stored: its path, its folders' modification times, its files.
type Stored = (PathBuf, Folders, Vec<FileEntry>);

fn decode(bytes: &[u8]) -> Result<Vec<Stored>, Unusable> {
    let mut rest = bytes;
    let mut take = |n: usize| -> Result<&[u8], Unusable> {
        if rest.len() < n {
            return Err(Unusable::Damaged);
        }
        let (head, tail) = rest.split_at(n);
        rest = tail;
        Ok(head)
    };
    if take(MAGIC.len())? != MAGIC {
        return Err(Unusable::Damaged);
    }
    let number = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap_or_default());
    let format = number(take(4)?);
    let version_len = number(take(4)?) as usize;
    let version = take(version_len.min(64))?;
    if format != FORMAT || version != env!("CARGO_PKG_VERSION").as_bytes() {
        return Err(Unusable::OtherVersion);
    }
    let long = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
    let length = long(take(8)?);
    let checksum = long(take(8)?);
    let payload = take(usize::try_from(length).map_err(|_| Unusable::Damaged)?)?;
    if xxhash_rust::xxh3::xxh3_64(payload) != checksum {
        return Err(Unusable::Damaged);
    }
    postcard::from_bytes(payload).map_err(|_| Unusable::Damaged)
}

/// Writes the file entries of `scanned` as the index at `path`, atomically.
pub fn save(path: &Path, scanned: &[Scanned]) -> io::Result<()> {
    let roots: Vec<(&PathBuf, &Folders, Vec<&FileEntry>)> = scanned
        .iter()
        .map(|s| {
            let entries = s
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::File(entry) => Some(entry),
                    Item::Unreadable(_) => None,
                })
                .collect();
            (&s.root, &s.folders, entries)
        })
        .collect();
    let payload = postcard::to_stdvec(&roots).map_err(io::Error::other)?;
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    // Written beside, then renamed over: a reader sees the old index or the new, whole.
    let temporary = path.with_extension(format!("index.tmp-{}", std::process::id()));
    let written = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(&header(&payload))?;
        file.write_all(&payload)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Format;
    use crate::library::scan::{Meta, Outcome, Stamp};

    fn scanned() -> Vec<Scanned> {
        let meta = Meta {
            id: "0123456789abcdef".into(),
            title: "A title".into(),
            author: Some("Ann Author".into()),
            date: Some(jiff::civil::date(2020, 5, 1)),
            url: None,
            publication: None,
            tags: vec!["tag".into()],
            words: 42,
        };
        let entry = |name: &str, outcome| {
            Item::File(FileEntry {
                path: PathBuf::from("/lib").join(name),
                format: Format::Plain,
                stamp: Some(Stamp {
                    size: 10,
                    modified: 1_700_000_000_000_000_000,
                    inode: 7,
                }),
                outcome,
            })
        };
        vec![Scanned {
            root: "/lib".into(),
            folders: vec![("/lib".into(), 1_700_000_000_000_000_000)],
            items: vec![
                entry(
                    "a.txt",
                    Outcome::Records {
                        articles: vec![(0, meta)],
                        problem: None,
                    },
                ),
                entry("b.txt", Outcome::Problem("empty file".into())),
            ],
        }]
    }

    #[test]
    fn an_index_reads_back_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/er/library.index");
        assert_eq!(load(&path), Err(Unusable::Missing));
        save(&path, &scanned()).unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.len(), 1);
        assert_eq!(loaded[0].root, PathBuf::from("/lib"));
        assert_eq!(loaded[0].files(), 2);
        let (Item::File(a), Item::File(b)) = (&loaded[0].items[0], &scanned()[0].items[0]) else {
            unreachable!()
        };
        assert_eq!(a, b);
        // Nothing is left beside it.
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn damaged_cut_short_or_foreign_indexes_are_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.index");
        save(&path, &scanned()).unwrap();
        let good = fs::read(&path).unwrap();
        // Cut short anywhere.
        for cut in [0, 5, 12, 30, good.len() / 2, good.len() - 1] {
            fs::write(&path, &good[..cut]).unwrap();
            assert_eq!(load(&path), Err(Unusable::Damaged), "cut at {cut}");
        }
        // One byte of the payload changed.
        let mut flipped = good.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x40;
        fs::write(&path, &flipped).unwrap();
        assert_eq!(load(&path), Err(Unusable::Damaged));
        // Another format version.
        let mut other = good.clone();
        other[8] = other[8].wrapping_add(1);
        fs::write(&path, &other).unwrap();
        assert_eq!(load(&path), Err(Unusable::OtherVersion));
        // Not an index at all.
        fs::write(&path, "title\n\nbody").unwrap();
        assert_eq!(load(&path), Err(Unusable::Damaged));
    }

    #[test]
    fn each_library_has_its_own_index() {
        let dir = Path::new("/cache");
        let a = path_for(dir, &["/nonexistent/a".into()]);
        let b = path_for(dir, &["/nonexistent/b".into()]);
        let ab = path_for(dir, &["/nonexistent/a".into(), "/nonexistent/b".into()]);
        assert_ne!(a, b);
        assert_ne!(a, ab);
        assert_eq!(a, path_for(dir, &["/nonexistent/a".into()]));
        assert!(a.starts_with(dir));
    }
}

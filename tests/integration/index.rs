//! The library's index: byline starts from it and reads again only the files that changed,
//! and an index that is stale, damaged, cut short, from another version or written by two
//! processes at once is never trusted blindly.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use byline::library::{Library, LibrarySource, Look, cache};

use crate::{TempLibrary, byline};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `byline index` on `lib`: what it says it read, as (read, files).
fn index(home: &Path, lib: &Path) -> (usize, usize) {
    let output = byline(home, &["index", "--library", &lib.display().to_string()]);
    assert!(output.status.success(), "{output:?}");
    let said = stdout(&output);
    let counts = said.rsplit_once("; read ").and_then(|(_, rest)| {
        let (read, rest) = rest.split_once(" of ")?;
        let files = rest.split_whitespace().next()?;
        Some((read.parse().ok()?, files.parse().ok()?))
    });
    counts.unwrap_or_else(|| panic!("unexpected output: {said}"))
}

fn titles(home: &Path, lib: &Path) -> Vec<String> {
    let output = byline(
        home,
        &[
            "list",
            "--sort",
            "title",
            "--library",
            &lib.display().to_string(),
        ],
    );
    stdout(&output)
        .lines()
        .map(|l| l.rsplit('\t').next().unwrap_or_default().to_string())
        .collect()
}

fn three_articles() -> TempLibrary {
    let lib = TempLibrary::new();
    lib.article("a.txt", "Alpha", "Ann Author", "1 May 2020", "One.");
    lib.article("b/b.txt", "Bravo", "Bo Writer", "2 May 2020", "Two.");
    lib.article("c.txt", "Charlie", "Cy Scribe", "3 May 2020", "Three.");
    lib
}

#[test]
fn only_new_and_changed_files_are_read_again() {
    let (home, lib) = (tempfile::tempdir().unwrap(), three_articles());
    assert_eq!(
        index(home.path(), lib.path()),
        (3, 3),
        "a first run reads all"
    );
    assert_eq!(index(home.path(), lib.path()), (0, 3), "then none");
    assert_eq!(
        titles(home.path(), lib.path()),
        ["Alpha", "Bravo", "Charlie"]
    );

    // Edited: another title, another size.
    lib.article("b/b.txt", "Bravo edited", "Bo Writer", "2 May 2020", "Two!");
    // Added, and removed.
    lib.article("d.txt", "Delta", "Di Hack", "4 May 2020", "Four.");
    fs::remove_file(lib.path().join("a.txt")).unwrap();
    assert_eq!(
        titles(home.path(), lib.path()),
        ["Bravo edited", "Charlie", "Delta"]
    );
    assert_eq!(
        index(home.path(), lib.path()),
        (0, 3),
        "list brought the index up to date"
    );

    // The same size, another modification time: read again.
    let c = lib.path().join("c.txt");
    fs::write(
        &c,
        fs::read_to_string(&c)
            .unwrap()
            .replace("Charlie", "Charlee"),
    )
    .unwrap();
    let later = SystemTime::now() + Duration::from_secs(5);
    File::options()
        .write(true)
        .open(&c)
        .unwrap()
        .set_modified(later)
        .unwrap();
    assert_eq!(index(home.path(), lib.path()), (1, 3));
    assert_eq!(
        titles(home.path(), lib.path()),
        ["Bravo edited", "Charlee", "Delta"]
    );

    // Rewritten in place, its folder untouched: `list` trusts the folders and still shows the
    // old title; `check` (and the reader, and `index`) look at every file and see it.
    let b = lib.path().join("b/b.txt");
    fs::write(
        &b,
        fs::read_to_string(&b).unwrap().replace("edited", "EDITED"),
    )
    .unwrap();
    assert_eq!(
        titles(home.path(), lib.path()),
        ["Bravo edited", "Charlee", "Delta"]
    );
    let check = byline(
        home.path(),
        &["check", "--library", &lib.path().display().to_string()],
    );
    assert!(check.status.success(), "{check:?}");
    assert_eq!(
        titles(home.path(), lib.path()),
        ["Bravo EDITED", "Charlee", "Delta"]
    );

    // --rebuild reads everything again.
    let output = byline(
        home.path(),
        &[
            "index",
            "--rebuild",
            "--library",
            &lib.path().display().to_string(),
        ],
    );
    // The first line is the metadata index's; the full-text index's follows.
    assert!(
        stdout(&output).contains("read 3 of 3 files\n"),
        "{output:?}"
    );
}

/// The one metadata index file of `lib` in `home`'s cache folder (the full-text index beside
/// it is `fulltext.rs`'s business).
fn index_file(home: &Path) -> PathBuf {
    let dir = home.join(".cache/byline");
    let files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "index"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn a_damaged_cut_short_or_foreign_index_is_rebuilt() {
    let (home, lib) = (tempfile::tempdir().unwrap(), three_articles());
    index(home.path(), lib.path());
    let path = index_file(home.path());
    let good = fs::read(&path).unwrap();
    let damaged: Vec<Vec<u8>> = vec![
        good[..good.len() / 2].to_vec(),
        Vec::new(),
        b"not an index at all".to_vec(),
        {
            let mut other_version = good.clone();
            other_version[8] ^= 1;
            other_version
        },
        {
            let mut flipped = good.clone();
            let at = good.len() - 5;
            flipped[at] ^= 0xff;
            flipped
        },
    ];
    for bad in damaged {
        fs::write(&path, &bad).unwrap();
        assert_eq!(
            titles(home.path(), lib.path()),
            ["Alpha", "Bravo", "Charlie"]
        );
        assert_eq!(fs::read(&path).unwrap(), good, "rewritten whole");
        assert_eq!(index(home.path(), lib.path()), (0, 3));
    }
}

#[test]
fn an_index_that_lies_is_caught_by_the_check() {
    // An index saying a file holds another article than it does: the stamp differs from the
    // file's, so the file is read again rather than believed.
    let lib = three_articles();
    let cache_dir = tempfile::tempdir().unwrap();
    let roots = vec![lib.path().to_path_buf()];
    let path = cache::path_for(cache_dir.path(), &roots);
    let source = LibrarySource::Named(roots.clone());
    Library::open_indexed(&source, Some(&path), Look::Files);
    let mut known = cache::load(&path).unwrap();
    for item in &mut known[0].items {
        if let byline::library::scan::Item::File(entry) = item
            && let byline::library::scan::Outcome::Records { articles, .. } = &mut entry.outcome
            && let Some((_, meta)) = articles.first_mut()
        {
            meta.title = "Forged".into();
            if let Some(stamp) = &mut entry.stamp {
                stamp.size += 1;
            }
        }
    }
    cache::save(&path, &known).unwrap();
    let library = Library::open_indexed(&source, Some(&path), Look::Files);
    let titles: Vec<&str> = library.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Alpha", "Bravo", "Charlie"]);
}

#[test]
fn two_processes_updating_the_index_at_once_leave_a_sound_one() {
    let (home, lib) = (tempfile::tempdir().unwrap(), TempLibrary::new());
    for i in 0..300 {
        lib.article(
            &format!("{}/{i:03}.txt", i % 7),
            &format!("Article {i}"),
            "Ann Author",
            "1 May 2020",
            "Body.",
        );
    }
    let library = lib.path().display().to_string();
    for round in 0..4 {
        // Each round changes a file, so both processes write the index.
        lib.article(
            "0/000.txt",
            &format!("Article 0, round {round}"),
            "Ann Author",
            "1 May 2020",
            "Body.",
        );
        let spawn = |rebuild: bool| {
            let mut args = vec!["index", "--library", &library];
            if rebuild {
                args.push("--rebuild");
            }
            Command::new(env!("CARGO_BIN_EXE_byline"))
                .args(&args)
                .env_remove("XDG_CACHE_HOME")
                .env("HOME", home.path())
                .env("XDG_DATA_HOME", home.path().join("data"))
                .output()
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| spawn(true));
            let b = s.spawn(|| spawn(round % 2 == 0));
            (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
        });
        assert!(a.status.success() && b.status.success(), "{a:?} {b:?}");
        assert_eq!(index(home.path(), lib.path()), (0, 300), "round {round}");
        let path = index_file(home.path());
        let loaded = cache::load(&path).expect("a whole index");
        assert_eq!(loaded[0].files(), 300);
        // The full-text index beside it holds every file once, whoever wrote it.
        let found = byline(
            home.path(),
            &["list", "--library", &library, "--query", "x:body"],
        );
        assert_eq!(stdout(&found).lines().count(), 300, "round {round}");
    }
}

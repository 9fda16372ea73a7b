//! Searching inside the articles (`text:`, `x:`) as a user does it: `byline index` builds the
//! full-text index, `byline list --query 'x:…'` answers from it (and from the files it does not
//! hold yet), `--json` carries a snippet, `--status` says how big and fresh it is; a damaged
//! index is rebuilt; the reader's search answers text terms too, and opens the article found
//! with the words lit.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use byline::library::{Library, LibrarySource, Look};

use crate::{TempLibrary, byline, open_app};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn library() -> TempLibrary {
    let lib = TempLibrary::new();
    lib.article(
        "a.txt",
        "Talks resume",
        "Ann McGrath",
        "3 March 2014",
        "Officials in Pyŏngyang spoke of intelligence sharing with Seoul. THAAD was not mentioned.",
    );
    lib.article(
        "b.txt",
        "Harbour news",
        "Bo Writer",
        "4 May 2012",
        "The harbour board met. Sharing intelligence was never on the agenda; thaad neither.",
    );
    lib.article(
        "c.txt",
        "Sponsored post",
        "Ann McGrath",
        "5 June 2015",
        "A word from our sponsor about Pyongyang dumplings. Sponsored.",
    );
    lib
}

/// `byline list` on `lib`, with `extra` arguments.
fn list(home: &Path, lib: &Path, extra: &[&str]) -> Output {
    let lib = lib.display().to_string();
    let mut args = vec!["list", "--library", &lib];
    args.extend(extra);
    byline(home, &args)
}

/// The titles `byline list --query` prints, in its order.
fn titles(home: &Path, lib: &Path, query: &str) -> Vec<String> {
    let output = list(home, lib, &["--query", query, "--fields", "title"]);
    stdout(&output).lines().map(str::to_string).collect()
}

fn index(home: &Path, lib: &Path, extra: &[&str]) -> String {
    let mut args = vec!["index", "--library"];
    let lib = lib.display().to_string();
    args.push(&lib);
    args.extend(extra);
    let output = byline(home, &args);
    assert!(output.status.success(), "{output:?}");
    stdout(&output)
}

/// The full-text index file in `home`'s cache folder.
fn text_index(home: &Path) -> PathBuf {
    let dir = home.join(".cache/byline");
    fs::read_dir(&dir)
        .expect("the cache folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "text"))
        .expect("a full-text index")
}

/// Every kind of text term, with and without the index: the same answers.
const QUERIES: &[(&str, &[&str])] = &[
    ("x:pyongyang", &["Sponsored post", "Talks resume"]),
    ("x:THAAD", &["Talks resume"]),
    ("x:thaad", &["Harbour news", "Talks resume"]),
    ("x:\"intelligence sharing\"", &["Talks resume"]),
    ("x:\"sharing intelligence\"", &["Harbour news"]),
    ("x:sponsor*", &["Sponsored post"]),
    ("a:mcgrath x:pyongyang d:2014..2014", &["Talks resume"]),
    ("!x:sponsored", &["Harbour news", "Talks resume"]),
    ("x:resume", &[]),
];

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn text_terms_find_the_same_with_the_index_and_without() {
    let (home, lib) = (tempfile::tempdir().unwrap(), library());
    for (query, expected) in QUERIES {
        assert_eq!(
            sorted(titles(home.path(), lib.path(), query)),
            *expected,
            "{query} without an index"
        );
    }
    let said = index(home.path(), lib.path(), &[]);
    assert!(said.contains("3 files indexed"), "{said}");
    for (query, expected) in QUERIES {
        assert_eq!(
            sorted(titles(home.path(), lib.path(), query)),
            *expected,
            "{query} from the index"
        );
    }
}

#[test]
fn a_stale_index_is_completed_by_reading_new_and_changed_files() {
    let (home, lib) = (tempfile::tempdir().unwrap(), library());
    index(home.path(), lib.path(), &[]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    lib.article(
        "b.txt",
        "Harbour news",
        "Bo Writer",
        "4 May 2012",
        "The ferry strike goes on.",
    );
    lib.article(
        "d.txt",
        "Ferry",
        "Cy Scribe",
        "1 May 2020",
        "A second ferry strike.",
    );
    fs::remove_file(lib.path().join("c.txt")).unwrap();
    assert_eq!(
        sorted(titles(home.path(), lib.path(), "x:strike")),
        ["Ferry", "Harbour news"]
    );
    assert!(titles(home.path(), lib.path(), "x:harbour").is_empty());
    let status = index_status(home.path(), lib.path());
    assert!(
        status.contains("1 of the library's 3 up to date"),
        "{status}"
    );
    let said = index(home.path(), lib.path(), &[]);
    assert!(
        said.contains("2 files indexed, 1 deleted, 1 unchanged"),
        "{said}"
    );
    let status = index_status(home.path(), lib.path());
    assert!(
        status.contains("3 articles indexed; 3 of the library's 3 up to date"),
        "{status}"
    );
    assert!(
        status.contains("full-text index:") && status.contains("updated"),
        "{status}"
    );
}

#[test]
fn a_corrupt_index_is_rebuilt_and_never_a_crash() {
    let (home, lib) = (tempfile::tempdir().unwrap(), library());
    index(home.path(), lib.path(), &[]);
    let path = text_index(home.path());
    fs::write(&path, b"SQLite format 3\0 and then nonsense".repeat(200)).unwrap();
    // Unusable: the files answer.
    assert_eq!(titles(home.path(), lib.path(), "x:seoul"), ["Talks resume"]);
    let status = index_status(home.path(), lib.path());
    assert!(status.contains("not built, or unusable"), "{status}");
    let said = index(home.path(), lib.path(), &[]);
    assert!(said.contains("3 files indexed"), "{said}");
    assert_eq!(titles(home.path(), lib.path(), "x:seoul"), ["Talks resume"]);
}

#[test]
fn json_lists_carry_a_snippet_around_the_hit() {
    let (home, lib) = (tempfile::tempdir().unwrap(), library());
    index(home.path(), lib.path(), &[]);
    let output = list(
        home.path(),
        lib.path(),
        &["--query", "x:\"intelligence sharing\"", "--format", "jsonl"],
    );
    let line = stdout(&output);
    let json: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON line");
    let snippet = json["snippet"].as_str().expect("a snippet");
    assert!(snippet.contains("intelligence sharing"), "{snippet}");
    assert!(!snippet.contains('\n'));
    // No text term, no snippet.
    let output = list(home.path(), lib.path(), &["--format", "jsonl"]);
    assert!(!stdout(&output).contains("snippet"));
}

#[test]
fn an_unclosed_phrase_is_a_query_error_at_its_quote() {
    let (home, lib) = (tempfile::tempdir().unwrap(), library());
    let output = list(
        home.path(),
        lib.path(),
        &["--query", "t:talks x:\"intelligence sha"],
    );
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("column 11") && err.contains("closing"),
        "{err}"
    );
}

#[test]
fn the_reader_answers_text_terms_by_reading_the_files() {
    // No index here: the reader's searcher reads the files (the same finder `list` uses).
    let lib = library();
    let library = Library::open_indexed(
        &LibrarySource::Named(vec![lib.path().to_path_buf()]),
        None,
        Look::Files,
    );
    let mut app = open_app(library, 100, 30);
    for c in "/x:\"intelligence sharing\"".chars() {
        crate::act(&mut app, [byline::app::Event::Key(key(c))]);
    }
    let shown: Vec<String> = app
        .hits()
        .iter()
        .map(|h| app.library().articles[h.index].title.clone())
        .collect();
    assert_eq!(shown, ["Talks resume"]);
    // The article opened at the words it was found by, every place lit (`n`/`N` move on).
    let find = app.reading().find().expect("a search inside the article");
    assert_eq!(find.line.text(), "intelligence sharing");
    assert_eq!((find.hits.len(), find.current), (1, 0));
}

fn key(c: char) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char(c),
        crossterm::event::KeyModifiers::NONE,
    )
}

/// What `byline index --status` says of the library at `lib`.
fn index_status(home: &Path, lib: &Path) -> String {
    let library = lib.display().to_string();
    stdout(&byline(home, &["index", "--status", "--library", &library]))
}

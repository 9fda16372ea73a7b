//! `byline import`: feeds written into a library as Markdown articles, read back by byline
//! itself; importing again, `--dry-run`, `--update`, hostile feeds, and `--opml`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use byline::library::Library;

use crate::{TempLibrary, byline, byline_command};

fn feed(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
        .to_str()
        .expect("a UTF-8 path")
        .to_string()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir`, relative to it, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    found.sort();
    found
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn import(home: &Path, args: &[&str]) -> Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    byline(home, &all)
}

#[test]
fn an_imported_feed_reads_back_as_articles_with_every_field() {
    let home = TempLibrary::new();
    let lib = home.path().join("news");
    let into = lib.to_str().unwrap();
    let output = import(home.path(), &[&feed("rss2.xml"), "--into", into]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(text.ends_with("2 new\n"), "{text}");
    assert!(text.contains("harbour-gazette/2026-03-03-tram-line-opens-finally-say-riders.md\t"));

    let library = Library::scan(std::slice::from_ref(&lib));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    assert_eq!(library.articles.len(), 2);
    let tram = (library.articles.iter())
        .find(|a| a.title == "Tram line opens: \"finally\", say riders")
        .expect("the tram article");
    assert_eq!(tram.author.as_deref(), Some("Mara Quill"));
    assert_eq!(tram.date, Some(jiff::civil::date(2026, 3, 3)));
    assert_eq!(
        tram.url.as_deref(),
        Some("https://gazette.example/2026/03/tram")
    );
    assert_eq!(tram.publication.as_deref(), Some("Harbour Gazette"));
    assert_eq!(tram.tags, ["Transport", "City"]);
    let ferry = (library.articles.iter())
        .find(|a| a.title == "- Ferry strike: talks resume")
        .expect("a title with a leading dash and a colon stays text");
    // 18:00 at +01:00 is 17:00 UTC, the same day.
    assert_eq!(ferry.date, Some(jiff::civil::date(2026, 3, 4)));

    let index = (library.articles.iter())
        .position(|a| a.title == tram.title)
        .unwrap();
    let body = library.read(index).expect("the body reads");
    let texts: Vec<String> = body.body.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(
        texts[0],
        "The first tram ran at dawn, and the route map is online."
    );
    let link = (body.body.blocks[0].spans().iter()).find(|s| s.link.is_some());
    assert_eq!(
        link.and_then(|s| s.link.as_deref()),
        Some("https://gazette.example/map")
    );
    assert!(texts.iter().any(|t| t.contains("tram.mp3")), "{texts:?}");
}

#[test]
fn atom_json_feed_and_latin_1_read_back_too() {
    let home = TempLibrary::new();
    let lib = home.path().join("news");
    let into = lib.to_str().unwrap();
    for name in [
        "atom.xml",
        "feed.json",
        "latin1.xml",
        "rdf.xml",
        "rss091.xml",
        "atom03.xml",
    ] {
        let output = import(home.path(), &[&feed(name), "--into", into]);
        assert!(output.status.success(), "{name}: {output:?}");
    }
    let library = Library::scan(std::slice::from_ref(&lib));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    assert_eq!(library.articles.len(), 8);
    let find = |title: &str| {
        (library.articles.iter())
            .find(|a| a.title == title)
            .unwrap_or_else(|| panic!("{title}"))
    };
    let atom = find("Library reopens after roof collapse");
    assert_eq!(atom.author.as_deref(), Some("Ines Harrow, Tom Vell"));
    assert_eq!(atom.tags, ["Culture"]);
    assert_eq!(atom.publication.as_deref(), Some("Westmere Notes"));
    let json = find("Teenager takes the open title");
    assert_eq!(json.tags, ["chess", "youth"]);
    assert_eq!(json.date, Some(jiff::civil::date(2026, 6, 10)));
    let latin = find("Résumé of the naïve garçon");
    assert_eq!(latin.publication.as_deref(), Some("Café Journal"));
    assert!(
        lib.join("cafe-journal/2026-03-02-resume-of-the-naive-garcon.md")
            .is_file()
    );
}

#[test]
fn importing_again_writes_nothing_new() {
    let home = TempLibrary::new();
    let lib = home.path().join("news");
    let into = lib.to_str().unwrap();
    let first = import(home.path(), &[&feed("atom.xml"), "--into", into]);
    assert!(first.status.success(), "{first:?}");
    let before = files(&lib);
    let again = import(home.path(), &[&feed("atom.xml"), "--into", into]);
    assert!(again.status.success(), "{again:?}");
    assert_eq!(stdout(&again), "0 new, 2 already there\n");
    assert_eq!(files(&lib), before);
}

#[test]
fn dry_run_says_what_it_would_write_and_writes_nothing() {
    let home = TempLibrary::new();
    let lib = home.path().join("news");
    let into = lib.to_str().unwrap();
    let output = import(
        home.path(),
        &[&feed("rss2.xml"), "--into", into, "--dry-run"],
    );
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(text.contains("2026-03-03-tram-line-opens-finally-say-riders.md\tTram line"));
    assert!(
        text.ends_with("dry run, nothing written: 2 new\n"),
        "{text}"
    );
    assert!(!lib.exists(), "not even the folder is made");
    // Into a library that holds the feed already, a dry run counts what is there.
    import(home.path(), &[&feed("rss2.xml"), "--into", into]);
    let before = files(&lib);
    let output = import(
        home.path(),
        &[&feed("rss2.xml"), "--into", into, "--dry-run"],
    );
    assert_eq!(
        stdout(&output),
        "dry run, nothing written: 0 new, 2 already there\n"
    );
    assert_eq!(files(&lib), before);
}

#[test]
fn update_writes_a_newer_version_beside_the_old() {
    let home = TempLibrary::new();
    let lib = home.path().join("news");
    let into = lib.to_str().unwrap();
    import(home.path(), &[&feed("atom.xml"), "--into", into]);
    let before = files(&lib);
    let output = import(home.path(), &[&feed("atom-updated.xml"), "--into", into]);
    assert!(stdout(&output).contains("1 updated in the feed, not written (--update"));
    assert_eq!(files(&lib), before);
    let output = import(
        home.path(),
        &[&feed("atom-updated.xml"), "--into", into, "--update"],
    );
    assert!(output.status.success(), "{output:?}");
    assert!(stdout(&output).ends_with("0 new, 1 updated, 1 already there\n"));
    let after = files(&lib);
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        before.iter().all(|f| after.contains(f)),
        "nothing written over"
    );
    let again = import(
        home.path(),
        &[&feed("atom-updated.xml"), "--into", into, "--update"],
    );
    assert_eq!(stdout(&again), "0 new, 2 already there\n");
}

#[test]
fn duplicates_and_missing_fields_are_counted_and_reported() {
    let home = TempLibrary::new();
    let into = home.path().join("news");
    let into = into.to_str().unwrap();
    let output = import(home.path(), &[&feed("duplicates.xml"), "--into", into]);
    assert!(stdout(&output).ends_with("3 new, 1 repeated in the feed\n"));
    let output = import(home.path(), &[&feed("missing.xml"), "--into", into]);
    assert!(output.status.success(), "{output:?}");
    assert!(stdout(&output).ends_with("3 new, 2 without a date, 2 without a title\n"));
    let notes = stderr(&output);
    assert!(
        notes.contains("entry 2 (Undated but titled): no date"),
        "{notes}"
    );
    assert!(
        notes.contains("no title; one made from its text"),
        "{notes}"
    );
}

#[test]
fn hostile_titles_never_lead_outside_into() {
    let home = TempLibrary::new();
    let lib = home.path().join("a/b/news");
    let into = lib.to_str().unwrap();
    let output = import(home.path(), &[&feed("hostile.xml"), "--into", into]);
    assert!(output.status.success(), "{output:?}");
    let written = files(&lib);
    assert_eq!(written.len(), 4, "{written:?}");
    for file in &written {
        let name = file.to_str().unwrap();
        assert!(name.starts_with("etc/"), "{name}");
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-./".contains(&b)),
            "{name}"
        );
        assert!(!name.contains(".."), "{name}");
    }
    assert_eq!(
        files(&home.path().join("a")).len(),
        4,
        "nothing beside the library"
    );
    let library = Library::scan(std::slice::from_ref(&lib));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    assert!(library.articles.iter().any(|a| a.title == "../../x"));
    let long = (library.articles.iter()).find(|a| a.title.starts_with("Long Long"));
    assert!(long.unwrap().title.chars().count() <= 500);
}

#[cfg(unix)]
#[test]
fn a_feed_folder_that_links_outside_is_refused() {
    let home = TempLibrary::new();
    let lib = home.path().join("news");
    let outside = home.path().join("outside");
    fs::create_dir_all(&lib).unwrap();
    fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, lib.join("harbour-gazette")).unwrap();
    let output = import(
        home.path(),
        &[&feed("rss2.xml"), "--into", lib.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        stderr(&output).contains("not a folder inside"),
        "{}",
        stderr(&output)
    );
    assert!(files(&outside).is_empty());
}

#[test]
fn a_file_already_there_is_never_written_over() {
    let home = TempLibrary::new();
    let lib = home.path().join("news");
    let mine = "my own notes, no front matter\n";
    let taken = lib.join("harbour-gazette/2026-03-03-tram-line-opens-finally-say-riders.md");
    fs::create_dir_all(taken.parent().unwrap()).unwrap();
    fs::write(&taken, mine).unwrap();
    let output = import(
        home.path(),
        &[&feed("rss2.xml"), "--into", lib.to_str().unwrap()],
    );
    assert!(output.status.success(), "{output:?}");
    assert_eq!(fs::read_to_string(&taken).unwrap(), mine);
    assert!(stdout(&output).contains("2026-03-03-tram-line-opens-finally-say-riders-2.md"));
}

#[test]
fn a_feed_from_stdin_goes_into_the_configured_library() {
    let home = TempLibrary::new();
    let lib = home.path().join("news");
    let mut child = byline_command(home.path(), &["import", "-"])
        .env("BYLINE_LIBRARY", &lib)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let bytes = fs::read(feed("feed.json")).unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(files(&lib.join("calderport-chess")).len(), 2);
}

#[test]
fn usage_and_parse_errors_exit_2_and_an_empty_feed_1() {
    let home = TempLibrary::new();
    let output = import(home.path(), &[&feed("rss2.xml")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("pass --into DIR"),
        "{}",
        stderr(&output)
    );
    assert!(!home.path().join("data").exists());

    let into = home.path().join("news");
    let into = into.to_str().unwrap();
    let output = import(home.path(), &[&feed("broken.xml"), "--into", into]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("broken.xml: line 7, column 5: broken XML"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "one clear error: {message}");

    let empty = home.file(
        "empty.xml",
        "<rss version=\"2.0\"><channel><title>E</title></channel></rss>",
    );
    let output = import(home.path(), &[empty.to_str().unwrap(), "--into", into]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no entries"));
}

#[test]
fn opml_lists_the_feeds_it_names() {
    let home = TempLibrary::new();
    let output = import(home.path(), &["--opml", &feed("subscriptions.opml")]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output),
        "Harbour Gazette\thttps://gazette.example/feed.xml\n\
         Westmere Notes\thttps://notes.example/atom.xml\n\
         Calderport Chess\thttps://chess.example/feed.json\n"
    );
}

#[test]
fn a_ten_thousand_entry_feed_imports_once() {
    let home = TempLibrary::new();
    let mut xml =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>");
    for i in 0..10_000 {
        xml.push_str(&format!(
            "<item><title>Story {i}</title><guid>big-{i}</guid>\
             <pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>\
             <description>&lt;p&gt;Paragraph {i}.&lt;/p&gt;</description></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    let path = home.file("big.xml", xml);
    let lib = home.path().join("news");
    let into = lib.to_str().unwrap();
    let output = import(home.path(), &[path.to_str().unwrap(), "--into", into]);
    assert!(output.status.success(), "{output:?}");
    assert!(stdout(&output).ends_with("10000 new\n"));
    assert_eq!(files(&lib.join("big")).len(), 10_000);
    let again = import(home.path(), &[path.to_str().unwrap(), "--into", into]);
    assert_eq!(stdout(&again), "0 new, 10000 already there\n");
}

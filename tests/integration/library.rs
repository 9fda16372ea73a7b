//! Reading libraries from disk: the seed article, folder trees, and files that are not articles.

use std::path::PathBuf;

use byline::article::{Block, Inline};
use byline::library::{Library, LibrarySource, Origin};
use jiff::civil::date;

use crate::{TempLibrary, seed_path};

#[test]
fn parses_the_seed_article() {
    let Some(seed) = seed_path() else { return };
    let library = Library::scan(&[seed]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let article = &library.articles[0];
    assert_eq!(
        article.title,
        "US, Japan, and South Korea sign intelligence sharing deal"
    );
    assert_eq!(article.author.as_deref(), Some("Ben McGrath"));
    assert_eq!(article.date, Some(date(2014, 12, 31)));
    assert_eq!(article.path, PathBuf::from("000_7c20e05c1545bc48.txt"));

    let body = library.read(0).unwrap().body;
    let paragraphs: Vec<String> = body.blocks.iter().map(Block::text).collect();
    let containing = |needle: &str| paragraphs.iter().filter(|p| p.contains(needle)).count();
    // The three page breaks are mended into single paragraphs.
    assert_eq!(containing("pressing both allies for an intelligence"), 1);
    assert_eq!(containing("will make more effort to strengthen"), 1);
    assert_eq!(containing("over the past week. The"), 0);
    assert_eq!(containing("cyber-warfare. The US appears"), 1);
    // The publisher's footer is hidden; the last paragraph is the article's own.
    assert!(paragraphs.last().unwrap().ends_with("over the past week."));
    assert_eq!(containing("wsws.org/contact"), 0);
    // No subheadings in this article: every block is a paragraph.
    assert!(body.blocks.iter().all(|b| matches!(b, Block::Paragraph(_))));
    // *The Interview* is italic, without its asterisks; curly quotes stay.
    let interview = body
        .blocks
        .iter()
        .flat_map(Block::spans)
        .find(|s| s.text == "The Interview")
        .expect("an emphasised span");
    assert_eq!(interview.style, Inline::Emphasis);
    assert_eq!(containing("*"), 0);
    assert_eq!(containing("“grave military provocation.”"), 1);
    assert_eq!(paragraphs.len(), 17, "20 in the file, 3 page breaks mended");
    assert_eq!(article.words, body.word_count());
}

#[test]
fn finds_articles_recursively_and_ignores_other_files() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "First", "Ann Author", "1 May 2020", "Body one.");
    lib.article(
        "deep/er/b.TXT",
        "Second",
        "Bo Writer",
        "2 May 2020",
        "Body two.",
    );
    lib.file("picture.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    lib.file(".DS_Store", b"\0\0\0\x01Bud1");
    lib.file("LICENSE-binary", b"\x7fELF\0\0\0");
    lib.file("styles.css", "body { color: red }");
    lib.file(".git/HEAD", "ref: refs/heads/main\n");
    lib.file(
        ".git/description",
        "Unnamed repository; edit this file to name it.\n",
    );
    let library = Library::scan(&[lib.path().to_path_buf()]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let mut titles: Vec<&str> = library.articles.iter().map(|a| a.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["First", "Second"]);
    let second = library
        .articles
        .iter()
        .find(|a| a.title == "Second")
        .unwrap();
    assert_eq!(second.path, PathBuf::from("deep/er/b.TXT"));
}

#[test]
fn bad_files_are_problems_not_crashes() {
    let lib = TempLibrary::new();
    lib.article("good.txt", "Good", "Ann Author", "1 May 2020", "Fine.");
    lib.file("empty.txt", "");
    lib.file("blank.txt", "\n\n   \n");
    lib.file("binary.txt", b"abc\0def");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        lib.path().join("missing.txt"),
        lib.path().join("broken.txt"),
    )
    .unwrap();
    let library = Library::scan(&[lib.path().to_path_buf()]);
    assert_eq!(library.articles.len(), 1);
    let mut reasons: Vec<(String, String)> = library
        .problems
        .iter()
        .map(|p| {
            let name = p.path.file_name().unwrap().to_string_lossy().into_owned();
            (name, p.reason.clone())
        })
        .collect();
    reasons.sort();
    let mut expected = vec![
        (
            "binary.txt".to_string(),
            "binary file (NUL bytes), not an article".to_string(),
        ),
        ("blank.txt".to_string(), "empty file".to_string()),
        ("empty.txt".to_string(), "empty file".to_string()),
    ];
    if cfg!(unix) {
        expected.insert(
            2,
            ("broken.txt".to_string(), "broken symbolic link".to_string()),
        );
    }
    assert_eq!(reasons, expected);
}

#[test]
fn a_missing_library_folder_is_a_problem() {
    let library = Library::scan(&[PathBuf::from("/nonexistent/byline-library")]);
    assert!(library.articles.is_empty());
    assert_eq!(library.problems.len(), 1);
    assert_eq!(library.problems[0].reason, "no such file or folder");
}

#[test]
fn the_sample_library_stands_in_only_for_an_empty_data_folder() {
    let empty = TempLibrary::new();
    let library = Library::open(&LibrarySource::DataDir(empty.path().join("byline/library")));
    assert!(matches!(library.origin, Origin::Sample { .. }));
    assert!(library.articles.len() >= 12);

    let named_but_empty = Library::open(&LibrarySource::Named(vec![empty.path().to_path_buf()]));
    assert!(named_but_empty.articles.is_empty());
    assert!(matches!(named_but_empty.origin, Origin::Folders(_)));

    let data = TempLibrary::new();
    data.article(
        "byline/library/x.txt",
        "Mine",
        "Me Myself",
        "1 May 2020",
        "Text.",
    );
    let library = Library::open(&LibrarySource::DataDir(data.path().join("byline/library")));
    assert!(matches!(library.origin, Origin::Folders(_)));
    assert_eq!(library.articles.len(), 1);
}

#[test]
fn hostile_text_is_cleaned_at_load() {
    let lib = TempLibrary::new();
    lib.file(
        "evil.txt",
        "Evil \x1b]52;c;aGk=\x07title\u{202e}\n\nMallory \x1b[2J\n\n1 May 2020\n\nBody \x1b]0;pwned\x07text.\n",
    );
    let library = Library::scan(&[lib.path().to_path_buf()]);
    let article = &library.articles[0];
    assert_eq!(article.title, "Evil title");
    assert_eq!(article.author.as_deref(), Some("Mallory"));
    let body = library.read(0).unwrap().body;
    assert_eq!(body.blocks[0].text(), "Body text.");
}

#[test]
fn the_reader_never_writes_into_the_library() {
    use byline::app::Action;

    let lib = TempLibrary::new();
    let path = lib.article("a.txt", "First", "Ann Author", "1 May 2020", "Body one.");
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let library = Library::scan(&[lib.path().to_path_buf()]);
    let mut app = crate::open_app(library, 100, 30);
    for action in [
        Action::FocusReader,
        Action::ScrollBottom,
        Action::StartFilter,
        Action::FilterInput('f'),
        Action::ClearFilter,
        Action::ToggleProblems,
        Action::Quit,
    ] {
        crate::act(&mut app, [action]);
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    assert_eq!(std::fs::read_dir(lib.path()).unwrap().count(), 1);
}

#[test]
fn a_file_deleted_after_the_scan_is_a_reason_in_the_reading_pane() {
    use byline::app::ReaderContent;

    let lib = TempLibrary::new();
    let path = lib.article("a.txt", "Gone soon", "Ann Author", "1 May 2020", "Body.");
    let library = Library::scan(&[lib.path().to_path_buf()]);
    std::fs::remove_file(&path).unwrap();
    let app = crate::open_app(library, 100, 30);
    match app.reader() {
        ReaderContent::Failed { reason, .. } => {
            assert!(reason.starts_with("cannot read: No such file"), "{reason}")
        }
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_still_read() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let lib = TempLibrary::new();
    let name = OsStr::from_bytes(b"bad\xffname.txt");
    std::fs::write(
        lib.path().join(name),
        "Odd name\n\nAnn Author\n\n1 May 2020\n\nBody.\n",
    )
    .unwrap();
    let library = Library::scan(&[lib.path().to_path_buf()]);
    assert_eq!(library.articles.len(), 1, "{:?}", library.problems);
    assert_eq!(library.articles[0].title, "Odd name");
}

#[test]
fn a_file_of_many_bad_records_is_one_problem() {
    // A 6 MB array of three million `1`s was three million problems: `check` took 7 s and
    // 1.3 GB, `list` 19 s, and the problems overlay 7 s a key.
    let lib = TempLibrary::new();
    let bad = 300_000;
    let good = r#"{"title":"Kept","body":"The one article."}"#;
    lib.file("records.json", format!("[{}{good}]", "1,".repeat(bad)));
    lib.file("feed.jsonl", format!("{}{good}\n", "1\n".repeat(bad)));
    let library = Library::scan(&[lib.path().to_path_buf()]);
    assert_eq!(library.problems.len(), 2, "a problem per file");
    let reasons: Vec<(String, &str)> = (library.problems.iter())
        .map(|p| {
            (
                p.path.file_name().unwrap().to_string_lossy().into_owned(),
                p.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "feed.jsonl".into(),
                "300,000 lines are not articles (line 1: not a JSON object; line 2: not a JSON \
                 object; line 3: not a JSON object; …)"
            ),
            (
                "records.json".into(),
                "300,000 records are not articles (record 1: not a JSON object; record 2: not \
                 a JSON object; record 3: not a JSON object; …)"
            ),
        ]
    );
    // The good record after them is listed, and reads.
    assert_eq!(library.articles.len(), 2);
    for i in 0..2 {
        assert_eq!(library.read(i).unwrap().title, "Kept");
    }
}

#[test]
fn a_feed_of_twenty_thousand_articles_is_read_whole() {
    let lib = TempLibrary::new();
    let lines: String = (0..20_000)
        .map(|i| format!("{{\"title\":\"Article {i}\",\"body\":\"Body {i}.\"}}\n"))
        .collect();
    lib.file("feed.jsonl", lines);
    let library = Library::scan(&[lib.path().to_path_buf()]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    assert_eq!(library.articles.len(), 20_000);
    let last = library.find(&library.articles[19_999].id).unwrap();
    assert_eq!(library.read(last).unwrap().title, "Article 19999");
}

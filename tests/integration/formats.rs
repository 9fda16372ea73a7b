//! Every format, encoding and bad file in `tests/fixtures/library`, read as a user would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::TempLibrary;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library")
}

fn byline(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .env_remove("BYLINE_LIBRARY")
        // The fixtures' index goes to a cache folder of the tests, not the user's.
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("byline-tests-cache"),
        )
        .output()
        .expect("run byline")
}

#[test]
fn list_reads_every_format_and_encoding() {
    let fixtures = fixtures();
    let output = byline(&["list", "--json", "--library", fixtures.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let listed: BTreeMap<String, (Value, Value, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let title = a["title"].as_str().unwrap().to_string();
            let path = a["path"].as_str().unwrap().to_string();
            (title, (a["author"].clone(), a["date"].clone(), path))
        })
        .collect();
    let expected: &[(&str, Option<&str>, Option<&str>, &str)] = &[
        // Plain text: every date form, `By `, missing author or date, encodings.
        (
            "Orchard bloom arrives early",
            Some("Marta Ilves"),
            Some("2024-03-03"),
            "text/by-line-and-us-date.txt",
        ),
        (
            "Canal towpath reopens",
            Some("Jonas Pereira"),
            Some("2014-12-31"),
            "text/abbreviated-date.txt",
        ),
        (
            "Night market returns to the square",
            Some("Amira Castell"),
            Some("2014-12-31"),
            "text/weekday-date.txt",
        ),
        (
            "Harbour pilots vote to accept offer",
            Some("Leif Sandoval"),
            Some("2014-12-31"),
            "text/rfc2822.txt",
        ),
        (
            "Rail freight volumes recover",
            Some("Noor Haddad"),
            Some("2014-12-31"),
            "text/rfc3339.txt",
        ),
        (
            "Letters from the valley",
            Some("Irene Olsen"),
            None,
            "text/undated.txt",
        ),
        (
            "Editorial: keep the ferry running",
            None,
            Some("2021-02-02"),
            "text/anonymous.txt",
        ),
        (
            "Bridge inspection finds no faults",
            Some("Sofia Marchetti"),
            Some("2022-06-14"),
            "text/crlf-bom.txt",
        ),
        (
            "Café owners welcome the new square",
            Some("Élodie Brun"),
            Some("2023-05-05"),
            "text/utf16.txt",
        ),
        (
            "Café prices rise as “costs” bite",
            Some("René Dubois"),
            Some("2020-01-09"),
            "text/windows-1252.txt",
        ),
        (
            "Plain notes without an extension",
            Some("Kai Lindqvist"),
            Some("2022-04-01"),
            "text/notes",
        ),
        (
            "Ordinary title with tricks",
            Some("Mallory Red"),
            Some("2020-05-01"),
            "text/hostile.txt",
        ),
        // Markdown: YAML and TOML front matter, or a heading for a title.
        (
            "Tidal energy trial begins",
            Some("Hana Sato, Omar Reyes"),
            Some("2023-09-12"),
            "markdown/yaml-front-matter.md",
        ),
        (
            "Library lends seeds as well as books",
            Some("Grace Mwangi"),
            Some("2021-04-20"),
            "markdown/toml-front-matter.markdown",
        ),
        (
            "Lighthouse keeper's log goes online",
            None,
            None,
            "markdown/heading-title.md",
        ),
        (
            "Autumn rainfall, city by city",
            Some("Inês Duarte"),
            Some("2024-12-02"),
            "markdown/rainfall-table.md",
        ),
        // HTML: a saved news page and a bare one.
        (
            "Ferry timetable changes for summer",
            Some("Nadia Ferreira"),
            Some("2023-06-14"),
            "html/saved-page.html",
        ),
        ("Minimal page", None, None, "html/plain-page.htm"),
        // JSON and JSON Lines: each record is an article.
        (
            "Orchard cooperative doubles cider output",
            Some("Tomasz Reyes"),
            Some("2022-10-03"),
            "json/one.json",
        ),
    ];
    for (title, author, date, path) in expected {
        let Some((a, d, p)) = listed.get(*title) else {
            panic!("{title:?} is not listed; listed: {:#?}", listed.keys());
        };
        assert_eq!(a.as_str(), *author, "author of {title}");
        assert_eq!(d.as_str(), *date, "date of {title}");
        assert_eq!(p, path, "path of {title}");
    }
    let from = |file: &str| listed.values().filter(|(_, _, p)| p == file).count();
    assert_eq!(from("json/many.json"), 2, "3 records, one without a title");
    assert_eq!(from("json/feed.jsonl"), 3);
    assert_eq!(listed.len(), 24);
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "each record has its own id");
}

#[test]
fn a_table_a_note_and_an_image_are_set_as_the_reader_shows_them() {
    let fixtures = fixtures();
    let file = fixtures.join("markdown/rainfall-table.md");
    let output = byline(&["show", file.to_str().unwrap(), "--width", "40"]);
    assert!(output.status.success(), "{output:?}");
    let shown = String::from_utf8(output.stdout).unwrap();
    for line in [
        "City   │  Rainfall │ Note",
        "───────┼───────────┼────────────────────",
        "Lisbon │       712 │ Wettest November",
        "Porto  │     1,254 │ Near average",
        "[image: The river front at Cais do",
        "Notes",
        "¹ Figures from the national weather",
        "[2] https://example.org/cais.jpg",
    ] {
        assert!(
            shown.lines().any(|l| l.trim_end() == line),
            "{line:?} in:\n{shown}"
        );
    }
    assert!(shown.contains("this autumn¹,"), "{shown}");
    assert!(shown.lines().all(|l| l.chars().count() <= 40), "{shown}");
}

#[test]
fn check_names_every_bad_file() {
    let fixtures = fixtures();
    let output = byline(&["check", "--library", fixtures.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let root = format!("{}/", fixtures.display());
    let lines: Vec<String> = text.lines().map(|l| l.replace(&root, "")).collect();
    assert_eq!(
        lines,
        [
            "bad/binary.txt: binary file (NUL bytes), not an article",
            "bad/broken-front-matter.md: YAML front matter: line 3: while parsing a flow sequence, expected ',' or ']'",
            "bad/empty.txt: empty file",
            "bad/not-an-article.json: JSON object is not an article: no \"title\"",
            "bad/untitled.md: Markdown without a title (no front matter title and no # heading)",
            "json/many.json: record 2: no \"title\"",
            "json/settings.json: JSON object is not an article: no \"title\"",
        ]
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("24 articles, 7 problems"), "{stderr}");
}

#[test]
fn check_exits_0_on_a_clean_library() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "Fine", "Ann Author", "1 May 2020", "Body.");
    let output = byline(&["check", "--library", lib.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[cfg(unix)]
#[test]
fn files_git_cannot_hold_are_problems_not_hangs() {
    use std::os::unix::fs::{PermissionsExt, symlink};

    let lib = TempLibrary::new();
    lib.article("good.txt", "Good", "Ann Author", "1 May 2020", "Fine.");
    // A FIFO would block a reader forever if opened.
    let fifo = lib.path().join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    symlink("loop-b.txt", lib.path().join("loop-a.txt")).unwrap();
    symlink("loop-a.txt", lib.path().join("loop-b.txt")).unwrap();
    symlink("/etc/hostname", lib.path().join("outside.txt")).unwrap();
    let big = lib.file("huge.txt", "Big\n\n");
    std::fs::File::options()
        .append(true)
        .open(&big)
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    let locked = lib.article(
        "locked.txt",
        "Locked",
        "Ann Author",
        "1 May 2020",
        "Secret.",
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any file, whatever its mode: then the unreadable case cannot be made here.
    let unreadable = std::fs::read(&locked).is_err();

    let output = byline(&["check", "--library", lib.path().to_str().unwrap()]);
    let text = String::from_utf8(output.stdout).unwrap();
    let reason = |name: &str| {
        text.lines()
            .find(|l| l.contains(&format!("/{name}: ")))
            .map(|l| l.split_once(": ").unwrap().1.to_string())
            .unwrap_or_else(|| panic!("{name} is not a problem in:\n{text}"))
    };
    assert_eq!(reason("pipe.txt"), "not a regular file");
    assert!(
        reason("loop-a.txt").contains("symbolic links"),
        "{}",
        reason("loop-a.txt")
    );
    assert_eq!(
        reason("outside.txt"),
        "symbolic link to outside the library, not followed"
    );
    assert_eq!(
        reason("huge.txt"),
        format!("larger than 16 MiB ({} bytes)", 17 * 1024 * 1024)
    );
    if unreadable {
        assert!(reason("locked.txt").starts_with("cannot read: Permission denied"));
    }
    assert_eq!(output.status.code(), Some(1));
    let list = byline(&["list", "--library", lib.path().to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("\tGood"));
}

#[test]
fn nothing_from_an_article_reaches_the_output_as_a_control() {
    let fixtures = fixtures();
    let root = fixtures.to_str().unwrap();
    let listed = byline(&["list", "--library", root]);
    let id = String::from_utf8(listed.stdout.clone())
        .unwrap()
        .lines()
        .find(|l| l.contains("Ordinary title"))
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let shown = byline(&["show", &id, "--library", root]);
    for output in [&listed.stdout, &shown.stdout] {
        let text = String::from_utf8(output.clone()).unwrap();
        assert!(
            text.chars().all(|c| c == '\n'
                || c == '\t'
                || !byline::article::sanitize::is_invisible_or_control(c)),
            "{text:?}"
        );
    }
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(text.contains("Body text with a zerowidth space."), "{text}");
}

#[cfg(unix)]
#[test]
fn hostile_file_names_never_reach_the_terminal() {
    let lib = TempLibrary::new();
    lib.article("good.txt", "Good", "Ann Author", "1 May 2020", "Fine.");
    // An empty file, so that its name is printed as a problem.
    lib.file("x\x1b]0;PWNED\x07\x1b[2J\u{9b}31m\u{202e}.txt", "");
    lib.article(
        "y\x1b[2J\u{202e}.md",
        "Named oddly",
        "Ann Author",
        "2 May 2020",
        "Text.",
    );
    let root = lib.path().to_str().unwrap();
    for args in [
        &["check", "--library", root][..],
        &["list", "--library", root],
        &["list", "--json", "--library", root],
    ] {
        let output = byline(args);
        for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.chars().any(|c| c != '\n'
                    && c != '\t'
                    && byline::article::sanitize::is_invisible_or_control(c)),
                "{args:?} {name}: {text:?}"
            );
        }
    }
    let check = String::from_utf8(byline(&["check", "--library", root]).stdout).unwrap();
    assert!(check.contains("x\\u{1b}]0;PWNED"), "{check}");
}

#[test]
fn every_article_reads_again_as_it_was_listed() {
    // The reader re-reads an article when it is opened (a JSON Lines record by its line only).
    let library = byline::library::Library::scan(&[fixtures()]);
    assert!(library.articles.len() >= 20);
    for (i, article) in library.articles.iter().enumerate() {
        let parsed = library
            .read(i)
            .unwrap_or_else(|e| panic!("{}: {e}", article.title));
        assert_eq!(parsed.title, article.title);
        assert_eq!(parsed.author, article.author);
        assert_eq!(parsed.date, article.date);
        assert_eq!(parsed.body.word_count(), article.words, "{}", article.title);
    }
}

#[test]
fn a_saved_page_in_its_own_encoding_gives_its_article_and_metadata() {
    // Issue 16: a Czech page saved in windows-1250, its metadata in JSON-LD, its title with the
    // site's name, its story among a teaser, a share bar and navigation.
    let paragraphs: String = (1..=6)
        .map(|i| {
            format!(
                "<p>Odstavec {i}: kůň běžel po louce a obec rozhodla, že přívozní řád se na \
                 jaře změní, ceny zůstanou a zaplatí je město.</p>"
            )
        })
        .collect();
    let page = format!(
        "<!DOCTYPE html><html lang=cs><head><meta charset=\"windows-1250\">\
         <title>Příliš žluťoučký kůň | Kurýr</title>\
         <meta property=\"og:site_name\" content=\"Kurýr\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
         \"author\":[{{\"@type\":\"Person\",\"name\":\"Jana Nováková\"}}],\
         \"datePublished\":\"10.12.2022, 07:00:03\"}}</script></head><body>\
         <nav><a href=\"/\">Domů</a></nav>\
         <article class=card><a href=\"/jine\">Jiný článek</a></article>\
         <div class=story>{paragraphs}</div>\
         <div class=share-bar>Sdílejte na <a href=/fb>Facebooku</a></div></body></html>"
    );
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1250.encode(&page);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the page is not UTF-8"
    );
    let lib = TempLibrary::new();
    lib.file("kun.html", &bytes);
    let path = lib.path().to_str().unwrap();
    let output = byline(&["list", "--json", "--library", path]);
    assert!(output.status.success(), "{output:?}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let article = &json[0];
    assert_eq!(article["title"], "Příliš žluťoučký kůň");
    assert_eq!(article["author"], "Jana Nováková");
    assert_eq!(article["date"], "2022-12-10");
    let id = article["id"].as_str().unwrap();
    let shown = byline(&["show", id, "--library", path]);
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(text.contains("Odstavec 1: kůň běžel"), "{text}");
    assert!(text.contains("Odstavec 6"), "{text}");
    for absent in ["Domů", "Jiný článek", "Facebooku"] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }
}

#[test]
fn a_page_in_a_form_with_figures_and_lazy_images_reads_whole() {
    // An ASP.NET page: everything inside one <form>, the article's lead in its own <header>,
    // a figure with a caption and credit, a lazy image whose real one is in <noscript>.
    let paragraphs: String = (1..=6)
        .map(|i| {
            format!(
                "<p>Paragraph {i}: the harbour committee agreed that the ferry timetable will \
                 change in spring, and that the fares will stay as they are.</p>"
            )
        })
        .collect();
    let page = format!(
        "<!DOCTYPE html><html><head><title>Ferry plan</title></head><body>\
         <form id=aspnetForm method=post action=story.aspx>\
         <input type=hidden name=__VIEWSTATE value=abc>\
         <header class=masthead><a href=\"/\">Kettleby Courier</a></header>\
         <article><header><h1>Ferry plan</h1>\
         <p class=standfirst>The harbour gets a new timetable, and the fares stay.</p></header>\
         <figure><img src=\"https://x.org/quay.jpg\" alt=\"quay\">\
         <figcaption>The quay at dawn. <span class=credit>Photo: Reuters</span></figcaption>\
         </figure>{paragraphs}\
         <figure><img class=lazy data-src=\"https://x.org/ferry.jpg\" alt=\"The ferry\">\
         <noscript><img src=\"https://x.org/ferry.jpg\" alt=\"The ferry\"></noscript></figure>\
         </article>\
         <footer>© Kettleby Courier</footer></form>\
         <form class=search><input name=q><button>Search</button></form></body></html>"
    );
    let lib = TempLibrary::new();
    lib.file("ferry.html", page.as_bytes());
    let file = lib.path().join("ferry.html");
    let shown = byline(&["show", file.to_str().unwrap(), "--width", "200"]);
    assert!(shown.status.success(), "{shown:?}");
    let text = String::from_utf8(shown.stdout).unwrap();
    for present in [
        "The harbour gets a new timetable, and the fares stay.",
        "[image: The quay at dawn. Photo: Reuters]",
        "Paragraph 1: the harbour",
        "Paragraph 6",
    ] {
        assert!(text.contains(present), "{present} not in {text}");
    }
    assert_eq!(text.matches("[image: The ferry]").count(), 1, "{text}");
    for absent in ["Kettleby Courier", "Search", "quay]"] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }
}

//! The command line: `byline list`, `byline show`, help, and running without a terminal.

use std::path::Path;
use std::process::Output;

use byline::app::Action;
use byline::library::Library;
use serde_json::Value;

use crate::{TempLibrary, byline, seed_path};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

#[test]
fn list_json_shows_the_seed() {
    let Some(seed) = seed_path() else { return };
    let home = TempLibrary::new();
    let seeds = seed.parent().unwrap().to_str().unwrap();
    let output = byline(home.path(), &["list", "--library", seeds, "--json"]);
    assert!(output.status.success(), "{output:?}");
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let seed = json
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == "000_7c20e05c1545bc48.txt")
        .expect("the seed is listed");
    assert_eq!(
        seed["title"],
        "US, Japan, and South Korea sign intelligence sharing deal"
    );
    assert_eq!(seed["author"], "Ben McGrath");
    assert_eq!(seed["date"], "2014-12-31");
    assert!(seed["words"].as_u64().unwrap() > 900);
    let id = seed["id"].as_str().unwrap();
    assert_eq!(id.len(), 16);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));

    for query in ["dec 2014", "2014-12", "mcgrath korea"] {
        let output = byline(home.path(), &["list", "-L", seeds, "--query", query]);
        assert!(
            stdout(&output).contains("\tBen McGrath\tUS, Japan"),
            "{query}"
        );
    }
}

#[test]
fn list_prints_tab_separated_lines_and_nulls_in_json() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "Dated", "Ann Author", "1 May 2020", "Body.");
    lib.file(
        "b.txt",
        "Undated and anonymous\n\nA first sentence of the body.\n",
    );
    let path = lib.path().to_str().unwrap();
    let output = byline(lib.path(), &["list", "--library", path]);
    let text = stdout(&output);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][1..], ["2020-05-01", "Ann Author", "Dated"]);
    assert_eq!(lines[1][1..], ["-", "-", "Undated and anonymous"]);

    let output = byline(lib.path(), &["list", "--library", path, "--json"]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json[1]["author"], Value::Null);
    assert_eq!(json[1]["date"], Value::Null);
}

// `list --json` wrote paths through display_path and then turned every backslash into `/`: a
// name with a backslash, or an escaped control character, came out as a path that is not there.
#[cfg(unix)]
#[test]
fn list_json_paths_are_the_real_paths_escaped_by_json() {
    let lib = TempLibrary::new();
    lib.article("back\\slash.txt", "Backslash", "Ann", "1 May 2020", "Body.");
    lib.article(
        "bell\u{7}\u{1b}]0;x.txt",
        "Bell",
        "Ann",
        "2 May 2020",
        "Body.",
    );
    let path = lib.path().to_str().unwrap();
    let output = byline(
        lib.path(),
        &["list", "--library", path, "--json", "--sort", "oldest"],
    );
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(
        !text.bytes().any(|b| b < 0x20 && b != b'\n'),
        "control characters are escaped by JSON: {text:?}"
    );
    let json: Value = serde_json::from_str(&text).unwrap();
    // Paths are relative to the library's folder, as they were.
    assert_eq!(json[0]["path"], "back\\slash.txt");
    assert_eq!(json[1]["path"], "bell\u{7}\u{1b}]0;x.txt");
}

#[test]
fn list_with_no_match_prints_an_empty_array_and_exits_1() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "Dated", "Ann Author", "1 May 2020", "Body.");
    let path = lib.path().to_str().unwrap();
    let output = byline(lib.path(), &["list", "-L", path, "--json", "-q", "zzzzqqq"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output).trim(), "[]");
}

#[test]
fn list_finds_articles_by_tag_and_by_source() {
    // `tag:energy` once matched nothing: an unknown field name was read as text.
    let home = TempLibrary::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
    let fixtures = fixtures.to_str().unwrap();
    let titles = |query: &str| {
        let output = byline(
            home.path(),
            &["list", "-L", fixtures, "--json", "-q", query],
        );
        let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
        let mut titles: Vec<String> = (json.as_array().unwrap().iter())
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect();
        titles.sort();
        titles
    };
    let tidal = "Tidal energy trial begins";
    assert_eq!(titles("#energy"), [tidal]);
    assert_eq!(titles("tag:energy"), [tidal]);
    assert_eq!(titles("#^sea$"), [tidal]);
    assert_eq!(titles("s:coastal"), [tidal]);
    // A saved page's site name is its source.
    assert_eq!(
        titles("s:courier"),
        ["Ferry timetable changes for summer", tidal]
    );
    assert_eq!(
        titles("source:'valley #food"),
        ["Orchard cooperative doubles cider output"]
    );
    // Excluding a tag keeps every article without it, the untagged ones too.
    let all = titles("");
    let without = titles("!#energy");
    assert!(!without.contains(&tidal.to_string()));
    assert_eq!(without.len(), all.len() - 1);
    // The tab-separated listing finds the same.
    let output = byline(home.path(), &["list", "-L", fixtures, "--query", "#energy"]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(stdout(&output).lines().count(), 1);
    assert!(stdout(&output).contains(tidal));
    // And the JSON keeps what was matched.
    let output = byline(
        home.path(),
        &["list", "-L", fixtures, "--json", "-q", "#energy"],
    );
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json[0]["tags"], serde_json::json!(["energy", "sea"]));
    assert_eq!(json[0]["source"], "Coastal Courier");
}

#[test]
fn list_reports_problems_on_stderr() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "Dated", "Ann Author", "1 May 2020", "Body.");
    lib.file("bad.txt", b"\0\0\0");
    let path = lib.path().to_str().unwrap();
    let output = byline(lib.path(), &["list", "-L", path]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.txt: binary file"), "{stderr}");
    assert_eq!(stdout(&output).lines().count(), 1);
}

#[test]
fn show_prints_the_article_reflowed_without_escapes() {
    let lib = TempLibrary::new();
    let long = "word ".repeat(60);
    lib.article(
        "a.txt",
        "A title",
        "Ann Author",
        "1 May 2020",
        &format!("A *styled* paragraph with {long}end.\n\nSecond paragraph."),
    );
    let path = lib.path().to_str().unwrap();
    let listed = stdout(&byline(lib.path(), &["list", "-L", path]));
    let id = listed.split('\t').next().unwrap();
    let output = byline(lib.path(), &["show", &id[..6], "-L", path, "--width", "40"]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(!text.contains('\x1b'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..4],
        ["A title", "Ann Author · 1 May 2020", "67 words · 1 min", ""]
    );
    assert!(lines[4].starts_with("A styled paragraph with word"));
    assert!(lines.iter().all(|l| l.chars().count() <= 40));
    assert_eq!(lines[lines.len() - 2..], ["", "Second paragraph."]);

    let missing = byline(lib.path(), &["show", "ffffffff", "-L", path]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no article with id 'ffffffff'"));
}

#[test]
fn show_never_prints_another_article_for_an_id_whose_file_changed() {
    // `show` trusts the index while the folders are unchanged; a file rewritten in place
    // since printed its new article for the old one's id.
    let (home, lib) = (tempfile::tempdir().unwrap(), TempLibrary::new());
    let a = lib.article("a.txt", "Alpha", "Ann Author", "1 May 2020", "First body.");
    lib.article("b.txt", "Bravo", "Bo Author", "2 May 2020", "Other body.");
    let path = lib.path().to_str().unwrap();
    let listed = stdout(&byline(home.path(), &["list", "-L", path]));
    let id_of = |title: &str| {
        let line = listed.lines().find(|l| l.ends_with(title)).unwrap();
        line.split('\t').next().unwrap().to_string()
    };
    let alpha = id_of("Alpha");
    // The same article, its body edited: the new body.
    std::fs::write(
        &a,
        "Alpha\n\nAnn Author\n\n1 May 2020\n\nA second, longer body.\n",
    )
    .unwrap();
    let shown = byline(home.path(), &["show", &alpha, "-L", path]);
    assert!(
        stdout(&shown).contains("A second, longer body."),
        "{shown:?}"
    );
    // Another article in its place: not this id's.
    std::fs::write(
        &a,
        "Zulu\n\nZed Author\n\n3 May 2020\n\nAnother story entirely.\n",
    )
    .unwrap();
    let shown = byline(home.path(), &["show", &alpha, "-L", path]);
    assert!(!stdout(&shown).contains("Another story"), "{shown:?}");
    assert_eq!(shown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&shown.stderr).contains("no article with id"));
    let bravo = byline(home.path(), &["show", &id_of("Bravo"), "-L", path]);
    assert!(stdout(&bravo).contains("Other body."));
}

// `byline | grep` said "stdout is not a terminal, so the reader cannot start" and exited 2.
#[test]
fn without_a_terminal_byline_alone_prints_the_list() {
    let home = TempLibrary::new();
    let sample = byline(home.path(), &[]);
    assert!(sample.status.success(), "{sample:?}");
    assert_eq!(stdout(&sample), stdout(&byline(home.path(), &["list"])));
    assert!(stdout(&sample).lines().count() > 5, "the sample library");

    let lib = TempLibrary::new();
    lib.article("a.txt", "Harbour news", "Ann Author", "1 May 2020", "Body.");
    let path = lib.path().to_str().unwrap();
    let named = byline(home.path(), &[path]);
    assert!(named.status.success(), "{named:?}");
    assert_eq!(stdout(&named).lines().count(), 1);
    assert!(stdout(&named).ends_with("\tAnn Author\tHarbour news\n"));
    assert_eq!(
        stdout(&named),
        stdout(&byline(home.path(), &["list", "-L", path]))
    );
}

/// A library of `n` small articles: enough to fill a pipe's buffer many times over.
fn many_articles(n: usize) -> TempLibrary {
    let lib = TempLibrary::new();
    for i in 0..n {
        lib.article(
            &format!("a{i}.txt"),
            &format!("Article number {i} about the harbour"),
            "Ann Author",
            "1 May 2020",
            "Body.",
        );
    }
    lib
}

// `byline list | head -1` exited 2 in some cases. The reader of the pipe goes away after one
// line (or before any): byline ends quietly with status 0, whether it meets the closed pipe as
// a write error (EPIPE) or, as a shell starts it, with SIGPIPE at its default (which std's
// `Command` restores for the child, as a shell does; byline's runtime ignores it).
#[cfg(unix)]
#[test]
fn a_pipe_closed_early_ends_byline_quietly_with_status_0() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;

    let lib = many_articles(2_000);
    let path = lib.path().to_str().unwrap();
    for args in [
        &["list", "-L", path][..],
        &["list", "-L", path, "--json"],
        &["list", "-L", path, "--format", "jsonl"],
        &[
            "list",
            "-L",
            path,
            "--format",
            "tsv",
            "--fields",
            "title,tags",
        ],
        &[path],
        &["config", "--default"],
        // clap_complete panicked on a closed pipe.
        &["completions", "bash"],
        &["completions", "fish"],
        &["man"],
    ] {
        for read_a_line in [true, false] {
            let mut child = crate::byline_command(lib.path(), args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn byline");
            let out = child.stdout.take().expect("stdout");
            if read_a_line {
                let mut line = String::new();
                BufReader::new(out).read_line(&mut line).expect("a line");
                assert!(!line.is_empty(), "{args:?}");
            } else {
                drop(out);
            }
            let output = child.wait_with_output().expect("byline ends");
            assert_eq!(output.status.signal(), None, "{args:?}");
            assert_eq!(output.status.code(), Some(0), "{args:?} {output:?}");
            assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
        }
    }
}

#[test]
fn every_command_has_help_with_an_example() {
    let home = TempLibrary::new();
    for args in [&["--help"][..], &["list", "--help"], &["show", "--help"]] {
        let output = byline(home.path(), args);
        assert!(output.status.success());
        let text = stdout(&output);
        assert!(text.contains("Examples:"), "{args:?}");
        assert!(text.contains("byline "), "{args:?}");
    }
}

#[test]
fn list_and_the_reader_agree_on_order() {
    let home = TempLibrary::new();
    for query in [
        "",
        "the",
        "harbour",
        "20",
        "'harbour | reef",
        "^the",
        "a:brennan",
        "t:harbour !drought",
        "d:2023..2025 harbour",
        "d:>=2024-02-29",
        "lucia",
        "d:<30y !'the",
    ] {
        let output = byline(home.path(), &["list", "--json", "--query", query]);
        let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
        let listed: Vec<&str> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();

        let library = Library::sample("/x".into(), Vec::new());
        let mut app = crate::open_app(library, 100, 30);
        crate::act(&mut app, [Action::StartFilter]);
        crate::act(&mut app, query.chars().map(Action::FilterInput));
        let shown: Vec<&str> = app
            .hits()
            .iter()
            .map(|h| app.library().articles[h.index].id.as_str())
            .collect();
        assert_eq!(listed, shown, "query {query:?}");
    }
}

#[test]
fn show_prints_the_seed_repaired_without_its_footer() {
    let Some(seed) = seed_path() else { return };
    let home = TempLibrary::new();
    let seeds = seed.parent().unwrap().to_str().unwrap();
    let listed = stdout(&byline(home.path(), &["list", "-L", seeds]));
    let id = listed
        .lines()
        .find(|l| l.ends_with("sign intelligence sharing deal"))
        .and_then(|l| l.split('\t').next())
        .expect("the seed is listed")
        .to_string();
    let output = byline(home.path(), &["show", &id, "-L", seeds, "--width", "1000"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    for mended in [
        "pressing both allies for an intelligence sharing deal",
        "will make more effort to strengthen mutual confidence",
        "cyber-warfare. The US appears to have already responded",
    ] {
        assert_eq!(
            paragraphs.iter().filter(|p| p.contains(mended)).count(),
            1,
            "{mended:?} is one paragraph"
        );
    }
    assert!(!text.contains("wsws.org/contact"));
    assert!(!text.contains("Socialist Equality Party"));
    assert!(text.trim_end().ends_with("over the past week."));
    assert!(
        text.contains("for The Interview, a deliberately"),
        "italic without asterisks"
    );
}

#[test]
fn an_invalid_query_exits_2_and_says_where() {
    let home = TempLibrary::new();
    for (query, message, caret) in [
        (
            "harbour d:2014-13",
            "column 16: there is no month 13",
            "                 ^^",
        ),
        (
            "d:>yesterday",
            "column 4: “yesterday” is not a date",
            "     ^^^^^^^^^",
        ),
    ] {
        let output = byline(home.path(), &["list", "--query", query]);
        assert_eq!(output.status.code(), Some(2), "{query}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.starts_with(&format!("byline: invalid query at {message}")),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("\n  {query}\n{caret}\n")),
            "{stderr}"
        );
    }
}

#[test]
fn list_sorts_and_no_match_is_an_empty_json_array() {
    let home = TempLibrary::new();
    let output = byline(home.path(), &["list", "--json", "--query", "zzqxj"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output).trim(), "[]");
    let output = byline(home.path(), &["list", "--sort", "title"]);
    assert!(output.status.success());
    let titles: Vec<String> = stdout(&output)
        .lines()
        .map(|l| l.rsplit('\t').next().unwrap().to_lowercase())
        .collect();
    assert_eq!(titles.len(), 14);
    assert!(titles.is_sorted(), "{titles:?}");
    let output = byline(
        home.path(),
        // Two articles by Mireille Osterhout: the surname matches both alike. ("harbour" no
        // longer ties: a whole word in a shorter title ranks a little higher.)
        &["list", "--sort", "oldest", "--query", "osterhout"],
    );
    let dates: Vec<String> = stdout(&output)
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(dates.len(), 2);
    assert!(dates.is_sorted(), "equal matches oldest first: {dates:?}");
}

#[test]
fn state_export_and_list_filters_by_read_and_starred() {
    let home = TempLibrary::new();
    let lib = TempLibrary::new();
    lib.article("a.txt", "Alpha", "Ann", "1 May 2020", "One.");
    lib.article("b.txt", "Beta", "Ben", "2 May 2020", "Two.");
    let path = lib.path().to_str().unwrap();
    let ids: Vec<String> = stdout(&byline(home.path(), &["list", "-L", path]))
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    // Write state as the reader would.
    let db = home.path().join("data").join("byline").join("state.db");
    let (state, warning) = byline::state::State::open(&db);
    assert_eq!(warning, None);
    use byline::state::Change;
    state
        .save(&Change::Read {
            id: ids[0].clone(),
            read: true,
        })
        .unwrap();
    state
        .save(&Change::Star {
            id: ids[1].clone(),
            starred: true,
        })
        .unwrap();
    state.save(&Change::Query("alpha".into())).unwrap();
    drop(state);

    let unread = stdout(&byline(home.path(), &["list", "-L", path, "--unread"]));
    assert!(
        unread.starts_with(&ids[1]) && unread.lines().count() == 1,
        "{unread}"
    );
    let starred = stdout(&byline(home.path(), &["list", "-L", path, "--starred"]));
    assert!(
        starred.starts_with(&ids[1]) && starred.lines().count() == 1,
        "{starred}"
    );
    let json: Value = serde_json::from_str(&stdout(&byline(
        home.path(),
        &["list", "-L", path, "--json"],
    )))
    .unwrap();
    // Newest first: Beta (read), then Alpha (starred).
    assert_eq!(json[0]["read"], true);
    assert_eq!(json[0]["starred"], false);
    assert_eq!(json[1]["read"], false);
    assert_eq!(json[1]["starred"], true);

    let export = byline(home.path(), &["state", "export"]);
    assert!(export.status.success());
    let exported: Value = serde_json::from_str(&stdout(&export)).unwrap();
    assert_eq!(exported["read"], serde_json::json!([ids[0]]));
    assert_eq!(exported["starred"], serde_json::json!([ids[1]]));
    assert_eq!(exported["history"], serde_json::json!(["alpha"]));
}

#[test]
fn a_bad_config_stops_byline_naming_the_file_line_and_value() {
    let home = TempLibrary::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    for (file, expected) in [
        ("bad-theme.toml", "bad-theme.toml:2: unknown theme 'grene'"),
        (
            "bad-type.toml",
            "bad-type.toml:3: measure: invalid type: string \"wide\"",
        ),
        (
            "unknown-key.toml",
            "unknown-key.toml:3: unknown field `colour`",
        ),
        (
            "unknown-action.toml",
            "unknown-action.toml:3: unknown action 'fly_away'",
        ),
        (
            "ambiguous-key.toml",
            "ambiguous-key.toml:5: key 'CTRL-X' is the same key as 'ctrl-x'",
        ),
        (
            "out-of-range.toml",
            "out-of-range.toml:2: list_percent 95 is out of range",
        ),
        ("ctrl-c.toml", "ctrl-c.toml:4: Ctrl-c always quits"),
        (
            "no-quit.toml",
            "no-quit.toml:3: no key but Ctrl-c would quit",
        ),
    ] {
        let path = dir.join(file);
        let output = byline(home.path(), &["list", "--config", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(expected), "{file}: {stderr}");
        assert!(
            output.stdout.is_empty(),
            "nothing runs on a half-read config"
        );
    }
    // The default config, written out, is a config byline reads.
    let default = byline(home.path(), &["config", "--default"]);
    assert!(default.status.success());
    let written = home.path().join("config.toml");
    std::fs::write(&written, &default.stdout).unwrap();
    let listed = byline(
        home.path(),
        &["list", "--config", written.to_str().unwrap()],
    );
    assert!(listed.status.success(), "{listed:?}");
}

/// Fails if stderr holds a byte or character that can steer a terminal (the one line break
/// that ends each message aside).
fn assert_terminal_safe(stderr: &[u8]) {
    let text = String::from_utf8(stderr.to_vec()).expect("utf-8 stderr");
    let bad = text.chars().find(|&c| {
        matches!(c, '\u{0}'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    });
    assert_eq!(bad, None, "{text:?}");
}

// `theme = "x\u001b]52;c;…\u0007"` printed a clipboard write inside "unknown theme '…'".
#[cfg(unix)]
#[test]
fn config_errors_reach_stderr_escaped() {
    let home = TempLibrary::new();
    let config = home.file(
        "con\u{1b}[31mfig\u{202e}.toml",
        "theme = \"x\\u001b]52;c;ZXZpbA==\\u0007\\u202e\"\n",
    );
    let output = byline(home.path(), &["list", "--config", config.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_terminal_safe(&output.stderr);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            r"con\u{1b}[31mfig\u{202e}.toml:1: unknown theme 'x\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}'"
        ),
        "{stderr}"
    );
    let missing = home.path().join("no\u{1b}]0;x\u{7}.toml");
    let output = byline(
        home.path(),
        &["list", "--config", missing.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_terminal_safe(&output.stderr);
}

#[test]
fn a_config_path_that_is_a_folder_says_so() {
    let home = TempLibrary::new();
    let folder = home.path().join("conf");
    std::fs::create_dir(&folder).unwrap();
    let output = byline(home.path(), &["list", "--config", folder.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("conf: is a folder, not a file"), "{stderr}");
    // The config folder's own config.toml, made a folder by mistake, likewise.
    std::fs::create_dir_all(home.path().join("config/byline/config.toml")).unwrap();
    let output = byline(home.path(), &["list"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("config.toml: is a folder, not a file"),
        "{stderr}"
    );
}

#[test]
fn the_config_names_the_library_and_the_sort() {
    let home = TempLibrary::new();
    let lib = TempLibrary::new();
    lib.article("a.txt", "Alpha", "Ann", "1 May 2020", "One.");
    lib.article("b.txt", "Beta", "Ben", "2 May 2020", "Two.");
    let config = home.path().join("byline.toml");
    std::fs::write(
        &config,
        format!(
            "[library]\npaths = [{:?}]\n[list]\nsort = \"oldest\"\n",
            lib.path().display().to_string()
        ),
    )
    .unwrap();
    let output = byline(home.path(), &["list", "--config", config.to_str().unwrap()]);
    let text = stdout(&output);
    let titles: Vec<&str> = text
        .lines()
        .map(|l| l.rsplit('\t').next().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Alpha", "Beta"],
        "the config's library, oldest first"
    );
}

#[test]
fn footers_named_in_the_config_are_hidden() {
    let home = TempLibrary::new();
    let lib = TempLibrary::new();
    lib.article(
        "a.txt",
        "Alpha",
        "Ann",
        "1 May 2020",
        "The story.\n\nRead more at   the Example\nGazette.",
    );
    let path = lib.path().to_str().unwrap();
    let id = stdout(&byline(home.path(), &["list", "-L", path]))
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let shown = stdout(&byline(home.path(), &["show", &id, "-L", path]));
    assert!(shown.contains("Read more"), "not hidden without the config");
    let config = home.path().join("c.toml");
    std::fs::write(
        &config,
        "[library]\nfooters = [\"read more at the example gazette.\"]\n",
    )
    .unwrap();
    let shown = stdout(&byline(
        home.path(),
        &[
            "show",
            &id,
            "-L",
            path,
            "--config",
            config.to_str().unwrap(),
        ],
    ));
    assert!(shown.contains("The story."));
    assert!(!shown.contains("Read more"), "{shown}");
    assert!(
        lib.path().join("a.txt").exists()
            && std::fs::read_to_string(lib.path().join("a.txt"))
                .unwrap()
                .contains("Gazette")
    );
}

/// Three articles: one with a source, tags and an address (Markdown front matter), one with
/// no author or date, one with a tab in its title.
fn formats_library() -> TempLibrary {
    let lib = TempLibrary::new();
    lib.file(
        "tagged.md",
        "---\ntitle: Harbour trams return\nauthor: Ann Author\ndate: 2020-05-03\n\
         source: The Daily Port\ntags: [port, trams]\nurl: https://example.com/trams\n---\n\n\
         The trams are back.\n",
    );
    lib.file("bare.txt", "Undated and anonymous\n\nA first sentence.\n");
    lib.article("tab.txt", "Tab", "Bo Writer", "1 May 2020", "Body.");
    lib
}

fn list_in(lib: &TempLibrary, args: &[&str]) -> Output {
    let mut all = vec![
        "list",
        "-L",
        lib.path().to_str().unwrap(),
        "--sort",
        "newest",
    ];
    all.extend_from_slice(args);
    byline(lib.path(), &all)
}

#[test]
fn list_jsonl_writes_one_object_a_line_with_every_field() {
    let lib = formats_library();
    let output = list_in(&lib, &["--format", "jsonl"]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let objects: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one object"))
        .collect();
    assert_eq!(objects.len(), 3);
    let tagged = &objects[0];
    assert_eq!(tagged["title"], "Harbour trams return");
    assert_eq!(tagged["source"], "The Daily Port");
    assert_eq!(tagged["tags"], serde_json::json!(["port", "trams"]));
    assert_eq!(tagged["url"], "https://example.com/trams");
    assert_eq!(tagged["read"], false);
    let keys: Vec<&String> = tagged.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 11, "{keys:?}");
    assert_eq!(objects[2]["author"], Value::Null);
    assert_eq!(objects[2]["tags"], serde_json::json!([]));
    // --json is the same objects in one array.
    let array: Value = serde_json::from_str(&stdout(&list_in(&lib, &["--json"]))).unwrap();
    assert_eq!(array.as_array().unwrap(), &objects);
}

#[test]
fn list_fields_and_limit_choose_the_columns_and_how_many() {
    let lib = formats_library();
    let output = list_in(
        &lib,
        &["--format", "tsv", "--fields", "title,source,tags,words"],
    );
    let text = stdout(&output);
    let first: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    assert_eq!(
        first,
        ["Harbour trams return", "The Daily Port", "port,trams", "4"]
    );
    let limited = list_in(&lib, &["--limit", "2", "--fields", "title"]);
    assert!(limited.status.success());
    assert_eq!(stdout(&limited), "Harbour trams return\nTab\n");
    let jsonl = list_in(&lib, &["-f", "jsonl", "--fields", "date,id", "-n", "1"]);
    let object: Value = serde_json::from_str(stdout(&jsonl).trim()).unwrap();
    let keys: Vec<&String> = object.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["date", "id"]);
    assert_eq!(stdout(&jsonl).lines().count(), 1);
}

#[test]
fn list_an_unknown_field_or_format_is_a_usage_error_naming_it() {
    let lib = formats_library();
    for (args, named) in [
        (&["--fields", "title,colour"][..], "colour"),
        (&["--format", "yaml"], "yaml"),
        (&["--limit", "0"], "0"),
        (&["--json", "--format", "tsv"], "--format"),
    ] {
        let output = list_in(&lib, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(named), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn list_table_fits_columns_and_is_plain_in_a_pipe_unless_colour_is_asked_for() {
    let lib = formats_library();
    let path = lib.path().to_str().unwrap();
    let args = ["list", "-L", path, "--format", "table"];
    let output = crate::byline_command(lib.path(), &args)
        .env("COLUMNS", "50")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "a header and three rows: {text}");
    assert!(lines[0].starts_with("ID  "), "{text}");
    assert!(
        lines[0].contains("DATE") && lines[0].ends_with("TITLE"),
        "{text}"
    );
    for line in &lines {
        assert!(line.chars().count() <= 50, "{line:?}");
    }
    assert!(lines[1].contains("2020-05-03"), "{text}");
    assert!(text.contains('…'), "titles cut to fit 50 columns: {text}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
    // Without COLUMNS, 80.
    let wide = stdout(&byline(lib.path(), &args));
    assert!(
        wide.lines().any(|l| l.ends_with("Harbour trams return")),
        "{wide}"
    );
    let coloured = stdout(&byline(
        lib.path(),
        &[&args[..], &["--color", "always"]].concat(),
    ));
    assert!(coloured.contains("\u{1b}["), "{coloured:?}");
}

#[test]
fn completions_are_written_for_every_shell_and_bash_loads_them() {
    let home = TempLibrary::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = byline(home.path(), &["completions", shell]);
        assert!(output.status.success(), "{shell}: {output:?}");
        let script = stdout(&output);
        for word in ["byline", "list", "show", "completions", "--format", "jsonl"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let bash = byline(home.path(), &["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("byline.bash");
    std::fs::write(&script, &bash.stdout).unwrap();
    // Parsed, then sourced: the function is defined and bound to byline.
    let check = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "bash -n {0} && source {0} && complete -p byline",
            script.display()
        ))
        .output()
        .expect("run bash");
    assert!(check.status.success(), "{check:?}");
    assert!(stdout(&check).contains("byline"), "{check:?}");
    let unknown = byline(home.path(), &["completions", "tcsh"]);
    assert_eq!(unknown.status.code(), Some(2));
}

/// Renders a roff page with `man -l`; `None` when man is not installed (outside CI).
fn render_man_page(roff: &[u8]) -> Option<String> {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("byline.1");
    std::fs::File::create(&page)
        .unwrap()
        .write_all(roff)
        .unwrap();
    let rendered = std::process::Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output();
    match rendered {
        Ok(output) => {
            assert!(output.status.success(), "{output:?}");
            Some(stdout(&output))
        }
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped rendering: man: {e}");
            None
        }
        Err(e) => panic!("man is needed in CI (.ci/run installs man-db): {e}"),
    }
}

#[test]
fn the_man_page_renders_and_names_every_command() {
    let home = TempLibrary::new();
    let output = byline(home.path(), &["man"]);
    assert!(output.status.success(), "{output:?}");
    let roff = stdout(&output);
    assert!(roff.contains(".TH byline 1"), "{roff}");
    if let Some(page) = render_man_page(&output.stdout) {
        for word in [
            "SYNOPSIS",
            "byline-list(1)",
            "byline-show(1)",
            "byline-completions(1)",
        ] {
            assert!(page.contains(word), "the page lacks {word}: {page}");
        }
    }
    let list = byline(home.path(), &["man", "list"]);
    assert!(list.status.success(), "{list:?}");
    assert!(stdout(&list).contains(".TH byline-list 1"));
    if let Some(page) = render_man_page(&list.stdout) {
        assert!(
            page.contains("--format") && page.contains("jsonl"),
            "{page}"
        );
    }
    let unknown = byline(home.path(), &["man", "lsit"]);
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("no command 'lsit'") && stderr.contains("list"),
        "{stderr}"
    );
}

#[test]
fn config_write_writes_the_defaults_where_byline_reads_them_and_never_over_a_file() {
    let home = TempLibrary::new();
    let config = home.path().join("config/byline/config.toml");
    let before = stdout(&byline(home.path(), &["config"]));
    assert!(
        before.contains("byline config --write writes one"),
        "{before}"
    );
    let written = byline(home.path(), &["config", "--write"]);
    assert!(written.status.success(), "{written:?}");
    assert!(
        stdout(&written).contains(&*config.to_string_lossy()),
        "{written:?}"
    );
    let defaults = byline(home.path(), &["config", "--default"]).stdout;
    assert_eq!(std::fs::read(&config).unwrap(), defaults);
    // byline now reads it, and says so.
    assert_eq!(
        stdout(&byline(home.path(), &["config"])).trim(),
        config.to_string_lossy()
    );
    assert!(byline(home.path(), &["list"]).status.success());

    std::fs::write(&config, "theme = \"nord\"\n").unwrap();
    let again = byline(home.path(), &["config", "--write"]);
    assert_eq!(again.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains(&*config.to_string_lossy()), "{stderr}");
    assert!(stderr.contains("never writes over"), "{stderr}");
    assert!(again.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "theme = \"nord\"\n"
    );

    // --config names the file, in a folder not made yet.
    let named = home.path().join("elsewhere/deep/byline.toml");
    let named_str = named.to_str().unwrap();
    let output = byline(home.path(), &["config", "--config", named_str, "--write"]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(std::fs::read(&named).unwrap(), defaults);
}

// Without XDG_CONFIG_HOME the config is in ~/.config, as byline reads it.
#[cfg(target_os = "linux")]
#[test]
fn config_write_follows_home_without_xdg_config_home() {
    let home = TempLibrary::new();
    let output = crate::byline_command(home.path(), &["config", "--write"])
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(home.path().join(".config/byline/config.toml").is_file());
}

#[test]
fn show_raw_prints_the_file_as_read_unrepaired_and_cleaned() {
    let lib = TempLibrary::new();
    // Hard-wrapped lines and `*italic*` the reader repairs; an escape sequence it removes.
    let file = lib.file(
        "wrapped.txt",
        "A wrapped story\n\nAnn Author\n\n1 May 2020\n\nThe first line of a paragraph\n\
         wrapped by hand, with *emphasis* \u{1b}[31mand a colour.\n",
    );
    let path = lib.path().to_str().unwrap();
    let listed = stdout(&byline(lib.path(), &["list", "-L", path]));
    let id = listed.split('\t').next().unwrap();
    let raw = byline(lib.path(), &["show", id, "-L", path, "--raw"]);
    assert!(raw.status.success(), "{raw:?}");
    let text = stdout(&raw);
    assert!(
        text.contains("paragraph\nwrapped by hand"),
        "the hard wrap kept: {text}"
    );
    assert!(text.contains("*emphasis*"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains("and a colour."), "{text}");
    // Set, the asterisks are read as emphasis, a header is added, and lines fit the width.
    let set = stdout(&byline(
        lib.path(),
        &["show", id, "-L", path, "--width", "30"],
    ));
    assert!(
        !set.contains("*emphasis*") && set.contains("emphasis"),
        "{set}"
    );
    assert!(set.lines().all(|l| l.chars().count() <= 30), "{set}");
    assert!(
        set.contains("14 words") && !text.contains("14 words"),
        "{set}"
    );
    // By path, the same.
    let by_path = byline(lib.path(), &["show", file.to_str().unwrap(), "--raw"]);
    assert_eq!(stdout(&by_path), text);
}

#[test]
fn show_by_path_names_what_is_wrong_with_a_file_that_is_not_one_article() {
    let lib = TempLibrary::new();
    let many = lib.file(
        "two.jsonl",
        "{\"title\": \"One\", \"body\": \"First.\"}\n{\"title\": \"Two\", \"body\": \"Second.\"}\n",
    );
    let binary = lib.file("bad.txt", b"\0\0\0");
    let one = lib.article("one.txt", "Just one", "Ann", "1 May 2020", "The body.");
    let shown = byline(lib.path(), &["show", one.to_str().unwrap()]);
    assert!(shown.status.success(), "{shown:?}");
    assert!(stdout(&shown).starts_with("Just one\n"), "{shown:?}");
    for (file, says) in [(&many, "holds 2 articles"), (&binary, "binary file")] {
        let output = byline(lib.path(), &["show", file.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{stderr}");
        assert!(output.stdout.is_empty());
    }
}

// The exit codes, in one place: 0 done, 1 nothing matched or problems found, 2 a usage or
// config error (as grep's).
#[test]
fn exit_codes_are_0_done_1_nothing_or_problems_2_usage_or_config() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "Harbour news", "Ann Author", "1 May 2020", "Body.");
    let clean = lib.path().to_str().unwrap().to_string();
    let messy = TempLibrary::new();
    messy.file("bad.txt", b"\0\0\0");
    let messy = messy.path().to_str().unwrap().to_string();
    let bad_config = lib.file("bad.toml", "theme = 3\n");
    let bad_config = bad_config.to_str().unwrap().to_string();
    let cases: &[(&[&str], i32)] = &[
        (&["list", "-L", &clean], 0),
        (&["list", "-L", &clean, "-q", "harbour"], 0),
        (&["list", "-L", &clean, "-q", "zzzqqq"], 1),
        (&["check", "-L", &clean], 0),
        (&["check", "-L", &messy], 1),
        (&["show", "ffffffffffff", "-L", &clean], 1),
        (&["list", "--no-such-flag"], 2),
        (&["list", "-L", &clean, "-q", "d:2014-13"], 2),
        (&["list", "--config", &bad_config], 2),
        (&["list", "--config", "/no/such/config.toml"], 2),
        (&["completions", "tcsh"], 2),
        (&["--help"], 0),
        (&["--version"], 0),
    ];
    for (args, code) in cases {
        let output = byline(lib.path(), args);
        assert_eq!(output.status.code(), Some(*code), "{args:?}: {output:?}");
        if *code == 2 {
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!stderr.trim().is_empty(), "{args:?} says why");
        }
    }
}

#[test]
fn verbose_names_the_config_library_index_and_state_on_stderr() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "Harbour news", "Ann Author", "1 May 2020", "Body.");
    let path = lib.path().to_str().unwrap();
    let quiet = byline(lib.path(), &["list", "-L", path]);
    assert!(quiet.stderr.is_empty(), "{quiet:?}");
    let output = byline(lib.path(), &["list", "-L", path, "-v"]);
    assert!(output.status.success());
    assert_eq!(output.stdout, quiet.stdout, "stdout is the same");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for line in [
        "byline: config: ".to_string(),
        format!("byline: library: {path}\n"),
        "byline: index: ".to_string(),
        "byline: state: ".to_string(),
    ] {
        assert!(stderr.contains(&line), "{line} in {stderr}");
    }
    assert!(stderr.contains("(not there: defaults)"), "{stderr}");
}

//! The hostile corpus (issue 13): every file, kept or generated, is read by `check`,
//! `list --json` and `show` within a memory budget and a wall-clock bound that only a
//! pathological case would pass, and nothing from it reaches stdout as a control character.
//! (The time each takes in a release build is measured by `examples/hostile.rs`.)

use std::path::Path;
use std::process::Command;

use crate::hostile_corpus::{self as corpus, Cost};

/// The most resident memory any command may reach on a file of the corpus, in MB.
const MEMORY_MB: f64 = 200.0;
/// A bound on wall-clock time only a pathological case reaches: the debug build on a loaded
/// machine is some 20 times slower than the release build, which takes well under a second.
const SECONDS: f64 = 30.0;

/// Runs byline on its own new home, under 2 GiB of address space and 60 s of CPU.
fn byline(args: &[&str], path: &Path) -> Cost {
    let home = tempfile::tempdir().expect("home");
    let mut command = Command::new(env!("CARGO_BIN_EXE_byline"));
    command
        .args(args)
        .arg("-L")
        .arg(path)
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    corpus::run_bounded(&mut command, 2 << 30, 60).expect("run byline")
}

/// What is wrong with a run, if anything.
fn judge(name: &str, what: &str, cost: &Cost) -> Option<String> {
    let said = || {
        String::from_utf8_lossy(&cost.stderr)
            .chars()
            .take(300)
            .collect::<String>()
    };
    if cost.status.code().is_none() {
        return Some(format!(
            "{name}: {what} was killed ({}): {}",
            cost.status,
            said()
        ));
    }
    if cost.peak_mb > MEMORY_MB || cost.seconds > SECONDS {
        return Some(format!(
            "{name}: {what} took {:.1} s and {:.0} MB",
            cost.seconds, cost.peak_mb
        ));
    }
    let text = String::from_utf8_lossy(&cost.stdout);
    let steers = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{e0000}'..='\u{e007f}')
    };
    if let Some(c) = text.chars().find(|&c| steers(c)) {
        return Some(format!("{name}: {what} printed {c:?}"));
    }
    None
}

/// Every string in a JSON value.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Reads one file the three ways; returns what went wrong.
fn try_file(name: &str, path: &Path) -> Vec<String> {
    let mut wrong = Vec::new();
    let check = byline(&["check"], path);
    wrong.extend(judge(name, "check", &check));
    let list = byline(&["list", "--json"], path);
    wrong.extend(judge(name, "list --json", &list));
    let Ok(listed) = serde_json::from_slice::<serde_json::Value>(&list.stdout) else {
        wrong.push(format!("{name}: list --json printed no JSON"));
        return wrong;
    };
    let mut fields = Vec::new();
    strings(&listed, &mut fields);
    for field in fields {
        let decoded_steers = field.chars().any(|c| {
            c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        });
        if decoded_steers {
            wrong.push(format!("{name}: a listed field holds a control: {field:?}"));
        }
    }
    let ids: Vec<&str> = (listed.as_array().into_iter().flatten())
        .filter_map(|a| a["id"].as_str())
        .take(3)
        .collect();
    for id in ids {
        let args = ["show", id, "--width", "80", "--justify", "--hyphenate"];
        wrong.extend(judge(name, &format!("show {id}"), &byline(&args, path)));
    }
    wrong
}

#[test]
fn every_hostile_file_is_read_within_bounds_and_shows_nothing_that_steers_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = corpus::fixtures().expect("tests/fixtures/hostile");
    files.extend(corpus::generated(0.25));
    let files = corpus::write(dir.path(), files).expect("write the corpus");
    // Two at a time: the files are independent, and each run is one process.
    let (even, odd): (Vec<_>, Vec<_>) = (files.into_iter().enumerate())
        .map(|(i, (name, _, path))| (i, name, path))
        .partition(|(i, _, _)| i % 2 == 0);
    let wrong: Vec<String> = [even, odd]
        .map(|half| {
            std::thread::spawn(move || {
                let tried = half.iter().map(|(_, name, path)| try_file(name, path));
                tried.flatten().collect::<Vec<_>>()
            })
        })
        .into_iter()
        .flat_map(|thread| thread.join().expect("no panic"))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn hostile_fixtures_come_out_clean() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let home = tempfile::tempdir().expect("home");
    // Aliases and deep nesting are problems with a clear reason, found at once.
    let check = crate::byline(home.path(), &["check", "-L", fixtures.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&check.stdout);
    for (file, reason) in [
        ("yaml-alias-title.md", "'title' is an alias (*name)"),
        ("yaml-deep.md", "nested more than 32 deep"),
        ("many-problems.jsonl", ""),
    ] {
        let line = said.lines().find(|l| l.contains(file));
        if reason.is_empty() {
            continue;
        }
        assert!(line.is_some_and(|l| l.contains(reason)), "{file}: {said}");
    }
    // The invisible characters and the flag written as entities are gone from the page.
    let list = crate::byline(home.path(), &["list", "-L", fixtures.to_str().unwrap()]);
    let listed = String::from_utf8_lossy(&list.stdout);
    let line = listed
        .lines()
        .find(|l| l.contains("Invisible"))
        .expect("the page is listed");
    let id = line.split('\t').next().unwrap();
    assert!(line.ends_with("Invisible characters"), "{line:?}");
    let show = crate::byline(home.path(), &["show", id, "-L", fixtures.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(
        text.contains("x y, Hangul fillers , a Mongolian") || text.contains("xy, Hangul fillers"),
        "{text}"
    );
    assert!(text.contains("a flag FR written"), "{text}");
    assert!(
        !text.contains('\u{3164}') && !text.contains('\u{e0041}'),
        "{text}"
    );
}

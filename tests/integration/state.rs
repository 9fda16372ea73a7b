//! The state database under a hard crash: a process killed with SIGKILL while it marks articles
//! loses at most the change in flight, and the file stays a sound database.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use byline::state::{Change, State};

use crate::TempLibrary;

/// Set in the child process: the database it marks articles in.
const CHILD_DB: &str = "BYLINE_TEST_CRASH_DB";

/// Run only as the child of `a_killed_process_loses_at_most_the_change_in_flight`.
#[test]
#[ignore = "the child half of a crash test; runs when that test starts it"]
fn crash_child() {
    let Ok(path) = std::env::var(CHILD_DB) else {
        return;
    };
    let (state, warning) = State::open(std::path::Path::new(&path));
    assert_eq!(warning, None);
    let start: usize = std::env::var("BYLINE_TEST_CRASH_FROM")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let prefix = std::env::var("BYLINE_TEST_CRASH_PREFIX").unwrap_or_else(|_| "article".into());
    let end: usize = std::env::var("BYLINE_TEST_CRASH_COUNT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let mut out = std::io::stdout();
    for i in start..end {
        state
            .save(&Change::Read {
                id: format!("{prefix}-{i}"),
                read: true,
            })
            .unwrap();
        // Said only once the change is saved.
        writeln!(out, "saved {i}").unwrap();
        out.flush().unwrap();
    }
}

#[cfg(unix)]
#[test]
fn a_killed_process_loses_at_most_the_change_in_flight() {
    let home = TempLibrary::new();
    let db = home.path().join("state.db");
    let mut next = 0;
    for round in 0..5u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "state::crash_child", "--ignored", "--nocapture"])
            .env(CHILD_DB, &db)
            .env("BYLINE_TEST_CRASH_FROM", next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Let it write for a while that differs each round, then kill it mid-stream.
        let deadline = Instant::now() + Duration::from_millis(30 + 37 * round);
        let mut last = None;
        while Instant::now() < deadline {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(n) = line.strip_prefix("saved ") {
                        last = n.parse::<usize>().ok();
                    }
                }
                _ => break,
            }
        }
        // SAFETY: kill(2) on the pid of a child this test started and has not reaped.
        let killed = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGKILL) };
        assert_eq!(killed, 0);
        child.wait().unwrap();
        let Some(last) = last else { continue };
        // Every change the child reported saved is there, and the file is sound.
        let (state, warning) = State::open(&db);
        assert_eq!(warning, None, "round {round}: the database is intact");
        let read = state.load().unwrap().read;
        for i in 0..=last {
            assert!(
                read.contains(&format!("article-{i}")),
                "round {round}: {i} lost"
            );
        }
        next = last + 1;
    }
    assert!(next > 0, "the child saved something");
}

#[test]
fn two_processes_marking_at_once_both_keep_their_marks() {
    let home = TempLibrary::new();
    let db = home.path().join("state.db");
    let children: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|prefix| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "state::crash_child", "--ignored", "--nocapture"])
                .env(CHILD_DB, &db)
                .env("BYLINE_TEST_CRASH_PREFIX", prefix)
                .env("BYLINE_TEST_CRASH_COUNT", "150")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success(), "a writer failed");
    }
    let (state, warning) = State::open(&db);
    assert_eq!(warning, None);
    let read = state.load().unwrap().read;
    for prefix in ["left", "right"] {
        for i in 0..150 {
            assert!(read.contains(&format!("{prefix}-{i}")), "{prefix}-{i} lost");
        }
    }
}

/// Runs byline as someone the file permissions apply to: as `nobody` when the tests run as
/// root (root writes anywhere), else as the user running them.
#[cfg(unix)]
fn byline_unprivileged(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_byline"));
    command
        .args(args)
        .env_remove("BYLINE_LIBRARY")
        .env_remove("XDG_CACHE_HOME")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"));
    // SAFETY: geteuid(2) has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        command.uid(65534).gid(65534);
    }
    command.output().expect("run byline")
}

// A read-only data folder, or a read-only state.db, showed every article unread and unstarred:
// the marks it holds are shown, and byline says they will not be saved.
#[cfg(unix)]
#[test]
fn a_read_only_state_keeps_showing_its_marks_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    for read_only in ["folder", "file"] {
        let home = TempLibrary::new();
        let folder = home.path().join("data").join("byline");
        let db = folder.join("state.db");
        {
            let (state, warning) = State::open(&db);
            assert_eq!(warning, None);
            for change in [
                Change::Read {
                    id: "kept-read".into(),
                    read: true,
                },
                Change::Star {
                    id: "kept-star".into(),
                    starred: true,
                },
            ] {
                state.save(&change).unwrap();
            }
        }
        for path in [home.path(), &home.path().join("data"), &folder] {
            mode(path, 0o755);
        }
        match read_only {
            "folder" => {
                mode(&db, 0o666);
                mode(&folder, 0o555);
            }
            _ => mode(&db, 0o444),
        }
        let before = std::fs::read(&db).unwrap();
        let output = byline_unprivileged(home.path(), &["state", "export"]);
        mode(&folder, 0o755);
        assert!(output.status.success(), "{read_only}: {output:?}");
        let exported: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(
            exported["read"],
            serde_json::json!(["kept-read"]),
            "{read_only}"
        );
        assert_eq!(exported["starred"], serde_json::json!(["kept-star"]));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("state is read-only") && stderr.contains("marks will not be saved"),
            "{read_only}: {stderr}"
        );
        assert_eq!(std::fs::read(&db).unwrap(), before, "{read_only}");
    }
}

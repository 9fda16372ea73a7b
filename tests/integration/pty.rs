//! End to end: the real binary in a pseudo-terminal, driven by keys, read back as a screen.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

use crate::TempLibrary;

pub(crate) const ROWS: u16 = 30;
pub(crate) const COLS: u16 = 100;
const DEADLINE: Duration = Duration::from_secs(20);

/// A running byline (or a program that runs it, as `ssh` does) and the screen drawn so far.
pub(crate) struct Session {
    pub(crate) child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    pub(crate) screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte byline wrote, as written.
    raw: Arc<Mutex<Vec<u8>>>,
    /// The terminal's side of the pty, to resize it.
    master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(home: &Path, args: &[&str]) -> Self {
        Self::start_with_env(home, args, &[])
    }

    fn start_with_env(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::start_sized(home, args, env, (ROWS, COLS))
    }

    /// Starts byline on a terminal of `(rows, cols)`; the screen kept here stays ROWS × COLS.
    fn start_sized(home: &Path, args: &[&str], env: &[(&str, &str)], size: (u16, u16)) -> Self {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_byline"));
        command.args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        Self::spawn(command, home, size)
    }

    /// An interactive bash, with job control, whose prompt is `$ `.
    fn start_shell(home: &Path) -> Self {
        let mut command = CommandBuilder::new("bash");
        command.args(["--norc", "--noprofile", "-i"]);
        command.env("PS1", "$ ");
        Self::spawn(command, home, (ROWS, COLS))
    }

    pub(crate) fn spawn(mut command: CommandBuilder, home: &Path, size: (u16, u16)) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: size.0,
                cols: size.1,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        command.env_remove("BYLINE_LIBRARY");
        command.env("HOME", home);
        command.env("XDG_DATA_HOME", home.join("data"));
        command.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(command).expect("spawn byline");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(ROWS).unwrap(),
            NonZeroU16::new(COLS).unwrap(),
            0,
        )));
        let sink = Arc::clone(&screen);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Self {
            child,
            writer,
            screen,
            raw,
            master: pair.master,
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH, as from a window resized).
    fn resize(&mut self, rows: u16, cols: u16) {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master.resize(size).expect("resize the pty");
        let (rows, cols) = (
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self.screen.lock().unwrap().set_size(rows, cols);
    }

    pub(crate) fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, or fails with what it shows instead.
    pub(crate) fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.contents().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(25));
        }
        panic!(
            "screen never showed {text:?}; it shows:\n{}",
            self.contents()
        );
    }

    /// Waits until the screen no longer shows `text`.
    fn wait_until_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if !self.contents().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(25));
        }
        panic!("screen still shows {text:?}:\n{}", self.contents());
    }

    pub(crate) fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for byline to exit and returns whether it succeeded.
    pub(crate) fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take in the last bytes.
                thread::sleep(Duration::from_millis(100));
                return status.success();
            }
            thread::sleep(Duration::from_millis(25));
        }
        self.child.kill().ok();
        panic!("byline did not exit; screen:\n{}", self.contents());
    }
}

impl Drop for Session {
    /// A failed test must not leave byline running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.child.kill().ok();
        }
    }
}

/// On the ferry-and-tram library: `/ferry` leaves the ferry alone in the list; Enter keeps
/// the filter, Enter again opens the reading pane on it.
pub(crate) fn filter_the_ferry_and_read_it(session: &mut Session) {
    session.send("/ferry");
    session.wait_for("1/1 · 1 of 2 match");
    session.wait_for("any:ferry");
    assert!(!session.contents().contains("City tram line"));
    session.send("\r\r");
    session.wait_for("Space page");
    session.wait_for("The ferry sailed at midnight");
    session.wait_for("Ada Quinn · 3 March 2021");
}

#[test]
fn filter_open_read_and_quit() {
    let lib = TempLibrary::new();
    lib.article(
        "harbour.txt",
        "Night ferry returns to the harbour",
        "Ada Quinn",
        "3 March 2021",
        "The ferry sailed at midnight, its first crossing in nine years.\n\nPassengers cheered.",
    );
    lib.article(
        "tram.txt",
        "City tram line reaches the hospital",
        "Bo Okafor",
        "9 July 2019",
        "The tram arrived on time.",
    );
    let mut session = Session::start(lib.path(), &[lib.path().to_str().unwrap()]);
    session.wait_for("Articles");
    session.wait_for("1/2 · 2 articles");

    filter_the_ferry_and_read_it(&mut session);
    session.wait_for("Passengers cheered.");

    session.send("q");
    assert!(session.wait_exit(), "byline exits with success");
    let screen = session.screen.lock().unwrap();
    assert!(
        !screen.screen().alternate_screen(),
        "left the alternate screen"
    );
    assert!(
        !screen.screen().hide_cursor(),
        "the cursor is visible again"
    );
}

#[test]
fn opens_the_sample_library_when_none_is_configured() {
    let home = TempLibrary::new();
    let mut session = Session::start(home.path(), &[]);
    session.wait_for("sample · put articles in");
    session.send("?");
    session.wait_for("Filter syntax");
    session.send("x");
    session.wait_until_gone("Filter syntax");
    session.send("\x03");
    assert!(session.wait_exit(), "Ctrl-c quits cleanly");
}

#[test]
fn hangup_and_terminate_end_byline() {
    // byline used to spin forever after its terminal hung up (crossterm #793).
    for (name, signal) in [("SIGHUP", libc::SIGHUP), ("SIGTERM", libc::SIGTERM)] {
        let home = TempLibrary::new();
        let mut session = Session::start(home.path(), &[]);
        session.wait_for("Articles");
        let pid = session.child.process_id().expect("pid");
        // SAFETY: kill(2) on the pid of a child this test started and has not reaped.
        let sent = unsafe { libc::kill(pid as libc::pid_t, signal) };
        assert_eq!(sent, 0, "{name} sent");
        session.wait_exit();
        assert!(
            !session.screen.lock().unwrap().screen().alternate_screen(),
            "{name}: left the alternate screen"
        );
    }
}

#[test]
fn a_large_library_filters_on_the_worker_and_edits_like_a_shell() {
    // Enough articles for the search to run off the UI thread (search::BACKGROUND_FROM).
    let lib = TempLibrary::new();
    let mut feed = String::new();
    for i in 0..6_000 {
        let author = ["Ada Quinn", "Zoë Müller", "Ben McGrath"][i % 3];
        let date = format!("{}-{:02}-15", 2000 + i % 25, 1 + i % 12);
        feed.push_str(&format!(
            "{{\"title\": \"Dispatch {i} from the harbour\", \"author\": \"{author}\", \"date\": \"{date}\"}}\n"
        ));
    }
    lib.file("feed.jsonl", feed);
    let mut session = Session::start(lib.path(), &[lib.path().to_str().unwrap()]);
    session.wait_for("1/6000 · 6000 articles");

    session.send("/muller d:2024");
    // 240 dated 2024, a third of them by Zoë Müller.
    session.wait_for("1/80 · 80 of 6000 match");
    session.wait_for("any:muller  date:2024-01-01…2024-12-31");
    // A date on its way (`d:2024-0`) waits, without an error, until it is finished; a date
    // that cannot be keeps the last results and says what is wrong.
    session.send("-0");
    session.wait_for("finishing a date");
    session.wait_for("1/80 · 80 of 6000 match");
    session.send("0");
    session.wait_for("there is no month 00");
    // Ctrl-w takes the date term back off; Home and a negation go in front.
    session.send("\x17");
    session.wait_for("1/2000 · 2000 of 6000 match");
    session.send("\x1b[H!");
    session.send("\x1b[F");
    session.wait_for("!any:'muller");
    session.wait_for("1/4000 · 4000 of 6000 match");
    session.send("\x03");
    assert!(session.wait_exit());
}

#[test]
fn links_open_in_the_browser_and_copy_through_the_terminal() {
    let lib = TempLibrary::new();
    lib.article(
        "links.txt",
        "Two links to follow",
        "Ada Quinn",
        "3 March 2021",
        "The timetable is at https://example.org/timetable and the map at https://example.org/map.",
    );
    // A stand-in browser that writes down what it was asked to open.
    let opened = lib.path().join("opened.txt");
    let browser = lib.file(
        "browser.sh",
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut session = Session::start_with_env(
        lib.path(),
        &[lib.path().to_str().unwrap()],
        &[("BROWSER", browser.to_str().unwrap())],
    );
    session.wait_for("Two links to follow");
    session.send("\r");
    session.wait_for("[1] https://example.org/timetable");
    session.send("o2");
    session.wait_for("Opened https://example.org/map");
    let start = Instant::now();
    while !opened.exists() && start.elapsed() < DEADLINE {
        thread::sleep(Duration::from_millis(25));
    }
    thread::sleep(Duration::from_millis(100));
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap().trim(),
        "https://example.org/map"
    );
    session.send("y1");
    session.wait_for("Copied https://example.org/timetable");
    session.send("q");
    assert!(session.wait_exit());
}

#[test]
fn marks_stars_places_and_queries_come_back_after_a_restart() {
    let lib = TempLibrary::new();
    let body: String = (1..=40)
        .map(|n| format!("Paragraph {n} of the long harbour story goes on for a while.\n\n"))
        .collect();
    lib.article(
        "long.txt",
        "A long harbour story",
        "Ada Quinn",
        "3 March 2021",
        &body,
    );
    lib.article(
        "short.txt",
        "A short tram note",
        "Bo Okafor",
        "9 July 2019",
        "Brief.",
    );
    let path = lib.path().to_str().unwrap().to_string();

    let mut session = Session::start(lib.path(), &[&path]);
    session.wait_for("A long harbour story");
    // Keep a query, star the article, read it for a while, scroll into it.
    session.send("/harbour\r");
    session.wait_for("1/1 · 1 of 2 match");
    session.send("*\r");
    session.wait_for("Paragraph 1 of");
    for _ in 0..18 {
        session.send("j");
    }
    session.wait_until_gone("Paragraph 5 of");
    thread::sleep(Duration::from_millis(1800));
    session.send("q");
    assert!(session.wait_exit());

    let listed = Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(["list", "--json", "-L", &path])
        .env("HOME", lib.path())
        .env("XDG_DATA_HOME", lib.path().join("data"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let long = &json.as_array().unwrap()[0];
    assert_eq!(long["title"], "A long harbour story");
    assert_eq!(long["read"], true, "read after a moment open");
    assert_eq!(long["starred"], true);
    assert_eq!(json[1]["read"], false);

    // Fresh: the kept query would filter the tram note out (the session coming back has a
    // test of its own); marks, places and history come back all the same.
    let mut session = Session::start(lib.path(), &["--fresh", &path]);
    session.wait_for("★ A long harbour story");
    session.wait_for("•  A short tram note");
    // The reading pane opens where it was left.
    session.wait_for("Paragraph 6 of");
    assert!(!session.contents().contains("Paragraph 5 of"));
    // The kept query is in the history.
    session.send("/");
    session.send("\x1b[A");
    session.wait_for("/ harbour");
    session.send("\x03");
    assert!(session.wait_exit());
}

/// The colour parameters of every SGR sequence (`ESC [ ... m`) in `bytes`: 30-37, 38, 40-47,
/// 48, 90-97 and 100-107 set a colour; 39 and 49 only go back to the terminal's own.
fn colour_codes(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    for part in text.split("\x1b[").skip(1) {
        let Some(end) = part.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        if &part[end..end + 1] != "m" {
            continue;
        }
        for param in part[..end].split([';', ':']) {
            if let Ok(n) = param.parse::<u16>()
                && matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107)
            {
                found.push(part[..end].to_string());
            }
        }
    }
    found
}

#[test]
fn no_color_means_no_colour_codes_at_all() {
    let home = TempLibrary::new();
    // With colour, the default theme writes colour codes; with NO_COLOR, not one.
    let mut session = Session::start(home.path(), &[]);
    session.wait_for("Articles");
    session.send("/harbour");
    session.wait_for("any:harbour");
    session.send("\x03");
    assert!(session.wait_exit());
    assert!(!colour_codes(&session.raw.lock().unwrap()).is_empty());

    let mut session = Session::start_with_env(home.path(), &[], &[("NO_COLOR", "1")]);
    session.wait_for("Articles");
    session.send("/harbour");
    session.wait_for("any:harbour");
    session.send("\x03");
    assert!(session.wait_exit());
    let codes = colour_codes(&session.raw.lock().unwrap());
    assert!(codes.is_empty(), "colour codes with NO_COLOR: {codes:?}");
    // Bold and reverse still mark what colour would.
    let raw = String::from_utf8_lossy(&session.raw.lock().unwrap()).to_string();
    assert!(
        raw.contains("\x1b[1m") || raw.contains(";1m") || raw.contains("[1;"),
        "bold is used"
    );
}

#[test]
fn a_huge_article_is_set_in_the_background_and_q_still_quits() {
    let lib = TempLibrary::new();
    let sentence = "The committee met again on Tuesday to weigh the harbour plan and its costs. ";
    let paragraph = format!("{}\n\n", sentence.repeat(8));
    // 4 MB: far over what is set on the UI thread.
    lib.article(
        "huge.txt",
        "A very long article",
        "Ada Quinn",
        "3 March 2021",
        &paragraph.repeat(6_500),
    );
    let mut session = Session::start(lib.path(), &[lib.path().to_str().unwrap()]);
    session.wait_for("1/1 · 1 article");
    session.wait_for("The committee met again");
    // Into the reading pane, then justify: the keys are answered while the text is set.
    session.send("\r");
    session.wait_for("Space page");
    session.send("J");
    session.wait_for("setting the text…");
    session.send("q");
    assert!(session.wait_exit(), "byline exits with success");
    assert!(!session.screen.lock().unwrap().screen().alternate_screen());
}

#[test]
fn a_terminal_that_says_it_is_65535_square_is_drawn_at_a_size_byline_can_hold() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "A small one", "Ada Quinn", "3 March 2021", "Text.");
    let args = [lib.path().to_str().unwrap()];
    let mut session = Session::start_sized(lib.path(), &args, &[], (u16::MAX, u16::MAX));
    // The screen kept here is 24 × 80, not the size byline was told: look at what it wrote.
    let start = Instant::now();
    while !String::from_utf8_lossy(&session.raw.lock().unwrap()).contains("A small one") {
        assert!(start.elapsed() < DEADLINE, "byline drew nothing");
        thread::sleep(Duration::from_millis(25));
    }
    session.send("q");
    assert!(
        session.wait_exit(),
        "byline exits with success, not an abort"
    );
}

#[test]
fn nothing_is_written_while_nothing_changes() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "A small one", "Ada Quinn", "3 March 2021", "Text.");
    let mut session = Session::start(lib.path(), &[lib.path().to_str().unwrap()]);
    session.wait_for("1/1 · 1 article");
    // Past what changes the screen once (the check of the library, the article becoming read
    // after 1.5 s): wait for two seconds without a byte, however long a loaded machine takes.
    let written = || session.raw.lock().unwrap().len();
    let start = Instant::now();
    let (mut last, mut since) = (written(), Instant::now());
    while since.elapsed() < Duration::from_secs(2) {
        assert!(start.elapsed() < DEADLINE, "byline never stopped writing");
        thread::sleep(Duration::from_millis(50));
        if written() != last {
            (last, since) = (written(), Instant::now());
        }
    }
    // Then several ticks of the event loop's clock.
    thread::sleep(Duration::from_millis(1_500));
    assert_eq!(written() - last, 0, "bytes written while nothing changed");
    session.send("q");
    assert!(session.wait_exit());
}

#[test]
fn ctrl_z_gives_the_shell_its_terminal_and_fg_brings_byline_back() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "A small one", "Ada Quinn", "3 March 2021", "Text.");
    let mut shell = Session::start_shell(lib.path());
    shell.wait_for("$ ");
    let byline = env!("CARGO_BIN_EXE_byline");
    shell.send(&format!("'{byline}' -L '{}'\r", lib.path().display()));
    shell.wait_for("1/1 · 1 article");
    let before = shell.raw.lock().unwrap().len();
    shell.send("\x1a");
    shell.wait_for("Stopped");
    {
        let raw = shell.raw.lock().unwrap();
        let said = String::from_utf8_lossy(&raw[before..]);
        assert!(
            said.contains("\x1b[?1049l"),
            "left the alternate screen: {said:?}"
        );
        assert!(said.contains("\x1b[?25h"), "showed the cursor: {said:?}");
        let screen = shell.screen.lock().unwrap();
        assert!(!screen.screen().alternate_screen());
        assert!(!screen.screen().hide_cursor());
    }
    let stopped = shell.raw.lock().unwrap().len();
    // The window changes size while byline is stopped: it comes back drawn at the new size.
    shell.resize(30, 100);
    shell.send("fg\r");
    shell.wait_for("1/1 · 1 article");
    let bottom = shell
        .screen
        .lock()
        .unwrap()
        .screen()
        .contents_between(29, 0, 29, 100);
    assert!(
        bottom.contains("1/1 · 1 article"),
        "the status bar on the new last row: {bottom:?}"
    );
    {
        let raw = shell.raw.lock().unwrap();
        let said = String::from_utf8_lossy(&raw[stopped..]);
        assert!(
            said.contains("\x1b[?1049h"),
            "took the alternate screen again: {said:?}"
        );
        assert!(!said.contains("\x1b[6n"), "never asks where the cursor is");
        assert!(shell.screen.lock().unwrap().screen().alternate_screen());
    }
    shell.send("q");
    wait_until_ended(&shell, &lib.path().display().to_string());
    shell.send("echo \"status $?\"\r");
    shell.wait_for("status 0");
    shell.send("exit\r");
}

/// Writes a stand-in for a program byline hands the terminal to (a pager, an editor, a
/// browser) at `path`: it keeps what it was given in `given` (`$@`, or standard input when
/// `stdin`) and the terminal's modes, as `stty -a` sees them, in `modes`.
fn stand_in(path: &Path, stdin: bool, given: &Path, modes: &Path) {
    let keep = if stdin { "cat >" } else { "echo \"$@\" >" };
    let body = format!(
        "#!/bin/sh\n{keep} '{}'\nstty -a < /dev/tty > '{}'\n",
        given.display(),
        modes.display()
    );
    std::fs::write(path, body).unwrap();
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(path, permissions).unwrap();
}

/// Waits until `path` exists and is not empty.
fn wait_for_file(session: &Session, path: &Path) -> String {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        thread::sleep(Duration::from_millis(25));
    }
    panic!(
        "{} never written; screen:\n{}",
        path.display(),
        session.contents()
    );
}

#[test]
fn the_pager_and_the_editor_have_the_terminal_and_give_it_back() {
    let lib = TempLibrary::new();
    let file = lib.article(
        "harbour.txt",
        "Night ferry returns to the harbour",
        "Ada Quinn",
        "3 March 2021",
        "The ferry sailed at midnight.\n\nPassengers cheered.",
    );
    let out = tempfile::tempdir().unwrap();
    let o = out.path();
    // A pager and an editor that note what they were given and the terminal's modes.
    let pager = o.join("pager");
    stand_in(&pager, true, &o.join("page.txt"), &o.join("pager-stty.txt"));
    let bin = o.join("bin");
    std::fs::create_dir(&bin).unwrap();
    let vi = bin.join("vi");
    stand_in(&vi, false, &o.join("args.txt"), &o.join("vi-stty.txt"));
    let env = [
        ("PAGER", pager.to_str().unwrap()),
        ("EDITOR", vi.to_str().unwrap()),
        ("VISUAL", ""),
    ];
    let mut session = Session::start_with_env(lib.path(), &[lib.path().to_str().unwrap()], &env);
    session.wait_for("1/1 · 1 article");
    session.send("\r");
    session.wait_for("Space page");

    let before = session.raw.lock().unwrap().len();
    session.send("p");
    let page = wait_for_file(&session, &o.join("page.txt"));
    assert!(
        page.contains("Night ferry returns to the harbour\nAda Quinn"),
        "{page}"
    );
    assert!(
        page.contains("The ferry sailed at midnight.\n\nPassengers cheered."),
        "{page}"
    );
    let modes = wait_for_file(&session, &o.join("pager-stty.txt"));
    assert!(
        modes.contains(" icanon") && modes.contains(" echo"),
        "cooked mode for the pager: {modes}"
    );
    // byline takes the alternate screen again once the pager has ended, and redraws.
    let start = Instant::now();
    loop {
        let said = String::from_utf8_lossy(&session.raw.lock().unwrap()[before..]).into_owned();
        let left = said.find("\x1b[?1049l").expect("left the alternate screen");
        if said.rfind("\x1b[?1049h").is_some_and(|back| left < back) {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "never took the terminal back: {said:?}"
        );
        thread::sleep(Duration::from_millis(20));
    }
    session.wait_for("Space page");

    session.send("e");
    let args = wait_for_file(&session, &o.join("args.txt"));
    assert_eq!(
        args.trim(),
        format!("-R {}", file.display()),
        "read-only, by its path"
    );
    let modes = wait_for_file(&session, &o.join("vi-stty.txt"));
    assert!(modes.contains(" icanon"), "{modes}");
    session.wait_for("Space page");
    // The keys are byline's again.
    session.send("q");
    assert!(session.wait_exit());
}

#[test]
fn a_text_browser_has_the_terminal_while_it_runs() {
    let lib = TempLibrary::new();
    lib.file(
        "linked.md",
        "---\ntitle: A linked one\n---\n\nSee [the report](https://example.org/report).\n",
    );
    let out = tempfile::tempdir().unwrap();
    let o = out.path();
    let w3m = o.join("w3m");
    stand_in(&w3m, false, &o.join("args.txt"), &o.join("stty.txt"));
    let env = [("BROWSER", w3m.to_str().unwrap())];
    let mut session = Session::start_with_env(lib.path(), &[lib.path().to_str().unwrap()], &env);
    session.wait_for("1/1 · 1 article");
    session.send("\r");
    session.wait_for("the report[1]");
    // One link needs no number.
    session.send("o");
    let args = wait_for_file(&session, &o.join("args.txt"));
    assert_eq!(args.trim(), "https://example.org/report");
    let modes = wait_for_file(&session, &o.join("stty.txt"));
    assert!(
        modes.contains(" icanon"),
        "cooked mode for the browser: {modes}"
    );
    session.wait_for("the report[1]");
    session.send("q");
    assert!(session.wait_exit());
}

#[test]
fn a_panic_gives_the_terminal_back_and_keeps_what_was_saved() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "A small one", "Ada Quinn", "3 March 2021", "Text.");
    let env = [("BYLINE_PANIC_KEY", "%"), ("RUST_BACKTRACE", "0")];
    let mut session = Session::start_with_env(lib.path(), &[lib.path().to_str().unwrap()], &env);
    session.wait_for("1/1 · 1 article");
    session.send("*");
    session.wait_for("★");
    let before = session.raw.lock().unwrap().len();
    session.send("%");
    assert!(!session.wait_exit(), "a panic is a failure");
    let raw = session.raw.lock().unwrap();
    let said = String::from_utf8_lossy(&raw[before..]);
    let left = said.find("\x1b[?1049l").expect("left the alternate screen");
    let message = said
        .find("injected for the tests")
        .expect("the panic message shows");
    assert!(
        left < message,
        "the screen is restored before the message prints: {said:?}"
    );
    let screen = session.screen.lock().unwrap();
    assert!(!screen.screen().alternate_screen() && !screen.screen().hide_cursor());
    drop(screen);
    // The star was saved when it was given.
    let starred = crate::byline(
        lib.path(),
        &["list", "--starred", "-L", lib.path().to_str().unwrap()],
    );
    assert!(String::from_utf8_lossy(&starred.stdout).contains("A small one"));
}

/// The pid of the process whose command line holds `needle` (and is not this test).
fn pid_running(needle: &str) -> Option<i32> {
    let me = std::process::id().to_string();
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let pid = entry.file_name().to_string_lossy().into_owned();
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            (pid != me && cmdline.contains(needle) && cmdline.contains("byline"))
                .then(|| pid.parse().ok())
                .flatten()
        })
}

/// Waits until no byline runs on `library` (so keys typed next go to the shell, not to a
/// byline still leaving the terminal, which may drop what is typed meanwhile).
fn wait_until_ended(shell: &Session, library: &str) {
    let start = Instant::now();
    while pid_running(library).is_some() {
        assert!(
            start.elapsed() < DEADLINE,
            "byline never ended:\n{}",
            shell.contents()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn after_a_sigstop_and_fg_byline_takes_raw_mode_again() {
    let lib = TempLibrary::new();
    lib.article("a.txt", "A small one", "Ada Quinn", "3 March 2021", "Text.");
    let mut shell = Session::start_shell(lib.path());
    shell.wait_for("$ ");
    let byline = env!("CARGO_BIN_EXE_byline");
    let library = lib.path().display().to_string();
    shell.send(&format!("'{byline}' -L '{library}'\r"));
    shell.wait_for("1/1 · 1 article");
    let pid = pid_running(&library).expect("byline's pid");
    // SIGSTOP cannot be caught: the shell takes the terminal back into its own modes.
    // SAFETY: kill only sends a signal to the pid found.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGSTOP) }, 0);
    shell.wait_for("Stopped");
    shell.send("fg\r");
    shell.wait_for("1/1 · 1 article");
    // In raw mode a lone `q` quits; in the shell's cooked mode it would wait for Enter.
    shell.send("q");
    wait_until_ended(&shell, &library);
    shell.send("echo \"status $?\"\r");
    shell.wait_for("status 0");
    shell.send("exit\r");
}

#[test]
fn the_last_filter_comes_back_after_a_restart_and_fresh_starts_clean() {
    let lib = TempLibrary::new();
    lib.article(
        "harbour.txt",
        "Night ferry returns to the harbour",
        "Ada Quinn",
        "3 March 2021",
        "Text.",
    );
    lib.article(
        "tram.txt",
        "City tram line reaches the hospital",
        "Bo Okafor",
        "9 July 2019",
        "Text.",
    );
    let path = lib.path().to_str().unwrap();
    let mut first = Session::start(lib.path(), &[path]);
    first.wait_for("1/2 · 2 articles");
    first.send("/ferry\r");
    first.wait_for("1/1 · 1 of 2 match");
    first.send("q");
    assert!(first.wait_exit());

    let mut again = Session::start(lib.path(), &[path]);
    again.wait_for("1/1 · 1 of 2 match");
    again.wait_for("The last filter is back (Esc clears it).");
    again.wait_for("/ ferry");
    // The first letters typed start a new filter rather than adding to the one back.
    again.send("/tram\r");
    again.wait_for("any:tram");
    again.wait_for("1/1 · 1 of 2 match");
    again.send("q");
    assert!(again.wait_exit());

    let mut fresh = Session::start(lib.path(), &["--fresh", path]);
    fresh.wait_for("1/2 · 2 articles");
    fresh.send("q");
    assert!(fresh.wait_exit());
}

// `byline show` on a terminal: a text longer than the screen goes through $PAGER, styled; one
// that fits is written to the terminal itself, and no pager runs.
#[test]
fn show_on_a_terminal_pages_a_long_article_and_prints_a_short_one() {
    let lib = TempLibrary::new();
    let long_body: Vec<String> = (1..=60)
        .map(|i| format!("Paragraph {i} of the harbour story."))
        .collect();
    let long = lib.article(
        "long.txt",
        "The long story",
        "Ann Author",
        "1 May 2020",
        &long_body.join("\n\n"),
    );
    let short = lib.article(
        "short.txt",
        "The short story",
        "Bo Writer",
        "2 May 2020",
        "Only a line.",
    );
    let o = tempfile::tempdir().unwrap();
    let o = o.path();
    let pager = o.join("pager");
    stand_in(&pager, true, &o.join("page.txt"), &o.join("modes.txt"));
    let env = [("PAGER", pager.to_str().unwrap())];

    // By path: `byline show FILE`.
    let mut session = Session::start_with_env(lib.path(), &["show", long.to_str().unwrap()], &env);
    // The stand-in notes the terminal's modes once it has read all its input.
    wait_for_file(&session, &o.join("modes.txt"));
    let paged = std::fs::read_to_string(o.join("page.txt")).unwrap();
    assert!(
        paged.contains("Paragraph 60 of the harbour story."),
        "{paged}"
    );
    assert!(
        paged.contains("\u{1b}["),
        "styled for the terminal: {paged:?}"
    );
    assert!(session.wait_exit());

    std::fs::remove_file(o.join("page.txt")).unwrap();
    let mut session = Session::start_with_env(lib.path(), &["show", short.to_str().unwrap()], &env);
    session.wait_for("Only a line.");
    assert!(session.wait_exit());
    assert!(!o.join("page.txt").exists(), "a short article is not paged");
}

#[test]
fn files_added_changed_and_removed_show_up_while_reading() {
    let lib = TempLibrary::new();
    let home = tempfile::tempdir().unwrap();
    let body: String = (1..=40)
        .map(|i| format!("Paragraph {i} of the ferry story.\n\n"))
        .collect();
    lib.article(
        "ferry.txt",
        "Night ferry returns",
        "Ada Quinn",
        "3 March 2021",
        &body,
    );
    lib.article(
        "tram.txt",
        "City tram line",
        "Bo Okafor",
        "9 July 2019",
        "The tram.",
    );
    let mut session = Session::start(home.path(), &[lib.path().to_str().unwrap()]);
    session.wait_for("1/2 · 2 articles");
    // Reading the ferry story, a page down.
    session.send("\r");
    session.send(" ");
    session.wait_for("Paragraph 12 of");
    // A new file: listed, said, the place kept.
    let start = Instant::now();
    lib.article(
        "reef.txt",
        "Reef survey finds recovery",
        "Lu Brennan",
        "4 April 2022",
        "Coral.",
    );
    session.wait_for("Reef survey finds recovery");
    let took = start.elapsed();
    session.wait_for("1 new article.");
    assert!(
        session.contents().contains("Paragraph 12 of"),
        "still where it was"
    );
    // An editor's save: a new file renamed over the old one.
    let tram = lib.path().join("tram.txt");
    let swap = lib.path().join(".tram.txt.swp");
    std::fs::write(
        &swap,
        "City tram line extended\nBy Bo Okafor\n9 July 2019\n\nThe tram.\n",
    )
    .unwrap();
    std::fs::rename(&swap, &tram).unwrap();
    session.wait_for("City tram line extended");
    // Removed: gone from the list.
    std::fs::remove_file(lib.path().join("reef.txt")).unwrap();
    session.wait_until_gone("Reef survey finds recovery");
    session.wait_for("1 article gone from the library.");
    assert!(
        session.contents().contains("Paragraph 12 of"),
        "still where it was"
    );
    // `r` by hand, nothing changed: said so.
    session.send("r");
    session.wait_for("The library has not changed");
    eprintln!("a new file showed after {took:?}");
    session.send("q");
    assert!(session.wait_exit());
}

//! Bytes written to the terminal per action, byline against `less` and `fzf` in the same
//! pseudo-terminal, at 80x24 and 200x50 (issue 14: few bytes over slow links).
//!
//! ```text
//! cargo build --release && cargo run --release --example bytes [-- --byline target/release/byline]
//! ```
//!
//! Each program runs in a pty on a generated library (sixty short articles, enough to fill the
//! list at 200x50, and one long one, the newest, so it is open at the start). Before each action the screen is settled (nothing
//! written for 300 ms, and for a list move until the article has been marked read); the action's
//! bytes are those written from the key until nothing more comes for 300 ms. Bytes do not depend
//! on timing, so each run gives the same figures. `less -R` pages the long article's text set
//! by `byline show` at the width byline sets it to; `fzf` (when installed) lists the titles,
//! once bare and once with the article in its preview window. `BYTES_SCREENS=1` prints the
//! screen after each action, to check that each did what it says; `BYTES_RAW=1` the bytes.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use clap::Parser;
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

#[derive(Debug, Parser)]
#[command(about = "Bytes written per action: byline, less and fzf in the same pty")]
struct Args {
    /// The byline binary to measure.
    #[arg(long, default_value = "target/release/byline")]
    byline: PathBuf,
    /// The terminal sizes, as COLSxROWS.
    #[arg(long, value_delimiter = ',', default_value = "80x24,200x50")]
    sizes: Vec<String>,
    /// Measure byline only.
    #[arg(long)]
    no_peers: bool,
}

/// How long nothing must be written for a screen to count as settled.
const QUIET: Duration = Duration::from_millis(300);
/// The longest any wait takes before the harness gives up.
const DEADLINE: Duration = Duration::from_secs(20);
/// How often a line scroll or a page is repeated (the median is shown).
const REPEATS: usize = 5;

fn main() -> ExitCode {
    let mut args = Args::parse();
    match args.byline.canonicalize() {
        Ok(path) => args.byline = path,
        Err(_) => {
            eprintln!(
                "{} not found: run `cargo build --release` first",
                args.byline.display()
            );
            return ExitCode::FAILURE;
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("library");
    write_library(&library);
    let fzf = !args.no_peers && Command::new("fzf").arg("--version").output().is_ok();
    if !fzf && !args.no_peers {
        println!("fzf is not installed: its columns are left empty");
    }
    for size in &args.sizes {
        let Some((cols, rows)) = size
            .split_once('x')
            .and_then(|(c, r)| Some((c.parse::<u16>().ok()?, r.parse::<u16>().ok()?)))
        else {
            eprintln!("a size is COLSxROWS, not {size:?}");
            return ExitCode::FAILURE;
        };
        println!("\n{cols}x{rows}\n");
        println!("| action | byline bytes | peer | peer bytes | ratio |\n|---|---|---|---|---|");
        let home = dir.path().join(format!("home-{cols}"));
        std::fs::create_dir_all(&home).expect("home");
        let figures = measure_byline(&args.byline, &home, &library, (cols, rows));
        let width = if cols >= 200 { 80 } else { cols as usize - 4 };
        let text = dir.path().join(format!("long-{width}.txt"));
        set_long_article(&args.byline, &home, &library, width, &text);
        let less = if args.no_peers {
            Less {
                line: 0,
                page: 0,
                idle: 0,
            }
        } else {
            measure_less(&text, (cols, rows))
        };
        let titles = dir.path().join("titles.txt");
        let (bare, preview) = if fzf {
            std::fs::write(&titles, titles_of_library().join("\n") + "\n").expect("titles");
            let long = library.join("long.txt");
            (
                Some(measure_fzf(&titles, None, (cols, rows))),
                Some(measure_fzf(&titles, Some(&long), (cols, rows))),
            )
        } else {
            (None, None)
        };
        let row = |action: &str, ours: usize, peer: &str, theirs: Option<usize>| {
            let (bytes, ratio) = match theirs {
                Some(t) if t > 0 => (t.to_string(), format!("{:.1}x", ours as f64 / t as f64)),
                Some(t) => (t.to_string(), String::new()),
                None => (String::new(), String::new()),
            };
            println!("| {action} | {ours} | {peer} | {bytes} | {ratio} |");
        };
        row(
            "list: selection one row",
            figures.list_move,
            "fzf",
            bare.as_ref().map(|f| f.list_move),
        );
        row(
            "list: selection one row",
            figures.list_move,
            "fzf --preview",
            preview.as_ref().map(|f| f.list_move),
        );
        row(
            "filter: one character",
            figures.filter_char,
            "fzf",
            bare.as_ref().map(|f| f.filter_char),
        );
        row("reading: one line", figures.line, "less", Some(less.line));
        row("reading: one page", figures.page, "less", Some(less.page));
        row(
            "reading, zoomed: one line",
            figures.zoomed_line,
            "less",
            Some(less.line),
        );
        row(
            "reading, zoomed: one page",
            figures.zoomed_page,
            "less",
            Some(less.page),
        );
        row("idle, 2 s", figures.idle, "less", Some(less.idle));
    }
    ExitCode::SUCCESS
}

/// byline's bytes per action at one size.
struct Byline {
    list_move: usize,
    filter_char: usize,
    line: usize,
    page: usize,
    zoomed_line: usize,
    zoomed_page: usize,
    idle: usize,
}

fn measure_byline(byline: &Path, home: &Path, library: &Path, size: (u16, u16)) -> Byline {
    let mut command = CommandBuilder::new(byline);
    command.arg(library);
    isolate(&mut command, home);
    let mut pty = Pty::spawn(command, size);
    pty.settle();
    // Past the clock that marks the open article read.
    thread::sleep(Duration::from_secs(2));
    pty.settle();
    let idle = pty.idle(Duration::from_secs(2));

    // A list move opens another article, which is marked read 1.5 s later: that write is the
    // clock's, not the key's, and is let pass before the next action.
    // Down and up again, as often: the long article is selected at the end.
    let list_move = median((0..4).map(|i| {
        let bytes = pty.action(if i % 2 == 0 { "j" } else { "k" });
        thread::sleep(Duration::from_secs(2));
        pty.settle();
        bytes
    }));
    pty.action("/");
    let filter_char = pty.action("e");
    // Esc clears the filter (keeping the article the filter selected); `g` selects the long
    // article again.
    pty.action("\x1b");
    pty.action("g");
    thread::sleep(Duration::from_secs(2));
    pty.settle();

    pty.action("\r");
    let line = median((0..REPEATS).map(|_| pty.action("j")));
    let page = median((0..REPEATS).map(|_| pty.action(" ")));
    pty.action("z");
    let zoomed_line = median((0..REPEATS).map(|_| pty.action("j")));
    let zoomed_page = median((0..REPEATS).map(|_| pty.action(" ")));
    pty.send("q");
    pty.wait_exit();
    Byline {
        list_move,
        filter_char,
        line,
        page,
        zoomed_line,
        zoomed_page,
        idle,
    }
}

/// less's bytes per action.
struct Less {
    line: usize,
    page: usize,
    idle: usize,
}

fn measure_less(text: &Path, size: (u16, u16)) -> Less {
    let mut command = CommandBuilder::new("less");
    command.arg("-R");
    command.arg(text);
    command.env("TERM", "xterm-256color");
    command.cwd(text.parent().expect("folder"));
    command.env("LESSHISTFILE", "-");
    command.env_remove("LESS");
    command.env_remove("LESSOPEN");
    let mut pty = Pty::spawn(command, size);
    pty.settle();
    let idle = pty.idle(Duration::from_secs(2));
    let line = median((0..REPEATS).map(|_| pty.action("j")));
    let page = median((0..REPEATS).map(|_| pty.action(" ")));
    pty.send("q");
    pty.wait_exit();
    Less { line, page, idle }
}

/// fzf's bytes per action.
struct Fzf {
    list_move: usize,
    filter_char: usize,
}

fn measure_fzf(titles: &Path, preview: Option<&Path>, size: (u16, u16)) -> Fzf {
    let mut command = CommandBuilder::new("sh");
    let preview = preview
        .map(|p| format!(" --preview 'cat {}'", p.display()))
        .unwrap_or_default();
    command.args([
        "-c",
        &format!("fzf --no-mouse{preview} < '{}'", titles.display()),
    ]);
    command.env("TERM", "xterm-256color");
    command.cwd(titles.parent().expect("folder"));
    command.env_remove("FZF_DEFAULT_OPTS");
    let mut pty = Pty::spawn(command, size);
    pty.settle();
    // Up and down (fzf lists bottom up): the selection moves one row.
    let list_move =
        median((0..4).map(|i| pty.action(if i % 2 == 0 { "\x1b[A" } else { "\x1b[B" })));
    let filter_char = pty.action("e");
    pty.send("\x1b");
    pty.wait_exit();
    Fzf {
        list_move,
        filter_char,
    }
}

/// Sets the long article as `byline show` does at `width` into `out`, for less.
fn set_long_article(byline: &Path, home: &Path, library: &Path, width: usize, out: &Path) {
    let run = |args: &[&str]| {
        let mut command = Command::new(byline);
        command.args(args).arg("-L").arg(library);
        command.env("HOME", home);
        command.env("XDG_DATA_HOME", home.join("data"));
        command.env("XDG_CACHE_HOME", home.join("cache"));
        command.env("XDG_CONFIG_HOME", home.join("config"));
        command.env_remove("BYLINE_LIBRARY");
        let output = command.output().expect("run byline");
        assert!(output.status.success(), "byline {args:?} failed");
        output.stdout
    };
    let list: serde_json::Value =
        serde_json::from_slice(&run(&["list", "--json"])).expect("list --json");
    let id = list
        .as_array()
        .and_then(|a| a.iter().find(|v| v["title"] == LONG_TITLE))
        .and_then(|v| v["id"].as_str())
        .expect("the long article's id")
        .to_string();
    let text = run(&["show", &id, "--width", &width.to_string()]);
    std::fs::write(out, text).expect("write the text for less");
}

/// A home of its own: no user config, state or index leaks in.
fn isolate(command: &mut CommandBuilder, home: &Path) {
    command.env_remove("BYLINE_LIBRARY");
    command.env("HOME", home);
    command.env("XDG_DATA_HOME", home.join("data"));
    command.env("XDG_CACHE_HOME", home.join("cache"));
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.env("TERM", "xterm-256color");
}

fn median(values: impl Iterator<Item = usize>) -> usize {
    let mut values: Vec<usize> = values.collect();
    values.sort_unstable();
    values[values.len() / 2]
}

/// A program in a pseudo-terminal, with every byte it writes counted.
struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    /// Bytes written so far, and when the last of them came.
    written: Arc<Mutex<(usize, Instant)>>,
    /// Every byte written (`BYTES_RAW=1` prints each action's).
    raw: Arc<Mutex<Vec<u8>>>,
    /// The screen as written, to check what an action did (`--screens`).
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Pty {
    fn spawn(command: CommandBuilder, (cols, rows): (u16, u16)) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(command).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let written = Arc::new(Mutex::new((0, Instant::now())));
        let sink = Arc::clone(&written);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).expect("rows"),
            NonZeroU16::new(cols).expect("columns"),
            0,
        )));
        let parser = Arc::clone(&screen);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                parser.lock().expect("screen").process(&buf[..n]);
                raw_sink.lock().expect("raw").extend_from_slice(&buf[..n]);
                let mut written = sink.lock().expect("count");
                *written = (written.0 + n, Instant::now());
            }
        });
        Self {
            child,
            writer,
            written,
            raw,
            screen,
        }
    }

    fn count(&self) -> usize {
        self.written.lock().expect("count").0
    }

    /// Waits until nothing has been written for [`QUIET`], at least [`QUIET`] from now.
    fn settle(&self) {
        let start = Instant::now();
        thread::sleep(QUIET);
        while start.elapsed() < DEADLINE {
            let last = self.written.lock().expect("count").1;
            if last.elapsed() >= QUIET {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never settled");
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("send keys");
        self.writer.flush().expect("send keys");
    }

    /// Sends `keys` to a settled screen and returns the bytes written until it settles again.
    fn action(&mut self, keys: &str) -> usize {
        let before = self.count();
        self.send(keys);
        self.settle();
        if std::env::var_os("BYTES_SCREENS").is_some() {
            let screen = self.screen.lock().expect("screen").screen().contents();
            eprintln!("after {keys:?}:\n{screen}\n");
        }
        if std::env::var_os("BYTES_RAW").is_some() {
            let raw = self.raw.lock().expect("raw");
            eprintln!(
                "{keys:?}: {}\n",
                String::from_utf8_lossy(&raw[before..]).escape_debug()
            );
        }
        self.count() - before
    }

    /// The bytes written over `time` with no key pressed.
    fn idle(&self, time: Duration) -> usize {
        let before = self.count();
        thread::sleep(time);
        self.count() - before
    }

    fn wait_exit(&mut self) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().ok();
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.child.kill().ok();
        }
    }
}

/// The long article's title.
const LONG_TITLE: &str = "Harbour authority approves the long ferry plan after years of debate";

/// The short articles' titles are these, numbered.
const SHORT_TITLES: [&str; 5] = [
    "City tram line reaches the hospital",
    "Council votes on the new library hours",
    "Storm closes the coastal road for a week",
    "Local bakery wins the regional bread prize",
    "School orchestra tours three neighbouring towns",
];

/// How many short articles the library has.
const SHORT: usize = 60;

/// Every title in the library, the long article's first (and newest).
fn titles_of_library() -> Vec<String> {
    let mut titles = vec![LONG_TITLE.to_string()];
    titles.extend((0..SHORT).map(|i| format!("{}, part {}", SHORT_TITLES[i % 5], i + 1)));
    titles
}

/// Writes the library: the long article (about 400 lines at 80 columns) and the short ones.
fn write_library(dir: &Path) {
    std::fs::create_dir_all(dir).expect("library folder");
    const WORDS: [&str; 32] = [
        "the",
        "harbour",
        "ferry",
        "council",
        "said",
        "on",
        "a",
        "crossing",
        "passengers",
        "night",
        "were",
        "plan",
        "years",
        "and",
        "of",
        "to",
        "board",
        "engineers",
        "tide",
        "weather",
        "season",
        "timetable",
        "would",
        "after",
        "town",
        "its",
        "first",
        "in",
        "budget",
        "quay",
        "residents",
        "vessel",
    ];
    // A fixed generator: the same text every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut body = String::new();
    for _ in 0..120 {
        let sentences = 2 + next(4);
        for s in 0..sentences {
            let words = 8 + next(14);
            for w in 0..words {
                let word = WORDS[next(WORDS.len())];
                if w == 0 {
                    let mut chars = word.chars();
                    let first = chars.next().map(|c| c.to_ascii_uppercase());
                    body.extend(first);
                    body.push_str(chars.as_str());
                } else {
                    body.push(' ');
                    body.push_str(word);
                }
            }
            body.push('.');
            if s + 1 < sentences {
                body.push(' ');
            }
        }
        body.push_str("\n\n");
    }
    let article = |name: &str, title: &str, date: &str, body: &str| {
        let text = format!("{title}\n\nAda Quinn\n\n{date}\n\n{body}\n");
        std::fs::write(dir.join(name), text).expect("write an article");
    };
    let titles = titles_of_library();
    article("long.txt", &titles[0], "3 March 2024", &body);
    for (i, title) in titles.iter().enumerate().skip(1) {
        let date = format!("{} {} 2023", 1 + i % 28, ["May", "June", "July"][i % 3]);
        let short = "The tram arrived on time. Passengers cheered. ".repeat(4 + i % 5);
        article(&format!("short-{i}.txt"), title, &date, &short);
    }
}

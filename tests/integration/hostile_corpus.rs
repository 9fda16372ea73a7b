//! The hostile corpus: files built to freeze, exhaust or fool a reader. Small ones are kept
//! as files in `tests/fixtures/hostile/`; the large ones are written here, on demand, so the
//! repository stays small. Used by the hostile tests and by `examples/hostile.rs` (the bench).

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One hostile file: its name (which sets its format) and what it holds.
pub struct Hostile {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

fn header(title: &str) -> String {
    format!("{title}\n\nBy A. Writer\n\n12 March 2024\n\n")
}

/// Every generated file, large ones included (about 90 MB in all at `scale` 1; the tests use a
/// quarter, which still shows any work that grows faster than the input).
pub fn generated(scale: f64) -> Vec<Hostile> {
    let n = |count: usize| (count as f64 * scale) as usize;
    let mut files = Vec::new();
    let mut push = |name, bytes: Vec<u8>| files.push(Hostile { name, bytes });

    // YAML aliases that expand a 100,000-byte string 30,000 times.
    let mut yaml = format!(
        "---\ntitle: x\nx: &x \"{}\"\nauthors: [",
        "A".repeat(n(100_000))
    );
    yaml.push_str(&vec!["*x"; n(30_000)].join(", "));
    yaml.push_str("]\n---\nbody\n");
    push("yaml-aliases.md", yaml.into_bytes());

    // Flow collections nested 100,000 deep, in YAML and in TOML front matter.
    push(
        "yaml-nesting.md",
        format!("---\ntitle: {}\n---\nbody\n", "[".repeat(n(100_000))).into_bytes(),
    );
    push(
        "toml-nesting.md",
        format!("+++\ntitle = {}\n+++\nbody\n", "[".repeat(n(100_000))).into_bytes(),
    );

    // 100,000 bare links (2 MB).
    let mut links = header("Links");
    for i in 0..n(100_000) {
        let _ = writeln!(links, "https://e.org/{i}");
    }
    push("links.txt", links.into_bytes());

    // 100,000 HTML links.
    let mut anchors = String::from("<html><head><title>Anchors</title></head><body><p>");
    for i in 0..n(100_000) {
        let _ = write!(anchors, "<a href=\"https://e.org/{i}\">{i}</a> ");
    }
    anchors.push_str("</p></body></html>");
    push("anchors.html", anchors.into_bytes());

    // An article just under 16 MB: paragraphs of ordinary words.
    let sentence = "The committee met again on Tuesday to weigh the harbour plan and its costs. ";
    let mut huge = header("A very long article");
    while huge.len() < n(15_900_000) {
        for _ in 0..8 {
            huge.push_str(sentence);
        }
        huge.push_str("\n\n");
    }
    push("huge-article.txt", huge.into_bytes());

    // One 10 MB word: nothing to break at, everything to hyphenate.
    let mut word = header("One word");
    word.push_str(&"abcdefghij".repeat(n(1_000_000)));
    word.push('\n');
    push("huge-word.txt", word.into_bytes());

    // A 6 MB first line (the title), and a 6 MB author.
    let mut title = "Title ".repeat(n(1_000_000));
    title.push_str("\n\nBy A. Writer\n\n12 March 2024\n\nbody\n");
    push("huge-title.txt", title.into_bytes());
    let author = format!(
        "---\ntitle: Long author\nauthor: \"{}\"\n---\nbody\n",
        "Writer ".repeat(n(900_000))
    );
    push("huge-author.md", author.into_bytes());

    // Three million bad records and one good one (6 MB), in JSON and JSON Lines.
    let mut records = "1,".repeat(n(3_000_000));
    records.insert(0, '[');
    records.push_str("{\"title\":\"x\",\"body\":\"y\"}]");
    push("problems.json", records.into_bytes());
    let mut lines = "1\n".repeat(n(3_000_000));
    lines.push_str("{\"title\":\"x\",\"body\":\"y\"}\n");
    push("problems.jsonl", lines.into_bytes());

    // Deep nesting in JSON, HTML and Markdown.
    push("json-nesting.json", "[".repeat(n(1_000_000)).into_bytes());
    push(
        "html-nesting.html",
        format!(
            "<html><body><article><h1>Lists</h1>{}x</article></body></html>",
            "<ul><li>".repeat(n(100_000))
        )
        .into_bytes(),
    );
    // Articles inside articles, each a teaser with a dated header and text: what is read of
    // each must not be all that is inside it.
    let teaser = format!(
        "<article><header><h2><a href='/x'>Teaser</a></h2><time datetime='2020-01-01'>x</time>\
         </header><p>{}</p>",
        "word ".repeat(400)
    );
    push(
        "html-articles.html",
        format!(
            "<html><head><title>Nest</title></head><body>{}{}</body></html>",
            teaser.repeat(n(500)),
            "</article>".repeat(n(500))
        )
        .into_bytes(),
    );
    push(
        "html-divs.html",
        format!(
            "<html><body>{}<p>text</p></body></html>",
            "<div>".repeat(n(200_000))
        )
        .into_bytes(),
    );
    push(
        "markdown-quotes.md",
        format!("# Quotes\n\n{}deep\n", "> ".repeat(n(100_000))).into_bytes(),
    );
    push(
        "markdown-lists.md",
        format!("# Lists\n\n{}deep\n", "- ".repeat(n(100_000))).into_bytes(),
    );
    push(
        "markdown-brackets.md",
        format!(
            "# Brackets\n\n{}x{}\n",
            "[".repeat(n(100_000)),
            "](".repeat(n(50_000))
        )
        .into_bytes(),
    );
    push(
        "markdown-emphasis.md",
        format!("# Emphasis\n\n{}\n", "*a **b ".repeat(n(100_000))).into_bytes(),
    );

    // One grapheme of 200,000 combining marks, in the title and in the body.
    let marks = "\u{301}".repeat(n(200_000));
    push(
        "combining.txt",
        format!("A{marks} title\n\nBy A. Writer\n\n12 March 2024\n\nBody e{marks} here.\n")
            .into_bytes(),
    );

    // A line of 2,000,000 wide characters and one of tabs.
    let mut wide = header("Wide");
    wide.push_str(&"漢".repeat(n(2_000_000)));
    wide.push('\n');
    push("wide.txt", wide.into_bytes());
    let mut tabs = header("Tabs");
    tabs.push_str(&"\t".repeat(n(5_000_000)));
    tabs.push_str("end\n");
    push("tabs.txt", tabs.into_bytes());

    // Escapes and controls in quantity.
    let mut escapes = header("Escapes");
    escapes.push_str(&"\x1b[2J\x1b]52;c;aGk=\x07\u{202e}\u{9b}".repeat(n(200_000)));
    escapes.push('\n');
    push("escapes.txt", escapes.into_bytes());
    files
}

/// The small hostile files kept in the repository, by name.
pub fn fixtures() -> io::Result<Vec<Hostile>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        files.push(Hostile {
            name: Box::leak(name.into_boxed_str()),
            bytes: fs::read(entry.path())?,
        });
    }
    files.sort_by_key(|f| f.name);
    Ok(files)
}

/// Writes `files` into `dir`, one folder each (so each can be read as a library of one), and
/// returns the name, size and path of each. The bytes are dropped as they are written: a
/// child forked later would otherwise count them in its peak memory.
pub fn write(dir: &Path, files: Vec<Hostile>) -> io::Result<Vec<(&'static str, usize, PathBuf)>> {
    files
        .into_iter()
        .map(|file| {
            let folder = dir.join(file.name.replace('.', "-"));
            fs::create_dir_all(&folder)?;
            let path = folder.join(file.name);
            fs::write(&path, &file.bytes)?;
            Ok((file.name, file.bytes.len(), path))
        })
        .collect()
}

/// What one run of a command cost.
pub struct Cost {
    pub status: std::process::ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub seconds: f64,
    /// Peak resident memory, in MB.
    pub peak_mb: f64,
}

/// Runs `command` to the end under a memory ceiling (`RLIMIT_AS`, so a runaway allocation
/// fails instead of taking the machine) and a CPU ceiling (`RLIMIT_CPU`, so a spin is killed),
/// and says what it cost: wall time and peak resident memory (from `wait4`).
pub fn run_bounded(
    command: &mut std::process::Command,
    memory_ceiling: u64,
    cpu_seconds: u64,
) -> io::Result<Cost> {
    use std::io::Read as _;
    use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
    use std::process::Stdio;

    // SAFETY: `setrlimit` is async-signal-safe and touches no memory of the parent.
    unsafe {
        command.pre_exec(move || {
            let set = |resource, value: u64| {
                let limit = libc::rlimit {
                    rlim_cur: value,
                    rlim_max: value,
                };
                if libc::setrlimit(resource, &limit) != 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            };
            set(libc::RLIMIT_AS, memory_ceiling)?;
            set(libc::RLIMIT_CPU, cpu_seconds)
        });
    }
    let start = std::time::Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let errors = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = err.read_to_end(&mut bytes);
        bytes
    });
    let mut stdout = Vec::new();
    out.read_to_end(&mut stdout)?;
    let stderr = errors.join().unwrap_or_default();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our child's, not yet reaped; status and usage are valid pointers.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    if pid < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(Cost {
        status: std::process::ExitStatus::from_raw(status),
        stdout,
        stderr,
        seconds: start.elapsed().as_secs_f64(),
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
    })
}

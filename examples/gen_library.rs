//! Writes a deterministic synthetic library for measuring byline against its peers.
//!
//! ```text
//! cargo run --release --example gen_library -- --count 100000 --out /tmp/lib100k [--seed 1]
//! ```
//!
//! `--out` must not exist or be empty. The articles are plain-text files in the seed's layout
//! (title, author, `31 December 2014`, paragraphs), most in `YYYY/MM/` folders and some at the
//! top. Beside the folder, never inside it (so byline does not read it as an article), goes
//! `<out>.headers.txt` (`/tmp/lib100k.headers.txt`): one `title | author | date` line per
//! article, in article order, the same data for tools that filter lines (`fzf --filter`).
//! The same seed and count write the same bytes on every machine.

#[path = "support/generator.rs"]
#[allow(dead_code)] // the benchmark uses parts this example does not
mod generator;

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use generator::Generator;

#[derive(Debug, Parser)]
#[command(about = "Write a deterministic synthetic article library")]
struct Args {
    /// How many articles to write.
    #[arg(long)]
    count: usize,
    /// The library folder to create (it must not exist, or be empty).
    #[arg(long)]
    out: PathBuf,
    /// Which library: the same seed writes the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    match write_library(&args.out, args.count, args.seed) {
        Ok(written) => {
            println!(
                "wrote {} articles ({:.1} MB) to {} and their headers to {} in {:.2} s",
                args.count,
                written.bytes as f64 / 1e6,
                args.out.display(),
                written.headers.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_library: {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}

/// What [`write_library`] wrote.
struct Written {
    bytes: u64,
    headers: PathBuf,
}

/// Where the headers of the library in `out` go: `<out>.headers.txt`, beside the folder.
fn headers_path(out: &Path) -> PathBuf {
    let mut name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "library".into());
    name.push(".headers.txt");
    out.with_file_name(name)
}

/// Writes `count` articles of library `seed` into `out`, and their headers beside it.
fn write_library(out: &Path, count: usize, seed: u64) -> io::Result<Written> {
    if out.exists() && fs::read_dir(out)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the folder is not empty; give a new one",
        ));
    }
    let generator = Generator::new(seed);
    let headers: Vec<generator::Header> = (0..count).map(|i| generator.header(i)).collect();
    let paths: Vec<PathBuf> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| generator.path(i, h))
        .collect();
    let mut folders: Vec<&Path> = paths.iter().filter_map(|p| p.parent()).collect();
    folders.sort_unstable();
    folders.dedup();
    fs::create_dir_all(out)?;
    for folder in folders {
        fs::create_dir_all(out.join(folder))?;
    }

    // Each article depends only on the seed and its number, so the threads may share the work
    // in any way and the bytes stay the same.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = count.div_ceil(threads).max(1);
    let bytes = std::thread::scope(|s| {
        let workers: Vec<_> = (0..count)
            .step_by(chunk)
            .map(|start| {
                let (generator, headers, paths) = (&generator, &headers, &paths);
                s.spawn(move || -> io::Result<u64> {
                    let mut text = String::with_capacity(16 * 1024);
                    let mut bytes = 0;
                    for i in start..(start + chunk).min(count) {
                        text.clear();
                        generator.write_article(i, &headers[i], &mut text);
                        fs::write(out.join(&paths[i]), &text)?;
                        bytes += text.len() as u64;
                    }
                    Ok(bytes)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a writer thread panicked"))
            .sum::<io::Result<u64>>()
    })?;

    let headers_file = headers_path(out);
    let mut lines = io::BufWriter::new(fs::File::create(&headers_file)?);
    for h in &headers {
        writeln!(lines, "{}", h.line())?;
    }
    lines.flush()?;
    Ok(Written {
        bytes,
        headers: headers_file,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use byline::library::Library;

    use super::*;

    /// Every file under `dir`, by relative path, with its bytes.
    fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut out = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                    out.insert(rel, fs::read(&path).unwrap());
                }
            }
        }
        out
    }

    #[test]
    fn the_same_seed_writes_the_same_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            tmp.path().join("a"),
            tmp.path().join("b"),
            tmp.path().join("c"),
        );
        write_library(&a, 120, 9).unwrap();
        write_library(&b, 120, 9).unwrap();
        write_library(&c, 120, 10).unwrap();
        let (fa, fb) = (files(&a), files(&b));
        assert_eq!(fa.len(), 120);
        assert_eq!(fa, fb);
        assert_ne!(fa, files(&c));
        assert_eq!(
            fs::read(headers_path(&a)).unwrap(),
            fs::read(headers_path(&b)).unwrap()
        );
        // Both nested and flat files.
        assert!(fa.keys().any(|p| p.components().count() == 3));
        assert!(fa.keys().any(|p| p.components().count() == 1));
    }

    #[test]
    fn an_existing_library_is_not_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        write_library(tmp.path(), 3, 1).unwrap();
        assert!(write_library(tmp.path(), 3, 1).is_err());
    }

    #[test]
    fn byline_reads_every_file_as_the_headers_say() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("lib");
        write_library(&out, 200, 5).unwrap();
        // The headers sit beside the library, not in it.
        assert_eq!(headers_path(&out), tmp.path().join("lib.headers.txt"));
        let library = Library::scan(std::slice::from_ref(&out));
        assert!(library.problems.is_empty(), "{:?}", library.problems);
        assert_eq!(library.articles.len(), 200);

        let mut read: Vec<String> = library
            .articles
            .iter()
            .map(|a| {
                let date = a.date.expect("every article is dated");
                let header = generator::Header {
                    title: a.title.clone(),
                    author: a.author.clone().expect("every article has an author"),
                    date,
                };
                header.line()
            })
            .collect();
        let mut written: Vec<String> = fs::read_to_string(headers_path(&out))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        read.sort();
        written.sort();
        assert_eq!(read, written);

        // Page breaks are the kind byline mends: no paragraph it reads starts in lower case.
        for i in 0..library.articles.len() {
            let parsed = library.read(i).unwrap();
            for block in &parsed.body.blocks {
                let text = block.text();
                assert!(
                    !text.starts_with(|c: char| c.is_lowercase()),
                    "{}: {text:.60}",
                    library.articles[i].path.display()
                );
            }
        }
    }
}

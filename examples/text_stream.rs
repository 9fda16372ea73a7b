//! Times the first `text:` hits the reader can show without a full-text index: the files are
//! read in parts and what each part finds is shown (see `byline::shell::text`), so what counts
//! is how soon the first part with a hit comes.
//!
//! ```text
//! cargo run --release --example gen_library -- --count 100000 --out /tmp/lib100k
//! XDG_CACHE_HOME=/tmp/cache byline list --library /tmp/lib100k --limit 1   # the metadata index
//! XDG_CACHE_HOME=/tmp/cache cargo run --release --example text_stream -- /tmp/lib100k [--cold] [--indexed] 'x:tribunal' ...
//! ```
//!
//! Prints, per query, when the first part was shown, when the first part with a hit was, and
//! how many articles matched then. `--cold` empties the kernel's page cache before each query
//! (`/proc/sys/vm/drop_caches`: root only), as after a reboot; without it the files may be in
//! memory from an earlier run. `--indexed` uses the full-text index (`byline index` builds it):
//! then only a term with a capital (`x:Tribunal`, which respects case) reads files, those of
//! the articles the index found.

#[path = "support/cached.rs"]
mod cached;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use byline::library::fulltext;
use byline::query::Query;
use byline::query::index::Index;
use byline::query::rank::{self, Matcher, Sort};
use byline::shell::text::TextFinder;

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let root = PathBuf::from(args.next().expect("a library folder"));
    let cold = args.next_if(|a| a == "--cold").is_some();
    let indexed = args.next_if(|a| a == "--indexed").is_some();
    let (library, index_path) = cached::open(root);
    let entries = Index::build(&library.articles);
    let today = jiff::civil::date(2026, 12, 1);
    let matcher = Matcher::default();
    for line in args {
        let query = Query::parse(&line, today).expect("a query");
        if cold {
            drop_caches();
        }
        // Without the index every article is read; with it, those it found are read again to
        // check a capitalised term's case.
        let text_index = indexed.then(|| fulltext::path_beside(&index_path));
        let mut finder = TextFinder::new(Arc::clone(&library), text_index.as_deref());
        finder.prepare();
        let started = Instant::now();
        let mut first_part = None;
        let mut first_hit = None;
        let mut parts = 0;
        finder.resolve_streaming(&query, |so_far| {
            parts += 1;
            let at = started.elapsed().as_secs_f64() * 1e3;
            first_part.get_or_insert(at);
            let shown =
                rank::filter_with(&matcher, &entries, &query, Sort::Newest, None, so_far).len();
            if shown > 0 {
                first_hit = Some((at, shown));
                return false;
            }
            true
        });
        let first_part = first_part.map_or("-".to_string(), |t| format!("{t:.0} ms"));
        let first_hit = first_hit.map_or("no hit".to_string(), |(t, n)| {
            format!("{t:.0} ms ({n} shown, part {parts})")
        });
        println!("{line:30} first part {first_part:>8}, first hit {first_hit}");
    }
}

/// Empties the page cache, so files are read from the disk again.
fn drop_caches() {
    let synced = std::process::Command::new("sync").status();
    if synced.is_err() || std::fs::write("/proc/sys/vm/drop_caches", "3\n").is_err() {
        eprintln!("text_stream: could not empty the page cache (root only); timing warm");
    }
}

//! `text:` terms answered by reading the files, for the articles the full-text index does not
//! hold (no index yet, files new or changed since) and to check case in those it found (the
//! index ignores case).

use std::collections::HashMap;
use std::path::Path;

use crate::article::{Parsed, Source};
use crate::library::{Format, Library, parse_bytes, read_bytes_as_listed};
use crate::parallel;
use crate::query::Words;
use crate::query::words;

/// The articles among `articles` whose body holds `term` (case as the term says), with how
/// many times, found by reading their files: for articles the index does not hold yet, and to
/// check case in those it found. Each file is read once; an all-ASCII file that does not hold
/// the term's first word in any case is passed over without parsing it.
pub fn scan(library: &Library, articles: &[usize], term: &Words) -> Vec<(usize, usize)> {
    let mut by_file: HashMap<&Path, Vec<(usize, usize)>> = HashMap::new();
    let mut samples = Vec::new();
    for &i in articles {
        match &library.articles[i].source {
            Source::File(path) => by_file.entry(path).or_default().push((0, i)),
            Source::Record(path, record) => by_file.entry(path).or_default().push((*record, i)),
            Source::Sample(_) => samples.push(i),
        }
    }
    // In path order: files of a folder are read together, as they lie on the disk.
    let mut files: Vec<(&Path, Vec<(usize, usize)>)> = by_file.into_iter().collect();
    files.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let finder = term.words.first().filter(|w| w.is_ascii()).and_then(|w| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([w])
            .ok()
    });
    let mut found: Vec<(usize, usize)> =
        parallel::chunks_on(parallel::READERS, &files, 16, |part| {
            let mut found = Vec::new();
            for (path, wanted) in part {
                let Ok(bytes) = read_bytes_as_listed(path, None) else {
                    continue;
                };
                if let Some(finder) = &finder
                    && bytes.is_ascii()
                    && !finder.is_match(&bytes)
                {
                    continue;
                }
                let format = Format::of(path).unwrap_or(Format::Plain);
                let Ok(records) = parse_bytes(&bytes, format) else {
                    continue;
                };
                for (record, parsed) in &records.articles {
                    if let Some(&(_, i)) = wanted.iter().find(|(r, _)| r == record) {
                        let count = hits_in(parsed, term);
                        if count > 0 {
                            found.push((i, count));
                        }
                    }
                }
            }
            found
        });
    for i in samples {
        if let Ok(parsed) = library.read(i) {
            let count = hits_in(&parsed, term);
            if count > 0 {
                found.push((i, count));
            }
        }
    }
    found.sort_unstable();
    found
}

/// How many times `term` appears in the article's body (counted up to a cap).
fn hits_in(parsed: &Parsed, term: &Words) -> usize {
    let text: Vec<String> = parsed.body.blocks.iter().map(|b| b.text()).collect();
    words::find(&text.join("\n"), term, 1000).len()
}

//! The scriptable face of byline: `byline list`, `byline show` and `byline check`, writing plain
//! text or JSON.
//!
//! These use the same library, filter and reflow code as the reader, so a query finds the same
//! articles in the same order in both.

use std::io::{self, Write};
use std::path::Path;

use crossterm::style::Stylize;
use serde::Serialize;

use crate::article::Inline;
use crate::article::date;
use crate::article::sanitize::display_path;
use crate::library::{Library, Lookup};
use crate::query::Query;
use crate::query::index::Index;
use crate::query::rank::{self, Matcher, Sort};
use crate::reading::links;
use crate::reading::reflow::{self, Header, Tone};
use crate::state::Snapshot;

/// One article as `byline list --json` prints it.
#[derive(Debug, Serialize)]
struct ListEntry<'a> {
    id: &'a str,
    title: &'a str,
    author: Option<&'a str>,
    date: Option<String>,
    path: String,
    words: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    read: bool,
    starred: bool,
}

/// Which articles `byline list` prints, besides the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    All,
    Unread,
    Starred,
}

/// Prints the articles matching `query` in the reader's order; returns how many there were.
pub fn list(
    library: &Library,
    query: &Query,
    sort: Sort,
    state: &Snapshot,
    only: Only,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let index = Index::build(&library.articles);
    let mut hits = rank::filter(&Matcher::default(), &index, query, sort, None);
    // The process ends after this: freeing 100,000 entries one by one would only add time.
    std::mem::forget(index);
    hits.retain(|h| {
        let id = &library.articles[h.index].id;
        match only {
            Only::All => true,
            Only::Unread => !state.read.contains(id),
            Only::Starred => state.starred.contains(id),
        }
    });
    let articles = hits.iter().map(|h| &library.articles[h.index]);
    if json {
        let entries: Vec<ListEntry> = articles
            .map(|a| ListEntry {
                id: &a.id,
                title: &a.title,
                author: a.author.as_deref(),
                date: a.date.map(date::iso),
                path: json_path(&a.path),
                words: a.words,
                url: a.url.as_deref(),
                source: a.publication.as_deref(),
                tags: &a.tags,
                read: state.read.contains(&a.id),
                starred: state.starred.contains(&a.id),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &entries)?;
        writeln!(out)?;
    } else {
        for a in articles {
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                a.id,
                a.date.map(date::iso).as_deref().unwrap_or("-"),
                a.author.as_deref().unwrap_or("-"),
                a.title
            )?;
        }
    }
    Ok(hits.len())
}

/// A path as `list --json` writes it: the real one (lossy where it is not UTF-8), with `/`
/// between folders on every platform. JSON escapes what needs escaping; `display_path` is for
/// a terminal, and its `\u{1b}` would read as a different file name here.
fn json_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    match std::path::MAIN_SEPARATOR {
        '/' => text.into_owned(),
        separator => text.replace(separator, "/"),
    }
}

/// Prints `path: reason` for each file that could not be used; returns how many there were.
pub fn check(library: &Library, out: &mut dyn Write) -> io::Result<usize> {
    for problem in &library.problems {
        writeln!(out, "{}: {}", display_path(&problem.path), problem.reason)?;
    }
    Ok(library.problems.len())
}

/// Why `byline show` could not show an article.
#[derive(Debug, thiserror::Error)]
pub enum ShowError {
    #[error("no article with id '{0}' (byline list shows the ids)")]
    NotFound(String),
    #[error("id '{0}' is the start of {1} articles' ids; give more of it")]
    Ambiguous(String, usize),
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: crate::library::ArticleError,
    },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Prints one article set to `width` columns; `styled` adds bold and italic for a terminal.
pub fn show(
    library: &Library,
    id: &str,
    setting: reflow::Setting,
    styled: bool,
    out: &mut dyn Write,
) -> Result<(), ShowError> {
    let index = library.find(id).map_err(|lookup| match lookup {
        Lookup::NotFound => ShowError::NotFound(id.to_string()),
        Lookup::Ambiguous(n) => ShowError::Ambiguous(id.to_string(), n),
    })?;
    let mut parsed = library.read(index).map_err(|source| ShowError::Read {
        path: display_path(&library.articles[index].path),
        source,
    })?;
    // Links are numbered as in the reader, and listed at the end.
    let body = std::mem::take(&mut parsed.body);
    let words = body.word_count();
    let (body, _) = links::number(body, parsed.url.as_deref());
    for line in reflow::article(&Header::new(&parsed, words), &body, setting) {
        for piece in &line.pieces {
            if styled {
                let text = piece.text.as_str();
                match piece.tone {
                    Tone::Title | Tone::Heading | Tone::Text(Inline::Strong) => {
                        write!(out, "{}", text.bold())?
                    }
                    Tone::Text(Inline::Emphasis) | Tone::Quote => write!(out, "{}", text.italic())?,
                    Tone::Text(Inline::Link) => write!(out, "{}", text.underlined())?,
                    Tone::Meta | Tone::Text(Inline::Reference) => write!(out, "{}", text.dim())?,
                    Tone::Text(Inline::Plain | Inline::Code) | Tone::Marker => {
                        write!(out, "{text}")?
                    }
                }
            } else {
                write!(out, "{}", piece.text)?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

//! The scriptable face of byline: `byline list` (written by [`listing`]), `byline show` and
//! `byline check`.
//!
//! These use the same library, filter and reflow code as the reader, so a query finds the same
//! articles in the same order in both.

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use crossterm::style::Stylize;

use crate::article::Inline;
use crate::article::Source;
use crate::article::sanitize;
use crate::article::sanitize::display_path;
use crate::library::{ArticleError, Library, Lookup, MAX_FILE_SIZE, decode, sample};
use crate::query::Query;
use crate::query::index::Index;
use crate::query::rank::{self, Matcher, Sort};
use crate::reading::links;
use crate::reading::reflow::{self, Header, Tone};
use crate::shell::listing;
use crate::shell::text::{self, TextFinder};
use crate::state::Snapshot;

/// Which articles `byline list` prints, besides the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    All,
    Unread,
    Starred,
}

/// Which articles `byline list` prints, and how many at most.
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    pub query: Query,
    pub sort: Sort,
    pub only: Only,
    pub limit: Option<usize>,
}

/// How many characters of the body a snippet shows.
const SNIPPET_WIDTH: usize = 120;

/// Prints the articles `select` picks, in the reader's order, as `output` says; returns how
/// many there were. `text:` terms are answered from the full-text index at `text_index` (and
/// the files it does not hold); JSON gains each printed article's snippet.
pub fn list(
    library: &Arc<Library>,
    text_index: Option<&Path>,
    select: &Select,
    state: &Snapshot,
    output: &listing::Output,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let index = Index::build(&library.articles);
    let texts = TextFinder::new(Arc::clone(library), text_index).resolve(&select.query);
    let hits = rank::filter_with(
        &Matcher::default(),
        &index,
        &select.query,
        select.sort,
        None,
        &texts,
    );
    // The process ends after this: freeing 100,000 entries one by one would only add time.
    std::mem::forget(index);
    let articles = hits
        .iter()
        .map(|h| (h.index, &library.articles[h.index]))
        .filter(|(_, a)| match select.only {
            Only::All => true,
            Only::Unread => !state.read.contains(&a.id),
            Only::Starred => state.starred.contains(&a.id),
        })
        .take(select.limit.unwrap_or(usize::MAX));
    let snippets = matches!(
        output.format,
        listing::Format::Json | listing::Format::Jsonl
    );
    let rows = articles.map(|(i, a)| {
        let snippet = snippets
            .then(|| text::snippet(library, i, &select.query, SNIPPET_WIDTH))
            .flatten()
            .map(|(line, _)| line);
        (a, snippet)
    });
    listing::write(rows, state, output, out)
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
    #[error("{0} holds {1} articles; give one's id (byline list -L {0} shows them)")]
    ManyArticles(String, usize),
    #[error("{path}: {reason}")]
    NotAnArticle { path: String, reason: String },
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: crate::library::ArticleError,
    },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The article `id` names: its index in `library`. A library of one file (`byline show PATH`)
/// holds the article asked for when the file holds exactly one.
pub fn find(library: &Library, id: &str) -> Result<usize, ShowError> {
    library.find(id).map_err(|lookup| match lookup {
        Lookup::NotFound => ShowError::NotFound(id.to_string()),
        Lookup::Ambiguous(n) => ShowError::Ambiguous(id.to_string(), n),
    })
}

/// The one article of a library opened on one file (`byline show PATH`).
pub fn only_article(library: &Library, path: &Path) -> Result<usize, ShowError> {
    match (library.articles.len(), library.problems.first()) {
        (1, _) => Ok(0),
        (0, Some(problem)) => Err(ShowError::NotAnArticle {
            path: display_path(path),
            reason: problem.reason.clone(),
        }),
        (0, None) => Err(ShowError::NotAnArticle {
            path: display_path(path),
            reason: "not an article byline reads (.txt, .md, .html, .json, .jsonl)".to_string(),
        }),
        (n, _) => Err(ShowError::ManyArticles(display_path(path), n)),
    }
}

/// Prints the text of the file the article at `index` comes from, as byline reads it before
/// any parsing or repair: decoded and cleaned of what could steer the terminal (the whole file,
/// for an article that is one record of several; the text compiled in, for a sample).
pub fn raw(library: &Library, index: usize, out: &mut dyn Write) -> Result<(), ShowError> {
    let article = &library.articles[index];
    let failed = |source: ArticleError| ShowError::Read {
        path: display_path(&article.path),
        source,
    };
    let text = match &article.source {
        Source::Sample(i) => sample::SAMPLES[*i].1.to_string(),
        Source::File(path) | Source::Record(path, _) => {
            let bytes = read_capped(path).map_err(failed)?;
            decode(&bytes).map_err(|e| failed(e.into()))?
        }
    };
    let text = sanitize::clean(&text);
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}

/// A regular file's bytes, if there are at most [`MAX_FILE_SIZE`], as the library reads them.
fn read_capped(path: &Path) -> Result<Vec<u8>, ArticleError> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(ArticleError::NotRegular);
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ArticleError::TooLarge(None));
    }
    Ok(bytes)
}

/// Prints the article at `index` set as `setting` says; `styled` adds bold and italic for a
/// terminal.
pub fn show(
    library: &Library,
    index: usize,
    setting: reflow::Setting,
    styled: bool,
    out: &mut dyn Write,
) -> Result<(), ShowError> {
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

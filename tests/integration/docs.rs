//! The docs' query examples, run: every `--query '…'` (or `-q '…'`) in README.md, docs/query.md
//! and docs/guide.md, every query in the guide's table of them and in query.md's table of the
//! syntax, finds at least one article of the built-in sample library (text terms through
//! `byline list`, which reads the samples' text; tag and source terms are left out, the samples
//! having none), so an example never shows a query that finds nothing.

use std::path::{Path, PathBuf};

use byline::library::Library;
use byline::query::Query;
use byline::query::index::Index;
use byline::query::rank::{self, Matcher, Sort};

/// The queries a document shows on the command line: what follows `--query '` or `-q '`, up
/// to the closing quote.
fn command_line_queries(text: &str) -> Vec<String> {
    let mut queries = Vec::new();
    for opening in ["--query '", "-q '"] {
        for (at, _) in text.match_indices(opening) {
            let rest = &text[at + opening.len()..];
            if let Some(end) = rest.find('\'') {
                queries.push(rest[..end].to_string());
            }
        }
    }
    queries
}

/// The queries in the first column of the guide's table of them (section 3), unescaped from
/// Markdown (`\|` is `|`).
fn guide_table_queries(guide: &str) -> Vec<String> {
    let section = guide
        .split("## 3.")
        .nth(1)
        .and_then(|s| s.split("## 4.").next())
        .expect("the guide's section 3");
    section
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|cell| cell.split("` |").next())
        .map(|query| query.replace("\\|", "|"))
        .collect()
}

/// The examples in the first column of docs/query.md's table of the syntax: each `…` in it,
/// unescaped from Markdown.
fn syntax_table_queries(query_md: &str) -> Vec<String> {
    let mut queries = Vec::new();
    for line in query_md.lines().filter(|l| l.starts_with("| `")) {
        // The first cell, up to its closing ` |` (an escaped `\|` is inside a query).
        let cell = line[2..].split("` |").next().unwrap_or("");
        for (i, part) in cell.split('`').enumerate() {
            if i % 2 == 1 && !part.trim().is_empty() {
                queries.push(part.replace("\\|", "|"));
            }
        }
    }
    queries
}

#[test]
fn every_query_example_in_the_docs_finds_a_sample_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |name: &str| std::fs::read_to_string(root.join(name)).expect(name);
    let guide = read("docs/guide.md");
    let mut examples: Vec<(&str, String)> = guide_table_queries(&guide)
        .into_iter()
        .map(|q| ("docs/guide.md", q))
        .collect();
    assert!(examples.len() >= 6, "the guide's table: {examples:?}");
    let syntax = syntax_table_queries(&read("docs/query.md"));
    assert!(syntax.len() >= 20, "query.md's table: {syntax:?}");
    examples.extend(syntax.into_iter().map(|q| ("docs/query.md", q)));
    for name in ["README.md", "docs/query.md", "docs/guide.md"] {
        let queries = command_line_queries(&read(name));
        assert!(
            !queries.is_empty(),
            "{name} shows a query on the command line"
        );
        examples.extend(queries.into_iter().map(|q| (name, q)));
    }

    let library = Library::sample(PathBuf::from("/nowhere"), Vec::new());
    let index = Index::build(&library.articles);
    let today = jiff::civil::date(2026, 11, 28);
    let mut wrong = Vec::new();
    for (name, example) in &examples {
        // Text terms are answered from the articles' files: `byline list` finds them.
        if example.contains("x:") || example.contains("text:") {
            let home = tempfile::tempdir().unwrap();
            let output = crate::byline(home.path(), &["list", "--query", example]);
            if !output.status.success() || output.stdout.is_empty() {
                wrong.push(format!(
                    "{name}: '{example}' finds no sample article's text"
                ));
            }
            continue;
        }
        // The samples have no tags or sources.
        if example.contains('#') || example.contains("s:") {
            continue;
        }
        match Query::parse(example, today) {
            Ok(query) => {
                let hits = rank::filter(&Matcher::default(), &index, &query, Sort::Newest, None);
                if hits.is_empty() {
                    wrong.push(format!("{name}: '{example}' finds nothing"));
                }
            }
            // A query shown to fail is shown with its message.
            Err(_) => {
                let text = read(name);
                if !text.contains(&format!("--query '{example}'\nbyline: invalid query")) {
                    wrong.push(format!("{name}: '{example}' does not parse"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

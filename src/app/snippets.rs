//! The line under each row of a `text:` query's results that says why it matched: the words
//! around the first place its text terms are, lit. The App asks the shell for the rows on
//! screen ([`Effect::Snippets`](super::Effect)), which reads their articles off the UI thread
//! and answers with [`Event::Snippets`](super::Event); answers for another query are dropped.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::query::{Query, Test};

/// A line of an article's text and the places in it (bytes) its text terms matched.
pub type Snippet = (String, Vec<Range<usize>>);

/// What the App asks the shell to read: the snippets of `articles` for `query`'s text terms
/// (named by `key`), `width` characters at most.
#[derive(Debug, Clone)]
pub struct Ask {
    pub key: String,
    pub query: Query,
    pub articles: Vec<usize>,
    pub width: usize,
}

impl PartialEq for Ask {
    /// The key names the query's text terms, all a snippet depends on.
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.articles == other.articles && self.width == other.width
    }
}

/// The snippets known for the query shown.
#[derive(Debug, Default)]
pub struct Snippets {
    /// The query's text terms the snippets are for; `None` when it has none.
    key: Option<String>,
    /// By article: its snippet, or `None` when its text was read and has none to show.
    found: HashMap<usize, Option<Snippet>>,
    /// Articles asked for and not answered yet.
    asked: HashSet<usize>,
}

/// What identifies a query's text terms (those not excluded): snippets of one are kept while
/// the others change (`x:harbour a:lee` → `x:harbour a:le`).
pub fn key_of(query: &Query) -> Option<String> {
    let terms: Vec<String> = query
        .atoms()
        .filter(|a| !a.negated)
        .filter_map(|a| match &a.test {
            Test::Words(w) => Some(format!("{w:?}")),
            _ => None,
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Snippets {
    /// Follows `query`: what was known for other text terms is forgotten. Whether rows show a
    /// snippet line (the query has a text term).
    pub fn follow(&mut self, query: &Query) -> bool {
        let key = key_of(query);
        if key != self.key {
            self.key = key;
            self.found.clear();
            self.asked.clear();
        }
        self.key.is_some()
    }

    /// The query's key, while it has text terms.
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// Those of `articles` with no snippet known or asked for, now counted as asked.
    pub fn missing(&mut self, articles: impl IntoIterator<Item = usize>) -> Vec<usize> {
        articles
            .into_iter()
            .filter(|i| !self.found.contains_key(i) && self.asked.insert(*i))
            .collect()
    }

    /// Keeps the snippets the shell read for `key`, if that is still the query's.
    pub fn receive(&mut self, key: &str, found: Vec<(usize, Option<Snippet>)>) {
        if self.key.as_deref() != Some(key) {
            return;
        }
        for (article, snippet) in found {
            self.asked.remove(&article);
            self.found.insert(article, snippet);
        }
    }

    /// The snippet of `article`: `None` while not known, `Some(None)` when it has none.
    pub fn get(&self, article: usize) -> Option<Option<&Snippet>> {
        self.found.get(&article).map(Option::as_ref)
    }

    /// Forgets every snippet (the library changed: article numbers mean other articles).
    pub fn clear(&mut self) {
        self.found.clear();
        self.asked.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(line: &str) -> Query {
        Query::parse(line, jiff::civil::date(2026, 12, 2)).unwrap()
    }

    #[test]
    fn snippets_are_asked_once_and_kept_for_the_same_text_terms() {
        let mut snippets = Snippets::default();
        assert!(!snippets.follow(&query("harbour")));
        assert!(snippets.follow(&query("x:harbour")));
        assert_eq!(snippets.missing([1, 2, 3]), [1, 2, 3]);
        assert_eq!(snippets.missing([2, 3, 4]), [4]);
        let key = snippets.key().unwrap().to_string();
        let lit = vec![Range { start: 4, end: 11 }];
        snippets.receive(
            &key,
            vec![(1, Some(("the harbour".into(), lit))), (2, None)],
        );
        assert_eq!(snippets.get(1).unwrap().unwrap().0, "the harbour");
        assert_eq!(snippets.get(2), Some(None));
        assert_eq!(snippets.get(3), None);
        // Other terms beside the text term keep what is known.
        assert!(snippets.follow(&query("x:harbour a:lee")));
        assert!(snippets.get(1).is_some());
        // Another text term forgets it, and drops a late answer for the old one.
        assert!(snippets.follow(&query("x:harbours")));
        snippets.receive(&key, vec![(3, None)]);
        assert_eq!(snippets.get(1), None);
        assert_eq!(snippets.get(3), None);
        assert_eq!(snippets.missing([1]), [1]);
        assert!(!snippets.follow(&query("!x:harbour")));
    }
}

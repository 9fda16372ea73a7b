//! Filtering and ranking: which articles a query matches, in which order, and which characters
//! to highlight.
//!
//! A query is whitespace-separated terms that must all match (AND). Each term matches fuzzily in
//! whichever field suits it best (title, author, or the date in any of its written forms), and
//! the article's score is the sum of its terms' best scores. The fuzzy matcher sits behind
//! [`Matcher`] so it can be measured and swapped in one place.

use std::cmp::Ordering;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::article::Article;
use crate::index::{Entry, Field, Index};

/// An article that matched, and how well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Position of the article in the library.
    pub index: usize,
    pub score: i64,
}

/// The fuzzy matcher: smart case (a term with a capital letter respects case).
pub struct Matcher {
    inner: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Self {
            inner: SkimMatcherV2::default().smart_case(),
        }
    }
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matcher")
    }
}

impl Matcher {
    /// The score of `term` in `text`, if it matches at all.
    pub fn score(&self, text: &str, term: &str) -> Option<i64> {
        self.inner.fuzzy_match(text, term)
    }

    /// The character positions in `text` that `term` matched.
    pub fn indices(&self, text: &str, term: &str) -> Option<Vec<usize>> {
        self.inner.fuzzy_indices(text, term).map(|(_, i)| i)
    }

    /// The score of `term` in one field of `entry`.
    ///
    /// Dates, and terms without a letter (`2014`, `2014-12`), match only where they appear
    /// whole: typed digits mean that number, so `2020` must not find `2026-02-09` fuzzily.
    fn field_score(&self, entry: &Entry, field: Field, term: &str) -> Option<i64> {
        let text = entry.field(field);
        let whole = field.is_date() || !term.chars().any(char::is_alphabetic);
        if whole && !contains_smart_case(text, term) {
            return None;
        }
        self.score(text, term)
    }

    /// The field `term` matches best in, and its score.
    fn best_field(&self, entry: &Entry, term: &str) -> Option<(Field, i64)> {
        Field::ALL
            .iter()
            .filter_map(|&f| Some((f, self.field_score(entry, f, term)?)))
            .fold(None, |best, (f, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((f, s)),
            })
    }

    /// The article's total score for all `terms`, or `None` if any term does not match.
    fn score_entry(&self, entry: &Entry, terms: &[&str]) -> Option<i64> {
        terms
            .iter()
            .map(|t| self.best_field(entry, t).map(|(_, s)| s))
            .sum()
    }
}

/// Whether `text` contains `term`, ignoring case unless `term` has a capital (smart case).
fn contains_smart_case(text: &str, term: &str) -> bool {
    if term.chars().any(char::is_uppercase) {
        return text.contains(term);
    }
    if text.is_ascii() && term.is_ascii() {
        let (text, term) = (text.as_bytes(), term.as_bytes());
        return term.is_empty()
            || text
                .windows(term.len())
                .any(|w| w.eq_ignore_ascii_case(term));
    }
    text.to_lowercase().contains(term)
}

/// The articles that match `query`, best first; with an empty query, every article newest first.
pub fn filter(matcher: &Matcher, index: &Index, articles: &[Article], query: &str) -> Vec<Hit> {
    let terms: Vec<&str> = query.split_whitespace().collect();
    let mut hits: Vec<Hit> = index
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            let score = matcher.score_entry(entry, &terms)?;
            Some(Hit { index: i, score })
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| newest_first(&articles[a.index], &articles[b.index]))
            .then(a.index.cmp(&b.index))
    });
    hits
}

/// Newest first; undated articles after dated ones; then by title.
fn newest_first(a: &Article, b: &Article) -> Ordering {
    match (a.date, b.date) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.title.cmp(&b.title))
}

/// Character positions to highlight in `field` of `entry`: those of every term of `query` whose
/// best match is in that field.
pub fn highlights(matcher: &Matcher, entry: &Entry, query: &str, field: Field) -> Vec<usize> {
    let mut positions: Vec<usize> = query
        .split_whitespace()
        .filter(|term| matches!(matcher.best_field(entry, term), Some((f, _)) if f == field))
        .filter_map(|term| matcher.indices(entry.field(field), term))
        .flatten()
        .collect();
    positions.sort_unstable();
    positions.dedup();
    positions
}

#[cfg(test)]
mod tests {
    use jiff::civil::{Date, date};

    use super::*;
    use crate::article::Source;

    fn article(title: &str, author: &str, date: Option<Date>) -> Article {
        Article {
            id: title.to_string(),
            title: title.to_string(),
            author: Some(author.to_string()),
            date,
            path: "x.txt".into(),
            url: None,
            publication: None,
            tags: Vec::new(),
            words: 0,
            source: Source::Sample(0),
        }
    }

    fn fixture() -> Vec<Article> {
        vec![
            article(
                "US, Japan, and South Korea sign intelligence sharing deal",
                "Ben McGrath",
                Some(date(2014, 12, 31)),
            ),
            article(
                "Tram line opens to the harbour",
                "Ada Quinn",
                Some(date(2021, 3, 4)),
            ),
            article(
                "Harbour dredging resumes",
                "Ben Okafor",
                Some(date(2019, 7, 9)),
            ),
            article("Undated notes", "Ada Quinn", None),
        ]
    }

    fn titles(query: &str) -> Vec<String> {
        let articles = fixture();
        let index = Index::build(&articles);
        filter(&Matcher::default(), &index, &articles, query)
            .into_iter()
            .map(|h| articles[h.index].title.clone())
            .collect()
    }

    #[test]
    fn empty_query_lists_newest_first_undated_last() {
        assert_eq!(
            titles(""),
            [
                "Tram line opens to the harbour",
                "Harbour dredging resumes",
                "US, Japan, and South Korea sign intelligence sharing deal",
                "Undated notes"
            ]
        );
    }

    #[test]
    fn matches_title_author_and_date_forms() {
        assert_eq!(titles("mcgrath")[0], titles("korea")[0]);
        assert_eq!(titles("dec 2014").len(), 1);
        assert!(titles("dec 2014")[0].starts_with("US, Japan"));
        assert!(titles("2014-12")[0].starts_with("US, Japan"));
        assert!(titles("31 december")[0].starts_with("US, Japan"));
    }

    #[test]
    fn numbers_match_whole_not_fuzzily() {
        // "2019" is in the 2019 date only; fuzzily it would also match 2014-12-31 (2, 0, 1...).
        assert_eq!(titles("2019"), ["Harbour dredging resumes"]);
        assert_eq!(titles("2021-03"), ["Tram line opens to the harbour"]);
        assert!(titles("2020").is_empty());
        // Month names in dates match whole too, and rank above fuzzy title matches
        // ("jul" is also j-u-l in "Japan, and South Korea sign intelligence").
        assert_eq!(titles("july"), ["Harbour dredging resumes"]);
        assert_eq!(titles("jul")[0], "Harbour dredging resumes");
    }

    #[test]
    fn all_terms_must_match() {
        assert_eq!(titles("harbour quinn"), ["Tram line opens to the harbour"]);
        assert!(titles("harbour zzz").is_empty());
    }

    #[test]
    fn smart_case() {
        assert_eq!(titles("tram").len(), 1);
        assert_eq!(titles("Tram").len(), 1);
        assert!(titles("TRAM").is_empty());
    }

    #[test]
    fn ties_rank_newest_first() {
        // "harbour" scores the same in both titles' last word and first word only if equal;
        // use the author term, which is identical in two articles.
        assert_eq!(
            titles("ada quinn"),
            ["Tram line opens to the harbour", "Undated notes"]
        );
    }

    #[test]
    fn highlights_only_the_field_a_term_matched_best() {
        let articles = fixture();
        let entry = Entry::new(&articles[0]);
        let m = Matcher::default();
        assert_eq!(
            highlights(&m, &entry, "mcgrath", Field::Author),
            (4..11).collect::<Vec<_>>()
        );
        assert!(highlights(&m, &entry, "mcgrath", Field::Title).is_empty());
        assert_eq!(
            highlights(&m, &entry, "2014-12", Field::DateIso),
            (0..7).collect::<Vec<_>>()
        );
    }
}

//! Matching and ranking: which articles a parsed [`Query`] matches, in which order, and which
//! characters to highlight.
//!
//! Every group of the query must match (AND); a group matches when any of its terms does (OR).
//! A text term matches in whichever field of its scope suits it best, scored by the model in
//! `score` (whole word, start of a word, inside a word, one typo, scattered: bands that never
//! overlap), with a small bonus for the title and, for a whole word, one for its share of the
//! field's words (a surname in a byline says more than a word in a long title); an article's
//! score is the sum over its groups of the best term's score, so a surname and a year add up.
//! Excluded terms and dates only decide, they do not score. Ties follow the list's [`Sort`].
//! The fuzzy matcher sits behind [`Matcher`] so it can be measured and swapped in one place.

use std::cmp::Ordering;
use std::collections::HashMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::parallel;
use crate::query::index::{Entry, Field, Index};
use crate::query::score::{self, FieldMatch};
use crate::query::{Atom, Query, Scope, Test, Text, Words};

/// An article that matched, and how well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Position of the article in the library.
    pub index: usize,
    pub score: i64,
}

/// The order of the list: all of it with no query, ties between equal matches with one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    Title,
    Author,
}

impl Sort {
    /// The next order, for the key that cycles them.
    pub fn next(self) -> Sort {
        match self {
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::Title,
            Sort::Title => Sort::Author,
            Sort::Author => Sort::Newest,
        }
    }

    /// The name the config and `--sort` use: `newest`, `oldest`, `title`, `author`.
    pub fn from_name(name: &str) -> Option<Sort> {
        match name {
            "newest" => Some(Sort::Newest),
            "oldest" => Some(Sort::Oldest),
            "title" => Some(Sort::Title),
            "author" => Some(Sort::Author),
            _ => None,
        }
    }

    /// How the status bar names it.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "newest first",
            Sort::Oldest => "oldest first",
            Sort::Title => "by title",
            Sort::Author => "by author",
        }
    }

    /// Compares two entries in this order. Undated articles come after dated ones and articles
    /// without an author after those with one, whichever way the list runs.
    pub fn compare(self, a: &Entry, b: &Entry) -> Ordering {
        let newest = || dated(a.date, b.date, |x, y| y.cmp(&x));
        match self {
            Sort::Newest => newest(),
            Sort::Oldest => dated(a.date, b.date, |x, y| x.cmp(&y)),
            Sort::Title => a.title_key.cmp(&b.title_key).then_with(newest),
            Sort::Author => match (a.author_key.is_empty(), b.author_key.is_empty()) {
                (false, true) => Ordering::Less,
                (true, false) => Ordering::Greater,
                _ => a.author_key.cmp(&b.author_key).then_with(newest),
            },
        }
        .then_with(|| a.title_key.cmp(&b.title_key))
    }
}

/// Dated before undated; two dates by `by`.
fn dated<T: Copy>(a: Option<T>, b: Option<T>, by: impl Fn(T, T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => by(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The fuzzy matcher. Case is settled before it runs (smart case: a term without a capital is
/// matched in lower case against lower-cased text, see [`Entry::text`]), so it respects case;
/// fuzzy-matcher's own smart case knows only ASCII capitals.
pub struct Matcher {
    inner: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Self {
            inner: SkimMatcherV2::default().respect_case(),
        }
    }
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matcher")
    }
}

impl Matcher {
    /// The fuzzy score of `pattern` in `text`, if it matches at all.
    pub fn score(&self, text: &str, pattern: &str) -> Option<i64> {
        self.inner.fuzzy_match(text, pattern)
    }

    /// The character positions in `text` that `pattern` matched fuzzily.
    pub fn indices(&self, text: &str, pattern: &str) -> Option<Vec<usize>> {
        self.inner.fuzzy_indices(text, pattern).map(|(_, i)| i)
    }

    /// How a text term matches in one field of `entry`, if it does (see [`score`]).
    fn text_match(&self, entry: &Entry, t: &Text, field: Field, typos: bool) -> Option<FieldMatch> {
        score::field_match(self, entry, t, field, typos)
    }

    /// The field of `scope` a text term matches best in, how, and its score there; a title
    /// match scores a twenty-fifth more than the same match elsewhere, a bonus smaller than the
    /// gap between kinds of match, so a whole surname still beats the start of a title word.
    /// A whole word gains its share of the field's words ([`SHARE`]).
    fn best_field(&self, entry: &Entry, t: &Text, scope: Scope) -> Option<(Field, FieldMatch)> {
        fields_for(scope, entry)
            .filter_map(|f| {
                let mut found = self.text_match(entry, t, f, true)?;
                let whole = found.score == score::WHOLE;
                if f == Field::Title {
                    found.score += found.score / 25 + TITLE_WORDS / (entry.title_words as i64 + 1);
                }
                if whole && !f.is_date() {
                    found.score += SHARE / words(entry, f).max(1) as i64;
                }
                Some((f, found))
            })
            .fold(None, |best, (f, m)| match best {
                Some((_, ref b)) if b.score >= m.score => best,
                _ => Some((f, m)),
            })
    }

    /// The score one term gives `entry`, or `None` if it does not match.
    fn atom_score(&self, entry: &Entry, atom: &Atom) -> Option<i64> {
        // An undated article has no date to test, for or against.
        if atom.scope == Scope::Date && entry.date.is_none() {
            return None;
        }
        let matched = match &atom.test {
            Test::Date(range) => {
                let date = entry.date?;
                return (range.contains(date) != atom.negated).then_some(0);
            }
            // An excluded term leaves out what it matches, never what it nearly matches.
            Test::Text(t) if atom.negated => {
                // An article without tags (or source) has none that matches: `!#sport` keeps it,
                // as fzf's `!` keeps whatever the plain term does not match.
                let found = fields_for(atom.scope, entry)
                    .any(|f| self.text_match(entry, t, f, false).is_some());
                return (!found).then_some(0);
            }
            Test::Text(t) => self.best_field(entry, t, atom.scope),
            // Answered from the full-text hits, which only `filter_with` knows.
            Test::Words(_) => return None,
        };
        matched.map(|(_, found)| found.score)
    }

    /// The article's score for the whole query, or `None` if it does not match.
    pub fn entry_score(&self, entry: &Entry, query: &Query) -> Option<i64> {
        query
            .groups
            .iter()
            .map(|group| {
                group
                    .atoms
                    .iter()
                    .filter_map(|atom| self.atom_score(entry, atom))
                    .max()
            })
            .sum()
    }
}

/// A title match gains this much divided by the title's words (plus one): a term found in a
/// short title is more likely to be the one meant, since a person remembers a word or two of
/// the title and a short title has fewer to remember. Small enough to settle only near-ties.
const TITLE_WORDS: i64 = 100;

/// A whole word gains this much divided by the words of its field: a surname is half of "Ada
/// Quinn" but one word in eight of a long title, and says that much more about the article. It
/// outweighs the title bonus against titles of four words or more; a title of two or three
/// words still comes before a byline. Dates are left out: their words are always few.
const SHARE: i64 = 300;

/// How many words `field` of `entry` has (letters and digits between other characters), as
/// [`Entry::title_words`] counts the title's.
fn words(entry: &Entry, field: Field) -> usize {
    match field {
        Field::Title => entry.title_words,
        _ => entry
            .field(field)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count(),
    }
}

/// The fields a term of `scope` looks in for `entry`: one per tag for a tag term, none for an
/// article without tags. A bare word ([`Scope::Any`]) looks in the title, author and date only.
fn fields_for(scope: Scope, entry: &Entry) -> impl Iterator<Item = Field> {
    let fixed: &'static [Field] = match scope {
        Scope::Any => &Field::ALL,
        Scope::Title => &[Field::Title],
        Scope::Author => &[Field::Author],
        Scope::Date => &Field::DATES,
        Scope::Source => &[Field::Source],
        Scope::Tag | Scope::Text => &[],
    };
    let tags = if scope == Scope::Tag {
        entry.tags.len()
    } else {
        0
    };
    fixed.iter().copied().chain((0..tags).map(Field::Tag))
}

/// The articles that match `query`, best first, ties in `sort` order; with an empty query,
/// every article in `sort` order.
///
/// `within`, when given, limits the search to those articles (the hits of a query this one
/// narrows, see [`Query::narrows`]).
pub fn filter(
    matcher: &Matcher,
    index: &Index,
    query: &Query,
    sort: Sort,
    within: Option<&[Hit]>,
) -> Vec<Hit> {
    filter_with(matcher, index, query, sort, within, &TextHits::default())
}

/// [`filter`], with the articles each `text:` term matched, found beforehand by the shell
/// (the full-text index, or the files read): a text term matches the articles in its set and
/// adds their relevance to the score.
pub fn filter_with(
    matcher: &Matcher,
    index: &Index,
    query: &Query,
    sort: Sort,
    within: Option<&[Hit]>,
    texts: &TextHits,
) -> Vec<Hit> {
    let score = |i: usize| {
        let score = matcher.entry_score_with(i, &index.entries[i], query, texts)?;
        Some(Hit { index: i, score })
    };
    let mut candidates: Vec<usize> = match within {
        Some(previous) => previous.iter().map(|h| h.index).collect(),
        None => texts
            .narrowest(query)
            .unwrap_or_else(|| (0..index.entries.len()).collect()),
    };
    // In library order, the entries are read front to back.
    candidates.sort_unstable();
    let mut hits: Vec<Hit> = parallel::chunks(&candidates, PARALLEL_FROM, |part| {
        part.iter().filter_map(|&i| score(i)).collect()
    });
    rank(index, &mut hits, sort);
    hits
}

/// From this many articles to search, matching is split across the cores.
const PARALLEL_FROM: usize = 20_000;

/// Orders hits best first, ties in `sort` order, then library order.
pub fn rank(index: &Index, hits: &mut [Hit], sort: Sort) {
    let entries = &index.entries;
    hits.sort_unstable_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| sort.compare(&entries[a.index], &entries[b.index]))
            .then(a.index.cmp(&b.index))
    });
}

/// A column of the list, for highlighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Title,
    Author,
    /// The date as the list shows it, `2014-12-31`.
    Date,
    /// The tags as [`Entry::tags_shown`] writes them: every non-empty tag as shown, joined by
    /// `", "` ([`TAG_SEPARATOR`](crate::query::index::TAG_SEPARATOR)), so `energy, sea`.
    /// Positions count characters of that line.
    Tags,
    /// The source as shown (the article's publication), positions counted in its characters.
    Source,
}

/// Character positions to highlight in `column` of `entry` (as shown): those of every text term
/// that matched, in the field it matched best (for a tag term, the one tag it matched best).
///
/// A term that matched the date as written out (`dec 2014`) lights the part of the shown date
/// it stands for (`2014-12`).
pub fn highlights(matcher: &Matcher, entry: &Entry, query: &Query, column: Column) -> Vec<usize> {
    let mut positions = Vec::new();
    for atom in query.atoms().filter(|a| !a.negated) {
        let t = match &atom.test {
            Test::Text(t) => t,
            // Body words are lit in the article, not in the list.
            Test::Words(_) => continue,
            // A date condition that holds lights the whole date.
            Test::Date(range) => {
                if column == Column::Date && entry.date.is_some_and(|d| range.contains(d)) {
                    positions.extend(0..entry.date_iso.chars().count());
                }
                continue;
            }
        };
        let Some((field, how)) = matcher.best_field(entry, t, atom.scope) else {
            continue;
        };
        let found = score::positions(matcher, entry, t, field, &how);
        match (column, field) {
            (Column::Title, Field::Title)
            | (Column::Author, Field::Author)
            | (Column::Source, Field::Source) => {
                let fold = entry
                    .folded(field)
                    .expect("title, author and source are folded");
                positions.extend(fold.original_positions(found));
            }
            (Column::Tags, Field::Tag(i)) => {
                let fold = entry
                    .folded(field)
                    .expect("a matched tag exists and is folded");
                let offset = entry.tag_offset(i);
                positions.extend(
                    fold.original_positions(found)
                        .into_iter()
                        .map(|p| p + offset),
                );
            }
            (Column::Date, Field::DateIso) => positions.extend(found),
            (Column::Date, Field::DateLong | Field::DateMonth) => {
                positions.extend(iso_positions(entry.field(field), &found));
            }
            _ => {}
        }
    }
    positions.sort_unstable();
    positions.dedup();
    positions
}

/// The characters of `2014-12-31` that stand for the parts of a written date
/// (`31 December 2014` or `Dec 2014`) at `found`.
fn iso_positions(written: &str, found: &[usize]) -> Vec<usize> {
    // Written dates are day? month year, separated by single spaces, all ASCII.
    let words: Vec<(usize, usize)> = written
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, start + w.len()))
        })
        .collect();
    // Which ISO range each word stands for, from the end: year, month, day.
    let iso = [0..4, 5..7, 8..10];
    let mut out = Vec::new();
    for (word, part) in words.iter().rev().zip(iso) {
        if found.iter().any(|&i| (word.0..word.1).contains(&i)) {
            out.extend(part);
        }
    }
    out
}

/// The articles each `text:` term of a query matched, and how relevant each is: what the shell
/// found (in the full-text index, or by reading the files) before ranking, so ranking stays pure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextHits {
    /// Per term, the articles it matched and their relevance, in library order.
    terms: HashMap<Words, Vec<(usize, i64)>>,
}

impl TextHits {
    /// Records the articles `term` matched, each with its relevance (see [`relevance`]); an
    /// empty set is an answer too: the term matched nothing.
    pub fn set(&mut self, term: &Words, mut found: Vec<(usize, i64)>) {
        found.sort_unstable();
        found.dedup_by_key(|(i, _)| *i);
        self.terms.insert(term.clone(), found);
    }

    /// Whether `term` has been looked for.
    pub fn knows(&self, term: &Words) -> bool {
        self.terms.contains_key(term)
    }

    /// The relevance of article `index` for `term`, if it matched.
    pub fn score(&self, term: &Words, index: usize) -> Option<i64> {
        let found = self.terms.get(term)?;
        let at = found.binary_search_by_key(&index, |(i, _)| *i).ok()?;
        Some(found[at].1)
    }

    /// The fewest candidates a query can have: the articles of its smallest positive text term
    /// that stands alone in its group (every hit must be among them); `None` when it has none.
    fn narrowest(&self, query: &Query) -> Option<Vec<usize>> {
        let smallest = query
            .groups
            .iter()
            .filter_map(|g| match &g.atoms[..] {
                [
                    Atom {
                        negated: false,
                        test: Test::Words(w),
                        ..
                    },
                ] => self.terms.get(w),
                _ => None,
            })
            .min_by_key(|found| found.len())?;
        Some(smallest.iter().map(|(i, _)| *i).collect())
    }
}

/// A text term's score from its BM25 rank (SQLite's `bm25()`, more negative is better): above
/// a scattered fuzzy match, at most a whole word's, so a body word adds up with title terms.
pub fn relevance(bm25: f64) -> i64 {
    score::FUZZY + ((-bm25) * 60.0).clamp(0.0, (score::WHOLE - score::FUZZY) as f64) as i64
}

impl Matcher {
    /// [`Matcher::entry_score`] for article `index`, its `text:` terms answered by `texts`.
    pub fn entry_score_with(
        &self,
        index: usize,
        entry: &Entry,
        query: &Query,
        texts: &TextHits,
    ) -> Option<i64> {
        query
            .groups
            .iter()
            .map(|group| {
                group
                    .atoms
                    .iter()
                    .filter_map(|atom| match &atom.test {
                        Test::Words(w) => {
                            let found = texts.score(w, index);
                            match (found, atom.negated) {
                                (Some(score), false) => Some(score),
                                (None, true) => Some(0),
                                _ => None,
                            }
                        }
                        _ => self.atom_score(entry, atom),
                    })
                    .max()
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::{Date, date};

    use super::*;
    use crate::article::{Article, test_article as article};

    const TODAY: Date = date(2026, 11, 28);

    fn fixture() -> Vec<Article> {
        vec![
            article(
                "US, Japan, and South Korea sign intelligence sharing deal",
                Some("Ben McGrath"),
                Some(date(2014, 12, 31)),
            ),
            article(
                "Tram line opens to the harbour",
                Some("Ada Quinn"),
                Some(date(2021, 3, 4)),
            ),
            article(
                "Harbour dredging resumes",
                Some("Ben Okafor"),
                Some(date(2019, 7, 9)),
            ),
            article("Undated notes", Some("Ada Quinn"), None),
            article(
                "Café society returns to the old town",
                Some("Zoë Müller"),
                Some(date(2016, 2, 29)),
            ),
            article("Leap day budget passes", None, Some(date(2016, 3, 1))),
            article(
                "Year-end review",
                Some("Ben McGrath"),
                Some(date(2015, 1, 1)),
            ),
            article(
                "Fresh off the press",
                Some("Ada Quinn"),
                Some(date(2026, 11, 20)),
            ),
        ]
    }

    fn titles_sorted(query: &str, sort: Sort) -> Vec<String> {
        let articles = fixture();
        let index = Index::build(&articles);
        let query = Query::parse(query, TODAY).unwrap();
        filter(&Matcher::default(), &index, &query, sort, None)
            .into_iter()
            .map(|h| articles[h.index].title.clone())
            .collect()
    }

    fn titles(query: &str) -> Vec<String> {
        titles_sorted(query, Sort::Newest)
    }

    fn count(query: &str) -> usize {
        titles(query).len()
    }

    #[test]
    fn empty_query_lists_in_sort_order_undated_last() {
        let newest = titles("");
        assert_eq!(newest[0], "Fresh off the press");
        assert_eq!(newest[1], "Tram line opens to the harbour");
        assert_eq!(newest.last().unwrap(), "Undated notes");
        let oldest = titles_sorted("", Sort::Oldest);
        assert!(oldest[0].starts_with("US, Japan"));
        assert_eq!(oldest.last().unwrap(), "Undated notes");
        let by_title = titles_sorted("", Sort::Title);
        assert_eq!(by_title[0], "Café society returns to the old town");
        assert_eq!(by_title.last().unwrap(), "Year-end review");
        let by_author = titles_sorted("", Sort::Author);
        // Ada Quinn's three, newest first; the authorless one last.
        assert_eq!(by_author[0], "Fresh off the press");
        assert_eq!(by_author[2], "Undated notes");
        assert_eq!(by_author.last().unwrap(), "Leap day budget passes");
    }

    #[test]
    fn matches_title_author_and_date_forms() {
        assert!(titles("korea")[0].starts_with("US, Japan"));
        assert_eq!(count("mcgrath"), 2);
        assert_eq!(titles("dec 2014").len(), 1);
        assert!(titles("2014-12")[0].starts_with("US, Japan"));
        assert!(titles("31 december")[0].starts_with("US, Japan"));
    }

    #[test]
    fn numbers_match_whole_not_fuzzily() {
        assert_eq!(titles("2019"), ["Harbour dredging resumes"]);
        assert_eq!(titles("2021-03"), ["Tram line opens to the harbour"]);
        assert!(titles("2020").is_empty());
        assert_eq!(titles("july"), ["Harbour dredging resumes"]);
        assert_eq!(titles("jul")[0], "Harbour dredging resumes");
    }

    #[test]
    fn atoms_match_as_in_fzf() {
        assert_eq!(count("hrbr"), 2, "fuzzy");
        assert_eq!(count("'hrbr"), 0, "exact");
        assert_eq!(count("'harbour"), 2);
        assert_eq!(titles("^harbour"), ["Harbour dredging resumes"]);
        assert_eq!(titles("harbour$"), ["Tram line opens to the harbour"]);
        assert_eq!(titles("^year-end review$"), ["Year-end review"]);
        assert_eq!(count("^year-end$"), 0);
        assert_eq!(count("!harbour"), 6);
        assert_eq!(count("!^harbour"), 7);
        assert_eq!(count("!harbour$"), 7);
        assert_eq!(count("!'harbour"), 6);
    }

    #[test]
    fn or_binds_tighter_than_and() {
        assert_eq!(count("korea | dredging"), 2);
        assert_eq!(
            titles("korea | dredging mcgrath"),
            ["US, Japan, and South Korea sign intelligence sharing deal"]
        );
        assert_eq!(count("zzz | yyy"), 0);
    }

    #[test]
    fn scopes_limit_the_field() {
        assert_eq!(count("a:quinn"), 3);
        assert_eq!(count("t:quinn"), 0);
        assert_eq!(count("a:mcgrath t:korea"), 1);
        assert_eq!(count("t:2014"), 0, "the date is not in the title");
        assert_eq!(count("d:dec"), 1, "written dates match in date scope");
        assert_eq!(count("d:DEC"), 1, "whatever the case");
        assert_eq!(count("Dec 2014"), 1);
        assert_eq!(count("!a:quinn"), 5, "the authorless article has no Quinn");
    }

    #[test]
    fn accents_fold_and_smart_case() {
        assert_eq!(titles("cafe"), ["Café society returns to the old town"]);
        assert_eq!(titles("café"), titles("cafe"));
        assert_eq!(count("muller"), 1);
        assert_eq!(count("a:zoe"), 1);
        assert_eq!(
            count("ＣＡＦＥ"),
            0,
            "full-width capitals fold to CAFE, which respects case"
        );
        assert_eq!(count("Ｃａｆｅ"), 1);
        assert_eq!(count("tram"), 1);
        assert_eq!(count("Tram"), 1);
        assert_eq!(count("TRAM"), 0);
        assert_eq!(
            count("'Harbour"),
            1,
            "a capital respects case in exact terms"
        );
    }

    #[test]
    fn smart_case_works_in_every_script() {
        let articles = vec![
            article(
                "Москва готовится к зиме",
                Some("Ольга Петрова"),
                Some(date(2020, 1, 1)),
            ),
            article("Ελληνικά νέα", None, None),
        ];
        let index = Index::build(&articles);
        let count = |line: &str| {
            let query = Query::parse(line, TODAY).unwrap();
            filter(&Matcher::default(), &index, &query, Sort::Newest, None).len()
        };
        assert_eq!(count("москва"), 1, "fuzzy, lower case");
        assert_eq!(count("'моск"), 1);
        assert_eq!(count("^москва"), 1);
        assert_eq!(count("Москва"), 1);
        assert_eq!(count("МОСКВА"), 0);
        assert_eq!(count("ольга"), 1);
        assert_eq!(count("ελληνικα"), 1, "accents fold in Greek too");
    }

    #[test]
    fn undated_articles_never_match_date_terms() {
        assert!(!titles("!d:dec").contains(&"Undated notes".to_string()));
        assert!(!titles("!d:^2014").contains(&"Undated notes".to_string()));
        assert!(titles("!dec").contains(&"Undated notes".to_string()));
    }

    #[test]
    fn date_conditions_and_boundaries() {
        assert_eq!(count("d:2014"), 1);
        assert_eq!(
            count("d:2014-12-31"),
            1,
            "the last day of the year is in it"
        );
        assert_eq!(count("d:2015-01-01"), 1);
        assert_eq!(count("d:2014..2015"), 2, "both ends inclusive");
        assert_eq!(count("d:>2014"), 6, "after 2014; undated never match");
        assert_eq!(count("d:>=2014-12-31"), 7);
        assert_eq!(count("d:<2015"), 1);
        assert_eq!(count("d:<=2015-01"), 2);
        assert_eq!(
            titles("d:2016-02"),
            ["Café society returns to the old town"]
        );
        assert_eq!(
            titles("d:2016-02-29"),
            ["Café society returns to the old town"]
        );
        assert_eq!(count("d:2016-03-01"), 1);
        assert_eq!(count("d:2016-02..2016-03"), 2);
        assert_eq!(titles("d:<30d"), ["Fresh off the press"]);
        assert_eq!(count("d:>1y"), 6);
        assert_eq!(
            count("!d:2014"),
            6,
            "excluding a date keeps dated articles only"
        );
        assert_eq!(count("d:2014 | undated"), 2);
    }

    #[test]
    fn title_matches_rank_above_author_matches() {
        let articles = vec![
            article(
                "Notes from Quinn",
                Some("Ben Okafor"),
                Some(date(2010, 1, 1)),
            ),
            article("Other notes", Some("Ada Quinn"), Some(date(2020, 1, 1))),
        ];
        let index = Index::build(&articles);
        let query = Query::parse("quinn", TODAY).unwrap();
        let hits = filter(&Matcher::default(), &index, &query, Sort::Newest, None);
        assert_eq!(hits[0].index, 0, "the older article has it in the title");
    }

    /// The order of the titles `line` finds in `articles`.
    fn order(articles: &[Article], line: &str) -> Vec<String> {
        let index = Index::build(articles);
        let query = Query::parse(line, TODAY).unwrap();
        filter(&Matcher::default(), &index, &query, Sort::Newest, None)
            .into_iter()
            .map(|h| articles[h.index].title.clone())
            .collect()
    }

    #[test]
    fn a_surname_outranks_the_same_word_in_a_long_title() {
        // known_item, seed 1: `saito 2011` put Sean Orkel's article about a Saito above Bianca
        // Saito's own (the title bonus); fzf ranked hers first.
        let articles = vec![
            article(
                "Saito: urban film contract resumed for second year",
                Some("Sean Orkel"),
                Some(date(2011, 12, 1)),
            ),
            article(
                "Renal won child care",
                Some("Bianca Saito"),
                Some(date(2011, 8, 30)),
            ),
            article("Saito wins", Some("Ada Quinn"), Some(date(2011, 1, 1))),
        ];
        // The surname is half the byline, one word in eight of the long title; a two-word
        // title has it as large a share, and the title bonus puts that first.
        assert_eq!(
            order(&articles, "saito 2011"),
            [
                "Saito wins",
                "Renal won child care",
                "Saito: urban film contract resumed for second year"
            ]
        );
        // Only whole words gain their share: the start of a surname stays below the title.
        assert_eq!(order(&articles, "sait 2011")[2], "Renal won child care");
    }

    #[test]
    fn a_whole_surname_beats_letters_at_the_start_of_a_title() {
        // byline list -q guvenar put "Grand union…" first: G-u at its start, v-e-n-a-r scattered.
        let articles = vec![
            article(
                "Grand union vote as everyone now agrees on reform",
                Some("Kim Lee"),
                Some(date(2024, 1, 1)),
            ),
            article(
                "Budget china summit",
                Some("Marne Guvenar"),
                Some(date(2010, 1, 1)),
            ),
            article("Gu ya venarto summit", None, Some(date(2024, 1, 1))),
            article("Budget Guvenar report", None, Some(date(2001, 1, 1))),
        ];
        let found = order(&articles, "guvenar");
        assert_eq!(found[..2], ["Budget Guvenar report", "Budget china summit"]);
        assert_eq!(found.len(), 4);
    }

    #[test]
    fn surname_and_year_add_up_across_fields() {
        let articles = vec![
            article(
                "Mister Kool returns",
                Some("Ada Quinn"),
                Some(date(2025, 6, 1)),
            ),
            article(
                "Harbour report",
                Some("Ben Misteko"),
                Some(date(2025, 3, 1)),
            ),
            article(
                "Harbour report",
                Some("Ben Misteko"),
                Some(date(2019, 3, 1)),
            ),
        ];
        // The whole surname and the year beat the newer scattered letters; 2019 is not 2025.
        assert_eq!(
            order(&articles, "misteko 2025"),
            ["Harbour report", "Mister Kool returns"]
        );
    }

    #[test]
    fn typos_are_found_and_rank_after_letters_together() {
        let articles = vec![
            article("Harbour dredging resumes", None, Some(date(2019, 1, 1))),
            article("Hraobur", None, Some(date(2020, 1, 1))),
            article("Hrabour strike", None, Some(date(2018, 1, 1))),
            article("Quiet week", Some("Hal Arbour"), Some(date(2026, 1, 1))),
        ];
        // The exact word first, then the swapped letters, then the letters scattered over
        // "Hal Arbour".
        assert_eq!(
            order(&articles, "harbour"),
            ["Harbour dredging resumes", "Hrabour strike", "Quiet week"]
        );
        assert_eq!(order(&articles, "habrour"), ["Harbour dredging resumes"]);
        // Three letters never forgive: `hra` is not `har`.
        assert_eq!(order(&articles, "'hra").len(), 2);
        assert!(order(&articles, "!harbour").contains(&"Hrabour strike".to_string()));
    }

    #[test]
    fn a_word_one_edit_away_ranks_above_scattered_letters() {
        let articles = vec![
            article(
                "Sign rent controls deal",
                Some("Ada Quinn"),
                Some(date(2024, 1, 1)),
            ),
            article(
                "Officials signed after agency",
                Some("Ben Okafor"),
                Some(date(2003, 1, 1)),
            ),
            article("Unions resumed talks", None, Some(date(2024, 1, 1))),
            article("Pilots resume talks", None, Some(date(2003, 1, 1))),
        ];
        // `signred` is one key from "signed"; its letters strewn over the newer title say less.
        assert_eq!(
            order(&articles, "signred"),
            ["Officials signed after agency", "Sign rent controls deal"]
        );
        // Nor does the title bonus, even of a one-word title, lift scattered letters over a
        // word one edit away in the author.
        let bonus = vec![
            article("Signxxred", Some("Ben Okafor"), Some(date(2024, 1, 1))),
            article("Notes", Some("Ada Signed"), Some(date(2003, 1, 1))),
        ];
        assert_eq!(order(&bonus, "signred"), ["Notes", "Signxxred"]);
        // The start of the shorter word, whatever the date.
        assert_eq!(
            order(&articles, "resum"),
            ["Pilots resume talks", "Unions resumed talks"]
        );
    }

    #[test]
    fn written_dates_forgive_missing_letters() {
        for line in ["dcmbr", "decmber 2014", "dec 2014", "decemebr"] {
            assert!(titles(line)[0].starts_with("US, Japan"), "{line}");
        }
        assert!(titles("d:apil").is_empty(), "no April in the fixture");
        assert_eq!(titles("d:jly"), ["Harbour dredging resumes"]);
        assert_eq!(titles("d:jly 2019"), ["Harbour dredging resumes"]);
    }

    #[test]
    fn voiced_kana_are_other_letters() {
        let articles = vec![
            article("がっこう", None, None),
            article("かっこう", None, None),
        ];
        assert_eq!(order(&articles, "か"), ["かっこう"]);
        assert_eq!(order(&articles, "が"), ["がっこう"]);
    }

    #[test]
    fn ties_follow_the_sort() {
        assert_eq!(
            titles("ada quinn"),
            [
                "Fresh off the press",
                "Tram line opens to the harbour",
                "Undated notes"
            ]
        );
        assert_eq!(
            titles_sorted("ada quinn", Sort::Oldest),
            [
                "Tram line opens to the harbour",
                "Fresh off the press",
                "Undated notes"
            ]
        );
    }

    #[test]
    fn a_large_search_split_across_cores_finds_what_one_core_finds() {
        let articles: Vec<Article> = (0..PARALLEL_FROM + 5_000)
            .map(|i| {
                article(
                    &format!("Report {i} on the harbour"),
                    Some(["Ada Quinn", "Ben Okafor"][i % 2]),
                    date(2000 + (i % 20) as i16, 1, 1)
                        .checked_add(jiff::Span::new().days((i % 300) as i64))
                        .ok(),
                )
            })
            .collect();
        let index = Index::build(&articles);
        let m = Matcher::default();
        let query = Query::parse("rep 1 a:quinn", TODAY).unwrap();
        let mut expected: Vec<Hit> = index
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                Some(Hit {
                    index: i,
                    score: m.entry_score(e, &query)?,
                })
            })
            .collect();
        rank(&index, &mut expected, Sort::Newest);
        assert!(expected.len() > 1_000);
        assert_eq!(filter(&m, &index, &query, Sort::Newest, None), expected);
    }

    #[test]
    fn narrowing_finds_what_a_full_search_finds() {
        let articles = fixture();
        let index = Index::build(&articles);
        let m = Matcher::default();
        let mut previous = Query::default();
        let mut hits = filter(&m, &index, &previous, Sort::Newest, None);
        for line in ["h", "ha", "har", "harb", "harbo", "harbo d", "harbo dr"] {
            let query = Query::parse(line, TODAY).unwrap();
            // The fourth letter turns typo tolerance on, which can widen: a full search.
            let narrows = query.narrows(&previous);
            assert_eq!(narrows, line != "harb", "{line}");
            hits = filter(
                &m,
                &index,
                &query,
                Sort::Newest,
                narrows.then_some(&hits[..]),
            );
            assert_eq!(
                hits,
                filter(&m, &index, &query, Sort::Newest, None),
                "{line}"
            );
            previous = query;
        }
    }

    /// An article with tags and a source, for the tag and source scopes.
    fn tagged(title: &str, tags: &[&str], source: Option<&str>) -> Article {
        Article {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            publication: source.map(str::to_string),
            ..article(title, Some("Ada Quinn"), Some(date(2024, 5, 1)))
        }
    }

    /// The titles `line` finds, in title order (the tagged articles tie on everything else).
    fn found(articles: &[Article], line: &str) -> Vec<String> {
        let mut titles = order(articles, line);
        titles.sort();
        titles
    }

    fn tagged_fixture() -> Vec<Article> {
        vec![
            tagged("Tidal trial", &["energy", "sea"], Some("The Ledger")),
            tagged(
                "Wind farm",
                &["Énergie", "wind power"],
                Some("Coastal Courier"),
            ),
            tagged("Cup final", &["sport"], Some("The Ledger")),
            tagged("Energy prices", &[], None),
            tagged("Green notes", &["", "greenery"], Some("")),
        ]
    }

    #[test]
    fn tag_terms_match_each_tag_and_nothing_else() {
        let a = tagged_fixture();
        assert_eq!(found(&a, "#energy"), ["Tidal trial", "Wind farm"]);
        assert_eq!(found(&a, "tag:energy"), found(&a, "#energy"));
        assert_eq!(found(&a, "TAG:energy"), found(&a, "#energy"));
        // A bare word searches title, author and date only, as before tags were searchable.
        assert_eq!(found(&a, "energy"), ["Energy prices"]);
        assert!(found(&a, "sport").is_empty(), "the tag is not in the title");
        assert!(found(&a, "t:sport").is_empty());
        // `^` and `$` are the start and end of one tag, whichever tag it is.
        assert_eq!(found(&a, "#^sea"), ["Tidal trial"]);
        assert_eq!(found(&a, "#^ener"), ["Tidal trial", "Wind farm"]);
        assert_eq!(found(&a, "#power$"), ["Wind farm"]);
        assert_eq!(found(&a, "#^energy$"), ["Tidal trial"]);
        assert!(found(&a, "#^energie$").len() == 1, "folded, whole");
        assert_eq!(
            found(&a, "#'Ener"),
            ["Wind farm"],
            "a capital respects case"
        );
        // A fuzzy term never picks its letters from two tags (`energy, sea`).
        assert!(found(&a, "#energysea").is_empty());
        assert!(found(&a, "#'y, s").is_empty());
        // A typo in a long tag is forgiven, as in any field.
        assert_eq!(found(&a, "#sprot"), ["Cup final"]);
        // An empty tag is no tag.
        assert_eq!(found(&a, "#green"), ["Green notes"]);
        assert_eq!(Entry::new(&a[4]).tags.len(), 1);
        // Groups and other fields combine as everywhere.
        assert_eq!(found(&a, "#sport | #sea"), ["Cup final", "Tidal trial"]);
        assert_eq!(found(&a, "#energy t:wind"), ["Wind farm"]);
    }

    #[test]
    fn excluded_tags_keep_articles_without_tags() {
        let a = tagged_fixture();
        // fzf's `!`: whatever the plain term does not match, a tagless article included.
        assert_eq!(
            found(&a, "!#sport"),
            ["Energy prices", "Green notes", "Tidal trial", "Wind farm"]
        );
        assert_eq!(
            found(&a, "!#^ener"),
            ["Cup final", "Energy prices", "Green notes"]
        );
        // A tagless article never matches a tag term.
        assert!(!found(&a, "#e").contains(&"Energy prices".to_string()));
        assert!(!found(&a, "#'e").contains(&"Energy prices".to_string()));
    }

    #[test]
    fn source_terms_match_the_publication() {
        let a = tagged_fixture();
        assert_eq!(found(&a, "s:ledger"), ["Cup final", "Tidal trial"]);
        assert_eq!(found(&a, "source:ledger"), found(&a, "s:ledger"));
        assert_eq!(found(&a, "S:^coastal"), ["Wind farm"]);
        assert_eq!(found(&a, r"s:^the\ ledger$"), ["Cup final", "Tidal trial"]);
        assert_eq!(found(&a, "s:ledger #sport"), ["Cup final"]);
        // Without a source nothing matches it, and excluding one keeps the article.
        assert!(found(&a, "s:e").iter().all(|t| t != "Energy prices"));
        assert_eq!(
            found(&a, "!s:ledger"),
            ["Energy prices", "Green notes", "Wind farm"]
        );
        // A bare word does not look at the source.
        assert!(found(&a, "ledger").is_empty());
    }

    fn lit_tagged(query: &str, article: usize, column: Column) -> Vec<usize> {
        let entry = Entry::new(&tagged_fixture()[article]);
        let query = Query::parse(query, TODAY).unwrap();
        highlights(&Matcher::default(), &entry, &query, column)
    }

    #[test]
    fn tag_and_source_highlights_count_in_the_shown_line() {
        let entry = Entry::new(&tagged_fixture()[1]);
        assert_eq!(entry.tags_shown(), "Énergie, wind power");
        // The second tag starts after "Énergie, ".
        assert_eq!(
            lit_tagged("#power", 1, Column::Tags),
            (14..19).collect::<Vec<_>>()
        );
        // Folded matches light the accented letter as shown.
        assert_eq!(lit_tagged("#^ener", 1, Column::Tags), vec![0, 1, 2, 3]);
        assert_eq!(lit_tagged("#sea", 0, Column::Tags), vec![8, 9, 10]);
        assert_eq!(
            lit_tagged("s:courier", 1, Column::Source),
            (8..15).collect::<Vec<_>>()
        );
        // Empty tags are not shown, so they take no room.
        assert_eq!(Entry::new(&tagged_fixture()[4]).tags_shown(), "greenery");
        assert_eq!(lit_tagged("#^gre", 4, Column::Tags), vec![0, 1, 2]);
        // A term lights only the column of its own field.
        assert!(lit_tagged("#power", 1, Column::Title).is_empty());
        assert!(lit_tagged("#power", 1, Column::Source).is_empty());
        assert!(
            lit_tagged("wind", 1, Column::Tags).is_empty(),
            "a bare word"
        );
        assert!(lit_tagged("s:courier", 1, Column::Tags).is_empty());
        assert!(lit_tagged("!#sport", 1, Column::Tags).is_empty());
    }

    mod properties {
        use std::collections::BTreeSet;

        use proptest::prelude::*;

        use super::*;

        const WORDS: &[&str] = &[
            "harbour",
            "Harbour",
            "tram",
            "café",
            "Cafe",
            "reef",
            "ÉTÉ",
            "line",
            "the",
            "2014",
            "Москва",
            "москва",
        ];
        const AUTHORS: &[&str] = &["Ada Quinn", "Zoë Müller", "Ben McGrath", ""];

        fn library() -> impl Strategy<Value = Vec<Article>> {
            let one = (
                prop::collection::vec(prop::sample::select(WORDS), 1..5),
                prop::sample::select(AUTHORS),
                prop::option::of((2012i16..2017, 1i8..13, 1i8..29)),
                prop::collection::vec(prop::sample::select(WORDS), 0..3),
                prop::option::of(prop::sample::select(AUTHORS)),
            )
                .prop_map(|(words, author, day, tags, source)| Article {
                    tags: tags.iter().map(|t| t.to_string()).collect(),
                    publication: source.map(str::to_string),
                    ..article(
                        &words.join(" "),
                        (!author.is_empty()).then_some(author),
                        day.map(|(y, m, d)| date(y, m, d)),
                    )
                });
            prop::collection::vec(one, 0..30)
        }

        /// A term of the query language, built from the same words.
        fn term() -> impl Strategy<Value = String> {
            let word = prop::sample::select(
                [
                    "harb", "tram", "cafe", "Cafe", "ete", "quinn", "muller", "mc", "the", "2014",
                    "моск", "Моск", "dec",
                ]
                .as_slice(),
            );
            let scope = prop::sample::select(["", "t:", "a:", "d:", "#", "tag:", "s:"].as_slice());
            let kind = prop::sample::select(["", "'", "^", "!", "!^"].as_slice());
            let end = prop::sample::select(["", "$"].as_slice());
            let date = prop::sample::select(
                [
                    "d:2014",
                    "d:>2013-06",
                    "d:..2015-02",
                    "d:2014..2016",
                    "d:<=2016-02-29",
                    "!d:2015",
                ]
                .as_slice(),
            );
            prop_oneof![
                3 => (scope, kind, word, end).prop_map(|(s, k, w, e)| format!("{s}{k}{w}{e}")),
                1 => date.prop_map(str::to_string),
            ]
        }

        fn hits(articles: &[Article], line: &str) -> BTreeSet<usize> {
            let index = Index::build(articles);
            let query = Query::parse(line, TODAY).expect("generated queries are valid");
            filter(&Matcher::default(), &index, &query, Sort::Newest, None)
                .into_iter()
                .map(|h| h.index)
                .collect()
        }

        proptest! {
            #[test]
            fn any_query_matches_and_highlights_without_panicking(
                articles in library(),
                line in "\\PC{0,24}",
            ) {
                // Lines that parse: matching and highlighting take anything they are given
                // (a lone accent once reached `windows(0)` here).
                if let Ok(query) = Query::parse(&line, TODAY) {
                    let index = Index::build(&articles);
                    let m = Matcher::default();
                    for hit in filter(&m, &index, &query, Sort::Title, None) {
                        for column in [
                            Column::Title,
                            Column::Author,
                            Column::Date,
                            Column::Tags,
                            Column::Source,
                        ] {
                            highlights(&m, &index.entries[hit.index], &query, column);
                        }
                    }
                }
            }

            #[test]
            fn an_and_term_never_adds_hits(
                articles in library(),
                terms in prop::collection::vec(term(), 0..3),
                more in term(),
            ) {
                let line = terms.join(" ");
                let before = hits(&articles, &line);
                let after = hits(&articles, &format!("{line} {more}"));
                prop_assert!(after.is_subset(&before), "{line:?} + {more:?}");
            }

            #[test]
            fn a_negated_term_and_its_plain_form_split_the_library(
                articles in library(),
                scope in prop::sample::select(["", "t:", "a:", "#", "s:"].as_slice()),
                kind in prop::sample::select(["'", "^"].as_slice()),
                word in prop::sample::select(["harb", "tram", "cafe", "Cafe", "quinn", "the", "2014"].as_slice()),
                end in prop::sample::select(["", "$"].as_slice()),
            ) {
                let plain = hits(&articles, &format!("{scope}{kind}{word}{end}"));
                // `!word` is `!'word`; `!^word` keeps its `^`.
                let kind = if kind == "'" { "" } else { kind };
                let negated = hits(&articles, &format!("{scope}!{kind}{word}{end}"));
                prop_assert!(plain.is_disjoint(&negated));
                prop_assert_eq!(plain.len() + negated.len(), articles.len());
            }

            #[test]
            fn narrowing_never_loses_a_hit(
                articles in library(),
                terms in prop::collection::vec(term(), 1..4),
                cut in 0usize..40,
            ) {
                // Any prefix of a line, then the whole line: when the longer narrows the shorter,
                // searching the shorter's hits finds exactly what a full search finds.
                let line = terms.join(" ");
                let cut = line.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(line.len());
                let (Ok(old), Ok(new)) = (Query::parse(&line[..cut], TODAY), Query::parse(&line, TODAY)) else {
                    return Ok(());
                };
                let index = Index::build(&articles);
                let m = Matcher::default();
                let previous = filter(&m, &index, &old, Sort::Newest, None);
                let full = filter(&m, &index, &new, Sort::Newest, None);
                if new.narrows(&old) {
                    prop_assert_eq!(filter(&m, &index, &new, Sort::Newest, Some(&previous)), full);
                }
            }
        }
    }

    fn lit(query: &str, article: usize, column: Column) -> Vec<usize> {
        let articles = fixture();
        let entry = Entry::new(&articles[article]);
        let query = Query::parse(query, TODAY).unwrap();
        highlights(&Matcher::default(), &entry, &query, column)
    }

    #[test]
    fn highlights_land_where_each_term_matched() {
        assert_eq!(
            lit("mcgrath", 0, Column::Author),
            (4..11).collect::<Vec<_>>()
        );
        assert!(lit("mcgrath", 0, Column::Title).is_empty());
        assert_eq!(lit("2014-12", 0, Column::Date), (0..7).collect::<Vec<_>>());
        // "dec" matched "Dec 2014": the month of 2014-12-31 lights up.
        assert_eq!(lit("dec", 0, Column::Date), vec![5, 6]);
        assert_eq!(lit("31 dec", 0, Column::Date), vec![5, 6, 8, 9]);
        // Exact, prefix and suffix terms light their characters, in every column.
        assert_eq!(
            lit("'korea ben", 0, Column::Title),
            (21..26).collect::<Vec<_>>()
        );
        assert_eq!(lit("'korea ben", 0, Column::Author), vec![0, 1, 2]);
        assert_eq!(
            lit("harbour$", 1, Column::Title),
            (23..30).collect::<Vec<_>>()
        );
        // Folded matches light the accented characters as shown.
        assert_eq!(lit("cafe", 4, Column::Title), vec![0, 1, 2, 3]);
        assert_eq!(
            lit("muller", 4, Column::Author),
            (4..10).collect::<Vec<_>>()
        );
        // A date condition that holds lights the date.
        assert_eq!(lit("d:2014", 0, Column::Date), (0..10).collect::<Vec<_>>());
        assert!(lit("d:2014", 0, Column::Title).is_empty());
        // Excluded terms light nothing.
        assert!(lit("!harbour", 0, Column::Title).is_empty());
    }
}

//! The search index: the text of each article's fields as the filter matches it, folded for
//! matching (accents off) and built once when the library is loaded, so that each keystroke only
//! matches.
//!
//! Tags are kept one by one, each its own value of the tag field: a term matches inside one tag,
//! never across two, so `#^ener` is a tag that starts with "ener" and `#^energy$` a tag that is
//! exactly "energy", as `^` and `$` mean the start and end of a title. Joined into one string,
//! `^` would mean only the first tag and a fuzzy term could pick its letters from several.

use jiff::civil::Date;

use crate::article::Article;
use crate::article::date;
use crate::parallel;
use crate::query::fold::{self, Folded};

/// A field of an article that a query term can match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Author,
    /// The date as shown in the list: `2014-12-31`.
    DateIso,
    /// `31 December 2014`.
    DateLong,
    /// `Dec 2014`.
    DateMonth,
    /// The tag at this position in [`Entry::tags`].
    Tag(usize),
    /// Where the article was published.
    Source,
}

impl Field {
    pub fn is_date(self) -> bool {
        matches!(self, Field::DateIso | Field::DateLong | Field::DateMonth)
    }

    /// The fields a bare word looks in, in the order ties between them are settled (the first
    /// wins). Tags and the source are searched only when a term names them.
    pub const ALL: [Field; 5] = [
        Field::Title,
        Field::Author,
        Field::DateIso,
        Field::DateLong,
        Field::DateMonth,
    ];

    /// The date's written forms.
    pub const DATES: [Field; 3] = [Field::DateIso, Field::DateLong, Field::DateMonth];
}

/// The matchable text of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The title as shown.
    pub title: String,
    /// The author as shown; empty when there is none.
    pub author: String,
    pub date: Option<Date>,
    /// The title and author folded for matching, with the way back to the shown text.
    pub title_folded: Folded,
    pub author_folded: Folded,
    pub date_iso: String,
    pub date_long: String,
    pub date_month: String,
    /// Lower-case folded title and author, for case-blind matching and for sorting.
    pub title_key: String,
    pub author_key: String,
    /// The written dates in lower case.
    pub date_long_lower: String,
    pub date_month_lower: String,
    /// How many words the title has: a term found in a short title says more about it.
    pub title_words: usize,
    /// The tags as shown, empty ones left out; each matches on its own (see the module).
    pub tags: Vec<Value>,
    /// Where the article was published; empty when the file does not say.
    pub source: Value,
}

/// Between two tags where they are shown on one line: `energy, sea`. Highlights in
/// [`Column::Tags`](crate::query::rank::Column::Tags) count characters in the tags joined by it.
pub const TAG_SEPARATOR: &str = ", ";

/// A field's text as shown, folded, and folded in lower case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Value {
    pub shown: String,
    pub folded: Folded,
    pub key: String,
}

impl Value {
    fn new(shown: &str) -> Self {
        let folded = Folded::new(shown);
        Self {
            key: fold::lower(&folded.text),
            shown: shown.to_string(),
            folded,
        }
    }
}

impl Entry {
    pub fn new(article: &Article) -> Self {
        let dates = article
            .date
            .map(|d| (date::iso(d), date::long(d), date::month(d)))
            .unwrap_or_default();
        let author = article.author.clone().unwrap_or_default();
        let title_folded = Folded::new(&article.title);
        let author_folded = Folded::new(&author);
        let title_words = title_folded
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count();
        let tags = (article.tags.iter())
            .filter(|t| !t.is_empty())
            .map(|t| Value::new(t))
            .collect();
        Self {
            tags,
            source: Value::new(article.publication.as_deref().unwrap_or_default()),
            title_words,
            title_key: fold::lower(&title_folded.text),
            author_key: fold::lower(&author_folded.text),
            date_long_lower: fold::lower(&dates.1),
            date_month_lower: fold::lower(&dates.2),
            title: article.title.clone(),
            author,
            date: article.date,
            title_folded,
            author_folded,
            date_iso: dates.0,
            date_long: dates.1,
            date_month: dates.2,
        }
    }

    /// The text a query matches in `field` (folded).
    pub fn field(&self, field: Field) -> &str {
        match field {
            Field::Title => &self.title_folded.text,
            Field::Author => &self.author_folded.text,
            Field::DateIso => &self.date_iso,
            Field::DateLong => &self.date_long,
            Field::DateMonth => &self.date_month,
            Field::Tag(i) => self.tags.get(i).map_or("", |t| &t.folded.text),
            Field::Source => &self.source.folded.text,
        }
    }

    /// The text a query matches in `field`: folded, and in lower case unless the query's term
    /// respects case. Either way a character sits at the same position as in [`Entry::field`].
    pub fn text(&self, field: Field, case_sensitive: bool) -> &str {
        if case_sensitive {
            return self.field(field);
        }
        match field {
            Field::Title => &self.title_key,
            Field::Author => &self.author_key,
            Field::DateIso => &self.date_iso,
            Field::DateLong => &self.date_long_lower,
            Field::DateMonth => &self.date_month_lower,
            Field::Tag(i) => self.tags.get(i).map_or("", |t| &t.key),
            Field::Source => &self.source.key,
        }
    }

    /// The fold of `field`, to map matched positions back to the shown text.
    pub fn folded(&self, field: Field) -> Option<&Folded> {
        match field {
            Field::Title => Some(&self.title_folded),
            Field::Author => Some(&self.author_folded),
            Field::Tag(i) => self.tags.get(i).map(|t| &t.folded),
            Field::Source => Some(&self.source.folded),
            _ => None,
        }
    }

    /// The tags as a list shows them on one line: joined by [`TAG_SEPARATOR`] (`energy, sea`).
    pub fn tags_shown(&self) -> String {
        let tags: Vec<&str> = self.tags.iter().map(|t| t.shown.as_str()).collect();
        tags.join(TAG_SEPARATOR)
    }

    /// Where tag `i` starts in [`Entry::tags_shown`], in characters.
    pub fn tag_offset(&self, i: usize) -> usize {
        (self.tags.iter().take(i))
            .map(|t| t.shown.chars().count() + TAG_SEPARATOR.chars().count())
            .sum()
    }
}

/// One [`Entry`] per article, in library order.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
}

impl Index {
    /// Each article's entry, built on every core for a large library (folding is most of a
    /// warm start's time after loading the index).
    pub fn build(articles: &[Article]) -> Self {
        Self {
            entries: parallel::chunks(articles, 10_000, |part| {
                part.iter().map(Entry::new).collect()
            }),
        }
    }
}

//! The search index: the text of each article's fields as the filter matches it, built once when
//! the library is loaded so that each keystroke only matches.

use crate::article::Article;
use crate::date;

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
}

impl Field {
    pub fn is_date(self) -> bool {
        matches!(self, Field::DateIso | Field::DateLong | Field::DateMonth)
    }

    /// Every field, in the order ties between them are settled (the first wins).
    pub const ALL: [Field; 5] = [
        Field::Title,
        Field::Author,
        Field::DateIso,
        Field::DateLong,
        Field::DateMonth,
    ];
}

/// The matchable text of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub author: String,
    pub date_iso: String,
    pub date_long: String,
    pub date_month: String,
}

impl Entry {
    pub fn new(article: &Article) -> Self {
        let dates = article
            .date
            .map(|d| (date::iso(d), date::long(d), date::month(d)))
            .unwrap_or_default();
        Self {
            title: article.title.clone(),
            author: article.author.clone().unwrap_or_default(),
            date_iso: dates.0,
            date_long: dates.1,
            date_month: dates.2,
        }
    }

    pub fn field(&self, field: Field) -> &str {
        match field {
            Field::Title => &self.title,
            Field::Author => &self.author,
            Field::DateIso => &self.date_iso,
            Field::DateLong => &self.date_long,
            Field::DateMonth => &self.date_month,
        }
    }
}

/// One [`Entry`] per article, in library order.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
}

impl Index {
    pub fn build(articles: &[Article]) -> Self {
        Self {
            entries: articles.iter().map(Entry::new).collect(),
        }
    }
}

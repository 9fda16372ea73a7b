//! What one file holds: its articles, each with its place among the file's records, and the
//! records that are not articles, summarised.
//!
//! A JSON or JSON Lines file may hold millions of records that are not articles (a 6 MB array
//! of `1`s). Were each its own problem, each would cost a reason string, a line in `check`, in
//! the problems overlay and in the index. Instead a file's bad records are counted, the
//! reasons of the first few kept, and the file is one problem. Articles are capped too
//! ([`MAX_RECORDS`]): each one costs memory for as long as the library is open.

use crate::article::Parsed;

/// The most articles one file gives; the records after them are counted, not read. A feed of
/// 20,000 articles is usual; a 16 MiB file of `{"title":"x"}` lines would hold over a million.
pub const MAX_RECORDS: usize = 100_000;

/// How many bad records a file's problem quotes the reasons of.
pub const REASONS: usize = 3;

/// A file's articles, and a summary of what else it held.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// Every article, with its place among the file's records (counting from 0): what
    /// [`crate::article::Source::Record`] names to read it again.
    pub articles: Vec<(usize, Parsed)>,
    /// How many records are not articles.
    pub rejected: usize,
    /// Why, for the first [`REASONS`] of them (`record 2: no "title"`).
    pub reasons: Vec<String>,
    /// Records after the first [`MAX_RECORDS`] articles, not read.
    pub unread: usize,
    /// What the file calls a record: `record`, `line`.
    noun: &'static str,
}

impl Records {
    /// Nothing yet, in a file whose records are called `noun` (`line`).
    pub fn new(noun: &'static str) -> Self {
        Self {
            noun,
            ..Self::default()
        }
    }

    /// A file that is one article.
    pub fn one(parsed: Parsed) -> Self {
        Self {
            articles: vec![(0, parsed)],
            ..Self::new("record")
        }
    }

    /// Whether the file has given all the articles it may: further records are only counted.
    pub fn full(&self) -> bool {
        self.articles.len() >= MAX_RECORDS
    }

    /// The record at `position` is an article.
    pub fn push(&mut self, position: usize, parsed: Parsed) {
        self.articles.push((position, parsed));
    }

    /// A record is not an article; `reason` is asked only if it is among the first few, so a
    /// million bad records cost a counter, not a million strings.
    pub fn reject(&mut self, reason: impl FnOnce() -> String) {
        self.rejected += 1;
        if self.reasons.len() < REASONS {
            self.reasons.push(reason());
        }
    }

    /// A record after the first [`MAX_RECORDS`] articles, counted and not read.
    pub fn skip(&mut self) {
        self.unread += 1;
    }

    /// The articles, in order.
    pub fn parsed(&self) -> impl Iterator<Item = &Parsed> {
        self.articles.iter().map(|(_, parsed)| parsed)
    }

    /// The article at `position`, taken out.
    pub fn take(&mut self, position: usize) -> Option<Parsed> {
        let at = self.articles.iter().position(|(p, _)| *p == position)?;
        Some(self.articles.swap_remove(at).1)
    }

    /// The file's one problem with its records, if it has any: the reason itself for one bad
    /// record, else how many and the first reasons; and the records left unread.
    pub fn problem(&self) -> Option<String> {
        let mut parts = Vec::new();
        match self.rejected {
            0 => {}
            1 => parts.extend(self.reasons.first().cloned()),
            n => {
                let more = if n > self.reasons.len() { "; …" } else { "" };
                parts.push(format!(
                    "{} {}s are not articles ({}{more})",
                    thousands(n),
                    self.noun,
                    self.reasons.join("; ")
                ));
            }
        }
        if self.unread > 0 {
            let (n, noun) = (self.unread, self.noun);
            let (plural, verb) = if n == 1 { ("", "is") } else { ("s", "are") };
            parts.push(format!(
                "only the first {} articles are read; {} more {noun}{plural} {verb} not",
                thousands(MAX_RECORDS),
                thousands(n),
            ));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// `3000000` as `3,000,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(title: &str) -> Parsed {
        Parsed {
            title: title.into(),
            ..Parsed::default()
        }
    }

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(3_000_000), "3,000,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }

    #[test]
    fn one_bad_record_is_its_own_reason() {
        let mut records = Records::new("record");
        assert_eq!(records.problem(), None);
        records.push(0, parsed("a"));
        records.reject(|| "record 2: no \"title\"".into());
        assert_eq!(records.problem().as_deref(), Some("record 2: no \"title\""));
    }

    #[test]
    fn many_bad_records_are_counted_and_only_the_first_reasons_made() {
        let mut records = Records::new("line");
        let mut asked = 0;
        for n in 1..=1_000_000 {
            records.reject(|| {
                asked += 1;
                format!("line {n}: not a JSON object")
            });
        }
        assert_eq!(asked, REASONS);
        assert_eq!(
            records.problem().as_deref(),
            Some(
                "1,000,000 lines are not articles (line 1: not a JSON object; \
                 line 2: not a JSON object; line 3: not a JSON object; …)"
            )
        );
        let mut two = Records::new("record");
        two.reject(|| "record 1: a".into());
        two.reject(|| "record 2: b".into());
        assert_eq!(
            two.problem().as_deref(),
            Some("2 records are not articles (record 1: a; record 2: b)")
        );
    }

    #[test]
    fn articles_past_the_cap_are_counted_not_kept() {
        let mut records = Records::new("line");
        let mut position = 0;
        while !records.full() {
            records.push(position, parsed("x"));
            position += 1;
        }
        records.skip();
        assert_eq!(records.articles.len(), MAX_RECORDS);
        assert_eq!(
            records.problem().as_deref(),
            Some("only the first 100,000 articles are read; 1 more line is not")
        );
        records.skip();
        records.reject(|| "line 7: no \"title\"".into());
        assert_eq!(
            records.problem().as_deref(),
            Some(
                "line 7: no \"title\"; only the first 100,000 articles are read; \
                 2 more lines are not"
            )
        );
        assert_eq!(records.take(7).map(|p| p.title), Some("x".into()));
        assert_eq!(records.take(7), None);
    }
}

//! How well one text term matches one field: the ranking model.
//!
//! A term matches a field in the best of these ways, each scoring in its own band so that a
//! better kind of match always outranks a worse one, whatever else differs:
//!
//! | how | score | example: `harb` in |
//! |---|---|---|
//! | a whole word | 1000 | "Harb" |
//! | the start of a word | 850–870, a little more as it covers more of the word | "New harbour" |
//! | inside a word, together | 400–420 | "Dockharbour" |
//! | a word one typing error away (4+ letters) | 320–330 | "Hrabour", "Hasbro" |
//! | scattered (fuzzy) | 100–250, the fuzzy matcher's own score | "Hal arrives by boat" |
//!
//! Where in the field the word sits does not count: a surname scores the same as a first word.
//! A capital inside a word starts a word too (`fooBarBaz`). The caller adds a title bonus (a
//! twenty-fifth, and a little for a short title: less than any gap between bands, so it settles
//! only like against like), gives a whole word more the larger its share of the field's words
//! (a surname is half of "Ada Quinn", a title word one of eight), and sums the terms.
//!
//! Typos: a term of four or more letters also matches a word whose start is one edit away
//! (a letter dropped, added, replaced, or two swapped), never at the first letter, which people
//! rarely get wrong and which keeps short terms from matching half the library. Such a word
//! ranks below every match with the letters together, and above letters scattered through the
//! field: `signred` is one key from "signed", while its letters strewn over "sign rent controls
//! deal" say little, since a long term's letters are found in order in many titles. Typing on
//! can only remove typo matches (the start of a word one edit from `harbo` is one edit from
//! `harb` too), so narrowing on the last hits stays exact.

use std::cell::OnceCell;
use std::ops::Range;

use crate::query::index::{Entry, Field};
use crate::query::rank::Matcher;
use crate::query::{Kind, Text, is_letterless};

pub const WHOLE: i64 = 1000;
pub const PREFIX: i64 = 850;
pub const INSIDE: i64 = 400;
pub const TYPO: i64 = 320;
pub const FUZZY: i64 = 100;

/// The most the fuzzy matcher's own score adds to [`FUZZY`]: the scattered band stays below
/// [`TYPO`] even with the title bonus.
const FUZZY_SPAN: i64 = 150;

/// What covering all of a word adds to a match at its start or inside it.
const COVER: i64 = 20;

/// The shortest term that forgives a typing error, in characters.
pub const TYPO_FROM: usize = 4;

/// How a term matched a field, and its score there (before the title bonus).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    pub score: i64,
    pub how: How,
}

/// Where a match is, for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// The characters together, at these bytes of the field's text.
    Run(Range<usize>),
    /// Scattered through the field (the fuzzy matcher knows where).
    Scattered,
    /// Scattered inside one word of a written date, at these bytes.
    InWord(Range<usize>),
    /// The start of the word at these bytes, one edit away from the term.
    Typo(Range<usize>),
}

/// Whether a term forgives typing errors: a fuzzy term of [`TYPO_FROM`] or more letters and
/// digits, with a letter.
pub fn forgives_typos(t: &Text) -> bool {
    t.kind == Kind::Fuzzy
        && t.pattern.chars().count() >= TYPO_FROM
        && t.pattern.chars().all(char::is_alphanumeric)
        && !is_letterless(&t.pattern)
}

/// How `t` matches `field` of `entry`, if it does. `typos` allows typo matches (not for
/// excluded terms, which leave out only what they match).
pub fn field_match(
    matcher: &Matcher,
    entry: &Entry,
    t: &Text,
    field: Field,
    typos: bool,
) -> Option<FieldMatch> {
    let date = field.is_date();
    // Dates ignore case (`DEC` finds `Dec 2014`); their text is ASCII.
    let lowered;
    let pattern = if t.case_sensitive && date {
        lowered = t.pattern.to_ascii_lowercase();
        lowered.as_str()
    } else {
        t.pattern.as_str()
    };
    let text = entry.text(field, t.case_sensitive && !date);
    let shown = entry.field(field);
    let words = Words::new(text, shown);
    let kind = match t.kind {
        // Typed digits mean that number: `2020` must not find `2026-02-09`.
        Kind::Fuzzy if is_letterless(pattern) => Kind::Exact,
        Kind::Fuzzy if date && pattern.chars().any(|c| c.is_ascii_digit()) => Kind::Exact,
        kind => kind,
    };
    let run = |at: usize| words.run(at, pattern.len());
    match kind {
        Kind::Exact => words.best_run(pattern),
        Kind::Prefix => text.starts_with(pattern).then(|| run(0)),
        Kind::Suffix => text
            .ends_with(pattern)
            .then(|| run(text.len() - pattern.len())),
        Kind::Whole => (text == pattern).then(|| run(0)),
        Kind::Fuzzy => {
            let found = if date {
                // Every way a date can match needs the term's first letter in it.
                let first = pattern.chars().next()?;
                if !text.contains(first) {
                    return None;
                }
                words
                    .best_run(pattern)
                    .or_else(|| words.in_one_word(pattern))
            } else {
                // Most fields do not match at all: the fuzzy matcher says so first, since
                // letters together are letters in order too.
                matcher.score(text, pattern).map(|s| {
                    words.best_run(pattern).unwrap_or(FieldMatch {
                        score: FUZZY + s.clamp(0, FUZZY_SPAN),
                        how: How::Scattered,
                    })
                })
            };
            match found {
                Some(m) if m.score >= TYPO => Some(m),
                // A word one edit away says more than letters scattered through the field.
                found => (typos && forgives_typos(t))
                    .then(|| words.typo(pattern))
                    .flatten()
                    .or(found),
            }
        }
    }
}

/// The character positions of a match in the field's text.
pub fn positions(
    matcher: &Matcher,
    entry: &Entry,
    t: &Text,
    field: Field,
    found: &FieldMatch,
) -> Vec<usize> {
    let text = entry.text(field, t.case_sensitive && !field.is_date());
    let chars = |r: &Range<usize>| {
        let start = text[..r.start].chars().count();
        start..start + text[r.clone()].chars().count()
    };
    match &found.how {
        How::Run(r) | How::Typo(r) => chars(r).collect(),
        How::Scattered => matcher.indices(text, &t.pattern).unwrap_or_default(),
        How::InWord(r) => {
            // The term's letters in order inside the word, as `in_one_word` found them.
            let start = chars(r).start;
            let mut wanted = t.pattern.chars().map(|c| c.to_ascii_lowercase()).peekable();
            let mut out = Vec::new();
            for (i, c) in text[r.clone()].chars().enumerate() {
                if wanted.peek() == Some(&c.to_ascii_lowercase()) {
                    wanted.next();
                    out.push(start + i);
                }
            }
            out
        }
    }
}

/// A field's matchable text and its shown case (for word starts inside a word, `fooBar`).
struct Words<'a> {
    text: &'a str,
    shown: &'a str,
    /// Whether the shown text lines up with the matched one byte for byte (ASCII), so its case
    /// can mark word starts; found out only when a word boundary is asked for.
    aligned: OnceCell<bool>,
}

impl<'a> Words<'a> {
    fn new(text: &'a str, shown: &'a str) -> Self {
        Self {
            text,
            shown,
            aligned: OnceCell::new(),
        }
    }

    /// Whether a word starts at byte `at`.
    fn starts_word(&self, at: usize) -> bool {
        let Some(before) = self.text[..at].chars().next_back() else {
            return true;
        };
        !before.is_alphanumeric() || self.camel(at)
    }

    /// Whether a word ends at byte `end`.
    fn ends_word(&self, end: usize) -> bool {
        match self.text[end..].chars().next() {
            None => true,
            Some(next) => !next.is_alphanumeric() || self.camel(end),
        }
    }

    /// A lower-case letter then a capital at byte `at` of the shown text (ASCII only, where
    /// the shown and matched texts line up byte for byte).
    fn camel(&self, at: usize) -> bool {
        let shown = self.shown.as_bytes();
        *self
            .aligned
            .get_or_init(|| self.shown.len() == self.text.len() && self.shown.is_ascii())
            && at > 0
            && at < shown.len()
            && shown[at].is_ascii_uppercase()
            && shown[at - 1].is_ascii_lowercase()
    }

    /// The end of the word that goes on at byte `at`.
    fn word_end(&self, at: usize) -> usize {
        let mut end = at;
        for (i, c) in self.text[at..].char_indices() {
            if i > 0 && (!c.is_alphanumeric() || self.camel(at + i)) {
                break;
            }
            end = at + i + c.len_utf8();
        }
        end
    }

    /// The start of the word byte `at` is in.
    fn word_start(&self, at: usize) -> usize {
        let mut start = at;
        while start > 0 && !self.starts_word(start) {
            start -= self.text[..start]
                .chars()
                .next_back()
                .map_or(1, char::len_utf8);
        }
        start
    }

    /// The score of the characters together at `at..at + len`.
    fn run(&self, at: usize, len: usize) -> FieldMatch {
        let end = at + len;
        let (starts, ends) = (self.starts_word(at), self.ends_word(end));
        let score = if starts && ends {
            WHOLE
        } else {
            // How much of the word the term covers, up to COVER: little, since people type the
            // first few letters of a word whatever its length.
            let word = self.word_start(at)..self.word_end(at).max(end);
            let cover = COVER * len as i64 / word.len().max(len).max(1) as i64;
            if starts { PREFIX } else { INSIDE }.saturating_add(cover)
        };
        FieldMatch {
            score,
            how: How::Run(at..end),
        }
    }

    /// The best place where `pattern` is in the text whole.
    fn best_run(&self, pattern: &str) -> Option<FieldMatch> {
        if pattern.is_empty() {
            return None;
        }
        let mut best: Option<FieldMatch> = None;
        for (at, _) in self.text.match_indices(pattern) {
            let run = self.run(at, pattern.len());
            if best.as_ref().is_none_or(|b| run.score > b.score) {
                let whole = run.score >= WHOLE;
                best = Some(run);
                if whole {
                    break;
                }
            }
        }
        best
    }

    /// The words that start with `first`, as byte ranges.
    fn words_starting(&self, first: char) -> impl Iterator<Item = Range<usize>> + '_ {
        self.text
            .match_indices(first)
            .map(|(at, _)| at)
            .filter(|&at| self.starts_word(at))
            .map(|at| at..self.word_end(at))
    }

    /// A written date's word (`December`) with the term's letters in order, the first first
    /// (`dcmbr`, `apil`).
    fn in_one_word(&self, pattern: &str) -> Option<FieldMatch> {
        let first = pattern.chars().next()?;
        self.words_starting(first)
            .find(|w| is_subsequence(pattern, &self.text[w.clone()]))
            .map(|w| FieldMatch {
                score: FUZZY + 100 * pattern.len() as i64 / w.len().max(1) as i64,
                how: How::InWord(w),
            })
    }

    /// A word whose start is one edit from `pattern`, the first letter kept; a whole word one
    /// edit away before the start of a longer one.
    fn typo(&self, pattern: &str) -> Option<FieldMatch> {
        let first = pattern.chars().next()?;
        // Each word one edit away: its range, the bytes matched, whether all of it.
        let mut best: Option<(Range<usize>, usize, bool)> = None;
        let mut consider = |w: Range<usize>, len: usize, whole: bool| {
            if best.as_ref().is_none_or(|b| whole && !b.2) {
                best = Some((w, len, whole));
            }
            whole
        };
        if pattern.is_ascii() && self.text.is_ascii() {
            // Bytes are characters: no copies.
            let p = pattern.as_bytes();
            for w in self.words_starting(first) {
                let word = &self.text.as_bytes()[w.clone()];
                if let Some(len) = one_edit_prefix(p, word)
                    && consider(w, len, len == word.len())
                {
                    break;
                }
            }
        } else {
            let p: Vec<char> = pattern.chars().collect();
            for w in self.words_starting(first) {
                let word: Vec<char> = self.text[w.clone()].chars().collect();
                if let Some(len) = one_edit_prefix(&p, &word) {
                    let bytes = word[..len].iter().map(|c| c.len_utf8()).sum();
                    if consider(w, bytes, len == word.len()) {
                        break;
                    }
                }
            }
        }
        best.map(|(w, len, whole)| FieldMatch {
            // A whole word one edit away beats the start of a longer one.
            score: TYPO + if whole { 10 } else { 0 },
            how: How::Typo(w.start..w.start + len),
        })
    }
}

/// Whether the characters of `pattern` appear in `text` in order.
fn is_subsequence(pattern: &str, text: &str) -> bool {
    let mut text = text.chars();
    pattern.chars().all(|p| text.any(|c| c == p))
}

/// If some start of `word` is one edit (insertion, deletion, substitution, or two neighbours
/// swapped) from `p`, with the first letter the same, that start's length in characters.
///
/// One edit can always be placed at the first difference, so only that place is tried.
fn one_edit_prefix<T: PartialEq>(p: &[T], word: &[T]) -> Option<usize> {
    let n = p.len();
    let same = p.iter().zip(word).take_while(|(a, b)| a == b).count();
    if same == n {
        // Typed exactly: not a typo match (the contiguous match finds it).
        return None;
    }
    if same == 0 {
        return None;
    }
    let k = same;
    // Replaced.
    if word.len() >= n && p[k + 1..] == word[k + 1..n] {
        return Some(n);
    }
    // Two neighbours swapped.
    if k + 1 < n
        && word.len() >= n
        && p[k] == word[k + 1]
        && p[k + 1] == word[k]
        && p[k + 2..] == word[k + 2..n]
    {
        return Some(n);
    }
    // A letter too many in the term.
    if word.len() >= n - 1 && p[k + 1..] == word[k..n - 1] {
        return Some(n - 1);
    }
    // A letter missing from the term.
    if word.len() > n && p[k..] == word[k + 1..n + 1] {
        return Some(n + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::article::test_article;
    use crate::query::Query;

    fn text(term: &str) -> Text {
        let query = Query::parse(term, date(2026, 1, 1)).unwrap();
        match &query.groups[0].atoms[0].test {
            crate::query::Test::Text(t) => t.clone(),
            _ => panic!("not text"),
        }
    }

    fn score(term: &str, title: &str) -> Option<i64> {
        let entry = Entry::new(&test_article(
            title,
            Some("Ada Quinn"),
            Some(date(2014, 12, 31)),
        ));
        field_match(&Matcher::default(), &entry, &text(term), Field::Title, true).map(|m| m.score)
    }

    fn in_field(term: &str, field: Field) -> Option<FieldMatch> {
        let entry = Entry::new(&test_article(
            "Notes",
            Some("Marne Guvenar"),
            Some(date(2014, 12, 31)),
        ));
        field_match(&Matcher::default(), &entry, &text(term), field, true)
    }

    #[test]
    fn a_whole_word_scores_the_same_wherever_it_sits() {
        assert_eq!(score("guvenar", "Guvenar report"), Some(WHOLE));
        assert_eq!(score("guvenar", "Budget Guvenar report"), Some(WHOLE));
        assert_eq!(
            score("guvenar", "The long budget report of Guvenar"),
            Some(WHOLE)
        );
        assert_eq!(
            in_field("guvenar", Field::Author).map(|m| m.score),
            Some(WHOLE)
        );
    }

    #[test]
    fn bands_order_the_kinds_of_match() {
        let whole = score("harb", "Harb wins").unwrap();
        let prefix = score("harb", "New harbour").unwrap();
        let inside = score("harb", "Dockharbour").unwrap();
        let fuzzy = score("harb", "Hal arrives by boat").unwrap();
        assert!(
            whole > prefix && prefix > inside && inside > fuzzy,
            "{whole} {prefix} {inside} {fuzzy}"
        );
        assert!((PREFIX..=PREFIX + COVER).contains(&prefix));
        assert!((INSIDE..PREFIX).contains(&inside));
        assert!((FUZZY..TYPO).contains(&fuzzy));
        let swapped = score("harbo", "Hrabour opens").unwrap();
        assert!((TYPO..INSIDE).contains(&swapped), "{swapped}");
        let typo = score("harbuor", "Old harbour opens").unwrap();
        assert!((TYPO..INSIDE).contains(&typo), "{typo}");
        // A prefix covering more of its word scores more.
        assert!(score("harbo", "New harbour").unwrap() > prefix);
    }

    #[test]
    fn a_word_one_edit_away_beats_letters_scattered_over_the_field() {
        // `signred` is found in order in "sign rent controls deal", but one key from "signed".
        let scattered = score("signred", "Elor sign rent controls deal").unwrap();
        let typo = score("signred", "Officials signed after agency").unwrap();
        assert!((FUZZY..TYPO).contains(&scattered), "{scattered}");
        assert!(typo > scattered, "{typo} {scattered}");
        // A dropped letter is both: the word wins.
        assert!(score("penioners", "Pensioners march").unwrap() >= TYPO);
        // Letters together still beat a typo.
        assert!(score("harbo", "Dockharbour").unwrap() > score("harbo", "Hrabour").unwrap());
        // The whole word one edit away, not the first word that starts one edit away.
        assert_eq!(score("talsk", "Talkshow after talks"), Some(TYPO + 10));
        assert_eq!(score("talsk", "Talkshow"), Some(TYPO));
    }

    #[test]
    fn a_capital_inside_a_word_starts_a_word() {
        assert!(score("bar", "fooBarBaz").unwrap() >= PREFIX);
        assert_eq!(
            score("bar", "fooBarBaz"),
            score("bar", "foo Bar-baz").map(|s| s.min(WHOLE))
        );
        assert!(score("bar", "Foobarbaz").unwrap() < PREFIX);
    }

    #[test]
    fn typos_within_one_edit() {
        for (typed, title) in [
            ("harbuor", "Old harbour"),  // swapped
            ("harbor", "Old harbour"),   // a letter missing... matches as a prefix instead
            ("harbouur", "Old harbour"), // one too many
            ("harbpur", "Old harbour"),  // replaced
            ("mcgarth", "Mcgrath speaks"),
        ] {
            assert!(score(typed, title).is_some(), "{typed} in {title}");
        }
        assert!(
            score("harbor", "Old harbour").unwrap() >= FUZZY,
            "fuzzy finds it first"
        );
        assert_eq!(score("hxrbpur", "Old harbour"), None, "two edits");
        assert_eq!(score("abc", "Old abd"), None, "short terms never");
        assert_eq!(
            score("xarbour", "Old harbour"),
            None,
            "the first letter is kept"
        );
    }

    #[test]
    fn written_dates_match_fuzzily_inside_a_word() {
        for term in ["dcmbr", "decmber", "december", "dec", "DEC"] {
            assert!(in_field(term, Field::DateLong).is_some(), "{term}");
        }
        assert!(
            in_field("dcmbr", Field::DateMonth).is_none(),
            "only three letters there"
        );
        assert!(in_field("decmeber", Field::DateLong).is_some(), "a typo");
        assert!(
            in_field("ber", Field::DateLong).is_some(),
            "inside the word, together"
        );
        assert!(
            in_field("cmb", Field::DateLong).is_none(),
            "scattered must start the word"
        );
        assert!(in_field("2015", Field::DateLong).is_none());
    }

    #[test]
    fn one_edit_prefix_finds_the_length_matched() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(one_edit_prefix(&c("harbuor"), &c("harbours")), Some(7));
        assert_eq!(one_edit_prefix(&c("harbouur"), &c("harbour")), Some(7));
        // `harbr` is `harbo` with one letter replaced.
        assert_eq!(one_edit_prefix(&c("harbr"), &c("harbour")), Some(5));
        assert_eq!(one_edit_prefix(&c("harbur"), &c("harbour")), Some(7));
        assert_eq!(one_edit_prefix(&c("harbour"), &c("harbour")), None);
        assert_eq!(one_edit_prefix(&c("aarbour"), &c("harbour")), None);
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        /// Edit distance with swaps of neighbours (optimal string alignment), the slow way.
        fn distance(a: &[char], b: &[char]) -> usize {
            let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
            for (i, row) in d.iter_mut().enumerate() {
                row[0] = i;
            }
            for (j, cell) in d[0].iter_mut().enumerate() {
                *cell = j;
            }
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    d[i][j] = (d[i - 1][j] + 1)
                        .min(d[i][j - 1] + 1)
                        .min(d[i - 1][j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                    }
                }
            }
            d[a.len()][b.len()]
        }

        proptest! {
            #[test]
            fn one_edit_prefix_agrees_with_edit_distance(p in "[abc]{2,6}", w in "[abc]{1,8}") {
                let (p, w): (Vec<char>, Vec<char>) = (p.chars().collect(), w.chars().collect());
                let slow = (0..=w.len())
                    .filter(|&n| distance(&p, &w[..n]) == 1 && w[..n].first() == p.first())
                    .any(|_| true)
                    && !w.starts_with(&p);
                let fast = one_edit_prefix(&p, &w);
                prop_assert_eq!(fast.is_some(), slow, "{:?} {:?}", p, w);
                if let Some(n) = fast {
                    prop_assert_eq!(distance(&p, &w[..n]), 1);
                }
            }

            #[test]
            fn typing_on_never_adds_a_typo_match(p in "[abc]{4,7}", c in "[abc]", w in "[abc]{1,10}") {
                let (p, w): (Vec<char>, Vec<char>) = (p.chars().collect(), w.chars().collect());
                let mut longer = p.clone();
                longer.extend(c.chars());
                if one_edit_prefix(&longer, &w).is_some() {
                    prop_assert!(one_edit_prefix(&p, &w).is_some() || w.starts_with(&p));
                }
            }
        }
    }
}

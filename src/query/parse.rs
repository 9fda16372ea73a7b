//! The query language of the filter line and `byline list --query`: parsing a line into terms.
//!
//! A line is space-separated terms that must all match; `a | b` matches either (OR binds
//! tighter than AND, as in fzf). A term is an fzf extended-search atom (`word` fuzzy, `'word`
//! exact, `^word` prefix, `word$` suffix, `!word` excluded), optionally limited to one field
//! (`t:`, `a:`, `d:`, `tag:` or `#`, `source:` or `s:`), words of the body (`text:` or `x:`: a
//! whole word, `x:pyong*` a prefix, `x:"intelligence sharing"` a phrase), or a date condition (`d:2014-12`, `d:>=2014-06`, `d:2014..2015-01`,
//! `d:<30d`). Parsing resolves everything it can once (folding, smart case, relative ages
//! against today) so matching a hundred thousand articles only compares.
//!
//! Typing is never punished: a term that is still empty (`!`, `t:`, a trailing `|`) is skipped,
//! and a term that cannot mean anything is an error that says where it is, so the caller can
//! keep the last valid results.

use std::fmt;
use std::ops::Range;

use jiff::civil::Date;

use crate::article::date;
use crate::query::fold::{fold, lower};
use crate::query::{dates, score, words};

/// The query syntax in brief, for the help overlay: an example and what it does.
pub const SYNTAX: &[(&str, &str)] = &[
    ("word", "fuzzy"),
    ("'word", "exact"),
    ("^word", "starts with"),
    ("word$", "ends with"),
    ("!word", "leave out"),
    ("a | b", "either"),
    ("t: a: d:", "in one field"),
    ("#tag s:site", "tag, source"),
    ("x:word", "in the text"),
    ("x:\"a b\" x:a*", "phrase, prefix"),
    ("d:2014-12", "a month"),
    ("d:>2014-06", "from July 2014"),
    ("d:2014..2015", "from, to"),
    ("d:<30d", "last 30 days"),
    ("tram\\ line", "literal space"),
];

/// A parsed query: every group must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Group>,
}

/// Terms joined by `|`: any one of them must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub atoms: Vec<Atom>,
}

/// One term of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atom {
    /// `!`: the article matches when the test does not.
    pub negated: bool,
    pub scope: Scope,
    pub test: Test,
    /// Where the term is in the line, in bytes.
    pub span: Range<usize>,
}

/// The fields a term looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// No field named: the title, the author and the date (never the tags or the source, so
    /// what a bare word finds does not depend on what a feed chose to tag).
    Any,
    Title,
    Author,
    Date,
    /// `tag:`, `#`: each tag on its own (`#^ener` is a tag that starts with "ener").
    Tag,
    /// `source:`, `s:`: where the article was published.
    Source,
    /// `text:`, `x:`: the article's body, word by word ([`Test::Words`]).
    Text,
}

impl Scope {
    /// The word the status bar uses for this scope.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Any => "any",
            Scope::Title => "title",
            Scope::Author => "author",
            Scope::Date => "date",
            Scope::Tag => "tag",
            Scope::Source => "source",
            Scope::Text => "text",
        }
    }
}

/// What a term checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    Text(Text),
    /// The article's date lies in this range (both ends inclusive; `None` is open).
    Date(DateRange),
    /// Words of the article's body, answered by the full-text index (`text:`, `x:`).
    Words(Words),
}

/// A `text:` term: whole words of the body, in order.
///
/// The words are split and folded as the full-text index splits the body
/// ([`crate::query::words`]): letters and digits, accents off.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Words {
    /// The words, folded, and lower case unless the term respects case; more than one is a
    /// phrase (`x:"intelligence sharing"`, or `x:o'brien`, two words together).
    pub words: Vec<String>,
    /// `x:pyong*`: the last word is the start of a word.
    pub prefix: bool,
    /// Smart case: a term with a capital letter respects case.
    pub case_sensitive: bool,
}

/// A text pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub kind: Kind,
    /// The pattern, folded like the index (accents off).
    pub pattern: String,
    /// Smart case: a pattern with a capital letter respects case.
    pub case_sensitive: bool,
}

/// How a text pattern matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `word`: the characters in order, anywhere.
    Fuzzy,
    /// `'word`: the exact characters together.
    Exact,
    /// `^word`: the field starts with them.
    Prefix,
    /// `word$`: the field ends with them.
    Suffix,
    /// `^word$`: the field is exactly this.
    Whole,
}

/// Dates from `from` to `to`, both inclusive; `None` leaves that end open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "{}", date::iso(a)),
            (Some(a), Some(b)) => write!(f, "{}…{}", date::iso(a), date::iso(b)),
            (Some(a), None) => write!(f, "≥ {}", date::iso(a)),
            (None, Some(b)) => write!(f, "≤ {}", date::iso(b)),
            (None, None) => f.write_str("any date"),
        }
    }
}

impl Atom {
    /// How the status bar shows what this term does: `title:^korea`, `!any:'tram`,
    /// `date:≥ 2026-10-30`.
    pub fn describe(&self) -> String {
        let not = if self.negated { "!" } else { "" };
        let what = match &self.test {
            Test::Date(range) => range.to_string(),
            Test::Words(w) => {
                let star = if w.prefix { "*" } else { "" };
                match &w.words[..] {
                    [one] => format!("{one}{star}"),
                    many => format!("\"{}\"{star}", many.join(" ")),
                }
            }
            Test::Text(t) => {
                let p = &t.pattern;
                match t.kind {
                    Kind::Fuzzy => p.clone(),
                    Kind::Exact => format!("'{p}"),
                    Kind::Prefix => format!("^{p}"),
                    Kind::Suffix => format!("{p}$"),
                    Kind::Whole => format!("^{p}$"),
                }
            }
        };
        format!("{not}{}:{what}", self.scope.label())
    }
}

impl Query {
    /// Every term described, groups apart and alternatives joined by ` | `.
    pub fn describe(&self) -> String {
        self.groups
            .iter()
            .map(|g| {
                g.atoms
                    .iter()
                    .map(Atom::describe)
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("  ")
    }
}

/// A term that cannot mean anything, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    pub message: String,
    /// The offending part of the line, in bytes.
    pub span: Range<usize>,
}

impl QueryError {
    pub(super) fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        Self {
            message: message.into(),
            span,
        }
    }

    /// The screen column (from 1) where the problem starts in `line`: wide characters before it
    /// count two, as under the caret.
    pub fn column(&self, line: &str) -> usize {
        use unicode_width::UnicodeWidthStr;
        line.get(..self.span.start)
            .map_or(1, |before| before.width() + 1)
    }

    /// The line, and under it a caret line marking the problem, for a terminal.
    pub fn caret(&self, line: &str) -> String {
        use unicode_width::UnicodeWidthStr;
        let width = |r: Range<usize>| line.get(r).map_or(0, UnicodeWidthStr::width);
        let lead = width(0..self.span.start);
        let len = width(self.span.clone()).max(1);
        format!("{line}\n{}{}", " ".repeat(lead), "^".repeat(len))
    }
}

impl Query {
    /// Parses `line`; relative ages (`d:<30d`) count back from `today`.
    pub fn parse(line: &str, today: Date) -> Result<Query, QueryError> {
        let mut groups: Vec<Group> = Vec::new();
        let mut joining = false;
        for token in tokens(line) {
            if token.is_or() {
                joining = !groups.is_empty();
                continue;
            }
            let Some(atom) = atom(&token, today)? else {
                continue;
            };
            match groups.last_mut() {
                Some(group) if joining => group.atoms.push(atom),
                _ => groups.push(Group { atoms: vec![atom] }),
            }
            joining = false;
        }
        Ok(Query { groups })
    }

    /// Whether two queries test the same things, wherever their terms sit in the line.
    pub fn same_as(&self, other: &Query) -> bool {
        self.groups.len() == other.groups.len()
            && self
                .groups
                .iter()
                .zip(&other.groups)
                .all(|(a, b)| same_terms(a, b))
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The first `text:` term that is not excluded: what an article found by it is searched
    /// for when it opens.
    pub fn text_term(&self) -> Option<&Words> {
        self.atoms().find_map(|a| match &a.test {
            Test::Words(w) if !a.negated => Some(w),
            _ => None,
        })
    }

    /// Every term, in order.
    pub fn atoms(&self) -> impl Iterator<Item = &Atom> {
        self.groups.iter().flat_map(|g| g.atoms.iter())
    }

    /// Whether every article this query matches is sure to be among those `previous` matched,
    /// so the previous hits can be searched instead of the whole library.
    ///
    /// True when `previous` is this query with its last term typed further (`harb` → `harbo`),
    /// or with terms added after it; never across a negation, an OR or a date, where typing on
    /// can widen the results (`!a` → `!ab`, `d:>2014` → `d:>2014-06`).
    pub fn narrows(&self, previous: &Query) -> bool {
        let n = previous.groups.len();
        if n == 0 || self.groups.len() < n {
            return n == 0;
        }
        if !self.groups[..n - 1]
            .iter()
            .zip(&previous.groups[..n - 1])
            .all(|(a, b)| same_terms(a, b))
        {
            return false;
        }
        let (old, new) = (&previous.groups[n - 1], &self.groups[n - 1]);
        if same_terms(old, new) {
            return true;
        }
        match (&old.atoms[..], &new.atoms[..]) {
            ([old], [new]) => refines(old, new),
            _ => false,
        }
    }
}

/// Whether two groups test the same things (their places in the line may differ).
fn same_terms(a: &Group, b: &Group) -> bool {
    a.atoms.len() == b.atoms.len()
        && a.atoms
            .iter()
            .zip(&b.atoms)
            .all(|(x, y)| x.negated == y.negated && x.scope == y.scope && x.test == y.test)
}

/// Whether `new` matches only what `old` matches, for one positive text term typed further.
fn refines(old: &Atom, new: &Atom) -> bool {
    let (Test::Text(o), Test::Text(n)) = (&old.test, &new.test) else {
        return false;
    };
    if old.negated || new.negated || old.scope != new.scope {
        return false;
    }
    // A case-sensitive pattern may not become insensitive (it would widen).
    if o.case_sensitive && !n.case_sensitive {
        return false;
    }
    // Digits alone match whole; a letter makes the term fuzzy, which can widen.
    if o.kind == Kind::Fuzzy && is_letterless(&o.pattern) != is_letterless(&n.pattern) {
        return false;
    }
    // A term that respects case, narrowing one that did not, is compared in lower case: whatever
    // it matches, its lower case matches too.
    let new_pattern = if o.case_sensitive {
        n.pattern.clone()
    } else {
        lower(&n.pattern)
    };
    let n = Text {
        pattern: new_pattern,
        ..n.clone()
    };
    // Typo tolerance starts at a length: crossing it matches words the shorter term did not.
    if score::forgives_typos(o) != score::forgives_typos(&n) {
        return false;
    }
    let extends = n.pattern.starts_with(&o.pattern);
    match (o.kind, n.kind) {
        (Kind::Fuzzy, _) => extends,
        (Kind::Exact, Kind::Exact | Kind::Prefix | Kind::Whole) => extends,
        (Kind::Exact, Kind::Suffix) => n.pattern.contains(&o.pattern),
        (Kind::Prefix, Kind::Prefix | Kind::Whole) => extends,
        (Kind::Suffix, Kind::Suffix | Kind::Whole) => n.pattern.ends_with(&o.pattern),
        (Kind::Whole, Kind::Whole) => n.pattern == o.pattern,
        _ => false,
    }
}

/// Whether the line ends in a date being typed that could still become another date: `d:2`,
/// `d:201`, `d:2014-`, `d:2014-1` (January, or on its way to `2014-12`), `d:2014-12-3`, `d:>`,
/// `d:<30` (on its way to `<30d`), `d:2014..`. Such a term is left out until it is finished
/// (a space, Enter), so half-typed dates neither flash errors nor show another date's articles.
pub fn unfinished_date(line: &str) -> bool {
    if line.ends_with(char::is_whitespace) {
        return false;
    }
    let Some(token) = tokens(line).pop() else {
        return false;
    };
    let mut rest = &token.chars[..];
    if starts_with(rest, "!") {
        rest = &rest[1..];
    }
    let Some(&(prefix, _)) = SCOPES
        .iter()
        .find(|(p, s)| *s == Scope::Date && starts_with(rest, p))
    else {
        return false;
    };
    rest = &rest[prefix.len()..];
    if starts_with(rest, "!") {
        rest = &rest[1..];
    }
    let text: String = rest.iter().map(|c| c.c).collect();
    if !text.starts_with(|c: char| c.is_ascii_digit() || "<>=.".contains(c)) {
        return false;
    }
    // The part being typed: after a comparison, or after `..`.
    let value = text
        .rsplit("..")
        .next()
        .unwrap_or("")
        .trim_start_matches(['<', '>', '=']);
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().all(|p| digits(p)) {
        return false;
    }
    match parts.as_slice() {
        // Nothing yet (`d:>`, `d:2014..` is finished: an open range).
        [""] => !text.ends_with(".."),
        [year] => year.len() < 4,
        [_, month] => month.len() < 2 && month.parse::<u8>().map_or(true, |m| m <= 1),
        [_, _, day] => day.len() < 2 && day.parse::<u8>().map_or(true, |d| d <= 3),
        _ => false,
    }
}

/// Writes `text` so the query reads it as literal characters: spaces and backslashes escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() || c == '\\' || full_width_to_ascii(c) == '|' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether a pattern has no letter (`2014`, `12-31`): such terms match only whole.
pub fn is_letterless(pattern: &str) -> bool {
    !pattern.chars().any(char::is_alphabetic)
}

/// A character of a term, and whether a backslash made it literal.
#[derive(Debug, Clone, Copy)]
struct Char {
    c: char,
    escaped: bool,
    /// Byte offset in the line (of the backslash, for an escaped character).
    at: usize,
    /// Byte offset in the line just after it.
    end: usize,
}

/// A space-separated piece of the line.
#[derive(Debug)]
struct Token {
    chars: Vec<Char>,
    span: Range<usize>,
    /// Where a `"` opened a phrase that the line never closed.
    open_quote: Option<usize>,
}

impl Token {
    fn is_or(&self) -> bool {
        matches!(
            &self.chars[..],
            [Char {
                c: '|',
                escaped: false,
                ..
            }]
        )
    }
}

/// Splits the line at unescaped whitespace; `\x` is a literal `x` (`\ ` a space).
///
/// After `text:` or `x:`, a `"` opens a phrase that runs to the next `"`, spaces included
/// (`x:"intelligence sharing"`); its characters are literal. Elsewhere `"` is a character,
/// as it always was.
fn tokens(line: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars: Vec<Char> = Vec::new();
    let mut start = 0;
    let mut quote: Option<usize> = None;
    let mut iter = line.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        if let Some(opened) = quote {
            if full_width_to_ascii(c) == '"' {
                quote = None;
            } else if iter.peek().is_none() {
                chars.push(Char {
                    c,
                    escaped: true,
                    at,
                    end: at + c.len_utf8(),
                });
                out.push(Token {
                    chars: std::mem::take(&mut chars),
                    span: start..line.len(),
                    open_quote: Some(opened),
                });
            } else {
                chars.push(Char {
                    c,
                    escaped: true,
                    at,
                    end: at + c.len_utf8(),
                });
            }
            continue;
        }
        if full_width_to_ascii(c) == '"' && opens_phrase(&chars) {
            if chars.is_empty() {
                start = at;
            }
            quote = Some(at);
            if iter.peek().is_none() {
                out.push(Token {
                    chars: std::mem::take(&mut chars),
                    span: start..line.len(),
                    open_quote: Some(at),
                });
            }
            continue;
        }
        if c.is_whitespace() {
            if !chars.is_empty() {
                out.push(Token {
                    chars: std::mem::take(&mut chars),
                    span: start..at,
                    open_quote: None,
                });
            }
            continue;
        }
        // `a|b` is `a | b`: a bar is a token of its own wherever it stands.
        if c == '|' || full_width_to_ascii(c) == '|' {
            if !chars.is_empty() {
                out.push(Token {
                    chars: std::mem::take(&mut chars),
                    span: start..at,
                    open_quote: None,
                });
            }
            out.push(Token {
                chars: vec![Char {
                    c: '|',
                    escaped: false,
                    at,
                    end: at + c.len_utf8(),
                }],
                span: at..at + c.len_utf8(),
                open_quote: None,
            });
            continue;
        }
        if chars.is_empty() {
            start = at;
        }
        match (c, iter.peek()) {
            ('\\', Some(&(_, next))) => {
                iter.next();
                chars.push(Char {
                    c: next,
                    escaped: true,
                    at,
                    end: at + 1 + next.len_utf8(),
                });
            }
            _ => chars.push(Char {
                // Full-width forms of the syntax (`ｄ：＞２０１４`, as an input method types them)
                // read as their ASCII selves.
                c: full_width_to_ascii(c),
                escaped: false,
                at,
                end: at + c.len_utf8(),
            }),
        }
    }
    if !chars.is_empty() && quote.is_none() {
        out.push(Token {
            chars,
            span: start..line.len(),
            open_quote: None,
        });
    }
    out
}

/// Whether a `"` after `chars` opens a phrase: they are a text scope, with or without `!`.
fn opens_phrase(chars: &[Char]) -> bool {
    let mut rest = chars;
    if starts_with(rest, "!") {
        rest = &rest[1..];
    }
    let Some(&(prefix, _)) = SCOPES
        .iter()
        .find(|(p, s)| *s == Scope::Text && starts_with(rest, p))
    else {
        return false;
    };
    rest = &rest[prefix.len()..];
    rest.is_empty() || (rest.len() == 1 && starts_with(rest, "!"))
}

/// The field prefixes, long forms first. `#` needs no colon, as tags are written in feeds and
/// notes (`#energy`); a `#` inside a word (`c#`) is a character.
const SCOPES: [(&str, Scope); 12] = [
    ("title:", Scope::Title),
    ("t:", Scope::Title),
    ("author:", Scope::Author),
    ("a:", Scope::Author),
    ("date:", Scope::Date),
    ("d:", Scope::Date),
    ("tag:", Scope::Tag),
    ("#", Scope::Tag),
    ("source:", Scope::Source),
    ("s:", Scope::Source),
    ("text:", Scope::Text),
    ("x:", Scope::Text),
];

/// Whether `chars` start with `prefix`, unescaped (letters in either case: `T:` is `t:`).
fn starts_with(chars: &[Char], prefix: &str) -> bool {
    chars.len() >= prefix.chars().count()
        && chars
            .iter()
            .zip(prefix.chars())
            .all(|(ch, p)| !ch.escaped && ch.c.to_ascii_lowercase() == p)
}

/// One term; `None` for a term not yet typed (`!`, `t:`, `'`).
fn atom(token: &Token, today: Date) -> Result<Option<Atom>, QueryError> {
    let mut rest = &token.chars[..];
    let mut negated = false;
    if starts_with(rest, "!") {
        negated = true;
        rest = &rest[1..];
    }
    let mut scope = Scope::Any;
    if let Some(&(prefix, s)) = SCOPES.iter().find(|(p, _)| starts_with(rest, p)) {
        scope = s;
        rest = &rest[prefix.len()..];
    }
    if !negated && starts_with(rest, "!") {
        negated = true;
        rest = &rest[1..];
    }
    if let Some(at) = token.open_quote {
        return Err(QueryError::new(
            "a phrase needs its closing \"",
            at..token.span.end,
        ));
    }
    let Some(first) = rest.first() else {
        return Ok(None);
    };
    let span = token.span.clone();
    if scope == Scope::Text {
        return Ok(words_test(rest).map(|words| Atom {
            negated,
            scope,
            test: Test::Words(words),
            span,
        }));
    }
    // `d:` and a number or comparison is a date condition; `d:dec`, `d:'dec` and `d:2014$` are
    // text matched in the written dates.
    let suffix = matches!(
        rest.last(),
        Some(Char {
            c: '$',
            escaped: false,
            ..
        })
    );
    if scope == Scope::Date
        && !first.escaped
        && !suffix
        && (first.c.is_ascii_digit() || "<>=.".contains(first.c))
    {
        let text: String = rest.iter().map(|c| c.c).collect();
        let range = dates::date_condition(&text, today).map_err(|e| QueryError {
            message: e.message,
            span: line_span(rest, e.span),
        })?;
        return Ok(Some(Atom {
            negated,
            scope,
            test: Test::Date(range),
            span,
        }));
    }
    let Some(text) = text_test(rest, negated) else {
        return Ok(None);
    };
    Ok(Some(Atom {
        negated,
        scope,
        test: Test::Text(text),
        span,
    }))
}

/// A `text:` term's words, a trailing unescaped `*` making the last a prefix; `None` if no
/// word is left (`x:*`, `x:"`).
fn words_test(mut rest: &[Char]) -> Option<Words> {
    let mut prefix = false;
    if let [
        init @ ..,
        Char {
            c: '*',
            escaped: false,
            ..
        },
    ] = rest
    {
        prefix = true;
        rest = init;
    }
    let raw: String = rest.iter().map(|c| c.c).collect();
    let folded: Vec<String> = words::split(&raw).map(|(_, w)| w).collect();
    if folded.is_empty() {
        return None;
    }
    let case_sensitive = folded.iter().any(|w| w.chars().any(char::is_uppercase));
    Some(Words {
        words: if case_sensitive {
            folded
        } else {
            folded.iter().map(|w| lower(w)).collect()
        },
        prefix,
        case_sensitive,
    })
}

/// A text pattern with its `'`, `^` and `$` read; `None` if nothing is left.
fn text_test(mut rest: &[Char], negated: bool) -> Option<Text> {
    let mut kind = Kind::Fuzzy;
    // A lone `$` is the character itself, as in fzf.
    let lone = rest.len() == 1;
    // As in fzf, `'` turns the default over: `'word` is exact, and `!'word` leaves out what
    // `word` matches fuzzily while `!word` leaves out the exact characters.
    let quoted = starts_with(rest, "'");
    if quoted {
        kind = Kind::Exact;
        rest = &rest[1..];
    } else if starts_with(rest, "^") {
        kind = Kind::Prefix;
        rest = &rest[1..];
    }
    if let [
        init @ ..,
        Char {
            c: '$',
            escaped: false,
            ..
        },
    ] = rest
        && !lone
    {
        kind = if kind == Kind::Prefix {
            Kind::Whole
        } else {
            Kind::Suffix
        };
        rest = init;
    }
    if negated && quoted {
        kind = Kind::Fuzzy;
    } else if negated && kind == Kind::Fuzzy {
        // As in fzf, an excluded word is excluded where it appears whole, not fuzzily.
        kind = Kind::Exact;
    }
    let raw: String = rest.iter().map(|c| c.c).collect();
    let folded = fold(&raw);
    let case_sensitive = folded.chars().any(char::is_uppercase);
    // Nothing left once folded (a lone accent): a term still being typed.
    if folded.is_empty() {
        return None;
    }
    Some(Text {
        kind,
        case_sensitive,
        pattern: if case_sensitive {
            folded
        } else {
            lower(&folded)
        },
    })
}

/// Where a span of the text made of `chars` lies in the line they came from (escapes take room
/// in the line that the text does not have).
fn line_span(chars: &[Char], span: Range<usize>) -> Range<usize> {
    let mut offset = 0;
    let (mut start, mut end) = (None, None);
    for ch in chars {
        if offset == span.start {
            start = Some(ch.at);
        }
        offset += ch.c.len_utf8();
        if offset == span.end {
            end = Some(ch.end);
        }
    }
    let last = chars.last().map_or(0, |c| c.end);
    let start = start.unwrap_or(last);
    start..end.unwrap_or(last).max(start)
}

/// The ASCII character a full-width form (U+FF01–U+FF5E) stands for.
fn full_width_to_ascii(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use proptest::prelude::*;

    use super::*;

    const TODAY: Date = date(2026, 11, 28);

    fn parse(line: &str) -> Query {
        Query::parse(line, TODAY).unwrap_or_else(|e| panic!("{line:?}: {e}"))
    }

    /// The one term of a one-term query.
    fn one(line: &str) -> Atom {
        let q = parse(line);
        assert_eq!(q.groups.len(), 1, "{line:?}");
        assert_eq!(q.groups[0].atoms.len(), 1, "{line:?}");
        q.groups[0].atoms[0].clone()
    }

    fn text(line: &str) -> (bool, Scope, Kind, String, bool) {
        let a = one(line);
        let Test::Text(t) = a.test else {
            panic!("{line:?} is a date condition");
        };
        (a.negated, a.scope, t.kind, t.pattern, t.case_sensitive)
    }

    fn range(line: &str) -> (Option<Date>, Option<Date>) {
        let a = one(line);
        let Test::Date(r) = a.test else {
            panic!("{line:?} is not a date condition");
        };
        (r.from, r.to)
    }

    fn error(line: &str) -> (String, String) {
        let e = Query::parse(line, TODAY).expect_err(line);
        (e.message.clone(), line[e.span.clone()].to_string())
    }

    #[test]
    fn atoms() {
        use Kind::*;
        use Scope::Any;
        let s = |t: &str| t.to_string();
        let table = [
            ("harb", (false, Any, Fuzzy, s("harb"), false)),
            ("'harb", (false, Any, Exact, s("harb"), false)),
            ("^harb", (false, Any, Prefix, s("harb"), false)),
            ("harb$", (false, Any, Suffix, s("harb"), false)),
            ("^harb$", (false, Any, Whole, s("harb"), false)),
            ("!harb", (true, Any, Exact, s("harb"), false)),
            // fzf: `!'` leaves out fuzzy matches (it turns `!`'s exact back to fuzzy).
            ("!'harb", (true, Any, Fuzzy, s("harb"), false)),
            ("!^harb", (true, Any, Prefix, s("harb"), false)),
            ("!harb$", (true, Any, Suffix, s("harb"), false)),
            ("Harb", (false, Any, Fuzzy, s("Harb"), true)),
            ("café", (false, Any, Fuzzy, s("cafe"), false)),
            ("ＣＡＦＥ", (false, Any, Fuzzy, s("CAFE"), true)),
            // A lone `$` is the character, as in fzf.
            ("$", (false, Any, Fuzzy, s("$"), false)),
            ("!$", (true, Any, Exact, s("$"), false)),
            ("$$", (false, Any, Suffix, s("$"), false)),
        ];
        for (line, expected) in table {
            assert_eq!(text(line), expected, "{line:?}");
        }
    }

    #[test]
    fn escapes() {
        assert_eq!(text(r"tram\ line").3, "tram line");
        assert_eq!(text(r"\'quoted").2, Kind::Fuzzy);
        assert_eq!(text(r"\'quoted").3, "'quoted");
        assert!(!text(r"\!not").0);
        assert_eq!(text(r"price\$").2, Kind::Fuzzy);
        assert_eq!(text(r"price\$").3, "price$");
        assert_eq!(text(r"\|").3, "|");
        assert_eq!(text(r"back\\slash").3, r"back\slash");
        assert_eq!(text(r"\t:title").1, Scope::Any);
        assert_eq!(text(r"\t:title").3, "t:title");
    }

    #[test]
    fn scopes() {
        let table = [
            ("t:korea", Scope::Title),
            ("title:korea", Scope::Title),
            ("a:mcgrath", Scope::Author),
            ("author:mcgrath", Scope::Author),
            ("d:dec", Scope::Date),
            ("date:dec", Scope::Date),
            ("d:2014$", Scope::Date),
            ("tag:energy", Scope::Tag),
            ("#energy", Scope::Tag),
            ("TAG:energy", Scope::Tag),
            ("Tag:energy", Scope::Tag),
            ("source:ledger", Scope::Source),
            ("s:ledger", Scope::Source),
            ("S:ledger", Scope::Source),
            ("Source:ledger", Scope::Source),
            ("y:korea", Scope::Any),
            ("c#", Scope::Any),
            (r"\#energy", Scope::Any),
        ];
        for (line, scope) in table {
            assert_eq!(text(line).1, scope, "{line:?}");
        }
        assert_eq!(text("y:korea").3, "y:korea", "unknown prefixes are text");
        assert_eq!(text("t:'korea").2, Kind::Exact);
        assert_eq!(text("t:!korea"), text("!t:korea"));
        assert!(text("a:!mcgrath").0);
    }

    /// A `text:` term as read: negated, its words, prefix, case.
    type Read = (bool, Vec<String>, bool, bool);

    fn words(line: &str) -> Read {
        let a = one(line);
        assert_eq!(a.scope, Scope::Text, "{line:?}");
        let Test::Words(w) = a.test else {
            panic!("{line:?} is not a text term");
        };
        (a.negated, w.words, w.prefix, w.case_sensitive)
    }

    #[test]
    fn text_terms_are_words_prefixes_and_phrases() {
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let table: &[(&str, Read)] = &[
            ("x:thaad", (false, w(&["thaad"]), false, false)),
            ("text:thaad", (false, w(&["thaad"]), false, false)),
            ("X:thaad", (false, w(&["thaad"]), false, false)),
            ("TEXT:thaad", (false, w(&["thaad"]), false, false)),
            ("x:THAAD", (false, w(&["THAAD"]), false, true)),
            ("x:Pyŏngyang", (false, w(&["Pyongyang"]), false, true)),
            ("x:pyŏng*", (false, w(&["pyong"]), true, false)),
            (
                "x:\"intelligence sharing\"",
                (false, w(&["intelligence", "sharing"]), false, false),
            ),
            (
                "x:\"Intelligence  sharing\"",
                (false, w(&["Intelligence", "sharing"]), false, true),
            ),
            (
                "x:\"nuclear tal\"*",
                (false, w(&["nuclear", "tal"]), true, false),
            ),
            ("x:o'brien", (false, w(&["o", "brien"]), false, false)),
            ("!x:sponsored", (true, w(&["sponsored"]), false, false)),
            ("x:!sponsored", (true, w(&["sponsored"]), false, false)),
            (
                "!x:\"paid post\"",
                (true, w(&["paid", "post"]), false, false),
            ),
        ];
        for (line, expected) in table {
            assert_eq!(&words(line), expected, "{line:?}");
        }
        // Nothing to look for yet: skipped, as `t:` is.
        for line in ["x:", "x:*", "x:\"\"", "!x:", "x:\"...\"", "x:\\*"] {
            assert!(parse(line).is_empty(), "{line:?}");
        }
        // A quote elsewhere is a character, as before.
        assert_eq!(text("\"tram").3, "\"tram");
        assert_eq!(text("t:\"tram").3, "\"tram");
        assert_eq!(
            parse("x:pyong* !x:\"paid post\"").describe(),
            "text:pyong*  !text:\"paid post\""
        );
    }

    #[test]
    fn text_terms_combine_with_every_other_term() {
        let q = parse("a:mcgrath x:\"six party\" d:2014.. | x:talks !x:sponsored #korea");
        let scopes: Vec<Vec<Scope>> = q
            .groups
            .iter()
            .map(|g| g.atoms.iter().map(|a| a.scope).collect())
            .collect();
        assert_eq!(
            scopes,
            [
                vec![Scope::Author],
                vec![Scope::Text],
                vec![Scope::Date, Scope::Text],
                vec![Scope::Text],
                vec![Scope::Tag],
            ]
        );
    }

    #[test]
    fn an_unclosed_phrase_is_an_error_from_its_quote() {
        assert_eq!(
            error("t:korea x:\"intelligence sha"),
            (
                "a phrase needs its closing \"".into(),
                "\"intelligence sha".into()
            )
        );
        assert_eq!(error("x:\"").1, "\"");
        assert_eq!(error("!x:\"a b  ").1, "\"a b  ");
    }

    #[test]
    fn tag_and_source_terms_take_every_atom() {
        use Kind::*;
        let s = |t: &str| t.to_string();
        let table = [
            ("#energy", (false, Scope::Tag, Fuzzy, s("energy"), false)),
            ("#'ener", (false, Scope::Tag, Exact, s("ener"), false)),
            ("#^ener", (false, Scope::Tag, Prefix, s("ener"), false)),
            ("#gy$", (false, Scope::Tag, Suffix, s("gy"), false)),
            ("#^energy$", (false, Scope::Tag, Whole, s("energy"), false)),
            ("!#sport", (true, Scope::Tag, Exact, s("sport"), false)),
            ("#!sport", (true, Scope::Tag, Exact, s("sport"), false)),
            ("tag:!'sport", (true, Scope::Tag, Fuzzy, s("sport"), false)),
            ("#Énergie", (false, Scope::Tag, Fuzzy, s("Energie"), true)),
            ("＃energy", (false, Scope::Tag, Fuzzy, s("energy"), false)),
            ("s:^the", (false, Scope::Source, Prefix, s("the"), false)),
            (
                "!source:ledger$",
                (true, Scope::Source, Suffix, s("ledger"), false),
            ),
            (
                r"s:the\ ledger",
                (false, Scope::Source, Fuzzy, s("the ledger"), false),
            ),
        ];
        for (line, expected) in table {
            assert_eq!(text(line), expected, "{line:?}");
        }
        // `#` and `s:` terms join `|` groups like any other.
        let q = parse("#energy | s:ledger harbour");
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[0].atoms[1].scope, Scope::Source);
        assert_eq!(
            parse("#energy !s:ledger").describe(),
            "tag:energy  !source:'ledger"
        );
        // `s:2014` is text: only `d:` reads dates.
        assert_eq!(text("s:2014").3, "2014");
    }

    #[test]
    fn and_or_grouping() {
        let q = parse("a | b c | d e");
        let sizes: Vec<usize> = q.groups.iter().map(|g| g.atoms.len()).collect();
        assert_eq!(sizes, [2, 2, 1]);
        assert_eq!(parse("a b").groups.len(), 2);
        // Dangling bars are still being typed: ignored.
        assert_eq!(parse("| a |").groups.len(), 1);
        assert_eq!(parse("a | | b").groups[0].atoms.len(), 2);
        assert_eq!(parse(r"a \| b").groups.len(), 3);
    }

    #[test]
    fn terms_that_fold_to_nothing_are_skipped() {
        // A lone accent, as typed before its letter: nothing to match yet (it used to reach
        // `windows(0)` and panic).
        assert_eq!(parse("x \u{301}").groups.len(), 1);
        assert!(parse("'\u{301}").is_empty());
        assert!(parse("!\u{301}").is_empty());
    }

    #[test]
    fn full_width_syntax_reads_as_ascii() {
        assert_eq!(range("ｄ：＞２０１４"), (Some(date(2015, 1, 1)), None));
        assert_eq!(text("ｔ：'ｃａｆｅ").2, Kind::Exact);
    }

    #[test]
    fn unfinished_terms_are_skipped() {
        for line in [
            "", "   ", "!", "'", "^", "^$", "t:", "!a:", "d:", "|", "#", "!#", "#!", "#'", "tag:",
            "TAG:", "s:", "source:", "!s:",
        ] {
            assert!(parse(line).is_empty(), "{line:?}");
        }
        // A lone `$` is not an unfinished suffix but the character, as in fzf.
        assert_eq!(parse("$").groups.len(), 1);
        assert_eq!(parse("harb !").groups.len(), 1);
    }

    #[test]
    fn dates() {
        let d = |y, m, dd| Some(date(y, m, dd));
        let table = [
            ("d:2014", (d(2014, 1, 1), d(2014, 12, 31))),
            ("d:2014-12", (d(2014, 12, 1), d(2014, 12, 31))),
            ("d:2014-2", (d(2014, 2, 1), d(2014, 2, 28))),
            ("d:2016-02", (d(2016, 2, 1), d(2016, 2, 29))),
            ("d:2014-12-31", (d(2014, 12, 31), d(2014, 12, 31))),
            ("date:=2014-12-31", (d(2014, 12, 31), d(2014, 12, 31))),
            ("d:>2014-06", (d(2014, 7, 1), None)),
            ("d:>=2014-06-01", (d(2014, 6, 1), None)),
            ("d:<2015", (None, d(2014, 12, 31))),
            ("d:<=2015-01-31", (None, d(2015, 1, 31))),
            ("d:<=2015-01", (None, d(2015, 1, 31))),
            ("d:2014-06..2015-01", (d(2014, 6, 1), d(2015, 1, 31))),
            ("d:2014..", (d(2014, 1, 1), None)),
            ("d:..2015", (None, d(2015, 12, 31))),
            ("d:2014..2014", (d(2014, 1, 1), d(2014, 12, 31))),
            // Ages count back from today, 2026-11-28.
            ("d:<30d", (d(2026, 10, 30), None)),
            ("d:<=30d", (d(2026, 10, 29), None)),
            ("d:<6m", (d(2026, 5, 29), None)),
            ("d:<2w", (d(2026, 11, 15), None)),
            ("d:>1y", (None, d(2025, 11, 27))),
            ("d:>=1y", (None, d(2025, 11, 28))),
        ];
        for (line, expected) in table {
            assert_eq!(range(line), expected, "{line:?}");
        }
        assert!(one("!d:2014").negated);
        assert!(one("d:!2014").negated);
    }

    #[test]
    fn errors_say_what_and_where() {
        let table = [
            ("d:2014-13", "there is no month 13", "13"),
            ("d:2014-00", "there is no month 00", "00"),
            ("d:2015-02-29", "February 2015 has 28 days", "29"),
            ("d:2014-04-31", "April 2014 has 30 days", "31"),
            ("d:14", "a year has four digits, not “14”", "14"),
            ("d:>yesterday", "“yesterday” is not a date", "yesterday"),
            ("d:>", "a date or an age after >", ">"),
            ("d:30d", "an age needs < or >", "30d"),
            ("d:=30d", "an age needs < or >", "=30d"),
            ("d:..", "a range needs a date", ".."),
            (
                "d:2015..2014",
                "this range ends before it starts",
                "2015..2014",
            ),
            ("d:2014-1x", "“2014-1x” is not a date", "2014-1x"),
            ("d:<99999999999y", "that is too far back", "99999999999y"),
            ("d:<19000y", "that is too far back", "19000y"),
        ];
        for (line, message, at) in table {
            let (m, span) = error(line);
            assert!(m.starts_with(message), "{line:?}: {m}");
            assert_eq!(span, at, "{line:?}");
        }
        // The calendar has ends.
        assert_eq!(error("d:>9999").0, "no date comes after 9999-12-31");
        // Escapes take room in the line: the span still lands on the right characters.
        let e = Query::parse(r"d:20\14-13", TODAY).unwrap_err();
        assert_eq!(&r"d:20\14-13"[e.span.clone()], "13");
        let line = "d:2014\\ é";
        let e = Query::parse(line, TODAY).unwrap_err();
        assert_eq!(&line[e.span.clone()], "2014\\ é");
        // Later terms are placed in the whole line.
        let e = Query::parse("harbour  d:2014-13", TODAY).unwrap_err();
        assert_eq!(e.span, 16..18);
        assert_eq!(e.column("harbour  d:2014-13"), 17);
        assert_eq!(
            e.caret("harbour  d:2014-13"),
            "harbour  d:2014-13\n                ^^"
        );
    }

    #[test]
    fn descriptions_show_how_each_term_was_read() {
        assert_eq!(
            parse("korea a:mcgrath | t:^Tram$ !café d:2014-06..2015-01 d:<30d").describe(),
            "any:korea  author:mcgrath | title:^Tram$  !any:'cafe  date:2014-06-01…2015-01-31  \
             date:≥ 2026-10-30"
        );
        // `!'café` leaves out fuzzy matches: shown without the exact mark.
        assert_eq!(parse("!'café").describe(), "!any:cafe");
    }

    #[test]
    fn dates_still_being_typed() {
        for line in [
            "d:2",
            "d:201",
            "d:2014-",
            "d:2014-1",
            "d:2014-0",
            "d:2014-12-",
            "d:2014-12-3",
            "d:>",
            "d:<30",
            "harbour d:2014-1",
            "!d:201",
            "d:2014..201",
            "d:..2",
        ] {
            assert!(unfinished_date(line), "{line:?}");
        }
        for line in [
            "d:2014",
            "d:2014-12",
            "d:2014-2",
            "d:2014-12-31",
            "d:2014-12-4",
            "d:2014-1 ",
            "d:2014..",
            "d:<30d",
            "harbour",
            "d:dec",
            "2014-1",
            "d:2014-13",
        ] {
            assert!(!unfinished_date(line), "{line:?}");
        }
    }

    #[test]
    fn bars_need_no_spaces_and_fields_no_case() {
        assert_eq!(parse("tram|ferry").groups[0].atoms.len(), 2);
        assert_eq!(parse("tram || ferry").groups[0].atoms.len(), 2);
        assert_eq!(text("T:korea").1, Scope::Title);
        assert_eq!(text("Author:mcgrath").1, Scope::Author);
        assert_eq!(
            range("D:2014"),
            (Some(date(2014, 1, 1)), Some(date(2014, 12, 31)))
        );
        assert_eq!(text(r"a:^A\|B$").3, "A|B");
    }

    #[test]
    fn narrowing() {
        let narrows = |old: &str, new: &str| parse(new).narrows(&parse(old));
        // Typing on, or adding a term, narrows.
        assert!(narrows("", "h"));
        assert!(narrows("harb", "harbo"));
        assert!(narrows("harb", "harb quinn"));
        assert!(narrows("harb", "harb "));
        // A capital makes the term respect case: it matches less, never more.
        assert!(narrows("harb", "Harb"));
        assert!(!narrows("Harb", "Harbo".to_lowercase().as_str()));
        assert!(narrows("harb", "harbO"));
        assert!(narrows("^har", "^harb$"));
        assert!(narrows("har", "har$"));
        assert!(narrows("'har", "'harb"));
        assert!(narrows("a | b", "a | b c"));
        // Anything that can widen does not.
        assert!(!narrows("!a", "!ab"));
        assert!(!narrows("d:>2014", "d:>2014-06"));
        assert!(!narrows("a", "a | b"));
        assert!(!narrows("har$", "harb$"));
        assert!(!narrows("harb", "har"));
        assert!(!narrows("20", "20a"));
        assert!(!narrows("a b", "a"));
        assert!(narrows("harB", "harBo"));
        // From four letters a term forgives a typo, which can match words the three did not.
        assert!(!narrows("har", "harb"));
        assert!(narrows("harbo", "harbou"));
    }

    #[test]
    fn escaped_text_reads_back_whole() {
        let line = format!("a:^{}$", escape(r"Ada \ Quinn"));
        assert_eq!(line, r"a:^Ada\ \\\ Quinn$");
        assert_eq!(
            text(&line),
            (
                false,
                Scope::Author,
                Kind::Whole,
                r"Ada \ Quinn".to_string(),
                true
            )
        );
    }

    proptest! {
        #[test]
        fn escaped_names_parse_to_themselves(name in "\\PC{1,30}") {
            prop_assume!(!fold(&name).is_empty());
            let line = format!("a:^{}$", escape(&name));
            let q = Query::parse(&line, TODAY).unwrap();
            let atoms: Vec<&Atom> = q.atoms().collect();
            prop_assert_eq!(atoms.len(), 1);
            let Test::Text(t) = &atoms[0].test else { panic!("text expected") };
            prop_assert_eq!(t.kind, Kind::Whole);
            prop_assert_eq!(&t.pattern, &fold(&name));
        }

        #[test]
        fn any_line_parses_or_fails_cleanly(line in "\\PC{0,40}") {
            match Query::parse(&line, TODAY) {
                Ok(q) => for atom in q.atoms() {
                    prop_assert!(line.get(atom.span.clone()).is_some());
                },
                Err(e) => {
                    prop_assert!(line.get(e.span.clone()).is_some());
                    prop_assert!(!e.message.is_empty());
                }
            }
        }

        #[test]
        fn query_shaped_lines_never_panic(
            line in "[!'^$|\\\\ tadgs#:<>=.0-9-]{0,30}"
        ) {
            let _ = Query::parse(&line, TODAY);
        }
    }
}

//! Searching inside the article on screen: every place a pattern occurs in the set lines, even
//! where a line break (or a hyphen the setting added) falls inside it.
//!
//! The search runs over the text as written, rebuilt from the lines of each block: the lines are
//! joined with one space (or none after an added hyphen), the stretched spaces of justified
//! lines count as one, and quote bars and list markers are left out. Smart case and accent
//! folding work as in the filter line. An article opened from a `text:` term is searched for
//! that term's words as the term matches them (whole words, the last a prefix after `*`, a
//! phrase across punctuation) rather than for its letters.

use std::ops::Range;

use crate::query::Words;
use crate::query::fold::{Folded, lower};
use crate::query::words;
use crate::reading::reflow::{Line, Position};

/// The most places a `text:` term is lit in one block.
const MOST_WORD_HITS: usize = 10_000;

/// One place the pattern occurs: the pieces of it on each line it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// (line index, character range in that line's text).
    pub segments: Vec<(usize, Range<usize>)>,
}

impl Hit {
    /// The line the hit starts on.
    pub fn line(&self) -> usize {
        self.segments.first().map_or(0, |(line, _)| *line)
    }
}

/// Every place `pattern` occurs in `lines`, in reading order; or, given a `text:` term's
/// `words`, every place they match.
pub fn search(lines: &[Line], pattern: &str, words: Option<&Words>) -> Vec<Hit> {
    let pattern = Folded::new(pattern.trim()).text;
    if pattern.is_empty() && words.is_none() {
        return Vec::new();
    }
    let case_sensitive = pattern.chars().any(char::is_uppercase);
    let pattern: Vec<char> = if case_sensitive {
        pattern.chars().collect()
    } else {
        lower(&pattern).chars().collect()
    };
    let mut hits = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        // A run of lines from one block (the header is a block of its own, line by line).
        let at = lines[start].at;
        let mut end = start + 1;
        while end < lines.len() && same_block(at, lines[end].at) {
            end += 1;
        }
        let (text, places) = block_text(lines, start..end);
        hits.extend(match words {
            Some(term) => words_in(&text, &places, term),
            None => search_block(&text, &places, &pattern, case_sensitive),
        });
        start = end;
    }
    hits
}

fn same_block(a: Position, b: Position) -> bool {
    a.block.is_some() && a.block == b.block
}

/// Where each character of a block's text is on screen (line, column); `None` for the space
/// that stands for a line break.
type Places = Vec<Option<(usize, usize)>>;

/// The text of lines `range`, which hold one block, and where each of its characters is.
fn block_text(lines: &[Line], range: Range<usize>) -> (String, Places) {
    let mut text = String::new();
    // `None` for the space that stands for a line break: it is not on screen.
    let mut places: Vec<Option<(usize, usize)>> = Vec::new();
    for n in range {
        let line = &lines[n];
        let chars: Vec<char> = line.text().chars().collect();
        let mut body = &chars[line.lead.min(chars.len())..];
        if line.hyphen {
            body = &body[..body.len().saturating_sub(1)];
        }
        if !text.is_empty() && !text.ends_with(' ') && !body.is_empty() {
            // No space where a word was broken: at an added hyphen, or at the edge.
            let broken = n > 0 && (lines[n - 1].hyphen || lines[n - 1].continues);
            if !broken {
                text.push(' ');
                places.push(None);
            }
        }
        for (i, &c) in body.iter().enumerate() {
            // Stretched spaces count once.
            if c == ' ' && text.ends_with(' ') {
                continue;
            }
            text.push(c);
            places.push(Some((n, line.lead + i)));
        }
    }
    (text, places)
}

/// The hit covering characters `first..=last` of a block's text.
fn hit(places: &Places, first: usize, last: usize) -> Hit {
    let mut segments: Vec<(usize, Range<usize>)> = Vec::new();
    for &(line, column) in places[first..=last.min(places.len() - 1)].iter().flatten() {
        match segments.last_mut() {
            Some((l, r)) if *l == line && r.end == column => r.end = column + 1,
            _ => segments.push((line, column..column + 1)),
        }
    }
    Hit { segments }
}

/// The places a `text:` term's words match in a block's text.
fn words_in(text: &str, places: &Places, term: &Words) -> Vec<Hit> {
    // Character index of each byte that starts one.
    let mut chars = vec![0; text.len() + 1];
    for (n, (at, _)) in text.char_indices().enumerate() {
        chars[at] = n;
    }
    words::find(text, term, MOST_WORD_HITS)
        .into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            let last = text[..r.end]
                .char_indices()
                .next_back()
                .map_or(0, |(at, _)| at);
            hit(places, chars[r.start], chars[last])
        })
        .collect()
}

/// The places `pattern` occurs in a block's text.
fn search_block(text: &str, places: &Places, pattern: &[char], case_sensitive: bool) -> Vec<Hit> {
    let folded = Folded::new(text);
    let haystack: Vec<char> = if case_sensitive {
        folded.text.chars().collect()
    } else {
        lower(&folded.text).chars().collect()
    };
    let mut hits = Vec::new();
    let mut i = 0;
    while i + pattern.len() <= haystack.len() {
        if haystack[i..i + pattern.len()] != *pattern {
            i += 1;
            continue;
        }
        let first = folded.original_index(i);
        let last = folded.original_index(i + pattern.len() - 1);
        hits.push(hit(places, first, last));
        i += pattern.len();
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Body, Inline, Span};
    use crate::reading::reflow::{self, Header, Setting};

    fn lines(text: &str, setting: Setting) -> Vec<Line> {
        let body = Body {
            blocks: vec![
                Block::Paragraph(vec![Span::new(text, Inline::Plain)]),
                Block::Quote(vec![Span::new(
                    "Café society, quoted at length",
                    Inline::Plain,
                )]),
            ],
        };
        let header = Header {
            title: "Harbour news",
            byline: String::new(),
            about: String::new(),
            stats: String::new(),
        };
        reflow::article(&header, &body, setting)
    }

    fn texts(lines: &[Line], hit: &Hit) -> Vec<String> {
        hit.segments
            .iter()
            .map(|(l, r)| {
                lines[*l]
                    .text()
                    .chars()
                    .skip(r.start)
                    .take(r.len())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn finds_every_hit_with_smart_case() {
        let set = lines(
            "The harbour opened. A harbour master spoke of the Harbour Board.",
            Setting::plain(30),
        );
        assert_eq!(search(&set, "harbour", None).len(), 4, "with the title's");
        assert_eq!(search(&set, "Harbour", None).len(), 2);
        assert!(search(&set, "zzz", None).is_empty());
        assert!(search(&set, "  ", None).is_empty());
    }

    #[test]
    fn a_hit_may_span_a_line_break() {
        let set = lines("one two three four five six", Setting::plain(14));
        let hits = search(&set, "three four", None);
        assert_eq!(hits.len(), 1);
        assert_eq!(texts(&set, &hits[0]), ["three", "four"]);
        assert_eq!(hits[0].segments[1].0, hits[0].segments[0].0 + 1);
    }

    #[test]
    fn across_added_hyphens_stretched_spaces_and_quote_bars() {
        let setting = Setting {
            width: 14,
            justify: true,
            hyphenate: true,
        };
        let set = lines("an extraordinarily consequential announcement", setting);
        assert_eq!(search(&set, "extraordinarily", None).len(), 1);
        assert_eq!(search(&set, "consequential announcement", None).len(), 1);
        // Accents fold; the quote bar is not part of the text.
        let hits = search(&set, "cafe society", None);
        assert_eq!(hits.len(), 1);
        assert!(texts(&set, &hits[0]).concat().starts_with("Café"));
        assert!(search(&set, "│", None).is_empty());
    }

    fn term(line: &str) -> Words {
        let query = crate::query::Query::parse(line, jiff::civil::date(2026, 12, 2)).unwrap();
        query.text_term().unwrap().clone()
    }

    #[test]
    fn a_text_term_lights_what_it_matched_not_its_letters() {
        let set = lines(
            "The harbours and the harbour; Harbourmaster O’Brien spoke of intelligence — \
             sharing it, at the harbour.",
            Setting::plain(24),
        );
        let found = |line: &str| -> Vec<String> {
            let words = term(line);
            let hits = search(&set, "", Some(&words));
            hits.iter().map(|h| texts(&set, h).join(" ")).collect()
        };
        // Whole words, the title's too; a substring would light "harbours" and
        // "Harbourmaster".
        assert_eq!(found("x:harbour"), ["Harbour", "harbour", "harbour"]);
        assert_eq!(found("x:harbour*").len(), 5);
        assert_eq!(found("x:Harbour"), ["Harbour"]);
        // A phrase across punctuation, and a name with an apostrophe.
        assert_eq!(found("x:\"intelligence sharing\"").len(), 1);
        assert_eq!(found("x:o'brien"), ["O’Brien"]);
        assert!(found("x:brie").is_empty());
    }
}

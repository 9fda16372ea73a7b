//! Searching inside the article on screen: every place a pattern occurs in the set lines, even
//! where a line break (or a hyphen the setting added) falls inside it.
//!
//! The search runs over the text as written, rebuilt from the lines of each block: the lines are
//! joined with one space (or none after an added hyphen), the stretched spaces of justified
//! lines count as one, and quote bars and list markers are left out. Smart case and accent
//! folding work as in the filter line.

use std::ops::Range;

use crate::query::fold::{Folded, lower};
use crate::reading::reflow::{Line, Position};

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

/// Every place `pattern` occurs in `lines`, in reading order.
pub fn search(lines: &[Line], pattern: &str) -> Vec<Hit> {
    let pattern = Folded::new(pattern.trim()).text;
    if pattern.is_empty() {
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
        hits.extend(search_block(lines, start..end, &pattern, case_sensitive));
        start = end;
    }
    hits
}

fn same_block(a: Position, b: Position) -> bool {
    a.block.is_some() && a.block == b.block
}

/// The hits in lines `range`, which hold one block.
fn search_block(
    lines: &[Line],
    range: Range<usize>,
    pattern: &[char],
    case_sensitive: bool,
) -> Vec<Hit> {
    // The block's text, and where each of its characters is on screen.
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
    let folded = Folded::new(&text);
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
        let mut segments: Vec<(usize, Range<usize>)> = Vec::new();
        for &(line, column) in places[first..=last.min(places.len() - 1)].iter().flatten() {
            match segments.last_mut() {
                Some((l, r)) if *l == line && r.end == column => r.end = column + 1,
                _ => segments.push((line, column..column + 1)),
            }
        }
        hits.push(Hit { segments });
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
        assert_eq!(search(&set, "harbour").len(), 4, "with the title's");
        assert_eq!(search(&set, "Harbour").len(), 2);
        assert!(search(&set, "zzz").is_empty());
        assert!(search(&set, "  ").is_empty());
    }

    #[test]
    fn a_hit_may_span_a_line_break() {
        let set = lines("one two three four five six", Setting::plain(14));
        let hits = search(&set, "three four");
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
        assert_eq!(search(&set, "extraordinarily").len(), 1);
        assert_eq!(search(&set, "consequential announcement").len(), 1);
        // Accents fold; the quote bar is not part of the text.
        let hits = search(&set, "cafe society");
        assert_eq!(hits.len(), 1);
        assert!(texts(&set, &hits[0]).concat().starts_with("Café"));
        assert!(search(&set, "│").is_empty());
    }
}

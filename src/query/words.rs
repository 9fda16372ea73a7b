//! Words of an article's body, as `text:` terms and the full-text index see them.
//!
//! A word is a run of letters and digits (SQLite's `unicode61` tokenizer draws the same line),
//! folded as everything else is (`fold`: accents off, `ß` → `ss`). The index is given the folded
//! body, so a query word folded here means the same thing to it; this module also finds a
//! term's places in a body, for the articles the index has not seen yet, for smart case (the
//! index ignores case), for snippets and for lighting hits in the reading pane.

use std::ops::Range;

use crate::query::Words;
use crate::query::fold::{fold, lower};

/// Each word of `text`: its bytes in `text` and the word folded (case kept).
pub fn split(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = at;
                break;
            }
            chars.next();
        }
        Some((start..end, fold(&text[start..end])))
    })
}

/// The body as the index is given it: folded, so its tokenizer splits the words [`split`]
/// finds (it lowers case itself).
pub fn for_index(text: &str) -> String {
    fold(text)
}

/// Whether one word of the text matches a word of the term (the last one may be a prefix).
fn word_matches(word: &str, pattern: &str, prefix: bool, case_sensitive: bool) -> bool {
    let lowered;
    let word = if case_sensitive {
        word
    } else {
        lowered = lower(word);
        &lowered
    };
    if prefix {
        word.starts_with(pattern)
    } else {
        word == pattern
    }
}

/// Where `term` matches in `text`, in bytes, first to last, at most `cap` places: each place
/// runs from its first word to its last.
pub fn find(text: &str, term: &Words, cap: usize) -> Vec<Range<usize>> {
    let n = term.words.len();
    let mut found = Vec::new();
    if n == 0 {
        return found;
    }
    // The last n words seen, to match a phrase ending at each word.
    let mut window: Vec<(Range<usize>, String)> = Vec::with_capacity(n);
    for (range, word) in split(text) {
        if window.len() == n {
            window.remove(0);
        }
        window.push((range, word));
        if window.len() < n {
            continue;
        }
        let all = window
            .iter()
            .zip(&term.words)
            .enumerate()
            .all(|(i, ((_, w), p))| {
                word_matches(w, p, term.prefix && i == n - 1, term.case_sensitive)
            });
        if all {
            found.push(window[0].0.start..window[n - 1].0.end);
            if found.len() >= cap {
                break;
            }
        }
    }
    found
}

/// One line of `text` around its first place in `found`, at most about `width` characters,
/// with the places inside it, in bytes of the line returned.
pub fn snippet(
    text: &str,
    found: &[Range<usize>],
    width: usize,
) -> Option<(String, Vec<Range<usize>>)> {
    let first = found.first()?;
    let before = width / 3;
    // Back `before` characters from the hit, and on to `width` characters in all.
    let mut start = first.start;
    for (i, (at, _)) in text[..first.start].char_indices().rev().enumerate() {
        if i >= before {
            break;
        }
        start = at;
    }
    // Whole words at both ends: from the first space after the cut, to the last before it.
    if start > 0
        && let Some(space) = text[start..first.start].find(char::is_whitespace)
    {
        start += space;
    }
    let mut end = text.len();
    for (i, (at, _)) in text[start..].char_indices().enumerate() {
        if i >= width {
            end = start + at;
            break;
        }
    }
    let mut end = end.max(first.end.min(text.len()));
    if end < text.len()
        && let Some(space) = text[first.end.min(end)..end].rfind(char::is_whitespace)
    {
        end = first.end.min(end) + space;
    }
    let mut line = String::new();
    let mut map: Vec<usize> = Vec::new();
    let lead = if start > 0 { "…" } else { "" };
    line.push_str(lead);
    let mut space = false;
    for (at, c) in text[start..end].char_indices() {
        // Line breaks and runs of spaces become one space: a snippet is one line.
        if c.is_whitespace() {
            if !space && !line.ends_with('…') {
                line.push(' ');
                map.push(start + at);
            }
            space = true;
            continue;
        }
        space = false;
        map.push(start + at);
        line.push(c);
    }
    if end < text.len() {
        line.push('…');
    }
    // Byte offsets in the line of each kept character, to map places back.
    let offsets: Vec<(usize, usize)> = line
        .char_indices()
        .skip(lead.chars().count())
        .map(|(o, _)| o)
        .zip(map.iter().copied())
        .map(|(o, at)| (at, o))
        .collect();
    let to_line = |at: usize| {
        offsets
            .iter()
            .find(|(src, _)| *src >= at)
            .map_or(line.len(), |&(_, o)| o)
    };
    let places = found
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| to_line(r.start)..to_line(r.end))
        .collect();
    Some((line, places))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(words: &[&str], prefix: bool, case_sensitive: bool) -> Words {
        Words {
            words: words.iter().map(|w| w.to_string()).collect(),
            prefix,
            case_sensitive,
        }
    }

    fn places<'a>(text: &'a str, t: &Words) -> Vec<&'a str> {
        find(text, t, 100).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn words_are_letters_and_digits_folded() {
        let words: Vec<String> = split("Pyŏngyang's THAAD, 2014—Straße")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words, ["Pyongyang", "s", "THAAD", "2014", "Strasse"]);
    }

    #[test]
    fn whole_words_prefixes_and_phrases() {
        let text = "Intelligence sharing with Pyŏngyang; the pyongyanger sharing.";
        assert_eq!(
            places(text, &term(&["pyongyang"], false, false)),
            ["Pyŏngyang"]
        );
        assert_eq!(
            places(text, &term(&["pyong"], true, false)),
            ["Pyŏngyang", "pyongyanger"]
        );
        assert_eq!(
            places(text, &term(&["intelligence", "sharing"], false, false)),
            ["Intelligence sharing"]
        );
        assert!(places(text, &term(&["sharing", "intelligence"], false, false)).is_empty());
        assert!(places(text, &term(&["share"], false, false)).is_empty());
    }

    #[test]
    fn a_capital_respects_case() {
        let text = "thaad and THAAD";
        assert_eq!(places(text, &term(&["THAAD"], false, true)), ["THAAD"]);
        assert_eq!(places(text, &term(&["thaad"], false, false)).len(), 2);
        assert!(places("thaad", &term(&["THAAD"], false, true)).is_empty());
        assert_eq!(
            places("xx THAAD", &term(&["thaad"], false, false)),
            ["THAAD"]
        );
    }

    #[test]
    fn snippets_are_one_line_around_the_first_hit() {
        let text =
            "First line.\n\nThen the word Pyongyang\nappears here and goes on for a while longer.";
        let found = find(text, &term(&["pyongyang"], false, false), 10);
        let (line, lit) = snippet(text, &found, 30).unwrap();
        assert!(!line.contains('\n'), "{line}");
        assert_eq!(&line[lit[0].clone()], "Pyongyang");
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        // Cut between words, not inside them.
        assert_eq!(line, "…the word Pyongyang appears…");
    }
}

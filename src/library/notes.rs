//! Notes as a reader sees them, whatever the source wrote: a raised number where the note is
//! referred to (`¹`), and the notes listed under a "Notes" heading at the end of the body, each
//! marked with its number. Markdown footnotes (`[^1]`) and a saved page's footnotes (pandoc's,
//! Wikipedia's, WordPress's) both end here, so they read alike.

use crate::article::{Block, Inline, Span};

/// The notes under a "Notes" heading, by number, each marked with its number raised.
pub fn notes_list(mut notes: Vec<(usize, Vec<Block>)>) -> Vec<Block> {
    // A label written twice is one note, the first.
    notes.sort_by_key(|(n, _)| *n);
    notes.dedup_by_key(|(n, _)| *n);
    let mut list = Vec::new();
    for (n, mut blocks) in notes {
        let mut spans: Vec<Span> = Vec::new();
        for run in blocks.iter_mut().flat_map(Block::runs_mut) {
            if !spans.is_empty() {
                spans.push(Span::new(" ", Inline::Plain));
            }
            spans.append(run);
        }
        if spans.is_empty() {
            continue;
        }
        if list.is_empty() {
            list.push(Block::Heading(vec![Span::new("Notes", Inline::Plain)]));
        }
        list.push(Block::Item {
            marker: superscript(n),
            depth: 0,
            spans,
        });
    }
    list
}

/// `n` in superscript digits (`¹²`), as a note is marked: a link's number is `[12]`.
pub fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|d| DIGITS[usize::from(d - b'0')])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_listed_by_number_once_each() {
        let note = |text: &str| vec![Block::Paragraph(vec![Span::new(text, Inline::Plain)])];
        let list = notes_list(vec![
            (2, note("b")),
            (1, note("a")),
            (2, note("again")),
            (3, vec![]),
        ]);
        let texts: Vec<String> = list.iter().map(Block::text).collect();
        assert_eq!(texts, ["Notes", "a", "b"]);
        assert!(notes_list(Vec::new()).is_empty(), "no notes, no heading");
        assert_eq!(superscript(10), "¹⁰");
        assert_eq!(superscript(0), "⁰");
    }
}

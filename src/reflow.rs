//! Reflow: an article's header and body set as lines of a given width, with styles kept.
//!
//! Words are runs between spaces; a word may change style midway (`*Interview*,`). Lines are
//! broken by textwrap's first-fit algorithm over these styled words, measured by display width,
//! so wide characters count double and no line is ever wider than asked. A word wider than the
//! line (a long URL) is broken into pieces that fit.

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::article::{Block, Body, Inline, Parsed, Span};
use crate::date;

/// What a piece of text is, so the screen can style it by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    Title,
    Meta,
    Heading,
    /// Text in a block quote.
    Quote,
    /// A quote bar or a list marker.
    Marker,
    Text(Inline),
}

/// A run of text in one tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub tone: Tone,
}

/// One line of set text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub pieces: Vec<Piece>,
}

impl Line {
    /// The line's text without styles.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }

    fn push(&mut self, text: &str, tone: Tone) {
        match self.pieces.last_mut() {
            Some(last) if last.tone == tone => last.text.push_str(text),
            _ => self.pieces.push(Piece {
                text: text.to_string(),
                tone,
            }),
        }
    }
}

/// The header of an article as the reading pane shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header<'a> {
    pub title: &'a str,
    /// Author and date, already joined (`Ben McGrath · 31 December 2014`).
    pub byline: String,
}

impl<'a> Header<'a> {
    /// The header of a parsed article: its title, and its author and long date joined.
    pub fn of(parsed: &'a Parsed) -> Self {
        let byline = [parsed.author.clone(), parsed.date.map(date::long)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        Self {
            title: &parsed.title,
            byline,
        }
    }
}

/// Sets a whole article: title, byline, a blank line, then the blocks separated by blank lines.
pub fn article(header: &Header<'_>, body: &Body, width: usize) -> Vec<Line> {
    let width = width.max(1);
    let mut lines = wrap(
        &[Span::new(header.title, Inline::Plain)],
        Tone::Title,
        width,
    );
    if !header.byline.is_empty() {
        lines.extend(wrap(
            &[Span::new(header.byline.as_str(), Inline::Plain)],
            Tone::Meta,
            width,
        ));
    }
    let mut previous: Option<&Block> = None;
    for block in &body.blocks {
        // Items of one list and lines of one code block sit on consecutive lines; paragraphs of
        // one quote keep their bar across the blank line; other blocks have a blank line between.
        match (previous, block) {
            (Some(Block::Item { .. }), Block::Item { .. }) => {}
            (Some(p), b) if is_code(p) && is_code(b) => {}
            (Some(Block::Quote(_)), Block::Quote(_)) => {
                let mut bar = Line::default();
                bar.push("│", Tone::Marker);
                lines.push(bar);
            }
            _ => lines.push(Line::default()),
        }
        match block {
            Block::Paragraph(spans) if is_code(block) => lines.extend(preformatted(spans, width)),
            Block::Paragraph(spans) => lines.extend(wrap(spans, Tone::Text(Inline::Plain), width)),
            Block::Heading(spans) => lines.extend(wrap(spans, Tone::Heading, width)),
            Block::Quote(spans) => lines.extend(hanging(spans, Tone::Quote, "│ ", "│ ", width)),
            Block::Item {
                marker,
                depth,
                spans,
            } => {
                let indent = "  ".repeat(usize::from(*depth).min(4));
                let first = format!("{indent}{marker} ");
                let rest = " ".repeat(first.width());
                let tone = Tone::Text(Inline::Plain);
                lines.extend(hanging(spans, tone, &first, &rest, width));
            }
        }
        previous = Some(block);
    }
    lines
}

/// Wraps `spans` behind a prefix: `first` before the first line, `rest` before the others
/// (a list marker and its hanging indent, or a quote bar). The prefix is dropped when the
/// width leaves no room for text beside it.
fn hanging(spans: &[Span], tone: Tone, first: &str, rest: &str, width: usize) -> Vec<Line> {
    let lead = first.width().max(rest.width());
    if width < lead + 10 {
        return wrap(spans, tone, width);
    }
    wrap(spans, tone, width - lead)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let mut out = Line::default();
            out.push(if i == 0 { first } else { rest }, Tone::Marker);
            for piece in line.pieces {
                out.push(&piece.text, piece.tone);
            }
            out
        })
        .collect()
}

/// A paragraph that is all code: a line of a code block.
fn is_code(block: &Block) -> bool {
    matches!(block, Block::Paragraph(spans)
        if !spans.is_empty() && spans.iter().all(|s| s.style == Inline::Code))
}

/// A line of code, kept as written (indentation too) and broken only where it meets the edge.
fn preformatted(spans: &[Span], width: usize) -> Vec<Line> {
    let tone = Tone::Text(Inline::Code);
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    let mut lines = vec![Line::default()];
    let mut used = 0;
    for grapheme in cells(text.trim_end(), width) {
        let w = grapheme.width();
        if used + w > width && used > 0 {
            lines.push(Line::default());
            used = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.push(grapheme, tone);
        }
        used += w;
    }
    lines
}

/// The graphemes of `text`; one wider than `width` (a rare base and spacing mark) is split
/// into its characters, so that it can still be broken to fit.
fn cells(text: &str, width: usize) -> impl Iterator<Item = &str> {
    text.graphemes(true).flat_map(move |g| {
        let parts: Vec<&str> = if g.width() > width {
            g.char_indices()
                .map(|(i, c)| &g[i..i + c.len_utf8()])
                .collect()
        } else {
            vec![g]
        };
        parts
    })
}

/// A word: the text between two spaces, perhaps in several styles.
#[derive(Debug, Default)]
struct Word {
    pieces: Vec<Piece>,
    width: usize,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        1.0
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Wraps styled spans to `width`. Plain spans take `tone`; styled ones keep their style.
///
/// Widths below 2 are taken as 2, the least that holds a wide character.
pub fn wrap(spans: &[Span], tone: Tone, width: usize) -> Vec<Line> {
    let width = width.max(2);
    let words = split_words(spans, tone, width);
    wrap_first_fit(&words, &[width as f64])
        .into_iter()
        .map(|line_words| {
            let mut line = Line::default();
            for (i, word) in line_words.iter().enumerate() {
                if i > 0 {
                    line.push(" ", tone);
                }
                for piece in &word.pieces {
                    line.push(&piece.text, piece.tone);
                }
            }
            line
        })
        .collect()
}

fn split_words(spans: &[Span], tone: Tone, width: usize) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current = Word::default();
    for span in spans {
        let span_tone = match (span.style, tone) {
            (Inline::Plain, tone) => tone,
            (style, _) => Tone::Text(style),
        };
        // Measured by grapheme, as the terminal (and ratatui) draws them: an emoji with a
        // variation selector is one wide cell, not a narrow one and a zero.
        for grapheme in cells(&span.text, width) {
            if grapheme.chars().all(char::is_whitespace) {
                if !current.pieces.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                continue;
            }
            let w = grapheme.width();
            // A word wider than the line is broken where it reaches the edge.
            if current.width + w > width && current.width > 0 {
                words.push(std::mem::take(&mut current));
            }
            match current.pieces.last_mut() {
                Some(last) if last.tone == span_tone => last.text.push_str(grapheme),
                _ => current.pieces.push(Piece {
                    text: grapheme.to_string(),
                    tone: span_tone,
                }),
            }
            current.width += w;
        }
    }
    if !current.pieces.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn plain(text: &str, width: usize) -> Vec<String> {
        wrap(
            &[Span::new(text, Inline::Plain)],
            Tone::Text(Inline::Plain),
            width,
        )
        .iter()
        .map(Line::text)
        .collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(
            plain("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn breaks_words_wider_than_the_line() {
        assert_eq!(
            plain("see https://example.org/a/long/path", 12),
            ["see", "https://exam", "ple.org/a/lo", "ng/path"]
        );
    }

    #[test]
    fn emoji_with_a_variation_selector_is_one_wide_cell() {
        let lines = plain(&"☁\u{fe0f}".repeat(4), 6);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.width() <= 6), "{lines:?}");
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(plain("日本語のテキスト", 6), ["日本語", "のテキ", "スト"]);
    }

    #[test]
    fn styles_survive_wrapping() {
        let spans = [
            Span::new("a film, ", Inline::Plain),
            Span::new("The Interview", Inline::Emphasis),
            Span::new(", again", Inline::Plain),
        ];
        let lines = wrap(&spans, Tone::Text(Inline::Plain), 10);
        let text: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(text, ["a film,", "The", "Interview,", "again"]);
        assert_eq!(lines[1].pieces[0].tone, Tone::Text(Inline::Emphasis));
        assert_eq!(
            lines[2].pieces,
            [
                Piece {
                    text: "Interview".into(),
                    tone: Tone::Text(Inline::Emphasis)
                },
                Piece {
                    text: ",".into(),
                    tone: Tone::Text(Inline::Plain)
                },
            ]
        );
    }

    #[test]
    fn article_has_header_then_blank_separated_blocks() {
        let body = Body {
            blocks: vec![
                Block::Paragraph(vec![Span::new("One.", Inline::Plain)]),
                Block::Paragraph(vec![Span::new("Two.", Inline::Plain)]),
            ],
        };
        let header = Header {
            title: "Title",
            byline: "Jo · 1 May 2020".into(),
        };
        let text: Vec<String> = article(&header, &body, 40).iter().map(Line::text).collect();
        assert_eq!(text, ["Title", "Jo · 1 May 2020", "", "One.", "", "Two."]);
    }

    #[test]
    fn quotes_have_a_bar_and_items_a_hanging_indent() {
        let body = Body {
            blocks: vec![
                Block::Quote(vec![Span::new("quoted words run on and on", Inline::Plain)]),
                Block::Item {
                    marker: "•".into(),
                    depth: 0,
                    spans: vec![Span::new("first item wraps onto two", Inline::Plain)],
                },
                Block::Item {
                    marker: "•".into(),
                    depth: 1,
                    spans: vec![Span::new("nested", Inline::Plain)],
                },
            ],
        };
        let header = Header {
            title: "T",
            byline: String::new(),
        };
        let text: Vec<String> = article(&header, &body, 20).iter().map(Line::text).collect();
        assert_eq!(
            text,
            [
                "T",
                "",
                "│ quoted words run",
                "│ on and on",
                "",
                "• first item wraps",
                "  onto two",
                "  • nested",
            ]
        );
    }

    #[test]
    fn code_keeps_its_lines_and_indentation() {
        let code = |t: &str| Block::Paragraph(vec![Span::new(t, Inline::Code)]);
        let body = Body {
            blocks: vec![
                code("fn main() {"),
                code("    println!(\"a long line that goes past the edge\");"),
                code("}"),
                Block::Quote(vec![Span::new("one", Inline::Plain)]),
                Block::Quote(vec![Span::new("two", Inline::Plain)]),
            ],
        };
        let header = Header {
            title: "T",
            byline: String::new(),
        };
        let text: Vec<String> = article(&header, &body, 30).iter().map(Line::text).collect();
        assert_eq!(
            text,
            [
                "T",
                "",
                "fn main() {",
                "    println!(\"a long line that",
                " goes past the edge\");",
                "}",
                "",
                "│ one",
                "│",
                "│ two",
            ]
        );
    }

    proptest! {
        #[test]
        fn lines_fit_and_no_word_is_lost(text in "\\PC{0,300}", width in 2usize..120) {
            let lines = plain(&text, width);
            for line in &lines {
                prop_assert!(line.width() <= width, "{line:?} wider than {width}");
            }
            let before: String = text.split_whitespace().collect();
            let after: String = lines.iter().flat_map(|l| l.split_whitespace()).collect();
            prop_assert_eq!(before, after);
        }
    }
}

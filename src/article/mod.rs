//! What an article is once it has been read: metadata for the whole library, and a body that is
//! read only when someone opens the article.

pub mod date;
pub mod sanitize;

use std::path::PathBuf;

use jiff::civil::Date;

/// How a run of body text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Inline {
    /// Ordinary text.
    Plain,
    /// `*italic*` or `_italic_` in the source.
    Emphasis,
    /// `**bold**` in the source.
    Strong,
    /// `code` in Markdown.
    Code,
    /// The text of a link; its address is in [`Span::link`].
    Link,
    /// The number a link gets where it appears (`[3]`), set small beside it.
    Reference,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Inline,
    /// Where a link's text points.
    pub link: Option<String>,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Inline) -> Self {
        Self {
            text: text.into(),
            style,
            link: None,
        }
    }

    /// Link text pointing at `address`.
    pub fn link(text: impl Into<String>, address: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            style: Inline::Link,
            link: Some(address.into()),
        }
    }
}

/// A block of the body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Span>),
    /// A short line the writer set apart, such as a subheading.
    Heading(Vec<Span>),
    /// A paragraph of a block quote.
    Quote(Vec<Span>),
    /// A list item: its marker (`•`, `1.`), nesting depth (0 for the outer list) and text.
    Item {
        marker: String,
        depth: u8,
        spans: Vec<Span>,
    },
    /// A table: its header row (empty when the source has none) and its rows; the table is as
    /// wide as its widest row, and a shorter row's missing cells are empty. `aligns` says how
    /// each column sits, as the source says; a column past its end is [`Align::Auto`].
    Table {
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
        aligns: Vec<Align>,
    },
}

/// How the cells of a table's column sit in it, as the source says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Align {
    /// The source does not say: left, or flush right for a column of numbers.
    #[default]
    Auto,
    Left,
    /// Centred in the column.
    Center,
    Right,
}

impl Block {
    /// A table of `header` (empty for none) and `rows`. Rows are not padded: a row shorter
    /// than the widest has empty cells after its last, so a sparse table of one wide row and
    /// many short ones costs what its source does.
    pub fn table(header: Vec<Vec<Span>>, rows: Vec<Vec<Vec<Span>>>) -> Self {
        Block::Table {
            header,
            rows,
            aligns: Vec::new(),
        }
    }

    /// This table with its columns aligned as `aligns` says (a no-op for other blocks);
    /// alignments past the table's widest row are dropped.
    pub fn aligned(mut self, mut aligns: Vec<Align>) -> Self {
        if let Block::Table {
            header,
            rows,
            aligns: set,
        } = &mut self
        {
            let columns = rows.iter().map(Vec::len).chain([header.len()]).max();
            aligns.truncate(columns.unwrap_or(0));
            while aligns.last() == Some(&Align::Auto) {
                aligns.pop();
            }
            *set = aligns;
        }
        self
    }

    /// The spans of a block of running text; a table's text is in its cells ([`Block::runs`]),
    /// so a table has none here.
    pub fn spans(&self) -> &[Span] {
        match self {
            Block::Paragraph(spans) | Block::Heading(spans) | Block::Quote(spans) => spans,
            Block::Item { spans, .. } => spans,
            Block::Table { .. } => &[],
        }
    }

    /// Every run of spans the block holds, in reading order: the block's spans, or a table's
    /// cells, header first, row by row.
    pub fn runs(&self) -> Vec<&Vec<Span>> {
        match self {
            Block::Paragraph(spans) | Block::Heading(spans) | Block::Quote(spans) => vec![spans],
            Block::Item { spans, .. } => vec![spans],
            Block::Table { header, rows, .. } => {
                header.iter().chain(rows.iter().flatten()).collect()
            }
        }
    }

    /// [`Block::runs`], to change in place.
    pub fn runs_mut(&mut self) -> Vec<&mut Vec<Span>> {
        match self {
            Block::Paragraph(spans) | Block::Heading(spans) | Block::Quote(spans) => vec![spans],
            Block::Item { spans, .. } => vec![spans],
            Block::Table { header, rows, .. } => {
                header.iter_mut().chain(rows.iter_mut().flatten()).collect()
            }
        }
    }

    /// The block's text without styles; a table's cells are joined by spaces, header first.
    pub fn text(&self) -> String {
        match self {
            Block::Table { .. } => self
                .runs()
                .iter()
                .map(|run| run_text(run))
                .collect::<Vec<_>>()
                .join(" "),
            _ => run_text(self.spans()),
        }
    }
}

/// The most characters of an image's description shown in its placeholder.
const MAX_ALT: usize = 300;

/// What stands in the text for an image: `[image: its description]`, or `[image]` without one.
/// The description is one line of at most [`MAX_ALT`] characters, with no control characters.
pub fn image_placeholder(alt: &str) -> String {
    let alt = sanitize::shorten(&sanitize::one_line(alt), MAX_ALT);
    if alt.is_empty() {
        "[image]".to_string()
    } else {
        format!("[image: {alt}]")
    }
}

/// The text of a run of spans, without styles.
pub fn run_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// An article's body, repaired and ready to reflow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub blocks: Vec<Block>,
}

impl Body {
    /// Words in the body: whitespace-separated runs, and each Chinese or Japanese character
    /// (those scripts do not put spaces between words, so a character is the usual count).
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .flat_map(Block::runs)
            .flatten()
            .flat_map(|s| s.text.split_whitespace())
            .map(|word| {
                let ideographs = word.chars().filter(|&c| is_ideographic(c)).count();
                let other = word
                    .chars()
                    .any(|c| c.is_alphanumeric() && !is_ideographic(c));
                ideographs + usize::from(other || ideographs == 0)
            })
            .sum()
    }
}

/// Han ideographs and kana, the scripts that write words without spaces between them.
fn is_ideographic(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'     // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}'   // CJK extension A
        | '\u{4e00}'..='\u{9fff}'   // CJK unified ideographs
        | '\u{f900}'..='\u{faff}'   // CJK compatibility ideographs
        | '\u{20000}'..='\u{2ffff}' // CJK extensions B onwards
    )
}

/// An article read in full from its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub title: String,
    pub author: Option<String>,
    pub date: Option<Date>,
    pub body: Body,
    /// Where the article was published, when the file says.
    pub url: Option<String>,
    /// The publication or site, when the file says.
    pub source: Option<String>,
    pub tags: Vec<String>,
}

impl Parsed {
    /// Every piece of text the article holds, for checks that must cover them all.
    pub fn texts(&self) -> Vec<&str> {
        let mut all = vec![self.title.as_str()];
        all.extend(self.author.as_deref());
        all.extend(self.url.as_deref());
        all.extend(self.source.as_deref());
        all.extend(self.tags.iter().map(String::as_str));
        for block in &self.body.blocks {
            all.extend(block.runs().into_iter().flatten().map(|s| s.text.as_str()));
            if let Block::Item { marker, .. } = block {
                all.push(marker);
            }
        }
        all
    }
}

/// Where an article's text lives, so its body can be read again when it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file in a library folder.
    File(PathBuf),
    /// One record (counting from 0) of a file that holds several articles (JSON, JSON Lines).
    Record(PathBuf, usize),
    /// One of the sample articles compiled into the binary, by index.
    Sample(usize),
}

/// What the whole library keeps about one article; the body stays on disk until it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable across runs and file moves: a hash of title, author and date.
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub date: Option<Date>,
    /// Path relative to its library root (the file name for sample articles).
    pub path: PathBuf,
    /// Where it was published, its publication and its tags, when the file says.
    pub url: Option<String>,
    pub publication: Option<String>,
    pub tags: Vec<String>,
    pub words: usize,
    pub source: Source,
}

/// A place in an article's text: the block (`None` for the header) and a character offset in
/// the block's text (where a set line starts, where the reader was). It names a place in the
/// text, not on screen, so it survives setting the text again at another width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub block: Option<usize>,
    pub offset: usize,
}

/// An article with just a title, an author and a date, for the tests of the modules that match
/// and sort them.
#[cfg(test)]
pub(crate) fn test_article(title: &str, author: Option<&str>, date: Option<Date>) -> Article {
    Article {
        id: title.to_string(),
        title: title.to_string(),
        author: author.map(str::to_string),
        date,
        path: "x.txt".into(),
        url: None,
        publication: None,
        tags: Vec::new(),
        words: 0,
        source: Source::Sample(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Body {
        Body {
            blocks: vec![Block::Paragraph(vec![Span::new(text, Inline::Plain)])],
        }
    }

    #[test]
    fn counts_words_and_ideographs() {
        assert_eq!(body("three plain words").word_count(), 3);
        assert_eq!(body("東京で新しい図書館").word_count(), 9);
        assert_eq!(body("USB接続 ok").word_count(), 4);
        assert_eq!(
            body("서울 도서관").word_count(),
            2,
            "Korean puts spaces between words"
        );
        assert_eq!(body("").word_count(), 0);
    }

    #[test]
    fn image_placeholders_are_one_clean_line() {
        assert_eq!(
            image_placeholder("  Flooded\n  quay \u{1b}[2J"),
            "[image: Flooded quay]"
        );
        assert_eq!(image_placeholder(" \u{200b} "), "[image]");
        assert_eq!(image_placeholder(""), "[image]");
        assert!(image_placeholder(&"a".repeat(5_000)).chars().count() < 320);
    }
}

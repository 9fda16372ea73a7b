//! Reflow: an article's header and body set as lines of a given width, with styles kept.
//!
//! Words are runs between spaces; a word may change style midway (`*Interview*,`). Lines are
//! broken by textwrap's first-fit algorithm over these styled words, measured by display width,
//! so wide characters count double and no line is ever wider than asked. A word wider than the
//! line (a long URL) is broken into pieces that fit.

use std::sync::OnceLock;

use textwrap::WordSplitter;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub use crate::article::Position;
use crate::article::date;
use crate::article::{Align, Block, Body, Inline, Parsed, Span};

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
    /// Where the line starts in the text.
    pub at: Position,
    /// Columns at the start that are not text: a quote bar, a list marker and its indent.
    pub lead: usize,
    /// The line ends in a hyphen that breaking a word added.
    pub hyphen: bool,
    /// The line ends inside a word too long for it, which goes on on the next line.
    pub continues: bool,
}

impl Line {
    /// The line's text without styles.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }

    /// Display width.
    pub fn width(&self) -> usize {
        self.pieces.iter().map(|p| p.text.width()).sum()
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

/// How to set an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Setting {
    /// The width of the text column.
    pub width: usize,
    /// Stretch the spaces so every line of a paragraph but its last fills the width.
    pub justify: bool,
    /// Break long words at their syllables (English patterns), with a hyphen.
    pub hyphenate: bool,
}

impl Setting {
    /// Ragged right, no hyphenation.
    pub fn plain(width: usize) -> Self {
        Self {
            width,
            justify: false,
            hyphenate: false,
        }
    }
}

/// How a run of lines is set: justified, hyphenated, or neither.
#[derive(Debug, Clone, Copy, Default)]
struct Fill {
    justify: bool,
    hyphenate: bool,
}

/// The header of an article as the reading pane shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header<'a> {
    pub title: &'a str,
    /// Author and date, already joined (`Ben McGrath · 31 December 2014`).
    pub byline: String,
    /// Where it was published and its tags (`The Harbour Gazette · energy, climate`); empty
    /// when the file names neither.
    pub about: String,
    /// Length and reading time (`1,042 words · 5 min`); empty to leave out.
    pub stats: String,
}

/// Words read in a minute, for the reading time.
const WORDS_PER_MINUTE: usize = 230;

impl<'a> Header<'a> {
    /// The header of a parsed article: its title, its author and long date joined, and its
    /// length and reading time.
    pub fn of(parsed: &'a Parsed) -> Self {
        Self::new(parsed, parsed.body.word_count())
    }

    /// The header of a parsed article whose body (of `words` words) has been taken from it.
    pub fn new(parsed: &'a Parsed, words: usize) -> Self {
        let byline = [parsed.author.clone(), parsed.date.map(date::long)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let tags = (parsed.tags.iter())
            .filter(|t| !t.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        let about = [parsed.source.clone().unwrap_or_default(), tags]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let stats = if words == 0 {
            String::new()
        } else {
            let minutes = words.div_ceil(WORDS_PER_MINUTE);
            format!(
                "{} word{} · {minutes} min",
                thousands(words),
                if words == 1 { "" } else { "s" }
            )
        };
        Self {
            title: &parsed.title,
            byline,
            about,
            stats,
        }
    }
}

/// `1042` as `1,042`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Sets a whole article: title, byline, a blank line, then the blocks separated by blank lines.
pub fn article(header: &Header<'_>, body: &Body, setting: Setting) -> Vec<Line> {
    let width = setting.width.max(1);
    let plain = Fill::default();
    let fill = Fill {
        justify: setting.justify,
        hyphenate: setting.hyphenate,
    };
    let mut lines = wrap_with(
        &[Span::new(header.title, Inline::Plain)],
        Tone::Title,
        width,
        plain,
    );
    for meta in [&header.byline, &header.about, &header.stats] {
        if !meta.is_empty() {
            lines.extend(wrap_with(
                &[Span::new(meta.as_str(), Inline::Plain)],
                Tone::Meta,
                width,
                plain,
            ));
        }
    }
    let mut previous: Option<&Block> = None;
    for (number, block) in body.blocks.iter().enumerate() {
        let at = Position {
            block: Some(number),
            offset: 0,
        };
        // Items of one list and lines of one code block sit on consecutive lines; paragraphs of
        // one quote keep their bar across the blank line; other blocks have a blank line between.
        match (previous, block) {
            (Some(Block::Item { .. }), Block::Item { .. }) => {}
            (Some(p), b) if is_code(p) && is_code(b) => {}
            (Some(Block::Quote(_)), Block::Quote(_)) => {
                let mut bar = Line {
                    at,
                    lead: 1,
                    ..Line::default()
                };
                bar.push("│", Tone::Marker);
                lines.push(bar);
            }
            _ => lines.push(Line {
                at,
                ..Line::default()
            }),
        }
        let mut set = match block {
            Block::Paragraph(spans) if is_code(block) => preformatted(spans, width),
            Block::Paragraph(spans) => wrap_with(spans, Tone::Text(Inline::Plain), width, fill),
            Block::Heading(spans) => wrap_with(spans, Tone::Heading, width, plain),
            Block::Quote(spans) => hanging(spans, Tone::Quote, "│ ", "│ ", width, fill),
            Block::Item {
                marker,
                depth,
                spans,
            } => {
                let indent = "  ".repeat(usize::from(*depth).min(4));
                let first = format!("{indent}{marker} ");
                let rest = " ".repeat(first.width());
                let tone = Tone::Text(Inline::Plain);
                hanging(spans, tone, &first, &rest, width, fill)
            }
            Block::Table {
                header,
                rows,
                aligns,
            } => table(header, rows, aligns, width),
        };
        for line in &mut set {
            line.at.block = Some(number);
        }
        lines.extend(set);
        previous = Some(block);
    }
    lines
}

/// Wraps `spans` behind a prefix: `first` before the first line, `rest` before the others
/// (a list marker and its hanging indent, or a quote bar). The prefix is dropped when the
/// width leaves no room for text beside it.
fn hanging(
    spans: &[Span],
    tone: Tone,
    first: &str,
    rest: &str,
    width: usize,
    fill: Fill,
) -> Vec<Line> {
    let lead = first.width().max(rest.width());
    // Narrow panes keep the marker (a link's number is what `o` asks for) and give up only
    // when no text would fit beside it.
    if width < lead + 4 {
        return wrap_with(spans, tone, width, fill);
    }
    wrap_with(spans, tone, width - lead, fill)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let prefix = if i == 0 { first } else { rest };
            let mut out = Line {
                lead: prefix.width(),
                ..line.clone()
            };
            out.pieces.clear();
            out.push(prefix, Tone::Marker);
            for piece in line.pieces {
                out.push(&piece.text, piece.tone);
            }
            out
        })
        .collect()
}

/// What stands between two columns of a table.
const COLUMN_GAP: &str = " │ ";
/// The narrowest a column of a table is made (a narrower one keeps its own width): narrower
/// than this, its words break into pieces, and the table is set one row at a time instead.
const MIN_COLUMN: usize = 8;

/// Sets a table as aligned columns when they fit `width`, each column as wide as its widest
/// cell or, when they are too wide together, narrowed in proportion and wrapped inside; the
/// header is set apart by a rule. Each column sits as `aligns` says (the source's alignment),
/// a column the source says nothing of to the left, or flush right when it holds numbers. When
/// even columns of [`MIN_COLUMN`] do not fit, each row is set as a record of its own, a
/// `Header: value` line per cell.
///
/// Every line of a row starts at the row's place in the table's text ([`Block::text`]), so the
/// reading place is kept row by row across widths.
fn table(
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    aligns: &[Align],
    width: usize,
) -> Vec<Line> {
    let columns = rows.iter().map(Vec::len).chain([header.len()]).max();
    let columns = columns.unwrap_or(0);
    // Where each row starts in the table's text: cells joined by one space, header first.
    let chars = |cells: &[Vec<Span>]| -> usize {
        let run = |spans: &Vec<Span>| spans.iter().map(|s| s.text.chars().count()).sum::<usize>();
        cells.iter().map(|c| run(c) + 1).sum()
    };
    let mut starts = Vec::with_capacity(rows.len());
    let mut offset = chars(header);
    for row in rows {
        starts.push(offset);
        offset += chars(row);
    }
    let Some(widths) = column_widths(header, rows, columns, width) else {
        return records(header, rows, &starts, width);
    };
    let numeric = numeric_columns(rows, columns);
    let aligns: Vec<Align> = (0..columns)
        .map(|j| match aligns.get(j).copied().unwrap_or_default() {
            Align::Auto if numeric[j] => Align::Right,
            Align::Auto => Align::Left,
            said => said,
        })
        .collect();
    let mut lines = Vec::new();
    if !header.is_empty() {
        lines.extend(table_row(header, &widths, &aligns, Tone::Heading, 0));
        let mut rule = Line::default();
        let gap = "─".repeat(COLUMN_GAP.width() / 2);
        for (j, w) in widths.iter().enumerate() {
            if j > 0 {
                rule.push(&format!("{gap}┼{gap}"), Tone::Marker);
            }
            rule.push(&"─".repeat(*w), Tone::Marker);
        }
        lines.push(rule);
    }
    for (row, &start) in rows.iter().zip(&starts) {
        lines.extend(table_row(
            row,
            &widths,
            &aligns,
            Tone::Text(Inline::Plain),
            start,
        ));
    }
    lines
}

/// The width of each column, when the table fits `width` at [`MIN_COLUMN`]s or more.
fn column_widths(
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    columns: usize,
    width: usize,
) -> Option<Vec<usize>> {
    let mut natural = vec![0; columns];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (j, cell) in row.iter().enumerate() {
            let w: usize = cell.iter().map(|s| s.text.width()).sum();
            natural[j] = natural[j].max(w);
        }
    }
    let gaps = COLUMN_GAP.width() * columns.saturating_sub(1);
    let room = width.checked_sub(gaps)?;
    if natural.iter().sum::<usize>() <= room {
        return Some(natural);
    }
    let least: Vec<usize> = natural.iter().map(|&n| n.min(MIN_COLUMN)).collect();
    let extra = room.checked_sub(least.iter().sum())?;
    // Each column gets a share of the room left in proportion to what it still wants.
    let wants: Vec<usize> = natural.iter().zip(&least).map(|(n, l)| n - l).collect();
    let wanted: usize = wants.iter().sum();
    let mut widths: Vec<usize> = least
        .iter()
        .zip(&wants)
        .map(|(l, w)| l + w * extra / wanted.max(1))
        .collect();
    let mut left = room.saturating_sub(widths.iter().sum());
    for (w, n) in widths.iter_mut().zip(&natural) {
        if left > 0 && *w < *n {
            *w += 1;
            left -= 1;
        }
    }
    Some(widths)
}

/// Which columns hold numbers (`1,254`, `31.2%`, `−2`, `$40`) in every cell that is not empty:
/// those are set flush right, so their digits line up.
fn numeric_columns(rows: &[Vec<Vec<Span>>], columns: usize) -> Vec<bool> {
    let number = |cell: &Vec<Span>| {
        let text = cell.iter().map(|s| s.text.as_str());
        let mut digits = false;
        let only = text.flat_map(str::chars).all(|c| {
            digits |= c.is_ascii_digit();
            c.is_ascii_digit() || " ,.%+-−–$€£¥".contains(c)
        });
        (
            only && digits,
            cell.iter().all(|s| s.text.trim().is_empty()),
        )
    };
    (0..columns)
        .map(|j| {
            let cells = rows.iter().filter_map(|r| r.get(j)).map(number);
            let mut any = false;
            for (numeric, blank) in cells {
                if !blank && !numeric {
                    return false;
                }
                any |= numeric;
            }
            any
        })
        .collect()
}

/// One row of a table set in columns of `widths`, each aligned as `aligns` says (`Auto`
/// resolved already): as many lines as its tallest cell.
fn table_row(
    cells: &[Vec<Span>],
    widths: &[usize],
    aligns: &[Align],
    tone: Tone,
    start: usize,
) -> Vec<Line> {
    let set: Vec<Vec<Line>> = widths
        .iter()
        .enumerate()
        .map(|(j, &w)| match cells.get(j) {
            Some(cell) if !cell.is_empty() => wrap_with(cell, tone, w, Fill::default()),
            _ => Vec::new(),
        })
        .collect();
    let height = set.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|k| {
            let mut line = Line {
                at: Position {
                    block: None,
                    offset: start,
                },
                ..Line::default()
            };
            for (j, (column, &w)) in set.iter().zip(widths).enumerate() {
                if j > 0 {
                    line.push(COLUMN_GAP, Tone::Marker);
                }
                let part = column.get(k);
                let pad = w.saturating_sub(part.map_or(0, Line::width));
                // Centred text leans left by half a cell when the room is odd.
                let (before, after) = match aligns.get(j) {
                    Some(Align::Right) => (Some(pad), None),
                    Some(Align::Center) => (Some(pad / 2), Some(pad - pad / 2)),
                    _ => (None, Some(pad)),
                };
                if let Some(before) = before {
                    line.push(&" ".repeat(before), Tone::Text(Inline::Plain));
                }
                for piece in part.iter().flat_map(|p| &p.pieces) {
                    line.push(&piece.text, piece.tone);
                }
                if let Some(after) = after
                    && j + 1 < widths.len()
                {
                    line.push(&" ".repeat(after), Tone::Text(Inline::Plain));
                }
            }
            // An empty last cell leaves no spaces at the end of the line.
            if let Some(last) = line.pieces.last_mut() {
                last.text.truncate(last.text.trim_end().len());
            }
            line
        })
        .collect()
}

/// A table too wide for its columns, set one row at a time: a `Header: value` line for each
/// cell that has text, its lines after the first indented, and a blank line between rows.
fn records(
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    starts: &[usize],
    width: usize,
) -> Vec<Line> {
    let blank = |cell: &Vec<Span>| cell.iter().all(|s| s.text.trim().is_empty());
    let mut lines = Vec::new();
    for (row, &start) in rows.iter().zip(starts) {
        if row.iter().all(blank) {
            continue;
        }
        let at = Position {
            block: None,
            offset: start,
        };
        if !lines.is_empty() {
            lines.push(Line {
                at,
                ..Line::default()
            });
        }
        for (j, cell) in row.iter().enumerate().filter(|(_, c)| !blank(c)) {
            let mut spans: Vec<Span> = Vec::new();
            if let Some(name) = header.get(j).filter(|h| !blank(h)) {
                spans.extend(name.iter().map(|s| match s.style {
                    Inline::Plain => Span::new(s.text.clone(), Inline::Strong),
                    _ => s.clone(),
                }));
                spans.push(Span::new(": ", Inline::Strong));
            }
            spans.extend(cell.iter().cloned());
            let tone = Tone::Text(Inline::Plain);
            for mut line in hanging(&spans, tone, "", "  ", width, Fill::default()) {
                line.at = at;
                lines.push(line);
            }
        }
    }
    lines
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
    let mut offset = 0;
    for grapheme in cells(text.trim_end(), width) {
        let w = grapheme.width();
        if used + w > width && used > 0 {
            if let Some(line) = lines.last_mut() {
                line.continues = true;
            }
            lines.push(Line {
                at: Position {
                    block: None,
                    offset,
                },
                ..Line::default()
            });
            used = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.push(grapheme, tone);
        }
        used += w;
        offset += grapheme.chars().count();
    }
    lines
}

/// The graphemes of `text`; one wider than `width` (a rare base and spacing mark) is split
/// into its characters, so that it can still be broken to fit.
fn cells(text: &str, width: usize) -> impl Iterator<Item = &str> {
    text.graphemes(true).flat_map(move |g| {
        let split = g.width() > width;
        let whole = (!split).then_some(g);
        let parts = split
            .then(|| g.char_indices().map(move |(i, c)| &g[i..i + c.len_utf8()]))
            .into_iter()
            .flatten();
        whole.into_iter().chain(parts)
    })
}

/// Spaces that must not break a line: no-break, narrow no-break and figure spaces.
fn is_no_break(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

/// A word, or a piece of one where hyphenation may break it, perhaps in several styles.
#[derive(Debug, Default, PartialEq, Eq)]
struct Word {
    pieces: Vec<Piece>,
    width: usize,
    /// Character offset of its start in the block's text.
    start: usize,
    /// A space follows (the end of a whole word), rather than more of the same word.
    space_after: bool,
    /// Breaking the line after it needs a hyphen (it ends a syllable, not the word).
    hyphen_after: bool,
}

/// Wraps styled spans to `width`, ragged right. Plain spans take `tone`; styled ones keep their
/// style.
///
/// Widths below 2 are taken as 2, the least that holds a wide character.
pub fn wrap(spans: &[Span], tone: Tone, width: usize) -> Vec<Line> {
    wrap_with(spans, tone, width, Fill::default())
}

/// [`wrap`], justified and hyphenated as `fill` asks.
fn wrap_with(spans: &[Span], tone: Tone, width: usize, fill: Fill) -> Vec<Line> {
    let width = width.max(2);
    let words = split_words(spans, tone, width);
    let wrapped = first_fit(words, width, fill.hyphenate);
    let count = wrapped.len();
    wrapped
        .into_iter()
        .enumerate()
        .map(|(n, line_words)| {
            let mut line = Line {
                at: Position {
                    block: None,
                    offset: line_words.first().map_or(0, |w| w.start),
                },
                ..Line::default()
            };
            let Some(last) = line_words.last() else {
                return line;
            };
            line.hyphen = last.hyphen_after;
            line.continues = !last.space_after && !last.hyphen_after;
            // Spaces between the words; justified, all lines but the last are stretched to fill.
            let gaps = line_words[..line_words.len() - 1]
                .iter()
                .filter(|w| w.space_after)
                .count();
            let used: usize =
                line_words.iter().map(|w| w.width).sum::<usize>() + gaps + usize::from(line.hyphen);
            let short = width.saturating_sub(used);
            // A line that would need its spaces more than five wide (a few words before a long
            // address) reads worse stretched than ragged: it is left ragged.
            let extra = if fill.justify && n + 1 < count && gaps > 0 && short <= MAX_STRETCH * gaps
            {
                short
            } else {
                0
            };
            let mut gap = 0;
            for (i, word) in line_words.iter().enumerate() {
                if i > 0 && line_words[i - 1].space_after {
                    // Extra spaces go to the gaps at the right on even lines and the left on
                    // odd ones, so that they do not line up into rivers.
                    let index = if n % 2 == 0 { gaps - 1 - gap } else { gap };
                    let wide = 1 + extra / gaps + usize::from(index < extra % gaps);
                    line.push(&" ".repeat(wide), tone);
                    gap += 1;
                }
                for piece in &word.pieces {
                    line.push(&piece.text, piece.tone);
                }
            }
            if line.hyphen {
                let hyphen_tone = line.pieces.last().map_or(tone, |p| p.tone);
                line.push("-", hyphen_tone);
            }
            line
        })
        .collect()
}

/// Breaks words into lines first fit, as textwrap's `wrap_first_fit` does, hyphenating lazily:
/// only a word that does not fit at the end of a line is cut at its syllables (the result is
/// the same as cutting every word first, and a 16 MB article looks up one word a line instead
/// of every word in the dictionary).
fn first_fit(words: Vec<Word>, width: usize, hyphenate: bool) -> Vec<Vec<Word>> {
    let mut lines = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    // The width of the line so far, with the space after its last word.
    let mut used = 0;
    for word in words {
        let pieces = if hyphenate && !line.is_empty() && used + word.width > width {
            syllables(word, width)
        } else {
            vec![word]
        };
        for piece in pieces {
            if !line.is_empty() && used + piece.width + usize::from(piece.hyphen_after) > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            used += piece.width + usize::from(piece.space_after);
            line.push(piece);
        }
    }
    lines.push(line);
    lines
}

/// The most spaces justification adds to one gap between words.
const MAX_STRETCH: usize = 4;

/// The hyphenation patterns, loaded once.
fn splitter() -> &'static WordSplitter {
    static SPLITTER: OnceLock<WordSplitter> = OnceLock::new();
    SPLITTER.get_or_init(|| {
        use hyphenation::Load;
        match hyphenation::Standard::from_embedded(hyphenation::Language::EnglishUS) {
            Ok(dictionary) => WordSplitter::Hyphenation(dictionary),
            // The patterns are compiled in; should they not load, words are not broken.
            Err(_) => WordSplitter::NoHyphenation,
        }
    })
}

/// A word cut at its syllables: each piece but the last breaks with a hyphen.
fn syllables(word: Word, width: usize) -> Vec<Word> {
    let text: String = word.pieces.iter().map(|p| p.text.as_str()).collect();
    // Short words, words the edge already broke, and anything but words (addresses, numbers,
    // code) stay whole.
    let core = text.trim_matches(|c: char| !c.is_alphanumeric());
    let wordlike = core
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
    if text.chars().count() < 6 || word.width > width || !wordlike || !word.space_after {
        return vec![word];
    }
    let points = splitter().split_points(&text);
    if points.is_empty() {
        return vec![word];
    }
    let mut out = Vec::new();
    let mut current = Word {
        start: word.start,
        ..Word::default()
    };
    let mut at = 0;
    let mut next = points.iter().copied().peekable();
    for piece in &word.pieces {
        for grapheme in piece.text.graphemes(true) {
            if next.peek() == Some(&at) {
                next.next();
                let ends_in_hyphen = current.pieces.last().is_some_and(|p| p.text.ends_with('-'));
                current.hyphen_after = !ends_in_hyphen;
                let start = current.start + piece_chars(&current);
                out.push(std::mem::replace(
                    &mut current,
                    Word {
                        start,
                        ..Word::default()
                    },
                ));
            }
            match current.pieces.last_mut() {
                Some(last) if last.tone == piece.tone => last.text.push_str(grapheme),
                _ => current.pieces.push(Piece {
                    text: grapheme.to_string(),
                    tone: piece.tone,
                }),
            }
            current.width += grapheme.width();
            at += grapheme.len();
        }
    }
    current.space_after = word.space_after;
    out.push(current);
    out
}

/// Characters in a word's pieces.
fn piece_chars(word: &Word) -> usize {
    word.pieces.iter().map(|p| p.text.chars().count()).sum()
}

fn split_words(spans: &[Span], tone: Tone, width: usize) -> Vec<Word> {
    let mut split = Split::default();
    for span in spans {
        let span_tone = match (span.style, tone) {
            (Inline::Plain, tone) => tone,
            (style, _) => Tone::Text(style),
        };
        if span.text.is_ascii() {
            split.ascii(&span.text, span_tone, width);
        } else {
            split.graphemes(&span.text, span_tone, width);
        }
    }
    split.finish()
}

/// Words being split out of a block's spans.
#[derive(Default)]
struct Split {
    words: Vec<Word>,
    current: Word,
    /// Characters read so far in the block.
    offset: usize,
}

impl Split {
    /// Ends the word being read at a space.
    fn space(&mut self, chars: usize) {
        if !self.current.pieces.is_empty() {
            self.current.space_after = true;
            self.words.push(std::mem::take(&mut self.current));
        }
        self.offset += chars;
    }

    /// Adds `text`, `cells` wide, to the word being read; a word wider than the line is broken
    /// where it reaches the edge.
    fn push(&mut self, text: &str, cells: usize, chars: usize, tone: Tone, width: usize) {
        let current = &mut self.current;
        if current.width + cells > width && current.width > 0 {
            self.words.push(std::mem::take(current));
        }
        if current.pieces.is_empty() {
            current.start = self.offset;
        }
        match current.pieces.last_mut() {
            Some(last) if last.tone == tone => last.text.push_str(text),
            _ => current.pieces.push(Piece {
                text: text.to_string(),
                tone,
            }),
        }
        current.width += cells;
        self.offset += chars;
    }

    /// Any text, a grapheme at a time, measured as the terminal (and ratatui) draws it: an
    /// emoji with a variation selector is one wide cell, not a narrow one and a zero.
    fn graphemes(&mut self, text: &str, tone: Tone, width: usize) {
        for grapheme in cells(text, width) {
            let chars = grapheme.chars().count();
            // A no-break space joins, as its name says.
            if grapheme
                .chars()
                .all(|c| c.is_whitespace() && !is_no_break(c))
            {
                self.space(chars);
            } else {
                self.push(grapheme, grapheme.width(), chars, tone, width);
            }
        }
    }

    /// ASCII text, a run at a time: each character is one cell and a grapheme of its own.
    fn ascii(&mut self, text: &str, tone: Tone, width: usize) {
        let mut rest = text;
        while !rest.is_empty() {
            let spaces = rest.len() - rest.trim_start_matches(char::is_whitespace).len();
            if spaces > 0 {
                self.space(spaces);
                rest = &rest[spaces..];
                continue;
            }
            let run = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (mut word, after) = rest.split_at(run);
            rest = after;
            while !word.is_empty() {
                let room = if self.current.width >= width {
                    width
                } else {
                    width - self.current.width
                };
                let (fits, more) = word.split_at(word.len().min(room));
                self.push(fits, fits.len(), fits.len(), tone, width);
                word = more;
            }
        }
    }

    fn finish(mut self) -> Vec<Word> {
        self.space(0);
        self.words
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::article::Parsed;

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
    fn no_break_spaces_hold_words_together() {
        assert_eq!(
            plain("walk 10\u{a0}km today", 9),
            ["walk", "10\u{a0}km", "today"]
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
            about: String::new(),
            stats: "2 words · 1 min".into(),
        };
        let text: Vec<String> = article(&header, &body, Setting::plain(40))
            .iter()
            .map(Line::text)
            .collect();
        assert_eq!(
            text,
            [
                "Title",
                "Jo · 1 May 2020",
                "2 words · 1 min",
                "",
                "One.",
                "",
                "Two."
            ]
        );
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
        let text = texts(&body, 20);
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
        let text = texts(&body, 30);
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

    /// The lines of an article titled "T" with `body`, set ragged to `width`.
    fn texts(body: &Body, width: usize) -> Vec<String> {
        let header = Header {
            title: "T",
            byline: String::new(),
            about: String::new(),
            stats: String::new(),
        };
        article(&header, body, Setting::plain(width))
            .iter()
            .map(Line::text)
            .collect()
    }

    fn set(text: &str, width: usize, justify: bool, hyphenate: bool) -> Vec<Line> {
        wrap_with(
            &[Span::new(text, Inline::Plain)],
            Tone::Text(Inline::Plain),
            width,
            Fill { justify, hyphenate },
        )
    }

    const PROSE: &str = "The council has been pressing residents and traders for a decision \
                         on the harbour tramway extension, and the consultation closes next week.";

    #[test]
    fn justified_lines_fill_the_measure_but_the_last() {
        let lines = set(PROSE, 30, true, false);
        let (last, full) = lines.split_last().unwrap();
        for line in full {
            assert_eq!(line.width(), 30, "{:?}", line.text());
        }
        assert!(
            !last.text().contains("  "),
            "the last line is not stretched"
        );
        // Nothing but spaces was added.
        let words: Vec<String> = lines
            .iter()
            .flat_map(|l| {
                l.text()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(words, PROSE.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn hyphenation_breaks_long_words_at_syllables() {
        let lines = set(
            "an extraordinarily consequential announcement",
            16,
            false,
            true,
        );
        let text: Vec<String> = lines.iter().map(Line::text).collect();
        assert!(text.iter().any(|l| l.ends_with('-')), "{text:?}");
        assert!(lines.iter().all(|l| l.width() <= 16), "{text:?}");
        assert_eq!(
            lines.iter().filter(|l| l.hyphen).count(),
            text.iter().filter(|l| l.ends_with('-')).count()
        );
        // Without hyphenation the same words only break between them.
        let plain: Vec<String> = set(
            "an extraordinarily consequential announcement",
            16,
            false,
            false,
        )
        .iter()
        .map(Line::text)
        .collect();
        assert!(plain.iter().all(|l| !l.ends_with('-')), "{plain:?}");
        // Addresses are not words.
        let lines = set(
            "see https://example.org/timetables/winter-schedule",
            24,
            false,
            true,
        );
        assert!(
            lines.iter().all(|l| !l.hyphen),
            "{:?}",
            lines.iter().map(Line::text).collect::<Vec<_>>()
        );
        // A word that already has a hyphen breaks there without a second one.
        let lines = set("a well-established tradition", 8, false, true);
        assert!(lines.iter().all(|l| !l.text().ends_with("--")));
    }

    #[test]
    fn lines_know_where_they_start_in_the_text() {
        let body = Body {
            blocks: vec![
                Block::Paragraph(vec![Span::new(
                    "one two three four five six",
                    Inline::Plain,
                )]),
                Block::Quote(vec![Span::new("seven eight nine ten", Inline::Plain)]),
            ],
        };
        let header = Header {
            title: "T",
            byline: String::new(),
            about: String::new(),
            stats: String::new(),
        };
        let lines = article(&header, &body, Setting::plain(14));
        let at: Vec<(Option<usize>, usize, String)> = lines
            .iter()
            .map(|l| (l.at.block, l.at.offset, l.text()))
            .collect();
        assert_eq!(
            at,
            [
                (None, 0, "T".to_string()),
                (Some(0), 0, String::new()),
                (Some(0), 0, "one two three".to_string()),
                (Some(0), 14, "four five six".to_string()),
                (Some(1), 0, String::new()),
                (Some(1), 0, "│ seven eight".to_string()),
                (Some(1), 12, "│ nine ten".to_string()),
            ]
        );
        assert_eq!(lines[5].lead, 2);
    }

    #[test]
    fn the_header_counts_words_and_minutes() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1042), "1,042");
        assert_eq!(thousands(1234567), "1,234,567");
        let parsed = Parsed {
            title: "T".into(),
            author: Some("Ann".into()),
            date: None,
            body: Body {
                blocks: vec![Block::Paragraph(vec![Span::new(
                    "word ".repeat(1042),
                    Inline::Plain,
                )])],
            },
            url: None,
            source: None,
            tags: Vec::new(),
        };
        let header = Header::of(&parsed);
        assert_eq!(header.byline, "Ann");
        assert_eq!(header.about, "", "no source, no tags: no line");
        assert_eq!(header.stats, "1,042 words · 5 min");
        let lines = article(&header, &parsed.body, Setting::plain(40));
        assert_eq!(lines[2].text(), "1,042 words · 5 min");
    }

    #[test]
    fn the_header_names_the_source_and_the_tags() {
        let parsed = Parsed {
            title: "T".into(),
            author: Some("Ann".into()),
            date: None,
            body: Body::default(),
            url: None,
            source: Some("The Harbour Gazette".into()),
            tags: vec!["energy".into(), "climate".into()],
        };
        let header = Header::of(&parsed);
        assert_eq!(header.about, "The Harbour Gazette · energy, climate");
        let lines = article(&header, &parsed.body, Setting::plain(80));
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(
            texts[..3],
            ["T", "Ann", "The Harbour Gazette · energy, climate"]
        );
        let tags_only = Parsed {
            source: None,
            ..parsed
        };
        assert_eq!(Header::of(&tags_only).about, "energy, climate");
    }

    fn cell(text: &str) -> Vec<Span> {
        vec![Span::new(text, Inline::Plain)]
    }

    fn row(cells: &[&str]) -> Vec<Vec<Span>> {
        cells.iter().map(|c| cell(c)).collect()
    }

    /// Rainfall by city: three columns, one of them long.
    fn rainfall() -> Block {
        Block::table(
            row(&["City", "Rainfall (mm)", "Note"]),
            vec![
                row(&[
                    "Lisbon",
                    "712",
                    "Wettest November since 1989, with flooding along the river front",
                ]),
                row(&["Porto", "1,254", "Near average"]),
                row(&[
                    "Faro",
                    "398",
                    "A dry autumn after two wet ones; reservoirs at 40 per cent",
                ]),
            ],
        )
    }

    /// Six columns of results: too many to sit side by side in a narrow pane.
    fn results() -> Block {
        Block::table(
            row(&["Party", "Votes", "Share", "Seats", "Change", "Leader"]),
            vec![
                row(&["Greens", "412,008", "31.2%", "14", "+5", "Ana Sousa"]),
                row(&["Liberals", "377,950", "28.6%", "12", "−2", "Rui Costa"]),
                row(&["Independents", "98,114", "7.4%", "2", "", "(none)"]),
            ],
        )
    }

    #[test]
    fn a_table_that_fits_keeps_its_natural_columns() {
        let body = Body {
            blocks: vec![Block::table(
                row(&["Name", "Age"]),
                vec![row(&["Ann", "41"]), row(&["Bartholomew", "7"])],
            )],
        };
        assert_eq!(
            texts(&body, 40),
            [
                "T",
                "",
                "Name        │ Age",
                "────────────┼────",
                "Ann         │  41",
                "Bartholomew │   7",
            ]
        );
    }

    #[test]
    fn a_wide_table_shrinks_its_long_columns_and_wraps_their_cells() {
        let lines = texts(
            &Body {
                blocks: vec![rainfall()],
            },
            40,
        );
        assert_eq!(
            lines[2..7],
            [
                "City   │  Rainfall │ Note",
                "       │      (mm) │",
                "───────┼───────────┼────────────────────",
                "Lisbon │       712 │ Wettest November",
                "       │           │ since 1989, with",
            ]
        );
        assert!(lines.iter().all(|l| l.width() <= 40), "{lines:#?}");
    }

    #[test]
    fn a_table_too_wide_for_its_columns_is_set_row_by_row() {
        let lines = texts(
            &Body {
                blocks: vec![results()],
            },
            30,
        );
        assert_eq!(
            lines[2..10],
            [
                "Party: Greens",
                "Votes: 412,008",
                "Share: 31.2%",
                "Seats: 14",
                "Change: +5",
                "Leader: Ana Sousa",
                "",
                "Party: Liberals",
            ]
        );
        // An empty cell is left out of its record.
        assert!(!lines.iter().any(|l| l == "Change:"), "{lines:#?}");
    }

    #[test]
    fn table_lines_start_where_their_row_starts() {
        let body = Body {
            blocks: vec![results()],
        };
        let text = body.blocks[0].text();
        for width in [30, 80] {
            let lines = article(
                &Header {
                    title: "T",
                    byline: String::new(),
                    about: String::new(),
                    stats: String::new(),
                },
                &body,
                Setting::plain(width),
            );
            let liberals = lines
                .iter()
                .find(|l| l.text().contains("Liberals"))
                .unwrap();
            assert_eq!(liberals.at.block, Some(0));
            assert!(
                text.chars()
                    .skip(liberals.at.offset)
                    .collect::<String>()
                    .starts_with("Liberals")
            );
            assert!(lines.windows(2).all(|w| w[0].at <= w[1].at));
        }
    }

    #[test]
    fn tables_set_at_40_80_and_160_columns() {
        let body = Body {
            blocks: vec![
                Block::Paragraph(vec![Span::new(
                    "Rain fell unevenly across the country this autumn.",
                    Inline::Plain,
                )]),
                rainfall(),
                Block::Paragraph(vec![Span::new("And the vote:", Inline::Plain)]),
                results(),
            ],
        };
        for width in [40, 80, 160] {
            let set = texts(&body, width).join("\n");
            insta::assert_snapshot!(format!("table_at_{width}"), set);
        }
    }

    /// Fares by route, aligned as the source says: the route left, the zone centred, the fare
    /// right, and a numeric column the source sets left.
    fn fares() -> Block {
        Block::table(
            row(&["Route", "Zone", "Fare", "Trips a day", "Since"]),
            vec![
                row(&[
                    "Harbour to Old Town, by the river path and the covered market",
                    "A",
                    "€1.20",
                    "96",
                    "1998",
                ]),
                row(&["Airport express", "A–C", "€4.50 return", "40", "2011"]),
                row(&["Night bus", "B", "free", "12", "2024"]),
            ],
        )
        .aligned(vec![
            Align::Left,
            Align::Center,
            Align::Right,
            Align::Auto,
            Align::Left,
        ])
    }

    #[test]
    fn columns_sit_as_the_source_aligns_them() {
        let body = Body {
            blocks: vec![
                Block::table(
                    row(&["Name", "Class", "Age", "Note"]),
                    vec![
                        row(&["Ann", "A", "41", "x"]),
                        row(&["Bartholomew", "Senior", "7", "long note"]),
                    ],
                )
                .aligned(vec![Align::Right, Align::Center, Align::Left]),
            ],
        };
        // Centred in odd room, a cell leans left (`A` has 5 spaces in `Senior`'s 6).
        assert_eq!(
            texts(&body, 60),
            [
                "T",
                "",
                "       Name │ Class  │ Age │ Note",
                "────────────┼────────┼─────┼──────────",
                "        Ann │   A    │ 41  │ x",
                "Bartholomew │ Senior │ 7   │ long note",
            ]
        );
        // Said of no column, numbers still go flush right.
        let guessed = Body {
            blocks: vec![
                Block::table(
                    row(&["Name", "Age"]),
                    vec![row(&["Ann", "41"]), row(&["Bo", "7"])],
                )
                .aligned(vec![Align::Auto, Align::Auto]),
            ],
        };
        assert_eq!(texts(&guessed, 40)[4..], ["Ann  │  41", "Bo   │   7"]);
        // A table of aligned columns still fits its width.
        let lines = texts(
            &Body {
                blocks: vec![fares()],
            },
            40,
        );
        assert!(lines.iter().all(|l| l.width() <= 40), "{lines:#?}");
    }

    #[test]
    fn aligned_tables_set_at_40_80_and_160_columns() {
        let body = Body {
            blocks: vec![fares()],
        };
        for width in [40, 80, 160] {
            let set = texts(&body, width).join("\n");
            insta::assert_snapshot!(format!("aligned_table_at_{width}"), set);
        }
    }

    proptest! {
        #[test]
        fn ascii_runs_split_as_graphemes_do(text in "[a-z ,.\n-]{0,300}", width in 2usize..30) {
            let (mut fast, mut slow) = (Split::default(), Split::default());
            fast.ascii(&text, Tone::Text(Inline::Plain), width);
            slow.graphemes(&text, Tone::Text(Inline::Plain), width);
            prop_assert_eq!(fast.finish(), slow.finish());
        }

        #[test]
        fn hyphenating_at_line_ends_is_hyphenating_every_word(
            text in "[a-z ]{0,400}|(extraordinary |unbelievable |characteristically |a |of )+",
            width in 8usize..40,
        ) {
            let words = || split_words(&[Span::new(text.as_str(), Inline::Plain)], Tone::Text(Inline::Plain), width);
            let eager: Vec<Word> = words().into_iter().flat_map(|w| syllables(w, width)).collect();
            // The same lines, whatever pieces the words on them were left in.
            let show = |lines: Vec<Vec<Word>>| -> Vec<(String, bool, usize)> {
                lines.iter().map(|line| {
                    let text = line.iter().map(|w| {
                        let text: String = w.pieces.iter().map(|p| p.text.as_str()).collect();
                        if w.space_after { text + " " } else { text }
                    }).collect::<String>();
                    let hyphen = line.last().is_some_and(|w| w.hyphen_after);
                    (text.trim_end().to_string(), hyphen, line.first().map_or(0, |w| w.start))
                }).collect()
            };
            let lazy = first_fit(words(), width, true);
            prop_assert_eq!(show(lazy), show(first_fit(eager, width, false)));
        }

        #[test]
        fn set_text_fits_keeps_every_word_and_justifies_exactly(
            text in "[a-zA-Z,.'’ é日本語-]{0,400}",
            width in 10usize..100,
            justify: bool,
            hyphenate: bool,
        ) {
            let lines = set(&text, width, justify, hyphenate);
            for line in &lines {
                prop_assert!(line.width() <= width, "{:?} wider than {width}", line.text());
            }
            // Words come back in order once the added hyphens are taken off.
            let mut joined = String::new();
            for line in &lines {
                let t = line.text();
                let t = if line.hyphen { t.strip_suffix('-').unwrap().to_string() } else { format!("{t} ") };
                joined.push_str(&t);
            }
            // (A word wider than the line is cut at the edge, so compare without spaces.)
            let before: String = text.split_whitespace().collect();
            let after: String = joined.split_whitespace().collect();
            prop_assert_eq!(before, after);
            if justify {
                // Every line but the last fills the width, unless it has no space to stretch or
                // would need more than MAX_STRETCH extra spaces a gap.
                for line in lines.iter().rev().skip(1) {
                    let text = line.text();
                    let gaps = text.split_whitespace().count().saturating_sub(1);
                    let words: usize = text.split_whitespace().map(UnicodeWidthStr::width).sum();
                    let short = width.saturating_sub(words + gaps);
                    if gaps > 0 && short <= MAX_STRETCH * gaps {
                        prop_assert_eq!(line.width(), width, "{:?}", text);
                    } else {
                        prop_assert!(!text.contains("  "), "{:?} left ragged", text);
                    }
                }
            }
        }

        #[test]
        fn table_lines_fit_and_keep_their_order(
            cells in prop::collection::vec(prop::collection::vec("\\PC{0,30}", 1..6), 0..6),
            header: bool,
            width in 2usize..120,
        ) {
            let mut rows: Vec<Vec<Vec<Span>>> = cells
                .iter()
                .map(|r| r.iter().map(|c| cell(c)).collect())
                .collect();
            let head = if header && !rows.is_empty() { rows.remove(0) } else { Vec::new() };
            let body = Body { blocks: vec![Block::table(head, rows)] };
            let lines = article(
                &Header { title: "T", byline: String::new(), about: String::new(), stats: String::new() },
                &body,
                Setting::plain(width),
            );
            for line in &lines {
                prop_assert!(line.width() <= width, "{:?} wider than {width}", line.text());
            }
            prop_assert!(lines.windows(2).all(|w| w[0].at <= w[1].at));
        }

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

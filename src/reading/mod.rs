//! The reading pane's state: the open article set for a width, where the reader is in it, and a
//! search inside it.
//!
//! Everything here is pure: the app hands in the article it read and the pane's size. The place
//! you are reading is kept as a place in the text ([`Position`]), so setting the article again at
//! another width (a resize, another measure, justification) keeps the same paragraph at the top.
//! Set articles are cached per setting, so going back to a width does not set the text again.

pub(crate) mod find;
pub(crate) mod links;
pub mod reflow;

use std::sync::Arc;

use self::find::Hit;
use self::reflow::{Header, Line, Position, Setting};
use crate::article::{Block, Body, Parsed};
use crate::line::LineEdit;
use crate::query::Words;

/// Articles with more text than this (in bytes) are set off the UI thread: the app asks for a
/// [`Typeset`] and keeps answering keys meanwhile. Setting 256 KiB takes a few milliseconds;
/// the largest article read (16 MiB) takes most of a second.
pub const LARGE: usize = 256 * 1024;

/// The widest the text column gets by default, in columns.
pub const MEASURE: usize = 80;

/// How the pane shows what is not running text, for the help overlay: a line each, short
/// enough for its narrowest form.
pub const HOW_IT_SHOWS: &[&str] = &[
    "tables: columns, or row by row if too wide",
    "¹ notes and [1] links: listed at the end",
    "[image: its description] for a picture",
];

/// How many settings of one article are kept.
const CACHED: usize = 4;

/// What the reading pane holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderContent {
    /// Nothing selected (empty library or no match).
    Empty,
    /// The article at this library index, set for the current width (no lines yet while a
    /// large one is being set).
    Article { index: usize, lines: Arc<Vec<Line>> },
    /// The article at this index could not be read again.
    Failed { index: usize, reason: String },
}

/// How the reader sets text: the measure, and whether to justify and hyphenate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Typesetting {
    /// The widest the text column gets; narrower panes wrap to the pane.
    pub measure: usize,
    pub justify: bool,
    pub hyphenate: bool,
}

impl Default for Typesetting {
    fn default() -> Self {
        Self {
            measure: MEASURE,
            justify: false,
            hyphenate: false,
        }
    }
}

/// A search inside the article.
#[derive(Debug, Clone, Default)]
pub struct Find {
    pub line: LineEdit,
    /// The `text:` term the article was opened from, matched as it matches (whole words)
    /// until the line is edited.
    pub words: Option<Words>,
    pub hits: Vec<Hit>,
    /// The hit `n` and `N` move from.
    pub current: usize,
}

/// An article's body with its links numbered, and their addresses: `[n]` is `links[n - 1]`.
#[derive(Debug)]
pub struct Numbered {
    body: Body,
    links: Vec<String>,
}

impl Numbered {
    /// Numbers the links of `body`, which it takes (a large article's text is never copied).
    fn of(body: Body, url: Option<&str>) -> Self {
        let (body, links) = links::number(body, url);
        Self { body, links }
    }
}

/// Setting a large article for one setting, done away from the UI thread: [`Typeset::run`]
/// does the work (numbering the links too, the first time) and the app takes the result back
/// with [`Reading::receive`].
#[derive(Debug, Clone)]
pub struct Typeset {
    pub index: usize,
    pub setting: Setting,
    /// The article without its body (which is in `body` or `numbered`).
    parsed: Arc<Parsed>,
    words: usize,
    /// The body still to number, the first time.
    body: Option<Body>,
    numbered: Option<Arc<Numbered>>,
    lines: Option<Arc<Vec<Line>>>,
}

impl Typeset {
    /// Numbers the links if that is still to do, and sets the lines.
    pub fn run(mut self) -> Self {
        let url = self.parsed.url.as_deref();
        let body = self.body.take().unwrap_or_default();
        let numbered = (self.numbered).get_or_insert_with(|| Arc::new(Numbered::of(body, url)));
        let header = Header::new(&self.parsed, self.words);
        self.lines = Some(Arc::new(reflow::article(
            &header,
            &numbered.body,
            self.setting,
        )));
        self
    }
}

/// The reading pane.
#[derive(Debug, Default)]
pub struct Reading {
    content: Option<ReaderContent>,
    /// The open article, without its body (numbered, in `numbered`, or still to number, in
    /// `body`), and its words.
    parsed: Option<(usize, Arc<Parsed>)>,
    words: usize,
    /// The open article is [`LARGE`]: it is set by a [`Typeset`], not here.
    large: bool,
    /// A large article's body, until the first [`Typeset`] takes it to number its links.
    body: Option<Body>,
    /// That first typeset is out: the next waits for the links it numbers.
    numbering: bool,
    /// Set lines of the open article, per setting.
    cache: Vec<(Setting, Arc<Vec<Line>>)>,
    setting: Option<Setting>,
    /// The setting a [`Typeset`] was asked for and the pane waits for.
    waiting: Option<Setting>,
    scroll: usize,
    /// The place being read: set when the reader moves, kept while the text is set again at
    /// other widths (which only maps it to a line), so resizes never make it drift.
    anchor: Option<(Position, bool)>,
    find: Option<Find>,
    /// The open article's body with its links numbered (not yet, while a large one's first
    /// [`Typeset`] runs).
    numbered: Option<Arc<Numbered>>,
}

impl Reading {
    /// The open article's link addresses: `[n]` is `links()[n - 1]`.
    pub fn links(&self) -> &[String] {
        self.numbered.as_ref().map_or(&[], |n| &n.links)
    }

    /// Whether the pane waits for a large article to be set.
    pub fn typesetting(&self) -> bool {
        self.waiting.is_some()
    }

    pub fn content(&self) -> &ReaderContent {
        self.content.as_ref().unwrap_or(&ReaderContent::Empty)
    }

    /// The library index of the article held (or that failed), if any.
    pub fn holding(&self) -> Option<usize> {
        match self.content() {
            ReaderContent::Article { index, .. } | ReaderContent::Failed { index, .. } => {
                Some(*index)
            }
            ReaderContent::Empty => None,
        }
    }

    pub fn lines(&self) -> &[Line] {
        match self.content() {
            ReaderContent::Article { lines, .. } => lines.as_slice(),
            _ => &[],
        }
    }

    /// The first line on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn find(&self) -> Option<&Find> {
        self.find.as_ref()
    }

    /// Opens an article read from the library, at its top, set as `setting` asks; a large one
    /// asks for the [`Typeset`] returned.
    #[must_use]
    pub fn open(
        &mut self,
        index: usize,
        parsed: Parsed,
        setting: Setting,
        rows: usize,
    ) -> Option<Typeset> {
        let mut parsed = parsed;
        let body = std::mem::take(&mut parsed.body);
        // The header counts the article's own words; the body shown has its links numbered.
        self.words = body.word_count();
        self.large = text_bytes(&body) > LARGE;
        self.numbering = false;
        if self.large {
            (self.numbered, self.body) = (None, Some(body));
        } else {
            let numbered = Numbered::of(body, parsed.url.as_deref());
            (self.numbered, self.body) = (Some(Arc::new(numbered)), None);
        }
        self.parsed = Some((index, Arc::new(parsed)));
        self.content = None;
        self.cache.clear();
        self.scroll = 0;
        self.anchor = None;
        self.setting = None;
        self.waiting = None;
        // A search goes on in the next article, from its first hit.
        if let Some(find) = &mut self.find {
            find.current = 0;
        }
        self.set(setting, rows)
    }

    /// The article held is at library index `index` from now on (the library changed around it).
    pub fn reindex(&mut self, index: usize) {
        match &mut self.content {
            Some(
                ReaderContent::Article { index: i, .. } | ReaderContent::Failed { index: i, .. },
            ) => *i = index,
            Some(ReaderContent::Empty) | None => {}
        }
        if let Some((i, _)) = &mut self.parsed {
            *i = index;
        }
    }

    /// Shows that the article at `index` could not be read.
    pub fn fail(&mut self, index: usize, reason: String) {
        self.clear();
        self.content = Some(ReaderContent::Failed { index, reason });
    }

    /// Scrolls to the line that shows `at` (a remembered place).
    pub fn go_to(&mut self, at: Position, rows: usize) {
        self.scroll = line_at(self.lines(), at, false);
        self.clamp(rows);
        self.anchor = Some((at, false));
    }

    /// The place being read (the top line's place, unless a resize moved the line).
    pub fn place(&self) -> Option<Position> {
        self.anchor
            .map(|(at, _)| at)
            .or_else(|| self.lines().get(self.scroll).map(|l| l.at))
    }

    /// Holds nothing.
    pub fn clear(&mut self) {
        if let Some(find) = &mut self.find {
            find.hits.clear();
            find.current = 0;
        }
        self.anchor = None;
        self.parsed = None;
        self.numbered = None;
        self.body = None;
        self.numbering = false;
        self.cache.clear();
        self.content = None;
        self.setting = None;
        self.waiting = None;
        self.scroll = 0;
    }

    /// Sets the open article as `setting` asks, keeping the line at the top of the pane at the
    /// top; does nothing if it is set so already. A large article not yet set so asks for the
    /// [`Typeset`] returned, and shows what it showed until [`Reading::receive`] has the lines.
    #[must_use]
    pub fn set(&mut self, setting: Setting, rows: usize) -> Option<Typeset> {
        let (index, parsed) = self.parsed.clone()?;
        if self.setting == Some(setting) {
            self.waiting = None;
            return None;
        }
        if let Some((_, lines)) = self.cache.iter().find(|(s, _)| *s == setting) {
            let lines = Arc::clone(lines);
            self.apply(index, setting, lines, rows);
            return None;
        }
        match &self.numbered {
            Some(numbered) if !self.large => {
                let header = Header::new(&parsed, self.words);
                let lines = reflow::article(&header, &numbered.body, setting);
                let lines = Arc::new(lines);
                self.remember(setting, Arc::clone(&lines));
                self.apply(index, setting, lines, rows);
                None
            }
            numbered => {
                if self.waiting == Some(setting) {
                    return None;
                }
                self.waiting = Some(setting);
                // Held (so not asked for again) while it is set.
                self.content.get_or_insert(ReaderContent::Article {
                    index,
                    lines: Arc::default(),
                });
                // The links are being numbered: the lines for this setting are asked for when
                // they are.
                if numbered.is_none() && self.numbering {
                    return None;
                }
                self.numbering = numbered.is_none();
                Some(Typeset {
                    index,
                    setting,
                    parsed,
                    words: self.words,
                    body: self.body.take(),
                    numbered: numbered.clone(),
                    lines: None,
                })
            }
        }
    }

    /// Takes the lines a [`Typeset`] set: shown if the pane waits for them, kept in any case
    /// (unless the article they belong to was closed meanwhile). Should the pane wait for
    /// another setting by now, asks for the [`Typeset`] returned.
    #[must_use]
    pub fn receive(&mut self, done: Typeset, rows: usize) -> Option<Typeset> {
        let (index, parsed) = self.parsed.as_ref()?;
        let index = *index;
        if index != done.index || !Arc::ptr_eq(parsed, &done.parsed) {
            return None;
        }
        if self.numbered.is_none() {
            self.numbered = done.numbered;
            self.numbering = false;
        }
        let lines = done.lines?;
        self.remember(done.setting, Arc::clone(&lines));
        match self.waiting {
            Some(setting) if setting == done.setting => {
                self.apply(index, setting, lines, rows);
                None
            }
            Some(setting) => {
                // Asked for while the links were being numbered.
                self.waiting = None;
                self.set(setting, rows)
            }
            None => None,
        }
    }

    fn remember(&mut self, setting: Setting, lines: Arc<Vec<Line>>) {
        if self.cache.len() == CACHED {
            self.cache.remove(0);
        }
        self.cache.push((setting, lines));
    }

    /// Shows `lines`, set as `setting`, keeping the place being read on top.
    fn apply(&mut self, index: usize, setting: Setting, lines: Arc<Vec<Line>>, rows: usize) {
        let top = self.anchor;
        self.content = Some(ReaderContent::Article { index, lines });
        self.setting = Some(setting);
        self.waiting = None;
        if let Some((at, blank)) = top {
            self.scroll = line_at(self.lines(), at, blank);
        }
        self.clamp(rows);
        self.refind();
    }

    /// Keeps the scroll within the text for a pane `rows` high.
    pub fn clamp(&mut self, rows: usize) {
        self.scroll = self.scroll.min(self.max_scroll(rows));
    }

    pub fn max_scroll(&self, rows: usize) -> usize {
        self.lines().len().saturating_sub(rows.max(1))
    }

    pub fn scroll_by(&mut self, delta: isize, rows: usize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll(rows));
        self.anchor_here();
    }

    pub fn scroll_to(&mut self, line: usize, rows: usize) {
        self.scroll = line.min(self.max_scroll(rows));
        self.anchor_here();
    }

    /// Takes the line at the top of the pane as the place being read.
    fn anchor_here(&mut self) {
        self.anchor = self
            .lines()
            .get(self.scroll)
            .map(|l| (l.at, l.pieces.is_empty()));
    }

    /// How much of the article has been on screen, in percent.
    pub fn percent(&self, rows: usize) -> Option<usize> {
        let total = self.lines().len();
        (total > 0).then(|| ((self.scroll + rows).min(total) * 100) / total)
    }

    /// Starts a new search (the old one's pattern is kept to edit).
    pub fn start_find(&mut self) {
        if self.find.is_none() {
            self.find = Some(Find::default());
        }
    }

    /// Edits the search pattern and searches again; the first hit from the top of the pane on
    /// becomes current and comes into view.
    pub fn edit_find(&mut self, edit: impl FnOnce(&mut LineEdit), rows: usize) {
        let Some(find) = &mut self.find else {
            return;
        };
        edit(&mut find.line);
        find.words = None;
        self.refind();
        if let Some(find) = &mut self.find {
            find.current = find
                .hits
                .iter()
                .position(|h| h.line() >= self.scroll)
                .unwrap_or(0);
        }
        self.show_current(rows);
    }

    /// Searches for `pattern` from the article's start: its hits lit, the first current and in
    /// view (an article opened from a `text:` term, at the words it was found by).
    pub fn find_from_start(&mut self, term: &Words, rows: usize) {
        let mut find = Find {
            words: Some(term.clone()),
            ..Find::default()
        };
        let star = if term.prefix { "*" } else { "" };
        find.line.set(&format!("{}{star}", term.words.join(" ")));
        self.find = Some(find);
        self.refind();
        self.show_current(rows);
    }

    /// Ends the search and its highlights.
    pub fn clear_find(&mut self) {
        self.find = None;
    }

    /// Moves to the next hit (`forward`) or the previous one, round the end.
    pub fn next_hit(&mut self, forward: bool, rows: usize) {
        let Some(find) = &mut self.find else {
            return;
        };
        let n = find.hits.len();
        if n == 0 {
            return;
        }
        find.current = if forward {
            (find.current + 1) % n
        } else {
            (find.current + n - 1) % n
        };
        self.show_current(rows);
    }

    /// Searches the current lines again for the pattern (after the text was set again).
    fn refind(&mut self) {
        let lines = match &self.content {
            Some(ReaderContent::Article { lines, .. }) => lines.as_slice(),
            _ => &[],
        };
        if let Some(find) = &mut self.find {
            find.hits = find::search(lines, find.line.text(), find.words.as_ref());
            find.current = find.current.min(find.hits.len().saturating_sub(1));
        }
    }

    /// Scrolls the current hit into view, a third of the way down if it was out of sight.
    fn show_current(&mut self, rows: usize) {
        let Some(line) = self
            .find
            .as_ref()
            .and_then(|f| f.hits.get(f.current))
            .map(Hit::line)
        else {
            return;
        };
        if line < self.scroll || line >= self.scroll + rows {
            self.scroll_to(line.saturating_sub(rows / 3), rows);
        }
    }
}

/// The bytes of text in a body.
fn text_bytes(body: &Body) -> usize {
    let bytes = |block: &Block| {
        let runs = block.runs().into_iter().flatten();
        runs.map(|s| s.text.len()).sum::<usize>()
    };
    body.blocks.iter().map(bytes).sum()
}

/// The line that shows `at`: a line starting there (blank or not, as the one it replaces: the
/// blank line before a paragraph starts where the paragraph does), or else the last one before.
fn line_at(lines: &[Line], at: Position, blank: bool) -> usize {
    let first = lines.partition_point(|l| l.at < at);
    let same = lines[first..].iter().take_while(|l| l.at == at).count();
    if same == 0 {
        return first.saturating_sub(1);
    }
    (first..first + same)
        .find(|&i| lines[i].pieces.is_empty() == blank)
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Body, Inline, Span};

    fn parsed() -> Parsed {
        let paragraph = |n: usize| {
            Block::Paragraph(vec![Span::new(
                format!(
                    "Paragraph {n} says harbour {} and ends.",
                    "word ".repeat(30)
                ),
                Inline::Plain,
            )])
        };
        Parsed {
            title: "A long article".into(),
            author: Some("Ann".into()),
            date: None,
            body: Body {
                blocks: (0..20).map(paragraph).collect(),
            },
            url: None,
            source: None,
            tags: Vec::new(),
        }
    }

    /// An article over [`LARGE`]: 4,000 paragraphs of about 75 bytes.
    fn large() -> Parsed {
        let paragraph = |n: usize| {
            Block::Paragraph(vec![Span::new(
                format!("Paragraph {n} of the long one, with https://e.org/{n} and some words."),
                Inline::Plain,
            )])
        };
        Parsed {
            body: Body {
                blocks: (0..4_000).map(paragraph).collect(),
            },
            ..parsed()
        }
    }

    #[test]
    fn a_large_article_is_set_by_a_typeset_and_shown_when_it_comes() {
        let mut reading = Reading::default();
        let job = reading
            .open(5, large(), Setting::plain(80), 20)
            .expect("a typeset");
        assert!(reading.typesetting());
        assert_eq!(reading.holding(), Some(5), "held, so not asked for again");
        assert!(reading.lines().is_empty() && reading.links().is_empty());
        // A place remembered before the lines exist is where the pane opens.
        let at = Position {
            block: Some(1200),
            offset: 0,
        };
        reading.go_to(at, 20);
        assert!(reading.receive(job.run(), 20).is_none());
        assert!(!reading.typesetting());
        assert_eq!(reading.links().len(), 4_000);
        assert!(
            top_text(&reading).starts_with("Paragraph 1200 "),
            "{}",
            top_text(&reading)
        );
    }

    #[test]
    fn a_setting_asked_for_while_the_links_are_numbered_is_set_after() {
        let mut reading = Reading::default();
        let first = reading.open(5, large(), Setting::plain(80), 20).unwrap();
        // Another width before the first typeset (which numbers the links) is back: no second
        // numbering, the pane waits.
        assert!(reading.set(Setting::plain(50), 20).is_none());
        let second = reading
            .receive(first.run(), 20)
            .expect("now the 50-column lines");
        assert!(reading.typesetting() && reading.lines().is_empty());
        assert_eq!(second.setting, Setting::plain(50));
        assert!(reading.receive(second.run(), 20).is_none());
        assert!(!reading.typesetting());
        assert!(reading.lines().iter().all(|l| l.width() <= 50));
        assert_eq!(reading.links().len(), 4_000);
    }

    #[test]
    fn a_typeset_that_comes_late_is_kept_but_not_shown() {
        let mut reading = Reading::default();
        let first = reading.open(5, large(), Setting::plain(40), 20).unwrap();
        assert!(reading.receive(first.run(), 20).is_none());
        // Justify (asked), then back to ragged (set already) before the justified lines come.
        let justified = Setting {
            justify: true,
            ..Setting::plain(40)
        };
        let job = reading
            .set(justified, 20)
            .expect("a typeset for the new setting");
        assert!(reading.set(Setting::plain(40), 20).is_none());
        assert!(!reading.typesetting());
        let ragged = reading.lines().to_vec();
        assert!(reading.receive(job.run(), 20).is_none());
        assert!(
            reading.lines() == ragged.as_slice(),
            "not shown: not waited for"
        );
        assert!(
            reading.set(justified, 20).is_none(),
            "kept: shown from the cache"
        );
        assert!(reading.lines() != ragged.as_slice(), "justified now");
        // Lines for an article closed meanwhile are dropped.
        let job = reading.set(Setting::plain(60), 20).unwrap();
        assert!(reading.open(6, parsed(), Setting::plain(40), 20).is_none());
        assert!(reading.receive(job.run(), 20).is_none());
        assert_eq!(reading.holding(), Some(6));
        assert!(top_text(&reading).starts_with("A long article"));
    }

    fn top_text(reading: &Reading) -> String {
        reading.lines()[reading.scroll()].text()
    }

    #[test]
    fn the_same_paragraph_stays_on_top_across_widths() {
        let mut reading = Reading::default();
        assert!(reading.open(3, parsed(), Setting::plain(80), 20).is_none());
        // Scroll to the start of paragraph 7.
        let seventh = reading
            .lines()
            .iter()
            .position(|l| l.text().starts_with("Paragraph 7"))
            .unwrap();
        reading.scroll_to(seventh, 20);
        for width in [40, 25, 120, 80] {
            assert!(reading.set(Setting::plain(width), 20).is_none());
            assert!(
                top_text(&reading).starts_with("Paragraph 7"),
                "at {width}: {}",
                top_text(&reading)
            );
        }
        // In the middle of a paragraph, the line on top holds the same word.
        reading.scroll_by(1, 20);
        let at = reading.lines()[reading.scroll()].at;
        assert!(at.offset > 0, "the second line of paragraph 7");
        assert!(reading.set(Setting::plain(33), 20).is_none());
        let now = reading.lines()[reading.scroll()].at;
        let next = reading.lines()[reading.scroll() + 1].at;
        assert!(now <= at && at < next, "{now:?} {at:?} {next:?}");
    }

    #[test]
    fn round_trips_between_widths_never_drift() {
        let mut reading = Reading::default();
        assert!(reading.open(0, parsed(), Setting::plain(40), 20).is_none());
        reading.scroll_to(23, 20);
        let place = reading.lines()[reading.scroll()].at;
        for _ in 0..10 {
            for width in [31, 57, 23, 40] {
                assert!(reading.set(Setting::plain(width), 20).is_none());
            }
        }
        assert_eq!(reading.lines()[reading.scroll()].at, place);
        // Near the end, a pane too tall to scroll so far keeps the place for when it can.
        reading.scroll_to(usize::MAX, 20);
        let end = reading.place().unwrap();
        assert!(reading.set(Setting::plain(120), 20).is_none());
        assert!(reading.set(Setting::plain(40), 20).is_none());
        assert_eq!(reading.place(), Some(end));
    }

    #[test]
    fn settings_are_cached() {
        let mut reading = Reading::default();
        assert!(reading.open(0, parsed(), Setting::plain(80), 20).is_none());
        assert!(reading.set(Setting::plain(40), 20).is_none());
        assert!(reading.set(Setting::plain(80), 20).is_none());
        assert_eq!(reading.cache.len(), 2);
        let justified = Setting {
            justify: true,
            ..Setting::plain(80)
        };
        assert!(reading.set(justified, 20).is_none());
        assert_eq!(reading.cache.len(), 3);
    }

    #[test]
    fn percent_read() {
        let mut reading = Reading::default();
        assert_eq!(reading.percent(20), None);
        assert!(reading.open(0, parsed(), Setting::plain(80), 20).is_none());
        let total = reading.lines().len();
        assert_eq!(reading.percent(20), Some(20 * 100 / total));
        reading.scroll_to(usize::MAX, 20);
        assert_eq!(reading.percent(20), Some(100));
    }

    #[test]
    fn search_moves_through_hits_and_wraps_round() {
        let mut reading = Reading::default();
        assert!(reading.open(0, parsed(), Setting::plain(60), 10).is_none());
        reading.start_find();
        reading.edit_find(|l| l.set("harbour"), 10);
        let find = reading.find().unwrap();
        assert_eq!(find.hits.len(), 20);
        assert_eq!(find.current, 0);
        reading.next_hit(false, 10);
        assert_eq!(reading.find().unwrap().current, 19, "wraps to the last");
        let line = reading.find().unwrap().hits[19].line();
        assert!(
            reading.scroll() <= line && line < reading.scroll() + 10,
            "in view"
        );
        reading.next_hit(true, 10);
        assert_eq!(reading.find().unwrap().current, 0, "and back to the first");
        // Setting the text again finds the same hits on the new lines.
        assert!(reading.set(Setting::plain(30), 10).is_none());
        assert_eq!(reading.find().unwrap().hits.len(), 20);
        reading.clear_find();
        assert!(reading.find().is_none());
    }
}

//! The readable text of a page: blocks and styled spans from the element that holds the
//! article, set as a browser sets it (whitespace collapsed, block elements as blocks, `<br>` as
//! a break), walked with an explicit stack.
//!
//! Footnotes as pandoc, kramdown, Wikipedia and WordPress write them (a list of notes, each an
//! `<li id>` in a `footnotes` or `references` list, and links to `#` that id where they are
//! referred to) read like Markdown's: the reference a raised number, the notes listed at the end
//! under "Notes", their back-links (`↩`, `^`) dropped. They are found before the walk
//! (`notes.rs`), so the walk knows a reference when it meets one.

use scraper::ElementRef;
use scraper::node::Element;

use super::extract;
use super::figure::{self, Figure, Image};
use super::noscript::{self, NOSCRIPT};
use super::notes::{Notes, is_note_list};
use super::{Kind, Visit, is_article_header, is_own_header, kind, kind_of, names_byline, walk};
use crate::article::sanitize::{is_invisible_or_control, one_line};
use crate::article::{Align, Block, Body, Inline, Span, image_placeholder};
use crate::library::notes::{notes_list, superscript};

/// The most elements named as boilerplate measured in one chosen part; later ones are read.
const BOILERPLATE_CHECKS: usize = 64;

/// The most text, in bytes, of a list in an article's header that is a menu, not its lead.
const MAX_HEADER_MENU: usize = 500;

/// The most bytes of a byline in an article's header: longer, it holds more than a byline.
const MAX_BYLINE: usize = 200;

/// Columns between tab stops in preformatted text.
const TAB_WIDTH: usize = 4;

/// Where the walk starts: at the part of a page that scoring chose, or at an element that holds
/// the whole article and the page around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Start {
    /// Scoring's choice: its `<header>` is the article's own (its standfirst, its lead), and
    /// elements named as boilerplate are left out.
    Chosen,
    /// `<article>`, `<main>` or `<body>`: a `<header>` is the site's unless it is inside an
    /// `<article>` or headed by a headline (`is_article_header`).
    Page,
}

/// Reads the blocks of the article under `content`; a tail of boilerplate at its end is cut.
pub(super) fn read_body(content: ElementRef<'_>, title: &str, start: Start) -> Body {
    let mut reader = Reader::new(content, title, start);
    if start == Start::Chosen {
        reader.chosen_chars = content.text().map(str::len).sum();
    }
    walk(content, |visit| match visit {
        Visit::Open(element) => reader.open(element),
        Visit::Close(element) => {
            reader.close(element);
            true
        }
        Visit::Text(text) => {
            reader.text(text);
            true
        }
    });
    reader.end_waiting_figure();
    reader.flush();
    let mut body = Body {
        blocks: reader.blocks,
    };
    extract::cut_tail(&mut body);
    body.blocks.extend(notes_list(reader.notes_read));
    body
}

/// How a cell or `<col>` says its text sits: `style="text-align: …"`, else `align="…"`.
fn align(element: &Element) -> Align {
    let said = |value: &str| match value.trim().to_ascii_lowercase().as_str() {
        "left" | "start" => Some(Align::Left),
        "center" | "centre" | "middle" => Some(Align::Center),
        "right" | "end" => Some(Align::Right),
        _ => None,
    };
    let attr = |kept, said| element.attr(kept).or_else(|| element.attr(said));
    let style = attr(extract::KEPT_STYLE, "style").and_then(|style| {
        (style.split(';').filter_map(|d| d.split_once(':')))
            .filter(|(name, _)| name.trim().eq_ignore_ascii_case("text-align"))
            .find_map(|(_, value)| said(value.trim_end_matches("!important")))
    });
    style
        .or_else(|| attr(extract::KEPT_ALIGN, "align").and_then(said))
        .unwrap_or_default()
}

/// A block element whose text takes its shape: the innermost one decides a block's kind.
enum Role {
    /// `title_from` is where an `<h1>`'s blocks start, to drop it if it repeats the title.
    Heading {
        title_from: Option<usize>,
    },
    Quote,
    /// `marker` is taken by the item's first block; later ones (after a nested list or a second
    /// paragraph) get blanks as wide, so they line up under the first.
    Item {
        marker: Option<String>,
        blank: String,
        depth: u8,
    },
}

/// An open `<ul>` or `<ol>` and the number its next item takes.
struct List {
    ordered: bool,
    next: i64,
    step: i64,
}

/// The most columns one cell's `colspan` spans: it lines up the cells after it, and a
/// `colspan="100000"` must not make a hundred thousand empty cells.
const MAX_COLSPAN: usize = 16;

/// The most `<col>` alignments kept for one table.
const MAX_COLUMNS: usize = 1_000;

/// The most tables open inside one another that are read as tables; deeper ones are read as
/// their blocks. Each table runs the cells of those inside it together again, so the depth
/// bounds how many times a page's text is moved.
const MAX_TABLE_DEPTH: usize = 4;

/// An open `<table>`: where its blocks start, its rows so far, and its columns' alignment as
/// its `<col>`s say.
struct Table {
    from: usize,
    rows: Vec<Row>,
    cols: Vec<Align>,
}

/// A `<tr>`: whether it is in a `<thead>`, and its cells.
struct Row {
    head: bool,
    cells: Vec<Cell>,
}

/// A `<td>` or `<th>`: the blocks read inside it, the columns it spans, how it is aligned.
struct Cell {
    blocks: std::ops::Range<usize>,
    head: bool,
    span: usize,
    align: Align,
}

/// Sets text into blocks as the walk goes, one element or text node at a time.
struct Reader<'t, 'a> {
    title: &'t str,
    start: Start,
    /// The bytes of text in the chosen part, and how many more elements named as boilerplate
    /// may be measured against it.
    chosen_chars: usize,
    checks_left: usize,
    blocks: Vec<Block>,
    /// The block being set.
    run: Vec<Span>,
    /// A collapsed space waiting for the next word, with the style of the word before it.
    space: Option<Inline>,
    /// Characters since the start of the line, for tab stops in preformatted text.
    column: usize,
    roles: Vec<Role>,
    lists: Vec<List>,
    /// How many open elements set each style, and how many `<pre>`s are open.
    emphasis: usize,
    strong: usize,
    code: usize,
    link: usize,
    /// The addresses of the links being read, innermost last.
    hrefs: Vec<String>,
    pre: usize,
    /// The tables open, innermost last, and how many more are open inside them past
    /// [`MAX_TABLE_DEPTH`].
    tables: Vec<Table>,
    too_deep: usize,
    notes: Notes,
    /// The list of notes being read (its element, where its blocks start, how many notes were
    /// read before it), and the note being read (its element, where its blocks start, its
    /// number).
    note_list: Option<(ElementRef<'a>, usize, usize)>,
    note: Option<(ElementRef<'a>, usize, usize)>,
    /// Each note read, with its number.
    notes_read: Vec<(usize, Vec<Block>)>,
    /// The `<figure>`s open, innermost last, and how many headers of the article are open.
    figures: Vec<Figure>,
    headers: usize,
    /// The text outside `<noscript>`s, where what a `<noscript>` says is looked for.
    outside_noscript: noscript::Outside<'a>,
}

impl<'t, 'a> Reader<'t, 'a> {
    fn new(content: ElementRef<'a>, title: &'t str, start: Start) -> Self {
        Self {
            title,
            start,
            chosen_chars: 0,
            checks_left: BOILERPLATE_CHECKS,
            blocks: Vec::new(),
            run: Vec::new(),
            space: None,
            column: 0,
            roles: Vec::new(),
            lists: Vec::new(),
            emphasis: 0,
            strong: 0,
            code: 0,
            link: 0,
            hrefs: Vec::new(),
            pre: 0,
            tables: Vec::new(),
            too_deep: 0,
            notes: Notes::find(content),
            note_list: None,
            note: None,
            notes_read: Vec::new(),
            figures: Vec::new(),
            headers: 0,
            outside_noscript: noscript::Outside::new(content),
        }
    }

    /// What `element` does to the text inside it, where this walk started: the chosen part's
    /// `<header>` is the article's own, as is a `<header>` inside an `<article>` anywhere.
    fn kind(&self, element: ElementRef<'_>) -> Kind {
        match kind_of(element) {
            Kind::Skip if self.start == Start::Chosen && is_own_header(element.value()) => {
                Kind::Block
            }
            Kind::Skip if is_article_header(element) => Kind::Block,
            // Readability makes an `<h1>` an `<h2>`, and an article's header may title it with
            // any heading: any heading there that repeats the title goes.
            Kind::Heading { .. } if self.start == Start::Chosen || self.headers > 0 => {
                Kind::Heading { top: true }
            }
            kind => kind,
        }
    }

    /// True for a short byline (`class="byline"`, `author-name`) in the article's header: the
    /// article's author, as scoring leaves it out of its choice. A date line stays, as there.
    fn is_header_byline(&self, element: ElementRef<'_>) -> bool {
        if self.headers == 0 || !names_byline(element.value()) {
            return false;
        }
        let mut chars = 0;
        element.text().all(|t| {
            chars += t.len();
            chars <= MAX_BYLINE
        })
    }

    /// True for a list in the article's header that is mostly links and short: a menu of
    /// tools or share buttons beside the headline, never a standfirst.
    fn is_header_menu(&self, element: ElementRef<'_>) -> bool {
        if self.headers == 0 || !matches!(element.value().name(), "ul" | "ol" | "menu") {
            return false;
        }
        // One bounded walk: the text, and how much of it is in links.
        let (mut chars, mut linked, mut links) = (0, 0, 0usize);
        for node in element.descendants().take(MAX_HEADER_MENU) {
            if let Some(text) = node.value().as_text() {
                let n = text.trim().len();
                chars += n;
                let in_link = node
                    .ancestors()
                    .take_while(|a| a.id() != element.id())
                    .any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| e.name() == "a" && e.attr("href").is_some())
                    });
                if in_link {
                    linked += n;
                }
            } else if node.value().as_element().is_some_and(|e| e.name() == "a") {
                links += 1;
            }
            if chars > MAX_HEADER_MENU {
                return false;
            }
        }
        links > 0 && 2 * linked >= chars
    }

    /// True for an element of the chosen part that is named as boilerplate and holds less than
    /// a third of its text: a share bar, not the article wrapper that a site named `social`.
    fn is_boilerplate(&mut self, element: ElementRef<'a>) -> bool {
        if self.start != Start::Chosen || self.checks_left == 0 || !extract::is_boilerplate(element)
        {
            return false;
        }
        // Each check reads at most a third of the text: a budget of checks bounds the work.
        self.checks_left -= 1;
        let third = self.chosen_chars / 3;
        let mut read = 0;
        element.text().all(|t| {
            read += t.len();
            read <= third
        })
    }

    /// Handles an element's start; returns whether to read what is inside it.
    fn open(&mut self, element: ElementRef<'a>) -> bool {
        if element.value().name() != "figcaption" {
            self.end_waiting_figure();
        }
        if self.is_boilerplate(element) {
            return false;
        }
        if !self.notes.numbers.is_empty()
            && let Some(enter) = self.open_note(element)
        {
            return enter;
        }
        if self.is_header_byline(element) || self.is_header_menu(element) {
            return false;
        }
        if element.value().name() == NOSCRIPT {
            // Read as inline content where it stands, as a browser without scripts shows it.
            return noscript::worth_reading(element, &mut self.outside_noscript);
        }
        match self.kind(element) {
            Kind::Skip => return false,
            Kind::Block | Kind::Break => {
                self.flush();
                match element.value().name() {
                    "header" => self.headers += 1,
                    "figure" => self.figures.push(Figure::default()),
                    "figcaption" => {
                        let at = self.blocks.len();
                        if let Some(figure) = self.figures.last_mut()
                            && figure.caption.is_none()
                        {
                            figure.caption = Some((at, None));
                        }
                    }
                    _ => {}
                }
            }
            Kind::Heading { top } => {
                self.flush();
                let title_from = top.then_some(self.blocks.len());
                self.roles.push(Role::Heading { title_from });
            }
            Kind::Quote => {
                self.flush();
                self.roles.push(Role::Quote);
            }
            Kind::List { ordered } => {
                self.flush();
                self.lists.push(List::new(element, ordered));
            }
            Kind::Item => {
                self.flush();
                let role = self.item(element.value());
                self.roles.push(role);
            }
            Kind::Pre => {
                self.flush();
                self.pre += 1;
            }
            Kind::Style(style) => {
                if style == Inline::Link {
                    let href = element.value().attr("href").unwrap_or_default();
                    self.hrefs.push(href.trim().to_string());
                }
                *self.count(style) += 1;
            }
            Kind::Image => self.image(element.value()),
            Kind::Table => {
                self.flush();
                if self.tables.len() < MAX_TABLE_DEPTH {
                    self.tables.push(Table {
                        from: self.blocks.len(),
                        rows: Vec::new(),
                        cols: Vec::new(),
                    });
                } else {
                    self.too_deep += 1;
                }
            }
            Kind::Row | Kind::Cell { .. } if self.too_deep > 0 => self.flush(),
            Kind::Row => {
                self.flush();
                let head = element
                    .parent()
                    .and_then(ElementRef::wrap)
                    .is_some_and(|p| p.value().name() == "thead");
                if let Some(table) = self.tables.last_mut() {
                    table.rows.push(Row {
                        head,
                        cells: Vec::new(),
                    });
                }
            }
            Kind::Cell { head } => {
                self.flush();
                let at = self.blocks.len();
                let span = element.attr("colspan").and_then(|n| n.trim().parse().ok());
                if let Some(table) = self.tables.last_mut() {
                    if table.rows.is_empty() {
                        table.rows.push(Row {
                            head: false,
                            cells: Vec::new(),
                        });
                    }
                    if let Some(row) = table.rows.last_mut() {
                        row.cells.push(Cell {
                            blocks: at..at,
                            head,
                            span: span.unwrap_or(1).clamp(1, MAX_COLSPAN),
                            align: align(element.value()),
                        });
                    }
                }
            }
            Kind::Inline if element.value().name() == "col" && self.too_deep == 0 => {
                if let Some(table) = self.tables.last_mut() {
                    let span = element.attr("span").and_then(|n| n.trim().parse().ok());
                    let span = span.unwrap_or(1).clamp(1, MAX_COLSPAN);
                    if table.cols.len() + span <= MAX_COLUMNS {
                        let said = align(element.value());
                        table.cols.extend(std::iter::repeat_n(said, span));
                    }
                }
            }
            Kind::Inline => {}
        }
        true
    }

    /// What a page's footnotes make of `element`, when they make anything of it: `Some` with
    /// whether to read inside it, `None` to read it as any other element.
    fn open_note(&mut self, element: ElementRef<'a>) -> Option<bool> {
        let e = element.value();
        if self.note.is_some() && self.notes.is_back_link(e) {
            return Some(false);
        }
        if e.name() == "a"
            && let Some(n) = self.notes.number(e)
        {
            // The link's own text (`1`, `[1]`) gives way to the raised number.
            if self.space.take().is_some() {
                self.push(' ', Inline::Plain);
            }
            superscript(n)
                .chars()
                .for_each(|c| self.push(c, Inline::Reference));
            return Some(false);
        }
        // An `<aside>` is skipped as a sidebar, unless it says it holds the notes.
        if self.note_list.is_none()
            && is_note_list(e)
            && (kind(e) != Kind::Skip || e.name() == "aside")
        {
            self.flush();
            self.note_list = Some((element, self.blocks.len(), self.notes_read.len()));
            return Some(true);
        }
        let n = e.id().and_then(|id| self.notes.numbers.get(id)).copied();
        if let Some(n) = n.filter(|_| e.name() == "li" && self.note_list.is_some())
            && self.note.is_none()
        {
            self.flush();
            self.note = Some((element, self.blocks.len(), n));
            self.roles.push(Role::Item {
                marker: None,
                blank: String::new(),
                depth: 0,
            });
            return Some(true);
        }
        None
    }

    /// Handles the end of a note or of the list of notes; whether `element` was one.
    fn close_note(&mut self, element: ElementRef<'a>) -> bool {
        if let Some((node, from, n)) = self.note
            && node == element
        {
            self.flush();
            self.roles.pop();
            let blocks = self.blocks.split_off(from.min(self.blocks.len()));
            self.notes_read.push((n, blocks));
            self.note = None;
            return true;
        }
        if let Some((node, from, before)) = self.note_list
            && node == element
        {
            // The notes are listed at the end under a heading of their own: the list's own
            // heading ("Footnotes", "References", just before it or inside it) and its other
            // words go, its items past the cap stay. A list that had no note in it (a
            // bibliography without ids) is read as it stands.
            self.flush();
            if self.notes_read.len() > before {
                let from = from.min(self.blocks.len());
                let rest = self.blocks.split_off(from);
                let items: Vec<Block> = (rest.into_iter())
                    .filter(|b| matches!(b, Block::Item { .. }))
                    .collect();
                if items.is_empty() && matches!(self.blocks.last(), Some(Block::Heading(_))) {
                    self.blocks.pop();
                }
                self.blocks.extend(items);
            }
            self.note_list = None;
            return true;
        }
        false
    }

    /// Handles the end of an element that [`Reader::open`] entered.
    fn close(&mut self, element: ElementRef<'a>) {
        if (self.note.is_some() || self.note_list.is_some()) && self.close_note(element) {
            return;
        }
        match self.kind(element) {
            Kind::Skip | Kind::Inline | Kind::Image => {}
            Kind::Block | Kind::Break => {
                self.flush();
                match element.value().name() {
                    "header" => self.headers = self.headers.saturating_sub(1),
                    "figure" => match self.figures.last_mut() {
                        Some(figure) if figure.waits_for_caption(element) => {
                            figure.caption_after = true;
                        }
                        _ => self.close_figure(),
                    },
                    "figcaption" => {
                        let at = self.blocks.len();
                        if let Some(figure) = self.figures.last_mut()
                            && let Some((_, end @ None)) = &mut figure.caption
                        {
                            *end = Some(at);
                            if figure.caption_after {
                                self.close_figure();
                            }
                        }
                    }
                    _ => {}
                }
            }
            Kind::Heading { .. } => {
                self.flush();
                if let Some(Role::Heading {
                    title_from: Some(from),
                }) = self.roles.pop()
                {
                    self.drop_if_title(from);
                }
            }
            Kind::Quote | Kind::Item => {
                self.flush();
                self.roles.pop();
            }
            Kind::List { .. } => {
                self.flush();
                self.lists.pop();
            }
            Kind::Pre => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
            }
            Kind::Row => self.flush(),
            Kind::Cell { .. } | Kind::Table if self.too_deep > 0 => {
                self.flush();
                if matches!(kind(element.value()), Kind::Table) {
                    self.too_deep -= 1;
                }
            }
            Kind::Cell { .. } => {
                self.flush();
                let at = self.blocks.len();
                let cell = self.tables.last_mut().and_then(|t| t.rows.last_mut());
                if let Some(cell) = cell.and_then(|r| r.cells.last_mut()) {
                    cell.blocks.end = at;
                }
            }
            Kind::Table => {
                self.flush();
                if let Some(table) = self.tables.pop() {
                    self.set_table(table);
                }
            }
            Kind::Style(style) => {
                if style == Inline::Link {
                    self.hrefs.pop();
                }
                let count = self.count(style);
                *count = count.saturating_sub(1);
            }
        }
    }

    fn count(&mut self, style: Inline) -> &mut usize {
        match style {
            Inline::Emphasis => &mut self.emphasis,
            Inline::Strong => &mut self.strong,
            Inline::Link => &mut self.link,
            // Plain text has no element of its own; it never reaches here.
            Inline::Code | Inline::Plain | Inline::Reference => &mut self.code,
        }
    }

    /// The style of text here: code over link over strong over emphasis, as a span has one.
    fn style(&self) -> Inline {
        if self.pre > 0 || self.code > 0 {
            Inline::Code
        } else if self.link > 0 {
            Inline::Link
        } else if self.strong > 0 {
            Inline::Strong
        } else if self.emphasis > 0 {
            Inline::Emphasis
        } else {
            Inline::Plain
        }
    }

    /// The role of a new `<li>`, numbered by its list.
    fn item(&mut self, element: &Element) -> Role {
        let depth = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
        let marker = match self.lists.last_mut() {
            Some(list) if list.ordered => {
                let n = element
                    .attr("value")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(list.next);
                list.next = n.saturating_add(list.step);
                format!("{n}.")
            }
            _ => "•".to_string(),
        };
        Role::Item {
            blank: " ".repeat(marker.chars().count()),
            marker: Some(marker),
            depth,
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            self.preformatted(text);
            return;
        }
        let style = self.style();
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                // HTML's whitespace; a no-break space is text and is kept.
                if self.space.is_none() {
                    self.space = self.run.last().map(|span| span.style);
                }
            } else if !is_invisible_or_control(c) {
                if let Some(before) = self.space.take() {
                    // A space between two styles is plain, so a link's underline stops at it.
                    let space_style = if before == style {
                        style
                    } else {
                        Inline::Plain
                    };
                    self.push(' ', space_style);
                }
                self.push(c, style);
            }
        }
    }

    /// Sets an `<img>` as its placeholder, linked to the image (or, inside a link, as the
    /// link's text). A tracking pixel (1 by 1, or 0) stands for nothing and is left out.
    fn image(&mut self, element: &Element) {
        if noscript::is_pixel(element.attr("width"), element.attr("height")) {
            return;
        }
        let alt = element.attr("alt").unwrap_or_default();
        let src = image_source(element);
        // A figure's first image waits for its caption, as a block of its own.
        if self
            .figures
            .last()
            .is_some_and(|f| f.image.is_none() && !f.in_caption())
        {
            let src = match self.hrefs.last() {
                Some(href) if self.link > 0 => Some(href.clone()),
                _ => src.map(str::to_string),
            };
            self.flush();
            let at = self.blocks.len();
            if let Some(figure) = self.figures.last_mut() {
                figure.image = Some(Image {
                    at,
                    src,
                    alt: alt.to_string(),
                });
            }
            return;
        }
        let text = image_placeholder(alt);
        if self.space.take().is_some() {
            self.push(' ', Inline::Plain);
        }
        match src {
            _ if self.link > 0 => text.chars().for_each(|c| self.push(c, Inline::Link)),
            Some(src) => {
                self.column += text.chars().count();
                match self.run.last_mut() {
                    Some(span) if span.link.as_deref() == Some(src) => span.text.push_str(&text),
                    _ => self.run.push(Span::link(text, src)),
                }
            }
            None => text.chars().for_each(|c| self.push(c, Inline::Plain)),
        }
    }

    fn preformatted(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' => self.flush(),
                '\t' => {
                    for _ in 0..TAB_WIDTH - self.column % TAB_WIDTH {
                        self.push(' ', Inline::Code);
                    }
                }
                c if c.is_whitespace() => self.push(' ', Inline::Code),
                c if is_invisible_or_control(c) => {}
                c => self.push(c, Inline::Code),
            }
        }
    }

    /// Adds a character to the block being set, merging it into the last span of its style.
    fn push(&mut self, c: char, style: Inline) {
        self.column += 1;
        // Code inside a link is still part of the link.
        let link = match style {
            Inline::Link | Inline::Code if self.link > 0 => self.hrefs.last(),
            _ => None,
        };
        match self.run.last_mut() {
            Some(span) if span.style == style && span.link.as_ref() == link => span.text.push(c),
            _ => self.run.push(Span {
                text: c.to_string(),
                style,
                link: link.cloned(),
            }),
        }
    }

    /// Ends the block being set, if it has any text, as the innermost role makes it.
    fn flush(&mut self) {
        self.space = None;
        self.column = 0;
        let mut spans = std::mem::take(&mut self.run);
        trim(&mut spans);
        if spans.is_empty() {
            return;
        }
        let block = match self.roles.last_mut() {
            None => Block::Paragraph(spans),
            Some(Role::Heading { .. }) => Block::Heading(spans),
            Some(Role::Quote) => Block::Quote(spans),
            Some(Role::Item {
                marker,
                blank,
                depth,
            }) => Block::Item {
                marker: marker.take().unwrap_or_else(|| blank.clone()),
                depth: *depth,
                spans,
            },
        };
        self.blocks.push(block);
    }

    /// Makes the blocks read inside a closed table one [`Block::Table`], each cell's blocks run
    /// together. A table of one column is a layout table, not data: its blocks stay as they are
    /// (so are a caption's, before the table).
    fn set_table(&mut self, table: Table) {
        let columns = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.span).sum());
        if columns.max().unwrap_or(0) < 2 || table.from > self.blocks.len() {
            return;
        }
        // Each block read inside the table is taken once, into its cell or back before it.
        let mut read: Vec<Option<Block>> = self
            .blocks
            .split_off(table.from)
            .into_iter()
            .map(Some)
            .collect();
        let first = table.rows.iter().flat_map(|r| r.cells.first()).next();
        let before = first.map_or(read.len(), |c| c.blocks.start.saturating_sub(table.from));
        let before = before.min(read.len());
        let mut rows: Vec<Vec<Vec<Span>>> = Vec::new();
        let mut head = false;
        // Each column's alignment: the first body cell's that says one, else the header's,
        // else its `<col>`'s. A cell spanning columns says nothing of any one of them.
        let mut body_says: Vec<Align> = Vec::new();
        let mut head_says: Vec<Align> = Vec::new();
        for row in table.rows.iter().filter(|r| !r.cells.is_empty()) {
            if rows.is_empty() {
                head = row.head || row.cells.iter().all(|c| c.head);
            }
            let says = if head && rows.is_empty() {
                &mut head_says
            } else {
                &mut body_says
            };
            let mut column = 0;
            for cell in row.cells.iter() {
                if cell.span == 1 && cell.align != Align::Auto {
                    if says.len() <= column {
                        says.resize(column + 1, Align::Auto);
                    }
                    if says[column] == Align::Auto {
                        says[column] = cell.align;
                    }
                }
                column += cell.span;
            }
            let mut cells = Vec::new();
            for cell in &row.cells {
                let start = cell.blocks.start.saturating_sub(table.from).min(read.len());
                let end = cell.blocks.end.saturating_sub(table.from).min(read.len());
                let blocks = read[start..end.max(start)]
                    .iter_mut()
                    .filter_map(Option::take);
                cells.push(inline(blocks));
                cells.extend(std::iter::repeat_n(Vec::new(), cell.span - 1));
            }
            rows.push(cells);
        }
        let caption = read[..before].iter_mut().filter_map(Option::take);
        self.blocks.extend(caption);
        let header = if head && !rows.is_empty() {
            rows.remove(0)
        } else {
            Vec::new()
        };
        let columns = (body_says.len().max(head_says.len())).max(table.cols.len());
        let aligns = (0..columns)
            .map(|j| {
                [&body_says, &head_says, &table.cols]
                    .iter()
                    .filter_map(|says| says.get(j).copied())
                    .find(|&a| a != Align::Auto)
                    .unwrap_or_default()
            })
            .collect();
        let table = Block::table(header, rows).aligned(aligns);
        // A table of empty cells (spacers, a layout grid) has nothing to read.
        if !table.text().trim().is_empty() {
            self.blocks.push(table);
        }
    }

    /// Ends a figure that waited for a caption after it, when that caption was not read.
    fn end_waiting_figure(&mut self) {
        if self
            .figures
            .last()
            .is_some_and(|f| f.caption_after && f.caption.is_none())
        {
            self.close_figure();
        }
    }

    /// Ends a `<figure>`: its first image and its caption become one block where the image was.
    fn close_figure(&mut self) {
        let Some(Figure {
            image: Some(image),
            caption,
            ..
        }) = self.figures.pop()
        else {
            return;
        };
        // Tables and notes inside the figure may have moved its blocks: indices are clamped.
        let len = self.blocks.len();
        let mut at = image.at.min(len);
        let mut spans = Vec::new();
        if let Some((from, Some(to))) = caption {
            let (from, to) = (from.min(len), to.min(len));
            if from < to {
                spans = inline(self.blocks.drain(from..to));
                if at >= to {
                    at -= to - from;
                } else if at > from {
                    at = from;
                }
            }
        }
        let block = Block::Paragraph(figure::spans(spans, &image));
        self.blocks.insert(at, block);
    }

    /// Drops the blocks from `from` on when together they only repeat the title.
    fn drop_if_title(&mut self, from: usize) {
        let Some(blocks) = self.blocks.get(from..) else {
            return;
        };
        if blocks.is_empty() {
            return;
        }
        let text = blocks.iter().map(Block::text).collect::<Vec<_>>().join(" ");
        if one_line(&text) == self.title {
            self.blocks.truncate(from);
        }
    }
}

impl List {
    fn new(element: ElementRef<'_>, ordered: bool) -> Self {
        let reversed = ordered && element.attr("reversed").is_some();
        let start = element.attr("start").and_then(|s| s.trim().parse().ok());
        let next = start.unwrap_or_else(|| {
            if reversed {
                let items = element.child_elements();
                let count = items.filter(|e| e.value().name() == "li").count();
                i64::try_from(count).unwrap_or(i64::MAX)
            } else {
                1
            }
        });
        Self {
            ordered,
            next,
            step: if reversed { -1 } else { 1 },
        }
    }
}

/// Where an `<img>`'s picture is: its `src`, unless a script is to fill that in (it is missing,
/// or a `data:` placeholder) from `data-src`, `data-lazy-src` or `data-original`.
fn image_source(element: &Element) -> Option<&str> {
    let attr = |name| {
        element
            .attr(name)
            .map(str::trim)
            .filter(|s: &&str| !s.is_empty())
    };
    let src = attr("src");
    let placeholder =
        src.is_none_or(|s| s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")));
    let lazy = || {
        ["data-src", "data-lazy-src", "data-original"]
            .into_iter()
            .find_map(attr)
    };
    if placeholder { lazy().or(src) } else { src }
}

/// The text of `blocks` run together as one cell of a table: blocks apart by a space, a list
/// item with its marker, a nested table cell by cell.
fn inline(blocks: impl Iterator<Item = Block>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for mut block in blocks {
        let mut marker = match &mut block {
            Block::Item { marker, .. } if !marker.trim().is_empty() => Some(std::mem::take(marker)),
            _ => None,
        };
        for run in block.runs_mut() {
            if run.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(Span::new(" ", Inline::Plain));
            }
            if let Some(marker) = marker.take() {
                out.push(Span::new(format!("{marker} "), Inline::Plain));
            }
            out.append(run);
        }
    }
    out
}

/// Trims whitespace (no-break spaces too) from both ends of a block, dropping spans it empties.
fn trim(spans: &mut Vec<Span>) {
    let blank = spans
        .iter()
        .take_while(|span| span.text.trim_start().is_empty())
        .count();
    spans.drain(..blank);
    if let Some(first) = spans.first_mut() {
        let kept = first.text.trim_start().len();
        first.text.drain(..first.text.len() - kept);
    }
    while let Some(last) = spans.last_mut() {
        last.text.truncate(last.text.trim_end().len());
        if !last.text.is_empty() {
            break;
        }
        spans.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::tests::body;

    /// The texts of the blocks `read_body` reads from the `<body>` of `html`, as the plain
    /// choice does, for a page titled "Ferry plan".
    fn plain(html: &str) -> Vec<String> {
        let page = scraper::Html::parse_document(html);
        let selector = scraper::Selector::parse("body").unwrap();
        let body = page.select(&selector).next().unwrap();
        let body = read_body(body, "Ferry plan", Start::Page);
        body.blocks.iter().map(Block::text).collect()
    }

    #[test]
    fn a_header_headed_by_the_headline_is_the_articles_but_a_logos_is_not() {
        let texts = plain(
            "<header><h1><img src=logo.png alt=Courier></h1><p>Your town, daily news</p>\
             </header><div><header><h1>The ferry timetable changes</h1>\
             <p class=standfirst>Fares stay as they are.</p></header>\
             <p>The first crossing will leave at six.</p></div>",
        );
        assert_eq!(
            texts,
            [
                "The ferry timetable changes",
                "Fares stay as they are.",
                "The first crossing will leave at six."
            ],
        );
    }

    #[test]
    fn an_articles_own_header_is_read_without_its_title_and_byline() {
        let texts = plain(
            "<header class=site><a href='/'>Kettleby Courier</a> <p>Your town, daily news</p>\
             </header><article><header><h2>Ferry plan</h2>\
             <p class=standfirst>The harbour gets a new timetable, and the fares stay.</p>\
             <p class=byline>By <a href='/ada'>Ada Writer</a></p>\
             <ul><li><a href='/share'>Share</a></li><li><a href='/tools'>Tools</a>\
             <ul><li><a href='/edit'>Edit</a></li></ul></li><li>10</li></ul>\
             <time datetime=2024-03-05>5 March 2024</time></header>\
             <p>The first crossing will leave at six.</p></article>",
        );
        assert_eq!(
            texts,
            [
                "The harbour gets a new timetable, and the fares stay.",
                "5 March 2024",
                "The first crossing will leave at six."
            ]
        );
        // A header that is more than a byline is read.
        let texts = plain(
            "<article><header><div class=author-intro>By Ada Writer, who has covered the \
             harbour for twenty years and has sailed on every ferry the town has had, from the \
             first paddle steamer to the catamaran the council bought last spring, and who \
             knows the skippers by name.</div></header><p>Text.</p></article>",
        );
        assert_eq!(texts.len(), 2, "{texts:?}");
        // A list that is more than links, there, is read.
        let texts = plain(
            "<article><header><h2>Ferry plan</h2><ul><li>Fares stay as they are</li>\
             <li>Crossings at six and at noon</li></ul></header><p>Text.</p></article>",
        );
        assert_eq!(texts.len(), 3, "{texts:?}");
    }

    #[test]
    fn a_lazy_image_links_to_its_picture_not_its_placeholder() {
        let link = |html: &str| body(html)[0].spans()[0].link.clone();
        let gif = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
        assert_eq!(
            link(&format!("<img src='{gif}' data-src='q.jpg' alt=Quay>")).as_deref(),
            Some("q.jpg")
        );
        assert_eq!(
            link("<img data-lazy-src=' q.jpg ' alt=Quay>").as_deref(),
            Some("q.jpg")
        );
        assert_eq!(
            link("<img src='a.jpg' data-src='b.jpg' alt=A>").as_deref(),
            Some("a.jpg")
        );
        // With nothing better, the placeholder is what there is.
        assert_eq!(
            link(&format!("<img src='{gif}' alt=A>")).as_deref(),
            Some(gif)
        );
    }

    fn aligns(html: &str) -> Vec<Align> {
        match &body(html)[..] {
            [Block::Table { aligns, .. }] => aligns.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn cells_and_cols_say_how_columns_align() {
        use Align::*;
        // pandoc and GitHub write the alignment on every cell, as a style or an attribute.
        assert_eq!(
            aligns(
                "<table><tr><th>City</th><th style='text-align: right;'>Rain</th>\
                 <th align=center>Note</th><th>Rank</th></tr>\
                 <tr><td>Lisbon</td><td style='color:red; TEXT-ALIGN:Right'>712</td>\
                 <td align='CENTER'>wet</td><td>1</td></tr></table>"
            ),
            [Auto, Right, Center]
        );
        // A body cell's word counts over the header's, and the header's over a `<col>`'s.
        assert_eq!(
            aligns(
                "<table><colgroup><col><col span=2 align=right></colgroup>\
                 <tr><th>a</th><th align=center>b</th><th>c</th></tr>\
                 <tr><td>1</td><td align=left>2</td><td>3</td></tr></table>"
            ),
            [Auto, Left, Right]
        );
        // A cell that spans columns says nothing of any one of them.
        assert_eq!(
            aligns(
                "<table><tr><td colspan=2 align=right>wide</td></tr>\
                 <tr><td>1</td><td>2</td></tr></table>"
            ),
            []
        );
        // What cannot be read is not guessed at.
        assert_eq!(
            aligns("<table><tr><td align=justify>a</td><td style='text-align'>b</td></tr></table>"),
            []
        );
        // A `<col span>` is capped like a `colspan`.
        let many =
            aligns("<table><col span=100000 align=right><tr><td>a</td><td>b</td></tr></table>");
        assert_eq!(many, [Right, Right]);
    }
}

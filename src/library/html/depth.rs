//! Guards run before HTML parsing, against pages crafted (or broken) to make html5ever slow:
//! tags nested deeper than a browser would nest them are dropped, as are formatting tags when
//! a page leaves too many of them open. Text is always kept.

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements nested deeper than this lose their tags (not their text) before parsing, as in
/// Blink's parser: html5ever's time grows with the square of the depth, so 100,000 nested
/// `<div>`s would take minutes.
pub(super) const MAX_DEPTH: usize = 512;

/// Formatting elements, which the HTML parser re-opens in every new block while they are open.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// More formatting tags left open than this and a page loses them all (keeping their text):
/// html5ever rebuilds every open one in each new paragraph, so a 72 KB page with 4,000 of
/// them took 10 s and 2 GB.
pub(super) const MAX_OPEN_FORMATTING: usize = 64;

/// `text` without its formatting tags if more than [`MAX_OPEN_FORMATTING`] of them are left
/// open (start tags without end tags); borrowed when the page is sane.
pub(super) fn limit_formatting(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut tags: Vec<(usize, usize)> = Vec::new();
    let mut open = 0usize;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + offset;
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = &text[name_start.min(text.len())..(name_start + name_len).min(text.len())];
        let end = tag_end(bytes, start + 1);
        if FORMATTING.iter().any(|f| f.eq_ignore_ascii_case(name)) {
            tags.push((start, end));
            if closing {
                open = open.saturating_sub(1);
            } else {
                open += 1;
            }
        }
        i = end.max(start + 1);
    }
    if open <= MAX_OPEN_FORMATTING {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, end) in tags {
        out.push_str(&text[copied..start]);
        copied = end;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// `text` with the tags of elements nested deeper than [`MAX_DEPTH`] removed, and the matching
/// end tags with them; borrowed when nothing is that deep.
///
/// This is a lexical estimate of the depth the parser will build, not a parser: elements that
/// close themselves (`<p>`, `<li>`, table cells) and void ones are not counted, an end tag closes
/// everything opened inside its element, and raw text (`<script>`, comments) is passed over.
pub(super) fn limit_depth(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut depth = Depth::default();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + offset;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            i = comment_end(bytes, start);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = find(bytes, start, b">").map_or(bytes.len(), |end| end + 1);
            continue;
        }
        let closing = rest.starts_with(b"</");
        let name_start = start + if closing { 2 } else { 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
            .map_or(bytes.len(), |n| name_start + n);
        let name = text[name_start..name_end].to_ascii_lowercase();
        let end = tag_end(bytes, name_end);
        let self_closing = bytes[..end].ends_with(b"/>");
        let keep = if closing {
            depth.close(&name)
        } else {
            depth.open(&name, self_closing)
        };
        if !keep {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..start]);
            copied = end;
        }
        i = end;
        if !closing && !depth.foreign() {
            if name == "plaintext" {
                break;
            }
            if RAW_TEXT.contains(&name.as_str()) {
                i = raw_text_end(bytes, end, &name);
            }
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    }
}

/// Elements whose contents are text up to their end tag, in HTML (not inside SVG or MathML).
/// `<noscript>` is not one here: scoring's parser reads it as markup, as a browser without
/// scripts does, and so does the walker in a page's body (`noscript.rs`).
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title",
];

/// Elements with no contents: kept at any depth (a `<br>` is a line break of the text).
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "image", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements the parser closes by itself when a sibling starts (so they never nest deeply
/// however many are left open). Past [`MAX_DEPTH`] they go too: each one makes the parser look
/// through every open element (is a `<p>` or an `<li>` open to close?), so 100,000 `<li>`s
/// under a thousand open lists cost 10^8 steps.
const NOT_NESTING: &[&str] = &[
    "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p",
    "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// The elements open at a point of the text, as far as a lexical pass can tell.
#[derive(Default)]
struct Depth {
    stack: Vec<String>,
    open: HashMap<String, usize>,
    /// Start tags removed for depth, by name, whose end tags are to go too.
    dropped: HashMap<String, usize>,
}

impl Depth {
    /// Notes a start tag; returns whether to keep it.
    fn open(&mut self, name: &str, self_closing: bool) -> bool {
        let raw = RAW_TEXT.contains(&name) || name == "plaintext";
        if VOID.contains(&name) || (self_closing && self.foreign()) || (raw && !self.foreign()) {
            return true;
        }
        if self.stack.len() >= MAX_DEPTH {
            *self.dropped.entry(name.to_string()).or_default() += 1;
            return false;
        }
        if NOT_NESTING.contains(&name) {
            return true;
        }
        self.stack.push(name.to_string());
        *self.open.entry(name.to_string()).or_default() += 1;
        true
    }

    /// Notes an end tag; returns whether to keep it.
    fn close(&mut self, name: &str) -> bool {
        if let Some(dropped) = self.dropped.get_mut(name).filter(|n| **n > 0) {
            *dropped -= 1;
            return false;
        }
        if self.open.get(name).is_some_and(|n| *n > 0) {
            while let Some(top) = self.stack.pop() {
                if let Some(n) = self.open.get_mut(&top) {
                    *n = n.saturating_sub(1);
                }
                if top == name {
                    break;
                }
            }
        }
        true
    }

    /// True inside SVG or MathML, where `<title>` and `<style>` hold markup and `/>` closes.
    fn foreign(&self) -> bool {
        ["svg", "math"]
            .iter()
            .any(|name| self.open.get(*name).is_some_and(|n| *n > 0))
    }
}

/// The index of `needle` in `bytes` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|n| from + n)
}

/// `text` without what its `<script>`s (but JSON-LD's, which metadata is read from) and
/// `<style>`s hold; borrowed when it has none. Nothing of theirs is ever shown, and on news
/// sites they are most of the page (2.2 of a CNN page's 2.5 MB), which both parsers (the
/// walker's and scoring's) would tokenize. Comments are passed over whole, so a `<script>`
/// written inside one does not start anything; a script left open runs to the end, as it
/// does for the parser.
pub(super) fn drop_scripts(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let (mut copied, mut i) = (0, 0);
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(|&c| c == b'<'))
    {
        let start = i + offset;
        if bytes[start..].starts_with(b"<!--") {
            i = comment_end(bytes, start + 2);
            continue;
        }
        let Some(name) = [&b"script"[..], b"style"]
            .into_iter()
            .find(|name| names_tag(bytes, start + 1, name))
        else {
            i = start + 1;
            continue;
        };
        let open_end = tag_end(bytes, start + 1);
        let json_ld = name == b"script"
            && text[start..open_end]
                .to_ascii_lowercase()
                .contains("ld+json");
        let close = (open_end..bytes.len())
            .filter(|&at| bytes[at] == b'<' && bytes.get(at + 1) == Some(&b'/'))
            .find(|&at| names_tag(bytes, at + 2, name))
            .unwrap_or(bytes.len());
        if !json_ld && close > open_end {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() / 2));
            out.push_str(&text[copied..open_end]);
            copied = close;
        }
        i = close.max(start + 1);
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Whether a tag named `name` (any case) starts at `at` in `bytes`: the name, then a space,
/// `/`, `>` or the end.
fn names_tag(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    bytes
        .get(at..at + name.len())
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && bytes
            .get(at + name.len())
            .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
}

/// Where the tokenizer is inside a tag, after its name.
#[derive(Clone, Copy)]
enum InTag {
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
}

/// The index just past the `>` that ends a tag whose attributes start at `from`; the end of
/// the text if the tag never ends.
///
/// Follows the tokenizer's attribute states, so that a `>` inside a quoted value does not end
/// the tag and a stray quote (`<div =">`) does not start a value.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut state = InTag::BeforeName;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        let space = b.is_ascii_whitespace();
        state = match (state, b) {
            (InTag::Quoted(quote), _) if b == quote => InTag::BeforeName,
            (InTag::Quoted(quote), _) => InTag::Quoted(quote),
            (_, b'>') => return i + 1,
            (InTag::BeforeName | InTag::Name | InTag::AfterName, b'/') => InTag::BeforeName,
            (InTag::Name | InTag::AfterName, b'=') => InTag::BeforeValue,
            (InTag::BeforeValue, b'"' | b'\'') => InTag::Quoted(b),
            (InTag::BeforeName | InTag::Unquoted, _) if space => InTag::BeforeName,
            (InTag::Name | InTag::AfterName, _) if space => InTag::AfterName,
            (InTag::BeforeValue, _) if space => InTag::BeforeValue,
            (InTag::BeforeName | InTag::Name | InTag::AfterName, _) => InTag::Name,
            (InTag::BeforeValue | InTag::Unquoted, _) => InTag::Unquoted,
        };
    }
    bytes.len()
}

/// The index just past a comment that starts at `from` (`<!--`); it ends at `-->` or `--!>`,
/// and `<!-->` and `<!--->` are whole comments.
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from + 2;
    while let Some(dashes) = find(bytes, i, b"--") {
        let after = &bytes[dashes + 2..];
        if after.starts_with(b">") {
            return dashes + 3;
        }
        if after.starts_with(b"!>") {
            return dashes + 4;
        }
        i = dashes + 1;
    }
    bytes.len()
}

/// The index of the `</name` that ends raw text starting at `from`, in any case.
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(at) = find(bytes, i, b"</") {
        let candidate = at + 2;
        let matches = bytes
            .get(candidate..candidate + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let ends = bytes
            .get(candidate + name.len())
            .is_none_or(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>');
        if matches && ends {
            return at;
        }
        i = candidate;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_styles_lose_what_they_hold() {
        let page = "<head><style>p { color: red }</style>\
            <script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script>\
            <SCRIPT src=x>var a = '<p>no</p>';</SCRIPT ></head><body><p>Yes</p>\
            <!-- <script> --><p>Kept</p><scripts>too</scripts><script>left open <p>";
        assert_eq!(
            drop_scripts(page),
            "<head><style></style>\
            <script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script>\
            <SCRIPT src=x></SCRIPT ></head><body><p>Yes</p>\
            <!-- <script> --><p>Kept</p><scripts>too</scripts><script>"
        );
        assert!(matches!(drop_scripts("<p>None here</p>"), Cow::Borrowed(_)));
        assert_eq!(drop_scripts("<script"), "<script");
        assert_eq!(drop_scripts("<style>a</style"), "<style></style");
    }

    #[test]
    fn nesting_inside_noscript_counts() {
        // Scoring parses what a <noscript> holds as markup: 20,000 divs in one took a second.
        let deep = format!("<noscript>{}x</noscript>", "<div>".repeat(20_000));
        assert_eq!(limit_depth(&deep).matches("<div>").count(), MAX_DEPTH - 1);
    }

    #[test]
    fn too_many_open_formatting_tags_are_all_dropped() {
        let crafted: String = (0..200)
            .map(|i| format!("<div><b id={i}>x</div>"))
            .collect();
        let limited = limit_formatting(&crafted);
        assert!(!limited.contains("<b"), "{}", &limited[..80]);
        assert_eq!(limited.matches('x').count(), 200, "text is kept");
        assert!(limited.contains("<div>"));
    }

    #[test]
    fn ordinary_pages_keep_their_formatting() {
        let page = "<p>a <b>bold</b> and <a href='/x'>link</a>, <i>italic</i> <br> <b>unclosed</p>";
        assert!(matches!(limit_formatting(page), Cow::Borrowed(_)));
        let many_closed = "<p><em>e</em></p>".repeat(1000);
        assert!(matches!(limit_formatting(&many_closed), Cow::Borrowed(_)));
    }
}

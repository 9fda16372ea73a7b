//! A saved page's footnotes, found before the body is walked: which `<li>`s are notes (each an
//! `<li id>` in a list that says it holds notes: `footnotes`, `references`, `doc-endnotes`),
//! their numbers, and which elements refer to them, so the walk (`body.rs`) knows a reference,
//! a note and a back-link when it meets one. Pandoc, kramdown, Wikipedia and WordPress write
//! them so.

use std::collections::{HashMap, HashSet};

use scraper::ElementRef;
use scraper::node::Element;

/// The most footnotes a page's notes are read as; a reference to one past them stays a link.
pub(super) const MAX_NOTES: usize = 1_000;

/// How far above a note's `<li>` its list may say it is a list of notes: the `<ol>`, or a
/// `<section>` or `<div>` around it (pandoc, kramdown), or one more wrapper.
const NOTE_LIST_ABOVE: usize = 3;

/// A page's footnotes, found before the walk.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// Each note's `id`, and its number: the notes in the order the page lists them.
    pub(super) numbers: HashMap<String, usize>,
    /// The `id`s of the references (the `<a>`, or the `<sup>` around it): a link to one of
    /// them inside a note is a back-link.
    references: HashSet<String>,
}

impl Notes {
    /// The notes under `content`: two passes over its elements, each linear.
    pub(super) fn find(content: ElementRef<'_>) -> Self {
        let mut notes = Notes::default();
        let elements = || content.descendants().filter_map(ElementRef::wrap);
        for element in elements().filter(|e| e.value().name() == "li") {
            if notes.numbers.len() >= MAX_NOTES {
                break;
            }
            let Some(id) = element.value().id().filter(|id| !id.trim().is_empty()) else {
                continue;
            };
            let listed = (element.ancestors().take(NOTE_LIST_ABOVE))
                .filter_map(ElementRef::wrap)
                .any(|a| is_note_list(a.value()));
            if listed && !notes.numbers.contains_key(id) {
                let n = notes.numbers.len() + 1;
                notes.numbers.insert(id.to_string(), n);
            }
        }
        if notes.numbers.is_empty() {
            return notes;
        }
        for element in elements().filter(|e| e.value().name() == "a") {
            if notes.number(element.value()).is_none() {
                continue;
            }
            let sup = element.parent().and_then(ElementRef::wrap);
            let sup = sup.filter(|p| p.value().name() == "sup");
            for id in [Some(element), sup]
                .into_iter()
                .flatten()
                .filter_map(|e| e.value().id())
            {
                notes.references.insert(id.to_string());
            }
        }
        notes
    }

    /// The number of the note a link (`<a href="#fn1">`) points at, if it points at one.
    pub(super) fn number(&self, element: &Element) -> Option<usize> {
        let id = element.attr("href")?.trim().strip_prefix('#')?;
        self.numbers.get(id).copied()
    }

    /// Whether `element`, inside a note, leads back to where the note is referred to: a link
    /// to a reference, or what says it is one (`role="doc-backlink"`, Wikipedia's
    /// `mw-cite-backlink`).
    pub(super) fn is_back_link(&self, element: &Element) -> bool {
        let to_reference = (element.attr("href").map(str::trim))
            .and_then(|href| href.strip_prefix('#'))
            .is_some_and(|id| self.references.contains(id));
        to_reference
            || element
                .attr("role")
                .is_some_and(|r| r.trim().eq_ignore_ascii_case("doc-backlink"))
            || element
                .classes()
                .any(|c| c.contains("backlink") || c.contains("backref"))
    }
}

/// Whether an element says it holds a page's footnotes: a `footnotes` or `references` list, or
/// `role="doc-endnotes"`.
pub(super) fn is_note_list(element: &Element) -> bool {
    const CLASSES: &[&str] = &[
        "footnotes",
        "footnote-list",
        "endnotes",
        "references",
        "reflist",
        "wp-block-footnotes",
    ];
    matches!(element.name(), "section" | "div" | "ol" | "aside")
        && (element
            .attr("role")
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("doc-endnotes"))
            || element
                .classes()
                .any(|c| CLASSES.iter().any(|k| c.eq_ignore_ascii_case(k))))
}

#[cfg(test)]
mod tests {
    use crate::article::{Block, Inline};

    use super::MAX_NOTES;

    use super::super::tests::body;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(Block::text).collect()
    }

    fn spans_of(block: &Block) -> Vec<(String, Inline)> {
        block
            .spans()
            .iter()
            .map(|s| (s.text.clone(), s.style))
            .collect()
    }

    fn markers(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Item { marker, .. } => Some(marker.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn pandoc_footnotes_read_like_markdown_ones() {
        let blocks = body(
            "<p>Rain fell<a href='#fn1' class='footnote-ref' id='fnref1' role='doc-noteref'>\
             <sup>1</sup></a> on the quay<a href='#fn2' id='fnref2'><sup>2</sup></a>.</p>\
             <p>See <a href='#top'>the top</a>.</p>\
             <section id='footnotes' class='footnotes footnotes-end-of-document' role='doc-endnotes'>\
             <h2>Footnotes</h2><hr><ol><li id='fn1'><p>712 mm, see <a href='https://x.org/map'>the map</a>.\
             <a href='#fnref1' class='footnote-back' role='doc-backlink'>↩︎</a></p></li>\
             <li id='fn2'><p>The old quay.</p><p>Rebuilt.<a href='#fnref2'>↩︎</a></p></li>\
             </ol></section>",
        );
        assert_eq!(
            texts(&blocks),
            [
                "Rain fell¹ on the quay².",
                "See the top.",
                "Notes",
                "712 mm, see the map.",
                "The old quay. Rebuilt.",
            ]
        );
        assert_eq!(spans_of(&blocks[0])[1], ("¹".into(), Inline::Reference));
        assert_eq!(markers(&blocks), ["¹", "²"]);
        // A link to another place in the page is still a link; a reference is not one.
        assert!(
            blocks[1]
                .spans()
                .iter()
                .any(|s| s.link.as_deref() == Some("#top"))
        );
        assert!(blocks[0].spans().iter().all(|s| s.link.is_none()));
        // A link in a note is still a link.
        assert!(blocks[3].spans().iter().any(|s| s.link.is_some()));
    }

    #[test]
    fn kramdown_wikipedia_and_wordpress_notes_too() {
        // The form of the issue, and kramdown's: `<sup><a>` and an `<ol class="footnotes">`.
        let blocks = body(
            "<p>One<sup><a href='#fn1' id='fnref1'>1</a></sup> and two<sup id='fnref:2'>\
             <a href='#fn:2' class='footnote'>2</a></sup>.</p>\
             <ol class='footnotes'><li id='fn1'>First. <a href='#fnref1'>↩</a></li>\
             <li id='fn:2'>Second <a href='#fnref:2' class='reversefootnote'>&#8617;</a></li></ol>\
             <p>After.</p>",
        );
        assert_eq!(
            texts(&blocks),
            ["One¹ and two².", "After.", "Notes", "First.", "Second"]
        );
        // Wikipedia: `[1]` in a `<sup class="reference">`, a `^` back-link (or several, a b).
        let blocks = body(
            "<p>Tides<sup id='cite_ref-1' class='reference'><a href='#cite_note-1'>[1]</a></sup> \
             and currents<sup id='cite_ref-a_2-0' class='reference'><a href='#cite_note-a-2'>[2]</a></sup>\
             <sup id='cite_ref-a_2-1' class='reference'><a href='#cite_note-a-2'>[2]</a></sup>.</p>\
             <h2>References</h2><div class='reflist'><div class='mw-references-wrap'><ol class='references'>\
             <li id='cite_note-1'><span class='mw-cite-backlink'><b><a href='#cite_ref-1'>^</a></b></span> \
             <span class='reference-text'>Smith, <i>Tides</i>, 2001.</span></li>\
             <li id='cite_note-a-2'><span class='mw-cite-backlink'>^ <a href='#cite_ref-a_2-0'><sup>a</sup></a> \
             <a href='#cite_ref-a_2-1'><sup>b</sup></a></span> <span class='reference-text'>Jones.</span></li>\
             </ol></div></div>",
        );
        // The list's heading, just before it, goes with it: the notes have their own.
        assert_eq!(
            texts(&blocks),
            [
                "Tides¹ and currents²².",
                "Notes",
                "Smith, Tides, 2001.",
                "Jones."
            ]
        );
        // WordPress: `<sup data-fn class="fn">` and an `<ol class="wp-block-footnotes">`.
        let blocks = body(
            "<p>Cider<sup data-fn='a1b2' class='fn'><a href='#a1b2' id='a1b2-link'>1</a></sup>.</p>\
             <ol class='wp-block-footnotes'><li id='a1b2'>Pressed in October. \
             <a href='#a1b2-link' aria-label='Jump to footnote reference 1'>↩︎</a></li></ol>",
        );
        assert_eq!(texts(&blocks), ["Cider¹.", "Notes", "Pressed in October."]);
    }

    #[test]
    fn lists_that_are_not_notes_stay_as_they_are() {
        // A bibliography in a `references` list, without ids: read where it is.
        let blocks =
            body("<p>Text.</p><ol class='references'><li>Smith, 2001.</li><li>Jones.</li></ol>");
        assert_eq!(texts(&blocks), ["Text.", "Smith, 2001.", "Jones."]);
        assert_eq!(markers(&blocks), ["1.", "2."]);
        // Items with ids in an ordinary list are not notes, nor are links to them references.
        let blocks = body("<p>See <a href='#s1'>one</a>.</p><ol><li id='s1'>One.</li></ol>");
        assert_eq!(texts(&blocks), ["See one.", "One."]);
        assert!(blocks[0].spans().iter().any(|s| s.link.is_some()));
        // A reference to a note that is not on the page stays a link.
        let blocks =
            body("<p>A<a href='#fn9'>9</a>.</p><ol class='footnotes'><li id='fn1'>x</li></ol>");
        assert_eq!(texts(&blocks), ["A9.", "Notes", "x"]);
    }

    #[test]
    fn footnotes_are_capped() {
        let mut page = String::from("<p>");
        for i in 0..MAX_NOTES + 5 {
            page.push_str(&format!("w<a href='#n{i}'>{i}</a> "));
        }
        page.push_str("</p><ol class='footnotes'>");
        for i in 0..MAX_NOTES + 5 {
            page.push_str(&format!("<li id='n{i}'>note {i}</li>"));
        }
        page.push_str("</ol>");
        let blocks = body(&page);
        let first = &blocks[0];
        // Past the cap, references stay links and their notes stay where they are.
        assert_eq!(first.spans().iter().filter(|s| s.link.is_some()).count(), 5);
        let notes = blocks.iter().position(|b| b.text() == "Notes").unwrap();
        assert_eq!(blocks.len() - notes - 1, MAX_NOTES);
        assert_eq!(blocks[notes + 1].text(), "note 0");
        assert_eq!(texts(&blocks[1..notes])[0], format!("note {MAX_NOTES}"));
        assert_eq!(notes, 6);
    }
}

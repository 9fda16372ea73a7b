//! Figures: an image and its caption read as one block, `[image: the caption]`, linked to the
//! image, as an image without a caption reads `[image: its description]`.
//!
//! A caption is the figure's text (its credit, "Photo: Reuters", is part of it), so it is kept
//! whole: not cut as an image's `alt` is, and its links are kept. A figure without an image (a
//! quotation with its source, a code listing) keeps its caption as a paragraph.

use scraper::{ElementRef, Node};

use crate::article::sanitize::one_line;
use crate::article::{Inline, Span, image_placeholder, run_text};

/// An open `<figure>`, as the walk has read it so far.
#[derive(Debug, Default)]
pub(super) struct Figure {
    /// Its first image: where the figure's block goes, and what it shows.
    pub(super) image: Option<Image>,
    /// Where its first `<figcaption>`'s blocks start, and end once it is closed.
    pub(super) caption: Option<(usize, Option<usize>)>,
    /// True when the figure has ended and waits for the `<figcaption>` just after it (pages
    /// put it there, outside the figure) to end too.
    pub(super) caption_after: bool,
}

impl Figure {
    /// True when `figure`, ending, is to wait for a caption written just after it: it has an
    /// image and no caption of its own, and the next thing after it is a `<figcaption>`.
    pub(super) fn waits_for_caption(&self, figure: ElementRef<'_>) -> bool {
        let next = figure.next_siblings().find(|n| match n.value() {
            Node::Text(text) => !text.trim().is_empty(),
            node => node.is_element(),
        });
        self.image.is_some()
            && self.caption.is_none()
            && next
                .and_then(ElementRef::wrap)
                .is_some_and(|e| e.value().name() == "figcaption")
    }

    /// True while the figure's caption is being read (an image there is the caption's own).
    pub(super) fn in_caption(&self) -> bool {
        matches!(self.caption, Some((_, None)))
    }
}

/// A figure's image: the index its block takes, its address, its `alt`.
#[derive(Debug)]
pub(super) struct Image {
    pub(super) at: usize,
    pub(super) src: Option<String>,
    pub(super) alt: String,
}

/// The spans of a figure's block: `[image: caption]`, or the image's placeholder when the
/// caption is empty. A caption without links of its own is one link to the image, as an image's
/// placeholder is; one with links keeps them, and only its opening links to the image.
pub(super) fn spans(caption: Vec<Span>, image: &Image) -> Vec<Span> {
    let linked = |text: String| match &image.src {
        Some(src) => Span::link(text, src.clone()),
        None => Span::new(text, Inline::Plain),
    };
    let text = one_line(&run_text(&caption));
    if text.is_empty() {
        return vec![linked(image_placeholder(&image.alt))];
    }
    if caption.iter().all(|s| s.link.is_none()) {
        return vec![linked(format!("[image: {text}]"))];
    }
    let mut spans = vec![linked("[image:".to_string()), Span::new(" ", Inline::Plain)];
    spans.extend(caption);
    spans.push(Span::new("]", Inline::Plain));
    spans
}

#[cfg(test)]
mod tests {
    use super::super::tests::body;
    use crate::article::{Block, Inline, Span};

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(Block::text).collect()
    }

    #[test]
    fn a_figure_is_one_block_of_its_image_and_caption() {
        let blocks = body(
            "<p>Before.</p><figure><img src='q.jpg' alt='Quay'>\
             <figcaption>The quay at <em>dawn</em>.\n <span class=credit>Photo: Reuters</span>\
             </figcaption></figure><p>After.</p>",
        );
        assert_eq!(
            blocks,
            [
                Block::Paragraph(vec![Span::new("Before.", Inline::Plain)]),
                Block::Paragraph(vec![Span::link(
                    "[image: The quay at dawn. Photo: Reuters]",
                    "q.jpg"
                )]),
                Block::Paragraph(vec![Span::new("After.", Inline::Plain)]),
            ]
        );
    }

    #[test]
    fn a_caption_before_its_image_or_in_paragraphs_makes_one_block() {
        let blocks = body(
            "<figure><figcaption><p>Flooded quay.</p><p>Getty Images</p></figcaption>\
             <div><a href='big.jpg'><img src='small.jpg'></a></div></figure><p>After.</p>",
        );
        assert_eq!(
            texts(&blocks),
            ["[image: Flooded quay. Getty Images]", "After."]
        );
        // Inside a link, the image opens what the link opens.
        assert_eq!(blocks[0].spans()[0].link.as_deref(), Some("big.jpg"));
    }

    #[test]
    fn a_caption_just_after_its_figure_is_its_caption() {
        let blocks = body(
            "<figure><img src='q.jpg' alt='Quay'></figure>\n \
             <figcaption>The quay (Ann Lee)</figcaption><p>After.</p>\
             <figure><img src='r.jpg'></figure><p>Text.</p><figcaption>Not its own</figcaption>",
        );
        assert_eq!(
            texts(&blocks),
            [
                "[image: The quay (Ann Lee)]",
                "After.",
                "[image]",
                "Text.",
                "Not its own"
            ]
        );
        // A caption after its figure that is not read leaves the figure's image in place.
        for hidden in ["hidden", "aria-hidden=true"] {
            let blocks = body(&format!(
                "<figure><img src='q.jpg'></figure><figcaption {hidden}>Photo</figcaption>\
                 <p>After.</p><img src='r.jpg'>"
            ));
            assert_eq!(texts(&blocks), ["[image]", "After.", "[image]"], "{hidden}");
        }
        let blocks =
            body("<figure><img src='q.jpg'></figure><figcaption hidden>Photo</figcaption>");
        assert_eq!(texts(&blocks), ["[image]"]);
    }

    #[test]
    fn a_figure_without_a_caption_reads_as_its_image() {
        let blocks = body("<figure><img src='q.jpg' alt='Flooded quay'></figure><p>Text.</p>");
        assert_eq!(
            blocks[0],
            Block::Paragraph(vec![Span::link("[image: Flooded quay]", "q.jpg")])
        );
        let blocks = body("<figure><img src='q.jpg'><figcaption> </figcaption></figure>");
        assert_eq!(texts(&blocks), ["[image]"]);
    }

    #[test]
    fn a_captions_links_are_kept() {
        let blocks = body(
            "<figure><img src='q.jpg'><figcaption>Photo: <a href='/ann'>Ann Lee</a></figcaption>\
             </figure>",
        );
        assert_eq!(
            blocks,
            [Block::Paragraph(vec![
                Span::link("[image:", "q.jpg"),
                Span::new(" ", Inline::Plain),
                Span::new("Photo: ", Inline::Plain),
                Span::link("Ann Lee", "/ann"),
                Span::new("]", Inline::Plain),
            ])]
        );
    }

    #[test]
    fn a_figure_without_an_image_keeps_its_caption_as_text() {
        let blocks = body(
            "<figure><blockquote>To be or not.</blockquote>\
             <figcaption>Hamlet</figcaption></figure>",
        );
        assert_eq!(texts(&blocks), ["To be or not.", "Hamlet"]);
        assert!(matches!(blocks[0], Block::Quote(_)));
    }

    #[test]
    fn a_gallery_reads_its_other_images_as_they_stand() {
        let blocks = body(
            "<figure><img src='a.jpg' alt='A'><img src='b.jpg' alt='B'>\
             <figcaption>Two views</figcaption></figure>",
        );
        assert_eq!(texts(&blocks), ["[image: Two views]", "[image: B]"]);
        // Nested and unclosed figures cost nothing more and lose nothing.
        let blocks = body(&"<figure><img src=x.png><figcaption>c".repeat(300));
        assert!(!blocks.is_empty());
    }
}

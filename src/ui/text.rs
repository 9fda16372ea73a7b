//! Fitting text into columns by display width.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The ellipsis that marks cut text.
const ELLIPSIS: char = '…';

/// `text` cut to at most `width` columns (with an ellipsis where it was cut) and padded with
/// spaces to exactly `width`, as spans: characters whose index is in `highlighted` (sorted) take
/// `highlight` on top of `style`.
pub fn cell(
    text: &str,
    width: usize,
    highlighted: &[usize],
    style: Style,
    highlight: Style,
) -> Vec<Span<'static>> {
    // Measured by grapheme, as ratatui draws them (an emoji and its variation selector is one
    // wide cell).
    let total: usize = text.graphemes(true).map(UnicodeWidthStr::width).sum();
    let room = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_lit = false;
    let mut used = 0;
    let mut char_index = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w > room {
            break;
        }
        let chars = grapheme.chars().count();
        let lit = (char_index..char_index + chars).any(|i| highlighted.binary_search(&i).is_ok());
        char_index += chars;
        if lit != run_lit && !run.is_empty() {
            spans.push(styled(std::mem::take(&mut run), run_lit, style, highlight));
        }
        run_lit = lit;
        run.push_str(grapheme);
        used += w;
    }
    if total > width && width > 0 {
        if run_lit && !run.is_empty() {
            spans.push(styled(std::mem::take(&mut run), true, style, highlight));
            run_lit = false;
        }
        run.push(ELLIPSIS);
        used += 1;
    }
    // The padding is never highlighted, even after a match that ends the text.
    if run_lit && !run.is_empty() {
        spans.push(styled(std::mem::take(&mut run), true, style, highlight));
        run_lit = false;
    }
    run.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    if !run.is_empty() {
        spans.push(styled(run, run_lit, style, highlight));
    }
    spans
}

fn styled(text: String, lit: bool, style: Style, highlight: Style) -> Span<'static> {
    Span::styled(text, if lit { style.patch(highlight) } else { style })
}

#[cfg(test)]
mod tests {
    use ratatui::style::Modifier;

    use super::*;

    fn text(spans: &[Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_match_at_the_end_does_not_light_the_padding() {
        let lit = Style::new().add_modifier(Modifier::UNDERLINED);
        let spans = cell("stall", 9, &[2, 3, 4], Style::new(), lit);
        assert_eq!(text(&spans), "stall    ");
        let last = spans.last().unwrap();
        assert_eq!(last.content, "    ");
        assert!(!last.style.add_modifier.contains(Modifier::UNDERLINED));
    }

    #[test]
    fn pads_short_text_and_cuts_long_text_with_an_ellipsis() {
        let s = Style::new();
        assert_eq!(text(&cell("abc", 5, &[], s, s)), "abc  ");
        assert_eq!(text(&cell("abcdef", 5, &[], s, s)), "abcd…");
        assert_eq!(text(&cell("abcde", 5, &[], s, s)), "abcde");
        assert_eq!(text(&cell("abc", 0, &[], s, s)), "");
    }

    #[test]
    fn measures_wide_characters_by_display_width() {
        let s = Style::new();
        assert_eq!(text(&cell("日本語です", 5, &[], s, s)), "日本…");
        assert_eq!(text(&cell("日本語です", 6, &[], s, s)), "日本… ");
        assert_eq!(text(&cell("日本", 4, &[], s, s)), "日本");
    }

    #[test]
    fn an_emoji_with_a_variation_selector_is_one_wide_cell() {
        let s = Style::new();
        assert_eq!(
            text(&cell("☁\u{fe0f}☁\u{fe0f}☁\u{fe0f}", 5, &[], s, s)),
            "☁\u{fe0f}☁\u{fe0f}…"
        );
    }

    #[test]
    fn highlights_the_given_characters() {
        let s = Style::new();
        let hl = Style::new().bold();
        let spans = cell("hello", 6, &[1, 2], s, hl);
        assert_eq!(spans.len(), 3);
        assert_eq!(spans[1].content, "el");
        assert!(spans[1].style.add_modifier.contains(Modifier::BOLD));
        assert_eq!(spans[2].content, "lo ");
    }
}

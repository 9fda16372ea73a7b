//! Inline emphasis in plain-text articles: `*italic*`, `_italic_` and `**bold**` become styled
//! spans instead of showing their asterisks.
//!
//! The rules are the common-sense core of CommonMark's: a delimiter opens only before a
//! non-space, closes only after one, and only at word boundaries, so `snake_case`, `2*3*4`,
//! `2 * 3 * 4` and a lone `*` stay as written.

use crate::article::{Inline, Span};

/// Splits one paragraph's text into styled spans.
pub fn parse(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut plain = String::new();
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if let Some((delim, style, inner_len)) = emphasis_at(rest, prev) {
            if !plain.is_empty() {
                spans.push(Span::new(std::mem::take(&mut plain), Inline::Plain));
            }
            let inner = &rest[delim.len()..delim.len() + inner_len];
            spans.push(Span::new(inner, style));
            i += 2 * delim.len() + inner_len;
            prev = delim.chars().last();
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        plain.push(c);
        prev = Some(c);
        i += c.len_utf8();
    }
    if !plain.is_empty() {
        spans.push(Span::new(plain, Inline::Plain));
    }
    spans
}

/// If `rest` starts with an emphasis that closes later, returns its delimiter, style and the
/// byte length of the text inside.
fn emphasis_at(rest: &str, prev: Option<char>) -> Option<(&'static str, Inline, usize)> {
    const DELIMITERS: [(&str, Inline); 3] = [
        ("**", Inline::Strong),
        ("*", Inline::Emphasis),
        ("_", Inline::Emphasis),
    ];
    let (delim, style) = DELIMITERS.iter().find(|(d, _)| rest.starts_with(d))?;
    // Emphasis starts and ends at word boundaries, so `2*3*4` and `snake_case` stay as written.
    if prev.is_some_and(char::is_alphanumeric) {
        return None;
    }
    let after = &rest[delim.len()..];
    let first = after.chars().next()?;
    if first.is_whitespace() || delim.starts_with(first) {
        return None;
    }
    let mut search = 0;
    while let Some(found) = after[search..].find(delim) {
        let at = search + found;
        let before = after[..at].chars().last();
        let next = after[at + delim.len()..].chars().next();
        let closes = at > 0
            && before.is_some_and(|c| !c.is_whitespace())
            // A single `*` must not close on half of a `**`.
            && !(delim.len() == 1 && next.is_some_and(|c| delim.starts_with(c)))
            && !next.is_some_and(char::is_alphanumeric);
        if closes {
            return Some((delim, *style, at));
        }
        search = at + delim.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(text: &str) -> Vec<(Inline, String)> {
        parse(text).into_iter().map(|s| (s.style, s.text)).collect()
    }

    #[test]
    fn italic_and_bold_become_spans() {
        use Inline::*;
        assert_eq!(
            styled("in *The Interview*, a film"),
            vec![
                (Plain, "in ".into()),
                (Emphasis, "The Interview".into()),
                (Plain, ", a film".into())
            ]
        );
        assert_eq!(
            styled("a **bold** and _slanted_ word"),
            vec![
                (Plain, "a ".into()),
                (Strong, "bold".into()),
                (Plain, " and ".into()),
                (Emphasis, "slanted".into()),
                (Plain, " word".into())
            ]
        );
    }

    #[test]
    fn leaves_lone_and_inner_delimiters_alone() {
        for text in [
            "2 * 3 * 4",
            "2*3*4",
            "snake_case_name",
            "a lone * star",
            "*unclosed",
            "** nothing **",
        ] {
            assert_eq!(
                styled(text),
                vec![(Inline::Plain, text.to_string())],
                "{text}"
            );
        }
    }

    #[test]
    fn delimiters_that_do_not_pair_stay_as_text() {
        use Inline::*;
        assert_eq!(
            styled("*a* **b** _c_ d*e* f_g_h **"),
            vec![
                (Emphasis, "a".into()),
                (Plain, " ".into()),
                (Strong, "b".into()),
                (Plain, " ".into()),
                (Emphasis, "c".into()),
                (Plain, " d*e* f_g_h **".into()),
            ]
        );
    }
}

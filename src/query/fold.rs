//! Folding text for matching: accents come off (`Café` → `Cafe`), compatibility forms become
//! their plain letters (full-width `ＡＢＣ` → `ABC`, `ﬁ` → `fi`), and typographic quotes and
//! dashes become the ASCII ones people type. Case is kept, since smart case decides later
//! whether it matters.
//!
//! Both sides of a match are folded: the index once when the library loads, each query term as
//! it is parsed. A folded string keeps a map back to the original's characters, so highlights
//! land on the characters the user sees.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text folded for matching, with the way back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each character of `text`, the index of the original character it came from; `None`
    /// when folding changed nothing, so the indices are the same.
    origin: Option<Vec<usize>>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        if original.is_ascii() {
            return Self {
                text: original.to_string(),
                origin: None,
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (i, c) in original.chars().enumerate() {
            for f in fold_char(c) {
                text.push(f);
                origin.push(i);
            }
        }
        let same = text == original;
        Self {
            text,
            origin: (!same).then_some(origin),
        }
    }

    /// The original character index of folded character `i`.
    pub fn original_index(&self, i: usize) -> usize {
        match &self.origin {
            Some(map) => map.get(i).copied().unwrap_or(i),
            None => i,
        }
    }

    /// Maps folded character positions to original ones, sorted and without repeats.
    pub fn original_positions(&self, positions: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut out: Vec<usize> = positions
            .into_iter()
            .map(|i| self.original_index(i))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Folds a string, dropping the map back (for query terms).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    text.chars().flat_map(fold_char).collect()
}

/// One character folded: zero or more characters.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    let mapped = match c {
        '‘' | '’' | '‚' | '‛' | '′' => Some('\''),
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => Some('"'),
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => Some('-'),
        'ø' => Some('o'),
        'Ø' => Some('O'),
        'ł' => Some('l'),
        'Ł' => Some('L'),
        'đ' => Some('d'),
        'Đ' => Some('D'),
        'ħ' => Some('h'),
        'Ħ' => Some('H'),
        'ı' => Some('i'),
        _ => None,
    };
    let pair = match c {
        'ß' => Some("ss"),
        'ẞ' => Some("SS"),
        'æ' => Some("ae"),
        'Æ' => Some("AE"),
        'œ' => Some("oe"),
        'Œ' => Some("OE"),
        _ => None,
    };
    if let Some(pair) = pair {
        return Fold::Many(pair.chars().collect::<Vec<_>>().into_iter());
    }
    match mapped {
        Some(m) => Fold::One(Some(m)),
        // A diacritic typed on its own (e + U+0301) goes, like the accent of a precomposed é.
        None if is_diacritic(c) => Fold::One(None),
        // Hangul syllables would decompose into jamo: kept whole, they match and highlight
        // as the syllables people type.
        None if c.is_ascii() || ('\u{AC00}'..='\u{D7A3}').contains(&c) => Fold::One(Some(c)),
        None => {
            let mut chars: Vec<char> = c.to_string().nfkd().collect();
            // Accents come off letters of alphabets that write them as accents (Latin, Greek,
            // Cyrillic); elsewhere a mark is part of the letter (Devanagari vowel signs,
            // Japanese dakuten), and taking it off would make different words match. Such a
            // letter stays composed: decomposed, `が` would be `か` and a mark, and `か` would
            // find it.
            if chars.first().is_some_and(|&base| is_accented_script(base)) {
                chars.retain(|&d| !is_combining_mark(d));
            } else {
                chars = c.to_string().nfkc().collect();
            }
            Fold::Many(chars.into_iter())
        }
    }
}

/// Combining diacritical marks (U+0300–U+036F) and their supplement.
fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// Latin, Greek and Cyrillic letters, whose marks are accents.
fn is_accented_script(c: char) -> bool {
    matches!(c, '\u{0000}'..='\u{052F}' | '\u{1E00}'..='\u{1FFF}')
}

/// Lower case, character for character, so positions in the text still line up.
///
/// A character whose lower case is longer (`İ` is `i` and a dot) keeps only its first.
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// The characters one character folds to, without allocating for the common case.
enum Fold {
    One(Option<char>),
    Many(std::vec::IntoIter<char>),
}

impl Iterator for Fold {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            Fold::One(c) => c.take(),
            Fold::Many(chars) => chars.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_come_off_and_case_stays() {
        assert_eq!(fold("Café Müller"), "Cafe Muller");
        assert_eq!(fold("ÉCOLE"), "ECOLE");
        assert_eq!(fold("Łódź, Ørsted"), "Lodz, Orsted");
        assert_eq!(fold("Straße, Cæsar, Œuvre"), "Strasse, Caesar, OEuvre");
    }

    #[test]
    fn compatibility_forms_become_plain_letters() {
        assert_eq!(fold("ＡＢＣ１２３"), "ABC123");
        assert_eq!(fold("ﬁnance"), "finance");
    }

    #[test]
    fn typographic_punctuation_becomes_ascii() {
        assert_eq!(fold("don’t “quote” – dash"), "don't \"quote\" - dash");
    }

    #[test]
    fn marks_that_are_part_of_a_letter_stay() {
        // Devanagari vowel signs and Japanese voicing marks make different words.
        assert_eq!(fold("कि"), "कि");
        assert_ne!(fold("कि"), fold("क"));
        assert_ne!(fold("が"), fold("か"));
        // Kept whole, so a search for か does not find が inside it.
        assert_eq!(fold("がガ"), "がガ");
        assert_eq!(fold("ｶ"), "カ", "half-width kana become the usual ones");
        // A separately typed accent goes, as a precomposed one does.
        assert_eq!(fold("cafe\u{301}"), "cafe");
        assert_eq!(fold("Ἀθῆναι"), "Αθηναι");
    }

    #[test]
    fn lower_keeps_positions() {
        assert_eq!(lower("MÜLLER İstanbul"), "müller istanbul");
        assert_eq!(lower("İ").chars().count(), 1);
        assert_eq!(lower("Москва"), "москва");
    }

    #[test]
    fn scripts_without_accents_are_kept() {
        assert_eq!(fold("東京 Москва"), "東京 Москва");
        assert_eq!(fold("한국"), "한국");
    }

    #[test]
    fn positions_map_back_to_the_original() {
        let f = Folded::new("ﬁné café");
        assert_eq!(f.text, "fine cafe");
        // "fi" both come from the ligature at 0; "e" of "né" from 2; "e" of "café" from 7.
        assert_eq!(f.original_positions([0, 1]), vec![0]);
        assert_eq!(f.original_index(3), 2);
        assert_eq!(f.original_index(8), 7);
        let plain = Folded::new("plain");
        assert_eq!(plain.original_positions([4, 0]), vec![0, 4]);
    }
}

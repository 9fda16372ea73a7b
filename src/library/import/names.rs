//! File and folder names for imported articles, safe on every filesystem.
//!
//! A feed's title and an entry's title come from whoever wrote the feed. What becomes a name is
//! folded to ASCII, lowercased and cut down to `[a-z0-9-]`, so no name can hold a separator,
//! `..`, a control character or a character some filesystem refuses; it is bounded in length,
//! never one of the names Windows reserves, and never empty.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;
use xxhash_rust::xxh3::xxh3_64;

/// The longest a slug gets, in bytes (all ASCII). With a date and a clash's suffix, a file name
/// stays well under every filesystem's 255.
pub const MAX_SLUG: usize = 60;

/// Names Windows keeps for devices, with any extension (`con.md` is as bad as `con`).
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// `text` as a slug: ASCII letters and digits folded from it (`Café` gives `cafe`), lowercase,
/// every other run of characters one `-`, at most [`MAX_SLUG`] bytes, cut at a `-` where one is
/// near. Empty when `text` has no letter or digit that folds to ASCII.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    // Never more than a few times MAX_SLUG characters are looked at: a title of 10,000
    // characters costs what its first few hundred do.
    for c in text.chars().take(MAX_SLUG * 8).flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
            if out.len() >= MAX_SLUG {
                break;
            }
        } else {
            dash = true;
        }
    }
    if out.len() > MAX_SLUG {
        out.truncate(MAX_SLUG);
    }
    if out.len() == MAX_SLUG {
        // Cut at the last word's start rather than inside it, unless that loses too much.
        if let Some(at) = out.rfind('-').filter(|&at| at >= MAX_SLUG / 2) {
            out.truncate(at);
        }
    }
    out.trim_matches('-').to_string()
}

/// A character's ASCII letters: itself, or what compatibility decomposition leaves once the
/// accents are dropped (`é` → `e`, `ﬁ` → `fi`); nothing for a character with none.
fn fold(c: char) -> impl Iterator<Item = char> {
    let folded: Vec<char> = if c.is_ascii() {
        vec![c]
    } else {
        match c {
            'ß' => vec!['s', 's'],
            'æ' | 'Æ' => vec!['a', 'e'],
            'ø' | 'Ø' => vec!['o'],
            'œ' | 'Œ' => vec!['o', 'e'],
            'đ' | 'Đ' | 'ð' | 'Ð' => vec!['d'],
            'ł' | 'Ł' => vec!['l'],
            'þ' | 'Þ' => vec!['t', 'h'],
            _ => c.to_string().nfkd().filter(char::is_ascii).collect(),
        }
    };
    folded.into_iter()
}

/// A feed's folder name: the slug of its title, else of its address, else `feed`.
pub fn folder(title: Option<&str>, address: Option<&str>) -> String {
    let slug = [title, address]
        .into_iter()
        .flatten()
        .map(slug)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "feed".to_string());
    unreserved(slug)
}

/// An entry's file stem: `YYYY-MM-DD-slug` (`undated-slug` without a date). An entry whose
/// title folds to nothing (a title in Chinese, or none) is named by a hash of its identity, so
/// that it gets the same name each time.
pub fn stem(day: Option<jiff::civil::Date>, title: &str, identity: &str) -> String {
    let mut slug = slug(title);
    if slug.is_empty() {
        slug = format!("entry-{:08x}", xxh3_64(identity.as_bytes()) as u32);
    }
    let stem = match day {
        Some(day) => format!("{}-{slug}", day.strftime("%Y-%m-%d")),
        None => format!("undated-{slug}"),
    };
    unreserved(stem)
}

/// `name` unless Windows reserves it, then `name-x`.
fn unreserved(name: String) -> String {
    if RESERVED.contains(&name.as_str()) {
        format!("{name}-x")
    } else {
        name
    }
}

/// The first of `stem.md`, `stem-2.md`, `stem-3.md`… not in `taken` (names compared
/// lowercased, as a case-insensitive filesystem would), which it then holds.
pub fn free_name(stem: &str, taken: &mut HashSet<String>) -> String {
    let mut n = 1usize;
    loop {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn safe(name: &str) -> bool {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !name.starts_with('-')
            && !name.ends_with('-')
            && !name.contains("--")
    }

    #[test]
    fn slugs_fold_to_lowercase_ascii_words() {
        assert_eq!(slug("Café au Lait: a “Review”"), "cafe-au-lait-a-review");
        assert_eq!(slug("Straße ﬁnal — Œuvre"), "strasse-final-oeuvre");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("a\u{1b}[31mred\u{7}\0b"), "a-31mred-b");
        assert_eq!(slug("新闻"), "");
        assert_eq!(slug("..."), "");
    }

    #[test]
    fn slugs_are_bounded_and_cut_between_words() {
        let long = "word ".repeat(2_000);
        let s = slug(&long);
        assert!(s.len() <= MAX_SLUG && safe(&s), "{s}");
        assert!(s.ends_with("word"));
        let one = "x".repeat(10_000);
        assert_eq!(slug(&one).len(), MAX_SLUG);
    }

    #[test]
    fn hostile_feed_titles_make_one_safe_folder() {
        for title in [
            "../../etc",
            "/",
            "a/b\\c",
            "..",
            "\u{1b}]0;x\u{7}",
            "CON",
            "nul",
        ] {
            let name = folder(Some(title), None);
            assert!(safe(&name), "{title:?} gave {name:?}");
            assert!(!RESERVED.contains(&name.as_str()), "{name}");
        }
        assert_eq!(folder(Some("../../etc"), None), "etc");
        assert_eq!(folder(Some("Con"), None), "con-x");
        assert_eq!(
            folder(Some("☃"), Some("https://ex.org/feed")),
            "https-ex-org-feed"
        );
        assert_eq!(folder(None, None), "feed");
    }

    #[test]
    fn stems_carry_the_day_or_say_undated() {
        let day = jiff::civil::date(2026, 3, 4);
        assert_eq!(
            stem(Some(day), "Hello, World", "id"),
            "2026-03-04-hello-world"
        );
        assert_eq!(stem(None, "Hello", "id"), "undated-hello");
        let hashed = stem(None, "新闻", "tag:x,1");
        assert!(hashed.starts_with("undated-entry-") && safe(&hashed));
        assert_eq!(
            hashed,
            stem(None, "", "tag:x,1"),
            "named by the identity alone"
        );
    }

    #[test]
    fn clashes_get_a_number() {
        let mut taken = HashSet::from(["a.md".to_string()]);
        assert_eq!(free_name("A", &mut taken), "A-2.md");
        assert_eq!(free_name("a", &mut taken), "a-3.md");
        assert_eq!(free_name("b", &mut taken), "b.md");
    }

    proptest! {
        #[test]
        fn any_title_makes_a_safe_name(title in any::<String>(), id in any::<String>()) {
            let folder = folder(Some(&title), None);
            prop_assert!(safe(&folder) && folder.len() <= MAX_SLUG + 2, "{folder:?}");
            let stem = stem(Some(jiff::civil::date(2026, 1, 2)), &title, &id);
            prop_assert!(safe(&stem) && stem.len() <= MAX_SLUG + 11, "{stem:?}");
        }
    }
}

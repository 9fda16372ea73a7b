//! Fuzzes every article parser: arbitrary bytes in any format (front matter in YAML and TOML
//! included) must parse or fail with a reason, never panic, and never return a string that holds
//! a terminal control character, a flag's regional indicators, more than `MAX_MARKS` combining
//! marks on one letter, or a title or author over its cap.

#![no_main]

use byline::article::sanitize::{MAX_MARKS, needs_cleaning};
use byline::library::{Format, MAX_AUTHOR, MAX_TITLE, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(selector) % Format::ALL.len()];
    let Ok(records) = parse_bytes(bytes, format) else {
        return;
    };
    for parsed in records.parsed() {
        assert!(parsed.title.chars().count() <= MAX_TITLE);
        assert!(parsed.author.as_ref().is_none_or(|a| a.chars().count() <= MAX_AUTHOR));
        for text in parsed.texts() {
            // Tabs are expanded and line breaks are the parser's own; the rest must be clean.
            let text = text.replace(['\n', '\t'], " ");
            assert!(!needs_cleaning(&text), "not clean (marks over {MAX_MARKS}?): {text:?}");
        }
    }
});

//! Fuzzes every article parser: arbitrary bytes in any format must parse or fail with a reason,
//! never panic, and never return a string that holds a terminal control character.

#![no_main]

use byline::library::{Format, parse_bytes};
use byline::article::sanitize::is_invisible_or_control;
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
        for text in parsed.texts() {
            assert!(
                !text.chars().any(is_invisible_or_control),
                "control character in {text:?}"
            );
        }
    }
});

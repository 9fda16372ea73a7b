//! Fuzzes `byline import`'s pure half: arbitrary bytes as a feed must be read or fail with a
//! reason, never panic; every file it would write has a safe name and reads back as an article.

#![no_main]

use byline::library::import::{Known, plan, read_feed};
use byline::library::{Format, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(feed) = read_feed(data) else {
        return;
    };
    let plan = plan(&feed, Known::default(), true);
    let safe = |name: &str| {
        name.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
            && !name.contains("..")
    };
    assert!(safe(&plan.folder), "{:?}", plan.folder);
    for write in &plan.writes {
        assert!(safe(&write.name) && write.name.len() < 100, "{:?}", write.name);
        assert!(parse_bytes(write.text.as_bytes(), Format::Markdown).is_ok(), "{}", write.text);
    }
});

//! Fuzzes every article parser: arbitrary bytes in any format must parse or fail with a reason,
//! never panic, and never return a string that holds a terminal control character.

#![no_main]

use byline::article::Block;
use byline::library::{Format, parse_bytes};
use byline::sanitize::is_invisible_or_control;
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 5] = [
    Format::Plain,
    Format::Markdown,
    Format::Html,
    Format::Json,
    Format::JsonLines,
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(selector) % FORMATS.len()];
    let Ok(records) = parse_bytes(bytes, format) else {
        return;
    };
    for parsed in records.iter().flatten() {
        let mut texts = vec![parsed.title.as_str()];
        texts.extend(parsed.author.as_deref());
        texts.extend(parsed.url.as_deref());
        texts.extend(parsed.source.as_deref());
        texts.extend(parsed.tags.iter().map(String::as_str));
        for block in &parsed.body.blocks {
            texts.extend(block.spans().iter().map(|s| s.text.as_str()));
            if let Block::Item { marker, .. } = block {
                texts.push(marker);
            }
        }
        for text in texts {
            assert!(
                !text.chars().any(is_invisible_or_control),
                "control character in {text:?}"
            );
        }
    }
});

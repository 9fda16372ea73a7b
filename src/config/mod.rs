//! Everything the user can set, read once into typed values: the config file ([`settings`]),
//! where things are ([`paths`]), themes ([`theme`]) and key bindings ([`keys`]).

pub mod keys;
pub mod paths;
pub mod settings;
pub mod theme;

/// Fails if `text` holds anything that can steer a terminal: C0 controls (a line break
/// included: a message is one line), DEL, C1 controls, bidi embeddings, overrides and isolates.
/// Written apart from `sanitize`, so it checks that code rather than repeating it.
#[cfg(test)]
pub(crate) fn assert_printable(text: &str) {
    let bad = text.chars().find(|&c| {
        matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    });
    assert_eq!(bad, None, "{text:?}");
}

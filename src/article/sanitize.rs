//! Makes untrusted article text safe to show in a terminal.
//!
//! Every article passes through [`clean`] once, right after decoding, so that no view (the TUI,
//! `byline list`, `byline show`) ever sees a control character, an escape sequence, a bidi override
//! or an invisible character from a file. Doing it once at load time keeps the rule in one place
//! instead of trusting each widget (ratatui filters control characters only on some paths).

/// Columns between tab stops when a tab is expanded to spaces.
const TAB_WIDTH: usize = 4;

/// The most combining marks kept on one character. Real text stacks two or three (Vietnamese,
/// Hebrew points, Thai); a "Zalgo" run of thousands makes one grapheme that terminals and tmux
/// cannot hold, and garbles the rows around it.
pub const MAX_MARKS: usize = 8;

/// Returns `text` with line endings normalised to `\n`, tabs expanded, and everything that could
/// steer the terminal or hide text removed.
///
/// Removed: escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC sequences, whole),
/// other C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates and marks, zero-width
/// space, word joiner, byte order marks, soft hyphens, interlinear annotation marks, tag
/// characters and fillers that show nothing; combining marks past [`MAX_MARKS`] on one
/// character. Kept: `\n`, zero-width joiner (emoji sequences) and non-joiner (needed by Persian
/// and other scripts).
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = Cursor { rest: text };
    let mut column = 0usize;
    // Combining marks in a row on the last character written.
    let mut marks = 0usize;
    loop {
        // Printable ASCII, most of most articles, is copied a run at a time.
        let safe = chars.printable_ascii();
        if !safe.is_empty() {
            out.push_str(safe);
            column += safe.len();
            marks = 0;
        }
        let Some(c) = chars.next() else {
            break;
        };
        if c.is_ascii() {
            marks = 0;
        } else if unicode_normalization::char::is_combining_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                continue;
            }
        } else {
            marks = 0;
        }
        match c {
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                // CRLF and lone CR both end a line.
                if chars.peek() == Some('\n') {
                    chars.next();
                }
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\u{1b}' => skip_escape(&mut chars),
            // C1 string introducers: DCS, SOS, OSC, PM, APC swallow their payload up to ST/BEL.
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            // CSI as a single C1 character.
            '\u{9b}' => skip_csi(&mut chars),
            c if is_invisible_or_control(c) => {}
            // Flags are pairs of regional indicators, which terminals disagree on the width of
            // (one cell or two per letter), leaving stray halves on screen: write their letters.
            c @ '\u{1f1e6}'..='\u{1f1ff}' => {
                out.push(char::from(b'A' + (c as u32 - 0x1f1e6) as u8));
                column += 1;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// `text` cleaned as [`clean`] does and set on one line: runs of whitespace, line breaks
/// included, become single spaces. For titles, names and other one-line fields.
pub fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut to at most `max` characters, the last of them `…`, at a character boundary
/// (combining marks are not split from their letter).
pub fn shorten(text: &str, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let mut end = text[..cut].char_indices().nth_back(0).map_or(0, |(i, _)| i);
    while end > 0 && text[end..].starts_with(unicode_normalization::char::is_combining_mark) {
        end = text[..end].char_indices().nth_back(0).map_or(0, |(i, _)| i);
    }
    format!("{}…", text[..end].trim_end())
}

/// A path as it may be shown: characters that could steer the terminal (in a file name they
/// are rare but possible) are written visibly as `\u{1b}`, never passed through.
pub fn display_path(path: &std::path::Path) -> String {
    printable(&path.to_string_lossy())
}

/// `text` as a message may quote it on one line: every character [`clean`] would remove, and
/// line breaks and tabs, written visibly as `\u{1b}`, never passed through. For values from
/// files byline does not trust to be kind (a config, a shared theme, a file name), where the
/// reader needs to see what is there rather than a cleaned version.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible_or_control(c) || matches!(c, '\n' | '\r' | '\t') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `text` holds anything [`clean`] would change, other than tabs: a field decoded from
/// an escape (`\u001b` in JSON, `&#x1F1EB;` in HTML) after the file's text was cleaned.
pub fn needs_cleaning(text: &str) -> bool {
    if text.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        return false;
    }
    let mut marks = 0usize;
    text.chars().any(|c| {
        if unicode_normalization::char::is_combining_mark(c) {
            marks += 1;
        } else {
            marks = 0;
        }
        c == '\n'
            || marks > MAX_MARKS
            || is_invisible_or_control(c)
            || ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
            || matches!(c, '\u{2028}' | '\u{2029}')
    })
}

/// True for characters that must never reach the terminal from an article.
pub fn is_invisible_or_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}'                      // soft hyphen: terminals disagree on its width
        | '\u{61c}'                     // Arabic letter mark
        | '\u{200b}'                    // zero-width space
        | '\u{200e}' | '\u{200f}'       // LRM, RLM
        | '\u{202a}'..='\u{202e}'       // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'       // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'       // bidi isolates
        | '\u{206a}'..='\u{206f}'       // deprecated format characters
        | '\u{feff}'                    // byte order mark / zero-width no-break space
        | '\u{fff9}'..='\u{fffb}'       // interlinear annotation
        | '\u{34f}'                     // combining grapheme joiner
        | '\u{115f}' | '\u{1160}'       // Hangul fillers
        | '\u{3164}' | '\u{ffa0}'
        | '\u{17b4}' | '\u{17b5}'       // Khmer inherent vowels (invisible)
        | '\u{180e}'                    // Mongolian vowel separator
        | '\u{1d173}'..='\u{1d17a}'     // musical formatting
        | '\u{e0000}'..='\u{e007f}'     // tag characters
    )
}

/// The text still to clean, read a character at a time or a run of printable ASCII at once.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.rest = &self.rest[c.len_utf8()..];
        Some(c)
    }

    /// Takes the run of printable ASCII characters (space to `~`) at the start.
    fn printable_ascii(&mut self) -> &'a str {
        let end = (self.rest.bytes())
            .position(|b| !(0x20..=0x7e).contains(&b))
            .unwrap_or(self.rest.len());
        let (run, rest) = self.rest.split_at(end);
        self.rest = rest;
        run
    }
}

/// Skips the rest of an escape sequence whose ESC has just been read.
fn skip_escape(chars: &mut Cursor<'_>) {
    let Some(next) = chars.peek() else {
        return;
    };
    if !two_byte_final(next) && !('\u{20}'..='\u{2f}').contains(&next) {
        return;
    }
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Intermediates (ESC ( B): drop them and the final byte.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while let Some(n) = chars.peek() {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&n) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Consumes the ESC's final character only if it makes a two-byte sequence (`ESC c`, `ESC 7`),
/// so a bare ESC before a line break or a space does not eat it.
fn two_byte_final(c: char) -> bool {
    ('\u{30}'..='\u{7e}').contains(&c)
}

/// Skips CSI parameters and intermediates up to and including the final byte.
fn skip_csi(chars: &mut Cursor<'_>) {
    while let Some(c) = chars.peek() {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

/// Skips an OSC/DCS-style string up to BEL, ST (`ESC \` or U+009C) or the end of the line.
fn skip_string(chars: &mut Cursor<'_>) {
    while let Some(c) = chars.peek() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                if chars.peek() == Some('\\') {
                    chars.next();
                }
                return;
            }
            // An unterminated string must not swallow the rest of the article.
            '\n' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn removes_escape_sequences_whole() {
        assert_eq!(clean("a\x1b[31mred\x1b[0m b"), "ared b");
        assert_eq!(
            clean("x\x1b]52;c;ZXZpbA==\x07y"),
            "xy",
            "OSC 52 clipboard write"
        );
        assert_eq!(
            clean("x\x1b]0;title\x1b\\y"),
            "xy",
            "OSC window title with ST"
        );
        assert_eq!(clean("x\x1bPq#0;2;0;0;0\x1b\\y"), "xy", "DCS");
        assert_eq!(clean("x\u{9b}2Jy"), "xy", "C1 CSI");
        assert_eq!(clean("x\x1bcy"), "xy", "RIS");
        assert_eq!(clean("x\x1b(By"), "xy", "charset designation");
    }

    #[test]
    fn a_bare_escape_does_not_eat_a_line_break() {
        assert_eq!(clean("x\x1b\nNext"), "x\nNext");
        assert_eq!(clean("end\x1b"), "end");
    }

    #[test]
    fn paths_show_controls_visibly() {
        let path = std::path::Path::new("x\x1b]0;PWNED\x07\u{202e}.txt");
        assert_eq!(display_path(path), "x\\u{1b}]0;PWNED\\u{7}\\u{202e}.txt");
    }

    #[test]
    fn printable_writes_what_steers_the_terminal_visibly() {
        assert_eq!(
            printable("x\x1b]52;c;ZQ==\x07\u{9b}\u{202e}\u{2066}\n\t\x7f é ✓"),
            r"x\u{1b}]52;c;ZQ==\u{7}\u{9b}\u{202e}\u{2066}\u{a}\u{9}\u{7f} é ✓"
        );
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        assert_eq!(clean("a\x1b]0;oops\nnext line"), "a\nnext line");
    }

    #[test]
    fn removes_controls_bidi_and_invisibles() {
        assert_eq!(clean("a\u{202e}b\u{2066}c\u{2069}d"), "abcd");
        assert_eq!(clean("\u{feff}zero\u{200b}width\u{ad}"), "zerowidth");
        assert_eq!(clean("bell\x07 del\x7f nul\0"), "bell del nul");
    }

    #[test]
    fn keeps_joiners_and_text() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(clean(family), family);
        assert_eq!(clean("می\u{200c}خواهم"), "می\u{200c}خواهم");
        assert_eq!(clean("“Curly” — dash"), "“Curly” — dash");
    }

    #[test]
    fn removes_characters_that_show_nothing() {
        let text =
            "a\u{e0001}\u{e0041}b\u{115f}\u{3164}\u{ffa0}c\u{180e}\u{17b4}\u{34f}d\u{1d173}e";
        assert_eq!(clean(text), "abcde");
        assert!(needs_cleaning(text));
    }

    #[test]
    fn combining_marks_are_capped_per_character() {
        let zalgo = format!("e{}x", "\u{301}".repeat(200_000));
        let cleaned = clean(&zalgo);
        assert_eq!(cleaned, format!("e{}x", "\u{301}".repeat(MAX_MARKS)));
        assert!(needs_cleaning(&zalgo) && !needs_cleaning(&cleaned));
        // Real stacks are kept whole: Vietnamese, Hebrew with points.
        for word in ["Việt Nam", "tiếng", "בְּרֵאשִׁית"] {
            assert_eq!(clean(word), word);
            assert!(!needs_cleaning(word));
        }
    }

    #[test]
    fn shorten_cuts_at_a_character_and_says_so() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("exactly10!", 10), "exactly10!");
        assert_eq!(shorten("eleven char", 10), "eleven ch…");
        assert_eq!(
            shorten("ab cdé\u{301}f", 7),
            "ab cd…",
            "the mark stays with its letter"
        );
        assert_eq!(shorten(&"漢".repeat(1000), 5).chars().count(), 5);
    }

    #[test]
    fn decoded_flags_need_cleaning() {
        assert!(needs_cleaning("\u{1f1eb}\u{1f1f7}"));
        assert!(!needs_cleaning("plain text, tabs\tand all"));
    }

    #[test]
    fn flags_become_their_letters() {
        assert_eq!(clean("Paris 🇫🇷 and 🇯🇵"), "Paris FR and JP");
    }

    #[test]
    fn normalises_line_endings_and_tabs() {
        assert_eq!(clean("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(clean("ab\tc\n\td"), "ab  c\n    d");
    }

    proptest! {
        #[test]
        fn output_never_contains_terminal_controls(s in any::<String>()) {
            let out = clean(&s);
            prop_assert!(out.chars().all(|c| c == '\n' || !is_invisible_or_control(c)));
            prop_assert!(!out.contains('\t') && !out.contains('\r'));
        }
    }
}

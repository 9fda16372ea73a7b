//! The filter line as a shell-like line editor: a cursor that moves by character and by word,
//! deletion by character, word and line, and a history of earlier queries.
//!
//! The cursor moves over grapheme clusters, so an accented letter typed as two code points or
//! an emoji is one step.

use unicode_segmentation::UnicodeSegmentation;

/// The most queries the history keeps.
const HISTORY_LIMIT: usize = 200;

/// A line of text and a cursor in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
}

impl LineEdit {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offset of the cursor in [`LineEdit::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Replaces the line; the cursor goes to its end.
    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.len();
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        // A combining mark joins the character before it: keep the cursor after the cluster.
        self.cursor = self.next_boundary(self.previous_boundary(self.cursor));
    }

    /// Deletes the character before the cursor (Backspace).
    pub fn delete_before(&mut self) {
        let start = self.previous_boundary(self.cursor);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes the character under the cursor (Delete).
    pub fn delete_after(&mut self) {
        let end = self.next_boundary(self.cursor);
        self.text.replace_range(self.cursor..end, "");
    }

    /// Deletes back to the start of the word before the cursor, as a shell's Ctrl-w does: the
    /// spaces before the cursor, then everything back to the previous space.
    pub fn delete_word_before(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes from the start of the line to the cursor (Ctrl-u).
    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Deletes from the cursor to the end of the line (Ctrl-k).
    pub fn delete_to_end(&mut self) {
        self.text.truncate(self.cursor);
    }

    pub fn left(&mut self) {
        self.cursor = self.previous_boundary(self.cursor);
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary(self.cursor);
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Moves to the start of the word before the cursor.
    pub fn word_left(&mut self) {
        self.cursor = self
            .text
            .unicode_word_indices()
            .map(|(i, _)| i)
            .take_while(|&i| i < self.cursor)
            .last()
            .unwrap_or(0);
    }

    /// Moves past the end of the word after the cursor.
    pub fn word_right(&mut self) {
        self.cursor = self
            .text
            .unicode_word_indices()
            .map(|(i, w)| i + w.len())
            .find(|&end| end > self.cursor)
            .unwrap_or(self.text.len());
    }

    fn previous_boundary(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.text[at..]
            .graphemes(true)
            .next()
            .map_or(at, |g| at + g.len())
    }
}

/// Earlier queries, oldest first, and where Up and Down have got to in them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// The entry being shown, while browsing.
    position: Option<usize>,
    /// What was typed before browsing began, to come back to.
    draft: String,
}

impl History {
    pub fn new(entries: Vec<String>) -> Self {
        Self {
            entries,
            ..Self::default()
        }
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Remembers a query (not an empty one, and not twice in a row), and stops browsing.
    pub fn push(&mut self, query: &str) {
        self.position = None;
        let query = query.trim();
        if query.is_empty() || self.entries.last().is_some_and(|last| last == query) {
            return;
        }
        self.entries.retain(|e| e != query);
        self.entries.push(query.to_string());
        if self.entries.len() > HISTORY_LIMIT {
            self.entries.remove(0);
        }
    }

    /// The query before the one shown (Up); `current` is what the line holds now.
    ///
    /// An entry the same as the line is passed over: after Enter the line already holds the
    /// newest one, and Up should bring something new.
    pub fn older(&mut self, current: &str) -> Option<&str> {
        let mut position = match self.position {
            None => self.entries.len(),
            Some(p) => p,
        };
        loop {
            position = position.checked_sub(1)?;
            if self.entries[position] != current.trim() {
                break;
            }
        }
        if self.position.is_none() {
            self.draft = current.to_string();
        }
        self.position = Some(position);
        Some(&self.entries[position])
    }

    /// The query after the one shown (Down), then what was typed before browsing.
    pub fn newer(&mut self) -> Option<&str> {
        let position = self.position?;
        if position + 1 < self.entries.len() {
            self.position = Some(position + 1);
            Some(&self.entries[position + 1])
        } else {
            self.position = None;
            Some(&self.draft)
        }
    }

    /// Stops browsing: the line was edited.
    pub fn stop_browsing(&mut self) {
        self.position = None;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn line(text: &str, cursor: usize) -> LineEdit {
        let mut l = LineEdit::default();
        l.set(text);
        l.cursor = cursor;
        l
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut l = line("harbour", 4);
        l.insert('X');
        assert_eq!((l.text(), l.cursor()), ("harbXour", 5));
        l.home();
        l.insert('^');
        assert_eq!(l.text(), "^harbXour");
        l.end();
        l.insert('$');
        assert_eq!(l.text(), "^harbXour$");
    }

    #[test]
    fn the_cursor_steps_over_whole_characters() {
        let mut l = line("cafe\u{301} 🇫🇷", 0);
        l.end();
        l.left();
        assert_eq!(&l.text()[l.cursor()..], "🇫🇷");
        l.left();
        l.left();
        assert_eq!(&l.text()[l.cursor()..], "e\u{301} 🇫🇷");
        l.delete_after();
        assert_eq!(l.text(), "caf 🇫🇷");
        l.end();
        l.delete_before();
        assert_eq!(l.text(), "caf ");
        // A combining mark typed after a letter joins it.
        let mut l = line("cafe", 4);
        l.insert('\u{301}');
        assert_eq!(l.cursor(), l.text().len());
    }

    #[test]
    fn words_and_lines_delete_like_a_shell() {
        let mut l = line("a:mcgrath  korea  ", 18);
        l.delete_word_before();
        assert_eq!(l.text(), "a:mcgrath  ");
        l.delete_word_before();
        assert_eq!(l.text(), "");
        let mut l = line("one two three", 7);
        l.delete_to_end();
        assert_eq!(l.text(), "one two");
        let mut l = line("one two three", 8);
        l.delete_to_start();
        assert_eq!((l.text(), l.cursor()), ("three", 0));
        let mut l = line("one two", 0);
        l.delete_before();
        l.delete_word_before();
        assert_eq!(l.text(), "one two", "nothing before the cursor to delete");
    }

    #[test]
    fn word_motion() {
        let mut l = line("tram line, harbour", 18);
        l.word_left();
        assert_eq!(&l.text()[l.cursor()..], "harbour");
        l.word_left();
        assert_eq!(&l.text()[l.cursor()..], "line, harbour");
        l.word_right();
        assert_eq!(&l.text()[l.cursor()..], ", harbour");
        // A colon between letters keeps a word whole (Unicode word rules): `a:mcgrath` is one.
        let mut l = line("a:mcgrath t:korea", 17);
        l.word_left();
        assert_eq!(&l.text()[l.cursor()..], "t:korea");
        l.home();
        l.word_left();
        assert_eq!(l.cursor(), 0);
        l.end();
        l.word_right();
        assert_eq!(l.cursor(), l.text().len());
    }

    #[test]
    fn history_browses_back_and_returns_to_the_draft() {
        let mut h = History::default();
        for q in ["korea", "harbour", "", "harbour", "tram"] {
            h.push(q);
        }
        assert_eq!(h.entries(), ["korea", "harbour", "tram"]);
        assert_eq!(h.older("dra"), Some("tram"));
        assert_eq!(h.older("tram"), Some("harbour"));
        assert_eq!(h.newer(), Some("tram"));
        assert_eq!(h.older("tram"), Some("harbour"));
        assert_eq!(h.older("harbour"), Some("korea"));
        assert_eq!(h.older("korea"), None, "the oldest stays");
        assert_eq!(h.newer(), Some("harbour"));
        assert_eq!(h.newer(), Some("tram"));
        assert_eq!(h.newer(), Some("dra"), "back to what was typed");
        assert_eq!(h.newer(), None);
        h.push("korea");
        assert_eq!(
            h.entries(),
            ["harbour", "tram", "korea"],
            "a reused query moves up"
        );
    }

    #[test]
    fn history_is_bounded() {
        let mut h = History::default();
        for i in 0..HISTORY_LIMIT + 10 {
            h.push(&i.to_string());
        }
        assert_eq!(h.entries().len(), HISTORY_LIMIT);
        assert_eq!(h.entries()[0], "10");
    }

    #[derive(Debug, Clone)]
    enum Edit {
        Insert(char),
        Before,
        After,
        Word,
        Start,
        End,
        Left,
        Right,
        WordLeft,
        WordRight,
        Home,
        Finish,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            4 => any::<char>().prop_map(Edit::Insert),
            1 => Just(Edit::Before),
            1 => Just(Edit::After),
            1 => Just(Edit::Word),
            1 => Just(Edit::Start),
            1 => Just(Edit::End),
            2 => Just(Edit::Left),
            1 => Just(Edit::Right),
            1 => Just(Edit::WordLeft),
            1 => Just(Edit::WordRight),
            1 => Just(Edit::Home),
            1 => Just(Edit::Finish),
        ]
    }

    proptest! {
        #[test]
        fn any_edits_keep_the_cursor_on_a_boundary(edits in prop::collection::vec(edit(), 0..60)) {
            let mut l = LineEdit::default();
            for e in edits {
                match e {
                    Edit::Insert(c) => l.insert(c),
                    Edit::Before => l.delete_before(),
                    Edit::After => l.delete_after(),
                    Edit::Word => l.delete_word_before(),
                    Edit::Start => l.delete_to_start(),
                    Edit::End => l.delete_to_end(),
                    Edit::Left => l.left(),
                    Edit::Right => l.right(),
                    Edit::WordLeft => l.word_left(),
                    Edit::WordRight => l.word_right(),
                    Edit::Home => l.home(),
                    Edit::Finish => l.end(),
                }
                prop_assert!(l.cursor() <= l.text().len());
                prop_assert!(l.text().is_char_boundary(l.cursor()));
            }
        }
    }
}

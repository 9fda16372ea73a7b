//! The two small prompts of the reading pane: the search line and the link number. While one
//! is open it takes keys before anything else.

use super::actions::line_edit;
use super::{App, Focus};
use crate::action::Action;

/// The number of a link being typed, and what to do with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkPrompt {
    pub copy: bool,
    pub digits: String,
}

impl App {
    /// `o` or `y`: with one link there is nothing to choose; with more, ask for a number.
    pub(super) fn start_link(&mut self, copy: bool) {
        match self.reading.links().len() {
            0 => self.notice = Some("This article has no links.".to_string()),
            1 => self.use_link(1, copy),
            _ => {
                self.link_prompt = Some(LinkPrompt {
                    copy,
                    digits: String::new(),
                });
                self.focus = Focus::Link;
            }
        }
    }

    /// Takes a key while a link number is being typed: digits, Backspace, Enter, Esc.
    pub(super) fn link_key(&mut self, action: Action) {
        let Some(prompt) = &mut self.link_prompt else {
            self.focus = Focus::Reader;
            return;
        };
        let count = self.reading.links().len();
        match action {
            Action::FilterInput(c) if c.is_ascii_digit() && prompt.digits.len() < 6 => {
                prompt.digits.push(c);
                let n: usize = prompt.digits.parse().unwrap_or(0);
                let copy = prompt.copy;
                // Act as soon as no more digits could make another link's number.
                if n >= 1 && n <= count && n * 10 > count {
                    self.end_link_prompt();
                    self.use_link(n, copy);
                } else if n > count {
                    self.end_link_prompt();
                    self.no_such_link(n, count);
                }
            }
            Action::FilterBackspace => {
                prompt.digits.pop();
            }
            Action::AcceptFilter => {
                let (n, copy) = (prompt.digits.parse().unwrap_or(0), prompt.copy);
                self.end_link_prompt();
                if (1..=count).contains(&n) {
                    self.use_link(n, copy);
                } else {
                    self.no_such_link(n, count);
                }
            }
            // Esc, or any other key, gives up on the link.
            _ => self.end_link_prompt(),
        }
    }

    fn no_such_link(&mut self, n: usize, count: usize) {
        self.notice = Some(format!(
            "There is no link [{n}]; links go from 1 to {count}."
        ));
    }

    pub(super) fn end_link_prompt(&mut self) {
        self.link_prompt = None;
        self.focus = Focus::Reader;
    }

    /// Applies an action to the search line while it has the focus; returns whether it did.
    pub(super) fn find_key(&mut self, action: Action) -> bool {
        let rows = self.screen.reader_rows();
        if let Some(edit) = line_edit(action) {
            self.reading.edit_find(edit, rows);
            return true;
        }
        match action {
            Action::FilterInput(c) => {
                if !c.is_control() {
                    self.reading.edit_find(|l| l.insert(c), rows);
                }
            }
            Action::AcceptFilter => {
                // Enter on an empty search line ends the search.
                if self
                    .reading
                    .find()
                    .is_some_and(|f| f.line.text().trim().is_empty())
                {
                    self.reading.clear_find();
                }
                self.focus = Focus::Reader;
            }
            Action::ClearFilter => {
                self.reading.clear_find();
                self.focus = Focus::Reader;
            }
            Action::SelectNext | Action::SelectPrevious => {
                self.reading.next_hit(action == Action::SelectNext, rows);
            }
            // The search line keeps no history.
            Action::HistoryOlder | Action::HistoryNewer => {}
            _ => return false,
        }
        true
    }
}

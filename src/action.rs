//! Everything a user can ask of byline, by name, and where keys ask it ([`Mode`]): the
//! vocabulary the key map, the config, the app and the help screen share.
//!
//! A leaf module: it depends on nothing else in byline, so every other module can use it.

use serde::{Deserialize, Serialize};

/// Something the user asked for; keys map to these (see [`crate::config::keys`]), and the config
/// binds keys to them by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave byline.
    Quit,
    /// Stop byline and give the terminal back to the shell (`fg` brings it back), as Ctrl-Z
    /// does in every terminal program.
    Suspend,
    /// Select the next article in the list.
    SelectNext,
    /// Select the previous article in the list.
    SelectPrevious,
    /// Select the first article in the list.
    SelectFirst,
    /// Select the last article in the list.
    SelectLast,
    /// Move the selection down by a page.
    SelectPageDown,
    /// Move the selection up by a page.
    SelectPageUp,
    /// Move the selection down by half a page.
    SelectHalfPageDown,
    /// Move the selection up by half a page.
    SelectHalfPageUp,
    /// Scroll the reading pane down a line.
    ScrollDown,
    /// Scroll the reading pane up a line.
    ScrollUp,
    /// Scroll the reading pane down a page.
    ScrollPageDown,
    /// Scroll the reading pane up a page.
    ScrollPageUp,
    /// Scroll the reading pane down half a page.
    ScrollHalfPageDown,
    /// Scroll the reading pane up half a page.
    ScrollHalfPageUp,
    /// Scroll to the top of the article.
    ScrollTop,
    /// Scroll to the end of the article.
    ScrollBottom,
    /// Move the focus to the reading pane.
    FocusReader,
    /// Move the focus to the article list.
    FocusList,
    /// End the search in the article, or else go back to the list.
    Back,
    /// Switch the focus between the list and the reading pane.
    ToggleFocus,
    /// Focus the filter line to type a query.
    StartFilter,
    /// Type a character into the filter line.
    FilterInput(char),
    /// Delete the character before the cursor in the filter line.
    FilterBackspace,
    /// Delete the character under the cursor in the filter line.
    FilterDelete,
    /// Delete the word before the cursor in the filter line.
    FilterDeleteWord,
    /// Delete from the start of the filter line to the cursor.
    FilterDeleteToStart,
    /// Delete from the cursor to the end of the filter line.
    FilterDeleteToEnd,
    /// Move the cursor one character left in the filter line.
    CursorLeft,
    /// Move the cursor one character right in the filter line.
    CursorRight,
    /// Move the cursor to the start of the previous word in the filter line.
    CursorWordLeft,
    /// Move the cursor past the end of the next word in the filter line.
    CursorWordRight,
    /// Move the cursor to the start of the filter line.
    CursorStart,
    /// Move the cursor to the end of the filter line.
    CursorEnd,
    /// Recall the query before the one in the filter line.
    HistoryOlder,
    /// Recall the query after the one in the filter line.
    HistoryNewer,
    /// Sort the list the next way: newest, oldest, by title, by author.
    CycleSort,
    /// Gather the list's rows the next way: by day, by source, not at all.
    CycleGrouping,
    /// Look at the library folders again now (they are watched, so this is rarely needed).
    Reload,
    /// Show the articles by the selected article's author.
    FilterByAuthor,
    /// Show the articles of the selected article's day.
    FilterBySameDay,
    /// Keep the filter and return to the list.
    AcceptFilter,
    /// Clear the filter and show every article.
    ClearFilter,
    /// Show or hide the list of keys.
    ToggleHelp,
    /// Show or hide the files that could not be read, and why.
    ToggleProblems,
    /// Open the next article in the list, staying in the reading pane.
    NextArticle,
    /// Open the previous article in the list, staying in the reading pane.
    PreviousArticle,
    /// Give the reading pane the whole screen, or give the list its place back.
    ToggleZoom,
    /// Justify the text, or set it ragged right.
    ToggleJustify,
    /// Break long words at their syllables, or not.
    ToggleHyphenate,
    /// Search inside the article.
    StartFind,
    /// Go to the next place the search found.
    FindNext,
    /// Go to the previous place the search found.
    FindPrevious,
    /// Open a link of the article by its number, in the browser.
    OpenLink,
    /// Copy a link of the article by its number, to the clipboard (OSC 52, works over SSH).
    CopyLink,
    /// Open the article's own address (its `url`, `og:url`, feed link) in the browser.
    OpenArticle,
    /// Read the article, set as on screen, in `$PAGER` (`less -R` unless it says otherwise).
    Page,
    /// Open the article's file in `$VISUAL` or `$EDITOR` (read-only where the editor allows).
    Edit,
    /// Mark the selected article read, or unread again.
    ToggleRead,
    /// Star the selected article, or take its star away.
    ToggleStar,
    /// Select the next unread article in the list.
    NextUnread,
    /// Select the previous unread article in the list.
    PreviousUnread,
    /// Mark every article the list shows as read.
    MarkAllRead,
    /// Undo the marking of every article as read, just after it.
    UndoMarkAllRead,
    /// Show only unread articles, or all again.
    ShowUnread,
    /// Show only starred articles, or all again.
    ShowStarred,
    /// Switch between side-by-side and stacked panes.
    SwitchLayout,
    /// Give the list more room.
    GrowList,
    /// Give the list less room.
    ShrinkList,
}

impl Action {
    /// The action's name in the config (`select_next`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// A few words for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Suspend => "suspend to the shell (fg returns)",
            Action::SelectNext => "next article",
            Action::SelectPrevious => "previous article",
            Action::SelectFirst => "first article",
            Action::SelectLast => "last article",
            Action::SelectPageDown => "page down",
            Action::SelectPageUp => "page up",
            Action::SelectHalfPageDown => "half page down",
            Action::SelectHalfPageUp => "half page up",
            Action::ScrollDown => "scroll down",
            Action::ScrollUp => "scroll up",
            Action::ScrollPageDown => "page down",
            Action::ScrollPageUp => "page up",
            Action::ScrollHalfPageDown => "half page down",
            Action::ScrollHalfPageUp => "half page up",
            Action::ScrollTop => "top of article",
            Action::ScrollBottom => "end of article",
            Action::FocusReader => "read the article",
            Action::FocusList => "back to the list",
            Action::Back => "back to the list",
            Action::ToggleFocus => "switch pane",
            Action::StartFilter => "filter the list",
            Action::FilterInput(_) => "type to filter",
            Action::FilterBackspace => "delete a character",
            Action::FilterDelete => "delete under the cursor",
            Action::FilterDeleteWord => "delete a word",
            Action::FilterDeleteToStart => "delete to the start",
            Action::FilterDeleteToEnd => "delete to the end",
            Action::CursorLeft => "cursor left",
            Action::CursorRight => "cursor right",
            Action::CursorWordLeft => "word left",
            Action::CursorWordRight => "word right",
            Action::CursorStart => "start of line",
            Action::CursorEnd => "end of line",
            Action::HistoryOlder => "earlier query",
            Action::HistoryNewer => "later query",
            Action::CycleSort => "next sort order",
            Action::CycleGrouping => "group by day, source, none",
            Action::Reload => "look at the library again",
            Action::FilterByAuthor => "more by this author",
            Action::FilterBySameDay => "more from this day",
            Action::AcceptFilter => "keep the filter",
            Action::ClearFilter => "clear the filter",
            Action::ToggleHelp => "this help",
            Action::ToggleProblems => "files byline could not read",
            Action::NextArticle => "next article",
            Action::PreviousArticle => "previous article",
            Action::ToggleZoom => "zoom the reading pane",
            Action::ToggleJustify => "justify the text",
            Action::ToggleHyphenate => "hyphenate long words",
            Action::StartFind => "search the article",
            Action::FindNext => "next search hit",
            Action::FindPrevious => "previous search hit",
            Action::OpenLink => "open link [n] in the browser",
            Action::CopyLink => "copy link [n]",
            Action::OpenArticle => "open its own address",
            Action::Page => "read it in $PAGER",
            Action::Edit => "open its file in $EDITOR",
            Action::ToggleRead => "mark read or unread",
            Action::ToggleStar => "star or unstar",
            Action::NextUnread => "next unread article",
            Action::PreviousUnread => "previous unread article",
            Action::MarkAllRead => "mark all shown read",
            Action::UndoMarkAllRead => "undo mark all read",
            Action::ShowUnread => "unread only, or all",
            Action::ShowStarred => "starred only, or all",
            Action::SwitchLayout => "side by side or stacked",
            Action::GrowList => "widen the list",
            Action::ShrinkList => "narrow the list",
        }
    }
}

/// What is taking keys: decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Bindings that work everywhere, checked first.
    Anywhere,
    /// The article list has the focus.
    List,
    /// The reading pane has the focus.
    Reader,
    /// A line is being typed: the filter, a search in the article, a link number.
    Filter,
    /// An overlay (help, problems) is open: it scrolls, and any other key closes it.
    Overlay,
}

impl Mode {
    /// The heading the help overlay shows for this mode's keys.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Anywhere => "Anywhere",
            Mode::List => "Article list",
            Mode::Reader => "Reading pane",
            Mode::Filter => "Filter and search lines",
            Mode::Overlay => "Help and problems",
        }
    }
}

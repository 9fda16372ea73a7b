//! Keys to actions, per mode. The table is also what the help overlay lists and what every hint
//! on screen names (through [`Keymap::hint`]), so none of them can disagree with the keys.
//! Keys the list and the reading pane share are declared once, for both.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
pub use crate::action::Mode;
use crate::article::sanitize::is_invisible_or_control;

/// One key bound to one action in one mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    /// Bound by the config, not by default: hints name such a key first.
    pub chosen: bool,
}

/// A default binding as the table declares it: one key, in one or more modes.
#[derive(Debug, Clone, Copy)]
struct Declared {
    modes: &'static [Mode],
    code: KeyCode,
    modifiers: KeyModifiers,
    action: Action,
}

const fn key(modes: &'static [Mode], code: KeyCode, action: Action) -> Declared {
    Declared {
        modes,
        code,
        modifiers: KeyModifiers::NONE,
        action,
    }
}

const fn ctrl(modes: &'static [Mode], c: char, action: Action) -> Declared {
    ctrl_key(modes, KeyCode::Char(c), action)
}

const fn alt(modes: &'static [Mode], code: KeyCode, action: Action) -> Declared {
    Declared {
        modes,
        code,
        modifiers: KeyModifiers::ALT,
        action,
    }
}

const fn ctrl_key(modes: &'static [Mode], code: KeyCode, action: Action) -> Declared {
    Declared {
        modes,
        code,
        modifiers: KeyModifiers::CONTROL,
        action,
    }
}

const fn ch(modes: &'static [Mode], c: char, action: Action) -> Declared {
    key(modes, KeyCode::Char(c), action)
}

use Action as A;
use KeyCode as K;
const ANYWHERE: &[Mode] = &[Mode::Anywhere];
const LIST: &[Mode] = &[Mode::List];
const READER: &[Mode] = &[Mode::Reader];
/// Keys that do the same in the list and in the reading pane, declared once.
const PANES: &[Mode] = &[Mode::List, Mode::Reader];
const FILTER: &[Mode] = &[Mode::Filter];
/// Keys that scroll the reading pane and an overlay alike, declared once.
const SCROLLING: &[Mode] = &[Mode::Reader, Mode::Overlay];

/// The default key bindings; each mode's in the order the help overlay lists them.
const DECLARED: &[Declared] = &[
    ctrl(ANYWHERE, 'c', A::Quit),
    ctrl(ANYWHERE, 'z', A::Suspend),
    ch(LIST, 'j', A::SelectNext),
    key(LIST, K::Down, A::SelectNext),
    ch(LIST, 'k', A::SelectPrevious),
    key(LIST, K::Up, A::SelectPrevious),
    ch(LIST, 'g', A::SelectFirst),
    key(LIST, K::Home, A::SelectFirst),
    ch(LIST, 'G', A::SelectLast),
    key(LIST, K::End, A::SelectLast),
    key(LIST, K::PageDown, A::SelectPageDown),
    key(LIST, K::PageUp, A::SelectPageUp),
    ctrl(LIST, 'd', A::SelectHalfPageDown),
    ctrl(LIST, 'u', A::SelectHalfPageUp),
    key(LIST, K::Enter, A::FocusReader),
    ch(LIST, 'l', A::FocusReader),
    key(LIST, K::Right, A::FocusReader),
    key(LIST, K::Tab, A::ToggleFocus),
    ch(LIST, '/', A::StartFilter),
    key(LIST, K::Esc, A::ClearFilter),
    ch(SCROLLING, 'j', A::ScrollDown),
    key(SCROLLING, K::Down, A::ScrollDown),
    ch(SCROLLING, 'k', A::ScrollUp),
    key(SCROLLING, K::Up, A::ScrollUp),
    ch(SCROLLING, ' ', A::ScrollPageDown),
    key(SCROLLING, K::PageDown, A::ScrollPageDown),
    key(SCROLLING, K::PageUp, A::ScrollPageUp),
    ctrl(READER, 'd', A::ScrollHalfPageDown),
    ctrl(READER, 'u', A::ScrollHalfPageUp),
    ch(SCROLLING, 'g', A::ScrollTop),
    key(SCROLLING, K::Home, A::ScrollTop),
    ch(SCROLLING, 'G', A::ScrollBottom),
    key(SCROLLING, K::End, A::ScrollBottom),
    ch(READER, 'h', A::FocusList),
    key(READER, K::Left, A::FocusList),
    key(READER, K::Esc, A::Back),
    key(READER, K::Tab, A::ToggleFocus),
    ch(READER, '/', A::StartFind),
    ch(READER, 'n', A::FindNext),
    ch(READER, 'N', A::FindPrevious),
    ch(READER, ']', A::NextArticle),
    ch(READER, '[', A::PreviousArticle),
    ch(READER, 'o', A::OpenLink),
    ch(READER, 'y', A::CopyLink),
    ch(READER, 'z', A::ToggleZoom),
    ch(READER, 'J', A::ToggleJustify),
    ch(READER, 'H', A::ToggleHyphenate),
    ch(PANES, 'O', A::OpenArticle),
    ch(PANES, 'p', A::Page),
    ch(PANES, 'e', A::Edit),
    ch(PANES, 'm', A::ToggleRead),
    ch(PANES, '*', A::ToggleStar),
    ch(LIST, 'n', A::NextUnread),
    ch(LIST, 'N', A::PreviousUnread),
    ch(LIST, 'A', A::MarkAllRead),
    ch(LIST, 'U', A::UndoMarkAllRead),
    ch(LIST, 'u', A::ShowUnread),
    ch(LIST, 'S', A::ShowStarred),
    ch(PANES, 's', A::CycleSort),
    ch(LIST, 'b', A::CycleGrouping),
    ch(PANES, 'r', A::Reload),
    ch(PANES, 'v', A::SwitchLayout),
    ch(PANES, '>', A::GrowList),
    ch(PANES, '<', A::ShrinkList),
    ch(PANES, 'a', A::FilterByAuthor),
    ch(PANES, 'd', A::FilterBySameDay),
    ch(PANES, '?', A::ToggleHelp),
    ch(PANES, '!', A::ToggleProblems),
    ch(PANES, 'q', A::Quit),
    key(FILTER, K::Enter, A::AcceptFilter),
    key(FILTER, K::Esc, A::ClearFilter),
    ctrl(FILTER, 'n', A::SelectNext),
    ctrl(FILTER, 'p', A::SelectPrevious),
    key(FILTER, K::Up, A::HistoryOlder),
    key(FILTER, K::Down, A::HistoryNewer),
    key(FILTER, K::Left, A::CursorLeft),
    ctrl(FILTER, 'b', A::CursorLeft),
    key(FILTER, K::Right, A::CursorRight),
    ctrl(FILTER, 'f', A::CursorRight),
    ctrl_key(FILTER, K::Left, A::CursorWordLeft),
    alt(FILTER, K::Char('b'), A::CursorWordLeft),
    ctrl_key(FILTER, K::Right, A::CursorWordRight),
    alt(FILTER, K::Char('f'), A::CursorWordRight),
    key(FILTER, K::Home, A::CursorStart),
    ctrl(FILTER, 'a', A::CursorStart),
    key(FILTER, K::End, A::CursorEnd),
    ctrl(FILTER, 'e', A::CursorEnd),
    key(FILTER, K::Backspace, A::FilterBackspace),
    key(FILTER, K::Delete, A::FilterDelete),
    ctrl(FILTER, 'w', A::FilterDeleteWord),
    alt(FILTER, K::Backspace, A::FilterDeleteWord),
    ctrl(FILTER, 'u', A::FilterDeleteToStart),
    ctrl(FILTER, 'k', A::FilterDeleteToEnd),
];

/// The key bindings in force: the defaults, with the config's on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// The default bindings, one per key and mode.
pub fn defaults() -> &'static [Binding] {
    static DEFAULTS: std::sync::LazyLock<Vec<Binding>> = std::sync::LazyLock::new(|| {
        DECLARED
            .iter()
            .flat_map(|d| {
                d.modes.iter().map(|&mode| Binding {
                    mode,
                    code: d.code,
                    modifiers: d.modifiers,
                    action: d.action,
                    chosen: false,
                })
            })
            .collect()
    });
    &DEFAULTS
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: defaults().to_vec(),
        }
    }
}

/// Whether a key is Ctrl-c (Ctrl-Shift-c too: terminals send them alike), which quits
/// everywhere whatever the config says, so that no config can take the way out away.
pub fn always_quits(code: KeyCode, modifiers: KeyModifiers) -> bool {
    code == KeyCode::Char('c') && modifiers - KeyModifiers::SHIFT == KeyModifiers::CONTROL
}

impl Keymap {
    /// Binds a key to an action in every mode the action has keys in by default (the list's,
    /// for an action with none), in place of what the key did there. Ctrl-c is left quitting
    /// ([`always_quits`]; the config calls binding it to anything else an error).
    pub fn bind(&mut self, code: KeyCode, modifiers: KeyModifiers, action: Action) {
        if always_quits(code, modifiers) {
            return;
        }
        let mut modes: Vec<Mode> = defaults()
            .iter()
            .filter(|b| b.action == action)
            .map(|b| b.mode)
            .collect();
        // A plain character must stay typeable in the filter and search lines: it is bound in
        // the list and the reading pane only.
        let typed = matches!(code, KeyCode::Char(_))
            && !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if typed {
            modes = modes
                .into_iter()
                .flat_map(|m| match m {
                    Mode::Anywhere => vec![Mode::List, Mode::Reader],
                    Mode::Filter | Mode::Overlay => vec![],
                    m => vec![m],
                })
                .collect();
        }
        modes.sort_by_key(|m| *m as u8);
        modes.dedup();
        if modes.is_empty() {
            modes.push(Mode::List);
        }
        let modifiers = match code {
            KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
            _ => modifiers,
        };
        self.bindings.retain(|b| {
            !(b.code == code
                && b.modifiers == modifiers
                && (modes.contains(&b.mode) || b.mode == Mode::Anywhere))
        });
        for mode in modes {
            self.bindings.push(Binding {
                mode,
                code,
                modifiers,
                action,
                chosen: true,
            });
        }
    }

    /// One mode's help: each action with all its keys, in binding order.
    pub fn help_rows(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut actions: Vec<Action> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.mode == mode) {
            if !actions.contains(&b.action) {
                actions.push(b.action);
            }
        }
        let mut rows: Vec<(String, &'static str)> = actions
            .into_iter()
            .map(|action| {
                let keys: Vec<String> = self
                    .bindings
                    .iter()
                    .filter(|b| b.mode == mode && b.action == action)
                    .map(|b| label(b.code, b.modifiers))
                    .collect();
                (keys.join(" "), action.describe())
            })
            .collect();
        match mode {
            Mode::Filter => rows.push(("text".to_string(), "type to filter")),
            // Typed, not bound: a number before a motion repeats it.
            Mode::List | Mode::Reader => rows.push(("1-9…".to_string(), "count: 5j, 3 Space")),
            Mode::Anywhere | Mode::Overlay => {}
        }
        rows
    }

    /// The key to name for `action` in `mode`, written short as hints write it (`/`, `Enter`,
    /// `^n`, `↑`): the first the config bound in that mode, else the first bound there by
    /// default, else one bound everywhere. The status bar,
    /// notices and titles name keys through this, so a rebinding changes what they say.
    pub fn hint(&self, mode: Mode, action: Action) -> Option<String> {
        let bound = |m: Mode, chosen: bool| {
            self.bindings
                .iter()
                .find(|b| b.mode == m && b.action == action && (b.chosen || !chosen))
        };
        bound(mode, true)
            .or_else(|| bound(mode, false))
            .or_else(|| bound(Mode::Anywhere, false))
            .map(|b| short_label(b.code, b.modifiers))
    }

    /// Whether a key other than Ctrl-c quits in `mode`: the way out the screen names (`q` by
    /// default), which a config must not take away without binding another.
    pub fn quits_without_ctrl_c(&self, mode: Mode) -> bool {
        self.bindings
            .iter()
            .filter(|b| b.action == Action::Quit && !always_quits(b.code, b.modifiers))
            .any(|b| {
                self.action_for(mode, KeyEvent::new(b.code, b.modifiers)) == Some(Action::Quit)
            })
    }

    /// The action a key press asks for in `mode`, if any.
    pub fn action_for(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        // Shift is part of the character itself (`G`), so it is not compared for characters.
        let modifiers = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        let bound = self
            .bindings
            .iter()
            .filter(|b| b.mode == Mode::Anywhere || b.mode == mode)
            .find(|b| b.code == event.code && b.modifiers == modifiers)
            .map(|b| b.action);
        match (bound, mode, event.code) {
            (Some(action), _, _) => Some(action),
            (None, Mode::Filter, KeyCode::Char(c))
                if !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::FilterInput(c))
            }
            // Any other key closes an overlay (`q` too: only Ctrl-c quits from there).
            (None, Mode::Overlay, _) => Some(Action::ToggleHelp),
            _ => None,
        }
    }
}

/// Reads a key as the config writes it: `j`, `G`, `ctrl-d`, `alt-b`, `shift-tab`, `enter`,
/// `esc`, `space`, `pgdn`, `f5`…
pub fn parse_key(text: &str) -> Result<(KeyCode, KeyModifiers), String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (prefix, m) = if lower.starts_with("ctrl-") {
            ("ctrl-", KeyModifiers::CONTROL)
        } else if lower.starts_with("alt-") {
            ("alt-", KeyModifiers::ALT)
        } else if lower.starts_with("shift-") {
            ("shift-", KeyModifiers::SHIFT)
        } else {
            break;
        };
        modifiers |= m;
        rest = &rest[prefix.len()..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        // No key sends these, and the help would draw them as they are.
        (Some(c), None) if c.is_control() || is_invisible_or_control(c) => {
            return Err(format!("unknown key '{text}'"));
        }
        // Terminals send Ctrl-x and Ctrl-X alike.
        (Some(c), None) if modifiers.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        // `shift-a` is the `A` a terminal sends.
        (Some(c), None) if modifiers.contains(KeyModifiers::SHIFT) && c.is_alphabetic() => {
            modifiers -= KeyModifiers::SHIFT;
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        (Some(c), None) => KeyCode::Char(c),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers -= KeyModifiers::SHIFT;
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            f if f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => return Err(format!("unknown key '{text}'")),
        },
    };
    // Without the kitty keyboard protocol terminals send these as Tab, Enter and Esc.
    let code = match (code, modifiers.contains(KeyModifiers::CONTROL)) {
        (KeyCode::Char('i'), true) => KeyCode::Tab,
        (KeyCode::Char('m'), true) => KeyCode::Enter,
        (KeyCode::Char('['), true) => KeyCode::Esc,
        (code, _) => code,
    };
    if matches!(code, KeyCode::Tab | KeyCode::Enter | KeyCode::Esc)
        && modifiers.contains(KeyModifiers::CONTROL)
    {
        modifiers -= KeyModifiers::CONTROL;
    }
    Ok((code, modifiers))
}

/// How a key is written in the help overlay: `j`, `Down`, `Ctrl-d`, `Space`.
pub fn label(code: KeyCode, modifiers: KeyModifiers) -> String {
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        other => other.to_string(),
    };
    if modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else if modifiers.contains(KeyModifiers::ALT) {
        format!("Alt-{name}")
    } else {
        name
    }
}

/// How a key is written in hints: as in the help, but `^d` for Ctrl-d and arrows for the
/// arrow keys.
pub fn short_label(code: KeyCode, modifiers: KeyModifiers) -> String {
    let arrow = match code {
        KeyCode::Up => Some("↑"),
        KeyCode::Down => Some("↓"),
        KeyCode::Left => Some("←"),
        KeyCode::Right => Some("→"),
        _ => None,
    };
    match arrow {
        Some(arrow) if modifiers.is_empty() => arrow.to_string(),
        _ => label(code, modifiers).replacen("Ctrl-", "^", 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a key does with the default bindings.
    fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
        Keymap::default().action_for(mode, key)
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn same_key_means_different_things_per_mode() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::List, j), Some(Action::SelectNext));
        assert_eq!(action_for(Mode::Reader, j), Some(Action::ScrollDown));
        assert_eq!(action_for(Mode::Filter, j), Some(Action::FilterInput('j')));
    }

    #[test]
    fn ctrl_c_quits_everywhere_even_while_typing() {
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::List, Mode::Reader, Mode::Filter] {
            assert_eq!(action_for(mode, ctrl_c), Some(Action::Quit));
        }
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Filter, q), Some(Action::FilterInput('q')));
    }

    #[test]
    fn binding_ctrl_c_leaves_it_quitting() {
        let mut keys = Keymap::default();
        keys.bind(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
            Action::SelectNext,
        );
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::List, Mode::Reader, Mode::Filter, Mode::Overlay] {
            assert_eq!(keys.action_for(mode, ctrl_c), Some(Action::Quit));
        }
        assert!(keys.quits_without_ctrl_c(Mode::List));
        keys.bind(KeyCode::Char('q'), KeyModifiers::NONE, Action::SelectNext);
        assert!(!keys.quits_without_ctrl_c(Mode::List));
        assert!(
            keys.quits_without_ctrl_c(Mode::Reader),
            "select_next is the list's: q still quits in the reading pane"
        );
        keys.bind(KeyCode::F(10), KeyModifiers::NONE, Action::Quit);
        assert!(keys.quits_without_ctrl_c(Mode::List));
        assert!(keys.quits_without_ctrl_c(Mode::Reader));
    }

    #[test]
    fn in_help_q_closes_and_ctrl_c_quits() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Overlay, q), Some(Action::ToggleHelp));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::Overlay, ctrl_c), Some(Action::Quit));
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Overlay, j), Some(Action::ScrollDown));
    }

    #[test]
    fn shifted_letters_match_their_binding() {
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::List, g), Some(Action::SelectLast));
        let upper = press(KeyCode::Char('K'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(Mode::Filter, upper),
            Some(Action::FilterInput('K'))
        );
    }

    #[test]
    fn releases_and_unbound_keys_do_nothing() {
        let mut release = press(KeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(Mode::List, release), None);
        assert_eq!(
            action_for(Mode::List, press(KeyCode::F(5), KeyModifiers::NONE)),
            None
        );
        let ctrl_x = press(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::Filter, ctrl_x), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        let defaults = defaults();
        for (i, a) in defaults.iter().enumerate() {
            for b in &defaults[i + 1..] {
                let overlaps =
                    a.mode == b.mode || a.mode == Mode::Anywhere || b.mode == Mode::Anywhere;
                assert!(
                    !(overlaps && a.code == b.code && a.modifiers == b.modifiers),
                    "{:?} bound twice",
                    label(a.code, a.modifiers)
                );
            }
        }
    }

    #[test]
    fn hints_name_the_key_in_force() {
        let mut keys = Keymap::default();
        assert_eq!(keys.hint(Mode::List, Action::Quit).as_deref(), Some("q"));
        assert_eq!(
            keys.hint(Mode::Filter, Action::Quit).as_deref(),
            Some("^c"),
            "where no key of its own is bound, one bound everywhere"
        );
        assert_eq!(
            keys.hint(Mode::Filter, Action::HistoryOlder).as_deref(),
            Some("↑")
        );
        keys.bind(KeyCode::Char('q'), KeyModifiers::NONE, Action::ToggleStar);
        keys.bind(KeyCode::Char('x'), KeyModifiers::NONE, Action::Quit);
        assert_eq!(keys.hint(Mode::List, Action::Quit).as_deref(), Some("x"));
        keys.bind(KeyCode::F(2), KeyModifiers::NONE, Action::StartFilter);
        assert_eq!(
            keys.hint(Mode::List, Action::StartFilter).as_deref(),
            Some("F2"),
            "the key the config chose, though / still filters"
        );
        assert_eq!(
            keys.hint(Mode::Reader, Action::ToggleStar).as_deref(),
            Some("q"),
            "named before the default `*`"
        );
        assert_eq!(
            keys.hint(Mode::List, Action::ShowStarred).as_deref(),
            Some("S")
        );
        assert_eq!(keys.hint(Mode::Overlay, Action::ToggleFocus), None);
    }

    #[test]
    fn labels_read_naturally() {
        assert_eq!(label(KeyCode::Char('d'), KeyModifiers::CONTROL), "Ctrl-d");
        assert_eq!(label(KeyCode::Char(' '), KeyModifiers::NONE), "Space");
        assert_eq!(label(KeyCode::PageDown, KeyModifiers::NONE), "PgDn");
        assert_eq!(label(KeyCode::Down, KeyModifiers::NONE), "Down");
    }
}

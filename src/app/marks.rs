//! What the app remembers for next time, by article id: read marks, stars and the place in each
//! article; and the clocks that decide when an open article counts as read and when a place is
//! worth saving. Changes go to the shell as [`Change`]s.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use super::View;
use crate::article::Position;
use crate::state::{Change, Snapshot};

/// How long an article stays open before it counts as read.
pub const READ_AFTER: Duration = Duration::from_millis(1500);

/// How long the place in an article stays put before it is saved.
pub const PLACE_AFTER: Duration = Duration::from_secs(2);

/// Read and starred articles, places, and the reading clocks.
#[derive(Debug, Default)]
pub struct Marks {
    read: HashSet<String>,
    starred: HashSet<String>,
    places: HashMap<String, Position>,
    /// The article open in the reading pane, and since when it has been on screen.
    opened: Option<(usize, Option<Instant>)>,
    /// The place in the open article last seen by the clock, and since when.
    place_seen: Option<(Position, Instant)>,
}

impl Marks {
    /// What was remembered from earlier sessions.
    pub fn restored(snapshot: &Snapshot) -> Self {
        Self {
            read: snapshot.read.iter().cloned().collect(),
            starred: snapshot.starred.iter().cloned().collect(),
            places: snapshot
                .positions
                .keys()
                .filter_map(|id| Some((id.clone(), snapshot.position(id)?)))
                .collect(),
            opened: None,
            place_seen: None,
        }
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }

    pub fn is_starred(&self, id: &str) -> bool {
        self.starred.contains(id)
    }

    /// Whether `view` lets the article `id` through.
    pub fn shows(&self, view: View, id: &str) -> bool {
        match view {
            View::All => true,
            View::Unread => !self.read.contains(id),
            View::Starred => self.starred.contains(id),
        }
    }

    pub fn place(&self, id: &str) -> Option<Position> {
        self.places.get(id).copied()
    }

    pub fn set_read(&mut self, id: &str, read: bool) -> Change {
        if read {
            self.read.insert(id.to_string());
        } else {
            self.read.remove(id);
        }
        Change::Read {
            id: id.to_string(),
            read,
        }
    }

    /// Stars or unstars `id`, whichever it is not.
    pub fn toggle_star(&mut self, id: &str) -> Change {
        let starred = !self.starred.remove(id);
        if starred {
            self.starred.insert(id.to_string());
        }
        Change::Star {
            id: id.to_string(),
            starred,
        }
    }

    /// Remembers `at` as the place in `id`, if it is news worth writing.
    pub fn keep_place(&mut self, id: &str, at: Position) -> Option<Change> {
        // The top of an article is where it opens anyway: nothing to write.
        if at.block.is_none() && !self.places.contains_key(id) {
            return None;
        }
        if self.places.get(id) == Some(&at) {
            return None;
        }
        self.places.insert(id.to_string(), at);
        Some(Change::Place {
            id: id.to_string(),
            at,
        })
    }

    /// The article at `index` is open from now on (`None`: nothing, or it stays unread).
    pub fn open(&mut self, index: Option<usize>) {
        self.opened = index.map(|i| (i, None));
    }

    /// The library index of the article the clock is timing.
    pub fn opened(&self) -> Option<usize> {
        self.opened.map(|(i, _)| i)
    }

    /// The clock passed `now` with the open article `being_read` or not; returns the article
    /// that has now been read for [`READ_AFTER`] without a break, if one has.
    pub fn read_clock(&mut self, now: Instant, being_read: bool) -> Option<usize> {
        let (index, since) = self.opened?;
        // A hidden reading pane, or (as the config says) one without the focus, is not read:
        // the clock starts again when it is.
        if !being_read {
            self.opened = Some((index, None));
            return None;
        }
        match since {
            None => self.opened = Some((index, Some(now))),
            Some(since) if now.duration_since(since) >= READ_AFTER => {
                self.opened = None;
                return Some(index);
            }
            Some(_) => {}
        }
        None
    }

    /// The clock passed `now` with the reader at `place`: returns whether it has stayed there
    /// for [`PLACE_AFTER`], so that it is worth saving (a crash then loses little reading).
    pub fn place_clock(&mut self, now: Instant, place: Option<Position>) -> bool {
        match self.place_seen {
            Some((seen, since)) if Some(seen) == place => now.duration_since(since) >= PLACE_AFTER,
            _ => {
                self.place_seen = place.map(|p| (p, now));
                false
            }
        }
    }
}

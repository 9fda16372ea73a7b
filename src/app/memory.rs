//! What the app remembers for next time: read marks, stars, the place in each article, and
//! the views of unread or starred articles. Changes go to the shell as [`Effect::Save`]s.

use super::*;

impl App {
    /// Brings back what was remembered: read marks, stars, places in articles, queries.
    pub fn restore(&mut self, snapshot: Snapshot) {
        self.read = snapshot.read.iter().cloned().collect();
        self.starred = snapshot.starred.iter().cloned().collect();
        self.places = snapshot
            .positions
            .keys()
            .filter_map(|id| Some((id.clone(), snapshot.position(id)?)))
            .collect();
        self.history = History::new(snapshot.history.clone());
        let mut split = self.split;
        if let Some(arrangement) = snapshot
            .settings
            .get("arrangement")
            .and_then(|name| Arrangement::from_name(name))
        {
            split.arrangement = arrangement;
        }
        if let Some(percent) = snapshot
            .settings
            .get("list_percent")
            .and_then(|p| p.parse().ok())
        {
            split.list_percent = Some(percent);
        }
        if split != self.split {
            self.set_split(split);
        }
        self.apply_view(self.selected_article());
        if let Some(index) = self.reading.holding() {
            // The article already open goes back to where you were in it.
            let id = &self.library.articles[index].id;
            if let Some(&at) = self.places.get(id) {
                self.reading.go_to(at, self.reader_rows());
            }
        }
    }

    /// Time passes: an article open for [`READ_AFTER`] becomes read.
    pub fn tick(&mut self, now: Instant) {
        self.keep_place(now);
        let Some((index, since)) = self.opened else {
            return;
        };
        // Only what is on screen is being read: a hidden reading pane does not count.
        if self.panes.is_none_or(|p| p.reader.height == 0) {
            self.opened = Some((index, None));
            return;
        }
        match since {
            None => self.opened = Some((index, Some(now))),
            Some(since) if now.duration_since(since) >= READ_AFTER => {
                self.opened = None;
                let id = self.library.articles[index].id.clone();
                if !self.read.contains(&id) {
                    self.set_read(&id, true);
                }
            }
            Some(_) => {}
        }
    }

    /// Saves the place in the open article once it has stayed put for a moment, so a crash
    /// loses little reading.
    pub(super) fn keep_place(&mut self, now: Instant) {
        let place = self.reading.place();
        match self.place_seen {
            Some((seen, since)) if Some(seen) == place => {
                if now.duration_since(since) >= PLACE_AFTER {
                    self.save_place();
                }
            }
            _ => self.place_seen = place.map(|p| (p, now)),
        }
    }

    /// Remembers where you are in the open article; the shell calls it before quitting.
    pub fn finish(&mut self) {
        self.save_place();
    }

    pub fn is_read(&self, index: usize) -> bool {
        self.read.contains(&self.library.articles[index].id)
    }

    pub fn is_starred(&self, index: usize) -> bool {
        self.starred.contains(&self.library.articles[index].id)
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub(super) fn set_read(&mut self, id: &str, read: bool) {
        if read {
            self.read.insert(id.to_string());
        } else {
            self.read.remove(id);
        }
        self.effects.push(Effect::Save(Change::Read {
            id: id.to_string(),
            read,
        }));
    }

    /// The hits the view lets through.
    pub(super) fn viewed(&self, hits: &[Hit]) -> Vec<Hit> {
        let keep = |h: &&Hit| {
            let id = &self.library.articles[h.index].id;
            match self.view {
                View::All => true,
                View::Unread => !self.read.contains(id),
                View::Starred => self.starred.contains(id),
            }
        };
        hits.iter().filter(keep).copied().collect()
    }

    /// Shows the hits the view lets through, keeping `keep` selected if it is among them.
    pub(super) fn apply_view(&mut self, keep: Option<usize>) {
        self.hits = self.viewed(&self.all_hits);
        let position = keep.and_then(|k| self.hits.iter().position(|h| h.index == k));
        self.list_offset = 0;
        self.select(position.unwrap_or(0));
    }

    pub(super) fn toggle_view(&mut self, view: View) {
        self.view = if self.view == view { View::All } else { view };
        self.apply_view(self.selected_article());
        self.notice = Some(
            match self.view {
                View::All => "Showing all articles.",
                View::Unread => "Showing unread articles only (u again for all).",
                View::Starred => "Showing starred articles only (S again for all).",
            }
            .to_string(),
        );
    }

    /// Asks the shell to remember where you are in the open article.
    pub(super) fn save_place(&mut self) {
        let Some(index) = self.reading.holding() else {
            return;
        };
        let Some(at) = self.reading.place() else {
            return;
        };
        let id = self.library.articles[index].id.clone();
        // The top of an article is where it opens anyway: nothing to write.
        if at.block.is_none() && !self.places.contains_key(&id) {
            return;
        }
        if self.places.get(&id) != Some(&at) {
            self.places.insert(id.clone(), at);
            self.effects.push(Effect::Save(Change::Place { id, at }));
        }
    }
}

//! byline: a terminal reader for a local library of news articles.
//!
//! A pure core and a thin shell, one folder per stage (see `docs/architecture.md` for the map):
//!
//! - [`library`] finds, decodes and parses article files into [`article`]s;
//! - [`query`] parses the filter line, indexes the matchable text, matches and ranks;
//! - [`reading`] sets an article for the reading pane (reflow, links, search inside it);
//! - [`app`] is the session's state, changed only by [`app::App::update`];
//! - [`ui`] draws the state; [`config`] holds settings, paths, themes and keys; [`state`] what
//!   byline remembers;
//! - [`shell`] is everything that touches the world: the command line, the terminal loop, files
//!   read for the app, threads and clocks.

pub mod action;
pub mod app;
pub mod article;
pub mod config;
pub(crate) mod layout;
pub mod library;
pub(crate) mod line;
pub(crate) mod parallel;
pub mod query;
pub mod reading;
pub mod shell;
pub mod state;
pub mod ui;

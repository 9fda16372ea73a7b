//! byline: a terminal reader for a local library of news articles.
//!
//! A pure core (library → index → query → filter → app state → ui) and a thin shell ([`tui`], [`cli`]);
//! see `docs/architecture.md` for the map.

pub mod app;
pub mod article;
pub mod cli;
pub mod commands;
pub mod config;
pub mod date;
pub mod filter;
pub mod find;
pub mod fold;
pub mod index;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod line;
pub mod links;
pub mod query;
pub mod reading;
pub mod reflow;
pub mod sanitize;
pub mod search;
pub mod settings;
pub mod state;
pub mod theme;
pub mod tui;
pub mod ui;

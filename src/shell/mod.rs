//! The imperative shell: the command line, the scriptable commands (`commands`), the
//! terminal loop (`tui`, on the size-capped backend of `terminal`), and performing the app's effects ([`effects`], [`search`]). Only code here reads files for the app, starts threads, reads
//! clocks and the environment, or writes to the terminal.
//!
//! The command line goes in three steps: [`cli`] (clap's raw arguments), `plan` (arguments,
//! environment and config resolved into a typed plan, purely) and [`run`] (the plan carried
//! out); every way it fails is one [`error::CliError`].

pub mod cli;
pub(crate) mod commands;
pub mod effects;
pub mod error;
pub(crate) mod import;
pub(crate) mod indexing;
pub(crate) mod listing;
pub(crate) mod plan;
pub mod run;
pub mod search;
pub(crate) mod terminal;
pub mod text;
pub(crate) mod tui;
pub(crate) mod watch;

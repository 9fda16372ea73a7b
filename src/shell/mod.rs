//! The imperative shell: the command line ([`cli`]), the scriptable commands ([`commands`]) and
//! the terminal loop ([`tui`]). Only code here reads files for the app, starts threads, reads
//! clocks and the environment, or writes to the terminal.

pub mod cli;
pub mod commands;
pub mod effects;
pub mod search;
pub mod tui;

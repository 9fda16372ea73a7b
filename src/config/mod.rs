//! Everything the user can set, read once into typed values: the config file ([`settings`]),
//! where things are ([`paths`]), themes ([`theme`]) and key bindings ([`keys`]).

pub mod keys;
pub mod paths;
pub mod settings;
pub mod theme;

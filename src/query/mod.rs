//! Finding articles by what is typed: the query language, the text it matches against, matching
//! and ranking, and running searches.
//!
//! - `parse`: a line into terms (atoms, fields, dates), pure and total;
//! - `dates`: date conditions (`d:2014-12`, `d:<30d`) to day ranges;
//! - `fold`: case and accent folding, with a map back to the shown characters;
//! - [`index`]: each article's matchable text (folded title and author, date forms, each
//!   tag, the source), built once;
//! - [`rank`]: matching a parsed query against the index and ranking the hits;
//! - `score`: how well one term matches one field (the ranking model, typos);
//! - [`run`]: a search request and its result, narrowing on the last hits;
//! - [`words`]: the words of a body as `text:` terms and the full-text index see them.

mod dates;
pub(crate) mod fold;
pub mod index;
mod parse;
pub mod rank;
pub mod run;
mod score;
pub mod words;

pub use parse::*;

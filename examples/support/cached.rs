//! A library opened from its metadata index in byline's cache folder (as the reader opens it),
//! for the examples that time searches on a generated library. `text_query` and `text_stream`
//! include this file.

use std::path::PathBuf;
use std::sync::Arc;

use byline::library::{Library, LibrarySource, Look, cache};

/// The library at `root`, read through its index in the cache folder (`XDG_CACHE_HOME` says
/// where), and that index's path.
pub fn open(root: PathBuf) -> (Arc<Library>, PathBuf) {
    let cache_dir = directories::ProjectDirs::from("", "", "byline")
        .expect("a cache folder")
        .cache_dir()
        .to_path_buf();
    let roots = vec![root];
    let index_path = cache::path_for(&cache_dir, &roots);
    let library = Arc::new(Library::open_indexed(
        &LibrarySource::Named(roots),
        Some(&index_path),
        Look::Folders,
    ));
    (library, index_path)
}

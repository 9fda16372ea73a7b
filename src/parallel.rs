//! One way to spread a computation over the cores: split the input into a chunk per core, run
//! the same work on each in a scoped thread, and join the results in input order.
//!
//! Scanning a library (parsing files) and matching a large one (scoring entries) both use it.
//! The threads live only as long as the call, so the pure core stays pure: same input, same
//! output, whatever the number of cores.

use std::thread;

/// The most threads a call uses, however many cores there are.
const MOST_THREADS: usize = 8;

/// `work` over `items`, on one thread per core (up to 8) once there are `from` items or more,
/// else on the caller's; the results of each chunk are concatenated in the order of `items`.
pub fn chunks<T: Sync, R: Send>(
    items: &[T],
    from: usize,
    work: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MOST_THREADS);
    chunks_on(threads, items, from, work)
}

/// Threads that read files: more than the cores, as most of a read can be waiting on the disk
/// (a cold one answers several reads at once), each thread parsing what it read.
pub const READERS: usize = 8;

/// [`chunks`] on `threads` threads, whatever the number of cores: for work that waits (files
/// read from a disk) rather than computes.
pub fn chunks_on<T: Sync, R: Send>(
    threads: usize,
    items: &[T],
    from: usize,
    work: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if threads < 2 || items.len() < from.max(2) {
        return work(items);
    }
    let chunk = items.len().div_ceil(threads);
    thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| work(part)))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_input() {
        let items: Vec<u32> = (0..10_000).collect();
        let doubled = chunks(&items, 100, |part| part.iter().map(|n| n * 2).collect());
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        let odd = chunks(&items, 100, |part| {
            part.iter().filter(|n| *n % 2 == 1).copied().collect()
        });
        assert_eq!(odd.len(), 5_000);
        assert!(odd.is_sorted());
        assert!(chunks(&[] as &[u32], 0, |part| part.to_vec()).is_empty());
    }
}

//! Splitting a pass over many customers across the machine's cores.

use std::num::NonZeroUsize;
use std::thread;

/// Below this many items one thread is faster than starting more.
const MIN_PER_THREAD: usize = 25_000;

/// Sums `f` over chunks of `items`, one chunk per core (scoped threads; no pool to manage).
pub fn sum_chunks<T: Sync, const N: usize>(items: &[T], f: impl Fn(&[T]) -> (f64, [f64; N]) + Sync) -> (f64, [f64; N]) {
    let threads = threads_for(items.len());
    if threads == 1 {
        return f(items);
    }
    let size = items.len().div_ceil(threads);
    thread::scope(|s| {
        let handles: Vec<_> = items.chunks(size).map(|chunk| s.spawn(|| f(chunk))).collect();
        handles.into_iter().fold((0.0, [0.0; N]), |(v, mut g), h| {
            let (cv, cg) = h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (a, b) in g.iter_mut().zip(cg) {
                *a += b;
            }
            (v + cv, g)
        })
    })
}

/// Maps `f` over `items` into a vector of the same order, using every core.
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = threads_for(items.len());
    if threads == 1 {
        return items.iter().map(&f).collect();
    }
    let size = items.len().div_ceil(threads);
    thread::scope(|s| {
        let handles: Vec<_> =
            items.chunks(size).map(|chunk| s.spawn(|| chunk.iter().map(&f).collect::<Vec<U>>())).collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

fn threads_for(n: usize) -> usize {
    let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    (n / MIN_PER_THREAD).clamp(1, cores)
}

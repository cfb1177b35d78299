//! Stage timings for profiling: with `GUIDEWRIGHT_TIMINGS=1` in the environment, each stage of
//! a build prints how long it took to stderr (see docs/performance.md).

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("GUIDEWRIGHT_TIMINGS").is_some_and(|v| v != "0"))
}

/// Times a stage: prints `stage took N ms` when timings are on.
pub fn stage<T>(name: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    let start = Instant::now();
    let out = work();
    eprintln!(
        "timing: {name:<24} {:>8.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    out
}

//! Where a run's time goes, for the benchmarks: phase timings on stderr
//! when `KLAUSUL_TIMINGS` is set.

use std::time::Instant;

/// Phase timings, printed to stderr when `KLAUSUL_TIMINGS` is set: the
/// benchmark's way to see where a build's time goes.
pub(crate) struct Phases {
    last: Instant,
    on: bool,
}

impl Phases {
    pub(crate) fn new() -> Phases {
        Phases {
            last: Instant::now(),
            on: std::env::var_os("KLAUSUL_TIMINGS").is_some(),
        }
    }

    pub(crate) fn mark(&mut self, phase: &str) {
        if self.on {
            eprintln!(
                "timing: {phase:<10} {:>8.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Instant::now();
    }
}

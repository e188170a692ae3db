//! Counters of the work this crate does, per thread, so tests can bound work rather than time
//! (`RenderStats::current()` before and after, then [`RenderStats::since`]).

use std::cell::Cell;

/// Work done on the current thread since it started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Markdown documents given to comrak.
    pub comrak_runs: u64,
    /// HTML documents given to ammonia.
    pub ammonia_runs: u64,
    /// Texts refused by the limits and shown as plain text instead.
    pub plain_fallbacks: u64,
    /// Bytes `label_heading_links` looked at.
    pub heading_bytes: u64,
    /// Bytes of text the glossary automaton read, plus the candidate matches it reported.
    pub glossary_steps: u64,
    /// Bytes `mark_passages` read.
    pub passage_bytes: u64,
    /// Diagrams drawn from timeline blocks (the `draw` callback of `BlockDiagrams`).
    pub diagrams_drawn: u64,
    /// Bytes of block text `incident_links` read.
    pub link_bytes: u64,
}

thread_local! {
    static STATS: Cell<RenderStats> = const { Cell::new(RenderStats {
        comrak_runs: 0,
        ammonia_runs: 0,
        plain_fallbacks: 0,
        heading_bytes: 0,
        glossary_steps: 0,
        passage_bytes: 0,
        diagrams_drawn: 0,
        link_bytes: 0,
    }) };
}

impl RenderStats {
    /// The counters of the current thread.
    pub fn current() -> RenderStats {
        STATS.with(Cell::get)
    }

    /// The work done between `before` and now (on this thread).
    pub fn since(before: &RenderStats) -> RenderStats {
        let now = RenderStats::current();
        RenderStats {
            comrak_runs: now.comrak_runs - before.comrak_runs,
            ammonia_runs: now.ammonia_runs - before.ammonia_runs,
            plain_fallbacks: now.plain_fallbacks - before.plain_fallbacks,
            heading_bytes: now.heading_bytes - before.heading_bytes,
            glossary_steps: now.glossary_steps - before.glossary_steps,
            passage_bytes: now.passage_bytes - before.passage_bytes,
            diagrams_drawn: now.diagrams_drawn - before.diagrams_drawn,
            link_bytes: now.link_bytes - before.link_bytes,
        }
    }
}

pub(crate) fn count(add: impl FnOnce(&mut RenderStats)) {
    STATS.with(|s| {
        let mut v = s.get();
        add(&mut v);
        s.set(v);
    });
}

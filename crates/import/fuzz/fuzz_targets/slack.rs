//! Feeds arbitrary bytes to the Slack export reader as if they were an uploaded ZIP: it must
//! return a timeline or an error, never panic, and stay within its memory caps.
//!
//! Seed the corpus with `crates/import/tests/data/slack/testarchive.zip`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use lore_import::slack::{SlackOptions, ZipLimits, read_zip_bytes};

fuzz_target!(|data: &[u8]| {
    // Small caps: a fuzzer finds zip bombs quickly, and the point is that they are refused,
    // not that the machine has the memory to read them.
    let opts = SlackOptions {
        limits: ZipLimits {
            max_entries: 1_000,
            max_total_bytes: 64 * 1024 * 1024,
            max_entry_bytes: 16 * 1024 * 1024,
            max_ratio: 200,
        },
        ..SlackOptions::default()
    };
    let _ = read_zip_bytes(data, "fuzz.zip", &opts);
});

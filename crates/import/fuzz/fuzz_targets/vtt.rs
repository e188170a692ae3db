//! Feeds arbitrary bytes to the WebVTT transcript reader: it must return a timeline or an
//! error, never panic.
//!
//! Seed the corpus with the files in `crates/import/tests/data/vtt/`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use lore_import::vtt::read;
use time::OffsetDateTime;

fuzz_target!(|data: &[u8]| {
    // A start near the end of the representable range, so that cue times that overflow it
    // are exercised as well as ordinary ones.
    let _ = read(data, "fuzz.vtt", OffsetDateTime::UNIX_EPOCH);
    if let Ok(late) = OffsetDateTime::UNIX_EPOCH.replace_year(9999) {
        let _ = read(data, "fuzz.vtt", late);
    }
});

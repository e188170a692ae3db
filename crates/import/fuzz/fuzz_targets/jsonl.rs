//! The JSONL timeline reader must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lore_import::jsonl::read(data, "fuzz.jsonl");
});

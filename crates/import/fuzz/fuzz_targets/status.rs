//! The status-page readers over arbitrary bytes: any input may be refused, none may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lore_import::status::{self, atom, gcp, statuspage};

fuzz_target!(|data: &[u8]| {
    let _ = statuspage::read_json(data, "fuzz.json");
    let _ = gcp::read_incidents(data, "fuzz.json");
    let _ = status::read_json(data, "fuzz.json");
    let _ = atom::read_feed(data, "fuzz.atom");
});

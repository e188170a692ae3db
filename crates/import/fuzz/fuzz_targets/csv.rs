//! Feeds arbitrary bytes to the CSV timeline reader: it must return a timeline or an error,
//! never panic, and refuse over-long records before holding them whole.
//!
//! Seed the corpus with the files in `crates/import/tests/data/csv/`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use lore_core::EntryKind;
use lore_import::csv_timeline::read;
use lore_import::field_map::FieldMap;

fuzz_target!(|data: &[u8]| {
    // Lore's column names, and a mapped layout with a built message, an assumed offset and
    // epoch seconds, so that both ways through the reader are exercised.
    let _ = read(data, "fuzz.csv", &FieldMap::default());
    if let Ok(mut map) = FieldMap::from_args(["a=datetime", "b=epoch_seconds", "c=author"]) {
        map.default_kind = Some(EntryKind::Deploy);
        map.assume_tz = Some(time::UtcOffset::UTC.into());
        let _ = read(data, "fuzz.csv", &map);
    }
});

//! Markdown write-ups: any bytes must give a record or an error, never a panic or a hang.

#![no_main]

use libfuzzer_sys::fuzz_target;
use lore_import::writeup::{self, WriteupOptions};
use time::{Date, Month, UtcOffset};

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the options, so that the paths for a given zone and a default
    // date are fuzzed as well as the assumed-UTC one.
    let Some((&choice, text)) = data.split_first() else {
        return;
    };
    let tz = (choice & 0x80 != 0)
        .then(|| UtcOffset::from_hms(i8::try_from(choice % 27).unwrap_or(0) - 12, 0, 0).ok())
        .flatten();
    let default_date = (choice & 0x40 != 0)
        .then(|| Date::from_calendar_date(2024, Month::February, 29).ok())
        .flatten();
    let opts = WriteupOptions {
        tz: tz.map(Into::into),
        default_date,
    };
    let _ = writeup::read_bytes(text, "fuzz.md", &opts);
});

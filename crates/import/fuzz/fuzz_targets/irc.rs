//! The IRC reader must never panic, whatever the bytes, the dialect, the offset or the date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lore_import::irc::{self, Dialect, IrcOptions};
use time::{Date, Month, UtcOffset};

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the reading (detection or one dialect, with or without a date, a
    // date at the end of the calendar); the second the offset, from -25 to +25 hours.
    let (Some(&choice), Some(&hours)) = (data.first(), data.get(1)) else {
        return;
    };
    let body = &data[2..];
    let hours = (i16::from(hours) % 51 - 25) as i8;
    let mut opts = IrcOptions::new(UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC));
    opts.dialect = match usize::from(choice % 7) {
        0 => None,
        i => Some(Dialect::ALL[i - 1]),
    };
    opts.date = match (choice / 7) % 3 {
        0 => None,
        1 => Date::from_calendar_date(2019, Month::October, 2).ok(),
        _ => Date::from_calendar_date(9999, Month::December, 31).ok(),
    };
    if choice & 0x80 != 0 {
        opts.channel = Some("#lore".to_owned());
    }
    let _ = irc::detect(body, "fuzz.log");
    let _ = irc::read(body, "fuzz.log", &opts);
    let _ = irc::read(body, "20191002.log", &opts);
});

//! `--tz` with a zone name: each time takes the offset in force at its own moment, so a log
//! that crosses a daylight-saving change is right on both sides.

use lore_import::csv_timeline;
use lore_import::field_map::FieldMap;
use lore_import::irc::{self, IrcOptions};
use lore_import::zone::Zone;
use time::UtcOffset;
use time::macros::datetime;

/// An irssi log of the night Athens moved its clocks from 03:00 (+02:00) to 04:00 (+03:00),
/// at 01:00 UTC on Sunday 31 March 2024, the last Sunday of March.
const ATHENS_NIGHT: &str = "\
--- Log opened Sun Mar 31 02:50:00 2024
02:58 < eleni> replica lag is climbing
02:59 < nikos> looking
04:00 < eleni> it recovered by itself
04:05 < nikos> the cron job runs on local time: it skipped the 03:30 run
";

#[test]
fn an_irc_log_across_the_eu_dst_change_gets_each_lines_own_offset() {
    let opts = IrcOptions::new(Zone::parse("Europe/Athens").unwrap());
    let t = irc::read(ATHENS_NIGHT.as_bytes(), "athens.log", &opts).unwrap();
    let utc: Vec<_> = t
        .entries
        .iter()
        .map(|e| e.occurred_at.to_offset(UtcOffset::UTC))
        .collect();
    assert_eq!(
        utc,
        [
            datetime!(2024-03-31 00:58 UTC),
            datetime!(2024-03-31 00:59 UTC),
            datetime!(2024-03-31 01:00 UTC),
            datetime!(2024-03-31 01:05 UTC),
        ]
    );
    assert_eq!(t.entries[0].time_zone.as_deref(), Some("Europe/Athens"));
    assert_eq!(t.entries[0].time_text, "02:58");
}

#[test]
fn a_csv_timeline_across_the_eu_dst_change_gets_each_rows_own_offset() {
    let csv = "datetime,message\n\
               2024-03-31 02:59:30,last write before the change\n\
               2024-03-31 04:00:30,first write after it\n\
               2024-10-27 03:30:00,the autumn change repeats 03:00-04:00; read before it\n";
    let mut map = FieldMap::default();
    map.assume_tz = Some(Zone::parse("Europe/Athens").unwrap());
    let t = csv_timeline::read(csv.as_bytes(), "db.csv", &map).unwrap();
    let got: Vec<_> = t
        .entries
        .iter()
        .map(|e| (e.occurred_at.to_offset(UtcOffset::UTC), e.time_zone.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (datetime!(2024-03-31 00:59:30 UTC), Some("+02:00:00".into())),
            (datetime!(2024-03-31 01:00:30 UTC), Some("+03:00:00".into())),
            (datetime!(2024-10-27 00:30 UTC), Some("+03:00:00".into())),
        ]
    );
}

#[test]
fn an_unknown_zone_name_is_refused_by_name() {
    assert_eq!(
        Zone::parse("Europe/Atlantis").unwrap_err(),
        "--tz \"Europe/Atlantis\": no time zone has that name (expected a zone name like \
         Europe/Athens, or an offset like +02:00, -0500 or UTC)"
    );
}

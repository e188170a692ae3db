//! Placing what the body's lines say in time: a stamp made an instant (day, zone and their
//! fallbacks), entries pushed with their labels, and the incident's own times recorded.

use super::*;

impl Scanner<'_> {
    /// Turns a stamp into an instant: the day from the stamp, else `context`; the zone from
    /// the stamp, else the table header, else the section's declaration, else the caller's,
    /// else UTC (said once).
    pub(super) fn place(
        &mut self,
        no: u64,
        stamp: &Stamp,
        context: Option<Date>,
        table_zone: Option<&Zone>,
    ) -> Placed {
        let day = match stamp.day {
            Some(d) => d.resolve(context),
            None => context,
        };
        let (Some(time), Some(day)) = (stamp.time, day) else {
            return day.map_or(Placed::Nothing, Placed::DayOnly);
        };
        let written = stamp
            .zone
            .as_ref()
            .or(table_zone)
            .or(self.zones.last().map(|(_, z)| z))
            .cloned();
        let given = self.s.tz.and_then(|z| z.labelled_offset(day, time));
        let (zone, offset) = match (written, given) {
            (Some(z), _) => (z.name, z.offset),
            (None, Some(given)) => given,
            (None, None) => {
                if !self.assumed_utc_warned {
                    self.assumed_utc_warned = true;
                    self.warn(no, "no time zone given; times without one are read as UTC");
                }
                ("UTC".to_owned(), UtcOffset::UTC)
            }
        };
        if zone == "CET" && !self.cet_warned && when::in_european_summer(day) {
            self.cet_warned = true;
            self.warn(
                no,
                "CET (UTC+01:00) is given for a summer date, when Central Europe keeps CEST \
                 (UTC+02:00); read as written",
            );
        }
        match PrimitiveDateTime::new(day, time)
            .assume_offset(offset)
            .checked_to_offset(UtcOffset::UTC)
        {
            Some(at) => Placed::At { at, zone, day },
            None => Placed::Nothing,
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_entry(
        &mut self,
        no: u64,
        line: &str,
        t: &Timed,
        at: OffsetDateTime,
        zone: String,
        day: Date,
        author: Option<String>,
    ) -> usize {
        if self.out.first_entry_day.is_none() {
            self.out.first_entry_day = Some(day);
        }
        self.out.entries.push(NewTimelineEntry {
            occurred_at: at,
            time_text: t.time_text.clone(),
            time_zone: Some(zone),
            author_handle: author,
            // A write-up retells events; where each was said is not in its tables and lists.
            channel: None,
            kind: EntryKind::Note,
            text: t.text.clone(),
            thread_parent: None,
            noise: false,
            provenance: Provenance {
                path: self.s.file.to_owned(),
                line: Some(no),
                message_id: None,
            },
            raw: line.to_owned(),
        });
        self.out.entries.len() - 1
    }

    /// Reads a line that states an incident time (`First detected: 2023-09-18 13:42`,
    /// `**Duration:** 21:45 to 23:28 UTC`); true if the line was one.
    pub(super) fn label(&mut self, no: u64, content: &str) -> bool {
        let Some((label, value)) = split_label(content) else {
            return false;
        };
        let context = self.context_day();
        let Label::Time(which) = label else {
            // A duration counts only as a range of two instants; "5 hours" states neither.
            let Some((from, to)) = duration_range(value) else {
                return false;
            };
            let from_at = self.place(no, &from, context, None);
            let from_day = match &from_at {
                Placed::At { day, .. } => Some(*day),
                _ => None,
            };
            let to_at = self.place(no, &to, from_day.or(context), None);
            match (from_at, to_at) {
                (Placed::At { at: a, .. }, Placed::At { at: b, .. }) => {
                    self.state(STARTED, a, no);
                    self.state(RESOLVED, b, no);
                }
                _ => self.unplaced(no, content),
            }
            return true;
        };
        match when::stamp(value) {
            Some(st) if st.time.is_some() => match self.place(no, &st, context, None) {
                Placed::At { at, .. } => self.state(which, at, no),
                _ => self.unplaced(no, content),
            },
            _ if value.starts_with(|c: char| c.is_ascii_digit()) => self.warn(
                no,
                format_args!("could not read the {} time: {content}", TIME_NAMES[which]),
            ),
            _ => return false,
        }
        true
    }

    /// Records an incident time. The first statement wins (the front matter's, then the
    /// body's in file order); a different later one is reported, not silently dropped.
    pub(super) fn state(&mut self, which: usize, at: OffsetDateTime, no: u64) {
        match self.out.times[which] {
            None => self.out.times[which] = Some(Stated { at, line: no }),
            Some(kept) if kept.at != at => {
                let name = TIME_NAMES[which];
                self.warn(
                    no,
                    format_args!(
                        "another {name} time, {}; kept {} from line {}",
                        show_utc(at),
                        show_utc(kept.at),
                        kept.line
                    ),
                );
            }
            Some(_) => {}
        }
    }
}

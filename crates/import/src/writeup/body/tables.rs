//! Pipe tables in a write-up's body: a table's header (which column holds times, authors, a
//! zone), its rows as entries, and what it leaves untimed.

use super::*;

pub(super) struct Table {
    pub(super) headers: Vec<String>,
    /// A zone named in the first column's header (`Date and Time in CET`, `Time (UTC)`).
    pub(super) zone: Option<Zone>,
    pub(super) author_col: Option<usize>,
    pub(super) has_times: bool,
    pub(super) untimed: Vec<(u64, String)>,
    pub(super) carry: Option<Date>,
    pub(super) timeline: bool,
}

impl Scanner<'_> {
    pub(super) fn start_table(&mut self, header: &str) {
        self.end_lists();
        self.para_target = None;
        self.end_summary();
        let headers: Vec<String> = cells(header)
            .into_iter()
            .map(|h| strip_emphasis(&h).to_owned())
            .collect();
        let zone = headers.first().and_then(|h| when::zone_in(h));
        let author_col = headers.iter().position(|h| {
            matches!(
                h.to_lowercase().as_str(),
                "who" | "owner" | "person" | "author" | "by"
            )
        });
        self.table = Some(Table {
            headers,
            zone,
            author_col,
            has_times: false,
            untimed: Vec::new(),
            carry: None,
            timeline: self.timeline,
        });
    }

    pub(super) fn table_row(&mut self, no: u64, line: &str) {
        let Some(mut table) = self.table.take() else {
            return;
        };
        let row = cells(line);
        if row.iter().all(|c| c.is_empty()) {
            self.table = Some(table);
            return;
        }
        let first = row.first().map_or("", |c| strip_emphasis(c));
        let stamp = when::stamp(first).filter(|s| s.len == first.len());
        let mut placed = false;
        if let Some(stamp) = stamp {
            let context = table.carry.or(self.context_day());
            match self.place(no, &stamp, context, table.zone.as_ref()) {
                Placed::At { at, zone, day } => {
                    let text = row_text(&table.headers, &row, table.author_col);
                    let author = table
                        .author_col
                        .and_then(|i| row.get(i))
                        .filter(|a| !a.is_empty())
                        .cloned();
                    let t = Timed {
                        stamp,
                        time_text: first.to_owned(),
                        text,
                    };
                    self.push_entry(no, line, &t, at, zone, day, author);
                    table.has_times = true;
                    table.carry = Some(day);
                    placed = true;
                }
                Placed::DayOnly(day) => table.carry = Some(day),
                Placed::Nothing if stamp.time.is_some() => {
                    table.has_times = true;
                    self.unplaced(no, line.trim());
                    placed = true;
                }
                Placed::Nothing => {}
            }
        }
        if !placed {
            table.untimed.push((no, line.trim().to_owned()));
        }
        self.table = Some(table);
    }

    pub(super) fn end_table(&mut self) {
        if let Some(t) = self.table.take()
            && (t.has_times || t.timeline)
        {
            for (no, text) in t.untimed {
                self.unplaced(no, &text);
            }
        }
    }
}

//! The Markdown write-up reader against real postmortems (tests/data/writeups, each folder
//! with its LICENSE and SOURCE.txt) and against hand-written bad input.
//!
//! Expected figures were counted from the files with grep and python3, not with this reader.

use std::path::{Path, PathBuf};

use lore_core::EntryKind;
use lore_import::IncidentRecord;
use lore_import::writeup::{self, MAX_WRITEUP_BYTES, WriteupOptions};
use proptest::prelude::*;
use time::macros::{date, datetime, offset};

const TEAMS: [&str; 3] = ["dfds", "moj-cloud-platform", "posthog"];

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/writeups")
}

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(data().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The file's line `n` (1-based), trimmed, as the reader quotes it in warnings.
fn line_of(rel: &str, n: usize) -> String {
    let text = String::from_utf8(bytes(rel)).unwrap();
    text.lines().nth(n - 1).unwrap().trim().to_owned()
}

fn read_with(rel: &str, opts: WriteupOptions) -> IncidentRecord {
    writeup::read_bytes(&bytes(rel), rel, &opts).unwrap_or_else(|e| panic!("{e}"))
}

fn read(rel: &str) -> IncidentRecord {
    read_with(rel, WriteupOptions::default())
}

fn warnings(r: &IncidentRecord) -> Vec<&str> {
    r.timeline.warnings.iter().map(String::as_str).collect()
}

/// Every write-up of a team's folder: all files but the licence and the source note.
fn team_files(team: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![data().join(team)];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if !matches!(
                path.file_name().and_then(|n| n.to_str()),
                Some("LICENSE" | "SOURCE.txt")
            ) {
                out.push(
                    path.strip_prefix(data())
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

#[test]
fn dfds_table_timeline_in_utc() {
    let rel = "dfds/PM2023-001 - Total node failure.md";
    let r = read(rel);
    assert_eq!(r.incident.title, "Total node failure");
    // No date in the front matter or file name: the slug takes the timeline's first day.
    assert_eq!(r.incident.slug.as_str(), "2023-02-13-total-node-failure");
    assert!(r.incident.summary.starts_with(
        "Due to Kubernetes logs not being shipped to CloudWatch, an unscheduled node rollover"
    ));
    assert_eq!(r.incident.times, Default::default(), "nothing inferred");
    assert!(
        r.narrative
            .as_deref()
            .unwrap()
            .starts_with("# Total node failure\n\n## Summary")
    );
    let e = &r.timeline.entries;
    assert_eq!(e.len(), 16);
    assert_eq!(e[0].occurred_at, datetime!(2023-02-13 07:30 UTC));
    assert_eq!(e[0].provenance.line, Some(13));
    assert_eq!(e[15].occurred_at, datetime!(2023-02-14 11:59 UTC));
    assert_eq!(e[15].provenance.line, Some(28));
    // Rows stay in the order written, even where the write-up has 11:08 before 11:07.
    let x = e.iter().find(|x| x.provenance.line == Some(26)).unwrap();
    assert_eq!(x.occurred_at, datetime!(2023-02-14 11:08 UTC));
    assert_eq!(x.time_text, "2023-02-14 11:08");
    assert_eq!(x.time_zone.as_deref(), Some("UTC"));
    assert_eq!(x.text, "Follow-up mail indicating service restored");
    assert_eq!(x.kind, EntryKind::Note);
    assert_eq!(x.author_handle, None);
    assert_eq!(x.provenance.path, rel);
    assert_eq!(x.provenance.message_id, None);
    assert!(
        x.raw
            .starts_with("| 2023-02-14 11:08 | Follow-up mail indicating service restored ")
    );
    assert!(x.raw.ends_with('|'));
    assert_eq!(e[14].occurred_at, datetime!(2023-02-14 11:07 UTC));
    assert!(warnings(&r).is_empty(), "{:?}", warnings(&r));
}

#[test]
fn dfds_zone_from_the_table_header_and_an_unplaced_row() {
    let rel = "dfds/PM2019-009 - Kubernetes network infrastructure IP starvation.md";
    let r = read(rel);
    let e = &r.timeline.entries;
    assert_eq!(e.len(), 13);
    // "| Date and Time in CET |": 12:00 CET is 11:00 UTC.
    assert_eq!(e[0].occurred_at, datetime!(2019-11-29 11:00 UTC));
    assert_eq!(e[0].time_text, "2019-11-29 12:00");
    assert_eq!(e[0].time_zone.as_deref(), Some("CET"));
    assert_eq!(e[12].occurred_at, datetime!(2019-12-05 11:00 UTC));
    assert_eq!(
        warnings(&r),
        [format!("{rel}:34: could not place: {}", line_of(rel, 34))]
    );
    assert!(warnings(&r)[0].contains("| 2019-12-03 --:--     | Surge new deployments"));
}

#[test]
fn dfds_cet_in_summer_is_read_as_written_and_said() {
    let rel = "dfds/PM2020-005 - ALB instance attachment.md";
    let r = read(rel);
    assert_eq!(r.timeline.entries.len(), 6);
    assert_eq!(
        r.timeline.entries[0].occurred_at,
        datetime!(2020-06-09 10:00 UTC)
    );
    assert_eq!(
        warnings(&r),
        [format!(
            "{rel}:15: CET (UTC+01:00) is given for a summer date, when Central Europe keeps CEST (UTC+02:00); read as written"
        )]
    );
}

#[test]
fn dfds_placeholders_and_date_only_rows_are_reported() {
    let rel = "dfds/PM2022-006 - ALB 502 errors.md";
    let r = read(rel);
    assert_eq!(r.timeline.entries.len(), 1);
    let only = &r.timeline.entries[0];
    assert_eq!(only.provenance.line, Some(21));
    assert_eq!(only.occurred_at, datetime!(2022-06-07 08:30 UTC));
    let expected: Vec<String> = [13, 14, 15, 16, 17, 18, 19, 20, 22]
        .iter()
        .map(|&n| format!("{rel}:{n}: could not place: {}", line_of(rel, n)))
        .collect();
    assert_eq!(warnings(&r), expected);

    let rel = "dfds/PM2021-011 - Log4Shell.md";
    let r = read(rel);
    assert_eq!(r.timeline.entries.len(), 23);
    let spaced = &r.timeline.entries[0];
    assert_eq!(spaced.time_text, "2021-12-10   15:40");
    assert_eq!(spaced.occurred_at, datetime!(2021-12-10 15:40 UTC));
    let expected: Vec<String> = [15, 37, 38]
        .iter()
        .map(|&n| format!("{rel}:{n}: could not place: {}", line_of(rel, n)))
        .collect();
    assert_eq!(warnings(&r), expected);
}

#[test]
fn dfds_ranges_and_approximate_times_keep_their_text() {
    let r = read("dfds/PM2020-007 - Unhealthy nodes.md");
    let range = r
        .timeline
        .entries
        .iter()
        .find(|e| e.provenance.line == Some(17))
        .unwrap();
    assert_eq!(range.time_text, "2020-10-06 09:00 - 11:00");
    assert_eq!(range.occurred_at, datetime!(2020-10-06 08:00 UTC));
    let r = read("dfds/PM2020-009 - KIAM service disruption due to upgrade.md");
    assert_eq!(r.timeline.entries[0].time_text, "2020-11-17 10:45~");
    assert_eq!(
        r.timeline.entries[0].occurred_at,
        datetime!(2020-11-17 09:45 UTC)
    );
}

#[test]
fn moj_front_matter_key_events_and_bullets() {
    let rel = "moj-cloud-platform/incidents/2023-09-18-lack-of-diskspace.html.md.erb";
    let r = read(rel);
    assert_eq!(
        r.incident.title,
        "Incident on 2023-09-18 - Lack of Disk space on nodes"
    );
    assert_eq!(
        r.incident.slug.as_str(),
        "incident-on-2023-09-18-lack-of-disk-space-on-nodes"
    );
    // Key events: "First detected: 2023-09-18 13:42", "Resolved 2023-09-20 19:18"; no
    // start is stated, and none is inferred.
    assert_eq!(r.incident.times.started_at, None);
    assert_eq!(
        r.incident.times.detected_at,
        Some(datetime!(2023-09-18 13:42 UTC))
    );
    assert_eq!(
        r.incident.times.resolved_at,
        Some(datetime!(2023-09-20 19:18 UTC))
    );
    assert!(
        r.narrative
            .as_deref()
            .unwrap()
            .starts_with("\n# Incident on 2023-09-18")
    );
    let e = &r.timeline.entries;
    assert_eq!(e.len(), 14);
    assert_eq!(e[0].occurred_at, datetime!(2023-09-18 13:42 UTC));
    assert_eq!(e[0].provenance.line, Some(23));
    assert_eq!(e[13].occurred_at, datetime!(2023-09-20 19:18 UTC));
    assert_eq!(e[13].provenance.line, Some(36));
    let dotted = &e[4];
    assert_eq!(dotted.provenance.line, Some(27));
    assert_eq!(dotted.time_text, "2023-09-18 15.26");
    assert_eq!(dotted.occurred_at, datetime!(2023-09-18 15:26 UTC));
    assert_eq!(dotted.raw, format!("  {}", line_of(rel, 27)));
    assert!(
        dotted
            .text
            .starts_with("Compared the disk size allocated in old node")
    );
    assert_eq!(
        warnings(&r),
        [
            format!("{rel}:1: front matter fields not imported: weight"),
            format!("{rel}:9: no time zone given; times without one are read as UTC"),
        ]
    );

    // The team writes London time: in September that is UTC+01:00.
    let r = read_with(
        rel,
        WriteupOptions {
            tz: Some(offset!(+1).into()),
            default_date: None,
        },
    );
    assert_eq!(
        r.timeline.entries[0].occurred_at,
        datetime!(2023-09-18 12:42 UTC)
    );
    assert_eq!(
        r.timeline.entries[0].time_zone.as_deref(),
        Some("+01:00:00")
    );
    assert_eq!(
        r.incident.times.detected_at,
        Some(datetime!(2023-09-18 12:42 UTC))
    );
    assert_eq!(
        warnings(&r),
        [format!("{rel}:1: front matter fields not imported: weight")]
    );
}

#[test]
fn moj_paragraph_timeline_with_a_slashed_date_line() {
    let rel =
        "moj-cloud-platform/incidents/2025-07-23-multiple-secrets-leaked-to-public.html.md.erb";
    let r = read(rel);
    let e = &r.timeline.entries;
    assert_eq!(e.len(), 20);
    assert_eq!(e[0].provenance.line, Some(24));
    assert_eq!(e[0].time_text, "15:35");
    assert_eq!(e[0].text, "Plan pushed to git branch");
    // The day comes from the heading "# Incident on 2025-07-23 - ...".
    assert_eq!(e[0].occurred_at, datetime!(2025-07-23 15:35 UTC));
    // "24/07/25" on line 76 reads one way only near 2025-07-23: the next day.
    let last = &e[19];
    assert_eq!(last.provenance.line, Some(78));
    assert_eq!(last.occurred_at, datetime!(2025-07-24 12:34 UTC));
    assert_eq!(
        last.text,
        "PR, plan file and commit removed from Github site entirely via Support ticket"
    );
    assert_eq!(
        r.incident.times.detected_at,
        Some(datetime!(2025-07-23 15:35 UTC))
    );
    assert_eq!(
        r.incident.times.resolved_at,
        Some(datetime!(2025-07-24 12:34 UTC))
    );
}

#[test]
fn moj_untimed_item_in_a_timed_list_is_reported() {
    let rel = "moj-cloud-platform/incidents/2023-02-02-cjs-dashboard-performance.html.md.erb";
    let r = read(rel);
    assert_eq!(r.timeline.entries.len(), 12);
    assert_eq!(
        warnings(&r),
        [
            format!("{rel}:1: front matter fields not imported: weight"),
            format!("{rel}:9: no time zone given; times without one are read as UTC"),
            format!("{rel}:28: could not place: {}", line_of(rel, 28)),
        ]
    );
    assert!(warnings(&r)[2].contains("- The live cluster has 60 nodes as desired capacity."));
}

#[test]
fn moj_sub_items_under_a_timed_bullet_join_its_text() {
    let rel = "moj-cloud-platform/incidents/2025-03-18-aws-eks-upgrade-to-1-30.html.md.erb";
    let r = read(rel);
    let e = r
        .timeline
        .entries
        .iter()
        .find(|e| e.provenance.line == Some(28))
        .unwrap();
    assert_eq!(
        e.text,
        "Initial mitigation efforts began:\n- Removed the cordon annotation to allow pods to be rescheduled.\n- Deleted some stuck 1.30 version nodes to force recreation."
    );
    assert_eq!(
        e.raw,
        format!(
            "  {}\n    {}\n    {}",
            line_of(rel, 28),
            line_of(rel, 29),
            line_of(rel, 30)
        )
    );
    // "First detected 22025-03-18 09:36" is reported, not guessed at.
    assert_eq!(r.incident.times.detected_at, None);
    assert!(
        warnings(&r).contains(
            &format!(
                "{rel}:9: could not read the detection time: First detected 22025-03-18 09:36"
            )
            .as_str()
        )
    );
}

#[test]
fn posthog_bold_bullets_days_and_durations() {
    let rel = "posthog/2025-10-21-feature-flags-recurring-outages.md";
    let r = read(rel);
    assert_eq!(
        r.incident.title,
        "PostHog Feature Flags Service - Multiple Outages (October 2025)"
    );
    let e = &r.timeline.entries;
    assert_eq!(e.len(), 41);
    assert_eq!(e[0].provenance.line, Some(43));
    assert_eq!(e[0].occurred_at, datetime!(2025-10-21 21:45 UTC));
    assert_eq!(e[0].time_text, "21:45 UTC");
    assert_eq!(e[0].text, "Deploy timeout handling change");
    // Each "### October 24, 2025 - ..." heading gives its list's day.
    let oct24 = e.iter().find(|x| x.provenance.line == Some(71)).unwrap();
    assert_eq!(oct24.occurred_at, datetime!(2025-10-24 18:00 UTC));
    let past_midnight = e.iter().find(|x| x.provenance.line == Some(142)).unwrap();
    assert_eq!(past_midnight.time_text, "00:03 UTC (Oct 30)");
    assert_eq!(past_midnight.occurred_at, datetime!(2025-10-30 00:03 UTC));
    // "- **05:39 UTC**" under "(Oct 30)": the day written last in the list.
    assert_eq!(e[40].provenance.line, Some(143));
    assert_eq!(e[40].occurred_at, datetime!(2025-10-30 05:39 UTC));
    // "**Duration:** 21:45 to 23:28 UTC" under the first outage's heading; the other three
    // outages' durations are reported, not merged.
    assert_eq!(
        r.incident.times.started_at,
        Some(datetime!(2025-10-21 21:45 UTC))
    );
    assert_eq!(
        r.incident.times.resolved_at,
        Some(datetime!(2025-10-21 23:28 UTC))
    );
    assert_eq!(
        warnings(&r),
        [
            format!(
                "{rel}:57: another start time, 2025-10-24 18:00 UTC; kept 2025-10-21 21:45 UTC from line 20"
            ),
            format!(
                "{rel}:57: another resolution time, 2025-10-24 19:12 UTC; kept 2025-10-21 23:28 UTC from line 20"
            ),
            format!("{rel}:81: could not place: {}", line_of(rel, 81)),
            format!(
                "{rel}:85: another start time, 2025-10-28 19:28 UTC; kept 2025-10-21 21:45 UTC from line 20"
            ),
            format!(
                "{rel}:85: another resolution time, 2025-10-28 21:31 UTC; kept 2025-10-21 23:28 UTC from line 20"
            ),
            format!(
                "{rel}:126: another start time, 2025-10-29 22:30 UTC; kept 2025-10-21 21:45 UTC from line 20"
            ),
            format!(
                "{rel}:126: another resolution time, 2025-10-30 05:39 UTC; kept 2025-10-21 23:28 UTC from line 20"
            ),
        ]
    );
    assert!(warnings(&r)[2].contains("- **Note:** Status page was not updated"));
}

#[test]
fn posthog_table_with_month_names_takes_the_year_from_the_file_name() {
    let rel = "posthog/2026-01-17-replay-sdk-fetch-wrapper-incident.md";
    let r = read(rel);
    assert_eq!(
        r.incident.title,
        "Post-Mortem: Changes to SDK fetch() wrapper breaking client sites"
    );
    assert_eq!(
        r.incident.slug.as_str(),
        "2026-01-17-post-mortem-changes-to-sdk-fetch-wrapper-breaking-client-sites"
    );
    let e = &r.timeline.entries;
    assert_eq!(e.len(), 10);
    assert_eq!(e[0].time_text, "Jan 14, 10:18 AM");
    assert_eq!(e[0].occurred_at, datetime!(2026-01-14 10:18 UTC));
    assert_eq!(e[0].time_zone.as_deref(), Some("UTC"), "from `Time (UTC)`");
    assert_eq!(e[9].provenance.line, Some(42));
    assert_eq!(e[9].time_text, "Jan 19, 4:04 PM");
    assert_eq!(e[9].occurred_at, datetime!(2026-01-19 16:04 UTC));
    assert!(warnings(&r).is_empty(), "{:?}", warnings(&r));
}

#[test]
fn posthog_code_and_images_inside_a_timeline() {
    let rel = "posthog/2025-09-29-flags-is-down.md";
    let r = read(rel);
    assert_eq!(
        r.incident.slug.as_str(),
        "2025-09-29-posthog-feature-flags-service-outage-september-29-2025"
    );
    assert!(
        r.incident.summary.starts_with(
            "A database connection timeout reduction from 1 second to 300 milliseconds"
        )
    );
    let e = &r.timeline.entries;
    assert_eq!(e.len(), 8);
    assert_eq!(e[0].occurred_at, datetime!(2025-09-29 16:58 UTC));
    assert_eq!(e[7].occurred_at, datetime!(2025-09-29 18:46 UTC));
    assert_eq!(e[7].text, "Service fully restored");
    // The JSON log line in the code fence after 17:05 has a timestamp; it is not an entry.
    assert!(
        e.iter()
            .all(|x| !x.text.contains("Failed to create database pools"))
    );
    assert_eq!(
        warnings(&r),
        [format!(
            "{rel}:37: could not place: Full service degradation timeline"
        )]
    );
}

#[test]
fn every_real_write_up_reads() {
    // (team, files, entries placed, lines reported as not placed), counted independently:
    // dfds table rows whose first cell is a date and time / other dated rows, MoJ bullets,
    // paragraphs and table rows led by a date-time, PostHog bold-time bullets and
    // month-name table rows.
    let expected = [
        ("dfds", 41, 356, 23),
        ("moj-cloud-platform", 41, 311, 2),
        ("posthog", 9, 67, 6),
    ];
    for (team, files, entries, unplaced) in expected {
        let names = team_files(team);
        assert_eq!(names.len(), files, "{team}");
        let (mut placed, mut not_placed) = (0, 0);
        for name in &names {
            let r = writeup::read_bytes(&bytes(name), name, &WriteupOptions::default())
                .unwrap_or_else(|e| panic!("{e}"));
            placed += r.timeline.entries.len();
            not_placed += r
                .timeline
                .warnings
                .iter()
                .filter(|w| w.contains(": could not place: "))
                .count();
            for e in &r.timeline.entries {
                assert_eq!(&e.provenance.path, name);
                assert!(!e.raw.is_empty() && !e.time_text.is_empty());
            }
        }
        assert_eq!((placed, not_placed), (entries, unplaced), "{team}");
    }
    for team in TEAMS {
        assert!(data().join(team).join("LICENSE").is_file());
        assert!(data().join(team).join("SOURCE.txt").is_file());
    }
}

#[test]
fn front_matter_fields_in_yaml() {
    let text = "---\ntitle: Checkout outage\ndate: 2024-05-02\nslug: checkout-outage\nsummary: Payments failed for 40 minutes.\nsev: 2\nservices: checkout, payments\ntags: [db, \"config\"]\nstarted: 2024-05-02 09:10 UTC\ndetected_at: \"09:20\"\nresolved: 2024-05-02T09:50:00+01:00\nrestricted: true\nowner: ana\nname: Other title\n---\n\n# Heading title\n\n| Time | Event | Who | Notes |\n|---|---|---|---|\n| 09:12 | Deploy starts | ana | v2 |\n| 09:20 | Alert fires | | |\n";
    let r = writeup::read(text, "pm.md", &WriteupOptions::default()).unwrap();
    let i = &r.incident;
    assert_eq!(i.title, "Checkout outage");
    assert_eq!(i.slug.as_str(), "checkout-outage");
    assert_eq!(i.summary, "Payments failed for 40 minutes.");
    assert_eq!(i.severity.as_deref(), Some("2"));
    assert_eq!(i.services, ["checkout", "payments"]);
    assert_eq!(i.tags, ["db", "config"]);
    assert!(i.restricted);
    assert_eq!(i.times.started_at, Some(datetime!(2024-05-02 09:10 UTC)));
    assert_eq!(i.times.detected_at, Some(datetime!(2024-05-02 09:20 UTC)));
    assert_eq!(i.times.resolved_at, Some(datetime!(2024-05-02 08:50 UTC)));
    assert_eq!(
        r.narrative.as_deref(),
        Some(&text[text.find("\n# Heading").unwrap()..])
    );
    let e = &r.timeline.entries;
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].occurred_at, datetime!(2024-05-02 09:12 UTC));
    assert_eq!(e[0].author_handle.as_deref(), Some("ana"));
    assert_eq!(e[0].text, "Deploy starts; Who: ana; Notes: v2");
    assert_eq!(e[0].provenance.line, Some(21));
    assert_eq!(e[1].author_handle, None);
    assert_eq!(e[1].text, "Alert fires");
    assert_eq!(
        warnings(&r),
        [
            "pm.md:1: front matter fields not imported: owner, name",
            "pm.md:10: no time zone given; times without one are read as UTC",
        ]
    );
}

#[test]
fn front_matter_fields_in_toml_and_fallbacks() {
    let text = "+++\ntitle = \"Queue backlog\"\ndate = 2023-03-12\nslug = \"Not A Slug\"\ncomponents = [\"queue\"]\nimpact = \"minor\"\ndetected = 2023-03-12T10:00:00Z\n+++\n## 12 March\n\n- 10:05 paged\n- 25:00 not a time\n";
    let opts = WriteupOptions {
        tz: Some(offset!(-5).into()),
        default_date: Some(date!(2020 - 01 - 01)),
    };
    let r = writeup::read(text, "notes/q.md", &opts).unwrap();
    assert_eq!(r.incident.title, "Queue backlog");
    assert_eq!(r.incident.slug.as_str(), "2023-03-12-queue-backlog");
    assert_eq!(r.incident.services, ["queue"]);
    assert_eq!(r.incident.severity.as_deref(), Some("minor"));
    assert_eq!(
        r.incident.times.detected_at,
        Some(datetime!(2023-03-12 10:00 UTC))
    );
    let e = &r.timeline.entries;
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].occurred_at, datetime!(2023-03-12 15:05 UTC));
    assert_eq!(e[0].time_zone.as_deref(), Some("-05:00:00"));
    assert_eq!(
        warnings(&r),
        [
            "notes/q.md:4: front matter slug not used: slug \"Not A Slug\" may only contain lowercase letters, digits and single hyphens, and may not start or end with a hyphen; made one from the title",
            "notes/q.md:12: could not place: - 25:00 not a time",
        ]
    );

    // No front matter: the first `# ` heading is the title; without one, the file name.
    let r = writeup::read(
        "Some notes.\n\n- 09:14 paged\n",
        "x/2021-04-05-db.md",
        &WriteupOptions::default(),
    )
    .unwrap();
    assert_eq!(r.incident.title, "2021-04-05-db");
    assert_eq!(r.incident.slug.as_str(), "2021-04-05-db");
    assert_eq!(
        r.timeline.entries[0].occurred_at,
        datetime!(2021-04-05 09:14 UTC)
    );
    let r = writeup::read(
        "# DB down\n\n- 09:14 paged\n",
        "db.md",
        &WriteupOptions::default(),
    )
    .unwrap();
    assert_eq!(r.incident.title, "DB down");
    assert_eq!(r.incident.slug.as_str(), "db-down");
    assert!(r.timeline.entries.is_empty());
    assert_eq!(warnings(&r), ["db.md:3: could not place: - 09:14 paged"]);
    let opts = WriteupOptions {
        tz: None,
        default_date: Some(date!(2022 - 02 - 02)),
    };
    let r = writeup::read("# DB down\n\n- 09:14 paged\n", "db.md", &opts).unwrap();
    assert_eq!(r.incident.slug.as_str(), "2022-02-02-db-down");
    assert_eq!(
        r.timeline.entries[0].occurred_at,
        datetime!(2022-02-02 09:14 UTC)
    );
}

fn err(text: &str) -> String {
    writeup::read(text, "pm.md", &WriteupOptions::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn bad_front_matter_is_an_error_naming_the_line() {
    assert_eq!(
        err("---\ntitle: Disk full\ndate: 2023-09-18\ntags: [a, b\n---\nbody\n"),
        "pm.md:5: invalid YAML front matter: did not find expected ',' or ']', while parsing a flow sequence at line 4 column 7"
    );
    assert_eq!(
        err("---\ntitle: ok\nsummary: Incident: disk full\n---\n"),
        "pm.md:3: invalid YAML front matter: mapping values are not allowed in this context"
    );
    assert_eq!(
        err("---\ntitle: Disk full\n\n# Disk full\n"),
        "pm.md:1: front matter opened with `---` is never closed"
    );
    assert_eq!(
        err("+++\ntitle = \"x\"\n"),
        "pm.md:1: front matter opened with `+++` is never closed"
    );
    assert_eq!(
        err("+++\ntitle = \"x\"\ndate = \n+++\n"),
        "pm.md:3: invalid TOML front matter: string values must be quoted, expected literal string"
    );
    assert_eq!(
        err("---\n- a\n- b\n---\n"),
        "pm.md:2: front matter must be `key: value` fields"
    );
    assert_eq!(
        err("---\ntitle: x\nrestricted: maybe\n---\n"),
        "pm.md:3: front matter field `restricted`: expected true or false, found \"maybe\""
    );
    assert_eq!(
        err("---\ntitle: x\nstarted: yesterday\n---\n"),
        "pm.md:3: front matter field `started`: \"yesterday\" is not a date and time like 2023-09-18 13:42 UTC"
    );
    assert_eq!(
        err("---\ndate: 12/03/2021\n---\n"),
        "pm.md:2: front matter field `date`: \"12/03/2021\" is not a date like 2023-09-18"
    );
    assert_eq!(
        err("---\ntags: {a: 1}\n---\n"),
        "pm.md:2: front matter field `tags`: expected text or a list, found a table"
    );
}

#[test]
fn bad_bytes_and_size_are_errors() {
    let opts = WriteupOptions::default();
    assert_eq!(
        writeup::read_bytes(b"# T\n\n- 09:14 ok \xff\xfe\n", "pm.md", &opts)
            .unwrap_err()
            .to_string(),
        "pm.md:3: not UTF-8 (byte 12 of the line)"
    );
    let big = vec![b'a'; MAX_WRITEUP_BYTES + 1];
    assert_eq!(
        writeup::read_bytes(&big, "big.md", &opts)
            .unwrap_err()
            .to_string(),
        "big.md: 16777217 bytes is more than a write-up may be (16777216 bytes)"
    );
    let mut long = "# T\n".to_owned();
    long.push_str(&"x".repeat(lore_import::MAX_LINE_BYTES + 1));
    assert_eq!(
        writeup::read(&long, "long.md", &opts)
            .unwrap_err()
            .to_string(),
        format!(
            "long.md:2: line is longer than {} bytes",
            lore_import::MAX_LINE_BYTES
        )
    );
    // A byte-order mark and CRLF line ends are not part of any line.
    let r = writeup::read_bytes(
        b"\xEF\xBB\xBF---\r\ntitle: T\r\n---\r\n- 2024-01-02 03:04 x\r\n",
        "w.md",
        &opts,
    )
    .unwrap();
    assert_eq!(r.incident.title, "T");
    assert_eq!(r.timeline.entries[0].raw, "- 2024-01-02 03:04 x");
    assert_eq!(r.timeline.entries[0].provenance.line, Some(4));
}

/// Real write-ups, one per team and shape, for mangling.
const SEEDS: [&str; 4] = [
    "dfds/PM2023-001 - Total node failure.md",
    "moj-cloud-platform/incidents/2025-07-23-multiple-secrets-leaked-to-public.html.md.erb",
    "moj-cloud-platform/incidents/2023-09-18-lack-of-diskspace.html.md.erb",
    "posthog/2025-10-21-feature-flags-recurring-outages.md",
];

/// Markdown's own punctuation, where structure breaks in interesting ways.
const PUNCTUATION: &[u8] = b"|-*#:`~\n 0123456789+_>";

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = writeup::read_bytes(&bytes, "fuzz.md", &WriteupOptions::default());
    }

    #[test]
    fn never_panics_on_mangled_real_files(
        seed in 0..SEEDS.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..40),
        cut in any::<prop::sample::Index>(),
        tz in proptest::option::of(-12i8..=14),
    ) {
        let mut bytes = bytes(SEEDS[seed]);
        for (at, byte, how) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                2 => bytes.insert(i, byte),
                _ => bytes.insert(i, PUNCTUATION[usize::from(byte) % PUNCTUATION.len()]),
            }
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        let opts = WriteupOptions {
            tz: tz.map(|h| time::UtcOffset::from_hms(h, 0, 0).unwrap().into()),
            default_date: Some(date!(2024 - 02 - 29)),
        };
        if let Ok(r) = writeup::read_bytes(&bytes, "mangled.md", &opts) {
            for e in &r.timeline.entries {
                prop_assert_eq!(e.occurred_at.offset(), time::UtcOffset::UTC);
            }
        }
    }
}

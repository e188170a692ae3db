//! The timeline diagram: one swimlane per source or per person, a dot per entry linking to it,
//! long silences compressed into a labelled break so that hours of quiet do not squeeze the
//! minutes that mattered. A pure function from data to an SVG document.
//!
//! Safety: text from sources (names, messages) only ever goes into text nodes, which the svg
//! crate escapes. Attribute values are numbers, colours and `#entry-N` links made here: the svg
//! crate does not escape quotes in attributes, so nothing people wrote may go into one.

use crate::SafeHtml;
use svg::Document;
use svg::node::element::{Anchor, Circle, Description, Group, Line, Rectangle, Text, Title};
use time::{Duration, OffsetDateTime};

/// A horizontal lane: a source or a person.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lane {
    pub label: String,
}

/// One entry on the diagram.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DiagramEntry {
    /// Index into `TimelineDiagram::lanes`.
    pub lane: usize,
    pub at: OffsetDateTime,
    /// The entry's kind (`chat`, `deploy`, ...): its colour.
    pub kind: String,
    /// The entry's id, for its `#entry-N` link.
    pub entry_id: i64,
    /// Shown on hover: who and what, shortened by the caller or here.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimelineDiagram {
    /// Prefix of the ids inside the SVG (`{id}-title`), unique on the page it goes into.
    pub id: String,
    pub title: String,
    pub lanes: Vec<Lane>,
    pub entries: Vec<DiagramEntry>,
    /// Moments analysts marked, drawn above the lanes by theme.
    pub moments: Vec<DiagramMoment>,
    /// Lanes too full for a dot per entry, as counts per stretch of time.
    pub density: Vec<DensityBar>,
    /// Where a dot links: `None` for `#entry-N` on the same page; else a path that the entry's
    /// number completes (`/incidents/slug/entries/`), for a page that shows only a window of
    /// the entries. Made by the caller from a slug, never from text people wrote.
    pub entry_href: Option<String>,
}

/// A stretch of one lane with more entries than dots can show: how many, linked to the
/// window of the timeline that holds them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DensityBar {
    /// Index into `TimelineDiagram::lanes`.
    pub lane: usize,
    pub from: OffsetDateTime,
    pub to: OffsetDateTime,
    pub count: u64,
    /// The window at `from`: a URL the caller made from a slug and a query string it
    /// percent-encoded (no quotes: the svg crate does not escape attributes).
    pub href: String,
}

/// A marked moment on the diagram.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DiagramMoment {
    pub at: OffsetDateTime,
    /// `surprise`, `difficulty`, `misunderstanding`, `dilemma`, `paradox`, `mystery` or
    /// `custom`: its colour.
    pub theme: String,
    /// Shown on hover: the theme's name (or own tag) and the note.
    pub label: String,
    /// The annotation's id, for its `#moment-N` link.
    pub moment_id: i64,
}

fn theme_colour(theme: &str) -> &'static str {
    match theme {
        "surprise" => "#c2410c",
        "difficulty" => "#7c2d12",
        "misunderstanding" => "#6d28d9",
        "dilemma" => "#0369a1",
        "paradox" => "#be185d",
        "mystery" => "#4338ca",
        _ => "#374151",
    }
}

/// Room above the lanes for moment markers, when there are any.
const MOMENT_STRIP: f64 = 18.0;

const WIDTH: f64 = 960.0;
const GUTTER: f64 = 190.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 44.0;
const LANE_HEIGHT: f64 = 30.0;
/// Room under the lanes for two staggered rows of break labels.
const BOTTOM: f64 = 46.0;
/// Width of a compressed silence.
const BREAK_WIDTH: f64 = 36.0;
/// Silences at least this long are compressed.
const BREAK_AFTER: Duration = Duration::minutes(30);
const SUMMARY_CHARS: usize = 140;

fn kind_colour(kind: &str) -> &'static str {
    match kind {
        "deploy" => "#6b3fa0",
        "alert" => "#b42318",
        "status" => "#0b7a3e",
        "ticket" => "#8a5a00",
        "transcript" => "#0b4f9c",
        "note" => "#4d535c",
        _ => "#1d1f23",
    }
}

/// A stretch of time drawn to scale, between compressed silences.
struct Segment {
    from: OffsetDateTime,
    to: OffsetDateTime,
    x0: f64,
    x1: f64,
}

/// Maps instants to x, with silences of `BREAK_AFTER` or more drawn as fixed-width breaks.
struct Scale {
    segments: Vec<Segment>,
    /// (x where the break starts, how long the silence was)
    breaks: Vec<(f64, Duration)>,
}

impl Scale {
    fn new(times: &[OffsetDateTime]) -> Scale {
        let mut sorted = times.to_vec();
        sorted.sort();
        let mut spans: Vec<(OffsetDateTime, OffsetDateTime)> = Vec::new();
        for t in sorted {
            match spans.last_mut() {
                Some((_, end)) if t - *end < BREAK_AFTER => *end = t,
                _ => spans.push((t, t)),
            }
        }
        let drawn: f64 = spans.iter().map(|(a, b)| (*b - *a).as_seconds_f64()).sum();
        let breaks = spans.len().saturating_sub(1) as f64;
        let usable = WIDTH - GUTTER - RIGHT - breaks * BREAK_WIDTH;
        // A span of one instant still gets a little room.
        let min_width = 12.0_f64.min(usable / spans.len().max(1) as f64);
        let free = (usable - min_width * spans.len() as f64).max(0.0);
        let mut x = GUTTER;
        let mut segments = Vec::new();
        let mut gaps = Vec::new();
        for (i, (a, b)) in spans.iter().enumerate() {
            if i > 0 {
                let silence = *a - spans[i - 1].1;
                gaps.push((x, silence));
                x += BREAK_WIDTH;
            }
            let share = if drawn > 0.0 {
                (*b - *a).as_seconds_f64() / drawn
            } else {
                1.0 / spans.len() as f64
            };
            let w = min_width + free * share;
            segments.push(Segment {
                from: *a,
                to: *b,
                x0: x,
                x1: x + w,
            });
            x += w;
        }
        Scale {
            segments,
            breaks: gaps,
        }
    }

    fn x(&self, t: OffsetDateTime) -> f64 {
        for s in &self.segments {
            if t <= s.to {
                let span = (s.to - s.from).as_seconds_f64();
                let mid = (s.x0 + s.x1) / 2.0;
                if span <= 0.0 {
                    return mid;
                }
                let pad = (s.x1 - s.x0) * 0.04;
                let frac = ((t - s.from).as_seconds_f64() / span).clamp(0.0, 1.0);
                return s.x0 + pad + frac * (s.x1 - s.x0 - 2.0 * pad);
            }
        }
        self.segments.last().map_or(GUTTER, |s| s.x1)
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn hhmm(t: OffsetDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn duration_label(d: Duration) -> String {
    let m = d.whole_minutes();
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) if h < 48 => format!("{h} h"),
        (h, m) if h < 48 => format!("{h} h {m} min"),
        (h, _) => format!("{} d", h / 24),
    }
}

fn shorten(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= SUMMARY_CHARS {
        one_line
    } else {
        let cut: String = one_line.chars().take(SUMMARY_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// The diagram as a standalone SVG document (UTC times on the axis). Every text from sources
/// goes into text nodes, which the svg crate escapes, so the document is safe to inline.
pub fn timeline_svg(d: &TimelineDiagram) -> SafeHtml {
    SafeHtml::new(svg_document(d))
}

fn svg_document(d: &TimelineDiagram) -> String {
    let top = if d.moments.is_empty() {
        TOP
    } else {
        TOP + MOMENT_STRIP
    };
    let height = top + LANE_HEIGHT * d.lanes.len().max(1) as f64 + BOTTOM;
    let mut times: Vec<OffsetDateTime> = d.entries.iter().map(|e| e.at).collect();
    times.extend(d.density.iter().flat_map(|b| [b.from, b.to]));
    let counted: u64 = d.density.iter().map(|b| b.count).sum();
    let description = format!(
        "{} entries in {} lanes: {}.",
        d.entries.len() as u64 + counted,
        d.lanes.len(),
        d.lanes
            .iter()
            .map(|l| l.label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut doc = Document::new()
        .set("viewBox", (0, 0, WIDTH as i64, height as i64))
        .set("width", WIDTH as i64)
        .set("height", height as i64)
        // `group`, not `img`: an image's children are presentational, and the dots are links.
        .set("role", "group")
        .set(
            "aria-labelledby",
            format!("{id}-title {id}-desc", id = d.id),
        )
        .set("font-family", "system-ui, sans-serif")
        .set("font-size", 12)
        .add(Title::new(d.title.as_str()).set("id", format!("{}-title", d.id)))
        .add(
            Description::new()
                .set("id", format!("{}-desc", d.id))
                .add(svg::node::Text::new(description)),
        )
        .add(
            Rectangle::new()
                .set("width", "100%")
                .set("height", "100%")
                .set("fill", "#ffffff"),
        );

    if times.is_empty() {
        return doc
            .add(
                Text::new("No entries yet.")
                    .set("x", GUTTER)
                    .set("y", TOP + 18.0),
            )
            .to_string();
    }
    let scale = Scale::new(&times);

    // Lanes, with their labels in the gutter.
    for (i, lane) in d.lanes.iter().enumerate() {
        let y = top + LANE_HEIGHT * i as f64;
        let mut g = Group::new();
        if i % 2 == 0 {
            g = g.add(
                Rectangle::new()
                    .set("x", GUTTER)
                    .set("y", y)
                    .set("width", WIDTH - GUTTER - RIGHT)
                    .set("height", LANE_HEIGHT)
                    .set("fill", "#f5f6f8"),
            );
        }
        let label = shorten(&lane.label);
        let label: String = if label.chars().count() > 26 {
            format!("{}…", label.chars().take(25).collect::<String>())
        } else {
            label
        };
        g = g.add(
            Text::new(label)
                .set("x", GUTTER - 8.0)
                .set("y", round(y + LANE_HEIGHT / 2.0 + 4.0))
                .set("text-anchor", "end")
                .set("fill", "#1d1f23"),
        );
        doc = doc.add(g);
    }

    // Axis: each stretch's start and end time; breaks drawn as a zigzag with their length.
    let axis_y = TOP - 8.0;
    let mut axis = Group::new().set("fill", "#4d535c");
    for s in &scale.segments {
        axis = axis.add(
            Text::new(hhmm(s.from))
                .set("x", round(s.x0))
                .set("y", axis_y)
                .set("text-anchor", "start"),
        );
        if s.to - s.from >= Duration::minutes(20) {
            axis = axis.add(
                Text::new(hhmm(s.to))
                    .set("x", round(s.x1))
                    .set("y", axis_y)
                    .set("text-anchor", "end"),
            );
        }
    }
    for (i, (x, silence)) in scale.breaks.iter().enumerate() {
        let mid = round(x + BREAK_WIDTH / 2.0);
        // Neighbouring breaks can be a few pixels apart: their labels take turns in two rows.
        let row = if i % 2 == 0 { 18.0 } else { 34.0 };
        let bottom = top + LANE_HEIGHT * d.lanes.len() as f64;
        axis = axis
            .add(
                Line::new()
                    .set("x1", mid)
                    .set("y1", top)
                    .set("x2", mid)
                    .set("y2", bottom)
                    .set("stroke", "#9aa0a8")
                    .set("stroke-dasharray", "3 3"),
            )
            .add(
                Text::new(format!("{} later", duration_label(*silence)))
                    .set("x", mid)
                    .set("y", round(bottom + row))
                    .set("text-anchor", "middle")
                    .set("font-size", 11),
            );
    }
    let first = times.iter().min().copied();
    if let Some(first) = first {
        axis = axis.add(
            Text::new(format!("{} UTC", first.date()))
                .set("x", 8)
                .set("y", axis_y)
                .set("font-weight", "bold"),
        );
    }
    doc = doc.add(axis);

    // Entries: a dot each, linked to the entry on the page, its summary on hover.
    let mut dots = Group::new();
    for e in &d.entries {
        let lane = e.lane.min(d.lanes.len().saturating_sub(1));
        let cy = round(top + LANE_HEIGHT * lane as f64 + LANE_HEIGHT / 2.0);
        let dot = Circle::new()
            .set("cx", round(scale.x(e.at)))
            .set("cy", cy)
            .set("r", 4.5)
            .set("fill", kind_colour(&e.kind))
            .set("fill-opacity", 0.8);
        // The link's own title is its accessible name and its tooltip.
        let href = match &d.entry_href {
            Some(base) => format!("{base}{}", e.entry_id),
            None => format!("#entry-{}", e.entry_id),
        };
        dots = dots.add(
            Anchor::new()
                .set("href", href)
                .add(Title::new(format!(
                    "{} UTC · {}",
                    hhmm(e.at),
                    shorten(&e.summary)
                )))
                .add(dot),
        );
    }
    doc = doc.add(dots);

    // Density: a bar per stretch of a full lane, as tall as its share of the busiest stretch,
    // linked to the window of the timeline at its start.
    let busiest = d.density.iter().map(|b| b.count).max().unwrap_or(1).max(1);
    let mut bars = Group::new();
    for b in &d.density {
        let lane = b.lane.min(d.lanes.len().saturating_sub(1));
        let (x0, x1) = (scale.x(b.from), scale.x(b.to));
        let full = LANE_HEIGHT - 6.0;
        let h = (full * (b.count as f64 / busiest as f64).sqrt()).max(2.0);
        let bottom = top + LANE_HEIGHT * (lane + 1) as f64 - 3.0;
        bars = bars.add(
            Anchor::new()
                .set("href", b.href.as_str())
                .add(Title::new(format!(
                    "{}–{} UTC · {} {}",
                    hhmm(b.from),
                    hhmm(b.to),
                    b.count,
                    if b.count == 1 { "entry" } else { "entries" }
                )))
                .add(
                    Rectangle::new()
                        .set("x", round(x0))
                        .set("y", round(bottom - h))
                        .set("width", round((x1 - x0).max(1.5)))
                        .set("height", round(h))
                        .set("fill", "#1d4ed8")
                        .set("fill-opacity", 0.75),
                ),
        );
    }
    if !d.density.is_empty() {
        doc = doc.add(bars);
    }

    // Moments: a diamond above the lanes and a line down through them, coloured by theme.
    let mut marks = Group::new();
    let lanes_bottom = top + LANE_HEIGHT * d.lanes.len() as f64;
    for m in &d.moments {
        let x = round(scale.x(m.at));
        let y = TOP + MOMENT_STRIP / 2.0;
        let colour = theme_colour(&m.theme);
        marks = marks.add(
            Anchor::new()
                .set("href", format!("#moment-{}", m.moment_id))
                .add(Title::new(format!(
                    "{} UTC · {}",
                    hhmm(m.at),
                    shorten(&m.label)
                )))
                .add(
                    Line::new()
                        .set("x1", x)
                        .set("y1", y)
                        .set("x2", x)
                        .set("y2", lanes_bottom)
                        .set("stroke", colour)
                        .set("stroke-opacity", 0.5),
                )
                .add(
                    svg::node::element::Path::new()
                        .set(
                            "d",
                            format!(
                                "M{x},{} L{},{y} L{x},{} L{},{y} Z",
                                round(y - 6.0),
                                round(x + 6.0),
                                round(y + 6.0),
                                round(x - 6.0)
                            ),
                        )
                        .set("fill", colour),
                ),
        );
    }
    if !d.moments.is_empty() {
        doc = doc.add(marks);
    }
    doc.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn sample() -> TimelineDiagram {
        let t0 = datetime!(2026-03-17 11:00 UTC);
        let entry = |lane, minutes: i64, kind: &str, id, summary: &str| DiagramEntry {
            lane,
            at: t0 + Duration::minutes(minutes),
            kind: kind.into(),
            entry_id: id,
            summary: summary.into(),
        };
        TimelineDiagram {
            id: "lore-diagram".into(),
            title: "Riverton: timeline by source".into(),
            lanes: vec![
                Lane {
                    label: "slack-export".into(),
                },
                Lane {
                    label: "deploys.csv".into(),
                },
            ],
            entries: vec![
                entry(0, 0, "chat", 1, "Tomás: morning. anyone else seeing amber?"),
                entry(1, 5, "deploy", 2, "dock-gateway v1.44.3"),
                entry(0, 12, "chat", 3, "Nadia: taking IC"),
                // Three hours of quiet, compressed.
                entry(0, 200, "chat", 4, "Greta: refunds are out"),
            ],
            moments: vec![],
            density: vec![],
            entry_href: None,
        }
    }

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(timeline_svg(&sample()));
    }

    #[test]
    fn hostile_text_stays_text() {
        let mut d = sample();
        d.title = "<script>alert(1)</script>".into();
        d.lanes[0].label = "\" onmouseover=\"alert(1)".into();
        d.entries[0].summary =
            "</title><script>alert(1)</script><a href=\"javascript:alert(1)\">".into();
        let svg = timeline_svg(&d);
        assert!(
            svg.contains("&lt;script&gt;"),
            "hostile text is kept, as text"
        );
        // Real tags only (text `<` is escaped): none is a script, none has a handler or a
        // javascript: URL, and every tag is one this module writes.
        for tag in svg
            .split('<')
            .skip(1)
            .filter_map(|t| t.split_once('>').map(|(t, _)| t))
        {
            let name = tag
                .trim_start_matches('/')
                .split_whitespace()
                .next()
                .unwrap_or("");
            assert!(
                [
                    "svg", "title", "desc", "rect", "g", "text", "line", "a", "circle"
                ]
                .contains(&name.trim_end_matches('/')),
                "unexpected <{tag}> in {svg}"
            );
            assert!(!tag.contains("javascript:"), "<{tag}>");
            for attr in tag.split_whitespace().skip(1) {
                assert!(!attr.starts_with("on"), "<{tag}>");
            }
        }
    }

    #[test]
    fn moments_are_marked_by_theme_and_linked() {
        let mut d = sample();
        d.moments = vec![DiagramMoment {
            at: datetime!(2026-03-17 11:12 UTC),
            theme: "surprise".into(),
            label: "Surprise: \"fixed\" stations <went> back".into(),
            moment_id: 9,
        }];
        let svg = timeline_svg(&d);
        assert!(svg.contains("<a href=\"#moment-9\">"), "{svg}");
        assert!(svg.contains("fill=\"#c2410c\""));
        assert!(svg.contains("11:12 UTC · Surprise: \"fixed\" stations &lt;went&gt; back"));
        // The lanes move down to make room for the markers.
        assert!(svg.contains("height=\"168\""), "{}", &svg[..200]);
    }

    #[test]
    fn silences_are_compressed_and_labelled() {
        let svg = timeline_svg(&sample());
        assert!(svg.contains("3 h 8 min later"), "{svg}");
        let empty = TimelineDiagram {
            id: "lore-diagram".into(),
            title: "x".into(),
            lanes: vec![],
            entries: vec![],
            moments: vec![],
            density: vec![],
            entry_href: None,
        };
        assert!(timeline_svg(&empty).contains("No entries yet."));
    }

    /// A lane too full for dots is drawn as counted stretches, each linked to its window, and
    /// the description counts every entry; dots may link to a permalink instead of an anchor.
    #[test]
    fn full_lanes_are_drawn_as_density() {
        let mut d = sample();
        let t0 = datetime!(2026-03-17 11:00 UTC);
        d.density = (0..3)
            .map(|i| DensityBar {
                lane: 0,
                from: t0 + Duration::minutes(10 * i),
                to: t0 + Duration::minutes(10 * (i + 1)),
                count: 1_000 * (i as u64 + 1),
                href: format!("/incidents/x?around={i}#timeline-heading"),
            })
            .collect();
        d.entry_href = Some("/incidents/x/entries/".into());
        let svg = timeline_svg(&d);
        assert!(svg.contains("6004 entries in 2 lanes"), "{svg}");
        assert!(
            svg.contains("<a href=\"/incidents/x?around=2#timeline-heading\">"),
            "{svg}"
        );
        assert!(svg.contains("11:20–11:30 UTC · 3000 entries"), "{svg}");
        assert!(svg.contains("<a href=\"/incidents/x/entries/3\">"), "{svg}");
    }
}

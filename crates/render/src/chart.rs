//! Bar charts for the learning dashboard: one series over labelled periods, as an SVG the page
//! shows inline beside a table of the same numbers (the table is what assistive technology and
//! readers who want figures read; the chart is `aria-hidden` decoration with a title).
//! Labels are text nodes, which the svg crate escapes.

use svg::Document;
use svg::node::element::{Line, Rectangle, Text, Title};

use crate::SafeHtml;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 36.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 10.0;
/// Most bars drawn: a longer series is cut to its last bars.
pub const MAX_BARS: usize = 60;

/// A bar chart of `values` over `labels` (the same length; extra values are ignored).
pub fn bar_chart(title: &str, labels: &[String], values: &[f64]) -> SafeHtml {
    let n = labels.len().min(values.len());
    let skip = n.saturating_sub(MAX_BARS);
    let (labels, values) = (&labels[skip..n], &values[skip..n]);
    let max = values.iter().cloned().fold(0.0_f64, f64::max).max(1.0);
    let plot_h = HEIGHT - BOTTOM - TOP;
    let step = (WIDTH - LEFT) / labels.len().max(1) as f64;
    let mut doc = Document::new()
        .set("viewBox", (0, 0, WIDTH, HEIGHT))
        .set("width", WIDTH)
        .set("height", HEIGHT)
        .set("class", "chart")
        .set("role", "img")
        .set("aria-hidden", "true")
        .add(Title::new(title))
        .add(
            Line::new()
                .set("x1", LEFT)
                .set("y1", HEIGHT - BOTTOM)
                .set("x2", WIDTH)
                .set("y2", HEIGHT - BOTTOM)
                .set("stroke", "#767676"),
        )
        .add(
            Text::new(format_value(max))
                .set("x", 2)
                .set("y", TOP + 10.0)
                .set("font-size", 10),
        );
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        let h = (value.max(0.0) / max) * plot_h;
        let x = LEFT + i as f64 * step;
        doc = doc.add(
            Rectangle::new()
                .set("x", x + step * 0.15)
                .set("y", HEIGHT - BOTTOM - h)
                .set("width", step * 0.7)
                .set("height", h)
                .set("fill", "#2f5d8a")
                .add(Title::new(format!("{label}: {}", format_value(*value)))),
        );
        // Every label when few, else every third.
        if labels.len() <= 12 || i % 3 == 0 {
            doc = doc.add(
                Text::new(label.clone())
                    .set("x", x + step / 2.0)
                    .set("y", HEIGHT - 10.0)
                    .set("font-size", 9)
                    .set("text-anchor", "middle"),
            );
        }
    }
    SafeHtml::new(doc.to_string())
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_labels_are_escaped() {
        let labels = vec!["2026-01".to_string(), "<b>".to_string()];
        let svg = bar_chart("Readers & more", &labels, &[2.0, 4.0]);
        let s = svg.as_str();
        assert!(s.contains("<title>Readers &amp; more</title>"), "{s}");
        assert!(s.contains("&lt;b&gt;") && !s.contains("<b>"));
        assert_eq!(s.matches("<rect").count(), 2);
        assert!(
            s.contains(r#"height="142""#),
            "the largest bar fills the plot: {s}"
        );
    }
}

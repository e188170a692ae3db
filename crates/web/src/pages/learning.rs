//! The learning dashboard (`/learning`, everyone signed in): is anyone learning from the
//! incidents? Readers and reading time, comments (and the long tail of comments months after),
//! stories told, review meetings and who took part, and citations by kind, over the last
//! year, as this reader may see them. Each chart is server-rendered SVG beside a table of the
//! same numbers; no JavaScript. Time to resolve is deliberately not here.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use lore_render::{SafeHtml, bar_chart};
use lore_store::{IncidentActivity, ListProgress, MonthSignals, PeriodFacts};

use crate::auth::Reader;
use crate::error::AppError;
use crate::pages::{UserView, render};
use crate::prose::off_the_workers;
use crate::state::AppState;

pub struct Chart {
    pub id: &'static str,
    pub title: &'static str,
    pub explanation: &'static str,
    pub svg: SafeHtml,
    /// What the table's first column holds: "Month", "After the incident ended".
    pub label_heading: &'static str,
    /// Month and value, as the table beside the chart lists them.
    pub rows: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "learning.html")]
pub struct LearningPage {
    pub user: Option<UserView>,
    pub charts: Vec<Chart>,
    /// Comments by how long after their incident ended they came.
    pub long_tail: Chart,
    pub citations: Vec<(&'static str, u64)>,
    pub most_read: Vec<IncidentRow>,
    pub lists: Vec<ListProgress>,
    pub facts: Vec<(&'static str, String)>,
}

/// One row of the table of the most read incidents.
pub struct IncidentRow {
    pub slug: String,
    pub title: String,
    pub readers: u64,
    pub reading: String,
    pub comments: u64,
    pub late_comments: u64,
    pub attended: u64,
    pub citations: u64,
}

impl From<IncidentActivity> for IncidentRow {
    fn from(a: IncidentActivity) -> Self {
        IncidentRow {
            reading: if a.seconds > 0 {
                crate::pages::reading::duration(a.seconds)
            } else {
                "–".into()
            },
            slug: a.slug,
            title: a.title,
            readers: a.readers,
            comments: a.comments,
            late_comments: a.late_comments,
            attended: a.attended,
            citations: a.citations,
        }
    }
}

/// How the table names where citations come from (the store's kinds, git's included).
fn citation_label(kind: &str) -> &'static str {
    match kind {
        "incident" => "Other incidents",
        "reading-list" => "Reading lists",
        "commit" => "Commits",
        "code" => "Code",
        "config" => "Configuration",
        "doc" => "Docs",
        _ => "Other files in repositories",
    }
}

/// The period's facts as label and value; time to resolve is one line among them.
fn facts(f: &PeriodFacts) -> Vec<(&'static str, String)> {
    let median = match f.median_minutes_to_resolve {
        Some(m) if m >= 60 => format!("{} h {:02} min", m / 60, m % 60),
        Some(m) => format!("{m} min"),
        None => "–".into(),
    };
    vec![
        ("Incidents that began", f.incidents.to_string()),
        ("With a written narrative", f.written_up.to_string()),
        ("With a recorded resolution", f.resolved.to_string()),
        ("Median time from start to resolution", median),
    ]
}

fn chart(
    id: &'static str,
    title: &'static str,
    explanation: &'static str,
    months: &[MonthSignals],
    value: impl Fn(&MonthSignals) -> f64,
) -> Chart {
    let labels: Vec<String> = months.iter().map(|m| m.month.clone()).collect();
    let values: Vec<f64> = months.iter().map(&value).collect();
    labelled_chart(id, title, explanation, labels, values, "Month")
}

fn labelled_chart(
    id: &'static str,
    title: &'static str,
    explanation: &'static str,
    labels: Vec<String>,
    values: Vec<f64>,
    label_heading: &'static str,
) -> Chart {
    let rows = labels
        .iter()
        .zip(&values)
        .map(|(l, v)| {
            (
                l.clone(),
                if v.fract() == 0.0 {
                    format!("{v:.0}")
                } else {
                    format!("{v:.1}")
                },
            )
        })
        .collect();
    Chart {
        id,
        title,
        explanation,
        svg: bar_chart(title, &labels, &values),
        label_heading,
        rows,
    }
}

pub async fn learning(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<Html<String>, AppError> {
    let store = state.store();
    let now = time::OffsetDateTime::now_utc();
    let year_ago = now - time::Duration::days(365);
    let (signals, by_age, most_read, lists, period) = tokio::try_join!(
        store.learning_signals(&user, now),
        store.comments_by_age(&user, year_ago),
        store.most_read_incidents(&user, year_ago),
        store.reading_list_progress(&user),
        store.period_facts(&user, year_ago),
    )?;
    let user_view = UserView::from(&user);
    let page = off_the_workers(&state, move || {
        let m = &signals.months;
        let charts = vec![
            chart(
                "readers",
                "People who read a write-up",
                "Distinct readers each month.",
                m,
                |s| s.readers as f64,
            ),
            chart(
                "reading",
                "Hours spent reading",
                "Time the narrative was in view, where the browser reported it.",
                m,
                |s| s.reading_hours,
            ),
            chart(
                "comments",
                "Comments",
                "Comments written each month.",
                m,
                |s| s.comments as f64,
            ),
            chart(
                "late-comments",
                "Comments months later",
                "Comments written more than 90 days after their incident ended: the long tail.",
                m,
                |s| s.late_comments as f64,
            ),
            chart(
                "stories",
                "Stories told",
                "Stories anyone submitted about an incident.",
                m,
                |s| s.stories as f64,
            ),
            chart(
                "attendance",
                "Review attendance",
                "People who attended a review meeting (attendance is voluntary).",
                m,
                |s| s.attendees as f64,
            ),
            chart(
                "took-part",
                "Took part in a review",
                "Attendees who spoke, asked or added a note.",
                m,
                |s| s.took_part as f64,
            ),
        ];
        let long_tail = labelled_chart(
            "comments-by-age",
            "When comments come",
            "Comments of the last twelve months by how long after their incident ended they were written.",
            by_age.iter().map(|(label, _)| (*label).to_owned()).collect(),
            by_age.iter().map(|(_, n)| *n as f64).collect(),
            "After the incident ended",
        );
        render(&LearningPage {
            user: Some(user_view),
            charts,
            long_tail,
            citations: signals
                .citations
                .into_iter()
                .map(|(kind, n)| (citation_label(&kind), n))
                .collect(),
            most_read: most_read.into_iter().map(IncidentRow::from).collect(),
            lists,
            facts: facts(&period),
        })
    })
    .await?;
    Ok(Html(page))
}

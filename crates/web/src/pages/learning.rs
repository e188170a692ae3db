//! The learning dashboard (`/learning`, everyone signed in): is anyone learning from the
//! incidents? Readers and reading time, comments (and the long tail of comments months after),
//! stories told, review meetings and who took part, and citations by kind, over the last
//! year, as this reader may see them. Each chart is server-rendered SVG beside a table of the
//! same numbers; no JavaScript. Time to resolve is deliberately not here.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use lore_render::{SafeHtml, bar_chart};
use lore_store::MonthSignals;

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
    /// Month and value, as the table beside the chart lists them.
    pub rows: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "learning.html")]
pub struct LearningPage {
    pub user: Option<UserView>,
    pub charts: Vec<Chart>,
    pub citations: Vec<(String, u64)>,
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
        rows,
    }
}

pub async fn learning(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<Html<String>, AppError> {
    let signals = state
        .store()
        .learning_signals(&user, time::OffsetDateTime::now_utc())
        .await?;
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
        render(&LearningPage {
            user: Some(user_view),
            charts,
            citations: signals.citations,
        })
    })
    .await?;
    Ok(Html(page))
}

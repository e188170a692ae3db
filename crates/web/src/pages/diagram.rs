//! The timeline diagram as a standalone SVG file, for download and for slides: the slice the
//! reader is looking at, with the same query as the page.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::auth::Reader;
use crate::error::AppError;
use crate::incident_access::{Needs, Visible};
use crate::state::AppState;
use crate::timeline_diagram::diagram;
use crate::timeline_filter::TimelineFilter;
use crate::timeline_query::TimelineQuery;

pub async fn diagram_svg(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    query: TimelineQuery,
) -> Result<Response, AppError> {
    let record = seen.load(&state, Needs::TIMELINE).await?;
    let filter = TimelineFilter::new(
        &query,
        &record.annotations,
        &record.timeline,
        &record.channels,
    );
    let svg = lore_render::timeline_svg(&diagram(&record, &filter));
    let disposition = format!(
        "attachment; filename=\"{}-timeline.svg\"",
        record.incident.slug
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "image/svg+xml; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        svg.into_string(),
    )
        .into_response())
}

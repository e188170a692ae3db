//! The timeline diagram as a standalone SVG file, for download and for slides: the slice the
//! reader is looking at, with the same query as the page, read as the page reads it (a dot
//! per entry up to `MAX_DOTS`, density past it), so a big incident's costs what its page's does.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::auth::Reader;
use crate::error::AppError;
use crate::incident_access::{Needs, Visible};
use crate::state::AppState;
use crate::timeline_diagram::{DiagramOf, slice_diagram};
use crate::timeline_query::TimelineQuery;
use crate::timeline_slice::{Counts, Resolved, resolve};

pub async fn diagram_svg(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    query: TimelineQuery,
) -> Result<Response, AppError> {
    let needs = Needs {
        timeline: false,
        channels: false,
        ..Needs::TIMELINE
    };
    let record = seen.load(&state, needs).await?;
    let (store, cache) = (state.store(), state.render_cache());
    let id = record.incident.id;
    let Resolved { version, slice, .. } =
        resolve(store, cache, id, &query, &record.annotations).await?;
    let counts = Counts::load(store, cache, &version, &slice, query.known_at).await?;
    let slug = record.incident.slug.to_string();
    let of = DiagramOf {
        slug: &slug,
        title: &record.incident.title,
        sources: &record.sources,
        annotations: &record.annotations,
        query: &query,
        slice: &slice,
        shown: counts.shown,
        windowed: false,
    };
    let svg = lore_render::timeline_svg(&slice_diagram(store, cache, &version, of).await?);
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

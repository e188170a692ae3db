//! Images for write-ups: uploaded by analysts, kept in the database, served to readers of the
//! incident. The type is decided from the bytes, never from the name or the browser's word,
//! and only raster formats that cannot carry script are accepted (no SVG).

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{Analyst, Reader};
use crate::error::AppError;
use crate::incident_access::Visible;
use crate::state::AppState;

/// The largest image accepted.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;

/// The request body limit for the upload route: the image plus the multipart framing.
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_IMAGE_BYTES + 64 * 1024)
}

/// The image type the bytes are, by their signature.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// A file name safe to show and to put in a header: letters, digits, `.`, `-`, `_`.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    if cleaned.trim_matches(['.', '_']).is_empty() {
        "image".to_owned()
    } else {
        cleaned
    }
}

/// The name with the extension of the type the bytes are.
fn with_extension_of(name: &str, content_type: &str) -> String {
    let extension = match content_type {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        _ => "webp",
    };
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    format!("{stem}.{extension}")
}

pub async fn upload(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    mut form: Multipart,
) -> Result<Redirect, AppError> {
    let (user, incident) = (&seen.user, &seen.incident);
    let bad = |m: String| AppError::BadRequest(m);
    let field = form
        .next_field()
        .await
        .map_err(|e| bad(format!("could not read the upload: {e}")))?
        .ok_or_else(|| bad("no file in the upload".into()))?;
    let name = clean_name(field.file_name().unwrap_or("image"));
    let bytes = field.bytes().await.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            bad(format!(
                "{name} is over the {} MiB limit",
                MAX_IMAGE_BYTES / (1024 * 1024)
            ))
        } else {
            bad(format!("could not read the upload: {e}"))
        }
    })?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(bad(format!(
            "{name} is over the {} MiB limit",
            MAX_IMAGE_BYTES / (1024 * 1024)
        )));
    }
    let content_type = sniff(&bytes)
        .ok_or_else(|| bad(format!("{name} is not a PNG, JPEG, GIF or WebP image")))?;
    // Saved from the page, the file must be what it is: `p.html` holding a PNG becomes `p.png`.
    let name = with_extension_of(&name, content_type);
    let id = state
        .store()
        .add_image(
            incident.id,
            &name,
            content_type,
            &bytes,
            user.username.as_str(),
        )
        .await?;
    tracing::info!(user = %user.username, incident = %incident.slug, image = id, bytes = bytes.len(), "image uploaded");
    Ok(Redirect::to(&format!(
        "/incidents/{}/narrative?uploaded={id}",
        incident.slug
    )))
}

/// Serves an image to those who may read its incident. An image never changes once uploaded,
/// so its id is its validator; browsers keep it but ask every time (`no-cache`), and the access
/// check runs on every ask, so revoking access stops an image at once.
pub async fn serve(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Path((_, id)): Path<(String, i64)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let incident = &seen.incident;
    let etag = format!("\"image-{}-{id}\"", incident.id);
    let cache = [
        (header::CACHE_CONTROL, "private, no-cache".to_owned()),
        (header::ETAG, etag.clone()),
    ];
    let image = state
        .store()
        .image(incident.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let revalidating = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
    if revalidating {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    // Re-check the stored type against the allow-list: the header is ours, never the upload's.
    let content_type = sniff(&image.bytes).ok_or(AppError::NotFound)?;
    Ok((
        cache,
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "inline; filename=\"{}\"",
                    with_extension_of(&clean_name(&image.name), content_type)
                ),
            ),
        ],
        image.bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some("image/jpeg"));
        assert_eq!(sniff(b"GIF89a..."), Some("image/gif"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"<svg onload=alert(1)>"), None);
        assert_eq!(sniff(b"<html>"), None);
    }

    #[test]
    fn names_are_made_safe() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\"b;c.png"), "a_b_c.png");
        assert_eq!(clean_name("C:\\\\x\\\\board.png"), "board.png");
        assert_eq!(clean_name(".."), "image");
    }

    #[test]
    fn names_carry_the_extension_of_what_the_bytes_are() {
        assert_eq!(with_extension_of("p.html", "image/png"), "p.png");
        assert_eq!(with_extension_of("board", "image/jpeg"), "board.jpg");
        assert_eq!(with_extension_of("a.b.gif", "image/webp"), "a.b.webp");
        assert_eq!(with_extension_of(".png", "image/gif"), ".png.gif");
    }
}

//! `GET /feed.atom`: new and updated write-ups the reader may see, as an Atom feed (RFC 4287),
//! newest first. Written with quick-xml, which escapes every text and attribute.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use time::format_description::well_known::Rfc3339;

use crate::auth::Reader;
use crate::error::AppError;
use crate::state::AppState;

/// Entries in the feed.
pub const FEED_ENTRIES: i64 = 50;

pub async fn feed(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<impl IntoResponse, AppError> {
    let recent = state.store().recent_write_ups(&user, FEED_ENTRIES).await?;
    let updated = recent
        .iter()
        .map(|r| r.updated_at)
        .max()
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let xml = (|| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
        w.write_event(Event::Start(
            BytesStart::new("feed").with_attributes([("xmlns", "http://www.w3.org/2005/Atom")]),
        ))?;
        text(&mut w, "id", "tag:lore,2026:feed")?;
        text(&mut w, "title", "Lore: new and updated write-ups")?;
        text(&mut w, "updated", &rfc3339(updated))?;
        w.write_event(Event::Empty(
            BytesStart::new("link").with_attributes([("rel", "self"), ("href", "/feed.atom")]),
        ))?;
        w.write_event(Event::Empty(
            BytesStart::new("link").with_attributes([("rel", "alternate"), ("href", "/")]),
        ))?;
        w.write_event(Event::Start(BytesStart::new("author")))?;
        text(&mut w, "name", "Lore")?;
        w.write_event(Event::End(BytesEnd::new("author")))?;
        for r in &recent {
            let i = &r.incident;
            w.write_event(Event::Start(BytesStart::new("entry")))?;
            // The incident's id, not its slug: a rename is the same entry.
            text(&mut w, "id", &format!("tag:lore,2026:incidents/{}", i.id))?;
            text(&mut w, "title", &i.title)?;
            text(&mut w, "updated", &rfc3339(r.updated_at))?;
            let href = format!("/incidents/{}", i.slug);
            w.write_event(Event::Empty(
                BytesStart::new("link")
                    .with_attributes([("rel", "alternate"), ("href", href.as_str())]),
            ))?;
            let mut summary = i.summary.clone();
            if let Some(v) = r.narrative_version {
                if !summary.is_empty() {
                    summary.push(' ');
                }
                summary.push_str(&format!("(Narrative version {v}.)"));
            }
            if !summary.is_empty() {
                text(&mut w, "summary", &summary)?;
            }
            w.write_event(Event::End(BytesEnd::new("entry")))?;
        }
        w.write_event(Event::End(BytesEnd::new("feed")))?;
        Ok(())
    })();
    xml.map_err(|e| AppError::Internal(anyhow::anyhow!("writing the feed: {e}")))?;
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        w.into_inner(),
    ))
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> std::io::Result<()> {
    // Characters XML 1.0 forbids even escaped (control characters from an import) would make
    // the whole feed unreadable: they become U+FFFD.
    let value: String = value
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect();
    w.write_event(Event::Start(BytesStart::new(name)))?;
    w.write_event(Event::Text(BytesText::new(&value)))?;
    w.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_forbidden_characters_replaced() {
        let mut w = Writer::new(Vec::new());
        text(&mut w, "title", "a & <b>\u{1}\u{FFFE}\tc").unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner()).unwrap(),
            "<title>a &amp; &lt;b&gt;\u{FFFD}\u{FFFD}\tc</title>"
        );
    }
}

//! Google Cloud's `incidents.json` (status.cloud.google.com): an array of incidents, each with
//! its updates newest first.
//!
//! Per incident: `id` and `external_desc` are required. The title is `external_desc` (Google
//! gives no shorter name), cut at a word boundary when it is long; `severity` (`low`, `medium`,
//! `high`) is the severity as written; `affected_products[].title` are the services
//! (`service_name` when there are none); `begin`, `created` and `end` give the times.
//! `most_recent_update` repeats the newest update and is not read again.
//!
//! Per update: the time is `when`, or `created` when there is no `when`; the text is Markdown,
//! kept as written. Updates have no id of their own, so an entry's message id is
//! `<incident id>#<n>`, `n` counting from the oldest update.

use lore_core::IncidentTimes;
use time::OffsetDateTime;

use super::{
    Draft, EntryParts, JsonDoc, JsonValue, Provider, entry, entry_text, file_error, finish,
    json_kind_name, shorten, shown_id, status_label, summarize,
};
use crate::{ImportError, IncidentRecord};

/// Titles are cut to this many characters: `external_desc` is sometimes a whole paragraph
/// (367 characters at most in the 2021–2022 file).
const TITLE_CHARS: usize = 160;

/// Reads Google Cloud's `incidents.json`. `file` is the name used in provenance and error
/// messages.
pub fn read_incidents(bytes: &[u8], file: &str) -> Result<Vec<IncidentRecord>, ImportError> {
    let doc = JsonDoc::parse(bytes, file)?;
    read_doc(&doc, file)
}

pub(crate) fn read_doc(doc: &JsonDoc<'_>, file: &str) -> Result<Vec<IncidentRecord>, ImportError> {
    let top = doc.top();
    let Some(list) = top.elements() else {
        let hint = if top.first_byte() == b'{' {
            " (a Statuspage summary.json or incidents.json is an object: read it as statuspage)"
        } else {
            ""
        };
        return Err(file_error(
            file,
            format!(
                "not a Google Cloud incidents.json: the document is {}, not an array{hint}",
                json_kind_name(top.first_byte())
            ),
        ));
    };
    let provider = Provider {
        name: Some("Google Cloud".to_owned()),
        tag: Some("gcp".to_owned()),
    };
    let drafts = list
        .iter()
        .enumerate()
        .map(|(index, value)| read_incident(value, index, &provider, file))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(finish(drafts, &provider))
}

fn read_incident(
    value: &JsonValue<'_>,
    index: usize,
    provider: &Provider,
    file: &str,
) -> Result<Draft, ImportError> {
    let at_index = format!("incident at index {index}");
    let (obj, id) = value.object_with_id(&at_index, file)?;
    let place = format!("incident {}", shown_id(&id));
    let err = |m: String| file_error(file, format!("{place}: {m}"));

    let desc = obj
        .str("external_desc")
        .map_err(err)?
        .filter(|d| !d.trim().is_empty())
        .ok_or_else(|| err("missing `external_desc`".to_owned()))?;
    let severity = obj
        .str("severity")
        .map_err(err)?
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let begin = obj.time("begin").map_err(err)?;
    let created = obj.time("created").map_err(err)?;
    let end = obj.time("end").map_err(err)?;
    let mut services = obj.names("affected_products", "title").map_err(err)?;
    if services.is_empty()
        && let Some(name) = obj.str("service_name").map_err(err)?
    {
        super::push_unique(&mut services, name.trim());
    }

    let updates = obj.array("updates").map_err(err)?;
    let count = updates.len();
    let mut entries = Vec::with_capacity(count);
    let mut first: Option<OffsetDateTime> = None;
    let mut first_available: Option<OffsetDateTime> = None;
    let mut latest: Option<(OffsetDateTime, usize, String)> = None;
    // Newest first in the file: the last update is #1.
    for (j, update) in updates.iter().enumerate().rev() {
        let number = count - j;
        let uerr = |m: String| file_error(file, format!("{place} updates[{j}]: {m}"));
        let u = update.object().ok_or_else(|| {
            uerr(format!(
                "{} is not an object",
                json_kind_name(update.first_byte())
            ))
        })?;
        let when = u.time("when").map_err(uerr)?;
        let created_at = u.time("created").map_err(uerr)?;
        let stamp = when
            .or(created_at)
            .ok_or_else(|| uerr("missing `when`".to_owned()))?;
        let status = u.str("status").map_err(uerr)?.unwrap_or_default();
        let text = u
            .str("text")
            .map_err(uerr)?
            .unwrap_or_default()
            .trim()
            .to_owned();
        let at = stamp.at;
        first = Some(first.map_or(at, |f| f.min(at)));
        if status.trim() == "AVAILABLE" {
            first_available = Some(first_available.map_or(at, |f| f.min(at)));
        }
        if latest
            .as_ref()
            .is_none_or(|(t, n, _)| (at, number) > (*t, *n))
        {
            latest = Some((at, number, text.clone()));
        }
        entries.push(entry(
            EntryParts {
                stamp,
                text: entry_text(&status_label(&status), &text),
                message_id: format!("{id}#{number}"),
                raw: update.compact(),
            },
            provider,
            file,
        ));
    }
    let created_at = created.map(|s| s.at);
    Ok(Draft {
        title: shorten(&desc, TITLE_CHARS),
        source_id: id,
        summary: latest.map(|(_, _, t)| summarize(&t)).unwrap_or_default(),
        severity,
        services,
        extra_tags: Vec::new(),
        times: IncidentTimes {
            started_at: begin.map(|s| s.at).or(created_at).or(first),
            detected_at: created_at,
            resolved_at: end.map(|s| s.at).or(first_available),
        },
        fallback_date: None,
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn reads_an_incident() {
        let input = r#"[{"id":"X1","external_desc":"[Cloud Foo]  Errors\nin us-east1","severity":"high",
          "begin":"2022-01-01T10:00:00+00:00","created":"2022-01-01T10:20:00+00:00","end":null,
          "affected_products":[],"service_name":"Cloud Foo",
          "updates":[{"when":"2022-01-01T12:00:00+00:00","text":"Fixed **now**.","status":"AVAILABLE"},
                     {"created":"2022-01-01T10:20:00+00:00","when":"2022-01-01T10:20:00+00:00","text":"Looking.","status":"SERVICE_OUTAGE"}]}]"#;
        let recs = read_incidents(input.as_bytes(), "g.json").unwrap();
        let inc = &recs[0].incident;
        assert_eq!(inc.title, "[Cloud Foo] Errors in us-east1");
        assert_eq!(
            inc.slug.as_str(),
            "2022-01-01-gcp-cloud-foo-errors-in-us-east1"
        );
        assert_eq!(inc.services, ["Cloud Foo"]);
        assert_eq!(inc.tags, ["status-page", "gcp"]);
        assert_eq!(inc.times.resolved_at, Some(datetime!(2022-01-01 12:00 UTC)));
        assert_eq!(inc.summary, "Fixed **now**.");
        let e = &recs[0].timeline.entries;
        assert_eq!(e[0].text, "Service outage: Looking.");
        assert_eq!(e[0].provenance.message_id.as_deref(), Some("X1#1"));
        assert_eq!(e[1].text, "Available: Fixed **now**.");
        assert_eq!(e[1].provenance.message_id.as_deref(), Some("X1#2"));
        assert_eq!(
            e[1].raw,
            r#"{"when":"2022-01-01T12:00:00+00:00","text":"Fixed **now**.","status":"AVAILABLE"}"#
        );
    }

    #[test]
    fn errors_name_the_incident() {
        let err = |s: &str| {
            read_incidents(s.as_bytes(), "g.json")
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("{}"),
            "g.json: not a Google Cloud incidents.json: the document is a JSON object, not an array (a Statuspage summary.json or incidents.json is an object: read it as statuspage)"
        );
        assert_eq!(
            err("[3]"),
            "g.json: incident at index 0: a number is not an object"
        );
        assert_eq!(
            err(r#"[{"id":"a"}]"#),
            "g.json: incident a: missing `external_desc`"
        );
        assert_eq!(
            err(r#"[{"id":"a","external_desc":"x","updates":[{"when":"yesterday"}]}]"#),
            "g.json: incident a updates[0]: when \"yesterday\" is not RFC 3339"
        );
    }
}

//! Atlassian Statuspage API v2 JSON: `summary.json` and `incidents.json`.
//!
//! `summary.json` has `page`, `components`, `incidents` (the unresolved ones),
//! `scheduled_maintenances` and `status`; `incidents.json` has `page` and `incidents` (the
//! latest, resolved ones too); `scheduled-maintenances.json` has `page` and
//! `scheduled_maintenances`. All three are read the same way: a document is recognised by
//! having `incidents` or `scheduled_maintenances`, and `page.name` names the provider.
//!
//! Per incident: `id` and `name` are required; `impact` is the severity as written (`none`,
//! `minor`, `major`, `critical`, `maintenance`); `components[].name` are the services (the
//! updates' `affected_components` when the incident lists none); `started_at`, `created_at`
//! and `resolved_at` give the times. Scheduled maintenances are tagged `maintenance` and start
//! at `scheduled_for` when they have no `started_at`.
//!
//! Per update: `id` is required and becomes the entry's message id; the time is `display_at`,
//! the time the page shows (authors may set it to when something happened), or `created_at`
//! when there is no `display_at`; the body's `<br />` tags are line breaks.

use lore_core::IncidentTimes;
use time::OffsetDateTime;

use super::{
    Draft, EntryParts, JsonDoc, JsonValue, Provider, entry, entry_text, file_error, finish,
    html_to_text, json_kind_name, push_unique, quoted, shown_id, status_label, summarize,
};
use crate::{ImportError, IncidentRecord};

/// Reads a Statuspage `summary.json` or `incidents.json`. `file` is the name used in
/// provenance and error messages.
pub fn read_json(bytes: &[u8], file: &str) -> Result<Vec<IncidentRecord>, ImportError> {
    let doc = JsonDoc::parse(bytes, file)?;
    read_doc(&doc, file)
}

#[derive(Clone, Copy)]
enum Kind {
    Incident,
    Maintenance,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Incident => "incidents",
            Kind::Maintenance => "scheduled_maintenances",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Incident => "incident",
            Kind::Maintenance => "scheduled maintenance",
        }
    }
}

pub(crate) fn read_doc(doc: &JsonDoc<'_>, file: &str) -> Result<Vec<IncidentRecord>, ImportError> {
    let not_statuspage = |why: String| {
        file_error(
            file,
            format!("not a Statuspage summary.json or incidents.json: {why}"),
        )
    };
    let top = doc.top();
    let Some(obj) = top.object() else {
        let hint = if top.first_byte() == b'[' {
            " (Google Cloud's incidents.json is an array: read it as gcp)"
        } else {
            ""
        };
        return Err(not_statuspage(format!(
            "the document is {}, not an object{hint}",
            json_kind_name(top.first_byte())
        )));
    };
    if !obj.has("incidents") && !obj.has("scheduled_maintenances") {
        let keys: Vec<String> = obj.keys().take(6).map(quoted).collect();
        return Err(not_statuspage(if keys.is_empty() {
            "the object is empty".to_owned()
        } else {
            format!(
                "no `incidents` or `scheduled_maintenances` (keys: {})",
                keys.join(", ")
            )
        }));
    }
    let err = |m: String| file_error(file, m);
    let page_name = match obj.object("page").map_err(err)? {
        Some(page) => page.str("name").map_err(|m| err(format!("page: {m}")))?,
        None => None,
    };
    let provider = Provider::named(page_name);
    let mut drafts = Vec::new();
    for kind in [Kind::Incident, Kind::Maintenance] {
        for (index, value) in obj.array(kind.key()).map_err(err)?.iter().enumerate() {
            drafts.push(read_incident(value, kind, index, &provider, file)?);
        }
    }
    Ok(finish(drafts, &provider))
}

fn read_incident(
    value: &JsonValue<'_>,
    kind: Kind,
    index: usize,
    provider: &Provider,
    file: &str,
) -> Result<Draft, ImportError> {
    let at_index = format!("{}[{index}]", kind.key());
    let (obj, id) = value.object_with_id(&at_index, file)?;
    let place = format!("{} {}", kind.noun(), shown_id(&id));
    let err = |m: String| file_error(file, format!("{place}: {m}"));

    let name = obj
        .str("name")
        .map_err(err)?
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| err("missing `name`".to_owned()))?;
    let severity = obj
        .str("impact")
        .map_err(err)?
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let created = obj.time("created_at").map_err(err)?;
    let started = obj.time("started_at").map_err(err)?;
    let resolved = obj.time("resolved_at").map_err(err)?;
    let scheduled_for = match kind {
        Kind::Maintenance => obj.time("scheduled_for").map_err(err)?,
        Kind::Incident => None,
    };
    let mut services = obj.names("components", "name").map_err(err)?;

    let updates = obj.array("incident_updates").map_err(err)?;
    let mut entries = Vec::with_capacity(updates.len());
    let mut affected = Vec::new();
    let mut first_update: Option<OffsetDateTime> = None;
    let mut first_resolved: Option<OffsetDateTime> = None;
    // (time, publication order, body) of the latest update, for the summary.
    let mut latest: Option<(OffsetDateTime, usize, String)> = None;
    // The API lists updates newest first; walk them in the order they were published.
    for (order, (j, update)) in updates.iter().enumerate().rev().enumerate() {
        let at_update = format!("{place} incident_updates[{j}]");
        let (u, uid) = update.object_with_id(&at_update, file)?;
        let uerr = |m: String| file_error(file, format!("{place} update {}: {m}", shown_id(&uid)));
        let created_at = u.time("created_at").map_err(uerr)?;
        let display_at = u.time("display_at").map_err(uerr)?;
        let stamp = display_at
            .or(created_at)
            .ok_or_else(|| uerr("missing `created_at`".to_owned()))?;
        let status = u.str("status").map_err(uerr)?.unwrap_or_default();
        let body = html_to_text(&u.str("body").map_err(uerr)?.unwrap_or_default(), true);
        for name in u.names("affected_components", "name").map_err(uerr)? {
            push_unique(&mut affected, &name);
        }

        let at = stamp.at;
        first_update = Some(first_update.map_or(at, |f| f.min(at)));
        if matches!(status.trim(), "resolved" | "completed") {
            first_resolved = Some(first_resolved.map_or(at, |f| f.min(at)));
        }
        if latest
            .as_ref()
            .is_none_or(|(t, o, _)| (at, order) > (*t, *o))
        {
            latest = Some((at, order, body.clone()));
        }
        entries.push(entry(
            EntryParts {
                stamp,
                text: entry_text(&status_label(&status), &body),
                message_id: uid.clone(),
                raw: update.compact(),
            },
            provider,
            file,
        ));
    }
    if services.is_empty() {
        services = affected;
    }
    let created_at = created.map(|s| s.at);
    Ok(Draft {
        source_id: id,
        title: name,
        summary: latest
            .map(|(_, _, body)| summarize(&body))
            .unwrap_or_default(),
        severity,
        services,
        extra_tags: match kind {
            Kind::Maintenance => vec!["maintenance".to_owned()],
            Kind::Incident => Vec::new(),
        },
        times: IncidentTimes {
            started_at: started
                .map(|s| s.at)
                .or(scheduled_for.map(|s| s.at))
                .or(created_at)
                .or(first_update),
            detected_at: created_at,
            resolved_at: resolved.map(|s| s.at).or(first_resolved),
        },
        fallback_date: None,
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn err(input: &str) -> String {
        read_json(input.as_bytes(), "s.json")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn reads_an_incident_with_its_updates_in_time_order() {
        let input = r#"{"page":{"name":"Acme Cloud"},"incidents":[{"id":"abc","name":"Slow API",
            "impact":"minor","created_at":"2024-03-01T10:05:00Z","started_at":null,
            "resolved_at":null,"components":[],
            "incident_updates":[
              {"id":"u3","status":"resolved","body":"Fixed.","created_at":"2024-03-01T11:00:00Z","display_at":"2024-03-01T11:00:00Z",
               "affected_components":[{"code":"x","name":"API"}]},
              {"id":"u2","status":"update","body":"Still <br />looking","created_at":"2024-03-01T10:30:00-05:00"},
              {"id":"u1","status":"investigating","body":"Looking","created_at":"2024-03-01T10:05:00Z","display_at":"2024-03-01T10:00:00Z"}]}]}"#;
        let recs = read_json(input.as_bytes(), "s.json").unwrap();
        assert_eq!(recs.len(), 1);
        let inc = &recs[0].incident;
        assert_eq!(inc.slug.as_str(), "2024-03-01-acme-cloud-slow-api");
        assert_eq!(inc.severity.as_deref(), Some("minor"));
        assert_eq!(
            inc.services,
            ["API"],
            "affected components when none are listed"
        );
        assert_eq!(inc.tags, ["status-page", "acme-cloud"]);
        assert_eq!(inc.times.started_at, Some(datetime!(2024-03-01 10:05 UTC)));
        assert_eq!(inc.times.detected_at, Some(datetime!(2024-03-01 10:05 UTC)));
        assert_eq!(inc.times.resolved_at, Some(datetime!(2024-03-01 11:00 UTC)));
        assert_eq!(inc.summary, "Still looking", "the latest update by time");
        let e = &recs[0].timeline.entries;
        let ids: Vec<_> = e
            .iter()
            .map(|e| e.provenance.message_id.as_deref().unwrap())
            .collect();
        assert_eq!(ids, ["u1", "u3", "u2"], "sorted by time, u2 being -05:00");
        assert_eq!(e[0].text, "Investigating: Looking");
        assert_eq!(e[0].time_text, "2024-03-01T10:00:00Z", "display_at wins");
        assert_eq!(e[0].time_zone.as_deref(), Some("+00:00"));
        assert_eq!(e[2].text, "Update: Still\nlooking");
        assert_eq!(e[2].time_zone.as_deref(), Some("-05:00"));
        assert_eq!(e[2].author_handle.as_deref(), Some("Acme Cloud"));
        assert_eq!(
            e[1].raw,
            r#"{"id":"u3","status":"resolved","body":"Fixed.","created_at":"2024-03-01T11:00:00Z","display_at":"2024-03-01T11:00:00Z","affected_components":[{"code":"x","name":"API"}]}"#
        );
        assert_eq!(recs[0].timeline.people[0].display_name, "Acme Cloud");
    }

    #[test]
    fn times_at_the_edge_of_the_calendar() {
        let input = r#"{"incidents":[{"id":"e","name":"Edge","started_at":"9999-12-31T23:59:59-23:59",
            "incident_updates":[{"id":"u","created_at":"0000-01-01T00:00:00+23:59"}]}]}"#;
        let recs = read_json(input.as_bytes(), "s.json").unwrap();
        assert_eq!(recs[0].incident.slug.as_str(), "9999-12-31-edge");
        assert_eq!(
            recs[0].timeline.entries[0].time_zone.as_deref(),
            Some("+23:59")
        );
    }

    #[test]
    fn errors_name_the_file_and_the_incident() {
        assert_eq!(
            err("[1]"),
            "s.json: not a Statuspage summary.json or incidents.json: the document is a JSON array, not an object (Google Cloud's incidents.json is an array: read it as gcp)"
        );
        assert_eq!(
            err(r#"{"page":{},"status":{}}"#),
            "s.json: not a Statuspage summary.json or incidents.json: no `incidents` or `scheduled_maintenances` (keys: \"page\", \"status\")"
        );
        assert_eq!(
            err(r#"{"incidents":[{"name":"x"}]}"#),
            "s.json: incidents[0]: missing `id`"
        );
        assert_eq!(
            err(r#"{"incidents":[{"id":"a b","name":""}]}"#),
            "s.json: incident \"a b\": missing `name`"
        );
        assert_eq!(
            err(
                r#"{"incidents":[{"id":123,"name":"n","incident_updates":[{"id":456,"created_at":"2024-13-01T00:00:00Z"}]}]}"#
            ),
            "s.json: incident 123 update 456: created_at \"2024-13-01T00:00:00Z\" is not RFC 3339"
        );
        assert_eq!(
            err(r#"{"incidents":[{"id":"i","name":"n","incident_updates":[{"id":"u"}]}]}"#),
            "s.json: incident i update u: missing `created_at`"
        );
        assert_eq!(
            err(r#"{"incidents":{}}"#),
            "s.json: `incidents` is a JSON object, not an array"
        );
        assert_eq!(
            err("{\n\"incidents\": [,]}"),
            "s.json:2: invalid JSON at column 15: expected value"
        );
    }
}

//! The incident's connections as the page shows them: "Cited by" (what points at this
//! incident, grouped by kind) and "Related incidents" (with the reasons).

use lore_core::{Citation, CitationKind, CitationPlace, RelatedIncident};

/// One citation, as the panel lists it.
pub struct CitationView {
    /// Where it is, to follow; `None` where Lore has no page for it.
    pub href: Option<String>,
    /// "Dock broker outage, What was surprising" / "repo@abc123 src/x.rs:12".
    pub place: String,
    /// Whose perspective, when it is in one.
    pub detail: Option<String>,
    /// The text around it.
    pub text: String,
}

/// The citations of one kind.
pub struct CitationGroup {
    pub kind: &'static str,
    pub label: &'static str,
    pub items: Vec<CitationView>,
}

pub struct CitedByView {
    pub groups: Vec<CitationGroup>,
    pub total: usize,
}

impl CitedByView {
    /// Grouped by kind in [`CitationKind::ALL`]'s order, each in the store's order.
    pub fn build(citations: &[Citation]) -> CitedByView {
        let groups = CitationKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let items: Vec<CitationView> = citations
                    .iter()
                    .filter(|c| c.kind == kind)
                    .map(citation_view)
                    .collect();
                (!items.is_empty()).then_some(CitationGroup {
                    kind: kind.as_str(),
                    label: kind.plural_label(),
                    items,
                })
            })
            .collect();
        CitedByView {
            groups,
            total: citations.len(),
        }
    }
}

fn citation_view(c: &Citation) -> CitationView {
    match &c.place {
        CitationPlace::Incident {
            slug,
            title,
            section,
            perspective,
        } => {
            let (anchor, place, detail) = match (perspective, section) {
                (Some(p), _) => (
                    format!("perspective-{}", p.id),
                    title.clone(),
                    Some(format!("in {}'s perspective", p.person)),
                ),
                (None, Some(s)) => (s.anchor.clone(), format!("{title}, {}", s.heading), None),
                (None, None) => ("narrative".to_owned(), title.clone(), None),
            };
            CitationView {
                href: Some(format!("/incidents/{slug}#{anchor}")),
                place,
                detail,
                text: c.text.clone(),
            }
        }
        CitationPlace::ReadingList { id, title } => CitationView {
            href: Some(format!("/lists/{id}")),
            place: title.clone(),
            detail: Some("reading list".to_owned()),
            text: c.text.clone(),
        },
        CitationPlace::Repository {
            repository,
            commit,
            path,
            line,
        } => {
            let short: String = commit.chars().take(10).collect();
            let mut place = format!("{repository}@{short}");
            if let Some(path) = path {
                place.push(' ');
                place.push_str(path);
                if let Some(line) = line {
                    place.push_str(&format!(":{line}"));
                }
            }
            CitationView {
                href: None,
                place,
                detail: None,
                text: c.text.clone(),
            }
        }
    }
}

/// A related incident, as the panel lists it.
pub struct RelatedView {
    pub href: String,
    pub title: String,
    /// "shares service dock-broker, theme misunderstanding, term NAT, 2 responders".
    pub reasons: String,
}

pub fn related(related: &[RelatedIncident]) -> Vec<RelatedView> {
    related
        .iter()
        .map(|r| RelatedView {
            href: format!("/incidents/{}", r.slug),
            title: r.title.clone(),
            reasons: r.reasons_text(),
        })
        .collect()
}

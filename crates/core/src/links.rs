//! Connections between incidents: the links a write-up makes to another incident (found when
//! it is saved), what cites an incident ([`Citation`], by [`CitationKind`]), and which
//! incidents are related to one and why ([`RelatedIncident`], [`RelatedReason`]).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Slug;

/// The most characters of text kept around a link ([`IncidentLinkRef::context`]).
pub const MAX_LINK_CONTEXT_CHARS: usize = 200;

/// The most links to incidents recorded from one text; the rest are not recorded. A text's
/// links are already bounded by the render limits (`lore_render::Limits::max_links`); this
/// keeps the rows one save writes small whatever the limits become.
pub const MAX_LINKS_PER_TEXT: usize = 200;

/// A heading of a write-up, as its page shows it: the text and the anchor (`#what-happened`)
/// the renderer gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub heading: String,
    pub anchor: String,
}

/// A link to an incident written in Markdown: `/incidents/SLUG` (under any host, or
/// relative), any permalink under it, or `[[SLUG]]`. The slug is as written (perhaps an old
/// one); the store resolves it to the incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncidentLinkRef {
    pub slug: Slug,
    /// What under the incident it points at, as written after the slug (`/entries/12`,
    /// `#what-happened`); empty for the incident itself.
    pub target: String,
    /// The heading the link sits under, if any.
    pub section: Option<Section>,
    /// The text around the link as a reader sees it, at most [`MAX_LINK_CONTEXT_CHARS`].
    pub context: String,
}

/// What a text refers to, found when it is saved and stored with it (replacing what the
/// same text referred to before): links to incidents, and the glossary terms it uses (by id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct References {
    pub incidents: Vec<IncidentLinkRef>,
    pub terms: Vec<i64>,
}

/// The text inside an incident that refers to something: its narrative, one of its
/// perspectives, or one of its comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextSource {
    Narrative,
    Perspective(i64),
    Comment(i64),
}

impl TextSource {
    /// The kind as stored (`source_kind`).
    pub fn kind(self) -> &'static str {
        match self {
            TextSource::Narrative => "narrative",
            TextSource::Perspective(_) => "perspective",
            TextSource::Comment(_) => "comment",
        }
    }

    /// The id as stored (`source_id`): 0 for the narrative, of which an incident has one.
    pub fn id(self) -> i64 {
        match self {
            TextSource::Narrative => 0,
            TextSource::Perspective(id) | TextSource::Comment(id) => id,
        }
    }

    /// From the stored kind and id; `None` for a kind this version does not know.
    pub fn from_stored(kind: &str, id: i64) -> Option<TextSource> {
        match kind {
            "narrative" => Some(TextSource::Narrative),
            "perspective" => Some(TextSource::Perspective(id)),
            "comment" => Some(TextSource::Comment(id)),
            _ => None,
        }
    }
}

/// What kind of thing cites an incident: another incident, a reading list's item, or a
/// reference found in a git repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CitationKind {
    /// Another incident's narrative or perspective.
    Incident,
    /// An onboarding reading list.
    ReadingList,
    /// A line of code or configuration in a git repository (a comment or not).
    CodeComment,
    /// A commit message.
    Commit,
    /// A document in a git repository (Markdown, AsciiDoc, text).
    Doc,
}

impl CitationKind {
    /// Every kind, in the order a page shows them.
    pub const ALL: [CitationKind; 5] = [
        CitationKind::Incident,
        CitationKind::ReadingList,
        CitationKind::CodeComment,
        CitationKind::Commit,
        CitationKind::Doc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CitationKind::Incident => "incident",
            CitationKind::ReadingList => "reading-list",
            CitationKind::CodeComment => "code-comment",
            CitationKind::Commit => "commit",
            CitationKind::Doc => "doc",
        }
    }

    /// How a page heads the group: "Other incidents", "Commits".
    pub fn plural_label(self) -> &'static str {
        match self {
            CitationKind::Incident => "Other incidents",
            CitationKind::ReadingList => "Reading lists",
            CitationKind::CodeComment => "Code and configuration",
            CitationKind::Commit => "Commits",
            CitationKind::Doc => "Docs",
        }
    }
}

/// Where a citation is. As JSON, an object with `incident` (its slug), `title`, `section`
/// and `perspective`; or with `reading_list` (its id) and `title`; or with `repository`,
/// `commit`, `path` and `line`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum CitationPlace {
    /// In another incident's narrative (under `section`) or in one of its perspectives.
    Incident {
        #[serde(rename = "incident")]
        slug: Slug,
        title: String,
        section: Option<Section>,
        /// The perspective it is in; `None` for the narrative.
        perspective: Option<PerspectiveRef>,
    },
    /// An item of a reading list (the citation's text is the item's note).
    ReadingList {
        #[serde(rename = "reading_list")]
        id: i64,
        title: String,
    },
    /// In a git repository: a commit message (`path` empty) or a file at a commit.
    Repository {
        repository: String,
        commit: String,
        path: Option<String>,
        line: Option<u32>,
    },
}

/// A perspective, by id and whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PerspectiveRef {
    pub id: i64,
    pub person: String,
}

/// Something that points at an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub kind: CitationKind,
    #[serde(rename = "where")]
    pub place: CitationPlace,
    /// What under the cited incident it points at (`#what-happened`, `/entries/12`); empty
    /// for the incident itself.
    pub target: String,
    /// The text around it.
    pub text: String,
}

/// How many citations of each kind an incident has (kinds with none are absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CitationCounts(pub BTreeMap<CitationKind, u64>);

impl CitationCounts {
    pub fn get(&self, kind: CitationKind) -> u64 {
        self.0.get(&kind).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }
}

/// Why an incident is related to another. Each reason has a weight
/// ([`RelatedReason::weight`]); an incident's score is the sum of its reasons' weights.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "reason", content = "value", rename_all = "kebab-case")]
pub enum RelatedReason {
    /// One links to the other, in either direction.
    Linked,
    /// Both list this service.
    Service(String),
    /// Both carry this tag.
    Tag(String),
    /// Both have moments marked with this theme (`misunderstanding`).
    Theme(String),
    /// Both write-ups use this glossary term.
    Term(String),
    /// This many people wrote in both timelines (people as merged).
    People(u32),
    /// Their texts read alike (from the search index; not computed yet). The score is 0 to
    /// 100.
    SimilarText(u32),
}

impl RelatedReason {
    /// The weights, documented once:
    /// - a direct link (either way): 6, what a writer said outright;
    /// - a shared service: 3; a shared person: 2 each (at most 3 counted);
    /// - a shared theme: 2, a shared glossary term: 1, a shared tag: 1;
    /// - similar text: its score / 25 (0 to 4), once the search index provides it.
    pub fn weight(&self) -> u32 {
        match self {
            RelatedReason::Linked => 6,
            RelatedReason::Service(_) => 3,
            RelatedReason::People(n) => 2 * (*n).min(3),
            RelatedReason::Theme(_) => 2,
            RelatedReason::Term(_) | RelatedReason::Tag(_) => 1,
            RelatedReason::SimilarText(score) => (*score).min(100) / 25,
        }
    }

    /// As a reader reads it: "service dock-broker", "2 responders".
    pub fn describe(&self) -> String {
        match self {
            RelatedReason::Linked => "linked".to_owned(),
            RelatedReason::Service(s) => format!("service {s}"),
            RelatedReason::Tag(t) => format!("tag {t}"),
            RelatedReason::Theme(t) => format!("theme {t}"),
            RelatedReason::Term(t) => format!("term {t}"),
            RelatedReason::People(1) => "1 responder".to_owned(),
            RelatedReason::People(n) => format!("{n} responders"),
            RelatedReason::SimilarText(_) => "similar text".to_owned(),
        }
    }
}

/// An incident related to another, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedIncident {
    pub slug: Slug,
    pub title: String,
    pub score: u32,
    /// Strongest first.
    pub reasons: Vec<RelatedReason>,
}

impl RelatedIncident {
    /// From its reasons: scored, and the reasons strongest first (then in their own order).
    pub fn new(slug: Slug, title: String, mut reasons: Vec<RelatedReason>) -> RelatedIncident {
        reasons.sort();
        reasons.dedup();
        reasons.sort_by_key(|r| std::cmp::Reverse(r.weight()));
        let score = reasons.iter().map(RelatedReason::weight).sum();
        RelatedIncident {
            slug,
            title,
            score,
            reasons,
        }
    }

    /// "linked, shares service dock-broker, theme misunderstanding, term NAT, 2 responders".
    pub fn reasons_text(&self) -> String {
        let mut out = String::new();
        let mut shares = false;
        for r in &self.reasons {
            if !out.is_empty() {
                out.push_str(", ");
            }
            if !matches!(r, RelatedReason::Linked) && !shares {
                out.push_str("shares ");
                shares = true;
            }
            out.push_str(&r.describe());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_reasons_read_as_a_sentence_strongest_first() {
        let r = RelatedIncident::new(
            Slug::parse("x").unwrap(),
            "X".into(),
            vec![
                RelatedReason::Term("NAT".into()),
                RelatedReason::People(2),
                RelatedReason::Service("dock-broker".into()),
                RelatedReason::Theme("misunderstanding".into()),
                RelatedReason::Linked,
                RelatedReason::Term("NAT".into()),
            ],
        );
        assert_eq!(r.score, 6 + 4 + 3 + 2 + 1);
        assert_eq!(
            r.reasons_text(),
            "linked, shares 2 responders, service dock-broker, theme misunderstanding, term NAT"
        );
    }

    #[test]
    fn people_count_at_most_three() {
        assert_eq!(RelatedReason::People(40).weight(), 6);
        assert_eq!(RelatedReason::SimilarText(1000).weight(), 4);
    }

    #[test]
    fn citations_as_json_say_kind_where_and_text() {
        let c = Citation {
            kind: CitationKind::Incident,
            place: CitationPlace::Incident {
                slug: Slug::parse("a").unwrap(),
                title: "A".into(),
                section: Some(Section {
                    heading: "Backdrop".into(),
                    anchor: "backdrop".into(),
                }),
                perspective: None,
            },
            target: String::new(),
            text: "see".into(),
        };
        assert_eq!(
            serde_json::to_value(&c).unwrap(),
            serde_json::json!({"kind": "incident", "where": {"incident": "a", "title": "A",
                "section": {"heading": "Backdrop", "anchor": "backdrop"}, "perspective": null},
                "target": "", "text": "see"})
        );
        let commit = CitationPlace::Repository {
            repository: "r".into(),
            commit: "abc".into(),
            path: None,
            line: None,
        };
        assert_eq!(
            serde_json::to_value(&commit).unwrap(),
            serde_json::json!({"repository": "r", "commit": "abc", "path": null, "line": null})
        );
    }

    #[test]
    fn text_sources_round_trip() {
        for s in [
            TextSource::Narrative,
            TextSource::Perspective(7),
            TextSource::Comment(3),
        ] {
            assert_eq!(TextSource::from_stored(s.kind(), s.id()), Some(s));
        }
        assert_eq!(TextSource::from_stored("story", 3), None);
    }
}

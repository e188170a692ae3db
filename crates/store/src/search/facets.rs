//! Facet counts over a search's candidates: hits per person and kind, incidents per theme,
//! service, tag, year and severity.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::run::{Candidate, IncidentFacts};
use super::{FacetCount, Facets};

/// Values listed per facet.
const FACET_VALUES: usize = 12;

/// Counts per facet value: hits for people and kinds, incidents for the rest.
pub(crate) fn facets(candidates: &[Candidate], facts: &HashMap<i64, IncidentFacts>) -> Facets {
    let mut people: BTreeMap<String, u64> = BTreeMap::new();
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    let mut matched: HashSet<i64> = HashSet::new();
    for c in candidates {
        if let Some(p) = &c.person {
            *people.entry(p.clone()).or_default() += 1;
        }
        let kind = c
            .entry_kind
            .clone()
            .unwrap_or_else(|| c.kind.as_str().to_string());
        *kinds.entry(kind).or_default() += 1;
        if let Some(id) = c.incident_id {
            matched.insert(id);
        }
    }
    let mut themes: BTreeMap<String, u64> = BTreeMap::new();
    let mut services: BTreeMap<String, u64> = BTreeMap::new();
    let mut tags: BTreeMap<String, u64> = BTreeMap::new();
    let mut years: BTreeMap<String, u64> = BTreeMap::new();
    let mut severities: BTreeMap<String, u64> = BTreeMap::new();
    for id in &matched {
        let Some(f) = facts.get(id) else { continue };
        for t in &f.themes {
            *themes.entry(t.as_str().to_string()).or_default() += 1;
        }
        for s in dedup(&f.services) {
            *services.entry(s).or_default() += 1;
        }
        for t in dedup(&f.tags) {
            *tags.entry(t).or_default() += 1;
        }
        *years.entry(f.year.to_string()).or_default() += 1;
        if let Some(s) = &f.severity {
            *severities.entry(s.clone()).or_default() += 1;
        }
    }
    Facets {
        themes: top(themes),
        services: top(services),
        tags: top(tags),
        people: top(people),
        years: {
            // Years read best in order, newest first.
            let mut y: Vec<FacetCount> = years
                .into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect();
            y.reverse();
            y.truncate(FACET_VALUES);
            y
        },
        kinds: top(kinds),
        severities: top(severities),
    }
}

fn dedup(values: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    values
        .iter()
        .filter(|v| seen.insert(v.to_lowercase()))
        .cloned()
        .collect()
}

fn top(counts: BTreeMap<String, u64>) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    // Most first; equal counts alphabetically (the map's order, kept by a stable sort).
    v.sort_by_key(|f| std::cmp::Reverse(f.count));
    v.truncate(FACET_VALUES);
    v
}

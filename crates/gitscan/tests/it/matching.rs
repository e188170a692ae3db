//! The matching rules, on text alone.

use lore_gitscan::{Identifier, Matcher, Needle};

fn found(matcher: &Matcher, text: &str) -> Vec<(String, String)> {
    let mut hits = Vec::new();
    matcher.find(text.as_bytes(), &mut hits);
    hits.iter()
        .map(|h| {
            (
                matcher.keys()[h.identifier].clone(),
                text[h.start..h.end].to_owned(),
            )
        })
        .collect()
}

fn pair(key: &str, text: &str) -> (String, String) {
    (key.to_owned(), text.to_owned())
}

#[test]
fn aliases_match_whole_tokens_only() {
    let m = Matcher::new(&[Identifier::for_incident(
        "https://l.example",
        "riverton-2026-03",
        ["INC-3117"],
    )])
    .unwrap();
    assert_eq!(
        found(
            &m,
            "INC-31170 XINC-3117 INC-3117-followup INC_3117 inc-3117x"
        ),
        vec![]
    );
    assert_eq!(
        found(&m, "(inc-3117), INC-3117.md and INC-3117: yes"),
        vec![
            pair("riverton-2026-03", "inc-3117"),
            pair("riverton-2026-03", "INC-3117"),
            pair("riverton-2026-03", "INC-3117")
        ]
    );
    assert_eq!(
        found(&m, "riverton-2026-03-followup riverton-2026-031"),
        vec![]
    );
    assert_eq!(
        found(&m, "see riverton-2026-03."),
        vec![pair("riverton-2026-03", "riverton-2026-03")]
    );
}

#[test]
fn a_permalink_is_one_reference_and_matches_longer_permalinks() {
    let m = Matcher::new(&[
        Identifier::for_incident("https://l.example", "db-2025", Vec::<String>::new()),
        Identifier::for_incident("https://l.example", "db-2025-02", Vec::<String>::new()),
    ])
    .unwrap();
    assert_eq!(
        found(
            &m,
            "https://l.example/incidents/db-2025/timeline#e-1 and https://l.example/incidents/db-2025-02"
        ),
        vec![
            pair("db-2025", "https://l.example/incidents/db-2025"),
            pair("db-2025-02", "https://l.example/incidents/db-2025-02")
        ]
    );
}

#[test]
fn a_common_word_slug_matches_only_as_a_link() {
    let m = Matcher::new(&[Identifier::for_incident(
        "https://l.example",
        "outage",
        Vec::<String>::new(),
    )])
    .unwrap();
    assert_eq!(found(&m, "an outage, OUTAGE"), vec![]);
    assert_eq!(
        found(&m, "[[outage]] and https://l.example/incidents/outage#x"),
        vec![
            pair("outage", "[[outage]]"),
            pair("outage", "https://l.example/incidents/outage")
        ]
    );
}

#[test]
fn a_longer_needle_failing_its_boundary_does_not_hide_a_shorter_one() {
    let m = Matcher::new(&[Identifier {
        key: "a".into(),
        needles: vec![
            Needle::Alias("OPS-12".into()),
            Needle::Alias("OPS-12 x".into()),
        ],
    }])
    .unwrap();
    assert_eq!(found(&m, "OPS-12 xy"), vec![pair("a", "OPS-12")]);
    assert_eq!(found(&m, "OPS-12 x."), vec![pair("a", "OPS-12 x")]);
}

#[test]
fn a_shared_alias_cites_both_incidents_and_empty_needles_are_refused() {
    let m = Matcher::new(&[
        Identifier::for_incident("https://l.example", "a-1", ["OPS-9"]),
        Identifier::for_incident("https://l.example", "b-2", ["ops-9"]),
    ])
    .unwrap();
    assert_eq!(
        found(&m, "OPS-9"),
        vec![pair("a-1", "OPS-9"), pair("b-2", "OPS-9")]
    );
    let err =
        Matcher::new(&[Identifier::for_incident("https://l.example", "a-1", ["  "])]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "identifier \"a-1\": an empty needle would cite every line"
    );
}

#[test]
fn the_fingerprint_follows_the_needles_not_their_order() {
    let a = Identifier::for_incident("https://l.example", "a-1", ["X-1"]);
    let b = Identifier::for_incident("https://l.example", "b-2", ["Y-2"]);
    let one = Matcher::new(&[a.clone(), b.clone()]).unwrap().fingerprint();
    let two = Matcher::new(&[b.clone(), a.clone()]).unwrap().fingerprint();
    assert_eq!(one, two);
    let c = Identifier::for_incident("https://l.example", "b-2", ["Y-2", "Z-3"]);
    assert_ne!(one, Matcher::new(&[a, c]).unwrap().fingerprint());
}

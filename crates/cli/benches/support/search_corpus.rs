//! The synthetic library the search benchmark reads: incidents with titles, summaries,
//! services, tags, years and severities; a narrative of a few sections, perspectives and
//! moments for each; and their timelines, imported through `ImportSession` in big batches.
//!
//! Text is drawn word by word from a Zipf distribution (exponent 1) over a vocabulary of
//! [`VOCABULARY`] words: made-up words, with real ones placed at fixed ranks ([`PLACED`]) and a
//! rare word and a phrase added at fixed rates, so every query of the benchmark has a known
//! selectivity. Everything comes from one seed: the same sizes make the same library.

use std::collections::HashSet;
use std::time::Instant;

use lore_core::{
    EntryKind, IncidentTimes, MarkedOn, NewAnnotation, NewIncident, NewPerspective, NewSource,
    NewTimelineEntry, PersonHint, Provenance, References, Role, Slug, Theme, Username,
    content_hash,
};
use lore_store::{NewAccount, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use time::{Duration, OffsetDateTime};

use super::bench_db::env_number;

/// Change when the corpus changes: cached databases of another version are not reused.
pub const VERSION: u32 = 1;
const SEED: u64 = 0x5EA2_C4B0;
pub const VOCABULARY: usize = 30_000;

/// Real words at fixed ranks (1 is the most frequent). With exponent 1 over 30,000 words a
/// word of rank r is about 1 token in 10.9 × r.
pub const PLACED: &[(&str, usize)] = &[
    ("the", 1),
    ("to", 2),
    ("is", 3),
    ("it", 4),
    ("we", 5),
    ("on", 6),
    ("and", 7),
    ("a", 8),
    ("i", 9),
    ("of", 10),
    ("in", 11),
    ("that", 12),
    ("for", 13),
    ("now", 14),
    ("not", 15),
    ("this", 16),
    ("be", 17),
    ("can", 18),
    ("see", 19),
    ("still", 20),
    ("restart", 40),
    ("deploy", 60),
    ("broker", 90),
    ("failed", 120),
    ("rollback", 150),
    ("dashboard", 300),
    ("latency", 400),
    ("failure", 600),
    ("failover", 800),
    ("certificate", 1_200),
    ("failing", 2_000),
    ("quorum", 5_000),
    ("tombstone", 12_000),
];
/// The mid-frequency word (rank 150: about 0.7% of entries).
pub const MID_WORD: &str = "rollback";
/// Another (rank 400), for two words together.
pub const SECOND_WORD: &str = "latency";
/// In 1 entry in 100,000, in 1 incident summary in 200 and 1 narrative in 500.
pub const RARE_WORD: &str = "zanzibar";
/// In 1 entry in 2,000 and 1 narrative in 20.
pub const PHRASE: &str = "connection pool exhausted";
/// Matches failed, failure, failover, failing (no made-up word starts with it).
pub const PREFIX: &str = "fail";
/// The service the filtered query names: services are drawn evenly, 1 to 3 an incident.
pub const SERVICE: &str = "dock-broker";
pub const YEAR: i32 = 2019;
pub const ADMIN: &str = "bench-admin";
pub const READER: &str = "bench-reader";

#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub incidents: usize,
    pub entries: usize,
}

impl Sizes {
    /// From `LORE_BENCH_{prefix}INCIDENTS` and `…ENTRIES`, else the defaults.
    pub fn from_env(prefix: &str, default: Sizes) -> Sizes {
        Sizes {
            incidents: env_number(&format!("{prefix}INCIDENTS"), default.incidents),
            entries: env_number(&format!("{prefix}ENTRIES"), default.entries),
        }
    }

    pub fn key(&self) -> String {
        format!("{}i-{}e-v{VERSION}", self.incidents, self.entries)
    }
}

/// Words and their Zipf distribution.
pub struct Words {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Words {
    pub fn new() -> Words {
        let mut rng = StdRng::seed_from_u64(SEED);
        let mut words = vec![String::new(); VOCABULARY];
        let mut taken: HashSet<String> = HashSet::new();
        for (w, rank) in PLACED {
            words[rank - 1] = (*w).to_string();
            taken.insert((*w).to_string());
        }
        const ONSETS: &[&str] = &[
            "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
            "z", "br", "ch", "cl", "dr", "gr", "pl", "sh", "st", "th", "tr",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "y"];
        const CODAS: &[&str] = &["", "", "", "n", "r", "s", "l", "t", "m", "x", "ck"];
        for slot in words.iter_mut().filter(|w| w.is_empty()) {
            loop {
                let syllables = rng.random_range(1..=3);
                let mut w = String::new();
                for _ in 0..syllables {
                    w.push_str(ONSETS[rng.random_range(0..ONSETS.len())]);
                    w.push_str(VOWELS[rng.random_range(0..VOWELS.len())]);
                    w.push_str(CODAS[rng.random_range(0..CODAS.len())]);
                }
                let clashes = w.starts_with(PREFIX) || w == RARE_WORD;
                if !clashes && taken.insert(w.clone()) {
                    *slot = w;
                    break;
                }
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=VOCABULARY)
            .map(|r| {
                total += 1.0 / r as f64;
                total
            })
            .collect();
        Words { words, cumulative }
    }

    pub fn pick(&self, rng: &mut StdRng) -> &str {
        let u = rng.random::<f64>() * self.cumulative[VOCABULARY - 1];
        let i = self
            .cumulative
            .partition_point(|c| *c < u)
            .min(VOCABULARY - 1);
        &self.words[i]
    }

    /// `words` (a range) words as a sentence; `extra` is put at a random place.
    pub fn sentence(
        &self,
        rng: &mut StdRng,
        words: std::ops::Range<usize>,
        extra: Option<&str>,
    ) -> String {
        let n = rng.random_range(words);
        let mut out = String::with_capacity(n * 7);
        let at = extra.map(|_| rng.random_range(0..=n));
        for i in 0..=n {
            if at == Some(i) {
                out.push_str(extra.unwrap());
                out.push(' ');
            }
            if i < n {
                out.push_str(self.pick(rng));
                out.push(if rng.random_ratio(1, 12) { ',' } else { ' ' });
                if out.ends_with(',') {
                    out.push(' ');
                }
            }
        }
        out.trim_end_matches([' ', ',']).to_string()
    }
}

/// 200 services, `dock-broker` first.
pub fn services() -> Vec<String> {
    const A: &[&str] = &[
        "dock", "billing", "auth", "edge", "queue", "search", "payment", "ledger", "session",
        "media", "config", "identity", "metrics", "notify", "catalog", "route", "cache", "storage",
        "report", "schedule",
    ];
    const B: &[&str] = &[
        "broker", "gateway", "api", "worker", "db", "proxy", "indexer", "store", "service",
        "router",
    ];
    A.iter()
        .flat_map(|a| B.iter().map(move |b| format!("{a}-{b}")))
        .collect()
}

const TAGS: &[&str] = &[
    "mqtt",
    "dns",
    "tls",
    "kubernetes",
    "postgres",
    "kafka",
    "redis",
    "cdn",
    "bgp",
    "oncall",
    "capacity",
    "config-change",
    "third-party",
    "data-loss",
    "security",
    "migration",
];
const SYMPTOMS: &[&str] = &[
    "dropped connections",
    "timed out",
    "served stale data",
    "returned errors",
    "ran out of memory",
    "stopped processing",
    "slowed to a crawl",
    "lost writes",
    "flapped between regions",
    "rejected logins",
];
const FIRST: &[&str] = &[
    "Nadia", "Sam", "Ari", "Mei", "Tomas", "Ines", "Kofi", "Lena", "Ravi", "Olga", "Jon", "Priya",
    "Hugo", "Zara", "Emil", "Noor", "Yuki", "Bea", "Ivan", "Sade",
];
const LAST: &[&str] = &[
    "Okafor", "Lind", "Moreau", "Chen", "Silva", "Novak", "Haddad", "Berg", "Kowalski", "Ito",
    "Mensah", "Patel", "Garcia", "Ahmed", "Fischer",
];
const PEOPLE: usize = 3_000;

fn person_name(n: usize) -> String {
    let (f, l) = (FIRST[n % FIRST.len()], LAST[(n / FIRST.len()) % LAST.len()]);
    match n / (FIRST.len() * LAST.len()) {
        0 => format!("{f} {l}"),
        k => format!("{f} {l} {k}"),
    }
}

/// How many entries each incident has: heavy-tailed (most have a few hundred, some tens of
/// thousands), `total` in all.
fn entry_counts(rng: &mut StdRng, incidents: usize, total: usize) -> Vec<usize> {
    let weights: Vec<f64> = (0..incidents)
        .map(|_| (1.0 - rng.random::<f64>()).powf(-0.6).min(40.0))
        .collect();
    let sum: f64 = weights.iter().sum();
    let mut counts: Vec<usize> = weights
        .iter()
        .map(|w| (w / sum * total as f64) as usize)
        .collect();
    let short = total - counts.iter().sum::<usize>();
    for c in counts.iter_mut().take(short) {
        *c += 1;
    }
    counts
}

pub fn is_restricted(i: usize) -> bool {
    i % 20 == 7
}

struct Plan {
    incident: NewIncident,
    people: Vec<(String, String)>,
    kind: &'static str,
}

fn plan(i: usize, words: &Words, services: &[String], rng: &mut StdRng) -> Plan {
    let year = 2015 + (i % 12) as i32;
    let start = OffsetDateTime::new_utc(
        time::Date::from_calendar_date(year, time::Month::January, 1).unwrap(),
        time::Time::MIDNIGHT,
    ) + Duration::minutes(rng.random_range(0..360 * 24 * 60));
    let n_services = rng.random_range(1..=3);
    let mut svc: Vec<String> = Vec::new();
    while svc.len() < n_services {
        let s = services[rng.random_range(0..services.len())].clone();
        if !svc.contains(&s) {
            svc.push(s);
        }
    }
    let tags: Vec<String> = (0..rng.random_range(0..=2))
        .map(|_| TAGS[rng.random_range(0..TAGS.len())].to_string())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let title = format!(
        "{} {} {}",
        svc[0],
        SYMPTOMS[rng.random_range(0..SYMPTOMS.len())],
        words.sentence(rng, 2..3, None)
    );
    let rare = (i % 200 == 13).then_some(RARE_WORD);
    let mut incident = NewIncident::new(Slug::parse(&format!("{year}-inc-{i:05}")).unwrap(), title);
    incident.summary = words.sentence(rng, 20..45, rare);
    incident.severity = Some(format!("SEV{}", rng.random_range(1..=4)));
    incident.services = svc;
    incident.tags = tags;
    incident.restricted = is_restricted(i);
    incident.times = IncidentTimes {
        started_at: Some(start),
        ..IncidentTimes::default()
    };
    let people = (0..rng.random_range(3..25))
        .map(|_| rng.random_range(0..PEOPLE))
        .collect::<HashSet<_>>()
        .into_iter()
        .map(|p| (format!("u{p}"), person_name(p)))
        .collect();
    let kind = match rng.random_range(0..10) {
        0..7 => "slack",
        7..9 => "irc",
        _ => "jsonl",
    };
    Plan {
        incident,
        people,
        kind,
    }
}

fn entries(plan: &Plan, n: usize, words: &Words, rng: &mut StdRng) -> Vec<NewTimelineEntry> {
    let mut at = plan.incident.times.started_at.unwrap();
    let channel = format!("inc-{}", plan.incident.slug.as_str());
    (0..n)
        .map(|seq| {
            at += Duration::seconds(rng.random_range(2..120));
            let (handle, _) = &plan.people[rng.random_range(0..plan.people.len())];
            let extra = if rng.random_ratio(1, 100_000) {
                Some(RARE_WORD)
            } else if rng.random_ratio(1, 2_000) {
                Some(PHRASE)
            } else {
                None
            };
            let text = words.sentence(rng, 3..21, extra);
            let kind = match rng.random_range(0..100) {
                0..92 => EntryKind::Chat,
                92..95 => EntryKind::Deploy,
                95..98 => EntryKind::Alert,
                _ => EntryKind::Ticket,
            };
            let thread_parent = (seq > 0 && rng.random_ratio(1, 20))
                .then(|| format!("m{}", rng.random_range(0..seq)));
            let raw = format!(
                r#"{{"n":{seq},"ts":{},"user":"{handle}","text":"{text}"}}"#,
                at.unix_timestamp()
            );
            NewTimelineEntry {
                occurred_at: at,
                time_text: at.unix_timestamp().to_string(),
                time_zone: Some("+00:00".into()),
                author_handle: Some(handle.clone()),
                channel: Some(channel.clone()),
                kind,
                text,
                thread_parent,
                noise: rng.random_ratio(1, 50),
                provenance: Provenance {
                    path: format!("{channel}.log"),
                    line: Some(seq as u64 + 1),
                    message_id: Some(format!("m{seq}")),
                },
                raw,
            }
        })
        .collect()
}

/// Fills an empty, migrated store; prints progress. Returns nothing: the store is the result.
pub async fn generate(store: &Store, sizes: Sizes) {
    let started = Instant::now();
    let words = Words::new();
    let services = services();
    let mut rng = StdRng::seed_from_u64(SEED ^ 1);
    let counts = entry_counts(&mut rng, sizes.incidents, sizes.entries);
    let account = |name: &str, role| NewAccount {
        username: Username::parse(name).unwrap(),
        password_hash: "x".into(),
        role,
    };
    store
        .create_account(&account(ADMIN, Role::Admin))
        .await
        .unwrap();
    store
        .create_account(&account(READER, Role::Reader))
        .await
        .unwrap();

    // Timelines: one source per incident, one transaction per ~250,000 entries.
    let mut plans = Vec::with_capacity(sizes.incidents);
    let mut ids = Vec::with_capacity(sizes.incidents);
    let mut session = store.begin_import(Some("bench")).await.unwrap();
    let mut in_session = 0;
    let mut done = 0;
    for (i, &n) in counts.iter().enumerate() {
        let mut rng = StdRng::seed_from_u64(SEED ^ (i as u64 + 2) << 8);
        let p = plan(i, &words, &services, &mut rng);
        let (id, _) = session.find_or_create_incident(&p.incident).await.unwrap();
        let hints: Vec<PersonHint> = p
            .people
            .iter()
            .map(|(h, d)| PersonHint {
                handle: h.clone(),
                display_name: d.clone(),
            })
            .collect();
        session.add_people(&hints);
        let source = NewSource {
            kind: p.kind.into(),
            file_name: format!("{}.log", p.incident.slug.as_str()),
            content_hash: content_hash(format!("bench {i}")),
        };
        assert!(session.begin_source(id, &source).await.unwrap());
        let all = entries(&p, n, &words, &mut rng);
        for batch in all.chunks(20_000) {
            session.add_entries(batch).await.unwrap();
        }
        session.end_source().await.unwrap();
        in_session += n;
        done += n;
        plans.push(p);
        ids.push(id);
        if in_session >= 250_000 || i + 1 == counts.len() {
            session.commit().await.unwrap();
            eprintln!(
                "  {} incidents, {done} entries ({:.0} s)",
                i + 1,
                started.elapsed().as_secs_f64()
            );
            session = store.begin_import(Some("bench")).await.unwrap();
            in_session = 0;
        }
    }
    drop(session);

    // What analysts write, through the store's own writes.
    let reader = Username::parse(READER).unwrap();
    for (i, (p, &id)) in plans.iter().zip(&ids).enumerate() {
        let mut rng = StdRng::seed_from_u64(SEED ^ (i as u64 + 2) << 20);
        let mut sections = vec![words.sentence(&mut rng, 30..31, None)];
        for heading in ["Summary", "Timeline", "What surprised us", "Follow-ups"] {
            let extra = if i % 500 == 77 && heading == "Timeline" {
                Some(RARE_WORD)
            } else if i % 20 == 3 && heading == "What surprised us" {
                Some(PHRASE)
            } else {
                None
            };
            let text = words.sentence(&mut rng, 40..120, extra);
            sections.push(format!("## {heading}\n\n{text}"));
        }
        let narrative = sections.join("\n\n");
        store
            .save_narrative(id, None, &narrative, ADMIN, &References::default())
            .await
            .unwrap();
        for _ in 0..rng.random_range(0..=2) {
            let (_, person) = &p.people[rng.random_range(0..p.people.len())];
            let body = words.sentence(&mut rng, 80..200, None);
            store
                .add_perspective(
                    &NewPerspective {
                        incident_id: id,
                        person: person.clone(),
                        written_by: ADMIN.into(),
                        interview: rng.random_bool(0.5),
                        body,
                    },
                    &References::default(),
                )
                .await
                .unwrap();
        }
        for _ in 0..rng.random_range(0..=4) {
            let theme = Theme::ALL[rng.random_range(0..Theme::ALL.len() - 1)];
            let start = rng.random_range(0..narrative.len() / 2);
            let start = (start..narrative.len())
                .find(|&b| narrative.is_char_boundary(b))
                .unwrap();
            let quote: String = narrative[start..].chars().take(60).collect();
            store
                .add_annotation(&NewAnnotation {
                    incident_id: id,
                    on: MarkedOn::Passage {
                        quote,
                        narrative_version: Some(1),
                    },
                    theme,
                    tag: None,
                    note: words.sentence(&mut rng, 5..30, None),
                    author: ADMIN.into(),
                })
                .await
                .unwrap();
        }
        if is_restricted(i) && i % 60 == 7 {
            let incident = store
                .incident_by_slug(&p.incident.slug)
                .await
                .unwrap()
                .unwrap();
            store.grant_access(&incident, &reader, ADMIN).await.unwrap();
        }
    }
    eprintln!(
        "  narratives, perspectives and moments ({:.0} s)",
        started.elapsed().as_secs_f64()
    );
}

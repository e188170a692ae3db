//! Which incidents a piece of text cites: one Aho-Corasick automaton over every needle of every
//! identifier, so a thousand incidents cost one pass over the text, not a thousand.
//!
//! # Matching rules
//!
//! - **Case**: every needle matches ASCII-case-insensitively (`inc-3117` cites `INC-3117`). URLs
//!   too: hosts are case-insensitive, and Lore's permalinks are lowercase, so nothing real is lost.
//! - **Whole tokens**: a token character is an ASCII letter or digit, `-` or `_`. A needle whose
//!   first (last) character is a token character matches only where the text before (after) it
//!   is not one. So `INC-31170` and `XINC-3117` do not cite `INC-3117`, and
//!   `riverton-stations-2026-03-followup` does not cite `riverton-stations-2026-03`; but
//!   `INC-3117.md`, `(INC-3117)` and `INC-3117:` do. `-` is a token character because slugs are
//!   hyphenated: without it the slug `riverton` would be cited by `riverton-stations`.
//! - **Permalinks** match as URL prefixes: `{base}/incidents/{slug}` followed by `/`, `#`, `?` or
//!   any non-token character is the incident's page or a permalink under it.
//! - **Common words**: a bare slug with no hyphen and no digit (`outage`, `dns`) would cite every
//!   commit that says the word, so it matches only inside its permalink or as `[[slug]]`.
//!   Aliases always match bare: an analyst chose them to be distinctive.
//! - **Overlaps**: at one position the longest valid needle wins, and a match consumes its text
//!   (a permalink is one reference, not also one for the slug inside it).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

/// One way an incident can be cited.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Needle {
    /// The incident's permalink URL prefix, `{base_url}/incidents/{slug}`.
    Permalink(String),
    /// The incident's slug.
    Slug(String),
    /// An identifier an analyst added: `INC-3117`, a ticket key, a status page id.
    Alias(String),
}

/// An incident and the needles that cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    /// What a reference is reported against: the incident's slug.
    pub key: String,
    /// Every way the incident may be cited.
    pub needles: Vec<Needle>,
}

impl Identifier {
    /// The usual needles of an incident: its permalink under `base_url` (a trailing `/` is
    /// ignored), its slug, and its aliases.
    pub fn for_incident<S: Into<String>>(
        base_url: &str,
        slug: &str,
        aliases: impl IntoIterator<Item = S>,
    ) -> Self {
        let mut needles = vec![
            Needle::Permalink(format!(
                "{}/incidents/{slug}",
                base_url.trim_end_matches('/')
            )),
            Needle::Slug(slug.to_owned()),
        ];
        needles.extend(aliases.into_iter().map(|a| Needle::Alias(a.into())));
        Identifier {
            key: slug.to_owned(),
            needles,
        }
    }
}

/// A match of one needle in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Matcher::keys`] of the cited incident.
    pub identifier: usize,
    /// Byte range of the match in the text.
    pub start: usize,
    /// Byte range end (exclusive).
    pub end: usize,
}

/// The compiled needles of all identifiers.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// Per automaton pattern: the identifiers it cites (two incidents may share an alias).
    owners: Vec<Vec<usize>>,
    /// Per automaton pattern: check the boundary before/after it.
    edges: Vec<(bool, bool)>,
    keys: Vec<String>,
    fingerprint: u64,
}

/// Identifiers that cannot be matched.
#[derive(Debug, thiserror::Error)]
pub enum MatcherError {
    /// A needle is empty or only whitespace; it would cite everything.
    #[error("identifier {key:?}: an empty needle would cite every line")]
    EmptyNeedle {
        /// The identifier's key.
        key: String,
    },
    /// The automaton could not be built (too many needles for memory).
    #[error("cannot build the automaton over {needles} needles: {source}")]
    Build {
        /// How many needles there were.
        needles: usize,
        /// Why aho-corasick refused.
        source: aho_corasick::BuildError,
    },
}

/// Is `b` part of a token (see the module documentation)?
pub(crate) fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

impl Matcher {
    /// Compiles the needles of `identifiers`. Needles are trimmed; duplicates (ignoring ASCII
    /// case) share one pattern.
    pub fn new(identifiers: &[Identifier]) -> Result<Self, MatcherError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (i, identifier) in identifiers.iter().enumerate() {
            for needle in &identifier.needles {
                let text = match needle {
                    Needle::Permalink(t) | Needle::Alias(t) => t.trim().to_owned(),
                    Needle::Slug(t) => {
                        let t = t.trim();
                        let common = !t.bytes().any(|b| b == b'-' || b.is_ascii_digit());
                        if common && !t.is_empty() {
                            format!("[[{t}]]")
                        } else {
                            t.to_owned()
                        }
                    }
                };
                if text.is_empty() {
                    return Err(MatcherError::EmptyNeedle {
                        key: identifier.key.clone(),
                    });
                }
                let folded = text.to_ascii_lowercase();
                let at = *index.entry(folded).or_insert_with(|| {
                    patterns.push(text);
                    owners.push(Vec::new());
                    patterns.len() - 1
                });
                if !owners[at].contains(&i) {
                    owners[at].push(i);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|source| MatcherError::Build {
                needles: patterns.len(),
                source,
            })?;
        let edges = patterns
            .iter()
            .map(|p| {
                let b = p.as_bytes();
                (is_token_byte(b[0]), is_token_byte(b[b.len() - 1]))
            })
            .collect();
        let mut sorted: Vec<(String, Vec<usize>)> = patterns
            .iter()
            .map(|p| p.to_ascii_lowercase())
            .zip(owners.iter().map(|o| o.to_vec()))
            .collect();
        sorted.sort();
        let mut fingerprint = Fnv::default();
        for (pattern, owned) in &sorted {
            fingerprint.write(pattern.as_bytes());
            for &i in owned {
                fingerprint.write(b"\0");
                fingerprint.write(identifiers[i].key.as_bytes());
            }
            fingerprint.write(b"\n");
        }
        Ok(Matcher {
            automaton,
            owners,
            edges,
            keys: identifiers.iter().map(|i| i.key.clone()).collect(),
            fingerprint: fingerprint.0,
        })
    }

    /// The identifiers' keys, in the order given to [`Matcher::new`].
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// A stable digest of the needles and whom they cite. A scan state records it: a rescan
    /// with other identifiers must read the whole history again.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Every citation in `text`, in order, each match a whole token (module documentation).
    /// Linear in the text plus the number of candidate matches.
    pub fn find(&self, text: &[u8], hits: &mut Vec<Hit>) {
        hits.clear();
        // Overlapping search so that a longer needle failing its boundary check does not hide
        // a shorter one at the same place; then keep the longest valid one per start, left
        // to right, without overlaps.
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let (start, end, p) = (m.start(), m.end(), m.pattern().as_usize());
            let (check_start, check_end) = self.edges[p];
            if check_start && start > 0 && is_token_byte(text[start - 1]) {
                continue;
            }
            if check_end && end < text.len() && is_token_byte(text[end]) {
                continue;
            }
            candidates.push((start, end, p));
        }
        if candidates.is_empty() {
            return;
        }
        // Longest first at each start.
        candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut consumed = 0;
        for (start, end, p) in candidates {
            if start < consumed {
                continue;
            }
            consumed = end;
            for &identifier in &self.owners[p] {
                hits.push(Hit {
                    identifier,
                    start,
                    end,
                });
            }
        }
    }
}

/// FNV-1a, 64 bits: a digest that stays the same across Rust releases (std's hasher may not),
/// so stored states stay valid after an upgrade.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

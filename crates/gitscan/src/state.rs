//! What a scan leaves for the next one: the ref tips whose history has been read, HEAD's tree
//! whose files have been read, and the fingerprint of the identifiers they were read for.

use serde::{Deserialize, Serialize};

/// The format written by this version; a state of another format is not trusted.
const FORMAT: u32 = 1;

/// What has been scanned in one repository. Serialisable (the store keeps it as JSON text via
/// [`ScanState::to_json`]); its fields are private so that only a scan can make one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanState {
    format: u32,
    /// Commits at the tips of every ref, sorted, full hex: all commits reachable from them
    /// have been read.
    pub(crate) tips: Vec<String>,
    /// HEAD's commit and tree when the files were read (`None`: an empty repository).
    pub(crate) head_commit: Option<String>,
    pub(crate) head_tree: Option<String>,
    /// [`crate::Matcher::fingerprint`] of the identifiers scanned for, in hex (JSON numbers
    /// lose 64-bit precision in some readers).
    pub(crate) identifiers: String,
    /// Set when the stored text could not be parsed: the next scan reads everything.
    #[serde(skip)]
    pub(crate) unreadable: Option<String>,
}

/// A stored state that is not a state.
#[derive(Debug, thiserror::Error)]
#[error("unreadable git scan state: {0}")]
pub struct StateError(#[from] serde_json::Error);

impl ScanState {
    pub(crate) fn new(
        mut tips: Vec<String>,
        head_commit: Option<String>,
        head_tree: Option<String>,
        fingerprint: u64,
    ) -> Self {
        tips.sort();
        tips.dedup();
        ScanState {
            format: FORMAT,
            tips,
            head_commit,
            head_tree,
            identifiers: format!("{fingerprint:016x}"),
            unreadable: None,
        }
    }

    /// The state as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a state of strings serialises")
    }

    /// Parses a state written by [`ScanState::to_json`].
    pub fn from_json(text: &str) -> Result<Self, StateError> {
        Ok(serde_json::from_str(text)?)
    }

    /// Parses a stored state; text that is not one gives a state that makes the next scan
    /// read everything and say why (a warning), rather than an error the caller must handle.
    pub fn from_json_lossy(text: &str) -> Self {
        Self::from_json(text).unwrap_or_else(|e| ScanState {
            format: 0,
            tips: Vec::new(),
            head_commit: None,
            head_tree: None,
            identifiers: String::new(),
            unreadable: Some(e.to_string()),
        })
    }

    /// Why this state cannot be the base of an incremental scan with `fingerprint`, if it
    /// cannot.
    pub(crate) fn unusable(&self, fingerprint: u64) -> Option<String> {
        if let Some(e) = &self.unreadable {
            return Some(format!("the previous state is unreadable ({e})"));
        }
        if self.format != FORMAT {
            return Some(format!(
                "the previous state has format {}, this version writes {FORMAT}",
                self.format
            ));
        }
        if self.identifiers != format!("{fingerprint:016x}") {
            return Some("the identifiers changed since the previous scan".to_owned());
        }
        None
    }

    /// The ref tips already scanned.
    pub fn tips(&self) -> &[String] {
        &self.tips
    }

    /// HEAD's commit at the previous scan.
    pub fn head_commit(&self) -> Option<&str> {
        self.head_commit.as_deref()
    }
}

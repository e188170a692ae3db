//! Lore's domain model.
//!
//! Everything here is plain data and the rules that keep it valid: newtypes that are parsed
//! once at the edge (slugs, usernames, passwords, roles) and the types that the importers
//! produce and the store keeps. No IO, no async: `import`, `render`, `store` and `web` all build
//! on these types, so this crate must stay cheap to compile and easy to test.

mod account;
mod annotation;
mod comment;
mod glossary;
mod hash;
mod incident;
mod links;
mod person;
mod perspective;
pub mod search;
mod timeline;

pub use account::{Account, Password, PasswordError, Role, RoleError, Username, UsernameError};
pub use annotation::{
    Annotation, AnnotationError, MAX_PASSAGE_CHARS, MarkedOn, NewAnnotation, Theme, ThemeError,
};
pub use comment::{
    Comment, CommentAnchor, CommentError, CommentVersion, LongTail, MAX_COMMENT_CHARS, NewComment,
    validate_comment_body,
};
pub use glossary::{
    Found, GlossaryError, GlossaryTerm, MAX_ALIAS_CHARS, MAX_ALIASES, NewGlossaryTerm, Spellings,
    WordMatch, find_word, undefined_acronyms,
};
pub use hash::{ContentHasher, content_hash};
pub use incident::{Incident, IncidentTimes, NewIncident, Slug, SlugError, TimeContradiction};
pub use links::{
    Citation, CitationCounts, CitationKind, CitationPlace, IncidentLinkRef, MAX_LINK_CONTEXT_CHARS,
    MAX_LINKS_PER_TEXT, PerspectiveRef, References, RelatedIncident, RelatedReason, Section,
    TextSource,
};
pub use person::{ChannelMembers, Handle, MergeSuggestion, Person, PersonHint, merge_suggestions};
pub use perspective::{NewPerspective, Perspective, PerspectiveError};
pub use timeline::{
    ENTRY_IDENTITY_HEX, EntryKind, EntryKindError, EntryRecord, NewSource, NewTimelineEntry,
    Provenance, Source, SourceRef, TimelineEntry, conversation_of, entry_identity,
};

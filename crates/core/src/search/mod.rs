//! Search across incidents: the query language ([`query`]) and text as the index sees it
//! ([`text`]). The stores run the query; this module decides what it means.

mod query;
mod text;

pub use query::{
    Field, HitKind, KindFilter, MAX_FILTERS, MAX_PHRASE_TOKENS, MAX_QUERY_CHARS, MAX_TERMS,
    MIN_PREFIX_CHARS, QueryError, SearchQuery, Term,
};
pub use text::{
    MATCH_END, MATCH_START, Section, anchorize, distinctive_terms, narrative_sections, plain_words,
    snippet, strip_marks, tokens,
};

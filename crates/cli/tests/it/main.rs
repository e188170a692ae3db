//! End-to-end tests of the real `lore` binary, each in a fresh data directory: the command
//! line (`cli`), the HTTP surface (`http`), what hostile input can make a view cost
//! (`hostile`), the state every link on the incident page keeps (`page_links`), sessions
//! shared by two servers over PostgreSQL (`postgres_shared_sessions`), search (`search`) and the pages in
//! headless Chromium (`browser`).

mod awards;
mod browser;
mod cli;
mod comments;
mod hostile;
mod http;
mod import;
mod links;
mod lint;
mod page_cache;
mod page_links;
mod postgres_shared_sessions;
mod reading;
mod reading_lists;
mod reviews;
mod search;
mod stories;
mod support;
mod windows;

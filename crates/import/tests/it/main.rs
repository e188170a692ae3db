//! Integration tests of the importers against real and hand-made files in `tests/data`.

mod csv;
mod irc;
mod sal;
mod slack;
mod status;
mod vtt;
mod writeup;
mod zones;

//! Integration tests of `lore-render` as other crates use it: hostile input of every kind the
//! issues reported, each with a bound on the work done (counted with `RenderStats`, never
//! timed), and the real write-ups fitting the limits with room to spare.

mod hostile;
mod real_writeups;

//! Importers: facts a person already keeps elsewhere, turned into a
//! commented profile. Pure: bytes in, profile text out; reading files, the
//! terminal questions and writing the profile are the command line's
//! (`cli::import`).
//!
//! An importer never guesses: a fact the source does not give (a degree's
//! level, a month where only the year is known) leaves its entry written
//! commented out, with a note saying what to fill in. What it writes loads
//! with the strict profile loader.

pub mod linkedin;

//! Integration tests of the index crate: the shipped edition against our own reading of the seed,
//! the validator against broken files, and round trips.

mod broken_files;
mod round_trip;
mod shipped_edition;
mod shipped_taxonomy;

//! Profiles: the model and the strict loader.

pub(crate) mod check;
pub mod edit;
pub mod load;
pub mod model;

pub(crate) use check::help_for;
pub use load::{load_file, parse_bytes, parse_toml};
pub use model::Profile;

//! Profiles: the model and the strict loader.

pub(crate) mod check;
pub mod load;
pub mod model;

pub use load::{load_file, parse_toml};
pub use model::Profile;

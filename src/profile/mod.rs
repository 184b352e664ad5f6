//! Profiles: the model and the strict loader.

mod check;
pub mod json;
pub mod load;
pub mod model;

pub use json::parse_json;
pub use load::{load_file, parse_toml};
pub use model::Profile;

//! Profiles: the model and the strict loader.

mod check;
pub mod json;
pub mod load;
pub mod model;

pub use check::Vocabulary;
pub use json::{parse_json, parse_json_with};
pub use load::{load_file, parse_toml, parse_toml_with};
pub use model::Profile;

//! Profiles: the format (defined once, in `format.rs`), the model, the
//! strict loaders (TOML and JSON) and the writer.

pub(crate) mod check;
pub mod edit;
pub mod format;
pub mod json;
mod lines;
pub mod load;
pub mod model;
pub mod write;

pub use check::Vocabulary;
pub(crate) use check::help_for;
pub use json::{parse_json, parse_json_with};
pub use load::{FileFormat, load_file, parse_bytes, parse_json_bytes, parse_toml, parse_toml_with};
pub use model::Profile;

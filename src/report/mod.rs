//! Rendering reports for people (text) and programs (JSON).

pub mod json;
pub mod text;

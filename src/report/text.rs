//! The text report (stub).

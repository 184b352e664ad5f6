//! The JSON report (stub).

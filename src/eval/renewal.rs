//! renewal

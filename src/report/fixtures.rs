//! The hand-built reports the renderers' tests use: they live with the
//! evaluator (see [`crate::eval::fixtures`]), whose tests use them too.

pub(crate) use crate::eval::fixtures::*;

//! desk — a terminal help desk over one SQLite file. See DESIGN.md for the layers.

pub mod demo;
pub mod domain;
pub mod store;

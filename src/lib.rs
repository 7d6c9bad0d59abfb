//! desk — a terminal help desk over one SQLite file. See DESIGN.md for the layers.

pub mod app;
pub mod channels;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod runtime;
pub mod store;
pub mod tui;
pub mod ui;

//! The localised interface's checks, in one test binary: the catalogues are complete (`catalogues`) and no new
//! user-visible literal appears in `src/ui` or `src/app` (`literals`, against `literals.baseline` here).

#[path = "../common/mod.rs"]
mod common;

mod catalogues;
mod literals;

//! Customer queries.

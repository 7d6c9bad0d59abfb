//! Knowledge-base queries.

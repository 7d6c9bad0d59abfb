//! Ticket queries: keyset-paged views, counts, one ticket with its thread.

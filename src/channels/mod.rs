//! Channels: outside messages in (IMAP, mail files, `desk ingest` JSON) as the intake's `Inbound`, and mail out. Parsing is pure;
//! reading files is here too, at the edge, never in `store` or `domain`.

pub mod imap_fetch;
pub mod ingest_json;
pub mod mail_files;
pub mod mail_parse;
pub mod mail_send;
pub mod secret;
pub mod tls;

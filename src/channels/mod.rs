//! Channels: outside messages in (mail files, `desk ingest` JSON) as the intake's `Inbound`. Parsing is pure;
//! reading files is here too, at the edge, never in `store` or `domain`.

pub mod ingest_json;
pub mod mail_files;
pub mod mail_parse;
pub mod mail_send;

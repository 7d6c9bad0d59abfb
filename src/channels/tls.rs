//! TLS for mail servers: rustls with the ring provider and Mozilla's roots (no system OpenSSL), plus the
//! certificates of an optional PEM file for a server signed by a company's own CA.

use anyhow::{Context, Result, anyhow};
use rustls::pki_types::ServerName;
use std::net::TcpStream;
use std::sync::Arc;

pub type TlsStream = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

pub use crate::store::tls::client_config;

/// Wraps a connected socket in TLS for `host`; the handshake happens on first use.
pub fn wrap(config: Arc<rustls::ClientConfig>, host: &str, tcp: TcpStream) -> Result<TlsStream> {
    let name = ServerName::try_from(host.to_string())
        .map_err(|_| anyhow!("`{host}` is not a host name TLS can check a certificate against"))?;
    let conn = rustls::ClientConnection::new(config, name).context("TLS setup")?;
    Ok(rustls::StreamOwned::new(conn, tcp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ca_file_without_certificates_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, "not a certificate\n").unwrap();
        let e = client_config(Some(&path)).unwrap_err().to_string();
        assert!(e.contains("no certificate in it"), "{e}");
        let missing = client_config(Some(&dir.path().join("nope.pem")))
            .unwrap_err()
            .to_string();
        assert!(missing.contains("nope.pem"), "{missing}");
        assert!(client_config(None).is_ok());
    }
}

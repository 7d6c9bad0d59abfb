//! TLS client settings shared by the mail channels and the PostgreSQL hub: rustls with the ring provider and
//! Mozilla's roots (no system OpenSSL), plus the certificates of an optional PEM file for a server signed by a
//! company's own CA.

use anyhow::{Context, Result, anyhow};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::path::Path;
use std::sync::Arc;

/// A client configuration that trusts the public roots and every certificate in `ca_file`.
pub fn client_config(ca_file: Option<&Path>) -> Result<Arc<rustls::ClientConfig>> {
    let mut roots =
        rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = ca_file {
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
            .and_then(|it| it.collect::<Result<_, _>>())
            .map_err(|e| anyhow!("ca_file {}: {e}", path.display()))?;
        if certs.is_empty() {
            return Err(anyhow!(
                "ca_file {}: no certificate in it (a PEM file with -----BEGIN CERTIFICATE----- blocks)",
                path.display()
            ));
        }
        for cert in certs {
            roots.add(cert).with_context(|| {
                format!("ca_file {}: a certificate desk cannot use", path.display())
            })?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("TLS setup")?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

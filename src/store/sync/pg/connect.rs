//! Reaching the hub: the connection URL (libpq's `postgres://user@host:port/db?sslmode=…` form), the password
//! from the URL, the environment or a command, and TLS as libpq's `sslmode` means it — `disable`; `prefer` (the
//! default) and `require` encrypt without checking the certificate, as libpq does; `verify-ca` and `verify-full`
//! check it against Mozilla's roots plus `sslrootcert` (a PEM file), and the host name.

use super::super::super::{Result, StoreError};
use postgres::config::SslMode;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// How long a connection attempt may take before the hub counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the hub is and how to log in.
#[derive(Debug, Clone, Default)]
pub struct HubConfig {
    pub url: String,
    /// A command whose output is the password (`[hub] password_command`), when neither the URL nor the
    /// environment (`DESK_HUB_PASSWORD`, `PGPASSWORD`) has one.
    pub password_command: Option<String>,
}

impl HubConfig {
    pub fn new(url: &str) -> HubConfig {
        HubConfig {
            url: url.to_string(),
            password_command: None,
        }
    }

    /// The URL without its password (said in messages and kept in the replica).
    pub fn shown(&self) -> String {
        shown_url(&self.url)
    }
}

/// True for a `postgres://` or `postgresql://` URL (a hub on PostgreSQL), false for a path (a hub file).
pub fn is_hub_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// `url` with any password taken out.
pub fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.split_once('@') {
        Some((a, h)) => (Some(a), h),
        None => (None, rest),
    };
    match auth {
        Some(a) => {
            let user = a.split_once(':').map_or(a, |(u, _)| u);
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_string(),
    }
}

/// The URL's own `sslmode` and `sslrootcert`, taken out of it (the client library knows neither `verify-*` nor
/// `sslrootcert`).
fn split_tls(url: &str) -> (String, Option<String>, Option<PathBuf>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), None, None);
    };
    let (mut mode, mut root) = (None, None);
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", v)) => mode = Some(v.to_string()),
            Some(("sslrootcert", v)) => root = Some(PathBuf::from(v)),
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (url, mode, root)
}

/// Opens a connection to the hub.
pub(super) fn client(cfg: &HubConfig) -> Result<postgres::Client> {
    let shown = cfg.shown();
    let bad = |what: String| StoreError::Refused(format!("hub URL {shown}: {what}"));
    let (url, mode, root) = split_tls(&cfg.url);
    let mut pg = postgres::Config::from_str(&url).map_err(|e| {
        bad(format!(
            "{e}; write it as postgres://USER@HOST:PORT/DATABASE (a password goes in DESK_HUB_PASSWORD)"
        ))
    })?;
    if pg.get_connect_timeout().is_none() {
        pg.connect_timeout(CONNECT_TIMEOUT);
    }
    pg.application_name("desk");
    if pg.get_password().is_none()
        && let Some(p) = password(cfg)?
    {
        pg.password(p);
    }
    let verify = match mode.as_deref().unwrap_or("prefer") {
        "disable" => {
            pg.ssl_mode(SslMode::Disable);
            false
        }
        "allow" | "prefer" => {
            pg.ssl_mode(SslMode::Prefer);
            false
        }
        "require" => {
            pg.ssl_mode(SslMode::Require);
            false
        }
        "verify-ca" | "verify-full" => {
            pg.ssl_mode(SslMode::Require);
            true
        }
        other => {
            return Err(bad(format!(
                "sslmode={other} is not one of disable, allow, prefer, require, verify-ca, verify-full"
            )));
        }
    };
    let tls = tls_config(verify, root.as_deref()).map_err(|e| bad(format!("{e:#}")))?;
    let tls = tokio_postgres_rustls::MakeRustlsConnect::new(tls);
    pg.connect(tls).map_err(|e| super::pg_error(&shown, &e))
}

fn password(cfg: &HubConfig) -> Result<Option<String>> {
    for var in ["DESK_HUB_PASSWORD", "PGPASSWORD"] {
        if let Ok(p) = std::env::var(var)
            && !p.is_empty()
        {
            return Ok(Some(p));
        }
    }
    let Some(cmd) = &cfg.password_command else {
        return Ok(None);
    };
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .output()
        .map_err(|e| StoreError::Refused(format!("[hub] password_command `{cmd}`: {e}")))?;
    if !out.status.success() {
        return Err(StoreError::Refused(format!(
            "[hub] password_command `{cmd}` failed ({}): {}",
            out.status,
            crate::domain::text::sanitize(String::from_utf8_lossy(&out.stderr).trim())
        )));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(Some(text.trim_end_matches(['\r', '\n']).to_string()))
}

fn tls_config(
    verify: bool,
    root: Option<&std::path::Path>,
) -> anyhow::Result<rustls::ClientConfig> {
    if verify {
        return Ok((*super::super::super::tls::client_config(root)?).clone());
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(
        rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider)))
            .with_no_client_auth(),
    )
}

/// `sslmode=prefer|require`: the channel is encrypted, the certificate not checked (libpq's meaning; a
/// server's default self-signed certificate works). Signatures are still checked, so the session is the server's.
#[derive(Debug)]
struct EncryptOnly(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_never_shows() {
        assert_eq!(
            shown_url("postgres://li:s3cret@db.example:5432/desk"),
            "postgres://li@db.example:5432/desk"
        );
        assert_eq!(shown_url("postgres://db/desk"), "postgres://db/desk");
        assert!(is_hub_url("postgresql://x/y") && !is_hub_url("/mnt/team.db"));
    }

    #[test]
    fn tls_settings_come_out_of_the_url() {
        let (url, mode, root) =
            split_tls("postgres://h/d?sslmode=verify-full&sslrootcert=/ca.pem&connect_timeout=3");
        assert_eq!(url, "postgres://h/d?connect_timeout=3");
        assert_eq!(mode.as_deref(), Some("verify-full"));
        assert_eq!(root, Some(PathBuf::from("/ca.pem")));
        assert_eq!(split_tls("postgres://h/d").0, "postgres://h/d");
    }

    #[test]
    fn an_unknown_sslmode_is_named() {
        let e = client(&HubConfig::new("postgres://127.0.0.1:1/d?sslmode=always"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("sslmode=always is not one of"), "{e}");
    }
}

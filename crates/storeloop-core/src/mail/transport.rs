//! Where a built message goes. The local outbox (the default) writes it as an .eml file and
//! nothing leaves the machine; SMTP hands it to a mail server. Each says how a failure should
//! be treated: try again later, give up, or — when the message may already have left — ask a
//! human.

use std::path::PathBuf;
use std::time::Duration;

use lettre::Transport as _;

use super::compose::Built;

/// How a hand-over failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Certainly not sent; trying again later may work (busy server, 4xx, 429, connection refused).
    #[error("not sent, try again later: {0}")]
    Temporary(String),
    /// Certainly not sent, and retrying will not help (5xx rejection, inactive recipient).
    #[error("rejected: {0}")]
    Permanent(String),
    /// The connection broke after the message may have been accepted: whether it left is unknown.
    #[error("unknown whether it was sent: {0}")]
    Unknown(String),
}

/// A place messages are handed to.
pub trait Transport: Send + Sync + std::fmt::Debug {
    /// Its name in the ledger ("outbox", "smtp").
    fn name(&self) -> &'static str;
    /// Hands the message over; returns the id the other side gave it.
    fn send(&self, message: &Built, key: &str) -> Result<String, SendError>;
    /// True when the other side recognises a repeated key and never sends twice (Resend's
    /// `Idempotency-Key`): then a message whose fate is unknown may safely be tried again.
    fn idempotent(&self) -> bool {
        false
    }
}

/// The local outbox: one `.eml` file per message in a folder.
#[derive(Debug, Clone)]
pub struct Outbox {
    pub dir: PathBuf,
}

impl Transport for Outbox {
    fn name(&self) -> &'static str {
        "outbox"
    }

    fn send(&self, message: &Built, key: &str) -> Result<String, SendError> {
        let io = |e: std::io::Error| {
            SendError::Temporary(format!("could not write to the outbox {}: {e}", self.dir.display()))
        };
        std::fs::create_dir_all(&self.dir).map_err(io)?;
        let name: String = key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        let file = self.dir.join(format!("{name}.eml"));
        let partial = self.dir.join(format!(".{name}.eml.partial"));
        // Written whole, then renamed: the outbox never shows half a message.
        std::fs::write(&partial, &message.raw).map_err(io)?;
        std::fs::rename(&partial, &file).map_err(io)?;
        Ok(file.display().to_string())
    }
}

/// Connection security for SMTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain text; only for a server on this computer.
    None,
    /// STARTTLS upgrade (usually port 587).
    StartTls,
    /// TLS from the start (usually port 465).
    Tls,
}

/// An SMTP server.
#[derive(Debug, Clone)]
pub struct Smtp {
    transport: lettre::SmtpTransport,
    host: String,
}

impl Smtp {
    /// Connects lazily to `host:port`; `credentials` are (user, password) from the keychain.
    pub fn new(
        host: &str,
        port: u16,
        security: Security,
        credentials: Option<(String, String)>,
    ) -> Result<Self, SendError> {
        let bad = |e: lettre::transport::smtp::Error| {
            SendError::Permanent(format!("the SMTP settings for {host} do not work: {e}"))
        };
        let mut b = match security {
            Security::None => lettre::SmtpTransport::builder_dangerous(host),
            Security::StartTls => lettre::SmtpTransport::starttls_relay(host).map_err(bad)?,
            Security::Tls => lettre::SmtpTransport::relay(host).map_err(bad)?,
        }
        .port(port)
        .timeout(Some(Duration::from_secs(20)));
        if let Some((user, password)) = credentials {
            b = b.credentials(lettre::transport::smtp::authentication::Credentials::new(user, password));
        }
        Ok(Smtp { transport: b.build(), host: host.to_owned() })
    }
}

impl Transport for Smtp {
    fn name(&self) -> &'static str {
        "smtp"
    }

    fn send(&self, message: &Built, _key: &str) -> Result<String, SendError> {
        // Before any byte of the message: a failure here means it certainly did not leave.
        match self.transport.test_connection() {
            Ok(true) => {}
            Ok(false) => return Err(SendError::Temporary(format!("{} did not answer", self.host))),
            Err(e) => return Err(SendError::Temporary(format!("could not reach {}: {e}", self.host))),
        }
        match self.transport.send_raw(&message.envelope, &message.raw) {
            Ok(response) => Ok(response.message().collect::<Vec<_>>().join(" ")),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
            Err(e) if e.is_transient() => Err(SendError::Temporary(e.to_string())),
            // The connection broke mid-conversation: the server may have taken the message.
            Err(e) => Err(SendError::Unknown(e.to_string())),
        }
    }
}

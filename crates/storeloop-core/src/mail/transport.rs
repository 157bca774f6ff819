//! Where a built message goes. The local outbox (the default) writes it as an .eml file and
//! nothing leaves the machine; SMTP (`smtp.rs`) and the providers (`providers.rs`) send it. Each says how a failure should
//! be treated: try again later, give up, or — when the message may already have left — ask a
//! human.

use super::compose::Built;
use std::path::PathBuf;

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
    /// How far ahead the other side will hold a message for later delivery; None when it will not.
    fn schedule_window(&self) -> Option<std::time::Duration> {
        None
    }
    /// Cancels a message handed over for later delivery, by the id the other side gave it.
    fn cancel(&self, provider_id: &str) -> Result<(), SendError> {
        Err(SendError::Permanent(format!("{} cannot cancel a message once it has it ({provider_id})", self.name())))
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

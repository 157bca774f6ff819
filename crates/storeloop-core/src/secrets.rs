//! Secrets (SMTP passwords, provider API keys) live only in the operating system's keychain:
//! macOS Keychain, Windows Credential Manager, or the Secret Service (GNOME Keyring, KWallet) on
//! Linux. Nothing secret is written to the database, the settings or a log.

use std::collections::HashMap;
use std::sync::Mutex;

/// The keychain "service" Storeloop's entries are filed under (the app's identifier).
pub const SERVICE: &str = "app.storeloop.desktop";

/// Why the keychain could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The system keychain could not be used ({0}). Make sure it is unlocked (on Linux: a desktop session with GNOME Keyring or KWallet running), then try again. Nothing was saved.")]
pub struct SecretError(pub String);

/// Where secrets are kept.
pub trait Secrets: Send + Sync + std::fmt::Debug {
    fn get(&self, name: &str) -> Result<Option<String>, SecretError>;
    fn set(&self, name: &str, value: &str) -> Result<(), SecretError>;
    fn delete(&self, name: &str) -> Result<(), SecretError>;
}

/// The operating system's keychain.
#[derive(Debug, Clone, Default)]
pub struct Keychain;

impl Keychain {
    fn entry(name: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(SERVICE, name).map_err(|e| SecretError(e.to_string()))
    }
}

impl Secrets for Keychain {
    fn get(&self, name: &str) -> Result<Option<String>, SecretError> {
        match Self::entry(name)?.get_password() {
            Ok(v) => Ok(Some(v)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(SecretError(e.to_string())),
        }
    }

    fn set(&self, name: &str, value: &str) -> Result<(), SecretError> {
        Self::entry(name)?.set_password(value).map_err(|e| SecretError(e.to_string()))
    }

    fn delete(&self, name: &str) -> Result<(), SecretError> {
        match Self::entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(SecretError(e.to_string())),
        }
    }
}

/// Secrets in memory, for tests that are not about the keychain.
#[derive(Debug, Default)]
pub struct MemorySecrets(Mutex<HashMap<String, String>>);

impl Secrets for MemorySecrets {
    fn get(&self, name: &str) -> Result<Option<String>, SecretError> {
        Ok(self.0.lock().unwrap_or_else(|e| e.into_inner()).get(name).cloned())
    }
    fn set(&self, name: &str, value: &str) -> Result<(), SecretError> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(name.to_owned(), value.to_owned());
        Ok(())
    }
    fn delete(&self, name: &str) -> Result<(), SecretError> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).remove(name);
        Ok(())
    }
}

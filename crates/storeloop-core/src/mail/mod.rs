//! Email: checked addresses and header text, MJML templates with known variables, messages
//! built with their compliance headers, transports (local outbox, SMTP), and sending exactly
//! once through the ledger in the store.

pub mod address;
pub mod compose;
pub mod events;
pub mod providers;
pub mod rate;
pub mod send;
pub mod smtp;
pub mod template;
pub mod transport;

//! Storeloop's engine: the local store, the demo store, the statistics, and the `api` façade
//! that the desktop shell and the command line both call.
//!
//! Architecture Invariant: this crate knows nothing about Tauri or any UI. Only [`api`] types
//! are serialisable and cross into the UI; everything else is free to change.

pub mod api;
pub mod audit;
pub mod clock;
pub mod copy;
pub mod demo;
pub mod flows;
pub mod guide;
pub mod import;
pub mod intel;
pub mod links;
pub mod mail;
pub mod measure;
pub mod model;
pub mod money;
pub mod paths;
pub mod privacy;
pub mod progress;
pub mod secrets;
pub mod stats;
pub mod store;
pub mod sync;
pub mod time;

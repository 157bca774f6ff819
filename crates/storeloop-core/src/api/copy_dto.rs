//! The copy studio's types that cross into the UI and the command line.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One problem in a piece of copy, with the offending span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CopyFinding {
    /// `forbidden`, `claim`, `grounding`, `medical`, `regulated`, `discount`, `length`, `spam`
    /// or `creepy`.
    pub rule: String,
    /// Start and end of the span, in characters (Unicode scalar values).
    pub start: u32,
    pub end: u32,
    /// The offending words themselves.
    pub span: String,
    pub explanation: String,
}

/// A generated or checked variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CopyVariant {
    pub kind: String,
    pub text: String,
    /// Why it should move someone (`reminder`, `education`, …), for generated variants.
    pub hook: Option<String>,
    pub sku: Option<String>,
    /// Empty when it passes every check.
    pub findings: Vec<CopyFinding>,
}

/// One line of a checked variants file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckedLine {
    #[ts(type = "number")]
    pub line: u64,
    pub kind: String,
    pub sku: Option<String>,
    pub text: String,
    pub findings: Vec<CopyFinding>,
}

/// The owner's lists: phrases never to use, and claims approved for copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CopyRules {
    pub forbidden: Vec<String>,
    pub claims: Vec<String>,
}

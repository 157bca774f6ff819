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
    /// What drafted it: `offline`, or the provider, model and prompt version
    /// (`openai gpt-4.1-mini · copy-rewrite v1`).
    pub generator: String,
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

/// A finding the owner approved anyway, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CopyOverride {
    pub rule: String,
    pub reason: String,
}

/// A variant in the review queue, checked as it stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QueuedVariant {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: String,
    pub sku: Option<String>,
    pub text: String,
    pub hook: Option<String>,
    pub generator: String,
    pub version: u32,
    /// `review`, `approved` or `rejected`.
    pub state: String,
    pub note: Option<String>,
    pub findings: Vec<CopyFinding>,
    /// Approved, for exactly this text, and still passing (or overridden): it may be sent.
    pub sendable: bool,
    pub updated_at: String,
}

/// One action on a variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CopyReview {
    pub version: u32,
    pub at: String,
    pub by: String,
    /// `generated`, `edited`, `approved`, `rejected`, `noted` or `tested`.
    pub action: String,
    /// The rules that found something at that moment.
    pub checks: Vec<String>,
    pub overridden: Vec<CopyOverride>,
    pub note: Option<String>,
}

/// A language-model provider Storeloop can draft copy with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CopyProvider {
    /// `openai`, `anthropic`, `gemini`, `ollama` or `openai-compatible`.
    pub name: String,
    pub label: String,
    pub needs_key: bool,
    /// Where its API is unless another address is given (none for a compatible server).
    pub default_base_url: Option<String>,
}

/// The language model the owner chose for drafting copy (the offline generator needs nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CopyGenerator {
    /// The provider's name; `None` until one is set up.
    pub provider: Option<String>,
    pub model: String,
    pub base_url: Option<String>,
    /// Whether the system keychain holds its API key (the key itself never leaves it).
    pub key_saved: bool,
    /// The prompt file drafts are made with (`copy-rewrite v1`).
    pub prompt: String,
    pub providers: Vec<CopyProvider>,
}

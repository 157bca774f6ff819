//! Drafting copy with a language model over its HTTP API: OpenAI (Responses API), any
//! OpenAI-compatible server (Chat Completions), Anthropic (Messages), Google Gemini
//! (generateContent) and a local Ollama. The model is asked to *rewrite the product's facts*
//! (the prompt is the versioned file `assets/prompts/copy-rewrite.v1.md`), in a JSON shape fixed
//! by a schema; whatever it returns is only a draft: the caller runs every check on it and it
//! waits in the review queue like any other variant.
//!
//! Failures are told in plain words and never retried when retrying cannot help (a wrong key, no
//! credit left, a refusal). Rate limits and overloads are retried twice, after the wait the
//! provider asks for (`Retry-After`, `retry-after-ms`, Gemini's `RetryInfo`), through an injected
//! sleep so tests do not wait. The key is sent only to the provider and never printed.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use super::{Kind, ProductFacts, Rules};

/// The prompt file, and the name stored with every variant it drafted.
const PROMPT: &str = include_str!("../../../../assets/prompts/copy-rewrite.v1.md");
pub const PROMPT_NAME: &str = "copy-rewrite v1";

/// The longest wait for a retry Storeloop accepts; a provider asking for more is told to the owner.
const MAX_WAIT: Duration = Duration::from_secs(120);
/// The most bytes of an answer read (a draft of 50 variants is a few kilobytes).
const MAX_BODY: u64 = 2 * 1024 * 1024;

/// A language-model provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    OpenAi,
    /// Any server speaking OpenAI's Chat Completions (LM Studio, llama.cpp, vLLM, Ollama's /v1…).
    Compatible,
    Anthropic,
    Gemini,
    Ollama,
}

impl Provider {
    pub const ALL: [Provider; 5] =
        [Provider::OpenAi, Provider::Anthropic, Provider::Gemini, Provider::Ollama, Provider::Compatible];

    pub fn name(self) -> &'static str {
        match self {
            Provider::OpenAi => "openai",
            Provider::Compatible => "openai-compatible",
            Provider::Anthropic => "anthropic",
            Provider::Gemini => "gemini",
            Provider::Ollama => "ollama",
        }
    }

    pub fn parse(s: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.name().eq_ignore_ascii_case(s.trim()))
    }

    /// How the owner knows it.
    pub fn label(self) -> &'static str {
        match self {
            Provider::OpenAi => "OpenAI",
            Provider::Compatible => "OpenAI-compatible server",
            Provider::Anthropic => "Anthropic",
            Provider::Gemini => "Google Gemini",
            Provider::Ollama => "Ollama on this computer",
        }
    }

    /// Where its API is, unless the owner says otherwise (a compatible server has no default).
    pub fn default_base(self) -> Option<&'static str> {
        match self {
            Provider::OpenAi => Some("https://api.openai.com/v1"),
            Provider::Compatible => None,
            Provider::Anthropic => Some("https://api.anthropic.com"),
            Provider::Gemini => Some("https://generativelanguage.googleapis.com"),
            Provider::Ollama => Some("http://127.0.0.1:11434"),
        }
    }

    /// Whether it cannot work without an API key (a compatible server may or may not want one).
    pub fn needs_key(self) -> bool {
        matches!(self, Provider::OpenAi | Provider::Anthropic | Provider::Gemini)
    }
}

/// Why a draft could not be had. Every message says what to do; none contains the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LlmError {
    #[error("{0}")]
    Settings(String),
    #[error(
        "{provider} refused the API key ({said}). Paste a new key in the Language model card on the Copy screen; nothing was drafted."
    )]
    Key { provider: &'static str, said: String },
    #[error("{provider} says the account cannot be used ({said}). Check its plan or billing on the provider's site; the offline generator works meanwhile.")]
    Account { provider: &'static str, said: String },
    #[error("{provider} is busy or limiting requests ({said}){}. Try again in a minute, or use the offline generator.", wait_words(.wait))]
    Busy { provider: &'static str, said: String, wait: Option<Duration> },
    #[error("{provider} has no model `{model}` ({said}). {hint}")]
    Model { provider: &'static str, model: String, said: String, hint: &'static str },
    #[error("{provider} declined to write this copy: “{said}”. Nothing was drafted; the offline generator and your own words still work.")]
    Refused { provider: &'static str, said: String },
    #[error(
        "{provider}'s answer was cut off at its length limit, so it was not used. Ask for fewer variants at a time."
    )]
    Truncated { provider: &'static str },
    #[error("{provider} stopped the answer ({said}). Nothing was drafted.")]
    Stopped { provider: &'static str, said: String },
    #[error("Could not reach {provider} at {base} ({said}). Check the network and the address in the Language model card on the Copy screen; the offline generator works without a network.")]
    Unreachable { provider: &'static str, base: String, said: String },
    #[error("{provider} did not send the list of variants that was asked for ({said}). Nothing was drafted; try again or try another model.")]
    Malformed { provider: &'static str, said: String },
    #[error("{provider} answered {status}: {said}")]
    Other { provider: &'static str, status: u16, said: String },
}

fn wait_words(wait: &Option<Duration>) -> String {
    match wait {
        Some(w) => format!(" and asks to wait {} s", w.as_secs().max(1)),
        None => String::new(),
    }
}

/// What is sent: the system instruction and the user's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub system: String,
    pub user: String,
    /// The hook types the answer may name.
    pub hooks: Vec<&'static str>,
    pub count: usize,
}

fn kind_words(kind: Kind) -> (&'static str, String) {
    let limit = kind.max_chars().map(|n| format!(" Each at most {n} characters.")).unwrap_or_default();
    match kind {
        Kind::Subject => ("email subject lines", format!("One line each, no emoji, no quotation marks.{limit}")),
        Kind::Preheader => {
            ("email preheaders (the line shown after the subject)", format!("One sentence each.{limit}"))
        }
        Kind::Hook => ("opening sentences for an email", "One or two sentences each.".to_owned()),
        Kind::Bullets => ("sets of benefit bullets", "Each variant is 3 lines starting with \"• \".".to_owned()),
        Kind::Description => {
            ("short product descriptions", "Each is 2 to 4 sentences, only about what the facts say.".to_owned())
        }
        Kind::Faq => (
            "answers to the customer questions listed in the facts",
            "Each variant is one question and its answer, as \"Q: …\\nA: …\", answered only from the care text."
                .to_owned(),
        ),
        Kind::Ad => ("ad texts", format!("One or two sentences each.{limit}")),
    }
}

fn segment_words(segment: Option<&str>) -> &'static str {
    match segment {
        Some("a") => "a customer who usually pays full price",
        Some("b") => "a customer who usually waits for a discount (do not offer one unless the facts do)",
        Some("c") => "someone who has not bought from the shop yet",
        _ => "any customer of the shop",
    }
}

fn money(minor: i64, currency: &str) -> String {
    format!("{}.{:02} {currency}", minor / 100, (minor % 100).abs())
}

/// The prompt for `count` variants of `kind` about a product: its facts, the owner's approved
/// claims and forbidden phrases, filled into the versioned prompt file.
pub fn prompt(kind: Kind, facts: &ProductFacts, segment: Option<&str>, count: usize, rules: &Rules) -> Prompt {
    let mut hooks = vec!["reminder", "education", "benefit", "shipping clarity"];
    if facts.inventory.is_some_and(|n| n <= rules.low_stock) {
        hooks.push("scarcity");
    }
    let mut lines = vec![format!("- Name: {}", facts.title.trim())];
    if let Some(c) = facts.category.as_deref().filter(|c| !c.trim().is_empty()) {
        lines.push(format!("- Category: {}", c.trim()));
    }
    if !facts.options.is_empty() {
        lines.push(format!("- Sizes or options: {}", facts.options.join("; ")));
    }
    if !facts.prices_minor.is_empty() {
        let prices: Vec<String> = facts.prices_minor.iter().map(|p| money(*p, &facts.currency)).collect();
        lines.push(format!("- Prices: {}", prices.join("; ")));
    }
    if let Some(c) = facts.care.as_deref().filter(|c| !c.trim().is_empty()) {
        lines.push(format!("- Care and use: {}", c.trim()));
    }
    match facts.inventory {
        Some(n) if n <= rules.low_stock => lines.push(format!("- Stock: only {n} left")),
        _ => lines.push("- Stock: plenty (do not suggest it is running out)".to_owned()),
    }
    if let Some(r) = &facts.return_reason {
        lines.push(format!("- Most common reason for returns: {r}"));
    }
    for (_, q) in facts.questions.iter().take(5) {
        lines.push(format!("- A customer asked: {q}"));
    }
    if facts.regulated {
        lines.push("- Regulated product: say nothing about health effects at all".to_owned());
    }
    let claims = if rules.claims.is_empty() {
        "(none)".to_owned()
    } else {
        rules.claims.iter().map(|c| format!("- {c}")).collect::<Vec<_>>().join("\n")
    };
    let forbidden = if rules.forbidden.is_empty() {
        "(none)".to_owned()
    } else {
        rules.forbidden.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ")
    };
    let (label, rule) = kind_words(kind);
    let fill = |s: &str| {
        s.replace("{{count}}", &count.to_string())
            .replace("{{kind_label}}", label)
            .replace("{{kind_rule}}", &rule)
            .replace("{{segment}}", segment_words(segment))
            .replace("{{facts}}", &lines.join("\n"))
            .replace("{{claims}}", &claims)
            .replace("{{forbidden}}", &forbidden)
            .replace("{{hooks}}", &hooks.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", "))
    };
    let (system, user) = split_prompt(PROMPT);
    Prompt { system: fill(system).trim().to_owned(), user: fill(user).trim().to_owned(), hooks, count }
}

/// The prompt file's system and user parts (the comment above them is never sent).
fn split_prompt(file: &str) -> (&str, &str) {
    // The markers are lines of their own (the comment mentions them inside a sentence).
    let after_system = file.split_once("\n=== SYSTEM ===\n").map_or(file, |(_, rest)| rest);
    after_system.split_once("\n=== USER ===\n").unwrap_or((after_system, ""))
}

/// The JSON Schema of the answer: `{"variants":[{"text","hook"}]}`, strict (every property
/// required, nothing else allowed) as OpenAI's and Anthropic's structured outputs want.
pub fn schema(hooks: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": {
            "variants": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "text": { "type": "string" },
                        "hook": { "type": "string", "enum": hooks },
                    },
                    "required": ["text", "hook"],
                    "additionalProperties": false,
                },
            },
        },
        "required": ["variants"],
        "additionalProperties": false,
    })
}

/// One drafted variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub text: String,
    pub hook: Option<String>,
}

/// Reads the model's JSON text into variants: at most `count`, trimmed, without blanks or
/// repeats; a hook not on the list is dropped (the text stays). A Markdown code fence around the
/// JSON (small local models add one) is taken off.
pub fn parse_variants(text: &str, hooks: &[&str], count: usize) -> Result<Vec<Suggestion>, String> {
    let t = text.trim();
    let t = t.strip_prefix("```json").or_else(|| t.strip_prefix("```")).unwrap_or(t);
    let t = t.strip_suffix("```").unwrap_or(t).trim();
    let v: Value = serde_json::from_str(t).map_err(|e| format!("its text is not JSON: {e}"))?;
    let list =
        v.get("variants").and_then(Value::as_array).ok_or_else(|| "its JSON has no \"variants\" list".to_owned())?;
    let mut out: Vec<Suggestion> = Vec::new();
    for item in list {
        let Some(text) = item.get("text").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()) else {
            continue;
        };
        if out.iter().any(|s| s.text == text) {
            continue;
        }
        let hook = item.get("hook").and_then(Value::as_str).filter(|h| hooks.contains(h)).map(str::to_owned);
        out.push(Suggestion { text: text.to_owned(), hook });
        if out.len() == count {
            break;
        }
    }
    if out.is_empty() {
        return Err("its list of variants is empty".to_owned());
    }
    Ok(out)
}

/// Waits between retries (real sleeping in the app; recorded in tests).
pub type Sleep = Arc<dyn Fn(Duration) + Send + Sync>;

/// A configured model.
pub struct Client {
    pub provider: Provider,
    pub base: String,
    pub model: String,
    key: Option<String>,
    agent: ureq::Agent,
    sleep: Sleep,
    retries: u32,
}

impl std::fmt::Debug for Client {
    // Never print the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("provider", &self.provider)
            .field("base", &self.base)
            .field("model", &self.model)
            .field("key", &self.key.as_ref().map(|_| "(in the keychain)"))
            .finish_non_exhaustive()
    }
}

/// A reply before it is judged.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What one attempt came to.
enum Attempt {
    Done(Vec<Suggestion>),
    /// Worth another try after the wait (when the provider named one).
    Retry(LlmError, Option<Duration>),
    Fail(LlmError),
}

impl Client {
    /// A client for `model` at `base` (the provider's own address when `None`), with `key`.
    pub fn new(provider: Provider, base: Option<&str>, model: &str, key: Option<String>) -> Result<Client, LlmError> {
        let base = base.map(str::trim).filter(|b| !b.is_empty()).or(provider.default_base()).ok_or_else(|| {
            LlmError::Settings(format!(
                "{} needs the server's address (for example http://127.0.0.1:1234/v1).",
                provider.label()
            ))
        })?;
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(LlmError::Settings(format!(
                "The address `{base}` is not a web address: it should start with https:// (or http:// for a server on this computer)."
            )));
        }
        let model = model.trim();
        if model.is_empty() || model.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(LlmError::Settings(format!(
                "Give the model's name as {} spells it (one word, no spaces), in the Language model card on the Copy screen.",
                provider.label()
            )));
        }
        let key = key.filter(|k| !k.trim().is_empty());
        if provider.needs_key() && key.is_none() {
            return Err(LlmError::Settings(format!(
                "{} needs an API key: paste it in the Language model card on the Copy screen (it is kept in the system keychain).",
                provider.label()
            )));
        }
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(120)))
            .timeout_connect(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .user_agent("Storeloop")
            .build();
        Ok(Client {
            provider,
            base: base.trim_end_matches('/').to_owned(),
            model: model.to_owned(),
            key,
            agent: config.into(),
            sleep: Arc::new(std::thread::sleep),
            retries: 2,
        })
    }

    /// Waits with `sleep` instead of sleeping (tests record the waits).
    pub fn with_sleep(mut self, sleep: Sleep) -> Self {
        self.sleep = sleep;
        self
    }

    /// At most this long per request.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent("Storeloop")
            .build();
        self.agent = config.into();
        self
    }

    /// Drafts the variants the prompt asks for, retrying what a retry can mend.
    pub fn draft(&self, p: &Prompt) -> Result<Vec<Suggestion>, LlmError> {
        let mut backoff = Duration::from_millis(500);
        let mut attempt = 0;
        loop {
            match self.attempt(p) {
                Attempt::Done(v) => return Ok(v),
                Attempt::Fail(e) => return Err(e),
                Attempt::Retry(e, wait) => {
                    if attempt >= self.retries || wait.is_some_and(|w| w > MAX_WAIT) {
                        return Err(e);
                    }
                    attempt += 1;
                    // Jitter keeps two windows of the app from retrying in step.
                    let jitter = Duration::from_millis(u64::from(std::process::id() % 250));
                    (self.sleep)(wait.unwrap_or(backoff + jitter));
                    backoff = (backoff * 2).min(Duration::from_secs(8));
                }
            }
        }
    }

    fn attempt(&self, p: &Prompt) -> Attempt {
        let (url, body, headers) = self.request(p);
        let mut req = self.agent.post(&url).header("Content-Type", "application/json");
        for (k, v) in &headers {
            req = req.header(*k, v);
        }
        let name = self.provider.label();
        let reply = match req.send(body.to_string()) {
            Ok(mut r) => Reply {
                status: r.status().as_u16(),
                headers: r
                    .headers()
                    .iter()
                    .filter_map(|(k, v)| v.to_str().ok().map(|v| (k.as_str().to_owned(), v.to_owned())))
                    .collect(),
                body: match r.body_mut().with_config().limit(MAX_BODY).read_to_string() {
                    Ok(b) => b,
                    Err(e) => {
                        return Attempt::Retry(
                            LlmError::Unreachable { provider: name, base: self.base.clone(), said: e.to_string() },
                            None,
                        )
                    }
                },
            },
            Err(e) => {
                let err = LlmError::Unreachable { provider: name, base: self.base.clone(), said: e.to_string() };
                // A refused connection to a local server will not mend in a second.
                return match e {
                    ureq::Error::ConnectionFailed | ureq::Error::HostNotFound | ureq::Error::BadUri(_) => {
                        Attempt::Fail(err)
                    }
                    ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => Attempt::Fail(err),
                    _ => Attempt::Retry(err, None),
                };
            }
        };
        if (200..300).contains(&reply.status) {
            return match self.read_answer(&reply.body, p) {
                Ok(v) => Attempt::Done(v),
                Err(e) => Attempt::Fail(e),
            };
        }
        self.judge_error(&reply)
    }

    /// The URL, JSON body and headers of a request.
    fn request(&self, p: &Prompt) -> (String, Value, Vec<(&'static str, String)>) {
        let schema = schema(&p.hooks);
        // Room for the variants asked for: generous, as cut-off JSON is worthless.
        let max_tokens = 400 + 160 * p.count as u64;
        let key = self.key.clone().unwrap_or_default();
        match self.provider {
            Provider::OpenAi => (
                format!("{}/responses", self.base),
                json!({
                    "model": self.model,
                    "instructions": p.system,
                    "input": [{ "role": "user", "content": p.user }],
                    "max_output_tokens": max_tokens,
                    // The shop's product facts are not kept on OpenAI's side.
                    "store": false,
                    "text": { "format": { "type": "json_schema", "name": "copy_variants", "schema": schema, "strict": true } },
                }),
                vec![("Authorization", format!("Bearer {key}"))],
            ),
            Provider::Compatible => (
                format!("{}/chat/completions", self.base),
                json!({
                    "model": self.model,
                    "messages": [
                        { "role": "system", "content": p.system },
                        { "role": "user", "content": p.user },
                    ],
                    "max_completion_tokens": max_tokens,
                    "response_format": {
                        "type": "json_schema",
                        "json_schema": { "name": "copy_variants", "schema": schema, "strict": true },
                    },
                }),
                if key.is_empty() { Vec::new() } else { vec![("Authorization", format!("Bearer {key}"))] },
            ),
            Provider::Anthropic => (
                format!("{}/v1/messages", self.base),
                json!({
                    "model": self.model,
                    "max_tokens": max_tokens,
                    "system": p.system,
                    "messages": [{ "role": "user", "content": p.user }],
                    "output_config": { "format": { "type": "json_schema", "schema": schema } },
                }),
                vec![("x-api-key", key), ("anthropic-version", "2023-06-01".to_owned())],
            ),
            Provider::Gemini => (
                format!("{}/v1beta/models/{}:generateContent", self.base, self.model),
                json!({
                    "systemInstruction": { "parts": [{ "text": p.system }] },
                    "contents": [{ "role": "user", "parts": [{ "text": p.user }] }],
                    "generationConfig": {
                        "responseMimeType": "application/json",
                        "responseJsonSchema": schema,
                        "maxOutputTokens": max_tokens,
                    },
                }),
                vec![("x-goog-api-key", key)],
            ),
            Provider::Ollama => (
                format!("{}/api/chat", self.base),
                json!({
                    "model": self.model,
                    "messages": [
                        { "role": "system", "content": p.system },
                        { "role": "user", "content": p.user },
                    ],
                    "stream": false,
                    "format": schema,
                    "options": { "num_predict": max_tokens },
                }),
                Vec::new(),
            ),
        }
    }

    /// The variants in a successful answer, or why there are none.
    fn read_answer(&self, body: &str, p: &Prompt) -> Result<Vec<Suggestion>, LlmError> {
        let provider = self.provider.label();
        let malformed = |said: String| LlmError::Malformed { provider, said };
        let v: Value = serde_json::from_str(body).map_err(|e| malformed(format!("the answer is not JSON: {e}")))?;
        let text = match self.provider {
            Provider::OpenAi => {
                match v.get("status").and_then(Value::as_str) {
                    Some("incomplete") => {
                        return Err(match v.pointer("/incomplete_details/reason").and_then(Value::as_str) {
                            Some("content_filter") => {
                                LlmError::Stopped { provider, said: "its content filter".to_owned() }
                            }
                            _ => LlmError::Truncated { provider },
                        })
                    }
                    Some("failed") => {
                        let said = v.pointer("/error/message").and_then(Value::as_str).unwrap_or("failed");
                        return Err(LlmError::Stopped { provider, said: said.to_owned() });
                    }
                    _ => {}
                }
                let mut text = String::new();
                // Reasoning items may come first: read only the message items, never output[0].
                for item in v.get("output").and_then(Value::as_array).into_iter().flatten() {
                    if item.get("type").and_then(Value::as_str) != Some("message") {
                        continue;
                    }
                    for part in item.get("content").and_then(Value::as_array).into_iter().flatten() {
                        match part.get("type").and_then(Value::as_str) {
                            Some("output_text") => {
                                text.push_str(part.get("text").and_then(Value::as_str).unwrap_or(""))
                            }
                            Some("refusal") => {
                                let said = part.get("refusal").and_then(Value::as_str).unwrap_or("").to_owned();
                                return Err(LlmError::Refused { provider, said });
                            }
                            _ => {}
                        }
                    }
                }
                text
            }
            Provider::Compatible => {
                let choice = v.pointer("/choices/0").ok_or_else(|| malformed("the answer has no choices".into()))?;
                if let Some(r) = choice.pointer("/message/refusal").and_then(Value::as_str) {
                    return Err(LlmError::Refused { provider, said: r.to_owned() });
                }
                match choice.get("finish_reason").and_then(Value::as_str) {
                    Some("length") => return Err(LlmError::Truncated { provider }),
                    Some("content_filter") => {
                        return Err(LlmError::Stopped { provider, said: "its content filter".to_owned() })
                    }
                    _ => {}
                }
                choice.pointer("/message/content").and_then(Value::as_str).unwrap_or("").to_owned()
            }
            Provider::Anthropic => {
                match v.get("stop_reason").and_then(Value::as_str) {
                    Some("max_tokens" | "model_context_window_exceeded") => {
                        return Err(LlmError::Truncated { provider })
                    }
                    Some("refusal") => {
                        return Err(LlmError::Refused { provider, said: "it gave no reason".to_owned() })
                    }
                    _ => {}
                }
                v.get("content")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
                    .filter_map(|b| b.get("text").and_then(Value::as_str))
                    .collect()
            }
            Provider::Gemini => {
                let Some(c) = v.pointer("/candidates/0") else {
                    let why = v
                        .pointer("/promptFeedback/blockReason")
                        .or_else(|| v.pointer("/promptFeedback/blockReasonMessage"))
                        .and_then(Value::as_str)
                        .unwrap_or("no answer at all");
                    return Err(LlmError::Stopped { provider, said: format!("the request was blocked: {why}") });
                };
                match c.get("finishReason").and_then(Value::as_str) {
                    None | Some("STOP") => {}
                    Some("MAX_TOKENS") => return Err(LlmError::Truncated { provider }),
                    Some(other) => {
                        let said = c.get("finishMessage").and_then(Value::as_str).map_or_else(
                            || format!("finish reason {other}"),
                            |m| format!("finish reason {other}: {m}"),
                        );
                        return Err(LlmError::Stopped { provider, said });
                    }
                }
                // Thinking models add a summary part marked "thought": it is not the answer.
                c.pointer("/content/parts")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter(|part| part.get("thought").and_then(Value::as_bool) != Some(true))
                    .filter_map(|part| part.get("text").and_then(Value::as_str))
                    .collect()
            }
            Provider::Ollama => {
                if let Some(e) = v.get("error").and_then(Value::as_str) {
                    return Err(LlmError::Stopped { provider, said: e.to_owned() });
                }
                if v.get("done_reason").and_then(Value::as_str) == Some("length") {
                    return Err(LlmError::Truncated { provider });
                }
                v.pointer("/message/content").and_then(Value::as_str).unwrap_or("").to_owned()
            }
        };
        parse_variants(&text, &p.hooks, p.count).map_err(malformed)
    }

    /// What an error answer means, and whether waiting can mend it.
    fn judge_error(&self, r: &Reply) -> Attempt {
        let provider = self.provider.label();
        let v: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
        // Each API's own place for the message, else the start of the body.
        let said = v
            .pointer("/error/message")
            .or_else(|| v.get("error").filter(|e| e.is_string()))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| r.body.chars().take(200).collect::<String>().trim().to_owned());
        let said = if said.is_empty() { format!("HTTP {}", r.status) } else { said };
        let kind = v
            .pointer("/error/type")
            .or_else(|| v.pointer("/error/code"))
            .or_else(|| v.pointer("/error/status"))
            .and_then(|k| k.as_str().map(str::to_owned).or_else(|| k.as_i64().map(|n| n.to_string())))
            .unwrap_or_default();
        let reason = v.pointer("/error/details/0/reason").and_then(Value::as_str).unwrap_or("");
        let wait = self.wait_asked(r, &v);
        let busy = || LlmError::Busy { provider, said: said.clone(), wait };
        // The provider's own word on retrying comes first.
        let should_retry = r.header("x-should-retry").map(|h| h.eq_ignore_ascii_case("true"));
        let model_hint = match self.provider {
            Provider::Ollama => "Download it with `ollama pull <model>`, or pick one `ollama list` shows.",
            _ => "Check its spelling in the Language model card on the Copy screen against the provider's list of models.",
        };
        match (r.status, kind.as_str()) {
            (401, _) | (403, "authentication_error" | "permission_error") => {
                Attempt::Fail(LlmError::Key { provider, said })
            }
            (400, _) if reason == "API_KEY_INVALID" => Attempt::Fail(LlmError::Key { provider, said }),
            (403, _) => Attempt::Fail(LlmError::Account { provider, said }),
            (402, _) | (429, "insufficient_quota" | "billing_error") => {
                Attempt::Fail(LlmError::Account { provider, said })
            }
            (404, _) => Attempt::Fail(LlmError::Model { provider, model: self.model.clone(), said, hint: model_hint }),
            _ if should_retry == Some(false) => Attempt::Fail(LlmError::Other { provider, status: r.status, said }),
            (408 | 409 | 429 | 500..=599, _) => Attempt::Retry(busy(), wait),
            _ if should_retry == Some(true) => Attempt::Retry(busy(), wait),
            _ => Attempt::Fail(LlmError::Other { provider, status: r.status, said }),
        }
    }

    /// How long the provider asks to wait: `retry-after-ms`, `retry-after` (seconds), or
    /// Gemini's `RetryInfo.retryDelay` ("26s") in the body.
    fn wait_asked(&self, r: &Reply, v: &Value) -> Option<Duration> {
        if let Some(ms) = r.header("retry-after-ms").and_then(|h| h.trim().parse::<f64>().ok()) {
            return Some(Duration::from_secs_f64(ms.max(0.0) / 1000.0));
        }
        if let Some(s) = r.header("retry-after").and_then(|h| h.trim().parse::<f64>().ok()) {
            return Some(Duration::from_secs_f64(s.max(0.0)));
        }
        v.pointer("/error/details")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|d| d.get("@type").and_then(Value::as_str).is_some_and(|t| t.ends_with("google.rpc.RetryInfo")))
            .and_then(|d| d.get("retryDelay").and_then(Value::as_str))
            .and_then(|s| s.trim_end_matches('s').parse::<f64>().ok())
            .map(|s| Duration::from_secs_f64(s.max(0.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> ProductFacts {
        ProductFacts {
            sku: "TEA-SEN-50".into(),
            title: "Sencha Green Tea".into(),
            category: Some("Green tea".into()),
            care: Some("Brew at 75°C for 2 minutes. Keep the tin closed.".into()),
            options: vec!["50 g tin".into()],
            prices_minor: vec![1250],
            currency: "EUR".into(),
            inventory: Some(4),
            ..ProductFacts::default()
        }
    }

    #[test]
    fn the_prompt_carries_the_facts_the_rules_and_the_shape() {
        let rules = Rules { claims: vec!["Packed in Hamburg".into()], ..Rules::default() };
        let p = prompt(Kind::Subject, &facts(), Some("a"), 10, &rules);
        assert!(p.system.contains("Use only the facts"));
        assert!(p.system.contains("\"miracle\""), "forbidden phrases are listed: {}", p.system);
        assert!(!p.system.contains("{{"), "every placeholder is filled: {}", p.system);
        assert!(!p.user.contains("{{"), "every placeholder is filled: {}", p.user);
        assert!(!p.system.contains("never sent"), "the file's comment is not sent");
        assert!(p.user.contains("Write 10 different email subject lines"));
        assert!(p.user.contains("at most 60 characters"));
        assert!(p.user.contains("12.50 EUR"));
        assert!(p.user.contains("- Packed in Hamburg"));
        assert!(p.user.contains("pays full price"));
        // Four units left is low stock, so scarcity may be used; with plenty it may not.
        assert!(p.hooks.contains(&"scarcity"));
        let plenty = ProductFacts { inventory: Some(400), ..facts() };
        let p2 = prompt(Kind::Subject, &plenty, None, 3, &rules);
        assert!(!p2.hooks.contains(&"scarcity"));
        assert!(p2.user.contains("do not suggest it is running out"));
    }

    #[test]
    fn answers_are_read_forgivingly_but_never_invented() {
        let hooks = ["reminder", "benefit"];
        let got = parse_variants(
            "```json\n{\"variants\":[{\"text\":\" A \",\"hook\":\"reminder\"},{\"text\":\"A\",\"hook\":\"benefit\"},{\"text\":\"\",\"hook\":\"benefit\"},{\"text\":\"B\",\"hook\":\"social proof\"},{\"text\":\"C\",\"hook\":\"benefit\"}]}\n```",
            &hooks,
            2,
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                Suggestion { text: "A".into(), hook: Some("reminder".into()) },
                Suggestion { text: "B".into(), hook: None },
            ]
        );
        assert!(parse_variants("{\"", &hooks, 2).unwrap_err().contains("not JSON"));
        assert!(parse_variants("{\"steps\":[]}", &hooks, 2).unwrap_err().contains("no \"variants\""));
        assert!(parse_variants("{\"variants\":[]}", &hooks, 2).unwrap_err().contains("empty"));
    }

    #[test]
    fn settings_are_checked_before_anything_is_sent() {
        let e = Client::new(Provider::OpenAi, None, "gpt-x", None).unwrap_err();
        assert!(e.to_string().contains("needs an API key"), "{e}");
        let e = Client::new(Provider::Compatible, None, "m", None).unwrap_err();
        assert!(e.to_string().contains("needs the server's address"), "{e}");
        let e = Client::new(Provider::Ollama, Some("127.0.0.1:11434"), "m", None).unwrap_err();
        assert!(e.to_string().contains("not a web address"), "{e}");
        let e = Client::new(Provider::Ollama, None, "two words", None).unwrap_err();
        assert!(e.to_string().contains("model's name"), "{e}");
        let c = Client::new(Provider::Anthropic, None, "claude-x", Some("sk-secret-123".into())).unwrap();
        assert!(!format!("{c:?}").contains("sk-secret-123"), "the key is never printed");
        for p in Provider::ALL {
            assert_eq!(Provider::parse(p.name()), Some(p));
        }
    }
}

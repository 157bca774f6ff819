//! Drafting copy with the language model the owner chose (OpenAI, Anthropic, Gemini, a local
//! Ollama or any OpenAI-compatible server). The choice is a setting; the API key lives only in
//! the system keychain. A draft is prepared under the session (facts, rules, prompt), asked of
//! the model without it (a slow provider must not freeze the app), then checked like any
//! variant: the model's words get no trust the offline generator's do not.

use super::copy_dto::{CopyGenerator, CopyProvider, CopyVariant};
use super::error::{ApiError, ErrorKind};
use crate::copy::llm::{self, Client, Prompt, Provider, Suggestion};
use crate::copy::{Kind, ProductFacts};

const GENERATOR_KEY: &str = "copy.generator";

/// The keychain entry holding a provider's key.
fn secret_name(p: Provider) -> String {
    format!("copy.llm.{}", p.name())
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::InvalidInput, message)
}

impl From<llm::LlmError> for ApiError {
    fn from(e: llm::LlmError) -> Self {
        // What the owner mends in the settings, and what went wrong on the way or at the model.
        let kind = match e {
            llm::LlmError::Settings(_)
            | llm::LlmError::Key { .. }
            | llm::LlmError::Account { .. }
            | llm::LlmError::Model { .. } => ErrorKind::InvalidInput,
            _ => ErrorKind::Io,
        };
        ApiError::new(kind, e.to_string())
    }
}

/// What is stored in the settings (never the key).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Saved {
    provider: String,
    model: String,
    base_url: Option<String>,
}

/// A draft to ask of a model: prepared under the session, run without it, then checked.
#[derive(Debug)]
pub struct AiDraft {
    client: Client,
    prompt: Prompt,
    kind: Kind,
    facts: ProductFacts,
    generator: String,
}

impl AiDraft {
    /// Asks the model (network; may take a while, retries rate limits).
    pub fn run(&self) -> Result<Vec<Suggestion>, ApiError> {
        Ok(self.client.draft(&self.prompt)?)
    }

    /// Waits between retries with `sleep` (tests record the waits instead of sleeping).
    pub fn with_sleep(mut self, sleep: llm::Sleep) -> Self {
        self.client = self.client.with_sleep(sleep);
        self
    }
}

impl super::Storeloop {
    /// The chosen model, whether its key is saved, and the providers to choose from.
    pub fn copy_generator(&self) -> Result<CopyGenerator, ApiError> {
        let saved: Option<Saved> = self.store.setting(GENERATOR_KEY)?.and_then(|j| serde_json::from_str(&j).ok());
        let provider = saved.as_ref().and_then(|s| Provider::parse(&s.provider));
        let key_saved = match provider {
            Some(p) => self.secrets.get(&secret_name(p)).map(|k| k.is_some()).unwrap_or(false),
            None => false,
        };
        Ok(CopyGenerator {
            provider: provider.map(|p| p.name().to_owned()),
            model: saved.as_ref().map(|s| s.model.clone()).unwrap_or_default(),
            base_url: saved.and_then(|s| s.base_url),
            key_saved,
            prompt: llm::PROMPT_NAME.to_owned(),
            providers: Provider::ALL
                .into_iter()
                .map(|p| CopyProvider {
                    name: p.name().to_owned(),
                    label: p.label().to_owned(),
                    needs_key: p.needs_key(),
                    default_base_url: p.default_base().map(str::to_owned),
                })
                .collect(),
        })
    }

    /// Chooses the model drafts are asked of. `key`, when given, goes to the system keychain
    /// and nowhere else (an empty key leaves a saved one as it is). Everything is checked first;
    /// a refused keychain leaves the old choice in place.
    pub fn save_copy_generator(
        &mut self,
        provider: &str,
        model: &str,
        base_url: Option<&str>,
        key: Option<&str>,
    ) -> Result<CopyGenerator, ApiError> {
        let p = Provider::parse(provider).ok_or_else(|| {
            invalid(format!(
                "`{provider}` is not a provider Storeloop drafts with: use one of {}.",
                Provider::ALL.iter().map(|p| p.name()).collect::<Vec<_>>().join(", ")
            ))
        })?;
        let base_url = base_url.map(str::trim).filter(|b| !b.is_empty());
        let key = key.map(str::trim).filter(|k| !k.is_empty());
        if key.is_some_and(|k| k.chars().any(|c| c.is_whitespace() || c.is_control())) {
            return Err(invalid("The API key has spaces or line breaks in it: paste the key alone."));
        }
        let existing = self.secrets.get(&secret_name(p))?;
        // The same checks a draft makes, before anything is saved.
        Client::new(p, base_url, model, key.map(str::to_owned).or(existing))?;
        if let Some(k) = key {
            self.secrets.set(&secret_name(p), k)?;
        }
        let saved = Saved {
            provider: p.name().to_owned(),
            model: model.trim().to_owned(),
            base_url: base_url.map(str::to_owned),
        };
        let json = serde_json::to_string(&saved).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        self.store.set_setting(GENERATOR_KEY, &json)?;
        self.copy_generator()
    }

    /// Forgets the chosen model and deletes every provider key Storeloop saved.
    pub fn forget_copy_generator(&mut self) -> Result<CopyGenerator, ApiError> {
        for p in Provider::ALL {
            self.secrets.delete(&secret_name(p))?;
        }
        self.store.delete_setting(GENERATOR_KEY)?;
        self.copy_generator()
    }

    /// Prepares a draft of `count` variants of `kind` about the product of `sku` for the chosen
    /// model: its facts, the owner's rules and the prompt, and the key from the keychain.
    pub fn prepare_ai_draft(
        &self,
        sku: &str,
        kind: &str,
        count: u32,
        segment: Option<&str>,
    ) -> Result<AiDraft, ApiError> {
        let kind = super::copy::kind_of(kind).map_err(invalid)?;
        super::copy::check_count(count)?;
        let saved: Saved =
            self.store.setting(GENERATOR_KEY)?.and_then(|j| serde_json::from_str(&j).ok()).ok_or_else(|| {
                invalid("No language model is set up: choose one in the Language model card on the Copy screen, or draft offline.")
            })?;
        let p = Provider::parse(&saved.provider).ok_or_else(|| {
            invalid(format!("The saved provider `{}` is not known: choose one again.", saved.provider))
        })?;
        let key = self.secrets.get(&secret_name(p))?;
        let client = Client::new(p, saved.base_url.as_deref(), &saved.model, key)?;
        let facts = self.facts(sku)?;
        let rules = self.checker_rules()?;
        let prompt = llm::prompt(kind, &facts, segment, count as usize, &rules);
        Ok(AiDraft {
            generator: format!("{} {} · {}", p.name(), client.model, llm::PROMPT_NAME),
            client,
            prompt,
            kind,
            facts,
        })
    }

    /// The model's suggestions as variants, each with its check results as of now.
    pub fn checked_ai_draft(&self, draft: &AiDraft, got: Vec<Suggestion>) -> Result<Vec<CopyVariant>, ApiError> {
        let rules = self.checker_rules()?;
        let checker = crate::copy::Checker::new(Some(&draft.facts), &rules);
        Ok(got
            .into_iter()
            .map(|s| CopyVariant {
                kind: draft.kind.name().to_owned(),
                hook: s.hook,
                sku: Some(draft.facts.sku.clone()),
                findings: super::copy::findings_dto(&s.text, checker.check(draft.kind, &s.text)),
                text: s.text,
                generator: draft.generator.clone(),
            })
            .collect())
    }

    /// Prepares, asks and checks in one go (the command line; the app runs the three steps
    /// itself so the session is free while the model writes).
    pub fn draft_copy_ai(
        &self,
        sku: &str,
        kind: &str,
        count: u32,
        segment: Option<&str>,
    ) -> Result<Vec<CopyVariant>, ApiError> {
        let draft = self.prepare_ai_draft(sku, kind, count, segment)?;
        let got = draft.run()?;
        self.checked_ai_draft(&draft, got)
    }
}

//! Contract tests of the language-model providers against local servers that answer with the
//! providers' real payloads (data/llm, origins in its SOURCES.md): what each request looks like
//! next to the provider's own recorded or documented request, how answers are read (reasoning
//! items, thought parts, text blocks), and every failure the fixtures hold — a wrong key, no
//! credit, rate limits with `Retry-After` and Gemini's `RetryInfo`, an overloaded 529 with
//! `x-should-retry`, a refusal, a cut-off answer, safety stops, a blocked prompt, an unknown model,
//! answers that are not the list asked for, a silent server and no server at all.
//!
//! Success fixtures are real envelopes whose model text is replaced by a variants list (the
//! recordings answered other questions); everything else is replayed as recorded.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{server, Reply, Seen};
use serde_json::{json, Value};
use storeloop_core::copy::llm::{prompt, Client, LlmError, Prompt, Provider, Suggestion};
use storeloop_core::copy::{Kind, ProductFacts, Rules};

const KEY: &str = "sk-test-kettle-7781";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/llm").join(name)).unwrap()
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

fn facts() -> ProductFacts {
    ProductFacts {
        sku: "TEA-SEN-50".into(),
        title: "Sencha Green Tea".into(),
        category: Some("Green tea".into()),
        care: Some("Brew at 75°C for 2 minutes. Keep the tin closed.".into()),
        options: vec!["50 g tin".into()],
        prices_minor: vec![1250],
        currency: "EUR".into(),
        inventory: Some(120),
        ..ProductFacts::default()
    }
}

fn ask(count: usize) -> Prompt {
    prompt(Kind::Subject, &facts(), None, count, &Rules::default())
}

/// The variants list a model would write, as JSON text.
fn variants_text() -> String {
    json!({"variants": [
        {"text": "Your Sencha Green Tea is waiting", "hook": "reminder"},
        {"text": "Brew Sencha at 75°C for 2 minutes", "hook": "education"},
        {"text": "Sencha Green Tea, in a 50 g tin", "hook": "benefit"},
    ]})
    .to_string()
}

fn expected() -> Vec<Suggestion> {
    vec![
        Suggestion { text: "Your Sencha Green Tea is waiting".into(), hook: Some("reminder".into()) },
        Suggestion { text: "Brew Sencha at 75°C for 2 minutes".into(), hook: Some("education".into()) },
        Suggestion { text: "Sencha Green Tea, in a 50 g tin".into(), hook: Some("benefit".into()) },
    ]
}

#[allow(clippy::needless_pass_by_value)] // reads better at the call sites
fn ok(body: Value) -> Reply {
    Reply::Answer(200, vec![("Content-Type", "application/json".into())], body.to_string())
}

fn status(code: u16, headers: Vec<(&'static str, String)>, body: String) -> Reply {
    Reply::Answer(code, headers, body)
}

/// A client for `provider` at the local server, recording its waits instead of sleeping.
fn client(provider: Provider, base: &str) -> (Client, Arc<Mutex<Vec<Duration>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&waits);
    let key = (provider != Provider::Ollama).then(|| KEY.to_owned());
    let c = Client::new(provider, Some(base), "test-model", key)
        .unwrap()
        .with_sleep(Arc::new(move |d| log.lock().unwrap().push(d)));
    (c, waits)
}

fn body(seen: &Seen) -> Value {
    serde_json::from_str(&seen.body).unwrap()
}

/// The same JSON paths hold the same kind of thing in ours as in the provider's request.
fn same_shape(ours: &Value, theirs: &Value, paths: &[&str]) {
    for p in paths {
        let (a, b) = (ours.pointer(p), theirs.pointer(p));
        assert!(a.is_some(), "our request lacks {p}: {ours}");
        assert!(b.is_some(), "the provider's request lacks {p}: the fixture and the test disagree");
        let kind = |v: &Value| std::mem::discriminant(v);
        assert_eq!(kind(a.unwrap()), kind(b.unwrap()), "{p} differs in type: ours {a:?}, theirs {b:?}");
        if let (Some(x), Some(y)) = (a.unwrap().as_str(), b.unwrap().as_str()) {
            if p.ends_with("/type") || p.ends_with("/role") {
                assert_eq!(x, y, "{p}");
            }
        }
    }
}

fn no_key_in(e: &LlmError) {
    assert!(!e.to_string().contains(KEY), "the key leaked into an error: {e}");
}

// ---------------------------------------------------------------- OpenAI (Responses API)

#[test]
fn openai_responses_request_and_answer() {
    let mut answer = fixture_json("openai/responses.response.json_schema.captured-thirdparty.json");
    answer["output"][0]["content"][0]["text"] = json!(variants_text());
    // A reasoning item before the message, as reasoning models send (the spec's OutputItem
    // shape; the fixtures hold none): never read output[0].
    let r_item = json!({"type": "reasoning", "id": "rs_1", "summary": []});
    answer["output"].as_array_mut().unwrap().insert(0, r_item);
    let (base, seen) = server(vec![ok(answer)]);
    let (c, waits) = client(Provider::OpenAi, &base);
    assert_eq!(c.draft(&ask(3)).unwrap(), expected());
    assert!(waits.lock().unwrap().is_empty());

    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].line, "POST /responses HTTP/1.1");
    assert_eq!(seen[0].header("authorization"), Some(format!("Bearer {KEY}").as_str()));
    let ours = body(&seen[0]);
    let theirs = fixture_json("openai/responses.request.json_schema.openai-docs-example.json");
    same_shape(
        &ours,
        &theirs,
        &[
            "/model",
            "/input",
            "/input/0/content",
            "/text/format/type",
            "/text/format/name",
            "/text/format/schema",
            "/text/format/strict",
        ],
    );
    assert_eq!(ours["store"], json!(false), "the shop's facts are not stored at OpenAI");
    assert!(ours["instructions"].as_str().unwrap().contains("Use only the facts"));
    assert!(ours["max_output_tokens"].as_u64().unwrap() >= 16, "the API's minimum is 16");
    // A strict schema: every object closed and every property required.
    let schema = &ours["text"]["format"]["schema"];
    assert_eq!(schema["additionalProperties"], json!(false));
    assert_eq!(schema["properties"]["variants"]["items"]["additionalProperties"], json!(false));
    assert_eq!(schema["properties"]["variants"]["items"]["required"], json!(["text", "hook"]));
}

#[test]
fn openai_plain_text_answer_is_not_taken_for_variants() {
    let (base, _) = server(vec![ok(fixture_json("openai/responses.response.text.recorded.openai-python.json"))]);
    let (c, _) = client(Provider::OpenAi, &base);
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Malformed { .. }), "{e}");
    assert!(e.to_string().contains("Nothing was drafted"), "{e}");
}

#[test]
fn openai_incomplete_and_refused_answers_fail_plainly() {
    let mut cut = fixture_json("openai/responses.response.json_schema.captured-thirdparty.json");
    cut["status"] = json!("incomplete");
    cut["incomplete_details"] = json!({"reason": "max_output_tokens"});
    let mut refused = fixture_json("openai/responses.response.json_schema.captured-thirdparty.json");
    refused["output"][0]["content"][0] = json!({"type": "refusal", "refusal": "I can't help with that."});
    let (base, seen) = server(vec![ok(cut), ok(refused)]);
    let (c, waits) = client(Provider::OpenAi, &base);
    assert!(matches!(c.draft(&ask(3)).unwrap_err(), LlmError::Truncated { .. }));
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Refused { .. }) && e.to_string().contains("I can't help with that."), "{e}");
    assert_eq!(seen.lock().unwrap().len(), 2, "neither is retried");
    assert!(waits.lock().unwrap().is_empty());
}

#[test]
fn openai_errors_a_wrong_key_and_no_credit_are_not_retried() {
    let (base, seen) = server(vec![
        status(401, vec![], fixture("openai/error.401.invalid_api_key.json")),
        status(429, vec![], fixture("openai/error.429.insufficient_quota.json")),
        status(400, vec![], fixture("openai/error.400.context_length_exceeded.json")),
    ]);
    let (c, waits) = client(Provider::OpenAi, &base);
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Key { .. }) && e.to_string().contains("Paste a new key"), "{e}");
    no_key_in(&e);
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Account { .. }) && e.to_string().contains("billing"), "{e}");
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(
        matches!(e, LlmError::Other { status: 400, .. }) && e.to_string().contains("maximum context length"),
        "{e}"
    );
    assert_eq!(seen.lock().unwrap().len(), 3, "one request each");
    assert!(waits.lock().unwrap().is_empty());
}

#[test]
fn openai_rate_limit_waits_as_asked_then_succeeds() {
    let mut answer = fixture_json("openai/responses.response.json_schema.captured-thirdparty.json");
    answer["output"][0]["content"][0]["text"] = json!(variants_text());
    // The 429's recorded headers, plus the Retry-After the spec declares.
    let recorded = fixture_json("openai/error.429.response_headers.openai-node-issue1477.json");
    assert_eq!(recorded["status"], json!(429));
    let (base, seen) = server(vec![
        status(429, vec![("retry-after", "2".into())], fixture("openai/error.429.rate_limit_exceeded.json")),
        status(429, vec![("retry-after-ms", "1574".into())], fixture("openai/error.429.rate_limit_exceeded.json")),
        ok(answer),
    ]);
    let (c, waits) = client(Provider::OpenAi, &base);
    assert_eq!(c.draft(&ask(3)).unwrap(), expected());
    assert_eq!(seen.lock().unwrap().len(), 3);
    assert_eq!(*waits.lock().unwrap(), vec![Duration::from_secs(2), Duration::from_millis(1574)]);
}

#[test]
fn openai_rate_limit_that_lasts_gives_up_after_two_retries_and_says_so() {
    let limit = || status(429, vec![], fixture("openai/error.429.rate_limit_exceeded.json"));
    let (base, seen) = server(vec![limit(), limit(), limit()]);
    let (c, waits) = client(Provider::OpenAi, &base);
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Busy { .. }) && e.to_string().contains("Try again in a minute"), "{e}");
    assert_eq!(seen.lock().unwrap().len(), 3);
    let w = waits.lock().unwrap().clone();
    assert_eq!(w.len(), 2);
    assert!(w[1] > w[0], "the backoff grows: {w:?}");

    // A wait of ten minutes is not sat through: the owner is told at once.
    let (base, seen) = server(vec![status(
        429,
        vec![("retry-after", "600".into())],
        fixture("openai/error.429.rate_limit_exceeded.json"),
    )]);
    let (c, waits) = client(Provider::OpenAi, &base);
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(e.to_string().contains("asks to wait 600 s"), "{e}");
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert!(waits.lock().unwrap().is_empty());
}

// ------------------------------------------------- OpenAI-compatible (Chat Completions)

#[test]
fn compatible_chat_completions_request_and_answers() {
    let mut answer = fixture_json("openai/chat_completions.response.json_schema.recorded.openai-python.json");
    answer["choices"][0]["message"]["content"] = json!(variants_text());
    let (base, seen) = server(vec![
        ok(answer),
        ok(fixture_json("openai/chat_completions.response.refusal.recorded.openai-python.json")),
        ok(fixture_json("openai/chat_completions.response.finish_length.recorded.openai-python.json")),
        // The recording answered another schema (a Location): not a list of variants.
        ok(fixture_json("openai/chat_completions.response.json_schema.recorded.openai-python.json")),
    ]);
    let (c, _) = client(Provider::Compatible, &base);
    assert_eq!(c.draft(&ask(3)).unwrap(), expected());
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Refused { .. }) && e.to_string().contains("I'm very sorry"), "{e}");
    assert!(matches!(c.draft(&ask(3)).unwrap_err(), LlmError::Truncated { .. }));
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Malformed { .. }) && e.to_string().contains("no \"variants\" list"), "{e}");

    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].line, "POST /chat/completions HTTP/1.1");
    let ours = body(&seen[0]);
    let theirs = fixture_json("openai/chat_completions.request.json_schema.openai-cookbook.json");
    same_shape(
        &ours,
        &theirs,
        &[
            "/model",
            "/messages/0/role",
            "/messages/0/content",
            "/messages/1/role",
            "/response_format/type",
            "/response_format/json_schema/name",
            "/response_format/json_schema/schema",
            "/response_format/json_schema/strict",
        ],
    );
    assert!(ours.get("max_tokens").is_none(), "max_tokens is deprecated: max_completion_tokens is sent");
}

// ------------------------------------------------------------------------- Anthropic

#[test]
fn anthropic_messages_request_and_answer() {
    let exchange = fixture_json(
        "anthropic/messages.http_exchange.output_config_json_schema.flat_schema.recorded.anthropic-sdk-python.json",
    );
    let mut answer = exchange[0]["response"]["body"].clone();
    // Text blocks are joined; other blocks are not text.
    answer["content"] = json!([
        {"type": "text", "text": variants_text()},
    ]);
    let (base, seen) = server(vec![ok(answer)]);
    let (c, _) = client(Provider::Anthropic, &base);
    assert_eq!(c.draft(&ask(3)).unwrap(), expected());

    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].line, "POST /v1/messages HTTP/1.1");
    assert_eq!(seen[0].header("x-api-key"), Some(KEY));
    let recorded_headers = &exchange[0]["request"]["headers"];
    assert_eq!(seen[0].header("anthropic-version"), recorded_headers["anthropic-version"].as_str());
    assert!(seen[0].header("anthropic-beta").is_none(), "structured output needs no beta header");
    let ours = body(&seen[0]);
    same_shape(
        &ours,
        &exchange[0]["request"]["body"],
        &[
            "/model",
            "/max_tokens",
            "/messages/0/role",
            "/messages/0/content",
            "/output_config/format/type",
            "/output_config/format/schema",
        ],
    );
    assert!(ours["system"].as_str().unwrap().contains("Use only the facts"), "system is top-level");
}

#[test]
fn anthropic_overload_and_rate_limit_are_retried_a_wrong_key_is_not() {
    let exchange = fixture_json(
        "anthropic/messages.http_exchange.output_config_json_schema.flat_schema.recorded.anthropic-sdk-python.json",
    );
    let mut answer = exchange[0]["response"]["body"].clone();
    answer["content"] = json!([{"type": "text", "text": variants_text()}]);
    let overloaded = fixture_json("anthropic/error.529.response_headers.anthropic-sdk-typescript-issue616.json");
    let (base, seen) = server(vec![
        status(
            529,
            vec![("x-should-retry", overloaded["headers"]["x-should-retry"].as_str().unwrap().to_owned())],
            overloaded["body"].to_string(),
        ),
        status(429, vec![("retry-after", "3".into())], fixture("anthropic/error.429.rate_limit_error.json")),
        ok(answer),
        status(401, vec![], fixture("anthropic/error.401.authentication_error.json")),
        status(400, vec![], fixture("anthropic/error.400.invalid_request_error.anthropic-skills.json")),
    ]);
    let (c, waits) = client(Provider::Anthropic, &base);
    assert_eq!(c.draft(&ask(3)).unwrap(), expected());
    assert_eq!(waits.lock().unwrap()[1], Duration::from_secs(3));
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Key { .. }) && e.to_string().contains("invalid x-api-key"), "{e}");
    no_key_in(&e);
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Other { status: 400, .. }), "{e}");
    assert_eq!(seen.lock().unwrap().len(), 5);
}

#[test]
fn anthropic_cut_off_and_refused_answers() {
    let exchange = fixture_json(
        "anthropic/messages.http_exchange.output_config_json_schema.flat_schema.recorded.anthropic-sdk-python.json",
    );
    let mut cut = exchange[0]["response"]["body"].clone();
    cut["stop_reason"] = json!("max_tokens");
    let mut refused = exchange[0]["response"]["body"].clone();
    refused["stop_reason"] = json!("refusal");
    // The recording itself answered another schema: not variants.
    let other = exchange[0]["response"]["body"].clone();
    let (base, _) = server(vec![ok(cut), ok(refused), ok(other)]);
    let (c, _) = client(Provider::Anthropic, &base);
    assert!(matches!(c.draft(&ask(3)).unwrap_err(), LlmError::Truncated { .. }));
    assert!(matches!(c.draft(&ask(3)).unwrap_err(), LlmError::Refused { .. }));
    assert!(matches!(c.draft(&ask(3)).unwrap_err(), LlmError::Malformed { .. }));
}

// ---------------------------------------------------------------------------- Gemini

#[test]
fn gemini_request_and_answer_without_thought_parts() {
    let mut answer = fixture_json("gemini/generateContent.response.thinking_thought_part.firebase-test-data.json");
    let parts = answer["candidates"][0]["content"]["parts"].as_array_mut().unwrap();
    assert!(parts.iter().any(|p| p["thought"] == json!(true)), "the fixture has a thought part");
    for p in parts.iter_mut().filter(|p| p["thought"] != json!(true)) {
        p["text"] = json!(variants_text());
    }
    let (base, seen) = server(vec![ok(answer)]);
    let (c, _) = client(Provider::Gemini, &base);
    assert_eq!(c.draft(&ask(3)).unwrap(), expected());

    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].line, "POST /v1beta/models/test-model:generateContent HTTP/1.1");
    assert_eq!(seen[0].header("x-goog-api-key"), Some(KEY));
    let ours = body(&seen[0]);
    let theirs = fixture_json("gemini/generateContent.request.structured_output.gemini-api-examples.json");
    same_shape(&ours, &theirs, &["/contents/0/parts/0/text", "/generationConfig"]);
    // The REST sample spells the config's fields in snake_case; the API takes both and the
    // Google SDK sends camelCase, as Storeloop does.
    assert_eq!(ours["generationConfig"]["responseMimeType"], theirs["generationConfig"]["response_mime_type"]);
    assert!(
        ours["systemInstruction"]["parts"][0]["text"].as_str().unwrap().contains("Use only the facts"),
        "system instruction is top-level"
    );
    assert!(ours["generationConfig"].get("systemInstruction").is_none());
}

#[test]
fn gemini_stops_blocks_and_errors() {
    let (base, seen) = server(vec![
        ok(fixture_json("gemini/generateContent.response.finish_safety.firebase-test-data.json")),
        ok(fixture_json("gemini/generateContent.response.prompt_blocked_no_candidates.firebase-test-data.json")),
        ok(fixture_json("gemini/generateContent.response.finish_other_no_content.firebase-test-data.json")),
        // A real answer, but plain words rather than the JSON asked for.
        ok(fixture_json("gemini/generateContent.response.basic.firebase-test-data.json")),
        status(400, vec![], fixture("gemini/error.400.api_key_invalid.firebase-test-data.json")),
        status(403, vec![], fixture("gemini/error.403.permission_denied_service_disabled.firebase-test-data.json")),
        status(404, vec![], fixture("gemini/error.404.model_not_found.firebase-test-data.json")),
    ]);
    let (c, waits) = client(Provider::Gemini, &base);
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Stopped { .. }) && e.to_string().contains("SAFETY"), "{e}");
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Stopped { .. }) && e.to_string().contains("blocked"), "{e}");
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(e.to_string().contains("internal error"), "{e}");
    assert!(matches!(c.draft(&ask(3)).unwrap_err(), LlmError::Malformed { .. }));
    // A bad key is a 400 at Gemini, not a 401.
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Key { .. }), "{e}");
    no_key_in(&e);
    assert!(matches!(c.draft(&ask(3)).unwrap_err(), LlmError::Account { .. }));
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Model { .. }) && e.to_string().contains("test-model"), "{e}");
    assert_eq!(seen.lock().unwrap().len(), 7, "none retried");
    assert!(waits.lock().unwrap().is_empty());
}

#[test]
fn gemini_quota_waits_for_its_retry_delay() {
    let mut answer = fixture_json("gemini/generateContent.response.basic.firebase-test-data.json");
    answer["candidates"][0]["content"]["parts"] = json!([{"text": variants_text()}]);
    let (base, seen) = server(vec![
        status(429, vec![], fixture("gemini/error.429.resource_exhausted.quota_retryinfo.captured-thirdparty.json")),
        status(429, vec![], fixture("gemini/error.429.resource_exhausted.minimal.generative-ai-docs-issue236.json")),
        ok(answer),
    ]);
    let (c, waits) = client(Provider::Gemini, &base);
    assert_eq!(c.draft(&ask(3)).unwrap(), expected());
    assert_eq!(seen.lock().unwrap().len(), 3);
    let w = waits.lock().unwrap().clone();
    assert_eq!(w[0], Duration::from_secs(26), "RetryInfo.retryDelay is honoured");
    assert!(w[1] < Duration::from_secs(2), "without one, the short backoff: {w:?}");
}

// ---------------------------------------------------------------------------- Ollama

#[test]
fn ollama_chat_request_and_answer() {
    let mut answer = fixture_json("ollama/chat.structured_outputs.response.ollama-docs.json");
    answer["message"]["content"] = json!(variants_text());
    let (base, seen) = server(vec![ok(answer)]);
    let (c, _) = client(Provider::Ollama, &base);
    assert_eq!(c.draft(&ask(3)).unwrap(), expected());

    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].line, "POST /api/chat HTTP/1.1");
    assert!(seen[0].header("authorization").is_none(), "a local Ollama has no key");
    let ours = body(&seen[0]);
    let theirs = fixture_json("ollama/chat.structured_outputs.request.ollama-docs.json");
    same_shape(
        &ours,
        &theirs,
        &["/model", "/messages/0/content", "/stream", "/format/type", "/format/properties", "/format/required"],
    );
    assert_eq!(ours["stream"], json!(false), "Ollama streams unless told not to");
    assert_eq!(ours["messages"][0]["role"], json!("system"));
    assert_eq!(ours["messages"][1]["role"], theirs["messages"][0]["role"]);
}

#[test]
fn ollama_errors_and_a_missing_server() {
    let (base, seen) = server(vec![
        status(404, vec![], fixture("ollama/error.404.model_not_found.json")),
        status(400, vec![], fixture("ollama/error.400.model_is_required.ollama-server-test.json")),
        ok(fixture_json("ollama/chat.structured_outputs.response.ollama-docs.json")),
    ]);
    let (c, _) = client(Provider::Ollama, &base);
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Model { .. }) && e.to_string().contains("ollama pull"), "{e}");
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(e.to_string().contains("model is required"), "{e}");
    // The docs' structured answer ({"age","available"}) is not a variants list.
    assert!(matches!(c.draft(&ask(3)).unwrap_err(), LlmError::Malformed { .. }));
    assert_eq!(seen.lock().unwrap().len(), 3);

    // The generic failure arrives as a 500: retried, then told.
    let fail = || status(500, vec![], fixture("ollama/error.generic.ollama-docs-errors.json"));
    let (base, seen) = server(vec![fail(), fail(), fail()]);
    let (c, _) = client(Provider::Ollama, &base);
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Busy { .. }) && e.to_string().contains("failed to generate"), "{e}");
    assert_eq!(seen.lock().unwrap().len(), 3);

    // Nothing listening (Ollama not started): told at once, not retried.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (c, waits) = client(Provider::Ollama, &format!("http://127.0.0.1:{port}"));
    let e = c.draft(&ask(3)).unwrap_err();
    assert!(matches!(e, LlmError::Unreachable { .. }) && e.to_string().contains("offline generator"), "{e}");
    assert!(waits.lock().unwrap().is_empty());
}

#[test]
fn a_silent_server_times_out_and_a_hang_up_is_retried() {
    let mut answer = fixture_json("ollama/chat.nostream.response.ollama-docs.json");
    answer["message"]["content"] = json!(variants_text());
    let (base, seen) = server(vec![Reply::Silent(Duration::from_millis(400)), Reply::HangUp, ok(answer)]);
    let (c, waits) = client(Provider::Ollama, &base);
    // The server answers one request at a time: the second waits out the first's silence.
    let c = c.with_timeout(Duration::from_millis(300));
    assert_eq!(c.draft(&ask(3)).unwrap(), expected());
    assert_eq!(seen.lock().unwrap().len(), 3);
    assert_eq!(waits.lock().unwrap().len(), 2);
}

/// Whatever a model sends back, reading it never panics, and what it yields is only trimmed,
/// non-empty, distinct texts with hooks from the list, never more than asked for.
mod fuzz {
    use proptest::prelude::*;
    use storeloop_core::copy::llm::parse_variants;

    const HOOKS: [&str; 2] = ["reminder", "benefit"];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn any_text_is_read_safely(s in ".{0,400}", count in 1usize..12) {
            if let Ok(v) = parse_variants(&s, &HOOKS, count) {
                prop_assert!(!v.is_empty() && v.len() <= count);
            }
        }

        #[test]
        fn any_list_yields_clean_variants(
            items in proptest::collection::vec((".{0,80}", prop_oneof![Just("reminder".to_owned()), Just("benefit".to_owned()), Just("social proof".to_owned()), ".{0,10}"]), 0..20),
            count in 1usize..12,
            fence in any::<bool>(),
        ) {
            let list: Vec<serde_json::Value> =
                items.iter().map(|(t, h)| serde_json::json!({"text": t, "hook": h})).collect();
            let mut text = serde_json::json!({"variants": list}).to_string();
            if fence {
                text = format!("```json\n{text}\n```");
            }
            match parse_variants(&text, &HOOKS, count) {
                Ok(v) => {
                    prop_assert!(v.len() <= count);
                    for (i, s) in v.iter().enumerate() {
                        prop_assert!(!s.text.is_empty() && s.text.trim() == s.text);
                        prop_assert!(s.hook.as_deref().is_none_or(|h| HOOKS.contains(&h)));
                        prop_assert!(v[..i].iter().all(|o| o.text != s.text));
                        prop_assert!(items.iter().any(|(t, _)| t.trim() == s.text), "nothing is made up");
                    }
                }
                Err(e) => prop_assert!(items.iter().all(|(t, _)| t.trim().is_empty()), "{e}"),
            }
        }
    }
}

// ------------------------------------------------------------- through the app's façade

/// On the demo store, with a model at a local server: the key goes to the keychain (never the
/// database), a draft is checked like any variant — what the model invents is flagged — and it
/// waits in the review queue under the model's and prompt's name.
#[test]
fn drafts_from_a_model_are_checked_and_queued_and_the_key_stays_in_the_keychain() {
    use storeloop_core::api::Storeloop;
    use storeloop_core::clock::ManualClock;
    use storeloop_core::paths::{DataDir, DataDirSource};
    use storeloop_core::secrets::{MemorySecrets, Secrets};

    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir { path: tmp.path().join("data"), source: DataDirSource::Flag };
    let clock = Arc::new(ManualClock::new("2026-11-25T12:00:00Z".parse().unwrap()));
    let secrets = Arc::new(MemorySecrets::default());
    let mut app = Storeloop::open(&dir, clock).unwrap().with_secrets(secrets.clone());
    app.create_demo(300, 9, None, &mut |_| {}).unwrap();

    // Nothing chosen yet: asking for a model's draft says what to do.
    let e = app.draft_copy_ai("FH-SEN-050", "subject", 3, None).unwrap_err();
    assert!(e.message.contains("the Language model card on the Copy screen"), "{}", e.message);
    // A provider that needs a key is refused without one, and nothing is saved.
    let e = app.save_copy_generator("anthropic", "claude-test", None, None).unwrap_err();
    assert!(e.message.contains("needs an API key"), "{}", e.message);
    assert_eq!(app.copy_generator().unwrap().provider, None);

    let mut answer = fixture_json("openai/responses.response.json_schema.captured-thirdparty.json");
    answer["output"][0]["content"][0]["text"] = json!(json!({"variants": [
        {"text": "Your Sencha is still in your basket", "hook": "reminder"},
        {"text": "Clinically proven Sencha, now 40% off", "hook": "benefit"},
        {"text": "Sencha in a 1 kg sack", "hook": "benefit"},
    ]})
    .to_string());
    let (base, seen) = server(vec![ok(answer)]);
    let g = app.save_copy_generator("openai", "gpt-test", Some(&base), Some(KEY)).unwrap();
    assert_eq!(g.provider.as_deref(), Some("openai"));
    assert!(g.key_saved);
    assert_eq!(secrets.get("copy.llm.openai").unwrap().as_deref(), Some(KEY));

    let drafted = app.draft_copy_ai("FH-SEN-050", "subject", 3, Some("a")).unwrap();
    assert_eq!(seen.lock().unwrap()[0].header("authorization"), Some(format!("Bearer {KEY}").as_str()));
    assert_eq!(drafted.len(), 3);
    assert!(drafted.iter().all(|v| v.generator == "openai gpt-test · copy-rewrite v1"));
    assert!(drafted[0].findings.is_empty(), "{:?}", drafted[0].findings);
    let rules = |i: usize| drafted[i].findings.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>();
    assert!(rules(1).contains(&"medical") || rules(1).contains(&"claim"), "{:?}", rules(1));
    assert!(rules(1).contains(&"discount"), "{:?}", rules(1));
    assert!(rules(2).contains(&"grounding"), "an invented size is caught: {:?}", rules(2));

    let queued = app.queue_variants(&drafted, "Sam").unwrap();
    assert!(queued.iter().all(|v| v.state == "review" && !v.sendable && v.generator.starts_with("openai gpt-test")));

    // The key is in no file of the data folder.
    for entry in walk(&dir.path) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(!bytes.windows(KEY.len()).any(|w| w == KEY.as_bytes()), "the key is in {}", entry.display());
    }
    let g = app.forget_copy_generator().unwrap();
    assert!(g.provider.is_none() && !g.key_saved);
    assert_eq!(secrets.get("copy.llm.openai").unwrap(), None);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

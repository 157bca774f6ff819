//! The email service providers' HTTP APIs: Postmark, SendGrid (v3), Mailgun and Resend. Each
//! takes the message as fields, answers with its own id, and signals failures its own way; here
//! they all become one of: sent, try later (429, 5xx, unreachable), rejected (4xx; Postmark's 406
//! "inactive recipient" also suppresses the address), or unknown (the connection broke after the
//! request may have arrived). Only Resend honours an idempotency key.

use std::time::Duration;

use serde_json::{json, Value};

use super::compose::{Built, Kind};
use super::transport::{SendError, Transport};

/// Which provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Postmark,
    SendGrid,
    Mailgun,
    Resend,
}

impl Provider {
    /// The provider's name as settings, the ledger and `storeloop events import` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Postmark => "postmark",
            Provider::SendGrid => "sendgrid",
            Provider::Mailgun => "mailgun",
            Provider::Resend => "resend",
        }
    }

    /// By name.
    pub fn parse(name: &str) -> Option<Provider> {
        [Provider::Postmark, Provider::SendGrid, Provider::Mailgun, Provider::Resend]
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The public API address (Mailgun: the US region; EU accounts use https://api.eu.mailgun.net).
    pub fn default_base(self) -> &'static str {
        match self {
            Provider::Postmark => "https://api.postmarkapp.com",
            Provider::SendGrid => "https://api.sendgrid.com",
            Provider::Mailgun => "https://api.mailgun.net",
            Provider::Resend => "https://api.resend.com",
        }
    }
}

/// A provider account: where its API is, the key (from the keychain) and, for Mailgun, the
/// sending domain.
#[derive(Clone)]
pub struct Http {
    pub provider: Provider,
    pub base: String,
    key: String,
    pub domain: Option<String>,
    agent: ureq::Agent,
}

impl std::fmt::Debug for Http {
    // Never print the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("provider", &self.provider)
            .field("base", &self.base)
            .field("domain", &self.domain)
            .finish_non_exhaustive()
    }
}

/// A provider's answer, before it is judged.
#[derive(Debug)]
struct Answer {
    status: u16,
    message_id_header: Option<String>,
    body: String,
}

impl Http {
    /// An account at `base` (the provider's default when None).
    pub fn new(provider: Provider, base: Option<&str>, key: &str, domain: Option<&str>) -> Http {
        Http::with_timeout(provider, base, key, domain, Duration::from_secs(30))
    }

    /// The same with another limit on how long a request may take.
    pub fn with_timeout(
        provider: Provider,
        base: Option<&str>,
        key: &str,
        domain: Option<&str>,
        timeout: Duration,
    ) -> Http {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent("Storeloop")
            .build();
        Http {
            provider,
            base: base.unwrap_or(provider.default_base()).trim_end_matches('/').to_owned(),
            key: key.to_owned(),
            domain: domain.map(str::to_owned),
            agent: config.into(),
        }
    }

    fn call(&self, m: &Built, key: &str) -> Result<Answer, SendError> {
        let p = &m.parts;
        let from = if p.from_name.is_empty() { p.from.clone() } else { format!("{} <{}>", p.from_name, p.from) };
        let to = match &p.to_name {
            Some(n) if !n.is_empty() => format!("{n} <{}>", p.to),
            _ => p.to.clone(),
        };
        let headers: serde_json::Map<String, Value> =
            p.headers.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
        let result = match self.provider {
            Provider::Postmark => {
                let body = json!({
                    "From": from, "To": to, "Subject": p.subject, "HtmlBody": p.html, "TextBody": p.text,
                    "Headers": p.headers.iter().map(|(k, v)| json!({"Name": k, "Value": v})).collect::<Vec<_>>(),
                    // Marketing and transactional mail go in separate streams, as Postmark asks.
                    "MessageStream": if p.kind == Kind::Marketing { "broadcast" } else { "outbound" },
                    "Metadata": { "storeloop_key": key },
                });
                self.agent
                    .post(&format!("{}/email", self.base))
                    .header("X-Postmark-Server-Token", &self.key)
                    .header("Accept", "application/json")
                    .content_type("application/json")
                    .send(body.to_string())
            }
            Provider::SendGrid => {
                let mut to_obj = json!({ "email": p.to });
                if let Some(n) = p.to_name.as_ref().filter(|n| !n.is_empty()) {
                    to_obj["name"] = json!(n);
                }
                let mut body = json!({
                    "personalizations": [{ "to": [to_obj] }],
                    "from": { "email": p.from, "name": p.from_name },
                    "subject": p.subject,
                    "content": [{ "type": "text/plain", "value": p.text }, { "type": "text/html", "value": p.html }],
                    "custom_args": { "storeloop_key": key },
                });
                if !headers.is_empty() {
                    body["headers"] = Value::Object(headers.clone());
                }
                if let Some(at) = p.send_at {
                    body["send_at"] = json!(at);
                }
                self.agent
                    .post(&format!("{}/v3/mail/send", self.base))
                    .header("Authorization", &format!("Bearer {}", self.key))
                    .content_type("application/json")
                    .send(body.to_string())
            }
            Provider::Mailgun => {
                let domain = self.domain.as_deref().ok_or_else(|| {
                    SendError::Permanent("Mailgun needs the sending domain in the settings.".to_owned())
                })?;
                let mut form: Vec<(String, String)> = vec![
                    ("from".into(), from),
                    ("to".into(), to),
                    ("subject".into(), p.subject.clone()),
                    ("text".into(), p.text.clone()),
                    ("html".into(), p.html.clone()),
                    ("v:storeloop_key".into(), key.to_owned()),
                ];
                form.extend(p.headers.iter().map(|(k, v)| (format!("h:{k}"), v.clone())));
                if let Some(at) = p.send_at {
                    form.push(("o:deliverytime".into(), rfc2822(at)));
                }
                let basic = base64(&format!("api:{}", self.key));
                self.agent
                    .post(&format!("{}/v3/{domain}/messages", self.base))
                    .header("Authorization", &format!("Basic {basic}"))
                    .send_form(form.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            }
            Provider::Resend => {
                let mut body =
                    json!({ "from": from, "to": [to], "subject": p.subject, "html": p.html, "text": p.text });
                if !headers.is_empty() {
                    body["headers"] = Value::Object(headers.clone());
                }
                if let Some(at) = p.send_at {
                    body["scheduled_at"] = json!(crate::time::rfc3339(at));
                }
                self.agent
                    .post(&format!("{}/emails", self.base))
                    .header("Authorization", &format!("Bearer {}", self.key))
                    // Resend keeps the key 24 h and never sends twice for it.
                    .header("Idempotency-Key", &key.chars().take(256).collect::<String>())
                    .content_type("application/json")
                    .send(body.to_string())
            }
        };
        match result {
            Ok(mut r) => Ok(Answer {
                status: r.status().as_u16(),
                message_id_header: r.headers().get("X-Message-Id").and_then(|v| v.to_str().ok()).map(str::to_owned),
                body: r.body_mut().read_to_string().unwrap_or_default(),
            }),
            Err(e) => Err(classify(&e, self.provider.name())),
        }
    }
}

/// Whether a transport error means "certainly not sent" or "may have been sent".
fn classify(e: &ureq::Error, provider: &str) -> SendError {
    use ureq::Error as E;
    match e {
        E::HostNotFound
        | E::ConnectionFailed
        | E::Tls(_)
        | E::ConnectProxyFailed(_)
        | E::Timeout(ureq::Timeout::Resolve | ureq::Timeout::Connect) => {
            SendError::Temporary(format!("could not reach {provider}: {e}"))
        }
        _ => SendError::Unknown(format!("{provider} did not answer in full ({e}); the request may have arrived")),
    }
}

/// Judges an answer.
fn judge(provider: Provider, a: &Answer) -> Result<String, SendError> {
    let json: Value = serde_json::from_str(&a.body).unwrap_or(Value::Null);
    let said = || {
        let m = json
            .get("Message")
            .or_else(|| json.get("message"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| json.pointer("/errors/0/message").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_else(|| a.body.chars().take(300).collect());
        format!("{} answered {}: {m}", provider.name(), a.status)
    };
    match a.status {
        200..=299 => {
            let id = match provider {
                Provider::Postmark => {
                    if json.get("ErrorCode").and_then(Value::as_i64).unwrap_or(0) != 0 {
                        return Err(SendError::Permanent(said()));
                    }
                    json.get("MessageID").and_then(Value::as_str).map(str::to_owned)
                }
                Provider::SendGrid => a.message_id_header.clone(),
                Provider::Mailgun | Provider::Resend => json.get("id").and_then(Value::as_str).map(str::to_owned),
            };
            Ok(id.unwrap_or_else(|| format!("{} accepted it (no id given)", provider.name())))
        }
        408 | 429 | 500..=599 => Err(SendError::Temporary(said())),
        // Resend: the same key is still being processed by an earlier request.
        409 if provider == Provider::Resend => Err(SendError::Temporary(said())),
        _ => Err(SendError::Permanent(said())),
    }
}

/// True when a rejection means the recipient must not be mailed again (Postmark 406).
pub fn inactive_recipient(e: &SendError) -> bool {
    matches!(e, SendError::Permanent(m) if m.contains("marked as inactive") || m.contains("inactive recipient"))
}

impl Transport for Http {
    fn name(&self) -> &'static str {
        self.provider.name()
    }

    fn send(&self, message: &Built, key: &str) -> Result<String, SendError> {
        let answer = self.call(message, key)?;
        judge(self.provider, &answer)
    }

    fn idempotent(&self) -> bool {
        self.provider == Provider::Resend
    }

    fn schedule_window(&self) -> Option<Duration> {
        // SendGrid: send_at up to 72 h; Mailgun: o:deliverytime up to 3 days; Resend documents
        // scheduled_at without a limit in its OpenAPI description, so the same 72 h is used.
        match self.provider {
            Provider::SendGrid | Provider::Mailgun | Provider::Resend => Some(Duration::from_secs(72 * 3600)),
            Provider::Postmark => None,
        }
    }

    fn cancel(&self, provider_id: &str) -> Result<(), SendError> {
        if self.provider != Provider::Resend {
            return Err(SendError::Permanent(format!(
                "{} does not let Storeloop cancel a single scheduled message; it will still be delivered",
                self.provider.name()
            )));
        }
        let r = self
            .agent
            .post(&format!("{}/emails/{provider_id}/cancel", self.base))
            .header("Authorization", &format!("Bearer {}", self.key))
            .send_empty();
        match r {
            Ok(mut r) => {
                let a = Answer {
                    status: r.status().as_u16(),
                    message_id_header: None,
                    body: r.body_mut().read_to_string().unwrap_or_default(),
                };
                judge(self.provider, &a).map(|_| ())
            }
            Err(e) => Err(classify(&e, self.provider.name())),
        }
    }
}

/// An RFC 2822 date in UTC, as Mailgun's o:deliverytime wants it.
fn rfc2822(at: i64) -> String {
    jiff::Timestamp::from_second(at).map(|t| t.strftime("%a, %d %b %Y %H:%M:%S +0000").to_string()).unwrap_or_default()
}

fn base64(s: &str) -> String {
    base64_bytes(s.as_bytes())
}

/// Standard base64 with padding.
pub(crate) fn base64_bytes(b: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(b.len().div_ceil(3) * 4);
    for c in b.chunks(3) {
        let n =
            (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 { T[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if c.len() > 2 { T[n as usize & 63] as char } else { '=' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Answer {
        Answer { status, message_id_header: None, body: body.to_owned() }
    }

    #[test]
    fn postmark_answers_are_judged_by_status_and_error_code() {
        let ok = r#"{"To":"a@example.com","SubmittedAt":"2026-01-01T00:00:00Z","MessageID":"b7bc2f4a","ErrorCode":0,"Message":"OK"}"#;
        assert_eq!(judge(Provider::Postmark, &answer(200, ok)), Ok("b7bc2f4a".into()));
        let inactive = include_str!("../../tests/data/esp/postmark_error_422_inactive_recipient.json");
        let e = judge(Provider::Postmark, &answer(422, inactive)).unwrap_err();
        assert!(inactive_recipient(&e), "{e}");
        assert!(matches!(judge(Provider::Postmark, &answer(429, "{}")), Err(SendError::Temporary(_))));
        assert!(matches!(judge(Provider::Postmark, &answer(503, "")), Err(SendError::Temporary(_))));
        assert!(
            matches!(judge(Provider::Postmark, &answer(401, "{\"ErrorCode\":10,\"Message\":\"Bad token\"}")), Err(SendError::Permanent(m)) if m.contains("Bad token"))
        );
    }

    #[test]
    fn others_give_their_ids_their_own_way() {
        let mut a = answer(202, "");
        a.message_id_header = Some("sg-123".into());
        assert_eq!(judge(Provider::SendGrid, &a), Ok("sg-123".into()));
        let mg = include_str!("../../tests/data/esp/mailgun_send_response.json");
        assert_eq!(
            judge(Provider::Mailgun, &answer(200, mg)),
            Ok("<20111114174239.25659.5817@samples.mailgun.org>".into())
        );
        assert_eq!(judge(Provider::Resend, &answer(200, r#"{"id":"49a3999c"}"#)), Ok("49a3999c".into()));
        assert!(matches!(
            judge(Provider::Resend, &answer(409, r#"{"name":"concurrent_idempotent_requests"}"#)),
            Err(SendError::Temporary(_))
        ));
    }

    #[test]
    fn base64_matches_known_values() {
        assert_eq!(base64("api:key-123"), "YXBpOmtleS0xMjM=");
        assert_eq!(base64("ab"), "YWI=");
        assert_eq!(base64("abc"), "YWJj");
    }
}

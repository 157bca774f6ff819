//! The façade's sending: a test email through the outbox or SMTP, and the message ledger.

use super::dto::{Delivery, EmailPreview, LedgerMessage, ProviderEventsReport, QueueReport, SendVia, SendingSettings};
use super::error::{ApiError, ErrorKind};
use super::Storeloop;
use crate::mail::compose::{ComposeError, Kind, Outgoing};
use crate::mail::send;
use crate::mail::smtp::{Security, Smtp};
use crate::mail::template::{Template, Utm, Values};
use crate::mail::transport::{Outbox, Transport};

/// The test email: what a customer's mail will look like, with the store's own details.
const TEST_TEMPLATE: &str = r##"<mjml>
  <mj-body background-color="#f6f5f2">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="20px" font-weight="600">A test from {{ store.name }}</mj-text>
        <mj-text>This is a test email sent by Storeloop to check that sending works. Nothing else was sent, and no customer received this.</mj-text>
        <mj-button href="{{ store.url }}" background-color="#3b3fb6">Visit the store</mj-button>
        <mj-text font-size="12px" color="#6b6b6b">{{ store.postal_address | "Add your postal address under Connections → Email sending before any marketing email." }}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>"##;

impl From<ComposeError> for ApiError {
    fn from(e: ComposeError) -> Self {
        ApiError::new(ErrorKind::InvalidInput, e.to_string())
    }
}

impl From<send::Error> for ApiError {
    fn from(e: send::Error) -> Self {
        match e {
            send::Error::Store(e) => e.into(),
            send::Error::Compose(e) => e.into(),
        }
    }
}

impl From<crate::mail::template::TemplateError> for ApiError {
    fn from(e: crate::mail::template::TemplateError) -> Self {
        ApiError::new(ErrorKind::InvalidInput, e.to_string())
    }
}

/// Keychain entry names.
fn secret_name(via: &SendVia) -> Option<String> {
    match via {
        SendVia::Outbox => None,
        SendVia::Smtp { host, username: Some(user), .. } => Some(format!("smtp:{user}@{host}")),
        SendVia::Smtp { .. } => None,
        SendVia::Provider { provider, .. } => Some(format!("provider:{}", provider.to_ascii_lowercase())),
    }
}

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorKind::InvalidInput, message)
}

fn security_of(s: &str) -> Result<Security, ApiError> {
    match s {
        "none" => Ok(Security::None),
        "starttls" => Ok(Security::StartTls),
        "tls" => Ok(Security::Tls),
        other => Err(invalid(format!("SMTP security `{other}` is not one of none, starttls, tls."))),
    }
}

/// The test email's body for this store: the same bytes the preview shows and the server gets.
fn test_body(settings: &crate::model::StoreSettings) -> Result<crate::mail::template::Rendered, ApiError> {
    let mut values = Values::new();
    values.insert("store.name", settings.name.clone());
    values.insert(
        "store.url",
        settings.domain.as_ref().map_or_else(|| "https://example.com/".to_owned(), |d| format!("https://{d}/")),
    );
    if let Some(a) = &settings.postal_address {
        values.insert("store.postal_address", a.clone());
    }
    let utm = Utm { source: "storeloop".into(), campaign: "test".into(), content: "test".into() };
    Ok(Template::parse(TEST_TEMPLATE)?.render(&values, Some(&utm))?)
}

impl From<crate::secrets::SecretError> for ApiError {
    fn from(e: crate::secrets::SecretError) -> Self {
        ApiError::new(ErrorKind::Io, e.to_string())
    }
}

impl Storeloop {
    /// How email leaves this computer (the outbox until something else is saved).
    pub fn sending_settings(&self) -> Result<SendingSettings, ApiError> {
        let via = match self.store.setting("sending.via")? {
            Some(json) => serde_json::from_str(&json).unwrap_or(SendVia::Outbox),
            None => SendVia::Outbox,
        };
        let settings = self.store.settings()?;
        let secret_saved = match secret_name(&via) {
            Some(name) => self.secrets.get(&name).map(|s| s.is_some()).unwrap_or(false),
            None => false,
        };
        Ok(SendingSettings {
            from: self.store.setting("sending.from")?,
            from_name: self
                .store
                .setting("sending.from_name")?
                .or_else(|| settings.as_ref().map(|s| s.name.clone()))
                .unwrap_or_default(),
            postal_address: settings.and_then(|s| s.postal_address),
            via,
            secret_saved,
        })
    }

    /// Saves how email leaves; `secret` (an SMTP password or API key), when given, goes to the
    /// OS keychain and nowhere else. Everything is checked first: nothing is saved half-way.
    pub fn save_sending_settings(
        &mut self,
        s: &SendingSettings,
        secret: Option<&str>,
    ) -> Result<SendingSettings, ApiError> {
        match &s.via {
            SendVia::Outbox => {}
            SendVia::Smtp { host, port, security, username } => {
                security_of(security)?;
                if host.trim().is_empty() || host.chars().any(char::is_whitespace) {
                    return Err(invalid(format!("`{host}` is not a server name.")));
                }
                if *port == 0 {
                    return Err(invalid("The SMTP port cannot be 0 (usually 587, or 465 for TLS).".into()));
                }
                if let Some(u) = username {
                    crate::mail::address::header_text("SMTP user name", u)?;
                }
            }
            SendVia::Provider { provider, domain, base_url } => {
                let p = crate::mail::providers::Provider::parse(provider).ok_or_else(|| {
                    invalid(format!("`{provider}` is not a provider Storeloop sends through: postmark, sendgrid, mailgun or resend."))
                })?;
                if p == crate::mail::providers::Provider::Mailgun
                    && domain.as_deref().is_none_or(|d| d.trim().is_empty())
                {
                    return Err(invalid("Mailgun needs the sending domain (for example mg.yourshop.com).".into()));
                }
                if let Some(b) = base_url {
                    if !(b.starts_with("https://")
                        || b.starts_with("http://127.0.0.1")
                        || b.starts_with("http://localhost"))
                    {
                        return Err(invalid(format!("The API address `{b}` must start with https://.")));
                    }
                }
            }
        }
        if let Some(from) = &s.from {
            crate::mail::address::email("sender address", from)?;
        }
        crate::mail::address::header_text("sender name", &s.from_name)?;
        if let Some(a) = &s.postal_address {
            if a.chars().any(|c| c.is_control() && c != '\n') || a.len() > 500 {
                return Err(invalid(
                    "The postal address has characters an address cannot have, or is over 500 characters.".into(),
                ));
            }
        }
        // The secret first: if the keychain refuses, nothing else changes either.
        if let (Some(secret), Some(name)) = (secret.filter(|v| !v.is_empty()), secret_name(&s.via)) {
            self.secrets.set(&name, secret)?;
        }
        let json = serde_json::to_string(&s.via).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        self.store.set_setting("sending.via", &json)?;
        if let Some(from) = &s.from {
            self.store.set_setting("sending.from", &crate::mail::address::email("sender address", from)?)?;
        }
        self.store.set_setting("sending.from_name", s.from_name.trim())?;
        self.store.set_postal_address(s.postal_address.as_deref().map(str::trim).filter(|a| !a.is_empty()))?;
        self.sending_settings()
    }

    /// The transport for `via`, with its secret from the keychain.
    fn transport_for(&self, via: &SendVia) -> Result<Box<dyn Transport>, ApiError> {
        let secret = match secret_name(via) {
            Some(name) => self.secrets.get(&name)?,
            None => None,
        };
        Ok(match via {
            SendVia::Outbox => Box::new(Outbox { dir: self.store.dir().join("outbox") }),
            SendVia::Smtp { host, port, security, username } => {
                let credentials = match (username, secret) {
                    (Some(u), Some(p)) => Some((u.clone(), p)),
                    (Some(u), None) => {
                        return Err(invalid(format!(
                            "There is no password for {u} at {host} in the keychain yet: save it under Connections → Email sending."
                        )))
                    }
                    _ => None,
                };
                Box::new(
                    Smtp::new(host, *port, security_of(security)?, credentials).map_err(|e| invalid(e.to_string()))?,
                )
            }
            SendVia::Provider { provider, domain, base_url } => {
                let p = crate::mail::providers::Provider::parse(provider)
                    .ok_or_else(|| invalid(format!("`{provider}` is not a provider Storeloop sends through.")))?;
                let key = secret.ok_or_else(|| {
                    invalid(format!(
                        "There is no {} API key in the keychain yet: save it under Connections → Email sending.",
                        p.name()
                    ))
                })?;
                Box::new(crate::mail::providers::Http::new(p, base_url.as_deref(), &key, domain.as_deref()))
            }
        })
    }

    /// The test email as it will be sent: subject, HTML (what the mobile and desktop previews
    /// show) and the plain-text part.
    pub fn preview_test_email(&self) -> Result<EmailPreview, ApiError> {
        let settings = self.store.settings()?.ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, "There is no store yet: open the demo store or import your data first.")
        })?;
        let body = test_body(&settings)?;
        Ok(EmailPreview {
            subject: format!("Test email from {} (Storeloop)", settings.name),
            html: body.html,
            text: body.text,
        })
    }

    /// Sends the test email to `to` through `via`, recorded in the ledger like any message.
    pub fn send_test(&mut self, to: &str, via: &SendVia) -> Result<Delivery, ApiError> {
        let key = format!("test:{}:{}", self.clock.now().as_nanosecond(), to.trim().to_ascii_lowercase());
        self.send_test_keyed(to, via, &key)
    }

    /// The test email under a given idempotency key: a second call with the same key sends
    /// nothing and returns the ledger's answer (the crash drill relies on it).
    pub fn send_test_keyed(&mut self, to: &str, via: &SendVia, key: &str) -> Result<Delivery, ApiError> {
        let settings = self.store.settings()?.ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, "There is no store yet: open the demo store or import your data first.")
        })?;
        let body = test_body(&settings)?;
        let subject = self.preview_test_email()?.subject;
        self.send_test_body(to, via, key, subject, body)
    }

    /// Sends a test message (`kind = test`: no unsubscribe headers, never suppressed) with the
    /// given subject and body under `key`, through `via`, recorded in the ledger.
    pub(super) fn send_test_body(
        &mut self,
        to: &str,
        via: &SendVia,
        key: &str,
        subject: String,
        body: crate::mail::template::Rendered,
    ) -> Result<Delivery, ApiError> {
        let settings = self.store.settings()?.ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, "There is no store yet: open the demo store or import your data first.")
        })?;
        let from_name = self.store.setting("sending.from_name")?.unwrap_or_else(|| settings.name.clone());
        let from = match self.store.setting("sending.from")? {
            Some(f) => f,
            None => match &settings.domain {
                Some(d) => format!("hello@{d}"),
                None => {
                    return Err(ApiError::new(
                        ErrorKind::InvalidInput,
                        "There is no sender address yet: set one under Connections → Email sending.",
                    ))
                }
            },
        };
        let transport = self.transport_for(via)?;
        let now = self.clock.now();
        let out = Outgoing {
            key: key.to_owned(),
            kind: Kind::Test,
            from_name,
            from,
            to_name: None,
            to: to.to_owned(),
            subject,
            body,
            unsubscribe: None,
            postal_address: settings.postal_address.clone(),
            date: now.as_second(),
            send_at: None,
        };
        let d = send::send(&mut self.store, transport.as_ref(), self.clock.as_ref(), &out, None)?;
        Ok(Delivery {
            id: d.id,
            state: d.state,
            already: d.already,
            transport: transport.name().to_owned(),
            provider_message_id: d.provider_message_id,
            detail: d.detail,
        })
    }

    /// Imports a file of `provider`'s events (webhook payloads): bounces, complaints and
    /// unsubscribes become suppressions (and withdraw consent); the rest is counted.
    pub fn import_provider_events(
        &mut self,
        provider: &str,
        path: &std::path::Path,
    ) -> Result<ProviderEventsReport, ApiError> {
        use crate::mail::events::{self, Effect};
        let p = crate::mail::providers::Provider::parse(provider).ok_or_else(|| {
            ApiError::new(
                ErrorKind::InvalidInput,
                format!("`{provider}` is not a provider Storeloop reads events from: use postmark, sendgrid, mailgun or resend."),
            )
        })?;
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            let kind = if e.kind() == std::io::ErrorKind::NotFound { ErrorKind::NotFound } else { ErrorKind::Io };
            ApiError::new(kind, format!("Could not read {name}: {e}"))
        })?;
        let values = events::parse_file(&text)
            .map_err(|why| ApiError::new(ErrorKind::InvalidInput, format!("{name}, {why}. Nothing was imported.")))?;
        let now = self.clock.now().as_second();
        let mut report = ProviderEventsReport {
            provider: p.name().to_owned(),
            file: name,
            events: values.len() as u64,
            suppressed: 0,
            already_suppressed: 0,
            informational: 0,
            engaged: 0,
            unknown: Vec::new(),
        };
        for (i, v) in values.iter().enumerate() {
            match events::effect(p, v) {
                Effect::Suppress { address, reason } => {
                    if crate::mail::address::email("recipient", &address).is_err() {
                        report.unknown.push(format!("event {}: `{address}` is not an email address", i + 1));
                    } else if self.store.apply_suppression(&address, reason, p.name(), now)? {
                        report.suppressed += 1;
                    } else {
                        report.already_suppressed += 1;
                    }
                }
                Effect::Engaged { address, at } => {
                    self.store.record_engagement(&address, at.unwrap_or(now).min(now))?;
                    report.engaged += 1;
                }
                Effect::Ignore { .. } => report.informational += 1,
                Effect::Unknown { why } => report.unknown.push(format!("event {}: {why}", i + 1)),
            }
        }
        Ok(report)
    }

    /// Sends queued messages that are due through the saved transport, at its rate (this call
    /// waits between sends when the rate asks for it).
    pub fn send_queued(&mut self, limit: u32) -> Result<QueueReport, ApiError> {
        let via = self.sending_settings()?.via;
        let transport = self.transport_for(&via)?;
        let (rate, burst) = crate::mail::rate::default_rate(transport.name());
        let mut bucket = crate::mail::rate::TokenBucket::new(rate, burst, self.clock.now().as_millisecond());
        let mut wait = |d: std::time::Duration| std::thread::sleep(d);
        let r = send::drain(
            &mut self.store,
            transport.as_ref(),
            self.clock.as_ref(),
            &mut bucket,
            &mut wait,
            i64::from(limit),
        )?;
        Ok(QueueReport {
            tried: r.tried,
            sent: r.sent,
            waiting: r.waiting,
            failed: r.failed,
            unknown: r.unknown,
            suppressed: r.suppressed,
        })
    }

    /// A person's decision on a message whose fate was unknown: it arrived (`sent`) or it did
    /// not (`failed`; send it again as a new message if it should go).
    pub fn resolve_message(&mut self, id: i64, arrived: bool) -> Result<Vec<LedgerMessage>, ApiError> {
        let (state, detail) = if arrived {
            ("sent", "marked as arrived by the owner")
        } else {
            ("failed", "marked as not arrived by the owner")
        };
        if !self.store.resolve_unknown(id, state, detail, self.clock.now().as_second())? {
            return Err(ApiError::new(
                ErrorKind::InvalidInput,
                format!("Message {id} is not waiting for a decision (only messages whose fate is unknown are)."),
            ));
        }
        self.outbox_list(200)
    }

    /// The newest `limit` messages of the ledger.
    pub fn outbox_list(&self, limit: u32) -> Result<Vec<LedgerMessage>, ApiError> {
        Ok(self
            .store
            .ledger(i64::from(limit.clamp(1, 10_000)))?
            .into_iter()
            .map(|e| LedgerMessage {
                id: e.id,
                idempotency_key: e.idempotency_key,
                kind: e.kind,
                to: e.to_address,
                subject: e.subject,
                transport: e.transport,
                state: e.state,
                provider_message_id: e.provider_message_id,
                detail: e.detail,
                created_at: crate::time::rfc3339(e.created_at),
                updated_at: crate::time::rfc3339(e.updated_at),
                attempts: e.attempts.max(0) as u64,
            })
            .collect())
    }
}

/// What `storeloop bench --mail` measured (not a UI type).
#[derive(Debug, Clone, serde::Serialize)]
pub struct MailBench {
    pub messages: u64,
    /// Rendering alone (MJML → HTML, UTM, text part), messages a second.
    pub render_per_second: f64,
    pub render_seconds: f64,
    /// Rendering, building and sending through the ledger to the SMTP server, messages a second.
    pub send_per_second: f64,
    pub send_seconds: f64,
    pub sent: u64,
}

/// The marketing template the benchmark renders: a product reminder with a button and footer.
const BENCH_TEMPLATE: &str = r##"<mjml><mj-body background-color="#f6f5f2">
<mj-section background-color="#ffffff"><mj-column>
<mj-text font-size="20px">Hello {{ customer.first_name | "there" }},</mj-text>
<mj-text>Your {{ product.title }} should be running low about now. Reorder in two clicks, and it ships tomorrow.</mj-text>
<mj-button href="{{ product.url }}" background-color="#3b3fb6">Reorder {{ product.title }}</mj-button>
<mj-text font-size="12px" color="#6b6b6b"><a href="{{ unsubscribe.url }}">Unsubscribe</a> · {{ store.name }} · {{ store.postal_address }}</mj-text>
</mj-column></mj-section></mj-body></mjml>"##;

/// Renders `count` messages, then renders and sends `count` test messages to an SMTP server on
/// 127.0.0.1:`smtp_port`, through the ledger of a throwaway store in `dir`.
pub fn bench_mail(
    dir: &crate::paths::DataDir,
    count: u64,
    smtp_port: u16,
    clock: std::sync::Arc<dyn crate::clock::Clock>,
) -> Result<MailBench, ApiError> {
    use std::time::Instant;
    let template = Template::parse(BENCH_TEMPLATE)?;
    let utm = Utm { source: "storeloop".into(), campaign: "replenishment".into(), content: "a".into() };
    let values = |i: u64| {
        let mut v = Values::new();
        v.insert("customer.first_name", format!("Customer {i}"));
        v.insert("product.title", "Kagoshima Sencha".into());
        v.insert("product.url", format!("https://fernhill-tea.example/products/sencha?v={i}"));
        v.insert("unsubscribe.url", format!("https://fernhill-tea.example/u/{i}"));
        v.insert("store.name", "Fernhill Tea Co.".into());
        v.insert("store.postal_address", "Farnweg 7, 79098 Freiburg".into());
        v
    };
    let started = Instant::now();
    let mut bytes = 0usize;
    for i in 0..count {
        bytes += template.render(&values(i), Some(&utm))?.html.len();
    }
    std::hint::black_box(bytes);
    let render_seconds = started.elapsed().as_secs_f64();

    let mut app = Storeloop::open(dir, clock)?;
    if app.store.settings()?.is_none() {
        app.create_demo(100, crate::demo::DEFAULT_SEED, None, &mut |_| {})?;
    }
    let smtp = Smtp::new("127.0.0.1", smtp_port, Security::None, None)
        .map_err(|e| ApiError::new(ErrorKind::InvalidInput, e.to_string()))?;
    let started = Instant::now();
    let mut sent = 0;
    for i in 0..count {
        let body = template.render(&values(i), Some(&utm))?;
        let out = Outgoing {
            key: format!("bench:{i}"),
            kind: Kind::Test,
            from_name: "Fernhill Tea Co.".into(),
            from: "hello@fernhill-tea.example".into(),
            to_name: None,
            to: format!("customer{i}@example.com"),
            subject: "Your sencha is nearly out".into(),
            body,
            unsubscribe: None,
            postal_address: None,
            date: app.clock.now().as_second(),
            send_at: None,
        };
        let d = send::send(&mut app.store, &smtp, app.clock.as_ref(), &out, None)?;
        sent += u64::from(d.state == "sent");
    }
    let send_seconds = started.elapsed().as_secs_f64();
    Ok(MailBench {
        messages: count,
        render_per_second: count as f64 / render_seconds.max(1e-9),
        render_seconds,
        send_per_second: count as f64 / send_seconds.max(1e-9),
        send_seconds,
        sent,
    })
}

impl From<crate::mail::address::AddressError> for ApiError {
    fn from(e: crate::mail::address::AddressError) -> Self {
        ApiError::new(ErrorKind::InvalidInput, e.to_string())
    }
}

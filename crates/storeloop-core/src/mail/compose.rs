//! Building the message that leaves: MIME with a plain-text and an HTML part, a Message-ID
//! derived from the idempotency key (so a resend would be recognisably the same message), the
//! date from the clock, and for marketing the RFC 8058 one-click unsubscribe headers and a
//! postal address in the body.

use lettre::message::header::{self, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

use super::address::{self, AddressError};
use super::template::Rendered;

/// What kind of mail: marketing must carry unsubscribe headers and a postal address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Test,
    Marketing,
    Transactional,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Test => "test",
            Kind::Marketing => "marketing",
            Kind::Transactional => "transactional",
        }
    }
}

/// Where unsubscribing goes: an https URL that accepts the one-click POST, and a mailto.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsubscribe {
    pub https: String,
    pub mailto: String,
}

/// A message ready to be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub key: String,
    pub kind: Kind,
    pub from_name: String,
    pub from: String,
    pub to_name: Option<String>,
    pub to: String,
    pub subject: String,
    pub body: Rendered,
    pub unsubscribe: Option<Unsubscribe>,
    /// The store's postal address; marketing refuses to build without it.
    pub postal_address: Option<String>,
    /// UTC seconds.
    pub date: i64,
    /// Deliver at this time (UTC seconds) rather than now: the provider holds it when it can
    /// (SendGrid, Mailgun, Resend, up to 72 hours ahead); otherwise it waits in the queue here.
    pub send_at: Option<i64>,
}

/// Why a message could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComposeError {
    #[error(transparent)]
    Address(#[from] AddressError),
    #[error("Marketing email needs the store's postal address in its footer (the law in most countries asks for it). Add it under Settings → Business address, then send again.")]
    NoPostalAddress,
    #[error("The message body does not show the postal address; put {{{{ store.postal_address }}}} in the template's footer.")]
    AddressNotInBody,
    #[error("Marketing email needs an unsubscribe link.")]
    NoUnsubscribe,
    #[error("The message could not be built: {0}")]
    Build(String),
}

/// The built message: its bytes and envelope (for SMTP and the outbox) and its parts (for the
/// providers' HTTP APIs, which take fields rather than MIME).
#[derive(Debug, Clone)]
pub struct Built {
    pub raw: Vec<u8>,
    pub envelope: lettre::address::Envelope,
    pub message_id: String,
    pub parts: Parts,
}

/// A message as fields.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Parts {
    pub kind: Kind,
    pub from_name: String,
    pub from: String,
    pub to_name: Option<String>,
    pub to: String,
    pub subject: String,
    pub html: String,
    pub text: String,
    /// Extra headers (the unsubscribe pair for marketing).
    pub headers: Vec<(String, String)>,
    /// Deliver at this time (UTC seconds).
    #[serde(default)]
    pub send_at: Option<i64>,
}

#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

fn mailbox(field: &'static str, name: Option<&str>, email: &str) -> Result<Mailbox, ComposeError> {
    let email = address::email(field, email)?;
    if let Some(n) = name {
        address::header_text(field, n)?;
    }
    let addr = email.parse().map_err(|e| ComposeError::Build(format!("{field}: {e}")))?;
    Ok(Mailbox::new(name.filter(|n| !n.trim().is_empty()).map(str::to_owned), addr))
}

/// Builds the message, enforcing what the kind requires.
pub fn build(o: &Outgoing) -> Result<Built, ComposeError> {
    address::header_text("subject", &o.subject)?;
    let from = mailbox("from", Some(&o.from_name), &o.from)?;
    let to = mailbox("to", o.to_name.as_deref(), &o.to)?;
    if o.kind == Kind::Marketing {
        let postal =
            o.postal_address.as_deref().filter(|a| !a.trim().is_empty()).ok_or(ComposeError::NoPostalAddress)?;
        let first_line = postal.lines().next().unwrap_or(postal).trim();
        if !o.body.text.contains(first_line) {
            return Err(ComposeError::AddressNotInBody);
        }
        if o.unsubscribe.is_none() {
            return Err(ComposeError::NoUnsubscribe);
        }
    }
    let domain = o.from.rsplit_once('@').map_or("storeloop.invalid", |d| d.1);
    let message_id = format!("<{}@{}>", digest(&o.key), domain);
    let seconds =
        u64::try_from(o.date).map_err(|_| ComposeError::Build(format!("the date {} is before 1970", o.date)))?;
    let date = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
    let mut b = Message::builder()
        .from(from)
        .to(to)
        .subject(o.subject.clone())
        .date(date)
        .message_id(Some(message_id.clone()))
        .header(header::MIME_VERSION_1_0);
    if let Some(u) = &o.unsubscribe {
        address::header_text("unsubscribe link", &u.https)?;
        address::header_text("unsubscribe address", &u.mailto)?;
        b = b.header(ListUnsubscribe(format!("<{}>, <{}>", u.https, u.mailto))).header(ListUnsubscribePost);
    }
    let m = b
        .multipart(MultiPart::alternative_plain_html(o.body.text.clone(), o.body.html.clone()))
        .map_err(|e| ComposeError::Build(e.to_string()))?;
    let mut headers = Vec::new();
    if let Some(u) = &o.unsubscribe {
        headers.push(("List-Unsubscribe".to_owned(), format!("<{}>, <{}>", u.https, u.mailto)));
        headers.push(("List-Unsubscribe-Post".to_owned(), "List-Unsubscribe=One-Click".to_owned()));
    }
    let parts = Parts {
        kind: o.kind,
        from_name: o.from_name.clone(),
        from: address::email("from", &o.from)?,
        to_name: o.to_name.clone(),
        to: address::email("to", &o.to)?,
        subject: o.subject.clone(),
        html: o.body.html.clone(),
        text: o.body.text.clone(),
        headers,
        send_at: o.send_at,
    };
    Ok(Built { envelope: m.envelope().clone(), raw: m.formatted(), message_id, parts })
}

/// What the ledger keeps of a message that may still be sent: enough to send it again exactly.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Payload {
    /// The MIME message (ASCII: every part is encoded).
    raw: String,
    message_id: String,
    parts: Parts,
}

impl Built {
    /// As JSON for the ledger.
    pub fn to_payload(&self) -> String {
        let p = Payload {
            raw: String::from_utf8_lossy(&self.raw).into_owned(),
            message_id: self.message_id.clone(),
            parts: self.parts.clone(),
        };
        serde_json::to_string(&p).unwrap_or_default()
    }

    /// Back from the ledger's JSON: a built message, or a deferred one, built now.
    pub fn from_payload(json: &str) -> Result<Built, ComposeError> {
        if json.starts_with("{\"deferred\"") {
            let d: DeferredPayload = serde_json::from_str(json)
                .map_err(|e| ComposeError::Build(format!("the queued message could not be read back: {e}")))?;
            return d.deferred.build();
        }
        let p: Payload = serde_json::from_str(json)
            .map_err(|e| ComposeError::Build(format!("the queued message could not be read back: {e}")))?;
        let from = p.parts.from.parse().map_err(|e| ComposeError::Build(format!("from: {e}")))?;
        let to = p.parts.to.parse().map_err(|e| ComposeError::Build(format!("to: {e}")))?;
        let envelope =
            lettre::address::Envelope::new(Some(from), vec![to]).map_err(|e| ComposeError::Build(e.to_string()))?;
        Ok(Built { raw: p.raw.into_bytes(), envelope, message_id: p.message_id, parts: p.parts })
    }
}

/// A flow email queued before it is rendered: the template's name and the values, with every
/// header. It is rendered and built when handed to the transport (the same bytes every time: the
/// Message-ID comes from the key), so a scheduler tick that queues thousands of emails writes a
/// few hundred bytes for each instead of the whole MIME message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deferred {
    pub key: String,
    /// A built-in template (`flows::TEMPLATES`).
    pub template: String,
    pub values: std::collections::BTreeMap<String, String>,
    pub utm_source: String,
    pub utm_campaign: String,
    pub utm_content: String,
    pub from_name: String,
    pub from: String,
    pub to_name: Option<String>,
    pub to: String,
    pub subject: String,
    pub unsubscribe_https: String,
    pub unsubscribe_mailto: String,
    pub postal_address: String,
    pub date: i64,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct DeferredPayload {
    deferred: Deferred,
}

impl Deferred {
    /// As JSON for the ledger.
    pub fn to_payload(&self) -> String {
        serde_json::to_string(&DeferredPayload { deferred: self.clone() }).unwrap_or_default()
    }

    /// Renders the template and builds the message.
    pub fn build(&self) -> Result<Built, ComposeError> {
        let source = crate::flows::template_source(&self.template)
            .ok_or_else(|| ComposeError::Build(format!("there is no template `{}`", self.template)))?;
        let template = super::template::Template::parse(source).map_err(|e| ComposeError::Build(e.to_string()))?;
        let mut values = super::template::Values::new();
        for (name, _) in super::template::VARIABLES {
            if let Some(v) = self.values.get(*name) {
                values.insert(name, v.clone());
            }
        }
        let utm = super::template::Utm {
            source: self.utm_source.clone(),
            campaign: self.utm_campaign.clone(),
            content: self.utm_content.clone(),
        };
        let body = template.render(&values, Some(&utm)).map_err(|e| ComposeError::Build(e.to_string()))?;
        build(&Outgoing {
            key: self.key.clone(),
            kind: Kind::Marketing,
            from_name: self.from_name.clone(),
            from: self.from.clone(),
            to_name: self.to_name.clone(),
            to: self.to.clone(),
            subject: self.subject.clone(),
            body,
            unsubscribe: Some(Unsubscribe {
                https: self.unsubscribe_https.clone(),
                mailto: self.unsubscribe_mailto.clone(),
            }),
            postal_address: Some(self.postal_address.clone()),
            date: self.date,
            send_at: None,
        })
    }
}

/// A short stable digest of the idempotency key (FNV-1a, 64 bits, twice with different seeds).
fn digest(key: &str) -> String {
    let h = |seed: u64| key.bytes().fold(seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{:016x}{:016x}.storeloop", h(0xcbf2_9ce4_8422_2325), h(0x8422_2325_cbf2_9ce4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outgoing(kind: Kind) -> Outgoing {
        Outgoing {
            key: "flow:1:step:2:customer:3:enrolment:4".into(),
            kind,
            from_name: "Fernhill Tea Co.".into(),
            from: "hello@fernhill.example".into(),
            to_name: Some("Anna Berg".into()),
            to: "anna@example.com".into(),
            subject: "Your tea is nearly out".into(),
            body: Rendered {
                html: "<p>Hi</p><p>Lindenstraße 4, Berlin</p>".into(),
                text: "Hi\n\nLindenstraße 4, Berlin\n".into(),
            },
            unsubscribe: Some(Unsubscribe {
                https: "https://fernhill.example/u/tok".into(),
                mailto: "mailto:unsubscribe@fernhill.example?subject=tok".into(),
            }),
            postal_address: Some("Lindenstraße 4, Berlin".into()),
            date: 1_790_000_000,
            send_at: None,
        }
    }

    #[test]
    fn marketing_carries_one_click_unsubscribe_and_a_stable_message_id() {
        let b = build(&outgoing(Kind::Marketing)).unwrap();
        // Long headers are folded onto continuation lines; unfold before reading.
        let raw = String::from_utf8_lossy(&b.raw).replace("\r\n ", " ").replace("\n ", " ");
        assert!(
            raw.contains(
                "List-Unsubscribe: <https://fernhill.example/u/tok>, <mailto:unsubscribe@fernhill.example?subject=tok>"
            ),
            "{raw}"
        );
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(raw.contains("multipart/alternative"));
        assert_eq!(b.message_id, build(&outgoing(Kind::Marketing)).unwrap().message_id);
        assert!(raw.contains(&format!("Message-ID: {}", b.message_id)));
    }

    #[test]
    fn marketing_without_a_postal_address_is_refused() {
        let mut o = outgoing(Kind::Marketing);
        o.postal_address = None;
        assert_eq!(build(&o).unwrap_err(), ComposeError::NoPostalAddress);
        let mut o = outgoing(Kind::Marketing);
        o.body.text = "Hi\n".into();
        assert_eq!(build(&o).unwrap_err(), ComposeError::AddressNotInBody);
        // A test message needs neither.
        let mut o = outgoing(Kind::Test);
        o.postal_address = None;
        o.unsubscribe = None;
        assert!(build(&o).is_ok());
    }

    #[test]
    fn header_injection_is_refused() {
        let mut o = outgoing(Kind::Test);
        o.subject = "Hi\r\nBcc: everyone@example.com".into();
        assert!(matches!(build(&o), Err(ComposeError::Address(AddressError::Injection { field: "subject" }))));
        let mut o = outgoing(Kind::Test);
        o.to_name = Some("Anna\nBcc: x@example.com".into());
        assert!(matches!(build(&o), Err(ComposeError::Address(AddressError::Injection { field: "to" }))));
    }
}

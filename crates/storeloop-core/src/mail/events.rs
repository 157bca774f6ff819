//! Provider events (webhook payloads, saved to a file or fetched): bounces, complaints and
//! unsubscribes become suppressions, so those addresses never receive marketing again.
//! Opens and clicks record when an address last engaged (flows stop mailing people who never
//! open). Deliveries are counted and left alone; an event this code does not know is reported,
//! not guessed at.

use serde_json::Value;

use super::providers::Provider;

/// What an event means for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Never send marketing to this address again: (address, reason), reason one of
    /// bounced, complained, unsubscribed.
    Suppress { address: String, reason: &'static str },
    /// The address opened or clicked a message, at this UTC second (when the event says).
    Engaged { address: String, at: Option<i64> },
    /// Informational (delivered, a temporary failure…).
    Ignore { what: String },
    /// An event this code does not recognise, with why.
    Unknown { why: String },
}

/// Reads a file's events: a JSON array, one JSON object, or JSON lines. Mailgun's
/// `{"signature", "event-data"}` envelope is unwrapped. Errors name the line.
pub fn parse_file(text: &str) -> Result<Vec<Value>, String> {
    let t = text.trim_start_matches('\u{feff}').trim();
    if t.is_empty() {
        return Ok(Vec::new());
    }
    let values: Vec<Value> = match serde_json::from_str::<Value>(t) {
        Ok(Value::Array(items)) => items,
        Ok(v) => vec![v],
        Err(whole) => {
            // JSON lines.
            let mut out = Vec::new();
            for (i, line) in t.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let v: Value = serde_json::from_str(line).map_err(|e| {
                    if i == 0 {
                        format!("line {}: not JSON ({whole})", whole.line())
                    } else {
                        format!("line {}: not JSON ({e})", i + 1)
                    }
                })?;
                out.push(v);
            }
            out
        }
    };
    Ok(values.into_iter().map(|v| v.get("event-data").cloned().unwrap_or(v)).collect())
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty())
}

fn suppress(address: Option<String>, reason: &'static str, what: &str) -> Effect {
    match address {
        Some(address) => Effect::Suppress { address, reason },
        None => Effect::Unknown { why: format!("a {what} event without a recipient address") },
    }
}

/// An event's time: RFC 3339 text or UNIX seconds.
fn when(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::String(s) => s.parse::<jiff::Timestamp>().ok().map(|t| t.as_second()),
        Value::Number(n) => n.as_f64().filter(|f| f.is_finite() && *f > 0.0).map(|f| f as i64),
        _ => None,
    }
}

fn engaged(address: Option<String>, at: Option<i64>, what: &str) -> Effect {
    match address {
        Some(address) => Effect::Engaged { address, at },
        None => Effect::Unknown { why: format!("an {what} event without a recipient address") },
    }
}

/// What one event of `provider` means.
pub fn effect(provider: Provider, e: &Value) -> Effect {
    match provider {
        Provider::Postmark => {
            let kind = e.get("RecordType").and_then(Value::as_str).unwrap_or("");
            match kind {
                "Bounce" => {
                    // Only hard bounces (or ones Postmark marked inactive) stop sending.
                    let hard = e.get("Type").and_then(Value::as_str) == Some("HardBounce")
                        || e.get("Inactive").and_then(Value::as_bool) == Some(true);
                    if hard {
                        suppress(text(e, "Email"), "bounced", "bounce")
                    } else {
                        Effect::Ignore {
                            what: format!("soft bounce ({})", e.get("Type").and_then(Value::as_str).unwrap_or("?")),
                        }
                    }
                }
                "SpamComplaint" => suppress(text(e, "Email"), "complained", "complaint"),
                "SubscriptionChange" => {
                    if e.get("SuppressSending").and_then(Value::as_bool) == Some(true) {
                        suppress(text(e, "Recipient"), "unsubscribed", "unsubscribe")
                    } else {
                        Effect::Ignore { what: "resubscribed".into() }
                    }
                }
                "Open" | "Click" => engaged(text(e, "Recipient"), when(e.get("ReceivedAt")), "open or click"),
                "Delivery" => Effect::Ignore { what: kind.to_ascii_lowercase() },
                other => Effect::Unknown { why: format!("Postmark RecordType `{other}` is not one Storeloop knows") },
            }
        }
        Provider::SendGrid => {
            let kind = e.get("event").and_then(Value::as_str).unwrap_or("");
            match kind {
                "bounce" => {
                    // type=bounce is a hard bounce; type=blocked is a refusal that may pass, unless
                    // its status is permanent (5.x.x, e.g. "over quota and inactive").
                    let blocked = e.get("type").and_then(Value::as_str) == Some("blocked");
                    let permanent = e.get("status").and_then(Value::as_str).is_some_and(|s| s.starts_with('5'));
                    if blocked && !permanent {
                        Effect::Ignore { what: "blocked (temporary)".into() }
                    } else {
                        suppress(text(e, "email"), "bounced", "bounce")
                    }
                }
                "spamreport" => suppress(text(e, "email"), "complained", "spam report"),
                "unsubscribe" | "group_unsubscribe" => suppress(text(e, "email"), "unsubscribed", "unsubscribe"),
                "open" | "click" => engaged(text(e, "email"), when(e.get("timestamp")), "open or click"),
                "processed" | "dropped" | "delivered" | "deferred" | "group_resubscribe" => {
                    Effect::Ignore { what: kind.to_owned() }
                }
                other => Effect::Unknown { why: format!("SendGrid event `{other}` is not one Storeloop knows") },
            }
        }
        Provider::Mailgun => {
            let kind = e.get("event").and_then(Value::as_str).unwrap_or("");
            match kind {
                "failed" if e.get("severity").and_then(Value::as_str) == Some("permanent") => {
                    suppress(text(e, "recipient"), "bounced", "permanent failure")
                }
                "failed" => Effect::Ignore { what: "temporary failure".into() },
                "complained" => suppress(text(e, "recipient"), "complained", "complaint"),
                "unsubscribed" => suppress(text(e, "recipient"), "unsubscribed", "unsubscribe"),
                "opened" | "clicked" => engaged(text(e, "recipient"), when(e.get("timestamp")), "open or click"),
                "accepted" | "delivered" | "stored" | "rejected" => Effect::Ignore { what: kind.to_owned() },
                other => Effect::Unknown { why: format!("Mailgun event `{other}` is not one Storeloop knows") },
            }
        }
        Provider::Resend => {
            let kind = e.get("type").and_then(Value::as_str).unwrap_or("");
            let to = e
                .pointer("/data/to")
                .and_then(|t| t.as_array().and_then(|a| a.first()).or(Some(t)))
                .and_then(Value::as_str)
                .map(|s| s.trim().to_ascii_lowercase());
            match kind {
                "email.bounced" => {
                    if e.pointer("/data/bounce/type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.eq_ignore_ascii_case("transient"))
                    {
                        Effect::Ignore { what: "transient bounce".into() }
                    } else {
                        suppress(to, "bounced", "bounce")
                    }
                }
                "email.complained" => suppress(to, "complained", "complaint"),
                "email.opened" | "email.clicked" => engaged(to, when(e.get("created_at")), "open or click"),
                "email.sent"
                | "email.delivered"
                | "email.delivery_delayed"
                | "email.scheduled"
                | "email.failed"
                | "email.suppressed" => Effect::Ignore { what: kind.to_owned() },
                "contact.updated" if e.pointer("/data/unsubscribed").and_then(Value::as_bool) == Some(true) => {
                    let email = e.pointer("/data/email").and_then(Value::as_str).map(|s| s.to_ascii_lowercase());
                    suppress(email, "unsubscribed", "unsubscribe")
                }
                other => Effect::Unknown { why: format!("Resend event `{other}` is not one Storeloop knows") },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> String {
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/esp").join(name))
            .unwrap()
    }

    #[test]
    fn opens_and_clicks_record_engagement_with_their_time() {
        let open = parse_file(&file("postmark_webhook_open.json")).unwrap();
        assert_eq!(
            effect(Provider::Postmark, &open[0]),
            Effect::Engaged { address: "john@example.com".into(), at: Some(1_743_870_834) }
        );
        let click = parse_file(&file("postmark_webhook_click.json")).unwrap();
        assert!(matches!(effect(Provider::Postmark, &click[0]), Effect::Engaged { .. }));
        let opened = parse_file(&file("mailgun_event_opened.json")).unwrap();
        assert_eq!(
            effect(Provider::Mailgun, &opened[0]),
            Effect::Engaged { address: "recipient@example.com".into(), at: Some(1_377_047_343) }
        );
        let clicked = parse_file(&file("mailgun_event_clicked.json")).unwrap();
        assert!(matches!(effect(Provider::Mailgun, &clicked[0]), Effect::Engaged { .. }));
    }

    #[test]
    fn postmark_webhooks() {
        let bounce = parse_file(&file("postmark_webhook_bounce.json")).unwrap();
        assert_eq!(
            effect(Provider::Postmark, &bounce[0]),
            Effect::Suppress { address: "john@example.com".into(), reason: "bounced" }
        );
        let spam = parse_file(&file("postmark_webhook_spam_complaint.json")).unwrap();
        assert_eq!(
            effect(Provider::Postmark, &spam[0]),
            Effect::Suppress { address: "john@example.com".into(), reason: "complained" }
        );
        let unsub = parse_file(&file("postmark_webhook_subscription_change.json")).unwrap();
        assert_eq!(
            effect(Provider::Postmark, &unsub[0]),
            Effect::Suppress { address: "john@example.com".into(), reason: "unsubscribed" }
        );
        let delivery = parse_file(&file("postmark_webhook_delivery.json")).unwrap();
        assert!(matches!(effect(Provider::Postmark, &delivery[0]), Effect::Ignore { .. }));
    }

    #[test]
    fn sendgrid_batches() {
        let events = parse_file(&file("sendgrid_event_webhook_signed_multi.body")).unwrap();
        let effects: Vec<Effect> = events.iter().map(|e| effect(Provider::SendGrid, e)).collect();
        assert!(
            effects.contains(&Effect::Suppress { address: "invalid@gmail.com".into(), reason: "bounced" }),
            "{effects:?}"
        );
        assert!(effects.iter().all(|e| !matches!(e, Effect::Unknown { .. })), "{effects:?}");
    }

    #[test]
    fn mailgun_events() {
        let failed = parse_file(&file("mailgun_event_failed_permanent.json")).unwrap();
        assert_eq!(
            effect(Provider::Mailgun, &failed[0]),
            Effect::Suppress { address: "slava@mailgun.com".into(), reason: "bounced" }
        );
        let temp = parse_file(&file("mailgun_event_failed_temporary.json")).unwrap();
        assert!(matches!(effect(Provider::Mailgun, &temp[0]), Effect::Ignore { .. }));
        let complained = parse_file(&file("mailgun_event_complained.json")).unwrap();
        assert_eq!(
            effect(Provider::Mailgun, &complained[0]),
            Effect::Suppress { address: "foo@example.com".into(), reason: "complained" }
        );
        let unsub = parse_file(&file("mailgun_event_unsubscribed.json")).unwrap();
        assert_eq!(
            effect(Provider::Mailgun, &unsub[0]),
            Effect::Suppress { address: "recipient@example.com".into(), reason: "unsubscribed" }
        );
        // The webhook envelope is unwrapped.
        let wrapped = format!(
            r#"{{"signature":{{"timestamp":"1","token":"t","signature":"s"}},"event-data":{}}}"#,
            file("mailgun_event_complained.json")
        );
        assert_eq!(
            effect(Provider::Mailgun, &parse_file(&wrapped).unwrap()[0]),
            Effect::Suppress { address: "foo@example.com".into(), reason: "complained" }
        );
    }

    #[test]
    fn resend_and_the_unknown() {
        let delivered = parse_file(&file("resend_webhook_email_delivered.json")).unwrap();
        assert!(matches!(effect(Provider::Resend, &delivered[0]), Effect::Ignore { .. }));
        let bounced: Value = serde_json::from_str(r#"{"type":"email.bounced","created_at":"2026-01-01T00:00:00Z","data":{"email_id":"x","to":["Anna@Example.com"],"bounce":{"type":"Permanent"}}}"#).unwrap();
        assert_eq!(
            effect(Provider::Resend, &bounced),
            Effect::Suppress { address: "anna@example.com".into(), reason: "bounced" }
        );
        let odd: Value = serde_json::from_str(r#"{"type":"email.teleported"}"#).unwrap();
        assert!(matches!(effect(Provider::Resend, &odd), Effect::Unknown { .. }));
        assert!(parse_file("{not json").unwrap_err().contains("line 1"));
        assert!(parse_file("{\"a\":1}\n{oops").unwrap_err().contains("line 2"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "[\\[\\]{}\":,a-z0-9 \n.@-]{0,200}") {
            if let Ok(values) = parse_file(&text) {
                for v in &values {
                    for p in [Provider::Postmark, Provider::SendGrid, Provider::Mailgun, Provider::Resend] {
                        let _ = effect(p, v);
                    }
                }
            }
        }
    }
}

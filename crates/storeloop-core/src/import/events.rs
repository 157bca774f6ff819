//! E-commerce events as JSON lines, in the widely used e-commerce event spec (Segment's
//! "Ecommerce Events v2" `track` calls): Product Viewed, Product Added, Cart Viewed, Checkout
//! Started and Order Completed are stored; other events are counted as skipped. Each event is stored once,
//! by its `messageId` (or a fingerprint of the line when it has none).

use std::io::BufRead;
use std::path::Path;

use serde::Deserialize;

use super::{fnv1a, identify, require_store, Error, Kind, Summary, Tally};
use crate::clock::Clock;
use crate::model::EventKind;
use crate::progress::Progress;
use crate::store::{ImportedEvent, Store};

/// Events per transaction (each commit also moves the resume checkpoint).
const EVENTS_PER_BATCH: usize = 2_000;

/// The parts of a `track` call that matter here; everything else is ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Track {
    event: Option<String>,
    user_id: Option<serde_json::Value>,
    anonymous_id: Option<serde_json::Value>,
    message_id: Option<String>,
    timestamp: Option<String>,
    original_timestamp: Option<String>,
    sent_at: Option<String>,
    #[serde(default)]
    properties: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    context: serde_json::Map<String, serde_json::Value>,
}

fn text(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn kind(event: &str) -> Option<EventKind> {
    match event {
        "Product Viewed" => Some(EventKind::ProductViewed),
        "Product Added" => Some(EventKind::ProductAdded),
        "Cart Viewed" => Some(EventKind::CartViewed),
        "Checkout Started" => Some(EventKind::CheckoutStarted),
        "Order Completed" => Some(EventKind::OrderCompleted),
        _ => None,
    }
}

pub(super) fn run(
    store: &mut Store,
    path: &Path,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, Error> {
    let now = clock.now().as_second();
    require_store(store, path, "events")?;
    let (size, head) = identify(path)?;
    let file = std::fs::File::open(path).map_err(|source| Error::File { path: path.to_path_buf(), source })?;
    let mut tally = Tally::begin(store, Kind::Events, path, size, &head, now)?;
    let mut batch: Vec<ImportedEvent> = Vec::with_capacity(EVENTS_PER_BATCH);
    let mut done_bytes = 0u64;
    let mut last_line = tally.resume;
    let write = |tx: &mut crate::store::ImportTx<'_>, e: &ImportedEvent| tx.event(e);

    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut raw = Vec::new();
    let mut line = 0u64;
    loop {
        raw.clear();
        let n =
            reader.read_until(b'\n', &mut raw).map_err(|source| Error::File { path: path.to_path_buf(), source })?;
        if n == 0 {
            break;
        }
        line += 1;
        done_bytes += n as u64;
        if line <= tally.resume || raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        tally.counts.rows_read += 1;
        last_line = line;
        let mut reject = |column: Option<&str>, reason: String| tally.reject(line, column, reason);
        let body = if line == 1 { raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&raw) } else { &raw[..] };
        let track: Track = match serde_json::from_slice(body) {
            Ok(t) => t,
            Err(e) => {
                reject(None, format!("not a JSON object (column {}: {e})", e.column()));
                continue;
            }
        };
        let Some(event) = track.event.as_deref().map(str::trim).filter(|e| !e.is_empty()) else {
            reject(Some("event"), "the line names no event".to_owned());
            continue;
        };
        let Some(kind) = kind(event) else {
            tally.skipped += 1;
            continue;
        };
        let when = [&track.timestamp, &track.original_timestamp, &track.sent_at].into_iter().flatten().next();
        let Some(when) = when else {
            reject(Some("timestamp"), "the event has no timestamp".to_owned());
            continue;
        };
        let occurred_at = match when.parse::<jiff::Timestamp>() {
            Ok(t) if t.as_second() > now + 86_400 => {
                reject(Some("timestamp"), format!("{when} is in the future: check the sender's clock"));
                continue;
            }
            Ok(t) => t.as_second(),
            Err(_) => {
                reject(Some("timestamp"), format!("`{when}` is not an ISO 8601 time such as 2026-11-25T12:00:00Z"));
                continue;
            }
        };
        let traits = track.context.get("traits").and_then(|t| t.as_object());
        let email = [
            text(track.properties.get("email")),
            traits.and_then(|t| text(t.get("email"))),
            text(track.user_id.as_ref()),
        ]
        .into_iter()
        .flatten()
        .find(|e| e.contains('@'))
        .map(|e| e.to_lowercase());
        let sku = text(track.properties.get("sku")).or_else(|| text(track.properties.get("product_id")));
        let message_id = track
            .message_id
            .clone()
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| format!("fp:{:016x}", fnv1a(&raw)));
        batch.push(ImportedEvent {
            kind,
            email,
            anonymous_id: text(track.anonymous_id.as_ref()),
            sku,
            occurred_at,
            message_id,
        });
        if batch.len() >= EVENTS_PER_BATCH {
            tally.write(store, &mut batch, line, write)?;
            progress(Progress::bytes("Importing events", done_bytes, size));
        }
    }
    tally.write(store, &mut batch, last_line, write)?;
    progress(Progress::bytes("Importing events", size, size));
    tally.finish(store, Kind::Events, path, clock)
}

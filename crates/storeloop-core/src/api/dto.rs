//! The plain data that crosses into the UI and out of the CLI as JSON. Every type here has a
//! generated TypeScript twin in `ui/src/gen/api.ts`; changing one is a promise to both sides.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount of money in integer minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Money {
    #[ts(type = "number")]
    pub minor: i64,
    pub currency: String,
}

/// Where the store's data comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StoreSource {
    Demo,
    Import,
    Shopify,
    Woocommerce,
}

/// The open store, as the top bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StoreInfo {
    pub name: String,
    pub currency: String,
    pub timezone: String,
    pub source: StoreSource,
}

/// Orders and net revenue of one calendar month in the store's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MonthRevenue {
    /// `YYYY-MM`.
    pub month: String,
    #[ts(type = "number")]
    pub orders: i64,
    pub revenue: Money,
}

/// The Home screen's store pulse (definitions in UX.md, "The numbers").
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HomeStats {
    pub store: StoreInfo,
    #[ts(type = "number")]
    pub customers: i64,
    #[ts(type = "number")]
    pub customers_with_orders: i64,
    #[ts(type = "number")]
    pub orders: i64,
    pub gross_item_revenue: Money,
    pub discounts: Money,
    /// Gross item revenue − discounts.
    pub revenue: Money,
    /// Revenue ÷ orders; null with no orders.
    pub average_order_value: Option<Money>,
    /// Share of customers with orders who ordered twice or more.
    pub repeat_purchase_rate: Option<f64>,
    /// Share of orders that used a discount.
    pub discount_rate: Option<f64>,
    /// Refunded units ÷ units sold.
    pub return_rate: Option<f64>,
    #[ts(type = "number")]
    pub units_sold: i64,
    #[ts(type = "number")]
    pub units_refunded: i64,
    /// RFC 3339, UTC.
    pub first_order_at: Option<String>,
    /// RFC 3339, UTC.
    pub last_order_at: Option<String>,
    pub revenue_by_month: Vec<MonthRevenue>,
}

/// What the app is running on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppStatus {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Null until a store is created, imported or connected.
    pub store: Option<StoreInfo>,
}

/// How far a long task has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    /// What is being done, in plain words.
    pub task: String,
    #[ts(type = "number")]
    pub done: u64,
    /// 0 when unknown.
    #[ts(type = "number")]
    pub total: u64,
    /// A sentence for people ("Writing orders: 1,200 of 15,000").
    pub message: String,
}

/// What a demo-store generation made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DemoReport {
    pub store: StoreInfo,
    #[ts(type = "number")]
    pub seed: u64,
    #[ts(type = "number")]
    pub products: u64,
    #[ts(type = "number")]
    pub variants: u64,
    #[ts(type = "number")]
    pub customers: u64,
    #[ts(type = "number")]
    pub orders: u64,
    #[ts(type = "number")]
    pub line_items: u64,
    #[ts(type = "number")]
    pub refunds: u64,
    #[ts(type = "number")]
    pub abandoned_checkouts: u64,
    #[ts(type = "number")]
    pub events: u64,
    #[ts(type = "number")]
    pub support_tickets: u64,
}

/// How much an audit finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Numbers or flows will be wrong until this is fixed.
    Blocker,
    /// Some customers or products are left out or treated cautiously.
    Warning,
    /// Worth knowing.
    Info,
}

/// What one audit check found (count 0: all clear).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditFinding {
    /// Stable identifier of the check, e.g. `unknown_skus`.
    pub code: String,
    pub severity: Severity,
    /// What was looked for, in plain words.
    pub title: String,
    /// What to do about it.
    pub fix: String,
    #[ts(type = "number")]
    pub count: i64,
    /// Up to ten examples.
    pub examples: Vec<String>,
    /// Why the check could not be done, when it could not (for example: offline).
    pub note: Option<String>,
    /// The owner read it and chose to go on (the rollout's data step accepts this).
    pub acknowledged: Option<super::guide_dto::Acknowledgement>,
}

/// A data audit: every check, with what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditReport {
    /// RFC 3339, UTC.
    pub ran_at: String,
    /// Checks that found something.
    #[ts(type = "number")]
    pub problems: i64,
    pub findings: Vec<AuditFinding>,
}

/// One rejected row (or field) of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportProblem {
    /// 1-based line in the file.
    #[ts(type = "number")]
    pub line: u64,
    /// The column's header, when one field is at fault.
    pub column: Option<String>,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    /// `shopify-orders`, …
    pub kind: String,
    pub file: String,
    #[ts(type = "number")]
    pub rows_read: u64,
    #[ts(type = "number")]
    pub inserted: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    #[ts(type = "number")]
    pub rejected: u64,
    /// Rows read and deliberately not stored (events Storeloop does not use).
    #[ts(type = "number")]
    pub skipped: u64,
    /// The first problems (all are counted in `rejected`).
    pub problems: Vec<ImportProblem>,
    /// Set when this run picked up an interrupted one after this line.
    #[ts(type = "number | null")]
    pub resumed_after_line: Option<u64>,
}

/// One line of an order, as shown to the customer it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonLine {
    pub sku: Option<String>,
    pub title: Option<String>,
    #[ts(type = "number")]
    pub quantity: i64,
    pub unit_price: Money,
    pub discount: Money,
}

/// Money given back on an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonRefund {
    #[ts(type = "number")]
    pub quantity: i64,
    pub amount: Money,
    pub reason: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// One of a person's orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonOrder {
    pub number: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub subtotal: Money,
    pub discount: Money,
    pub discount_code: Option<String>,
    pub shipping: Money,
    pub tax: Money,
    pub total: Money,
    pub financial_status: String,
    pub fulfillment_status: Option<String>,
    pub cancelled_at: Option<String>,
    pub lines: Vec<PersonLine>,
    pub refunds: Vec<PersonRefund>,
}

/// A checkout a person started and left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonCheckout {
    pub created_at: String,
    pub value: Money,
    pub recovered: bool,
}

/// Something a person did on the store's site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonEvent {
    pub kind: String,
    #[ts(type = "number | null")]
    pub variant_id: Option<i64>,
    pub occurred_at: String,
}

/// A support conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonTicket {
    pub subject: String,
    pub tags: String,
    pub status: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
}

/// Everything Storeloop holds about one person (a privacy export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonExport {
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// subscribed, unsubscribed, not_asked or unknown.
    pub consent: String,
    pub consent_source: Option<String>,
    pub consent_at: Option<String>,
    pub tags: String,
    pub timezone: Option<String>,
    pub customer_since: String,
    pub orders: Vec<PersonOrder>,
    pub abandoned_checkouts: Vec<PersonCheckout>,
    pub events: Vec<PersonEvent>,
    pub support_tickets: Vec<PersonTicket>,
}

/// What erasing a person did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ForgetReport {
    #[ts(type = "number")]
    pub customer_id: i64,
    /// Orders kept, anonymous, so the store's figures stay right.
    #[ts(type = "number")]
    pub orders_kept: u64,
    #[ts(type = "number")]
    pub events_deleted: u64,
    #[ts(type = "number")]
    pub tickets_erased: u64,
    #[ts(type = "number")]
    pub checkouts_erased: u64,
}

/// Fitted Gamma-Gamma spend-model parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GammaGammaParams {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
    pub log_likelihood: f64,
    /// Repeat buyers it was fitted on.
    #[ts(type = "number")]
    pub customers: u64,
}

/// One row of the calibration/holdout table: customers with `x` repeat purchases in the
/// calibration period, and their mean purchases in the holdout period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HoldoutRow {
    /// "0" … "6", "7+".
    pub x: String,
    #[ts(type = "number")]
    pub customers: u64,
    pub actual: f64,
    pub predicted: f64,
}

/// `storeloop model bgnbd`: BG/NBD and Gamma-Gamma fitted to a purchase log.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PurchaseLogModel {
    pub file: String,
    /// YYYY-MM-DD, inclusive.
    pub calibration_end: String,
    pub holdout_end: String,
    pub holdout_weeks: f64,
    #[ts(type = "number")]
    pub rows: u64,
    /// Customers whose first purchase is in the calibration period.
    #[ts(type = "number")]
    pub customers: u64,
    #[ts(type = "number")]
    pub repeat_buyers: u64,
    /// Transactions (same-day purchases of a customer count once).
    #[ts(type = "number")]
    pub transactions: u64,
    /// Rows left out, and why.
    pub notes: Vec<String>,
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub log_likelihood: f64,
    pub iterations: u32,
    /// Null when it could not be fitted; `gamma_gamma_note` says why.
    pub gamma_gamma: Option<GammaGammaParams>,
    pub gamma_gamma_note: Option<String>,
    pub holdout: Vec<HoldoutRow>,
}

/// Where a message goes. Passwords and API keys are never part of it: they live in the OS
/// keychain (see `save_sending_settings`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SendVia {
    /// The local outbox: an .eml file in the data folder; nothing leaves the computer.
    Outbox,
    /// An SMTP server; `security` is "none", "starttls" or "tls". With a user name, the password
    /// comes from the keychain.
    Smtp {
        host: String,
        port: u16,
        security: String,
        #[serde(default)]
        #[ts(optional)]
        username: Option<String>,
    },
    /// An email service provider's API: "postmark", "sendgrid", "mailgun" or "resend"; the key
    /// comes from the keychain. Mailgun needs the sending `domain`; `base_url` overrides the API
    /// address (Mailgun's EU region: https://api.eu.mailgun.net).
    Provider {
        provider: String,
        #[serde(default)]
        #[ts(optional)]
        domain: Option<String>,
        #[serde(default)]
        #[ts(optional)]
        base_url: Option<String>,
    },
}

/// How email leaves this computer, and who it says it is from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SendingSettings {
    pub via: SendVia,
    /// The sender address; null until set (the store's domain is suggested).
    pub from: Option<String>,
    pub from_name: String,
    /// The postal address every marketing email's footer carries.
    pub postal_address: Option<String>,
    /// Whether the keychain holds the password or key `via` needs (never the secret itself).
    pub secret_saved: bool,
}

/// What happened to one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Delivery {
    #[ts(type = "number")]
    pub id: i64,
    /// queued, sending, sent, failed, suppressed or unknown.
    pub state: String,
    /// True when this message was already in the ledger: nothing was sent again.
    pub already: bool,
    pub transport: String,
    /// What the other side gave back: a provider's message id, the SMTP server's reply, or the
    /// outbox file's path.
    pub provider_message_id: Option<String>,
    pub detail: Option<String>,
}

/// A message in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LedgerMessage {
    #[ts(type = "number")]
    pub id: i64,
    pub idempotency_key: String,
    /// test, marketing or transactional.
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub transport: String,
    pub state: String,
    pub provider_message_id: Option<String>,
    pub detail: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[ts(type = "number")]
    pub attempts: u64,
}

/// `storeloop events import`: what a file of provider events changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProviderEventsReport {
    pub provider: String,
    pub file: String,
    #[ts(type = "number")]
    pub events: u64,
    /// Addresses suppressed by this import (bounced, complained, unsubscribed).
    #[ts(type = "number")]
    pub suppressed: u64,
    /// Suppression events for addresses already suppressed.
    #[ts(type = "number")]
    pub already_suppressed: u64,
    /// Deliveries, temporary failures: counted, nothing to do.
    #[ts(type = "number")]
    pub informational: u64,
    /// Opens and clicks: when each address last engaged is kept (flows stop mailing people who
    /// never open).
    #[ts(type = "number")]
    pub engaged: u64,
    /// Events that were not understood, with why (nothing was done for them).
    pub unknown: Vec<String>,
}

/// An email as it will be sent, for the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EmailPreview {
    pub subject: String,
    /// The HTML part, exactly as sent: shown at 375 px (mobile) and 600 px (desktop).
    pub html: String,
    pub text: String,
}

/// What one pass over the send queue did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct QueueReport {
    #[ts(type = "number")]
    pub tried: u64,
    #[ts(type = "number")]
    pub sent: u64,
    /// Failed for now (the provider was busy or unreachable): tried again later.
    #[ts(type = "number")]
    pub waiting: u64,
    #[ts(type = "number")]
    pub failed: u64,
    /// The connection broke mid-hand-over: for a person to decide.
    #[ts(type = "number")]
    pub unknown: u64,
    /// Unsubscribed or suppressed while waiting: not sent.
    #[ts(type = "number")]
    pub suppressed: u64,
}

/// A flow as the flow list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FlowSummary {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// draft, dry_run, live, paused or killed.
    pub status: String,
    pub live_percent: u32,
    pub version: u32,
    pub steps: u32,
    pub holdout_percent: u32,
    /// RFC 3339.
    pub updated_at: String,
}

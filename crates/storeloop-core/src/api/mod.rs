//! The façade: the only door into the core for the desktop shell and the command line. Each
//! function takes plain arguments and returns a plain [`dto`] value or an [`ApiError`].
//!
//! Architecture Invariant: only the types in [`dto`] and [`error`] are serialisable, and each has
//! a generated TypeScript twin in `ui/src/gen/api.ts`.

mod copy;
pub mod copy_ai;
pub mod copy_dto;
#[cfg(test)]
mod copy_tests;
mod customers;
pub mod customers_dto;
mod demo_play;
pub mod dto;
pub mod error;
mod flows;
pub mod flows_dto;
mod flows_run;
#[cfg(test)]
mod gen;
mod guide;
pub mod guide_dto;
mod guide_qa;
mod mail;
mod measure;
pub mod measure_dto;
#[cfg(test)]
mod measure_sim_tests;
mod models;
mod sync;
pub mod sync_dto;
mod watch;

use std::sync::Arc;

use jiff::Timestamp;

pub use crate::flows::guard::FlowGuardrails;
pub use crate::flows::model::{Arm, Branch, Condition, ExitWhen, Flow, Node, Step, Trigger};
pub use copy::{bench_copy, CopyBench};
pub use copy_dto::*;
pub use customers_dto::*;
pub use dto::*;
pub use error::{ApiError, ErrorKind};
pub use flows_dto::*;
pub use flows_run::{bench_flows, FlowBench, LedgerLine};
pub use guide_dto::*;
pub use mail::{bench_mail, MailBench};
pub use measure::measure_lift_file;
pub use measure_dto::*;
pub use models::{bench_bgnbd, fit_purchase_log, BgNbdBench};
pub use sync::{bench_sync_shopify, SyncBench};
pub use sync_dto::*;

use crate::audit;
use crate::clock::Clock;
use crate::demo::{self, DemoOptions};
use crate::import;
use crate::model::{self, StoreSettings};
use crate::paths::DataDir;
use crate::privacy;
use crate::progress;
use crate::stats;
use crate::store::{Mode, Store};

/// An open Storeloop data folder.
#[derive(Debug)]
pub struct Storeloop {
    store: Store,
    clock: Arc<dyn Clock>,
    links: Arc<dyn crate::links::LinkChecker>,
    secrets: Arc<dyn crate::secrets::Secrets>,
}

impl Storeloop {
    /// Opens the data folder for reading and writing: takes its lock, creates the database if
    /// needed, and upgrades it (after a backup).
    pub fn open(dir: &DataDir, clock: Arc<dyn Clock>) -> Result<Self, ApiError> {
        let mut store = Store::open(&dir.path, Mode::ReadWrite, clock.as_ref())?;
        // This process holds the folder's lock, so a message still "sending" was cut off by a
        // process that died: its fate is unknown, for a person to decide.
        store.mark_cut_off(clock.now().as_second())?;
        Ok(Self {
            store,
            clock,
            links: Arc::new(crate::links::HttpChecker::default()),
            secrets: Arc::new(crate::secrets::Keychain),
        })
    }

    /// Opens the data folder for reading only, beside a running app.
    pub fn open_read_only(dir: &DataDir, clock: Arc<dyn Clock>) -> Result<Self, ApiError> {
        let store = Store::open(&dir.path, Mode::ReadOnly, clock.as_ref())?;
        Ok(Self {
            store,
            clock,
            links: Arc::new(crate::links::HttpChecker::default()),
            secrets: Arc::new(crate::secrets::Keychain),
        })
    }

    /// Uses `secrets` instead of the OS keychain (tests that are not about the keychain).
    pub fn with_secrets(mut self, secrets: Arc<dyn crate::secrets::Secrets>) -> Self {
        self.secrets = secrets;
        self
    }

    /// Version, paths and the open store.
    pub fn status(&self) -> Result<AppStatus, ApiError> {
        Ok(AppStatus {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.store.dir().display().to_string(),
            database_path: self.store.path().display().to_string(),
            schema_version: self.store.schema_version()?,
            store: self.store.settings()?.as_ref().map(store_info),
        })
    }

    /// Opens the built-in demo store: generates it (5,000 customers, the default seed, history up
    /// to now) when the folder holds no store yet, and returns the store that is open.
    pub fn open_demo_store(&mut self, progress: &mut dyn FnMut(Progress)) -> Result<StoreInfo, ApiError> {
        if let Some(settings) = self.store.settings()? {
            return Ok(store_info(&settings));
        }
        let report = self.create_demo(demo::DEFAULT_CUSTOMERS, demo::DEFAULT_SEED, None, progress)?;
        Ok(report.store)
    }

    /// Generates a demo store of `customers` customers from `seed`, with history up to `as_of`
    /// (default: now), into this folder, which must hold no store yet.
    pub fn create_demo(
        &mut self,
        customers: u32,
        seed: u64,
        as_of: Option<Timestamp>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<DemoReport, ApiError> {
        let as_of = as_of.unwrap_or_else(|| self.clock.now());
        let options = DemoOptions { customers, seed, as_of };
        let mut report = |p: progress::Progress| progress(progress_dto(&p));
        let s = demo::generate(&mut self.store, &options, &mut report)?;
        // The demo store starts with the four playbooks, as drafts.
        self.install_playbooks()?;
        let settings = self
            .store
            .settings()?
            .ok_or_else(|| ApiError::new(ErrorKind::Internal, "the demo store was written without its store row"))?;
        Ok(DemoReport {
            store: store_info(&settings),
            seed,
            products: s.products,
            variants: s.variants,
            customers: s.customers,
            orders: s.orders,
            line_items: s.line_items,
            refunds: s.refunds,
            abandoned_checkouts: s.checkouts,
            events: s.events,
            support_tickets: s.tickets,
        })
    }

    /// Runs the data audit now, saves it, and returns it.
    pub fn run_audit(&mut self) -> Result<AuditReport, ApiError> {
        let report = audit::run(&mut self.store, self.clock.as_ref(), self.links.as_ref())?;
        self.with_acknowledgements(audit_report(&report))
    }

    /// The latest saved data audit, or null when none has run yet.
    pub fn latest_audit(&self) -> Result<Option<AuditReport>, ApiError> {
        audit::latest(&self.store)?.as_ref().map(audit_report).map(|r| self.with_acknowledgements(r)).transpose()
    }

    /// Deletes the demo store so the owner's own data can come in; refuses a real store.
    pub fn remove_demo_store(&mut self) -> Result<AppStatus, ApiError> {
        self.store.remove_demo()?;
        self.status()
    }

    /// Imports `file` as `kind` (`shopify-orders`, …); rejected rows are reported, not fatal.
    pub fn import(
        &mut self,
        kind: &str,
        file: &std::path::Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportReport, ApiError> {
        let kind = import::Kind::parse(kind)?;
        let mut report = |p: progress::Progress| progress(progress_dto(&p));
        let s = import::import(&mut self.store, kind, file, self.clock.as_ref(), &mut report)?;
        Ok(ImportReport {
            kind: s.kind.name().to_owned(),
            file: s.file.display().to_string(),
            rows_read: s.rows_read,
            inserted: s.inserted,
            updated: s.updated,
            unchanged: s.unchanged,
            rejected: s.rejected,
            skipped: s.skipped,
            problems: s
                .problems
                .into_iter()
                .map(|p| ImportProblem { line: p.line, column: p.column, reason: p.reason })
                .collect(),
            resumed_after_line: s.resumed_after_line,
        })
    }

    /// Everything held about the customer with `email` (logged, without the data).
    pub fn export_customer(&self, email: &str) -> Result<PersonExport, ApiError> {
        let r = privacy::export(&self.store, email, self.clock.as_ref())?;
        Ok(person_export(&r))
    }

    /// Erases the personal data of the customer with `email`; their orders stay, anonymous.
    pub fn forget_customer(&mut self, email: &str) -> Result<ForgetReport, ApiError> {
        let f = privacy::forget(&mut self.store, email, self.clock.as_ref())?;
        Ok(ForgetReport {
            customer_id: f.customer_id,
            orders_kept: f.orders_kept,
            events_deleted: f.events_deleted,
            tickets_erased: f.tickets_erased,
            checkouts_erased: f.checkouts_erased,
        })
    }

    /// The Home screen's store pulse.
    pub fn home_stats(&self) -> Result<HomeStats, ApiError> {
        let s = stats::compute(&self.store)?;
        Ok(home_stats(&s))
    }
}

fn store_info(s: &StoreSettings) -> StoreInfo {
    StoreInfo {
        name: s.name.clone(),
        currency: s.currency.clone(),
        timezone: s.timezone.clone(),
        source: match s.source {
            model::StoreSource::Demo => StoreSource::Demo,
            model::StoreSource::Import => StoreSource::Import,
            model::StoreSource::Shopify => StoreSource::Shopify,
            model::StoreSource::WooCommerce => StoreSource::Woocommerce,
        },
    }
}

fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn home_stats(s: &stats::StoreStats) -> HomeStats {
    let currency = s.settings.currency.clone();
    let money = |minor: i64| Money { minor, currency: currency.clone() };
    let revenue = s.revenue_minor();
    HomeStats {
        store: store_info(&s.settings),
        customers: s.customers,
        customers_with_orders: s.customers_with_orders,
        orders: s.orders,
        gross_item_revenue: money(s.gross_item_revenue_minor),
        discounts: money(s.discounts_minor),
        revenue: money(revenue),
        average_order_value: (s.orders > 0).then(|| money(crate::money::div_round(revenue, s.orders))),
        repeat_purchase_rate: ratio(s.repeat_customers, s.customers_with_orders),
        discount_rate: ratio(s.discounted_orders, s.orders),
        return_rate: ratio(s.units_refunded, s.units_sold),
        units_sold: s.units_sold,
        units_refunded: s.units_refunded,
        first_order_at: s.first_order_at.map(crate::time::rfc3339),
        last_order_at: s.last_order_at.map(crate::time::rfc3339),
        revenue_by_month: s
            .by_month
            .iter()
            .map(|m| MonthRevenue { month: m.month.clone(), orders: m.orders, revenue: money(m.revenue_minor) })
            .collect(),
    }
}

fn audit_report(r: &audit::Report) -> AuditReport {
    let findings: Vec<AuditFinding> = r
        .findings
        .iter()
        .map(|f| {
            let e = audit::explain(f.check);
            AuditFinding {
                code: e.code.to_owned(),
                severity: match e.severity {
                    audit::Severity::Blocker => Severity::Blocker,
                    audit::Severity::Warning => Severity::Warning,
                    audit::Severity::Info => Severity::Info,
                },
                title: e.title.to_owned(),
                fix: e.fix.to_owned(),
                count: f.count,
                examples: f.examples.clone(),
                note: f.note.clone(),
                acknowledged: None,
            }
        })
        .collect();
    AuditReport {
        ran_at: crate::time::rfc3339(r.ran_at),
        problems: findings.iter().filter(|f| f.count > 0).count() as i64,
        findings,
    }
}

fn person_export(r: &crate::store::PersonRecord) -> PersonExport {
    use crate::time::rfc3339;
    let c = &r.customer;
    let money = |minor: i64, currency: &str| Money { minor, currency: currency.to_owned() };
    PersonExport {
        email: c.email.clone(),
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        consent: c.consent.as_str().to_owned(),
        consent_source: c.consent_source.clone(),
        consent_at: c.consent_at.map(rfc3339),
        tags: c.tags.clone(),
        timezone: c.timezone.clone(),
        customer_since: rfc3339(c.created_at),
        orders: r
            .orders
            .iter()
            .map(|o| PersonOrder {
                number: o.number.clone(),
                created_at: rfc3339(o.created_at),
                subtotal: money(o.subtotal_minor, &o.currency),
                discount: money(o.discount_minor, &o.currency),
                discount_code: o.discount_code.clone(),
                shipping: money(o.shipping_minor, &o.currency),
                tax: money(o.tax_minor, &o.currency),
                total: money(o.total_minor, &o.currency),
                financial_status: o.financial_status.clone(),
                fulfillment_status: o.fulfillment_status.clone(),
                cancelled_at: o.cancelled_at.map(rfc3339),
                lines: o
                    .lines
                    .iter()
                    .map(|l| PersonLine {
                        sku: l.sku.clone(),
                        title: l.title.clone(),
                        quantity: l.quantity,
                        unit_price: money(l.unit_price_minor, &o.currency),
                        discount: money(l.discount_minor, &o.currency),
                    })
                    .collect(),
                refunds: o
                    .refunds
                    .iter()
                    .map(|f| PersonRefund {
                        quantity: f.quantity,
                        amount: money(f.amount_minor, &o.currency),
                        reason: f.reason.clone(),
                        created_at: rfc3339(f.created_at),
                    })
                    .collect(),
            })
            .collect(),
        abandoned_checkouts: r
            .checkouts
            .iter()
            .map(|k| PersonCheckout {
                created_at: rfc3339(k.created_at),
                value: money(k.value_minor, &k.currency),
                recovered: k.recovered_order_id.is_some(),
            })
            .collect(),
        events: r
            .events
            .iter()
            .map(|e| PersonEvent {
                kind: e.kind.as_str().to_owned(),
                variant_id: e.variant_id,
                occurred_at: rfc3339(e.occurred_at),
            })
            .collect(),
        support_tickets: r
            .tickets
            .iter()
            .map(|t| PersonTicket {
                subject: t.subject.clone(),
                tags: t.tags.clone(),
                status: t.status.as_str().to_owned(),
                opened_at: rfc3339(t.opened_at),
                closed_at: t.closed_at.map(rfc3339),
            })
            .collect(),
    }
}

fn progress_dto(p: &progress::Progress) -> Progress {
    let message = match (p.total, p.unit) {
        (0, _) => p.stage.to_owned(),
        (_, progress::Unit::Items) => format!("{}: {} of {}", p.stage, group(p.done), group(p.total)),
        (_, progress::Unit::Bytes) => format!(
            "{}: {}% of the file ({:.1} of {:.1} MB)",
            p.stage,
            p.done * 100 / p.total,
            p.done as f64 / 1e6,
            p.total as f64 / 1e6
        ),
    };
    Progress { task: p.stage.to_owned(), done: p.done, total: p.total, message }
}

/// 1234567 → "1,234,567".
pub(crate) fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;

/// What the import ceiling benchmark measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CeilingReport {
    pub orders: u64,
    pub lines: u64,
    /// Time of the plain inserts alone (reading the source back is not counted).
    pub seconds: f64,
}

/// Benchmarks only: reads every order of the store in `source` and writes them into the empty
/// folder `target` with plain prepared INSERTs in one transaction, timing the writing.
pub fn bench_import_ceiling(source: &DataDir, target: &DataDir, clock: &dyn Clock) -> Result<CeilingReport, ApiError> {
    let orders = Store::open(&source.path, Mode::ReadOnly, clock)?.plain_orders()?;
    let mut store = Store::open(&target.path, Mode::ReadWrite, clock)?;
    let started = std::time::Instant::now();
    store.insert_plain(&orders)?;
    Ok(CeilingReport {
        orders: orders.len() as u64,
        lines: orders.iter().map(|o| o.lines.len() as u64).sum(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

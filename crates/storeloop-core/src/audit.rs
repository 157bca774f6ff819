//! The data audit: what in the store would make automation misfire — orders that point at no
//! product, missing costs, stale stock, unknown consent — each with a count, examples, how much
//! it matters and what to do. Every run is saved with its time.

use crate::clock::Clock;
use crate::store::{self, Check, Store, StoredFinding};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Numbers or flows will be wrong until this is fixed.
    Blocker,
    /// Some customers or products are left out or treated cautiously.
    Warning,
    /// Worth knowing; nothing is wrong because of it.
    Info,
}

impl Severity {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Blocker => "blocker",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub check: Check,
    pub count: i64,
    /// Up to ten, most telling first.
    pub examples: Vec<String>,
}

/// Plain words for a check: its code, severity, title and fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    pub code: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub fix: &'static str,
}

/// A whole audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// UTC seconds.
    pub ran_at: i64,
    /// One per check, in [`Check::ALL`] order, including those that found nothing.
    pub findings: Vec<Finding>,
}

/// Why the audit could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
}

/// The words for each check.
pub fn explain(check: Check) -> Explanation {
    let (code, severity, title, fix) = match check {
        Check::UnknownSkus => (
            "unknown_skus",
            Severity::Blocker,
            "Order lines whose SKU is not in your catalog",
            "Import or sync your products, or correct these SKUs in your store admin, so orders link to products. Margins and recommendations depend on that link.",
        ),
        Check::DuplicateSkus => (
            "duplicate_skus",
            Severity::Blocker,
            "SKUs shared by more than one variant",
            "Give each variant its own SKU in your store admin, then sync or re-import your products.",
        ),
        Check::OtherCurrency => (
            "other_currency",
            Severity::Blocker,
            "Orders in a different currency from the store's",
            "Storeloop adds money up in your store's currency only. Leave these orders out or convert them before trusting revenue and profit.",
        ),
        Check::MissingCosts => (
            "missing_costs",
            Severity::Warning,
            "Variants without a unit cost",
            "Enter the cost per item in your store admin, then sync or re-import. Until then their profit is unknown and they are left out of margin figures.",
        ),
        Check::MissingSkus => (
            "missing_skus",
            Severity::Warning,
            "Variants without a SKU",
            "Add a SKU in your store admin so orders, browsing and stock can be matched to the variant.",
        ),
        Check::SoldOutSelling => (
            "sold_out_selling",
            Severity::Warning,
            "Out-of-stock variants that sold in the last 7 days",
            "Check these stock counts: emails never suggest items that look sold out, so a wrong count hides them.",
        ),
        Check::StaleInventory => (
            "stale_inventory",
            Severity::Warning,
            "Stock counts older than 24 hours",
            "Sync your store or re-import your products so emails do not push items that are gone.",
        ),
        Check::UnknownConsent => (
            "unknown_consent",
            Severity::Warning,
            "Customers whose email consent is unknown",
            "Storeloop will not email them. Re-import customers with the email-marketing consent column, or invite them to opt in.",
        ),
        Check::OrphanEvents => (
            "orphan_events",
            Severity::Info,
            "Browsing events for products not in your catalog",
            "Check that your site sends the same product IDs or SKUs as your catalog; browse-abandonment emails skip these events.",
        ),
    };
    Explanation { code, severity, title, fix }
}

/// Runs every check against the store and saves the result.
pub fn run(store: &mut Store, clock: &dyn Clock) -> Result<Report, Error> {
    let now = clock.now().as_second();
    let currency = store.settings()?.map(|s| s.currency).unwrap_or_default();
    let mut findings = Vec::with_capacity(Check::ALL.len());
    for check in Check::ALL {
        let (count, examples) = store.audit_check(check, now, &currency)?;
        findings.push(Finding { check, count, examples });
    }
    let stored: Vec<StoredFinding> = findings
        .iter()
        .map(|f| {
            let e = explain(f.check);
            StoredFinding {
                code: e.code.to_owned(),
                severity: e.severity.as_str().to_owned(),
                count: f.count,
                examples: f.examples.clone(),
            }
        })
        .collect();
    store.save_audit(now, &stored)?;
    Ok(Report { ran_at: now, findings })
}

/// The latest saved audit, if any. Findings of checks this version no longer knows are dropped.
pub fn latest(store: &Store) -> Result<Option<Report>, Error> {
    let Some((ran_at, stored)) = store.latest_audit()? else { return Ok(None) };
    let findings = stored
        .into_iter()
        .filter_map(|s| {
            let check = Check::ALL.into_iter().find(|c| explain(*c).code == s.code)?;
            Some(Finding { check, count: s.count, examples: s.examples })
        })
        .collect();
    Ok(Some(Report { ran_at, findings }))
}

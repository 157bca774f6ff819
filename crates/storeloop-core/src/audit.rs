//! The data audit: what in the store would make automation misfire — orders that point at no
//! product, missing costs, stale stock, unknown consent — each with a count, examples, how much
//! it matters and what to do. Every run is saved with its time.

use crate::clock::Clock;
use crate::links::{self, LinkChecker, LinkState};
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
    /// Why the check could not be done, when it could not (for example: offline).
    pub note: Option<String>,
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
        Check::BrokenLinks => (
            "broken_links",
            Severity::Warning,
            "Product or image links that do not open",
            "Fix or remove these links in your store admin, then sync or re-import your products: emails never link to a page that is gone.",
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

/// Requests in flight at once while checking links.
const LINK_WORKERS: usize = 8;

/// Runs every check against the store (links through `checker`) and saves the result.
pub fn run(store: &mut Store, clock: &dyn Clock, checker: &dyn LinkChecker) -> Result<Report, Error> {
    let now = clock.now().as_second();
    let currency = store.settings()?.map(|s| s.currency).unwrap_or_default();
    let mut findings = Vec::with_capacity(Check::ALL.len());
    for check in Check::ALL {
        if check == Check::BrokenLinks {
            findings.push(check_links(store, checker)?);
            continue;
        }
        let (count, examples) = store.audit_check(check, now, &currency)?;
        findings.push(Finding { check, count, examples, note: None });
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
                note: f.note.clone(),
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
            Some(Finding { check, count: s.count, examples: s.examples, note: s.note })
        })
        .collect();
    Ok(Some(Report { ran_at, findings }))
}

/// Requests every product and image link. Links that could not be reached count as broken only
/// when others were reached (so the network was up); otherwise the check says it was not done.
fn check_links(store: &Store, checker: &dyn LinkChecker) -> Result<Finding, Error> {
    let links = store.product_links()?;
    let urls: Vec<String> = links.iter().map(|(_, u)| u.clone()).collect();
    let states = links::check_all(checker, &urls, LINK_WORKERS);
    let reached = states.iter().filter(|s| matches!(s, LinkState::Ok | LinkState::Broken(_))).count();
    let examples_only = !states.is_empty() && states.iter().all(|s| *s == LinkState::Example);
    let mut bad = Vec::new();
    for ((title, url), state) in links.iter().zip(&states) {
        match state {
            LinkState::Broken(status) => bad.push(format!("{title}: {url} ({status})")),
            LinkState::Unreachable(why) if reached > 0 => bad.push(format!("{title}: {url} (no answer: {why})")),
            _ => {}
        }
    }
    let unreachable = states.iter().filter(|s| matches!(s, LinkState::Unreachable(_))).count();
    let note = if examples_only {
        Some("Not checked: the links point at example addresses (the demo store).".to_owned())
    } else if reached == 0 && unreachable > 0 {
        Some(
            "Not checked: no link could be reached. Is this computer offline? Run the audit again when connected."
                .to_owned(),
        )
    } else {
        None
    };
    Ok(Finding {
        check: Check::BrokenLinks,
        count: bad.len() as i64,
        examples: bad.into_iter().take(10).collect(),
        note,
    })
}

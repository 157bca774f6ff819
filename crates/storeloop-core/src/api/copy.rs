//! The façade's copy studio: generate variants offline from catalog facts, and check any copy
//! against the owner's lists, the catalog and the discount policy.

use std::path::Path;

use super::copy_dto::*;
use super::error::{ApiError, ErrorKind};
use crate::copy::{self, generate, Kind, ProductFacts};

const RULES_KEY: &str = "copy.rules";
/// Scarcity is true at or below this many units in stock.
const LOW_STOCK: i64 = 10;
/// The most variants one generation makes.
const MAX_COUNT: u32 = 50;

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::InvalidInput, message)
}

pub(super) fn kind_of(name: &str) -> Result<Kind, String> {
    Kind::parse(name).ok_or_else(|| {
        format!(
            "`{name}` is not a kind of copy: use one of {}",
            Kind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
        )
    })
}

/// At most `MAX_COUNT` variants a time.
pub(super) fn check_count(count: u32) -> Result<(), ApiError> {
    if count == 0 || count > MAX_COUNT {
        return Err(invalid(format!("Generate 1 to {MAX_COUNT} variants at a time, not {count}.")));
    }
    Ok(())
}

pub(super) fn findings_dto(text: &str, found: Vec<copy::Finding>) -> Vec<CopyFinding> {
    found
        .into_iter()
        .map(|f| CopyFinding {
            rule: f.rule.to_owned(),
            start: f.start as u32,
            end: f.end as u32,
            span: text.chars().skip(f.start).take(f.end - f.start).collect(),
            explanation: f.explanation,
        })
        .collect()
}

impl super::Storeloop {
    /// The owner's forbidden phrases and approved claims (the shipped defaults until edited).
    pub fn copy_rules(&self) -> Result<CopyRules, ApiError> {
        Ok(self.store.setting(RULES_KEY)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_else(|| CopyRules {
            forbidden: copy::DEFAULT_FORBIDDEN.iter().map(|s| (*s).to_owned()).collect(),
            claims: Vec::new(),
        }))
    }

    /// Saves the lists; blank entries are dropped, the rest trimmed.
    pub fn save_copy_rules(&mut self, rules: &CopyRules) -> Result<CopyRules, ApiError> {
        let clean = |v: &[String]| -> Vec<String> {
            let mut out: Vec<String> = v.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
            out.dedup();
            out
        };
        let r = CopyRules { forbidden: clean(&rules.forbidden), claims: clean(&rules.claims) };
        if let Some(long) = r.forbidden.iter().chain(&r.claims).find(|s| s.chars().count() > 300) {
            return Err(invalid(format!(
                "An entry is longer than 300 characters (“{}…”): keep each phrase or claim to one sentence.",
                long.chars().take(40).collect::<String>()
            )));
        }
        let json = serde_json::to_string(&r).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        self.store.set_setting(RULES_KEY, &json)?;
        Ok(r)
    }

    pub(super) fn checker_rules(&self) -> Result<copy::Rules, ApiError> {
        let r = self.copy_rules()?;
        Ok(copy::Rules {
            forbidden: r.forbidden,
            claims: r.claims,
            max_discount_percent: self.policy()?.max_discount_percent,
            low_stock: LOW_STOCK,
        })
    }

    pub(super) fn facts(&self, sku: &str) -> Result<ProductFacts, ApiError> {
        self.store.product_facts(sku.trim())?.ok_or_else(|| {
            ApiError::new(
                ErrorKind::NotFound,
                format!("No product has the SKU `{}`: check it against your catalog (Data → products).", sku.trim()),
            )
        })
    }

    /// Checks one piece of copy, about the product of `sku` when given.
    pub fn check_copy(&self, kind: &str, text: &str, sku: Option<&str>) -> Result<Vec<CopyFinding>, ApiError> {
        let kind = kind_of(kind).map_err(invalid)?;
        let facts = sku.map(|s| self.facts(s)).transpose()?;
        Ok(findings_dto(text, copy::check(kind, text, facts.as_ref(), &self.checker_rules()?)))
    }

    /// `count` variants of `kind` about the product of `sku`, from the built-in offline
    /// generator, each with its check results.
    pub fn generate_copy(
        &self,
        sku: &str,
        kind: &str,
        count: u32,
        segment: Option<&str>,
    ) -> Result<Vec<CopyVariant>, ApiError> {
        let kind = kind_of(kind).map_err(invalid)?;
        check_count(count)?;
        let facts = self.facts(sku)?;
        let rules = self.checker_rules()?;
        let checker = copy::Checker::new(Some(&facts), &rules);
        Ok(generate::generate(kind, &facts, segment, count as usize, LOW_STOCK)
            .into_iter()
            .map(|g| CopyVariant {
                kind: kind.name().to_owned(),
                hook: Some(g.hook.name().to_owned()),
                sku: Some(facts.sku.clone()),
                findings: findings_dto(&g.text, checker.check(kind, &g.text)),
                text: g.text,
                generator: "offline".to_owned(),
            })
            .collect())
    }

    /// Checks every line of a JSON-lines file of variants (`{"kind","text"}` with an optional
    /// `"sku"` whose catalog facts may ground the text), in order. A line that cannot be read
    /// stops the check with its line number; nothing is stored.
    pub fn check_copy_file(&self, path: &Path) -> Result<Vec<CheckedLine>, ApiError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            let kind = if e.kind() == std::io::ErrorKind::NotFound { ErrorKind::NotFound } else { ErrorKind::Io };
            ApiError::new(kind, format!("Could not read {name}: {e}"))
        })?;
        let rules = self.checker_rules()?;
        let mut facts: std::collections::HashMap<String, ProductFacts> = Default::default();
        let mut out = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i as u64 + 1;
            if raw.trim().is_empty() {
                continue;
            }
            let at = |what: String| invalid(format!("{name}, line {line}: {what}"));
            let v: serde_json::Value =
                serde_json::from_str(raw).map_err(|e| at(format!("not a JSON object ({e}).")))?;
            let obj = v.as_object().ok_or_else(|| at("not a JSON object: write {\"kind\": …, \"text\": …}.".into()))?;
            let field = |k: &str| -> Result<Option<String>, ApiError> {
                match obj.get(k) {
                    None | Some(serde_json::Value::Null) => Ok(None),
                    Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
                    Some(_) => Err(at(format!("`{k}` must be text."))),
                }
            };
            let kind_name = field("kind")?.ok_or_else(|| at("`kind` is missing (subject, preheader, …).".into()))?;
            let kind = kind_of(&kind_name).map_err(|e| at(format!("{e}.")))?;
            let body = field("text")?.ok_or_else(|| at("`text` is missing.".into()))?;
            let sku = field("sku")?.filter(|s| !s.trim().is_empty());
            let f = match &sku {
                Some(s) => {
                    if !facts.contains_key(s) {
                        let got = self.store.product_facts(s.trim())?.ok_or_else(|| {
                            at(format!("no product has the SKU `{s}`: check it against your catalog."))
                        })?;
                        facts.insert(s.clone(), got);
                    }
                    facts.get(s)
                }
                None => None,
            };
            let found = copy::check(kind, &body, f, &rules);
            out.push(CheckedLine {
                line,
                kind: kind.name().to_owned(),
                sku: sku.clone(),
                findings: findings_dto(&body, found),
                text: body,
            });
        }
        Ok(out)
    }
}

/// FNV-1a of a text, as hex: what an approval is for.
pub(super) fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The rules a person must always look at but that an approval itself satisfies.
const HUMAN_ONLY: [&str; 1] = ["regulated"];

/// What checking many variants needs, read once: the rules, and each product's facts by SKU.
struct CheckContext {
    rules: copy::Rules,
    facts: std::collections::HashMap<String, Option<ProductFacts>>,
}

impl CheckContext {
    fn new(app: &super::Storeloop) -> Result<Self, ApiError> {
        Ok(Self { rules: app.checker_rules()?, facts: Default::default() })
    }

    /// The findings for a variant as it stands now; an error when its product is gone.
    fn findings(
        &mut self,
        app: &super::Storeloop,
        kind: &str,
        text: &str,
        sku: Option<&str>,
    ) -> Result<Vec<CopyFinding>, ApiError> {
        let kind = kind_of(kind).map_err(invalid)?;
        let facts = match sku {
            Some(s) => {
                if !self.facts.contains_key(s) {
                    self.facts.insert(s.to_owned(), app.store.product_facts(s.trim())?);
                }
                Some(self.facts[s].as_ref().ok_or_else(|| {
                    ApiError::new(
                        ErrorKind::NotFound,
                        format!(
                            "No product has the SKU `{}`: check it against your catalog (Data → products).",
                            s.trim()
                        ),
                    )
                })?)
            }
            None => None,
        };
        Ok(findings_dto(text, copy::check(kind, text, facts, &self.rules)))
    }
}

impl super::Storeloop {
    fn queued(&self, v: crate::store::VariantRow) -> Result<QueuedVariant, ApiError> {
        self.queued_in(v, &mut CheckContext::new(self)?)
    }

    fn queued_in(&self, v: crate::store::VariantRow, cx: &mut CheckContext) -> Result<QueuedVariant, ApiError> {
        // Copy that cannot be checked now (its product is gone) shows no findings but may not
        // be sent.
        let checked = cx.findings(self, &v.kind, &v.text, v.sku.as_deref());
        let sendable = match &checked {
            Ok(f) => self.sendable_text(&v, f)?,
            Err(_) => false,
        };
        let findings = checked.unwrap_or_default();
        Ok(QueuedVariant {
            id: v.id,
            kind: v.kind,
            sku: v.sku,
            text: v.text,
            hook: v.hook,
            generator: v.generator,
            version: v.version.max(0) as u32,
            state: v.state,
            note: v.note,
            findings,
            sendable,
            updated_at: crate::time::rfc3339(v.updated_at),
        })
    }

    /// Approved for exactly this text, and every finding it has now was overridden (with a
    /// reason) when it was approved, or is one an approval itself answers.
    fn sendable_text(&self, v: &crate::store::VariantRow, findings: &[CopyFinding]) -> Result<bool, ApiError> {
        if v.state != "approved" || v.approved_hash.as_deref() != Some(text_hash(&v.text).as_str()) {
            return Ok(false);
        }
        let approved = self.store.variant_reviews(v.id)?.into_iter().rev().find(|r| r.3 == "approved");
        let overridden: Vec<CopyOverride> =
            approved.and_then(|r| r.5).and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default();
        Ok(findings
            .iter()
            .all(|f| HUMAN_ONLY.contains(&f.rule.as_str()) || overridden.iter().any(|o| o.rule == f.rule)))
    }

    fn variant_or_404(&self, id: i64) -> Result<crate::store::VariantRow, ApiError> {
        self.store.variant(id)?.ok_or_else(|| {
            ApiError::new(
                ErrorKind::NotFound,
                format!("There is no copy variant {id}: `storeloop copy queue` lists them."),
            )
        })
    }

    /// Generates `count` variants (offline) and puts them in the review queue.
    pub fn queue_copy(
        &mut self,
        sku: &str,
        kind: &str,
        count: u32,
        segment: Option<&str>,
        by: &str,
    ) -> Result<Vec<QueuedVariant>, ApiError> {
        let made = self.generate_copy(sku, kind, count, segment)?;
        self.queue_variants(&made, by)
    }

    /// Puts drafted variants (offline or from a model) in the review queue, each checked anew.
    pub fn queue_variants(&mut self, made: &[CopyVariant], by: &str) -> Result<Vec<QueuedVariant>, ApiError> {
        if by.trim().is_empty() {
            return Err(invalid("Say who is adding these drafts (a name for the audit trail)."));
        }
        for v in made {
            kind_of(&v.kind).map_err(invalid)?;
        }
        let rows: Vec<crate::store::NewVariant> = made
            .iter()
            .map(|v| (v.kind.clone(), v.sku.clone(), v.text.clone(), v.hook.clone(), v.generator.clone()))
            .collect();
        let ids = self.store.add_variants(&rows, by.trim(), self.clock.now().as_second())?;
        let mut cx = CheckContext::new(self)?;
        ids.into_iter().map(|id| self.variant_or_404(id).and_then(|v| self.queued_in(v, &mut cx))).collect()
    }

    /// The review queue: variants in `state` (`review`, `approved`, `rejected`; all when none),
    /// newest first, each checked as it stands now.
    pub fn copy_queue(&self, state: Option<&str>) -> Result<Vec<QueuedVariant>, ApiError> {
        if let Some(s) = state.filter(|s| !matches!(*s, "review" | "approved" | "rejected")) {
            return Err(invalid(format!("`{s}` is not a state of copy: review, approved or rejected.")));
        }
        let mut cx = CheckContext::new(self)?;
        self.store.variants(state, 1_000)?.into_iter().map(|v| self.queued_in(v, &mut cx)).collect()
    }

    /// Edits a variant's text: a new version, back to review (an approval was for the old text).
    pub fn edit_copy(&mut self, id: i64, text: &str, by: &str) -> Result<QueuedVariant, ApiError> {
        let v = self.variant_or_404(id)?;
        if text.trim().is_empty() {
            return Err(invalid("The text is empty: write the copy, or reject the variant instead."));
        }
        if text == v.text {
            return self.queued(v);
        }
        let at = self.clock.now().as_second();
        let trail = crate::store::Trail { by: by.trim(), at, checks: None, overridden: None, note: None };
        self.store.review_variant(id, crate::store::VariantChange::Edit(text), &trail)?;
        self.queued(self.variant_or_404(id)?)
    }

    /// Approves a variant for its current text, by a named person. Every finding must be
    /// overridden with a written reason (a regulated product's finding is answered by the
    /// approval itself); the checks and overrides go into the review trail.
    pub fn approve_copy(&mut self, id: i64, by: &str, overrides: &[CopyOverride]) -> Result<QueuedVariant, ApiError> {
        let by = by.trim();
        if by.is_empty() {
            return Err(invalid("Say who approves: give a name."));
        }
        let v = self.variant_or_404(id)?;
        let findings = self.check_copy(&v.kind, &v.text, v.sku.as_deref())?;
        let missing: Vec<&str> = findings
            .iter()
            .map(|f| f.rule.as_str())
            .filter(|r| !HUMAN_ONLY.contains(r))
            .filter(|r| !overrides.iter().any(|o| o.rule == *r && !o.reason.trim().is_empty()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if !missing.is_empty() {
            return Err(invalid(format!(
                "Variant {id} does not pass: {}. Edit it, or approve it anyway with a written reason for each.",
                missing.join(", ")
            )));
        }
        let rules: Vec<&str> =
            findings.iter().map(|f| f.rule.as_str()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        let checks = serde_json::to_string(&rules).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        let used: Vec<&CopyOverride> = overrides.iter().filter(|o| rules.contains(&o.rule.as_str())).collect();
        let overridden = serde_json::to_string(&used).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        let hash = text_hash(&v.text);
        let trail = crate::store::Trail {
            by,
            at: self.clock.now().as_second(),
            checks: Some(&checks),
            overridden: Some(&overridden),
            note: None,
        };
        self.store.review_variant(id, crate::store::VariantChange::Decide("approved", Some(&hash)), &trail)?;
        self.queued(self.variant_or_404(id)?)
    }

    /// Rejects a variant, with an optional note.
    pub fn reject_copy(&mut self, id: i64, by: &str, note: Option<&str>) -> Result<QueuedVariant, ApiError> {
        self.variant_or_404(id)?;
        let trail = crate::store::Trail {
            by: by.trim(),
            at: self.clock.now().as_second(),
            checks: None,
            overridden: None,
            note,
        };
        self.store.review_variant(id, crate::store::VariantChange::Decide("rejected", None), &trail)?;
        self.queued(self.variant_or_404(id)?)
    }

    /// Keeps a note on a variant (shown on it and in its history) without deciding anything.
    pub fn note_copy(&mut self, id: i64, by: &str, note: &str) -> Result<QueuedVariant, ApiError> {
        self.variant_or_404(id)?;
        let (by, note) = (by.trim(), note.trim());
        if by.is_empty() {
            return Err(invalid("Say who is writing the note (a name for the review trail)."));
        }
        if note.is_empty() || note.chars().count() > 2_000 {
            return Err(invalid("Write the note (at most 2,000 characters)."));
        }
        let trail = crate::store::Trail {
            by,
            at: self.clock.now().as_second(),
            checks: None,
            overridden: None,
            note: Some(note),
        };
        self.store.review_variant(id, crate::store::VariantChange::Note(note), &trail)?;
        self.queued(self.variant_or_404(id)?)
    }

    /// A variant's review trail, oldest first.
    pub fn copy_history(&self, id: i64) -> Result<Vec<CopyReview>, ApiError> {
        self.variant_or_404(id)?;
        Ok(self
            .store
            .variant_reviews(id)?
            .into_iter()
            .map(|(version, at, by, action, checks, overridden, note)| CopyReview {
                version: version.max(0) as u32,
                at: crate::time::rfc3339(at),
                by,
                action,
                checks: checks.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default(),
                overridden: overridden.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default(),
                note,
            })
            .collect())
    }

    /// Starts an A/B test of approved subject lines on a flow's email step: a new version of the
    /// flow whose step picks one of `ids` per customer (stable), each checked again when the
    /// email is built. The new version needs a dry run (and approval) before it goes live.
    pub fn start_copy_test(&mut self, flow: &str, node: &str, ids: &[i64], by: &str) -> Result<(), ApiError> {
        if ids.len() < 2 {
            return Err(invalid("A test needs at least two approved variants."));
        }
        for id in ids {
            let v = self.variant_or_404(*id)?;
            if v.kind != "subject" {
                return Err(invalid(format!("Variant {id} is a {}, not a subject line.", v.kind)));
            }
            let q = self.queued(v)?;
            if !q.sendable {
                return Err(invalid(format!(
                    "Variant {id} is not approved for its current text: approve it first (an edit sends it back to review)."
                )));
            }
        }
        let mut def = crate::flows::model::Flow::from_json(&self.flow_definition(flow)?)?;
        let step = def.nodes.iter_mut().find(|n| n.id == node).ok_or_else(|| {
            invalid(format!("`{flow}` has no step `{node}`: `storeloop flows show {flow}` lists its steps."))
        })?;
        match &mut step.step {
            crate::flows::model::Step::Email { variants, .. } => {
                *variants = ids.iter().map(|id| format!("copy:{id}")).collect();
            }
            _ => return Err(invalid(format!("Step `{node}` of `{flow}` does not send an email."))),
        }
        self.save_flow_definition(&def)?;
        let at = self.clock.now().as_second();
        for id in ids {
            let note = format!("in an A/B test on {flow} / {node}");
            let trail = crate::store::Trail { by: by.trim(), at, checks: None, overridden: None, note: Some(&note) };
            self.store.review_variant(*id, crate::store::VariantChange::Tested, &trail)?;
        }
        Ok(())
    }

    /// Which of a flow step's copy variants (`copy:ID`) may be sent now: approved for their
    /// exact current text and still passing, checked again as the tick builds its emails (an
    /// unapproved or since-edited variant is never among them). Read once per step and tick.
    pub(super) fn sendable_subjects(&self, variants: &[String]) -> Result<Vec<(i64, String)>, ApiError> {
        let mut cx = CheckContext::new(self)?;
        let mut ok = Vec::new();
        for v in variants {
            let Some(id) = v.strip_prefix("copy:").and_then(|n| n.parse::<i64>().ok()) else { continue };
            let Some(row) = self.store.variant(id)? else { continue };
            // A variant that cannot be checked now (its product is gone) is not sent.
            let Ok(findings) = cx.findings(self, &row.kind, &row.text, row.sku.as_deref()) else { continue };
            if self.sendable_text(&row, &findings)? {
                ok.push((id, row.text));
            }
        }
        Ok(ok)
    }
}

/// The subject a customer gets among the sendable ones: stable for (customer, step).
pub(super) fn pick_subject(ok: &[(i64, String)], customer: i64, salt: u64) -> Option<&(i64, String)> {
    if ok.is_empty() {
        return None;
    }
    let pick = (salt ^ (customer as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)).rotate_left(17) % ok.len() as u64;
    ok.get(pick as usize)
}

/// The audiences ad copy is written for, each with the pain it speaks to and the customer group
/// whose hooks come first.
const AUDIENCES: [(&str, &str, Option<&str>); 4] = [
    ("Usually pays full price", "wants to know it is worth it", Some("a")),
    ("Waits for a discount", "not sure it is worth the price", Some("b")),
    ("New here", "not sure how to use it", Some("c")),
    ("Had a question or a problem", "what customers ask support about it", None),
];

impl super::Storeloop {
    /// Ad copy for the product of `sku`, a few variants per audience pain, as CSV for ad
    /// platforms: audience, pain, text, hook, whether it passes every check, and the rules it
    /// breaks. Variants are composed offline from the catalog facts and checked like all copy.
    pub fn ad_copy_csv(&self, sku: &str) -> Result<String, ApiError> {
        let facts = self.facts(sku)?;
        let rules = self.checker_rules()?;
        let checker = copy::Checker::new(Some(&facts), &rules);
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| ApiError::new(ErrorKind::Internal, format!("could not write the CSV: {e}"));
        w.write_record(["audience", "pain", "text", "hook", "passes", "rules"]).map_err(fail)?;
        for (audience, pain, segment) in AUDIENCES {
            let variants: Vec<generate::Generated> = match segment {
                Some(_) => generate::generate(Kind::Ad, &facts, segment, 3, LOW_STOCK),
                // Questions customers ask, answered from the care text, shortened to an ad.
                None => generate::generate(Kind::Faq, &facts, None, 10, LOW_STOCK)
                    .into_iter()
                    .filter_map(|g| {
                        let answer = g.text.split_once('\n')?.1.to_owned();
                        let text = format!("{}: {answer}", facts.title);
                        (text.chars().count() <= Kind::Ad.max_chars().unwrap_or(125))
                            .then_some(generate::Generated { text, hook: g.hook })
                    })
                    .take(3)
                    .collect(),
            };
            for g in variants {
                let found = checker.check(Kind::Ad, &g.text);
                let mut broken: Vec<&str> = found.iter().map(|f| f.rule).collect();
                broken.dedup();
                let passes = if found.is_empty() { "yes" } else { "no" };
                w.write_record([audience, pain, g.text.as_str(), g.hook.name(), passes, broken.join(" ").as_str()])
                    .map_err(fail)?;
            }
        }
        let bytes = w.into_inner().map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))
    }
}

/// What the copy benchmark measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CopyBench {
    pub variants_checked: u64,
    pub check_seconds: f64,
    pub checks_per_second: f64,
    /// Generating (and checking) ten subject lines, for each of the demo catalog's products.
    pub generations: u64,
    pub generate_ten_median_ms: f64,
    pub generate_ten_max_ms: f64,
}

/// Checks `n` variants (every kind generated for every demo-catalog product, plus copy that
/// breaks the rules, round and round) and times ten subject lines for each product.
pub fn bench_copy(n: u64) -> Result<CopyBench, ApiError> {
    use std::time::Instant;
    let catalog =
        crate::demo::catalog::Catalog::embedded().map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
    let facts: Vec<ProductFacts> = catalog
        .products
        .iter()
        .map(|p| ProductFacts {
            sku: p.variants.first().map(|v| v.sku.clone()).unwrap_or_default(),
            title: p.title.clone(),
            category: Some(p.category.clone()),
            regulated: p.regulated,
            care: Some(p.care.clone()),
            options: p.variants.iter().map(|v| v.option.clone()).collect(),
            prices_minor: p.variants.iter().map(|v| v.price_minor).collect(),
            currency: catalog.store.currency.clone(),
            inventory: Some(p.variants.iter().map(|v| v.inventory).sum()),
            return_reason: None,
            questions: Vec::new(),
        })
        .collect();
    let rules = copy::Rules::default();
    let bad = [
        "40% off — the BEST tea you will ever taste!!!",
        "Clinically proven to help you sleep, now in a 2 kg bag",
        "You looked at this 6 times: only a few left",
        "Certified organic ceramic teapot with a lifetime guarantee",
    ];
    let mut work: Vec<(Kind, String, usize)> = Vec::new();
    for (i, f) in facts.iter().enumerate() {
        for kind in Kind::ALL {
            for g in generate::generate(kind, f, None, 10, LOW_STOCK) {
                work.push((kind, g.text, i));
            }
        }
        for b in bad {
            work.push((Kind::Subject, format!("{} {b}", f.title), i));
        }
    }
    let checkers: Vec<copy::Checker<'_>> = facts.iter().map(|f| copy::Checker::new(Some(f), &rules)).collect();
    let started = Instant::now();
    let mut found = 0usize;
    for k in 0..n as usize {
        let (kind, text, i) = &work[k % work.len()];
        found += checkers[*i].check(*kind, text).len();
    }
    let check_seconds = started.elapsed().as_secs_f64();
    std::hint::black_box(found);
    let mut times: Vec<f64> = Vec::new();
    for f in &facts {
        let t = Instant::now();
        let checker = copy::Checker::new(Some(f), &rules);
        let out: Vec<_> = generate::generate(Kind::Subject, f, Some("b"), 10, LOW_STOCK)
            .into_iter()
            .map(|g| checker.check(Kind::Subject, &g.text))
            .collect();
        times.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(out);
    }
    times.sort_by(f64::total_cmp);
    Ok(CopyBench {
        variants_checked: n,
        check_seconds,
        checks_per_second: n as f64 / check_seconds.max(1e-9),
        generations: times.len() as u64,
        generate_ten_median_ms: times[times.len() / 2],
        generate_ten_max_ms: times[times.len() - 1],
    })
}

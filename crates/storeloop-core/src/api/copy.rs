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

fn kind_of(name: &str) -> Result<Kind, String> {
    Kind::parse(name).ok_or_else(|| {
        format!(
            "`{name}` is not a kind of copy: use one of {}",
            Kind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
        )
    })
}

fn findings_dto(text: &str, found: Vec<copy::Finding>) -> Vec<CopyFinding> {
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

    fn checker_rules(&self) -> Result<copy::Rules, ApiError> {
        let r = self.copy_rules()?;
        Ok(copy::Rules {
            forbidden: r.forbidden,
            claims: r.claims,
            max_discount_percent: self.policy()?.max_discount_percent,
            low_stock: LOW_STOCK,
        })
    }

    fn facts(&self, sku: &str) -> Result<ProductFacts, ApiError> {
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
        if count == 0 || count > MAX_COUNT {
            return Err(invalid(format!("Generate 1 to {MAX_COUNT} variants at a time, not {count}.")));
        }
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

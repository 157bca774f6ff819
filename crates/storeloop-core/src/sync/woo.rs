//! WooCommerce over its REST API v3 (`/wp-json/wc/v3`): products with their variations,
//! customers, and orders with their refunds. Basic auth with the consumer key and secret over
//! HTTPS; 100 records a page (the API's maximum), pages counted by `X-WP-TotalPages`; only
//! what changed since the last sync through `modified_after` with `dates_are_gmt=true`. Money
//! arrives as decimal strings, dates without an offset (the `_gmt` fields are UTC).
//!
//! Pages are read by ascending id. When the number of matching records changes between pages
//! (something was deleted or created mid-sync, so later pages shift), the run reads the pages
//! once more from the start: upserts make the second pass cheap and nothing is skipped.
//!
//! WooCommerce has no email-marketing consent of its own: customers arrive with consent
//! "unknown" (no marketing email until the owner imports consent or the customer subscribes).
//! Its customers list cannot be filtered by change date, so an incremental sync reads only
//! customers registered since the last one; changes to older customers come with their orders.

use serde_json::Value;

use super::http::{Http, Reply};
use super::{bounded, Page, Record, Source, SyncError};
use crate::import::fields;
use crate::model::{Consent, LineItem, Order, Product, Refund, Variant};
use crate::store::ImportedCustomer;

const WHO: &str = "WooCommerce";
const PER_PAGE: u32 = 100;
/// Longest kept: titles and names, and descriptions.
const MAX_NAME: usize = 500;
const MAX_TEXT: usize = 20_000;

/// A WooCommerce store.
#[derive(Debug, Clone)]
pub struct Woo {
    /// The shop's address (https://shop.example), without the API path.
    pub base: String,
    key: String,
    secret: String,
    http: Http,
    /// The store's currency (ISO code), for reading amounts.
    pub currency: String,
    digits: u32,
    /// Order ids read by a full read of the orders that started in this process (a resumed one
    /// cannot vouch for the pages read before it).
    seen: Option<std::collections::HashSet<String>>,
}

/// What `connect` learns about a store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WooShop {
    pub name: String,
    pub currency: String,
    /// The site's IANA time zone, when WordPress names one (else UTC).
    pub timezone: Option<String>,
}

/// Where a listing run stands (inside a cursor's position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Position {
    page: u32,
    /// Matching records when page 1 was read.
    total: u64,
    /// Passes made again because the list changed under the run.
    again: u32,
}

impl Woo {
    /// A store at `base` with its REST API key pair; `currency` as `connect` found it.
    pub fn new(base: &str, key: &str, secret: &str, currency: &str, http: Http) -> Result<Woo, SyncError> {
        let base = normalise_base(base)?;
        let digits = fields::minor_digits(currency).ok_or_else(|| {
            SyncError::Settings(format!("The store's currency `{currency}` is not one Storeloop knows."))
        })?;
        Ok(Woo {
            base,
            key: key.to_owned(),
            secret: secret.to_owned(),
            http,
            currency: currency.to_owned(),
            digits,
            seen: None,
        })
    }

    fn auth(&self) -> Vec<(&'static str, String)> {
        let basic = crate::mail::providers::base64_bytes(format!("{}:{}", self.key, self.secret).as_bytes());
        vec![("Authorization", format!("Basic {basic}")), ("Accept", "application/json".to_owned())]
    }

    /// Checks the address and the key: the shop's name (WordPress's site index) and its
    /// currency, or a plain explanation.
    pub fn connect(base: &str, key: &str, secret: &str, http: Http) -> Result<WooShop, SyncError> {
        let base = normalise_base(base)?;
        let index = http.get(&format!("{base}/wp-json/"), &[("Accept", "application/json".to_owned())])?;
        let site: Value = serde_json::from_str(&index.body).map_err(|_| SyncError::NotAStore {
            who: WHO,
            url: base.clone(),
            said: format!("it answered {} without the WordPress REST index at /wp-json/", index.status),
        })?;
        let has_wc = site
            .get("namespaces")
            .and_then(Value::as_array)
            .is_some_and(|n| n.iter().any(|x| x.as_str() == Some("wc/v3")));
        if !has_wc {
            return Err(SyncError::NotAStore {
                who: WHO,
                url: base,
                said: "WordPress answered, but WooCommerce's REST API (wc/v3) is not there: is WooCommerce installed and active?".into(),
            });
        }
        let name = site.get("name").and_then(Value::as_str).unwrap_or("").trim().to_owned();
        let probe = Woo {
            base: base.clone(),
            key: key.to_owned(),
            secret: secret.to_owned(),
            http,
            currency: String::new(),
            digits: 2,
            seen: None,
        };
        let cur = probe.call("data/currencies/current", &[])?;
        let code: Value = serde_json::from_str(&cur.body)
            .map_err(|e| SyncError::Malformed { who: WHO, said: format!("the current currency: {e}") })?;
        let currency = code.get("code").and_then(Value::as_str).unwrap_or("").to_ascii_uppercase();
        if fields::minor_digits(&currency).is_none() {
            return Err(SyncError::Malformed {
                who: WHO,
                said: format!("the store's currency `{currency}` is not a currency code"),
            });
        }
        let timezone = site
            .get("timezone_string")
            .and_then(Value::as_str)
            .filter(|t| crate::time::zone(t).is_ok())
            .map(str::to_owned);
        Ok(WooShop { name: if name.is_empty() { base } else { name }, currency, timezone })
    }

    /// GET `path` under the API with `query`, judged: errors become plain explanations.
    fn call(&self, path: &str, query: &[(&str, String)]) -> Result<Reply, SyncError> {
        let mut url = format!("{}/wp-json/wc/v3/{path}", self.base);
        for (i, (k, v)) in query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(k);
            url.push('=');
            url.push_str(&encode(v));
        }
        let r = self.http.get(&url, &self.auth())?;
        if (200..300).contains(&r.status) {
            return Ok(r);
        }
        let v: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
        let said =
            v.get("message").and_then(Value::as_str).map(str::to_owned).unwrap_or_else(|| format!("HTTP {}", r.status));
        let code = v.get("code").and_then(Value::as_str).unwrap_or("");
        Err(match r.status {
            401 => SyncError::Auth { who: WHO, said },
            403 => SyncError::Scope {
                who: WHO,
                said,
                hint: "The REST API key needs Read access: edit it under WooCommerce → Settings → Advanced → REST API."
                    .into(),
            },
            404 if code == "rest_no_route" => SyncError::NotAStore { who: WHO, url: self.base.clone(), said },
            429 | 500..=599 => SyncError::Busy { who: WHO, said },
            _ => SyncError::Malformed { who: WHO, said: format!("HTTP {}: {said}", r.status) },
        })
    }

    /// One page of a listing (by ascending id unless `extra` says otherwise), with the count of
    /// matching records and of pages.
    fn list(&self, path: &str, page: u32, extra: &[(&str, String)]) -> Result<(Vec<Value>, u64, u32), SyncError> {
        let mut query = vec![("per_page", PER_PAGE.to_string()), ("page", page.to_string())];
        if !extra.iter().any(|(k, _)| *k == "orderby") {
            query.push(("orderby", "id".to_owned()));
            query.push(("order", "asc".to_owned()));
        }
        query.extend(extra.iter().cloned());
        let r = self.call(path, &query)?;
        let items: Vec<Value> = serde_json::from_str(&r.body).map_err(|e| SyncError::Malformed {
            who: WHO,
            said: format!("{path} page {page} is not a JSON list ({e})"),
        })?;
        let total = r.header("x-wp-total").and_then(|h| h.trim().parse().ok()).unwrap_or(items.len() as u64);
        let pages = r.header("x-wp-totalpages").and_then(|h| h.trim().parse().ok()).unwrap_or(page);
        Ok((items, total, pages))
    }

    fn money(&self, v: Option<&Value>, what: &str) -> Result<i64, String> {
        match v {
            None | Some(Value::Null) => Ok(0),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(0),
            Some(Value::String(s)) => fields::money(s, self.digits).map_err(|e| format!("{what}: {e}")),
            Some(Value::Number(n)) => fields::money(&n.to_string(), self.digits).map_err(|e| format!("{what}: {e}")),
            Some(_) => Err(format!("{what} is not an amount")),
        }
    }

    fn product(&self, p: &Value, variations: &[Value], w: &mut Vec<String>) -> Result<Product, String> {
        let id = p.get("id").and_then(Value::as_i64).ok_or("it has no id")?;
        let what = format!("Product {id}");
        let name = bounded(str_of(p, "name"), MAX_NAME, &format!("{what}'s name"), w);
        let slug = str_of(p, "slug");
        let handle =
            if slug.is_empty() { format!("woo-{id}") } else { bounded(slug, MAX_NAME, &format!("{what}'s slug"), w) };
        let category = p.pointer("/categories/0/name").and_then(Value::as_str).map(str::to_owned);
        let care = strip_html(str_of(p, "short_description"));
        let mut variants = Vec::new();
        let stock = |v: &Value| v.get("stock_quantity").and_then(Value::as_i64);
        if variations.is_empty() {
            variants.push(Variant {
                id: 0,
                sku: Some(str_of(p, "sku").to_owned()).filter(|s| !s.is_empty()),
                title: name.clone(),
                price_minor: self.money(p.get("price"), &format!("{what}'s price"))?.max(0),
                cost_minor: None,
                inventory: stock(p),
                inventory_updated_at: None,
            });
        }
        for v in variations {
            let label: Vec<&str> = v
                .get("attributes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|a| a.get("option").and_then(Value::as_str))
                .collect();
            let vid = v.get("id").and_then(Value::as_i64).unwrap_or(0);
            variants.push(Variant {
                id: 0,
                sku: Some(str_of(v, "sku").to_owned()).filter(|s| !s.is_empty()),
                title: if label.is_empty() { format!("{name} ({vid})") } else { label.join(" / ") },
                price_minor: self.money(v.get("price"), &format!("{what}'s variation {vid} price"))?.max(0),
                cost_minor: None,
                inventory: stock(v),
                inventory_updated_at: None,
            });
        }
        Ok(Product {
            id: 0,
            handle,
            title: name,
            category,
            regulated: false,
            product_url: p.get("permalink").and_then(Value::as_str).map(str::to_owned),
            image_url: p.pointer("/images/0/src").and_then(Value::as_str).map(str::to_owned),
            care_text: Some(bounded(&care, MAX_TEXT, &format!("{what}'s short description"), w))
                .filter(|c| !c.is_empty()),
            variants,
        })
    }

    fn order(&self, o: &Value, w: &mut Vec<String>) -> Result<Record, String> {
        let id = o.get("id").and_then(Value::as_i64).ok_or("it has no id")?;
        let number = match o.get("number") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => id.to_string(),
        };
        let what = format!("Order {number}");
        let created_at = gmt(o, "date_created_gmt").ok_or_else(|| format!("{what} has no date_created_gmt"))?;
        let modified = gmt(o, "date_modified_gmt").unwrap_or(created_at);
        let currency = o.get("currency").and_then(Value::as_str).unwrap_or(&self.currency).to_ascii_uppercase();
        let digits =
            fields::minor_digits(&currency).ok_or_else(|| format!("{what} is in `{currency}`, not a currency"))?;
        let money = |k: &str| -> Result<i64, String> {
            match o.get(k) {
                None | Some(Value::Null) => Ok(0),
                Some(Value::String(s)) => fields::money(s, digits).map_err(|e| format!("{what}'s {k}: {e}")),
                Some(v) => fields::money(&v.to_string(), digits).map_err(|e| format!("{what}'s {k}: {e}")),
            }
        };
        let mut lines = Vec::new();
        for l in o.get("line_items").and_then(Value::as_array).into_iter().flatten() {
            let qty = l.get("quantity").and_then(Value::as_i64).unwrap_or(0);
            if qty <= 0 {
                continue;
            }
            let amount = |k: &str| -> Result<i64, String> {
                match l.get(k) {
                    Some(Value::String(s)) => fields::money(s, digits).map_err(|e| format!("{what}'s line {k}: {e}")),
                    _ => Ok(0),
                }
            };
            let subtotal = amount("subtotal")?;
            let total = amount("total")?;
            lines.push(LineItem {
                id: 0,
                variant_id: None,
                sku: Some(str_of(l, "sku").to_owned()).filter(|s| !s.is_empty()),
                title: Some(bounded(str_of(l, "name"), MAX_NAME, &format!("{what}'s line name"), w)),
                quantity: qty,
                unit_price_minor: crate::money::div_round(subtotal, qty),
                discount_minor: (subtotal - total).max(0),
                unit_cost_minor: None,
            });
        }
        let status = str_of(o, "status");
        let refunds: Vec<Refund> = o
            .get("refunds")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|r| -> Result<Refund, String> {
                let amount = match r.get("total") {
                    Some(Value::String(s)) => fields::money(s, digits).map_err(|e| format!("{what}'s refund: {e}"))?,
                    _ => 0,
                };
                Ok(Refund {
                    line_item_id: None,
                    quantity: 0,
                    amount_minor: amount.abs(),
                    reason: r.get("reason").and_then(Value::as_str).map(str::to_owned).filter(|s| !s.is_empty()),
                    created_at: modified,
                })
            })
            .collect::<Result<_, _>>()?;
        let email = o.pointer("/billing/email").and_then(Value::as_str).unwrap_or("").trim().to_ascii_lowercase();
        let customer = (!email.is_empty()).then(|| ImportedCustomer {
            email,
            first_name: o
                .pointer("/billing/first_name")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .filter(|s| !s.is_empty()),
            last_name: o
                .pointer("/billing/last_name")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .filter(|s| !s.is_empty()),
            consent: Consent::Unknown,
            consent_source: Some("woocommerce".to_owned()),
            created_at,
        });
        let order = Order {
            id: 0,
            customer_id: None,
            number,
            created_at,
            currency,
            subtotal_minor: lines.iter().map(|l| l.unit_price_minor * l.quantity).sum(),
            discount_minor: money("discount_total")?,
            discount_code: o.pointer("/coupon_lines/0/code").and_then(Value::as_str).map(str::to_owned),
            shipping_minor: money("shipping_total")?,
            shipping_cost_minor: None,
            tax_minor: money("total_tax")?,
            total_minor: money("total")?,
            financial_status: match status {
                "processing" | "completed" => "paid",
                "pending" | "on-hold" | "checkout-draft" => "pending",
                "refunded" => "refunded",
                "cancelled" => "voided",
                "failed" => "failed",
                _ => "pending",
            }
            .to_owned(),
            fulfillment_status: (status == "completed").then(|| "fulfilled".to_owned()),
            source: Some("woocommerce".to_owned()),
            cancelled_at: (status == "cancelled").then_some(modified),
            lines,
            refunds,
        };
        Ok(Record::Order { order: Box::new(order), customer, platform_id: id.to_string() })
    }

    fn customer(c: &Value, w: &mut Vec<String>) -> Result<Record, String> {
        let id = c.get("id").and_then(Value::as_i64).ok_or("it has no id")?;
        let email = str_of(c, "email").trim().to_ascii_lowercase();
        if email.is_empty() {
            return Err(format!("Customer {id} has no email address"));
        }
        let name = |k: &str, w: &mut Vec<String>| {
            Some(bounded(str_of(c, k), MAX_NAME, &format!("Customer {id}'s {k}"), w)).filter(|s| !s.is_empty())
        };
        Ok(Record::Customer(
            ImportedCustomer {
                first_name: name("first_name", w),
                last_name: name("last_name", w),
                email,
                consent: Consent::Unknown,
                consent_source: Some("woocommerce".to_owned()),
                created_at: gmt(c, "date_created_gmt").unwrap_or(0),
            },
            String::new(),
        ))
    }

    fn newest(items: &[Value]) -> Option<i64> {
        items.iter().filter_map(|i| gmt(i, "date_modified_gmt").or_else(|| gmt(i, "date_created_gmt"))).max()
    }
}

impl Source for Woo {
    fn platform(&self) -> &'static str {
        "woocommerce"
    }

    fn resources(&self) -> &'static [&'static str] {
        &["products", "customers", "orders"]
    }

    fn page(&mut self, resource: &str, since: Option<i64>, position: Option<&str>) -> Result<Page, SyncError> {
        let pos: Position =
            position.and_then(|p| serde_json::from_str(p).ok()).unwrap_or(Position { page: 1, total: 0, again: 0 });
        let mut filter: Vec<(&str, String)> = Vec::new();
        // Customers cannot be filtered by change: newest registrations first, until older ones.
        let newest_customers_first = resource == "customers" && since.is_some();
        if let Some(s) = since {
            if newest_customers_first {
                filter.push(("orderby", "registered_date".to_owned()));
                filter.push(("order", "desc".to_owned()));
            } else {
                filter.push(("modified_after", crate::time::rfc3339(s).trim_end_matches('Z').to_owned()));
                filter.push(("dates_are_gmt", "true".to_owned()));
            }
        }
        let (items, total, pages) = self.list(resource, pos.page, &filter)?;
        let mut page = Page { total: Some(total), ..Page::default() };
        let w = &mut page.warnings;
        match resource {
            "products" => {
                for p in &items {
                    let variations = if p.get("type").and_then(Value::as_str) == Some("variable") {
                        let id = p.get("id").and_then(Value::as_i64).unwrap_or(0);
                        let mut all = Vec::new();
                        let mut n = 1;
                        loop {
                            let (v, _, vp) = self.list(&format!("products/{id}/variations"), n, &[])?;
                            all.extend(v);
                            if n >= vp {
                                break;
                            }
                            n += 1;
                        }
                        all
                    } else {
                        Vec::new()
                    };
                    match self.product(p, &variations, w) {
                        Ok(p) => page.records.push(Record::Product(p)),
                        Err(e) => w.push(format!("A product was skipped: {e}.")),
                    }
                }
            }
            "customers" => {
                for c in &items {
                    // Incremental: only customers who registered since the last sync.
                    if since.is_some_and(|s| gmt(c, "date_created_gmt").is_some_and(|t| t < s)) {
                        continue;
                    }
                    match Self::customer(c, w) {
                        Ok(r) => page.records.push(r),
                        Err(e) => w.push(format!("A customer was skipped: {e}.")),
                    }
                }
            }
            _ => {
                if since.is_none() && position.is_none() {
                    self.seen = Some(Default::default());
                }
                for o in &items {
                    if let (Some(seen), Some(id)) = (self.seen.as_mut(), o.get("id").and_then(Value::as_i64)) {
                        seen.insert(id.to_string());
                    }
                    match self.order(o, w) {
                        Ok(r) => page.records.push(r),
                        Err(e) => w.push(format!("An order was skipped: {e}.")),
                    }
                }
            }
        }
        page.newest = Self::newest(&items);
        let first_total = if pos.page == 1 { total } else { pos.total };
        let reached_older = newest_customers_first
            && items.iter().any(|c| since.is_some_and(|s| gmt(c, "date_created_gmt").is_some_and(|t| t < s)));
        page.next = if reached_older {
            None
        } else if pos.page < pages {
            Some(Position { page: pos.page + 1, total: first_total, again: pos.again })
        } else if total != first_total && pos.again < 2 {
            // The list changed under the run (a record deleted or added): read it once more.
            page.warnings.push(format!(
                "The store's {resource} changed while they were read ({first_total} then {total}); they were read again from the start."
            ));
            Some(Position { page: 1, total: 0, again: pos.again + 1 })
        } else {
            None
        }
        .map(|p| serde_json::to_string(&p).unwrap_or_default());
        if resource == "orders" && page.next.is_none() {
            page.complete = self.seen.take().map(|s| s.into_iter().collect());
        }
        Ok(page)
    }
}

fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

/// A `_gmt` date ("2017-03-22T19:28:02", no offset: UTC) as seconds.
fn gmt(v: &Value, k: &str) -> Option<i64> {
    let s = v.get(k)?.as_str()?.trim();
    if s.is_empty() {
        return None;
    }
    let with_zone = if s.ends_with('Z') || s.contains('+') { s.to_owned() } else { format!("{s}Z") };
    with_zone.parse::<jiff::Timestamp>().ok().map(|t| t.as_second())
}

/// The shop's address as given, checked and without a trailing slash or API path.
fn normalise_base(base: &str) -> Result<String, SyncError> {
    let b = base.trim().trim_end_matches('/');
    let b = b.strip_suffix("/wp-json/wc/v3").or_else(|| b.strip_suffix("/wp-json")).unwrap_or(b);
    let local = b.starts_with("http://127.0.0.1") || b.starts_with("http://localhost");
    if !(b.starts_with("https://") || local) {
        return Err(SyncError::Settings(format!(
            "`{base}` must start with https:// — WooCommerce sends the key only over an encrypted connection."
        )));
    }
    if b.len() < 12 || b.contains(char::is_whitespace) {
        return Err(SyncError::Settings(format!("`{base}` is not a web address.")));
    }
    Ok(b.to_owned())
}

/// Percent-encodes a query value.
fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Text without its HTML tags and with entities for the commonest characters decoded.
fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&nbsp;", " ")
        .replace("&#8217;", "’")
        .replace("&quot;", "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

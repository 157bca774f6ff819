//! Shopify over the Admin GraphQL API (version pinned below): products with variants,
//! inventory and unit cost; customers with their email-marketing consent; orders with lines,
//! discounts and refunds. History comes through a bulk operation (run, poll, download the JSONL,
//! children grouped by `__parentId` wherever they are in the file); increments through
//! `updated_at` filters, newest changes by `UPDATED_AT`, with Relay cursors.
//!
//! Shopify limits by query cost: every answer carries `extensions.cost.throttleStatus`, read
//! live (never hard-coded); a throttled request is an HTTP 200 with a `THROTTLED` error, and is
//! tried again after the time the bucket needs to hold the query's cost again.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{json, Value};

use super::http::{Http, Reply};
use super::{bounded, Page, Record, Source, SyncError};
use crate::import::fields;
use crate::model::{Consent, LineItem, Order, Product, Refund, Variant};
use crate::store::ImportedCustomer;

const WHO: &str = "Shopify";
/// The Admin API version every request is made against.
pub const API_VERSION: &str = "2026-01";
/// Records a page: 100 orders with their lines stay far below the cost limit.
const PAGE: u32 = 100;
const MAX_NAME: usize = 500;
const MAX_TEXT: usize = 20_000;
/// Tries of a throttled request before the sync stops for now.
const THROTTLE_TRIES: u32 = 8;
/// Seconds between polls of a running bulk operation (an injected sleep in tests).
const BULK_POLL: Duration = Duration::from_secs(1);

/// A Shopify store.
#[derive(Debug, Clone)]
pub struct Shopify {
    /// `https://{shop}.myshopify.com` (another address in tests).
    pub base: String,
    token: String,
    http: Http,
    /// Decimals of the shop's currency (prices of products carry no currency of their own).
    digits: u32,
    /// Where a bulk file is read from and how far, within a run of the orders' history.
    bulk: Option<BulkFile>,
    /// The token was not granted `read_all_orders`.
    recent_only: bool,
}

/// What `connect` learns about a shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopifyShop {
    pub name: String,
    pub currency: String,
    pub timezone: Option<String>,
    /// The access scopes granted to the token.
    pub scopes: Vec<String>,
}

/// A downloaded bulk file and an index of it: each order's line, by id order, and its line
/// items' lines. Orders are built a batch at a time from the text, so a history of hundreds of
/// thousands of orders never sits in memory as parsed JSON.
#[derive(Debug, Clone)]
struct BulkFile {
    operation: String,
    text: String,
    /// (id number, start, end) of each order's line, by id.
    parents: Vec<(u64, usize, usize)>,
    /// The line items' lines by their order's id.
    children: HashMap<String, Vec<(usize, usize)>>,
    warnings: Vec<String>,
}

/// The two fields that place a line of a bulk file.
#[derive(serde::Deserialize)]
struct Placing<'a> {
    #[serde(borrow, default)]
    id: Option<&'a str>,
    #[serde(rename = "__parentId", borrow, default)]
    parent: Option<&'a str>,
}

impl BulkFile {
    /// Indexes `text` (one JSON object a line; line items carry `__parentId`, not always right
    /// after their order).
    fn index(operation: String, text: String) -> Result<BulkFile, SyncError> {
        let mut parents = Vec::new();
        let mut children: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut start = 0;
        for (n, line) in text.split('\n').enumerate() {
            let end = start + line.len();
            if !line.trim().is_empty() {
                let p: Placing<'_> = serde_json::from_str(line).map_err(|e| SyncError::Malformed {
                    who: WHO,
                    said: format!("line {} of the bulk file: {e}", n + 1),
                })?;
                match (p.parent, p.id) {
                    (Some(parent), _) => children.entry(parent.to_owned()).or_default().push((start, end)),
                    (None, Some(id)) => parents.push((gid_number(id), start, end)),
                    (None, None) => {}
                }
            }
            start = end + 1;
        }
        parents.sort_unstable_by_key(|p| p.0);
        let mut warnings = Vec::new();
        let known: std::collections::HashSet<String> =
            parents.iter().map(|(n, _, _)| format!("gid://shopify/Order/{n}")).collect();
        let orphans: usize = children.iter().filter(|(k, _)| !known.contains(*k)).map(|(_, v)| v.len()).sum();
        if orphans > 0 {
            warnings.push(format!("{orphans} line items named orders the file did not have; they were left out."));
        }
        Ok(BulkFile { operation, text, parents, children, warnings })
    }

    /// The orders `from..to` (by id), each with its line items, and the newest change among them.
    fn orders(&self, from: usize, to: usize, w: &mut Vec<String>) -> (Vec<Record>, Option<i64>) {
        let mut out = Vec::with_capacity(to.saturating_sub(from));
        let mut newest = None;
        for &(_, a, b) in &self.parents[from.min(to)..to] {
            let Ok(o) = serde_json::from_str::<Value>(&self.text[a..b]) else { continue };
            let lines: Vec<Value> = self
                .children
                .get(str_of(&o, "id"))
                .into_iter()
                .flatten()
                .filter_map(|&(x, y)| serde_json::from_str(&self.text[x..y]).ok())
                .collect();
            newest = newest.max(instant(&o, "updatedAt").or_else(|| instant(&o, "createdAt")));
            match order(&o, Some(&lines), w) {
                Ok(r) => out.push(r),
                Err(e) => w.push(format!("An order was skipped: {e}.")),
            }
        }
        (out, newest)
    }
}

/// Where the orders' run stands (inside a cursor's position).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
enum OrdersAt {
    /// A bulk operation of the whole history: its id, and how many of its orders are stored.
    Bulk { operation: String, done: usize },
    /// A Relay cursor.
    After(String),
}

impl Shopify {
    /// The shop at `shop` (its name, `name.myshopify.com` or its https address) with an Admin
    /// API access token; `currency` as `connect` found it.
    pub fn new(shop: &str, token: &str, currency: &str, http: Http) -> Result<Shopify, SyncError> {
        let digits = fields::minor_digits(currency).ok_or_else(|| {
            SyncError::Settings(format!("The shop's currency `{currency}` is not one Storeloop knows."))
        })?;
        Ok(Shopify {
            base: normalise_shop(shop)?,
            token: token.to_owned(),
            http,
            digits,
            bulk: None,
            recent_only: false,
        })
    }

    /// Says the token lacks `read_all_orders`: Shopify then shows only the last 60 days of
    /// orders, and a history read says so.
    pub fn with_recent_orders_only(mut self, recent_only: bool) -> Self {
        self.recent_only = recent_only;
        self
    }

    /// Checks the address and the token: the shop's name, currency, time zone and the scopes
    /// granted, or a plain explanation.
    pub fn connect(&self) -> Result<ShopifyShop, SyncError> {
        let data = self.query(
            "{ shop { name currencyCode ianaTimezone myshopifyDomain } currentAppInstallation { accessScopes { handle } } }",
            &json!({}),
        )?;
        let name = data.pointer("/shop/name").and_then(Value::as_str).unwrap_or("").to_owned();
        let currency = data.pointer("/shop/currencyCode").and_then(Value::as_str).unwrap_or("").to_owned();
        if fields::minor_digits(&currency).is_none() {
            return Err(SyncError::Malformed { who: WHO, said: format!("the shop's currency `{currency}`") });
        }
        let scopes: Vec<String> = data
            .pointer("/currentAppInstallation/accessScopes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|s| s.get("handle").and_then(Value::as_str).map(str::to_owned))
            .collect();
        for needed in ["read_products", "read_customers", "read_orders"] {
            if !scopes.iter().any(|s| s == needed || s == &needed.replace("read_", "write_")) {
                return Err(SyncError::Scope {
                    who: WHO,
                    said: format!("the token was not granted {needed}"),
                    hint: "Give the app read access to products, customers and orders (and read_all_orders for orders older than 60 days), then connect again.".into(),
                });
            }
        }
        Ok(ShopifyShop {
            name,
            currency,
            timezone: data.pointer("/shop/ianaTimezone").and_then(Value::as_str).map(str::to_owned),
            scopes,
        })
    }

    fn endpoint(&self) -> String {
        format!("{}/admin/api/{API_VERSION}/graphql.json", self.base)
    }

    /// Runs a GraphQL query, waiting out throttling; returns `data`.
    fn query(&self, query: &str, variables: &Value) -> Result<Value, SyncError> {
        let body = json!({ "query": query, "variables": variables }).to_string();
        let headers = [("X-Shopify-Access-Token", self.token.clone()), ("Accept", "application/json".to_owned())];
        for _ in 0..THROTTLE_TRIES {
            let r = self.http.post(&self.endpoint(), &headers, &body)?;
            let v = judge(&r, &self.base)?;
            let throttled = v.get("errors").and_then(Value::as_array).is_some_and(|e| {
                e.iter().any(|x| x.pointer("/extensions/code").and_then(Value::as_str) == Some("THROTTLED"))
            });
            if throttled {
                self.http.wait(throttle_wait(&v));
                continue;
            }
            if let Some(errors) = v.get("errors").and_then(Value::as_array).filter(|e| !e.is_empty()) {
                let said = errors
                    .iter()
                    .filter_map(|e| e.get("message").and_then(Value::as_str))
                    .collect::<Vec<_>>()
                    .join("; ");
                let denied = errors
                    .iter()
                    .any(|e| e.pointer("/extensions/code").and_then(Value::as_str) == Some("ACCESS_DENIED"));
                return Err(if denied {
                    SyncError::Scope { who: WHO, said, hint: scope_hint(query) }
                } else {
                    SyncError::Malformed { who: WHO, said }
                });
            }
            // Stay inside the bucket: wait when the next query would not fit.
            if let (Some(avail), Some(cost), Some(rate)) = (
                v.pointer("/extensions/cost/throttleStatus/currentlyAvailable").and_then(Value::as_f64),
                v.pointer("/extensions/cost/requestedQueryCost").and_then(Value::as_f64),
                v.pointer("/extensions/cost/throttleStatus/restoreRate").and_then(Value::as_f64),
            ) {
                if avail < cost && rate > 0.0 {
                    self.http.wait(Duration::from_secs_f64((cost - avail) / rate));
                }
            }
            return v.get("data").cloned().ok_or_else(|| SyncError::Malformed { who: WHO, said: "no data".into() });
        }
        Err(SyncError::Busy { who: WHO, said: format!("still throttled after {THROTTLE_TRIES} tries") })
    }

    /// A page of a connection (`products`, `customers`, `orders`, `abandonedCheckouts`) changed
    /// since `since`.
    fn connection_page(
        &self,
        resource: &str,
        fields: &str,
        since: Option<i64>,
        after: Option<&str>,
    ) -> Result<(Vec<Value>, Option<String>), SyncError> {
        // Abandoned checkouts are listed by id (their default order); the rest by change.
        let sort = if resource == "abandonedCheckouts" { "ID" } else { "UPDATED_AT" };
        let query = format!(
            "query($first: Int!, $after: String, $query: String) {{ {resource}(first: $first, after: $after, query: $query, sortKey: {sort}) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {fields} }} }} }}"
        );
        let filter = since.map(|s| format!("updated_at:>='{}'", crate::time::rfc3339(s)));
        let data = self.query(&query, &json!({ "first": PAGE, "after": after, "query": filter }))?;
        let conn = data
            .get(resource)
            .ok_or_else(|| SyncError::Malformed { who: WHO, said: format!("the answer has no `{resource}`") })?;
        let nodes = conn.get("nodes").and_then(Value::as_array).cloned().unwrap_or_default();
        let next = (conn.pointer("/pageInfo/hasNextPage").and_then(Value::as_bool) == Some(true))
            .then(|| conn.pointer("/pageInfo/endCursor").and_then(Value::as_str).map(str::to_owned))
            .flatten();
        Ok((nodes, next))
    }

    /// Starts a bulk operation of every order, waits for it, downloads and parses its file.
    fn bulk_orders(&self, operation: Option<&str>) -> Result<BulkFile, SyncError> {
        let id = match operation {
            Some(id) => id.to_owned(),
            None => {
                let inner = format!("{{ orders {{ edges {{ node {{ {ORDER_FIELDS_BULK} lineItems {{ edges {{ node {{ {LINE_FIELDS} }} }} }} }} }} }} }}");
                let data = self.query(
                    "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { field message } } }",
                    &json!({ "q": inner }),
                )?;
                if let Some(e) =
                    data.pointer("/bulkOperationRunQuery/userErrors").and_then(Value::as_array).and_then(|e| e.first())
                {
                    let said = e.get("message").and_then(Value::as_str).unwrap_or("refused").to_owned();
                    return Err(SyncError::Malformed {
                        who: WHO,
                        said: format!("the bulk export was refused: {said}"),
                    });
                }
                data.pointer("/bulkOperationRunQuery/bulkOperation/id")
                    .and_then(Value::as_str)
                    .ok_or_else(|| SyncError::Malformed { who: WHO, said: "the bulk export has no id".into() })?
                    .to_owned()
            }
        };
        let url = loop {
            let data = self.query(
                "query($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount url } }",
                &json!({ "id": id }),
            )?;
            let op = data.get("bulkOperation").cloned().unwrap_or(Value::Null);
            match op.get("status").and_then(Value::as_str) {
                Some("COMPLETED") => {
                    // An empty shop has no file.
                    break op.get("url").and_then(Value::as_str).map(str::to_owned);
                }
                Some("CREATED" | "RUNNING") => self.http.wait(BULK_POLL),
                other => {
                    let code = op.get("errorCode").and_then(Value::as_str).unwrap_or("");
                    return Err(SyncError::Busy {
                        who: WHO,
                        said: format!("the bulk export ended {} {code}", other.unwrap_or("without a status")),
                    });
                }
            }
        };
        let text = match url {
            None => String::new(),
            Some(u) => {
                let r = self.http.get_large(&u)?;
                if r.status == 400 && r.body.contains("ExpiredToken") {
                    return Err(SyncError::Busy {
                        who: WHO,
                        said:
                            "the bulk export's file has expired (files are kept 7 days); a full sync starts a new one"
                                .into(),
                    });
                }
                if !(200..300).contains(&r.status) {
                    return Err(SyncError::Malformed {
                        who: WHO,
                        said: format!("the bulk file answered {}", r.status),
                    });
                }
                r.body
            }
        };
        BulkFile::index(id, text)
    }
}

/// An answer judged: the JSON, or why there is none.
fn judge(r: &Reply, base: &str) -> Result<Value, SyncError> {
    let v: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
    // Shopify puts a string (not a list) under `errors` for a bad token.
    let said = match v.get("errors") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => {
            a.iter().filter_map(|e| e.get("message").and_then(Value::as_str)).collect::<Vec<_>>().join("; ")
        }
        _ => format!("HTTP {}", r.status),
    };
    match r.status {
        200..=299 if v.is_object() => Ok(v),
        200..=299 => Err(SyncError::Malformed { who: WHO, said: "the answer is not JSON".into() }),
        401 => Err(SyncError::Auth { who: WHO, said }),
        402 => Err(SyncError::Scope {
            who: WHO,
            said,
            hint: "The shop is frozen or unpaid: check its Shopify plan.".into(),
        }),
        403 => Err(SyncError::Scope { who: WHO, said, hint: scope_hint("") }),
        404 if !v.is_object() => {
            Err(SyncError::NotAStore { who: WHO, url: base.to_owned(), said: "no Admin API at this address".into() })
        }
        423 => {
            Err(SyncError::Scope { who: WHO, said, hint: "The shop is locked: check it in the Shopify admin.".into() })
        }
        _ => Err(SyncError::Malformed { who: WHO, said: format!("HTTP {}: {said}", r.status) }),
    }
}

fn scope_hint(query: &str) -> String {
    if query.contains("orders") {
        "Orders older than 60 days need the read_all_orders scope besides read_orders: add it to the app, then connect again.".into()
    } else {
        "Give the app read access to products, customers and orders, then connect again.".into()
    }
}

/// How long a throttled query waits: until the bucket holds its cost again.
fn throttle_wait(v: &Value) -> Duration {
    let cost = v.pointer("/extensions/cost/requestedQueryCost").and_then(Value::as_f64).unwrap_or(100.0);
    let avail = v.pointer("/extensions/cost/throttleStatus/currentlyAvailable").and_then(Value::as_f64).unwrap_or(0.0);
    let rate = v.pointer("/extensions/cost/throttleStatus/restoreRate").and_then(Value::as_f64).unwrap_or(50.0);
    if rate <= 0.0 {
        return Duration::from_secs(1);
    }
    Duration::from_secs_f64(((cost - avail) / rate).clamp(0.1, 60.0))
}

const PRODUCT_FIELDS: &str = "id handle title productType updatedAt onlineStoreUrl description featuredImage { url } variants(first: 100) { nodes { id sku title price inventoryQuantity inventoryItem { unitCost { amount } } } }";
const CUSTOMER_FIELDS: &str =
    "id firstName lastName createdAt updatedAt tags defaultEmailAddress { emailAddress marketingState }";
const ORDER_FIELDS_BULK: &str = "id name createdAt updatedAt cancelledAt email displayFinancialStatus displayFulfillmentStatus currencyCode discountCodes subtotalPriceSet { shopMoney { amount } } totalPriceSet { shopMoney { amount } } totalDiscountsSet { shopMoney { amount } } totalShippingPriceSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } } customer { firstName lastName defaultEmailAddress { emailAddress marketingState } } refunds { createdAt note totalRefundedSet { shopMoney { amount } } }";
const CHECKOUT_FIELDS: &str = "id createdAt updatedAt completedAt customer { firstName lastName defaultEmailAddress { emailAddress marketingState } } totalPriceSet { shopMoney { amount currencyCode } } lineItems(first: 50) { nodes { sku quantity originalUnitPriceSet { shopMoney { amount } } } }";
const LINE_FIELDS: &str =
    "sku name quantity originalUnitPriceSet { shopMoney { amount } } totalDiscountSet { shopMoney { amount } }";

fn order_fields_paged() -> String {
    format!("{ORDER_FIELDS_BULK} lineItems(first: 100) {{ nodes {{ {LINE_FIELDS} }} }}")
}

fn instant(v: &Value, k: &str) -> Option<i64> {
    v.get(k)?.as_str()?.parse::<jiff::Timestamp>().ok().map(|t| t.as_second())
}

fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn amount(v: &Value, path: &str, digits: u32, what: &str) -> Result<i64, String> {
    match v.pointer(path).and_then(Value::as_str) {
        None => Ok(0),
        Some(s) => fields::money(s, digits).map_err(|e| format!("{what}: {e}")),
    }
}

fn consent(state: &str) -> Consent {
    match state {
        "SUBSCRIBED" => Consent::Subscribed,
        "UNSUBSCRIBED" => Consent::Unsubscribed,
        "NOT_SUBSCRIBED" | "PENDING" => Consent::NotAsked,
        _ => Consent::Unknown,
    }
}

fn customer_of(c: &Value, fallback_email: &str, created_at: i64, w: &mut Vec<String>) -> Option<ImportedCustomer> {
    let email = c
        .pointer("/defaultEmailAddress/emailAddress")
        .and_then(Value::as_str)
        .unwrap_or(fallback_email)
        .trim()
        .to_ascii_lowercase();
    if email.is_empty() {
        return None;
    }
    let name = |k: &str, w: &mut Vec<String>| {
        Some(bounded(str_of(c, k), MAX_NAME, &format!("Customer {email}'s {k}"), w)).filter(|s| !s.is_empty())
    };
    Some(ImportedCustomer {
        first_name: name("firstName", w),
        last_name: name("lastName", w),
        consent: consent(c.pointer("/defaultEmailAddress/marketingState").and_then(Value::as_str).unwrap_or("")),
        consent_source: Some("shopify".to_owned()),
        created_at: instant(c, "createdAt").unwrap_or(created_at),
        email,
    })
}

fn product(p: &Value, currency_digits: u32, w: &mut Vec<String>) -> Result<Product, String> {
    let id = str_of(p, "id");
    if id.is_empty() {
        return Err("it has no id".into());
    }
    let title = bounded(str_of(p, "title"), MAX_NAME, &format!("Product {id}'s title"), w);
    let handle = match str_of(p, "handle") {
        "" => id.rsplit('/').next().unwrap_or(id).to_owned(),
        h => bounded(h, MAX_NAME, &format!("Product {id}'s handle"), w),
    };
    let mut variants = Vec::new();
    for v in p.pointer("/variants/nodes").and_then(Value::as_array).into_iter().flatten() {
        variants.push(Variant {
            id: 0,
            sku: Some(str_of(v, "sku").to_owned()).filter(|s| !s.is_empty()),
            title: bounded(str_of(v, "title"), MAX_NAME, &format!("Product {handle}'s variant title"), w),
            price_minor: match v.get("price").and_then(Value::as_str) {
                Some(s) => fields::money(s, currency_digits).map_err(|e| format!("{handle}'s price: {e}"))?.max(0),
                None => 0,
            },
            cost_minor: match v.pointer("/inventoryItem/unitCost/amount").and_then(Value::as_str) {
                Some(s) => Some(fields::money(s, currency_digits).map_err(|e| format!("{handle}'s cost: {e}"))?.max(0)),
                None => None,
            },
            inventory: v.get("inventoryQuantity").and_then(Value::as_i64),
            inventory_updated_at: instant(p, "updatedAt"),
        });
    }
    Ok(Product {
        id: 0,
        handle,
        title,
        category: Some(str_of(p, "productType").to_owned()).filter(|s| !s.is_empty()),
        regulated: false,
        product_url: p.get("onlineStoreUrl").and_then(Value::as_str).map(str::to_owned),
        image_url: p.pointer("/featuredImage/url").and_then(Value::as_str).map(str::to_owned),
        care_text: Some(bounded(str_of(p, "description"), MAX_TEXT, &format!("Product {id}'s description"), w))
            .filter(|s| !s.is_empty()),
        variants,
    })
}

/// An order node (paged: lines inside; bulk: lines given separately).
fn order(o: &Value, lines_in: Option<&[Value]>, w: &mut Vec<String>) -> Result<Record, String> {
    let gid = str_of(o, "id");
    if gid.is_empty() {
        return Err("it has no id".into());
    }
    let number = match str_of(o, "name") {
        "" => gid.rsplit('/').next().unwrap_or(gid).to_owned(),
        n => n.to_owned(),
    };
    let what = format!("Order {number}");
    let created_at = instant(o, "createdAt").ok_or_else(|| format!("{what} has no createdAt"))?;
    let currency = str_of(o, "currencyCode").to_ascii_uppercase();
    let digits = fields::minor_digits(&currency).ok_or_else(|| format!("{what} is in `{currency}`, not a currency"))?;
    let paged: Vec<Value>;
    let line_nodes: &[Value] = match lines_in {
        Some(l) => l,
        None => {
            paged = o.pointer("/lineItems/nodes").and_then(Value::as_array).cloned().unwrap_or_default();
            &paged
        }
    };
    let mut lines = Vec::new();
    for l in line_nodes {
        let qty = l.get("quantity").and_then(Value::as_i64).unwrap_or(0);
        if qty <= 0 {
            continue;
        }
        lines.push(LineItem {
            id: 0,
            variant_id: None,
            sku: Some(str_of(l, "sku").to_owned()).filter(|s| !s.is_empty()),
            title: Some(bounded(str_of(l, "name"), MAX_NAME, &format!("{what}'s line name"), w)),
            quantity: qty,
            unit_price_minor: amount(l, "/originalUnitPriceSet/shopMoney/amount", digits, &what)?,
            discount_minor: amount(l, "/totalDiscountSet/shopMoney/amount", digits, &what)?,
            unit_cost_minor: None,
        });
    }
    let refunds = o
        .get("refunds")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|r| -> Result<Refund, String> {
            Ok(Refund {
                line_item_id: None,
                quantity: 0,
                amount_minor: amount(r, "/totalRefundedSet/shopMoney/amount", digits, &what)?.abs(),
                reason: r.get("note").and_then(Value::as_str).map(str::to_owned).filter(|s| !s.is_empty()),
                created_at: instant(r, "createdAt").unwrap_or(created_at),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let customer = o
        .get("customer")
        .filter(|c| c.is_object())
        .and_then(|c| customer_of(c, str_of(o, "email"), created_at, w))
        .or_else(|| {
            let e = str_of(o, "email").trim().to_ascii_lowercase();
            (!e.is_empty()).then(|| ImportedCustomer {
                email: e,
                first_name: None,
                last_name: None,
                consent: Consent::Unknown,
                consent_source: Some("shopify".to_owned()),
                created_at,
            })
        });
    let status = str_of(o, "displayFinancialStatus").to_ascii_lowercase();
    let order = Order {
        id: 0,
        customer_id: None,
        number,
        created_at,
        currency,
        subtotal_minor: lines.iter().map(|l| l.unit_price_minor * l.quantity).sum(),
        discount_minor: amount(o, "/totalDiscountsSet/shopMoney/amount", digits, &what)?,
        discount_code: o.pointer("/discountCodes/0").and_then(Value::as_str).map(str::to_owned),
        shipping_minor: amount(o, "/totalShippingPriceSet/shopMoney/amount", digits, &what)?,
        shipping_cost_minor: None,
        tax_minor: amount(o, "/totalTaxSet/shopMoney/amount", digits, &what)?,
        total_minor: amount(o, "/totalPriceSet/shopMoney/amount", digits, &what)?,
        financial_status: if status.is_empty() { "paid".to_owned() } else { status },
        fulfillment_status: Some(str_of(o, "displayFulfillmentStatus").to_ascii_lowercase()).filter(|s| !s.is_empty()),
        source: Some("shopify".to_owned()),
        cancelled_at: instant(o, "cancelledAt"),
        lines,
        refunds,
    };
    Ok(Record::Order { order: Box::new(order), customer, platform_id: gid.to_owned() })
}

/// An abandoned checkout node.
fn checkout(c: &Value, w: &mut Vec<String>) -> Result<Record, String> {
    let id = str_of(c, "id");
    if id.is_empty() {
        return Err("it has no id".into());
    }
    let created_at = instant(c, "createdAt").ok_or_else(|| format!("Checkout {id} has no createdAt"))?;
    let currency =
        c.pointer("/totalPriceSet/shopMoney/currencyCode").and_then(Value::as_str).unwrap_or("").to_ascii_uppercase();
    let digits =
        fields::minor_digits(&currency).ok_or_else(|| format!("Checkout {id} is in `{currency}`, not a currency"))?;
    let what = format!("Checkout {id}");
    let mut items = Vec::new();
    for l in c.pointer("/lineItems/nodes").and_then(Value::as_array).into_iter().flatten() {
        items.push((
            Some(str_of(l, "sku").to_owned()).filter(|s| !s.is_empty()),
            l.get("quantity").and_then(Value::as_i64).unwrap_or(0),
            amount(l, "/originalUnitPriceSet/shopMoney/amount", digits, &what)?,
        ));
    }
    let customer = c.get("customer").filter(|x| x.is_object()).and_then(|x| customer_of(x, "", created_at, w));
    Ok(Record::Checkout(
        Box::new(crate::store::SyncedCheckout {
            platform_id: id.to_owned(),
            email: customer.as_ref().map(|cu| cu.email.clone()),
            created_at,
            currency,
            value_minor: amount(c, "/totalPriceSet/shopMoney/amount", digits, &what)?,
            items,
            completed: c.get("completedAt").is_some_and(|v| !v.is_null()),
        }),
        customer,
    ))
}

/// The number at the end of a GID, for ordering (`gid://shopify/Order/148977776` → 148977776).
fn gid_number(gid: &str) -> u64 {
    gid.rsplit('/').next().and_then(|n| n.split('?').next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}

impl Source for Shopify {
    fn platform(&self) -> &'static str {
        "shopify"
    }

    fn resources(&self) -> &'static [&'static str] {
        &["products", "customers", "orders", "checkouts"]
    }

    fn page(&mut self, resource: &str, since: Option<i64>, position: Option<&str>) -> Result<Page, SyncError> {
        let mut page = Page::default();
        match resource {
            "orders" => {
                let at: Option<OrdersAt> = position.and_then(|p| serde_json::from_str(p).ok());
                // The whole history (a first or full sync) comes through a bulk operation.
                let bulk_at = match (&at, since) {
                    (Some(OrdersAt::Bulk { operation, done }), _) => Some((Some(operation.clone()), *done)),
                    (None, None) => Some((None, 0)),
                    _ => None,
                };
                if let Some((operation, done)) = bulk_at {
                    let reuse = self.bulk.as_ref().is_some_and(|b| operation.as_deref() == Some(b.operation.as_str()));
                    if !reuse {
                        self.bulk = Some(self.bulk_orders(operation.as_deref())?);
                    }
                    let Some(file) = self.bulk.as_ref() else { return Ok(page) };
                    let end = (done + 1_000).min(file.parents.len());
                    if done == 0 {
                        page.warnings.extend(file.warnings.iter().cloned());
                        if self.recent_only {
                            page.warnings.push(
                                "Only the last 60 days of orders could be read: the app was not granted read_all_orders. Add that scope to the app in the Shopify admin and connect again, then sync everything again, to bring in the older orders (customer scores need them).".to_owned(),
                            );
                        }
                    }
                    let (records, newest) = file.orders(done, end, &mut page.warnings);
                    page.records = records;
                    page.newest = newest;
                    page.total = Some(file.parents.len() as u64);
                    page.next = (end < file.parents.len())
                        .then(|| OrdersAt::Bulk { operation: file.operation.clone(), done: end })
                        .map(|p| serde_json::to_string(&p).unwrap_or_default());
                    if page.next.is_none() {
                        // The file holds every order of the shop: those stored and not in it
                        // were deleted there.
                        page.complete =
                            Some(file.parents.iter().map(|(n, _, _)| format!("gid://shopify/Order/{n}")).collect());
                        self.bulk = None;
                    }
                    return Ok(page);
                }
                let after = match at {
                    Some(OrdersAt::After(c)) => Some(c),
                    _ => None,
                };
                let (nodes, next) = self.connection_page("orders", &order_fields_paged(), since, after.as_deref())?;
                for o in &nodes {
                    match order(o, None, &mut page.warnings) {
                        Ok(r) => page.records.push(r),
                        Err(e) => page.warnings.push(format!("An order was skipped: {e}.")),
                    }
                    page.newest = page.newest.max(instant(o, "updatedAt"));
                }
                page.next = next.map(|c| serde_json::to_string(&OrdersAt::After(c)).unwrap_or_default());
            }
            "products" | "customers" => {
                let fields = if resource == "products" { PRODUCT_FIELDS } else { CUSTOMER_FIELDS };
                let (nodes, next) = self.connection_page(resource, fields, since, position)?;
                for n in &nodes {
                    if resource == "products" {
                        match product(n, self.digits, &mut page.warnings) {
                            Ok(p) => page.records.push(Record::Product(p)),
                            Err(e) => page.warnings.push(format!("A product was skipped: {e}.")),
                        }
                    } else {
                        match customer_of(n, "", 0, &mut page.warnings) {
                            Some(c) => {
                                let tags = n
                                    .get("tags")
                                    .and_then(Value::as_array)
                                    .map(|t| t.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(","))
                                    .unwrap_or_default();
                                page.records.push(Record::Customer(c, tags));
                            }
                            None => page
                                .warnings
                                .push(format!("Customer {} has no email address; left out.", str_of(n, "id"))),
                        }
                    }
                    page.newest = page.newest.max(instant(n, "updatedAt"));
                }
                page.next = next;
            }
            "checkouts" => {
                let (nodes, next) = match self.connection_page("abandonedCheckouts", CHECKOUT_FIELDS, since, position) {
                    Ok(x) => x,
                    // Abandoned checkouts need a staff permission some tokens lack: the rest of
                    // the store syncs, and the owner is told what is missing.
                    Err(SyncError::Scope { said, .. }) => {
                        page.warnings.push(format!(
                            "Abandoned checkouts were not read ({said}): the app needs read_orders and the staff permission to manage abandoned checkouts. The abandoned-cart flow has nothing to start from until then."
                        ));
                        return Ok(page);
                    }
                    Err(e) => return Err(e),
                };
                for n in &nodes {
                    match checkout(n, &mut page.warnings) {
                        Ok(r) => page.records.push(r),
                        Err(e) => page.warnings.push(format!("An abandoned checkout was skipped: {e}.")),
                    }
                    page.newest = page.newest.max(instant(n, "updatedAt"));
                }
                page.next = next;
            }
            other => {
                return Err(SyncError::Settings(format!("`{other}` is not something Storeloop reads from Shopify.")))
            }
        }
        Ok(page)
    }
}

/// `https://{name}.myshopify.com` from whatever the owner typed; a local address in tests.
fn normalise_shop(shop: &str) -> Result<String, SyncError> {
    let s = shop.trim().trim_end_matches('/');
    if s.starts_with("http://127.0.0.1") || s.starts_with("http://localhost") {
        return Ok(s.to_owned());
    }
    let host = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).unwrap_or(s);
    let host = host.split('/').next().unwrap_or(host).to_ascii_lowercase();
    let name = host.strip_suffix(".myshopify.com").unwrap_or(&host);
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(SyncError::Settings(format!(
            "`{shop}` is not a Shopify shop address: give its myshopify name, e.g. fernhill-tea or fernhill-tea.myshopify.com (Settings → Domains in the Shopify admin shows it)."
        )));
    }
    Ok(format!("https://{name}.myshopify.com"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shop_addresses_become_their_myshopify_address() {
        for s in ["fernhill-tea", "fernhill-tea.myshopify.com", "https://Fernhill-Tea.myshopify.com/admin"] {
            assert_eq!(normalise_shop(s).unwrap(), "https://fernhill-tea.myshopify.com");
        }
        assert!(normalise_shop("www.fernhill tea.com").is_err());
        assert!(normalise_shop("").is_err());
    }

    #[test]
    fn the_throttle_wait_is_what_the_bucket_needs() {
        let v: Value = serde_json::from_str(include_str!(
            "../../../../tests/platforms/fixtures/shopify/graphql/throttled_response.community-shopify-254776.json"
        ))
        .unwrap();
        // (752 requested − 666 available) / 50 restored a second.
        assert_eq!(throttle_wait(&v), Duration::from_secs_f64(1.72));
    }

    #[test]
    fn bulk_children_are_found_wherever_they_are() {
        let text = "{\"id\":\"gid://shopify/Order/2\",\"name\":\"#1002\",\"createdAt\":\"2026-01-02T00:00:00Z\",\"currencyCode\":\"EUR\"}\n\
                    {\"id\":\"gid://shopify/Order/1\",\"name\":\"#1001\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"currencyCode\":\"EUR\"}\n\
                    {\"sku\":\"A\",\"quantity\":2,\"originalUnitPriceSet\":{\"shopMoney\":{\"amount\":\"5.0\"}},\"__parentId\":\"gid://shopify/Order/2\"}\n\
                    {\"sku\":\"B\",\"quantity\":1,\"originalUnitPriceSet\":{\"shopMoney\":{\"amount\":\"3.5\"}},\"__parentId\":\"gid://shopify/Order/1\"}\n\
                    {\"sku\":\"C\",\"quantity\":1,\"originalUnitPriceSet\":{\"shopMoney\":{\"amount\":\"1\"}},\"__parentId\":\"gid://shopify/Order/2\"}\n";
        let file = BulkFile::index("op".into(), text.to_owned()).unwrap();
        assert!(file.warnings.is_empty(), "{:?}", file.warnings);
        let mut w = Vec::new();
        let (orders, newest) = file.orders(0, 2, &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(newest, Some(1_767_312_000), "the newest order's time");
        let numbers: Vec<(String, usize, i64)> = orders
            .iter()
            .map(|r| match r {
                Record::Order { order, .. } => (order.number.clone(), order.lines.len(), order.subtotal_minor),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(numbers, vec![("#1001".into(), 1, 350), ("#1002".into(), 2, 1100)]);
    }
}

//! Tests of the store at its boundary: opening, locking, upgrading, refusing bad files.

use std::fs;

use jiff::Timestamp;
use tempfile::TempDir;

use super::*;
use crate::clock::ManualClock;

fn clock() -> ManualClock {
    ManualClock::new("2026-11-25T12:00:00Z".parse::<Timestamp>().unwrap())
}

fn open(dir: &Path) -> Result<Store, Error> {
    Store::open(dir, Mode::ReadWrite, &clock())
}

#[test]
fn a_new_store_is_migrated_and_configured() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("nested/data");
    let store = open(&dir).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest());
    let pragma = |name: &str| -> String {
        store
            .conn
            .query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| format!("{v:?}"))
            .unwrap()
    };
    assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
    assert_eq!(pragma("synchronous"), "Integer(1)"); // NORMAL
    assert_eq!(pragma("application_id"), format!("Integer({APPLICATION_ID})"));
    assert_eq!(pragma("busy_timeout"), "Integer(5000)");
    assert!(store.settings().unwrap().is_none());
}

#[test]
fn schema_has_every_commerce_table() {
    let tmp = TempDir::new().unwrap();
    let store = open(tmp.path()).unwrap();
    let mut stmt = store.conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").unwrap();
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(
        tables,
        [
            "abandoned_checkout_items",
            "abandoned_checkouts",
            "audit_findings",
            "audit_runs",
            "connections",
            "copy_reviews",
            "copy_variants",
            "customer_scores",
            "customers",
            "engagement",
            "enrolments",
            "events",
            "flow_counters",
            "flow_decisions",
            "flow_dry_runs",
            "flow_versions",
            "flows",
            "imports",
            "line_items",
            "message_attempts",
            "messages",
            "model_health",
            "model_runs",
            "orders",
            "privacy_log",
            "products",
            "refunds",
            "score_crossings",
            "segments",
            "settings",
            "store",
            "support_tickets",
            "suppressions",
            "sync_cursors",
            "sync_runs",
            "tasks",
            "variants"
        ]
    );
    // Every table is STRICT: a text in a money column is refused, not stored.
    let err = store.conn.execute(
        "INSERT INTO customers (id, email, consent, created_at) VALUES (1, 'a@example.com', 'subscribed', 'yesterday')",
        [],
    );
    assert!(err.is_err());
}

#[test]
fn every_named_query_prepares_against_the_schema() {
    let tmp = TempDir::new().unwrap();
    let store = open(tmp.path()).unwrap();
    // The temporary table a full sync fills exists only on the connection that made it.
    store.conn.execute(queries::sync::SEEN_TABLE, []).unwrap();
    for (name, sql) in queries::ALL
        .iter()
        .chain(queries::audit::ALL)
        .chain(queries::import::ALL)
        .chain(queries::privacy::ALL)
        .chain(queries::scores::ALL)
        .chain(queries::mail::ALL)
        .chain(queries::flows::ALL)
        .chain(queries::flow_runs::ALL)
        .chain(queries::measure::ALL)
        .chain(queries::demo_play::ALL)
        .chain(queries::copy::ALL)
        .chain(queries::sync::ALL)
        .chain(queries::guide::ALL)
    {
        for statement in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            store.conn.prepare(statement).unwrap_or_else(|e| panic!("query {name} does not prepare: {e}\n{statement}"));
        }
    }
}

#[test]
fn a_second_writer_on_the_same_folder_is_refused_by_name() {
    let tmp = TempDir::new().unwrap();
    let _first = open(tmp.path()).unwrap();
    let err = open(tmp.path()).unwrap_err();
    assert!(matches!(err, Error::Locked { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(&tmp.path().join(LOCK_FILE).display().to_string()), "{msg}");
    assert!(msg.contains("Close it"), "{msg}");
    // A reader beside the writer is fine.
    Store::open(tmp.path(), Mode::ReadOnly, &clock()).unwrap();
}

#[test]
fn the_lock_is_released_when_the_store_closes() {
    let tmp = TempDir::new().unwrap();
    drop(open(tmp.path()).unwrap());
    open(tmp.path()).unwrap();
}

#[test]
fn a_file_that_is_not_a_database_is_left_alone() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join(crate::paths::DATABASE_FILE);
    let garbage = b"this is not a database, it is a shopping list: tea, more tea".repeat(100);
    fs::write(&db, &garbage).unwrap();
    let err = open(tmp.path()).unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains(&db.display().to_string()));
    assert!(fs::read(&db).unwrap() == garbage, "the damaged file must not be changed");
}

#[test]
fn another_programs_database_is_refused() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join(crate::paths::DATABASE_FILE);
    {
        let other = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)
            .unwrap();
        other.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');").unwrap();
    }
    let before = fs::read(&db).unwrap();
    let err = open(tmp.path()).unwrap_err();
    assert!(err.to_string().contains("another program"), "{err}");
    assert!(fs::read(&db).unwrap() == before, "the file must not be changed");
}

#[test]
fn a_database_from_a_newer_storeloop_is_not_touched() {
    let tmp = TempDir::new().unwrap();
    {
        let store = open(tmp.path()).unwrap();
        store.conn.execute_batch(&format!("PRAGMA user_version = {}", migrations::latest() + 3)).unwrap();
    }
    let db = tmp.path().join(crate::paths::DATABASE_FILE);
    let before = fs::read(&db).unwrap();
    let err = open(tmp.path()).unwrap_err();
    match &err {
        Error::NewerVersion { found, supported, .. } => {
            assert_eq!((*found, *supported), (migrations::latest() + 3, migrations::latest()))
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("newer version of Storeloop"));
    assert!(fs::read(&db).unwrap() == before, "the file must not be changed");
}

#[test]
fn an_unwritable_data_folder_is_named() {
    let tmp = TempDir::new().unwrap();
    // A regular file where a folder should be: fails even for root.
    let blocker = tmp.path().join("not-a-folder");
    fs::write(&blocker, b"x").unwrap();
    let err = open(&blocker.join("data")).unwrap_err();
    assert!(matches!(err, Error::DataDirUnwritable { .. }), "{err:?}");
    assert!(err.to_string().contains("not-a-folder"), "{err}");
    assert!(err.to_string().contains("--data-dir"), "{err}");
}

#[test]
fn an_upgrade_is_preceded_by_a_backup() {
    let tmp = TempDir::new().unwrap();
    {
        let store = open(tmp.path()).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO customers (id, email, consent, created_at) VALUES (1, 'a@example.com', 'subscribed', 0)",
                [],
            )
            .unwrap();
    }
    let mut next: Vec<(&str, &str)> = migrations::MIGRATIONS.to_vec();
    next.push(("9999_test", "ALTER TABLE customers ADD COLUMN nickname TEXT;"));
    let store = Store::open_with(tmp.path(), Mode::ReadWrite, &clock(), &next).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest() + 1);
    let backups: Vec<_> = fs::read_dir(tmp.path().join(BACKUP_DIR)).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let name = backups[0].file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(name, format!("storeloop-20261125T120000Z-v{}.db", migrations::latest()));
    // The backup is a complete copy of the old version.
    let copy = Connection::open_with_flags(&backups[0], OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let (version, customers): (i64, i64) = copy
        .query_row("SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM customers)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((version, customers), (migrations::latest(), 1));
}

#[test]
fn a_fresh_database_needs_no_backup() {
    let tmp = TempDir::new().unwrap();
    open(tmp.path()).unwrap();
    assert!(!tmp.path().join(BACKUP_DIR).exists());
}

#[test]
fn read_only_opening_never_creates_or_upgrades() {
    let tmp = TempDir::new().unwrap();
    let err = Store::open(tmp.path(), Mode::ReadOnly, &clock()).unwrap_err();
    assert!(matches!(err, Error::Missing { .. }), "{err:?}");
    assert!(!tmp.path().join(crate::paths::DATABASE_FILE).exists());
    drop(open(tmp.path()).unwrap());
    let mut next: Vec<(&str, &str)> = migrations::MIGRATIONS.to_vec();
    next.push(("9999_test", "CREATE TABLE later (x INTEGER);"));
    let err = Store::open_with(tmp.path(), Mode::ReadOnly, &clock(), &next).unwrap_err();
    assert!(matches!(err, Error::NeedsUpgrade { .. }), "{err:?}");
}

fn index_count(store: &Store) -> i64 {
    store.conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'index'", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_failed_bulk_load_leaves_nothing_behind_and_keeps_every_index() {
    use crate::model::{Consent, Customer, StoreSettings, StoreSource};
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path()).unwrap();
    let indexes = index_count(&store);
    assert!(indexes >= 10);
    let settings = StoreSettings {
        name: "Test".into(),
        currency: "EUR".into(),
        timezone: "Europe/Berlin".into(),
        source: StoreSource::Demo,
        domain: None,
        postal_address: None,
        demo_seed: None,
        created_at: 0,
    };
    let customer = |id| Customer {
        id,
        email: format!("c{id}@example.com"),
        first_name: None,
        last_name: None,
        consent: Consent::Unknown,
        consent_source: None,
        consent_at: None,
        tags: String::new(),
        timezone: None,
        created_at: 0,
    };
    // Many rows, then a failure (a duplicate id).
    let err = store
        .bulk_load(&settings, |w| {
            for id in 1..=20_000 {
                w.customer(&customer(id))?;
            }
            w.customer(&customer(1))
        })
        .unwrap_err();
    assert!(matches!(err, Error::Sqlite { .. }), "{err:?}");
    assert!(store.settings().unwrap().is_none(), "no store row after a failed load");
    assert!(!store.has_commerce_rows().unwrap(), "no rows after a failed load");
    assert_eq!(index_count(&store), indexes, "the dropped indexes came back");
    let fk: i64 = store.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1, "foreign keys are checked again");

    store.bulk_load(&settings, |w| w.customer(&customer(1))).unwrap();
    assert_eq!(store.settings().unwrap().unwrap().name, "Test");
    assert_eq!(index_count(&store), indexes);
    let fk: i64 = store.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn a_generated_demo_store_keeps_every_foreign_key_and_index() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path()).unwrap();
    let indexes = index_count(&store);
    let options = crate::demo::DemoOptions { customers: 600, seed: 8, as_of: clock().now() };
    crate::demo::generate(&mut store, &options, &mut |_| {}).unwrap();
    let broken: i64 = store.conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "rows pointing at missing parents");
    assert_eq!(index_count(&store), indexes);
    let ok: String = store.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn the_demo_store_has_the_structure_later_models_look_for() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path()).unwrap();
    let options = crate::demo::DemoOptions { customers: 3_000, seed: 2024, as_of: clock().now() };
    crate::demo::generate(&mut store, &options, &mut |_| {}).unwrap();
    let q = |sql: &str| -> f64 { store.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    // The glass teapots (the misuse line) come back far more often than everything else.
    let return_rate = |misuse: bool| {
        q(&format!(
            "SELECT 1.0 * coalesce(sum(r.quantity), 0) / sum(li.quantity) FROM line_items li \
             JOIN variants v ON v.id = li.variant_id JOIN products p ON p.id = v.product_id \
             LEFT JOIN refunds r ON r.line_item_id = li.id WHERE (p.handle LIKE 'glass-teapot%') = {misuse}"
        ))
    };
    let (misuse, rest) = (return_rate(true), return_rate(false));
    assert!(misuse > 4.0 * rest, "misuse line {misuse:.3} vs rest {rest:.3}");
    // Some customers reorder often at full price; others mostly buy with a code.
    let heavy_full_price = q("SELECT count(*) FROM (SELECT customer_id FROM orders GROUP BY customer_id \
        HAVING count(*) >= 5 AND avg(discount_code IS NULL) >= 0.9)");
    let mostly_discounted = q("SELECT count(*) FROM (SELECT customer_id FROM orders GROUP BY customer_id \
        HAVING count(*) >= 3 AND avg(discount_code IS NOT NULL) >= 0.6)");
    assert!(heavy_full_price > 100.0, "{heavy_full_price} frequent full-price buyers");
    assert!(mostly_discounted > 100.0, "{mostly_discounted} discount seekers");
    // The gift season sells more than the quiet months after it, although the shop grows.
    let month =
        |m: &str| q(&format!("SELECT count(*) FROM orders WHERE strftime('%Y-%m', created_at, 'unixepoch') = '{m}'"));
    assert!(month("2025-12") > 1.2 * month("2026-02"), "Dec {} vs Feb {}", month("2025-12"), month("2026-02"));
    // Consent is mixed, abandoned checkouts are partly recovered, and some tickets are open.
    assert!(q("SELECT count(DISTINCT consent) FROM customers") >= 4.0, "every consent state appears");
    let recovered = q("SELECT avg(recovered_order_id IS NOT NULL) FROM abandoned_checkouts");
    assert!((0.2..0.9).contains(&recovered), "recovered share {recovered}");
    assert!(q("SELECT count(*) FROM support_tickets WHERE status <> 'closed'") >= 1.0);
    assert!(q("SELECT count(*) FROM products WHERE regulated = 1") >= 3.0);
    assert!(q("SELECT count(*) FROM variants WHERE inventory = 0") >= 1.0);
}

mod audit {
    //! The audit finds what was planted in a test store, and nothing in a clean one.

    use super::*;
    use crate::audit::{self as data_audit, explain};
    use crate::model::*;

    const NOW: i64 = 1_795_000_000;

    fn settings() -> StoreSettings {
        StoreSettings {
            name: "Audit test".into(),
            currency: "EUR".into(),
            timezone: "Europe/Berlin".into(),
            source: StoreSource::Import,
            domain: None,
            postal_address: None,
            demo_seed: None,
            created_at: NOW,
        }
    }

    fn variant(id: i64, sku: Option<&str>, cost: Option<i64>, inventory: i64, counted: i64) -> Variant {
        Variant {
            id,
            sku: sku.map(str::to_owned),
            title: format!("Variant {id}"),
            price_minor: 1_000,
            cost_minor: cost,
            inventory: Some(inventory),
            inventory_updated_at: Some(counted),
        }
    }

    fn product(id: i64, variants: Vec<Variant>) -> Product {
        Product {
            id,
            handle: format!("p{id}"),
            title: format!("Product {id}"),
            category: None,
            regulated: false,
            product_url: None,
            image_url: None,
            care_text: None,
            variants,
        }
    }

    fn customer(id: i64, consent: Consent) -> Customer {
        Customer {
            id,
            email: format!("c{id}@example.com"),
            first_name: None,
            last_name: None,
            consent,
            consent_source: None,
            consent_at: None,
            tags: String::new(),
            timezone: None,
            created_at: NOW - 100 * 86_400,
        }
    }

    fn order(id: i64, currency: &str, lines: Vec<(i64, Option<i64>, &str)>) -> Order {
        Order {
            id,
            customer_id: Some(1),
            number: format!("#{id}"),
            created_at: NOW - 86_400,
            currency: currency.into(),
            subtotal_minor: 1_000 * lines.len() as i64,
            discount_minor: 0,
            discount_code: None,
            shipping_minor: 0,
            shipping_cost_minor: None,
            tax_minor: 0,
            total_minor: 1_000 * lines.len() as i64,
            financial_status: "paid".into(),
            fulfillment_status: None,
            source: None,
            cancelled_at: None,
            lines: lines
                .into_iter()
                .map(|(line, variant, sku)| LineItem {
                    id: line,
                    variant_id: variant,
                    sku: Some(sku.into()),
                    title: None,
                    quantity: 1,
                    unit_price_minor: 1_000,
                    discount_minor: 0,
                    unit_cost_minor: None,
                })
                .collect(),
            refunds: Vec::new(),
        }
    }

    fn counts(store: &mut Store) -> Vec<(&'static str, i64, Vec<String>)> {
        let clock = ManualClock::new(Timestamp::from_second(NOW).unwrap());
        let checker = crate::links::HttpChecker::new(std::time::Duration::from_secs(5));
        data_audit::run(store, &clock, &checker)
            .unwrap()
            .findings
            .into_iter()
            .map(|f| (explain(f.check).code, f.count, f.examples))
            .collect()
    }

    #[test]
    fn a_clean_store_has_no_findings() {
        let tmp = TempDir::new().unwrap();
        let mut store = open(tmp.path()).unwrap();
        store
            .bulk_load(&settings(), |w| {
                w.product(&product(1, vec![variant(1, Some("A-1"), Some(400), 5, NOW - 3_600)]))?;
                w.customer(&customer(1, Consent::Subscribed))?;
                w.order(&order(1, "EUR", vec![(1, Some(1), "A-1")]))?;
                w.event(&Event {
                    customer_id: Some(1),
                    kind: EventKind::ProductViewed,
                    variant_id: Some(1),
                    occurred_at: NOW - 90_000,
                })
            })
            .unwrap();
        let found: Vec<_> = counts(&mut store).into_iter().filter(|f| f.1 > 0).collect();
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn planted_problems_are_each_found_with_examples() {
        let tmp = TempDir::new().unwrap();
        let mut store = open(tmp.path()).unwrap();
        let site = crate::links::tests::serve(2);
        store
            .bulk_load(&settings(), |w| {
                let mut linked = product(2, vec![variant(4, Some("B-1"), Some(100), 3, NOW - 60)]);
                linked.product_url = Some(format!("{site}/gone"));
                linked.image_url = Some(format!("{site}/ok"));
                w.product(&linked)?;
                w.product(&product(
                    1,
                    vec![
                        variant(1, Some("DUP"), Some(400), 5, NOW - 3_600),
                        variant(2, Some("DUP"), None, 0, NOW - 3 * 86_400), // duplicate, no cost, sold out, stale
                        variant(3, None, Some(100), 9, NOW - 60),           // no SKU
                    ],
                ))?;
                w.customer(&customer(1, Consent::Subscribed))?;
                w.customer(&customer(2, Consent::Unknown))?;
                w.order(&order(1, "EUR", vec![(1, Some(2), "DUP"), (2, None, "GHOST-9")]))?;
                w.order(&order(2, "USD", vec![(3, Some(1), "DUP")]))?;
                w.event(&Event {
                    customer_id: Some(2),
                    kind: EventKind::ProductViewed,
                    variant_id: None,
                    occurred_at: NOW - 60,
                })
            })
            .unwrap();
        let found = counts(&mut store);
        let get = |code: &str| found.iter().find(|f| f.0 == code).cloned().unwrap();
        assert_eq!(get("unknown_skus").1, 1);
        assert_eq!(get("unknown_skus").2, ["GHOST-9 (1 order line)"]);
        assert_eq!(get("duplicate_skus").1, 1);
        assert_eq!(get("duplicate_skus").2, ["DUP (2 variants)"]);
        assert_eq!(get("other_currency").2, ["USD (1 order)"]);
        assert_eq!(get("missing_costs").1, 1);
        assert_eq!(get("missing_skus").1, 1);
        assert_eq!(get("sold_out_selling").1, 1);
        assert_eq!(get("stale_inventory").1, 1);
        assert!(get("stale_inventory").2[0].contains("counted 3 days ago"), "{:?}", get("stale_inventory").2);
        assert_eq!(get("unknown_consent").2, ["c2@example.com"]);
        assert_eq!(get("orphan_events").1, 1);
        // And the run was saved.
        let (ran_at, saved) = store.latest_audit().unwrap().unwrap();
        assert_eq!(ran_at, NOW);
        assert_eq!(get("broken_links").2, [format!("Product 2: {site}/gone (404 Not Found)")]);
        assert_eq!(saved.iter().filter(|f| f.count > 0).count(), 10);
    }
}

impl Store {
    /// Test helper: everything about customer `id`, found through their stored email.
    pub(crate) fn person_by_id_for_tests(&self, id: i64) -> PersonRecord {
        let email: String =
            self.conn.query_row("SELECT email FROM customers WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        self.person(&email).unwrap().unwrap()
    }

    /// Test helper: order lines with a SKU but no variant, and lines without a unit cost.
    pub(crate) fn unlinked_lines_for_tests(&self) -> (i64, i64) {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM line_items WHERE sku IS NOT NULL AND variant_id IS NULL), (SELECT count(*) FROM line_items WHERE unit_cost_minor IS NULL)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    }

    /// Test helper: the privacy log as text rows.
    pub(crate) fn privacy_log_for_tests(&self) -> Vec<String> {
        let mut stmt = self
            .conn
            .prepare("SELECT action || ' ' || customer_id || ' ' || detail FROM privacy_log ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    }
}

#[test]
fn upgrading_keeps_every_event_and_allows_cart_views() {
    let tmp = TempDir::new().unwrap();
    let before_cart_views = &migrations::MIGRATIONS[..7];
    {
        let store = Store::open_with(tmp.path(), Mode::ReadWrite, &clock(), before_cart_views).unwrap();
        store
            .conn
            .execute("INSERT INTO events (kind, occurred_at, message_id) VALUES ('product_viewed', 5, 'm-1')", [])
            .unwrap();
        assert!(store.conn.execute("INSERT INTO events (kind, occurred_at) VALUES ('cart_viewed', 6)", []).is_err());
    }
    let store = open(tmp.path()).unwrap();
    let kept: (String, Option<String>) =
        store.conn.query_row("SELECT kind, message_id FROM events", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(kept, ("product_viewed".to_owned(), Some("m-1".to_owned())));
    store.conn.execute("INSERT INTO events (kind, occurred_at) VALUES ('cart_viewed', 6)", []).unwrap();
    assert!(
        store
            .conn
            .execute("INSERT INTO events (kind, occurred_at, message_id) VALUES ('product_added', 7, 'm-1')", [])
            .is_err(),
        "message ids stay unique"
    );
    assert!(tmp.path().join(BACKUP_DIR).exists(), "the upgrade was preceded by a backup");
}

#[test]
fn a_tick_that_ends_and_restarts_an_enrolment_saves_both() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path()).unwrap();
    let options = crate::demo::DemoOptions { customers: 50, seed: 8, as_of: clock().now() };
    crate::demo::generate(&mut store, &options, &mut |_| {}).unwrap();
    store.save_flow("f", "F", r#"{"slug":"f"}"#, 1).unwrap();
    let flow_id = store.flow_rows().unwrap()[0].id;
    let row = |id: i64, ended_at: Option<i64>| EnrolmentRow {
        id,
        flow_id,
        version: 1,
        customer_id: 1,
        entered_at: 10,
        node: "a".into(),
        due_at: Some(20),
        since: 10,
        holdout: false,
        hold: None,
        seen: 0,
        event_came: false,
        offer_percent: None,
        value_minor: 0,
        margin_minor: None,
        reference: 0,
        ended_at,
    };
    store.save_tick(&TickWrite { enrolments: vec![row(1, None)], now: 10, ..TickWrite::default() }).unwrap();
    // The new enrolment comes first in the list: the store still ends the old one first.
    let w = TickWrite { enrolments: vec![row(2, None), row(1, Some(30))], now: 30, ..TickWrite::default() };
    store.save_tick(&w).unwrap();
    let (active, max) = store.tick_enrolments(i64::MAX, &[]).unwrap();
    assert_eq!((active.len(), active[0].id, max), (1, 2, 2));
}

#[test]
fn each_products_top_return_reason_is_its_most_counted() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path()).unwrap();
    let options =
        crate::demo::DemoOptions { customers: 1_500, seed: 11, as_of: "2026-11-25T12:00:00Z".parse().unwrap() };
    crate::demo::generate(&mut store, &options, &mut |_| {}).unwrap();
    let top = store.top_return_reasons().unwrap();
    assert!(!top.is_empty(), "the demo store has returns with reasons");
    let count = |product: i64, reason: Option<&str>| -> i64 {
        store
            .conn
            .query_row(
                "SELECT count(*) FROM refunds r JOIN line_items l ON l.id = r.line_item_id JOIN variants v ON v.id = l.variant_id WHERE v.product_id = ?1 AND r.reason IS NOT NULL AND r.reason <> '' AND (?2 IS NULL OR r.reason = ?2) GROUP BY r.reason ORDER BY count(*) DESC LIMIT 1",
                rusqlite::params![product, reason],
                |r| r.get(0),
            )
            .unwrap()
    };
    for (product, reason) in &top {
        assert_eq!(count(*product, Some(reason)), count(*product, None), "product {product}: {reason}");
    }
}

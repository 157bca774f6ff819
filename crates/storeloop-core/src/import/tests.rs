//! Imports against real files and against every kind of bad input.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use proptest::prelude::*;
use tempfile::TempDir;

use super::*;
use crate::clock::ManualClock;
use crate::store::Mode;

fn clock() -> ManualClock {
    ManualClock::new("2026-11-25T12:00:00Z".parse::<Timestamp>().unwrap())
}

fn real_export() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/shopify_orders_export.devstore-2025-12.redacted.csv")
}

fn open(dir: &Path) -> Store {
    Store::open(dir, Mode::ReadWrite, &clock()).unwrap()
}

fn import_file(store: &mut Store, file: &Path) -> Result<Summary, Error> {
    import(store, Kind::ShopifyOrders, file, &clock(), &mut |_| {})
}

#[test]
fn the_real_export_imports_with_the_totals_counted_by_hand() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    let s = import_file(&mut store, &real_export()).unwrap();
    assert_eq!((s.rows_read, s.inserted, s.updated, s.unchanged, s.rejected), (13, 4, 0, 0, 0), "{s:?}");
    assert!(s.problems.is_empty());

    let stats = crate::stats::compute(&store).unwrap();
    assert_eq!(stats.orders, 4);
    // By hand: #1051 1299 + #1050 (3499 + 2×2499 + 2×899 + 1299) + #1044 (3×899 + 3499 + 2×1299
    // + 2499 + 4999) + #1002 (899 + 3499 + 1299) = 1299 + 11594 + 16292 + 5697 = 34882.00 INR.
    assert_eq!(stats.gross_item_revenue_minor, 3_488_200);
    assert_eq!(stats.discounts_minor, 0);
    assert_eq!(stats.units_sold, 18, "1 + (1+2+2+1) + (3+1+2+1+1) + (1+1+1)");
    assert_eq!(stats.customers, 2);
    assert_eq!(stats.customers_with_orders, 2);
    assert_eq!(stats.repeat_customers, 1, "customer@example.com ordered three times");
    let settings = store.settings().unwrap().unwrap();
    assert_eq!((settings.currency.as_str(), settings.source), ("INR", crate::model::StoreSource::Import));
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    import_file(&mut store, &real_export()).unwrap();
    let before = crate::stats::compute(&store).unwrap();
    let again = import_file(&mut store, &real_export()).unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged, again.rejected), (0, 0, 4, 0));
    assert_eq!(crate::stats::compute(&store).unwrap(), before);
}

#[test]
fn a_changed_order_is_updated_in_place() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    import_file(&mut store, &real_export()).unwrap();
    let text = std::fs::read_to_string(real_export()).unwrap().replacen("paid", "refunded", 1);
    let changed = tmp.path().join("changed.csv");
    std::fs::write(&changed, text).unwrap();
    let s = import_file(&mut store, &changed).unwrap();
    assert_eq!((s.inserted, s.updated, s.unchanged), (0, 1, 3));
    assert_eq!(crate::stats::compute(&store).unwrap().orders, 4);
}

const HEADER: &str = "Name,Email,Financial Status,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Zip";

fn write(dir: &TempDir, name: &str, body: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn bad_rows_are_reported_by_line_and_column_and_good_rows_land() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    let mut body = format!(
        "{HEADER}\n\
         #1,a@example.com,paid,yes,EUR,10.00,0,0,10.00,,0,2026-01-02 10:00:00 +0100,1,Tea,10.00,T-1,'01234\n\
         #2,b@example.com,paid,no,EUR,5.00,0,0,5.00,,0,2026-01-03 10:00:00 +0100,-2,Tea,2.50,T-1,\n\
         #3,c@example.com,paid,no,ZZZ,5.00,0,0,5.00,,0,2026-01-03 10:00:00 +0100,1,Tea,5.00,T-1,\n\
         #4,d@example.com,paid,no,EUR,5.00,0,0,5.00,,0,2031-01-03 10:00:00 +0100,1,Tea,5.00,T-1,\n\
         #5,e@example.com,paid,no,EUR,5.00,0,0,5.00,SAVE,1.00,2026-01-04 10:00:00 +0100,2,Tea,3.00,T-1,\n"
    )
    .into_bytes();
    body.extend_from_slice(
        b"#6,f@example.com,paid,no,EUR,5.00,0,0,5.00,,0,2026-01-05 10:00:00 +0100,1,T\xff\xfe,5.00,T-1,\n",
    );
    body.extend_from_slice(b"#7,g@example.com,paid,no,EUR,5.00,0,0");
    let file = write(&tmp, "orders.csv", &body);
    let s = import_file(&mut store, &file).unwrap();
    assert_eq!((s.inserted, s.rejected), (2, 5), "{:#?}", s.problems);
    let at = |line: u64| {
        s.problems
            .iter()
            .find(|p| p.line == line)
            .unwrap_or_else(|| panic!("no problem on line {line}: {:#?}", s.problems))
    };
    assert_eq!(at(3).column.as_deref(), Some("Lineitem quantity"));
    assert!(at(3).reason.contains("-2"));
    assert_eq!(at(4).column.as_deref(), Some("Currency"));
    assert!(at(4).reason.contains("ZZZ"));
    assert_eq!(at(5).column.as_deref(), Some("Created at"));
    assert!(at(5).reason.contains("future"));
    assert!(at(7).reason.contains("UTF-8"), "{:?}", at(7));
    assert!(at(8).reason.contains("cut off"), "{:?}", at(8));
    // The good rows landed, with the discount kept apart from gross revenue.
    let stats = crate::stats::compute(&store).unwrap();
    assert_eq!((stats.orders, stats.gross_item_revenue_minor, stats.discounts_minor), (2, 1_600, 100));
}

#[test]
fn a_file_with_the_wrong_delimiter_or_columns_is_refused_by_name() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    let semi = write(&tmp, "semi.csv", HEADER.replace(',', ";").as_bytes());
    let err = import_file(&mut store, &semi).unwrap_err().to_string();
    assert!(err.contains("semi.csv") && err.contains("';'"), "{err}");
    let short = write(&tmp, "short.csv", b"Name,Email\n#1,a@example.com\n");
    let err = import_file(&mut store, &short).unwrap_err().to_string();
    assert!(err.contains("`Created at`") && err.contains("`Lineitem price`"), "{err}");
    let missing = tmp.path().join("nope.csv");
    let err = import_file(&mut store, &missing).unwrap_err().to_string();
    assert!(err.contains("nope.csv"), "{err}");
    assert!(store.settings().unwrap().is_none(), "nothing was written");
}

#[test]
fn an_interrupted_import_resumes_after_its_checkpoint() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    let file = real_export();
    let (size, head) = identify(&file).unwrap();
    // A run that stored the orders ending on or before line 6 (#1051, #1050), then stopped.
    let run = store.begin_import("shopify-orders", &file.display().to_string(), size, &head, 0).unwrap();
    let done = crate::store::ImportCounts { rows_read: 5, inserted: 2, ..Default::default() };
    store.import_batch(|tx| tx.checkpoint(run.id, 6, &done)).unwrap();
    let s = import_file(&mut store, &file).unwrap();
    assert_eq!(s.resumed_after_line, Some(6));
    assert_eq!((s.rows_read, s.inserted), (13, 4));
    // Only the two later orders were written by this run (the earlier ones were faked above).
    assert_eq!(crate::stats::compute(&store).unwrap().orders, 2);
    // A finished run is not resumed: the next import starts from the top.
    let again = import_file(&mut store, &file).unwrap();
    assert_eq!((again.resumed_after_line, again.inserted), (None, 2));
}

#[test]
fn the_demo_store_is_never_mixed_with_real_data() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    let opts = crate::demo::DemoOptions { customers: 20, seed: 1, as_of: clock().now() };
    crate::demo::generate(&mut store, &opts, &mut |_| {}).unwrap();
    let err = import_file(&mut store, &real_export()).unwrap_err();
    assert!(matches!(err, Error::DemoStore { .. }), "{err:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn no_byte_sequence_makes_the_importer_panic(body in proptest::collection::vec(any::<u8>(), 0..600), rows in proptest::collection::vec("[#0-9a-zA-Z,.:+ '\"-]{0,80}", 0..6)) {
        let tmp = TempDir::new().unwrap();
        let mut store = open(tmp.path());
        let mut text = format!("{HEADER}\n").into_bytes();
        for r in &rows {
            text.extend_from_slice(r.as_bytes());
            text.push(b'\n');
        }
        text.extend_from_slice(&body);
        let file = write(&tmp, "fuzz.csv", &text);
        let raw = write(&tmp, "raw.csv", &body);
        // Orders first (they create the store the other kinds need), then every kind.
        for (_, kind) in Kind::ALL {
            let _ = import(&mut store, kind, &file, &clock(), &mut |_| {});
            let _ = import(&mut store, kind, &raw, &clock(), &mut |_| {});
        }
    }
}

const CUSTOMERS: &str = "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags";
const LEGACY: &str = "First Name,Last Name,Email,Company,Address1,Address2,City,Province,Province Code,Country,Country Code,Zip,Phone,Accepts Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt";

fn import_customers(store: &mut Store, file: &Path) -> Result<Summary, Error> {
    import(store, Kind::ShopifyCustomers, file, &clock(), &mut |_| {})
}

#[test]
fn customers_are_matched_by_email_and_consent_only_gets_safer() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    import_file(&mut store, &real_export()).unwrap();
    let body = format!(
        "{CUSTOMERS}\n\
         '7001,Test,Buyer,Customer@Example.com,no,,,,,,,,,,no,0.00,3,,no,\"vip, tea\"\n\
         '7002,Neu,Kundin,new@example.com,yes,,,,,,IN,'560029,,,no,0.00,0,,no,\n\
         '7003,Bad,Row,not-an-email,yes,,,,,,,,,,no,0.00,0,,no,\n\
         '7004,Short,Row,short@example.com\n"
    );
    let file = write(&tmp, "customers.csv", body.as_bytes());
    let s = import_customers(&mut store, &file).unwrap();
    assert_eq!((s.rows_read, s.inserted, s.updated, s.rejected), (4, 1, 1, 2), "{:#?}", s.problems);
    assert_eq!(s.problems[0].column.as_deref(), Some("Email"));
    assert_eq!(s.problems[0].line, 4);
    assert!(s.problems[1].reason.contains("cut off"));
    // The orders export said this buyer accepts marketing; the customers export says no more.
    let person = store.person("customer@example.com").unwrap().unwrap().customer;
    assert_eq!(person.consent, crate::model::Consent::Unsubscribed);
    assert_eq!(person.tags, "vip,tea");
    let new = store.person("new@example.com").unwrap().unwrap().customer;
    assert_eq!((new.consent, new.first_name.as_deref()), (crate::model::Consent::Subscribed, Some("Neu")));
    // Again: nothing changes.
    let again = import_customers(&mut store, &file).unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 2));
}

#[test]
fn older_customer_exports_work_too_and_customers_need_a_store_first() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    let body = format!("{LEGACY}\nOld,Timer,old@example.com,,,,,,,,,,,yes,12.00,1,,,no\n");
    let file = write(&tmp, "legacy.csv", body.as_bytes());
    let err = import_customers(&mut store, &file).unwrap_err().to_string();
    assert!(err.contains("import your orders export first"), "{err}");
    import_file(&mut store, &real_export()).unwrap();
    let s = import_customers(&mut store, &file).unwrap();
    assert_eq!((s.inserted, s.rejected), (1, 0));
    let wrong = write(&tmp, "wrong.csv", b"Name,Email\n#1,a@example.com\n");
    let err = import_customers(&mut store, &wrong).unwrap_err().to_string();
    assert!(err.contains("Accepts Email Marketing"), "{err}");
}

const PRODUCTS: &str = "Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Image Src,Cost per item,Status";

#[test]
fn products_join_the_catalog_so_orders_find_their_skus() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    import_file(&mut store, &real_export()).unwrap();
    let audit = |store: &mut Store, code: &str| {
        crate::audit::run(store, &clock(), &crate::links::HttpChecker::default())
            .unwrap()
            .findings
            .into_iter()
            .find(|f| crate::audit::explain(f.check).code == code)
            .unwrap()
            .count
    };
    assert_eq!(audit(&mut store, "unknown_skus"), 13);
    let body = format!(
        "{PRODUCTS}\n\
         coffee-beans,Organic Ethiopian Coffee Beans,<p>Beans</p>,Acme,Coffee,,TRUE,Size,500 g,CB-ETH-500,40,1299.00,https://example.com/b.jpg,450.00,active\n\
         coffee-beans,,,,,,,,,,,,https://example.com/b2.jpg,,\n\
         wallet,Minimalist Leather Wallet,,Acme,Leather,,TRUE,Colour,Brown,LW-MIN-BRN,5,3499.00,,,active\n\
         wallet,,,,,,,Colour,Black,LW-MIN-BLK,0,3499.00,,1200.00,active\n\
         candle,Lavender & Vanilla Soy Candle,,Acme,Home,,TRUE,Title,Default Title,SC-LAV-VAN,12,899.00,,300.00,active\n\
         yoga-mat,Premium Eco-Friendly Yoga Mat,,Acme,Sport,,TRUE,Title,Default Title,YM-ECO-001,3,-24.99,,,active\n"
    );
    let file = write(&tmp, "products.csv", body.as_bytes());
    let s = import(&mut store, Kind::ShopifyProducts, &file, &clock(), &mut |_| {}).unwrap();
    assert_eq!((s.rows_read, s.inserted, s.rejected), (6, 3, 1), "{:#?}", s.problems);
    assert_eq!((s.problems[0].line, s.problems[0].column.as_deref()), (7, Some("Variant Price")));
    // Coffee, wallet and candle lines now match; the yoga mat (rejected) and headphones do not.
    assert_eq!(audit(&mut store, "unknown_skus"), 13 - 4 - 3 - 3);
    assert_eq!(audit(&mut store, "missing_costs"), 1, "the brown wallet has no cost");
    // Lines imported before their products are linked now; the wallet lines still lack a cost.
    assert_eq!(store.unlinked_lines_for_tests(), (3, 3 + 3));
    let again = import(&mut store, Kind::ShopifyProducts, &file, &clock(), &mut |_| {}).unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 3));
    // A changed price is an update.
    let changed = write(&tmp, "products2.csv", body.replace("899.00", "949.00").as_bytes());
    let s = import(&mut store, Kind::ShopifyProducts, &changed, &clock(), &mut |_| {}).unwrap();
    assert_eq!((s.inserted, s.updated, s.unchanged), (0, 1, 2));
}

#[test]
fn newer_product_exports_name_columns_differently() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    import_file(&mut store, &real_export()).unwrap();
    let body = "Title,URL handle,Description,SKU,Price,Cost per item,Inventory quantity,Product image URL,Option1 name,Option1 value\n\
                Wireless Bluetooth Headphones,headphones,,WH-BT-001,4999.00,2100.00,17,,Title,Default Title\n";
    let file = write(&tmp, "new.csv", body.as_bytes());
    let s = import(&mut store, Kind::ShopifyProducts, &file, &clock(), &mut |_| {}).unwrap();
    assert_eq!((s.inserted, s.rejected), (1, 0), "{:#?}", s.problems);
    let missing = write(&tmp, "nohandle.csv", b"Title,Price\nTea,5.00\n");
    let err = import(&mut store, Kind::ShopifyProducts, &missing, &clock(), &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("`Handle`"), "{err}");
}

fn import_events(store: &mut Store, file: &Path) -> Result<Summary, Error> {
    import(store, Kind::Events, file, &clock(), &mut |_| {})
}

#[test]
fn events_are_stored_once_linked_to_customers_and_products() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    import_file(&mut store, &real_export()).unwrap();
    let body = concat!(
        "\u{feff}{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"Customer@Example.com\",\"messageId\":\"m1\",\"timestamp\":\"2026-11-20T10:00:00.000Z\",\"properties\":{\"sku\":\"CB-ETH-500\",\"price\":12.99}}\n",
        "{\"type\":\"track\",\"event\":\"Product Added\",\"anonymousId\":\"a-1\",\"messageId\":\"m2\",\"timestamp\":\"2026-11-20T10:01:00Z\",\"properties\":{\"product_id\":\"LW-MIN-BRN\"}}\n",
        "{\"type\":\"track\",\"event\":\"Products Searched\",\"messageId\":\"m3\",\"timestamp\":\"2026-11-20T10:02:00Z\",\"properties\":{\"query\":\"tea\"}}\n",
        "{\"type\":\"track\",\"event\":\"Product Viewed\",\"timestamp\":\n",
        "{\"type\":\"track\",\"event\":\"Checkout Started\",\"messageId\":\"m5\",\"properties\":{}}\n",
        "{\"type\":\"track\",\"event\":\"Order Completed\",\"messageId\":\"m6\",\"timestamp\":\"2031-01-01T00:00:00Z\"}\n",
        "\n",
        "{\"type\":\"track\",\"event\":\"Product Viewed\",\"anonymousId\":\"a-2\",\"timestamp\":\"2026-11-21T09:00:00Z\",\"properties\":{\"sku\":\"NOPE-1\"}}\n",
    );
    let file = write(&tmp, "events.jsonl", body.as_bytes());
    let s = import_events(&mut store, &file).unwrap();
    assert_eq!((s.rows_read, s.inserted, s.skipped, s.rejected), (7, 3, 1, 3), "{:#?}", s.problems);
    let at = |line: u64| s.problems.iter().find(|p| p.line == line).unwrap();
    assert!(at(4).reason.contains("not a JSON object"));
    assert_eq!(at(5).column.as_deref(), Some("timestamp"));
    assert!(at(6).reason.contains("future"));
    // The first event is the buyer's, on the coffee they later bought.
    let person = store.person("customer@example.com").unwrap().unwrap();
    assert_eq!(person.events.len(), 1);
    assert_eq!(person.events[0].kind, crate::model::EventKind::ProductViewed);
    // Again: nothing new, including the event that had no message id.
    let again = import_events(&mut store, &file).unwrap();
    assert_eq!((again.inserted, again.unchanged, again.rejected), (0, 3, 3));
}

#[test]
fn the_segment_spec_examples_are_read_and_their_missing_timestamps_named() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    import_file(&mut store, &real_export()).unwrap();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ecommerce_v2.examples.segment-docs.jsonl");
    let s = import_events(&mut store, &file).unwrap();
    // Five of the eleven are events Storeloop stores, and the spec's examples carry no time.
    assert_eq!((s.rows_read, s.skipped, s.rejected, s.inserted), (11, 6, 5, 0));
    assert!(s.problems.iter().all(|p| p.column.as_deref() == Some("timestamp")));
}

#[test]
fn tickets_are_matched_by_id_and_find_their_customer() {
    let tmp = TempDir::new().unwrap();
    let mut store = open(tmp.path());
    import_file(&mut store, &real_export()).unwrap();
    let body = "Ticket ID,Subject,Requester email,Status,Tags,Created at,Solved at\n\
                101,Where is my parcel?,Customer@Example.com,open,where-is-my-order,2026-11-24T09:00:00Z,\n\
                102,Cracked teapot,stranger@example.com,solved,\"glass-cracked stovetop-use\",2026-11-01T09:00:00Z,2026-11-02T10:00:00Z\n\
                103,Bad status,customer@example.com,escalated,,2026-11-01T09:00:00Z,\n\
                104,Bad date,customer@example.com,open,,yesterday,\n";
    let file = write(&tmp, "tickets.csv", body.as_bytes());
    let s = import(&mut store, Kind::Tickets, &file, &clock(), &mut |_| {}).unwrap();
    assert_eq!((s.rows_read, s.inserted, s.rejected), (4, 2, 2), "{:#?}", s.problems);
    assert_eq!((s.problems[0].line, s.problems[0].column.as_deref()), (4, Some("Status")));
    assert_eq!(s.problems[1].column.as_deref(), Some("Created at"));
    let person = store.person("customer@example.com").unwrap().unwrap();
    assert_eq!(person.tickets.len(), 1);
    assert_eq!(person.tickets[0].status, crate::model::TicketStatus::Open);
    // Again: unchanged; then the ticket is solved in the helpdesk and re-exported.
    let again = import(&mut store, Kind::Tickets, &file, &clock(), &mut |_| {}).unwrap();
    assert_eq!((again.inserted, again.unchanged), (0, 2));
    let solved = write(
        &tmp,
        "t2.csv",
        body.replace(
            ",open,where-is-my-order,2026-11-24T09:00:00Z,",
            ",solved,where-is-my-order,2026-11-24T09:00:00Z,2026-11-25T08:00:00Z",
        )
        .as_bytes(),
    );
    let s = import(&mut store, Kind::Tickets, &solved, &clock(), &mut |_| {}).unwrap();
    assert_eq!((s.updated, s.unchanged), (1, 1));
    let missing = write(&tmp, "t3.csv", b"Subject,Status\nHi,open\n");
    let err = import(&mut store, Kind::Tickets, &missing, &clock(), &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("`Ticket ID`") && err.contains("`Requester email`"), "{err}");
}

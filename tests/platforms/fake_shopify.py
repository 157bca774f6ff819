"""A local stand-in for a Shopify shop's Admin GraphQL API, for tests and benchmarks.

Records follow the real payloads in fixtures/shopify (the shopify.dev examples of the 2026-01
API: order, customer and product-variant nodes, MoneyBag amounts as decimal strings, GIDs,
Relay pageInfo) with ids, names, dates and amounts varied; fields the examples do not show are
filled from the schema's documented types. Every answer carries extensions.cost with a
throttleStatus; a THROTTLED answer is the recorded one (HTTP 200). Bulk operations write the
orders as JSON lines, line items as separate lines with __parentId, some of them after other
orders, as Shopify's own files do. Faults through POST /__control: throttle the next requests,
fail with a status, expire the bulk file, add or modify orders.

    python3 tests/platforms/fake_shopify.py --port 8124 --orders 3000

Writes "ready" once it listens. Standard library only.
"""

import base64
import json
import os
import sys
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler

from serving import arguments, serve

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures", "shopify")
BASE_TIME = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)
API = "/admin/api/2026-01/graphql.json"


def fixture(*parts):
    with open(os.path.join(FIX, *parts), encoding="utf-8") as f:
        return f.read()


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def money(cents):
    # Shopify writes amounts like "2000.0" or "19.5": a decimal string without padding.
    return repr(cents / 100)


class Shop:
    def __init__(self, orders, products, customers, token, scopes, checkouts=0, checkout_access=True):
        self.lock = threading.Lock()
        self.token = token
        self.scopes = scopes
        self.clock = BASE_TIME + timedelta(days=200)
        template = json.loads(fixture("graphql", "orders_details_first5.docs-2026-01.data.json"))
        self.order_template = template["orders"]["edges"][0]["node"]
        people = json.loads(fixture("graphql", "customers_list_first12of50.docs-2026-01.data.json"))["customers"]["nodes"]
        self.customer_template = people[1]
        variants = json.loads(fixture("graphql", "productVariants_list_by_product.docs-2026-01.data.json"))
        self.variant_titles = [v["title"] for v in variants["productVariants"]["nodes"]]
        self.products = [self.make_product(i) for i in range(products)]
        self.customers = [self.make_customer(i) for i in range(customers)]
        self.orders = [self.make_order(i, BASE_TIME + timedelta(minutes=11 * i)) for i in range(orders)]
        checkout = json.loads(fixture("graphql", "abandonedCheckouts.docs-2026-01.data.json"))["abandonedCheckouts"]["nodes"][0]
        self.checkout_template = checkout
        self.checkouts = [self.make_checkout(i) for i in range(checkouts)]
        self.checkout_access = checkout_access
        self.faults = []
        self.bulk = {}
        self.requests = []
        self.prebuilt = None

    def make_product(self, i):
        when = iso(BASE_TIME + timedelta(hours=i))
        pid = 8000000 + i
        return {
            "id": "gid://shopify/Product/%d" % pid,
            "handle": "snowboard-%d" % i,
            "title": "Snowboard %d" % i,
            "productType": "Snowboards",
            "updatedAt": when,
            "onlineStoreUrl": "https://fernhill-test.myshopify.com/products/snowboard-%d" % i,
            "description": "A board for fresh snow. Wax it twice a season.",
            "featuredImage": {"url": "https://cdn.shopify.com/s/files/board-%d.jpg" % i},
            "variants": {"nodes": [
                {"id": "gid://shopify/ProductVariant/%d" % (pid * 10 + j), "sku": "SB-%d-%s" % (i, t.replace("cm", "")),
                 "title": t, "price": money(19900 + 500 * (i % 7)), "inventoryQuantity": (i * 7 + j) % 30,
                 "inventoryItem": {"unitCost": {"amount": money(8000 + 100 * (i % 5))}}}
                for j, t in enumerate(self.variant_titles)
            ]},
        }

    def make_customer(self, i):
        c = json.loads(json.dumps(self.customer_template))
        when = iso(BASE_TIME + timedelta(hours=2 * i))
        return {
            "id": "gid://shopify/Customer/%d" % (900000 + i),
            "firstName": c["firstName"],
            "lastName": "%s %d" % (c["lastName"], i),
            "createdAt": when,
            "updatedAt": when,
            "tags": ["vip"] if i % 10 == 0 else [],
            "defaultEmailAddress": {"emailAddress": "rider%d@example.com" % i,
                                    "marketingState": ["SUBSCRIBED", "NOT_SUBSCRIBED", "UNSUBSCRIBED"][i % 3]},
        }

    def make_order(self, i, when):
        t = self.order_template
        n_customers = max(1, len(self.customers))
        k = i % n_customers
        lines = []
        subtotal = 0
        for j in range(1 + i % 3):
            qty = 1 + (i + j) % 2
            price = 2500 + (i * 13 + j * 7) % 3000
            disc = price * qty // 10 if i % 5 == 0 else 0
            p = (i + j) % max(1, len(self.products))
            sku = "SB-%d-%s" % (p, self.variant_titles[j % len(self.variant_titles)].replace("cm", ""))
            lines.append({"sku": sku, "name": "Snowboard %d - %s" % (p, self.variant_titles[j % len(self.variant_titles)]),
                          "quantity": qty,
                          "originalUnitPriceSet": {"shopMoney": {"amount": money(price), "currencyCode": "CAD"}},
                          "totalDiscountSet": {"shopMoney": {"amount": money(disc), "currencyCode": "CAD"}}})
            subtotal += price * qty - disc
        discount = sum(int(round(float(l["totalDiscountSet"]["shopMoney"]["amount"]) * 100)) for l in lines)
        shipping = 1500 if i % 2 else 0
        total = subtotal + shipping
        refunded = i % 17 == 0
        return {
            "id": "gid://shopify/Order/%d" % (150000000 + i),
            "name": "#%d" % (1001 + i),
            "createdAt": iso(when),
            "updatedAt": iso(when),
            "cancelledAt": iso(when + timedelta(hours=2)) if i % 23 == 0 else None,
            "email": "rider%d@example.com" % k,
            "displayFinancialStatus": "REFUNDED" if refunded else t["displayFinancialStatus"],
            "displayFulfillmentStatus": t["displayFulfillmentStatus"],
            "currencyCode": t["totalPriceSet"]["shopMoney"]["currencyCode"],
            "discountCodes": ["WELCOME10"] if discount else [],
            "subtotalPriceSet": {"shopMoney": {"amount": money(subtotal)}},
            "totalPriceSet": {"shopMoney": {"amount": money(total)}},
            "totalDiscountsSet": {"shopMoney": {"amount": money(discount)}},
            "totalShippingPriceSet": {"shopMoney": {"amount": money(shipping)}},
            "totalTaxSet": {"shopMoney": {"amount": "0.0"}},
            "customer": {"firstName": "Rider", "lastName": "No. %d" % k,
                         "defaultEmailAddress": {"emailAddress": "rider%d@example.com" % k,
                                                 "marketingState": ["SUBSCRIBED", "NOT_SUBSCRIBED", "UNSUBSCRIBED"][k % 3]}},
            "refunds": [{"createdAt": iso(when + timedelta(days=3)), "note": "Wrong size",
                         "totalRefundedSet": {"shopMoney": {"amount": money(total)}}}] if refunded else [],
            "lineItems": {"nodes": lines},
        }

    def make_checkout(self, i):
        t = self.checkout_template
        when = iso(BASE_TIME + timedelta(days=150, hours=5 * i))
        k = (i * 3) % max(1, len(self.customers))
        lines = [{"sku": "SB-%d-%s" % ((i + j) % max(1, len(self.products)), self.variant_titles[j].replace("cm", "")),
                  "quantity": 1 + j, "originalUnitPriceSet": {"shopMoney": {"amount": money(19900 + 500 * j)}}}
                 for j in range(1 + i % 2)]
        total = sum(int(round(float(l["originalUnitPriceSet"]["shopMoney"]["amount"]) * 100)) * l["quantity"] for l in lines)
        return {
            "id": "gid://shopify/AbandonedCheckout/%d" % (123 + i),
            "abandonedCheckoutUrl": t["abandonedCheckoutUrl"].replace("k23sabns3", "k23s%04d" % i),
            "createdAt": when,
            "updatedAt": when,
            "completedAt": when if i % 6 == 5 else None,
            "customer": {"firstName": t["customer"]["firstName"], "lastName": t["customer"]["lastName"],
                         "defaultEmailAddress": {"emailAddress": "rider%d@example.com" % k, "marketingState": "SUBSCRIBED"}},
            "totalPriceSet": {"shopMoney": {"amount": money(total), "currencyCode": "CAD"}},
            "lineItems": {"nodes": lines},
        }

    def bulk_file(self, op):
        """Orders then their line items, some line items after later orders (as Shopify may)."""
        out = []
        held = []
        for i, o in enumerate(self.orders):
            node = {k: v for k, v in o.items() if k != "lineItems"}
            out.append(json.dumps(node, separators=(",", ":")))
            children = [dict(l, __parentId=o["id"]) for l in o["lineItems"]["nodes"]]
            if i % 7 == 3:
                held.extend(children)
            else:
                out.extend(json.dumps(c, separators=(",", ":")) for c in children)
            if i % 50 == 49 and held:
                out.extend(json.dumps(c, separators=(",", ":")) for c in held)
                held = []
        out.extend(json.dumps(c, separators=(",", ":")) for c in held)
        return ("\n".join(out) + "\n").encode() if out else b""


def cost(requested=52):
    return {"cost": {"requestedQueryCost": requested, "actualQueryCost": requested,
                     "throttleStatus": {"maximumAvailable": 2000.0, "currentlyAvailable": 1900, "restoreRate": 100.0}}}


SORTED = {}


def page_of(items, variables):
    first = int(variables.get("first") or 50)
    after = variables.get("after")
    q = variables.get("query") or ""
    # Sorted once per state of the list (a big shop is paged hundreds of times).
    key = (id(items), len(items), max((i["updatedAt"] for i in items), default=""))
    if SORTED.get(id(items), (None,))[0] != key:
        SORTED[id(items)] = (key, sorted(items, key=lambda i: (i["updatedAt"], i["id"])))
    items = SORTED[id(items)][1]
    if q.startswith("updated_at:>="):
        since = q.split(">=", 1)[1].strip("'\"")
        items = [i for i in items if i["updatedAt"] >= since]
    start = 0
    if after:
        start = json.loads(base64.b64decode(after))["next"]
    chunk = items[start:start + first]
    end = start + len(chunk)
    cursor = base64.b64encode(json.dumps({"next": end}).encode()).decode()
    return {"nodes": chunk, "pageInfo": {"hasNextPage": end < len(items), "endCursor": cursor}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK hold every answer back ~40 ms on a kept-alive connection.
    disable_nagle_algorithm = True
    shop = None

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def fault(self, where):
        with self.shop.lock:
            for f in self.shop.faults:
                if f.get("times", 1) > 0 and f.get("on", "") in where:
                    f["times"] = f.get("times", 1) - 1
                    return dict(f)
        return None

    def do_GET(self):
        shop = self.shop
        with shop.lock:
            shop.requests.append(self.path)
        if self.path == "/__stats":
            return self.reply(200, {"requests": shop.requests})
        if self.path.startswith("/bulk/"):
            if self.fault("bulk-file"):
                return self.reply(400, fixture("bulk", "expired_url_error.gcs.shopify-api-ruby-test.xml").encode(), "application/xml")
            op = self.path.split("/")[2].split(".")[0]
            return self.reply(200, shop.bulk[op]["file"], "application/jsonl")
        self.reply(404, b"<html>Not Found</html>", "text/html")

    def do_POST(self):
        shop = self.shop
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        if self.path == "/__control":
            body = json.loads(raw or b"{}")
            with shop.lock:
                shop.faults.extend(body.get("faults", []))
                if body.get("add_orders"):
                    shop.clock += timedelta(hours=1)
                    start = len(shop.orders)
                    for i in range(body["add_orders"]):
                        shop.orders.append(shop.make_order(start + i, shop.clock))
                if body.get("delete_orders"):
                    gone = set(body["delete_orders"])
                    shop.orders[:] = [o for o in shop.orders if o["name"] not in gone]
                if body.get("touch_orders"):
                    shop.clock += timedelta(hours=1)
                    for o in shop.orders:
                        if o["name"] in body["touch_orders"]:
                            o["updatedAt"] = iso(shop.clock)
                            o["displayFulfillmentStatus"] = "FULFILLED"
            return self.reply(200, {"ok": True})
        with shop.lock:
            shop.requests.append(self.path)
        if self.path != API:
            return self.reply(404, b"<html>Not Found</html>", "text/html")
        if self.headers.get("X-Shopify-Access-Token") != shop.token:
            return self.reply(401, {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"})
        req = json.loads(raw)
        q = req.get("query", "")
        v = req.get("variables") or {}
        f = self.fault(q)
        if f:
            if f.get("kind") == "throttle":
                return self.reply(200, fixture("graphql", "throttled_response.community-shopify-254776.json").encode())
            if f.get("kind") == "status":
                return self.reply(f["status"], {"errors": [{"message": "Internal error"}]})
        if "bulkOperationRunQuery" in q:
            with shop.lock:
                op = str(len(shop.bulk) + 720918)
                # A file prepared at start (benchmarks: Shopify writes it on its side, not timed
                # against the app) while the orders have not changed since.
                ready = shop.prebuilt if shop.prebuilt and shop.prebuilt[0] == len(shop.orders) else None
                shop.bulk[op] = {"polls": 0, "file": ready[1] if ready else shop.bulk_file(op)}
            return self.reply(200, {"data": {"bulkOperationRunQuery": {
                "bulkOperation": {"id": "gid://shopify/BulkOperation/" + op, "status": "CREATED"}, "userErrors": []}},
                "extensions": cost(10)})
        if "bulkOperation(id" in q:
            op = v["id"].rsplit("/", 1)[1]
            b = shop.bulk[op]
            b["polls"] += 1
            done = b["polls"] > 1
            node = json.loads(fixture("bulk", "currentBulkOperation_completed.shopify_api-ruby-README.json"))["data"]["currentBulkOperation"]
            node.update({"id": v["id"], "status": "COMPLETED" if done else "RUNNING",
                         "objectCount": str(len(shop.orders)), "fileSize": str(len(b["file"])),
                         "url": ("http://%s/bulk/%s.jsonl?signature=x" % (self.headers["Host"], op)) if done and b["file"] else None})
            return self.reply(200, {"data": {"bulkOperation": node}, "extensions": cost(1)})
        if "shop {" in q:
            return self.reply(200, {"data": {
                "shop": {"name": "Fernhill Snow", "currencyCode": "CAD", "ianaTimezone": "America/Toronto",
                         "myshopifyDomain": "fernhill-snow.myshopify.com"},
                "currentAppInstallation": {"accessScopes": [{"handle": s} for s in shop.scopes]}},
                "extensions": cost(2)})
        for name, items in (("products(", shop.products), ("customers(", shop.customers),
                            ("abandonedCheckouts(", shop.checkouts), ("orders(", shop.orders)):
            if name in q:
                if name == "abandonedCheckouts(" and not shop.checkout_access:
                    return self.reply(200, {"errors": [{"message": "Access denied for abandonedCheckouts field. Required access: `read_orders` access scope. Also: The user must have `manage_abandoned_checkouts` permission.",
                                                        "extensions": {"code": "ACCESS_DENIED"}}], "extensions": cost(1)})
                if name == "orders(" and "read_orders" not in shop.scopes:
                    return self.reply(200, {"errors": [{"message": "Access denied for orders field.",
                                                        "extensions": {"code": "ACCESS_DENIED"}}], "extensions": cost(1)})
                with shop.lock:
                    data = page_of(items, v)
                return self.reply(200, {"data": {name[:-1]: data}, "extensions": cost(52)})
        self.reply(200, {"errors": [{"message": "Field is not defined"}]})


def main():
    ap = arguments()
    ap.add_argument("--token", default="shpat_test")
    ap.add_argument("--scopes", default="read_products,read_customers,read_orders,read_all_orders")
    ap.add_argument("--prebuild", action="store_true", help="write the bulk file before listening")
    ap.add_argument("--checkouts", type=int, default=24)
    ap.add_argument("--no-checkout-access", action="store_true")
    args = ap.parse_args()
    Handler.shop = Shop(args.orders, args.products, args.customers, args.token, [s for s in args.scopes.split(",") if s],
                        args.checkouts, not args.no_checkout_access)
    if args.prebuild:
        Handler.shop.prebuilt = (len(Handler.shop.orders), Handler.shop.bulk_file("pre"))
    serve(Handler, args.port)


if __name__ == "__main__":
    sys.exit(main())

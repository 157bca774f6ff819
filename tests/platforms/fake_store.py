"""A local stand-in for a WooCommerce store's REST API v3, for tests and benchmarks.

It serves a generated shop whose records are the real payloads in fixtures/woocommerce (the
WooCommerce REST API docs' examples) with ids, numbers, dates, emails and amounts varied: the
shapes, field names, string money and `_gmt` dates are the platform's own. It paginates as
WooCommerce does (per_page at most 100, X-WP-Total, X-WP-TotalPages), filters by
modified_after with dates_are_gmt, checks Basic auth, and answers errors with WooCommerce's
error body. Faults are injected through POST /__control so a test can make the next requests
fail (429 with Retry-After, 500, malformed JSON, a slow answer, a 10 MB field), change the shop
between pages, or add and modify records between syncs.

    python3 tests/platforms/fake_store.py --port 8123 --orders 3000 --products 40 --customers 300

Writes "ready" to standard output once it listens. Standard library only.
"""

import base64
import copy
import json
import os
import random
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from serving import arguments, serve

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures", "woocommerce")
BASE_TIME = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return json.load(f)


def gmt(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


def local(dt):
    return (dt - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%S")


class Shop:
    """The generated shop: products (simple and variable), customers, orders."""

    def __init__(self, orders, products, customers, seed):
        self.lock = threading.Lock()
        self.rng = random.Random(seed)
        self.clock = BASE_TIME + timedelta(days=200)
        self.products = []
        self.variations = {}
        self.customers = []
        self.orders = []
        simple = fixture("products_list.json")[1]
        variable = fixture("products_list.json")[0]
        variation = fixture("product_variations_list.json")[0]
        for i in range(products):
            pid = 1000 + i
            when = BASE_TIME + timedelta(hours=i)
            if i % 5 == 4:
                p = copy.deepcopy(variable)
                vs = []
                for j, colour in enumerate(["Black", "Green"]):
                    v = copy.deepcopy(variation)
                    v["id"] = 50000 + pid * 10 + j
                    v["sku"] = "WOO-%d-%s" % (pid, colour[:3].upper())
                    v["price"] = v["regular_price"] = "%d.00" % (9 + i % 7)
                    v["stock_quantity"] = 5 + (i * 3 + j) % 40
                    v["attributes"] = [{"id": 6, "name": "Color", "option": colour}]
                    v["date_created_gmt"] = v["date_modified_gmt"] = gmt(when)
                    vs.append(v)
                p["variations"] = [v["id"] for v in vs]
                self.variations[pid] = vs
            else:
                p = copy.deepcopy(simple)
                p["sku"] = "WOO-%d" % pid
                p["price"] = p["regular_price"] = "%d.%02d" % (12 + i % 30, (i * 7) % 100)
                p["stock_quantity"] = (i * 13) % 120
            p["id"] = pid
            p["name"] = "%s %d" % (p["name"], pid)
            p["slug"] = "%s-%d" % (p["slug"], pid)
            p["date_created"], p["date_created_gmt"] = local(when), gmt(when)
            p["date_modified"], p["date_modified_gmt"] = local(when), gmt(when)
            self.products.append(p)
        template_c = fixture("customers_list.json")[0]
        for i in range(customers):
            c = copy.deepcopy(template_c)
            when = BASE_TIME + timedelta(hours=3 * i)
            c["id"] = 100 + i
            c["email"] = "buyer%d@example.com" % i
            c["username"] = "buyer%d" % i
            c["first_name"] = "Buyer"
            c["last_name"] = "No. %d" % i
            c["billing"]["email"] = c["email"]
            c["date_created"], c["date_created_gmt"] = local(when), gmt(when)
            c["date_modified"], c["date_modified_gmt"] = local(when), gmt(when)
            self.customers.append(c)
        for i in range(orders):
            self.orders.append(self.make_order(i, BASE_TIME + timedelta(minutes=37 * i)))
        self.faults = []
        self.requests = []
        # "Change the list while it is read": after this many order-list requests, delete one.
        self.delete_after = None

    def make_order(self, i, when):
        o = copy.deepcopy(fixture("order_retrieve.json"))
        oid = 5000 + i
        o["id"] = oid
        o["number"] = str(oid)
        o["order_key"] = "wc_order_%x" % (oid * 7919)
        o["status"] = ["processing", "completed", "completed", "on-hold", "refunded", "cancelled"][i % 6] if i % 9 else "completed"
        o["date_created"], o["date_created_gmt"] = local(when), gmt(when)
        o["date_modified"], o["date_modified_gmt"] = local(when), gmt(when)
        o["date_paid"], o["date_paid_gmt"] = local(when), gmt(when)
        n = len(self.customers) or 1
        k = i % (n + 7)
        o["billing"]["email"] = "buyer%d@example.com" % k
        o["billing"]["first_name"] = "Buyer"
        o["billing"]["last_name"] = "No. %d" % k
        o["customer_id"] = 100 + k if k < len(self.customers) else 0
        lines = []
        items = 1 + i % 3
        subtotal = 0
        for j in range(items):
            src = self.products[(i + j * 3) % len(self.products)] if self.products else None
            line = copy.deepcopy(o["line_items"][0])
            qty = 1 + (i + j) % 3
            price = 1000 + ((i * 31 + j * 17) % 4000)
            line["id"] = oid * 10 + j
            line["quantity"] = qty
            line["price"] = price / 100
            line["subtotal"] = "%.2f" % (price * qty / 100)
            disc = price * qty // 10 if i % 4 == 0 else 0
            line["total"] = "%.2f" % ((price * qty - disc) / 100)
            if src is not None:
                line["product_id"] = src["id"]
                vs = self.variations.get(src["id"])
                if vs:
                    line["variation_id"] = vs[0]["id"]
                    line["sku"] = vs[0]["sku"]
                else:
                    line["variation_id"] = 0
                    line["sku"] = src["sku"]
                line["name"] = src["name"]
            lines.append(line)
            subtotal += price * qty - disc
        o["line_items"] = lines
        discount = sum(int(round(float(l["subtotal"]) * 100)) - int(round(float(l["total"]) * 100)) for l in lines)
        o["discount_total"] = "%.2f" % (discount / 100)
        o["coupon_lines"] = [{"id": oid, "code": "save10", "discount": o["discount_total"], "discount_tax": "0.00", "meta_data": []}] if discount else []
        shipping = 490 if i % 2 else 0
        o["shipping_total"] = "%.2f" % (shipping / 100)
        o["shipping_lines"][0]["total"] = o["shipping_total"]
        o["total_tax"] = "0.00"
        o["cart_tax"] = "0.00"
        o["total"] = "%.2f" % ((subtotal + shipping) / 100)
        o["refunds"] = [{"id": oid * 3, "reason": "Damaged in transit", "total": "-%.2f" % (subtotal / 200)}] if o["status"] == "refunded" else []
        return o

    def touch(self, ids, when):
        for o in self.orders:
            if o["id"] in ids:
                o["status"] = "completed"
                o["date_modified"], o["date_modified_gmt"] = local(when), gmt(when)


def parse_gmt(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK hold every answer back ~40 ms on a kept-alive connection.
    disable_nagle_algorithm = True
    shop = None
    auth = None

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, code, message):
        self.reply(status, {"code": code, "message": message, "data": {"status": status}})

    def fault(self, path):
        """The first armed fault matching this request, used up."""
        with self.shop.lock:
            for f in self.shop.faults:
                if f.get("times", 1) > 0 and f.get("path", "") in path:
                    f["times"] = f.get("times", 1) - 1
                    return dict(f)
        return None

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path != "/__control":
            return self.error(404, "rest_no_route", "No route was found matching the URL and request method")
        shop = self.shop
        with shop.lock:
            shop.faults.extend(body.get("faults", []))
            if "delete_after" in body:
                shop.delete_after = body["delete_after"]
            if body.get("add_orders"):
                start = len(shop.orders)
                shop.clock += timedelta(hours=1)
                for i in range(body["add_orders"]):
                    shop.orders.append(shop.make_order(start + i, shop.clock))
            if body.get("touch_orders"):
                shop.clock += timedelta(hours=1)
                shop.touch(set(body["touch_orders"]), shop.clock)
            if body.get("delete_orders"):
                gone = set(body["delete_orders"])
                shop.orders = [o for o in shop.orders if o["id"] not in gone]
            if body.get("drop_field"):
                shop.orders[0].pop(body["drop_field"], None)
            if body.get("long_field"):
                shop.orders[0]["line_items"][0]["name"] = "x" * body["long_field"]
                shop.orders[0]["date_modified_gmt"] = gmt(shop.clock)
        self.reply(200, {"ok": True, "orders": len(shop.orders)})

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        path = url.path.rstrip("/")
        shop = self.shop
        with shop.lock:
            shop.requests.append(self.path)
        if path == "/__stats":
            return self.reply(200, {"requests": shop.requests})
        if path == "/wp-json":
            return self.reply(200, {"name": "Fernhill Test Shop", "description": "", "url": "http://127.0.0.1",
                                    "namespaces": ["oembed/1.0", "wc/v3", "wp/v2"]})
        if not path.startswith("/wp-json/wc/v3"):
            body = b"<html><body>Not found</body></html>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return self.wfile.write(body)
        expected = "Basic " + base64.b64encode(self.auth.encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self.error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
        f = self.fault(path)
        if f:
            kind = f.get("kind", "status")
            if kind == "status":
                headers = {"Retry-After": str(f["retry_after"])} if "retry_after" in f else {}
                return self.reply(f["status"], {"code": "fault", "message": "injected", "data": {"status": f["status"]}}, headers)
            if kind == "malformed":
                return self.reply(200, b'[{"id": 1, "number": ')
            if kind == "slow":
                time.sleep(f.get("seconds", 2))
            # "skip": answer normally (lets a test aim the next fault at a later request).
        rest = path[len("/wp-json/wc/v3"):]
        if rest == "/data/currencies/current":
            return self.reply(200, {"code": "USD", "name": "United States (US) dollar", "symbol": "&#36;"})
        per_page = int(q.get("per_page", "10"))
        page = int(q.get("page", "1"))
        if per_page < 1 or per_page > 100:
            return self.error(400, "rest_invalid_param", "Invalid parameter(s): per_page")
        if rest == "/products":
            items = shop.products
        elif rest == "/customers":
            items = shop.customers
        elif rest == "/orders":
            with shop.lock:
                if shop.delete_after is not None:
                    shop.delete_after -= 1
                    if shop.delete_after < 0:
                        shop.delete_after = None
                        del shop.orders[0]
            items = shop.orders
        elif rest.startswith("/products/") and rest.endswith("/variations"):
            pid = int(rest.split("/")[2])
            items = shop.variations.get(pid, [])
        else:
            return self.error(404, "rest_no_route", "No route was found matching the URL and request method")
        if "modified_after" in q:
            after = parse_gmt(q["modified_after"])
            items = [i for i in items if parse_gmt(i["date_modified_gmt"]) > after]
        if q.get("orderby") == "registered_date":
            items = sorted(items, key=lambda i: (i["date_created_gmt"], i["id"]), reverse=q.get("order") == "desc")
        else:
            items = sorted(items, key=lambda i: i["id"], reverse=q.get("order") == "desc")
        total = len(items)
        pages = max(1, (total + per_page - 1) // per_page)
        chunk = items[(page - 1) * per_page: page * per_page]
        self.reply(200, chunk, {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)})


def main():
    ap = arguments()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--key", default="ck_test")
    ap.add_argument("--secret", default="cs_test")
    args = ap.parse_args()
    Handler.shop = Shop(args.orders, args.products, args.customers, args.seed)
    Handler.auth = "%s:%s" % (args.key, args.secret)
    serve(Handler, args.port)


if __name__ == "__main__":
    sys.exit(main())

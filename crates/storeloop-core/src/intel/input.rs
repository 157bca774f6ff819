//! What scoring reads from the store, in the shape the models want: customers in id order, each
//! with a range of their orders (oldest first), and each order with a range of its products.

/// Everything scoring needs, read in one go.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub customers: Vec<CustomerIn>,
    pub orders: Vec<OrderIn>,
    /// Product indexes of every order's lines, order after order.
    pub order_products: Vec<u32>,
    pub products: Vec<ProductIn>,
}

/// A customer.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CustomerIn {
    pub id: i64,
    pub created_at: i64,
    /// `orders[first_order .. first_order + order_count]` are theirs, oldest first.
    pub first_order: u32,
    pub order_count: u32,
    /// Product views in the last 30 days.
    pub views_30d: u32,
    /// Value of their latest checkout that did not become an order, and when.
    pub open_cart_minor: i64,
    pub open_cart_at: Option<i64>,
}

/// An order (cancelled ones included, flagged).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OrderIn {
    pub at: i64,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub discounted: bool,
    /// Unit costs × quantities of the lines whose cost is known.
    pub cost_minor: i64,
    /// Whether every line's cost is known.
    pub cost_known: bool,
    pub shipping_cost_minor: i64,
    pub refunds_minor: i64,
    pub cancelled: bool,
    /// Index of the category of the order's largest line, or `u16::MAX`.
    pub category: u16,
    pub first_product: u32,
    pub product_count: u32,
}

impl OrderIn {
    /// Net revenue: gross item revenue − discounts.
    pub fn revenue(&self) -> i64 {
        self.subtotal_minor - self.discount_minor
    }

    /// Contribution margin (UX.md): revenue − costs − shipping borne − refunds.
    pub fn margin(&self) -> i64 {
        self.revenue() - self.cost_minor - self.shipping_cost_minor - self.refunds_minor
    }
}

/// A product that recommendations may name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductIn {
    pub id: i64,
    pub title: String,
    pub handle: String,
    pub category: Option<String>,
    /// Index into [`Input::categories`].
    pub category_index: u16,
    pub active: bool,
    pub regulated: bool,
    pub approved: bool,
    /// Any variant in stock (or stock not tracked).
    pub in_stock: bool,
    pub price_minor: i64,
    /// Mean known variant cost, if any.
    pub cost_minor: Option<i64>,
}

impl Input {
    /// The orders of customer `c`, oldest first.
    pub fn orders_of(&self, c: &CustomerIn) -> &[OrderIn] {
        let from = c.first_order as usize;
        &self.orders[from..from + c.order_count as usize]
    }

    /// The products of order `o`.
    pub fn products_of(&self, o: &OrderIn) -> &[u32] {
        let from = o.first_product as usize;
        &self.order_products[from..from + o.product_count as usize]
    }

    /// Category names, by index (from the products).
    pub fn categories(&self) -> Vec<String> {
        let mut names: Vec<(u16, String)> =
            self.products.iter().filter_map(|p| p.category.clone().map(|c| (p.category_index, c))).collect();
        names.sort();
        names.dedup_by_key(|n| n.0);
        let mut out = Vec::new();
        for (i, n) in names {
            while out.len() < i as usize {
                out.push(String::new());
            }
            out.push(n);
        }
        out
    }
}

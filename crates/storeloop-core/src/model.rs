//! The commerce model as plain Rust records: what the store holds, independent of how it is
//! stored or shown. Money fields are integer minor units of the store's currency unless a
//! currency is named; instants are UTC seconds.

/// Where a store's data comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreSource {
    /// The built-in, generated demo store.
    Demo,
    /// Files imported by the owner.
    Import,
    /// A connected Shopify store.
    Shopify,
    /// A connected WooCommerce store.
    WooCommerce,
}

impl StoreSource {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Demo => "demo",
            Self::Import => "import",
            Self::Shopify => "shopify",
            Self::WooCommerce => "woocommerce",
        }
    }

    /// The inverse of [`StoreSource::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "demo" => Self::Demo,
            "import" => Self::Import,
            "shopify" => Self::Shopify,
            "woocommerce" => Self::WooCommerce,
            _ => return None,
        })
    }
}

/// The store itself: name, money and calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreSettings {
    /// Shown in the app's top bar and email footers.
    pub name: String,
    /// ISO 4217 code of the store's currency.
    pub currency: String,
    /// IANA time zone in which the store's days and months are counted.
    pub timezone: String,
    /// Where the data comes from.
    pub source: StoreSource,
    /// The shop's domain, if known.
    pub domain: Option<String>,
    /// Postal address for the email footer.
    pub postal_address: Option<String>,
    /// The seed a demo store was generated from.
    pub demo_seed: Option<u64>,
    /// When the store was created in Storeloop.
    pub created_at: i64,
}

/// A product and its variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: i64,
    pub handle: String,
    pub title: String,
    pub category: Option<String>,
    /// Health, age or legal rules restrict what may be claimed or offered.
    pub regulated: bool,
    pub product_url: Option<String>,
    pub image_url: Option<String>,
    /// Care, setup or usage instructions for this product.
    pub care_text: Option<String>,
    pub variants: Vec<Variant>,
}

/// One buyable variant of a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub id: i64,
    pub sku: Option<String>,
    pub title: String,
    pub price_minor: i64,
    pub cost_minor: Option<i64>,
    pub inventory: Option<i64>,
    pub inventory_updated_at: Option<i64>,
}

/// Whether a customer agreed to receive marketing email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    Subscribed,
    Unsubscribed,
    NotAsked,
    Unknown,
}

impl Consent {
    /// From the name stored in the database; anything else is `Unknown`.
    pub fn from_stored(s: &str) -> Consent {
        match s {
            "subscribed" => Consent::Subscribed,
            "unsubscribed" => Consent::Unsubscribed,
            "not_asked" => Consent::NotAsked,
            _ => Consent::Unknown,
        }
    }

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Subscribed => "subscribed",
            Self::Unsubscribed => "unsubscribed",
            Self::NotAsked => "not_asked",
            Self::Unknown => "unknown",
        }
    }
}

/// A customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: i64,
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub consent: Consent,
    pub consent_source: Option<String>,
    pub consent_at: Option<i64>,
    /// Comma-separated tags.
    pub tags: String,
    pub timezone: Option<String>,
    pub created_at: i64,
}

/// An order with its lines and refunds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub number: String,
    pub created_at: i64,
    pub currency: String,
    /// Gross item revenue: unit prices × quantities, before discounts.
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub discount_code: Option<String>,
    pub shipping_minor: i64,
    pub shipping_cost_minor: Option<i64>,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub financial_status: String,
    pub fulfillment_status: Option<String>,
    pub source: Option<String>,
    pub cancelled_at: Option<i64>,
    pub lines: Vec<LineItem>,
    pub refunds: Vec<Refund>,
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineItem {
    pub id: i64,
    pub variant_id: Option<i64>,
    pub sku: Option<String>,
    pub title: Option<String>,
    pub quantity: i64,
    pub unit_price_minor: i64,
    /// This line's share of the order's discounts.
    pub discount_minor: i64,
    pub unit_cost_minor: Option<i64>,
}

/// Money and units given back for one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    pub line_item_id: Option<i64>,
    pub quantity: i64,
    pub amount_minor: i64,
    pub reason: Option<String>,
    pub created_at: i64,
}

/// A checkout that was started and not paid for (at least not then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbandonedCheckout {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub email: Option<String>,
    pub created_at: i64,
    pub currency: String,
    pub value_minor: i64,
    pub recovered_order_id: Option<i64>,
    /// (variant id, quantity, unit price)
    pub items: Vec<(i64, i64, i64)>,
}

/// What a shopper did on the store's site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    ProductViewed,
    ProductAdded,
    CartViewed,
    CheckoutStarted,
    OrderCompleted,
}

impl EventKind {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProductViewed => "product_viewed",
            Self::ProductAdded => "product_added",
            Self::CartViewed => "cart_viewed",
            Self::CheckoutStarted => "checkout_started",
            Self::OrderCompleted => "order_completed",
        }
    }
}

/// A behavioural event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub customer_id: Option<i64>,
    pub kind: EventKind,
    pub variant_id: Option<i64>,
    pub occurred_at: i64,
}

/// Where a support ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketStatus {
    Open,
    Pending,
    Closed,
}

impl TicketStatus {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Pending => "pending",
            Self::Closed => "closed",
        }
    }
}

/// A conversation with the store's support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportTicket {
    pub customer_id: Option<i64>,
    pub order_id: Option<i64>,
    pub subject: String,
    /// Comma-separated tags.
    pub tags: String,
    pub status: TicketStatus,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
}

/// Spreads an order's discount over its lines in proportion to their value; the last line takes
/// the rounding remainder, so the parts always add up to the whole.
pub fn allocate_discount(lines: &mut [LineItem], discount: i64) {
    let total: i64 = lines.iter().map(|l| l.unit_price_minor * l.quantity).sum();
    if total == 0 || lines.is_empty() {
        return;
    }
    let mut left = discount;
    let last = lines.len() - 1;
    for (i, l) in lines.iter_mut().enumerate() {
        l.discount_minor = if i == last { left } else { discount * l.unit_price_minor * l.quantity / total };
        left -= l.discount_minor;
    }
}

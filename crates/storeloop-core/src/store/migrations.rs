//! Embedded, append-only schema migrations. The database's `user_version` counts how many have
//! been applied. Never edit a migration that has shipped: add the next one.

/// Every migration, in order. Index + 1 is the schema version it produces.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_commerce", include_str!("migrations/0001_commerce.sql")),
    ("0002_audit", include_str!("migrations/0002_audit.sql")),
    ("0003_imports", include_str!("migrations/0003_imports.sql")),
    ("0004_privacy", include_str!("migrations/0004_privacy.sql")),
    ("0005_event_ids", include_str!("migrations/0005_event_ids.sql")),
    ("0006_ticket_ids", include_str!("migrations/0006_ticket_ids.sql")),
    ("0007_audit_notes", include_str!("migrations/0007_audit_notes.sql")),
    ("0008_cart_viewed", include_str!("migrations/0008_cart_viewed.sql")),
    ("0009_scores", include_str!("migrations/0009_scores.sql")),
    ("0010_mail", include_str!("migrations/0010_mail.sql")),
    ("0011_mail_queue", include_str!("migrations/0011_mail_queue.sql")),
    ("0012_flows", include_str!("migrations/0012_flows.sql")),
    ("0013_flow_runs", include_str!("migrations/0013_flow_runs.sql")),
    ("0014_flow_speed", include_str!("migrations/0014_flow_speed.sql")),
    ("0015_engagement", include_str!("migrations/0015_engagement.sql")),
    ("0016_order_utm", include_str!("migrations/0016_order_utm.sql")),
    ("0017_measure_speed", include_str!("migrations/0017_measure_speed.sql")),
    ("0018_copy", include_str!("migrations/0018_copy.sql")),
    ("0019_sync", include_str!("migrations/0019_sync.sql")),
    ("0020_checkout_platform_id", include_str!("migrations/0020_checkout_platform_id.sql")),
];

/// The schema version this build writes and understands.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

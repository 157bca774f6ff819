//! Build script: embeds the app configuration and declares the app's own commands, so the
//! capability file can grant exactly those and nothing else.

fn main() {
    let commands = tauri_build::AppManifest::new().commands(&[
        "app_status",
        "open_demo_store",
        "home_stats",
        "latest_audit",
        "run_audit",
        "remove_demo_store",
        "import_file",
        "export_customer",
        "forget_customer",
        "score_customers",
        "score_summary",
        "list_customers",
        "customer_detail",
        "rule_fields",
        "preview_segment",
        "save_segment",
        "delete_segment",
        "model_health",
        "run_health_check",
        "send_test",
        "outbox_list",
        "sending_settings",
        "save_sending_settings",
        "preview_test_email",
        "resolve_message",
        "flows_list",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(commands))
        .expect("failed to run the Tauri build script");
}

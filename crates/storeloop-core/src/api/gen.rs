//! Generates `ui/src/gen/api.ts` from the `api` types (ts-rs) and fails when the committed file
//! has drifted. Run `UPDATE_GEN=1 cargo test -p storeloop-core gen_types` after changing a type.

use std::path::PathBuf;

use ts_rs::{Config, TS};

use super::*;

const HEADER: &str = "// Generated from storeloop-core's `api` types by `cargo test -p storeloop-core gen_types` (ts-rs).\n// Do not edit by hand: change the Rust type and run with UPDATE_GEN=1.\n";

fn generated() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        Money::decl(&cfg),
        StoreSource::decl(&cfg),
        StoreInfo::decl(&cfg),
        MonthRevenue::decl(&cfg),
        HomeStats::decl(&cfg),
        AppStatus::decl(&cfg),
        Progress::decl(&cfg),
        DemoReport::decl(&cfg),
        Severity::decl(&cfg),
        AuditFinding::decl(&cfg),
        AuditReport::decl(&cfg),
        ImportProblem::decl(&cfg),
        ImportReport::decl(&cfg),
        PersonLine::decl(&cfg),
        PersonRefund::decl(&cfg),
        PersonOrder::decl(&cfg),
        PersonCheckout::decl(&cfg),
        PersonEvent::decl(&cfg),
        PersonTicket::decl(&cfg),
        PersonExport::decl(&cfg),
        ForgetReport::decl(&cfg),
        GammaGammaParams::decl(&cfg),
        HoldoutRow::decl(&cfg),
        PurchaseLogModel::decl(&cfg),
        ScoreMode::decl(&cfg),
        CustomerStatus::decl(&cfg),
        RuleOp::decl(&cfg),
        SegmentRule::decl(&cfg),
        RuleField::decl(&cfg),
        SegmentSize::decl(&cfg),
        HistogramBin::decl(&cfg),
        Histogram::decl(&cfg),
        StatusCount::decl(&cfg),
        CalibrationBin::decl(&cfg),
        FeatureWeight::decl(&cfg),
        PropensityReport::decl(&cfg),
        RecommendationReport::decl(&cfg),
        BgNbdParams::decl(&cfg),
        HealthCheck::decl(&cfg),
        HealthPoint::decl(&cfg),
        ModelHealth::decl(&cfg),
        ScoreSummary::decl(&cfg),
        Reason::decl(&cfg),
        CustomerRow::decl(&cfg),
        CustomerQuery::decl(&cfg),
        CustomerPage::decl(&cfg),
        Recommendation::decl(&cfg),
        CustomerOrderLine::decl(&cfg),
        CustomerDetail::decl(&cfg),
        SegmentPreview::decl(&cfg),
        SendVia::decl(&cfg),
        SendingSettings::decl(&cfg),
        EmailPreview::decl(&cfg),
        QueueReport::decl(&cfg),
        FlowSummary::decl(&cfg),
        Trigger::decl(&cfg),
        ExitWhen::decl(&cfg),
        Condition::decl(&cfg),
        Branch::decl(&cfg),
        Arm::decl(&cfg),
        Step::decl(&cfg),
        Node::decl(&cfg),
        FlowGuardrails::decl(&cfg),
        Flow::decl(&cfg),
        FlowTemplate::decl(&cfg),
        FlowEdge::decl(&cfg),
        FlowNodeView::decl(&cfg),
        FlowApproval::decl(&cfg),
        NodeCount::decl(&cfg),
        DayCount::decl(&cfg),
        ReasonCount::decl(&cfg),
        DryRunReport::decl(&cfg),
        FlowDetail::decl(&cfg),
        GuardrailSettings::decl(&cfg),
        DecisionEntry::decl(&cfg),
        DecisionQuery::decl(&cfg),
        DecisionPage::decl(&cfg),
        TaskView::decl(&cfg),
        TickReport::decl(&cfg),
        TickFailure::decl(&cfg),
        SchedulerStatus::decl(&cfg),
        KillState::decl(&cfg),
        Delivery::decl(&cfg),
        LedgerMessage::decl(&cfg),
        ProviderEventsReport::decl(&cfg),
        LiftInterval::decl(&cfg),
        GroupSummary::decl(&cfg),
        CupedLift::decl(&cfg),
        LiftReport::decl(&cfg),
        GroupRates::decl(&cfg),
        SegmentLift::decl(&cfg),
        ArmLift::decl(&cfg),
        WeekPoint::decl(&cfg),
        LastClick::decl(&cfg),
        FlowMeasurement::decl(&cfg),
        PlayedFlow::decl(&cfg),
        FlowWatch::decl(&cfg),
        FlowAlert::decl(&cfg),
        DigestFlow::decl(&cfg),
        WeeklyDigest::decl(&cfg),
        DemoFlowHistory::decl(&cfg),
        CopyFinding::decl(&cfg),
        CopyVariant::decl(&cfg),
        CheckedLine::decl(&cfg),
        CopyRules::decl(&cfg),
        CopyProvider::decl(&cfg),
        CopyGenerator::decl(&cfg),
        Connection::decl(&cfg),
        SyncCount::decl(&cfg),
        SyncRun::decl(&cfg),
        CopyOverride::decl(&cfg),
        QueuedVariant::decl(&cfg),
        CopyReview::decl(&cfg),
        ErrorKind::decl(&cfg),
        ApiError::decl(&cfg),
        RevenueMoment::decl(&cfg),
        MappedMoment::decl(&cfg),
        WorkflowMap::decl(&cfg),
        MappingView::decl(&cfg),
        CheckItem::decl(&cfg),
        Acknowledgement::decl(&cfg),
        LaunchOverride::decl(&cfg),
        WorkflowChecklist::decl(&cfg),
        RolloutCheck::decl(&cfg),
        RolloutStep::decl(&cfg),
        MonitorDay::decl(&cfg),
        NextWorkflow::decl(&cfg),
        Rollout::decl(&cfg),
        RolloutNotice::decl(&cfg),
        WalkStep::decl(&cfg),
        WalkCase::decl(&cfg),
        QaWalk::decl(&cfg),
        FlowEmailPreview::decl(&cfg),
        QaState::decl(&cfg),
    ];
    let mut out = String::from(HEADER);
    for d in decls {
        out.push_str("\nexport ");
        out.push_str(d.trim_end());
        if !d.trim_end().ends_with(';') {
            out.push(';');
        }
        out.push('\n');
    }
    out
}

#[test]
fn gen_types_match_the_committed_typescript() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/gen/api.ts");
    let want = generated();
    if std::env::var_os("UPDATE_GEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/gen/api.ts has drifted from the Rust api types.\nRun: UPDATE_GEN=1 cargo test -p storeloop-core gen_types\n--- generated ---\n{want}"
    );
}

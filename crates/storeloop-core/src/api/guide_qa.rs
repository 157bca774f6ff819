//! The rollout's QA step: a test customer walked through a flow by the real engine (a simulated
//! cart or order, then the edge cases: no consent, an open support ticket, a sold-out product),
//! the flow's emails rendered for a phone-sized preview, and sent to the owner's own address as
//! test messages. What was verified is kept per flow version, so a changed flow is tested again.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::dto::Delivery;
use super::error::ApiError;
use super::guide::{internal, invalid};
use super::guide_dto::*;
use super::Storeloop;
use crate::flows::engine::{Compiled, Decided, Engine, EventKind, Facts, Field, Input, Mode, Zones};
use crate::flows::model::{Flow, Step, Trigger};
use crate::mail::template::{Template, Utm, Values};
use crate::model::Consent;
use crate::store::{EmailProduct, ProductOf};

const DAY: i64 = 86_400;
/// How long a walk follows the test customer.
const WALK_DAYS: i64 = 30;

fn qa_key(slug: &str) -> String {
    format!("guide.qa.{slug}")
}
fn tests_key(slug: &str) -> String {
    format!("guide.tests.{slug}")
}
fn previews_key(slug: &str) -> String {
    format!("guide.previews.{slug}")
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct TestsSent {
    version: u32,
    to: String,
    at: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Previewed {
    version: u32,
    steps: Vec<String>,
}

/// The email steps of a flow: id, template, subject.
fn emails_of(flow: &Flow) -> Vec<(String, String, String)> {
    flow.nodes
        .iter()
        .filter_map(|n| match &n.step {
            Step::Email { template, subject, .. } => Some((n.id.clone(), template.clone(), subject.clone())),
            _ => None,
        })
        .collect()
}

/// The happening that starts the flow, for the test customer.
fn trigger_input(trigger: &Trigger, at: i64, customer: i64, value_minor: i64) -> Input {
    let kind = match trigger {
        Trigger::CheckoutAbandoned => EventKind::CheckoutAbandoned,
        Trigger::ProductViewedWithoutAdd => EventKind::ProductViewed,
        Trigger::OrderPlaced => EventKind::OrderPlaced,
        Trigger::OrderFulfilled => EventKind::OrderFulfilled,
        Trigger::OrderDelivered => EventKind::OrderDelivered,
        Trigger::TicketOpened => EventKind::TicketOpened,
        Trigger::TicketClosed => EventKind::TicketClosed,
        Trigger::ReorderDue => EventKind::ReorderDue,
        Trigger::ScoreCrossed { .. } => EventKind::Scored,
    };
    let mut input = Input::new(at, customer, kind);
    input.value_minor = value_minor;
    if let Trigger::ScoreCrossed { score, above } = trigger {
        input.field = Field::parse(score);
        input.number = above + 0.01;
    }
    input
}

impl Storeloop {
    /// The product the test customer's cart or order holds (the best seller in stock).
    fn sample_email_product(&self) -> Result<Option<EmailProduct>, ApiError> {
        match self.store.sample_product()? {
            Some(id) => Ok(self.store.email_product(ProductOf::Product(id))?),
            None => Ok(None),
        }
    }

    /// One of a flow's templates rendered for a test customer, the product shown only where a
    /// live email would show it (`showable`: not an excluded category, not sold out).
    pub(super) fn render_flow_email(
        &self,
        flow: &Flow,
        template: &str,
        step: &str,
        product: Option<&EmailProduct>,
    ) -> Result<FlowEmailPreview, ApiError> {
        let settings = self
            .store
            .settings()?
            .ok_or_else(|| invalid("There is no store yet: open the demo store or import your data first."))?;
        let src = crate::flows::template_source(template).ok_or_else(|| {
            invalid(format!("The flow's step `{step}` uses the template `{template}`, which does not exist."))
        })?;
        let domain = settings.domain.clone().unwrap_or_else(|| "example.com".into());
        let store_url = format!("https://{domain}/");
        let postal = settings.postal_address.clone().unwrap_or_else(|| "(your postal address goes here)".into());
        let unsubscribe_url = format!("{store_url}unsubscribe/test");
        let cart_url = format!("{store_url}cart");
        let places = super::flows_run::EmailPlaces {
            store_name: &settings.name,
            store_url: &store_url,
            postal: &postal,
            unsubscribe_url: &unsubscribe_url,
            cart_url: &cart_url,
        };
        let filled =
            super::flows_run::email_values(&places, Some("Alex"), product, &self.policy()?.excluded_categories);
        let mut values = Values::new();
        for (name, _) in crate::mail::template::VARIABLES {
            if let Some(v) = filled.get(*name) {
                values.insert(name, v.clone());
            }
        }
        let utm = Utm { source: "storeloop".into(), campaign: flow.slug.clone(), content: step.to_owned() };
        let rendered = Template::parse(src)?.render(&values, Some(&utm))?;
        let subject = emails_of(flow).into_iter().find(|(id, _, _)| id == step).map(|(_, _, s)| s).unwrap_or_default();
        Ok(FlowEmailPreview { step: step.to_owned(), subject, html: rendered.html, text: rendered.text })
    }

    /// What QA has verified for the flow's current version.
    pub fn qa_state(&self, slug: &str) -> Result<QaState, ApiError> {
        let (row, flow) = self.flow_row(slug)?;
        let version = row.version.max(0) as u32;
        let walk = self
            .store
            .setting(&qa_key(slug))?
            .and_then(|j| serde_json::from_str::<QaWalk>(&j).ok())
            .filter(|w| w.version == version);
        let tests = self
            .store
            .setting(&tests_key(slug))?
            .and_then(|j| serde_json::from_str::<TestsSent>(&j).ok())
            .filter(|t| t.version == version);
        let previewed = self
            .store
            .setting(&previews_key(slug))?
            .and_then(|j| serde_json::from_str::<Previewed>(&j).ok())
            .filter(|p| p.version == version)
            .map(|p| p.steps)
            .unwrap_or_default();
        Ok(QaState {
            slug: slug.to_owned(),
            version,
            emails: emails_of(&flow).into_iter().map(|(id, _, _)| id).collect(),
            walk,
            tests_to: tests.as_ref().map(|t| t.to.clone()),
            tests_at: tests.map(|t| crate::time::rfc3339(t.at)),
            previewed,
        })
    }

    /// One of the flow's emails as the test customer would get it; `mobile` records that it was
    /// looked at phone size (375 px) for this version.
    pub fn preview_flow_email(&mut self, slug: &str, step: &str, mobile: bool) -> Result<FlowEmailPreview, ApiError> {
        let (row, flow) = self.flow_row(slug)?;
        let Some((_, template, _)) = emails_of(&flow).into_iter().find(|(id, _, _)| id == step) else {
            return Err(invalid(format!("`{slug}` has no email step `{step}`.")));
        };
        let product = self.sample_email_product()?;
        let preview = self.render_flow_email(&flow, &template, step, product.as_ref())?;
        if mobile {
            let version = row.version.max(0) as u32;
            let mut seen: Previewed = self
                .store
                .setting(&previews_key(slug))?
                .and_then(|j| serde_json::from_str::<Previewed>(&j).ok())
                .filter(|p| p.version == version)
                .unwrap_or(Previewed { version, steps: Vec::new() });
            if !seen.steps.iter().any(|s| s == step) {
                seen.steps.push(step.to_owned());
                self.store.set_setting(&previews_key(slug), &serde_json::to_string(&seen).map_err(internal)?)?;
            }
        }
        Ok(preview)
    }

    /// Sends each of the flow's emails to `to` as a test message, through the chosen way of
    /// sending; recorded for this version once every one of them went.
    pub fn send_flow_tests(&mut self, slug: &str, to: &str) -> Result<Vec<Delivery>, ApiError> {
        let to = crate::mail::address::email("to", to).map_err(|e| invalid(format!("{e} Nothing was sent.")))?;
        let (row, flow) = self.flow_row(slug)?;
        let version = row.version.max(0) as u32;
        let product = self.sample_email_product()?;
        let via = self.sending_settings()?.via;
        let stamp = self.clock.now().as_nanosecond();
        let mut out = Vec::new();
        for (step, template, _) in emails_of(&flow) {
            let preview = self.render_flow_email(&flow, &template, &step, product.as_ref())?;
            let body = crate::mail::template::Rendered { html: preview.html, text: preview.text };
            let key = format!("test:flow:{slug}:v{version}:{step}:{stamp}:{to}");
            out.push(self.send_test_body(&to, &via, &key, format!("[Test] {}", preview.subject), body)?);
        }
        if out.is_empty() {
            return Err(invalid(format!("`{slug}` sends no email yet: there is nothing to test.")));
        }
        if out.iter().all(|d| d.state == "sent") {
            let t = TestsSent { version, to: to.clone(), at: self.clock.now().as_second() };
            self.store.set_setting(&tests_key(slug), &serde_json::to_string(&t).map_err(internal)?)?;
        }
        Ok(out)
    }

    /// Walks a test customer through the flow's current version with the real engine and
    /// guardrails, over 30 days from now: once as an ordinary subscriber, then without
    /// consent, with an open support ticket, and with the product sold out.
    pub fn qa_walk(&mut self, slug: &str) -> Result<QaWalk, ApiError> {
        let (row, flow) = self.flow_row(slug)?;
        let version = row.version.max(0) as u32;
        let mut policy = self.policy()?;
        policy.kill_all = false;
        let compiled = Compiled::new(&flow, version, Mode::Live, 100, &policy)?;
        // A test customer (negative ids are never real) whom the holdout does not take.
        let customer = (1..10_000).map(|i: i64| -i).find(|c| !compiled.in_holdout(*c)).unwrap_or(-1);
        let tz = self.store_tz()?;
        let now = self.clock.now().as_second();
        let product = self.sample_email_product()?;
        let price = product.as_ref().map_or(5_000, |p| self.store.product_price(p.id).ok().flatten().unwrap_or(5_000));
        let shows_product = emails_of(&flow).iter().any(|(_, t, _)| crate::flows::shows_product(t));

        let base = Facts {
            consent: Consent::Subscribed,
            segment: "a",
            status: "active",
            order_value_minor: price,
            ..Facts::default()
        };
        let run = |facts: Facts, extra: Option<Input>| -> Engine {
            let mut all = HashMap::new();
            all.insert(customer, facts);
            let zones = Zones { store: tz.clone(), others: Vec::new() };
            let mut engine = Engine::new(vec![compiled.clone()], all, zones, policy.clone());
            engine.attribute_unsubscribes = false;
            let mut inputs: Vec<Input> = extra.into_iter().collect();
            inputs.push(trigger_input(&flow.trigger, now, customer, price));
            engine.run(inputs, now + WALK_DAYS * DAY);
            engine.finish(now + WALK_DAYS * DAY);
            engine
        };
        let steps_of = |engine: &Engine| -> Vec<WalkStep> {
            engine
                .out
                .iter()
                .filter(|d| d.customer == customer && d.decided != Decided::InProgress)
                .map(|d| WalkStep {
                    after: crate::guide::after_words(d.at - now),
                    step: d.node.map(|n| engine.flows[0].ids[n].clone()),
                    decision: d.decided.code().to_owned(),
                    reason: d.reason.clone(),
                })
                .collect()
        };
        let sent = |engine: &Engine| {
            engine.out.iter().filter(|d| d.customer == customer && d.decided == Decided::Sent).count()
        };

        let mut cases = Vec::new();
        // An ordinary subscriber.
        let normal = run(base.clone(), None);
        let n = sent(&normal);
        let first_email = normal.emails.iter().find(|e| e.customer == customer).cloned();
        cases.push(WalkCase {
            key: "normal".into(),
            title: "A subscriber who does nothing more".into(),
            expected: "The flow's emails go out, in order, at the right times.".into(),
            steps: steps_of(&normal),
            outcome: if n == 0 {
                "No email went out: see the steps for why (a guardrail, an entry rule, or a split with no email)."
                    .into()
            } else {
                format!(
                    "{n} email{} sent{}.",
                    if n == 1 { "" } else { "s" },
                    first_email
                        .as_ref()
                        .map(|e| format!(", the first {} (\"{}\")", crate::guide::after_words(e.at - now), e.subject))
                        .unwrap_or_default()
                )
            },
            passed: n > 0,
        });
        // Without consent.
        let none = run(Facts { consent: Consent::NotAsked, ..base.clone() }, None);
        let n = sent(&none);
        let why = none
            .out
            .iter()
            .find(|d| {
                d.customer == customer && matches!(d.decided, Decided::NotEntered | Decided::Held | Decided::Skipped)
            })
            .map(|d| d.reason.clone());
        cases.push(WalkCase {
            key: "no_consent".into(),
            title: "Someone who never agreed to marketing".into(),
            expected: "No email: marketing needs consent at the moment of sending.".into(),
            steps: steps_of(&none),
            outcome: if n == 0 {
                format!("No email sent ({}).", why.unwrap_or_else(|| "never entered".into()))
            } else {
                format!("{n} email(s) sent without consent — this must not happen: check the flow's entry rules.")
            },
            passed: n == 0,
        });
        // With an open support ticket.
        let mut ticket = Input::new(now - 3_600, customer, EventKind::TicketOpened);
        ticket.reference = 1;
        let held = run(base.clone(), Some(ticket));
        let n = sent(&held);
        let why = held
            .out
            .iter()
            .find(|d| {
                d.customer == customer
                    && matches!(d.decided, Decided::Held | Decided::Task | Decided::Exited | Decided::NotEntered)
            })
            .map(|d| d.reason.clone());
        cases.push(WalkCase {
            key: "open_ticket".into(),
            title: "A customer with an open support ticket".into(),
            expected: "No marketing email while the ticket is open; a person is asked to follow up.".into(),
            steps: steps_of(&held),
            outcome: if n == 0 {
                format!("No email sent ({}).", why.unwrap_or_else(|| "held".into()))
            } else {
                format!("{n} email(s) sent despite the open ticket — this must not happen.")
            },
            passed: n == 0,
        });
        // The product sold out.
        let (outcome, passed) = match (&first_email, &product) {
            (_, _) if !shows_product => {
                ("Its emails show no product, so a sold-out one cannot appear.".to_owned(), true)
            }
            (None, _) => ("No email went out to show a product in (see the first case).".to_owned(), false),
            (Some(_), None) => ("The store has no products to show.".to_owned(), true),
            (Some(e), Some(p)) => {
                let sold_out = EmailProduct { stock: Some(0), ..p.clone() };
                let step = compiled.ids[e.node].clone();
                let shown = self.render_flow_email(&flow, &e.template, &step, Some(&sold_out))?;
                let leaked = shown.html.contains(&p.title);
                if leaked {
                    (format!("The email still shows \"{}\" although it is sold out.", p.title), false)
                } else {
                    (
                        format!(
                            "\"{}\" is left out of `{step}` (sold out): the email points to the shop instead.",
                            p.title
                        ),
                        true,
                    )
                }
            }
        };
        cases.push(WalkCase {
            key: "out_of_stock".into(),
            title: "The product is sold out".into(),
            expected: "The email never shows or recommends a product nobody can buy.".into(),
            steps: first_email
                .iter()
                .map(|e| WalkStep {
                    after: crate::guide::after_words(e.at - now),
                    step: Some(compiled.ids[e.node].clone()),
                    decision: "rendered".into(),
                    reason: "the email built with the product's stock at 0".into(),
                })
                .collect(),
            outcome,
            passed,
        });

        let walk = QaWalk {
            slug: slug.to_owned(),
            version,
            at: crate::time::rfc3339(now),
            passed: cases.iter().all(|c| c.passed),
            cases,
        };
        self.store.set_setting(&qa_key(slug), &serde_json::to_string(&walk).map_err(internal)?)?;
        Ok(walk)
    }
}

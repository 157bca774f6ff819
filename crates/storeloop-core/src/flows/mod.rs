//! Flows: versioned definitions of who gets what, when (`model.rs`), the built-in playbooks and
//! their email templates (from `assets/`), and saving them through the store.

pub mod engine;
pub mod guard;
pub mod model;

#[cfg(test)]
mod engine_tests;

use std::collections::HashSet;

use model::{Flow, FlowError, Known};

use crate::mail::template::Template;

/// The email templates flows may send, by name: MJML checked like any template.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("cart-reminder", include_str!("../../../../assets/templates/cart-reminder.mjml")),
    ("cart-offer", include_str!("../../../../assets/templates/cart-offer.mjml")),
    ("cart-education", include_str!("../../../../assets/templates/cart-education.mjml")),
    ("browse-reminder", include_str!("../../../../assets/templates/browse-reminder.mjml")),
    ("setup-guide", include_str!("../../../../assets/templates/setup-guide.mjml")),
    ("troubleshooting", include_str!("../../../../assets/templates/troubleshooting.mjml")),
    ("accessories", include_str!("../../../../assets/templates/accessories.mjml")),
    ("win-back", include_str!("../../../../assets/templates/win-back.mjml")),
];

/// The four playbooks from the seed's case study, as definitions.
pub const PLAYBOOKS: &[&str] = &[
    include_str!("../../../../assets/playbooks/abandoned-cart.json"),
    include_str!("../../../../assets/playbooks/browse-abandonment.json"),
    include_str!("../../../../assets/playbooks/post-purchase.json"),
    include_str!("../../../../assets/playbooks/win-back.json"),
];

/// What flows may name: the templates, and the built-in plus `custom` segment ids.
pub fn known(custom_segments: impl IntoIterator<Item = String>) -> Known {
    let mut segments: HashSet<String> = ["a", "b", "c", "other"].iter().map(|s| (*s).to_owned()).collect();
    segments.extend(custom_segments);
    Known { templates: TEMPLATES.iter().map(|t| t.0.to_owned()).collect(), segments }
}

/// A built-in template's MJML by name.
pub fn template_source(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|t| t.0 == name).map(|t| t.1)
}

/// Whether a template shows a product (its `{{ product.… }}` values).
pub fn shows_product(name: &str) -> bool {
    template_source(name).is_some_and(|src| src.contains("{{ product."))
}

/// The playbooks, parsed.
pub fn playbooks() -> Result<Vec<Flow>, FlowError> {
    PLAYBOOKS.iter().map(|p| Flow::from_json(p)).collect()
}

/// Checks that every built-in template parses and renders.
pub fn check_templates() -> Result<(), String> {
    for (name, source) in TEMPLATES {
        Template::parse(source).map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::model::*;
    use super::*;

    fn base() -> Flow {
        playbooks().unwrap().remove(0)
    }

    fn node<'a>(f: &'a mut Flow, id: &str) -> &'a mut Step {
        &mut f.nodes.iter_mut().find(|n| n.id == id).unwrap().step
    }

    #[test]
    fn the_playbooks_and_their_templates_are_valid() {
        check_templates().unwrap();
        let flows = playbooks().unwrap();
        assert_eq!(flows.len(), 4);
        for f in &flows {
            f.validate(&known([])).unwrap_or_else(|e| panic!("{}: {e}", f.slug));
        }
    }

    #[test]
    fn what_cannot_run_is_refused_with_the_node_named() {
        let k = known([]);
        let mut f = base();
        *node(&mut f, "offer-email") = Step::Email {
            template: "cart-offer".into(),
            subject: "x".into(),
            variants: vec![],
            next: "wait-1h".into(),
        };
        assert!(
            matches!(f.validate(&k), Err(FlowError::Node { node, .. }) if node == "wait-1h" || node == "offer-email" || node == "by-intent" || node == "wait-second-look" || node == "offer")
        );

        let mut f = base();
        *node(&mut f, "wait-1h") = Step::Wait { minutes: 0, next: "by-intent".into() };
        assert_eq!(
            f.validate(&k).unwrap_err().to_string(),
            "Node `wait-1h`: waits 0 minutes; remove the wait or give it a length"
        );
        *node(&mut f, "wait-1h") = Step::Wait { minutes: 10 * 365 * 24 * 60, next: "by-intent".into() };
        assert!(f.validate(&k).unwrap_err().to_string().contains("the longest wait is a year"));

        let mut f = base();
        f.nodes.push(Node {
            id: "ab".into(),
            step: Step::Ab {
                arms: vec![
                    Arm { name: "x".into(), weight: 50, next: "done".into() },
                    Arm { name: "y".into(), weight: 40, next: "done".into() },
                ],
            },
        });
        *node(&mut f, "education") =
            Step::Email { template: "cart-education".into(), subject: "x".into(), variants: vec![], next: "ab".into() };
        assert_eq!(f.validate(&k).unwrap_err().to_string(), "Node `ab`: the arms' weights add up to 90, not 100");

        let mut f = base();
        *node(&mut f, "reminder") =
            Step::Email { template: "gone".into(), subject: "x".into(), variants: vec![], next: "done".into() };
        assert!(f.validate(&k).unwrap_err().to_string().contains("`gone`, which does not exist"));

        let mut f = base();
        if let Step::Split { branches, .. } = node(&mut f, "by-intent") {
            branches[0].segment = Some("custom-9".into());
        }
        assert_eq!(
            f.validate(&k).unwrap_err().to_string(),
            "Node `by-intent`: uses the segment `custom-9`, which no longer exists"
        );
        assert!(f.validate(&known(["custom-9".to_owned()])).is_ok());

        let mut f = base();
        f.nodes.push(Node { id: "island".into(), step: Step::Exit });
        assert_eq!(f.validate(&k).unwrap_err().to_string(), "Node `island`: cannot be reached from the start");
    }

    #[test]
    fn a_loop_is_refused() {
        let mut f = base();
        *node(&mut f, "education") = Step::Email {
            template: "cart-education".into(),
            subject: "x".into(),
            variants: vec![],
            next: "wait-1h".into(),
        };
        let e = f.validate(&known([])).unwrap_err().to_string();
        assert!(e.contains("is part of a loop"), "{e}");
    }

    proptest::proptest! {
        #[test]
        fn reading_any_text_never_panics(text in "[{}\\[\\]\":,a-z0-9 _-]{0,200}") {
            if let Ok(f) = Flow::from_json(&text) {
                let _ = f.validate(&known([]));
            }
        }
    }
}

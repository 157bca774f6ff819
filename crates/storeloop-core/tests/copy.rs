//! The copy checker against a table of cases in both directions: copy that breaks a rule is
//! caught by that rule (and no other), and copy that keeps to the catalog passes clean — so the
//! checker is neither blind nor paranoid. Products are from the demo catalog.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use storeloop_core::copy::{check, Kind, ProductFacts, Rules};

fn sencha(inventory: i64) -> ProductFacts {
    ProductFacts {
        sku: "FH-SEN-050".into(),
        title: "Kagoshima Sencha".into(),
        category: Some("Green tea".into()),
        regulated: false,
        care: Some("Brew one level teaspoon (about 3 g) per 200 ml with water cooled to 70–75 °C for 60 seconds; hotter water pulls out bitterness. The same leaves give a second and third cup with 20–30 second steeps. Keep the tin tightly closed, away from light and strong smells, and finish it within three months of opening.".into()),
        options: vec!["50 g tin".into(), "100 g refill pouch".into()],
        prices_minor: vec![1290, 2190],
        currency: "EUR".into(),
        inventory: Some(inventory),
        return_reason: None,
        questions: Vec::new(),
    }
}

fn teapot() -> ProductFacts {
    ProductFacts {
        sku: "FH-GLS-600".into(),
        title: "Borosilicate Glass Teapot with Infuser".into(),
        category: Some("Teapots".into()),
        regulated: false,
        care: Some("Heat-resistant enough for freshly boiled water, but made for brewing off the heat only: never place it on a stovetop, gas flame, induction hob or hot plate, because direct heat will crack the glass. Lift out the stainless-steel infuser once the tea has brewed so it doesn't stew.".into()),
        options: vec!["600 ml".into(), "1 litre".into()],
        prices_minor: vec![2990, 3690],
        currency: "EUR".into(),
        inventory: Some(80),
        return_reason: Some("Cracked after being heated on the stove".into()),
        questions: Vec::new(),
    }
}

fn evening() -> ProductFacts {
    ProductFacts {
        sku: "FH-QEB-050".into(),
        title: "Quiet Evening Blend".into(),
        category: Some("Wellness blends".into()),
        regulated: true,
        care: Some("A mix of lemon balm, lavender and orange blossom. Steep 2 g per 250 ml of freshly boiled water, covered, for 6–8 minutes. If you are pregnant, breastfeeding or taking medication, check with your doctor before drinking it.".into()),
        options: vec!["50 g pouch".into(), "100 g pouch".into()],
        prices_minor: vec![890, 1490],
        currency: "EUR".into(),
        inventory: Some(300),
        return_reason: None,
        questions: Vec::new(),
    }
}

fn rules() -> Rules {
    Rules {
        claims: vec![
            "Single-origin tea from one family farm in Kagoshima".into(),
            "Award-winning at the 2024 Great Taste awards".into(),
        ],
        forbidden: {
            let mut f = Rules::default().forbidden;
            f.push("Amazing Deal".into());
            f
        },
        ..Rules::default()
    }
}

use Kind::*;

/// (kind, product: "sencha" | "low" | "teapot" | "evening" | "none", text, the rules expected).
const CASES: &[(Kind, &str, &str, &[&str])] = &[
    // Grounded copy passes clean.
    (Subject, "sencha", "Still thinking about Kagoshima Sencha?", &[]),
    (Subject, "sencha", "Kagoshima Sencha, in a 50 g tin", &[]),
    (Subject, "sencha", "How to get the best from Kagoshima Sencha", &[]),
    (Subject, "sencha", "Kagoshima Sencha from €12.90", &[]),
    (Subject, "sencha", "Kagoshima Sencha from 12,90 €", &[]),
    (Subject, "sencha", "Kagoshima Sencha: cool the water to 70–75 °C", &[]),
    (Preheader, "sencha", "Brew about 3 g per 200 ml for 60 seconds, then enjoy a second and third cup.", &[]),
    (Preheader, "sencha", "Finish the tin within three months of opening.", &[]),
    (Hook, "sencha", "You left Kagoshima Sencha in your basket. Here is what to know before you decide.", &[]),
    (Subject, "sencha", "Single-origin green tea from Kagoshima", &[]),
    (Subject, "sencha", "Award-winning Kagoshima Sencha", &[]),
    (Subject, "sencha", "A 100 g refill pouch of Kagoshima Sencha", &[]),
    (Subject, "sencha", "10% off Kagoshima Sencha this week", &[]),
    (Subject, "sencha", "Save 15% on Kagoshima Sencha", &[]),
    (Subject, "sencha", "Your Kagoshima Sencha is waiting", &[]),
    (Subject, "teapot", "A borosilicate glass teapot for your desk", &[]),
    (Subject, "teapot", "The 600 ml glass teapot, with its infuser", &[]),
    (Preheader, "teapot", "Brew off the heat only: never put it on a stovetop.", &[]),
    (Subject, "teapot", "A stainless-steel infuser lifts out when it has brewed", &[]),
    (Subject, "low", "Only a few left: Kagoshima Sencha", &[]),
    (Subject, "low", "Kagoshima Sencha is selling fast", &[]),
    (Faq, "evening", "How strong is it?\nSteep 2 g per 250 ml for 6–8 minutes.", &["regulated"]),
    (Subject, "none", "Thanks for your order", &[]),
    (Subject, "none", "A note from the team", &[]),
    (Subject, "sencha", "Enjoy it at its best: drink it within three months", &[]),
    (Subject, "sencha", "We kept your basket for you", &[]),
    // Invented numbers, prices and sizes.
    (Subject, "sencha", "Kagoshima Sencha, now in a 250 g tin", &["grounding"]),
    (Subject, "sencha", "Kagoshima Sencha for just €9.90", &["grounding"]),
    (Subject, "sencha", "Brew it at 90 °C for the full flavour", &["grounding"]),
    (Preheader, "sencha", "Loved by 10,000 tea drinkers", &["grounding"]),
    (Subject, "sencha", "Steep for 3 minutes", &["grounding"]),
    (Subject, "sencha", "Contains 30% more antioxidants", &["grounding"]),
    (Subject, "sencha", "Ships within 24 hours", &["grounding"]),
    (Subject, "teapot", "Now in a 2 litre size", &["grounding"]),
    (Subject, "teapot", "Our 750 ml teapot", &["grounding"]),
    // Materials the product does not have.
    (Subject, "teapot", "A cast iron teapot that lasts", &["grounding"]),
    (Subject, "teapot", "Handsome ceramic teapot with infuser", &["grounding"]),
    (Subject, "teapot", "Bamboo lid included", &["grounding"]),
    (Subject, "sencha", "Packed in a wooden box", &["grounding"]),
    (Subject, "teapot", "A silver infuser for your glass teapot", &["grounding"]),
    // Claims that are not approved.
    (Subject, "sencha", "The best sencha in Europe", &["claim"]),
    (Subject, "sencha", "Certified organic Kagoshima Sencha", &["claim"]),
    (Subject, "sencha", "Our best-selling green tea", &["claim"]),
    (Subject, "sencha", "Customers love Kagoshima Sencha", &["claim"]),
    (Subject, "teapot", "A teapot with a lifetime guarantee", &["claim"]),
    (Subject, "sencha", "Fair trade sencha from Japan", &["claim"]),
    (Subject, "sencha", "The world's finest green tea", &["claim"]),
    (Subject, "sencha", "Top-rated by tea lovers", &["claim"]),
    (Subject, "teapot", "Handmade glass teapot", &["claim"]),
    (Subject, "sencha", "Rated five stars", &["claim"]),
    // Medical and health claims; regulated products always go to a person.
    (Subject, "sencha", "Clinically proven to calm you", &["medical"]),
    (Subject, "sencha", "The green tea that cures headaches", &["medical"]),
    (Subject, "sencha", "Detox with Kagoshima Sencha", &["medical"]),
    (Subject, "sencha", "Boosts immunity all winter", &["medical"]),
    (Subject, "sencha", "Helps with weight loss", &["medical"]),
    (Subject, "evening", "Quiet Evening Blend treats insomnia", &["medical", "regulated"]),
    (Subject, "evening", "Quiet Evening Blend for calmer evenings", &["regulated"]),
    (Subject, "evening", "Heals anxiety naturally", &["medical", "regulated"]),
    (Subject, "sencha", "Lowers blood pressure", &["medical"]),
    // Discounts beyond the policy (15%).
    (Subject, "sencha", "40% off Kagoshima Sencha", &["discount"]),
    (Subject, "sencha", "Save 20% today", &["discount"]),
    (Subject, "sencha", "Up to 50% off green tea", &["discount"]),
    (Subject, "sencha", "A 25 percent discount for you", &["discount"]),
    (Subject, "sencha", "Take 16% off with code TEA", &["discount"]),
    // Forbidden phrases, any letter case.
    (Subject, "sencha", "An AMAZING deal on sencha", &["forbidden", "spam"]),
    (Subject, "sencha", "amazing deal on sencha", &["forbidden"]),
    (Subject, "sencha", "A miracle in a cup", &["forbidden"]),
    (Subject, "sencha", "Cheapest sencha anywhere", &["forbidden"]),
    (Subject, "sencha", "Returns with No Questions Asked", &["forbidden"]),
    // Length.
    (Subject, "sencha", "Kagoshima Sencha is still in your basket and it is waiting for you", &["length"]),
    (Preheader, "sencha", "Kagoshima Sencha is where you left it, whenever you are ready to come back and finish your order with us today", &["length"]),
    // Spam signals.
    (Subject, "sencha", "Kagoshima Sencha is BACK", &["spam"]),
    (Subject, "sencha", "Your sencha is waiting!!!", &["spam"]),
    (Subject, "sencha", "Click here for your sencha", &["spam"]),
    (Subject, "sencha", "Buy now: Kagoshima Sencha", &["spam"]),
    (Subject, "sencha", "URGENT: your basket", &["spam"]),
    (Subject, "sencha", "Limited time: Kagoshima Sencha", &["spam"]),
    // Creepy personalisation.
    (Subject, "sencha", "You looked at this 6 times", &["creepy", "grounding"]),
    (Subject, "sencha", "We noticed you keep coming back", &["creepy"]),
    (Subject, "sencha", "You viewed Kagoshima Sencha 3 times today", &["creepy"]),
    (Subject, "sencha", "Tea for your pregnancy", &["creepy"]),
    (Subject, "sencha", "We saw you browsing green tea", &["creepy"]),
    // Scarcity that is not true.
    (Subject, "sencha", "Only a few left: Kagoshima Sencha", &["grounding"]),
    (Subject, "sencha", "Almost gone!", &["grounding"]),
    // Several rules at once.
    (Subject, "sencha", "BEST DEAL: 40% off!!!", &["claim", "discount", "spam"]),
    (Subject, "teapot", "Ceramic teapot, clinically tested", &["grounding", "medical"]),
];

fn facts(key: &str) -> Option<ProductFacts> {
    match key {
        "sencha" => Some(sencha(350)),
        "low" => Some(sencha(4)),
        "teapot" => Some(teapot()),
        "evening" => Some(evening()),
        _ => None,
    }
}

#[test]
fn the_checker_is_neither_blind_nor_paranoid() {
    assert!(CASES.len() >= 80, "{} cases", CASES.len());
    let passing = CASES.iter().filter(|c| c.3.is_empty()).count();
    assert!(passing >= 20, "only {passing} cases that must pass");
    let rules = rules();
    let mut wrong = Vec::new();
    for (kind, product, text, expected) in CASES {
        let f = facts(product);
        let findings = check(*kind, text, f.as_ref(), &rules);
        let mut got: Vec<&str> = findings.iter().map(|f| f.rule).collect();
        got.sort_unstable();
        got.dedup();
        if got != *expected {
            wrong.push(format!("{kind:?} {text:?}: expected {expected:?}, got {findings:#?}"));
        }
        for f in &findings {
            let n = text.chars().count();
            assert!(f.start < f.end && f.end <= n, "{text:?}: span {}..{} of {n}", f.start, f.end);
            assert!(!f.explanation.is_empty());
        }
    }
    assert!(wrong.is_empty(), "{} of {} cases wrong:\n{}", wrong.len(), CASES.len(), wrong.join("\n"));
}

#[test]
fn a_finding_points_at_the_offending_words() {
    let text = "Kagoshima Sencha — certified organic, 40% off";
    let f = check(Subject, text, Some(&sencha(350)), &rules());
    let spans: Vec<(String, &str)> =
        f.iter().map(|x| (text.chars().skip(x.start).take(x.end - x.start).collect(), x.rule)).collect();
    assert!(spans.contains(&("certified".into(), "claim")), "{spans:?}");
    assert!(spans.contains(&("organic".into(), "claim")), "{spans:?}");
    assert!(spans.contains(&("40%".into(), "discount")), "{spans:?}");
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Any text at all, in any script, with numbers, signs and capitals: the checker never
        /// panics and every span lies inside the text.
        #[test]
        fn any_text_is_checked_without_a_panic(text in "(?s).{0,160}", digits in "[0-9 .,%!°–-]{0,20}", kind in 0usize..7) {
            let kind = Kind::ALL[kind];
            let text = format!("{text}{digits}");
            let n = text.chars().count();
            for f in check(kind, &text, Some(&teapot()), &rules()) {
                prop_assert!(f.start < f.end && f.end <= n, "{:?} in {:?}", f, text);
            }
        }
    }
}

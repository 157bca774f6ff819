//! The built-in offline generator: variants composed from a product's catalog facts, a customer
//! group and a hook type. Deterministic (the same facts give the same variants), instant, and it
//! never invents: every figure and material in its output comes from the facts. Social proof is
//! never used (the store has no review data); scarcity only when stock is truly low.

use super::{Kind, ProductFacts};

/// Why a variant should move someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    Reminder,
    Education,
    Benefit,
    Shipping,
    Scarcity,
}

impl Hook {
    pub fn name(self) -> &'static str {
        match self {
            Hook::Reminder => "reminder",
            Hook::Education => "education",
            Hook::Benefit => "benefit",
            Hook::Shipping => "shipping clarity",
            Hook::Scarcity => "scarcity",
        }
    }
}

/// One generated variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub text: String,
    pub hook: Hook,
}

/// The first sentence of a text (up to its first full stop), if any.
fn first_sentence(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let end = t.find(". ").map_or(t.len(), |i| i + 1);
    Some(t[..end].trim().to_owned())
}

/// The sentences of a text.
fn sentences(text: &str) -> Vec<String> {
    text.split(". ")
        .map(|s| s.trim().trim_end_matches('.').to_owned())
        .filter(|s| !s.is_empty())
        .map(|s| format!("{s}."))
        .collect()
}

/// The care-text sentence that answers a support question, found by the words of its ticket tag
/// (for "stovetop-use" the sentence about the stove, for "glass-cracked" the one about cracking);
/// `None` when the care text has nothing on it — the generator then says nothing rather than
/// invent an answer.
fn answer_for(tag: &str, care: &str) -> Option<String> {
    const GENERIC: &[&str] = &["question", "use", "item", "where", "order", "my", "is", "the"];
    // A word's stem finds its forms: "cracked" finds "crack", "stovetop" finds "stove".
    let stems: Vec<String> = tag
        .split(['-', '_', ' '])
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 3 && !GENERIC.contains(&w.as_str()))
        .map(|w| w.chars().take(5).collect())
        .collect();
    sentences(care)
        .into_iter()
        .map(|s| {
            let low = s.to_lowercase();
            (stems.iter().filter(|w| low.contains(w.as_str())).count(), s)
        })
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, s)| s)
}

/// "in a 50 g tin" for a pack, "600 ml" for a size alone.
fn as_option(o: &str) -> String {
    let last = o.split_whitespace().last().unwrap_or("").to_lowercase();
    if ["g", "kg", "ml", "l", "litre", "litres", "cl", "oz"].contains(&last.as_str()) {
        o.to_owned()
    } else {
        format!("in a {o}")
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Up to `count` variants of `kind` about the product, for customers of `segment` ("a" pays full
/// price, "b" waits for a discount, "c" is new; others alike), with scarcity allowed at or
/// below `low_stock`. Variants longer than the kind allows are left out.
pub fn generate(
    kind: Kind,
    facts: &ProductFacts,
    segment: Option<&str>,
    count: usize,
    low_stock: i64,
) -> Vec<Generated> {
    let t = facts.title.trim();
    let category = facts.category.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let option = facts.options.first().map(|o| o.trim()).filter(|o| !o.is_empty());
    let care = facts.care.as_deref().unwrap_or("");
    let tip = first_sentence(care);
    let low = facts.inventory.is_some_and(|n| n <= low_stock);
    let mut out: Vec<(Hook, String)> = Vec::new();
    let mut push = |hook: Hook, text: String| out.push((hook, text));

    match kind {
        Kind::Subject => {
            push(Hook::Reminder, format!("Still thinking about {t}?"));
            push(Hook::Reminder, format!("{t} is still in your basket"));
            push(Hook::Reminder, format!("Your {t} is waiting"));
            push(Hook::Reminder, format!("A second look at {t}"));
            push(Hook::Reminder, format!("Come back to {t}"));
            push(Hook::Education, format!("How to get the best from {t}"));
            push(Hook::Education, format!("Good to know before you order {t}"));
            push(Hook::Education, format!("{t}: a short guide"));
            if let Some(o) = option {
                push(Hook::Benefit, format!("{t}, {}", as_option(o)));
                push(Hook::Benefit, format!("{t} — {o}"));
            }
            if let Some(c) = category {
                push(Hook::Benefit, format!("Your next {}: {t}", lower_first(c)));
            }
            push(Hook::Shipping, format!("How {t} gets to you"));
            push(Hook::Shipping, format!("Questions about delivery for {t}?"));
            if low {
                push(Hook::Scarcity, format!("Only a few left: {t}"));
            }
        }
        Kind::Preheader => {
            if let Some(s) = &tip {
                push(Hook::Education, s.clone());
            }
            push(Hook::Reminder, format!("{t} is where you left it, whenever you are ready."));
            push(Hook::Education, format!("A short guide to {t}: how to use it and look after it."));
            if let Some(o) = option {
                push(Hook::Benefit, format!("{t} comes as a {o}."));
            }
            push(Hook::Shipping, "How delivery works, and what to do if something is not right.".into());
            if low {
                push(Hook::Scarcity, format!("Only a few left of {t}."));
            }
        }
        Kind::Hook => {
            push(Hook::Reminder, format!("You left {t} in your basket. Here is what to know before you decide."));
            if let Some(s) = &tip {
                push(Hook::Education, format!("Before your first cup: {}", lower_first(s)));
            }
            push(Hook::Education, format!("Getting the most from {t} takes a minute to learn."));
            if let Some(c) = category {
                push(Hook::Benefit, format!("If you enjoy {}, {t} is worth a look.", lower_first(c)));
            }
            push(Hook::Shipping, "Delivery questions come up a lot, so here are the answers.".into());
        }
        Kind::Bullets => {
            let mut lines: Vec<String> = facts.options.iter().map(|o| format!("• {o}")).collect();
            lines.extend(sentences(care).into_iter().take(3).map(|s| format!("• {s}")));
            if !lines.is_empty() {
                push(Hook::Benefit, lines.join("\n"));
            }
            let care_lines: Vec<String> = sentences(care).into_iter().map(|s| format!("• {s}")).collect();
            if !care_lines.is_empty() {
                push(Hook::Education, care_lines.join("\n"));
            }
        }
        Kind::Description => {
            let mut d = format!("{t}\n");
            if let Some(c) = category {
                d.push_str(&format!("Category: {c}\n"));
            }
            if !facts.options.is_empty() {
                d.push_str(&format!("Comes as: {}\n", facts.options.join("; ")));
            }
            if !care.trim().is_empty() {
                d.push_str(&format!("How to use and look after it: {}\n", care.trim()));
            }
            push(Hook::Education, d.trim_end().to_owned());
        }
        Kind::Faq => {
            // What customers really ask support about it, answered from its own care text.
            for (tag, question) in &facts.questions {
                if let Some(answer) = answer_for(tag, care) {
                    push(Hook::Education, format!("{}\n{answer}", question.trim()));
                }
            }
            let s = sentences(care);
            if let Some(first) = s.first() {
                push(Hook::Education, format!("How do I use {t}?\n{first}"));
            }
            if s.len() > 1 {
                push(Hook::Education, format!("How do I look after {t}?\n{}", s[1..].join(" ")));
            }
            if let Some(r) = &facts.return_reason {
                let answer = tip.clone().unwrap_or_else(|| "Read the care notes that come with it.".into());
                push(
                    Hook::Education,
                    format!(
                        "What is the most common problem with {t}?\nMost often: {}. {answer}",
                        lower_first(r.trim_end_matches('.'))
                    ),
                );
            }
        }
        Kind::Ad => {
            if let Some(s) = &tip {
                push(Hook::Education, format!("{t}. {s}"));
            }
            if let Some(o) = option {
                push(Hook::Benefit, format!("{t}, {}.", as_option(o)));
            }
            push(Hook::Reminder, format!("Still thinking about {t}? It is where you left it."));
        }
    }

    // Group order: full-price customers hear about the product first; new customers how to use
    // it; discount-waiters a plain reminder (never a discount the policy did not make).
    let first = match segment {
        Some("a") => Hook::Benefit,
        Some("c") => Hook::Education,
        _ => Hook::Reminder,
    };
    out.sort_by_key(|(h, _)| *h != first);
    let mut seen = std::collections::HashSet::new();
    out.into_iter()
        .filter(|(_, text)| kind.max_chars().is_none_or(|m| text.chars().count() <= m))
        .filter(|(_, text)| seen.insert(text.clone()))
        .take(count)
        .map(|(hook, text)| Generated { text, hook })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copy::{check, Rules};

    fn sencha(inventory: i64) -> ProductFacts {
        ProductFacts {
            sku: "FH-SEN-050".into(),
            title: "Kagoshima Sencha".into(),
            category: Some("Green tea".into()),
            regulated: false,
            care: Some("Brew one level teaspoon (about 3 g) per 200 ml with water cooled to 70–75 °C for 60 seconds; hotter water pulls out bitterness. Keep the tin tightly closed.".into()),
            options: vec!["50 g tin".into(), "100 g refill pouch".into()],
            prices_minor: vec![1290, 2190],
            currency: "EUR".into(),
            inventory: Some(inventory),
            return_reason: Some("Tasted bitter".into()),
            questions: Vec::new(),
        }
    }

    #[test]
    fn ten_subject_lines_that_pass_every_check_and_stay_the_same() {
        let f = sencha(350);
        let a = generate(Kind::Subject, &f, Some("b"), 10, 10);
        assert_eq!(a.len(), 10);
        assert_eq!(a, generate(Kind::Subject, &f, Some("b"), 10, 10), "deterministic");
        for g in &a {
            assert!(g.text.chars().count() <= 60, "{}", g.text);
            let findings = check(Kind::Subject, &g.text, Some(&f), &Rules::default());
            assert!(findings.is_empty(), "{}: {findings:?}", g.text);
            assert_ne!(g.hook, Hook::Scarcity, "stock is not low");
        }
        assert_eq!(a[0].hook, Hook::Reminder, "a discount-waiter hears a reminder first");
        assert_eq!(generate(Kind::Subject, &f, Some("a"), 10, 10)[0].hook, Hook::Benefit);
    }

    #[test]
    fn questions_customers_ask_are_answered_from_the_care_text_or_not_at_all() {
        let mut pot = sencha(50);
        pot.title = "Glass Teapot".into();
        pot.care = Some("Made for brewing off the heat only: never place it on a stovetop or hob, because direct heat will crack the glass. Hand-wash with mild soap.".into());
        pot.questions = vec![
            ("stovetop-use".into(), "Can the glass teapot go on my stove?".into()),
            ("shipping-delay".into(), "My order still hasn't shipped".into()),
        ];
        let faq = generate(Kind::Faq, &pot, None, 10, 10);
        let stove = faq.iter().find(|g| g.text.starts_with("Can the glass teapot go on my stove?")).expect("answered");
        assert!(stove.text.contains("never place it on a stovetop"), "{}", stove.text);
        assert!(faq.iter().all(|g| !g.text.contains("hasn't shipped")), "nothing in the care text answers it");
        for g in &faq {
            assert!(check(Kind::Faq, &g.text, Some(&pot), &Rules::default()).is_empty(), "{}", g.text);
        }
    }

    #[test]
    fn scarcity_only_when_stock_is_low_and_every_kind_is_grounded() {
        let low = sencha(4);
        assert!(generate(Kind::Subject, &low, None, 20, 10).iter().any(|g| g.hook == Hook::Scarcity));
        for kind in Kind::ALL {
            let out = generate(kind, &low, Some("c"), 10, 10);
            assert!(!out.is_empty(), "{kind:?}");
            for g in out {
                let findings = check(kind, &g.text, Some(&low), &Rules::default());
                assert!(findings.is_empty(), "{kind:?} {}: {findings:?}", g.text);
            }
        }
    }
}

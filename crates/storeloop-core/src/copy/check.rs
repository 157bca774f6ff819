//! The checks every piece of copy passes before it can be approved, after every edit, and again
//! just before it is sent: forbidden phrases, claims that are not on the approved list, numbers,
//! materials and promises the catalog does not support, medical claims, discounts beyond the
//! policy, length, spam signals and "creepy" personalisation. Each finding names its rule, the
//! offending span (in characters) and what to do. Pure: no I/O, so it runs thousands of times a
//! second.

use super::{Kind, ProductFacts};

/// What the owner has decided about copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// Never to appear, in any letter case.
    pub forbidden: Vec<String>,
    /// Claims the owner has approved; their words ground a variant like catalog facts do.
    pub claims: Vec<String>,
    /// The deepest discount copy may mention (the discount policy's maximum).
    pub max_discount_percent: u32,
    /// Scarcity ("only a few left") is true at or below this stock.
    pub low_stock: i64,
}

/// Phrases shipped as forbidden until the owner edits the list.
pub const DEFAULT_FORBIDDEN: &[&str] = &[
    "guaranteed results",
    "miracle",
    "no questions asked",
    "cheapest",
    "once in a lifetime",
    "you won't believe",
    "last chance ever",
];

impl Default for Rules {
    fn default() -> Self {
        Self {
            forbidden: DEFAULT_FORBIDDEN.iter().map(|s| (*s).to_owned()).collect(),
            claims: Vec::new(),
            max_discount_percent: 15,
            low_stock: 10,
        }
    }
}

/// One problem in a variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `forbidden`, `claim`, `grounding`, `medical`, `regulated`, `discount`, `length`, `spam`
    /// or `creepy`.
    pub rule: &'static str,
    /// The span, in characters (Unicode scalar values) from the start of the text.
    pub start: usize,
    pub end: usize,
    pub explanation: String,
}

/// Words of a promise that must be on the approved claims list or in the product's facts.
const CLAIM_WORDS: &[&str] = &[
    "award-winning",
    "award winning",
    "award",
    "certified",
    "organic",
    "fair trade",
    "fairtrade",
    "vegan",
    "gluten-free",
    "gluten free",
    "guarantee",
    "guaranteed",
    "warranty",
    "lifetime",
    "best",
    "finest",
    "number one",
    "#1",
    "world's",
    "top-rated",
    "top rated",
    "highest quality",
    "purest",
    "healthiest",
    "bestseller",
    "best-seller",
    "best-selling",
    "customers love",
    "reviews",
    "5-star",
    "five-star",
    "rated",
    "handmade",
    "hand-picked",
    "hand picked",
    "single-origin",
    "single origin",
    "sustainably",
    "eco-friendly",
    "plastic-free",
];

/// Everyday phrases whose claim word makes no claim ("get the best from it").
const IDIOMS: &[&str] = &[
    "get the best",
    "the best from",
    "the best of your",
    "at its best",
    "at their best",
    "all the best",
    "best before",
    "best wishes",
    "best regards",
    "brings out the best",
    "bring out the best",
    "how best to",
    "rated power",
];

/// Materials: a variant may name only those the product's facts name.
const MATERIALS: &[&str] = &[
    "glass",
    "borosilicate",
    "cast iron",
    "iron",
    "ceramic",
    "porcelain",
    "stoneware",
    "clay",
    "stainless steel",
    "steel",
    "bamboo",
    "wood",
    "wooden",
    "silver",
    "gold",
    "copper",
    "brass",
    "silicone",
    "plastic",
    "leather",
    "cotton",
    "linen",
    "silk",
    "wool",
    "aluminium",
    "aluminum",
    "titanium",
    "marble",
];

/// Medical and health claims: never in marketing copy, and a regulated product always goes to a
/// person.
const MEDICAL: &[&str] = &[
    "cure",
    "cures",
    "cured",
    "heal",
    "heals",
    "healing",
    "treats",
    "treatment for",
    "prevents",
    "prevent disease",
    "clinically proven",
    "clinically tested",
    "clinically",
    "detox",
    "detoxify",
    "boosts immunity",
    "boost your immune",
    "immune system",
    "weight loss",
    "lose weight",
    "burns fat",
    "fat burning",
    "anti-inflammatory",
    "blood pressure",
    "cholesterol",
    "cancer",
    "diabetes",
    "insomnia",
    "anxiety",
    "depression",
    "fda approved",
    "doctor recommended",
    "medical grade",
];

/// Spam signals besides capitals and exclamation marks.
const SPAM: &[&str] = &[
    "click here",
    "buy now",
    "act now",
    "order now",
    "limited time",
    "100% free",
    "risk-free",
    "risk free",
    "winner",
    "you have won",
    "cash",
    "no obligation",
    "urgent",
    "$$$",
    "free gift",
    "double your",
    "earn money",
];

/// Scarcity: true only when stock is really low.
const SCARCITY: &[&str] = &[
    "only a few left",
    "few left",
    "almost gone",
    "selling fast",
    "running out",
    "low stock",
    "last one",
    "last few",
    "nearly sold out",
    "while stocks last",
];

/// Personalisation that tells people they are watched, or guesses at sensitive traits.
const CREEPY: &[&str] = &[
    "we noticed you",
    "we saw you",
    "we've been watching",
    "we have been watching",
    "you keep looking",
    "you keep coming back",
    "you looked at this",
    "you viewed this",
    "you were browsing",
    "you've been browsing",
    "pregnant",
    "pregnancy",
    "your weight",
    "your health condition",
    "your diagnosis",
    "divorce",
    "your religion",
    "your age",
];

/// Words near a percentage that make it a discount.
const DISCOUNT_WORDS: &[&str] = &["off", "discount", "save", "saving", "savings", "code", "sale", "reduced"];

/// Text prepared for matching: its characters, lower-cased one for one.
struct Prepared {
    chars: Vec<char>,
    low: Vec<char>,
    /// Where each word begins: a phrase that begins with a letter or digit can only match there.
    starts: Vec<usize>,
}

impl Prepared {
    fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let low: Vec<char> = chars.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
        let starts =
            (0..low.len()).filter(|&i| Self::is_word(low[i]) && (i == 0 || !Self::is_word(low[i - 1]))).collect();
        Self { chars, low, starts }
    }

    fn is_word(c: char) -> bool {
        c.is_alphanumeric()
    }

    /// Every place `phrase` (lower case) stands as whole words: (start, end) in characters.
    fn find(&self, phrase: &str) -> Vec<(usize, usize)> {
        let p: Vec<char> = phrase.chars().collect();
        let mut out = Vec::new();
        if p.is_empty() || p.len() > self.low.len() {
            return out;
        }
        let edge_ok = |i: usize, first: char| !(Self::is_word(first) && i > 0 && Self::is_word(self.low[i - 1]));
        let all: Vec<usize>;
        let candidates: &[usize] = if Self::is_word(p[0]) {
            &self.starts
        } else {
            all = (0..=self.low.len() - p.len()).collect();
            &all
        };
        for &i in candidates {
            if i + p.len() <= self.low.len() && self.low[i..i + p.len()] == p[..] {
                let end = i + p.len();
                let last = p[p.len() - 1];
                let after_ok = !(Self::is_word(last) && end < self.low.len() && Self::is_word(self.low[end]));
                if edge_ok(i, p[0]) && after_ok {
                    out.push((i, end));
                }
            }
        }
        out
    }

    fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    /// Numbers: (start, end, normalised text), where "12,90" and "12.90" read alike.
    fn numbers(&self) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut i = 0;
        let n = self.chars.len();
        while i < n {
            if self.chars[i].is_ascii_digit() && (i == 0 || !self.chars[i - 1].is_alphanumeric()) {
                let start = i;
                while i < n
                    && (self.chars[i].is_ascii_digit()
                        || ((self.chars[i] == '.' || self.chars[i] == ',')
                            && i + 1 < n
                            && self.chars[i + 1].is_ascii_digit()))
                {
                    i += 1;
                }
                // "50g", "3rd": the number still counts.
                let text: String = self.chars[start..i].iter().collect();
                out.push((start, i, normalise_number(&text)));
            } else {
                i += 1;
            }
        }
        out
    }

    /// The lower-case word right after `end`, skipping spaces.
    fn word_after(&self, end: usize) -> String {
        let mut i = end;
        while i < self.low.len() && self.low[i].is_whitespace() {
            i += 1;
        }
        let start = i;
        while i < self.low.len() && Self::is_word(self.low[i]) {
            i += 1;
        }
        self.low[start..i].iter().collect()
    }

    /// The lower-case word right before `start`, skipping spaces.
    fn word_before(&self, start: usize) -> String {
        let mut i = start;
        while i > 0 && self.low[i - 1].is_whitespace() {
            i -= 1;
        }
        let end = i;
        while i > 0 && Self::is_word(self.low[i - 1]) {
            i -= 1;
        }
        self.low[i..end].iter().collect()
    }
}

/// "12,90" → "12.90"; thousands separators in "1,000" are read as "1000".
fn normalise_number(text: &str) -> String {
    let t = text.replace(',', ".");
    match t.matches('.').count() {
        0 => t,
        1 => {
            let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
            if frac.len() == 3 && text.contains(',') {
                format!("{whole}{frac}")
            } else {
                t.clone()
            }
        }
        _ => t.replace('.', ""),
    }
}

/// The unit right after a number, in one spelling ("minutes" and "min" are "minute"), or none.
fn unit_after(t: &Prepared, end: usize) -> Option<&'static str> {
    if t.chars.get(end) == Some(&'%') {
        return Some("percent");
    }
    let word = t.word_after(end);
    let mut i = end;
    while i < t.low.len() && t.low[i].is_whitespace() {
        i += 1;
    }
    if t.low.get(i) == Some(&'°') {
        return Some("degree");
    }
    Some(match word.as_str() {
        "g" | "gram" | "grams" => "gram",
        "kg" => "kilogram",
        "ml" => "millilitre",
        "l" | "litre" | "litres" | "liter" | "liters" => "litre",
        "min" | "mins" | "minute" | "minutes" => "minute",
        "s" | "sec" | "secs" | "second" | "seconds" => "second",
        "hour" | "hours" | "h" => "hour",
        "day" | "days" => "day",
        "week" | "weeks" => "week",
        "month" | "months" => "month",
        "year" | "years" => "year",
        "cup" | "cups" => "cup",
        "percent" => "percent",
        _ => return None,
    })
}

/// What grounds a variant: the product's facts and the approved claims, lower-cased, with their
/// numbers (alone, and with the unit that follows them).
struct Grounds {
    text: Prepared,
    numbers: Vec<String>,
    with_units: Vec<(String, &'static str)>,
}

impl Grounds {
    fn new(facts: Option<&ProductFacts>, rules: &Rules) -> Self {
        let mut corpus = String::new();
        if let Some(f) = facts {
            corpus.push_str(&f.corpus());
        }
        for c in &rules.claims {
            corpus.push('\n');
            corpus.push_str(c);
        }
        let text = Prepared::new(&corpus);
        let found = text.numbers();
        let mut numbers: Vec<String> = found.iter().map(|(_, _, n)| n.clone()).collect();
        let mut with_units: Vec<(String, &'static str)> = Vec::new();
        for (i, (_, e, n)) in found.iter().enumerate() {
            if let Some(u) = unit_after(&text, *e) {
                with_units.push((n.clone(), u));
                // "70–75 °C", "6–8 minutes": the range's first end takes the unit too.
                if i > 0 {
                    let (_, pe, pn) = &found[i - 1];
                    let between: String = text.chars[*pe..found[i].0].iter().collect();
                    if matches!(between.trim(), "–" | "-" | "to") {
                        with_units.push((pn.clone(), u));
                    }
                }
            }
        }
        if let Some(f) = facts {
            for p in &f.prices_minor {
                let digits = crate::import::fields::minor_digits(&f.currency).unwrap_or(2);
                let major = *p as f64 / 10f64.powi(digits as i32);
                numbers.push(format!("{major:.*}", digits as usize));
                if p % 10i64.pow(digits) == 0 {
                    numbers.push(format!("{}", p / 10i64.pow(digits)));
                }
            }
        }
        // A number like "70-75" grounds both ends, and "3.0" grounds "3".
        let extra: Vec<String> = numbers
            .iter()
            .filter_map(|n| n.strip_suffix(".0").or_else(|| n.strip_suffix(".00")).map(str::to_owned))
            .collect();
        numbers.extend(extra);
        numbers.sort();
        numbers.dedup();
        Self { text, numbers, with_units }
    }

    /// A number with its unit is grounded by the same number with the same unit; a bare number
    /// by the number alone.
    fn has_quantity(&self, n: &str, unit: Option<&str>) -> bool {
        match unit {
            Some(u) => self.with_units.iter().any(|(x, v)| x == n && *v == u),
            None => self.has_number(n),
        }
    }

    fn has(&self, phrase: &str) -> bool {
        !self.text.find(phrase).is_empty()
    }

    fn has_number(&self, n: &str) -> bool {
        self.numbers.binary_search_by(|x| x.as_str().cmp(n)).is_ok()
    }
}

/// Longer phrases first, so "cast iron" is one finding rather than "iron" inside it.
fn longest_first(words: &[&'static str]) -> Vec<&'static str> {
    let mut v = words.to_vec();
    v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    v
}

/// Checks `text` as copy of `kind` about the product `facts` (if any) under `rules`.
pub fn check(kind: Kind, text: &str, facts: Option<&ProductFacts>, rules: &Rules) -> Vec<Finding> {
    Checker::new(facts, rules).check(kind, text)
}

/// The checks for one product under one set of rules, with what grounds copy about it read once:
/// for checking many variants of the same product.
#[allow(missing_debug_implementations)]
pub struct Checker<'a> {
    facts: Option<&'a ProductFacts>,
    rules: &'a Rules,
    grounds: Grounds,
}

impl<'a> Checker<'a> {
    pub fn new(facts: Option<&'a ProductFacts>, rules: &'a Rules) -> Self {
        Self { facts, rules, grounds: Grounds::new(facts, rules) }
    }

    /// The findings for `text` as copy of `kind`, in the order they appear.
    pub fn check(&self, kind: Kind, text: &str) -> Vec<Finding> {
        check_with(kind, text, self.facts, self.rules, &self.grounds)
    }
}

fn check_with(kind: Kind, text: &str, facts: Option<&ProductFacts>, rules: &Rules, g: &Grounds) -> Vec<Finding> {
    let t = Prepared::new(text);
    let mut out = Vec::new();
    let mut add = |rule: &'static str, start: usize, end: usize, explanation: String| {
        out.push(Finding { rule, start, end, explanation });
    };

    for phrase in &rules.forbidden {
        let p = phrase.trim().to_lowercase();
        for (s, e) in t.find(&p) {
            add(
                "forbidden",
                s,
                e,
                format!(
                    "“{}” is on your forbidden phrases list: reword it, or take it off the list under Copy → Forbidden phrases.",
                    t.slice(s, e)
                ),
            );
        }
    }

    // Discounts: a percentage next to a discount word, or "€5 off".
    let mut discount_spans: Vec<(usize, usize)> = Vec::new();
    for (s, e, n) in t.numbers() {
        let percent_word = t.word_after(e) == "percent";
        let percent = t.chars.get(e) == Some(&'%') || percent_word;
        let after = if percent_word {
            let at = t.low[e..].iter().collect::<String>().find("percent").map_or(e, |i| e + i + "percent".len());
            t.word_after(at)
        } else {
            t.word_after(if t.chars.get(e) == Some(&'%') { e + 1 } else { e })
        };
        let before = t.word_before(s);
        let discount_context =
            DISCOUNT_WORDS.contains(&after.as_str()) || DISCOUNT_WORDS.contains(&before.as_str()) || before == "up";
        if percent && discount_context {
            let end = if t.chars.get(e) == Some(&'%') { e + 1 } else { e };
            discount_spans.push((s, end));
            let value: f64 = n.parse().unwrap_or(0.0);
            if value > f64::from(rules.max_discount_percent) {
                add(
                    "discount",
                    s,
                    end,
                    format!(
                        "{}% off is more than your discount policy allows ({}%): use {}% or less, or change the policy under Settings → Guardrails.",
                        n, rules.max_discount_percent, rules.max_discount_percent
                    ),
                );
            }
        }
    }

    // Numbers, prices, sizes and percentages the facts do not support.
    for (s, e, n) in t.numbers() {
        if discount_spans.iter().any(|(ds, de)| s >= *ds && e <= *de) || g.has_quantity(&n, unit_after(&t, e)) {
            continue;
        }
        let end = if t.chars.get(e) == Some(&'%') { e + 1 } else { e };
        add(
            "grounding",
            s,
            end,
            format!(
                "“{}” is not in {} or your approved claims: use only figures the catalog gives, or add it as an approved claim.",
                t.slice(s, end),
                if facts.is_some() { "this product's catalog facts" } else { "any catalog facts (no product was named)" }
            ),
        );
    }

    // Materials the product does not have.
    let mut material_spans: Vec<(usize, usize)> = Vec::new();
    for m in longest_first(MATERIALS) {
        for (s, e) in t.find(m) {
            if material_spans.iter().any(|(a, b)| s < *b && e > *a) {
                continue;
            }
            material_spans.push((s, e));
            if !g.has(m) {
                add(
                    "grounding",
                    s,
                    e,
                    format!(
                        "This product's facts do not say it is made of {}: name only the materials the catalog gives.",
                        t.slice(s, e)
                    ),
                );
            }
        }
    }

    // Claims: certifications, awards, guarantees, superlatives, social proof.
    let mut claim_spans: Vec<(usize, usize)> = IDIOMS.iter().flat_map(|i| t.find(i)).collect();
    for w in longest_first(CLAIM_WORDS) {
        for (s, e) in t.find(w) {
            if claim_spans.iter().any(|(a, b)| s < *b && e > *a) {
                continue;
            }
            claim_spans.push((s, e));
            if !g.has(w) {
                add(
                    "claim",
                    s,
                    e,
                    format!(
                        "“{}” is a claim: it must be on your approved claims list (Copy → Approved claims) or in the product's facts.",
                        t.slice(s, e)
                    ),
                );
            }
        }
    }

    // Scarcity only when stock is truly low.
    let stock = facts.and_then(|f| f.inventory);
    for w in SCARCITY {
        for (s, e) in t.find(w) {
            if stock.is_some_and(|n| n <= rules.low_stock) {
                continue;
            }
            let why = match stock {
                Some(n) => format!("{n} are in stock"),
                None => "stock is not known".to_owned(),
            };
            add(
                "grounding",
                s,
                e,
                format!("“{}” says stock is low, but {why}: say it only when it is true.", t.slice(s, e)),
            );
        }
    }

    let mut medical_spans: Vec<(usize, usize)> = Vec::new();
    for w in longest_first(MEDICAL) {
        for (s, e) in t.find(w) {
            if medical_spans.iter().any(|(a, b)| s < *b && e > *a) {
                continue;
            }
            medical_spans.push((s, e));
            add(
                "medical",
                s,
                e,
                format!(
                    "“{}” is a medical or health claim: marketing copy may not make one. Describe the product, not what it does for health.",
                    t.slice(s, e)
                ),
            );
        }
    }
    if facts.is_some_and(|f| f.regulated) {
        add(
            "regulated",
            0,
            t.chars.len(),
            "This product is in a regulated category: a person must read and approve every variant about it.".into(),
        );
    }

    if let Some(max) = kind.max_chars() {
        if t.chars.len() > max {
            add(
                "length",
                max,
                t.chars.len(),
                format!(
                    "{} {} characters long; the limit is {max}: the part past it is cut off in most inboxes.",
                    kind.label(),
                    t.chars.len()
                ),
            );
        }
    }

    // Spam: words in capitals, runs of exclamation marks, trigger phrases.
    let mut i = 0;
    while i < t.chars.len() {
        if t.chars[i].is_alphabetic() && (i == 0 || !t.chars[i - 1].is_alphanumeric()) {
            let s = i;
            while i < t.chars.len() && t.chars[i].is_alphanumeric() {
                i += 1;
            }
            let word = &t.chars[s..i];
            let letters = word.iter().filter(|c| c.is_alphabetic()).count();
            let all_caps = word.iter().all(|c| !c.is_lowercase()) && word.iter().all(|c| !c.is_ascii_digit());
            if letters >= 4 && all_caps && !g.has(&t.slice(s, i).to_lowercase()) {
                add(
                    "spam",
                    s,
                    i,
                    format!("“{}” is in capitals, which reads as shouting and trips spam filters.", t.slice(s, i)),
                );
            }
        } else {
            i += 1;
        }
    }
    let mut i = 0;
    while i < t.chars.len() {
        if t.chars[i] == '!' {
            let s = i;
            while i < t.chars.len() && t.chars[i] == '!' {
                i += 1;
            }
            if i - s >= 2 {
                add("spam", s, i, "Several exclamation marks in a row trip spam filters: use one at most.".into());
            }
        } else {
            i += 1;
        }
    }
    for w in SPAM {
        for (s, e) in t.find(w) {
            add("spam", s, e, format!("“{}” is a common spam-filter trigger: say it another way.", t.slice(s, e)));
        }
    }

    // Creepy personalisation: counting someone's views, guessing at sensitive traits.
    for w in CREEPY {
        for (s, e) in t.find(w) {
            add(
                "creepy",
                s,
                e,
                format!(
                    "“{}” tells the customer they are watched or guesses at something private: remind them of the product instead.",
                    t.slice(s, e)
                ),
            );
        }
    }
    for (s, e, _) in t.numbers() {
        let after = t.word_after(e);
        let before: String = t.low[s.saturating_sub(40)..s].iter().collect();
        let viewing = ["looked", "viewed", "visited", "checked", "browsed", "seen", "opened"];
        if (after == "times" || after == "visits") && viewing.iter().any(|v| before.contains(v)) {
            let end = (e + 1 + after.len()).min(t.chars.len());
            add(
                "creepy",
                s,
                end,
                "Counting how often someone looked at something tells them they are watched: leave the count out."
                    .into(),
            );
        }
    }

    out.sort_by(|a, b| (a.start, a.end, a.rule).cmp(&(b.start, b.end, b.rule)));
    out
}

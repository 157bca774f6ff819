//! The copy studio's core: what kinds of copy there are, the catalog facts copy may rest on, the
//! checks every variant passes (`check`), and the built-in offline generator (`generate`), which
//! composes variants only from those facts, so it needs no key, no network and invents nothing;
//! `llm` asks a language model to rewrite the same facts, and its drafts go through the same
//! checks.

pub mod check;
pub mod generate;
pub mod llm;

pub use check::{check, Checker, Finding, Rules, DEFAULT_FORBIDDEN};

/// A kind of copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Subject,
    Preheader,
    Hook,
    Bullets,
    Description,
    Faq,
    Ad,
}

impl Kind {
    pub const ALL: [Kind; 7] =
        [Kind::Subject, Kind::Preheader, Kind::Hook, Kind::Bullets, Kind::Description, Kind::Faq, Kind::Ad];

    /// The kind's name in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Subject => "subject",
            Kind::Preheader => "preheader",
            Kind::Hook => "hook",
            Kind::Bullets => "bullets",
            Kind::Description => "description",
            Kind::Faq => "faq",
            Kind::Ad => "ad",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s.trim().to_ascii_lowercase())
    }

    /// "A subject line is", for explanations.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Subject => "This subject line is",
            Kind::Preheader => "This preheader is",
            Kind::Hook => "This opening is",
            Kind::Bullets => "These bullets are",
            Kind::Description => "This description is",
            Kind::Faq => "This answer is",
            Kind::Ad => "This ad is",
        }
    }

    /// The longest a variant may be, in characters.
    pub fn max_chars(self) -> Option<usize> {
        match self {
            Kind::Subject => Some(60),
            Kind::Preheader => Some(100),
            Kind::Ad => Some(125),
            _ => None,
        }
    }
}

/// What the catalog says about one product: the only ground copy may stand on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProductFacts {
    pub sku: String,
    pub title: String,
    pub category: Option<String>,
    pub regulated: bool,
    /// Care, setup or usage text.
    pub care: Option<String>,
    /// Variant names ("50 g tin").
    pub options: Vec<String>,
    pub prices_minor: Vec<i64>,
    pub currency: String,
    /// Units in stock (all variants), when known.
    pub inventory: Option<i64>,
    /// The most common reason it is returned, when any.
    pub return_reason: Option<String>,
    /// What customers ask support about it, most often first: (ticket tag, an example question).
    pub questions: Vec<(String, String)>,
}

impl ProductFacts {
    /// Everything the facts say, as one text.
    pub fn corpus(&self) -> String {
        let mut out = String::new();
        for part in [Some(&self.title), self.category.as_ref(), self.care.as_ref(), self.return_reason.as_ref()]
            .into_iter()
            .flatten()
        {
            out.push_str(part);
            out.push('\n');
        }
        for o in &self.options {
            out.push_str(o);
            out.push('\n');
        }
        out.push_str(&self.sku);
        out
    }
}

//! Email templates: MJML with `{{ variable }}` placeholders (optionally `{{ variable | "fallback" }}`).
//! A template is checked when it is saved — it must parse, render, and name only known
//! variables — so a broken variable is an error at save, never a blank at send. Rendering fills
//! the values (HTML-escaped), renders MJML to HTML, tags links with UTM parameters, and derives
//! the plain-text part.

use std::collections::HashMap;

/// Variables a template may use, and what they hold.
pub const VARIABLES: &[(&str, &str)] = &[
    ("customer.first_name", "The customer's first name"),
    ("customer.last_name", "The customer's last name"),
    ("customer.email", "The customer's email address"),
    ("store.name", "The store's name"),
    ("store.url", "The store's address on the web"),
    ("store.postal_address", "The store's postal address (the footer needs it)"),
    ("order.number", "The order's number"),
    ("order.total", "The order's total, with its currency"),
    ("cart.url", "A link back to the customer's cart"),
    ("cart.total", "The cart's value, with its currency"),
    ("product.title", "The recommended product's name"),
    ("product.url", "A link to the recommended product"),
    ("product.care", "How to set up and look after the product (its care text)"),
    ("product.issue", "What customers most often return the product for"),
    ("unsubscribe.url", "The customer's one-click unsubscribe link"),
];

/// Largest template and largest rendered message body accepted.
pub const MAX_BYTES: usize = 1_000_000;

/// Why a template cannot be saved or rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("Line {line}: `{{{{ {name} }}}}` is not a variable Storeloop knows. Known ones: {known}.")]
    UnknownVariable { line: usize, name: String, known: String },
    #[error("Line {line}: a `{{{{` is never closed with `}}}}`.")]
    Unclosed { line: usize },
    #[error("The template is not valid MJML: {0}")]
    Mjml(String),
    #[error("The template is {0} bytes; the most a message may be is {MAX_BYTES} bytes. Shorten it or link to images instead of embedding them.")]
    TooLarge(usize),
    #[error("`{0}` has no value for this customer and the template gives no fallback (write {{{{ {0} | \"…\" }}}}).")]
    Missing(String),
}

/// One placeholder in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Placeholder {
    start: usize,
    end: usize,
    name: String,
    fallback: Option<String>,
}

/// A checked template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    source: String,
    placeholders: Vec<Placeholder>,
}

/// Values for one message.
pub type Values = HashMap<&'static str, String>;

/// How links are tagged: utm_source, utm_medium=email, utm_campaign=<flow>, utm_content=<variant>.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utm {
    pub source: String,
    pub campaign: String,
    pub content: String,
}

/// A rendered message body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub text: String,
}

impl Template {
    /// Checks `source`: placeholders known and closed, MJML that renders.
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        if source.len() > MAX_BYTES {
            return Err(TemplateError::TooLarge(source.len()));
        }
        let placeholders = placeholders(source)?;
        let t = Template { source: source.to_owned(), placeholders };
        // Render once with sample values, so MJML errors surface now.
        let sample: Values = VARIABLES.iter().map(|(k, _)| (*k, format!("sample {k}"))).collect();
        t.render(&sample, None)?;
        Ok(t)
    }

    /// Renders with `values`; links tagged with `utm` when given (never the unsubscribe link).
    pub fn render(&self, values: &Values, utm: Option<&Utm>) -> Result<Rendered, TemplateError> {
        let mut filled = String::with_capacity(self.source.len() + 256);
        let mut at = 0;
        for p in &self.placeholders {
            filled.push_str(&self.source[at..p.start]);
            let value = values
                .get(p.name.as_str())
                .filter(|v| !v.trim().is_empty())
                .or(p.fallback.as_ref())
                .ok_or_else(|| TemplateError::Missing(p.name.clone()))?;
            filled.push_str(&escape(value));
            at = p.end;
        }
        filled.push_str(&self.source[at..]);
        let root = mrml::parse(&filled).map_err(|e| TemplateError::Mjml(e.to_string()))?;
        // No web fonts: a font link would make every recipient's mail program fetch from a
        // third party (and the app's preview blocks it anyway).
        let options = mrml::prelude::render::RenderOptions {
            disable_comments: true,
            fonts: std::collections::HashMap::new(),
            ..mrml::prelude::render::RenderOptions::default()
        };
        let html = root.element.render(&options).map_err(|e| TemplateError::Mjml(e.to_string()))?;
        let unsubscribe = values.get("unsubscribe.url").map(String::as_str);
        let html = match utm {
            Some(u) => tag_links(&html, u, unsubscribe),
            None => html,
        };
        if html.len() > MAX_BYTES {
            return Err(TemplateError::TooLarge(html.len()));
        }
        let text = to_text(&html);
        Ok(Rendered { html, text })
    }
}

fn placeholders(source: &str) -> Result<Vec<Placeholder>, TemplateError> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = source[from..].find("{{").map(|i| i + from) {
        let line = source[..open].matches('\n').count() + 1;
        let close = source[open..].find("}}").map(|i| i + open).ok_or(TemplateError::Unclosed { line })?;
        let inner = source[open + 2..close].trim();
        let (name, fallback) = match inner.split_once('|') {
            Some((n, f)) => {
                let f = f.trim();
                let f = f.strip_prefix('"').and_then(|f| f.strip_suffix('"')).unwrap_or(f);
                (n.trim(), Some(f.to_owned()))
            }
            None => (inner, None),
        };
        if !VARIABLES.iter().any(|(k, _)| *k == name) {
            return Err(TemplateError::UnknownVariable {
                line,
                name: name.to_owned(),
                known: VARIABLES.iter().map(|v| v.0).collect::<Vec<_>>().join(", "),
            });
        }
        out.push(Placeholder { start: open, end: close + 2, name: name.to_owned(), fallback });
        from = close + 2;
    }
    Ok(out)
}

/// HTML-escapes a value.
pub fn escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Adds UTM parameters to every http(s) link except `skip` (the unsubscribe link). Links that
/// already carry a utm_ parameter are left alone.
pub fn tag_links(html: &str, utm: &Utm, skip: Option<&str>) -> String {
    let mut out = String::with_capacity(html.len() + 512);
    let mut rest = html;
    while let Some(i) = rest.find("href=\"") {
        let (head, tail) = rest.split_at(i + 6);
        out.push_str(head);
        let Some(end) = tail.find('"') else {
            rest = tail;
            break;
        };
        let url = &tail[..end];
        let plain = url.replace("&amp;", "&");
        let taggable = (plain.starts_with("https://") || plain.starts_with("http://"))
            && Some(plain.as_str()) != skip
            && !plain.contains("utm_");
        if taggable {
            let (base, fragment) = match url.split_once('#') {
                Some((b, f)) => (b, Some(f)),
                None => (url, None),
            };
            let sep = if base.contains('?') { "&amp;" } else { "?" };
            out.push_str(base);
            out.push_str(sep);
            out.push_str(&format!(
                "utm_source={}&amp;utm_medium=email&amp;utm_campaign={}&amp;utm_content={}",
                url_encode(&utm.source),
                url_encode(&utm.campaign),
                url_encode(&utm.content)
            ));
            if let Some(f) = fragment {
                out.push('#');
                out.push_str(f);
            }
        } else {
            out.push_str(url);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// The plain-text part: the HTML's words, a line per block, links as "text (url)".
pub fn to_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::new();
    let mut i = 0;
    let mut link: Option<String> = None;
    let bytes = html.as_bytes();
    while i < html.len() {
        if bytes[i] == b'<' {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            let tag = &lower[i..end];
            let name: String =
                tag.trim_start_matches(['<', '/']).chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if tag.starts_with("<style")
                || tag.starts_with("<head")
                || tag.starts_with("<title")
                || tag.starts_with("<!--")
            {
                // Skip the element's content entirely.
                let closer = match name.as_str() {
                    "style" => "</style>",
                    "head" => "</head>",
                    "title" => "</title>",
                    _ => "-->",
                };
                i = lower[i..].find(closer).map_or(html.len(), |e| i + e + closer.len());
                continue;
            }
            match name.as_str() {
                "br" | "p" | "div" | "tr" | "h1" | "h2" | "h3" | "h4" | "li" | "table" if !out.ends_with('\n') => {
                    out.push('\n');
                }
                "a" if !tag.starts_with("</") => {
                    link = attr(&html[i..end], "href");
                }
                "a" => {
                    if let Some(href) = link.take() {
                        let href = href.replace("&amp;", "&");
                        if !href.is_empty() && !out.trim_end().ends_with(&href) {
                            out.push_str(&format!(" ({href})"));
                        }
                    }
                }
                _ => {}
            }
            i = end;
        } else {
            let end = html[i..].find('<').map_or(html.len(), |e| i + e);
            let chunk = decode(&html[i..end]);
            let collapsed: String = chunk.split_whitespace().collect::<Vec<_>>().join(" ");
            if !collapsed.is_empty() {
                if !out.is_empty() && !out.ends_with('\n') && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(&collapsed);
            }
            i = end;
        }
    }
    let lines: Vec<&str> = out.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.join("\n\n") + "\n"
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_owned())
}

fn decode(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MJML: &str = r#"<mjml><mj-body><mj-section><mj-column>
<mj-text>Hello {{ customer.first_name | "there" }},</mj-text>
<mj-text>Your <a href="https://fernhill.example/cart?x=1">cart</a> is waiting.</mj-text>
<mj-button href="https://fernhill.example/p/sencha#top">See {{ product.title }}</mj-button>
<mj-text><a href="{{ unsubscribe.url }}">Unsubscribe</a> · {{ store.postal_address }}</mj-text>
</mj-column></mj-section></mj-body></mjml>"#;

    fn values() -> Values {
        let mut v = Values::new();
        v.insert("product.title", "Kagoshima Sencha".into());
        v.insert("unsubscribe.url", "https://fernhill.example/u/abc".into());
        v.insert("store.postal_address", "Lindenstraße 4, 10969 Berlin".into());
        v
    }

    fn utm() -> Utm {
        Utm { source: "storeloop".into(), campaign: "abandoned-cart".into(), content: "b".into() }
    }

    #[test]
    fn renders_with_fallbacks_tagged_links_and_a_text_part() {
        let t = Template::parse(MJML).unwrap();
        let r = t.render(&values(), Some(&utm())).unwrap();
        assert!(r.html.contains("Hello there,"));
        assert!(r.html.contains("https://fernhill.example/cart?x=1&amp;utm_source=storeloop&amp;utm_medium=email&amp;utm_campaign=abandoned-cart&amp;utm_content=b"));
        assert!(r.html.contains("https://fernhill.example/p/sencha?utm_source=storeloop&amp;utm_medium=email&amp;utm_campaign=abandoned-cart&amp;utm_content=b#top"));
        assert!(r.html.contains("href=\"https://fernhill.example/u/abc\""), "the unsubscribe link is not tagged");
        assert!(r.text.contains("Hello there,"));
        assert!(r.text.contains("cart (https://fernhill.example/cart?x=1&utm_source=storeloop"), "{}", r.text);
        assert!(r.text.contains("Lindenstraße 4"));
        assert!(!r.text.contains('<') && !r.text.contains("{{"));
        assert!(!r.html.contains("fonts.googleapis.com"), "no third-party fonts");
    }

    #[test]
    fn values_are_escaped() {
        let t = Template::parse(MJML).unwrap();
        let mut v = values();
        v.insert("customer.first_name", "<script>alert(1)</script>".into());
        let r = t.render(&v, None).unwrap();
        assert!(!r.html.contains("<script>alert"));
        assert!(r.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn a_broken_template_is_an_error_at_save() {
        let e = Template::parse("<mjml><mj-body><mj-text>{{ customer.frist_name }}</mj-text></mj-body></mjml>")
            .unwrap_err();
        assert!(
            matches!(&e, TemplateError::UnknownVariable { name, line: 1, .. } if name == "customer.frist_name"),
            "{e}"
        );
        assert!(matches!(Template::parse("<mjml>\n{{ store.name </mjml>"), Err(TemplateError::Unclosed { line: 2 })));
        assert!(matches!(Template::parse("<mjml><mj-body><mj-nonsense"), Err(TemplateError::Mjml(_))));
        assert!(matches!(Template::parse(&"x".repeat(MAX_BYTES + 1)), Err(TemplateError::TooLarge(_))));
    }

    #[test]
    fn a_missing_value_without_fallback_fails_rather_than_sending_a_blank() {
        let t = Template::parse(MJML).unwrap();
        let mut v = values();
        v.remove("product.title");
        assert_eq!(t.render(&v, None), Err(TemplateError::Missing("product.title".into())));
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(src in "[<>{}|\"a-z .\n-]{0,200}") {
            let _ = Template::parse(&src);
        }
    }
}

//! Names, email addresses and home time zones for demo customers. Addresses use the reserved
//! `example` domains, so no generated email can ever reach a real inbox.

use super::rng::Rng;

const FIRST: &[&str] = &[
    "Anna", "Lukas", "Mia", "Jonas", "Lea", "Felix", "Emma", "Paul", "Sophie", "Leon", "Marie", "Noah", "Clara",
    "Elias", "Hannah", "Finn", "Lina", "Ben", "Ida", "Theo", "Greta", "Max", "Nora", "Emil", "Mila", "Anton", "Frieda",
    "Jakob", "Lotte", "Karl", "Sara", "Tobias", "Julia", "David", "Laura", "Moritz", "Eva", "Simon", "Katrin",
    "Matteo", "Chloé", "Louis", "Inès", "Jan", "Femke", "Daan", "Sanne", "Lars", "Ingrid", "Pieter", "Aylin", "Mehmet",
    "Zofia", "Marek", "Giulia", "Luca", "Elif", "Oskar", "Amira", "Jana",
];

const LAST: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Braun",
    "Zimmermann",
    "Hartmann",
    "Krüger",
    "Lange",
    "Werner",
    "Lehmann",
    "Köhler",
    "Maier",
    "Huber",
    "Gruber",
    "Bauer",
    "Steiner",
    "Moser",
    "Brunner",
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Dubois",
    "Moreau",
    "Laurent",
    "Rossi",
    "Bianchi",
    "Kowalski",
    "Nowak",
    "Yılmaz",
    "Kaya",
    "Novák",
    "Horvat",
    "Lindqvist",
    "Berg",
    "Nielsen",
];

const DOMAINS: &[&str] = &["example.com", "example.net", "example.org", "mail.example"];

const ZONES: &[(&str, f64)] = &[
    ("Europe/Berlin", 0.70),
    ("Europe/Vienna", 0.10),
    ("Europe/Zurich", 0.08),
    ("Europe/Amsterdam", 0.06),
    ("Europe/Paris", 0.06),
];

/// A demo customer's identity.
#[derive(Debug)]
pub struct Person {
    pub first: &'static str,
    pub last: &'static str,
    pub email: String,
    pub timezone: &'static str,
}

/// Draws a person; `id` makes the email address unique.
pub fn person(r: &mut Rng, id: i64) -> Person {
    let first = *r.choose(FIRST);
    let last = *r.choose(LAST);
    let domain = *r.choose(DOMAINS);
    let local = match r.below(3) {
        0 => format!("{}.{}{}", ascii(first), ascii(last), id),
        1 => format!("{}{}{}", &ascii(first)[..1], ascii(last), id),
        _ => format!("{}_{}", ascii(first), id),
    };
    let mut x = r.f64();
    let mut timezone = ZONES[0].0;
    for (zone, share) in ZONES {
        if x < *share {
            timezone = zone;
            break;
        }
        x -= share;
    }
    Person { first, last, email: format!("{local}@{domain}"), timezone }
}

/// Lower-case ASCII for an email's local part.
fn ascii(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'é' | 'è' => out.push('e'),
            'ı' => out.push('i'),
            'ç' => out.push('c'),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_ascii_and_reserved() {
        let mut r = Rng::new(5);
        for id in 0..500 {
            let p = person(&mut r, id);
            assert!(p.email.is_ascii(), "{}", p.email);
            assert!(DOMAINS.iter().any(|d| p.email.ends_with(d)));
        }
        assert_eq!(ascii("Müller-Lüdenscheidt"), "muellerluedenscheidt");
    }
}

//! Email addresses and header text, checked before anything is built from them: a malformed
//! address or a line break smuggled into a name or subject (header injection) is refused with
//! the field named, never passed on.

/// Why a value cannot go into a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("{field}: `{value}` is not an email address ({why}).")]
    Malformed { field: &'static str, value: String, why: &'static str },
    #[error("{field} contains a line break or control character, which could forge extra email headers; remove it.")]
    Injection { field: &'static str },
    #[error("{field} is {len} characters long; the most an email header line allows is {max}.")]
    TooLong { field: &'static str, len: usize, max: usize },
}

/// Longest header text accepted (RFC 5322 allows 998 octets a line; leave room for the name).
const MAX_HEADER_TEXT: usize = 900;

/// Checks an address and returns it with its domain lower-cased.
pub fn email(field: &'static str, text: &str) -> Result<String, AddressError> {
    let t = text.trim();
    header_text(field, t)?;
    let bad = |why| Err(AddressError::Malformed { field, value: t.to_owned(), why });
    let Some((local, domain)) = t.rsplit_once('@') else { return bad("it has no @") };
    if local.is_empty() || local.len() > 64 {
        return bad("the part before @ must be 1 to 64 characters");
    }
    if t.len() > 254 {
        return bad("it is longer than 254 characters");
    }
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    if !local.chars().all(atext) || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return bad("the part before @ has characters an address cannot have");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return bad("the domain needs a dot, like example.com");
    }
    for l in &labels {
        let ok = !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-');
        if !ok {
            return bad("the domain is not a valid host name");
        }
    }
    if labels.last().is_some_and(|tld| tld.len() < 2 || tld.chars().all(|c| c.is_ascii_digit())) {
        return bad("the domain does not end in a real top-level domain");
    }
    Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
}

/// Checks text bound for a header (a name, a subject): no line breaks or other control
/// characters, and not absurdly long.
pub fn header_text(field: &'static str, text: &str) -> Result<(), AddressError> {
    if text.chars().any(|c| c.is_control()) {
        return Err(AddressError::Injection { field });
    }
    if text.chars().count() > MAX_HEADER_TEXT {
        return Err(AddressError::TooLong { field, len: text.chars().count(), max: MAX_HEADER_TEXT });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_lowercases_the_domain() {
        assert_eq!(email("to", " Anna.B+tea@Example.COM ").unwrap(), "Anna.B+tea@example.com");
        assert!(email("to", "o'neil@mail.example.org").is_ok());
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "",
            "anna",
            "anna@",
            "@example.com",
            "anna@example",
            "anna@@example.com",
            "an na@example.com",
            "anna@exa_mple.com",
            "anna@-example.com",
            ".anna@example.com",
            "an..na@example.com",
            "anna@example.123",
        ] {
            assert!(email("to", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_header_injection() {
        assert_eq!(
            email("to", "anna@example.com\r\nBcc: all@example.com"),
            Err(AddressError::Injection { field: "to" })
        );
        assert_eq!(
            header_text("subject", "Hello\nBcc: x@example.com"),
            Err(AddressError::Injection { field: "subject" })
        );
        assert!(header_text("subject", &"x".repeat(2000)).is_err());
        assert!(header_text("subject", "Your tea is nearly out ☕").is_ok());
    }

    proptest::proptest! {
        #[test]
        fn never_accepts_a_control_character(prefix in "[a-z]{1,8}", c in 0u8..32, suffix in "[a-z]{1,8}") {
            let text = format!("{prefix}{}{suffix}@example.com", c as char);
            proptest::prop_assert!(email("to", &text).is_err());
        }
    }
}

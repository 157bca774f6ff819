//! Money: integer minor units with an ISO 4217 currency. Never floating point.

use std::fmt;

/// An ISO 4217 currency code, such as `EUR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

/// Why a currency code was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{0}` is not a currency code: use three capital letters such as EUR or USD")]
pub struct BadCurrency(pub String);

impl Currency {
    /// Parses a three-letter code; lower case is accepted and upper-cased.
    pub fn parse(code: &str) -> Result<Self, BadCurrency> {
        let bytes = code.trim().as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(BadCurrency(code.to_owned()));
        }
        let mut out = [0u8; 3];
        for (o, b) in out.iter_mut().zip(bytes) {
            *o = b.to_ascii_uppercase();
        }
        Ok(Self(out))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An amount of money: integer minor units (cents) of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    /// Minor units (for EUR: cents).
    pub minor: i64,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// `minor` units of `currency`.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// `part` per `whole` of this amount, rounded half away from zero; `None` when `whole` is 0.
    /// Used for averages (revenue per order) without ever touching floating point.
    pub fn divided_by(self, whole: i64) -> Option<Money> {
        if whole == 0 {
            return None;
        }
        Some(Money::new(div_round(self.minor, whole), self.currency))
    }
}

/// Integer division rounded half away from zero.
pub fn div_round(numerator: i64, denominator: i64) -> i64 {
    let n = i128::from(numerator);
    let d = i128::from(denominator);
    let q = n / d;
    let r = n % d;
    let adjust = if 2 * r.abs() >= d.abs() { n.signum() * d.signum() } else { 0 };
    (q + adjust) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn currency_codes_are_checked() {
        assert_eq!(Currency::parse("eur").unwrap().as_str(), "EUR");
        assert!(Currency::parse("EURO").is_err());
        assert!(Currency::parse("E1R").is_err());
        assert!(Currency::parse("").is_err());
    }

    #[test]
    fn averages_round_half_away_from_zero() {
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(4, 3), 1);
        assert_eq!(div_round(7, -2), -4);
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(Money::new(1000, eur).divided_by(0), None);
        assert_eq!(Money::new(1000, eur).divided_by(3).unwrap().minor, 333);
    }

    proptest! {
        #[test]
        fn rounding_is_within_half_a_unit(n in -1_000_000_000_000i64..1_000_000_000_000, d in 1i64..1_000_000) {
            let q = div_round(n, d);
            let err = (i128::from(q) * i128::from(d) - i128::from(n)).abs();
            prop_assert!(2 * err <= i128::from(d));
        }

        #[test]
        fn currency_parse_never_panics(s in ".{0,8}") {
            let _ = Currency::parse(&s);
        }
    }
}

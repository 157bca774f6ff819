//! Reading one CSV field as the value it stands for: money in minor units of a currency,
//! instants with their offset, quantities, booleans. Errors are short reasons for a row report.

use jiff::Timestamp;

/// Digits after the decimal point in a currency's minor unit (ISO 4217), or `None` for a code
/// that is not a currency in circulation.
pub fn minor_digits(currency: &str) -> Option<u32> {
    const ZERO: &[&str] = &[
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF",
        "XPF",
    ];
    const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    const TWO: &[&str] = &[
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND",
        "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CNY", "COP", "CRC", "CUP", "CVE", "CZK",
        "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
        "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK",
        "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN",
        "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON",
        "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SYP", "SZL",
        "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "YER",
        "ZAR", "ZMW", "ZWG",
    ];
    if ZERO.contains(&currency) {
        Some(0)
    } else if THREE.contains(&currency) {
        Some(3)
    } else if TWO.contains(&currency) {
        Some(2)
    } else {
        None
    }
}

/// "1299.00" → 129900 for a two-digit currency. Accepts an optional sign and up to `digits`
/// decimals (more only when they are zeros); nothing else.
pub fn money(text: &str, digits: u32) -> Result<i64, String> {
    let t = text.trim();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let bad = || format!("`{t}` is not an amount (write it like 1299.00)");
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (kept, extra) = frac.split_at(frac.len().min(digits as usize));
    if extra.bytes().any(|b| b != b'0') {
        return Err(format!("`{t}` has more decimals than the currency allows ({digits})"));
    }
    let mut value: i64 = whole.parse().map_err(|_| bad())?;
    for _ in 0..digits {
        value = value.checked_mul(10).ok_or_else(bad)?;
    }
    let mut f: i64 = if kept.is_empty() { 0 } else { kept.parse().map_err(|_| bad())? };
    for _ in kept.len()..digits as usize {
        f *= 10;
    }
    value = value.checked_add(f).ok_or_else(bad)?;
    Ok(if negative { -value } else { value })
}

/// "2025-12-06 10:37:33 -0500" (Shopify's export format) or RFC 3339 → UTC seconds.
pub fn instant(text: &str) -> Result<i64, String> {
    let t = text.trim();
    if let Ok(ts) = jiff::fmt::strtime::parse("%Y-%m-%d %H:%M:%S %z", t).and_then(|b| b.to_timestamp()) {
        return Ok(ts.as_second());
    }
    t.parse::<Timestamp>()
        .map(|ts| ts.as_second())
        .map_err(|_| format!("`{t}` is not a date and time (expected like 2025-12-06 10:37:33 -0500)"))
}

/// A whole, positive quantity.
pub fn quantity(text: &str) -> Result<i64, String> {
    let t = text.trim();
    match t.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        Ok(n) => Err(format!("quantity {n} must be 1 or more")),
        Err(_) => Err(format!("`{t}` is not a whole number")),
    }
}

/// "yes"/"true" → true, "no"/"false"/"" → false.
pub fn yes(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" => Ok(true),
        "no" | "false" | "" => Ok(false),
        other => Err(format!("`{other}` is neither yes nor no")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_become_minor_units_exactly() {
        assert_eq!(money("1299.00", 2), Ok(129_900));
        assert_eq!(money("1466.28", 2), Ok(146_628));
        assert_eq!(money("0.5", 2), Ok(50));
        assert_eq!(money("12", 2), Ok(1_200));
        assert_eq!(money("-3.10", 2), Ok(-310));
        assert_eq!(money("1500", 0), Ok(1_500));
        assert_eq!(money("1500.00", 0), Ok(1_500));
        assert_eq!(money("1.234", 3), Ok(1_234));
        assert!(money("1.234", 2).is_err());
        assert!(money("1,299.00", 2).is_err());
        assert!(money("", 2).is_err());
        assert!(money("abc", 2).is_err());
        assert!(money("99999999999999999999", 2).is_err());
    }

    #[test]
    fn shopify_dates_keep_their_offset() {
        assert_eq!(instant("2025-12-06 10:37:33 -0500"), Ok(1_765_035_453));
        assert_eq!(instant("2025-12-06T15:37:33Z"), Ok(1_765_035_453));
        assert!(instant("06/12/2025").is_err());
    }

    #[test]
    fn currencies_know_their_decimals() {
        assert_eq!(minor_digits("INR"), Some(2));
        assert_eq!(minor_digits("JPY"), Some(0));
        assert_eq!(minor_digits("KWD"), Some(3));
        assert_eq!(minor_digits("XYZ"), None);
    }

    proptest! {
        #[test]
        fn money_round_trips_and_never_panics(minor in -10_000_000_000i64..10_000_000_000, junk in ".{0,24}") {
            let text = format!("{}{}.{:02}", if minor < 0 { "-" } else { "" }, minor.abs() / 100, minor.abs() % 100);
            prop_assert_eq!(money(&text, 2), Ok(minor));
            let _ = money(&junk, 2);
            let _ = instant(&junk);
            let _ = quantity(&junk);
        }
    }
}

//! Time helpers: instants are stored as UTC seconds; calendars (months, days) are the store's.

use jiff::{civil::Date, tz::TimeZone, Timestamp, ToSpan};

/// Why a time zone name was refused.
#[derive(Debug, thiserror::Error)]
#[error("`{name}` is not a time zone this computer knows: use an IANA name such as Europe/Berlin")]
pub struct BadTimeZone {
    /// The name that was given.
    pub name: String,
}

/// Looks up an IANA time zone by name.
pub fn zone(name: &str) -> Result<TimeZone, BadTimeZone> {
    TimeZone::get(name).map_err(|_| BadTimeZone { name: name.to_owned() })
}

/// A calendar month of the store's time zone, with the UTC instants where it starts and ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthSpan {
    /// `YYYY-MM`.
    pub key: String,
    /// First second of the month, UTC seconds.
    pub start: i64,
    /// First second of the next month, UTC seconds.
    pub end: i64,
}

/// The calendar months (in `tz`) that cover `[from, to]`, oldest first.
pub fn months_between(from: Timestamp, to: Timestamp, tz: &TimeZone) -> Vec<MonthSpan> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    let first = tz.to_datetime(from).date().first_of_month();
    let last = tz.to_datetime(to).date().first_of_month();
    let mut month = first;
    while month <= last {
        let next = month.checked_add(1.month()).unwrap_or(Date::MAX);
        out.push(MonthSpan {
            key: format!("{:04}-{:02}", month.year(), month.month()),
            start: start_of_day(month, tz),
            end: start_of_day(next, tz),
        });
        month = next;
    }
    out
}

/// The UTC second at which `date` begins in `tz`.
pub fn start_of_day(date: Date, tz: &TimeZone) -> i64 {
    tz.to_timestamp(date.at(0, 0, 0, 0)).map(|t| t.as_second()).unwrap_or(i64::MAX)
}

/// RFC 3339 text of a UTC second, as the UI receives it.
pub fn rfc3339(seconds: i64) -> String {
    Timestamp::from_second(seconds).map(|t| t.to_string()).unwrap_or_default()
}

/// The UTC second of an RFC 3339 text, when it is one.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    text.parse::<Timestamp>().ok().map(|t| t.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_follow_the_store_time_zone() {
        let tz = zone("Europe/Berlin").unwrap();
        // 2025-01-31 23:30 UTC is already February in Berlin.
        let from: Timestamp = "2025-01-31T23:30:00Z".parse().unwrap();
        let to: Timestamp = "2025-03-02T00:00:00Z".parse().unwrap();
        let months = months_between(from, to, &tz);
        let keys: Vec<_> = months.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["2025-02", "2025-03"]);
        // February in Berlin starts at 23:00 UTC on 31 January.
        assert_eq!(months[0].start, "2025-01-31T23:00:00Z".parse::<Timestamp>().unwrap().as_second());
        assert_eq!(months[0].end, months[1].start);
    }

    #[test]
    fn unknown_zones_are_named_in_the_error() {
        let err = zone("Mars/Olympus").unwrap_err();
        assert!(err.to_string().contains("Mars/Olympus"));
    }
}

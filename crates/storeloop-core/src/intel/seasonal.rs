//! Seasonal buyers: customers whose orders cluster at the same time of year, year after year.
//! For them a long silence is the off-season, not churn: they are "seasonal, due in <month>".

use std::f64::consts::TAU;

/// Smallest mean resultant length of the purchase days around the year (1 = the same day every
/// year, 0 = spread evenly): about ±7 weeks around the mean day.
const MIN_CONCENTRATION: f64 = 0.85;

/// If the purchase days (day of year 1–366, with the year) are seasonal, the month (1–12) they
/// centre on.
pub fn seasonal_month(days: &[(i16, u16)]) -> Option<u32> {
    let years = {
        let mut y: Vec<i16> = days.iter().map(|d| d.0).collect();
        y.sort_unstable();
        y.dedup();
        y.len()
    };
    if years < 2 || days.len() < 2 {
        return None;
    }
    let (mut s, mut c) = (0.0, 0.0);
    for &(_, doy) in days {
        let angle = TAU * (f64::from(doy) - 1.0) / 365.25;
        s += angle.sin();
        c += angle.cos();
    }
    let n = days.len() as f64;
    let r = (s * s + c * c).sqrt() / n;
    if r < MIN_CONCENTRATION {
        return None;
    }
    let mean = s.atan2(c).rem_euclid(TAU);
    let doy = mean / TAU * 365.25;
    // Month of that day in a common year.
    const ENDS: [f64; 12] = [31.0, 59.0, 90.0, 120.0, 151.0, 181.0, 212.0, 243.0, 273.0, 304.0, 334.0, 365.25];
    Some(ENDS.iter().position(|&e| doy < e).map_or(12, |i| i as u32 + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_christmas_buyer_and_ignores_a_steady_one() {
        assert_eq!(seasonal_month(&[(2024, 340), (2025, 335), (2025, 350)]), Some(12));
        assert_eq!(seasonal_month(&[(2024, 300), (2025, 310)]), Some(11));
        // Every two months all year: not seasonal.
        let steady: Vec<(i16, u16)> = (0..12).map(|i| (2024 + (i / 6) as i16, 1 + 60 * (i % 6) as u16)).collect();
        assert_eq!(seasonal_month(&steady), None);
        // One year only: cannot tell.
        assert_eq!(seasonal_month(&[(2025, 340), (2025, 345)]), None);
        // Around new year: the mean wraps correctly.
        assert_eq!(seasonal_month(&[(2024, 360), (2025, 5), (2025, 362)]), Some(12));
    }
}

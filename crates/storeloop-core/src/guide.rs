//! Guidance's arithmetic, without SQL or api types: the store's three revenue moments from its
//! orders, and the 14-day rollout's calendar.

use std::collections::HashMap;

const DAY: i64 = 86_400;

/// One order, as the revenue moments need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderFact {
    pub customer: i64,
    pub at: i64,
    /// Net revenue (items less discounts), minor units.
    pub revenue_minor: i64,
}

/// Customers and revenue of one moment in the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub customers: u64,
    pub revenue_minor: i64,
}

/// The store's three revenue moments over the last year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Moments {
    pub first: Tally,
    pub second: Tally,
    pub win_back: Tally,
    /// Every order's revenue in the window.
    pub total_minor: i64,
    /// Days away after which a customer counts as lapsed: twice the median gap between a
    /// customer's orders, between 90 and 365 days (180 with too few repeat orders to tell).
    pub lapse_days: i64,
    /// Customers lapsed now (last order longer ago than `lapse_days`).
    pub lapsed_now: u64,
    /// Customers who have ordered exactly once, in the last year.
    pub one_time_recent: u64,
    /// Customers whose first order came in the last 30 days.
    pub first_orders_30d: u64,
    /// Of those who first ordered between two years and one year ago, the share who ordered
    /// again within a year (None: nobody first ordered then).
    pub repeat_rate: Option<f64>,
}

/// Works out the moments from every order (any order), as of `now`.
pub fn moments(orders: impl IntoIterator<Item = OrderFact>, now: i64) -> Moments {
    let mut by_customer: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    for o in orders {
        by_customer.entry(o.customer).or_default().push((o.at, o.revenue_minor));
    }
    let mut gaps: Vec<i64> = Vec::new();
    for list in by_customer.values_mut() {
        list.sort_unstable();
        gaps.extend(list.windows(2).map(|w| w[1].0 - w[0].0));
    }
    gaps.sort_unstable();
    let lapse_days = if gaps.len() >= 20 { (2 * gaps[gaps.len() / 2] / DAY).clamp(90, 365) } else { 180 };
    let lapse = lapse_days * DAY;
    let from = now - 365 * DAY;
    let mut m = Moments { lapse_days, ..Moments::default() };
    let (mut cohort, mut cohort_again) = (0u64, 0u64);
    for list in by_customer.values() {
        let (mut first, mut second, mut back) = (false, false, false);
        for (i, &(at, revenue)) in list.iter().enumerate() {
            if at < from || at > now {
                continue;
            }
            m.total_minor += revenue;
            if i == 0 {
                first = true;
                m.first.revenue_minor += revenue;
            } else if i == 1 {
                second = true;
                m.second.revenue_minor += revenue;
            }
            if i >= 1 && at - list[i - 1].0 >= lapse {
                back = true;
                m.win_back.revenue_minor += revenue;
            }
        }
        m.first.customers += u64::from(first);
        m.second.customers += u64::from(second);
        m.win_back.customers += u64::from(back);
        let Some(&(last, _)) = list.iter().rev().find(|(at, _)| *at <= now) else { continue };
        if now - last > lapse {
            m.lapsed_now += 1;
        }
        let placed = list.iter().filter(|(at, _)| *at <= now).count();
        if placed == 1 && last >= from {
            m.one_time_recent += 1;
        }
        let start = list[0].0;
        if start >= now - 30 * DAY && start <= now {
            m.first_orders_30d += 1;
        }
        if start >= from - 365 * DAY && start < from {
            cohort += 1;
            cohort_again += u64::from(list.get(1).is_some_and(|(at, _)| *at - start <= 365 * DAY));
        }
    }
    m.repeat_rate = (cohort > 0).then(|| cohort_again as f64 / cohort as f64);
    m
}

/// A step of the 14-day rollout: its key and days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage {
    pub key: &'static str,
    pub first_day: u32,
    pub last_day: u32,
    pub title: &'static str,
    pub why: &'static str,
}

/// The rollout's steps, in order.
pub const STAGES: [Stage; 7] = [
    Stage {
        key: "choose",
        first_day: 1,
        last_day: 2,
        title: "Pick one workflow and what it should achieve",
        why: "One flow done well beats four half-finished. Map your store's revenue moments, pick the one to start with, and say which number tells you it works.",
    },
    Stage {
        key: "audit",
        first_day: 3,
        last_day: 4,
        title: "Make sure the data is fit for it",
        why: "Scores and splits are only as good as the orders, customers and consent behind them. The data audit passes, or you have read and acknowledged each finding.",
    },
    Stage {
        key: "guardrails",
        first_day: 5,
        last_day: 6,
        title: "Set the guardrails",
        why: "Limits on discounts, how often anyone is emailed, who never is, and who approves — set before anything can go out.",
    },
    Stage {
        key: "build",
        first_day: 7,
        last_day: 9,
        title: "Build the flow with two or three groups",
        why: "Different customers need different emails: the flow splits them into two or three groups, and a dry run over the last 30 days shows what it would have done.",
    },
    Stage {
        key: "measure",
        first_day: 10,
        last_day: 11,
        title: "Set up measurement",
        why: "A holdout group that gets nothing is how you will know whether the flow earns money or just takes credit for orders that would have come anyway.",
    },
    Stage {
        key: "qa",
        first_day: 12,
        last_day: 13,
        title: "Test it like a customer",
        why: "Walk a test customer through the flow, send its emails to yourself, look at them on a phone-sized screen, and see what happens to someone without consent, with an open support ticket, or when the product is sold out.",
    },
    Stage {
        key: "launch",
        first_day: 14,
        last_day: 14,
        title: "Launch for part of your customers",
        why: "Start with a share of customers (20% is a good start) and a holdout; widen it when a week of numbers looks right.",
    },
];

/// Days of the daily monitoring checklist after launch.
pub const MONITOR_DAYS: u32 = 7;

/// The state of a step: done, or where today is against its days.
pub fn state(done: bool, today: u32, first: u32, last: u32) -> &'static str {
    if done {
        "done"
    } else if today == 0 || today < first {
        "upcoming"
    } else if today > last {
        "late"
    } else {
        "today"
    }
}

/// "after 1 hour", "after 2 days 3 hours", "at once".
pub fn after_words(seconds: i64) -> String {
    if seconds <= 0 {
        return "at once".to_owned();
    }
    let days = seconds / DAY;
    let hours = (seconds % DAY) / 3600;
    let minutes = (seconds % 3600) / 60;
    let unit = |n: i64, one: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") };
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(unit(days, "day"));
    }
    if hours > 0 {
        parts.push(unit(hours, "hour"));
    }
    if days == 0 && minutes > 0 {
        parts.push(unit(minutes, "minute"));
    }
    if parts.is_empty() {
        return "at once".to_owned();
    }
    format!("after {}", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOW: i64 = 1_800_000_000;

    fn o(customer: i64, days_ago: i64, revenue: i64) -> OrderFact {
        OrderFact { customer, at: NOW - days_ago * DAY, revenue_minor: revenue }
    }

    #[test]
    fn first_second_and_win_back_orders_are_told_apart() {
        let orders = [
            o(1, 10, 100), // first order this year
            o(2, 500, 50), // first order long ago …
            o(2, 30, 70),  // … second this year, after 470 days away: also a win-back
            o(3, 300, 20), // first this year
            o(3, 200, 30), // second this year
            o(3, 100, 40), // third: neither
            o(4, 800, 10), // lapsed
        ];
        let m = moments(orders, NOW);
        assert_eq!(m.lapse_days, 180);
        assert_eq!(m.first, Tally { customers: 2, revenue_minor: 120 });
        assert_eq!(m.second, Tally { customers: 2, revenue_minor: 100 });
        assert_eq!(m.win_back, Tally { customers: 1, revenue_minor: 70 });
        assert_eq!(m.total_minor, 260);
        assert_eq!(m.lapsed_now, 1);
        assert_eq!(m.one_time_recent, 1);
        assert_eq!(m.first_orders_30d, 1);
        assert_eq!(m.repeat_rate, Some(0.0));
    }

    #[test]
    fn after_words_read_plainly() {
        assert_eq!(after_words(0), "at once");
        assert_eq!(after_words(3600), "after 1 hour");
        assert_eq!(after_words(2 * DAY + 3 * 3600), "after 2 days 3 hours");
        assert_eq!(after_words(90), "after 1 minute");
    }

    #[test]
    fn a_step_is_late_only_after_its_last_day() {
        assert_eq!(state(false, 0, 1, 2), "upcoming");
        assert_eq!(state(false, 2, 3, 4), "upcoming");
        assert_eq!(state(false, 3, 3, 4), "today");
        assert_eq!(state(false, 5, 3, 4), "late");
        assert_eq!(state(true, 1, 3, 4), "done");
    }

    proptest! {
        #[test]
        fn moments_never_count_more_than_the_year(
            raw in proptest::collection::vec((0i64..40, 0i64..900, 0i64..10_000), 0..200)
        ) {
            let orders: Vec<OrderFact> = raw.iter().map(|&(c, d, r)| o(c, d, r)).collect();
            let m = moments(orders.clone(), NOW);
            let in_year: i64 = orders.iter().filter(|x| x.at >= NOW - 365 * DAY).map(|x| x.revenue_minor).sum();
            prop_assert_eq!(m.total_minor, in_year);
            prop_assert!(m.first.revenue_minor + m.second.revenue_minor <= m.total_minor);
            prop_assert!(m.win_back.revenue_minor <= m.total_minor);
            let people = orders.iter().map(|x| x.customer).collect::<std::collections::HashSet<_>>().len() as u64;
            prop_assert!(m.first.customers <= people && m.second.customers <= people);
            prop_assert!(m.lapsed_now <= people && m.one_time_recent <= people);
            prop_assert!((90..=365).contains(&m.lapse_days));
        }
    }
}

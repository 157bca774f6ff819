//! "Next logical purchase": which product tends to come in a customer's next order after the
//! products of their last one, from every customer's consecutive orders. Ranked by expected
//! margin (chance × unit margin) among products that can be sold and may be recommended.

/// Transition counts between consecutive orders.
#[derive(Debug, Clone, PartialEq)]
pub struct Transitions {
    products: usize,
    /// `from × products + to` → how many times `to` was in the order after one holding `from`.
    pairs: Vec<u32>,
    /// How many times `from` was in an order that had a next order.
    from: Vec<u32>,
    /// Orders holding each product (for the best-seller baseline).
    pub sold: Vec<u32>,
}

/// A recommended product: index, the product of the last order that leads to it, and the chance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pick {
    pub product: u32,
    pub because_of: u32,
    pub confidence: f64,
}

impl Transitions {
    pub fn new(products: usize) -> Self {
        Transitions { products, pairs: vec![0; products * products], from: vec![0; products], sold: vec![0; products] }
    }

    /// Counts one customer's orders (product lists, oldest first); `sign` −1 takes them back out.
    pub fn add(&mut self, orders: &[&[u32]], sign: i32) {
        let step = |v: &mut u32| *v = v.saturating_add_signed(sign);
        for o in orders {
            for &p in *o {
                step(&mut self.sold[p as usize]);
            }
        }
        for w in orders.windows(2) {
            for &a in w[0] {
                step(&mut self.from[a as usize]);
                for &b in w[1] {
                    step(&mut self.pairs[a as usize * self.products + b as usize]);
                }
            }
        }
    }

    /// Chance that `b` is in the next order after one holding `a`.
    pub fn confidence(&self, a: u32, b: u32) -> f64 {
        let n = self.from[a as usize];
        if n == 0 {
            0.0
        } else {
            f64::from(self.pairs[a as usize * self.products + b as usize]) / f64::from(n)
        }
    }

    /// Top `k` products after an order holding `last`, scored by `value(product) × chance`;
    /// `allowed` filters out what must never be recommended.
    pub fn recommend(
        &self,
        last: &[u32],
        k: usize,
        value: impl Fn(u32) -> f64,
        allowed: impl Fn(u32) -> bool,
    ) -> Vec<Pick> {
        let mut picks: Vec<(f64, Pick)> = Vec::new();
        for b in 0..self.products as u32 {
            if !allowed(b) {
                continue;
            }
            let best = last.iter().map(|&a| (self.confidence(a, b), a)).max_by(|x, y| x.0.total_cmp(&y.0));
            if let Some((confidence, because_of)) = best.filter(|x| x.0 > 0.0) {
                picks.push((confidence * value(b), Pick { product: b, because_of, confidence }));
            }
        }
        picks.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.product.cmp(&y.1.product)));
        picks.into_iter().take(k).map(|p| p.1).collect()
    }

    /// The `k` best sellers among `allowed`.
    pub fn popular(&self, k: usize, allowed: impl Fn(u32) -> bool) -> Vec<u32> {
        let mut all: Vec<u32> = (0..self.products as u32).filter(|&p| allowed(p)).collect();
        all.sort_by(|&a, &b| self.sold[b as usize].cmp(&self.sold[a as usize]).then(a.cmp(&b)));
        all.truncate(k);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_what_follows_and_respects_the_filter() {
        let mut t = Transitions::new(4);
        // Teapot (0) is followed by tea (1) three times out of four, by filters (2) once.
        for next in [1u32, 1, 1, 2] {
            t.add(&[&[0], &[next]], 1);
        }
        assert!((t.confidence(0, 1) - 0.75).abs() < 1e-12);
        let picks = t.recommend(&[0], 2, |_| 1.0, |_| true);
        assert_eq!(picks.iter().map(|p| p.product).collect::<Vec<_>>(), vec![1, 2]);
        // Margin can outweigh chance: filters earn 5× more.
        let picks = t.recommend(&[0], 1, |p| if p == 2 { 5.0 } else { 1.0 }, |_| true);
        assert_eq!(picks[0].product, 2);
        // Out of stock / not approved never appears.
        let picks = t.recommend(&[0], 3, |_| 1.0, |p| p != 1);
        assert!(picks.iter().all(|p| p.product != 1));
        // Taking a customer back out restores the counts.
        t.add(&[&[0], &[2]], -1);
        assert!((t.confidence(0, 1) - 1.0).abs() < 1e-12);
    }
}

//! Progress of long work (generation, imports, scoring), reported to whoever started it.

/// What a task counts its progress in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Things: customers, orders.
    Items,
    /// Bytes of a file being read.
    Bytes,
}

/// How far a long task has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// What is being done, in plain words ("Writing orders").
    pub stage: &'static str,
    /// Units finished.
    pub done: u64,
    /// Units in all (0 when unknown).
    pub total: u64,
    pub unit: Unit,
}

impl Progress {
    /// Progress through a file, in bytes.
    pub fn bytes(stage: &'static str, done: u64, total: u64) -> Self {
        Self { stage, done, total, unit: Unit::Bytes }
    }
}

/// Calls a reporter at most about a hundred times over a task of `total` units.
#[derive(Debug)]
pub struct Throttle {
    stage: &'static str,
    total: u64,
    step: u64,
    next: u64,
}

impl Throttle {
    /// A throttle for `total` units of `stage`.
    pub fn new(stage: &'static str, total: u64) -> Self {
        let step = (total / 100).max(1);
        Self { stage, total, step, next: 0 }
    }

    /// Reports `done` if it has moved on by about one percent since the last report.
    pub fn tick(&mut self, done: u64, report: &mut dyn FnMut(Progress)) {
        if done >= self.next || done == self.total {
            self.next = done + self.step;
            report(Progress { stage: self.stage, done, total: self.total, unit: Unit::Items });
        }
    }
}

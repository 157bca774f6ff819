#!/usr/bin/env python3
"""Peer benchmark: BG/NBD fitting and scoring with the Python `lifetimes` package.

Simulates customers from a BG/NBD process with the CDNOW parameters of Fader, Hardie & Lee
(2005): r=0.243, alpha=4.414, a=0.793, b=2.426 (times in weeks), then times, in this process,

  (a) BetaGeoFitter().fit(x, t_x, T)                      (includes lifetimes' Hessian and
                                                           standard errors, as a user gets them)
  (b) conditional_expected_number_of_purchases_up_to_time(52, x, t_x, T) for every customer

best of --runs runs each (time.perf_counter; every run is printed), and ends with one line of
JSON: timings, fitted parameters and versions.

Needs a venv with lifetimes 0.11.3, which wants older numpy/pandas/scipy. A set that works on
Python 3.11:

    python3 -m venv /tmp/lifetimes-venv
    /tmp/lifetimes-venv/bin/pip install lifetimes==0.11.3 numpy==1.26.4 pandas==2.0.3 \
        scipy==1.11.4 autograd==1.9.1 dill==0.4.1
    /tmp/lifetimes-venv/bin/python scripts/bench_lifetimes.py --customers 1000000 --out /tmp/bgnbd_1m.csv

--out writes the simulated customers as CSV `x,t_x,T` (weeks, each float written so that it
reads back to the same f64), so the Rust benchmark can fit the very same customers.

Simulation (vectorised, seeded numpy Generator): each customer's age T is a whole number of days
drawn uniformly from 7..728 (1 to 104 weeks). lambda ~ Gamma(r, rate alpha), p ~ Beta(a, b).
The number of purchases the customer makes in (0, T] while ignoring dropout is n ~ Poisson(lambda T);
the customer drops out right after repeat purchase K ~ Geometric(p), so x = min(n, K). Given n,
purchase times are uniform on (0, T], so the time of the x-th is T * Beta(x, n - x + 1). t_x is
then rounded up to a whole day and kept within 1 day..T (so same-day purchases are not merged:
x is exactly the simulated count).
"""
import argparse
import json
import time
from importlib.metadata import version

import numpy as np

TRUE = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


def simulate(n, seed):
    rng = np.random.default_rng(seed)
    t_days = rng.integers(7, 728, size=n, endpoint=True)
    T = t_days / 7.0
    lam = rng.gamma(TRUE["r"], 1.0 / TRUE["alpha"], size=n)
    p = np.maximum(rng.beta(TRUE["a"], TRUE["b"], size=n), 1e-12)  # keeps Geometric(p) within int64
    n_events = rng.poisson(lam * T)
    k_dropout = rng.geometric(p)
    x = np.minimum(n_events, k_dropout)
    has = x > 0
    frac = np.zeros(n)
    frac[has] = rng.beta(x[has], n_events[has] - x[has] + 1)
    tx_days = np.where(has, np.clip(np.ceil(frac * t_days), 1, t_days), 0).astype(np.int64)
    return x.astype(np.int64), tx_days / 7.0, T


def write_csv(path, x, t_x, T):
    with open(path, "w") as f:
        f.write("x,t_x,T\n")
        f.writelines(f"{a},{b!r},{c!r}\n" for a, b, c in zip(x.tolist(), t_x.tolist(), T.tolist()))


def best_of(label, runs, fn):
    times, result = [], None
    for i in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        print(f"{label} run {i + 1}: {times[-1]:.3f} s", flush=True)
    return min(times), times, result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=2005)
    ap.add_argument("--runs", type=int, default=3, help="runs of each timing; the best is reported")
    ap.add_argument("--out", help="write the simulated customers here as CSV x,t_x,T")
    args = ap.parse_args()

    from lifetimes import BetaGeoFitter  # imported late so --help works without lifetimes

    t0 = time.perf_counter()
    x, t_x, T = simulate(args.customers, args.seed)
    print(f"simulated {args.customers} customers in {time.perf_counter() - t0:.2f} s: "
          f"{int((x > 0).sum())} with repeat purchases, {int(x.sum())} repeat purchases in all, "
          f"mean T {T.mean():.2f} weeks", flush=True)
    if args.out:
        write_csv(args.out, x, t_x, T)
        print(f"wrote {args.out}", flush=True)

    fit_s, fit_runs, bgf = best_of("fit", args.runs, lambda: BetaGeoFitter().fit(x, t_x, T))
    score_s, score_runs, expected = best_of(
        "score", args.runs,
        lambda: bgf.conditional_expected_number_of_purchases_up_to_time(52, x, t_x, T))

    print(json.dumps({
        "customers": args.customers, "seed": args.seed, "true_params": TRUE,
        "fit_seconds": fit_s, "fit_runs": fit_runs,
        "score_seconds": score_s, "score_runs": score_runs,
        "params": {k: float(v) for k, v in bgf.params_.items()},
        "mean_expected_52w": float(np.mean(expected)),
        "versions": {p: version(p) for p in ["lifetimes", "numpy", "scipy", "pandas", "autograd"]},
    }))


if __name__ == "__main__":
    main()

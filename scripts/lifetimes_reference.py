"""Reference values for the CDNOW sample from the Python `lifetimes` package.

Run it from the repository root, in a venv that has lifetimes 0.11.3 (versions: see
crates/storeloop-core/tests/data/cdnow/SOURCES.md):
    /tmp/lifetimes-venv/bin/python scripts/lifetimes_reference.py --cbs /work/shared/data/cdnow/cdnowSummary_cbs.csv
Reads crates/storeloop-core/tests/data/cdnow/transactions.csv and writes
lifetimes_reference.json next to it.
"""
import argparse, csv, datetime, json, platform
from collections import defaultdict
from importlib.metadata import version

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter

DIR = "crates/storeloop-core/tests/data/cdnow"
CAL_START, CAL_END = datetime.date(1997, 1, 1), datetime.date(1997, 9, 30)
HOLD_END = datetime.date(1998, 6, 30)
IDS = [1, 2, 3, 18, 100, 1000, 2357]

ap = argparse.ArgumentParser()
ap.add_argument("--cbs", help="BTYD's cdnowSummary_cbs.csv, to check the summary against")
args = ap.parse_args()

# Same-day purchases of a customer are one transaction; amounts in integer cents.
days = defaultdict(lambda: defaultdict(int))
for row in csv.DictReader(open(f"{DIR}/transactions.csv")):
    d = datetime.date.fromisoformat(row["date"])
    assert CAL_START <= d <= HOLD_END
    euros, cents = row["amount"].split(".")
    days[int(row["customer_id"])][d] += int(euros) * 100 + int(cents)

ids = sorted(days)
assert ids == list(range(1, len(ids) + 1))
summ = []
for cid in ids:
    tx = sorted(days[cid].items())
    first = tx[0][0]
    assert first <= CAL_END  # every customer's first purchase is in the calibration period
    cal = [(d, c) for d, c in tx if d <= CAL_END]
    rep = cal[1:]
    x = len(rep)
    summ.append(dict(
        id=cid, x=x,
        t_x=(cal[-1][0] - first).days / 7,
        T=(CAL_END - first).days / 7,
        x_star=sum(1 for d, _ in tx if d > CAL_END),
        m_x=(sum(c for _, c in rep) / x / 100) if x else 0.0,
    ))
df = pd.DataFrame(summ).set_index("id")

cbs_check = None
if args.cbs:
    cbs = pd.read_csv(args.cbs)
    assert list(cbs["id"]) == ids
    diffs = {}
    for ours, theirs in [("x", "x"), ("t_x", "t.x"), ("T", "T.cal"), ("x_star", "x.star"), ("m_x", "m.x")]:
        d = np.abs(df[ours].to_numpy() - cbs[theirs].to_numpy())
        diffs[ours] = float(d.max())
        bad = np.nonzero(d > 1e-9)[0]
        if len(bad):
            print(f"{ours}: {len(bad)} rows differ, e.g. ids {[ids[i] for i in bad[:10]]}")
    cbs_check = {"rows": len(ids), "max_abs_difference": diffs}
    print("cbs check:", cbs_check)

x, t_x, T = df["x"], df["t_x"], df["T"]
bgf = BetaGeoFitter(penalizer_coef=0.0).fit(x, t_x, T)
r, alpha, a, b = (float(bgf.params_[k]) for k in ["r", "alpha", "a", "b"])
n = len(df)
# lifetimes fits on time rescaled so that max(T) = 1 and reports the MEAN negative
# log-likelihood in those units. The total log-likelihood in weeks is evaluated here
# with lifetimes' own likelihood on the unscaled data; the two differ by sum(x)*log(scale).
nll_mean_scaled = float(bgf._negative_log_likelihood_)
ll_weeks = -n * float(BetaGeoFitter._negative_log_likelihood(
    np.log([r, alpha, a, b]), x.to_numpy(), t_x.to_numpy(), T.to_numpy(), np.ones(n), 0.0))
ll_from_scaled = -n * nll_mean_scaled + float(x.sum()) * np.log(bgf._scale)
assert abs(ll_weeks - ll_from_scaled) < 1e-6, (ll_weeks, ll_from_scaled)

rep = df[df["x"] > 0]
ggf = GammaGammaFitter(penalizer_coef=0.0).fit(rep["x"], rep["m_x"])
p, q, v = (float(ggf.params_[k]) for k in ["p", "q", "v"])
gg_ll = -len(rep) * float(ggf._negative_log_likelihood_)

e39 = bgf.conditional_expected_number_of_purchases_up_to_time(39, x, t_x, T)
e52 = bgf.conditional_expected_number_of_purchases_up_to_time(52, x, t_x, T)
palive = bgf.conditional_probability_alive(x, t_x, T)
profit = ggf.conditional_expected_average_profit(x, df["m_x"])
clv = ggf.customer_lifetime_value(bgf, x, t_x, T, df["m_x"], time=12, discount_rate=0.01, freq="W")

customers = []
for cid in IDS:
    i = ids.index(cid)
    c = df.loc[cid]
    customers.append({
        "id": cid, "x": int(c["x"]), "t_x": float(c["t_x"]), "T": float(c["T"]),
        "m_x": float(c["m_x"]), "x_star": int(c["x_star"]),
        "expected_purchases_39w": float(e39.iloc[i]),
        "expected_purchases_52w": float(e52.iloc[i]),
        "p_alive": float(palive[i]),
        "expected_average_profit": float(profit.iloc[i]) if c["x"] > 0 else None,
        "clv_12_months": float(clv.loc[cid]),
    })

bucket = np.minimum(df["x"], 7)
holdout = []
for k in range(8):
    m = bucket == k
    holdout.append({
        "x": str(k) if k < 7 else "7+", "customers": int(m.sum()),
        "mean_actual_holdout": float(df["x_star"][m].mean()),
        "mean_expected_holdout": float(e39[m].mean()),
    })

out = {
    "generated_by": "lifetimes_reference.py (see SOURCES.md)",
    "versions": {"python": platform.python_version(),
                 **{p_: version(p_) for p_ in ["lifetimes", "numpy", "scipy", "pandas", "autograd", "dill"]}},
    "data": {"customers": n, "calibration": "1997-01-01..1997-09-30 (T.cal 272 days = 38.857 weeks)",
             "holdout": "1997-10-01..1998-06-30 (273 days = 39 weeks)", "time_unit": "week",
             "customers_with_repeat": len(rep), "total_repeat_transactions": int(x.sum()),
             "total_holdout_transactions": int(df["x_star"].sum()),
             "check_against_btyd_cbs": cbs_check},
    "bg_nbd": {"penalizer": 0.0, "r": r, "alpha": alpha, "a": a, "b": b,
               "log_likelihood": ll_weeks,
               "log_likelihood_note": "total log-likelihood with times in weeks, evaluated with lifetimes' "
                   "BetaGeoFitter._negative_log_likelihood on the unscaled data (times n, sign flipped). "
                   "lifetimes itself reports the mean negative log-likelihood on time rescaled to max(T)=1; "
                   "that value is lifetimes_mean_negative_log_likelihood_scaled, with lifetimes_time_scale.",
               "lifetimes_mean_negative_log_likelihood_scaled": nll_mean_scaled,
               "lifetimes_time_scale": float(bgf._scale)},
    "gamma_gamma": {"penalizer": 0.0, "customers": len(rep), "p": p, "q": q, "v": v,
                    "log_likelihood": gg_ll,
                    "log_likelihood_note": "total = -(customers with x>0) * lifetimes' mean negative log-likelihood"},
    "clv": {"method": "GammaGammaFitter.customer_lifetime_value(bgf, x, t_x, T, m_x, time=12, discount_rate=0.01, freq='W')",
            "note": "12 monthly steps of 4.345 weeks, each discounted by 1.01^month; for x=0 the "
                    "Gamma-Gamma value used is the population mean v*p/(q-1)"},
    "customers": customers,
    "holdout_by_calibration_x": holdout,
}
with open(f"{DIR}/lifetimes_reference.json", "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
print(json.dumps({k: out[k] for k in ["versions", "bg_nbd", "gamma_gamma"]}, indent=1))
for h in holdout: print(h)
for c in customers: print(c)

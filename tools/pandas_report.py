#!/usr/bin/env python3
"""pandas_report.py DATA_DIR OUT_DIR - the notebook baseline for `make bench`.

The same report a reasonable analyst would write with pandas + matplotlib:
read the four exports, take each account's first value event, TTFV with SLA
pauses taken out, type-7 percentiles overall / per tier / per cohort,
Kaplan-Meier cohort curves, the funnel, renewed vs churned, post-mortems,
SLA attainment and the trend, six charts as PNG and the figures as
Markdown, HTML and JSON.  It is written the way a notebook is (vectorised
pandas, no hand tuning) so the comparison is with ordinary practice, not
with a straw man.  Needs python3-pandas and python3-matplotlib.
"""
import configparser
import json
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

DAY = pd.Timedelta(days=1)


def read_config(path):
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",))
    cp.read(path)
    rep = cp["report"]
    tiers = {}
    for sec in cp.sections():
        if sec.startswith("tier "):
            tiers[sec[5:].strip()] = dict(cp[sec])
    steps = [dict(cp[s], name=s[5:].strip()) for s in cp.sections()
             if s.startswith("step ")]
    holidays = [h.strip() for h in rep.get("holidays", "").split(",")
                if h.strip()]
    return rep, tiers, steps, holidays


def km_curve(t, reached):
    """Kaplan-Meier 1 - S(t) at each distinct event time."""
    df = pd.DataFrame({"t": t, "e": reached.astype(int)}).sort_values("t")
    g = df.groupby("t")["e"].agg(["sum", "count"])
    at_risk = len(df) - g["count"].cumsum().shift(fill_value=0)
    s = (1 - g["sum"] / at_risk).cumprod()
    return 1 - s[g["sum"] > 0]


def km_pct(curve, p):
    hit = curve[curve >= p - 1e-8]
    return float(hit.index[0]) if len(hit) else None


def pct(x, q):
    return float(x.quantile(q)) if len(x) else None


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(out, "charts"), exist_ok=True)
    rep, tiers, steps, holidays = read_config(os.path.join(data, "ttfv.ini"))
    as_of_end = pd.Timestamp(rep["as_of"], tz="UTC") + DAY

    acc = pd.read_csv(os.path.join(data, "accounts.csv"),
                      parse_dates=["signed_at", "kickoff_at", "go_live_at"])
    ev = pd.read_csv(os.path.join(data, "events.csv"),
                     parse_dates=["timestamp"])
    pm = pd.read_csv(os.path.join(data, "postmortems.csv"),
                     parse_dates=["breached_at", "opened_at"])
    pa = pd.read_csv(os.path.join(data, "pauses.csv"),
                     parse_dates=["paused_at", "resumed_at"])

    # clock start per tier, first value from the events file
    col = acc["tier"].map({k: v.get("clock_start", "signed_at")
                           for k, v in tiers.items()}).fillna("signed_at")
    acc["start"] = acc["signed_at"]
    for c in col.unique():
        acc.loc[col == c, "start"] = acc.loc[col == c, c]
    firsts = ev.groupby(["account_id", "event"])["timestamp"].min().unstack()
    acc = acc.merge(firsts, left_on="account_id", right_index=True,
                    how="left")
    fv = acc[rep["first_value_event"]]
    acc["reached"] = fv.notna() & (fv < as_of_end) & acc["start"].notna()
    acc["end"] = fv.where(acc["reached"], as_of_end)

    # SLA pauses overlapping [start, end)
    p = pa.merge(acc[["account_id", "start", "end"]], on="account_id")
    lo = p[["paused_at", "start"]].max(axis=1)
    hi = p[["resumed_at", "end"]].min(axis=1)
    p["paused"] = ((hi - lo) / DAY).clip(lower=0)
    paused = p.groupby("account_id")["paused"].sum()
    acc["paused"] = acc["account_id"].map(paused).fillna(0)
    acc["ttfv"] = (acc["end"] - acc["start"]) / DAY - acc["paused"]
    business = {k for k, v in tiers.items() if v.get("days") == "business"}
    bmask = acc["tier"].isin(business) & acc["start"].notna()
    acc.loc[bmask, "ttfv"] = np.busday_count(
        acc.loc[bmask, "start"].dt.strftime("%Y-%m-%d").values.astype(
            "datetime64[D]"),
        acc.loc[bmask, "end"].dt.strftime("%Y-%m-%d").values.astype(
            "datetime64[D]"),
        holidays=holidays) - acc.loc[bmask, "paused"]
    acc = acc[acc["start"].notna()].copy()
    acc["cohort"] = acc["start"].dt.strftime("%Y-%m")
    r = acc[acc["reached"]]

    def summary(x):
        return {"n": int(len(x)), "p50": pct(x, .5), "p75": pct(x, .75),
                "p90": pct(x, .9)}

    fig = {"as_of": rep["as_of"],
           "accounts": {"total": int(len(acc)), "reached": int(len(r)),
                        "censored": int(len(acc) - len(r))},
           "overall": summary(r["ttfv"])}
    fig["overall"]["km_p50"] = km_pct(km_curve(acc["ttfv"], acc["reached"]),
                                      .5)
    fig["tiers"] = {t: summary(g["ttfv"]) for t, g in r.groupby("tier")}
    fig["cohorts"] = {}
    curves = {}
    for c, g in acc.groupby("cohort"):
        curves[c] = km_curve(g["ttfv"], g["reached"])
        fig["cohorts"][c] = summary(g.loc[g["reached"], "ttfv"])
        fig["cohorts"][c]["km_p50"] = km_pct(curves[c], .5)

    # SLA per tier: configured days or p75 * (1 + buffer), rounded up
    sla = {}
    for t, g in r.groupby("tier"):
        v = tiers.get(t, {}).get("sla_days", "auto")
        sla[t] = (float(np.ceil(g["ttfv"].quantile(.75) *
                                (1 + float(tiers[t].get("buffer", 0)))))
                  if v == "auto" else float(v))
    acc["sla"] = acc["tier"].map(sla)
    closed = acc["reached"] | (acc["ttfv"] > acc["sla"])
    ok = acc["reached"] & (acc["ttfv"] <= acc["sla"])
    att = (ok.groupby(acc["tier"]).sum() /
           closed.groupby(acc["tier"]).sum())
    fig["sla"] = {t: {"days": sla.get(t), "attainment": float(v)}
                  for t, v in att.items()}

    # funnel over the configured steps
    funnel = []
    for i, s in enumerate(steps):
        n = int(acc[s["event"]].notna().sum())
        nxt = (int(acc[steps[i + 1]["event"]].notna().sum())
               if i + 1 < len(steps) else None)
        funnel.append({"step": s["name"], "reached": n, "next": nxt,
                       "conversion": nxt / n if nxt is not None and n
                       else None})
    fig["funnel"] = funnel

    # renewed vs churned
    o = r[r["outcome"].isin(["renewed", "churned"])].copy()
    fig["outcomes"] = {k: summary(g["ttfv"]) for k, g in o.groupby("outcome")}
    o["band"] = pd.cut(o["ttfv"], [-np.inf, 30, 60, np.inf],
                       labels=["0-30", "31-60", ">60"])
    fig["renewal_by_band"] = {
        str(b): float(v) for b, v in
        (o["outcome"] == "renewed").groupby(o["band"], observed=False)
        .mean().items() if not np.isnan(v)}

    # post-mortems
    pm["month"] = pm["breached_at"].dt.strftime("%Y-%m")
    cats = pm["category"].value_counts()
    fig["postmortems"] = {k: {"count": int(v), "share": float(v / len(pm))}
                          for k, v in cats.items()}
    last6 = sorted(pm["month"].unique())[-6:]
    by_month = (pm[pm["month"].isin(last6)]
                .groupby(["month", "category"]).size().unstack(fill_value=0))
    trend = r.groupby("cohort")["ttfv"].median()

    # charts: 1920x1080 PNG like ttfv's
    def save(name):
        plt.savefig(os.path.join(out, "charts", name + ".png"), dpi=200)
        plt.close()

    plt.figure(figsize=(9.6, 5.4))
    for c, cv in list(curves.items())[-6:]:
        plt.step(cv.index, cv.values, where="post", label=c)
    plt.xlim(0, float(rep.get("horizon_days", 120)))
    plt.legend()
    plt.title("Cohort curves")
    save("cohort_curves")
    plt.figure(figsize=(9.6, 5.4))
    plt.barh([f["step"] for f in funnel], [f["reached"] for f in funnel])
    plt.title("Funnel")
    save("funnel")
    plt.figure(figsize=(9.6, 5.4))
    plt.boxplot([g["ttfv"].values for _, g in o.groupby("outcome")],
                labels=[k for k, _ in o.groupby("outcome")], vert=False)
    plt.title("TTFV by outcome")
    save("ttfv_by_outcome")
    by_month.plot.bar(stacked=True, figsize=(9.6, 5.4))
    plt.title("Post-mortem root causes")
    save("postmortems")
    plt.figure(figsize=(9.6, 5.4))
    plt.bar(att.index, att.values)
    plt.title("SLA attainment")
    save("sla_attainment")
    plt.figure(figsize=(9.6, 5.4))
    plt.plot(trend.index, trend.values, marker="o")
    plt.xticks(rotation=45)
    plt.title("TTFV trend")
    save("ttfv_trend")

    with open(os.path.join(out, "report.json"), "w") as f:
        json.dump(fig, f, indent=2)
    md = ["# Onboarding review", "",
          f"As of {rep['as_of']}: {len(acc)} accounts, {len(r)} reached.", "",
          "| tier | n | p50 | p75 | p90 |", "|---|---|---|---|---|"]
    for t, v in fig["tiers"].items():
        md.append(f"| {t} | {v['n']} | {v['p50']:.1f} | {v['p75']:.1f} | "
                  f"{v['p90']:.1f} |")
    md += ["", "| cohort | n | p50 | KM p50 |", "|---|---|---|---|"]
    for c, v in fig["cohorts"].items():
        km = "-" if v["km_p50"] is None else f"{v['km_p50']:.1f}"
        p50 = "-" if v["p50"] is None else f"{v['p50']:.1f}"
        md.append(f"| {c} | {v['n']} | {p50} | {km} |")
    md += [""] + [f"![{n}](charts/{n}.png)" for n in
                  ("cohort_curves", "funnel", "ttfv_by_outcome",
                   "postmortems", "sla_attainment", "ttfv_trend")]
    text = "\n".join(md) + "\n"
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write(text)
    with open(os.path.join(out, "report.html"), "w") as f:
        f.write("<!doctype html><meta charset=utf-8><body>" +
                pd.DataFrame(fig["cohorts"]).T.to_html() + "</body>\n")


if __name__ == "__main__":
    main()

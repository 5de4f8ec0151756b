#!/usr/bin/env python3
"""Independent cross-check of ttfv's figures on a data directory.

Recomputes, from the raw CSVs and ttfv.ini and with nothing shared with the
C code, each tier's account counts, type-7 percentiles of reached accounts'
TTFV (numpy's default "linear" method, written out) and Kaplan-Meier
percentiles (R's quantile.survfit rule), then compares them with the
report.json that ttfv wrote.  Definitions are SPEC section 3: clock start per
tier, first value = first_value_at or the first first_value_event, pauses
that overlap the span subtracted, business-day tiers count Monday-Friday time
outside the holidays, as-of = end of the as-of day (UTC here).

usage: crosscheck.py DATA_DIR REPORT_JSON   (exit 0 when every figure agrees)
"""
import configparser
import csv
import datetime as dt
import json
import math
import sys

DAY = 86400.0


def parse_ts(s):
    s = s.strip()
    if not s:
        return None
    if len(s) == 10:
        d = dt.datetime.strptime(s, "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)
    else:
        d = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        if d.tzinfo is None:
            d = d.replace(tzinfo=dt.timezone.utc)
    return d.timestamp()


def load_config(path):
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",))
    cp.optionxform = str
    cp.read(path)
    rep = cp["report"]
    holidays = set()
    for h in rep.get("holidays", "").replace("\n", " ").split(","):
        if h.strip():
            holidays.add(dt.date.fromisoformat(h.strip()))
    tiers = {}
    for sec in cp.sections():
        if sec.startswith("tier "):
            t = cp[sec]
            tiers[sec[5:].strip()] = {
                "clock": t.get("clock_start", "signed_at"),
                "business": t.get("days", "calendar") == "business",
            }
    return rep, holidays, tiers


def business_seconds(a, b, holidays):
    """Seconds of [a, b) falling on Monday-Friday outside holidays (UTC)."""
    if b <= a:
        return 0.0
    total = 0.0
    day = dt.datetime.fromtimestamp(a, dt.timezone.utc).date()
    while True:
        start = dt.datetime(day.year, day.month, day.day,
                            tzinfo=dt.timezone.utc).timestamp()
        if start >= b:
            break
        end = start + DAY
        if day.weekday() < 5 and day not in holidays:
            total += max(0.0, min(b, end) - max(a, start))
        day += dt.timedelta(days=1)
    return total


def quantile7(xs, p):
    """Hyndman-Fan type 7 on sorted xs."""
    if not xs:
        return None
    h = (len(xs) - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


def km_quantile(times, events, p):
    """Smallest t with 1 - S(t) >= p; the middle of a flat stretch where
    1 - S equals p (R's quantile.survfit); None when never reached."""
    pts = sorted(set(t for t, e in zip(times, events) if e))
    s = 1.0
    curve = []
    for t in pts:
        n = sum(1 for x in times if x >= t)
        d = sum(1 for x, e in zip(times, events) if e and x == t)
        s *= 1.0 - d / n
        curve.append((t, 1.0 - s))
    last = max(times) if times else None
    for i, (t, f) in enumerate(curve):
        if abs(f - p) < 1e-8:
            nxt = curve[i + 1][0] if i + 1 < len(curve) else last
            return (t + nxt) / 2
        if f > p:
            return t
    return None


def main():
    data, report = sys.argv[1], sys.argv[2]
    rep, holidays, tiers = load_config(f"{data}/ttfv.ini")
    as_of = parse_ts(rep["as_of"]) + DAY
    fv_event = rep.get("first_value_event")

    first_event = {}
    with open(f"{data}/events.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["event"] == fv_event:
                t = parse_ts(row["timestamp"])
                a = row["account_id"]
                if a not in first_event or t < first_event[a]:
                    first_event[a] = t
    pauses = {}
    with open(f"{data}/pauses.csv", newline="") as f:
        for row in csv.DictReader(f):
            pauses.setdefault(row["account_id"], []).append(
                (parse_ts(row["paused_at"]), parse_ts(row["resumed_at"])))

    groups = {}
    with open(f"{data}/accounts.csv", newline="") as f:
        for row in csv.DictReader(f):
            tier = row.get("tier", "")
            conf = tiers.get(tier, {"clock": "signed_at", "business": False})
            start = parse_ts(row.get(conf["clock"], ""))
            if start is None:
                continue
            fv = parse_ts(row.get("first_value_at", "") or "")
            if fv is None:
                fv = first_event.get(row["account_id"])
            reached = fv is not None and fv <= as_of
            end = fv if reached else as_of

            def span(a, b):
                if conf["business"]:
                    return business_seconds(a, b, holidays)
                return max(0.0, b - a)
            length = span(start, end)
            for p0, p1 in pauses.get(row["account_id"], []):
                length -= span(max(p0, start), min(p1, end))
            groups.setdefault(tier, []).append((length / DAY, reached))

    with open(report) as f:
        got = json.load(f)
    bad = 0
    checked = 0
    by_tier = {t["tier"]: t for t in got["tiers"]}
    for tier, rows in sorted(groups.items()):
        g = by_tier.get(tier)
        if g is None:
            print(f"tier {tier}: missing from report.json")
            bad += 1
            continue
        reached = sorted(x for x, r in rows if r)
        times = [x for x, _ in rows]
        events = [r for _, r in rows]
        want = {"accounts": len(rows), "reached": len(reached)}
        for name, p in (("p25", .25), ("p50", .5), ("p75", .75), ("p90", .9)):
            want[name] = quantile7(reached, p)
            want["km_" + name] = km_quantile(times, events, p)
        for key, w in want.items():
            checked += 1
            v = g.get(key)
            same = (v is None and w is None) or (
                v is not None and w is not None and abs(v - w) <= 1e-6)
            if not same:
                bad += 1
                print(f"tier {tier}: {key}: report.json has {v}, expected {w}")
    print(f"crosscheck: {checked - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

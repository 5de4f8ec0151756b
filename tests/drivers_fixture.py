#!/usr/bin/env python3
"""drivers_fixture.py DIR - writes a small export for the value drivers and
experiments (tests/cli_drivers.sh): accounts with first_value_at, outcome
and variant, their events, and a ttfv.ini (as of 2026-10-31).

Arms, each counted over the accounts followed 30 days or that reached
first value sooner (10 more per arm have neither and are left out):
  a  40 of 100 activated             the control (first in sort order)
  b  52 of 100     P(b > a) = 0.955  variant better, just past 95 %
  c  51 of 100     P(c > a) = 0.940  keep running, just short of it
  d  25 of 100     P(d > a) = 0.012  control better
  e   0 of 5                         nobody activated
  f  one account whose clock starts after the as-of date: an empty arm
(R: integrate(function(t) dbeta(t, 1 + x, 1 + 100 - x) *
 pbeta(t, 41, 61), 0, 1) for x = 52, 51, 25.)  Of the failures, half reach
first value after day 30 and half never.
Events: x within 14 days for 60 % of renewed and 20 % of churned accounts
(goes with renewal), y on day 1 for everybody (nothing to compare it
with), z for 30 % whatever the outcome; accounts signed over 90 days
before the as-of date renewed (60 %) or churned."""
import datetime as dt, os, random, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = random.Random(5)
asof = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)


def iso(t):
    return t.strftime('%Y-%m-%dT%H:%M:%SZ') if t else ''


accounts, events, n = [], [], 0
for arm, ok, bad in (('a', 40, 60), ('b', 52, 48), ('c', 51, 49),
                     ('d', 25, 75), ('e', 0, 5)):
    plan = [('ok', None)] * ok + [('late', None)] * (bad // 2) + \
        [('never', None)] * (bad - bad // 2) + [('short', None)] * \
        (10 if arm != 'e' else 0)
    for kind, _ in plan:
        n += 1
        if kind == 'short':
            signed = asof - dt.timedelta(days=rng.uniform(2, 28))
        else:
            signed = asof - dt.timedelta(days=rng.uniform(60, 300))
        fv = None
        if kind == 'ok':
            fv = signed + dt.timedelta(days=rng.uniform(0.5, 29.5))
        elif kind == 'late':
            fv = signed + dt.timedelta(days=rng.uniform(31, 55))
        outcome = 'open'
        if (asof - signed).days > 90:
            outcome = 'renewed' if rng.random() < 0.6 else 'churned'
        aid = 'X%04d' % n
        accounts.append((aid, iso(signed), iso(fv), outcome, arm))
        px = {'renewed': 0.6, 'churned': 0.2}.get(outcome, 0.4)
        if rng.random() < px:
            events.append((aid, 'x', iso(signed + dt.timedelta(
                days=rng.uniform(0.1, 13.9)))))
        events.append((aid, 'y', iso(signed + dt.timedelta(days=1))))
        if rng.random() < 0.3:
            events.append((aid, 'z', iso(signed + dt.timedelta(
                days=rng.uniform(0.1, 13.9)))))
accounts.append(('X9999', iso(asof + dt.timedelta(days=3)), '', 'open', 'f'))

with open(os.path.join(out, 'accounts.csv'), 'w') as f:
    f.write('account_id,signed_at,first_value_at,outcome,variant\n')
    for r in accounts:
        f.write(','.join(r) + '\n')
with open(os.path.join(out, 'events.csv'), 'w') as f:
    f.write('account_id,event,timestamp\n')
    for r in sorted(events, key=lambda r: r[2]):
        f.write(','.join(r) + '\n')
with open(os.path.join(out, 'ttfv.ini'), 'w') as f:
    f.write('[report]\nas_of = 2026-10-31\ndriver_days = 14\n')

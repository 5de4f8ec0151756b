#!/usr/bin/env python3
"""stats_xcheck.py DATA_DIR REPORT_JSON - recomputes report.json figures
from the CSV exports with nothing but the Python standard library, as an
independent check of gen/stats_*.c: overall, tier and cohort percentiles
(type 7 through statistics.quantiles 'inclusive'), Kaplan-Meier
percentiles (R's quantile.survfit rule), cohort curves, auto SLAs,
attainment, breached counts, the funnel, the renewal bands and the
post-mortem counts.  Expects ISO timestamps, a UTC report timezone and
first value from first_value_event or the first_value_at column (the
shape of `ttfv sample`).  Prints the differences; exits 1 when any."""
import configparser, csv, datetime as dt, json, math, os, statistics, sys

data, report = sys.argv[1], sys.argv[2]
ini = configparser.ConfigParser(inline_comment_prefixes=(';',),
                                interpolation=None)
ini.read(os.path.join(data, 'ttfv.ini'))
rep = json.load(open(report))


def ts(s):
    s = s.strip()
    if not s:
        return None
    if len(s) == 10:
        s += 'T00:00:00+00:00'
    return dt.datetime.fromisoformat(s.replace('Z', '+00:00')).timestamp()


def rows_of(name):
    return list(csv.DictReader(open(os.path.join(data, name))))


day = dt.date.fromisoformat(rep['as_of'])
asof = dt.datetime(day.year, day.month, day.day,
                   tzinfo=dt.timezone.utc).timestamp() + 86400
hol = set()
if ini.has_option('report', 'holidays'):
    hol = {dt.date.fromisoformat(h.strip())
           for h in ini.get('report', 'holidays').split(',') if h.strip()}
fv_event = ini.get('report', 'first_value_event', fallback=None)
horizon = ini.getint('report', 'horizon_days', fallback=120)

accounts = rows_of('accounts.csv')
events = {}
for r in rows_of('events.csv'):
    t = ts(r['timestamp'])
    k = (r['account_id'], r['event'])
    if t <= asof and (k not in events or t < events[k]):
        events[k] = t
pauses = {}
if os.path.exists(os.path.join(data, 'pauses.csv')):
    for r in rows_of('pauses.csv'):
        pauses.setdefault(r['account_id'], []).append(
            (ts(r['paused_at']), ts(r['resumed_at'])))


def business(a, b):
    """Business days in [a, b], walking the days (slow and obvious)."""
    total, d = 0.0, dt.datetime.fromtimestamp(a, dt.timezone.utc).date()
    while True:
        s = dt.datetime(d.year, d.month, d.day,
                        tzinfo=dt.timezone.utc).timestamp()
        if s >= b:
            return total
        if d.weekday() < 5 and d not in hol:
            total += max(0.0, min(s + 86400, b) - max(s, a)) / 86400
        d += dt.timedelta(1)


def calendar(a, b):
    return max(0.0, (b - a) / 86400)


def duration(acct, a, b, span):
    iv = sorted((max(p, a), min(r if r else b, b))
                for p, r in pauses.get(acct, []))
    merged = []
    for x in (x for x in iv if x[1] > x[0]):
        if merged and x[0] <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x[1]))
        else:
            merged.append(x)
    return max(0.0, span(a, b) - sum(span(*x) for x in merged))


def tier_conf(name):
    sec = 'tier ' + name
    g = lambda k, d: ini.get(sec, k, fallback=d) if ini.has_section(sec) else d
    sla = g('sla_days', 'auto')
    return dict(clock=g('clock_start', 'signed_at'),
                span=business if g('days', 'calendar') == 'business'
                else calendar,
                sla=None if sla == 'auto' else float(sla),
                buffer=float(g('buffer', '0.20' if name == 'high-touch'
                               else '0')))


rows = []
for r in accounts:
    tc = tier_conf(r['tier'])
    st = ts(r.get(tc['clock'], '') or '')
    if st is None or st > asof:
        continue
    v = events.get((r['account_id'], fv_event)) if fv_event else \
        ts(r.get('first_value_at', '') or '')
    if v is not None and v > asof:
        v = None
    if v is not None and v < st:
        v = st
    end = v if v is not None else asof
    rows.append(dict(id=r['account_id'], tier=r['tier'], start=st,
                     reached=v is not None, outcome=r.get('outcome', ''),
                     cal=duration(r['account_id'], st, end, calendar),
                     sla=duration(r['account_id'], st, end, tc['span'])))


def type7(v, p):
    v = sorted(v)
    if not v:
        return None
    if len(v) == 1:
        return v[0]
    return statistics.quantiles(v, n=100, method='inclusive')[round(p * 100) - 1]


def km_steps(data_):
    data_ = sorted(data_, key=lambda x: (x[0], -x[1]))
    n, s, jumps, i = len(data_), 1.0, [], 0
    while i < n:
        t, j, d = data_[i][0], i, 0
        while j < n and data_[j][0] == t:
            d += data_[j][1]
            j += 1
        if d:
            s *= 1 - d / (n - i)
            jumps.append((t, 1 - s))
        i = j
    return jumps, (data_[-1][0] if data_ else None)


def km_quantile(data_, p, tol=1e-8):
    jumps, xmax = km_steps(data_)
    i1 = next((k for k, (t, f) in enumerate(jumps) if f + tol >= p), None)
    if i1 is None:
        return None
    i2 = next((k for k, (t, f) in enumerate(jumps) if f - tol >= p), None)
    if i2 is not None:
        return (jumps[i1][0] + jumps[i2][0]) / 2
    if abs(p - jumps[-1][1]) < tol:
        return (jumps[i1][0] + xmax) / 2
    return None


def group(rs, key):
    reached = [x[key] for x in rs if x['reached']]
    g = {'accounts': len(rs), 'reached': len(reached)}
    for p in (25, 50, 75, 90):
        g['p%d' % p] = type7(reached, p / 100)
        g['km_p%d' % p] = km_quantile(
            [(x[key], 1 if x['reached'] else 0) for x in rs], p / 100)
    return g


diffs = 0


def compare(where, mine, theirs):
    global diffs
    for k, v in mine.items():
        w = theirs.get(k)
        if (v is None) != (w is None) or \
                (v is not None and abs(v - w) > 1e-9 * max(1, abs(v))):
            print('%s %s: python %r, ttfv %r' % (where, k, v, w))
            diffs += 1


compare('overall', {k: v for k, v in group(rows, 'cal').items()
                    if k[0] in 'pk'}, rep['overall'])
compare('accounts', {'total': len(rows),
                     'reached': sum(x['reached'] for x in rows)},
        rep['accounts'])
for t in rep['tiers']:
    mine = [x for x in rows if x['tier'] == t['tier']]
    g = group(mine, 'sla')
    tc = tier_conf(t['tier'])
    sla = tc['sla'] if tc['sla'] is not None else \
        (math.ceil(g['p75'] * (1 + tc['buffer']) - 1e-9)
         if g['p75'] is not None else None)
    g['sla_days'] = sla
    if sla is not None:
        over = [x['sla'] > sla for x in mine]
        g['sla_met'] = sum(x['reached'] and not o for x, o in zip(mine, over))
        g['sla_closed'] = sum(x['reached'] or o for x, o in zip(mine, over))
        g['breached'] = sum(not x['reached'] and x['outcome'] != 'churned'
                            and o for x, o in zip(mine, over))
    compare('tier ' + t['tier'], g, t)
for c in rep['cohorts']:
    rs = [x for x in rows if dt.datetime.fromtimestamp(
        x['start'], dt.timezone.utc).strftime('%Y-%m') == c['cohort']]
    compare('cohort ' + c['cohort'], group(rs, 'cal'), c)
    data_ = [(x['cal'], 1 if x['reached'] else 0) for x in rs]
    jumps, last = km_steps(data_)
    curve = [[d, next((f for t, f in reversed(jumps) if t <= d), 0.0)]
             for d in range(min(horizon, math.floor(last)) + 1)]
    compare('cohort %s curve' % c['cohort'],
            {'points': len(curve)}, {'points': len(c['curve'])})
    for (d, f), (_, g) in zip(curve, c['curve']):
        if abs(f - g) > 1e-9:
            print('cohort %s curve day %d: python %r, ttfv %r' % (
                c['cohort'], d, f, g))
            diffs += 1
            break

steps = [s for s in rep['steps']]
ids = [x['id'] for x in rows]
col = {r['account_id']: r for r in accounts}


def step_at(a, s):
    if s['event']:
        return events.get((a, s['event']))
    t = ts(col[a].get(s['column'], '') or '')
    return t if t is not None and t <= asof else None


for i, f in enumerate(rep['funnel']):
    done = [a for a in ids if step_at(a, steps[i]) is not None]
    last_step = i + 1 == len(steps)
    nxt = done if last_step else \
        [a for a in done if step_at(a, steps[i + 1]) is not None]
    gaps = [] if last_step else [
        (step_at(a, steps[i + 1]) - step_at(a, steps[i])) / 86400
        for a in nxt if step_at(a, steps[i + 1]) >= step_at(a, steps[i])]
    compare('funnel ' + f['step'],
            {'reached': len(done), 'next': len(nxt),
             'median_days_to_next': statistics.median(gaps) if gaps else None},
            f)
for name, lo, hi in (('0-30', -1, 30), ('31-60', 30, 60), ('>60', 60, 1e18)):
    sel = [x for x in rows if x['reached'] and
           x['outcome'] in ('renewed', 'churned') and lo < x['cal'] <= hi]
    band = [b for b in rep['outcomes']['bands'] if b['band'] == name][0]
    compare('band ' + name, {'accounts': len(sel), 'renewed': sum(
        x['outcome'] == 'renewed' for x in sel)}, band)
if os.path.exists(os.path.join(data, 'postmortems.csv')):
    count = {}
    for r in rows_of('postmortems.csv'):
        k = r['category'].strip().lower().replace(' ', '_').replace('-', '_')
        count[k] = count.get(k, 0) + 1
    for c in rep['postmortems']['categories']:
        compare('post-mortems ' + c['category'],
                {'count': count.get(c['category'], 0)}, c)

print('stats_xcheck: %d accounts, %d tiers, %d cohorts, %d funnel steps; '
      '%d differences' % (len(rows), len(rep['tiers']), len(rep['cohorts']),
                          len(rep['funnel']), diffs))
sys.exit(1 if diffs else 0)

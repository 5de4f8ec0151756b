#!/usr/bin/env python3
"""stats_xcheck.py DATA_DIR REPORT_JSON - recomputes report.json figures
from the CSV exports with nothing but the Python standard library, as an
independent check of gen/stats_*.c.  Every list (tiers, cohorts, steps,
accounts onboarding) comes from the exports and the config, never from
the report, so a report that drops or invents a group differs.  Covered:
overall, tier and cohort percentiles (type 7 through statistics.quantiles
'inclusive'), Kaplan-Meier percentiles (R's quantile.survfit rule), cohort
curves, auto SLAs (rounded up in exact arithmetic), attainment, the
funnel with conversion and drop-off, the renewal bands, renewed and
churned percentiles, time to business value (go_live_at) and its gap, post-mortem counts, every onboarding account's
status, deadline, projected first value and landmark p_on_time (SPEC 8.3),
the status counts per tier, the churn flags, and the weekly review's
targets (this week and the week before) with the accounts that reached
first value or started this week; then it hands its per-account times to
R (tests/stats_xcheck.R) for every SPEC 8.1 figure: KM median intervals
overall, per tier, cohort and segment, the trend's log-rank tests, Wilson
intervals and the renewal gap's prop.test (skipped, and said so, without
Rscript).  Not covered (tested elsewhere, by hand or against R): the
targets over every account, the weekly changes of status, post-mortem
coverage, data quality, the QBR summary.
Expects ISO timestamps, a UTC report timezone and first value from
first_value_event or the first_value_at column (the shape of `ttfv
sample`).  Prints the differences; exits 1 when any."""
import datetime as dt, math, os, shutil, statistics, subprocess, sys, tempfile
from fractions import Fraction

from xcheck_exports import Exports, calendar, ts

ex = Exports(sys.argv[1], sys.argv[2])
data, ini, rep, asof, rows_of = ex.data, ex.ini, ex.rep, ex.asof, ex.rows_of
pauses = ex.pauses
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
    if t < asof and (k not in events or t < events[k]):
        events[k] = t


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


def duration(acct, a, b, span):
    return ex.duration(acct, a, b, span)


def tier_conf(name):
    sec = 'tier ' + name
    g = lambda k, d: ini.get(sec, k, fallback=d) if ini.has_section(sec) else d
    sla = g('sla_days', 'auto')
    return dict(clock=g('clock_start', 'signed_at'),
                span=business if g('days', 'calendar') == 'business'
                else calendar,
                sla=None if sla == 'auto' else float(sla),
                buffer=Fraction(g('buffer', '0.20' if name == 'high-touch'
                                  else '0')))


rows = []
for r in accounts:
    tc = tier_conf(r['tier'])
    st = ts(r.get(tc['clock'], '') or '')
    if st is None or st >= asof:
        continue
    v = events.get((r['account_id'], fv_event)) if fv_event else \
        ts(r.get('first_value_at', '') or '')
    if v is not None and v >= asof:
        v = None
    if v is not None and v < st:
        v = st
    end = v if v is not None else asof
    # business value: go_live_at (the default), as first value is measured
    bv = ts(r.get('go_live_at', '') or '')
    if bv is not None and bv >= asof:
        bv = None
    if bv is not None and bv < st:
        bv = st
    bv_t = duration(r['account_id'], st, bv if bv is not None else asof,
                    calendar)
    rows.append(dict(id=r['account_id'], tier=r['tier'], start=st, fv=v,
                     bv=bv, bv_t=bv_t,
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
def month(t):
    return dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime('%Y-%m')


# the lists come from the exports: a tier or cohort the report dropped,
# or one it made up, is a difference
tier_names = sorted({x['tier'] for x in rows})
rep_tiers = {t['tier']: t for t in rep['tiers']}
if sorted(rep_tiers) != tier_names:
    print('tiers: python %r, ttfv %r' % (tier_names, sorted(rep_tiers)))
    diffs += 1
cohort_names = sorted({month(x['start']) for x in rows})
rep_cohorts = {c['cohort']: c for c in rep['cohorts']}
if sorted(rep_cohorts) != cohort_names:
    print('cohorts: python %r, ttfv %r' % (cohort_names, sorted(rep_cohorts)))
    diffs += 1
sla_of = {}
for name in tier_names:
    t = rep_tiers.get(name, {})
    mine = [x for x in rows if x['tier'] == name]
    g = group(mine, 'sla')
    tc = tier_conf(name)
    # p75 x (1 + buffer) rounded up, in exact arithmetic: the buffer is
    # the decimal the config wrote (0.20 is 1/5, not the nearest double)
    sla = tc['sla'] if tc['sla'] is not None else \
        (math.ceil(Fraction(g['p75']) * (1 + tc['buffer']))
         if g['p75'] is not None else None)
    g['sla_days'] = sla
    if sla is not None:
        over = [x['sla'] > sla for x in mine]
        g['sla_met'] = sum(x['reached'] and not o for x, o in zip(mine, over))
        g['sla_closed'] = sum(x['reached'] or o for x, o in zip(mine, over))
        g['breached'] = sum(not x['reached'] and x['outcome'] != 'churned'
                            and o for x, o in zip(mine, over))
    sla_of[name] = sla
    compare('tier ' + name, g, t)
for name in cohort_names:
    c = rep_cohorts.get(name, {'curve': []})
    rs = [x for x in rows if month(x['start']) == name]
    compare('cohort ' + name, group(rs, 'cal'), c)
    data_ = [(x['cal'], 1 if x['reached'] else 0) for x in rs]
    jumps, last = km_steps(data_)
    curve = [[d, next((f for t, f in reversed(jumps) if t <= d), 0.0)]
             for d in range(min(horizon, math.floor(last)) + 1)]
    compare('cohort %s curve' % name,
            {'points': len(curve)}, {'points': len(c['curve'])})
    for (d, f), (_, g) in zip(curve, c['curve']):
        if abs(f - g) > 1e-9:
            print('cohort %s curve day %d: python %r, ttfv %r' % (
                name, d, f, g))
            diffs += 1
            break

steps = [dict(step=sec[5:], column=ini.get(sec, 'column', fallback=None),
              event=ini.get(sec, 'event', fallback=None))
         for sec in ini.sections() if sec.startswith('step ')]
if [x['step'] for x in steps] != [x['step'] for x in rep['steps']]:
    print('steps: python %r, ttfv %r' % ([x['step'] for x in steps],
                                         [x['step'] for x in rep['steps']]))
    diffs += 1
ids = [x['id'] for x in rows]
col = {r['account_id']: r for r in accounts}


def step_at(a, s):
    if s['event']:
        return events.get((a, s['event']))
    t = ts(col[a].get(s['column'], '') or '')
    return t if t is not None and t < asof else None


if len(rep['funnel']) != len(steps):
    print('funnel: %d steps, ttfv %d' % (len(steps), len(rep['funnel'])))
    diffs += 1
for i, f in enumerate(rep['funnel']):
    done = [a for a in ids if step_at(a, steps[i]) is not None]
    last_step = i + 1 == len(steps)
    nxt = done if last_step else \
        [a for a in done if step_at(a, steps[i + 1]) is not None]
    gaps = [] if last_step else [
        (step_at(a, steps[i + 1]) - step_at(a, steps[i])) / 86400
        for a in nxt if step_at(a, steps[i + 1]) >= step_at(a, steps[i])]
    conv = len(nxt) / len(done) if done else None
    compare('funnel ' + f['step'],
            {'reached': len(done), 'next': len(nxt), 'conversion': conv,
             'dropoff': None if conv is None else 1 - conv,
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

# ---- renewed vs churned: type 7 over reached accounts with each outcome
for oc in ('renewed', 'churned'):
    sel = [x['cal'] for x in rows if x['reached'] and x['outcome'] == oc]
    mine = {'accounts': len(sel)}
    for p in (25, 50, 75, 90):
        mine['p%d' % p] = type7(sel, p / 100)
    compare('outcome ' + oc, mine, rep['outcomes'][oc])


# ---- accounts still onboarding: status, deadline, projection (SPEC 3)
def merged_pauses(acct, a):
    """The account's pauses from a on, merged; None ends an open one."""
    iv = sorted((max(p, a), r) for p, r in pauses.get(acct, [])
                if r is None or r > a)
    out = []
    for x, y in iv:
        if out and (out[-1][1] is None or x <= out[-1][1]):
            if out[-1][1] is not None:
                out[-1] = (out[-1][0], None if y is None
                           else max(out[-1][1], y))
        else:
            out.append((x, y))
    return out


def instant_after(t, days, span):
    """The instant `days` of the span's days after t: walking day by day;
    a whole number of business days ends with the last business day."""
    if span is calendar:
        return t + round(days * 86400)
    left, d = days, dt.datetime.fromtimestamp(t, dt.timezone.utc).date()
    while True:
        ds = dt.datetime(d.year, d.month, d.day,
                         tzinfo=dt.timezone.utc).timestamp()
        if d.weekday() < 5 and d not in hol:
            begin = max(t, ds)
            avail = (ds + 86400 - begin) / 86400
            if left <= avail:
                return begin + round(left * 86400)
            left -= avail
        d += dt.timedelta(1)


def deadline(acct, start, sla, span):
    t = instant_after(start, sla, span)
    for a, b in merged_pauses(acct, start):
        if a >= t:
            break
        if b is None:
            return None         # a pause still open stops the clock
        t = instant_after(t, span(a, b), span)
    return t


fv_steps = [k for k, x in enumerate(steps)
            if (fv_event and x['event'] == fv_event) or
            (not fv_event and x['column'] == 'first_value_at')]
npre = fv_steps[0] if fv_steps else len(steps)
by_id = {x['id']: x for x in rows}


def seg(a, k):
    """Segment k of account a: from the step before (or the clock start)
    to step k (or, after the last step before it, first value)."""
    x = by_id[a]['start'] if k == 0 else step_at(a, steps[k - 1])
    y = step_at(a, steps[k]) if k < npre else by_id[a]['fv']
    return x, y


seg_median = {}
for name in tier_names:
    for k in range(npre + 1):
        v = []
        for x in rows:
            if x['tier'] != name:
                continue
            b, e = seg(x['id'], k)
            if b is not None and e is not None and e >= b:
                v.append(e - b)
        seg_median[name, k] = statistics.median(v) if v else None

onboarding = {}
for x in rows:
    if x['reached'] or x['outcome'] == 'churned':
        continue
    a, tc = x['id'], tier_conf(x['tier'])
    own = (col[a].get('sla_days') or '').strip()
    sla = float(own) if own else sla_of[x['tier']]
    done = [step_at(a, st) is not None for st in steps[:npre]]
    cur = next((k for k, d in enumerate(done) if not d), npre)
    total = 0.0
    for k in range(cur, npre + 1):
        if k < npre and done[k]:
            continue            # done out of order
        med = seg_median[x['tier'], k]
        if med is None:
            total = None
            break
        if k == cur:
            med = max(med - (asof - seg(a, k)[0]), 0.0)
        total += med
    proj = None if total is None else asof + round(total)
    dl = None if sla is None else deadline(a, x['start'], sla, tc['span'])
    status = 'on-track'
    if sla is not None:
        step2 = len(steps) < 2 or step_at(a, steps[1]) is not None
        if x['sla'] > sla:
            status = 'breached'
        elif (x['sla'] > 0.5 * sla and not step2) or \
                (proj is not None and dl is not None and proj > dl):
            status = 'at-risk'
    day_of = lambda t: None if t is None else dt.datetime.fromtimestamp(
        t, dt.timezone.utc).strftime('%Y-%m-%d')
    onboarding[a] = dict(tier=x['tier'], status=status, elapsed=x['sla'],
                         sla=sla,
                         deadline=day_of(None if dl is None else dl - 1),
                         projected=day_of(proj))
theirs = {r['account_id']: r for r in rep['onboarding']}
if sorted(theirs) != sorted(onboarding):
    print('onboarding: python %d accounts, ttfv %d (%r ...)' % (
        len(onboarding), len(theirs),
        sorted(set(theirs) ^ set(onboarding))[:5]))
    diffs += 1
for a, o in sorted(onboarding.items()):
    r = theirs.get(a)
    if r is None:
        continue
    for k, w in (('status', r['status']), ('deadline', r['deadline']),
                 ('projected', r['projected_first_value'])):
        if o[k] != w:
            print('onboarding %s %s: python %r, ttfv %r' % (a, k, o[k], w))
            diffs += 1
    compare('onboarding ' + a, {'elapsed_days': o['elapsed']}, r)
for name in tier_names:
    st = [o['status'] for o in onboarding.values() if o['tier'] == name]
    compare('tier %s statuses' % name,
            {'on_track': st.count('on-track'), 'at_risk': st.count('at-risk'),
             'breached': st.count('breached')}, rep_tiers.get(name, {}))

# ---- chance of making the SLA (SPEC 8.3), each landmark set by its
# definition: the tier's accounts with time >= e that had as many steps done
# within e of their clock start (first value is no step here), all of them
# at risk when fewer than 20; Kaplan-Meier of t - e at the days left
def steps_done_days(x):
    span = tier_conf(x['tier'])['span']
    return [duration(x['id'], x['start'], t, span)
            for k, t in ((k, step_at(x['id'], st)) for k, st in
                         enumerate(steps)) if k not in fv_steps and t is not None]


done_days = {x['id']: steps_done_days(x) for x in rows}


def km_residual(subjects, e, left):
    res = sorted((t - e, ev) for t, ev in subjects)
    s, i = 1.0, 0
    while i < len(res) and res[i][0] <= left:
        j, d = i, 0
        while j < len(res) and res[j][0] == res[i][0]:
            d, j = d + res[j][1], j + 1
        s *= 1 - d / (len(res) - i)
        i = j
    return 1 - s


for a, o in sorted(onboarding.items()):
    if a not in theirs:
        continue
    x, sla = by_id[a], o['sla']
    if sla is None:
        want = None
    elif x['sla'] > sla:
        want = 0.0
    else:
        e = x['sla']
        c = sum(d <= e for d in done_days[a])
        risk_set = [y for y in rows if y['tier'] == x['tier'] and y['sla'] >= e]
        lm = [y for y in risk_set
              if sum(d <= e for d in done_days[y['id']]) == c]
        lm = lm if len(lm) >= 20 else risk_set
        want = km_residual([(y['sla'], y['reached']) for y in lm], e, sla - e)
    compare('p_on_time ' + a, {'p_on_time': want}, theirs[a])

# ---- time to business value (go_live_at)
if any((r.get('go_live_at') or '').strip() for r in accounts):
    mine = group([dict(x, cal=x['bv_t'], reached=x['bv'] is not None)
                  for x in rows], 'cal')
    gaps = [x['bv_t'] - x['cal'] for x in rows
            if x['bv'] is not None and x['reached']]
    mine['gap_accounts'] = len(gaps)
    mine['gap_p50'] = type7(gaps, 0.5)
    compare('business value', mine, rep.get('business_value') or {})

# ---- churn flags (seed 003) over the accounts that have not churned
week_ago = asof - 7 * 86400
users = {}
for r in rows_of('events.csv'):
    t = ts(r['timestamp'])
    if r.get('user_id') and week_ago <= t < asof:
        users.setdefault(r['account_id'], set()).add(r['user_id'])
wau_min = ini.getint('report', 'wau_threshold', fallback=2)
sponsor_known = any((r.get('exec_sponsor') or '').strip() for r in accounts)
flags = dict(breach=0, no_exec_sponsor=0, low_wau=0, any=0)
for x in rows:
    if x['outcome'] == 'churned':
        continue
    own = (col[x['id']].get('sla_days') or '').strip()
    sla = float(own) if own else sla_of[x['tier']]
    b = sla is not None and x['sla'] > sla
    sp = sponsor_known and not (col[x['id']].get('exec_sponsor') or '').strip()
    w = x['reached'] and len(users.get(x['id'], ())) < wau_min
    flags['breach'] += b
    flags['no_exec_sponsor'] += sp
    flags['low_wau'] += w
    flags['any'] += b or sp or w
compare('churn flags', flags, rep['churn_flags'])

# ---- the weekly review (SPEC 8.2): weeks of 7 x 86400 s in UTC, week k
# ending at B[k]; each figure of week k as the report as of B[k] saw it
B = [asof - k * 7 * 86400 for k in range(5)]
first_wk2 = {}
for r in rows_of('events.csv'):
    t, a = ts(r['timestamp']), r['account_id']
    x = by_id.get(a)
    if x and x['start'] + 7 * 86400 <= t < x['start'] + 14 * 86400:
        first_wk2[a] = min(t, first_wk2.get(a, t))
path = {r['account_id']: (r.get('intervention_path') or '').strip()
        for r in accounts}
record = {r['account_id']: all((r.get(c) or '').strip() for c in (
    'milestone_owner', 'proof_asset_link', 'escalation_approver'))
    for r in accounts}
known = any((r.get(c) or '').strip() for r in accounts for c in (
    'milestone_owner', 'proof_asset_link', 'escalation_approver'))


def share(num, den):
    return num / den if den else None


def week(k):
    end = B[k]
    cohort = [x for x in rows if B[k + 2] <= x['start'] < B[k + 1]]
    data_ = []
    for x in cohort:
        hit = x['reached'] and x['fv'] < end
        data_.append((x['cal'] if hit else
                      duration(x['id'], x['start'], end, calendar), hit))
    got = [x for x in rows if x['reached'] and B[k + 1] <= x['fv'] < end]
    with_path = [x for x in got if path[x['id']]]
    wk2 = [x for x in rows if B[k + 3] <= x['start'] < B[k + 2]]
    return {
        'median_ttfv_days': (km_quantile(
            [(t, 1 if e else 0) for t, e in data_], 0.5), len(cohort)),
        'first_value_rate_7d': (share(sum(e and t <= 7 for t, e in data_),
                                      len(cohort)), len(cohort)),
        'manual_assist_share': (share(sum(
            path[x['id']].lower() != 'automation_only' for x in with_path),
            len(with_path)), len(with_path)),
        'record_completeness': (share(sum(record[x['id']] for x in got),
                                      len(got)) if known else None,
                                len(got)),
        'week2_retention': (share(sum(x['id'] in first_wk2 for x in wk2),
                                  len(wk2)), len(wk2)),
    }


now, before = week(0), week(1)
for t in rep['weekly']['targets']:
    k = t['key']
    compare('weekly ' + k, {'value': now[k][0], 'accounts': now[k][1],
                            'previous': before[k][0],
                            'previous_accounts': before[k][1]}, t)
for key, mine in (
        ('reached', [x['id'] for x in rows
                     if x['reached'] and x['fv'] >= B[1]]),
        ('new_accounts', [x['id'] for x in rows if x['start'] >= B[1]])):
    if sorted(mine) != sorted(rep['weekly']['changes'][key]):
        print('weekly changes %s: python %d, ttfv %d' % (
            key, len(mine), len(rep['weekly']['changes'][key])))
        diffs += 1

# ---- SPEC 8.1 against R itself (survfit, survdiff, prop.test) ---------
# The per-account times and events above are this script's own; R gets
# them and answers, and each answer is compared with report.json.  No
# Rscript (or no survival package): said so, and skipped.
jobs = []


def vec(v):
    return ','.join(repr(float(x)) for x in v) if v else 'NaN'


def job(key, rest, want):
    jobs.append(('%s %s' % (key.replace(' ', '_'), rest), want))


def km_job(key, rs, tk, want):
    job(key, 'km %s %s' % (vec([x[tk] for x in rs]),
                           vec([x['reached'] for x in rs])), want)


def wilson_job(key, x, n, want):
    job(key, 'wilson %d,%d' % (x, n), want)


attrs = {r['account_id']: r for r in accounts}
km_job('overall', rows, 'cal', (rep['overall']['km_p50'],
       rep['overall']['km_p50_lower'], rep['overall']['km_p50_upper']))


def month(x):
    return dt.datetime.fromtimestamp(x['start'], dt.timezone.utc).strftime(
        '%Y-%m')


def month_end(name):
    y, m = map(int, name.split('-'))
    return dt.datetime(y + m // 12, m % 12 + 1, 1,
                       tzinfo=dt.timezone.utc).timestamp()


def trend_jobs(key, rs, tk, tr):
    names = sorted({month(x) for x in rs})
    done = [c for c in names if month_end(c) <= asof]
    if len(done) < 2:
        compare(key + ' trend', {'direction': None}, tr)
        return
    latest, base = done[-1], done[-1 - min(3, len(done) - 1):-1]
    if tr['cohort'] != latest or tr['baseline'] != base:
        print('%s trend: python %s vs %s, ttfv %s vs %s' % (
            key, latest, base, tr['cohort'], tr['baseline']))
        global diffs
        diffs += 1
        return
    sel = [x for x in rs if month(x) in base or month(x) == latest]
    job(key + '-trend', 'lr %s %s %s' % (
        vec([x[tk] for x in sel]), vec([x['reached'] for x in sel]),
        vec([month(x) == latest for x in sel])),
        (tr['chisq'], tr['p_value']))
    km_job(key + '-base', [x for x in sel if month(x) in base], tk,
           (tr['baseline_km_p50'], tr['baseline_km_p50_lower'],
            tr['baseline_km_p50_upper']))


trend_jobs('pooled', rows, 'cal', rep['trend'])
for t in rep['tiers']:
    mine = [x for x in rows if x['tier'] == t['tier']]
    key = 'tier-' + t['tier']
    km_job(key, mine, 'sla', (t['km_p50'], t['km_p50_lower'],
                              t['km_p50_upper']))
    wilson_job(key + '-att', t['sla_met'], t['sla_closed'],
               (t['attainment_lower'], t['attainment_upper']))
    trend_jobs(key, mine, 'sla', t['trend'])
for c in rep['cohorts']:
    rs = [x for x in rows if month(x) == c['cohort']]
    km_job('cohort-' + c['cohort'], rs, 'cal',
           (c['km_p50'], c['km_p50_lower'], c['km_p50_upper']))
    wilson_job('cohort-%s-reached' % c['cohort'], c['reached'],
               c['accounts'], (c['reached_share_lower'],
                               c['reached_share_upper']))
for bd in rep['breakdowns']:
    col = bd['column']
    if col == 'company_size' and all(
            attrs[x['id']].get(col, '').strip().replace('.', '').isdigit()
            for x in rows if attrs[x['id']].get(col, '').strip()):
        continue        # banded by ttfv: the bands are its own
    for g in bd['groups']:
        rs = [x for x in rows if attrs[x['id']].get(col, '').strip() ==
              g['value']]
        compare('%s %s' % (col, g['value']), {'accounts': len(rs)}, g)
        km_job('%s-%s' % (col, g['value']), rs, 'cal',
               (g['km_p50'], g['km_p50_lower'], g['km_p50_upper']))
bounds = [int(b) for b in ini.get('report', 'renewal_bands',
                                  fallback='30, 60').split(',')]
counts = [[0, 0] for _ in range(len(bounds) + 2)]
for x in rows:
    if x['outcome'] not in ('renewed', 'churned'):
        continue
    b = len(bounds) + 1 if not x['reached'] else \
        next((i for i, hi in enumerate(bounds) if x['cal'] <= hi),
             len(bounds))
    counts[b][0] += 1
    counts[b][1] += x['outcome'] == 'renewed'
bands = rep['outcomes']['bands']
compare('bands', {'count': len(counts)}, {'count': len(bands)})
for (n, r), b in zip(counts, bands):
    compare('band ' + b['band'], {'accounts': n, 'renewed': r}, b)
    wilson_job('band-' + b['band'], r, n, (b['renewal_rate_lower'],
                                           b['renewal_rate_upper']))
to = next((i for i in range(len(counts) - 1, 0, -1)
           if counts[i][0] >= 30), None)
gap = rep['outcomes']['gap']
if to is None or counts[0][0] == 0:
    compare('gap', {'null': 1}, {'null': 1 if gap is None else 0})
else:
    compare('gap', {'to': to}, {'to': [b['band'] for b in bands].index(
        gap['to'])})
    job('gap', 'prop2 %d,%d,%d,%d' % (counts[0][1], counts[to][1],
                                      counts[0][0], counts[to][0]),
        (gap['p_value'],))

rscript = shutil.which('Rscript')
here = os.path.dirname(os.path.abspath(__file__))
if rscript and subprocess.run([rscript, '-e', 'library(survival)'],
                              capture_output=True).returncode == 0:
    with tempfile.NamedTemporaryFile('w', suffix='.txt', delete=False) as f:
        f.write('\n'.join(j for j, _ in jobs) + '\n')
    res = subprocess.run([rscript, os.path.join(here, 'stats_xcheck.R'),
                          f.name], capture_output=True, text=True)
    os.unlink(f.name)
    lines = res.stdout.split('\n')
    if res.returncode or len([x for x in lines if x.strip()]) != len(jobs):
        print('R failed: %s' % res.stderr[-2000:])
        diffs += 1
    for (line_job, want), line in zip(jobs, lines):
        got = [None if v == 'NA' else float(v) for v in line.split()[1:]]
        if len(got) != len(want):
            print("%s: R gave %r" % (line_job.split()[0], line))
            diffs += 1
            continue
        for g, w in zip(got, want):
            if (g is None) != (w is None) or (
                    g is not None and abs(g - w) > 1e-9 * max(1, abs(g))):
                print("%s: R %r, ttfv %r" % (line_job.split()[0], got, want))
                diffs += 1
                break
    print('stats_xcheck: %d figures checked against R' % len(jobs))
else:
    print('stats_xcheck: SKIPPED the %d R checks (no Rscript with the '
          'survival package)' % len(jobs))

print('stats_xcheck: %d accounts, %d tiers, %d cohorts, %d funnel steps, '
      '%d onboarding; %d differences' % (
          len(rows), len(tier_names), len(cohort_names), len(steps),
          len(onboarding), diffs))
sys.exit(1 if diffs else 0)

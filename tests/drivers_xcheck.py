#!/usr/bin/env python3
"""drivers_xcheck.py DATA_DIR REPORT_JSON - recomputes report.json's
`drivers` and `experiments` (SPEC 8.4) from the CSV exports, independently
of gen/stats_drivers.c and gen/stats_experiments.c:
- the counts (with / without each event in its first driver_days, renewed;
  each arm's accounts, eligible and activated within 30 days) in Python;
- P(variant better) by numerical integration of the two Beta posteriors
  (midpoint rule on 200,000 points), and the decision from it;
- prop.test(correct = FALSE) p-values, survdiff chi-square and p-value,
  and quantile(survfit(...), 0.5) with its interval, from R, when Rscript
  is installed (otherwise says so and skips them).
Calendar days less pauses; expects ISO timestamps and a UTC report timezone
(the shape of `ttfv sample`).  Prints the differences; exits 1 when any."""
import math, os, shutil, subprocess, sys, tempfile

from xcheck_exports import Exports, calendar, ts

ex = Exports(sys.argv[1], sys.argv[2])
data, ini, rep, asof, rows_of = ex.data, ex.ini, ex.rep, ex.asof, ex.rows_of
fv_event = ini.get('report', 'first_value_event', fallback=None)
window = ini.getint('report', 'driver_days', fallback=14)
control = ini.get('experiment', 'control', fallback=None)

first = {}      # (account, event) -> first time, over every row
names = []
for r in rows_of('events.csv'):
    t, k = ts(r['timestamp']), (r['account_id'], r['event'])
    if r['event'] not in names:
        names.append(r['event'])
    if k not in first or t < first[k]:
        first[k] = t
rows = []
for r in rows_of('accounts.csv'):
    sec = 'tier ' + r.get('tier', '')
    clock = ini.get(sec, 'clock_start', fallback='signed_at') \
        if ini.has_section(sec) else 'signed_at'
    st = ts(r.get(clock))
    if st is None or st > asof:
        continue
    v = first.get((r['account_id'], fv_event)) if fv_event else \
        ts(r.get('first_value_at'))
    if v is not None and v > asof:
        v = None
    if v is not None and v < st:
        v = st
    rows.append(dict(id=r['account_id'], start=st, reached=v is not None,
                     outcome=r.get('outcome', ''),
                     variant=(r.get('variant') or '').strip(),
                     t=ex.duration(r['account_id'], st,
                                  v if v is not None else asof, calendar)))

diffs = 0


def compare(where, key, mine, theirs, tol=1e-9):
    """Counts exactly, figures to tol relative (p-values of 1e-40 too)."""
    global diffs
    if (mine is None) != (theirs is None) or (mine is not None and (
            abs(mine - theirs) > tol * max(1e-300, abs(mine))
            if isinstance(mine, float) else mine != theirs)):
        print('%s %s: independent %r, ttfv %r' % (where, key, mine, theirs))
        diffs += 1


# ---- value drivers --------------------------------------------------------
outcome_rows = [x for x in rows if x['outcome'] in ('renewed', 'churned')]
sides = {}
for e in names:
    w = [x for x in outcome_rows
         if (x['id'], e) in first and first[(x['id'], e)] < asof and
         first[(x['id'], e)] - x['start'] <= window * 86400]
    ids = {x['id'] for x in w}
    sides[e] = (w, [x for x in outcome_rows if x['id'] not in ids])
compare('drivers', 'count', len(names), len(rep['drivers']))
lifts = []
for d in rep['drivers']:
    w, wo = sides.get(d['event'], ([], []))
    compare(d['event'], 'window_days', window, d['window_days'])
    for name, side, got in (('with', w, d['with']),
                            ('without', wo, d['without'])):
        ren = sum(x['outcome'] == 'renewed' for x in side)
        compare(d['event'], name + '.accounts', len(side), got['accounts'])
        compare(d['event'], name + '.renewed', ren, got['renewed'])
    lifts.append(d['lift'])
# ordered by lift, largest first, the ones without a lift last
known = [x for x in lifts if x is not None]
if known != sorted(known, reverse=True) or \
        lifts[:len(known)] != known:
    print('drivers: not ordered by lift: %r' % lifts)
    diffs += 1

# ---- experiments ----------------------------------------------------------
arms = sorted({x['variant'] for x in rows if x['variant']} |
              {(r.get('variant') or '').strip()
               for r in rows_of('accounts.csv')} - {''},
              key=lambda s: s.encode())
ctrl = control if control else (arms[0] if arms else None)


def arm_counts(name):
    rs = [x for x in rows if x['variant'] == name]
    early = [x for x in rs if x['reached'] and x['t'] <= 30]
    eligible = [x for x in rs if (x['reached'] and x['t'] <= 30) or
                x['t'] >= 30]
    return rs, len(eligible), len(early)


def beta_logpdf(x, a, b):
    return (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) +
            (a - 1) * math.log(x) + (b - 1) * math.log1p(-x))


def p_better(cs, cf, vs, vf, n=200000):
    """P(rate_v > rate_c) = integral of f_v(x) F_c(x) over (0, 1), with F_c
    accumulated on the same midpoints."""
    h, cum, total = 1.0 / n, 0.0, 0.0
    for i in range(n):
        x = (i + 0.5) * h
        fc = math.exp(beta_logpdf(x, 1 + cs, 1 + cf))
        cum += fc * h / 2          # F_c at the midpoint: half this cell
        total += math.exp(beta_logpdf(x, 1 + vs, 1 + vf)) * cum * h
        cum += fc * h / 2
    return total


near = []
compare('experiments', 'count', len(arms) - 1 if arms else 0,
        len(rep['experiments']))
for e in rep['experiments']:
    where = 'experiment %s' % e['variant']
    compare(where, 'control', ctrl, e['control'])
    c_rows, c_el, c_act = arm_counts(e['control'])
    v_rows, v_el, v_act = arm_counts(e['variant'])
    compare(where, 'accounts', len(c_rows) + len(v_rows), e['accounts'])
    for pre, rs, el, act in (('control_', c_rows, c_el, c_act),
                             ('variant_', v_rows, v_el, v_act)):
        compare(where, pre + 'accounts', len(rs), e[pre + 'accounts'])
        compare(where, pre + 'eligible', el, e[pre + 'eligible'])
        compare(where, pre + 'activated', act, e[pre + 'activated'])
        compare(where, pre + 'rate', act / el if el else None, e[pre + 'rate'])
    p = p_better(c_act, c_el - c_act, v_act, v_el - v_act) \
        if c_el and v_el else None
    compare(where, 'p_variant_better', p, e['p_variant_better'], 1e-6)
    decision = 'keep running' if p is None else \
        'variant better' if p >= 0.95 else \
        'control better' if p <= 0.05 else 'keep running'
    compare(where, 'decision', decision, e['decision'])
    if p is not None and 0.9 <= p <= 0.99:
        near.append('%s %.4f' % (e['variant'], p))

# ---- R: prop.test, survdiff, quantile(survfit) ----------------------------
rscript = shutil.which('Rscript')
if not rscript:
    print('drivers_xcheck: Rscript not found: prop.test, survdiff and '
          'quantile.survfit comparisons SKIPPED')
else:
    def vec(v):
        return 'c(%s)' % ', '.join(repr(float(x)) for x in v)
    lines = ['suppressMessages(library(survival))',
             'options(digits = 17, warn = -1)',
             'q <- function(t, e) { r <- quantile(survfit(Surv(t, e) ~ 1),'
             ' 0.5); c(r$quantile, r$lower, r$upper) }']
    for i, d in enumerate(rep['drivers']):
        w, wo = sides.get(d['event'], ([], []))
        if w and wo:
            x1 = sum(x['outcome'] == 'renewed' for x in w)
            x2 = sum(x['outcome'] == 'renewed' for x in wo)
            lines.append('cat("driver %d", prop.test(c(%d, %d), c(%d, %d), '
                         'correct = FALSE)$p.value, "\\n")'
                         % (i, x1, x2, len(w), len(wo)))
    for i, e in enumerate(rep['experiments']):
        for pre in ('control', 'variant'):
            rs = arm_counts(e[pre])[0]
            if rs:
                lines.append('cat("km %d %s", q(%s, %s), "\\n")' % (
                    i, pre, vec(x['t'] for x in rs),
                    vec(x['reached'] for x in rs)))
        c_rows, v_rows = arm_counts(e['control'])[0], \
            arm_counts(e['variant'])[0]
        if c_rows and v_rows:
            both = c_rows + v_rows
            lines.append(
                'tt <- %s; ee <- %s; g <- %s; d <- survdiff(Surv(tt, ee) ~ '
                'g); cat("logrank %d", d$chisq, pchisq(d$chisq, 1, '
                'lower.tail = FALSE), "\\n")' % (
                    vec(x['t'] for x in both),
                    vec(x['reached'] for x in both),
                    vec([0] * len(c_rows) + [1] * len(v_rows)), i))
    with tempfile.NamedTemporaryFile('w', suffix='.R', delete=False) as f:
        f.write('\n'.join(lines) + '\n')
    out = subprocess.run([rscript, f.name], capture_output=True, text=True)
    os.unlink(f.name)
    if out.returncode:
        print('Rscript failed: ' + out.stderr[-600:])
        diffs += 1
    num = lambda s: None if s == 'NA' else float(s)
    checked = 0
    for line in out.stdout.splitlines():
        f = line.split()
        if f[0] == 'driver':
            d = rep['drivers'][int(f[1])]
            compare(d['event'], 'p_value', num(f[2]), d['p_value'])
        elif f[0] == 'km':
            e = rep['experiments'][int(f[1])]
            for k, v in zip(('km_p50', 'km_p50_lower', 'km_p50_upper'),
                            f[3:6]):
                compare('experiment %s' % e['variant'], f[2] + '_' + k,
                        num(v), e[f[2] + '_' + k])
        elif f[0] == 'logrank':
            e = rep['experiments'][int(f[1])]
            compare('experiment %s' % e['variant'], 'logrank_chisq',
                    num(f[2]), e['logrank_chisq'], 1e-7)
            compare('experiment %s' % e['variant'], 'logrank_p',
                    num(f[3]), e['logrank_p'], 1e-7)
        checked += 1
    print('drivers_xcheck: %d R figures compared' % checked)

print('drivers_xcheck: %d drivers, %d experiments%s; %d differences' % (
    len(rep['drivers']), len(rep['experiments']),
    ' (P near 0.95: %s)' % ', '.join(near) if near else '', diffs))
sys.exit(1 if diffs else 0)

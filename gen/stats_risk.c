/* stats_risk.c - SPEC 8.3: the probability that an account still
 * onboarding makes its SLA, from the accounts of its tier that were where
 * it is now (a landmark Kaplan-Meier estimate); the route that follows
 * from it; and the same estimate backtested 28 days ago, so the report can
 * show how far its probabilities deserve trust.
 *
 * The landmark set of an account at elapsed time e holds its tier's
 * accounts with time >= e whose step count at e equals its own.  Two facts
 * keep this cheap for every account at once:
 * - the set changes with e only when some account completes a step (its
 *   count moves up one), so one sweep over the tier's queries in order of e
 *   keeps, per step count, the members as a bitset over the tier's
 *   accounts in time order: a step is two bit flips, and "members ranked
 *   after r" a popcount over words and superblock counts;
 * - a KM product over a window telescopes: with n_i at risk and d_i first
 *   values at the i-th time, prod (n_i - d_i) / n_i equals
 *   n_after / n_0 * prod over censoring times x of (n_>x + c_x) / n_>x,
 *   so only the censored members in the window are visited (accounts
 *   still without first value), never the many that reached it: the
 *   window's words are counted 64 members at a time, and a mask of the
 *   censored ranks finds those among them.
 * Per tier that is O(n * steps) for the moves plus, per query, its
 * window's words and the censored members in it.  The visits grow with
 * the onboarding accounts squared over the step counts (2.9 million at
 * 200,000 accounts, a few instructions each); the words, with accounts
 * times onboarding accounts over 64.
 */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *stats_route_name(enum route r)
{
	static const char *const name[] = {"monitor", "automated", "human"};
	return name[r];
}

/* ---- the landmark estimate ---------------------------------------------- */

struct keyed_time {
	double t;
	bool event;
	uint32_t i;
};

static int cmp_keyed_time(const void *a, const void *b)
{
	const struct keyed_time *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->event != y->event)
		return x->event ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* Subjects with a group, by time, events first at equal times. */
static uint32_t *order_build(const struct landmark_set *ls, size_t *n)
{
	struct keyed_time *k = xmalloc((ls->n ? ls->n : 1) * sizeof(*k));
	size_t m = 0;
	for (uint32_t i = 0; i < ls->n; i++)
		if (ls->group[i] >= 0)
			k[m++] = (struct keyed_time){ls->time[i], ls->event[i], i};
	qsort(k, m, sizeof(*k), cmp_keyed_time);
	uint32_t *out = xmalloc((m ? m : 1) * sizeof(*out));
	for (size_t i = 0; i < m; i++)
		out[i] = k[i].i;
	free(k);
	*n = m;
	return out;
}

/* One tier's subjects in time order, with the sweep's state: the members
 * of each step count as a bitset over ranks, with a count per superblock
 * of 4096 ranks, so that a step moving an account costs two bit flips and
 * "members ranked r or later" a few dozen additions. */
#define SUPER_BITS 12
#define SUPER_WORDS ((size_t)1 << (SUPER_BITS - 6))

struct tier_sweep {
	size_t m;
	double *t;
	uint64_t *cmask;	/* nw words: the censored ranks */
	size_t ngrp;		/* step counts 0..nsteps */
	size_t nw, nsup;	/* words and superblocks per bitset */
	uint64_t *bits;		/* ngrp bitsets of nw words */
	int32_t *sup;		/* ngrp arrays of nsup counts */
	uint8_t *grp;		/* each rank's step count so far */
};

static void member_move(struct tier_sweep *ts, size_t r, uint8_t to)
{
	uint8_t from = ts->grp[r];
	uint64_t bit = (uint64_t)1 << (r % 64);
	ts->bits[(size_t)from * ts->nw + r / 64] &= ~bit;
	ts->bits[(size_t)to * ts->nw + r / 64] |= bit;
	ts->sup[(size_t)from * ts->nsup + (r >> SUPER_BITS)]--;
	ts->sup[(size_t)to * ts->nsup + (r >> SUPER_BITS)]++;
	ts->grp[r] = to;
}

/* Everyone starts with no step done. */
static void members_init(struct tier_sweep *ts)
{
	ts->nw = (ts->m + 63) / 64;
	ts->nsup = (ts->nw + SUPER_WORDS - 1) / SUPER_WORDS;
	ts->bits = xcalloc(ts->ngrp * ts->nw + 1, sizeof(*ts->bits));
	ts->sup = xcalloc(ts->ngrp * ts->nsup + 1, sizeof(*ts->sup));
	ts->grp = xcalloc(ts->m ? ts->m : 1, sizeof(*ts->grp));
	for (size_t r = 0; r < ts->m; r++) {
		ts->bits[r / 64] |= (uint64_t)1 << (r % 64);
		ts->sup[r >> SUPER_BITS]++;
	}
}

/* Bits set in x, without a call to libgcc (the build does not assume a
 * popcount instruction). */
static inline size_t ones(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (size_t)((x * 0x0101010101010101ULL) >> 56);
}

/* Members of step count c ranked in [a, b); every subject when c < 0. */
static size_t members_in(const struct tier_sweep *ts, int c, size_t a,
			 size_t b)
{
	if (c < 0 || a >= b)
		return c < 0 && b > a ? b - a : 0;
	const uint64_t *w = ts->bits + (size_t)c * ts->nw;
	size_t wa = a / 64, wb = b / 64;
	uint64_t lo_mask = ~(uint64_t)0 << (a % 64);
	uint64_t hi_mask = b % 64 ? ((uint64_t)1 << (b % 64)) - 1 : 0;
	if (wa == wb)
		return ones(w[wa] & lo_mask & hi_mask);
	size_t n = ones(w[wa] & lo_mask);
	/* whole superblocks by their counts, the words around them one by
	 * one */
	size_t i = wa + 1;
	for (; i < wb && i % SUPER_WORDS; i++)
		n += ones(w[i]);
	const int32_t *sup = ts->sup + (size_t)c * ts->nsup;
	for (; i + SUPER_WORDS <= wb; i += SUPER_WORDS)
		n += (size_t)sup[i / SUPER_WORDS];
	for (; i < wb; i++)
		n += ones(w[i]);
	if (hi_mask)
		n += ones(w[wb] & hi_mask);
	return n;
}

static size_t first_at_or_after(const double *t, size_t m, double x)
{
	size_t lo = 0, hi = m;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First rank from lo whose residual time t - e is beyond left, compared
 * as R compares Surv(t - e) with times = left. */
static size_t first_beyond(const double *t, size_t lo, size_t m, double e,
			   double left)
{
	size_t hi = m;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid] - e <= left)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* 1 - S_L(left) for the set of step count c at e (see the top): the
 * window's ranks from its end down, a word of the count's bitset at a
 * time; each censored member met gets the members ranked after it (those
 * of the words above, counted as they pass, and of its own word above
 * it).  Equal censoring times are adjacent (first values at a time rank
 * before its censorings) and make one factor, taken at their highest. */
static double landmark_one(const struct tier_sweep *ts, int c, double e,
			   double left)
{
	size_t lo = first_at_or_after(ts->t, ts->m, e);
	size_t hi = first_beyond(ts->t, lo, ts->m, e, left);
	size_t after = members_in(ts, c, hi, ts->m);
	size_t within = members_in(ts, c, lo, hi);
	if (after + within < STATS_LANDMARK_MIN) {
		c = -1;
		after = ts->m - hi;
		within = hi - lo;
	}
	const uint64_t *mb = c < 0 ? NULL : ts->bits + (size_t)c * ts->nw;
	double prod = 1, last = sw_count(after), x = NAN;
	size_t above = after, g = 0, cx = 0;
	for (size_t k = hi; k > lo;) {
		/* the word of rank k - 1, cut to [lo, k) */
		size_t wk = (k - 1) / 64, from = wk * 64 > lo ? wk * 64 : lo;
		uint64_t m = (mb ? mb[wk] : ~(uint64_t)0) &
			     ~(uint64_t)0 >> (63 - (k - 1) % 64) &
			     ~(uint64_t)0 << (from % 64);
		for (uint64_t cw = m & ts->cmask[wk]; cw;) {
			unsigned b = 63 - (unsigned)__builtin_clzll(cw);
			cw &= ~((uint64_t)1 << b);
			double xt = ts->t[wk * 64 + b];
			if (cx && xt == x) {
				cx++;
				continue;
			}
			if (cx && g)
				prod *= sw_count(g + cx) / sw_count(g);
			else if (cx)	/* the last members were censored here */
				last = sw_count(cx);
			x = xt;
			cx = 1;
			g = above + ones(m >> b >> 1);
		}
		above += ones(m);
		k = from;
	}
	if (cx && g)
		prod *= sw_count(g + cx) / sw_count(g);
	else if (cx)
		last = sw_count(cx);
	/* the window's members, those ranked from lo */
	size_t n0 = after + within;
	return n0 ? 1 - prod * last / sw_count(n0) : NAN;
}

struct query {
	double e, left;
	uint8_t c;		/* steps done by e */
	uint32_t j;		/* index into the caller's arrays */
};

static int cmp_query(const void *a, const void *b)
{
	const struct query *x = a, *y = b;
	if (x->e != y->e)
		return x->e < y->e ? -1 : 1;
	return (x->j > y->j) - (x->j < y->j);
}

/* Subject i's steps done by time `by`, ascending, into out; how many. */
static size_t steps_done(const struct landmark_set *ls, uint32_t i, double by,
			 double *out)
{
	size_t n = 0;
	for (size_t k = 0; k < ls->nsteps; k++) {
		double x = ls->step[(size_t)i * ls->nsteps + k];
		if (isnan(x) || x > by)
			continue;
		size_t at = n++;
		for (; at > 0 && out[at - 1] > x; at--)
			out[at] = out[at - 1];
		out[at] = x;
	}
	return n;
}

/* The first query at or after a time, in O(1) for evenly spread queries:
 * a grid of 4 cells per query over their range of e, each cell the first
 * query at or after its start, then a binary search inside the cell. */
struct query_grid {
	const struct query *q;
	size_t nq, ncell;
	double lo, scale;
	size_t *cell;		/* ncell + 2 */
};

static void grid_init(struct query_grid *g, const struct query *q, size_t nq)
{
	g->q = q;
	g->nq = nq;
	g->lo = q[0].e;
	double span = q[nq - 1].e - g->lo;
	g->ncell = span > 0 ? 4 * nq : 1;
	g->scale = span > 0 ? (double)g->ncell / span : 0;
	g->cell = xmalloc((g->ncell + 2) * sizeof(*g->cell));
	for (size_t k = 0, b = 0; k <= g->ncell + 1; k++) {
		double at = g->lo + (double)k / (g->scale > 0 ? g->scale : 1);
		while (b < nq && q[b].e < at)
			b++;
		g->cell[k] = b;
	}
}

static size_t grid_find(const struct query_grid *g, double x)
{
	if (x <= g->lo)
		return 0;
	double f = (x - g->lo) * g->scale;
	size_t k = f < (double)g->ncell ? (size_t)f : g->ncell;
	/* the cell's bounds, widened by one for rounding in f */
	size_t lo = k ? g->cell[k - 1] : 0, hi = g->cell[k + 2 <= g->ncell + 1
							      ? k + 2
							      : g->ncell + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->q[mid].e < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A step count moves up one: the subject at rank r has done c steps from
 * the query b (sorted by e) on. */
struct step_move {
	uint32_t b, r;
	uint8_t c;
};

/* Moves sorted by query, stable; the caller frees the result.  The
 * tier's subjects are read by rank: moves of different subjects at one
 * query commute, and one subject's come in step order. */
static struct step_move *moves_build(const struct landmark_set *ls,
				     const struct tier_sweep *ts,
				     const uint32_t *sub,
				     const struct query *q, size_t nq,
				     size_t *nmoves)
{
	struct query_grid grid;
	grid_init(&grid, q, nq);
	size_t cap = ts->m * ls->nsteps + 1, n = 0;
	struct step_move *mv = xmalloc(cap * sizeof(*mv));
	double *st = xmalloc((ls->nsteps + 1) * sizeof(*st));
	for (size_t r = 0; r < ts->m; r++) {
		uint32_t a = sub[r];
		/* ranks are in time order, accounts are not: their times
		 * side by side (ts->t), their step times asked for ahead */
		double t = ts->t[r];
		if (r + 8 < ts->m)
			__builtin_prefetch(&ls->step[(size_t)sub[r + 8] *
						     ls->nsteps]);
		/* below the first query's e a subject is in no landmark set */
		if (t < q[0].e)
			continue;
		size_t k = steps_done(ls, a, t, st);
		for (size_t j = 0; j < k; j++) {
			size_t b = grid_find(&grid, st[j]);
			/* past the last query, or past the subject's own time
			 * by the query it would apply at: it never counts */
			if (b >= nq || q[b].e > t)
				break;
			mv[n++] = (struct step_move){(uint32_t)b, (uint32_t)r,
						     (uint8_t)(j + 1)};
		}
	}
	free(st);
	free(grid.cell);
	size_t *off = xcalloc(nq + 1, sizeof(*off));
	for (size_t i = 0; i < n; i++)
		off[mv[i].b + 1]++;
	for (size_t b = 0; b < nq; b++)
		off[b + 1] += off[b];
	struct step_move *out = xmalloc((n ? n : 1) * sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[off[mv[i].b]++] = mv[i];
	free(off);
	free(mv);
	*nmoves = n;
	return out;
}

/* Every query of one tier, q sorted by e. */
static void tier_sweep_run(const struct landmark_set *ls, const uint32_t *sub,
			   size_t m, const struct query *q, size_t nq,
			   double *p)
{
	struct tier_sweep ts = {.m = m, .ngrp = ls->nsteps + 1};
	members_init(&ts);
	ts.t = xmalloc((m ? m : 1) * sizeof(*ts.t));
	ts.cmask = xcalloc(ts.nw + 1, sizeof(*ts.cmask));
	for (size_t r = 0; r < m; r++) {
		ts.t[r] = ls->time[sub[r]];
		if (!ls->event[sub[r]])
			ts.cmask[r / 64] |= (uint64_t)1 << (r % 64);
	}
	size_t nmoves;
	struct step_move *mv = moves_build(ls, &ts, sub, q, nq, &nmoves);
	size_t mi = 0;
	for (size_t b = 0; b < nq; b++) {
		for (; mi < nmoves && mv[mi].b == b; mi++)
			member_move(&ts, mv[mi].r, mv[mi].c);
		p[q[b].j] = landmark_one(&ts, q[b].c, q[b].e, q[b].left);
	}
	free(mv);
	free(ts.t);
	free(ts.cmask);
	free(ts.bits);
	free(ts.sup);
	free(ts.grp);
}

void stats_landmark_p(const struct landmark_set *ls, const uint32_t *q,
		      const double *left, size_t nq, double *p)
{
	size_t norder = ls->norder;
	uint32_t *own = ls->order ? NULL : order_build(ls, &norder);
	const uint32_t *order = ls->order ? ls->order : own;
	size_t *off;
	uint32_t *sub = stats_bucket(order, norder, ls->group, ls->ngroups,
				     &off);
	struct query *qs = xmalloc((nq ? nq : 1) * sizeof(*qs));
	size_t *qoff = xcalloc(ls->ngroups + 1, sizeof(*qoff));
	double *st = xmalloc((ls->nsteps + 1) * sizeof(*st));
	for (size_t j = 0; j < nq; j++) {
		p[j] = isnan(left[j]) ? NAN : 0;
		if (left[j] >= 0 && ls->group[q[j]] >= 0)
			qoff[ls->group[q[j]] + 1]++;
	}
	for (size_t g = 0; g < ls->ngroups; g++)
		qoff[g + 1] += qoff[g];
	size_t *fill = xmalloc((ls->ngroups + 1) * sizeof(*fill));
	memcpy(fill, qoff, (ls->ngroups + 1) * sizeof(*fill));
	for (size_t j = 0; j < nq; j++) {
		if (!(left[j] >= 0) || ls->group[q[j]] < 0)
			continue;
		double e = ls->time[q[j]];
		qs[fill[ls->group[q[j]]]++] = (struct query){
			.e = e,
			.left = left[j],
			.c = (uint8_t)steps_done(ls, q[j], e, st),
			.j = (uint32_t)j,
		};
	}
	for (size_t g = 0; g < ls->ngroups; g++) {
		size_t n = qoff[g + 1] - qoff[g];
		if (!n)
			continue;
		qsort(qs + qoff[g], n, sizeof(*qs), cmp_query);
		tier_sweep_run(ls, sub + off[g], off[g + 1] - off[g],
			       qs + qoff[g], n, p);
	}
	free(fill);
	free(st);
	free(qoff);
	free(qs);
	free(sub);
	free(off);
	free(own);
}

/* ---- the accounts of this report ----------------------------------------- */

/* Per account and step, days (tier units, pauses out) from clock start to
 * the step's first occurrence, NAN when not done by the as-of date, off
 * the account's path, or its first value itself.  The caller frees it. */
static double *step_days(const struct stats_work *w)
{
	size_t ns = w->s->nsteps;
	double *d = xmalloc((w->n * ns + 1) * sizeof(*d));
	for (uint32_t a = 0; a < w->n; a++) {
		enum day_kind kind = w->s->tiers[w->tier[a]].days;
		for (size_t k = 0; k < ns; k++) {
			int64_t t = w->start[a] == TTFV_NO_TIME ||
						    !sw_step_counts(w, k, a)
					    ? TTFV_NO_TIME
					    : stats_step_at(w, k, a);
			d[(size_t)a * ns + k] =
				t == TTFV_NO_TIME
					? NAN
					: stats_duration(w, (int32_t)a,
							 w->start[a], t, kind);
		}
	}
	return d;
}

/* Each tier's ARR at the routing percentile, over its measured accounts
 * with an ARR; NAN when none has one.  The caller frees it. */
static double *arr_thresholds(const struct stats_work *w)
{
	struct stats *s = w->s;
	size_t *off;
	uint32_t *b = stats_bucket(w->by_account, w->nmeasured, w->tier,
				   s->ntiers, &off);
	double *v = xmalloc((w->nmeasured ? w->nmeasured : 1) * sizeof(*v));
	double *out = xmalloc((s->ntiers ? s->ntiers : 1) * sizeof(*out));
	for (size_t t = 0; t < s->ntiers; t++) {
		size_t n = 0;
		for (size_t i = off[t]; i < off[t + 1]; i++)
			if (!isnan(w->arr[b[i]]))
				v[n++] = w->arr[b[i]];
		out[t] = stats_quantile_of(v, n, w->c->routing.arr_percentile);
	}
	free(v);
	free(off);
	free(b);
	return out;
}

static bool blocker_automated(const struct stats_work *w, uint32_t a)
{
	int32_t v = w->m->acc[a].attr[ATTR_BLOCKER_TYPE];
	if (v < 0)
		return false;
	const char *b = w->m->attrs[ATTR_BLOCKER_TYPE].str[v];
	return str_ieq_n(b, strlen(b), "integration") ||
	       str_ieq_n(b, strlen(b), "setup");
}

/* SPEC 8.3: a human for the likeliest misses and the valuable at-risk
 * accounts, the automated path where a guided fix exists, else a look in
 * a few days.  A human checks back sooner: they act now. */
static void route(const struct stats_work *w, struct onboarding_row *r,
		  const double *arr_high)
{
	const struct routing_conf *rc = &w->c->routing;
	const struct stats *s = w->s;
	bool high_value = !isnan(r->arr) && r->arr >= arr_high[w->tier[r->account]];
	bool automatable =
		(r->current_step_index >= 0 &&
		 s->steps[r->current_step_index].route_automated) ||
		blocker_automated(w, (uint32_t)r->account);
	r->route = ROUTE_MONITOR;
	if (r->risk > rc->human_risk || (r->risk > rc->risk && high_value))
		r->route = ROUTE_HUMAN;
	else if (r->risk > rc->risk && automatable)
		r->route = ROUTE_AUTOMATED;
	int days = r->route == ROUTE_HUMAN ? rc->human_next_check_days
					   : rc->next_check_days;
	r->next_check = tu_day_start(tu_day_of(s->as_of - 1) + days);
}

/* ---- the backtest ------------------------------------------------------- */

/* The accounts of the backtest by their time then: those with first
 * value by then keep their order of now (by_dur), the others, censored
 * then, are sorted on their own and merged in after first values at equal
 * times.  The caller frees the result. */
static uint32_t *backtest_order(const struct stats_work *w, const double *time,
				const bool *event, const int32_t *group,
				size_t *n)
{
	size_t cap = w->nmeasured ? w->nmeasured : 1, ne = 0, nc = 0;
	uint32_t *ev = xmalloc(cap * sizeof(*ev));
	struct stats_keyed *cens = xmalloc(cap * sizeof(*cens));
	for (size_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_dur[i];
		if (group[a] >= 0 && event[a])
			ev[ne++] = a;
	}
	/* by time, then by account: the stable sort of them in account
	 * order */
	for (uint32_t a = 0; a < w->n; a++)
		if (group[a] >= 0 && !event[a])
			cens[nc++] = (struct stats_keyed){stats_key_of(time[a]), a};
	stats_keyed_sort(cens, nc);
	uint32_t *out = xmalloc(cap * sizeof(*out));
	size_t i = 0, j = 0, k = 0;
	while (i < ne || j < nc)
		out[k++] = j == nc || (i < ne && time[ev[i]] <= time[cens[j].i])
				   ? ev[i++]
				   : cens[j++].i;
	free(ev);
	free(cens);
	*n = k;
	return out;
}

/* The landmark estimate as the report would have made it BACKTEST days
 * before the as-of date, from the same exports: an account counts then
 * when its clock had started by that instant, its first value and steps
 * when they came by it.  Scored are the accounts onboarding then, not yet
 * past their deadline (for those the estimate is 0 by rule, not by
 * forecast), whose deadline has come by the as-of date, so the outcome is
 * known whatever it is; choosing them by deadline rather than by outcome
 * keeps the score unbiased.  Their tier's on-time rate then (reached
 * within the SLA, over accounts reached or past it) is the base rate. */
static void backtest(struct stats_work *w, const double *step_now)
{
	struct stats *s = w->s;
	struct risk_calibration *rc = &s->calibration;
	const int64_t then = tu_day_start(tu_day_of(s->as_of) -
					  STATS_BACKTEST_DAYS);
	size_t n = w->n ? w->n : 1, ns = s->nsteps;
	double *time = xmalloc(n * sizeof(*time));
	bool *event = xmalloc(n * sizeof(*event));
	int32_t *group = xmalloc(n * sizeof(*group));
	double *step = xmalloc((w->n * ns + 1) * sizeof(*step));
	uint32_t *q = xmalloc(n * sizeof(*q));
	double *left = xmalloc(n * sizeof(*left));
	size_t *met = xcalloc(s->ntiers + 1, sizeof(*met));
	size_t *closed = xcalloc(s->ntiers + 1, sizeof(*closed));
	size_t nq = 0;
	for (uint32_t a = 0; a < w->n; a++) {
		int64_t st = w->start[a];
		group[a] = st != TTFV_NO_TIME && st < then ? w->tier[a] : -1;
		if (group[a] < 0)
			continue;
		enum day_kind kind = s->tiers[w->tier[a]].days;
		event[a] = sw_reached(w, a) && w->fv[a] < then;
		time[a] = event[a] ? w->dur[a]
				   : stats_duration(w, (int32_t)a, st, then, kind);
		for (size_t k = 0; k < ns; k++) {
			double d = step_now[(size_t)a * ns + k];
			step[(size_t)a * ns + k] =
				!isnan(d) && stats_step_at(w, k, a) < then ? d
									      : NAN;
		}
		double limit = w->limit[a];
		if (isnan(limit))
			continue;
		if (event[a] || time[a] > limit) {
			closed[w->tier[a]]++;
			met[w->tier[a]] += event[a] && time[a] <= limit;
		}
		if (event[a] || time[a] > limit)
			continue;
		int64_t deadline = stats_deadline(w, (int32_t)a, st, limit, kind);
		if (deadline == TTFV_NO_TIME || deadline > s->as_of)
			continue;
		q[nq] = a;
		left[nq++] = limit - time[a];
	}
	size_t norder;
	uint32_t *order = backtest_order(w, time, event, group, &norder);
	struct landmark_set ls = {
		.n = w->n, .time = time, .event = event, .group = group,
		.ngroups = s->ntiers, .step = step, .nsteps = ns,
		.order = order, .norder = norder,
	};
	double *p = xmalloc((nq ? nq : 1) * sizeof(*p));
	stats_landmark_p(&ls, q, left, nq, p);
	tu_format_date(then - 1, rc->as_of);
	double sq = 0, sq_base = 0;
	double sum_p[STATS_CALIBRATION_BINS] = {0};
	size_t cnt[STATS_CALIBRATION_BINS] = {0}, hit[STATS_CALIBRATION_BINS] = {0};
	for (size_t j = 0; j < nq; j++) {
		uint32_t a = q[j];
		int32_t t = w->tier[a];
		if (isnan(p[j]) || !closed[t])
			continue;
		bool on_time = sw_reached(w, a) && w->dur[a] <= w->limit[a];
		double y = on_time, base = (double)met[t] / (double)closed[t];
		sq += (p[j] - y) * (p[j] - y);
		sq_base += (base - y) * (base - y);
		rc->accounts++;
		rc->on_time += on_time;
		size_t bin = (size_t)(p[j] * STATS_CALIBRATION_BINS);
		if (bin >= STATS_CALIBRATION_BINS)
			bin = STATS_CALIBRATION_BINS - 1;
		sum_p[bin] += p[j];
		cnt[bin]++;
		hit[bin] += on_time;
	}
	rc->brier = rc->accounts ? sq / (double)rc->accounts : NAN;
	rc->brier_base = rc->accounts ? sq_base / (double)rc->accounts : NAN;
	for (size_t b = 0; b < STATS_CALIBRATION_BINS; b++) {
		if (!cnt[b])
			continue;
		rc->bins[rc->nbins++] = (struct calibration_bin){
			.lo = (double)b / STATS_CALIBRATION_BINS,
			.hi = (double)(b + 1) / STATS_CALIBRATION_BINS,
			.predicted = sum_p[b] / (double)cnt[b],
			.observed = (double)hit[b] / (double)cnt[b],
			.accounts = cnt[b],
		};
	}
	free(order);
	free(p);
	free(met);
	free(closed);
	free(left);
	free(q);
	free(step);
	free(group);
	free(event);
	free(time);
}

void stats_risk_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	double *step = step_days(w);
	size_t n = w->n ? w->n : 1;
	bool *event = xmalloc(n * sizeof(*event));
	for (uint32_t a = 0; a < w->n; a++)
		event[a] = sw_reached(w, a);
	size_t nq = s->nonboarding ? s->nonboarding : 1;
	uint32_t *q = xmalloc(nq * sizeof(*q));
	double *left = xmalloc(nq * sizeof(*left));
	double *p = xmalloc(nq * sizeof(*p));
	for (size_t j = 0; j < s->nonboarding; j++) {
		const struct onboarding_row *r = &s->onboarding[j];
		q[j] = (uint32_t)r->account;
		left[j] = r->sla_days - r->elapsed_days;
	}
	struct landmark_set ls = {
		.n = w->n, .time = w->dur, .event = event, .group = w->tier,
		.ngroups = s->ntiers, .step = step, .nsteps = s->nsteps,
		.order = w->by_dur, .norder = w->nmeasured,
	};
	stats_landmark_p(&ls, q, left, s->nonboarding, p);
	double *arr_high = arr_thresholds(w);
	for (size_t j = 0; j < s->nonboarding; j++) {
		struct onboarding_row *r = &s->onboarding[j];
		r->p_on_time = p[j];
		r->risk = 1 - p[j];
		route(w, r, arr_high);
	}
	free(arr_high);
	free(p);
	free(left);
	free(q);
	free(event);
	backtest(w, step);
	free(step);
}

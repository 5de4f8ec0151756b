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
 *   count moves up one), so a sweep over the queries in order of e keeps,
 *   per step count, a Fenwick tree over the tier's accounts in time order:
 *   "members with time > x" is then one prefix sum;
 * - a KM product over a window telescopes: with n_i at risk and d_i first
 *   values at the i-th time, prod (n_i - d_i) / n_i equals
 *   n_after / n_0 * prod over censoring times x of (n_>x + c_x) / n_>x,
 *   so only the censored members in the window are visited (the accounts
 *   still onboarding), never the many that reached first value.
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

/* Fenwick tree over ranks 0..m-1, f[1..m]. */
static void fen_add(int32_t *f, size_t m, size_t r, int32_t v)
{
	for (size_t i = r + 1; i <= m; i += i & (~i + 1))
		f[i] += v;
}

static int32_t fen_prefix(const int32_t *f, size_t r)	/* ranks [0, r) */
{
	int32_t s = 0;
	for (size_t i = r; i > 0; i -= i & (~i + 1))
		s += f[i];
	return s;
}

/* One tier's subjects in time order, with the sweep's state. */
struct tier_sweep {
	size_t m;
	const uint32_t *sub;	/* rank -> subject */
	double *t;
	bool *ev;
	uint32_t *cens;		/* ranks of censored subjects, ascending */
	size_t ncens;
	size_t ngrp;		/* step counts 0..nsteps */
	int32_t *fen;		/* ngrp trees of m + 1 */
	int32_t *total;		/* members per step count */
	uint8_t *grp;		/* each rank's step count so far */
};

/* Members of step count c (every subject when c < 0) ranked r or later. */
static size_t members_from(const struct tier_sweep *ts, int c, size_t r)
{
	if (c < 0)
		return ts->m - r;
	const int32_t *f = ts->fen + (size_t)c * (ts->m + 1);
	return (size_t)(ts->total[c] - fen_prefix(f, r));
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

static size_t first_rank_from(const uint32_t *r, size_t n, uint32_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r[mid] < x)
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

/* 1 - S_L(left) for the set of step count c at e (see the top). */
static double landmark_one(const struct tier_sweep *ts, int c, double e,
			   double left)
{
	size_t lo = first_at_or_after(ts->t, ts->m, e);
	size_t n0 = members_from(ts, c, lo);
	if (n0 < STATS_LANDMARK_MIN) {
		c = -1;
		n0 = members_from(ts, c, lo);
	}
	if (n0 == 0)
		return NAN;
	size_t hi = first_beyond(ts->t, lo, ts->m, e, left);
	double prod = 1, last = (double)members_from(ts, c, hi);
	size_t ci = first_rank_from(ts->cens, ts->ncens, lo);
	while (ci < ts->ncens && ts->cens[ci] < hi) {
		double x = ts->t[ts->cens[ci]];
		size_t cx = 0, end = 0;
		for (; ci < ts->ncens && ts->cens[ci] < hi &&
		       ts->t[ts->cens[ci]] == x;
		     ci++) {
			cx += c < 0 || ts->grp[ts->cens[ci]] == c;
			end = ts->cens[ci] + 1;
		}
		if (!cx)
			continue;
		size_t g = members_from(ts, c, end);
		if (g)
			prod *= (double)(g + cx) / (double)g;
		else	/* the last members were censored here */
			last = (double)cx;
	}
	return 1 - prod * last / (double)n0;
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

/* First query (sorted by e) with e >= x. */
static size_t first_query_from(const struct query *q, size_t nq, double x)
{
	size_t lo = 0, hi = nq;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (q[mid].e < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
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

/* A step count moves up one: the subject at rank r has done c steps from
 * the query b (sorted by e) on. */
struct step_move {
	uint32_t b, r;
	uint8_t c;
};

/* Moves sorted by query, stable; the caller frees the result. */
static struct step_move *moves_build(const struct landmark_set *ls,
				     const struct tier_sweep *ts,
				     const struct query *q, size_t nq,
				     size_t *nmoves)
{
	size_t cap = ts->m * ls->nsteps + 1, n = 0;
	struct step_move *mv = xmalloc(cap * sizeof(*mv));
	double *st = xmalloc((ls->nsteps + 1) * sizeof(*st));
	for (size_t r = 0; r < ts->m; r++) {
		/* below the first query's e a subject is in no landmark set */
		if (ts->t[r] < q[0].e)
			continue;
		size_t k = steps_done(ls, ts->sub[r], ts->t[r], st);
		for (size_t j = 0; j < k; j++) {
			size_t b = first_query_from(q, nq, st[j]);
			if (b < nq)
				mv[n++] = (struct step_move){(uint32_t)b,
							     (uint32_t)r,
							     (uint8_t)(j + 1)};
		}
	}
	free(st);
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
	struct tier_sweep ts = {.m = m, .sub = sub, .ngrp = ls->nsteps + 1};
	ts.t = xmalloc((m ? m : 1) * sizeof(*ts.t));
	ts.ev = xmalloc((m ? m : 1) * sizeof(*ts.ev));
	ts.cens = xmalloc((m ? m : 1) * sizeof(*ts.cens));
	for (size_t r = 0; r < m; r++) {
		ts.t[r] = ls->time[sub[r]];
		ts.ev[r] = ls->event[sub[r]];
		if (!ts.ev[r])
			ts.cens[ts.ncens++] = (uint32_t)r;
	}
	ts.fen = xcalloc(ts.ngrp * (m + 1), sizeof(*ts.fen));
	ts.total = xcalloc(ts.ngrp, sizeof(*ts.total));
	ts.grp = xcalloc(m ? m : 1, sizeof(*ts.grp));
	/* everyone starts with no step done: a tree of all ones */
	for (size_t i = 1; i <= m; i++)
		ts.fen[i] = (int32_t)(i & (~i + 1));
	ts.total[0] = (int32_t)m;
	size_t nmoves;
	struct step_move *mv = moves_build(ls, &ts, q, nq, &nmoves);
	size_t mi = 0;
	for (size_t b = 0; b < nq; b++) {
		for (; mi < nmoves && mv[mi].b == b; mi++) {
			uint32_t r = mv[mi].r;
			uint8_t from = ts.grp[r], to = mv[mi].c;
			fen_add(ts.fen + (size_t)from * (m + 1), m, r, -1);
			fen_add(ts.fen + (size_t)to * (m + 1), m, r, 1);
			ts.total[from]--;
			ts.total[to]++;
			ts.grp[r] = to;
		}
		p[q[b].j] = landmark_one(&ts, q[b].c, q[b].e, q[b].left);
	}
	free(mv);
	free(ts.t);
	free(ts.ev);
	free(ts.cens);
	free(ts.fen);
	free(ts.total);
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

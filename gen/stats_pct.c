/* stats_pct.c - percentiles: Hyndman-Fan type 7 over reached accounts and
 * Kaplan-Meier over all of them, and the group figures built from both. */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const double stats_pct_level[STATS_NPCT] = {0.25, 0.50, 0.75, 0.90};
const char *const stats_pct_name[STATS_NPCT] = {"p25", "p50", "p75", "p90"};

double stats_quantile7(const double *sorted, size_t n, double p)
{
	if (n == 0)
		return NAN;
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);
	if (lo >= n - 1)
		return sorted[n - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

/* Puts the k-th smallest of v[0..n) at v[k], smaller ones before it
 * (Hoare's selection, median-of-three pivots): linear on average, so a
 * median over 200,000 durations costs no sort. */
static void select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (hi > lo) {
		size_t mid = lo + (hi - lo) / 2;
		double a = v[lo], b = v[mid], c = v[hi];
		double pivot = a < b ? (b < c ? b : a < c ? c : a)
				     : (a < c ? a : b < c ? c : b);
		size_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				double t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

double stats_median_of(double *v, size_t n)
{
	return stats_quantile_of(v, n, 0.5);
}

double stats_quantile_of(double *v, size_t n, double p)
{
	if (n == 0)
		return NAN;
	/* type 7: the order statistics floor(h) and floor(h) + 1 */
	double h = (double)(n - 1) * p;
	size_t k = (size_t)h;
	select_kth(v, n, k);
	if (k + 1 >= n || h == (double)k)
		return v[k];
	double next = v[k + 1];
	for (size_t i = k + 2; i < n; i++)
		if (v[i] < next)
			next = v[i];
	return v[k] + (h - (double)k) * (next - v[k]);
}

/* Kaplan-Meier from times sorted ascending. */
void stats_km_build_sorted(struct km *k, const double *time,
			   const bool *event, size_t n)
{
	memset(k, 0, sizeof(*k));
	k->at_risk0 = n;
	k->last_time = n ? time[n - 1] : NAN;
	/* at most one jump per subject */
	k->t = xmalloc((n ? n : 1) * sizeof(*k->t));
	k->surv = xmalloc((n ? n : 1) * sizeof(*k->surv));
	k->var = xmalloc((n ? n : 1) * sizeof(*k->var));
	double s = 1.0, var = 0.0;
	size_t i = 0;
	while (i < n) {
		/* everyone from i on is still at risk at time[i], including
		 * those censored at that very time */
		size_t at_risk = n - i, d = 0, j = i;
		for (; j < n && time[j] == time[i]; j++)
			d += event[j];
		if (d) {
			s *= 1.0 - sw_count(d) / sw_count(at_risk);
			var = d == at_risk ? INFINITY
			      : var + sw_count(d) / (sw_count(at_risk) *
						     sw_count(at_risk - d));
			k->t[k->n] = time[i];
			k->var[k->n] = var;
			k->surv[k->n++] = s;
		}
		i = j;
	}
}

/* ---- sorting by a double --------------------------------------------- */

uint64_t stats_key_of(double x)
{
	/* -0 sorts as 0; a negative double orders as its bits reversed, a
	 * positive one as its bits above every negative one */
	if (x == 0)
		x = 0;
	uint64_t b;
	memcpy(&b, &x, sizeof(b));
	return b >> 63 ? ~b : b | (uint64_t)1 << 63;
}

static void radix_pass(const struct stats_keyed *from, struct stats_keyed *to,
		       size_t n, int shift)
{
	size_t count[257] = {0};
	for (size_t i = 0; i < n; i++)
		count[((from[i].key >> shift) & 0xFF) + 1]++;
	for (int d = 0; d < 256; d++)
		count[d + 1] += count[d];
	for (size_t i = 0; i < n; i++)
		to[count[(from[i].key >> shift) & 0xFF]++] = from[i];
}

/* An LSD radix sort, a byte a pass, skipping the bytes every key shares
 * (durations of a few hundred days leave about five of the eight). */
void stats_keyed_sort(struct stats_keyed *k, size_t n)
{
	uint64_t all_or = 0, all_and = ~(uint64_t)0;
	bool sorted = true;
	for (size_t i = 0; i < n; i++) {
		all_or |= k[i].key;
		all_and &= k[i].key;
		sorted &= i == 0 || k[i - 1].key <= k[i].key;
	}
	/* groups cut from a sorted order come sorted (the trend's test) */
	if (sorted)
		return;
	struct stats_keyed *tmp = NULL, *from = k;
	for (int shift = 0; shift < 64; shift += 8) {
		if ((((all_or ^ all_and) >> shift) & 0xFF) == 0)
			continue;
		if (!tmp)
			tmp = xmalloc(n * sizeof(*tmp));
		struct stats_keyed *to = from == k ? tmp : k;
		radix_pass(from, to, n, shift);
		from = to;
	}
	if (from != k)
		memcpy(k, from, n * sizeof(*k));
	free(tmp);
}

void stats_timed_sort(const double *time, const bool *event, size_t n,
		      double *t, bool *e)
{
	struct stats_keyed *v = xmalloc((n ? n : 1) * sizeof(*v));
	/* events before censorings at equal times: events first, kept so by
	 * the stable sort */
	size_t m = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if (event[i] == (pass == 0))
				v[m++] = (struct stats_keyed){
					stats_key_of(time[i]), (uint32_t)i};
	stats_keyed_sort(v, n);
	for (size_t i = 0; i < n; i++) {
		t[i] = time[v[i].i];
		e[i] = event[v[i].i];
	}
	free(v);
}

void stats_km_build(struct km *k, const double *time, const bool *event,
		    size_t n)
{
	double *t = xmalloc((n ? n : 1) * sizeof(*t));
	bool *e = xmalloc((n ? n : 1) * sizeof(*e));
	stats_timed_sort(time, event, n, t, e);
	stats_km_build_sorted(k, t, e, n);
	free(t);
	free(e);
}

void stats_km_release(struct km *k)
{
	free(k->t);
	free(k->surv);
	free(k->var);
	memset(k, 0, sizeof(*k));
}

double stats_km_reached(const struct km *k, double t)
{
	if (k->at_risk0 == 0)
		return NAN;
	/* the last event time <= t */
	size_t lo = 0, hi = k->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (k->t[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? 1.0 - k->surv[lo - 1] : 0.0;
}

/* The first jump where 1 - S + tol >= p (above false) or 1 - S - tol >= p
 * (above true), or k->n: 1 - S only grows, so a binary search. */
static size_t km_first_at(const struct km *k, bool above, double p)
{
	size_t lo = 0, hi = k->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		double f = 1.0 - k->surv[mid];
		if ((above ? f - STATS_KM_TOL : f + STATS_KM_TOL) >= p)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* R's findq (survival/R/quantile.survfit.R): over the jump points of
 * 1 - S, i1 is the first within tol at or above p, i2 the first at least
 * tol above it; the quantile is their times' mean, so a flat stretch that
 * equals p gives its middle.  A flat at the very end runs to the last
 * follow-up time. */
double stats_km_quantile(const struct km *k, double p)
{
	if (k->at_risk0 == 0)
		return NAN;
	if (p <= 0)
		return 0.0;
	size_t i1 = km_first_at(k, false, p), i2 = km_first_at(k, true, p);
	if (i1 == k->n)
		return NAN;
	if (i2 < k->n)
		return (k->t[i1] + k->t[i2]) / 2;
	if (fabs(p - (1.0 - k->surv[k->n - 1])) < STATS_KM_TOL)
		return (k->t[i1] + k->last_time) / 2;
	return NAN;
}

double *stats_km_curve(const struct stats_work *w, const struct km *k,
		       size_t *n)
{
	const struct stats *s = w->s;
	/* one point per whole day while the group is followed */
	double last = k->last_time > 0 ? floor(k->last_time) : 0;
	size_t days = last < s->horizon_days ? (size_t)last
					     : (size_t)s->horizon_days;
	double *curve = arena_alloc(w->arena, (days + 1) * sizeof(*curve));
	for (size_t d = 0; d <= days; d++)
		curve[d] = stats_km_reached(k, (double)d);
	*n = days + 1;
	return curve;
}

void stats_group_figures(struct group *g, const struct km *k,
			 const double *reached, size_t nr)
{
	size_t n = k->at_risk0;
	g->accounts = n;
	g->reached = nr;
	g->censored = n - nr;
	for (int i = 0; i < STATS_NPCT; i++) {
		g->p[i] = stats_quantile7(reached, nr, stats_pct_level[i]);
		g->km[i] = stats_km_quantile(k, stats_pct_level[i]);
	}
	stats_km_quantile_ci(k, 0.5, &g->km_p50_lower, &g->km_p50_upper);
	g->reached_share = n ? (double)nr / (double)n : NAN;
	stats_wilson(nr, n, &g->reached_lower, &g->reached_upper);
}

void stats_group_fill(struct group *g, const struct stats_work *w,
		      const double *time, const uint32_t *idx, size_t n,
		      struct km *keep)
{
	double *t = xmalloc((n ? n : 1) * sizeof(*t));
	double *reached = xmalloc((n ? n : 1) * sizeof(*reached));
	bool *ev = xmalloc((n ? n : 1) * sizeof(*ev));
	size_t nr = 0;
	for (size_t i = 0; i < n; i++) {
		t[i] = time[idx[i]];
		ev[i] = sw_reached(w, idx[i]);
		if (ev[i])
			reached[nr++] = t[i];
	}
	struct km k;
	stats_km_build_sorted(&k, t, ev, n);
	/* reached[] is already ascending: a subsequence of the order */
	stats_group_figures(g, &k, reached, nr);
	if (keep)
		*keep = k;
	else
		stats_km_release(&k);
	free(t);
	free(reached);
	free(ev);
}

static int cmp_rowkey(const void *x, const void *y)
{
	const struct stats_rowkey *p = x, *q = y;
	if (p->k1 != q->k1)
		return (p->k1 > q->k1) - (p->k1 < q->k1);
	if (p->k2 != q->k2)
		return (p->k2 > q->k2) - (p->k2 < q->k2);
	return (p->i > q->i) - (p->i < q->i);
}

void stats_rows_sort(void *rows, size_t n, size_t size,
		     struct stats_rowkey *keys)
{
	/* sorting 24-byte keys and moving each row once beats qsort
	 * shuffling 150-byte rows around */
	qsort(keys, n, sizeof(*keys), cmp_rowkey);
	char *tmp = xmalloc(n * size + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(tmp + i * size, (char *)rows + (size_t)keys[i].i * size,
		       size);
	memcpy(rows, tmp, n * size);
	free(tmp);
}

uint32_t *stats_bucket(const uint32_t *order, size_t n, const int32_t *key,
		       size_t nkeys, size_t **off)
{
	size_t *o = xcalloc(nkeys + 1, sizeof(*o));
	for (size_t i = 0; i < n; i++)
		if (key[order[i]] >= 0)
			o[key[order[i]] + 1]++;
	for (size_t g = 0; g < nkeys; g++)
		o[g + 1] += o[g];
	uint32_t *out = xmalloc((o[nkeys] ? o[nkeys] : 1) * sizeof(*out));
	size_t *fill = xmalloc((nkeys ? nkeys : 1) * sizeof(*fill));
	memcpy(fill, o, nkeys * sizeof(*fill));
	for (size_t i = 0; i < n; i++)
		if (key[order[i]] >= 0)
			out[fill[key[order[i]]]++] = order[i];
	free(fill);
	*off = o;
	return out;
}

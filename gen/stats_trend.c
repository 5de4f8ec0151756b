/* stats_trend.c - the TTFV trend of SPEC 8.1: the Kaplan-Meier median of
 * every cohort, never the median of reached accounts only (a young
 * cohort's reached accounts are by construction its fastest), and the
 * latest complete cohort against the three complete cohorts before it by
 * the two-group log-rank test.  Once over all accounts in calendar days,
 * once per tier in the tier's own day kind. */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TREND_BASELINE 3
#define TREND_ALPHA 0.05

/* One point per cohort the group has accounts in; idx[0..n) is sorted by
 * time[], and so is every cohort's bucket of it.  Over every account in
 * calendar days (all) the buckets are the cohorts themselves, whose
 * figures are already there. */
static void trend_points(struct stats_work *w, const double *time,
			 const uint32_t *idx, size_t n, bool all,
			 struct trend *tr)
{
	struct stats *s = w->s;
	size_t *off;
	uint32_t *b = stats_bucket(idx, n, w->cohort, s->ncohorts, &off);
	size_t np = 0;
	for (size_t c = 0; c < s->ncohorts; c++)
		np += off[c + 1] > off[c];
	tr->points = arena_alloc(w->arena,
				 (np ? np : 1) * sizeof(*tr->points));
	tr->npoints = 0;
	for (size_t c = 0; c < s->ncohorts; c++) {
		size_t m = off[c + 1] - off[c];
		if (m == 0)
			continue;
		struct group g;
		if (all)
			g = s->cohorts[c].g;
		else
			stats_group_fill(&g, w, time, b + off[c], m, NULL);
		struct trend_point *p = &tr->points[tr->npoints++];
		p->cohort = s->cohorts[c].g.name;
		p->cohort_index = c;
		p->complete = s->cohorts[c].complete;
		p->accounts = g.accounts;
		p->reached = g.reached;
		p->km_p50 = g.km[1];
		p->km_p50_lower = g.km_p50_lower;
		p->km_p50_upper = g.km_p50_upper;
		p->p50 = g.p[1];
		p->p75 = g.p[2];
	}
	free(off);
	free(b);
}

static void trend_test(struct stats_work *w, const double *time,
		       const uint32_t *idx, size_t n, struct trend *tr)
{
	struct trend_test *t = &tr->test;
	t->cohort = -1;
	/* cohorts are in time order, so every point before the last
	 * complete one is complete too */
	int last = -1;
	for (size_t i = 0; i < tr->npoints; i++)
		if (tr->points[i].complete)
			last = (int)i;
	if (last < 1)
		return;
	int first = last > TREND_BASELINE ? last - TREND_BASELINE : 0;
	/* per cohort: 0 not compared, 1 baseline, 2 the latest */
	uint8_t *role = xcalloc(w->s->ncohorts ? w->s->ncohorts : 1, 1);
	for (int i = first; i < last; i++) {
		t->baseline[t->nbaseline++] = i;
		role[tr->points[i].cohort_index] = 1;
	}
	role[tr->points[last].cohort_index] = 2;
	t->cohort = last;

	size_t cap = n ? n : 1, m = 0, nb = 0;
	double *tm = xmalloc(cap * sizeof(*tm));
	bool *ev = xmalloc(cap * sizeof(*ev));
	uint8_t *grp = xmalloc(cap * sizeof(*grp));
	uint32_t *base = xmalloc(cap * sizeof(*base));
	for (size_t i = 0; i < n; i++) {
		uint32_t a = idx[i];
		uint8_t r = role[w->cohort[a]];
		if (!r)
			continue;
		tm[m] = time[a];
		ev[m] = sw_reached(w, a);
		grp[m++] = r == 2;
		if (r == 1)
			base[nb++] = a;	/* still in time order */
	}
	struct group g;
	stats_group_fill(&g, w, time, base, nb, NULL);
	const struct trend_point *p = &tr->points[last];
	t->accounts = p->accounts;
	t->km_p50 = p->km_p50;
	t->km_p50_lower = p->km_p50_lower;
	t->km_p50_upper = p->km_p50_upper;
	t->baseline_accounts = nb;
	t->baseline_km_p50 = g.km[1];
	t->baseline_km_p50_lower = g.km_p50_lower;
	t->baseline_km_p50_upper = g.km_p50_upper;
	struct logrank lr;
	stats_logrank(tm, ev, grp, m, &lr);
	t->chisq = lr.chisq;
	t->p_value = lr.p_value;
	/* slower: the latest cohort reached first value less often than
	 * the pooled hazard predicts */
	if (!(lr.p_value < TREND_ALPHA))
		t->direction = "no significant change";
	else
		t->direction = lr.observed[1] < lr.expected[1] ? "slower"
							      : "faster";
	free(tm);
	free(ev);
	free(grp);
	free(base);
	free(role);
}

static void trend_of(struct stats_work *w, const double *time,
		     const uint32_t *idx, size_t n, bool all, struct trend *tr)
{
	trend_points(w, time, idx, n, all, tr);
	trend_test(w, time, idx, n, tr);
}

/* After the cohorts (stats_groups.c), whose figures the overall trend
 * takes. */
void stats_trend_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	trend_of(w, w->cal, w->by_cal, w->nmeasured, true, &s->trend);
	size_t *off;
	uint32_t *b = stats_bucket(w->by_dur, w->nmeasured, w->tier,
				   s->ntiers, &off);
	for (size_t t = 0; t < s->ntiers; t++)
		trend_of(w, w->dur, b + off[t], off[t + 1] - off[t], false,
			 &s->tiers[t].trend);
	free(off);
	free(b);
}

/* stats_funnel.c - the onboarding funnel of seed 002: per step, accounts
 * that completed it and the next one, conversion, drop-off and the median
 * days between the two; the largest drop-off is called out.  One funnel
 * per tier over its own path, and the overall one over the steps every
 * tier's path shares, ending at first value when the tiers' first values
 * differ (each account's own). */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>

/* A funnel row's time for account a: step k, or (k < 0) its own first
 * value. */
static int64_t row_time(const struct stats_work *w, int k, uint32_t a)
{
	return k >= 0 ? stats_step_at(w, (size_t)k, a) : w->fv[a];
}

/* The funnel over the rows col[0..n) (step indexes, -1 for first value)
 * and the accounts idx[0..m); *worst gets the largest drop-off's row. */
static struct funnel_step *funnel_of(struct stats_work *w, const int *col,
				     size_t n, const uint32_t *idx, size_t m,
				     int *worst)
{
	struct stats *s = w->s;
	struct funnel_step *fs = arena_alloc(w->arena,
					     (n ? n : 1) * sizeof(*fs));
	*worst = -1;
	double *gap = xmalloc((m ? m : 1) * sizeof(*gap));
	for (size_t k = 0; k < n; k++) {
		struct funnel_step *f = &fs[k];
		size_t ngap = 0;
		f->step = col[k] >= 0 ? s->steps[col[k]].name : "first_value";
		f->reached = f->next = 0;
		for (size_t i = 0; i < m; i++) {
			uint32_t a = idx[i];
			int64_t t = row_time(w, col[k], a);
			if (t == TTFV_NO_TIME)
				continue;
			f->reached++;
			if (k + 1 == n)
				continue;
			int64_t u = row_time(w, col[k + 1], a);
			if (u == TTFV_NO_TIME)
				continue;
			f->next++;
			/* steps done out of order say nothing about the gap */
			if (u >= t)
				gap[ngap++] = (double)(u - t) / TU_DAY;
		}
		if (k + 1 == n)
			f->next = f->reached;
		f->conversion = f->reached ? (double)f->next / (double)f->reached
					   : NAN;
		f->dropoff = f->reached ? 1.0 - f->conversion : NAN;
		f->median_days_to_next = stats_median_of(gap, ngap);
		if (k + 1 < n && !isnan(f->dropoff) &&
		    (*worst < 0 || f->dropoff > fs[*worst].dropoff))
			*worst = (int)k;
	}
	free(gap);
	return fs;
}

/* The steps on the path of every tier that has accounts, in step order;
 * when those paths end at different first values, each account's own
 * first value closes the funnel. */
static size_t common_rows(const struct stats_work *w, int *col)
{
	const struct stats *s = w->s;
	size_t n = 0;
	bool same_fv = true;
	int fv = -2;
	for (size_t t = 0; t < s->ntiers; t++) {
		const struct tier_path *p = &w->path[t];
		int f = p->fv >= 0 ? (int)p->step[p->fv] : -1;
		if (s->tiers[t].g.accounts) {
			same_fv &= fv == -2 || fv == f;
			fv = f;
		}
	}
	for (size_t k = 0; k < s->nsteps; k++) {
		bool all = true;
		for (size_t t = 0; t < s->ntiers && all; t++)
			all = !s->tiers[t].g.accounts || w->path[t].on[k];
		if (all)
			col[n++] = (int)k;
	}
	if (!same_fv)
		col[n++] = -1;
	return n;
}

void stats_funnel_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	int *col = xmalloc((s->nsteps + 1) * sizeof(*col));
	int *common = xmalloc((s->nsteps + 1) * sizeof(*common));
	size_t n = common_rows(w, common);
	s->funnel = funnel_of(w, common, n, w->by_account, w->nmeasured,
			      &s->funnel_worst);
	s->nfunnel = n;
	s->funnel_overall = n && s->funnel[0].reached
				    ? (double)s->funnel[n - 1].reached /
					      (double)s->funnel[0].reached
				    : NAN;
	size_t *off;
	uint32_t *b = stats_bucket(w->by_account, w->nmeasured, w->tier,
				   s->ntiers, &off);
	for (size_t t = 0; t < s->ntiers; t++) {
		struct tier_stats *ts = &s->tiers[t];
		const struct tier_path *p = &w->path[t];
		for (size_t j = 0; j < p->n; j++)
			col[j] = (int)p->step[j];
		ts->funnel = funnel_of(w, col, p->n, b + off[t],
				       off[t + 1] - off[t], &ts->funnel_worst);
		ts->nfunnel = p->n;
		bool same = p->n == n;
		for (size_t j = 0; j < p->n && same; j++)
			same = (int)p->step[j] == common[j];
		s->tier_paths |= ts->g.accounts && !same;
	}
	free(b);
	free(off);
	free(col);
	free(common);
}

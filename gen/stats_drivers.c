/* stats_drivers.c - value drivers (SPEC 8.4, seed 002 identify_aha_moment):
 * for every tracked event name, the accounts with an outcome that did it
 * early against those that did not, by renewal rate and by time to first
 * value.  The per-account facts are the first time of each event name,
 * which the model already keeps; nothing here reads an event row. */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void stats_km_median_ci(const struct stats_work *w, const uint32_t *idx,
			size_t n, double out[3], struct km *keep)
{
	struct group g;
	struct km k;
	memset(&g, 0, sizeof(g));
	stats_group_fill(&g, w, w->cal, idx, n, &k);
	out[0] = g.km[1];
	stats_km_quantile_ci(&k, 0.5, &out[1], &out[2]);
	if (keep)
		*keep = k;
	else
		stats_km_release(&k);
}

static void side_fill(struct driver_side *d, const struct stats_work *w,
		      const uint32_t *idx, size_t n)
{
	d->accounts = n;
	d->renewed = 0;
	for (size_t i = 0; i < n; i++)
		d->renewed += w->m->acc[idx[i]].outcome == OUTCOME_RENEWED;
	d->renewal_rate = n ? (double)d->renewed / (double)n : NAN;
	stats_wilson(d->renewed, n, &d->renewal_rate_lower,
		     &d->renewal_rate_upper);
	double km[3];
	stats_km_median_ci(w, idx, n, km, NULL);
	d->km_p50 = km[0];
	d->km_p50_lower = km[1];
	d->km_p50_upper = km[2];
}

/* By lift, largest first, a lift that cannot be computed last; then by
 * name, so equal lifts keep one order. */
static int cmp_driver(const void *x, const void *y)
{
	const struct driver *a = x, *b = y;
	bool na = isnan(a->lift), nb = isnan(b->lift);
	if (na != nb)
		return na ? 1 : -1;
	if (!na && a->lift != b->lift)
		return a->lift < b->lift ? 1 : -1;
	return strcmp(a->event, b->event);
}

void stats_drivers_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	const struct model *m = w->m;
	size_t nev = m->event_names.n;
	s->driver_days = w->c->driver_days;
	/* the accounts with an outcome, in by_cal order: each side is then a
	 * subsequence of it, as stats_group_fill needs */
	uint32_t *out = xmalloc((w->nmeasured ? w->nmeasured : 1) *
				sizeof(*out));
	size_t nout = 0;
	for (size_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_cal[i];
		int oc = m->acc[a].outcome;
		if (oc == OUTCOME_RENEWED || oc == OUTCOME_CHURNED)
			out[nout++] = a;
	}
	s->driver_accounts = nout;
	s->drivers = arena_alloc(&s->arena,
				 (nev ? nev : 1) * sizeof(*s->drivers));
	s->ndrivers = nev;
	uint32_t *with = xmalloc((nout ? nout : 1) * sizeof(*with));
	uint32_t *without = xmalloc((nout ? nout : 1) * sizeof(*without));
	int64_t window = (int64_t)s->driver_days * TU_DAY;
	for (size_t e = 0; e < nev; e++) {
		struct driver *d = &s->drivers[e];
		size_t nw = 0, nwo = 0;
		for (size_t i = 0; i < nout; i++) {
			uint32_t a = out[i];
			int64_t t = model_event_first(m, (int)e, (int32_t)a);
			/* an event before the clock started is early too */
			if (t != TTFV_NO_TIME && t < s->as_of &&
			    t - w->start[a] <= window)
				with[nw++] = a;
			else
				without[nwo++] = a;
		}
		d->event = m->event_names.str[e];
		side_fill(&d->with, w, with, nw);
		side_fill(&d->without, w, without, nwo);
		d->lift = d->with.renewal_rate - d->without.renewal_rate;
		d->p_value = nw && nwo ? stats_prop_test2(d->with.renewed, nw,
							  d->without.renewed,
							  nwo)
				       : NAN;
		d->notable = nw >= STATS_SMALL_N &&
			     nwo >= STATS_SMALL_N && d->p_value < 0.05;
	}
	qsort(s->drivers, nev, sizeof(*s->drivers), cmp_driver);
	free(with);
	free(without);
	free(out);
}

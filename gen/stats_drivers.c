/* stats_drivers.c - value drivers (SPEC 8.4, seed 002 identify_aha_moment):
 * for every tracked event name, the accounts with an outcome that did it
 * early against those that did not, by renewal rate and by time to first
 * value.  The per-account facts are the first time of each event name,
 * which the model already keeps; nothing here reads an event row. */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void stats_km_median_ci(const double *t, const bool *e, size_t n,
			double out[3], struct km *keep)
{
	struct km k;
	stats_km_build_sorted(&k, t, e, n);
	out[0] = stats_km_quantile(&k, 0.5);
	stats_km_quantile_ci(&k, 0.5, &out[1], &out[2]);
	if (keep)
		*keep = k;
	else
		stats_km_release(&k);
}

/* One side of a split while it fills: its accounts' times, ascending,
 * whether each reached first value, and how many renewed. */
struct side_acc {
	double *t;
	bool *e;
	size_t n, renewed;
};

static void side_finish(struct driver_side *d, const struct side_acc *a)
{
	d->accounts = a->n;
	d->renewed = a->renewed;
	d->renewal_rate = a->n ? (double)a->renewed / (double)a->n : NAN;
	stats_wilson(a->renewed, a->n, &d->renewal_rate_lower,
		     &d->renewal_rate_upper);
	double km[3];
	stats_km_median_ci(a->t, a->e, a->n, km, NULL);
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

_Static_assert(MODEL_MAX_EVENTS <= 64, "one bit per tracked event name");

/* Bit ev of each account's mask: it did event ev within the window of
 * its clock start (an event before the clock started is early too) and
 * before the as-of instant.  Column by column, so each is read in order. */
static uint64_t *early_masks(const struct stats_work *w, int64_t window)
{
	const struct model *m = w->m;
	uint64_t *mask = xcalloc(w->n ? w->n : 1, sizeof(*mask));
	for (size_t e = 0; e < m->event_names.n; e++) {
		const int64_t *first = m->event_first[e];
		for (size_t a = 0; a < w->n; a++) {
			int64_t t = first[a];
			if (t != TTFV_NO_TIME && t < w->s->as_of &&
			    w->start[a] != TTFV_NO_TIME &&
			    t - w->start[a] <= window)
				mask[a] |= (uint64_t)1 << e;
		}
	}
	return mask;
}

void stats_drivers_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	const struct model *m = w->m;
	size_t nev = m->event_names.n;
	s->driver_days = w->c->driver_days;
	uint64_t *mask = early_masks(w, (int64_t)s->driver_days * TU_DAY);
	/* the accounts with an outcome in by_cal order, their facts side by
	 * side: each side of a split is then a sorted subsequence, read in
	 * order */
	size_t cap = w->nmeasured ? w->nmeasured : 1, nout = 0;
	double *t = xmalloc(cap * sizeof(*t));
	bool *reached = xmalloc(cap * sizeof(*reached));
	bool *renewed = xmalloc(cap * sizeof(*renewed));
	uint64_t *did = xmalloc(cap * sizeof(*did));
	for (size_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_cal[i];
		int oc = w->outcome[a];
		if (oc != OUTCOME_RENEWED && oc != OUTCOME_CHURNED)
			continue;
		t[nout] = w->cal[a];
		reached[nout] = sw_reached(w, a);
		renewed[nout] = oc == OUTCOME_RENEWED;
		did[nout++] = mask[a];
	}
	free(mask);
	s->driver_accounts = nout;
	s->drivers = arena_alloc(w->arena,
				 (nev ? nev : 1) * sizeof(*s->drivers));
	s->ndrivers = nev;
	struct side_acc side[2];	/* [0] without, [1] with */
	for (int k = 0; k < 2; k++) {
		side[k].t = xmalloc((nout ? nout : 1) * sizeof(double));
		side[k].e = xmalloc((nout ? nout : 1) * sizeof(bool));
	}
	for (size_t e = 0; e < nev; e++) {
		struct driver *d = &s->drivers[e];
		side[0].n = side[1].n = side[0].renewed = side[1].renewed = 0;
		for (size_t i = 0; i < nout; i++) {
			struct side_acc *sa = &side[did[i] >> e & 1];
			sa->t[sa->n] = t[i];
			sa->e[sa->n++] = reached[i];
			sa->renewed += renewed[i];
		}
		d->event = m->event_names.str[e];
		side_finish(&d->with, &side[1]);
		side_finish(&d->without, &side[0]);
		d->lift = d->with.renewal_rate - d->without.renewal_rate;
		d->p_value = stats_prop_test2(d->with.renewed, side[1].n,
					      d->without.renewed, side[0].n);
		d->notable = side[1].n >= STATS_SMALL_N &&
			     side[0].n >= STATS_SMALL_N && d->p_value < 0.05;
	}
	qsort(s->drivers, nev, sizeof(*s->drivers), cmp_driver);
	for (int k = 0; k < 2; k++) {
		free(side[k].t);
		free(side[k].e);
	}
	free(t);
	free(reached);
	free(renewed);
	free(did);
}

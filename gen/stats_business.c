/* stats_business.c - time to business value (seed 003's TTBV: first value
 * is the product working, business value the outcome the customer bought
 * it for; seed 001's go-live), measured exactly as TTFV is, and how long
 * after first value it comes. */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The configured milestone column or event, else go_live_at when the
 * accounts export has it; src stays empty when there is none.
 * config_check has refused a configured name that is neither. */
static void business_source(struct stats_work *w, struct step_src *src)
{
	const struct model *m = w->m;
	const char *name = w->c->business_value;
	struct stats *s = w->s;
	src->ms = src->ev = -1;
	if (!name) {
		if (model_has_milestone(m, MS_GO_LIVE)) {
			src->ms = MS_GO_LIVE;
			s->business.source = "column go_live_at";
		}
		return;
	}
	int ms = schema_milestone_of(name);
	if (ms > MS_FIRST_VALUE && model_has_milestone(m, ms)) {
		src->ms = ms;
	} else if (ms < 0) {
		src->ev = strtab_find(&m->event_names, name, strlen(name));
	}
	if (src->ms < 0 && src->ev < 0)
		return;
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s %s", src->ms >= 0 ? "column" : "event", name);
	s->business.source = arena_strndup(w->arena, b.ptr, b.len);
	buf_release(&b);
}

void stats_business_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	struct business_value *bv = &s->business;
	struct step_src src;
	business_source(w, &src);
	if (!bv->source)
		return;
	size_t n = w->nmeasured;
	double *t = xmalloc((n ? n : 1) * sizeof(*t));
	double *reached = xmalloc((n ? n : 1) * sizeof(*reached));
	double *gap = xmalloc((n ? n : 1) * sizeof(*gap));
	bool *ev = xmalloc((n ? n : 1) * sizeof(*ev));
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t a = w->by_account[i];
		int64_t st = w->start[a], at = stats_src_time(w, src, a);
		/* one before the clock start lasts 0 days, as first value */
		ev[i] = at != TTFV_NO_TIME;
		t[i] = stats_duration(w, (int32_t)a, st,
				      ev[i] ? at : s->as_of, DAYS_CALENDAR);
		if (ev[i] && sw_reached(w, a))
			gap[ng++] = t[i] - w->cal[a];
	}
	bv->g.name = "business value";
	double *by_t = xmalloc((n ? n : 1) * sizeof(*by_t));
	bool *by_e = xmalloc((n ? n : 1) * sizeof(*by_e));
	stats_timed_sort(t, ev, n, by_t, by_e);
	/* the reached times ascending: the events of that order */
	size_t nr = 0;
	for (size_t i = 0; i < n; i++)
		if (by_e[i])
			reached[nr++] = by_t[i];
	struct km k;
	stats_km_build_sorted(&k, by_t, by_e, n);
	stats_group_figures(&bv->g, &k, reached, nr);
	bv->curve = stats_km_curve(w, &k, &bv->ncurve);
	bv->gap_accounts = ng;
	bv->gap_p50 = stats_median_of(gap, ng);
	stats_km_release(&k);
	free(by_t);
	free(by_e);
	free(t);
	free(reached);
	free(gap);
	free(ev);
}

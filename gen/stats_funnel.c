/* stats_funnel.c - the onboarding funnel of seed 002: per step, accounts
 * that completed it and the next one, conversion, drop-off and the median
 * days between the two; the largest drop-off is called out. */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>

void stats_funnel_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	size_t ns = s->nsteps;
	s->funnel = arena_alloc(&s->arena, (ns ? ns : 1) * sizeof(*s->funnel));
	s->nfunnel = ns;
	s->funnel_worst = -1;
	double *gap = xmalloc((w->nmeasured ? w->nmeasured : 1) * sizeof(*gap));
	for (size_t k = 0; k < ns; k++) {
		struct funnel_step *f = &s->funnel[k];
		size_t ngap = 0;
		f->step = s->steps[k].name;
		for (size_t i = 0; i < w->nmeasured; i++) {
			uint32_t a = w->by_cal[i];
			int64_t t = stats_step_at(w, k, a);
			if (t == TTFV_NO_TIME)
				continue;
			f->reached++;
			if (k + 1 == ns)
				continue;
			int64_t u = stats_step_at(w, k + 1, a);
			if (u == TTFV_NO_TIME)
				continue;
			f->next++;
			/* steps done out of order say nothing about the gap */
			if (u >= t)
				gap[ngap++] = (double)(u - t) / TU_DAY;
		}
		if (k + 1 == ns)
			f->next = f->reached;
		f->conversion = f->reached ? (double)f->next / (double)f->reached
					   : NAN;
		f->dropoff = f->reached ? 1.0 - f->conversion : NAN;
		f->median_days_to_next = stats_median_of(gap, ngap);
		if (k + 1 < ns && !isnan(f->dropoff) &&
		    (s->funnel_worst < 0 ||
		     f->dropoff > s->funnel[s->funnel_worst].dropoff))
			s->funnel_worst = (int)k;
	}
	free(gap);
}

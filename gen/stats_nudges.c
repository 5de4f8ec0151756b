/* stats_nudges.c - the 3-day and 7-day nudge checkpoints (seed 000:
 * "in-product nudge sequences triggered at 3-day and 7-day marks for
 * accounts that have not reached first value"), each account in the state
 * seed 004 sends a different nudge for: its milestone not started, started
 * but stalled, or just completed (the "next win"). */
#include "stats_priv.h"

#include <stdlib.h>

const int stats_nudge_day[STATS_NUDGES] = {3, 7};

const char *stats_nudge_state_name(enum nudge_state st)
{
	static const char *const name[] = {"not started", "stalled",
					   "next win"};
	return name[st];
}

/* The state at the mark: nothing done since the clock started; progress
 * since the previous mark (the clock start for the first); or neither. */
static enum nudge_state state_at(const struct stats_work *w, uint32_t a,
				 int64_t prev, int64_t mark, int *cur)
{
	int64_t last = TTFV_NO_TIME;
	*cur = -1;
	const struct tier_path *p = sw_path(w, a);
	for (size_t j = 0; j < p->n; j++) {
		if ((int)j == p->fv)
			continue;
		size_t k = p->step[j];
		int64_t t = stats_step_at(w, k, a);
		if (t != TTFV_NO_TIME && t <= mark) {
			if (last == TTFV_NO_TIME || t > last)
				last = t;
		} else if (*cur < 0) {
			*cur = (int)k;
		}
	}
	if (last == TTFV_NO_TIME)
		return NUDGE_NOT_STARTED;
	return last >= prev ? NUDGE_NEXT_WIN : NUDGE_STALLED;
}

void stats_nudges_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	int64_t week = s->as_of - 7 * (int64_t)TU_DAY;
	size_t n = 0;
	for (int c = 0; c < STATS_NUDGES; c++)
		for (size_t i = 0; i < w->nmeasured; i++) {
			uint32_t a = w->by_cal[i];
			int64_t mark = w->start[a] +
				       stats_nudge_day[c] * (int64_t)TU_DAY;
			n += !sw_reached(w, a) &&
			     w->m->acc[a].outcome != OUTCOME_CHURNED &&
			     mark >= week && mark < s->as_of;
		}
	s->nudges = arena_alloc(w->arena, (n ? n : 1) * sizeof(*s->nudges));
	struct stats_rowkey *key = xmalloc((n ? n : 1) * sizeof(*key));
	for (int c = 0; c < STATS_NUDGES; c++)
		for (size_t i = 0; i < w->nmeasured; i++) {
			uint32_t a = w->by_cal[i];
			const struct account *acc = &w->m->acc[a];
			int64_t mark = w->start[a] +
				       stats_nudge_day[c] * (int64_t)TU_DAY;
			if (sw_reached(w, a) || acc->outcome == OUTCOME_CHURNED ||
			    mark < week || mark >= s->as_of)
				continue;
			int64_t prev = c ? w->start[a] +
						   stats_nudge_day[c - 1] *
							   (int64_t)TU_DAY
					 : w->start[a];
			struct nudge_row *r = &s->nudges[s->nnudges];
			int cur;
			r->account_id = acc->id;
			r->name = acc->name;
			r->tier = s->tiers[w->tier[a]].g.name;
			r->csm = model_attr_value(w->m, acc, ATTR_CSM);
			r->day = stats_nudge_day[c];
			r->mark = mark;
			r->state = state_at(w, a, prev, mark, &cur);
			r->step = cur >= 0 ? s->steps[cur].name : NULL;
			r->playbook = cur >= 0 ? s->steps[cur].playbook : NULL;
			/* by checkpoint, then by the mark: the oldest first */
			key[s->nnudges].k1 = c;
			key[s->nnudges].k2 = mark;
			key[s->nnudges].i = (uint32_t)s->nnudges;
			s->nnudges++;
		}
	stats_rows_sort(s->nudges, s->nnudges, sizeof(*s->nudges), key);
	free(key);
}

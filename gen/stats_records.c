/* stats_records.c - one record per account of the export: where it
 * stands, for accounts.csv (the results a CRM imports back). */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>

const char *stats_record_status_name(enum record_status st)
{
	static const char *const name[] = {"reached",  "reached-late",
					   "on-track", "at-risk",
					   "breached", "churned",
					   "not-started"};
	return name[st];
}

static enum record_status record_status(const struct stats_work *w,
					uint32_t a,
					const struct onboarding_row *row)
{
	if (row)
		return row->status == STATUS_BREACHED	? RECORD_BREACHED
		       : row->status == STATUS_AT_RISK ? RECORD_AT_RISK
						       : RECORD_ON_TRACK;
	if (w->start[a] == TTFV_NO_TIME)
		return RECORD_NOT_STARTED;
	if (!sw_reached(w, a))
		return RECORD_CHURNED;
	return w->breach_at[a] != TTFV_NO_TIME ? RECORD_REACHED_LATE
					       : RECORD_REACHED;
}

void stats_records_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	size_t n = w->n ? w->n : 1;
	int32_t *row_of = xmalloc(n * sizeof(*row_of));
	for (size_t a = 0; a < w->n; a++)
		row_of[a] = -1;
	for (size_t i = 0; i < s->nonboarding; i++)
		row_of[s->onboarding[i].account] = (int32_t)i;
	s->records = arena_alloc(w->arena, n * sizeof(*s->records));
	s->nrecords = w->n;
	for (uint32_t a = 0; a < w->n; a++) {
		struct account_record *r = &s->records[a];
		const struct tier_stats *ts = &s->tiers[w->tier[a]];
		bool started = w->start[a] != TTFV_NO_TIME;
		const struct account *acc = &w->m->acc[a];
		r->account = (int32_t)a;
		r->account_id = acc->id;
		r->name = acc->name;
		r->tier = ts->g.name;
		r->csm = model_attr_value(w->m, acc, ATTR_CSM);
		r->signed_at = acc->ms[MS_SIGNED];
		r->row = row_of[a] >= 0 ? &s->onboarding[row_of[a]] : NULL;
		r->status = record_status(w, a, r->row);
		r->days = ts->days;
		r->clock_start = w->start[a];
		r->first_value_at = started && sw_reached(w, a) ? w->fv[a]
							      : TTFV_NO_TIME;
		r->ttfv_days = r->first_value_at != TTFV_NO_TIME ? w->dur[a]
								 : NAN;
		r->sla_days = started ? w->limit[a] : NAN;
		r->deadline = started && !isnan(r->sla_days)
				      ? stats_deadline(w, (int32_t)a,
						       w->start[a],
						       r->sla_days, r->days)
				      : TTFV_NO_TIME;
	}
	free(row_of);
}

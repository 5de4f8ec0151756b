/* stats_onboarding.c - accounts still onboarding (seed 000): status
 * against the SLA, the step each is on and for how long, the projected
 * first-value date, and a specific alert for the ones at risk or breached.
 */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *stats_status_name(enum ob_status st)
{
	static const char *const name[] = {"on-track", "at-risk", "breached"};
	return name[st];
}

/* The path's step j as the report as of at saw it (at <= the as-of
 * instant): only what happened strictly before at. */
static int64_t step_by(const struct stats_work *w, size_t j, uint32_t a,
		       int64_t at)
{
	int64_t t = stats_step_at(w, sw_path(w, a)->step[j], a);
	return t != TTFV_NO_TIME && t >= at ? TTFV_NO_TIME : t;
}

static int64_t seg_end(const struct stats_work *w, size_t k, uint32_t a)
{
	return k < sw_path(w, a)->npre
		       ? stats_step_at(w, sw_path(w, a)->step[k], a)
		       : w->fv[a];
}

static int64_t seg_begin(const struct stats_work *w, size_t k, uint32_t a,
			 int64_t at)
{
	return k ? step_by(w, k - 1, a, at) : w->start[a];
}

/* Each tier's historical median of each segment of its path, in
 * seconds. */
static void segment_medians(struct stats_work *w)
{
	struct stats *s = w->s;
	size_t *off;
	uint32_t *b = stats_bucket(w->by_account, w->nmeasured, w->tier,
				   s->ntiers, &off);
	double *v = xmalloc((w->nmeasured ? w->nmeasured : 1) * sizeof(*v));
	for (size_t t = 0; t < s->ntiers; t++)
		for (size_t k = 0; k < w->nseg; k++) {
			size_t n = 0;
			for (size_t i = off[t];
			     k <= w->path[t].npre && i < off[t + 1]; i++) {
				int64_t x = seg_begin(w, k, b[i],
						      w->s->as_of);
				int64_t y = seg_end(w, k, b[i]);
				if (x != TTFV_NO_TIME && y != TTFV_NO_TIME &&
				    y >= x)
					v[n++] = (double)(y - x);
			}
			w->seg_median[t * w->nseg + k] = stats_median_of(v, n);
		}
	free(v);
	free(off);
	free(b);
}

int64_t stats_projected(const struct stats_work *w, uint32_t a, size_t cur,
			size_t end, int64_t at)
{
	double total = 0;
	size_t npre = sw_path(w, a)->npre;
	for (size_t k = cur; k < end; k++) {
		if (k < npre && step_by(w, k, a, at) != TTFV_NO_TIME)
			continue;	/* done out of order */
		double med = w->seg_median[(size_t)w->tier[a] * w->nseg + k];
		if (isnan(med))
			return TTFV_NO_TIME;
		if (k == cur) {
			int64_t from = seg_begin(w, k, a, at);
			double spent = (double)(at - from);
			med = med > spent ? med - spent : 0;
		}
		total += med;
	}
	return at + llround(total);
}

/* What the status rests on, as of the instant at: the report's own
 * (at = the as-of instant, elapsed its measured duration) or the one a
 * week earlier. */
static void row_state(const struct stats_work *w, struct onboarding_row *r,
		      uint32_t a, int64_t at, double elapsed)
{
	const struct stats *s = w->s;
	const struct tier_path *p = sw_path(w, a);
	size_t npre = p->npre, cur = npre;
	r->days = s->tiers[w->tier[a]].days;
	r->clock_start = w->start[a];
	r->elapsed_days = elapsed;
	r->sla_days = w->limit[a];
	r->last_step_at = TTFV_NO_TIME;
	r->last_step = NULL;
	for (size_t j = 0; j < npre; j++) {
		int64_t t = step_by(w, j, a, at);
		if (t == TTFV_NO_TIME) {
			if (cur == npre)
				cur = j;
		} else if (r->last_step_at == TTFV_NO_TIME ||
			   t >= r->last_step_at) {
			r->last_step_at = t;
			r->last_step = s->steps[p->step[j]].name;
		}
	}
	int cur_step = cur < npre ? (int)p->step[cur]
		       : p->fv >= 0 ? (int)p->step[p->fv]
				    : -1;
	r->current_step = cur_step >= 0 ? s->steps[cur_step].name
					: "first_value";
	r->current_step_index = cur_step;
	r->playbook = cur_step >= 0 ? s->steps[cur_step].playbook : NULL;
	int64_t since = r->last_step_at != TTFV_NO_TIME &&
					r->last_step_at > w->start[a]
				? r->last_step_at
				: w->start[a];
	r->stalled_days = stats_duration(w, (int32_t)a, since, at, r->days);
	r->step_max_days = cur_step >= 0 ? s->steps[cur_step].max_days : NAN;
	r->over_step_max = r->stalled_days > r->step_max_days;
	r->deadline = isnan(r->sla_days)
			      ? TTFV_NO_TIME
			      : stats_deadline(w, (int32_t)a, w->start[a],
					       r->sla_days, r->days);
	r->projected_first_value = stats_projected(w, a, cur, npre + 1, at);
	/* seed 000's "step 2": the second step of the account's own path */
	bool step2_done = p->n < 2 || step_by(w, 1, a, at) != TTFV_NO_TIME;
	r->status = STATUS_ON_TRACK;
	if (!isnan(r->sla_days)) {
		if (r->elapsed_days > r->sla_days)
			r->status = STATUS_BREACHED;
		else if ((r->elapsed_days > 0.5 * r->sla_days && !step2_done) ||
			 (r->projected_first_value != TTFV_NO_TIME &&
			  r->deadline != TTFV_NO_TIME &&
			  r->projected_first_value > r->deadline))
			r->status = STATUS_AT_RISK;
	}
	r->stalled = r->status == STATUS_ON_TRACK && r->over_step_max;
}

bool stats_status_at(const struct stats_work *w, uint32_t a, int64_t at,
		     enum ob_status *status, bool *stalled)
{
	if (w->start[a] == TTFV_NO_TIME || w->start[a] >= at ||
	    (sw_reached(w, a) && w->fv[a] < at))
		return false;
	struct onboarding_row r;
	row_state(w, &r, a, at,
		  stats_duration(w, (int32_t)a, w->start[a], at,
				 w->s->tiers[w->tier[a]].days));
	*status = r.status;
	*stalled = r.stalled;
	return true;
}

static void row_fill(struct stats_work *w, struct onboarding_row *r,
		     uint32_t a)
{
	struct stats *s = w->s;
	const struct model *m = w->m;
	const struct account *acc = &m->acc[a];
	struct tier_stats *ts = &s->tiers[w->tier[a]];
	r->account = (int32_t)a;
	r->account_id = acc->id;
	r->name = acc->name;
	r->tier = ts->g.name;
	r->csm = model_attr_value(m, acc, ATTR_CSM);
	r->arr = acc->arr;
	r->approver = acc->approver;
	r->contractual = ts->contractual;
	row_state(w, r, a, s->as_of, w->dur[a]);
	/* the clock's stops so far: what the pauses took off elapsed */
	r->paused_days = stats_duration(w, -1, w->start[a], s->as_of, r->days) -
			 r->elapsed_days;
	r->twice_sla = !isnan(r->sla_days) &&
		       r->elapsed_days > 2 * r->sla_days;
	r->old_breach = r->status == STATUS_BREACHED &&
			r->deadline != TTFV_NO_TIME &&
			s->as_of - r->deadline >
				(int64_t)STATS_OLD_BREACH_DAYS * TU_DAY;
	ts->on_track += r->status == STATUS_ON_TRACK;
	ts->at_risk += r->status == STATUS_AT_RISK;
	ts->breached += r->status == STATUS_BREACHED;
	s->status_count[r->status]++;
	r->flag_no_exec_sponsor =
		s->churn.exec_sponsor_known && !acc->has_exec_sponsor;
	r->alert = r->status != STATUS_ON_TRACK || r->stalled;
}

/* Signed, not churned or renewed, and its tier's clock (a column other
 * than signed_at) not started by the as-of date. */
static bool awaiting_clock(const struct stats_work *w, uint32_t a)
{
	/* the work arrays first: most accounts stop there, without a read
	 * of their (cache-cold) record */
	if (w->start[a] != TTFV_NO_TIME || w->tier_ms[w->tier[a]] == MS_SIGNED)
		return false;
	const struct account *acc = &w->m->acc[a];
	int64_t signed_at = acc->ms[MS_SIGNED];
	return signed_at != TTFV_NO_TIME && signed_at < w->s->as_of &&
	       acc->outcome != OUTCOME_CHURNED &&
	       acc->outcome != OUTCOME_RENEWED;
}

/* The onboarding list leaves these out (no SLA can run before the clock
 * starts), but a high-touch account signed weeks ago with no kickoff is
 * what a weekly review must see. */
static void awaiting_list(struct stats_work *w)
{
	struct stats *s = w->s;
	size_t n = 0;
	for (uint32_t a = 0; a < w->n; a++)
		n += awaiting_clock(w, a);
	s->awaiting = arena_alloc(w->arena,
				  (n ? n : 1) * sizeof(*s->awaiting));
	struct stats_rowkey *key = xmalloc((n ? n : 1) * sizeof(*key));
	for (uint32_t a = 0; a < w->n; a++) {
		if (!awaiting_clock(w, a))
			continue;
		const struct account *acc = &w->m->acc[a];
		size_t i = s->nawaiting++;
		struct awaiting_row *r = &s->awaiting[i];
		r->account = (int32_t)a;
		r->account_id = acc->id;
		r->name = acc->name;
		r->tier = s->tiers[w->tier[a]].g.name;
		r->clock_start = s->tiers[w->tier[a]].clock_start;
		r->signed_at = acc->ms[MS_SIGNED];
		r->days = (double)(s->as_of - r->signed_at) / TU_DAY;
		r->business_days = stats_duration(w, -1, r->signed_at,
						  s->as_of, DAYS_BUSINESS);
		r->past_target =
			r->business_days > w->c->kickoff_target_days;
		/* longest wait first, then file order */
		key[i].k1 = r->signed_at;
		key[i].k2 = 0;
		key[i].i = (uint32_t)i;
	}
	stats_rows_sort(s->awaiting, n, sizeof(*s->awaiting), key);
	free(key);
}

void stats_onboarding_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	segment_medians(w);
	size_t n = 0;
	for (size_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_cal[i];
		n += !sw_reached(w, a) &&
		     w->m->acc[a].outcome != OUTCOME_CHURNED;
	}
	s->onboarding = arena_alloc(w->arena,
				    (n ? n : 1) * sizeof(*s->onboarding));
	for (size_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_cal[i];
		if (sw_reached(w, a) || w->m->acc[a].outcome == OUTCOME_CHURNED)
			continue;
		row_fill(w, &s->onboarding[s->nonboarding++], a);
	}
	stats_risk_compute(w);
	/* most urgent first: breached, then at risk, contractual SLAs before
	 * internal ones within each (their breach has formal remedies), each
	 * by deadline (none last), then shortest elapsed first (the order
	 * rows were made in) */
	struct stats_rowkey *key = xmalloc((n ? n : 1) * sizeof(*key));
	for (size_t i = 0; i < n; i++) {
		const struct onboarding_row *r = &s->onboarding[i];
		key[i].k1 = -(2 * (int64_t)r->status + r->contractual);
		key[i].k2 = r->deadline == TTFV_NO_TIME ? INT64_MAX : r->deadline;
		key[i].i = (uint32_t)i;
	}
	stats_rows_sort(s->onboarding, n, sizeof(*s->onboarding), key);
	free(key);
	awaiting_list(w);
}

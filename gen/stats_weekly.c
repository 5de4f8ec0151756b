/* stats_weekly.c - the weekly review (SPEC 8.2).
 *
 * The week is the 7 local days ending at the as-of instant, so a week
 * with a daylight-saving change is 167 or 169 hours long.  Each seed-004
 * target is measured on the accounts it is about, this week and the week
 * before; what changed is the report of 7 days earlier recomputed from the
 * same model (no file is read again, and only the accounts onboarding now
 * are looked at twice); the action list is grouped by CSM.
 */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int64_t stats_weeks_back(const struct stats *s, int k)
{
	return tu_day_start(tu_day_of(s->as_of) - 7 * (int64_t)k);
}

static bool in_window(int64_t t, int64_t lo, int64_t hi)
{
	return t != TTFV_NO_TIME && t >= lo && t < hi;
}

/* First value by the instant at (as the report as of then would see it). */
static bool reached_by(const struct stats_work *w, uint32_t a, int64_t at)
{
	return sw_reached(w, a) && w->fv[a] < at;
}

/* Median TTFV (KM: the accounts still without first value are censored at
 * the week's end) and the 7-day first-value rate, over the accounts whose
 * clock started in the week before the week (each has had 7 days). */
static void cohort_figures(const struct stats_work *w, const int64_t *week,
			   struct target_figures *f)
{
	size_t n = 0, fast = 0;
	for (uint32_t a = 0; a < w->n; a++)
		n += in_window(w->start[a], week[2], week[1]);
	double *t = xmalloc((n ? n : 1) * sizeof(*t));
	bool *ev = xmalloc((n ? n : 1) * sizeof(*ev));
	size_t i = 0;
	for (uint32_t a = 0; a < w->n; a++) {
		if (!in_window(w->start[a], week[2], week[1]))
			continue;
		ev[i] = reached_by(w, a, week[0]);
		t[i] = ev[i] ? w->cal[a]
			     : stats_duration(w, (int32_t)a, w->start[a],
					      week[0], DAYS_CALENDAR);
		fast += ev[i] && t[i] <= 7;
		i++;
	}
	struct km k;
	stats_km_build(&k, t, ev, n);
	f->value[TARGET_MEDIAN_TTFV_DAYS] = stats_km_quantile(&k, 0.5);
	stats_km_quantile_ci(&k, 0.5, &f->lower, &f->upper);
	stats_km_release(&k);
	f->accounts[TARGET_MEDIAN_TTFV_DAYS] = n;
	f->value[TARGET_FIRST_VALUE_RATE_7D] = stats_share(fast, n);
	f->accounts[TARGET_FIRST_VALUE_RATE_7D] = n;
	free(t);
	free(ev);
}

/* Manual assist (seed 004's intervention paths: anything but
 * automation_only needed a person) and complete first-value records,
 * over the first values reached in [lo, hi): this week's, or all. */
void stats_reached_figures(const struct stats_work *w, int64_t lo, int64_t hi,
			   struct target_figures *f)
{
	const struct strtab *path = &w->m->attrs[ATTR_INTERVENTION_PATH];
	size_t assisted = 0, with_path = 0, complete = 0, reached = 0;
	bool known = false;
	for (uint32_t a = 0; a < w->n; a++) {
		const struct account *acc = &w->m->acc[a];
		known |= acc->has_owner || acc->has_proof || acc->has_approver;
		if (w->start[a] == TTFV_NO_TIME ||
		    !in_window(w->fv[a], lo, hi))
			continue;
		reached++;
		complete += acc->has_owner && acc->has_proof &&
			    acc->has_approver;
		int32_t v = acc->attr[ATTR_INTERVENTION_PATH];
		if (v >= 0) {
			with_path++;
			assisted += strcasecmp(path->str[v],
					       "automation_only") != 0;
		}
	}
	f->value[TARGET_MANUAL_ASSIST_SHARE] = stats_share(assisted, with_path);
	f->accounts[TARGET_MANUAL_ASSIST_SHARE] = with_path;
	f->value[TARGET_RECORD_COMPLETENESS] =
		known ? stats_share(complete, reached) : NAN;
	f->accounts[TARGET_RECORD_COMPLETENESS] = reached;
}

/* Seed 004's week-2 retention: of the accounts whose clock started in
 * [lo, hi) (for a week, the week two weeks before its end, so every one's
 * days 7 to 14 are over by at), the share with an event in days [7, 14)
 * after their clock start. */
void stats_retention_figure(const struct stats_work *w, int64_t lo,
			    int64_t hi, int64_t at, struct target_figures *f)
{
	const struct week2 *wk2 = w->m->week2;
	size_t n = 0, active = 0;
	for (uint32_t a = 0; wk2 && a < w->n; a++) {
		if (!in_window(w->start[a], lo, hi))
			continue;
		n++;
		active += wk2[a].first != TTFV_NO_TIME && wk2[a].first < at;
	}
	/* without an events file nobody could have been seen */
	f->value[TARGET_WEEK2_RETENTION] =
		wk2 && w->m->events_total ? stats_share(active, n) : NAN;
	f->accounts[TARGET_WEEK2_RETENTION] = n;
}

/* The figures of a week as the report as of its end saw them: week[0] is
 * its end, week[1 .. 3] the three week starts before it. */
static void week_figures(const struct stats_work *w, const int64_t *week,
			 struct target_figures *f)
{
	cohort_figures(w, week, f);
	stats_reached_figures(w, week[1], week[0], f);
	stats_retention_figure(w, week[3], week[2], week[0], f);
}

static void targets(struct stats_work *w, const int64_t *bound)
{
	struct weekly *wk = &w->s->weekly;
	struct target_figures now, before;
	week_figures(w, bound, &now);
	week_figures(w, bound + 1, &before);
	for (int i = 0; i < TARGET_COUNT; i++) {
		struct target_row *t = &wk->targets[i];
		stats_target_init(t, (enum target_id)i, w->c);
		t->value = now.value[i];
		t->accounts = now.accounts[i];
		t->previous = before.value[i];
		t->previous_accounts = before.accounts[i];
		t->delta = t->value - t->previous;
		t->status = stats_target_status(t);
	}
	wk->targets[TARGET_MEDIAN_TTFV_DAYS].lower = now.lower;
	wk->targets[TARGET_MEDIAN_TTFV_DAYS].upper = now.upper;
	/* the rates' Wilson intervals (SPEC 8.1); a share's accounts are its
	 * denominator, so the count is exact after rounding */
	for (int i = 0; i < TARGET_COUNT; i++) {
		struct target_row *t = &wk->targets[i];
		if (t->is_share && !isnan(t->value))
			stats_wilson((size_t)llround(t->value *
						     (double)t->accounts),
				     t->accounts, &t->lower, &t->upper);
	}
}

/* ---- changes since the report of 7 days earlier ------------------------- */

static void list_add(struct id_list *l, const char *id)
{
	l->id[l->n++] = id;
}

static void list_alloc(const struct stats_work *w, struct id_list *l,
		       size_t cap)
{
	l->id = arena_alloc(w->arena, (cap ? cap : 1) * sizeof(*l->id));
	l->n = 0;
}

static void changes(struct stats_work *w, int64_t week_start)
{
	struct stats *s = w->s;
	struct weekly_changes *c = &s->weekly.changes;
	list_alloc(w, &c->newly_breached, s->nonboarding);
	list_alloc(w, &c->newly_at_risk, s->nonboarding);
	list_alloc(w, &c->stalled, s->nonboarding);
	for (size_t i = 0; i < s->nonboarding; i++) {
		const struct onboarding_row *r = &s->onboarding[i];
		if (r->status == STATUS_ON_TRACK && !r->stalled)
			continue;
		enum ob_status then = STATUS_ON_TRACK;
		bool stalled = false;
		bool was = stats_status_at(w, (uint32_t)r->account,
					   week_start, &then, &stalled);
		if (r->status == STATUS_BREACHED &&
		    !(was && then == STATUS_BREACHED))
			list_add(&c->newly_breached, r->account_id);
		if (r->status == STATUS_AT_RISK &&
		    !(was && then != STATUS_ON_TRACK))
			list_add(&c->newly_at_risk, r->account_id);
		if (r->stalled && !(was && stalled))
			list_add(&c->stalled, r->account_id);
	}
	size_t nreached = 0, nnew = 0;
	for (uint32_t a = 0; a < w->n; a++) {
		nreached += w->start[a] != TTFV_NO_TIME && sw_reached(w, a) &&
			    w->fv[a] >= week_start;
		nnew += w->start[a] != TTFV_NO_TIME &&
			w->start[a] >= week_start;
	}
	list_alloc(w, &c->reached, nreached);
	list_alloc(w, &c->new_accounts, nnew);
	for (uint32_t a = 0; a < w->n; a++) {
		if (w->start[a] == TTFV_NO_TIME)
			continue;
		if (sw_reached(w, a) && w->fv[a] >= week_start)
			list_add(&c->reached, w->m->acc[a].id);
		if (w->start[a] >= week_start)
			list_add(&c->new_accounts, w->m->acc[a].id);
	}
}

/* ---- the action list by CSM -------------------------------------------- */

struct csm_name {
	const char *name;
	int32_t v;
};

static int cmp_csm(const void *x, const void *y)
{
	const struct csm_name *p = x, *q = y;
	return strcmp(p->name, q->name);
}

/* Position of each CSM value in name order; accounts without one last. */
static int64_t *csm_ranks(const struct model *m)
{
	const struct strtab *t = &m->attrs[ATTR_CSM];
	struct csm_name *v = xmalloc((t->n ? t->n : 1) * sizeof(*v));
	for (size_t i = 0; i < t->n; i++)
		v[i] = (struct csm_name){t->str[i], (int32_t)i};
	qsort(v, t->n, sizeof(*v), cmp_csm);
	int64_t *rank = xmalloc((t->n + 1) * sizeof(*rank));
	for (size_t i = 0; i < t->n; i++)
		rank[v[i].v] = (int64_t)i;
	rank[t->n] = (int64_t)t->n;
	free(v);
	return rank;
}

/* SPEC 8.2: by risk (8.3; to a tenth of a percent, none last), then
 * the larger ARR (whole units, blank last); then the onboarding order
 * (breached, at risk, contractual first, each by deadline). */
static int64_t risk_arr_key(const struct onboarding_row *r)
{
	const double cap = 1e12;	/* keeps the ARR below 2^40 */
	int64_t risk = isnan(r->risk) ? -1 : llround(r->risk * 1000);
	int64_t arr = isnan(r->arr) || r->arr < 0 ? 0
		      : llround(r->arr < cap ? r->arr : cap);
	return -(risk * ((int64_t)1 << 41) + arr);
}

/* On the action list: breached, at risk, stalled, or routed to someone
 * though on track (the probability says someone should act). */
static bool needs_action(const struct onboarding_row *r)
{
	return r->status != STATUS_ON_TRACK || r->stalled ||
	       r->route != ROUTE_MONITOR;
}

static void actions(struct stats_work *w)
{
	struct stats *s = w->s;
	struct weekly *wk = &s->weekly;
	size_t cap = s->nonboarding ? s->nonboarding : 1;
	wk->action = arena_alloc(w->arena, cap * sizeof(*wk->action));
	wk->old_breach = arena_alloc(w->arena, cap * sizeof(*wk->old_breach));
	int64_t *rank = csm_ranks(w->m);
	size_t ncsm = w->m->attrs[ATTR_CSM].n;
	struct stats_rowkey *key = xmalloc(cap * sizeof(*key));
	struct stats_rowkey *old = xmalloc(cap * sizeof(*old));
	for (size_t i = 0; i < s->nonboarding; i++) {
		const struct onboarding_row *r = &s->onboarding[i];
		if (!needs_action(r))
			continue;
		if (r->old_breach) {
			old[wk->nold_breach] = (struct stats_rowkey){
				r->deadline, 0, (uint32_t)wk->nold_breach};
			wk->old_breach[wk->nold_breach++] = (uint32_t)i;
			continue;
		}
		int32_t v = w->m->acc[r->account].attr[ATTR_CSM];
		int64_t csm = v < 0 ? (int64_t)ncsm : rank[v];
		key[wk->naction] = (struct stats_rowkey){
			csm, risk_arr_key(r), (uint32_t)wk->naction};
		wk->action[wk->naction++] = (uint32_t)i;
	}
	stats_rows_sort(wk->action, wk->naction, sizeof(*wk->action), key);
	stats_rows_sort(wk->old_breach, wk->nold_breach,
			sizeof(*wk->old_breach), old);
	wk->groups = arena_alloc(w->arena, cap * sizeof(*wk->groups));
	for (size_t i = 0; i < wk->naction; i++) {
		const char *csm = s->onboarding[wk->action[i]].csm;
		if (!wk->ngroups ||
		    strcmp(wk->groups[wk->ngroups - 1].csm, csm) != 0)
			wk->groups[wk->ngroups++] =
				(struct action_group){csm, i, 0};
		wk->groups[wk->ngroups - 1].n++;
	}
	free(key);
	free(old);
	free(rank);
}

void stats_weekly_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	struct weekly *wk = &s->weekly;
	/* this week's end, then four week starts back: enough for the week
	 * before's week-2 cohort */
	int64_t bound[5];
	for (int k = 0; k < 5; k++)
		bound[k] = stats_weeks_back(s, k);
	wk->to = bound[0];
	wk->from = bound[1];
	tu_format_date(wk->from, wk->from_date);
	tu_format_date(wk->to - 1, wk->to_date);
	targets(w, bound);
	changes(w, wk->from);
	actions(w);
}

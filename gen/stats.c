/* stats.c - stats_compute: the order in which the parts run, the data
 * quality figures; the QBR summaries are stats_account.c's.
 *
 * Once the accounts are measured and the tiers' SLAs known, the parts
 * fall in two sets that read only those and write only their own
 * figures: the onboarding list with what is made from it (accounts.csv's
 * records, the weekly review) and business value, and the group figures
 * with the rest.  A second thread computes the first set on a copy of the
 * work whose arena is its own (s->arena takes in its blocks after the
 * join), so nothing depends on which thread finishes first; the calling
 * thread computes the second, the only one that reports a problem. */
#include "stats_priv.h"

#include "config_check.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void work_release(struct stats_work *w)
{
	free(w->hol);
	free(w->tier_ms);
	free(w->tier);
	free(w->step_src);
	free(w->start);
	free(w->fv);
	free(w->cal);
	free(w->dur);
	free(w->limit);
	free(w->breach_at);
	free(w->cohort);
	free(w->by_cal);
	free(w->by_dur);
	free(w->by_account);
	free(w->seg_median);
	for (size_t t = 0; w->path && t < w->s->ntiers; t++) {
		free(w->path[t].step);
		free(w->path[t].on);
	}
	free(w->path);
	free(w->arr);
	free(w->own_sla);
	free(w->outcome);
}

/* The report clock main settled (clock.h). */
static int as_of_set(struct stats *s, const struct config *c,
		     struct diag *d)
{
	if (c->clock.as_of == TTFV_NO_TIME)
		return diag_add(d, NULL, 0, NULL,
				"the report clock has no as-of instant "
				"(clock_settle)");
	s->as_of = c->clock.as_of;
	tu_format_date(s->as_of - 1, s->as_of_date);
	return 0;
}

/* The config against the data: its errors refuse the report, its
 * warnings go to the data-quality section. */
static int data_warnings(struct stats *s, const struct model *m,
			 const struct config *c, struct diag *d)
{
	struct diag warn;
	diag_init(&warn);
	int rc = config_check(c, m, d, &warn);
	s->dq.nwarnings = warn.count;
	s->dq.warnings = arena_strndup(&s->arena, buf_cstr(&warn.text),
				       warn.text.len);
	diag_release(&warn);
	return rc;
}

static void data_quality(struct stats_work *w)
{
	struct stats *s = w->s;
	const struct model *m = w->m;
	s->dq.rows_skipped = m->rows_skipped;
	s->dq.skipped = arena_strndup(&s->arena, buf_cstr(&m->skipped.text),
				      m->skipped.text.len);
	s->dq.events_untracked = m->events_untracked;
	for (size_t p = 0; p < m->npauses; p++) {
		s->dq.pauses_open += m->pauses[p].resumed_at == TTFV_NO_TIME;
		s->dq.pauses_undocumented += !m->pauses[p].documented;
	}
	for (size_t e = 0; e < m->event_names.n; e++) {
		bool used = (int)e == w->fv_src.ev;
		for (size_t t = 0; t < s->ntiers && !used; t++)
			used = w->path[t].fv_src.ev == (int)e;
		for (size_t k = 0; k < s->nsteps && !used; k++)
			used = w->step_src[k].ev == (int)e;
		s->dq.event_names_unused += !used;
	}
}

static void known_flags(struct stats_work *w)
{
	struct churn_flags *cf = &w->s->churn;
	for (size_t a = 0; a < w->n; a++) {
		cf->exec_sponsor_known |= w->m->acc[a].has_exec_sponsor;
		cf->wau_known |= model_has_users(w->m, (int32_t)a);
	}
}

/* Of about equal work at 200,000 accounts, with the second set. */
static void onboarding_parts(struct stats_work *w, bool records)
{
	stats_onboarding_compute(w);
	if (records)
		stats_records_compute(w);
	stats_weekly_compute(w);
	stats_business_compute(w);
}

static int group_parts(struct stats_work *w, struct diag *d)
{
	stats_groups_compute(w);
	stats_funnel_compute(w);
	stats_nudges_compute(w);
	stats_postmortems_compute(w);
	stats_targets_compute(w);
	stats_drivers_compute(w);
	return stats_experiments_compute(w, d);
}

struct side {
	struct stats_work w;
	struct arena arena;
	bool records;
	pthread_t thread;
};

static void *side_run(void *arg)
{
	struct side *sd = arg;
	onboarding_parts(&sd->w, sd->records);
	return NULL;
}

/* The onboarding parts started on a second thread; NULL when they are
 * to run on this one (one processor, or no thread could be made). */
static struct side *side_start(const struct stats_work *w, bool records,
			       bool one_thread)
{
	if (one_thread || sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return NULL;
	/* both threads write all along: the copy on cache lines of its
	 * own, apart from the calling thread's work */
	struct side *sd = xmalloc_lines(sizeof(*sd));
	sd->w = *w;
	arena_init(&sd->arena);
	sd->w.arena = &sd->arena;
	sd->records = records;
	if (pthread_create(&sd->thread, NULL, side_run, sd)) {
		free(sd);
		return NULL;
	}
	return sd;
}

static void side_join(struct side *sd, struct stats *s)
{
	pthread_join(sd->thread, NULL);
	arena_adopt(&s->arena, &sd->arena);
	free(sd);
}

int stats_compute(struct stats *s, const struct model *m,
		  const struct config *c, const char *account_id,
		  struct diag *d)
{
	struct stats_pick pick = {.account = account_id};
	return stats_compute_pick(s, m, c, account_id ? &pick : NULL, d);
}

int stats_compute_pick(struct stats *s, const struct model *m,
		       const struct config *c, const struct stats_pick *pick,
		       struct diag *d)
{
	memset(s, 0, sizeof(*s));
	arena_init(&s->arena);
	struct stats_work w;
	memset(&w, 0, sizeof(w));
	w.m = m;
	w.c = c;
	w.s = s;
	w.arena = &s->arena;
	w.n = m->nacc;
	int rc = -1;
	if (as_of_set(s, c, d) < 0 || data_warnings(s, m, c, d) < 0)
		goto out;
	/* the stats outlive the config */
	s->title = c->title ? arena_strndup(&s->arena, c->title,
					    strlen(c->title))
			    : "Onboarding review";
	s->cohort_unit = c->cohort;
	s->horizon_days = c->horizon_days > 0 ? c->horizon_days : 120;
	s->kickoff_target_days = c->kickoff_target_days;
	s->accounts_in_data = m->nacc;
	stats_work_holidays(&w);
	stats_tiers_setup(&w);
	stats_first_value_source(&w);
	stats_accounts_measure(&w);
	size_t n = w.n ? w.n : 1;
	w.limit = xmalloc(n * sizeof(*w.limit));
	w.breach_at = xmalloc(n * sizeof(*w.breach_at));
	for (size_t a = 0; a < w.n; a++) {
		w.limit[a] = NAN;
		w.breach_at[a] = TTFV_NO_TIME;
	}
	stats_steps_resolve(&w);
	known_flags(&w);
	stats_tiers_compute(&w);
	bool records = pick && pick->records;
	struct side *sd = side_start(&w, records, pick && pick->one_thread);
	if (!sd)
		onboarding_parts(&w, records);
	int parts = group_parts(&w, d);
	if (sd)
		side_join(sd, s);
	if (parts < 0)
		goto out;
	data_quality(&w);
	if (pick && (pick->account || pick->csm) &&
	    stats_accounts_pick(&w, pick, d) < 0)
		goto out;
	rc = 0;
out:
	work_release(&w);
	if (rc < 0)
		stats_release(s);
	return rc;
}

void stats_release(struct stats *s)
{
	arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

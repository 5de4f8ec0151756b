/* stats_targets.c - the weekly QA review (seed 004) against its targets
 * and warning thresholds, and the churn flags of seed 003. */
#include "stats_priv.h"

#include <math.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *key, *label;
	bool higher_is_better, is_share;
} target_def[TARGET_COUNT] = {
	[TARGET_MEDIAN_TTFV_DAYS] = {"median_ttfv_days", "Median TTFV (days)",
				     false, false},
	[TARGET_FIRST_VALUE_RATE_7D] = {"first_value_rate_7d",
					"First-value rate within 7 days", true,
					true},
	[TARGET_MANUAL_ASSIST_SHARE] = {"manual_assist_share",
					"Manual-assist share", false, true},
	[TARGET_RECORD_COMPLETENESS] = {"record_completeness",
					"First-value records with owner + "
					"proof + approver",
					true, true},
	[TARGET_WEEK2_RETENTION] = {"week2_retention", "Week-2 retention",
				    true, true},
};

/* Reached within 7 days, of the accounts followed for at least 7 days or
 * that reached sooner. */
static double first_value_rate_7d(const struct stats_work *w)
{
	size_t num = 0, den = 0;
	for (size_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_account[i];
		bool fast = sw_reached(w, a) && w->cal[a] <= 7;
		num += fast;
		den += fast || w->cal[a] >= 7;
	}
	return stats_share(num, den);
}

const char *stats_target_status(const struct target_row *t)
{
	if (isnan(t->value) || isnan(t->target) || isnan(t->warning))
		return NULL;
	if (t->higher_is_better)
		return t->value >= t->target	? "met"
		       : t->value >= t->warning ? "warning"
						: "missed";
	return t->value <= t->target	? "met"
	       : t->value <= t->warning ? "warning"
					: "missed";
}

void stats_target_init(struct target_row *t, enum target_id id,
		       const struct config *c)
{
	memset(t, 0, sizeof(*t));
	t->id = id;
	t->key = target_def[id].key;
	t->label = target_def[id].label;
	t->higher_is_better = target_def[id].higher_is_better;
	t->is_share = target_def[id].is_share;
	t->target = c->targets[id].target;
	t->warning = c->targets[id].warning;
	t->is_default = !c->target_set[id];
	t->value = t->lower = t->upper = t->previous = t->delta = NAN;
}

static void targets(struct stats_work *w)
{
	struct stats *s = w->s;
	for (int i = 0; i < TARGET_COUNT; i++)
		stats_target_init(&s->targets[i], (enum target_id)i, w->c);
	s->targets[TARGET_MEDIAN_TTFV_DAYS].value = s->overall.p[1];
	s->targets[TARGET_FIRST_VALUE_RATE_7D].value = first_value_rate_7d(w);
	/* every first value; every account followed for two weeks */
	struct target_figures f;
	stats_reached_figures(w, INT64_MIN, INT64_MAX, &f);
	stats_retention_figure(w, INT64_MIN, stats_weeks_back(s, 2), s->as_of,
			       &f);
	for (int i = TARGET_MANUAL_ASSIST_SHARE; i < TARGET_COUNT; i++)
		s->targets[i].value = f.value[i];
	for (int i = 0; i < TARGET_COUNT; i++)
		s->targets[i].status = stats_target_status(&s->targets[i]);
}

/* Seed 003: TTFV breach, no named exec sponsor, low weekly active users
 * after first value; over the accounts that have not churned yet. */
static void churn_flags(struct stats_work *w)
{
	struct stats *s = w->s;
	struct churn_flags *cf = &s->churn;
	int64_t week_ago = s->as_of - 7 * (int64_t)TU_DAY;
	for (size_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_account[i];
		const struct account *acc = &w->m->acc[a];
		if (acc->outcome == OUTCOME_CHURNED)
			continue;
		bool breach = !isnan(w->limit[a]) && w->dur[a] > w->limit[a];
		bool sponsor = cf->exec_sponsor_known && !acc->has_exec_sponsor;
		bool wau = cf->wau_known && sw_reached(w, a) &&
			   model_active_users(w->m, (int32_t)a, week_ago) <
				   w->c->wau_threshold;
		cf->breach += breach;
		cf->no_exec_sponsor += sponsor;
		cf->low_wau += wau;
		cf->any += breach || sponsor || wau;
	}
}

void stats_targets_compute(struct stats_work *w)
{
	targets(w);
	churn_flags(w);
}

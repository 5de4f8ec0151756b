/* fixtures.h - struct stats values built by hand for the chart tests and
 * the preview tool: only the fields charts read are filled, the rest are
 * zero.  Everything is carved from s->arena; fixture_release frees it.
 * (static inline: each test uses some of them.) */
#ifndef TTFV_CHART_FIXTURES_H
#define TTFV_CHART_FIXTURES_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static const char *const fx_pm_keys[PM_COUNT] = {
	"product", "data_migration", "configuration", "customer_readiness"};
static const char *const fx_pm_labels[PM_COUNT] = {
	"Product", "Data migration", "Configuration", "Customer readiness"};

/* A fixed linear congruential generator: fixtures are the same on every
 * machine. */
static inline double fx_rand(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return ((*state >> 8) & 0xffff) / 65536.0;
}

static inline int fx_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static inline void fx_init(struct stats *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	arena_init(&s->arena);
	s->funnel_worst = -1;
	s->funnel_overall = NAN;
	s->cohort_unit = COHORT_MONTH;
	s->title = "Onboarding review";
	for (i = 0; i < PM_COUNT; i++) {
		s->pm[i].category = (enum pm_category)i;
		s->pm[i].key = fx_pm_keys[i];
		s->pm[i].label = fx_pm_labels[i];
		s->pm[i].share = NAN;
	}
	for (i = 0; i < STATS_NPCT; i++)
		s->renewed.p[i] = s->churned.p[i] = NAN;
}

static inline void fx_tier(struct tier_stats *t, const char *name, double sla,
		    double att, size_t on, size_t risk, size_t br)
{
	t->g.name = name;
	t->g.accounts = 100 + on + risk + br;
	t->sla_days = sla;
	t->sla_calendar_days = sla;	/* calendar days */
	t->sla_source = "config";
	t->attainment = att;
	t->sla_closed = 100;
	t->sla_met = isnan(att) ? 0 : (size_t)lround(att * 100);
	t->on_track = on;
	t->at_risk = risk;
	t->breached = br;
}

/* The statuses of the tiers' accounts still onboarding, over every tier,
 * as stats counts them. */
static inline void fx_status_counts(struct stats *s)
{
	memset(s->status_count, 0, sizeof(s->status_count));
	for (size_t i = 0; i < s->ntiers; i++) {
		s->status_count[STATUS_ON_TRACK] += s->tiers[i].on_track;
		s->status_count[STATUS_AT_RISK] += s->tiers[i].at_risk;
		s->status_count[STATUS_BREACHED] += s->tiers[i].breached;
	}
}

/* An outcome group of n sorted TTFVs drawn around scale days. */
static inline void fx_outcome(struct stats *s, struct outcome_group *o,
			      size_t n, double scale, unsigned seed)
{
	double *v = arena_alloc(&s->arena, (n ? n : 1) * sizeof(double));
	size_t i;

	for (i = 0; i < n; i++) {
		double a = fx_rand(&seed), b = fx_rand(&seed);

		v[i] = scale * (-log(1 - a * 0.98) - log(1 - b * 0.98)) / 2;
	}
	qsort(v, n, sizeof(double), fx_cmp);
	o->accounts = n;
	o->ttfv = v;
	for (i = 0; i < STATS_NPCT; i++) {
		static const double lv[STATS_NPCT] = {0.25, 0.5, 0.75, 0.9};
		double h = (double)(n - 1) * lv[i];
		size_t k = (size_t)h;

		o->p[i] = n == 0 ? NAN
			  : k + 1 < n ? v[k] + (h - k) * (v[k + 1] - v[k])
				      : v[k];
	}
}

/* ncohorts monthly cohorts ending 2026-10, each curve rising toward a
 * plateau, the latest with the shortest follow-up. */
static inline void fx_cohorts(struct stats *s, size_t ncohorts, double tau)
{
	size_t i, d;

	s->cohorts = arena_alloc(&s->arena, ncohorts * sizeof(*s->cohorts));
	s->ncohorts = ncohorts;
	for (i = 0; i < ncohorts; i++) {
		struct cohort_stats *c = &s->cohorts[i];
		int back = (int)(ncohorts - 1 - i);
		int y = 2026, m = 10 - back;
		char *name = arena_alloc(&s->arena, 16);
		double t = tau * (1 + 0.25 * sin((double)i));
		size_t follow = 30 * (size_t)back + 20;

		while (m < 1) {
			m += 12;
			y--;
		}
		snprintf(name, 16, "%04d-%02d", y, m);
		c->g.name = name;
		c->g.accounts = 120 + 7 * i;
		c->g.reached = c->g.accounts * 8 / 10;
		c->ncurve = (follow < 120 ? follow : 120) + 1;
		c->curve = arena_alloc(&s->arena, c->ncurve * sizeof(double));
		for (d = 0; d < c->ncurve; d++)
			c->curve[d] = 0.92 * (1 - exp(-(double)d / t));
		c->complete = i + 1 < ncohorts;
	}
	s->curves = s->cohorts;	/* cohort = month */
	s->ncurves = ncohorts;
}

/* A KM median per cohort, t_i (0.7 + 0.1 cos i) x scale with t_i as in
 * fx_cohorts, its interval 0.8 to 1.3 times it (open above for every
 * fifth cohort); the latest cohort is in progress, the one before it is
 * tested against the three before that. */
static inline void fx_trend(struct stats *s, struct trend *tr, double tau,
			    double scale)
{
	size_t i, n = s->ncohorts;

	tr->points = arena_alloc(&s->arena, (n ? n : 1) * sizeof(*tr->points));
	tr->npoints = n;
	for (i = 0; i < n; i++) {
		struct trend_point *p = &tr->points[i];
		double t = tau * (1 + 0.25 * sin((double)i));

		p->cohort = s->cohorts[i].g.name;
		p->cohort_index = i;
		p->complete = s->cohorts[i].complete;
		p->accounts = s->cohorts[i].g.accounts;
		p->reached = s->cohorts[i].g.reached;
		p->km_p50 = t * (0.7 + 0.1 * cos((double)i)) * scale;
		p->km_p50_lower = 0.8 * p->km_p50;
		p->km_p50_upper = i % 5 == 4 ? NAN : 1.3 * p->km_p50;
		p->p50 = 0.8 * p->km_p50;
		p->p75 = 1.6 * p->km_p50;
	}
	if (n < 3)
		return;
	tr->test = (struct trend_test){
		.cohort = (int)n - 2, .accounts = tr->points[n - 2].accounts,
		.km_p50 = tr->points[n - 2].km_p50,
		.km_p50_lower = tr->points[n - 2].km_p50_lower,
		.km_p50_upper = tr->points[n - 2].km_p50_upper,
		.chisq = 0.4, .p_value = 0.53,
		.direction = "no significant change"};
	for (i = n >= 5 ? n - 5 : 0; i + 2 < n; i++)
		tr->test.baseline[tr->test.nbaseline++] = (int)i;
}

/* The pooled trend and each tier's, scaled to its SLA. */
static inline void fx_trends(struct stats *s, double tau)
{
	size_t i;

	fx_trend(s, &s->trend, tau, 1);
	for (i = 0; i < s->ntiers; i++) {
		double sla = s->tiers[i].sla_days;

		fx_trend(s, &s->tiers[i].trend, tau,
			 isfinite(sla) && sla > 0 ? sla / 14 : 1);
	}
}

static inline void fx_funnel(struct stats *s, const char *const *names,
		      const size_t *reached, size_t n)
{
	size_t i;
	double worst = -1;

	s->funnel = arena_alloc(&s->arena, n * sizeof(*s->funnel));
	s->nfunnel = n;
	for (i = 0; i < n; i++) {
		struct funnel_step *f = &s->funnel[i];

		f->step = names[i];
		f->reached = reached[i];
		f->next = i + 1 < n ? reached[i + 1] : reached[i];
		f->conversion = f->reached ? (double)f->next / f->reached : NAN;
		f->dropoff = 1 - f->conversion;
		f->median_days_to_next = i + 1 < n ? 1.5 + i * 2.25 : NAN;
		if (i + 1 < n && f->dropoff > worst) {
			worst = f->dropoff;
			s->funnel_worst = (int)i;
		}
	}
	s->funnel_overall = n && reached[0] ? (double)reached[n - 1] / reached[0]
					    : NAN;
}

static inline void fx_pm(struct stats *s, const size_t *counts,
		  const size_t (*months)[PM_COUNT])
{
	size_t i, j, total = 0;

	for (i = 0; i < PM_COUNT; i++)
		total += counts[i];
	/* s->pm is sorted by count, descending, as stats_compute leaves it:
	 * the callers pass counts in that order */
	for (i = 0; i < PM_COUNT; i++) {
		s->pm[i].count = counts[i];
		s->pm[i].share = total ? (double)counts[i] / total : NAN;
	}
	s->pm_total = total;
	s->pm_top = total ? &s->pm[0] : NULL;
	for (i = 0; i < STATS_PM_MONTHS; i++) {
		snprintf(s->pm_months[i].month, sizeof(s->pm_months[i].month),
			 "2026-%02zu", i + 5);
		s->pm_months[i].total = 0;
		for (j = 0; j < PM_COUNT; j++) {
			s->pm_months[i].count[j] = months ? months[i][j] : 0;
			s->pm_months[i].total += s->pm_months[i].count[j];
		}
	}
}

/* narms experiment arms, "control" first, each later one faster; with
 * odd set, long names, an arm with no accounts and figures that are NAN.
 * Every arm but the control is compared with it. */
static inline void fx_arms(struct stats *s, size_t narms, bool odd)
{
	size_t i, d;

	s->arms = arena_alloc(&s->arena, narms * sizeof(*s->arms));
	s->experiments = arena_alloc(&s->arena,
				     narms * sizeof(*s->experiments));
	s->narms = narms;
	s->nexperiments = 0;
	for (i = 0; i < narms; i++) {
		struct exp_arm *a = &s->arms[i];
		char *name = arena_alloc(&s->arena, 96);
		double tau = 8.0 / (1 + 0.3 * (double)i);

		snprintf(name, 96, i == 0 ? "control" :
			 odd ? "variant %zu with a name much too long for any "
			       "legend at all" : "nudge %zu", i);
		a->name = name;
		a->accounts = odd && i == 2 ? 0 : 400 + 13 * i;
		a->eligible = a->accounts * 9 / 10;
		a->activated = a->eligible * (80 + i) / 100;
		a->rate = a->eligible ? (double)a->activated / a->eligible
				      : NAN;
		a->km_p50 = tau * log(2);
		a->ncurve = a->accounts ? 121 - 10 * i : 1;
		a->curve = arena_alloc(&s->arena, a->ncurve * sizeof(double));
		for (d = 0; d < a->ncurve; d++)
			a->curve[d] = 0.93 * (1 - exp(-(double)d / tau));
		if (i == 0)
			continue;
		s->experiments[s->nexperiments++] = (struct experiment){
			0, i, s->arms[0].accounts + a->accounts,
			a->accounts ? 0.5 + 0.45 * (double)i / narms : NAN,
			4.2, 0.04, "keep running"};
	}
}

/* What samples/ roughly give: three tiers, 18 monthly cohorts, five
 * milestone steps, a few hundred post-mortems. */
static inline void fixture_realistic(struct stats *s)
{
	static const char *const steps[] = {"kickoff", "first_login",
		"setup_complete", "first_value", "go_live"};
	static const size_t reached[] = {2900, 2700, 2100, 1900, 1500};
	static const size_t pm[PM_COUNT] = {240, 160, 110, 60};
	static const size_t months[STATS_PM_MONTHS][PM_COUNT] = {
		{12, 8, 5, 3}, {15, 9, 6, 2}, {10, 12, 4, 5},
		{18, 7, 8, 1}, {9, 11, 3, 4}, {14, 6, 7, 2}};

	fx_init(s);
	memcpy(s->as_of_date, "2026-10-31", 11);
	s->horizon_days = 120;
	s->tiers = arena_alloc(&s->arena, 3 * sizeof(*s->tiers));
	s->ntiers = 3;
	fx_tier(&s->tiers[0], "high-touch", 41, 0.74, 20, 9, 12);
	fx_tier(&s->tiers[1], "mid-touch", 21, 0.81, 35, 6, 4);
	fx_tier(&s->tiers[2], "tech-touch", 14, 0.68, 140, 31, 22);
	fx_status_counts(s);
	fx_cohorts(s, 18, 12);
	fx_trends(s, 12);
	fx_funnel(s, steps, reached, 5);
	fx_outcome(s, &s->renewed, 900, 14, 7);
	fx_outcome(s, &s->churned, 120, 31, 11);
	fx_pm(s, pm, months);
	fx_arms(s, 2, false);
}

/* Nothing at all: every chart must say "no data". */
static inline void fixture_empty(struct stats *s)
{
	fx_init(s);
	fx_pm(s, (const size_t[PM_COUNT]){0, 0, 0, 0}, NULL);
}

/* One account, reached on day 3, renewed. */
static inline void fixture_single(struct stats *s)
{
	static const char *const steps[] = {"kickoff", "first_value"};
	static const size_t reached[] = {1, 1};
	static const size_t months[STATS_PM_MONTHS][PM_COUNT] = {
		{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0},
		{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 1, 0, 0}};
	double *v;
	size_t d;

	fx_init(s);
	memcpy(s->as_of_date, "2026-10-31", 11);
	s->tiers = arena_alloc(&s->arena, sizeof(*s->tiers));
	s->ntiers = 1;
	fx_tier(&s->tiers[0], "standard", NAN, NAN, 0, 0, 0);
	fx_status_counts(s);
	s->tiers[0].g.accounts = 1;
	s->cohorts = arena_alloc(&s->arena, sizeof(*s->cohorts));
	s->ncohorts = 1;
	s->cohorts[0].g.name = "2026-10";
	s->cohorts[0].g.accounts = 1;
	s->cohorts[0].ncurve = 6;
	s->cohorts[0].curve = arena_alloc(&s->arena, 6 * sizeof(double));
	for (d = 0; d < 6; d++)
		s->cohorts[0].curve[d] = d >= 3 ? 1 : 0;
	s->cohorts[0].complete = true;
	s->curves = s->cohorts;
	s->ncurves = 1;
	fx_trends(s, 4);
	fx_funnel(s, steps, reached, 2);
	s->funnel_worst = -1;
	v = arena_alloc(&s->arena, sizeof(double));
	v[0] = 3;
	s->renewed.accounts = 1;
	s->renewed.ttfv = v;
	for (d = 0; d < STATS_NPCT; d++)
		s->renewed.p[d] = 3;
	fx_pm(s, (const size_t[PM_COUNT]){1, 0, 0, 0}, months);
	fx_arms(s, 1, false);
}

/* TTFVs of 0 and 5000 days, 30 cohorts, names far too long, NAN figures
 * scattered, a funnel that loses everybody. */
static inline void fixture_extreme(struct stats *s)
{
	static const char *const steps[] = {
		"kickoff call with the executive sponsor and the whole buying "
		"committee",
		"first_login", "x", "data import from the legacy warehouse",
		"first_value", "go_live", "expansion", "renewal call"};
	static const size_t reached[] = {1000000, 999999, 500000, 0, 0, 0, 0,
		0};
	static const size_t months[STATS_PM_MONTHS][PM_COUNT] = {
		{9000, 0, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 1},
		{0, 0, 0, 12000}, {5, 0, 0, 0}, {0, 0, 0, 0}};
	double *v;

	fx_init(s);
	memcpy(s->as_of_date, "2026-10-31", 11);
	s->horizon_days = 120;
	s->tiers = arena_alloc(&s->arena, 4 * sizeof(*s->tiers));
	s->ntiers = 4;
	fx_tier(&s->tiers[0], "enterprise strategic accounts with a very "
		"long tier name", 5000, 0.0, 0, 0, 100000);
	fx_tier(&s->tiers[1], "a", 0, 1.0, 1, 0, 0);
	fx_tier(&s->tiers[2], "no sla", NAN, NAN, 3, 2, 1);
	fx_tier(&s->tiers[3], "b\xff\xfe bad utf-8", 14, 0.5, 0, 7, 0);
	fx_status_counts(s);
	fx_cohorts(s, 30, 40);
	fx_trends(s, 40);
	s->tiers[0].trend.points[3].km_p50 = NAN;
	s->tiers[0].trend.points[7].km_p50_upper = 5000;
	s->tiers[2].trend.points[5].km_p50_lower = NAN;
	s->cohorts[5].curve[0] = NAN;
	fx_funnel(s, steps, reached, 8);
	v = arena_alloc(&s->arena, 3 * sizeof(double));
	v[0] = 0;
	v[1] = 0;
	v[2] = 5000;
	s->renewed.accounts = 3;
	s->renewed.ttfv = v;
	s->renewed.p[1] = 0;
	s->churned.accounts = 1;
	s->churned.ttfv = v + 2;
	s->churned.p[1] = 5000;
	fx_pm(s, (const size_t[PM_COUNT]){12006, 9006, 1, 1}, months);
	fx_arms(s, 4, true);
}

/* Weekly cohorts for more than a year, ten tiers, fifteen steps: the
 * crowded case every label must survive. */
static inline void fixture_many(struct stats *s)
{
	static const char *const names[15] = {"kickoff", "sso_configured",
		"first_login", "invite_team", "import_contacts", "import_deals",
		"connect_calendar", "configure_pipeline", "first_dashboard",
		"first_report", "share_report", "first_automation",
		"admin_training", "go_live", "first_value"};
	size_t reached[15], i;

	fixture_realistic(s);
	s->cohort_unit = COHORT_WEEK;
	fx_cohorts(s, 60, 10);
	for (i = 0; i < s->ncohorts; i++) {
		char *name = arena_alloc(&s->arena, 16);

		snprintf(name, 16, "2026-W%02zu", i % 52 + 1);
		s->cohorts[i].g.name = name;
	}
	s->tiers = arena_alloc(&s->arena, 10 * sizeof(*s->tiers));
	s->ntiers = 10;
	for (i = 0; i < 10; i++) {
		char *name = arena_alloc(&s->arena, 32);

		snprintf(name, 32, "tier %zu of ten", i + 1);
		fx_tier(&s->tiers[i], name, 7 + 3.0 * i, 0.5 + 0.05 * i,
			10 * i, i, 2 * i);
		s->tiers[i].days = i % 2 ? DAYS_BUSINESS : DAYS_CALENDAR;
		if (i % 2)	/* as stats gives it: x 7 / 5 */
			s->tiers[i].sla_calendar_days *= 7.0 / 5;
	}
	fx_status_counts(s);
	fx_trends(s, 10);
	for (i = 0; i < 15; i++)
		reached[i] = 5000 - 300 * i - (i == 6 ? 200 : 0);
	fx_funnel(s, names, reached, 15);
	fx_arms(s, 9, false);
}

static inline void fixture_release(struct stats *s)
{
	arena_release(&s->arena);
}

#endif

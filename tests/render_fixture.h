/* render_fixture.h - a small struct stats filled by hand for the renderer
 * tests: renderers only format, so any consistent figures will do, and
 * each test states the text it expects from them.  Data strings carry the
 * hostile names the escaping must neutralise. */
#ifndef TTFV_RENDER_FIXTURE_H
#define TTFV_RENDER_FIXTURE_H

#include <math.h>
#include <string.h>

#include "stats.h"
#include "timeutil.h"

/* 2026-10-20T00:00Z */
#define FIX_T(y, m, d) (tu_days_from_civil(y, m, d) * (int64_t)TU_DAY)

static struct step_info fix_steps[3] = {
	{"kickoff", "kickoff_at", NULL, 5, "Book the kickoff call.", false,
	 "Kickoff", NULL},
	{"setup", "setup_complete_at", NULL, 10, "Run the import call.", true,
	 "Set-up call", NULL},
	{"first_value", "first_value_at", NULL, NAN, NULL, false, "First value",
	 NULL},
};
static struct tier_stats fix_tiers[2];
static struct onboarding_row fix_onboarding[4];
static struct funnel_step fix_funnel[3] = {
	{"kickoff", 5, 4, 0.8, 0.2, 1.5},
	{"setup", 4, 3, 0.75, 0.25, 3.0},
	{"first_value", 3, 3, 1.0, 0.0, NAN},
};
static double fix_curve[2][8] = {
	{0, 0, 0.1, 0.2, 0.2, 0.5, 0.5, 0.6},
	{0, 0.25, 0.25, 0.5, 0, 0, 0, 0},
};
static struct cohort_stats fix_cohorts[2];
static struct trend_point fix_trend[2] = {
	{.cohort = "2026-08", .cohort_index = 0, .complete = true,
	 .accounts = 3, .reached = 2, .km_p50 = 5.0, .km_p50_lower = 4.0,
	 .km_p50_upper = NAN, .p50 = 4.0, .p75 = 6.5},
	{.cohort = "2026-09", .cohort_index = 1, .complete = false,
	 .accounts = 2, .reached = 1, .km_p50 = 7.25, .km_p50_lower = 3.5,
	 .km_p50_upper = 9.0, .p50 = 7.25, .p75 = 7.25},
};
static struct band fix_bands[4];
static struct pm_missing fix_pm_missing[1];

static void fix_group(struct group *g, const char *name, size_t accounts,
		      size_t reached, double p50)
{
	*g = (struct group){.name = name, .accounts = accounts,
			    .reached = reached, .censored = accounts - reached,
			    .p = {2.25, p50, 11.8, NAN},
			    .km = {2.0, 6.0, NAN, NAN}, .km_p50_lower = 1.5,
			    .km_p50_upper = NAN,
			    .reached_share = accounts ? (double)reached /
							    (double)accounts
						      : NAN,
			    .reached_lower = 0.2, .reached_upper = 0.9};
}

static void fix_fill(struct stats *s)
{
	memset(s, 0, sizeof *s);
	s->title = "Onboarding review";
	s->as_of = FIX_T(2026, 11, 1);
	memcpy(s->as_of_date, "2026-10-31", 11);
	s->cohort_unit = COHORT_MONTH;
	s->horizon_days = 120;
	/* 5.25 is exact in binary: one decimal must round it up to 5.3. */
	fix_group(&s->overall, "overall", 5, 3, 5.25);
	s->steps = fix_steps;
	s->nsteps = 3;

	fix_group(&fix_tiers[0].g, "high-touch", 3, 2, 8.0);
	fix_tiers[0].sla_days = 41;
	fix_tiers[0].sla_calendar_days = 41 * 7.0 / 5;	/* business days */
	fix_tiers[0].sla_source = "auto";
	fix_tiers[0].days = DAYS_BUSINESS;
	fix_tiers[0].attainment = 0.75;
	fix_tiers[0].sla_met = 3;
	fix_tiers[0].sla_closed = 4;
	fix_tiers[0].attainment_lower = 0.301;
	fix_tiers[0].attainment_upper = 0.954;
	fix_tiers[0].on_track = 0;
	fix_tiers[0].at_risk = 0;
	fix_tiers[0].breached = 1;
	fix_group(&fix_tiers[1].g, "<b>tech</b>", 2, 1, NAN);
	fix_tiers[1].sla_days = NAN;
	fix_tiers[1].sla_calendar_days = NAN;
	fix_tiers[1].sla_source = "auto";
	fix_tiers[1].attainment = NAN;
	fix_tiers[1].on_track = 1;
	fix_tiers[1].at_risk = 2;
	s->tiers = fix_tiers;
	s->ntiers = 2;

	for (int i = 0; i < 2; i++) {
		fix_group(&fix_cohorts[i].g, i ? "2026-09" : "2026-08", 3 - i,
			  2 - i, 4.0 + i);
		fix_cohorts[i].curve = fix_curve[i];
		fix_cohorts[i].ncurve = i ? 4 : 8;
		fix_cohorts[i].complete = i == 0;
	}
	s->cohorts = fix_cohorts;
	s->ncohorts = 2;
	s->curves = fix_cohorts;	/* cohort = month */
	s->ncurves = 2;

	s->funnel = fix_funnel;
	s->nfunnel = 3;
	s->funnel_worst = 1;

	static const double renewed[2] = {3.0, 12.0}, churned[1] = {75.5};
	s->renewed = (struct outcome_group){2, {5.25, 7.5, 9.75, 11.1},
					    renewed};
	s->churned = (struct outcome_group){1, {75.5, 75.5, 75.5, 75.5},
					    churned};
	fix_bands[0] = (struct band){"0-30", 2, 2, 1.0, 0.342, 1.0};
	fix_bands[1] = (struct band){"31-60", 0, 0, NAN, NAN, NAN};
	fix_bands[2] = (struct band){">60", 1, 0, 0.0, 0.0, 0.793};
	fix_bands[3] = (struct band){"not reached", 0, 0, NAN, NAN, NAN};
	s->bands = fix_bands;
	s->nbands = 4;
	s->gap = (struct band_gap){&fix_bands[0], &fix_bands[2], 1.0, 0.0833,
				   false, false};

	s->pm_total = 3;
	s->pm[0] = (struct pm_category_stats){
		PM_DATA_MIGRATION, "data_migration", "Data migration",
		"CS Ops & Implementation", 2, 2.0 / 3};
	s->pm[1] = (struct pm_category_stats){PM_PRODUCT, "product", "Product",
					      "Product", 1, 1.0 / 3};
	s->pm[2] = (struct pm_category_stats){
		PM_CONFIGURATION, "configuration", "Configuration",
		"CS Ops & Implementation", 0, 0.0};
	s->pm[3] = (struct pm_category_stats){
		PM_CUSTOMER_READINESS, "customer_readiness",
		"Customer readiness", "Mutual success plan", 0, 0.0};
	s->pm_top = &s->pm[0];
	static const char *months[6] = {"2026-05", "2026-06", "2026-07",
					"2026-08", "2026-09", "2026-10"};
	for (int i = 0; i < STATS_PM_MONTHS; i++)
		memcpy(s->pm_months[i].month, months[i], 8);
	s->pm_months[4].count[PM_DATA_MIGRATION] = 2;
	s->pm_months[4].total = 2;
	s->pm_months[5].count[PM_PRODUCT] = 1;
	s->pm_months[5].total = 1;
	fix_pm_missing[0] = (struct pm_missing){
		0, FIX_T(2026, 10, 20), 8.0, "A1", "<script>alert(1)</script>",
		"high-touch", false, TTFV_NO_TIME, NAN};
	s->pm_missing = fix_pm_missing;
	s->npm_missing = 1;

	/* Most urgent first, as stats orders them; the on-track account
	 * must not be listed. */
	fix_onboarding[0] = (struct onboarding_row){
		.account = 0, .account_id = "A1",
		.name = "<script>alert(1)</script>", .tier = "high-touch",
		.csm = "Dana", .status = STATUS_BREACHED, .elapsed_days = 50.0,
		.sla_days = 41, .current_step = "setup", .last_step = "kickoff",
		.stalled_days = 6.04, .days = DAYS_BUSINESS, .deadline = FIX_T(2026, 10, 20),
		.projected_first_value = TTFV_NO_TIME,
		.alert = true, .playbook = "Run the import call.",
		.p_on_time = 0, .risk = 1, .route = ROUTE_HUMAN,
		.next_check = FIX_T(2026, 11, 1),
		.approver = "<i>M. Jensen</i> | x", .arr = 120000};
	fix_onboarding[1] = (struct onboarding_row){
		.account = 1, .account_id = "A2", .name = "[x](javascript:y)",
		.tier = "<b>tech</b>", .csm = "", .status = STATUS_AT_RISK,
		.elapsed_days = 9.46, .sla_days = NAN, .current_step = "kickoff",
		.stalled_days = 9.46, .deadline = TTFV_NO_TIME,
		.projected_first_value = TTFV_NO_TIME,
		.alert = true, .playbook = "Book the kickoff call.",
		.p_on_time = NAN, .risk = NAN, .route = ROUTE_MONITOR,
		.next_check = FIX_T(2026, 11, 3), .approver = "", .arr = NAN};
	fix_onboarding[2] = (struct onboarding_row){
		.account = 2, .account_id = "A3", .name = "| *x*",
		.tier = "<b>tech</b>", .csm = "Lee", .status = STATUS_AT_RISK,
		.elapsed_days = 3.0, .sla_days = NAN, .current_step = "setup",
		.last_step = "kickoff", .stalled_days = 2.25,
		.deadline = TTFV_NO_TIME, .projected_first_value = TTFV_NO_TIME,
		.alert = true, .playbook = "Run the import call.",
		.p_on_time = 0.35, .risk = 0.65, .route = ROUTE_AUTOMATED,
		.next_check = FIX_T(2026, 11, 3), .approver = "Ann", .arr = 900};
	fix_onboarding[3] = (struct onboarding_row){
		.account = 3, .account_id = "A4", .name = "Quiet Co",
		.tier = "<b>tech</b>", .csm = "Lee", .status = STATUS_ON_TRACK,
		.elapsed_days = 1.0, .sla_days = NAN,
		.deadline = TTFV_NO_TIME, .projected_first_value = TTFV_NO_TIME,
		.p_on_time = 0.9, .risk = 0.1, .route = ROUTE_MONITOR,
		.next_check = FIX_T(2026, 11, 3), .approver = "", .arr = NAN};
	s->onboarding = fix_onboarding;
	s->nonboarding = 4;
	/* A1 breached, A2 and A3 at risk, A4 on track */
	s->status_count[STATUS_ON_TRACK] = 1;
	s->status_count[STATUS_AT_RISK] = 2;
	s->status_count[STATUS_BREACHED] = 1;
	s->calibration = (struct risk_calibration){
		.as_of = "2026-10-03", .accounts = 5, .on_time = 1,
		.brier = 0.1, .brier_base = 0.2, .nbins = 2,
		.bins = {{0.0, 0.1, 0.04, 0.0, 3}, {0.7, 0.8, 0.75, 0.5, 2}}};

	s->targets[0] = (struct target_row){
		.id = TARGET_MEDIAN_TTFV_DAYS, .key = "median_ttfv_days",
		.label = "Median TTFV (days)", .value = 5.25, .target = 5,
		.warning = 8, .status = "warning"};
	s->targets[1] = (struct target_row){
		.id = TARGET_FIRST_VALUE_RATE_7D, .key = "first_value_rate_7d",
		.label = "First-value rate within 7 days",
		.higher_is_better = true, .is_share = true, .value = 2.0 / 3,
		.target = 0.70, .warning = 0.55, .status = "warning"};
	s->targets[2] = (struct target_row){
		.id = TARGET_MANUAL_ASSIST_SHARE, .key = "manual_assist_share",
		.label = "Manual-assist share", .is_share = true, .value = NAN,
		.target = 0.25, .warning = 0.40};
	s->targets[3] = (struct target_row){
		.id = TARGET_RECORD_COMPLETENESS, .key = "record_completeness",
		.label = "First-value records with owner, proof and approver",
		.higher_is_better = true, .is_share = true, .value = 0.5,
		.target = 1.0, .warning = 0.95, .status = "missed"};
	/* nobody configured this one: it says so */
	s->targets[4] = (struct target_row){
		.id = TARGET_WEEK2_RETENTION, .key = "week2_retention",
		.label = "Week-2 retention", .higher_is_better = true,
		.is_share = true, .value = 0.8, .target = 0.85, .warning = 0.75,
		.status = "warning", .is_default = true};

	/* The week: the same targets with the week before, what they are
	 * over, and a KM interval for the median. */
	struct weekly *wk = &s->weekly;
	memcpy(wk->targets, s->targets, sizeof(wk->targets));
	for (int i = 0; i < TARGET_COUNT; i++) {
		wk->targets[i].lower = wk->targets[i].upper = NAN;
		wk->targets[i].previous = NAN;
		wk->targets[i].accounts = 40;
	}
	wk->targets[0].lower = 4.1;
	wk->targets[0].upper = NAN;
	wk->targets[0].previous = 5.0;
	wk->targets[0].accounts = 12;
	wk->targets[4].previous = 0.75;
	for (int i = 0; i < TARGET_COUNT; i++)	/* as stats gives it */
		wk->targets[i].delta = wk->targets[i].value -
				       wk->targets[i].previous;
	wk->targets[4].lower = 0.65;
	wk->targets[4].upper = 0.9;
	snprintf(wk->from_date, sizeof wk->from_date, "2026-10-25");
	snprintf(wk->to_date, sizeof wk->to_date, "2026-10-31");
	static const char *fix_ids[] = {"<b>A9</b>", "A2"};
	wk->changes.newly_breached = (struct id_list){fix_ids, 2};
	/* Dana's A1, then A2 without a CSM; A3 is an old breach */
	static uint32_t fix_action[] = {0, 1};
	static struct action_group fix_groups[] = {{"Dana", 0, 1},
						   {"", 1, 1}};
	static uint32_t fix_old[] = {2};
	wk->action = fix_action;
	wk->naction = 2;
	wk->groups = fix_groups;
	wk->ngroups = 2;
	fix_onboarding[0].arr = 12500;
	fix_onboarding[1].arr = NAN;
	fix_onboarding[2].arr = 1234567.4;
	wk->old_breach = fix_old;
	wk->nold_breach = 1;

	s->trend.points = fix_trend;
	s->trend.npoints = 2;
	s->trend.test.cohort = -1;
	fix_tiers[0].trend.test.cohort = -1;
	fix_tiers[1].trend.test.cohort = -1;
	s->churn = (struct churn_flags){1, 2, 0, 3, true, false};
	s->dq.first_value_source = "column first_value_at";
	s->dq.steps_default = true;
}

#endif

/* test_stats.c - stats_compute on small models whose every figure is
 * worked out by hand in the comments (dates in 2026, UTC). */
#include "clock.h"
#include "harness.h"
#include "render.h"
#include "render_md.h"
#include "stats.h"
#include "suggest.h"
#include "timeutil.h"

#include <stdlib.h>

static int64_t at(unsigned m, unsigned d, unsigned h)
{
	return tu_days_from_civil(2026, m, d) * TU_DAY + (int64_t)h * 3600 * TU_SECOND;
}

static int32_t account(struct model *m, const char *id, const char *tier,
		       int64_t signed_at, int64_t first_value)
{
	int32_t a = model_add_account(m, id, strlen(id), NULL);
	struct account *acc = &m->acc[a];
	if (tier)
		acc->attr[ATTR_TIER] = strtab_intern(&m->attrs[ATTR_TIER],
						     &m->arena, tier,
						     strlen(tier));
	acc->ms[MS_SIGNED] = signed_at;
	acc->ms[MS_FIRST_VALUE] = first_value;
	model_see_time(m, signed_at);
	model_see_time(m, first_value);
	return a;
}

static struct postmortem *pm(struct model *m, int32_t a, enum pm_category c,
			     int64_t opened)
{
	struct postmortem *p = model_add_postmortem(m, a);
	p->category = (uint8_t)c;
	p->opened_at = opened;
	return p;
}

/* Seven tech-touch accounts, calendar days, as of the end of 2026-03-31
 * (instant 04-01 00:00), no config beyond the defaults:
 *   A1 01-01 -> 01-03  2 days, renewed, exec sponsor
 *   A2 01-01 -> 01-05  4 days, renewed
 *   A3 01-10 -> 01-16  6 days, churned
 *   A4 01-20 -> 01-28  8 days, churned
 *   A5 03-25, none     censored at 7 (to 04-01)
 *   A6 02-01, 04-05    after the as-of date: censored at 28 + 31 = 59
 *   A7 01-05 -> 01-15  10 days less pauses 01-07..01-09 and 01-08..01-10,
 *                      merged 01-07..01-10 = 3 days: 7, renewed
 * Reached, sorted: 2 4 6 7 8. */
static void build_calendar(struct model *m, struct config *c)
{
	model_init(m);
	config_init(c);
	c->clock.as_of = at(4, 1, 0);
	int32_t a1 = account(m, "A1", "tech-touch", at(1, 1, 0), at(1, 3, 0));
	int32_t a2 = account(m, "A2", "tech-touch", at(1, 1, 0), at(1, 5, 0));
	int32_t a3 = account(m, "A3", "tech-touch", at(1, 10, 0),
			     at(1, 16, 0));
	int32_t a4 = account(m, "A4", "tech-touch", at(1, 20, 0),
			     at(1, 28, 0));
	account(m, "A5", "tech-touch", at(3, 25, 0), TTFV_NO_TIME);
	int32_t a6 = account(m, "A6", "tech-touch", at(2, 1, 0), at(4, 5, 0));
	int32_t a7 = account(m, "A7", "tech-touch", at(1, 5, 0), at(1, 15, 0));
	m->acc[a1].outcome = OUTCOME_RENEWED;
	m->acc[a2].outcome = OUTCOME_RENEWED;
	m->acc[a3].outcome = OUTCOME_CHURNED;
	m->acc[a4].outcome = OUTCOME_CHURNED;
	m->acc[a6].outcome = OUTCOME_OPEN;
	m->acc[a7].outcome = OUTCOME_RENEWED;
	m->acc[a1].has_exec_sponsor = true;
	model_add_pause(m, a7, at(1, 7, 0), at(1, 9, 0));
	model_add_pause(m, a7, at(1, 8, 0), at(1, 10, 0));
	pm(m, a4, PM_DATA_MIGRATION, at(2, 10, 0));
	pm(m, a6, PM_PRODUCT, at(3, 20, 0));
	pm(m, a1, PM_DATA_MIGRATION, at(1, 15, 0));
}

static void test_calendar(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	build_calendar(&m, &c);
	diag_init(&d);
	CHECK_INT(stats_compute(&s, &m, &c, "A5", &d), 0);
	CHECK_STR(s.as_of_date, "2026-03-31");
	CHECK_INT(s.overall.accounts, 7);
	CHECK_INT(s.overall.reached, 5);
	CHECK_INT(s.overall.censored, 2);
	CHECK_NEAR(s.ttfv[6], 7, 1e-12);	/* A7, pauses merged */
	CHECK(isnan(s.ttfv[5]));		/* A6: value after as-of */
	/* type 7 of 2 4 6 7 8: h = 4p -> 4, 6, 7, 7 + .6 */
	CHECK_NEAR(s.overall.p[0], 4, 1e-12);
	CHECK_NEAR(s.overall.p[1], 6, 1e-12);
	CHECK_NEAR(s.overall.p[2], 7, 1e-12);
	CHECK_NEAR(s.overall.p[3], 7.6, 1e-12);
	/* KM over 2 4 6 7 7* 8 59*: S = 6/7, 5/7, 4/7, then at 7 four at
	 * risk (the censored 7 included) -> 3/7, at 8 two -> 3/14.
	 * 1 - S: .143 .286 .429 .571 .786: p25 = 4, p50 = 7, p75 = 8, p90
	 * never */
	CHECK_NEAR(s.overall.km[0], 4, 0);
	CHECK_NEAR(s.overall.km[1], 7, 0);
	CHECK_NEAR(s.overall.km[2], 8, 0);
	CHECK(isnan(s.overall.km[3]));

	/* auto SLA: ceil(p75 7 x (1 + 0)) = 7; attainment: A1 A2 A3 A7 met
	 * (7 <= 7), A4 late, A6 window closed (59 > 7), A5 open at 7 */
	CHECK_INT(s.ntiers, 1);
	REQUIRE_LEN(s.ntiers, 1);
	CHECK_STR(s.tiers[0].g.name, "tech-touch");
	CHECK_NEAR(s.tiers[0].sla_days, 7, 0);
	CHECK_STR(s.tiers[0].sla_source, "auto");
	CHECK_INT(s.tiers[0].sla_met, 4);
	CHECK_INT(s.tiers[0].sla_closed, 6);
	CHECK_NEAR(s.tiers[0].attainment, 4.0 / 6, 1e-12);
	CHECK_INT(s.tiers[0].breached, 1);	/* A6 */

	/* cohorts by month of signing: Jan (A1 A2 A3 A4 A7), Feb (A6), Mar
	 * (A5).  Jan: all reached at 2 4 6 7 8, the curve runs to day 8:
	 * 0 0 .2 .2 .4 .4 .6 .8 1 */
	CHECK_INT(s.ncohorts, 3);
	REQUIRE_LEN(s.ncohorts, 3);
	CHECK_STR(s.cohorts[0].g.name, "2026-01");
	CHECK_STR(s.cohorts[2].g.name, "2026-03");
	CHECK_INT(s.cohorts[0].ncurve, 9);
	REQUIRE_LEN(s.cohorts[0].ncurve, 9);
	const double jan[] = {0, 0, .2, .2, .4, .4, .6, .8, 1};
	for (int i = 0; i < 9; i++)
		CHECK_NEAR(s.cohorts[0].curve[i], jan[i], 1e-12);
	/* Feb: one account censored at 59: 60 points, all 0 */
	CHECK_INT(s.cohorts[1].ncurve, 60);
	REQUIRE_LEN(s.cohorts[1].ncurve, 60);
	CHECK_NEAR(s.cohorts[1].curve[59], 0, 0);
	CHECK(isnan(s.cohorts[1].g.km[1]));
	CHECK_INT(s.cohorts[0].start, at(1, 1, 0));

	/* renewed 2 4 7 (median 4), churned 6 8 (p25 6.5, median 7); all in
	 * band 0-30: 3 renewed of 5 */
	CHECK_INT(s.renewed.accounts, 3);
	CHECK_NEAR(s.renewed.p[1], 4, 1e-12);
	CHECK_NEAR(s.churned.p[0], 6.5, 1e-12);
	CHECK_NEAR(s.churned.p[1], 7, 1e-12);
	REQUIRE_LEN(s.nbands, 2);
	CHECK_INT(s.bands[0].accounts, 5);
	CHECK_NEAR(s.bands[0].renewal_rate, 0.6, 1e-12);
	CHECK(isnan(s.bands[1].renewal_rate));

	/* post-mortems: data_migration 2 of 3, top, owned by CS Ops; by
	 * month Oct..Mar: Jan 1 dm, Feb 1 dm, Mar 1 product */
	CHECK_INT(s.pm_total, 3);
	REQUIRE_LEN(s.pm_top != NULL, 1);
	CHECK_STR(s.pm_top->key, "data_migration");
	CHECK_STR(s.pm_top->owner, "CS Ops & Implementation");
	CHECK_NEAR(s.pm_top->share, 2.0 / 3, 1e-12);
	CHECK_STR(s.pm_months[0].month, "2025-10");
	CHECK_STR(s.pm_months[5].month, "2026-03");
	CHECK_INT(s.pm_months[3].count[PM_DATA_MIGRATION], 1);
	CHECK_INT(s.pm_months[5].count[PM_PRODUCT], 1);
	/* one post-mortem in each of January, February and March */
	CHECK_INT(s.pm_months[2].total, 0);
	CHECK_INT(s.pm_months[3].total, 1);
	CHECK_INT(s.pm_months[5].total, 1);
	/* breaches: A4 at 01-28 less one day = Tue 01-27, due 5 business
	 * days later (02-03), post-mortem 02-10: late; A6 at 02-01 + 7 =
	 * Sun 02-08, due end of Fri 02-13, post-mortem 03-20: late.  Both
	 * have one, so none is missing and the coverage is 2 of 2.
	 * Business days since (python: weekdays in [breach, 04-01)): 46, 37;
	 * to the post-mortem: Jan 27-30, Feb 2-6, Feb 9 = 10; Feb 9-13, 16-20,
	 * 23-27, Mar 2-6, 9-13, 16-19 = 29 */
	CHECK_INT(s.pm_breaches, 2);
	CHECK_INT(s.pm_with, 2);
	CHECK_NEAR(s.pm_coverage, 1, 0);
	CHECK_INT(s.npm_missing, 0);
	CHECK_INT(s.npm_late, 2);
	REQUIRE_LEN(s.npm_late, 2);
	CHECK_STR(s.pm_late[0].account_id, "A4");
	CHECK_INT(s.pm_late[0].breached_at, at(1, 27, 0));
	CHECK_NEAR(s.pm_late[0].days_since, 46, 1e-9);
	CHECK_INT(s.pm_late[0].opened_at, at(2, 10, 0));
	CHECK_NEAR(s.pm_late[0].days_to_postmortem, 10, 1e-9);
	CHECK_STR(s.pm_late[1].account_id, "A6");
	CHECK_NEAR(s.pm_late[1].days_since, 37, 1e-9);
	CHECK_NEAR(s.pm_late[1].days_to_postmortem, 29, 1e-9);

	/* seed 004: median 6 is between target 5 and warning 8; reached
	 * within 7 days 4 (A1 A2 A3 A7) of the 7 followed for 7 days */
	CHECK_NEAR(s.targets[TARGET_MEDIAN_TTFV_DAYS].value, 6, 1e-12);
	CHECK_STR(s.targets[TARGET_MEDIAN_TTFV_DAYS].status, "warning");
	CHECK_NEAR(s.targets[TARGET_FIRST_VALUE_RATE_7D].value, 4.0 / 7,
		   1e-12);
	CHECK_STR(s.targets[TARGET_FIRST_VALUE_RATE_7D].status, "warning");
	CHECK(isnan(s.targets[TARGET_MANUAL_ASSIST_SHARE].value));
	CHECK(s.targets[TARGET_MANUAL_ASSIST_SHARE].status == NULL);

	/* churn flags over the five not churned: breach A6; no sponsor A2
	 * A5 A6 A7 (A1 has one, so the column is known); no users: unknown */
	CHECK_INT(s.churn.breach, 1);
	CHECK_INT(s.churn.no_exec_sponsor, 4);
	CHECK(!s.churn.wau_known);
	CHECK_INT(s.churn.any, 4);

	/* onboarding: A6 breached first, then A5 (elapsed 7 = SLA: not
	 * breached; one step only, so no step-2 rule; projection as-of +
	 * max(0, median 6 days - 7 spent) = as-of, not past the deadline) */
	CHECK_INT(s.nonboarding, 2);
	REQUIRE_LEN(s.nonboarding, 2);
	CHECK_STR(s.onboarding[0].account_id, "A6");
	CHECK_INT(s.onboarding[0].status, STATUS_BREACHED);
	CHECK(s.onboarding[0].alert);
	struct buf alert = BUF_INIT;
	CHECK(md_alert_text(&alert, &s.onboarding[0]));
	CHECK_CONTAINS(buf_cstr(&alert),
		       "A6 has been on first_value for 59.0 days since the "
		       "clock started: no playbook");
	buf_release(&alert);
	CHECK_STR(s.onboarding[1].account_id, "A5");
	CHECK_INT(s.onboarding[1].status, STATUS_ON_TRACK);
	CHECK(!s.onboarding[1].alert);
	CHECK_INT(s.onboarding[1].projected_first_value, at(4, 1, 0));
	CHECK_INT(s.onboarding[1].deadline, at(4, 1, 0));

	/* --account A5 */
	REQUIRE_LEN(s.account != NULL, 1);
	CHECK_STR(s.account->account_id, "A5");
	CHECK(!s.account->reached);
	CHECK_NEAR(s.account->elapsed_days, 7, 1e-12);
	CHECK_NEAR(s.account->tier_median, 6, 1e-12);
	/* A5 is at day 7 of a 7-day SLA: not (yet) breached */
	CHECK(!s.account->sla_breached);
	stats_release(&s);

	/* unknown --account: an error naming it */
	CHECK_INT(stats_compute(&s, &m, &c, "nope", &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "'nope'");
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* A high-touch tier in business days from kickoff, holiday Tue 01-06,
 * as of the end of Fri 01-16:
 *   B1 kickoff Fri 01-02 12:00 -> Fri 01-09 12:00: .5 + Mon 1 + (Tue
 *      holiday) + Wed 1 + Thu 1 + .5 = 4 business days (7 calendar)
 *   B2 kickoff Mon 01-05 -> Mon 01-12 06:00, paused Sat 01-10 -> Tue
 *      01-13: Mon Wed Thu Fri + .25 = 4.25, less the paused business
 *      time (Mon 00:00-06:00, .25) = 4; calendar 7.25 - 2.25 = 5
 *   B3 kickoff Mon 01-12, no value: Mon-Fri = 5 business days
 * auto SLA = ceil(p75 4 x 1.2) = ceil(4.8) = 5. */
static void test_business(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	c.clock.as_of = at(1, 17, 0);
	c.holidays = xmalloc(sizeof(*c.holidays));
	c.holidays[0] = (int32_t)tu_days_from_civil(2026, 1, 6);
	c.nholidays = 1;
	c.tiers = xcalloc(1, sizeof(*c.tiers));
	c.ntiers = 1;
	c.tiers[0].name = xstrdup("high-touch");
	c.tiers[0].clock_start = xstrdup("kickoff_at");
	c.tiers[0].sla_auto = true;
	c.tiers[0].buffer = 0.20;
	c.tiers[0].days = DAYS_BUSINESS;
	int32_t b1 = account(&m, "B1", "high-touch", at(1, 1, 0), at(1, 9, 12));
	int32_t b2 = account(&m, "B2", "high-touch", at(1, 1, 0), at(1, 12, 6));
	int32_t b3 = account(&m, "B3", "high-touch", at(1, 1, 0),
			     TTFV_NO_TIME);
	m.acc[b1].ms[MS_KICKOFF] = at(1, 2, 12);
	m.acc[b2].ms[MS_KICKOFF] = at(1, 5, 0);
	m.acc[b3].ms[MS_KICKOFF] = at(1, 12, 0);
	m.acc[b3].name = "B3 Corp";
	model_add_pause(&m, b2, at(1, 10, 0), at(1, 13, 0));
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_NEAR(s.ttfv_sla[b1], 4, 1e-9);
	CHECK_NEAR(s.ttfv[b1], 7, 1e-9);
	CHECK_NEAR(s.ttfv_sla[b2], 4, 1e-9);
	CHECK_NEAR(s.ttfv[b2], 5, 1e-9);
	REQUIRE_LEN(s.ntiers, 1);
	CHECK_STR(s.tiers[0].clock_start, "kickoff_at");
	CHECK_NEAR(s.tiers[0].sla_days, 5, 0);
	/* default steps: kickoff_at is present, so kickoff, first_value */
	CHECK(s.dq.steps_default);
	CHECK_INT(s.nsteps, 2);
	REQUIRE_LEN(s.nsteps, 1);
	CHECK_STR(s.steps[0].name, "kickoff");
	/* B3: 5 of 5 business days used (> 50 %) and step 2 (first value)
	 * not done: at risk.  Projection: median kickoff -> value 7 and
	 * 7.25 calendar days = 7.125, 5 spent: 2.125 days after the as-of
	 * instant (Sat 00:00) = Mon 01-19 03:00; deadline: 0 business days
	 * left = end of Fri 01-16 */
	CHECK_INT(s.nonboarding, 1);
	REQUIRE_LEN(s.nonboarding, 1);
	const struct onboarding_row *r = &s.onboarding[0];
	CHECK_INT(r->status, STATUS_AT_RISK);
	CHECK_NEAR(r->elapsed_days, 5, 1e-9);
	CHECK_NEAR(r->stalled_days, 5, 1e-9);
	CHECK_STR(r->current_step, "first_value");
	CHECK_STR(r->last_step, "kickoff");
	CHECK_INT(r->deadline, at(1, 17, 0));
	CHECK_INT(r->projected_first_value, at(1, 19, 3));
	struct buf alert = BUF_INIT;
	CHECK(md_alert_text(&alert, r));
	CHECK_STR(buf_cstr(&alert),
		  "B3 Corp has been on first_value for 5.0 business days since "
		  "kickoff: no "
		  "playbook for this step yet; add playbook = ... to [step "
		  "first_value] in the config");
	buf_release(&alert);
	CHECK_INT(s.tiers[0].at_risk, 1);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* No first_value_at values and no first_value_event: an error saying how
 * to configure one. */
static void test_no_first_value(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	account(&m, "X", NULL, at(1, 1, 0), TTFV_NO_TIME);
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(clock_settle(&c, m.latest, &d), 0);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "first_value_event");
	CHECK_CONTAINS(buf_cstr(&d.text), "first_value_at");
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* Report timezone America/New_York (UTC-5 in January), business days:
 *   T1 signed Fri 01-09 20:00 local (Sat 01:00Z), value Mon 01-12 02:00
 *      local (07:00Z): business time 4 h Friday + 2 h Monday = 0.25 days
 *      (in UTC it would be Monday's 7 h: 0.2917)
 *   T2 high-touch from kickoff_at, which is blank: its tier is listed with
 *      no accounts and every figure null
 * No as-of: the latest instant, 01-12 02:00 local, gives the end of
 * 2026-01-12 local. */
static void test_timezone_and_empty_tier(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	free(c.timezone);
	c.timezone = xstrdup("America/New_York");
	c.tiers = xcalloc(2, sizeof(*c.tiers));
	c.ntiers = 2;
	c.tiers[0].name = xstrdup("self-serve");
	c.tiers[0].clock_start = xstrdup("signed_at");
	c.tiers[0].sla_auto = true;
	c.tiers[0].days = DAYS_BUSINESS;
	c.tiers[1].name = xstrdup("high-touch");
	c.tiers[1].clock_start = xstrdup("kickoff_at");
	c.tiers[1].sla_auto = true;
	c.tiers[1].days = DAYS_CALENDAR;
	int32_t t1 = account(&m, "T1", "self-serve", at(1, 10, 1), at(1, 12, 7));
	account(&m, "T2", "high-touch", at(1, 5, 0), TTFV_NO_TIME);
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(clock_settle(&c, m.latest, &d), 0);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_STR(s.as_of_date, "2026-01-12");
	CHECK_INT(s.as_of, at(1, 13, 5));
	CHECK_NEAR(s.ttfv_sla[t1], 0.25, 1e-9);
	CHECK_NEAR(s.ttfv[t1], 54.0 / 24, 1e-9);	/* Sat 01:00Z to Mon 07:00Z */
	CHECK_INT(s.ntiers, 2);
	REQUIRE_LEN(s.ntiers, 2);
	CHECK_STR(s.tiers[0].g.name, "high-touch");
	CHECK_INT(s.tiers[0].g.accounts, 0);
	CHECK(isnan(s.tiers[0].g.p[1]));
	CHECK(isnan(s.tiers[0].g.km[1]));
	CHECK(isnan(s.tiers[0].sla_days));
	CHECK(isnan(s.tiers[0].attainment));
	CHECK_INT(s.dq.accounts_without_clock_start, 1);
	/* self-serve: auto SLA ceil(.25) = 1 business day */
	CHECK_NEAR(s.tiers[1].sla_days, 1, 0);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
	tu_set_timezone("UTC");
}

/* Nobody's clock has started (signed after the as-of date): every group
 * is empty, every figure n/a, and nothing crashes. */
static void test_nobody_measured(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	struct buf j = BUF_INIT;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	c.clock.as_of = at(1, 1, 0);
	account(&m, "N1", "tech-touch", at(2, 1, 0), at(2, 3, 0));
	CHECK_INT(stats_compute(&s, &m, &c, "N1", &d), 0);
	CHECK_INT(s.overall.accounts, 0);
	CHECK(isnan(s.overall.p[1]) && isnan(s.overall.km[1]));
	CHECK_INT(s.ncohorts, 0);
	CHECK_INT(s.nonboarding, 0);
	CHECK(isnan(s.targets[TARGET_MEDIAN_TTFV_DAYS].value));
	CHECK(s.account && !s.account->reached);
	render_json(&s, &j);
	CHECK_CONTAINS(buf_cstr(&j), "\"p50\": null");
	buf_release(&j);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* The QBR picks on the calendar model (no config: one step, first value;
 * tier SLA auto = p75 of [2 4 6 7 8] = 7 days, buffer 0).  CSMs: Dana on
 * A1 and A4, Lee on A2. */
static void test_qbr_pick(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	build_calendar(&m, &c);
	diag_init(&d);
	const char *csm[][2] = {{"A1", "Dana"}, {"A4", "Dana"}, {"A2", "Lee"}};
	for (size_t i = 0; i < 3; i++) {
		struct account *acc = &m.acc[model_find(&m, csm[i][0], 2)];
		acc->attr[ATTR_CSM] = strtab_intern(&m.attrs[ATTR_CSM], &m.arena,
						    csm[i][1],
						    strlen(csm[i][1]));
	}
	struct stats_pick all = {.account = "all"};
	CHECK_INT(stats_compute_pick(&s, &m, &c, &all, &d), 0);
	CHECK_INT(s.nqbr, 7);
	CHECK(s.account == NULL);
	if (s.nqbr == 7) {
		/* file order A1..A7: A1 2 <= 7 within, A3 6 within, A4 8 > 7
		 * late, A5 day 7 of 7 on track, A6 day 59 late, A7 7 within */
		static const enum account_state want[7] = {
			ACCOUNT_REACHED_IN_SLA, ACCOUNT_REACHED_IN_SLA,
			ACCOUNT_REACHED_IN_SLA, ACCOUNT_REACHED_LATE,
			ACCOUNT_ON_TRACK, ACCOUNT_LATE, ACCOUNT_REACHED_IN_SLA};
		for (size_t i = 0; i < 7; i++)
			CHECK_INT(s.qbr[i].state, want[i]);
		/* the one step, first value: the tier's median day is the type
		 * 7 median of [2 4 6 7 8] = 6; A7's day is 10 less its 3 paused */
		CHECK_NEAR(s.qbr[0].tier_step_median[0], 6, 1e-12);
		CHECK_NEAR(s.qbr[6].step_days[0], 7, 1e-9);
		CHECK(isnan(s.qbr[4].step_days[0]));
		/* A5: next step first value; its segment's median is over raw
		 * spans [2 4 6 8 10] = 6 days, 7 already spent: due now, the
		 * as-of instant; deadline 03-25 + 7 = 04-01 00:00 */
		CHECK_INT(s.qbr[4].next_step, 0);
		CHECK_INT(s.qbr[4].next_target, at(4, 1, 0));
		CHECK_INT(s.qbr[4].deadline, at(4, 1, 0));
		CHECK(s.qbr[4].row != NULL);
		CHECK_INT(s.qbr[0].next_step, -1);
		/* post-mortems: A1 one (data migration), A6 one (product) */
		CHECK_INT(s.qbr[0].npms, 1);
		REQUIRE_LEN(s.qbr[0].npms, 1);
		CHECK_STR(s.qbr[0].pms[0].category, "Data migration");
		CHECK_INT(s.qbr[5].npms, 1);
		CHECK_INT(s.qbr[1].npms, 0);
		CHECK_STR(s.qbr[0].csm, "Dana");
		CHECK_STR(s.qbr[2].csm, "");
	}
	stats_release(&s);

	struct stats_pick dana = {.csm = "Dana"};
	CHECK_INT(stats_compute_pick(&s, &m, &c, &dana, &d), 0);
	CHECK_INT(s.nqbr, 2);
	if (s.nqbr == 2) {
		CHECK_STR(s.qbr[0].account_id, "A1");
		CHECK_STR(s.qbr[1].account_id, "A4");
	}
	stats_release(&s);

	/* unknown: the closest by edit distance, ties in file order */
	struct stats_pick dan = {.csm = "Dan"};
	CHECK_INT(stats_compute_pick(&s, &m, &c, &dan, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "no account has the CSM 'Dan'; "
			"closest: 'Dana', 'Lee'");
	diag_release(&d);
	diag_init(&d);
	struct stats_pick a8 = {.account = "A8"};
	CHECK_INT(stats_compute_pick(&s, &m, &c, &a8, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "closest: 'A1', 'A2', 'A3'");
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* A QBR's next step due after the as-of date, on a clock that paused
 * (no config: one step, first value).  D1-D3 signed 01-01 reached first
 * value on 01-11: the segment median is 10 days.  D4 signed 03-29, paused
 * 03-30 .. 03-31, as of the end of 03-31 (instant 04-01): 3 calendar days
 * in, 2 on the clock.  Its next step, first value, is due 10 - 3 = 7 days
 * after the as-of instant (the projection counts raw time): 04-08, which is
 * day 10 - 1 paused = 9 on the clock.  D5, in a tier counting business
 * days, signed Fri 03-27: 3 business days in (Fri, Mon, Tue), not the 5
 * calendar days. */
static void test_qbr_next_target(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	c.clock.as_of = at(4, 1, 0);
	c.tiers = xcalloc(1, sizeof(*c.tiers));
	c.ntiers = 1;
	c.tiers[0].name = xstrdup("business");
	c.tiers[0].clock_start = xstrdup("signed_at");
	c.tiers[0].sla_auto = true;
	c.tiers[0].days = DAYS_BUSINESS;
	account(&m, "D5", "business", at(3, 27, 0), TTFV_NO_TIME);
	const char *ids[] = {"D1", "D2", "D3"};
	for (size_t i = 0; i < 3; i++)
		account(&m, ids[i], "tech-touch", at(1, 1, 0), at(1, 11, 0));
	int32_t d4 = account(&m, "D4", "tech-touch", at(3, 29, 0),
			     TTFV_NO_TIME);
	model_add_pause(&m, d4, at(3, 30, 0), at(3, 31, 0));
	CHECK_INT(stats_compute(&s, &m, &c, "D4", &d), 0);
	REQUIRE_LEN(s.account != NULL, 1);
	CHECK_INT(s.account->state, ACCOUNT_ON_TRACK);
	CHECK_NEAR(s.account->elapsed_days, 2, 1e-9);
	CHECK_INT(s.account->next_step, 0);
	CHECK_INT(s.account->next_target, at(4, 8, 0));
	CHECK_NEAR(s.account->next_target_days, 9, 1e-9);
	stats_release(&s);
	CHECK_INT(stats_compute(&s, &m, &c, "D5", &d), 0);
	REQUIRE_LEN(s.account != NULL, 1);
	CHECK_NEAR(s.account->elapsed_days, 3, 1e-9);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* The three ids nearest a mistyped one (the distances themselves are
 * worked by hand in test_suggest.c). */
static void test_edit_distance(void)
{
	struct suggest_nearest c;
	suggest_nearest_init(&c, "A00042");
	const char *names[] = {"B999999", "A000042", "A00042x", "A000142", "Z"};
	for (size_t i = 0; i < 5; i++)
		suggest_nearest_add(&c, names[i]);
	/* A000042 and A00042x are one edit away (in that order), A000142 two */
	CHECK_INT(c.n, 3);
	CHECK_STR(c.best[0], "A000042");
	CHECK_STR(c.best[1], "A00042x");
	CHECK_STR(c.best[2], "A000142");
}

int main(void)
{
	test_qbr_pick();
	test_qbr_next_target();
	test_edit_distance();
	test_calendar();
	test_business();
	test_no_first_value();
	test_timezone_and_empty_tier();
	test_nobody_measured();
	return test_done("test_stats");
}

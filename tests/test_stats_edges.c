/* test_stats_edges.c - the corners: first value before the clock start,
 * an open pause, an account's own SLA, a trend of single accounts,
 * targets met, and the configuration errors stats_compute reports. */
#include "clock.h"
#include "harness.h"
#include "stats.h"
#include "timeutil.h"

#include <stdlib.h>

static int64_t at(unsigned m, unsigned d)
{
	return tu_days_from_civil(2026, m, d) * TU_DAY;
}

static int32_t account(struct model *m, const char *id, int64_t signed_at,
		       int64_t first_value)
{
	int32_t a = model_add_account(m, id, strlen(id), NULL);
	m->acc[a].ms[MS_SIGNED] = signed_at;
	m->acc[a].ms[MS_FIRST_VALUE] = first_value;
	model_see_time(m, signed_at);
	model_see_time(m, first_value);
	return a;
}

/* As of the end of 05-31 (instant 06-01):
 *   E1 signed 01-10, value 01-05 (before it): TTFV 0, counted in data
 *      quality
 *   E2 signed 05-01, no value, paused 05-21 with no resume: the clock
 *      stopped there, elapsed 20 days
 *   E3 signed 05-01, no value, its own sla_days 10: elapsed 31 > 10,
 *      breached although the tier's auto SLA (p75 of E1 and E4 = 0 +
 *      .75 x 4 = 3 -> 3) would say the same; E2's 20 > 3 too
 *   E4 signed 02-01, value 02-05: 4 days */
static void test_corners(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	c.clock.as_of = at(6, 1);
	int32_t e1 = account(&m, "E1", at(1, 10), at(1, 5));
	int32_t e2 = account(&m, "E2", at(5, 1), TTFV_NO_TIME);
	int32_t e3 = account(&m, "E3", at(5, 1), TTFV_NO_TIME);
	account(&m, "E4", at(2, 1), at(2, 5));
	model_add_pause(&m, e2, at(5, 21), TTFV_NO_TIME);
	m.acc[e3].sla_days = 10;
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_NEAR(s.ttfv[e1], 0, 0);
	CHECK_INT(s.dq.first_value_before_start, 1);
	CHECK_NEAR(s.tiers[0].sla_days, 3, 0);
	CHECK_INT(s.nonboarding, 2);
	for (size_t i = 0; i < s.nonboarding; i++) {
		const struct onboarding_row *r = &s.onboarding[i];
		if (r->account == e2) {
			CHECK_NEAR(r->elapsed_days, 20, 1e-12);
			CHECK_NEAR(r->sla_days, 3, 0);
		} else {
			CHECK_NEAR(r->elapsed_days, 31, 1e-12);
			CHECK_NEAR(r->sla_days, 10, 0);	/* its own */
			CHECK_INT(r->deadline, at(5, 11));
		}
		CHECK_INT(r->status, STATUS_BREACHED);
	}
	/* breached first by deadline: E2's (05-04) before E3's (05-11) */
	CHECK_INT(s.onboarding[0].account, e2);
	/* attainment: E1 met (0 <= 3), E4 late (4 > 3), E2 and E3 closed
	 * unreached: 1 / 4 */
	CHECK_NEAR(s.tiers[0].attainment, 0.25, 1e-12);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* Monthly cohorts of one account each whose TTFVs run 2, 3, 4 and then
 * 10 (or 2) days, all four complete by 06-01.  The trend compares April
 * with January to March pooled; R:
 *   survdiff(Surv(c(2, 3, 4, 10), rep(1, 4)) ~ c(0, 0, 0, 1))
 *   obs 3 1, exp 1.916667 2.083333, chisq 1.778947, p 0.1822786;
 *   with 2 instead of 10: exp 3.5 0.5, chisq 1, p 0.3173105 -> no significant
 *   change either way (one account cannot make a trend);
 *   quantile(survfit(Surv(c(2, 3, 4), rep(1, 3)) ~ 1), 0.5): 3, 2, NA.
 * The targets are moved so the median (type 7 of 2 3 4 10 = 3.5) meets
 * its goal of 4, and the 7-day rate (3 of 4 = .75) meets .70. */
static void test_trend_and_targets_met(void)
{
	const unsigned last[] = {10, 2};
	for (int k = 0; k < 2; k++) {
		struct model m;
		struct config c;
		struct diag d;
		struct stats s;
		model_init(&m);
		config_init(&c);
		diag_init(&d);
		c.clock.as_of = at(6, 1);
		c.targets[TARGET_MEDIAN_TTFV_DAYS].target = 4;
		account(&m, "J", at(1, 1), at(1, 3));
		account(&m, "F", at(2, 1), at(2, 4));
		account(&m, "M", at(3, 1), at(3, 5));
		account(&m, "A", at(4, 1), at(4, 1 + last[k]));
		CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
		const struct trend_test *t = &s.trend.test;
		CHECK_INT(s.trend.npoints, 4);
		CHECK_NEAR(s.trend.points[3].p50, last[k], 0);
		CHECK_NEAR(s.trend.points[3].km_p50, last[k], 0);
		CHECK(s.trend.points[3].complete);
		CHECK_INT(t->cohort, 3);
		CHECK_INT(t->nbaseline, 3);
		CHECK_NEAR(t->baseline_km_p50, 3, 0);
		CHECK_NEAR(t->baseline_km_p50_lower, 2, 0);
		CHECK(isnan(t->baseline_km_p50_upper));
		CHECK_NEAR(t->chisq, k == 0 ? 1.778947 : 1, 1e-6);
		CHECK_NEAR(t->p_value, k == 0 ? 0.1822786 : 0.3173105, 1e-7);
		CHECK_STR(t->direction, "no significant change");
		if (k == 0) {
			CHECK_NEAR(s.targets[TARGET_MEDIAN_TTFV_DAYS].value,
				   3.5, 1e-12);
			CHECK_STR(s.targets[TARGET_MEDIAN_TTFV_DAYS].status,
				  "met");
			CHECK_NEAR(s.targets[TARGET_FIRST_VALUE_RATE_7D].value,
				   0.75, 1e-12);
			CHECK_STR(s.targets[TARGET_FIRST_VALUE_RATE_7D].status,
				  "met");
		}
		stats_release(&s);
		diag_release(&d);
		config_release(&c);
		model_release(&m);
	}
}

/* A first-value event the events never mention, with no first_value_at
 * column to fall back on, and an unknown timezone (refused by the clock,
 * before stats): errors naming them. */
static void test_config_errors(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	account(&m, "X", at(1, 1), TTFV_NO_TIME);
	c.first_value_event = xstrdup("report_shraed");
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(clock_settle(&c, m.latest, &d), 0);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "'report_shraed'");
	free(c.timezone);
	c.timezone = xstrdup("Mars/Olympus_Mons");
	CHECK_INT(clock_start(&c, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "'Mars/Olympus_Mons'");
	/* with a first_value_at column the event's absence is noted and the
	 * column used */
	free(c.timezone);
	c.timezone = xstrdup("UTC");
	m.acc[0].ms[MS_FIRST_VALUE] = at(1, 2);
	/* as ingest does for every time it reads: the as-of date defaults
	 * to the latest, whose end is after it */
	model_see_time(&m, at(1, 2));
	c.clock.as_of = TTFV_NO_TIME;	/* a new run's clock */
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(clock_settle(&c, m.latest, &d), 0);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_CONTAINS(s.dq.first_value_source, "column first_value_at");
	CHECK_INT(s.overall.reached, 1);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

int main(void)
{
	test_corners();
	test_trend_and_targets_met();
	test_config_errors();
	return test_done("test_stats_edges");
}

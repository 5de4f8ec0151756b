/* test_stats_trend.c - SPEC 8.1's figures through stats_compute and the
 * renderers: the trend by KM median and log-rank (a cohort whose reached
 * accounts got faster while the cohort as a whole got slower), renewal
 * bands with "not reached" and the gap test, segments with attainment
 * and ARR, and the config keys behind them.  Expected values come from R
 * (survival 3.x), the call beside each; dates in 2026, UTC. */
#include "harness.h"
#include "render.h"
#include "render_md.h"
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

static void named(struct model *m, int32_t a, enum attr at_, const char *v)
{
	m->acc[a].attr[at_] = strtab_intern(&m->attrs[at_], &m->arena, v,
					    strlen(v));
}

/* As of the end of 05-30 (instant 05-31):
 *   January, February, March: 35 accounts each, all reached, TTFV
 *     5 + (i mod 11) days: median of reached 10, KM median 10;
 *   April: 40 accounts signed 04-01: 14 reached on day 2, 8 on day 40,
 *     18 not yet (censored at 60 days).  Its reached accounts' median
 *     is 2 days - it "fell" from 10 - yet its KM median rose to 40;
 *   May (in progress): 5 accounts signed 05-10, 3 reached the next day.
 * R:
 *   b <- rep(5 + (0:34 %% 11), 3)
 *   a <- c(rep(2, 14), rep(40, 8), rep(60, 18))
 *   ae <- c(rep(1, 22), rep(0, 18))
 *   survdiff(Surv(c(b, a), c(rep(1, 105), ae)) ~ c(rep(0, 105), rep(1, 40)))
 *     observed 105 22, expected 76.51656 50.48344,
 *     chisq 37.7368108398552, p 8.09622644407144e-10: April is slower
 *   quantile(survfit(Surv(a, ae) ~ 1), 0.5): 40, lower 40, upper NA
 *   quantile(survfit(Surv(b, rep(1, 105)) ~ 1), 0.5): 10, 9, 11 */
static void build_trend(struct model *m, struct config *c)
{
	char id[16];
	model_init(m);
	config_init(c);
	c->clock.as_of = at(5, 31);
	for (unsigned mo = 1; mo <= 3; mo++)
		for (int i = 0; i < 35; i++) {
			snprintf(id, sizeof id, "M%u-%d", mo, i);
			int64_t st = at(mo, 1 + (unsigned)(i % 28));
			account(m, id, st, st + (5 + i % 11) * TU_DAY);
		}
	for (int i = 0; i < 40; i++) {
		snprintf(id, sizeof id, "APR-%d", i);
		int64_t fv = i < 14 ? at(4, 3) : i < 22 ? at(5, 11) : TTFV_NO_TIME;
		account(m, id, at(4, 1), fv);
	}
	for (int i = 0; i < 5; i++) {
		snprintf(id, sizeof id, "MAY-%d", i);
		account(m, id, at(5, 10), i < 3 ? at(5, 11) : TTFV_NO_TIME);
	}
}

static void test_reached_falls_km_rises(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	build_trend(&m, &c);
	diag_init(&d);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	const struct trend *tr = &s.trend;
	const struct trend_test *t = &tr->test;
	CHECK_INT(tr->npoints, 5);
	CHECK(tr->points[3].complete);
	CHECK(!tr->points[4].complete);	/* May ends after 05-31 00:00 */
	CHECK(s.cohorts[3].complete && !s.cohorts[4].complete);
	/* the reached-only median fell ... */
	CHECK_NEAR(tr->points[0].p50, 10, 1e-9);
	CHECK_NEAR(tr->points[3].p50, 2, 1e-9);
	/* ... the KM median rose */
	CHECK_NEAR(tr->points[3].km_p50, 40, 1e-9);
	CHECK_STR(tr->points[t->cohort].cohort, "2026-04");
	CHECK_INT(t->nbaseline, 3);
	CHECK_STR(tr->points[t->baseline[0]].cohort, "2026-01");
	CHECK_STR(tr->points[t->baseline[2]].cohort, "2026-03");
	CHECK_INT(t->accounts, 40);
	CHECK_INT(t->baseline_accounts, 105);
	CHECK_NEAR(t->km_p50, 40, 1e-9);
	CHECK_NEAR(t->km_p50_lower, 40, 1e-9);
	CHECK(isnan(t->km_p50_upper));
	CHECK_NEAR(t->baseline_km_p50, 10, 1e-9);
	CHECK_NEAR(t->baseline_km_p50_lower, 9, 1e-9);
	CHECK_NEAR(t->baseline_km_p50_upper, 11, 1e-9);
	CHECK_NEAR(t->chisq, 37.7368108398552, 1e-9);
	CHECK_NEAR(t->p_value, 8.09622644407144e-10, 1e-18);
	CHECK_STR(t->direction, "slower");
	/* one tier (no tier column): its trend is the same test */
	CHECK_INT(s.ntiers, 1);
	CHECK_STR(s.tiers[0].trend.test.direction, "slower");
	CHECK_NEAR(s.tiers[0].trend.test.chisq, 37.7368108398552, 1e-9);

	/* the report says slower, never faster */
	struct buf b = BUF_INIT;
	CHECK_INT(md_value(&s, "ttfv_trend", &b), 0);
	CHECK(strstr(buf_cstr(&b), "onboarding got slower") != NULL);
	CHECK(strstr(buf_cstr(&b), "faster") == NULL);
	CHECK(strstr(buf_cstr(&b), "40 days (95% CI 40.0–n/a)") != NULL);
	CHECK(strstr(buf_cstr(&b), "2026-05 cohort is still in progress") !=
	      NULL);
	buf_reset(&b);
	render_json(&s, &b);
	CHECK(strstr(buf_cstr(&b), "\"direction\": \"slower\"") != NULL);
	CHECK(strstr(buf_cstr(&b), "\"rising\"") == NULL);
	CHECK(strstr(buf_cstr(&b), "  \"trend\": {\n    \"cohort\": \"2026-04\",\n"
				   "    \"baseline\": [\n      \"2026-01\",\n"
				   "      \"2026-02\",\n      \"2026-03\"\n    ],\n")
	      != NULL);
	buf_release(&b);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* 95 accounts with an outcome, as of 06-01:
 *   40 reached on day 10, 30 renewed    -> band 0-30
 *   20 reached on day 45, 10 renewed    -> band 31-60 (under 30)
 *   35 never reached, 7 renewed         -> not reached
 * The gap is 0-30 against "not reached", the slowest band with 30:
 *   prop.test(30, 40, correct = FALSE)$conf.int .598060385792320
 *     .858128813609037; prop.test(10, 20, ...) .299298008198212
 *     .700701991801788; prop.test(7, 35, ...) .100424464737986
 *     .358916130656656;
 *   prop.test(c(30, 7), c(40, 35), correct = FALSE)$p.value
 *     2.00454381276721e-06, difference .75 - .2 = .55 */
static void test_bands_and_gap(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	char id[16];
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	c.clock.as_of = at(6, 1);
	for (int i = 0; i < 95; i++) {
		snprintf(id, sizeof id, "B%d", i);
		int64_t st = at(1, 5);
		int64_t fv = i < 40 ? st + 10 * TU_DAY
			     : i < 60 ? st + 45 * TU_DAY : TTFV_NO_TIME;
		int32_t a = account(&m, id, st, fv);
		bool renewed = i < 30 || (i >= 40 && i < 50) ||
			       (i >= 60 && i < 67);
		m.acc[a].outcome = renewed ? OUTCOME_RENEWED : OUTCOME_CHURNED;
	}
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_INT(s.nbands, 4);
	CHECK_STR(s.bands[0].band, "0-30");
	CHECK_STR(s.bands[1].band, "31-60");
	CHECK_STR(s.bands[2].band, ">60");
	CHECK_STR(s.bands[3].band, "not reached");
	CHECK_INT(s.bands[0].accounts, 40);
	CHECK_INT(s.bands[1].accounts, 20);
	CHECK_INT(s.bands[2].accounts, 0);
	CHECK_INT(s.bands[3].accounts, 35);
	CHECK_INT(s.bands[3].renewed, 7);
	CHECK_NEAR(s.bands[0].renewal_rate_lower, .598060385792320, 1e-12);
	CHECK_NEAR(s.bands[0].renewal_rate_upper, .858128813609037, 1e-12);
	CHECK_NEAR(s.bands[1].renewal_rate_lower, .299298008198212, 1e-12);
	CHECK_NEAR(s.bands[1].renewal_rate_upper, .700701991801788, 1e-12);
	CHECK_NEAR(s.bands[3].renewal_rate_lower, .100424464737986, 1e-12);
	CHECK_NEAR(s.bands[3].renewal_rate_upper, .358916130656656, 1e-12);
	CHECK(isnan(s.bands[2].renewal_rate_lower));
	CHECK(s.gap.from == &s.bands[0]);
	CHECK(s.gap.to == &s.bands[3]);
	CHECK_NEAR(s.gap.difference, 0.55, 1e-12);
	CHECK_NEAR(s.gap.p_value, 2.00454381276721e-06, 1e-15);
	struct buf b = BUF_INIT;
	md_value(&s, "retention_gap", &b);
	CHECK_STR(buf_cstr(&b),
		  "Accounts that reached first value in 0-30 days renewed at "
		  "75.0% (95% CI 59.8–85.8%), against 20.0% (95% CI "
		  "10.0–35.9%) for those that never reached first value: a gap "
		  "of 55 percentage points (p < 0.001).");
	buf_release(&b);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* Plans A and B, every account with its own SLA of 10 days, as of 06-01:
 *   A1 reached on day 5 (met), ARR 100; A2 no value after 20 days
 *   (closed, not met, still onboarding), ARR 50;
 *   B1 churned without value after 20 days (closed), ARR 70, in neither
 *   ARR sum; B2 reached on day 20 (closed, late), no ARR.
 * Attainment A 1/2: prop.test(1, 2, correct = FALSE)$conf.int
 *   .0945312057342307 .9054687942657692; B 0/2: 0 .657619772493347. */
static void test_segments(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	c.clock.as_of = at(6, 1);
	int32_t a1 = account(&m, "A1", at(5, 1), at(5, 6));
	int32_t a2 = account(&m, "A2", at(5, 12), TTFV_NO_TIME);
	int32_t b1 = account(&m, "B1", at(5, 12), TTFV_NO_TIME);
	int32_t b2 = account(&m, "B2", at(5, 1), at(5, 21));
	named(&m, a1, ATTR_PLAN, "A");
	named(&m, a2, ATTR_PLAN, "A");
	named(&m, b1, ATTR_PLAN, "B");
	named(&m, b2, ATTR_PLAN, "B");
	named(&m, a1, ATTR_INTERVENTION_PATH, "hybrid");
	m.acc[a1].arr = 100;
	m.acc[a2].arr = 50;
	m.acc[b1].arr = 70;
	m.acc[b1].outcome = OUTCOME_CHURNED;
	for (int32_t a = 0; a < 4; a++)
		m.acc[a].sla_days = 10;
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK(s.arr_known);
	/* plan is a default segment, intervention_path is not */
	CHECK_INT(s.nsegments, 1);
	const struct breakdown *bd = s.segments[0];
	CHECK_STR(bd->column, "plan");
	CHECK_INT(bd->n, 2);
	CHECK_STR(bd->groups[0].name, "A");
	CHECK_INT(bd->facts[0].sla_met, 1);
	CHECK_INT(bd->facts[0].sla_closed, 2);
	CHECK_NEAR(bd->facts[0].attainment_lower, .0945312057342307, 1e-12);
	CHECK_NEAR(bd->facts[0].attainment_upper, .9054687942657692, 1e-12);
	CHECK_NEAR(bd->facts[0].arr_reached, 100, 0);
	CHECK_NEAR(bd->facts[0].arr_onboarding, 50, 0);
	CHECK_INT(bd->facts[1].sla_met, 0);
	CHECK_INT(bd->facts[1].sla_closed, 2);
	CHECK_NEAR(bd->facts[1].attainment_upper, .657619772493347, 1e-12);
	CHECK_NEAR(bd->facts[1].arr_reached, 0, 0);
	CHECK_NEAR(bd->facts[1].arr_onboarding, 0, 0);
	stats_release(&s);

	/* configured: in its order, and a column the data lacks named */
	c.breakdowns_set = true;
	c.breakdowns[0] = "region";
	c.breakdowns[1] = "intervention_path";
	c.nbreakdowns = 2;
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_INT(s.nsegments, 1);
	CHECK_STR(s.segments[0]->column, "intervention_path");
	CHECK_INT(s.nsegments_absent, 1);
	CHECK_STR(s.segments_absent[0], "region");
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* Post-mortem coverage, as of 03-01 (instant), each account with its own
 * SLA of 10 days from 01-05 (Mon): breached at 01-15 (Thu), due five
 * business days later, the end of 01-21 (Wed 01-22 00:00).
 *   P1 post-mortem 01-19: on time; P2 02-02: late, business days
 *   01-15..02-02 = Jan 15-16, 19-23, 26-30 = 12; P3 one opened 03-05,
 *   after the as-of date: none yet, missing; P4 none: missing;
 *   P5 reached on day 3: no breach.  Coverage 2 of 4. */
static void test_coverage(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	static const char *const id[] = {"P1", "P2", "P3", "P4", "P5"};
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	c.clock.as_of = at(3, 1);
	for (int i = 0; i < 5; i++) {
		int32_t a = account(&m, id[i], at(1, 5),
				    i == 4 ? at(1, 8) : TTFV_NO_TIME);
		m.acc[a].sla_days = 10;
		int64_t when = i == 0 ? at(1, 19) : i == 1 ? at(2, 2)
			       : i == 2 ? at(3, 5) : TTFV_NO_TIME;
		if (when != TTFV_NO_TIME) {
			struct postmortem *p = model_add_postmortem(&m, a);
			p->category = PM_PRODUCT;
			p->opened_at = when;
		}
	}
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_INT(s.pm_breaches, 4);
	CHECK_INT(s.pm_with, 2);
	CHECK_NEAR(s.pm_coverage, 0.5, 1e-12);
	CHECK_INT(s.npm_late, 1);
	CHECK_STR(s.pm_late[0].account_id, "P2");
	CHECK_INT(s.pm_late[0].breached_at, at(1, 15));
	CHECK_NEAR(s.pm_late[0].days_to_postmortem, 12, 1e-9);
	CHECK_INT(s.npm_missing, 2);
	CHECK_STR(s.pm_missing[0].account_id, "P3");
	CHECK_STR(s.pm_missing[1].account_id, "P4");
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

static int parse(struct config *c, const char *text, struct diag *d)
{
	config_init(c);
	diag_init(d);
	return config_parse(c, "t.ini", text, strlen(text), d);
}

static void test_config_keys(void)
{
	struct config c;
	struct diag d;
	CHECK_INT(parse(&c, "[report]\nrenewal_bands = 14, 30, 90\n"
			    "breakdowns = channel, Plan\n", &d), 0);
	CHECK_INT(c.nrenewal_bands, 3);
	CHECK_INT(c.renewal_bands[2], 90);
	CHECK_INT(c.nbreakdowns, 2);
	CHECK_STR(c.breakdowns[0], "channel");
	CHECK_STR(c.breakdowns[1], "plan");
	diag_release(&d);
	config_release(&c);

	CHECK_INT(parse(&c, "[report]\nrenewal_bands = 30, 14\n", &d), -1);
	CHECK(strstr(buf_cstr(&d.text), "t.ini:2: renewal_bands: 14 is not "
					"above the band before it (30)") != NULL);
	CHECK_INT(c.nrenewal_bands, 2);	/* the default stays */
	CHECK_INT(c.renewal_bands[0], 30);
	diag_release(&d);
	config_release(&c);

	CHECK_INT(parse(&c, "[report]\nrenewal_bands = 7.5\n", &d), -1);
	CHECK(strstr(buf_cstr(&d.text), "'7.5' is not a whole number of days")
	      != NULL);
	diag_release(&d);
	config_release(&c);

	CHECK_INT(parse(&c, "[report]\nbreakdowns = plan, colour, plan\n", &d),
		  -1);
	CHECK(strstr(buf_cstr(&d.text), "t.ini:2: breakdowns: 'colour' is not "
					"plan, company_size") != NULL);
	CHECK(strstr(buf_cstr(&d.text), "'plan' is listed twice") != NULL);
	diag_release(&d);
	config_release(&c);

	/* custom bands name themselves from their bounds */
	struct model m;
	struct stats s;
	model_init(&m);
	CHECK_INT(parse(&c, "[report]\nrenewal_bands = 14, 30\n", &d), 0);
	c.clock.as_of = at(6, 1);
	int32_t a = account(&m, "X", at(5, 1), at(5, 21));
	m.acc[a].outcome = OUTCOME_RENEWED;
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_INT(s.nbands, 4);
	CHECK_STR(s.bands[0].band, "0-14");
	CHECK_STR(s.bands[1].band, "15-30");
	CHECK_STR(s.bands[2].band, ">30");
	CHECK_INT(s.bands[1].accounts, 1);	/* 20 days */
	CHECK(s.gap.from == NULL);		/* no band has 30 */
	stats_release(&s);
	model_release(&m);
	diag_release(&d);
	config_release(&c);
}

/* [report] cohort = channel (issue 24): the cohort curves and table by
 * channel, the trend still by month.  As of the end of 05-31:
 *   inbound: signed 03-01, first value after 2, 4, 4, 6 days; one signed
 *     05-22 still onboarding (censored at 10 days);
 *   sales: signed 03-01, first value after 3, 8, 12 days; two signed
 *     05-12 still onboarding (censored at 20);
 *   one account with no channel (first value after 1 day) in neither.
 * KM by hand: inbound S = 4/5, then x 2/4 at day 4 (0.4): median 4;
 * sales 4/5, x 3/4 at day 8 (0.6), x 2/3 at day 12 (0.4): median 12.
 * R:
 *   t <- c(2,4,4,6,10, 3,8,12,20,20); e <- c(1,1,1,1,0, 1,1,1,0,0)
 *   g <- c(rep("inbound", 5), rep("sales", 5))
 *   f <- survfit(Surv(t, e) ~ g); quantile(f, 0.5)
 *     inbound 4 (lower 4, upper NA), sales 12 (lower 8, upper NA)
 *   summary(f, times = c(2, 4, 10, 12, 20), extend = TRUE): 1 - surv
 *     inbound 0.2 0.6 0.8 0.8 0.8, sales 0 0.2 0.4 0.6 0.6 */
static void test_cohort_by_attribute(void)
{
	static const struct {
		const char *id, *channel;
		unsigned m, d;
		int days;	/* to first value, -1 none */
	} acc[] = {
		{"I1", "inbound", 3, 1, 2},  {"I2", "inbound", 3, 1, 4},
		{"I3", "inbound", 3, 1, 4},  {"I4", "inbound", 3, 1, 6},
		{"I5", "inbound", 5, 22, -1}, {"S1", "sales", 3, 1, 3},
		{"S2", "sales", 3, 1, 8},    {"S3", "sales", 3, 1, 12},
		{"S4", "sales", 5, 12, -1},  {"S5", "sales", 5, 12, -1},
		{"N1", NULL, 3, 1, 1},
	};
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	model_init(&m);
	CHECK_INT(parse(&c, "[report]\ncohort = Channel\n", &d), 0);
	CHECK_STR(c.cohort_column, "channel");
	CHECK_INT(c.cohort, COHORT_MONTH);
	c.clock.as_of = at(6, 1);
	for (size_t i = 0; i < sizeof acc / sizeof *acc; i++) {
		int64_t st = at(acc[i].m, acc[i].d);
		int32_t a = account(&m, acc[i].id, st,
				    acc[i].days < 0 ? TTFV_NO_TIME
						    : st + acc[i].days * TU_DAY);
		if (acc[i].channel)
			named(&m, a, ATTR_CHANNEL, acc[i].channel);
	}
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_STR(s.cohort_column, "channel");
	CHECK_INT(s.ncurves, 2);
	if (s.ncurves == 2) {
		const struct cohort_stats *in = &s.curves[0], *sa = &s.curves[1];
		CHECK_STR(in->g.name, "inbound");
		CHECK_STR(sa->g.name, "sales");
		CHECK_INT(in->g.accounts, 5);
		CHECK_INT(in->g.reached, 4);
		CHECK_INT(sa->g.accounts, 5);
		CHECK_INT(sa->g.reached, 3);
		CHECK_NEAR(in->g.km[1], 4, 1e-9);
		CHECK_NEAR(in->g.km_p50_lower, 4, 1e-9);
		CHECK(isnan(in->g.km_p50_upper));
		CHECK_NEAR(sa->g.km[1], 12, 1e-9);
		CHECK_NEAR(sa->g.km_p50_lower, 8, 1e-9);
		CHECK(isnan(sa->g.km_p50_upper));
		/* curves to the longest follow-up: 10 and 20 days */
		CHECK_INT(in->ncurve, 11);
		CHECK_INT(sa->ncurve, 21);
		static const int day[] = {2, 4, 10};
		static const double in_r[] = {0.2, 0.6, 0.8};
		static const double sa_r[] = {0.0, 0.2, 0.4};
		for (int k = 0; k < 3; k++) {
			CHECK_NEAR(in->curve[day[k]], in_r[k], 1e-12);
			CHECK_NEAR(sa->curve[day[k]], sa_r[k], 1e-12);
		}
		CHECK_NEAR(sa->curve[12], 0.6, 1e-12);
		CHECK_NEAR(sa->curve[20], 0.6, 1e-12);
		CHECK(in->complete && in->start == TTFV_NO_TIME);
	}
	/* the trend's cohorts stay the months: March (4 inbound, 3 sales
	 * and N1) and May */
	CHECK_INT(s.ncohorts, 2);
	CHECK_STR(s.cohorts[0].g.name, "2026-03");
	CHECK_INT(s.cohorts[0].g.accounts, 8);
	CHECK_INT(s.dq.nwarnings, 0);
	struct buf out = BUF_INIT;
	render_json(&s, &out);
	CHECK_CONTAINS(buf_cstr(&out), "\"cohort_column\": \"channel\"");
	CHECK_CONTAINS(buf_cstr(&out), "\"cohort\": \"sales\"");
	CHECK_CONTAINS(buf_cstr(&out), "\"cohort_unit\": \"month\"");
	buf_release(&out);
	stats_release(&s);
	model_release(&m);
	diag_release(&d);
	config_release(&c);

	/* by a column the accounts leave blank: no curves, a warning */
	model_init(&m);
	CHECK_INT(parse(&c, "[report]\ncohort = plan\n", &d), 0);
	c.clock.as_of = at(6, 1);
	account(&m, "P1", at(3, 1), at(3, 5));
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_INT(s.ncurves, 0);
	CHECK_INT(s.ncohorts, 1);
	CHECK_CONTAINS(s.dq.warnings, "cohort: the accounts have no plan "
				      "values");
	stats_release(&s);
	model_release(&m);
	diag_release(&d);
	config_release(&c);

	/* a word that is neither */
	CHECK_INT(parse(&c, "[report]\ncohort = fortnight\n", &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text),
		       "t.ini:2: cohort: 'fortnight' is not week, month, "
		       "quarter or an attribute column (tier, plan, ");
	diag_release(&d);
	config_release(&c);
}

int main(void)
{
	test_cohort_by_attribute();
	test_reached_falls_km_rises();
	test_bands_and_gap();
	test_segments();
	test_coverage();
	test_config_keys();
	return test_done("test_stats_trend");
}

/* test_stats_drivers.c - value drivers and experiments (SPEC 8.4) end to
 * end through stats_compute, on accounts built by hand: the window rule,
 * an event every account did, the 30-day activation rule, the arms and
 * their control, an empty arm, an arm where nobody activated, a single
 * variant; each figure against R (survival 3.x; the call beside it) or a
 * count by hand, and the JSON without NaN. */
#include "charts.h"
#include "harness.h"
#include "render.h"
#include "render_md.h"
#include "stats.h"
#include "timeutil.h"

#include <stdlib.h>

static const int64_t DAY = TU_DAY;

static int64_t at(unsigned m, unsigned d)
{
	return tu_days_from_civil(2026, m, d) * TU_DAY;
}

/* As of 2026-05-31: the instant is the start of 06-01. */
#define AS_OF at(6, 1)

static int32_t account(struct model *m, const char *id, int64_t signed_at,
		       int64_t first_value, int outcome)
{
	int32_t a = model_add_account(m, id, strlen(id), NULL);
	m->acc[a].ms[MS_SIGNED] = signed_at;
	m->acc[a].ms[MS_FIRST_VALUE] = first_value;
	m->acc[a].outcome = (uint8_t)outcome;
	return a;
}

static void variant(struct model *m, int32_t a, const char *v)
{
	m->acc[a].attr[ATTR_VARIANT] =
		strtab_intern(&m->attrs[ATTR_VARIANT], &m->arena, v, strlen(v));
}

/* Events wait until every account is in (the model sizes each event's
 * column by the accounts it has), then go in with events_flush. */
struct pending_event {
	int32_t a;
	const char *name;
	int64_t t;
};
static struct pending_event pending[256];
static size_t npending;

static void event(struct model *m, int32_t a, const char *name, int64_t t)
{
	(void)m;
	pending[npending++] = (struct pending_event){a, name, t};
}

static void events_flush(struct model *m)
{
	for (size_t i = 0; i < npending; i++)
		model_add_event(m, pending[i].a,
				model_event_id(m, pending[i].name,
					       strlen(pending[i].name), true),
				pending[i].t, 0);
	npending = 0;
}

static const struct driver *driver_of(const struct stats *s, const char *e)
{
	for (size_t i = 0; i < s->ndrivers; i++)
		if (strcmp(s->drivers[i].event, e) == 0)
			return &s->drivers[i];
	return NULL;
}

/* report.json of s holds no NaN or infinity, and contains want. */
static void check_json(const struct stats *s, const char *want)
{
	struct buf j = BUF_INIT;
	render_json(s, &j);
	const char *t = buf_cstr(&j);
	/* printf's spellings of NAN and infinity, as a value */
	CHECK(!strstr(t, ": nan") && !strstr(t, ": -nan") &&
	      !strstr(t, ": inf") && !strstr(t, ": -inf") &&
	      !strstr(t, "NaN") && !strstr(t, "Infinity"));
	CHECK_CONTAINS(t, want);
	buf_release(&j);
}

struct fixture {
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
};

static void fx_begin(struct fixture *f)
{
	model_init(&f->m);
	config_init(&f->c);
	diag_init(&f->d);
	f->c.clock.as_of = AS_OF;
}

static void fx_end(struct fixture *f)
{
	stats_release(&f->s);
	diag_release(&f->d);
	config_release(&f->c);
	model_release(&f->m);
}

/* 40 accounts did x on day 2 and reached first value on days 1..40, 30
 * of them renewed; 35 did not (17 did it on day 20, past the window):
 * first value on days 5, 7, .., 53 for 25 of them, the other 10 still
 * without after 151 days; 14 renewed.  An open account that did x and
 * one whose clock starts after the as-of date count on no side. */
static void test_drivers_against_r(void)
{
	struct fixture f;
	char id[16];
	fx_begin(&f);
	for (int i = 0; i < 40; i++) {
		snprintf(id, sizeof id, "W%d", i);
		int32_t a = account(&f.m, id, at(1, 1), at(1, 1) + (1 + i) * DAY,
				    i < 30 ? OUTCOME_RENEWED : OUTCOME_CHURNED);
		event(&f.m, a, "x", at(1, 1) + 2 * DAY);
	}
	for (int j = 0; j < 35; j++) {
		snprintf(id, sizeof id, "O%d", j);
		int64_t fv = j < 25 ? at(1, 1) + (5 + 2 * j) * DAY
				    : TTFV_NO_TIME;
		int32_t a = account(&f.m, id, at(1, 1), fv,
				    j < 14 ? OUTCOME_RENEWED : OUTCOME_CHURNED);
		if (j % 2 == 0)
			event(&f.m, a, "x", at(1, 1) + 20 * DAY);
	}
	event(&f.m, account(&f.m, "OPEN", at(1, 1), TTFV_NO_TIME, OUTCOME_OPEN),
	      "x", at(1, 2));
	event(&f.m, account(&f.m, "LATE", at(7, 1), TTFV_NO_TIME,
			    OUTCOME_RENEWED),
	      "x", at(7, 2));
	events_flush(&f.m);
	CHECK_INT(stats_compute(&f.s, &f.m, &f.c, NULL, &f.d), 0);
	CHECK_INT(f.s.driver_accounts, 75);
	const struct driver *d = driver_of(&f.s, "x");
	CHECK(d != NULL);
	if (!d)
		goto out;
	CHECK_INT(d->with.accounts, 40);
	CHECK_INT(d->with.renewed, 30);
	CHECK_INT(d->without.accounts, 35);
	CHECK_INT(d->without.renewed, 14);
	CHECK_NEAR(d->with.renewal_rate, 0.75, 1e-12);
	CHECK_NEAR(d->without.renewal_rate, 0.4, 1e-12);
	CHECK_NEAR(d->lift, 0.35, 1e-12);
	/* prop.test(c(30, 14), c(40, 35), correct = FALSE)$p.value */
	CHECK_NEAR(d->p_value, 0.00213465995967305, 1e-12);
	CHECK(d->notable);
	/* prop.test(30, 40, correct = FALSE)$conf.int,
	 * prop.test(14, 35, correct = FALSE)$conf.int */
	CHECK_NEAR(d->with.renewal_rate_lower, 0.598060385792320, 1e-9);
	CHECK_NEAR(d->with.renewal_rate_upper, 0.858128813609037, 1e-9);
	CHECK_NEAR(d->without.renewal_rate_lower, 0.255507288593806, 1e-9);
	CHECK_NEAR(d->without.renewal_rate_upper, 0.564272909871075, 1e-9);
	/* quantile(survfit(Surv(1:40, rep(1, 40)) ~ 1), 0.5): 20.5, 15, 28 */
	CHECK_NEAR(d->with.km_p50, 20.5, 1e-9);
	CHECK_NEAR(d->with.km_p50_lower, 15, 1e-9);
	CHECK_NEAR(d->with.km_p50_upper, 28, 1e-9);
	/* quantile(survfit(Surv(c(5 + 2 * (0:24), rep(151, 10)),
	 *   c(rep(1, 25), rep(0, 10))) ~ 1), 0.5): 39, 29, 53 */
	CHECK_NEAR(d->without.km_p50, 39, 1e-9);
	CHECK_NEAR(d->without.km_p50_lower, 29, 1e-9);
	CHECK_NEAR(d->without.km_p50_upper, 53, 1e-9);
	check_json(&f.s, "\"event\": \"x\"");
	struct buf md = BUF_INIT;
	md_value(&f.s, "drivers.summary", &md);
	CHECK_CONTAINS(buf_cstr(&md), "Over the 75 accounts that have renewed "
				      "or churned, 1 of the 1 event names");
	buf_reset(&md);
	md_table(&f.s, "drivers", &md);
	CHECK_CONTAINS(buf_cstr(&md), "| x | 40 / 35 | 75.0% (59.8–85.8%) | "
				      "40.0% (25.6–56.4%) | +35.0 points | "
				      "p = 0.002 | 20.5 / 39.0 |");
	buf_release(&md);
out:
	fx_end(&f);
}

/* Both sides large enough (40 and 35, at least 30 each) and a lift of
 * 60.0 - 42.9 = +17.1 points, but p between 0.05 and 0.5: not notable,
 * and the summary names no driver.  40 did z on day 1, 24 of them
 * renewed; 35 did not, 15 renewed; every one reached first value on day
 * 3. */
static void test_drivers_not_significant(void)
{
	struct fixture f;
	char id[16];
	fx_begin(&f);
	for (int i = 0; i < 75; i++) {
		snprintf(id, sizeof id, "Z%d", i);
		bool with = i < 40;
		bool renewed = with ? i < 24 : i < 40 + 15;
		int32_t a = account(&f.m, id, at(1, 1), at(1, 1) + 3 * DAY,
				    renewed ? OUTCOME_RENEWED
					    : OUTCOME_CHURNED);
		event(&f.m, a, with ? "z" : "other", at(1, 1) + DAY);
	}
	events_flush(&f.m);
	CHECK_INT(stats_compute(&f.s, &f.m, &f.c, NULL, &f.d), 0);
	const struct driver *d = driver_of(&f.s, "z");
	REQUIRE_LEN(d != NULL, 1);
	CHECK_INT(d->with.accounts, 40);
	CHECK_INT(d->with.renewed, 24);
	CHECK_INT(d->without.accounts, 35);
	CHECK_INT(d->without.renewed, 15);
	/* prop.test(c(24, 15), c(40, 35), correct = FALSE)$p.value */
	CHECK_NEAR(d->p_value, 0.138207666974025, 1e-12);
	CHECK(!d->notable);
	bool truth = true;
	CHECK_INT(md_condition(&f.s, "drivers", &truth), 0);
	CHECK(!truth);
	fx_end(&f);
}

/* Clock start 03-01; window 14 days:
 *   A did y at start + 14 days exactly   -> with (at most 14 days)
 *   B at start + 14 days + 1 s            -> without
 *   C on 02-20, before its clock started -> with
 *   D at the as-of instant itself          -> without (not before it)
 *   E never                                -> without
 * and every one of them did "all" on day 1.  A, B, E renewed; C, D
 * churned.  With 1 of 2, without 2 of 3; with driver_days = 20 B moves
 * over: 2 of 3 against 1 of 2. */
static void test_window(void)
{
	for (int k = 0; k < 2; k++) {
		struct fixture f;
		fx_begin(&f);
		if (k)
			f.c.driver_days = 20;
		int64_t st = at(3, 1);
		const struct {
			const char *id;
			int64_t t;
			int oc;
		} acc[] = {{"A", st + 14 * DAY, OUTCOME_RENEWED},
			   {"B", st + 14 * DAY + 1, OUTCOME_RENEWED},
			   {"C", at(2, 20), OUTCOME_CHURNED},
			   {"D", AS_OF, OUTCOME_CHURNED},
			   {"E", TTFV_NO_TIME, OUTCOME_RENEWED}};
		for (size_t i = 0; i < 5; i++) {
			int32_t a = account(&f.m, acc[i].id, st, st + DAY,
					    acc[i].oc);
			event(&f.m, a, "all", st + DAY);
			if (acc[i].t != TTFV_NO_TIME)
				event(&f.m, a, "y", acc[i].t);
		}
		events_flush(&f.m);
		CHECK_INT(stats_compute(&f.s, &f.m, &f.c, NULL, &f.d), 0);
		const struct driver *y = driver_of(&f.s, "y");
		const struct driver *all = driver_of(&f.s, "all");
		CHECK(y && all);
		if (!y || !all) {
			fx_end(&f);
			continue;
		}
		CHECK_INT(f.s.driver_days, k ? 20 : 14);
		CHECK_INT(y->with.accounts, k ? 3 : 2);
		CHECK_INT(y->with.renewed, k ? 2 : 1);
		CHECK_INT(y->without.accounts, k ? 2 : 3);
		CHECK_INT(y->without.renewed, k ? 1 : 2);
		/* suppressWarnings(prop.test(c(1, 2), c(2, 3), correct =
		 * FALSE))$p.value = 0.709388115014226, the same for c(2, 1),
		 * c(3, 2) */
		CHECK_NEAR(y->p_value, 0.709388115014226, 1e-12);
		CHECK(!y->notable);
		/* everybody did it: nothing on the other side to compare */
		CHECK_INT(all->with.accounts, 5);
		CHECK_INT(all->without.accounts, 0);
		CHECK(isnan(all->without.renewal_rate));
		CHECK(isnan(all->without.km_p50));
		CHECK(isnan(all->lift) && isnan(all->p_value));
		CHECK(!all->notable);
		/* a lift that cannot be computed sorts last */
		CHECK(f.s.ndrivers == 2 && f.s.drivers[1].event == all->event);
		check_json(&f.s, "\"without\": {\n        \"accounts\": 0,\n"
				 "        \"renewed\": 0,\n"
				 "        \"renewal_rate\": null,");
		struct buf md = BUF_INIT;
		md_value(&f.s, "drivers.summary", &md);
		CHECK_CONTAINS(buf_cstr(&md), "none of the 2 event names, done "
					      "within");
		bool truth = true;
		CHECK_INT(md_condition(&f.s, "drivers", &truth), 0);
		CHECK(!truth);
		buf_release(&md);
		fx_end(&f);
	}
}

/* Arms (days from clock start; R's vectors beside):
 *   control: reached on days 10, 30, 40, 5, 12; without first value
 *            after 35, 20 and 30 days
 *            ct <- c(10, 30, 40, 35, 20, 30, 5, 12)
 *            ce <- c(1, 1, 1, 0, 0, 0, 1, 1)
 *            activation: 10, 30, 5, 12 in time; 40, 35, 30 followed 30
 *            days without; 20 not followed long enough: 4 of 7
 *   nudge:   nt <- c(3, 6, 8, 15, 25, 10, 45, 31)
 *            ne <- c(1, 1, 1, 1, 1, 0, 1, 0): 5 of 7 (10 not eligible)
 *   slow:    st <- c(50, 40, 60), se <- c(1, 0, 0): 0 of 3
 *   zzz:     one account whose clock starts after the as-of date */
static void arms_build(struct model *m)
{
	static const struct {
		const char *arm;
		int days;
		bool reached;
	} rows[] = {
		{"control", 10, 1}, {"control", 30, 1}, {"control", 40, 1},
		{"control", 35, 0}, {"control", 20, 0}, {"control", 30, 0},
		{"control", 5, 1},  {"control", 12, 1}, {"nudge", 3, 1},
		{"nudge", 6, 1},    {"nudge", 8, 1},    {"nudge", 15, 1},
		{"nudge", 25, 1},   {"nudge", 10, 0},   {"nudge", 45, 1},
		{"nudge", 31, 0},   {"slow", 50, 1},    {"slow", 40, 0},
		{"slow", 60, 0}};
	char id[16];
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		/* the reached ones started 100 days before the as-of date */
		int64_t st = AS_OF - (rows[i].reached ? 100 : rows[i].days) * DAY;
		snprintf(id, sizeof id, "E%zu", i);
		int32_t a = account(m, id, st,
				    rows[i].reached ? st + rows[i].days * DAY
						    : TTFV_NO_TIME,
				    OUTCOME_OPEN);
		variant(m, a, rows[i].arm);
	}
	variant(m, account(m, "Z", AS_OF + DAY, TTFV_NO_TIME, OUTCOME_OPEN),
		"zzz");
}

static const struct experiment *exp_of(const struct stats *s,
				       const char *arm)
{
	for (size_t i = 0; i < s->nexperiments; i++)
		if (strcmp(s->arms[s->experiments[i].variant].name, arm) == 0)
			return &s->experiments[i];
	return NULL;
}

static void test_experiments_against_r(void)
{
	struct fixture f;
	fx_begin(&f);
	arms_build(&f.m);
	CHECK_INT(stats_compute(&f.s, &f.m, &f.c, NULL, &f.d), 0);
	CHECK_INT(f.s.narms, 4);
	CHECK_INT(f.s.nexperiments, 3);
	/* the first name in sort order is the control */
	CHECK_STR(f.s.arms[f.s.control_arm].name, "control");
	const struct exp_arm *c = &f.s.arms[f.s.control_arm];
	CHECK_INT(c->accounts, 8);
	CHECK_INT(c->eligible, 7);
	CHECK_INT(c->activated, 4);
	CHECK_NEAR(c->rate, 4.0 / 7, 1e-12);
	/* prop.test(4, 7, correct = FALSE)$conf.int */
	CHECK_NEAR(c->rate_lower, 0.250458364527657, 1e-9);
	CHECK_NEAR(c->rate_upper, 0.841780144748530, 1e-9);
	/* quantile(survfit(Surv(ct, ce) ~ 1), 0.5): 30, 12, NA */
	CHECK_NEAR(c->km_p50, 30, 1e-9);
	CHECK_NEAR(c->km_p50_lower, 12, 1e-9);
	CHECK(isnan(c->km_p50_upper));

	const struct experiment *e = exp_of(&f.s, "nudge");
	CHECK(e != NULL);
	if (e) {
		const struct exp_arm *v = &f.s.arms[e->variant];
		CHECK_INT(e->accounts, 16);
		CHECK_INT(v->eligible, 7);
		CHECK_INT(v->activated, 5);
		/* integrate(function(x) dbeta(x, 1 + 5, 1 + 2) *
		 *   pbeta(x, 1 + 4, 1 + 3), 0, 1)$value = 0.695804195804196
		 * (= 398 / 572, the closed form's rational) */
		CHECK_NEAR(e->p_variant_better, 0.695804195804196, 1e-12);
		CHECK_STR(e->decision, "keep running");
		/* survdiff(Surv(c(ct, nt), c(ce, ne)) ~ rep(0:1, each = 8)) */
		CHECK_NEAR(e->logrank_chisq, 0.123198414002327, 1e-9);
		CHECK_NEAR(e->logrank_p, 0.725591112035032, 1e-9);
		/* quantile(survfit(Surv(nt, ne) ~ 1), 0.5): 15, 8, NA */
		CHECK_NEAR(v->km_p50, 15, 1e-9);
		CHECK_NEAR(v->km_p50_lower, 8, 1e-9);
		CHECK(isnan(v->km_p50_upper));
	}
	/* nobody activated: a probability, not a division by zero */
	e = exp_of(&f.s, "slow");
	CHECK(e != NULL);
	if (e) {
		const struct exp_arm *v = &f.s.arms[e->variant];
		CHECK_INT(v->eligible, 3);
		CHECK_INT(v->activated, 0);
		CHECK_NEAR(v->rate, 0, 0);
		/* prop.test(0, 3, correct = FALSE)$conf.int: 0, 0.5614970 */
		CHECK_NEAR(v->rate_lower, 0, 1e-12);
		CHECK_NEAR(v->rate_upper, 0.561497031755045, 1e-9);
		/* integrate(function(x) dbeta(x, 1, 4) * pbeta(x, 5, 4), 0,
		 *   1)$value = 0.0707070707070707 */
		CHECK_NEAR(e->p_variant_better, 0.0707070707070707, 1e-12);
		CHECK_STR(e->decision, "keep running");
		/* survdiff(Surv(c(ct, st), c(ce, se)) ~ c(rep(0, 8),
		 *   rep(1, 3))) */
		CHECK_NEAR(e->logrank_chisq, 4.0882638303390175, 1e-9);
		CHECK_NEAR(e->logrank_p, 0.0431819767385474, 1e-9);
		/* quantile(survfit(Surv(st, se) ~ 1), 0.5): 55, 50, NA (the
		 * curve sits at 0.5 from day 50 to the last follow-up, 60) */
		CHECK_NEAR(v->km_p50, 55, 1e-9);
		CHECK_NEAR(v->km_p50_lower, 50, 1e-9);
	}
	/* an arm with no account measured: no rate, no test, keep running */
	e = exp_of(&f.s, "zzz");
	CHECK(e != NULL);
	if (e) {
		const struct exp_arm *v = &f.s.arms[e->variant];
		CHECK_INT(v->accounts, 0);
		CHECK_INT(v->eligible, 0);
		CHECK(isnan(v->rate) && isnan(v->km_p50));
		CHECK(isnan(e->p_variant_better) && isnan(e->logrank_p));
		CHECK_STR(e->decision, "keep running");
		CHECK_INT(e->accounts, 8);
	}
	check_json(&f.s, "\"variant\": \"zzz\",\n      \"accounts\": 8,");
	check_json(&f.s, "\"variant_rate\": null,");
	struct buf md = BUF_INIT;
	md_table(&f.s, "experiments", &md);
	CHECK_CONTAINS(buf_cstr(&md),
		       "| control | 8 | 4 of 7 (n = 7) | 57.1% (25.0–84.2%) | "
		       "30.0 (12.0–n/a) | — | — | — |");
	CHECK_CONTAINS(buf_cstr(&md), "| slow | 3 | 0 of 3 (n = 3) | 0.0% "
				      "(0.0–56.1%) | 55.0 (50.0–n/a) | 7.1% | "
				      "p = 0.043 | keep running |");
	CHECK_CONTAINS(buf_cstr(&md), "| zzz | 0 | 0 of 0 (n = 0) | n/a | n/a | "
				      "n/a | p = n/a | keep running |");
	buf_release(&md);
	fx_end(&f);
}

/* [experiment] control names the arm to compare against; a name no
 * account has is an error naming the config line. */
static void test_control(void)
{
	struct fixture f;
	fx_begin(&f);
	arms_build(&f.m);
	f.c.experiment_control = xstrdup("nudge");
	CHECK_INT(stats_compute(&f.s, &f.m, &f.c, NULL, &f.d), 0);
	CHECK_STR(f.s.arms[f.s.control_arm].name, "nudge");
	const struct experiment *e = exp_of(&f.s, "control");
	/* the other way round: 1 - 0.695804195804196 */
	CHECK(e && fabs(e->p_variant_better - 0.304195804195804) < 1e-12);
	fx_end(&f);

	fx_begin(&f);
	arms_build(&f.m);
	f.c.path = xstrdup("ttfv.ini");
	f.c.experiment_control = xstrdup("Control");
	f.c.experiment_control_line = 7;
	CHECK_INT(stats_compute(&f.s, &f.m, &f.c, NULL, &f.d), -1);
	CHECK_STR(buf_cstr(&f.d.text),
		  "ttfv.ini:7: control: no account has variant 'Control' (the "
		  "variant column holds 'control', 'nudge', 'slow', 'zzz')\n");
	fx_end(&f);
}

/* One variant value: an arm and nothing to compare it with; no variant
 * column: no arms, and the report draws no experiment chart. */
static void test_single_and_none(void)
{
	struct fixture f;
	fx_begin(&f);
	variant(&f.m, account(&f.m, "S1", at(5, 1), at(5, 3), OUTCOME_OPEN),
		"control");
	account(&f.m, "S2", at(5, 1), at(5, 4), OUTCOME_OPEN);
	CHECK_INT(stats_compute(&f.s, &f.m, &f.c, NULL, &f.d), 0);
	CHECK_INT(f.s.narms, 1);
	CHECK_INT(f.s.nexperiments, 0);
	CHECK_INT(f.s.arms[0].accounts, 1);
	check_json(&f.s, "\"experiments\": []");
	struct buf md = BUF_INIT;
	md_value(&f.s, "experiments.summary", &md);
	CHECK_STR(buf_cstr(&md), "Every account with a variant has the same "
				 "one, **control**: there is no other arm to "
				 "compare it with.");
	bool truth = false;
	CHECK_INT(md_condition(&f.s, "variant", &truth), 0);
	CHECK(truth);
	CHECK_INT(md_condition(&f.s, "experiments", &truth), 0);
	CHECK(!truth);
	CHECK(chart_shown(CHART_EXPERIMENT, &f.s));
	buf_release(&md);
	fx_end(&f);

	fx_begin(&f);
	account(&f.m, "N1", at(5, 1), at(5, 3), OUTCOME_OPEN);
	CHECK_INT(stats_compute(&f.s, &f.m, &f.c, NULL, &f.d), 0);
	CHECK_INT(f.s.narms, 0);
	CHECK(!chart_shown(CHART_EXPERIMENT, &f.s));
	CHECK(chart_shown(CHART_FUNNEL, &f.s));
	md = (struct buf)BUF_INIT;
	CHECK_INT(md_chart(&f.s, "experiment", false, &md), 0);
	CHECK_STR(buf_cstr(&md), "*Experiment arms: no data, the accounts "
				 "export has no variant column.*");
	buf_reset(&md);
	md_value(&f.s, "drivers.summary", &md);
	CHECK_STR(buf_cstr(&md), "The data has no product events to compare "
				 "with renewal.");
	check_json(&f.s, "\"drivers\": [],\n  \"experiments\": []");
	buf_release(&md);
	fx_end(&f);
}

/* 21 values: more arms than an experiment has, so none is read, and the
 * report says why. */
/* The decision's thresholds hold exactly at 0.95 and 0.05, which the
 * Beta sum only reaches up to rounding */
static void test_decision_thresholds(void)
{
	/* 0 of 2 against 2 of 2: 1 - integrate(function(x) dbeta(x, 1, 3) *
	 *   pbeta(x, 3, 1), 0, 1)$value = 1 - 3 * beta(4, 3) = 19/20 */
	double p = stats_beta_p_better(0, 2, 2, 0);
	CHECK_NEAR(p, 0.95, 1e-12);
	CHECK_STR(stats_experiment_decision(p), "variant better");
	/* the mirror: 2 of 2 against 0 of 2 is 1/20 */
	p = stats_beta_p_better(2, 0, 0, 2);
	CHECK_NEAR(p, 0.05, 1e-12);
	CHECK_STR(stats_experiment_decision(p), "control better");
	/* 0.949 is not 0.95, nor 0.051 0.05 */
	CHECK_STR(stats_experiment_decision(0.949), "keep running");
	CHECK_STR(stats_experiment_decision(0.051), "keep running");
	CHECK_STR(stats_experiment_decision(NAN), "keep running");
}

static void test_too_many_arms(void)
{
	struct fixture f;
	char id[16];
	fx_begin(&f);
	for (int i = 0; i <= STATS_MAX_ARMS; i++) {
		snprintf(id, sizeof id, "V%d", i);
		variant(&f.m, account(&f.m, id, at(5, 1), at(5, 3), OUTCOME_OPEN),
			id);
	}
	CHECK_INT(stats_compute(&f.s, &f.m, &f.c, NULL, &f.d), 0);
	CHECK_INT(f.s.variant_values, 21);
	CHECK_INT(f.s.narms, 0);
	CHECK_INT(f.s.nexperiments, 0);
	CHECK(!chart_shown(CHART_EXPERIMENT, &f.s));
	struct buf md = BUF_INIT;
	md_value(&f.s, "experiments.summary", &md);
	CHECK_STR(buf_cstr(&md), "The variant column holds 21 different "
				 "values; an experiment compares at most 20 "
				 "arms, so none is read (is it the right "
				 "column?).");
	bool truth = false;
	CHECK_INT(md_condition(&f.s, "variant", &truth), 0);
	CHECK(truth);
	buf_release(&md);
	fx_end(&f);
}

int main(void)
{
	test_drivers_against_r();
	test_drivers_not_significant();
	test_window();
	test_experiments_against_r();
	test_control();
	test_single_and_none();
	test_decision_thresholds();
	test_too_many_arms();
	return test_done("test_stats_drivers");
}

/* test_stats_scale.c - 200,000 accounts (the SPEC section 6 reference
 * load) through stats_compute and render_json: linear work, in well under
 * a second on a 2-core machine, and figures that still add up. */
#include "clock.h"
#include "harness.h"
#include "render.h"
#include "stats.h"
#include "timeutil.h"

#include <stdlib.h>
#include <time.h>

#define N 200000

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift: the same accounts every run */
static uint64_t rng = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void build(struct model *m, struct config *c)
{
	static const char *const tiers[] = {"high-touch", "tech-touch",
					    "self-serve"};
	static const char *const plans[] = {"basic", "pro", "enterprise"};
	model_init(m);
	config_init(c);
	c->tiers = xcalloc(1, sizeof(*c->tiers));
	c->ntiers = 1;
	c->tiers[0].name = xstrdup("high-touch");
	c->tiers[0].clock_start = xstrdup("kickoff_at");
	c->tiers[0].sla_auto = true;
	c->tiers[0].buffer = 0.2;
	c->tiers[0].days = DAYS_BUSINESS;
	int64_t base = tu_days_from_civil(2025, 1, 1) * TU_DAY;
	char id[16];
	for (int i = 0; i < N; i++) {
		int n = snprintf(id, sizeof(id), "A%07d", i);
		int32_t a = model_add_account(m, id, (size_t)n, NULL);
		struct account *acc = &m->acc[a];
		const char *t = tiers[rnd(3)], *p = plans[rnd(3)];
		acc->attr[ATTR_TIER] = strtab_intern(&m->attrs[ATTR_TIER],
						     &m->arena, t, strlen(t));
		acc->attr[ATTR_PLAN] = strtab_intern(&m->attrs[ATTR_PLAN],
						     &m->arena, p, strlen(p));
		int64_t s = base + (int64_t)rnd(640) * TU_DAY + rnd(86400) * TU_SECOND;
		acc->ms[MS_SIGNED] = s;
		acc->ms[MS_KICKOFF] = s + rnd(5 * 86400) * TU_SECOND;
		if (rnd(10) < 8)
			acc->ms[MS_SETUP_COMPLETE] =
				acc->ms[MS_KICKOFF] + rnd(10 * 86400) * TU_SECOND;
		if (rnd(10) < 7)
			acc->ms[MS_FIRST_VALUE] =
				acc->ms[MS_KICKOFF] + rnd(60 * 86400) * TU_SECOND;
		acc->outcome = (uint8_t)(1 + rnd(3));
		model_see_time(m, acc->ms[MS_FIRST_VALUE]);
		model_see_time(m, s);
	}
	for (int i = 0; i < N; i += 10) {
		int64_t p = m->acc[i].ms[MS_KICKOFF] + TU_DAY;
		model_add_pause(m, i, p, p + 3 * TU_DAY);
		struct postmortem *pm = model_add_postmortem(m, i);
		pm->category = (uint8_t)rnd(PM_COUNT);
		pm->opened_at = p;
	}
}

int main(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	struct buf j = BUF_INIT;
	build(&m, &c);
	diag_init(&d);
	double t0 = now();
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(clock_settle(&c, m.latest, &d), 0);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	double t1 = now();
	render_json(&s, &j);
	double t2 = now();
	printf("stats_compute %.3f s, render_json %.3f s (%zu bytes)\n",
	       t1 - t0, t2 - t1, j.len);
	/* CPU time, so other load does not count; generous: the goal is
	 * well under a second, and sanitizers are slow */
	CHECK(t1 - t0 < 5.0);
	CHECK_INT(s.overall.accounts, N);
	/* every first value lies before the as-of instant (the latest time
	 * seen ends the as-of day): reached = accounts with one */
	size_t with_fv = 0;
	for (size_t a = 0; a < m.nacc; a++)
		with_fv += m.acc[a].ms[MS_FIRST_VALUE] != TTFV_NO_TIME;
	CHECK_INT(s.overall.reached, with_fv);
	CHECK_INT(s.overall.censored, N - with_fv);
	size_t tier_sum = 0, cohort_sum = 0, ob = 0;
	for (size_t i = 0; i < s.ntiers; i++) {
		tier_sum += s.tiers[i].g.accounts;
		ob += s.tiers[i].on_track + s.tiers[i].at_risk +
		      s.tiers[i].breached;
	}
	for (size_t i = 0; i < s.ncohorts; i++)
		cohort_sum += s.cohorts[i].g.accounts;
	CHECK_INT(tier_sum, N);
	CHECK_INT(cohort_sum, N);
	CHECK_INT(ob, s.nonboarding);
	CHECK_INT(s.ntiers, 3);
	CHECK_INT(s.pm_total, N / 10);
	/* onboarding rows come most urgent first */
	bool ordered = true;
	for (size_t i = 1; i < s.nonboarding; i++)
		ordered &= s.onboarding[i - 1].status >= s.onboarding[i].status;
	CHECK(ordered);
	stats_release(&s);
	buf_release(&j);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
	return test_done("test_stats_scale");
}

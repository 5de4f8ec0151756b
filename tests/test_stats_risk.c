/* test_stats_risk.c - the landmark probability of making the SLA (SPEC
 * 8.3) against R.  The data: 91 subjects of tier 0 and 12 of tier 1, times
 * and step days in quarter days (so ties happen), two steps each.  Every
 * expected value comes from R 4 with survival, by this script over the
 * same rows (i is the 0-based subject, L the days left):
 *
 *   library(survival)
 *   done <- function(r, e) sum(c(r$s1, r$s2) <= e, na.rm = TRUE)
 *   self <- d[i + 1, ]; e <- self$t
 *   risk <- d[d$g == self$g & d$t >= e, ]
 *   set <- risk[sapply(seq_len(nrow(risk)),
 *                      function(j) done(risk[j, ], e)) == done(self, e), ]
 *   if (nrow(set) < 20) set <- risk
 *   p <- if (L < 0) 0 else 1 - summary(survfit(Surv(t - e, reached) ~ 1,
 *            data = set), times = L, extend = TRUE)$surv
 */
#include "clock.h"
#include "harness.h"
#include "stats.h"
#include "timeutil.h"

#include <stdlib.h>

static const int32_t lm_group[] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1,
};
static const double lm_time[] = {
	7.25, 5.25, 14.75, 16.25, 6.0, 7.0, 19.5, 6.0,
	0.25, 9.0, 8.0, 10.25, 4.5, 18.5, 3.0, 18.5,
	14.5, 18.5, 2.25, 4.75, 8.75, 17.25, 2.5, 6.0,
	9.75, 6.25, 14.5, 8.0, 12.5, 0.5, 4.5, 17.0,
	10.25, 7.0, 18.75, 16.25, 15.25, 4.5, 0.75, 8.25,
	7.75, 1.5, 14.75, 8.25, 17.0, 2.75, 12.25, 10.25,
	6.25, 5.75, 18.5, 9.0, 5.25, 0.5, 8.0, 9.5,
	19.5, 16.75, 15.25, 3.25, 0.5, 7.25, 8.5, 12.25,
	19.25, 15.25, 18.25, 8.0, 20.0, 10.75, 10.0, 6.25,
	0.25, 16.5, 17.5, 4.0, 5.5, 14.75, 3.0, 2.5,
	10.5, 1.25, 6.75, 17.75, 13.0, 11.25, 12.0, 19.0,
	16.25, 16.25, 21.0, 3.25, 3.5, 11.75, 7.0, 18.5,
	4.0, 10.25, 1.25, 7.5, 17.75, 13.5, 9.0,
};
static const bool lm_event[] = {
	1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1,
	1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1,
	1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1,
	1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1,
	0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0,
	1, 1, 1, 1, 1, 1, 1,
};
static const double lm_step[] = {
	3.5, 8.75, 2.5, 3.75, 7.75, 15.0, 3.75, NAN,
	2.0, NAN, 7.5, 7.75, 4.25, 5.5, 5.5, NAN,
	7.25, 13.5, 0.25, 2.0, 5.25, 7.75, 5.25, NAN,
	1.0, 6.0, 7.5, NAN, 1.5, 5.75, 3.0, 6.75,
	0.25, 5.5, 1.75, 2.5, NAN, NAN, NAN, NAN,
	5.25, NAN, 0.25, 2.5, NAN, NAN, 3.75, 7.75,
	5.25, NAN, NAN, NAN, 1.25, NAN, 3.75, NAN,
	5.0, 12.25, 7.75, NAN, NAN, NAN, 6.0, NAN,
	4.0, 8.75, 7.25, 7.5, NAN, NAN, 1.5, NAN,
	NAN, NAN, 1.5, 2.25, 6.25, NAN, 7.0, 8.0,
	3.0, 4.5, 6.25, 9.5, 8.0, 13.25, 0.5, 3.75,
	NAN, NAN, 7.0, 11.75, 6.75, 14.0, NAN, NAN,
	2.5, 6.0, 0.75, NAN, 2.5, NAN, 6.5, NAN,
	7.5, NAN, NAN, NAN, 6.75, 14.5, 0.75, 8.5,
	6.25, NAN, NAN, NAN, 3.25, 9.25, 0.25, 0.25,
	2.25, 6.25, 2.0, 3.0, NAN, NAN, 1.5, 9.25,
	6.0, NAN, 2.0, NAN, 6.25, NAN, 4.25, 4.5,
	4.75, 10.25, 2.0, 10.0, NAN, NAN, 5.75, 9.0,
	NAN, NAN, 3.5, 5.25, 1.0, 8.25, NAN, NAN,
	NAN, NAN, 2.0, 6.25, NAN, NAN, 5.0, 7.25,
	NAN, NAN, 2.75, NAN, 7.75, NAN, NAN, NAN,
	7.5, 13.5, 1.25, 7.0, 3.5, 4.25, 3.0, NAN,
	NAN, NAN, 0.75, NAN, 2.0, NAN, 3.5, 8.0,
	3.25, NAN, 2.5, NAN, 4.0, 6.0, 6.0, NAN,
	4.75, 5.5, 8.0, NAN, 7.25, 8.0, NAN, NAN,
	3.5, 7.0, NAN, NAN, 7.0, 9.5,
};

#define LM_N (sizeof(lm_time) / sizeof(lm_time[0]))

/* subject, L, and R's p (comment: set size, whether it fell back) */
static const struct {
	uint32_t i;
	double left, p;
} lm_want[] = {
	{6, 5, 0.500000000000000},	/* 4, fallback: 1 - 1/2 */
	{8, 3.75, 0.130781831720030},	/* 87 with no step done by 0.25 */
	{11, 12, 0.909647978144579},	/* 42, fallback */
	{19, 6, 0.394708994708995},	/* 36 with no step by 4.75 */
	{33, 2, 0.172366877785597},	/* 60, fallback */
	{34, 50, 0.600000000000000},	/* 7, fallback; curve ends at 21 */
	{35, 0, 0.130434782608696},	/* 23, fallback: 3 first values
					 * at residual 0, 3/23 */
	{39, -1, 0},			/* past its deadline */
	{41, 4, 0.136520785901004},	/* 68 */
	{43, 10, 0.688992360143923},	/* 51, fallback */
	{45, 1.5, 0.037735849056604},	/* 54 */
	{46, 7, 0.799565028273162},	/* 35, fallback */
	{51, 5, 0.220494417862839},	/* 25 with one step done by 9 */
	{54, 3.75, 0.205558511067047},	/* 31 with one step done by 8 */
	{56, 12, 0.500000000000000},	/* 4, fallback */
	{57, 6, 0.820320855614973},	/* 18, fallback */
	{66, 2, 0.745454545454545},	/* 12, fallback */
	/* 87 with no step by 0.25; L = 50 is past the last time (21, a
	 * censoring): extend = TRUE keeps the curve's last value */
	{72, 50, 0.947760451092218},
	{80, 0, 0},			/* 39, fallback: none at residual 0 */
	{85, -1, 0},			/* past its deadline */
	{87, 4, 0.600000000000000},	/* tier 1: 6, fallback */
	{95, 10, 0},			/* tier 1: itself alone, censored */
};
#define LM_NQ (sizeof(lm_want) / sizeof(lm_want[0]))

static void landmark_check(const uint32_t *order, size_t norder)
{
	struct landmark_set ls = {
		.n = LM_N,
		.time = lm_time,
		.event = lm_event,
		.group = lm_group,
		.ngroups = 2,
		.step = lm_step,
		.nsteps = 2,
		.order = order,
		.norder = norder,
	};
	uint32_t q[LM_NQ];
	double left[LM_NQ], p[LM_NQ];
	for (size_t j = 0; j < LM_NQ; j++) {
		q[j] = lm_want[j].i;
		left[j] = lm_want[j].left;
	}
	stats_landmark_p(&ls, q, left, LM_NQ, p);
	for (size_t j = 0; j < LM_NQ; j++) {
		if (fabs(p[j] - lm_want[j].p) > 1e-12)
			fprintf(stderr, "subject %u:\n", lm_want[j].i);
		CHECK_NEAR(p[j], lm_want[j].p, 1e-12);
	}
}

static int cmp_subject(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (lm_time[x] != lm_time[y])
		return lm_time[x] < lm_time[y] ? -1 : 1;
	if (lm_event[x] != lm_event[y])
		return lm_event[x] ? -1 : 1;
	return (x > y) - (x < y);
}

/* The same answers whether the caller passes its sorted order (as stats
 * does) or lets the estimate sort. */
static void test_landmark(void)
{
	landmark_check(NULL, 0);
	uint32_t order[LM_N];
	for (uint32_t i = 0; i < LM_N; i++)
		order[i] = i;
	qsort(order, LM_N, sizeof(order[0]), cmp_subject);
	landmark_check(order, LM_N);
}

/* No SLA: no probability. */
static void test_landmark_no_sla(void)
{
	struct landmark_set ls = {
		.n = LM_N, .time = lm_time, .event = lm_event,
		.group = lm_group, .ngroups = 2, .step = lm_step, .nsteps = 2,
	};
	uint32_t q = 8;
	double left = NAN, p = 0;
	stats_landmark_p(&ls, &q, &left, 1, &p);
	CHECK(isnan(p));
}

/* ---- many subjects: the sweep against a KM computed directly ---------- */

static uint64_t rng_state = 16;
static double rng_unit(void)	/* xorshift64*, [0, 1) */
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 2685821657736338717ULL) >> 11) /
	       9007199254740992.0;
}

static size_t steps_by(const double *step, size_t ns, size_t i, double e)
{
	size_t c = 0;
	for (size_t k = 0; k < ns; k++)
		c += !isnan(step[i * ns + k]) && step[i * ns + k] <= e;
	return c;
}

static size_t direct_fallbacks;

struct resid {
	double r;
	bool ev;
};

static int cmp_resid(const void *a, const void *b)
{
	const struct resid *x = a, *y = b;
	return (x->r > y->r) - (x->r < y->r);
}

/* Kaplan-Meier of residual time at left over subjects of self's group
 * with time >= e (and as many steps done by e, unless fewer than 20 are),
 * straight from the definition: sorted residuals, product over distinct
 * first-value times of 1 - d/n. */
static double direct_p(const double *t, const bool *ev, const int32_t *g,
		       const double *step, size_t ns, size_t n, size_t self,
		       double left, struct resid *set)
{
	double e = t[self];
	size_t c = steps_by(step, ns, self, e), m = 0;
	int pass = 0;
	for (;; pass++) {
		m = 0;
		for (size_t i = 0; i < n; i++)
			if (g[i] == g[self] && t[i] >= e &&
			    (pass || steps_by(step, ns, i, e) == c))
				set[m++] = (struct resid){t[i] - e, ev[i]};
		if (pass || m >= STATS_LANDMARK_MIN)
			break;
	}
	direct_fallbacks += pass;
	qsort(set, m, sizeof(*set), cmp_resid);
	double s = 1;
	for (size_t i = 0; i < m && set[i].r <= left;) {
		size_t d = 0, j = i;
		for (; j < m && set[j].r == set[i].r; j++)
			d += set[j].ev;
		s *= 1 - (double)d / (double)(m - i);
		i = j;
	}
	return 1 - s;
}

static void test_landmark_many(void)
{
	/* over 4096 accounts in a tier: the sweep's counts per superblock */
	enum { N = 15000, NS = 3 };
	static struct resid set[N];
	static double t[N], step[N * NS], left[N], p[N];
	static bool ev[N];
	static int32_t g[N];
	static uint32_t q[N];
	size_t nq = 0;
	for (size_t i = 0; i < N; i++) {
		/* tier 1 small: there sets fall back */
		g[i] = i % 100 == 0;
		/* whole hours, so that ties happen; faster with more steps */
		double s = 0;
		for (size_t k = 0; k < NS; k++) {
			s += floor(rng_unit() * 72) / 24;
			step[i * NS + k] = rng_unit() < 0.8 ? s : NAN;
		}
		t[i] = floor(rng_unit() * 480 *
			     (1 - 0.2 * (double)steps_by(step, NS, i, 30))) /
		       24;
		ev[i] = rng_unit() < 0.85;
		if (!ev[i] && (nq < 250 || g[i])) {
			q[nq] = (uint32_t)i;
			left[nq++] = floor(rng_unit() * 20 * 24) / 24 - 1;
		}
	}
	struct landmark_set ls = {
		.n = N, .time = t, .event = ev, .group = g, .ngroups = 2,
		.step = step, .nsteps = NS,
	};
	stats_landmark_p(&ls, q, left, nq, p);
	for (size_t j = 0; j < nq; j++) {
		double want = left[j] < 0 ? 0
			      : direct_p(t, ev, g, step, NS, N, q[j], left[j],
					 set);
		CHECK_NEAR(p[j], want, 1e-12);
	}
	/* both kinds of set were exercised */
	CHECK(direct_fallbacks > 5 && direct_fallbacks < nq - 100);
}

/* ---- through stats_compute: a business-day tier, routes ------------- */

static int64_t day(unsigned m, unsigned d)
{
	return tu_days_from_civil(2026, m, d) * TU_DAY;
}

static void acct(struct model *m, const char *id, int64_t start,
		 int64_t fv, int64_t setup, double arr, const char *blocker)
{
	int32_t a = model_add_account(m, id, strlen(id), NULL);
	struct account *acc = &m->acc[a];
	acc->attr[ATTR_TIER] =
		strtab_intern(&m->attrs[ATTR_TIER], &m->arena, "bt", 2);
	if (blocker)
		acc->attr[ATTR_BLOCKER_TYPE] = strtab_intern(
			&m->attrs[ATTR_BLOCKER_TYPE], &m->arena, blocker,
			strlen(blocker));
	acc->ms[MS_SIGNED] = start;
	acc->ms[MS_FIRST_VALUE] = fv;
	acc->ms[MS_SETUP_COMPLETE] = setup;
	acc->arr = arr;
	model_see_time(m, start);
}

static const struct onboarding_row *row_of(const struct stats *s,
					    const char *id)
{
	for (size_t i = 0; i < s->nonboarding; i++)
		if (strcmp(s->onboarding[i].account_id, id) == 0)
			return &s->onboarding[i];
	return NULL;
}

/* Tier bt counts business days (SLA 10), as of Sunday 2026-03-08 (instant
 * Monday 03-09 00:00).  Every account starts at midnight; first values
 * land a whole number of days later, so business days are weekdays:
 *   B1..B8 start on the Mondays 01-05 .. 02-23, first value after 1, 2, 7,
 *   9, 14, 18, 3, 21 calendar days = 1, 2, 5, 7, 10, 14, 3, 15 business
 *   days; C1 starts Tue 02-24: 9 business days by the as-of instant (13
 *   calendar); Q1 Mon 03-02: 5 (7 calendar); Q2 Thu 02-26: 7 (11
 *   calendar; B4's first value ties with it at 7); Q3 Mon 02-02: 25, past
 *   its SLA.  Fewer than 20 at risk everywhere, so each set is the
 *   tier's accounts with t >= e.  R, with
 *   d <- data.frame(t = c(1, 2, 5, 7, 10, 14, 3, 15, 9, 5, 7, 25),
 *                   reached = rep(1:0, c(8, 4))):
 *   1 - summary(survfit(Surv(t - e, reached) ~ 1, data = d[d$t >= e, ]),
 *               times = 10 - e, extend = TRUE)$surv
 *   e = 5 (Q1): 0.428571428571429; e = 7 (Q2): 0.357142857142857 (by
 *   hand: 1 - 6/7 x 3/4); e = 9 (C1): 0.25.
 * In calendar days Q1 would be at e = 7 with 3 days left: the figures
 * below hold only in the tier's own units. */
static void test_business_tier(void)
{
	struct model m;
	struct config c;
	struct diag d;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	static const char ini[] =
		"[report]\nas_of = 2026-03-08\n"
		"[tier bt]\nsla_days = 10\ndays = business\n"
		"[step setup]\ncolumn = setup_complete_at\nroute = automated\n"
		"[step first_value]\ncolumn = first_value_at\n";
	CHECK_INT(config_parse(&c, "t.ini", ini, sizeof(ini) - 1, &d), 0);
	static const unsigned start_day[8] = {5, 12, 19, 26, 33, 40, 47, 54};
	static const int offset[8] = {1, 2, 7, 9, 14, 18, 3, 21};
	for (int i = 0; i < 8; i++) {
		char id[4] = {'B', (char)('1' + i), 0};
		int64_t st = day(1, 1) + (int64_t)(start_day[i] - 1) * TU_DAY;
		acct(&m, id, st, st + offset[i] * TU_DAY, st,
		     1000.0 * (i + 1), NULL);
	}
	/* setup not done: C1 and Q1 are on the automated step */
	acct(&m, "C1", day(2, 24), TTFV_NO_TIME, TTFV_NO_TIME, 500, NULL);
	acct(&m, "Q1", day(3, 2), TTFV_NO_TIME, TTFV_NO_TIME, 50000, NULL);
	acct(&m, "Q2", day(2, 26), TTFV_NO_TIME, day(2, 27), 700,
	     "integration");
	acct(&m, "Q3", day(2, 2), TTFV_NO_TIME, day(2, 3), 100, NULL);
	struct stats s;
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(clock_settle(&c, m.latest, &d), 0);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	/* 10 business days span about 10 x 7 / 5 = 14 calendar days */
	CHECK_INT(s.ntiers, 1);
	CHECK_NEAR(s.tiers[0].sla_calendar_days, 14, 1e-12);
	const struct onboarding_row *q1 = row_of(&s, "Q1"), *q2 = row_of(&s, "Q2");
	const struct onboarding_row *c1 = row_of(&s, "C1"), *q3 = row_of(&s, "Q3");
	CHECK(q1 && q2 && c1 && q3);
	if (q1 && q2 && c1 && q3) {
		CHECK_NEAR(q1->elapsed_days, 5, 1e-9);
		CHECK_NEAR(q1->p_on_time, 0.428571428571429, 1e-12);
		CHECK_NEAR(q2->p_on_time, 0.357142857142857, 1e-12);
		CHECK_NEAR(c1->p_on_time, 0.25, 1e-12);
		CHECK_NEAR(q3->p_on_time, 0, 0);	/* breached */
		CHECK_NEAR(q1->risk, 1 - 0.428571428571429, 1e-12);
		/* risk 0.57 > 0.5 with the tier's top ARR (p75 of the 12
		 * ARRs is 6250): a human, checked the next day */
		CHECK_INT(q1->route, ROUTE_HUMAN);
		CHECK_STR(stats_route_name(q1->route), "human");
		CHECK_INT(q1->next_check, day(3, 9));
		/* 0.64 > 0.5, low ARR, on first value (not automated) but
		 * blocked on integration */
		CHECK_INT(q2->route, ROUTE_AUTOMATED);
		CHECK_INT(q2->next_check, day(3, 11));
		/* 0.75: not above 0.8, low ARR, on setup (route = automated) */
		CHECK_INT(c1->route, ROUTE_AUTOMATED);
		CHECK_INT(q3->route, ROUTE_HUMAN);	/* risk 1 > 0.8 */
	}
	stats_release(&s);
	/* the thresholds come from [routing]: raised, Q1 and C1 only wait */
	static const char strict[] = "[routing]\nrisk = 0.9\nhuman_risk = 0.95\n"
				     "next_check_days = 7\n";
	CHECK_INT(config_parse(&c, "r.ini", strict, sizeof(strict) - 1, &d), 0);
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(clock_settle(&c, m.latest, &d), 0);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	q1 = row_of(&s, "Q1");
	c1 = row_of(&s, "C1");
	CHECK(q1 && c1);
	if (q1 && c1) {
		CHECK_INT(q1->route, ROUTE_MONITOR);
		CHECK_INT(c1->route, ROUTE_MONITOR);
		CHECK_INT(q1->next_check, day(3, 15));
	}
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

int main(void)
{
	test_landmark();
	test_landmark_no_sla();
	test_landmark_many();
	test_business_tier();
	return test_done("test_stats_risk");
}

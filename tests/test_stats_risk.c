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
#include "harness.h"
#include "stats.h"

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

int main(void)
{
	test_landmark();
	test_landmark_no_sla();
	test_landmark_many();
	return test_done("test_stats_risk");
}

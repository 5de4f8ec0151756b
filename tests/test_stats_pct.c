/* test_stats_pct.c - type 7 quantiles and Kaplan-Meier, against published
 * values and hand calculations written next to each check. */
#include "harness.h"
#include "stats.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* numpy.percentile({1,2,3,4}, [30, 50, 75]) (linear = type 7):
 * h = (n-1)p = 0.9, 1.5, 2.25 -> 1 + 0.9, 2 + 0.5, 3 + 0.25. */
static void test_quantile7(void)
{
	const double v[] = {1, 2, 3, 4};
	CHECK_NEAR(stats_quantile7(v, 4, 0.3), 1.9, 1e-12);
	CHECK_NEAR(stats_quantile7(v, 4, 0.5), 2.5, 1e-12);
	CHECK_NEAR(stats_quantile7(v, 4, 0.75), 3.25, 1e-12);
	CHECK_NEAR(stats_quantile7(v, 4, 1.0), 4, 1e-12);
	CHECK_NEAR(stats_quantile7(v, 4, 0.0), 1, 1e-12);
	/* one value: every quantile is that value; none: n/a */
	CHECK_NEAR(stats_quantile7(v + 2, 1, 0.9), 3, 1e-12);
	CHECK(isnan(stats_quantile7(v, 0, 0.5)));
	/* Excel PERCENTILE.INC({15,20,35,40,50}, 0.4) = 29 (h = 1.6:
	 * 20 + 0.6 * 15) */
	const double w[] = {15, 20, 35, 40, 50};
	CHECK_NEAR(stats_quantile7(w, 5, 0.4), 29, 1e-12);
}

/* Freireich et al. (1963) 6-MP arm, the classic Kaplan-Meier example
 * (Kleinbaum & Klein, Survival Analysis, table 2.2; R: survfit on
 * MASS::gehan, 6-MP group).  * = censored. */
static void test_km_freireich(void)
{
	const double t[] = {6,  6,  6,	6,  7,	9,  10, 10, 11, 13, 16,
			    17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
	const bool e[] = {1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1,
			  0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
	struct km k;
	stats_km_build(&k, t, e, 21);
	CHECK_INT(k.n, 7);
	CHECK_INT(k.at_risk0, 21);
	CHECK_NEAR(k.last_time, 35, 0);
	/* S(6) = 18/21; S(7) = S(6) 16/17; S(10) = S(7) 14/15;
	 * S(13) = S(10) 11/12; S(16) = S(13) 10/11; S(22) = S(16) 6/7;
	 * S(23) = S(22) 5/6 */
	const double te[] = {6, 7, 10, 13, 16, 22, 23};
	const double se[] = {0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448};
	for (int i = 0; i < 7; i++) {
		CHECK_NEAR(k.t[i], te[i], 0);
		CHECK_NEAR(k.surv[i], se[i], 0.0005);
	}
	CHECK_NEAR(k.surv[6], 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 /
				      11 * 6 / 7 * 5 / 6,
		   1e-12);
	/* median: first time 1 - S >= .5 is 23 (1 - .448); R prints 23 */
	CHECK_NEAR(stats_km_quantile(&k, 0.5), 23, 0);
	/* 1 - S reaches .25 at 13 (.310; .247 at 10): p25 = 13 */
	CHECK_NEAR(stats_km_quantile(&k, 0.25), 13, 0);
	/* never reaches .75: null */
	CHECK(isnan(stats_km_quantile(&k, 0.75)));
	/* share reached: 0 before 6, 1 - .857 from 6 on, flat to 7 */
	CHECK_NEAR(stats_km_reached(&k, 5.9), 0, 0);
	CHECK_NEAR(stats_km_reached(&k, 6), 3.0 / 21, 1e-12);
	CHECK_NEAR(stats_km_reached(&k, 6.5), 3.0 / 21, 1e-12);
	CHECK_NEAR(stats_km_reached(&k, 40), 1 - k.surv[6], 1e-12);
	stats_km_release(&k);
}

/* survival package tests/quantile.R (T. Therneau): times 9 1 1 6 6 8 10
 * with status 1 1 0 1 1 0 0 (the NA row dropped).  S = 6/7 at 1, 18/35
 * at 6, 9/35 at 9; quantile(fit, 1 - qq) with qq = 13/14, 6/7, 2/3, .5,
 * 9/35, .1 is 1, 3.5, 6, 9, 9.5, NA.  3.5 is the flat at 1 - S = 1/7
 * (from 1 to the next jump at 6); 9.5 the flat at the end (9 to the last
 * follow-up, 10). */
static void test_km_quantile_r(void)
{
	const double t[] = {9, 1, 1, 6, 6, 8, 10};
	const bool e[] = {1, 1, 0, 1, 1, 0, 0};
	struct km k;
	stats_km_build(&k, t, e, 7);
	const double qq[] = {13.0 / 14, 6.0 / 7, 2.0 / 3, 0.5, 9.0 / 35, 0.1};
	const double want[] = {1, 3.5, 6, 9, 9.5, NAN};
	for (int i = 0; i < 6; i++)
		CHECK_NEAR(stats_km_quantile(&k, 1 - qq[i]), want[i], 1e-12);
	stats_km_release(&k);
}

/* Times 1 2 3 4, all events: 1 - S = .25 .5 .75 1.  Each level sits on a
 * flat, so R gives the middle of the flat: p25 (1+2)/2, median (2+3)/2,
 * p75 (3+4)/2; p90 is 4 (first 1 - S >= .9). */
static void test_km_flat_midpoint(void)
{
	const double t[] = {4, 3, 2, 1};
	const bool e[] = {1, 1, 1, 1};
	struct km k;
	stats_km_build(&k, t, e, 4);
	CHECK_NEAR(stats_km_quantile(&k, 0.25), 1.5, 1e-12);
	CHECK_NEAR(stats_km_quantile(&k, 0.5), 2.5, 1e-12);
	CHECK_NEAR(stats_km_quantile(&k, 0.75), 3.5, 1e-12);
	CHECK_NEAR(stats_km_quantile(&k, 0.9), 4, 1e-12);
	/* p = 1: the last jump, a flat of length 0 to the last time 4 */
	CHECK_NEAR(stats_km_quantile(&k, 1.0), 4, 1e-12);
	stats_km_release(&k);
}

/* An event and a censoring at the same time: the censored subject is
 * still at risk then (events first).  Times 2, 2*, 3, 5*: at 2, 4 at
 * risk, 1 event: S = 3/4 (not 2/3).  At 3, 2 at risk: S = 3/8. */
static void test_km_ties(void)
{
	const double t[] = {2, 2, 3, 5};
	const bool e1[] = {0, 1, 1, 0};
	struct km k;
	stats_km_build(&k, t, e1, 4);
	CHECK_INT(k.n, 2);
	CHECK_NEAR(k.surv[0], 0.75, 1e-12);
	CHECK_NEAR(k.surv[1], 0.375, 1e-12);
	/* 1 - S = .25 at 2, flat until 3: the p25 is (2 + 3) / 2 */
	CHECK_NEAR(stats_km_quantile(&k, 0.25), 2.5, 1e-12);
	CHECK_NEAR(stats_km_quantile(&k, 0.5), 3, 1e-12);
	stats_km_release(&k);
	/* the tie tolerance is the SPEC's 1e-8: times 2 3 4 5, all events,
	 * 1 - S = .25 at 2, flat until 3.  p = .25 + 0.9e-8 is within it:
	 * the flat's middle, 2.5 (R agrees: quantile(survfit(Surv(c(2, 3, 4,
	 * 5), rep(1, 4)) ~ 1), probs = .25 + 0.9e-8) is 2.5).  p = .25 +
	 * 1.2e-8 is past it: the next jump, 3 (R's own tolerance is
	 * sqrt(.Machine$double.eps) = 1.49e-8, and gives 2.5 there) */
	const double v[] = {2, 3, 4, 5};
	const bool ev[] = {1, 1, 1, 1};
	stats_km_build(&k, v, ev, 4);
	CHECK_NEAR(stats_km_quantile(&k, 0.25 + 0.9e-8), 2.5, 1e-12);
	CHECK_NEAR(stats_km_quantile(&k, 0.25 + 1.2e-8), 3, 1e-12);
	stats_km_release(&k);
	/* two events at one time count together: 1, 1, 2 -> S(1) = 1/3 */
	const double u[] = {1, 1, 2};
	const bool e2[] = {1, 1, 1};
	stats_km_build(&k, u, e2, 3);
	CHECK_INT(k.n, 2);
	CHECK_NEAR(k.surv[0], 1.0 / 3, 1e-12);
	CHECK_NEAR(k.surv[1], 0, 1e-12);
	stats_km_release(&k);
}

/* Nobody reached: S stays 1, every percentile is null, the curve is 0. */
static void test_km_all_censored(void)
{
	const double t[] = {3, 8, 1};
	const bool e[] = {0, 0, 0};
	struct km k;
	stats_km_build(&k, t, e, 3);
	CHECK_INT(k.n, 0);
	CHECK_NEAR(k.last_time, 8, 0);
	CHECK(isnan(stats_km_quantile(&k, 0.25)));
	CHECK(isnan(stats_km_quantile(&k, 0.9)));
	CHECK_NEAR(stats_km_reached(&k, 5), 0, 0);
	stats_km_release(&k);
	/* nobody at all: n/a, not 0 */
	stats_km_build(&k, t, e, 0);
	CHECK(isnan(stats_km_quantile(&k, 0.5)));
	CHECK(isnan(stats_km_reached(&k, 1)));
	stats_km_release(&k);
}

/* A cohort of one that reached at 4.5: 1 - S jumps to 1 at 4.5, so every
 * level (a flat of length 0 at the end) is 4.5. */
static void test_km_one(void)
{
	const double t[] = {4.5};
	const bool e[] = {1};
	struct km k;
	stats_km_build(&k, t, e, 1);
	for (int i = 0; i < STATS_NPCT; i++)
		CHECK_NEAR(stats_km_quantile(&k, stats_pct_level[i]), 4.5, 0);
	CHECK_NEAR(stats_km_reached(&k, 4.4), 0, 0);
	CHECK_NEAR(stats_km_reached(&k, 4.5), 1, 0);
	stats_km_release(&k);
}

/* The radix sort against qsort by (value, position): random doubles of
 * both signs and many sizes, with repeats, -0 next to 0, and a run of
 * keys equal in every byte but one. */
struct vp {
	double v;
	uint32_t i;
};

static int cmp_vp(const void *a, const void *b)
{
	const struct vp *x = a, *y = b;
	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

static void test_keyed_sort(void)
{
	uint64_t r = 88172645463325252ULL;
	static const size_t sizes[] = {0, 1, 2, 17, 256, 1000, 70000};
	for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
		size_t n = sizes[z];
		struct stats_keyed *k = malloc((n + 1) * sizeof(*k));
		struct vp *want = malloc((n + 1) * sizeof(*want));
		for (size_t i = 0; i < n; i++) {
			r ^= r << 13;
			r ^= r >> 7;
			r ^= r << 17;
			double v;
			switch (r % 5) {
			case 0: v = (double)(r >> 40 & 7) - 3; break;	/* repeats */
			case 1: v = (r >> 8 & 1) ? -0.0 : 0.0; break;
			case 2: v = 1e300 * ((double)(r >> 11) / 9.007e15 - 0.5); break;
			case 3: v = 5 + (double)(r >> 60) * 0x1p-40; break;
			default: v = -(double)(r >> 11) / 9.007e15 * 400; break;
			}
			k[i] = (struct stats_keyed){stats_key_of(v), (uint32_t)i};
			want[i] = (struct vp){v, (uint32_t)i};
		}
		qsort(want, n, sizeof(*want), cmp_vp);
		stats_keyed_sort(k, n);
		size_t same = 0;
		for (size_t i = 0; i < n; i++)
			same += k[i].i == want[i].i;
		CHECK_INT(same, n);
		free(k);
		free(want);
	}
	/* sorted already, with repeats: as it was; one key out of place at
	 * the end: moved to the front, the rest in order */
	struct stats_keyed k2[6];
	for (uint32_t i = 0; i < 6; i++)
		k2[i] = (struct stats_keyed){stats_key_of((double)(i / 2)), i};
	stats_keyed_sort(k2, 6);
	for (uint32_t i = 0; i < 6; i++)
		CHECK_INT(k2[i].i, i);
	k2[5].key = stats_key_of(-1.0);
	stats_keyed_sort(k2, 6);
	CHECK_INT(k2[0].i, 5);
	for (uint32_t i = 1; i < 6; i++)
		CHECK_INT(k2[i].i, i - 1);
	/* -0 and 0 are one key; below them the negatives, in order */
	CHECK(stats_key_of(-0.0) == stats_key_of(0.0));
	CHECK(stats_key_of(-2.5) < stats_key_of(-1.0));
	CHECK(stats_key_of(-1e-300) < stats_key_of(0.0));
	CHECK(stats_key_of(0.0) < stats_key_of(4.9e-324));
	CHECK(stats_key_of(1.0) < stats_key_of(INFINITY));
}

int main(void)
{
	test_quantile7();
	test_km_freireich();
	test_km_quantile_r();
	test_km_flat_midpoint();
	test_km_ties();
	test_km_all_censored();
	test_km_one();
	test_keyed_sort();
	return test_done("test_stats_pct");
}

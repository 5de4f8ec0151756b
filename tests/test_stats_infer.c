/* test_stats_infer.c - intervals and tests against R.  Every expected
 * value below was printed by R 4.x with survival 3.5 (the call is beside
 * it); none comes from ttfv.  Arrays r60, r150, r40 were drawn in R:
 *   set.seed(42); mk <- function(n, rate, crate) {
 *     t <- round(rexp(n, rate), 1); c <- round(rexp(n, crate), 1)
 *     list(t = pmin(t, c), e = as.integer(t <= c)) }
 *   r60 <- mk(60, .1, .03); r150 <- mk(150, .2, .05); r40 <- mk(40, .05, .05)
 */
#include "harness.h"
#include "stats.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

static const double r60_t[] = {2, 6.6, 1, 0.4, 4.7, 8.4, 3.1, 4.1, 11.9, 2.4, 13.4, 7.3, 1, 0.6, 12.5, 3.1, 4.8, 6.2, 12.5, 3.7, 44.5, 4.9, 6, 2.2, 12.1, 5.4, 13.1, 2.8, 2.3, 12.9, 5.7, 30.2, 5, 3.5, 17.6, 7.4, 0.3, 3.5, 3.9, 18.6, 7.8, 6.6, 3.9, 14.2, 15.2, 4.4, 41.7, 2.3, 0.3, 25.8, 1.6, 15.3, 11.3, 2.9, 5.5, 1.3, 6.2, 9.1, 3.3, 7.3};
static const bool r60_e[] = {1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0};
static const double r150_t[] = {3.7, 2.4, 2.5, 0.5, 4.2, 9.7, 2.8, 5.4, 7.1, 11.2, 14.3, 2.4, 2.3, 1.8, 0, 0.9, 0.4, 1.5, 5.2, 15.4, 5.5, 0.5, 0.6, 0.4, 1.1, 4.6, 9.3, 16.6, 7.5, 17.9, 0.3, 0.8, 10.8, 0.6, 11.1, 2.1, 0.5, 4, 4.1, 0.3, 15.2, 3, 3.1, 1.2, 1.8, 6, 7.3, 0.7, 0.5, 3.2, 5.2, 4.9, 1.2, 1, 16.8, 0.7, 0.6, 2.5, 5.3, 6.7, 4.8, 2.8, 5.1, 12.6, 2.6, 1, 7.7, 14.1, 3.7, 1.4, 8.3, 4.9, 4.6, 0.7, 10.4, 5.4, 1.5, 0, 6.3, 7.6, 4.1, 0.6, 1.2, 2.2, 2.5, 0, 6.5, 1.8, 4.6, 3.1, 0.6, 6.6, 12.7, 1, 5.7, 15.3, 13.6, 1.3, 1.5, 11.3, 7.9, 2.4, 5.8, 4.4, 2, 1, 8.5, 4.9, 2.6, 13.8, 2.1, 0.4, 7.8, 4.4, 1, 3.2, 13.2, 0.3, 1.8, 8.6, 1.9, 11.4, 19.6, 0.1, 1.3, 6.8, 0.4, 3.8, 12.1, 6.2, 10.9, 0.6, 3.7, 1.4, 3.7, 6.3, 0.2, 11.2, 4.6, 0.1, 0.1, 0.5, 3.8, 17.6, 2.9, 5.3, 1.5, 1.3, 4.5, 4};
static const bool r150_e[] = {1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1};
static const double r40_t[] = {17.7, 10.5, 5, 24.4, 23.7, 7.6, 12.6, 17.2, 5.3, 25.1, 12.7, 5.3, 18.6, 3.8, 8, 1.4, 5.7, 13, 11.1, 2.7, 1.3, 0.9, 33.4, 0.8, 14.5, 2.1, 6.9, 9.8, 4.7, 0.4, 1.7, 7.5, 7.2, 5.7, 0.2, 27, 26.1, 24.3, 4.2, 9};
static const bool r40_e[] = {1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* quantile(survfit(Surv(t, e) ~ 1), c(.25, .5, .75)): $quantile, $lower,
 * $upper; NA as NAN. */
static void check_ci(const double *t, const bool *e, size_t n,
		     const double q[3], const double lo[3], const double hi[3])
{
	static const double p[3] = {0.25, 0.5, 0.75};
	struct km k;
	stats_km_build(&k, t, e, n);
	for (int i = 0; i < 3; i++) {
		double l, u;
		stats_km_quantile_ci(&k, p[i], &l, &u);
		CHECK_NEAR(stats_km_quantile(&k, p[i]), q[i], 1e-9);
		CHECK_NEAR(l, lo[i], 1e-9);
		CHECK_NEAR(u, hi[i], 1e-9);
	}
	stats_km_release(&k);
}

static void test_km_ci(void)
{
	/* Freireich 6-MP: q 13 23 NA, lower 6 16 23, upper NA NA NA */
	const double ft[] = {6,	 6,  6,	 6,  7,	 9,  10, 10, 11, 13, 16,
			     17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
	const bool fe[] = {1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1,
			   0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
	check_ci(ft, fe, N(ft), (double[]){13, 23, NAN},
		 (double[]){6, 16, 23}, (double[]){NAN, NAN, NAN});
	/* the golden accounts (tests/golden/README.md): q 10.5 24 44,
	 * lower 5 14 24 */
	const double gt[] = {4, 5, 7, 12, 14, 24, 35, 41, 44};
	const bool ge[] = {0, 1, 1, 0, 1, 1, 1, 0, 1};
	check_ci(gt, ge, N(gt), (double[]){10.5, 24, 44},
		 (double[]){5, 14, 24}, (double[]){NAN, NAN, NAN});
	/* ends in an event (S = 0, no interval there): q 2 3 5, lower 1 2 3 */
	const double et[] = {1, 2, 2, 3, 5, 8};
	const bool ee[] = {1, 1, 0, 1, 1, 1};
	check_ci(et, ee, N(et), (double[]){2, 3, 5}, (double[]){1, 2, 3},
		 (double[]){NAN, NAN, NAN});
	/* a flat stretch at exactly .5 (4 of 8, then censored): q 2.5 6 NA,
	 * lower 1 3 NA */
	const double lt[] = {1, 2, 3, 4, 5, 6, 7, 8};
	const bool le[] = {1, 1, 1, 1, 0, 0, 0, 0};
	check_ci(lt, le, N(lt), (double[]){2.5, 6, NAN},
		 (double[]){1, 3, NAN}, (double[]){NAN, NAN, NAN});
	/* fractional days with ties: q 2.375 7.5 12, lower 1.25 3.5 7.5 */
	const double ct[] = {0.5, 1.25, 1.25, 2.75, 3.5,  4.0,
			     6.25, 7.5, 9.0,  10.5, 12.0, 15.5};
	const bool ce[] = {1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0};
	check_ci(ct, ce, N(ct), (double[]){2.375, 7.5, 12},
		 (double[]){1.25, 3.5, 7.5}, (double[]){NAN, NAN, NAN});
	/* r60: q 3.3 6.6 13.1, lower 2.3 4.7 11.9, upper 4.7 12.1 NA */
	check_ci(r60_t, r60_e, N(r60_t), (double[]){3.3, 6.6, 13.1},
		 (double[]){2.3, 4.7, 11.9}, (double[]){4.7, 12.1, NAN});
	/* r150: q 1.5 4.5 9.3, lower 1.2 3.7 6.8, upper 2.4 5.3 12.1 */
	check_ci(r150_t, r150_e, N(r150_t), (double[]){1.5, 4.5, 9.3},
		 (double[]){1.2, 3.7, 6.8}, (double[]){2.4, 5.3, 12.1});
	/* r40: q 8 14.5 27, lower 5.7 11.1 18.6, upper 14.5 NA NA */
	check_ci(r40_t, r40_e, N(r40_t), (double[]){8, 14.5, 27},
		 (double[]){5.7, 11.1, 18.6}, (double[]){14.5, NAN, NAN});
	/* nobody: no interval */
	struct km k;
	stats_km_build(&k, ft, fe, 0);
	double l = 0, u = 0;
	stats_km_quantile_ci(&k, 0.5, &l, &u);
	CHECK(isnan(l) && isnan(u));
	stats_km_release(&k);
}

/* The ends of a confidence curve (findq's special cases), at a p taken
 * from the curve itself, so that it meets p exactly where the rule acts.
 * R: f <- survfit(Surv(t, e) ~ 1); quantile(f, p) with p printed by
 * sprintf("%.17g", ...) of the value named. */
static void test_km_ci_curve_ends(void)
{
	struct km k;
	double l, u;
	/* Ends flat (the last five censored), 1 - f$upper ending at
	 * 0.18617798276484354 from day 7 on; p = that + 5e-9, within the
	 * tolerance of the flat end but above every value of the curve:
	 * quantile 3, lower 1, upper NA (max(y) < p comes before the flat
	 * end's rule, which would give (7 + 12) / 2) */
	const double ft[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
	const bool fe[] = {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
	const double fp = 0.18617798776484354;
	stats_km_build(&k, ft, fe, N(ft));
	stats_km_quantile_ci(&k, fp, &l, &u);
	CHECK_NEAR(stats_km_quantile(&k, fp), 3, 1e-9);
	CHECK_NEAR(l, 1, 1e-9);
	CHECK_NEAR(u, NAN, 0);
	stats_km_release(&k);
	/* Ends in an event that takes S to 0, so the curves end in NA (no
	 * flat end); p = 1 - f$upper at day 11, 0.086482924904348391, the
	 * last value before the NA.  1 - f$upper is not monotone (.1700 at
	 * day 9): quantile 2, lower 1, upper 9 = (11 + 7) / 2, approx's
	 * points on either side of p; the flat end's rule, wrongly taken for
	 * the last value that is not NA, would give (11 + 12) / 2 */
	const double et[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
	const bool ee[] = {1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1};
	const double ep = 0.086482924904348391;
	stats_km_build(&k, et, ee, N(et));
	stats_km_quantile_ci(&k, ep, &l, &u);
	CHECK_NEAR(stats_km_quantile(&k, ep), 2, 1e-9);
	CHECK_NEAR(l, 1, 1e-9);
	CHECK_NEAR(u, 9, 1e-9);
	stats_km_release(&k);
}

/* prop.test(x, n, correct = FALSE)$conf.int */
static void test_wilson(void)
{
	double l, u;
	stats_wilson(7, 11, &l, &u);
	CHECK_NEAR(l, 0.353801174507849, 1e-12);
	CHECK_NEAR(u, 0.848335289046324, 1e-12);
	stats_wilson(0, 12, &l, &u);
	CHECK_NEAR(l, 0, 0);
	CHECK_NEAR(u, 0.242494006655241, 1e-12);
	stats_wilson(12, 12, &l, &u);
	CHECK_NEAR(l, 0.757505993344759, 1e-12);
	CHECK_NEAR(u, 1, 0);
	stats_wilson(630, 700, &l, &u);
	CHECK_NEAR(l, 0.875546425686416, 1e-12);
	CHECK_NEAR(u, 0.920087296911135, 1e-12);
	stats_wilson(1, 1, &l, &u);
	CHECK_NEAR(l, 0.206549314377238, 1e-12);
	CHECK_NEAR(u, 1, 0);
	stats_wilson(0, 0, &l, &u);
	CHECK(isnan(l) && isnan(u));
}

/* prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$p.value */
static void test_prop_test2(void)
{
	CHECK_NEAR(stats_prop_test2(630, 700, 100, 167), 8.945268489981e-22,
		   1e-30);
	CHECK_NEAR(stats_prop_test2(10, 11, 3, 11), 0.0024021397410267, 1e-14);
	CHECK_NEAR(stats_prop_test2(45, 60, 30, 60), 0.00467773498104727,
		   1e-14);
	/* R: X-squared = NaN, p-value = NA */
	CHECK(isnan(stats_prop_test2(5, 5, 5, 5)));
	CHECK(isnan(stats_prop_test2(0, 5, 0, 7)));
	/* R: "elements of 'n' must be positive" */
	CHECK(isnan(stats_prop_test2(0, 0, 3, 7)));
}

/* survdiff(Surv(t, e) ~ g) */
static void test_logrank(void)
{
	/* Gehan (MASS::gehan): 6-MP (g = 0) against placebo (g = 1):
	 * chisq 16.7929409892165, p 4.16880910933453e-05, observed 9 21,
	 * expected 19.2505009480311 10.7494990519689 */
	const double t[] = {6,	6,  6,	6,  7,	9,  10, 10, 11, 13, 16, 17, 19, 20,
			    22, 23, 25, 32, 32, 34, 35, 1,  1,	2,  2,	3,  4,	4,
			    5,	5,  8,	8,  8,	8,  11, 11, 12, 12, 15, 17, 22, 23};
	bool e[42];
	uint8_t g[42];
	const bool e0[] = {1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1,
			   0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
	for (int i = 0; i < 42; i++) {
		e[i] = i < 21 ? e0[i] : 1;
		g[i] = i >= 21;
	}
	struct logrank lr;
	stats_logrank(t, e, g, 42, &lr);
	CHECK_NEAR(lr.chisq, 16.7929409892165, 1e-10);
	CHECK_NEAR(lr.p_value, 4.16880910933453e-05, 1e-15);
	CHECK_NEAR(lr.observed[0], 9, 0);
	CHECK_NEAR(lr.observed[1], 21, 0);
	CHECK_NEAR(lr.expected[0], 19.2505009480311, 1e-10);
	CHECK_NEAR(lr.expected[1], 10.7494990519689, 1e-10);
	/* set.seed(7); t <- round(rexp(50, .1)); e <- rbinom(50, 1, .7);
	 * g <- rep(0:1, 25): chisq 2.39600433686602, p 0.121645602511221,
	 * expected 15.8568071690616 17.1431928309384 (ties, zeros) */
	const double t2[] = {0,	 16, 17, 8,  5, 26, 8, 43, 2,  0,  9,  7,  19,
			     19, 12, 3,	 7,  10, 5, 9,	24, 6, 4,  4,  5,  3,
			     4,	 12, 17, 19, 13, 8, 19, 0,  5, 4,  1,  3,  9,
			     9,	 7,  2,	 15, 1,	 10, 6, 14, 26, 5, 11};
	const bool e2[] = {1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1,
			   0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1,
			   1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0};
	uint8_t g2[50];
	for (int i = 0; i < 50; i++)
		g2[i] = (uint8_t)(i % 2);
	stats_logrank(t2, e2, g2, 50, &lr);
	CHECK_NEAR(lr.chisq, 2.39600433686602, 1e-10);
	CHECK_NEAR(lr.p_value, 0.121645602511221, 1e-12);
	CHECK_NEAR(lr.expected[0], 15.8568071690616, 1e-10);
	CHECK_NEAR(lr.expected[1], 17.1431928309384, 1e-10);
	/* one group empty: R refuses ("There is only 1 group") */
	uint8_t g0[42] = {0};
	stats_logrank(t, e, g0, 42, &lr);
	CHECK(isnan(lr.chisq) && isnan(lr.p_value));
	/* no events at all */
	bool none[42] = {0};
	stats_logrank(t, none, g, 42, &lr);
	CHECK(isnan(lr.p_value));
}

/* P(pB > pA) by numerical integration in R:
 *   pb <- function(as, af, bs, bf) integrate(function(x)
 *     dbeta(x, 1 + bs, 1 + bf) * pbeta(x, 1 + as, 1 + af), 0, 1,
 *     rel.tol = 1e-12)$value */
static void test_beta(void)
{
	/* near the 0.95 decision line */
	CHECK_NEAR(stats_beta_p_better(40, 60, 52, 48), 0.954988620542, 1e-9);
	CHECK_NEAR(stats_beta_p_better(100, 100, 118, 82), 0.964354864169,
		   1e-9);
	CHECK_NEAR(stats_beta_p_better(10, 10, 10, 10), 0.5, 1e-9);
	/* nobody activated in either arm, and no data at all */
	CHECK_NEAR(stats_beta_p_better(0, 20, 0, 20), 0.5, 1e-9);
	CHECK_NEAR(stats_beta_p_better(0, 0, 0, 0), 0.5, 1e-12);
	CHECK_NEAR(stats_beta_p_better(30, 5, 2, 30), 3.79416231899e-12,
		   1e-15);
	/* symmetry: P(B > A) + P(A > B) = 1 for continuous posteriors */
	CHECK_NEAR(stats_beta_p_better(52, 48, 40, 60),
		   1 - 0.954988620542, 1e-9);
}

/* ---- the block-wise findq against every point ---------------------------
 * stats_km_quantile_ci computes the confidence curves only in the blocks
 * that can hold its answer.  ref_ci is R's rule on every point (the
 * one-pass findq that test_km_ci checked against R before the blocks):
 * on random estimates of every size, with ties, heavy censoring, curves
 * ending in S = 0 and p set to values the curves take, the two must agree
 * to the bit. */

/* Whether point i comes before point j in approx's order. */
static bool ref_before(const double *y, size_t i, size_t j)
{
	return y[i] < y[j] || (y[i] == y[j] && i < j);
}

static double ref_findq(const double *x, const double *y, size_t n,
			double xmax, double p)
{
	const double tol = 1e-8;
	size_t lo = SIZE_MAX, hi = SIZE_MAX, i1 = SIZE_MAX, i2 = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		if (isnan(y[i]))
			continue;
		if (lo == SIZE_MAX || ref_before(y, i, lo))
			lo = i;
		if (hi == SIZE_MAX || y[i] > y[hi])
			hi = i;
		if (y[i] + tol >= p && (i1 == SIZE_MAX || ref_before(y, i, i1)))
			i1 = i;
		if (y[i] - tol >= p && (i2 == SIZE_MAX || ref_before(y, i, i2)))
			i2 = i;
	}
	if (lo == SIZE_MAX || y[hi] < p)
		return NAN;
	if (p < y[lo] + tol || p > y[hi] + tol)
		i1 = SIZE_MAX;
	if (p < y[lo] - tol || p > y[hi] - tol)
		i2 = SIZE_MAX;
	double q = i1 != SIZE_MAX && i2 != SIZE_MAX ? (x[i1] + x[i2]) / 2 : NAN;
	if (!isnan(y[n - 1])) {
		size_t last = n - 1;
		for (;; last--) {
			size_t j = 0;
			while (j < last && y[j] != y[last])
				j++;
			if (j == last || last == 0)
				break;
		}
		if (fabs(p - y[last]) < tol)
			q = i1 != SIZE_MAX ? (x[i1] + xmax) / 2 : NAN;
	}
	return q;
}

/* Both curves of k: x, lo, hi of k->n + 1 points (caller frees). */
static void ref_curves(const struct km *k, double **x, double **lo,
		       double **hi)
{
	size_t n = k->n + 1;
	*x = malloc(n * sizeof(**x));
	*lo = malloc(n * sizeof(**lo));
	*hi = malloc(n * sizeof(**hi));
	(*x)[0] = (*lo)[0] = (*hi)[0] = 0.0;
	for (size_t i = 0; i < k->n; i++) {
		double s = k->surv[i], se = 1.959963984540054 * sqrt(k->var[i]);
		(*x)[i + 1] = k->t[i];
		(*lo)[i + 1] = s == 0.0 ? NAN : 1.0 - exp(log(s) - se);
		(*hi)[i + 1] = s == 0.0 ? NAN : 1.0 - exp(log(s) + se);
	}
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static double rng_unit(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (double)(rng_state >> 11) / 9007199254740992.0;
}

static void check_blocks_one(const struct km *k, double p)
{
	double *x, *lo, *hi, l, u;
	ref_curves(k, &x, &lo, &hi);
	stats_km_quantile_ci(k, p, &l, &u);
	double rl = ref_findq(x, lo, k->n + 1, k->last_time, p);
	double ru = ref_findq(x, hi, k->n + 1, k->last_time, p);
	if ((isnan(l) && isnan(rl)) || l == rl)
		test_pass++;
	else
		CHECK_NEAR(l, rl, 0);
	if ((isnan(u) && isnan(ru)) || u == ru)
		test_pass++;
	else
		CHECK_NEAR(u, ru, 0);
	free(x);
	free(lo);
	free(hi);
}

static void test_km_ci_blocks(void)
{
	static const size_t sizes[] = {1, 2, 3, 7, 63, 64, 65, 129, 500,
				       2000, 20000};
	static const double cens[] = {0, 0.2, 0.6, 0.95};
	static const double ps[] = {1e-9, 0.05, 0.25, 0.5, 0.75, 0.9, 0.99};
	for (size_t a = 0; a < N(sizes); a++)
		for (size_t c = 0; c < N(cens); c++)
			for (int ties = 0; ties < 2; ties++) {
				size_t n = sizes[a];
				double *t = malloc(n * sizeof(*t));
				bool *e = malloc(n * sizeof(*e));
				for (size_t i = 0; i < n; i++) {
					double x = -log(1 - rng_unit()) * 10;
					t[i] = ties ? floor(x) : x;
					e[i] = rng_unit() >= cens[c];
				}
				struct km k;
				stats_km_build(&k, t, e, n);
				for (size_t i = 0; i < N(ps); i++)
					check_blocks_one(&k, ps[i]);
				/* p on values the curves take (every one in
				 * the smaller sets, where the upper curve
				 * turns down), and within the tolerance */
				double *x, *lo, *hi;
				ref_curves(&k, &x, &lo, &hi);
				for (size_t i = k.n + 1; i-- > 0;)
					if (i == k.n || n <= 600 || i % 97 == 1) {
						if (!isnan(lo[i]) && lo[i] > 0) {
							check_blocks_one(&k, lo[i]);
							check_blocks_one(&k, lo[i] + 5e-9);
						}
						if (!isnan(hi[i]) && hi[i] > 0)
							check_blocks_one(&k, hi[i]);
					}
				free(x);
				free(lo);
				free(hi);
				stats_km_release(&k);
				free(t);
				free(e);
			}
}

int main(void)
{
	test_km_ci();
	test_km_ci_blocks();
	test_km_ci_curve_ends();
	test_wilson();
	test_prop_test2();
	test_logrank();
	test_beta();
	return test_done("test_stats_infer");
}

/* stats_infer.c - the uncertainty of a figure: intervals of Kaplan-Meier
 * percentiles and of rates, and the tests behind "slower", "not
 * conclusive" and "variant better".  Each follows one R function exactly
 * (named at the function), so a reader can check any figure with R. */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* qnorm(0.975) */
#define Z95 1.959963984540054
/* the tie tolerance of stats_km_quantile (SPEC 3) */
#define KM_TOL 1e-8

/* The upper tail of the chi-square distribution with one degree of
 * freedom: R's pchisq(x, 1, lower.tail = FALSE). */
static double chisq1_upper(double x)
{
	return isnan(x) ? NAN : erfc(sqrt(x / 2.0));
}

/* Whether point i comes before point j in approx's order: by value, then
 * by index (the first occurrence of a value stands for it). */
static bool fq_before(const double *y, size_t i, size_t j)
{
	return y[i] < y[j] || (y[i] == y[j] && i < j);
}

/* R's findq (survival/R/quantile.survfit.R) on the curve y over times x,
 * both n long with x[0] = y[0] = 0 prepended, NAN for NA (only ever last:
 * S = 0 ends a curve); xmax is the last follow-up time.  findq drops a
 * value equal to an earlier one (duplicated()) and lets approx order the
 * rest by value, since a confidence curve need not be monotone; the
 * point approx picks, the first in that order at or above p - shift, is
 * found here in one pass instead of by sorting. */
static double findq(const double *x, const double *y, size_t n, double xmax,
		    double p)
{
	size_t lo = SIZE_MAX, hi = SIZE_MAX, i1 = SIZE_MAX, i2 = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		if (isnan(y[i]))
			continue;
		if (lo == SIZE_MAX || fq_before(y, i, lo))
			lo = i;
		if (hi == SIZE_MAX || y[i] > y[hi])
			hi = i;
		if (y[i] + KM_TOL >= p && (i1 == SIZE_MAX || fq_before(y, i, i1)))
			i1 = i;
		if (y[i] - KM_TOL >= p && (i2 == SIZE_MAX || fq_before(y, i, i2)))
			i2 = i;
	}
	/* approx's rule = 1: NA outside the range of the values */
	if (lo == SIZE_MAX || y[hi] < p)
		return NAN;
	if (p < y[lo] + KM_TOL || p > y[hi] + KM_TOL)
		i1 = SIZE_MAX;
	if (p < y[lo] - KM_TOL || p > y[hi] - KM_TOL)
		i2 = SIZE_MAX;
	double q = i1 != SIZE_MAX && i2 != SIZE_MAX ? (x[i1] + x[i2]) / 2 : NAN;
	/* a flat end equal to p runs to the last follow-up: the last value
	 * kept, the latest that repeats no earlier one */
	if (!isnan(y[n - 1])) {
		size_t last = n - 1;
		for (;; last--) {
			size_t j = 0;
			while (j < last && y[j] != y[last])
				j++;
			if (j == last || last == 0)
				break;
		}
		if (fabs(p - y[last]) < KM_TOL)
			q = i1 != SIZE_MAX ? (x[i1] + xmax) / 2 : NAN;
	}
	return q;
}

void stats_km_quantile_ci(const struct km *k, double p, double *lower,
			  double *upper)
{
	*lower = *upper = NAN;
	if (k->at_risk0 == 0)
		return;
	size_t n = k->n + 1;
	double *x = xmalloc(n * sizeof(*x));
	double *lo = xmalloc(n * sizeof(*lo));
	double *hi = xmalloc(n * sizeof(*hi));
	x[0] = lo[0] = hi[0] = 0.0;
	for (size_t i = 0; i < k->n; i++) {
		double s = k->surv[i];
		x[i + 1] = k->t[i];
		if (s == 0.0) {
			/* survfit_confint: log(0) gives no interval */
			lo[i + 1] = hi[i + 1] = NAN;
			continue;
		}
		double se = Z95 * sqrt(k->var[i]);
		lo[i + 1] = 1.0 - exp(log(s) - se);
		/* R caps the upper curve at 1; a value at or below 0 here
		 * reaches no p > 0, so the cap changes no quantile */
		hi[i + 1] = 1.0 - exp(log(s) + se);
	}
	/* the lower curve of S reaches p first: the quantile's lower end */
	*lower = findq(x, lo, n, k->last_time, p);
	*upper = findq(x, hi, n, k->last_time, p);
	free(x);
	free(lo);
	free(hi);
}

/* prop.test's one-sample interval without continuity correction. */
void stats_wilson(size_t x, size_t n, double *lower, double *upper)
{
	if (n == 0) {
		*lower = *upper = NAN;
		return;
	}
	double nn = (double)n, p = (double)x / nn;
	double z22n = Z95 * Z95 / (2.0 * nn);
	double half = Z95 * sqrt(p * (1.0 - p) / nn + z22n / (2.0 * nn));
	*upper = p >= 1.0 ? 1.0 : (p + z22n + half) / (1.0 + 2.0 * z22n);
	*lower = p <= 0.0 ? 0.0 : (p + z22n - half) / (1.0 + 2.0 * z22n);
}

/* prop.test(c(x1, x2), c(n1, n2), correct = FALSE) is chisq.test of the
 * 2 x 2 table without correction: sum over cells of (O - E)^2 / E. */
double stats_prop_test2(size_t x1, size_t n1, size_t x2, size_t n2)
{
	if (n1 == 0 || n2 == 0 || x1 > n1 || x2 > n2)
		return NAN;
	double o[2][2] = {{(double)x1, (double)(n1 - x1)},
			  {(double)x2, (double)(n2 - x2)}};
	double row[2] = {(double)n1, (double)n2};
	double col[2] = {(double)(x1 + x2), (double)(n1 - x1 + n2 - x2)};
	double total = row[0] + row[1];
	if (col[0] == 0.0 || col[1] == 0.0)
		return NAN;
	double chisq = 0.0;
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			double e = row[i] * col[j] / total;
			chisq += (o[i][j] - e) * (o[i][j] - e) / e;
		}
	return chisq1_upper(chisq);
}

struct lr_obs {
	double t;
	uint8_t ev, g;
};

static int cmp_lr(const void *a, const void *b)
{
	const struct lr_obs *p = a, *q = b;
	return (p->t > q->t) - (p->t < q->t);
}

/* survdiff (rho = 0): at each distinct event time, with n at risk (those
 * censored then included), d events and n1 of group 1 at risk, group 1
 * expects d n1 / n events, with hypergeometric variance
 * d (n1 / n) (1 - n1 / n) (n - d) / (n - 1). */
void stats_logrank(const double *time, const bool *event,
		   const uint8_t *group, size_t n, struct logrank *out)
{
	memset(out, 0, sizeof(*out));
	out->chisq = out->p_value = NAN;
	struct lr_obs *v = xmalloc((n ? n : 1) * sizeof(*v));
	size_t at[2] = {0, 0};
	for (size_t i = 0; i < n; i++) {
		v[i].t = time[i];
		v[i].ev = event[i];
		v[i].g = group[i] ? 1 : 0;
		at[v[i].g]++;
	}
	qsort(v, n, sizeof(*v), cmp_lr);
	double var = 0.0;
	size_t i = 0;
	while (i < n) {
		size_t d[2] = {0, 0}, leave[2] = {0, 0}, j = i;
		for (; j < n && v[j].t == v[i].t; j++) {
			d[v[j].g] += v[j].ev;
			leave[v[j].g]++;
		}
		double nr = (double)(at[0] + at[1]), dd = (double)(d[0] + d[1]);
		if (dd > 0) {
			double f1 = (double)at[1] / nr;
			out->observed[0] += (double)d[0];
			out->observed[1] += (double)d[1];
			out->expected[1] += dd * f1;
			out->expected[0] += dd * (1.0 - f1);
			if (nr > 1)
				var += dd * f1 * (1.0 - f1) * (nr - dd) /
				       (nr - 1.0);
		}
		at[0] -= leave[0];
		at[1] -= leave[1];
		i = j;
	}
	free(v);
	if (var > 0.0) {
		double o_e = out->observed[1] - out->expected[1];
		out->chisq = o_e * o_e / var;
		out->p_value = chisq1_upper(out->chisq);
	}
}

/* log B(a, b) */
static double lbeta(double a, double b)
{
	return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/* With pA ~ Beta(aA, bA) and pB ~ Beta(aB, bB), aB a whole number:
 * P(pB > pA) = sum_{i=0}^{aB-1} B(aA + i, bA + bB)
 *              / ((bB + i) B(1 + i, bB) B(aA, bA)). */
double stats_beta_p_better(size_t a_succ, size_t a_fail, size_t b_succ,
			   size_t b_fail)
{
	double aA = 1.0 + (double)a_succ, bA = 1.0 + (double)a_fail;
	double bB = 1.0 + (double)b_fail;
	double base = lbeta(aA, bA), total = 0.0;
	/* i runs to aB - 1 = b_succ */
	for (size_t i = 0; i <= b_succ; i++) {
		double di = (double)i;
		total += exp(lbeta(aA + di, bA + bB) - log(bB + di) -
			     lbeta(1.0 + di, bB) - base);
	}
	return total > 1.0 ? 1.0 : total;
}

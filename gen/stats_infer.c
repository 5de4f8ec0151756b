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

/* The upper tail of the chi-square distribution with one degree of
 * freedom: R's pchisq(x, 1, lower.tail = FALSE). */
static double chisq1_upper(double x)
{
	return isnan(x) ? NAN : erfc(sqrt(x / 2.0));
}

/* A confidence curve of 1 - S: y = 1 - exp(log S - z se) for the lower
 * end, 1 - exp(log S + z se) for the upper, over the points x = 0 (y = 0)
 * then k's jump times; NA where S = 0, which can only be the last jump.
 * R evaluates every point; here a point is computed only in the blocks of
 * CI_BLOCK that can hold the answer, found from bounds: log S falls and se
 * grows along the curve (S drops by a factor at least 1 - 1 / n at a jump,
 * far more than the rounding of log), so a block's exponents lie between
 * those made of its end points' log S and se, and y, falling with the
 * exponent, between their values (widened by CI_SLACK for the rounding of
 * exp).  Every point of every group's curves was 0.98 of the 3.52 billion
 * instructions of the statistics at 200,000 accounts; this visits a few
 * blocks around p and at the curve's end. */
#define CI_BLOCK 64
#define CI_SLACK 1e-12

struct ci_curve {
	const struct km *k;
	bool upper;
	size_t n;		/* points with a value: the NA end left out */
	size_t nb;		/* blocks */
	double *y;		/* computed a block at a time */
	bool *done;		/* per block */
	double *ylo, *yhi;	/* per block: bounds of its y */
};

static double ci_value(const struct ci_curve *c, size_t i)
{
	double s = i ? c->k->surv[i - 1] : 1.0;
	double se = Z95 * sqrt(i ? c->k->var[i - 1] : 0.0);
	/* R caps the upper curve at 1; a value at or below 0 here reaches
	 * no p > 0, so the cap changes no quantile */
	return 1.0 - exp(c->upper ? log(s) + se : log(s) - se);
}

static double ci_x(const struct ci_curve *c, size_t i)
{
	return i ? c->k->t[i - 1] : 0.0;
}

static void ci_init(struct ci_curve *c, const struct km *k, bool upper)
{
	c->k = k;
	c->upper = upper;
	/* survfit_confint: log(0) gives no interval */
	c->n = k->n + 1 - (k->n && k->surv[k->n - 1] == 0.0);
	c->nb = (c->n + CI_BLOCK - 1) / CI_BLOCK;
	c->y = xmalloc(c->n * sizeof(*c->y));
	c->done = xcalloc(c->nb, sizeof(*c->done));
	c->ylo = xmalloc(c->nb * sizeof(*c->ylo));
	c->yhi = xmalloc(c->nb * sizeof(*c->yhi));
	for (size_t b = 0; b < c->nb; b++) {
		size_t i = b * CI_BLOCK, j = i + CI_BLOCK - 1 < c->n
						     ? i + CI_BLOCK - 1
						     : c->n - 1;
		double ui = log(i ? k->surv[i - 1] : 1.0),
		       uj = log(j ? k->surv[j - 1] : 1.0);
		double si = Z95 * sqrt(i ? k->var[i - 1] : 0.0),
		       sj = Z95 * sqrt(j ? k->var[j - 1] : 0.0);
		double hi_exp = upper ? ui + sj : ui - si;
		double lo_exp = upper ? uj + si : uj - sj;
		double lo = 1.0 - exp(hi_exp), hi = 1.0 - exp(lo_exp);
		c->ylo[b] = lo - CI_SLACK * (1 + fabs(lo));
		c->yhi[b] = hi + CI_SLACK * (1 + fabs(hi));
	}
}

static void ci_release(struct ci_curve *c)
{
	free(c->y);
	free(c->done);
	free(c->ylo);
	free(c->yhi);
}

/* Block b's points: [*from, *to). */
static void ci_block(struct ci_curve *c, size_t b, size_t *from, size_t *to)
{
	*from = b * CI_BLOCK;
	*to = *from + CI_BLOCK < c->n ? *from + CI_BLOCK : c->n;
	if (!c->done[b]) {
		for (size_t i = *from; i < *to; i++)
			c->y[i] = ci_value(c, i);
		c->done[b] = true;
	}
}

/* Whether y passes findq's test against p: y + tol >= p (shift -1), or
 * y - tol >= p (shift +1); either only grows with y. */
static bool ci_passes(double y, int shift, double p)
{
	return (shift < 0 ? y + STATS_KM_TOL : y - STATS_KM_TOL) >= p;
}

/* The point approx picks for p: the smallest value that passes, the
 * first of equal ones; SIZE_MAX when none does.  A block all of whose
 * points pass bounds that value from above, so blocks starting above the
 * lowest such bound are skipped. */
static size_t ci_first_at(struct ci_curve *c, int shift, double p)
{
	double bound = INFINITY;
	for (size_t b = 0; b < c->nb; b++)
		if (ci_passes(c->ylo[b], shift, p) && c->yhi[b] < bound)
			bound = c->yhi[b];
	size_t best = SIZE_MAX, from, to;
	for (size_t b = 0; b < c->nb; b++) {
		if (!ci_passes(c->yhi[b], shift, p) || c->ylo[b] > bound)
			continue;
		ci_block(c, b, &from, &to);
		for (size_t i = from; i < to; i++)
			if (ci_passes(c->y[i], shift, p) &&
			    (best == SIZE_MAX || c->y[i] < c->y[best]))
				best = i;
	}
	return best;
}

/* Whether a point before i has the value v. */
static bool ci_seen_before(struct ci_curve *c, size_t i, double v)
{
	size_t from, to;
	for (size_t b = 0; b * CI_BLOCK < i; b++) {
		if (v < c->ylo[b] || v > c->yhi[b])
			continue;
		ci_block(c, b, &from, &to);
		for (size_t j = from; j < to && j < i; j++)
			if (c->y[j] == v)
				return true;
	}
	return false;
}

/* R's findq (survival/R/quantile.survfit.R) on the curve c; xmax is the
 * last follow-up time.  findq drops a value equal to an earlier one
 * (duplicated()) and lets approx order the rest by value, since a
 * confidence curve need not be monotone; approx returns NA outside the
 * range of the values, and a flat end equal to p runs to xmax. */
static double findq(struct ci_curve *c, double xmax, double p)
{
	size_t from, to;
	/* no value reaches p: NA */
	bool reached = false;
	for (size_t b = 0; b < c->nb && !reached; b++) {
		if (c->yhi[b] < p)
			continue;
		ci_block(c, b, &from, &to);
		for (size_t i = from; i < to && !reached; i++)
			reached = c->y[i] >= p;
	}
	if (!reached)
		return NAN;
	size_t i1 = ci_first_at(c, -1, p), i2 = ci_first_at(c, 1, p);
	if (p < STATS_KM_TOL) {
		/* the range's low end matters only below the tolerance: the
		 * first point, 0, is at most the lowest value */
		double ymin = INFINITY;
		for (size_t b = 0; b < c->nb; b++) {
			ci_block(c, b, &from, &to);
			for (size_t i = from; i < to; i++)
				ymin = c->y[i] < ymin ? c->y[i] : ymin;
		}
		if (p < ymin + STATS_KM_TOL)
			i1 = SIZE_MAX;
		if (p < ymin - STATS_KM_TOL)
			i2 = SIZE_MAX;
	}
	double q = i1 != SIZE_MAX && i2 != SIZE_MAX
			   ? (ci_x(c, i1) + ci_x(c, i2)) / 2
			   : NAN;
	/* the flat end: the last value kept, the latest that repeats no
	 * earlier one; none when the curve ends in NA */
	if (c->n == c->k->n + 1) {
		size_t last = c->n - 1;
		for (;; last--) {
			ci_block(c, last / CI_BLOCK, &from, &to);
			if (last == 0 || !ci_seen_before(c, last, c->y[last]))
				break;
		}
		if (fabs(p - c->y[last]) < STATS_KM_TOL)
			q = i1 != SIZE_MAX ? (ci_x(c, i1) + xmax) / 2 : NAN;
	}
	return q;
}

void stats_km_quantile_ci(const struct km *k, double p, double *lower,
			  double *upper)
{
	*lower = *upper = NAN;
	if (k->at_risk0 == 0)
		return;
	/* the lower curve of S reaches p first: the quantile's lower end */
	for (int u = 0; u < 2; u++) {
		struct ci_curve c;
		ci_init(&c, k, u == 1);
		*(u ? upper : lower) = findq(&c, k->last_time, p);
		ci_release(&c);
	}
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

/* survdiff (rho = 0): at each distinct event time, with n at risk (those
 * censored then included), d events and n1 of group 1 at risk, group 1
 * expects d n1 / n events, with hypergeometric variance
 * d (n1 / n) (1 - n1 / n) (n - d) / (n - 1). */
void stats_logrank(const double *time, const bool *event,
		   const uint8_t *group, size_t n, struct logrank *out)
{
	memset(out, 0, sizeof(*out));
	out->chisq = out->p_value = NAN;
	struct stats_keyed *v = xmalloc((n ? n : 1) * sizeof(*v));
	size_t at[2] = {0, 0};
	for (size_t i = 0; i < n; i++) {
		v[i] = (struct stats_keyed){stats_key_of(time[i]), (uint32_t)i};
		at[group[i] ? 1 : 0]++;
	}
	stats_keyed_sort(v, n);
	double var = 0.0;
	size_t i = 0;
	while (i < n) {
		size_t d[2] = {0, 0}, leave[2] = {0, 0}, j = i;
		for (; j < n && v[j].key == v[i].key; j++) {
			int g = group[v[j].i] ? 1 : 0;
			d[g] += event[v[j].i];
			leave[g]++;
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

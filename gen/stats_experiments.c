/* stats_experiments.c - experiments on onboarding (SPEC 8.4, seed 002
 * "Bayesian A/B test: stop when posterior probability > 95 %"): each value
 * of the variant column is an arm; every arm but the control is compared
 * with it by 30-day activation (Beta-Binomial, exact), and by the whole
 * curve of reaching first value (log-rank). */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct arm_key {
	const char *name;
	int32_t v;
};

/* Variant values in byte order of their text: the control by default is
 * the first. */
static int cmp_arm_key(const void *x, const void *y)
{
	return strcmp(((const struct arm_key *)x)->name,
		      ((const struct arm_key *)y)->name);
}

/* Arm position of each variant value (pos[v]), the arms named in order. */
static void arms_setup(struct stats_work *w, int32_t *pos)
{
	struct stats *s = w->s;
	const struct strtab *t = &w->m->attrs[ATTR_VARIANT];
	struct arm_key *k = xmalloc(t->n * sizeof(*k));
	for (size_t i = 0; i < t->n; i++)
		k[i] = (struct arm_key){t->str[i], (int32_t)i};
	qsort(k, t->n, sizeof(*k), cmp_arm_key);
	s->arms = arena_alloc(w->arena, t->n * sizeof(*s->arms));
	s->narms = t->n;
	for (size_t i = 0; i < t->n; i++) {
		pos[k[i].v] = (int32_t)i;
		s->arms[i].name = k[i].name;
	}
	free(k);
}

static int control_find(struct stats_work *w, struct diag *d)
{
	struct stats *s = w->s;
	const char *want = w->c->experiment_control;
	if (!want)
		return 0;
	for (size_t i = 0; i < s->narms; i++)
		if (strcmp(s->arms[i].name, want) == 0) {
			s->control_arm = i;
			return 0;
		}
	struct buf list = BUF_INIT;
	for (size_t i = 0; i < s->narms; i++)
		buf_addf(&list, "%s'%s'", i ? ", " : "", s->arms[i].name);
	diag_add(d, w->c->path, w->c->experiment_control_line, "control",
		 "no account has variant '%s' (the variant column holds %s)",
		 want, buf_cstr(&list));
	buf_release(&list);
	return -1;
}

/* Activation within STATS_EXP_DAYS, the KM median and the curve of the
 * accounts idx[0..n), a subsequence of by_cal. */
static void arm_fill(struct stats_work *w, struct exp_arm *arm,
		     const uint32_t *idx, size_t n)
{
	arm->accounts = n;
	for (size_t i = 0; i < n; i++) {
		uint32_t a = idx[i];
		bool early = sw_reached(w, a) && w->cal[a] <= STATS_EXP_DAYS;
		/* reached in time, or followed long enough to have */
		arm->eligible += early || w->cal[a] >= STATS_EXP_DAYS;
		arm->activated += early;
	}
	arm->rate = arm->eligible ? (double)arm->activated /
					    (double)arm->eligible
				  : NAN;
	stats_wilson(arm->activated, arm->eligible, &arm->rate_lower,
		     &arm->rate_upper);
	double *t = xmalloc((n ? n : 1) * sizeof(*t));
	bool *e = xmalloc((n ? n : 1) * sizeof(*e));
	for (size_t i = 0; i < n; i++) {
		t[i] = w->cal[idx[i]];
		e[i] = sw_reached(w, idx[i]);
	}
	double km[3];
	struct km k;
	stats_km_median_ci(t, e, n, km, &k);
	free(t);
	free(e);
	arm->km_p50 = km[0];
	arm->km_p50_lower = km[1];
	arm->km_p50_upper = km[2];
	arm->curve = stats_km_curve(w, &k, &arm->ncurve);
	stats_km_release(&k);
}

/* Log-rank of two arms over their whole follow-up. */
static void compare_curves(struct stats_work *w, struct experiment *e,
			   const uint32_t *b, const size_t *off)
{
	size_t nc = off[e->control + 1] - off[e->control];
	size_t nv = off[e->variant + 1] - off[e->variant];
	e->logrank_chisq = e->logrank_p = NAN;
	if (!nc || !nv)
		return;
	size_t n = nc + nv;
	double *t = xmalloc(n * sizeof(*t));
	bool *ev = xmalloc(n * sizeof(*ev));
	uint8_t *g = xmalloc(n * sizeof(*g));
	for (size_t i = 0; i < n; i++) {
		uint32_t a = i < nc ? b[off[e->control] + i]
				    : b[off[e->variant] + i - nc];
		t[i] = w->cal[a];
		ev[i] = sw_reached(w, a);
		g[i] = i >= nc;
	}
	struct logrank lr;
	stats_logrank(t, ev, g, n, &lr);
	e->logrank_chisq = lr.chisq;
	e->logrank_p = lr.p_value;
	free(t);
	free(ev);
	free(g);
}

/* P(better) is a sum of many terms: an exact 19/20 computes as
 * 0.94999999999999973, so the thresholds allow that much rounding */
const char *stats_experiment_decision(double p_variant_better)
{
	const double slack = 1e-9;
	return p_variant_better >= 0.95 - slack	  ? "variant better"
	       : p_variant_better <= 0.05 + slack ? "control better"
						  : "keep running";
}

static void compare(struct stats_work *w, struct experiment *e,
		    const uint32_t *b, const size_t *off)
{
	const struct exp_arm *c = &w->s->arms[e->control];
	const struct exp_arm *v = &w->s->arms[e->variant];
	e->accounts = c->accounts + v->accounts;
	/* with no eligible account in an arm its posterior is the prior:
	 * a probability, but not evidence about the nudge */
	e->p_variant_better =
		c->eligible && v->eligible
			? stats_beta_p_better(c->activated,
					      c->eligible - c->activated,
					      v->activated,
					      v->eligible - v->activated)
			: NAN;
	e->decision = stats_experiment_decision(e->p_variant_better);
	compare_curves(w, e, b, off);
}

int stats_experiments_compute(struct stats_work *w, struct diag *d)
{
	struct stats *s = w->s;
	const struct strtab *t = &w->m->attrs[ATTR_VARIANT];
	s->variant_values = t->n;
	/* every arm is compared with the control over both arms' accounts:
	 * thousands of values would be no experiment, and quadratic */
	if (t->n == 0 || t->n > STATS_MAX_ARMS)
		return 0;
	int32_t *pos = xmalloc(t->n * sizeof(*pos));
	arms_setup(w, pos);
	int rc = control_find(w, d);
	if (rc < 0) {
		free(pos);
		return rc;
	}
	int32_t *key = xmalloc((w->n ? w->n : 1) * sizeof(*key));
	for (size_t a = 0; a < w->n; a++) {
		int32_t v = w->m->acc[a].attr[ATTR_VARIANT];
		key[a] = v < 0 ? -1 : pos[v];
	}
	size_t *off;
	uint32_t *b = stats_bucket(w->by_cal, w->nmeasured, key, s->narms,
				   &off);
	for (size_t i = 0; i < s->narms; i++)
		arm_fill(w, &s->arms[i], b + off[i], off[i + 1] - off[i]);
	s->experiments = arena_alloc(w->arena,
				     s->narms * sizeof(*s->experiments));
	for (size_t i = 0; i < s->narms; i++) {
		if (i == s->control_arm)
			continue;
		struct experiment *e = &s->experiments[s->nexperiments++];
		e->control = s->control_arm;
		e->variant = i;
		compare(w, e, b, off);
	}
	free(off);
	free(b);
	free(key);
	free(pos);
	return 0;
}

/* stats_groups.c - the figures of groups of accounts: overall, tiers with
 * their SLA and attainment, cohorts with their curves, breakdowns by any
 * optional column, and renewed vs churned.  Every group is a bucket of one
 * of the two shared sorted orders, so nothing here sorts accounts again. */
#include "stats_priv.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the accounts in by_cal order ---------------------------------------- */

/* The work with the measured accounts renumbered by their place in
 * by_cal, the facts the group figures read side by side in that order:
 * every group of by_cal is then a rising run of places, read forward
 * through memory, where reading the facts by account is a cache miss
 * each (eight breakdowns read seven facts of every account). */
struct by_cal_view {
	/* v.by_cal is 0, 1, 2, ...; the facts view_init sets are by place,
	 * every other per-account array is still the work's, by account */
	struct stats_work v;
};

static void view_init(struct by_cal_view *bv, const struct stats_work *w)
{
	size_t n = w->nmeasured ? w->nmeasured : 1;
	struct stats_work *v = &bv->v;
	*v = *w;
	v->n = w->nmeasured;
	v->cal = xmalloc(n * sizeof(*v->cal));
	v->dur = xmalloc(n * sizeof(*v->dur));
	v->limit = xmalloc(n * sizeof(*v->limit));
	v->arr = xmalloc(n * sizeof(*v->arr));
	v->fv = xmalloc(n * sizeof(*v->fv));
	v->outcome = xmalloc(n * sizeof(*v->outcome));
	v->by_cal = xmalloc(n * sizeof(*v->by_cal));
	for (uint32_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_cal[i];
		v->cal[i] = w->cal[a];
		v->dur[i] = w->dur[a];
		v->limit[i] = w->limit[a];
		v->arr[i] = w->arr[a];
		v->fv[i] = w->fv[a];
		v->outcome[i] = w->outcome[a];
		v->by_cal[i] = i;
	}
}

static void view_release(struct by_cal_view *bv)
{
	struct stats_work *v = &bv->v;
	free(v->cal);
	free(v->dur);
	free(v->limit);
	free(v->arr);
	free(v->fv);
	free(v->outcome);
	free(v->by_cal);
}

/* by_cal's accounts bucketed by key[account] (-1 skipped), as places:
 * stats_bucket over the view. */
static uint32_t *view_bucket(const struct by_cal_view *bv,
			     const struct stats_work *w, const int32_t *key,
			     size_t nkeys, size_t **off)
{
	size_t n = w->nmeasured ? w->nmeasured : 1;
	int32_t *at = xmalloc(n * sizeof(*at));
	for (size_t i = 0; i < w->nmeasured; i++)
		at[i] = key[w->by_cal[i]];
	uint32_t *b = stats_bucket(bv->v.by_cal, w->nmeasured, at, nkeys, off);
	free(at);
	return b;
}

/* ---- tiers -------------------------------------------------------------- */

/* Attainment's rule, for tiers and segments alike: an account counts
 * once its window has closed or it reached first value, and is met when
 * it reached within its SLA. */
static inline void sla_count(const struct stats_work *w, uint32_t a,
			     size_t *met, size_t *closed)
{
	double lim = w->limit[a];
	if (isnan(lim))
		return;
	bool reached = sw_reached(w, a), over = w->dur[a] > lim;
	*closed += reached || over;
	*met += reached && !over;
}

static void tier_sla(struct stats_work *w, size_t t, const uint32_t *idx,
		     size_t n)
{
	struct tier_stats *ts = &w->s->tiers[t];
	if (strcmp(ts->sla_source, "auto") == 0 && !isnan(ts->g.p[2])) {
		/* the buffer's default (20 % for high-touch, seed 000) is
		 * decided in the config, for a tier with or without a section */
		double buffer = config_tier_resolve(w->c, ts->g.name).buffer;
		double raw = ts->g.p[2] * (1 + buffer);
		/* 35 x 1.2 is 42.000000000000007 in binary: not 43 */
		ts->sla_days = ceil(raw - 1e-9);
	}
	ts->sla_calendar_days = ts->days == DAYS_BUSINESS
					? ts->sla_days * 7 / 5
					: ts->sla_days;
	for (size_t i = 0; i < n; i++) {
		uint32_t a = idx[i];
		double own = w->own_sla[a];
		double lim = isnan(own) ? ts->sla_days : own;
		w->limit[a] = lim;
		sla_count(w, a, &ts->sla_met, &ts->sla_closed);
		if (!isnan(lim) && w->dur[a] > lim)
			w->breach_at[a] = stats_deadline(w, (int32_t)a,
							 w->start[a], lim,
							 ts->days);
	}
	ts->attainment = ts->sla_closed ? (double)ts->sla_met /
						  (double)ts->sla_closed
					: NAN;
	stats_wilson(ts->sla_met, ts->sla_closed, &ts->attainment_lower,
		     &ts->attainment_upper);
}

void stats_tiers_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	size_t *off;
	uint32_t *b = stats_bucket(w->by_dur, w->nmeasured, w->tier, s->ntiers,
				   &off);
	for (size_t t = 0; t < s->ntiers; t++) {
		size_t n = off[t + 1] - off[t];
		stats_group_fill(&s->tiers[t].g, w, w->dur, b + off[t], n,
				 NULL);
		tier_sla(w, t, b + off[t], n);
	}
	free(off);
	free(b);
}

/* ---- cohorts ------------------------------------------------------------ */

static int64_t floordiv7(int64_t a)
{
	return a >= 0 ? a / 7 : -((-a + 6) / 7);
}

/* Period number of a local day: months and quarters count from year 0,
 * weeks are Monday-based (day 4 was a Monday). */
static int64_t period_of(enum cohort_unit u, int64_t day)
{
	int64_t y;
	unsigned m, d;
	if (u == COHORT_WEEK)
		return floordiv7(day - 4);
	tu_civil_from_days(day, &y, &m, &d);
	return u == COHORT_MONTH ? y * 12 + (m - 1) : y * 4 + (m - 1) / 3;
}

static int64_t period_first_day(enum cohort_unit u, int64_t p)
{
	if (u == COHORT_WEEK)
		return p * 7 + 4;
	int64_t months = u == COHORT_MONTH ? p : p * 3;
	int64_t y = months >= 0 ? months / 12 : -((-months + 11) / 12);
	return tu_days_from_civil(y, (unsigned)(months - y * 12) + 1, 1);
}

static const char *period_label(const struct stats_work *w,
				enum cohort_unit u, int64_t p)
{
	int64_t day = period_first_day(u, p), y;
	unsigned m, d;
	char tmp[32];
	if (u == COHORT_WEEK) {
		/* ISO 8601: the week's Thursday decides its year */
		int64_t thu = day + 3;
		tu_civil_from_days(thu, &y, &m, &d);
		int64_t week = (thu - tu_days_from_civil(y, 1, 1)) / 7 + 1;
		snprintf(tmp, sizeof(tmp), "%04d-W%02d", (int)y, (int)week);
	} else {
		tu_civil_from_days(day, &y, &m, &d);
		if (u == COHORT_MONTH)
			snprintf(tmp, sizeof(tmp), "%04d-%02u", (int)y, m);
		else
			snprintf(tmp, sizeof(tmp), "%04d-Q%u", (int)y,
				 (m - 1) / 3 + 1);
	}
	return arena_strndup(w->arena, tmp, strlen(tmp));
}

/* Cohort index of every measured account (key, -1 for the others) and
 * the periods in order (*periods, caller frees): periods span a few
 * hundred values (ingest bounds the dates), so a table over their range
 * replaces a sort. */
static size_t cohort_keys(const struct stats_work *w, enum cohort_unit u,
			  int32_t *key, int64_t **periods)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	int64_t *per = xmalloc((w->n ? w->n : 1) * sizeof(*per));
	for (size_t a = 0; a < w->n; a++) {
		key[a] = -1;
		if (w->start[a] == TTFV_NO_TIME)
			continue;
		int64_t p = per[a] = period_of(u, tu_day_of(w->start[a]));
		lo = p < lo ? p : lo;
		hi = p > hi ? p : hi;
	}
	/* ingest takes dates from 1970-2099 only: at most 6,800 weeks */
	size_t range = w->nmeasured ? (size_t)(hi - lo) + 1 : 0;
	int32_t *slot = xmalloc((range ? range : 1) * sizeof(*slot));
	for (size_t i = 0; i < range; i++)
		slot[i] = -1;
	for (size_t a = 0; a < w->n; a++) {
		if (w->start[a] == TTFV_NO_TIME)
			continue;
		per[a] -= lo;
		slot[per[a]] = 0;
	}
	size_t g = 0;
	int64_t *p = xmalloc((range ? range : 1) * sizeof(*p));
	for (size_t i = 0; i < range; i++)
		if (slot[i] == 0) {
			slot[i] = (int32_t)g;
			p[g++] = lo + (int64_t)i;
		}
	for (size_t a = 0; a < w->n; a++)
		if (w->start[a] != TTFV_NO_TIME)
			key[a] = slot[per[a]];
	free(per);
	free(slot);
	*periods = p;
	return g;
}

/* A group and its cohort curve for each of the g keys (key[a] per
 * account, -1 for none), in calendar days; the caller names them. */
static struct cohort_stats *curve_groups(struct stats_work *w,
					 const struct by_cal_view *bv,
					 const int32_t *key, size_t g)
{
	size_t *off;
	uint32_t *b = view_bucket(bv, w, key, g, &off);
	struct cohort_stats *cs =
		arena_alloc(w->arena, (g ? g : 1) * sizeof(*cs));
	for (size_t c = 0; c < g; c++) {
		struct km k;
		stats_group_fill(&cs[c].g, &bv->v, bv->v.cal, b + off[c],
				 off[c + 1] - off[c], &k);
		cs[c].curve = stats_km_curve(w, &k, &cs[c].ncurve);
		stats_km_release(&k);
	}
	free(off);
	free(b);
	return cs;
}

static void cohorts_compute(struct stats_work *w, const struct by_cal_view *bv)
{
	struct stats *s = w->s;
	enum cohort_unit u = s->cohort_unit;
	/* kept for the trend, which splits groups by cohort again */
	int32_t *key = w->cohort = xmalloc((w->n ? w->n : 1) * sizeof(*key));
	int64_t *uniq;
	size_t g = cohort_keys(w, u, key, &uniq);
	s->cohorts = curve_groups(w, bv, key, g);
	s->ncohorts = g;
	for (size_t c = 0; c < g; c++) {
		struct cohort_stats *cs = &s->cohorts[c];
		cs->g.name = period_label(w, u, uniq[c]);
		cs->start = tu_day_start(period_first_day(u, uniq[c]));
		cs->end = tu_day_start(period_first_day(u, uniq[c] + 1));
		cs->complete = cs->end <= s->as_of;
	}
	free(uniq);
}

/* ---- breakdowns --------------------------------------------------------- */

/* Headcount bands, as CRMs and LinkedIn use them. */
static const struct {
	double hi;
	const char *name;
} size_band[] = {
	{10, "1-10"},	    {50, "11-50"},     {200, "51-200"},
	{500, "201-500"},   {1000, "501-1000"}, {5000, "1001-5000"},
	{INFINITY, "5001+"},
};
#define NSIZE_BANDS (sizeof(size_band) / sizeof(size_band[0]))

/* Band of each company_size value when every value is a number, else -1
 * (the values are grouped as written). */
static int *size_bands(const struct strtab *t)
{
	int *band = xmalloc((t->n ? t->n : 1) * sizeof(*band));
	for (size_t v = 0; v < t->n; v++) {
		double x;
		if (!str_to_double(t->str[v], &x) || x < 0) {
			free(band);
			return NULL;
		}
		size_t i = 0;
		while (x > size_band[i].hi)
			i++;
		band[v] = (int)i;
	}
	return band;
}

struct named {
	const char *name;
	int32_t v;
};

/* Values that start with a number ("11-50", "201-1000", "5000+") in
 * numeric order, the rest alphabetically. */
static int cmp_named(const void *a, const void *b)
{
	const char *x = ((const struct named *)a)->name;
	const char *y = ((const struct named *)b)->name;
	if (isdigit((unsigned char)*x) && isdigit((unsigned char)*y)) {
		double dx = strtod(x, NULL), dy = strtod(y, NULL);
		if (dx != dy)
			return (dx > dy) - (dx < dy);
	}
	return strcmp(x, y);
}

/* Value (or band) index -> group position, groups named in *names. */
static size_t breakdown_groups(const struct strtab *t, const int *band,
			       int32_t *pos, const char **names)
{
	size_t g = 0;
	if (band) {
		bool used[NSIZE_BANDS] = {false};
		int32_t at[NSIZE_BANDS];
		for (size_t v = 0; v < t->n; v++)
			used[band[v]] = true;
		for (size_t i = 0; i < NSIZE_BANDS; i++)
			if (used[i]) {
				at[i] = (int32_t)g;
				names[g++] = size_band[i].name;
			}
		for (size_t v = 0; v < t->n; v++)
			pos[v] = at[band[v]];
		return g;
	}
	struct named *nv = xmalloc((t->n ? t->n : 1) * sizeof(*nv));
	for (size_t v = 0; v < t->n; v++) {
		nv[v].name = t->str[v];
		nv[v].v = (int32_t)v;
	}
	qsort(nv, t->n, sizeof(*nv), cmp_named);
	for (size_t i = 0; i < t->n; i++) {
		pos[nv[i].v] = (int32_t)i;
		names[i] = nv[i].name;
	}
	free(nv);
	return t->n;
}

/* The group of every account by attribute at (key, -1 when blank), the
 * groups' names in *names (caller frees), their number returned: values
 * in breakdown_groups' order, headcounts in bands. */
static size_t attr_keys(const struct stats_work *w, int at, int32_t *key,
			const char ***names)
{
	const struct strtab *t = &w->m->attrs[at];
	int *band = schema_attr_flags(at) & SCHEMA_BANDED ? size_bands(t)
							  : NULL;
	int32_t *pos = xmalloc((t->n ? t->n : 1) * sizeof(*pos));
	*names = xmalloc((t->n ? t->n : 1) * sizeof(**names));
	size_t g = breakdown_groups(t, band, pos, *names);
	for (size_t a = 0; a < w->n; a++) {
		int32_t v = w->m->acc[a].attr[at];
		key[a] = v < 0 ? -1 : pos[v];
	}
	free(pos);
	free(band);
	return g;
}

/* Cohort curves by an attribute's values ([report] cohort = channel):
 * a group per value, measured in calendar days as the period cohorts
 * are; the trend keeps the period cohorts. */
static void curves_by_attribute(struct stats_work *w,
				const struct by_cal_view *bv, int at)
{
	struct stats *s = w->s;
	int32_t *key = xmalloc((w->n ? w->n : 1) * sizeof(*key));
	const char **names;
	size_t g = attr_keys(w, at, key, &names);
	s->curves = curve_groups(w, bv, key, g);
	s->ncurves = g;
	for (size_t c = 0; c < g; c++) {
		struct cohort_stats *cs = &s->curves[c];
		cs->g.name = names[c];
		cs->start = cs->end = TTFV_NO_TIME;
		cs->complete = true;
	}
	free(names);
	free(key);
}

static void curves_compute(struct stats_work *w, const struct by_cal_view *bv)
{
	struct stats *s = w->s;
	s->cohort_column = w->c->cohort_column;
	int at = schema_attr_of(s->cohort_column);
	if (at >= 0) {
		curves_by_attribute(w, bv, at);
		return;
	}
	s->curves = s->cohorts;
	s->ncurves = s->ncohorts;
}

static void segment_facts(const struct stats_work *w, const uint32_t *idx,
			  size_t n, struct segment_facts *f)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t a = idx[i];
		double arr = w->arr[a];
		sla_count(w, a, &f->sla_met, &f->sla_closed);
		if (isnan(arr))
			continue;
		if (sw_reached(w, a))
			f->arr_reached += arr;
		else if (w->outcome[a] != OUTCOME_CHURNED)
			f->arr_onboarding += arr;
	}
	f->attainment = f->sla_closed ? (double)f->sla_met /
						(double)f->sla_closed
				      : NAN;
	stats_wilson(f->sla_met, f->sla_closed, &f->attainment_lower,
		     &f->attainment_upper);
}

static void breakdowns_compute(struct stats_work *w,
			       const struct by_cal_view *bv)
{
	struct stats *s = w->s;
	s->breakdowns = arena_alloc(w->arena,
				    ATTR_COUNT * sizeof(*s->breakdowns));
	int32_t *key = xmalloc((w->n ? w->n : 1) * sizeof(*key));
	for (int at = 0; at < ATTR_COUNT; at++) {
		const struct strtab *t = &w->m->attrs[at];
		unsigned flags = schema_attr_flags(at);
		if (!(flags & SCHEMA_BREAKDOWN) || t->n == 0)
			continue;
		const char **names;
		size_t g = attr_keys(w, at, key, &names);
		size_t *off;
		uint32_t *b = view_bucket(bv, w, key, g, &off);
		struct breakdown *bd = &s->breakdowns[s->nbreakdowns++];
		bd->column = schema_attr_name(at);
		bd->groups = arena_alloc(w->arena, g * sizeof(*bd->groups));
		bd->facts = arena_alloc(w->arena, g * sizeof(*bd->facts));
		memset(bd->facts, 0, g * sizeof(*bd->facts));
		bd->n = g;
		for (size_t i = 0; i < g; i++) {
			size_t n = off[i + 1] - off[i];
			stats_group_fill(&bd->groups[i], &bv->v, bv->v.cal,
					 b + off[i], n, NULL);
			bd->groups[i].name = names[i];
			segment_facts(&bv->v, b + off[i], n, &bd->facts[i]);
		}
		free(off);
		free(b);
		free(names);
	}
	free(key);
	for (size_t a = 0; a < w->n; a++)
		s->arr_known |= !isnan(w->arr[a]);
}

/* The "By segment" section: the configured columns in their order, or
 * the default segments present. */
static void segments_choose(struct stats_work *w)
{
	struct stats *s = w->s;
	const struct config *c = w->c;
	size_t n = c->breakdowns_set ? c->nbreakdowns : s->nbreakdowns;
	s->segments = arena_alloc(w->arena,
				  (n ? n : 1) * sizeof(*s->segments));
	if (!c->breakdowns_set) {
		for (size_t i = 0; i < s->nbreakdowns; i++)
			/* who the customer is and who looks after it, not
			 * how onboarding went or an experiment arm */
			if (schema_attr_flags(schema_attr_of(
				    s->breakdowns[i].column)) & SCHEMA_SEGMENT)
				s->segments[s->nsegments++] = &s->breakdowns[i];
		return;
	}
	for (size_t k = 0; k < c->nbreakdowns; k++) {
		const struct breakdown *found = NULL;
		for (size_t i = 0; i < s->nbreakdowns && !found; i++)
			if (strcmp(s->breakdowns[i].column,
				   c->breakdowns[k]) == 0)
				found = &s->breakdowns[i];
		if (found)
			s->segments[s->nsegments++] = found;
		else
			s->segments_absent[s->nsegments_absent++] =
				c->breakdowns[k];
	}
}

/* ---- renewed vs churned ------------------------------------------------- */

/* "0-30", "31-60", ">60" from the bounds 30, 60, then "not reached". */
static void bands_setup(struct stats_work *w)
{
	struct stats *s = w->s;
	const struct config *c = w->c;
	s->nbands = c->nrenewal_bands + 2;
	s->bands = arena_alloc(w->arena, s->nbands * sizeof(*s->bands));
	memset(s->bands, 0, s->nbands * sizeof(*s->bands));
	char tmp[32];
	for (size_t b = 0; b < s->nbands; b++) {
		if (b + 1 == s->nbands)
			snprintf(tmp, sizeof tmp, "not reached");
		else if (b == c->nrenewal_bands)
			snprintf(tmp, sizeof tmp, ">%d",
				 c->renewal_bands[b - 1]);
		else
			snprintf(tmp, sizeof tmp, "%d-%d",
				 b ? c->renewal_bands[b - 1] + 1 : 0,
				 c->renewal_bands[b]);
		s->bands[b].band = arena_strndup(w->arena, tmp, strlen(tmp));
	}
}

/* Band of a reached account's TTFV: the first bound it does not pass. */
static size_t band_of(const struct config *c, double t)
{
	size_t b = 0;
	while (b < c->nrenewal_bands && t > c->renewal_bands[b])
		b++;
	return b;
}

/* SPEC 8.1: the first band against the slowest with enough accounts. */
static void bands_gap(struct stats *s)
{
	const struct band *from = &s->bands[0], *to = NULL;
	for (size_t b = s->nbands; b-- > 1 && !to;)
		if (s->bands[b].accounts >= STATS_SMALL_N)
			to = &s->bands[b];
	if (!to || from->accounts == 0)
		return;
	s->gap.from = from;
	s->gap.to = to;
	s->gap.difference = from->renewal_rate - to->renewal_rate;
	s->gap.p_value = stats_prop_test2(from->renewed, from->accounts,
					  to->renewed, to->accounts);
	s->gap.significant = s->gap.p_value < 0.05;
	s->gap.to_never = to == &s->bands[s->nbands - 1];
}

static void outcomes_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	double *ren = arena_alloc(w->arena,
				  (w->nmeasured + 1) * sizeof(*ren));
	double *chu = arena_alloc(w->arena,
				  (w->nmeasured + 1) * sizeof(*chu));
	size_t nr = 0, nc = 0;
	bands_setup(w);
	for (size_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_cal[i];
		int oc = w->outcome[a];
		if (oc != OUTCOME_RENEWED && oc != OUTCOME_CHURNED)
			continue;
		/* accounts that never got there are the last band */
		size_t b = s->nbands - 1;
		if (sw_reached(w, a)) {
			double t = w->cal[a];
			if (oc == OUTCOME_RENEWED)
				ren[nr++] = t;
			else
				chu[nc++] = t;
			b = band_of(w->c, t);
		}
		s->bands[b].accounts++;
		s->bands[b].renewed += oc == OUTCOME_RENEWED;
	}
	for (size_t b = 0; b < s->nbands; b++) {
		struct band *bd = &s->bands[b];
		bd->renewal_rate = bd->accounts ? (double)bd->renewed /
							  (double)bd->accounts
						: NAN;
		stats_wilson(bd->renewed, bd->accounts, &bd->renewal_rate_lower,
			     &bd->renewal_rate_upper);
	}
	bands_gap(s);
	s->renewed.ttfv = ren;
	s->renewed.accounts = nr;
	s->churned.ttfv = chu;
	s->churned.accounts = nc;
	for (int i = 0; i < STATS_NPCT; i++) {
		s->renewed.p[i] = stats_quantile7(ren, nr, stats_pct_level[i]);
		s->churned.p[i] = stats_quantile7(chu, nc, stats_pct_level[i]);
	}
}

void stats_groups_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	struct by_cal_view bv;
	view_init(&bv, w);
	stats_group_fill(&s->overall, &bv.v, bv.v.cal, bv.v.by_cal,
			 w->nmeasured, NULL);
	s->overall.name = "overall";
	cohorts_compute(w, &bv);
	curves_compute(w, &bv);
	breakdowns_compute(w, &bv);
	view_release(&bv);
	segments_choose(w);
	outcomes_compute(w);
	stats_trend_compute(w);
}

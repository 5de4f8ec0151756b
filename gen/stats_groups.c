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

/* ---- tiers -------------------------------------------------------------- */

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
	for (size_t i = 0; i < n; i++) {
		uint32_t a = idx[i];
		double own = w->m->acc[a].sla_days;
		double lim = isnan(own) ? ts->sla_days : own;
		w->limit[a] = lim;
		if (isnan(lim))
			continue;
		bool reached = sw_reached(w, a);
		bool over = w->dur[a] > lim;
		if (reached || over)
			ts->sla_closed++;
		ts->sla_met += reached && !over;
		if (over)
			w->breach_at[a] = stats_deadline(w, (int32_t)a,
							 w->start[a], lim,
							 ts->days);
	}
	ts->attainment = ts->sla_closed ? (double)ts->sla_met /
						  (double)ts->sla_closed
					: NAN;
}

static void tiers_compute(struct stats_work *w)
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

static const char *period_label(struct stats *s, enum cohort_unit u,
				int64_t p)
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
	return arena_strndup(&s->arena, tmp, strlen(tmp));
}

/* Cohort index of every measured account (key, -1 for the others) and
 * the periods in order (*periods, caller frees): periods span a few
 * hundred values, so a table over their range replaces a sort. */
static size_t cohort_keys(const struct stats_work *w, enum cohort_unit u,
			  int32_t *key, int64_t **periods)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t a = 0; a < w->n; a++) {
		key[a] = -1;
		if (w->start[a] == TTFV_NO_TIME)
			continue;
		int64_t p = period_of(u, tu_day_of(w->start[a]));
		lo = p < lo ? p : lo;
		hi = p > hi ? p : hi;
	}
	size_t range = w->nmeasured ? (size_t)(hi - lo) + 1 : 0;
	/* clock starts decades apart would make the table huge: cap it at
	 * a few hundred years of weeks and clamp the outliers to its ends */
	if (range > 40000)
		range = 40000;
	int32_t *slot = xmalloc((range ? range : 1) * sizeof(*slot));
	for (size_t i = 0; i < range; i++)
		slot[i] = -1;
	int64_t *per = xmalloc((w->n ? w->n : 1) * sizeof(*per));
	for (size_t a = 0; a < w->n; a++) {
		if (w->start[a] == TTFV_NO_TIME)
			continue;
		int64_t off = period_of(u, tu_day_of(w->start[a])) - lo;
		per[a] = off < (int64_t)range ? off : (int64_t)range - 1;
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

static void cohorts_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	enum cohort_unit u = s->cohort_unit;
	int32_t *key = xmalloc((w->n ? w->n : 1) * sizeof(*key));
	int64_t *uniq;
	size_t g = cohort_keys(w, u, key, &uniq);
	size_t *off;
	uint32_t *b = stats_bucket(w->by_cal, w->nmeasured, key, g, &off);
	s->cohorts = arena_alloc(&s->arena, (g ? g : 1) * sizeof(*s->cohorts));
	s->ncohorts = g;
	for (size_t c = 0; c < g; c++) {
		struct cohort_stats *cs = &s->cohorts[c];
		struct km k;
		stats_group_fill(&cs->g, w, w->cal, b + off[c],
				 off[c + 1] - off[c], &k);
		cs->g.name = period_label(s, u, uniq[c]);
		cs->start = tu_day_start(period_first_day(u, uniq[c]));
		cs->curve = stats_km_curve(s, &k, &cs->ncurve);
		stats_km_release(&k);
	}
	free(off);
	free(b);
	free(key);
	free(uniq);
}

/* ---- breakdowns --------------------------------------------------------- */

static const char *const attr_column[ATTR_COUNT] = {
	"tier", "plan", "company_size", "channel", "csm", "region",
	"intervention_path", "blocker_type", "variant",
};

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

static void breakdowns_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	s->breakdowns = arena_alloc(&s->arena,
				    ATTR_COUNT * sizeof(*s->breakdowns));
	int32_t *key = xmalloc((w->n ? w->n : 1) * sizeof(*key));
	for (int at = 0; at < ATTR_COUNT; at++) {
		const struct strtab *t = &w->m->attrs[at];
		if (at == ATTR_TIER || t->n == 0)
			continue;
		int *band = at == ATTR_COMPANY_SIZE ? size_bands(t) : NULL;
		int32_t *pos = xmalloc(t->n * sizeof(*pos));
		const char **names = xmalloc(t->n * sizeof(*names));
		size_t g = breakdown_groups(t, band, pos, names);
		for (size_t a = 0; a < w->n; a++) {
			int32_t v = w->m->acc[a].attr[at];
			key[a] = v < 0 ? -1 : pos[v];
		}
		size_t *off;
		uint32_t *b = stats_bucket(w->by_cal, w->nmeasured, key, g,
					   &off);
		struct breakdown *bd = &s->breakdowns[s->nbreakdowns++];
		bd->column = attr_column[at];
		bd->groups = arena_alloc(&s->arena, g * sizeof(*bd->groups));
		bd->n = g;
		for (size_t i = 0; i < g; i++) {
			stats_group_fill(&bd->groups[i], w, w->cal, b + off[i],
					 off[i + 1] - off[i], NULL);
			bd->groups[i].name = names[i];
		}
		free(off);
		free(b);
		free(names);
		free(pos);
		free(band);
	}
	free(key);
}

/* ---- renewed vs churned ------------------------------------------------- */

static void outcomes_compute(struct stats_work *w)
{
	struct stats *s = w->s;
	static const char *const band_name[STATS_NBANDS] = {"0-30", "31-60",
							    ">60"};
	double *ren = arena_alloc(&s->arena,
				  (w->nmeasured + 1) * sizeof(*ren));
	double *chu = arena_alloc(&s->arena,
				  (w->nmeasured + 1) * sizeof(*chu));
	size_t nr = 0, nc = 0;
	for (int b = 0; b < STATS_NBANDS; b++)
		s->bands[b].band = band_name[b];
	for (size_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_cal[i];
		int oc = w->m->acc[a].outcome;
		if (!sw_reached(w, a) ||
		    (oc != OUTCOME_RENEWED && oc != OUTCOME_CHURNED))
			continue;
		double t = w->cal[a];
		if (oc == OUTCOME_RENEWED)
			ren[nr++] = t;
		else
			chu[nc++] = t;
		int b = t <= 30 ? 0 : t <= 60 ? 1 : 2;
		s->bands[b].accounts++;
		s->bands[b].renewed += oc == OUTCOME_RENEWED;
	}
	for (int b = 0; b < STATS_NBANDS; b++)
		s->bands[b].renewal_rate =
			s->bands[b].accounts ? (double)s->bands[b].renewed /
						       (double)s->bands[b].accounts
					     : NAN;
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
	stats_group_fill(&s->overall, w, w->cal, w->by_cal, w->nmeasured,
			 NULL);
	s->overall.name = "overall";
	tiers_compute(w);
	cohorts_compute(w);
	breakdowns_compute(w);
	outcomes_compute(w);
}

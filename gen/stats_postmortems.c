/* stats_postmortems.c - SLA-breach post-mortems (seed 000): count and share
 * per category with its owner, the last six months, and how many breaches
 * got one: none (missing) or more than five business days late. */
#include "stats_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_category(const void *x, const void *y)
{
	const struct pm_category_stats *p = x, *q = y;
	if (p->count != q->count)
		return (p->count < q->count) - (p->count > q->count);
	return (int)p->category - (int)q->category;
}

static int64_t month_of(int64_t t)
{
	int64_t y;
	unsigned m, d;
	tu_civil_from_days(tu_day_of(t), &y, &m, &d);
	return y * 12 + (m - 1);
}

static void categories_and_months(struct stats_work *w)
{
	struct stats *s = w->s;
	const struct model *m = w->m;
	int64_t last = month_of(s->as_of - 1);
	for (int i = 0; i < STATS_PM_MONTHS; i++) {
		int64_t mo = last - (STATS_PM_MONTHS - 1) + i;
		int64_t y = mo >= 0 ? mo / 12 : -((-mo + 11) / 12);
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%04d-%02d", (int)(y % 10000),
			 (int)(mo - y * 12 + 1));
		memcpy(s->pm_months[i].month, tmp, 7);
		s->pm_months[i].month[7] = '\0';
	}
	for (int c = 0; c < PM_COUNT; c++) {
		s->pm[c].category = (enum pm_category)c;
		s->pm[c].key = schema_pms[c].key;
		s->pm[c].label = schema_pms[c].label;
		s->pm[c].owner = schema_pms[c].owner;
	}
	for (size_t i = 0; i < m->npms; i++) {
		const struct postmortem *p = &m->pms[i];
		if (p->category >= PM_COUNT)
			continue;
		s->pm[p->category].count++;
		s->pm_total++;
		int64_t t = p->opened_at != TTFV_NO_TIME ? p->opened_at
							 : p->breached_at;
		if (t == TTFV_NO_TIME)
			continue;
		int64_t i6 = month_of(t) - (last - (STATS_PM_MONTHS - 1));
		if (i6 >= 0 && i6 < STATS_PM_MONTHS) {
			s->pm_months[i6].count[p->category]++;
			s->pm_months[i6].total++;
		}
	}
	for (int c = 0; c < PM_COUNT; c++)
		s->pm[c].share = s->pm_total ? (double)s->pm[c].count /
						       (double)s->pm_total
					     : NAN;
	qsort(s->pm, PM_COUNT, sizeof(s->pm[0]), cmp_category);
	s->pm_top = s->pm_total ? &s->pm[0] : NULL;
}

static void pm_rows_sort(struct pm_missing *rows, size_t n)
{
	struct stats_rowkey *key = xmalloc((n ? n : 1) * sizeof(*key));
	for (size_t i = 0; i < n; i++) {
		key[i].k1 = rows[i].breached_at;
		key[i].k2 = rows[i].account;
		key[i].i = (uint32_t)i;
	}
	stats_rows_sort(rows, n, sizeof(*rows), key);
	free(key);
}

/* Seed 000: a breach triggers a post-mortem within 5 business days.  Every
 * breached account counts in the coverage; one with none once its five
 * days have passed is missing, one whose first came after them is late. */
static void coverage(struct stats_work *w)
{
	struct stats *s = w->s;
	const struct model *m = w->m;
	/* earliest post-mortem per account opened before the as-of instant;
	 * one without a date counts as on time, since nothing says it was
	 * late */
	int64_t *opened = xmalloc((w->n ? w->n : 1) * sizeof(*opened));
	bool *has = xcalloc(w->n ? w->n : 1, sizeof(*has));
	for (size_t a = 0; a < w->n; a++)
		opened[a] = TTFV_NO_TIME;
	for (size_t i = 0; i < m->npms; i++) {
		const struct postmortem *p = &m->pms[i];
		if (p->opened_at != TTFV_NO_TIME && p->opened_at >= s->as_of)
			continue;
		int64_t t = p->opened_at == TTFV_NO_TIME ? INT64_MIN + 1
							 : p->opened_at;
		if (!has[p->account] || t < opened[p->account])
			opened[p->account] = t;
		has[p->account] = true;
	}
	size_t n = 0;
	for (size_t i = 0; i < w->nmeasured; i++)
		n += w->breach_at[w->by_account[i]] != TTFV_NO_TIME;
	s->pm_missing = arena_alloc(w->arena,
				    (n ? n : 1) * sizeof(*s->pm_missing));
	s->pm_late = arena_alloc(w->arena, (n ? n : 1) * sizeof(*s->pm_late));
	for (size_t i = 0; i < w->nmeasured; i++) {
		uint32_t a = w->by_account[i];
		int64_t b = w->breach_at[a];
		if (b == TTFV_NO_TIME)
			continue;
		s->pm_breaches++;
		s->pm_with += has[a];
		int64_t due = stats_instant_after(w, b, 5, DAYS_BUSINESS);
		bool late = has[a] && opened[a] > due;
		if (has[a] ? !late : due > s->as_of)
			continue;
		struct pm_missing *pm = late ? &s->pm_late[s->npm_late++]
					     : &s->pm_missing[s->npm_missing++];
		pm->account = (int32_t)a;
		pm->breached_at = b;
		pm->days_since = stats_duration(w, -1, b, s->as_of,
						DAYS_BUSINESS);
		pm->account_id = w->m->acc[a].id;
		pm->name = w->m->acc[a].name;
		pm->tier = s->tiers[w->tier[a]].g.name;
		pm->reached = sw_reached(w, a);
		pm->opened_at = late ? opened[a] : TTFV_NO_TIME;
		pm->days_to_postmortem =
			late ? stats_duration(w, -1, b, opened[a], DAYS_BUSINESS)
			     : NAN;
	}
	s->pm_coverage = s->pm_breaches ? (double)s->pm_with /
						  (double)s->pm_breaches
					: NAN;
	stats_wilson(s->pm_with, s->pm_breaches, &s->pm_coverage_lower,
		     &s->pm_coverage_upper);
	pm_rows_sort(s->pm_missing, s->npm_missing);
	pm_rows_sort(s->pm_late, s->npm_late);
	free(opened);
	free(has);
}

void stats_postmortems_compute(struct stats_work *w)
{
	categories_and_months(w);
	coverage(w);
}

/* stats_ttfv.c - per-account TTFV: clock start per tier, first value,
 * SLA pauses, calendar or business days, as-of date and censoring. */
#include "stats_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- business days ------------------------------------------------------ */

static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return q - (a % b != 0 && (a < 0) != (b < 0));
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void stats_work_holidays(struct stats_work *w)
{
	const struct config *c = w->c;
	w->hol = xmalloc((c->nholidays ? c->nholidays : 1) * sizeof(*w->hol));
	w->nhol = 0;
	for (size_t i = 0; i < c->nholidays; i++)
		if (tu_weekday(c->holidays[i]) < 5)
			w->hol[w->nhol++] = c->holidays[i];
	qsort(w->hol, w->nhol, sizeof(*w->hol), cmp_i64);
	size_t u = 0;
	for (size_t i = 0; i < w->nhol; i++)
		if (u == 0 || w->hol[u - 1] != w->hol[i])
			w->hol[u++] = w->hol[i];
	w->nhol = u;
}

/* Weekday holidays before day d. */
static int64_t holidays_before(const struct stats_work *w, int64_t d)
{
	size_t lo = 0, hi = w->nhol;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->hol[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int64_t)lo;
}

/* Business days before day d, counted from the Monday 1970-01-05 (day 4):
 * whole weeks give five each, so this is O(log holidays) for any span. */
static int64_t business_days_before(const struct stats_work *w, int64_t d)
{
	int64_t k = d - 4, weeks = floordiv(k, 7), r = k - weeks * 7;
	return weeks * 5 + (r < 5 ? r : 5) - holidays_before(w, d);
}

static bool is_business_day(const struct stats_work *w, int64_t day)
{
	return tu_weekday(day) < 5 &&
	       holidays_before(w, day + 1) == holidays_before(w, day);
}

/* Business days from the reference up to instant t: whole days in *whole,
 * the part of t's own day in the return value.  Kept apart so spans of a
 * few days between instants 20,000 days from the reference stay exact. */
static double business_part(const struct stats_work *w, int64_t t,
			    int64_t *whole)
{
	int64_t day = tu_day_of(t);
	*whole = business_days_before(w, day);
	if (!is_business_day(w, day))
		return 0;
	int64_t ds = tu_day_start(day), de = tu_day_start(day + 1);
	double f = de > ds ? (double)(t - ds) / (double)(de - ds) : 0;
	return f < 0 ? 0 : f > 1 ? 1 : f;
}

static double span(const struct stats_work *w, int64_t a, int64_t b,
		   enum day_kind kind)
{
	if (kind == DAYS_CALENDAR)
		return (double)(b - a) / TU_DAY;
	int64_t wa, wb;
	double fa = business_part(w, a, &wa), fb = business_part(w, b, &wb);
	return (double)(wb - wa) + (fb - fa);
}

int64_t stats_instant_after(const struct stats_work *w, int64_t t,
			    double days, enum day_kind kind)
{
	if (kind == DAYS_CALENDAR)
		return t + llround(days * TU_DAY);
	int64_t base;
	double x = business_part(w, t, &base) + days;
	double fl = floor(x);
	int64_t k = base + (int64_t)fl;
	double frac = x - fl;
	/* a whole number of business days ends with the last business day,
	 * not at the start of the next one after a weekend */
	if (frac == 0) {
		k--;
		frac = 1;
	}
	/* the business day d with k business days before it: the smallest d
	 * with more than k business days before d + 1 */
	int64_t guess = 4 + floordiv(k, 5) * 7, lo = guess, hi = guess;
	for (int64_t step = 7; business_days_before(w, lo + 1) > k; step *= 2)
		lo -= step;
	for (int64_t step = 7; business_days_before(w, hi + 1) <= k; step *= 2)
		hi += step;
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (business_days_before(w, mid + 1) > k)
			hi = mid;
		else
			lo = mid;
	}
	int64_t ds = tu_day_start(hi), de = tu_day_start(hi + 1);
	return ds + llround(frac * (double)(de - ds));
}

struct interval {
	int64_t a, b;
};

static int cmp_interval(const void *x, const void *y)
{
	const struct interval *p = x, *q = y;
	return (p->a > q->a) - (p->a < q->a);
}

#define LOCAL_PAUSES 16

/* The account's pauses clipped to [a, b] (an open pause runs to b),
 * sorted and merged so overlapping pauses count once.  Returns how many;
 * *out is local (LOCAL_PAUSES entries) or, past that, heap memory the
 * caller frees. */
static size_t pauses_merged(const struct stats_work *w, int32_t account,
			    int64_t a, int64_t b, struct interval *local,
			    struct interval **out)
{
	struct interval *iv = local;
	size_t n = 0, cap = LOCAL_PAUSES;
	const struct pause *ps = w->m->pauses;
	for (int32_t p = w->m->acc[account].first_pause; p >= 0;
	     p = ps[p].next) {
		int64_t pa = ps[p].paused_at, pb = ps[p].resumed_at;
		if (pa == TTFV_NO_TIME)
			continue;
		if (pb == TTFV_NO_TIME || pb > b)
			pb = b;
		if (pa < a)
			pa = a;
		if (pb <= pa)
			continue;
		if (n == cap) {
			struct interval *grown = xmalloc(cap * 2 * sizeof(*grown));
			memcpy(grown, iv, n * sizeof(*iv));
			if (iv != local)
				free(iv);
			iv = grown;
			cap *= 2;
		}
		iv[n].a = pa;
		iv[n++].b = pb;
	}
	qsort(iv, n, sizeof(*iv), cmp_interval);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && iv[i].a <= iv[m - 1].b) {
			if (iv[i].b > iv[m - 1].b)
				iv[m - 1].b = iv[i].b;
		} else {
			iv[m++] = iv[i];
		}
	}
	*out = iv;
	return m;
}

double stats_duration(const struct stats_work *w, int32_t account, int64_t a,
		      int64_t b, enum day_kind kind)
{
	if (b <= a)
		return 0;
	double d = span(w, a, b, kind);
	if (account < 0 || w->m->acc[account].first_pause < 0)
		return d;
	struct interval local[LOCAL_PAUSES], *iv;
	size_t n = pauses_merged(w, account, a, b, local, &iv);
	for (size_t i = 0; i < n; i++)
		d -= span(w, iv[i].a, iv[i].b, kind);
	if (iv != local)
		free(iv);
	return d > 0 ? d : 0;
}

int64_t stats_deadline(const struct stats_work *w, int32_t account,
		       int64_t start, double days, enum day_kind kind)
{
	int64_t t = stats_instant_after(w, start, days, kind);
	if (w->m->acc[account].first_pause < 0)
		return t;
	/* each pause that begins before the deadline pushes it back by its
	 * own length; one still open stops the clock for good */
	struct interval local[LOCAL_PAUSES], *iv;
	size_t n = pauses_merged(w, account, start, INT64_MAX, local, &iv);
	for (size_t i = 0; i < n && iv[i].a < t; i++) {
		if (iv[i].b == INT64_MAX) {
			t = TTFV_NO_TIME;
			break;
		}
		t = stats_instant_after(w, t, span(w, iv[i].a, iv[i].b, kind),
					kind);
	}
	if (iv != local)
		free(iv);
	return t;
}

/* ---- tiers and clock start --------------------------------------------- */

struct tier_value {
	const char *name;
	int32_t v;		/* value index, -1 for the blank tier */
};

static int cmp_tier_value(const void *a, const void *b)
{
	const struct tier_value *x = a, *y = b;
	/* the blank tier sorts last */
	if (x->v < 0 || y->v < 0)
		return (x->v < 0) - (y->v < 0);
	return strcmp(x->name, y->name);
}

void stats_tiers_setup(struct stats_work *w)
{
	struct stats *s = w->s;
	const struct strtab *tab = &w->m->attrs[ATTR_TIER];
	bool blank = false;
	for (size_t i = 0; i < w->n; i++)
		blank |= w->m->acc[i].attr[ATTR_TIER] < 0;
	size_t n = tab->n + blank;
	struct tier_value *val = xmalloc((n ? n : 1) * sizeof(*val));
	for (size_t i = 0; i < tab->n; i++) {
		val[i].name = tab->str[i];
		val[i].v = (int32_t)i;
	}
	if (blank) {
		val[tab->n].name = "(no tier)";
		val[tab->n].v = -1;
	}
	qsort(val, n, sizeof(*val), cmp_tier_value);

	s->tiers = arena_alloc(w->arena, (n ? n : 1) * sizeof(*s->tiers));
	s->ntiers = n;
	w->tier_ms = xmalloc((n ? n : 1) * sizeof(*w->tier_ms));
	for (size_t t = 0; t < n; t++) {
		struct tier_stats *ts = &s->tiers[t];
		ts->g.name = val[t].name;
		const struct tier_conf *tc =
			val[t].v < 0 ? NULL : config_tier(w->c, ts->g.name);
		int ms = tc ? schema_milestone_of(tc->clock_start) : -1;
		w->tier_ms[t] = ms < 0 ? MS_SIGNED : ms;
		ts->clock_start = schema_milestone_name(w->tier_ms[t]);
		ts->days = tc ? tc->days : DAYS_CALENDAR;
		ts->sla_source = tc && !tc->sla_auto ? "config" : "auto";
		ts->contractual = tc && tc->contractual;
		ts->sla_days = tc && !tc->sla_auto ? tc->sla_days : NAN;
		ts->attainment = NAN;
	}
	/* value index -> tier position; the blank tier at tab->n */
	int32_t *pos = xmalloc((tab->n + 1) * sizeof(*pos));
	for (size_t t = 0; t < n; t++)
		pos[val[t].v < 0 ? tab->n : (size_t)val[t].v] = (int32_t)t;
	w->tier = xmalloc((w->n ? w->n : 1) * sizeof(*w->tier));
	for (size_t i = 0; i < w->n; i++) {
		int32_t v = w->m->acc[i].attr[ATTR_TIER];
		w->tier[i] = pos[v < 0 ? tab->n : (size_t)v];
		s->dq.accounts_without_tier += v < 0;
	}
	free(pos);
	free(val);
}

/* ---- first value -------------------------------------------------------- */

/* The event ev when the data has it, else the first_value_at column. */
static struct step_src first_value_src(const struct stats_work *w,
				       const char *ev)
{
	struct step_src src = {-1, -1};
	src.ev = ev ? strtab_find(&w->m->event_names, ev, strlen(ev)) : -1;
	if (src.ev < 0)
		src.ms = MS_FIRST_VALUE;
	return src;
}

/* "event X", "column first_value_at" or, for an event the data lacks,
 * "column first_value_at (first_value_event not in the events)". */
static const char *first_value_text(const struct stats_work *w,
				    const char *ev, struct step_src src)
{
	struct buf b = BUF_INIT;
	if (src.ev >= 0)
		buf_addf(&b, "event %s", ev);
	else
		buf_addf(&b, "column first_value_at%s",
			 ev ? " (first_value_event not in the events)" : "");
	const char *t = arena_strndup(w->arena, b.ptr, b.len);
	buf_release(&b);
	return t;
}

void stats_first_value_source(struct stats_work *w)
{
	struct stats *s = w->s;
	const char *ev = w->c->first_value_event;
	/* config_check refused data with neither */
	w->fv_src = first_value_src(w, ev);
	s->dq.first_value_source = first_value_text(w, ev, w->fv_src);
	w->path = xcalloc(s->ntiers ? s->ntiers : 1, sizeof(*w->path));
	for (size_t t = 0; t < s->ntiers; t++) {
		struct tier_stats *ts = &s->tiers[t];
		const struct tier_conf *tc = config_tier(w->c, ts->g.name);
		const char *tev = config_tier_first_value_event(w->c, tc);
		w->path[t].fv_src = first_value_src(w, tev);
		ts->first_value_source =
			tev == ev ? s->dq.first_value_source
				  : first_value_text(w, tev, w->path[t].fv_src);
	}
}

int64_t stats_src_time(const struct stats_work *w, struct step_src src,
		       uint32_t a)
{
	int64_t t = src.ms >= 0 ? w->m->acc[a].ms[src.ms]
				: model_event_first(w->m, src.ev, (int32_t)a);
	/* SPEC 3: only what happened strictly before the as-of instant */
	return t != TTFV_NO_TIME && t >= w->s->as_of ? TTFV_NO_TIME : t;
}

int64_t stats_step_at(const struct stats_work *w, size_t k, uint32_t a)
{
	return stats_src_time(w, w->step_src[k], a);
}

/* ---- measuring every account -------------------------------------------- */

/* Measured accounts by time, events before censorings at equal times,
 * then by account: one stable pass that puts events first, then the
 * radix sort.  Linear, where qsort was the largest cost of the whole
 * computation at 200,000 accounts. */
static uint32_t *sorted_by(const struct stats_work *w, const double *t)
{
	size_t cap = w->nmeasured ? w->nmeasured : 1, n = 0;
	struct stats_keyed *k = xmalloc(cap * sizeof(*k));
	/* events first: reached accounts, then the others, each in account
	 * order */
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t a = 0; a < w->n; a++)
			if (w->start[a] != TTFV_NO_TIME &&
			    sw_reached(w, a) == (pass == 0))
				k[n++] = (struct stats_keyed){
					stats_key_of(t[a] > 0 ? t[a] : 0), a};
	stats_keyed_sort(k, n);
	uint32_t *out = xmalloc(cap * sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i] = k[i].i;
	free(k);
	return out;
}

void stats_accounts_measure(struct stats_work *w)
{
	struct stats *s = w->s;
	size_t n = w->n ? w->n : 1;
	w->start = xmalloc(n * sizeof(*w->start));
	w->fv = xmalloc(n * sizeof(*w->fv));
	w->cal = xmalloc(n * sizeof(*w->cal));
	w->dur = xmalloc(n * sizeof(*w->dur));
	s->ttfv = arena_alloc(w->arena, n * sizeof(*s->ttfv));
	s->ttfv_sla = arena_alloc(w->arena, n * sizeof(*s->ttfv_sla));
	w->arr = xmalloc(n * sizeof(*w->arr));
	w->own_sla = xmalloc(n * sizeof(*w->own_sla));
	w->outcome = xmalloc(n * sizeof(*w->outcome));
	bool business = false;
	for (uint32_t a = 0; a < w->n; a++) {
		const struct account *acc = &w->m->acc[a];
		w->arr[a] = acc->arr;
		w->own_sla[a] = acc->sla_days;
		w->outcome[a] = acc->outcome;
		int32_t t = w->tier[a];
		int64_t st = acc->ms[w->tier_ms[t]];
		w->fv[a] = TTFV_NO_TIME;
		w->cal[a] = w->dur[a] = s->ttfv[a] = s->ttfv_sla[a] = NAN;
		if (st == TTFV_NO_TIME || st >= s->as_of) {
			w->start[a] = TTFV_NO_TIME;
			s->dq.accounts_without_clock_start++;
			continue;
		}
		w->start[a] = st;
		w->nmeasured++;
		int64_t fv = stats_src_time(w, w->path[t].fv_src, a);
		if (fv != TTFV_NO_TIME && fv < st) {
			w->fv_before_start++;
			fv = st;
		}
		w->fv[a] = fv;
		int64_t end = fv != TTFV_NO_TIME ? fv : s->as_of;
		enum day_kind kind = s->tiers[t].days;
		w->cal[a] = stats_duration(w, (int32_t)a, st, end,
					   DAYS_CALENDAR);
		w->dur[a] = kind == DAYS_CALENDAR
				    ? w->cal[a]
				    : stats_duration(w, (int32_t)a, st, end, kind);
		business |= kind != DAYS_CALENDAR;
		if (fv != TTFV_NO_TIME) {
			s->ttfv[a] = w->cal[a];
			s->ttfv_sla[a] = w->dur[a];
		}
	}
	s->dq.first_value_before_start = w->fv_before_start;
	w->by_account = xmalloc((w->nmeasured ? w->nmeasured : 1) *
				sizeof(*w->by_account));
	for (uint32_t a = 0, i = 0; a < w->n; a++)
		if (w->start[a] != TTFV_NO_TIME)
			w->by_account[i++] = a;
	w->by_cal = sorted_by(w, w->cal);
	if (business) {
		w->by_dur = sorted_by(w, w->dur);
	} else {
		w->by_dur = xmalloc((w->nmeasured ? w->nmeasured : 1) *
				    sizeof(*w->by_dur));
		memcpy(w->by_dur, w->by_cal,
		       w->nmeasured * sizeof(*w->by_dur));
	}
}

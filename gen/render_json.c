/* render_json.c - report.json, the machine-readable contract of SPEC
 * section 5, plus every other figure of struct stats.
 *
 * Bytes are deterministic: keys in a fixed order, doubles in the shortest
 * of %.15g / %.16g / %.17g that reads back to the same double, NAN and
 * infinities as null.  Strings are valid UTF-8 whatever came in: invalid
 * bytes become U+FFFD. */
#include "render.h"
#include "timeutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 16

struct jw {
	struct buf *b;
	int depth;
	int flat;		/* depth from which elements share one line */
	bool more[JSON_MAX_DEPTH];	/* an element precedes at this depth */
};

static void j_next(struct jw *j, const char *key)
{
	if (j->more[j->depth])
		buf_putc(j->b, ',');
	j->more[j->depth] = true;
	if (j->flat && j->depth >= j->flat) {
		buf_putc(j->b, ' ');
	} else if (j->depth > 0) {
		static const char nl_indent[] =
			"\n                                ";
		int n = 1 + 2 * j->depth;
		buf_put(j->b, nl_indent,
			(size_t)(n < (int)sizeof(nl_indent) - 1
					 ? n
					 : (int)sizeof(nl_indent) - 1));
	}
	if (key) {
		buf_putc(j->b, '"');
		buf_puts(j->b, key);
		buf_put(j->b, "\": ", 3);
	}
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid:
 * no overlong forms, no surrogates, nothing past U+10FFFF. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	unsigned cp = c & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static void j_put_string(struct buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), run = 0;
	buf_putc(b, '"');
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		size_t len = utf8_len(s + i, n - i);
		if (len > 1) {
			i += len;
			continue;
		}
		/* flush the plain run before this byte */
		buf_put(b, (const char *)s + run, i - run);
		if (len == 0)
			buf_put(b, "\xEF\xBF\xBD", 3);	/* U+FFFD */
		else if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n') {
			buf_put(b, "\\n", 2);
		} else if (c == '\t') {
			buf_put(b, "\\t", 2);
		} else if (c == '\r') {
			buf_put(b, "\\r", 2);
		} else {
			buf_addf(b, "\\u%04x", c);
		}
		run = ++i;
	}
	buf_put(b, (const char *)s + run, n - run);
	buf_putc(b, '"');
}

static void j_put_double(struct buf *b, double v)
{
	if (!isfinite(v)) {
		buf_puts(b, "null");
		return;
	}
	char tmp[40];
	/* whole numbers (counts, SLA days) without printf */
	if (v == trunc(v) && fabs(v) < 1e15) {
		long long x = (long long)v;
		char *p = tmp + sizeof(tmp);
		bool neg = x < 0 || (x == 0 && signbit(v));
		unsigned long long u = x < 0 ? -(unsigned long long)x
					     : (unsigned long long)x;
		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		if (neg)
			*--p = '-';
		buf_put(b, p, (size_t)(tmp + sizeof(tmp) - p));
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	buf_puts(b, tmp);
}

static void j_str(struct jw *j, const char *key, const char *v)
{
	j_next(j, key);
	if (v)
		j_put_string(j->b, v);
	else
		buf_puts(j->b, "null");
}

static void j_num(struct jw *j, const char *key, double v)
{
	j_next(j, key);
	j_put_double(j->b, v);
}

static void j_int(struct jw *j, const char *key, size_t v)
{
	j_next(j, key);
	buf_addf(j->b, "%zu", v);
}

static void j_bool(struct jw *j, const char *key, bool v)
{
	j_next(j, key);
	buf_puts(j->b, v ? "true" : "false");
}

static void j_date(struct jw *j, const char *key, int64_t t)
{
	if (t == TTFV_NO_TIME) {
		j_str(j, key, NULL);
		return;
	}
	/* without printf: a report of 200,000 accounts has a million dates */
	int64_t y;
	unsigned m, d;
	tu_civil_from_days(tu_day_of(t), &y, &m, &d);
	unsigned yy = (unsigned)(y < 0 ? 0 : y > 9999 ? 9999 : y);
	char out[12] = {'"',
			(char)('0' + yy / 1000),
			(char)('0' + yy / 100 % 10),
			(char)('0' + yy / 10 % 10),
			(char)('0' + yy % 10),
			'-',
			(char)('0' + m / 10),
			(char)('0' + m % 10),
			'-',
			(char)('0' + d / 10),
			(char)('0' + d % 10),
			'"'};
	j_next(j, key);
	buf_put(j->b, out, sizeof(out));
}

static void j_open(struct jw *j, const char *key, char c)
{
	j_next(j, key);
	buf_putc(j->b, c);
	j->depth++;
	j->more[j->depth] = false;
}

static void j_close(struct jw *j, char c)
{
	bool any = j->more[j->depth];
	bool flat = j->flat && j->depth >= j->flat;
	j->depth--;
	if (any && flat) {
		buf_putc(j->b, ' ');
	} else if (any) {
		buf_putc(j->b, '\n');
		for (int i = 0; i < j->depth; i++)
			buf_put(j->b, "  ", 2);
	}
	buf_putc(j->b, c);
}

/* ---- sections ----------------------------------------------------------- */

static void j_percentiles(struct jw *j, const double p[STATS_NPCT],
			  const char *prefix)
{
	char key[16];
	for (int i = 0; i < STATS_NPCT; i++) {
		snprintf(key, sizeof(key), "%s%s", prefix, stats_pct_name[i]);
		j_num(j, key, p[i]);
	}
}

static void j_group(struct jw *j, const struct group *g)
{
	j_int(j, "accounts", g->accounts);
	j_int(j, "reached", g->reached);
	j_int(j, "censored", g->censored);
	j_percentiles(j, g->p, "");
	j_percentiles(j, g->km, "km_");
}

static const char *day_kind_name(enum day_kind k)
{
	return k == DAYS_BUSINESS ? "business" : "calendar";
}

static void j_tiers(struct jw *j, const struct stats *s)
{
	j_open(j, "tiers", '[');
	for (size_t i = 0; i < s->ntiers; i++) {
		const struct tier_stats *t = &s->tiers[i];
		j_open(j, NULL, '{');
		j_str(j, "tier", t->g.name);
		j_group(j, &t->g);
		j_num(j, "sla_days", t->sla_days);
		j_str(j, "sla_source", t->sla_source);
		j_str(j, "days", day_kind_name(t->days));
		j_str(j, "clock_start", t->clock_start);
		j_int(j, "sla_met", t->sla_met);
		j_int(j, "sla_closed", t->sla_closed);
		j_num(j, "attainment", t->attainment);
		j_int(j, "on_track", t->on_track);
		j_int(j, "at_risk", t->at_risk);
		j_int(j, "breached", t->breached);
		j_close(j, '}');
	}
	j_close(j, ']');
}

static void j_cohorts(struct jw *j, const struct stats *s)
{
	j_open(j, "cohorts", '[');
	for (size_t i = 0; i < s->ncohorts; i++) {
		const struct cohort_stats *c = &s->cohorts[i];
		j_open(j, NULL, '{');
		j_str(j, "cohort", c->g.name);
		j_date(j, "start", c->start);
		j_group(j, &c->g);
		/* one line: a curve has up to horizon + 1 points */
		j_next(j, "curve");
		buf_putc(j->b, '[');
		for (size_t d = 0; d < c->ncurve; d++) {
			buf_addf(j->b, "%s[%zu, ", d ? ", " : "", d);
			j_put_double(j->b, c->curve[d]);
			buf_putc(j->b, ']');
		}
		buf_putc(j->b, ']');
		j_close(j, '}');
	}
	j_close(j, ']');
}

static void j_breakdowns(struct jw *j, const struct stats *s)
{
	j_open(j, "breakdowns", '[');
	for (size_t i = 0; i < s->nbreakdowns; i++) {
		const struct breakdown *bd = &s->breakdowns[i];
		j_open(j, NULL, '{');
		j_str(j, "column", bd->column);
		j_open(j, "groups", '[');
		for (size_t g = 0; g < bd->n; g++) {
			j_open(j, NULL, '{');
			j_str(j, "value", bd->groups[g].name);
			j_group(j, &bd->groups[g]);
			j_close(j, '}');
		}
		j_close(j, ']');
		j_close(j, '}');
	}
	j_close(j, ']');
}

static void j_steps_and_funnel(struct jw *j, const struct stats *s)
{
	j_open(j, "steps", '[');
	for (size_t k = 0; k < s->nsteps; k++) {
		const struct step_info *st = &s->steps[k];
		j_open(j, NULL, '{');
		j_str(j, "step", st->name);
		j_str(j, "column", st->column);
		j_str(j, "event", st->event);
		j_num(j, "max_days", st->max_days);
		j_str(j, "playbook", st->playbook);
		j_close(j, '}');
	}
	j_close(j, ']');
	j_open(j, "funnel", '[');
	for (size_t k = 0; k < s->nfunnel; k++) {
		const struct funnel_step *f = &s->funnel[k];
		j_open(j, NULL, '{');
		j_str(j, "step", f->step);
		j_int(j, "reached", f->reached);
		j_int(j, "next", f->next);
		j_num(j, "conversion", f->conversion);
		j_num(j, "dropoff", f->dropoff);
		j_num(j, "median_days_to_next", f->median_days_to_next);
		j_bool(j, "largest_dropoff", (int)k == s->funnel_worst);
		j_close(j, '}');
	}
	j_close(j, ']');
	j_str(j, "funnel_largest_dropoff",
	      s->funnel_worst >= 0 ? s->funnel[s->funnel_worst].step : NULL);
}

static void j_outcome(struct jw *j, const char *key,
		      const struct outcome_group *o)
{
	j_open(j, key, '{');
	j_int(j, "accounts", o->accounts);
	j_percentiles(j, o->p, "");
	j_close(j, '}');
}

static void j_outcomes(struct jw *j, const struct stats *s)
{
	j_open(j, "outcomes", '{');
	j_outcome(j, "renewed", &s->renewed);
	j_outcome(j, "churned", &s->churned);
	j_open(j, "bands", '[');
	for (int b = 0; b < STATS_NBANDS; b++) {
		j_open(j, NULL, '{');
		j_str(j, "band", s->bands[b].band);
		j_int(j, "accounts", s->bands[b].accounts);
		j_int(j, "renewed", s->bands[b].renewed);
		j_num(j, "renewal_rate", s->bands[b].renewal_rate);
		j_close(j, '}');
	}
	j_close(j, ']');
	j_close(j, '}');
}

static void j_onboarding(struct jw *j, const struct stats *s)
{
	j_open(j, "onboarding", '[');
	/* one line per account: the list can hold every account */
	j->flat = j->depth + 1;
	for (size_t i = 0; i < s->nonboarding; i++) {
		const struct onboarding_row *r = &s->onboarding[i];
		j_open(j, NULL, '{');
		j_str(j, "account_id", r->account_id);
		j_str(j, "name", r->name);
		j_str(j, "tier", r->tier);
		j_str(j, "csm", r->csm);
		j_str(j, "status", stats_status_name(r->status));
		j_num(j, "elapsed_days", r->elapsed_days);
		j_num(j, "sla_days", r->sla_days);
		j_str(j, "days", day_kind_name(r->days));
		j_date(j, "clock_start", r->clock_start);
		j_str(j, "current_step", r->current_step);
		j_str(j, "last_step", r->last_step);
		j_date(j, "last_step_at", r->last_step_at);
		j_num(j, "stalled_days", r->stalled_days);
		j_num(j, "step_max_days", r->step_max_days);
		j_bool(j, "over_step_max", r->over_step_max);
		/* the day by whose end it is due */
		j_date(j, "deadline",
		       r->deadline == TTFV_NO_TIME ? r->deadline
						   : r->deadline - 1);
		j_date(j, "projected_first_value", r->projected_first_value);
		j_str(j, "alert", r->alert);
		j_bool(j, "no_exec_sponsor", r->flag_no_exec_sponsor);
		j_close(j, '}');
	}
	j->flat = 0;
	j_close(j, ']');
}

static void j_postmortems(struct jw *j, const struct stats *s)
{
	static const char *const cat_key[PM_COUNT] = {
		"product", "data_migration", "configuration",
		"customer_readiness"};
	j_open(j, "postmortems", '{');
	j_int(j, "total", s->pm_total);
	j_str(j, "top", s->pm_top ? s->pm_top->key : NULL);
	j_str(j, "top_owner", s->pm_top ? s->pm_top->owner : NULL);
	j_open(j, "categories", '[');
	for (int c = 0; c < PM_COUNT; c++) {
		const struct pm_category_stats *pc = &s->pm[c];
		j_open(j, NULL, '{');
		j_str(j, "category", pc->key);
		j_str(j, "label", pc->label);
		j_str(j, "owner", pc->owner);
		j_int(j, "count", pc->count);
		j_num(j, "share", pc->share);
		j_close(j, '}');
	}
	j_close(j, ']');
	j_open(j, "months", '[');
	for (int i = 0; i < STATS_PM_MONTHS; i++) {
		j_open(j, NULL, '{');
		j_str(j, "month", s->pm_months[i].month);
		for (int c = 0; c < PM_COUNT; c++)
			j_int(j, cat_key[c], s->pm_months[i].count[c]);
		j_close(j, '}');
	}
	j_close(j, ']');
	j_open(j, "missing", '[');
	j->flat = j->depth + 1;
	for (size_t i = 0; i < s->npm_missing; i++) {
		const struct pm_missing *pm = &s->pm_missing[i];
		j_open(j, NULL, '{');
		j_str(j, "account_id", pm->account_id);
		j_str(j, "name", pm->name);
		j_str(j, "tier", pm->tier);
		j_date(j, "breached_at", pm->breached_at);
		j_num(j, "business_days_since", pm->days_since);
		j_bool(j, "reached", pm->reached);
		j_close(j, '}');
	}
	j->flat = 0;
	j_close(j, ']');
	j_close(j, '}');
}

static void j_targets_trend_churn(struct jw *j, const struct stats *s)
{
	j_open(j, "targets", '[');
	for (int i = 0; i < TARGET_COUNT; i++) {
		const struct target_row *t = &s->targets[i];
		j_open(j, NULL, '{');
		j_str(j, "target", t->key);
		j_str(j, "label", t->label);
		j_num(j, "value", t->value);
		j_num(j, "goal", t->target);
		j_num(j, "warning", t->warning);
		j_bool(j, "higher_is_better", t->higher_is_better);
		j_bool(j, "share", t->is_share);
		j_str(j, "status", t->status);
		j_close(j, '}');
	}
	j_close(j, ']');
	j_open(j, "trend", '{');
	j_bool(j, "rising", s->trend_rising);
	j_open(j, "points", '[');
	for (size_t i = 0; i < s->ntrend; i++) {
		j_open(j, NULL, '{');
		j_str(j, "cohort", s->trend[i].cohort);
		j_int(j, "reached", s->trend[i].reached);
		j_num(j, "p50", s->trend[i].p50);
		j_num(j, "p75", s->trend[i].p75);
		j_close(j, '}');
	}
	j_close(j, ']');
	j_close(j, '}');
	const struct churn_flags *cf = &s->churn;
	j_open(j, "churn_flags", '{');
	j_int(j, "breach", cf->breach);
	j_next(j, "no_exec_sponsor");
	if (cf->exec_sponsor_known)
		buf_addf(j->b, "%zu", cf->no_exec_sponsor);
	else
		buf_puts(j->b, "null");
	j_next(j, "low_wau");
	if (cf->wau_known)
		buf_addf(j->b, "%zu", cf->low_wau);
	else
		buf_puts(j->b, "null");
	j_int(j, "any", cf->any);
	j_close(j, '}');
}

static void j_data_quality(struct jw *j, const struct stats *s)
{
	const struct data_quality *q = &s->dq;
	j_open(j, "data_quality", '{');
	j_int(j, "rows_skipped", q->rows_skipped);
	j_str(j, "skipped", q->skipped && *q->skipped ? q->skipped : NULL);
	j_int(j, "accounts_without_tier", q->accounts_without_tier);
	j_int(j, "accounts_without_clock_start",
	      q->accounts_without_clock_start);
	j_int(j, "first_value_before_start", q->first_value_before_start);
	j_int(j, "event_names_unused", q->event_names_unused);
	j_int(j, "events_untracked", q->events_untracked);
	j_int(j, "steps_unreached", q->steps_unreached);
	j_bool(j, "steps_default", q->steps_default);
	j_bool(j, "steps_inferred", q->steps_inferred);
	j_str(j, "inferred_steps_ini", q->inferred_steps_ini);
	j_str(j, "first_value_source", q->first_value_source);
	j_close(j, '}');
}

static void j_account(struct jw *j, const struct stats *s)
{
	const struct account_summary *a = s->account;
	if (!a)
		return;
	j_open(j, "account", '{');
	j_str(j, "account_id", a->account_id);
	j_str(j, "name", a->name);
	j_str(j, "tier", a->tier);
	j_date(j, "clock_start", a->clock_start);
	j_bool(j, "reached", a->reached);
	j_date(j, "first_value_at", a->first_value_at);
	j_num(j, "ttfv_days", a->ttfv);
	j_num(j, "ttfv_calendar_days", a->ttfv_calendar);
	j_num(j, "elapsed_days", a->elapsed_days);
	j_str(j, "days", day_kind_name(a->days));
	j_num(j, "sla_days", a->sla_days);
	j_num(j, "tier_sla_days", a->tier_sla);
	j_num(j, "tier_median_days", a->tier_median);
	j_num(j, "overall_median_days", a->overall_median);
	j_str(j, "status", a->reached ? NULL : stats_status_name(a->status));
	j_str(j, "current_step", a->current_step);
	j_str(j, "alert", a->alert);
	j_open(j, "steps", '[');
	for (size_t k = 0; k < s->nsteps; k++) {
		j_open(j, NULL, '{');
		j_str(j, "step", s->steps[k].name);
		j_date(j, "at", a->step_at[k]);
		j_close(j, '}');
	}
	j_close(j, ']');
	j_close(j, '}');
}

void render_json(const struct stats *s, struct buf *out)
{
	struct jw j;
	memset(&j, 0, sizeof(j));
	j.b = out;
	j_open(&j, NULL, '{');
	j_str(&j, "title", s->title);
	j_str(&j, "as_of", s->as_of_date);
	j_str(&j, "cohort_unit", s->cohort_unit == COHORT_WEEK	  ? "week"
				 : s->cohort_unit == COHORT_QUARTER ? "quarter"
								    : "month");
	j_int(&j, "horizon_days", (size_t)s->horizon_days);
	j_open(&j, "accounts", '{');
	j_int(&j, "total", s->overall.accounts);
	j_int(&j, "reached", s->overall.reached);
	j_int(&j, "censored", s->overall.censored);
	j_int(&j, "in_data", s->accounts_in_data);
	j_close(&j, '}');
	j_open(&j, "overall", '{');
	j_percentiles(&j, s->overall.p, "");
	j_percentiles(&j, s->overall.km, "km_");
	j_close(&j, '}');
	j_tiers(&j, s);
	j_cohorts(&j, s);
	j_breakdowns(&j, s);
	j_steps_and_funnel(&j, s);
	j_outcomes(&j, s);
	j_postmortems(&j, s);
	j_onboarding(&j, s);
	j_targets_trend_churn(&j, s);
	j_data_quality(&j, s);
	j_account(&j, s);
	j_close(&j, '}');
	buf_putc(out, '\n');
}

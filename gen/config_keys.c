/* config_keys.c - what each key of the configuration means (SPEC 2).
 *
 * Every value is checked where it is read, and every problem names the
 * line; a refused value leaves the default in place.
 */
#include "config_parse.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "timeutil.h"

static const char *const report_keys[] = {
	"title", "as_of", "timezone", "cohort", "horizon_days", "holidays",
	"first_value_event", "date_format", "encoding", "wau_threshold",
	"kickoff_target_days", "business_value", "renewal_bands", "breakdowns",
	"driver_days", NULL};
enum {
	R_TITLE, R_AS_OF, R_TIMEZONE, R_COHORT, R_HORIZON, R_HOLIDAYS,
	R_FIRST_VALUE_EVENT, R_DATE_FORMAT, R_ENCODING, R_WAU, R_KICKOFF,
	R_BUSINESS_VALUE, R_RENEWAL_BANDS, R_BREAKDOWNS, R_DRIVER_DAYS
};

static const char *const tier_keys[] = {"clock_start", "sla_days", "buffer",
					"days", "sla", "first_value_event",
					"steps", NULL};
enum { T_CLOCK_START, T_SLA_DAYS, T_BUFFER, T_DAYS, T_SLA,
       T_FIRST_VALUE_EVENT, T_STEPS };

static const char *const step_keys[] = {"column", "event", "max_days",
					"playbook", "route", "label", NULL};
enum { S_COLUMN, S_EVENT, S_MAX_DAYS, S_PLAYBOOK, S_ROUTE, S_LABEL };

static const char *const routing_keys[] = {
	"human_risk", "risk", "arr_percentile", "next_check_days",
	"human_next_check_days", NULL};
enum { RT_HUMAN_RISK, RT_RISK, RT_ARR_PERCENTILE, RT_NEXT_CHECK,
       RT_HUMAN_NEXT_CHECK };

static const char *const experiment_keys[] = {"control", NULL};

/* in enum target_id order */
static const char *const target_keys[] = {
	"median_ttfv_days", "first_value_rate_7d", "manual_assist_share",
	"record_completeness", "week2_retention", NULL};

int config_name_find(const char *const *table, const char *s)
{
	size_t n = strlen(s);
	for (int i = 0; table[i]; i++)
		if (str_ieq_n(s, n, table[i]))
			return i;
	return -1;
}

char *config_trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static void str_set(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* "a, b or c" from a table, for messages; the caller releases b. */
static void words_list(struct buf *b, const char *const *table)
{
	for (int i = 0; table[i]; i++) {
		if (i)
			buf_puts(b, table[i + 1] ? ", " : " or ");
		buf_puts(b, table[i]);
	}
}

static void section_label(const struct parse *p, struct buf *b)
{
	const struct config *c = p->c;
	switch (p->sec) {
	case SEC_REPORT: buf_puts(b, "[report]"); break;
	case SEC_TIER:
		buf_addf(b, "[tier %s]", c->tiers[c->ntiers - 1].name);
		break;
	case SEC_STEP:
		buf_addf(b, "[step %s]", c->steps[c->nsteps - 1].name);
		break;
	case SEC_COLUMNS: buf_puts(b, "[columns]"); break;
	case SEC_ROUTING: buf_puts(b, "[routing]"); break;
	case SEC_EXPERIMENT: buf_puts(b, "[experiment]"); break;
	default: buf_puts(b, "[targets]"); break;
	}
}

static void unknown_key(struct parse *p, const char *key,
			const char *const *table)
{
	struct buf where = BUF_INIT, list = BUF_INIT;
	section_label(p, &where);
	words_list(&list, table);
	diag_add(p->d, p->path, p->line, NULL,
		 "unknown key '%s' in %s; expected %s", key, buf_cstr(&where),
		 buf_cstr(&list));
	buf_release(&where);
	buf_release(&list);
}

/* Each key once per section; a repeat is refused, not silently kept. */
static bool key_once(struct parse *p, int k, const char *key)
{
	int *seen = &p->seen[p->sec][k];
	if (*seen) {
		diag_add(p->d, p->path, p->line, key,
			 "given twice (first on line %d)", *seen);
		return false;
	}
	*seen = p->line;
	return true;
}

/* A number in [lo, hi], or (lo, hi] when above_lo. */
static bool num_parse(struct parse *p, const char *key, const char *v,
		      double lo, double hi, bool above_lo, double *out)
{
	double x;
	if (str_to_double(v, &x) && (above_lo ? x > lo : x >= lo) && x <= hi) {
		*out = x;
		return true;
	}
	if (above_lo)
		diag_add(p->d, p->path, p->line, key,
			 "'%s' is not a number above %g and at most %g", v, lo,
			 hi);
	else
		diag_add(p->d, p->path, p->line, key,
			 "'%s' is not a number from %g to %g", v, lo, hi);
	return false;
}

static bool int_parse(struct parse *p, const char *key, const char *v,
		      long lo, long hi, long *out)
{
	long x;
	if (str_to_long(v, &x) && x >= lo && x <= hi) {
		*out = x;
		return true;
	}
	diag_add(p->d, p->path, p->line, key,
		 "'%s' is not a whole number from %ld to %ld", v, lo, hi);
	return false;
}

/* One of the words of table; their index, or -1 (reported). */
static int word_parse(struct parse *p, const char *key, const char *v,
		      const char *const *table)
{
	int k = config_name_find(table, v);
	if (k < 0) {
		struct buf list = BUF_INIT;
		words_list(&list, table);
		diag_add(p->d, p->path, p->line, key, "'%s' is not %s", v,
			 buf_cstr(&list));
		buf_release(&list);
	}
	return k;
}

/* A comma-separated list of YYYY-MM-DD; load_finish sorts them. */
static void holidays_add(struct parse *p, const char *key, const char *value)
{
	struct config *c = p->c;
	char *copy = xstrdup(value);
	for (char *tok = copy; tok;) {
		char *comma = strchr(tok, ',');
		if (comma)
			*comma = '\0';
		char *t = config_trim(tok);
		tok = comma ? comma + 1 : NULL;
		int64_t day;
		if (!*t)
			continue;
		if (!tu_parse_day(t, &day)) {
			diag_add(p->d, p->path, p->line, key,
				 "cannot parse '%s' as a date (YYYY-MM-DD)", t);
		} else if (c->nholidays >= CONFIG_MAX_HOLIDAYS) {
			diag_add(p->d, p->path, p->line, key,
				 "more than %d holidays", CONFIG_MAX_HOLIDAYS);
			break;
		} else {
			VEC_RESERVE(c->holidays, p->cap_holidays,
				    c->nholidays + 1);
			c->holidays[c->nholidays++] = (int32_t)day;
		}
	}
	free(copy);
	p->cont = CONT_HOLIDAYS;
}

/* "30, 60": whole days, ascending; all or nothing, so a refused list
 * keeps the default bands. */
static void renewal_bands_set(struct parse *p, const char *key,
			      const char *value)
{
	int band[CONFIG_MAX_BANDS];
	size_t n = 0;
	bool ok = true;
	char *copy = xstrdup(value);
	for (char *tok = copy; tok && ok;) {
		char *comma = strchr(tok, ',');
		if (comma)
			*comma = '\0';
		char *t = config_trim(tok);
		tok = comma ? comma + 1 : NULL;
		long x;
		if (n == CONFIG_MAX_BANDS) {
			diag_add(p->d, p->path, p->line, key,
				 "more than %d bands", CONFIG_MAX_BANDS);
			ok = false;
		} else if (!str_to_long(t, &x) || x < 1 ||
			   x > CONFIG_MAX_HORIZON) {
			diag_add(p->d, p->path, p->line, key,
				 "'%s' is not a whole number of days from 1 "
				 "to %d",
				 t, CONFIG_MAX_HORIZON);
			ok = false;
		} else if (n > 0 && x <= band[n - 1]) {
			diag_add(p->d, p->path, p->line, key,
				 "%ld is not above the band before it (%d); "
				 "give the bounds in ascending order",
				 x, band[n - 1]);
			ok = false;
		} else {
			band[n++] = (int)x;
		}
	}
	free(copy);
	if (ok) {
		memcpy(p->c->renewal_bands, band, n * sizeof(band[0]));
		p->c->nrenewal_bands = n;
	}
}

/* "plan, company_size, channel": columns of the "By segment" section. */
static void breakdowns_set(struct parse *p, const char *key,
			   const char *value)
{
	struct config *c = p->c;
	const char *breakdown_columns[ATTR_COUNT + 1];
	size_t nb = 0;
	for (int at = 0; at < ATTR_COUNT; at++)
		if (schema_attr_flags(at) & SCHEMA_BREAKDOWN)
			breakdown_columns[nb++] = schema_attr_name(at);
	breakdown_columns[nb] = NULL;
	char *copy = xstrdup(value);
	c->breakdowns_set = true;
	c->nbreakdowns = 0;
	for (char *tok = copy; tok;) {
		char *comma = strchr(tok, ',');
		if (comma)
			*comma = '\0';
		char *t = config_trim(tok);
		tok = comma ? comma + 1 : NULL;
		int k = config_name_find(breakdown_columns, t);
		bool dup = false;
		for (size_t i = 0; k >= 0 && i < c->nbreakdowns; i++)
			dup |= c->breakdowns[i] == breakdown_columns[k];
		if (k < 0) {
			struct buf list = BUF_INIT;
			words_list(&list, breakdown_columns);
			diag_add(p->d, p->path, p->line, key, "'%s' is not %s",
				 t, buf_cstr(&list));
			buf_release(&list);
		} else if (dup) {
			diag_add(p->d, p->path, p->line, key,
				 "'%s' is listed twice", t);
		} else {
			c->breakdowns[c->nbreakdowns++] = breakdown_columns[k];
		}
	}
	free(copy);
}

/* steps = a, b, c: the names as given; whether each names a [step]
 * (which may come later in the file) is config_check's. */
static void tier_steps_set(struct parse *p, struct tier_conf *t,
			   const char *key, const char *value)
{
	char *copy = xstrdup(value);
	t->steps_line = p->line;
	for (char *tok = copy; tok;) {
		char *comma = strchr(tok, ',');
		if (comma)
			*comma = '\0';
		char *name = config_trim(tok);
		tok = comma ? comma + 1 : NULL;
		bool dup = false;
		for (size_t i = 0; i < t->nsteps && !dup; i++)
			dup = str_ieq_n(name, strlen(name), t->steps[i]);
		if (!*name) {
			diag_add(p->d, p->path, p->line, key,
				 "an empty step name in '%s'", value);
		} else if (dup) {
			diag_add(p->d, p->path, p->line, key,
				 "'%s' is listed twice", name);
		} else if (t->nsteps == CONFIG_MAX_STEPS) {
			diag_add(p->d, p->path, p->line, key,
				 "more than %d steps", CONFIG_MAX_STEPS);
			break;
		} else {
			t->steps = xreallocarray(t->steps, t->nsteps + 1,
						 sizeof(*t->steps));
			t->steps[t->nsteps++] = xstrdup(name);
		}
	}
	free(copy);
}

/* A sentence that indented lines may continue. */
static void text_set(struct parse *p, char **dst, const char *value)
{
	str_set(dst, value);
	p->cont = CONT_TEXT;
	p->cont_text = dst;
}

static void report_key(struct parse *p, int k, const char *key,
		       const char *v)
{
	static const char *const cohorts[] = {"week", "month", "quarter", NULL};
	static const char *const encodings[] = {"auto", "utf-8", "utf8",
						"windows-1252", "cp1252", NULL};
	struct config *c = p->c;
	long n;
	int64_t day;
	switch (k) {
	case R_TITLE:
		text_set(p, &c->title, v);
		break;
	case R_AS_OF:
		if (!tu_parse_day(v, &day)) {
			diag_add(p->d, p->path, p->line, key,
				 "cannot parse '%s' as a date (YYYY-MM-DD)", v);
			break;
		}
		/* the instant needs the timezone: clock_start */
		c->as_of_day = day;
		c->as_of_line = p->line;
		break;
	case R_TIMEZONE:
		if (!tu_zone_exists(v))
			diag_add(p->d, p->path, p->line, key,
				 "unknown timezone '%s' (an IANA name such as "
				 "Europe/Berlin)",
				 v);
		else
			str_set(&c->timezone, v);
		break;
	case R_COHORT:
		n = config_name_find(cohorts, v);
		if (n >= 0) {
			c->cohort = (enum cohort_unit)n;
		} else if ((n = schema_attr_of(v)) >= 0) {
			/* curves by its values; the trend by month */
			c->cohort = COHORT_MONTH;
			c->cohort_column = schema_attr_name((int)n);
			c->cohort_line = p->line;
		} else {
			struct buf list = BUF_INIT;
			for (int at = 0; at < ATTR_COUNT; at++)
				buf_addf(&list, "%s%s", at ? ", " : "",
					 schema_attr_name(at));
			diag_add(p->d, p->path, p->line, key,
				 "'%s' is not week, month, quarter or an "
				 "attribute column (%s)",
				 v, buf_cstr(&list));
			buf_release(&list);
		}
		break;
	case R_HORIZON:
		if (int_parse(p, key, v, 1, CONFIG_MAX_HORIZON, &n))
			c->horizon_days = (int)n;
		break;
	case R_HOLIDAYS:
		holidays_add(p, key, v);
		break;
	case R_FIRST_VALUE_EVENT:
		str_set(&c->first_value_event, v);
		c->first_value_event_line = p->line;
		break;
	case R_BUSINESS_VALUE:
		str_set(&c->business_value, v);
		c->business_value_line = p->line;
		break;
	case R_DATE_FORMAT:
		if (!strchr(v, '%'))
			diag_add(p->d, p->path, p->line, key,
				 "'%s' has no strptime conversion such as %%d",
				 v);
		else
			str_set(&c->date_format, v);
		break;
	case R_ENCODING:
		n = word_parse(p, key, v, encodings);
		if (n < 0)
			break;
		free(c->encoding);
		c->encoding = n <= 0 ? NULL
			      : xstrdup(n <= 2 ? "utf-8" : "windows-1252");
		break;
	case R_WAU:
		if (int_parse(p, key, v, 1, MODEL_WAU_K, &n))
			c->wau_threshold = (int)n;
		break;
	case R_KICKOFF:
		if (int_parse(p, key, v, 1, 365, &n))
			c->kickoff_target_days = (int)n;
		break;
	case R_RENEWAL_BANDS:
		renewal_bands_set(p, key, v);
		break;
	case R_BREAKDOWNS:
		breakdowns_set(p, key, v);
		break;
	case R_DRIVER_DAYS:
		if (int_parse(p, key, v, 1, CONFIG_MAX_HORIZON, &n))
			c->driver_days = (int)n;
		break;
	}
}

static void tier_key(struct parse *p, int k, const char *key, const char *v)
{
	static const char *const kinds[] = {"calendar", "business", NULL};
	static const char *const sla_kinds[] = {"internal", "contractual",
						NULL};
	struct tier_conf *t = &p->c->tiers[p->c->ntiers - 1];
	int m;
	double x;
	switch (k) {
	case T_CLOCK_START:
		m = schema_milestone_of(v);
		if (m < 0 || m == MS_FIRST_VALUE)
			diag_add(p->d, p->path, p->line, key,
				 "'%s' cannot start the clock; use signed_at, "
				 "kickoff_at, first_login_at, "
				 "setup_complete_at or go_live_at",
				 v);
		else
			str_set(&t->clock_start, schema_milestone_name(m));
		break;
	case T_SLA_DAYS:
		if (str_ieq_n(v, strlen(v), "auto")) {
			t->sla_auto = true;
			t->sla_days = NAN;
		} else if (num_parse(p, key, v, 0, CONFIG_MAX_HORIZON, true,
				     &x)) {
			t->sla_auto = false;
			t->sla_days = x;
		}
		break;
	case T_BUFFER:
		if (num_parse(p, key, v, 0, 5, false, &x)) {
			t->buffer = x;
			t->buffer_set = true;
		}
		break;
	case T_DAYS:
		m = word_parse(p, key, v, kinds);
		if (m >= 0)
			t->days = m ? DAYS_BUSINESS : DAYS_CALENDAR;
		break;
	case T_SLA:
		m = word_parse(p, key, v, sla_kinds);
		if (m >= 0)
			t->contractual = m == 1;
		break;
	case T_FIRST_VALUE_EVENT:
		str_set(&t->first_value_event, v);
		t->first_value_event_line = p->line;
		break;
	case T_STEPS:
		tier_steps_set(p, t, key, v);
		break;
	}
}

/* in enum step_route order */
static const char *const step_routes[] = {"default", "automated", "human",
					  NULL};

static void step_key(struct parse *p, int k, const char *key, const char *v)
{
	struct step_conf *s = &p->c->steps[p->c->nsteps - 1];
	int m;
	if ((k == S_COLUMN && s->event) || (k == S_EVENT && s->column)) {
		diag_add(p->d, p->path, p->line, NULL,
			 "[step %s] has both column and event; give one",
			 s->name);
		return;
	}
	switch (k) {
	case S_COLUMN:
		m = schema_milestone_of(v);
		if (m < 0)
			diag_add(p->d, p->path, p->line, key,
				 "'%s' is not a milestone column (signed_at, "
				 "kickoff_at, first_login_at, "
				 "setup_complete_at, first_value_at or "
				 "go_live_at)",
				 v);
		else
			str_set(&s->column, schema_milestone_name(m));
		s->source_line = p->line;
		break;
	case S_EVENT:
		str_set(&s->event, v);
		s->source_line = p->line;
		break;
	case S_MAX_DAYS:
		num_parse(p, key, v, 0, CONFIG_MAX_HORIZON, true, &s->max_days);
		break;
	case S_PLAYBOOK:
		text_set(p, &s->playbook, v);
		break;
	case S_ROUTE:
		m = word_parse(p, key, v, step_routes);
		if (m >= 0)
			s->route = (enum step_route)m;
		break;
	case S_LABEL:
		str_set(&s->label, v);
		break;
	}
}

static void routing_key(struct parse *p, int k, const char *key,
			const char *v)
{
	struct routing_conf *r = &p->c->routing;
	long n;
	switch (k) {
	case RT_HUMAN_RISK:
		num_parse(p, key, v, 0, 1, false, &r->human_risk);
		break;
	case RT_RISK:
		num_parse(p, key, v, 0, 1, false, &r->risk);
		break;
	case RT_ARR_PERCENTILE:
		num_parse(p, key, v, 0, 1, false, &r->arr_percentile);
		break;
	case RT_NEXT_CHECK:
		if (int_parse(p, key, v, 1, CONFIG_MAX_HORIZON, &n))
			r->next_check_days = (int)n;
		break;
	case RT_HUMAN_NEXT_CHECK:
		if (int_parse(p, key, v, 1, CONFIG_MAX_HORIZON, &n))
			r->human_next_check_days = (int)n;
		break;
	}
}

/* Headers match as ingest matches them: case-insensitively, with spaces
 * and dashes read as underscores. */
static bool header_eq(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = tolower((unsigned char)*a);
		int y = tolower((unsigned char)*b);
		x = x == ' ' || x == '-' ? '_' : x;
		y = y == ' ' || y == '-' ? '_' : y;
		if (x != y)
			return false;
		if (!x)
			return true;
	}
}

static void columns_key(struct parse *p, const char *header, const char *v)
{
	struct config *c = p->c;
	int k = schema_col_find(v, strlen(v));
	if (k < 0) {
		diag_add(p->d, p->path, p->line, NULL,
			 "'%s' maps to '%s', which is not a column name of "
			 "the input table (such as account_name or signed_at)",
			 header, v);
		return;
	}
	for (size_t i = 0; i < c->ncolumns; i++) {
		if (header_eq(c->columns[i].header, header)) {
			diag_add(p->d, p->path, p->line, NULL,
				 "header '%s' is mapped twice (first on line "
				 "%d)",
				 header, c->columns[i].line);
			return;
		}
	}
	if (c->ncolumns >= CONFIG_MAX_COLUMNS) {
		diag_add(p->d, p->path, p->line, NULL,
			 "too many [columns] mappings (at most %d)",
			 CONFIG_MAX_COLUMNS);
		return;
	}
	VEC_RESERVE(c->columns, p->cap_columns, c->ncolumns + 1);
	c->columns[c->ncolumns++] = (struct column_conf){
		.header = xstrdup(header),
		.canonical = xstrdup(schema_col_name(k)),
		.line = p->line,
	};
}

/* "target, warning"; for median TTFV and manual assist lower is better,
 * so the warning threshold may not be below the target (and the other way
 * round for the rates). */
static void target_key(struct parse *p, int k, const char *key,
		       const char *v)
{
	const char *comma = strchr(v, ',');
	if (!comma) {
		diag_add(p->d, p->path, p->line, key,
			 "'%s' should be 'TARGET, WARNING'", v);
		return;
	}
	char *t_text = xstrndup(v, (size_t)(comma - v));
	bool days = k == TARGET_MEDIAN_TTFV_DAYS;
	double hi = days ? CONFIG_MAX_HORIZON : 1.0;
	double t, w;
	if (num_parse(p, key, t_text, 0, hi, days, &t) &&
	    num_parse(p, key, comma + 1, 0, hi, days, &w)) {
		bool lower_better = days || k == TARGET_MANUAL_ASSIST_SHARE;
		if (lower_better ? w < t : w > t)
			diag_add(p->d, p->path, p->line, key,
				 "the warning threshold %g is better than the "
				 "target %g",
				 w, t);
		else {
			p->c->targets[k] = (struct target_conf){t, w};
			p->c->target_set[k] = true;
		}
	}
	free(t_text);
}

void config_key_apply(struct parse *p, const char *key, const char *value)
{
	static const char *const *const tables[SEC_COUNT] = {
		[SEC_REPORT] = report_keys, [SEC_TIER] = tier_keys,
		[SEC_STEP] = step_keys, [SEC_TARGETS] = target_keys,
		[SEC_ROUTING] = routing_keys,
		[SEC_EXPERIMENT] = experiment_keys};
	if (p->sec == SEC_COLUMNS) {
		columns_key(p, key, value);
		return;
	}
	const char *const *table = tables[p->sec];
	int k = config_name_find(table, key);
	if (k < 0) {
		unknown_key(p, key, table);
		return;
	}
	if (!key_once(p, k, table[k]))
		return;
	if (!*value && !(p->sec == SEC_REPORT && k == R_HOLIDAYS)) {
		diag_add(p->d, p->path, p->line, table[k], "has no value");
		return;
	}
	switch (p->sec) {
	case SEC_REPORT: report_key(p, k, table[k], value); break;
	case SEC_TIER: tier_key(p, k, table[k], value); break;
	case SEC_STEP: step_key(p, k, table[k], value); break;
	case SEC_ROUTING: routing_key(p, k, table[k], value); break;
	case SEC_EXPERIMENT:
		/* the only key: the control arm's variant value */
		str_set(&p->c->experiment_control, value);
		p->c->experiment_control_line = p->line;
		break;
	default: target_key(p, k, table[k], value); break;
	}
}

void config_key_continue(struct parse *p, const char *key, const char *value)
{
	static const char *const spanning[] = {"title", "holidays", "playbook",
					       NULL};
	if (p->cont == CONT_TEXT &&
	    strlen(*p->cont_text) + 1 + strlen(value) > CONFIG_MAX_TEXT) {
		diag_add(p->d, p->path, p->line, key,
			 "longer than %d characters", CONFIG_MAX_TEXT);
		p->cont = CONT_NONE;
	} else if (p->cont == CONT_TEXT) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s %s", *p->cont_text, value);
		free(*p->cont_text);
		*p->cont_text = buf_detach(&b);
	} else if (p->cont == CONT_HOLIDAYS) {
		holidays_add(p, "holidays", value);
	} else if (p->sec != SEC_IGNORE &&
		   config_name_find(spanning, key) < 0) {
		/* a refused title or playbook was reported on its own line */
		diag_add(p->d, p->path, p->line, NULL,
			 "indented line continues '%s'; only title, holidays "
			 "and playbook may span lines",
			 key);
	}
}

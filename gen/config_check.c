/* config_check.c - the configuration against the data (config_check.h).
 * Runs once per report over the config's handful of names and the
 * model's tables of names; the only pass over accounts finds the earliest
 * clock start. */
#include "config_check.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "timeutil.h"

#define LIST_MAX 8	/* names listed in a message before "and N more" */

/* "'a', 'b' and 3 more" */
static void names_list(struct buf *b, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n && i < LIST_MAX; i++)
		buf_addf(b, "%s'%s'", i ? ", " : "", names[i]);
	if (n > LIST_MAX)
		buf_addf(b, " and %zu more", n - LIST_MAX);
}

/* " (closest: ...)", else the names there are; nothing when none. */
static void closest_or_all(struct buf *b, const char *word,
			   const char *const *names, size_t n,
			   const char *what)
{
	struct buf near = BUF_INIT;
	if (suggest_closest(&near, word, names, n, 3))
		buf_addf(b, " (closest: %s)", buf_cstr(&near));
	else if (n) {
		buf_addf(b, " (%s: ", what);
		names_list(b, names, n);
		buf_putc(b, ')');
	}
	buf_release(&near);
}

/* "no event 'x' in the events data (closest: ...)" */
static void event_absent(struct buf *b, const struct model *m,
			 const char *name)
{
	buf_addf(b, "no event '%s' in the events data", name);
	if (!m->event_names.n)
		buf_puts(b, " (no events file was read)");
	else
		closest_or_all(b, name, m->event_names.str, m->event_names.n,
			       "event names found");
}

/* The config's file and line for a value, or the command-line option
 * that set it (line 0). */
static void origin(const struct config *c, int line, const char **file,
		   long *ln)
{
	*file = line > 0 ? c->path : NULL;
	*ln = line;
}

static bool has_event(const struct model *m, const char *name)
{
	return strtab_find(&m->event_names, name, strlen(name)) >= 0;
}

/* Neither a first_value_at column nor a configured event that occurs. */
static void no_first_value(const struct config *c, const struct model *m,
			   struct diag *errors)
{
	struct buf b = BUF_INIT;
	const char *found[MS_COUNT];
	size_t nfound = 0;
	for (int ms = 0; ms < MS_COUNT; ms++)
		if (model_has_milestone(m, ms))
			found[nfound++] = schema_milestone_name(ms);
	buf_puts(&b, "no first value: the accounts have no first_value_at "
		     "column");
	if (!c->first_value_event)
		buf_puts(&b, " and no first_value_event is configured");
	buf_puts(&b, " (milestone columns found: ");
	if (nfound)
		names_list(&b, found, nfound);
	else
		buf_puts(&b, "none");
	buf_puts(&b, "; event names found: ");
	if (m->event_names.n)
		names_list(&b, m->event_names.str, m->event_names.n);
	else
		buf_puts(&b, "none, no events file was read");
	buf_puts(&b, "); add a first_value_at column to the accounts export, "
		     "or name the event that marks first value with "
		     "'first_value_event = EVENT' in [report] or "
		     "--first-value-event EVENT");
	diag_add(errors, NULL, 0, NULL, "%s", buf_cstr(&b));
	buf_release(&b);
}

/* Every tier value of the data (the blank one too) has a first-value
 * event of its own, so none needs [report]'s. */
static bool tiers_own_first_value(const struct config *c,
				  const struct model *m)
{
	const struct strtab *tiers = &m->attrs[ATTR_TIER];
	for (size_t a = 0; a < m->nacc; a++)
		if (m->acc[a].attr[ATTR_TIER] < 0)
			return false;
	for (size_t i = 0; i < tiers->n; i++) {
		const struct tier_conf *tc = config_tier(c, tiers->str[i]);
		if (!tc || !tc->first_value_event)
			return false;
	}
	return m->nacc > 0;
}

static void check_first_value(const struct config *c, const struct model *m,
			      struct diag *errors, struct diag *warnings)
{
	const char *ev = c->first_value_event;
	bool column = model_has_milestone(m, MS_FIRST_VALUE);
	const char *file;
	long line;
	origin(c, c->first_value_event_line, &file, &line);
	const char *key = line ? "first_value_event" : "--first-value-event";
	if (ev && !has_event(m, ev)) {
		struct buf b = BUF_INIT;
		event_absent(&b, m, ev);
		if (column)
			diag_add(warnings, file, line, key, "%s; first value is "
				 "taken from the first_value_at column",
				 buf_cstr(&b));
		else
			diag_add(errors, file, line, key, "%s, so no account "
				 "has a first value", buf_cstr(&b));
		buf_release(&b);
	} else if (ev && config_is_login_event(ev)) {
		diag_add(warnings, file, line, key,
			 "'%s' is a login, a weak definition of value (a "
			 "customer can log in and get nothing); name "
			 "the event where the customer first gets what they "
			 "bought, such as a report shared or data imported",
			 ev);
	}
	if (!column && !ev && !tiers_own_first_value(c, m))
		no_first_value(c, m, errors);
}

static void check_steps(const struct config *c, const struct model *m,
			struct diag *errors, struct diag *warnings)
{
	for (size_t k = 0; k < c->nsteps; k++) {
		const struct step_conf *s = &c->steps[k];
		if (s->event && !has_event(m, s->event)) {
			struct buf b = BUF_INIT;
			event_absent(&b, m, s->event);
			diag_add(errors, c->path, s->source_line, "event",
				 "[step %s]: %s, so no account would complete "
				 "this step", s->name, buf_cstr(&b));
			buf_release(&b);
		}
		int ms = schema_milestone_of(s->column);
		if (ms >= 0 && !model_has_milestone(m, ms))
			diag_add(warnings, c->path, s->source_line, "column",
				 "[step %s]: the accounts have no %s column, so "
				 "no account completes this step",
				 s->name, s->column);
	}
}

/* [report] business_value: a milestone after first value that the
 * accounts export holds, or an event that occurs. */
static void check_business_value(const struct config *c,
				 const struct model *m, struct diag *errors)
{
	const char *name = c->business_value;
	if (!name)
		return;
	int ms = schema_milestone_of(name);
	if (ms >= 0 && (ms <= MS_FIRST_VALUE || !model_has_milestone(m, ms))) {
		diag_add(errors, c->path, c->business_value_line,
			 "business_value", "'%s' must be a milestone after "
			 "first value that the accounts export holds "
			 "(go_live_at)", name);
	} else if (ms < 0 && !has_event(m, name)) {
		struct buf b = BUF_INIT;
		closest_or_all(&b, name, m->event_names.str, m->event_names.n,
			       "event names found");
		diag_add(errors, c->path, c->business_value_line,
			 "business_value", "'%s' is neither a milestone column "
			 "nor an event in the data%s", name, buf_cstr(&b));
		buf_release(&b);
	}
}

/* cohort = an attribute column the accounts leave blank: no curves. */
static void check_cohort(const struct config *c, const struct model *m,
			 struct diag *warnings)
{
	int at = schema_attr_of(c->cohort_column);
	if (at >= 0 && m->attrs[at].n == 0)
		diag_add(warnings, c->path, c->cohort_line, "cohort",
			 "the accounts have no %s values, so there are no "
			 "cohort curves (the trend is by month)",
			 c->cohort_column);
}

static void check_tiers(const struct config *c, const struct model *m,
			struct diag *warnings)
{
	const struct strtab *tiers = &m->attrs[ATTR_TIER];
	for (size_t t = 0; t < c->ntiers; t++) {
		const struct tier_conf *tc = &c->tiers[t];
		bool found = false;
		for (size_t i = 0; i < tiers->n && !found; i++)
			found = str_ieq_n(tiers->str[i], strlen(tiers->str[i]),
					  tc->name);
		if (!found) {
			struct buf b = BUF_INIT;
			buf_addf(&b, "[tier %s] names a tier no account has",
				 tc->name);
			if (tiers->n)
				closest_or_all(&b, tc->name, tiers->str,
					       tiers->n, "tiers in the data");
			else
				buf_puts(&b, " (the accounts have no tier "
					     "column)");
			diag_add(warnings, c->path, tc->line, NULL, "%s",
				 buf_cstr(&b));
			buf_release(&b);
			continue;
		}
		int ms = schema_milestone_of(tc->clock_start);
		if (ms > 0 && !model_has_milestone(m, ms))
			diag_add(warnings, c->path, tc->line, "clock_start",
				 "[tier %s]: the accounts have no %s column, so "
				 "no account of this tier has a clock start",
				 tc->name, tc->clock_start);
	}
}

/* Whether [step] k marks the first value a tier has when its event (or,
 * without one, the first_value_at column) is what counts. */
static bool step_is_first_value(const struct config *c, size_t k,
				const char *ev)
{
	const struct step_conf *s = &c->steps[k];
	return ev ? s->event && strcmp(s->event, ev) == 0
		  : s->column && strcmp(s->column, "first_value_at") == 0;
}

/* Seed 004's paths per segment: steps = a, b, c names [step] sections
 * and ends with the one that is the tier's first value, which no other
 * step of the path is; a tier with a first value of its own walks a path
 * of its own, since the shared one leads to another first value. */
static void check_tier_path(const struct config *c,
			    const struct tier_conf *tc, struct diag *errors)
{
	const char *ev = config_tier_first_value_event(c, tc);
	const char *what = ev ? ev : "the first_value_at column";
	if (!tc->nsteps) {
		if (tc->first_value_event && c->nsteps)
			diag_add(errors, c->path, tc->first_value_event_line,
				 "first_value_event", "[tier %s] has a first "
				 "value of its own, so it needs its own path: "
				 "add 'steps = ...' ending with the [step] "
				 "whose event is %s", tc->name, ev);
		return;
	}
	const char **names = xmalloc((c->nsteps ? c->nsteps : 1) *
				     sizeof(*names));
	for (size_t k = 0; k < c->nsteps; k++)
		names[k] = c->steps[k].name;
	bool known = true;
	for (size_t i = 0; i < tc->nsteps; i++) {
		const char *name = tc->steps[i];
		int k = config_step_find(c, name);
		if (k < 0) {
			struct buf b = BUF_INIT;
			closest_or_all(&b, name, names, c->nsteps,
				       "[step] sections");
			diag_add(errors, c->path, tc->steps_line, "steps",
				 "[tier %s]: no [step %s] in the config%s",
				 tc->name, name,
				 c->nsteps ? buf_cstr(&b)
					   : " (it has no [step] sections)");
			buf_release(&b);
			known = false;
		} else if (i + 1 < tc->nsteps &&
			   step_is_first_value(c, (size_t)k, ev)) {
			diag_add(errors, c->path, tc->steps_line, "steps",
				 "[tier %s]: '%s' is the tier's first value "
				 "(%s) but not the last step: a path ends at "
				 "first value", tc->name, name, what);
		}
	}
	int last = config_step_find(c, tc->steps[tc->nsteps - 1]);
	if (known && !step_is_first_value(c, (size_t)last, ev))
		diag_add(errors, c->path, tc->steps_line, "steps",
			 "[tier %s]: the path ends at '%s', not at the tier's "
			 "first value (%s): end it with the [step] whose %s",
			 tc->name, tc->steps[tc->nsteps - 1], what,
			 ev ? "event is that event"
			    : "column is first_value_at");
	free(names);
}

/* A tier's own first-value event, against the events as [report]'s is. */
static void check_tier_first_value(const struct config *c,
				   const struct model *m,
				   const struct tier_conf *tc,
				   struct diag *errors, struct diag *warnings)
{
	const char *ev = tc->first_value_event;
	if (!ev || has_event(m, ev))
		return;
	struct buf b = BUF_INIT;
	event_absent(&b, m, ev);
	if (model_has_milestone(m, MS_FIRST_VALUE))
		diag_add(warnings, c->path, tc->first_value_event_line,
			 "first_value_event", "[tier %s]: %s; its first value "
			 "is taken from the first_value_at column", tc->name,
			 buf_cstr(&b));
	else
		diag_add(errors, c->path, tc->first_value_event_line,
			 "first_value_event", "[tier %s]: %s, so no account "
			 "of the tier has a first value", tc->name,
			 buf_cstr(&b));
	buf_release(&b);
}

static void check_tier_paths(const struct config *c, const struct model *m,
			     struct diag *errors, struct diag *warnings)
{
	for (size_t t = 0; t < c->ntiers; t++) {
		check_tier_path(c, &c->tiers[t], errors);
		check_tier_first_value(c, m, &c->tiers[t], errors, warnings);
	}
}

/* An as-of date before every clock start leaves nothing to measure; one
 * after today measures open accounts up to a day that has not come. */
static void check_as_of(const struct config *c, const struct model *m,
			struct diag *warnings)
{
	const struct report_clock *k = &c->clock;
	if (k->as_of == TTFV_NO_TIME || k->source == CLOCK_DATA)
		return;
	const char *file;
	long line;
	origin(c, c->as_of_line, &file, &line);
	const char *key = line ? "as_of" : "--as-of";
	char day[11], other[11];
	tu_format_date(k->as_of - 1, day);
	int64_t first = TTFV_NO_TIME;
	for (size_t a = 0; a < m->nacc; a++)
		model_time_min(&first, m->acc[a].ms[MS_SIGNED]);
	if (first != TTFV_NO_TIME && k->as_of <= first) {
		tu_format_date(first, other);
		diag_add(warnings, file, line, key,
			 "%s is before all the data (the first account signed "
			 "on %s): no account is in the report", day, other);
	}
	if (k->now != TTFV_NO_TIME &&
	    tu_day_of(k->as_of - 1) > tu_day_of(k->now)) {
		tu_format_date(k->now, other);
		diag_add(warnings, file, line, key,
			 "%s is in the future (today is %s): accounts still "
			 "onboarding are measured up to a day that has not "
			 "come", day, other);
	}
}

int config_check(const struct config *c, const struct model *m,
		 struct diag *errors, struct diag *warnings)
{
	size_t before = errors->count;
	check_first_value(c, m, errors, warnings);
	check_steps(c, m, errors, warnings);
	check_business_value(c, m, errors);
	check_tiers(c, m, warnings);
	check_tier_paths(c, m, errors, warnings);
	check_cohort(c, m, warnings);
	check_as_of(c, m, warnings);
	return errors->count > before ? -1 : 0;
}

/* Words of a name: split at anything not a letter or digit and where a
 * lower-case letter meets an upper-case one (userLoggedIn). */
static size_t name_words(const char *name, char words[][16], size_t max)
{
	size_t n = 0, len = 0;
	for (const char *p = name; n < max; p++) {
		bool alnum = *p && isalnum((unsigned char)*p);
		bool split = !alnum || (p > name && isupper((unsigned char)*p) &&
					islower((unsigned char)p[-1]));
		if (split && len) {
			words[n++][len] = '\0';
			len = 0;
		}
		if (!*p)
			return n;
		if (alnum && n < max && len < 15)
			words[n][len++] = (char)tolower((unsigned char)*p);
	}
	return n;
}

bool config_is_login_event(const char *name)
{
	static const char *const one[] = {"login", "logon", "signin",
					  "loggedin", "signedin", NULL};
	static const char *const first[] = {"log", "logged", "sign", "signed",
					    NULL};
	char words[16][16];
	size_t n = name_words(name, words, 16);
	for (size_t i = 0; i < n; i++) {
		for (const char *const *w = one; *w; w++)
			if (strcmp(words[i], *w) == 0)
				return true;
		for (const char *const *w = first; *w; w++)
			if (i + 1 < n && strcmp(words[i], *w) == 0 &&
			    (strcmp(words[i + 1], "in") == 0 ||
			     strcmp(words[i + 1], "on") == 0))
				return true;
	}
	return false;
}

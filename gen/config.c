/* config.c - reading the INI configuration of SPEC section 2 with libinih.
 *
 * inih calls its handler once per "key = value" line, without a line
 * number in Debian's build (INI_HANDLER_LINENO is 0).  So the file is read
 * into memory and fed to ini_parse_stream through our own fgets-like
 * reader, which counts physical lines: inih processes each line right after
 * reading it, so the handler always runs while p->line is that line's
 * number.  The reader also sees section headers (inih does not report them
 * to the handler), which is what lets an empty or duplicate section be
 * named with its line.  What each key means is in config_keys.c.
 */
#include "config_parse.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeutil.h"

void config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->as_of_day = TTFV_NO_TIME;
	c->clock.as_of = TTFV_NO_TIME;
	c->clock.now = TTFV_NO_TIME;
	c->timezone = xstrdup("UTC");
	c->cohort = COHORT_MONTH;
	c->horizon_days = 120;
	c->wau_threshold = 2;
	c->kickoff_target_days = 5;
	/* seed 000's renewal bands: within 30 days, 31-60, later */
	c->renewal_bands[0] = 30;
	c->renewal_bands[1] = 60;
	c->nrenewal_bands = 2;
	c->driver_days = 14;
	/* seed 004, weekly cohort QA: target, warning threshold */
	static const struct target_conf seed004[TARGET_COUNT] = {
		[TARGET_MEDIAN_TTFV_DAYS] = {5, 8},
		[TARGET_FIRST_VALUE_RATE_7D] = {0.70, 0.55},
		[TARGET_MANUAL_ASSIST_SHARE] = {0.25, 0.40},
		[TARGET_RECORD_COMPLETENESS] = {1.0, 0.95},
		[TARGET_WEEK2_RETENTION] = {0.85, 0.75},
	};
	memcpy(c->targets, seed004, sizeof(seed004));
	/* SPEC 8.3 */
	c->routing = (struct routing_conf){
		.human_risk = 0.8,
		.risk = 0.5,
		.arr_percentile = 0.75,
		.next_check_days = 3,
		.human_next_check_days = 1,
	};
}

static void tier_release(struct tier_conf *t)
{
	free(t->name);
	free(t->clock_start);
	free(t->first_value_event);
	for (size_t i = 0; i < t->nsteps; i++)
		free(t->steps[i]);
	free(t->steps);
}

void config_step_release(struct step_conf *s)
{
	free(s->name);
	free(s->column);
	free(s->event);
	free(s->playbook);
	free(s->label);
}

void config_release(struct config *c)
{
	free(c->path);
	free(c->title);
	free(c->timezone);
	free(c->holidays);
	free(c->first_value_event);
	free(c->business_value);
	free(c->date_format);
	free(c->encoding);
	free(c->experiment_control);
	for (size_t i = 0; i < c->ntiers; i++)
		tier_release(&c->tiers[i]);
	free(c->tiers);
	for (size_t i = 0; i < c->nsteps; i++)
		config_step_release(&c->steps[i]);
	free(c->steps);
	for (size_t i = 0; i < c->ncolumns; i++) {
		free(c->columns[i].header);
		free(c->columns[i].canonical);
	}
	free(c->columns);
	memset(c, 0, sizeof(*c));
}

static bool name_ieq(const char *a, const char *b)
{
	return str_ieq_n(a, strlen(a), b);
}

const struct tier_conf *config_tier(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->ntiers; i++)
		if (name_ieq(c->tiers[i].name, name))
			return &c->tiers[i];
	return NULL;
}

static double default_buffer(const char *tier)
{
	/* seed 000: p75 + 20% for implementation complexity on high-touch,
	 * no buffer where there are fewer implementation variables */
	return name_ieq(tier, "high-touch") ? 0.20 : 0.0;
}

struct tier_conf config_tier_resolve(const struct config *c, const char *name)
{
	const struct tier_conf *t = config_tier(c, name);
	if (t)
		return *t;
	return (struct tier_conf){
		.name = (char *)name,
		/* read only: the schema's name */
		.clock_start = (char *)schema_milestone_name(MS_SIGNED),
		.sla_auto = true,
		.sla_days = NAN,
		.buffer = default_buffer(name),
		.days = DAYS_CALENDAR,
	};
}

int config_step_find(const struct config *c, const char *name)
{
	for (size_t k = 0; k < c->nsteps; k++)
		if (name_ieq(c->steps[k].name, name))
			return (int)k;
	return -1;
}

bool config_step_claimed(const struct config *c, size_t step)
{
	for (size_t t = 0; t < c->ntiers; t++)
		for (size_t i = 0; i < c->tiers[t].nsteps; i++)
			if (config_step_find(c, c->tiers[t].steps[i]) ==
			    (int)step)
				return true;
	return false;
}

const char *config_tier_first_value_event(const struct config *c,
					  const struct tier_conf *t)
{
	return t && t->first_value_event ? t->first_value_event
					 : c->first_value_event;
}

/* ---- sections ---------------------------------------------------------- */

/* Closes the current section: a step must say where its time comes from.
 * Nothing in it can be continued any more (a dropped step's playbook is
 * freed here, and a malformed header still ends the section). */
static void section_end(struct parse *p)
{
	struct config *c = p->c;
	p->cont = CONT_NONE;
	if (p->sec == SEC_STEP) {
		struct step_conf *s = &c->steps[c->nsteps - 1];
		if (!s->column && !s->event) {
			diag_add(p->d, p->path, s->line, NULL,
				 "[step %s] needs 'column = MILESTONE' or "
				 "'event = NAME'",
				 s->name);
			config_step_release(s);
			c->nsteps--;
		}
	}
	p->sec = SEC_IGNORE;
}

static void tier_begin(struct parse *p, const char *name)
{
	struct config *c = p->c;
	const struct tier_conf *old = config_tier(c, name);
	if (old) {
		diag_add(p->d, p->path, p->line, NULL,
			 "duplicate [tier %s] (first on line %d)", name,
			 old->line);
		return;
	}
	if (c->ntiers >= CONFIG_MAX_TIERS) {
		diag_add(p->d, p->path, p->line, NULL,
			 "too many tiers (at most %d)", CONFIG_MAX_TIERS);
		return;
	}
	VEC_RESERVE(c->tiers, p->cap_tiers, c->ntiers + 1);
	c->tiers[c->ntiers++] = (struct tier_conf){
		.name = xstrdup(name),
		.clock_start = xstrdup(schema_milestone_name(MS_SIGNED)),
		.sla_auto = true,
		.sla_days = NAN,
		.buffer = default_buffer(name),
		.days = DAYS_CALENDAR,
		.line = p->line,
	};
	memset(p->seen[SEC_TIER], 0, sizeof(p->seen[SEC_TIER]));
	p->sec = SEC_TIER;
}

static void step_begin(struct parse *p, const char *name)
{
	struct config *c = p->c;
	for (size_t i = 0; i < c->nsteps; i++) {
		if (name_ieq(c->steps[i].name, name)) {
			diag_add(p->d, p->path, p->line, NULL,
				 "duplicate [step %s] (first on line %d)",
				 name, c->steps[i].line);
			return;
		}
	}
	if (c->nsteps >= CONFIG_MAX_STEPS) {
		diag_add(p->d, p->path, p->line, NULL,
			 "too many steps (at most %d)", CONFIG_MAX_STEPS);
		return;
	}
	VEC_RESERVE(c->steps, p->cap_steps, c->nsteps + 1);
	c->steps[c->nsteps++] = (struct step_conf){
		.name = xstrdup(name),
		.max_days = NAN,
		.line = p->line,
	};
	memset(p->seen[SEC_STEP], 0, sizeof(p->seen[SEC_STEP]));
	p->sec = SEC_STEP;
}

/* Starts the section named inside "[...]" (kind, then an optional name). */
static void section_begin(struct parse *p, char *inner)
{
	char *kind = config_trim(inner);
	char *name = kind;
	while (*name && !isspace((unsigned char)*name))
		name++;
	if (*name)
		*name++ = '\0';
	name = config_trim(name);
	static const char *const kinds[] = {"report", "tier", "step",
					    "columns", "targets", "routing",
					    "experiment", NULL};
	static const enum section secs[] = {SEC_REPORT, SEC_TIER, SEC_STEP,
					    SEC_COLUMNS, SEC_TARGETS,
					    SEC_ROUTING, SEC_EXPERIMENT};
	int k = config_name_find(kinds, kind);
	if (k < 0) {
		diag_add(p->d, p->path, p->line, NULL,
			 "unknown section '[%s%s%s]'; expected [report], "
			 "[tier NAME], [step NAME], [columns], [targets], "
			 "[routing] or [experiment]",
			 kind, *name ? " " : "", name);
		return;
	}
	bool named = secs[k] == SEC_TIER || secs[k] == SEC_STEP;
	if (named && !*name) {
		diag_add(p->d, p->path, p->line, NULL,
			 "[%s] needs a name: [%s NAME]", kinds[k], kinds[k]);
		return;
	}
	if (!named && *name) {
		diag_add(p->d, p->path, p->line, NULL,
			 "[%s] takes no name (got '%s')", kinds[k], name);
		return;
	}
	if (secs[k] == SEC_TIER)
		tier_begin(p, name);
	else if (secs[k] == SEC_STEP)
		step_begin(p, name);
	else
		p->sec = secs[k];
}

/* A "[...]" line, as inih reads it: the header ends at the first ']', and
 * a ';' after white space starts a comment (inline comments are on). */
static void section_line(struct parse *p, const char *t)
{
	section_end(p);
	const char *end = t + 1;
	while (*end && *end != ']' &&
	       !(*end == ';' && isspace((unsigned char)end[-1])))
		end++;
	if (*end != ']') {
		diag_add(p->d, p->path, p->line, NULL,
			 "section header has no closing ']'");
		return;
	}
	/* inih forgets the previous key only at a well-formed header */
	p->have_key = false;
	const char *rest = end + 1;
	while (isspace((unsigned char)*rest))
		rest++;
	if (*rest && *rest != ';' && *rest != '#')
		diag_add(p->d, p->path, p->line, NULL,
			 "unexpected text after ']'");
	char *inner = xstrndup(t + 1, (size_t)(end - (t + 1)));
	section_begin(p, inner);
	free(inner);
}

/* ---- the line reader and the inih handler ------------------------------ */

/* Called before each new line: a key line that inih did not hand to the
 * handler had no '=' (inih only remembers the first such line). */
static void line_finish(struct parse *p)
{
	if (p->kind == LINE_KEY && !p->handled)
		diag_add(p->d, p->path, p->line, NULL,
			 "expected 'key = value', '[section]' or a comment");
	p->kind = LINE_BLANK;
}

/* Mirrors inih's reading of a line: comments and blank lines first, then
 * an indented line after a key continues that key, then sections. */
static void line_classify(struct parse *p, char *str)
{
	char *t = str;
	while (isspace((unsigned char)*t))
		t++;
	p->indented = false;
	p->handled = false;
	if (!*t || *t == ';' || *t == '#')
		p->kind = LINE_BLANK;
	else if (p->have_key && t > str) {
		p->kind = LINE_KEY;
		p->indented = true;
	} else if (*t == '[') {
		p->kind = LINE_SECTION;
		section_line(p, t);
	} else
		p->kind = LINE_KEY;
}

static char *reader(char *str, int num, void *stream)
{
	struct parse *p = stream;
	line_finish(p);
	if (p->pos >= p->len)
		return NULL;
	const char *s = p->text + p->pos;
	size_t rest = p->len - p->pos, n = 0;
	while (n < rest && s[n] != '\n' && s[n] != '\r')
		n++;
	/* LF, CRLF or a lone CR ends a line */
	size_t adv = n;
	if (n < rest) {
		adv++;
		if (s[n] == '\r' && n + 1 < rest && s[n + 1] == '\n')
			adv++;
	}
	p->pos += adv;
	p->line++;
	/* inih needs room for the line end and NUL: num - 3 characters */
	if (memchr(s, '\0', n)) {
		diag_add(p->d, p->path, p->line, NULL, "NUL byte in the line");
		n = 0;
	} else if (n + 3 > (size_t)num) {
		diag_add(p->d, p->path, p->line, NULL,
			 "line longer than %d characters; continue a long "
			 "value on an indented line",
			 num - 3);
		n = 0;
	}
	memcpy(str, s, n);
	str[n] = '\n';
	str[n + 1] = '\0';
	line_classify(p, str);
	return str;
}

static int handler(void *user, const char *section, const char *name,
		   const char *value)
{
	struct parse *p = user;
	(void)section;	/* the reader tracks sections, with their lines */
	p->handled = true;
	if (p->indented) {
		config_key_continue(p, name, value);
		return 1;
	}
	p->have_key = *name != '\0';
	p->cont = CONT_NONE;
	if (!*name) {
		diag_add(p->d, p->path, p->line, NULL,
			 "missing key name before '='");
		return 1;
	}
	switch (p->sec) {
	case SEC_NONE:
		diag_add(p->d, p->path, p->line, name,
			 "key outside any section; put it under [report] "
			 "or another section");
		break;
	case SEC_IGNORE:	/* the section's own problem is reported */
		break;
	default:
		config_key_apply(p, name, value);
		break;
	}
	return 1;
}

static int day_cmp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* What can only be settled once the whole file is read. */
static void load_finish(struct parse *p)
{
	struct config *c = p->c;
	section_end(p);
	if (c->nholidays) {
		qsort(c->holidays, c->nholidays, sizeof(*c->holidays),
		      day_cmp);
		size_t k = 1;
		for (size_t i = 1; i < c->nholidays; i++)
			if (c->holidays[i] != c->holidays[k - 1])
				c->holidays[k++] = c->holidays[i];
		c->nholidays = k;
	}
}

/* The whole file, at most CONFIG_MAX_BYTES; the caller frees *out. */
static int file_slurp(const char *path, char **out, size_t *len,
		      struct diag *d)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		diag_add(d, path, 0, NULL, "cannot open: %s", strerror(errno));
		return -2;
	}
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	       b.len <= CONFIG_MAX_BYTES)
		buf_put(&b, chunk, n);
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err) {
		buf_release(&b);
		diag_add(d, path, 0, NULL, "cannot read: %s", strerror(err));
		return -2;
	}
	if (b.len > CONFIG_MAX_BYTES) {
		buf_release(&b);
		return diag_add(d, path, 0, NULL,
				"larger than %d bytes; not a config file",
				CONFIG_MAX_BYTES);
	}
	*len = b.len;
	*out = buf_detach(&b);
	return 0;
}

int config_parse(struct config *c, const char *name, const char *text,
		 size_t len, struct diag *d)
{
	size_t before = d->count;
	struct parse p = {.c = c, .d = d, .path = name, .text = text,
			  .len = len, .sec = SEC_NONE};
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		p.pos = 3;
	int bad = ini_parse_stream(reader, &p, handler, &p);
	if (bad > 0 && d->count == before)
		diag_add(d, name, bad, NULL, "cannot parse this line");
	load_finish(&p);
	return d->count > before ? -1 : 0;
}

int config_load(struct config *c, const char *path, struct diag *d)
{
	char *text = NULL;
	size_t len = 0;
	int rc = file_slurp(path, &text, &len, d);
	if (rc < 0)
		return rc;
	free(c->path);
	c->path = xstrdup(path);
	rc = config_parse(c, path, text, len, d);
	free(text);
	return rc;
}

/* config.h - the INI configuration of SPEC section 2, parsed with libinih.
 *
 * Every field has a default (config_init), so a bare export works with no
 * file at all.  Strings are owned by the config and freed by
 * config_release.
 */
#ifndef TTFV_CONFIG_H
#define TTFV_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schema.h"
#include "timeutil.h"
#include "util.h"

#define TTFV_NO_TIME INT64_MIN	/* "no timestamp" everywhere in ttfv */

enum cohort_unit { COHORT_WEEK, COHORT_MONTH, COHORT_QUARTER };
enum day_kind { DAYS_CALENDAR, DAYS_BUSINESS };

struct tier_conf {
	char *name;		/* as it appears in the tier column */
	char *clock_start;	/* canonical column name, default "signed_at" */
	bool sla_auto;		/* sla_days = auto (the default) */
	double sla_days;	/* when !sla_auto */
	double buffer;		/* auto SLA buffer; default 0.20 high-touch, 0 else */
	bool buffer_set;
	enum day_kind days;
	/* sla = contractual: a breach triggers formal remedies, so it is
	 * called out first; internal (the default) triggers the playbook
	 * (seed 000) */
	bool contractual;
	/* seed 004, first value per segment: the event that marks it for
	 * this tier; NULL: [report]'s (or --first-value-event) */
	char *first_value_event;
	int first_value_event_line;
	/* the tier's own path (steps = a, b, c): [step] names in its order,
	 * ending with the step that is its first value; none: the tier walks
	 * the [step] sections no tier's steps names */
	char **steps;
	size_t nsteps;
	int steps_line;
	int line;		/* where the section starts, for messages */
};

/* Where at-risk accounts on a step go (SPEC 8.3): by default the
 * automated path for steps named integration or setup, a human otherwise. */
enum step_route { STEP_ROUTE_DEFAULT, STEP_ROUTE_AUTOMATED, STEP_ROUTE_HUMAN };

struct step_conf {
	char *name;
	char *column;		/* canonical milestone column, or NULL */
	char *event;		/* event name, or NULL (exactly one is set) */
	int source_line;		/* line of its event or column key */
	double max_days;	/* max days in stage; NAN when not set */
	char *playbook;		/* sentence for alerts; NULL when not set */
	enum step_route route;
	char *label;		/* the step in a customer's words; NULL */
	int line;
};

/* [routing]: thresholds of SPEC 8.3's routes. */
struct routing_conf {
	double human_risk;	/* risk above this: a human (0.8) */
	double risk;		/* above this: a human when high-value, else
				 * automated on integration/setup (0.5) */
	double arr_percentile;	/* high value: ARR at or above this
				 * percentile of its tier's (0.75) */
	int next_check_days;	/* monitor and automated routes (3) */
	int human_next_check_days;	/* human route (1) */
};

struct column_conf {
	char *header;		/* the export's header, as written */
	char *canonical;	/* the canonical name it maps to */
	int line;
};

/* Seed 004 weekly review: each has a target and a warning threshold. */
enum target_id {
	TARGET_MEDIAN_TTFV_DAYS,	/* lower is better */
	TARGET_FIRST_VALUE_RATE_7D,	/* higher is better */
	TARGET_MANUAL_ASSIST_SHARE,	/* lower is better */
	TARGET_RECORD_COMPLETENESS,	/* owner + proof + approver share, higher */
	TARGET_WEEK2_RETENTION,	/* share active in days 7-14, higher */
	TARGET_COUNT
};

struct target_conf {
	double target;
	double warning;
};

#define CONFIG_MAX_BANDS 8
#define CONFIG_MAX_BREAKDOWNS ATTR_COUNT

struct config {
	char *path;		/* file read, NULL for built-in defaults */

	/* [report] */
	char *title;
	int64_t as_of_day;	/* the as-of day number, or TTFV_NO_TIME */
	int as_of_line;		/* line of as_of; 0: from --as-of */
	/* the zone, as-of and now every stage reads: settled by main
	 * (clock_start, clock_settle), never by the parser */
	struct report_clock clock;
	char *timezone;		/* IANA name, default "UTC" */
	enum cohort_unit cohort;	/* of the trend, and of the cohorts */
	/* cohort = an attribute column: its canonical name (schema's), the
	 * cohort curves then grouped by its values; NULL for periods */
	const char *cohort_column;
	int cohort_line;
	int horizon_days;	/* default 120 */
	int32_t *holidays;	/* days since 1970-01-01, sorted */
	size_t nholidays;
	char *first_value_event;	/* NULL when not configured */
	int first_value_event_line;	/* 0: from --first-value-event */
	/* time to business value (seed 003's TTBV, seed 001's go-live): a
	 * milestone column or an event name; NULL: go_live_at when present */
	char *business_value;
	int business_value_line;
	char *date_format;	/* strptime format, NULL when not configured */
	char *encoding;		/* NULL = detect; "utf-8" or "windows-1252" */
	int wau_threshold;	/* churn flag: fewer weekly active users than this */
	/* seed 003, stage 1: the kickoff call within this many business
	 * days of signature */
	int kickoff_target_days;
	/* renewal by TTFV band: ascending whole-day upper bounds, default
	 * 30, 60 (bands 0-30, 31-60, >60, then "not reached") */
	int renewal_bands[CONFIG_MAX_BANDS];
	size_t nrenewal_bands;
	/* the leadership report's "By segment" columns, canonical names
	 * (static strings), in the order given; unset: every one present */
	const char *breakdowns[CONFIG_MAX_BREAKDOWNS];
	size_t nbreakdowns;
	bool breakdowns_set;
	int driver_days;	/* value drivers: event within this many days of
				 * clock start; default 14 */

	/* [experiment] */
	char *experiment_control;	/* variant value of the control arm;
					 * NULL = the first in sort order */
	int experiment_control_line;	/* where it was set, for messages */

	struct tier_conf *tiers;
	size_t ntiers;
	struct step_conf *steps;
	size_t nsteps;
	struct column_conf *columns;
	size_t ncolumns;
	struct target_conf targets[TARGET_COUNT];
	struct routing_conf routing;
	/* [targets] named it; otherwise it is seed 004's default */
	bool target_set[TARGET_COUNT];
};

/* Fills c with the built-in defaults.  It allocates (the timezone string),
 * so every config_init is paired with config_release.  title stays NULL
 * until a config sets it (templates then use their own). */
void config_init(struct config *c);
/* Reads path into c (already initialised).  Every problem is added to d as
 * "FILE:LINE: problem"; returns 0, or -1 when anything was wrong (c then
 * holds what could be read), or -2 when the file cannot be opened (I/O).
 * A refused timezone leaves UTC; nothing here sets the process's zone or
 * computes an instant (clock.h does). */
int config_load(struct config *c, const char *path, struct diag *d);
/* The same for INI text already in memory (len bytes, NULs allowed and
 * reported); name is used in messages.  0 or -1. */
int config_parse(struct config *c, const char *name, const char *text,
		 size_t len, struct diag *d);
/* The tier's settings, or NULL when the config does not name it.  Tier
 * names match case-insensitively. */
const struct tier_conf *config_tier(const struct config *c, const char *name);
/* The settings that apply to a tier value: the configured ones, or the
 * defaults (clock from signed_at, auto SLA, calendar days, buffer 0.20 for
 * "high-touch", else 0).  Strings are borrowed from c or static. */
struct tier_conf config_tier_resolve(const struct config *c, const char *name);
/* The [step] section of this name (case-insensitive), or -1. */
int config_step_find(const struct config *c, const char *name);
/* Whether some tier names its own steps: then a tier without steps walks
 * only the [step] sections that no steps list names. */
bool config_step_claimed(const struct config *c, size_t step);
/* The first-value event of a tier's settings: its own, else [report]'s;
 * NULL when neither (first value is then the first_value_at column). */
const char *config_tier_first_value_event(const struct config *c,
					  const struct tier_conf *t);
void config_release(struct config *c);

/* A config that would expand without bound is refused. */
#define CONFIG_MAX_TIERS 64
#define CONFIG_MAX_STEPS 32
#define CONFIG_MAX_COLUMNS 256
#define CONFIG_MAX_HOLIDAYS 4000
#define CONFIG_MAX_HORIZON 3650
#define CONFIG_MAX_BYTES (1024 * 1024)
#define CONFIG_MAX_TEXT 2000	/* a title or playbook, continued lines too */

#endif

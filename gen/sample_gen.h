/* sample_gen.h - the parts of `ttfv sample`: a seeded generator
 * (sample_rng.c), one simulated account (sample_account.c), its CSV rows
 * (sample_rows.c) and the files (sample.c).  Private to gen/sample*.c.
 */
#ifndef TTFV_SAMPLE_GEN_H
#define TTFV_SAMPLE_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

/* ---- random numbers ----------------------------------------------------
 * xoshiro256** seeded through splitmix64: the same seed and stream give
 * the same numbers on every platform, unlike rand(). */
struct rng {
	uint64_t s[4];
};

void sample_rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t sample_rng_next(struct rng *r);
/* uniform in [0, 1) */
double sample_rng_unit(struct rng *r);
/* uniform in [lo, hi) */
double sample_rng_range(struct rng *r, double lo, double hi);
/* uniform integer in [lo, hi] */
int sample_rng_int(struct rng *r, int lo, int hi);
bool sample_rng_chance(struct rng *r, double p);
/* standard normal (Box-Muller) */
double sample_rng_normal(struct rng *r);
/* index drawn with the given weights (they need not sum to 1) */
int sample_rng_pick(struct rng *r, const double *weights, int n);

/* ---- the simulated world -------------------------------------------- */

enum sample_tier { ST_HIGH, ST_TECH, ST_SELF, ST_COUNT };

/* The onboarding steps, all tiers, in order; the last is first value. */
enum sample_step {
	SS_FIRST_LOGIN,
	SS_IMPORT,
	SS_CONFIGURE,
	SS_REPORT,
	SS_COUNT
};

enum sample_outcome { SO_OPEN, SO_RENEWED, SO_CHURNED };

/* Seed 000 post-mortem categories, in the order of the names table. */
enum sample_pm { SP_DATA_MIGRATION, SP_CONFIGURATION, SP_READINESS,
		 SP_PRODUCT, SP_COUNT };

#define SAMPLE_MAX_HOLIDAYS 8

struct sample_world {
	int64_t as_of;		/* end of the as-of day: nothing after it */
	int64_t first_day;	/* signatures from this day ... */
	int64_t last_day;	/* ... to this one (day numbers, UTC) */
	int32_t holidays[SAMPLE_MAX_HOLIDAYS];	/* sorted day numbers */
	size_t nholidays;
};

/* Optional text columns of an account; NULL is a blank field. */
enum sample_attr {
	SA_PLAN, SA_SIZE, SA_CHANNEL, SA_CSM, SA_REGION, SA_SPONSOR,
	SA_OWNER, SA_APPROVER, SA_INTERVENTION, SA_BLOCKER, SA_VARIANT,
	SA_COUNT
};

struct sample_account {
	uint32_t index;
	uint8_t tier;		/* enum sample_tier */
	int64_t signed_at;
	int64_t kickoff_at;	/* TTFV_NO_TIME when none (yet) */
	int64_t clock;		/* the tier's clock start, or TTFV_NO_TIME */
	int64_t step[SS_COUNT];	/* TTFV_NO_TIME when not reached by as-of */
	int64_t go_live_at;
	int64_t pause_from, pause_to;	/* TTFV_NO_TIME when no pause */
	const char *pause_reason;
	int64_t active_until;	/* no product activity after this */
	uint8_t outcome;	/* enum sample_outcome */
	bool has_pm;		/* an SLA breach with its post-mortem */
	int64_t breached_at;
	int64_t pm_opened_at;
	uint8_t pm_category;	/* enum sample_pm */
	const char *pm_owner, *pm_notes;
	bool has_proof;
	uint8_t nusers;		/* seats: user ids 1..nusers */
	double noise_rate;	/* product events per active day */
	bool low_wau;		/* fewer than two users in the last week */
	uint32_t arr;
	const char *attr[SA_COUNT];
	char name[48];
	char sponsor[32];
	struct rng rng;		/* goes on to draw the account's events */
	/* the experiment arm and the events that go with renewal (or not)
	 * come from a stream of their own, so adding them changed no other
	 * draw */
	struct rng xrng;
};

/* The world the generator uses (as-of 2026-10-31, fifteen months of
 * signatures, the holidays of the written ttfv.ini). */
void sample_world_init(struct sample_world *w);
/* Simulates account index of the sample with this seed. */
void sample_account_make(struct sample_account *a,
			 const struct sample_world *w, uint64_t seed,
			 uint32_t index);
/* Whether day (UTC day number) is a working day in w. */
bool sample_business_day(const struct sample_world *w, int64_t day);

/* ---- rows ------------------------------------------------------------- */

/* Each writer appends one row at p, which has SAMPLE_ROW_ROOM bytes
 * free, and returns the new end. */
#define SAMPLE_ROW_ROOM 8192

char *sample_row_account(char *p, const struct sample_account *a,
			 int id_width);
char *sample_row_postmortem(char *p, const struct sample_account *a,
			    int id_width);
char *sample_row_pause(char *p, const struct sample_account *a,
		       int id_width);

/* The account's product events, in time order (onboarding steps and
 * everyday use); a->rng is consumed. */
struct sample_event {
	int64_t t;
	uint8_t name;		/* enum sample_event_name */
	uint8_t user;		/* 0 = no user (an internal step) */
};
#define SAMPLE_MAX_EVENTS 512
/* sample_event_names: the kickoff, the steps (SE_STEP + enum sample_step),
 * then everyday use. */
enum sample_event_name {
	SE_KICKOFF,
	SE_STEP,
	SE_LOGIN = SE_STEP + SS_COUNT,
	SE_DASHBOARD,
	SE_REPORT_VIEWED,
	SE_SEARCH,
	SE_INVITE,	/* goes with renewal */
	SE_HELP,	/* goes with neither outcome */
	SE_TICKET,	/* goes with churn */
	SE_COUNT
};
size_t sample_events_make(struct sample_account *a,
			  const struct sample_world *w,
			  struct sample_event *out);
char *sample_row_event(char *p, const struct sample_account *a,
		       const struct sample_event *e, int id_width);

/* The four exports, in the order sample.c opens them. */
enum sample_file { SF_ACCOUNTS, SF_EVENTS, SF_POSTMORTEMS, SF_PAUSES,
		   SF_COUNT };
/* Header line of each (canonical names of SPEC section 2), with "\n". */
extern const char *const sample_csv_headers[SF_COUNT];
extern const char *const sample_tier_names[ST_COUNT];
extern const char *const sample_pm_names[SP_COUNT];
extern const char *const sample_event_names[];

#endif

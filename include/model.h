/* model.h - facts per account, not rows.
 *
 * Ingest streams rows into the model; each row is reduced on arrival.  An
 * account keeps its milestone columns, a few interned attributes, and for
 * each tracked event name the first time it happened; 5 million events thus
 * become a handful of numbers per account, and memory follows the number of
 * accounts.  Accounts must all be added before the first event, pause or
 * post-mortem (ingest reads accounts files first).
 */
#ifndef TTFV_MODEL_H
#define TTFV_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "schema.h"
#include "util.h"

enum outcome { OUTCOME_NONE, OUTCOME_OPEN, OUTCOME_RENEWED, OUTCOME_CHURNED };

/* Weekly-active-user tracking keeps the K users seen most recently per
 * account, which is exact for "fewer than N users in the last week" as long
 * as N <= K (see model_add_event). */
#define MODEL_WAU_K 8
/* Event names past this many are counted but not tracked per account. */
#define MODEL_MAX_EVENTS 64

/* The MODEL_WAU_K users of an account seen last (user_id hashes and the
 * time each was last seen): enough to count weekly active users. */
struct user_set {
	uint8_t n;
	uint64_t user[MODEL_WAU_K];
	int64_t seen[MODEL_WAU_K];
};

/* When days [7, 14) after an account's clock start begin (MODEL_NO_WINDOW
 * without a clock start), and its first event in them: side by side, so
 * an event row touches one cache line for both. */
struct week2 {
	int64_t from;
	int64_t first;
};

struct account {
	const char *id;		/* arena */
	const char *name;	/* arena; "" when the export has none */
	const char *approver;	/* escalation_approver, arena; "" blank */
	int32_t attr[ATTR_COUNT];	/* index into model->attrs[a], -1 blank */
	int64_t ms[MS_COUNT];	/* TTFV_NO_TIME when blank */
	double sla_days;	/* per-account override, NAN when blank */
	double arr;		/* NAN when blank */
	uint8_t outcome;	/* enum outcome */
	bool has_exec_sponsor;
	bool has_owner, has_proof, has_approver;	/* seed 004 record fields */
	uint32_t line;		/* line of the accounts file, for messages */
	int32_t first_pause;	/* index into model->pauses, -1 none */
	uint16_t npostmortems;
};

struct pause {
	int32_t account;
	int32_t next;		/* next pause of the same account, -1 */
	int64_t paused_at;
	int64_t resumed_at;
	bool documented;	/* has a reason: seed 000 pauses the clock
				 * only for a documented customer delay */
};

struct postmortem {
	int32_t account;
	uint8_t category;	/* enum pm_category */
	int64_t breached_at;	/* TTFV_NO_TIME when blank */
	int64_t opened_at;	/* TTFV_NO_TIME when blank */
	const char *owner;	/* arena, "" when blank */
	uint32_t line;
};

/* Interned strings of one attribute: value index -> text. */
struct strtab {
	const char **str;
	size_t *len;		/* strlen of each, so a lookup compares bytes
				 * only with a string of its own length */
	size_t n, cap;
	uint32_t *slot;		/* open addressing, value index + 1, 0 = free */
	size_t nslot;
};

struct model {
	struct arena arena;

	struct account *acc;
	size_t nacc, capacc;
	/* account id hash table, open addressing; each slot keeps the low
	 * half of its id's hash, so growing and probing rarely leave it */
	struct model_slot {
		uint32_t acc;	/* index + 1, 0 free */
		uint32_t hash;
	} *slot;
	size_t nslot;

	struct strtab attrs[ATTR_COUNT];

	struct strtab event_names;	/* event name -> event id */
	/* event id + 1 of the names last found under each pair of slots
	 * (model.c event_key), 0 none: an event row's name is nearly
	 * always found here, a compare or two away */
	uint8_t event_seen[256];
	/* the names that matter (model_want_events): first-value and step
	 * events of the config, for which every table keeps room */
	struct strtab wanted;
	int64_t *event_first[MODEL_MAX_EVENTS];	/* [event id][account] */
	size_t event_rows[MODEL_MAX_EVENTS];	/* [event id] */
	size_t events_total;	/* event rows reduced */
	size_t events_untracked;	/* rows whose name is past the cap */
	size_t wanted_left;	/* wanted names event_names lacks */

	struct pause *pauses;
	size_t npauses, cappauses;
	struct postmortem *pms;
	size_t npms, cappms;

	/* Week-2 retention (seed 004), per account; NULL until
	 * model_week2_begin. */
	struct week2 *week2;
	/* The users each account had, [account]; NULL until an event row
	 * names a user. */
	struct user_set *users;

	int64_t latest;		/* latest timestamp seen in any data */
	/* The accounts export has this milestone column, even if every value
	 * is still blank (a cohort where nobody has reached first value). */
	bool ms_column[MS_COUNT];

	/* Rows skipped under --lenient, and their messages (a row may have
	 * several: skipped.count counts those). */
	size_t rows_skipped;
	struct diag skipped;
};

void model_init(struct model *m);
void model_release(struct model *m);

/* The hash of account ids (the account table, ingest's id table) and of
 * user ids (the user sets keep it in place of the id). */
uint64_t model_hash(const char *s, size_t n);
/* A cheaper hash for tables whose slots are their own business (the
 * string tables: indexes follow arrival; ingest's id table): a string of
 * at most 16 bytes, nearly every key, takes two overlapping loads and
 * two multiplies rather than model_hash's rounds; a longer one takes
 * model_hash.  Every bit of the input reaches the low bits a table masks
 * with.  Inline: once or twice per event row. */
static inline uint64_t model_hash_short(const char *s, size_t n)
{
	uint64_t lo = 0, hi = 0;
	if (n > 16)
		return model_hash(s, n);
	if (n >= 8) {
		memcpy(&lo, s, 8);
		memcpy(&hi, s + n - 8, 8);
	} else if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		lo = a;
		hi = b;
	} else if (n) {
		lo = (uint64_t)(unsigned char)s[0] << 16 |
		     (uint64_t)(unsigned char)s[n / 2] << 8 |
		     (unsigned char)s[n - 1];
	}
	uint64_t h = lo * 0xbf58476d1ce4e5b9ull ^ (hi + n);
	h = (h ^ h >> 31) * 0x94d049bb133111ebull;
	return h ^ h >> 29;
}

/* Adds an account with this id and returns its index; returns -1 when the
 * id is already present (*existing set to that account's index). */
int32_t model_add_account(struct model *m, const char *id, size_t n,
			  int32_t *existing);
/* Index of the account with this id, or -1. */
int32_t model_find(const struct model *m, const char *id, size_t n);

/* Interns s[0..n) in t; returns its index (table grows as needed). */
int32_t strtab_intern(struct strtab *t, struct arena *a, const char *s,
		      size_t n);
/* Index of s[0..n) in t, or -1. */
int32_t strtab_find(const struct strtab *t, const char *s, size_t n);

/* Event id of a name, creating it (with its per-account column) when
 * create is set and the cap allows; -1 when untracked. */
int model_event_id(struct model *m, const char *name, size_t n, bool create);
/* Before the first event: the config's first-value events ([report]'s and
 * each tier's) and step events become names that matter, which an export
 * of more than MODEL_MAX_EVENTS names still tracks. */
void model_want_events(struct model *m, const struct config *c);
/* Whether a table of names holding n, with left of the wanted ones still
 * missing, takes a new name: a wanted one while there is room, another
 * only while the missing wanted ones keep theirs; a wanted name taken
 * lowers *left.  A lookup, for a name that is not in the table yet. */
bool model_event_room(const struct model *m, size_t n, size_t *left,
		      const char *name, size_t len);
/* Reduces one event row: first time per (account, event), and the account's
 * recent users when user_hash != 0. ev may be -1 (name not tracked). */
void model_add_event(struct model *m, int32_t account, int ev, int64_t t,
		     uint64_t user_hash);
/* Asks for the memory model_add_event(m, a, ev, ...) will write (ev may
 * be -1), so that a caller with other work to do can overlap the misses. */
static inline void model_prefetch(const struct model *m, int32_t a, int ev)
{
	if (ev >= 0)
		__builtin_prefetch(&m->event_first[ev][a], 1);
	if (m->week2)
		__builtin_prefetch(&m->week2[a], 1);
	if (m->users) {
		const char *u = (const char *)&m->users[a];
		__builtin_prefetch(u, 1);
		__builtin_prefetch(u + 64, 1);
		__builtin_prefetch(u + sizeof(*m->users) - 1, 1);
	}
}
/* Account acc's value of attribute column k, "" when blank. */
static inline const char *model_attr_value(const struct model *m,
					   const struct account *acc, int k)
{
	return acc->attr[k] < 0 ? "" : m->attrs[k].str[acc->attr[k]];
}
/* First time account a had event ev, or TTFV_NO_TIME. */
int64_t model_event_first(const struct model *m, int ev, int32_t a);

struct pause *model_add_pause(struct model *m, int32_t account,
			      int64_t paused_at, int64_t resumed_at);
struct postmortem *model_add_postmortem(struct model *m, int32_t account);

/* Whether the accounts export has milestone column ms: its header named
 * it (ms_column) or some account has a value (models built directly). */
bool model_has_milestone(const struct model *m, int ms);

/* *at becomes the earlier (min) or the later (max) of itself and t;
 * TTFV_NO_TIME on either side means none.  Inline: once per event row. */
static inline void model_time_min(int64_t *at, int64_t t)
{
	if (t != TTFV_NO_TIME && (*at == TTFV_NO_TIME || t < *at))
		*at = t;
}

static inline void model_time_max(int64_t *at, int64_t t)
{
	if (t != TTFV_NO_TIME && (*at == TTFV_NO_TIME || t > *at))
		*at = t;
}
/* Raises m->latest to t when t is later (and not TTFV_NO_TIME).  Inline:
 * every event row and every date of an accounts row. */
static inline void model_see_time(struct model *m, int64_t t)
{
	model_time_max(&m->latest, t);
}
/* A first-time column, one per account, all TTFV_NO_TIME; the caller
 * frees it. */
int64_t *model_first_column(size_t nacc);

/* Week 2 after the clock start: [from, from + MODEL_WEEK) with from =
 * clock start + MODEL_WEEK.  A window that starts this far out matches no
 * event time (subtracting it cannot overflow). */
#define MODEL_WEEK ((int64_t)7 * 86400 * 1000000)	/* microseconds */
#define MODEL_NO_WINDOW (INT64_MAX / 4)
/* After the last account, before the first event: each account's week-2
 * window from the clock start its tier has in c. */
void model_week2_begin(struct model *m, const struct config *c);
/* Keeps t as w's first event when it falls in w's window and is earlier:
 * one subtraction and compare per event row. */
static inline void model_week2_see(struct week2 *w, int64_t t)
{
	if ((uint64_t)(t - w->from) < (uint64_t)MODEL_WEEK)
		model_time_min(&w->first, t);
}

/* Number of account a's users whose last event is at or after since. */
int model_active_users(const struct model *m, int32_t a, int64_t since);
/* Whether account a's events named any user. */
bool model_has_users(const struct model *m, int32_t a);
/* Adds one event of user (a user_id hash) at t to s. */
void model_users_see(struct user_set *s, uint64_t user, int64_t t);

/* A second reader of an accounts export fills a model of its own (from
 * model_init) with the rows after a cut; this appends its accounts after
 * m's as if one reader had read on, their lines counted line_base further
 * on, and takes over its arena.  Returns -1, m's accounts unchanged, when an
 * id of the part is already in m: one reader would have said so at that row. */
int model_merge_accounts(struct model *m, struct model *part,
			 uint32_t line_base);
/* A partial model: what event rows reduce to, for the accounts of m (its
 * week-2 windows and names that matter too), with no accounts of its own.  A second reader
 * fills one with model_add_event while the first fills m; model_merge
 * then makes m what one reader would have made of both parts' rows, the
 * part's after m's.  Free it with model_release. */
void model_partial_init(struct model *part, const struct model *m);
void model_merge(struct model *m, const struct model *part);

#endif

/* ingest_events.c - the rows that belong to a known account: events,
 * pauses, post-mortems, each reduced into the model x->m (for a second
 * reader of an events file, a partial model: ingest_split.c). */
#include "ingest_impl.h"

#include <string.h>

/* A blank or unknown account id's problem: apart, so that account_of
 * (once per row) has no set-up of its own. */
__attribute__((noinline, cold)) static void no_account(struct ingest_ctx *x,
						       long line,
						       const char *s, size_t n)
{
	char show[80];
	if (!n)
		ingest_row_problem(x, line, COL_ACCOUNT_ID,
				   "blank account id");
	else
		ingest_row_problem(x, line, COL_ACCOUNT_ID,
				   "unknown account '%s' (not in the accounts "
				   "file)",
				   ingest_show(show, s, n));
}

/* The account of id s[0..n) (h its hash), a blank or unknown one
 * reported. */
static inline int32_t account_of(struct ingest_ctx *x, long line,
				 const char *s, size_t n, uint64_t h)
{
	int32_t a = n ? ingest_ids_find(x->ids, s, n, h) : -1;
	if (a < 0)
		no_account(x, line, s, n);
	return a;
}

/* The account a row of events, pauses or post-mortems belongs to. */
static int32_t row_account(struct ingest_ctx *x, struct ingest_file *f,
			   const struct csv_row *row)
{
	const char *s;
	size_t n;
	ingest_field(f, row, COL_ACCOUNT_ID, &s, &n);
	return account_of(x, row->line, s, n, model_hash_short(s, n));
}

/* An event row touches its account's slot in the id table and its
 * columns in the model, all at random in a large export: each is asked
 * for as soon as its address is known, so the misses overlap with the
 * name lookup and the timestamp's parse instead of following them. */
bool ingest_event_row(struct ingest_ctx *x, struct ingest_file *f,
		      const struct csv_row *row)
{
	const char *id, *name, *user;
	size_t nid, nname, nuser;
	ingest_field(f, row, COL_ACCOUNT_ID, &id, &nid);
	uint64_t h = model_hash_short(id, nid);
	ingest_ids_prefetch(x->ids, h);
	ingest_field(f, row, COL_EVENT, &name, &nname);
	/* found, not made: a name gets its id only with a good row */
	int ev = nname ? model_event_id(x->m, name, nname, false) : -1;
	int32_t a = account_of(x, row->line, id, nid, h);
	if (a >= 0)
		model_prefetch(x->m, a, ev);
	bool ok = a >= 0;
	if (!nname) {
		ingest_row_problem(x, row->line, COL_EVENT,
				   "blank event name");
		ok = false;
	}
	int64_t t;
	ok &= ingest_row_time(x, f, row, COL_TIMESTAMP, true, &t);
	if (!ok)
		return false;
	ingest_field(f, row, COL_USER_ID, &user, &nuser);
	uint64_t uh = nuser ? model_hash(user, nuser) : 0;
	if (ev < 0)
		ev = model_event_id(x->m, name, nname, true);
	model_add_event(x->m, a, ev, t, uh);
	return true;
}

bool ingest_pause_row(struct ingest_ctx *x, struct ingest_file *f,
		      const struct csv_row *row)
{
	int32_t a = row_account(x, f, row);
	int64_t from, to;
	bool ok = ingest_row_time(x, f, row, COL_PAUSED_AT, true, &from);
	/* a blank resumed_at is a pause still running: the clock stays
	 * stopped up to first value or the as-of date */
	ok &= ingest_row_time(x, f, row, COL_RESUMED_AT, false, &to);
	if (ok && to != TTFV_NO_TIME && to < from) {
		const char *s1, *s2;
		size_t n1, n2;
		char v1[80], v2[80];
		ingest_field(f, row, COL_PAUSED_AT, &s1, &n1);
		ingest_field(f, row, COL_RESUMED_AT, &s2, &n2);
		ingest_row_problem(x, row->line, COL_RESUMED_AT,
				   "pause ends '%s' before it starts '%s'",
				   ingest_show(v2, s2, n2),
				   ingest_show(v1, s1, n1));
		ok = false;
	}
	if (!ok || a < 0)
		return false;
	const char *why;
	size_t nwhy;
	struct pause *p = model_add_pause(x->m, a, from, to);
	p->documented = ingest_field(f, row, COL_REASON, &why, &nwhy);
	f->pauses_undocumented += !p->documented;
	return true;
}

bool ingest_postmortem_row(struct ingest_ctx *x, struct ingest_file *f,
			   const struct csv_row *row)
{
	int32_t a = row_account(x, f, row);
	const char *s;
	size_t n;
	char show[80];
	ingest_field(f, row, COL_CATEGORY, &s, &n);
	int cat = schema_pm_find(s, n);
	bool ok = a >= 0;
	if (cat < 0) {
		if (n)
			ingest_row_problem(x, row->line, COL_CATEGORY,
					   "unknown post-mortem category '%s' "
					   "(expected product, data_migration, "
					   "configuration or customer_readiness)",
					   ingest_show(show, s, n));
		else
			ingest_row_problem(x, row->line, COL_CATEGORY,
					   "blank post-mortem category");
		ok = false;
	}
	int64_t breached, opened;
	ok &= ingest_row_time(x, f, row, COL_BREACHED_AT, false, &breached);
	ok &= ingest_row_time(x, f, row, COL_OPENED_AT, false, &opened);
	if (!ok)
		return false;
	struct postmortem *p = model_add_postmortem(x->m, a);
	p->category = (uint8_t)cat;
	p->breached_at = breached;
	p->opened_at = opened;
	p->line = (uint32_t)row->line;
	model_see_time(x->m, breached);
	model_see_time(x->m, opened);
	ingest_field(f, row, COL_OWNER, &s, &n);
	if (n)
		p->owner = arena_strndup(&x->m->arena, s, n);
	return true;
}

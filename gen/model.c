/* model.c - per-account facts: id table, interned attributes, event
 * reduction.  Open addressing with linear probing throughout: no allocation
 * per key, and the tables are rebuilt only when they double. */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Eight bytes at a time, each word folded in with a multiply, then a
 * splitmix64 finish so the low bits the tables mask with depend on every
 * byte.  Ids, event names and user ids are hashed on every event row, and
 * FNV-1a's one multiply per byte was a visible share of ingest.  A tail
 * is read as overlapping loads; the length, mixed in first, keeps
 * strings of different lengths apart. */
uint64_t model_hash(const char *s, size_t n)
{
	const uint64_t k = 0xbf58476d1ce4e5b9ull;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w = 0;
	uint32_t lo, hi;
	const char *end = s + n;
	bool wide = n >= 8;
	for (; n > 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
		h ^= h >> 31;
	}
	if (wide) {
		memcpy(&w, end - 8, 8);
	} else if (n >= 4) {
		memcpy(&lo, s, 4);
		memcpy(&hi, end - 4, 4);
		w = (uint64_t)hi << 32 | lo;
	} else if (n) {
		w = (uint64_t)(unsigned char)s[0] << 16 |
		    (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (unsigned char)s[n - 1];
	}
	h = (h ^ w) * k;
	h ^= h >> 30;
	h *= k;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 31);
}

void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	arena_init(&m->arena);
	diag_init(&m->skipped);
	m->latest = TTFV_NO_TIME;
}

static void strtab_release(struct strtab *t)
{
	free(t->str);
	free(t->len);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

void model_release(struct model *m)
{
	for (int a = 0; a < ATTR_COUNT; a++)
		strtab_release(&m->attrs[a]);
	for (size_t e = 0; e < m->event_names.n; e++)
		free(m->event_first[e]);
	strtab_release(&m->event_names);
	strtab_release(&m->wanted);
	free(m->acc);
	free(m->slot);
	free(m->pauses);
	free(m->pms);
	free(m->week2);
	free(m->users);
	diag_release(&m->skipped);
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

/* ---- string tables ---------------------------------------------------- */

static void strtab_rehash(struct strtab *t, size_t nslot)
{
	free(t->slot);
	t->slot = xcalloc(nslot, sizeof(*t->slot));
	t->nslot = nslot;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = model_hash_short(t->str[i], t->len[i]) & (nslot - 1);
		while (t->slot[h])
			h = (h + 1) & (nslot - 1);
		t->slot[h] = (uint32_t)i + 1;
	}
}

/* The slot holding s[0..n) (h its hash), or the free slot where it
 * would go. */
static inline size_t strtab_probe(const struct strtab *t, const char *s,
				  size_t n, uint64_t h)
{
	size_t k = h & (t->nslot - 1);
	for (uint32_t i; (i = t->slot[k]) != 0; k = (k + 1) & (t->nslot - 1))
		if (t->len[i - 1] == n && mem_eq(t->str[i - 1], s, n))
			break;
	return k;
}

int32_t strtab_find(const struct strtab *t, const char *s, size_t n)
{
	if (!t->nslot)
		return -1;
	return (int32_t)t->slot[strtab_probe(t, s, n, model_hash_short(s, n))] - 1;
}

int32_t strtab_intern(struct strtab *t, struct arena *a, const char *s,
		      size_t n)
{
	uint64_t h = model_hash_short(s, n);
	size_t k = 0;
	if (t->nslot) {
		k = strtab_probe(t, s, n, h);
		if (t->slot[k])
			return (int32_t)t->slot[k] - 1;
	}
	size_t cap = t->cap;
	VEC_RESERVE(t->str, t->cap, t->n + 1);
	if (t->cap != cap)
		t->len = xreallocarray(t->len, t->cap, sizeof(*t->len));
	t->len[t->n] = n;
	t->str[t->n++] = arena_strndup(a, s, n);
	if (t->n * 2 > t->nslot)
		strtab_rehash(t, t->nslot ? t->nslot * 2 : 16);
	else
		t->slot[k] = (uint32_t)t->n;
	return (int32_t)t->n - 1;
}

/* ---- accounts --------------------------------------------------------- */

static void model_rehash(struct model *m, size_t nslot)
{
	struct model_slot *old = m->slot;
	size_t nold = m->nslot;
	m->slot = xcalloc(nslot, sizeof(*m->slot));
	m->nslot = nslot;
	for (size_t i = 0; i < nold; i++) {
		if (!old[i].acc)
			continue;
		size_t h = old[i].hash & (nslot - 1);
		while (m->slot[h].acc)
			h = (h + 1) & (nslot - 1);
		m->slot[h] = old[i];
	}
	free(old);
}

/* The slot holding id, or the free slot where it would go. */
static size_t model_probe(const struct model *m, const char *id, size_t n,
			  uint32_t h)
{
	size_t k = h & (m->nslot - 1);
	while (m->slot[k].acc) {
		if (m->slot[k].hash == h) {
			const char *v = m->acc[m->slot[k].acc - 1].id;
			if (strncmp(v, id, n) == 0 && v[n] == '\0')
				break;
		}
		k = (k + 1) & (m->nslot - 1);
	}
	return k;
}

int32_t model_find(const struct model *m, const char *id, size_t n)
{
	if (!m->nslot)
		return -1;
	uint32_t h = (uint32_t)model_hash(id, n);
	return (int32_t)m->slot[model_probe(m, id, n, h)].acc - 1;
}

int32_t model_add_account(struct model *m, const char *id, size_t n,
			  int32_t *existing)
{
	if (!m->nslot)
		model_rehash(m, 1024);
	uint32_t h = (uint32_t)model_hash(id, n);
	size_t k = model_probe(m, id, n, h);
	if (m->slot[k].acc) {
		if (existing)
			*existing = (int32_t)m->slot[k].acc - 1;
		return -1;
	}
	VEC_RESERVE(m->acc, m->capacc, m->nacc + 1);
	struct account *a = &m->acc[m->nacc];
	memset(a, 0, sizeof(*a));
	a->id = arena_strndup(&m->arena, id, n);
	a->name = "";
	a->approver = "";
	for (int i = 0; i < ATTR_COUNT; i++)
		a->attr[i] = -1;
	for (int i = 0; i < MS_COUNT; i++)
		a->ms[i] = TTFV_NO_TIME;
	a->sla_days = NAN;
	a->arr = NAN;
	a->first_pause = -1;
	m->slot[k] = (struct model_slot){(uint32_t)++m->nacc, h};
	if (m->nacc * 2 > m->nslot)
		model_rehash(m, m->nslot * 2);
	return (int32_t)m->nacc - 1;
}

/* The part's accounts are copied in order, their attribute values
 * re-numbered: a value new to m gets the index that interning it after
 * m's would give, in the part's order of first appearance (one reader's
 * order), and m's tables take the values only once no id is repeated.
 * Their ids are indexed in the order of the part's own table, which
 * keeps the same hashes: m's slots are then visited in ascending order
 * rather than at random, and an id is read only where two hashes meet. */
int model_merge_accounts(struct model *m, struct model *part,
			 uint32_t line_base)
{
	size_t n0 = m->nacc, n = n0 + part->nacc;
	size_t nslot = m->nslot ? m->nslot : 1024;
	while (n * 2 > nslot)
		nslot *= 2;
	if (nslot != m->nslot)
		model_rehash(m, nslot);
	VEC_RESERVE(m->acc, m->capacc, n);
	int32_t *to[ATTR_COUNT];
	for (int at = 0; at < ATTR_COUNT; at++) {
		const struct strtab *t = &part->attrs[at];
		int32_t next = (int32_t)m->attrs[at].n;
		to[at] = xmalloc((t->n ? t->n : 1) * sizeof(*to[at]));
		for (size_t v = 0; v < t->n; v++) {
			int32_t i = strtab_find(&m->attrs[at], t->str[v],
						t->len[v]);
			to[at][v] = i >= 0 ? i : next++;
		}
	}
	for (size_t i = 0; i < part->nacc; i++) {
		struct account *a = &m->acc[n0 + i];
		*a = part->acc[i];
		a->line += line_base;
		for (int at = 0; at < ATTR_COUNT; at++)
			if (a->attr[at] >= 0)
				a->attr[at] = to[at][a->attr[at]];
	}
	int rc = 0;
	for (size_t j = 0; j < part->nslot && !rc; j++) {
		struct model_slot e = part->slot[j];
		if (!e.acc)
			continue;
		e.acc += (uint32_t)n0;
		size_t k = e.hash & (m->nslot - 1);
		for (; m->slot[k].acc; k = (k + 1) & (m->nslot - 1))
			rc |= -(m->slot[k].hash == e.hash &&
				!strcmp(m->acc[m->slot[k].acc - 1].id,
					m->acc[e.acc - 1].id));
		m->slot[k] = e;
	}
	for (int at = 0; at < ATTR_COUNT; at++) {
		const struct strtab *t = &part->attrs[at];
		for (size_t v = 0; !rc && v < t->n; v++)
			if (to[at][v] >= (int32_t)m->attrs[at].n)
				strtab_intern(&m->attrs[at], &m->arena, t->str[v],
					      t->len[v]);
		free(to[at]);
	}
	if (rc) {
		/* every new slot was filled after the old ones, so no old id's
		 * probe runs through one: clearing them gives back m's table */
		for (size_t k = 0; k < m->nslot; k++)
			if (m->slot[k].acc > n0)
				m->slot[k].acc = 0;
		return -1;
	}
	m->nacc = n;
	model_see_time(m, part->latest);
	arena_adopt(&m->arena, &part->arena);
	return 0;
}

/* ---- events ----------------------------------------------------------- */

static void want(struct model *m, const char *name)
{
	size_t n = strlen(name);
	if (strtab_find(&m->wanted, name, n) >= 0 ||
	    m->wanted.n >= MODEL_MAX_EVENTS)
		return;
	strtab_intern(&m->wanted, &m->arena, name, n);
	m->wanted_left += strtab_find(&m->event_names, name, n) < 0;
}

void model_want_events(struct model *m, const struct config *c)
{
	if (c->first_value_event)
		want(m, c->first_value_event);
	for (size_t t = 0; t < c->ntiers; t++)
		if (c->tiers[t].first_value_event)
			want(m, c->tiers[t].first_value_event);
	for (size_t k = 0; k < c->nsteps; k++)
		if (c->steps[k].event)
			want(m, c->steps[k].event);
}

bool model_event_room(const struct model *m, size_t n, size_t *left,
		      const char *name, size_t len)
{
	if (n >= MODEL_MAX_EVENTS)
		return false;
	if (n + *left < MODEL_MAX_EVENTS && !m->wanted.n)
		return true;
	bool wanted = strtab_find(&m->wanted, name, len) >= 0;
	*left -= wanted;
	return wanted || n + *left < MODEL_MAX_EVENTS;
}

/* Which pair of event_seen slots a name takes: its length and three of
 * its bytes, mixed.  A name found goes into the first of its two slots
 * free, or else the first: names that share both only take turns. */
static inline size_t event_key(const char *s, size_t n)
{
	uint32_t k = n ? (uint32_t)(unsigned char)s[0] |
				 (uint32_t)(unsigned char)s[n / 2] << 8 |
				 (uint32_t)(unsigned char)s[n - 1] << 16
		       : 0;
	return ((k ^ (uint32_t)n << 24) * 0x9e3779b1u) >> 24 & ~(size_t)1;
}

static bool event_is(const struct strtab *t, int32_t e, const char *name,
		     size_t n)
{
	return e >= 0 && t->len[e] == n && mem_eq(t->str[e], name, n);
}

/* model_event_id past the seen names: apart, so that the common case
 * pays for none of its set-up. */
__attribute__((noinline)) static int event_id_slow(struct model *m,
						   uint8_t *seen,
						   const char *name, size_t n,
						   bool create)
{
	int32_t e = strtab_find(&m->event_names, name, n);
	if (e >= 0)
		seen[seen[0] && !seen[1]] = (uint8_t)(e + 1);
	if (e >= 0 || !create ||
	    !model_event_room(m, m->event_names.n, &m->wanted_left, name, n))
		return e;
	e = strtab_intern(&m->event_names, &m->arena, name, n);
	int64_t *col = model_first_column(m->nacc);
	m->event_first[e] = col;
	return e;
}

int model_event_id(struct model *m, const char *name, size_t n, bool create)
{
	const struct strtab *t = &m->event_names;
	uint8_t *seen = &m->event_seen[event_key(name, n)];
	if (event_is(t, (int32_t)seen[0] - 1, name, n))
		return seen[0] - 1;
	if (event_is(t, (int32_t)seen[1] - 1, name, n))
		return seen[1] - 1;
	return event_id_slow(m, seen, name, n, create);
}

int64_t model_event_first(const struct model *m, int ev, int32_t a)
{
	if (ev < 0 || (size_t)ev >= m->event_names.n || a < 0)
		return TTFV_NO_TIME;
	return m->event_first[ev][a];
}

/* Keeps the MODEL_WAU_K users with the latest last-seen times.  A user
 * evicted earlier had a last-seen no later than every kept one, and the
 * kept minimum only rises, so the kept set is exactly the top K (which is
 * also why two sets of parts of the events merge into the set of all). */
void model_users_see(struct user_set *s, uint64_t user, int64_t t)
{
	int oldest = 0;
	for (int i = 0; i < s->n; i++) {
		if (s->user[i] == user) {
			if (t > s->seen[i])
				s->seen[i] = t;
			return;
		}
		if (s->seen[i] < s->seen[oldest])
			oldest = i;
	}
	if (s->n < MODEL_WAU_K) {
		s->user[s->n] = user;
		s->seen[s->n++] = t;
	} else if (t > s->seen[oldest]) {
		s->user[oldest] = user;
		s->seen[oldest] = t;
	}
}

void model_add_event(struct model *m, int32_t account, int ev, int64_t t,
		     uint64_t user_hash)
{
	m->events_total++;
	model_see_time(m, t);
	if (ev < 0) {
		m->events_untracked++;
	} else {
		model_time_min(&m->event_first[ev][account], t);
		m->event_rows[ev]++;
	}
	if (user_hash) {
		if (!m->users)
			m->users = xcalloc(m->nacc ? m->nacc : 1,
					   sizeof(*m->users));
		model_users_see(&m->users[account], user_hash, t);
	}
	if (m->week2)
		model_week2_see(&m->week2[account], t);
}

/* The clock start is resolved as stats resolves it (a tier the config does
 * not name, or a blank tier, starts at signed_at), so the window the
 * events are reduced against is the one the report measures from. */
void model_week2_begin(struct model *m, const struct config *c)
{
	const struct strtab *tiers = &m->attrs[ATTR_TIER];
	int *tier_ms = xmalloc((tiers->n + 1) * sizeof(*tier_ms));
	for (size_t t = 0; t < tiers->n; t++) {
		const struct tier_conf *tc = config_tier(c, tiers->str[t]);
		int ms = tc ? schema_milestone_of(tc->clock_start) : -1;
		tier_ms[t] = ms < 0 ? MS_SIGNED : ms;
	}
	free(m->week2);
	m->week2 = xmalloc((m->nacc ? m->nacc : 1) * sizeof(*m->week2));
	for (size_t a = 0; a < m->nacc; a++) {
		int32_t v = m->acc[a].attr[ATTR_TIER];
		int64_t st = m->acc[a].ms[v < 0 ? MS_SIGNED : tier_ms[v]];
		m->week2[a].from =
			st == TTFV_NO_TIME ? MODEL_NO_WINDOW : st + MODEL_WEEK;
		m->week2[a].first = TTFV_NO_TIME;
	}
	free(tier_ms);
}

int model_active_users(const struct model *m, int32_t a, int64_t since)
{
	int n = 0;
	for (int i = 0; m->users && i < m->users[a].n; i++)
		n += m->users[a].seen[i] >= since;
	return n;
}

bool model_has_users(const struct model *m, int32_t a)
{
	return m->users && m->users[a].n > 0;
}

void model_partial_init(struct model *part, const struct model *m)
{
	model_init(part);
	part->nacc = m->nacc;
	/* the names that matter keep their room in the part's table too */
	for (size_t i = 0; i < m->wanted.n; i++)
		strtab_intern(&part->wanted, &part->arena, m->wanted.str[i],
			      strlen(m->wanted.str[i]));
	part->wanted_left = part->wanted.n;
	if (!m->week2)
		return;
	part->week2 = xmalloc((m->nacc ? m->nacc : 1) * sizeof(*part->week2));
	for (size_t a = 0; a < m->nacc; a++)
		part->week2[a] = (struct week2){m->week2[a].from, TTFV_NO_TIME};
}

/* Event ids are made in the part's order of first appearance, as one
 * reader would have made them, and a name m has no room for counts its
 * rows untracked.  User sets merge exactly (see model_users_see). */
void model_merge(struct model *m, const struct model *part)
{
	for (size_t e = 0; e < part->event_names.n; e++) {
		const char *name = part->event_names.str[e];
		int id = model_event_id(m, name, strlen(name), true);
		if (id < 0) {
			m->events_untracked += part->event_rows[e];
			continue;
		}
		m->event_rows[id] += part->event_rows[e];
		int64_t *to = m->event_first[id];
		const int64_t *from = part->event_first[e];
		for (size_t a = 0; a < m->nacc; a++)
			model_time_min(&to[a], from[a]);
	}
	m->events_untracked += part->events_untracked;
	m->events_total += part->events_total;
	model_see_time(m, part->latest);
	for (size_t a = 0; m->week2 && part->week2 && a < m->nacc; a++)
		model_time_min(&m->week2[a].first, part->week2[a].first);
	if (part->users && !m->users)
		m->users = xcalloc(m->nacc ? m->nacc : 1, sizeof(*m->users));
	for (size_t a = 0; part->users && a < m->nacc; a++)
		for (int k = 0; k < part->users[a].n; k++)
			model_users_see(&m->users[a], part->users[a].user[k],
					part->users[a].seen[k]);
}

/* ---- pauses and post-mortems ----------------------------------------- */

struct pause *model_add_pause(struct model *m, int32_t account,
			      int64_t paused_at, int64_t resumed_at)
{
	VEC_RESERVE(m->pauses, m->cappauses, m->npauses + 1);
	struct pause *p = &m->pauses[m->npauses];
	p->account = account;
	p->paused_at = paused_at;
	p->resumed_at = resumed_at;
	p->documented = false;
	p->next = m->acc[account].first_pause;
	m->acc[account].first_pause = (int32_t)m->npauses++;
	model_see_time(m, paused_at);
	model_see_time(m, resumed_at);
	return p;
}

struct postmortem *model_add_postmortem(struct model *m, int32_t account)
{
	VEC_RESERVE(m->pms, m->cappms, m->npms + 1);
	struct postmortem *p = &m->pms[m->npms++];
	memset(p, 0, sizeof(*p));
	p->account = account;
	p->breached_at = TTFV_NO_TIME;
	p->opened_at = TTFV_NO_TIME;
	p->owner = "";
	if (m->acc[account].npostmortems < UINT16_MAX)
		m->acc[account].npostmortems++;
	return p;
}

int64_t *model_first_column(size_t nacc)
{
	int64_t *col = xmalloc((nacc ? nacc : 1) * sizeof(*col));
	for (size_t i = 0; i < nacc; i++)
		col[i] = TTFV_NO_TIME;
	return col;
}

bool model_has_milestone(const struct model *m, int ms)
{
	if (m->ms_column[ms])
		return true;
	for (size_t i = 0; i < m->nacc; i++)
		if (m->acc[i].ms[ms] != TTFV_NO_TIME)
			return true;
	return false;
}

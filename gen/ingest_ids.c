/* ingest_ids.c - account ids to account indexes, for event rows.
 *
 * model_find walks from its slot to the account and on to the id's bytes:
 * three cache misses per event row when a 5-million-row export comes in
 * time order (accounts at random).  This table keeps short ids inline
 * next to their hash, so a lookup is one miss; longer ids fall back to
 * model_find. */
#include "ingest_impl.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

/* Below this many accounts a second thread costs more than it saves. */
#define IDS_SPLIT_MIN 16384

struct ids_fill {
	struct ingest_ids *t;
	size_t from, to;	/* the accounts it indexes */
};

/* Two fills run at once, each on half the accounts: a slot is claimed by
 * setting its length atomically, and nothing reads a slot's other fields
 * until both are done (the table's layout then depends on which got
 * there first, a lookup's answer does not).  Building the table is a
 * cache miss or a page fault per account, on the critical path between
 * the accounts and the events. */
static void *ids_fill(void *arg)
{
	const struct ids_fill *w = arg;
	struct ingest_ids *t = w->t;
	for (size_t i = w->from; i < w->to; i++) {
		const char *id = t->m->acc[i].id;
		size_t len = strlen(id);
		if (len > sizeof(t->slot[0].id))
			continue;	/* model_find has it */
		uint64_t h = model_hash_short(id, len);
		size_t k = h & t->mask;
		for (;; k = (k + 1) & t->mask) {
			uint32_t free_len = 0;
			if (!__atomic_load_n(&t->slot[k].len, __ATOMIC_RELAXED) &&
			    __atomic_compare_exchange_n(&t->slot[k].len,
							&free_len, (uint32_t)len,
							false, __ATOMIC_RELAXED,
							__ATOMIC_RELAXED))
				break;
		}
		t->slot[k].hash = h;
		t->slot[k].index = (int32_t)i;
		memcpy(t->slot[k].id, id, len);
	}
	return NULL;
}

void ingest_ids_build(struct ingest_ids *t, const struct model *m)
{
	size_t n = 16;
	while (n < m->nacc * 2)
		n *= 2;
	t->slot = xcalloc(n, sizeof(*t->slot));
	t->mask = n - 1;
	t->m = m;
	struct ids_fill w[2] = {{t, 0, m->nacc / 2}, {t, m->nacc / 2, m->nacc}};
	pthread_t other;
	bool two = m->nacc >= IDS_SPLIT_MIN &&
		   sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
		   pthread_create(&other, NULL, ids_fill, &w[1]) == 0;
	ids_fill(&w[0]);
	if (two)
		pthread_join(other, NULL);
	else
		ids_fill(&w[1]);
}

void ingest_ids_release(struct ingest_ids *t)
{
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

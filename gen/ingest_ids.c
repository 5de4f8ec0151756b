/* ingest_ids.c - account ids to account indexes, for event rows.
 *
 * model_find walks from its slot to the account and on to the id's bytes:
 * three cache misses per event row when a 5-million-row export comes in
 * time order (accounts at random).  This table keeps short ids inline
 * next to their hash, so a lookup is one miss; longer ids fall back to
 * model_find. */
#include "ingest_impl.h"

#include <string.h>

void ingest_ids_build(struct ingest_ids *t, const struct model *m)
{
	size_t n = 16;
	while (n < m->nacc * 2)
		n *= 2;
	t->slot = xcalloc(n, sizeof(*t->slot));
	t->mask = n - 1;
	t->m = m;
	for (size_t i = 0; i < m->nacc; i++) {
		const char *id = m->acc[i].id;
		size_t len = strlen(id);
		if (len > sizeof(t->slot[0].id))
			continue;
		uint64_t h = model_hash_short(id, len);
		size_t k = h & t->mask;
		while (t->slot[k].len)
			k = (k + 1) & t->mask;
		t->slot[k].hash = h;
		t->slot[k].index = (int32_t)i;
		t->slot[k].len = (uint32_t)len;
		memcpy(t->slot[k].id, id, len);
	}
}

void ingest_ids_release(struct ingest_ids *t)
{
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

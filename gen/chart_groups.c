/* chart_groups.c - which tiers a chart draws when there are more than a
 * chart can show legibly: the largest by accounts, in the stats' order
 * (by name), the rest counted for a note.  100,000 tiers would otherwise
 * be 100,000 rows of a 1200-pixel chart (and a 165 MB SVG). */
#include <stdlib.h>

#include "chart_canvas.h"

struct ranked {
	size_t accounts, i;
};

static int by_accounts(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->accounts != y->accounts)
		return x->accounts < y->accounts ? 1 : -1;
	return (x->i > y->i) - (x->i < y->i);
}

static int by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

size_t chart_tiers_drawn(const struct stats *s, size_t *idx,
			 struct chart_rest *rest)
{
	size_t n = s->ntiers;
	*rest = (struct chart_rest){0, 0};
	if (n <= CHART_MAX_TIERS) {
		for (size_t i = 0; i < n; i++)
			idx[i] = i;
		return n;
	}
	struct ranked *r = xmalloc(n * sizeof(*r));
	for (size_t i = 0; i < n; i++)
		r[i] = (struct ranked){s->tiers[i].g.accounts, i};
	qsort(r, n, sizeof(*r), by_accounts);
	for (size_t k = 0; k < n; k++) {
		if (k < CHART_MAX_TIERS) {
			idx[k] = r[k].i;
		} else {
			rest->groups++;
			rest->accounts += r[k].accounts;
		}
	}
	free(r);
	qsort(idx, CHART_MAX_TIERS, sizeof(*idx), by_index);
	return CHART_MAX_TIERS;
}

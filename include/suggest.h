/* suggest.h - the closest names to a misspelt one, for messages such as
 * "event 'data_import' does not occur (closest: 'data_imported')". */
#ifndef TTFV_SUGGEST_H
#define TTFV_SUGGEST_H

#include <stddef.h>

#include "util.h"

/* Edit distance between a and b (ASCII case-insensitive; an adjacent
 * transposition counts as one edit), capped: any value above cap is
 * returned as cap + 1. */
size_t suggest_distance(const char *a, const char *b, size_t cap);

/* Appends "'x', 'y'" to out: up to max of the n names closest to word,
 * nearest first (ties in the order given), among those a typo explains
 * (at most a third of word's length in edits, at least 1, or a name
 * that starts with word or that word starts with).  Returns how many. */
size_t suggest_closest(struct buf *out, const char *word,
		       const char *const *names, size_t n, size_t max);

/* The names nearest a word a user mistyped when none need be a typo of
 * it (an account id: "closest: 'A000042', ..."), by suggest_distance
 * (ties keep the earlier name).  Feed every candidate to
 * suggest_nearest_add; best[0..n) is then the closest first.  Borrows the
 * strings: they must outlive the struct. */
#define SUGGEST_NEAREST_MAX 3
struct suggest_nearest {
	const char *word;
	const char *best[SUGGEST_NEAREST_MAX];
	size_t dist[SUGGEST_NEAREST_MAX];
	size_t n;
};
void suggest_nearest_init(struct suggest_nearest *c, const char *word);
void suggest_nearest_add(struct suggest_nearest *c, const char *name);

#endif

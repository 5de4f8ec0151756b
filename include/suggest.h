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

#endif

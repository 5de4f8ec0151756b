/* suggest.c - closest names by edit distance (optimal string alignment:
 * insertions, deletions, substitutions and adjacent transpositions). */
#include "suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SUGGEST_MAX_LEN 128	/* longer names are never a typo's target */

static int fold(char c)
{
	return tolower((unsigned char)c);
}

size_t suggest_distance(const char *a, const char *b, size_t cap)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > SUGGEST_MAX_LEN || nb > SUGGEST_MAX_LEN ||
	    (na > nb ? na - nb : nb - na) > cap)
		return cap + 1;
	/* three rows: the one before last (transpositions), last, current */
	size_t rows[3][SUGGEST_MAX_LEN + 1];
	size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = i;
		size_t best = cur[0];
		for (size_t j = 1; j <= nb; j++) {
			size_t cost = fold(a[i - 1]) != fold(b[j - 1]);
			size_t d = prev[j - 1] + cost;
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) &&
			    pp[j - 2] + 1 < d)
				d = pp[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > cap)
			return cap + 1;
		size_t *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[nb] > cap ? cap + 1 : prev[nb];
}

static bool starts_with(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return n >= 3 && strlen(s) > n && str_ieq_n(s, n, prefix);
}

size_t suggest_closest(struct buf *out, const char *word,
		       const char *const *names, size_t n, size_t max)
{
	size_t cap = strlen(word) / 3;
	if (cap < 1)
		cap = 1;
	size_t shown = 0;
	/* nearest first: one pass per distance, a prefix counting as the
	 * farthest a typo explains */
	for (size_t want = 0; want <= cap + 1 && shown < max; want++) {
		for (size_t i = 0; i < n && shown < max; i++) {
			size_t d = suggest_distance(word, names[i], cap);
			if (d > cap && !starts_with(names[i], word) &&
			    !starts_with(word, names[i]))
				continue;
			if (d != want)
				continue;
			buf_addf(out, "%s'%s'", shown ? ", " : "", names[i]);
			shown++;
		}
	}
	return shown;
}

void suggest_nearest_init(struct suggest_nearest *c, const char *word)
{
	memset(c, 0, sizeof(*c));
	c->word = word;
}

void suggest_nearest_add(struct suggest_nearest *c, const char *name)
{
	/* only a name nearer than the farthest kept can enter */
	size_t cap = c->n == SUGGEST_NEAREST_MAX ? c->dist[c->n - 1] - 1
						 : SIZE_MAX - 1;
	if (c->n == SUGGEST_NEAREST_MAX && c->dist[c->n - 1] == 0)
		return;
	size_t d = suggest_distance(c->word, name, cap);
	if (d > cap)
		return;
	size_t i = c->n < SUGGEST_NEAREST_MAX ? c->n++ : c->n - 1;
	for (; i > 0 && c->dist[i - 1] > d; i--) {
		c->best[i] = c->best[i - 1];
		c->dist[i] = c->dist[i - 1];
	}
	c->best[i] = name;
	c->dist[i] = d;
}

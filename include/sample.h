/* sample.h - deterministic synthetic exports (`ttfv sample`). */
#ifndef TTFV_SAMPLE_H
#define TTFV_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct sample_opts {
	uint64_t seed;		/* default 1 */
	size_t accounts;	/* default 2000 */
	const char *out_dir;	/* default "samples" */
};

/* Writes accounts.csv, events.csv, postmortems.csv, pauses.csv and a
 * ttfv.ini that fits them into out_dir.  The same options give
 * byte-identical files.  0, or -3 with the I/O problem in d. */
int sample_write(const struct sample_opts *o, struct diag *d);

#endif

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

/* Larger counts are refused (account indices are 32-bit, and 5 million
 * events per 200,000 accounts is the reference load). */
#define SAMPLE_MAX_ACCOUNTS 10000000

/* Writes accounts.csv, events.csv, postmortems.csv, pauses.csv and a
 * ttfv.ini that fits them into out_dir (created when missing).  The same
 * options give byte-identical files; the as-of date is 2026-10-31 whatever
 * the day.  0, -2 when o->accounts is over SAMPLE_MAX_ACCOUNTS, or -3 with
 * the I/O problem in d (earlier files of the same names are then kept). */
int sample_write(const struct sample_opts *o, struct diag *d);

#endif

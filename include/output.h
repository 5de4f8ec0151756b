/* output.h - files written so that a failed run leaves the old ones:
 * a temporary in the same directory, fsync, rename. */
#ifndef TTFV_OUTPUT_H
#define TTFV_OUTPUT_H

#include <stddef.h>

#include "util.h"

struct output_file {
	const char *path;
	const void *data;
	size_t n;
};

/* Writes every file, or leaves every target as it was when one cannot be
 * written (a temporary beside each, all synced, then renamed in order).
 * A device (/dev/stdout) is written in place.  Returns 0, or -3 with the
 * reason in d. */
int output_write_set(const struct output_file *f, size_t n, struct diag *d);
/* One file, the same way. */
int output_write_atomic(const char *path, const void *data, size_t n,
			struct diag *d);
/* mkdir -p; 0 or -3 with the reason in d. */
int output_mkdirs(const char *path, struct diag *d);

#endif

/* embedded.h - files of templates/ compiled into the binary by bin2c. */
#ifndef TTFV_EMBEDDED_H
#define TTFV_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;	/* base name, e.g. "leadership.md" */
	const char *data;	/* NUL-terminated */
	size_t len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct embedded_file embedded_files[];

/* The embedded file of that base name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif

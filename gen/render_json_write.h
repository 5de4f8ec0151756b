/* render_json_write.h - the JSON writer under render_json.c: keys in the
 * order written, two-space indentation (or one line per element from
 * depth flat on), shortest round-trip doubles, null for NAN, strings
 * escaped and made valid UTF-8 (invalid bytes become U+FFFD). */
#ifndef TTFV_RENDER_JSON_WRITE_H
#define TTFV_RENDER_JSON_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define JSON_MAX_DEPTH 16

struct jw {
	struct buf *b;
	int depth;
	int flat;		/* depth from which elements share one line */
	bool more[JSON_MAX_DEPTH];	/* an element precedes at this depth */
};

/* key is NULL inside arrays. */
void jw_next(struct jw *j, const char *key);
void jw_open(struct jw *j, const char *key, char c);
void jw_close(struct jw *j, char c);
void jw_str(struct jw *j, const char *key, const char *v);	/* NULL: null */
void jw_num(struct jw *j, const char *key, double v);
void jw_int(struct jw *j, const char *key, size_t v);
void jw_bool(struct jw *j, const char *key, bool v);
/* YYYY-MM-DD of the instant's day in the report timezone; null for
 * TTFV_NO_TIME. */
void jw_date(struct jw *j, const char *key, int64_t t);
void jw_put_string(struct buf *b, const char *str);
void jw_put_double(struct buf *b, double v);

#endif

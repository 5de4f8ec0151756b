/* util.h - memory and text primitives shared by every stage.
 *
 * arena: per-row data (account ids, names, events) is carved from large
 * blocks and freed in one go, so ingest never calls malloc per field.
 * buf: the one growable string buffer; every renderer writes into it.
 * diag: problems found in the input, collected (not printed) so the caller
 * can report all of them and decide the exit code.
 */
#ifndef TTFV_UTIL_H
#define TTFV_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- arena ---------------------------------------------------------- */

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used;	/* bytes used in head */
	size_t total;	/* bytes handed out, for the data-quality figures */
};

void arena_init(struct arena *a);
/* 8-byte aligned, zeroed; aborts on out-of-memory like every allocation
 * here (a report generator has nothing sensible to do without memory). */
void *arena_alloc(struct arena *a, size_t n);
/* Copy of s[0..n) with a terminating NUL, owned by the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);
/* Hands from's blocks to a (an arena another thread filled, once joined):
 * what was carved from them lives as long as a; from is left empty. */
void arena_adopt(struct arena *a, struct arena *from);

/* ---- checked heap allocation ------------------------------------------ */

void *xmalloc(size_t n);
/* n bytes on cache lines of their own (64-byte aligned, rounded up), for
 * state one thread writes while another works next to it; free() it. */
void *xmalloc_lines(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray: p grown to n elements of size, overflow-checked. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *items (capacity *cap) so it holds at least need elements. */
#define VEC_RESERVE(items, cap, need)                                        \
	do {                                                                 \
		if ((need) > (cap)) {                                        \
			size_t vec_nc_ = (cap) ? (cap) * 2 : 16;             \
			while (vec_nc_ < (need))                             \
				vec_nc_ *= 2;                                \
			(items) = xreallocarray((items), vec_nc_,            \
						sizeof(*(items)));           \
			(cap) = vec_nc_;                                     \
		}                                                            \
	} while (0)

/* ---- buf ------------------------------------------------------------ */

struct buf {
	char *ptr;	/* always NUL-terminated once anything was put */
	size_t len;
	size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_init(struct buf *b);
void buf_put(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
/* The string, never NULL ("" when empty); owned by b. */
const char *buf_cstr(const struct buf *b);
/* Hands the string to the caller, who frees it; b is left empty. */
char *buf_detach(struct buf *b);
void buf_release(struct buf *b);

/* ---- diag ----------------------------------------------------------- */

/* Problems are kept as "file:line: column: message" lines.  The count is
 * exact even when the text stops growing at DIAG_MAX_LINES, so a file with
 * a million bad rows cannot make the error list itself the memory hog. */
#define DIAG_MAX_LINES 1000

struct diag {
	struct buf text;
	size_t count;
	size_t shown;
};

void diag_init(struct diag *d);
/* Records one problem and returns -1, so callers can `return diag_add(...)`.
 * file may be NULL (message about the run), line 0 (no line), column NULL. */
int diag_add(struct diag *d, const char *file, long line, const char *column,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Control characters (C0 but newline when newlines, DEL, C1 as UTF-8)
 * replaced by '?' in place: file names and data printed to a terminal
 * cannot move its cursor, retitle it or change its colours.  diag_add
 * applies it to every message. */
void str_neutralise(char *s, size_t n, bool newlines);
/* Appends from's problems to to's, as if they had been added there. */
void diag_merge(struct diag *to, const struct diag *from);
void diag_release(struct diag *d);

/* ---- small text helpers ---------------------------------------------- */

/* a[0..n) == b[0..n).  Inline for the short keys of the hot tables (ids,
 * event names, attribute values): up to 32 bytes, overlapping loads from
 * both ends, no call. */
static inline bool mem_eq(const char *a, const char *b, size_t n)
{
	uint64_t x, y, u, v;
	uint32_t p, q, r, w;
	if (n > 32)
		return !memcmp(a, b, n);
	if (n > 16)
		return mem_eq(a, b, 16) && mem_eq(a + n - 16, b + n - 16, 16);
	if (n >= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		memcpy(&u, a + n - 8, 8);
		memcpy(&v, b + n - 8, 8);
		return !((x ^ y) | (u ^ v));
	}
	if (n >= 4) {
		memcpy(&p, a, 4);
		memcpy(&q, b, 4);
		memcpy(&r, a + n - 4, 4);
		memcpy(&w, b + n - 4, 4);
		return !((p ^ q) | (r ^ w));
	}
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}
/* Case-insensitive ASCII comparison of s[0..n) with the C string lit. */
bool str_ieq_n(const char *s, size_t n, const char *lit);
/* Parses a whole string as a finite double / a non-negative integer.
 * Return false on trailing garbage, empty input or overflow. */
bool str_to_double(const char *s, double *out);
bool str_to_long(const char *s, long *out);
/* m * 10^k as strtod reads its digits, when one rounding gives that
 * exactly (m below 2^53, 10^k an exact double: Clinger's fast path);
 * false, *out untouched, when it does not apply. */
bool exact_decimal(uint64_t m, int k, double *out);

/* v rounded to one decimal, halves away from zero, never -0.0: every
 * figure shown with one decimal (tables, sentences, chart labels, alt text)
 * goes through this so they all agree. */
double num_round1(double v);

#endif

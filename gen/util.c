/* util.c - arena, checked allocation, growable buffer, diagnostics. */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ARENA_BLOCK (1u << 20)

struct arena_block {
	struct arena_block *next;
	size_t size;
	max_align_t data[];
};

static void die_oom(void)
{
	fputs("ttfv: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

/* Faults a large block's pages in with one call.  On virtual machines a
 * first-touch page fault can cost tens of microseconds of wall time (a
 * 200,000-account array grown a row at a time spent a second in them, 0.3 s
 * when populated up front).  Only arrays that fill what they ask for come
 * here: growth vectors (at least half used) and hash tables. */
static void *populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	const uintptr_t page = 4096;
	if (n >= ((size_t)1 << 20)) {
		uintptr_t lo = ((uintptr_t)p + page - 1) & ~(page - 1);
		uintptr_t hi = ((uintptr_t)p + n) & ~(page - 1);
		/* an older kernel refuses the advice: the pages then fault in
		 * one by one, as before */
		if (hi > lo)
			(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
	}
#else
	(void)n;
#endif
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return populate(p, n * size);
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		die_oom();
	return populate(xrealloc(p, n * size), n * size);
}

void *xmalloc_lines(size_t n)
{
	const size_t line = 64;
	void *p = aligned_alloc(line, (n + line - 1) / line * line);
	if (!p)
		die_oom();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	if (!a->head || a->used + n > a->head->size) {
		/* Oversized requests get a block of their own so one 10 MB field
		 * does not waste the rest of a shared block. */
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		struct arena_block *b = xmalloc(sizeof(*b) + size);
		b->size = size;
		if (size == n && a->head) {
			/* keep the current block in front: it still has room */
			b->next = a->head->next;
			a->head->next = b;
			memset(b->data, 0, n);
			a->total += n;
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		a->used = 0;
	}
	void *p = (char *)a->head->data + a->used;
	a->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena_init(a);
}

void arena_adopt(struct arena *a, struct arena *from)
{
	struct arena_block *last = from->head;
	if (last) {
		while (last->next)
			last = last->next;
		/* behind a's head, which keeps carving where it was */
		if (a->head) {
			last->next = a->head->next;
			a->head->next = from->head;
		} else {
			a->head = from->head;
			a->used = from->used;
		}
	}
	a->total += from->total;
	arena_init(from);
}

void buf_init(struct buf *b)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
}

static void buf_grow(struct buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		die_oom();
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->ptr = xrealloc(b->ptr, cap);
	b->cap = cap;
}

void buf_put(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

const char *buf_cstr(const struct buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *buf_detach(struct buf *b)
{
	char *p = b->ptr ? b->ptr : xstrdup("");
	buf_init(b);
	return p;
}

void buf_release(struct buf *b)
{
	free(b->ptr);
	buf_init(b);
}

void diag_init(struct diag *d)
{
	buf_init(&d->text);
	d->count = 0;
	d->shown = 0;
}

int diag_add(struct diag *d, const char *file, long line, const char *column,
	     const char *fmt, ...)
{
	d->count++;
	if (d->shown >= DIAG_MAX_LINES)
		return -1;
	d->shown++;
	size_t start = d->text.len;
	if (file) {
		buf_puts(&d->text, file);
		if (line > 0)
			buf_addf(&d->text, ":%ld", line);
		buf_puts(&d->text, ": ");
	}
	if (column && *column)
		buf_addf(&d->text, "%s: ", column);
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&d->text, fmt, ap);
	va_end(ap);
	str_neutralise(d->text.ptr + start, d->text.len - start, false);
	buf_putc(&d->text, '\n');
	return -1;
}

void str_neutralise(char *s, size_t n, bool newlines)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && !(newlines && c == '\n')) || c == 0x7f) {
			s[i] = '?';
		} else if (c == 0xC2 && i + 1 < n &&
			   (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9F) {
			s[i] = s[i + 1] = '?';	/* C1: CSI, OSC, ... */
			i++;
		}
	}
}

void diag_merge(struct diag *to, const struct diag *from)
{
	const char *line = buf_cstr(&from->text), *nl;
	for (; (nl = strchr(line, '\n')) && to->shown < DIAG_MAX_LINES;
	     line = nl + 1) {
		buf_put(&to->text, line, (size_t)(nl - line) + 1);
		to->shown++;
	}
	to->count += from->count;
}

void diag_release(struct diag *d)
{
	buf_release(&d->text);
	diag_init(d);
}

/* ASCII only, as tolower() is in the C locale ttfv runs in, without a
 * call per byte: every accounts row compares its outcome and tier. */
static unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

bool str_ieq_n(const char *s, size_t n, const char *lit)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (!lit[i] || ascii_lower((unsigned char)s[i]) !=
				       ascii_lower((unsigned char)lit[i]))
			return false;
	}
	return lit[i] == '\0';
}

bool str_to_double(const char *s, double *out)
{
	char *end;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return false;
	errno = 0;
	double v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (*end || errno == ERANGE || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool exact_decimal(uint64_t m, int k, double *out)
{
	/* the powers of ten that are exact doubles */
	static const double pow10[] = {
		1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
		1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
		1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	if (m >= (UINT64_C(1) << 53) || k < -22 || k > 22)
		return false;
	*out = k < 0 ? (double)m / pow10[-k] : (double)m * pow10[k];
	return true;
}

bool str_to_long(const char *s, long *out)
{
	char *end;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s || *s == '-')
		return false;
	errno = 0;
	long v = strtol(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (*end || errno == ERANGE)
		return false;
	*out = v;
	return true;
}

double num_round1(double v)
{
	double r = round(v * 10.0) / 10.0;
	return r == 0 ? 0.0 : r;
}


/* ingest_csv.c - libcsv records, each with the physical line it starts on.
 *
 * libcsv reports fields and record ends but not where they were in the
 * input.  We feed it one physical line at a time: a record whose parser is
 * idle (ROW_NOT_BEGUN) before a line is fed begins on that line, and one
 * that ends in the middle of a feed (a lone CR in an LF file) lets the
 * next begin on the same line.  A quoted field still open at the end of the
 * input would have swallowed everything after its opening quote; the
 * reader names that line and starts again just after it.
 *
 * Most lines of an export hold no quote at all; those are split here, as
 * libcsv would split them, without its per-byte state machine and without
 * copying a field: one SSE2 pass over the line finds its delimiters and
 * its end, and each field points into the input.  Fields are not
 * NUL-terminated (their lengths are given). */
#include "ingest_impl.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* libcsv's parser states (csv.h keeps them private; libcsv 3 stores them
 * in struct csv_parser after every csv_parse call). */
enum { CSV_ROW_NOT_BEGUN = 0, CSV_FIELD_BEGUN = 2 };

/* Lines longer than this go in slices, so libcsv's field buffer can be
 * grown geometrically between them (its own step is 128 bytes). */
#define FEED_SLICE (256u * 1024)

void csv_reader_init(struct csv_reader *r, const char *buf, size_t len,
		     size_t pos, long line, unsigned char delim,
		     bool cr_only, bool check_nul)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->len = len;
	r->pos = pos;
	r->line = line;
	r->cr_only = cr_only;
	r->check_nul = check_nul;
	csv_init(&r->p, 0);
	/* libcsv's own blank test (space, tab) stays: it is inlined, and a
	 * tab delimiter is checked before it */
	csv_set_delim(&r->p, delim);
	r->delim = (char)delim;
	r->nul_field = -1;
	r->mark = SIZE_MAX;
}

/* The window ahead of a paged reader, and how often it moves: a few
 * megabytes resident per reader, a couple of calls per megabyte read. */
#define PAGE_STEP ((size_t)1 << 20)
#define PAGE_AHEAD (2 * PAGE_STEP)

void csv_reader_paged(struct csv_reader *r)
{
	r->mark = r->ahead = r->dropped = r->pos;
}

/* Moves the window to r->pos: wants the next PAGE_AHEAD bytes, drops
 * what lies behind.  Kept out of line: it runs once per PAGE_STEP. */
__attribute__((noinline)) static void window_move(struct csv_reader *r)
{
	size_t to = r->len - r->pos < PAGE_AHEAD ? r->len : r->pos + PAGE_AHEAD;
	if (to > r->ahead) {
		size_t from = r->ahead > r->pos ? r->ahead : r->pos;
		ingest_pages_want(r->buf + from, to - from);
		r->ahead = to;
	}
	r->dropped += ingest_pages_drop(r->buf + r->dropped,
					r->pos - r->dropped);
	r->mark = r->pos + PAGE_STEP;
}

void csv_reader_release(struct csv_reader *r)
{
	csv_free(&r->p);
	free(r->data);
	free(r->off);
	free(r->flen);
	free(r->fptr);
	memset(r, 0, sizeof(*r));
}

__attribute__((noinline, cold)) static void grow_fields(struct csv_reader *r)
{
	r->capf = r->capf ? r->capf * 2 : 32;
	r->off = xreallocarray(r->off, r->capf, sizeof(*r->off));
	r->flen = xreallocarray(r->flen, r->capf, sizeof(*r->flen));
	r->fptr = xreallocarray(r->fptr, r->capf, sizeof(*r->fptr));
}

static void on_field(void *s, size_t n, void *ctx)
{
	struct csv_reader *r = ctx;
	if (r->dcap - r->dlen < n + 1) {
		size_t need = r->dlen + n + 1;
		size_t cap = r->dcap ? r->dcap : 4096;
		while (cap < need)
			cap *= 2;
		r->data = xrealloc(r->data, cap);
		r->dcap = cap;
	}
	if (r->nf == r->capf)
		grow_fields(r);
	if (n)
		memcpy(r->data + r->dlen, s, n);
	if (r->check_nul && r->nul_field < 0 && n && memchr(s, 0, n))
		r->nul_field = (int)r->nf;
	r->off[r->nf] = r->dlen;
	r->flen[r->nf] = n;
	r->nf++;
	r->dlen += n;
	r->data[r->dlen++] = '\0';
	/* the next field of this record starts where this one ended */
	r->field_line = r->cur_line;
	r->field_next = r->cur_end;
}

/* Hands the record in fptr/flen/nf to the callback and starts the next
 * one on the line being fed. */
static void deliver(struct csv_reader *r)
{
	if (!r->stop) {
		struct csv_row row = {r->fptr, r->flen, r->nf, r->rec_line,
				      r->blank, r->nul_field};
		if (r->fn(r->ctx, &row))
			r->stop = true;
	}
	r->nf = 0;
	r->dlen = 0;
	r->nul_field = -1;
	r->blank = 0;
	r->rec_line = r->cur_line;
	r->field_line = r->cur_line;
	r->field_next = r->cur_end;
}

static void on_record(int c, void *ctx)
{
	struct csv_reader *r = ctx;
	(void)c;
	for (size_t i = 0; i < r->nf; i++)
		r->fptr[i] = r->data + r->off[i];
	deliver(r);
}

static void feed(struct csv_reader *r, const char *s, size_t n)
{
	while (n) {
		size_t k = n < FEED_SLICE ? n : FEED_SLICE;
		size_t have = csv_get_buffer_size(&r->p);
		csv_set_blk_size(&r->p, have < 4096 ? 4096 : have);
		csv_parse(&r->p, s, k, on_field, on_record, r);
		s += k;
		n -= k;
	}
}

static bool blank_byte(char c)
{
	return c == ' ' || c == '\t';
}

/* Bit i set when p[i] is the delimiter, a quote, CR or LF: the bytes
 * where a plain line's fields end, or that make the line libcsv's.
 * SSE2 is part of x86-64; elsewhere the same mask a byte at a time. */
static unsigned special16(const char *p, char delim)
{
#ifdef __SSE2__
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i m = _mm_or_si128(
		_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(delim)),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
		_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))));
	return (unsigned)_mm_movemask_epi8(m);
#else
	unsigned m = 0;
	for (int i = 0; i < 16; i++)
		m |= (unsigned)(p[i] == delim || p[i] == '"' || p[i] == '\r' ||
				p[i] == '\n')
		     << i;
	return m;
#endif
}

/* The same for the n < 64 bytes at the end of the input. */
static uint64_t special_tail(const char *p, size_t n, char delim)
{
	uint64_t m = 0;
	for (size_t i = 0; i < n; i++)
		m |= (uint64_t)(p[i] == delim || p[i] == '"' || p[i] == '\r' ||
				p[i] == '\n')
		     << i;
	return m;
}

/* The fields split_fast is keeping, in locals while it runs: a store
 * through r's arrays could otherwise change any of r's members as far
 * as the compiler knows, and each would be read again after every
 * field. */
struct fields {
	const char **ptr;
	size_t *len;
	size_t n, cap;
};

/* Inline: once per field of nearly every line. */
static inline void add_field(struct csv_reader *r, struct fields *fs,
			     const char *a, const char *b)
{
	/* nearly every field has nothing to trim, and both blanks sort
	 * before '!' */
	if (a < b && ((unsigned char)*a <= ' ' ||
		      (unsigned char)b[-1] <= ' ')) {
		while (a < b && blank_byte(*a))
			a++;
		while (b > a && blank_byte(b[-1]))
			b--;
	}
	if (fs->n == fs->cap) {
		grow_fields(r);
		fs->ptr = r->fptr;
		fs->len = r->flen;
		fs->cap = r->capf;
	}
	fs->ptr[fs->n] = a;
	fs->len[fs->n++] = (size_t)(b - a);
}

/* Where the line ends when the special byte at c ends it: after its
 * terminator (LF, CRLF, a CR at the very end; CR in a CR file); NULL when
 * c makes the line libcsv's (a quote, a CR inside, an LF in a CR file,
 * which libcsv also takes as a record end). */
static const char *line_stop(const struct csv_reader *r, const char *c,
			     const char *end)
{
	if (*c == '"')
		return NULL;
	if (r->cr_only)
		return *c == '\r' ? c + 1 : NULL;
	if (*c == '\n')
		return c + 1;
	if (c + 1 == end)
		return end;
	return c[1] == '\n' ? c + 2 : NULL;
}

/* Splits the physical line at r->pos when it is plain (no quote, and no
 * line-break byte but its terminator), giving what libcsv gives: each
 * field without the spaces and tabs around it (a tab delimiter never sits
 * inside a field).  The fields point into the input, uncopied.  One pass,
 * 64 bytes at a time (an event line's length: one step for most), finds
 * the delimiters and the line's end together.  Returns the offset after the line, with *blank set when the
 * line holds nothing but blanks (no record then); 0, with nothing kept,
 * when the line is libcsv's. */
static size_t split_fast(struct csv_reader *r, bool *blank)
{
	const char *s = r->buf + r->pos, *end = r->buf + r->len;
	const char *field = s, *p = s, *stop = NULL;
	const char delim = r->delim;
	struct fields fs = {r->fptr, r->flen, 0, r->capf};
	while (!stop && p < end) {
		size_t n = (size_t)(end - p) < 64 ? (size_t)(end - p) : 64;
		uint64_t m = n == 64 ? special16(p, delim) |
					       (uint64_t)special16(p + 16, delim) << 16 |
					       (uint64_t)special16(p + 32, delim) << 32 |
					       (uint64_t)special16(p + 48, delim) << 48
				     : special_tail(p, n, delim);
		for (; m && !stop; m &= m - 1) {
			const char *c = p + __builtin_ctzll(m);
			if (*c == delim) {
				add_field(r, &fs, field, c);
				field = c + 1;
				continue;
			}
			stop = line_stop(r, c, end);
			if (!stop) {
				r->nf = 0;
				return 0;
			}
			add_field(r, &fs, field, c);
		}
		p += n;
	}
	if (!stop) {
		add_field(r, &fs, field, end);
		stop = end;
	}
	r->nf = fs.n;
	*blank = fs.n == 1 || blank_byte(delim);
	for (size_t i = 0; *blank && i < fs.n; i++)
		*blank = !fs.len[i];
	return (size_t)(stop - r->buf);
}

/* The record split_fast kept. */
static void deliver_fast(struct csv_reader *r)
{
	for (size_t i = 0; r->check_nul && r->nul_field < 0 && i < r->nf; i++)
		if (memchr(r->fptr[i], 0, r->flen[i]))
			r->nul_field = (int)i;
	deliver(r);
}

/* End of the physical line starting at pos (offset after its
 * terminator). */
static size_t line_end(const struct csv_reader *r, size_t pos)
{
	const char *b = r->buf + pos;
	size_t rest = r->len - pos;
	const char *e = memchr(b, r->cr_only ? '\r' : '\n', rest);
	return e ? (size_t)(e - r->buf) + 1 : r->len;
}

static bool blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\n')
			return false;
	return true;
}

static void restart(struct csv_reader *r)
{
	unsigned char delim = csv_get_delim(&r->p);
	csv_free(&r->p);
	csv_init(&r->p, 0);
	csv_set_delim(&r->p, delim);
	r->nf = 0;
	r->dlen = 0;
	r->nul_field = -1;
	r->blank = 0;
}

int csv_reader_run(struct csv_reader *r, csv_row_fn fn, void *ctx,
		   long *open_line)
{
	r->fn = fn;
	r->ctx = ctx;
	r->stop = false;
	size_t end = r->limit ? r->limit : r->len;
	while (r->pos < end && !r->stop) {
		if (r->pos >= r->mark)
			window_move(r);
		bool blank;
		size_t next = r->p.pstate == CSV_ROW_NOT_BEGUN
				      ? split_fast(r, &blank)
				      : 0;
		if (next) {
			r->cur_line = ++r->line;
			r->cur_end = next;
			r->pos = next;
			if (blank) {
				r->blank++;
				r->nf = 0;
				continue;
			}
			r->rec_line = r->cur_line;
			deliver_fast(r);
			continue;
		}
		size_t stop = line_end(r, r->pos);
		r->cur_line = ++r->line;
		r->cur_end = stop;
		const char *s = r->buf + r->pos;
		size_t n = stop - r->pos;
		r->pos = stop;
		if (r->p.pstate == CSV_ROW_NOT_BEGUN) {
			if (blank_line(s, n)) {
				r->blank++;
				continue;
			}
			r->rec_line = r->cur_line;
			r->field_line = r->cur_line;
			r->field_next = stop;
		}
		feed(r, s, n);
	}
	if (r->stop)
		return 1;
	if (r->pos < r->len)
		return 2;
	if (r->p.pstate == CSV_FIELD_BEGUN && r->p.quoted) {
		*open_line = r->field_line;
		r->open_field = r->nf;
		r->line = r->field_line;
		r->pos = r->field_next;
		restart(r);
		return -1;
	}
	r->cur_line = r->line;
	csv_fini(&r->p, on_field, on_record, r);
	return r->stop ? 1 : 0;
}

bool csv_reader_clean_cut(const struct csv_reader *r)
{
	return r->p.pstate == CSV_ROW_NOT_BEGUN && !r->blank;
}

const char *csv_reader_quote_text(const struct csv_reader *r, size_t *n)
{
	char term = r->cr_only ? '\r' : '\n';
	size_t end = r->pos, start = end;
	if (start && r->buf[start - 1] == term)
		start--;
	while (start && r->buf[start - 1] != term)
		start--;
	const char *p = r->buf + start, *e = r->buf + end;
	while (p < e) {
		while (p < e && blank_byte(*p))
			p++;
		const char *field = p;
		if (p < e && *p == '"') {
			/* to the closing quote; "" inside is one quote */
			for (p++; p < e; p++)
				if (*p == '"' && !(p + 1 < e && p[1] == '"'))
					break;
				else if (*p == '"')
					p++;
			if (p < e)
				p++;
			while (p < e && blank_byte(*p))
				p++;
			if (p < e && *p != r->delim && *p != '\r' &&
			    *p != '\n') {
				const char *d = memchr(p, r->delim,
						       (size_t)(e - p));
				const char *stop = d ? d : e;
				while (stop > field &&
				       (stop[-1] == '\n' || stop[-1] == '\r' ||
					blank_byte(stop[-1])))
					stop--;
				*n = (size_t)(stop - field);
				return field;
			}
		}
		const char *d = memchr(p, r->delim, (size_t)(e - p));
		p = d ? d + 1 : e;
	}
	return NULL;
}

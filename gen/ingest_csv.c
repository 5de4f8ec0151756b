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
 * libcsv would split them, without its per-byte state machine and its
 * second copy of every field: that halves the cost of reading. */
#include "ingest_impl.h"

#include <string.h>

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
	if (r->nf == r->capf) {
		r->capf = r->capf ? r->capf * 2 : 32;
		r->off = xreallocarray(r->off, r->capf, sizeof(*r->off));
		r->flen = xreallocarray(r->flen, r->capf, sizeof(*r->flen));
		r->fptr = xreallocarray(r->fptr, r->capf, sizeof(*r->fptr));
	}
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

static void on_record(int c, void *ctx)
{
	struct csv_reader *r = ctx;
	(void)c;
	if (!r->stop) {
		for (size_t i = 0; i < r->nf; i++)
			r->fptr[i] = r->data + r->off[i];
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

/* Splits a whole record on one line with no quote and no line break
 * inside, giving what libcsv gives: each field without the spaces and
 * tabs around it (a tab delimiter never sits inside a field).  Returns
 * false, having done nothing, for any other line. */
static bool split_plain(struct csv_reader *r, const char *s, size_t n)
{
	char term = r->cr_only ? '\r' : '\n';
	if (n && s[n - 1] == term)
		n--;
	if (!r->cr_only && n && s[n - 1] == '\r')
		n--;
	if (memchr(s, '"', n) || memchr(s, '\r', n) ||
	    (r->cr_only && memchr(s, '\n', n)))
		return false;
	const char *end = s + n;
	for (;;) {
		const char *d = memchr(s, r->delim, (size_t)(end - s));
		const char *a = s, *b = d ? d : end;
		while (a < b && blank_byte(*a))
			a++;
		while (b > a && blank_byte(b[-1]))
			b--;
		on_field((void *)a, (size_t)(b - a), r);
		if (!d)
			break;
		s = d + 1;
	}
	on_record(term, r);
	return true;
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
			if (split_plain(r, s, n))
				continue;
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

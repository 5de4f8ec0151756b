/* test_ingest_csv.c - the record reader splits lines with no quote itself
 * and hands every other line to libcsv; either way its records must be
 * libcsv's.  The reference is libcsv run over the whole buffer at once
 * (no line feeding, no fast path), on hand-picked lines and on thousands
 * of random records mixing plain, blank-padded, empty and quoted fields
 * (quoted ones holding delimiters, doubled quotes and line breaks) under
 * each delimiter and line ending. */
#include "harness.h"
#include "../gen/ingest_impl.h"

#include <stdlib.h>

/* Records as text: every field as <length:bytes>, every record ends '\n'. */
static void put_field(struct buf *b, const char *s, size_t n)
{
	buf_addf(b, "<%zu:", n);
	buf_put(b, s, n);
	buf_putc(b, '>');
}

static void ref_field(void *s, size_t n, void *ctx)
{
	put_field(ctx, s, n);
}

static void ref_record(int c, void *ctx)
{
	(void)c;
	buf_putc(ctx, '\n');
}

static void reference(const char *in, size_t n, unsigned char delim,
		      struct buf *out)
{
	struct csv_parser p;
	csv_init(&p, 0);
	csv_set_delim(&p, delim);
	csv_parse(&p, in, n, ref_field, ref_record, out);
	csv_fini(&p, ref_field, ref_record, out);
	csv_free(&p);
}

struct got {
	struct buf text;
	long lines[16];
	size_t nlines;
};

static int on_row(void *ctx, const struct csv_row *row)
{
	struct got *g = ctx;
	for (size_t i = 0; i < row->n; i++) {
		put_field(&g->text, row->f[i], row->len[i]);
	}
	buf_putc(&g->text, '\n');
	if (g->nlines < 16)
		g->lines[g->nlines++] = row->line;
	return 0;
}

static void reader(const char *in, size_t n, unsigned char delim,
		   bool cr_only, struct got *g)
{
	struct csv_reader r;
	long open = 0;
	memset(g, 0, sizeof(*g));
	csv_reader_init(&r, in, n, 0, 0, delim, cr_only, false);
	CHECK_INT(csv_reader_run(&r, on_row, g, &open), 0);
	csv_reader_release(&r);
}

static void same_as_libcsv(const char *in, size_t n, unsigned char delim,
			   bool cr_only)
{
	struct buf want = BUF_INIT;
	struct got g;
	reference(in, n, delim, &want);
	reader(in, n, delim, cr_only, &g);
	/* fields may hold NUL bytes: compare lengths and bytes */
	CHECK_INT(g.text.len, want.len);
	size_t i = 0;
	while (i < want.len && i < g.text.len && g.text.ptr[i] == want.ptr[i])
		i++;
	if (i < want.len || i < g.text.len)
		fprintf(stderr, "delimiter '%c': first difference at byte %zu: "
			"got \"%.40s\", expected \"%.40s\"\n", delim, i,
			g.text.ptr + i, want.ptr + i);
	CHECK(i == want.len && i == g.text.len);
	buf_release(&want);
	buf_release(&g.text);
}

static int last_nul_field(void *ctx, const struct csv_row *row)
{
	*(int *)ctx = row->nul_field;
	return 0;
}

static void hand_cases(void)
{
	struct got g;
	/* blanks around plain fields go, blanks inside stay; a trailing
	 * delimiter is one more, empty, field */
	const char *in = " a , b c\t,\n";
	reader(in, strlen(in), ',', false, &g);
	CHECK_STR(buf_cstr(&g.text), "<1:a><3:b c><0:>\n");
	buf_release(&g.text);

	/* with a tab delimiter only spaces are trimmed */
	in = "a\t b \t\tz\r\n";
	reader(in, strlen(in), '\t', false, &g);
	CHECK_STR(buf_cstr(&g.text), "<1:a><1:b><0:><1:z>\n");
	buf_release(&g.text);

	/* a quoted field spanning lines 2 and 3: records begin on lines 1,
	 * 2 and 4, and a blank line 5 is no record */
	in = "x;y\n\"p\nq\";r\ns;t\n \n\"u\"\"v\";w";
	reader(in, strlen(in), ';', false, &g);
	CHECK_STR(buf_cstr(&g.text),
		  "<1:x><1:y>\n<3:p\nq><1:r>\n<1:s><1:t>\n<3:u\"v><1:w>\n");
	CHECK_INT(g.nlines, 4);
	CHECK_INT(g.lines[0], 1);
	CHECK_INT(g.lines[1], 2);
	CHECK_INT(g.lines[2], 4);
	CHECK_INT(g.lines[3], 6);
	buf_release(&g.text);

	/* old Mac Excel: CR ends a line; an LF inside a plain line is a
	 * record break to libcsv, so such a line is libcsv's to split */
	in = "a,b\rc\nd,e\r";
	reader(in, strlen(in), ',', true, &g);
	CHECK_STR(buf_cstr(&g.text), "<1:a><1:b>\n<1:c>\n<1:d><1:e>\n");
	buf_release(&g.text);
}

/* The plain-line splitter's edges, each against libcsv: a CR at the very
 * end, a CR inside a line, CRLF, a quote past the first 16 bytes, a
 * field ending exactly at a 16-byte block, lines of blanks (with a tab
 * delimiter those are empty fields to libcsv, skipped here), a NUL byte
 * named by field. */
static void splitter_cases(void)
{
	static const char *const lf[] = {
		"a,b\r",
		"a,b\rc,d\n",
		"x,y\r\nabcdefghijklmno,p\r\n",
		"0123456789abcdefghij,\"k,l\",m\n",
		"0123456789abcde,f\n0123456789abcdefghijklmnopqrstu,v",
		" \t \n\n,\n \" \"\n",
		"a,,b,\n,\n",
	};
	for (size_t i = 0; i < sizeof(lf) / sizeof(*lf); i++)
		same_as_libcsv(lf[i], strlen(lf[i]), ',', false);
	const char *tabs = "a\tb\n\t \t\nc\t\td\n";
	struct got g;
	reader(tabs, strlen(tabs), '\t', false, &g);
	CHECK_STR(buf_cstr(&g.text), "<1:a><1:b>\n<1:c><0:><1:d>\n");
	CHECK_INT(g.nlines, 2);
	CHECK_INT(g.lines[1], 3);
	buf_release(&g.text);
	static const char nul[] = "a,b\nc,d\0e\n";
	struct csv_reader r;
	long open = 0;
	csv_reader_init(&r, nul, sizeof(nul) - 1, 0, 0, ',', false, true);
	int field = -2;
	CHECK_INT(csv_reader_run(&r, last_nul_field, &field, &open), 0);
	CHECK_INT(field, 1);
	csv_reader_release(&r);
}

static int ignore_row(void *ctx, const struct csv_row *row)
{
	(void)ctx;
	(void)row;
	return 0;
}

/* The quote libcsv leaves open: the value with text after its closing
 * quote is named when there is one, not otherwise. */
static void quote_text(const char *in, const char *want)
{
	struct csv_reader r;
	long open = 0;
	size_t n = 0;
	csv_reader_init(&r, in, strlen(in), 0, 0, ',', false, false);
	int rc = csv_reader_run(&r, ignore_row, NULL, &open);
	CHECK_INT(rc, -1);
	CHECK_INT(open, 2);
	const char *q = rc < 0 ? csv_reader_quote_text(&r, &n) : NULL;
	if (want) {
		CHECK(q != NULL);
		if (q)
			CHECK_INT(strncmp(q, want, n) == 0 && strlen(want) == n,
				  1);
	} else {
		CHECK(q == NULL);
	}
	csv_reader_release(&r);
}

/* A random field: plain (letters, blanks, a NUL, now and then the line
 * break the file does not use, which libcsv takes as a record end) or
 * quoted (with the delimiter, a doubled quote or a line break inside).
 * One in four is long and one in sixteen longer still, so that lines
 * span several of the splitter's 64-byte steps (some without a special
 * byte) and a special byte falls at every place in one. */
static void random_field(struct buf *b, unsigned char delim, const char *eol,
			 unsigned *seed)
{
	int len = rand_r(seed) % 4    ? rand_r(seed) % 6
		  : rand_r(seed) % 4 ? rand_r(seed) % 40
				     : rand_r(seed) % 150;
	if (rand_r(seed) % 5 == 0) {
		buf_putc(b, '"');
		for (int i = 0; i < len; i++) {
			switch (rand_r(seed) % 5) {
			case 0: buf_putc(b, (char)delim); break;
			case 1: buf_puts(b, "\"\""); break;
			case 2: buf_puts(b, eol); break;
			case 3: buf_putc(b, ' '); break;
			default: buf_putc(b, 'q');
			}
		}
		buf_putc(b, '"');
		return;
	}
	static const char plain[] = {'a', 'b', ' ', '\t', '\0', 'c'};
	for (int i = 0; i < len; i++) {
		char c = plain[rand_r(seed) % sizeof(plain)];
		if (rand_r(seed) % 40 == 0)
			c = strcmp(eol, "\r") ? '\r' : '\n';
		if (c != (char)delim)
			buf_putc(b, c);
	}
}

static void random_records(unsigned char delim, const char *eol,
			   bool cr_only, unsigned seed)
{
	struct buf in = BUF_INIT;
	for (int rec = 0; rec < 3000; rec++) {
		size_t start = in.len;
		int nf = 1 + rand_r(&seed) % 9;
		for (int f = 0; f < nf; f++) {
			if (f)
				buf_putc(&in, (char)delim);
			random_field(&in, delim, eol, &seed);
		}
		/* a line of blanks and line breaks alone is skipped before
		 * libcsv sees it (tab-delimited, it would be empty fields to
		 * libcsv) */
		bool blank = true;
		for (size_t i = start; i < in.len; i++)
			if (!strchr(" \t\r\n", in.ptr[i]) || !in.ptr[i])
				blank = false;
		if (blank)
			buf_putc(&in, 'z');
		if (rec < 2999 || seed % 2)
			buf_puts(&in, eol);
	}
	same_as_libcsv(in.ptr, in.len, delim, cr_only);
	buf_release(&in);
}

int main(void)
{
	hand_cases();
	splitter_cases();
	quote_text("id,name\nA1, \"Be\"ta ,x\nA2,y\n", "\"Be\"ta");
	quote_text("id,name\nA1,\"ok\"\"fine\",\"open\nA2,y\n", NULL);
	static const unsigned char delims[] = {',', ';', '\t', '|'};
	for (size_t d = 0; d < sizeof(delims); d++) {
		random_records(delims[d], "\n", false, 11 + (unsigned)d);
		random_records(delims[d], "\r\n", false, 23 + (unsigned)d);
		random_records(delims[d], "\r", true, 37 + (unsigned)d);
		random_records(delims[d], "\n", false, 51 + (unsigned)d);
		random_records(delims[d], "\r\n", false, 67 + (unsigned)d);
	}
	return test_done("test_ingest_csv");
}

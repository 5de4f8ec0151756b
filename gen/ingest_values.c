/* ingest_values.c - one field to one value: dates (with the per-column
 * day/month order of slash dates), numbers with either decimal mark. */
#include "ingest_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* ---- slash-date order --------------------------------------------------- */

struct scan {
	struct ingest_ctx *x;
	struct ingest_file *f;
};

static void note_order(struct scan *sc, int col, enum tp_order o,
		       const char *s, size_t n, long line)
{
	struct date_col *dc = &sc->f->dates[col];
	if (o == TP_ORDER_UNKNOWN)
		return;
	if (dc->order == TP_ORDER_UNKNOWN) {
		dc->order = o;
		dc->order_line = line;
		size_t k = n < sizeof(dc->order_value) - 1
				   ? n
				   : sizeof(dc->order_value) - 1;
		memcpy(dc->order_value, s, k);
		dc->order_value[k] = '\0';
		return;
	}
	if (dc->order == o || dc->reported)
		return;
	dc->reported = true;
	char show[80];
	ingest_file_problem(sc->x, line, col, "'%s' is %s but line %ld has '%s', %s; set "
			  "date_format in [report] to say which",
			  ingest_show(show, s, n),
			  o == TP_ORDER_DMY ? "day-first" : "month-first",
			  dc->order_line, dc->order_value,
			  dc->order == TP_ORDER_DMY ? "day-first"
						    : "month-first");
}

static int scan_row(void *ctx, const struct csv_row *row)
{
	struct scan *sc = ctx;
	struct ingest_file *f = sc->f;
	for (int col = 0; col < COL_COUNT; col++) {
		int i = f->colidx[col];
		if (i < 0 || (size_t)i >= row->n || !schema_col_is_date(col))
			continue;
		const char *s = row->f[i];
		size_t n = row->len[i];
		ingest_value_trim(&s, &n);
		note_order(sc, col, tp_slash_order(s, n), s, n, row->line);
	}
	return 0;
}

void ingest_dates_decide(struct ingest_ctx *x, struct ingest_file *f)
{
	struct scan sc = {x, f};
	struct csv_reader r;
	csv_reader_init(&r, f->data, f->len, f->body_pos, f->header_lines,
			f->delim, f->cr_only, false);
	if (f->map)
		csv_reader_paged(&r);
	long open;
	while (csv_reader_run(&r, scan_row, &sc, &open) < 0)
		;	/* an open quote: reported by the main pass */
	csv_reader_release(&r);
	f->dates_scanned = true;
}

int ingest_value_time(struct ingest_ctx *x, struct ingest_file *f, int col,
		      const char *s, size_t n, long line, int64_t *t,
		      struct buf *msg)
{
	struct date_col *dc = &f->dates[col];
	*t = TTFV_NO_TIME;
	if (!n)
		return 0;
	enum tp_form form;
	char show[80];
	int rc = tp_parse(s, n, x->c->date_format, dc->order, t, &form);
	if (((rc == TP_OK && form == TP_SLASH && !x->c->date_format) ||
	     rc == TP_AMBIGUOUS) && !f->dates_scanned) {
		/* the first slash date: settle the column's order from every
		 * value, so no later row is read the other way round */
		ingest_dates_decide(x, f);
		rc = tp_parse(s, n, NULL, dc->order, t, &form);
	}
	if (rc == TP_OK) {
		dc->forms |= 1u << form;
		if (ingest_time_plausible(*t))
			return 0;
		/* a typo'd year would stretch every cohort, trend and axis
		 * over centuries: the row is bad, not clamped */
		*t = TTFV_NO_TIME;
		buf_addf(msg,
			 "'%s' is outside the plausible years %d-%d (a typo in "
			 "the year?)",
			 ingest_show(show, s, n), INGEST_YEAR_MIN,
			 INGEST_YEAR_END - 1);
		return -1;
	}
	*t = TTFV_NO_TIME;
	if (rc == TP_AMBIGUOUS) {
		dc->forms |= 1u << TP_SLASH;
		if (!dc->ambiguous_line)
			dc->ambiguous_line = line;
		buf_addf(msg,
			 "cannot tell whether '%s' is month-first or "
			 "day-first: no value in this column has a day over "
			 "12; set date_format in [report] (%%m/%%d/%%Y or "
			 "%%d/%%m/%%Y)",
			 ingest_show(show, s, n));
		return -2;
	}
	enum tp_order own = tp_slash_order(s, n);
	if (own != TP_ORDER_UNKNOWN && own != dc->order &&
	    dc->order != TP_ORDER_UNKNOWN)
		buf_addf(msg,
			 "'%s' is %s but the column was read as %s from "
			 "line %ld ('%s')",
			 ingest_show(show, s, n),
			 dc->order == TP_ORDER_MDY ? "day-first" : "month-first",
			 dc->order == TP_ORDER_MDY ? "month-first" : "day-first",
			 dc->order_line, dc->order_value);
	else
		buf_addf(msg, "cannot parse '%s' as a date",
			 ingest_show(show, s, n));
	return -1;
}

/* ---- numbers -------------------------------------------------------------- */

static const char *last_of(const char *s, size_t n, char c)
{
	while (n--)
		if (s[n] == c)
			return s + n;
	return NULL;
}

/* A currency sign or ISO code at either end: "$1,200", "EUR 12.500,00",
 * "12.500,50" with a euro sign after it (German Excel). */
static void strip_currency(const char **s, size_t *n)
{
	static const char *const signs[] = {"$", "\xE2\x82\xAC", "\xC2\xA3",
					    NULL};
	ingest_value_trim(s, n);
	for (int i = 0; signs[i]; i++) {
		size_t k = strlen(signs[i]);
		if (*n >= k && !memcmp(*s, signs[i], k)) {
			*s += k;
			*n -= k;
		} else if (*n >= k && !memcmp(*s + *n - k, signs[i], k)) {
			*n -= k;
		}
	}
	ingest_value_trim(s, n);
	if (*n <= 4)
		return;
	bool code_front = (*s)[3] == ' ', code_back = (*s)[*n - 4] == ' ';
	for (int i = 0; i < 3; i++) {
		code_front &= (*s)[i] >= 'A' && (*s)[i] <= 'Z';
		code_back &= (*s)[*n - 3 + i] >= 'A' && (*s)[*n - 3 + i] <= 'Z';
	}
	if (code_front) {
		*s += 4;
		*n -= 4;
	} else if (code_back) {
		*n -= 4;
	}
	ingest_value_trim(s, n);
}

/* The shape nearly every amount and SLA has: digits, at most one point
 * among them (not in a ;-file, where a point may group thousands), 15
 * digits at most.  Such a value is its digits as an integer over a power
 * of ten, both exact in a double, so exact_decimal rounds as strtod
 * does.  False, with *out untouched, for any other text. */
static bool plain_number(const char *s, size_t n, bool decimal_comma,
			 double *out)
{
	uint64_t v = 0;
	size_t digits = 0, point = n;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d <= 9) {
			v = v * 10 + d;
			digits++;
		} else if (s[i] == '.' && point == n && !decimal_comma) {
			point = i;
		} else {
			return false;
		}
	}
	if (!digits || digits > 15)
		return false;
	size_t frac = point == n ? 0 : n - point - 1;
	return exact_decimal(v, -(int)frac, out);
}

bool ingest_value_number(const char *s, size_t n, bool decimal_comma,
			 double *out)
{
	char tmp[64];
	size_t k = 0;
	if (plain_number(s, n, decimal_comma, out))
		return true;
	strip_currency(&s, &n);
	const char *comma = memchr(s, ',', n), *dot = memchr(s, '.', n);
	char mark = '.';
	if (comma && dot)
		mark = last_of(s, n, ',') > last_of(s, n, '.') ? ',' : '.';
	else if (comma)
		mark = decimal_comma ? ',' : '.';
	else if (dot && decimal_comma) {
		/* 12.500 in a ;-file is twelve thousand five hundred */
		const char *last = last_of(s, n, '.');
		mark = (size_t)(s + n - last) == 4 ? ',' : '.';
	}
	char group = mark == ',' ? '.' : ',';
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == group || c == ' ' || c == '\'')
			continue;
		if (k + 1 >= sizeof(tmp))
			return false;
		tmp[k++] = c == mark ? '.' : c;
	}
	tmp[k] = '\0';
	if (!k || strchr(tmp, ',') || strchr(tmp, '.') != strrchr(tmp, '.') ||
	    strpbrk(tmp, "xXpP"))
		return false;
	char *end;
	double v = strtod(tmp, &end);
	if (*end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

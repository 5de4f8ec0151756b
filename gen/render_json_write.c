/* render_json_write.c - the JSON writer: deterministic bytes for
 * report.json.  Doubles are the shortest of %.15g / %.16g / %.17g that
 * reads back to the same double (whole numbers without printf), NAN and
 * infinities null. */
#include "render_json_write.h"

#include "config.h"
#include "timeutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jw_next(struct jw *j, const char *key)
{
	if (j->more[j->depth])
		buf_putc(j->b, ',');
	j->more[j->depth] = true;
	if (j->flat && j->depth >= j->flat) {
		buf_putc(j->b, ' ');
	} else if (j->depth > 0) {
		static const char nl_indent[] =
			"\n                                ";
		int n = 1 + 2 * j->depth;
		buf_put(j->b, nl_indent,
			(size_t)(n < (int)sizeof(nl_indent) - 1
					 ? n
					 : (int)sizeof(nl_indent) - 1));
	}
	if (key) {
		buf_putc(j->b, '"');
		buf_puts(j->b, key);
		buf_put(j->b, "\": ", 3);
	}
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid:
 * no overlong forms, no surrogates, nothing past U+10FFFF. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	unsigned cp = c & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

void jw_put_string(struct buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), run = 0;
	buf_putc(b, '"');
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		size_t len = utf8_len(s + i, n - i);
		if (len > 1) {
			i += len;
			continue;
		}
		/* flush the plain run before this byte */
		buf_put(b, (const char *)s + run, i - run);
		if (len == 0)
			buf_put(b, "\xEF\xBF\xBD", 3);	/* U+FFFD */
		else if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n') {
			buf_put(b, "\\n", 2);
		} else if (c == '\t') {
			buf_put(b, "\\t", 2);
		} else if (c == '\r') {
			buf_put(b, "\\r", 2);
		} else {
			buf_addf(b, "\\u%04x", c);
		}
		run = ++i;
	}
	buf_put(b, (const char *)s + run, n - run);
	buf_putc(b, '"');
}

/* The shortest of %.15g / %.16g / %.17g that reads back to v, the
 * reference form; a report has tens of thousands of such figures, and this
 * costs three printf and three strtod calls for most of them. */
static void put_double_printf(struct buf *b, double v)
{
	char tmp[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	buf_puts(b, tmp);
}

/* %.{p}g of the p-digit significand m (10^(p-1) <= m < 10^p) with decimal
 * exponent x, as printf writes it (fixed from 10^-4 up to 10^p, with
 * trailing zeros and a bare point dropped), into out (48 bytes); its
 * length. */
static size_t format_g(char *out, bool neg, uint64_t m, int p, int x)
{
	char dig[20];
	size_t n = 0;
	int nd = p;
	for (int i = p - 1; i >= 0; i--, m /= 10)
		dig[i] = (char)('0' + m % 10);
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	if (neg)
		out[n++] = '-';
	if (x < -4 || x >= p) {
		out[n++] = dig[0];
		if (nd > 1) {
			out[n++] = '.';
			memcpy(out + n, dig + 1, (size_t)nd - 1);
			n += (size_t)nd - 1;
		}
		int ax = x < 0 ? -x : x;
		out[n++] = 'e';
		out[n++] = x < 0 ? '-' : '+';
		if (ax >= 100)
			out[n++] = (char)('0' + ax / 100);
		out[n++] = (char)('0' + ax / 10 % 10);
		out[n++] = (char)('0' + ax % 10);
	} else if (x < 0) {
		out[n++] = '0';
		out[n++] = '.';
		for (int i = -1; i > x; i--)
			out[n++] = '0';
		memcpy(out + n, dig, (size_t)nd);
		n += (size_t)nd;
	} else {
		memcpy(out + n, dig, (size_t)x + 1);
		n += (size_t)x + 1;
		if (nd > x + 1) {
			out[n++] = '.';
			memcpy(out + n, dig + x + 1, (size_t)(nd - x - 1));
			n += (size_t)(nd - x - 1);
		}
	}
	out[n] = '\0';
	return n;
}

__extension__ typedef unsigned __int128 u128;

/* The 17 significant digits of v > 0 as printf's %.16e rounds them (to
 * nearest, a tie to even) into *m (10^16 <= *m < 10^17) and the decimal
 * exponent into *x, exactly, from v = f * 2^-s: v * 10^k is f * 10^k
 * shifted right by s, in 128 bits while v is from 10^-6 to 2^53 (f below
 * 2^53, 10^k at most 10^22, s at most 73); false outside that range. */
static bool digits17(double v, uint64_t *m, int *x)
{
	static const uint64_t e16 = UINT64_C(10000000000000000);
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	int ex = (int)(bits >> 52 & 0x7FF);
	if (!(v >= 1e-6) || ex == 0 || ex >= 1075)
		return false;
	uint64_t f = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
	int sh = 1075 - ex;
	int d = (int)floor(log10(v));
	for (int tries = 0; tries < 3; tries++) {
		int k = 16 - d;
		if (k < 0 || k > 22)
			return false;
		u128 p = 1;
		for (int i = 0; i < k; i++)
			p *= 10;
		u128 n = (u128)f * p;
		u128 q = n >> sh, rem = n & (((u128)1 << sh) - 1);
		u128 half = (u128)1 << (sh - 1);
		if (q >= (u128)e16 * 10) {
			d++;
			continue;
		}
		if (q < (u128)e16) {
			d--;
			continue;
		}
		uint64_t r = (uint64_t)q;
		if (rem > half || (rem == half && (r & 1)))
			r++;
		if (r == e16 * 10) {
			r = e16;
			d++;
		}
		*m = r;
		*x = d;
		return true;
	}
	return false;
}

/* The same bytes as put_double_printf from its 17 digits (digits17, or
 * one printf outside its range): the 15- and 16-digit forms are roundings
 * of the 17 digits (certain unless the digits dropped are exactly half a
 * unit, which could be a rounding of their own), and whether one reads
 * back to v is one exact division where that is exact, else strtod of
 * the form.  A half unit goes the reference way. */
static void put_double_fast(struct buf *b, double v)
{
	char out[48];
	bool neg = v < 0;
	uint64_t m17;
	int x17;
	if (!digits17(neg ? -v : v, &m17, &x17)) {
		char e17[40];
		snprintf(e17, sizeof(e17), "%.16e", neg ? -v : v);
		/* d.dddddddddddddddde[+-]xx */
		m17 = (uint64_t)(e17[0] - '0');
		for (int i = 2; i < 18; i++)
			m17 = m17 * 10 + (uint64_t)(e17[i] - '0');
		x17 = (int)strtol(e17 + 19, NULL, 10);
	}
	static const uint64_t p15 = UINT64_C(100000000000000);
	for (int p = 15; p <= 16; p++) {
		uint64_t unit = p == 15 ? 100 : 10, half = unit / 2;
		uint64_t m = m17 / unit, r = m17 % unit;
		int x = x17;
		double back;
		if (r == half) {
			put_double_printf(b, v);
			return;
		}
		if (r > half && ++m == (p == 15 ? p15 * 10 : p15 * 100)) {
			m /= 10;
			x++;
		}
		size_t n = format_g(out, neg, m, p, x);
		if (!exact_decimal(m, x - p + 1, &back))
			back = strtod(out + neg, NULL);
		if ((neg ? -back : back) == v) {
			buf_put(b, out, n);
			return;
		}
	}
	buf_put(b, out, format_g(out, neg, m17, 17, x17));
}

void jw_put_double(struct buf *b, double v)
{
	if (!isfinite(v)) {
		buf_puts(b, "null");
		return;
	}
	char tmp[40];
	/* whole numbers (counts, SLA days) without printf */
	if (v == trunc(v) && fabs(v) < 1e15) {
		long long x = (long long)v;
		char *p = tmp + sizeof(tmp);
		bool neg = x < 0 || (x == 0 && signbit(v));
		unsigned long long u = x < 0 ? -(unsigned long long)x
					     : (unsigned long long)x;
		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		if (neg)
			*--p = '-';
		buf_put(b, p, (size_t)(tmp + sizeof(tmp) - p));
		return;
	}
	put_double_fast(b, v);
}

void jw_str(struct jw *j, const char *key, const char *v)
{
	jw_next(j, key);
	if (v)
		jw_put_string(j->b, v);
	else
		buf_puts(j->b, "null");
}

void jw_num(struct jw *j, const char *key, double v)
{
	jw_next(j, key);
	jw_put_double(j->b, v);
}

void jw_int(struct jw *j, const char *key, size_t v)
{
	jw_next(j, key);
	buf_addf(j->b, "%zu", v);
}

void jw_bool(struct jw *j, const char *key, bool v)
{
	jw_next(j, key);
	buf_puts(j->b, v ? "true" : "false");
}

void jw_date(struct jw *j, const char *key, int64_t t)
{
	if (t == TTFV_NO_TIME) {
		jw_str(j, key, NULL);
		return;
	}
	/* without printf: a report of 200,000 accounts has a million dates */
	int64_t y;
	unsigned m, d;
	tu_civil_from_days(tu_day_of(t), &y, &m, &d);
	unsigned yy = (unsigned)(y < 0 ? 0 : y > 9999 ? 9999 : y);
	char out[12] = {'"',
			(char)('0' + yy / 1000),
			(char)('0' + yy / 100 % 10),
			(char)('0' + yy / 10 % 10),
			(char)('0' + yy % 10),
			'-',
			(char)('0' + m / 10),
			(char)('0' + m % 10),
			'-',
			(char)('0' + d / 10),
			(char)('0' + d % 10),
			'"'};
	jw_next(j, key);
	buf_put(j->b, out, sizeof(out));
}

void jw_open(struct jw *j, const char *key, char c)
{
	jw_next(j, key);
	buf_putc(j->b, c);
	j->depth++;
	j->more[j->depth] = false;
}

void jw_close(struct jw *j, char c)
{
	bool any = j->more[j->depth];
	bool flat = j->flat && j->depth >= j->flat;
	j->depth--;
	if (any && flat) {
		buf_putc(j->b, ' ');
	} else if (any) {
		buf_putc(j->b, '\n');
		for (int i = 0; i < j->depth; i++)
			buf_put(j->b, "  ", 2);
	}
	buf_putc(j->b, c);
}

/* timeparse.c - timestamps as exports write them, to UTC instants.
 *
 * Every event row goes through here, so the common case (ISO 8601) is
 * parsed by hand without copying; only a configured date_format needs a
 * NUL-terminated copy for strptime. */
#define _XOPEN_SOURCE 700	/* strptime */
#include "timeparse.h"

#include <limits.h>
#include <string.h>
#include <time.h>

#include "timeutil.h"

struct cursor {
	const char *p, *end;
};

static _Thread_local int64_t zone_key = INT64_MIN;
static _Thread_local int64_t zone_base;

void tp_zone_changed(void)
{
	zone_key = INT64_MIN;
}

/* A wall-clock time in the report timezone.  mktime is slow and event
 * exports come in time order, so the instant of each local hour is cached:
 * minutes and seconds inside an hour never cross an offset change. */
static int64_t local_to_utc(int64_t y, unsigned mo, unsigned d, unsigned h,
			    unsigned mi, unsigned s)
{
	int64_t day = tu_days_from_civil(y, mo, d);
	if (tu_is_utc())
		return day * TU_DAY + ((int64_t)h * 3600 + mi * 60 + s) *
					      TU_SECOND;
	int64_t key = day * 24 + h;
	if (key != zone_key) {
		zone_base = tu_local_to_utc(y, mo, d, h, 0, 0);
		zone_key = key;
	}
	return zone_base + (int64_t)(mi * 60 + s) * TU_SECOND;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A fraction's digits after the point as microseconds: the first six
 * count, any further ones are below the microsecond and dropped (SPEC
 * section 3).  False when there is no digit. */
static bool take_fraction(struct cursor *c, unsigned *us)
{
	unsigned v = 0;
	int k = 0;
	for (; c->p < c->end && is_digit(*c->p); c->p++, k++)
		if (k < 6)
			v = v * 10 + (unsigned)(*c->p - '0');
	for (int i = k; i < 6; i++)
		v *= 10;
	*us = v;
	return k > 0;
}

/* Reads between min and max digits; false when fewer than min. */
static bool take_num(struct cursor *c, int min, int max, unsigned *out)
{
	unsigned v = 0;
	int k = 0;
	while (k < max && c->p < c->end && is_digit(*c->p)) {
		v = v * 10 + (unsigned)(*c->p++ - '0');
		k++;
	}
	*out = v;
	return k >= min;
}

static bool take(struct cursor *c, char ch)
{
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return true;
	}
	return false;
}

static void skip_blanks(struct cursor *c)
{
	while (c->p < c->end && *c->p == ' ')
		c->p++;
}

static bool take_word(struct cursor *c, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(c->end - c->p) < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = c->p[i];
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch != w[i])
			return false;
	}
	c->p += n;
	return true;
}

struct clock {
	unsigned h, mi, s;
	unsigned us;		/* the fraction of the second */
	bool has_offset;
	int offset;		/* seconds east of UTC */
};

/* Z, UTC, +HH, +HHMM or +HH:MM (and -), or nothing. */
static bool parse_offset(struct cursor *c, struct clock *k)
{
	skip_blanks(c);
	if (c->p == c->end)
		return true;
	if (take(c, 'Z') || take(c, 'z') || take_word(c, "UTC") ||
	    take_word(c, "GMT")) {
		k->has_offset = true;
		return c->p == c->end;
	}
	int sign = *c->p == '+' ? 1 : *c->p == '-' ? -1 : 0;
	if (!sign)
		return false;
	c->p++;
	unsigned oh, om = 0;
	if (!take_num(c, 2, 2, &oh))
		return false;
	if (take(c, ':')) {
		if (!take_num(c, 2, 2, &om))
			return false;
	} else if (c->p < c->end && !take_num(c, 2, 2, &om)) {
		return false;
	}
	if (oh > 23 || om > 59 || c->p != c->end)
		return false;
	k->has_offset = true;
	k->offset = sign * (int)(oh * 3600 + om * 60);
	return true;
}

/* The rest of a value after its date: nothing, or [T or blanks]
 * H:MM[:SS[.f...]] [AM|PM] [offset].  allow_t: ISO's 'T' separator. */
static bool parse_clock(struct cursor *c, struct clock *k, bool allow_t)
{
	memset(k, 0, sizeof(*k));
	if (c->p == c->end)
		return true;
	if (!(allow_t && (take(c, 'T') || take(c, 't')))) {
		if (*c->p != ' ')
			return false;
		skip_blanks(c);
	}
	if (!take_num(c, 1, 2, &k->h) || !take(c, ':') ||
	    !take_num(c, 2, 2, &k->mi))
		return false;
	if (take(c, ':')) {
		if (!take_num(c, 2, 2, &k->s))
			return false;
		if ((take(c, '.') || take(c, ',')) &&
		    !take_fraction(c, &k->us))
			return false;
	}
	skip_blanks(c);
	bool pm = take_word(c, "PM"), am = !pm && take_word(c, "AM");
	if (am || pm) {
		if (k->h < 1 || k->h > 12)
			return false;
		k->h = (k->h % 12) + (pm ? 12 : 0);
	}
	if (k->h > 23 || k->mi > 59 || k->s > 60)
		return false;
	return parse_offset(c, k);
}

static int finish(int64_t y, unsigned mo, unsigned d, const struct clock *k,
		  int64_t *t)
{
	if (!tu_valid_date(y, mo, d))
		return TP_BAD;
	if (k->has_offset)
		*t = tu_days_from_civil(y, mo, d) * TU_DAY +
		     ((int64_t)k->h * 3600 + k->mi * 60 + k->s - k->offset) *
			     TU_SECOND;
	else
		*t = local_to_utc(y, mo, d, k->h, k->mi, k->s);
	*t += k->us;
	return TP_OK;
}

/* YYYY-MM-DD or YYYY/MM/DD, then an optional clock. */
static int parse_iso(struct cursor *c, int64_t *t)
{
	unsigned y, mo, d;
	struct clock k;
	if (!take_num(c, 4, 4, &y))
		return TP_BAD;
	char sep = c->p < c->end ? *c->p : 0;
	if ((sep != '-' && sep != '/') || !take(c, sep) ||
	    !take_num(c, 2, 2, &mo) || !take(c, sep) ||
	    !take_num(c, 2, 2, &d) || !parse_clock(c, &k, true))
		return TP_BAD;
	return finish(y, mo, d, &k, t);
}

/* Two-digit years as POSIX strptime's %y reads them. */
static int64_t full_year(unsigned y, int digits)
{
	if (digits > 2)
		return y;
	return y < 69 ? 2000 + y : 1900 + y;
}

struct dmy {
	unsigned a, b, y;
	int ydigits;
	char sep;
};

/* A{1,2} sep B{1,2} sep Y{2,4}: the date part of a locale date. */
static bool take_locale_date(struct cursor *c, struct dmy *v)
{
	if (!take_num(c, 1, 2, &v->a) || c->p == c->end)
		return false;
	v->sep = *c->p;
	if ((v->sep != '/' && v->sep != '.') || !take(c, v->sep) ||
	    !take_num(c, 1, 2, &v->b) || !take(c, v->sep))
		return false;
	const char *y0 = c->p;
	if (!take_num(c, 2, 4, &v->y))
		return false;
	v->ydigits = (int)(c->p - y0);
	if (v->ydigits == 3)
		return false;
	/* the German writes "23.11.2026." now and then */
	if (v->sep == '.')
		take(c, '.');
	return true;
}

static int parse_locale(struct cursor *c, enum tp_order order, int64_t *t,
			enum tp_form *form)
{
	struct dmy v;
	struct clock k;
	if (!take_locale_date(c, &v) || !parse_clock(c, &k, false))
		return TP_BAD;
	unsigned mo, d;
	if (v.sep == '.') {
		*form = TP_DOT;
		d = v.a;
		mo = v.b;
	} else {
		*form = TP_SLASH;
		if (order == TP_ORDER_UNKNOWN) {
			if (v.a > 12 && v.b <= 12)
				order = TP_ORDER_DMY;
			else if (v.b > 12 && v.a <= 12)
				order = TP_ORDER_MDY;
			else if (v.a <= 12 && v.b <= 12)
				return TP_AMBIGUOUS;
			else
				return TP_BAD;
		}
		mo = order == TP_ORDER_MDY ? v.a : v.b;
		d = order == TP_ORDER_MDY ? v.b : v.a;
	}
	return finish(full_year(v.y, v.ydigits), mo, d, &k, t);
}

/* Digits only: 9-11 of them are epoch seconds (2001..5138, with an
 * optional fraction), 12-14 milliseconds, 15-17 microseconds.  Other
 * lengths are refused rather than guessed. */
static int parse_epoch(struct cursor *c, int64_t *t, enum tp_form *form)
{
	const char *d0 = c->p;
	int64_t v = 0;
	/* past 17 digits the value is refused anyway; stop before int64_t
	 * overflows */
	while (c->p < c->end && is_digit(*c->p)) {
		if (c->p - d0 < 18)
			v = v * 10 + (*c->p - '0');
		c->p++;
	}
	size_t nd = (size_t)(c->p - d0);
	if (nd >= 12 && nd <= 17 && c->p == c->end) {
		*form = nd <= 14 ? TP_EPOCH_MS : TP_EPOCH_US;
		*t = nd <= 14 ? v * 1000 : v;
		return TP_OK;
	}
	if (nd < 9 || nd > 11)
		return TP_BAD;
	unsigned us = 0;
	if (take(c, '.') && !take_fraction(c, &us))
		return TP_BAD;
	if (c->p != c->end)
		return TP_BAD;
	*form = TP_EPOCH_S;
	*t = v * TU_SECOND + us;
	return TP_OK;
}

/* strptime needs a C string; values longer than any sane date are not
 * dates. */
static int parse_format(const char *s, size_t n, const char *fmt, int64_t *t)
{
	char tmp[128];
	if (n >= sizeof(tmp))
		return TP_BAD;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	tm.tm_mday = 1;
	tm.tm_gmtoff = LONG_MIN;
	const char *rest = strptime(tmp, fmt, &tm);
	if (!rest)
		return TP_BAD;
	struct clock k;
	struct cursor c = {rest, tmp + n};
	bool own_clock = c.p < c.end;
	if (own_clock && !parse_clock(&c, &k, false))
		return TP_BAD;
	if (!own_clock) {
		memset(&k, 0, sizeof(k));
		k.h = (unsigned)tm.tm_hour;
		k.mi = (unsigned)tm.tm_min;
		k.s = (unsigned)tm.tm_sec;
		if (tm.tm_gmtoff != LONG_MIN) {
			k.has_offset = true;
			k.offset = (int)tm.tm_gmtoff;
		}
	}
	if (tm.tm_mon < 0 || tm.tm_mday < 1)
		return TP_BAD;
	return finish((int64_t)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
		      (unsigned)tm.tm_mday, &k, t);
}

int tp_parse(const char *s, size_t n, const char *date_format,
	     enum tp_order order, int64_t *t, enum tp_form *form)
{
	/* the fixed shape has no blank at either end to trim */
	if (tp_iso_utc(s, n, t)) {
		*form = TP_ISO;
		return TP_OK;
	}
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return TP_BAD;
	/* the fast path: YYYY-MM-DD... */
	if (n >= 10 && (s[4] == '-' || s[4] == '/') && is_digit(s[0])) {
		struct cursor c = {s, s + n};
		*form = TP_ISO;
		if (parse_iso(&c, t) == TP_OK)
			return TP_OK;
	}
	if (date_format) {
		*form = TP_FORMAT;
		if (parse_format(s, n, date_format, t) == TP_OK)
			return TP_OK;
		order = tp_format_order(date_format);
	}
	struct cursor c = {s, s + n};
	if (parse_epoch(&c, t, form) == TP_OK)
		return TP_OK;
	c.p = s;
	return parse_locale(&c, order, t, form);
}

enum tp_order tp_slash_order(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	struct cursor c = {s, s + n};
	struct dmy v;
	if (!take_locale_date(&c, &v) || v.sep != '/')
		return TP_ORDER_UNKNOWN;
	if (v.a > 12 && v.b <= 12)
		return TP_ORDER_DMY;
	if (v.b > 12 && v.a <= 12)
		return TP_ORDER_MDY;
	return TP_ORDER_UNKNOWN;
}

enum tp_order tp_format_order(const char *date_format)
{
	const char *m = strstr(date_format, "%m");
	const char *d = strstr(date_format, "%d");
	if (!d)
		d = strstr(date_format, "%e");
	if (!m || !d)
		return TP_ORDER_UNKNOWN;
	return m < d ? TP_ORDER_MDY : TP_ORDER_DMY;
}

const char *tp_form_name(enum tp_form f)
{
	static const char *const names[TP_FORM_COUNT] = {
		[TP_ISO] = "ISO 8601",
		[TP_EPOCH_S] = "Unix epoch seconds",
		[TP_EPOCH_MS] = "Unix epoch milliseconds",
		[TP_EPOCH_US] = "Unix epoch microseconds",
		[TP_SLASH] = "slash date",
		[TP_DOT] = "day.month.year",
		[TP_FORMAT] = "date_format",
	};
	return (unsigned)f < TP_FORM_COUNT ? names[f] : "?";
}

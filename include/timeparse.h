/* timeparse.h - the timestamp forms of SPEC section 2 as UTC instants
 * (microseconds, timeutil.h).
 *
 * ISO 8601 dates and date-times (any number of fractional digits, kept to
 * the microsecond; Z or an offset, or none = the report timezone), Unix
 * epoch seconds (with a fraction), milliseconds and microseconds, a configured strptime format, and the locale dates that
 * spreadsheets and CRMs write (M/D/YYYY, D/M/YYYY, D.M.YYYY, optionally with
 * a time and AM/PM).  Which of M/D and D/M a slash date is cannot be told
 * from one value in general; the caller infers it per column (see
 * tp_slash_order) and passes it in.
 */
#ifndef TTFV_TIMEPARSE_H
#define TTFV_TIMEPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "timeutil.h"

/* Which form a value was written in (for `ttfv check`'s summary). */
enum tp_form {
	TP_ISO,		/* 2026-11-23, 2026-11-23T09:15:00Z, 2026/11/23 */
	TP_EPOCH_S,	/* 1795392000 */
	TP_EPOCH_MS,	/* 1795392000000 */
	TP_SLASH,	/* 11/23/2026 or 23/11/2026 */
	TP_DOT,		/* 23.11.2026, always day first */
	TP_FORMAT,	/* the config's date_format */
	TP_EPOCH_US,	/* 1795392000000000 */
	TP_FORM_COUNT
};

enum tp_order { TP_ORDER_UNKNOWN, TP_ORDER_MDY, TP_ORDER_DMY };

enum tp_status {
	TP_OK = 0,
	TP_BAD = -1,		/* not a timestamp ttfv can read */
	TP_AMBIGUOUS = -2	/* a slash date, order unknown, both parts <= 12 */
};

/* Parses s[0..n) (surrounding blanks ignored) into *t, the UTC instant,
 * and *form.  date_format may be NULL; when set it is tried after ISO and
 * also fixes the order of slash dates.  order is the column's inferred
 * order of slash dates.  Returns an enum tp_status. */
int tp_parse(const char *s, size_t n, const char *date_format,
	     enum tp_order order, int64_t *t, enum tp_form *form);

/* tp_parse's answer for the one fixed shape YYYY-MM-DDTHH:MM:SSZ (no
 * blank around it), false for any other text: a reader with nothing but
 * the instant to learn from such a value calls this first.  Inline: it
 * is most of the work of an event row's timestamp.
 *
 * The shape is tested a word at a time: XOR with the template turns each
 * digit into its value (0-9, and no other byte does) and each separator
 * into 0; one add then flags every byte above 9, and a mask the
 * separators that are not 0.  Each pair of digits is then one multiply
 * and add away from its value.  A value out of range is left to the
 * general reader (false), so what this accepts that one accepts alike.
 * The word arithmetic reads bytes in little-endian order; elsewhere the
 * general reader reads every value. */
static inline uint64_t tp_word8(const char *s)
{
	uint64_t w;
	memcpy(&w, s, 8);
	return w;
}

static inline bool tp_iso_utc(const char *s, size_t n, int64_t *t)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (n != 20)
		return false;
	/* bytes 0-7, 8-15 and 12-19 */
	uint64_t a = tp_word8(s) ^ tp_word8("0000-00-");
	uint64_t b = tp_word8(s + 8) ^ tp_word8("00T00:00");
	uint64_t c = tp_word8(s + 12) ^ tp_word8("0:00:00Z");
	const uint64_t top = 0x8080808080808080ull;
	const uint64_t nine = 0x7676767676767676ull;
	/* with every byte's top bit clear, adding 0x76 sets it exactly in
	 * the bytes above 9, and carries into no other byte */
	if (((a | b | c) & top) ||
	    (((a + nine) | (b + nine) | (c + nine)) & top) ||
	    ((a & 0xff0000ff00000000ull) | (b & 0x0000ff0000ff0000ull) |
	     (c & 0xff0000ff0000ff00ull)))
		return false;
	/* byte i becomes 10 * digit i + digit i + 1 (at most 99: no carry) */
	a = a * 10 + (a >> 8);
	b = b * 10 + (b >> 8);
	c = c * 10 + (c >> 8);
	unsigned y = (unsigned)(a & 0xff) * 100 + (unsigned)(a >> 16 & 0xff);
	unsigned mo = (unsigned)(a >> 40 & 0xff), d = (unsigned)(b & 0xff);
	unsigned h = (unsigned)(b >> 24 & 0xff), mi = (unsigned)(b >> 48 & 0xff);
	unsigned sec = (unsigned)(c >> 40 & 0xff);
	/* every month has day 28: only later days ask the calendar */
	if (mo - 1 > 11 || d - 1 > 30 || h > 23 || mi > 59 || sec > 60 ||
	    (d > 28 && !tu_valid_date(y, mo, d)) || y < 1)
		return false;
	/* from 1970 to 2099 every fourth year is a leap year (2000 too),
	 * so the day number needs no calendar's eras */
	static const unsigned short before[12] = {0,   31,  59,  90,
						  120, 151, 181, 212,
						  243, 273, 304, 334};
	int64_t day = y - 1970 < 130
			      ? (int64_t)((y - 1970) * 365 + (y - 1969) / 4 +
					  before[mo - 1] + d - 1 +
					  (mo > 2 && y % 4 == 0))
			      : tu_days_from_civil(y, mo, d);
	*t = day * TU_DAY + (int64_t)(h * 3600 + mi * 60 + sec) * TU_SECOND;
	return true;
#else
	(void)s;
	(void)n;
	(void)t;
	return false;
#endif
}

/* What one value says about its column's order: TP_ORDER_MDY when it is a
 * slash date whose second part exceeds 12, TP_ORDER_DMY when its first part
 * does, else TP_ORDER_UNKNOWN. */
enum tp_order tp_slash_order(const char *s, size_t n);

/* The order a strptime format gives slash dates (%m before %d: MDY). */
enum tp_order tp_format_order(const char *date_format);

/* Offset-less times are converted through a one-hour cache of the report
 * timezone's offset; call this after tu_set_timezone changes the zone. */
void tp_zone_changed(void);

/* Human name of a form ("ISO 8601", "epoch seconds", ...), static. */
const char *tp_form_name(enum tp_form f);

#endif

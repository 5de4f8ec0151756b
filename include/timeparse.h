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

#include <stddef.h>
#include <stdint.h>

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

/* timeutil.h - calendar arithmetic and the report timezone.
 *
 * Instants are int64 microseconds since 1970-01-01T00:00:00Z: exports
 * write fractions of a second, and an event half a second after the as-of
 * instant is after it (SPEC section 3).  A "day" is a day
 * number (days since 1970-01-01) of the calendar in the report timezone,
 * which decides on which date an instant falls (SPEC section 2).  UTC, the
 * default, takes a pure-arithmetic path; other zones go through the C
 * library's tz database.
 */
#ifndef TTFV_TIMEUTIL_H
#define TTFV_TIMEUTIL_H

#include <stdbool.h>
#include <stdint.h>

#define TU_SECOND INT64_C(1000000)
#define TU_DAY (INT64_C(86400) * TU_SECOND)

/* The report clock: the zone every date is read and written in, the
 * as-of instant (the end of the as-of day: what happened before it
 * counts) and the instant the report is made.  main.c settles it once
 * (clock.h), before any other thread starts, and every stage reads it. */
enum clock_source {
	CLOCK_NONE,		/* not settled (or set directly) */
	CLOCK_OPTION,		/* --as-of */
	CLOCK_CONFIG,		/* [report] as_of */
	CLOCK_DATA		/* the end of the latest day in the data */
};
struct report_clock {
	const char *timezone;	/* IANA name, borrowed from the config */
	int64_t as_of;		/* INT64_MIN (TTFV_NO_TIME) until settled */
	enum clock_source source;
	int64_t now;		/* SOURCE_DATE_EPOCH or the time; INT64_MIN
				 * skips the "as-of in the future" check */
};

/* Sets the report timezone (IANA name, "UTC" by default): the process's
 * TZ, so call it before any other thread starts (clock_start does, once).
 * Returns -1 when the name is not in the tz database. */
int tu_set_timezone(const char *name);
/* Whether the tz database has the zone, without setting it. */
bool tu_zone_exists(const char *name);
bool tu_is_utc(void);

/* Proleptic Gregorian calendar (H. Hinnant's algorithms).  Inline: an
 * event row's timestamp asks it. */
static inline int64_t tu_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}
void tu_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
bool tu_valid_date(int64_t y, unsigned m, unsigned d);

/* A wall-clock time (whole seconds) in the report timezone as a UTC
 * instant. */
int64_t tu_local_to_utc(int64_t y, unsigned mon, unsigned day, unsigned h,
			unsigned mi, unsigned s);
/* Local day number of an instant, and the instant a local day starts. */
int64_t tu_day_of(int64_t t);
int64_t tu_day_start(int64_t day);
/* Monday 0 .. Sunday 6 */
int tu_weekday(int64_t day);
/* "YYYY-MM-DD" of the local day of t (out holds 11 bytes). */
void tu_format_date(int64_t t, char out[11]);
/* "YYYY-MM-DD" of a civil date with 0 <= y <= 9999, unterminated. */
void tu_put_ymd(char out[10], unsigned y, unsigned m, unsigned d);
/* Parses exactly "YYYY-MM-DD" into a day number; false when invalid. */
bool tu_parse_day(const char *s, int64_t *day);

#endif

/* test_timeutil.c - calendar arithmetic against dates checked with GNU
 * date(1): `date -u -d 2026-11-23 +%s` = 1795392000 = day 20780 * 86400. */
#include "harness.h"
#include "timeutil.h"

#include <stdlib.h>

int main(void)
{
	CHECK_INT(tu_days_from_civil(1970, 1, 1), 0);
	CHECK_INT(tu_days_from_civil(2026, 11, 23), 20780);
	CHECK_INT(tu_days_from_civil(2000, 3, 1), 11017);
	CHECK_INT(tu_days_from_civil(1969, 12, 31), -1);
	int64_t y;
	unsigned m, d;
	tu_civil_from_days(20780, &y, &m, &d);
	CHECK_INT(y, 2026);
	CHECK_INT(m, 11);
	CHECK_INT(d, 23);
	/* 2026-11-23 is a Monday (date -d 2026-11-23 +%u = 1) */
	CHECK_INT(tu_weekday(20780), 0);
	CHECK_INT(tu_weekday(0), 3);
	CHECK(tu_valid_date(2024, 2, 29));
	CHECK(!tu_valid_date(2026, 2, 29));
	CHECK(!tu_valid_date(2026, 2, 30));
	CHECK(!tu_valid_date(0, 1, 1));
	int64_t day;
	CHECK(tu_parse_day("2026-11-23", &day) && day == 20780);
	CHECK(!tu_parse_day("2026-13-01", &day));
	CHECK(!tu_parse_day("2026-11-23x", &day));
	char buf[11];
	tu_format_date((1795392000 + 3600) * TU_SECOND, buf);
	CHECK_STR(buf, "2026-11-23");
	/* New York is UTC-5 in November: 2026-11-23 01:00Z is the 22nd there */
	CHECK_INT(tu_set_timezone("America/New_York"), 0);
	tu_format_date((1795392000 + 3600) * TU_SECOND, buf);
	CHECK_STR(buf, "2026-11-22");
	/* four digits, zero-padded, as %04d; a year past 9999 keeps its last
	 * four, and one before year 0 has printf's minus sign */
	tu_format_date(tu_day_start(tu_days_from_civil(987, 6, 5)), buf);
	CHECK_STR(buf, "0987-06-05");
	tu_format_date(tu_day_start(tu_days_from_civil(12026, 1, 9)), buf);
	CHECK_STR(buf, "2026-01-09");
	tu_format_date(tu_day_start(tu_days_from_civil(-5, 3, 4)), buf);
	CHECK_STR(buf, "-005-03-04");
	CHECK_INT(tu_local_to_utc(2026, 11, 23, 0, 0, 0), (1795392000 + 5 * 3600) * TU_SECOND);
	CHECK_INT(tu_day_start(20780), (1795392000 + 5 * 3600) * TU_SECOND);
	CHECK_INT(tu_set_timezone("Not/AZone"), -1);
	/* the zone in force again: the environment is not touched (setenv
	 * is unsafe once other threads run); a marker left in TZ stays */
	setenv("TZ", "marker", 1);
	CHECK_INT(tu_set_timezone("America/New_York"), 0);
	CHECK_STR(getenv("TZ"), "marker");
	setenv("TZ", "America/New_York", 1);
	CHECK_INT(tu_set_timezone("UTC"), 0);
	CHECK_INT(tu_day_start(20780), (1795392000) * TU_SECOND);
	/* back from UTC to the zone TZ still names: still untouched */
	CHECK_INT(tu_set_timezone("America/New_York"), 0);
	CHECK_INT(tu_day_start(20780), (1795392000 + 5 * 3600) * TU_SECOND);
	CHECK_INT(tu_set_timezone("Europe/Berlin"), 0);
	CHECK_STR(getenv("TZ"), "Europe/Berlin");
	CHECK_INT(tu_day_start(20780), (1795392000 - 3600) * TU_SECOND);
	return test_done("test_timeutil");
}

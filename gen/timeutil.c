/* timeutil.c - civil-date arithmetic and the report timezone. */
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static bool utc = true;
/* the zone TZ holds, so that setting it again changes nothing: setenv
 * is not safe while other threads run (the font warm-up, the chart
 * workers), and every stage after main's start-up asks for the same zone */
static char zone[256];

static bool is_utc(const char *name)
{
	return !name || !*name || strcmp(name, "UTC") == 0 ||
	       strcmp(name, "Etc/UTC") == 0;
}

/* tzset silently falls back to UTC for unknown names, so the zone is
 * looked up first and refused rather than reported in the wrong zone. */
bool tu_zone_exists(const char *name)
{
	char path[512];
	if (is_utc(name))
		return true;
	return !strstr(name, "..") && strlen(name) < sizeof(zone) &&
	       snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name) <
		       (int)sizeof(path) &&
	       access(path, R_OK) == 0;
}

int tu_set_timezone(const char *name)
{
	if (is_utc(name)) {
		utc = true;
		return 0;
	}
	if (!tu_zone_exists(name))
		return -1;
	if (strcmp(name, zone) != 0) {
		setenv("TZ", name, 1);
		tzset();
		strcpy(zone, name);
	}
	utc = false;
	return 0;
}

bool tu_is_utc(void)
{
	return utc;
}

void tu_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

bool tu_valid_date(int64_t y, unsigned m, unsigned d)
{
	static const unsigned char mdays[] = {31, 28, 31, 30, 31, 30,
					      31, 31, 30, 31, 30, 31};
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	unsigned max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

int64_t tu_local_to_utc(int64_t y, unsigned mon, unsigned day, unsigned h,
			unsigned mi, unsigned s)
{
	int64_t t = tu_days_from_civil(y, mon, day) * 86400 +
		    (int64_t)h * 3600 + (int64_t)mi * 60 + s;
	if (utc)
		return t * TU_SECOND;
	struct tm tm = {0};
	tm.tm_year = (int)(y - 1900);
	tm.tm_mon = (int)mon - 1;
	tm.tm_mday = (int)day;
	tm.tm_hour = (int)h;
	tm.tm_min = (int)mi;
	tm.tm_sec = (int)s;
	tm.tm_isdst = -1;
	time_t r = mktime(&tm);
	return (r == (time_t)-1 ? t : (int64_t)r) * TU_SECOND;
}

int64_t tu_day_of(int64_t t)
{
	if (!utc) {
		/* the whole second t falls in */
		int64_t sec = t >= 0 ? t / TU_SECOND
				     : -((-t + TU_SECOND - 1) / TU_SECOND);
		time_t tt = (time_t)sec;
		struct tm tm;
		if (localtime_r(&tt, &tm))
			t += tm.tm_gmtoff * TU_SECOND;
	}
	return t >= 0 ? t / TU_DAY : -((-t + TU_DAY - 1) / TU_DAY);
}

int64_t tu_day_start(int64_t day)
{
	int64_t y;
	unsigned m, d;
	tu_civil_from_days(day, &y, &m, &d);
	return tu_local_to_utc(y, m, d, 0, 0, 0);
}

int tu_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0) */
	int64_t w = (day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

void tu_put_ymd(char out[10], unsigned y, unsigned m, unsigned d)
{
	/* without printf: reports write a date or an instant per account */
	const char ymd[10] = {
		(char)('0' + y / 1000),	   (char)('0' + y / 100 % 10),
		(char)('0' + y / 10 % 10), (char)('0' + y % 10),
		'-',			   (char)('0' + m / 10),
		(char)('0' + m % 10),	   '-',
		(char)('0' + d / 10),	   (char)('0' + d % 10)};
	memcpy(out, ymd, 10);
}

void tu_format_date(int64_t t, char out[11])
{
	int64_t y;
	unsigned m, d;
	tu_civil_from_days(tu_day_of(t), &y, &m, &d);
	int yy = (int)(y % 10000);
	if (yy < 0) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%04d-%02u-%02u", yy, m, d);
		memcpy(out, tmp, 10);
	} else {
		tu_put_ymd(out, (unsigned)yy, m, d);
	}
	out[10] = '\0';
}

bool tu_parse_day(const char *s, int64_t *day)
{
	for (int i = 0; i < 10; i++) {
		bool digit = s[i] >= '0' && s[i] <= '9';
		if ((i == 4 || i == 7) ? s[i] != '-' : !digit)
			return false;
	}
	if (s[10])
		return false;
	int64_t y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0');
	unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (!tu_valid_date(y, m, d))
		return false;
	*day = tu_days_from_civil(y, m, d);
	return true;
}

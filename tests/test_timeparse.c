/* test_timeparse.c - every timestamp form of SPEC section 2.  Expected
 * instants come from GNU date(1), e.g. `date -u -d "2026-11-23 14:05:09"
 * +%s` = 1795442709, `TZ=America/New_York date -d "2026-07-01 10:00" +%s`
 * = 1782914400. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "timeparse.h"
#include "timeutil.h"

static int64_t got;
static enum tp_form form;

static int parse(const char *s, const char *fmt, enum tp_order order)
{
	got = 0;
	return tp_parse(s, strlen(s), fmt, order, &got, &form);
}

/* want: whole seconds (as date +%s gives them), then microseconds */
#define OK_AT_US(s, want, us)                                                \
	do {                                                                 \
		CHECK_INT(parse(s, NULL, TP_ORDER_UNKNOWN), TP_OK);          \
		CHECK_INT(got, (int64_t)(want) * TU_SECOND + (us));          \
	} while (0)
#define OK_AT(s, want) OK_AT_US(s, want, 0)

static void test_iso(void)
{
	OK_AT("2026-11-23", 1795392000);
	CHECK_INT(form, TP_ISO);
	OK_AT("2026-11-23 14:05:09", 1795442709);
	/* Amplitude: six fractional digits, kept; past the sixth, dropped */
	OK_AT_US("2026-11-23 14:05:09.123000", 1795442709, 123000);
	OK_AT_US("2026-11-23T14:05:09.1234567890123Z", 1795442709, 123456);
	/* PostHog: offset with a colon */
	OK_AT_US("2026-01-06T19:37:43.095295+00:00", 1767728263, 95295);
	/* half a second, and a comma for the point (ISO 8601 allows it) */
	OK_AT_US("2026-11-23T14:05:09.5Z", 1795442709, 500000);
	OK_AT_US("2026-11-23 14:05:09,25", 1795442709, 250000);
	OK_AT_US("2026-11-23T14:05:09.000001+00:00", 1795442709, 1);
	OK_AT("2026-01-06T19:37:43+02:00", 1767721063);
	OK_AT("2026-01-06T19:37:43-0530", 1767748063);
	/* HubSpot: minutes without seconds */
	OK_AT("2026-05-04 10:00", 1777888800);
	OK_AT("  2026/11/23  ", 1795392000);
	CHECK_INT(parse("2026-13-01", NULL, 0), TP_BAD);
	CHECK_INT(parse("2026-02-29", NULL, 0), TP_BAD);
	CHECK_INT(parse("2026-11-23T25:00", NULL, 0), TP_BAD);
	CHECK_INT(parse("2026-11-23T10:60", NULL, 0), TP_BAD);
	CHECK_INT(parse("2026-11-23x", NULL, 0), TP_BAD);
	CHECK_INT(parse("2026-11-23T10:00+25:00", NULL, 0), TP_BAD);
	CHECK_INT(parse("2026-11-23T10:00Zjunk", NULL, 0), TP_BAD);
	CHECK_INT(parse("", NULL, 0), TP_BAD);
	CHECK_INT(parse("soon", NULL, 0), TP_BAD);
	/* the exact YYYY-MM-DDTHH:MM:SSZ shape has its own quick reader:
	 * 1795392000 (2026-11-23) + 14 h 5 min 9 s = + 50709; a leap second
	 * is the next midnight, 1795392000 + 86400; out of range is bad */
	OK_AT("2026-11-23T14:05:09Z", 1795442709);
	CHECK_INT(form, TP_ISO);
	OK_AT("2026-11-23T23:59:60Z", 1795478400);
	CHECK_INT(parse("2026-02-29T10:00:00Z", NULL, 0), TP_BAD);
	CHECK_INT(parse("2026-11-23T24:00:00Z", NULL, 0), TP_BAD);
	CHECK_INT(parse("2026-11-23T10:60:00Z", NULL, 0), TP_BAD);
	CHECK_INT(parse("2026-11-23T10:00:61Z", NULL, 0), TP_BAD);
	CHECK_INT(parse("2026-11-23T1a:00:00Z", NULL, 0), TP_BAD);
}

static void test_epoch(void)
{
	/* Mixpanel: epoch seconds; Amplitude API: milliseconds */
	OK_AT("1795442709", 1795442709);
	CHECK_INT(form, TP_EPOCH_S);
	OK_AT_US("1795442709123", 1795442709, 123000);
	CHECK_INT(form, TP_EPOCH_MS);
	OK_AT_US("1795442709.5", 1795442709, 500000);
	CHECK_INT(form, TP_EPOCH_S);
	OK_AT_US("1795442709.0000019", 1795442709, 1);
	/* microseconds, 15 to 17 digits (BigQuery's UNIX_MICROS, Segment) */
	OK_AT_US("1795442709123456", 1795442709, 123456);
	CHECK_INT(form, TP_EPOCH_US);
	OK_AT_US("179544270912345", 179544270, 912345);
	CHECK_INT(form, TP_EPOCH_US);
	CHECK_STR(tp_form_name(TP_EPOCH_US), "Unix epoch microseconds");
	/* 8 digits could be YYYYMMDD: refused, not guessed; so are 18 */
	CHECK_INT(parse("20261123", NULL, 0), TP_BAD);
	CHECK_INT(parse("179544270912345678", NULL, 0), TP_BAD);
	CHECK_INT(parse("1795442709123.5", NULL, 0), TP_BAD);
	CHECK_INT(parse("1795442709.", NULL, 0), TP_BAD);
	/* found by fuzzing: forty digits must not overflow on the way */
	CHECK_INT(parse("2999999999999999999999999999999999999999026-01-20",
			NULL, 0), TP_BAD);
	CHECK_INT(parse("99999999999999999999999999999999999999999", NULL, 0),
		  TP_BAD);
}

static void test_locale(void)
{
	/* 11/23/2026 can only be month-first */
	OK_AT("11/23/2026", 1795392000);
	CHECK_INT(form, TP_SLASH);
	OK_AT("23/11/2026", 1795392000);
	/* 3/4/2026 is ambiguous until the column's order is known */
	CHECK_INT(parse("3/4/2026", NULL, TP_ORDER_UNKNOWN), TP_AMBIGUOUS);
	CHECK_INT(parse("3/4/2026", NULL, TP_ORDER_MDY), TP_OK);
	CHECK_INT(got, (int64_t)(1772582400) * TU_SECOND);	/* 2026-03-04 */
	CHECK_INT(parse("3/4/2026", NULL, TP_ORDER_DMY), TP_OK);
	CHECK_INT(got, (int64_t)(1775174400) * TU_SECOND);	/* 2026-04-03 */
	/* a value against the column's order is bad, not reinterpreted */
	CHECK_INT(parse("23/11/2026", NULL, TP_ORDER_MDY), TP_BAD);
	CHECK_INT(parse("13/14/2026", NULL, TP_ORDER_UNKNOWN), TP_BAD);
	/* Salesforce datetimes: 12-hour clock */
	CHECK_INT(parse("11/23/2026 9:15 AM", NULL, 0), TP_OK);
	CHECK_INT(got, (int64_t)(1795425300) * TU_SECOND);
	CHECK_INT(parse("11/23/2026 9:15 PM", NULL, 0), TP_OK);
	CHECK_INT(got, (int64_t)(1795468500) * TU_SECOND);
	CHECK_INT(parse("11/23/2026 12:15 am", NULL, 0), TP_OK);
	CHECK_INT(got, (int64_t)(1795392900) * TU_SECOND);
	CHECK_INT(parse("11/23/2026 12:15 PM", NULL, 0), TP_OK);
	CHECK_INT(got, (int64_t)(1795436100) * TU_SECOND);
	CHECK_INT(parse("11/23/2026 13:15 PM", NULL, 0), TP_BAD);
	CHECK_INT(parse("11/23/2026 14:05:09", NULL, 0), TP_OK);
	CHECK_INT(got, (int64_t)(1795442709) * TU_SECOND);
	/* German Excel: day first, always */
	OK_AT("23.11.2026", 1795392000);
	CHECK_INT(form, TP_DOT);
	OK_AT("3.4.2026", 1775174400);
	OK_AT("23.11.2026 09:15", 1795425300);
	CHECK_INT(parse("11.23.2026", NULL, 0), TP_BAD);
	/* two-digit years as %y reads them */
	CHECK_INT(parse("11/23/26", NULL, 0), TP_OK);
	CHECK_INT(got, (int64_t)(1795392000) * TU_SECOND);

	CHECK_INT(tp_slash_order("11/23/2026", 10), TP_ORDER_MDY);
	CHECK_INT(tp_slash_order("23/11/2026 10:00", 16), TP_ORDER_DMY);
	CHECK_INT(tp_slash_order("3/4/2026", 8), TP_ORDER_UNKNOWN);
	CHECK_INT(tp_slash_order("23.11.2026", 10), TP_ORDER_UNKNOWN);
}

static void test_format(void)
{
	CHECK_INT(parse("04/03/2026", "%d/%m/%Y", 0), TP_OK);
	CHECK_INT(got, (int64_t)(1772582400) * TU_SECOND);	/* 2026-03-04 */
	CHECK_INT(form, TP_FORMAT);
	CHECK_INT(parse("03/04/2026 9:15 PM", "%m/%d/%Y", 0), TP_OK);
	CHECK_INT(got, (int64_t)(1772582400 + 21 * 3600 + 15 * 60) * TU_SECOND);
	CHECK_INT(parse("Mar 4 2026", "%b %d %Y", 0), TP_OK);
	CHECK_INT(got, (int64_t)(1772582400) * TU_SECOND);
	/* ISO still reads when a format is configured */
	CHECK_INT(parse("2026-03-04", "%d/%m/%Y", 0), TP_OK);
	CHECK_INT(got, (int64_t)(1772582400) * TU_SECOND);
	/* a slash date with a time the format does not cover: its order */
	CHECK_INT(tp_format_order("%d/%m/%Y"), TP_ORDER_DMY);
	CHECK_INT(tp_format_order("%m/%d/%Y %H:%M"), TP_ORDER_MDY);
	CHECK_INT(parse("yesterday", "%d/%m/%Y", 0), TP_BAD);
}

static void test_zone(void)
{
	CHECK_INT(tu_set_timezone("America/New_York"), 0);
	tp_zone_changed();
	/* EDT (UTC-4) in July, EST (UTC-5) in December */
	OK_AT("2026-07-01 10:00", 1782914400);
	OK_AT("2026-07-01 10:59:30", 1782914400 + 59 * 60 + 30);
	OK_AT("2026-12-01 10:00", 1796137200);
	CHECK_INT(parse("12/1/2026 10:00 AM", NULL, TP_ORDER_MDY), TP_OK);
	CHECK_INT(got, (int64_t)(1796137200) * TU_SECOND);
	/* an explicit offset ignores the zone */
	OK_AT("2026-01-06T19:37:43Z", 1767728263);
	CHECK_INT(tu_set_timezone("UTC"), 0);
	tp_zone_changed();
	OK_AT("2026-07-01 10:00", 1782914400 - 4 * 3600);
}

/* The quick reader of YYYY-MM-DDTHH:MM:SSZ against the general one: the
 * same text with +00:00 for Z takes the general path, and must give the
 * same answer, on random dates and times in and out of range (month 00
 * to 13, day 00 to 31 of every month, leap years, hour 24, second 60,
 * a letter for a digit). */
static void test_quick_shape(void)
{
	unsigned seed = 5;
	int diff = 0, ok = 0;
	for (int i = 0; i < 20000; i++) {
		char q[32], g[32];
		snprintf(q, sizeof(q), "%04d-%02d-%02dT%02d:%02d:%02dZ",
			 1896 + rand_r(&seed) % 210, rand_r(&seed) % 14,
			 rand_r(&seed) % 32, rand_r(&seed) % 25,
			 rand_r(&seed) % 61, rand_r(&seed) % 62);
		if (i % 50 == 0)
			q[rand_r(&seed) % 19] = 'x';
		memcpy(g, q, 19);
		strcpy(g + 19, "+00:00");
		int64_t tq = 0, tg = 0;
		enum tp_form f;
		int rq = tp_parse(q, strlen(q), NULL, TP_ORDER_UNKNOWN, &tq, &f);
		int rg = tp_parse(g, strlen(g), NULL, TP_ORDER_UNKNOWN, &tg, &f);
		diff += rq != rg || (rq == TP_OK && tq != tg);
		ok += rq == TP_OK;
	}
	CHECK_INT(diff, 0);
	CHECK(ok > 5000 && ok < 15000);
}

/* tp_iso_utc byte by byte: any byte of a good value replaced by any
 * other (high bytes and near-misses of a separator too) must be refused
 * unless the shape still holds, read byte by byte here; where it holds,
 * the answer is the general reader's of the same text with +00:00. */
static bool shape_by_bytes(const char *s)
{
	static const char tpl[] = "dddd-dd-ddTdd:dd:ddZ";
	for (int i = 0; i < 20; i++)
		if (tpl[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != tpl[i])
			return false;
	return true;
}

static void test_quick_bytes(void)
{
	unsigned seed = 11;
	int diff = 0, refused = 0;
	for (int i = 0; i < 40000; i++) {
		char q[32], g[32];
		snprintf(q, sizeof(q), "%04d-%02d-%02dT%02d:%02d:%02dZ",
			 1960 + rand_r(&seed) % 150, 1 + rand_r(&seed) % 12,
			 1 + rand_r(&seed) % 31, rand_r(&seed) % 24,
			 rand_r(&seed) % 60, rand_r(&seed) % 61);
		for (int k = rand_r(&seed) % 3; k > 0; k--)
			q[rand_r(&seed) % 20] = (char)(rand_r(&seed) % 256);
		memcpy(g, q, 19);
		strcpy(g + 19, "+00:00");
		int64_t tq = 0, tg = 0;
		enum tp_form f;
		bool quick = tp_iso_utc(q, 20, &tq);
		bool want = shape_by_bytes(q) &&
			    tp_parse(g, 25, NULL, TP_ORDER_UNKNOWN, &tg,
				     &f) == TP_OK;
		diff += quick != want || (quick && tq != tg);
		refused += !quick;
	}
	CHECK_INT(diff, 0);
	CHECK(refused > 10000 && refused < 35000);
	/* another length is never the fixed shape */
	int64_t t;
	CHECK(!tp_iso_utc("2026-01-06T19:37:43Z ", 21, &t));
	CHECK(!tp_iso_utc("2026-01-06T19:37:4Z", 19, &t));
	CHECK(tp_iso_utc("2026-01-06T19:37:43Z", 20, &t) && t == 1767728263 * TU_SECOND);
}

int main(void)
{
	test_quick_shape();
	test_quick_bytes();
	test_iso();
	test_epoch();
	test_locale();
	test_format();
	test_zone();
	return test_done("test_timeparse");
}

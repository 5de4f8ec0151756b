/* test_ingest_exports.c - the real-export fixtures of tests/fixtures (one
 * directory per tool, with the ttfv.ini an analyst would write).  Every
 * expected instant is from GNU date(1) on the fixture's own text, e.g.
 * `date -u -d "2026-01-28 09:15" +%s` = 1769591700, and HubSpot's local
 * times from `TZ=America/New_York date -d "2026-03-20 15:30" +%s` =
 * 1774035000; TTFV days = (first value - signed) / 86400. */
#include <sys/stat.h>

#include "harness.h"
#include "ingest_helpers.h"

static struct run r;
static char summary[16384];

/* Ingests tests/fixtures/NAME (with its ttfv.ini) and keeps the check
 * summary in `summary`. */
static void load(const char *name)
{
	char dir[128], ini[160];
	snprintf(dir, sizeof(dir), "tests/fixtures/%s", name);
	snprintf(ini, sizeof(ini), "%s/ttfv.ini", dir);
	run_begin(&r);
	struct stat st;
	if (stat(ini, &st) == 0)
		CHECK_INT(config_load(&r.c, ini, &r.d), 0);
	CHECK_INT(clock_start(&r.c, &r.d), 0);
	struct ingest_input in = {dir, ROLE_UNKNOWN};
	CHECK_INT(ingest_run(&r.in, &r.m, &r.c, &in, 1, &r.d), 0);
	CHECK_STR(diag_text(&r.d), "");
	FILE *fp = fmemopen(summary, sizeof(summary) - 1, "w");
	summary[0] = '\0';
	if (fp) {
		run_describe(&r, fp);
		fclose(fp);
	}
}

static void unload(void)
{
	run_end(&r);
	tu_set_timezone("UTC");
}

static const struct account *acc(const char *id)
{
	int32_t a = model_find(&r.m, id, strlen(id));
	CHECK(a >= 0);
	static struct account none;
	return a >= 0 ? &r.m.acc[a] : &none;
}

static double ttfv_days(const struct account *a)
{
	return (double)(a->ms[MS_FIRST_VALUE] - a->ms[MS_SIGNED]) / TU_DAY;
}

static int64_t first(const char *event, const char *id)
{
	int ev = model_event_id(&r.m, event, strlen(event), false);
	return model_event_first(&r.m, ev, model_find(&r.m, id, strlen(id)));
}

static void test_salesforce(void)
{
	load("salesforce");
	CHECK_INT(r.m.nacc, 4);
	const struct account *a = acc("0015g00000Ab1CdAAJ");
	CHECK_STR(a->name, "Acme Corp");
	CHECK_INT(a->ms[MS_SIGNED], US(1767571200));	/* 1/5/2026 */
	CHECK_INT(a->ms[MS_KICKOFF], US(1767916800));	/* 1/9/2026 */
	CHECK_INT(a->ms[MS_FIRST_VALUE], US(1769591700));	/* 1/28/2026 9:15 AM */
	/* 23 days and 9 h 15 min = 23 + 555/1440 */
	CHECK_NEAR(ttfv_days(a), 23.0 + 555.0 / 1440, 1e-9);
	CHECK_INT(a->outcome, OUTCOME_RENEWED);
	CHECK_NEAR(a->arr, 120000, 0);
	/* 1/12/2026 to 1/20/2026 4:30 PM: 8 days 16.5 h = 8.6875 */
	CHECK_NEAR(ttfv_days(acc("0015g00000Ab1CeAAJ")), 8.6875, 1e-9);
	/* 2/3/2026 to 2/4/2026 12:05 AM: 1 day 5 min */
	CHECK_NEAR(ttfv_days(acc("0015g00000Ab1CfAAJ")), 1.0 + 5.0 / 1440,
		   1e-9);
	a = acc("0015g00000Ab1CgAAJ");
	CHECK_STR(a->name, "Umbrella \"Bio\" Labs");
	CHECK_INT(a->ms[MS_FIRST_VALUE], TTFV_NO_TIME);
	CHECK_INT(a->outcome, OUTCOME_OPEN);
	CHECK_NEAR(a->arr, 12500.50, 1e-9);
	CHECK_CONTAINS(summary, "footer: 6 rows from line 8 skipped "
				"(\"Grand Totals (4 records)\")");
	CHECK_CONTAINS(summary, "\"Close Date\"          -> signed_at "
				"([columns])");
	CHECK_CONTAINS(summary, "signed_at: slash date, month first "
				"(M/D/YYYY), decided by line 5: '2/17/2026'");
	CHECK_CONTAINS(summary, "\"Account Owner\"       -> ignored");
	unload();
}

static void test_hubspot(void)
{
	load("hubspot");
	/* 2026-03-02 10:00 EST to 2026-03-20 15:30 EDT: the clocks went
	 * forward on 8 March, so 18 days 4.5 h, not 5.5 h */
	const struct account *a = acc("18394002001");
	CHECK_INT(a->ms[MS_SIGNED], US(1772463600));
	CHECK_INT(a->ms[MS_FIRST_VALUE], US(1774035000));
	CHECK_NEAR(ttfv_days(a), 18.1875, 1e-9);
	CHECK_NEAR(ttfv_days(acc("18394002002")), 1.0, 1e-9);
	/* 2026-03-30 23:30 to 2026-04-02 01:15 EDT: 2 days 1.75 h */
	CHECK_NEAR(ttfv_days(acc("18394002003")), 2.0 + 1.75 / 24, 1e-9);
	CHECK_STR(acc("18394002004")->name, "Tailspin Toys");
	CHECK_CONTAINS(summary, "\"Record ID\"        -> account_id (alias)");
	CHECK_CONTAINS(summary, "\"Create Date\"      -> ignored");
	unload();
}

static void test_amplitude(void)
{
	load("amplitude");
	CHECK_INT(r.m.events_total, 5);
	CHECK_INT(first("Onboarding Started", "A1"), US(1767621909) + 123000);
	/* the earlier of 01-09 08:30 and 01-08 23:59:59.999999 */
	CHECK_INT(first("Report Shared", "A1"), US(1767916799) + 999999);
	CHECK_INT(first("Onboarding Started", "A2"), US(1767700800) + 500000);
	CHECK_INT(first("Report Shared", "A3"), US(1768934730) + 250000);
	CHECK_INT(model_active_users(&r.m, model_find(&r.m, "A1", 2), 0), 2);
	CHECK(!model_has_users(&r.m, model_find(&r.m, "A3", 2)));
	CHECK_CONTAINS(summary, "\"event_time\"         -> timestamp (alias)");
	CHECK_CONTAINS(summary, "\"amplitude_id\"       -> ignored");
	unload();
}

static void test_posthog(void)
{
	load("posthog");
	CHECK_INT(first("$pageview", "A1"), US(1767728263) + 95295);
	CHECK_INT(first("report shared", "A1"), US(1767776400) + 1);
	/* 23:30 at +02:00 is 21:30 UTC */
	CHECK_INT(first("report shared", "A2"), US(1768080600) + 500000);
	/* the event's own id is not an account id */
	CHECK_CONTAINS(summary, "\"id\"                      -> ignored");
	CHECK_CONTAINS(summary, "\"properties.$group_0\"     -> account_id "
				"([columns])");
	CHECK_CONTAINS(summary, "CRLF");
	unload();
}

static void test_mixpanel(void)
{
	load("mixpanel");
	/* epoch seconds: 1767600000 is 2026-01-05 08:00 UTC */
	CHECK_INT(first("Signed Up", "A1"), US(1767600000));
	CHECK_INT(first("Report Shared", "A1"), US(1767963600));
	CHECK_INT(first("Report Shared", "A2"), US(1768262400));
	CHECK_CONTAINS(summary, "\"Distinct ID\" -> user_id (alias)");
	CHECK_CONTAINS(summary, "timestamp: Unix epoch seconds");
	unload();
}

static void test_excel(void)
{
	load("excel_de");
	const struct account *a = acc("K-1001");
	/* Windows-1252 0xFC is U+00FC, two bytes in UTF-8 */
	CHECK_STR(a->name, "M\xC3\xBCller GmbH");
	CHECK_INT(a->ms[MS_SIGNED], US(1767571200));	/* 05.01.2026 */
	CHECK_INT(a->ms[MS_FIRST_VALUE], US(1769126400));	/* 23.01.2026 */
	CHECK_NEAR(ttfv_days(a), 18, 1e-9);
	CHECK_NEAR(a->arr, 12500.50, 1e-9);	/* "12500,50" */
	CHECK_NEAR(acc("K-1002")->arr, 1200, 1e-9);	/* "1.200,00" */
	CHECK_INT(acc("K-1002")->outcome, OUTCOME_CHURNED);
	/* 0x96 is an en dash in Windows-1252 */
	CHECK_STR(acc("K-1003")->name, "Stra\xC3\x9F" "e AG \xE2\x80\x93 Nord");
	CHECK_INT(acc("K-1003")->ms[MS_SIGNED], US(1770076800));	/* 3.2.2026 */
	CHECK_CONTAINS(summary, "';' (semicolon) delimited, Windows-1252");
	CHECK_CONTAINS(summary, "signed_at: day.month.year (day first)");
	unload();

	load("excel_utf8");
	CHECK_STR(acc("A-1")->name, "Caf\xC3\xA9 Ol\xC3\xA9");
	CHECK_NEAR(ttfv_days(acc("A-1")), 18, 1e-9);	/* 1/5 to 1/23 */
	CHECK_NEAR(ttfv_days(acc("A-2")), 1, 1e-9);
	CHECK_CONTAINS(summary, "UTF-8 with BOM, CRLF");
	unload();

	load("excel_mac");
	CHECK_NEAR(ttfv_days(acc("M1")), 14, 1e-9);	/* 2/2 to 2/16 */
	/* 2/20 to 3/2: 8 days left in February 2026, then 2 */
	CHECK_NEAR(ttfv_days(acc("M2")), 10, 1e-9);
	CHECK_INT(acc("M2")->line, 3);
	CHECK_CONTAINS(summary, "CR (classic Mac) line endings");
	unload();

	load("google_sheets");
	CHECK_NEAR(ttfv_days(acc("G1")), 17, 1e-9);	/* 11/3 to 11/20 */
	CHECK_NEAR(ttfv_days(acc("G3")), 0, 1e-9);
	/* G1's note spans lines 2-3, so G2 is on line 4, G3 on 5 */
	CHECK_INT(acc("G2")->line, 4);
	CHECK_INT(acc("G3")->line, 5);
	CHECK_CONTAINS(summary, "\"Notes\"       -> ignored (notes is not "
				"read from accounts files)");
	unload();
}

int main(void)
{
	test_salesforce();
	test_hubspot();
	test_amplitude();
	test_posthog();
	test_mixpanel();
	test_excel();
	return test_done("test_ingest_exports");
}

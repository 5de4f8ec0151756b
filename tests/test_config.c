/* test_config.c - the INI configuration (SPEC section 2) read from the
 * inputs under tests/config/, plus generated files for the limits.
 *
 * Instants are from GNU date(1):
 *   date -u -d 2026-11-01 +%s                          = 1793491200
 *   date -d 'TZ="Europe/Berlin" 2026-11-01 00:00' +%s  = 1793487600
 * (the end of 2026-10-31; Berlin is on CET, UTC+1, after 2026-10-25).
 * Day numbers: date -u -d 2026-12-24 +%s / 86400 = 20811, 2026-12-25 =
 * 20812, 2027-01-01 = 20819.
 */
#include <stdlib.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "harness.h"
#include "timeutil.h"

static void test_defaults(void)
{
	struct config c;
	config_init(&c);
	CHECK_STR(c.timezone, "UTC");
	CHECK(c.title == NULL);
	CHECK(c.as_of_day == TTFV_NO_TIME);
	CHECK(c.clock.as_of == TTFV_NO_TIME);
	CHECK_INT(c.cohort, COHORT_MONTH);
	CHECK_INT(c.horizon_days, 120);
	CHECK_INT(c.wau_threshold, 2);
	/* seed 004: median < 5 / > 8 days, 7-day rate > 70% / < 55%,
	 * manual assist < 25% / > 40%, completeness 100% / < 95% */
	CHECK_NEAR(c.targets[TARGET_MEDIAN_TTFV_DAYS].target, 5, 0);
	CHECK_NEAR(c.targets[TARGET_MEDIAN_TTFV_DAYS].warning, 8, 0);
	CHECK_NEAR(c.targets[TARGET_FIRST_VALUE_RATE_7D].target, 0.70, 1e-12);
	CHECK_NEAR(c.targets[TARGET_FIRST_VALUE_RATE_7D].warning, 0.55, 1e-12);
	CHECK_NEAR(c.targets[TARGET_MANUAL_ASSIST_SHARE].target, 0.25, 1e-12);
	CHECK_NEAR(c.targets[TARGET_MANUAL_ASSIST_SHARE].warning, 0.40, 1e-12);
	CHECK_NEAR(c.targets[TARGET_RECORD_COMPLETENESS].target, 1.0, 1e-12);
	CHECK_NEAR(c.targets[TARGET_RECORD_COMPLETENESS].warning, 0.95, 1e-12);
	/* seed 004: week-2 retention > 85% / < 75%; nobody set any of them */
	CHECK_NEAR(c.targets[TARGET_WEEK2_RETENTION].target, 0.85, 1e-12);
	CHECK_NEAR(c.targets[TARGET_WEEK2_RETENTION].warning, 0.75, 1e-12);
	for (int i = 0; i < TARGET_COUNT; i++)
		CHECK(!c.target_set[i]);
	CHECK(config_tier(&c, "high-touch") == NULL);
	/* seed 000: +20% buffer for high-touch only */
	struct tier_conf t = config_tier_resolve(&c, "High-Touch");
	CHECK_NEAR(t.buffer, 0.20, 1e-12);
	CHECK_STR(t.clock_start, "signed_at");
	CHECK(t.sla_auto);
	CHECK_INT(t.days, DAYS_CALENDAR);
	CHECK_NEAR(config_tier_resolve(&c, "enterprise").buffer, 0, 0);
	config_release(&c);
}

static void test_spec_example(void)
{
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	CHECK_INT(config_load(&c, "tests/config/spec_example.ini", &d), 0);
	CHECK_STR(buf_cstr(&d.text), "");
	CHECK_STR(c.title, "Onboarding review");
	/* date -u -d 2026-10-31 +%s / 86400 = 20757 */
	CHECK_INT(c.as_of_day, 20757);
	CHECK_INT(c.clock.as_of, TTFV_NO_TIME);
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(c.clock.as_of, 1793491200 * TU_SECOND);
	CHECK_INT(c.clock.source, CLOCK_CONFIG);
	CHECK_INT(c.nholidays, 2);
	if (c.nholidays == 2) {
		CHECK_INT(c.holidays[0], 20812);
		CHECK_INT(c.holidays[1], 20819);
	}
	CHECK_STR(c.first_value_event, "report_shared");
	CHECK_INT(c.ntiers, 1);
	const struct tier_conf *t = config_tier(&c, "high-touch");
	CHECK(t != NULL);
	if (t) {
		CHECK_STR(t->clock_start, "kickoff_at");
		CHECK(t->sla_auto);
		CHECK_NEAR(t->buffer, 0.20, 1e-12);
		CHECK(t->buffer_set);
		CHECK_INT(t->days, DAYS_BUSINESS);
		CHECK_INT(t->line, 10);
	}
	CHECK_INT(c.nsteps, 1);
	if (c.nsteps == 1) {
		CHECK_STR(c.steps[0].name, "kickoff");
		CHECK_STR(c.steps[0].column, "kickoff_at");
		CHECK(c.steps[0].event == NULL);
		CHECK_NEAR(c.steps[0].max_days, 5, 0);
		/* the inline comment on the header and the ';' inside
		 * "customer's" (no space before it) are told apart */
		CHECK_STR(c.steps[0].playbook, "Book the kickoff call and name "
			  "the customer's exec sponsor.");
		CHECK_INT(c.steps[0].line, 16);
	}
	CHECK_INT(c.ncolumns, 1);
	if (c.ncolumns == 1) {
		CHECK_STR(c.columns[0].header, "Customer Name");
		CHECK_STR(c.columns[0].canonical, "account_name");
	}
	CHECK_NEAR(c.targets[TARGET_FIRST_VALUE_RATE_7D].warning, 0.55, 1e-12);
	config_release(&c);
	diag_release(&d);
}

static void test_full(void)
{
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	CHECK_INT(config_load(&c, "tests/config/full.ini", &d), 0);
	CHECK_STR(buf_cstr(&d.text), "");
	CHECK_STR(c.path, "tests/config/full.ini");
	CHECK_STR(c.timezone, "Europe/Berlin");
	/* parsing sets no zone and computes no instant: the clock takes the
	 * end of the day in the configured zone, whichever key came first */
	CHECK(tu_is_utc());
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(c.clock.as_of, 1793487600 * TU_SECOND);
	CHECK(!tu_is_utc());
	CHECK_INT(c.cohort, COHORT_QUARTER);
	CHECK_INT(c.horizon_days, 3650);
	/* four dates over two lines, one repeated: sorted and unique */
	CHECK_INT(c.nholidays, 3);
	if (c.nholidays == 3) {
		CHECK_INT(c.holidays[0], 20811);
		CHECK_INT(c.holidays[1], 20812);
		CHECK_INT(c.holidays[2], 20819);
	}
	CHECK_STR(c.date_format, "%d/%m/%Y");
	CHECK_STR(c.encoding, "windows-1252");
	CHECK_INT(c.wau_threshold, 8);
	CHECK_INT(c.ntiers, 3);
	const struct tier_conf *tt = config_tier(&c, "tech-touch");
	CHECK(tt != NULL);
	if (tt) {
		CHECK_STR(tt->name, "Tech-Touch");
		CHECK(!tt->sla_auto);
		CHECK_NEAR(tt->sla_days, 14, 0);
		CHECK_STR(tt->clock_start, "signed_at");
		CHECK_NEAR(tt->buffer, 0, 0);
	}
	struct tier_conf ht = config_tier_resolve(&c, "high-touch");
	CHECK_STR(ht.clock_start, "kickoff_at");
	CHECK_INT(ht.days, DAYS_BUSINESS);
	CHECK_NEAR(ht.buffer, 0.20, 1e-12);
	CHECK(!ht.buffer_set);
	const struct tier_conf *ss = config_tier(&c, "self-serve");
	CHECK(ss && ss->buffer == 0.5 && ss->buffer_set);
	CHECK_INT(c.nsteps, 2);
	if (c.nsteps == 2) {
		CHECK_STR(c.steps[0].event, "data_imported");
		CHECK_NEAR(c.steps[0].max_days, 2.5, 0);
		CHECK_STR(c.steps[0].playbook, "Offer a 30-minute data format "
			  "troubleshooting call.");
		CHECK_STR(c.steps[1].name, "go live");
		CHECK_STR(c.steps[1].column, "go_live_at");
		CHECK(isnan(c.steps[1].max_days));
		CHECK(c.steps[1].playbook == NULL);
	}
	CHECK_INT(c.ncolumns, 3);
	if (c.ncolumns == 3) {
		CHECK_STR(c.columns[1].header, "Company");
		CHECK_STR(c.columns[1].canonical, "account_id");
		CHECK_INT(c.columns[1].line, 38);	/* grep -n Company */
	}
	CHECK_NEAR(c.targets[TARGET_MANUAL_ASSIST_SHARE].warning, 0.2, 1e-12);
	CHECK_NEAR(c.targets[TARGET_MEDIAN_TTFV_DAYS].target, 4.5, 1e-12);
	CHECK_NEAR(c.targets[TARGET_RECORD_COMPLETENESS].warning, 0.9, 1e-12);
	CHECK_NEAR(c.targets[TARGET_WEEK2_RETENTION].target, 0.9, 1e-12);
	CHECK_NEAR(c.targets[TARGET_WEEK2_RETENTION].warning, 0.8, 1e-12);
	/* what the file sets is not labelled a default */
	CHECK(c.target_set[TARGET_WEEK2_RETENTION]);
	CHECK(c.target_set[TARGET_MANUAL_ASSIST_SHARE]);
	config_release(&c);
	diag_release(&d);
	tu_set_timezone("UTC");
}

static void test_crlf_bom(void)
{
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	CHECK_INT(config_load(&c, "tests/config/crlf_bom.ini", &d), 0);
	CHECK_STR(buf_cstr(&d.text), "");
	CHECK_STR(c.title, "Windows");
	CHECK_INT(c.cohort, COHORT_WEEK);
	CHECK_INT(c.nsteps, 1);
	if (c.nsteps == 1) {
		CHECK_STR(c.steps[0].event, "kickoff_completed");
		CHECK_INT(c.steps[0].line, 5);
	}
	config_release(&c);
	diag_release(&d);
}

/* Every line of tests/config/bad.ini that is wrong, with its message. */
static const char *const bad_expected[] = {
	"bad.ini:1: stray: key outside any section",
	"bad.ini:4: unknown key 'colour' in [report]; expected title, as_of",
	"bad.ini:5: horizon_days: '5000' is not a whole number from 1 to 3650",
	"bad.ini:6: horizon_days: given twice (first on line 5)",
	"bad.ini:7: as_of: cannot parse '2026-13-01' as a date (YYYY-MM-DD)",
	"bad.ini:8: cohort: 'fortnight' is not week, month, quarter or an attribute column (tier, plan, ",
	"bad.ini:9: timezone: unknown timezone 'Mars/Olympus'",
	"bad.ini:10: holidays: cannot parse 'someday' as a date",
	"bad.ini:11: wau_threshold: '9' is not a whole number from 1 to 8",
	"bad.ini:12: expected 'key = value', '[section]' or a comment",
	"bad.ini:13: unknown section '[reprot]'",
	"bad.ini:16: clock_start: 'first_value_at' cannot start the clock",
	"bad.ini:17: sla_days: 'soon' is not a number above 0 and at most 3650",
	"bad.ini:18: buffer: '6' is not a number from 0 to 5",
	"bad.ini:19: days: 'weekdays' is not calendar or business",
	"bad.ini:20: duplicate [tier HIGH-TOUCH] (first on line 15)",
	"bad.ini:24: [step kickoff] has both column and event; give one",
	"bad.ini:26: max_days: '0' is not a number above 0",
	"bad.ini:25: [step nowhere] needs 'column = MILESTONE' or "
	"'event = NAME'",
	"bad.ini:27: duplicate [step kickoff] (first on line 22)",
	"bad.ini:29: [step] needs a name: [step NAME]",
	"bad.ini:31: 'Customer' maps to 'acount_name', which is not a column",
	"bad.ini:33: header 'client' is mapped twice (first on line 32)",
	"bad.ini:35: median_ttfv_days: the warning threshold 5 is better than "
	"the target 8",
	"bad.ini:36: first_value_rate_7d: '0.7' should be 'TARGET, WARNING'",
	"bad.ini:37: manual_assist_share: '1.5' is not a number from 0 to 1",
	"bad.ini:38: section header has no closing ']'",
	"bad.ini:39: unexpected text after ']'",
	"bad.ini:40: unknown key 'max_days' in [tier self-serve]",
	"bad.ini:41: indented line continues 'max_days'",
	"bad.ini:42: missing key name before '='",
};

static void test_bad(void)
{
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	CHECK_INT(config_load(&c, "tests/config/bad.ini", &d), -1);
	size_t n = sizeof(bad_expected) / sizeof(*bad_expected);
	for (size_t i = 0; i < n; i++)
		CHECK_CONTAINS(buf_cstr(&d.text), bad_expected[i]);
	CHECK_INT(d.count, n);
	/* what was refused keeps its default; the rest is read */
	CHECK_STR(c.title, "ok");
	CHECK_INT(c.horizon_days, 120);
	CHECK_INT(c.cohort, COHORT_MONTH);
	CHECK_STR(c.timezone, "UTC");
	CHECK(tu_is_utc());
	CHECK_INT(c.nholidays, 1);
	CHECK_INT(c.ntiers, 2);
	const struct tier_conf *t = config_tier(&c, "high-touch");
	CHECK(t && t->line == 15 && strcmp(t->clock_start, "signed_at") == 0);
	/* the step with neither column nor event is dropped */
	CHECK_INT(c.nsteps, 1);
	CHECK(c.nsteps == 1 && c.steps[0].column && !c.steps[0].event);
	CHECK_INT(c.ncolumns, 1);
	CHECK_NEAR(c.targets[TARGET_MEDIAN_TTFV_DAYS].target, 5, 0);
	config_release(&c);
	diag_release(&d);
}

/* Writes text (n bytes) to a new temporary file; the caller unlinks it. */
static void temp_write(char *path, const char *text, size_t n)
{
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, text, n) == (ssize_t)n);
	close(fd);
}

/* Loads text as a config; returns config_load's result, d filled. */
static int load_text(struct config *c, struct diag *d, const char *text,
		     size_t n)
{
	char path[] = "/tmp/ttfv-config-XXXXXX";
	temp_write(path, text, n);
	config_init(c);
	diag_init(d);
	int rc = config_load(c, path, d);
	unlink(path);
	return rc;
}

static void test_limits(void)
{
	struct config c;
	struct diag d;
	struct buf b = BUF_INIT;

	/* 70 tiers: the first 64 are kept, the 65th is line 130 (two lines
	 * per tier: header and one key) */
	for (int i = 0; i < 70; i++)
		buf_addf(&b, "[tier t%d]\nbuffer = 0.1\n", i);
	CHECK_INT(load_text(&c, &d, b.ptr, b.len), -1);
	CHECK_INT(c.ntiers, CONFIG_MAX_TIERS);
	CHECK_CONTAINS(buf_cstr(&d.text), ":129: too many tiers (at most 64)");
	CHECK_INT(d.count, 6);
	config_release(&c);
	diag_release(&d);

	/* a line inih would split silently (its buffer is 200 bytes) */
	buf_reset(&b);
	buf_puts(&b, "[step s]\nevent = e\nplaybook = ");
	for (int i = 0; i < 300; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\nmax_days = 3\n");
	CHECK_INT(load_text(&c, &d, b.ptr, b.len), -1);
	CHECK_CONTAINS(buf_cstr(&d.text),
		       ":3: line longer than 197 characters");
	CHECK_INT(d.count, 1);
	CHECK(c.nsteps == 1 && c.steps[0].max_days == 3);
	config_release(&c);
	diag_release(&d);

	/* a playbook continued past CONFIG_MAX_TEXT: one problem, at the
	 * line that crosses it; each continuation adds 101 characters */
	buf_reset(&b);
	buf_puts(&b, "[step s]\nevent = e\nplaybook = start\n");
	for (int i = 0; i < 40; i++) {
		buf_puts(&b, "  ");
		for (int k = 0; k < 100; k++)
			buf_putc(&b, 'y');
		buf_putc(&b, '\n');
	}
	CHECK_INT(load_text(&c, &d, b.ptr, b.len), -1);
	/* "start" is 5 long, n continuations make 5 + 101 n; the n-th is
	 * line 3 + n, and 5 + 101 n > 2000 first for n = 20: line 23 */
	CHECK_CONTAINS(buf_cstr(&d.text), ":23: playbook: longer than 2000");
	CHECK_INT(d.count, 1);
	CHECK(c.nsteps == 1 && strlen(c.steps[0].playbook) == 5 + 101 * 19);
	config_release(&c);
	diag_release(&d);

	/* a NUL byte, then a line that is fine again */
	static const char nul[] = "[report]\ntitle = a\0b\ncohort = week\n";
	CHECK_INT(load_text(&c, &d, nul, sizeof(nul) - 1), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), ":2: NUL byte in the line");
	CHECK_INT(c.cohort, COHORT_WEEK);
	config_release(&c);
	diag_release(&d);

	/* more than CONFIG_MAX_BYTES is not read at all */
	buf_reset(&b);
	while (b.len <= CONFIG_MAX_BYTES)
		buf_puts(&b, "; a comment line that goes on and on\n");
	CHECK_INT(load_text(&c, &d, b.ptr, b.len), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "not a config file");
	config_release(&c);
	diag_release(&d);

	/* an empty file is the defaults */
	CHECK_INT(load_text(&c, &d, "", 0), 0);
	CHECK_INT(c.horizon_days, 120);
	config_release(&c);
	diag_release(&d);
	buf_release(&b);
}

/* Found by fuzzing: a step dropped for want of column or event freed its
 * playbook, which an indented line after a malformed header (inih still
 * treats it as a continuation) went on to extend. */
static void test_continuation_after_drop(void)
{
	static const char text[] = "[step s]\n"
				   "playbook = call them\n"
				   "[broken\n"
				   "   and again\n";
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	CHECK_INT(config_parse(&c, "mem.ini", text, sizeof(text) - 1, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "mem.ini:1: [step s] needs");
	CHECK_CONTAINS(buf_cstr(&d.text), "mem.ini:3: section header has no");
	CHECK_INT(d.count, 2);
	CHECK_INT(c.nsteps, 0);
	config_release(&c);
	diag_release(&d);
}

static void test_missing(void)
{
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	CHECK_INT(config_load(&c, "tests/config/no-such.ini", &d), -2);
	CHECK_CONTAINS(buf_cstr(&d.text),
		       "tests/config/no-such.ini: cannot open: No such file");
	config_release(&c);
	diag_release(&d);
}

/* SPEC 8.3's [routing] thresholds and the [step] route. */
static void test_routing(void)
{
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	CHECK_NEAR(c.routing.human_risk, 0.8, 0);
	CHECK_NEAR(c.routing.risk, 0.5, 0);
	CHECK_NEAR(c.routing.arr_percentile, 0.75, 0);
	CHECK_INT(c.routing.next_check_days, 3);
	CHECK_INT(c.routing.human_next_check_days, 1);
	static const char good[] =
		"[routing]\nhuman_risk = 0.9\nrisk = 0.4\narr_percentile = 0.5\n"
		"next_check_days = 5\nhuman_next_check_days = 2\n"
		"[step integration]\nevent = connected\nroute = human\n"
		"[step import]\nevent = imported\nroute = Automated\n";
	CHECK_INT(config_parse(&c, "r.ini", good, sizeof(good) - 1, &d), 0);
	CHECK_NEAR(c.routing.human_risk, 0.9, 0);
	CHECK_NEAR(c.routing.risk, 0.4, 0);
	CHECK_NEAR(c.routing.arr_percentile, 0.5, 0);
	CHECK_INT(c.routing.next_check_days, 5);
	CHECK_INT(c.routing.human_next_check_days, 2);
	CHECK_INT(c.nsteps, 2);
	if (c.nsteps == 2) {
		CHECK_INT(c.steps[0].route, STEP_ROUTE_HUMAN);
		CHECK_INT(c.steps[1].route, STEP_ROUTE_AUTOMATED);
	}
	config_release(&c);
	config_init(&c);
	static const char bad[] =
		"[routing]\nhuman_risk = 1.5\nrisk = often\n"
		"next_check_days = 0\nescalate = yes\n"
		"[step s]\nevent = e\nroute = robot\n";
	CHECK_INT(config_parse(&c, "b.ini", bad, sizeof(bad) - 1, &d), -1);
	const char *t = buf_cstr(&d.text);
	CHECK_CONTAINS(t, "b.ini:2: human_risk: '1.5' is not a number from 0 "
			  "to 1");
	CHECK_CONTAINS(t, "b.ini:3: risk: 'often' is not a number from 0 to 1");
	CHECK_CONTAINS(t, "b.ini:4: next_check_days: '0' is not a whole "
			  "number from 1 to 3650");
	CHECK_CONTAINS(t, "b.ini:5: unknown key 'escalate' in [routing]; "
			  "expected human_risk, risk, arr_percentile, "
			  "next_check_days or human_next_check_days");
	CHECK_CONTAINS(t, "b.ini:8: route: 'robot' is not default, automated "
			  "or human");
	CHECK_INT(d.count, 5);
	/* refused values keep their defaults */
	CHECK_NEAR(c.routing.human_risk, 0.8, 0);
	CHECK_INT(c.routing.next_check_days, 3);
	config_release(&c);
	diag_release(&d);
}

/* The value drivers' window and the experiment's control arm: read,
 * defaulted, and refused with the line when wrong. */
static void test_drivers_experiment(void)
{
	static const char good[] = "[report]\ndriver_days = 21\n"
				   "[experiment]\ncontrol = Old flow\n";
	static const char bad[] = "[report]\ndriver_days = 0\n"
				  "[experiment]\ncontrol =\narm = b\n"
				  "[experiment x]\n";
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	CHECK_INT(c.driver_days, 14);
	CHECK(c.experiment_control == NULL);
	CHECK_INT(config_parse(&c, "mem.ini", good, sizeof(good) - 1, &d), 0);
	CHECK_INT(c.driver_days, 21);
	CHECK_STR(c.experiment_control, "Old flow");
	CHECK_INT(c.experiment_control_line, 4);
	config_release(&c);
	diag_release(&d);

	config_init(&c);
	diag_init(&d);
	CHECK_INT(config_parse(&c, "mem.ini", bad, sizeof(bad) - 1, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "mem.ini:2: driver_days: '0' is not "
					  "a whole number from 1 to 3650");
	CHECK_CONTAINS(buf_cstr(&d.text), "mem.ini:4: control: has no value");
	CHECK_CONTAINS(buf_cstr(&d.text), "mem.ini:5: unknown key 'arm' in "
					  "[experiment]; expected control");
	CHECK_CONTAINS(buf_cstr(&d.text), "mem.ini:6: [experiment] takes no "
					  "name (got 'x')");
	CHECK_INT(d.count, 4);
	CHECK_INT(c.driver_days, 14);
	CHECK(c.experiment_control == NULL);
	config_release(&c);
	diag_release(&d);
}

/* Seed 004's first value and path per tier: read as given (the names
 * are checked against the [step] sections by config_check), a step
 * listed twice or an empty name refused with the line. */
static void test_tier_paths(void)
{
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	static const char good[] =
		"[report]\nfirst_value_event = report_shared\n"
		"[tier lead-gen]\nfirst_value_event = qualified_lead\n"
		"steps = connect , Launch,qualified_lead\n"
		"[tier other]\n"
		"[step connect]\nevent = c\n[step launch]\nevent = l\n"
		"[step qualified_lead]\nevent = qualified_lead\n";
	CHECK_INT(config_parse(&c, "p.ini", good, sizeof(good) - 1, &d), 0);
	CHECK_STR(buf_cstr(&d.text), "");
	const struct tier_conf *t = config_tier(&c, "Lead-Gen");
	CHECK(t != NULL);
	if (t) {
		CHECK_STR(t->first_value_event, "qualified_lead");
		CHECK_INT(t->first_value_event_line, 4);
		CHECK_INT(t->nsteps, 3);
		if (t->nsteps == 3) {
			CHECK_STR(t->steps[0], "connect");
			CHECK_STR(t->steps[1], "Launch");
			CHECK_STR(t->steps[2], "qualified_lead");
		}
		CHECK_INT(t->steps_line, 5);
		CHECK_STR(config_tier_first_value_event(&c, t), "qualified_lead");
	}
	/* a tier without its own takes [report]'s; the named steps are
	 * claimed, so a tier without steps walks none of them */
	CHECK_STR(config_tier_first_value_event(&c, config_tier(&c, "other")),
		  "report_shared");
	CHECK_INT(config_step_find(&c, "LAUNCH"), 1);
	CHECK_INT(config_step_find(&c, "nope"), -1);
	CHECK(config_step_claimed(&c, 0));
	CHECK(config_step_claimed(&c, 2));
	config_release(&c);
	config_init(&c);
	static const char bad[] = "[tier t]\nsteps = a, b, A\n"
				  "[tier u]\nsteps = a,,b\n";
	CHECK_INT(config_parse(&c, "b.ini", bad, sizeof(bad) - 1, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "b.ini:2: steps: 'A' is listed twice");
	CHECK_CONTAINS(buf_cstr(&d.text),
		       "b.ini:4: steps: an empty step name in 'a,,b'");
	CHECK_INT(d.count, 2);
	config_release(&c);
	diag_release(&d);
}

/* The report clock, from GNU date(1):
 *   date -u -d 2026-01-05 +%s                            = 1767571200
 *   date -d 'TZ="America/New_York" 2026-01-05 00:00' +%s = 1767589200
 *   date -u -d 2026-01-04T12:00 +%s                      = 1767528000
 * and 1767571200 / 86400 = 20458, the day number of 2026-01-05. */
static void test_clock(void)
{
	struct config c;
	struct diag d;
	config_init(&c);
	diag_init(&d);
	/* --as-of 2026-01-04 in New York: the end of that day there */
	free(c.timezone);
	c.timezone = xstrdup("America/New_York");
	c.as_of_day = 20458 - 1;
	c.as_of_line = 0;
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(c.clock.as_of, 1767589200 * TU_SECOND);
	CHECK_INT(c.clock.source, CLOCK_OPTION);
	CHECK_STR(c.clock.timezone, "America/New_York");
	/* a given as-of is never replaced by the data's */
	CHECK_INT(clock_settle(&c, (1767528000 + 30 * 86400) * TU_SECOND, &d), 0);
	CHECK_INT(c.clock.as_of, 1767589200 * TU_SECOND);
	config_release(&c);
	/* none given, UTC: the end of the latest timestamp's day */
	config_init(&c);
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(c.clock.as_of, TTFV_NO_TIME);
	CHECK_INT(clock_settle(&c, 1767528000 * TU_SECOND, &d), 0);
	CHECK_INT(c.clock.as_of, 1767571200 * TU_SECOND);
	CHECK_INT(c.clock.source, CLOCK_DATA);
	CHECK_STR(buf_cstr(&d.text), "");
	config_release(&c);
	/* nor in the data: an error saying how to give one */
	config_init(&c);
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(clock_settle(&c, TTFV_NO_TIME, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "give one with --as-of");
	config_release(&c);
	diag_release(&d);
}

 int main(void)
{
	test_clock();
	test_defaults();
	test_tier_paths();
	test_routing();
	test_spec_example();
	test_full();
	test_crlf_bom();
	test_bad();
	test_limits();
	test_continuation_after_drop();
	test_missing();
	test_drivers_experiment();
	return test_done("test_config");
}

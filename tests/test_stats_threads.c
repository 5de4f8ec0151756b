/* test_stats_threads.c - the stats computed on two threads and on one
 * give the same bytes: report.json, accounts.csv and the messages, for
 * the committed samples (three tiers, pauses, post-mortems, an
 * experiment), the golden data set (two tiers with their own steps,
 * post-mortems), and a config whose experiment control names no arm (the
 * second thread is still joined, and the one message is the same). */
#include "harness.h"
#include "ingest_helpers.h"
#include "render.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>

/* The report's JSON and accounts.csv, then the messages, in out; the
 * return code of stats_compute_pick. */
static int report_bytes(const struct model *m, const struct config *c,
			bool one_thread, struct buf *out)
{
	struct stats s;
	struct diag d;
	diag_init(&d);
	struct stats_pick pick = {.records = true, .one_thread = one_thread};
	int rc = stats_compute_pick(&s, m, c, &pick, &d);
	if (rc == 0) {
		render_json(&s, out);
		render_csv_accounts(&s, out);
		stats_release(&s);
	}
	buf_addf(out, "--\n%s", buf_cstr(&d.text));
	diag_release(&d);
	return rc;
}

/* Loads dir's files with ini (dir's ttfv.ini when NULL) and compares the
 * two ways; want is what stats_compute_pick returns. */
static void compare(const char *dir, const char *const *files, size_t n,
		    const char *ini, int want)
{
	struct run r;
	run_begin(&r);
	char conf[256];
	snprintf(conf, sizeof(conf), "%s/ttfv.ini", dir);
	int rc = ini ? config_parse(&r.c, "test.ini", ini, strlen(ini), &r.d)
		     : config_load(&r.c, conf, &r.d);
	CHECK_INT(rc, 0);
	CHECK_INT(run_files_in(&r, dir, files, n), 0);
	CHECK_INT(clock_settle(&r.c, r.m.latest, &r.d), 0);
	struct buf two = BUF_INIT, one = BUF_INIT;
	CHECK_INT(report_bytes(&r.m, &r.c, false, &two), want);
	CHECK_INT(report_bytes(&r.m, &r.c, true, &one), want);
	/* not a comparison of two empty texts */
	CHECK(two.len > (want == 0 ? 10000u : 50u));
	CHECK_INT(two.len, one.len);
	CHECK(two.len == one.len && memcmp(two.ptr, one.ptr, one.len) == 0);
	/* and again: nothing depends on which thread finished first */
	struct buf again = BUF_INIT;
	report_bytes(&r.m, &r.c, false, &again);
	CHECK(again.len == two.len &&
	      memcmp(again.ptr, two.ptr, two.len) == 0);
	buf_release(&again);
	buf_release(&two);
	buf_release(&one);
	run_end(&r);
}

int main(void)
{
	const char *samples[] = {"accounts.csv", "events.csv", "pauses.csv",
				 "postmortems.csv"};
	compare("samples", samples, 4, NULL, 0);
	const char *golden[] = {"accounts.csv", "postmortems.csv"};
	compare("tests/golden/input", golden, 2, NULL, 0);
	compare("samples", samples, 4,
		"[report]\nfirst_value_event = report_shared\n"
		"[experiment]\ncontrol = nope\n",
		-1);
	return test_done("test_stats_threads");
}

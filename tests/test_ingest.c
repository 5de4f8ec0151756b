/* test_ingest.c - clean inputs: roles, column mapping, values in the model,
 * physical line numbers.  Instants from GNU date(1): `date -u -d 2026-01-05
 * +%s` = 1767571200, 2026-01-12 = 1768176000, 2026-01-20 = 1768867200,
 * "2026-01-15 10:30" = 1768473000, 2026-01-16T08:00:00Z = 1768550400,
 * 2026-01-10 = 1768003200, 2026-01-14 = 1768348800. */
#include <math.h>

#include "harness.h"
#include "ingest_helpers.h"

static void test_four_files(void)
{
	put_file("a.csv",
		 "account_id,account_name,signed_at,tier,first_value_at,"
		 "outcome,exec_sponsor,arr,sla_days,milestone_owner\n"
		 "A1,Acme,2026-01-05,high-touch,2026-01-20,renewed,Jane,"
		 "12500.50,30,Bob\n"
		 "A2,\"Beta, Inc.\",2026-01-12,tech-touch,,open,no,,,\n");
	/* the role comes from the header, not the name */
	put_file("z_events.csv",
		 "account_id,event,timestamp,user_id\n"
		 "A1,login,2026-01-15 10:30,u1\n"
		 "A1,login,2026-01-14,u2\n"
		 "A2,report_shared,2026-01-16T08:00:00Z,\n");
	put_file("pm.csv", "account_id,category,breached_at,owner\n"
			   "A2,Data Migration,2026-01-20,Ops\n");
	put_file("p.csv", "account_id,paused_at,resumed_at,reason\n"
			  "A1,2026-01-10,2026-01-14,holiday\n");
	/* events named first: accounts are still read first */
	const char *names[] = {"z_events.csv", "pm.csv", "p.csv", "a.csv"};
	struct run r;
	run_begin(&r);
	CHECK_INT(run_files(&r, names, 4), 0);
	CHECK_STR(diag_text(&r.d), "");
	CHECK_INT(r.m.nacc, 2);
	int32_t a1 = model_find(&r.m, "A1", 2), a2 = model_find(&r.m, "A2", 2);
	CHECK(a1 >= 0 && a2 >= 0);
	if (a1 < 0 || a2 < 0)
		return;
	const struct account *A = &r.m.acc[a1], *B = &r.m.acc[a2];
	CHECK_STR(A->name, "Acme");
	CHECK_STR(B->name, "Beta, Inc.");
	CHECK_INT(A->ms[MS_SIGNED], 1767571200);
	CHECK_INT(A->ms[MS_FIRST_VALUE], 1768867200);
	CHECK_INT(B->ms[MS_FIRST_VALUE], TTFV_NO_TIME);
	CHECK_STR(r.m.attrs[ATTR_TIER].str[A->attr[ATTR_TIER]], "high-touch");
	CHECK_INT(A->attr[ATTR_PLAN], -1);
	CHECK_INT(A->outcome, OUTCOME_RENEWED);
	CHECK_INT(B->outcome, OUTCOME_OPEN);
	CHECK(A->has_exec_sponsor);
	CHECK(!B->has_exec_sponsor);
	CHECK(A->has_owner && !B->has_owner);
	CHECK_NEAR(A->arr, 12500.50, 1e-9);
	CHECK(isnan(B->arr));
	CHECK_NEAR(A->sla_days, 30, 0);
	CHECK_INT(A->line, 2);
	CHECK_INT(B->line, 3);
	/* events: first login is the earlier of the two rows */
	int login = model_event_id(&r.m, "login", 5, false);
	CHECK_INT(model_event_first(&r.m, login, a1), 1768348800);
	int shared = model_event_id(&r.m, "report_shared", 13, false);
	CHECK_INT(model_event_first(&r.m, shared, a2), 1768550400);
	CHECK_INT(A->nusers, 2);
	CHECK_INT(B->nusers, 0);
	CHECK_INT(r.m.events_total, 3);
	CHECK_INT(r.m.npms, 1);
	CHECK_INT(r.m.pms[0].category, PM_DATA_MIGRATION);
	CHECK_STR(r.m.pms[0].owner, "Ops");
	CHECK_INT(r.m.npauses, 1);
	CHECK_INT(r.m.pauses[0].paused_at, 1768003200);
	CHECK_INT(r.m.pauses[0].resumed_at, 1768348800);
	CHECK_INT(A->first_pause, 0);
	/* latest timestamp: first value of A1 and the post-mortem breach,
	 * both 2026-01-20 */
	CHECK_INT(r.m.latest, 1768867200);
	run_end(&r);
}

/* Line numbers are physical lines: a quoted field spanning three lines,
 * blank lines and CRLF endings all count. */
static void test_physical_lines(void)
{
	put_file("a.csv", "account_id,signed_at,account_name\r\n"
			  "A1,2026-01-05,\"two\r\nline name\"\r\n"
			  "\r\n"
			  "A2,2026-01-05,\"three\nline\nname\"\r\n"
			  "A3,bad-date,x\r\n"
			  "A4,2026-01-05,y");
	const char *names[] = {"a.csv"};
	struct run r;
	run_begin(&r);
	CHECK_INT(run_files(&r, names, 1), -1);
	/* A3 starts on line 8: 1 header, 2-3 A1, 4 blank, 5-7 A2 */
	CHECK_CONTAINS(diag_text(&r.d),
		       "a.csv:8: signed_at: cannot parse 'bad-date' as a date\n");
	CHECK_INT(r.d.count, 1);
	int32_t a2 = model_find(&r.m, "A2", 2);
	CHECK(a2 >= 0 && r.m.acc[a2].line == 5);
	CHECK(a2 >= 0 && !strcmp(r.m.acc[a2].name, "three\nline\nname"));
	int32_t a4 = model_find(&r.m, "A4", 2);
	CHECK(a4 >= 0 && r.m.acc[a4].line == 9);
	run_end(&r);
}

int main(void)
{
	test_dir_make();
	test_four_files();
	test_physical_lines();
	test_dir_remove();
	return test_done("test_ingest");
}

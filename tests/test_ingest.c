/* test_ingest.c - clean inputs: roles, column mapping, values in the model,
 * physical line numbers.  Instants from GNU date(1): `date -u -d 2026-01-05
 * +%s` = 1767571200, 2026-01-12 = 1768176000, 2026-01-20 = 1768867200,
 * "2026-01-15 10:30" = 1768473000, 2026-01-16T08:00:00Z = 1768550400,
 * 2026-01-10 = 1768003200, 2026-01-14 = 1768348800. */
#include <math.h>
#include <sys/stat.h>

#include "../gen/ingest_impl.h"
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
	CHECK_INT(A->ms[MS_SIGNED], US(1767571200));
	CHECK_INT(A->ms[MS_FIRST_VALUE], US(1768867200));
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
	CHECK_INT(model_event_first(&r.m, login, a1), US(1768348800));
	int shared = model_event_id(&r.m, "report_shared", 13, false);
	CHECK_INT(model_event_first(&r.m, shared, a2), US(1768550400));
	CHECK_INT(model_active_users(&r.m, a1, 0), 2);
	CHECK(!model_has_users(&r.m, a2));
	CHECK_INT(r.m.events_total, 3);
	CHECK_INT(r.m.npms, 1);
	CHECK_INT(r.m.pms[0].category, PM_DATA_MIGRATION);
	CHECK_STR(r.m.pms[0].owner, "Ops");
	CHECK_INT(r.m.npauses, 1);
	CHECK_INT(r.m.pauses[0].paused_at, US(1768003200));
	CHECK_INT(r.m.pauses[0].resumed_at, US(1768348800));
	CHECK_INT(A->first_pause, 0);
	/* latest timestamp: first value of A1 and the post-mortem breach,
	 * both 2026-01-20 */
	CHECK_INT(r.m.latest, US(1768867200));
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

/* The delimiter comes from the header line: tab and ';' files; empty
 * cells padding a row past the header are harmless. */
static void test_delimiters(void)
{
	put_file("a.tsv", "account_id\tsigned_at\taccount_name\n"
			  "A1\t2026-01-05\t Acme, Ltd \t\t\n"
			  "A2\t2026-01-06\tB;C\tx\n");
	put_file("b.csv", "account_id;signed_at;arr\n"
			  "B1;2026-01-05;\"1,5\"\n"
			  "B2;2026-01-05;2.500,25;;\n");
	const char *names[] = {"a.tsv", "b.csv"};
	struct run r;
	run_begin(&r);
	CHECK_INT(run_files(&r, names, 2), -1);
	/* only A2 has a non-empty cell past the header */
	CHECK_INT(r.d.count, 1);
	CHECK_CONTAINS(diag_text(&r.d),
		       "a.tsv:3: too many fields (4, header has 3); an "
		       "unquoted tab inside a value?");
	int32_t a1 = model_find(&r.m, "A1", 2);
	CHECK(a1 >= 0 && !strcmp(r.m.acc[a1].name, "Acme, Ltd"));

	/* decimal comma in a ';' file: 1,5 and 2.500,25 */
	int32_t b1 = model_find(&r.m, "B1", 2), b2 = model_find(&r.m, "B2", 2);
	CHECK(b1 >= 0 && fabs(r.m.acc[b1].arr - 1.5) < 1e-12);
	CHECK(b2 >= 0 && fabs(r.m.acc[b2].arr - 2500.25) < 1e-12);
	run_end(&r);

	/* Excel's "sep=" hint line names the delimiter (the header alone
	 * has more ';' than ',') and is not the header; lines still count
	 * from it, so C1's row is line 3 */
	put_file("c.csv", "sep=,\r\naccount_id,signed_at,a;b;c;d\r\n"
			  "C1,2026-13-01,w;x;y;z\r\n");
	const char *sep[] = {"c.csv"};
	run_begin(&r);
	CHECK_INT(run_files(&r, sep, 1), -1);
	CHECK_CONTAINS(diag_text(&r.d), "c.csv:3: signed_at: cannot parse "
					"'2026-13-01' as a date");
	run_end(&r);
}

static double num(const char *s, bool decimal_comma)
{
	double v = NAN;
	if (!ingest_value_number(s, strlen(s), decimal_comma, &v))
		return -1;
	return v;
}

/* Amounts as CRMs and spreadsheets write them. */
static void test_numbers(void)
{
	CHECK_NEAR(num("12500.50", false), 12500.5, 0);
	CHECK_NEAR(num("12,500.50", false), 12500.5, 0);
	CHECK_NEAR(num("$1,200", false), 1200, 0);
	CHECK_NEAR(num("USD 120,000.00", false), 120000, 0);
	CHECK_NEAR(num("12500,50", true), 12500.5, 0);
	CHECK_NEAR(num("12.500,50", true), 12500.5, 0);
	CHECK_NEAR(num("12.500", true), 12500, 0);
	CHECK_NEAR(num("12.5", true), 12.5, 0);
	CHECK_NEAR(num("12.500,50 \xE2\x82\xAC", true), 12500.5, 0);
	CHECK_NEAR(num("EUR 980", true), 980, 0);
	CHECK_NEAR(num("1'250.75", false), 1250.75, 0);	/* Swiss */
	CHECK_NEAR(num("-3", false), -3, 0);
	CHECK_NEAR(num("", false), -1, 0);
	CHECK_NEAR(num("12.5.1", false), -1, 0);
	CHECK_NEAR(num("0x1F", false), -1, 0);
	CHECK_NEAR(num("inf", false), -1, 0);
	CHECK_NEAR(num("lots", false), -1, 0);
}

/* Plain amounts (digits, at most one point, up to 20 digits: both sides
 * of the 15 the quick reading takes) against strtod on the same text,
 * bit for bit: strtod is what the general reading ends in.  A ;-file
 * reads a point as grouping thousands where three digits follow it, so
 * there only the values without a point are compared. */
static void test_numbers_plain(void)
{
	unsigned seed = 9;
	int diff = 0, compared = 0;
	for (int i = 0; i < 50000; i++) {
		char s[32];
		int nd = 1 + rand_r(&seed) % 20, point = rand_r(&seed) % (nd + 2);
		size_t k = 0;
		for (int d = 0; d < nd; d++) {
			if (d == point)
				s[k++] = '.';
			s[k++] = (char)('0' + rand_r(&seed) % 10);
		}
		if (point == nd)
			s[k++] = '.';
		s[k] = '\0';
		bool comma = rand_r(&seed) % 4 == 0;
		if (comma && strchr(s, '.'))
			continue;
		double v = NAN;
		bool ok = ingest_value_number(s, k, comma, &v);
		double want = strtod(s, NULL);
		diff += !ok || memcmp(&v, &want, sizeof(v)) != 0;
		compared++;
	}
	CHECK_INT(diff, 0);
	CHECK(compared > 30000);
	CHECK_NEAR(num("0.1", false), 0.1, 0);
	CHECK_NEAR(num(".5", false), 0.5, 0);
	CHECK_NEAR(num("12.", false), 12, 0);
	CHECK_NEAR(num(".", false), -1, 0);
	CHECK_NEAR(num("1.2.", false), -1, 0);
}

/* The id table against model_find: ids of 1 to 20 bytes (past 16 the
 * table hands over to model_find), each looked up as it is and as
 * near-misses (one byte changed, one more or fewer), which must be
 * unknown unless they are some other account's id. */
static void test_id_table(void)
{
	struct model m;
	model_init(&m);
	unsigned seed = 21;
	for (int i = 0; i < 3000; i++) {
		char id[24];
		size_t n = 1 + (size_t)rand_r(&seed) % 20;
		for (size_t k = 0; k < n; k++)
			id[k] = "A01-"[rand_r(&seed) % 4];
		model_add_account(&m, id, n, NULL);
	}
	struct ingest_ids t;
	ingest_ids_build(&t, &m);
	int wrong = 0, found = 0;
	for (size_t a = 0; a < m.nacc; a++) {
		char id[24];
		size_t n = strlen(m.acc[a].id);
		for (int v = 0; v < 4; v++) {
			memcpy(id, m.acc[a].id, n);
			size_t k = n;
			if (v == 1)
				id[rand_r(&seed) % n] ^= 2;
			else if (v == 2)
				id[k++] = '1';
			else if (v == 3)
				k--;
			int32_t want = model_find(&m, id, k);
			wrong += ingest_ids_find(&t, id, k,
						 model_hash_short(id, k)) != want;
			found += want >= 0;
		}
	}
	CHECK_INT(wrong, 0);
	CHECK(found > (int)m.nacc && found < 3 * (int)m.nacc);
	ingest_ids_release(&t);
	model_release(&m);
	/* small tables, whose probes pass many ids of the same length that
	 * differ from the one sought in a single byte */
	wrong = 0;
	for (int round = 0; round < 300; round++) {
		model_init(&m);
		char id[] = "A00000000";
		size_t n = 2 + (size_t)rand_r(&seed) % 8;
		for (int i = 0; i < 7; i++) {
			id[rand_r(&seed) % n] = (char)('0' + rand_r(&seed) % 3);
			model_add_account(&m, id, n, NULL);
		}
		ingest_ids_build(&t, &m);
		for (size_t k = 0; k < n; k++)
			for (char c = '0'; c < '3'; c++) {
				char q[16];
				memcpy(q, id, n);
				q[k] = c;
				wrong += ingest_ids_find(&t, q, n,
							 model_hash_short(q, n)) !=
					 model_find(&m, q, n);
			}
		ingest_ids_release(&t);
		model_release(&m);
	}
	CHECK_INT(wrong, 0);
}

/* A [columns] line that matches no header is named in the summary (a
 * typo would otherwise pass unseen). */
static void test_unused_mapping(void)
{
	put_file("a.csv", "Account ID,Close Date\nA1,2026-01-05\n");
	put_file("t.ini", "[columns]\nClose Date = signed_at\n"
			  "Clsoe Date = signed_at\n");
	const char *names[] = {"a.csv"};
	struct run r;
	run_begin(&r);
	char ini[128];
	snprintf(ini, sizeof(ini), "%s/t.ini", test_dir);
	CHECK_INT(config_load(&r.c, ini, &r.d), 0);
	CHECK_INT(run_files(&r, names, 1), 0);
	CHECK_STR(buf_cstr(&r.in.notes), "[columns] line 3 ('Clsoe Date = "
					 "signed_at') matches no header of "
					 "these files\n");
	run_end(&r);

	/* the same file named twice, directly and through its directory */
	char sub[128], path[160];
	snprintf(sub, sizeof(sub), "%s/twice", test_dir);
	CHECK(mkdir(sub, 0700) == 0);
	put_file("twice/a.csv", "account_id,signed_at\nA1,2026-01-05\n");
	snprintf(path, sizeof(path), "%s/a.csv", sub);
	run_begin(&r);
	struct ingest_input twice[2] = {{path, ROLE_UNKNOWN},
					{sub, ROLE_UNKNOWN}};
	CHECK_INT(ingest_run(&r.in, &r.m, &r.c, twice, 2, &r.d), 0);
	CHECK_INT(r.m.nacc, 1);
	CHECK_CONTAINS(buf_cstr(&r.in.notes), "a.csv: the same file as ");
	run_end(&r);
}

/* --lenient: bad rows are skipped, counted and listed in m->skipped;
 * ingest succeeds with what is left. */
static void test_lenient(void)
{
	put_file("a.csv", "account_id,signed_at,first_value_at\n"
			  "A1,2026-01-05,2026-01-20\n"
			  "A2,2026-13-01,\n"
			  "A1,2026-01-06,\n"
			  "A3,2026-01-12,2026-01-10\n");
	put_file("e.csv", "account_id,event,timestamp\n"
			  "A1,login,2026-01-14\n"
			  "A2,login,2026-01-14\n");
	const char *names[] = {"a.csv", "e.csv"};
	struct run r;
	run_begin(&r);
	r.in.lenient = true;
	CHECK_INT(run_files(&r, names, 2), 0);
	CHECK_STR(diag_text(&r.d), "");
	/* A1 only: A2 bad date, second A1 duplicate, A3 first value
	 * (01-10) before signing (01-12) */
	CHECK_INT(r.m.nacc, 1);
	/* 3 account rows, and the event of the skipped A2 */
	CHECK_INT(r.m.skipped.count, 4);
	CHECK_CONTAINS(buf_cstr(&r.m.skipped.text),
		       "a.csv:3: signed_at: cannot parse '2026-13-01'");
	CHECK_CONTAINS(buf_cstr(&r.m.skipped.text),
		       "a.csv:4: account_id: duplicate account id 'A1'");
	CHECK_CONTAINS(buf_cstr(&r.m.skipped.text),
		       "a.csv:5: first_value_at: first value");
	CHECK_CONTAINS(buf_cstr(&r.m.skipped.text),
		       "e.csv:3: account_id: unknown account 'A2'");
	CHECK_INT(r.m.events_total, 1);
	run_end(&r);
}

/* --lenient: a skipped account row leaves no trace of its id, so a later
 * good row with that id is the account, not a duplicate: A2 (line 2,
 * blank signed_at) is skipped, A2 on line 4 is kept, A1 and A2 are the two
 * accounts and both events count. */
static void test_lenient_readd(void)
{
	put_file("a.csv", "account_id,signed_at\n"
			  "A2,\n"
			  "A1,2026-01-05\n"
			  "A2,2026-01-06\n");
	put_file("e.csv", "account_id,event,timestamp\n"
			  "A1,login,2026-01-14\n"
			  "A2,login,2026-01-14\n");
	const char *names[] = {"a.csv", "e.csv"};
	struct run r;
	run_begin(&r);
	r.in.lenient = true;
	CHECK_INT(run_files(&r, names, 2), 0);
	CHECK_INT(r.m.nacc, 2);
	CHECK_INT(r.m.skipped.count, 1);
	CHECK_CONTAINS(buf_cstr(&r.m.skipped.text), "a.csv:2: signed_at:");
	CHECK_INT(r.m.events_total, 2);
	CHECK_INT(model_find(&r.m, "A2", 2), 1);
	run_end(&r);
}

/* A 10 MB field, a million tiny rows' worth of commas, and random bytes
 * are read or refused, never a crash (run under ASan by make test-san). */
static void test_hostile(void)
{
	size_t big = 10u << 20;
	struct buf b = BUF_INIT;
	buf_puts(&b, "account_id,account_name,signed_at\nA1,\"");
	char *x = xmalloc(big);
	memset(x, 'x', big);
	x[big / 2] = '\n';
	buf_put(&b, x, big);
	buf_puts(&b, "\",2026-01-05\nA2,");
	buf_put(&b, x, big / 2);	/* unquoted, one line */
	buf_puts(&b, ",2026-01-05\n");
	put_bytes("a.csv", b.ptr, b.len);
	const char *names[] = {"a.csv"};
	struct run r;
	run_begin(&r);
	CHECK_INT(run_files(&r, names, 1), 0);
	CHECK_INT(r.m.nacc, 2);
	int32_t a1 = model_find(&r.m, "A1", 2);
	CHECK(a1 >= 0 && strlen(r.m.acc[a1].name) == big);
	run_end(&r);

	/* one row of a million delimiters */
	buf_reset(&b);
	buf_puts(&b, "account_id,signed_at\nA1");
	memset(x, ',', 1u << 20);
	buf_put(&b, x, 1u << 20);
	buf_putc(&b, 'x');	/* a value past the header, not padding */
	put_bytes("a.csv", b.ptr, b.len);
	run_begin(&r);
	CHECK_INT(run_files(&r, names, 1), -1);
	CHECK_CONTAINS(diag_text(&r.d),
		       "a.csv:2: too many fields (1048577, header has 2)");
	run_end(&r);

	/* pseudo-random bytes (a fixed LCG, so the test is repeatable) */
	uint64_t s = 42;
	for (int round = 0; round < 20; round++) {
		for (size_t i = 0; i < 50000; i++) {
			s = s * 6364136223846793005ull + 1442695040888963407ull;
			x[i] = (char)(s >> 56);
		}
		if (round % 2)
			memcpy(x, "account_id,signed_at\n", 21);
		put_bytes("a.csv", x, 50000);
		run_begin(&r);
		int rc = run_files(&r, names, 1);
		CHECK(rc == 0 || rc == -1);
		run_end(&r);
	}
	free(x);
	buf_release(&b);
}

/* Files are opened on a second thread while the accounts are read; the
 * messages must still come as if every file were opened first: the
 * empty b.csv's, then the accounts' row problem, then the events'. */
static void test_message_order(void)
{
	put_file("a.csv", "account_id,signed_at\nA1,2026-01-05\n"
			  "A2,2026-13-01\n");
	put_file("b.csv", "");
	put_file("c.csv", "account_id,event,timestamp\n"
			  "ZZ,login,2026-01-06\n");
	const char *names[] = {"a.csv", "b.csv", "c.csv"};
	struct run r;
	run_begin(&r);
	CHECK_INT(run_files(&r, names, 3), -1);
	const char *t = diag_text(&r.d);
	const char *empty = strstr(t, "b.csv:1: empty file");
	const char *date = strstr(t, "a.csv:3: signed_at: cannot parse "
				     "'2026-13-01' as a date");
	const char *unknown = strstr(t, "c.csv:2: ");
	CHECK(empty && date && unknown && empty < date && date < unknown);
	CHECK_INT(r.d.count, 3);
	run_end(&r);

	/* merged problems stop showing where added ones would, and are
	 * all counted */
	struct diag to, from;
	diag_init(&to);
	diag_init(&from);
	for (int i = 0; i < DIAG_MAX_LINES - 1; i++)
		diag_add(&to, NULL, 0, NULL, "p%d", i);
	diag_add(&from, "f.csv", 7, "tier", "last shown");
	diag_add(&from, "f.csv", 8, NULL, "counted only");
	diag_merge(&to, &from);
	CHECK_INT(to.shown, DIAG_MAX_LINES);
	CHECK_INT(to.count, DIAG_MAX_LINES + 1);
	CHECK_CONTAINS(buf_cstr(&to.text), "p998\nf.csv:7: tier: last shown\n");
	CHECK(!strstr(buf_cstr(&to.text), "counted only"));
	diag_release(&to);
	diag_release(&from);
}

/* A title above the header is skipped when a later record (at most the
 * sixth) names a kind of export and holds more values than every record
 * above it; otherwise the first record stays the header and says why it
 * is not one. */
static void test_title_rows(void)
{
	const char *names[] = {"a.csv"};
	struct run r;
	/* no delimiter in the title: the header line still decides ';' */
	put_file("a.csv", "Accounts export\n\naccount_id;signed_at\n"
			  "A1;2026-01-05\n");
	run_begin(&r);
	CHECK_INT(run_files(&r, names, 1), 0);
	CHECK_INT(r.m.nacc, 1);
	CHECK_INT(r.in.files[0].title_line, 1);
	CHECK_INT(r.in.files[0].title_end, 2);
	run_end(&r);

	/* the header as the sixth record is found, as the seventh not */
	for (int titles = 5; titles <= 6; titles++) {
		struct buf b = BUF_INIT;
		for (int i = 0; i < titles; i++)
			buf_addf(&b, "Title line %d,\n", i + 1);
		buf_puts(&b, "account_id,signed_at,tier\nA1,2026-01-05,x\n");
		put_bytes("a.csv", b.ptr, b.len);
		buf_release(&b);
		run_begin(&r);
		CHECK_INT(run_files(&r, names, 1), titles == 5 ? 0 : -1);
		CHECK_INT(r.m.nacc, titles == 5 ? 1 : 0);
		if (titles == 6)
			CHECK_CONTAINS(diag_text(&r.d),
				       "a.csv:1: cannot tell which export this "
				       "is from its header");
		run_end(&r);
	}

	/* a first line as wide as the later one is a header, not a title:
	 * the file is not taken for accounts by a data row below it */
	put_file("a.csv", "konto,datum\nsigned_at,x\n");
	run_begin(&r);
	CHECK_INT(run_files(&r, names, 1), -1);
	CHECK_CONTAINS(diag_text(&r.d), "a.csv:1: cannot tell which export");
	CHECK_INT(r.in.files[0].title_line, 0);
	run_end(&r);
}

int main(void)
{
	test_dir_make();
	test_four_files();
	test_physical_lines();
	test_delimiters();
	test_numbers();
	test_numbers_plain();
	test_id_table();
	test_unused_mapping();
	test_lenient();
	test_lenient_readd();
	test_hostile();
	test_message_order();
	test_title_rows();
	test_dir_remove();
	return test_done("test_ingest");
}

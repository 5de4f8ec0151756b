/* test_render.c - Markdown and HTML rendering: escaping of hostile data,
 * number formats, tables, sentences, sections, template errors.  Expected
 * texts are written by hand from render_fixture.h's figures. */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "charts.h"
#include "harness.h"
#include "render.h"
#include "render_fixture.h"
#include "render_md.h"

static struct stats S;

static void check_text(const char *in, const char *want)
{
	struct buf b = BUF_INIT;
	md_text(&b, in);
	CHECK_STR(buf_cstr(&b), want);
	buf_release(&b);
}

/* Renders template text (written to a temporary file) against S.
 * Returns rc; *out and *err hold the Markdown and the diagnostics. */
static int render_with(const char *tpl, struct buf *out, struct buf *err,
		       char *path, size_t pathn)
{
	snprintf(path, pathn, "/tmp/ttfv-test-render-%ld.md", (long)getpid());
	FILE *f = fopen(path, "w");
	fputs(tpl, f);
	fclose(f);
	struct render_opts o = {.out_dir = NULL, .template_name = path, .formats = RENDER_MD, .generated = "2026-11-23"};
	struct diag d;
	diag_init(&d);
	buf_reset(out);
	int rc = render_markdown(&S, NULL, &o, out, &d);
	buf_reset(err);
	buf_puts(err, buf_cstr(&d.text));
	diag_release(&d);
	unlink(path);
	return rc;
}

static void check_render(const char *tpl, const char *want)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	char path[64];
	CHECK_INT(render_with(tpl, &out, &err, path, sizeof path), 0);
	CHECK_STR(buf_cstr(&out), want);
	CHECK_STR(buf_cstr(&err), "");
	buf_release(&out);
	buf_release(&err);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void test_escaping(void)
{
	check_text("<script>alert(1)</script>",
		   "\\<script\\>alert(1)\\</script\\>");
	check_text("[x](javascript:y)", "\\[x\\](javascript:y)");
	check_text("| *x*", "\\| \\*x\\*");
	check_text("a_b`c\\d", "a\\_b\\`c\\\\d");
	check_text("&lt;b&gt;", "\\&lt;b\\&gt;");
	check_text("~~gone~~ $x$", "\\~\\~gone\\~\\~ \\$x\\$");
	/* Block markers at the start; a digit cannot take a backslash, so
	 * "1." has its dot escaped. */
	check_text("# title", "\\# title");
	check_text("- item", "\\- item");
	check_text("+1", "\\+1");
	check_text("=== ", "\\===");
	check_text("1. one", "1\\. one");
	check_text("12)", "12\\)");
	check_text("12.5", "12.5");
	check_text("high-touch", "high-touch");
	/* Line breaks and controls become spaces, ends are trimmed. */
	check_text("  two\nlines\r\tand\x01 ", "two lines  and");
	check_text("", "—");
	check_text(" \n", "—");
	check_text(NULL, "—");
	check_text("Café ünïcode", "Café ünïcode");

	/* A code block fence outlasts any backtick run inside. */
	struct buf b = BUF_INIT;
	md_code_block(&b, "ini", "a ```` b");
	CHECK_STR(buf_cstr(&b), "`````ini\na ```` b\n`````");
	buf_reset(&b);
	md_code_block(&b, NULL, "x\n");
	CHECK_STR(buf_cstr(&b), "```\nx\n```");
	buf_release(&b);
}

/* md_text's output through cmark-gfm with GitHub's autolink extension
 * (and tables, as in report.html): no data value becomes a link, and the
 * text reads as the value did (the word joiner before '@' is invisible). */
static void check_no_link(const char *value)
{
	struct buf md = BUF_INIT, want = BUF_INIT;
	buf_puts(&md, "| a |\n|---|\n| ");
	md_text(&md, value);
	buf_puts(&md, " |\n\n");
	md_text(&md, value);
	buf_putc(&md, '\n');
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p,
					     cmark_find_syntax_extension("autolink"));
	cmark_parser_attach_syntax_extension(p,
					     cmark_find_syntax_extension("table"));
	cmark_parser_feed(p, md.ptr, md.len);
	cmark_node *doc = cmark_parser_finish(p);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT,
				       cmark_parser_get_syntax_extensions(p));
	CHECK(strstr(html, "<a ") == NULL);
	/* the paragraph shows the value, word joiners aside */
	buf_puts(&want, "<p>");
	for (const char *c = value; *c; c++) {
		if (*c == '@')
			buf_puts(&want, "\xE2\x81\xA0");
		buf_putc(&want, *c);
	}
	buf_puts(&want, "</p>");
	CHECK_CONTAINS(html, buf_cstr(&want));
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	buf_release(&md);
	buf_release(&want);
}

static void test_autolinks(void)
{
	check_no_link("www.x.com");
	check_no_link("see WWW.Example.org/path now");
	check_no_link("http://x");
	check_no_link("HTTPS://x.y/z?q=1");
	check_no_link("ftp://files.example.com");
	check_no_link("a@b.co");
	check_no_link("mailto:a@b.co");
	check_no_link("xmpp:ops@chat.example.com/room");
	check_no_link("first.last+tag@sub.example.co.uk");
	check_no_link("(www.y.z)");
	check_text("www.x.com", "www\\.x.com");
	check_text("http://x", "http\\://x");
	check_text("a@b.co", "a\xE2\x81\xA0@b.co");
	/* the same characters elsewhere are left alone */
	check_text("12:30 wwwx.y", "12:30 wwwx.y");
}

static void test_numbers(void)
{
	struct buf b = BUF_INIT;
#define FMT(call, want)                                                      \
	do {                                                                 \
		buf_reset(&b);                                               \
		call;                                                        \
		CHECK_STR(buf_cstr(&b), want);                               \
	} while (0)
	FMT(md_days(&b, NAN), "n/a");
	FMT(md_days(&b, 5.25), "5.3");	/* printf alone gives 5.2 */
	FMT(md_days(&b, 12.0), "12.0");
	FMT(md_days(&b, -0.04), "0.0");
	FMT(md_days(&b, 0.0), "0.0");
	FMT(md_share(&b, 2.0 / 3), "66.7%");
	FMT(md_share(&b, 1.0), "100.0%");
	FMT(md_share(&b, 0.0), "0.0%");
	FMT(md_share(&b, NAN), "n/a");
	FMT(md_interval(&b, 5.12, 8.0), "5.1–8.0");
	FMT(md_interval(&b, 4.7, NAN), "4.7–n/a");
	FMT(md_share_interval(&b, 0.35380, 0.84834), "35.4–84.8%");
	FMT(md_share_interval(&b, 0.0, 1.0), "0.0–100.0%");
	FMT(md_small_n(&b, 11), " (n = 11)");
	FMT(md_small_n(&b, 29), " (n = 29)");
	FMT(md_small_n(&b, 30), "");
	FMT(md_number(&b, 41.0), "41");
	FMT(md_number(&b, 12.34), "12.3");
	FMT(md_number(&b, NAN), "n/a");
	FMT(md_days_words(&b, 1.0, DAYS_CALENDAR), "1 day");
	FMT(md_days_words(&b, 12.0, DAYS_CALENDAR), "12 days");
	FMT(md_days_words(&b, 12.34, DAYS_CALENDAR), "12.3 days");
	FMT(md_days_words(&b, 11.96, DAYS_CALENDAR), "12 days");
	FMT(md_days_words(&b, 1.0, DAYS_BUSINESS), "1 business day");
	FMT(md_days_words(&b, NAN, DAYS_BUSINESS), "n/a");
	FMT(md_date(&b, TTFV_NO_TIME), "n/a");
	FMT(md_date(&b, FIX_T(2026, 10, 20) + 3600), "2026-10-20");
#undef FMT
	buf_release(&b);
}

/* The onboarding table: hostile names stay literal (the approver too),
 * the on-track account is left out, NAN is n/a, blank CSM is a dash; the
 * approver is shown for the human route only.  A3's 2.25 days stalled
 * round half away from zero to 2.3 in its cell and in its alert alike
 * (printf's %.1f would write 2.2: 2.25 is exact in binary, a tie). */
static const char onboarding_md[] =
	"| Status | Account | Name | Tier | CSM | Days stalled | P(on time) | Route, next check | Alert |\n"
	"| --- | --- | --- | --- | --- | ---: | ---: | --- | --- |\n"
	"| **breached** | A1 | \\<script\\>alert(1)\\</script\\> | high-touch | Dana | 6.0 | 0.0% | human 2026-11-01, \\<i\\>M. Jensen\\</i\\> \\| x | \\<script\\>alert(1)\\</script\\> has been on setup for 6.0 business days since kickoff: Run the import call. |\n"
	"| at risk | A2 | \\[x\\](javascript:y) | \\<b\\>tech\\</b\\> | — | 9.5 | n/a | monitor 2026-11-03 | \\[x\\](javascript:y) has been on kickoff for 9.5 days since the clock started: Book the kickoff call. |\n"
	"| at risk | A3 | \\| \\*x\\* | \\<b\\>tech\\</b\\> | Lee | 2.3 | 35.0% | automated 2026-11-03 | \\| \\*x\\* has been on setup for 2.3 days since kickoff: Run the import call. |\n";

/* The backtest table: one row per bin, ranges as written. */
static const char calibration_md[] =
	"| Predicted | Mean predicted | Made the SLA | Accounts |\n"
	"| --- | ---: | ---: | ---: |\n"
	"| 0-10% | 4.0% | 0.0% (n = 3) | 3 |\n"
	"| 70-80% | 75.0% | 50.0% (n = 2) | 2 |\n";

static void test_tables(void)
{
	check_render("{{table onboarding}}\n", onboarding_md);
	check_render("{{table risk_calibration}}\n", calibration_md);
	check_render(
		"{{table targets}}\n",
		"| Metric | Value | Target | Warning threshold | Status |\n"
		"| --- | ---: | ---: | ---: | --- |\n"
		"| Median TTFV (days) | 5.3 | ≤ 5.0 | > 8.0 | *warning* |\n"
		"| First-value rate within 7 days | 66.7% | ≥ 70.0% | < 55.0% | *warning* |\n"
		"| Manual-assist share | n/a | ≤ 25.0% | > 40.0% | n/a |\n"
		"| First-value records with owner, proof and approver | 50.0% | ≥ 100.0% | < 95.0% | **missed** |\n"
		"| Week-2 retention | 80.0% | ≥ 85.0% (default) | < 75.0% | *warning* |\n");
	check_render(
		"{{table tiers}}\n",
		"| Tier | Accounts | Reached | KM median (days, 95% CI) | p75 of reached (days) | SLA (days) | SLA attainment (95% CI) | On track | At risk | Breached |\n"
		"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
		"| high-touch | 3 | 2 | 6.0 (1.5–n/a) (n = 3) | 11.8 (n = 2) | 41 business (auto) | 75.0% (30.1–95.4%) (n = 4) | 0 | 0 | 1 |\n"
		"| \\<b\\>tech\\</b\\> | 2 | 1 | 6.0 (1.5–n/a) (n = 2) | 11.8 (n = 1) | n/a (auto) | n/a | 1 | 2 | 0 |\n");
	/* Cohort 2026-09's curve stops at day 3: by day 7 is n/a, not 0. */
	check_render(
		"{{table cohorts}}\n",
		"| Cohort | Accounts | Reached | KM median (days, 95% CI) | Median of reached only (days) | Reached by day 7 | Reached by day 30 |\n"
		"| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
		"| 2026-08 | 3 | 2 | 6.0 (1.5–n/a) (n = 3) | 4.0 (n = 2) | 60.0% (n = 3) | n/a |\n"
		"| 2026-09 (in progress) | 2 | 1 | 6.0 (1.5–n/a) (n = 2) | 5.0 (n = 1) | n/a | n/a |\n");
	check_render(
		"{{table trend}}\n",
		"| Cohort | Accounts | Reached | KM median (days, 95% CI) | Median of reached only (days) |\n"
		"| --- | ---: | ---: | ---: | ---: |\n"
		"| 2026-08 | 3 | 2 | 5.0 (4.0–n/a) (n = 3) | 4.0 (n = 2) |\n"
		"| 2026-09 (in progress) | 2 | 1 | 7.3 (3.5–9.0) (n = 2) | 7.3 (n = 1) |\n");
	check_render(
		"{{table funnel}}\n",
		"| Step | Reached | Reached next | Conversion | Drop-off | Median days to next |\n"
		"| --- | ---: | ---: | ---: | ---: | ---: |\n"
		"| kickoff | 5 | 4 | 80.0% (n = 5) | 20.0% (n = 5) | 1.5 (n = 4) |\n"
		"| **setup** | 4 | 3 | 75.0% (n = 4) | 25.0% (n = 4) | 3.0 (n = 3) |\n"
		"| first\\_value | 3 | 3 | 100.0% (n = 3) | 0.0% (n = 3) | n/a |\n");
	check_render(
		"{{table bands}}\n",
		"| TTFV band (days) | Accounts | Renewed | Renewal rate (95% CI) |\n"
		"| --- | ---: | ---: | ---: |\n"
		"| 0-30 | 2 | 2 | 100.0% (34.2–100.0%) (n = 2) |\n"
		"| 31-60 | 0 | 0 | n/a |\n"
		"| \\>60 | 1 | 0 | 0.0% (0.0–79.3%) (n = 1) |\n"
		"| not reached | 0 | 0 | n/a |\n");
	check_render(
		"{{table postmortems}}\n",
		"| Root cause | Post-mortems | Share of post-mortems | Owner |\n"
		"| --- | ---: | ---: | --- |\n"
		"| Data migration | 2 | 66.7% (n = 3) | CS Ops \\& Implementation |\n"
		"| Product | 1 | 33.3% (n = 3) | Product |\n"
		"| Configuration | 0 | 0.0% (n = 3) | CS Ops \\& Implementation |\n"
		"| Customer readiness | 0 | 0.0% (n = 3) | Mutual success plan |\n");
	check_render(
		"{{table postmortems_missing}}\n",
		"| Account | Name | Tier | Breached on | Business days since | First value |\n"
		"| --- | --- | --- | ---: | ---: | --- |\n"
		"| A1 | \\<script\\>alert(1)\\</script\\> | high-touch | 2026-10-20 | 8.0 | not yet |\n");
}

static void test_sentences(void)
{
	check_render("{{retention_gap}}",
		     "Accounts that reached first value in 0-30 days renewed "
		     "at 100.0% (95% CI 34.2–100.0%) (n = 2), against 0.0% "
		     "(95% CI 0.0–79.3%) (n = 1) for those that took \\>60 "
		     "days: a difference of 100 percentage points that is not "
		     "conclusive (p = 0.083).");
	struct band_gap gap = S.gap;
	S.gap.to = &S.bands[3];
	S.gap.to_never = true;
	S.gap.p_value = 0.0004;
	S.gap.significant = true;
	check_render("{{retention_gap}}",
		     "Accounts that reached first value in 0-30 days renewed "
		     "at 100.0% (95% CI 34.2–100.0%) (n = 2), against n/a "
		     "(95% CI n/a–n/a) (n = 0) for those that never reached "
		     "first value: a gap of 100 percentage points (p < "
		     "0.001).");
	S.gap.from = NULL;
	check_render("{{retention_gap}}",
		     "No TTFV band after the first has 30 renewed or churned "
		     "accounts, so renewal is not compared by time to first "
		     "value.");
	S.gap = gap;
	check_render("{{highest_leverage_fix}}",
		     "Data migration was the root cause in 66.7% of the 3 "
		     "post-mortems (2) (n = 3): the highest-leverage fix is to "
		     "invest in pre-migration data assessment and more "
		     "flexible import tooling (owner: CS Ops \\& "
		     "Implementation).");
	check_render("{{funnel.worst}}",
		     "The largest drop-off is after **setup**: 25.0% of the 4 "
		     "accounts that completed it have not completed the next "
		     "step.");
	check_render("{{ttfv_trend}}",
		     "There are not yet two complete cohorts, so no trend can "
		     "be tested.");
	/* The sentence says what the test says, with both medians and
	 * their intervals; under 30 accounts on a side it calls nothing. */
	struct trend saved = S.trend;
	struct trend_point pts[4] = {
		{.cohort = "2026-06", .complete = true},
		{.cohort = "2026-07", .complete = true},
		{.cohort = "2026-08", .complete = true},
		{.cohort = "2026-09", .complete = false},
	};
	S.trend = (struct trend){pts, 4, {
		.cohort = 2, .baseline = {0, 1}, .nbaseline = 2,
		.accounts = 40, .baseline_accounts = 80, .km_p50 = 7.0,
		.km_p50_lower = 6.1, .km_p50_upper = 8.0,
		.baseline_km_p50 = 5.5, .baseline_km_p50_lower = 5.0,
		.baseline_km_p50_upper = 6.25, .chisq = 9.1,
		.p_value = 0.00256, .direction = "slower"}};
	check_render("{{ttfv_trend}}",
		     "The latest complete cohort, 2026-08, has a Kaplan–Meier "
		     "median TTFV of 7 days (95% CI 6.1–8.0), against 5.5 days "
		     "(95% CI 5.0–6.3) for 2026-06 to 2026-07 pooled: "
		     "onboarding got slower (log-rank p = 0.003). The 2026-09 "
		     "cohort is still in progress and is not compared.");
	S.trend.test.direction = "no significant change";
	S.trend.test.p_value = 0.27;
	check_render("{{ttfv_trend}}",
		     "The latest complete cohort, 2026-08, has a Kaplan–Meier "
		     "median TTFV of 7 days (95% CI 6.1–8.0), against 5.5 days "
		     "(95% CI 5.0–6.3) for 2026-06 to 2026-07 pooled: no "
		     "significant change (log-rank p = 0.270). The 2026-09 "
		     "cohort is still in progress and is not compared.");
	S.trend.test.accounts = 12;
	check_render("{{ttfv_trend}}",
		     "The latest complete cohort, 2026-08, has a Kaplan–Meier "
		     "median TTFV of 7 days (95% CI 6.1–8.0) (n = 12), against "
		     "5.5 days (95% CI 5.0–6.3) for 2026-06 to 2026-07 pooled. "
		     "With fewer than 30 accounts on one side, no direction is "
		     "called (log-rank p = 0.270). The 2026-09 cohort is still "
		     "in progress and is not compared.");
	S.trend = saved;
	check_render("{{onboarding.summary}}",
		     "4 accounts still onboarding: 1 on track, 2 at risk, 1 "
		     "past the SLA.");
	check_render("{{overall.p50}} {{overall.km_p75}} {{accounts.total}} "
		     "{{accounts.reached_share}} {{as_of}} {{generated}}",
		     "5.3 n/a 5 60.0% 2026-10-31 2026-11-23");

	/* The QBR sentence in each state a customer is told, from figures
	 * chosen here: reached within the SLA, after it, still onboarding
	 * inside it and past it. */
	int64_t steps[3] = {FIX_T(2026, 9, 2), FIX_T(2026, 9, 8),
			    FIX_T(2026, 9, 13) + 12 * 3600 * TU_SECOND};
	double days[3] = {1.0, 7.0, 12.5}, med[3] = {2.0, 9.0, 18.0};
	static const uint32_t path[3] = {0, 1, 2};
	struct account_summary a = {
		.path = path, .npath = 3,
		.account = 0, .account_id = "A9", .name = "", .tier = "high-touch",
		.clock_start = FIX_T(2026, 9, 1), .step_at = steps,
		.step_days = days, .tier_step_median = med,
		.state = ACCOUNT_REACHED_IN_SLA,
		.reached = true, .ttfv = 12.5, .elapsed_days = NAN,
		.tier_sla = 41, .tier_median = 18.0, .sla_days = 41,
		.deadline = FIX_T(2026, 10, 12), .next_step = -1,
		.next_target = TTFV_NO_TIME,
		.days = DAYS_CALENDAR, .first_value_at = steps[2]};
	check_render("{{account.sentence}}", "n/a");	/* no --account */
	S.account = &a;
	check_render("{{account.sentence}}",
		     "You reached first value on 2026-09-13, 12.5 days after the "
		     "clock started: within your SLA of 41 days. Customers in "
		     "your tier reach first value in 18 days (the median).");
	check_render("{{account.name}}|{{account.status}}|{{account.state}}|"
		     "{{account.deadline}}",
		     "A9|reached within the SLA|Reached first value within the "
		     "SLA|2026-10-11");
	/* Timeline: the step labels, days in the tier's kind and the tier's
	 * median day for each step. */
	check_render(
		"{{table timeline}}\n",
		     "| Step | Date | Days since start | Your tier's median day |\n"
		     "| --- | ---: | ---: | ---: |\n"
		     "| Clock start | 2026-09-01 | 0.0 |  |\n"
		     "| Kickoff | 2026-09-02 | 1.0 | 2.0 |\n"
		     "| Set-up call | 2026-09-08 | 7.0 | 9.0 |\n"
		     "| First value | 2026-09-13 | 12.5 | 18.0 |\n");
	a.state = ACCOUNT_REACHED_LATE;
	a.sla_days = 10;
	check_render("{{account.sentence}}",
		     "You reached first value on 2026-09-13, 12.5 days after the "
		     "clock started, after your SLA of 10 days. Customers in "
		     "your tier reach first value in 18 days (the median).");
	/* still onboarding: the next step and its target date, never a
	 * count of days late */
	a.reached = false;
	a.ttfv = NAN;
	a.first_value_at = TTFV_NO_TIME;
	steps[1] = steps[2] = TTFV_NO_TIME;
	days[1] = days[2] = NAN;
	a.elapsed_days = 9.46;
	a.sla_days = 14;
	a.days = DAYS_BUSINESS;
	a.status = STATUS_AT_RISK;
	a.state = ACCOUNT_ON_TRACK;
	a.next_step = 1;
	a.next_target = FIX_T(2026, 9, 15);
	a.deadline = FIX_T(2026, 9, 19);
	check_render("{{account.sentence}} {{account.next_step}} "
		     "{{account.next_target}}",
		     "Onboarding is under way and within your SLA: first value "
		     "is due by 2026-09-18 (14 business days). Your next step "
		     "is Set-up call, with a target date of 2026-09-15. "
		     "Customers in your tier reach first value in 18 business "
		     "days (the median). Set-up call 2026-09-15");
	check_render("{{table timeline}}\n",
		     "| Step | Date | Days since start | Your tier's median day |\n"
		     "| --- | ---: | ---: | ---: |\n"
		     "| Clock start | 2026-09-01 | 0.0 |  |\n"
		     "| Kickoff | 2026-09-02 | 1.0 | 2.0 |\n"
		     "| Set-up call | next step, target 2026-09-15 | — | 9.0 |\n"
		     "| First value | not yet | — | 18.0 |\n");
	a.state = ACCOUNT_LATE;
	a.next_target = TTFV_NO_TIME;
	check_render("{{account.sentence}}",
		     "First value was due by 2026-09-18 (your SLA of 14 "
		     "business days) and is still ahead. Your next step is "
		     "Set-up call. Customers in your tier reach first value in "
		     "18 business days (the median).");
	a.state = ACCOUNT_NOT_STARTED;
	check_render("{{account.sentence}}",
		     "Your onboarding clock has not started yet.");
	S.account = NULL;
}

static void test_sections_and_errors(void)
{
	const char *tpl = "# R\n{{#if postmortems}}\nPM {{postmortems.total}}\n"
			  "{{else}}\nnone\n{{/if}}\nend\n";
	check_render(tpl, "# R\nPM 3\nend\n");
	S.pm_total = 0;
	check_render(tpl, "# R\nnone\nend\n");
	S.pm_total = 3;
	check_render("{{#if account}}A{{else}}no account{{/if}}", "no account");

	struct buf out = BUF_INIT, err = BUF_INIT;
	char path[64], want[160];
	CHECK_INT(render_with("# T\n\nMedian {{overall.p51}}\n{{table nope}}\n",
			      &out, &err, path, sizeof path),
		  -1);
	snprintf(want, sizeof want, "%s:3: unknown placeholder '{{overall.p51}}'", path);
	CHECK_CONTAINS(buf_cstr(&err), want);
	snprintf(want, sizeof want, "%s:4: unknown placeholder '{{table nope}}'", path);
	CHECK_CONTAINS(buf_cstr(&err), want);

	struct render_opts o = {.out_dir = NULL, .template_name = "no-such-template", .formats = RENDER_MD, .generated = "2026-11-23"};
	struct diag d;
	diag_init(&d);
	CHECK_INT(render_markdown(&S, NULL, &o, &out, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "template 'no-such-template' is not a built-in template");
	diag_release(&d);
	buf_release(&out);
	buf_release(&err);
}

/* The same hostile names through cmark-gfm: literal text, no markup, and
 * the pipe did not split its cell. */
static void test_html_escaping(void)
{
	struct render_opts o = {.out_dir = NULL, .template_name = NULL, .formats = RENDER_HTML, .generated = "2026-11-23"};
	struct buf html = BUF_INIT;
	struct diag d;
	diag_init(&d);
	CHECK_INT(render_html(&S, NULL, &o, onboarding_md, &html, &d), 0);
	const char *h = buf_cstr(&html);
	CHECK_CONTAINS(h, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
	CHECK_CONTAINS(h, "<td>[x](javascript:y)</td>");
	CHECK_CONTAINS(h, "<td>| *x*</td>");
	CHECK_CONTAINS(h, "<td>&lt;b&gt;tech&lt;/b&gt;</td>");
	CHECK_INT(count(h, "<script"), 0);
	CHECK_INT(count(h, "href"), 0);
	CHECK_INT(count(h, "<em>"), 0);
	CHECK_INT(count(h, "<td"), 27);	/* 3 rows of 9 cells */
	CHECK_CONTAINS(h, "human 2026-11-01, &lt;i&gt;M. Jensen&lt;/i&gt; | x</td>");
	CHECK_INT(count(h, "<i>"), 0);
	/* The shell: title, both dates, embedded CSS with print rules. */
	CHECK_CONTAINS(h, "<title>Onboarding review &middot; data as of 2026-10-31</title>");
	CHECK_CONTAINS(h, "generated 2026-11-23 by ttfv");
	CHECK_CONTAINS(h, "@media print");
	CHECK_CONTAINS(h, "<meta name=\"viewport\"");

	/* Raw HTML in a template is dropped (no CMARK_OPT_UNSAFE), and a
	 * hostile title is escaped in the shell. */
	buf_reset(&html);
	S.title = "<img src=x onerror=alert(1)>";
	CHECK_INT(render_html(&S, NULL, &o, "<script>alert(2)</script>\n\n[a](javascript:alert(3))\n", &html, &d), 0);
	h = buf_cstr(&html);
	CHECK_INT(count(h, "<script"), 0);
	CHECK_INT(count(h, "<img"), 0);
	CHECK_INT(count(h, "javascript:"), 0);
	CHECK_CONTAINS(h, "&lt;img src=x onerror=alert(1)&gt;");
	S.title = "Onboarding review";

	/* Status colours: only the column headed Status; the words keep
	 * their emphasis inside the span; a control byte a template brings
	 * is dropped, not taken for a mark. */
	buf_reset(&html);
	CHECK_INT(render_html(&S, NULL, &o,
			      "| Metric | Status |\n| --- | --- |\n"
			      "| missed | met |\n| at risk | **missed** |\n"
			      "| y | *warning* |\n| z | \x01" "A\x02n/a\x03 |\n",
			      &html, &d), 0);
	h = buf_cstr(&html);
	CHECK_CONTAINS(h, "<td>missed</td>");
	CHECK_CONTAINS(h, "<td>at risk</td>");
	CHECK_CONTAINS(h, "<td><span class=\"status status-met\">met</span></td>");
	CHECK_CONTAINS(h, "<td><span class=\"status status-missed\"><strong>missed</strong></span></td>");
	CHECK_CONTAINS(h, "<td><span class=\"status status-warning\"><em>warning</em></span></td>");
	CHECK_CONTAINS(h, "<td>An/a</td>");
	CHECK_INT(count(h, "\x01"), 0);
	CHECK_INT(count(h, "<span"), 3);
	buf_reset(&html);
	CHECK_INT(render_html(&S, NULL, &o, onboarding_md, &html, &d), 0);
	CHECK_CONTAINS(buf_cstr(&html), "<span class=\"status status-missed\"><strong>breached</strong></span>");
	CHECK_CONTAINS(buf_cstr(&html), "<span class=\"status status-warning\">at risk</span>");
	CHECK_INT(d.count, 0);
	diag_release(&d);
	buf_release(&html);
}

/* Every name templates/README.md documents resolves: a template made of
 * all of them renders (with an account, so none is n/a by absence).  The
 * section a name is listed under says what kind it is. */
static void test_documented_names(void)
{
	FILE *f = fopen("templates/README.md", "r");
	CHECK(f != NULL);
	if (!f)
		return;
	struct buf tpl = BUF_INIT;
	char line[1024];
	const char *open = NULL, *close = "}}";
	int names = 0;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "## ", 3) == 0) {
			open = strstr(line, "Figures") ? "{{" :
			       strstr(line, "Tables") ? "{{table " :
			       strstr(line, "Charts") ? "{{chart " :
			       strstr(line, "Conditions") ? "{{#if " : NULL;
			close = open && strcmp(open, "{{#if ") == 0 ?
					"}}x{{/if}}" : "}}";
			continue;
		}
		for (char *p = line; open && (p = strchr(p, '`'));) {
			char *e = strchr(p + 1, '`');
			if (!e)
				break;
			size_t n = (size_t)(e - p - 1);
			if (n && p[1] >= 'a' && p[1] <= 'z' &&
			    strspn(p + 1, "abcdefghijklmnopqrstuvwxyz0123456789_.-") == n) {
				buf_addf(&tpl, "%s%.*s%s\n", open, (int)n, p + 1,
					 close);
				names++;
			}
			p = e + 1;
		}
	}
	fclose(f);
	CHECK(names > 60);
	int64_t steps[3] = {TTFV_NO_TIME, TTFV_NO_TIME, TTFV_NO_TIME};
	double none[3] = {NAN, NAN, NAN};
	static const uint32_t steps_path[3] = {0, 1, 2};
	struct account_pm pm = {"Data migration", "Ops", TTFV_NO_TIME,
				TTFV_NO_TIME};
	struct account_summary a = {
		.path = steps_path, .npath = 3,
		.account_id = "A9", .name = "N", .tier = "t", .step_at = steps,
		.step_days = none, .tier_step_median = none, .csm = "C",
		.state = ACCOUNT_ON_TRACK, .next_step = 0,
		.next_target = TTFV_NO_TIME, .deadline = TTFV_NO_TIME,
		.pms = &pm, .npms = 1,
		.clock_start = FIX_T(2026, 9, 1), .ttfv = NAN, .elapsed_days = 3,
		.tier_sla = 14, .tier_median = 5, .sla_days = 14,
		.first_value_at = TTFV_NO_TIME, .current_step = "kickoff"};
	S.account = &a;
	struct buf out = BUF_INIT, err = BUF_INIT;
	char path[64];
	CHECK_INT(render_with(buf_cstr(&tpl), &out, &err, path, sizeof path), 0);
	CHECK_STR(buf_cstr(&err), "");
	S.account = NULL;
	buf_release(&tpl);
	buf_release(&out);
	buf_release(&err);
}

/* A stats with nothing in it (no tiers, cohorts, steps, outcomes,
 * post-mortems, title): every built-in template still renders, to HTML
 * too, with n/a where figures are missing. */
/* The weekly review: the week before and the change (5.25 - 5.0 = 0.25
 * shows as +0.3, rounded as 5.25 shows as 5.3; 0.80 - 0.75 as +5.0
 * points), intervals where there are any, the small-n mark under 30, the
 * default target labelled; each CSM's table, hostile names literal, ARR
 * with thousands separators and "—" when blank; the playbooks of the
 * steps shown, once each. */
static void test_weekly_tables(void)
{
	check_render(
		"{{table weekly_targets}}\n",
		"| Metric | This week | Accounts | Week before | Change | Target | Warning | Status |\n"
		"| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n"
		"| Median TTFV (days) | 5.3 (4.1–n/a) (n = 12) | 12 | 5.0 | +0.3 | ≤ 5.0 | > 8.0 | *warning* |\n"
		"| First-value rate within 7 days | 66.7% | 40 | n/a | n/a | ≥ 70.0% | < 55.0% | *warning* |\n"
		"| Manual-assist share | n/a | 40 | n/a | n/a | ≤ 25.0% | > 40.0% | n/a |\n"
		"| First-value records with owner, proof and approver | 50.0% | 40 | n/a | n/a | ≥ 100.0% | < 95.0% | **missed** |\n"
		"| Week-2 retention | 80.0% (65.0–90.0%) | 40 | 75.0% | +5.0 pts | ≥ 85.0% (default) | < 75.0% | *warning* |\n");
	check_render(
		"{{table actions}}\n",
		"| Dana (1) | ARR | Deadline | Projected | P(on time) | Route | Stuck on |\n"
		"| --- | ---: | ---: | ---: | ---: | --- | --- |\n"
		"| \\<script\\>alert(1)\\</script\\>: **breached** | 12,500 | 2026-10-19 | n/a | 0.0% | human 2026-11-01, \\<i\\>M. Jensen\\</i\\> \\| x | setup, 6.0 business days |\n\n"
		"| No CSM named (1) | ARR | Deadline | Projected | P(on time) | Route | Stuck on |\n"
		"| --- | ---: | ---: | ---: | ---: | --- | --- |\n"
		"| \\[x\\](javascript:y): at risk | — | n/a | n/a | n/a | monitor 2026-11-03 | kickoff, 9.5 days |\n\n"
		"| Stuck on | Playbook |\n"
		"| --- | --- |\n"
		"| kickoff | Book the kickoff call. |\n"
		"| setup | Run the import call. |\n");
	check_render(
		"{{table weekly_changes}}\n",
		"| Since last week | Accounts | Account ids |\n"
		"| --- | ---: | --- |\n"
		"| Newly breached the SLA | 2 | \\<b\\>A9\\</b\\>, A2 |\n"
		"| Newly at risk | 0 | — |\n"
		"| Newly stalled (past a step's max days) | 0 | — |\n"
		"| Reached first value | 0 | — |\n"
		"| New accounts (clock started) | 0 | — |\n");
	check_render(
		"{{table old_breaches}}\n",
		"| Account | Name | Tier | CSM | ARR | Due | Day |\n"
		"| --- | --- | --- | --- | ---: | ---: | ---: |\n"
		"| A3 | \\| \\*x\\* | \\<b\\>tech\\</b\\> | Lee | 1,234,567 | n/a | 3.0 |\n");
	/* a long list: its first MD_IDS_CAP ids, then how many more and
	 * where; a CSM with more accounts than MD_GROUP_CAP (2) ends with
	 * the count of the rest */
	static const char *many[] = {"a1", "a2", "a3", "a4", "a5", "a6",
				     "a7"};
	struct id_list keep = S.weekly.changes.reached;
	S.weekly.changes.reached = (struct id_list){many, 7};
	struct buf out = BUF_INIT;
	md_table(&S, "weekly_changes", &out);
	CHECK_CONTAINS(buf_cstr(&out),
		       "| Reached first value | 7 | a1, a2, a3, a4, a5, … 2 "
		       "more (report.json weekly.changes.reached) |");
	S.weekly.changes.reached = keep;
	static uint32_t four[] = {0, 1, 2, 0};
	struct action_group g4 = {"Dana", 0, 4};
	struct weekly wk = S.weekly;
	S.weekly.action = four;
	S.weekly.naction = 4;
	S.weekly.groups = &g4;
	S.weekly.ngroups = 1;
	buf_reset(&out);
	md_table(&S, "actions", &out);
	CHECK_CONTAINS(buf_cstr(&out), "| Dana (4) |");
	CHECK_CONTAINS(buf_cstr(&out),
		       "| *2 more in report.json (weekly.actions)* | | | | | | |");
	CHECK(strstr(buf_cstr(&out), "Quiet Co") == NULL);
	S.weekly = wk;
	buf_release(&out);
	check_render("{{weekly.from}} to {{weekly.to}}: {{weekly.actions}}, "
		     "{{weekly.old_breaches}} old",
		     "2026-10-25 to 2026-10-31: 2, 1 old");
}

static void test_empty_stats(void)
{
	static struct stats e;
	memset(&e, 0, sizeof e);
	e.funnel_worst = -1;
	for (int k = 0; k < STATS_NPCT; k++)
		e.overall.p[k] = e.overall.km[k] = NAN;
	for (int i = 0; i < TARGET_COUNT; i++)
		e.targets[i].value = NAN;
	static const char *const names[] = {"leadership", "cohort-qa", "qbr"};
	for (int i = 0; i < 3; i++) {
		struct render_opts o = {.out_dir = NULL, .template_name = names[i], .formats = RENDER_MD, .generated = "2026-11-23"};
		struct buf md = BUF_INIT, html = BUF_INIT;
		struct diag d;
		diag_init(&d);
		CHECK_INT(render_markdown(&e, NULL, &o, &md, &d), 0);
		CHECK_INT(render_html(&e, NULL, &o, buf_cstr(&md), &html, &d), 0);
		CHECK_STR(buf_cstr(&d.text), "");
		if (i == 0)
			CHECK_CONTAINS(buf_cstr(&md), "The median time to first value is n/a days");
		buf_release(&md);
		buf_release(&html);
		diag_release(&d);
	}
}

int main(void)
{
	fix_fill(&S);
	test_escaping();
	test_autolinks();
	test_numbers();
	test_tables();
	test_weekly_tables();
	test_sentences();
	test_sections_and_errors();
	test_html_escaping();
	test_documented_names();
	test_empty_stats();
	chart_release_static();
	return test_done("test_render");
}

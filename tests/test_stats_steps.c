/* test_stats_steps.c - configured and inferred steps, the funnel, the
 * onboarding alerts and order, breakdowns and cohort labels, targets and
 * weekly-active-user flags; every figure worked out in the comments. */
#include "harness.h"
#include "render_md.h"
#include "stats.h"
#include "timeutil.h"

#include <stdlib.h>

static int64_t at(int64_t y, unsigned m, unsigned d, unsigned h)
{
	return tu_days_from_civil(y, m, d) * TU_DAY + (int64_t)h * 3600 * TU_SECOND;
}

static int32_t account(struct model *m, const char *id, const char *name,
		       int64_t signed_at)
{
	int32_t a = model_add_account(m, id, strlen(id), NULL);
	m->acc[a].name = name;
	m->acc[a].ms[MS_SIGNED] = signed_at;
	model_see_time(m, signed_at);
	return a;
}

static void attr(struct model *m, int32_t a, enum attr at, const char *v)
{
	m->acc[a].attr[at] = strtab_intern(&m->attrs[at], &m->arena, v,
					   strlen(v));
}

static void step(struct step_conf *s, const char *name, const char *column,
		 const char *event, const char *playbook)
{
	s->name = xstrdup(name);
	s->column = column ? xstrdup(column) : NULL;
	s->event = event ? xstrdup(event) : NULL;
	s->playbook = playbook ? xstrdup(playbook) : NULL;
	s->max_days = NAN;
}

static void event(struct model *m, int32_t a, const char *name, int64_t t,
		  uint64_t user)
{
	int ev = model_event_id(m, name, strlen(name), true);
	model_add_event(m, a, ev, t, user);
}

/* tech-touch, SLA 14 calendar days from signing, as of the end of 03-31;
 * steps kickoff (column), import_data (event data_imported), first_report
 * (event report_shared, the first value):
 *        signed  kickoff  imported  report   TTFV
 *   C1   03-01   03-02    03-05     03-08    7
 *   C2   03-01   03-03    03-07     03-12    11
 *   C3   03-10   03-12    03-16     03-20    10
 *   Acme 03-22 12:00, kickoff 03-26, nothing since: day 9.5
 *   Beta 03-29, nothing: day 3
 *   Gamma 03-01, kickoff 03-02, imported 03-04, no report: day 31 */
static void build_configured(struct model *m, struct config *c)
{
	model_init(m);
	config_init(c);
	c->clock.as_of = at(2026, 4, 1, 0);
	c->first_value_event = xstrdup("report_shared");
	c->tiers = xcalloc(1, sizeof(*c->tiers));
	c->ntiers = 1;
	c->tiers[0].name = xstrdup("tech-touch");
	c->tiers[0].clock_start = xstrdup("signed_at");
	c->tiers[0].sla_days = 14;
	c->tiers[0].days = DAYS_CALENDAR;
	c->steps = xcalloc(3, sizeof(*c->steps));
	c->nsteps = 3;
	step(&c->steps[0], "kickoff", "kickoff_at", NULL,
	     "Book the kickoff call and name the customer's exec sponsor.");
	step(&c->steps[1], "import_data", NULL, "data_imported",
	     "Run a 30-minute data-format troubleshooting call.");
	step(&c->steps[2], "first_report", NULL, "report_shared",
	     "Walk the champion through sharing the first report.");
	c->steps[1].max_days = 5;
	int32_t c1 = account(m, "C1", "", at(2026, 3, 1, 0));
	int32_t c2 = account(m, "C2", "", at(2026, 3, 1, 0));
	int32_t c3 = account(m, "C3", "", at(2026, 3, 10, 0));
	int32_t acme = account(m, "C4", "Acme Corp", at(2026, 3, 22, 12));
	account(m, "C5", "Beta", at(2026, 3, 29, 0));
	int32_t gamma = account(m, "C6", "Gamma", at(2026, 3, 1, 0));
	for (int32_t a = 0; a < 6; a++)
		attr(m, a, ATTR_TIER, "tech-touch");
	const unsigned kick[] = {2, 3, 12, 26, 0, 2};
	for (int32_t a = 0; a < 6; a++)
		if (kick[a])
			m->acc[a].ms[MS_KICKOFF] = at(2026, 3, kick[a], 0);
	event(m, c1, "data_imported", at(2026, 3, 5, 0), 0);
	event(m, c1, "report_shared", at(2026, 3, 8, 0), 0);
	event(m, c2, "data_imported", at(2026, 3, 7, 0), 0);
	event(m, c2, "report_shared", at(2026, 3, 12, 0), 0);
	event(m, c3, "data_imported", at(2026, 3, 16, 0), 0);
	event(m, c3, "report_shared", at(2026, 3, 20, 0), 0);
	event(m, gamma, "data_imported", at(2026, 3, 4, 0), 0);
	(void)acme;
	/* users active since 03-25 (a week before the as-of instant): C1
	 * one, C2 three; C3 none */
	event(m, c1, "login", at(2026, 3, 28, 0), 11);
	event(m, c1, "login", at(2026, 3, 20, 0), 12);
	for (uint64_t u = 21; u <= 23; u++)
		event(m, c2, "login", at(2026, 3, 30, 0), u);
	attr(m, c1, ATTR_INTERVENTION_PATH, "automation_only");
	attr(m, c2, ATTR_INTERVENTION_PATH, "hybrid");
	attr(m, c3, ATTR_INTERVENTION_PATH, "founder_assist");
	m->acc[c1].has_owner = m->acc[c1].has_proof = true;
	m->acc[c1].has_approver = true;
	m->acc[c2].has_owner = true;
}

static void test_configured(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	build_configured(&m, &c);
	diag_init(&d);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_STR(s.dq.first_value_source, "event report_shared");
	CHECK(!s.dq.steps_default && !s.dq.steps_inferred);
	CHECK_INT(s.nsteps, 3);
	CHECK_NEAR(s.ttfv[0], 7, 1e-12);
	CHECK_NEAR(s.ttfv[1], 11, 1e-12);
	CHECK_NEAR(s.ttfv[2], 10, 1e-12);
	CHECK_NEAR(s.tiers[0].sla_days, 14, 0);
	CHECK_STR(s.tiers[0].sla_source, "config");
	/* C1 C2 C3 met, Gamma's window closed: 3 / 4 */
	CHECK_NEAR(s.tiers[0].attainment, 0.75, 1e-12);

	/* funnel over the six: kickoff 5 (all but Beta), of which imported
	 * 4 (C1 C2 C3 Gamma): .8; gaps 3 4 4 2 -> median 3.5.  Imported 4,
	 * reported 3: .75, gaps 3 5 4 -> 4.  Last step: 3 -> 3. */
	CHECK_INT(s.nfunnel, 3);
	CHECK_INT(s.funnel[0].reached, 5);
	CHECK_INT(s.funnel[0].next, 4);
	CHECK_NEAR(s.funnel[0].conversion, 0.8, 1e-12);
	CHECK_NEAR(s.funnel[0].dropoff, 0.2, 1e-12);
	CHECK_NEAR(s.funnel[0].median_days_to_next, 3.5, 1e-12);
	CHECK_INT(s.funnel[1].reached, 4);
	CHECK_INT(s.funnel[1].next, 3);
	CHECK_NEAR(s.funnel[1].dropoff, 0.25, 1e-12);
	CHECK_NEAR(s.funnel[1].median_days_to_next, 4, 1e-12);
	CHECK_INT(s.funnel[2].next, 3);
	CHECK(isnan(s.funnel[2].median_days_to_next));
	CHECK_INT(s.funnel_worst, 1);

	/* onboarding, most urgent first: Gamma breached (day 31 > 14), Acme
	 * at risk (9.5 > 7 with import_data, step 2, not done), Beta on
	 * track (day 3; projection: segment medians signed->kickoff 1 2 2
	 * 3.5 -> 2, kickoff->import 3 4 4 2 -> 3.5, import->report 3 5 4 ->
	 * 4; Beta spent 3 of the first 2: 04-01 + 3.5 + 4 = 04-08 12:00,
	 * before the deadline 04-01 + 11 days) */
	CHECK_INT(s.nonboarding, 3);
	const struct onboarding_row *g = &s.onboarding[0];
	const struct onboarding_row *a = &s.onboarding[1];
	const struct onboarding_row *b = &s.onboarding[2];
	CHECK_STR(g->account_id, "C6");
	struct buf alert = BUF_INIT;
	md_alert_text(&alert, g);
	CHECK_STR(buf_cstr(&alert),
		  "Gamma has been on first_report for 28.0 days since "
		  "import_data: Walk the champion through sharing the first "
		  "report.");
	CHECK_INT(g->deadline, at(2026, 3, 15, 0));
	CHECK_STR(a->account_id, "C4");
	CHECK_INT(a->status, STATUS_AT_RISK);
	/* the seed 000 example alert, word for word */
	buf_reset(&alert);
	md_alert_text(&alert, a);
	CHECK_STR(buf_cstr(&alert),
		  "Acme Corp has been on import_data for 6.0 days since "
		  "kickoff: Run a 30-minute data-format troubleshooting call.");
	buf_release(&alert);
	/* six days on import_data, whose max_days is 5 (seed 003) */
	CHECK(a->over_step_max);
	CHECK(!s.onboarding[2].over_step_max);
	/* Acme: 6 days into a 3.5-day median step (0 left) + 4 */
	CHECK_INT(a->projected_first_value, at(2026, 4, 5, 0));
	CHECK_STR(b->account_id, "C5");
	CHECK_INT(b->status, STATUS_ON_TRACK);
	CHECK_STR(b->current_step, "kickoff");
	CHECK(b->last_step == NULL);
	CHECK_INT(b->projected_first_value, at(2026, 4, 8, 12));
	CHECK_INT(s.tiers[0].on_track, 1);
	CHECK_INT(s.tiers[0].at_risk, 1);
	CHECK_INT(s.tiers[0].breached, 1);

	/* seed 004: manual assist 2 of 3 paths (> .40 warning: missed);
	 * complete records 1 of 3 reached (< .95: missed) */
	CHECK_NEAR(s.targets[TARGET_MANUAL_ASSIST_SHARE].value, 2.0 / 3,
		   1e-12);
	CHECK_STR(s.targets[TARGET_MANUAL_ASSIST_SHARE].status, "missed");
	CHECK_NEAR(s.targets[TARGET_RECORD_COMPLETENESS].value, 1.0 / 3,
		   1e-12);
	CHECK_STR(s.targets[TARGET_RECORD_COMPLETENESS].status, "missed");
	/* seed 003 over the six (none churned): breach Gamma; low weekly
	 * users (< 2 since 03-25) among the reached: C1 (1), C3 (0) */
	CHECK(s.churn.wau_known);
	CHECK_INT(s.churn.low_wau, 2);
	CHECK_INT(s.churn.breach, 1);
	CHECK_INT(s.churn.any, 3);
	CHECK(!s.churn.exec_sponsor_known);
	/* login is used by no step */
	CHECK_INT(s.dq.event_names_unused, 1);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* No steps configured, no milestone columns: the steps are inferred from
 * the events that at least half of the 4 accounts with first value did
 * before it (D5 never reached, so its events do not count):
 *   login          D1-D4 at day 1            median 1
 *   data_imported  D1 day 3, D2 day 4 (D3 after its value): 2 of 4, in
 *                                           median 3.5
 *   invite_sent    D1-D3 at day 5            median 5
 *   export_csv     D1 only: out
 * then report_shared itself. */
static void test_inferred(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	c.first_value_event = xstrdup("report_shared");
	c.clock.as_of = at(2026, 2, 1, 0);
	const char *size[] = {"12", "250", "5000", "75", "8"};
	for (int i = 0; i < 5; i++) {
		char id[4] = {'D', (char)('1' + i), 0, 0};
		int32_t a = account(&m, id, "", i < 4 ? at(2026, 1, 1, 0)
						      : at(2024, 12, 30, 0));
		attr(&m, a, ATTR_COMPANY_SIZE, size[i]);
		attr(&m, a, ATTR_PLAN, i % 2 ? "basic" : "pro");
		attr(&m, a, ATTR_REGION, i % 3 == 0 ? "201-1000"
					 : i % 3 == 1 ? "11-50" : "5000+");
	}
	for (int32_t a = 0; a < 4; a++) {
		event(&m, a, "report_shared", at(2026, 1, 11, 0), 0);
		event(&m, a, "login", at(2026, 1, 2, 0), 0);
	}
	for (int32_t a = 0; a < 3; a++)
		event(&m, a, "invite_sent", at(2026, 1, 6, 0), 0);
	event(&m, 0, "data_imported", at(2026, 1, 4, 0), 0);
	event(&m, 1, "data_imported", at(2026, 1, 5, 0), 0);
	event(&m, 2, "data_imported", at(2026, 1, 12, 0), 0);
	event(&m, 0, "export_csv", at(2026, 1, 3, 0), 0);
	event(&m, 4, "export_csv", at(2025, 1, 3, 0), 0);
	event(&m, 4, "invite_sent", at(2025, 1, 3, 0), 0);
	c.cohort = COHORT_WEEK;
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK(s.dq.steps_inferred);
	CHECK_INT(s.nsteps, 4);
	CHECK_STR(s.steps[0].name, "login");
	CHECK_STR(s.steps[1].name, "data_imported");
	CHECK_STR(s.steps[2].name, "invite_sent");
	CHECK_STR(s.steps[3].name, "report_shared");
	struct buf ini = BUF_INIT;
	md_steps_ini(&ini, &s);
	CHECK_STR(buf_cstr(&ini),
		  "[step login]\nevent = login\n\n"
		  "[step data_imported]\nevent = data_imported\n\n"
		  "[step invite_sent]\nevent = invite_sent\n\n"
		  "[step report_shared]\nevent = report_shared\n");
	buf_release(&ini);
	/* ISO weeks: 2026-01-01 is a Thursday, in 2026-W01; Monday
	 * 2024-12-30 starts 2025-W01 */
	CHECK_INT(s.ncohorts, 2);
	CHECK_STR(s.cohorts[0].g.name, "2025-W01");
	CHECK_STR(s.cohorts[1].g.name, "2026-W01");
	CHECK_INT(s.cohorts[1].start, at(2025, 12, 29, 0));
	/* company sizes 12 250 5000 75 8: headcount bands in their order */
	const struct breakdown *bs = NULL, *bp = NULL;
	for (size_t i = 0; i < s.nbreakdowns; i++) {
		if (strcmp(s.breakdowns[i].column, "company_size") == 0)
			bs = &s.breakdowns[i];
		if (strcmp(s.breakdowns[i].column, "plan") == 0)
			bp = &s.breakdowns[i];
	}
	/* text bands that start with numbers go in numeric order */
	const struct breakdown *br = NULL;
	for (size_t i = 0; i < s.nbreakdowns; i++)
		if (strcmp(s.breakdowns[i].column, "region") == 0)
			br = &s.breakdowns[i];
	CHECK(br != NULL);
	if (br) {
		CHECK_INT(br->n, 3);
		if (br->n == 3) {
			CHECK_STR(br->groups[0].name, "11-50");
			CHECK_STR(br->groups[1].name, "201-1000");
			CHECK_STR(br->groups[2].name, "5000+");
		}
	}
	CHECK(bs && bp);
	if (bs && bp) {
		CHECK_INT(bs->n, 5);
		CHECK_STR(bs->groups[0].name, "1-10");
		CHECK_STR(bs->groups[1].name, "11-50");
		CHECK_STR(bs->groups[2].name, "51-200");
		CHECK_STR(bs->groups[4].name, "1001-5000");
		/* plan: basic D2 D4 (both reached at 10), pro D1 D3 D5 */
		CHECK_STR(bp->groups[0].name, "basic");
		CHECK_INT(bp->groups[0].accounts, 2);
		CHECK_NEAR(bp->groups[0].p[1], 10, 1e-12);
		CHECK_INT(bp->groups[1].accounts, 3);
		CHECK_INT(bp->groups[1].reached, 2);
	}
	stats_release(&s);
	/* quarters: 2024-Q4 and 2026-Q1 */
	c.cohort = COHORT_QUARTER;
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_STR(s.cohorts[0].g.name, "2024-Q4");
	CHECK_STR(s.cohorts[1].g.name, "2026-Q1");
	CHECK_INT(s.cohorts[0].start, at(2024, 10, 1, 0));
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* Inferred steps whose event names an INI file cannot hold are left out
 * of the snippet with a note; the snippet parses back (config_parse, as
 * ttfv.ini is read) to exactly the other steps.  Both accounts do the
 * events in this order on days 1 to 7, then report_shared on day 9. */
static void test_inferred_ini(void)
{
	static const char *const names[] = {
		"plain", "two\nlines", "a ; b", "x]y", "Login", "login",
		"a;b = c # d [e"};
	struct model m;
	struct config c, back;
	struct diag d;
	struct stats s;
	model_init(&m);
	config_init(&c);
	config_init(&back);
	diag_init(&d);
	c.first_value_event = xstrdup("report_shared");
	c.clock.as_of = at(2026, 2, 1, 0);
	/* every account before any event: an event's column has a slot
	 * per account known when the event first appears */
	account(&m, "E1", "", at(2026, 1, 1, 0));
	account(&m, "E2", "", at(2026, 1, 1, 0));
	for (int32_t acc = 0; acc < 2; acc++) {
		for (int k = 0; k < 7; k++)
			event(&m, acc, names[k], at(2026, 1, 2 + k, 0), 0);
		event(&m, acc, "report_shared", at(2026, 1, 10, 0), 0);
	}
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_INT(s.nsteps, 8);
	struct buf snippet = BUF_INIT;
	md_steps_ini(&snippet, &s);
	const char *ini = buf_cstr(&snippet);
	CHECK_CONTAINS(ini, "; step 'two?lines' is left out: its event name "
			    "holds a line break");
	CHECK_CONTAINS(ini, "; step 'a ; b' is left out: its event name holds "
			    "';' after a space");
	CHECK_CONTAINS(ini, "; step 'x]y' is left out");
	CHECK(!strstr(ini, "[step two"));
	/* the second of Login and login (in step order) is left out */
	const char *later = NULL;
	for (size_t k = 0; k < s.nsteps; k++)
		if (!strcasecmp(s.steps[k].name, "login"))
			later = s.steps[k].name;
	CHECK(later != NULL);
	struct buf note = BUF_INIT;
	buf_addf(&note, "; step '%s' is left out: its event name differs from "
			"an earlier one only in case", later ? later : "");
	CHECK_CONTAINS(ini, buf_cstr(&note));
	buf_release(&note);
	CHECK_INT(config_parse(&back, "snippet", ini, strlen(ini), &d), 0);
	CHECK_STR(buf_cstr(&d.text), "");
	/* parsed back: every other step, in order, with its own event */
	size_t j = 0;
	for (size_t k = 0; k < s.nsteps; k++) {
		const char *name = s.steps[k].name;
		if (name == later || !strcmp(name, names[1]) ||
		    !strcmp(name, names[2]) ||
		    !strcmp(name, names[3]))
			continue;
		CHECK(j < back.nsteps);
		if (j < back.nsteps) {
			CHECK_STR(back.steps[j].name, name);
			CHECK_STR(back.steps[j].event, name);
		}
		j++;
	}
	CHECK_INT(back.nsteps, 4);
	CHECK_INT(j, 4);
	buf_release(&snippet);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	config_release(&back);
	model_release(&m);
}

int main(void)
{
	test_configured();
	test_inferred();
	test_inferred_ini();
	return test_done("test_stats_steps");
}

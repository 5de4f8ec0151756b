/* test_stats_weekly.c - the weekly review (SPEC 8.2) on a model whose
 * every figure is worked out by hand below, in a report timezone whose
 * week holds a daylight-saving change.
 *
 * Europe/Berlin, as of 2026-10-31: summer time ends on Sunday 2026-10-25
 * (03:00 CEST -> 02:00 CET), so the week 2026-10-25 .. 2026-10-31 is 169
 * hours long.  Week boundaries are local midnights:
 *   B0 = 2026-11-01 00:00 CET  = 10-31T23:00Z   the as-of instant
 *   B1 = 2026-10-25 00:00 CEST = 10-24T22:00Z   start of the week (D-7)
 *   B2 = 2026-10-18 00:00 CEST = 10-17T22:00Z
 *   B3 = 2026-10-11 00:00 CEST = 10-10T22:00Z
 *   B4 = 2026-10-04 00:00 CEST = 10-03T22:00Z
 * (B0 - 7 x 86400 s would be 10-24T23:00Z: R1 below, reached at 22:30Z,
 * i.e. 00:30 local on the 25th, is in the week only with local days.)
 *
 * One tier, SLA 20 calendar days; steps kickoff (max 2 days), setup (max 3),
 * value = first_value_at.  Only N0 has a setup time, nobody has both a
 * setup and a first value, so the setup -> value median is missing and no
 * account has a projection: at risk means more than 10 days used with
 * setup (step 2) not done.  Times are UTC; days are 86400 s.
 *
 *   id   start       kickoff   setup   first value    csm  arr   notes
 *   C1   10-18 00:00                   10-20          -        assist: automation_only, complete
 *   C2   10-19                         10-25          -        automation_only, complete
 *   C3   10-20                         10-29          -        csm_call
 *   C4   10-21                         -              Ann  5000
 *   S2   10-24       10-24 12:00       -              -
 *   P1   10-11                         10-12                   events 10-18 00:00 (day 7 exactly)
 *   P2   10-12                         10-24 12:00             automation_only; events 10-13, 10-26 (day 14: out)
 *   P3   10-13                         10-26                   event 10-22 12:00
 *   P4   10-14                         10-22
 *   Q1   10-05                         10-06                   event 10-13 (day 8)
 *   Q2   10-06                         10-07                   event 10-14 (day 8)
 *   Q3   10-07                         10-08                   event 10-08 (day 1: out)
 *   B1   10-08                         -              Ann  1000
 *   O1   09-01                         -              Ann  9000
 *   O2   06-01                         -              Bob
 *   R1   09-01                         10-24 22:30             csm_call, complete
 *   R2   09-01                         10-24 21:30             csm_call
 *   N0   10-24 22:30 10-25     10-26   -
 *   N1   10-28       10-29             -
 */
#include "clock.h"
#include "harness.h"
#include "stats.h"
#include "timeutil.h"

#include <stdlib.h>

static const char ini[] =
	"[report]\n"
	"as_of = 2026-10-31\n"
	"timezone = Europe/Berlin\n"
	"[tier tech-touch]\n"
	"sla_days = 20\n"
	"[step kickoff]\n"
	"column = kickoff_at\n"
	"max_days = 2\n"
	"[step setup]\n"
	"column = setup_complete_at\n"
	"max_days = 3\n"
	"playbook = Send the setup checklist.\n"
	"[step value]\n"
	"column = first_value_at\n"
	"[targets]\n"
	"median_ttfv_days = 5, 8\n";

static int64_t utc(unsigned m, unsigned d, unsigned h, unsigned mi)
{
	return tu_days_from_civil(2026, m, d) * TU_DAY +
	       ((int64_t)h * 3600 + (int64_t)mi * 60) * TU_SECOND;
}

static int32_t intern(struct model *m, enum attr a, const char *s)
{
	return strtab_intern(&m->attrs[a], &m->arena, s, strlen(s));
}

static int32_t add(struct model *m, const char *id, int64_t start,
		   int64_t fv, const char *csm, double arr)
{
	int32_t a = model_add_account(m, id, strlen(id), NULL);
	struct account *acc = &m->acc[a];
	acc->attr[ATTR_TIER] = intern(m, ATTR_TIER, "tech-touch");
	acc->ms[MS_SIGNED] = start;
	acc->ms[MS_FIRST_VALUE] = fv;
	if (csm)
		acc->attr[ATTR_CSM] = intern(m, ATTR_CSM, csm);
	acc->arr = arr;
	model_see_time(m, start);
	model_see_time(m, fv);
	return a;
}

static void assist(struct model *m, int32_t a, const char *path,
		   bool complete)
{
	m->acc[a].attr[ATTR_INTERVENTION_PATH] =
		intern(m, ATTR_INTERVENTION_PATH, path);
	m->acc[a].has_owner = m->acc[a].has_proof = m->acc[a].has_approver =
		complete;
}

static const struct target_row *target(const struct stats *s,
				       enum target_id id)
{
	return &s->weekly.targets[id];
}

/* The ids of l joined by spaces, for one comparison per list. */
static const char *joined(const struct id_list *l, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		strncat(buf, l->id[i], size - strlen(buf) - 2);
		if (i + 1 < l->n)
			strcat(buf, " ");
	}
	return buf;
}

static void test_week(void)
{
	struct model m;
	struct config c;
	struct diag d;
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	CHECK_INT(config_parse(&c, "week.ini", ini, sizeof ini - 1, &d), 0);
	const double NA = NAN;
	int32_t c1 = add(&m, "C1", utc(10, 18, 0, 0), utc(10, 20, 0, 0), NULL, NA);
	int32_t c2 = add(&m, "C2", utc(10, 19, 0, 0), utc(10, 25, 0, 0), NULL, NA);
	int32_t c3 = add(&m, "C3", utc(10, 20, 0, 0), utc(10, 29, 0, 0), NULL, NA);
	add(&m, "C4", utc(10, 21, 0, 0), TTFV_NO_TIME, "Ann", 5000);
	int32_t s2 = add(&m, "S2", utc(10, 24, 0, 0), TTFV_NO_TIME, NULL, NA);
	m.acc[s2].ms[MS_KICKOFF] = utc(10, 24, 12, 0);
	int32_t p1 = add(&m, "P1", utc(10, 11, 0, 0), utc(10, 12, 0, 0), NULL, NA);
	int32_t p2 = add(&m, "P2", utc(10, 12, 0, 0), utc(10, 24, 12, 0), NULL, NA);
	int32_t p3 = add(&m, "P3", utc(10, 13, 0, 0), utc(10, 26, 0, 0), NULL, NA);
	add(&m, "P4", utc(10, 14, 0, 0), utc(10, 22, 0, 0), NULL, NA);
	int32_t q1 = add(&m, "Q1", utc(10, 5, 0, 0), utc(10, 6, 0, 0), NULL, NA);
	int32_t q2 = add(&m, "Q2", utc(10, 6, 0, 0), utc(10, 7, 0, 0), NULL, NA);
	int32_t q3 = add(&m, "Q3", utc(10, 7, 0, 0), utc(10, 8, 0, 0), NULL, NA);
	add(&m, "B1", utc(10, 8, 0, 0), TTFV_NO_TIME, "Ann", 1000);
	add(&m, "O1", utc(9, 1, 0, 0), TTFV_NO_TIME, "Ann", 9000);
	add(&m, "O2", utc(6, 1, 0, 0), TTFV_NO_TIME, "Bob", NA);
	int32_t r1 = add(&m, "R1", utc(9, 1, 0, 0), utc(10, 24, 22, 30), NULL, NA);
	int32_t r2 = add(&m, "R2", utc(9, 1, 0, 0), utc(10, 24, 21, 30), NULL, NA);
	int32_t n0 = add(&m, "N0", utc(10, 24, 22, 30), TTFV_NO_TIME, NULL, NA);
	m.acc[n0].ms[MS_KICKOFF] = utc(10, 25, 0, 0);
	m.acc[n0].ms[MS_SETUP_COMPLETE] = utc(10, 26, 0, 0);
	int32_t n1 = add(&m, "N1", utc(10, 28, 0, 0), TTFV_NO_TIME, NULL, NA);
	m.acc[n1].ms[MS_KICKOFF] = utc(10, 29, 0, 0);
	m.ms_column[MS_KICKOFF] = m.ms_column[MS_SETUP_COMPLETE] = true;
	assist(&m, c1, "automation_only", true);
	assist(&m, c2, "automation_only", true);
	assist(&m, c3, "csm_call", false);
	assist(&m, p2, "automation_only", false);
	assist(&m, r1, "csm_call", true);
	assist(&m, r2, "csm_call", false);
	model_week2_begin(&m, &c);
	int64_t ev[][2] = {
		{p1, utc(10, 18, 0, 0)}, {p2, utc(10, 13, 0, 0)},
		{p2, utc(10, 26, 0, 0)}, {p3, utc(10, 22, 12, 0)},
		{q1, utc(10, 13, 0, 0)}, {q2, utc(10, 14, 0, 0)},
		{q3, utc(10, 8, 0, 0)},
	};
	for (size_t i = 0; i < sizeof ev / sizeof *ev; i++)
		model_add_event(&m, (int32_t)ev[i][0], -1, ev[i][1], 0);

	struct stats s;
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(clock_settle(&c, m.latest, &d), 0);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	const struct weekly *wk = &s.weekly;
	CHECK_STR(wk->from_date, "2026-10-25");
	CHECK_STR(wk->to_date, "2026-10-31");
	CHECK_INT(wk->from, utc(10, 24, 22, 0));
	CHECK_INT(wk->to, utc(10, 31, 23, 0));
	CHECK_INT(wk->to - wk->from, 169 * 3600 * TU_SECOND);

	/* Median TTFV over clock starts in [B2, B1): C1 2 (reached), C2 6,
	 * C3 9, C4 censored at 10 d 23 h = 10.9583, S2 censored at 7 d 23 h =
	 * 7.9583.  KM: 1 - S = 0.2 at 2, 0.4 at 6, 1 - 0.6 x 1/2 = 0.7 at 9:
	 * median 9.  R: quantile(survfit(Surv(c(2, 6, 9, 10 + 23/24,
	 * 7 + 23/24), c(1, 1, 1, 0, 0)) ~ 1), 0.5) -> 9, lower 6, upper NA.
	 * The week before, [B3, B2) as of B1: P1 1, P4 8, P2 12.5, P3
	 * censored at B1 (10-13 -> 10-24T22:00 = 11.9167); 1 - S = 0.25 at 1,
	 * 0.5 at 8 exactly, flat to the next event 12.5: (8 + 12.5) / 2 =
	 * 10.25; R: quantile(survfit(Surv(c(1, 12.5, 11 + 22/24, 8),
	 * c(1, 1, 0, 1)) ~ 1), 0.5) -> 10.25, lower 1, upper NA. */
	const struct target_row *t = target(&s, TARGET_MEDIAN_TTFV_DAYS);
	CHECK_NEAR(t->value, 9, 1e-9);
	CHECK_NEAR(t->lower, 6, 1e-9);
	CHECK(isnan(t->upper));
	CHECK_INT(t->accounts, 5);
	CHECK_NEAR(t->previous, 10.25, 1e-9);
	CHECK_INT(t->previous_accounts, 4);
	CHECK(!t->is_default);	/* [targets] sets it */
	CHECK_STR(t->status, "missed");	/* 9 > warning 8 */

	/* 7-day rate: C1 and C2 of the 5 -> 0.4; the week before P1 only of
	 * 4 (P4 took 8 days) -> 0.25.  Wilson: prop.test(2, 5, correct =
	 * FALSE)$conf.int = 0.1176208 0.7692757. */
	t = target(&s, TARGET_FIRST_VALUE_RATE_7D);
	CHECK_NEAR(t->value, 0.4, 1e-12);
	CHECK_NEAR(t->previous, 0.25, 1e-12);
	CHECK_NEAR(t->lower, 0.1176208, 1e-7);
	CHECK_NEAR(t->upper, 0.7692757, 1e-7);
	CHECK(t->is_default);
	CHECK_STR(t->status, "missed");	/* 0.4 < 0.55 */

	/* First values in [B1, B0): C2, C3, P3, R1 (not R2, 30 minutes
	 * before B1).  Paths: C2 automation_only, C3 and R1 csm_call, P3 none
	 * -> 2 of 3 assisted.  The week before, [B2, B1): C1, P2, P4, R2 ->
	 * C1 and P2 automation_only, R2 csm_call: 1 of 3.  prop.test(2, 3,
	 * correct = FALSE)$conf.int = 0.2076596 0.9385081. */
	t = target(&s, TARGET_MANUAL_ASSIST_SHARE);
	CHECK_NEAR(t->value, 2.0 / 3, 1e-12);
	CHECK_INT(t->accounts, 3);
	CHECK_NEAR(t->previous, 1.0 / 3, 1e-12);
	CHECK_NEAR(t->lower, 0.2076596, 1e-7);
	CHECK_NEAR(t->upper, 0.9385081, 1e-7);
	/* complete records: C2 and R1 of the 4 -> 0.5; before, C1 of 4 */
	t = target(&s, TARGET_RECORD_COMPLETENESS);
	CHECK_NEAR(t->value, 0.5, 1e-12);
	CHECK_INT(t->accounts, 4);
	CHECK_NEAR(t->previous, 0.25, 1e-12);

	/* Week-2 retention over starts in [B3, B2): P1 (event at day 7
	 * exactly: in), P2 (days 1 and 14: out), P3 (day 9.5: in), P4 (none)
	 * -> 2 / 4.  The week before, [B4, B3): Q1 and Q2 (day 8: in), Q3
	 * (day 1: out), B1 (none) -> 2 / 4. */
	t = target(&s, TARGET_WEEK2_RETENTION);
	CHECK_NEAR(t->value, 0.5, 1e-12);
	CHECK_INT(t->accounts, 4);
	CHECK_NEAR(t->previous, 0.5, 1e-12);
	CHECK_INT(t->previous_accounts, 4);
	CHECK(t->is_default);
	CHECK_NEAR(t->target, 0.85, 1e-12);
	CHECK_NEAR(t->warning, 0.75, 1e-12);
	CHECK_STR(t->status, "missed");	/* 0.5 < 0.75 */
	/* over every account started by B0 - 14 d = 10-17T23:00Z: O2, O1,
	 * R1, R2, Q1-3, B1, P1-4 = 12, of which Q1, Q2, P1, P3 active */
	CHECK_NEAR(s.targets[TARGET_WEEK2_RETENTION].value, 4.0 / 12, 1e-12);
	CHECK(!s.targets[TARGET_MEDIAN_TTFV_DAYS].is_default);
	CHECK(s.targets[TARGET_WEEK2_RETENTION].is_default);

	/* Changes since the report as of B1.
	 * B1: elapsed 23.96 > 20 now, 16.92 at B1 (at risk then): newly
	 * breached.  O1 (61 days) and O2 were breached at B1 too.
	 * C4: elapsed 10.96 > 10 with setup not done: at risk; 3.92 at B1,
	 * on track then: newly at risk.
	 * S2: on track (7.96 of 20), on setup since its kickoff 7.46 days >
	 * max 3: stalled; at B1 on setup for 10 hours: newly stalled.  N0 is
	 * on value (no max_days), N1 2.96 days on setup: neither stalled.
	 * Reached in the week: C2, C3, P3, R1.  New (clock started in the
	 * week): N0 (10-24T22:30Z, 00:30 local on the 25th) and N1. */
	char buf[256];
	const struct weekly_changes *ch = &wk->changes;
	CHECK_STR(joined(&ch->newly_breached, buf, sizeof buf), "B1");
	CHECK_STR(joined(&ch->newly_at_risk, buf, sizeof buf), "C4");
	CHECK_STR(joined(&ch->stalled, buf, sizeof buf), "S2");
	CHECK_STR(joined(&ch->reached, buf, sizeof buf), "C2 C3 P3 R1");
	CHECK_STR(joined(&ch->new_accounts, buf, sizeof buf), "N0 N1");

	/* Action list, by risk then ARR within a CSM: Ann's O1 and B1
	 * (breached: risk 1, the larger ARR first), then her C4 (at risk, risk
	 * below 1 though its ARR is above B1's); then, without a CSM, the
	 * stalled S2 and N1, on track but routed to the automated path (its
	 * setup step, risk above 0.5: SPEC 8.3, tested in test_stats_risk),
	 * the higher risk first.  O2, due 06-21 (132 days ago), is an old
	 * breach: not there, and Bob has no group. */
	CHECK_INT(wk->ngroups, 2);
	CHECK_STR(wk->groups[0].csm, "Ann");
	CHECK_INT(wk->groups[0].n, 3);
	CHECK_STR(wk->groups[1].csm, "");
	CHECK_INT(wk->groups[1].n, 2);
	const char *order[] = {"O1", "B1", "C4", "S2", "N1"};
	CHECK_INT(wk->naction, 5);
	for (size_t i = 0; i < wk->naction && i < 5; i++)
		CHECK_STR(s.onboarding[wk->action[i]].account_id, order[i]);
	if (wk->naction == 5) {
		const struct onboarding_row *c4 = &s.onboarding[wk->action[2]];
		const struct onboarding_row *s2 = &s.onboarding[wk->action[3]];
		const struct onboarding_row *n1 = &s.onboarding[wk->action[4]];
		CHECK(c4->risk < 1 && s2->risk > n1->risk);
		CHECK(n1->status == STATUS_ON_TRACK && !n1->stalled &&
		      n1->route == ROUTE_AUTOMATED);
	}
	CHECK_INT(wk->nold_breach, 1);
	CHECK_STR(s.onboarding[wk->old_breach[0]].account_id, "O2");
	/* O1 is more than twice its SLA (61 > 40); B1 is not (24) */
	CHECK(s.onboarding[wk->action[0]].twice_sla);
	CHECK(!s.onboarding[wk->action[1]].twice_sla);
	CHECK(s.onboarding[wk->action[3]].stalled);
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

/* Times exactly on the week's boundaries, as date-only exports give them
 * (UTC, as of 2026-10-31: B0 = 11-01, B1 = 10-25, B2 = 10-18, B3 = 10-11,
 * all 00:00):
 *   E1  clock start 10-25 = B1, no first value: new this week, and not in
 *       the cohort of starts in [B2, B1)
 *   E2  clock start 10-18 = B2, first value 10-25 = B1 (csm_call): in that
 *       cohort with a TTFV of exactly 7 days, and reached this week, not
 *       the week before
 * Cohort [B2, B1): E2 alone: KM median 7, 7-day rate 1 of 1.  First values
 * in [B1, B0): E2, assisted: 1 of 1; in [B2, B1): none, so n/a over 0
 * accounts. */
static void test_week_boundaries(void)
{
	struct model m;
	struct config c;
	struct diag d;
	struct stats s;
	static const char edge_ini[] = "[report]\nas_of = 2026-10-31\n";
	model_init(&m);
	config_init(&c);
	diag_init(&d);
	CHECK_INT(config_parse(&c, "edge.ini", edge_ini, sizeof edge_ini - 1,
			       &d),
		  0);
	add(&m, "E1", utc(10, 25, 0, 0), TTFV_NO_TIME, NULL, NAN);
	int32_t e2 = add(&m, "E2", utc(10, 18, 0, 0), utc(10, 25, 0, 0), NULL,
			 NAN);
	assist(&m, e2, "csm_call", false);
	model_week2_begin(&m, &c);
	CHECK_INT(clock_start(&c, &d), 0);
	CHECK_INT(clock_settle(&c, m.latest, &d), 0);
	CHECK_INT(stats_compute(&s, &m, &c, NULL, &d), 0);
	CHECK_STR(buf_cstr(&d.text), "");
	CHECK_INT(s.weekly.from, utc(10, 25, 0, 0));
	const struct target_row *t = target(&s, TARGET_MEDIAN_TTFV_DAYS);
	CHECK_INT(t->accounts, 1);
	CHECK_NEAR(t->value, 7, 1e-9);
	t = target(&s, TARGET_FIRST_VALUE_RATE_7D);
	CHECK_INT(t->accounts, 1);
	CHECK_NEAR(t->value, 1, 0);
	t = target(&s, TARGET_MANUAL_ASSIST_SHARE);
	CHECK_INT(t->accounts, 1);
	CHECK_NEAR(t->value, 1, 0);
	CHECK_INT(t->previous_accounts, 0);
	CHECK(isnan(t->previous));
	char buf[64];
	const struct weekly_changes *ch = &s.weekly.changes;
	CHECK_STR(joined(&ch->reached, buf, sizeof buf), "E2");
	CHECK_STR(joined(&ch->new_accounts, buf, sizeof buf), "E1");
	stats_release(&s);
	diag_release(&d);
	config_release(&c);
	model_release(&m);
}

int main(void)
{
	test_week();
	test_week_boundaries();
	return test_done("test_stats_weekly");
}

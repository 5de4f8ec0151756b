/* stats.h - every figure of SPEC section 3, computed once from the model.
 *
 * stats_compute reads the model and the config and fills a struct stats
 * that charts and renderers only read.  Everything it points to lives in
 * the stats' own arena (or is borrowed from the model, which must outlive
 * it).  A figure that cannot be computed is NAN (doubles) or NULL
 * (strings); renderers show NAN as null / "n/a", never as 0.
 *
 * Durations are days (fractional); in a tier counted in business days the
 * tier's durations are business days (its group, SLA, attainment, statuses
 * and the onboarding rows of its accounts).  Everything else - overall,
 * cohorts and their curves, breakdowns, outcomes, funnel, trend, targets -
 * is in calendar days, so groups that mix tiers mix no units.  Instants are
 * int64 seconds UTC.
 */
#ifndef TTFV_STATS_H
#define TTFV_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "model.h"
#include "util.h"

#define STATS_NPCT 4
/* The percentile levels reported everywhere: 0.25 0.50 0.75 0.90. */
extern const double stats_pct_level[STATS_NPCT];
/* "p25" "p50" "p75" "p90" */
extern const char *const stats_pct_name[STATS_NPCT];

/* ---- primitives (exposed for tests and for charts' own needs) --------- */

/* Hyndman-Fan type 7 quantile of sorted[0..n): numpy/pandas default,
 * Excel PERCENTILE.INC.  NAN when n == 0. */
double stats_quantile7(const double *sorted, size_t n, double p);

/* A Kaplan-Meier estimate: at each distinct event time t[i], the survival
 * S(t[i]) just after it.  last_time is the largest observed time (event or
 * censoring): the curve is known up to there. */
struct km {
	double *t;
	double *surv;
	double *var;	/* Greenwood: sum of d / (n (n - d)) up to t[i], the
			 * variance of log S (INFINITY once S reaches 0) */
	size_t n;
	double last_time;
	size_t at_risk0;	/* number of subjects */
};

/* A sort key and whose it is.  stats_key_of(x) orders as x does (x not
 * NAN; -0 as 0); stats_keyed_sort sorts k[0..n) by key, stably, in linear
 * time (qsort's calls to a comparison cost several times more). */
struct stats_keyed {
	uint64_t key;
	uint32_t i;
};
uint64_t stats_key_of(double x);
void stats_keyed_sort(struct stats_keyed *k, size_t n);

/* Builds the estimate from times and event flags (1 = first value reached,
 * 0 = censored).  Times need not be sorted; km owns its arrays. */
void stats_km_build(struct km *k, const double *time, const bool *event,
		    size_t n);
void stats_km_release(struct km *k);
/* 1 - S(t): share that reached first value by time t (inclusive); NAN for
 * an estimate over no subjects. */
double stats_km_reached(const struct km *k, double t);
/* The smallest t with 1 - S(t) >= p, as R's quantile.survfit (the middle of
 * a flat stretch where 1 - S equals p within 1e-8); NAN when never. */
double stats_km_quantile(const struct km *k, double p);

/* ---- inference (stats_infer.c) --------------------------------------- */

/* Below this many accounts a share, rate or percentile is marked
 * ("n = 11") and no headline sentence rests on it. */
#define STATS_SMALL_N 30

/* The 95 % interval of KM percentile p, as R's
 * quantile(survfit(Surv(t, e) ~ 1), p)$lower and $upper with survfit's
 * defaults (Greenwood variance, conf.type = "log"); NAN where R gives NA. */
void stats_km_quantile_ci(const struct km *k, double p, double *lower,
			  double *upper);
/* The Wilson score interval of x successes in n, R's
 * prop.test(x, n, correct = FALSE)$conf.int; NAN, NAN when n == 0. */
void stats_wilson(size_t x, size_t n, double *lower, double *upper);
/* R's prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$p.value: the
 * chi-square test of equal proportions; NAN where R gives NA (an empty
 * group, or every account or none succeeding in both). */
double stats_prop_test2(size_t x1, size_t n1, size_t x2, size_t n2);

/* The two-group log-rank test, R's survdiff(Surv(time, event) ~ group)
 * for group[i] 0 or 1: observed and expected events per group, the
 * chi-square (1 df) and its p-value; chisq and p_value NAN when a group is
 * empty or nothing happened (R refuses or gives NA). */
struct logrank {
	double observed[2], expected[2];
	double chisq, p_value;
};
void stats_logrank(const double *time, const bool *event,
		   const uint8_t *group, size_t n, struct logrank *out);

/* P(rate_b > rate_a) when each rate has a Beta(1 + successes, 1 +
 * failures) posterior (uniform priors), by the exact closed-form sum
 * (Evan Miller, "Formulas for Bayesian A/B testing"). */
double stats_beta_p_better(size_t a_succ, size_t a_fail, size_t b_succ,
			   size_t b_fail);
/* An experiment's decision from P(variant better): "variant better" at
 * 0.95 or more, "control better" at 0.05 or less, else "keep running". */
const char *stats_experiment_decision(double p_variant_better);

/* ---- probability of making the SLA (SPEC 8.3, stats_risk.c) ------------ */

/* Below this many accounts a landmark set drops its step condition. */
#define STATS_LANDMARK_MIN 20

/* The accounts a landmark estimate draws on: per subject its time (TTFV,
 * or elapsed when censored), whether first value was reached, its tier
 * (group), and per step the days from clock start to the step's first
 * occurrence (NAN when not done), all in the tier's day units. */
struct landmark_set {
	size_t n;
	const double *time;
	const bool *event;
	const int32_t *group;	/* 0..ngroups-1; -1 leaves a subject out */
	size_t ngroups;
	const double *step;	/* [i * nsteps + k] */
	size_t nsteps;
	/* subjects sorted by time, events first at equal times (the order
	 * stats keeps anyway), norder of them; NULL to have them sorted */
	const uint32_t *order;
	size_t norder;
};

/* For each query j: subject q[j] (censored: its time is its elapsed e)
 * with left[j] days to its deadline, p[j] = 1 - S_L(left[j]), S_L the
 * Kaplan-Meier curve of residual time (time - e) over its tier's subjects
 * with time >= e that had as many steps done by e as it had (all its
 * tier's subjects with time >= e when those are fewer than
 * STATS_LANDMARK_MIN); 0 when left < 0, NAN when left is NAN.  R:
 * 1 - summary(survfit(Surv(t - e, reached) ~ 1, data = set),
 * times = left, extend = TRUE)$surv.  Cost: a sort and a sweep per tier,
 * O((n * nsteps + nq) log n) plus, per query, the censored subjects in
 * its window. */
void stats_landmark_p(const struct landmark_set *ls, const uint32_t *q,
		      const double *left, size_t nq, double *p);

/* ---- the result -------------------------------------------------------- */

/* Figures of one group of accounts: overall, a tier, a cohort, a value of a
 * breakdown column. */
struct group {
	const char *name;
	size_t accounts;	/* every account in the group */
	size_t reached;		/* first value by the as-of date */
	size_t censored;
	double p[STATS_NPCT];	/* type 7 over reached accounts' TTFV */
	double km[STATS_NPCT];	/* Kaplan-Meier over all accounts */
	/* 95 % interval of km[1], R quantile(survfit(...), 0.5)$lower and
	 * $upper (Greenwood, log); NAN where R gives NA */
	double km_p50_lower, km_p50_upper;
	/* reached / accounts (NAN without accounts) and its Wilson interval
	 * (not censoring-aware: a share of the accounts so far) */
	double reached_share, reached_lower, reached_upper;
};

/* A KM median per cohort of one group (all accounts, or one tier), in
 * the group's day kind. */
struct trend_point {
	const char *cohort;	/* same labels as cohorts */
	size_t cohort_index;	/* into stats.cohorts */
	bool complete;		/* the cohort's period ended by the as-of */
	size_t accounts, reached;
	double km_p50, km_p50_lower, km_p50_upper;
	double p50, p75;	/* type 7 over reached accounts only */
};

/* The latest complete cohort against the (up to) three complete cohorts
 * before it pooled, by the two-group log-rank test (R survdiff). */
struct trend_test {
	int cohort;		/* index into the points (when direction is set) */
	int baseline[3];	/* indices into the points */
	size_t nbaseline;
	size_t accounts, baseline_accounts;
	double km_p50, km_p50_lower, km_p50_upper;
	double baseline_km_p50, baseline_km_p50_lower, baseline_km_p50_upper;
	double chisq, p_value;
	/* "slower" / "faster" when p < 0.05, else "no significant change";
	 * NULL when there is no test */
	const char *direction;
};

struct trend {
	struct trend_point *points;	/* cohorts with accounts, oldest first */
	size_t npoints;
	struct trend_test test;
};

enum ob_status { STATUS_ON_TRACK, STATUS_AT_RISK, STATUS_BREACHED };

/* Who acts on an account still onboarding (SPEC 8.3). */
enum route { ROUTE_MONITOR, ROUTE_AUTOMATED, ROUTE_HUMAN };
/* "monitor" "automated" "human" */
const char *stats_route_name(enum route r);
/* "on-track" "at-risk" "breached" */
const char *stats_status_name(enum ob_status s);

struct tier_stats {
	struct group g;
	double sla_days;	/* NAN when auto and nobody reached */
	/* the calendar days it spans, for a calendar axis: business days
	 * x 7 / 5 (an estimate), else sla_days */
	double sla_calendar_days;
	const char *sla_source;	/* "config" or "auto" */
	bool contractual;	/* sla = contractual (else internal) */
	enum day_kind days;
	const char *clock_start;	/* canonical column name */
	size_t sla_met;		/* reached within the SLA */
	size_t sla_closed;	/* window closed or reached: attainment's base */
	double attainment;	/* sla_met / sla_closed, NAN when 0 */
	double attainment_lower, attainment_upper;	/* Wilson 95 % */
	size_t on_track, at_risk, breached;	/* accounts still onboarding */
	struct trend trend;	/* in the tier's day kind */
	/* seed 004's path per segment: its first value ("event X",
	 * "column first_value_at") and its steps, indexes into s->steps in
	 * the order its accounts walk them */
	const char *first_value_source;
	const uint32_t *path;
	size_t npath;
	/* the funnel over its path and its accounts */
	struct funnel_step *funnel;
	size_t nfunnel;
	int funnel_worst;	/* index of the largest drop-off, -1 */
};

struct cohort_stats {
	struct group g;		/* g.name: "2026-05", "2026-W19" or "2026-Q2",
				 * or an attribute's value */
	int64_t start;		/* first instant of the period */
	int64_t end;		/* first instant of the next period */
	bool complete;		/* end at or before the as-of instant */
	double *curve;		/* curve[d] = 1 - S_KM(d), d = 0..ncurve-1 */
	size_t ncurve;		/* min(horizon, longest follow-up) + 1 */
};

/* What the "By segment" section adds to a breakdown group. */
struct segment_facts {
	size_t sla_met, sla_closed;	/* as a tier's, each account by its
					 * own tier's SLA and day kind */
	double attainment, attainment_lower, attainment_upper;
	double arr_reached;	/* ARR of accounts with first value */
	double arr_onboarding;	/* ... of those still onboarding (no first
				 * value, not churned) */
};

/* Accounts grouped by an optional column (plan, channel, ...). */
struct breakdown {
	const char *column;	/* canonical column name */
	struct group *groups;
	struct segment_facts *facts;	/* one per group */
	size_t n;
};

/* A configured (or inferred) onboarding step. */
struct step_info {
	const char *name;
	const char *column;	/* canonical milestone column, or NULL */
	const char *event;	/* event name, or NULL */
	double max_days;	/* NAN when not set */
	const char *playbook;	/* NULL when not set */
	/* at-risk accounts on this step go to the automated path: route =
	 * automated, or by default a step named integration or setup */
	bool route_automated;
	const char *label;	/* [step] label, else the name in words:
				 * "configure_workflow" -> "Configure workflow" */
	/* an inferred step whose name cannot be pasted back as "[step NAME]"
	 * and "event = NAME": why (static text), else NULL */
	const char *ini_unfit;
};

struct funnel_step {
	const char *step;
	size_t reached;		/* accounts that completed this step */
	size_t next;		/* ... and the next one (last step: = reached) */
	double conversion;	/* next / reached, NAN when reached == 0 */
	double dropoff;		/* 1 - conversion */
	double median_days_to_next;	/* NAN for the last step or no data */
};

struct outcome_group {
	size_t accounts;	/* reached accounts with this outcome */
	double p[STATS_NPCT];
	const double *ttfv;	/* sorted ascending, n = accounts */
};

struct band {
	const char *band;	/* "0-30" "31-60" ">60" "not reached" */
	size_t accounts;	/* renewed + churned */
	size_t renewed;
	double renewal_rate;	/* NAN when accounts == 0 */
	double renewal_rate_lower, renewal_rate_upper;	/* Wilson 95 % */
};

/* The first band against the slowest band with at least STATS_SMALL_N
 * accounts (R prop.test(correct = FALSE)); from is NULL when none. */
struct band_gap {
	const struct band *from, *to;
	double difference;	/* rate(from) - rate(to) */
	double p_value;
	bool significant;	/* p < 0.05: a gap, else not conclusive */
	bool to_never;		/* to is the "not reached" band */
};

struct pm_category_stats {
	enum pm_category category;
	const char *key;	/* "data_migration" */
	const char *label;	/* "Data migration" */
	const char *owner;	/* "CS Ops & Implementation" */
	size_t count;
	double share;		/* NAN when no post-mortems */
};

#define STATS_PM_MONTHS 6
struct pm_month {
	char month[8];		/* "2026-10" */
	size_t count[PM_COUNT];
	size_t total;		/* of count[] */
};

/* A breached account with no post-mortem five business days after the
 * breach: none at all (missing) or one opened later (late). */
struct pm_missing {
	int32_t account;
	int64_t breached_at;	/* clock start + SLA, pushed back by pauses */
	double days_since;	/* business days from breach to as-of */
	const char *account_id, *name, *tier;
	bool reached;		/* breached late, or still without value */
	int64_t opened_at;	/* late: the first post-mortem; else none */
	double days_to_postmortem;	/* late: business days, else NAN */
};

struct onboarding_row {
	int32_t account;
	const char *account_id, *name, *tier, *csm;	/* "" when blank */
	enum ob_status status;
	bool contractual;	/* its tier's SLA is contractual */
	double elapsed_days;
	double paused_days;	/* taken off elapsed by SLA pauses */
	double sla_days;	/* NAN when the tier has none */
	const char *current_step;	/* first step not completed, or NULL */
	int current_step_index;	/* into s->steps, -1 when none */
	const char *last_step;	/* last completed step, or NULL */
	double stalled_days;	/* since the last completed step (or start) */
	int64_t deadline;	/* clock start + SLA, pushed back by pauses;
				 * TTFV_NO_TIME when none or paused */
	int64_t projected_first_value;	/* TTFV_NO_TIME when unknown */
	bool alert;		/* at risk, breached or stalled: the renderers
				 * word its alert (md_alert_text) */
	bool flag_no_exec_sponsor, flag_low_wau;
	int64_t clock_start;
	int64_t last_step_at;	/* TTFV_NO_TIME when no step is done */
	const char *playbook;	/* of the current step, NULL when none */
	enum day_kind days;	/* of elapsed, stalled and SLA days */
	double step_max_days;	/* the current step's max_days, NAN */
	bool over_step_max;	/* stalled longer than that (seed 003) */
	/* SPEC 8.3: chance of first value by the deadline (landmark
	 * estimate; 0 once breached, NAN without an SLA), risk = 1 - it */
	double p_on_time, risk;
	enum route route;
	int64_t next_check;	/* start of the day to look again */
	const char *approver;	/* escalation_approver, "" when blank */
	double arr;		/* NAN when blank */
	/* on track but over_step_max: seed 003's max-days-in-stage fires an
	 * escalation, so it is on the action list */
	bool stalled;
	bool twice_sla;		/* elapsed more than twice the SLA (seed 003) */
	/* breached more than STATS_OLD_BREACH_DAYS before the as-of date:
	 * summarised apart from this week's work */
	bool old_breach;
};

#define STATS_OLD_BREACH_DAYS 90

/* The landmark estimate backtested (SPEC 8.3): predictions made as of 28
 * days before the as-of date for the accounts onboarding then, scored
 * against whether each reached first value by its deadline. */
#define STATS_CALIBRATION_BINS 10
#define STATS_BACKTEST_DAYS 28
struct calibration_bin {
	double lo, hi;		/* predicted p_on_time in [lo, hi) */
	double predicted;	/* mean prediction in the bin */
	double observed;	/* share on time */
	size_t accounts;
};

struct risk_calibration {
	char as_of[11];		/* "" when there is no backtest */
	size_t accounts;	/* scored: see stats_risk.c for which */
	size_t on_time;
	double brier;		/* mean (p_on_time - on time)^2, NAN */
	double brier_base;	/* the same with the tier's on-time rate */
	struct calibration_bin bins[STATS_CALIBRATION_BINS];	/* non-empty */
	size_t nbins;
};

/* A signed account whose tier's clock has not started yet (a high-touch
 * account still waiting for its kickoff). */
struct awaiting_row {
	int32_t account;
	const char *account_id, *name, *tier;	/* "" when blank */
	const char *clock_start;	/* the column it waits for */
	int64_t signed_at;
	double days;		/* calendar days from signing to as-of */
	double business_days;	/* the same in business days (holidays off) */
	bool past_target;	/* more than [report] kickoff_target_days */
};

/* The nudge checkpoints, days after clock start (seed 000). */
#define STATS_NUDGES 2
extern const int stats_nudge_day[STATS_NUDGES];	/* 3, 7 */

/* Seed 004's three nudges: a milestone not started (the setup checklist),
 * started but stalled (blocker-specific help), completed (the next win). */
enum nudge_state { NUDGE_NOT_STARTED, NUDGE_STALLED, NUDGE_NEXT_WIN };
/* "not started" "stalled" "next win" */
const char *stats_nudge_state_name(enum nudge_state st);

/* An account still without first value whose 3- or 7-day mark fell in the
 * week ending at the as-of instant. */
struct nudge_row {
	const char *account_id, *name, *tier, *csm;	/* "" when blank */
	int day;		/* 3 or 7 */
	int64_t mark;		/* clock start + day days */
	enum nudge_state state;	/* at the mark: no step done since the
				 * clock started; a step done since the
				 * previous mark (the next win); else stalled */
	const char *step;	/* the step to do next at the mark, NULL when
				 * only first value is left */
	const char *playbook;	/* that step's, NULL when none */
};

struct target_row {
	enum target_id id;
	const char *key;	/* "median_ttfv_days" */
	const char *label;	/* "Median TTFV (days)" */
	bool higher_is_better;
	bool is_share;		/* value is a fraction 0-1 */
	double value;		/* NAN when not computable */
	double lower, upper;	/* 95 % interval of a KM median, else NAN */
	size_t accounts;	/* what value is over (weekly targets) */
	double previous;	/* the week before (weekly targets), NAN */
	size_t previous_accounts;
	double delta;		/* value - previous, NAN when either is */
	double target, warning;
	const char *status;	/* "met" "warning" "missed", NULL when n/a */
	bool is_default;	/* seed 004's default: [targets] does not set it */
};

/* ---- the weekly review (SPEC 8.2), stats_weekly.c ----------------------- */

/* Account ids (borrowed from the model), in the report's order. */
struct id_list {
	const char **id;
	size_t n;
};

/* Since the report of 7 days earlier, recomputed from the same model. */
struct weekly_changes {
	struct id_list newly_breached;	/* breached now, not then */
	struct id_list newly_at_risk;	/* at risk now; on track or absent */
	struct id_list reached;	/* first value during the week */
	struct id_list new_accounts;	/* clock started during the week */
	struct id_list stalled;	/* stalled now, not then */
};

/* The CSM's share of the action list: action[first .. first + n). */
struct action_group {
	const char *csm;	/* "" for accounts without one */
	size_t first, n;
};

struct weekly {
	/* the 7 local days ending at the as-of instant: [from, to) */
	int64_t from, to;
	char from_date[11], to_date[11];	/* first and last day */
	struct target_row targets[TARGET_COUNT];
	struct weekly_changes changes;
	/* onboarding rows that need someone this week (at risk, breached,
	 * stalled; not old breaches), by CSM, then risk and ARR */
	uint32_t *action;	/* indices into s->onboarding */
	size_t naction;
	struct action_group *groups;
	size_t ngroups;
	uint32_t *old_breach;	/* indices into s->onboarding, oldest first */
	size_t nold_breach;
};

struct churn_flags {
	size_t breach;		/* accounts whose TTFV exceeded the SLA */
	size_t no_exec_sponsor;
	size_t low_wau;		/* reached, fewer weekly users than the threshold */
	size_t any;
	/* false when no account has the data (no exec_sponsor column, no
	 * events with user_id): the count is then 0, not a finding */
	bool exec_sponsor_known, wau_known;
};

struct data_quality {
	size_t rows_skipped;	/* --lenient */
	const char *skipped;	/* their messages, one per line */
	size_t accounts_without_tier;
	size_t accounts_without_clock_start;
	size_t events_untracked;	/* names past MODEL_MAX_EVENTS */
	bool steps_inferred;
	bool steps_default;	/* steps taken from the milestone columns */
	const char *first_value_source;	/* "column first_value_at" / "event X" */
	size_t first_value_before_start;	/* counted as TTFV 0 */
	size_t steps_unreached;	/* configured steps no account completed */
	size_t pauses_open;	/* blank resumed_at: still running */
	size_t pauses_undocumented;	/* no reason given */
	/* distinct event names no step or first value uses */
	size_t event_names_unused;
	/* config_check's warnings, one "FILE:LINE: KEY: text" per line */
	const char *warnings;
	size_t nwarnings;
};

/* Time to business value (seed 003's TTBV, seed 001's go-live): a second
 * milestone after first value, measured like TTFV (calendar days from the
 * clock start, pauses off, censored at the as-of instant). */
struct business_value {
	const char *source;	/* "column go_live_at", "event X"; NULL when
				 * the report has none (then nothing below) */
	struct group g;		/* g.name "business value" */
	double *curve;		/* curve[d] = 1 - S_KM(d), as the cohorts' */
	size_t ncurve;
	/* business value after first value, per account with both */
	size_t gap_accounts;
	double gap_p50;		/* type 7 median of TTBV - TTFV, days */
};

/* Where a QBR account stands, in the terms a customer is told (SPEC 8.5):
 * reached first value within its SLA or after it, still onboarding inside
 * its SLA window (at risk included: that is an internal view) or past it,
 * or its clock has not started. */
enum account_state {
	ACCOUNT_REACHED_IN_SLA,
	ACCOUNT_REACHED_LATE,
	ACCOUNT_ON_TRACK,
	ACCOUNT_LATE,
	ACCOUNT_NOT_STARTED
};
/* "reached-within-sla" "reached-late" "on-track" "late" "not-started" */
const char *stats_account_state_name(enum account_state st);

/* A post-mortem of the QBR account (internal view). */
struct account_pm {
	const char *category;	/* its label, "Data migration" */
	const char *owner;	/* "" when blank */
	int64_t breached_at, opened_at;	/* TTFV_NO_TIME when blank */
};

/* One account's onboarding, for the QBR template (--account). */
struct account_summary {
	int32_t account;
	const char *account_id, *name, *tier;
	const char *csm;	/* "" when blank (internal view only) */
	enum account_state state;
	int64_t clock_start;	/* TTFV_NO_TIME when not started */
	int64_t *step_at;	/* per step, TTFV_NO_TIME when not done */
	/* per step: days from clock start (tier's kind, pauses out), NAN
	 * when not done; and the tier's median of the same over its accounts
	 * that did the step, NAN when none did */
	double *step_days;
	const double *tier_step_median;
	/* its tier's path: the steps its timeline shows, indexes into
	 * steps in order (step_at and the medians are by step index) */
	const uint32_t *path;
	size_t npath;
	bool reached;
	double ttfv;		/* NAN when not reached */
	double elapsed_days;	/* when not reached */
	double tier_sla, tier_median;
	enum ob_status status;	/* when not reached */
	int64_t first_value_at;	/* TTFV_NO_TIME when not reached */
	const char *current_step;	/* when not reached (onboarding row) */
	enum day_kind days;	/* of ttfv, elapsed and the tier figures */
	double sla_days;	/* the account's own SLA, else its tier's */
	double overall_median;	/* calendar days, type 7 */
	double ttfv_calendar;	/* NAN when not reached */
	bool sla_breached;	/* reached late, or still open past the SLA */
	int64_t breached_at;	/* when, TTFV_NO_TIME when not breached */
	int64_t deadline;	/* clock start + SLA, pushed back by pauses;
				 * TTFV_NO_TIME when none or a pause is open */
	/* Still onboarding: the next step (index into steps, -1 when first
	 * value is not a step) and its target date: the tier's median time
	 * for that step after the one before, less the time already spent
	 * on it, from the as-of date (the projection the status uses, one
	 * step ahead); TTFV_NO_TIME when no account of the tier did it. */
	int next_step;
	int64_t next_target;
	double next_target_days;	/* the same in days from clock start */
	/* the onboarding row (internal view), NULL when not onboarding */
	const struct onboarding_row *row;
	struct account_pm *pms;	/* its post-mortems, in file order */
	size_t npms;
};

/* Where an account stands in accounts.csv, the results a CRM imports:
 * reached first value within its SLA (or with none) or after it, still
 * onboarding (its onboarding row's status), open without first value but
 * churned, or its clock not started by the as-of date. */
enum record_status {
	RECORD_REACHED,
	RECORD_REACHED_LATE,
	RECORD_ON_TRACK,
	RECORD_AT_RISK,
	RECORD_BREACHED,
	RECORD_CHURNED,
	RECORD_NOT_STARTED
};
/* "reached" "reached-late" "on-track" "at-risk" "breached" "churned"
 * "not-started" */
const char *stats_record_status_name(enum record_status st);

/* One account of the accounts export, for accounts.csv (stats_records.c). */
struct account_record {
	int32_t account;	/* index into the model */
	const char *account_id, *name, *tier, *csm;	/* "" when blank */
	enum record_status status;
	int64_t signed_at;	/* TTFV_NO_TIME when blank */
	int64_t clock_start;	/* TTFV_NO_TIME when not started */
	int64_t first_value_at;	/* TTFV_NO_TIME when not reached */
	double ttfv_days;	/* in the tier's day kind; NAN when not reached */
	double sla_days;	/* the account's own SLA, else its tier's; NAN */
	enum day_kind days;	/* of ttfv_days, sla_days and the row's */
	int64_t deadline;	/* clock start + SLA, pushed back by pauses;
				 * TTFV_NO_TIME when none or a pause is open */
	/* its onboarding row (elapsed, projection, p_on_time, route, next
	 * step, alert), NULL when not onboarding */
	const struct onboarding_row *row;
};

/* What a report needs beyond its figures: which accounts get a QBR
 * summary (none when both are NULL), and accounts.csv's records. */
struct stats_pick {
	const char *account;	/* an account id, "all", or NULL */
	const char *csm;	/* every account of this CSM, or NULL */
	bool records;		/* s->records */
	/* every part on the calling thread (the tests compare the two) */
	bool one_thread;
};

/* ---- value drivers and experiments (stats_drivers.c, -------------------
 * stats_experiments.c; SPEC 8.4) */

/* Accounts with an outcome on one side of a driver split. */
struct driver_side {
	size_t accounts;	/* renewed + churned */
	size_t renewed;
	double renewal_rate;	/* NAN when accounts == 0 */
	double renewal_rate_lower, renewal_rate_upper;	/* Wilson 95 % */
	double km_p50, km_p50_lower, km_p50_upper;	/* TTFV, calendar days */
};

/* An event name against renewal: the accounts that did it within
 * driver_days of clock start (first occurrence, before the as-of
 * instant) and those that did not. */
struct driver {
	const char *event;
	struct driver_side with, without;
	double lift;		/* with - without renewal rate, NAN */
	double p_value;		/* prop.test(correct = FALSE), NAN */
	/* at least STATS_SMALL_N accounts on each side and p < 0.05:
	 * what the report may name */
	bool notable;
};

/* One value of the variant column: its accounts, their 30-day activation
 * and their curve of reaching first value. */
struct exp_arm {
	const char *name;
	size_t accounts;	/* measured accounts with this variant */
	/* first value within 30 days, over accounts with 30 days of
	 * follow-up or first value (eligible) */
	size_t eligible, activated;
	double rate;		/* activated / eligible, NAN when none */
	double rate_lower, rate_upper;	/* Wilson 95 % */
	double km_p50, km_p50_lower, km_p50_upper;	/* calendar days */
	double *curve;		/* 1 - S_KM(d), d = 0..ncurve-1 */
	size_t ncurve;		/* min(horizon, longest follow-up) + 1 */
};

/* A variant against the control arm. */
struct experiment {
	size_t control, variant;	/* indexes into stats.arms */
	size_t accounts;	/* both arms' accounts */
	/* P(variant's activation rate > control's), Beta(1, 1) priors; NAN
	 * when an arm has no eligible account */
	double p_variant_better;
	double logrank_chisq, logrank_p;	/* NAN when an arm is empty */
	const char *decision;	/* "variant better" "control better"
				 * "keep running" */
};
#define STATS_EXP_DAYS 30	/* the activation window */
/* A variant column with more values than this is no experiment (ids in
 * the wrong column, say): no arm is read. */
#define STATS_MAX_ARMS 20

struct stats {
	struct arena arena;	/* owns everything below */
	const char *title;
	int64_t as_of;		/* end of the as-of day, UTC instant */
	char as_of_date[11];	/* "2026-10-31" */
	enum cohort_unit cohort_unit;
	int horizon_days;

	struct group overall;	/* name "overall" */
	double *ttfv;		/* per account, calendar days: NAN when not
				 * reached */

	struct step_info *steps;
	size_t nsteps;

	struct tier_stats *tiers;	/* sorted by name */
	size_t ntiers;
	struct cohort_stats *cohorts;	/* oldest first */
	size_t ncohorts;
	/* the cohort curves and table: the period cohorts above, or with
	 * [report] cohort = an attribute column, a group per value of it
	 * (start and end TTFV_NO_TIME, complete); the trend stays by period */
	const char *cohort_column;	/* that column, else NULL */
	struct cohort_stats *curves;
	size_t ncurves;
	struct breakdown *breakdowns;	/* optional columns with values */
	size_t nbreakdowns;
	/* the "By segment" section: breakdowns in the configured order, and
	 * configured columns the data lacks */
	const struct breakdown **segments;
	size_t nsegments;
	const char *segments_absent[CONFIG_MAX_BREAKDOWNS];
	size_t nsegments_absent;
	bool arr_known;		/* some account has an ARR */

	struct funnel_step *funnel;
	size_t nfunnel;
	int funnel_worst;	/* index of the largest drop-off, -1 */
	double funnel_overall;	/* last step's reached over the first's, NAN
				 * when nobody completed the first */
	/* some tier with accounts walks a path other than the overall
	 * funnel's steps (tiers[].funnel then differ from it) */
	bool tier_paths;

	struct outcome_group renewed, churned;
	/* the configured bands, then "not reached" */
	struct band *bands;
	size_t nbands;
	struct band_gap gap;

	size_t pm_total;
	struct pm_category_stats pm[PM_COUNT];	/* by count, descending */
	const struct pm_category_stats *pm_top;	/* NULL when none */
	struct pm_month pm_months[STATS_PM_MONTHS];	/* oldest first */
	/* accounts whose SLA was breached (reached after the deadline, or
	 * past it now), those of them with a post-mortem, and the share */
	size_t pm_breaches, pm_with;
	double pm_coverage, pm_coverage_lower, pm_coverage_upper;
	struct pm_missing *pm_missing;	/* none at all, by breach */
	size_t npm_missing;
	struct pm_missing *pm_late;	/* opened late, by breach */
	size_t npm_late;

	/* accounts without first value that have not churned, most urgent
	 * first: breached, at risk, on track, each by deadline */
	struct onboarding_row *onboarding;
	size_t nonboarding;
	/* those rows by status (enum ob_status), over every tier */
	size_t status_count[3];
	/* open accounts whose clock has not started, so no SLA runs yet:
	 * longest wait first */
	struct awaiting_row *awaiting;
	size_t nawaiting;
	int kickoff_target_days;	/* the awaiting rows' target */
	/* accounts at a nudge checkpoint this week: the 3-day ones, then the
	 * 7-day ones, each oldest mark first */
	struct nudge_row *nudges;
	size_t nnudges;
	struct risk_calibration calibration;

	struct target_row targets[TARGET_COUNT];	/* over every account */
	struct weekly weekly;
	struct trend trend;	/* over all tiers, calendar days */

	struct churn_flags churn;
	struct data_quality dq;

	const struct account_summary *account;	/* --account ID, else NULL */
	/* every picked account's summary, in file order (account is qbr[0]
	 * when one id was picked) */
	struct account_summary *qbr;
	size_t nqbr;
	struct business_value business;
	/* every account of the export, in its order (accounts.csv), when
	 * stats_pick asked for them; else none */
	struct account_record *records;
	size_t nrecords;

	/* per account, in the tier's day kind (ttfv above is calendar days):
	 * NAN when not reached */
	double *ttfv_sla;
	size_t accounts_in_data;	/* every account, measured or not */

	/* one per tracked event name, by lift (largest first, NAN last),
	 * then by name */
	struct driver *drivers;
	size_t ndrivers;
	int driver_days;
	size_t driver_accounts;	/* measured accounts renewed or churned */
	size_t variant_values;	/* distinct values of the variant column */
	/* arms in sort order of their names; none without a variant column
	 * or with more than STATS_MAX_ARMS values */
	struct exp_arm *arms;
	size_t narms;
	size_t control_arm;	/* index into arms when narms > 0 */
	struct experiment *experiments;	/* each other arm, in arm order */
	size_t nexperiments;
};

/* Computes every figure (not accounts.csv's records: stats_compute_pick
 * does those).  account_id (may be NULL) asks for a QBR summary.
 * Problems (no first value configured, unknown --account) go to d with
 * -1 returned; s is then released. */
int stats_compute(struct stats *s, const struct model *m,
		  const struct config *c, const char *account_id,
		  struct diag *d);
/* The same with what pick asks for (pick may be NULL: the figures
 * only): an unknown id or CSM is an error naming the closest ones.  The
 * parts run on two threads when two processors are online, with the
 * same result as on one. */
int stats_compute_pick(struct stats *s, const struct model *m,
		       const struct config *c, const struct stats_pick *pick,
		       struct diag *d);
/* A view of s for the QBR of summary a: a shallow copy whose account is
 * a, which renderers and charts read like s.  It owns nothing: never
 * release it, and release s only after it is done with. */
struct stats stats_account_view(const struct stats *s,
				const struct account_summary *a);
void stats_release(struct stats *s);

#endif

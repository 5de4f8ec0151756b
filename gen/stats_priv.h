/* stats_priv.h - what the stats_*.c files share while computing.
 *
 * The driver (stats.c) fills a struct stats_work with per-account facts
 * (clock start, first value, durations) and the two sorted orders every
 * group reuses; each stats_*.c then adds its part of struct stats.  Not a
 * public header: charts and renderers read struct stats only.
 */
#ifndef TTFV_STATS_PRIV_H
#define TTFV_STATS_PRIV_H

#include <math.h>

#include "stats.h"
#include "timeutil.h"

/* A flat stretch of 1 - S that equals p within this is a tie (SPEC 3),
 * in the KM percentiles and in their intervals' curves alike.  R's
 * quantile.survfit uses sqrt(.Machine$double.eps), 1.49e-8: the two
 * differ only for a p in the 5e-9 band between. */
#define STATS_KM_TOL 1e-8

/* Where the steps and first value come from, resolved against the model. */
struct step_src {
	int ms;			/* enum milestone, or -1 */
	int ev;			/* model event id, or -1 */
};

/* A tier's onboarding path (seed 004: a path per segment): the steps its
 * accounts walk, in order, as indexes into s->steps; the first npre come
 * before first value (steps after it, such as go-live, are in the path but
 * not before value); fv is the position in the path of the step that is
 * first value, -1 when first value is no step of it; on[k] tells whether
 * step k is on the path; fv_src is where its first value comes from. */
struct tier_path {
	uint32_t *step;
	size_t n, npre;
	int fv;
	bool *on;
	struct step_src fv_src;
};

/* Two sets of parts run side by side once the accounts are measured and
 * the tiers' SLAs known (stats.c): each set writes only its own fields of
 * struct stats and of the arrays here, and the onboarding set no field of
 * this struct itself, since the second thread runs it on a copy whose
 * arena is its own. */
struct stats_work {
	const struct model *m;
	const struct config *c;
	struct stats *s;
	/* where the parts allocate what the stats keep: s->arena, or the
	 * second thread's own, which s->arena adopts after the join */
	struct arena *arena;
	size_t n;		/* accounts in the model */

	/* Weekday holidays of the config, sorted and unique: business days. */
	int64_t *hol;
	size_t nhol;

	int *tier_ms;		/* per tier: milestone its clock starts at */
	size_t fv_before_start;	/* first values before the clock start */

	struct step_src fv_src;	/* first value by [report]'s rule */
	struct step_src *step_src;	/* per s->steps[k] */
	int fv_step;		/* index of the step that is first value, -1 */
	struct tier_path *path;	/* per tier (its fv_src set before the
				 * accounts are measured, the rest by
				 * stats_steps_resolve) */

	/* Per account.  start is TTFV_NO_TIME when the clock has not started
	 * by the as-of date (such accounts are in no figure); fv is the first
	 * value when it came by the as-of date, else TTFV_NO_TIME. */
	int64_t *start;
	int64_t *fv;
	int32_t *tier;		/* index into s->tiers */
	double *cal;		/* calendar days: TTFV, or elapsed when censored */
	double *dur;		/* the same in the tier's day kind */
	double *limit;		/* the account's SLA (tier's or its own), NAN */
	int64_t *breach_at;	/* when the SLA was exceeded, or TTFV_NO_TIME */
	int32_t *cohort;	/* index into s->cohorts, -1 when unmeasured */
	/* The model's facts that groups read account by account in time
	 * order, side by side: a model account is 288 bytes, so reading one
	 * field of it in that order is a cache miss each time. */
	double *arr;		/* ARR, NAN when blank */
	double *own_sla;	/* the account's own SLA days, NAN when blank */
	uint8_t *outcome;	/* enum outcome */

	/* Measured accounts sorted by cal (resp. dur), events before
	 * censorings at equal times: every group is a stable subsequence. */
	uint32_t *by_cal;
	uint32_t *by_dur;
	/* The same in account order, for figures that do not depend on the
	 * order (counts, medians): their reads of the model's per-account
	 * columns then go through memory in order, where by_cal's are a
	 * cache miss each. */
	uint32_t *by_account;
	size_t nmeasured;

	/* Per tier and per segment of its path (segment k ends at the path's
	 * step k, segment npre at first value): median calendar seconds, NAN
	 * when no account went through it.  [tier * nseg + k]; nseg is the
	 * longest path's npre + 1.  Allocated with the paths, so the part
	 * that fills it (on either thread) writes no field here. */
	double *seg_median;
	size_t nseg;
};

static inline bool sw_reached(const struct stats_work *w, uint32_t a)
{
	return w->fv[a] != TTFV_NO_TIME;
}

static inline const struct tier_path *sw_path(const struct stats_work *w,
					       uint32_t a)
{
	return &w->path[w->tier[a]];
}

/* Whether step k counts as done-before-value for account a: on its tier's
 * path and not its first value (the landmark's step count). */
static inline bool sw_step_counts(const struct stats_work *w, size_t k,
				  uint32_t a)
{
	const struct tier_path *p = sw_path(w, a);
	return p->on[k] && (p->fv < 0 || p->step[p->fv] != k);
}

/* A count as a double: through int64_t, the same value for any count
 * below 2^63 in one instruction, where size_t's conversion branches (it
 * matters in the loops that run once per account or censoring). */
static inline double sw_count(size_t n)
{
	return (double)(int64_t)n;
}

/* ---- stats_pct.c -------------------------------------------------------- */

/* Fills g from the accounts idx[0..n), a subsequence of an order sorted by
 * time[]; keeps the estimate in *keep when keep is not NULL. */
void stats_group_fill(struct group *g, const struct stats_work *w,
		      const double *time, const uint32_t *idx, size_t n,
		      struct km *keep);
/* The figures of g (counts, percentiles, KM percentiles and interval,
 * reached share's interval) from the estimate k over every account and
 * the reached accounts' times ascending. */
void stats_group_figures(struct group *g, const struct km *k,
			 const double *reached, size_t nr);
/* 1 - S(d) of k for each whole day d from 0 to the smaller of the horizon
 * and k's longest follow-up, in w->arena; *n gets the count. */
double *stats_km_curve(const struct stats_work *w, const struct km *k,
		       size_t *n);
/* Buckets order[0..n) by key[a] (0..nkeys-1, -1 skipped), stably: *off
 * gets nkeys + 1 offsets into the returned array.  Caller frees both. */
uint32_t *stats_bucket(const uint32_t *order, size_t n, const int32_t *key,
		       size_t nkeys, size_t **off);
/* time[0..n) and event[0..n) into t and e by time, events before
 * censorings at equal times: the order stats_km_build_sorted takes. */
void stats_timed_sort(const double *time, const bool *event, size_t n,
		      double *t, bool *e);
/* Reorders rows[0..n) (each size bytes) by (k1, k2), then by i, where
 * keys[j] describes row keys[j].i; keys is reordered too. */
struct stats_rowkey {
	int64_t k1, k2;
	uint32_t i;
};
void stats_rows_sort(void *rows, size_t n, size_t size,
		     struct stats_rowkey *keys);
/* Type 7 median of v[0..n) (reordered), NAN when n == 0; linear time. */
double stats_median_of(double *v, size_t n);
/* The same at level p (0..1). */
double stats_quantile_of(double *v, size_t n, double p);

/* ---- stats_ttfv.c ------------------------------------------------------- */

void stats_work_holidays(struct stats_work *w);
/* Days from a to b (b >= a) of this kind, less the account's pauses that
 * overlap [a, b] (a < 0 account: no pauses); never negative. */
double stats_duration(const struct stats_work *w, int32_t account, int64_t a,
		      int64_t b, enum day_kind kind);
/* When the account's SLA of days (of this kind) from start runs out: its
 * pauses push it back; TTFV_NO_TIME while a pause before it is open. */
int64_t stats_deadline(const struct stats_work *w, int32_t account,
		       int64_t start, double days, enum day_kind kind);
/* The instant days of this kind after t (before, when negative). */
int64_t stats_instant_after(const struct stats_work *w, int64_t t,
			    double days, enum day_kind kind);
/* s->tiers from the tier column and the config, sorted by name. */
void stats_tiers_setup(struct stats_work *w);
/* The first value source, [report]'s and each tier's (w->path[t].fv_src,
 * w->path allocated here): the configured event when it occurs, else the
 * first_value_at column (config_check has made sure one of them is
 * there). */
void stats_first_value_source(struct stats_work *w);
/* Clock start, first value and durations of every account. */
void stats_accounts_measure(struct stats_work *w);
/* Time of step k for account a when done by the as-of date. */
int64_t stats_step_at(const struct stats_work *w, size_t k, uint32_t a);
/* When src happened for account a, strictly before the as-of instant;
 * TTFV_NO_TIME when not (yet). */
int64_t stats_src_time(const struct stats_work *w, struct step_src src,
		       uint32_t a);

/* ---- the other parts ---------------------------------------------------- */

/* stats_onboarding.c: at (the as-of instant, or an earlier one) plus the
 * tier's median durations of segments cur..end-1 of account a's path (for
 * cur, less the time already spent in it by at); TTFV_NO_TIME when a
 * median is unknown.  Segment k < npre ends at the path's step k, segment
 * npre at first value. */
int64_t stats_projected(const struct stats_work *w, uint32_t a, size_t cur,
			size_t end, int64_t at);
/* stats_account.c: the QBR summaries of the picked accounts; -1 with a
 * diag naming the closest ids when one is unknown. */
int stats_accounts_pick(struct stats_work *w, const struct stats_pick *pick,
			struct diag *d);

/* The paths, and w->seg_median allocated for them (stats_steps.c). */
void stats_steps_resolve(struct stats_work *w);
/* The tiers' figures and SLAs: w->limit and w->breach_at, which most
 * other parts read (stats_groups.c). */
void stats_tiers_compute(struct stats_work *w);
/* The overall figures, cohorts, breakdowns, outcomes and the trend
 * (stats_groups.c). */
void stats_groups_compute(struct stats_work *w);
void stats_funnel_compute(struct stats_work *w);	/* stats_funnel.c */
void stats_onboarding_compute(struct stats_work *w);	/* stats_onboarding.c */
/* p_on_time, risk and route of the onboarding rows, and the backtest */
void stats_risk_compute(struct stats_work *w);	/* stats_risk.c */
void stats_postmortems_compute(struct stats_work *w);	/* stats_postmortems.c */
void stats_nudges_compute(struct stats_work *w);	/* stats_nudges.c */
/* s->records, once the onboarding rows are final (stats_records.c) */
void stats_records_compute(struct stats_work *w);
void stats_business_compute(struct stats_work *w);	/* stats_business.c */
void stats_targets_compute(struct stats_work *w);	/* stats_targets.c */
/* The KM-median trend, pooled and per tier; needs the cohorts and the
 * tiers (stats_groups.c calls it).  stats_trend.c */
void stats_trend_compute(struct stats_work *w);
void stats_weekly_compute(struct stats_work *w);	/* stats_weekly.c */

/* A target's definition and configured bounds (stats_targets.c), and its
 * status once value is set. */
void stats_target_init(struct target_row *t, enum target_id id,
		       const struct config *c);
const char *stats_target_status(const struct target_row *t);

/* num / den, NAN when den is 0. */
static inline double stats_share(size_t num, size_t den)
{
	return den ? (double)num / (double)den : NAN;
}

/* Targets measured over a window (stats_weekly.c): value and what it is
 * over.  The manual-assist share and complete records of the first values
 * in [lo, hi); week-2 retention of the accounts whose clock started in
 * [lo, hi), counting events before at.  The report's targets over every
 * account take the widest window. */
struct target_figures {
	double value[TARGET_COUNT];
	double lower, upper;	/* the median's KM interval */
	size_t accounts[TARGET_COUNT];
};
void stats_reached_figures(const struct stats_work *w, int64_t lo, int64_t hi,
			   struct target_figures *f);
void stats_retention_figure(const struct stats_work *w, int64_t lo,
			    int64_t hi, int64_t at, struct target_figures *f);
/* The local midnight k weeks before the as-of instant. */
int64_t stats_weeks_back(const struct stats *s, int k);

/* The status account a had at the earlier instant at, as the report as of
 * then would give it (steps and first value up to then; today's tier
 * medians and SLA); false when it was not onboarding then (clock not yet
 * started, or first value already reached).  *stalled as in the row. */
bool stats_status_at(const struct stats_work *w, uint32_t a, int64_t at,
		     enum ob_status *status, bool *stalled);
void stats_drivers_compute(struct stats_work *w);	/* stats_drivers.c */
/* -1 with a diag when [experiment] control names no variant value. */
int stats_experiments_compute(struct stats_work *w, struct diag *d);
/* Kaplan-Meier from times sorted ascending (stats_pct.c). */
void stats_km_build_sorted(struct km *k, const double *time,
			   const bool *event, size_t n);
/* KM median of the times t[0..n) (ascending, events flagged in e), and its
 * 95 % interval: out[0..2] = median, lower, upper; keeps the estimate in
 * *keep when not NULL (stats_drivers.c). */
void stats_km_median_ci(const double *t, const bool *e, size_t n,
			double out[3], struct km *keep);

#endif

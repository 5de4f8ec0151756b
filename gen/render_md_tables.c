/* render_md_tables.c - the {{table NAME}} placeholders: each figure group
 * of struct stats as a GitHub pipe table.  Every data string goes through
 * md_cell_text; headers and labels are ours. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_md.h"

void md_cell_status(struct buf *out, const char *status)
{
	if (!status)
		md_cell_raw(out, "n/a");
	else if (strcmp(status, "missed") == 0)
		md_cell_raw(out, "**missed**");
	else if (strcmp(status, "warning") == 0)
		md_cell_raw(out, "*warning*");
	else
		md_cell_text(out, status);
}

/* Figures from fewer than STATS_SMALL_N accounts carry " (n = 11)" in
 * their own cell, so a reader sees which number rests on a handful. */
static void md_cell_days_n(struct buf *out, double days, size_t n)
{
	buf_putc(out, ' ');
	md_days(out, days);
	if (!isnan(days))
		md_small_n(out, n);
	buf_puts(out, " |");
}

/* A KM median with its 95 % interval: "6.7 (6.4–7.0)". */
static void md_cell_km(struct buf *out, double median, double lower,
		       double upper, size_t n)
{
	buf_putc(out, ' ');
	md_days(out, median);
	if (!isnan(median)) {
		buf_puts(out, " (");
		md_interval(out, lower, upper);
		buf_putc(out, ')');
		md_small_n(out, n);
	}
	buf_puts(out, " |");
}

/* A rate stats computed over n, with its Wilson interval: "78.5%
 * (74.0–82.4%)"; n/a when it has none (n = 0). */
static void md_cell_rate(struct buf *out, double rate, size_t n,
			 double lower, double upper)
{
	buf_putc(out, ' ');
	if (isnan(rate)) {
		buf_puts(out, "n/a |");
		return;
	}
	md_share(out, rate);
	buf_puts(out, " (");
	md_share_interval(out, lower, upper);
	buf_putc(out, ')');
	md_small_n(out, n);
	buf_puts(out, " |");
}

static void md_cell_group_km(struct buf *out, const struct group *g)
{
	md_cell_km(out, g->km[1], g->km_p50_lower, g->km_p50_upper,
		   g->accounts);
}

static void md_cell_group_reached(struct buf *out, const struct group *g)
{
	md_cell_rate(out, g->reached_share, g->accounts, g->reached_lower,
		     g->reached_upper);
}

/* A target figure: a share as a percentage, anything else as days. */
void md_target_value(struct buf *out, const struct target_row *t, double v)
{
	if (t->is_share)
		md_share(out, v);
	else
		md_days(out, v);
}

/* "≤ 5.0" / "≥ 70.0%" for the target, "> 8.0" / "< 55.0%" for the
 * warning threshold; a target nobody configured says it is the default,
 * so a "missed" against it is read as such (SPEC 8.1). */
void md_cell_bound(struct buf *out, const struct target_row *t, double v,
		   bool warning)
{
	const char *op = t->higher_is_better ? (warning ? " < " : " ≥ ") :
					       (warning ? " > " : " ≤ ");
	buf_puts(out, isnan(v) ? " " : op);
	md_target_value(out, t, v);
	if (!warning && t->is_default)
		buf_puts(out, " (default)");
	buf_puts(out, " |");
}

static void md_table_targets(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Metric", "Value", "Target",
					"Warning threshold", "Status"};
	md_table_head(out, h, "lrrrl");
	for (int i = 0; i < TARGET_COUNT; i++) {
		const struct target_row *t = &s->targets[i];
		md_row_begin(out);
		md_cell_text(out, t->label);
		buf_putc(out, ' ');
		md_target_value(out, t, t->value);
		buf_puts(out, " |");
		md_cell_bound(out, t, t->target, false);
		md_cell_bound(out, t, t->warning, true);
		md_cell_status(out, t->status);
		md_row_end(out);
	}
}

static void md_row_figure(struct buf *out, const char *label,
			  void (*cell)(struct buf *, double), double v)
{
	md_row_begin(out);
	md_cell_raw(out, label);
	cell(out, v);
	md_cell_raw(out, "—");
	md_cell_raw(out, "—");
	md_row_end(out);
}

static void md_table_headline(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Metric", "Value", "Target",
					"Status"};
	const struct group *g = &s->overall;

	md_table_head(out, h, "lrrl");
	md_row_figure(out, "Accounts", md_cell_number, (double)g->accounts);
	md_row_begin(out);
	md_cell_raw(out, "Reached first value (95% CI)");
	md_cell_group_reached(out, g);
	md_cell_raw(out, "—");
	md_cell_raw(out, "—");
	md_row_end(out);
	for (int i = 0; i < TARGET_COUNT; i++) {
		const struct target_row *t = &s->targets[i];
		md_row_begin(out);
		md_cell_text(out, t->label);
		buf_putc(out, ' ');
		md_target_value(out, t, t->value);
		buf_puts(out, " |");
		md_cell_bound(out, t, t->target, false);
		md_cell_status(out, t->status);
		md_row_end(out);
	}
	md_row_begin(out);
	md_cell_raw(out, "Median TTFV, Kaplan–Meier (days, 95% CI)");
	md_cell_group_km(out, g);
	md_cell_raw(out, "—");
	md_cell_raw(out, "—");
	md_row_end(out);
	md_row_begin(out);
	md_cell_raw(out, "p90 TTFV, reached accounts (days)");
	md_cell_days_n(out, g->p[3], g->reached);
	md_cell_raw(out, "—");
	md_cell_raw(out, "—");
	md_row_end(out);
	md_row_figure(out, "Onboarding now: at risk", md_cell_number,
		      (double)s->status_count[STATUS_AT_RISK]);
	md_row_figure(out, "Onboarding now: SLA breached", md_cell_number,
		      (double)s->status_count[STATUS_BREACHED]);
}

/* "41 (auto)", "41 business (config)" when the SLA counts business
 * days, "14 (config, contractual)" for a contractual SLA. */
static void md_cell_sla(struct buf *out, const struct tier_stats *t)
{
	buf_putc(out, ' ');
	md_number(out, t->sla_days);
	if (t->days == DAYS_BUSINESS && !isnan(t->sla_days))
		buf_puts(out, " business");
	buf_puts(out, " (");
	md_text(out, t->sla_source);
	buf_puts(out, t->contractual ? ", contractual) |" : ") |");
}

static void md_table_tiers(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {
		"Tier", "Accounts", "Reached", "KM median (days, 95% CI)",
		"p75 of reached (days)", "SLA (days)", "SLA attainment (95% CI)",
		"On track", "At risk", "Breached"};
	md_table_head(out, h, "lrrrrrrrrr");
	for (size_t i = 0; i < s->ntiers; i++) {
		const struct tier_stats *t = &s->tiers[i];
		md_row_begin(out);
		md_cell_text(out, t->g.name);
		md_cell_count(out, t->g.accounts);
		md_cell_count(out, t->g.reached);
		md_cell_group_km(out, &t->g);
		md_cell_days_n(out, t->g.p[2], t->g.reached);
		md_cell_sla(out, t);
		md_cell_rate(out, t->attainment, t->sla_closed,
			     t->attainment_lower, t->attainment_upper);
		md_cell_count(out, t->on_track);
		md_cell_count(out, t->at_risk);
		md_cell_count(out, t->breached);
		md_row_end(out);
	}
}

static void md_row_percentiles(struct buf *out, const struct group *g,
			       const char *label)
{
	md_row_begin(out);
	if (label)
		md_cell_raw(out, label);
	else
		md_cell_text(out, g->name);
	md_cell_count(out, g->accounts);
	md_cell_count(out, g->reached);
	for (int k = 0; k < STATS_NPCT; k++)
		md_cell_days_n(out, g->p[k], g->reached);
	for (int k = 0; k < STATS_NPCT; k++)
		if (k == 1)
			md_cell_group_km(out, g);
		else
			md_cell_days_n(out, g->km[k], g->accounts);
	md_row_end(out);
}

/* Type 7 over reached accounts next to Kaplan-Meier over all of them, so
 * the censoring's effect is visible (SPEC: "reports show both"). */
static void md_table_percentiles(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {
		"Group", "Accounts", "Reached", "p25", "p50", "p75", "p90",
		"KM p25", "KM p50 (95% CI)", "KM p75", "KM p90"};
	md_table_head(out, h, "lrrrrrrrrrr");
	md_row_percentiles(out, &s->overall, "All accounts");
	for (size_t i = 0; i < s->ntiers; i++)
		md_row_percentiles(out, &s->tiers[i].g, NULL);
}

/* "2026-10 (in progress)" for a cohort whose period has not ended. */
static void md_cell_cohort(struct buf *out, const char *name, bool complete)
{
	buf_putc(out, ' ');
	md_text(out, name);
	buf_puts(out, complete ? " |" : " (in progress) |");
}

static void md_cell_share_n(struct buf *out, double share, size_t n)
{
	buf_putc(out, ' ');
	md_share(out, share);
	if (!isnan(share))
		md_small_n(out, n);
	buf_puts(out, " |");
}

static double md_curve_at(const struct cohort_stats *c, size_t day)
{
	return day < c->ncurve ? c->curve[day] : NAN;
}

static void md_table_cohorts(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {
		"Cohort", "Accounts", "Reached", "KM median (days, 95% CI)",
		"Median of reached only (days)", "Reached by day 7",
		"Reached by day 30"};
	md_table_head(out, h, "lrrrrrr");
	for (size_t i = 0; i < s->ncurves; i++) {
		const struct cohort_stats *c = &s->curves[i];
		md_row_begin(out);
		md_cell_cohort(out, c->g.name, c->complete);
		md_cell_count(out, c->g.accounts);
		md_cell_count(out, c->g.reached);
		md_cell_group_km(out, &c->g);
		md_cell_days_n(out, c->g.p[1], c->g.reached);
		md_cell_share_n(out, md_curve_at(c, 7), c->g.accounts);
		md_cell_share_n(out, md_curve_at(c, 30), c->g.accounts);
		md_row_end(out);
	}
}

/* KM medians by cohort: the figures the trend is judged on, with the
 * reached-only median beside them, labelled, for comparison. */
static void md_table_trend(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {
		"Cohort", "Accounts", "Reached", "KM median (days, 95% CI)",
		"Median of reached only (days)"};
	md_table_head(out, h, "lrrrr");
	for (size_t i = 0; i < s->trend.npoints; i++) {
		const struct trend_point *t = &s->trend.points[i];
		md_row_begin(out);
		md_cell_cohort(out, t->cohort, t->complete);
		md_cell_count(out, t->accounts);
		md_cell_count(out, t->reached);
		md_cell_km(out, t->km_p50, t->km_p50_lower, t->km_p50_upper,
			   t->accounts);
		md_cell_days_n(out, t->p50, t->reached);
		md_row_end(out);
	}
}

/* The trend test of each tier, in the tier's own days. */
static void md_table_trend_tiers(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {
		"Tier", "Latest complete cohort", "KM median (95% CI)",
		"Up to three cohorts before, pooled", "KM median (95% CI)", "Log-rank",
		"Direction"};
	md_table_head(out, h, "llrlrrl");
	for (size_t i = 0; i < s->ntiers; i++) {
		const struct tier_stats *ts = &s->tiers[i];
		const struct trend *tr = &ts->trend;
		const struct trend_test *t = &tr->test;
		md_row_begin(out);
		md_cell_text(out, ts->g.name);
		if (!t->direction) {
			md_cell_raw(out, "no two complete cohorts");
			for (int k = 0; k < 5; k++)
				md_cell_raw(out, "—");
			md_row_end(out);
			continue;
		}
		md_cell_text(out, tr->points[t->cohort].cohort);
		md_cell_km(out, t->km_p50, t->km_p50_lower, t->km_p50_upper,
			   t->accounts);
		buf_putc(out, ' ');
		md_text(out, tr->points[t->baseline[0]].cohort);
		if (t->nbaseline > 1) {
			buf_puts(out, " to ");
			md_text(out, tr->points[t->baseline[t->nbaseline - 1]]
					     .cohort);
		}
		buf_puts(out, " |");
		md_cell_km(out, t->baseline_km_p50, t->baseline_km_p50_lower,
			   t->baseline_km_p50_upper, t->baseline_accounts);
		buf_putc(out, ' ');
		md_p_value(out, t->p_value);
		buf_puts(out, " |");
		md_cell_raw(out, t->direction);
		md_row_end(out);
	}
}

static void md_funnel(const struct funnel_step *fs, size_t n, int worst,
		      struct buf *out)
{
	static const char *const h[] = {
		"Step", "Reached", "Reached next", "Conversion", "Drop-off",
		"Median days to next"};
	md_table_head(out, h, "lrrrrr");
	for (size_t i = 0; i < n; i++) {
		const struct funnel_step *f = &fs[i];
		md_row_begin(out);
		if ((int)i == worst) {
			buf_puts(out, " **");
			md_text(out, f->step);
			buf_puts(out, "** |");
		} else {
			md_cell_text(out, f->step);
		}
		md_cell_count(out, f->reached);
		md_cell_count(out, f->next);
		md_cell_share_n(out, f->conversion, f->reached);
		md_cell_share_n(out, f->dropoff, f->reached);
		md_cell_days_n(out, f->median_days_to_next, f->next);
		md_row_end(out);
	}
}

/* The overall funnel, then, when tiers walk paths of their own (seed
 * 004), each tier's over its own steps. */
static void md_table_funnel(const struct stats *s, struct buf *out)
{
	md_funnel(s->funnel, s->nfunnel, s->funnel_worst, out);
	for (size_t t = 0; s->tier_paths && t < s->ntiers; t++) {
		const struct tier_stats *ts = &s->tiers[t];
		if (!ts->g.accounts)
			continue;
		buf_puts(out, "\nTier **");
		md_text(out, ts->g.name);
		buf_puts(out, "**, first value from ");
		md_text(out, ts->first_value_source);
		buf_puts(out, ":\n\n");
		md_funnel(ts->funnel, ts->nfunnel, ts->funnel_worst, out);
	}
}

static void md_row_outcome(struct buf *out, const char *label,
			   const struct outcome_group *o)
{
	md_row_begin(out);
	md_cell_raw(out, label);
	md_cell_count(out, o->accounts);
	for (int k = 0; k < STATS_NPCT; k++)
		md_cell_days_n(out, o->p[k], o->accounts);
	md_row_end(out);
}

static void md_table_outcomes(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Outcome", "Accounts", "p25 (days)",
					"p50 (days)", "p75 (days)",
					"p90 (days)"};
	md_table_head(out, h, "lrrrrr");
	md_row_outcome(out, "Renewed", &s->renewed);
	md_row_outcome(out, "Churned", &s->churned);
}

static void md_table_bands(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"TTFV band (days)", "Accounts",
					"Renewed", "Renewal rate (95% CI)"};
	md_table_head(out, h, "lrrr");
	for (size_t i = 0; i < s->nbands; i++) {
		const struct band *b = &s->bands[i];
		md_row_begin(out);
		md_cell_text(out, b->band);
		md_cell_count(out, b->accounts);
		md_cell_count(out, b->renewed);
		md_cell_rate(out, b->renewal_rate, b->accounts,
			     b->renewal_rate_lower, b->renewal_rate_upper);
		md_row_end(out);
	}
}

static void md_table_postmortems(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Root cause", "Post-mortems",
					"Share of post-mortems", "Owner"};
	md_table_head(out, h, "lrrl");
	for (int i = 0; i < PM_COUNT; i++) {
		const struct pm_category_stats *p = &s->pm[i];
		md_row_begin(out);
		md_cell_text(out, p->label);
		md_cell_count(out, p->count);
		md_cell_share_n(out, p->share, s->pm_total);
		md_cell_text(out, p->owner);
		md_row_end(out);
	}
}

static void md_table_postmortem_months(const struct stats *s,
				       struct buf *out)
{
	static const char *const h[] = {"Month", "Product", "Data migration",
					"Configuration",
					"Customer readiness", "Total"};
	md_table_head(out, h, "lrrrrr");
	for (int i = 0; i < STATS_PM_MONTHS; i++) {
		const struct pm_month *m = &s->pm_months[i];
		size_t total = 0;
		md_row_begin(out);
		md_cell_text(out, m->month);
		for (int c = 0; c < PM_COUNT; c++) {
			md_cell_count(out, m->count[c]);
			total += m->count[c];
		}
		md_cell_count(out, total);
		md_row_end(out);
	}
}

static void md_pm_rows(struct buf *out, const struct pm_missing *rows,
		       size_t n, bool late)
{
	static const char *const h[] = {"Account", "Name", "Tier",
					"Breached on", "Business days since",
					"First value", "Post-mortem opened",
					"Business days to it"};
	md_table_head(out, h, late ? "lllrrlrr" : "lllrrl");
	/* the latest breaches first: the ones a post-mortem can still
	 * explain; report.json has every one */
	size_t shown = md_list_shown(n);
	for (size_t k = 0; k < shown; k++) {
		const struct pm_missing *p = &rows[n - 1 - k];
		md_row_begin(out);
		md_cell_text(out, p->account_id);
		md_cell_text(out, p->name);
		md_cell_text(out, p->tier);
		md_cell_date(out, p->breached_at);
		md_cell_days(out, p->days_since);
		md_cell_raw(out, p->reached ? "reached late" : "not yet");
		if (late) {
			md_cell_date(out, p->opened_at);
			md_cell_days(out, p->days_to_postmortem);
		}
		md_row_end(out);
	}
	md_list_more(out, shown, n,
		     late ? "postmortems.late" : "postmortems.missing");
}

/* Breaches with no post-mortem at all, five business days on. */
static void md_table_postmortems_missing(const struct stats *s,
					 struct buf *out)
{
	md_pm_rows(out, s->pm_missing, s->npm_missing, false);
}

/* Breaches whose first post-mortem came after the five business days. */
static void md_table_postmortems_late(const struct stats *s,
				      struct buf *out)
{
	md_pm_rows(out, s->pm_late, s->npm_late, true);
}

/* "1,234,500": an amount in the export's own currency, to the unit. */
static void md_cell_amount(struct buf *out, double v, bool known)
{
	char digits[32];
	if (!known || isnan(v)) {
		md_cell_raw(out, "n/a");
		return;
	}
	snprintf(digits, sizeof digits, "%.0f", v);
	size_t n = strlen(digits), lead = digits[0] == '-';
	buf_putc(out, ' ');
	for (size_t i = 0; i < n; i++) {
		if (i > lead && (n - i) % 3 == 0)
			buf_putc(out, ',');
		buf_putc(out, digits[i]);
	}
	buf_puts(out, " |");
}

/* SPEC 8.4 "By segment": a table per configured breakdown column. */
static void md_table_segments(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {
		"Group", "Accounts", "KM median (days, 95% CI)",
		"Reached (95% CI)", "SLA attainment (95% CI)", "ARR reached",
		"ARR still onboarding"};
	for (size_t k = 0; k < s->nsegments; k++) {
		const struct breakdown *bd = s->segments[k];
		if (k)
			buf_puts(out, "\n");
		buf_puts(out, "### ");
		md_text(out, schema_label(bd->column));
		buf_puts(out, "\n\n");
		md_table_head(out, h, "lrrrrrr");
		for (size_t i = 0; i < bd->n; i++) {
			const struct group *g = &bd->groups[i];
			const struct segment_facts *f = &bd->facts[i];
			md_row_begin(out);
			md_cell_text(out, g->name);
			md_cell_count(out, g->accounts);
			md_cell_group_km(out, g);
			md_cell_group_reached(out, g);
			md_cell_rate(out, f->attainment, f->sla_closed,
				     f->attainment_lower, f->attainment_upper);
			md_cell_amount(out, f->arr_reached, s->arr_known);
			md_cell_amount(out, f->arr_onboarding, s->arr_known);
			md_row_end(out);
		}
	}
	for (size_t k = 0; k < s->nsegments_absent; k++) {
		buf_puts(out, k || s->nsegments ? "\n" : "");
		buf_puts(out, "No ");
		md_text(out, s->segments_absent[k]);
		buf_puts(out, " column in the accounts data.\n");
	}
}

/* First value beside business value: the same figures of each. */
static void md_table_business(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {
		"Milestone", "Accounts", "Reached", "Median of reached only (days)",
		"p75 of reached only (days)",
		"Median, Kaplan–Meier (days, 95% CI)"};
	md_table_head(out, h, "lrrrrr");
	const struct group *g[2] = {&s->overall, &s->business.g};
	const char *name[2] = {"First value", "Business value"};
	for (int i = 0; i < 2; i++) {
		md_row_begin(out);
		md_cell_raw(out, name[i]);
		md_cell_count(out, g[i]->accounts);
		md_cell_group_reached(out, g[i]);
		md_cell_days_n(out, g[i]->p[1], g[i]->reached);
		md_cell_days_n(out, g[i]->p[2], g[i]->reached);
		md_cell_group_km(out, g[i]);
		md_row_end(out);
	}
}

/* A flag whose data the exports lack is n/a, not 0 accounts. */
static void md_row_flag(struct buf *out, const char *label, size_t n,
			bool known)
{
	md_row_begin(out);
	md_cell_raw(out, label);
	if (known)
		md_cell_count(out, n);
	else
		md_cell_raw(out, "n/a");
	md_row_end(out);
}

static void md_table_data_quality(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Check", "Count"};
	const struct data_quality *q = &s->dq;
	md_table_head(out, h, "lr");
	const struct {
		const char *label;
		size_t n;
	} rows[] = {
		{"Rows skipped (--lenient)", q->rows_skipped},
		{"Accounts without a tier", q->accounts_without_tier},
		{"Accounts without a clock start",
		 q->accounts_without_clock_start},
		{"First value before the clock start (counted as 0)",
		 q->first_value_before_start},
		{"Pauses with no resumed_at (still running)", q->pauses_open},
		{"Pauses with no reason (undocumented)",
		 q->pauses_undocumented},
		{"Configured steps no account completed", q->steps_unreached},
		{"Event names no step uses", q->event_names_unused},
		{"Event rows past the tracked-name limit", q->events_untracked},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		md_row_flag(out, rows[i].label, rows[i].n, true);
}

static void md_table_churn_flags(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Churn flag", "Accounts"};
	const struct churn_flags *c = &s->churn;
	md_table_head(out, h, "lr");
	md_row_flag(out, "TTFV past the SLA", c->breach, true);
	md_row_flag(out, "No named exec sponsor", c->no_exec_sponsor,
		    c->exec_sponsor_known);
	md_row_flag(out, "Low weekly active users after first value",
		    c->low_wau, c->wau_known);
	md_row_flag(out, "Any of these", c->any, true);
}

static const struct {
	const char *name;
	void (*fn)(const struct stats *, struct buf *);
	bool needs_account;
} md_tables[] = {
	{"headline", md_table_headline, false},
	{"targets", md_table_targets, false},
	{"tiers", md_table_tiers, false},
	{"percentiles", md_table_percentiles, false},
	{"cohorts", md_table_cohorts, false},
	{"trend", md_table_trend, false},
	{"trend_tiers", md_table_trend_tiers, false},
	{"segments", md_table_segments, false},
	{"funnel", md_table_funnel, false},
	{"outcomes", md_table_outcomes, false},
	{"bands", md_table_bands, false},
	{"postmortems", md_table_postmortems, false},
	{"postmortem_months", md_table_postmortem_months, false},
	{"postmortems_missing", md_table_postmortems_missing, false},
	{"postmortems_late", md_table_postmortems_late, false},
	{"onboarding", md_table_onboarding, false},
	{"risk_calibration", md_table_risk_calibration, false},
	{"awaiting", md_table_awaiting, false},
	{"nudges", md_table_nudges, false},
	{"business_value", md_table_business, false},
	{"timeline", md_table_timeline, true},
	{"account_internal", md_table_account_internal, true},
	{"account_postmortems", md_table_account_postmortems, true},
	{"data_quality", md_table_data_quality, false},
	{"churn_flags", md_table_churn_flags, false},
	{"drivers", md_table_drivers, false},
	{"experiments", md_table_experiments, false},
};

int md_table(const struct stats *s, const char *name, struct buf *out)
{
	if (md_weekly_table(s, name, out) == 0)
		return 0;
	for (size_t i = 0; i < sizeof md_tables / sizeof *md_tables; i++) {
		if (strcmp(md_tables[i].name, name) != 0)
			continue;
		if (!out)
			return 0;
		if (md_tables[i].needs_account && !s->account)
			buf_puts(out, "*No account was chosen (--account ID).*");
		else
			md_tables[i].fn(s, out);
		/* The placeholder's own line ends the last row. */
		if (out->len && out->ptr[out->len - 1] == '\n')
			out->ptr[--out->len] = '\0';
		return 0;
	}
	return -1;
}

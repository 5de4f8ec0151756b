/* chart_alt.c - one sentence per chart for the HTML alt text, saying what
 * is drawn and the figure a reader would look for first.  Plain text: the
 * HTML renderer escapes it. */
#include <math.h>
#include <string.h>

#include "chart_canvas.h"
#include "timeutil.h"

static const char *nm(const char *s)
{
	return s ? s : "";
}

static void alt_days(struct buf *out, double days)
{
	char t[32];

	chart_fmt_days(t, sizeof(t), days);
	buf_puts(out, t);
	if (isfinite(days))
		buf_puts(out, " days");
}

/* "41 days", "36 business days" */
static void alt_sla_days(struct buf *out, const struct tier_stats *t)
{
	char d[32];

	chart_fmt_days(d, sizeof(d), t->sla_days);
	buf_addf(out, "%s %sdays", d, t->days == DAYS_BUSINESS ? "business " : "");
}

static void alt_pct(struct buf *out, double share)
{
	char t[16];

	chart_fmt_pct(t, sizeof(t), share);
	buf_puts(out, t);
}

static void alt_count(struct buf *out, size_t n)
{
	char t[32];

	chart_fmt_count(t, sizeof(t), n);
	buf_puts(out, t);
}

/* ", SLA high-touch 41 days, tech-touch 14 days" for tiers with one. */
/* "; and 99,988 more tiers (123,456 accounts)" when a chart left some
 * out (chart_tiers_drawn). */
static void alt_rest(struct buf *out, const struct chart_rest *rest)
{
	if (!rest->groups)
		return;
	buf_puts(out, "; and ");
	alt_count(out, rest->groups);
	buf_puts(out, " more tiers (");
	alt_count(out, rest->accounts);
	buf_puts(out, " accounts) not drawn");
}

static void alt_slas(struct buf *out, const struct stats *s,
		     const char *lead)
{
	size_t i, idx[CHART_MAX_TIERS];
	struct chart_rest rest;
	size_t n = chart_tiers_drawn(s, idx, &rest);
	bool any = false;

	for (i = 0; i < n; i++) {
		const struct tier_stats *t = &s->tiers[idx[i]];
		if (!isfinite(t->sla_days))
			continue;
		buf_puts(out, any ? ", " : lead);
		buf_addf(out, "%s ", nm(t->g.name));
		alt_sla_days(out, t);
		any = true;
	}
	if (any)
		alt_rest(out, &rest);
}

static void alt_cohorts(const struct stats *s, struct buf *out)
{
	const struct cohort_stats *first = NULL, *last = NULL;
	size_t i, n = 0;

	for (i = 0; i < s->ncurves; i++)
		if (s->curves[i].ncurve > 0 && s->curves[i].curve &&
		    s->curves[i].g.accounts > 0) {
			if (!first)
				first = &s->curves[i];
			last = &s->curves[i];
			n++;
		}
	if (n == 0) {
		buf_puts(out, "Cohort curves: no data, no cohort has accounts yet.");
		return;
	}
	if (s->cohort_column)
		buf_addf(out,
			 "Step curves of the share of accounts reaching first "
			 "value by day since clock start for %zu value%s of %s "
			 "(%s to %s); %s reached ",
			 n, n == 1 ? "" : "s", schema_label(s->cohort_column),
			 nm(first->g.name), nm(last->g.name), nm(last->g.name));
	else
		buf_addf(out,
			 "Step curves of the share of accounts reaching first "
			 "value by day since clock start for %zu cohort%s (%s to "
			 "%s); the latest, %s, reached ",
			 n, n == 1 ? "" : "s", nm(first->g.name),
			 nm(last->g.name), nm(last->g.name));
	alt_pct(out, last->curve[last->ncurve - 1]);
	buf_puts(out, " by day ");
	alt_count(out, last->ncurve - 1);
	alt_slas(out, s, "; SLA days marked: ");
	buf_putc(out, '.');
}

static void alt_funnel(const struct stats *s, struct buf *out)
{
	const struct funnel_step *a, *z;

	if (s->nfunnel == 0 || s->funnel[0].reached == 0) {
		buf_puts(out, "Onboarding funnel: no data, no account completed "
			      "the first step.");
		return;
	}
	a = &s->funnel[0];
	z = &s->funnel[s->nfunnel - 1];
	buf_addf(out, "Bars of accounts completing each of %zu onboarding "
		      "steps, from ", s->nfunnel);
	alt_count(out, a->reached);
	buf_addf(out, " at %s to ", nm(a->step));
	alt_count(out, z->reached);
	buf_addf(out, " at %s (", nm(z->step));
	alt_pct(out, s->funnel_overall);
	buf_puts(out, " of the first step)");
	if (s->funnel_worst >= 0 && (size_t)s->funnel_worst < s->nfunnel) {
		buf_puts(out, "; the largest drop-off, ");
		alt_pct(out, s->funnel[s->funnel_worst].dropoff);
		buf_addf(out, ", is after %s",
			 nm(s->funnel[s->funnel_worst].step));
	}
	buf_putc(out, '.');
}

static void alt_outcome(const struct stats *s, struct buf *out)
{
	if (s->renewed.accounts == 0 && s->churned.accounts == 0) {
		buf_puts(out, "Renewed vs churned TTFV: no data, no account "
			      "that reached first value has renewed or "
			      "churned yet.");
		return;
	}
	buf_puts(out, "Cumulative TTFV distributions of ");
	alt_count(out, s->renewed.accounts);
	buf_puts(out, " renewed and ");
	alt_count(out, s->churned.accounts);
	buf_puts(out, " churned accounts; median TTFV ");
	alt_days(out, s->renewed.p[1]);
	buf_puts(out, " for renewed and ");
	alt_days(out, s->churned.p[1]);
	buf_puts(out, " for churned accounts.");
}

static void alt_postmortems(const struct stats *s, struct buf *out)
{
	const struct pm_month *a = &s->pm_months[0];
	const struct pm_month *z = &s->pm_months[STATS_PM_MONTHS - 1];
	size_t ta = a->total, tz = z->total;

	if (s->pm_total == 0 && ta == 0 && tz == 0) {
		buf_puts(out, "Post-mortems by root cause: no data, no "
			      "post-mortems.");
		return;
	}
	buf_puts(out, "Bars of ");
	alt_count(out, s->pm_total);
	buf_puts(out, " SLA-breach post-mortems by root cause");
	if (s->pm_top) {
		buf_addf(out, ", led by %s with ", nm(s->pm_top->label));
		alt_count(out, s->pm_top->count);
		buf_puts(out, " (");
		alt_pct(out, s->pm_top->share);
		buf_putc(out, ')');
	}
	buf_puts(out, ", and stacked by month for the last six months, from ");
	alt_count(out, ta);
	buf_addf(out, " in %s to ", a->month);
	alt_count(out, tz);
	buf_addf(out, " in %s.", z->month);
}

static void alt_sla(const struct stats *s, struct buf *out)
{
	size_t i, on = 0, risk = 0, br = 0;

	if (s->ntiers == 0) {
		buf_puts(out, "SLA attainment by tier: no data, no tiers.");
		return;
	}
	buf_puts(out, "Bars of SLA attainment by tier: ");
	size_t idx[CHART_MAX_TIERS];
	struct chart_rest rest;
	size_t n = chart_tiers_drawn(s, idx, &rest);
	for (i = 0; i < n; i++) {
		const struct tier_stats *t = &s->tiers[idx[i]];

		buf_addf(out, "%s%s ", i ? ", " : "", nm(t->g.name));
		alt_pct(out, t->attainment);
		if (isfinite(t->sla_days)) {
			buf_puts(out, " within ");
			alt_sla_days(out, t);
		}
	}
	alt_rest(out, &rest);
	on = s->status_count[STATUS_ON_TRACK];
	risk = s->status_count[STATUS_AT_RISK];
	br = s->status_count[STATUS_BREACHED];
	buf_puts(out, "; still onboarding: ");
	alt_count(out, on);
	buf_puts(out, " on track, ");
	alt_count(out, risk);
	buf_puts(out, " at risk, ");
	alt_count(out, br);
	buf_puts(out, " breached.");
}

static void alt_trend(const struct stats *s, struct buf *out)
{
	size_t i, n = 0;

	for (i = 0; i < s->ntiers; i++)
		n += s->tiers[i].trend.npoints > 0;
	if (n == 0) {
		buf_puts(out, "TTFV trend: no data, no cohort has accounts yet.");
		return;
	}
	buf_addf(out, "Kaplan-Meier median TTFV by cohort with 95%% "
		      "intervals, one panel per tier (%zu); cohorts still in "
		      "progress are hollow",
		 n);
	for (i = 0; i < s->ntiers; i++) {
		const struct tier_stats *t = &s->tiers[i];
		const struct trend_test *tt = &t->trend.test;
		const char *kind = t->days == DAYS_BUSINESS ? "business " : "";
		char lo[32], hi[32], med[32];

		if (!tt->direction)
			continue;
		chart_fmt_days(med, sizeof(med), tt->km_p50);
		chart_fmt_days(lo, sizeof(lo), tt->km_p50_lower);
		chart_fmt_days(hi, sizeof(hi), tt->km_p50_upper);
		if (isfinite(tt->km_p50))
			buf_addf(out, "; %s: %s %s %sdays (95%% interval %s to "
				      "%s)",
				 nm(t->g.name),
				 nm(t->trend.points[tt->cohort].cohort), med,
				 kind, lo, hi);
		else
			buf_addf(out, "; %s: %s median not yet reached",
				 nm(t->g.name),
				 nm(t->trend.points[tt->cohort].cohort));
		if (isfinite(t->sla_days)) {
			buf_puts(out, " against an SLA of ");
			alt_sla_days(out, t);
		}
	}
	buf_putc(out, '.');
}

static void alt_risk(const struct stats *s, struct buf *out)
{
	const struct risk_calibration *rc = &s->calibration;
	if (!rc->accounts) {
		buf_puts(out, "Calibration of the chance of making the SLA: no "
			      "data, no account onboarding 28 days ago has "
			      "reached its deadline since.");
		return;
	}
	buf_addf(out, "Dots of predicted chance of making the SLA against the "
		      "share that made it, for %zu account%s onboarding as of "
		      "%s, in %zu bin%s, beside the diagonal of perfect "
		      "calibration; Brier score %.3f against %.3f for the tier "
		      "on-time rate.",
		 rc->accounts, rc->accounts == 1 ? "" : "s", rc->as_of,
		 rc->nbins, rc->nbins == 1 ? "" : "s", rc->brier,
		 rc->brier_base);
}

/* "97.2%": a probability read against 95 % needs its decimal. */
static void alt_prob(struct buf *out, double p)
{
	if (isfinite(p))
		buf_addf(out, "%.1f%%", p * 100);
	else
		buf_puts(out, "n/a");
}

static void alt_experiment(const struct stats *s, struct buf *out)
{
	if (s->narms == 0) {
		buf_puts(out, "Experiment arms: no data, the accounts export "
			      "has no variant column.");
		return;
	}
	buf_addf(out, "Step curves of the share of accounts reaching first "
		      "value by day since clock start for %zu experiment "
		      "arm%s: ", s->narms, s->narms == 1 ? "" : "s");
	for (size_t i = 0; i < s->narms; i++) {
		const struct exp_arm *a = &s->arms[i];
		buf_addf(out, "%s%s%s ", i ? "; " : "", nm(a->name),
			 i == s->control_arm && s->narms > 1 &&
					 strcmp(a->name, "control") != 0
				 ? " (control)"
				 : "");
		alt_pct(out, a->rate);
		buf_puts(out, " of ");
		alt_count(out, a->eligible);
		buf_addf(out, " within %d days", STATS_EXP_DAYS);
		for (size_t k = 0; k < s->nexperiments; k++)
			if (s->experiments[k].variant == i) {
				buf_puts(out, ", P(better than control) ");
				alt_prob(out, s->experiments[k].p_variant_better);
			}
	}
	buf_putc(out, '.');
}

/* "day 14", "n/a" */
static void alt_day(struct buf *out, double day)
{
	char t[32];

	chart_fmt_days(t, sizeof(t), day);
	buf_addf(out, "%s%s", isfinite(day) ? "day " : "", t);
}

static const char *alt_state[] = {
	[ACCOUNT_REACHED_IN_SLA] = "reached first value within the SLA",
	[ACCOUNT_REACHED_LATE] = "reached first value after the SLA",
	[ACCOUNT_ON_TRACK] = "still onboarding, within the SLA",
	[ACCOUNT_LATE] = "still onboarding, past the SLA",
	[ACCOUNT_NOT_STARTED] = "onboarding not started yet",
};

static void alt_timeline(const struct stats *s, struct buf *out)
{
	const struct account_summary *a = s->account;
	char date[11];

	if (!a || a->npath == 0) {
		buf_puts(out, "Onboarding timeline: no data, no account or no "
			      "steps.");
		return;
	}
	buf_addf(out, "Bars of the days %s took to each onboarding step, "
		      "against the %s tier's median day: ",
		 a->name && *a->name ? a->name : nm(a->account_id), nm(a->tier));
	for (size_t j = 0; j < a->npath; j++) {
		size_t k = a->path[j];
		buf_addf(out, "%s%s ", j ? ", " : "",
			 nm(s->steps[k].label ? s->steps[k].label
					      : s->steps[k].name));
		if (isfinite(a->step_days[k])) {
			alt_day(out, a->step_days[k]);
		} else if (a->next_step == (int)k &&
			   a->next_target != TTFV_NO_TIME) {
			tu_format_date(a->next_target, date);
			buf_addf(out, "next, target %s", date);
		} else {
			buf_puts(out, "not yet");
		}
		buf_puts(out, " (median ");
		alt_day(out, a->tier_step_median[k]);
		buf_putc(out, ')');
	}
	if (isfinite(a->sla_days)) {
		buf_puts(out, "; SLA deadline ");
		alt_day(out, a->sla_days);
	}
	buf_addf(out, "; %s.", alt_state[a->state]);
}

void chart_alt(enum chart_id id, const struct stats *s, struct buf *out)
{
	switch (id) {
	case CHART_COHORT_CURVES:
		alt_cohorts(s, out);
		break;
	case CHART_FUNNEL:
		alt_funnel(s, out);
		break;
	case CHART_TTFV_BY_OUTCOME:
		alt_outcome(s, out);
		break;
	case CHART_POSTMORTEMS:
		alt_postmortems(s, out);
		break;
	case CHART_SLA_ATTAINMENT:
		alt_sla(s, out);
		break;
	case CHART_TTFV_TREND:
		alt_trend(s, out);
		break;
	case CHART_RISK_CALIBRATION:
		alt_risk(s, out);
		break;
	case CHART_EXPERIMENT:
		alt_experiment(s, out);
		break;
	case CHART_ACCOUNT_TIMELINE:
		alt_timeline(s, out);
		break;
	case CHART_COUNT:
		break;
	}
}

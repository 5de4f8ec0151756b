/* render_md_figures.c - the {{NAME}} figures and sentences, the
 * {{chart NAME}} images and the {{#if NAME}} conditions of templates. */
#include <math.h>
#include <string.h>

#include "charts.h"
#include "render_md.h"

typedef void (*md_figure_fn)(const struct stats *, struct buf *);

static void md_fig_title(const struct stats *s, struct buf *out)
{
	md_text(out, s->title ? s->title : "Time to first value");
}

static void md_fig_as_of(const struct stats *s, struct buf *out)
{
	buf_puts(out, s->as_of_date);
}

static void md_fig_total(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%zu", s->overall.accounts);
}

static void md_fig_reached(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%zu", s->overall.reached);
}

static void md_fig_censored(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%zu", s->overall.censored);
}

static void md_fig_reached_share(const struct stats *s, struct buf *out)
{
	const struct group *g = &s->overall;
	md_share(out, g->reached_share);
}

static void md_fig_at_risk(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%zu", s->status_count[STATUS_AT_RISK]);
}

static void md_fig_breached(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%zu", s->status_count[STATUS_BREACHED]);
}

static void md_fig_pm_total(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%zu", s->pm_total);
}

static void md_fig_pm_missing(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%zu", s->npm_missing);
}

static void md_fig_pm_late(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%zu", s->npm_late);
}

static void md_fig_pm_breaches(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%zu", s->pm_breaches);
}

static void md_fig_first_value_source(const struct stats *s,
				      struct buf *out)
{
	md_text(out, s->dq.first_value_source);
}

/* Rows skipped under --lenient, their messages verbatim. */
static void md_fig_skipped(const struct stats *s, struct buf *out)
{
	md_code_block(out, NULL, s->dq.skipped ? s->dq.skipped : "");
}

/* config_check's warnings, one bullet each. */
static void md_fig_warnings(const struct stats *s, struct buf *out)
{
	struct buf line = BUF_INIT;
	for (const char *w = s->dq.warnings, *nl; w && (nl = strchr(w, '\n'));
	     w = nl + 1) {
		buf_reset(&line);
		buf_put(&line, w, (size_t)(nl - w));
		buf_puts(out, w == s->dq.warnings ? "- " : "\n- ");
		md_text(out, buf_cstr(&line));
	}
	buf_release(&line);
}

/* The [step] sections that would pin inferred steps, ready to paste. */
static void md_fig_inferred_steps(const struct stats *s, struct buf *out)
{
	struct buf ini = BUF_INIT;
	if (s->dq.steps_inferred)
		md_steps_ini(&ini, s);
	md_code_block(out, "ini", buf_cstr(&ini));
	buf_release(&ini);
}

/* Shares of a category are of the post-mortems written, never of the
 * breaches: a breach without one has no category. */
static void md_fig_leverage(const struct stats *s, struct buf *out)
{
	const struct pm_category_stats *t = s->pm_top;
	if (!t || !t->count) {
		buf_puts(out, "No SLA breach has a post-mortem yet, so there is "
			      "no root-cause pattern to act on.");
		return;
	}
	md_text(out, t->label);
	buf_puts(out, " was the root cause in ");
	md_share(out, t->share);
	buf_addf(out, " of the %zu post-mortems (%zu)", s->pm_total, t->count);
	md_small_n(out, s->pm_total);
	buf_addf(out, ": the highest-leverage fix is to %s (owner: ",
		 schema_pms[t->category].remedy);
	md_text(out, t->owner);
	buf_puts(out, ").");
}

static void md_fig_pm_coverage(const struct stats *s, struct buf *out)
{
	if (s->pm_breaches == 0) {
		buf_puts(out, "No account has breached its SLA.");
		return;
	}
	buf_addf(out, "Of the %zu account%s whose SLA was breached, %zu (",
		 s->pm_breaches, s->pm_breaches == 1 ? "" : "s", s->pm_with);
	md_share(out, s->pm_coverage);
	buf_puts(out, ", 95% CI ");
	md_share_interval(out, s->pm_coverage_lower, s->pm_coverage_upper);
	buf_putc(out, ')');
	md_small_n(out, s->pm_breaches);
	buf_addf(out, " %s a post-mortem; %zu %s none five business days "
		      "after the breach and %zu got %s later than that.",
		 s->pm_with == 1 ? "has" : "have", s->npm_missing,
		 s->npm_missing == 1 ? "has" : "have", s->npm_late,
		 s->npm_late == 1 ? "its" : "theirs");
}

/* "79.7% (95% CI 76.8–82.3%)" */
static void md_rate_ci(struct buf *out, const struct band *b)
{
	md_share(out, b->renewal_rate);
	buf_puts(out, " (95% CI ");
	md_share_interval(out, b->renewal_rate_lower, b->renewal_rate_upper);
	buf_putc(out, ')');
	md_small_n(out, b->accounts);
}

/* SPEC 8.1: the first band against the slowest band with enough
 * accounts, "not reached" included, with the test's verdict. */
static void md_fig_retention_gap(const struct stats *s, struct buf *out)
{
	const struct band_gap *g = &s->gap;
	if (!g->from) {
		buf_addf(out, "No TTFV band after the first has %d renewed or "
			      "churned accounts, so renewal is not compared "
			      "by time to first value.",
			 STATS_SMALL_N);
		return;
	}
	buf_puts(out, "Accounts that reached first value in ");
	md_text(out, g->from->band);
	buf_puts(out, " days renewed at ");
	md_rate_ci(out, g->from);
	buf_puts(out, ", against ");
	md_rate_ci(out, g->to);
	if (g->to_never) {
		buf_puts(out, " for those that never reached first value");
	} else {
		buf_puts(out, " for those that took ");
		md_text(out, g->to->band);
		buf_puts(out, " days");
	}
	buf_puts(out, g->significant ? ": a gap of " : ": a difference of ");
	md_number(out, num_round1(g->difference * 100.0));
	buf_puts(out, g->significant ? " percentage points (" :
					 " percentage points that is not "
					 "conclusive (");
	md_p_value(out, g->p_value);
	buf_puts(out, ").");
}

static void md_fig_funnel_worst(const struct stats *s, struct buf *out)
{
	static const char own[] = "Each tier walks a path of its own: the "
				  "overall funnel has the steps they share, "
				  "and each tier's funnel follows, its largest "
				  "drop-off in bold.";
	if (s->funnel_worst < 0 || (size_t)s->funnel_worst >= s->nfunnel) {
		buf_puts(out, s->tier_paths ? own : "No step loses accounts.");
		return;
	}
	const struct funnel_step *f = &s->funnel[s->funnel_worst];
	buf_puts(out, "The largest drop-off is after **");
	md_text(out, f->step);
	buf_puts(out, "**: ");
	md_share(out, f->dropoff);
	buf_addf(out, " of the %zu accounts that completed it have not "
		      "completed the next step.",
		 f->reached);
	if (s->tier_paths)
		buf_addf(out, " %s", own);
}

/* "7 days (95% CI 6.1–8.0)", or "no median yet" when fewer than half
 * have reached first value. */
static void md_km_ci(struct buf *out, double median, double lower,
		     double upper, size_t n, enum day_kind kind)
{
	if (isnan(median)) {
		buf_puts(out, "no median yet");
	} else {
		md_days_words(out, median, kind);
		buf_puts(out, " (95% CI ");
		md_interval(out, lower, upper);
		buf_putc(out, ')');
	}
	md_small_n(out, n);
}

/* SPEC 8.1: exactly what the KM medians and the log-rank test say, and
 * nothing when either side is too small to say it. */
static void md_trend_sentence(struct buf *out, const struct trend *tr,
			      enum day_kind kind)
{
	const struct trend_test *t = &tr->test;
	if (!t->direction) {
		buf_puts(out, "There are not yet two complete cohorts, so no "
			      "trend can be tested.");
		return;
	}
	const struct trend_point *first = &tr->points[t->baseline[0]];
	const struct trend_point *last = &tr->points[t->baseline[t->nbaseline - 1]];
	buf_puts(out, "The latest complete cohort, ");
	md_text(out, tr->points[t->cohort].cohort);
	if (isnan(t->km_p50)) {
		/* under half of it has reached first value */
		buf_puts(out, ", has no Kaplan–Meier median TTFV yet");
		md_small_n(out, t->accounts);
	} else {
		buf_puts(out, ", has a Kaplan–Meier median TTFV of ");
		md_km_ci(out, t->km_p50, t->km_p50_lower, t->km_p50_upper,
			 t->accounts, kind);
	}
	buf_puts(out, ", against ");
	md_km_ci(out, t->baseline_km_p50, t->baseline_km_p50_lower,
		 t->baseline_km_p50_upper, t->baseline_accounts, kind);
	buf_puts(out, " for ");
	md_text(out, first->cohort);
	if (first != last) {
		buf_puts(out, " to ");
		md_text(out, last->cohort);
		buf_puts(out, " pooled");
	}
	if (t->accounts < STATS_SMALL_N ||
	    t->baseline_accounts < STATS_SMALL_N) {
		buf_addf(out, ". With fewer than %d accounts on one side, no "
			      "direction is called (log-rank ",
			 STATS_SMALL_N);
		md_p_value(out, t->p_value);
		buf_puts(out, ").");
	} else {
		buf_puts(out, strcmp(t->direction, "no significant change") ?
				      ": onboarding got " :
				      ": ");
		buf_puts(out, t->direction);
		buf_puts(out, " (log-rank ");
		md_p_value(out, t->p_value);
		buf_puts(out, ").");
	}
	size_t open = 0;
	const char *name = NULL;
	for (size_t i = 0; i < tr->npoints; i++)
		if (!tr->points[i].complete) {
			open++;
			name = tr->points[i].cohort;
		}
	if (open == 1) {
		buf_puts(out, " The ");
		md_text(out, name);
		buf_puts(out, " cohort is still in progress and is not "
			      "compared.");
	} else if (open > 1) {
		buf_addf(out, " %zu cohorts still in progress are not "
			      "compared.",
			 open);
	}
}

static void md_fig_trend(const struct stats *s, struct buf *out)
{
	md_trend_sentence(out, &s->trend, DAYS_CALENDAR);
}

/* "95% CI 6.4–7.0 days" of the overall KM median ("...; n = 9" under
 * STATS_SMALL_N accounts: it sits in parentheses already). */
static void md_fig_km_p50_ci(const struct stats *s, struct buf *out)
{
	buf_puts(out, "95% CI ");
	md_interval(out, s->overall.km_p50_lower, s->overall.km_p50_upper);
	buf_puts(out, " days");
	if (s->overall.accounts < STATS_SMALL_N)
		buf_addf(out, "; n = %zu", s->overall.accounts);
}

static void md_fig_onboarding_summary(const struct stats *s,
				      struct buf *out)
{
	size_t risk = s->status_count[STATUS_AT_RISK];
	size_t breached = s->status_count[STATUS_BREACHED];
	size_t track = s->status_count[STATUS_ON_TRACK];
	buf_addf(out, "%zu account%s still onboarding: %zu on track, %zu at "
		      "risk, %zu past the SLA.",
		 s->nonboarding, s->nonboarding == 1 ? "" : "s", track, risk,
		 breached);
}

/* The backtest in one sentence: is the model better than the base rate? */
static void md_fig_risk_calibration(const struct stats *s, struct buf *out)
{
	const struct risk_calibration *rc = &s->calibration;
	if (!rc->accounts) {
		buf_puts(out, "No account onboarding 28 days ago has reached "
			      "its deadline since, so the probabilities cannot "
			      "be checked yet.");
		return;
	}
	buf_addf(out, "As of %s, %zu account%s still onboarding had a deadline "
		      "that has passed since; %zu made it. Their predicted "
		      "chances have a Brier score of %.3f, against %.3f for "
		      "their tier's on-time rate (lower is better): ",
		 rc->as_of, rc->accounts, rc->accounts == 1 ? "" : "s",
		 rc->on_time, rc->brier, rc->brier_base);
	buf_puts(out, rc->brier < rc->brier_base
			      ? "the probabilities carry information beyond "
				"the base rate."
			      : "the probabilities do no better than the base "
				"rate; read them with care.");
	if (rc->accounts < STATS_SMALL_N)
		buf_puts(out, " So few accounts make this a rough check.");
}

/* ---- the QBR account --------------------------------------------------- */

static void md_fig_account_id(const struct stats *s, struct buf *out)
{
	md_text(out, s->account->account_id);
}

static void md_fig_account_name(const struct stats *s, struct buf *out)
{
	const char *n = s->account->name;
	md_text(out, n && *n ? n : s->account->account_id);
}

static void md_fig_account_tier(const struct stats *s, struct buf *out)
{
	md_text(out, s->account->tier);
}

static void md_fig_account_ttfv(const struct stats *s, struct buf *out)
{
	md_days(out, s->account->ttfv);
}

static void md_fig_account_sla(const struct stats *s, struct buf *out)
{
	md_number(out, s->account->sla_days);
}

static void md_fig_account_days(const struct stats *s, struct buf *out)
{
	buf_puts(out, s->account->days == DAYS_BUSINESS ? "business" :
							  "calendar");
}

static void md_fig_account_elapsed(const struct stats *s, struct buf *out)
{
	md_days(out, s->account->reached ? s->account->ttfv :
					   s->account->elapsed_days);
}

static void md_fig_account_median(const struct stats *s, struct buf *out)
{
	md_days(out, s->account->tier_median);
}

static void md_fig_account_start(const struct stats *s, struct buf *out)
{
	md_date(out, s->account->clock_start);
}

static void md_fig_account_first_value(const struct stats *s,
				       struct buf *out)
{
	md_date(out, s->account->first_value_at);
}

static void md_fig_account_step(const struct stats *s, struct buf *out)
{
	md_text(out, s->account->reached ? "first value reached" :
					   s->account->current_step);
}

static void md_fig_account_alert(const struct stats *s, struct buf *out)
{
	struct buf alert = BUF_INIT;
	if (!md_alert_text(&alert, s->account->row))
		buf_puts(&alert, "none");
	md_text(out, buf_cstr(&alert));
	buf_release(&alert);
}

const char *md_account_state_label(const struct account_summary *a)
{
	static const char *const label[] = {
		[ACCOUNT_REACHED_IN_SLA] = "Reached first value within the SLA",
		[ACCOUNT_REACHED_LATE] = "Reached first value after the SLA",
		[ACCOUNT_ON_TRACK] = "In progress, within the SLA",
		[ACCOUNT_LATE] = "In progress, past the SLA date",
		[ACCOUNT_NOT_STARTED] = "Not started",
	};
	/* no SLA to be within or past */
	if (isnan(a->sla_days) && a->state != ACCOUNT_NOT_STARTED)
		return a->reached ? "Reached first value" : "In progress";
	return label[a->state];
}

/* The last day inside the SLA: a deadline at midnight is the end of the
 * day before. */
static void md_deadline_date(struct buf *out, int64_t deadline)
{
	md_date(out, deadline == TTFV_NO_TIME ? deadline : deadline - 1);
}

static const char *md_step_label(const struct stats *s, int k)
{
	return k >= 0 ? s->steps[k].label : "First value";
}

/* "Your next step is Setup, with a target date of 2026-11-01." */
static void md_next_step(const struct stats *s,
			 const struct account_summary *a, struct buf *out)
{
	buf_puts(out, " Your next step is ");
	md_text(out, md_step_label(s, a->next_step));
	if (a->next_target != TTFV_NO_TIME) {
		buf_puts(out, ", with a target date of ");
		md_date(out, a->next_target);
	}
	buf_putc(out, '.');
}

/* What the CSM reads to the customer, in the tier's day kind: where the
 * account stands against its SLA, and for one still onboarding the next
 * step and its date; never how far past the SLA it is, nor anything about
 * other customers beyond its tier's median. */
static void md_fig_account_sentence(const struct stats *s, struct buf *out)
{
	const struct account_summary *a = s->account;
	bool sla = !isnan(a->sla_days);
	switch (a->state) {
	case ACCOUNT_REACHED_IN_SLA:
	case ACCOUNT_REACHED_LATE:
		buf_puts(out, "You reached first value on ");
		md_date(out, a->first_value_at);
		buf_puts(out, ", ");
		md_days_words(out, a->ttfv, a->days);
		buf_puts(out, " after the clock started");
		if (sla) {
			buf_puts(out, a->state == ACCOUNT_REACHED_IN_SLA
					      ? ": within your SLA of "
					      : ", after your SLA of ");
			md_days_words(out, a->sla_days, a->days);
		}
		buf_putc(out, '.');
		break;
	case ACCOUNT_ON_TRACK:
		buf_puts(out, "Onboarding is under way");
		if (sla && a->deadline != TTFV_NO_TIME) {
			buf_puts(out, " and within your SLA: first value is "
				      "due by ");
			md_deadline_date(out, a->deadline);
			buf_puts(out, " (");
			md_days_words(out, a->sla_days, a->days);
			buf_putc(out, ')');
		}
		buf_putc(out, '.');
		md_next_step(s, a, out);
		break;
	case ACCOUNT_LATE:
		buf_puts(out, "First value was due by ");
		md_deadline_date(out, a->deadline);
		buf_puts(out, " (your SLA of ");
		md_days_words(out, a->sla_days, a->days);
		buf_puts(out, ") and is still ahead.");
		md_next_step(s, a, out);
		break;
	case ACCOUNT_NOT_STARTED:
		buf_puts(out, "Your onboarding clock has not started yet.");
		return;
	}
	if (!isnan(a->tier_median)) {
		buf_puts(out, " Customers in your tier reach first value in ");
		md_days_words(out, a->tier_median, a->days);
		buf_puts(out, " (the median).");
	}
}

static void md_fig_account_state(const struct stats *s, struct buf *out)
{
	buf_puts(out, md_account_state_label(s->account));
}

static void md_fig_account_deadline(const struct stats *s, struct buf *out)
{
	md_deadline_date(out, s->account->deadline);
}

static void md_fig_account_next_step(const struct stats *s, struct buf *out)
{
	const struct account_summary *a = s->account;
	if (a->reached || a->clock_start == TTFV_NO_TIME)
		buf_puts(out, "n/a");
	else
		md_text(out, md_step_label(s, a->next_step));
}

static void md_fig_account_next_target(const struct stats *s,
				       struct buf *out)
{
	md_date(out, s->account->next_target);
}

static void md_fig_account_csm(const struct stats *s, struct buf *out)
{
	md_text(out, s->account->csm);
}

static void md_fig_account_status(const struct stats *s, struct buf *out)
{
	const struct account_summary *a = s->account;
	if (!a->reached)
		md_text(out, stats_status_name(a->status));
	else if (isnan(a->sla_days))
		buf_puts(out, "reached");
	else
		buf_puts(out, a->ttfv <= a->sla_days ? "reached within the SLA" :
						       "reached after the SLA");
}

/* "Business value (column go_live_at) comes a median of 19.6 days after
 * first value (1,305 accounts have both); counting the accounts not there
 * yet, it takes 35.8 days from the clock start (95% CI 34.8-37.0,
 * Kaplan-Meier)." */
static void md_fig_business(const struct stats *s, struct buf *out)
{
	const struct business_value *bv = &s->business;
	buf_puts(out, "Business value (");
	md_text(out, bv->source);
	buf_puts(out, ") ");
	if (bv->gap_accounts) {
		buf_puts(out, "comes a median of ");
		md_days_words(out, bv->gap_p50, DAYS_CALENDAR);
		buf_addf(out, " after first value (%zu account%s %s both%s); ",
			 bv->gap_accounts, bv->gap_accounts == 1 ? "" : "s",
			 bv->gap_accounts == 1 ? "has" : "have",
			 bv->gap_accounts < STATS_SMALL_N ? ": too few to rely on"
							  : "");
	} else {
		buf_puts(out, "has not followed first value for any account "
			      "yet; ");
	}
	buf_puts(out, "counting the accounts not there yet, the median time "
		      "from the clock start to it is ");
	md_days_words(out, bv->g.km[1], DAYS_CALENDAR);
	buf_puts(out, " (95% CI ");
	md_interval(out, bv->g.km_p50_lower, bv->g.km_p50_upper);
	buf_puts(out, ", Kaplan–Meier).");
}

static void md_fig_kickoff_target(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%d", s->kickoff_target_days);
}

static void md_fig_driver_days(const struct stats *s, struct buf *out)
{
	buf_addf(out, "%d", s->driver_days);
}

static const struct {
	const char *name;
	md_figure_fn fn;
	bool needs_account;
} md_figures[] = {
	{"title", md_fig_title, false},
	{"as_of", md_fig_as_of, false},
	{"accounts.total", md_fig_total, false},
	{"accounts.reached", md_fig_reached, false},
	{"accounts.censored", md_fig_censored, false},
	{"accounts.reached_share", md_fig_reached_share, false},
	{"onboarding.at_risk", md_fig_at_risk, false},
	{"onboarding.breached", md_fig_breached, false},
	{"onboarding.summary", md_fig_onboarding_summary, false},
	{"kickoff_target_days", md_fig_kickoff_target, false},
	{"business_value.summary", md_fig_business, false},
	{"risk_calibration.summary", md_fig_risk_calibration, false},
	{"postmortems.total", md_fig_pm_total, false},
	{"postmortems.missing", md_fig_pm_missing, false},
	{"postmortems.late", md_fig_pm_late, false},
	{"postmortems.breaches", md_fig_pm_breaches, false},
	{"postmortems.coverage", md_fig_pm_coverage, false},
	{"overall.km_p50_ci", md_fig_km_p50_ci, false},
	{"first_value_source", md_fig_first_value_source, false},
	{"data_quality.skipped", md_fig_skipped, false},
	{"data_quality.inferred_steps", md_fig_inferred_steps, false},
	{"data_quality.warnings", md_fig_warnings, false},
	{"highest_leverage_fix", md_fig_leverage, false},
	{"retention_gap", md_fig_retention_gap, false},
	{"funnel.worst", md_fig_funnel_worst, false},
	{"ttfv_trend", md_fig_trend, false},
	{"drivers.summary", md_fig_drivers, false},
	{"drivers.window_days", md_fig_driver_days, false},
	{"experiments.summary", md_fig_experiments, false},
	{"account.id", md_fig_account_id, true},
	{"account.name", md_fig_account_name, true},
	{"account.tier", md_fig_account_tier, true},
	{"account.ttfv", md_fig_account_ttfv, true},
	{"account.sla", md_fig_account_sla, true},
	{"account.days", md_fig_account_days, true},
	{"account.elapsed", md_fig_account_elapsed, true},
	{"account.first_value", md_fig_account_first_value, true},
	{"account.step", md_fig_account_step, true},
	{"account.alert", md_fig_account_alert, true},
	{"account.tier_median", md_fig_account_median, true},
	{"account.clock_start", md_fig_account_start, true},
	{"account.status", md_fig_account_status, true},
	{"account.sentence", md_fig_account_sentence, true},
	{"account.state", md_fig_account_state, true},
	{"account.deadline", md_fig_account_deadline, true},
	{"account.next_step", md_fig_account_next_step, true},
	{"account.next_target", md_fig_account_next_target, true},
	{"account.csm", md_fig_account_csm, true},
};

/* "overall.p50", "overall.km_p90": the overall percentiles. */
static int md_value_percentile(const struct stats *s, const char *name,
			       struct buf *out)
{
	static const char prefix[] = "overall.";
	if (strncmp(name, prefix, sizeof prefix - 1) != 0)
		return -1;
	const char *p = name + sizeof prefix - 1;
	bool km = strncmp(p, "km_", 3) == 0;
	if (km)
		p += 3;
	for (int k = 0; k < STATS_NPCT; k++) {
		if (strcmp(p, stats_pct_name[k]) != 0)
			continue;
		if (out)
			md_days(out, km ? s->overall.km[k] : s->overall.p[k]);
		return 0;
	}
	return -1;
}

int md_value(const struct stats *s, const char *name, struct buf *out)
{
	if (md_weekly_value(s, name, out) == 0)
		return 0;
	for (size_t i = 0; i < sizeof md_figures / sizeof *md_figures; i++) {
		if (strcmp(md_figures[i].name, name) != 0)
			continue;
		if (!out)
			return 0;
		if (md_figures[i].needs_account && !s->account)
			buf_puts(out, "n/a");
		else
			md_figures[i].fn(s, out);
		return 0;
	}
	return md_value_percentile(s, name, out);
}

int md_chart(const struct stats *s, const char *name, bool svg,
	     struct buf *out)
{
	int id = chart_lookup(name);
	if (id < 0)
		return -1;
	if (!out)
		return 0;
	if (!chart_shown((enum chart_id)id, s)) {
		/* the report writes no such file: say why, no broken image */
		struct buf why = BUF_INIT;
		chart_alt((enum chart_id)id, s, &why);
		buf_putc(out, '*');
		md_text(out, buf_cstr(&why));
		buf_putc(out, '*');
		buf_release(&why);
		return 0;
	}
	struct buf alt = BUF_INIT;
	chart_alt((enum chart_id)id, s, &alt);
	buf_puts(out, "![");
	md_text(out, buf_cstr(&alt));
	buf_addf(out, "](charts/%s.%s)", chart_name((enum chart_id)id),
		 svg ? "svg" : "png");
	buf_release(&alt);
	return 0;
}

static bool md_any_target(const struct stats *s)
{
	for (int i = 0; i < TARGET_COUNT; i++)
		if (!isnan(s->targets[i].value))
			return true;
	return false;
}

static bool md_any_quality_issue(const struct stats *s)
{
	const struct data_quality *q = &s->dq;
	return q->rows_skipped || q->accounts_without_tier ||
	       q->accounts_without_clock_start ||
	       q->first_value_before_start || q->pauses_open ||
	       q->pauses_undocumented || q->steps_unreached ||
	       q->event_names_unused || q->events_untracked ||
	       q->steps_inferred || q->nwarnings;
}

int md_condition(const struct stats *s, const char *name, bool *truth)
{
	if (md_weekly_condition(s, name, truth) == 0)
		return 0;
	const struct {
		const char *name;
		bool value;
	} conds[] = {
		{"tiers", s->ntiers > 0},
		{"cohorts", s->ncurves > 0},
		{"trend", s->trend.npoints > 1},
		{"segments", s->nsegments + s->nsegments_absent > 0},
		{"funnel", s->nfunnel > 0},
		{"outcomes", s->renewed.accounts + s->churned.accounts > 0},
		{"postmortems", s->pm_total > 0},
		{"postmortems_missing", s->npm_missing > 0},
		{"postmortems_late", s->npm_late > 0},
		{"breaches", s->pm_breaches > 0},
		{"at_risk", s->status_count[STATUS_AT_RISK] +
				    s->status_count[STATUS_BREACHED] >
			    0},
		{"onboarding", s->nonboarding > 0},
		{"risk_calibration", s->calibration.accounts > 0},
		{"awaiting", s->nawaiting > 0},
		{"nudges", s->nnudges > 0},
		{"business_value", s->business.source != NULL},
		{"targets", md_any_target(s)},
		{"churn_flags", s->churn.any > 0},
		{"data_quality_issues", md_any_quality_issue(s)},
		{"skipped_rows", s->dq.rows_skipped > 0},
		{"warnings", s->dq.nwarnings > 0},
		{"steps_inferred", s->dq.steps_inferred},
		{"account", s->account != NULL},
		{"account.reached", s->account && s->account->reached},
		{"drivers", md_drivers_any(s)},
		{"variant", s->variant_values > 0},
		{"experiments", s->nexperiments > 0},
		{"account.onboarding", s->account && s->account->row},
		{"account.postmortems", s->account && s->account->npms > 0},
	};
	for (size_t i = 0; i < sizeof conds / sizeof *conds; i++) {
		if (strcmp(conds[i].name, name) == 0) {
			*truth = conds[i].value;
			return 0;
		}
	}
	return -1;
}

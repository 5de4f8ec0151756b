/* render_json.c - report.json, the machine-readable contract of SPEC
 * section 5, plus every other figure of struct stats, section by section
 * in a fixed order (render_json_write.c makes the bytes deterministic). */
#include "render.h"
#include "render_md.h"
#include "render_json_write.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void j_percentiles(struct jw *j, const double p[STATS_NPCT],
			  const char *prefix)
{
	char key[16];
	for (int i = 0; i < STATS_NPCT; i++) {
		snprintf(key, sizeof(key), "%s%s", prefix, stats_pct_name[i]);
		jw_num(j, key, p[i]);
	}
}

/* The KM percentiles with the median's 95 % interval. */
static void j_km(struct jw *j, const struct group *g)
{
	j_percentiles(j, g->km, "km_");
	jw_num(j, "km_p50_lower", g->km_p50_lower);
	jw_num(j, "km_p50_upper", g->km_p50_upper);
}

static void j_group(struct jw *j, const struct group *g)
{
	jw_int(j, "accounts", g->accounts);
	jw_int(j, "reached", g->reached);
	jw_int(j, "censored", g->censored);
	j_percentiles(j, g->p, "");
	j_km(j, g);
	jw_num(j, "reached_share", g->reached_share);
	jw_num(j, "reached_share_lower", g->reached_lower);
	jw_num(j, "reached_share_upper", g->reached_upper);
}

/* SPEC 8.1's trend object, then the points it compares. */
static void j_trend(struct jw *j, const char *key, const struct trend *tr)
{
	const struct trend_test *t = &tr->test;
	bool ok = t->direction != NULL;
	jw_open(j, key, '{');
	jw_str(j, "cohort", ok ? tr->points[t->cohort].cohort : NULL);
	jw_open(j, "baseline", '[');
	for (size_t i = 0; ok && i < t->nbaseline; i++)
		jw_str(j, NULL, tr->points[t->baseline[i]].cohort);
	jw_close(j, ']');
	jw_num(j, "km_p50", ok ? t->km_p50 : NAN);
	jw_num(j, "km_p50_lower", ok ? t->km_p50_lower : NAN);
	jw_num(j, "km_p50_upper", ok ? t->km_p50_upper : NAN);
	jw_num(j, "baseline_km_p50", ok ? t->baseline_km_p50 : NAN);
	jw_num(j, "baseline_km_p50_lower", ok ? t->baseline_km_p50_lower : NAN);
	jw_num(j, "baseline_km_p50_upper", ok ? t->baseline_km_p50_upper : NAN);
	jw_num(j, "chisq", ok ? t->chisq : NAN);
	jw_num(j, "p_value", ok ? t->p_value : NAN);
	jw_str(j, "direction", t->direction);
	jw_int(j, "accounts", t->accounts);
	jw_int(j, "baseline_accounts", t->baseline_accounts);
	jw_open(j, "points", '[');
	j->flat = j->depth + 1;
	for (size_t i = 0; i < tr->npoints; i++) {
		const struct trend_point *p = &tr->points[i];
		jw_open(j, NULL, '{');
		jw_str(j, "cohort", p->cohort);
		jw_bool(j, "complete", p->complete);
		jw_int(j, "accounts", p->accounts);
		jw_int(j, "reached", p->reached);
		jw_num(j, "km_p50", p->km_p50);
		jw_num(j, "km_p50_lower", p->km_p50_lower);
		jw_num(j, "km_p50_upper", p->km_p50_upper);
		jw_num(j, "p50", p->p50);
		jw_num(j, "p75", p->p75);
		jw_close(j, '}');
	}
	j->flat = 0;
	jw_close(j, ']');
	jw_close(j, '}');
}

/* "curve": [[0, 0.0], [1, 0.04], ...] on one line: up to horizon + 1
 * points */
static void j_curve(struct jw *j, const double *curve, size_t n)
{
	jw_next(j, "curve");
	buf_putc(j->b, '[');
	for (size_t d = 0; d < n; d++) {
		buf_addf(j->b, "%s[%zu, ", d ? ", " : "", d);
		jw_put_double(j->b, curve[d]);
		buf_putc(j->b, ']');
	}
	buf_putc(j->b, ']');
}

static const char *day_kind_name(enum day_kind k)
{
	return k == DAYS_BUSINESS ? "business" : "calendar";
}

static void j_funnel(struct jw *j, const struct funnel_step *fs, size_t n,
		     int worst)
{
	jw_open(j, "funnel", '[');
	for (size_t k = 0; k < n; k++) {
		const struct funnel_step *f = &fs[k];
		jw_open(j, NULL, '{');
		jw_str(j, "step", f->step);
		jw_int(j, "reached", f->reached);
		jw_int(j, "next", f->next);
		jw_num(j, "conversion", f->conversion);
		jw_num(j, "dropoff", f->dropoff);
		jw_num(j, "median_days_to_next", f->median_days_to_next);
		jw_bool(j, "largest_dropoff", (int)k == worst);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void j_tiers(struct jw *j, const struct stats *s)
{
	jw_open(j, "tiers", '[');
	for (size_t i = 0; i < s->ntiers; i++) {
		const struct tier_stats *t = &s->tiers[i];
		jw_open(j, NULL, '{');
		jw_str(j, "tier", t->g.name);
		j_group(j, &t->g);
		jw_num(j, "sla_days", t->sla_days);
		jw_num(j, "sla_calendar_days", t->sla_calendar_days);
		jw_str(j, "sla_source", t->sla_source);
		jw_str(j, "sla_type", t->contractual ? "contractual" : "internal");
		jw_str(j, "days", day_kind_name(t->days));
		jw_str(j, "clock_start", t->clock_start);
		jw_int(j, "sla_met", t->sla_met);
		jw_int(j, "sla_closed", t->sla_closed);
		jw_num(j, "attainment", t->attainment);
		jw_num(j, "attainment_lower", t->attainment_lower);
		jw_num(j, "attainment_upper", t->attainment_upper);
		jw_int(j, "on_track", t->on_track);
		jw_int(j, "at_risk", t->at_risk);
		jw_int(j, "breached", t->breached);
		j_trend(j, "trend", &t->trend);
		jw_str(j, "first_value", t->first_value_source);
		jw_open(j, "steps", '[');
		for (size_t k = 0; k < t->npath; k++)
			jw_str(j, NULL, s->steps[t->path[k]].name);
		jw_close(j, ']');
		j_funnel(j, t->funnel, t->nfunnel, t->funnel_worst);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void j_cohorts(struct jw *j, const struct stats *s)
{
	jw_open(j, "cohorts", '[');
	for (size_t i = 0; i < s->ncurves; i++) {
		const struct cohort_stats *c = &s->curves[i];
		jw_open(j, NULL, '{');
		jw_str(j, "cohort", c->g.name);
		jw_date(j, "start", c->start);
		/* the period's last day */
		jw_date(j, "end", c->end == TTFV_NO_TIME ? c->end : c->end - 1);
		jw_bool(j, "complete", c->complete);
		j_group(j, &c->g);
		j_curve(j, c->curve, c->ncurve);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void j_breakdowns(struct jw *j, const struct stats *s)
{
	jw_open(j, "breakdowns", '[');
	for (size_t i = 0; i < s->nbreakdowns; i++) {
		const struct breakdown *bd = &s->breakdowns[i];
		jw_open(j, NULL, '{');
		jw_str(j, "column", bd->column);
		jw_open(j, "groups", '[');
		for (size_t g = 0; g < bd->n; g++) {
			jw_open(j, NULL, '{');
			const struct segment_facts *f = &bd->facts[g];
			jw_str(j, "value", bd->groups[g].name);
			j_group(j, &bd->groups[g]);
			jw_int(j, "sla_met", f->sla_met);
			jw_int(j, "sla_closed", f->sla_closed);
			jw_num(j, "attainment", f->attainment);
			jw_num(j, "attainment_lower", f->attainment_lower);
			jw_num(j, "attainment_upper", f->attainment_upper);
			jw_num(j, "arr_reached", s->arr_known ? f->arr_reached
							      : NAN);
			jw_num(j, "arr_onboarding",
			       s->arr_known ? f->arr_onboarding : NAN);
			jw_close(j, '}');
		}
		jw_close(j, ']');
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void j_steps_and_funnel(struct jw *j, const struct stats *s)
{
	jw_open(j, "steps", '[');
	for (size_t k = 0; k < s->nsteps; k++) {
		const struct step_info *st = &s->steps[k];
		jw_open(j, NULL, '{');
		jw_str(j, "step", st->name);
		jw_str(j, "column", st->column);
		jw_str(j, "event", st->event);
		jw_num(j, "max_days", st->max_days);
		jw_str(j, "playbook", st->playbook);
		jw_close(j, '}');
	}
	jw_close(j, ']');
	j_funnel(j, s->funnel, s->nfunnel, s->funnel_worst);
	jw_str(j, "funnel_largest_dropoff",
	      s->funnel_worst >= 0 ? s->funnel[s->funnel_worst].step : NULL);
	jw_num(j, "funnel_overall", s->funnel_overall);
}

static void j_outcome(struct jw *j, const char *key,
		      const struct outcome_group *o)
{
	jw_open(j, key, '{');
	jw_int(j, "accounts", o->accounts);
	j_percentiles(j, o->p, "");
	jw_close(j, '}');
}

static void j_business(struct jw *j, const struct stats *s)
{
	const struct business_value *bv = &s->business;
	if (!bv->source) {
		jw_str(j, "business_value", NULL);
		return;
	}
	jw_open(j, "business_value", '{');
	jw_str(j, "source", bv->source);
	j_group(j, &bv->g);
	jw_int(j, "gap_accounts", bv->gap_accounts);
	jw_num(j, "gap_p50", bv->gap_p50);
	j_curve(j, bv->curve, bv->ncurve);
	jw_close(j, '}');
}

static void j_outcomes(struct jw *j, const struct stats *s)
{
	jw_open(j, "outcomes", '{');
	j_outcome(j, "renewed", &s->renewed);
	j_outcome(j, "churned", &s->churned);
	jw_open(j, "bands", '[');
	for (size_t b = 0; b < s->nbands; b++) {
		const struct band *bd = &s->bands[b];
		jw_open(j, NULL, '{');
		jw_str(j, "band", bd->band);
		jw_int(j, "accounts", bd->accounts);
		jw_int(j, "renewed", bd->renewed);
		jw_num(j, "renewal_rate", bd->renewal_rate);
		jw_num(j, "renewal_rate_lower", bd->renewal_rate_lower);
		jw_num(j, "renewal_rate_upper", bd->renewal_rate_upper);
		jw_close(j, '}');
	}
	jw_close(j, ']');
	if (s->gap.from) {
		jw_open(j, "gap", '{');
		jw_str(j, "from", s->gap.from->band);
		jw_str(j, "to", s->gap.to->band);
		jw_num(j, "difference", s->gap.difference);
		jw_num(j, "p_value", s->gap.p_value);
		jw_bool(j, "significant", s->gap.significant);
		jw_close(j, '}');
	} else {
		jw_next(j, "gap");
		buf_puts(j->b, "null");
	}
	jw_close(j, '}');
}

/* The row's alert in the words the Markdown shows, null when none;
 * worded in scratch (reset here), one buffer for every row. */
static void j_alert(struct jw *j, const struct onboarding_row *r,
		    struct buf *scratch)
{
	buf_reset(scratch);
	jw_str(j, "alert", md_alert_text(scratch, r) ? buf_cstr(scratch) : NULL);
}

static void j_onboarding(struct jw *j, const struct stats *s)
{
	struct buf alert = BUF_INIT;
	jw_open(j, "onboarding", '[');
	/* one line per account: the list can hold every account */
	j->flat = j->depth + 1;
	for (size_t i = 0; i < s->nonboarding; i++) {
		const struct onboarding_row *r = &s->onboarding[i];
		jw_open(j, NULL, '{');
		jw_str(j, "account_id", r->account_id);
		jw_str(j, "name", r->name);
		jw_str(j, "tier", r->tier);
		jw_str(j, "csm", r->csm);
		jw_str(j, "status", stats_status_name(r->status));
		jw_str(j, "sla_type", r->contractual ? "contractual" : "internal");
		jw_num(j, "elapsed_days", r->elapsed_days);
		jw_num(j, "paused_days", r->paused_days);
		jw_num(j, "sla_days", r->sla_days);
		jw_str(j, "days", day_kind_name(r->days));
		jw_date(j, "clock_start", r->clock_start);
		jw_str(j, "current_step", r->current_step);
		jw_str(j, "last_step", r->last_step);
		jw_date(j, "last_step_at", r->last_step_at);
		jw_num(j, "stalled_days", r->stalled_days);
		jw_num(j, "step_max_days", r->step_max_days);
		jw_bool(j, "over_step_max", r->over_step_max);
		jw_bool(j, "stalled", r->stalled);
		jw_bool(j, "twice_sla", r->twice_sla);
		jw_bool(j, "old_breach", r->old_breach);
		jw_num(j, "arr", r->arr);
		/* the day by whose end it is due */
		jw_date(j, "deadline",
		       r->deadline == TTFV_NO_TIME ? r->deadline
						   : r->deadline - 1);
		jw_date(j, "projected_first_value", r->projected_first_value);
		j_alert(j, r, &alert);
		jw_bool(j, "no_exec_sponsor", r->flag_no_exec_sponsor);
		jw_num(j, "p_on_time", r->p_on_time);
		jw_num(j, "risk", r->risk);
		jw_str(j, "route", stats_route_name(r->route));
		jw_date(j, "next_check", r->next_check);
		jw_str(j, "owner", r->csm);
		jw_str(j, "escalation_approver", r->approver);
		jw_num(j, "arr", r->arr);
		jw_close(j, '}');
	}
	j->flat = 0;
	jw_close(j, ']');
	buf_release(&alert);
}

static void j_risk_calibration(struct jw *j, const struct stats *s)
{
	const struct risk_calibration *rc = &s->calibration;
	jw_open(j, "risk_calibration", '{');
	jw_str(j, "as_of", rc->as_of);
	jw_int(j, "accounts", rc->accounts);
	jw_int(j, "on_time", rc->on_time);
	jw_num(j, "brier", rc->brier);
	jw_num(j, "brier_base", rc->brier_base);
	jw_open(j, "bins", '[');
	j->flat = j->depth + 1;
	for (size_t i = 0; i < rc->nbins; i++) {
		const struct calibration_bin *b = &rc->bins[i];
		jw_open(j, NULL, '{');
		jw_num(j, "from", b->lo);
		jw_num(j, "to", b->hi);
		jw_num(j, "predicted", b->predicted);
		jw_num(j, "observed", b->observed);
		jw_int(j, "accounts", b->accounts);
		jw_close(j, '}');
	}
	j->flat = 0;
	jw_close(j, ']');
	jw_close(j, '}');
}

static void j_awaiting(struct jw *j, const struct stats *s)
{
	jw_int(j, "kickoff_target_days", (size_t)s->kickoff_target_days);
	jw_open(j, "awaiting_clock_start", '[');
	j->flat = j->depth + 1;
	for (size_t i = 0; i < s->nawaiting; i++) {
		const struct awaiting_row *r = &s->awaiting[i];
		jw_open(j, NULL, '{');
		jw_str(j, "account_id", r->account_id);
		jw_str(j, "name", r->name);
		jw_str(j, "tier", r->tier);
		jw_str(j, "clock_start", r->clock_start);
		jw_date(j, "signed_at", r->signed_at);
		jw_num(j, "days_waiting", r->days);
		jw_num(j, "business_days_waiting", r->business_days);
		jw_bool(j, "past_kickoff_target", r->past_target);
		jw_close(j, '}');
	}
	j->flat = 0;
	jw_close(j, ']');
}

static void j_nudges(struct jw *j, const struct stats *s)
{
	jw_open(j, "nudges", '[');
	j->flat = j->depth + 1;
	for (size_t i = 0; i < s->nnudges; i++) {
		const struct nudge_row *r = &s->nudges[i];
		jw_open(j, NULL, '{');
		jw_int(j, "day", (size_t)r->day);
		jw_str(j, "account_id", r->account_id);
		jw_str(j, "name", r->name);
		jw_str(j, "tier", r->tier);
		jw_str(j, "csm", r->csm);
		jw_date(j, "mark", r->mark);
		jw_str(j, "state", stats_nudge_state_name(r->state));
		jw_str(j, "step", r->step);
		jw_str(j, "playbook", r->playbook);
		jw_close(j, '}');
	}
	j->flat = 0;
	jw_close(j, ']');
}

static void j_pm_rows(struct jw *j, const char *key,
		      const struct pm_missing *rows, size_t n)
{
	jw_open(j, key, '[');
	j->flat = j->depth + 1;
	for (size_t i = 0; i < n; i++) {
		const struct pm_missing *pm = &rows[i];
		jw_open(j, NULL, '{');
		jw_str(j, "account_id", pm->account_id);
		jw_str(j, "name", pm->name);
		jw_str(j, "tier", pm->tier);
		jw_date(j, "breached_at", pm->breached_at);
		jw_num(j, "business_days_since", pm->days_since);
		jw_bool(j, "reached", pm->reached);
		if (pm->opened_at != TTFV_NO_TIME) {
			jw_date(j, "opened_at", pm->opened_at);
			jw_num(j, "business_days_to_postmortem",
			       pm->days_to_postmortem);
		}
		jw_close(j, '}');
	}
	j->flat = 0;
	jw_close(j, ']');
}

static void j_postmortems(struct jw *j, const struct stats *s)
{
	jw_open(j, "postmortems", '{');
	jw_int(j, "total", s->pm_total);
	jw_str(j, "top", s->pm_top ? s->pm_top->key : NULL);
	jw_str(j, "top_owner", s->pm_top ? s->pm_top->owner : NULL);
	jw_open(j, "categories", '[');
	for (int c = 0; c < PM_COUNT; c++) {
		const struct pm_category_stats *pc = &s->pm[c];
		jw_open(j, NULL, '{');
		jw_str(j, "category", pc->key);
		jw_str(j, "label", pc->label);
		jw_str(j, "owner", pc->owner);
		jw_int(j, "count", pc->count);
		jw_num(j, "share", pc->share);
		jw_close(j, '}');
	}
	jw_close(j, ']');
	jw_open(j, "months", '[');
	for (int i = 0; i < STATS_PM_MONTHS; i++) {
		jw_open(j, NULL, '{');
		jw_str(j, "month", s->pm_months[i].month);
		for (int c = 0; c < PM_COUNT; c++)
			jw_int(j, schema_pms[c].key, s->pm_months[i].count[c]);
		jw_int(j, "total", s->pm_months[i].total);
		jw_close(j, '}');
	}
	jw_close(j, ']');
	jw_int(j, "breaches", s->pm_breaches);
	jw_int(j, "with_postmortem", s->pm_with);
	jw_num(j, "coverage", s->pm_coverage);
	jw_num(j, "coverage_lower", s->pm_coverage_lower);
	jw_num(j, "coverage_upper", s->pm_coverage_upper);
	j_pm_rows(j, "missing", s->pm_missing, s->npm_missing);
	j_pm_rows(j, "late", s->pm_late, s->npm_late);
	jw_close(j, '}');
}

/* A target row; the weekly ones add the week before, the delta, what
 * each is over, and the median's interval. */
static void j_target(struct jw *j, const struct target_row *t, bool weekly)
{
	jw_open(j, NULL, '{');
	jw_str(j, "key", t->key);
	jw_str(j, "label", t->label);
	jw_num(j, "value", t->value);
	if (weekly) {
		jw_num(j, "value_lower", t->lower);
		jw_num(j, "value_upper", t->upper);
		jw_int(j, "accounts", t->accounts);
		jw_num(j, "previous", t->previous);
		jw_int(j, "previous_accounts", t->previous_accounts);
		jw_num(j, "delta", t->delta);
	}
	jw_num(j, "target", t->target);
	jw_num(j, "warning", t->warning);
	jw_bool(j, "higher_is_better", t->higher_is_better);
	jw_bool(j, "share", t->is_share);
	jw_str(j, "status", t->status);
	jw_bool(j, "default", t->is_default);
	jw_close(j, '}');
}

static void j_ids(struct jw *j, const char *key, const struct id_list *l)
{
	jw_open(j, key, '[');
	for (size_t i = 0; i < l->n; i++)
		jw_str(j, NULL, l->id[i]);
	jw_close(j, ']');
}

static void j_weekly(struct jw *j, const struct stats *s)
{
	const struct weekly *wk = &s->weekly;
	jw_open(j, "weekly", '{');
	jw_date(j, "from", wk->from);
	jw_date(j, "to", wk->to - 1);
	jw_open(j, "targets", '[');
	for (int i = 0; i < TARGET_COUNT; i++)
		j_target(j, &wk->targets[i], true);
	jw_close(j, ']');
	const struct weekly_changes *c = &wk->changes;
	jw_open(j, "changes", '{');
	/* ids on one line per list: a list can hold every account */
	j->flat = j->depth + 1;
	j_ids(j, "newly_breached", &c->newly_breached);
	j_ids(j, "newly_at_risk", &c->newly_at_risk);
	j_ids(j, "reached", &c->reached);
	j_ids(j, "new_accounts", &c->new_accounts);
	j_ids(j, "stalled", &c->stalled);
	j->flat = 0;
	jw_close(j, '}');
	jw_open(j, "actions", '[');
	for (size_t g = 0; g < wk->ngroups; g++) {
		const struct action_group *ag = &wk->groups[g];
		jw_open(j, NULL, '{');
		jw_str(j, "csm", ag->csm);
		j->flat = j->depth + 1;
		jw_open(j, "accounts", '[');
		for (size_t i = ag->first; i < ag->first + ag->n; i++)
			jw_str(j, NULL, s->onboarding[wk->action[i]].account_id);
		jw_close(j, ']');
		j->flat = 0;
		jw_close(j, '}');
	}
	jw_close(j, ']');
	j->flat = j->depth + 1;
	jw_open(j, "old_breaches", '[');
	for (size_t i = 0; i < wk->nold_breach; i++)
		jw_str(j, NULL, s->onboarding[wk->old_breach[i]].account_id);
	jw_close(j, ']');
	j->flat = 0;
	jw_close(j, '}');
}

static void j_targets_trend_churn(struct jw *j, const struct stats *s)
{
	jw_open(j, "targets", '[');
	for (int i = 0; i < TARGET_COUNT; i++)
		j_target(j, &s->targets[i], false);
	jw_close(j, ']');
	j_weekly(j, s);
	j_trend(j, "trend", &s->trend);
	const struct churn_flags *cf = &s->churn;
	jw_open(j, "churn_flags", '{');
	jw_int(j, "breach", cf->breach);
	jw_next(j, "no_exec_sponsor");
	if (cf->exec_sponsor_known)
		buf_addf(j->b, "%zu", cf->no_exec_sponsor);
	else
		buf_puts(j->b, "null");
	jw_next(j, "low_wau");
	if (cf->wau_known)
		buf_addf(j->b, "%zu", cf->low_wau);
	else
		buf_puts(j->b, "null");
	jw_int(j, "any", cf->any);
	jw_close(j, '}');
}

static void j_km_p50(struct jw *j, const char *prefix, double p50,
		     double lower, double upper)
{
	char key[48];
	snprintf(key, sizeof(key), "%skm_p50", prefix);
	jw_num(j, key, p50);
	snprintf(key, sizeof(key), "%skm_p50_lower", prefix);
	jw_num(j, key, lower);
	snprintf(key, sizeof(key), "%skm_p50_upper", prefix);
	jw_num(j, key, upper);
}

static void j_driver_side(struct jw *j, const char *key,
			  const struct driver_side *d)
{
	jw_open(j, key, '{');
	jw_int(j, "accounts", d->accounts);
	jw_int(j, "renewed", d->renewed);
	jw_num(j, "renewal_rate", d->renewal_rate);
	jw_num(j, "renewal_rate_lower", d->renewal_rate_lower);
	jw_num(j, "renewal_rate_upper", d->renewal_rate_upper);
	j_km_p50(j, "", d->km_p50, d->km_p50_lower, d->km_p50_upper);
	jw_close(j, '}');
}

static void j_drivers(struct jw *j, const struct stats *s)
{
	jw_open(j, "drivers", '[');
	for (size_t i = 0; i < s->ndrivers; i++) {
		const struct driver *d = &s->drivers[i];
		jw_open(j, NULL, '{');
		jw_str(j, "event", d->event);
		jw_int(j, "window_days", (size_t)s->driver_days);
		j_driver_side(j, "with", &d->with);
		j_driver_side(j, "without", &d->without);
		jw_num(j, "lift", d->lift);
		jw_num(j, "p_value", d->p_value);
		jw_bool(j, "notable", d->notable);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

/* One arm's figures, each key prefixed "control_" or "variant_". */
static void j_arm(struct jw *j, const char *prefix, const struct exp_arm *a)
{
	static const char *const names[] = {"accounts", "eligible",
					    "activated"};
	const size_t counts[] = {a->accounts, a->eligible, a->activated};
	char key[48];
	for (size_t i = 0; i < 3; i++) {
		snprintf(key, sizeof(key), "%s%s", prefix, names[i]);
		jw_int(j, key, counts[i]);
	}
	snprintf(key, sizeof(key), "%srate", prefix);
	jw_num(j, key, a->rate);
	snprintf(key, sizeof(key), "%srate_lower", prefix);
	jw_num(j, key, a->rate_lower);
	snprintf(key, sizeof(key), "%srate_upper", prefix);
	jw_num(j, key, a->rate_upper);
	j_km_p50(j, prefix, a->km_p50, a->km_p50_lower, a->km_p50_upper);
}

static void j_experiments(struct jw *j, const struct stats *s)
{
	jw_open(j, "experiments", '[');
	for (size_t i = 0; i < s->nexperiments; i++) {
		const struct experiment *e = &s->experiments[i];
		const struct exp_arm *c = &s->arms[e->control];
		const struct exp_arm *v = &s->arms[e->variant];
		jw_open(j, NULL, '{');
		jw_str(j, "control", c->name);
		jw_str(j, "variant", v->name);
		jw_int(j, "accounts", e->accounts);
		jw_int(j, "window_days", STATS_EXP_DAYS);
		j_arm(j, "control_", c);
		j_arm(j, "variant_", v);
		jw_num(j, "p_variant_better", e->p_variant_better);
		jw_num(j, "logrank_chisq", e->logrank_chisq);
		jw_num(j, "logrank_p", e->logrank_p);
		jw_str(j, "decision", e->decision);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void j_data_quality(struct jw *j, const struct stats *s)
{
	const struct data_quality *q = &s->dq;
	jw_open(j, "data_quality", '{');
	jw_int(j, "rows_skipped", q->rows_skipped);
	jw_str(j, "skipped", q->skipped && *q->skipped ? q->skipped : NULL);
	jw_int(j, "accounts_without_tier", q->accounts_without_tier);
	jw_int(j, "accounts_without_clock_start",
	      q->accounts_without_clock_start);
	jw_int(j, "first_value_before_start", q->first_value_before_start);
	jw_int(j, "pauses_open", q->pauses_open);
	jw_int(j, "pauses_undocumented", q->pauses_undocumented);
	jw_int(j, "event_names_unused", q->event_names_unused);
	jw_int(j, "events_untracked", q->events_untracked);
	jw_int(j, "steps_unreached", q->steps_unreached);
	jw_bool(j, "steps_default", q->steps_default);
	jw_bool(j, "steps_inferred", q->steps_inferred);
	struct buf ini = BUF_INIT;
	if (q->steps_inferred)
		md_steps_ini(&ini, s);
	jw_str(j, "inferred_steps_ini", q->steps_inferred ? buf_cstr(&ini) : NULL);
	buf_release(&ini);
	jw_str(j, "first_value_source", q->first_value_source);
	/* one string per line of config_check's warnings */
	jw_open(j, "warnings", '[');
	struct buf line = BUF_INIT;
	for (const char *w = q->warnings, *nl; w && (nl = strchr(w, '\n'));
	     w = nl + 1) {
		buf_reset(&line);
		buf_put(&line, w, (size_t)(nl - w));
		jw_str(j, NULL, buf_cstr(&line));
	}
	buf_release(&line);
	jw_close(j, ']');
	jw_close(j, '}');
}

/* The last day inside an SLA: a deadline at midnight ends the day before. */
static void j_deadline(struct jw *j, const char *key, int64_t t)
{
	jw_date(j, key, t == TTFV_NO_TIME ? t : t - 1);
}

/* What only the account's team reads: its owner, its onboarding row's
 * status, chance of making the SLA, route and alert, its post-mortems. */
static void j_account_internal(struct jw *j, const struct account_summary *a)
{
	jw_str(j, "csm", a->csm);
	jw_str(j, "status", a->row ? stats_status_name(a->status) : NULL);
	jw_str(j, "current_step", a->current_step);
	struct buf alert = BUF_INIT;
	j_alert(j, a->row, &alert);
	buf_release(&alert);
	jw_num(j, "stalled_days", a->row ? a->row->stalled_days : NAN);
	jw_date(j, "projected_first_value",
		a->row ? a->row->projected_first_value : TTFV_NO_TIME);
	jw_num(j, "p_on_time", a->row ? a->row->p_on_time : NAN);
	jw_num(j, "risk", a->row ? a->row->risk : NAN);
	jw_str(j, "route", a->row ? stats_route_name(a->row->route) : NULL);
	jw_date(j, "next_check", a->row ? a->row->next_check : TTFV_NO_TIME);
	jw_date(j, "breached_at", a->breached_at);
	jw_num(j, "overall_median_days", a->overall_median);
	jw_open(j, "postmortems", '[');
	for (size_t i = 0; i < a->npms; i++) {
		jw_open(j, NULL, '{');
		jw_str(j, "category", a->pms[i].category);
		jw_str(j, "owner", a->pms[i].owner);
		jw_date(j, "breached_at", a->pms[i].breached_at);
		jw_date(j, "opened_at", a->pms[i].opened_at);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void j_account(struct jw *j, const struct stats *s, bool internal)
{
	const struct account_summary *a = s->account;
	jw_open(j, "account", '{');
	jw_str(j, "account_id", a->account_id);
	jw_str(j, "name", a->name);
	jw_str(j, "tier", a->tier);
	jw_str(j, "state", stats_account_state_name(a->state));
	jw_date(j, "clock_start", a->clock_start);
	jw_bool(j, "reached", a->reached);
	jw_date(j, "first_value_at", a->first_value_at);
	jw_num(j, "ttfv_days", a->ttfv);
	jw_num(j, "ttfv_calendar_days", a->ttfv_calendar);
	jw_num(j, "elapsed_days", a->elapsed_days);
	jw_str(j, "days", day_kind_name(a->days));
	jw_num(j, "sla_days", a->sla_days);
	jw_bool(j, "sla_breached", a->sla_breached);
	j_deadline(j, "deadline", a->deadline);
	jw_num(j, "tier_sla_days", a->tier_sla);
	jw_num(j, "tier_median_days", a->tier_median);
	jw_str(j, "next_step", a->reached || a->clock_start == TTFV_NO_TIME
				      ? NULL
			       : a->next_step >= 0 ? s->steps[a->next_step].name
						   : "first_value");
	jw_date(j, "next_target", a->next_target);
	jw_open(j, "steps", '[');
	for (size_t i = 0; i < a->npath; i++) {
		size_t k = a->path[i];
		jw_open(j, NULL, '{');
		jw_str(j, "step", s->steps[k].name);
		jw_str(j, "label", s->steps[k].label);
		jw_date(j, "at", a->step_at[k]);
		jw_num(j, "days", a->step_days[k]);
		jw_num(j, "tier_median_days", a->tier_step_median[k]);
		jw_close(j, '}');
	}
	jw_close(j, ']');
	if (internal)
		j_account_internal(j, a);
	jw_close(j, '}');
}

void render_json_qbr(const struct stats *s, bool internal, struct buf *out)
{
	struct jw j;
	memset(&j, 0, sizeof(j));
	j.b = out;
	jw_open(&j, NULL, '{');
	jw_str(&j, "title", s->title);
	jw_str(&j, "as_of", s->as_of_date);
	jw_str(&j, "audience", internal ? "internal" : "customer");
	j_account(&j, s, internal);
	jw_close(&j, '}');
	buf_putc(out, '\n');
}

void render_json(const struct stats *s, struct buf *out)
{
	struct jw j;
	memset(&j, 0, sizeof(j));
	j.b = out;
	jw_open(&j, NULL, '{');
	jw_str(&j, "title", s->title);
	jw_str(&j, "as_of", s->as_of_date);
	jw_str(&j, "cohort_column", s->cohort_column);
	jw_str(&j, "cohort_unit", s->cohort_unit == COHORT_WEEK	  ? "week"
				 : s->cohort_unit == COHORT_QUARTER ? "quarter"
								    : "month");
	jw_int(&j, "horizon_days", (size_t)s->horizon_days);
	jw_open(&j, "accounts", '{');
	jw_int(&j, "total", s->overall.accounts);
	jw_int(&j, "reached", s->overall.reached);
	jw_int(&j, "censored", s->overall.censored);
	jw_int(&j, "in_data", s->accounts_in_data);
	jw_close(&j, '}');
	jw_open(&j, "overall", '{');
	j_percentiles(&j, s->overall.p, "");
	j_km(&j, &s->overall);
	jw_close(&j, '}');
	j_tiers(&j, s);
	j_cohorts(&j, s);
	j_breakdowns(&j, s);
	j_steps_and_funnel(&j, s);
	j_outcomes(&j, s);
	j_business(&j, s);
	j_postmortems(&j, s);
	j_onboarding(&j, s);
	jw_open(&j, "onboarding_status", '{');
	jw_int(&j, "on_track", s->status_count[STATUS_ON_TRACK]);
	jw_int(&j, "at_risk", s->status_count[STATUS_AT_RISK]);
	jw_int(&j, "breached", s->status_count[STATUS_BREACHED]);
	jw_close(&j, '}');
	j_risk_calibration(&j, s);
	j_awaiting(&j, s);
	j_nudges(&j, s);
	j_targets_trend_churn(&j, s);
	j_drivers(&j, s);
	j_experiments(&j, s);
	j_data_quality(&j, s);
	jw_close(&j, '}');
	buf_putc(out, '\n');
}

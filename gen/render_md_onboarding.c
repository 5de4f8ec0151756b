/* render_md_onboarding.c - the tables of the accounts still onboarding
 * (the cohort-qa and weekly reports): who needs someone this week and on
 * which route, how well the risk figure has called breaches, who waits
 * for a clock start, which nudge each account gets.  Every data string
 * goes through md_cell_text. */
#include "render_md.h"

const char *md_status_label(const struct onboarding_row *r)
{
	return r->status == STATUS_BREACHED ? "**breached**" :
	       r->status == STATUS_AT_RISK ? "at risk" :
	       r->stalled ? "**stalled**" : "on track";
}

/* SPEC 8.3: the route and the day to look again, with the escalation
 * approver of a human route; kept short, the alert needs the width. */
void md_cell_route(struct buf *out, const struct onboarding_row *r)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s ", stats_route_name(r->route));
	md_date(&b, r->next_check);
	if (r->route == ROUTE_HUMAN)
		buf_addf(&b, ", %s", *r->approver ? r->approver : "no approver");
	md_cell_text(out, buf_cstr(&b));
	buf_release(&b);
}

/* Accounts that need someone this week, most urgent first (the order
 * stats gives).  The alert already says the step, the elapsed day and
 * the SLA, so those get no columns of their own: the table stays narrow
 * enough for a phone and a printed page. */
void md_table_onboarding(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Status", "Account", "Name", "Tier",
					"CSM", "Days stalled", "P(on time)",
					"Route, next check", "Alert"};
	md_table_head(out, h, "lllllrrll");
	struct buf cell = BUF_INIT;
	for (size_t i = 0; i < s->nonboarding; i++) {
		const struct onboarding_row *r = &s->onboarding[i];
		/* on track by the rules, yet routed (the probability says
		 * someone should act) or stalled past its step's max days */
		if (r->status == STATUS_ON_TRACK && r->route == ROUTE_MONITOR &&
		    !r->stalled)
			continue;
		md_row_begin(out);
		buf_reset(&cell);
		buf_puts(&cell, md_status_label(r));
		if (r->contractual)
			buf_puts(&cell, " (contractual SLA)");
		md_cell_raw(out, buf_cstr(&cell));
		md_cell_text(out, r->account_id);
		md_cell_text(out, r->name);
		md_cell_text(out, r->tier);
		md_cell_text(out, r->csm);
		md_cell_days(out, r->stalled_days);
		md_cell_share(out, r->p_on_time);
		md_cell_route(out, r);
		buf_reset(&cell);
		md_alert_text(&cell, r);
		md_cell_text(out, buf_cstr(&cell));
		md_row_end(out);
	}
	buf_release(&cell);
}

/* The backtest of the probabilities, bin by bin. */
void md_table_risk_calibration(const struct stats *s,
				      struct buf *out)
{
	static const char *const h[] = {"Predicted", "Mean predicted",
					"Made the SLA", "Accounts"};
	const struct risk_calibration *rc = &s->calibration;
	md_table_head(out, h, "lrrr");
	for (size_t i = 0; i < rc->nbins; i++) {
		const struct calibration_bin *b = &rc->bins[i];
		md_row_begin(out);
		struct buf range = BUF_INIT;
		buf_addf(&range, "%.0f-%.0f%%", b->lo * 100, b->hi * 100);
		md_cell_text(out, buf_cstr(&range));
		md_cell_share(out, b->predicted);
		/* a share of few accounts says so (SPEC 8.1) */
		buf_reset(&range);
		md_share(&range, b->observed);
		md_small_n(&range, b->accounts);
		md_cell_raw(out, buf_cstr(&range));
		buf_release(&range);
		md_cell_count(out, b->accounts);
		md_row_end(out);
	}
}

/* Open accounts whose clock waits for its column (a kickoff call). */
void md_table_awaiting(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Account", "Name", "Tier",
					"Waiting for", "Signed",
					"Business days since signing",
					"Kickoff target"};
	md_table_head(out, h, "lllllrl");
	size_t shown = md_list_shown(s->nawaiting);
	for (size_t i = 0; i < shown; i++) {
		const struct awaiting_row *r = &s->awaiting[i];
		md_row_begin(out);
		md_cell_text(out, r->account_id);
		md_cell_text(out, r->name);
		md_cell_text(out, r->tier);
		md_cell_text(out, r->clock_start);
		md_cell_date(out, r->signed_at);
		md_cell_days(out, r->business_days);
		md_cell_raw(out, r->past_target ? "**missed**" : "within");
		md_row_end(out);
	}
	md_list_more(out, shown, s->nawaiting, "awaiting_clock_start");
}

/* This week's nudge checkpoints: which nudge each account gets. */
void md_table_nudges(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Checkpoint", "Account", "Name",
					"Tier", "CSM", "Reached on", "State",
					"Next step", "Nudge"};
	md_table_head(out, h, "lllllllll");
	/* every account of a week's cohort passes its marks: capped, as
	 * every list that grows with the data */
	size_t shown = md_list_shown(s->nnudges);
	for (size_t i = 0; i < shown; i++) {
		const struct nudge_row *r = &s->nudges[i];
		md_row_begin(out);
		buf_addf(out, " day %d |", r->day);
		md_cell_text(out, r->account_id);
		md_cell_text(out, r->name);
		md_cell_text(out, r->tier);
		md_cell_text(out, r->csm);
		md_cell_date(out, r->mark);
		md_cell_raw(out, stats_nudge_state_name(r->state));
		md_cell_text(out, r->step ? r->step : "first value");
		md_cell_text(out, r->playbook);
		md_row_end(out);
	}
	md_list_more(out, shown, s->nnudges, "nudges");
}

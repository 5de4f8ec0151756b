/* render_md_account.c - one account's tables, for its QBR: its steps
 * beside its tier's, the internal page's figures, its post-mortems.
 * Every data string goes through md_cell_text. */
#include <math.h>

#include "render_md.h"

/* One account's steps (QBR): the days from its clock start in its tier's
 * kind, beside the tier's median day for each; the next step of an
 * account still onboarding with its target date. */
void md_table_timeline(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Step", "Date", "Days since start",
					"Your tier's median day"};
	const struct account_summary *a = s->account;
	md_table_head(out, h, "lrrr");
	md_row_begin(out);
	md_cell_raw(out, "Clock start");
	md_cell_date(out, a->clock_start);
	md_cell_days(out, a->clock_start == TTFV_NO_TIME ? NAN : 0.0);
	md_cell_raw(out, "");
	md_row_end(out);
	for (size_t j = 0; j < a->npath; j++) {
		size_t i = a->path[j];
		int64_t t = a->step_at[i];
		md_row_begin(out);
		md_cell_text(out, s->steps[i].label);
		if (t != TTFV_NO_TIME) {
			md_cell_date(out, t);
			md_cell_days(out, a->step_days[i]);
		} else if (a->next_step == (int)i &&
			   a->next_target != TTFV_NO_TIME) {
			buf_puts(out, " next step, target ");
			md_date(out, a->next_target);
			buf_puts(out, " |");
			md_cell_raw(out, "—");
		} else {
			md_cell_raw(out, a->next_step == (int)i ? "next step"
								 : "not yet");
			md_cell_raw(out, "—");
		}
		md_cell_days(out, a->tier_step_median[i]);
		md_row_end(out);
	}
}

/* The internal view of one account: who owns it, its status, chance of
 * making the SLA, route and alert. */
void md_table_account_internal(const struct stats *s,
				      struct buf *out)
{
	static const char *const h[] = {"Internal view", "Value"};
	const struct account_summary *a = s->account;
	const struct onboarding_row *r = a->row;
	md_table_head(out, h, "ll");
	md_row_begin(out);
	md_cell_raw(out, "CSM");
	md_cell_text(out, a->csm);
	md_row_end(out);
	md_row_begin(out);
	md_cell_raw(out, "Status");
	md_cell_raw(out, r ? stats_status_name(r->status)
			   : a->reached ? "first value reached" : "not onboarding");
	md_row_end(out);
	if (r) {
		md_row_begin(out);
		md_cell_raw(out, "Stalled on the current step (days)");
		md_cell_days(out, r->stalled_days);
		md_row_end(out);
		md_row_begin(out);
		md_cell_raw(out, "Projected first value");
		md_cell_date(out, r->projected_first_value);
		md_row_end(out);
		md_row_begin(out);
		md_cell_raw(out, "Chance of first value by the SLA date");
		md_cell_share(out, r->p_on_time);
		md_row_end(out);
		md_row_begin(out);
		md_cell_raw(out, "Route (next check)");
		buf_putc(out, ' ');
		buf_puts(out, stats_route_name(r->route));
		buf_puts(out, " (");
		md_date(out, r->next_check);
		buf_puts(out, ") |");
		md_row_end(out);
		if (r->route == ROUTE_HUMAN) {
			md_row_begin(out);
			md_cell_raw(out, "Escalation approver");
			md_cell_text(out, *r->approver ? r->approver
						       : "no approver");
			md_row_end(out);
		}
		md_row_begin(out);
		md_cell_raw(out, "Alert");
		struct buf alert = BUF_INIT;
		if (!md_alert_text(&alert, r))
			buf_puts(&alert, "none");
		md_cell_text(out, buf_cstr(&alert));
		buf_release(&alert);
		md_row_end(out);
	}
	if (a->breached_at != TTFV_NO_TIME) {
		md_row_begin(out);
		md_cell_raw(out, "SLA breached");
		md_cell_date(out, a->breached_at);
		md_row_end(out);
	}
}

/* The account's post-mortems (internal view). */
void md_table_account_postmortems(const struct stats *s,
					 struct buf *out)
{
	static const char *const h[] = {"Post-mortem", "Owner", "Breached",
					"Opened"};
	const struct account_summary *a = s->account;
	md_table_head(out, h, "llrr");
	for (size_t i = 0; i < a->npms; i++) {
		md_row_begin(out);
		md_cell_text(out, a->pms[i].category);
		md_cell_text(out, a->pms[i].owner);
		md_cell_date(out, a->pms[i].breached_at);
		md_cell_date(out, a->pms[i].opened_at);
		md_row_end(out);
	}
}

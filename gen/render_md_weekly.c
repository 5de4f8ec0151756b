/* render_md_weekly.c - the weekly review's tables, figures and conditions
 * (SPEC 8.2): what changed since last week, the targets this week against
 * the week before, the action list by CSM and the old breaches.
 *
 * A list that grows with the data (ids, a CSM's accounts, old breaches)
 * shows its count and its first MD_LIST_CAP entries, then points at
 * report.json, which has them all: the meeting reads the top of each list,
 * and at 200,000 accounts the Markdown stays a few hundred lines. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_md.h"

/* Ids in a line of the changes table. */
#define MD_IDS_CAP 5
/* A CSM's most urgent accounts: what one meeting can go through. */
#define MD_GROUP_CAP 2

void md_list_more(struct buf *out, size_t shown, size_t n,
		  const char *where)
{
	if (n <= shown)
		return;
	if (out->len && out->ptr[out->len - 1] == '\n')
		out->ptr[--out->len] = '\0';
	buf_addf(out, "\n\n*%zu more in report.json (%s).*", n - shown,
		 where);
}

static void md_ids(struct buf *out, const struct id_list *l,
		   const char *key)
{
	buf_putc(out, ' ');
	size_t shown = l->n < MD_IDS_CAP ? l->n : MD_IDS_CAP;
	for (size_t i = 0; i < shown; i++) {
		if (i)
			buf_puts(out, ", ");
		md_text(out, l->id[i]);
	}
	if (!l->n)
		buf_puts(out, "—");
	else if (l->n > shown)
		buf_addf(out, ", … %zu more (report.json weekly.changes.%s)",
			 l->n - shown, key);
	buf_puts(out, " |");
}

static void md_table_changes(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Since last week", "Accounts",
					"Account ids"};
	const struct weekly_changes *c = &s->weekly.changes;
	const struct {
		const char *label, *key;
		const struct id_list *l;
	} row[] = {
		{"Newly breached the SLA", "newly_breached",
		 &c->newly_breached},
		{"Newly at risk", "newly_at_risk", &c->newly_at_risk},
		{"Newly stalled (past a step's max days)", "stalled",
		 &c->stalled},
		{"Reached first value", "reached", &c->reached},
		{"New accounts (clock started)", "new_accounts",
		 &c->new_accounts},
	};
	md_table_head(out, h, "lrl");
	for (size_t i = 0; i < sizeof row / sizeof *row; i++) {
		md_row_begin(out);
		md_cell_raw(out, row[i].label);
		md_cell_count(out, row[i].l->n);
		md_ids(out, row[i].l, row[i].key);
		md_row_end(out);
	}
}

/* "+0.4" days, "−2.3 pts" for shares, rounded as the figures are;
 * "n/a" when either week has none. */
static void md_cell_delta(struct buf *out, const struct target_row *t)
{
	double d = t->delta;
	if (isnan(d)) {
		md_cell_raw(out, "n/a");
		return;
	}
	double r = num_round1(t->is_share ? 100 * d : d);
	buf_addf(out, " %s%.1f%s |", r > 0 ? "+" : r < 0 ? "−" : "±",
		 fabs(r), t->is_share ? " pts" : "");
}

static void md_table_weekly_targets(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Metric", "This week", "Accounts",
					"Week before", "Change", "Target",
					"Warning", "Status"};
	md_table_head(out, h, "llrrrrrl");
	for (int i = 0; i < TARGET_COUNT; i++) {
		const struct target_row *t = &s->weekly.targets[i];
		md_row_begin(out);
		md_cell_text(out, t->label);
		buf_putc(out, ' ');
		md_target_value(out, t, t->value);
		if (!isnan(t->lower) || !isnan(t->upper)) {
			buf_puts(out, " (");
			if (t->is_share)
				md_share_interval(out, t->lower, t->upper);
			else
				md_interval(out, t->lower, t->upper);
			buf_putc(out, ')');
		}
		if (!isnan(t->value))
			md_small_n(out, t->accounts);
		buf_puts(out, " |");
		md_cell_count(out, t->accounts);
		buf_putc(out, ' ');
		md_target_value(out, t, t->previous);
		buf_puts(out, " |");
		md_cell_delta(out, t);
		md_cell_bound(out, t, t->target, false);
		md_cell_bound(out, t, t->warning, true);
		md_cell_status(out, t->status);
		md_row_end(out);
	}
}

/* "12,500", "—" when blank. */
static void md_cell_arr(struct buf *out, double arr)
{
	if (isnan(arr)) {
		md_cell_raw(out, "—");
		return;
	}
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%.0f", fabs(arr));
	buf_puts(out, arr < 0 ? " −" : " ");
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf_putc(out, ',');
		buf_putc(out, digits[i]);
	}
	buf_puts(out, " |");
}

/* The day by whose end it is due: a deadline at midnight ends the day
 * before. */
static void md_cell_deadline(struct buf *out, int64_t deadline)
{
	md_cell_date(out, deadline == TTFV_NO_TIME ? deadline : deadline - 1);
}

/* "Vivid Tide Foods: **breached** (contractual SLA), **over 2× SLA**". */
static void md_cell_action(struct buf *out, const struct onboarding_row *r)
{
	buf_putc(out, ' ');
	md_text(out, *r->name ? r->name : r->account_id);
	buf_puts(out, ": ");
	buf_puts(out, md_status_label(r));
	if (r->contractual)
		buf_puts(out, " (contractual SLA)");
	if (r->twice_sla)
		buf_puts(out, ", **over 2× SLA**");
	buf_puts(out, " |");
}

/* "import_data, 35.0 business days": the alert without its playbook
 * sentence, which the playbook table under the groups gives once per
 * step (report.json's alert has both, and the step before). */
static void md_cell_stuck(struct buf *out, const struct onboarding_row *r)
{
	buf_putc(out, ' ');
	md_text(out, r->current_step);
	buf_puts(out, ", ");
	md_days(out, r->stalled_days);
	buf_addf(out, "%s days |", r->days == DAYS_BUSINESS ? " business" : "");
}

/* Each step the shown accounts are stuck on, once, with its playbook. */
static void md_playbooks(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Stuck on", "Playbook"};
	const struct weekly *wk = &s->weekly;
	buf_puts(out, "\n\n");
	md_table_head(out, h, "ll");
	for (size_t k = 0; k <= s->nsteps; k++) {
		const char *step = k < s->nsteps ? s->steps[k].name
						 : "first_value";
		const char *playbook = k < s->nsteps ? s->steps[k].playbook
						     : NULL;
		bool used = false;
		for (size_t i = 0; i < wk->naction && !used; i++)
			used = strcmp(s->onboarding[wk->action[i]].current_step,
				      step) == 0;
		if (!used)
			continue;
		md_row_begin(out);
		md_cell_text(out, step);
		if (playbook) {
			md_cell_text(out, playbook);
		} else {
			buf_puts(out, " No playbook yet: add one to `[step ");
			md_text(out, step);
			buf_puts(out, "]`. |");
		}
		md_row_end(out);
	}
}

/* A short table per CSM: the CSM reads their own, and a table that fits
 * on a page is never pushed whole to the next one in print. */
/* A short table per CSM, headed by the CSM (a table that fits on a page
 * is never pushed whole to the next one in print, and a heading of its
 * own would cost each CSM a line more). */
static void md_table_actions(const struct stats *s, struct buf *out)
{
	const struct weekly *wk = &s->weekly;
	for (size_t g = 0; g < wk->ngroups; g++) {
		const struct action_group *ag = &wk->groups[g];
		if (g)
			buf_putc(out, '\n');
		buf_puts(out, "| ");
		if (*ag->csm)
			md_text(out, ag->csm);
		else
			buf_puts(out, "No CSM named");
		buf_addf(out, " (%zu) | ARR | Deadline | Projected | "
			      "P(on time) | Route | Stuck on |\n"
			      "| --- | ---: | ---: | ---: | ---: | --- | --- |\n",
			 ag->n);
		size_t shown = ag->n < MD_GROUP_CAP ? ag->n : MD_GROUP_CAP;
		for (size_t i = ag->first; i < ag->first + shown; i++) {
			const struct onboarding_row *r =
				&s->onboarding[wk->action[i]];
			md_row_begin(out);
			md_cell_action(out, r);
			md_cell_arr(out, r->arr);
			md_cell_deadline(out, r->deadline);
			md_cell_date(out, r->projected_first_value);
			md_cell_share(out, r->p_on_time);
			md_cell_route(out, r);
			md_cell_stuck(out, r);
			md_row_end(out);
		}
		if (ag->n > shown)
			buf_addf(out, "| *%zu more in report.json "
				      "(weekly.actions)* | | | | | | |\n",
				 ag->n - shown);
	}
	if (out->len && out->ptr[out->len - 1] == '\n')
		out->ptr[--out->len] = '\0';
	md_playbooks(s, out);
}

static void md_table_old_breaches(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {"Account", "Name", "Tier", "CSM",
					"ARR", "Due", "Day"};
	const struct weekly *wk = &s->weekly;
	md_table_head(out, h, "llllrrr");
	size_t shown = md_list_shown(wk->nold_breach);
	for (size_t i = 0; i < shown; i++) {
		const struct onboarding_row *r =
			&s->onboarding[wk->old_breach[i]];
		md_row_begin(out);
		md_cell_text(out, r->account_id);
		md_cell_text(out, r->name);
		md_cell_text(out, r->tier);
		md_cell_text(out, r->csm);
		md_cell_arr(out, r->arr);
		md_cell_deadline(out, r->deadline);
		md_cell_days(out, r->elapsed_days);
		md_row_end(out);
	}
	md_list_more(out, shown, wk->nold_breach, "weekly.old_breaches");
}

int md_weekly_table(const struct stats *s, const char *name, struct buf *out)
{
	static const struct {
		const char *name;
		void (*fn)(const struct stats *, struct buf *);
	} tables[] = {
		{"weekly_changes", md_table_changes},
		{"weekly_targets", md_table_weekly_targets},
		{"actions", md_table_actions},
		{"old_breaches", md_table_old_breaches},
	};
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
		if (strcmp(tables[i].name, name) != 0)
			continue;
		if (out) {
			tables[i].fn(s, out);
			/* the placeholder's own line ends the last row */
			if (out->len && out->ptr[out->len - 1] == '\n')
				out->ptr[--out->len] = '\0';
		}
		return 0;
	}
	return -1;
}

static bool md_any_default(const struct stats *s)
{
	for (int i = 0; i < TARGET_COUNT; i++)
		if (s->weekly.targets[i].is_default)
			return true;
	return false;
}

int md_weekly_value(const struct stats *s, const char *name, struct buf *out)
{
	const struct weekly *wk = &s->weekly;
	if (strcmp(name, "weekly.from") == 0) {
		if (out)
			buf_puts(out, wk->from_date);
	} else if (strcmp(name, "weekly.to") == 0) {
		if (out)
			buf_puts(out, wk->to_date);
	} else if (strcmp(name, "weekly.actions") == 0) {
		if (out)
			buf_addf(out, "%zu", wk->naction);
	} else if (strcmp(name, "weekly.old_breaches") == 0) {
		if (out)
			buf_addf(out, "%zu", wk->nold_breach);
	} else {
		return -1;
	}
	return 0;
}

int md_weekly_condition(const struct stats *s, const char *name, bool *truth)
{
	const struct weekly *wk = &s->weekly;
	if (strcmp(name, "actions") == 0)
		*truth = wk->naction > 0;
	else if (strcmp(name, "old_breaches") == 0)
		*truth = wk->nold_breach > 0;
	else if (strcmp(name, "targets_default") == 0)
		*truth = md_any_default(s);
	else
		return -1;
	return 0;
}

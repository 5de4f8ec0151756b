/* render_md.h - pieces the Markdown renderer is built from: escaping data
 * for where it lands, formatting figures, pipe tables, and the named
 * figures, sentences, tables and conditions templates may use.
 *
 * Everything appends to a struct buf.  Numbers follow one rule set:
 * durations with one decimal, shares as percentages with one decimal,
 * counts as integers, and "n/a" for a figure that is missing (NAN), never 0.
 */
#ifndef TTFV_RENDER_MD_H
#define TTFV_RENDER_MD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stats.h"
#include "util.h"

/* ---- text (render_md_text.c) ------------------------------------------ */

/* s (data: names, ids, tiers...) as literal Markdown text, safe inline and
 * inside a pipe-table cell: every character Markdown or GFM could read as
 * syntax is backslash-escaped, line breaks and control characters become
 * spaces, surrounding blanks go.  NULL or blank gives "—". */
void md_text(struct buf *out, const char *s);
/* s as the body of a fenced code block: a fence longer than any backtick
 * run in s, so nothing in s can end the block.  Like a table, it ends
 * without a newline: the placeholder's line supplies it. */
void md_code_block(struct buf *out, const char *lang, const char *s);

/* "12.3", "n/a" for NAN. */
void md_days(struct buf *out, double days);
/* The row's onboarding alert as plain text (escape it for the format),
 * appended to out; false, with nothing appended, when r is NULL or has
 * none.  Every format shows this one wording. */
bool md_alert_text(struct buf *out, const struct onboarding_row *r);
/* The [step] sections that would pin the steps (inferred ones: each
 * whose name cannot be pasted back noted in a comment instead), as INI
 * text ready for ttfv.ini, appended to out. */
void md_steps_ini(struct buf *out, const struct stats *s);
/* "12.3 days", "1 day", "12 business days": for sentences (a whole
 * number loses its ".0"); "n/a" for NAN. */
void md_days_words(struct buf *out, double days, enum day_kind kind);
/* "74.2%", "n/a" for NAN. */
void md_share(struct buf *out, double share);
/* "41" for a whole number, else one decimal; "n/a" for NAN. */
void md_number(struct buf *out, double v);
/* "2026-10-31" of an instant in the report timezone, "n/a" for none. */
void md_date(struct buf *out, int64_t t);
/* A 95 % interval of days, "5.1–8.0" (each end as md_days: "n/a" for an
 * end that cannot be computed). */
void md_interval(struct buf *out, double lower, double upper);
/* The same of shares: "61.2–74.0%". */
void md_share_interval(struct buf *out, double lower, double upper);
/* " (n = 11)" when n is below STATS_SMALL_N, else nothing: the mark a
 * figure from a handful of accounts carries in every table. */
void md_small_n(struct buf *out, size_t n);
/* "p = 0.012", "p < 0.001", "p = n/a" for NAN: a test's p-value. */
void md_p_value(struct buf *out, double p);

/* ---- pipe tables -------------------------------------------------------- */

/* Header row and delimiter row; align has one letter per column, 'l' or
 * 'r'.  Headers are trusted text (ours), not data. */
void md_table_head(struct buf *out, const char *const *headers,
		   const char *align);
void md_row_begin(struct buf *out);
void md_row_end(struct buf *out);
void md_cell_text(struct buf *out, const char *data);
void md_cell_raw(struct buf *out, const char *markdown);
void md_cell_days(struct buf *out, double days);
void md_cell_share(struct buf *out, double share);
void md_cell_number(struct buf *out, double v);
void md_cell_count(struct buf *out, size_t n);
void md_cell_date(struct buf *out, int64_t t);

/* A target's value (share or days), its status ("**missed**"), and its
 * target or warning bound ("≤ 5.0 (default)") as cells. */
void md_target_value(struct buf *out, const struct target_row *t, double v);
void md_cell_status(struct buf *out, const char *status);
void md_cell_bound(struct buf *out, const struct target_row *t, double v,
		   bool warning);
/* Lists that grow with the data show this many rows, then (md_list_more)
 * how many more report.json holds under where; it ends a table's last
 * row first. */
#define MD_LIST_CAP 2
static inline size_t md_list_shown(size_t n)
{
	return n < MD_LIST_CAP ? n : MD_LIST_CAP;
}
void md_list_more(struct buf *out, size_t shown, size_t n, const char *where);

/* ---- onboarding tables (render_md_onboarding.c) ----------------------- */

/* "human 2026-11-02, Sam": the route, the day to look again and, for a
 * human route, the escalation approver (SPEC 8.3). */
void md_cell_route(struct buf *out, const struct onboarding_row *r);
/* "**breached**", "at risk", "**stalled**", "on track". */
const char *md_status_label(const struct onboarding_row *r);
void md_table_onboarding(const struct stats *s, struct buf *out);
void md_table_risk_calibration(const struct stats *s, struct buf *out);
void md_table_awaiting(const struct stats *s, struct buf *out);
void md_table_nudges(const struct stats *s, struct buf *out);

/* ---- one account's tables, for its QBR (render_md_account.c) ---------- */

void md_table_timeline(const struct stats *s, struct buf *out);
void md_table_account_internal(const struct stats *s, struct buf *out);
void md_table_account_postmortems(const struct stats *s, struct buf *out);

/* ---- value drivers and experiments (render_md_drivers.c) -------------- */

/* Sentences: which events went with renewal; each experiment's verdict. */
void md_fig_drivers(const struct stats *s, struct buf *out);
void md_fig_experiments(const struct stats *s, struct buf *out);
/* The top five events with a notable higher renewal rate; every arm. */
void md_table_drivers(const struct stats *s, struct buf *out);
void md_table_experiments(const struct stats *s, struct buf *out);
/* Whether some event goes notably with a higher renewal rate. */
bool md_drivers_any(const struct stats *s);

/* ---- what templates can name (render_md_names.c) ---------------------- */

/* Appends the expansion of a figure, table or chart; with out NULL only
 * says whether the name exists.  -1 when unknown. */
int md_value(const struct stats *s, const char *name, struct buf *out);
int md_table(const struct stats *s, const char *name, struct buf *out);
/* A chart as an image of charts/NAME.png, or .svg when svg is set. */
int md_chart(const struct stats *s, const char *name, bool svg,
	     struct buf *out);
/* "Reached first value within the SLA", ...: a QBR account's standing in
 * the customer's words. */
const char *md_account_state_label(const struct account_summary *a);
/* Sets *truth; -1 when the condition is unknown. */
int md_condition(const struct stats *s, const char *name, bool *truth);
/* The same for the weekly review's names (render_md_weekly.c); the three
 * above try these first. */
int md_weekly_table(const struct stats *s, const char *name, struct buf *out);
int md_weekly_value(const struct stats *s, const char *name, struct buf *out);
int md_weekly_condition(const struct stats *s, const char *name, bool *truth);

#endif

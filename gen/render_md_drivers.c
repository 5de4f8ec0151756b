/* render_md_drivers.c - the sentences and tables of the "What goes with
 * renewal" and "Experiments" sections (SPEC 8.4), from the drivers and
 * arms stats computed. */
#include <math.h>
#include <string.h>

#include "render_md.h"

/* How many drivers the report names at most. */
#define MD_TOP_DRIVERS 5

/* "97.2%": a probability read against 95 % keeps its decimal, and never
 * rounds to a certainty. */
static void md_prob(struct buf *out, double p)
{
	if (isnan(p))
		buf_puts(out, "n/a");
	else if (p > 0.999)
		buf_puts(out, "> 99.9%");
	else if (p < 0.001)
		buf_puts(out, "< 0.1%");
	else
		md_share(out, p);
}

/* An arm's name with "(control)" when the name does not say so. */
static void md_arm_name(struct buf *out, const struct stats *s, size_t i)
{
	md_text(out, s->arms[i].name);
	if (i == s->control_arm && s->narms > 1 &&
	    strcmp(s->arms[i].name, "control") != 0)
		buf_puts(out, " (control)");
}

/* "+12.3 points", "−4.0 points" */
static void md_points(struct buf *out, double diff)
{
	if (isnan(diff)) {
		buf_puts(out, "n/a");
		return;
	}
	double r = num_round1(diff * 100.0);
	buf_puts(out, r > 0 ? "+" : r < 0 ? "−" : "");
	buf_addf(out, "%.1f points", fabs(r));
}

/* A notable driver may name a higher or a lower renewal rate; the table
 * lists the higher ones. */
static bool md_driver_up(const struct driver *d)
{
	return d->notable && d->lift > 0;
}

bool md_drivers_any(const struct stats *s)
{
	for (size_t i = 0; i < s->ndrivers; i++)
		if (md_driver_up(&s->drivers[i]))
			return true;
	return false;
}

/* "a, b and c" of the notable drivers with a lower renewal rate. */
static size_t md_drivers_down(const struct stats *s, struct buf *out)
{
	size_t n = 0, total = 0;
	for (size_t i = 0; i < s->ndrivers; i++)
		total += s->drivers[i].notable && s->drivers[i].lift < 0;
	for (size_t i = 0; i < s->ndrivers; i++) {
		const struct driver *d = &s->drivers[i];
		if (!d->notable || d->lift >= 0)
			continue;
		if (n)
			buf_puts(out, n + 1 == total ? " and " : ", ");
		/* bold, not a code span: inside one the escapes would show */
		buf_puts(out, "**");
		md_text(out, d->event);
		buf_puts(out, "** (");
		md_points(out, d->lift);
		buf_putc(out, ')');
		n++;
	}
	return n;
}

void md_fig_drivers(const struct stats *s, struct buf *out)
{
	if (s->ndrivers == 0) {
		buf_puts(out, "The data has no product events to compare with "
			      "renewal.");
		return;
	}
	if (s->driver_accounts == 0) {
		buf_puts(out, "No account has renewed or churned yet, so no "
			      "event can be compared with renewal.");
		return;
	}
	size_t up = 0;
	for (size_t i = 0; i < s->ndrivers; i++)
		up += md_driver_up(&s->drivers[i]);
	buf_addf(out, "Over the %zu accounts that have renewed or churned, ",
		 s->driver_accounts);
	if (up == 0)
		buf_addf(out, "none of the %zu event names, done within %d "
			      "days of the clock start, goes with a clearly "
			      "higher renewal rate (at least %d accounts on "
			      "each side and p < 0.05).",
			 s->ndrivers, s->driver_days, STATS_SMALL_N);
	else
		buf_addf(out, "%zu of the %zu event names, done within %d "
			      "days of the clock start, went with a higher "
			      "renewal rate (at least %d accounts on each "
			      "side, p < 0.05)%s.",
			 up, s->ndrivers, s->driver_days, STATS_SMALL_N,
			 up > MD_TOP_DRIVERS ? "; the five largest gaps are "
					       "below" :
					       "");
	struct buf down = BUF_INIT;
	size_t nd = md_drivers_down(s, &down);
	if (nd) {
		buf_puts(out, nd == 1 ? " One went with a lower rate: " :
					" These went with a lower rate: ");
		buf_put(out, buf_cstr(&down), down.len);
		buf_putc(out, '.');
	}
	buf_release(&down);
}

/* "88.1% (84.6–91.0%)"; "n/a" alone when there is nothing to bound. */
static void md_rate_interval(struct buf *out, double rate, double lo,
			     double hi)
{
	md_share(out, rate);
	if (isnan(lo) && isnan(hi))
		return;
	buf_puts(out, " (");
	md_share_interval(out, lo, hi);
	buf_putc(out, ')');
}

/* "5.2 (4.8–5.9)" days, "5.2 (4.8–n/a)" */
static void md_median_interval(struct buf *out, double p50, double lo,
			       double hi)
{
	md_days(out, p50);
	if (isnan(lo) && isnan(hi))
		return;
	buf_puts(out, " (");
	md_interval(out, lo, hi);
	buf_putc(out, ')');
}

void md_table_drivers(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {
		"Event", "Accounts with / without", "Renewal with",
		"Renewal without", "Lift", "Significance",
		"KM median TTFV with / without (days)"};
	md_table_head(out, h, "lrrrrrr");
	size_t n = 0;
	for (size_t i = 0; i < s->ndrivers && n < MD_TOP_DRIVERS; i++) {
		const struct driver *d = &s->drivers[i];
		if (!md_driver_up(d))
			continue;
		n++;
		md_row_begin(out);
		md_cell_text(out, d->event);
		buf_addf(out, " %zu / %zu |", d->with.accounts,
			 d->without.accounts);
		buf_putc(out, ' ');
		md_rate_interval(out, d->with.renewal_rate,
				 d->with.renewal_rate_lower,
				 d->with.renewal_rate_upper);
		buf_puts(out, " | ");
		md_rate_interval(out, d->without.renewal_rate,
				 d->without.renewal_rate_lower,
				 d->without.renewal_rate_upper);
		buf_puts(out, " | ");
		md_points(out, d->lift);
		buf_puts(out, " | ");
		md_p_value(out, d->p_value);
		buf_puts(out, " | ");
		md_days(out, d->with.km_p50);
		buf_puts(out, " / ");
		md_days(out, d->without.km_p50);
		buf_puts(out, " |");
		md_row_end(out);
	}
}

/* ---- experiments -------------------------------------------------------- */

void md_fig_experiments(const struct stats *s, struct buf *out)
{
	if (s->narms == 0 && s->variant_values > 0) {
		buf_addf(out, "The variant column holds %zu different values; "
			      "an experiment compares at most %d arms, so none "
			      "is read (is it the right column?).",
			 s->variant_values, STATS_MAX_ARMS);
		return;
	}
	if (s->narms == 0) {
		buf_puts(out, "The accounts export has no variant column, so "
			      "there is no experiment to read.");
		return;
	}
	if (s->nexperiments == 0) {
		buf_puts(out, "Every account with a variant has the same one, "
			      "**");
		md_text(out, s->arms[0].name);
		buf_puts(out, "**: there is no other arm to compare it with.");
		return;
	}
	for (size_t i = 0; i < s->nexperiments; i++) {
		const struct experiment *e = &s->experiments[i];
		const struct exp_arm *c = &s->arms[e->control];
		const struct exp_arm *v = &s->arms[e->variant];
		if (i)
			buf_puts(out, "\n\n");
		buf_puts(out, "**");
		md_text(out, v->name);
		buf_puts(out, "** against **");
		md_text(out, c->name);
		buf_addf(out, "**: %d-day activation ", STATS_EXP_DAYS);
		md_share(out, v->rate);
		md_small_n(out, v->eligible);
		buf_puts(out, " against ");
		md_share(out, c->rate);
		md_small_n(out, c->eligible);
		if (isnan(e->p_variant_better)) {
			buf_puts(out, "; an arm has no account followed for "
				      "30 days yet, so keep running.");
		} else {
			buf_puts(out, ", and the chance that ");
			md_text(out, v->name);
			buf_puts(out, " activates more accounts is ");
			md_prob(out, e->p_variant_better);
			buf_puts(out,
				 strcmp(e->decision, "variant better") == 0 ?
					 ": the variant is better." :
				 strcmp(e->decision, "control better") == 0 ?
					 ": the control is better." :
					 ": not yet 95% either way, so keep "
					 "running.");
		}
		buf_puts(out, " Median days to first value (Kaplan–Meier): ");
		md_days(out, v->km_p50);
		buf_puts(out, " against ");
		md_days(out, c->km_p50);
		if (isnan(e->logrank_p))
			buf_puts(out, ".");
		else {
			buf_puts(out, e->logrank_p < 0.05 ?
					      "; the curves differ (log-rank " :
					      "; the curves do not differ "
					      "clearly (log-rank ");
			md_p_value(out, e->logrank_p);
			buf_puts(out, ").");
		}
	}
}

void md_table_experiments(const struct stats *s, struct buf *out)
{
	static const char *const h[] = {
		"Arm", "Accounts", "Activated within 30 days",
		"30-day activation", "KM median TTFV (days)",
		"P(better than control)", "Log-rank", "Decision"};
	md_table_head(out, h, "lrrrrrrl");
	for (size_t i = 0; i < s->narms; i++) {
		const struct exp_arm *a = &s->arms[i];
		const struct experiment *e = NULL;
		for (size_t k = 0; k < s->nexperiments; k++)
			if (s->experiments[k].variant == i)
				e = &s->experiments[k];
		md_row_begin(out);
		buf_putc(out, ' ');
		md_arm_name(out, s, i);
		buf_puts(out, " |");
		md_cell_count(out, a->accounts);
		buf_addf(out, " %zu of %zu", a->activated, a->eligible);
		md_small_n(out, a->eligible);
		buf_puts(out, " | ");
		md_rate_interval(out, a->rate, a->rate_lower, a->rate_upper);
		buf_puts(out, " | ");
		md_median_interval(out, a->km_p50, a->km_p50_lower,
				   a->km_p50_upper);
		buf_puts(out, " |");
		if (!e) {
			md_cell_raw(out, "—");
			md_cell_raw(out, "—");
			md_cell_raw(out, "—");
		} else {
			buf_putc(out, ' ');
			md_prob(out, e->p_variant_better);
			buf_puts(out, " | ");
			md_p_value(out, e->logrank_p);
			buf_puts(out, " |");
			md_cell_text(out, e->decision);
		}
		md_row_end(out);
	}
}

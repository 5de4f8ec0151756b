/* chart_experiment.c - an experiment's arms side by side: the share of
 * each arm that reached first value by day since clock start (1 - Kaplan-
 * Meier), with the activation window marked and, in the legend, each
 * arm's 30-day activation and the chance that a variant beats the
 * control.  The control is drawn first, in the first colour. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_canvas.h"

/* Arms past this many are left to the table: one colour each. */
#define EXP_MAX_ARMS CHART_NSERIES

/* "81.0%", "n/a" */
static void exp_fmt_share(char *dst, size_t n, double share)
{
	if (isfinite(share))
		snprintf(dst, n, "%.1f%%", share * 100);
	else
		snprintf(dst, n, "n/a");
}

/* The arms drawn, control first, then the other arms in order. */
static size_t exp_arms_pick(const struct stats *s, size_t *arm)
{
	size_t n = 0;

	arm[n++] = s->control_arm;
	for (size_t i = 0; i < s->narms && n < EXP_MAX_ARMS; i++)
		if (i != s->control_arm)
			arm[n++] = i;
	return n;
}

static const struct experiment *exp_of(const struct stats *s, size_t arm)
{
	for (size_t i = 0; i < s->nexperiments; i++)
		if (s->experiments[i].variant == arm)
			return &s->experiments[i];
	return NULL;
}

static void exp_label(struct canvas *cv, const struct stats *s, size_t arm,
		      char *dst, size_t n)
{
	const struct exp_arm *a = &s->arms[arm];
	const struct experiment *e = exp_of(s, arm);
	char name[64], rate[16], count[32], p[16];

	canvas_font(cv, FS_SMALL, false);
	canvas_text_fit(cv, a->name, 160 * cv->u, name, sizeof(name));
	exp_fmt_share(rate, sizeof(rate), a->rate);
	chart_fmt_count(count, sizeof(count), a->eligible);
	if (!e) {
		snprintf(dst, n, "%s%s: %s within %d days (n = %s)", name,
			 s->narms > 1 && strcmp(a->name, "control") != 0
				 ? " (control)"
				 : "",
			 rate, STATS_EXP_DAYS, count);
		return;
	}
	exp_fmt_share(p, sizeof(p), e->p_variant_better);
	snprintf(dst, n, "%s: %s within %d days (n = %s), P(better) %s",
		 name, rate, STATS_EXP_DAYS, count, p);
}

void chart_experiment_draw(struct canvas *cv, const struct stats *s)
{
	const char *title = "Reaching first value, by experiment arm";
	struct legend_item it[EXP_MAX_ARMS + 1];
	char labels[EXP_MAX_ARMS + 1][192], sub[160];
	struct chart_mark mark;
	struct axis ax = {.unit = UNIT_DAYS}, ay = {.unit = UNIT_SHARE};
	size_t arm[EXP_MAX_ARMS], narm, i, nit = 0, accounts = 0;
	struct plot p;
	double top, xmax = STATS_EXP_DAYS;

	if (s->narms == 0) {
		chart_nodata_draw(cv, title,
				  "the accounts export has no variant column");
		return;
	}
	narm = exp_arms_pick(s, arm);
	for (i = 0; i < narm; i++) {
		const struct exp_arm *a = &s->arms[arm[i]];

		accounts += a->accounts;
		if (a->accounts && (double)(a->ncurve - 1) > xmax)
			xmax = (double)(a->ncurve - 1);
	}
	if (accounts == 0) {
		chart_nodata_draw(cv, title,
				  "no account of any arm has started onboarding");
		return;
	}

	snprintf(sub, sizeof(sub),
		 "Kaplan-Meier share reached, by value of the variant "
		 "column%s%s",
		 s->as_of_date[0] ? " \xc2\xb7 as of " : "", s->as_of_date);
	top = chart_title_draw(cv, title, sub);
	for (i = 0; i < narm; i++) {
		exp_label(cv, s, arm[i], labels[i], sizeof(labels[i]));
		it[nit++] = (struct legend_item){chart_series[i], SW_LINE,
						 labels[i]};
	}
	if (s->narms > narm) {
		snprintf(labels[nit], sizeof(labels[nit]),
			 "%zu more arms: see the table", s->narms - narm);
		it[nit] = (struct legend_item){chart_faint, SW_THIN,
					       labels[nit]};
		nit++;
	}
	top += chart_legend(cv, it, nit, cv->pad, top, cv->w - 2 * cv->pad,
			    true) + 8 * cv->u;
	canvas_font(cv, FS_SMALL, false);
	chart_plot_box(cv, top, canvas_text_w(cv, "100%"), 0, &p);
	ax.p0 = p.x0;
	ax.p1 = p.x1;
	chart_axis_fit_x(cv, &ax, 0, xmax, p.x1 - p.x0);
	mark = (struct chart_mark){.x = chart_axis_pos(&ax, STATS_EXP_DAYS),
				   .color = chart_ink};
	snprintf(mark.text, sizeof(mark.text), "%d-day activation window",
		 STATS_EXP_DAYS);
	chart_reached_axes(cv, &p, &ax, &ay, &mark, 1);
	chart_marks_draw(cv, &mark, 1, top, p.y0, p.y1, true);

	/* the variants over the control, the control on top at the end */
	cairo_save(cv->cr);
	cairo_rectangle(cv->cr, p.x0 - 4 * cv->u, p.y0 - 4 * cv->u,
			p.x1 - p.x0 + 8 * cv->u, p.y1 - p.y0 + 8 * cv->u);
	cairo_clip(cv->cr);
	cairo_set_line_width(cv->cr, canvas_stroke(cv, 2.5));
	for (i = narm; i > 0; i--) {
		const struct exp_arm *a = &s->arms[arm[i - 1]];

		if (!a->accounts)
			continue;
		canvas_color(cv, chart_series[i - 1], 1);
		chart_step_curve(cv, a->curve, a->ncurve, &ax, &ay);
	}
	cairo_restore(cv->cr);
}

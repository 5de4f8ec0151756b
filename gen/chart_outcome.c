/* chart_outcome.c - renewed vs churned: the two TTFV distributions as
 * ECDFs on one axis (share of the group with TTFV at or below x), each
 * median marked by a dashed line and named above the plot. */
#include <math.h>
#include <stdio.h>

#include "chart_canvas.h"

struct outcome_series {
	const struct outcome_group *g;
	const char *name;
	struct rgb color;
};

/* The step function, reduced to what the device can show: a run of values
 * landing on the same pixel column becomes one riser, so 200,000 accounts
 * draw as a few hundred segments, not 400,000.  The riser is given to
 * cairo once, at its top, when the curve moves on: cairo would merge the
 * run's collinear pieces into that one segment itself, but only after a
 * call per account. */
static void outcome_ecdf(struct canvas *cv, const struct outcome_group *g,
			 const struct axis *ax, const struct axis *ay)
{
	double px = chart_axis_pos(ax, ax->lo), level = 0;
	double eps = 0.25 / cv->scale;
	bool rising = false;	/* a riser at px up to level is pending */
	size_t i;

	cairo_move_to(cv->cr, px, chart_axis_pos(ay, 0));
	for (i = 0; i < g->accounts; i++) {
		double v = g->ttfv[i], x;

		if (!isfinite(v))
			continue;
		x = chart_axis_pos(ax, v);
		if (x - px >= eps) {
			if (rising)
				cairo_line_to(cv->cr, px,
					      chart_axis_pos(ay, level));
			cairo_line_to(cv->cr, x, chart_axis_pos(ay, level));
			px = x;
		}
		level = (double)(i + 1) / g->accounts;
		rising = true;
	}
	if (rising)
		cairo_line_to(cv->cr, px, chart_axis_pos(ay, level));
	cairo_line_to(cv->cr, chart_axis_pos(ax, ax->hi),
		      chart_axis_pos(ay, level));
	cairo_stroke(cv->cr);
}

static double outcome_max(const struct outcome_series *ser, size_t n)
{
	double m = 0;
	size_t i, k;

	for (i = 0; i < n; i++)
		for (k = ser[i].g->accounts; k > 0; k--)
			if (isfinite(ser[i].g->ttfv[k - 1])) {
				m = fmax(m, ser[i].g->ttfv[k - 1]);
				break;
			}
	return m;
}

/* A long tail would squeeze every account worth looking at into the left
 * edge: past 1.5 times the larger 95th percentile, the axis stops a bit
 * after that percentile and says how many accounts lie beyond. */
static double outcome_axis_end(const struct outcome_series *ser, size_t n)
{
	double max = outcome_max(ser, n), q95 = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct outcome_group *g = ser[i].g;
		double v = g->ttfv[(size_t)(0.95 * (double)(g->accounts - 1))];

		if (isfinite(v))
			q95 = fmax(q95, v);
	}
	if (q95 > 0 && max > 1.5 * q95)
		return q95 * 1.1;
	return max * 1.04;	/* the last riser off the plot's edge */
}

/* Accounts of ser with a TTFV above x. */
static size_t outcome_beyond(const struct outcome_series *ser, size_t n,
			     double x)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		size_t lo = 0, hi = ser[i].g->accounts;

		while (lo < hi) {	/* first value > x in the sorted array */
			size_t mid = lo + (hi - lo) / 2;

			if (ser[i].g->ttfv[mid] > x)
				hi = mid;
			else
				lo = mid + 1;
		}
		k += ser[i].g->accounts - lo;
	}
	return k;
}

void chart_outcome_draw(struct canvas *cv, const struct stats *s)
{
	const char *title = "Time to first value: renewed vs churned accounts";
	struct outcome_series ser[2];
	struct legend_item it[2];
	struct chart_mark marks[2];
	char labels[2][96], n[32], d[32];
	struct axis ax = {.unit = UNIT_DAYS}, ay = {.unit = UNIT_SHARE};
	struct plot p;
	double top;
	size_t i, nser = 0, nmarks = 0, beyond;
	int nrows;

	if (s->renewed.accounts)
		ser[nser++] = (struct outcome_series){&s->renewed, "Renewed",
						      chart_blue};
	if (s->churned.accounts)
		ser[nser++] = (struct outcome_series){&s->churned, "Churned",
						      chart_vermillion};
	if (nser == 0) {
		chart_nodata_draw(cv, title,
				  "no account that reached first value has "
				  "renewed or churned yet");
		return;
	}

	/* extents, legend and median labels, then margins */
	top = chart_title_draw(cv, title,
			       "Share of each group with TTFV at or below each "
			       "day (cumulative)");
	for (i = 0; i < nser; i++) {
		chart_fmt_count(n, sizeof(n), ser[i].g->accounts);
		snprintf(labels[i], sizeof(labels[i]), "%s (n = %s)",
			 ser[i].name, n);
		it[i] = (struct legend_item){ser[i].color, SW_LINE, labels[i]};
	}
	top += chart_legend(cv, it, nser, cv->pad, top, cv->w - 2 * cv->pad,
			    true) + 8 * cv->u;
	canvas_font(cv, FS_SMALL, false);
	chart_plot_box(cv, top, canvas_text_w(cv, "100%"), 0, &p);
	ax.p0 = p.x0;
	ax.p1 = p.x1;
	chart_axis_fit_x(cv, &ax, 0, fmax(outcome_axis_end(ser, nser), 1),
			 p.x1 - p.x0);
	for (i = 0; i < nser; i++) {
		double med = ser[i].g->p[1];

		if (!isfinite(med))
			continue;
		chart_fmt_days(d, sizeof(d), med);
		marks[nmarks].x = chart_axis_pos(&ax, med);
		marks[nmarks].left = false;
		marks[nmarks].color = ser[i].color;
		snprintf(marks[nmarks].text, sizeof(marks[nmarks].text),
			 "%s median %s d", ser[i].name, d);
		nmarks++;
	}
	if (nmarks == 2 && marks[1].x < marks[0].x) {
		struct chart_mark t = marks[0];

		marks[0] = marks[1];
		marks[1] = t;
	}
	canvas_font(cv, FS_SMALL, false);
	nrows = chart_marks_place(cv, marks, nmarks, p.x0, cv->w - cv->pad);
	p.y0 += chart_marks_h(cv, nrows);
	chart_axis_nice(&ay, 0, 1, (int)((p.y1 - p.y0) / (44 * cv->u)));
	ay.p0 = p.y1;
	ay.p1 = p.y0;

	/* grid, axes, units */
	chart_axis_draw_y(cv, &ay, p.x0, p.x1);
	chart_axis_draw_x(cv, &ax, p.y1, p.y0, false);
	chart_plot_titles(cv, &p, "TTFV (days)", "Share of accounts");

	/* medians, then the series on top */
	canvas_font(cv, FS_SMALL, false);
	chart_marks_draw(cv, marks, nmarks, top, p.y0, p.y1, true);
	beyond = outcome_beyond(ser, nser, ax.hi);
	if (beyond) {
		char c[32], d2[32], note[128];

		chart_fmt_count(c, sizeof(c), beyond);
		chart_fmt_days(d2, sizeof(d2), ax.hi);
		snprintf(note, sizeof(note),
			 "axis ends at %s days; %s account%s beyond", d2, c,
			 beyond == 1 ? " lies" : "s lie");
		canvas_color(cv, chart_muted, 1);
		canvas_text(cv, p.x1, p.y1 - 6 * cv->u, AL_RIGHT, AL_BOTTOM, note);
	}
	cairo_save(cv->cr);
	cairo_rectangle(cv->cr, p.x0, p.y0 - 4 * cv->u, p.x1 - p.x0,
			p.y1 - p.y0 + 8 * cv->u);
	cairo_clip(cv->cr);
	cairo_set_line_width(cv->cr, canvas_stroke(cv, 2.5));
	for (i = 0; i < nser; i++) {
		canvas_color(cv, ser[i].color, 1);
		outcome_ecdf(cv, ser[i].g, &ax, &ay);
	}
	cairo_restore(cv->cr);
}

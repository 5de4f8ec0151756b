/* chart_axis.c - axes every x-y chart shares: nice 1-2-5 ticks, labels
 * in the axis' unit, grid lines, and the plot box sized from measured
 * tick labels. */
#include <math.h>
#include <stdio.h>

#include "chart_canvas.h"

void chart_axis_nice(struct axis *a, double lo, double hi, int maxticks)
{
	/* 2.5 only for shares: 25% steps read well, 2.5-day ones do not */
	static const double mant_share[] = {1, 2, 2.5, 5}, mant_other[] = {1, 2, 5};
	const double *mant = a->unit == UNIT_SHARE ? mant_share : mant_other;
	int nmant = a->unit == UNIT_SHARE ? 4 : 3;
	double step = 0, mag;
	int e, i;

	if (!(hi > lo))
		hi = lo + 1;
	if (maxticks < 1)
		maxticks = 1;
	/* rrdtool's ylab table: the first 1, 2 or 5 x 10^e giving at most
	 * maxticks steps, from the smallest that could fit upwards. */
	mag = pow(10, floor(log10((hi - lo) / maxticks)));
	for (e = 0; e < 3 && step == 0; e++) {
		for (i = 0; i < nmant; i++) {
			double s = mant[i] * mag * pow(10, e);

			if (ceil(hi / s - 1e-9) - floor(lo / s + 1e-9) <=
			    maxticks) {
				step = s;
				break;
			}
		}
	}
	if (step == 0)
		step = mag * 1000;
	if (a->unit == UNIT_COUNT && step < 1)
		step = 1;
	a->step = step;
	a->lo = floor(lo / step + 1e-9) * step;
	a->hi = ceil(hi / step - 1e-9) * step;
	if (a->hi <= a->lo)
		a->hi = a->lo + step;
}

double chart_axis_pos(const struct axis *a, double v)
{
	return a->p0 + (v - a->lo) / (a->hi - a->lo) * (a->p1 - a->p0);
}

void chart_axis_label(const struct axis *a, double v, char *dst, size_t n)
{
	if (fabs(v) < a->step * 1e-6)
		v = 0;	/* no "-0" */
	switch (a->unit) {
	case UNIT_SHARE:
		snprintf(dst, n, "%.0f%%", v * 100);
		break;
	case UNIT_COUNT:
		chart_fmt_count(dst, n, (size_t)llround(v < 0 ? 0 : v));
		break;
	case UNIT_DAYS:
		if (a->step >= 1 && v >= 1000)
			chart_fmt_count(dst, n, (size_t)llround(v));
		else if (a->step >= 1)
			snprintf(dst, n, "%.0f", v);
		else
			snprintf(dst, n, "%.*f", a->step >= 0.1 ? 1 : 2, v);
		break;
	}
}

static int axis_nticks(const struct axis *a)
{
	return (int)lround((a->hi - a->lo) / a->step);
}

double chart_axis_label_w(struct canvas *cv, const struct axis *a)
{
	char t[32];
	double w = 0, tw;
	int i, n = axis_nticks(a);

	for (i = 0; i <= n; i++) {
		chart_axis_label(a, a->lo + i * a->step, t, sizeof(t));
		tw = canvas_text_w(cv, t);
		if (tw > w)
			w = tw;
	}
	return w;
}

void chart_axis_draw_y(struct canvas *cv, const struct axis *a, double x0,
		       double x1)
{
	char t[32];
	double lw = canvas_stroke(cv, 1);
	int i, n = axis_nticks(a);

	canvas_font(cv, FS_SMALL, false);
	for (i = 0; i <= n; i++) {
		double v = a->lo + i * a->step, y = chart_axis_pos(a, v);

		canvas_color(cv, chart_grid, 1);
		if (i > 0)
			canvas_hline(cv, x0, x1, y, lw);
		chart_axis_label(a, v, t, sizeof(t));
		canvas_color(cv, chart_muted, 1);
		canvas_text(cv, x0 - 6 * cv->u, y, AL_RIGHT, AL_MIDDLE, t);
	}
}

void chart_axis_draw_x(struct canvas *cv, const struct axis *a, double y,
		       double ytop, bool grid)
{
	char t[32];
	double lw = canvas_stroke(cv, 1);
	int i, n = axis_nticks(a);

	canvas_font(cv, FS_SMALL, false);
	for (i = 0; i <= n; i++) {
		double v = a->lo + i * a->step, x = chart_axis_pos(a, v);

		if (grid && i > 0) {
			canvas_color(cv, chart_grid, 1);
			canvas_vline(cv, x, ytop, y, lw);
		}
		canvas_color(cv, chart_axis_ink, 1);
		canvas_vline(cv, x, y, y + 4 * cv->u, lw);
		chart_axis_label(a, v, t, sizeof(t));
		canvas_color(cv, chart_muted, 1);
		canvas_text(cv, x, y + 6 * cv->u, AL_CENTER, AL_TOP, t);
	}
}

int chart_axis_fit_x(struct canvas *cv, struct axis *a, double lo,
		     double hi, double len)
{
	int maxticks = (int)(len / (70 * cv->u));

	canvas_font(cv, FS_SMALL, false);
	for (; maxticks > 1; maxticks--) {
		double gap;

		chart_axis_nice(a, lo, hi, maxticks);
		gap = len * a->step / (a->hi - a->lo);
		if (gap >= chart_axis_label_w(cv, a) + 16 * cv->u)
			return maxticks;
	}
	chart_axis_nice(a, lo, hi, 1);
	return 1;
}

void chart_plot_box(struct canvas *cv, double top, double ylabel_w,
		    double right_w, struct plot *p)
{
	double title_h, tick_h;

	canvas_font(cv, FS_SMALL, false);
	tick_h = canvas_line_h(cv);
	canvas_font(cv, FS_BODY, false);
	title_h = canvas_line_h(cv);
	p->x0 = cv->pad + title_h + 8 * cv->u + ylabel_w + 6 * cv->u;
	p->x1 = cv->w - cv->pad - fmax(right_w, 14 * cv->u);
	p->y0 = top + tick_h / 2;	/* the top tick label is centred on y0 */
	p->y1 = cv->h - cv->pad - title_h - 6 * cv->u - tick_h - 6 * cv->u;
}

void chart_plot_titles(struct canvas *cv, const struct plot *p,
		       const char *xtitle, const char *ytitle)
{
	canvas_color(cv, chart_axis_ink, 1);
	canvas_hline(cv, p->x0, p->x1, p->y1, canvas_stroke(cv, 1));
	canvas_font(cv, FS_BODY, false);
	canvas_color(cv, chart_ink, 1);
	canvas_text(cv, (p->x0 + p->x1) / 2, cv->h - cv->pad, AL_CENTER,
		    AL_BOTTOM, xtitle);
	cairo_save(cv->cr);
	cairo_translate(cv->cr, cv->pad, (p->y0 + p->y1) / 2);
	cairo_rotate(cv->cr, -M_PI / 2);
	canvas_text(cv, 0, 0, AL_CENTER, AL_TOP, ytitle);
	cairo_restore(cv->cr);
}

void chart_step_curve(struct canvas *cv, const double *curve, size_t n,
		      const struct axis *ax, const struct axis *ay)
{
	cairo_t *cr = cv->cr;
	bool pen = false;
	double prev = 0;
	size_t d;

	for (d = 0; d < n; d++) {
		double v = curve[d], x = chart_axis_pos(ax, (double)d);

		if (isnan(v)) {
			pen = false;
			continue;
		}
		v = fmin(1, fmax(0, v));
		if (!pen)
			cairo_move_to(cr, x, chart_axis_pos(ay, v));
		else {
			cairo_line_to(cr, x, chart_axis_pos(ay, prev));
			cairo_line_to(cr, x, chart_axis_pos(ay, v));
		}
		pen = true;
		prev = v;
	}
	if (n == 1 && pen)	/* a single day: a short tick */
		cairo_rel_line_to(cr, 2 * cv->u, 0);
	cairo_stroke(cr);
}

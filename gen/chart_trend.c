/* chart_trend.c - median and p75 TTFV of reached accounts by cohort
 * period, with each tier's SLA as a dashed horizontal line named in the
 * right margin.  Cohorts without a figure leave a gap in the line. */
#include <math.h>
#include <stdio.h>

#include "chart_canvas.h"

#define TREND_MAX_SLA 16
/* An SLA above this times the highest point is named, not drawn, so one
 * huge SLA does not flatten the trend onto the axis. */
#define SLA_STRETCH 3.0

struct sla_line {
	double days;
	double y;		/* label position, nudged apart */
	bool off_scale;
	char text[128];
};

static double trend_value(const struct trend_point *t, int which)
{
	return which == 0 ? t->p50 : t->p75;
}

static double trend_x(const struct plot *p, size_t i, size_t n)
{
	return p->x0 + (p->x1 - p->x0) * ((double)i + 0.5) / (double)n;
}

static void trend_series(struct canvas *cv, const struct stats *s,
			 int which, const struct plot *p, const struct axis *ay)
{
	bool pen = false;
	size_t i;

	for (i = 0; i < s->ntrend; i++) {
		double v = trend_value(&s->trend[i], which);
		double x = trend_x(p, i, s->ntrend);

		if (!isfinite(v)) {
			pen = false;
			continue;
		}
		if (pen)
			cairo_line_to(cv->cr, x, chart_axis_pos(ay, v));
		else
			cairo_move_to(cv->cr, x, chart_axis_pos(ay, v));
		pen = true;
	}
	cairo_stroke(cv->cr);
	for (i = 0; i < s->ntrend; i++) {
		double v = trend_value(&s->trend[i], which);

		if (!isfinite(v))
			continue;
		cairo_arc(cv->cr, trend_x(p, i, s->ntrend),
			  chart_axis_pos(ay, v), 3.5 * cv->u, 0, 2 * M_PI);
		cairo_fill(cv->cr);
	}
}

static size_t trend_slas(struct canvas *cv, const struct stats *s,
			 double vmax, struct sla_line *l, double *w)
{
	char name[64], d[48];
	size_t i, n = 0;

	canvas_font(cv, FS_SMALL, false);
	*w = 0;
	for (i = 0; i < s->ntiers && n < TREND_MAX_SLA; i++) {
		double sla = chart_sla_calendar(&s->tiers[i]);

		if (!isfinite(sla) || sla < 0)
			continue;
		l[n].days = sla;
		l[n].off_scale = vmax > 0 && sla > vmax * SLA_STRETCH;
		canvas_text_fit(cv, s->tiers[i].g.name ? s->tiers[i].g.name : "",
				110 * cv->u, name, sizeof(name));
		chart_fmt_sla(d, sizeof(d), &s->tiers[i], true);
		snprintf(l[n].text, sizeof(l[n].text), "%s%s %s",
			 l[n].off_scale ? "\xe2\x86\x91 " : "", name, d);
		*w = fmax(*w, canvas_text_w(cv, l[n].text));
		n++;
	}
	return n;
}

/* Labels at their lines' heights, pushed apart to one line each, then
 * back inside the plot from the bottom. */
static void trend_labels_spread(struct canvas *cv, struct sla_line *l,
				size_t n, const struct plot *p,
				const struct axis *ay)
{
	double lh = canvas_line_h(cv);
	size_t i, j;

	for (i = 0; i < n; i++)
		l[i].y = l[i].off_scale ? p->y0 : chart_axis_pos(ay, l[i].days);
	for (i = 1; i < n; i++) {	/* sort top to bottom */
		struct sla_line t = l[i];

		for (j = i; j > 0 && l[j - 1].y > t.y; j--)
			l[j] = l[j - 1];
		l[j] = t;
	}
	for (i = 0; i < n; i++) {
		if (l[i].y < p->y0 + lh / 2)
			l[i].y = p->y0 + lh / 2;
		if (i > 0 && l[i].y < l[i - 1].y + lh)
			l[i].y = l[i - 1].y + lh;
	}
	for (i = n; i-- > 0;) {
		double floor_y = i + 1 < n ? l[i + 1].y - lh : p->y1 - lh / 2;

		if (l[i].y > floor_y)
			l[i].y = floor_y;
	}
}

static void trend_x_labels(struct canvas *cv, const struct stats *s,
			   const struct plot *p)
{
	double slot = (p->x1 - p->x0) / (double)s->ntrend, w = 0;
	size_t i, every;

	canvas_font(cv, FS_SMALL, false);
	for (i = 0; i < s->ntrend; i++)
		w = fmax(w, canvas_text_w(cv, s->trend[i].cohort));
	every = (size_t)ceil((w + 10 * cv->u) / slot);
	if (every < 1)
		every = 1;
	for (i = 0; i < s->ntrend; i++) {
		double x = trend_x(p, i, s->ntrend);

		/* the latest cohort is always named */
		if ((s->ntrend - 1 - i) % every)
			continue;
		canvas_color(cv, chart_axis_ink, 1);
		canvas_vline(cv, x, p->y1, p->y1 + 4 * cv->u,
			     canvas_stroke(cv, 1));
		canvas_color(cv, chart_muted, 1);
		canvas_text(cv, x, p->y1 + 6 * cv->u, AL_CENTER, AL_TOP,
			    s->trend[i].cohort);
	}
}

void chart_trend_draw(struct canvas *cv, const struct stats *s)
{
	static const char *const unit_name[] = {"week", "month", "quarter"};
	const char *title = "TTFV trend by cohort";
	struct legend_item it[3] = {
		{chart_blue, SW_LINE, "median TTFV (p50)"},
		{chart_orange, SW_LINE, "p75 TTFV"},
		{chart_ink, SW_DASH, "tier SLA"},
	};
	struct sla_line sla[TREND_MAX_SLA];
	struct axis ay = {.unit = UNIT_DAYS};
	struct plot p;
	char xt[64];
	double vmax = 0, need = 0, right_w, top, ly;
	size_t i, nsla, npts = 0;

	for (i = 0; i < s->ntrend; i++) {
		if (isfinite(s->trend[i].p50) || isfinite(s->trend[i].p75))
			npts++;
		if (isfinite(s->trend[i].p50))
			vmax = fmax(vmax, s->trend[i].p50);
		if (isfinite(s->trend[i].p75))
			vmax = fmax(vmax, s->trend[i].p75);
	}
	if (npts == 0) {
		chart_nodata_draw(cv, title,
				  "no cohort has an account that reached first "
				  "value");
		return;
	}

	top = chart_title_draw(cv, title,
			       "Days from clock start to first value, reached "
			       "accounts of each cohort");
	nsla = trend_slas(cv, s, vmax, sla, &right_w);
	top += chart_legend(cv, it, nsla ? 3 : 2, cv->pad, top,
			    cv->w - 2 * cv->pad, true) + 10 * cv->u;
	for (i = 0; i < nsla; i++)
		if (!sla[i].off_scale)
			need = fmax(need, sla[i].days);
	chart_axis_nice(&ay, 0, fmax(fmax(vmax, need), 1), 6);
	canvas_font(cv, FS_SMALL, false);
	chart_plot_box(cv, top, chart_axis_label_w(cv, &ay),
		       nsla ? right_w + 10 * cv->u : 0, &p);
	chart_axis_nice(&ay, 0, fmax(fmax(vmax, need), 1),
			(int)((p.y1 - p.y0) / (44 * cv->u)));
	ay.p0 = p.y1;
	ay.p1 = p.y0;

	chart_axis_draw_y(cv, &ay, p.x0, p.x1);
	trend_x_labels(cv, s, &p);
	snprintf(xt, sizeof(xt), "Cohort (%s of clock start)",
		 unit_name[s->cohort_unit <= COHORT_QUARTER ? s->cohort_unit
							    : COHORT_MONTH]);
	chart_plot_titles(cv, &p, xt, "TTFV (days)");

	/* SLA lines under the series, named in the right margin */
	canvas_font(cv, FS_SMALL, false);
	trend_labels_spread(cv, sla, nsla, &p, &ay);
	for (i = 0; i < nsla; i++) {
		canvas_color(cv, chart_ink, 1);
		canvas_text(cv, p.x1 + 8 * cv->u, sla[i].y, AL_LEFT, AL_MIDDLE,
			    sla[i].text);
		if (sla[i].off_scale)
			continue;
		ly = chart_axis_pos(&ay, sla[i].days);
		canvas_color(cv, chart_ink, 0.7);
		canvas_dash(cv, true);
		canvas_hline(cv, p.x0, p.x1, ly, canvas_stroke(cv, 1));
		canvas_dash(cv, false);
		/* a short leader to a label pushed off its line */
		cairo_set_line_width(cv->cr, canvas_stroke(cv, 1));
		cairo_move_to(cv->cr, p.x1, ly);
		cairo_line_to(cv->cr, p.x1 + 6 * cv->u, sla[i].y);
		cairo_stroke(cv->cr);
	}

	cairo_set_line_width(cv->cr, canvas_stroke(cv, 2));
	canvas_color(cv, chart_orange, 1);
	trend_series(cv, s, 1, &p, &ay);
	cairo_set_line_width(cv->cr, canvas_stroke(cv, 2.5));
	canvas_color(cv, chart_blue, 1);
	trend_series(cv, s, 0, &p, &ay);
}

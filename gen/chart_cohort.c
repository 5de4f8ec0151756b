/* chart_cohort.c - cohort curves: the share of each cohort that reached
 * first value by day since clock start (1 - Kaplan-Meier), as step lines
 * that stop where the cohort's follow-up ends, with each tier's SLA day.
 * The latest cohorts are drawn in colour; older ones recede into thin
 * grey lines named together in the legend, so 30 cohorts still read. */
#include <math.h>
#include <stdio.h>

#include "chart_canvas.h"

/* Up to this many cohorts each get a colour; past it only the latest
 * COHORT_EMPHASIS do. */
#define COHORT_ALL_COLOURED 5
#define COHORT_EMPHASIS 4
/* An SLA further out than this times the longest curve is named at the
 * right edge instead of squashing every curve into the left corner. */
#define SLA_STRETCH 3.0
#define MAX_SLA_LABELS 32

static bool cohort_drawable(const struct cohort_stats *c)
{
	return c->curve && c->ncurve > 0 && c->g.accounts > 0;
}

static void cohort_end_dot(struct canvas *cv, const struct cohort_stats *c,
			   const struct axis *ax, const struct axis *ay)
{
	size_t d = c->ncurve - 1;

	if (isnan(c->curve[d]))
		return;
	cairo_arc(cv->cr, chart_axis_pos(ax, (double)d),
		  chart_axis_pos(ay, fmin(1, fmax(0, c->curve[d]))),
		  3 * cv->u, 0, 2 * M_PI);
	cairo_fill(cv->cr);
}

/* Tier SLA marks within [0, xmax], and the largest in-range SLA day. */
static size_t sla_marks_collect(struct canvas *cv, const struct stats *s,
				struct chart_mark *m, double xmax,
				double *xneed)
{
	char days[48], name[64];
	size_t i, n = 0;

	*xneed = 0;
	canvas_font(cv, FS_SMALL, false);
	for (i = 0; i < s->ntiers && n < MAX_SLA_LABELS; i++) {
		double sla = s->tiers[i].sla_calendar_days;

		if (!isfinite(sla) || sla < 0)
			continue;
		m[n].left = sla > xmax * SLA_STRETCH;
		m[n].x = sla;
		m[n].color = chart_ink;
		if (!m[n].left && sla > *xneed)
			*xneed = sla;
		canvas_text_fit(cv, s->tiers[i].g.name ? s->tiers[i].g.name : "",
				130 * cv->u, name, sizeof(name));
		chart_fmt_sla(days, sizeof(days), &s->tiers[i], true);
		snprintf(m[n].text, sizeof(m[n].text), "%s %s%s", name, days,
			 m[n].left ? " \xe2\x86\x92" : "");
		n++;
	}
	/* by day, so stacked labels read left to right, top to bottom */
	for (i = 1; i < n; i++) {
		struct chart_mark t = m[i];
		size_t j = i;

		for (; j > 0 && m[j - 1].x > t.x; j--)
			m[j] = m[j - 1];
		m[j] = t;
	}
	return n;
}

static void cohort_legend_build(const struct stats *s, size_t first_em,
				size_t ndraw, struct legend_item *it,
				size_t *nit, char (*labels)[96])
{
	size_t i, k = 0, older = 0, oldest = 0, newest = 0;

	for (i = 0; i < s->ncurves; i++) {
		if (!cohort_drawable(&s->curves[i]))
			continue;
		if (k++ < first_em) {
			if (older++ == 0)
				oldest = i;
			newest = i;
		}
	}
	*nit = 0;
	if (older) {
		/* older >= 2: with five cohorts or fewer all are coloured */
		snprintf(labels[0], 96, "%zu %s (%s to %s)", older,
			 s->cohort_column ? "other groups" : "earlier cohorts",
			 s->curves[oldest].g.name, s->curves[newest].g.name);
		it[0] = (struct legend_item){chart_faint, SW_THIN, labels[0]};
		*nit = 1;
	}
	for (i = 0, k = 0; i < s->ncurves; i++) {
		char n[32];

		if (!cohort_drawable(&s->curves[i]) || k++ < first_em)
			continue;
		chart_fmt_count(n, sizeof(n), s->curves[i].g.accounts);
		snprintf(labels[*nit], 96, "%s (n = %s)", s->curves[i].g.name,
			 n);
		it[*nit] = (struct legend_item){
			chart_series[(ndraw - k) % CHART_NSERIES], SW_LINE,
			labels[*nit]};
		(*nit)++;
	}
}

void chart_cohort_draw(struct canvas *cv, const struct stats *s)
{
	const char *title = "Share of accounts reaching first value, by cohort";
	struct legend_item it[COHORT_ALL_COLOURED + 2];
	char labels[COHORT_ALL_COLOURED + 1][96], sub[128];
	struct chart_mark marks[MAX_SLA_LABELS];
	struct axis ax = {.unit = UNIT_DAYS}, ay = {.unit = UNIT_SHARE};
	size_t i, k, ndraw = 0, first_em, nit, nmarks;
	struct plot p;
	double top, xmax = 1, xneed;

	for (i = 0; i < s->ncurves; i++) {
		if (!cohort_drawable(&s->curves[i]))
			continue;
		ndraw++;
		if ((double)(s->curves[i].ncurve - 1) > xmax)
			xmax = (double)(s->curves[i].ncurve - 1);
	}
	if (ndraw == 0) {
		chart_nodata_draw(cv, title, "no cohort has any accounts yet");
		return;
	}
	first_em = ndraw <= COHORT_ALL_COLOURED ? 0 : ndraw - COHORT_EMPHASIS;

	/* extents and margins, from measured text */
	snprintf(sub, sizeof(sub), "Kaplan-Meier, by %s%s%s",
		 s->cohort_column ? schema_label(s->cohort_column)
				  : "cohort of clock start",
		 s->as_of_date[0] ? " \xc2\xb7 as of " : "", s->as_of_date);
	top = chart_title_draw(cv, title, sub);
	cohort_legend_build(s, first_em, ndraw, it, &nit, labels);
	nmarks = sla_marks_collect(cv, s, marks, xmax, &xneed);
	if (nmarks)	/* names the lines left unlabelled when crowded */
		it[nit++] = (struct legend_item){chart_ink, SW_DASH, "tier SLA"};
	top += chart_legend(cv, it, nit, cv->pad, top, cv->w - 2 * cv->pad,
			    true) + 8 * cv->u;
	canvas_font(cv, FS_SMALL, false);
	chart_plot_box(cv, top, canvas_text_w(cv, "100%"), 0, &p);
	ax.p0 = p.x0;
	ax.p1 = p.x1;
	chart_axis_fit_x(cv, &ax, 0, fmax(xmax, xneed), p.x1 - p.x0);
	for (i = 0; i < nmarks; i++)
		marks[i].x = marks[i].left ? p.x1
					   : chart_axis_pos(&ax, marks[i].x);
	chart_reached_axes(cv, &p, &ax, &ay, marks, nmarks);

	/* SLA days: dashed lines, labels in rows above the plot (an SLA far
	 * past the curves is only named, at the right edge) */
	for (i = 0; i < nmarks; i++)
		chart_marks_draw(cv, &marks[i], 1, top, p.y0, p.y1,
				 !marks[i].left);

	/* series: older cohorts first, so the latest are drawn on top */
	cairo_save(cv->cr);
	cairo_rectangle(cv->cr, p.x0 - 4 * cv->u, p.y0 - 4 * cv->u,
			p.x1 - p.x0 + 8 * cv->u, p.y1 - p.y0 + 8 * cv->u);
	cairo_clip(cv->cr);
	for (i = 0, k = 0; i < s->ncurves; i++) {
		const struct cohort_stats *c = &s->curves[i];

		if (!cohort_drawable(c))
			continue;
		if (k++ < first_em) {
			canvas_color(cv, chart_faint, 1);
			cairo_set_line_width(cv->cr, canvas_stroke(cv, 1));
		} else {
			canvas_color(cv, chart_series[(ndraw - k) % CHART_NSERIES],
				     1);
			cairo_set_line_width(cv->cr, canvas_stroke(cv, 2.5));
		}
		chart_step_curve(cv, c->curve, c->ncurve, &ax, &ay);
		if (k > first_em)
			cohort_end_dot(cv, c, &ax, &ay);
	}
	cairo_restore(cv->cr);
}

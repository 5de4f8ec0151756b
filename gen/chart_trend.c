/* chart_trend.c - the Kaplan-Meier median TTFV by cohort, one panel per
 * tier (seed 000: two different SLAs, not one SLA with a footnote), each
 * with its own y-axis in the tier's own days and its SLA as a dashed line.
 * Every median carries its 95 % interval as a whisker; a cohort still in
 * progress is a hollow point on a dashed whisker, off the line; one with
 * no median yet keeps a whisker up from its interval's lower end. */
#include <math.h>
#include <stdio.h>

#include "chart_canvas.h"

/* More tiers than this are named in the subtitle, not drawn: a panel
 * must stay wide enough to read its cohorts. */
#define TREND_MAX_PANELS 6
/* The axis stops at this times the largest median or SLA: an interval
 * open towards the top (R's NA) or huge is cut with an arrow. */
#define TREND_STRETCH 2.0

struct panel {
	const struct tier_stats *t;
	double x0, y0, x1, y1;	/* the cell, title included */
};

static double trend_x(const struct plot *p, size_t i, size_t n)
{
	return p->x0 + (p->x1 - p->x0) * ((double)i + 0.5) / (double)n;
}

/* The axis range: medians and SLA, intervals up to the stretch. */
static double panel_top(const struct tier_stats *t)
{
	const struct trend *tr = &t->trend;
	double base = isfinite(t->sla_days) ? t->sla_days : 0, hi;
	size_t i;

	for (i = 0; i < tr->npoints; i++)
		if (isfinite(tr->points[i].km_p50))
			base = fmax(base, tr->points[i].km_p50);
	hi = base;
	for (i = 0; i < tr->npoints; i++)
		if (isfinite(tr->points[i].km_p50) &&
		    isfinite(tr->points[i].km_p50_upper))
			hi = fmax(hi, fmin(tr->points[i].km_p50_upper,
					   base * TREND_STRETCH));
	return fmax(hi, 1);
}

static void panel_x_labels(struct canvas *cv, const struct stats *s,
			   const struct plot *p)
{
	double slot = (p->x1 - p->x0) / (double)s->ncohorts, w = 0;
	size_t i, every;

	canvas_font(cv, FS_SMALL, false);
	for (i = 0; i < s->ncohorts; i++)
		w = fmax(w, canvas_text_w(cv, s->cohorts[i].g.name));
	every = (size_t)ceil((w + 8 * cv->u) / slot);
	if (every < 1)
		every = 1;
	for (i = 0; i < s->ncohorts; i++) {
		double x = trend_x(p, i, s->ncohorts);

		/* the latest cohort is always named */
		if ((s->ncohorts - 1 - i) % every)
			continue;
		canvas_color(cv, chart_axis_ink, 1);
		canvas_vline(cv, x, p->y1, p->y1 + 4 * cv->u,
			     canvas_stroke(cv, 1));
		canvas_color(cv, chart_muted, 1);
		canvas_text(cv, x, p->y1 + 6 * cv->u, AL_CENTER, AL_TOP,
			    s->cohorts[i].g.name);
	}
}

/* A whisker from lo to hi (NAN: open, to the axis end), with caps, or an
 * arrow head where it leaves the axis. */
static void panel_whisker(struct canvas *cv, const struct plot *p,
			  const struct axis *ay, double x, double lo,
			  double hi, bool dashed)
{
	double cap = 4 * cv->u;
	bool open_top = !isfinite(hi) || hi > ay->hi;
	double y0 = chart_axis_pos(ay, isfinite(lo) ? fmax(lo, ay->lo) : ay->lo);
	double y1 = open_top ? p->y0 : chart_axis_pos(ay, hi);

	cairo_set_line_width(cv->cr, canvas_stroke(cv, 1.5));
	canvas_dash(cv, dashed);
	cairo_move_to(cv->cr, x, y0);
	cairo_line_to(cv->cr, x, y1);
	cairo_stroke(cv->cr);
	canvas_dash(cv, false);
	cairo_move_to(cv->cr, x - cap, y0);
	cairo_line_to(cv->cr, x + cap, y0);
	cairo_stroke(cv->cr);
	if (open_top) {
		cairo_move_to(cv->cr, x - cap, y1 + cap * 1.5);
		cairo_line_to(cv->cr, x, y1);
		cairo_line_to(cv->cr, x + cap, y1 + cap * 1.5);
		cairo_stroke(cv->cr);
	} else {
		cairo_move_to(cv->cr, x - cap, y1);
		cairo_line_to(cv->cr, x + cap, y1);
		cairo_stroke(cv->cr);
	}
}

static void panel_series(struct canvas *cv, const struct stats *s,
			 const struct trend *tr, const struct plot *p,
			 const struct axis *ay)
{
	size_t i, prev = SIZE_MAX;
	double r = 3.5 * cv->u;

	/* the line joins complete cohorts in a row; a gap where a cohort
	 * has no median */
	cairo_set_line_width(cv->cr, canvas_stroke(cv, 2));
	canvas_color(cv, chart_blue, 1);
	for (i = 0; i < tr->npoints; i++) {
		const struct trend_point *pt = &tr->points[i];
		double x = trend_x(p, pt->cohort_index, s->ncohorts);

		if (!pt->complete || !isfinite(pt->km_p50)) {
			prev = SIZE_MAX;
			continue;
		}
		if (prev != SIZE_MAX && prev + 1 == pt->cohort_index)
			cairo_line_to(cv->cr, x, chart_axis_pos(ay, pt->km_p50));
		else
			cairo_move_to(cv->cr, x, chart_axis_pos(ay, pt->km_p50));
		prev = pt->cohort_index;
	}
	cairo_stroke(cv->cr);
	for (i = 0; i < tr->npoints; i++) {
		const struct trend_point *pt = &tr->points[i];
		double x = trend_x(p, pt->cohort_index, s->ncohorts), y;

		/* no median yet (under half reached): its interval's lower
		 * end still says where it is at least */
		if (!isfinite(pt->km_p50)) {
			if (isfinite(pt->km_p50_lower)) {
				canvas_color(cv, chart_blue, 0.45);
				panel_whisker(cv, p, ay, x, pt->km_p50_lower,
					      NAN, !pt->complete);
			}
			continue;
		}
		y = chart_axis_pos(ay, pt->km_p50);
		canvas_color(cv, chart_blue, pt->complete ? 0.55 : 0.45);
		panel_whisker(cv, p, ay, x, pt->km_p50_lower,
			      pt->km_p50_upper, !pt->complete);
		canvas_color(cv, chart_blue, 1);
		cairo_new_sub_path(cv->cr);
		cairo_arc(cv->cr, x, y, r, 0, 2 * M_PI);
		if (pt->complete) {
			cairo_fill(cv->cr);
			continue;
		}
		cairo_set_source_rgb(cv->cr, 1, 1, 1);
		cairo_fill_preserve(cv->cr);
		canvas_color(cv, chart_blue, 1);
		cairo_set_line_width(cv->cr, canvas_stroke(cv, 1.5));
		cairo_stroke(cv->cr);
	}
}

static void panel_draw(struct canvas *cv, const struct stats *s,
		       const struct panel *pn)
{
	const struct tier_stats *t = pn->t;
	struct axis ay = {.unit = UNIT_DAYS};
	struct plot p;
	char name[96], head[192], sla[64], yt[48];
	double lh, tick_h, hi = panel_top(t);

	canvas_font(cv, FS_BODY, true);
	lh = canvas_line_h(cv);
	canvas_text_fit(cv, t->g.name ? t->g.name : "", (pn->x1 - pn->x0) * 0.6,
			name, sizeof(name));
	chart_fmt_sla(sla, sizeof(sla), t, false);
	snprintf(head, sizeof(head), "%s%s%s", name, *sla ? " · " : "", sla);
	canvas_color(cv, chart_ink, 1);
	canvas_text(cv, pn->x0, pn->y0, AL_LEFT, AL_TOP, head);

	canvas_font(cv, FS_SMALL, false);
	tick_h = canvas_line_h(cv);
	chart_axis_nice(&ay, 0, hi, 4);
	p.x0 = pn->x0 + tick_h + 6 * cv->u + chart_axis_label_w(cv, &ay) +
	       6 * cv->u;
	p.x1 = pn->x1 - 4 * cv->u;
	p.y0 = pn->y0 + lh + 6 * cv->u + tick_h / 2;
	p.y1 = pn->y1 - tick_h - 10 * cv->u;
	chart_axis_nice(&ay, 0, hi,
			(int)fmax(2, (p.y1 - p.y0) / (36 * cv->u)));
	ay.p0 = p.y1;
	ay.p1 = p.y0;
	chart_axis_draw_y(cv, &ay, p.x0, p.x1);
	panel_x_labels(cv, s, &p);
	canvas_color(cv, chart_axis_ink, 1);
	canvas_hline(cv, p.x0, p.x1, p.y1, canvas_stroke(cv, 1));
	snprintf(yt, sizeof(yt), "KM median (%sdays)",
		 t->days == DAYS_BUSINESS ? "business " : "");
	canvas_font(cv, FS_SMALL, false);
	canvas_color(cv, chart_muted, 1);
	cairo_save(cv->cr);
	cairo_translate(cv->cr, pn->x0, (p.y0 + p.y1) / 2);
	cairo_rotate(cv->cr, -M_PI / 2);
	canvas_text(cv, 0, 0, AL_CENTER, AL_TOP, yt);
	cairo_restore(cv->cr);

	if (isfinite(t->sla_days) && t->sla_days <= ay.hi) {
		canvas_color(cv, chart_ink, 0.75);
		canvas_dash(cv, true);
		canvas_hline(cv, p.x0, p.x1, chart_axis_pos(&ay, t->sla_days),
			     canvas_stroke(cv, 1));
		canvas_dash(cv, false);
	}
	cairo_save(cv->cr);
	cairo_rectangle(cv->cr, p.x0, p.y0 - 2 * cv->u, p.x1 - p.x0,
			p.y1 - p.y0 + 4 * cv->u);
	cairo_clip(cv->cr);
	panel_series(cv, s, &t->trend, &p, &ay);
	cairo_restore(cv->cr);
}

void chart_trend_draw(struct canvas *cv, const struct stats *s)
{
	static const char *const unit_name[] = {"week", "month", "quarter"};
	const char *title = "TTFV trend by cohort, per tier";
	const struct legend_item it[] = {
		{chart_blue, SW_LINE, "KM median, complete cohort"},
		{chart_blue, SW_THIN, "95% interval"},
		{chart_blue, SW_DASH, "hollow point: cohort in progress"},
		{chart_ink, SW_DASH, "tier SLA"},
	};
	struct panel pn[TREND_MAX_PANELS];
	char sub[160], xt[64];
	size_t i, n = 0, shown, ncol, nrow;
	double top, gap = 24 * cv->u, cw, ch, bottom;

	for (i = 0; i < s->ntiers; i++)
		if (s->tiers[i].trend.npoints > 0)
			n++;
	if (n == 0 || s->ncohorts == 0) {
		chart_nodata_draw(cv, title, "no cohort has accounts yet");
		return;
	}
	shown = n < TREND_MAX_PANELS ? n : TREND_MAX_PANELS;
	if (shown < n)
		snprintf(sub, sizeof(sub),
			 "Kaplan-Meier median days to first value; the first "
			 "%zu of %zu tiers; a whisker with no point: no median "
			 "yet",
			 shown, n);
	else
		snprintf(sub, sizeof(sub),
			 "Kaplan-Meier median days to first value, in each "
			 "tier's own days; a whisker with no point: no median "
			 "yet");
	top = chart_title_draw(cv, title, sub);
	top += chart_legend(cv, it, sizeof(it) / sizeof(it[0]), cv->pad, top,
			    cv->w - 2 * cv->pad, true) +
	       8 * cv->u;

	canvas_font(cv, FS_BODY, false);
	bottom = cv->h - cv->pad - canvas_line_h(cv) - 4 * cv->u;
	ncol = shown <= 3 ? shown : (shown + 1) / 2;
	nrow = (shown + ncol - 1) / ncol;
	cw = (cv->w - 2 * cv->pad - gap * (double)(ncol - 1)) / (double)ncol;
	ch = (bottom - top - gap * (double)(nrow - 1)) / (double)nrow;
	for (i = 0, n = 0; i < s->ntiers && n < shown; i++) {
		if (s->tiers[i].trend.npoints == 0)
			continue;
		pn[n].t = &s->tiers[i];
		pn[n].x0 = cv->pad + (double)(n % ncol) * (cw + gap);
		pn[n].x1 = pn[n].x0 + cw;
		pn[n].y0 = top + (double)(n / ncol) * (ch + gap);
		pn[n].y1 = pn[n].y0 + ch;
		panel_draw(cv, s, &pn[n]);
		n++;
	}
	snprintf(xt, sizeof(xt), "Cohort (%s of clock start)",
		 unit_name[s->cohort_unit <= COHORT_QUARTER ? s->cohort_unit
							    : COHORT_MONTH]);
	canvas_font(cv, FS_BODY, false);
	canvas_color(cv, chart_ink, 1);
	canvas_text(cv, cv->w / 2, cv->h - cv->pad, AL_CENTER, AL_BOTTOM, xt);
}

/* chart_timeline.c - one account's onboarding for its QBR: a row per
 * step, a bar from clock start to the day the account completed it, its
 * tier's median day for the step as a diamond beside it, the SLA deadline
 * as a dashed line and, for an account still onboarding, today and the
 * next step's target date.  Everything is in the tier's own days, the
 * unit of its SLA.  Only the account and its own tier are drawn: the
 * chart goes in front of the customer. */
#include <math.h>
#include <stdio.h>

#include "chart_canvas.h"
#include "timeutil.h"

#define TIMELINE_MAX_MARKS 2

struct timeline_layout {
	double label_w;		/* step labels, right-aligned before x0 */
	double y0, pitch, thick;
	struct axis ax;
	struct plot p;
};

static const char *timeline_unit(const struct account_summary *a)
{
	return a->days == DAYS_BUSINESS ? "business days" : "days";
}

/* The largest day the chart has to show. */
static double timeline_extent(const struct account_summary *a)
{
	double hi = 1;

	for (size_t j = 0; j < a->npath; j++) {
		size_t k = a->path[j];
		if (isfinite(a->step_days[k]))
			hi = fmax(hi, a->step_days[k]);
		if (isfinite(a->tier_step_median[k]))
			hi = fmax(hi, a->tier_step_median[k]);
	}
	if (isfinite(a->sla_days))
		hi = fmax(hi, a->sla_days);
	if (isfinite(a->elapsed_days))
		hi = fmax(hi, a->elapsed_days);
	if (isfinite(a->next_target_days))
		hi = fmax(hi, a->next_target_days);
	return hi;
}

/* "SLA deadline: day 14 (2026-11-02)" and "Today: day 12", with x in
 * days for now: the label of the earlier line goes left of it, the later
 * one's right of it, so neither crosses the other's line. */
static size_t timeline_marks(const struct account_summary *a,
			     struct chart_mark *m)
{
	char d[32], date[11];
	size_t n = 0;

	if (isfinite(a->sla_days)) {
		chart_fmt_days(d, sizeof(d), a->sla_days);
		m[n] = (struct chart_mark){.x = a->sla_days,
					   .color = chart_vermillion};
		if (a->deadline != TTFV_NO_TIME) {
			/* a deadline at midnight is the end of the day before */
			tu_format_date(a->deadline - 1, date);
			snprintf(m[n].text, sizeof(m[n].text),
				 "SLA deadline: day %s (%s)", d, date);
		} else {
			snprintf(m[n].text, sizeof(m[n].text),
				 "SLA deadline: day %s", d);
		}
		n++;
	}
	if (!a->reached && isfinite(a->elapsed_days)) {
		chart_fmt_days(d, sizeof(d), a->elapsed_days);
		m[n] = (struct chart_mark){.x = a->elapsed_days,
					   .color = chart_muted};
		snprintf(m[n].text, sizeof(m[n].text), "Today: day %s", d);
		n++;
	}
	if (n == 2 && m[1].x < m[0].x) {
		struct chart_mark t = m[0];
		m[0] = m[1];
		m[1] = t;
	}
	if (n == 2)
		m[0].left = true;
	return n;
}

static void timeline_diamond(struct canvas *cv, double x, double y, double r)
{
	cairo_t *cr = cv->cr;

	cairo_move_to(cr, x, y - r);
	cairo_line_to(cr, x + r, y);
	cairo_line_to(cr, x, y + r);
	cairo_line_to(cr, x - r, y);
	cairo_close_path(cr);
	canvas_color(cv, chart_orange, 1);
	cairo_fill_preserve(cr);
	canvas_color(cv, chart_ink, 1);
	cairo_set_line_width(cr, canvas_stroke(cv, 1));
	cairo_stroke(cr);
}

/* What a row says after its bar: "day 7 · 2026-08-17", "target
 * 2026-11-05", "not yet". */
static void timeline_row_note(const struct account_summary *a, size_t k,
			      bool next, char *dst, size_t n)
{
	char d[32], date[11];

	if (isfinite(a->step_days[k])) {
		chart_fmt_days(d, sizeof(d), a->step_days[k]);
		tu_format_date(a->step_at[k], date);
		snprintf(dst, n, "day %s \xc2\xb7 %s", d, date);
	} else if (next && a->next_target != TTFV_NO_TIME) {
		tu_format_date(a->next_target, date);
		snprintf(dst, n, "next step \xc2\xb7 target %s", date);
	} else if (next) {
		snprintf(dst, n, "next step");
	} else {
		snprintf(dst, n, "not yet");
	}
}

/* Row j of the timeline: step a->path[j] of the account's path. */
static void timeline_row(struct canvas *cv, const struct stats *s,
			 const struct account_summary *a, size_t j,
			 const struct timeline_layout *l)
{
	size_t k = a->path[j];
	double yc = l->y0 + l->pitch * ((double)j + 0.5);
	double x0 = chart_axis_pos(&l->ax, 0), xend = x0;
	bool next = a->next_step == (int)k;
	char label[128], note[96];

	canvas_font(cv, FS_BODY, next);
	canvas_text_fit(cv, s->steps[k].label ? s->steps[k].label
					       : s->steps[k].name,
			l->label_w, label, sizeof(label));
	canvas_color(cv, chart_ink, 1);
	canvas_text(cv, l->p.x0 - 10 * cv->u, yc, AL_RIGHT, AL_MIDDLE, label);

	if (isfinite(a->step_days[k])) {
		xend = chart_axis_pos(&l->ax, a->step_days[k]);
		canvas_color(cv, chart_blue, 1);
		canvas_fill_rect(cv, x0, yc - l->thick / 2,
				 fmax(xend - x0, canvas_stroke(cv, 2)),
				 l->thick);
	} else if (next && isfinite(a->next_target_days)) {
		/* from today to the target: the part still ahead */
		double xs = chart_axis_pos(&l->ax, a->elapsed_days);
		double lw = canvas_stroke(cv, 1.5);

		xend = chart_axis_pos(&l->ax, a->next_target_days);
		canvas_color(cv, chart_sky, 0.35);
		canvas_fill_rect(cv, xs, yc - l->thick / 2,
				 fmax(xend - xs, lw), l->thick);
		canvas_color(cv, chart_sky, 1);
		canvas_dash(cv, true);
		cairo_set_line_width(cv->cr, lw);
		cairo_rectangle(cv->cr, canvas_snap(cv, xs, lw),
				canvas_snap(cv, yc - l->thick / 2, lw),
				round(fmax(xend - xs, lw)), round(l->thick));
		cairo_stroke(cv->cr);
		canvas_dash(cv, false);
	}
	double r = fmin(l->thick * 0.5, 9 * cv->u), xs = x0, after = xend;
	if (next && isfinite(a->next_target_days) &&
	    !isfinite(a->step_days[k])) {
		/* the target itself, even when it is today */
		xs = chart_axis_pos(&l->ax, a->elapsed_days);
		canvas_color(cv, chart_sky, 1);
		cairo_arc(cv->cr, xend, yc, r * 0.8, 0, 2 * M_PI);
		cairo_fill(cv->cr);
		after = xend + r;
	}
	if (isfinite(a->tier_step_median[k])) {
		double xm = chart_axis_pos(&l->ax, a->tier_step_median[k]);

		timeline_diamond(cv, xm, yc, r);
		/* the note starts past the diamond when it is just after the
		 * bar, so the two never overlap */
		if (xm + r > after && xm - r < after + 200 * cv->u)
			after = xm + r;
	}

	timeline_row_note(a, k, next, note, sizeof(note));
	canvas_font(cv, FS_SMALL, false);
	canvas_color(cv, chart_muted, 1);
	double tw = canvas_text_w(cv, note);
	if (after + 10 * cv->u + tw <= l->p.x1)
		canvas_text(cv, after + 10 * cv->u, yc, AL_LEFT, AL_MIDDLE, note);
	else if (xs - 10 * cv->u - tw >= x0 + 4 * cv->u)
		/* before the part still ahead when it runs to the right */
		canvas_text(cv, xs - 10 * cv->u, yc, AL_RIGHT, AL_MIDDLE, note);
	else
		canvas_text(cv, x0 + 6 * cv->u, yc - l->thick / 2 - 2 * cv->u,
			    AL_LEFT, AL_BOTTOM, note);
}

static void timeline_layout(struct canvas *cv, const struct stats *s,
			    const struct account_summary *a, double top,
			    const struct chart_mark *m, size_t nm,
			    struct timeline_layout *l)
{
	double hi, len, tail;
	size_t k;

	l->label_w = 0;
	for (size_t j = 0; j < a->npath; j++) {
		k = a->path[j];
		canvas_font(cv, FS_BODY, true);
		l->label_w = fmax(l->label_w,
				  canvas_text_w(cv, s->steps[k].label
							    ? s->steps[k].label
							    : s->steps[k].name));
	}
	l->label_w = fmin(l->label_w, (cv->w - 2 * cv->pad) * 0.28);
	chart_plot_box(cv, top, 0, 0, &l->p);
	l->p.x0 = cv->pad + l->label_w + 16 * cv->u;
	l->ax = (struct axis){.unit = UNIT_DAYS, .p0 = l->p.x0, .p1 = l->p.x1};
	len = l->p.x1 - l->p.x0;
	hi = timeline_extent(a) * 1.04;
	if (nm) {
		/* the last line's label fits right of it, inside the plot */
		canvas_font(cv, FS_SMALL, false);
		tail = canvas_text_w(cv, m[nm - 1].text) + 12 * cv->u;
		if (tail < len * 0.6)
			hi = fmax(hi, m[nm - 1].x * len / (len - tail));
	}
	chart_axis_fit_x(cv, &l->ax, 0, hi, len);
}

void chart_timeline_draw(struct canvas *cv, const struct stats *s)
{
	const struct account_summary *a = s->account;
	struct legend_item it[4];
	struct chart_mark marks[TIMELINE_MAX_MARKS];
	struct timeline_layout l;
	char title[160], sub[160];
	size_t k, nit = 0, nmarks;
	double top;
	int nrows;

	if (!a || a->npath == 0) {
		chart_nodata_draw(cv, "Onboarding timeline",
				  a ? "no onboarding steps are configured"
				    : "no account chosen: ttfv chart "
				      "account_timeline --account ID");
		return;
	}
	snprintf(title, sizeof(title), "Onboarding timeline: %s",
		 a->name && *a->name ? a->name : a->account_id);
	snprintf(sub, sizeof(sub), "%s tier \xc2\xb7 %s since the clock "
		 "started \xc2\xb7 data as of %s", a->tier ? a->tier : "",
		 timeline_unit(a), s->as_of_date);
	top = chart_title_draw(cv, title, sub);
	it[nit++] = (struct legend_item){chart_blue, SW_BOX, "Step completed"};
	it[nit++] = (struct legend_item){chart_orange, SW_BOX,
					 "Tier median day for the step"};
	if (a->next_step >= 0)
		it[nit++] = (struct legend_item){chart_sky, SW_BOX,
						 "Next step, to its target date"};
	if (isfinite(a->sla_days))
		it[nit++] = (struct legend_item){chart_vermillion, SW_DASH,
						 "SLA deadline"};
	top += chart_legend(cv, it, nit, cv->pad, top, cv->w - 2 * cv->pad,
			    true) + 6 * cv->u;

	nmarks = timeline_marks(a, marks);
	timeline_layout(cv, s, a, top, marks, nmarks, &l);
	for (k = 0; k < nmarks; k++)
		marks[k].x = chart_axis_pos(&l.ax, marks[k].x);
	canvas_font(cv, FS_SMALL, false);
	nrows = chart_marks_place(cv, marks, nmarks, l.p.x0, cv->w - cv->pad);
	l.p.y0 += chart_marks_h(cv, nrows) + 4 * cv->u;
	l.y0 = l.p.y0;
	l.pitch = (l.p.y1 - l.p.y0) / (double)a->npath;
	l.thick = fmin(l.pitch * 0.5, 34 * cv->u);

	chart_axis_draw_x(cv, &l.ax, l.p.y1, l.p.y0, true);
	chart_plot_titles(cv, &l.p, a->days == DAYS_BUSINESS
					    ? "Business days since clock start"
					    : "Days since clock start",
			  "");
	canvas_color(cv, chart_axis_ink, 1);
	canvas_vline(cv, l.p.x0, l.p.y0, l.p.y1, canvas_stroke(cv, 1));
	for (k = 0; k < a->npath; k++)
		timeline_row(cv, s, a, k, &l);
	canvas_font(cv, FS_SMALL, false);
	chart_marks_draw(cv, marks, nmarks, top, l.p.y0, l.p.y1, true);
}

/* chart_postmortems.c - SLA-breach post-mortems by root cause: on the left
 * a bar per category (count and share), on the right the last six months
 * stacked by category with each month's total.  A category keeps its
 * colour in both panels, so the left panel is also the legend. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_canvas.h"

static struct rgb pm_color(enum pm_category c)
{
	const struct rgb color[] = {
		[PM_PRODUCT] = chart_blue,
		[PM_DATA_MIGRATION] = chart_vermillion,
		[PM_CONFIGURATION] = chart_green,
		[PM_CUSTOMER_READINESS] = chart_purple,
	};
	_Static_assert(sizeof(color) / sizeof(*color) == PM_COUNT,
		       "a colour for each root cause");
	return color[c];
}

/* "2026-05" as "May 2026", or "May" when with_year is false. */
static void pm_month_name(const char *ym, bool with_year, char *dst,
			  size_t n)
{
	static const char *const names[12] = {"Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	long m = strlen(ym) == 7 ? strtol(ym + 5, NULL, 10) : 0;

	if (m < 1 || m > 12) {
		snprintf(dst, n, "%s", ym);
		return;
	}
	snprintf(dst, n, "%s%s%.4s", names[m - 1], with_year ? " " : "",
		 with_year ? ym : "");
}

static void pm_label(const struct pm_category_stats *c, char *dst, size_t n)
{
	char a[32], p[16];

	chart_fmt_count(a, sizeof(a), c->count);
	chart_fmt_pct(p, sizeof(p), c->share);
	snprintf(dst, n, "%s \xc2\xb7 %s", a, p);
}

/* The left panel within [x0, x1] x [y0, y1]. */
static void pm_categories(struct canvas *cv, const struct stats *s,
			  double x0, double x1, double y0, double y1)
{
	char t[96];
	double name_w = 0, val_w = 0, pitch, thick, b0, b1;
	size_t i, max = 0;

	canvas_font(cv, FS_BODY, false);
	for (i = 0; i < PM_COUNT; i++) {
		const char *name = s->pm[i].label ? s->pm[i].label : "";

		name_w = fmax(name_w, canvas_text_w(cv, name));
		pm_label(&s->pm[i], t, sizeof(t));
		val_w = fmax(val_w, canvas_text_w(cv, t));
		if (s->pm[i].count > max)
			max = s->pm[i].count;
	}
	name_w = fmin(name_w, (x1 - x0) * 0.55);
	b0 = x0 + name_w + 8 * cv->u;
	b1 = x1 - val_w - 6 * cv->u;
	pitch = (y1 - y0) / PM_COUNT;
	thick = fmin(pitch * 0.6, 30 * cv->u);
	for (i = 0; i < PM_COUNT; i++) {
		const struct pm_category_stats *c = &s->pm[i];
		double yc = y0 + pitch * (i + 0.5);
		double len = max ? (b1 - b0) * c->count / max : 0;

		canvas_font(cv, FS_BODY, s->pm_top == c);
		canvas_color(cv, chart_ink, 1);
		canvas_text_fit(cv, c->label ? c->label : "", name_w, t,
				sizeof(t));
		canvas_text(cv, b0 - 8 * cv->u, yc, AL_RIGHT, AL_MIDDLE, t);
		canvas_color(cv, pm_color(c->category), 1);
		canvas_fill_rect(cv, b0, yc - thick / 2, len, thick);
		canvas_color(cv, chart_ink, 1);
		pm_label(c, t, sizeof(t));
		canvas_text(cv, b0 + len + 6 * cv->u, yc, AL_LEFT, AL_MIDDLE, t);
	}
	canvas_color(cv, chart_axis_ink, 1);
	canvas_vline(cv, b0, y0, y1, canvas_stroke(cv, 1));
}

static void pm_month_bar(struct canvas *cv, const struct pm_month *m,
			 const struct axis *ay, double xc, double bw)
{
	char t[32];
	double y = chart_axis_pos(ay, 0);
	size_t k, total = m->total;

	canvas_font(cv, FS_SMALL, true);
	for (k = 0; k < PM_COUNT; k++) {
		double h = chart_axis_pos(ay, 0) -
			   chart_axis_pos(ay, (double)m->count[k]);

		if (m->count[k] == 0)
			continue;
		canvas_color(cv, pm_color((enum pm_category)k), 1);
		canvas_fill_rect(cv, xc - bw / 2, y - h, bw, h);
		chart_fmt_count(t, sizeof(t), m->count[k]);
		if (h >= canvas_line_h(cv) + 2 * cv->u &&
		    canvas_text_w(cv, t) + 4 * cv->u <= bw) {
			canvas_color(cv, chart_paper, 1);
			canvas_text(cv, xc, y - h / 2, AL_CENTER, AL_MIDDLE, t);
		}
		y -= h;
	}
	canvas_font(cv, FS_BODY, false);
	canvas_color(cv, chart_ink, 1);
	chart_fmt_count(t, sizeof(t), total);
	canvas_text(cv, xc, y - 3 * cv->u, AL_CENTER, AL_BOTTOM, t);
}

static double pm_month_label_w(struct canvas *cv, const struct stats *s)
{
	double w = 0;
	size_t i;

	canvas_font(cv, FS_SMALL, false);
	for (i = 0; i < STATS_PM_MONTHS; i++) {
		char t[32];

		pm_month_name(s->pm_months[i].month, true, t, sizeof(t));
		w = fmax(w, canvas_text_w(cv, t));
	}
	return w;
}

/* The right panel down to bottom: a y axis with counts, a stacked bar per
 * month, month names under the bars ("May 2026", or when that is too
 * wide "May" with the year on a second line where it starts or changes). */
static void pm_months(struct canvas *cv, const struct stats *s, double x0,
		      double x1, double y0, double bottom)
{
	struct axis ay = {.unit = UNIT_COUNT};
	double slot, bw, total_h, lh, y1, xa;
	size_t i, max = 0;
	bool narrow;

	for (i = 0; i < STATS_PM_MONTHS; i++)
		if (s->pm_months[i].total > max)
			max = s->pm_months[i].total;
	canvas_font(cv, FS_BODY, false);
	total_h = canvas_line_h(cv) + 4 * cv->u;
	canvas_font(cv, FS_SMALL, false);
	lh = canvas_line_h(cv);
	chart_axis_nice(&ay, 0, fmax((double)max, 1),
			(int)((bottom - 2 * lh - y0 - total_h) / (40 * cv->u)));
	xa = x0 + chart_axis_label_w(cv, &ay) + 8 * cv->u;
	slot = (x1 - xa) / STATS_PM_MONTHS;
	narrow = pm_month_label_w(cv, s) + 6 * cv->u > slot;
	y1 = bottom - (narrow ? 2 : 1) * lh - 8 * cv->u;
	ay.p0 = y1;
	/* the tallest bar's total must fit above it */
	ay.p1 = y0 + total_h;
	chart_axis_draw_y(cv, &ay, xa, x1);
	bw = fmin(slot * 0.62, 64 * cv->u);
	for (i = 0; i < STATS_PM_MONTHS; i++) {
		const char *ym = s->pm_months[i].month;
		double xc = xa + slot * (i + 0.5);
		char t[32];

		pm_month_bar(cv, &s->pm_months[i], &ay, xc, bw);
		canvas_font(cv, FS_SMALL, false);
		canvas_color(cv, chart_muted, 1);
		pm_month_name(ym, !narrow, t, sizeof(t));
		canvas_text(cv, xc, y1 + 6 * cv->u, AL_CENTER, AL_TOP, t);
		if (narrow && (i == 0 || strncmp(ym + 5, "01", 2) == 0) &&
		    strlen(ym) == 7) {
			snprintf(t, sizeof(t), "%.4s", ym);
			canvas_text(cv, xc, y1 + 6 * cv->u + lh, AL_CENTER,
				    AL_TOP, t);
		}
	}
	canvas_color(cv, chart_axis_ink, 1);
	canvas_hline(cv, xa, x1, y1, canvas_stroke(cv, 1));
}

void chart_postmortems_draw(struct canvas *cv, const struct stats *s)
{
	const char *title = "SLA-breach post-mortems by root cause";
	double top, y1, split, head_h;
	size_t i, months = 0;

	for (i = 0; i < STATS_PM_MONTHS; i++)
		months += s->pm_months[i].total;
	if (s->pm_total == 0 && months == 0) {
		chart_nodata_draw(cv, title, "no post-mortems in the data");
		return;
	}
	top = chart_title_draw(cv, title,
			       "Post-mortems per category \xc2\xb7 "
			       "count and share, and the last six months");
	canvas_font(cv, FS_SMALL, true);
	head_h = canvas_line_h(cv) + 8 * cv->u;
	canvas_color(cv, chart_muted, 1);
	split = cv->pad + (cv->w - 2 * cv->pad) * 0.46;
	canvas_text(cv, cv->pad, top, AL_LEFT, AL_TOP, "All post-mortems");
	canvas_text(cv, split + 24 * cv->u, top, AL_LEFT, AL_TOP,
		    "Last six months, by category");
	canvas_font(cv, FS_SMALL, false);
	y1 = cv->h - cv->pad - canvas_line_h(cv) - 8 * cv->u;
	pm_categories(cv, s, cv->pad, split, top + head_h, y1);
	pm_months(cv, s, split + 24 * cv->u, cv->w - cv->pad, top + head_h,
		  cv->h - cv->pad);
}

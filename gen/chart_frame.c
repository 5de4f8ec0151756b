/* chart_frame.c - what surrounds the data: the title, the legend, labels
 * of marked lines (SLA days, medians) set in rows above the plot, and the
 * "no data" page. */
#include <math.h>

#include "chart_canvas.h"

/* More rows of line labels than this would crowd out the plot itself. */
#define MARK_MAX_ROWS 3

/* Whether mark i's label in row r would sit on the line of a mark placed
 * in a row above (lines run down from their labels). */
static bool marks_crossed(const struct canvas *cv, const struct chart_mark *m,
			  size_t i, int r)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (m[j].row >= 0 && m[j].row < r &&
		    m[i].lx - 2 * cv->u <= m[j].x && m[j].x <= m[i].rx + 2 * cv->u)
			return true;
	return false;
}

int chart_marks_place(struct canvas *cv, struct chart_mark *m, size_t n,
		      double x0, double x1)
{
	double rowend[MARK_MAX_ROWS];
	int nrows = 0, r, minrow;
	size_t i, j;

	for (i = 0; i < n; i++) {
		double tw = canvas_text_w(cv, m[i].text);

		m[i].lx = m[i].x + 4 * cv->u;
		if (m[i].left || m[i].lx + tw > x1)
			m[i].lx = m[i].x - 4 * cv->u - tw;
		if (m[i].lx < x0)
			m[i].lx = x0;
		m[i].rx = m[i].lx + tw;
		/* the line runs down through every row below its label, so
		 * the label goes below any placed label its line would cross */
		minrow = 0;
		for (j = 0; j < i; j++)
			if (m[j].row >= minrow && m[j].lx - 2 * cv->u <= m[i].x &&
			    m[i].x <= m[j].rx + 2 * cv->u)
				minrow = m[j].row + 1;
		for (r = minrow; r < MARK_MAX_ROWS; r++)
			if ((r == nrows || rowend[r] + 8 * cv->u < m[i].lx) &&
			    !marks_crossed(cv, m, i, r))
				break;
		if (r == MARK_MAX_ROWS) {
			m[i].row = -1;	/* the line stays, unlabelled */
			continue;
		}
		if (r == nrows)
			nrows++;
		rowend[r] = m[i].rx;
		m[i].row = r;
	}
	return nrows;
}

double chart_marks_h(struct canvas *cv, int nrows)
{
	return nrows ? nrows * (canvas_line_h(cv) + 2 * cv->u) + 4 * cv->u
		     : 0;
}

void chart_marks_draw(struct canvas *cv, const struct chart_mark *m,
		      size_t n, double y, double yplot, double ybottom,
		      bool line)
{
	double lh = canvas_line_h(cv) + 2 * cv->u, lw = canvas_stroke(cv, 1);
	size_t i;

	for (i = 0; i < n; i++) {
		double ly = m[i].row >= 0 ? y + m[i].row * lh : yplot;

		canvas_color(cv, m[i].color, 1);
		if (m[i].row >= 0)
			canvas_text(cv, m[i].lx, ly, AL_LEFT, AL_TOP, m[i].text);
		if (!line)
			continue;
		canvas_color(cv, m[i].color, 0.75);
		canvas_dash(cv, true);
		canvas_vline(cv, m[i].x, ly, ybottom, lw);
		canvas_dash(cv, false);
	}
}

double chart_title_draw(struct canvas *cv, const char *title,
			const char *subtitle)
{
	char t[256];
	double y = cv->pad, maxw = cv->w - 2 * cv->pad;

	canvas_font(cv, FS_TITLE, true);
	canvas_text_fit(cv, title, maxw, t, sizeof(t));
	canvas_color(cv, chart_ink, 1);
	canvas_text(cv, cv->pad, y, AL_LEFT, AL_TOP, t);
	y += canvas_line_h(cv);
	if (subtitle) {
		canvas_font(cv, FS_BODY, false);
		canvas_text_fit(cv, subtitle, maxw, t, sizeof(t));
		canvas_color(cv, chart_muted, 1);
		y += 2 * cv->u;
		canvas_text(cv, cv->pad, y, AL_LEFT, AL_TOP, t);
		y += canvas_line_h(cv);
	}
	return y + 10 * cv->u;
}

static void legend_swatch(struct canvas *cv, const struct legend_item *it,
			  double x, double ymid, double sw)
{
	double lw;

	canvas_color(cv, it->color, 1);
	switch (it->kind) {
	case SW_BOX:
		canvas_fill_rect(cv, x, ymid - 5 * cv->u, 10 * cv->u,
				 10 * cv->u);
		break;
	case SW_LINE:
	case SW_THIN:
	case SW_DASH:
		lw = canvas_stroke(cv, it->kind == SW_LINE ? 2.5 : 1.5);
		canvas_dash(cv, it->kind == SW_DASH);
		canvas_hline(cv, x, x + sw, ymid, lw);
		canvas_dash(cv, false);
		break;
	}
}

double chart_legend(struct canvas *cv, const struct legend_item *it,
		    size_t n, double x, double y, double w, bool draw)
{
	char t[256];
	double sw = 18 * cv->u, gap = 6 * cv->u, between = 18 * cv->u;
	double lh, cx = x, cy = y;
	size_t i;

	if (n == 0)
		return 0;
	canvas_font(cv, FS_BODY, false);
	lh = canvas_line_h(cv) + 4 * cv->u;
	for (i = 0; i < n; i++) {
		double iw;

		canvas_text_fit(cv, it[i].label, w - sw - gap, t, sizeof(t));
		iw = sw + gap + canvas_text_w(cv, t);
		if (cx > x && cx + iw > x + w) {
			cx = x;
			cy += lh;
		}
		if (draw) {
			legend_swatch(cv, &it[i], cx, cy + lh / 2, sw);
			canvas_color(cv, chart_ink, 1);
			canvas_text(cv, cx + sw + gap, cy + lh / 2, AL_LEFT,
				    AL_MIDDLE, t);
		}
		cx += iw + between;
	}
	return cy + lh - y;
}

void chart_nodata_draw(struct canvas *cv, const char *title,
		       const char *why)
{
	char t[256];
	double top = chart_title_draw(cv, title, NULL);
	double bw = cv->w - 2 * cv->pad, bh = cv->h - cv->pad - top;
	double cy = top + bh / 2, lw = canvas_stroke(cv, 1);

	canvas_color(cv, chart_faint, 1);
	canvas_dash(cv, true);
	cairo_set_line_width(cv->cr, lw);
	cairo_rectangle(cv->cr, canvas_snap(cv, cv->pad, lw),
			canvas_snap(cv, top, lw), round(bw), round(bh));
	cairo_stroke(cv->cr);
	canvas_dash(cv, false);
	canvas_font(cv, FS_TITLE, true);
	canvas_color(cv, chart_muted, 1);
	canvas_text(cv, cv->w / 2, cy - 4 * cv->u, AL_CENTER, AL_BOTTOM,
		    "No data");
	canvas_font(cv, FS_BODY, false);
	canvas_text_fit(cv, why, bw - 20 * cv->u, t, sizeof(t));
	canvas_text(cv, cv->w / 2, cy + 4 * cv->u, AL_CENTER, AL_TOP, t);
}

void chart_reached_axes(struct canvas *cv, struct plot *p,
			const struct axis *ax, struct axis *ay,
			struct chart_mark *m, size_t n)
{
	int nrows = chart_marks_place(cv, m, n, p->x0, cv->w - cv->pad);
	p->y0 += chart_marks_h(cv, nrows);
	chart_axis_nice(ay, 0, 1, (int)((p->y1 - p->y0) / (44 * cv->u)));
	ay->p0 = p->y1;
	ay->p1 = p->y0;
	chart_axis_draw_y(cv, ay, p->x0, p->x1);
	chart_axis_draw_x(cv, ax, p->y1, p->y0, false);
	chart_plot_titles(cv, p, "Days since clock start",
			  "Reached first value");
	canvas_font(cv, FS_SMALL, false);
}

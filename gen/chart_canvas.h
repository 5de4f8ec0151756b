/* chart_canvas.h - the drawing kit shared by every chart (private to
 * gen/chart*.c).
 *
 * A canvas is one cairo surface chosen once per format (image, SVG, PDF)
 * with one drawing path on top; user units are CSS pixels whatever the
 * device density.  Sizes of text and strokes grow with the chart ("u") so a
 * 1920x1080 slide reads like a 960x540 image, and never drop below 11-px
 * text at 1x.  Layout goes in phases: extents -> margins from measured text
 * -> grid -> axes -> series -> legend -> title.
 */
#ifndef TTFV_CHART_CANVAS_H
#define TTFV_CHART_CANVAS_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "charts.h"

struct rgb {
	double r, g, b;
};

/* Okabe-Ito, readable with every common colour-vision deficiency. */
extern const struct rgb chart_blue, chart_orange, chart_sky, chart_green,
	chart_vermillion, chart_purple, chart_yellow;
/* Neutral greys: text, secondary text, axes, grid, background. */
extern const struct rgb chart_ink, chart_muted, chart_axis_ink, chart_grid,
	chart_paper, chart_faint;
/* Series colours in the order charts hand them out. */
#define CHART_NSERIES 6
extern const struct rgb chart_series[CHART_NSERIES];

/* Font sizes in px at u = 1. */
#define FS_SMALL 11.0
#define FS_BODY 12.0
#define FS_TITLE 16.0

struct canvas {
	cairo_surface_t *surface;
	cairo_t *cr;
	double w, h;		/* user units (CSS px, PDF points) */
	double scale;		/* device pixels per user unit */
	double u;		/* size unit: 1 up to 960x540, more on slides */
	double pad;		/* outer padding */
	enum chart_format format;
	struct buf *out;
	size_t start;		/* where this chart's bytes begin in out */
};

/* ---- chart_canvas.c: surfaces, colours, crisp lines ------------------- */

/* Creates the surface for o and a white page; the file's bytes will be
 * appended to out (SVG and PDF as they are drawn, PNG at close).  Returns
 * 0, or -1 with the problem in d (nothing to close then). */
int canvas_open(struct canvas *cv, const struct chart_opts *o,
		struct buf *out, struct diag *d);
/* Finishes drawing, completes the file in out and frees the surface.
 * Returns 0, or -1 with the problem in d. */
int canvas_close(struct canvas *cv, struct diag *d);
/* Unmaps the pixel memory the calling thread kept from its last PNG for
 * the next one; a thread that drew PNGs calls it when it is done. */
void chart_canvas_release_spare(void);

void canvas_color(struct canvas *cv, struct rgb c, double alpha);
/* A stroke width of css * u px, rounded to whole device pixels. */
double canvas_stroke(const struct canvas *cv, double css);
/* Coordinate v moved so a line of width lw lands on device pixels. */
double canvas_snap(const struct canvas *cv, double v, double lw);
void canvas_hline(struct canvas *cv, double x0, double x1, double y,
		  double lw);
void canvas_vline(struct canvas *cv, double x, double y0, double y1,
		  double lw);
/* A filled rectangle with its edges on device pixels. */
void canvas_fill_rect(struct canvas *cv, double x, double y, double w,
		      double h);
void canvas_dash(struct canvas *cv, bool on);

/* ---- chart_text.c: fonts, measurement, formatting --------------------- */

enum halign { AL_LEFT, AL_CENTER, AL_RIGHT };
enum valign { AL_TOP, AL_MIDDLE, AL_BASELINE, AL_BOTTOM };

/* DejaVu Sans at size * u px. */
void canvas_font(struct canvas *cv, double size, bool bold);
/* Height of a line of the current font (ascent + descent). */
double canvas_line_h(struct canvas *cv);
double canvas_text_w(struct canvas *cv, const char *s);
void canvas_text(struct canvas *cv, double x, double y, enum halign ha,
		 enum valign va, const char *s);
/* s cut to at most maxw wide, with an ellipsis when cut, into dst. */
void canvas_text_fit(struct canvas *cv, const char *s, double maxw,
		     char *dst, size_t n);

/* 12,345 */
void chart_fmt_count(char *dst, size_t n, size_t v);
/* "12.3" below 100, whole days as "14", "5,000" from 100; "n/a" for NAN */
void chart_fmt_days(char *dst, size_t n, double days);
/* A tier's SLA ("" when none): "SLA 14 d", "SLA 36 business days"; on an
 * axis of calendar days a business-day SLA also says where it is drawn:
 * "SLA 36 business days (~50 d)". */
void chart_fmt_sla(char *dst, size_t n, const struct tier_stats *t,
		   bool calendar_axis);
/* share 0-1 as "74%", "7.5%" under 10 */
void chart_fmt_pct(char *dst, size_t n, double share);

/* ---- chart_axis.c: ticks, axes, the plot box -------------------------- */

enum axis_unit { UNIT_DAYS, UNIT_SHARE, UNIT_COUNT };

struct axis {
	double lo, hi, step;	/* shown range and tick step, data units */
	double p0, p1;		/* pixel positions of lo and hi */
	enum axis_unit unit;
};

/* The widest range with at most maxticks steps of 1, 2 or 5 x 10^k
 * covering [lo, hi]; lo and hi are widened to whole steps. */
void chart_axis_nice(struct axis *a, double lo, double hi, int maxticks);
double chart_axis_pos(const struct axis *a, double v);
void chart_axis_label(const struct axis *a, double v, char *dst, size_t n);
/* Widest tick label in the current font. */
double chart_axis_label_w(struct canvas *cv, const struct axis *a);
/* Horizontal grid lines and labels left of x0 for a vertical axis. */
void chart_axis_draw_y(struct canvas *cv, const struct axis *a, double x0,
		       double x1);
/* Tick labels below y for a horizontal axis, grid lines up to ytop. */
void chart_axis_draw_x(struct canvas *cv, const struct axis *a, double y,
		       double ytop, bool grid);
/* Largest tick count whose labels fit along len px (horizontal axis). */
int chart_axis_fit_x(struct canvas *cv, struct axis *a, double lo,
		     double hi, double len);

/* The plot box of an x-y chart. */
struct plot {
	double x0, y0, x1, y1;
};
/* The box below top: on the left room for a rotated axis title and tick
 * labels ylabel_w wide, right_w kept free on the right, below room for
 * tick labels and the x-axis title. */
void chart_plot_box(struct canvas *cv, double top, double ylabel_w,
		    double right_w, struct plot *p);
/* A curve of shares by whole day (curve[d] at day d, NAN a gap) as a step
 * line in the current colour and width. */
void chart_step_curve(struct canvas *cv, const double *curve, size_t n,
		      const struct axis *ax, const struct axis *ay);
/* The axis titles, and the baseline of the plot. */
void chart_plot_titles(struct canvas *cv, const struct plot *p,
		       const char *xtitle, const char *ytitle);

/* ---- chart_frame.c: line labels, title, legend, no data -------------- */

/* A label for a vertical line at x, set in a row of labels above the
 * plot: right of its line, or left of it near the right edge. */
struct chart_mark {
	double x;		/* line position, px */
	double lx, rx;		/* label box, set by chart_marks_place */
	int row;
	bool left;		/* always set the label left of the line */
	struct rgb color;
	char text[128];
};
/* Gives each mark (sorted by x) the first of at most three rows where
 * its label overlaps nothing, within [x0, x1], in the current font; a
 * mark with no room gets row -1.  Returns the row count. */
int chart_marks_place(struct canvas *cv, struct chart_mark *m, size_t n,
		      double x0, double x1);
/* The frame of a share reached by day since clock start (cohort curves,
 * experiment arms): the n marks' labels placed in rows above the plot
 * (p->y0 moves down for them), y from 0 to 100 %, both axes with their
 * titles; leaves the small font set for the marks and curves. */
void chart_reached_axes(struct canvas *cv, struct plot *p,
			const struct axis *ax, struct axis *ay,
			struct chart_mark *m, size_t n);

/* Draws the labels in rows from y and, when line is set, each line down
 * to ybottom (from yplot, the plot's top, for unlabelled marks). */
void chart_marks_draw(struct canvas *cv, const struct chart_mark *m,
		      size_t n, double y, double yplot, double ybottom,
		      bool line);
/* Height of nrows rows of mark labels in the current font. */
double chart_marks_h(struct canvas *cv, int nrows);

/* Draws the title (and a muted subtitle when not NULL) at the top left;
 * returns the y where content may start. */
double chart_title_draw(struct canvas *cv, const char *title,
			const char *subtitle);

enum swatch { SW_BOX, SW_LINE, SW_THIN, SW_DASH };
struct legend_item {
	struct rgb color;
	enum swatch kind;
	const char *label;
};
/* Lays items out in rows across width w from (x, y); draws them when draw
 * is set.  Returns the height used. */
double chart_legend(struct canvas *cv, const struct legend_item *it,
		    size_t n, double x, double y, double w, bool draw);

/* ---- chart_groups.c: the tiers a chart has room for ------------------- */

#define CHART_MAX_TIERS 12
struct chart_rest {
	size_t groups, accounts;	/* the tiers not drawn */
};
/* The indices of the tiers to draw into idx (room for CHART_MAX_TIERS):
 * every tier, or the CHART_MAX_TIERS with the most accounts, in the
 * stats' order; how many, and what is left out in *rest. */
size_t chart_tiers_drawn(const struct stats *s, size_t *idx,
			 struct chart_rest *rest);

/* A titled chart that says there is nothing to draw, and why. */
void chart_nodata_draw(struct canvas *cv, const char *title,
		       const char *why);

/* ---- one file per chart ----------------------------------------------- */

void chart_cohort_draw(struct canvas *cv, const struct stats *s);
void chart_funnel_draw(struct canvas *cv, const struct stats *s);
void chart_outcome_draw(struct canvas *cv, const struct stats *s);
void chart_postmortems_draw(struct canvas *cv, const struct stats *s);
void chart_sla_draw(struct canvas *cv, const struct stats *s);
void chart_trend_draw(struct canvas *cv, const struct stats *s);
void chart_risk_draw(struct canvas *cv, const struct stats *s);
void chart_experiment_draw(struct canvas *cv, const struct stats *s);
void chart_timeline_draw(struct canvas *cv, const struct stats *s);

#endif

/* chart_risk.c - risk_calibration: the backtest of SPEC 8.3's
 * probabilities.  Each bin of predicted chance is a dot at (mean
 * predicted, share that made the SLA), its area by its accounts and its
 * count beside it; the diagonal is where a calibrated model's dots lie.
 * The plot is square, so the diagonal reads as 45 degrees, with the two
 * Brier scores beside it. */
#include <math.h>
#include <stdio.h>

#include "chart_canvas.h"

/* Largest bin first, so its dot sets the scale of the others. */
static size_t bins_max(const struct risk_calibration *rc)
{
	size_t m = 1;
	for (size_t i = 0; i < rc->nbins; i++)
		if (rc->bins[i].accounts > m)
			m = rc->bins[i].accounts;
	return m;
}

static void risk_notes(struct canvas *cv, const struct risk_calibration *rc,
		       double x, double y)
{
	char line[128], n[32];
	chart_fmt_count(n, sizeof(n), rc->accounts);
	canvas_font(cv, FS_BODY, true);
	canvas_color(cv, chart_ink, 1);
	snprintf(line, sizeof(line), "Brier score %.3f", rc->brier);
	canvas_text(cv, x, y, AL_LEFT, AL_TOP, line);
	y += canvas_line_h(cv) * 1.3;
	canvas_font(cv, FS_BODY, false);
	snprintf(line, sizeof(line), "with the tier on-time rate %.3f", rc->brier_base);
	canvas_text(cv, x, y, AL_LEFT, AL_TOP, line);
	y += canvas_line_h(cv) * 1.3;
	canvas_color(cv, chart_muted, 1);
	canvas_text(cv, x, y, AL_LEFT, AL_TOP, "lower is better");
	y += canvas_line_h(cv) * 2;
	snprintf(line, sizeof(line), "%s accounts scored", n);
	canvas_text(cv, x, y, AL_LEFT, AL_TOP, line);
	y += canvas_line_h(cv) * 1.3;
	canvas_text(cv, x, y, AL_LEFT, AL_TOP,
		    rc->brier < rc->brier_base ? "beats the base rate"
					       : "no better than the base rate");
	y += canvas_line_h(cv) * 2;
	double mid = y + canvas_line_h(cv) / 2;
	cairo_set_line_width(cv->cr, canvas_stroke(cv, 1.5));
	canvas_dash(cv, true);
	cairo_move_to(cv->cr, x, mid);
	cairo_line_to(cv->cr, x + 24 * cv->u, mid);
	cairo_stroke(cv->cr);
	canvas_dash(cv, false);
	canvas_text(cv, x + 30 * cv->u, y, AL_LEFT, AL_TOP,
		    "calibrated: predicted = observed");
}

void chart_risk_draw(struct canvas *cv, const struct stats *s)
{
	const struct risk_calibration *rc = &s->calibration;
	char title[128], sub[160];
	snprintf(title, sizeof(title),
		 "Chance of making the SLA: predicted vs observed");
	if (!rc->accounts) {
		chart_nodata_draw(cv, title,
				  "no account onboarding 28 days ago has "
				  "reached its deadline since");
		return;
	}
	snprintf(sub, sizeof(sub),
		 "Predictions made as of %s for the accounts onboarding then; "
		 "dot area by accounts",
		 rc->as_of);
	double top = chart_title_draw(cv, title, sub) + 8 * cv->u;
	struct axis ax = {.unit = UNIT_SHARE}, ay = {.unit = UNIT_SHARE};
	struct plot p;
	canvas_font(cv, FS_SMALL, false);
	double notes_w = 220 * cv->u;
	chart_plot_box(cv, top, canvas_text_w(cv, "100%"), notes_w, &p);
	/* square: the diagonal at 45 degrees */
	double side = fmin(p.x1 - p.x0, p.y1 - p.y0);
	p.x1 = p.x0 + side;
	p.y0 = p.y1 - side;
	int ticks = (int)(side / (44 * cv->u));
	chart_axis_nice(&ax, 0, 1, ticks);
	chart_axis_nice(&ay, 0, 1, ticks);
	/* 0 and 100 % inset by the largest dot, so no dot is cut */
	double rmax = 14 * cv->u;
	ax.p0 = p.x0 + rmax;
	ax.p1 = p.x1 - rmax;
	ay.p0 = p.y1 - rmax;
	ay.p1 = p.y0 + rmax;
	chart_axis_draw_y(cv, &ay, p.x0, p.x1);
	chart_axis_draw_x(cv, &ax, p.y1, p.y0, true);
	chart_plot_titles(cv, &p, "Predicted chance of making the SLA",
			  "Share that made it");

	/* the diagonal: where a calibrated model's dots lie */
	canvas_color(cv, chart_muted, 1);
	cairo_set_line_width(cv->cr, canvas_stroke(cv, 1.5));
	canvas_dash(cv, true);
	cairo_move_to(cv->cr, chart_axis_pos(&ax, 0), chart_axis_pos(&ay, 0));
	cairo_line_to(cv->cr, chart_axis_pos(&ax, 1), chart_axis_pos(&ay, 1));
	cairo_stroke(cv->cr);
	canvas_dash(cv, false);
	canvas_font(cv, FS_SMALL, false);

	/* the bins: area by accounts, the largest 14 px across */
	size_t most = bins_max(rc);
	for (size_t i = 0; i < rc->nbins; i++) {
		const struct calibration_bin *b = &rc->bins[i];
		double x = chart_axis_pos(&ax, b->predicted);
		double y = chart_axis_pos(&ay, b->observed);
		double r = fmax(rmax * sqrt((double)b->accounts / (double)most),
				3 * cv->u);
		cairo_new_sub_path(cv->cr);
		cairo_arc(cv->cr, x, y, r, 0, 2 * M_PI);
		canvas_color(cv, chart_blue, 0.55);
		cairo_fill_preserve(cv->cr);
		canvas_color(cv, chart_blue, 1);
		cairo_set_line_width(cv->cr, canvas_stroke(cv, 1));
		cairo_stroke(cv->cr);
		char n[32];
		chart_fmt_count(n, sizeof(n), b->accounts);
		canvas_color(cv, chart_ink, 1);
		/* right of the dot, or left of it near the right edge */
		bool left = x + r + canvas_text_w(cv, n) + 4 * cv->u > p.x1;
		canvas_text(cv, left ? x - r - 3 * cv->u : x + r + 3 * cv->u, y,
			    left ? AL_RIGHT : AL_LEFT, AL_MIDDLE, n);
	}
	risk_notes(cv, rc, p.x1 + 28 * cv->u, p.y0);
}

/* chart_funnel.c - the onboarding funnel as horizontal bars, one per step:
 * the part of each bar that went on to the next step is solid, the part
 * that dropped out is pale (vermillion for the largest drop-off), and the
 * drop-off between two steps is written between their rows. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_canvas.h"

struct funnel_layout {
	double name_w;		/* step names, right-aligned */
	double bar0, bar1;	/* bar area; bar1 leaves room for values */
	double note_x, note_w;	/* drop-off notes: x, widest */
	bool notes_in_gap;	/* under each bar, else in a right column */
	double y0, pitch, thick;
	double bar_mid;		/* bar centre below a row's top */
	size_t max;		/* largest count: the full bar length */
	bool with_median;	/* room for "· 2.3 d median" */
};

static void funnel_value(const struct stats *s, size_t i, char *t, size_t n)
{
	char c[32], p[16];
	size_t first = s->funnel[0].reached;

	chart_fmt_count(c, sizeof(c), s->funnel[i].reached);
	chart_fmt_pct(p, sizeof(p),
		      first ? (double)s->funnel[i].reached / first : NAN);
	snprintf(t, n, "%s \xc2\xb7 %s", c, p);
}

/* "↓ 22% drop-off" (and the median time to the next step). */
static void funnel_note(const struct funnel_step *f, bool worst,
			bool with_median, char *t, size_t n)
{
	char p[16], d[32], m[64] = "";

	chart_fmt_pct(p, sizeof(p), f->dropoff);
	if (with_median && isfinite(f->median_days_to_next)) {
		chart_fmt_days(d, sizeof(d), f->median_days_to_next);
		snprintf(m, sizeof(m), " \xc2\xb7 median %s d to next", d);
	}
	snprintf(t, n, "\xe2\x86\x93 %s drop-off%s%s", p,
		 worst ? " (largest)" : "", m);
}

static double funnel_notes_w(struct canvas *cv, const struct stats *s,
			     bool with_median)
{
	char t[128];
	double w = 0;
	size_t i;

	for (i = 0; i + 1 < s->nfunnel; i++) {
		if (isnan(s->funnel[i].dropoff))
			continue;
		canvas_font(cv, FS_SMALL, (int)i == s->funnel_worst);
		funnel_note(&s->funnel[i], (int)i == s->funnel_worst,
			    with_median, t, sizeof(t));
		w = fmax(w, canvas_text_w(cv, t));
	}
	return w;
}

static void funnel_layout(struct canvas *cv, const struct stats *s,
			  double top, struct funnel_layout *l)
{
	char t[64];
	double values_w = 0, avail = cv->w - 2 * cv->pad, note_h;
	size_t i;

	l->max = 0;
	canvas_font(cv, FS_BODY, false);
	l->name_w = 0;
	for (i = 0; i < s->nfunnel; i++) {
		if (s->funnel[i].reached > l->max)
			l->max = s->funnel[i].reached;
		l->name_w = fmax(l->name_w, canvas_text_w(cv, s->funnel[i].step));
		funnel_value(s, i, t, sizeof(t));
		values_w = fmax(values_w, canvas_text_w(cv, t));
	}
	l->name_w = fmin(l->name_w, avail * 0.26);
	l->bar0 = cv->pad + l->name_w + 10 * cv->u;
	l->y0 = top + 4 * cv->u;
	canvas_font(cv, FS_SMALL, true);
	note_h = canvas_line_h(cv) + 8 * cv->u;
	/* the last bar has no note under it */
	l->pitch = (cv->h - cv->pad - l->y0 + note_h) / (double)s->nfunnel;
	l->thick = fmin(l->pitch - note_h, 44 * cv->u);
	l->notes_in_gap = l->thick >= 12 * cv->u;
	if (l->notes_in_gap) {
		/* the note sits under its bar, starting where bars start */
		l->with_median = true;
		l->note_w = funnel_notes_w(cv, s, true);
		if (l->bar0 + 6 * cv->u + l->note_w > cv->w - cv->pad)
			l->with_median = false;
		l->note_x = l->bar0 + 6 * cv->u;
		l->bar1 = cv->w - cv->pad - values_w - 8 * cv->u;
		l->bar_mid = l->thick / 2 + 2 * cv->u;
		return;
	}
	l->pitch = (cv->h - cv->pad - l->y0) / (double)s->nfunnel;
	l->thick = fmin(l->pitch * 0.62, 44 * cv->u);
	l->with_median = true;
	l->note_w = funnel_notes_w(cv, s, true);
	if (l->note_w > avail * 0.30) {
		l->with_median = false;
		l->note_w = funnel_notes_w(cv, s, false);
	}
	l->note_x = cv->w - cv->pad - l->note_w;
	l->bar1 = l->note_x - 16 * cv->u - values_w - 8 * cv->u;
	l->bar_mid = l->pitch / 2;
}

static void funnel_row(struct canvas *cv, const struct stats *s, size_t i,
		       const struct funnel_layout *l)
{
	const struct funnel_step *f = &s->funnel[i];
	double yc = l->y0 + l->pitch * i + l->bar_mid, span = l->bar1 - l->bar0;
	double len = l->max ? span * (double)f->reached / l->max : 0;
	size_t next = f->next < f->reached ? f->next : f->reached;
	double kept = l->max ? span * (double)next / l->max : 0;
	bool last = i + 1 == s->nfunnel;
	char t[128];

	if (last)
		kept = len;
	canvas_color(cv, chart_blue, 1);
	canvas_fill_rect(cv, l->bar0, yc - l->thick / 2, kept, l->thick);
	if ((int)i == s->funnel_worst)
		canvas_color(cv, chart_vermillion, 1);
	else
		canvas_color(cv, chart_sky, 0.45);
	canvas_fill_rect(cv, l->bar0 + kept, yc - l->thick / 2, len - kept,
			 l->thick);

	canvas_font(cv, FS_BODY, false);
	canvas_color(cv, chart_ink, 1);
	canvas_text_fit(cv, f->step ? f->step : "", l->name_w, t, sizeof(t));
	canvas_text(cv, l->bar0 - 10 * cv->u, yc, AL_RIGHT, AL_MIDDLE, t);
	funnel_value(s, i, t, sizeof(t));
	canvas_text(cv, l->bar0 + len + 6 * cv->u, yc, AL_LEFT, AL_MIDDLE, t);

	if (last || isnan(f->dropoff))
		return;
	canvas_font(cv, FS_SMALL, (int)i == s->funnel_worst);
	canvas_color(cv, (int)i == s->funnel_worst ? chart_vermillion
						   : chart_muted, 1);
	funnel_note(f, (int)i == s->funnel_worst, l->with_median, t,
		    sizeof(t));
	if (l->notes_in_gap)
		canvas_text(cv, l->note_x, yc + l->thick / 2 + 3 * cv->u, AL_LEFT,
			    AL_TOP, t);
	else
		canvas_text(cv, l->note_x, yc + l->pitch / 2, AL_LEFT,
			    AL_MIDDLE, t);
}

void chart_funnel_draw(struct canvas *cv, const struct stats *s)
{
	const char *title = "Onboarding funnel: accounts completing each step";
	struct legend_item it[3] = {
		{chart_blue, SW_BOX, "went on to the next step"},
		{chart_sky, SW_BOX, "dropped off before the next step"},
		{chart_vermillion, SW_BOX, "largest drop-off"},
	};
	struct funnel_layout l;
	double top;
	size_t i, total = 0;

	for (i = 0; i < s->nfunnel; i++)
		total += s->funnel[i].reached;
	if (total == 0) {
		chart_nodata_draw(cv, title,
				  s->nfunnel ? "no account completed any step"
					     : "no onboarding steps are known");
		return;
	}
	it[1].color.r = 1 - 0.45 * (1 - chart_sky.r);
	it[1].color.g = 1 - 0.45 * (1 - chart_sky.g);
	it[1].color.b = 1 - 0.45 * (1 - chart_sky.b);
	top = chart_title_draw(cv, title,
			       "Accounts \xc2\xb7 share of the first step");
	top += chart_legend(cv, it, s->funnel_worst >= 0 ? 3 : 2, cv->pad, top,
			    cv->w - 2 * cv->pad, true) +
	       6 * cv->u;
	funnel_layout(cv, s, top, &l);
	for (i = 0; i < s->nfunnel; i++)
		funnel_row(cv, s, i, &l);
	canvas_color(cv, chart_axis_ink, 1);
	canvas_vline(cv, l.bar0, l.y0 - 4 * cv->u,
		     l.y0 + l.pitch * (double)(s->nfunnel - 1) + l.bar_mid +
			     l.thick / 2 + 4 * cv->u,
		     canvas_stroke(cv, 1));
}

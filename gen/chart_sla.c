/* chart_sla.c - SLA attainment by tier: on the left the share that
 * reached first value within the tier's SLA (of accounts whose window has
 * closed), on the right the accounts still onboarding, stacked on-track /
 * at-risk / breached. */
#include <math.h>
#include <stdio.h>

#include "chart_canvas.h"

struct sla_layout {
	double name_w;
	double a0, a1;		/* attainment track */
	double b0, b1;		/* status bars: b1 is the longest */
	double y0, pitch, thick;
	size_t max_open;	/* longest status bar */
	bool two_lines;		/* SLA under the tier name */
	bool short_att;		/* "74%" without "(74 of 100)" */
	size_t idx[CHART_MAX_TIERS];	/* the tiers drawn */
	size_t n;
};

static size_t sla_open(const struct tier_stats *t)
{
	return t->on_track + t->at_risk + t->breached;
}

/* "74% (74 of 100)", or "74%" when short. */
static void sla_att_label(const struct tier_stats *t, bool short_form,
			  char *dst, size_t n)
{
	char p[16], a[32], b[32];

	chart_fmt_pct(p, sizeof(p), t->attainment);
	if (t->sla_closed == 0 || isnan(t->attainment)) {
		snprintf(dst, n, "n/a");
		return;
	}
	chart_fmt_count(a, sizeof(a), t->sla_met);
	chart_fmt_count(b, sizeof(b), t->sla_closed);
	if (short_form)
		snprintf(dst, n, "%s", p);
	else
		snprintf(dst, n, "%s (%s of %s)", p, a, b);
}

static void sla_sub_label(const struct tier_stats *t, bool source,
			  char *dst, size_t n)
{
	char d[48];

	if (!isfinite(t->sla_days)) {
		snprintf(dst, n, "no SLA");
		return;
	}
	chart_fmt_sla(d, sizeof(d), t, false);
	snprintf(dst, n, "%s%s%s", d,
		 source && t->sla_source ? " \xc2\xb7 " : "",
		 source && t->sla_source ? t->sla_source : "");
}

/* "25 · 5 · 11": on track, at risk, breached. */
static void sla_breakdown(const struct tier_stats *t, char *dst, size_t n)
{
	char a[32], b[32], c[32];

	chart_fmt_count(a, sizeof(a), t->on_track);
	chart_fmt_count(b, sizeof(b), t->at_risk);
	chart_fmt_count(c, sizeof(c), t->breached);
	snprintf(dst, n, "%s \xc2\xb7 %s \xc2\xb7 %s", a, b, c);
}

static double sla_att_w(struct canvas *cv, const struct stats *s,
			const struct sla_layout *l, bool short_form)
{
	char t[96];
	double w = 0;
	size_t i;

	canvas_font(cv, FS_BODY, false);
	for (i = 0; i < l->n; i++) {
		sla_att_label(&s->tiers[l->idx[i]], short_form, t, sizeof(t));
		w = fmax(w, canvas_text_w(cv, t));
	}
	return w;
}

static void sla_layout(struct canvas *cv, const struct stats *s, double top,
		       double bottom, struct sla_layout *l)
{
	char t[96], c[32];
	double att_w, tot_w = 0, avail, split, lh;
	size_t i;

	l->max_open = 0;
	l->name_w = 0;
	for (i = 0; i < l->n; i++) {
		const struct tier_stats *ts = &s->tiers[l->idx[i]];

		canvas_font(cv, FS_BODY, false);
		l->name_w = fmax(l->name_w, canvas_text_w(cv, ts->g.name));
		chart_fmt_count(c, sizeof(c), sla_open(ts));
		tot_w = fmax(tot_w, canvas_text_w(cv, c));
		canvas_font(cv, FS_SMALL, false);
		sla_breakdown(ts, t, sizeof(t));
		tot_w = fmax(tot_w, canvas_text_w(cv, t));
		sla_sub_label(ts, true, t, sizeof(t));
		l->name_w = fmax(l->name_w, canvas_text_w(cv, t));
		if (sla_open(ts) > l->max_open)
			l->max_open = sla_open(ts);
	}
	avail = cv->w - 2 * cv->pad;
	l->name_w = fmin(l->name_w, avail * 0.24);
	split = cv->pad + l->name_w + 12 * cv->u +
		(avail - l->name_w - 12 * cv->u) * 0.5;
	l->a0 = cv->pad + l->name_w + 12 * cv->u;
	/* the track keeps at least half its panel: counts go first */
	att_w = sla_att_w(cv, s, l, false);
	l->short_att = att_w + 22 * cv->u > (split - l->a0) / 2;
	if (l->short_att)
		att_w = sla_att_w(cv, s, l, true);
	l->a1 = split - att_w - 22 * cv->u;
	l->b0 = split;
	l->b1 = cv->w - cv->pad - tot_w - 8 * cv->u;
	l->y0 = top;
	l->pitch = (bottom - top) / (double)l->n;
	l->thick = fmin(l->pitch * 0.55, 30 * cv->u);
	canvas_font(cv, FS_BODY, false);
	lh = canvas_line_h(cv);
	canvas_font(cv, FS_SMALL, false);
	l->two_lines = l->pitch >= lh + canvas_line_h(cv) + 6 * cv->u;
}

/* Segment counts inside the bar when every one fits, else after it. */
static void sla_status_bar(struct canvas *cv, const struct tier_stats *t,
			   const struct sla_layout *l, double yc)
{
	const size_t cnt[3] = {t->on_track, t->at_risk, t->breached};
	const struct rgb col[3] = {chart_green, chart_orange, chart_vermillion};
	double x = l->b0, seg[3];
	bool fits = true;
	char c[32];
	int k;

	canvas_font(cv, FS_SMALL, true);
	for (k = 0; k < 3; k++) {
		seg[k] = l->max_open ? (l->b1 - l->b0) * cnt[k] / l->max_open : 0;
		chart_fmt_count(c, sizeof(c), cnt[k]);
		if (cnt[k] && canvas_text_w(cv, c) + 6 * cv->u > seg[k])
			fits = false;
	}
	for (k = 0; k < 3; k++) {
		canvas_color(cv, col[k], 1);
		canvas_fill_rect(cv, x, yc - l->thick / 2, seg[k], l->thick);
		if (fits && cnt[k]) {
			chart_fmt_count(c, sizeof(c), cnt[k]);
			/* white on orange is too faint to read */
			canvas_color(cv, k == 1 ? chart_ink : chart_paper, 1);
			canvas_text(cv, x + seg[k] / 2, yc, AL_CENTER, AL_MIDDLE,
				    c);
		}
		x += seg[k];
	}
	canvas_font(cv, FS_BODY, false);
	canvas_color(cv, chart_ink, 1);
	if (fits) {
		chart_fmt_count(c, sizeof(c), sla_open(t));
		canvas_text(cv, x + 6 * cv->u, yc, AL_LEFT, AL_MIDDLE, c);
	} else {
		char all[112];

		sla_breakdown(t, all, sizeof(all));
		canvas_font(cv, FS_SMALL, false);
		canvas_text(cv, x + 6 * cv->u, yc, AL_LEFT, AL_MIDDLE, all);
	}
}

static void sla_row(struct canvas *cv, const struct tier_stats *t, size_t i,
		    const struct sla_layout *l)
{
	double yc = l->y0 + l->pitch * (i + 0.5), lh;
	char name[96], sub[96];

	canvas_font(cv, FS_BODY, false);
	lh = canvas_line_h(cv);
	canvas_text_fit(cv, t->g.name ? t->g.name : "", l->name_w, name,
			sizeof(name));
	canvas_color(cv, chart_ink, 1);
	canvas_text(cv, l->a0 - 12 * cv->u, l->two_lines ? yc - lh / 2 : yc,
		    AL_RIGHT, AL_MIDDLE, name);
	if (l->two_lines) {
		canvas_font(cv, FS_SMALL, false);
		/* "· auto" is the first thing to go when space is short */
		sla_sub_label(t, true, sub, sizeof(sub));
		if (canvas_text_w(cv, sub) > l->name_w)
			sla_sub_label(t, false, sub, sizeof(sub));
		canvas_text_fit(cv, sub, l->name_w, name, sizeof(name));
		canvas_color(cv, chart_muted, 1);
		canvas_text(cv, l->a0 - 12 * cv->u, yc + lh / 2 + cv->u,
			    AL_RIGHT, AL_MIDDLE, name);
	}

	canvas_color(cv, chart_grid, 1);
	canvas_fill_rect(cv, l->a0, yc - l->thick / 2, l->a1 - l->a0, l->thick);
	if (isfinite(t->attainment)) {
		canvas_color(cv, chart_blue, 1);
		canvas_fill_rect(cv, l->a0, yc - l->thick / 2,
				 (l->a1 - l->a0) * fmin(1, fmax(0, t->attainment)),
				 l->thick);
	}
	canvas_font(cv, FS_BODY, false);
	canvas_color(cv, chart_ink, 1);
	sla_att_label(t, l->short_att, sub, sizeof(sub));
	canvas_text(cv, l->a1 + 6 * cv->u, yc, AL_LEFT, AL_MIDDLE, sub);
	sla_status_bar(cv, t, l, yc);
}

static void sla_axes(struct canvas *cv, const struct sla_layout *l,
		     double y)
{
	struct axis a = {.unit = UNIT_SHARE, .lo = 0, .hi = 1, .step = 0.25};
	struct axis b = {.unit = UNIT_COUNT};

	a.p0 = l->a0;
	a.p1 = l->a1;
	if (l->a1 - l->a0 < 160 * cv->u)
		a.step = l->a1 - l->a0 < 90 * cv->u ? 1 : 0.5;
	chart_axis_draw_x(cv, &a, y, l->y0, true);
	if (l->max_open == 0)
		return;
	b.p0 = l->b0;
	b.p1 = l->b1;
	chart_axis_fit_x(cv, &b, 0, (double)l->max_open, l->b1 - l->b0);
	/* the longest bar sets the scale, so ticks stop short of it */
	while (b.hi > l->max_open + 1e-9 && b.hi > b.step)
		b.hi -= b.step;
	b.p1 = l->b0 + (l->b1 - l->b0) * b.hi / (double)l->max_open;
	chart_axis_draw_x(cv, &b, y, l->y0, false);
}

void chart_sla_draw(struct canvas *cv, const struct stats *s)
{
	const char *title = "SLA attainment by tier";
	const struct legend_item it[4] = {
		{chart_blue, SW_BOX, "reached within SLA"},
		{chart_green, SW_BOX, "on track"},
		{chart_orange, SW_BOX, "at risk"},
		{chart_vermillion, SW_BOX, "breached"},
	};
	struct sla_layout l;
	char head[64];
	double top, bottom, lh;
	size_t i;

	if (s->ntiers == 0) {
		chart_nodata_draw(cv, title, "no account has a clock start yet");
		return;
	}
	top = chart_title_draw(cv, title,
			       "Share reached within SLA (windows closed) "
			       "\xc2\xb7 accounts still onboarding by status");
	top += chart_legend(cv, it, 4, cv->pad, top, cv->w - 2 * cv->pad,
			    true) + 8 * cv->u;
	canvas_font(cv, FS_SMALL, true);
	lh = canvas_line_h(cv);
	canvas_font(cv, FS_SMALL, false);
	bottom = cv->h - cv->pad - canvas_line_h(cv) - 10 * cv->u;
	struct chart_rest rest;
	l.n = chart_tiers_drawn(s, l.idx, &rest);
	if (rest.groups)
		bottom -= canvas_line_h(cv) + 6 * cv->u;
	sla_layout(cv, s, top + lh + 6 * cv->u, bottom, &l);

	canvas_font(cv, FS_SMALL, true);
	canvas_color(cv, chart_muted, 1);
	canvas_text_fit(cv, "Reached first value within SLA",
			l.b0 - l.a0 - 8 * cv->u, head, sizeof(head));
	canvas_text(cv, l.a0, top, AL_LEFT, AL_TOP, head);
	canvas_text_fit(cv, "Still onboarding (accounts)",
			cv->w - cv->pad - l.b0, head, sizeof(head));
	canvas_text(cv, l.b0, top, AL_LEFT, AL_TOP, head);
	sla_axes(cv, &l, bottom);
	for (i = 0; i < l.n; i++)
		sla_row(cv, &s->tiers[l.idx[i]], i, &l);
	if (rest.groups) {
		char a[32], b[32], note[160], shown[160];

		chart_fmt_count(a, sizeof(a), rest.groups);
		chart_fmt_count(b, sizeof(b), rest.accounts);
		snprintf(note, sizeof(note),
			 "The %d tiers with the most accounts; %s more tiers "
			 "(%s accounts) are in the report's tables",
			 CHART_MAX_TIERS, a, b);
		canvas_font(cv, FS_SMALL, false);
		canvas_color(cv, chart_muted, 1);
		canvas_text_fit(cv, note, cv->w - 2 * cv->pad, shown,
				sizeof(shown));
		canvas_text(cv, cv->pad, cv->h - cv->pad, AL_LEFT, AL_BOTTOM,
			    shown);
	}
	canvas_color(cv, chart_axis_ink, 1);
	canvas_vline(cv, l.a0, l.y0, bottom, canvas_stroke(cv, 1));
	canvas_vline(cv, l.b0, l.y0, bottom, canvas_stroke(cv, 1));
}

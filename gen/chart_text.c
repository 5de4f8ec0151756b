/* chart_text.c - text in charts: DejaVu Sans named explicitly, measured
 * before it is placed, cut with an ellipsis rather than overlapping, and
 * numbers formatted the same way in every chart. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_canvas.h"

/* Longest label kept, in bytes; names longer than this are cut anyway. */
#define TEXT_MAX 256

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one. */
static size_t text_utf8_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (n == 3 && s[0] == 0xe0 && s[1] < 0xa0)
		return 0;
	if (n == 3 && s[0] == 0xed && s[1] >= 0xa0)
		return 0;
	if (n == 4 && s[0] == 0xf0 && s[1] < 0x90)
		return 0;
	if (n == 4 && s[0] == 0xf4 && s[1] >= 0x90)
		return 0;
	return n;
}

/* cairo refuses invalid UTF-8 (and then draws nothing more), so a stray
 * byte in a tier name becomes '?'; control characters become spaces. */
static void text_clean(const char *s, char *dst, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, k;

	while (*p) {
		k = text_utf8_len(p);
		if (o + (k ? k : 1) >= n)
			break;
		if (k == 0) {
			dst[o++] = '?';
			p++;
		} else if (k == 1 && *p < 0x20) {
			dst[o++] = ' ';
			p++;
		} else {
			memcpy(dst + o, p, k);
			o += k;
			p += k;
		}
	}
	dst[o] = '\0';
}

void canvas_font(struct canvas *cv, double size, bool bold)
{
	cairo_select_font_face(cv->cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD
				    : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cv->cr, size * cv->u);
}

double canvas_line_h(struct canvas *cv)
{
	cairo_font_extents_t fe;

	cairo_font_extents(cv->cr, &fe);
	return fe.ascent + fe.descent;
}

double canvas_text_w(struct canvas *cv, const char *s)
{
	char t[TEXT_MAX];
	cairo_text_extents_t te;

	text_clean(s, t, sizeof(t));
	cairo_text_extents(cv->cr, t, &te);
	return te.x_advance;
}

void canvas_text(struct canvas *cv, double x, double y, enum halign ha,
		 enum valign va, const char *s)
{
	char t[TEXT_MAX];
	cairo_text_extents_t te;
	cairo_font_extents_t fe;

	text_clean(s, t, sizeof(t));
	cairo_text_extents(cv->cr, t, &te);
	cairo_font_extents(cv->cr, &fe);
	if (ha == AL_CENTER)
		x -= te.x_advance / 2;
	else if (ha == AL_RIGHT)
		x -= te.x_advance;
	/* Boxes come from the font's ascent and descent, not the ink, so
	 * labels of one row share a baseline whatever letters they hold. */
	if (va == AL_TOP)
		y += fe.ascent;
	else if (va == AL_MIDDLE)
		y += (fe.ascent - fe.descent) / 2;
	else if (va == AL_BOTTOM)
		y -= fe.descent;
	cairo_move_to(cv->cr, x, y);
	cairo_show_text(cv->cr, t);
	cairo_new_path(cv->cr);
}

void canvas_text_fit(struct canvas *cv, const char *s, double maxw,
		     char *dst, size_t n)
{
	static const char ell[] = "\xe2\x80\xa6";	/* U+2026 */
	char t[TEXT_MAX], cut[TEXT_MAX + sizeof(ell)];
	size_t len, k;

	text_clean(s, t, sizeof(t) < n ? sizeof(t) : n);
	if (canvas_text_w(cv, t) <= maxw) {
		memcpy(dst, t, strlen(t) + 1);
		return;
	}
	len = strlen(t);
	while (len > 0) {
		/* back up to the start of the previous character */
		do
			len--;
		while (len > 0 && ((unsigned char)t[len] & 0xc0) == 0x80);
		k = len;
		while (k > 0 && t[k - 1] == ' ')
			k--;
		if (k == 0)
			break;
		if (k + sizeof(ell) > n)
			continue;
		memcpy(cut, t, k);
		memcpy(cut + k, ell, sizeof(ell));
		if (canvas_text_w(cv, cut) <= maxw) {
			memcpy(dst, cut, k + sizeof(ell));
			return;
		}
	}
	snprintf(dst, n, "%s", canvas_text_w(cv, ell) <= maxw ? ell : "");
}

void chart_fmt_count(char *dst, size_t n, size_t v)
{
	char digits[32], out[48];
	int len = snprintf(digits, sizeof(digits), "%zu", v);
	int i, o = 0;

	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(dst, n, "%s", out);
}

void chart_fmt_days(char *dst, size_t n, double days)
{
	days = num_round1(days);
	if (isnan(days))
		snprintf(dst, n, "n/a");
	else if (fabs(days) < 100 && days != round(days))
		snprintf(dst, n, "%.1f", days);
	else if (fabs(days) < 100)
		snprintf(dst, n, "%.0f", days);
	else if (days > 0 && days < 1e15)
		chart_fmt_count(dst, n, (size_t)llround(days));
	else
		snprintf(dst, n, "%.0f", days);
}

void chart_fmt_sla(char *dst, size_t n, const struct tier_stats *t,
		   bool calendar_axis)
{
	char d[32], c[32];

	if (!isfinite(t->sla_days)) {
		snprintf(dst, n, "%s", "");
		return;
	}
	chart_fmt_days(d, sizeof(d), t->sla_days);
	if (t->days != DAYS_BUSINESS) {
		snprintf(dst, n, "SLA %s d", d);
		return;
	}
	/* an estimate: whole days */
	chart_fmt_days(c, sizeof(c), round(t->sla_calendar_days));
	snprintf(dst, n, calendar_axis ? "SLA %s business days (~%s d)"
				       : "SLA %s business days",
		 d, c);
}

void chart_fmt_pct(char *dst, size_t n, double share)
{
	double pct = share * 100;

	if (isnan(share))
		snprintf(dst, n, "n/a");
	else if (pct > 0 && pct < 0.05)
		snprintf(dst, n, "<0.1%%");
	else if (pct >= 9.95 || pct == 0 || pct <= -9.95)
		snprintf(dst, n, "%.0f%%", pct);
	else
		snprintf(dst, n, "%.1f%%", pct);
}

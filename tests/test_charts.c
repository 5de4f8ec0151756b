/* test_charts.c - every chart renders in PNG, SVG and PDF at the three
 * supported sizes for realistic, empty, single-account and extreme data;
 * output is deterministic; and pixels at known points have the colours
 * the layout puts there.
 *
 * TTFV_CHART_PREVIEW=DIR also writes every PNG into DIR for looking at. */
#include <cairo.h>
#include <stdint.h>
#include <stdlib.h>

#include "../gen/chart_canvas.h"
#include "charts/fixtures.h"
#include "harness.h"

static const struct {
	int w, h;
} sizes[] = {{600, 400}, {960, 540}, {1920, 1080}};

static const char *const fixture_names[] = {"realistic", "empty", "single",
					    "extreme", "many"};
static void (*const fixtures[])(struct stats *) = {
	fixture_realistic, fixture_empty, fixture_single, fixture_extreme,
	fixture_many};

struct png_reader {
	const struct buf *b;
	size_t off;
};

static cairo_status_t png_read(void *closure, unsigned char *data,
			       unsigned int length)
{
	struct png_reader *r = closure;

	if (r->off + length > r->b->len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->b->ptr + r->off, length);
	r->off += length;
	return CAIRO_STATUS_SUCCESS;
}

/* Decodes a PNG from b; the caller destroys the surface. */
static cairo_surface_t *png_decode(const struct buf *b)
{
	struct png_reader r = {b, 0};

	return cairo_image_surface_create_from_png_stream(png_read, &r);
}

/* 0xRRGGBB of device pixel (x, y). */
static uint32_t png_pixel(cairo_surface_t *img, int x, int y)
{
	unsigned char *data;
	int stride;

	cairo_surface_flush(img);
	data = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	return *(uint32_t *)(data + (size_t)y * stride + (size_t)x * 4) &
	       0xffffff;
}

static void preview_write(const char *chart, const char *fixture,
			  const struct chart_opts *o, const struct buf *b)
{
	const char *dir = getenv("TTFV_CHART_PREVIEW");
	char path[512];
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s_%s_%dx%d.png", dir, chart, fixture,
		 o->width, o->height);
	f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(b->ptr, 1, b->len, f);
	fclose(f);
}

static int render(enum chart_id id, const struct stats *s, int w, int h,
		  double scale, enum chart_format fmt, struct buf *out)
{
	struct chart_opts o = {w, h, scale, fmt};
	struct diag d;
	int rc;

	diag_init(&d);
	rc = chart_render(id, s, &o, out, &d);
	if (rc < 0)
		fprintf(stderr, "%s", buf_cstr(&d.text));
	diag_release(&d);
	return rc;
}

/* Every chart x fixture x size x format renders, PNGs have the asked size
 * in device pixels, and a second rendering gives the same bytes. */
static void test_all_render(void)
{
	static const char *const magic[] = {"\x89PNG", "<?xml", "%PDF"};
	size_t f, z;
	int id, fmt;

	for (f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		struct stats s;

		fixtures[f](&s);
		for (id = 0; id < CHART_COUNT; id++)
			for (z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
				for (fmt = CHART_PNG; fmt <= CHART_PDF; fmt++) {
					struct buf a = BUF_INIT, b = BUF_INIT;
					double scale = z == 1 ? 2 : 1;

					CHECK_INT(render(id, &s, sizes[z].w,
							 sizes[z].h, scale, fmt,
							 &a), 0);
					CHECK_INT(render(id, &s, sizes[z].w,
							 sizes[z].h, scale, fmt,
							 &b), 0);
					CHECK(a.len > 100 &&
					      memcmp(a.ptr, magic[fmt],
						     strlen(magic[fmt])) == 0);
					CHECK(a.len == b.len &&
					      memcmp(a.ptr, b.ptr, a.len) == 0);
					if (fmt == CHART_PNG) {
						struct chart_opts o = {sizes[z].w,
							sizes[z].h, scale, fmt};
						cairo_surface_t *img =
							png_decode(&a);

						CHECK_INT(cairo_image_surface_get_width(img),
							  sizes[z].w * scale);
						CHECK_INT(cairo_image_surface_get_height(img),
							  sizes[z].h * scale);
						cairo_surface_destroy(img);
						preview_write(chart_name(id),
							      fixture_names[f],
							      &o, &a);
					}
					buf_release(&a);
					buf_release(&b);
				}
		fixture_release(&s);
	}
}

static int chan(double c)
{
	return (int)lround(c * 255);
}

/* Pixel p is colour c, within antialiasing-free rounding. */
static bool px_is(uint32_t p, struct rgb c)
{
	return abs((int)(p >> 16 & 0xff) - chan(c.r)) <= 2 &&
	       abs((int)(p >> 8 & 0xff) - chan(c.g)) <= 2 &&
	       abs((int)(p & 0xff) - chan(c.b)) <= 2;
}

/* Longest run of colour c in row y from x0 on; its start in *at. */
static int row_run(cairo_surface_t *img, int y, int x0, struct rgb c,
		   int *at)
{
	int w = cairo_image_surface_get_width(img), x, best = 0, run = 0;

	for (x = x0; x < w; x++) {
		run = px_is(png_pixel(img, x, y), c) ? run + 1 : 0;
		if (run > best) {
			best = run;
			if (at)
				*at = x - run + 1;
		}
	}
	return best;
}

static int col_run(cairo_surface_t *img, int x, struct rgb c)
{
	int h = cairo_image_surface_get_height(img), y, best = 0, run = 0;

	for (y = 0; y < h; y++) {
		run = px_is(png_pixel(img, x, y), c) ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

static cairo_surface_t *render_png(enum chart_id id, const struct stats *s,
				   int w, int h, double scale)
{
	struct buf b = BUF_INIT;
	cairo_surface_t *img;

	CHECK_INT(render(id, s, w, h, scale, CHART_PNG, &b), 0);
	img = png_decode(&b);
	buf_release(&b);
	return img;
}

/* The corners of every chart are the white page. */
static void test_background(void)
{
	struct stats s;
	int id;

	fixture_realistic(&s);
	for (id = 0; id < CHART_COUNT; id++) {
		cairo_surface_t *img = render_png(id, &s, 600, 400, 2);

		CHECK_INT(png_pixel(img, 0, 0), 0xffffff);
		CHECK_INT(png_pixel(img, 1199, 0), 0xffffff);
		CHECK_INT(png_pixel(img, 0, 799), 0xffffff);
		CHECK_INT(png_pixel(img, 1199, 799), 0xffffff);
		cairo_surface_destroy(img);
	}
	fixture_release(&s);
}

/* Funnel bars are as long as their counts: the solid (went on) part of
 * each bar is proportional to the step's "next" count, 2700, 2100, 1900,
 * 1500 and, for the last step, its 1500 reached; the first bar is the
 * longest, 2900 accounts, so the pale rest of it is 200/2700 of the solid
 * part, and the vermillion drop-off of step 2 is 600/2700 of it. */
static void test_funnel_bars(void)
{
	static const double kept[5] = {2700, 2100, 1900, 1500, 1500};
	struct stats s;
	cairo_surface_t *img;
	int y, h, nbars = 0, len[8], start[8], at = 0, prev = 0;

	fixture_realistic(&s);
	img = render_png(CHART_FUNNEL, &s, 960, 540, 2);
	h = cairo_image_surface_get_height(img);
	/* bars: bands of rows holding a blue run longer than any legend box */
	for (y = 0; y < h; y++) {
		int r = row_run(img, y, 0, chart_blue, &at);

		if (r > 100 && prev <= 100 && nbars < 8) {
			start[nbars] = at;
			len[nbars++] = r;
			/* measure a few rows in, clear of the edge */
			len[nbars - 1] = row_run(img, y + 4, 0, chart_blue, &at);
		}
		prev = r;
	}
	CHECK_INT(nbars, 5);
	if (nbars == 5) {
		int i, red = 0;

		for (i = 1; i < 5; i++)
			CHECK_NEAR(len[i], len[0] * kept[i] / kept[0], 2);
		for (i = 0; i < 5; i++)
			CHECK_INT(start[i], start[0]);
		for (y = 0; y < h && !red; y++)
			red = row_run(img, y, 0, chart_vermillion, NULL) > 50
				      ? row_run(img, y + 4, 0, chart_vermillion,
						NULL)
				      : 0;
		CHECK_NEAR(red, len[0] * 600.0 / 2700, 2);
	}
	cairo_surface_destroy(img);
	fixture_release(&s);
}

/* Attainment bars: blue over a grey track, the blue share of the track
 * being the tier's attainment (0.74, 0.81, 0.68 in the fixture, tiers top
 * to bottom). */
static void test_sla_bars(void)
{
	static const double att[3] = {0.74, 0.81, 0.68};
	struct stats s;
	cairo_surface_t *img;
	int y, h, n = 0, prev = 0;

	fixture_realistic(&s);
	img = render_png(CHART_SLA_ATTAINMENT, &s, 960, 540, 2);
	h = cairo_image_surface_get_height(img);
	for (y = 0; y < h && n < 3; y++) {
		int at = 0, b = row_run(img, y, 0, chart_blue, &at), g = 0;

		while (b > 100 && px_is(png_pixel(img, at + b + g, y), chart_grid))
			g++;
		if (b > 100 && g > 10 && !prev) {
			CHECK_NEAR((double)b / (b + g), att[n], 0.01);
			n++;
		}
		prev = b > 100 && g > 10;
	}
	CHECK_INT(n, 3);
	cairo_surface_destroy(img);
	fixture_release(&s);
}

/* Stacked month bars: the product segment sits at the bottom of each
 * stack, its height proportional to the fixture's product counts 12, 15,
 * 10, 18, 9, 14. */
static void test_postmortem_stacks(void)
{
	static const double product[6] = {12, 15, 10, 18, 9, 14};
	struct stats s;
	cairo_surface_t *img;
	int x, w, n = 0, best = 0, hgt[8];

	fixture_realistic(&s);
	img = render_png(CHART_POSTMORTEMS, &s, 960, 540, 2);
	w = cairo_image_surface_get_width(img);
	/* the month panel is the right half; a bar is a band of columns */
	for (x = w * 55 / 100; x < w; x++) {
		int r = col_run(img, x, chart_blue);

		if (r > 5 && r > best)
			best = r;
		if (r <= 5 && best > 0) {
			if (n < 8)
				hgt[n++] = best;
			best = 0;
		}
	}
	CHECK_INT(n, 6);
	if (n == 6) {
		int i;

		for (i = 0; i < 6; i++)
			CHECK_NEAR(hgt[i], hgt[3] * product[i] / 18, 2);
	}
	cairo_surface_destroy(img);
	fixture_release(&s);
}

/* The x axis is a crisp line: one device pixel thick at 1x, two at 2x, in
 * the axis colour, not smeared over a neighbouring row. */
static void test_crisp_axis(void)
{
	struct stats s;
	int scale;

	fixture_realistic(&s);
	for (scale = 1; scale <= 2; scale++) {
		cairo_surface_t *img =
			render_png(CHART_COHORT_CURVES, &s, 960, 540, scale);
		int w = cairo_image_surface_get_width(img);
		int h = cairo_image_surface_get_height(img), y, rows = 0;
		int first = -1;

		for (y = 0; y < h; y++)
			if (row_run(img, y, 0, chart_axis_ink, NULL) > w * 6 / 10) {
				if (first < 0)
					first = y;
				rows++;
			}
		CHECK_INT(rows, scale);
		CHECK(first > h / 2);
		cairo_surface_destroy(img);
	}
	fixture_release(&s);
}

/* Empty data: each chart says so in muted text and draws no series. */
static void test_nodata(void)
{
	struct stats s;
	int id;

	fixture_empty(&s);
	for (id = 0; id < CHART_COUNT; id++) {
		cairo_surface_t *img = render_png(id, &s, 600, 400, 2);
		int w = cairo_image_surface_get_width(img);
		int h = cairo_image_surface_get_height(img), x, y;
		int blue = 0, muted = 0;

		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++) {
				uint32_t p = png_pixel(img, x, y);

				blue += px_is(p, chart_blue);
				muted += px_is(p, chart_muted);
			}
		CHECK_INT(blue, 0);
		CHECK(muted > 50);
		cairo_surface_destroy(img);
	}
	fixture_release(&s);
}

static void test_names(void)
{
	int id;

	for (id = 0; id < CHART_COUNT; id++)
		CHECK_INT(chart_lookup(chart_name(id)), id);
	CHECK_STR(chart_name(CHART_TTFV_BY_OUTCOME), "ttfv_by_outcome");
	CHECK_INT(chart_lookup("funnel"), CHART_FUNNEL);
	CHECK_INT(chart_lookup("Funnel"), -1);
	CHECK_INT(chart_lookup(""), -1);
}

/* A size out of range is an error in d, and nothing is appended. */
static void test_bad_size(void)
{
	struct stats s;
	struct buf b = BUF_INIT;
	struct chart_opts o = {50, 400, 1, CHART_SVG};
	struct diag d;

	fixture_realistic(&s);
	diag_init(&d);
	buf_puts(&b, "kept");
	CHECK_INT(chart_render(CHART_FUNNEL, &s, &o, &b, &d), -1);
	CHECK_INT(d.count, 1);
	CHECK_CONTAINS(buf_cstr(&d.text), "chart size 50x400");
	CHECK_STR(buf_cstr(&b), "kept");
	diag_release(&d);
	buf_release(&b);
	fixture_release(&s);
}

static void check_alt(enum chart_id id, const struct stats *s,
		      const char *want)
{
	struct buf b = BUF_INIT;

	chart_alt(id, s, &b);
	CHECK_CONTAINS(buf_cstr(&b), want);
	buf_release(&b);
}

/* Alt text figures, from the fixture by hand:
 * - funnel: 1500 / 2900 = 0.517 -> 52%; the largest drop-off is after
 *   first_login, 1 - 2100/2700 = 0.222 -> 22%;
 * - trend: cohort 18 is i = 17, t = 12 (1 + 0.25 sin 17) = 9.1158,
 *   p50 = t (0.7 + 0.1 cos 17) = 6.130 -> 6.1, p75 = t (1.4 + 0.15 cos 17)
 *   = 12.386 -> 12.4;
 * - post-mortems: 240 + 160 + 110 + 60 = 570, product 240/570 = 42%;
 *   May 12+8+5+3 = 28, October 14+6+7+2 = 29;
 * - still onboarding: 20+35+140 = 195 on track, 9+6+31 = 46 at risk,
 *   12+4+22 = 38 breached. */
static void test_alt(void)
{
	struct stats s;
	int id;

	fixture_realistic(&s);
	check_alt(CHART_COHORT_CURVES, &s, "18 cohorts (2025-05 to 2026-10)");
	check_alt(CHART_COHORT_CURVES, &s,
		  "SLA days marked: high-touch 41 days, mid-touch 21 days, "
		  "tech-touch 14 days.");
	check_alt(CHART_FUNNEL, &s,
		  "from 2,900 at kickoff to 1,500 at go_live (52% of the first "
		  "step); the largest drop-off, 22%, is after first_login.");
	check_alt(CHART_TTFV_BY_OUTCOME, &s, "of 900 renewed and 120 churned");
	check_alt(CHART_POSTMORTEMS, &s,
		  "570 SLA-breach post-mortems by root cause, led by Product "
		  "with 240 (42%)");
	check_alt(CHART_POSTMORTEMS, &s, "from 28 in 2026-05 to 29 in 2026-10.");
	check_alt(CHART_SLA_ATTAINMENT, &s,
		  "high-touch 74% within 41 days, mid-touch 81% within 21 days");
	check_alt(CHART_SLA_ATTAINMENT, &s,
		  "195 on track, 46 at risk, 38 breached.");
	check_alt(CHART_TTFV_TREND, &s,
		  "for 2026-10, is 6.1 days (p75 12.4 days)");
	fixture_release(&s);
	fixture_empty(&s);
	for (id = 0; id < CHART_COUNT; id++)
		check_alt(id, &s, "no data");
	fixture_release(&s);
}

static void test_format(void)
{
	char t[32];
	struct axis a = {.unit = UNIT_DAYS};

	chart_fmt_count(t, sizeof(t), 1234567);
	CHECK_STR(t, "1,234,567");
	chart_fmt_count(t, sizeof(t), 999);
	CHECK_STR(t, "999");
	chart_fmt_days(t, sizeof(t), 12.34);
	CHECK_STR(t, "12.3");
	chart_fmt_days(t, sizeof(t), 14);
	CHECK_STR(t, "14");
	chart_fmt_days(t, sizeof(t), 5000);
	CHECK_STR(t, "5,000");
	chart_fmt_days(t, sizeof(t), NAN);
	CHECK_STR(t, "n/a");
	chart_fmt_pct(t, sizeof(t), 0.74);
	CHECK_STR(t, "74%");
	chart_fmt_pct(t, sizeof(t), 0.075);
	CHECK_STR(t, "7.5%");
	chart_fmt_pct(t, sizeof(t), 0.0004);
	CHECK_STR(t, "<0.1%");
	chart_fmt_pct(t, sizeof(t), 0);
	CHECK_STR(t, "0%");
	/* 1-2-5 steps: 85 days in at most 10 steps -> 10 (5 would be 17);
	 * 5000 in at most 6 -> 1000 (500 would be 10); 0.1 in 4 -> 0.05 */
	chart_axis_nice(&a, 0, 85, 10);
	CHECK_NEAR(a.step, 10, 1e-12);
	CHECK_NEAR(a.hi, 90, 1e-9);
	chart_axis_nice(&a, 0, 5000, 6);
	CHECK_NEAR(a.step, 1000, 1e-9);
	CHECK_NEAR(a.hi, 5000, 1e-9);
	chart_axis_nice(&a, 0, 0.1, 4);
	CHECK_NEAR(a.step, 0.05, 1e-12);
	/* shares may step by 25%: 0.1 and 0.2 give 10 and 5 steps, 0.25 four */
	a.unit = UNIT_SHARE;
	chart_axis_nice(&a, 0, 1, 4);
	CHECK_NEAR(a.step, 0.25, 1e-12);
	a.unit = UNIT_COUNT;
	chart_axis_nice(&a, 0, 1, 10);
	CHECK_NEAR(a.step, 1, 1e-12);
}

/* Ellipsizing cuts at a character boundary and fits the width. */
static void test_text_fit(void)
{
	struct chart_opts o = {600, 400, 1, CHART_PNG};
	struct canvas cv;
	struct buf b = BUF_INIT;
	struct diag d;
	char t[64];

	diag_init(&d);
	CHECK_INT(canvas_open(&cv, &o, &b, &d), 0);
	canvas_font(&cv, FS_BODY, false);
	canvas_text_fit(&cv, "short", 200, t, sizeof(t));
	CHECK_STR(t, "short");
	canvas_text_fit(&cv, "caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9",
			canvas_text_w(&cv, "caf\xc3\xa9 caf\xc3\xa9"), t,
			sizeof(t));
	CHECK(canvas_text_w(&cv, t) <= canvas_text_w(&cv, "caf\xc3\xa9 caf\xc3\xa9"));
	CHECK(strlen(t) >= 3 && strcmp(t + strlen(t) - 3, "\xe2\x80\xa6") == 0);
	canvas_text_fit(&cv, "caf\xc3\xa9\xc3\xa9\xc3\xa9",
			canvas_text_w(&cv, "caf\xe2\x80\xa6"), t, sizeof(t));
	/* "caf" + ellipsis, never "caf\xc3" cut inside the e-acute */
	CHECK_STR(t, "caf\xe2\x80\xa6");
	CHECK_INT(canvas_close(&cv, &d), 0);
	diag_release(&d);
	buf_release(&b);
}

/* A batch on several threads gives what one-by-one rendering gives. */
static void test_batch(void)
{
	struct chart_job jobs[2 * CHART_COUNT];
	struct stats s;
	struct diag d;
	size_t i;

	fixture_realistic(&s);
	diag_init(&d);
	for (i = 0; i < 2 * CHART_COUNT; i++) {
		jobs[i].id = (enum chart_id)(i / 2);
		jobs[i].opts = (struct chart_opts){960, 540, i % 2 ? 1 : 2,
						   i % 2 ? CHART_SVG : CHART_PNG};
		buf_init(&jobs[i].out);
	}
	CHECK_INT(chart_render_batch(&s, jobs, 2 * CHART_COUNT, &d), 0);
	CHECK_INT(d.count, 0);
	for (i = 0; i < 2 * CHART_COUNT; i++) {
		struct buf one = BUF_INIT;

		CHECK_INT(jobs[i].rc, 0);
		CHECK_INT(render(jobs[i].id, &s, 960, 540, jobs[i].opts.scale,
				 jobs[i].opts.format, &one), 0);
		CHECK(one.len == jobs[i].out.len &&
		      memcmp(one.ptr, jobs[i].out.ptr, one.len) == 0);
		buf_release(&one);
		buf_release(&jobs[i].out);
	}
	/* a failing job is reported, the others still drawn */
	jobs[0].opts.width = 10;
	buf_init(&jobs[0].out);
	buf_init(&jobs[1].out);
	CHECK_INT(chart_render_batch(&s, jobs, 2, &d), -1);
	CHECK_INT(d.count, 1);
	CHECK_CONTAINS(buf_cstr(&d.text), "chart size 10x540");
	CHECK_INT(jobs[0].rc, -1);
	CHECK_INT(jobs[1].rc, 0);
	CHECK(jobs[1].out.len > 100);
	buf_release(&jobs[0].out);
	buf_release(&jobs[1].out);
	diag_release(&d);
	fixture_release(&s);
}

int main(void)
{
	test_batch();
	test_names();
	test_format();
	test_text_fit();
	test_alt();
	test_bad_size();
	test_background();
	test_funnel_bars();
	test_sla_bars();
	test_postmortem_stacks();
	test_crisp_axis();
	test_nodata();
	test_all_render();
	chart_release_static();
	return test_done("test_charts");
}

/* test_chart_pixels.c - pixel checks at known points of decoded PNGs
 * (the page, an axis, bars of known length) rather than full-image
 * goldens that break on a font update. */
#include "charts/fixtures.h"
#include "charts/render.h"
#include "timeutil.h"

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

/* The account timeline: one blue bar per completed step from the clock
 * start, as long as its day (2, 5, 10 and 20 days: 1 : 2.5 : 5 : 10), and
 * the SLA deadline's dashed line at day 41, 41/20 of the longest bar from
 * the common start.  The tier medians (3, 7, 14, 26) sit past each bar's
 * end so no diamond cuts a bar. */
static void test_timeline_bars(void)
{
	static const double day[5] = {2, 5, 10, 20, NAN};
	static const double med[5] = {3, 7, 14, 26, 30};
	int64_t at[5] = {TU_DAY * 2, TU_DAY * 5, TU_DAY * 10, TU_DAY * 20,
			 TTFV_NO_TIME};
	static const uint32_t path[5] = {0, 1, 2, 3, 4};
	struct account_summary a = {
		.path = path, .npath = 5,
		.account_id = "A1", .name = "Acme", .tier = "high-touch",
		.state = ACCOUNT_REACHED_IN_SLA, .clock_start = 0,
		.step_at = at, .step_days = (double *)day,
		.tier_step_median = med, .reached = true, .ttfv = 20,
		.elapsed_days = NAN, .sla_days = 41, .deadline = TU_DAY * 41,
		.days = DAYS_CALENDAR, .next_step = -1,
		.next_target = TTFV_NO_TIME, .next_target_days = NAN};
	/* the deadline's line is vermillion at 75% over the white page */
	struct rgb line = {chart_vermillion.r * 0.75 + 0.25,
			   chart_vermillion.g * 0.75 + 0.25,
			   chart_vermillion.b * 0.75 + 0.25};
	struct stats s;
	cairo_surface_t *img;
	int y, x, h, w, n = 0, prev = 0, at_x = 0, len[8], start[8];
	int best = 0, best_x = -1;

	struct step_info steps[5] = {
		{.name = "kickoff", .label = "Kickoff"},
		{.name = "first_login", .label = "First login"},
		{.name = "setup_complete", .label = "Setup complete"},
		{.name = "first_value", .label = "First value"},
		{.name = "go_live", .label = "Go live"}};

	fixture_realistic(&s);
	s.account = &a;
	s.steps = steps;
	s.nsteps = 5;
	img = render_png(CHART_ACCOUNT_TIMELINE, &s, 960, 540, 2);
	h = cairo_image_surface_get_height(img);
	w = cairo_image_surface_get_width(img);
	for (y = 0; y < h; y++) {
		int r = row_run(img, y, 0, chart_blue, &at_x);

		/* longer than the 20-px legend box */
		if (r > 30 && prev <= 30 && n < 8) {
			len[n] = row_run(img, y + 4, 0, chart_blue, &at_x);
			start[n++] = at_x;
		}
		prev = r;
	}
	CHECK_INT(n, 4);
	if (n == 4) {
		int i;

		for (i = 0; i < 4; i++) {
			CHECK_INT(start[i], start[0]);
			CHECK_NEAR(len[i], len[3] * day[i] / day[3], 2);
		}
		for (x = 0; x < w; x++) {
			int c = 0;

			for (y = 0; y < h; y++)
				c += px_is(png_pixel(img, x, y), line);
			if (c > best) {
				best = c;
				best_x = x;
			}
		}
		CHECK(best > 100);
		CHECK_NEAR(best_x - start[0], len[3] * 41.0 / 20, 3);
	}
	cairo_surface_destroy(img);
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

int main(void)
{
	test_background();
	test_funnel_bars();
	test_sla_bars();
	test_postmortem_stacks();
	test_crisp_axis();
	test_nodata();
	test_timeline_bars();
	chart_release_static();
	return test_done("test_chart_pixels");
}

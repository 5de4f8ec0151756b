/* test_chart_png.c - the PNG writer: known pixels come back exactly
 * through cairo's PNG reader (libpng's decoder, not our encoder), every
 * chart decodes to the very pixels cairo drew, and failures leave the
 * output as it was with the reason in the diagnostics. */
#include <stdint.h>

#include "charts/fixtures.h"
#include "charts/render.h"

/* Big-endian 32-bit value at p (PNG's byte order). */
static uint32_t be32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 |
	       (uint32_t)u[2] << 8 | u[3];
}

/* A 3x2 image with a wider stride than its pixels, padding bytes and
 * top bytes that must not show: every channel of 0x123456 differs, so a
 * swapped or shifted channel would show up. */
static void test_known_pixels(void)
{
	static const uint32_t want[2][3] = {
		{0x123456, 0xff0000, 0x00ff00},
		{0x0000ff, 0xffffff, 0x000000},
	};
	uint32_t words[2][4];
	struct buf out = BUF_INIT, again = BUF_INIT;
	struct diag d;
	cairo_surface_t *img;

	diag_init(&d);
	for (int y = 0; y < 2; y++) {
		for (int x = 0; x < 3; x++)
			words[y][x] = want[y][x] | 0xab000000u;
		words[y][3] = 0x5a5a5a5au;	/* padding, never read */
	}
	buf_puts(&out, "abc");
	CHECK_INT(chart_png_encode((const unsigned char *)words, 3, 2, 16,
				   &out, &d),
		  0);
	CHECK_STR(buf_cstr(&d.text), "");
	/* appended after what was there: the signature, then IHDR
	 * (length 13) with width 3, height 2, 8 bits, colour type 2 = RGB */
	CHECK(out.len > 3 + 8 + 25);
	if (out.len > 3 + 8 + 25) {
		CHECK(memcmp(out.ptr, "abc\x89PNG\r\n\x1a\n", 11) == 0);
		CHECK_INT(be32(out.ptr + 11), 13);
		CHECK(memcmp(out.ptr + 15, "IHDR", 4) == 0);
		CHECK_INT(be32(out.ptr + 19), 3);
		CHECK_INT(be32(out.ptr + 23), 2);
		CHECK_INT(out.ptr[27], 8);
		CHECK_INT(out.ptr[28], 2);
	}
	/* decode from just after the "abc" */
	{
		struct buf png = BUF_INIT;

		buf_put(&png, out.ptr + 3, out.len - 3);
		img = png_decode(&png);
		CHECK_INT(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
		CHECK_INT(cairo_image_surface_get_format(img),
			  CAIRO_FORMAT_RGB24);
		CHECK_INT(cairo_image_surface_get_width(img), 3);
		CHECK_INT(cairo_image_surface_get_height(img), 2);
		if (cairo_image_surface_get_width(img) == 3 &&
		    cairo_image_surface_get_height(img) == 2)
			for (int y = 0; y < 2; y++)
				for (int x = 0; x < 3; x++)
					CHECK_INT(png_pixel(img, x, y),
						  want[y][x]);
		cairo_surface_destroy(img);
		buf_release(&png);
	}
	/* the same pixels give the same bytes */
	CHECK_INT(chart_png_encode((const unsigned char *)words, 3, 2, 16,
				   &again, &d),
		  0);
	CHECK_INT(again.len, out.len - 3);
	CHECK(again.len == out.len - 3 &&
	      memcmp(again.ptr, out.ptr + 3, again.len) == 0);
	buf_release(&again);
	buf_release(&out);
	diag_release(&d);
}

/* Every chart, drawn on its canvas and encoded by canvas_close, decodes
 * to exactly the surface cairo drew (a copy taken before the close). */
static void test_charts_round_trip(void)
{
	struct stats s;
	struct chart_opts o = {600, 400, 2, CHART_PNG};

	fixture_realistic(&s);
	for (int id = 0; id < CHART_COUNT; id++) {
		static void (*const draw[CHART_COUNT])(struct canvas *,
						       const struct stats *) = {
			chart_cohort_draw,	chart_funnel_draw,
			chart_outcome_draw,	chart_postmortems_draw,
			chart_sla_draw,		chart_trend_draw,
			[CHART_RISK_CALIBRATION] = chart_risk_draw,
			[CHART_EXPERIMENT] = chart_experiment_draw,
			[CHART_ACCOUNT_TIMELINE] = chart_timeline_draw,
		};
		struct buf out = BUF_INIT;
		struct canvas cv;
		struct diag d;
		unsigned char *drawn;
		size_t size;
		int stride, h, differ = 0;
		cairo_surface_t *img;

		diag_init(&d);
		CHECK_INT(canvas_open(&cv, &o, &out, &d), 0);
		draw[id](&cv, &s);
		cairo_surface_flush(cv.surface);
		stride = cairo_image_surface_get_stride(cv.surface);
		h = cairo_image_surface_get_height(cv.surface);
		size = (size_t)stride * (size_t)h;
		drawn = xmalloc(size);
		memcpy(drawn, cairo_image_surface_get_data(cv.surface), size);
		CHECK_INT(canvas_close(&cv, &d), 0);
		img = png_decode(&out);
		CHECK_INT(cairo_image_surface_get_width(img), 1200);
		CHECK_INT(cairo_image_surface_get_height(img), 800);
		if (cairo_image_surface_get_width(img) == 1200 &&
		    cairo_image_surface_get_height(img) == 800)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < 1200; x++) {
					uint32_t p;

					memcpy(&p, drawn + (size_t)y * stride +
							   4 * (size_t)x,
					       sizeof(p));
					differ += png_pixel(img, x, y) !=
						  (p & 0xffffff);
				}
		CHECK_INT(differ, 0);
		cairo_surface_destroy(img);
		free(drawn);
		buf_release(&out);
		diag_release(&d);
	}
	fixture_release(&s);
}

/* A thread keeps its last PNG's pixel memory for the next of that size:
 * what an earlier chart left there never shows.  Each chart drawn after
 * every other (on the kept memory) gives the bytes it gives drawn first
 * on fresh memory. */
static void test_reused_canvas(void)
{
	struct stats s;
	struct chart_opts o = {600, 400, 2, CHART_PNG};
	struct buf fresh[CHART_COUNT], again = BUF_INIT;
	struct diag d;

	fixture_realistic(&s);
	diag_init(&d);
	for (int id = 0; id < CHART_COUNT; id++) {
		buf_init(&fresh[id]);
		chart_canvas_release_spare();
		CHECK_INT(chart_render((enum chart_id)id, &s, &o, &fresh[id], &d),
			  0);
	}
	for (int id = CHART_COUNT - 1; id >= 0; id--) {
		buf_reset(&again);
		CHECK_INT(chart_render((enum chart_id)id, &s, &o, &again, &d), 0);
		CHECK(again.len == fresh[id].len &&
		      !memcmp(again.ptr, fresh[id].ptr, again.len));
		buf_release(&fresh[id]);
	}
	chart_canvas_release_spare();
	buf_release(&again);
	diag_release(&d);
	fixture_release(&s);
}

/* Sizes libpng cannot write fail with the reason, out untouched and
 * nothing leaked (the sanitizer run checks the row buffer is freed after
 * libpng's longjmp). */
static void test_errors(void)
{
	struct buf out = BUF_INIT;
	struct diag d;
	uint32_t one = 0xffffff;
	/* libpng's default user limit is 1,000,000 pixels a row */
	int wide = 1000001;
	unsigned char *row = xcalloc((size_t)wide, 4);

	diag_init(&d);
	buf_puts(&out, "abc");
	CHECK_INT(chart_png_encode((const unsigned char *)&one, 0, 1, 4, &out,
				   &d),
		  -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "cannot draw chart: image of 0x1");
	CHECK_INT(chart_png_encode((const unsigned char *)&one, 1, 1, 3, &out,
				   &d),
		  -1);
	CHECK_INT(chart_png_encode(row, wide, 1, 4 * wide, &out, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text),
		       "cannot draw chart: Invalid IHDR data: Image width "
		       "exceeds user limit");
	CHECK_INT(out.len, 3);
	CHECK_STR(buf_cstr(&out), "abc");
	free(row);
	buf_release(&out);
	diag_release(&d);
}

int main(void)
{
	test_known_pixels();
	test_charts_round_trip();
	test_reused_canvas();
	test_errors();
	chart_release_static();
	return test_done("test_chart_png");
}

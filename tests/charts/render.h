/* render.h - chart test helpers: render into a buffer, decode a PNG
 * with cairo, read pixels and measure runs of one colour.  Included by
 * each chart test (static functions; each test is its own program). */
#ifndef TTFV_CHART_TEST_RENDER_H
#define TTFV_CHART_TEST_RENDER_H

#include <cairo.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../gen/chart_canvas.h"
#include "../harness.h"

struct png_reader {
	const struct buf *b;
	size_t off;
};

static inline cairo_status_t png_read(void *closure, unsigned char *data,
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
static inline cairo_surface_t *png_decode(const struct buf *b)
{
	struct png_reader r = {b, 0};

	return cairo_image_surface_create_from_png_stream(png_read, &r);
}

/* 0xRRGGBB of device pixel (x, y). */
static inline uint32_t png_pixel(cairo_surface_t *img, int x, int y)
{
	unsigned char *data;
	int stride;

	cairo_surface_flush(img);
	data = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	return *(uint32_t *)(data + (size_t)y * stride + (size_t)x * 4) &
	       0xffffff;
}
static inline int render(enum chart_id id, const struct stats *s, int w, int h,
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

static inline int chan(double c)
{
	return (int)lround(c * 255);
}

/* Pixel p is colour c, within antialiasing-free rounding. */
static inline bool px_is(uint32_t p, struct rgb c)
{
	return abs((int)(p >> 16 & 0xff) - chan(c.r)) <= 2 &&
	       abs((int)(p >> 8 & 0xff) - chan(c.g)) <= 2 &&
	       abs((int)(p & 0xff) - chan(c.b)) <= 2;
}

/* Longest run of colour c in row y from x0 on; its start in *at. */
static inline int row_run(cairo_surface_t *img, int y, int x0, struct rgb c,
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

static inline int col_run(cairo_surface_t *img, int x, struct rgb c)
{
	int h = cairo_image_surface_get_height(img), y, best = 0, run = 0;

	for (y = 0; y < h; y++) {
		run = px_is(png_pixel(img, x, y), c) ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

static inline cairo_surface_t *render_png(enum chart_id id,
					  const struct stats *s, int w, int h,
					  double scale)
{
	struct buf b = BUF_INIT;
	cairo_surface_t *img;

	CHECK_INT(render(id, s, w, h, scale, CHART_PNG, &b), 0);
	img = png_decode(&b);
	buf_release(&b);
	return img;
}

#endif

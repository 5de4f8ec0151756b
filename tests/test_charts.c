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
					    "extreme"};
static void (*const fixtures[])(struct stats *) = {
	fixture_realistic, fixture_empty, fixture_single, fixture_extreme};

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

/* The corner of every chart is the white page. */
static void test_background(void)
{
	struct stats s;
	struct buf b = BUF_INIT;
	cairo_surface_t *img;

	fixture_realistic(&s);
	CHECK_INT(render(CHART_FUNNEL, &s, 600, 400, 2, CHART_PNG, &b), 0);
	img = png_decode(&b);
	CHECK_INT(png_pixel(img, 0, 0), 0xffffff);
	CHECK_INT(png_pixel(img, 1199, 799), 0xffffff);
	cairo_surface_destroy(img);
	buf_release(&b);
	fixture_release(&s);
}

int main(void)
{
	test_background();
	test_all_render();
	return test_done("test_charts");
}

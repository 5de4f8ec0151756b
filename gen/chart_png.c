/* chart_png.c - PNG encoding of a drawn chart with libpng directly.
 *
 * cairo's own writer (zlib level 6, libpng trying all five filters on
 * every row) was most of a report's chart time: 0.28 s of CPU for the six
 * 1920x1080 charts, at any data size.  Measured on those six (bench-data
 * 50000), CPU seconds / total bytes:
 *   cairo's writer          0.284 s  513 KB
 *   no filter, level 6      0.129 s  480 KB
 *   no filter, level 4      0.109 s  497 KB
 *   no filter, level 3      0.061 s  617 KB
 *   no filter, level 1      0.060 s  647 KB
 *   sub or up, level 3      0.074 s  694 / 657 KB
 *   paeth, level 3          0.109 s  638 KB
 *   all filters, level 3    0.219 s  623 KB
 *   Z_RLE (any filter)      0.07+ s  760 KB - 1.8 MB
 * Level 3 is the last of zlib's fast (greedy) levels, as quick as level 1
 * and 5% smaller; from level 4 the lazy matcher doubles the time for 20%
 * fewer bytes.  Charts are flat colour with exact repeats along a row,
 * which deflate finds without a filter, so every filter only costs time. */
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"

#define PNG_ZLIB_LEVEL 3

/* What the encoder reports back: libpng calls these from deep inside,
 * so its error and first warning are kept for the one diagnostic. */
struct png_sink {
	struct buf *out;
	char error[128];
	char warning[128];
};

static void png_sink_write(png_structp png, png_bytep data, png_size_t n)
{
	struct png_sink *k = png_get_io_ptr(png);

	buf_put(k->out, (const char *)data, n);
}

static void png_sink_flush(png_structp png)
{
	(void)png;
}

static void png_sink_error(png_structp png, png_const_charp msg)
{
	struct png_sink *k = png_get_error_ptr(png);

	snprintf(k->error, sizeof(k->error), "%s", msg);
	png_longjmp(png, 1);
}

/* Warnings are never printed; the first one usually says why the error
 * that follows happened ("Image width exceeds user limit in IHDR"). */
static void png_sink_warning(png_structp png, png_const_charp msg)
{
	struct png_sink *k = png_get_error_ptr(png);

	if (!k->warning[0])
		snprintf(k->warning, sizeof(k->warning), "%s", msg);
}

/* Everything that can fail inside libpng, kept out of the function that
 * calls setjmp so none of that function's locals change after it. */
static void png_rows_write(png_structp png, png_infop info,
			   const unsigned char *data, int w, int h,
			   size_t stride, unsigned char *row)
{
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
		     PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(png, PNG_ZLIB_LEVEL);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		const unsigned char *src = data + (size_t)y * stride;

		/* a whole word per pixel (0x00RRGGBB whatever the byte order),
		 * written as the word R G B 0 in memory order: one store a
		 * pixel, its fourth byte overwritten by the next pixel (row
		 * has a byte to spare) */
		for (int x = 0; x < w; x++) {
			uint32_t p;

			memcpy(&p, src + 4 * (size_t)x, sizeof(p));
			p <<= 8;
#if __BYTE_ORDER__ != __ORDER_BIG_ENDIAN__
			p = __builtin_bswap32(p);
#endif
			memcpy(row + 3 * (size_t)x, &p, sizeof(p));
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
}

/* libpng longjmps here on any error; nothing local to this function
 * changes after setjmp (what the error says goes into *k, the caller's),
 * so it is all still valid when it does.  Returns 0 or -1. */
static int png_encode_guarded(struct png_sink *k, const unsigned char *data,
			      int w, int h, size_t stride, unsigned char *row)
{
	png_structp png = png_create_write_struct(
		PNG_LIBPNG_VER_STRING, k, png_sink_error, png_sink_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;

	if (!info) {
		png_destroy_write_struct(&png, NULL);
		snprintf(k->error, sizeof(k->error), "out of memory");
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return -1;
	}
	png_set_write_fn(png, k, png_sink_write, png_sink_flush);
	png_rows_write(png, info, data, w, h, stride, row);
	png_destroy_write_struct(&png, &info);
	return 0;
}

int chart_png_encode(const unsigned char *data, int w, int h, int stride,
		     struct buf *out, struct diag *d)
{
	struct png_sink k = {out, "", ""};
	size_t start = out->len;
	unsigned char *row;
	int rc;

	if (w <= 0 || h <= 0 || stride / 4 < w)
		return diag_add(d, NULL, 0, NULL,
				"cannot draw chart: image of %dx%d pixels, "
				"%d bytes a row", w, h, stride);
	row = xmalloc(3 * (size_t)w + 1);
	rc = png_encode_guarded(&k, data, w, h, (size_t)stride, row);
	free(row);
	if (rc < 0) {
		out->len = start;
		if (out->ptr)
			out->ptr[start] = '\0';
		return diag_add(d, NULL, 0, NULL, "cannot draw chart: %s%s%s",
				k.error, k.warning[0] ? ": " : "", k.warning);
	}
	return 0;
}

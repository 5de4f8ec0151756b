/* chart_canvas.c - one cairo surface per output format, written into a
 * struct buf, and the crisp-line primitives every chart draws with. */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "chart_canvas.h"

const struct rgb chart_blue = {0.0, 0.447, 0.698};	 /* #0072B2 */
const struct rgb chart_orange = {0.902, 0.624, 0.0};	 /* #E69F00 */
const struct rgb chart_sky = {0.337, 0.706, 0.914};	 /* #56B4E9 */
const struct rgb chart_green = {0.0, 0.620, 0.451};	 /* #009E73 */
const struct rgb chart_vermillion = {0.835, 0.369, 0.0}; /* #D55E00 */
const struct rgb chart_purple = {0.800, 0.475, 0.655};	 /* #CC79A7 */
const struct rgb chart_yellow = {0.941, 0.894, 0.259};	 /* #F0E442 */

const struct rgb chart_ink = {0.13, 0.13, 0.13};
const struct rgb chart_muted = {0.40, 0.40, 0.40};
const struct rgb chart_axis_ink = {0.30, 0.30, 0.30};
const struct rgb chart_grid = {0.89, 0.89, 0.89};
const struct rgb chart_paper = {1.0, 1.0, 1.0};
const struct rgb chart_faint = {0.72, 0.72, 0.72};

/* Yellow is left out: it vanishes on white. */
const struct rgb chart_series[CHART_NSERIES] = {
	{0.0, 0.447, 0.698}, {0.835, 0.369, 0.0}, {0.0, 0.620, 0.451},
	{0.800, 0.475, 0.655}, {0.902, 0.624, 0.0}, {0.337, 0.706, 0.914},
};

/* Fixed so two runs give the same PDF bytes. */
#define PDF_DATE "2000-01-01T00:00:00Z"

static cairo_status_t canvas_write(void *closure, const unsigned char *data,
				   unsigned int length)
{
	buf_put(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* A 2 MB page; pixel memory is mapped in whole ones. */
#define CANVAS_HUGE_PAGE ((size_t)2 << 20)

struct canvas_pixels {
	void *base;
	size_t len;
};

static const cairo_user_data_key_t canvas_pixels_key;

/* The pixel memory of this thread's last PNG, kept for its next one: a
 * thread draws several charts of one size, and fresh memory is zeroed by
 * the kernel (2 ms a chart) only for cairo to paint the page over it. */
static _Thread_local struct canvas_pixels *canvas_spare;

static void canvas_pixels_unmap(void *data)
{
	struct canvas_pixels *px = data;

	munmap(px->base, px->len);
	free(px);
}

/* A surface's pixels, once it is destroyed: kept as the spare if there
 * is none. */
static void canvas_pixels_done(void *data)
{
	if (canvas_spare)
		canvas_pixels_unmap(data);
	else
		canvas_spare = data;
}

void chart_canvas_release_spare(void)
{
	if (canvas_spare)
		canvas_pixels_unmap(canvas_spare);
	canvas_spare = NULL;
}

/* An image surface over px, which it hands to canvas_pixels_done when
 * destroyed; cairo's own allocation if that fails. */
static cairo_surface_t *canvas_image_wrap(struct canvas_pixels *px, int w,
					  int h, int stride)
{
	cairo_surface_t *s = cairo_image_surface_create_for_data(
		px->base, CAIRO_FORMAT_RGB24, w, h, stride);

	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
	    cairo_surface_set_user_data(s, &canvas_pixels_key, px,
					canvas_pixels_done) ==
		    CAIRO_STATUS_SUCCESS)
		return s;
	cairo_surface_destroy(s);
	canvas_pixels_unmap(px);
	return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
}

/* An image surface over pixel memory of its own (the thread's spare when
 * it is the right size), which it gives back when destroyed.  A 1920x1080
 * chart is 8 MB, and touching that fresh a 4 KB page at a time cost 21-23
 * ms a chart on this virtual machine (about 10 us a fault, most of the
 * charts' fixed cost once PNG encoding was fast); as 2 MB pages it takes
 * 0.7 ms, and populated in one call where
 * the kernel gives no huge pages, 4-7 ms.  Any failure here falls back to
 * cairo's own allocation, which reports its own errors. */
static cairo_surface_t *canvas_image_create(int w, int h)
{
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	size_t n, len;
	unsigned char *map, *base;
	struct canvas_pixels *px;

	if (stride <= 0 || h <= 0)
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	n = (size_t)stride * (size_t)h;
	len = (n + CANVAS_HUGE_PAGE - 1) & ~(CANVAS_HUGE_PAGE - 1);
	if (canvas_spare && canvas_spare->len == len) {
		px = canvas_spare;
		canvas_spare = NULL;
		return canvas_image_wrap(px, w, h, stride);
	}
	map = mmap(NULL, len + CANVAS_HUGE_PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	/* keep only the 2 MB-aligned len bytes */
	base = (unsigned char *)(((uintptr_t)map + CANVAS_HUGE_PAGE - 1) &
				 ~(uintptr_t)(CANVAS_HUGE_PAGE - 1));
	if (base > map)
		munmap(map, (size_t)(base - map));
	if (map + CANVAS_HUGE_PAGE > base)
		munmap(base + len, (size_t)(map + CANVAS_HUGE_PAGE - base));
#ifdef MADV_HUGEPAGE
	(void)madvise(base, len, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
	(void)madvise(base, len, MADV_POPULATE_WRITE);
#endif
	px = xmalloc(sizeof(*px));
	px->base = base;
	px->len = len;
	return canvas_image_wrap(px, w, h, stride);
}

/* Hinting would make text widths depend on the device scale (and the
 * machine's fontconfig); unhinted grey antialiasing keeps layout identical
 * at 1x, 2x, in SVG and in PDF, and the bytes reproducible. */
static void canvas_font_options(cairo_t *cr)
{
	cairo_font_options_t *fo = cairo_font_options_create();

	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
}

int canvas_open(struct canvas *cv, const struct chart_opts *o,
		struct buf *out, struct diag *d)
{
	double scale = o->format == CHART_PNG && o->scale > 0 ? o->scale : 1;
	cairo_status_t st;

	memset(cv, 0, sizeof(*cv));
	if (o->width < 100 || o->height < 100 || o->width > 8000 ||
	    o->height > 8000)
		return diag_add(d, NULL, 0, NULL,
				"chart size %dx%d is outside 100x100 to "
				"8000x8000", o->width, o->height);
	cv->w = o->width;
	cv->h = o->height;
	cv->scale = scale;
	cv->format = o->format;
	cv->out = out;
	cv->start = out->len;
	cv->u = fmin(cv->w / 960.0, cv->h / 540.0);
	if (cv->u < 1)
		cv->u = 1;
	cv->pad = 14 * cv->u;
	switch (o->format) {
	case CHART_PNG:
		cv->surface = canvas_image_create((int)lround(cv->w * scale),
						  (int)lround(cv->h * scale));
		break;
	case CHART_SVG:
		cv->surface = cairo_svg_surface_create_for_stream(
			canvas_write, out, cv->w, cv->h);
		break;
	case CHART_PDF:
		cv->surface = cairo_pdf_surface_create_for_stream(
			canvas_write, out, cv->w, cv->h);
		break;
	}
	st = cairo_surface_status(cv->surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(cv->surface);
		cv->surface = NULL;
		return diag_add(d, NULL, 0, NULL, "cannot create chart: %s",
				cairo_status_to_string(st));
	}
	if (o->format == CHART_SVG)
		cairo_svg_surface_set_document_unit(cv->surface,
						    CAIRO_SVG_UNIT_PX);
	if (o->format == CHART_PDF) {
		cairo_pdf_surface_set_metadata(cv->surface,
					       CAIRO_PDF_METADATA_CREATE_DATE,
					       PDF_DATE);
		cairo_pdf_surface_set_metadata(cv->surface,
					       CAIRO_PDF_METADATA_MOD_DATE,
					       PDF_DATE);
	}
	cv->cr = cairo_create(cv->surface);
	cairo_scale(cv->cr, scale, scale);
	canvas_font_options(cv->cr);
	cairo_set_line_cap(cv->cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_line_join(cv->cr, CAIRO_LINE_JOIN_ROUND);
	canvas_color(cv, chart_paper, 1);
	cairo_paint(cv->cr);
	return 0;
}

/* fontconfig reads and parses its configuration (about 24 million
 * instructions, 6-8 ms here) the first time any font is looked up, and
 * FreeType then opens DejaVu Sans; every later chart finds both cached.
 * Drawing text at the sizes a report's PNGs use also renders the common
 * glyphs into cairo's caches. */
void chart_warm_up(void)
{
	static const double sizes[] = {FS_SMALL, FS_BODY, FS_TITLE};
	const struct chart_opts o = {CHART_DEFAULT_WIDTH, 100, 2, CHART_PNG};
	struct buf none = BUF_INIT;
	struct canvas cv;
	struct diag d;

	diag_init(&d);
	if (canvas_open(&cv, &o, &none, &d) < 0) {
		diag_release(&d);
		return;
	}
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (int bold = 0; bold < 2; bold++) {
			canvas_font(&cv, sizes[i], bold);
			canvas_text(&cv, 4, 40, AL_LEFT, AL_BASELINE,
				    "0123456789 %,.-() abcdefghijklmnopqrstuvwxyz "
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		}
	cairo_destroy(cv.cr);
	cairo_surface_destroy(cv.surface);
	chart_canvas_release_spare();
	buf_release(&none);
	diag_release(&d);
}

/* cairo names the SVG's top group after a process-wide surface counter
 * ("surface6" on the second chart drawn), so ids are renumbered in order of
 * first appearance: the same chart gives the same bytes whatever was drawn
 * before it. */
static void canvas_svg_ids_pin(struct buf *out, size_t start)
{
	static const char key[] = "surface";
	long seen[64];
	size_t nseen = 0, i = start;
	struct buf t = BUF_INIT;

	while (i < out->len) {
		const char *p = out->ptr + i;
		const char *s = memchr(p, key[0], out->len - i);
		size_t k = 0, j;
		long id;

		/* whole runs up to the next candidate, not a byte at a time */
		if (!s) {
			buf_put(&t, p, out->len - i);
			break;
		}
		buf_put(&t, p, (size_t)(s - p));
		i += (size_t)(s - p);
		p = s;
		if (i == start || (p[-1] != '"' && p[-1] != '#') ||
		    out->len - i <= sizeof(key) ||
		    memcmp(p, key, sizeof(key) - 1) != 0 ||
		    !isdigit((unsigned char)p[sizeof(key) - 1])) {
			buf_putc(&t, *p);
			i++;
			continue;
		}
		id = strtol(p + sizeof(key) - 1, NULL, 10);
		while (isdigit((unsigned char)p[sizeof(key) - 1 + k]))
			k++;
		for (j = 0; j < nseen && seen[j] != id; j++)
			;
		if (j == nseen && nseen < 64)
			seen[nseen++] = id;
		buf_addf(&t, "%s%zu", key, j + 1);
		i += sizeof(key) - 1 + k;
	}
	out->len = start;
	buf_put(out, t.ptr ? t.ptr : "", t.len);
	buf_release(&t);
}

int canvas_close(struct canvas *cv, struct diag *d)
{
	cairo_status_t st = cairo_status(cv->cr);
	int rc = 0;

	cairo_destroy(cv->cr);
	cv->cr = NULL;
	if (st == CAIRO_STATUS_SUCCESS && cv->format == CHART_PNG) {
		cairo_surface_flush(cv->surface);
		rc = chart_png_encode(
			cairo_image_surface_get_data(cv->surface),
			cairo_image_surface_get_width(cv->surface),
			cairo_image_surface_get_height(cv->surface),
			cairo_image_surface_get_stride(cv->surface), cv->out,
			d);
	}
	cairo_surface_finish(cv->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(cv->surface);
	cairo_surface_destroy(cv->surface);
	cv->surface = NULL;
	if (st == CAIRO_STATUS_SUCCESS && cv->format == CHART_SVG)
		canvas_svg_ids_pin(cv->out, cv->start);
	if (st != CAIRO_STATUS_SUCCESS)
		return diag_add(d, NULL, 0, NULL, "cannot draw chart: %s",
				cairo_status_to_string(st));
	return rc;
}

void canvas_color(struct canvas *cv, struct rgb c, double alpha)
{
	if (alpha >= 1)
		cairo_set_source_rgb(cv->cr, c.r, c.g, c.b);
	else
		cairo_set_source_rgba(cv->cr, c.r, c.g, c.b, alpha);
}

double canvas_stroke(const struct canvas *cv, double css)
{
	double dev = round(css * cv->u * cv->scale);

	return (dev < 1 ? 1 : dev) / cv->scale;
}

/* kplot's line fix: an odd number of device pixels wide is centred on a
 * pixel's middle, an even number on a pixel edge. */
double canvas_snap(const struct canvas *cv, double v, double lw)
{
	double dev = v * cv->scale;
	long wpx = lround(lw * cv->scale);

	if (wpx % 2)
		return (floor(dev) + 0.5) / cv->scale;
	return round(dev) / cv->scale;
}

void canvas_hline(struct canvas *cv, double x0, double x1, double y,
		  double lw)
{
	y = canvas_snap(cv, y, lw);
	cairo_set_line_width(cv->cr, lw);
	cairo_move_to(cv->cr, round(x0 * cv->scale) / cv->scale, y);
	cairo_line_to(cv->cr, round(x1 * cv->scale) / cv->scale, y);
	cairo_stroke(cv->cr);
}

void canvas_vline(struct canvas *cv, double x, double y0, double y1,
		  double lw)
{
	x = canvas_snap(cv, x, lw);
	cairo_set_line_width(cv->cr, lw);
	cairo_move_to(cv->cr, x, round(y0 * cv->scale) / cv->scale);
	cairo_line_to(cv->cr, x, round(y1 * cv->scale) / cv->scale);
	cairo_stroke(cv->cr);
}

void canvas_fill_rect(struct canvas *cv, double x, double y, double w,
		      double h)
{
	double s = cv->scale;
	double x0 = round(x * s) / s, y0 = round(y * s) / s;
	double x1 = round((x + w) * s) / s, y1 = round((y + h) * s) / s;

	if (x1 <= x0 || y1 <= y0)
		return;
	cairo_rectangle(cv->cr, x0, y0, x1 - x0, y1 - y0);
	cairo_fill(cv->cr);
}

void canvas_dash(struct canvas *cv, bool on)
{
	double dash[2] = {5 * cv->u, 4 * cv->u};

	cairo_set_dash(cv->cr, dash, on ? 2 : 0, 0);
}

/* render_report.c - `ttfv report`: every output rendered into memory
 * first, then written file by file through output_write_atomic, so a
 * template or chart error leaves the previous report untouched, and a
 * crash mid-write never leaves a half-written file.  Paths are out_dir plus
 * fixed names; nothing in a path comes from the data. */
#include <stdlib.h>

#include "charts.h"
#include "output.h"
#include "render.h"

/* Report charts are 960x540 CSS pixels: PNG at twice the density is
 * 1920x1080, a full-HD slide; the SVG scales to anything. */
#define REPORT_CHART_W 960
#define REPORT_CHART_H 540

struct rendered {
	struct buf md, html, json;
	struct buf png[CHART_COUNT], svg[CHART_COUNT];
};

static void render_report_release(struct rendered *r)
{
	buf_release(&r->md);
	buf_release(&r->html);
	buf_release(&r->json);
	for (int i = 0; i < CHART_COUNT; i++) {
		buf_release(&r->png[i]);
		buf_release(&r->svg[i]);
	}
}

static int render_report_charts(const struct stats *s, struct rendered *r,
				struct diag *d)
{
	for (int i = 0; i < CHART_COUNT; i++) {
		struct chart_opts png = {REPORT_CHART_W, REPORT_CHART_H, 2.0,
					 CHART_PNG};
		struct chart_opts svg = png;
		svg.scale = 1.0;
		svg.format = CHART_SVG;
		if (chart_render((enum chart_id)i, s, &png, &r->png[i], d) < 0 ||
		    chart_render((enum chart_id)i, s, &svg, &r->svg[i], d) < 0)
			return -1;
	}
	return 0;
}

static int render_report_write(const char *dir, const char *name,
			       const struct buf *b, struct diag *d)
{
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s/%s", dir, name);
	int rc = output_write_atomic(buf_cstr(&path), b->ptr ? b->ptr : "",
				     b->len, d);
	buf_release(&path);
	return rc;
}

/* Charts first, so report.md never points at a chart not yet there. */
static int render_report_files(const char *dir, unsigned formats,
			       const struct rendered *r, struct diag *d)
{
	if (output_mkdirs(dir, d) < 0)
		return -3;
	if (formats & (RENDER_MD | RENDER_HTML)) {
		struct buf charts = BUF_INIT, name = BUF_INIT;
		buf_addf(&charts, "%s/charts", dir);
		int rc = output_mkdirs(buf_cstr(&charts), d);
		for (int i = 0; rc == 0 && i < CHART_COUNT; i++) {
			buf_reset(&name);
			buf_addf(&name, "%s.png", chart_name((enum chart_id)i));
			rc = render_report_write(buf_cstr(&charts),
						 buf_cstr(&name), &r->png[i], d);
			buf_reset(&name);
			buf_addf(&name, "%s.svg", chart_name((enum chart_id)i));
			if (rc == 0)
				rc = render_report_write(buf_cstr(&charts),
							 buf_cstr(&name),
							 &r->svg[i], d);
		}
		buf_release(&charts);
		buf_release(&name);
		if (rc < 0)
			return -3;
	}
	if ((formats & RENDER_JSON) &&
	    render_report_write(dir, "report.json", &r->json, d) < 0)
		return -3;
	if ((formats & RENDER_MD) &&
	    render_report_write(dir, "report.md", &r->md, d) < 0)
		return -3;
	if ((formats & RENDER_HTML) &&
	    render_report_write(dir, "report.html", &r->html, d) < 0)
		return -3;
	return 0;
}

int render_report(const struct stats *s, const struct config *c,
		  const struct render_opts *o, struct diag *d)
{
	unsigned formats = o->formats ? o->formats :
					RENDER_MD | RENDER_HTML | RENDER_JSON;
	struct rendered r = {0};
	int rc = 0;
	if (formats & (RENDER_MD | RENDER_HTML))
		rc = render_markdown(s, c, o, &r.md, d);
	if (rc == 0 && (formats & RENDER_HTML))
		rc = render_html(s, c, o, buf_cstr(&r.md), &r.html, d);
	if (rc == 0 && (formats & (RENDER_MD | RENDER_HTML)))
		rc = render_report_charts(s, &r, d);
	if (rc == 0 && (formats & RENDER_JSON))
		render_json(s, &r.json);
	if (rc == 0)
		rc = render_report_files(o->out_dir ? o->out_dir : "report",
					 formats, &r, d);
	render_report_release(&r);
	return rc;
}

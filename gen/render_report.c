/* render_report.c - `ttfv report`: every output rendered into memory
 * first, then written file by file through output_write_atomic, so a
 * template or chart error leaves the previous report untouched, and a
 * crash mid-write never leaves a half-written file.  Paths are out_dir plus
 * fixed names; nothing in a path comes from the data. */
#include <stdlib.h>

#include "charts.h"
#include "output.h"
#include "render.h"

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

/* Every chart as PNG and SVG, drawn on all processors at once. */
static int render_report_charts(const struct stats *s, struct rendered *r,
				struct diag *d)
{
	struct chart_job jobs[2 * CHART_COUNT];
	for (int i = 0; i < 2 * CHART_COUNT; i++) {
		bool png = i < CHART_COUNT;
		jobs[i] = (struct chart_job){
			(enum chart_id)(i % CHART_COUNT),
			{RENDER_CHART_W, RENDER_CHART_H, png ? 2.0 : 1.0,
			 png ? CHART_PNG : CHART_SVG},
			BUF_INIT, 0};
	}
	int rc = chart_render_batch(s, jobs, 2 * CHART_COUNT, d);
	for (int i = 0; i < CHART_COUNT; i++) {
		r->png[i] = jobs[i].out;
		r->svg[i] = jobs[CHART_COUNT + i].out;
	}
	return rc;
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
	if (rc == 0 && (formats & (RENDER_MD | RENDER_HTML)))
		rc = render_report_charts(s, &r, d);
	if (rc == 0 && (formats & RENDER_HTML))
		rc = render_html_svg(s, o, buf_cstr(&r.md), r.svg, &r.html, d);
	if (rc == 0 && (formats & RENDER_JSON))
		render_json(s, &r.json);
	if (rc == 0)
		rc = render_report_files(o->out_dir ? o->out_dir : "report",
					 formats, &r, d);
	render_report_release(&r);
	return rc;
}

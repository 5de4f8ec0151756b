/* render_report.c - `ttfv report`: every output rendered into memory
 * first, so a template or chart error leaves the previous report
 * untouched; then published as one set (render_report_files).  Paths
 * are fixed names inside out_dir; nothing in a path comes from the data. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

static double seconds(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Every chart the report shows as PNG and SVG, started on all
 * processors; *n gets the number of jobs. */
static struct chart_batch *render_report_charts(const struct stats *s,
						struct chart_job *jobs,
						size_t *n)
{
	*n = 0;
	for (int i = 0; i < 2 * CHART_COUNT; i++) {
		bool png = i < CHART_COUNT;
		enum chart_id id = (enum chart_id)(i % CHART_COUNT);
		if (!chart_shown(id, s))
			continue;
		jobs[(*n)++] = (struct chart_job){
			id,
			{RENDER_CHART_W, RENDER_CHART_H, png ? 2.0 : 1.0,
			 png ? CHART_PNG : CHART_SVG},
			BUF_INIT, 0};
	}
	return chart_batch_start(s, jobs, *n);
}

/* Every file of the report, published as one set (output_write_set): a
 * disk that fills up half-way, a killed run or a concurrent one leaves
 * the previous report whole, never new charts beside an old report.md. */
static int render_report_files(const struct stats *s, const char *dir,
			       unsigned formats, const struct rendered *r,
			       struct diag *d)
{
	struct output_file files[2 * CHART_COUNT + 3];
	struct buf paths[2 * CHART_COUNT + 3];
	size_t n = 0;
	if (formats & (RENDER_MD | RENDER_HTML)) {
		for (int i = 0; i < 2 * CHART_COUNT; i++) {
			bool png = i < CHART_COUNT;
			enum chart_id id = (enum chart_id)(i % CHART_COUNT);
			if (!chart_shown(id, s))
				continue;
			const struct buf *b = png ? &r->png[id] : &r->svg[id];
			paths[n] = (struct buf)BUF_INIT;
			buf_addf(&paths[n], "charts/%s.%s", chart_name(id),
				 png ? "png" : "svg");
			files[n++] = (struct output_file){NULL, b->ptr, b->len};
		}
	}
	static const struct {
		unsigned format;
		const char *name;
	} docs[] = {{RENDER_JSON, "report.json"},
		    {RENDER_MD, "report.md"},
		    {RENDER_HTML, "report.html"}};
	const struct buf *data[] = {&r->json, &r->md, &r->html};
	for (size_t k = 0; k < 3; k++) {
		if (!(formats & docs[k].format))
			continue;
		paths[n] = (struct buf)BUF_INIT;
		buf_puts(&paths[n], docs[k].name);
		files[n++] = (struct output_file){NULL, data[k]->ptr,
						  data[k]->len};
	}
	for (size_t i = 0; i < n; i++) {
		files[i].path = buf_cstr(&paths[i]);
		if (!files[i].data)
			files[i].data = "";
	}
	int rc = output_write_set(dir, files, n, d);
	for (size_t i = 0; i < n; i++)
		buf_release(&paths[i]);
	return rc < 0 ? -3 : 0;
}

int render_report(const struct stats *s, const struct config *c,
		  const struct render_opts *o, struct diag *d)
{
	unsigned formats = o->formats ? o->formats :
					RENDER_MD | RENDER_HTML | RENDER_JSON;
	struct rendered r = {0};
	struct chart_job jobs[2 * CHART_COUNT];
	size_t njobs = 0;
	bool charts = formats & (RENDER_MD | RENDER_HTML);
	double w0 = seconds(CLOCK_MONOTONIC);
	double c0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
	/* the charts draw on every processor while the Markdown and the JSON
	 * are written */
	struct chart_batch *batch = charts ? render_report_charts(s, jobs,
								  &njobs)
					   : NULL;
	int rc = charts ? render_markdown(s, c, o, &r.md, d) : 0;
	if (rc == 0 && (formats & RENDER_JSON))
		render_json(s, &r.json);
	if (batch) {
		/* a template that failed is the one message, as before any
		 * chart was drawn */
		struct diag chart_d;
		diag_init(&chart_d);
		int crc = chart_batch_finish(batch, rc == 0 ? d : &chart_d);
		diag_release(&chart_d);
		for (size_t i = 0; i < njobs; i++) {
			struct buf *to = jobs[i].opts.format == CHART_PNG
						 ? r.png
						 : r.svg;
			to[jobs[i].id] = jobs[i].out;
		}
		if (rc == 0)
			rc = crc;
		if (o->chart_seconds) {
			o->chart_seconds[0] = seconds(CLOCK_MONOTONIC) - w0;
			o->chart_seconds[1] =
				seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
		}
	}
	if (rc == 0 && (formats & RENDER_HTML))
		rc = render_html_svg(s, o, buf_cstr(&r.md), r.svg, &r.html, d);
	if (rc == 0)
		rc = render_report_files(s, o->out_dir ? o->out_dir : "report",
					 formats, &r, d);
	render_report_release(&r);
	return rc;
}

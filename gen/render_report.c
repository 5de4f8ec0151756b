/* render_report.c - `ttfv report`: every output rendered into memory
 * first, so a template or chart error leaves the previous report
 * untouched; then the whole set is published by output_write_set.  One
 * path serves one report and the QBRs of many accounts (render_qbr.c):
 * the charts of every report draw on all processors while the Markdown
 * and JSON are written.  Paths are fixed names inside out_dir, and a
 * QBR's directory is its account id made safe (render_qbr_dir). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "charts.h"
#include "output.h"
#include "render.h"

static double seconds(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void render_set_add(struct render_set *set, const char *dir,
		    const char *name, struct buf *data)
{
	VEC_RESERVE(set->files, set->cap, set->n + 1);
	struct render_file *f = &set->files[set->n++];
	f->path = (struct buf)BUF_INIT;
	buf_addf(&f->path, "%s%s%s", dir, *dir ? "/" : "", name);
	f->data = *data;
	*data = (struct buf)BUF_INIT;
}

void render_set_release(struct render_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		buf_release(&set->files[i].path);
		buf_release(&set->files[i].data);
	}
	free(set->files);
	memset(set, 0, sizeof(*set));
}

/* The whole set published at once (output_write_set): a disk that fills
 * up half-way, a killed run or a concurrent one leaves the previous
 * reports whole, never new charts beside an old report.md. */
int render_set_write(const struct render_set *set, const char *dir,
		     struct diag *d)
{
	struct output_file *files = xmalloc((set->n ? set->n : 1) *
					    sizeof(*files));
	for (size_t i = 0; i < set->n; i++) {
		const struct render_file *f = &set->files[i];
		files[i] = (struct output_file){buf_cstr(&f->path),
						f->data.ptr ? f->data.ptr : "",
						f->data.len};
	}
	int rc = output_write_set(dir, files, set->n, d);
	free(files);
	return rc < 0 ? -3 : 0;
}

/* One report's outputs while they are made. */
struct rendered {
	const struct stats *s;
	const char *dir;
	struct buf md, html, json, csv;
	struct buf png[CHART_COUNT], svg[CHART_COUNT];
};

static void rendered_release(struct rendered *r)
{
	buf_release(&r->md);
	buf_release(&r->html);
	buf_release(&r->json);
	buf_release(&r->csv);
	for (int i = 0; i < CHART_COUNT; i++) {
		buf_release(&r->png[i]);
		buf_release(&r->svg[i]);
	}
}

/* Jobs for the charts each report draws, PNG then SVG; returns the count.
 * jobs has room for 2 * CHART_COUNT per report. */
static size_t reports_chart_jobs(const struct rendered *r, size_t n,
				 bool png, struct chart_job *jobs)
{
	size_t nj = 0;
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < 2 * CHART_COUNT; i++) {
			bool is_png = i < CHART_COUNT;
			enum chart_id id = (enum chart_id)(i % CHART_COUNT);
			if ((is_png && !png) || !chart_shown(id, r[k].s))
				continue;
			jobs[nj++] = (struct chart_job){
				id,
				{RENDER_CHART_W, RENDER_CHART_H,
				 is_png ? 2.0 : 1.0,
				 is_png ? CHART_PNG : CHART_SVG},
				BUF_INIT, 0, r[k].s};
		}
	return nj;
}

/* The jobs' files back into their reports, in the order they were made. */
static void reports_chart_take(struct rendered *r, size_t n,
			       struct chart_job *jobs, size_t nj)
{
	size_t j = 0;
	for (size_t k = 0; k < n; k++)
		for (; j < nj && jobs[j].s == r[k].s; j++) {
			struct buf *to = jobs[j].opts.format == CHART_PNG
						 ? r[k].png
						 : r[k].svg;
			to[jobs[j].id] = jobs[j].out;
		}
}

/* Every chart file, then report.json, .md and .html, and accounts.csv,
 * into set. */
static void reports_collect(struct rendered *r, size_t n, unsigned formats,
			    struct render_set *set)
{
	for (size_t k = 0; k < n; k++) {
		struct buf name = BUF_INIT;
		for (int i = 0; i < 2 * CHART_COUNT; i++) {
			bool png = i < CHART_COUNT;
			struct buf *b = png ? &r[k].png[i]
					    : &r[k].svg[i - CHART_COUNT];
			enum chart_id id = (enum chart_id)(i % CHART_COUNT);
			if (!b->ptr)
				continue;
			buf_reset(&name);
			buf_addf(&name, "charts/%s.%s", chart_name(id),
				 png ? "png" : "svg");
			render_set_add(set, r[k].dir, buf_cstr(&name), b);
		}
		buf_release(&name);
		if (formats & RENDER_JSON)
			render_set_add(set, r[k].dir, "report.json", &r[k].json);
		if (formats & RENDER_MD)
			render_set_add(set, r[k].dir, "report.md", &r[k].md);
		if (formats & RENDER_HTML)
			render_set_add(set, r[k].dir, "report.html", &r[k].html);
		if (formats & RENDER_CSV)
			render_set_add(set, r[k].dir, "accounts.csv", &r[k].csv);
	}
}

static void report_json(const struct stats *s, const struct render_opts *o,
			struct buf *out)
{
	if (s->account)
		render_json_qbr(s, o->internal, out);
	else
		render_json(s, out);
}

int render_reports(const struct stats *const *views, const char *const *dirs,
		   size_t n, const struct config *c,
		   const struct render_opts *o, struct render_set *set,
		   struct diag *d)
{
	unsigned formats = o->formats ? o->formats :
					RENDER_MD | RENDER_HTML | RENDER_JSON;
	bool charts = formats & (RENDER_MD | RENDER_HTML);
	struct rendered *r = xcalloc(n ? n : 1, sizeof(*r));
	struct chart_job *jobs = xmalloc((n ? n : 1) * 2 * CHART_COUNT *
					 sizeof(*jobs));
	for (size_t k = 0; k < n; k++) {
		r[k].s = views[k];
		r[k].dir = dirs[k];
	}
	double w0 = seconds(CLOCK_MONOTONIC);
	double c0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
	size_t nj = charts ? reports_chart_jobs(r, n, !o->no_png, jobs) : 0;
	/* the charts draw on every processor while the Markdown and the JSON
	 * are written */
	struct chart_batch *batch = nj ? chart_batch_start(NULL, jobs, nj)
				       : NULL;
	int rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++) {
		if (charts)
			rc = render_markdown(r[k].s, c, o, &r[k].md, d);
		if (rc == 0 && (formats & RENDER_JSON))
			report_json(r[k].s, o, &r[k].json);
		if (rc == 0 && (formats & RENDER_CSV))
			render_csv_accounts(r[k].s, &r[k].csv);
	}
	if (batch) {
		/* a template that failed is the one message, as before any
		 * chart was drawn */
		struct diag chart_d;
		diag_init(&chart_d);
		int crc = chart_batch_finish(batch, rc == 0 ? d : &chart_d);
		diag_release(&chart_d);
		reports_chart_take(r, n, jobs, nj);
		if (rc == 0)
			rc = crc;
		if (o->chart_seconds) {
			o->chart_seconds[0] += seconds(CLOCK_MONOTONIC) - w0;
			o->chart_seconds[1] +=
				seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
		}
	}
	for (size_t k = 0; k < n && rc == 0 && (formats & RENDER_HTML); k++)
		rc = render_html_svg(r[k].s, o, buf_cstr(&r[k].md), r[k].svg,
				     &r[k].html, d);
	if (rc == 0)
		reports_collect(r, n, formats, set);
	for (size_t k = 0; k < n; k++)
		rendered_release(&r[k]);
	free(r);
	free(jobs);
	return rc;
}

int render_report(const struct stats *s, const struct config *c,
		  const struct render_opts *o, struct diag *d)
{
	struct render_set set = {0};
	const char *dir = "";
	int rc = render_reports(&s, &dir, 1, c, o, &set, d);
	if (rc == 0)
		rc = render_set_write(&set, o->out_dir ? o->out_dir : "report",
				      d);
	render_set_release(&set);
	return rc;
}

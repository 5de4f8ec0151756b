/* render.h - reports from struct stats: Markdown (from a template),
 * self-contained HTML (the same Markdown through cmark-gfm) and JSON.
 * Renderers only format; every figure comes from stats. */
#ifndef TTFV_RENDER_H
#define TTFV_RENDER_H

#include <stdbool.h>

#include "config.h"
#include "stats.h"
#include "util.h"

enum render_format { RENDER_MD = 1, RENDER_HTML = 2, RENDER_JSON = 4 };

/* Report charts are 960x540 CSS pixels: the PNG, at twice the density, is
 * 1920x1080, a full-HD slide; the SVG (inline in the HTML) scales. */
#define RENDER_CHART_W 960
#define RENDER_CHART_H 540

struct render_opts {
	const char *out_dir;	/* default "report" */
	const char *template_name;	/* built-in name or a file path */
	unsigned formats;	/* RENDER_* bits */
	const char *generated;	/* YYYY-MM-DD the report was made */
	double *chart_seconds;	/* when set, render_report stores in [0] the
				 * wall and in [1] the process CPU seconds
				 * from starting the charts to having them
				 * all, the Markdown and JSON written
				 * meanwhile (`make bench`) */
};

/* report.json, the SPEC section 5 contract, appended to out. */
void render_json(const struct stats *s, struct buf *out);
/* The template expanded to Markdown, appended to out; -1 with the problem
 * (unknown placeholder with its template line) in d. */
int render_markdown(const struct stats *s, const struct config *c,
		    const struct render_opts *o, struct buf *out,
		    struct diag *d);
/* The Markdown turned into one self-contained HTML page (charts inline). */
int render_html(const struct stats *s, const struct config *c,
		const struct render_opts *o, const char *markdown,
		struct buf *out, struct diag *d);
/* The same with the charts already drawn: svg[id] is chart id's SVG at
 * the report size (what charts/NAME.svg holds), so nothing is drawn twice.
 * render_html draws them itself. */
int render_html_svg(const struct stats *s, const struct render_opts *o,
		    const char *markdown, const struct buf *svg,
		    struct buf *out, struct diag *d);
/* Renders every requested output (md, html, json; formats 0 = all three)
 * and, with md or html, charts/NAME.png (1920x1080) and NAME.svg for
 * every chart, all in memory; then writes them under o->out_dir (default
 * "report"), each through a temporary file renamed into place, charts
 * first.  A failure before the writes leaves the previous report as it
 * was.  Returns 0, -1 (bad template or a chart that cannot be drawn: d),
 * or -3 (I/O: d). */
int render_report(const struct stats *s, const struct config *c,
		  const struct render_opts *o, struct diag *d);

#endif

/* render.h - reports from struct stats: Markdown (from a template),
 * self-contained HTML (the same Markdown through cmark-gfm) and JSON.
 * Renderers only format; every figure comes from stats. */
#ifndef TTFV_RENDER_H
#define TTFV_RENDER_H

#include <stdbool.h>

#include "config.h"
#include "stats.h"
#include "util.h"

enum render_format {
	RENDER_MD = 1,
	RENDER_HTML = 2,
	RENDER_JSON = 4,
	RENDER_CSV = 8	/* accounts.csv, of a whole report only */
};

/* Report charts are 960x540 CSS pixels: the PNG, at twice the density, is
 * 1920x1080, a full-HD slide; the SVG (inline in the HTML) scales. */
#define RENDER_CHART_W 960
#define RENDER_CHART_H 540

struct render_opts {
	const char *out_dir;	/* default "report" */
	const char *template_name;	/* built-in name or a file path */
	unsigned formats;	/* RENDER_* bits */
	const char *generated;	/* YYYY-MM-DD the report was made */
	bool internal;		/* --audience internal: a QBR's internal view
				 * (alert, status, post-mortems) */
	bool no_png;		/* charts as SVG only (the QBRs of many
				 * accounts: see render_qbr_set) */
	double *chart_seconds;	/* when set, render_report adds to [0] the
				 * wall and in [1] the process CPU seconds
				 * from starting the charts to having them
				 * all, the Markdown and JSON written
				 * meanwhile (`make bench`) */
};

/* report.json, the SPEC section 5 contract, appended to out. */
void render_json(const struct stats *s, struct buf *out);
/* A QBR's report.json: the account's own figures only (s->account set),
 * with its onboarding alert and post-mortems when internal. */
void render_json_qbr(const struct stats *s, bool internal, struct buf *out);
/* accounts.csv: a header line, then one row per account of the export
 * (s->records), appended to out; render_csv.c documents the conventions. */
void render_csv_accounts(const struct stats *s, struct buf *out);
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

/* Files rendered in memory and published together (output_write_set). */
struct render_file {
	struct buf path, data;
};
struct render_set {
	struct render_file *files;
	size_t n, cap;
};
/* Adds dir/name (dir relative to the set's directory, "" for its top)
 * with data, taking data over (it is left empty). */
void render_set_add(struct render_set *set, const char *dir,
		    const char *name, struct buf *data);
/* Publishes the set as the contents of directory dir; 0 or -3 (d). */
int render_set_write(const struct render_set *set, const char *dir,
		     struct diag *d);
void render_set_release(struct render_set *set);

/* The n reports views[k] (each its own stats, or a view of one) into
 * dirs[k] (relative to the set's directory): charts (those chart_in_report names), Markdown, JSON and HTML
 * added to set.  0, or -1 (template or chart: d). */
int render_reports(const struct stats *const *views, const char *const *dirs,
		   size_t n, const struct config *c,
		   const struct render_opts *o, struct render_set *set,
		   struct diag *d);

/* An account id as one safe path segment: letters, digits, '-', '_' and
 * '.' (not first) as they are, every other byte %XX, so no id can name a
 * parent, a hidden file or another account's directory; past 120 bytes
 * the rest becomes "~" and a hash of the whole id. */
void render_qbr_dir(const char *account_id, struct buf *out);
/* `--account all` / `--csm NAME`: the QBR of each of s->qbr under
 * OUT/qbr/DIR/ (report.md, .html, .json and charts), and OUT/qbr/index.md
 * and .html listing them, all published as one set.  Returns 0, -1 or -3
 * as render_report. */
int render_qbr_set(const struct stats *s, const struct config *c,
		   const struct render_opts *o, struct diag *d);

#endif

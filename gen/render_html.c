/* render_html.c - report.html: the report's Markdown rendered by cmark-gfm
 * (GFM tables, raw HTML refused: no CMARK_OPT_UNSAFE), charts put inline
 * as SVG data URIs after rendering, all inside templates/shell.html with
 * templates/report.css, so the page is one file that opens offline.
 *
 * Why after rendering: safe mode drops raw HTML and data: URIs other than
 * images of a few raster types, so the charts cannot go through cmark.
 * What cmark produces is escaped: a literal "<img" in its output can only
 * be an image it made itself from ![alt](charts/NAME.png). */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "embedded.h"
#include "render.h"
#include "template.h"


/* s as HTML text or attribute value. */
static void html_escape(struct buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		default: buf_putc(out, *s);
		}
	}
}

/* The text of a table cell: its text nodes, in order, at most n - 1
 * bytes. */
static void render_html_cell_text(cmark_node *cell, char *dst, size_t n)
{
	size_t len = 0;
	cmark_iter *it = cmark_iter_new(cell);
	cmark_event_type ev;
	dst[0] = '\0';
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *t = cmark_iter_get_node(it);
		const char *lit = ev == CMARK_EVENT_ENTER &&
						  cmark_node_get_type(t) ==
							  CMARK_NODE_TEXT
					  ? cmark_node_get_literal(t)
					  : NULL;
		for (; lit && *lit && len + 1 < n; lit++)
			dst[len++] = *lit;
	}
	dst[len] = '\0';
	cmark_iter_free(it);
}

/* The status words a table may hold (a target's, an account's), and the
 * colour class each gets. */
static const struct {
	const char *word, *cls;
} status_word[] = {
	{"met", "status-met"},	       {"on track", "status-met"},
	{"warning", "status-warning"}, {"at risk", "status-warning"},
	{"missed", "status-missed"},   {"breached", "status-missed"},
};
#define NSTATUS (sizeof status_word / sizeof *status_word)

/* Marks around a status cell's content, turned into a <span> after
 * rendering: a table cell may hold no custom node, and data cannot
 * carry these bytes (md_text makes control characters spaces). */
#define MARK_OPEN '\x01'
#define MARK_SEP '\x02'
#define MARK_CLOSE '\x03'

static int render_html_status_of(const char *text)
{
	for (size_t i = 0; i < NSTATUS; i++) {
		size_t n = strlen(status_word[i].word);
		if (strncmp(text, status_word[i].word, n) == 0 &&
		    (text[n] == '\0' || text[n] == ' '))
			return (int)i;
	}
	return -1;
}

static void render_html_mark(cmark_node *cell, int status)
{
	char open[4] = {MARK_OPEN, (char)('A' + status), MARK_SEP, '\0'};
	char close[2] = {MARK_CLOSE, '\0'};
	cmark_node *a = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node *b = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(a, open);
	cmark_node_set_literal(b, close);
	cmark_node_prepend_child(cell, a);
	cmark_node_append_child(cell, b);
}

/* Marks the cells of every table column headed "Status" (only a header
 * we wrote names one), so the HTML shows met / warning / missed in
 * colour. */
static void render_html_status_colours(cmark_node *doc)
{
	for (cmark_node *tbl = cmark_node_first_child(doc); tbl;
	     tbl = cmark_node_next(tbl)) {
		if (strcmp(cmark_node_get_type_string(tbl), "table") != 0)
			continue;
		cmark_node *head = cmark_node_first_child(tbl);
		int col = -1, k = 0;
		char text[64];
		for (cmark_node *c = head ? cmark_node_first_child(head) : NULL;
		     c && col < 0; c = cmark_node_next(c), k++) {
			render_html_cell_text(c, text, sizeof text);
			if (strcmp(text, "Status") == 0)
				col = k;
		}
		if (col < 0)
			continue;
		for (cmark_node *row = cmark_node_next(head); row;
		     row = cmark_node_next(row)) {
			cmark_node *cell = cmark_node_first_child(row);
			for (k = 0; cell && k < col; k++)
				cell = cmark_node_next(cell);
			if (!cell)
				continue;
			render_html_cell_text(cell, text, sizeof text);
			int st = render_html_status_of(text);
			if (st >= 0)
				render_html_mark(cell, st);
		}
	}
}

/* html with the status marks made spans (the Markdown's own mark bytes
 * were dropped before parsing). */
static void render_html_status_spans(const char *html, struct buf *out)
{
	bool open = false;
	for (const char *p = html; *p; p++) {
		if (*p == MARK_OPEN && p[1] >= 'A' &&
		    p[1] < 'A' + (char)NSTATUS && p[2] == MARK_SEP && !open) {
			buf_addf(out, "<span class=\"status %s\">",
				 status_word[p[1] - 'A'].cls);
			open = true;
			p += 2;
		} else if (*p == MARK_CLOSE && open) {
			buf_puts(out, "</span>");
			open = false;
		} else if (*p != MARK_OPEN && *p != MARK_SEP &&
			   *p != MARK_CLOSE) {
			buf_putc(out, *p);
		}
	}
}

/* The Markdown as an HTML fragment; heap string the caller frees. */
static char *render_html_cmark(const char *markdown)
{
	cmark_gfm_core_extensions_ensure_registered();
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
	cmark_parser *p = cmark_parser_new(opts);
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	if (table)
		cmark_parser_attach_syntax_extension(p, table);
	/* the status marks may only come from render_html_mark */
	for (const char *c = markdown; *c;) {
		size_t n = strcspn(c, "\x01\x02\x03");
		cmark_parser_feed(p, c, n);
		c += n + (c[n] != '\0');
	}
	cmark_node *doc = cmark_parser_finish(p);
	render_html_status_colours(doc);
	char *html = cmark_render_html(doc, opts,
				       cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	return html;
}

/* Appends svg as an <img> data URI; alt is already HTML-escaped (cmark
 * wrote it). */
static void render_html_img(const struct buf *svg, const char *alt,
			    size_t altn, struct buf *out)
{
	gchar *b64 = g_base64_encode((const guchar *)buf_cstr(svg), svg->len);
	buf_puts(out, "<img class=\"chart\" src=\"data:image/svg+xml;base64,");
	buf_puts(out, b64);
	buf_puts(out, "\" alt=\"");
	buf_put(out, alt, altn);
	buf_puts(out, "\" />");
	g_free(b64);
}

/* Copies html to out with every image of a known chart made inline.
 * Each reference costs a whole chart, so a template naming charts
 * thousands of times would grow without bound: -1 past
 * TEMPLATE_MAX_OUTPUT. */
static int render_html_inline_charts(const char *html,
				     const struct buf *svg, struct buf *out,
				     size_t *images)
{
	*images = 0;
	static const char open[] = "<img src=\"charts/";
	const char *p = html;
	for (const char *img; (img = strstr(p, open));) {
		const char *name = img + sizeof open - 1;
		/* charts/NAME.png, or .svg when the report has no PNGs */
		const char *dot = strstr(name, "\" alt=\"");
		if (dot && (dot - name < 4 || (memcmp(dot - 4, ".png", 4) &&
					       memcmp(dot - 4, ".svg", 4))))
			dot = NULL;
		const char *alt = dot ? dot + 7 : NULL;
		dot = dot ? dot - 4 : NULL;
		const char *altend = alt ? strchr(alt, '"') : NULL;
		const char *end = altend ? strstr(altend, "/>") : NULL;
		char cname[64];
		size_t n = dot ? (size_t)(dot - name) : 0;
		int id = -1;
		if (end && n > 0 && n < sizeof cname) {
			memcpy(cname, name, n);
			cname[n] = '\0';
			id = chart_lookup(cname);
		}
		if (id < 0) {	/* not one of ours: leave it as written */
			buf_put(out, p, (size_t)(name - p));
			p = name;
			continue;
		}
		buf_put(out, p, (size_t)(img - p));
		render_html_img(&svg[id], alt, (size_t)(altend - alt), out);
		++*images;
		p = end + 2;
		if (out->len > TEMPLATE_MAX_OUTPUT)
			return -1;
	}
	buf_puts(out, p);
	return 0;
}

struct shell_ctx {
	const struct stats *s;
	const struct render_opts *o;
	const char *body;
};

static int render_html_shell_resolve(void *ctx, enum template_kind kind,
				     const char *name, struct buf *out,
				     bool *truth)
{
	const struct shell_ctx *sh = ctx;
	(void)truth;
	if (kind != TPL_VALUE)
		return -1;
	const char *text = NULL;
	bool raw = false;
	if (strcmp(name, "title") == 0) {
		text = sh->s->title ? sh->s->title : "Time to first value";
	} else if (strcmp(name, "as_of") == 0) {
		text = sh->s->as_of_date;
	} else if (strcmp(name, "generated") == 0) {
		text = sh->o->generated ? sh->o->generated : "";
	} else if (strcmp(name, "page") == 0) {
		/* the QBR has a print layout of its own (report.css) */
		text = sh->s->account ? "qbr" : "report";
	} else if (strcmp(name, "body") == 0) {
		text = sh->body;
		raw = true;
	} else if (strcmp(name, "css") == 0) {
		const struct embedded_file *css = embedded_find("report.css");
		text = css ? css->data : "";
		raw = true;
	} else {
		return -1;
	}
	if (out && raw)
		buf_puts(out, text);
	else if (out)
		html_escape(out, text);
	return 0;
}

int render_html_svg(const struct stats *s, const struct render_opts *o,
		    const char *markdown, const struct buf *svg,
		    struct buf *out, struct diag *d)
{
	const struct embedded_file *shell = embedded_find("shell.html");
	if (!shell)
		return diag_add(d, NULL, 0, NULL,
				"the HTML shell is missing from the build");
	char *fragment = render_html_cmark(markdown);
	struct buf spans = BUF_INIT, body = BUF_INIT;
	render_html_status_spans(fragment, &spans);
	free(fragment);
	size_t images;
	int inlined = render_html_inline_charts(buf_cstr(&spans), svg, &body,
						&images);
	size_t text = spans.len;
	buf_release(&spans);
	const struct embedded_file *css = embedded_find("report.css");
	if (inlined == 0 && body.len + shell->len + (css ? css->len : 0) >
				    TEMPLATE_MAX_OUTPUT)
		inlined = -1;	/* the shell could not hold it */
	if (inlined < 0) {
		buf_release(&body);
		/* a real report shows each chart once or twice; past that the
		 * template is the cause, else the text's tables are */
		if (images > 2 * CHART_COUNT)
			return diag_add(d, NULL, 0, NULL,
					"report.html would be larger than %u "
					"MiB: the template shows charts too "
					"many times (%zu so far)",
					TEMPLATE_MAX_OUTPUT >> 20, images);
		return diag_add(d, NULL, 0, NULL,
				"report.html would be larger than %u MiB: its "
				"text alone is %zu MiB, from too many groups "
				"to show (%zu tiers, %zu cohorts); group them "
				"coarser, or use --format json",
				TEMPLATE_MAX_OUTPUT >> 20, text >> 20,
				s->ntiers, s->ncohorts);
	}
	struct shell_ctx sh = {s, o, buf_cstr(&body)};
	int rc = template_expand(shell->name, shell->data, shell->len,
				 render_html_shell_resolve, &sh, out, d);
	buf_release(&body);
	return rc;
}

int render_html(const struct stats *s, const struct config *c,
		const struct render_opts *o, const char *markdown,
		struct buf *out, struct diag *d)
{
	(void)c;
	struct chart_job jobs[CHART_COUNT];
	struct buf svg[CHART_COUNT];
	size_t n = 0;
	for (int i = 0; i < CHART_COUNT; i++) {
		svg[i] = (struct buf)BUF_INIT;
		if (chart_shown((enum chart_id)i, s))
			jobs[n++] = (struct chart_job){
				(enum chart_id)i,
				{RENDER_CHART_W, RENDER_CHART_H, 1.0, CHART_SVG},
				BUF_INIT, 0, NULL};
	}
	int rc = chart_render_batch(s, jobs, n, d);
	for (size_t i = 0; i < n; i++)
		svg[jobs[i].id] = jobs[i].out;
	if (rc == 0)
		rc = render_html_svg(s, o, markdown, svg, out, d);
	for (int i = 0; i < CHART_COUNT; i++)
		buf_release(&svg[i]);
	return rc;
}

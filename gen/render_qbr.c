/* render_qbr.c - the QBRs of many accounts in one run (`--account all`,
 * `--csm NAME`): the statistics are computed once, each account's QBR is
 * a view of them, and every QBR with the index page listing them goes out
 * as one set under OUT/qbr/.  The QBRs are rendered a batch at a time (the
 * batch's charts on every processor) and each batch's files written into
 * the set's new directory at once, so memory holds one batch, not every
 * QBR. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "output.h"
#include "render.h"
#include "render_md.h"

#define QBR_DIR_MAX 120
/* QBRs rendered together: enough charts to keep every processor busy */
#define QBR_BATCH 64

static bool qbr_dir_safe(unsigned char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       (c == '.' && !first);
}

void render_qbr_dir(const char *account_id, struct buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t start = out->len;
	for (const unsigned char *p = (const unsigned char *)account_id; *p;
	     p++) {
		if (qbr_dir_safe(*p, p == (const unsigned char *)account_id)) {
			buf_putc(out, (char)*p);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		}
	}
	if (out->len - start <= QBR_DIR_MAX)
		return;
	/* FNV-1a of the whole id keeps two long ids with one beginning apart;
	 * '~' is never written above, so no short id can look like this */
	uint64_t h = 14695981039346656037u;
	for (const unsigned char *p = (const unsigned char *)account_id; *p;
	     p++)
		h = (h ^ *p) * 1099511628211u;
	out->len = start + QBR_DIR_MAX - 17;
	/* a cut must not split a %XX */
	while (out->len > start + QBR_DIR_MAX - 19 &&
	       memchr(out->ptr + out->len - 2, '%', 2))
		out->len--;
	out->ptr[out->len] = '\0';
	buf_addf(out, "~%016llx", (unsigned long long)h);
}

/* index.md: one row per QBR with a link to it, relative to qbr/ (the
 * directory name with its '%' escaped once more, as a URL reads it). */
static void qbr_index(const struct stats *s, const struct render_opts *o,
		      const char *const *dirs, struct buf *out)
{
	static const char *const h[] = {"Account", "Name", "Tier", "CSM",
					"Where it stands", "QBR"};
	unsigned f = o->formats ? o->formats : RENDER_HTML;
	const char *doc = f & RENDER_HTML ? "report.html"
			  : f & RENDER_MD ? "report.md"
					  : "report.json";
	buf_puts(out, "# ");
	md_text(out, s->title);
	buf_puts(out, ": quarterly business reviews\n\n*Data as of ");
	md_text(out, s->as_of_date);
	buf_addf(out, "; generated ");
	md_text(out, o->generated);
	buf_addf(out, ". %zu account%s, each in a directory of its own, "
		      "in the %s view.*\n\n",
		 s->nqbr, s->nqbr == 1 ? "" : "s",
		 o->internal ? "internal" : "customer");
	md_table_head(out, h, "llllll");
	for (size_t i = 0; i < s->nqbr; i++) {
		const struct account_summary *a = &s->qbr[i];
		md_row_begin(out);
		md_cell_text(out, a->account_id);
		md_cell_text(out, a->name);
		md_cell_text(out, a->tier);
		md_cell_text(out, a->csm);
		md_cell_raw(out, md_account_state_label(a));
		buf_puts(out, " [open](");
		for (const char *p = dirs[i] + strlen("qbr/"); *p; p++)
			if (*p == '%')
				buf_puts(out, "%25");
			else
				buf_putc(out, *p);
		buf_addf(out, "/%s) |", doc);
		md_row_end(out);
	}
}

int render_qbr_set(const struct stats *s, const struct config *c,
		   const struct render_opts *o, struct diag *d)
{
	const char *out = o->out_dir ? o->out_dir : "report";
	size_t n = s->nqbr;
	struct stats *views = xmalloc((n ? n : 1) * sizeof(*views));
	const struct stats **vp = xmalloc((n ? n : 1) * sizeof(*vp));
	char **dirs = xmalloc((n ? n : 1) * sizeof(*dirs));
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		views[i] = stats_account_view(s, &s->qbr[i]);
		vp[i] = &views[i];
		buf_reset(&b);
		buf_puts(&b, "qbr/");
		render_qbr_dir(s->qbr[i].account_id, &b);
		dirs[i] = buf_detach(&b);
	}
	struct output_stage *st = NULL;
	int rc = output_stage_begin(out, &st, d);
	struct render_set set = {0};
	for (size_t i = 0; i < n && rc == 0; i += QBR_BATCH) {
		size_t k = n - i < QBR_BATCH ? n - i : QBR_BATCH;
		rc = render_reports(vp + i, (const char *const *)dirs + i, k, c,
				    o, &set, d);
		for (size_t j = 0; j < set.n && rc == 0; j++)
			rc = output_stage_add(st, buf_cstr(&set.files[j].path),
					      set.files[j].data.ptr,
					      set.files[j].data.len);
		render_set_release(&set);
	}
	unsigned f = o->formats ? o->formats
				: RENDER_MD | RENDER_HTML | RENDER_JSON;
	struct buf md = BUF_INIT, html = BUF_INIT;
	if (rc == 0) {
		qbr_index(s, o, (const char *const *)dirs, &md);
		struct buf none[CHART_COUNT] = {BUF_INIT};
		if (f & RENDER_HTML)
			rc = render_html_svg(s, o, buf_cstr(&md), none, &html,
					     d);
	}
	if (rc == 0 && (f & RENDER_MD))
		rc = output_stage_add(st, "qbr/index.md", md.ptr, md.len);
	if (rc == 0 && (f & RENDER_HTML))
		rc = output_stage_add(st, "qbr/index.html", html.ptr,
				      html.len);
	if (rc == 0)
		rc = output_stage_commit(st);
	else
		output_stage_abort(st);
	buf_release(&md);
	buf_release(&html);
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
	free(vp);
	free(views);
	return rc;
}

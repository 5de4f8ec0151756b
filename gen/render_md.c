/* render_md.c - report.md: a template (built-in or a file) expanded
 * against struct stats. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "render.h"
#include "render_md.h"
#include "template.h"

struct md_ctx {
	const struct stats *s;
	const struct render_opts *o;
};

static int render_md_resolve(void *ctx, enum template_kind kind,
			     const char *name, struct buf *out, bool *truth)
{
	const struct md_ctx *m = ctx;
	switch (kind) {
	case TPL_VALUE:
		if (strcmp(name, "generated") == 0) {
			if (out)
				md_text(out, m->o->generated);
			return 0;
		}
		return md_value(m->s, name, out);
	case TPL_TABLE:
		return md_table(m->s, name, out);
	case TPL_CHART:
		return md_chart(m->s, name, m->o->no_png, out);
	case TPL_IF:
		/* the audience is the run's, not a figure */
		if (strcmp(name, "internal") == 0) {
			if (truth)
				*truth = m->o->internal;
			return 0;
		}
		return md_condition(m->s, name, truth);
	}
	return -1;
}

/* Appends a template file, whole, to text (the caller's buffer), refusing
 * one too large to be a template. */
static int render_md_read(const char *path, struct buf *text,
			  struct diag *d)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return diag_add(d, NULL, 0, NULL,
				"template '%s' is not a built-in template "
				"(leadership, cohort-qa, qbr) and cannot be "
				"read as a file: %s",
				path, strerror(errno));
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 &&
	       text->len <= TEMPLATE_MAX_SIZE)
		buf_put(text, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return diag_add(d, path, 0, NULL, "cannot read template");
	if (text->len > TEMPLATE_MAX_SIZE)
		return diag_add(d, path, 0, NULL,
				"template is larger than %u KiB",
				TEMPLATE_MAX_SIZE >> 10);
	return 0;
}

int render_markdown(const struct stats *s, const struct config *c,
		    const struct render_opts *o, struct buf *out,
		    struct diag *d)
{
	(void)c;
	const char *name = o->template_name ? o->template_name : "leadership";
	struct buf file = BUF_INIT, text = BUF_INIT;
	buf_addf(&file, "%s.md", name);
	const struct embedded_file *e = embedded_find(buf_cstr(&file));
	int rc = 0;
	if (e) {
		buf_reset(&file);
		buf_puts(&file, e->name);
		buf_put(&text, e->data, e->len);
	} else {
		buf_reset(&file);
		buf_puts(&file, name);
		rc = render_md_read(name, &text, d);
	}
	if (rc == 0) {
		struct md_ctx m = {s, o};
		rc = template_expand(buf_cstr(&file), buf_cstr(&text),
				     text.len, render_md_resolve, &m, out, d);
	}
	buf_release(&file);
	buf_release(&text);
	return rc;
}

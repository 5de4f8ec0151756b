/* ingest_problems.c - the messages of one file's read, kept in order.
 *
 * A row's problem and a file-level one met while reading rows (a slash
 * date whose order no value tells) are listed as they come, with the
 * line counted from where the reader started, and go to the diags when
 * the read ends: at once for one reader, after the first half's for a
 * second reader, whose lines are known only then.  So the row code never
 * asks which reader it is. */
#include "ingest_impl.h"

#include <stdarg.h>
#include <string.h>

static void add(struct ingest_ctx *x, bool row, long line, int col,
		const char *fmt, va_list ap)
{
	struct ingest_problems *pb = &x->pb;
	if (!x->in->lenient || !row)
		x->rc = -1;
	/* a diag shows no more than this many lines anyway */
	if (pb->n >= DIAG_MAX_LINES) {
		pb->dropped[row]++;
		return;
	}
	buf_reset(&x->msg);
	buf_vaddf(&x->msg, fmt, ap);
	VEC_RESERVE(pb->p, pb->cap, pb->n + 1);
	pb->p[pb->n++] = (struct ingest_problem){
		line, col, row,
		arena_strndup(&pb->arena, buf_cstr(&x->msg), x->msg.len)};
}

void ingest_row_problem(struct ingest_ctx *x, long line, int col,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(x, true, line, col, fmt, ap);
	va_end(ap);
}

void ingest_file_problem(struct ingest_ctx *x, long line, int col,
			 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(x, false, line, col, fmt, ap);
	va_end(ap);
}

void ingest_problems_flush(struct ingest_ctx *to, const struct ingest_file *f,
			   struct ingest_problems *pb, long base)
{
	struct diag *rows = to->in->lenient ? to->skipped : to->d;
	for (size_t i = 0; i < pb->n; i++) {
		const struct ingest_problem *p = &pb->p[i];
		diag_add(p->row ? rows : to->d, f->path, base + p->line,
			 p->col >= 0 ? schema_col_name(p->col) : NULL, "%s",
			 p->msg);
	}
	rows->count += pb->dropped[true];
	to->d->count += pb->dropped[false];
	ingest_problems_release(pb);
}

void ingest_problems_release(struct ingest_problems *pb)
{
	free(pb->p);
	arena_release(&pb->arena);
	memset(pb, 0, sizeof(*pb));
}

/* ingest_fields.c - a record's fields by column, and its dates with
 * their problems reported: what every kind of row reads with. */
#include "ingest_impl.h"

bool ingest_row_time_read(struct ingest_ctx *x, struct ingest_file *f,
			  const struct csv_row *row, int col, bool required,
			  const char *s, size_t n, int64_t *t)
{
	struct buf msg = BUF_INIT;
	bool ok = true;
	int rc = ingest_value_time(x, f, col, s, n, row->line, t, &msg);
	if (rc == -2) {
		/* an undecidable order is said once, for the whole column;
		 * the later rows it spoils are counted, not repeated */
		if (f->dates[col].ambiguous_line == row->line)
			ingest_file_problem(x, row->line, col, "%s",
					    buf_cstr(&msg));
		ok = false;
	} else if (rc < 0) {
		ingest_row_problem(x, row->line, col, "%s", buf_cstr(&msg));
		ok = false;
	} else if (required && *t == TTFV_NO_TIME) {
		ingest_row_problem(x, row->line, col, "blank date");
		ok = false;
	}
	if (msg.ptr)	/* only a problem's text allocates */
		buf_release(&msg);
	return ok;
}

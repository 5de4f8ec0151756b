/* ingest_header.c - a file's header: its first record, or the record
 * below a title.
 *
 * Spreadsheet exports often carry a title line or two above the header
 * (a report name, the export date, blank rows).  When the first record
 * names no kind of export, up to TITLE_MAX_RECORDS more are tried as the
 * header; the lines above the one that does are a title only if they hold
 * fewer values than it.  Otherwise the first record is the header and its
 * mapping says why it is not one. */
#include "ingest_impl.h"

#include <string.h>

#define TITLE_MAX_RECORDS 5

struct peek {
	struct ingest_file *f;
	const struct config *c;
	struct diag *d;
	const struct csv_reader *r;
	struct diag first_d;	/* messages of mapping the first record */
	int first_rc;
	long first_line;	/* where it starts */
	long first_end;		/* lines read through it */
	size_t first_pos;	/* where the body would start after it */
	char title[80];		/* the first record's first value */
	size_t records, most_values;
	bool found;		/* a later record is the header */
	long line;		/* where the body starts after the header */
	size_t pos;
	int rc;
};

static size_t values_in(const struct csv_row *row)
{
	size_t n = 0;
	for (size_t i = 0; i < row->n; i++) {
		const char *s = row->f[i];
		size_t len = row->len[i];
		ingest_value_trim(&s, &len);
		n += len > 0;
	}
	return n;
}

/* Whether row would be read as the header of a known kind of export. */
static bool names_a_role(const struct peek *pk, const struct csv_row *row)
{
	struct ingest_file probe = *pk->f;
	struct diag d;
	diag_init(&d);
	probe.hdr = NULL;
	probe.nhdr = 0;
	ingest_columns_map(&probe, pk->c, row, &d);
	bool known = probe.role != ROLE_UNKNOWN;
	ingest_columns_release(&probe);
	diag_release(&d);
	return known;
}

static int on_header(void *ctx, const struct csv_row *row)
{
	struct peek *pk = ctx;
	size_t values = values_in(row);
	if (pk->records++ == 0) {
		pk->first_rc = ingest_columns_map(pk->f, pk->c, row,
						  &pk->first_d);
		pk->first_line = row->line;
		pk->first_end = pk->r->line;
		pk->first_pos = pk->r->pos;
		pk->most_values = values;
		if (row->n)
			ingest_show(pk->title, row->f[0], row->len[0]);
		return pk->f->role != ROLE_UNKNOWN ||
		       pk->f->forced != ROLE_UNKNOWN;
	}
	if (values > pk->most_values && names_a_role(pk, row)) {
		ingest_columns_release(pk->f);
		pk->rc = ingest_columns_map(pk->f, pk->c, row, pk->d);
		pk->found = true;
		pk->f->title_line = pk->first_line;
		pk->f->title_end = row->line - 1;
		memcpy(pk->f->title, pk->title, sizeof(pk->title));
		pk->line = pk->r->line;
		pk->pos = pk->r->pos;
		return 1;
	}
	if (values > pk->most_values)
		pk->most_values = values;
	return pk->records > TITLE_MAX_RECORDS;
}

int ingest_header_read(struct ingest_file *f, const struct config *c,
		       struct diag *d)
{
	struct csv_reader r;
	struct peek pk = {.f = f, .c = c, .d = d, .r = &r};
	diag_init(&pk.first_d);
	csv_reader_init(&r, f->data, f->len, 0, 0, f->delim, f->cr_only,
			false);
	if (f->sep_line) {
		/* the hint is not the header: start after it */
		const char *nl = memchr(f->data, f->cr_only ? '\r' : '\n',
					f->len);
		r.pos = nl ? (size_t)(nl - f->data) + 1 : f->len;
		r.line = 1;
	}
	long open;
	int run = csv_reader_run(&r, on_header, &pk, &open);
	if (pk.found) {
		f->header_lines = pk.line;
		f->body_pos = pk.pos;
	} else if (pk.records) {
		/* no title: the first record is the header, whatever came
		 * after it while looking */
		diag_merge(d, &pk.first_d);
		pk.rc = pk.first_rc;
		f->header_lines = pk.first_end;
		f->body_pos = pk.first_pos;
	} else {
		pk.rc = run < 0 ? diag_add(d, f->path, open, NULL,
					   "unterminated quoted field in the "
					   "header: the quote opened on this "
					   "line never closes")
				: diag_add(d, f->path, 1, NULL,
					   "empty file: expected a header line");
		f->header_lines = r.line;
		f->body_pos = r.pos;
	}
	diag_release(&pk.first_d);
	csv_reader_release(&r);
	return pk.rc;
}

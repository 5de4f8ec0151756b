/* ingest_open.c - input files opened (loaded, decoded, their headers
 * mapped) on a thread of their own while the reader starts on the
 * accounts.
 *
 * Opening a large export is mostly a pass over memory (mapping it and
 * checking its UTF-8) that needs nothing from the model, and reading the
 * accounts file, the model's first work, needs only that file: the two
 * overlap.  Files are opened in order; the reader waits for a file only
 * when it needs it.  Each file's messages are kept apart and handed over
 * in file order, so the messages are those of opening every file first. */
#include "ingest_impl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct ingest_opener {
	struct ingest *in;
	const struct config *c;
	struct diag *d;		/* one per file */
	int *rc;		/* one per file: 0, -1, or -3 (cannot read) */
	size_t nopen;		/* files opened so far */
	bool threaded;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t opened;
};

/* Spreadsheet exports often carry a title line or two above the header
 * (a report name, the export date).  When the first record names no kind
 * of export, up to this many more are tried as the header; the lines above
 * the one that does are a title only if they hold fewer values than it. */
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

static void unmap(struct ingest_file *f)
{
	for (size_t h = 0; h < f->nhdr; h++)
		free(f->hdr[h].text);
	free(f->hdr);
	f->hdr = NULL;
	f->nhdr = 0;
	f->role = ROLE_UNKNOWN;
	f->why = NULL;
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
	unmap(&probe);
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
		unmap(pk->f);
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

/* Loads a file and reads its header: its role and columns. */
static int open_file(struct ingest_file *f, const struct config *c,
		     struct diag *d)
{
	int rc = ingest_load(f, c, d);
	if (rc)
		return rc;
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

static void open_one(struct ingest_opener *op, size_t i)
{
	struct ingest_file *f = &op->in->files[i];
	op->rc[i] = open_file(f, op->c, &op->d[i]);
	if (op->rc[i]) {
		f->failed = true;
		ingest_unload(f);
	}
}

static void *open_all(void *arg)
{
	struct ingest_opener *op = arg;
	for (size_t i = 0; i < op->in->nfiles; i++) {
		open_one(op, i);
		pthread_mutex_lock(&op->lock);
		op->nopen = i + 1;
		pthread_cond_signal(&op->opened);
		pthread_mutex_unlock(&op->lock);
	}
	return NULL;
}

struct ingest_opener *ingest_open_start(struct ingest *in,
					const struct config *c)
{
	struct ingest_opener *op = xcalloc(1, sizeof(*op));
	size_t n = in->nfiles ? in->nfiles : 1;
	op->in = in;
	op->c = c;
	op->d = xcalloc(n, sizeof(*op->d));
	op->rc = xcalloc(n, sizeof(*op->rc));
	for (size_t i = 0; i < in->nfiles; i++)
		diag_init(&op->d[i]);
	pthread_mutex_init(&op->lock, NULL);
	pthread_cond_init(&op->opened, NULL);
	/* one file has nothing to overlap with; a thread that cannot
	 * start is only a slower run */
	op->threaded = in->nfiles > 1 &&
		       pthread_create(&op->thread, NULL, open_all, op) == 0;
	if (!op->threaded)
		for (; op->nopen < in->nfiles; op->nopen++)
			open_one(op, op->nopen);
	return op;
}

int ingest_open_wait(struct ingest_opener *op, size_t i)
{
	pthread_mutex_lock(&op->lock);
	while (op->nopen <= i)
		pthread_cond_wait(&op->opened, &op->lock);
	pthread_mutex_unlock(&op->lock);
	return op->rc[i];
}

int ingest_open_finish(struct ingest_opener *op, struct diag *d)
{
	if (op->threaded)
		pthread_join(op->thread, NULL);
	int rc = 0;
	for (size_t i = 0; i < op->in->nfiles; i++) {
		if (op->rc[i] == -3 || (op->rc[i] && !rc))
			rc = op->rc[i];
		diag_merge(d, &op->d[i]);
		diag_release(&op->d[i]);
	}
	pthread_mutex_destroy(&op->lock);
	pthread_cond_destroy(&op->opened);
	free(op->d);
	free(op->rc);
	free(op);
	return rc;
}

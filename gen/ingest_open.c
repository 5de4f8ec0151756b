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

/* Loads a file and reads its header: its role and columns. */
static int open_file(struct ingest_file *f, const struct config *c,
		     struct diag *d)
{
	int rc = ingest_load(f, c, d);
	return rc ? rc : ingest_header_read(f, c, d);
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

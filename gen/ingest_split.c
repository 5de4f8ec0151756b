/* ingest_split.c - an accounts or events export, a large one read by two
 * threads.
 *
 * The file is cut at a line start near its middle.  A second thread reads
 * the second half with the row code every reader uses, into a partial
 * model and a problem list of its own, touching nothing shared but
 * read-only tables; the calling thread reads the first half into the
 * model.  The cut is a guess: it is only right if no quoted field spans
 * it and no footer or blank run straddles it.  When the first half ends
 * cleanly at the cut, the model takes in the second half's facts (events:
 * model_merge; accounts: model_merge_accounts) and its messages follow
 * the first half's, which gives exactly what one thread would have.
 * Otherwise its work is dropped and the first thread reads on: also when
 * the second half had to settle slash-date orders on its own, or holds an
 * account id twice or one the model already has (one thread's message
 * there names the line of the first, which the second half cannot know;
 * a second copy of an export is rare, and then is read at one thread's
 * speed). */
#include "ingest_impl.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* Below this, a second thread costs more than it saves. */
#define SPLIT_MIN_BYTES (8u << 20)
/* Where the cut goes, in percent of the body: measured on the 50,000-
 * and 200,000-account samples, the two halves of an events file cost the
 * same per byte (instructions within 2 %, thread CPU within the noise of
 * a shared machine), as do those of an accounts file; the second half's
 * fresh memory no longer costs it more than the first's rows. */
#define CUT_PCT 50

struct half {
	struct ingest_ctx x;
	struct ingest_file f;	/* a copy: counters and date orders */
	struct model part;
	struct reading r;
	struct csv_reader rd;
	pthread_t thread;
};

static void *read_second_half(void *arg)
{
	struct half *h = arg;
	ingest_reading_run(&h->r);
	return NULL;
}

/* A line start about CUT_PCT % into the body, or 0. */
static size_t cut_point(const struct ingest_file *f)
{
	size_t mid = f->body_pos + (f->len - f->body_pos) / 100 * CUT_PCT;
	const char *e = memchr(f->data + mid, f->cr_only ? '\r' : '\n',
			       f->len - mid);
	return e && (size_t)(e - f->data) + 1 < f->len
		       ? (size_t)(e - f->data) + 1
		       : 0;
}

static void half_release(struct half *h)
{
	csv_reader_release(&h->rd);
	model_release(&h->part);
	ingest_problems_release(&h->x.pb);
	buf_release(&h->x.msg);
	free(h->r.held);
}

/* The second reader, started; NULL when no thread could be made. */
static struct half *half_start(struct ingest_ctx *x, struct ingest_file *f,
			       size_t start)
{
	/* the second reader writes its state on every row: sharing a cache
	 * line with the first reader's data cost that one 15 % of its time */
	struct half *h = xmalloc_lines(sizeof(*h));
	memset(h, 0, sizeof(*h));
	if (f->role == ROLE_ACCOUNTS)
		model_init(&h->part);
	else
		model_partial_init(&h->part, x->m);
	h->x = *x;
	memset(&h->x.pb, 0, sizeof(h->x.pb));
	buf_init(&h->x.msg);
	h->x.m = &h->part;
	h->x.d = h->x.skipped = NULL;	/* its messages stay in x.pb */
	h->x.rc = 0;
	h->f = *f;
	h->f.rows = h->f.rows_bad = h->f.blank_rows = 0;
	/* an id the part holds twice counts as a repeat of an earlier file's,
	 * without a message: that drops the part (see merge_model) */
	h->f.acc_first = SIZE_MAX;
	h->f.dup_rows = 0;
	/* its lines count from the cut */
	ingest_reading_init(&h->r, &h->x, &h->f, &h->rd, start, 0);
	h->r.progress = false;
	if (pthread_create(&h->thread, NULL, read_second_half, h)) {
		half_release(h);
		free(h);
		return NULL;
	}
	return h;
}

/* The second half's facts into the model; false, the model unchanged,
 * when one thread would have read its accounts otherwise. */
static bool merge_model(struct reading *r, struct half *h, long base)
{
	if (r->f->role != ROLE_ACCOUNTS) {
		model_merge(r->x->m, &h->part);
		return true;
	}
	return !h->f.dup_rows &&
	       model_merge_accounts(r->x->m, &h->part, (uint32_t)base) == 0;
}

/* The rest of the second half's results, as if the first thread had read
 * on; base is the number of lines before the cut. */
static void merge(struct reading *r, struct half *h, long base)
{
	struct ingest_file *f = r->f;
	struct ingest_ctx *x = r->x;
	f->rows += h->f.rows;
	f->rows_bad += h->f.rows_bad;
	f->blank_rows += h->f.blank_rows;
	for (int col = 0; col < COL_COUNT; col++)
		f->dates[col].forms |= h->f.dates[col].forms;
	ingest_problems_flush(x, f, &x->pb, 0);
	ingest_problems_flush(x, f, &h->x.pb, base);
	if (h->x.rc < 0)
		x->rc = -1;
	/* a footer at the end of the file is the second half's */
	free(r->held);
	r->held = h->r.held;
	r->nheld = h->r.nheld;
	r->capheld = h->r.capheld;
	for (size_t i = 0; i < r->nheld; i++)
		r->held[i] += base;
	r->held_first = h->r.held_first + base;
	memcpy(r->held_text, h->r.held_text, sizeof(r->held_text));
	h->r.held = NULL;
}

int ingest_split_read(struct ingest_ctx *x, struct ingest_file *f)
{
	size_t cut = f->len - f->body_pos >= SPLIT_MIN_BYTES &&
				     !x->in->one_thread &&
				     sysconf(_SC_NPROCESSORS_ONLN) > 1
			     ? cut_point(f)
			     : 0;
	struct half *h = cut ? half_start(x, f, cut) : NULL;
	if (!h)
		return ingest_rows_read(x, f);
	struct reading r;
	struct csv_reader rd;
	ingest_reading_init(&r, x, f, &rd, f->body_pos, f->header_lines);
	rd.limit = cut;
	int st = ingest_reading_run(&r);
	pthread_join(h->thread, NULL);
	/* the guess held: the first half ends at a record boundary, with
	 * no footer candidates or blank run pending, and the second half
	 * needed no date orders of its own (the only file-level messages
	 * a reader of rows can have) */
	bool clean = st == 2 && csv_reader_clean_cut(&rd) && !r.nheld &&
		     !r.gap && !h->f.dates_scanned &&
		     merge_model(&r, h, rd.line);
	if (clean) {
		merge(&r, h, rd.line);
	} else {
		rd.limit = 0;
		ingest_reading_run(&r);
	}
	half_release(h);
	free(h);
	return ingest_reading_finish(&r);
}

/* ingest_split.c - a large event export read by two threads.
 *
 * The file is cut at a line start near its middle.  A second thread reads
 * the second half into facts of its own, reduced as the model reduces
 * them (per event name and account the first time, per account the users
 * seen last and the first event of week 2, the latest time, row counts) and a private problem list,
 * touching nothing shared but read-only tables; the calling thread reads
 * the first half as usual.  The cut is a guess: it is only right if no
 * quoted field spans it and no footer or blank run straddles it.  When the
 * first half ends cleanly at the cut, the second half's facts are merged
 * (first times by minimum, week 2's first event too, user sets as the model keeps them, names given
 * ids in order of first appearance) and its messages appended, which
 * gives exactly what one thread would have.  Otherwise (or when the
 * second half had to settle slash-date orders on its own) its work is
 * dropped and the first thread reads on. */
#include "ingest_impl.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

/* Below this, a second thread costs more than it saves. */
#define SPLIT_MIN_BYTES (8u << 20)

struct problem {
	long line;		/* from the cut */
	int col;
	const char *msg;	/* arena */
};

struct ingest_defer {
	const struct model *m;	/* its names that matter, read only */
	size_t wanted_left;	/* of those, how many names lacks */
	size_t nacc;
	struct strtab names;	/* this half's, in order of first appearance */
	struct arena arena;
	int64_t *first[MODEL_MAX_EVENTS];	/* [name][account] */
	size_t rows[MODEL_MAX_EVENTS];		/* [name] */
	size_t untracked;	/* rows of names past MODEL_MAX_EVENTS */
	size_t total;
	int64_t latest;
	struct user_set *users;	/* [account], NULL before a user_id */
	struct week2 *week2;	/* [account]: the model's windows, this
				 * half's first events */
	struct problem *pb;
	size_t npb, cappb;
};

struct half {
	struct ingest_ctx x;
	struct ingest_file f;	/* a copy: counters and date orders */
	struct ingest_defer df;
	/* a file-level message (only from settling slash dates, which
	 * makes the first thread read on instead) stays here */
	struct diag d;
	struct reading r;
	size_t start;
	pthread_t thread;
};

void ingest_defer_event(struct ingest_defer *df, int32_t account,
			const char *name, size_t n, int64_t t, uint64_t user)
{
	df->total++;
	model_time_max(&df->latest, t);
	int32_t e = strtab_find(&df->names, name, n);
	if (e < 0 && model_event_room(df->m, df->names.n, &df->wanted_left,
				      name, n)) {
		e = strtab_intern(&df->names, &df->arena, name, n);
		df->first[e] = model_first_column(df->nacc);
	}
	if (e < 0) {
		df->untracked++;
	} else {
		model_time_min(&df->first[e][account], t);
		df->rows[e]++;
	}
	if (user) {
		if (!df->users)
			df->users = xcalloc(df->nacc, sizeof(*df->users));
		model_users_see(&df->users[account], user, t);
	}
	model_week2_see(&df->week2[account], t);
}

void ingest_defer_problem(struct ingest_defer *df, long line, int col,
			  const char *msg)
{
	VEC_RESERVE(df->pb, df->cappb, df->npb + 1);
	df->pb[df->npb++] = (struct problem){
		line, col, arena_strndup(&df->arena, msg, strlen(msg))};
}

static void *read_second_half(void *arg)
{
	struct half *h = arg;
	struct csv_reader rd;
	csv_reader_init(&rd, h->f.data, h->f.len, h->start, 0, h->f.delim,
			h->f.cr_only, h->f.has_nul);
	ingest_reading_run(&h->r, &rd);
	csv_reader_release(&rd);
	return NULL;
}

/* A line start about 55 % into the body, or 0: the second thread's rows
 * cost it a little more than the first's (its first-time columns and user
 * sets are fresh memory), so both finish together about there. */
static size_t cut_point(const struct ingest_file *f)
{
	size_t mid = f->body_pos + (f->len - f->body_pos) / 100 * 55;
	const char *e = memchr(f->data + mid, f->cr_only ? '\r' : '\n',
			       f->len - mid);
	return e && (size_t)(e - f->data) + 1 < f->len
		       ? (size_t)(e - f->data) + 1
		       : 0;
}

static void half_init(struct half *h, const struct reading *r, size_t start)
{
	memset(h, 0, sizeof(*h));
	h->x = *r->x;
	diag_init(&h->d);
	h->x.d = &h->d;
	h->x.skipped = &h->d;
	h->x.defer = &h->df;
	buf_init(&h->x.msg);
	h->x.rc = 0;
	h->f = *r->f;
	h->f.rows = h->f.rows_bad = h->f.blank_rows = 0;
	arena_init(&h->df.arena);
	h->df.nacc = r->x->m->nacc;
	h->df.m = r->x->m;
	h->df.wanted_left = r->x->m->wanted.n;
	h->df.week2 = xmalloc((h->df.nacc ? h->df.nacc : 1) *
			      sizeof(*h->df.week2));
	for (size_t a = 0; a < h->df.nacc; a++)
		h->df.week2[a] = (struct week2){r->x->m->week2[a].from,
						TTFV_NO_TIME};
	h->df.latest = TTFV_NO_TIME;
	h->r.x = &h->x;
	h->r.f = &h->f;
	h->start = start;
}

static void half_release(struct half *h)
{
	for (size_t e = 0; e < h->df.names.n; e++)
		free(h->df.first[e]);
	free(h->df.names.str);
	free(h->df.names.slot);
	arena_release(&h->df.arena);
	free(h->df.users);
	free(h->df.week2);
	free(h->df.pb);
	diag_release(&h->d);
	buf_release(&h->x.msg);
	free(h->r.held);
}

/* The second half's events, as if model_add_event had had them after
 * the first half's: event ids are made in order of first appearance, as
 * in one pass, and a name that gets none counts its rows untracked. */
static void merge_events(struct model *m, const struct ingest_defer *df)
{
	for (size_t e = 0; e < df->names.n; e++) {
		const char *name = df->names.str[e];
		int id = model_event_id(m, name, strlen(name), true);
		if (id < 0) {
			m->events_untracked += df->rows[e];
			continue;
		}
		int64_t *to = m->event_first[id];
		const int64_t *from = df->first[e];
		for (size_t a = 0; a < m->nacc; a++)
			model_time_min(&to[a], from[a]);
	}
	m->events_untracked += df->untracked;
	m->events_total += df->total;
	model_see_time(m, df->latest);
	for (size_t a = 0; a < m->nacc; a++)
		model_time_min(&m->week2[a].first, df->week2[a].first);
	for (size_t a = 0; df->users && a < m->nacc; a++)
		for (int k = 0; k < df->users[a].n; k++)
			model_users_see(&m->acc[a].users, df->users[a].user[k],
					df->users[a].seen[k]);
}

/* The second half's results, as if the first thread had read on; base
 * is the number of lines before the cut. */
static void merge(struct reading *r, struct half *h, long base)
{
	struct ingest_file *f = r->f;
	struct ingest_ctx *x = r->x;
	f->rows += h->f.rows;
	f->rows_bad += h->f.rows_bad;
	f->blank_rows += h->f.blank_rows;
	for (int col = 0; col < COL_COUNT; col++)
		f->dates[col].forms |= h->f.dates[col].forms;
	merge_events(x->m, &h->df);
	struct diag *to = x->in->lenient ? x->skipped : x->d;
	for (size_t i = 0; i < h->df.npb; i++) {
		const struct problem *p = &h->df.pb[i];
		diag_add(to, f->path, base + p->line,
			 p->col >= 0 ? ingest_col_name(p->col) : NULL, "%s",
			 p->msg);
	}
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

void ingest_split_read(struct reading *r, struct csv_reader *rd)
{
	struct ingest_file *f = r->f;
	size_t cut = f->len - f->body_pos >= SPLIT_MIN_BYTES &&
				     !r->x->in->one_thread &&
				     sysconf(_SC_NPROCESSORS_ONLN) > 1
			     ? cut_point(f)
			     : 0;
	/* the second reader writes its state on every row: sharing a cache
	 * line with the first reader's data cost that one 15 % of its time */
	struct half *h = cut ? xmalloc_lines(sizeof(*h)) : NULL;
	if (h) {
		half_init(h, r, cut);
		if (pthread_create(&h->thread, NULL, read_second_half, h)) {
			half_release(h);
			free(h);
			h = NULL;
		}
	}
	if (!h) {
		ingest_reading_run(r, rd);
		return;
	}
	rd->limit = cut;
	int st = ingest_reading_run(r, rd);
	pthread_join(h->thread, NULL);
	/* the guess held: the first half ends at a record boundary, with
	 * no footer candidates or blank run pending, and the second half
	 * needed no date orders of its own */
	bool clean = st == 2 && rd->p.pstate == 0 && !rd->blank &&
		     !r->nheld && !r->gap && !h->f.dates_scanned &&
		     !h->d.count;
	if (clean) {
		merge(r, h, rd->line);
	} else {
		rd->limit = 0;
		ingest_reading_run(r, rd);
	}
	half_release(h);
	free(h);
}

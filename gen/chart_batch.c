/* chart_batch.c - many charts at once, one per processor.
 *
 * Encoding is still most of a report's charts: about 10 ms a 1920x1080
 * PNG whatever is on it (chart_png.c), while drawing takes a few
 * milliseconds.  Every job draws into its own surface and buffer, so the
 * only shared state is cairo's font caches, which cairo locks; the output
 * of a job does not depend on which thread ran it or when. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "chart_canvas.h"

#define BATCH_MAX_THREADS 8

struct batch {
	const struct stats *s;
	struct chart_job *jobs;
	size_t n, next;
	struct diag *diags;	/* one per job, merged in job order */
	pthread_mutex_t lock;
};

static void *batch_worker(void *arg)
{
	struct batch *b = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&b->lock);
		i = b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->n) {
			chart_canvas_release_spare();
			return NULL;
		}
		const struct stats *s = b->jobs[i].s ? b->jobs[i].s : b->s;
		b->jobs[i].rc = chart_render(b->jobs[i].id, s, &b->jobs[i].opts,
					     &b->jobs[i].out, &b->diags[i]);
	}
}

/* The warm-up thread of chart_warm_up_start; only the thread that runs
 * the report starts and waits for it. */
static pthread_t batch_warm_thread;
static bool batch_warm_running;

static void *batch_warm(void *arg)
{
	(void)arg;
	chart_warm_up();
	return NULL;
}

void chart_warm_up_start(void)
{
	if (!batch_warm_running &&
	    pthread_create(&batch_warm_thread, NULL, batch_warm, NULL) == 0)
		batch_warm_running = true;
}

void chart_warm_up_wait(void)
{
	if (batch_warm_running)
		pthread_join(batch_warm_thread, NULL);
	batch_warm_running = false;
}

struct chart_batch {
	struct batch b;
	pthread_t tid[BATCH_MAX_THREADS];
	size_t started;
};

/* Starts up to `threads` workers on the jobs (as many as there are
 * processors at most, and jobs). */
static struct chart_batch *batch_begin(const struct stats *s,
				       struct chart_job *jobs, size_t n,
				       long threads)
{
	struct chart_batch *cb = xcalloc(1, sizeof(*cb));
	size_t i, want = threads > 0 ? (size_t)threads : 0;

	chart_warm_up_wait();
	cb->b = (struct batch){s, jobs, n, 0, NULL, PTHREAD_MUTEX_INITIALIZER};
	cb->b.diags = xcalloc(n ? n : 1, sizeof(*cb->b.diags));
	for (i = 0; i < n; i++)
		diag_init(&cb->b.diags[i]);
	if (want > BATCH_MAX_THREADS)
		want = BATCH_MAX_THREADS;
	if (want > n)
		want = n;
	/* a thread that cannot start is only a slower run: the caller
	 * takes what is left when it finishes the batch */
	for (i = 0; i < want; i++)
		if (pthread_create(&cb->tid[cb->started], NULL, batch_worker,
				   &cb->b) == 0)
			cb->started++;
	return cb;
}

static long batch_cpus(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return cpus > 1 ? cpus : 1;
}

struct chart_batch *chart_batch_start(const struct stats *s,
				      struct chart_job *jobs, size_t n)
{
	return batch_begin(s, jobs, n, batch_cpus());
}

int chart_batch_finish(struct chart_batch *cb, struct diag *d)
{
	struct chart_job *jobs = cb->b.jobs;
	int rc = 0;

	batch_worker(&cb->b);
	for (size_t i = 0; i < cb->started; i++)
		pthread_join(cb->tid[i], NULL);
	for (size_t i = 0; i < cb->b.n; i++) {
		if (jobs[i].rc < 0)
			rc = -1;
		diag_merge(d, &cb->b.diags[i]);
		diag_release(&cb->b.diags[i]);
	}
	free(cb->b.diags);
	pthread_mutex_destroy(&cb->b.lock);
	free(cb);
	return rc;
}

int chart_render_batch(const struct stats *s, struct chart_job *jobs,
		       size_t n, struct diag *d)
{
	/* the calling thread is one of the workers */
	return chart_batch_finish(batch_begin(s, jobs, n, batch_cpus() - 1),
				  d);
}

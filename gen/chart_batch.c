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

#include "charts.h"

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
		if (i >= b->n)
			return NULL;
		b->jobs[i].rc = chart_render(b->jobs[i].id, b->s, &b->jobs[i].opts,
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

int chart_render_batch(const struct stats *s, struct chart_job *jobs,
		       size_t n, struct diag *d)
{
	struct batch b = {s, jobs, n, 0, NULL, PTHREAD_MUTEX_INITIALIZER};
	pthread_t tid[BATCH_MAX_THREADS];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t i, nthreads = cpus > 1 ? (size_t)cpus : 1, started = 0;
	int rc = 0;

	chart_warm_up_wait();
	if (nthreads > BATCH_MAX_THREADS)
		nthreads = BATCH_MAX_THREADS;
	if (nthreads > n)
		nthreads = n;
	b.diags = xcalloc(n ? n : 1, sizeof(*b.diags));
	for (i = 0; i < n; i++)
		diag_init(&b.diags[i]);
	/* the calling thread works too; a thread that cannot start is only
	 * a slower run */
	for (i = 1; i < nthreads; i++)
		if (pthread_create(&tid[started], NULL, batch_worker, &b) == 0)
			started++;
	batch_worker(&b);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	for (i = 0; i < n; i++) {
		if (jobs[i].rc < 0)
			rc = -1;
		diag_merge(d, &b.diags[i]);
		diag_release(&b.diags[i]);
	}
	free(b.diags);
	pthread_mutex_destroy(&b.lock);
	return rc;
}

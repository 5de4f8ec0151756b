/* test_chart_warm.c - the font warm-up changes no output: a chart drawn
 * while the warm-up thread is still setting fonts up, and the same chart
 * drawn by a batch after it, give the same bytes; waiting twice, or
 * starting twice, is harmless.  Runs first thing in a fresh process so
 * the warm-up really is the first to touch fontconfig. */
#include "charts/fixtures.h"
#include "charts/render.h"

int main(void)
{
	struct stats s;
	struct buf alone = BUF_INIT;
	struct chart_job jobs[2] = {
		{CHART_FUNNEL, {960, 540, 2, CHART_PNG}, BUF_INIT, 0, NULL},
		{CHART_FUNNEL, {960, 540, 1, CHART_SVG}, BUF_INIT, 0, NULL},
	};
	struct buf svg = BUF_INIT;
	struct diag d;

	diag_init(&d);
	fixture_realistic(&s);
	chart_warm_up_start();
	chart_warm_up_start();	/* already running: no second thread */
	CHECK_INT(render(CHART_FUNNEL, &s, 960, 540, 2, CHART_PNG, &alone), 0);
	CHECK_INT(chart_render_batch(&s, jobs, 2, &d), 0);
	chart_warm_up_wait();	/* the batch has waited already */
	CHECK_INT(jobs[0].rc, 0);
	CHECK_INT(jobs[0].out.len, alone.len);
	CHECK(jobs[0].out.len == alone.len &&
	      memcmp(jobs[0].out.ptr, alone.ptr, alone.len) == 0);
	CHECK_INT(render(CHART_FUNNEL, &s, 960, 540, 1, CHART_SVG, &svg), 0);
	CHECK_STR(buf_cstr(&jobs[1].out), buf_cstr(&svg));
	CHECK_STR(buf_cstr(&d.text), "");
	/* a warm-up after the last chart, waited for before the caches go */
	chart_warm_up_start();
	chart_warm_up_wait();
	buf_release(&svg);
	buf_release(&alone);
	buf_release(&jobs[0].out);
	buf_release(&jobs[1].out);
	diag_release(&d);
	fixture_release(&s);
	chart_release_static();
	return test_done("test_chart_warm");
}

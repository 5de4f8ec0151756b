/* chart.c - the chart registry: names, lookup and the one entry point
 * that opens a surface, hands it to the chart's drawing code and encodes
 * the result. */
#include <fontconfig/fontconfig.h>
#include <string.h>

#include "chart_canvas.h"

static const struct {
	const char *name;
	void (*draw)(struct canvas *cv, const struct stats *s);
} chart_table[CHART_COUNT] = {
	[CHART_COHORT_CURVES] = {"cohort_curves", chart_cohort_draw},
	[CHART_FUNNEL] = {"funnel", chart_funnel_draw},
	[CHART_TTFV_BY_OUTCOME] = {"ttfv_by_outcome", chart_outcome_draw},
	[CHART_POSTMORTEMS] = {"postmortems", chart_postmortems_draw},
	[CHART_SLA_ATTAINMENT] = {"sla_attainment", chart_sla_draw},
	[CHART_TTFV_TREND] = {"ttfv_trend", chart_trend_draw},
	[CHART_RISK_CALIBRATION] = {"risk_calibration", chart_risk_draw},
	[CHART_EXPERIMENT] = {"experiment", chart_experiment_draw},
	[CHART_ACCOUNT_TIMELINE] = {"account_timeline", chart_timeline_draw},
};

const char *chart_name(enum chart_id id)
{
	return (unsigned)id < CHART_COUNT ? chart_table[id].name : NULL;
}

int chart_lookup(const char *name)
{
	int i;

	for (i = 0; i < CHART_COUNT; i++)
		if (strcmp(name, chart_table[i].name) == 0)
			return i;
	return -1;
}

bool chart_shown(enum chart_id id, const struct stats *s)
{
	/* the account's own chart only for a QBR, the charts of every
	 * account for the others */
	if ((id == CHART_ACCOUNT_TIMELINE) != (s->account != NULL))
		return false;
	return id != CHART_EXPERIMENT || s->narms > 0;
}

/* fontconfig, which cairo uses to find DejaVu Sans, keeps its parsed
 * configuration until FcFini. */
void chart_release_static(void)
{
	chart_canvas_release_spare();
	cairo_debug_reset_static_data();
	FcFini();
}

int chart_render(enum chart_id id, const struct stats *s,
		 const struct chart_opts *o, struct buf *out, struct diag *d)
{
	struct canvas cv;
	size_t start = out->len;

	if ((unsigned)id >= CHART_COUNT)
		return diag_add(d, NULL, 0, NULL, "unknown chart %d", (int)id);
	if (canvas_open(&cv, o, out, d) < 0)
		return -1;
	chart_table[id].draw(&cv, s);
	if (canvas_close(&cv, d) < 0) {
		/* drop the partial SVG or PDF so callers never save it */
		out->len = start;
		if (out->ptr)
			out->ptr[start] = '\0';
		return -1;
	}
	return 0;
}

/* charts.h - the charts of SPEC section 4, drawn with cairo from the
 * series in struct stats (charts never read rows).  One drawing path for
 * every surface: PNG, SVG and PDF. */
#ifndef TTFV_CHARTS_H
#define TTFV_CHARTS_H

#include "stats.h"
#include "util.h"

enum chart_id {
	CHART_COHORT_CURVES,
	CHART_FUNNEL,
	CHART_TTFV_BY_OUTCOME,
	CHART_POSTMORTEMS,
	CHART_SLA_ATTAINMENT,
	CHART_TTFV_TREND,
	CHART_RISK_CALIBRATION,
	CHART_EXPERIMENT,
	CHART_ACCOUNT_TIMELINE,	/* QBR only: needs stats.account */
	CHART_COUNT
};

enum chart_format { CHART_PNG, CHART_SVG, CHART_PDF };

/* The size charts are drawn at unless --size says otherwise: 16:9, fits
 * an HTML report column, and scales up to 1920x1080 slides unchanged. */
#define CHART_DEFAULT_WIDTH 960
#define CHART_DEFAULT_HEIGHT 540

struct chart_opts {
	int width, height;	/* in CSS pixels (points for PDF) */
	double scale;		/* PNG pixel density: 2 in reports, 1 for --size */
	enum chart_format format;
};

/* "cohort_curves", ... (the file name without extension). */
const char *chart_name(enum chart_id id);
/* The id of a name, or -1. */
int chart_lookup(const char *name);
/* Whether a report draws the chart: the account's own chart only for a
 * QBR (stats.account set), the charts of every account for the others;
 * the experiment chart only when the accounts have a variant column
 * (`ttfv chart` draws any). */
bool chart_shown(enum chart_id id, const struct stats *s);
/* A one-sentence description for the HTML alt text, into out. */
void chart_alt(enum chart_id id, const struct stats *s, struct buf *out);
/* Draws the chart and appends the encoded file (PNG, SVG or PDF bytes) to
 * out.  Returns 0, or -1 with the problem in d (cairo failure). */
int chart_render(enum chart_id id, const struct stats *s,
		 const struct chart_opts *o, struct buf *out, struct diag *d);

/* One chart of a batch: what to draw, and where it went. */
struct chart_job {
	enum chart_id id;
	struct chart_opts opts;
	struct buf out;		/* the file's bytes; the caller releases it */
	int rc;			/* 0, or -1 when this chart failed */
	const struct stats *s;	/* what to draw from; NULL: the batch's */
};
/* chart_render for every job, on as many threads as there are processors
 * (PNG encoding is most of a report's chart time).  Output is the same as
 * rendering the jobs one by one.  Returns 0, or -1 with every failure's
 * problem in d, in job order. */
int chart_render_batch(const struct stats *s, struct chart_job *jobs,
		       size_t n, struct diag *d);
/* The same, in the background: chart_batch_start returns once the jobs
 * are running on threads of their own, so the caller can do other work;
 * chart_batch_finish takes any job still waiting, waits for the rest and
 * frees the batch, returning what chart_render_batch would. */
struct chart_batch;
struct chart_batch *chart_batch_start(const struct stats *s,
				      struct chart_job *jobs, size_t n);
int chart_batch_finish(struct chart_batch *b, struct diag *d);

/* Frees cairo's and fontconfig's process-wide caches (fonts, glyphs), so
 * leak checkers see a clean exit; call once, after the last chart. */
void chart_release_static(void);

/* Appends a PNG of w x h pixels to out: data holds rows stride bytes
 * apart, each pixel one native-endian 32-bit word 0x??RRGGBB (cairo's
 * CAIRO_FORMAT_RGB24; the top byte is ignored).  The bytes depend only on
 * the pixels.  Returns 0, or -1 with the problem in d and out as it was. */
int chart_png_encode(const unsigned char *data, int w, int h, int stride,
		     struct buf *out, struct diag *d);

/* Sets up what the first chart would otherwise pay for (fontconfig's
 * configuration, DejaVu Sans, the common glyphs: about 10 ms on one
 * core).  Optional; safe on any thread while others draw or ingest. */
void chart_warm_up(void);
/* chart_warm_up on a thread of its own, to overlap reading the data;
 * chart_render_batch waits for it before drawing.  Any other path must
 * call chart_warm_up_wait before chart_release_static (it returns at once
 * when nothing was started). */
void chart_warm_up_start(void);
void chart_warm_up_wait(void);

#endif

/* test_charts.c - every chart renders in PNG, SVG and PDF at the three
 * supported sizes for realistic, empty, single-account, extreme and
 * crowded data, deterministically; names, alt text, number formats, ticks,
 * ellipsizing and batches.  Pixel checks are in test_chart_pixels.c.
 *
 * TTFV_CHART_PREVIEW=DIR also writes every PNG into DIR for looking at. */
#include "charts/fixtures.h"
#include "charts/render.h"

static const struct {
	int w, h;
} sizes[] = {{600, 400}, {960, 540}, {1920, 1080}};

static const char *const fixture_names[] = {"realistic", "empty", "single",
					    "extreme", "many"};
static void (*const fixtures[])(struct stats *) = {
	fixture_realistic, fixture_empty, fixture_single, fixture_extreme,
	fixture_many};

static void preview_write(const char *chart, const char *fixture,
			  const struct chart_opts *o, const struct buf *b)
{
	const char *dir = getenv("TTFV_CHART_PREVIEW");
	char path[512];
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s_%s_%dx%d.png", dir, chart, fixture,
		 o->width, o->height);
	f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(b->ptr, 1, b->len, f);
	fclose(f);
}

/* Every chart x fixture x size x format renders, PNGs have the asked size
 * in device pixels, and a second rendering gives the same bytes. */
static void test_all_render(void)
{
	static const char *const magic[] = {"\x89PNG", "<?xml", "%PDF"};
	size_t f, z;
	int id, fmt;

	for (f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		struct stats s;

		fixtures[f](&s);
		for (id = 0; id < CHART_COUNT; id++)
			for (z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
				for (fmt = CHART_PNG; fmt <= CHART_PDF; fmt++) {
					struct buf a = BUF_INIT, b = BUF_INIT;
					double scale = z == 1 ? 2 : 1;

					CHECK_INT(render(id, &s, sizes[z].w,
							 sizes[z].h, scale, fmt,
							 &a), 0);
					CHECK_INT(render(id, &s, sizes[z].w,
							 sizes[z].h, scale, fmt,
							 &b), 0);
					CHECK(a.len > 100 &&
					      memcmp(a.ptr, magic[fmt],
						     strlen(magic[fmt])) == 0);
					CHECK(a.len == b.len &&
					      memcmp(a.ptr, b.ptr, a.len) == 0);
					if (fmt == CHART_PNG) {
						struct chart_opts o = {sizes[z].w,
							sizes[z].h, scale, fmt};
						cairo_surface_t *img =
							png_decode(&a);

						CHECK_INT(cairo_image_surface_get_width(img),
							  sizes[z].w * scale);
						CHECK_INT(cairo_image_surface_get_height(img),
							  sizes[z].h * scale);
						cairo_surface_destroy(img);
						preview_write(chart_name(id),
							      fixture_names[f],
							      &o, &a);
					}
					buf_release(&a);
					buf_release(&b);
				}
		fixture_release(&s);
	}
}

static void test_names(void)
{
	int id;

	for (id = 0; id < CHART_COUNT; id++)
		CHECK_INT(chart_lookup(chart_name(id)), id);
	CHECK_STR(chart_name(CHART_TTFV_BY_OUTCOME), "ttfv_by_outcome");
	CHECK_INT(chart_lookup("funnel"), CHART_FUNNEL);
	CHECK_INT(chart_lookup("Funnel"), -1);
	CHECK_INT(chart_lookup(""), -1);
}

/* A size out of range is an error in d, and nothing is appended. */
static void test_bad_size(void)
{
	struct stats s;
	struct buf b = BUF_INIT;
	struct chart_opts o = {50, 400, 1, CHART_SVG};
	struct diag d;

	fixture_realistic(&s);
	diag_init(&d);
	buf_puts(&b, "kept");
	CHECK_INT(chart_render(CHART_FUNNEL, &s, &o, &b, &d), -1);
	CHECK_INT(d.count, 1);
	CHECK_CONTAINS(buf_cstr(&d.text), "chart size 50x400");
	CHECK_STR(buf_cstr(&b), "kept");
	diag_release(&d);
	buf_release(&b);
	fixture_release(&s);
}

static void check_alt(enum chart_id id, const struct stats *s,
		      const char *want)
{
	struct buf b = BUF_INIT;

	chart_alt(id, s, &b);
	CHECK_CONTAINS(buf_cstr(&b), want);
	buf_release(&b);
}

/* Alt text figures, from the fixture by hand:
 * - funnel: 1500 / 2900 = 0.517 -> 52%; the largest drop-off is after
 *   first_login, 1 - 2100/2700 = 0.222 -> 22%;
 * - trend: the tested cohort is the one before the latest, 2026-09,
 *   i = 16: t = 12 (1 + 0.25 sin 16) = 11.136, its high-touch KM median
 *   t (0.7 + 0.1 cos 16) x 41 / 14 = 19.706 -> 19.7, interval x 0.8 =
 *   15.8 and x 1.3 = 25.6;
 * - post-mortems: 240 + 160 + 110 + 60 = 570, product 240/570 = 42%;
 *   May 12+8+5+3 = 28, October 14+6+7+2 = 29;
 * - still onboarding: 20+35+140 = 195 on track, 9+6+31 = 46 at risk,
 *   12+4+22 = 38 breached;
 * - experiment (fx_arms): control 400 accounts, 360 eligible, 288
 *   activated = 80%; nudge 1 413, 371, 371 x 81 / 100 = 300 -> 300 / 371
 *   = 80.9% -> 81%, P(better) 0.5 + 0.45 / 2 = 72.5%. */
static void test_alt(void)
{
	struct stats s;
	int id;

	fixture_realistic(&s);
	check_alt(CHART_COHORT_CURVES, &s, "18 cohorts (2025-05 to 2026-10)");
	check_alt(CHART_COHORT_CURVES, &s,
		  "SLA days marked: high-touch 41 days, mid-touch 21 days, "
		  "tech-touch 14 days.");
	check_alt(CHART_FUNNEL, &s,
		  "from 2,900 at kickoff to 1,500 at go_live (52% of the first "
		  "step); the largest drop-off, 22%, is after first_login.");
	check_alt(CHART_TTFV_BY_OUTCOME, &s, "of 900 renewed and 120 churned");
	check_alt(CHART_POSTMORTEMS, &s,
		  "570 SLA-breach post-mortems by root cause, led by Product "
		  "with 240 (42%)");
	check_alt(CHART_POSTMORTEMS, &s, "from 28 in 2026-05 to 29 in 2026-10.");
	check_alt(CHART_SLA_ATTAINMENT, &s,
		  "high-touch 74% within 41 days, mid-touch 81% within 21 days");
	check_alt(CHART_SLA_ATTAINMENT, &s,
		  "195 on track, 46 at risk, 38 breached.");
	check_alt(CHART_TTFV_TREND, &s,
		  "one panel per tier (3); cohorts still in progress are "
		  "hollow; high-touch: 2026-09 19.7 days (95% interval 15.8 "
		  "to 25.6) against an SLA of 41 days;");
	check_alt(CHART_EXPERIMENT, &s,
		  "for 2 experiment arms: control 80% of 360 within 30 days; "
		  "nudge 1 81% of 371 within 30 days, P(better than control) "
		  "72.5%.");
	fixture_release(&s);
	fixture_empty(&s);
	for (id = 0; id < CHART_COUNT; id++)
		check_alt(id, &s, "no data");
	fixture_release(&s);
}

static void test_format(void)
{
	char t[48];
	struct axis a = {.unit = UNIT_DAYS};

	chart_fmt_count(t, sizeof(t), 1234567);
	CHECK_STR(t, "1,234,567");
	chart_fmt_count(t, sizeof(t), 999);
	CHECK_STR(t, "999");
	chart_fmt_days(t, sizeof(t), 12.34);
	CHECK_STR(t, "12.3");
	chart_fmt_days(t, sizeof(t), 14);
	CHECK_STR(t, "14");
	chart_fmt_days(t, sizeof(t), 5000);
	CHECK_STR(t, "5,000");
	chart_fmt_days(t, sizeof(t), NAN);
	CHECK_STR(t, "n/a");
	/* a business-day SLA on a calendar axis: stats' 36 x 7 / 5 = 50.4
	 * calendar days, named as about 50 */
	struct tier_stats bt = {.sla_days = 36, .sla_calendar_days = 50.4,
				.days = DAYS_BUSINESS};
	struct tier_stats ct = {.sla_days = 14, .sla_calendar_days = 14,
				.days = DAYS_CALENDAR};
	chart_fmt_sla(t, sizeof(t), &bt, true);
	CHECK_STR(t, "SLA 36 business days (~50 d)");
	chart_fmt_sla(t, sizeof(t), &bt, false);
	CHECK_STR(t, "SLA 36 business days");
	chart_fmt_sla(t, sizeof(t), &ct, true);
	CHECK_STR(t, "SLA 14 d");
	chart_fmt_pct(t, sizeof(t), 0.74);
	CHECK_STR(t, "74%");
	chart_fmt_pct(t, sizeof(t), 0.075);
	CHECK_STR(t, "7.5%");
	chart_fmt_pct(t, sizeof(t), 0.0004);
	CHECK_STR(t, "<0.1%");
	chart_fmt_pct(t, sizeof(t), 0);
	CHECK_STR(t, "0%");
	/* 1-2-5 steps: 85 days in at most 10 steps -> 10 (5 would be 17);
	 * 5000 in at most 6 -> 1000 (500 would be 10); 0.1 in 4 -> 0.05 */
	chart_axis_nice(&a, 0, 85, 10);
	CHECK_NEAR(a.step, 10, 1e-12);
	CHECK_NEAR(a.hi, 90, 1e-9);
	chart_axis_nice(&a, 0, 5000, 6);
	CHECK_NEAR(a.step, 1000, 1e-9);
	CHECK_NEAR(a.hi, 5000, 1e-9);
	chart_axis_nice(&a, 0, 0.1, 4);
	CHECK_NEAR(a.step, 0.05, 1e-12);
	/* shares may step by 25%: 0.1 and 0.2 give 10 and 5 steps, 0.25 four */
	a.unit = UNIT_SHARE;
	chart_axis_nice(&a, 0, 1, 4);
	CHECK_NEAR(a.step, 0.25, 1e-12);
	a.unit = UNIT_COUNT;
	chart_axis_nice(&a, 0, 1, 10);
	CHECK_NEAR(a.step, 1, 1e-12);
}

/* Ellipsizing cuts at a character boundary and fits the width. */
static void test_text_fit(void)
{
	struct chart_opts o = {600, 400, 1, CHART_PNG};
	struct canvas cv;
	struct buf b = BUF_INIT;
	struct diag d;
	char t[64];

	diag_init(&d);
	CHECK_INT(canvas_open(&cv, &o, &b, &d), 0);
	canvas_font(&cv, FS_BODY, false);
	canvas_text_fit(&cv, "short", 200, t, sizeof(t));
	CHECK_STR(t, "short");
	canvas_text_fit(&cv, "caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9",
			canvas_text_w(&cv, "caf\xc3\xa9 caf\xc3\xa9"), t,
			sizeof(t));
	CHECK(canvas_text_w(&cv, t) <= canvas_text_w(&cv, "caf\xc3\xa9 caf\xc3\xa9"));
	CHECK(strlen(t) >= 3 && strcmp(t + strlen(t) - 3, "\xe2\x80\xa6") == 0);
	canvas_text_fit(&cv, "caf\xc3\xa9\xc3\xa9\xc3\xa9",
			canvas_text_w(&cv, "caf\xe2\x80\xa6"), t, sizeof(t));
	/* "caf" + ellipsis, never "caf\xc3" cut inside the e-acute */
	CHECK_STR(t, "caf\xe2\x80\xa6");
	CHECK_INT(canvas_close(&cv, &d), 0);
	diag_release(&d);
	buf_release(&b);
}

/* Line labels: ten SLA days 3 days apart on a 600-px chart cannot all be
 * labelled; the ones that are never overlap in a row, never sit on the
 * line of a label above them, and use at most three rows. */
static void test_marks_place(void)
{
	struct chart_opts o = {600, 400, 1, CHART_PNG};
	struct chart_mark m[10];
	struct canvas cv;
	struct buf b = BUF_INIT;
	struct diag d;
	size_t i, j, shown = 0;
	int rows;

	diag_init(&d);
	CHECK_INT(canvas_open(&cv, &o, &b, &d), 0);
	canvas_font(&cv, FS_SMALL, false);
	for (i = 0; i < 10; i++) {
		memset(&m[i], 0, sizeof(m[i]));
		m[i].x = 60 + 12.0 * i;
		snprintf(m[i].text, sizeof(m[i].text), "tier %zu SLA %zu d", i,
			 7 + 3 * i);
	}
	rows = chart_marks_place(&cv, m, 10, 50, 590);
	CHECK(rows >= 1 && rows <= 3);
	for (i = 0; i < 10; i++) {
		if (m[i].row < 0)
			continue;
		shown++;
		CHECK(m[i].row < rows);
		CHECK(m[i].lx >= 50 && m[i].rx <= 590);
		for (j = 0; j < 10; j++) {
			if (j == i || m[j].row < 0)
				continue;
			if (m[j].row == m[i].row)
				CHECK(m[j].rx < m[i].lx || m[i].rx < m[j].lx);
			if (m[j].row < m[i].row)	/* j's line crosses i's row */
				CHECK(m[j].x < m[i].lx || m[j].x > m[i].rx);
		}
	}
	CHECK(shown >= 3 && shown < 10);
	/* two marks far apart share the first row */
	m[0].x = 60;
	m[1].x = 400;
	CHECK_INT(chart_marks_place(&cv, m, 2, 50, 590), 1);
	CHECK_INT(m[0].row, 0);
	CHECK_INT(m[1].row, 0);
	CHECK_INT(canvas_close(&cv, &d), 0);
	diag_release(&d);
	buf_release(&b);
}

/* A batch on several threads gives what one-by-one rendering gives. */
static void test_batch(void)
{
	struct chart_job jobs[2 * CHART_COUNT];
	struct stats s;
	struct diag d;
	size_t i;

	fixture_realistic(&s);
	diag_init(&d);
	for (i = 0; i < 2 * CHART_COUNT; i++) {
		jobs[i].id = (enum chart_id)(i / 2);
		jobs[i].opts = (struct chart_opts){960, 540, i % 2 ? 1 : 2,
						   i % 2 ? CHART_SVG : CHART_PNG};
		buf_init(&jobs[i].out);
		jobs[i].s = NULL;	/* the batch's */
	}
	CHECK_INT(chart_render_batch(&s, jobs, 2 * CHART_COUNT, &d), 0);
	CHECK_INT(d.count, 0);
	for (i = 0; i < 2 * CHART_COUNT; i++) {
		struct buf one = BUF_INIT;

		CHECK_INT(jobs[i].rc, 0);
		CHECK_INT(render(jobs[i].id, &s, 960, 540, jobs[i].opts.scale,
				 jobs[i].opts.format, &one), 0);
		CHECK(one.len == jobs[i].out.len &&
		      memcmp(one.ptr, jobs[i].out.ptr, one.len) == 0);
		buf_release(&one);
		buf_release(&jobs[i].out);
	}
	/* a failing job is reported, the others still drawn */
	jobs[0].opts.width = 10;
	buf_init(&jobs[0].out);
	buf_init(&jobs[1].out);
	CHECK_INT(chart_render_batch(&s, jobs, 2, &d), -1);
	CHECK_INT(d.count, 1);
	CHECK_CONTAINS(buf_cstr(&d.text), "chart size 10x540");
	CHECK_INT(jobs[0].rc, -1);
	CHECK_INT(jobs[1].rc, 0);
	CHECK(jobs[1].out.len > 100);
	buf_release(&jobs[0].out);
	buf_release(&jobs[1].out);
	diag_release(&d);
	fixture_release(&s);
}

int main(void)
{
	test_batch();
	test_names();
	test_format();
	test_text_fit();
	test_marks_place();
	test_alt();
	test_bad_size();
	test_all_render();
	chart_release_static();
	return test_done("test_charts");
}

/* test_render_report.c - render_report: every output and chart lands under
 * out_dir, and a failing run (bad template, unwritable place) leaves the
 * previous report exactly as it was. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charts.h"
#include "harness.h"
#include "render.h"
#include "render_fixture.h"
#include "test_files.h"


static char *path_of(const char *dir, const char *name)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/%s", dir, name);
	return buf_detach(&b);
}

int main(void)
{
	struct stats s;
	fix_fill(&s);
	char dir[] = "/tmp/ttfv-test-report-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *out = path_of(dir, "report");
	struct render_opts o = {.out_dir = out, .template_name = "leadership", .formats = 0, .generated = "2026-11-23"};
	struct diag d;
	diag_init(&d);

	/* formats 0 means all three; every chart as PNG and SVG but the
	 * experiment's (the fixture has no variant column) and the QBR's
	 * account_timeline */
	size_t shown = 0;
	for (int id = 0; id < CHART_COUNT; id++)
		shown += chart_shown((enum chart_id)id, &s);
	CHECK_INT(shown, CHART_COUNT - 2);
	CHECK_INT(render_report(&s, NULL, &o, &d), 0);
	CHECK_STR(buf_cstr(&d.text), "");
	CHECK_INT(count_files(out), 4);	/* md, html, json, charts/ */
	char *charts = path_of(out, "charts");
	CHECK_INT(count_files(charts), 2 * shown);
	char *md_path = path_of(out, "report.md");
	char *html_path = path_of(out, "report.html");
	char *md = slurp(md_path), *html = slurp(html_path);
	CHECK_CONTAINS(md, "# Onboarding review");
	CHECK_CONTAINS(md, "](charts/cohort_curves.png)");
	/* In the HTML the charts are inline, nothing points outside. */
	CHECK_CONTAINS(html, "<img class=\"chart\" src=\"data:image/svg+xml;base64,");
	CHECK(strstr(html, "src=\"charts/") == NULL);
	char *png = path_of(charts, "cohort_curves.png");
	char *head = slurp(png);
	CHECK(head && memcmp(head, "\x89PNG", 4) == 0);
	free(head);
	free(png);

	/* A template error: -1, and the previous files are untouched. */
	char *tpl = path_of(dir, "bad.md");
	FILE *f = fopen(tpl, "w");
	fputs("# Bad\n\n{{overall.p99}}\n", f);
	fclose(f);
	o.template_name = tpl;
	CHECK_INT(render_report(&s, NULL, &o, &d), -1);
	CHECK_CONTAINS(buf_cstr(&d.text), "bad.md:3: unknown placeholder '{{overall.p99}}'");
	char *md2 = slurp(md_path), *html2 = slurp(html_path);
	CHECK_STR(md2, md);
	CHECK_STR(html2, html);
	CHECK_INT(count_files(out), 4);
	CHECK_INT(count_files(charts), 2 * shown);
	free(md2);
	free(html2);

	/* An output directory that cannot exist (a file is in the way): -3
	 * naming the place. */
	diag_release(&d);
	diag_init(&d);
	char *blocked = path_of(md_path, "sub");
	o.out_dir = blocked;
	o.template_name = "cohort-qa";
	CHECK_INT(render_report(&s, NULL, &o, &d), -3);
	CHECK_CONTAINS(buf_cstr(&d.text), "report.md: not a directory");
	md2 = slurp(md_path);
	CHECK_STR(md2, md);
	free(md2);

	/* JSON alone writes no charts. */
	char *json_only = path_of(dir, "json-only");
	o.out_dir = json_only;
	o.formats = RENDER_JSON;
	CHECK_INT(render_report(&s, NULL, &o, &d), 0);
	CHECK_INT(count_files(json_only), 1);

	struct buf rm = BUF_INIT;
	buf_addf(&rm, "rm -rf '%s'", dir);
	CHECK_INT(system(buf_cstr(&rm)), 0);
	buf_release(&rm);
	free(md);
	free(html);
	free(out);
	free(charts);
	free(md_path);
	free(html_path);
	free(tpl);
	free(blocked);
	free(json_only);
	diag_release(&d);
	chart_release_static();
	return test_done("test_render_report");
}

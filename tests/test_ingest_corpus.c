/* test_ingest_corpus.c - every case of tests/corpus through ingest_run.
 *
 * A case is a directory of input files (and perhaps a ttfv.ini) with an
 * `expect` file: the exit code `ttfv check` must give (0 clean, 1 bad
 * data, 3 I/O), then one line per message that must appear, written by
 * hand from the input ("accounts.csv:4: account_id: duplicate ..."; the
 * directory part of the path is left out).  tests/cli_check.sh runs the
 * same cases through the binary. */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "harness.h"
#include "test_files.h"
#include "ingest_helpers.h"

#define CORPUS "tests/corpus"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


static void run_case(const char *name)
{
	char dir[256], path[300];
	snprintf(dir, sizeof(dir), "%s/%s", CORPUS, name);
	snprintf(path, sizeof(path), "%s/expect", dir);
	char *expect = slurp(path);
	if (!expect) {
		fprintf(stderr, "%s: no expect file\n", dir);
		CHECK(expect != NULL);
		return;
	}
	struct run r;
	run_begin(&r);
	snprintf(path, sizeof(path), "%s/ttfv.ini", dir);
	struct stat st;
	if (stat(path, &st) == 0)
		CHECK_INT(config_load(&r.c, path, &r.d), 0);
	CHECK_INT(clock_start(&r.c, &r.d), 0);
	struct ingest_input in = {dir, ROLE_UNKNOWN};
	int rc = ingest_run(&r.in, &r.m, &r.c, &in, 1, &r.d);
	int code = rc == 0 ? 0 : rc == -3 ? 3 : 1;
	/* the summary must not crash on any case */
	FILE *sink = fopen("/dev/null", "w");
	if (sink) {
		run_describe(&r, sink);
		fclose(sink);
	}
	char *line = strtok(expect, "\n");
	int want = line ? (int)strtol(line, NULL, 10) : -1;
	if (code != want)
		fprintf(stderr, "case %s:\n%s", name, diag_text(&r.d));
	CHECK_INT(code, want);
	while ((line = strtok(NULL, "\n")))
		CHECK_CONTAINS(diag_text(&r.d), line);
	if (want == 0)
		CHECK_STR(diag_text(&r.d), "");
	free(expect);
	run_end(&r);
}

int main(void)
{
	DIR *d = opendir(CORPUS);
	CHECK(d != NULL);
	if (!d)
		return test_done("test_ingest_corpus");
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		VEC_RESERVE(names, cap, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		run_case(names[i]);
		free(names[i]);
	}
	free(names);
	/* the corpus holds every case issue 2 lists, and more */
	CHECK(n >= 25);
	return test_done("test_ingest_corpus");
}

/* ingest_helpers.h - writes small CSV files into a temporary directory
 * and runs ingest_run on them, for the test_ingest*.c tests. */
#ifndef TTFV_INGEST_HELPERS_H
#define TTFV_INGEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "ingest.h"
#include "model.h"
#include "timeparse.h"
#include "timeutil.h"

/* An instant given in whole seconds (date +%s), as ttfv keeps it. */
#define US(sec) (INT64_C(sec) * TU_SECOND)

static char test_dir[64];

static inline void test_dir_make(void)
{
	snprintf(test_dir, sizeof(test_dir), "/tmp/ttfv-ingest-XXXXXX");
	if (!mkdtemp(test_dir)) {
		perror("mkdtemp");
		exit(2);
	}
}

static inline void test_dir_remove(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", test_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", test_dir);
}

/* Writes n bytes to test_dir/name. */
static inline void put_bytes(const char *name, const char *text, size_t n)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", test_dir, name);
	FILE *fp = fopen(path, "wb");
	if (!fp) {
		perror(path);
		exit(2);
	}
	fwrite(text, 1, n, fp);
	fclose(fp);
}

static inline void put_file(const char *name, const char *text)
{
	put_bytes(name, text, strlen(text));
}

/* One ingest of the named files (in test_dir) with config c. */
struct run {
	struct config c;
	struct model m;
	struct ingest in;
	struct diag d;
	int rc;
};

static inline void run_begin(struct run *r)
{
	memset(r, 0, sizeof(*r));
	config_init(&r->c);
	model_init(&r->m);
	diag_init(&r->d);
}

/* The named files of dir, with the config already in r->c. */
static inline int run_files_in(struct run *r, const char *dir,
			       const char *const *names, size_t n)
{
	struct ingest_input inputs[8];
	char paths[8][256];
	for (size_t i = 0; i < n && i < 8; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s/%s", dir, names[i]);
		inputs[i].path = paths[i];
		inputs[i].forced = ROLE_UNKNOWN;
	}
	/* the zone and a configured as-of, as main sets them before ingest */
	if (clock_start(&r->c, &r->d) < 0)
		return r->rc = -1;
	r->rc = ingest_run(&r->in, &r->m, &r->c, inputs, n, &r->d);
	return r->rc;
}

static inline int run_files(struct run *r, const char *const *names, size_t n)
{
	return run_files_in(r, test_dir, names, n);
}

/* `ttfv check`'s summary of the run, with the as-of main would settle. */
static inline void run_describe(struct run *r, FILE *to)
{
	struct diag none;
	diag_init(&none);
	clock_settle(&r->c, r->m.latest, &none);
	diag_release(&none);
	ingest_describe(&r->in, &r->c.clock, to);
}

static inline const char *diag_text(const struct diag *d)
{
	return buf_cstr(&d->text);
}

/* Whether two reads of one input said the same: return code, messages,
 * the rows skipped and why. */
static inline void check_same_messages(struct run *p, struct run *s)
{
	CHECK_INT(p->rc, s->rc);
	CHECK_STR(diag_text(&p->d), diag_text(&s->d));
	CHECK_INT(p->d.count, s->d.count);
	CHECK_STR(buf_cstr(&p->m.skipped.text), buf_cstr(&s->m.skipped.text));
	CHECK_INT(p->m.skipped.count, s->m.skipped.count);
}

/* Whether two runs' summaries are the same text: two reads of one input
 * (one thread and two, say) must not differ even in what they say. */
static inline void check_same_describe(struct run *p, struct run *s)
{
	char ps[4096], ss[4096];
	FILE *a = fmemopen(ps, sizeof(ps) - 1, "w");
	FILE *b = fmemopen(ss, sizeof(ss) - 1, "w");
	ps[0] = ss[0] = '\0';
	if (a && b) {
		run_describe(p, a);
		run_describe(s, b);
	}
	if (a)
		fclose(a);
	if (b)
		fclose(b);
	CHECK_STR(ps, ss);
}

static inline void run_end(struct run *r)
{
	ingest_release(&r->in);
	model_release(&r->m);
	diag_release(&r->d);
	config_release(&r->c);
}

#endif

/* output.h - reports published as one set, single files replaced whole. */
#ifndef TTFV_OUTPUT_H
#define TTFV_OUTPUT_H

#include <stddef.h>

#include "util.h"

/* One file of a set: path is relative to the set's directory, '/'
 * separated, and may name subdirectories ("charts/funnel.png",
 * "qbr/A1/report.md"); no empty, "." or ".." component. */
struct output_file {
	const char *path;
	const void *data;
	size_t n;
};

/* Publishes f[0..n) as the contents of directory dir, all at once: the
 * set is written into a new directory beside dir, synced (one syncfs), and
 * exchanged with dir in one rename, so at every instant dir holds either the whole
 * previous report or the whole new one.  Everything else the old dir
 * holds is kept (hard-linked into the new one); a directory, link or
 * special file where the set has a file (or a non-directory where it has
 * a directory) is refused untouched.  Runs into one dir are serialised by
 * a lock on dir's parent, and what a killed run left beside dir is
 * cleared first.  dir may not be a symbolic link, ".", ".." or "/".
 * Returns 0, or -3 with the reason in d. */
int output_write_set(const char *dir, const struct output_file *f, size_t n,
		     struct diag *d);
/* The same, for a set too large to hold in memory: begin locks dir's
 * parent and makes the new directory, each add writes one file into it
 * (a path as in output_file; the caller may free data at once), and
 * commit publishes what was added exactly as output_write_set does (the
 * stage is freed).  abort, after a failed add or instead of commit,
 * removes the new directory and leaves dir as it was.  begin and add
 * return 0 or -3 with the reason in d; after a failed begin, *st is NULL
 * and nothing needs aborting. */
struct output_stage;
int output_stage_begin(const char *dir, struct output_stage **st,
		       struct diag *d);
int output_stage_add(struct output_stage *st, const char *path,
		     const void *data, size_t n);
int output_stage_commit(struct output_stage *st);
void output_stage_abort(struct output_stage *st);
/* One file replaced whole: a temporary beside it, synced, renamed over
 * it.  A device or pipe the path names (/dev/stdout) is written in place,
 * and a FIFO nobody reads is an error, not a wait.  0 or -3. */
int output_write_atomic(const char *path, const void *data, size_t n,
			struct diag *d);
/* mkdir -p; 0 or -3 with the reason in d. */
int output_mkdirs(const char *path, struct diag *d);

#endif

/* ingest.h - reads the CSV exports (libcsv) into the model.
 *
 * Files are given as paths (files or directories); each file's role comes
 * from its header unless forced.  Accounts files are read first, then
 * events, pauses and post-mortems, so every row can be checked against the
 * known accounts.  Problems go to a diag as "FILE:LINE: COLUMN: problem";
 * nothing is printed from here.
 */
#ifndef TTFV_INGEST_H
#define TTFV_INGEST_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "model.h"
#include "util.h"

struct ingest_input {
	const char *path;	/* a file or a directory of *.csv files */
	enum role forced;	/* ROLE_UNKNOWN: recognise from the header */
};

struct ingest_file;		/* what was understood of one file */

/* Zero it (memset), set the options, call ingest_run; ingest_release
 * frees what ingest_run allocated. */
struct ingest {
	struct ingest_file *files;
	size_t nfiles;
	bool lenient;		/* skip bad rows into model->skipped */
	bool one_thread;	/* read large files with one thread */
	/* Called now and then while a file is read (every 2^16 rows), from
	 * the calling thread; NULL for none.  done and total are bytes. */
	void (*progress)(void *ctx, const char *path, size_t done,
			 size_t total);
	void *progress_ctx;
	struct buf notes;	/* more lines for the summary (ingest_run) */
};

/* Reads every input into m.  Returns 0; -1 when the data had problems (all
 * of them in d; under lenient only those that stop a whole file, the rows
 * skipped being in m->skipped); -3 on an I/O error (missing file,
 * unreadable directory).  An accounts or events file over 8 MB is read
 * by two threads (unless one_thread) with the same result as one. */
int ingest_run(struct ingest *in, struct model *m, const struct config *c,
	       const struct ingest_input *inputs, size_t ninputs,
	       struct diag *d);
/* `ttfv check`'s account of each file: role and why, rows, header mapping,
 * delimiter, encoding, line endings, date order, footer; then the notes
 * and the as-of date of the report clock k, and where it came from. */
void ingest_describe(const struct ingest *in, const struct report_clock *k,
		     FILE *out);
void ingest_release(struct ingest *in);

/* Whether a file of role r whose header is names (n of ttfv's column
 * names) is read under c's [columns] with each header as the column it
 * names, as the result of `ttfv sql` must be. */
bool ingest_columns_keep_names(const struct config *c, enum role r,
			       const char *const *names, size_t n);

/* The first directory among the inputs (where ttfv.ini is looked for), or
 * NULL. */
const char *ingest_first_dir(const struct ingest_input *inputs, size_t n);

#endif

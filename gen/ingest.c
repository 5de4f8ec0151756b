/* ingest.c - the ingest driver: inputs to files, files to roles, and the
 * reading order (accounts first, so every other row can be checked against
 * the known accounts). */
#include "ingest_impl.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool is_csv_name(const char *name)
{
	size_t n = strlen(name);
	if (n > 3 && str_ieq_n(name + n - 3, 3, ".gz"))
		n -= 3;	/* a compressed export */
	return n > 4 && name[0] != '.' &&
	       (str_ieq_n(name + n - 4, 4, ".csv") ||
		str_ieq_n(name + n - 4, 4, ".tsv"));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds a file, once: named twice (itself and through its directory, say)
 * it would count every account twice. */
static void add_file(struct ingest *in, size_t *cap, const char *path,
		     enum role forced)
{
	struct stat st;
	bool known = stat(path, &st) == 0;
	for (size_t i = 0; known && i < in->nfiles; i++) {
		if (in->files[i].dev == st.st_dev &&
		    in->files[i].ino == st.st_ino) {
			buf_addf(&in->notes, "%s: the same file as %s, read "
					     "once\n",
				 path, in->files[i].path);
			return;
		}
	}
	VEC_RESERVE(in->files, *cap, in->nfiles + 1);
	struct ingest_file *f = &in->files[in->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->forced = forced;
	if (known) {
		f->dev = st.st_dev;
		f->ino = st.st_ino;
	}
	for (int col = 0; col < COL_COUNT; col++)
		f->colidx[col] = -1;
}

/* The *.csv files of a directory, sorted by name. */
static int add_dir(struct ingest *in, size_t *cap,
		   const struct ingest_input *input, struct diag *d)
{
	DIR *dir = opendir(input->path);
	if (!dir) {
		diag_add(d, input->path, 0, NULL, "cannot read: %s",
			 strerror(errno));
		return -3;
	}
	char **names = NULL;
	size_t n = 0, ncap = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (!is_csv_name(e->d_name))
			continue;
		VEC_RESERVE(names, ncap, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), by_name);
	size_t plen = strlen(input->path);
	bool slash = plen && input->path[plen - 1] == '/';
	size_t added = 0;
	for (size_t i = 0; i < n; i++) {
		struct buf path = BUF_INIT;
		buf_addf(&path, "%s%s%s", input->path, slash ? "" : "/",
			 names[i]);
		/* a FIFO or device named *.csv would block or never end: only
		 * one named on the command line is read */
		struct stat st;
		if (stat(buf_cstr(&path), &st) < 0 || S_ISREG(st.st_mode)) {
			add_file(in, cap, buf_cstr(&path), input->forced);
			added++;
		}
		buf_release(&path);
		free(names[i]);
	}
	free(names);
	if (!added)
		return diag_add(d, input->path, 0, NULL,
				"no .csv files in this directory");
	return 0;
}

static int expand(struct ingest *in, const struct ingest_input *inputs,
		  size_t n, struct diag *d)
{
	size_t cap = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(inputs[i].path, &st) < 0) {
			diag_add(d, inputs[i].path, 0, NULL, "cannot open: %s",
				 strerror(errno));
			rc = -3;
		} else if (S_ISDIR(st.st_mode)) {
			int r = add_dir(in, &cap, &inputs[i], d);
			if (r < rc)
				rc = r;
		} else {
			add_file(in, &cap, inputs[i].path, inputs[i].forced);
		}
	}
	return rc;
}

/* After the accounts, so every row can be checked against them. */
static const enum role other_roles[] = {ROLE_EVENTS, ROLE_PAUSES,
					ROLE_POSTMORTEMS};

/* Whether some file is read after the accounts. */
static bool reads_others(const struct ingest *in)
{
	for (size_t i = 0; i < in->nfiles; i++)
		for (size_t k = 0; k < sizeof(other_roles) / sizeof(*other_roles);
		     k++)
			if (!in->files[i].failed &&
			    in->files[i].role == other_roles[k])
				return true;
	return false;
}

struct events_setup {
	struct model *m;
	const struct config *c;
};

/* The week-2 windows and the names that matter, which the events need:
 * on a thread of their own while the id table is built, which reads
 * nothing of the model but the accounts' ids. */
static void *events_setup(void *arg)
{
	const struct events_setup *s = arg;
	model_week2_begin(s->m, s->c);
	model_want_events(s->m, s->c);
	return NULL;
}

int ingest_run(struct ingest *in, struct model *m, const struct config *c,
	       const struct ingest_input *inputs, size_t ninputs,
	       struct diag *d)
{
	struct ingest_ids ids = {0};
	struct ingest_ctx x = {.in = in, .m = m, .c = c, .d = d,
				.skipped = &m->skipped, .ids = &ids};
	tp_zone_changed();
	int io = expand(in, inputs, ninputs, d);
	int rc = io == -1 ? -1 : 0;
	struct ingest_opener *op = ingest_open_start(in, c);
	/* the accounts need nothing but their own file: they are read while
	 * the other files open, and their messages follow the opening's */
	struct diag early;
	diag_init(&early);
	x.d = &early;
	for (size_t i = 0; i < in->nfiles; i++) {
		struct ingest_file *f = &in->files[i];
		if (ingest_open_wait(op, i) || f->role != ROLE_ACCOUNTS)
			continue;
		for (int ms = 0; ms < MS_COUNT; ms++)
			m->ms_column[ms] |= f->colidx[schema_milestone_col(ms)] >= 0;
		f->acc_first = m->nacc;
		ingest_split_read(&x, f);
		ingest_accounts_done(&x, f);
		ingest_unload(f);
	}
	int opened = ingest_open_finish(op, d);
	if (opened == -3)
		io = -3;
	if (opened)
		rc = -1;
	bool named = false, readable = false;
	for (size_t i = 0; i < in->nfiles; i++) {
		named |= in->files[i].role == ROLE_ACCOUNTS;
		readable |= in->files[i].role == ROLE_ACCOUNTS &&
			    !in->files[i].failed;
	}
	/* a file that could not be read explains itself; say this only when
	 * every file was read and none holds accounts */
	if (!named && in->nfiles && rc == 0 && io == 0)
		rc = diag_add(d, NULL, 0, NULL,
			      "no accounts file among the inputs: ttfv needs "
			      "one with account_id and signed_at columns");
	/* a [columns] line that matches no header is likely a typo */
	for (size_t i = 0; i < c->ncolumns; i++)
		if (!ingest_columns_used(in, &c->columns[i]))
			buf_addf(&in->notes,
				 "[columns] line %d ('%s = %s') matches no "
				 "header of these files\n",
				 c->columns[i].line, c->columns[i].header,
				 c->columns[i].canonical);
	diag_merge(d, &early);
	diag_release(&early);
	x.d = d;
	/* without readable accounts, other rows could only all be
	 * "unknown account": they are left unread */
	bool others = readable && reads_others(in);
	struct events_setup setup = {m, c};
	pthread_t apart;
	bool threaded = others && !in->one_thread &&
			pthread_create(&apart, NULL, events_setup, &setup) == 0;
	if (!threaded)
		events_setup(&setup);
	if (others)
		ingest_ids_build(&ids, m);
	if (threaded)
		pthread_join(apart, NULL);
	for (size_t k = 0; others && k < sizeof(other_roles) /
					 sizeof(*other_roles);
	     k++) {
		for (size_t i = 0; i < in->nfiles; i++) {
			struct ingest_file *f = &in->files[i];
			if (f->failed || f->role != other_roles[k])
				continue;
			if (f->role == ROLE_EVENTS)
				ingest_split_read(&x, f);
			else
				ingest_rows_read(&x, f);
			ingest_unload(f);
		}
	}
	buf_release(&x.msg);
	ingest_ids_release(&ids);
	for (size_t i = 0; in->lenient && i < in->nfiles; i++)
		m->rows_skipped += in->files[i].rows_bad;
	if (io == -3)
		return -3;
	return rc < 0 || x.rc < 0 ? -1 : 0;
}

void ingest_release(struct ingest *in)
{
	for (size_t i = 0; i < in->nfiles; i++) {
		struct ingest_file *f = &in->files[i];
		ingest_unload(f);
		ingest_columns_release(f);
		free(f->path);
	}
	free(in->files);
	in->files = NULL;
	in->nfiles = 0;
	buf_release(&in->notes);
}

const char *ingest_first_dir(const struct ingest_input *inputs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(inputs[i].path, &st) == 0 && S_ISDIR(st.st_mode))
			return inputs[i].path;
	}
	return NULL;
}

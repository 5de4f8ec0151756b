/* test_output.c - atomic writes: the new content replaces the old whole,
 * and every failure leaves the old file as it was (and no temporary). */
#include <dirent.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "output.h"
#include "test_files.h"

static void check_file(const char *path, const char *want)
{
	char *got = slurp(path);
	CHECK_STR(got, want);
	free(got);
}

/* Entries of dir, hidden ones too: a staging directory left beside a
 * report is a leftover. */
static int count_all(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

/* A set of files is published whole or not at all: pub/set/x and
 * pub/set/sub/y, with the user's own pub/set/mine beside them; a disk that fills up half-way
 * through the second set leaves the first whole and nothing beside it;
 * paths outside the directory and twice-named paths are refused before
 * anything is touched. */
static void test_set(const char *dir)
{
	struct buf set = BUF_INIT, x = BUF_INIT, y = BUF_INIT, mine = BUF_INIT;
	struct diag d;
	diag_init(&d);
	buf_addf(&set, "%s/pub/set", dir);
	buf_addf(&x, "%s/pub/set/x", dir);
	buf_addf(&y, "%s/pub/set/sub/y", dir);
	buf_addf(&mine, "%s/pub/set/mine", dir);
	struct buf pub = BUF_INIT;
	buf_addf(&pub, "%s/pub", dir);
	struct output_file f[] = {{"x", "x1\n", 3}, {"sub/y", "y1\n", 3},
				  {"sub/y", "again", 5}};
	CHECK_INT(output_write_set(buf_cstr(&set), f, 2, &d), 0);
	CHECK_STR(buf_cstr(&d.text), "");
	check_file(buf_cstr(&x), "x1\n");
	check_file(buf_cstr(&y), "y1\n");
	FILE *m = fopen(buf_cstr(&mine), "w");
	CHECK(m != NULL);
	if (m) {
		fputs("mine\n", m);
		fclose(m);
	}

	/* twice the same path, a path leaving the directory */
	f[0].data = "x2\n";
	CHECK_INT(output_write_set(buf_cstr(&set), f, 3, &d), -3);
	CHECK_CONTAINS(buf_cstr(&d.text), "'sub/y' is in the report twice");
	struct output_file out[] = {{"../escape", "e", 1}};
	CHECK_INT(output_write_set(buf_cstr(&set), out, 1, &d), -3);
	CHECK_CONTAINS(buf_cstr(&d.text),
		       "'../escape' is not a path inside the report");
	check_file(buf_cstr(&x), "x1\n");
	/* refused before anything is touched: not even the missing parent
	 * of a new directory is made */
	struct buf fresh = BUF_INIT;
	buf_addf(&fresh, "%s/pub/fresh/set", dir);
	CHECK_INT(output_write_set(buf_cstr(&fresh), f, 3, &d), -3);
	buf_release(&fresh);
	CHECK_INT(count_all(buf_cstr(&pub)), 1);	/* set/ alone */
	/* the same, a file at a time: a path leaving the directory is
	 * refused, and abort leaves the set as it was */
	struct output_stage *st = NULL;
	CHECK_INT(output_stage_begin(buf_cstr(&set), &st, &d), 0);
	CHECK_INT(output_stage_add(st, "x", "x5\n", 3), 0);
	CHECK_INT(output_stage_add(st, "sub/../../x", "e", 1), -3);
	CHECK_CONTAINS(buf_cstr(&d.text),
		       "'sub/../../x' is not a path inside the report");
	output_stage_abort(st);
	check_file(buf_cstr(&x), "x1\n");
	CHECK_INT(count_all(buf_cstr(&pub)), 1);

	/* the second file is too large for the disk */
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit small = {8, 8};
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &small);
		struct diag cd;
		diag_init(&cd);
		f[0].data = "x3\n";
		f[1].data = "far more than eight bytes\n";
		f[1].n = 26;
		_exit(output_write_set(buf_cstr(&set), f, 2, &cd) == -3 &&
			      strstr(buf_cstr(&cd.text),
				     "set/sub/y: cannot write: File too large")
			      ? 0
			      : 1);
	}
	int status = 0;
	CHECK_INT(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	check_file(buf_cstr(&x), "x1\n");
	check_file(buf_cstr(&y), "y1\n");
	CHECK_INT(count_all(buf_cstr(&pub)), 1);	/* set/ alone */
	CHECK_INT(count_all(buf_cstr(&set)), 3);	/* x, sub/, mine */

	/* a new set: mine kept, the same file */
	struct stat before, after;
	CHECK_INT(stat(buf_cstr(&mine), &before), 0);
	f[0].data = "x4\n";
	f[1].n = 3;
	f[1].data = "y4\n";
	CHECK_INT(output_write_set(buf_cstr(&set), f, 2, &d), 0);
	check_file(buf_cstr(&x), "x4\n");
	check_file(buf_cstr(&y), "y4\n");
	check_file(buf_cstr(&mine), "mine\n");
	CHECK_INT(stat(buf_cstr(&mine), &after), 0);
	CHECK(before.st_ino == after.st_ino);
	CHECK_INT(count_all(buf_cstr(&pub)), 1);
	buf_release(&pub);
	buf_release(&set);
	buf_release(&x);
	buf_release(&y);
	buf_release(&mine);
	diag_release(&d);
}

int main(void)
{
	char dir[] = "/tmp/ttfv-test-output-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	struct buf p = BUF_INIT;
	struct diag d;
	diag_init(&d);

	/* A new file, then an overwrite; mode is 0644, not mkstemp's 0600. */
	buf_addf(&p, "%s/report.md", dir);
	CHECK_INT(output_write_atomic(buf_cstr(&p), "old\n", 4, &d), 0);
	check_file(buf_cstr(&p), "old\n");
	struct stat st;
	CHECK_INT(stat(buf_cstr(&p), &st), 0);
	CHECK_INT(st.st_mode & 0777, 0644);
	CHECK_INT(output_write_atomic(buf_cstr(&p), "new\n", 4, &d), 0);
	check_file(buf_cstr(&p), "new\n");
	CHECK_INT(output_write_atomic(buf_cstr(&p), "", 0, &d), 0);
	check_file(buf_cstr(&p), "");
	CHECK_INT(output_write_atomic(buf_cstr(&p), "old\n", 4, &d), 0);
	CHECK_INT(count_files(dir), 1);
	CHECK_INT(d.count, 0);

	/* A missing directory: -3 naming the path, nothing created. */
	struct buf q = BUF_INIT;
	buf_addf(&q, "%s/missing/report.md", dir);
	CHECK_INT(output_write_atomic(buf_cstr(&q), "x", 1, &d), -3);
	CHECK_CONTAINS(buf_cstr(&d.text), "/missing/report.md: cannot create a temporary file: No such file or directory");
	CHECK_INT(count_files(dir), 1);

	/* A write that fails half-way (the file-size limit stands in for a
	 * full disk, and binds root too): the old file keeps its content and
	 * no temporary is left. */
	{
		struct rlimit old, small = {2, 2};
		signal(SIGXFSZ, SIG_IGN);
		CHECK_INT(getrlimit(RLIMIT_FSIZE, &old), 0);
		small.rlim_max = old.rlim_max;
		CHECK_INT(setrlimit(RLIMIT_FSIZE, &small), 0);
		diag_release(&d);
		diag_init(&d);
		CHECK_INT(output_write_atomic(buf_cstr(&p), "much longer\n", 12,
					      &d),
			  -3);
		CHECK_INT(setrlimit(RLIMIT_FSIZE, &old), 0);
		CHECK_CONTAINS(buf_cstr(&d.text), "report.md: cannot write: File too large");
		check_file(buf_cstr(&p), "old\n");
		CHECK_INT(count_files(dir), 1);
	}

	/* An unwritable directory: the old file stays.  Root may write into
	 * any directory, so the write runs in a child that gives root up
	 * (for user nobody, 65534) and first makes sure it can enter the
	 * directory and read the file but not write there. */
	CHECK_INT(chmod(dir, 0555), 0);
	pid_t pid = fork();
	if (pid == 0) {
		if (geteuid() == 0 &&
		    (setgroups(0, NULL) || setgid(65534) || setuid(65534)))
			_exit(2);
		if (access(dir, R_OK | X_OK) || access(buf_cstr(&p), R_OK) ||
		    !access(dir, W_OK))
			_exit(3);
		int rc = output_write_atomic(buf_cstr(&p), "x", 1, &d);
		_exit(rc != -3 ? 4
		       : !strstr(buf_cstr(&d.text), "report.md: cannot create a "
						    "temporary file: Permission "
						    "denied") ? 5 : 0);
	}
	int status = -1;
	CHECK_INT(waitpid(pid, &status, 0), pid);
	/* 2: cannot give root up, 3: the directory's modes are not what
	 * the check needs, 4: the write did not fail, 5: not with EACCES */
	CHECK_INT(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
	CHECK_INT(chmod(dir, 0755), 0);
	check_file(buf_cstr(&p), "old\n");
	CHECK_INT(count_files(dir), 1);

	/* The target is a directory: rename fails, the directory stays. */
	buf_reset(&q);
	buf_addf(&q, "%s/charts", dir);
	CHECK_INT(output_mkdirs(buf_cstr(&q), &d), 0);
	CHECK_INT(output_write_atomic(buf_cstr(&q), "x", 1, &d), -3);
	CHECK_CONTAINS(buf_cstr(&d.text), "charts: cannot rename into place");
	CHECK_INT(stat(buf_cstr(&q), &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_INT(count_files(dir), 2);

	/* mkdirs: nested, idempotent, trailing slash; a file in the way. */
	buf_reset(&q);
	buf_addf(&q, "%s/a/b/c/", dir);
	CHECK_INT(output_mkdirs(buf_cstr(&q), &d), 0);
	CHECK_INT(output_mkdirs(buf_cstr(&q), &d), 0);
	CHECK_INT(stat(buf_cstr(&q), &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	buf_reset(&q);
	buf_addf(&q, "%s/report.md/sub", dir);
	diag_release(&d);
	diag_init(&d);
	CHECK_INT(output_mkdirs(buf_cstr(&q), &d), -3);
	CHECK_CONTAINS(buf_cstr(&d.text), "report.md: not a directory");

	test_set(dir);
	buf_reset(&q);
	buf_addf(&q, "rm -rf '%s'", dir);
	CHECK_INT(system(buf_cstr(&q)), 0);
	buf_release(&p);
	buf_release(&q);
	diag_release(&d);
	return test_done("test_output");
}

/* test_output.c - atomic writes: the new content replaces the old whole,
 * and every failure leaves the old file as it was (and no temporary). */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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

/* A set of files is written whole or not at all: a/x, a/sub/y and a/z,
 * where z cannot be written (its directory is missing, then the disk is
 * "full"), leave x and y as they were, and no temporary behind. */
static void test_set(const char *dir)
{
	struct buf x = BUF_INIT, y = BUF_INIT, z = BUF_INIT, sub = BUF_INIT;
	struct diag d;
	diag_init(&d);
	buf_addf(&sub, "%s/set/sub", dir);
	CHECK_INT(output_mkdirs(buf_cstr(&sub), &d), 0);
	buf_addf(&x, "%s/set/x", dir);
	buf_addf(&y, "%s/set/sub/y", dir);
	buf_addf(&z, "%s/set/missing/z", dir);
	struct output_file f[] = {{buf_cstr(&x), "x1\n", 3},
				  {buf_cstr(&y), "y1\n", 3},
				  {buf_cstr(&z), "z1\n", 3}};
	CHECK_INT(output_write_set(f, 2, &d), 0);
	check_file(buf_cstr(&x), "x1\n");
	check_file(buf_cstr(&y), "y1\n");
	CHECK_INT(d.count, 0);

	f[0].data = "x2\n";
	f[1].data = "y2\n";
	CHECK_INT(output_write_set(f, 3, &d), -3);
	CHECK_CONTAINS(buf_cstr(&d.text), "/set/missing/z: cannot create a "
					  "temporary file: No such file or "
					  "directory");
	check_file(buf_cstr(&x), "x1\n");
	check_file(buf_cstr(&y), "y1\n");

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
		_exit(output_write_set(f, 2, &cd) == -3 &&
			      strstr(buf_cstr(&cd.text),
				     "sub/y: cannot write: File too large")
			      ? 0
			      : 1);
	}
	int status = 0;
	CHECK_INT(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	check_file(buf_cstr(&x), "x1\n");
	check_file(buf_cstr(&y), "y1\n");
	buf_reset(&sub);
	buf_addf(&sub, "%s/set", dir);
	CHECK_INT(count_files(buf_cstr(&sub)), 2);	/* x and sub/ */
	buf_addf(&sub, "/sub");
	CHECK_INT(count_files(buf_cstr(&sub)), 1);
	buf_release(&x);
	buf_release(&y);
	buf_release(&z);
	buf_release(&sub);
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

	/* An unwritable directory (only meaningful when not root). */
	if (geteuid() != 0) {
		CHECK_INT(chmod(dir, 0555), 0);
		CHECK_INT(output_write_atomic(buf_cstr(&p), "x", 1, &d), -3);
		CHECK_INT(chmod(dir, 0755), 0);
		check_file(buf_cstr(&p), "old\n");
	}

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

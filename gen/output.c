/* output.c - one file replaced whole or not at all (a chart, a sample
 * file); a report's set of files is output_publish.c's.
 *
 * The data goes to a temporary file next to the target (same directory, so
 * same file system and rename(2) is atomic), is fsync'ed, then renamed over
 * the target; the directory is fsync'ed too so the rename survives a crash.
 * Any failure removes the temporary and leaves the old file as it was. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "output_impl.h"

/* The directory part of path ("." when none), into a heap string the
 * caller frees. */
static char *output_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int output_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Makes the rename durable; some file systems refuse fsync on a directory,
 * which costs durability but not atomicity, so that is not an error. */
static void output_sync_dir(const char *path)
{
	char *dir = output_dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* A device or a pipe (/dev/stdout, /dev/full) is written in place: there
 * is nothing to replace, and as root rename(2) would put a regular file
 * where /dev/null was. */
static int output_write_direct(const char *path, const void *data, size_t n,
			       struct diag *d)
{
	/* non-blocking open: a FIFO with no reader is ENXIO, not a hang */
	int fd = open(path, O_WRONLY | O_TRUNC | O_NONBLOCK);
	if (fd >= 0)
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (fd < 0) {
		diag_add(d, path, 0, NULL, "cannot open: %s", strerror(errno));
		return -3;
	}
	int rc = output_write_all(fd, data, n);
	int err = errno;
	if (close(fd) < 0 && rc == 0) {
		rc = -1;
		err = errno;
	}
	if (rc < 0) {
		diag_add(d, path, 0, NULL, "cannot write: %s", strerror(err));
		return -3;
	}
	return 0;
}

/* Creates, fills and syncs path's temporary, then renames it over path;
 * the temporary is removed on any failure. */
static int output_replace(const char *path, const void *data, size_t n,
			  struct diag *d)
{
	struct buf tmp = BUF_INIT;
	buf_addf(&tmp, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp.ptr);
	const char *what = NULL;
	if (fd < 0) {
		what = "cannot create a temporary file";
	} else if (output_write_all(fd, data, n) < 0) {
		what = "cannot write";
	/* mkstemp makes the file 0600; a chart is meant to be shared. */
	} else if (fchmod(fd, 0644) < 0) {
		what = "cannot set permissions on";
	} else if (fsync(fd) < 0) {
		what = "cannot sync";
	}
	int err = errno;
	if (fd >= 0 && close(fd) < 0 && !what) {
		what = "cannot close";
		err = errno;
	}
	if (!what && rename(tmp.ptr, path) < 0) {
		what = "cannot rename into place";
		err = errno;
	}
	if (what && fd >= 0)
		unlink(tmp.ptr);
	buf_release(&tmp);
	if (what) {
		diag_add(d, path, 0, NULL, "%s: %s", what, strerror(err));
		return -3;
	}
	output_sync_dir(path);
	return 0;
}

int output_write_atomic(const char *path, const void *data, size_t n,
			struct diag *d)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISDIR(sb.st_mode))
		return output_write_direct(path, data, n, d);
	return output_replace(path, data, n, d);
}

int output_mkdirs(const char *path, struct diag *d)
{
	if (!*path) {
		diag_add(d, NULL, 0, NULL, "empty output directory name");
		return -3;
	}
	char *p = xstrdup(path);
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	int rc = 0;
	/* Each prefix ending before a '/', then the whole path. */
	for (char *s = p + 1;; s++) {
		bool end = *s == '\0';
		if (!end && *s != '/')
			continue;
		*s = '\0';
		struct stat st;
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			diag_add(d, p, 0, NULL, "cannot create directory: %s",
				 strerror(errno));
			rc = -3;
			break;
		}
		if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode)) {
			diag_add(d, p, 0, NULL, "not a directory");
			rc = -3;
			break;
		}
		if (end)
			break;
		*s = '/';
	}
	free(p);
	return rc;
}

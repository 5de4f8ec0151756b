/* output.c - files replaced whole or not at all.
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

static int output_write_all(int fd, const char *p, size_t n)
{
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
	int fd = open(path, O_WRONLY | O_TRUNC);
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

/* Where a file of a set stands. */
struct staged {
	char *tmp;		/* its temporary, NULL once renamed or gone */
	int fd;
	bool direct;		/* a device: written in place, last */
};

/* Creates, fills and syncs f's temporary; the reason on failure. */
static const char *output_stage(const struct output_file *f,
				struct staged *st, int *err)
{
	struct buf tmp = BUF_INIT;
	buf_addf(&tmp, "%s.tmp-XXXXXX", f->path);
	st->tmp = buf_detach(&tmp);
	st->fd = mkstemp(st->tmp);
	const char *what = NULL;
	if (st->fd < 0) {
		free(st->tmp);
		st->tmp = NULL;
		what = "cannot create a temporary file";
	} else if (output_write_all(st->fd, f->data, f->n) < 0) {
		what = "cannot write";
	/* mkstemp makes the file 0600; a report is meant to be shared. */
	} else if (fchmod(st->fd, 0644) < 0) {
		what = "cannot set permissions on";
	}
	*err = errno;
	return what;
}

/* Whether path's directory is that of an earlier file of the set. */
static bool output_dir_seen(const struct output_file *f, size_t i)
{
	char *dir = output_dir_of(f[i].path);
	bool seen = false;
	for (size_t j = 0; j < i && !seen; j++) {
		char *other = output_dir_of(f[j].path);
		seen = strcmp(dir, other) == 0;
		free(other);
	}
	free(dir);
	return seen;
}

/* Every file is written and synced under a temporary name before any is
 * renamed into place: a disk that fills up half-way leaves every old
 * file as it was.  Syncing after all are written lets the file system
 * flush them together; each directory is synced once, at the end. */
int output_write_set(const struct output_file *f, size_t n, struct diag *d)
{
	struct staged *st = xcalloc(n ? n : 1, sizeof(*st));
	const char *what = NULL;
	size_t bad = 0;
	int err = 0;
	bool direct_failed = false;
	for (size_t i = 0; i < n; i++)
		st[i].fd = -1;
	for (size_t i = 0; i < n && !what; i++) {
		struct stat sb;
		st[i].direct = stat(f[i].path, &sb) == 0 &&
			       !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode);
		if (!st[i].direct && (what = output_stage(&f[i], &st[i], &err)))
			bad = i;
	}
	for (size_t i = 0; i < n; i++) {
		if (st[i].fd < 0)
			continue;
		if (!what && fsync(st[i].fd) < 0) {
			what = "cannot sync";
			err = errno;
			bad = i;
		}
		if (close(st[i].fd) < 0 && !what) {
			what = "cannot close";
			err = errno;
			bad = i;
		}
	}
	for (size_t i = 0; i < n && !what; i++) {
		if (st[i].direct) {
			if (output_write_direct(f[i].path, f[i].data, f[i].n,
						d) < 0) {
				direct_failed = true;
				break;
			}
		} else if (rename(st[i].tmp, f[i].path) < 0) {
			what = "cannot rename into place";
			err = errno;
			bad = i;
		} else {
			free(st[i].tmp);
			st[i].tmp = NULL;
		}
	}
	int rc = what || direct_failed ? -3 : 0;
	for (size_t i = 0; i < n; i++) {
		if (st[i].tmp) {
			unlink(st[i].tmp);
			free(st[i].tmp);
		} else if (!rc && !st[i].direct && !output_dir_seen(f, i)) {
			output_sync_dir(f[i].path);
		}
	}
	free(st);
	if (what)
		diag_add(d, f[bad].path, 0, NULL, "%s: %s", what,
			 strerror(err));
	return rc;
}

int output_write_atomic(const char *path, const void *data, size_t n,
			struct diag *d)
{
	struct output_file f = {path, data, n};
	return output_write_set(&f, 1, d);
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

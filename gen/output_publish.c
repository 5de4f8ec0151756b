/* output_publish.c - a report's files published as one set.
 *
 * Renaming files into place one by one leaves a mixed set whenever the
 * run fails or is killed between two renames.  So the unit replaced is
 * the output directory itself: the new set is written into a sibling
 * ".NAME.new-XXXXXX" (same file system), every file synced, and the two
 * directories are swapped with renameat2(RENAME_EXCHANGE), one atomic
 * step; the old one, now under the sibling name, is removed afterwards.
 * Whatever else the user keeps in the directory is hard-linked into the
 * new one before the swap, so it stays (the same inodes).
 *
 * A file system that cannot exchange (EINVAL, or ENOSYS on an old
 * kernel) gets two renames instead: NAME to ".NAME.old-XXXXXX", then the
 * new one to NAME.  That still never shows a mixed set, but for an
 * instant NAME is absent; a run killed right there leaves the old report
 * under ".NAME.old-XXXXXX", and the next run puts it back first.
 *
 * Every step holds flock(2) on the parent directory (no lock file to
 * leave behind; released by the kernel when a run dies), so concurrent
 * runs publish one after the other and a run can clear what a killed one
 * left beside NAME without touching a live run's staging.  Nothing is
 * opened through a link: directories are walked by descriptor with
 * O_NOFOLLOW, and the old directory's files are never opened at all. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "output_impl.h"

/* Files of the user's kept beside a report, and how deep their
 * directories go: past these the directory is not a report's. */
#define OUTPUT_MAX_KEPT 10000
#define OUTPUT_MAX_DEPTH 32

struct publish {
	const char *dir;	/* as given, for messages */
	char *parent, *name;	/* dir split at its last '/' */
	int pfd;		/* the parent, locked */
	const char **paths;	/* the set's paths, sorted */
	size_t n;
	size_t kept;
	struct diag *d;
};

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether path is a file of the set. */
static bool set_file(const struct publish *p, const char *path)
{
	return bsearch(&path, p->paths, p->n, sizeof(*p->paths),
		       cmp_path) != NULL;
}

/* Whether path is a directory of the set: some file lies under it.  The
 * paths under "a/" sort together, from the first one >= "a/". */
static bool set_dir(const struct publish *p, const char *path)
{
	size_t len = strlen(path), lo = 0, hi = p->n;
	struct buf key = BUF_INIT;
	buf_addf(&key, "%s/", path);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(p->paths[mid], buf_cstr(&key)) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	bool under = lo < p->n && !strncmp(p->paths[lo], buf_cstr(&key),
					   len + 1);
	buf_release(&key);
	return under;
}

static bool path_ok(const char *s)
{
	if (!*s || *s == '/')
		return false;
	for (const char *c = s;;) {
		const char *e = strchr(c, '/');
		size_t len = e ? (size_t)(e - c) : strlen(c);
		if (!len || (len == 1 && c[0] == '.') ||
		    (len == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		if (!e)
			return true;
		c = e + 1;
	}
}

/* The set's paths checked and sorted: a path outside the directory, the
 * same path twice or a path that is also a directory is the caller's
 * mistake, refused before anything is touched. */
static int set_paths(struct publish *p, const struct output_file *f,
		     size_t n)
{
	p->paths = xcalloc(n ? n : 1, sizeof(*p->paths));
	p->n = n;
	for (size_t i = 0; i < n; i++) {
		if (!path_ok(f[i].path)) {
			diag_add(p->d, p->dir, 0, NULL,
				 "'%s' is not a path inside the report",
				 f[i].path);
			return -3;
		}
		p->paths[i] = f[i].path;
	}
	qsort(p->paths, n, sizeof(*p->paths), cmp_path);
	for (size_t i = 1; i < n; i++) {
		size_t len = strlen(p->paths[i - 1]);
		if (!strcmp(p->paths[i - 1], p->paths[i]) ||
		    (!strncmp(p->paths[i - 1], p->paths[i], len) &&
		     p->paths[i][len] == '/')) {
			diag_add(p->d, p->dir, 0, NULL,
				 "'%s' is in the report twice", p->paths[i]);
			return -3;
		}
	}
	return 0;
}

/* ---- trees by descriptor ------------------------------------------------ */

static int open_dir_at(int fd, const char *name)
{
	return openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
				    O_CLOEXEC);
}

/* rm -rf name under fd, never following a link (best effort: what cannot
 * be removed is tried again by the next run).  Files go in one call;
 * unlinkat says EISDIR for a directory. */
static void tree_remove(int fd, const char *name, int depth)
{
	if (unlinkat(fd, name, 0) == 0 || errno != EISDIR)
		return;
	int sub = depth < OUTPUT_MAX_DEPTH ? open_dir_at(fd, name) : -1;
	DIR *dh = sub >= 0 ? fdopendir(sub) : NULL;
	if (!dh) {
		if (sub >= 0)
			close(sub);
		return;
	}
	struct dirent *e;
	while ((e = readdir(dh)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			tree_remove(sub, e->d_name, depth + 1);
	closedir(dh);
	(void)unlinkat(fd, name, AT_REMOVEDIR);
}

/* A problem with rel, a path inside the report, named as dir/rel. */
__attribute__((format(printf, 3, 4))) static void
fail_at(struct publish *p, const char *rel, const char *fmt, ...)
{
	struct buf path = BUF_INIT, msg = BUF_INIT;
	buf_addf(&path, "%s/%s", p->dir, rel);
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag_add(p->d, buf_cstr(&path), 0, NULL, "%s", buf_cstr(&msg));
	buf_release(&path);
	buf_release(&msg);
}

static const char *kind_of(mode_t m)
{
	return S_ISDIR(m)   ? "a directory"
	       : S_ISLNK(m) ? "a symbolic link"
	       : S_ISFIFO(m) ? "a FIFO"
	       : S_ISCHR(m) || S_ISBLK(m) ? "a device"
	       : S_ISSOCK(m)		   ? "a socket"
					   : "not a regular file";
}

/* "report.html.tmp-XXXXXX" beside a file of the set: what a run of an
 * older ttfv left when it was killed; not carried over, so it goes. */
static bool stale_temporary(const struct publish *p, const char *path)
{
	const char *t = strstr(path, ".tmp-");
	if (!t || strlen(t) != 11 || strchr(t, '/'))
		return false;
	char *base = xstrndup(path, (size_t)(t - path));
	bool stale = set_file(p, base);
	free(base);
	return stale;
}

/* Every entry of the old directory old (at prefix inside the report)
 * that is not the set's, hard-linked or (directories) re-made in new;
 * the set's own names are checked to be what the set puts there. */
static int carry(struct publish *p, int old, int new, const char *prefix,
		 int depth)
{
	int dup_fd = dup(old);
	DIR *dh = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	if (!dh) {
		if (dup_fd >= 0)
			close(dup_fd);
		diag_add(p->d, p->dir, 0, NULL, "cannot read %s: %s",
			 *prefix ? prefix : "the directory", strerror(errno));
		return -3;
	}
	int rc = 0;
	struct buf path = BUF_INIT;
	struct dirent *e;
	while (rc == 0 && (e = readdir(dh))) {
		const char *name = e->d_name;
		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s%s", prefix, name);
		const char *rel = buf_cstr(&path);
		struct stat st;
		if (fstatat(old, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;	/* gone meanwhile */
		bool file = set_file(p, rel), dir = !file && set_dir(p, rel);
		if ((file && !S_ISREG(st.st_mode)) ||
		    (dir && !S_ISDIR(st.st_mode))) {
			fail_at(p, rel,
				"%s where the report writes a %s; remove it "
				"or choose another --out",
				kind_of(st.st_mode), file ? "file" : "directory");
			rc = -3;
		} else if (file || stale_temporary(p, rel)) {
			continue;
		} else if (!dir && ++p->kept > OUTPUT_MAX_KEPT) {
			diag_add(p->d, p->dir, 0, NULL,
				 "holds more than %d files that are not the "
				 "report's; give the report a directory of "
				 "its own",
				 OUTPUT_MAX_KEPT);
			rc = -3;
		} else if (!S_ISDIR(st.st_mode)) {
			if (linkat(old, name, new, name, 0) < 0) {
				fail_at(p, rel,
					"cannot keep it in the new report "
					"directory: %s",
					strerror(errno));
				rc = -3;
			}
		} else if (depth >= OUTPUT_MAX_DEPTH) {
			fail_at(p, rel, "directories nested too deep");
			rc = -3;
		} else {
			if (!dir)
				(void)mkdirat(new, name, st.st_mode & 07777);
			int o = open_dir_at(old, name);
			int nw = open_dir_at(new, name);
			if (o < 0 || nw < 0) {
				fail_at(p, rel, "cannot keep it: %s",
					strerror(errno));
				rc = -3;
			} else {
				buf_putc(&path, '/');
				rc = carry(p, o, nw, buf_cstr(&path),
					   depth + 1);
			}
			if (nw >= 0) {
				(void)fsync(nw);
				close(nw);
			}
			if (o >= 0)
				close(o);
		}
	}
	closedir(dh);
	buf_release(&path);
	return rc;
}

/* ---- the new directory ------------------------------------------------- */

/* The directory path's file goes in, made as needed under root: its
 * descriptor, or -1 with errno set.  *base is the file's own name. */
static int stage_dir_of(int root, const char *path, const char **base)
{
	int fd = dup(root);
	const char *c = path, *e;
	while (fd >= 0 && (e = strchr(c, '/'))) {
		char *part = xstrndup(c, (size_t)(e - c));
		if (mkdirat(fd, part, 0777) < 0 && errno != EEXIST) {
			free(part);
			close(fd);
			return -1;
		}
		int sub = open_dir_at(fd, part);
		free(part);
		close(fd);
		fd = sub;
		c = e + 1;
	}
	*base = c;
	return fd;
}

/* The directory the last file went into, kept open for the next one:
 * a report's charts are twelve files in one directory. */
struct stage_dir {
	char *prefix;		/* "charts/", "" for the root */
	int fd;
};

static int stage_file(struct publish *p, int root, struct stage_dir *sd,
		      const struct output_file *f)
{
	const char *base = strrchr(f->path, '/');
	size_t plen = base ? (size_t)(base - f->path) + 1 : 0;
	base = f->path + plen;
	if (sd->fd < 0 || strlen(sd->prefix) != plen ||
	    strncmp(sd->prefix, f->path, plen)) {
		if (sd->fd >= 0)
			close(sd->fd);
		free(sd->prefix);
		sd->prefix = xstrndup(f->path, plen);
		sd->fd = stage_dir_of(root, sd->prefix, &base);
		base = f->path + plen;
	}
	const char *what = "cannot create";
	int fd = sd->fd < 0 ? -1
			    : openat(sd->fd, base,
				     O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
					     O_CLOEXEC,
				     0666);
	int err = errno;
	if (fd >= 0) {
		if (output_write_all(fd, f->data, f->n) < 0)
			what = "cannot write";
		else if (fsync(fd) < 0)
			what = "cannot sync";
		else
			what = NULL;
		err = errno;
		if (close(fd) < 0 && !what) {
			what = "cannot close";
			err = errno;
		}
	}
	if (!what)
		return 0;
	fail_at(p, f->path, "%s: %s", what, strerror(err));
	return -3;
}

/* Every directory of the set synced, so the names survive a crash as the
 * data does: the paths under one directory sort together, so each is
 * synced once. */
static void stage_sync_dirs(const struct publish *p, int root)
{
	for (size_t i = 0; i < p->n; i++) {
		const char *path = p->paths[i];
		for (const char *e = path; (e = strchr(e, '/')); e++) {
			size_t len = (size_t)(e - path);
			if (i && !strncmp(p->paths[i - 1], path, len + 1))
				continue;
			const char *base;
			char *sub = xstrndup(path, len + 1);
			int fd = stage_dir_of(root, sub, &base);
			free(sub);
			if (fd >= 0) {
				(void)fsync(fd);
				close(fd);
			}
		}
	}
	(void)fsync(root);
}

/* ---- the swap ---------------------------------------------------------- */

/* ".NAME.new-" or ".NAME.old-" followed by mkdtemp's six characters. */
static bool sibling_of(const struct publish *p, const char *entry,
		       const char *kind)
{
	size_t len = strlen(p->name);
	return entry[0] == '.' && !strncmp(entry + 1, p->name, len) &&
	       entry[len + 1] == '.' && !strncmp(entry + len + 2, kind, 4) &&
	       strlen(entry + len + 6) == 6;
}

/* What killed runs left beside NAME: their staging directories (a
 * report never published, or the old one after the swap) go; an old
 * report moved aside by the two-rename fallback comes back when NAME is
 * missing. */
static void clear_killed(struct publish *p)
{
	int fd = dup(p->pfd);
	DIR *dh = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dh) {
		if (fd >= 0)
			close(fd);
		return;
	}
	struct stat st;
	bool have = fstatat(p->pfd, p->name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	struct dirent *e;
	while ((e = readdir(dh))) {
		if (!have && sibling_of(p, e->d_name, "old-") &&
		    renameat(p->pfd, e->d_name, p->pfd, p->name) == 0)
			have = true;
		else if (sibling_of(p, e->d_name, "new-") ||
			 sibling_of(p, e->d_name, "old-"))
			tree_remove(p->pfd, e->d_name, 0);
	}
	closedir(dh);
}

/* The new directory into NAME's place; *old_at names where the old one
 * went (NULL when there was none).  0 or -3. */
static int swap_in(struct publish *p, const char *stage, bool exists,
		   char **old_at)
{
	*old_at = NULL;
	unsigned flags = exists ? RENAME_EXCHANGE : RENAME_NOREPLACE;
	if (renameat2(p->pfd, stage, p->pfd, p->name, flags) == 0) {
		if (exists)
			*old_at = xstrdup(stage);
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS) {
		diag_add(p->d, p->dir, 0, NULL, "cannot replace: %s",
			 strerror(errno));
		return -3;
	}
	/* the file system cannot exchange: old aside, then new in */
	struct buf aside = BUF_INIT;
	buf_addf(&aside, ".%s.old-%s", p->name, stage + strlen(stage) - 6);
	if (exists && renameat(p->pfd, p->name, p->pfd, buf_cstr(&aside)) < 0) {
		diag_add(p->d, p->dir, 0, NULL, "cannot replace: %s",
			 strerror(errno));
		buf_release(&aside);
		return -3;
	}
	if (renameat(p->pfd, stage, p->pfd, p->name) < 0) {
		int err = errno;
		if (exists)
			(void)renameat(p->pfd, buf_cstr(&aside), p->pfd,
				       p->name);
		diag_add(p->d, p->dir, 0, NULL, "cannot replace: %s",
			 strerror(err));
		buf_release(&aside);
		return -3;
	}
	*old_at = exists ? buf_detach(&aside) : NULL;
	buf_release(&aside);
	return 0;
}

/* The whole set into a new directory beside NAME, the user's other files
 * linked in, then swapped with NAME. */
static int publish_locked(struct publish *p, const struct output_file *f,
			  size_t n)
{
	clear_killed(p);
	struct stat st;
	bool exists = fstatat(p->pfd, p->name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (exists && !S_ISDIR(st.st_mode)) {
		diag_add(p->d, p->dir, 0, NULL,
			 "%s, not a directory; give --out a directory of "
			 "the report's own",
			 kind_of(st.st_mode));
		return -3;
	}
	struct buf stage = BUF_INIT;
	buf_addf(&stage, "%s/.%s.new-XXXXXX", p->parent, p->name);
	if (!mkdtemp(stage.ptr)) {
		diag_add(p->d, p->dir, 0, NULL,
			 "cannot create a directory beside it: %s",
			 strerror(errno));
		buf_release(&stage);
		return -3;
	}
	const char *sname = strrchr(buf_cstr(&stage), '/') + 1;
	int root = open_dir_at(p->pfd, sname);
	int rc = root < 0 ? -3 : 0;
	if (rc)
		diag_add(p->d, p->dir, 0, NULL, "cannot open %s: %s", sname,
			 strerror(errno));
	struct stage_dir sd = {NULL, -1};
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = stage_file(p, root, &sd, &f[i]);
	if (sd.fd >= 0)
		close(sd.fd);
	free(sd.prefix);
	if (rc == 0 && exists) {
		int old = open_dir_at(p->pfd, p->name);
		rc = old < 0 ? -3 : carry(p, old, root, "", 0);
		if (old < 0)
			diag_add(p->d, p->dir, 0, NULL, "cannot open: %s",
				 strerror(errno));
		else
			close(old);
	}
	if (rc == 0) {
		/* mkdtemp's 0700 would hide the report from its readers */
		mode_t um = umask(0);
		umask(um);
		if (fchmod(root, exists ? st.st_mode & 07777 : 0777 & ~um) < 0) {
			diag_add(p->d, p->dir, 0, NULL,
				 "cannot set permissions: %s", strerror(errno));
			rc = -3;
		}
	}
	if (rc == 0)
		stage_sync_dirs(p, root);
	if (root >= 0)
		close(root);
	char *old_at = NULL;
	if (rc == 0)
		rc = swap_in(p, sname, exists, &old_at);
	if (rc == 0)
		(void)fsync(p->pfd);
	tree_remove(p->pfd, old_at ? old_at : sname, 0);
	free(old_at);
	buf_release(&stage);
	return rc;
}

/* dir split into parent and last component; "." ".." and "/" name no
 * directory that could be swapped. */
static int split_dir(struct publish *p)
{
	char *s = xstrdup(p->dir);
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	char *slash = strrchr(s, '/');
	const char *name = slash ? slash + 1 : s;
	if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) {
		free(s);
		diag_add(p->d, p->dir, 0, NULL,
			 "--out must name the report's own directory (not "
			 "\".\", \"..\" or \"/\"): ttfv replaces it as a "
			 "whole");
		return -3;
	}
	p->name = xstrdup(name);
	if (!slash)
		p->parent = xstrdup(".");
	else if (slash == s)
		p->parent = xstrdup("/");
	else
		p->parent = xstrndup(s, (size_t)(slash - s));
	free(s);
	return 0;
}

int output_write_set(const char *dir, const struct output_file *f, size_t n,
		     struct diag *d)
{
	struct publish p = {.dir = dir, .pfd = -1, .d = d};
	int rc = split_dir(&p);
	if (rc == 0)
		rc = set_paths(&p, f, n);
	if (rc == 0)
		rc = output_mkdirs(p.parent, d);
	if (rc == 0) {
		p.pfd = open(p.parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		/* a file system without locks (some NFS set-ups) still gets
		 * the swap, only not the turn-taking */
		if (p.pfd < 0 || (flock(p.pfd, LOCK_EX) < 0 &&
				  errno != ENOLCK && errno != EOPNOTSUPP)) {
			diag_add(d, p.parent, 0, NULL, "cannot %s: %s",
				 p.pfd < 0 ? "open" : "lock",
				 strerror(errno));
			rc = -3;
		}
	}
	if (rc == 0)
		rc = publish_locked(&p, f, n);
	if (p.pfd >= 0)
		close(p.pfd);
	free(p.paths);
	free(p.parent);
	free(p.name);
	return rc;
}

/* output_publish.c - a report's files published as one set.
 *
 * Renaming files into place one by one leaves a mixed set whenever the
 * run fails or is killed between two renames.  So the unit replaced is
 * the output directory itself: the new set is written into a sibling
 * ".NAME.new-XXXXXX" (same file system), file by file as the caller makes
 * them, and the two directories are swapped with
 * renameat2(RENAME_EXCHANGE), one atomic step; the old one, now under the
 * sibling name, is removed afterwards.
 *
 * The swap may reach the disk only after everything it points to: one
 * syncfs(2) of the staged directory's file system before it writes every
 * file's data and every directory entry of the set (and reports a write
 * that failed, Linux 5.8 on), and an fsync of the parent after it makes
 * the swap itself durable.  A crash at any instant leaves the old set or
 * the new one, whole.  One call instead of one fsync per file: a run's
 * thousands of QBR files cost one journal commit, not thousands.
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

/* The directory the last file went into, kept open for the next one:
 * a report's charts are twelve files in one directory. */
struct stage_dir {
	char *prefix;		/* "charts/", "" for the root */
	int fd;
};

struct publish {
	char *dir;		/* as given, for messages */
	char *parent, *name;	/* dir split at its last '/' */
	int pfd;		/* the parent, locked */
	bool exists;		/* dir was there, a directory of mode */
	mode_t mode;
	struct buf stage;	/* PARENT/.NAME.new-XXXXXX */
	const char *sname;	/* its last component */
	int root;		/* the staged directory */
	struct stage_dir sd;
	char **paths;		/* the set's paths so far; sorted at commit */
	size_t n, cap;
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

static int not_inside(const char *dir, const char *path, struct diag *d)
{
	diag_add(d, dir, 0, NULL, "'%s' is not a path inside the report",
		 path);
	return -3;
}

/* paths[0..n) sorted, and none twice or also a directory of another:
 * the caller's mistake. */
static int paths_sort_check(const char *dir, char **paths, size_t n,
			    struct diag *d)
{
	qsort(paths, n, sizeof(*paths), cmp_path);
	for (size_t i = 1; i < n; i++) {
		size_t len = strlen(paths[i - 1]);
		if (!strcmp(paths[i - 1], paths[i]) ||
		    (!strncmp(paths[i - 1], paths[i], len) &&
		     paths[i][len] == '/')) {
			diag_add(d, dir, 0, NULL,
				 "'%s' is in the report twice", paths[i]);
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
			if (nw >= 0)
				close(nw);
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

static int stage_file(struct publish *p, const char *path,
		      const void *data, size_t n)
{
	struct stage_dir *sd = &p->sd;
	const char *base = strrchr(path, '/');
	size_t plen = base ? (size_t)(base - path) + 1 : 0;
	base = path + plen;
	if (sd->fd < 0 || strlen(sd->prefix) != plen ||
	    strncmp(sd->prefix, path, plen)) {
		if (sd->fd >= 0)
			close(sd->fd);
		free(sd->prefix);
		sd->prefix = xstrndup(path, plen);
		sd->fd = stage_dir_of(p->root, sd->prefix, &base);
		base = path + plen;
	}
	const char *what = "cannot create";
	int fd = sd->fd < 0 ? -1
			    : openat(sd->fd, base,
				     O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
					     O_CLOEXEC,
				     0666);
	int err = errno;
	if (fd >= 0) {
		what = output_write_all(fd, data, n) < 0 ? "cannot write"
							 : NULL;
		err = errno;
		if (close(fd) < 0 && !what) {
			what = "cannot close";
			err = errno;
		}
	}
	if (!what)
		return 0;
	fail_at(p, path, "%s: %s", what, strerror(err));
	return -3;
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

static void stage_release(struct publish *p)
{
	if (p->sd.fd >= 0)
		close(p->sd.fd);
	free(p->sd.prefix);
	if (p->root >= 0)
		close(p->root);
	if (p->pfd >= 0)
		close(p->pfd);
	for (size_t i = 0; i < p->n; i++)
		free(p->paths[i]);
	free(p->paths);
	buf_release(&p->stage);
	free(p->parent);
	free(p->name);
	free(p->dir);
	free(p);	/* the output_stage, whose first member it is */
}

/* Locked, what killed runs left cleared, and a new directory beside
 * NAME to write into. */
static int stage_open(struct publish *p)
{
	int rc = split_dir(p);
	if (rc == 0)
		rc = output_mkdirs(p->parent, p->d);
	if (rc)
		return rc;
	p->pfd = open(p->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* a file system without locks (some NFS set-ups) still gets the
	 * swap, only not the turn-taking */
	if (p->pfd < 0 || (flock(p->pfd, LOCK_EX) < 0 && errno != ENOLCK &&
			   errno != EOPNOTSUPP)) {
		diag_add(p->d, p->parent, 0, NULL, "cannot %s: %s",
			 p->pfd < 0 ? "open" : "lock", strerror(errno));
		return -3;
	}
	clear_killed(p);
	struct stat st;
	p->exists = fstatat(p->pfd, p->name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (p->exists && !S_ISDIR(st.st_mode)) {
		diag_add(p->d, p->dir, 0, NULL,
			 "%s, not a directory; give --out a directory of "
			 "the report's own",
			 kind_of(st.st_mode));
		return -3;
	}
	p->mode = p->exists ? st.st_mode & 07777 : 0;
	buf_addf(&p->stage, "%s/.%s.new-XXXXXX", p->parent, p->name);
	if (!mkdtemp(p->stage.ptr)) {
		diag_add(p->d, p->dir, 0, NULL,
			 "cannot create a directory beside it: %s",
			 strerror(errno));
		return -3;
	}
	p->sname = strrchr(buf_cstr(&p->stage), '/') + 1;
	p->root = open_dir_at(p->pfd, p->sname);
	if (p->root < 0) {
		diag_add(p->d, p->dir, 0, NULL, "cannot open %s: %s", p->sname,
			 strerror(errno));
		return -3;
	}
	return 0;
}

/* The public handle: a publishing under way. */
struct output_stage {
	struct publish p;
};

int output_stage_begin(const char *dir, struct output_stage **out,
		       struct diag *d)
{
	struct output_stage *st = xcalloc(1, sizeof(*st));
	struct publish *p = &st->p;
	p->dir = xstrdup(dir);
	p->pfd = p->root = p->sd.fd = -1;
	p->stage = (struct buf)BUF_INIT;
	p->d = d;
	int rc = stage_open(p);
	if (rc) {
		output_stage_abort(st);
		st = NULL;
	}
	*out = st;
	return rc;
}

int output_stage_add(struct output_stage *st, const char *path,
		     const void *data, size_t n)
{
	struct publish *p = &st->p;
	if (!path_ok(path))
		return not_inside(p->dir, path, p->d);
	VEC_RESERVE(p->paths, p->cap, p->n + 1);
	p->paths[p->n++] = xstrdup(path);
	return stage_file(p, path, data, n);
}

void output_stage_abort(struct output_stage *st)
{
	if (!st)
		return;
	struct publish *p = &st->p;
	if (p->sname)
		tree_remove(p->pfd, p->sname, 0);
	stage_release(p);
}

int output_stage_commit(struct output_stage *st)
{
	struct publish *p = &st->p;
	int rc = paths_sort_check(p->dir, p->paths, p->n, p->d);
	if (rc == 0 && p->exists) {
		int old = open_dir_at(p->pfd, p->name);
		rc = old < 0 ? -3 : carry(p, old, p->root, "", 0);
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
		if (fchmod(p->root, p->exists ? p->mode : 0777 & ~um) < 0) {
			diag_add(p->d, p->dir, 0, NULL,
				 "cannot set permissions: %s", strerror(errno));
			rc = -3;
		}
	}
	/* every file and name of the set on the disk before the swap */
	if (rc == 0 && syncfs(p->root) < 0) {
		diag_add(p->d, p->dir, 0, NULL, "cannot sync: %s",
			 strerror(errno));
		rc = -3;
	}
	char *old_at = NULL;
	if (rc == 0)
		rc = swap_in(p, p->sname, p->exists, &old_at);
	if (rc == 0)
		(void)fsync(p->pfd);
	tree_remove(p->pfd, old_at ? old_at : p->sname, 0);
	free(old_at);
	p->sname = NULL;
	stage_release(p);
	return rc;
}

int output_write_set(const char *dir, const struct output_file *f, size_t n,
		     struct diag *d)
{
	/* the caller's mistakes refused before anything is touched */
	char **paths = xcalloc(n ? n : 1, sizeof(*paths));
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!path_ok(f[i].path))
			rc = not_inside(dir, f[i].path, d);
		paths[i] = (char *)f[i].path;
	}
	if (rc == 0)
		rc = paths_sort_check(dir, paths, n, d);
	free(paths);
	struct output_stage *st = NULL;
	if (rc == 0)
		rc = output_stage_begin(dir, &st, d);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = output_stage_add(st, f[i].path, f[i].data, f[i].n);
	if (rc)
		output_stage_abort(st);
	else
		rc = output_stage_commit(st);
	return rc;
}
